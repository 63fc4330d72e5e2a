//! One referrer's statement (SPEC 3.11), `referrals --statement NAME`: the clients it
//! brought, what they brought each year, and the commission due, to send to that
//! referrer. It shows nothing about the other referrers.

use std::io::{self, Write};

use crate::analysis::referrals::{Referrer, DAS2_THRESHOLD};
use crate::model::{normalize_key, Money};

use super::document::{left, right, Block, Document, Grid};
use super::i18n::{self, either, Lang};
use super::{csv, html, json, markdown, table, Format, RenderOptions, Report};

/// The referrer named `name` (compared as client names are).
pub fn find<'r>(report: &'r Report, name: &str) -> Option<&'r Referrer> {
    let wanted = normalize_key(name);
    report
        .analysis
        .referrers
        .iter()
        .find(|r| normalize_key(&r.name) == wanted)
}

/// Every referrer's name, for the message of a name that matches none.
pub fn names(report: &Report, lang: Lang) -> String {
    let names: Vec<String> = report
        .analysis
        .referrers
        .iter()
        .map(|r| i18n::quoted(lang, &r.name))
        .collect();
    if names.is_empty() {
        either(
            lang,
            "none (no clients file names a referrer)",
            "aucun (aucun fichier clients ne nomme d'apporteur)",
        )
        .into()
    } else {
        names.join(", ")
    }
}

/// The statement as a document, in `lang`.
pub fn document(report: &Report, referrer: &Referrer, lang: Lang) -> Document {
    let mut doc = Document::default();
    let currency = report.currency.as_deref();
    let money = |v: Money| i18n::money(lang, v, currency);
    let name = &referrer.name;
    doc.push(Block::Title(match lang {
        Lang::En => format!("Referral statement for {name}"),
        Lang::Fr => format!("Relevé d'apport d'affaires pour {name}"),
    }));
    let period = &report.analysis.revenue.period;
    if let Some(as_of) = period.as_of {
        doc.text(match lang {
            Lang::En => format!(
                "As of {}. Amounts are revenue excluding tax of the clients you referred.",
                i18n::date(lang, as_of)
            ),
            Lang::Fr => format!(
                "Au {}. Montants : chiffre d'affaires HT des clients que vous avez recommandés.",
                i18n::date(lang, as_of)
            ),
        });
    }
    let referred = referrer.referred.join(", ");
    doc.text(match lang {
        Lang::En => format!(
            "Thank you for referring {referred}: {} in all.",
            money(referrer.revenue_lifetime)
        ),
        Lang::Fr => format!(
            "Merci de m'avoir recommandé {referred} : {} au total.",
            money(referrer.revenue_lifetime)
        ),
    });
    match referrer.commission_rate {
        Some(rate) => doc.text(match lang {
            Lang::En => format!(
                "Your commission: {} of their revenue excluding tax.",
                i18n::percent(lang, rate)
            ),
            Lang::Fr => format!(
                "Votre commission : {} de leur chiffre d'affaires HT.",
                i18n::percent(lang, rate)
            ),
        }),
        None if referrer.years.iter().any(|y| y.commission.is_some()) => doc.text(either(
            lang,
            "Your commission: the rate agreed for each client, as below.",
            "Votre commission : le taux convenu pour chaque client, comme ci-dessous.",
        )),
        None => doc.text(either(
            lang,
            "No commission rate is set (commission_rate in the clients file, or [referrals] in portfolio.toml): no commission is computed.",
            "Aucun taux de commission n'est fixé (commission_rate dans le fichier clients, ou [referrals] dans portfolio.toml) : aucune commission n'est calculée.",
        )),
    }
    let mut grid = Grid::new(vec![
        left(either(lang, "Year", "Année")),
        right(either(lang, "Clients", "Clients")),
        right(either(lang, "Their revenue", "Leur CA HT")),
        right(either(lang, "Commission", "Commission")),
    ]);
    for year in &referrer.years {
        grid.add_row(vec![
            left(i18n::year(lang, year.year, period.fiscal_year_start)),
            right(year.clients.to_string()),
            right(i18n::amount(lang, year.revenue)),
            right(year.commission.map_or_else(
                || i18n::text(lang, i18n::Text::Undefined).to_string(),
                |c| i18n::amount(lang, c),
            )),
        ]);
    }
    doc.table(grid);
    if let Some(earned) = referrer.commission_total {
        doc.text(match lang {
            Lang::En => format!("Commission over these years: {}.", money(earned)),
            Lang::Fr => format!("Commissions sur ces années : {}.", money(earned)),
        });
    }
    if !referrer.das2_years.is_empty() {
        let years: Vec<String> = referrer.das2_years.iter().map(|y| y.to_string()).collect();
        let threshold = money(Money::from(DAS2_THRESHOLD));
        doc.text(match lang {
            Lang::En => format!(
                "In France, fees of {threshold} or more paid to one person in a year are declared on the DAS2: {}.",
                years.join(", ")
            ),
            Lang::Fr => format!(
                "Les honoraires et commissions de {threshold} ou plus versés à une même personne dans l'année se déclarent sur la DAS2 : {}.",
                years.join(", ")
            ),
        });
    }
    doc.map_text(|t| i18n::typeset(lang, t));
    doc
}

/// One row per year, machine values.
fn csv_rows(referrer: &Referrer, out: &mut dyn Write) -> io::Result<()> {
    use csv::{count, money, share, text};
    let rows = referrer
        .years
        .iter()
        .map(|y| {
            vec![
                text(referrer.name.clone()),
                csv::Field::Number(y.year.to_string()),
                count(y.clients),
                money(y.revenue),
                share(referrer.commission_rate),
                y.commission.map_or_else(|| text(""), money),
                text(if referrer.das2_years.contains(&y.year) {
                    "yes"
                } else {
                    "no"
                }),
            ]
        })
        .collect();
    csv::write(
        csv::Table {
            header: vec![
                "referrer",
                "year",
                "clients",
                "revenue",
                "commission_rate",
                "commission",
                "das2",
            ],
            rows,
        },
        out,
    )
}

/// Writes the statement in `format`.
pub fn render(
    report: &Report,
    referrer: &Referrer,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    match format {
        Format::Csv => csv_rows(referrer, out),
        Format::Json => json::render_statement(report, referrer, out),
        Format::Table => table::write(
            &document(report, referrer, lang),
            options.width,
            options.color,
            out,
        ),
        Format::Markdown => markdown::write(&document(report, referrer, lang), lang, &[], out),
        Format::Html => html::write(&document(report, referrer, lang), lang, &[], out),
    }
}
