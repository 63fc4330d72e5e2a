//! Revenue per year, revenue per client, and the files read.

use crate::analysis::revenue::CLIENTS_NAMED;
use crate::model::Money;
use crate::report::document::{left, right, Document, Grid};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::Report;

use super::{shown_years, year_name};

pub fn per_year(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    doc.heading(t(Text::RevenuePerYear));
    let mut table = Grid::new(vec![
        left(t(Text::Year)),
        right(t(Text::Revenue)),
        right(t(Text::Change)),
        right(t(Text::ActiveClients)),
    ]);
    let period = &report.analysis.revenue.period;
    let first = period.years.first().copied();
    for year in &report.analysis.revenue.years {
        let partial = period.partial_first_year && Some(year.year) == first;
        let partial_focus = period.partial_focus_year && Some(year.year) == period.focus_year;
        let change = year.change.map(|p| {
            let sign = if p > Money::ZERO { "+" } else { "" };
            format!("{sign}{}", i18n::percent(lang, p))
        });
        let name = i18n::year(lang, year.year, period.fiscal_year_start);
        let label = if partial_focus {
            format!("{name} ({})", t(Text::PartialYear))
        } else if partial {
            format!("{name} ({})", t(Text::PartialYearShort))
        } else {
            name
        };
        table.add_row(vec![
            left(label),
            right(i18n::amount(lang, year.revenue)),
            right(change.unwrap_or_default()),
            right(year.active_clients.to_string()),
        ]);
    }
    doc.table(table);
}

pub fn per_client(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let amount = |value: Money| i18n::amount(lang, value);
    let revenue = &report.analysis.revenue;
    let years = shown_years(&revenue.period.years);
    doc.heading(format!(
        "{} ({})",
        t(Text::RevenuePerClient),
        t(Text::TopOf)
    ));
    let mut headers = vec![left(t(Text::Client))];
    headers.extend(years.iter().map(|y| right(year_name(report, lang, *y))));
    headers.push(right(t(Text::Lifetime)));
    let mut table = Grid::new(headers);
    // A year without revenue is `·` in every row, the "other clients" one too.
    let cell = |value: Money| {
        if value.is_zero() {
            "·".into()
        } else {
            amount(value)
        }
    };
    for (summary, client) in report.listed_clients().take(CLIENTS_NAMED) {
        let mut row = vec![left(client.name.as_str())];
        for year in years {
            row.push(right(cell(revenue.revenue_in(client, *year))));
        }
        row.push(right(amount(summary.lifetime_revenue)));
        table.add_row(row);
    }
    if let Some(others) = &revenue.others {
        let mut row = vec![left(format!("{} {}", others.count, t(Text::Others)))];
        let period = revenue.period.years.iter().zip(&others.years);
        let shown = period.filter(|(year, _)| years.contains(year));
        row.extend(shown.map(|(_, &total)| right(cell(total))));
        row.push(right(amount(others.lifetime)));
        table.add_row(row);
    }
    doc.table(table);
}

pub fn inputs(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    doc.heading(t(Text::Inputs));
    let mut lines = Vec::new();
    for file in report.inputs.files() {
        lines.push(format!(
            "{}{}{} {} · {} {} · {} {} · {} {}",
            file.path,
            i18n::colon(lang),
            file.rows,
            t(Text::Rows),
            file.used,
            t(Text::Used),
            file.excluded_total(),
            t(Text::Excluded),
            file.rejected_total(),
            t(Text::Rejected),
        ));
    }
    doc.push(crate::report::document::Block::Lines(lines));
}
