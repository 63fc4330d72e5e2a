//! The portfolio of portfolios (SPEC 6): `analyze --by` in a human format or CSV is one
//! page over every group, with figures hand-computed here from examples/cooperative.csv
//! (see examples/generate.py for the invoices).

use crate::common::{portfolio, run};

const COOPERATIVE: &str = "examples/cooperative.csv";

/// `analyze examples/cooperative.csv --by freelancer` with more arguments.
fn by_freelancer(extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["analyze", COOPERATIVE, "--by", "freelancer"];
    args.extend(extra);
    run(&args)
}

#[test]
fn each_row_is_the_groups_figures_for_one_focus_year() {
    let (code, csv, stderr) = by_freelancer(&["--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    // 2025 is the latest year with revenue in the file, so every group is about 2025:
    // - Amélie: 40,000 + 4,000 = 44,000 against 36,000 (+22.22 %); top 40/44 = 90.91 %,
    //   HHI (40/44)² + (4/44)² = 8,347.11: critical.
    // - David, new in 2025: 9,000 + 3,000; top 75 %, HHI 0.75² + 0.25² = 6,250: critical.
    // - Chloé: 12,000 + 6,000 against 45,000 (−60 %); 2 of 3 clients kept (66.67 %).
    // - Bruno: ten clients from 4,000 down to 2,200 = 31,000 against 21,000 (+47.62 %);
    //   top 4,000 / 31,000 = 12.9 %; 4 new clients, all 6 of 2024 kept.
    // - Emma stopped in 2024: listed last, without figures.
    // Every invoice is paid 20 days after its date but Chloé's of March 2025
    // (6,000 + 3,000), overdue since April.
    assert_eq!(
        csv,
        "group,year,revenue,change_percent,active_clients,new_clients,top_client_share,hhi,risk_level,retention_rate,nps,overdue,micro_status,micro_status_from,status\n\
         Amélie Roux,2025,44000.00,22.22,2,0,90.91,8347.11,critical,100,,0.00,,,ok\n\
         David Leroy,2025,12000.00,,2,2,75,6250,critical,,,0.00,,,ok\n\
         Chloé Martin,2025,18000.00,-60,2,0,66.67,5555.56,high,66.67,,9000.00,,,ok\n\
         Bruno Petit,2025,31000.00,47.62,10,4,12.9,1034.34,moderate,100,,0.00,,,ok\n\
         Emma Blanc,2025,,,,,,,,,,,,,no_revenue\n"
    );
}

#[test]
fn the_page_places_each_group_against_the_others() {
    let (code, table, _) = by_freelancer(&[]);
    assert_eq!(code, 0);
    // Top shares 12.90, 66.67, 75, 90.91: quartiles at positions 0.75, 1.5, 2.25 give
    // 53.2, 70.8, 79.0; growth −60, +22.22, +47.62 gives −18.9, +22.2, +34.9.
    for expected in [
        "Portfolios by freelancer, 2025",
        "5 groups (freelancer), 4 with revenue in 2025.",
        "Risk level: critical 2 · high 1 · moderate 1",
        "│ Top client share ┆       53.2 % ┆  70.8 % ┆       79.0 % │",
        "│ Revenue growth   ┆      −18.9 % ┆ +22.2 % ┆      +34.9 % │",
        "Emma Blanc: no revenue in 2025",
    ] {
        assert!(table.contains(expected), "{expected:?} in\n{table}");
    }
    // The most at risk first, then by revenue.
    let order: Vec<usize> = ["Amélie Roux", "David Leroy", "Chloé Martin", "Bruno Petit"]
        .iter()
        .map(|name| table.find(&format!("│ {name}")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{table}");
}

#[test]
fn the_summary_agrees_with_each_groups_own_report() {
    let (_, ndjson, _) = by_freelancer(&["--format", "json", "--year", "2024"]);
    let (_, csv, _) = by_freelancer(&["--format", "csv", "--year", "2024"]);
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    for line in ndjson.lines() {
        let report: serde_json::Value = serde_json::from_str(line).unwrap();
        let group = report["group"]["value"].as_str().unwrap();
        let row = rows.iter().find(|r| r[0] == group).unwrap();
        let Some(year) = report["years"]
            .as_array()
            .and_then(|ys| ys.iter().find(|y| y["year"] == 2024))
        else {
            assert_eq!(row[14], "no_revenue", "{group}");
            continue;
        };
        assert_eq!(row[2], year["revenue"].as_str().unwrap(), "{group}");
        assert_eq!(row[4], year["active_clients"].to_string(), "{group}");
        assert_eq!(row[8], year["risk"]["level"].as_str().unwrap(), "{group}");
        let receivables = &report["payments"]["receivables"];
        let overdue: rust_decimal::Decimal = receivables["total"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
            - receivables["buckets"]["not_due"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap();
        assert_eq!(row[11], format!("{overdue:.2}"), "{group}");
    }
}

#[test]
fn overdue_receivables_and_the_micro_ceiling_per_group() {
    // With --regime, the micro status of 2025's cash (by 24 September, the file's
    // latest date): Amélie received 20,000 + 2,000 in March (her September invoices are
    // paid in October); under 77,700 whatever the pace (22,000 × 365 / 267 = 30,074.91).
    let (code, csv, stderr) = by_freelancer(&["--format", "csv", "--regime", "micro-bnc"]);
    assert_eq!(code, 0, "{stderr}");
    let amelie = csv.lines().find(|l| l.starts_with("Amélie Roux")).unwrap();
    assert!(amelie.ends_with(",0.00,under,,ok"), "{amelie}");
    let chloe = csv.lines().find(|l| l.starts_with("Chloé Martin")).unwrap();
    assert!(chloe.ends_with(",9000.00,under,,ok"), "{chloe}");
    let (_, table, _) = crate::common::portfolio()
        .env("COLUMNS", "200")
        .args([
            "analyze",
            COOPERATIVE,
            "--by",
            "freelancer",
            "--regime",
            "micro-bnc",
            "--lang",
            "fr",
        ])
        .output()
        .map(|o| (0, String::from_utf8_lossy(&o.stdout).into_owned(), ()))
        .unwrap();
    assert!(table.contains("En retard"), "{table}");
    assert!(table.contains("Plafond micro"), "{table}");
    assert!(table.contains("9\u{202f}000,00"), "{table}");
}

#[test]
fn html_and_markdown_and_french() {
    let (code, html, _) = by_freelancer(&["--format", "html"]);
    assert_eq!(code, 0);
    assert!(
        html.contains(r#"data-chart="strip""#),
        "the distribution is drawn"
    );
    assert_eq!(html.matches(r#"<circle class="dot""#).count(), 4);
    let (_, markdown, _) = by_freelancer(&["--format", "markdown", "--lang", "fr"]);
    assert!(
        markdown.contains("| Amélie Roux | 44\u{202f}000,00 | +22,2\u{a0}% | 2 | 0 | 90,9\u{a0}% | 8\u{202f}347 | critique | 100,0\u{a0}% |"),
        "{markdown}"
    );
    assert!(markdown.contains("Emma Blanc\u{a0}: aucun chiffre d'affaires en 2025"));
}

#[test]
fn fail_on_looks_at_every_group() {
    let output = portfolio()
        .args([
            "analyze",
            COOPERATIVE,
            "--by",
            "freelancer",
            "--fail-on",
            "critical",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
}
