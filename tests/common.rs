//! Helpers: the binary with a pinned environment, and paths to shared data.

use std::path::PathBuf;

use assert_cmd::Command;

/// `portfolio` with no locale and no colour, and tables as wide as they come (200
/// columns: tests that check a table's text do not depend on fitting; tests/fit.rs
/// checks fitting at 80 and 100 columns).
pub fn portfolio() -> Command {
    let mut cmd = Command::cargo_bin("portfolio").unwrap();
    cmd.env_clear()
        .env("COLUMNS", "200")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The bundled demo portfolio, English flavour: invoices, clients and surveys.
pub const EXAMPLE_EN: [&str; 5] = [
    "examples/en/invoices.csv",
    "--clients",
    "examples/en/clients.csv",
    "--surveys",
    "examples/en/surveys.csv",
];

/// The same portfolio as a French export (`;`, decimal commas, Windows-1252).
pub const EXAMPLE_FR: [&str; 5] = [
    "examples/fr/factures.csv",
    "--clients",
    "examples/fr/clients.csv",
    "--surveys",
    "examples/fr/enquetes.csv",
];

/// Every subcommand that renders a report, whole or one section.
pub const REPORT_COMMANDS: [&str; 10] = [
    "analyze",
    "segments",
    "risk",
    "stress",
    "retention",
    "nps",
    "referrals",
    "payments",
    "thresholds",
    "plan",
];

/// A file of the shared corpus (../shared/corpus beside the checkout).
pub fn corpus(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(path);
    assert!(
        full.exists(),
        "{} is missing: the tests need ../shared beside the checkout",
        full.display()
    );
    full.display().to_string()
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs `analyze --format json` and parses the output.
#[track_caller]
pub fn analyze_json(args: &[&str]) -> serde_json::Value {
    let output = portfolio()
        .arg("analyze")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "analyze {args:?} failed with {:?}:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `(year, revenue)` pairs of a JSON report.
pub fn yearly(report: &serde_json::Value) -> Vec<(i64, String)> {
    report["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["revenue"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Runs the binary and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = portfolio().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `(year, revenue)` pairs written out, to compare with [`yearly`].
pub fn years(list: &[(i64, &str)]) -> Vec<(i64, String)> {
    list.iter().map(|(y, r)| (*y, r.to_string())).collect()
}

/// `(name, lifetime revenue)` of each client of a JSON report, in its order.
pub fn client_revenues(report: &serde_json::Value) -> Vec<(String, String)> {
    report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["lifetime_revenue"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `(name, revenue)` pairs written out, to compare with [`client_revenues`].
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
