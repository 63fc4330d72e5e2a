//! JSON view of the action plan (SPEC §3.6, §4.2).

use serde::Serialize;

use crate::analysis::plan::{Action, Area, Priority};
use crate::report::i18n::Lang;
use crate::report::verdicts::{action_detail, action_title};

use super::money;

#[derive(Serialize)]
pub struct JsonAction {
    id: &'static str,
    priority: Priority,
    area: Area,
    title: String,
    detail: String,
    clients: Vec<String>,
    revenue_at_stake: String,
}

impl JsonAction {
    pub fn new(
        action: &Action,
        lang: Lang,
        currency: Option<&str>,
        start: crate::model::FiscalYearStart,
    ) -> Self {
        JsonAction {
            id: action.id(),
            priority: action.priority,
            area: action.area,
            title: action_title(lang, action, start),
            detail: action_detail(lang, action, currency, start),
            clients: action.clients.clone(),
            revenue_at_stake: money(action.stake),
        }
    }
}
