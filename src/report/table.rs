//! The default human report: headed sections with comfy-table tables, in the report's
//! language. Warnings are not here: they go to standard error.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use crate::model::Money;

use super::i18n::{self, text, Text};
use super::{RenderOptions, Report};

/// Clients listed by name in the per-client table; the rest are summed in one row.
const CLIENTS_SHOWN: usize = 15;
/// Most recent years shown as columns in the per-client table.
const YEARS_SHOWN: usize = 5;

fn new_table(options: &RenderOptions, headers: Vec<Cell>) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(headers);
    match options.width {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let revenue = &report.revenue;
    let period = &revenue.period;
    let currency = report.currency.as_deref();
    let amount = |value: Money| i18n::amount(lang, value);

    writeln!(out, "{}", t(Text::Title))?;
    let mut facts = Vec::new();
    if let Some(year) = period.focus_year {
        let partial = if period.partial_focus_year {
            format!(" ({})", t(Text::PartialYear))
        } else {
            String::new()
        };
        facts.push(format!("{} {year}{partial}", t(Text::FocusYear)));
    }
    if let Some(as_of) = period.as_of {
        facts.push(format!("{} {}", t(Text::AsOf), i18n::date(lang, as_of)));
    }
    facts.push(format!(
        "{}{}{}",
        t(Text::Currency),
        i18n::colon(lang),
        currency.unwrap_or(t(Text::NoCurrency))
    ));
    writeln!(out, "{}\n", facts.join(" · "))?;

    if revenue.years.is_empty() {
        writeln!(out, "{}", t(Text::NoRevenue))?;
        return Ok(());
    }

    writeln!(out, "{}", t(Text::RevenuePerYear))?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Year)),
            right(t(Text::Revenue).into()),
            right(t(Text::Change).into()),
            right(t(Text::ActiveClients).into()),
        ],
    );
    let mut previous: Option<Money> = None;
    for year in &revenue.years {
        let change = match previous {
            Some(before) if before > Money::ZERO => year
                .revenue
                .checked_sub(before)
                .and_then(|d| d.checked_mul(Money::ONE_HUNDRED))
                .and_then(|d| d.checked_div(before))
                .map(|p| {
                    format!(
                        "{}{}",
                        if p > Money::ZERO { "+" } else { "" },
                        i18n::percent(lang, p)
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        table.add_row(vec![
            Cell::new(year.year),
            right(amount(year.revenue)),
            right(change),
            right(year.active_clients.to_string()),
        ]);
        previous = Some(year.revenue);
    }
    writeln!(out, "{table}\n")?;

    let shown_years: Vec<_> = revenue
        .period
        .years
        .iter()
        .rev()
        .take(YEARS_SHOWN)
        .rev()
        .copied()
        .collect();
    writeln!(out, "{} ({})", t(Text::RevenuePerClient), t(Text::TopOf))?;
    let mut headers = vec![Cell::new(t(Text::Client))];
    headers.extend(shown_years.iter().map(|y| right(y.to_string())));
    headers.push(right(t(Text::Lifetime).into()));
    let mut table = new_table(options, headers);
    for client in revenue.clients.iter().take(CLIENTS_SHOWN) {
        let mut row = vec![Cell::new(&client.name)];
        for year in &shown_years {
            let value = client
                .revenue_by_year
                .iter()
                .find(|(y, _)| y == year)
                .map_or(Money::ZERO, |(_, v)| *v);
            row.push(right(if value.is_zero() {
                "·".into()
            } else {
                amount(value)
            }));
        }
        row.push(right(amount(client.lifetime_revenue)));
        table.add_row(row);
    }
    let rest = revenue.clients.get(CLIENTS_SHOWN..).unwrap_or_default();
    if !rest.is_empty() {
        let mut row = vec![Cell::new(format!("{} {}", rest.len(), t(Text::Others)))];
        for year in &shown_years {
            let total = rest
                .iter()
                .filter_map(|c| {
                    c.revenue_by_year
                        .iter()
                        .find(|(y, _)| y == year)
                        .map(|(_, v)| *v)
                })
                .try_fold(Money::ZERO, |acc, v| acc.checked_add(v));
            row.push(right(total.map(amount).unwrap_or_default()));
        }
        let total = rest
            .iter()
            .try_fold(Money::ZERO, |acc, c| acc.checked_add(c.lifetime_revenue));
        row.push(right(total.map(amount).unwrap_or_default()));
        table.add_row(row);
    }
    writeln!(out, "{table}\n")?;

    writeln!(out, "{}", t(Text::Inputs))?;
    for file in report.inputs.files() {
        writeln!(
            out,
            "  {}{}{} {} · {} {} · {} {} · {} {}",
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
        )?;
    }
    Ok(())
}
