//! Foresight (SPEC 3.9–3.11): the stress test, the clients at risk and the referrers'
//! statements, on the demo portfolio, in every format and both languages.

use serde_json::{json, Value};

use crate::common::{analyze_json, run, EXAMPLE_EN, EXAMPLE_FR};

fn statement(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["referrals"];
    all.extend(args);
    run(&all)
}

#[test]
fn the_stress_test_of_the_demo_portfolio() {
    let report = analyze_json(&[EXAMPLE_EN[0], "--quiet"]);
    let year = &report["stress"]["focus_year"];
    // 2025: 64,267.15 in all; Acme brought 32,050.40, the top three 42,975.40, Studio
    // Graphique Bleu (subcontracting, the largest intermediary) 5,900.00.
    assert_eq!(year["revenue"], json!("64267.15"));
    assert_eq!(
        year["without_top_client"],
        json!({"name": "Acme Industries", "revenue": "32216.75", "drop": 49.87})
    );
    assert_eq!(year["without_top3"]["revenue"], json!("21291.75"));
    assert_eq!(year["without_top3"]["drop"], json!(66.87));
    assert_eq!(year["without_top_intermediary"]["drop"], json!(9.18));
    // 32,050.40 × 12 / 64,267.15 = 5.98 months.
    assert_eq!(year["top_client_months"], json!(5.98));
    // Clients new in 2023–2025 brought 6,530 + 10,120 + 4,130 = 20,780 in their first
    // year over 10 clients: 2,078 each; 32,050.40 / 2,078 = 15.42.
    assert_eq!(year["new_clients_to_replace"], json!(15.42));
    assert_eq!(report["stress"]["ttm"]["revenue"], json!("64267.15"));
    let (code, csv, _) = run(&["stress", EXAMPLE_EN[0], "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("period,without,name,revenue,revenue_left,drop,top_client_months,new_clients_to_replace\n2025,top_client,Acme Industries,64267.15,32216.75,49.87,5.98,15.42\n"), "{csv}");
    let (_, fr, _) = run(&["stress", EXAMPLE_FR[0], "--lang", "fr"]);
    assert!(
        fr.contains("Sans Acme Industries, le chiffre d'affaires de 2025 passerait de 64\u{202f}267,15\u{a0}€ à 32\u{202f}216,75\u{a0}€"),
        "{fr}"
    );
}

#[test]
fn a_statement_one_could_send_to_jane() {
    let (code, html, stderr) = statement(&[
        EXAMPLE_EN[0],
        "--clients",
        EXAMPLE_EN[2],
        "--statement",
        "Jane Doe",
        "--format",
        "html",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(html.contains("Referral statement for Jane Doe"), "{html}");
    assert!(
        html.contains("Thank you for referring Atelier Nord"),
        "{html}"
    );
    assert!(html.contains("435.05"), "{html}");
    // Nothing about the other referrers.
    assert!(!html.contains("Boulangerie Dupont"), "{html}");
    assert!(!html.contains("Clinique Saint-Roch"), "{html}");
    // The same in French, by her French name, matched whatever its case.
    let (code, fr, _) = statement(&[
        EXAMPLE_FR[0],
        "--clients",
        EXAMPLE_FR[2],
        "--statement",
        "jeanne martin",
        "--lang",
        "fr",
    ]);
    assert_eq!(code, 0);
    assert!(
        fr.contains("Relevé d'apport d'affaires pour Jeanne Martin"),
        "{fr}"
    );
    assert!(fr.contains("Votre commission\u{a0}: 10,0\u{a0}%"), "{fr}");
    assert!(fr.contains("435,05"), "{fr}");
}

#[test]
fn a_statement_in_json_csv_and_markdown() {
    let (code, text, _) = statement(&[
        EXAMPLE_EN[0],
        "--clients",
        EXAMPLE_EN[2],
        "--statement",
        "Acme Industries",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&text).unwrap();
    let acme = &report["statement"];
    assert_eq!(acme["name"], json!("Acme Industries"));
    assert_eq!(acme["commission_rate"], json!(5.0));
    // 5 % of Clinique Saint-Roch: 3,100.00 in 2024, 5,025.00 in 2025.
    assert_eq!(
        acme["years"],
        json!([
            {"year": 2024, "clients": 1, "revenue": "3100.00", "commission": "155.00"},
            {"year": 2025, "clients": 1, "revenue": "5025.00", "commission": "251.25"}
        ])
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("docs/portfolio.schema.json").unwrap())
            .unwrap();
    assert!(jsonschema::validator_for(&schema)
        .unwrap()
        .is_valid(&report));
    let (_, csv, _) = statement(&[
        EXAMPLE_EN[0],
        "--clients",
        EXAMPLE_EN[2],
        "--statement",
        "Acme Industries",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv,
        "referrer,year,clients,revenue,commission_rate,commission,das2\n\
         Acme Industries,2024,1,3100.00,5,155.00,no\n\
         Acme Industries,2025,1,5025.00,5,251.25,no\n"
    );
    let (_, markdown, _) = statement(&[
        EXAMPLE_EN[0],
        "--clients",
        EXAMPLE_EN[2],
        "--statement",
        "Acme Industries",
        "--format",
        "markdown",
    ]);
    assert!(
        markdown.starts_with("# Referral statement for Acme Industries"),
        "{markdown}"
    );
}

#[test]
fn a_statement_names_a_known_referrer_and_only_with_referrals() {
    let (code, _, stderr) = statement(&[
        EXAMPLE_EN[0],
        "--clients",
        EXAMPLE_EN[2],
        "--statement",
        "Nobody",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("\"Jane Doe\""), "{stderr}");
    let (code, _, stderr) = run(&["analyze", EXAMPLE_EN[0], "--statement", "Jane Doe"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--statement works with `referrals` only"),
        "{stderr}"
    );
}

#[test]
fn the_settings_file_gives_the_default_commission_rate() {
    let dir = tempfile::tempdir().unwrap();
    let clients = dir.path().join("clients.csv");
    std::fs::write(
        &clients,
        "Client,Referred by\nAtelier Nord,Jane Doe\nBoulangerie Dupont,Jane Doe\n",
    )
    .unwrap();
    let config = dir.path().join("portfolio.toml");
    std::fs::write(&config, "[referrals]\ncommission_rate = 12.5\n").unwrap();
    let report = analyze_json(&[
        EXAMPLE_EN[0],
        "--clients",
        &clients.display().to_string(),
        "--config",
        &config.display().to_string(),
        "--quiet",
    ]);
    let jane = &report["referrers"][0];
    assert_eq!(jane["name"], json!("Jane Doe"));
    // 12.5 % of 4,350.50 + 2,360.00 = 838.8125 → 838.81 in 2025.
    let y2025 = jane["years"].as_array().unwrap().last().unwrap();
    assert_eq!(y2025["revenue"], json!("6710.50"));
    assert_eq!(y2025["commission"], json!("838.81"));
}

#[test]
fn the_clients_at_risk_of_the_demo_portfolio() {
    let (code, text, _) = run(&[
        "retention",
        EXAMPLE_EN[0],
        "--clients",
        EXAMPLE_EN[2],
        "--surveys",
        EXAMPLE_EN[4],
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&text).unwrap();
    // Mairie de Villeurbanne answered 6 and still buys: 3,800.00 over the last 12 months
    // (9 July 2025), 4,500.00 the 12 before (8 July 2024), 156 days ago. Café Lumière and
    // Verde Paysage are detractors too, but dormant: no longer clients to keep.
    assert_eq!(
        report["at_risk"],
        json!([{"name": "Mairie de Villeurbanne", "reasons": ["detractor"],
                "revenue_ttm": "3800.00", "revenue_previous_12m": "4500.00",
                "days_since_last_invoice": 156, "median_gap_days": null}])
    );
    let (_, fr, _) = run(&[
        "retention",
        EXAMPLE_FR[0],
        "--clients",
        EXAMPLE_FR[2],
        "--surveys",
        EXAMPLE_FR[4],
        "--lang",
        "fr",
    ]);
    assert!(fr.contains("Clients à risque"), "{fr}");
    assert!(fr.contains("mécontent (note 0–6)"), "{fr}");
}
