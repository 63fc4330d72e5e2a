//! Money in: who pays late and what is owed (SPEC 3.7), and where the cash received
//! stands against the French micro and VAT thresholds (SPEC 3.8).

use rust_decimal::Decimal;

use crate::analysis::french_thresholds::{MicroStatus, VatStatus};
use crate::analysis::payments::PaymentFigures;
use crate::model::Basis;
use crate::report::document::{left, right, Chart, Document, Grid, Slice};
use crate::report::i18n::{self, either, Lang};
use crate::report::Report;

use super::{more_row, share_cell, shown_years, year_name};

/// Clients listed in the payments and receivables tables.
const CLIENTS_SHOWN: usize = 15;

fn days(lang: Lang, value: Option<Decimal>) -> String {
    i18n::optional_number(lang, value, 1)
}

/// The basis sentence every report carries when payments are known.
fn basis_sentence(lang: Lang, basis: Basis) -> &'static str {
    match basis {
        Basis::Invoice => either(
            lang,
            "Yearly figures are by invoice date (--basis cash counts revenue when it was received).",
            "Les chiffres annuels sont à la date de facture (--basis cash compte le chiffre d'affaires à son encaissement).",
        ),
        Basis::Cash => either(
            lang,
            "Yearly figures are on the cash basis: revenue counts when it was received, for the part received.",
            "Les chiffres annuels sont en encaissements : le chiffre d'affaires compte à sa date de paiement, pour la part reçue.",
        ),
    }
}

/// The headers of a table of [`figure_cells`], between its first and last column's.
fn figure_headers(lang: Lang, first: &str, last: &str) -> Vec<crate::report::document::Cell> {
    vec![
        left(first),
        right(either(lang, "Paid invoices", "Factures payées")),
        right(either(lang, "Days to pay", "Délai (j)")),
        right(either(lang, "Weighted mean", "Moyenne pondérée")),
        right(either(lang, "Days late", "Retard (j)")),
        right(either(lang, "Paid late", "Payées en retard")),
        right(last),
    ]
}

fn figure_cells(lang: Lang, f: &PaymentFigures) -> Vec<crate::report::document::Cell> {
    vec![
        right(f.invoices_paid.to_string()),
        right(days(lang, f.median_days_to_pay)),
        right(days(lang, f.mean_days_to_pay)),
        right(days(lang, f.median_days_late)),
        share_cell(lang, f.paid_late_share),
    ]
}

pub fn payments(report: &Report, lang: Lang, doc: &mut Document) {
    doc.heading(either(lang, "Payments", "Paiements"));
    let Some(p) = &report.analysis.payments else {
        doc.text(either(
            lang,
            "The invoices file has no payment date or balance column: add one (or --map paid_date=HEADER, --map balance=HEADER) to see who pays late and what is owed.",
            "Le fichier de factures n'a pas de colonne de date de paiement ni de reste dû : ajoutez-en une (ou --map paid_date=EN-TÊTE, --map balance=EN-TÊTE) pour voir qui paie en retard et ce qui vous est dû.",
        ));
        return;
    };
    doc.text(basis_sentence(lang, p.basis));
    let r = &p.receivables;
    let as_of = i18n::date(lang, p.as_of);
    let owed = i18n::money(lang, r.total, report.currency.as_deref());
    let late = i18n::counted(lang, r.late_invoices, i18n::Noun::LateInvoice);
    doc.text(match (lang, r.late_invoices) {
        (Lang::En, 0) => format!("Owed to you on {as_of}: {owed}, nothing past due."),
        (Lang::Fr, 0) => format!("Ce qui vous est dû au {as_of} : {owed}, rien en retard."),
        (Lang::En, _) => format!("Owed to you on {as_of}: {owed}, including {late}."),
        (Lang::Fr, _) => format!("Ce qui vous est dû au {as_of} : {owed}, dont {late}."),
    });
    if r.late_invoices > 0 {
        let indemnities = i18n::money(lang, r.recovery_indemnities, report.currency.as_deref());
        doc.text(match lang {
            Lang::En => format!("For late business invoices French law allows claiming a fixed 40 € recovery indemnity each, here {indemnities} in all, plus late-payment interest: what you may claim, not money owed for sure."),
            Lang::Fr => format!("Pour une facture professionnelle en retard, la loi permet de réclamer une indemnité forfaitaire de recouvrement de 40 € chacune, ici {indemnities} au total, plus des pénalités de retard : ce que vous pouvez réclamer, non une somme acquise."),
        });
    }
    if !p.due_dates_given {
        doc.text(either(
            lang,
            "The file gives no due date: invoices are taken as due 30 days after their date.",
            "Le fichier ne donne pas d'échéance : les factures sont réputées dues 30 jours après leur date.",
        ));
    }
    doc.caption(either(
        lang,
        "Who pays when (late payers first)",
        "Qui paie quand (retardataires en tête)",
    ));
    doc.text(either(
        lang,
        "Days to pay and days late are medians over the paid invoices; the weighted mean weighs each invoice by its revenue.",
        "Délai de paiement et retard sont des médianes sur les factures payées ; la moyenne pondérée pèse chaque facture par son chiffre d'affaires.",
    ));
    let mut table = Grid::new(figure_headers(
        lang,
        either(lang, "Client", "Client"),
        either(lang, "Unpaid", "Impayé"),
    ));
    for client in p.clients.iter().take(CLIENTS_SHOWN) {
        let mut row = vec![left(client.name.clone())];
        row.extend(figure_cells(lang, &client.figures));
        row.push(right(i18n::amount(lang, client.unpaid)));
        table.add_row(row);
    }
    more_row(&mut table, lang, p.clients.len(), CLIENTS_SHOWN);
    doc.table(table);

    let shown = shown_years(&report.analysis.revenue.period.years);
    doc.caption(either(
        lang,
        "Per year (by invoice date)",
        "Par année (à la date de facture)",
    ));
    let mut table = Grid::new(figure_headers(
        lang,
        either(lang, "Year", "Année"),
        either(lang, "Revenue late", "CA en retard"),
    ));
    for year in p.years.iter().filter(|y| shown.contains(&y.year)) {
        let mut row = vec![left(year_name(report, lang, year.year))];
        row.extend(figure_cells(lang, &year.figures));
        row.push(share_cell(lang, year.figures.revenue_paid_late_share));
        table.add_row(row);
    }
    doc.table(table);

    let bucket_names = [
        either(lang, "Not yet due", "Non échu"),
        either(lang, "1–30 days", "1 à 30 j"),
        either(lang, "31–60 days", "31 à 60 j"),
        either(lang, "61–90 days", "61 à 90 j"),
        either(lang, "Over 90 days", "Plus de 90 j"),
    ];
    doc.chart(Chart::Bars {
        title: either(
            lang,
            "What is owed, by days past due",
            "Ce qui est dû, par ancienneté du retard",
        )
        .to_string(),
        bars: r
            .buckets
            .entries()
            .iter()
            .zip(bucket_names)
            .map(|((_, amount), label)| Slice {
                label: label.to_string(),
                value: *amount,
                shown: i18n::amount(lang, *amount),
            })
            .collect(),
    });
    if r.clients.is_empty() {
        return;
    }
    doc.caption(either(
        lang,
        "Receivables by client (aged)",
        "Créances par client (balance âgée)",
    ));
    let mut headers = vec![
        left(either(lang, "Client", "Client")),
        right(either(lang, "Owed", "Dû")),
        left(either(lang, "Oldest", "Plus ancienne")),
    ];
    headers.extend(bucket_names.iter().map(|n| right(*n)));
    let mut table = Grid::new(headers);
    for client in r.clients.iter().take(CLIENTS_SHOWN) {
        let mut row = vec![
            left(client.name.clone()),
            right(i18n::amount(lang, client.total)),
            left(i18n::date(lang, client.oldest_invoice)),
        ];
        row.extend(
            client
                .buckets
                .entries()
                .iter()
                .map(|(_, m)| right(i18n::amount(lang, *m))),
        );
        table.add_row(row);
    }
    more_row(&mut table, lang, r.clients.len(), CLIENTS_SHOWN);
    doc.table(table);
}

pub fn micro_status_name(lang: Lang, status: MicroStatus) -> &'static str {
    match status {
        MicroStatus::Under => either(lang, "under", "en dessous"),
        MicroStatus::Approaching => either(lang, "approaching", "proche"),
        MicroStatus::Over => either(lang, "over", "dépassé"),
    }
}

fn vat_status_name(lang: Lang, status: VatStatus) -> &'static str {
    match status {
        VatStatus::Under => either(lang, "under", "en dessous"),
        VatStatus::OverBase => either(lang, "over base", "base dépassé"),
        VatStatus::OverUpper => either(lang, "over upper", "majoré dépassé"),
    }
}

pub fn thresholds(report: &Report, lang: Lang, doc: &mut Document) {
    doc.heading(either(
        lang,
        "French thresholds",
        "Seuils micro-entreprise et TVA",
    ));
    let Some(t) = &report.analysis.thresholds else {
        doc.text(either(
            lang,
            "Pass --regime micro-bnc, micro-bic-services or micro-bic-sales (or regime = … in portfolio.toml) to check the micro-enterprise ceilings and the VAT franchise thresholds.",
            "Ajoutez --regime micro-bnc, micro-bic-services ou micro-bic-sales (ou regime = … dans portfolio.toml) pour vérifier les plafonds de la micro-entreprise et les seuils de la franchise en base de TVA.",
        ));
        return;
    };
    let basis = if t.cash {
        either(
            lang,
            "on the cash received in each calendar year",
            "sur les encaissements de chaque année civile",
        )
    } else {
        either(
            lang,
            "on invoice dates, for want of payment dates",
            "aux dates de facture, faute de dates de paiement",
        )
    };
    doc.text(match lang {
        Lang::En => format!("Regime {}, {basis}. These figures are indicative, not tax advice: check them with your accountant or the URSSAF.", t.regime.as_str()),
        Lang::Fr => format!("Régime {}, {basis}. Ces chiffres sont indicatifs et ne constituent pas un conseil fiscal : vérifiez-les avec votre expert-comptable ou l'URSSAF.", t.regime.as_str()),
    });
    let currency = report.currency.as_deref();
    if let Some(projection) = &t.projection {
        let against = match (lang, projection.micro_status) {
            (Lang::En, MicroStatus::Under) => "below the ceiling",
            (Lang::En, MicroStatus::Approaching) => "close to the ceiling",
            (Lang::En, MicroStatus::Over) => "over the ceiling",
            (Lang::Fr, MicroStatus::Under) => "en dessous du plafond",
            (Lang::Fr, MicroStatus::Approaching) => "près du plafond",
            (Lang::Fr, MicroStatus::Over) => "au-delà du plafond",
        };
        let revenue = i18n::money(lang, projection.revenue, currency);
        doc.text(match lang {
            Lang::En => format!(
                "At its pace so far, {} would end at {revenue}, {against}.",
                projection.year
            ),
            Lang::Fr => format!(
                "À son rythme actuel, l'année {} finirait à {revenue}, {against}.",
                projection.year
            ),
        });
    }
    for year in &t.years {
        if year.leaves_regime {
            doc.text(match lang {
                Lang::En => format!("{} is the second year in a row over the micro ceiling: the micro regime ends on 1 January {}.", year.year, year.year + 1),
                Lang::Fr => format!("{} est la deuxième année de suite au-delà du plafond : le régime micro prend fin au 1er janvier {}.", year.year, year.year + 1),
            });
        }
        if let Some(from) = year.vat_due_from {
            let crossing = year
                .crossing_invoice
                .as_ref()
                .filter(|_| !year.franchise_lost_before)
                .map(|(name, _)| name.clone());
            doc.text(match (lang, crossing) {
                (Lang::En, Some(invoice)) => format!("{}: VAT is due from {} (the payment of invoice {invoice} crossed the upper threshold).", year.year, i18n::date(lang, from)),
                (Lang::En, None) => format!("{}: VAT is due from {} (the franchise was lost by the previous years).", year.year, i18n::date(lang, from)),
                (Lang::Fr, Some(invoice)) => format!("{} : la TVA est due à partir du {} (le paiement de la facture {invoice} a franchi le seuil majoré).", year.year, i18n::date(lang, from)),
                (Lang::Fr, None) => format!("{} : la TVA est due à partir du {} (la franchise a été perdue les années précédentes).", year.year, i18n::date(lang, from)),
            });
        }
    }
    let shown: Vec<_> = t
        .years
        .iter()
        .skip(t.years.len().saturating_sub(super::YEARS_SHOWN))
        .collect();
    let mut bars: Vec<Slice> = shown
        .iter()
        .filter_map(|y| {
            Some(Slice {
                label: y.year.to_string(),
                value: y.micro_share?,
                shown: i18n::percent(lang, y.micro_share?),
            })
        })
        .collect();
    bars.push(Slice {
        label: either(lang, "Ceiling", "Plafond").to_string(),
        value: Decimal::ONE_HUNDRED,
        shown: i18n::percent(lang, Decimal::ONE_HUNDRED),
    });
    doc.chart(Chart::Bars {
        title: either(lang, "Share of the micro ceiling", "Part du plafond micro").to_string(),
        bars,
    });
    let mut table = Grid::new(vec![
        left(either(lang, "Year", "Année")),
        right(either(lang, "Cash received", "Encaissé")),
        right(either(lang, "Micro ceiling", "Plafond micro")),
        right(either(lang, "Share", "Part")),
        left(either(lang, "Micro", "Micro")),
        right(either(lang, "VAT base / upper", "TVA base / majoré")),
        left(either(lang, "VAT", "TVA")),
    ]);
    for year in shown {
        let ceiling = i18n::amount(lang, year.micro_ceiling);
        let ceiling = if year.prorated {
            format!("{ceiling} ({})", either(lang, "prorated", "au prorata"))
        } else {
            ceiling
        };
        table.add_row(vec![
            left(year.year.to_string()),
            right(i18n::amount(lang, year.revenue)),
            right(ceiling),
            share_cell(lang, year.micro_share),
            left(micro_status_name(lang, year.micro_status)),
            right(format!(
                "{} / {}",
                i18n::amount(lang, year.vat_base),
                i18n::amount(lang, year.vat_upper)
            )),
            left(vat_status_name(lang, year.vat_status)),
        ]);
    }
    doc.table(table);
    if let Some(last) = t.years.last() {
        doc.text(match lang {
            Lang::En => format!("Source of the {} thresholds: {}.", last.year, last.source),
            Lang::Fr => format!("Source des seuils {} : {}.", last.year, last.source),
        });
    }
}
