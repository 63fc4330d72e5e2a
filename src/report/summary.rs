//! The portfolio of portfolios in words (SPEC 6): `analyze --by COLUMN` in the table,
//! Markdown, HTML and CSV formats prints one page over every group: how many at each
//! risk level, where the groups stand (quartiles), then one row per group.

use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::analysis::summary::{order, overview, GroupRow, Missing, Spread};
use crate::model::{Basis, FiscalYearStart, Year};

use super::document::{left, right, Block, Chart, Document, Grid, Slice};
use super::i18n::{self, either as words, Lang};
use super::sections::micro_status_name;
use super::verdicts::level_name;
use super::{csv, html, markdown, table, Format, RenderOptions};

/// Every group of a `--by` run, about one focus year.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The `--by` column, as the user named it.
    pub column: String,
    pub focus: Year,
    pub fiscal_year_start: FiscalYearStart,
    /// Whether the years are by invoice or by payment date.
    pub basis: Basis,
    pub rows: Vec<GroupRow>,
}

impl Summary {
    pub fn new(
        column: String,
        focus: Year,
        fiscal_year_start: FiscalYearStart,
        basis: Basis,
        mut rows: Vec<GroupRow>,
    ) -> Self {
        order(&mut rows);
        Summary {
            column,
            focus,
            fiscal_year_start,
            basis,
            rows,
        }
    }
}

fn change(lang: Lang, value: Option<Decimal>) -> String {
    value.map_or_else(
        || i18n::text(lang, i18n::Text::Undefined).to_string(),
        |v| format!("{}{}%", i18n::signed(lang, v, 1), i18n::percent_space(lang)),
    )
}

fn spread_row(
    lang: Lang,
    label: &str,
    spread: Option<Spread>,
    signed: bool,
) -> Vec<super::document::Cell> {
    let shown = |v: Decimal| {
        if signed {
            change(lang, Some(v))
        } else {
            i18n::percent(lang, v)
        }
    };
    let mut row = vec![left(label)];
    match spread {
        Some(s) => row.extend([
            right(shown(s.q1)),
            right(shown(s.median)),
            right(shown(s.q3)),
        ]),
        None => row.extend((0..3).map(|_| right(i18n::text(lang, i18n::Text::Undefined)))),
    }
    row
}

/// The summary as a document, in `lang`.
pub fn document(summary: &Summary, lang: Lang) -> Document {
    let mut doc = Document::default();
    let year = i18n::year(lang, summary.focus, summary.fiscal_year_start);
    let column = &summary.column;
    let colon = i18n::colon(lang);
    doc.push(Block::Title(match lang {
        Lang::En => format!("Portfolios by {column}, {year}"),
        Lang::Fr => format!("Portefeuilles par {column}, {year}"),
    }));
    let with_figures: Vec<_> = summary
        .rows
        .iter()
        .filter_map(|r| r.figures.as_ref().ok().map(|f| (r.group.as_str(), f)))
        .collect();
    let groups = summary.rows.len() as u64;
    let basis = match (lang, summary.basis) {
        (Lang::En, Basis::Invoice) => "as invoiced, by invoice date",
        (Lang::En, Basis::Cash) => "as received, by payment date",
        (Lang::Fr, Basis::Invoice) => "facturé, par date de facture",
        (Lang::Fr, Basis::Cash) => "encaissé, par date de paiement",
    };
    doc.text(match lang {
        Lang::En => format!(
            "{groups} {} ({column}), {} with revenue in {year}. Amounts are revenue excluding tax, {basis}.",
            i18n::agree(lang, groups, "group", "groups"),
            with_figures.len()
        ),
        Lang::Fr => format!(
            "{groups} {} ({column}), dont {} avec du chiffre d'affaires en {year}. Montants : chiffre d'affaires HT {basis}.",
            i18n::agree(lang, groups, "groupe", "groupes"),
            with_figures.len()
        ),
    });
    let overview = overview(&summary.rows);
    let levels: Vec<String> = overview
        .per_level
        .iter()
        .map(|(level, n)| format!("{} {n}", level_name(lang, *level)))
        .collect();
    if !levels.is_empty() {
        doc.text(format!(
            "{}{colon}{}",
            words(lang, "Risk level", "Niveau de risque"),
            levels.join(" · ")
        ));
    }
    // Where a group stands against the others.
    let points: Vec<Slice> = with_figures
        .iter()
        .filter_map(|(group, f)| {
            let share = f.top_share?;
            Some(Slice {
                label: group.to_string(),
                value: share,
                shown: i18n::percent(lang, share),
            })
        })
        .collect();
    if !points.is_empty() {
        doc.chart(Chart::Strip {
            title: words(
                lang,
                "Top client's share, one dot per group",
                "Part du premier client, un point par groupe",
            )
            .to_string(),
            points,
            quartiles: overview.top_share.map(|s| [s.q1, s.median, s.q3]),
        });
    }
    doc.caption(words(
        lang,
        "How the groups spread",
        "Répartition des groupes",
    ));
    let mut spread = Grid::new(vec![
        left(""),
        right(words(lang, "1st quartile", "1er quartile")),
        right(words(lang, "Median", "Médiane")),
        right(words(lang, "3rd quartile", "3e quartile")),
    ]);
    spread.add_row(spread_row(
        lang,
        words(lang, "Top client share", "Part du premier client"),
        overview.top_share,
        false,
    ));
    spread.add_row(spread_row(
        lang,
        words(lang, "Revenue growth", "Évolution du CA"),
        overview.growth,
        true,
    ));
    doc.table(spread);
    doc.heading(words(
        lang,
        "Groups, the most at risk first",
        "Groupes, les plus à risque d'abord",
    ));
    let with_nps = with_figures.iter().any(|(_, f)| f.nps.is_some());
    let with_overdue = with_figures.iter().any(|(_, f)| f.overdue.is_some());
    let with_micro = with_figures.iter().any(|(_, f)| f.micro.is_some());
    // Short headings: nine columns fit a terminal.
    let mut header = vec![
        left(column.clone()),
        right(i18n::text(lang, i18n::Text::Revenue)),
        right(i18n::text(lang, i18n::Text::Change)),
        right(words(lang, "Active", "Actifs")),
        right(words(lang, "New", "Nouveaux")),
        right(words(lang, "Top client", "1er client")),
        right(words(lang, "HHI", "IHH")),
        left(words(lang, "Risk", "Risque")),
        right(words(lang, "Retention", "Fidélisation")),
    ];
    if with_nps {
        header.push(right(i18n::text(lang, i18n::Text::NpsScore)));
    }
    if with_overdue {
        header.push(right(words(lang, "Overdue", "En retard")));
    }
    if with_micro {
        header.push(left(words(lang, "Micro ceiling", "Plafond micro")));
    }
    let mut grid = Grid::new(header);
    for (group, f) in &with_figures {
        let mut row = vec![
            left(*group),
            right(i18n::amount(lang, f.revenue)),
            right(change(lang, f.change)),
            right(f.active_clients.to_string()),
            right(f.new_clients.to_string()),
            right(i18n::optional_percent(lang, f.top_share)),
            right(i18n::optional_number(lang, f.hhi, 0)),
            left(level_name(lang, f.level)),
            right(i18n::optional_percent(lang, f.retention_rate)),
        ];
        if with_nps {
            row.push(right(
                f.nps.map_or_else(String::new, |n| i18n::signed(lang, n, 0)),
            ));
        }
        if with_overdue {
            row.push(right(
                f.overdue
                    .map_or_else(String::new, |m| i18n::amount(lang, m)),
            ));
        }
        if with_micro {
            row.push(left(f.micro.map_or_else(
                String::new,
                |(status, projected)| {
                    let name = micro_status_name(lang, status);
                    if projected {
                        format!("{name} ({})", words(lang, "at this pace", "à ce rythme"))
                    } else {
                        name.to_string()
                    }
                },
            )));
        }
        grid.add_row(row);
    }
    doc.table(grid);
    let missing: Vec<String> = summary
        .rows
        .iter()
        .filter_map(|r| {
            let why = match r.figures.as_ref().err()? {
                Missing::NoRevenueInYear => match lang {
                    Lang::En => format!("no revenue in {year}"),
                    Lang::Fr => format!("aucun chiffre d'affaires en {year}"),
                },
                Missing::Failed(reason) => match lang {
                    Lang::En => format!("not analysed: {reason}"),
                    Lang::Fr => format!("non analysé : {reason}"),
                },
            };
            Some(format!("{}{colon}{why}", r.group))
        })
        .collect();
    if !missing.is_empty() {
        doc.caption(match lang {
            Lang::En => format!("Without figures for {year}"),
            Lang::Fr => format!("Sans chiffres pour {year}"),
        });
        doc.push(Block::Lines(missing));
    }
    doc.map_text(|t| i18n::typeset(lang, t));
    doc
}

/// The summary as CSV: one row per group, machine values (like every CSV output).
fn csv_rows(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    use csv::{count, key, money, share, text};
    let rows = summary
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                text(row.group.as_str()),
                csv::Field::Number(summary.focus.to_string()),
            ];
            match &row.figures {
                Ok(f) => cells.extend([
                    money(f.revenue),
                    share(f.change),
                    count(f.active_clients),
                    count(f.new_clients),
                    share(f.top_share),
                    share(f.hhi),
                    key(&f.level),
                    share(f.retention_rate),
                    share(f.nps),
                    f.overdue.map_or_else(|| text(""), money),
                    f.micro.map_or_else(|| text(""), |(status, _)| key(&status)),
                    text(if f.micro.is_some_and(|(_, projected)| projected) {
                        "projected"
                    } else {
                        ""
                    }),
                    text("ok"),
                ]),
                Err(missing) => {
                    cells.extend((0..12).map(|_| text("")));
                    cells.push(text(match missing {
                        Missing::NoRevenueInYear => "no_revenue".to_string(),
                        Missing::Failed(reason) => format!("error: {reason}"),
                    }));
                }
            }
            cells
        })
        .collect();
    csv::write(
        csv::Table {
            header: vec![
                "group",
                "year",
                "revenue",
                "change_percent",
                "active_clients",
                "new_clients",
                "top_client_share",
                "hhi",
                "risk_level",
                "retention_rate",
                "nps",
                "overdue",
                "micro_status",
                "micro_status_from",
                "status",
            ],
            rows,
        },
        out,
    )
}

/// Writes the summary in a human format or CSV (JSON stays one report per group).
pub fn render(
    summary: &Summary,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    match format {
        Format::Csv => csv_rows(summary, out),
        Format::Table => table::write(&document(summary, lang), options.width, options.color, out),
        Format::Markdown => markdown::write(&document(summary, lang), lang, &[], out),
        Format::Html => html::write(&document(summary, lang), lang, &[], out),
        Format::Json => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the summary has no JSON form: --by with --format json writes one report per group",
        )),
    }
}
