//! The action plan: most urgent first, each action with its priority, area, title, the
//! figures behind it and the clients concerned.

use crate::report::document::{Block, Document, Item};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{action_detail, action_title, area_name, concerned, priority_name};
use crate::report::Report;

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    let plan = &report.analysis.plan;
    doc.heading(text(lang, Text::Plan));
    if plan.is_empty() {
        doc.text(text(lang, Text::NoActions));
        return;
    }
    let start = report.fiscal_year_start();
    let items = plan
        .iter()
        .map(|action| Item {
            title: action_title(lang, action, start),
            tags: format!(
                "{} {} · {}",
                text(lang, Text::Priority),
                priority_name(lang, action.priority),
                area_name(lang, action.area)
            ),
            detail: action_detail(lang, action, report.currency.as_deref(), start),
            clients: (!action.clients.is_empty()).then(|| {
                format!(
                    "{}{}{}",
                    concerned(lang, action),
                    i18n::colon(lang),
                    action.clients.join(", ")
                )
            }),
        })
        .collect();
    doc.push(Block::Items(items));
}
