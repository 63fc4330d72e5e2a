//! Invariants over generated inputs: nothing is lost between rows read and rows
//! accounted for, and amounts written in any dialect read back exactly.

use std::io::Cursor;

use proptest::prelude::*;
use rust_decimal::Decimal;

use portfolio::analysis::revenue::listed;
use portfolio::ingest::{self, Input, Options};
use portfolio::report::i18n;

fn load(text: String) -> Result<ingest::Loaded, ingest::error::IngestError> {
    let input = Input::stream("generated.csv", Box::new(Cursor::new(text.into_bytes())));
    ingest::load(input, None, None, &Options::default())
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Total".to_string()),
        Just("draft".to_string()),
        Just("avoir".to_string()),
        "[A-Za-zé ]{1,8}",
        "[0-9]{1,2}/[0-9]{1,2}/20[0-9]{2}",
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}",
        "-?[0-9]{1,6}([.,][0-9]{1,3})?",
        "\"[^\"]{0,6}\"",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rows_read_equal_used_plus_excluded_plus_rejected(rows in prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..40)) {
        let mut text = String::from("Date,Client,Amount,Status\n");
        for row in &rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        if let Ok(loaded) = load(text) {
            let s = &loaded.inputs.invoices;
            prop_assert!(s.is_balanced(), "{s:?}");
            let counted: u64 = loaded.dataset.clients.iter().flat_map(|c| c.years.values()).map(|y| u64::from(y.rows)).sum();
            prop_assert_eq!(counted, s.used);
        }
    }

    #[test]
    fn formatted_amounts_read_back_exactly(units in -10_000_000_000i64..10_000_000_000i64, french in any::<bool>()) {
        let value = Decimal::new(units, 2);
        let lang = if french { i18n::Lang::Fr } else { i18n::Lang::En };
        let written = i18n::amount(lang, value);
        let delimiter = if french { ';' } else { ',' };
        let text = format!("Date{delimiter}Client{delimiter}Amount\n2024-01-01{delimiter}A{delimiter}\"{written}\"\n");
        let loaded = load(text).unwrap();
        prop_assert_eq!(loaded.inputs.invoices.used, 1);
        let total = loaded.dataset.clients[0].years.get(&2024).map(|y| y.total);
        prop_assert_eq!(total, Some(value), "{} read as {:?}", written, total);
    }
}

fn render_all(loaded: ingest::Loaded) {
    use portfolio::analysis::{analyze, Params};
    use portfolio::report::{self, Format, RenderOptions, Report, Section};
    let Ok(analysis) = analyze(&loaded.dataset, &Params::default()) else {
        return;
    };
    let report = Report {
        tool: "portfolio test".into(),
        currency: loaded.dataset.currency.clone(),
        analysis,
        clients: loaded.dataset.clients,
        inputs: loaded.inputs,
        dormant_after_months: 12,
        warnings: loaded
            .warnings
            .iter()
            .cloned()
            .map(report::warnings::Message::Input)
            .collect(),
        group: None,
    };
    let sections = [
        Section::All,
        Section::Segments,
        Section::Risk,
        Section::Retention,
        Section::Nps,
        Section::Referrals,
        Section::Plan,
    ];
    let formats = [
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Csv,
    ];
    for format in formats {
        for lang in [i18n::Lang::En, i18n::Lang::Fr] {
            for section in sections {
                let mut out = Vec::new();
                let rendered = report::render(
                    &report,
                    format,
                    &RenderOptions {
                        color: false,
                        lang,
                        section,
                        width: Some(80),
                        threads: 2,
                    },
                    &mut out,
                );
                if format == Format::Csv && section == Section::All {
                    assert!(rendered.is_err(), "the whole report is not one CSV table");
                    continue;
                }
                rendered.unwrap();
                if format == Format::Json {
                    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
                    let errors: Vec<String> =
                        schema().iter_errors(&json).map(|e| e.to_string()).collect();
                    assert!(errors.is_empty(), "{section:?}: {errors:?}");
                }
            }
        }
    }
}

/// The shipped JSON Schema, compiled once.
fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/portfolio.schema.json");
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

fn messy_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        cell(),
        "[ -~]{0,12}",
        "\\PC{0,6}",
        Just("(12)".to_string()),
        Just("1e308".to_string()),
        Just("79228162514264337593543950335".to_string()),
        Just("'-100".to_string()),
        Just("31/02/2024".to_string()),
        Just("9999-12-31".to_string()),
        Just("\"a\nb\"".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let input = Input::stream("noise", Box::new(Cursor::new(bytes)));
        if let Ok(loaded) = ingest::load(input, None, None, &Options::default()) {
            prop_assert!(loaded.inputs.invoices.is_balanced());
            render_all(loaded);
        }
    }

    #[test]
    fn messy_tables_never_panic(
        delimiter in prop::sample::select(vec![',', ';', '\t', '|']),
        rows in prop::collection::vec(prop::collection::vec(messy_cell(), 0..7), 0..30),
    ) {
        let d = delimiter.to_string();
        let mut text = ["Date", "Client", "Montant HT", "Statut", "Devise", "N° facture"].join(&d);
        text.push('\n');
        for row in &rows {
            text.push_str(&row.join(&d));
            text.push('\n');
        }
        if let Ok(loaded) = load(text) {
            prop_assert!(loaded.inputs.invoices.is_balanced());
            render_all(loaded);
        }
    }
}

/// One generated invoice line: client, year, month, amount in cents, kind, intermediary.
fn invoice_line() -> impl Strategy<Value = (u8, i32, u32, i64, u8, bool)> {
    (
        0u8..8,
        2020i32..2025,
        1u32..13,
        -50_000i64..900_000,
        0u8..6,
        any::<bool>(),
    )
}

fn portfolio_csv(lines: &[(u8, i32, u32, i64, u8, bool)]) -> String {
    let mut text = String::from("Date,Client,Amount,Kind,Intermediary\n");
    for (client, year, month, cents, kind, via) in lines {
        let kind = match kind {
            0 => "subcontracting",
            1 => "royalties",
            _ => "service",
        };
        let via = if *via && *client % 3 == 0 { "Malt" } else { "" };
        text.push_str(&format!(
            "{year}-{month:02}-15,Client {client},{},{kind},{via}\n",
            Decimal::new(*cents, 2)
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn portfolio_invariants(lines in prop::collection::vec(invoice_line(), 1..60)) {
        use portfolio::analysis::{analyze, Params};
        let loaded = load(portfolio_csv(&lines)).unwrap();
        let analysis = analyze(&loaded.dataset, &Params::default()).unwrap();
        let tolerance = Decimal::new(1, 6);
        let hundred = Decimal::ONE_HUNDRED;
        for (year, segments) in analysis.revenue.years.iter().zip(&analysis.segments.years) {
            prop_assert_eq!(year.year, segments.year);
            let revenue: Decimal = segments.primary.iter().map(|(_, f)| f.revenue).sum();
            prop_assert_eq!(revenue, year.revenue, "segments lose no revenue");
            if year.revenue > Decimal::ZERO {
                let exact: Decimal = segments.primary.iter().filter_map(|(_, f)| f.share).sum();
                prop_assert!((exact - hundred).abs() < tolerance, "exact shares sum to {}", exact);
                let shown: Decimal = segments.primary.iter().filter_map(|(_, f)| f.share_shown).sum();
                prop_assert_eq!(shown, hundred, "rounded shares sum to {}", shown);
            }
        }
        for (year, retention) in analysis.revenue.years.iter().zip(&analysis.retention.years) {
            prop_assert_eq!(retention.active, retention.new + retention.retained + retention.reactivated);
            prop_assert_eq!(retention.active, year.active_clients);
        }
        // Revenue without the top client + its revenue = revenue.
        if let (Some(stress), Some((_, risk))) = (&analysis.stress.focus_year, analysis.risk.years.iter().find(|(y, _)| Some(*y) == analysis.revenue.period.focus_year)) {
            if let (Some(without), Some(top)) = (&stress.without_top_client, risk.largest_clients.first()) {
                prop_assert_eq!(without.revenue + top.revenue, stress.revenue);
                prop_assert_eq!(&without.name, &top.name);
            }
        }
        for (_, risk) in &analysis.risk.years {
            let Some(hhi) = risk.hhi else { continue };
            let active = Decimal::from(risk.active_clients);
            prop_assert!(hhi >= Decimal::from(10_000) / active - tolerance, "HHI {} with {} clients", hhi, active);
            prop_assert!(hhi <= Decimal::from(10_000) + tolerance, "HHI {}", hhi);
            let top = risk.top_client.as_ref().and_then(|c| c.share).unwrap();
            prop_assert!(top >= hundred / active - tolerance, "top share {} with {} clients", top, active);
        }
    }
}

/// One generated clients-file row: who referred the client (any client, itself
/// included, so cycles and self-referrals come up) and its score.
fn profile_row() -> impl Strategy<Value = (Option<u8>, Option<u8>, u32)> {
    (
        prop::option::of(0u8..8),
        prop::option::of(0u8..=10),
        1u32..13,
    )
}

fn clients_csv(rows: &[(Option<u8>, Option<u8>, u32)]) -> String {
    let mut text = String::from("Client,Referred by,NPS,NPS date\n");
    for (i, (referrer, score, month)) in rows.iter().enumerate() {
        let referrer = referrer.map(|r| format!("client  {r}")).unwrap_or_default();
        let score = score.map(|s| s.to_string()).unwrap_or_default();
        text.push_str(&format!(
            "Client {i},{referrer},{score},2024-{month:02}-01\n"
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn nps_and_referral_invariants(
        lines in prop::collection::vec(invoice_line(), 1..60),
        profiles in prop::collection::vec(profile_row(), 0..8),
    ) {
        use portfolio::analysis::{analyze, Params};
        let input = |name: &str, text: String| Input::stream(name.to_string(), Box::new(Cursor::new(text.into_bytes())));
        let loaded = ingest::load(
            input("invoices.csv", portfolio_csv(&lines)),
            Some(input("clients.csv", clients_csv(&profiles))),
            None,
            &Options::default(),
        )
        .unwrap();
        // Every referral earns 7.5 % (the settings file's default rate).
        let rate = Decimal::new(75, 1);
        let params = Params { commission_rate: Some(rate), ..Params::default() };
        let analysis = analyze(&loaded.dataset, &params).unwrap();
        let hundred = Decimal::ONE_HUNDRED;
        // A referrer's commission is the rate × the revenue of the clients it lists,
        // rounded once to the cent.
        for referrer in &analysis.referrers {
            for year in &referrer.years {
                let listed: Decimal = referrer
                    .referred
                    .iter()
                    .filter_map(|n| loaded.dataset.clients.iter().find(|c| c.name == n))
                    .map(|c| analysis.revenue.revenue_in(c, year.year))
                    .filter(|r| *r > Decimal::ZERO)
                    .sum();
                prop_assert_eq!(year.revenue, listed);
                let expected = (listed * rate / hundred)
                    .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                prop_assert_eq!(year.commission, Some(expected), "{} {}", &referrer.name, year.year);
            }
        }
        let mut summaries = vec![&analysis.nps.overall];
        summaries.extend(analysis.nps.years.iter().map(|(_, s)| s));
        for s in summaries {
            prop_assert_eq!(s.responses, s.promoters + s.passives + s.detractors);
            if let Some(nps) = s.nps {
                prop_assert!(nps >= -hundred && nps <= hundred, "NPS {}", nps);
                let margin = s.margin_of_error_95.unwrap();
                prop_assert!(margin >= Decimal::ZERO && margin <= Decimal::from(196), "margin {}", margin);
            }
        }
        if let Some(weighted) = analysis.nps.revenue_weighted_nps {
            prop_assert!(weighted >= -hundred && weighted <= hundred, "weighted NPS {}", weighted);
        }
        // A referrer's direct revenue is the lifetime revenue of the clients it referred.
        let lifetime = |name: &str| {
            let client = analysis.revenue.clients.iter().find(|c| listed(&loaded.dataset.clients, c.client).name == name);
            client.map_or(Decimal::ZERO, |c| c.lifetime_revenue)
        };
        for referrer in &analysis.referrers {
            let direct: Decimal = referrer.referred.iter().map(|n| lifetime(n)).sum();
            prop_assert_eq!(referrer.revenue_lifetime, direct, "{}", &referrer.name);
            prop_assert!(!referrer.referred.contains(&referrer.name), "{} referred itself", &referrer.name);
        }
        // Channels lose no revenue, and their shown shares sum to 100.
        for (year, channels) in analysis.revenue.years.iter().zip(&analysis.channels.years) {
            let revenue: Decimal = channels.channels.iter().map(|c| c.revenue).sum();
            prop_assert_eq!(revenue, year.revenue);
            if year.revenue > Decimal::ZERO {
                let shown: Decimal = channels.channels.iter().filter_map(|c| c.share_shown).sum();
                prop_assert_eq!(shown, hundred);
            }
            let new: u64 = channels.channels.iter().map(|c| c.new_clients).sum();
            prop_assert_eq!(new, channels.new_clients);
        }
        render_all(loaded);
    }
}

/// One generated invoice with its payment: client, day of 2024, amount in cents, days
/// to pay (none: unpaid), and the balance left in hundredths of the amount.
fn paid_invoice() -> impl Strategy<Value = (u8, u32, i64, Option<u32>, u8)> {
    (
        0u8..6,
        0u32..366,
        1i64..500_000,
        prop::option::of(0u32..200),
        prop_oneof![Just(0u8), 0u8..100],
    )
}

fn payments_csv(lines: &[(u8, u32, i64, Option<u32>, u8)]) -> String {
    let day = |n: u32| {
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
    };
    let mut text = String::from("Date,Client,Amount,Paid date,Balance\n");
    for (client, on, cents, pays_after, left) in lines {
        let amount = Decimal::new(*cents, 2);
        let balance = (amount * Decimal::from(*left) / Decimal::ONE_HUNDRED).round_dp(2);
        let paid = pays_after.map(|after| day(on + after).to_string());
        // Unpaid invoices owe all of it.
        let balance = if paid.is_some() { balance } else { amount };
        text.push_str(&format!(
            "{},Client {client},{amount},{},{balance}\n",
            day(*on),
            paid.unwrap_or_default()
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Receivables buckets sum to their total, and cash-basis revenue over all years plus
    /// what is still unpaid is the invoice-basis revenue.
    #[test]
    fn payment_invariants(lines in prop::collection::vec(paid_invoice(), 1..40)) {
        use portfolio::analysis::{analyze, Params};
        use portfolio::model::Basis;
        let text = payments_csv(&lines);
        // Late enough that every payment is known: what is owed is what the file says.
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31);
        let params = Params::default();
        let mut totals = Vec::new();
        for basis in [Basis::Invoice, Basis::Cash] {
            let options = Options { basis, as_of, ..Options::default() };
            let input = Input::stream("generated.csv", Box::new(Cursor::new(text.clone().into_bytes())));
            let loaded = ingest::load(input, None, None, &options).unwrap();
            let analysis = analyze(&loaded.dataset, &params).unwrap();
            let revenue: Decimal = analysis.revenue.years.iter().map(|y| y.revenue).sum();
            let payments = analysis.payments.unwrap();
            let r = &payments.receivables;
            let bucketed: Decimal = r.buckets.entries().iter().map(|(_, m)| *m).sum();
            prop_assert_eq!(bucketed, r.total);
            let per_client: Decimal = r.clients.iter().map(|c| c.total).sum();
            prop_assert_eq!(per_client, r.total);
            totals.push((revenue, r.total));
        }
        let (invoiced, owed) = totals[0];
        let (received, owed_cash) = totals[1];
        prop_assert_eq!(owed, owed_cash);
        prop_assert_eq!(received + owed, invoiced, "cash {} + unpaid {} = invoiced", received, owed);
    }
}
