//! Rendered output, pinned: the table, Markdown and HTML in both languages, JSON and
//! `check`.

use crate::common::{run, EXAMPLE_EN, EXAMPLE_FR};

fn stdout_of(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

#[test]
fn table_report_in_english() {
    insta::assert_snapshot!(stdout_of(&[
        "analyze",
        "examples/en/invoices.csv",
        "--clients",
        "examples/en/clients.csv",
        "--as-of",
        "2025-12-31",
    ]));
}

#[test]
fn table_report_in_french() {
    let mut args = vec!["analyze"];
    args.extend(EXAMPLE_FR);
    args.extend(["--lang", "fr"]);
    insta::assert_snapshot!(stdout_of(&args));
}

#[test]
fn table_report_in_french_without_clients_file() {
    insta::assert_snapshot!(stdout_of(&[
        "analyze",
        "examples/fr/factures.csv",
        "--lang",
        "fr"
    ]));
}

fn formatted(example: [&'static str; 5], format: &'static str, lang: &'static str) -> String {
    let mut args = vec!["analyze"];
    args.extend(example);
    args.extend(["--format", format, "--lang", lang]);
    stdout_of(&args)
}

#[test]
fn markdown_report_in_english() {
    insta::assert_snapshot!(formatted(EXAMPLE_EN, "markdown", "en"));
}

#[test]
fn markdown_report_in_french() {
    insta::assert_snapshot!(formatted(EXAMPLE_FR, "markdown", "fr"));
}

#[test]
fn check_report() {
    insta::assert_snapshot!(stdout_of(&["check", "tests/fixtures/mixed_rows.csv"]));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(stdout_of(&[
        "analyze",
        "tests/fixtures/french_ambiguous.csv",
        "--format",
        "json"
    ]));
}

#[test]
fn json_report_on_the_examples() {
    insta::assert_snapshot!(stdout_of(&[
        "analyze",
        "examples/en/invoices.csv",
        "--clients",
        "examples/en/clients.csv",
        "--surveys",
        "examples/en/surveys.csv",
        "--as-of",
        "2025-12-31",
        "--format",
        "json"
    ]));
}

#[test]
fn risk_table_for_the_last_twelve_months_in_french() {
    insta::assert_snapshot!(stdout_of(&[
        "risk",
        "examples/fr/factures.csv",
        "--clients",
        "examples/fr/clients.csv",
        "--as-of",
        "2025-06-30",
        "--lang",
        "fr"
    ]));
}

#[test]
fn html_report_in_english() {
    insta::assert_snapshot!(formatted(EXAMPLE_EN, "html", "en"));
}

#[test]
fn html_report_in_french() {
    insta::assert_snapshot!(formatted(EXAMPLE_FR, "html", "fr"));
}

#[test]
fn summary_by_freelancer_as_a_table() {
    insta::assert_snapshot!(stdout_of(&[
        "analyze",
        "examples/cooperative.csv",
        "--by",
        "freelancer"
    ]));
}

#[test]
fn summary_by_freelancer_in_html_in_french() {
    insta::assert_snapshot!(stdout_of(&[
        "analyze",
        "examples/cooperative.csv",
        "--by",
        "freelancer",
        "--format",
        "html",
        "--lang",
        "fr"
    ]));
}

#[test]
fn thresholds_in_french_and_english() {
    for lang in ["fr", "en"] {
        insta::assert_snapshot!(
            format!("thresholds_{lang}"),
            stdout_of(&[
                "thresholds",
                "examples/fr/factures.csv",
                "--regime",
                "micro-bnc",
                "--lang",
                lang
            ])
        );
    }
}

#[test]
fn payments_in_markdown_on_the_cash_basis() {
    insta::assert_snapshot!(stdout_of(&[
        "payments",
        "examples/en/invoices.csv",
        "--basis",
        "cash",
        "--format",
        "markdown"
    ]));
}

#[test]
fn a_referrer_statement_in_french() {
    insta::assert_snapshot!(stdout_of(&[
        "referrals",
        "examples/fr/factures.csv",
        "--clients",
        "examples/fr/clients.csv",
        "--statement",
        "Jeanne Martin",
        "--lang",
        "fr",
        "--format",
        "markdown"
    ]));
}
