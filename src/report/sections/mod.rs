//! The human report's sections, built as one [`Document`] in the report's language:
//! headings, one-line verdicts, tables with block-character bars, the plan, and chart
//! data for HTML. The table, Markdown and HTML formats lay the same document out.

mod money_in;
mod nps;
mod plan;
mod referrals;
mod retention;
mod revenue;
mod risk;
mod segments;
mod stress;

use rust_decimal::Decimal;

pub use money_in::micro_status_name;

use super::document::{left, right, Block, Cell, Document, Grid};
use super::i18n::{self, text, Lang, Text};
use super::verdicts;
use super::{Report, Section};

/// Most recent years shown as columns in per-year tables.
const YEARS_SHOWN: usize = 5;
/// Width of a bar at 100 %.
const BAR_WIDTH: usize = 20;

/// A year as the report names it: `2025`, or `2025–26` / `2025-2026` for fiscal years.
fn year_name(report: &Report, lang: Lang, year: i32) -> String {
    i18n::year(lang, year, report.analysis.revenue.period.fiscal_year_start)
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
fn more_row(grid: &mut Grid, lang: Lang, total: usize, shown: usize) {
    if total > shown {
        grid.add_row(vec![left(format!(
            "{} {}",
            total - shown,
            text(lang, Text::More)
        ))]);
    }
}

/// The title, the period and the currency, what the amounts are, and the year so far.
fn header(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let colon = i18n::colon(lang);
    let period = &report.analysis.revenue.period;
    doc.push(Block::Title(t(Text::Title).to_string()));
    let mut facts = Vec::new();
    if let Some(year) = period.focus_year {
        let start = period.fiscal_year_start;
        let notes: Vec<String> = i18n::year_end(lang, year, start)
            .into_iter()
            .chain(
                period
                    .partial_focus_year
                    .then(|| t(Text::PartialYear).to_string()),
            )
            .collect();
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        let name = if period.is_fiscal() {
            t(Text::FocusFiscalYear)
        } else {
            t(Text::FocusYear)
        };
        let label = i18n::year(lang, year, start);
        facts.push(format!("{name}{colon}{label}{notes}"));
    }
    if let Some(as_of) = period.as_of {
        facts.push(format!("{} {}", t(Text::AsOf), i18n::date(lang, as_of)));
    }
    facts.push(format!(
        "{}{colon}{}",
        t(Text::Currency),
        report.currency.as_deref().unwrap_or(t(Text::NoCurrency))
    ));
    doc.text(facts.join(" · "));
    let tax_included = report.warnings.iter().any(|w| {
        matches!(
            w,
            super::warnings::Message::Input(
                crate::model::warning::Warning::AmountsIncludeTax { .. }
            )
        )
    });
    doc.text(verdicts::what_amounts_are(
        lang,
        tax_included,
        report.basis(),
    ));
    if let (Some(ytd), Some(focus)) = (&report.analysis.year_to_date, period.focus_year) {
        let start = period.fiscal_year_start;
        doc.text(verdicts::year_to_date(
            lang,
            &i18n::year(lang, focus, start),
            &i18n::year(lang, focus - 1, start),
            period.is_fiscal(),
            ytd,
            report.currency.as_deref(),
            report.basis(),
        ));
    }
}

/// The report, or one section of it, as a document.
pub fn document(report: &Report, lang: Lang, section: Section) -> Document {
    let mut doc = Document::default();
    header(report, lang, &mut doc);
    if report.analysis.revenue.years.is_empty() {
        doc.text(text(lang, Text::NoRevenue));
    } else {
        sections(report, lang, section, &mut doc);
    }
    doc.map_text(|t| i18n::typeset(lang, t));
    doc
}

fn sections(report: &Report, lang: Lang, section: Section, doc: &mut Document) {
    let doc_ref = doc;
    match section {
        Section::All => {
            revenue::per_year(report, lang, doc_ref);
            segments::build(report, lang, doc_ref);
            risk::build(report, lang, doc_ref);
            stress::build(report, lang, doc_ref);
            retention::build(report, lang, doc_ref);
            nps::build(report, lang, doc_ref);
            referrals::build(report, lang, doc_ref);
            money_in::payments(report, lang, doc_ref);
            if report.analysis.thresholds.is_some() {
                money_in::thresholds(report, lang, doc_ref);
            }
            revenue::per_client(report, lang, doc_ref);
            revenue::inputs(report, lang, doc_ref);
            plan::build(report, lang, doc_ref);
        }
        Section::Segments => segments::build(report, lang, doc_ref),
        Section::Risk => risk::build(report, lang, doc_ref),
        Section::Retention => retention::build(report, lang, doc_ref),
        Section::Nps => nps::build(report, lang, doc_ref),
        Section::Referrals => referrals::build(report, lang, doc_ref),
        Section::Stress => stress::build(report, lang, doc_ref),
        Section::Payments => money_in::payments(report, lang, doc_ref),
        Section::Thresholds => money_in::thresholds(report, lang, doc_ref),
        Section::Plan => plan::build(report, lang, doc_ref),
    }
}
