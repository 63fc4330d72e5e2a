//! The stress test: what losing the top client, the top three or the largest
//! intermediary would leave (SPEC 3.9).

use crate::analysis::stress::{Scenario, Stress, Without};
use crate::report::document::{left, right, Chart, Document, Grid, Slice};
use crate::report::i18n::{self, either, Lang};
use crate::report::Report;

use super::{share_cell, year_name};

/// The sentence about losing the top client in one period.
fn verdict(report: &Report, lang: Lang, period: &str, stress: &Stress) -> Option<String> {
    let top = stress.without_top_client.as_ref()?;
    let currency = report.currency.as_deref();
    let money = |v| i18n::money(lang, v, currency);
    let drop = i18n::optional_percent(lang, top.drop);
    let months = stress
        .top_client_months
        .map(|m| i18n::number(lang, m, 1))
        .unwrap_or_else(|| i18n::text(lang, i18n::Text::Undefined).to_string());
    let name = &top.name;
    let mut text = match lang {
        Lang::En => format!(
            "Without {name}, revenue {period} would fall from {} to {} (−{drop}): {name} brings {months} months of revenue.",
            money(stress.revenue),
            money(top.revenue)
        ),
        Lang::Fr => format!(
            "Sans {name}, le chiffre d'affaires {period} passerait de {} à {} (−{drop}) : {name} représente {months} mois de chiffre d'affaires.",
            money(stress.revenue),
            money(top.revenue)
        ),
    };
    if let Some(replace) = stress.new_clients_to_replace {
        let replace = i18n::number(lang, replace, 1);
        text.push_str(&match lang {
            Lang::En => format!(" Replacing it would take about {replace} new clients at what recent new clients brought in their first year."),
            Lang::Fr => format!(" Le remplacer demanderait environ {replace} nouveaux clients, au chiffre d'affaires de première année des derniers nouveaux clients."),
        });
    }
    Some(text)
}

fn scenario_row(
    lang: Lang,
    label: String,
    without: Option<&Without>,
) -> Option<Vec<crate::report::document::Cell>> {
    let w = without?;
    Some(vec![
        left(label),
        left(w.name.clone()),
        right(i18n::amount(lang, w.revenue)),
        share_cell(lang, w.drop),
    ])
}

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    let stress = &report.analysis.stress;
    doc.heading(either(
        lang,
        "Stress test: what if you lost your top client?",
        "Test de résistance : et si vous perdiez votre premier client ?",
    ));
    let focus = report.analysis.revenue.period.focus_year;
    // (as the verdict says it, as the table names it, the figures)
    let periods: Vec<(String, String, &Stress)> = [
        focus.zip(stress.focus_year.as_ref()).map(|(year, s)| {
            let name = year_name(report, lang, year);
            let said = match lang {
                Lang::En => format!("in {name}"),
                Lang::Fr => format!("de {name}"),
            };
            (said, name, s)
        }),
        stress.ttm.as_ref().map(|s| {
            (
                either(lang, "over the last 12 months", "des 12 derniers mois").to_string(),
                either(lang, "last 12 months", "12 derniers mois").to_string(),
                s,
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if periods.is_empty() {
        doc.text(i18n::text(lang, i18n::Text::NoRevenue));
        return;
    }
    for (said, _, s) in &periods {
        if let Some(text) = verdict(report, lang, said, s) {
            doc.text(text);
        }
    }
    if let Some((_, _, s)) = periods.first() {
        let mut bars = vec![Slice {
            label: either(lang, "Today", "Aujourd'hui").to_string(),
            value: s.revenue,
            shown: i18n::amount(lang, s.revenue),
        }];
        for (scenario, without) in s.scenarios() {
            if let Some(w) = without {
                let label = match (scenario, lang) {
                    (Scenario::Top3, _) => {
                        either(lang, "Without the top 3", "Sans les 3 premiers").to_string()
                    }
                    (_, Lang::En) => format!("Without {}", w.name),
                    (_, Lang::Fr) => format!("Sans {}", w.name),
                };
                bars.push(Slice {
                    label,
                    value: w.revenue.max(rust_decimal::Decimal::ZERO),
                    shown: i18n::amount(lang, w.revenue),
                });
            }
        }
        doc.chart(Chart::Bars {
            title: either(lang, "Revenue left", "Chiffre d'affaires restant").to_string(),
            bars,
        });
    }
    let mut table = Grid::new(vec![
        left(either(lang, "Period", "Période")),
        left(either(lang, "Without", "Sans")),
        right(either(lang, "Revenue left", "CA restant")),
        right(either(lang, "Drop", "Baisse")),
    ]);
    for (_, period, s) in &periods {
        for (scenario, without) in s.scenarios() {
            let what = match scenario {
                Scenario::TopClient => either(lang, "top client", "1er client"),
                Scenario::Top3 => either(lang, "top 3 clients", "3 premiers clients"),
                Scenario::TopIntermediary => {
                    either(lang, "largest intermediary", "1er intermédiaire")
                }
            };
            if let Some(row) = scenario_row(lang, format!("{period} ({what})"), without) {
                table.add_row(row);
            }
        }
    }
    doc.table(table);
}
