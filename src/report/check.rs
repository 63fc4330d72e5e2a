//! What `portfolio check` prints: per file, what was detected, the row accounting, and
//! every rejected row with its reason, in the user's language. Field names stay
//! English beside their French name, since `--map` takes them.

use std::io::{self, Write};

use super::errors::amount_error;
use crate::model::quality::{FileSummary, Problem, Rejection};
use crate::model::warning::Warning;

use super::i18n::{self, either as words, quoted, Lang};
use super::warnings::date_form;

/// Which input a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Invoices,
    Clients,
    Surveys,
}

/// What the data holds once read, for the last line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ready {
    pub clients: u64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub currency: Option<String>,
}

/// The whole `check` output: each file, the warnings, and whether it is ready.
pub fn render(
    lang: Lang,
    files: &[(Role, &FileSummary)],
    warnings: &[Warning],
    ready: Option<&Ready>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = Vec::new();
    for (role, file) in files {
        render_file(lang, *role, file, &mut text)?;
    }
    if !warnings.is_empty() {
        writeln!(text, "{}", words(lang, "warnings", "avertissements"))?;
        for warning in warnings {
            writeln!(text, "  {}", super::warnings::input(lang, warning))?;
        }
    }
    if let Some(ready) = ready {
        writeln!(text, "{}", ready_line(lang, ready))?;
    }
    let text = String::from_utf8_lossy(&text);
    let lines: Vec<String> = text.lines().map(|l| i18n::typeset(lang, l)).collect();
    writeln!(out, "{}", lines.join("\n"))
}

fn ready_line(lang: Lang, ready: &Ready) -> String {
    let span = match (ready.first_year, ready.last_year) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => words(lang, "no year", "aucune année").to_string(),
    };
    let clients = i18n::counted(lang, ready.clients, i18n::Noun::Client);
    match (lang, &ready.currency) {
        (Lang::En, Some(c)) => format!("ready to analyse: {clients}, {span}, currency {c}"),
        (Lang::En, None) => format!(
            "ready to analyse: {clients}, {span}, currency not named (pass --currency to name it)"
        ),
        (Lang::Fr, Some(c)) => format!("prêt pour l'analyse : {clients}, {span}, devise {c}"),
        (Lang::Fr, None) => format!(
            "prêt pour l'analyse : {clients}, {span}, devise non précisée (indiquez-la avec --currency)"
        ),
    }
}

/// One labelled line, the labels aligned: `  encoding     utf-8`.
fn fact(out: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
    let pad = 12usize.saturating_sub(label.chars().count());
    writeln!(out, "  {label}{} {value}", " ".repeat(pad))
}

fn render_file(lang: Lang, role: Role, file: &FileSummary, out: &mut dyn Write) -> io::Result<()> {
    let w = |en, fr| words(lang, en, fr);
    let role_name = match role {
        Role::Invoices => w("invoices", "factures"),
        Role::Clients => w("clients", "clients"),
        Role::Surveys => w("surveys", "enquêtes"),
    };
    writeln!(out, "{role_name}{}{}", i18n::colon(lang), file.path)?;
    let format = match (file.format, lang) {
        ("fec", Lang::En) => "French FEC (accounting entries; revenue = 70 and 75 accounts, client = the entry's 411 line)",
        ("fec", Lang::Fr) => "FEC (écritures comptables ; chiffre d'affaires = comptes 70 et 75, client = ligne 411 de l'écriture)",
        ("ledger", Lang::En) => "accounting transactions (revenue = income-account lines)",
        ("ledger", Lang::Fr) => "écritures comptables (chiffre d'affaires = lignes de comptes de produits)",
        ("invoices", Lang::En) => "invoice export",
        ("invoices", Lang::Fr) => "export de factures",
        ("clients", Lang::Fr) => "fichier clients",
        ("surveys", Lang::Fr) => "enquêtes de satisfaction",
        (other, _) => other,
    };
    fact(out, "format", format)?;
    match &file.workbook {
        // A sheet's typed cells need no encoding, delimiter or decimal guess.
        Some(book) => {
            let others = book
                .sheets
                .iter()
                .map(|s| quoted(lang, s))
                .collect::<Vec<_>>()
                .join(", ");
            let typed = book.typed_cells;
            fact(
                out,
                w("workbook", "classeur"),
                &match lang {
                    Lang::En => format!(
                        "sheet {} (sheets: {others}); {typed} cells typed as numbers or dates, read as such",
                        quoted(lang, &book.sheet)
                    ),
                    Lang::Fr => format!(
                        "feuille {} (feuilles : {others}) ; {typed} {} comme nombres ou dates, lues telles quelles",
                        quoted(lang, &book.sheet),
                        i18n::agree(lang, typed, "cellule typée", "cellules typées")
                    ),
                },
            )?;
        }
        None => {
            fact(out, w("encoding", "encodage"), &file.encoding)?;
            fact(out, w("delimiter", "séparateur"), &file.delimiter)?;
            if let Some(decimal) = file.decimal {
                fact(out, w("decimal", "décimale"), &decimal.to_string())?;
            }
        }
    }
    if let Some(date_format) = &file.date_format {
        fact(out, "dates", &date_form(lang, date_format))?;
    }
    let preamble = match (file.preamble_rows, lang) {
        (0, _) => String::new(),
        (1, Lang::En) => " (1 row before it skipped)".to_string(),
        (rows, Lang::En) => format!(" ({rows} rows before it skipped)"),
        (rows, Lang::Fr) => format!(
            " ({} avant {})",
            i18n::agree(
                lang,
                rows,
                "1 ligne ignorée",
                &format!("{rows} lignes ignorées")
            ),
            w("it", "lui")
        ),
    };
    let header_line = match lang {
        Lang::En => format!("line {}{preamble}", file.header_line),
        Lang::Fr => format!("ligne {}{preamble}", file.header_line),
    };
    fact(out, w("header", "en-tête"), &header_line)?;
    writeln!(out, "  {}", w("columns", "colonnes"))?;
    let names: Vec<String> = file
        .columns
        .keys()
        .map(|field| match field_name(lang, field) {
            Some(french) => format!("{french} ({field})"),
            None => field.clone(),
        })
        .collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(13);
    for (name, header) in names.iter().zip(file.columns.values()) {
        let pad = width - name.chars().count();
        writeln!(
            out,
            "    {name}{} ← {}",
            " ".repeat(pad),
            quoted(lang, header)
        )?;
    }
    fact(out, w("rows", "lignes"), &rows(lang, file))?;
    if !file.excluded.is_empty() {
        let excluded: Vec<String> = file
            .excluded
            .iter()
            .map(|(status, count)| match lang {
                Lang::En => format!("{status}: {count}"),
                Lang::Fr => format!("{} {count}", status_name(status)),
            })
            .collect();
        match lang {
            // One line per status, as scripts read them.
            Lang::En => {
                for line in excluded {
                    writeln!(out, "    excluded   {line}")?;
                }
            }
            Lang::Fr => writeln!(out, "    exclues : {}", excluded.join(", "))?,
        }
    }
    for (reason, count) in &file.rejected {
        match lang {
            Lang::En => writeln!(out, "    rejected   {}: {count}", reason.key())?,
            Lang::Fr => writeln!(out, "    rejetées : {} {count}", reason_name(reason.key()))?,
        }
    }
    for rejection in &file.rejections {
        writeln!(
            out,
            "  {} {:>6}  {}",
            w("line", "ligne"),
            rejection.line,
            rejected_row(lang, rejection)
        )?;
    }
    let listed = file.rejections.len() as u64;
    if file.rejected_total() > listed {
        let more = file.rejected_total() - listed;
        match lang {
            Lang::En => writeln!(out, "  … and {more} more rejected rows")?,
            Lang::Fr => writeln!(out, "  … et {more} autres lignes rejetées")?,
        }
    }
    Ok(())
}

/// `65: 63 used, 2 excluded, 0 rejected` / `65 — 63 retenues, 2 exclues, 0 rejetée`.
fn rows(lang: Lang, file: &FileSummary) -> String {
    let (excluded, rejected) = (file.excluded_total(), file.rejected_total());
    let blank = file.blank_rows;
    match lang {
        Lang::En => format!(
            "{}: {} used, {excluded} excluded, {rejected} rejected{}",
            file.rows,
            file.used,
            if blank > 0 {
                format!(" ({blank} blank rows ignored)")
            } else {
                String::new()
            }
        ),
        Lang::Fr => format!(
            "{} — {} {}, {excluded} {}, {rejected} {}{}",
            file.rows,
            file.used,
            i18n::agree(lang, file.used, "retenue", "retenues"),
            i18n::agree(lang, excluded, "exclue", "exclues"),
            i18n::agree(lang, rejected, "rejetée", "rejetées"),
            match blank {
                0 => String::new(),
                1 => " (1 ligne vide ignorée)".to_string(),
                n => format!(" ({n} lignes vides ignorées)"),
            }
        ),
    }
}

/// A field's French name; the English key is what `--map` takes.
fn field_name(lang: Lang, field: &str) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    Some(match field {
        "amount" => "montant",
        "client" => "client",
        "client_id" => "identifiant client",
        "date" => "date",
        "invoice_id" => "n° de facture",
        "currency" => "devise",
        "status" => "statut",
        "kind" => "nature",
        "intermediary" => "intermédiaire",
        "paid_date" => "date de paiement",
        "due_date" => "échéance",
        "balance" => "reste dû",
        "paid_amount" => "montant payé",
        "gross" => "total TTC",
        "tax" => "taxe",
        "channel" => "canal",
        "referred_by" => "recommandé par",
        "type" => "type",
        "nps" => "note",
        "score" => "note",
        "nps_date" => "date de la note",
        "thanked" => "remercié",
        "commission_rate" => "taux de commission",
        "comment" => "commentaire",
        _ => return None,
    })
}

/// An excluded status in French: `cancelled` → `annulée`.
fn status_name(status: &str) -> &str {
    match status {
        "draft" => "brouillon",
        "cancelled" => "annulée",
        "void" => "annulée (void)",
        "deleted" => "supprimée",
        "uncollectible" => "irrécouvrable",
        "not_revenue" => "hors chiffre d'affaires",
        other => other,
    }
}

/// A rejection reason in French, by its key.
fn reason_name(key: &str) -> &str {
    match key {
        "bad_date" => "date invalide",
        "bad_amount" => "montant invalide",
        "missing_client" => "client manquant",
        "missing_date" => "date manquante",
        "missing_amount" => "montant manquant",
        "total_line" => "ligne de total",
        "ragged_row" => "nombre de valeurs incorrect",
        "conflicting_total" => "total contradictoire",
        "bad_score" => "note invalide",
        other => other,
    }
}

/// One rejected row: its reason, then what was wrong and how to fix it. English keeps
/// the key first (`bad_date: …`), as scripts grep it. Not typeset: its callers typeset
/// the whole output it goes into (`check`, the `--strict` error).
pub fn rejected_row(lang: Lang, rejection: &Rejection) -> String {
    let text = problem(lang, &rejection.problem);
    match lang {
        Lang::En => format!("{}: {text}", rejection.reason.key()),
        Lang::Fr => text,
    }
}

/// What was wrong with a row, and what to do.
pub fn problem(lang: Lang, problem: &Problem) -> String {
    let q = |v: &str| quoted(lang, v);
    match (problem, lang) {
        (Problem::Ragged { fields, expected, delimiter }, Lang::En) => format!(
            "{fields} fields where the header has {expected}: a value probably holds an unquoted {delimiter:?}"
        ),
        (Problem::Ragged { fields, expected, delimiter }, Lang::Fr) => format!(
            "nombre de valeurs incorrect : {fields} valeurs alors que l'en-tête en a {expected} ; une valeur contient sans doute un {} sans guillemets",
            q(delimiter)
        ),
        (Problem::TotalLine, Lang::En) => "a total line, not an invoice: skipped".into(),
        (Problem::TotalLine, Lang::Fr) => {
            "ligne de total, pas une facture : ignorée".into()
        }
        (Problem::NoDate { column, short }, Lang::En) => format!(
            "no date in {column:?}{}",
            short.map_or_else(String::new, |(f, h)| format!(
                " (the row has {f} fields, the header {h})"
            ))
        ),
        (Problem::NoDate { column, short }, Lang::Fr) => format!(
            "date manquante (colonne {}){}",
            q(column),
            short.map_or_else(String::new, |(f, h)| format!(
                " ; la ligne a {f} valeurs, l'en-tête {h}"
            ))
        ),
        (Problem::BadDate { value, column, format }, Lang::En) => format!(
            "{value:?} in {column:?} is not a date in the form {format} (years {}–{}); pass --date-format if the column uses another form",
            crate::ingest::dialect::dates::FIRST_YEAR,
            crate::ingest::dialect::dates::LAST_YEAR,
        ),
        (Problem::BadDate { value, column, format }, Lang::Fr) => format!(
            "date invalide : {} (colonne {}) n'est pas une date au format {} (années {} à {}) ; si la colonne utilise un autre format, ajoutez l'option --date-format",
            q(value),
            q(column),
            date_form(lang, format),
            crate::ingest::dialect::dates::FIRST_YEAR,
            crate::ingest::dialect::dates::LAST_YEAR,
        ),
        (Problem::NoClient { column }, Lang::En) => format!("no client in {column:?}"),
        (Problem::NoClient { column }, Lang::Fr) => {
            format!("client manquant (colonne {})", q(column))
        }
        (Problem::NoCustomer, Lang::En) => "an income line without a customer".into(),
        (Problem::NoCustomer, Lang::Fr) => "ligne de produit sans client".into(),
        (Problem::NoAmount { column }, Lang::En) => format!("no amount in {column:?}"),
        (Problem::NoAmount { column }, Lang::Fr) => {
            format!("montant manquant (colonne {})", q(column))
        }
        (Problem::BadAmount { value, column, why, decimal }, Lang::En) => format!(
            "{value:?} in {column:?} is not an amount: {} (decimal separator {decimal:?}; pass --decimal if that is wrong)",
            amount_error(lang, *why)
        ),
        (Problem::BadAmount { value, column, why, decimal }, Lang::Fr) => format!(
            "montant invalide : {} (colonne {}) n'est pas un montant : {} (séparateur décimal {} ; si c'est faux, ajoutez l'option --decimal)",
            q(value),
            q(column),
            amount_error(lang, *why),
            q(&decimal.to_string())
        ),
        (
            Problem::BalanceAboveTotal {
                column,
                balance,
                total,
            },
            Lang::En,
        ) => format!(
            "the balance in {column:?} ({balance}) is larger than the invoice's total ({total}): check --map balance and --map gross"
        ),
        (
            Problem::BalanceAboveTotal {
                column,
                balance,
                total,
            },
            Lang::Fr,
        ) => format!(
            "le reste dû de la colonne {} ({balance}) dépasse le total de la facture ({total}) : vérifiez --map balance et --map gross",
            q(column)
        ),
        (Problem::AmountTooLarge { column }, Lang::En) => format!(
            "the amount in {column:?}, less its tax or debit, is beyond the largest supported amount"
        ),
        (Problem::AmountTooLarge { column }, Lang::Fr) => format!(
            "le montant de la colonne {}, moins sa taxe ou son débit, dépasse le plus grand montant pris en charge",
            q(column)
        ),
        (Problem::BadDirection { value }, Lang::En) => format!(
            "{value:?} in \"Sens\" is not a direction: expected D (debit) or C (credit)"
        ),
        (Problem::BadDirection { value }, Lang::Fr) => format!(
            "sens invalide : {} (colonne « Sens ») ; attendu D (débit) ou C (crédit)",
            q(value)
        ),
        (Problem::ConflictingTotal { invoice, first, this }, Lang::En) => format!(
            "invoice {invoice:?} was already counted with {first}, this line says {this}: fix the export"
        ),
        (Problem::ConflictingTotal { invoice, first, this }, Lang::Fr) => format!(
            "total contradictoire : la facture {} a déjà été comptée pour {}, cette ligne indique {} ; corrigez l'export",
            q(invoice),
            first.replace('.', ","),
            this.replace('.', ",")
        ),
        (Problem::BadScore { value, column }, Lang::En) => format!(
            "{value:?} in {column:?} is not a whole number from 0 to 10"
        ),
        (Problem::BadScore { value, column }, Lang::Fr) => format!(
            "note invalide : {} (colonne {}) n'est pas un entier de 0 à 10",
            q(value),
            q(column)
        ),
    }
}
