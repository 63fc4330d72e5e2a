//! The action plan on the demo portfolio, and `--fail-on`. The demo's focus year (2025)
//! is not over at its as-of date, so the plan speaks of the last twelve months: HHI
//! 2,787 (concentration.high, level high), Acme Industries 49.87 % (just under the
//! 50 % of dependency.high). See tests/word_of_mouth.rs for the NPS and referral figures.

use serde_json::{json, Value};

use crate::common::{run, EXAMPLE_EN, EXAMPLE_FR};

fn run_on(command: &str, inputs: &[&str], extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![command];
    args.extend(inputs);
    args.extend(extra);
    run(&args)
}

#[test]
fn the_plan_of_the_demo_portfolio() {
    let (code, stdout, stderr) = run_on("plan", &EXAMPLE_EN, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let ids: Vec<&str> = report["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    // High first (receivables 61+ days past due, then detractors, NPS near zero), then
    // medium by revenue at stake:
    // concentration (top 3: 32,050.40 + 5,900.00 + 5,025.00), dormant (top 5 lifetime),
    // thanks owed to Atelier Nord (4,790.00); then the silent promoters.
    assert_eq!(
        ids,
        [
            "payment.late",
            "nps.detractors",
            "concentration.high",
            "stress.top_client",
            "dormant.reactivate",
            "referrals.thank",
            "retention.at_risk",
            "referrals.silent_promoters",
            "referrals.statements"
        ]
    );
    assert_eq!(report["risk_level"], json!("high"));
    let late = &report["plan"][0];
    assert_eq!(late["priority"], json!("high"));
    assert_eq!(late["area"], json!("payments"));
    assert_eq!(late["revenue_at_stake"], json!("13115.40"));
    assert_eq!(
        late["clients"],
        json!(["Verde Paysage", "Mairie de Villeurbanne", "Acme Industries"])
    );
    let stress = &report["plan"][3];
    assert_eq!(stress["clients"], json!(["Acme Industries"]));
    assert_eq!(stress["revenue_at_stake"], json!("32050.40"));
    // 10 % of Atelier Nord's 4,350.50 + 5 % of 5,025.00 + 2,750.00 + 2,360.00 in 2025.
    // Mairie de Villeurbanne answered 6 and still buys: call it.
    let at_risk = &report["plan"][6];
    assert_eq!(at_risk["clients"], json!(["Mairie de Villeurbanne"]));
    assert_eq!(at_risk["revenue_at_stake"], json!("3800.00"));
    let statements = &report["plan"][8];
    assert_eq!(statements["revenue_at_stake"], json!("941.80"));
    assert_eq!(statements["priority"], json!("low"));
    let thank = &report["plan"][5];
    assert_eq!(thank["priority"], json!("medium"));
    assert_eq!(thank["area"], json!("referrals"));
    assert_eq!(thank["clients"], json!(["Atelier Nord"]));
    assert_eq!(thank["revenue_at_stake"], json!("4790.00"));
    assert_eq!(thank["title"], json!("Thank your referrer"));
    let detractors = &report["plan"][1];
    assert_eq!(
        detractors["clients"],
        json!(["Mairie de Villeurbanne", "Café Lumière", "Verde Paysage"])
    );
    assert_eq!(report["plan"][2]["revenue_at_stake"], json!("42975.40"));
}

#[test]
fn the_plan_in_french_and_at_the_end_of_analyze() {
    let (code, stdout, _) = run_on("plan", &EXAMPLE_FR, &["--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Plan d'action"), "{stdout}");
    assert!(
        stdout.contains("2. Appelez chacun de vos 3 détracteurs [priorité haute · satisfaction]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("6. Remerciez votre prescripteur [priorité moyenne · recommandation]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Prescripteur\u{a0}: Atelier Nord"),
        "{stdout}"
    );
    let (_, full, _) = run_on("analyze", &EXAMPLE_EN, &[]);
    let plan_at = full.find("Action plan").unwrap();
    assert!(full[plan_at..].contains("8. Remind your 3 silent promoters that you exist"));
    assert!(
        !full[plan_at..].contains("Inputs"),
        "the plan ends the report"
    );
}

#[test]
fn fail_on_exits_3_after_the_full_report() {
    for (level, expected) in [("moderate", 3), ("high", 3), ("critical", 0)] {
        let (code, stdout, stderr) = run_on("analyze", &EXAMPLE_EN, &["--fail-on", level]);
        assert_eq!(code, expected, "--fail-on {level}: {stderr}");
        assert!(
            stdout.contains("Action plan"),
            "the report is printed in full"
        );
    }
    let (code, stdout, _) = run_on(
        "risk",
        &EXAMPLE_EN,
        &["--fail-on", "high", "--format", "json"],
    );
    assert_eq!(code, 3);
    assert!(serde_json::from_str::<Value>(&stdout).is_ok());
    let (code, _, stderr) = run_on("analyze", &EXAMPLE_EN, &["--fail-on", "severe"]);
    assert_eq!(code, 2, "{stderr}");
}
