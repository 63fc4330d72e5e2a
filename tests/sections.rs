//! The segments, risk and retention subcommands on the demo portfolio, figures checked
//! against sums made straight from examples/en/invoices.csv (drafts and cancelled rows
//! left out, credit notes negative; types from examples/en/clients.csv), e.g.:
//!
//! ```text
//! python3 -c "import csv,collections as c;from decimal import Decimal as D
//!   rev=c.defaultdict(D)
//!   for r in csv.DictReader(open('examples/en/invoices.csv')):
//!     s=r['Status'];a=D(r['Amount (excl. tax)'])
//!     if s in('draft','cancelled'):continue
//!     if r['Date'][:4]=='2025':rev[r['Client']]+=-abs(a) if s=='credit note' else a
//!   v=sorted(rev.values(),reverse=True);S=sum(v)
//!   print(v[0]/S*100,sum(v[:3])/S*100,sum((x/S*100)**2 for x in v))"
//! 49.8705… 66.8699… 2787.2556…
//! ```

use serde_json::{json, Value};

use crate::common::run;

const EN: [&str; 3] = [
    "examples/en/invoices.csv",
    "--clients",
    "examples/en/clients.csv",
];

fn json_of(command: &str, extra: &[&str]) -> Value {
    let mut args = vec![command];
    args.extend(EN);
    args.extend(["--format", "json"]);
    args.extend(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn year(report: &Value, y: i64) -> &Value {
    report["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["year"] == y)
        .unwrap()
}

#[test]
fn risk_of_the_latest_year() {
    let report = json_of("risk", &[]);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["period"]["focus_year"], 2025);
    let risk = &year(&report, 2025)["risk"];
    // Acme 32 050.40 of 64 267.15; top 3 = Acme + Studio Graphique Bleu 5 900 +
    // Clinique Saint-Roch 5 025; HHI 2 787.26; 10 000 / HHI = 3.59.
    assert_eq!(
        risk["top_client"],
        json!({"name": "Acme Industries", "revenue": "32050.40", "share": 49.87})
    );
    assert_eq!(risk["top3_share"], 66.87);
    assert_eq!(risk["hhi"], 2787.26);
    assert_eq!(risk["effective_clients"], 3.59);
    // Intermediated: Studio Graphique Bleu (an agency) 5 900, Pixel & Co (a platform)
    // 2 450, and the Malt and Upwork rows 2 950: 11 300 = 17.58 %.
    assert_eq!(risk["intermediated_revenue"], "11300.00");
    assert_eq!(risk["intermediated_share"], 17.58);
    assert_eq!(risk["top_intermediary"]["name"], "Studio Graphique Bleu");
    assert_eq!(risk["active_clients"], 12);
    assert_eq!(risk["level"], "high");
    let ids: Vec<&str> = risk["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["concentration.high", "dependency.moderate"]);
    assert!(report.get("segments").is_none() && year(&report, 2025).get("segments").is_none());
    // 2023: Acme 20 100.25 of 36 718.85 = 54.74 %: dominated by one client.
    assert_eq!(
        year(&report, 2023)["risk"]["flags"][0]["id"],
        "dependency.high"
    );
}

#[test]
fn trailing_twelve_months_and_partial_year() {
    let report = json_of("risk", &["--as-of", "2025-06-30"]);
    let ttm = &report["risk_ttm"];
    // Rows dated 2024-07-01..2025-06-30 sum to 57 591.75.
    assert_eq!(
        (ttm["from"].as_str(), ttm["to"].as_str()),
        (Some("2024-07-01"), Some("2025-06-30"))
    );
    assert_eq!(ttm["revenue"], "57591.75");
    let ytd = &report["period"]["year_to_date"];
    assert_eq!(report["period"]["partial_focus_year"], true);
    // 2025-01-01..06-30: 31 601.25; 2024-01-01..06-30: 26 325.80; +20.04 %.
    assert_eq!(ytd["revenue"], "31601.25");
    assert_eq!(ytd["previous_revenue"], "26325.80");
    assert_eq!(ytd["change"], 20.04);
    assert_eq!(ytd["previous_full_year_revenue"], "52316.30");
    let complete = json_of("risk", &["--year", "2024"]);
    assert_eq!(complete["period"]["partial_focus_year"], false);
    assert_eq!(complete["period"]["year_to_date"], Value::Null);
}

#[test]
fn segments_of_the_latest_year() {
    let report = json_of("segments", &[]);
    let segments = &year(&report, 2025)["segments"];
    // Loyal 47 585.90, new 4 130.00, intermediated 11 300.00, other income 1 251.25.
    let shares: Vec<(&str, &Value, &Value)> = [
        "new",
        "loyal",
        "reactivated",
        "intermediated",
        "other_income",
    ]
    .iter()
    .map(|k| (*k, &segments[k]["revenue"], &segments[k]["share"]))
    .collect();
    assert_eq!(
        shares,
        [
            ("new", &json!("4130.00"), &json!(6.43)),
            ("loyal", &json!("47585.90"), &json!(74.04)),
            ("reactivated", &json!("0.00"), &json!(0.0)),
            ("intermediated", &json!("11300.00"), &json!(17.58)),
            ("other_income", &json!("1251.25"), &json!(1.95)),
        ]
    );
    let sum: f64 = [
        "new",
        "loyal",
        "reactivated",
        "intermediated",
        "other_income",
    ]
    .iter()
    .map(|k| segments[k]["share"].as_f64().unwrap())
    .sum();
    assert!((sum - 100.0).abs() < 1e-9, "{sum}");
    let dormant: Vec<&str> = report["dormant"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    // Last invoices before 2024-12-12, by lifetime revenue.
    assert_eq!(
        dormant,
        [
            "Café Lumière",
            "Verde Paysage",
            "Orbital SAS",
            "Librairie Page",
            "Le Magazine Freelance"
        ]
    );
}

#[test]
fn retention_of_the_latest_year() {
    let report = json_of("retention", &[]);
    let retention = &year(&report, 2025)["retention"];
    // Of the 12 clients active in 2024, 9 stayed and 3 left (2 660.00 in 2024); 2 new
    // clients and 1 back. NRR 113.52 %, GRR 92.34 %.
    assert_eq!(
        retention,
        &json!({
            "active": 12, "active_previous_year": 12, "new": 2, "retained": 9, "lost": 3,
            "reactivated": 1, "retention_rate": 75.0, "net_revenue_retention": 113.52,
            "gross_revenue_retention": 92.34, "revenue_lost": "2660.00",
            "revenue_new": "4130.00", "bathtub": "stable"
        })
    );
    assert_eq!(report["cohorts"][0]["cohort"], 2022);
    assert_eq!(report["cohorts"][0]["clients"], 7);
    assert!(report["clients"].as_array().is_some_and(|c| c.len() == 17));
}

#[test]
fn fiscal_years_move_every_figure() {
    let report = json_of("retention", &["--fiscal-year-start", "07-01"]);
    // Rows from 2024-07-01 to 2025-06-30 sum to 57 591.75.
    assert_eq!(
        report["period"]["years"],
        json!([2021, 2022, 2023, 2024, 2025])
    );
    assert_eq!(year(&report, 2024)["revenue"], "57591.75");
    assert_eq!(
        year(&report, 2021)["retention"]["new"],
        year(&report, 2021)["active_clients"]
    );
}

#[test]
fn tables_say_it_in_words() {
    let (code, stdout, _) = run(&["risk", EN[0], "--year", "2023"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Risk high: 54.7 % of 2023 revenue came from Acme Industries: more than half your activity comes from one client (an activity \"economically dominated\", as INSEE puts it)."),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["segments", "examples/fr/factures.csv", "--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Origine du chiffre d'affaires (la «\u{a0}marguerite\u{a0}» client)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("les clients fidèles ont apporté 74,0\u{a0}%"),
        "{stdout}"
    );
    assert!(stdout.contains('█'), "bars drawn: {stdout}");
    // A whole year is judged…
    let (code, stdout, _) = run(&[
        "retention",
        "examples/fr/factures.csv",
        "--lang",
        "fr",
        "--as-of",
        "2025-12-31",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("En 2025, 3 clients gagnés (2 nouveaux, 1 réactivé) et 3 perdus\u{a0}: votre portefeuille est stable."), "{stdout}");
    // …a year not over is not (its "lost" clients may still come).
    let (_, stdout, _) = run(&["retention", "examples/fr/factures.csv", "--lang", "fr"]);
    assert!(stdout.contains("L'année 2025 est en cours\u{a0}: pour l'instant 3 clients gagnés (2 nouveaux, 1 réactivé), et 3 clients de 2024 ne sont pas encore revenus\u{202f}; trop tôt pour juger l'année."), "{stdout}");
}

#[test]
fn a_partial_first_year_is_marked_and_no_base_for_a_change() {
    // With fiscal years from 1 April, the data (from January 2022) starts nine months
    // into the year labelled 2021: that year is partial, and 2022 is not compared with it.
    let (_, stdout, _) = run(&["analyze", EN[0], "--fiscal-year-start", "04-01"]);
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Revenue per year"))
        .take_while(|l| !l.is_empty())
        .collect();
    let row = |year: &str| {
        table
            .iter()
            .find(|l| l.starts_with(&format!("│ {year}")))
            .copied()
            .unwrap_or_default()
    };
    assert!(row("2021").contains("2021–22 (partial)"), "{table:?}");
    let cells: Vec<&str> = row("2022").split('┆').map(str::trim).collect();
    assert_eq!(
        cells.get(2),
        Some(&""),
        "no change against a partial year: {table:?}"
    );
    let report = crate::common::analyze_json(&[EN[0], "--fiscal-year-start", "04-01"]);
    assert_eq!(report["period"]["partial_first_year"], true);
    let calendar = crate::common::analyze_json(&[EN[0]]);
    assert_eq!(calendar["period"]["partial_first_year"], false);
    // The focus year, not over, is compared like for like in the year-to-date line,
    // not with the whole of 2024 in the table.
    let (_, stdout, _) = run(&["analyze", EN[0]]);
    let focus = stdout
        .lines()
        .find(|l| l.starts_with("│ 2025 (in progress)"))
        .unwrap_or_default();
    let cells: Vec<&str> = focus.split('┆').map(str::trim).collect();
    assert_eq!(cells.get(2), Some(&""), "{stdout}");
    assert!(
        stdout.contains("+22.8 % against the same period of 2024"),
        "{stdout}"
    );
}

#[test]
fn human_formats_never_show_internal_ids() {
    // SPEC 4.1: ids (`concentration.high`) are for JSON; people read words.
    for format in ["table", "markdown", "html"] {
        for lang in ["en", "fr"] {
            let mut args = vec!["analyze"];
            args.extend(crate::common::EXAMPLE_EN);
            args.extend(["--format", format, "--lang", lang]);
            let (code, stdout, _) = crate::common::run(&args);
            assert_eq!(code, 0);
            for id in [
                "concentration.high",
                "dependency.moderate",
                "dependency.high",
                "clients.few",
                "coverage.low",
            ] {
                assert!(!stdout.contains(id), "{format} {lang} shows {id}");
            }
        }
    }
}

#[test]
fn a_first_year_is_compared_with_nothing_and_says_nothing_of_it() {
    // One year of data, not over at its last invoice: no "n/a against 2022 (0.00)".
    let file = crate::common::fixture("fec/shop_collective_account.txt");
    let (code, stdout, _) = crate::common::run(&["analyze", &file]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("2023 is not over: 5,200.00 EUR invoiced from 2023-01-01 to 2023-12-30.\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("against the same period of 2022"),
        "{stdout}"
    );
}

#[test]
fn an_nps_of_zero_is_no_margin_and_one_answer_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    std::fs::write(
        &invoices,
        "Date,Client,Amount\n2024-01-02,Acme,10\n2024-02-02,Bolt,10\n",
    )
    .unwrap();
    let surveys = dir.path().join("surveys.csv");
    // A promoter and a detractor: NPS 0, written 0.0, not ±0.0.
    std::fs::write(
        &surveys,
        "Client,Date,Score\nAcme,2024-02-01,10\nBolt,2024-02-01,2\n",
    )
    .unwrap();
    let (_, stdout, _) = crate::common::run(&[
        "nps",
        invoices.to_str().unwrap(),
        "--surveys",
        surveys.to_str().unwrap(),
    ]);
    assert!(!stdout.contains("±0.0"), "{stdout}");
    assert!(
        stdout.contains("from 2 answers (each respondent's latest)"),
        "{stdout}"
    );
    // One answer: its margin is undefined, not 0.0.
    std::fs::write(&surveys, "Client,Date,Score\nAcme,2024-02-01,10\n").unwrap();
    let (_, stdout, _) = crate::common::run(&[
        "nps",
        invoices.to_str().unwrap(),
        "--surveys",
        surveys.to_str().unwrap(),
    ]);
    let margin = stdout
        .lines()
        .find(|l| l.contains("Margin (95 %)") && !l.contains("Year"))
        .unwrap_or_default();
    assert!(
        margin.contains("n/a") && !margin.contains("0.0"),
        "{stdout}"
    );
}

#[test]
fn words_mean_one_thing_and_unknown_is_not_zero() {
    // "Dormant" is for clients without an invoice; a referrer without a recent
    // referral is said so; "Thanked" has one form.
    let mut args = vec!["referrals"];
    args.extend(crate::common::EXAMPLE_EN);
    let (_, stdout, _) = crate::common::run(&args);
    let referrers: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Referrers, by revenue"))
        .take_while(|l| !l.is_empty())
        .collect();
    let table = referrers.join("\n");
    assert!(!table.contains("dormant"), "{table}");
    assert!(table.contains("no recent referral"), "{table}");
    assert!(table.contains("yes (2025-03-15)"), "{table}");
    assert!(table.contains("not said"), "{table}");
    // Without a clients file nobody is known to be referred: not 0.00.
    let (_, stdout, _) = crate::common::run(&["segments", "examples/en/invoices.csv"]);
    assert!(
        stdout.contains("unknown without a clients file"),
        "{stdout}"
    );
    assert!(!stdout.contains("of which referred clients"), "{stdout}");
    // A year without revenue is `·`, in the "other clients" row too.
    let (_, stdout, _) = crate::common::run(&["analyze", "examples/en/invoices.csv"]);
    let others = stdout
        .lines()
        .find(|l| l.contains("other clients"))
        .unwrap_or_default();
    assert!(!others.contains(" 0.00 "), "{others}");
}

#[test]
fn a_client_won_back_outside_the_won_back_segment_is_explained() {
    // Retention counts 1 client back in 2025; its revenue went through an intermediary,
    // so the won-back segment is 0: the marguerite says why.
    let mut args = vec!["analyze"];
    args.extend(crate::common::EXAMPLE_EN);
    let (_, stdout, _) = crate::common::run(&args);
    assert!(
        stdout.contains("so far 3 clients won (2 new, 1 won back)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 client came back in 2025, but its revenue is other income or went through an intermediary"),
        "{stdout}"
    );
}
