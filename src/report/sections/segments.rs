//! The marguerite: the focus year's segments with bars, the shares per year, revenue
//! per year by segment, and the dormant clients.

use crate::analysis::segments::{Segment, SegmentFigures, YearSegments};
use crate::report::bars::bar;
use crate::report::document::{left, right, Cell, Chart, Document, Grid, Slice};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, segment_name};
use crate::report::Report;

use super::{share_cell, shown_years, year_name, BAR_WIDTH};

/// Dormant clients listed by name.
const DORMANT_SHOWN: usize = 15;

fn figures_row(lang: Lang, label: &str, f: &SegmentFigures) -> Vec<Cell> {
    vec![
        left(label),
        right(i18n::amount(lang, f.revenue)),
        share_cell(lang, f.share),
        left(f.share.map(|s| bar(s, BAR_WIDTH)).unwrap_or_default()),
        right(f.clients.to_string()),
        right(
            f.share_change
                .map(|c| i18n::signed(lang, c, 1))
                .unwrap_or_default(),
        ),
    ]
}

fn focus_year(report: &Report, lang: Lang, year: &YearSegments, doc: &mut Document) {
    let t = |key| text(lang, key);
    doc.text(verdicts::segments(
        lang,
        year,
        report.currency.as_deref(),
        report.fiscal_year_start(),
    ));
    doc.chart(Chart::Marguerite {
        title: format!(
            "{} {}",
            t(Text::Segments),
            year_name(report, lang, year.year)
        ),
        petals: year
            .primary
            .iter()
            .filter_map(|(segment, f)| {
                Some(Slice {
                    label: segment_name(lang, *segment).to_string(),
                    value: f.share?,
                    shown: i18n::percent(lang, f.share?),
                })
            })
            .collect(),
    });
    let mut table = Grid::new(vec![
        left(format!(
            "{} {}",
            t(Text::Segment),
            year_name(report, lang, year.year)
        )),
        right(t(Text::Revenue)),
        right(t(Text::Share)),
        left(""),
        right(t(Text::Clients)),
        right(t(Text::ChangePoints)),
    ]);
    for (segment, figures) in &year.primary {
        table.add_row(figures_row(lang, segment_name(lang, *segment), figures));
    }
    // Without a clients file nobody is known to be referred: unknown, not zero.
    let known = report.inputs.clients.is_some();
    if known {
        table.add_row(figures_row(lang, t(Text::SegReferred), &year.referred));
        table.add_row(figures_row(
            lang,
            t(Text::SegReferrers),
            &year.referrer_clients,
        ));
    }
    doc.table(table);
    if !known {
        doc.text(t(Text::UnknownWithoutClientsFile));
    }
    // Retention counts clients who came back; this segment only the revenue of their
    // direct work: say why the two differ where they do.
    let came_back = report
        .analysis
        .retention
        .years
        .iter()
        .find(|r| r.year == year.year)
        .map_or(0, |r| r.reactivated);
    let counted = year.get(Segment::Reactivated).map_or(0, |f| f.clients);
    if came_back > counted {
        doc.text(verdicts::won_back_elsewhere(
            lang,
            year.year,
            came_back - counted,
            report.fiscal_year_start(),
        ));
    }
}

fn per_year(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let all = &report.analysis.segments.years;
    let years: Vec<&YearSegments> = shown_years(&report.analysis.revenue.period.years)
        .iter()
        .filter_map(|y| all.iter().find(|s| s.year == *y))
        .collect();
    if years.len() < 2 {
        return;
    }
    doc.caption(t(Text::SharesPerYear));
    let mut headers = vec![left(t(Text::Segment))];
    headers.extend(years.iter().map(|y| right(year_name(report, lang, y.year))));
    let mut table = Grid::new(headers);
    // Unidentified revenue only where the data has some.
    let shown: Vec<Segment> = Segment::ALL
        .into_iter()
        .filter(|s| *s != Segment::Unidentified || years.iter().any(|y| y.get(*s).is_some()))
        .collect();
    for &segment in &shown {
        let mut row = vec![left(segment_name(lang, segment))];
        row.extend(
            years
                .iter()
                .map(|y| share_cell(lang, y.get(segment).and_then(|f| f.share))),
        );
        table.add_row(row);
    }
    doc.table(table);
    doc.chart(Chart::StackedYears {
        title: t(Text::RevenueBySegment).to_string(),
        years: years.iter().map(|y| y.year).collect(),
        series: shown
            .iter()
            .map(|segment| {
                let values = years
                    .iter()
                    .map(|y| y.get(*segment).map_or(Default::default(), |f| f.revenue))
                    .collect();
                (segment_name(lang, *segment).to_string(), values)
            })
            .collect(),
        totals: years
            .iter()
            .map(|y| i18n::amount(lang, y.revenue))
            .collect(),
    });
}

fn dormant(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let dormant = &report.analysis.segments.dormant;
    doc.heading(t(Text::Dormant));
    if dormant.is_empty() {
        doc.text(t(Text::NoDormant));
        return;
    }
    doc.text(verdicts::dormant(
        lang,
        report.dormant_clients(),
        report.analysis.segments.dormant_revenue,
        report.dormant_after_months,
        report.currency.as_deref(),
    ));
    let mut table = Grid::new(vec![
        left(t(Text::Client)),
        right(t(Text::LastInvoice)),
        right(t(Text::Lifetime)),
        right(t(Text::BestYear)),
    ]);
    for (listed, client) in report.dormant_clients().take(DORMANT_SHOWN) {
        table.add_row(vec![
            left(client.name.as_str()),
            right(
                client
                    .last_invoice
                    .map(|d| i18n::date(lang, d))
                    .unwrap_or_default(),
            ),
            right(i18n::amount(lang, listed.lifetime_revenue)),
            right(
                listed
                    .best_year
                    .map(|(y, r)| {
                        format!(
                            "{}{}{}",
                            year_name(report, lang, y),
                            i18n::colon(lang),
                            i18n::amount(lang, r)
                        )
                    })
                    .unwrap_or_default(),
            ),
        ]);
    }
    if dormant.len() > DORMANT_SHOWN {
        table.add_row(vec![left(format!(
            "{} {}",
            dormant.len() - DORMANT_SHOWN,
            t(Text::Others)
        ))]);
    }
    doc.table(table);
}

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    doc.heading(text(lang, Text::Segments));
    if let Some(year) = report.analysis.segments.years.last() {
        focus_year(report, lang, year, doc);
    }
    per_year(report, lang, doc);
    dormant(report, lang, doc);
}
