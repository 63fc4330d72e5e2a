//! `portfolio template` writes files that `portfolio analyze` reads as they are.

use crate::common::{analyze_json, run};

#[test]
fn templates_in_both_languages_are_analysable() {
    for (lang, revenue) in [("en", "1950.00"), ("fr", "1950.00")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_str().unwrap();
        let (code, _, stderr) = run(&["template", "--lang", lang, path]);
        assert_eq!(code, 0, "{stderr}");
        let file = |name: &str| dir.path().join(name).display().to_string();
        // 1200 + 800 − 200 (credit note) + 150 = 1950
        let report = analyze_json(&[
            &file("invoices.csv"),
            "--clients",
            &file("clients.csv"),
            "--surveys",
            &file("surveys.csv"),
        ]);
        assert_eq!(report["years"][0]["revenue"], revenue, "{lang}");
        assert_eq!(report["inputs"]["clients"]["used"], 3, "{lang}");
        assert_eq!(report["inputs"]["surveys"]["used"], 2, "{lang}");
        assert_eq!(
            report["warnings"],
            serde_json::json!([]),
            "{lang}: {}",
            report["warnings"]
        );

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
