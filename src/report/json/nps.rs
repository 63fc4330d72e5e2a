//! JSON view of the Net Promoter Score (SPEC §3.4, §4.2).

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::nps::{Band, NpsReport, NpsSummary, Respondent};
use crate::report::i18n::Lang;
use crate::report::verdicts;

use super::money;
use super::sections::percent;

#[derive(Serialize)]
pub struct JsonNpsSummary {
    responses: u64,
    promoters: u64,
    passives: u64,
    detractors: u64,
    nps: Option<f64>,
    margin_of_error_95: Option<f64>,
    small_sample: bool,
    band: Option<Band>,
    coverage: Option<f64>,
}

impl From<&NpsSummary> for JsonNpsSummary {
    fn from(s: &NpsSummary) -> Self {
        JsonNpsSummary {
            responses: s.responses,
            promoters: s.promoters,
            passives: s.passives,
            detractors: s.detractors,
            nps: percent(s.nps),
            margin_of_error_95: percent(s.margin_of_error_95),
            small_sample: s.small_sample,
            band: s.band,
            coverage: percent(s.coverage),
        }
    }
}

#[derive(Serialize)]
pub struct JsonRespondent {
    name: String,
    is_client: bool,
    score: u8,
    date: Option<NaiveDate>,
    revenue_ttm: String,
    clients_referred: u64,
}

impl From<&Respondent> for JsonRespondent {
    fn from(r: &Respondent) -> Self {
        JsonRespondent {
            name: r.name.clone(),
            is_client: r.client.is_some(),
            score: r.score,
            date: r.date,
            revenue_ttm: money(r.revenue_ttm),
            clients_referred: r.clients_referred,
        }
    }
}

#[derive(Serialize)]
pub struct JsonNps {
    #[serde(flatten)]
    summary: JsonNpsSummary,
    revenue_weighted_nps: Option<f64>,
    promoter_referral_rate: Option<f64>,
    /// The verdict, in the report's language.
    message: String,
    detractors_list: Vec<JsonRespondent>,
    promoters_list: Vec<JsonRespondent>,
    silent_promoters: Vec<JsonRespondent>,
}

impl JsonNps {
    pub fn new(report: &NpsReport, lang: Lang) -> Self {
        let list = |l: &[Respondent]| l.iter().map(JsonRespondent::from).collect();
        JsonNps {
            summary: JsonNpsSummary::from(&report.overall),
            revenue_weighted_nps: percent(report.revenue_weighted_nps),
            promoter_referral_rate: percent(report.promoter_referral_rate),
            message: verdicts::nps(lang, report),
            detractors_list: list(&report.detractors),
            promoters_list: list(&report.promoters),
            silent_promoters: list(&report.silent_promoters),
        }
    }
}
