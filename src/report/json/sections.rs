//! JSON views of the segments, risk and retention sections (SPEC §4.2).

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::retention::{Bathtub, Cohort, RetentionYear};
use crate::analysis::risk::{Level, NamedShare, Risk, TrailingRisk};
use crate::analysis::segments::{DormantClient, SegmentFigures, YearSegments};
use crate::analysis::shares::round2;
use crate::analysis::to_date::YearToDate;
use crate::model::{Client, Year};
use crate::report::i18n::Lang;
use crate::report::verdicts::{self, RiskPeriod};

use super::{money, JsonMoney};

/// A percentage as a JSON number rounded to two decimals (`42.5` is 42.5 %). The float
/// is made from the rounded decimal, so it prints as exactly those digits.
pub fn percent(value: Option<Decimal>) -> Option<f64> {
    value.and_then(|v| round2(v).to_f64())
}

#[derive(Serialize)]
pub struct JsonSegment {
    revenue: String,
    share: Option<f64>,
    clients: u64,
    share_change: Option<f64>,
}

impl From<&SegmentFigures> for JsonSegment {
    fn from(f: &SegmentFigures) -> Self {
        JsonSegment {
            revenue: money(f.revenue),
            share: f.share_shown.and_then(|s| s.to_f64()),
            clients: f.clients,
            share_change: percent(f.share_change),
        }
    }
}

#[derive(Serialize)]
pub struct JsonSegments {
    new: JsonSegment,
    loyal: JsonSegment,
    reactivated: JsonSegment,
    intermediated: JsonSegment,
    other_income: JsonSegment,
    /// Revenue whose payer is unknown (SPEC 3.1): only when some year has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    unidentified: Option<JsonSegment>,
    referred: JsonSegment,
    referrer_clients: JsonSegment,
}

impl From<&YearSegments> for JsonSegments {
    fn from(y: &YearSegments) -> Self {
        use crate::analysis::segments::Segment;
        let get = |s| JsonSegment::from(y.get(s).unwrap_or(&SegmentFigures::default()));
        JsonSegments {
            new: get(Segment::New),
            loyal: get(Segment::Loyal),
            reactivated: get(Segment::Reactivated),
            intermediated: get(Segment::Intermediated),
            other_income: get(Segment::OtherIncome),
            unidentified: y.get(Segment::Unidentified).map(JsonSegment::from),
            referred: JsonSegment::from(&y.referred),
            referrer_clients: JsonSegment::from(&y.referrer_clients),
        }
    }
}

#[derive(Serialize)]
pub struct JsonNamedShare {
    name: String,
    revenue: String,
    share: Option<f64>,
}

impl From<&NamedShare> for JsonNamedShare {
    fn from(n: &NamedShare) -> Self {
        JsonNamedShare {
            name: n.name.clone(),
            revenue: money(n.revenue),
            share: percent(n.share),
        }
    }
}

#[derive(Serialize)]
pub struct JsonFlag {
    id: &'static str,
    level: Level,
    message: String,
}

#[derive(Serialize)]
pub struct JsonRisk {
    level: Level,
    revenue: String,
    /// Only when some revenue has no identified payer (SPEC 3.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    identified_share: Option<f64>,
    top_client: Option<JsonNamedShare>,
    top3_share: Option<f64>,
    hhi: Option<f64>,
    effective_clients: Option<f64>,
    intermediated_revenue: String,
    intermediated_share: Option<f64>,
    top_intermediary: Option<JsonNamedShare>,
    active_clients: u64,
    largest_clients: Vec<JsonNamedShare>,
    flags: Vec<JsonFlag>,
}

impl JsonRisk {
    pub fn new(
        risk: &Risk,
        period: RiskPeriod,
        lang: Lang,
        start: crate::model::FiscalYearStart,
    ) -> Self {
        JsonRisk {
            level: risk.level,
            revenue: money(risk.revenue),
            identified_share: percent(risk.identified_share),
            top_client: risk.top_client.as_ref().map(JsonNamedShare::from),
            top3_share: percent(risk.top3_share),
            hhi: percent(risk.hhi),
            effective_clients: percent(risk.effective_clients),
            intermediated_revenue: money(risk.intermediated_revenue),
            intermediated_share: percent(risk.intermediated_share),
            top_intermediary: risk.top_intermediary.as_ref().map(JsonNamedShare::from),
            active_clients: risk.active_clients,
            largest_clients: risk
                .largest_clients
                .iter()
                .map(JsonNamedShare::from)
                .collect(),
            flags: risk
                .flags
                .iter()
                .map(|f| JsonFlag {
                    id: f.id(),
                    level: f.level(),
                    message: verdicts::flag_message(lang, *f, risk, period, start),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct JsonTrailingRisk {
    from: NaiveDate,
    to: NaiveDate,
    #[serde(flatten)]
    risk: JsonRisk,
}

impl JsonTrailingRisk {
    pub fn new(ttm: &TrailingRisk, lang: Lang) -> Self {
        JsonTrailingRisk {
            from: ttm.from,
            to: ttm.to,
            // The last twelve months name no year.
            risk: JsonRisk::new(
                &ttm.risk,
                RiskPeriod::LastTwelveMonths,
                lang,
                crate::model::FiscalYearStart::default(),
            ),
        }
    }
}

#[derive(Serialize)]
pub struct JsonRetention {
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
    bathtub: Bathtub,
}

impl From<&RetentionYear> for JsonRetention {
    fn from(r: &RetentionYear) -> Self {
        JsonRetention {
            active: r.active,
            active_previous_year: r.active_before,
            new: r.new,
            retained: r.retained,
            lost: r.lost,
            reactivated: r.reactivated,
            retention_rate: percent(r.retention_rate),
            net_revenue_retention: percent(r.net_revenue_retention),
            gross_revenue_retention: percent(r.gross_revenue_retention),
            revenue_lost: money(r.revenue_lost),
            revenue_new: money(r.revenue_new),
            bathtub: r.bathtub,
        }
    }
}

#[derive(Serialize)]
pub struct JsonDormant<'a> {
    name: &'a str,
    last_invoice: Option<NaiveDate>,
    lifetime_revenue: JsonMoney,
    best_year: Option<Year>,
    best_year_revenue: Option<JsonMoney>,
}

impl<'a> JsonDormant<'a> {
    pub fn new(d: &DormantClient, client: &'a Client) -> Self {
        JsonDormant {
            name: &client.name,
            last_invoice: client.last_invoice,
            lifetime_revenue: JsonMoney(d.lifetime_revenue),
            best_year: d.best_year.map(|(y, _)| y),
            best_year_revenue: d.best_year.map(|(_, r)| JsonMoney(r)),
        }
    }
}

#[derive(Serialize)]
pub struct JsonCohortYear {
    year: Year,
    revenue: String,
    active_clients: u64,
}

#[derive(Serialize)]
pub struct JsonCohort {
    cohort: Year,
    clients: u64,
    years: Vec<JsonCohortYear>,
}

impl From<&Cohort> for JsonCohort {
    fn from(c: &Cohort) -> Self {
        JsonCohort {
            cohort: c.year,
            clients: c.clients,
            years: c
                .years
                .iter()
                .map(|y| JsonCohortYear {
                    year: y.year,
                    revenue: money(y.revenue),
                    active_clients: y.active_clients,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct JsonYearToDate {
    from: NaiveDate,
    to: NaiveDate,
    revenue: String,
    active_clients: u64,
    previous_from: NaiveDate,
    previous_to: NaiveDate,
    previous_revenue: String,
    previous_active_clients: u64,
    change: Option<f64>,
    previous_full_year_revenue: String,
    share_of_previous_full_year: Option<f64>,
}

impl From<&YearToDate> for JsonYearToDate {
    fn from(y: &YearToDate) -> Self {
        JsonYearToDate {
            from: y.current.from,
            to: y.current.to,
            revenue: money(y.current.revenue),
            active_clients: y.current.active_clients,
            previous_from: y.previous.from,
            previous_to: y.previous.to,
            previous_revenue: money(y.previous.revenue),
            previous_active_clients: y.previous.active_clients,
            change: percent(y.change),
            previous_full_year_revenue: money(y.previous_full_year),
            share_of_previous_full_year: percent(y.share_of_previous_full_year),
        }
    }
}
