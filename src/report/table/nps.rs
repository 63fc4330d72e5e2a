//! The Net Promoter Score: verdict, distribution with bars, figures, the score per year,
//! and the clients to call or keep close.

use std::io::{self, Write};

use comfy_table::{Cell, Table};

use crate::analysis::nps::Respondent;
use crate::analysis::shares::ratio;
use crate::report::bars::bar;
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts;
use crate::report::{RenderOptions, Report};

use super::{heading, more_row, new_table, right, share_cell, shown_years, BAR_WIDTH};

/// Clients listed by name in each list.
const LISTED: usize = 10;

fn respondents(
    options: &RenderOptions,
    title: Text,
    list: &[Respondent],
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", t(title))?;
    let mut table: Table = new_table(
        options,
        vec![
            Cell::new(t(Text::Client)),
            right(t(Text::Score)),
            right(t(Text::Date)),
            right(t(Text::Referred)),
            right(t(Text::Revenue12Months)),
        ],
    );
    for r in list.iter().take(LISTED) {
        table.add_row(vec![
            Cell::new(&r.name),
            right(r.score.to_string()),
            right(r.date.map(|d| i18n::date(lang, d)).unwrap_or_default()),
            right(r.clients_referred.to_string()),
            right(i18n::amount(lang, r.revenue_ttm)),
        ]);
    }
    more_row(&mut table, lang, list.len(), LISTED);
    writeln!(out, "{table}\n")
}

fn figures(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let nps = &report.analysis.nps;
    let o = &nps.overall;
    let mut table = new_table(
        options,
        vec![
            Cell::new(""),
            right(t(Text::Answers)),
            right(t(Text::Share)),
            Cell::new(""),
        ],
    );
    for (label, count) in [
        (Text::Promoters, o.promoters),
        (Text::Passives, o.passives),
        (Text::Detractors, o.detractors),
    ] {
        let share = ratio(count, o.responses);
        table.add_row(vec![
            Cell::new(t(label)),
            right(count.to_string()),
            share_cell(lang, share),
            Cell::new(share.map(|s| bar(s, BAR_WIDTH)).unwrap_or_default()),
        ]);
    }
    writeln!(out, "{table}\n")?;

    let mut table = new_table(options, vec![Cell::new(""), right("")]);
    let signed = |v: Option<rust_decimal::Decimal>| {
        v.map_or_else(
            || t(Text::Undefined).to_string(),
            |v| i18n::signed(lang, v, 1),
        )
    };
    let rows = [
        (Text::NpsScore, signed(o.nps)),
        (
            Text::Margin,
            i18n::optional_number(lang, o.margin_of_error_95, 1),
        ),
        (Text::WeightedNps, signed(nps.revenue_weighted_nps)),
        (Text::Coverage, i18n::optional_percent(lang, o.coverage)),
        (
            Text::PromoterReferralRate,
            i18n::optional_percent(lang, nps.promoter_referral_rate),
        ),
    ];
    for (label, value) in rows {
        table.add_row(vec![Cell::new(t(label)), right(value)]);
    }
    writeln!(out, "{table}\n")
}

fn per_year(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let shown = shown_years(&report.analysis.revenue.period.years);
    writeln!(out, "{}", t(Text::NpsPerYear))?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Year)),
            right(t(Text::Answers)),
            right(t(Text::Promoters)),
            right(t(Text::Passives)),
            right(t(Text::Detractors)),
            right(t(Text::NpsScore)),
            right(t(Text::Margin)),
            right(t(Text::Coverage)),
        ],
    );
    for (year, s) in report
        .analysis
        .nps
        .years
        .iter()
        .filter(|(y, _)| shown.contains(y))
    {
        table.add_row(vec![
            Cell::new(year),
            right(s.responses.to_string()),
            right(s.promoters.to_string()),
            right(s.passives.to_string()),
            right(s.detractors.to_string()),
            right(s.nps.map(|v| i18n::signed(lang, v, 1)).unwrap_or_default()),
            right(
                s.margin_of_error_95
                    .map(|m| i18n::number(lang, m, 1))
                    .unwrap_or_default(),
            ),
            share_cell(lang, s.coverage),
        ]);
    }
    writeln!(out, "{table}\n")
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang: Lang = options.lang;
    let nps = &report.analysis.nps;
    heading(out, text(lang, Text::Nps))?;
    writeln!(out, "{}", verdicts::nps(lang, nps))?;
    if nps.overall.responses == 0 {
        return writeln!(out);
    }
    writeln!(out)?;
    figures(report, options, out)?;
    per_year(report, options, out)?;
    respondents(options, Text::CallDetractors, &nps.detractors, out)?;
    respondents(options, Text::KeepPromoters, &nps.promoters, out)?;
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
        writeln!(
            out,
            "{}{}{}{more}. {}\n",
            text(lang, Text::SilentPromoters),
            i18n::colon(lang),
            names.join(", "),
            text(lang, Text::RemindThem)
        )?;
    }
    Ok(())
}
