//! The JSON contract (`--format json`): English snake_case keys, money as strings with
//! two decimals, dates as `YYYY-MM-DD`. Documented field by field in docs/json.md.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::revenue::{ClientStatus, Period};
use crate::ingest::quality::FileSummary;
use crate::model::{Channel, Year};

use super::i18n::cents;
use super::{Report, SCHEMA_VERSION};

/// How many rejected line numbers the JSON lists per file (`check` lists them all).
const FIRST_REJECTED_LINES: usize = 20;

fn money(value: rust_decimal::Decimal) -> String {
    cents(value).to_string()
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    tool: &'a str,
    currency: Option<&'a str>,
    period: &'a Period,
    inputs: JsonInputs,
    years: Vec<JsonYear>,
    clients: Vec<JsonClient<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct JsonInputs {
    invoices: JsonFile,
    clients: Option<JsonFile>,
    surveys: Option<JsonFile>,
}

#[derive(Serialize)]
struct JsonFile {
    path: String,
    format: &'static str,
    encoding: String,
    delimiter: String,
    decimal: Option<String>,
    date_format: Option<String>,
    columns: BTreeMap<String, String>,
    header_line: u64,
    rows: u64,
    used: u64,
    excluded: BTreeMap<String, u64>,
    rejected: BTreeMap<&'static str, u64>,
    first_rejected_lines: Vec<u64>,
}

impl From<&FileSummary> for JsonFile {
    fn from(s: &FileSummary) -> Self {
        JsonFile {
            path: s.path.clone(),
            format: s.format,
            encoding: s.encoding.clone(),
            delimiter: s.delimiter.clone(),
            decimal: s.decimal.map(String::from),
            date_format: s.date_format.clone(),
            columns: s.columns.clone(),
            header_line: s.header_line,
            rows: s.rows,
            used: s.used,
            excluded: s.excluded.clone(),
            rejected: s.rejected.iter().map(|(r, n)| (r.key(), *n)).collect(),
            first_rejected_lines: s.first_rejected_lines(FIRST_REJECTED_LINES),
        }
    }
}

#[derive(Serialize)]
struct JsonYear {
    year: Year,
    revenue: String,
    active_clients: u64,
}

#[derive(Serialize)]
struct JsonYearRevenue {
    year: Year,
    revenue: String,
}

#[derive(Serialize)]
struct JsonClient<'a> {
    name: &'a str,
    id: Option<&'a str>,
    first_invoice: Option<NaiveDate>,
    last_invoice: Option<NaiveDate>,
    lifetime_revenue: String,
    years_active: u64,
    revenue_by_year: Vec<JsonYearRevenue>,
    channel: Option<Channel>,
    referred_by: Option<&'a str>,
    status: ClientStatus,
    nps_latest: Option<u8>,
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let revenue = &report.revenue;
    let json = JsonReport {
        schema_version: SCHEMA_VERSION,
        tool: &report.tool,
        currency: report.currency.as_deref(),
        period: &revenue.period,
        inputs: JsonInputs {
            invoices: JsonFile::from(&report.inputs.invoices),
            clients: report.inputs.clients.as_ref().map(JsonFile::from),
            surveys: report.inputs.surveys.as_ref().map(JsonFile::from),
        },
        years: revenue
            .years
            .iter()
            .map(|y| JsonYear {
                year: y.year,
                revenue: money(y.revenue),
                active_clients: y.active_clients,
            })
            .collect(),
        clients: revenue
            .clients
            .iter()
            .map(|c| JsonClient {
                name: &c.name,
                id: c.id.as_deref(),
                first_invoice: c.first_invoice,
                last_invoice: c.last_invoice,
                lifetime_revenue: money(c.lifetime_revenue),
                years_active: c.years_active,
                revenue_by_year: c
                    .revenue_by_year
                    .iter()
                    .map(|(year, revenue)| JsonYearRevenue {
                        year: *year,
                        revenue: money(*revenue),
                    })
                    .collect(),
                channel: c.channel,
                referred_by: c.referred_by.as_deref(),
                status: c.status,
                nps_latest: c.nps_latest,
            })
            .collect(),
        warnings: &report.warnings,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
