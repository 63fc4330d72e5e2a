//! Invoice exports written the way real tools write them, each of which once gave a
//! wrong revenue with exit 0 (issue "Right on the files people really have"). One test
//! per thing that broke, on a fixture of tests/fixtures/exports; each expected figure is
//! worked out in the comment above it.

use crate::common::{analyze_json, client_revenues, fixture, pairs, portfolio, run, yearly, years};

fn exports(name: &str) -> String {
    fixture(&format!("exports/{name}"))
}

#[test]
fn invoice_numbers_that_restart_every_year_count_every_year() {
    // Numbers 1, 2, 3… again each year: Studio Brun 12 × 1 500 and Atelier Nord
    // 4 × 800 a year, so 21 200 in 2023 and again in 2024. Counting each (client,
    // number) once lost the whole of 2024.
    let report = analyze_json(&[&exports("numbers_restart_each_year.csv")]);
    assert_eq!(
        yearly(&report),
        years(&[(2023, "21200.00"), (2024, "21200.00")])
    );
    assert_eq!(report["inputs"]["invoices"]["used"], 32);
    assert!(!report["warnings"].to_string().contains("once per invoice"));
}

#[test]
fn a_reference_billed_every_month_counts_every_month() {
    // "Référence" holds the contract CTR-2024-01, billed 2 000 on the first of each
    // month: 12 × 2 000 + 3 500 = 27 500, not 2 000 + 3 500.
    let report = analyze_json(&[&exports("monthly_contract_reference.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "27500.00")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[
            ("Clinique Saint-Roch", "24000.00"),
            ("Hôtel des Arts", "3500.00")
        ])
    );
}

#[test]
fn a_credit_note_carrying_its_invoice_number_cancels_it() {
    // F-2024-010 1 000 and its credit note F-2024-010 1 000: 0; + 2 500 + 700 = 3 200.
    // Folding the credit note into its invoice counted 4 200.
    let report = analyze_json(&[&exports("credit_note_same_number.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "3200.00")]));
    assert_eq!(
        client_revenues(&report),
        pairs(&[("Acme Industries", "2500.00"), ("Bolt Studio", "700.00")])
    );
}

#[test]
fn a_line_without_amount_on_a_line_item_export_is_a_continuation_line() {
    // Invoice totals repeated on each line, once per invoice: 1 200 + 450 + 300.
    // The lines without amount continue their invoice: used, never rejected.
    let report = analyze_json(&[&exports("line_items_with_continuation.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "1950.00")]));
    let inputs = &report["inputs"]["invoices"];
    assert_eq!(inputs["rejected"], serde_json::json!({}));
    assert_eq!(
        (inputs["rows"].as_u64(), inputs["used"].as_u64()),
        (Some(6), Some(6))
    );
    assert!(report["warnings"]
        .to_string()
        .contains("once per invoice (3 invoices over 6 rows)"));
}

#[test]
fn a_tax_column_beside_a_total_is_subtracted_never_taken_as_revenue() {
    // "Amount (VAT)" is the tax: revenue is Total − tax, 1 200 − 200 + 300 − 50. The
    // tax alone (250) was taken as the revenue.
    let report = analyze_json(&[&exports("tax_beside_total.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "1250.00")]));
    let columns = &report["inputs"]["invoices"]["columns"];
    assert_eq!(
        (columns["amount"].as_str(), columns["tax"].as_str()),
        (Some("Total"), Some("Amount (VAT)"))
    );
    assert!(report["warnings"]
        .to_string()
        .contains("revenue is \\\"Total\\\" less \\\"Amount (VAT)\\\""));
}

#[test]
fn montant_ht_in_brackets_wins_over_montant_ttc_before_it() {
    // 1 000 + 500 excluding tax; "Montant (TTC)" came first and won (1 800).
    let report = analyze_json(&[&exports("ttc_before_ht.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "1500.00")]));
    assert_eq!(
        report["inputs"]["invoices"]["columns"]["amount"],
        "Montant (HT)"
    );
    assert!(!report["warnings"].to_string().contains("include tax"));
}

#[test]
fn a_due_date_in_brackets_is_not_the_invoice_date() {
    // Issued 2024-12-15 (1 000) and 2025-01-02 (400); the due dates put both in 2025.
    let report = analyze_json(&[&exports("due_date_first.csv")]);
    assert_eq!(
        yearly(&report),
        years(&[(2024, "1000.00"), (2025, "400.00")])
    );
    assert_eq!(report["inputs"]["invoices"]["columns"]["date"], "Issued");
}

#[test]
fn two_headers_naming_one_field_equally_are_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two_amounts.csv");
    std::fs::write(
        &file,
        "Date,Client,Amount (€),Amount [EUR]\n2024-01-02,Acme,100.00,90.00\n",
    )
    .unwrap();
    let report = analyze_json(&[file.to_str().unwrap()]);
    assert_eq!(yearly(&report), years(&[(2024, "100.00")]));
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("both name the amount column") && warnings.contains("--map amount="),
        "{warnings}"
    );
}

#[test]
fn whole_unit_amounts_are_positive_and_zero_is_never_negative() {
    // 1.250,- + 100,- + 99,50 + (0) = 1 449,50: the dash was read as a minus sign
    // (−1 250 − 100 + 99,50 = −1 250,50).
    let report = analyze_json(&[&exports("whole_units_comma.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "1449.50")]));
    // CHF 1'500.- + CHF 200.- + CHF 80.50 + CHF (0).
    let report = analyze_json(&[&exports("whole_units_dot.csv")]);
    assert_eq!(yearly(&report), years(&[(2024, "1780.50")]));
    assert_eq!(report["currency"], "CHF");
    // A client whose only amount is (0) shows 0.00, not -0.00.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zero.csv");
    std::fs::write(
        &file,
        "Date,Client,Amount\n2024-01-02,Acme,100.00\n2024-01-03,Zero Ltd,(0)\n",
    )
    .unwrap();
    let (_, stdout, _) = run(&["analyze", file.to_str().unwrap(), "--format", "json"]);
    assert!(!stdout.contains("-0.00"), "{stdout}");
}

#[test]
fn one_client_typed_with_composed_and_combining_accents_is_one_client() {
    // "Café Lumière" as NFC (400) and NFD (400) with Atelier Nord 200: one client at
    // 80 %, critically depended on; two clients at 40 % missed the flag.
    use unicode_normalization::UnicodeNormalization;
    let report = analyze_json(&[&exports("same_client_nfc_nfd.csv")]);
    // Shown as spelt on its latest invoice (SPEC 2.2), here the decomposed one.
    let composed: Vec<(String, String)> = client_revenues(&report)
        .into_iter()
        .map(|(name, revenue)| (name.nfc().collect(), revenue))
        .collect();
    assert_eq!(
        composed,
        pairs(&[("Café Lumière", "800.00"), ("Atelier Nord", "200.00")])
    );
    let risk = &report["years"][0]["risk"];
    assert_eq!(risk["top_client"]["share"], 80.0);
    assert_eq!(risk["flags"][0]["id"], "dependency.critical");
}

/// A comma-separated export sorted by date whose first `ambiguous` rows are all in
/// 1–12 January (day-first, so they read both ways), then days 13–31 of January.
fn sorted_day_first(ambiguous: usize) -> String {
    let mut text = String::from("Date,Client,Amount\n");
    for i in 0..ambiguous {
        text.push_str(&format!(
            "{:02}/01/2024,Client {},10.00\n",
            1 + i * 12 / ambiguous,
            i % 40
        ));
    }
    for day in 13..=31 {
        text.push_str(&format!("{day}/01/2024,Late Client,100.00\n"));
    }
    text
}

#[test]
fn a_date_order_contradicted_after_the_sample_is_read_right_from_a_path() {
    // 5 200 rows of 1–12 January read month-first (a comma file), then 13/01: the
    // whole column is day-first. January: 5 200 × 10 + 19 × 100 = 53 900, nothing
    // rejected, and no "every date is ambiguous" (13/01 is not).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sorted.csv");
    std::fs::write(&file, sorted_day_first(5200)).unwrap();
    let report = analyze_json(&[file.to_str().unwrap()]);
    assert_eq!(yearly(&report), years(&[(2024, "53900.00")]));
    let inputs = &report["inputs"]["invoices"];
    assert_eq!(inputs["date_format"], "%d/%m/%Y");
    assert_eq!(inputs["rejected"], serde_json::json!({}));
    assert_eq!(inputs["used"], 5219);
    assert_eq!(report["warnings"], serde_json::json!([]));
    assert_eq!(report["period"]["as_of"], "2024-01-31");
}

#[test]
fn a_date_order_contradicted_after_the_sample_stops_standard_input_with_advice() {
    let output = portfolio()
        .args(["analyze", "-", "--format", "json"])
        .write_stdin(sorted_day_first(5200))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    // The row after the 5 200 ambiguous ones and the header: line 5 202.
    assert!(
        stderr.contains(
            "standard input:5202: the date \"13/01/2024\" in \"Date\" reads only as %d/%m/%Y"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("pass --date-format %d/%m/%Y"), "{stderr}");
}

#[test]
fn every_date_is_ambiguous_is_said_only_when_true() {
    let dir = tempfile::tempdir().unwrap();
    // All of January 1–12: truly ambiguous, the warning stands.
    let file = dir.path().join("ambiguous.csv");
    let mut text = String::from("Date,Client,Amount\n");
    for day in 1..=12 {
        text.push_str(&format!("{day:02}/01/2024,Acme,10.00\n"));
    }
    std::fs::write(&file, &text).unwrap();
    let report = analyze_json(&[file.to_str().unwrap()]);
    assert!(report["warnings"].to_string().contains("every date in"));
    // A French file read day-first whose later dates confirm it: no warning.
    let file = dir.path().join("french.csv");
    let mut text = String::from("Date;Client;Montant\n");
    for i in 0..5100 {
        text.push_str(&format!("{:02}/01/2024;Acme;10,00\n", 1 + i % 12));
    }
    text.push_str("28/01/2024;Acme;10,00\n");
    std::fs::write(&file, &text).unwrap();
    let report = analyze_json(&[file.to_str().unwrap()]);
    assert_eq!(report["inputs"]["invoices"]["date_format"], "%d/%m/%Y");
    assert!(
        !report["warnings"].to_string().contains("every date in"),
        "{}",
        report["warnings"]
    );
    // Dotted dates are day-first without a doubt.
    let file = dir.path().join("dotted.csv");
    std::fs::write(&file, "Date;Client;Amount\n05.03.2024;Acme;10,00\n").unwrap();
    let report = analyze_json(&[file.to_str().unwrap()]);
    assert_eq!(report["period"]["as_of"], "2024-03-05");
    assert_eq!(report["warnings"], serde_json::json!([]));
}

#[test]
fn rejected_lines_of_a_crlf_file_are_physical_lines() {
    // French Excel writes CR LF. Line 3 has a bad amount and line 20 004 a bad date,
    // one inside the format sample and one far past it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crlf.csv");
    let mut rows = vec![
        "Date;Client;Montant HT".to_string(),
        "01/02/2024;Acme;100,00".into(),
    ];
    rows.push("02/02/2024;Acme;abc".into());
    for _ in 0..20_000 {
        rows.push("03/02/2024;Beta;1,00".into());
    }
    rows.push("31/02/2024;Beta;50,00".into());
    std::fs::write(&file, rows.join("\r\n") + "\r\n").unwrap();
    let report = analyze_json(&[file.to_str().unwrap()]);
    assert_eq!(
        report["inputs"]["invoices"]["first_rejected_lines"],
        serde_json::json!([3, 20004])
    );
    let (_, stdout, _) = run(&["check", file.to_str().unwrap()]);
    assert!(stdout.contains("line      3  bad_amount"), "{stdout}");
    assert!(stdout.contains("line  20004  bad_date"), "{stdout}");
}

#[test]
fn two_rates_for_one_currency_and_year_are_an_error_naming_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "currency,rate,year\nUSD,0.90,2024\nUSD,0.95,2024\n").unwrap();
    let (code, _, stderr) = run(&[
        "analyze",
        &crate::common::corpus("freshbooks/freshbooks_invoices.csv"),
        "--rates",
        rates.to_str().unwrap(),
        "--currency",
        "EUR",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("rates.csv:3: a second rate for USD in 2024: 0.95 here, 0.90 on line 2"),
        "{stderr}"
    );
}
