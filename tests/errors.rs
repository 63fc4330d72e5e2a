//! Every way an input can be unusable gets exit 1 and a message that says what to do;
//! every rejected row is accounted for with its line.

use crate::common::{analyze_json, fixture, portfolio, run, yearly};

#[track_caller]
fn fails_with(args: &[&str], code: i32, needles: &[&str]) {
    let (actual, stdout, stderr) = run(args);
    assert_eq!(
        actual, code,
        "{args:?}: stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: {needle:?} not in:\n{stderr}"
        );
    }
    if code == 1 && args.first() == Some(&"analyze") {
        assert!(stdout.is_empty(), "no partial report on error: {stdout}");
    }
}

#[test]
fn missing_column_lists_headers_and_suggests_map() {
    fails_with(
        &["analyze", &fixture("missing_amount.csv")],
        1,
        &[
            "missing_amount.csv",
            "required column(s) amount",
            "\"Date\", \"Client\", \"Notes\"",
            "--map amount=\"HEADER\"",
        ],
    );
    fails_with(
        &[
            "analyze",
            &fixture("missing_amount.csv"),
            "--map",
            "amount=Total HT",
        ],
        1,
        &[
            "--map amount=\"Total HT\": no column has that header",
            "\"Notes\"",
        ],
    );
    // Mapped, the column is read, and its text is rejected as an amount, by line.
    fails_with(
        &[
            "analyze",
            &fixture("missing_amount.csv"),
            "--map",
            "amount=Notes",
        ],
        1,
        &["nothing to analyse", "1 rejected", "portfolio check"],
    );
}

#[test]
fn unreadable_inputs() {
    fails_with(
        &["analyze", "does/not/exist.csv"],
        1,
        &["does/not/exist.csv", "cannot open"],
    );
    fails_with(&["analyze", "tests"], 1, &["tests: is a directory"]);
    fails_with(
        &["analyze", &fixture("empty.csv")],
        1,
        &["empty.csv", "the file is empty"],
    );
    fails_with(
        &["analyze", &fixture("header_only.csv")],
        1,
        &["header_only.csv", "only a header row (line 1)"],
    );
}

#[test]
fn files_that_are_not_csv() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("invoices.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04\x14\x00\x06\x00workbook").unwrap();
    fails_with(
        &["analyze", xlsx.to_str().unwrap()],
        1,
        &["not a workbook that can be read", "CSV UTF-8"],
    );
    let json = dir.path().join("invoices.json");
    std::fs::write(&json, br#"[{"date": "2024-01-01", "amount": 12}]"#).unwrap();
    fails_with(
        &["analyze", json.to_str().unwrap()],
        1,
        &["a JSON document"],
    );
    let binary = dir.path().join("noise.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0, 0, 7, 8, 0, 0]).unwrap();
    fails_with(&["check", binary.to_str().unwrap()], 1, &["binary data"]);
}

#[test]
fn several_currencies_need_rates() {
    fails_with(
        &["analyze", &fixture("two_currencies.csv")],
        1,
        &["several currencies", "EUR (1 row), USD (2 rows)", "--rates"],
    );
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "USD,0.5,2024\n").unwrap();
    // 10.00 EUR + (20.00 + 5.00) USD × 0.5 = 22.50 EUR
    let report = analyze_json(&[
        &fixture("two_currencies.csv"),
        "--rates",
        rates.to_str().unwrap(),
    ]);
    assert_eq!(yearly(&report), [(2024, "22.50".to_string())]);
    assert_eq!(report["currency"], "EUR");
    std::fs::write(&rates, "USD,0.5,2023\n").unwrap();
    fails_with(
        &[
            "analyze",
            &fixture("two_currencies.csv"),
            "--rates",
            rates.to_str().unwrap(),
        ],
        1,
        &["two_currencies.csv:3: no exchange rate for USD in 2024"],
    );
}

#[test]
fn every_row_lands_in_one_bucket_with_its_line() {
    let report = analyze_json(&[&fixture("mixed_rows.csv")]);
    let inputs = &report["inputs"]["invoices"];
    assert_eq!(inputs["rows"], 8, "the blank line is not a row");
    assert_eq!(inputs["used"], 3);
    assert_eq!(inputs["excluded"]["draft"], 1);
    let rejected = &inputs["rejected"];
    assert_eq!(
        (
            rejected["bad_date"].as_u64(),
            rejected["bad_amount"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        (
            rejected["missing_client"].as_u64(),
            rejected["total_line"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        inputs["first_rejected_lines"],
        serde_json::json!([3, 4, 5, 8])
    );
    // 100.00 − 30.00 (credit note) + 1.005 = 71.005 → "71.01" (half away from zero)
    assert_eq!(yearly(&report), [(2024, "71.01".to_string())]);

    let (code, stdout, _) = run(&["check", &fixture("mixed_rows.csv")]);
    assert_eq!(code, 0);
    for line in [
        "line      3  bad_date: \"2024-02-30\" in \"Date\" is not a date",
        "line      4  bad_amount: \"12.5O\" in \"Amount\" is not an amount",
        "line      5  missing_client",
        "line      8  total_line",
        "rows         8: 3 used, 1 excluded, 4 rejected (1 blank rows ignored)",
    ] {
        assert!(stdout.contains(line), "{line:?} not in\n{stdout}");
    }
}

#[test]
fn strict_turns_rejections_into_errors() {
    fails_with(
        &["analyze", &fixture("mixed_rows.csv"), "--strict"],
        1,
        &[
            "4 rows rejected and --strict is on",
            "mixed_rows.csv:3: bad_date",
        ],
    );
    fails_with(
        &["check", &fixture("mixed_rows.csv"), "--strict"],
        1,
        &["--strict"],
    );
    // One rejected row is one row, in both languages.
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.csv");
    let rows = "date,client,amount\n2024-01-02,Acme,100\n2024-02-30,Acme,50\n";
    std::fs::write(&one, rows).unwrap();
    let one = one.to_str().unwrap();
    fails_with(
        &["analyze", one, "--strict"],
        1,
        &["1 row rejected and --strict is on:", "one.csv:3: "],
    );
    fails_with(
        &["analyze", one, "--strict", "--lang", "fr"],
        1,
        &["1 ligne rejetée alors que --strict est activé"],
    );
}

#[test]
fn french_excel_export_windows_1252() {
    let report = analyze_json(&[&fixture("french_ambiguous.csv")]);
    let inputs = &report["inputs"]["invoices"];
    assert_eq!(inputs["encoding"], "windows-1252");
    assert_eq!(
        (inputs["delimiter"].as_str(), inputs["decimal"].as_str()),
        (Some(";"), Some(","))
    );
    assert_eq!(inputs["date_format"], "%d/%m/%Y");
    // 1 234,56 − 34,56 (avoir) + 200 = 1 400,00
    assert_eq!(yearly(&report), [(2024, "1400.00".to_string())]);
    assert_eq!(report["clients"][0]["name"], "Café Lumière");
    assert_eq!(report["currency"], "EUR");
    // Every date reads both ways, but `;` and French headers make day-first the norm:
    // no warning (issue 30); the date format is in `inputs` and in `check`.
    let warnings = report["warnings"].to_string();
    assert!(!warnings.contains("--date-format"), "{warnings}");
    // Month-first on request: 01/02 becomes 2 January… and 05/06 becomes 6 May.
    let us = analyze_json(&[
        &fixture("french_ambiguous.csv"),
        "--date-format",
        "%m/%d/%Y",
    ]);
    assert_eq!(us["clients"][0]["first_invoice"], "2024-01-02");
}

#[test]
fn standard_input_and_overrides() {
    let csv = "Date|Client|Amount\n2024-05-01|Acme|1.234\n2024-06-01|Acme|2.000\n";
    let output = portfolio()
        .args([
            "analyze",
            "-",
            "--format",
            "json",
            "--decimal",
            ",",
            "--delimiter",
            "|",
        ])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // With a decimal comma, "1.234" and "2.000" are thousands: 1 234 + 2 000.
    assert_eq!(yearly(&report), [(2024, "3234.00".to_string())]);
    assert_eq!(report["inputs"]["invoices"]["path"], "standard input");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["analyze", "x.csv", "--delimiter", ":"],
        vec!["analyze", "x.csv", "--map", "colour=Red"],
        vec!["analyze", "x.csv", "--date-format", "banana"],
        vec!["analyze", "x.csv", "--currency", "euro"],
        vec!["analyze", "x.csv", "--fiscal-year-start", "02-29"],
        vec!["analyze", "x.csv", "--as-of", "31/12/2024"],
        vec!["frobnicate"],
    ] {
        let (code, _, stderr) = run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let (code, stdout, _) = run(&[
        "analyze",
        &fixture("two_currencies.csv"),
        "--currency",
        "EUR",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "USD rows cannot be converted without rates");
    assert!(!out.exists() && stdout.is_empty());
    // A failure leaves an earlier report as it was.
    std::fs::write(&out, "last year's report").unwrap();
    let (code, _, _) = run(&[
        "analyze",
        &fixture("two_currencies.csv"),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "last year's report");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    let (code, stdout, _) = run(&[
        "analyze",
        &fixture("mixed_rows.csv"),
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["schema_version"], 1);
    #[cfg(unix)]
    {
        // A new report is readable like any file (not the temporary file's 0600), and
        // a replaced one keeps its permissions.
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), 0o644);
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
        let args = [
            "risk",
            &fixture("mixed_rows.csv"),
            "--output",
            out.to_str().unwrap(),
        ];
        assert_eq!(run(&args).0, 0);
        assert_eq!(mode(&out), 0o600);
    }
}

#[test]
fn utf16_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export-utf16.csv");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Date\tClient\tMontant HT\n15/03/2024\tÉcole Vauban\t1 500,25\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, bytes).unwrap();
    let report = analyze_json(&[path.to_str().unwrap()]);
    assert_eq!(report["inputs"]["invoices"]["encoding"], "utf-16le");
    assert_eq!(yearly(&report), [(2024, "1500.25".to_string())]);
    assert_eq!(report["clients"][0]["name"], "École Vauban");
}

#[test]
fn focus_year_outside_the_data() {
    fails_with(
        &["analyze", &fixture("mixed_rows.csv"), "--year", "2019"],
        1,
        &["--year 2019: the data has revenue only from 2024 to 2024"],
    );
}

#[test]
fn spreadsheet_quirks_and_fiscal_years() {
    // tests/fixtures/quirks.csv: trailing separators with CRLF, a duplicated header, quoted
    // names with "" and a line break, `1 200,50 €` (no-break space), `'-100`, `(50)`,
    // `250,00 ` (trailing space), an unknown status, and invoice Q-6 on two rows.
    let calendar = analyze_json(&[&fixture("quirks.csv")]);
    // 1 200,50 − 100 − 50 + 250 + 30 + 30 (Q-6 once)
    assert_eq!(yearly(&calendar), [(2024, "1360.50".to_string())]);
    let names: Vec<&str> = calendar["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Studio \"Nord\"", "Bolt", "Café Lumière"]);
    let warnings = calendar["warnings"].to_string();
    assert!(warnings.contains("\\\"unsent\\\" (1)"), "{warnings}");
    assert!(warnings.contains("6 invoices over 7 rows"), "{warnings}");
    // Fiscal years from 1 April: up to 2024-03-31 is fiscal 2023.
    let fiscal = analyze_json(&[&fixture("quirks.csv"), "--fiscal-year-start", "04-01"]);
    assert_eq!(
        yearly(&fiscal),
        [(2023, "1050.50".to_string()), (2024, "310.00".to_string())]
    );
    assert_eq!(
        fiscal["years"][0]["active_clients"], 1,
        "credit notes alone make no active client"
    );
}
