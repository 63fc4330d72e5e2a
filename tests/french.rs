//! French everywhere a person reads: `--lang fr` or a French locale gives French
//! headings, verdicts, plan and warnings, and French numbers and dates; JSON keys and
//! JSON warnings stay English.

use serde_json::Value;

use crate::common::{fixture, portfolio, run, EXAMPLE_FR};

#[test]
fn warnings_follow_the_language_on_standard_error() {
    let file = fixture("french_ambiguous.csv");
    let (code, _, stderr) = run(&["analyze", &file, "--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("avertissement : ")
            && stderr.contains("se lit jour d'abord comme mois d'abord"),
        "{stderr}"
    );
    // The locale decides when --lang is not given; LC_ALL wins over LANG.
    let output = portfolio()
        .args(["analyze", &file])
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("avertissement"));
    let output = portfolio()
        .args(["analyze", &file])
        .env("LANG", "fr_FR.UTF-8")
        .env("LC_ALL", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("warning: "));
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
        "Marguerite : d'où vient le chiffre d'affaires",
        "Risque de dépendance",
        "Fidélisation : la baignoire qui fuit",
        "Net Promoter Score : vos clients vous recommanderaient-ils ?",
        "Bouche-à-oreille : canaux et prescripteurs",
        "Plan d'action",
        "64\u{202f}267,15\u{a0}€",
        "12/12/2025",
        "49,9\u{a0}%",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing");
    }
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
