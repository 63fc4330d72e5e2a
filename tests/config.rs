//! `portfolio.toml`: read from `--config FILE` or the current directory; the command
//! line wins over it.

use serde_json::Value;

use crate::common::{portfolio, run, EXAMPLE_EN};

/// The demo portfolio's arguments with absolute paths, to run from another directory.
fn examples() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    EXAMPLE_EN
        .iter()
        .map(|a| {
            if a.starts_with("examples/") {
                root.join(a).display().to_string()
            } else {
                a.to_string()
            }
        })
        .collect()
}

fn json(dir: &std::path::Path, command: &str, extra: &[&str]) -> Value {
    let output = portfolio()
        .current_dir(dir)
        .arg(command)
        .args(examples())
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn thresholds_language_and_dormancy_from_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("portfolio.toml"),
        "lang = \"fr\"\ndormant_after = 30\n[thresholds]\ndependency_high = 40\n",
    )
    .unwrap();
    let report = json(dir.path(), "analyze", &[]);
    // Acme Industries' 49.87 % is now above the "high" line of 40 %.
    let flags = &report["risk_ttm"]["flags"];
    assert!(
        flags
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "dependency.high"),
        "{flags}"
    );
    assert_eq!(report["plan"][0]["id"], "dependency.high");
    assert!(report["plan"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Prospectez"));
    // 30 months before 2025-12-12 is 2023-06-12: only Orbital SAS (last invoice
    // 2022-11-03) and Café Lumière (2023-03-15) are dormant.
    assert_eq!(report["dormant"].as_array().unwrap().len(), 2);
    // The command line wins.
    let report = json(
        dir.path(),
        "analyze",
        &["--lang", "en", "--dormant-after", "12"],
    );
    assert!(report["plan"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Prospect for"));
    assert_eq!(report["dormant"].as_array().unwrap().len(), 5);
}

#[test]
fn mappings_and_channel_words_from_an_explicit_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("export.csv"),
        "Quand,Qui,Combien\n2024-03-01,Acme,1000.00\n2024-04-01,Bolt,500.00\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("clients.csv"),
        "Client,Source\nAcme,BNI\nBolt,Salon du freelance\n",
    )
    .unwrap();
    let config = dir.path().join("mine.toml");
    std::fs::write(
        &config,
        "[map]\ndate = \"Quand\"\nclient = \"Qui\"\namount = \"Combien\"\n\"clients.channel\" = \"Source\"\n\
         [channels]\nBNI = \"referral\"\n\"salon du freelance\" = \"event\"\n",
    )
    .unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    let (code, stdout, stderr) = run(&[
        "referrals",
        &path("export.csv"),
        "--clients",
        &path("clients.csv"),
        "--config",
        &path("mine.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "no unknown-channel warning: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let channels: Vec<&str> = report["years"][0]["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["referral", "event"]);
    // --map replaces the file's mapping of the same field.
    std::fs::write(
        dir.path().join("export2.csv"),
        "Quand,Qui,Combien,Autre\n2024-03-01,Acme,1000.00,7.00\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[
        "analyze",
        &path("export2.csv"),
        "--config",
        &path("mine.toml"),
        "--map",
        "amount=Autre",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["years"][0]["revenue"], "7.00");
}

#[test]
fn a_bad_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("portfolio.toml");
    std::fs::write(
        &config,
        "lang = \"fr\"\n[thresholds]\ndependency_hihg = 40\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let (code, stdout, stderr) = run(&["analyze", "examples/en/invoices.csv", "--config", &config]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.contains("portfolio.toml: not a valid portfolio.toml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("dependency_hihg") && stderr.contains("line 3"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[
        "analyze",
        "examples/en/invoices.csv",
        "--config",
        "/nonexistent.toml",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("/nonexistent.toml: cannot read the configuration file: "),
        "{stderr}"
    );
    // The system's reason is said once, not once by the error and again as its cause.
    let reason = stderr
        .split("configuration file: ")
        .nth(1)
        .unwrap_or_default();
    assert!(!reason.trim().is_empty(), "{stderr}");
    assert_eq!(stderr.matches(reason.trim()).count(), 1, "{stderr}");
}

#[test]
fn template_writes_a_commented_file_that_reads_as_the_defaults() {
    for lang in ["en", "fr"] {
        let dir = tempfile::tempdir().unwrap();
        let (code, _, stderr) = run(&["template", "--lang", lang, dir.path().to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        let toml = std::fs::read_to_string(dir.path().join("portfolio.toml")).unwrap();
        assert!(toml.contains("[thresholds]") && toml.contains("# dependency_high = 50"));
        // Run from that directory: the template's file changes nothing.
        let report = json(dir.path(), "analyze", &["--lang", "en"]);
        assert_eq!(report["risk_level"], "high");
        assert_eq!(report["dormant"].as_array().unwrap().len(), 5);
    }
}
