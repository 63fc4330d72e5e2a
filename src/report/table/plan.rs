//! The action plan: a numbered list, most urgent first, each action with its priority,
//! area, title, the figures behind it and the clients concerned.

use std::io::{self, Write};

use crate::report::i18n::{self, text, Text};
use crate::report::verdicts::{action_detail, action_title, area_name, priority_name};
use crate::report::{RenderOptions, Report};

use super::heading;

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let plan = &report.analysis.plan;
    heading(out, text(lang, Text::Plan))?;
    if plan.is_empty() {
        return writeln!(out, "{}\n", text(lang, Text::NoActions));
    }
    for (rank, action) in plan.iter().enumerate() {
        writeln!(
            out,
            "{}. {} [{} {} · {}]",
            rank + 1,
            action_title(lang, action),
            text(lang, Text::Priority),
            priority_name(lang, action.priority),
            area_name(lang, action.area)
        )?;
        writeln!(
            out,
            "   {}",
            action_detail(lang, action, report.currency.as_deref())
        )?;
        if !action.clients.is_empty() {
            writeln!(
                out,
                "   {}{}{}",
                text(lang, Text::Concerned),
                i18n::colon(lang),
                action.clients.join(", ")
            )?;
        }
    }
    writeln!(out)
}
