//! French everywhere a person reads: `--lang fr` or a French locale gives French
//! headings, verdicts, plan and warnings, and French numbers and dates; JSON keys and
//! JSON warnings stay English.

use serde_json::Value;

use crate::common::{fixture, portfolio, run, EXAMPLE_FR, REPORT_COMMANDS};

#[test]
fn warnings_follow_the_language_on_standard_error() {
    // Comma-delimited with English headers: not clearly French, so the all-ambiguous
    // dates are read month-first, with the warning.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ambiguous.csv");
    std::fs::write(
        &path,
        "Date,Client,Amount\n01/02/2024,Acme,10\n03/04/2024,Acme,5\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let (code, _, stderr) = run(&["analyze", file, "--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("avertissement\u{a0}: ")
            && stderr.contains("peuvent se lire jour/mois ou mois/jour")
            && stderr.contains("au format MM/JJ/AAAA"),
        "{stderr}"
    );
    // The locale decides when --lang is not given; LC_ALL wins over LANG.
    let output = portfolio()
        .args(["analyze", file])
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("avertissement"));
    let output = portfolio()
        .args(["analyze", file])
        .env("LANG", "fr_FR.UTF-8")
        .env("LC_ALL", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("warning: "));
}

#[test]
fn a_clearly_french_file_read_day_first_raises_no_date_warning_and_no_action() {
    // `;` and French headers, every date ambiguous: day-first is the norm, not a guess
    // worth a warning or a "fix the data" action.
    let file = fixture("french_ambiguous.csv");
    let (code, stdout, stderr) = run(&["analyze", &file, "--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("jour/mois"), "{stderr}");
    assert!(!stdout.contains("Corrigez les données"), "{stdout}");
}

#[test]
fn json_keys_and_warnings_do_not_change_with_the_language() {
    let file = fixture("french_ambiguous.csv");
    let json = |lang: &str| -> Value {
        let (code, stdout, _) = run(&["analyze", &file, "--format", "json", "--lang", lang]);
        assert_eq!(code, 0);
        serde_json::from_str(&stdout).unwrap()
    };
    let (en, fr) = (json("en"), json("fr"));
    fn keys(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let p = format!("{path}.{k}");
                    out.push(p.clone());
                    keys(v, &p, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| keys(i, path, out)),
            _ => {}
        }
    }
    let (mut en_keys, mut fr_keys) = (Vec::new(), Vec::new());
    keys(&en, "", &mut en_keys);
    keys(&fr, "", &mut fr_keys);
    assert_eq!(en_keys, fr_keys);
    assert_eq!(en["warnings"], fr["warnings"]);
    assert_ne!(en["plan"][0]["title"], fr["plan"][0]["title"]);
}

#[test]
fn the_french_report_reads_french() {
    let mut args = vec!["analyze"];
    args.extend(EXAMPLE_FR);
    args.extend(["--lang", "fr"]);
    let (code, stdout, _) = run(&args);
    assert_eq!(code, 0);
    for expected in [
        "Revue du portefeuille clients",
        "Origine du chiffre d'affaires (la «\u{a0}marguerite\u{a0}» client)",
        "Risque de dépendance",
        "Fidélisation\u{a0}: clients gagnés et perdus (la «\u{a0}baignoire qui fuit\u{a0}»)",
        "Net Promoter Score (NPS)\u{a0}: vos clients vous recommanderaient-ils\u{202f}?",
        "Bouche-à-oreille\u{a0}: canaux et prescripteurs",
        "Montants\u{a0}: chiffre d'affaires HT facturé, par date de facture",
        "Année analysée\u{a0}: 2025 (en cours) · données au 12/12/2025",
        "Plan d'action",
        "64\u{202f}267,15\u{a0}€",
        "12/12/2025",
        "49,9\u{a0}%",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing");
    }
    // The one English word a French report may hold: the `referrals` command it names.
    let stdout = stdout.replace("portfolio referrals", "portfolio");
    for english in [
        "Revenue",
        "Clients who",
        "Action plan",
        "referral",
        "promoters",
    ] {
        assert!(!stdout.contains(english), "{english:?} left in English");
    }
}

/// Every French output a person reads: each subcommand in each human format, `check`,
/// the template's message and the errors.
fn french_outputs() -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("mauvais.csv");
    std::fs::write(
        &bad,
        "Date;Client;Montant HT\n31/02/2024;A;10\n01/03/2024;;5\n02/03/2024;B;x1\n03/03/2024;C;10\n",
    )
    .unwrap();
    let no_amount = dir.path().join("sans_montant.csv");
    std::fs::write(&no_amount, "Date;Client;Statut\n01/01/2024;A;Payée\n").unwrap();
    let empty = dir.path().join("vide.csv");
    std::fs::write(&empty, "").unwrap();
    let (bad, no_amount, empty) = (
        bad.to_str().unwrap().to_string(),
        no_amount.to_str().unwrap().to_string(),
        empty.to_str().unwrap().to_string(),
    );
    let template_dir = dir.path().join("modele");
    let mut runs: Vec<Vec<String>> = Vec::new();
    for command in REPORT_COMMANDS {
        for format in ["table", "markdown", "html"] {
            let mut args = vec![command.to_string()];
            args.extend(EXAMPLE_FR.iter().map(|a| a.to_string()));
            args.extend(["--format".into(), format.into()]);
            runs.push(args);
        }
    }
    // The French thresholds and the cash basis, in every human format.
    for format in ["table", "markdown", "html"] {
        let mut args = vec!["analyze".to_string()];
        args.extend(EXAMPLE_FR.iter().map(|a| a.to_string()));
        args.extend(
            [
                "--regime",
                "micro-bnc",
                "--basis",
                "cash",
                "--format",
                format,
            ]
            .map(String::from),
        );
        runs.push(args);
    }
    runs.push(vec![
        "analyze".into(),
        "examples/cooperative.csv".into(),
        "--by".into(),
        "freelancer".into(),
        "--regime".into(),
        "micro-bnc".into(),
    ]);
    let mut check = vec!["check".to_string()];
    check.extend(EXAMPLE_FR.iter().map(|a| a.to_string()));
    runs.push(check);
    runs.push(vec!["check".into(), bad.clone()]);
    runs.push(vec!["analyze".into(), bad.clone(), "--strict".into()]);
    runs.push(vec!["analyze".into(), no_amount]);
    runs.push(vec!["analyze".into(), empty]);
    runs.push(vec!["analyze".into(), "nexiste_pas.csv".into()]);
    // Errors whose details the library used to word in English whatever the language:
    // the currencies' rows, a rates file's problem, the headers found.
    runs.push(vec![
        "analyze".into(),
        "tests/fixtures/two_currencies.csv".into(),
    ]);
    for (name, rates) in [
        ("taux_vide.csv", "devise\n"),
        ("taux_code.csv", "EURO,1\n"),
        ("taux_montant.csv", "USD,1\nGBP,x1\n"),
        ("taux_zero.csv", "USD,0\n"),
        ("taux_annee.csv", "USD,1,l'an 2024\n"),
        ("taux_double.csv", "USD,0.9,2024\nUSD,0.95,2024\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, rates).unwrap();
        runs.push(vec![
            "analyze".into(),
            "tests/fixtures/two_currencies.csv".into(),
            "--rates".into(),
            path.to_str().unwrap().to_string(),
        ]);
    }
    runs.push(vec![
        "analyze".into(),
        "examples/fr/factures.csv".into(),
        "--by".into(),
        "consultant".into(),
    ]);
    runs.push(vec![
        "analyze".into(),
        bad.clone(),
        "--basis".into(),
        "cash".into(),
    ]);
    runs.push(vec![
        "analyze".into(),
        "examples/fr/factures.csv".into(),
        "--year".into(),
        "1990".into(),
    ]);
    runs.push(vec![
        "analyze".into(),
        bad,
        "--as-of".into(),
        "2025-13-01".into(),
    ]);
    runs.push(vec![
        "template".into(),
        template_dir.to_str().unwrap().to_string(),
    ]);
    for (name, settings) in [
        ("langue.toml", "lang = \"de\"\n"),
        ("seuils.toml", "[thresholds]\ndependency_high = 500\n"),
        ("exercice.toml", "fiscal_year_start = \"13-01\"\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, settings).unwrap();
        runs.push(vec![
            "analyze".into(),
            "examples/fr/factures.csv".into(),
            "--config".into(),
            path.to_str().unwrap().to_string(),
        ]);
    }
    runs.into_iter()
        .map(|mut args| {
            args.extend(["--lang".into(), "fr".into()]);
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let (_, stdout, stderr) = run(&refs);
            (args.join(" "), format!("{}\n{stderr}", text_of(&stdout)))
        })
        .collect()
}

/// What a reader sees of an HTML page (the text between tags, outside style and
/// script); other outputs as they are.
fn text_of(output: &str) -> String {
    if !output.starts_with("<!DOCTYPE") {
        return output.to_string();
    }
    let mut text = String::new();
    let mut rest = output;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        let skip_to = if tag.starts_with("<style") {
            "</style>"
        } else if tag.starts_with("<script") {
            "</script>"
        } else {
            ">"
        };
        rest = tag
            .find(skip_to)
            .map_or("", |end| &tag[end + skip_to.len()..]);
    }
    text.push_str(rest);
    text
}

#[test]
fn a_french_run_prints_no_english_sentence() {
    // English words that only the English catalogue uses (checked as whole words); the
    // demo's names are French, so any of them is a leak.
    const ENGLISH: [&str; 34] = [
        "the",
        "and",
        "of",
        "with",
        "from",
        "is",
        "are",
        "not",
        "no",
        "your",
        "you",
        "revenue",
        "clients won",
        "lost",
        "rows",
        "used",
        "excluded",
        "rejected",
        "warning",
        "error",
        "currency",
        "ready",
        "invoices",
        "columns",
        "header",
        "line",
        "encoding",
        "delimiter",
        "referrer",
        "promoters",
        "detractors",
        "pass",
        "wrote",
        "year",
    ];
    let outputs = french_outputs();
    assert!(outputs.len() > 25);
    for (command, output) in outputs {
        // Options (`--encoding`) and date patterns (`%d/%m/%Y`) are the same in every
        // language.
        let words: Vec<String> = output
            .split_whitespace()
            .filter(|token| !token.contains("--") && !token.contains('%'))
            .flat_map(|token| token.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '_'))
            .map(str::to_lowercase)
            .collect();
        for english in ENGLISH {
            let parts: Vec<&str> = english.split(' ').collect();
            let leaked = words.windows(parts.len()).any(|w| w == parts.as_slice());
            assert!(!leaked, "{command}: {english:?} in\n{output}");
        }
        // Straight quotes are code; French quotes values « like this ».
        for line in output
            .lines()
            .filter(|l| !l.contains("--map") && !l.contains("jq "))
        {
            assert!(
                !line.contains('"'),
                "{command}: straight quotes in {line:?}"
            );
        }
    }
}

#[test]
fn french_typography_everywhere() {
    for (command, output) in french_outputs() {
        // A Markdown table's alignment row (`| :--- | ---: |`) is syntax, not French.
        let prose = output
            .lines()
            .filter(|l| !l.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ')));
        for line in prose {
            for sign in [" :", " ;", " ?", " !", " %", "« ", " »"] {
                assert!(
                    !line.contains(sign),
                    "{command}: a breaking space in {sign:?} in {line:?}"
                );
            }
        }
    }
}

#[test]
fn a_fiscal_year_is_named_by_its_closing_date() {
    // Review item 37: an exercice from July is named 2025-2026 and by its closing date;
    // JSON keeps the start year and adds the label.
    let mut args = vec![
        "analyze",
        EXAMPLE_FR[0],
        "--fiscal-year-start",
        "07-01",
        "--lang",
        "fr",
    ];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Exercice analysé\u{a0}: 2025-2026 (clos le 30/06/2026, en cours)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("L'exercice 2025-2026 est en cours"),
        "{stdout}"
    );
    assert!(stdout.contains("│ 2024-2025 "), "{stdout}");
    // Sentences and the plan name it the same way, never by its start year alone.
    assert!(
        stdout.contains("En 2025-2026, les clients fidèles"),
        "{stdout}"
    );
    assert!(
        stdout.contains("trop tôt pour juger l'exercice"),
        "{stdout}"
    );
    assert!(!stdout.contains("En 2025,"), "{stdout}");
    args.truncate(3);
    args.extend(["07-01", "--format", "json"]);
    let (_, json, _) = run(&args);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["period"]["focus_year"], 2025);
    assert_eq!(
        json["period"]["labels"].as_array().unwrap().last().unwrap(),
        "2025–26"
    );
    let (_, english, _) = run(&["analyze", EXAMPLE_FR[0], "--fiscal-year-start", "07-01"]);
    assert!(
        english.contains("Focus fiscal year: 2025–26 (ends 2026-06-30, in progress)"),
        "{english}"
    );
}
