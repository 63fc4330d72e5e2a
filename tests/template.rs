//! `portfolio template` writes files that `portfolio analyze` reads as they are.

use crate::common::{analyze_json, run};

#[test]
fn templates_in_both_languages_are_analysable_and_show_every_section() {
    for (lang, invoices, surveys) in [
        ("en", "invoices.csv", "surveys.csv"),
        ("fr", "factures.csv", "enquetes.csv"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_str().unwrap();
        let (code, _, stderr) = run(&["template", "--lang", lang, path]);
        assert_eq!(code, 0, "{stderr}");
        let file = |name: &str| dir.path().join(name).display().to_string();
        let report = analyze_json(&[
            &file(invoices),
            "--clients",
            &file("clients.csv"),
            "--surveys",
            &file(surveys),
        ]);
        // 2023: 1000 + 600; 2024: 1200 + 800 − 200 (credit note) + 150 + 450 = 2400.
        assert_eq!(report["years"][0]["revenue"], "1600.00", "{lang}");
        assert_eq!(report["years"][1]["revenue"], "2400.00", "{lang}");
        assert_eq!(report["inputs"]["clients"]["used"], 4, "{lang}");
        assert_eq!(report["inputs"]["surveys"]["used"], 2, "{lang}");
        assert_eq!(
            report["warnings"],
            serde_json::json!([]),
            "{lang}: {}",
            report["warnings"]
        );
        // Every section has something to show: the sample's answers are dated before
        // its last invoice, a client was lost, one came by referral.
        assert_eq!(report["nps"]["responses"], 2, "{lang}");
        assert_eq!(report["referrers"].as_array().unwrap().len(), 1, "{lang}");
        assert_eq!(report["years"][1]["retention"]["lost"], 1, "{lang}");
        assert_eq!(report["dormant"].as_array().unwrap().len(), 1, "{lang}");
        assert!(!report["plan"].as_array().unwrap().is_empty(), "{lang}");

        let (code, _, stderr) = run(&["template", "--lang", lang, path]);
        assert_eq!(code, 1, "existing files are not overwritten");
        assert!(stderr.contains("--force"), "{stderr}");
        let (code, _, _) = run(&["template", "--lang", lang, "--force", path]);
        assert_eq!(code, 0);
    }
}

#[test]
fn completions_are_printed() {
    let (code, stdout, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("portfolio") && stdout.contains("analyze"));
}

#[test]
fn the_man_page_is_printed() {
    let (code, stdout, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(".ie") || stdout.contains(".TH portfolio"),
        "{stdout}"
    );
    for word in ["analyze", "referrals", "plan", "\\-\\-fail\\-on"] {
        assert!(stdout.contains(word), "{word} missing from the man page");
    }
}

#[test]
fn counted_words_agree_with_their_numbers() {
    // One preamble row is "1 row", one existing file "exists".
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("preamble.csv");
    std::fs::write(
        &file,
        "Export of 2024\nDate,Client,Amount\n2024-01-02,Acme,10\n",
    )
    .unwrap();
    let (_, stdout, _) = run(&["check", file.to_str().unwrap(), "--no-color"]);
    assert!(
        stdout.contains("line 2 (1 row before it skipped)"),
        "{stdout}"
    );
    let path = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("invoices.csv"), "x").unwrap();
    let (code, _, stderr) = run(&["template", "--lang", "en", path]);
    assert_eq!(code, 1);
    assert!(stderr.contains("invoices.csv already exists"), "{stderr}");
}
