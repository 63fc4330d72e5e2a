//! Retention: the bathtub per year and the cohort table.

use std::io::{self, Write};

use comfy_table::Cell;

use crate::report::i18n::{self, text, Text};
use crate::report::verdicts::{self, bathtub_name};
use crate::report::{RenderOptions, Report};

use super::{heading, new_table, right, share_cell, shown_years};

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let retention = &report.analysis.retention;
    heading(out, t(Text::Retention))?;
    if let Some(focus) = retention.years.last() {
        writeln!(out, "{}", verdicts::retention(lang, focus))?;
    }
    let shown = shown_years(&report.analysis.revenue.period.years);
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Year)),
            right(t(Text::Active)),
            right(t(Text::New)),
            right(t(Text::Retained)),
            right(t(Text::Reactivated)),
            right(t(Text::Lost)),
            right(t(Text::RetentionRate)),
            right(t(Text::Nrr)),
            right(t(Text::Grr)),
            right(t(Text::RevenueLost)),
            right(t(Text::RevenueNew)),
            Cell::new(t(Text::Bathtub)),
        ],
    );
    for year in retention.years.iter().filter(|y| shown.contains(&y.year)) {
        table.add_row(vec![
            Cell::new(year.year),
            right(year.active.to_string()),
            right(year.new.to_string()),
            right(year.retained.to_string()),
            right(year.reactivated.to_string()),
            right(year.lost.to_string()),
            share_cell(lang, year.retention_rate),
            share_cell(lang, year.net_revenue_retention),
            share_cell(lang, year.gross_revenue_retention),
            right(i18n::amount(lang, year.revenue_lost)),
            right(i18n::amount(lang, year.revenue_new)),
            Cell::new(bathtub_name(lang, year.bathtub)),
        ]);
    }
    writeln!(out, "{table}\n")?;

    if retention.cohorts.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", t(Text::Cohorts))?;
    let mut headers = vec![Cell::new(t(Text::Cohort)), right(t(Text::Clients))];
    headers.extend(shown.iter().map(|y| right(y.to_string())));
    let mut table = new_table(options, headers);
    for cohort in &retention.cohorts {
        let mut row = vec![Cell::new(cohort.year), right(cohort.clients.to_string())];
        for year in shown {
            row.push(right(
                cohort
                    .years
                    .iter()
                    .find(|c| c.year == *year)
                    .map(|c| format!("{} ({})", i18n::amount(lang, c.revenue), c.active_clients))
                    .unwrap_or_default(),
            ));
        }
        table.add_row(row);
    }
    writeln!(out, "{table}\n")
}
