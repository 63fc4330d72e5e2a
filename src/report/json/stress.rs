//! JSON views of the stress test and the clients at risk (SPEC 3.9, 3.10, 4.2).

use serde::Serialize;

use crate::analysis::at_risk::{AtRisk, Reason};
use crate::analysis::stress::{Stress, StressReport, Without};

use super::money;
use super::sections::percent;

#[derive(Serialize)]
struct JsonWithout {
    name: String,
    revenue: String,
    drop: Option<f64>,
}

impl From<&Without> for JsonWithout {
    fn from(w: &Without) -> Self {
        Self {
            name: w.name.clone(),
            revenue: money(w.revenue),
            drop: percent(w.drop),
        }
    }
}

#[derive(Serialize)]
struct JsonStressPeriod {
    revenue: String,
    without_top_client: Option<JsonWithout>,
    without_top3: Option<JsonWithout>,
    without_top_intermediary: Option<JsonWithout>,
    top_client_months: Option<f64>,
    new_clients_to_replace: Option<f64>,
}

impl From<&Stress> for JsonStressPeriod {
    fn from(s: &Stress) -> Self {
        Self {
            revenue: money(s.revenue),
            without_top_client: s.without_top_client.as_ref().map(Into::into),
            without_top3: s.without_top3.as_ref().map(Into::into),
            without_top_intermediary: s.without_top_intermediary.as_ref().map(Into::into),
            top_client_months: percent(s.top_client_months),
            new_clients_to_replace: percent(s.new_clients_to_replace),
        }
    }
}

#[derive(Serialize)]
pub struct JsonStress {
    focus_year: Option<JsonStressPeriod>,
    ttm: Option<JsonStressPeriod>,
}

impl From<&StressReport> for JsonStress {
    fn from(s: &StressReport) -> Self {
        Self {
            focus_year: s.focus_year.as_ref().map(Into::into),
            ttm: s.ttm.as_ref().map(Into::into),
        }
    }
}

#[derive(Serialize)]
pub struct JsonAtRisk {
    name: String,
    reasons: Vec<Reason>,
    revenue_ttm: String,
    revenue_previous_12m: String,
    days_since_last_invoice: Option<i64>,
    median_gap_days: Option<f64>,
}

impl From<&AtRisk> for JsonAtRisk {
    fn from(a: &AtRisk) -> Self {
        Self {
            name: a.name.clone(),
            reasons: a.reasons.clone(),
            revenue_ttm: money(a.revenue_ttm),
            revenue_previous_12m: money(a.revenue_previous_12m),
            days_since_last_invoice: a.days_since_last_invoice,
            median_gap_days: percent(a.median_gap_days),
        }
    }
}
