//! The JSON contract: every output validates against docs/portfolio.schema.json, and a
//! consumer that knows only the documented fields (`deny_unknown_fields`) reads it.
// The consumer structs name every field to deny the others; reading them is the test.
#![allow(dead_code)]

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::{fixture, run, EXAMPLE_EN, EXAMPLE_FR};

fn validator() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/portfolio.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn json_of(command: &str, inputs: &[&str], extra: &[&str]) -> Value {
    let mut args = vec![command];
    args.extend(inputs);
    args.extend(["--format", "json"]);
    args.extend(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn every_output_validates_against_the_schema() {
    let validator = validator();
    for (inputs, lang) in [(&EXAMPLE_EN, "en"), (&EXAMPLE_FR, "fr")] {
        for command in crate::common::REPORT_COMMANDS {
            let report = json_of(command, inputs, &["--lang", lang]);
            assert_valid(&validator, &report, &format!("{command} {lang}"));
        }
    }
    // Without clients or surveys, a fiscal year, an as-of date inside the year.
    let report = json_of("analyze", &[&fixture("french_ambiguous.csv")], &[]);
    assert_valid(&validator, &report, "french_ambiguous");
    let report = json_of(
        "analyze",
        &EXAMPLE_EN,
        &["--fiscal-year-start", "07-01", "--as-of", "2025-06-30"],
    );
    assert_valid(&validator, &report, "fiscal year");
    // A FEC with unidentified revenue (the sixth segment, identified_share, the level
    // unknown and its coverage.low flag), and one whose name sets the fiscal year.
    for name in [
        "fec/shop_collective_account.txt",
        "FEC_123456789_20251231.txt",
        "fec/123456789FEC20250630.txt",
    ] {
        for command in ["analyze", "segments", "risk"] {
            let report = json_of(command, &[&fixture(name)], &[]);
            assert_valid(&validator, &report, &format!("{command} {name}"));
        }
    }
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let validator = validator();
    let good = json_of("analyze", &EXAMPLE_EN, &[]);
    let broken = |path: &str, value: Value| {
        let mut report = good.clone();
        *report.pointer_mut(path).unwrap() = value;
        report
    };
    // Money as a float, a share as a string, an unknown key, an unknown plan id.
    for (path, value) in [
        ("/years/0/revenue", json!(26553.35)),
        ("/years/0/segments/new/share", json!("80.75")),
        ("/nps/band", json!("great")),
        ("/plan/0/id", json!("made.up")),
        ("/schema_version", json!(2)),
    ] {
        assert!(!validator.is_valid(&broken(path, value)), "{path} accepted");
    }
    let mut extra = good.clone();
    extra["surprise"] = json!(true);
    assert!(
        !validator.is_valid(&extra),
        "an undocumented key was accepted"
    );
}

// What a consumer script knows: the documented fields, nothing else.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema_version: u32,
    tool: String,
    currency: Option<String>,
    period: Period,
    inputs: Inputs,
    years: Vec<Year>,
    risk_ttm: Option<Risk>,
    clients: Vec<Client>,
    dormant: Vec<Dormant>,
    cohorts: Vec<Cohort>,
    nps: Nps,
    referrers: Vec<Referrer>,
    channels_lifetime: Vec<ChannelValue>,
    /// Read field by field in tests/payments.rs.
    payments: Option<serde_json::Value>,
    thresholds: Option<serde_json::Value>,
    stress: serde_json::Value,
    at_risk: Vec<serde_json::Value>,
    risk_level: String,
    plan: Vec<Action>,
    warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Period {
    focus_year: Option<i32>,
    years: Vec<i32>,
    as_of: Option<String>,
    partial_focus_year: bool,
    partial_first_year: bool,
    labels: Vec<String>,
    year_to_date: Option<YearToDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearToDate {
    from: String,
    to: String,
    revenue: String,
    active_clients: u64,
    previous_from: String,
    previous_to: String,
    previous_revenue: String,
    previous_active_clients: u64,
    change: Option<f64>,
    previous_full_year_revenue: String,
    share_of_previous_full_year: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Inputs {
    invoices: File,
    clients: Option<File>,
    surveys: Option<File>,
    settings: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    path: String,
    format: String,
    encoding: String,
    delimiter: String,
    decimal: Option<String>,
    date_format: Option<String>,
    columns: std::collections::BTreeMap<String, String>,
    header_line: u64,
    rows: u64,
    used: u64,
    excluded: std::collections::BTreeMap<String, u64>,
    rejected: std::collections::BTreeMap<String, u64>,
    first_rejected_lines: Vec<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: i32,
    revenue: String,
    active_clients: u64,
    segments: Segments,
    risk: Risk,
    retention: Retention,
    channels: Vec<ChannelYear>,
    referral_rate: Option<f64>,
    nps: NpsSummary,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Segment {
    revenue: String,
    share: Option<f64>,
    clients: u64,
    share_change: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Segments {
    new: Segment,
    loyal: Segment,
    reactivated: Segment,
    intermediated: Segment,
    other_income: Segment,
    referred: Segment,
    referrer_clients: Segment,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedShare {
    name: String,
    revenue: String,
    share: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Flag {
    id: String,
    level: String,
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Risk {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    level: String,
    revenue: String,
    top_client: Option<NamedShare>,
    top3_share: Option<f64>,
    hhi: Option<f64>,
    effective_clients: Option<f64>,
    intermediated_revenue: String,
    intermediated_share: Option<f64>,
    top_intermediary: Option<NamedShare>,
    active_clients: u64,
    largest_clients: Vec<NamedShare>,
    flags: Vec<Flag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Retention {
    active: u64,
    active_previous_year: u64,
    new: u64,
    retained: u64,
    lost: u64,
    reactivated: u64,
    retention_rate: Option<f64>,
    net_revenue_retention: Option<f64>,
    gross_revenue_retention: Option<f64>,
    revenue_lost: String,
    revenue_new: String,
    bathtub: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelYear {
    channel: String,
    new_clients: u64,
    new_clients_share: Option<f64>,
    revenue: String,
    share: Option<f64>,
    active_clients: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NpsSummary {
    responses: u64,
    promoters: u64,
    passives: u64,
    detractors: u64,
    nps: Option<f64>,
    margin_of_error_95: Option<f64>,
    small_sample: bool,
    band: Option<String>,
    coverage: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearRevenue {
    year: i32,
    revenue: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Client {
    name: String,
    id: Option<String>,
    first_invoice: Option<String>,
    last_invoice: Option<String>,
    lifetime_revenue: String,
    years_active: u64,
    revenue_by_year: Vec<YearRevenue>,
    channel: Option<String>,
    channel_text: Option<String>,
    referred_by: Option<String>,
    status: String,
    nps_latest: Option<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dormant {
    name: String,
    last_invoice: Option<String>,
    lifetime_revenue: String,
    best_year: Option<i32>,
    best_year_revenue: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CohortYear {
    year: i32,
    revenue: String,
    active_clients: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cohort {
    cohort: i32,
    clients: u64,
    years: Vec<CohortYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Respondent {
    name: String,
    is_client: bool,
    score: u8,
    date: Option<String>,
    revenue_ttm: String,
    clients_referred: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Nps {
    #[serde(flatten)]
    summary: NpsSummary,
    revenue_weighted_nps: Option<f64>,
    promoter_referral_rate: Option<f64>,
    message: String,
    detractors_list: Vec<Respondent>,
    promoters_list: Vec<Respondent>,
    silent_promoters: Vec<Respondent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Referrer {
    name: String,
    is_client: bool,
    clients_referred: u64,
    referred_clients: Vec<String>,
    revenue_focus_year: String,
    revenue_lifetime: String,
    indirect_revenue_focus_year: String,
    indirect_revenue_lifetime: String,
    last_referral: Option<String>,
    status: String,
    thanked: Option<bool>,
    thanked_on: Option<String>,
    commission_rate: Option<f64>,
    years: Vec<ReferrerYear>,
    das2_years: Vec<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferrerYear {
    year: i32,
    clients: u64,
    revenue: String,
    commission: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelValue {
    channel: String,
    clients: u64,
    lifetime_revenue: String,
    average_lifetime_revenue: Option<String>,
    share: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    id: String,
    priority: String,
    area: String,
    title: String,
    detail: String,
    clients: Vec<String>,
    revenue_at_stake: String,
}

fn money(text: &str) -> Decimal {
    assert!(
        text.rsplit_once('.')
            .is_some_and(|(_, cents)| cents.len() == 2),
        "{text:?} is not money with two decimals"
    );
    Decimal::from_str_exact(text).unwrap()
}

#[test]
fn a_consumer_reads_the_documented_fields() {
    let value = json_of("analyze", &EXAMPLE_EN, &[]);
    let report: Report = serde_json::from_value(value).unwrap();
    assert_eq!(report.schema_version, 1);
    assert!(report.tool.starts_with("portfolio "));
    assert_eq!(report.currency.as_deref(), Some("EUR"));
    assert_eq!(report.period.years, [2022, 2023, 2024, 2025]);
    assert!(report.period.year_to_date.is_some());
    assert_eq!(report.inputs.invoices.rows, 65);
    assert_eq!(
        report.inputs.settings, None,
        "no settings file beside the examples"
    );
    // Money adds up to the cent: the years' revenue is the clients' lifetime revenue.
    let years: Decimal = report.years.iter().map(|y| money(&y.revenue)).sum();
    let clients: Decimal = report
        .clients
        .iter()
        .map(|c| money(&c.lifetime_revenue))
        .sum();
    assert_eq!(years, clients);
    assert_eq!(years, Decimal::new(17985565, 2));
    let last = report.years.last().unwrap();
    assert_eq!(
        money(&last.segments.loyal.revenue),
        Decimal::new(4758590, 2)
    );
    assert_eq!(last.nps.responses, 8);
    assert_eq!(report.nps.summary.responses, 12);
    assert_eq!(report.referrers[0].name, "Jane Doe");
    let jane = &report.referrers[0];
    assert_eq!(jane.commission_rate, Some(10.0));
    let last = jane.years.last().unwrap();
    assert_eq!((last.year, last.clients), (2025, 1));
    assert_eq!(money(&last.revenue), Decimal::new(435050, 2));
    assert_eq!(last.commission.as_deref(), Some("435.05"));
    assert!(jane.das2_years.is_empty());
    assert_eq!(report.risk_level, "high");
    assert_eq!(report.plan.len(), 9);
    assert!(report.payments.is_some() && report.thresholds.is_none());
    assert_eq!(report.at_risk[0]["name"], "Mairie de Villeurbanne");
    assert_eq!(
        report.at_risk[0]["reasons"],
        serde_json::json!(["detractor"])
    );
    assert!(report.stress["focus_year"].is_object());
    assert!(report.warnings.is_empty());
    assert!(report.risk_ttm.is_some_and(|r| r.from.is_some()));
}

/// A report whose long lists (clients, dormant clients) hold more than 50,000 entries
/// writes them on several threads: the document is the one a single thread writes.
#[test]
fn a_report_of_many_clients_reads_the_same_written_on_one_thread_or_two() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    let mut export = String::from("Invoice,Date,Client id,Client,Amount\n");
    for i in 0..30_000 {
        let year = 2018 + i % 7;
        let month = 1 + i % 12;
        // Quotes, a line break and a comma inside names, as real exports have them.
        let name = match i % 50 {
            0 => format!("\"Dupont, \"\"fils\"\"\nsite {i}\""),
            _ => format!("Client {i}"),
        };
        export.push_str(&format!(
            "F{i},{year}-{month:02}-15,C{i:05},{name},{}.{:02}\n",
            i % 977,
            i % 100
        ));
    }
    std::fs::write(&path, export).unwrap();
    let path = path.to_str().unwrap();
    for command in ["analyze", "retention", "segments"] {
        let written = |threads: &str| {
            let (code, stdout, stderr) =
                run(&[command, path, "--format", "json", "--threads", threads]);
            assert_eq!(code, 0, "{command}: {stderr}");
            stdout
        };
        let one = written("1");
        assert!(one == written("2"), "{command}: the two documents differ");
        let report: Value = serde_json::from_str(&one).unwrap();
        if command != "segments" {
            assert_eq!(report["clients"].as_array().unwrap().len(), 30_000);
        }
        if command != "retention" {
            assert!(report["dormant"].as_array().unwrap().len() > 20_000);
        }
    }
}
