//! The FEC as real accounting programs write it (SPEC 2.3): one fixture per pattern in
//! tests/fixtures/fec (their README says what each imitates). Every expected yearly
//! revenue is also computed by [`ledger_revenue`], a few lines that know nothing of the
//! project: the sum of Credit − Debit over the 70/75 lines, by the year of PieceDate.

use std::collections::BTreeMap;
use std::io::Cursor;

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::common::{analyze_json, client_revenues, fixture, pairs, run, yearly, years};
use portfolio::ingest::{self, Input, Options};

/// Σ Credit − Debit of the revenue (70…, 75…) lines by year, read from the raw bytes
/// (Windows-1252 or UTF-8, tab or pipe, padded or not).
fn ledger_revenue(path: &str) -> Vec<(i64, String)> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes.clone())
        .unwrap_or_else(|_| bytes.iter().map(|&b| char::from(b)).collect());
    let delimiter = if text.lines().next().unwrap().contains('|') {
        '|'
    } else {
        '\t'
    };
    let number = |s: &str| Decimal::from_str_exact(&s.trim().replace(',', ".")).unwrap();
    // Columns 12 and 13 are Debit and Credit, or Montant and Sens (D or C).
    let with_direction = text.lines().next().unwrap().contains("Sens");
    let mut years: BTreeMap<i64, Decimal> = BTreeMap::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let c: Vec<&str> = line.split(delimiter).map(str::trim).collect();
        if c[4].starts_with("70") || c[4].starts_with("75") {
            let date = if c[9].is_empty() { c[3] } else { c[9] };
            let revenue = match (with_direction, c[12]) {
                (true, "C") => number(c[11]),
                (true, _) => -number(c[11]),
                (false, _) => number(c[12]) - number(c[11]),
            };
            *years.entry(date[..4].parse().unwrap()).or_default() += revenue;
        }
    }
    years
        .into_iter()
        .map(|(y, r)| (y, format!("{r:.2}")))
        .collect()
}

#[test]
fn lines_of_an_entry_need_not_be_adjacent() {
    // A centralisation entry sits between the customer lines and the revenue lines:
    // each revenue line still finds its entry's customer (it was `no_client_account`).
    let file = fixture("fec/non_adjacent_lines.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(
        yearly(&report),
        years(&[(2024, "4300.00"), (2025, "1000.00")])
    );
    assert_eq!(
        client_revenues(&report),
        pairs(&[("Studio Brun", "3000.00"), ("Menuiserie Vidal", "2300.00")])
    );
    let inputs = &report["inputs"]["invoices"];
    assert_eq!(inputs["rejected"], serde_json::json!({}));
    assert_eq!(inputs["used"], 5);
}

#[test]
fn one_entry_number_for_a_whole_journal_is_split_into_invoices() {
    // EcritureNum 0 on every line: the journal, balanced over several dates, is split
    // by date and PieceRef, so each invoice goes to its own customer (it was "nothing
    // to analyse"). Two invoices of 5 March with different VAT rates are not mixed.
    let file = fixture("fec/ecriturenum_zero.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(yearly(&report), years(&[(2023, "3550.00")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[("Beta Industrie", "2550.00"), ("Alpha Conseil", "1000.00")])
    );
}

#[test]
fn several_customer_lines_share_the_revenue_to_the_cent() {
    // A restaurant's daily takings: card 700,00 and cash 300,01 against 833,34 of sales.
    // 83 334 cents × 700 / 1 000,01 = 58 333.2 → 58 333; × 300,01 / 1 000,01 = 25 000.8
    // → 25 000 + the cent left (largest remainder) = 25 001. Next day 500,00 by 500:100
    // → 41 666.7 + 1 → 41 667 and 8 333. Card 583,33 + 416,67, cash 250,01 + 83,33.
    let file = fixture("fec/several_customer_lines.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(yearly(&report), years(&[(2024, "1333.34")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[
            ("Clients carte bancaire", "1000.00"),
            ("Clients espèces", "333.34")
        ])
    );
}

#[test]
fn cash_sales_and_a_collective_account_are_unidentified_revenue() {
    // Cash sales against 530 (no customer line) and a collective 411000 "CLIENTS"
    // without sub-account: 800 + 3 000 + 1 000 = 4 800 of 5 200 have no known payer.
    // They count in the year, as the `unidentified` segment, never as a client
    // "CLIENTS"; 400 / 5 200 = 7.69 % identified is too little for a dependency verdict.
    let file = fixture("fec/shop_collective_account.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(yearly(&report), years(&[(2023, "5200.00")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[("Hôtel du Port", "400.00")])
    );
    let (_, checked, _) = run(&["check", &file]);
    assert!(
        checked.ends_with("ready to analyse: 1 client, 2023, currency EUR\n"),
        "{checked}"
    );
    let year = &report["years"][0];
    assert_eq!(year["segments"]["unidentified"]["revenue"], "4800.00");
    assert_eq!(year["segments"]["unidentified"]["share"], 92.31);
    assert_eq!(year["segments"]["unidentified"]["clients"], 0);
    assert_eq!(year["segments"]["new"]["share"], 7.69);
    assert_eq!(year["active_clients"], 1);
    let risk = &year["risk"];
    assert_eq!(risk["level"], "unknown");
    assert_eq!(risk["identified_share"], 7.69);
    assert_eq!(risk["flags"][0]["id"], "coverage.low");
    assert_eq!(risk["flags"].as_array().unwrap().len(), 1);
    assert_eq!(report["risk_ttm"]["level"], "unknown");
    assert!(report["warnings"]
        .to_string()
        .contains("4,800.00 of revenue (92.3 %) has no identified customer"));
    // No dependency verdict: --fail-on low is not reached.
    let (code, _, _) = run(&["analyze", &file, "--fail-on", "low", "--format", "json"]);
    assert_eq!(code, 0);
}

#[test]
fn identified_revenue_above_half_keeps_its_verdict_over_the_identified_part() {
    // The 80,00 cash sale of the hand-written FEC is 2.1 % of 2025's 380,00: the risk
    // is still judged, over the identified 300,00, and says how much it covers.
    let report = analyze_json(&[&fixture("FEC_123456789_20251231.txt")]);
    let year = &report["years"][1];
    assert_eq!(year["risk"]["identified_share"], 78.95);
    assert_eq!(year["risk"]["level"], "critical");
    assert_eq!(year["segments"]["unidentified"]["revenue"], "80.00");
    // A year without unidentified revenue has neither key.
    assert!(report["years"][0]["segments"].get("unidentified").is_none());
    assert!(report["years"][0]["risk"].get("identified_share").is_none());
}

#[test]
fn a_fec_written_as_odoo_writes_it() {
    // Pipe-separated, CRLF, amounts zero-padded behind a space (" 000000000001437,12"),
    // the customer line last, a 411100 account with the partner in CompAuxNum, a credit
    // note (RINV) and bank and miscellaneous entries that are not revenue.
    let file = fixture("fec/odoo_style.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(yearly(&report), years(&[(2021, "5313.76")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[
            ("Boulangerie Martin", "2813.76"),
            ("Cabinet Roux & Associés", "2500.00")
        ])
    );
    assert_eq!(report["inputs"]["invoices"]["format"], "fec");
}

#[test]
fn a_fec_with_montant_and_sens_instead_of_debit_and_credit() {
    // The law allows one amount and its direction (D/C) instead of Debit and Credit:
    // 1 200 − 100 (a credit note, its revenue line debited) + 3 000. Such a file was
    // refused as an invoice export without date and client columns.
    let file = fixture("fec/montant_sens.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(report["inputs"]["invoices"]["format"], "fec");
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(yearly(&report), years(&[(2025, "4100.00")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[("Martin & Fils", "2900.00"), ("Dupont SA", "1200.00")])
    );
}

#[test]
fn a_padded_windows_1252_fec_with_cr_cr_lf_is_read_and_said_to_be_windows_1252() {
    let file = fixture("fec/padded_windows1252.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(yearly(&report), years(&[(2025, "1800.00")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[
            ("Société Générale Sud", "1200.00"),
            ("Crèche Les Écureuils", "600.00")
        ])
    );
    assert_eq!(report["inputs"]["invoices"]["encoding"], "windows-1252");
    assert!(report["warnings"]
        .to_string()
        .contains("not UTF-8, read as Windows-1252"));
}

#[test]
fn the_legal_file_name_sets_the_fiscal_year_when_the_entries_fit_it() {
    // 123456789FEC20250630: entries from 5 July 2024 to 27 June 2025, one fiscal year
    // starting 1 July 2024 (labelled 2024): 1 000 + 2 000 + 400 + 600.
    let report = analyze_json(&[&fixture("fec/123456789FEC20250630.txt")]);
    assert_eq!(yearly(&report), years(&[(2024, "4000.00")]));
    assert!(report["warnings"]
        .to_string()
        .contains("the file name says the fiscal year closes on 30 June"));
    // The user's choice wins over the name.
    let report = analyze_json(&[
        &fixture("fec/123456789FEC20250630.txt"),
        "--fiscal-year-start",
        "01-01",
    ]);
    assert_eq!(
        yearly(&report),
        years(&[(2024, "3000.00"), (2025, "1000.00")])
    );
    // The same entries under a name closing in 2019 (an anonymised sample): ignored.
    let file = fixture("fec/987654321FEC20190630.txt");
    let report = analyze_json(&[&file]);
    assert_eq!(yearly(&report), ledger_revenue(&file));
    assert_eq!(
        yearly(&report),
        years(&[(2024, "3000.00"), (2025, "1000.00")])
    );
    assert!(report["warnings"].to_string().contains(
        "the file name gives the closing date 2019-06-30, but the entries run to 2025-06-27"
    ));
}

#[test]
fn map_on_a_fec_is_refused_with_the_reason() {
    let file = fixture("fec/odoo_style.txt");
    let (code, stdout, stderr) = run(&["analyze", &file, "--map", "amount=Debit"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("does not apply to a FEC"), "{stderr}");
    // A --map for the clients file is not the FEC's business.
    let (code, _, stderr) = run(&[
        "analyze",
        &file,
        "--map",
        "clients.channel=Source",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_fec_without_revenue_says_its_lines_are_not_revenue() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank.txt");
    std::fs::write(
        &file,
        "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\n\
         BQ\tBanque\t1\t20240105\t512000\tBanque\t\t\tR1\t20240105\tRemise\t100,00\t0,00\n\
         BQ\tBanque\t1\t20240105\t411000\tClients\tC1\tAcme\tR1\t20240105\tRemise\t0,00\t100,00\n",
    )
    .unwrap();
    let (_, stdout, stderr) = run(&["check", file.to_str().unwrap()]);
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains("no counted revenue (rows excluded: 2 on accounts that are not revenue)"),
        "{said}"
    );
    assert!(!said.contains("by their status"), "{said}");
}

/// A balanced FEC of `entries` (client, euros, cents, day), one entry per invoice.
fn generated_fec(entries: &[(usize, u32, u32, u32)]) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, &(client, euros, cents, day)) in entries.iter().enumerate() {
        let ht = Decimal::new(i64::from(euros) * 100 + i64::from(cents), 2);
        let tva = (ht * Decimal::new(2, 1)).round_dp(2);
        let date = format!("2024{:02}{:02}", 1 + day % 12, 1 + day % 28);
        let line = |account: &str, aux: &str, debit: Decimal, credit: Decimal| {
            format!(
                "VE\tVentes\t{}\t{date}\t{account}\tCompte\t{aux}\t{}\tF{i}\t{date}\tFacture\t{}\t{}",
                i + 1,
                if aux.is_empty() { String::new() } else { format!("Client {aux}") },
                debit.to_string().replace('.', ","),
                credit.to_string().replace('.', ",")
            )
        };
        let aux = format!("C{client}");
        lines.push(line("411000", &aux, ht + tva, Decimal::ZERO));
        lines.push(line("706000", "", Decimal::ZERO, ht));
        lines.push(line("445710", "", Decimal::ZERO, tva));
    }
    lines
}

fn figures(lines: &[String]) -> Vec<(String, Vec<(i32, Decimal)>)> {
    let mut text = String::from("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\n");
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    let input = Input::stream("FEC.txt", Box::new(Cursor::new(text.into_bytes())));
    let loaded = ingest::load(input, None, None, &Options::default()).unwrap();
    let mut clients: Vec<(String, Vec<(i32, Decimal)>)> = loaded
        .dataset
        .clients
        .iter()
        .map(|c| {
            let years = c
                .years
                .iter()
                .map(|(y, r)| (y, r.total.normalize()))
                .collect();
            (c.key(), years)
        })
        .collect();
    clients.sort();
    clients
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_order_of_a_balanced_fec_s_lines_changes_no_figure(
        entries in prop::collection::vec((0usize..4, 1u32..5000, 0u32..100, 0u32..400), 1..12),
        seed in any::<u64>(),
    ) {
        let lines = generated_fec(&entries);
        let mut shuffled = lines.clone();
        // A Fisher–Yates shuffle driven by the seed: entries end up scattered.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(figures(&shuffled), figures(&lines));
    }
}
