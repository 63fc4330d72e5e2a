//! Retention: the bathtub per year and the cohort table.

use crate::report::document::{left, right, Chart, Document, Grid};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, bathtub_name};
use crate::report::Report;

use super::{more_row, share_cell, shown_years, year_name};

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let retention = &report.analysis.retention;
    doc.heading(t(Text::Retention));
    if let Some(focus) = retention.years.last() {
        let partial = report.analysis.revenue.period.partial_focus_year;
        doc.text(verdicts::retention(
            lang,
            focus,
            partial,
            report.fiscal_year_start(),
        ));
    }
    let shown = shown_years(&report.analysis.revenue.period.years);
    let years: Vec<_> = retention
        .years
        .iter()
        .filter(|y| shown.contains(&y.year))
        .collect();
    doc.chart(Chart::Bathtub {
        title: t(Text::WonAndLost).to_string(),
        years: years.iter().map(|y| y.year).collect(),
        won: years.iter().map(|y| y.new + y.reactivated).collect(),
        lost: years.iter().map(|y| y.lost).collect(),
        won_label: t(Text::Won).to_string(),
        lost_label: t(Text::Lost).to_string(),
    });
    let mut table = Grid::new(vec![
        left(t(Text::Year)),
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
        left(t(Text::Bathtub)),
    ]);
    for year in years {
        table.add_row(vec![
            left(year_name(report, lang, year.year)),
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
            left(bathtub_name(lang, year.bathtub)),
        ]);
    }
    doc.table(table);

    at_risk(report, lang, doc);
    if retention.cohorts.is_empty() {
        return;
    }
    doc.caption(t(Text::Cohorts));
    let mut headers = vec![left(t(Text::Cohort)), right(t(Text::Clients))];
    headers.extend(shown.iter().map(|y| right(year_name(report, lang, *y))));
    let mut table = Grid::new(headers);
    for cohort in &retention.cohorts {
        let mut row = vec![
            left(year_name(report, lang, cohort.year)),
            right(cohort.clients.to_string()),
        ];
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
    doc.table(table);
}

/// Clients at risk: still clients, shrinking, overdue or unhappy (SPEC 3.10).
fn at_risk(report: &Report, lang: Lang, doc: &mut Document) {
    let list = &report.analysis.at_risk;
    doc.caption(i18n::either(
        lang,
        "Clients at risk: call them before they go",
        "Clients à risque : appelez-les avant qu'ils ne partent",
    ));
    if list.is_empty() {
        doc.text(i18n::either(
            lang,
            "No active client is shrinking, overdue against its own rhythm, or unhappy.",
            "Aucun client actif ne recule, ne tarde au regard de son rythme habituel ni n'est mécontent.",
        ));
        return;
    }
    let mut table = Grid::new(vec![
        left(t(lang, Text::Client)),
        left(i18n::either(lang, "Why", "Pourquoi")),
        right(i18n::either(lang, "Last 12 m.", "12 derniers mois")),
        right(i18n::either(lang, "12 m. before", "12 mois avant")),
        right(i18n::either(lang, "Days since", "Jours depuis")),
        right(i18n::either(lang, "Usual gap", "Écart habituel")),
    ]);
    for client in list.iter().take(AT_RISK_SHOWN) {
        let reasons: Vec<&str> = client
            .reasons
            .iter()
            .map(|r| verdicts::at_risk_reason(lang, *r))
            .collect();
        table.add_row(vec![
            left(client.name.clone()),
            left(reasons.join(", ")),
            right(i18n::amount(lang, client.revenue_ttm)),
            right(i18n::amount(lang, client.revenue_previous_12m)),
            right(
                client
                    .days_since_last_invoice
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            right(i18n::optional_number(lang, client.median_gap_days, 0)),
        ]);
    }
    more_row(&mut table, lang, list.len(), AT_RISK_SHOWN);
    doc.table(table);
}

/// Clients at risk listed, at most.
const AT_RISK_SHOWN: usize = 15;

fn t(lang: Lang, key: Text) -> &'static str {
    text(lang, key)
}
