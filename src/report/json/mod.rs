//! The JSON contract (`--format json`): English snake_case keys, money as strings with
//! two decimals, dates as `YYYY-MM-DD`. Documented field by field in docs/json.md.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

mod long_lists;
mod money_in;
mod nps;
mod plan;
mod referrals;
mod sections;
mod stress;

use crate::analysis::revenue::{listed, ClientStatus, ClientSummary, Period, RevenueReport};
use crate::analysis::risk::Level;
use crate::analysis::segments::DormantClient;
use crate::analysis::Analysis;
use crate::model::quality::FileSummary;
use crate::model::{Channel, Client, Year};

use super::i18n::{cents, Lang};
use super::verdicts::RiskPeriod;
use super::{RenderOptions, Report, Section, SCHEMA_VERSION};
use long_lists::{Items, LongList, Placed, Spliced};
use money_in::{JsonPayments, JsonThresholds};
use nps::{JsonNps, JsonNpsSummary};
use plan::JsonAction;
use referrals::{JsonChannelValue, JsonChannelYear, JsonReferrer};
use sections::{
    percent, JsonCohort, JsonDormant, JsonRetention, JsonRisk, JsonSegments, JsonTrailingRisk,
    JsonYearToDate,
};
use stress::{JsonAtRisk, JsonStress};

/// How many rejected line numbers the JSON lists per file (`check` lists them all).
const FIRST_REJECTED_LINES: usize = 20;

fn money(value: rust_decimal::Decimal) -> String {
    cents(value).to_string()
}

/// An amount written like [`money`] straight into the output, without a `String` of its
/// own: the clients list holds one per client and year.
pub(super) struct JsonMoney(pub(super) rust_decimal::Decimal);

impl Serialize for JsonMoney {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rounded = cents(self.0);
        let mut buffer = [0; 32];
        match cents_text(rounded, &mut buffer) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(&rounded),
        }
    }
}

/// An amount already rounded to cents as `Decimal`'s `Display` writes it, digit by digit
/// into `buffer` rather than through the formatting machinery: a report of a million
/// clients writes a dozen million amounts. `None` for what it leaves to `Display`
/// (a negative zero, more than 20 digits).
fn cents_text(rounded: rust_decimal::Decimal, buffer: &mut [u8; 32]) -> Option<&str> {
    let mantissa = rounded.mantissa();
    if rounded.scale() != 2 || (mantissa == 0 && rounded.is_sign_negative()) {
        return None;
    }
    let mut rest = u64::try_from(mantissa.unsigned_abs()).ok()?;
    let mut at = buffer.len();
    let mut put = |byte: u8| -> Option<()> {
        at = at.checked_sub(1)?;
        *buffer.get_mut(at)? = byte;
        Some(())
    };
    let digit = |rest: &mut u64| {
        let byte = b'0' + (*rest % 10) as u8;
        *rest /= 10;
        byte
    };
    put(digit(&mut rest))?;
    put(digit(&mut rest))?;
    put(b'.')?;
    loop {
        put(digit(&mut rest))?;
        if rest == 0 {
            break;
        }
    }
    if mantissa < 0 {
        put(b'-')?;
    }
    std::str::from_utf8(buffer.get(at..)?).ok()
}

/// What every JSON document starts with; `body` is the whole report or one section.
#[derive(Serialize)]
struct Envelope<'a, B: Serialize> {
    schema_version: u32,
    tool: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a crate::report::Group>,
    currency: Option<&'a str>,
    period: JsonPeriod<'a>,
    #[serde(flatten)]
    body: B,
}

#[derive(Serialize)]
struct JsonPeriod<'a> {
    #[serde(flatten)]
    period: &'a Period,
    /// The focus year so far against the same period a year earlier; null when the
    /// focus year is complete.
    year_to_date: Option<JsonYearToDate>,
}

#[derive(Serialize)]
struct FullBody<'a> {
    inputs: JsonInputs,
    years: Vec<JsonYear>,
    risk_ttm: Option<JsonTrailingRisk>,
    clients: &'a Placed<JsonClients<'a>>,
    dormant: &'a Placed<JsonDormants<'a>>,
    cohorts: Vec<JsonCohort>,
    nps: JsonNps,
    referrers: Vec<JsonReferrer>,
    channels_lifetime: Vec<JsonChannelValue>,
    /// Null when the invoices file has no payment date or balance column.
    payments: Option<JsonPayments>,
    /// Null without `--regime`.
    thresholds: Option<JsonThresholds>,
    stress: JsonStress,
    at_risk: Vec<JsonAtRisk>,
    risk_level: Level,
    plan: Vec<JsonAction>,
    /// In English whatever `--lang` (SPEC §4.2 localises only title, detail, message).
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct SegmentsBody<'a> {
    years: Vec<JsonYear>,
    dormant: &'a Placed<JsonDormants<'a>>,
}

#[derive(Serialize)]
struct RiskBody {
    years: Vec<JsonYear>,
    risk_ttm: Option<JsonTrailingRisk>,
}

#[derive(Serialize)]
struct RetentionBody<'a> {
    years: Vec<JsonYear>,
    clients: &'a Placed<JsonClients<'a>>,
    cohorts: Vec<JsonCohort>,
    at_risk: Vec<JsonAtRisk>,
}

#[derive(Serialize)]
struct NpsBody {
    years: Vec<JsonYear>,
    nps: JsonNps,
}

#[derive(Serialize)]
struct ReferralsBody {
    years: Vec<JsonYear>,
    referrers: Vec<JsonReferrer>,
    channels_lifetime: Vec<JsonChannelValue>,
}

#[derive(Serialize)]
struct PaymentsBody {
    payments: Option<JsonPayments>,
}

#[derive(Serialize)]
struct StatementBody {
    statement: JsonReferrer,
}

/// One referrer's statement (`referrals --statement NAME`): its entry of `referrers`,
/// in the usual envelope.
pub fn render_statement(
    report: &Report,
    referrer: &crate::analysis::referrals::Referrer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let body = StatementBody {
        statement: JsonReferrer::from(referrer),
    };
    write(report, body, &[], 1, out)
}

#[derive(Serialize)]
struct StressBody {
    stress: JsonStress,
}

#[derive(Serialize)]
struct ThresholdsBody {
    thresholds: Option<JsonThresholds>,
}

#[derive(Serialize)]
struct PlanBody {
    risk_level: Level,
    plan: Vec<JsonAction>,
}

#[derive(Serialize)]
struct JsonInputs {
    invoices: JsonFile,
    clients: Option<JsonFile>,
    surveys: Option<JsonFile>,
    /// The settings file applied, if any.
    settings: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    segments: Option<JsonSegments>,
    #[serde(skip_serializing_if = "Option::is_none")]
    risk: Option<JsonRisk>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<JsonRetention>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channels: Option<Vec<JsonChannelYear>>,
    /// Outer `None`: not in this section; inner `None`: no new client that year, or
    /// none with a known channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    referral_rate: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nps: Option<JsonNpsSummary>,
}

#[derive(Serialize)]
struct JsonYearRevenue {
    year: Year,
    revenue: JsonMoney,
}

#[derive(Serialize)]
struct JsonClient<'a> {
    name: &'a str,
    id: Option<&'a str>,
    first_invoice: Option<NaiveDate>,
    last_invoice: Option<NaiveDate>,
    lifetime_revenue: JsonMoney,
    years_active: u64,
    revenue_by_year: JsonRevenueByYear<'a>,
    channel: Option<Channel>,
    channel_text: Option<&'a str>,
    referred_by: Option<&'a str>,
    status: ClientStatus,
    nps_latest: Option<u8>,
}

/// Which parts each year carries.
#[derive(Clone, Copy, Default)]
struct YearParts {
    segments: bool,
    risk: bool,
    retention: bool,
    referrals: bool,
    nps: bool,
}

impl YearParts {
    const ALL: YearParts = YearParts {
        segments: true,
        risk: true,
        retention: true,
        referrals: true,
        nps: true,
    };
}

fn years(analysis: &Analysis, parts: YearParts, lang: Lang) -> Vec<JsonYear> {
    analysis
        .revenue
        .years
        .iter()
        .map(|y| {
            let channels = parts
                .referrals
                .then(|| analysis.channels.years.iter().find(|c| c.year == y.year))
                .flatten();
            JsonYear {
                year: y.year,
                revenue: money(y.revenue),
                active_clients: y.active_clients,
                segments: parts
                    .segments
                    .then(|| analysis.segments.years.iter().find(|s| s.year == y.year))
                    .flatten()
                    .map(JsonSegments::from),
                risk: parts
                    .risk
                    .then(|| analysis.risk.years.iter().find(|(year, _)| *year == y.year))
                    .flatten()
                    .map(|(year, r)| {
                        JsonRisk::new(
                            r,
                            RiskPeriod::Year(*year),
                            lang,
                            analysis.revenue.period.fiscal_year_start,
                        )
                    }),
                retention: parts
                    .retention
                    .then(|| analysis.retention.years.iter().find(|r| r.year == y.year))
                    .flatten()
                    .map(JsonRetention::from),
                channels: channels.map(|c| c.channels.iter().map(JsonChannelYear::from).collect()),
                referral_rate: channels.map(|c| percent(c.referral_rate)),
                nps: parts
                    .nps
                    .then(|| analysis.nps.years.iter().find(|(year, _)| *year == y.year))
                    .flatten()
                    .map(|(_, summary)| JsonNpsSummary::from(summary)),
            }
        })
        .collect()
}

/// A client, with its revenue in each of the report's years (zero in those without its
/// rows).
fn json_client<'a>(
    summary: &ClientSummary,
    client: &'a Client,
    revenue: &'a RevenueReport,
) -> JsonClient<'a> {
    let profile = client.extras.profile();
    JsonClient {
        name: &client.name,
        id: client.id.as_deref(),
        first_invoice: client.first_invoice,
        last_invoice: client.last_invoice,
        lifetime_revenue: JsonMoney(summary.lifetime_revenue),
        years_active: summary.years_active,
        revenue_by_year: JsonRevenueByYear { client, revenue },
        channel: profile.map(|p| p.channel),
        channel_text: profile.and_then(|p| p.channel_text.as_deref()),
        referred_by: profile.and_then(|p| p.referred_by.as_deref()),
        status: summary.status,
        nps_latest: summary.nps_latest,
    }
}

/// The clients and the dormant clients of a report.
type JsonClients<'a> = Items<'a, ClientSummary, JsonClient<'a>>;
type JsonDormants<'a> = Items<'a, DormantClient, JsonDormant<'a>>;

/// A list's place for [`long_lists::write_spliced`], when it has a marker.
fn spliced<'a, L: LongList>(key: &'static str, placed: &'a Placed<L>) -> Option<Spliced<'a>> {
    placed
        .marker
        .map(|marker| (key, marker, &placed.list as &dyn LongList))
}

struct JsonRevenueByYear<'a> {
    client: &'a Client,
    revenue: &'a RevenueReport,
}

impl Serialize for JsonRevenueByYear<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let years = &self.revenue.period.years;
        serializer.collect_seq(years.iter().map(|&year| JsonYearRevenue {
            year,
            revenue: JsonMoney(self.revenue.revenue_in(self.client, year)),
        }))
    }
}

/// Writes the report; `lists` are its long lists that `body` holds as markers, in the
/// order they appear, written on `threads` threads.
fn write<B: Serialize>(
    report: &Report,
    body: B,
    lists: &[Spliced],
    threads: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let analysis = &report.analysis;
    let json = Envelope {
        schema_version: SCHEMA_VERSION,
        tool: &report.tool,
        group: report.group.as_ref(),
        currency: report.currency.as_deref(),
        period: JsonPeriod {
            period: &analysis.revenue.period,
            year_to_date: analysis.year_to_date.as_ref().map(JsonYearToDate::from),
        },
        body,
    };
    // serde_json writes token by token: a buffer of its own type here saves a call
    // through `dyn Write` per token (a report of a million clients is over a GB).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    if report.group.is_some() {
        serde_json::to_writer(&mut buffered, &json)?;
    } else if lists.is_empty() {
        serde_json::to_writer_pretty(&mut buffered, &json)?;
    } else {
        let mut head = Vec::new();
        serde_json::to_writer_pretty(&mut head, &json)?;
        long_lists::write_spliced(&head, lists, threads, &mut buffered)?;
    }
    writeln!(buffered)?;
    buffered.flush()
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let analysis = &report.analysis;
    let lang = options.lang;
    let ttm = || {
        analysis
            .risk
            .ttm
            .as_ref()
            .map(|t| JsonTrailingRisk::new(t, lang))
    };
    let parallel = report.group.is_none()
        && options.threads > 1
        && analysis.revenue.clients.len() + analysis.segments.dormant.len()
            >= long_lists::PARALLEL_FROM;
    let client = |summary: &ClientSummary| {
        json_client(
            summary,
            listed(&report.clients, summary.client),
            &analysis.revenue,
        )
    };
    let dormant_client = |dormant: &DormantClient| {
        JsonDormant::new(dormant, listed(&report.clients, dormant.client))
    };
    let clients = Placed {
        list: Items {
            items: &analysis.revenue.clients,
            item: &client,
        },
        marker: parallel.then(|| long_lists::marker(0)),
    };
    let dormant = Placed {
        list: Items {
            items: &analysis.segments.dormant,
            item: &dormant_client,
        },
        marker: parallel.then(|| long_lists::marker(1)),
    };
    let threads = options.threads;
    let cohorts = || {
        analysis
            .retention
            .cohorts
            .iter()
            .map(JsonCohort::from)
            .collect()
    };
    let referrers = || analysis.referrers.iter().map(JsonReferrer::from).collect();
    let channels_lifetime = || {
        analysis
            .channels
            .lifetime
            .iter()
            .map(JsonChannelValue::from)
            .collect()
    };
    let nps = || JsonNps::new(&analysis.nps, lang);
    let at_risk = || analysis.at_risk.iter().map(JsonAtRisk::from).collect();
    let plan = || {
        analysis
            .plan
            .iter()
            .map(|a| {
                JsonAction::new(
                    a,
                    lang,
                    report.currency.as_deref(),
                    report.fiscal_year_start(),
                )
            })
            .collect()
    };
    match options.section {
        Section::All => write(
            report,
            FullBody {
                inputs: JsonInputs {
                    invoices: JsonFile::from(&report.inputs.invoices),
                    clients: report.inputs.clients.as_ref().map(JsonFile::from),
                    surveys: report.inputs.surveys.as_ref().map(JsonFile::from),
                    settings: report.inputs.settings.clone(),
                },
                years: years(analysis, YearParts::ALL, lang),
                risk_ttm: ttm(),
                clients: &clients,
                dormant: &dormant,
                cohorts: cohorts(),
                nps: nps(),
                referrers: referrers(),
                channels_lifetime: channels_lifetime(),
                payments: analysis.payments.as_ref().map(JsonPayments::from),
                thresholds: analysis.thresholds.as_ref().map(JsonThresholds::from),
                stress: JsonStress::from(&analysis.stress),
                at_risk: at_risk(),
                risk_level: analysis.risk_level,
                plan: plan(),
                warnings: report.warning_texts(Lang::En),
            },
            &[spliced("clients", &clients), spliced("dormant", &dormant)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            threads,
            out,
        ),
        Section::Segments => write(
            report,
            SegmentsBody {
                years: years(
                    analysis,
                    YearParts {
                        segments: true,
                        ..YearParts::default()
                    },
                    lang,
                ),
                dormant: &dormant,
            },
            &[spliced("dormant", &dormant)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            threads,
            out,
        ),
        Section::Risk => write(
            report,
            RiskBody {
                years: years(
                    analysis,
                    YearParts {
                        risk: true,
                        ..YearParts::default()
                    },
                    lang,
                ),
                risk_ttm: ttm(),
            },
            &[],
            threads,
            out,
        ),
        Section::Retention => write(
            report,
            RetentionBody {
                years: years(
                    analysis,
                    YearParts {
                        retention: true,
                        ..YearParts::default()
                    },
                    lang,
                ),
                clients: &clients,
                cohorts: cohorts(),
                at_risk: at_risk(),
            },
            &[spliced("clients", &clients)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            threads,
            out,
        ),
        Section::Nps => write(
            report,
            NpsBody {
                years: years(
                    analysis,
                    YearParts {
                        nps: true,
                        ..YearParts::default()
                    },
                    lang,
                ),
                nps: nps(),
            },
            &[],
            threads,
            out,
        ),
        Section::Referrals => write(
            report,
            ReferralsBody {
                years: years(
                    analysis,
                    YearParts {
                        referrals: true,
                        ..YearParts::default()
                    },
                    lang,
                ),
                referrers: referrers(),
                channels_lifetime: channels_lifetime(),
            },
            &[],
            threads,
            out,
        ),
        Section::Payments => write(
            report,
            PaymentsBody {
                payments: analysis.payments.as_ref().map(JsonPayments::from),
            },
            &[],
            threads,
            out,
        ),
        Section::Stress => write(
            report,
            StressBody {
                stress: JsonStress::from(&analysis.stress),
            },
            &[],
            threads,
            out,
        ),
        Section::Thresholds => write(
            report,
            ThresholdsBody {
                thresholds: analysis.thresholds.as_ref().map(JsonThresholds::from),
            },
            &[],
            threads,
            out,
        ),
        Section::Plan => write(
            report,
            PlanBody {
                risk_level: analysis.risk_level,
                plan: plan(),
            },
            &[],
            threads,
            out,
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::*;

    fn written(value: Decimal) -> String {
        serde_json::to_string(&JsonMoney(value)).unwrap()
    }

    #[test]
    fn amounts_are_written_as_display_writes_them() {
        for text in [
            "0",
            "-0",
            "0.004",
            "-0.004",
            "0.005",
            "-0.005",
            "7",
            "-7.1",
            "12.345",
            "1234567.891",
            "-99.995",
            "18446744073709551615",
            "184467440737095516.16",
            "-79228162514264337593543950335",
        ] {
            let value = Decimal::from_str(text).unwrap();
            assert_eq!(written(value), format!("\"{}\"", cents(value)), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_amount_is_written_as_display_writes_it(mantissa: i64, scale in 0_u32..6) {
            let value = Decimal::new(mantissa, scale);
            proptest::prop_assert_eq!(written(value), format!("\"{}\"", cents(value)));
        }
    }
}
