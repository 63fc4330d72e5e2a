//! The `nps` and `referrals` subcommands on the demo portfolio, in JSON and as tables,
//! and a surveys file with bad scores. Figures checked by hand against the CSV files:
//!
//! - NPS: examples/en/clients.csv scores 12 clients (the surveys file repeats 6 of them
//!   on the same dates): promoters Atelier Nord 10, Boulangerie Dupont 9, Hôtel des Arts
//!   9, Éditions Rivage 10, Clinique Saint-Roch 9; passives Acme Industries 8, Studio
//!   Graphique Bleu 7, Librairie Page 8, Pixel & Co 8; detractors Café Lumière 5, Mairie
//!   de Villeurbanne 6, Verde Paysage 4. NPS = (5 − 3) / 12 = +16.67. Margin: p = 5/12,
//!   d = 3/12, p + d − (p − d)² = 0.63889, / 12 = 0.05324, √ = 0.23074, × 196 = 45.22.
//! - Revenue-weighted, over 2024-12-13..2025-12-12 (`python3 -c` over the invoices,
//!   drafts and cancelled rows out, the credit note negative): promoters 4,350.50 +
//!   2,360.00 + 2,950.00 + 501.25 + 5,025.00 = 15,186.75; detractors 3,800.00 (Mairie;
//!   Café and Verde nothing); passives 32,050.40 + 5,900.00 + 0 + 2,450.00; all
//!   59,387.15; (15,186.75 − 3,800.00) / 59,387.15 = +19.17.
//! - Coverage: 9 of 2025's 12 active clients answered (75 %). Promoters who referred:
//!   Atelier Nord (Boulangerie Dupont) and Boulangerie Dupont (Nova Conseil): 2 of 5.
//! - 2025 alone: answers dated 2025 are Acme 8, Atelier 10, Boulangerie 9, Studio 7,
//!   Hôtel 9, Mairie 6, Pixel 8, Clinique 9: 4 promoters, 3 passives, 1 detractor,
//!   +37.5 ± 48.23.
//! - Referrers: Jane Doe (no invoice) → Atelier Nord (14,102.00 lifetime, 4,350.50 in
//!   2025) → Boulangerie Dupont (4,790.00) → Nova Conseil (2,750.00); Acme Industries →
//!   Clinique Saint-Roch (8,125.00). So Jane Doe brought 14,102.00 directly and
//!   4,790.00 + 2,750.00 = 7,540.00 further down; she is the top referrer.
//! - Referral rate: new clients 7, 4, 4, 2 in 2022–2025, of whom 2, 1, 1, 1 referred
//!   (Atelier Nord and Éditions Rivage, Boulangerie Dupont, Clinique Saint-Roch, Nova
//!   Conseil). 2025 revenue by channel: website 32,050.40 (49.87 %), referral
//!   14,986.75 (23.32 %), agency 5,900.00, platform 5,400.00, cold outreach 3,800.00,
//!   ads 1,380.00, event 750.00. Referred clients: 5, 31,524.50 lifetime, 6,304.90 each.

use serde_json::{json, Value};

use crate::common::{run, EXAMPLE_EN, EXAMPLE_FR};

const EN: [&str; 5] = EXAMPLE_EN;
/// The French flavour, reported in French.
const FR: [&str; 7] = {
    let [invoices, c, clients, s, surveys] = EXAMPLE_FR;
    [invoices, c, clients, s, surveys, "--lang", "fr"]
};

fn json_of(command: &str, inputs: &[&str]) -> Value {
    let mut args = vec![command];
    args.extend(inputs);
    args.extend(["--format", "json"]);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn table_of(command: &str, inputs: &[&str]) -> String {
    let mut args = vec![command];
    args.extend(inputs);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect()
}

#[test]
fn nps_json_on_the_examples() {
    let report = json_of("nps", &EN);
    let nps = &report["nps"];
    assert_eq!(
        [
            &nps["responses"],
            &nps["promoters"],
            &nps["passives"],
            &nps["detractors"]
        ],
        [&json!(12), &json!(5), &json!(4), &json!(3)]
    );
    assert_eq!(nps["nps"], json!(16.67));
    assert_eq!(nps["margin_of_error_95"], json!(45.22));
    assert_eq!(nps["small_sample"], json!(true));
    assert_eq!(nps["band"], json!("near_zero"));
    assert_eq!(nps["revenue_weighted_nps"], json!(19.17));
    assert_eq!(nps["coverage"], json!(75.0));
    assert_eq!(nps["promoter_referral_rate"], json!(40.0));
    assert_eq!(
        names(&nps["detractors_list"]),
        ["Mairie de Villeurbanne", "Café Lumière", "Verde Paysage"]
    );
    assert_eq!(nps["detractors_list"][0]["revenue_ttm"], json!("3800.00"));
    assert_eq!(nps["detractors_list"][0]["score"], json!(6));
    assert_eq!(
        names(&nps["silent_promoters"]),
        ["Clinique Saint-Roch", "Hôtel des Arts", "Éditions Rivage"]
    );
    assert!(nps["message"]
        .as_str()
        .unwrap()
        .starts_with("NPS +17 ± 45 from 12 answers (each respondent's latest): too few to be sure, and 3 detractors"));
    // The section's years carry the NPS and nothing else.
    let y2025 = report["years"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(y2025["year"], json!(2025));
    assert_eq!(
        (&y2025["nps"]["responses"], &y2025["nps"]["nps"]),
        (&json!(8), &json!(37.5))
    );
    assert_eq!(y2025["nps"]["margin_of_error_95"], json!(48.23));
    assert!(y2025.get("segments").is_none() && y2025.get("channels").is_none());
}

#[test]
fn nps_table_in_both_languages() {
    let en = table_of("nps", &EN);
    assert!(en.contains(
        "NPS +17 ± 45 from 12 answers (each respondent's latest): too few to be sure, and 3 detractors to call. Low NPS (0 to +19): call every client who gave you 6 or less."
    ), "{en}");
    assert!(
        en.contains("Promoters (9–10) ┆       5 ┆ 41.7 % ┆ ████████▍"),
        "{en}"
    );
    assert!(
        en.contains("NPS weighted by revenue (12 months) ┆  +19.2"),
        "{en}"
    );
    assert!(
        en.contains("Mairie de Villeurbanne ┆     6 ┆ 2025-09-23"),
        "{en}"
    );
    assert!(en.contains("Silent promoters, who never referred anyone: Clinique Saint-Roch, Hôtel des Arts, Éditions Rivage."));
    let fr = table_of("nps", &FR);
    assert!(fr.contains(
        "NPS +17\u{a0}±\u{a0}45 sur 12 réponses (la dernière de chaque répondant)\u{a0}: trop peu de réponses pour conclure, et 3 détracteurs à appeler."
    ), "{fr}");
    assert!(
        fr.contains("Mairie de Villeurbanne ┆    6 ┆ 23/09/2025"),
        "{fr}"
    );
    assert!(
        fr.contains(
            "│ 2025  ┆        8 ┆                 4 ┆             3 ┆                 1 ┆  +37,5"
        ),
        "{fr}"
    );
}

#[test]
fn referrals_json_on_the_examples() {
    let report = json_of("referrals", &EN);
    let referrers = &report["referrers"];
    assert_eq!(
        names(referrers),
        [
            "Jane Doe",
            "Acme Industries",
            "Atelier Nord",
            "Boulangerie Dupont"
        ]
    );
    assert_eq!(
        referrers[0],
        json!({
            "name": "Jane Doe", "is_client": false, "clients_referred": 1,
            "referred_clients": ["Atelier Nord"],
            "revenue_focus_year": "4350.50", "revenue_lifetime": "14102.00",
            "indirect_revenue_focus_year": "5110.00", "indirect_revenue_lifetime": "7540.00",
            "last_referral": "2022-04-18", "status": "dormant",
            "thanked": true, "thanked_on": null,
            // 10 % of Atelier Nord's revenue each year, rounded once.
            "commission_rate": 10.0,
            "years": [
                {"year": 2022, "clients": 1, "revenue": "2700.50", "commission": "270.05"},
                {"year": 2023, "clients": 1, "revenue": "3250.50", "commission": "325.05"},
                {"year": 2024, "clients": 1, "revenue": "3800.50", "commission": "380.05"},
                {"year": 2025, "clients": 1, "revenue": "4350.50", "commission": "435.05"}
            ],
            "das2_years": []
        })
    );
    assert_eq!(referrers[1]["thanked_on"], json!("2025-03-15"));
    assert_eq!(referrers[2]["thanked"], json!(false));
    assert_eq!(referrers[3]["status"], json!("active"));
    let rates: Vec<&Value> = report["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| &y["referral_rate"])
        .collect();
    assert_eq!(
        rates,
        [&json!(28.57), &json!(25.0), &json!(25.0), &json!(50.0)]
    );
    let y2025 = report["years"].as_array().unwrap().last().unwrap();
    assert_eq!(
        y2025["channels"][0],
        json!({"channel": "website", "new_clients": 0, "new_clients_share": 0.0,
               "revenue": "32050.40", "share": 49.87, "active_clients": 1})
    );
    assert_eq!(y2025["channels"][1]["channel"], json!("referral"));
    assert_eq!(y2025["channels"][1]["revenue"], json!("14986.75"));
    let referral = report["channels_lifetime"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "referral")
        .unwrap();
    assert_eq!(
        (&referral["clients"], &referral["average_lifetime_revenue"]),
        (&json!(5), &json!("6304.90"))
    );
    assert!(report.get("nps").is_none());
}

#[test]
fn referrals_table_in_both_languages() {
    let en = table_of("referrals", &EN);
    assert!(en.contains(
        "In 2025, 1 of 2 new clients came by referral (50.0 %). Top referrer: Jane Doe, whose referrals brought 14,102.00 EUR, and 7,540.00 EUR more"
    ), "{en}");
    assert!(
        en.contains(
            "│ Jane Doe           ┆ no     ┆        1 ┆ 4,350.50 ┆ 14,102.00 ┆     7,540.00"
        ),
        "{en}"
    );
    let fr = table_of("referrals", &FR);
    assert!(fr.contains("Premier prescripteur\u{a0}: Jeanne Martin. Les clients recommandés par Jeanne Martin ont rapporté 14\u{202f}102,00\u{a0}€"), "{fr}");
    assert!(
        fr.contains(
            "│ Recommandation ┆                1 ┆            50,0\u{a0}% ┆ 14\u{202f}986,75"
        ),
        "{fr}"
    );
}

#[test]
fn the_whole_report_includes_nps_and_referrals() {
    let report = json_of("analyze", &EN);
    assert_eq!(report["nps"]["nps"], json!(16.67));
    assert_eq!(report["referrers"][0]["name"], json!("Jane Doe"));
    assert_eq!(report["years"][3]["referral_rate"], json!(50.0));
    assert_eq!(report["years"][3]["nps"]["responses"], json!(8));
    let table = table_of("analyze", &EN);
    assert!(table.contains("Net Promoter Score: would your clients recommend you?"));
    assert!(table.contains("Word of mouth: channels and referrers"));
}

#[test]
fn bad_survey_scores_are_rejected_by_line_and_the_rest_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let surveys = dir.path().join("surveys.csv");
    std::fs::write(
        &surveys,
        "Client,Date,Score,Comment\n\
         Acme Industries,2025-06-10,11,too high\n\
         Atelier Nord,2025-06-12,-1,negative\n\
         Hôtel des Arts,2025-07-01,7.5,half a point\n\
         Café Lumière,2023-11-02,dix,in words\n\
         Mairie de Villeurbanne,2025-09-23,10,fine\n",
    )
    .unwrap();
    let path = surveys.display().to_string();
    let args = [
        "nps",
        "examples/en/invoices.csv",
        "--surveys",
        &path,
        "--format",
        "json",
    ];
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("rows rejected: 4 (first lines: 2, 3, 4, 5)"),
        "{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (
            report["nps"]["responses"].clone(),
            report["nps"]["nps"].clone()
        ),
        (json!(1), json!(100.0))
    );
    // `check` gives each line its reason.
    let (code, stdout, _) = run(&["check", "examples/en/invoices.csv", "--surveys", &path]);
    assert_eq!(code, 0);
    for (line, value) in [(2, "\"11\""), (3, "\"-1\""), (4, "\"7.5\""), (5, "\"dix\"")] {
        let expected = format!(
            "line      {line}  bad_score: {value} in \"Score\" is not a whole number from 0 to 10"
        );
        assert!(
            stdout.contains(&expected),
            "{expected} missing from\n{stdout}"
        );
    }
    // With --strict the bad rows are an error.
    let (code, _, stderr) = run(&[
        "nps",
        "examples/en/invoices.csv",
        "--surveys",
        &path,
        "--strict",
    ]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn a_deep_referral_chain_a_cycle_and_a_self_referral_through_the_binary() {
    // 3,000 clients, each referred by the one before; two more in a cycle; one who
    // names itself. Every client invoiced 10.00 once.
    const DEPTH: usize = 3_000;
    let dir = tempfile::tempdir().unwrap();
    let mut invoices = String::from("Date,Client,Amount\n");
    let mut clients = String::from("Client,Referred by\n");
    for i in 0..DEPTH {
        invoices.push_str(&format!("2024-03-01,Client {i},10.00\n"));
        let referrer = if i == 0 {
            String::new()
        } else {
            format!("client {}", i - 1)
        };
        clients.push_str(&format!("Client {i},{referrer}\n"));
    }
    invoices.push_str("2024-01-05,Fay,100.00\n2024-02-05,Gus,200.00\n2024-02-06,Eve,5.00\n");
    clients.push_str("Fay,Gus\nGus,Fay\nEve,EVE\n");
    let invoices_path = dir.path().join("invoices.csv");
    let clients_path = dir.path().join("clients.csv");
    std::fs::write(&invoices_path, invoices).unwrap();
    std::fs::write(&clients_path, clients).unwrap();
    let (invoices_path, clients_path) = (
        invoices_path.display().to_string(),
        clients_path.display().to_string(),
    );
    let args = [
        "referrals",
        &invoices_path,
        "--clients",
        &clients_path,
        "--format",
        "json",
    ];
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("referral cycle Fay ← Gus ← Fay"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"Eve\" is named as its own referrer"),
        "{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let referrers = report["referrers"].as_array().unwrap();
    let referrer = |name: &str| referrers.iter().find(|r| r["name"] == name).unwrap();
    // Client 0 referred Client 1 (10.00); below it, the 2,998 others: 29,980.00.
    let first = referrer("Client 0");
    assert_eq!(first["revenue_lifetime"], json!("10.00"));
    assert_eq!(first["indirect_revenue_lifetime"], json!("29980.00"));
    // Fay was a client first: only "Fay referred Gus" stands; 200.00 puts her first.
    assert_eq!(referrers[0]["name"], json!("Fay"));
    assert_eq!(referrer("Fay")["referred_clients"], json!(["Gus"]));
    // Clients 0 to 2,998 and Fay; neither Gus nor Eve referred anyone.
    assert_eq!(referrers.len(), DEPTH);
}
