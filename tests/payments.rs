//! Money in (SPEC 3.7, 3.8): who pays late and what is owed, on exports written the way
//! real invoicing tools write them, the cash basis, and the French thresholds. Expected
//! figures are computed here from the files themselves, independently of the tool.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::common::{
    analyze_json, corpus, fixture, portfolio, run, yearly, years, EXAMPLE_EN, EXAMPLE_FR,
};

fn dec(text: &str) -> Decimal {
    text.trim_start_matches('$')
        .replace(',', "")
        .parse()
        .unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The median of whole days: of an even count, the mean of the two middle values.
fn median(mut days: Vec<i64>) -> f64 {
    days.sort_unstable();
    let n = days.len();
    (days[(n - 1) / 2] + days[n / 2]) as f64 / 2.0
}

/// A CSV file's rows as header → value maps (the header on line `header_line`).
fn records(path: &str, header_line: usize) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let body: String = text
        .lines()
        .skip(header_line - 1)
        .map(|l| format!("{l}\n"))
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .filter(|r: &BTreeMap<String, String>| r.values().any(|v| !v.is_empty()))
        .collect()
}

fn payments_of(args: &[&str]) -> Value {
    let mut all = vec!["payments"];
    all.extend(args);
    all.extend(["--format", "json", "--quiet"]);
    let (code, stdout, stderr) = run(&all);
    assert_eq!(code, 0, "{all:?}: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    report["payments"].clone()
}

fn money(value: &Value) -> Decimal {
    dec(value.as_str().unwrap())
}

#[test]
fn a_freshbooks_export_with_payment_dates_gives_each_clients_delays() {
    let path = fixture("payments/freshbooks_paid.csv");
    // Independently: one invoice per number, days from "Date Issued" to "Date Paid".
    let mut per_client: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for r in records(&path, 1)
        .iter()
        .filter(|r| !r["Date Paid"].is_empty())
    {
        let days = (day(&r["Date Paid"]) - day(&r["Date Issued"])).num_days();
        per_client
            .entry(r["Client Name"].clone())
            .or_default()
            .insert(r["Invoice #"].clone(), days);
    }
    let payments = payments_of(&[&path]);
    for (client, invoices) in &per_client {
        let row = payments["clients"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == json!(client))
            .unwrap();
        assert_eq!(row["invoices_paid"], json!(invoices.len()), "{client}");
        let expected = median(invoices.values().copied().collect());
        assert_eq!(row["median_days_to_pay"], json!(expected), "{client}");
    }
    let all: Vec<i64> = per_client
        .values()
        .flat_map(|i| i.values().copied())
        .collect();
    let year = &payments["years"][0];
    assert_eq!(year["invoices_paid"], json!(5));
    assert_eq!(year["median_days_to_pay"], json!(median(all)));
    // Due 30 days after issue (the file has no due date): 0000001 (36 days) and 0000003
    // (60) were late, 2 of 5, for 1,250 + 1,200 of 5,850.
    assert_eq!(year["paid_late_share"], json!(40.0));
    assert_eq!(year["revenue_paid_late_share"], json!(41.88));
    assert_eq!(payments["due_dates"], json!("invoice_date_plus_30"));
    // As of the last invoice (1 June): 0000005 is unpaid, and 0000006 was paid on 21 June,
    // after it: both owed, neither due yet.
    let receivables = &payments["receivables"];
    assert_eq!(receivables["as_of"], json!("2024-06-01"));
    assert_eq!(receivables["total"], json!("1200.00"));
    assert_eq!(receivables["buckets"]["not_due"], json!("1200.00"));
    assert_eq!(receivables["late_invoices"], json!(0));
}

#[test]
fn a_zoho_export_partly_paid_owes_its_balances_share_of_the_revenue() {
    let path = fixture("payments/zoho_partly_paid.csv");
    let payments = payments_of(&[&path]);
    let receivables = &payments["receivables"];
    // INV-000001: 500.00 excl. tax, 150.00 of its 600.00 incl. tax left: 125.00 owed,
    // due 1 March, 31 days late on 1 April. INV-000002 (1,000.00) was paid on 10 April,
    // after the as-of date. INV-000003 (800.00) is unpaid and not due.
    assert_eq!(receivables["as_of"], json!("2024-04-01"));
    assert_eq!(receivables["total"], json!("1925.00"));
    assert_eq!(receivables["buckets"]["31_60"], json!("125.00"));
    assert_eq!(receivables["buckets"]["not_due"], json!("1800.00"));
    assert_eq!(receivables["late_invoices"], json!(1));
    assert_eq!(receivables["recovery_indemnities"], json!("40.00"));
    // On the cash basis: 375.00 received on 20 March, 1,000.00 on 10 April.
    let cash = analyze_json(&[&path, "--basis", "cash", "--quiet"]);
    assert_eq!(yearly(&cash), years(&[(2024, "1375.00")]));
    assert_eq!(cash["payments"]["basis"], json!("cash"));
    let invoice = analyze_json(&[&path, "--as-of", "2024-12-31", "--quiet"]);
    let owed = money(&invoice["payments"]["receivables"]["total"]);
    assert_eq!(
        dec(&yearly(&cash)[0].1) + owed,
        dec(&yearly(&invoice)[0].1),
        "received + still owed = invoiced"
    );
}

#[test]
fn invoice_ninjas_amount_paid_gives_the_balance() {
    let path = corpus("invoiceninja/invoice.csv");
    // Independently: one invoice per (client, number, date); owed = Amount − Paid,
    // aged from "Due Date" at the latest invoice date.
    let rows = records(&path, 4);
    let mut invoices = BTreeMap::new();
    for r in &rows {
        let key = (
            r["Client"].clone(),
            r["Invoice Number"].clone(),
            r["Invoice Date"].clone(),
        );
        invoices.entry(key).or_insert_with(|| r.clone());
    }
    let as_of = invoices
        .values()
        .map(|r| day(&r["Invoice Date"]))
        .max()
        .unwrap();
    let (mut total, mut over_90) = (Decimal::ZERO, Decimal::ZERO);
    for r in invoices.values() {
        let owed = dec(&r["Amount"]) - dec(&r["Paid"]);
        if owed > Decimal::ZERO {
            total += owed;
            if (as_of - day(&r["Due Date"])).num_days() > 90 {
                over_90 += owed;
            }
        }
    }
    let payments = payments_of(&[&path]);
    let receivables = &payments["receivables"];
    assert_eq!(receivables["as_of"], json!(as_of.to_string()));
    assert_eq!(money(&receivables["total"]), total);
    assert_eq!(money(&receivables["buckets"]["over_90"]), over_90);
    assert_eq!(payments["due_dates"], json!("file"));
    // No payment dates: no invoice can be told paid in full, so none has days to pay.
    assert_eq!(payments["years"][0]["invoices_paid"], json!(0));
}

#[test]
fn invoice2go_and_freshbooks_balances_are_owed_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "ILS,0.27\n").unwrap();
    let i2g = corpus("invoice2go/i2g_invoices.csv");
    let rates = rates.display().to_string();
    let payments = payments_of(&[&i2g, "--rates", &rates, "--currency", "USD"]);
    // Every BalanceDueAmount equals its TotalAmount: the SubtotalAmounts are owed
    // (815 ILS at 0.27 = 220.05, then 65 + 67.5 + 340 USD).
    assert_eq!(payments["receivables"]["total"], json!("692.55"));
    let freshbooks = payments_of(&[&corpus("freshbooks/freshbooks_invoices.csv")]);
    let expected: Decimal = records(&corpus("freshbooks/freshbooks_invoices.csv"), 1)
        .iter()
        .map(|r| dec(&r["Line Subtotal"]))
        .sum();
    assert_eq!(money(&freshbooks["receivables"]["total"]), expected);
    // Invoicely gives a due date but no payment date or balance: nothing to say.
    let invoicely = payments_of(&[&corpus("invoicely/invoicely_invoices.csv")]);
    assert_eq!(invoicely, Value::Null);
}

#[test]
fn the_demo_portfolio_shows_who_pays_late_in_both_languages() {
    let en = payments_of(&EXAMPLE_EN);
    let fr = payments_of(&EXAMPLE_FR);
    assert_eq!(en, fr, "the two flavours hold the same payments");
    // Independently from the English file: Acme's paid invoices.
    let acme: Vec<i64> = records("examples/en/invoices.csv", 1)
        .iter()
        .filter(|r| r["Client"] == "Acme Industries" && !r["Paid date"].is_empty())
        .map(|r| (day(&r["Paid date"]) - day(&r["Date"])).num_days())
        .collect();
    let row = &en["clients"][1];
    assert_eq!(row["name"], json!("Acme Industries"));
    assert_eq!(row["median_days_to_pay"], json!(median(acme)));
    assert_eq!(en["clients"][0]["name"], json!("Mairie de Villeurbanne"));
    let receivables = &en["receivables"];
    assert_eq!(receivables["as_of"], json!("2025-12-12"));
    assert_eq!(receivables["total"], json!("13115.40"));
    assert_eq!(receivables["buckets"]["over_90"], json!("1100.00"));
    assert_eq!(receivables["clients"][0]["name"], json!("Acme Industries"));
    let (_, table, _) = run(&["payments", EXAMPLE_FR[0], "--lang", "fr"]);
    assert!(
        table.contains("Ce qui vous est dû au 12/12/2025"),
        "{table}"
    );
    assert!(
        table.contains("indemnité forfaitaire de recouvrement de 40"),
        "{table}"
    );
    let (_, table, _) = run(&["payments", EXAMPLE_EN[0]]);
    assert!(
        table.contains("Owed to you on 2025-12-12: 13,115.40 EUR"),
        "{table}"
    );
}

#[test]
fn cash_basis_places_revenue_when_it_was_received() {
    let invoice = analyze_json(&[EXAMPLE_EN[0], "--quiet"]);
    let cash = analyze_json(&[EXAMPLE_EN[0], "--basis", "cash", "--quiet"]);
    assert_eq!(
        yearly(&cash),
        years(&[
            (2022, "26553.35"),
            (2023, "32818.60"),
            (2024, "49016.55"),
            (2025, "58351.75")
        ])
    );
    let sum = |report: &Value| -> Decimal { yearly(report).iter().map(|(_, r)| dec(r)).sum() };
    // Nothing was paid after the as-of date: what is owed then was never received.
    let owed = money(&invoice["payments"]["receivables"]["total"]);
    assert_eq!(sum(&cash) + owed, sum(&invoice));
    let (_, table, _) = run(&["analyze", EXAMPLE_EN[0], "--basis", "cash"]);
    assert!(
        table.contains("Yearly figures are on the cash basis"),
        "{table}"
    );
}

#[test]
fn cash_basis_without_a_payment_date_is_refused_with_the_fix() {
    let (code, _, stderr) = run(&[
        "analyze",
        &corpus("invoicely/invoicely_invoices.csv"),
        "--basis",
        "cash",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("--map paid_date="), "{stderr}");
    let (code, _, stderr) = run(&[
        "analyze",
        &corpus("invoicely/invoicely_invoices.csv"),
        "--basis",
        "cash",
        "--lang",
        "fr",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("date de paiement"), "{stderr}");
}

#[test]
fn the_thresholds_of_the_demo_portfolio() {
    let report = analyze_json(&[EXAMPLE_EN[0], "--regime", "micro-bnc", "--quiet"]);
    let t = &report["thresholds"];
    assert_eq!(t["regime"], json!("micro-bnc"));
    assert_eq!(t["basis"], json!("cash"));
    let year = |y: i64| {
        t["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["year"] == json!(y))
            .unwrap()
            .clone()
    };
    // 2024: 49,016.55 received, under the 77,700 ceiling (63.08 %), over the 39,100 VAT
    // upper threshold: crossed by the payment of 2024-037, so (until 2024) VAT is due
    // from the first day of that month.
    let y2024 = year(2024);
    assert_eq!(y2024["revenue"], json!("49016.55"));
    assert_eq!(y2024["micro_share"], json!(63.08));
    assert_eq!(y2024["micro_status"], json!("under"));
    assert_eq!(y2024["vat_status"], json!("over_upper"));
    assert_eq!(y2024["crossing_invoice"], json!("2024-037"));
    assert_eq!(y2024["crossing_date"], json!("2024-10-05"));
    assert_eq!(y2024["vat_due_from"], json!("2024-10-01"));
    // 2025: the franchise was lost in 2024, so VAT is due from 1 January.
    assert_eq!(year(2025)["vat_due_from"], json!("2025-01-01"));
    // At its pace on 12 December, 58,351.75 × 365 / 346 = 61,556.04.
    assert_eq!(t["projection"]["revenue"], json!("61556.04"));
    let ids: Vec<&str> = report["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"threshold.vat"), "{ids:?}");
    assert!(!ids.contains(&"threshold.micro"), "{ids:?}");
    let (_, table, _) = run(&[
        "thresholds",
        EXAMPLE_FR[0],
        "--regime",
        "micro-bnc",
        "--lang",
        "fr",
    ]);
    assert!(
        table.contains("ne constituent pas un conseil fiscal"),
        "{table}"
    );
    assert!(
        table.contains("la TVA est due à partir du 01/10/2024 (le paiement de la facture 2024-037 a franchi le seuil majoré)"),
        "{table}"
    );
}

#[test]
fn the_settings_file_declares_the_regime_prorates_the_first_year_and_overrides_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("invoices.csv");
    std::fs::write(
        &invoices,
        "Date,Client,Amount,Paid date\n\
         2026-07-10,Acme,30000.00,2026-08-01\n\
         2026-09-10,Bolt,10000.00,2026-10-01\n",
    )
    .unwrap();
    let config = dir.path().join("portfolio.toml");
    std::fs::write(
        &config,
        "regime = \"micro-bic-services\"\nactivity_start = \"2026-07-01\"\n\n\
         [french_thresholds.2026]\nvat_services_base = 36000\nsource = \"decree of test\"\n",
    )
    .unwrap();
    let report = analyze_json(&[
        &invoices.display().to_string(),
        "--config",
        &config.display().to_string(),
        "--as-of",
        "2026-12-31",
        "--quiet",
    ]);
    let year = &report["thresholds"]["years"][0];
    // 184 days of 365 of 83,600 = 42,143.561… → 42,143.56; 40,000 is 94.91 %.
    assert_eq!(year["micro_ceiling"], json!("42143.56"));
    assert_eq!(year["prorated"], json!(true));
    assert_eq!(year["micro_status"], json!("approaching"));
    assert_eq!(year["vat_base"], json!("36000.00"));
    assert_eq!(year["vat_upper"], json!("41250.00"));
    assert_eq!(year["vat_status"], json!("over_base"));
    assert_eq!(year["source"], json!("decree of test"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "regime = \"micro\"\n").unwrap();
    let output = portfolio()
        .args(["analyze", &invoices.display().to_string(), "--config"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("micro-bnc"));
}

#[test]
fn the_payments_csv_is_one_row_per_client() {
    let (code, csv, _) = run(&["payments", EXAMPLE_EN[0], "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("client,invoices_paid,median_days_to_pay,mean_days_to_pay,median_days_late,paid_late_share,unpaid,oldest_unpaid_invoice,not_due,1_30,31_60,61_90,over_90")
    );
    assert!(csv.contains("\nAcme Industries,14,53,"), "{csv}");
}

#[test]
fn a_lettered_fec_pays_at_its_lettering_date() {
    let path = fixture("fec/lettered.txt");
    let payments = payments_of(&[&path]);
    // F2024-001 (15 Jan) lettered on 20 Feb: 36 days; F2024-002 (1 Mar) on 11 Mar: 10;
    // F2024-003 is not lettered: its 800.00 excl. tax is owed.
    let clients = payments["clients"].as_array().unwrap();
    let days: Vec<(&str, &Value)> = clients
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), &c["median_days_to_pay"]))
        .collect();
    assert_eq!(
        days,
        [
            ("Atelier Nord", &json!(36.0)),
            ("Cafe Lumiere", &json!(10.0))
        ]
    );
    assert_eq!(payments["receivables"]["total"], json!("800.00"));
    // A FEC that letters nothing says nothing of payment.
    let unlettered = payments_of(&[&fixture("FEC_123456789_20251231.txt")]);
    assert_eq!(unlettered, Value::Null);
}
