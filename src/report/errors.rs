//! Why a run could not go on, in the user's language: the library's typed errors worded
//! in English and French side by side (the English is also their `Display`), and the
//! system's I/O errors.

use std::fmt;
use std::io;

use crate::analysis::AnalysisError;
use crate::ingest::error::{DateOrderContradiction, IngestError, NotCsv};
use crate::ingest::formats::rates::RatesProblem;
use crate::ingest::formats::workbook::{WorkbookProblem, MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};
use crate::model::quality::AmountError;

use super::i18n::{either, number, quoted, typeset, Lang};
use super::warnings::date_form;

/// The prefix of an error line: `error: `, `erreur : `.
pub fn prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error: ",
        Lang::Fr => "erreur\u{a0}: ",
    }
}

/// An I/O error's cause without the OS's English: `fichier ou dossier introuvable`.
pub fn io(lang: Lang, error: &io::Error) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error.kind() {
        io::ErrorKind::NotFound => "fichier ou dossier introuvable".into(),
        io::ErrorKind::PermissionDenied => "permission refusée".into(),
        io::ErrorKind::AlreadyExists => "le fichier existe déjà".into(),
        io::ErrorKind::IsADirectory => "c'est un dossier".into(),
        io::ErrorKind::StorageFull => "disque plein".into(),
        io::ErrorKind::ReadOnlyFilesystem => "système de fichiers en lecture seule".into(),
        io::ErrorKind::InvalidData => "données illisibles".into(),
        io::ErrorKind::UnexpectedEof => "fin de fichier inattendue".into(),
        _ => format!("erreur du système ({error})"),
    }
}

/// A value quoted as English errors quote it (escaped, so that it prints inert), or in
/// French quotation marks.
pub fn quote(lang: Lang, value: &str) -> String {
    match lang {
        Lang::En => format!("{value:?}"),
        Lang::Fr => quoted(lang, value),
    }
}

/// `"Date", "Client", "Status"`: headers as an error quotes them.
fn quoted_list(lang: Lang, headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| quote(lang, h))
        .collect::<Vec<_>>()
        .join(", ")
}

const WORKBOOK_BY_PATH: &str = "portfolio lit les classeurs par leur chemin, pas sur l'entrée standard : donnez le chemin du fichier, ou enregistrez-le au format « CSV UTF-8 »";

const WORKBOOK_BY_PATH_EN: &str = "portfolio reads workbooks from their path, not from standard input: give the file's path, or save it as \"CSV UTF-8\"";

/// What a file that is not CSV is, and what to do instead.
fn not_csv(lang: Lang, kind: NotCsv) -> (&'static str, &'static str) {
    match (lang, kind) {
        (Lang::En, NotCsv::Zip) => ("an Excel workbook (.xlsx) or another zip archive", WORKBOOK_BY_PATH_EN),
        (Lang::Fr, NotCsv::Zip) => ("un classeur Excel (.xlsx) ou une autre archive zip", WORKBOOK_BY_PATH),
        (Lang::En, NotCsv::OldExcel) => ("an old Excel workbook (.xls)", WORKBOOK_BY_PATH_EN),
        (Lang::Fr, NotCsv::OldExcel) => ("un ancien classeur Excel (.xls)", WORKBOOK_BY_PATH),
        (Lang::En, NotCsv::Pdf) => ("a PDF document", "export the invoices from your invoicing tool as CSV instead"),
        (Lang::Fr, NotCsv::Pdf) => ("un document PDF", "exportez plutôt les factures de votre logiciel de facturation au format CSV"),
        (Lang::En, NotCsv::Json) => ("a JSON document", "export the invoices as CSV instead (or convert it, e.g. with jq -r '.[] | [...] | @csv')"),
        (Lang::Fr, NotCsv::Json) => ("un document JSON", "exportez plutôt les factures au format CSV (ou convertissez-le, par ex. avec jq -r '.[] | [...] | @csv')"),
        (Lang::En, NotCsv::Binary) => ("binary data", "give portfolio the CSV export of your invoicing tool"),
        (Lang::Fr, NotCsv::Binary) => ("des données binaires", "donnez à portfolio l'export CSV de votre logiciel de facturation"),
    }
}

fn workbook(lang: Lang, problem: &WorkbookProblem) -> String {
    match problem {
        WorkbookProblem::TooLarge => either(lang,
            format!("this workbook is larger than {} MiB, or expands to more than {} MiB: save the sheet as \"CSV UTF-8\" and run portfolio on the .csv", MAX_FILE_BYTES >> 20, MAX_UNCOMPRESSED_BYTES >> 20),
            format!("ce classeur dépasse {} Mio, ou {} Mio une fois décompressé : enregistrez la feuille au format « CSV UTF-8 » et lancez portfolio sur le fichier .csv", MAX_FILE_BYTES >> 20, MAX_UNCOMPRESSED_BYTES >> 20)),
        WorkbookProblem::NotAWorkbook(why) => either(lang,
            format!("not a workbook that can be read ({why}): open it in Excel or LibreOffice and save it as .xlsx or as \"CSV UTF-8\""),
            format!("ce n'est pas un classeur lisible ({why}) : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou « CSV UTF-8 »")),
        WorkbookProblem::Encrypted => either(lang,
            "this workbook is protected by a password (or is an old .xls that cannot be read): open it, save it without a password as .xlsx or as \"CSV UTF-8\", and run portfolio on that file".into(),
            "ce classeur est protégé par un mot de passe (ou c'est un ancien .xls illisible) : ouvrez-le et enregistrez-le sans mot de passe au format .xlsx ou « CSV UTF-8 », puis lancez portfolio sur ce fichier".into()),
        WorkbookProblem::NoSuchSheet { sheet, sheets } => either(lang,
            format!("no sheet is named {}; its sheets are {}", quote(lang, sheet), quoted_list(lang, sheets)),
            format!("aucune feuille ne s'appelle {} ; ses feuilles sont {}", quote(lang, sheet), quoted_list(lang, sheets))),
    }
}

fn rates(lang: Lang, problem: &RatesProblem) -> String {
    match problem {
        RatesProblem::NoRates => either(
            lang,
            "expected lines `currency,rate` or `currency,rate,year`".into(),
            "lignes attendues au format `devise,taux` ou `devise,taux,année`".into(),
        ),
        RatesProblem::NotACurrency(text) => either(
            lang,
            format!(
                "{} is not a three-letter currency code (EUR, USD…)",
                quote(lang, text)
            ),
            format!(
                "{} n'est pas un code de devise à trois lettres (EUR, USD…)",
                quote(lang, text)
            ),
        ),
        RatesProblem::BadRate { text, why } => either(
            lang,
            format!("rate {}: {}", quote(lang, text), amount_error(lang, *why)),
            format!("taux {} : {}", quote(lang, text), amount_error(lang, *why)),
        ),
        RatesProblem::NotPositive(text) => either(
            lang,
            format!("rate {}: a rate must be above zero", quote(lang, text)),
            format!(
                "taux {} : un taux doit être supérieur à zéro",
                quote(lang, text)
            ),
        ),
        RatesProblem::BadYear(text) => either(
            lang,
            format!("year {}: expected a year such as 2024", quote(lang, text)),
            format!("année {} : année attendue, par ex. 2024", quote(lang, text)),
        ),
        RatesProblem::SecondRate {
            currency,
            year,
            rate,
            earlier,
            first_line,
        } => {
            let french = |rate: &rust_decimal::Decimal| number(Lang::Fr, *rate, rate.scale());
            either(lang,
                format!("a second rate for {currency}{}: {rate} here, {earlier} on line {first_line}; keep one of them", year.map_or(String::new(), |y| format!(" in {y}"))),
                format!("un second taux pour {currency}{} : {} ici, {} à la ligne {first_line} ; gardez-en un seul", year.map_or(String::new(), |y| format!(" en {y}")), french(rate), french(earlier)))
        }
    }
}

/// `EUR (3 rows), USD (1 row)`.
fn currency_counts(lang: Lang, counts: &[(String, u64)]) -> String {
    counts
        .iter()
        .map(|(currency, rows)| match (lang, rows) {
            (Lang::En, 1) => format!("{currency} (1 row)"),
            (Lang::En, _) => format!("{currency} ({rows} rows)"),
            (Lang::Fr, 1) => format!("{currency} (1 ligne)"),
            (Lang::Fr, _) => format!("{currency} ({rows} lignes)"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_order(lang: Lang, c: &DateOrderContradiction) -> String {
    let other = c.other.label();
    either(lang,
        format!("{}:{}: the date {} in {} reads only as {other}, but every date before it read both ways and {} was chosen: {} cannot be read again to read the whole column that way, so pass --date-format {other}", c.file, c.line, quote(lang, &c.value), quote(lang, &c.column), c.chosen, c.file),
        format!("{}:{} : la date {} de la colonne {} ne se lit qu'au format {}, alors que toutes les dates précédentes se lisaient dans les deux sens et que le format {} a été choisi ; {} ne peut pas être relu pour lire toute la colonne ainsi : ajoutez l'option --date-format {other}", c.file, c.line, quote(lang, &c.value), quote(lang, &c.column), date_form(lang, &other), date_form(lang, &c.chosen), c.file))
}

/// An input that cannot be read, in `lang`.
pub fn ingest(lang: Lang, error: &IngestError) -> String {
    let text = match error {
        IngestError::Io { file, source } => either(lang,
            format!("{file}: cannot read: {source}"),
            format!("{file} : lecture impossible ({})", io(lang, source))),
        IngestError::Empty { file } => either(lang,
            format!("{file}: the file is empty: export the invoices again, with at least a header row and one invoice"),
            format!("{file} : le fichier est vide ; exportez de nouveau vos factures, avec au moins une ligne d'en-tête et une facture")),
        IngestError::UnknownGroupColumn { file, column, found } => either(lang,
            format!("{file}: --by {}: no column has that header.\n  headers found: {}", quote(lang, column), quoted_list(lang, found)),
            format!("{file} : --by {} : aucune colonne ne porte cet en-tête.\n  En-têtes trouvés : {}", quote(lang, column), quoted_list(lang, found))),
        IngestError::CashBasisWithoutPaidDate { file, headers } => either(lang,
            format!("{file}: --basis cash counts revenue when it was paid, and no column gives a payment date (headers: {}); pass --map paid_date=HEADER, or use --basis invoice", quoted_list(lang, headers)),
            format!("{file} : --basis cash compte le chiffre d'affaires à sa date d'encaissement, et aucune colonne ne donne de date de paiement (en-têtes : {}) ; ajoutez --map paid_date=EN-TÊTE, ou utilisez --basis invoice", quoted_list(lang, headers))),
        IngestError::GroupsNeedInvoiceExport { file } => either(lang,
            format!("{file}: --by needs an invoice export (one row per invoice or invoice line); this is an accounting export (FEC or ledger): run it without --by"),
            format!("{file} : --by demande un export de factures (une ligne par facture ou par ligne de facture) ; ce fichier est un export comptable (FEC ou grand livre) : lancez l'analyse sans --by")),
        IngestError::NotCsv { file, kind } => {
            let (what, hint) = not_csv(lang, *kind);
            either(lang,
                format!("{file}: this is {what}, not a CSV file: {hint}"),
                format!("{file} : ce fichier est {what}, pas un fichier CSV ; {hint}"))
        }
        IngestError::MissingColumns { file, line, missing, found, example, looks_like_clients } => {
            let mut text = either(lang,
                format!("{file}: no header row names the required column(s) {}.\n  headers found (line {line}): {}\n  say which column holds each with --map, e.g. --map {example}", missing.join(", "), quoted_list(lang, found)),
                format!("{file} : aucune ligne d'en-tête ne contient la ou les colonnes obligatoires {}.\n  En-têtes trouvés (ligne {line}) : {}.\n  Indiquez la colonne de chacune avec --map, par ex. --map {}", missing.iter().map(|m| quote(lang, m)).collect::<Vec<_>>().join(", "), quoted_list(lang, found), example.replace("HEADER", "EN-TÊTE")));
            if *looks_like_clients {
                text.push_str(either(lang,
                    "\n  (this looks like a list of clients, not invoices: pass it with --clients beside the invoices file)",
                    "\n  (Ce fichier ressemble à une liste de clients plutôt qu'à des factures : passez-le avec --clients, à côté du fichier de factures.)"));
            }
            text
        }
        IngestError::UnknownMappedHeader { file, field, header, line, found } => either(lang,
            format!("{file}: --map {field}={}: no column has that header.\n  headers found (line {line}): {}", quote(lang, header), quoted_list(lang, found)),
            format!("{file} : --map {field}={} : aucune colonne ne porte cet en-tête.\n  En-têtes trouvés (ligne {line}) : {}", quote(lang, header), quoted_list(lang, found))),
        IngestError::HeaderOnly { file, line } => either(lang,
            format!("{file}: only a header row (line {line}), no data: nothing to analyse"),
            format!("{file} : seulement une ligne d'en-tête (ligne {line}), aucune donnée : rien à analyser")),
        IngestError::SeveralCurrencies { file, counts } => either(lang,
            format!("{file}: several currencies and no exchange rates: {}.\n  give rates into one base currency with --rates FILE (lines `currency,rate` or `currency,rate,year`) and name the base with --currency", currency_counts(lang, counts)),
            format!("{file} : plusieurs devises et aucun taux de change : {}.\n  Donnez les taux vers une devise de référence avec --rates FICHIER (lignes `devise,taux` ou `devise,taux,année`) et indiquez cette devise avec --currency", currency_counts(lang, counts))),
        IngestError::MissingRate { file, line, currency, year } => either(lang,
            format!("{file}:{line}: no exchange rate for {currency} in {year}: add a line `{currency},RATE` to the rates file"),
            format!("{file}:{line} : aucun taux de change pour {currency} en {year} : ajoutez une ligne `{currency},TAUX` au fichier de taux")),
        IngestError::MissingBaseRate { file, currency, rows, base } => either(lang,
            format!("{file}: {rows} rows are in {currency} and the base currency is {base}, but no rate converts {currency}: add a line `{currency},RATE` to the rates file (--rates), or choose --currency {currency}"),
            format!("{file} : {rows} lignes sont en {currency} et la devise de référence est {base}, mais aucun taux ne convertit {currency} : ajoutez une ligne `{currency},TAUX` au fichier de taux (--rates), ou choisissez --currency {currency}")),
        IngestError::UnknownBase { file } => either(lang,
            format!("{file}: every currency was converted with --rates, so the base currency is unknown: name it with --currency"),
            format!("{file} : toutes les devises ont été converties avec --rates, la devise de référence est donc inconnue : indiquez-la avec --currency")),
        IngestError::Overflow { file, line } => either(lang,
            format!("{file}:{line}: this amount, or the sum it joins, goes beyond what can be counted exactly to the cent (about 7.9e26, less for amounts with many decimals): check the amount column"),
            format!("{file}:{line} : ce montant, ou la somme à laquelle il s'ajoute, dépasse ce qui peut être compté exactement au centime (environ 7,9e26, moins pour des montants à nombreuses décimales) : vérifiez la colonne des montants")),
        IngestError::UnterminatedQuote { file, line, lines } => either(lang,
            format!("{file}:{line}: a quote (\") opens a value that is never closed, so the {lines} lines after it would be read as one value and their rows lost: close or remove that quote, or export the file again"),
            format!("{file}:{line} : un guillemet (\") ouvre une valeur qui n'est jamais fermée ; les {lines} lignes suivantes seraient lues comme une seule valeur et perdues : fermez ou supprimez ce guillemet, ou exportez de nouveau le fichier")),
        IngestError::DateOrderContradicted(contradiction) => date_order(lang, contradiction),
        IngestError::UnidentifiedNotLast { file } => either(lang,
            format!("{file}: internal error: unidentified revenue was booked before a client; please report this file"),
            format!("{file} : erreur interne : un chiffre d'affaires non identifié a été compté avant un client ; merci de signaler ce fichier")),
        IngestError::DaysNotKept { file } => either(lang,
            format!("{file}: internal error: the day-by-day figures kept start after the report's windows; please report this file"),
            format!("{file} : erreur interne : le détail jour par jour conservé commence après les périodes du rapport ; merci de signaler ce fichier")),
        IngestError::MapOnFec { file, field, header } => either(lang,
            format!("{file}: --map {field}={} does not apply to a FEC: its columns are fixed by law (JournalCode, CompteNum, Debit, Credit…) and read by name; remove --map for this file", quote(lang, header)),
            format!("{file} : --map {field}={} ne s'applique pas à un FEC : ses colonnes sont fixées par la loi (JournalCode, CompteNum, Debit, Credit…) et lues par leur nom ; retirez --map pour ce fichier", quote(lang, header))),
        IngestError::Workbook { file, problem } => either(lang,
            format!("{file}: {}", workbook(lang, problem)),
            format!("{file} : {}", workbook(lang, problem))),
        IngestError::BadRates { file, line, problem } => either(lang,
            format!("{file}:{line}: {}", rates(lang, problem)),
            format!("{file}:{line} : {}", rates(lang, problem))),
    };
    typeset(lang, &text)
}

/// A figure that cannot be computed, in `lang`.
pub fn analysis(lang: Lang, error: &AnalysisError) -> String {
    let text = match error {
        AnalysisError::Overflow => either(lang,
            "the revenue adds up beyond what can be counted exactly to the cent (about 7.9e26)".into(),
            "le chiffre d'affaires additionné dépasse ce qui peut être compté exactement au centime (environ 7,9e26)".into()),
        AnalysisError::FocusYearOutOfRange { focus, first, last } => either(lang,
            format!("--year {focus}: the data has revenue only from {first} to {last}"),
            format!("--year {focus} : les données ne contiennent du chiffre d'affaires que de {first} à {last}")),
    };
    typeset(lang, &text)
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ingest(Lang::En, self))
    }
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&analysis(Lang::En, self))
    }
}

/// Why a cell is not an amount, in `lang`: for `check`'s rejections and a rates file's
/// bad rate.
pub(crate) fn amount_error(lang: Lang, why: AmountError) -> String {
    match why {
        AmountError::Empty => either(lang, "the amount is empty", "le montant est vide").into(),
        AmountError::NoDigits => either(lang, "no digits", "aucun chiffre").into(),
        AmountError::NotANumber => either(lang,
            "not a number (NaN or infinity)",
            "pas un nombre (NaN ou infini)").into(),
        AmountError::Scientific => either(lang,
            "scientific notation loses cents: format the column as a number with 2 decimals",
            "la notation scientifique fait perdre les centimes : formatez la colonne en nombre à 2 décimales").into(),
        AmountError::UnexpectedCharacter(c) => either(lang,
            format!("unexpected character {c:?}"),
            format!("caractère inattendu {}", quoted(lang, &c.to_string()))),
        AmountError::TwoSigns => either(lang, "more than one minus sign", "plus d'un signe moins").into(),
        AmountError::Grouping => either(lang,
            "the separators do not fit the column's decimal separator",
            "les séparateurs ne correspondent pas au séparateur décimal de la colonne").into(),
        AmountError::TooPrecise => either(lang, "more than 28 decimal places", "plus de 28 décimales").into(),
        AmountError::TooLarge => either(lang,
            "too large (more than 28 digits)",
            "trop grand (plus de 28 chiffres)").into(),
    }
}
