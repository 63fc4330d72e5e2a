//! The marguerite: the focus year's segments with bars, the shares per year, and the
//! dormant clients.

use std::io::{self, Write};

use comfy_table::Cell;

use crate::analysis::segments::{SegmentFigures, YearSegments};
use crate::report::bars::bar;
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, segment_name};
use crate::report::{RenderOptions, Report};

use super::{heading, new_table, right, share_cell, shown_years, BAR_WIDTH};

/// Dormant clients listed by name.
const DORMANT_SHOWN: usize = 15;

fn figures_row(lang: Lang, label: &str, f: &SegmentFigures) -> Vec<Cell> {
    vec![
        Cell::new(label),
        right(i18n::amount(lang, f.revenue)),
        share_cell(lang, f.share),
        Cell::new(f.share.map(|s| bar(s, BAR_WIDTH)).unwrap_or_default()),
        right(f.clients.to_string()),
        right(
            f.share_change
                .map(|c| i18n::signed(lang, c, 1))
                .unwrap_or_default(),
        ),
    ]
}

fn focus_year(
    report: &Report,
    options: &RenderOptions,
    year: &YearSegments,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    writeln!(
        out,
        "{}",
        verdicts::segments(lang, year, report.currency.as_deref())
    )?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(format!("{} {}", t(Text::Segment), year.year)),
            right(t(Text::Revenue)),
            right(t(Text::Share)),
            Cell::new(""),
            right(t(Text::Clients)),
            right(t(Text::ChangePoints)),
        ],
    );
    for (segment, figures) in &year.primary {
        table.add_row(figures_row(lang, segment_name(lang, *segment), figures));
    }
    table.add_row(figures_row(lang, t(Text::SegReferred), &year.referred));
    table.add_row(figures_row(
        lang,
        t(Text::SegReferrers),
        &year.referrer_clients,
    ));
    writeln!(out, "{table}\n")
}

fn per_year(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let all = &report.analysis.segments.years;
    let years: Vec<&YearSegments> = shown_years(&report.analysis.revenue.period.years)
        .iter()
        .filter_map(|y| all.iter().find(|s| s.year == *y))
        .collect();
    if years.len() < 2 {
        return Ok(());
    }
    writeln!(out, "{}", t(Text::SharesPerYear))?;
    let mut headers = vec![Cell::new(t(Text::Segment))];
    headers.extend(years.iter().map(|y| right(y.year.to_string())));
    let mut table = new_table(options, headers);
    let Some(first) = years.first() else {
        return Ok(());
    };
    for (segment, _) in &first.primary {
        let mut row = vec![Cell::new(segment_name(lang, *segment))];
        row.extend(
            years
                .iter()
                .map(|y| share_cell(lang, y.get(*segment).and_then(|f| f.share))),
        );
        table.add_row(row);
    }
    writeln!(out, "{table}\n")
}

fn dormant(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let dormant = &report.analysis.segments.dormant;
    heading(out, t(Text::Dormant))?;
    if dormant.is_empty() {
        return writeln!(out, "{}\n", t(Text::NoDormant));
    }
    writeln!(
        out,
        "{}",
        verdicts::dormant(
            lang,
            dormant,
            report.dormant_after_months,
            report.currency.as_deref()
        )
    )?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Client)),
            right(t(Text::LastInvoice)),
            right(t(Text::Lifetime)),
            right(t(Text::BestYear)),
        ],
    );
    for client in dormant.iter().take(DORMANT_SHOWN) {
        table.add_row(vec![
            Cell::new(&client.name),
            right(
                client
                    .last_invoice
                    .map(|d| i18n::date(lang, d))
                    .unwrap_or_default(),
            ),
            right(i18n::amount(lang, client.lifetime_revenue)),
            right(
                client
                    .best_year
                    .map(|(y, r)| format!("{y}{}{}", i18n::colon(lang), i18n::amount(lang, r)))
                    .unwrap_or_default(),
            ),
        ]);
    }
    if dormant.len() > DORMANT_SHOWN {
        table.add_row(vec![Cell::new(format!(
            "{} {}",
            dormant.len() - DORMANT_SHOWN,
            t(Text::Others)
        ))]);
    }
    writeln!(out, "{table}\n")
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    heading(out, text(options.lang, Text::Segments))?;
    if let Some(year) = report.analysis.segments.years.last() {
        focus_year(report, options, year, out)?;
    }
    per_year(report, options, out)?;
    dormant(report, options, out)
}
