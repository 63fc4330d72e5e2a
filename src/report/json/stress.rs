//! JSON view of the stress test (SPEC 3.9, 4.2).

use serde::Serialize;

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
