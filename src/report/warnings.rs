//! What the user should know about the inputs and the figures, worded in English or
//! French. The one wording of each warning: `Display` of the typed warnings calls here
//! in English.

use crate::analysis::referral_graph::ReferralProblem;
use crate::analysis::Note;
use crate::model::warning::{Counts, Warning};

use super::i18n::{self, Lang, Noun};

/// A warning of the report: about an input file, or about the figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Input(Warning),
    Analysis(Note),
}

impl Message {
    pub fn text(&self, lang: Lang) -> String {
        let text = match self {
            Message::Input(w) => input(lang, w),
            Message::Analysis(n) => note(lang, n),
        };
        i18n::typeset(lang, &text)
    }
}

fn list(lang: Lang, names: &[String], total: u64) -> String {
    let shown = names.join(", ");
    let more = total.saturating_sub(names.len() as u64);
    match (more, lang) {
        (0, _) => shown,
        (_, Lang::En) => format!("{shown} and {more} more"),
        (_, Lang::Fr) => format!("{shown} et {more} autres"),
    }
}

fn counts(lang: Lang, values: &Counts) -> String {
    values
        .iter()
        .map(|(v, n)| format!("{} ({n})", i18n::quoted(lang, v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Line numbers listed in a warning before the rest is counted.
const LINES_SHOWN: usize = 20;

/// The first [`LINES_SHOWN`] line numbers, then how many more (`…` and the count).
fn lines(lines: &[u64]) -> String {
    let shown = lines
        .iter()
        .take(LINES_SHOWN)
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match lines.len().saturating_sub(LINES_SHOWN) {
        0 => shown,
        more => format!("{shown}, … (+{more})"),
    }
}

/// How a French sentence names a decimal separator: `la virgule`, `le point`.
fn decimal_name(chosen: char) -> &'static str {
    if chosen == ',' {
        "la virgule"
    } else {
        "le point"
    }
}

/// A date format as people write it in French: `%d/%m/%Y` is `JJ/MM/AAAA`.
pub fn date_form(lang: Lang, format: &str) -> String {
    match lang {
        Lang::En => format.to_string(),
        Lang::Fr => format
            .replace("%d", "JJ")
            .replace("%m", "MM")
            .replace("%Y", "AAAA")
            .replace("%y", "AA")
            .replace("%b", "mois")
            .replace("%B", "mois"),
    }
}

fn other_decimal(chosen: char) -> char {
    if chosen == ',' {
        '.'
    } else {
        ','
    }
}

/// Rows excluded for one reason, in words: a status (`draft`), or ledger lines that are
/// not revenue.
fn excluded_reason(lang: Lang, reason: &str, rows: u64) -> String {
    match (reason, lang) {
        ("not_revenue", Lang::En) => format!("{rows} on accounts that are not revenue"),
        ("not_revenue", Lang::Fr) => {
            format!("{rows} sur des comptes qui ne sont pas du chiffre d'affaires")
        }
        (status, Lang::En) => format!("{rows} with status {status}"),
        (status, Lang::Fr) => format!("{rows} au statut {status}"),
    }
}

/// A warning about an input file.
pub fn input(lang: Lang, warning: &Warning) -> String {
    use Warning as W;
    match (warning, lang) {
        (W::AmountsIncludeTax { file, column }, Lang::En) => format!("{file}: amounts include tax: no amount column excluding tax was found, so {column:?} is used; name one with --map amount=HEADER. If you charge no VAT (VAT franchise), amounts with and without tax are the same: ignore this warning"),
        (W::AmountsIncludeTax { file, column }, Lang::Fr) => format!("{file} : montants TTC : aucune colonne de montant hors taxes trouvée, la colonne « {column} » est donc utilisée ; désignez-en une avec --map amount=EN-TÊTE. Si vous êtes en franchise en base de TVA (« TVA non applicable, art. 293 B du CGI »), HT = TTC : vous pouvez ignorer cet avertissement"),
        (W::UnidentifiedRevenue { file, amount, total }, _) => {
            let share = crate::analysis::shares::percent(*amount, *total).ok().flatten().map_or_else(|| "?".to_string(), |p| i18n::percent(lang, p));
            let amount = i18n::amount(lang, *amount);
            match lang {
                Lang::En => format!("{file}: {amount} of revenue ({share}) has no identified customer (cash sales, or a collective customer account without sub-account): it counts in every total as \"unidentified clients\", and client shares are taken over the rest"),
                Lang::Fr => format!("{file} : {amount} de chiffre d'affaires ({share}) n'ont pas de client identifié (ventes au comptant, ou compte client collectif sans compte auxiliaire) : ils comptent dans chaque total comme « clients non identifiés », et les parts des clients sont calculées sur le reste"),
            }
        }
        (W::FiscalYearFromName { file, closing }, Lang::En) => format!("{file}: the file name says the fiscal year closes on {}, so years run from the day after (pass --fiscal-year-start to choose others)", closing.format("%d %B")),
        (W::FiscalYearFromName { file, closing }, Lang::Fr) => format!("{file} : le nom du fichier indique un exercice clos le {}, les années commencent donc le lendemain (ajoutez l'option --fiscal-year-start pour en choisir d'autres)", closing.format("%d/%m")),
        (W::FiscalYearNameIgnored { file, closing, latest }, Lang::En) => format!("{file}: the file name gives the closing date {closing}, but the entries run to {latest}: the name is ignored and years are calendar years (pass --fiscal-year-start if the fiscal year differs)"),
        (W::FiscalYearNameIgnored { file, closing, latest }, Lang::Fr) => format!("{file} : le nom du fichier donne la date de clôture {}, mais les écritures vont jusqu'au {} : le nom est ignoré et les années sont civiles (ajoutez l'option --fiscal-year-start si l'exercice diffère)", closing.format("%d/%m/%Y"), latest.format("%d/%m/%Y")),
        (W::ReadAsWindows1252 { file }, Lang::En) => format!("{file}: not UTF-8, read as Windows-1252 (the encoding of French Excel and accounting programs); if accented names look wrong, pass --encoding"),
        (W::ReadAsWindows1252 { file }, Lang::Fr) => format!("{file} : pas en UTF-8, lu en Windows-1252 (l'encodage d'Excel et des logiciels comptables en français) ; si des noms accentués semblent faux, ajoutez l'option --encoding"),
        (W::TaxSubtracted { file, column, tax }, Lang::En) => format!("{file}: {column:?} includes tax and {tax:?} gives the tax: revenue is {column:?} less {tax:?}"),
        (W::TaxSubtracted { file, column, tax }, Lang::Fr) => format!("{file} : « {column} » est TTC et « {tax} » donne la taxe : le chiffre d'affaires est « {column} » moins « {tax} »"),
        (W::BalanceBesideLines { file, column }, Lang::En) => format!("{file}: {column:?} is an invoice's balance but the amounts are per line and no column gives the invoice's total, so it is not read; pass --map gross=HEADER to name the total"),
        (W::BalanceBesideLines { file, column }, Lang::Fr) => format!("{file} : « {column} » est le reste dû d'une facture, mais les montants sont par ligne et aucune colonne ne donne le total de la facture : il n'est pas lu ; ajoutez --map gross=EN-TÊTE pour désigner le total"),
        (W::UndatedReceipts { file, invoices, received }, Lang::En) => format!("{file}: {} without a payment date: the {} received on them counts in no year on the cash basis; fill in their payment dates", i18n::counted(lang, *invoices, Noun::PartlyPaidInvoice), i18n::amount(lang, *received)),
        (W::UndatedReceipts { file, invoices, received }, Lang::Fr) => format!("{file} : {} sans date de paiement : les {} reçus ne comptent dans aucune année en comptabilité de trésorerie ; indiquez leurs dates de paiement", i18n::counted(lang, *invoices, Noun::PartlyPaidInvoice), i18n::amount(lang, *received)),
        (W::InvalidCommissionRates { file, lines: l }, Lang::En) => format!("{file}: the commission rate on lines {} is not a percentage from 0 to 100 (e.g. 10 or 12,5 %): those clients earn their referrer no commission", lines(l)),
        (W::InvalidCommissionRates { file, lines: l }, Lang::Fr) => format!("{file} : le taux de commission des lignes {} n'est pas un pourcentage de 0 à 100 (par exemple 10 ou 12,5 %) : ces clients ne rapportent pas de commission à leur apporteur", lines(l)),
        (W::UnreadableLetterDates { file, lines: l }, Lang::En) => format!("{file}: the DateLet of customer lines {} is not a date in the file's format: those invoices are taken as unpaid", lines(l)),
        (W::UnreadableLetterDates { file, lines: l }, Lang::Fr) => format!("{file} : la DateLet des lignes client {} n'est pas une date au format du fichier : ces factures sont considérées comme impayées", lines(l)),
        (W::TiedColumns { file, field, chosen, other }, Lang::En) => format!("{file}: {chosen:?} and {other:?} both name the {field} column; {chosen:?} is read. If it is the wrong one, pass --map {field}={other:?}"),
        (W::TiedColumns { file, field, chosen, other }, Lang::Fr) => format!("{file} : les colonnes « {chosen} » et « {other} » conviennent toutes deux pour le champ {field} ; « {chosen} » est lue. Si c'est la mauvaise, ajoutez l'option --map {field}={other:?}"),
        (W::AmbiguousDates { file, column, chosen, other }, Lang::En) => format!("{file}: every date in {column:?} reads both day-first and month-first; read as {chosen}. If wrong, pass --date-format {other}"),
        (W::AmbiguousDates { file, column, chosen, other }, Lang::Fr) => format!("{file} : toutes les dates de la colonne « {column} » peuvent se lire jour/mois ou mois/jour ; elles ont été lues au format {}. Si c'est faux, ajoutez l'option --date-format {other}", date_form(lang, chosen)),
        (W::ConflictingDates { file, column, chosen }, Lang::En) => format!("{file}: some dates in {column:?} are day-first and some month-first; read as {chosen}, the rest are rejected. Fix the column or pass --date-format"),
        (W::ConflictingDates { file, column, chosen }, Lang::Fr) => format!("{file} : dans la colonne « {column} », certaines dates sont au format jour/mois et d'autres au format mois/jour ; elles ont été lues au format {}, les autres sont rejetées. Corrigez la colonne ou ajoutez l'option --date-format", date_form(lang, chosen)),
        (W::AmbiguousDecimal { file, column, chosen }, Lang::En) => format!("{file}: no value in {column:?} shows its decimal separator (values like 1,234); read {chosen:?} as decimal. If wrong, pass --decimal {}", other_decimal(*chosen)),
        (W::AmbiguousDecimal { file, column, chosen }, Lang::Fr) => format!("{file} : aucune valeur de la colonne « {column} » ne montre son séparateur décimal (valeurs du type 1,234) ; {} est lue comme séparateur décimal. Si c'est faux, ajoutez l'option --decimal {}", decimal_name(*chosen), other_decimal(*chosen)),
        (W::ConflictingDecimal { file, column, chosen }, Lang::En) => format!("{file}: values in {column:?} disagree on the decimal separator; read {chosen:?} as decimal, values that do not fit are rejected. Check with `portfolio check` or pass --decimal"),
        (W::ConflictingDecimal { file, column, chosen }, Lang::Fr) => format!("{file} : les valeurs de la colonne « {column} » ne s'accordent pas sur le séparateur décimal ; {} est lue comme séparateur décimal, les valeurs qui ne correspondent pas sont rejetées. Vérifiez avec `portfolio check` ou ajoutez l'option --decimal", decimal_name(*chosen)),
        (W::WindowsFallback { file, lines: l }, Lang::En) if l.len() == 1 => format!("{file}: line {} is not valid UTF-8 and was read as Windows-1252; if names look wrong, pass --encoding", lines(l)),
        (W::WindowsFallback { file, lines: l }, Lang::En) => format!("{file}: lines {} are not valid UTF-8 and were read as Windows-1252; if names look wrong, pass --encoding", lines(l)),
        (W::WindowsFallback { file, lines: l }, Lang::Fr) if l.len() == 1 => format!("{file} : la ligne {} n'est pas en UTF-8 valide et a été lue en Windows-1252 ; si des noms semblent faux, ajoutez l'option --encoding", lines(l)),
        (W::WindowsFallback { file, lines: l }, Lang::Fr) => format!("{file} : les lignes {} ne sont pas en UTF-8 valide et ont été lues en Windows-1252 ; si des noms semblent faux, ajoutez l'option --encoding", lines(l)),
        (W::InvoiceTotalsOncePerInvoice { file, column, invoices, rows }, Lang::En) => format!("{file}: {column:?} repeats the invoice total on every line, so it is counted once per invoice ({invoices} invoices over {rows} rows)"),
        (W::InvoiceTotalsOncePerInvoice { file, column, invoices, rows }, Lang::Fr) => format!("{file} : « {column} » répète le total de la facture sur chaque ligne, il est donc compté une fois par facture ({invoices} factures sur {rows} lignes)"),
        (W::RepeatedInvoiceAmounts { file, invoices }, Lang::En) => format!("{file}: {invoices} invoice numbers appear on several rows with different amounts; the rows are added up as invoice lines"),
        (W::RepeatedInvoiceAmounts { file, invoices }, Lang::Fr) => format!("{file} : {invoices} numéros de facture apparaissent sur plusieurs lignes avec des montants différents ; les lignes sont additionnées comme des lignes de facture"),
        (W::UnknownStatus { file, values }, Lang::En) => format!("{file}: unknown status values, counted as revenue: {}", counts(lang, values)),
        (W::UnknownStatus { file, values }, Lang::Fr) => format!("{file} : statuts inconnus, comptés comme chiffre d'affaires : {}", counts(lang, values)),
        (W::UnknownKind { file, values }, Lang::En) => format!("{file}: unknown kind values, counted as services: {}", counts(lang, values)),
        (W::UnknownKind { file, values }, Lang::Fr) => format!("{file} : natures inconnues, comptées comme prestations : {}", counts(lang, values)),
        (W::UnknownClientType { file, values }, Lang::En) => format!("{file}: unknown client types, taken as direct clients: {}", counts(lang, values)),
        (W::UnknownClientType { file, values }, Lang::Fr) => format!("{file} : types de client inconnus, pris comme clients directs : {}", counts(lang, values)),
        (W::UnknownChannel { file, values }, Lang::En) => format!("{file}: unknown channels, taken as \"other\": {}", counts(lang, values)),
        (W::UnknownChannel { file, values }, Lang::Fr) => format!("{file} : canaux inconnus, pris comme « autre » : {}", counts(lang, values)),
        (W::DuplicateRows { file, count, lines: l, sampled_one_in: 1 }, Lang::En) => format!("{file}: rows repeating an earlier row (same invoice number, date, client and amount): {count}, lines {}; each is counted, remove them if the export doubled them", lines(l)),
        (W::DuplicateRows { file, count, lines: l, sampled_one_in: 1 }, Lang::Fr) => format!("{file} : lignes qui répètent une ligne précédente (même numéro de facture, date, client et montant) : {count}, lignes {} ; chacune est comptée, supprimez-les si l'export les a doublées", lines(l)),
        (W::DuplicateRows { file, count, lines: l, sampled_one_in }, Lang::En) => format!("{file}: rows repeating an earlier row (same invoice number, date, client and amount): about {count} (too many rows to remember each one: estimated from one row in {sampled_one_in}), for instance lines {}; each is counted, remove them if the export doubled them", lines(l)),
        (W::DuplicateRows { file, count, lines: l, sampled_one_in }, Lang::Fr) => format!("{file} : lignes qui répètent une ligne précédente (même numéro de facture, date, client et montant) : environ {count} (trop de lignes pour les retenir toutes : estimation sur une ligne sur {sampled_one_in}), par exemple les lignes {} ; chacune est comptée, supprimez-les si l'export les a doublées", lines(l)),
        (W::CurrencyFromSymbol { file, symbol, currency }, Lang::En) => format!("{file}: amounts carry {symbol:?} and no currency column: read as {currency}; name another with --currency"),
        (W::CurrencyFromSymbol { file, symbol, currency }, Lang::Fr) => format!("{file} : les montants portent « {symbol} » sans colonne de devise : lus en {currency} ; indiquez-en une autre avec --currency"),
        (W::Converted { file, currencies, base }, Lang::En) => format!("{file}: amounts in {} converted to {base} with the rates file", currencies.join(", ")),
        (W::Converted { file, currencies, base }, Lang::Fr) => format!("{file} : montants en {} convertis en {base} avec le fichier de taux", currencies.join(", ")),
        (W::ClientsWithoutInvoices { file, names, count }, Lang::En) => format!("{file}: clients with no invoice ({count}): {}", list(lang, names, *count)),
        (W::ClientsWithoutInvoices { file, names, count }, Lang::Fr) => format!("{file} : clients sans facture ({count}) : {}", list(lang, names, *count)),
        (W::InvoicedClientsMissing { file, names, count }, Lang::En) => format!("{file}: invoiced clients missing from this file ({count}): {}", list(lang, names, *count)),
        (W::InvoicedClientsMissing { file, names, count }, Lang::Fr) => format!("{file} : clients facturés absents de ce fichier ({count}) : {}", list(lang, names, *count)),
        (W::DuplicateClientRows { file, lines: l, count }, Lang::En) if *count as usize == l.len() => format!("{file}: lines {} describe a client already described; the first is kept", lines(l)),
        (W::DuplicateClientRows { file, lines: l, count }, Lang::Fr) if *count as usize == l.len() => format!("{file} : les lignes {} décrivent un client déjà décrit ; la première est gardée", lines(l)),
        (W::DuplicateClientRows { file, lines: l, count }, Lang::En) => format!("{file}: {count} rows describe a client already described (first lines: {}); the first description is kept", lines(l)),
        (W::DuplicateClientRows { file, lines: l, count }, Lang::Fr) => format!("{file} : {count} lignes décrivent un client déjà décrit (premières lignes : {}) ; la première description est gardée", lines(l)),
        (W::SurveysUnmatched { file, names, count }, Lang::En) => format!("{file}: answers naming no invoiced client ({count}): {}", list(lang, names, *count)),
        (W::SurveysUnmatched { file, names, count }, Lang::Fr) => format!("{file} : réponses ne nommant aucun client facturé ({count}) : {}", list(lang, names, *count)),
        (W::InvalidClientScores { file, lines: l }, Lang::En) => format!("{file}: scores that are not whole numbers from 0 to 10 were ignored on lines {}", lines(l)),
        (W::InvalidClientScores { file, lines: l }, Lang::Fr) => format!("{file} : des notes qui ne sont pas des entiers de 0 à 10 ont été ignorées aux lignes {}", lines(l)),
        (W::RejectedRows { file, count, first_lines }, Lang::En) => format!("{file}: rows rejected: {count} (first lines: {}); run `portfolio check` for the reasons", lines(first_lines)),
        (W::RejectedRows { file, count, first_lines }, Lang::Fr) => format!("{file} : lignes rejetées : {count} (premières lignes : {}) ; lancez `portfolio check` pour les raisons", lines(first_lines)),
        (W::NoRevenue { file, excluded }, Lang::En) if excluded.is_empty() => format!("{file}: no counted revenue"),
        (W::NoRevenue { file, excluded }, Lang::Fr) if excluded.is_empty() => format!("{file} : aucun chiffre d'affaires compté"),
        (W::NoRevenue { file, excluded }, _) => {
            let reasons = excluded.iter().map(|(reason, rows)| excluded_reason(lang, reason, *rows)).collect::<Vec<_>>().join(", ");
            match lang {
                Lang::En => format!("{file}: no counted revenue (rows excluded: {reasons})"),
                Lang::Fr => format!("{file} : aucun chiffre d'affaires compté (lignes exclues : {reasons})"),
            }
        }
    }
}

/// A note about the figures.
pub fn note(lang: Lang, note: &Note) -> String {
    match (note, lang) {
        (Note::NoSharesForYear { year, revenue }, Lang::En) => format!(
            "{year}: revenue nets to {}, so its segment shares and concentration are not defined (shown as null)",
            i18n::amount(lang, *revenue)
        ),
        (Note::NoSharesForYear { year, revenue }, Lang::Fr) => format!(
            "{year} : le chiffre d'affaires net est de {}, ses parts de segments et sa concentration ne sont donc pas définies (n.d.)",
            i18n::amount(lang, *revenue)
        ),
        (Note::Referral(problem), _) => referral(lang, problem),
        (Note::LaterYearsWithoutRevenue { focus, later }, _) => {
            let years = later
                .iter()
                .map(|(year, revenue)| format!("{year} ({})", i18n::amount(lang, *revenue)))
                .collect::<Vec<_>>()
                .join(", ");
            let first = later.first().map_or(focus + 1, |(y, _)| *y);
            match lang {
                Lang::En => format!(
                    "later years have rows but no positive revenue: {years}; the report is about {focus}, the latest year with revenue (pass --year {first} to see {first})"
                ),
                Lang::Fr => format!(
                    "des années plus récentes ont des lignes mais aucun chiffre d'affaires positif : {years} ; le rapport porte sur {focus}, la dernière année avec du chiffre d'affaires (ajoutez l'option --year {first} pour voir {first})"
                ),
            }
        }
        (Note::ThresholdsOnInvoiceDates, Lang::En) => "the invoices file gives no payment date, so the thresholds are checked on invoice dates, not on the cash received as the law counts it; add a payment date column (or --map paid_date=HEADER)".to_string(),
        (Note::ThresholdsOnInvoiceDates, Lang::Fr) => "le fichier de factures ne donne aucune date de paiement : les seuils sont vérifiés aux dates de facture, et non sur les encaissements comme le prévoit la loi ; ajoutez une colonne de date de paiement (ou --map paid_date=EN-TÊTE)".to_string(),
    }
}

/// A referral the clients file states that cannot be true.
/// Names of a referral cycle shown before the rest is counted.
const CHAIN_SHOWN: usize = 10;

/// Warnings of one kind shown before the rest is counted (a clients file can hold a
/// hundred thousand referral cycles).
const SAME_KIND_SHOWN: usize = 5;

/// The texts of a report's warnings, repeated kinds grouped: the first
/// [`SAME_KIND_SHOWN`] referral cycles (or self-referrals) in full, then one line that
/// counts the others.
pub fn texts(lang: Lang, messages: &[Message]) -> Vec<String> {
    let kind = |message: &Message| match message {
        Message::Analysis(Note::Referral(ReferralProblem::Cycle { .. })) => Some(0),
        Message::Analysis(Note::Referral(ReferralProblem::SelfReferral { .. })) => Some(1),
        _ => None,
    };
    let mut seen = [0usize; 2];
    let mut texts = Vec::new();
    for message in messages {
        match kind(message).and_then(|k| seen.get_mut(k)) {
            Some(count) => {
                *count += 1;
                if *count <= SAME_KIND_SHOWN {
                    texts.push(message.text(lang));
                }
            }
            None => texts.push(message.text(lang)),
        }
    }
    let [cycles, selves] = seen.map(|n| n.saturating_sub(SAME_KIND_SHOWN));
    if cycles > 0 {
        texts.push(match lang {
            Lang::En => format!("clients file: {cycles} more referral cycles, each ignored the same way"),
            Lang::Fr => format!("fichier clients : {cycles} autres boucles de recommandations, chacune ignorée de la même façon"),
        });
    }
    if selves > 0 {
        texts.push(match lang {
            Lang::En => format!("clients file: {selves} more clients named as their own referrer, each ignored"),
            Lang::Fr => format!("fichier clients : {selves} autres clients indiqués comme leur propre prescripteur, chacun ignoré"),
        });
    }
    texts
}

pub fn referral(lang: Lang, problem: &ReferralProblem) -> String {
    match (problem, lang) {
        (ReferralProblem::SelfReferral { name }, Lang::En) => format!(
            "clients file: {name:?} is named as its own referrer; that referral is ignored"
        ),
        (ReferralProblem::SelfReferral { name }, Lang::Fr) => format!(
            "fichier clients : « {name} » est indiqué comme son propre prescripteur ; cette recommandation est ignorée"
        ),
        (ReferralProblem::Cycle { names, ignored }, _) => {
            // A cycle of a million clients is named by its first few.
            let shown = names.len().min(CHAIN_SHOWN);
            let mut chain = names.get(..shown).unwrap_or_default().join(" ← ");
            if names.len() > shown {
                let more = names.len() - shown;
                chain.push_str(&match lang {
                    Lang::En => format!(" ← … ({more} more)"),
                    Lang::Fr => format!(" ← … ({more} de plus)"),
                });
            }
            if let Some(first) = names.first() {
                chain.push_str(" ← ");
                chain.push_str(first);
            }
            match lang {
                Lang::En => format!(
                    "clients file: referral cycle {chain} (each referred by the next); who referred {ignored:?}, the earliest client of the cycle, is ignored"
                ),
                Lang::Fr => format!(
                    "fichier clients : recommandations en boucle {chain} (chacun recommandé par le suivant) ; le prescripteur de « {ignored} », premier client de la boucle, est ignoré"
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_warning() -> Vec<Warning> {
        let file = || "f.csv".to_string();
        let column = || "Date".to_string();
        let names = || vec!["Acme".to_string()];
        let values = || vec![("weird".to_string(), 2)];
        vec![
            Warning::AmountsIncludeTax {
                file: file(),
                column: column(),
            },
            Warning::AmbiguousDates {
                file: file(),
                column: column(),
                chosen: "%d/%m/%Y".into(),
                other: "%m/%d/%Y".into(),
            },
            Warning::ConflictingDates {
                file: file(),
                column: column(),
                chosen: "%d/%m/%Y".into(),
            },
            Warning::AmbiguousDecimal {
                file: file(),
                column: column(),
                chosen: ',',
            },
            Warning::ConflictingDecimal {
                file: file(),
                column: column(),
                chosen: '.',
            },
            Warning::WindowsFallback {
                file: file(),
                lines: vec![3],
            },
            Warning::InvoiceTotalsOncePerInvoice {
                file: file(),
                column: column(),
                invoices: 2,
                rows: 5,
            },
            Warning::RepeatedInvoiceAmounts {
                file: file(),
                invoices: 2,
            },
            Warning::UnknownStatus {
                file: file(),
                values: values(),
            },
            Warning::UnknownKind {
                file: file(),
                values: values(),
            },
            Warning::UnknownClientType {
                file: file(),
                values: values(),
            },
            Warning::UnknownChannel {
                file: file(),
                values: values(),
            },
            Warning::DuplicateRows {
                file: file(),
                count: 1,
                lines: vec![4],
                sampled_one_in: 1,
            },
            Warning::DuplicateRows {
                file: file(),
                count: 5_000_000,
                lines: vec![5_000_002],
                sampled_one_in: 16,
            },
            Warning::CurrencyFromSymbol {
                file: file(),
                symbol: "$".into(),
                currency: "USD".into(),
            },
            Warning::Converted {
                file: file(),
                currencies: vec!["USD".into()],
                base: "EUR".into(),
            },
            Warning::ClientsWithoutInvoices {
                file: file(),
                names: names(),
                count: 3,
            },
            Warning::InvoicedClientsMissing {
                file: file(),
                names: names(),
                count: 1,
            },
            Warning::DuplicateClientRows {
                file: file(),
                lines: vec![7],
                count: 1,
            },
            Warning::DuplicateClientRows {
                file: file(),
                lines: vec![7, 8],
                count: 2_999_000,
            },
            Warning::SurveysUnmatched {
                file: file(),
                names: names(),
                count: 1,
            },
            Warning::InvalidClientScores {
                file: file(),
                lines: vec![2],
            },
            Warning::RejectedRows {
                file: file(),
                count: 1,
                first_lines: vec![9],
            },
            Warning::NoRevenue {
                file: file(),
                excluded: vec![("draft".into(), 3)],
            },
            Warning::NoRevenue {
                file: file(),
                excluded: vec![("not_revenue".into(), 11)],
            },
            Warning::NoRevenue {
                file: file(),
                excluded: vec![],
            },
            Warning::UnidentifiedRevenue {
                file: file(),
                amount: rust_decimal::Decimal::new(45000, 2),
                total: rust_decimal::Decimal::new(100000, 2),
            },
            Warning::FiscalYearFromName {
                file: file(),
                closing: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
            },
            Warning::FiscalYearNameIgnored {
                file: file(),
                closing: chrono::NaiveDate::from_ymd_opt(2019, 6, 30).unwrap(),
                latest: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            },
            Warning::ReadAsWindows1252 { file: file() },
            Warning::TaxSubtracted {
                file: file(),
                column: "Total".into(),
                tax: "Amount (VAT)".into(),
            },
            Warning::TiedColumns {
                file: file(),
                field: "amount",
                chosen: "Montant (€)".into(),
                other: "Montant [EUR]".into(),
            },
        ]
    }

    #[test]
    fn every_warning_has_a_french_wording() {
        for warning in every_warning() {
            let (en, fr) = (input(Lang::En, &warning), input(Lang::Fr, &warning));
            assert!(en.starts_with("f.csv: "), "{en}");
            assert!(fr.starts_with("f.csv : "), "{fr}");
            assert_ne!(en.replace(" : ", ": "), fr.replace(" : ", ": "), "{en}");
        }
        let lists = Warning::ClientsWithoutInvoices {
            file: "f.csv".into(),
            names: vec!["Acme".into()],
            count: 3,
        };
        assert!(input(Lang::Fr, &lists).ends_with("Acme et 2 autres"));
    }

    #[test]
    fn long_lists_of_lines_show_the_first_twenty() {
        let many: Vec<u64> = (1..=1000).collect();
        let text = input(
            Lang::En,
            &Warning::WindowsFallback {
                file: "f.csv".into(),
                lines: many,
            },
        );
        assert!(text.contains("lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, … (+980) are not valid UTF-8"), "{text}");
    }

    #[test]
    fn repeated_referral_problems_are_counted_not_listed() {
        let cycle = |i: usize| {
            Message::Analysis(Note::Referral(ReferralProblem::Cycle {
                names: vec![format!("A{i}"), format!("B{i}")],
                ignored: format!("A{i}"),
            }))
        };
        let mut messages: Vec<Message> = (0..100_000).map(cycle).collect();
        messages.push(Message::Analysis(Note::Referral(
            ReferralProblem::SelfReferral {
                name: "Solo".into(),
            },
        )));
        let texts = texts(Lang::En, &messages);
        assert_eq!(texts.len(), 5 + 1 + 1);
        assert!(texts[0].contains("referral cycle A0 ← B0 ← A0"));
        assert!(texts[5].contains("Solo"));
        assert_eq!(
            texts[6],
            "clients file: 99995 more referral cycles, each ignored the same way"
        );
        let huge = ReferralProblem::Cycle {
            names: (0..1_000_000).map(|i| format!("C{i}")).collect(),
            ignored: "C0".into(),
        };
        let text = referral(Lang::En, &huge);
        assert!(
            text.contains("C0 ← C1 ← C2 ← C3 ← C4 ← C5 ← C6 ← C7 ← C8 ← C9 ← … (999990 more) ← C0"),
            "{text}"
        );
        assert!(text.len() < 400);
    }

    #[test]
    fn notes_in_both_languages() {
        let cycle = Note::Referral(ReferralProblem::Cycle {
            names: vec!["A".into(), "B".into()],
            ignored: "A".into(),
        });
        assert!(note(Lang::En, &cycle).contains("referral cycle A ← B ← A"));
        assert!(note(Lang::Fr, &cycle).contains("recommandations en boucle A ← B ← A"));
        let zero = Note::NoSharesForYear {
            year: 2024,
            revenue: rust_decimal::Decimal::new(-1000050, 2),
        };
        assert_eq!(
            note(Lang::Fr, &zero),
            "2024 : le chiffre d'affaires net est de -10\u{202f}000,50, ses parts de segments et sa concentration ne sont donc pas définies (n.d.)"
        );
    }
}
