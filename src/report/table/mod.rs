//! The default human report: headed sections with comfy-table tables, a one-line verdict
//! each, and block-character bars, in the report's language. Warnings are not here:
//! they go to standard error.

mod nps;
mod plan;
mod referrals;
mod retention;
mod revenue;
mod risk;
mod segments;

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use rust_decimal::Decimal;

use super::i18n::{self, text, Lang, Text};
use super::verdicts;
use super::{RenderOptions, Report, Section};

/// Most recent years shown as columns in per-year tables.
const YEARS_SHOWN: usize = 5;
/// Width of a bar at 100 %.
const BAR_WIDTH: usize = 20;

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

fn right(text: impl Into<String>) -> Cell {
    Cell::new(text.into()).set_alignment(CellAlignment::Right)
}

/// A share for a cell: `40.0 %`, or `n/a` when undefined.
fn share_cell(lang: Lang, share: Option<Decimal>) -> Cell {
    right(i18n::optional_percent(lang, share))
}

/// The years a per-year table shows: the last few of the report.
fn shown_years(years: &[i32]) -> &[i32] {
    years
        .get(years.len().saturating_sub(YEARS_SHOWN)..)
        .unwrap_or(years)
}

/// A last row saying how many of `total` rows were left out after the first `shown`.
fn more_row(table: &mut Table, lang: Lang, total: usize, shown: usize) {
    if total > shown {
        table.add_row(vec![Cell::new(format!(
            "{} {}",
            total - shown,
            text(lang, Text::More)
        ))]);
    }
}

fn heading(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "{title}")?;
    writeln!(out, "{}", "─".repeat(title.chars().count()))
}

fn header(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let t = |key| text(lang, key);
    let period = &report.analysis.revenue.period;
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
        report.currency.as_deref().unwrap_or(t(Text::NoCurrency))
    ));
    writeln!(out, "{}", facts.join(" · "))?;
    if let (Some(ytd), Some(focus)) = (&report.analysis.year_to_date, period.focus_year) {
        writeln!(
            out,
            "{}",
            verdicts::year_to_date(lang, focus, ytd, report.currency.as_deref())
        )?;
    }
    writeln!(out)
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    header(report, lang, out)?;
    if report.analysis.revenue.years.is_empty() {
        writeln!(out, "{}", text(lang, Text::NoRevenue))?;
        return Ok(());
    }
    match options.section {
        Section::All => {
            revenue::per_year(report, options, out)?;
            segments::render(report, options, out)?;
            risk::render(report, options, out)?;
            retention::render(report, options, out)?;
            nps::render(report, options, out)?;
            referrals::render(report, options, out)?;
            revenue::per_client(report, options, out)?;
            revenue::inputs(report, lang, out)?;
            plan::render(report, options, out)
        }
        Section::Segments => segments::render(report, options, out),
        Section::Risk => risk::render(report, options, out),
        Section::Retention => retention::render(report, options, out),
        Section::Nps => nps::render(report, options, out),
        Section::Referrals => referrals::render(report, options, out),
        Section::Plan => plan::render(report, options, out),
    }
}
