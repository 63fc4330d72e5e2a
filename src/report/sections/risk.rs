//! Dependency risk: the focus year next to the last twelve months, the flags, the
//! largest clients as bars, and the level per year.

use crate::analysis::risk::Risk;
use crate::report::bars::bar;
use crate::report::document::{left, right, Block, Chart, Document, Grid, Slice};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, level_name, RiskPeriod};
use crate::report::Report;

use super::{share_cell, shown_years, year_name, BAR_WIDTH};

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
        pct(risk.identified_share),
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

fn concentration(lang: Lang, risk: &Risk, doc: &mut Document) {
    let t = |key| text(lang, key);
    if risk.largest_clients.is_empty() {
        return;
    }
    let mut shares: Vec<Slice> = risk
        .largest_clients
        .iter()
        .filter_map(|c| {
            Some(Slice {
                label: c.name.clone(),
                value: c.share?,
                shown: i18n::percent(lang, c.share?),
            })
        })
        .collect();
    if let Some(rest) = risk.other_clients_share {
        shares.push(Slice {
            label: t(Text::Others).to_string(),
            value: rest,
            shown: i18n::percent(lang, rest),
        });
    }
    doc.chart(Chart::Pareto {
        title: t(Text::Concentration).to_string(),
        shares,
        axis: t(Text::CumulativeShare).to_string(),
    });
    doc.caption(t(Text::Concentration));
    let mut table = Grid::new(vec![
        left(t(Text::Client)),
        right(t(Text::Revenue)),
        right(t(Text::Share)),
        left(""),
    ]);
    for client in risk.largest_clients.iter().take(BARS_SHOWN) {
        table.add_row(vec![
            left(&client.name),
            right(i18n::amount(lang, client.revenue)),
            share_cell(lang, client.share),
            left(client.share.map(|s| bar(s, BAR_WIDTH)).unwrap_or_default()),
        ]);
    }
    doc.table(table);
}

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let analysis = &report.analysis;
    doc.heading(t(Text::Risk));
    let Some((focus, risk)) = analysis.risk.years.last() else {
        return;
    };
    doc.text(verdicts::risk(
        lang,
        risk,
        RiskPeriod::Year(*focus),
        report.fiscal_year_start(),
    ));
    let ttm = analysis.risk.ttm.as_ref();
    if let Some(ttm) = ttm {
        doc.text(verdicts::risk(
            lang,
            &ttm.risk,
            RiskPeriod::LastTwelveMonths,
            report.fiscal_year_start(),
        ));
    }
    let mut headers = vec![left(""), right(focus.to_string())];
    if let Some(ttm) = ttm {
        headers.push(right(format!(
            "{} ({} – {})",
            t(Text::LastTwelveMonths),
            i18n::date(lang, ttm.from),
            i18n::date(lang, ttm.to)
        )));
    }
    let mut table = Grid::new(headers);
    let labels = [
        Text::Revenue,
        Text::IdentifiedShare,
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
    // Only when some revenue has no identified payer: the rows below are over the rest.
    let identified =
        risk.identified_share.is_some() || ttm.is_some_and(|r| r.risk.identified_share.is_some());
    for (i, label) in labels.iter().enumerate() {
        if *label == Text::IdentifiedShare && !identified {
            continue;
        }
        let mut row = vec![left(t(*label))];
        row.push(right(year_figures.get(i).cloned().unwrap_or_default()));
        if let Some(ttm_figures) = &ttm_figures {
            row.push(right(ttm_figures.get(i).cloned().unwrap_or_default()));
        }
        table.add_row(row);
    }
    doc.table(table);
    if !risk.flags.is_empty() {
        doc.caption(format!(
            "{} {}",
            t(Text::Flags),
            year_name(report, lang, *focus)
        ));
        let lines = risk
            .flags
            .iter()
            // Ids (`concentration.high`) are for JSON: people read the level and why.
            .map(|flag| {
                let line = format!(
                    "[{}] {}",
                    level_name(lang, flag.level()),
                    verdicts::flag_message(
                        lang,
                        *flag,
                        risk,
                        RiskPeriod::Year(*focus),
                        report.fiscal_year_start()
                    )
                );
                (flag.level(), line)
            })
            .collect();
        doc.push(Block::Flags(lines));
    }
    concentration(lang, risk, doc);

    let shown = shown_years(&analysis.revenue.period.years);
    if shown.len() >= 2 {
        doc.caption(t(Text::RiskPerYear));
        let mut table = Grid::new(vec![
            left(t(Text::Year)),
            right(t(Text::Level)),
            right(t(Text::TopShare)),
            right(t(Text::Top3Share)),
            right(t(Text::Hhi)),
            right(t(Text::IntermediatedShare)),
            right(t(Text::ActiveClients)),
        ]);
        for (year, r) in analysis
            .risk
            .years
            .iter()
            .filter(|(y, _)| shown.contains(y))
        {
            table.add_row(vec![
                left(year_name(report, lang, *year)),
                right(level_name(lang, r.level)),
                share_cell(lang, r.top_client.as_ref().and_then(|c| c.share)),
                share_cell(lang, r.top3_share),
                right(i18n::optional_number(lang, r.hhi, 0)),
                share_cell(lang, r.intermediated_share),
                right(r.active_clients.to_string()),
            ]);
        }
        doc.table(table);
    }
}
