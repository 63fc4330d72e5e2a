//! Why a run could not go on, in the user's language: the library's typed errors
//! worded in French (English is their `Display`), and the system's I/O errors.

use std::io;

use crate::analysis::AnalysisError;
use crate::ingest::error::{IngestError, NotCsv};
use crate::ingest::formats::workbook::{WorkbookProblem, MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};

use super::i18n::{quoted, typeset, Lang};
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

fn quoted_list(lang: Lang, headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| quoted(lang, h))
        .collect::<Vec<_>>()
        .join(", ")
}

const WORKBOOK_BY_PATH: &str = "portfolio lit les classeurs par leur chemin, pas sur l'entrée standard : donnez le chemin du fichier, ou enregistrez-le au format « CSV UTF-8 »";

fn not_csv(kind: NotCsv) -> (&'static str, &'static str) {
    match kind {
        NotCsv::Zip => ("un classeur Excel (.xlsx) ou une autre archive zip", WORKBOOK_BY_PATH),
        NotCsv::OldExcel => ("un ancien classeur Excel (.xls)", WORKBOOK_BY_PATH),
        NotCsv::Pdf => ("un document PDF", "exportez plutôt les factures de votre logiciel de facturation au format CSV"),
        NotCsv::Json => ("un document JSON", "exportez plutôt les factures au format CSV (ou convertissez-le, par ex. avec jq -r '.[] | [...] | @csv')"),
        NotCsv::Binary => ("des données binaires", "donnez à portfolio l'export CSV de votre logiciel de facturation"),
    }
}

fn workbook(problem: &WorkbookProblem) -> String {
    let q = |v: &str| quoted(Lang::Fr, v);
    match problem {
        WorkbookProblem::TooLarge => format!("ce classeur dépasse {} Mio, ou {} Mio une fois décompressé : enregistrez la feuille au format « CSV UTF-8 » et lancez portfolio sur le fichier .csv", MAX_FILE_BYTES >> 20, MAX_UNCOMPRESSED_BYTES >> 20),
        WorkbookProblem::NotAWorkbook(why) => format!("ce n'est pas un classeur lisible ({why}) : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou « CSV UTF-8 »"),
        WorkbookProblem::Encrypted => "ce classeur est protégé par un mot de passe (ou c'est un ancien .xls illisible) : ouvrez-le et enregistrez-le sans mot de passe au format .xlsx ou « CSV UTF-8 », puis lancez portfolio sur ce fichier".into(),
        WorkbookProblem::NoSuchSheet { sheet, sheets } => format!("aucune feuille ne s'appelle {} ; ses feuilles sont {}", q(sheet), sheets.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")),
    }
}

/// An input that cannot be read, in `lang`.
pub fn ingest(lang: Lang, error: &IngestError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    let q = |v: &str| quoted(lang, v);
    let text = match error {
        IngestError::Io { file, source } => {
            format!("{file} : lecture impossible ({})", io(lang, source))
        }
        IngestError::Empty { file } => format!("{file} : le fichier est vide ; exportez de nouveau vos factures, avec au moins une ligne d'en-tête et une facture"),
        IngestError::UnknownGroupColumn { file, column, found } => format!("{file} : --by {} : aucune colonne ne porte cet en-tête.\n  En-têtes trouvés : {found}", q(column)),
        IngestError::ManyGroups => "--by : plus de groupes que ceux lus côte à côte".to_string(),
        IngestError::CashBasisWithoutPaidDate { file, headers } => format!("{file} : --basis cash compte le chiffre d'affaires à sa date d'encaissement, et aucune colonne ne donne de date de paiement (en-têtes : {headers}) ; ajoutez --map paid_date=EN-TÊTE, ou utilisez --basis invoice"),
        IngestError::GroupsNeedInvoiceExport { file } => format!("{file} : --by demande un export de factures (une ligne par facture ou par ligne de facture) ; ce fichier est un export comptable (FEC ou grand livre) : lancez l'analyse sans --by"),
        IngestError::NotCsv { file, kind } => {
            let (what, hint) = not_csv(*kind);
            format!("{file} : ce fichier est {what}, pas un fichier CSV ; {hint}")
        }
        IngestError::MissingColumns { file, line, missing, found, example, looks_like_clients } => {
            let missing = missing.iter().map(|m| q(m)).collect::<Vec<_>>().join(", ");
            let mut text = format!("{file} : aucune ligne d'en-tête ne contient la ou les colonnes obligatoires {missing}.\n  En-têtes trouvés (ligne {line}) : {}.\n  Indiquez la colonne de chacune avec --map, par ex. --map {}", quoted_list(lang, found), example.replace("HEADER", "EN-TÊTE"));
            if *looks_like_clients {
                text.push_str("\n  (Ce fichier ressemble à une liste de clients plutôt qu'à des factures : passez-le avec --clients, à côté du fichier de factures.)");
            }
            text
        }
        IngestError::UnknownMappedHeader { file, field, header, line, found } => format!("{file} : --map {field}={} : aucune colonne ne porte cet en-tête.\n  En-têtes trouvés (ligne {line}) : {}", q(header), quoted_list(lang, found)),
        IngestError::HeaderOnly { file, line } => format!("{file} : seulement une ligne d'en-tête (ligne {line}), aucune donnée : rien à analyser"),
        IngestError::SeveralCurrencies { file, counts } => format!("{file} : plusieurs devises et aucun taux de change : {counts}.\n  Donnez les taux vers une devise de référence avec --rates FICHIER (lignes `devise,taux` ou `devise,taux,année`) et indiquez cette devise avec --currency"),
        IngestError::MissingRate { file, line, currency, year } => format!("{file}:{line} : aucun taux de change pour {currency} en {year} : ajoutez une ligne `{currency},TAUX` au fichier de taux"),
        IngestError::MissingBaseRate { file, currency, rows, base } => format!("{file} : {rows} lignes sont en {currency} et la devise de référence est {base}, mais aucun taux ne convertit {currency} : ajoutez une ligne `{currency},TAUX` au fichier de taux (--rates), ou choisissez --currency {currency}"),
        IngestError::UnknownBase { file } => format!("{file} : toutes les devises ont été converties avec --rates, la devise de référence est donc inconnue : indiquez-la avec --currency"),
        IngestError::Overflow { file, line } => format!("{file}:{line} : les montants additionnés dépassent la plus grande valeur prise en charge (environ 7,9e28) : vérifiez la colonne des montants"),
        IngestError::UnterminatedQuote { file, line, lines } => format!("{file}:{line} : un guillemet (\") ouvre une valeur qui n'est jamais fermée ; les {lines} lignes suivantes seraient lues comme une seule valeur et perdues : fermez ou supprimez ce guillemet, ou exportez de nouveau le fichier"),
        IngestError::DateOrderContradicted(c) => format!("{}:{} : la date {} de la colonne {} ne se lit qu'au format {}, alors que toutes les dates précédentes se lisaient dans les deux sens et que le format {} a été choisi ; {} ne peut pas être relu pour lire toute la colonne ainsi : ajoutez l'option --date-format {}", c.file, c.line, q(&c.value), q(&c.column), date_form(lang, &c.other.label()), date_form(lang, &c.chosen), c.file, c.other.label()),
        IngestError::UnidentifiedNotLast { file } => format!("{file} : erreur interne : un chiffre d'affaires non identifié a été compté avant un client ; merci de signaler ce fichier"),
        IngestError::DaysNotKept { file } => format!("{file} : erreur interne : le détail jour par jour conservé commence après les périodes du rapport ; merci de signaler ce fichier"),
        IngestError::MapOnFec { file, field, header } => format!("{file} : --map {field}={} ne s'applique pas à un FEC : ses colonnes sont fixées par la loi (JournalCode, CompteNum, Debit, Credit…) et lues par leur nom ; retirez --map pour ce fichier", q(header)),
        IngestError::Workbook { file, problem } => format!("{file} : {}", workbook(problem)),
        IngestError::BadRates { file, line, message } => format!("{file}:{line} : {message}"),
    };
    typeset(lang, &text)
}

/// A figure that cannot be computed, in `lang`.
pub fn analysis(lang: Lang, error: &AnalysisError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    let text = match error {
        AnalysisError::Overflow => "le chiffre d'affaires additionné dépasse le plus grand montant pris en charge (environ 7,9e28)".to_string(),
        AnalysisError::FocusYearOutOfRange { focus, first, last } => format!("--year {focus} : les données ne contiennent du chiffre d'affaires que de {first} à {last}"),
    };
    typeset(lang, &text)
}
