//! Dependency risk: the focus year next to the last twelve months, the flags, the
//! largest clients as bars, and the level per year.

use std::io::{self, Write};

use comfy_table::Cell;

use crate::analysis::risk::Risk;
use crate::report::bars::bar;
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, level_name, RiskPeriod};
use crate::report::{RenderOptions, Report};

use super::{heading, new_table, right, share_cell, shown_years, BAR_WIDTH};

/// Largest clients drawn in the concentration chart.
const BARS_SHOWN: usize = 5;

fn figures(lang: Lang, risk: &Risk) -> Vec<String> {
    let named = |n: Option<&crate::analysis::risk::NamedShare>| {
        n.map_or_else(
            || text(lang, Text::Undefined).to_string(),
            |n| format!("{} ({})", n.name, i18n::optional_percent(lang, n.share)),
        )
    };
    let pct = |v| i18n::optional_percent(lang, v);
    vec![
        i18n::amount(lang, risk.revenue),
        named(risk.top_client.as_ref()),
        pct(risk.top3_share),
        i18n::optional_number(lang, risk.hhi, 0),
        i18n::optional_number(lang, risk.effective_clients, 1),
        pct(risk.intermediated_share),
        named(risk.top_intermediary.as_ref()),
        risk.active_clients.to_string(),
        level_name(lang, risk.level).to_string(),
    ]
}

fn concentration(options: &RenderOptions, risk: &Risk, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    if risk.largest_clients.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", t(Text::Concentration))?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Client)),
            right(t(Text::Revenue)),
            right(t(Text::Share)),
            Cell::new(""),
        ],
    );
    for client in risk.largest_clients.iter().take(BARS_SHOWN) {
        table.add_row(vec![
            Cell::new(&client.name),
            right(i18n::amount(lang, client.revenue)),
            share_cell(lang, client.share),
            Cell::new(client.share.map(|s| bar(s, BAR_WIDTH)).unwrap_or_default()),
        ]);
    }
    writeln!(out, "{table}\n")
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let analysis = &report.analysis;
    heading(out, t(Text::Risk))?;
    let Some((focus, risk)) = analysis.risk.years.last() else {
        return Ok(());
    };
    writeln!(
        out,
        "{}",
        verdicts::risk(lang, risk, RiskPeriod::Year(*focus))
    )?;
    let ttm = analysis.risk.ttm.as_ref();
    if let Some(ttm) = ttm {
        writeln!(
            out,
            "{}",
            verdicts::risk(lang, &ttm.risk, RiskPeriod::LastTwelveMonths)
        )?;
    }
    let mut headers = vec![Cell::new(""), right(focus.to_string())];
    if let Some(ttm) = ttm {
        headers.push(right(format!(
            "{} ({} – {})",
            t(Text::LastTwelveMonths),
            i18n::date(lang, ttm.from),
            i18n::date(lang, ttm.to)
        )));
    }
    let mut table = new_table(options, headers);
    let labels = [
        Text::Revenue,
        Text::TopClient,
        Text::Top3Share,
        Text::Hhi,
        Text::EffectiveClients,
        Text::IntermediatedShare,
        Text::TopIntermediary,
        Text::ActiveClients,
        Text::Level,
    ];
    let year_figures = figures(lang, risk);
    let ttm_figures = ttm.map(|r| figures(lang, &r.risk));
    for (i, label) in labels.iter().enumerate() {
        let mut row = vec![Cell::new(t(*label))];
        row.push(right(year_figures.get(i).cloned().unwrap_or_default()));
        if let Some(ttm_figures) = &ttm_figures {
            row.push(right(ttm_figures.get(i).cloned().unwrap_or_default()));
        }
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    if !risk.flags.is_empty() {
        writeln!(
            out,
            "{} {focus}{}",
            t(Text::Flags),
            i18n::colon(lang).trim_end()
        )?;
        for flag in &risk.flags {
            writeln!(
                out,
                "  [{}] {}{}{}",
                level_name(lang, flag.level()),
                flag.id(),
                i18n::colon(lang),
                verdicts::flag_message(lang, *flag, risk, RiskPeriod::Year(*focus))
            )?;
        }
    }
    writeln!(out)?;
    concentration(options, risk, out)?;

    let shown = shown_years(&analysis.revenue.period.years);
    if shown.len() >= 2 {
        writeln!(out, "{}", t(Text::RiskPerYear))?;
        let mut table = new_table(
            options,
            vec![
                Cell::new(t(Text::Year)),
                right(t(Text::Level)),
                right(t(Text::TopShare)),
                right(t(Text::Top3Share)),
                right(t(Text::Hhi)),
                right(t(Text::IntermediatedShare)),
                right(t(Text::ActiveClients)),
            ],
        );
        for (year, r) in analysis
            .risk
            .years
            .iter()
            .filter(|(y, _)| shown.contains(y))
        {
            table.add_row(vec![
                Cell::new(year),
                right(level_name(lang, r.level)),
                share_cell(lang, r.top_client.as_ref().and_then(|c| c.share)),
                share_cell(lang, r.top3_share),
                right(i18n::optional_number(lang, r.hhi, 0)),
                share_cell(lang, r.intermediated_share),
                right(r.active_clients.to_string()),
            ]);
        }
        writeln!(out, "{table}\n")?;
    }
    Ok(())
}
