//! The Net Promoter Score: verdict, distribution with bars, figures, the score per year,
//! and the clients to call or keep close.

use crate::analysis::nps::Respondent;
use crate::analysis::shares::ratio;
use crate::report::bars::bar;
use crate::report::document::{left, right, Chart, Document, Grid, Slice};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts;
use crate::report::Report;

use super::{more_row, share_cell, shown_years, year_name, BAR_WIDTH};

/// Clients listed by name in each list.
const LISTED: usize = 10;

fn respondents(lang: Lang, title: Text, list: &[Respondent], doc: &mut Document) {
    let t = |key| text(lang, key);
    if list.is_empty() {
        return;
    }
    doc.caption(t(title));
    let mut table = Grid::new(vec![
        left(t(Text::Client)),
        right(t(Text::Score)),
        right(t(Text::Date)),
        right(t(Text::Referred)),
        right(t(Text::Revenue12Months)),
    ]);
    for r in list.iter().take(LISTED) {
        table.add_row(vec![
            left(&r.name),
            right(r.score.to_string()),
            right(r.date.map(|d| i18n::date(lang, d)).unwrap_or_default()),
            right(r.clients_referred.to_string()),
            right(i18n::amount(lang, r.revenue_ttm)),
        ]);
    }
    more_row(&mut table, lang, list.len(), LISTED);
    doc.table(table);
}

fn figures(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let nps = &report.analysis.nps;
    let o = &nps.overall;
    let categories = [
        (Text::Promoters, o.promoters),
        (Text::Passives, o.passives),
        (Text::Detractors, o.detractors),
    ];
    doc.chart(Chart::Nps {
        title: t(Text::NpsDistribution).to_string(),
        bars: categories
            .iter()
            .map(|(label, count)| Slice {
                label: t(*label).to_string(),
                value: ratio(*count, o.responses).unwrap_or_default(),
                shown: format!(
                    "{count} ({})",
                    i18n::optional_percent(lang, ratio(*count, o.responses))
                ),
            })
            .collect(),
    });
    let mut table = Grid::new(vec![
        left(""),
        right(t(Text::Answers)),
        right(t(Text::Share)),
        left(""),
    ]);
    for (label, count) in [
        (Text::Promoters, o.promoters),
        (Text::Passives, o.passives),
        (Text::Detractors, o.detractors),
    ] {
        let share = ratio(count, o.responses);
        table.add_row(vec![
            left(t(label)),
            right(count.to_string()),
            share_cell(lang, share),
            left(share.map(|s| bar(s, BAR_WIDTH)).unwrap_or_default()),
        ]);
    }
    doc.table(table);

    let mut table = Grid::new(vec![left(""), right("")]);
    let signed = |v: Option<rust_decimal::Decimal>| {
        v.map_or_else(|| t(Text::Undefined).to_string(), |v| score(lang, v))
    };
    let rows = [
        (Text::NpsScore, signed(o.nps)),
        (Text::Margin, margin(lang, o.margin_of_error_95)),
        (Text::WeightedNps, signed(nps.revenue_weighted_nps)),
        (Text::Coverage, i18n::optional_percent(lang, o.coverage)),
        (
            Text::PromoterReferralRate,
            i18n::optional_percent(lang, nps.promoter_referral_rate),
        ),
    ];
    for (label, value) in rows {
        table.add_row(vec![left(t(label)), right(value)]);
    }
    doc.table(table);
}

/// An NPS: signed, but a zero is `0.0`, never `±0.0`, which would read as a margin.
fn score(lang: Lang, value: rust_decimal::Decimal) -> String {
    if value.round_dp(1).is_zero() {
        i18n::number(lang, rust_decimal::Decimal::ZERO, 1)
    } else {
        i18n::signed(lang, value, 1)
    }
}

/// The margin of error; a zero one (every answer in one category, one answer alone)
/// says nothing of certainty and is shown as undefined.
fn margin(lang: Lang, value: Option<rust_decimal::Decimal>) -> String {
    i18n::optional_number(lang, value.filter(|m| !m.is_zero()), 1)
}

fn per_year(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let shown = shown_years(&report.analysis.revenue.period.years);
    doc.caption(t(Text::NpsPerYear));
    let mut table = Grid::new(vec![
        left(t(Text::Year)),
        right(t(Text::Answers)),
        right(t(Text::Promoters)),
        right(t(Text::Passives)),
        right(t(Text::Detractors)),
        right(t(Text::NpsScore)),
        right(t(Text::Margin)),
        right(t(Text::Coverage)),
    ]);
    for (year, s) in report
        .analysis
        .nps
        .years
        .iter()
        .filter(|(y, _)| shown.contains(y))
    {
        table.add_row(vec![
            left(year_name(report, lang, *year)),
            right(s.responses.to_string()),
            right(s.promoters.to_string()),
            right(s.passives.to_string()),
            right(s.detractors.to_string()),
            right(s.nps.map(|v| score(lang, v)).unwrap_or_default()),
            right(
                s.margin_of_error_95
                    .map(|m| margin(lang, Some(m)))
                    .unwrap_or_default(),
            ),
            share_cell(lang, s.coverage),
        ]);
    }
    doc.table(table);
}

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    let nps = &report.analysis.nps;
    doc.heading(text(lang, Text::Nps));
    doc.text(verdicts::nps(lang, nps));
    if nps.overall.responses == 0 {
        return;
    }
    figures(report, lang, doc);
    per_year(report, lang, doc);
    respondents(lang, Text::CallDetractors, &nps.detractors, doc);
    respondents(lang, Text::KeepPromoters, &nps.promoters, doc);
    if !nps.silent_promoters.is_empty() {
        let names: Vec<&str> = nps
            .silent_promoters
            .iter()
            .take(LISTED)
            .map(|r| r.name.as_str())
            .collect();
        let more = nps.silent_promoters.len().saturating_sub(LISTED);
        let more = if more > 0 {
            format!(" (+{more})")
        } else {
            String::new()
        };
        doc.text(format!(
            "{}{}{}{more}. {}",
            text(lang, Text::SilentPromoters),
            i18n::colon(lang),
            names.join(", "),
            text(lang, Text::RemindThem)
        ));
    }
}
