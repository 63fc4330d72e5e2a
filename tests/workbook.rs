//! Workbooks read directly (SPEC 2.5): the demo portfolio as .xlsx gives the figures of
//! its CSV, typed dates and numbers are taken as such whatever the date system, a text
//! cell beside them still goes through the CSV parsing, and `check` says what was read.

use std::io::Write;

use crate::common::{analyze_json, fixture, run};

#[test]
fn the_demo_workbook_gives_the_figures_of_its_csv() {
    let csv = analyze_json(&["examples/en/invoices.csv"]);
    let xlsx = analyze_json(&["examples/en/invoices.xlsx"]);
    for key in ["currency", "period", "years", "risk_ttm", "clients", "plan"] {
        assert_eq!(csv[key], xlsx[key], "{key}");
    }
    let counted = |r: &serde_json::Value| {
        let f = &r["inputs"]["invoices"];
        (f["rows"].clone(), f["used"].clone(), f["excluded"].clone())
    };
    assert_eq!(counted(&csv), counted(&xlsx));
}

#[test]
fn check_names_the_sheet_and_the_typed_cells() {
    let (code, out, _) = run(&["check", "examples/en/invoices.xlsx"]);
    assert_eq!(code, 0);
    // The summary sheet comes first: the sheet read is the one whose header maps.
    assert!(
        out.starts_with("invoices: examples/en/invoices.xlsx[Invoices]\n"),
        "{out}"
    );
    // 63 counted rows + 2 excluded: a typed date, amount and due date each (195 cells),
    // and the 57 paid invoices' typed payment dates: 252 cells.
    assert!(
        out.contains(
            "  workbook     sheet \"Invoices\" (sheets: \"Summary\", \"Invoices\"); 252 cells typed as numbers or dates, read as such"
        ),
        "{out}"
    );
    assert!(!out.contains("encoding"), "no encoding to guess: {out}");
}

#[test]
fn dates_of_either_system_and_a_text_amount_beside_typed_ones() {
    // Typed 1,234.5 and 0.1 + 0.2 (Excel shows 0.3) in 2024, a text "1 000,00" in 2025;
    // the same dates stored in the 1900 and the 1904 systems.
    for name in ["workbooks/win_1900.xlsx", "workbooks/mac_1904.xlsx"] {
        let report = analyze_json(&[&fixture(name)]);
        assert_eq!(
            crate::common::yearly(&report),
            [(2024, "1234.80".to_string()), (2025, "1000.00".to_string())],
            "{name}"
        );
        assert_eq!(
            report["clients"][1]["first_invoice"], "2024-12-31",
            "{name}"
        );
        assert_eq!(report["warnings"], serde_json::json!([]), "{name}");
    }
}

#[test]
fn a_legacy_xls_is_read() {
    let report = analyze_json(&[&fixture("workbooks/legacy.xls")]);
    assert_eq!(
        crate::common::yearly(&report),
        [(2024, "1234.80".to_string())]
    );
    assert_eq!(report["clients"][1]["first_invoice"], "2024-12-31");
}

#[test]
fn a_sheet_as_wide_as_excel_allows_is_read() {
    let report = analyze_json(&[&fixture("workbooks/widest.xlsx")]);
    assert_eq!(
        crate::common::yearly(&report),
        [(2024, "100.00".to_string())]
    );
}

#[test]
fn sheet_names_the_sheet_and_a_wrong_name_lists_them() {
    let (code, _, stderr) = run(&["analyze", "examples/en/invoices.xlsx", "--sheet", "Nope"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no sheet is named \"Nope\"; its sheets are \"Summary\", \"Invoices\""),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["analyze", "examples/en/invoices.xlsx", "--sheet", "Summary"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("examples/en/invoices.xlsx[Summary]: no header row names"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[
        "analyze",
        "examples/en/invoices.xlsx",
        "--sheet",
        "Nope",
        "--lang",
        "fr",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("aucune feuille ne s'appelle «\u{a0}Nope\u{a0}»"),
        "{stderr}"
    );
}

/// A minimal OpenDocument spreadsheet, as LibreOffice writes its typed cells.
fn ods(rows: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Factures">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn text(value: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_opendocument_spreadsheet_is_read_with_its_typed_cells() {
    let header = format!(
        "<table:table-row>{}{}{}</table:table-row>",
        text("Date"),
        text("Client"),
        text("Montant HT")
    );
    let row = |date: &str, client: &str, amount: &str| {
        format!(
            r#"<table:table-row><table:table-cell office:value-type="date" office:date-value="{date}"/>{}<table:table-cell office:value-type="float" office:value="{amount}"/></table:table-row>"#,
            text(client)
        )
    };
    let sheet = ods(&format!(
        "{header}{}{}",
        row("2024-02-03", "Acme", "1500.25"),
        row("2024-11-30", "Beta", "99.75")
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("factures.ods");
    std::fs::write(&path, sheet).unwrap();
    let report = analyze_json(&[path.to_str().unwrap()]);
    assert_eq!(
        crate::common::yearly(&report),
        [(2024, "1600.00".to_string())]
    );
    assert_eq!(report["clients"][0]["first_invoice"], "2024-02-03");
}

#[test]
fn files_that_only_look_like_workbooks_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // A zip archive that holds no workbook.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"not a sheet").unwrap();
    let archive = dir.path().join("archive.xlsx");
    std::fs::write(&archive, zip.finish().unwrap().into_inner()).unwrap();
    let (code, _, stderr) = run(&["analyze", archive.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("not a workbook that can be read"),
        "{stderr}"
    );
    // A password-protected .xlsx (an OLE file with an EncryptedPackage stream).
    let mut locked = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    locked.extend([0u8; 500]);
    locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("locked.xlsx");
    std::fs::write(&path, locked).unwrap();
    let (code, _, stderr) = run(&["check", path.to_str().unwrap(), "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("protégé par un mot de passe"), "{stderr}");
}

#[test]
fn rows_keep_their_sheet_numbers_and_a_clients_workbook_is_read() {
    let (code, out, _) = run(&["check", &fixture("workbooks/preamble.xlsx")]);
    assert_eq!(code, 0);
    assert!(
        out.contains("  header       line 3 (2 rows before it skipped)"),
        "{out}"
    );
    assert!(
        out.contains("  line      5  bad_date: \"31/02/2024\" in \"Date\""),
        "{out}"
    );
    let clients = fixture("workbooks/clients.xlsx");
    let with_csv = analyze_json(&[
        "examples/en/invoices.csv",
        "--clients",
        "examples/en/clients.csv",
    ]);
    let with_xlsx = analyze_json(&["examples/en/invoices.csv", "--clients", &clients]);
    for key in ["clients", "referrers", "channels_lifetime", "nps"] {
        assert_eq!(with_csv[key], with_xlsx[key], "{key}");
    }
}
