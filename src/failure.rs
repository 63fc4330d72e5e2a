//! Why the binary stops, typed so that `main` can word it in the user's language:
//! English is the `Display`, French is [`Failure::french`]. The library's own errors
//! (`IngestError`, `AnalysisError`) are worded by `portfolio::report::errors`.

use std::io;

use portfolio::model::quality::Rejection;
use portfolio::report::check::rejected_row;
use portfolio::report::errors;
use portfolio::report::i18n::{quoted, typeset, Lang};

/// A command line the program cannot run as given: exit 2, like clap's own errors.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error("only the invoices can be read from standard input (`-`): give the clients, surveys or rates file by its path")]
    OnlyInvoicesOnStdin,
    #[error("{0}")]
    CsvWholeReport(&'static str),
    #[error("--by works with `analyze` only")]
    ByAnalyzeOnly,
    #[error("--by reads the invoices only: the clients and surveys files cannot be split by group yet; run each group on its own to use them")]
    ByInvoicesOnly,
    #[error("--output {output} is the input {input}: the report would overwrite it; write the report elsewhere")]
    OutputIsInput { output: String, input: String },
    #[error("--fiscal-year-start {0:?}: expected MM-DD, e.g. 04-01 (not 02-29)")]
    FiscalYearStart(String),
    #[error("--statement works with `referrals` only: portfolio referrals INVOICES --clients FILE --statement NAME")]
    StatementReferralsOnly,
    #[error("--statement {name:?}: no referrer has this name; the referrers are {known}")]
    UnknownReferrer { name: String, known: String },
    #[error(
        "--as-of {text:?}: expected a date as YYYY-MM-DD between {first} and {last}, or `today`"
    )]
    AsOf { text: String, first: i32, last: i32 },
}

impl UsageError {
    pub fn french(&self) -> String {
        match self {
            UsageError::OnlyInvoicesOnStdin => "seules les factures peuvent être lues sur l'entrée standard (`-`) : donnez le chemin du fichier clients, enquêtes ou taux".into(),
            UsageError::CsvWholeReport(_) => "le format CSV écrit une section à la fois : choisissez-en une (segments, risk, stress, retention, nps, referrals, payments, thresholds, plan), ou utilisez --format json, markdown ou html pour le rapport entier".into(),
            UsageError::ByAnalyzeOnly => "--by ne fonctionne qu'avec `analyze`".into(),
            UsageError::ByInvoicesOnly => "--by ne lit que les factures : les fichiers clients et enquêtes ne peuvent pas encore être découpés par groupe ; lancez chaque groupe séparément pour les utiliser".into(),
            UsageError::OutputIsInput { output, input } => format!("--output {output} est le fichier d'entrée {input} : le rapport l'écraserait ; écrivez le rapport ailleurs"),
            UsageError::StatementReferralsOnly => "--statement ne fonctionne qu'avec `referrals` : portfolio referrals FACTURES --clients FICHIER --statement NOM".into(),
            UsageError::UnknownReferrer { name, known } => format!("--statement {} : aucun apporteur ne porte ce nom ; les apporteurs sont {known}", quoted(Lang::Fr, name)),
            UsageError::FiscalYearStart(text) => format!("--fiscal-year-start {} : date attendue au format MM-JJ, par ex. 04-01 (pas 02-29)", quoted(Lang::Fr, text)),
            UsageError::AsOf { text, first, last } => format!("--as-of {} : date attendue au format AAAA-MM-JJ, entre {first} et {last}, ou today", quoted(Lang::Fr, text)),
        }
    }
}

/// Why a run stopped that is not a usage error: exit 1.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{file}: is a directory, not a CSV file")]
    IsDirectory { file: String },
    #[error("{file}: cannot open")]
    CannotOpen {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{file}: cannot write")]
    CannotWrite {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{file}: cannot write in {dir}")]
    CannotWriteIn {
        file: String,
        dir: String,
        #[source]
        source: io::Error,
    },
    #[error("{dir}: cannot create the directory")]
    CannotCreateDirectory {
        dir: String,
        #[source]
        source: io::Error,
    },
    #[error("{} rows rejected and --strict is on:\n{}", total, rows.iter().map(|(file, r)| format!("  {file}:{}: {}", r.line, rejected_row(Lang::En, r))).collect::<Vec<_>>().join("\n"))]
    Strict {
        total: u64,
        /// The first rejected rows, with their file.
        rows: Vec<(String, Rejection)>,
    },
    #[error("{file}: nothing to analyse: no row counts as revenue ({rows} {}: {excluded} excluded{}, {rejected} rejected); run `portfolio check` for details", if *rows == 1 { "row" } else { "rows" }, statuses(excluded_by_status))]
    NothingToAnalyse {
        file: String,
        rows: u64,
        excluded: u64,
        excluded_by_status: Vec<(String, u64)>,
        rejected: u64,
    },
    #[error("{file}: cannot read the configuration file")]
    SettingsUnreadable {
        file: String,
        #[source]
        source: crate::config::ConfigError,
    },
    #[error("{file}: not a valid portfolio.toml")]
    SettingsInvalid {
        file: String,
        #[source]
        source: crate::config::ConfigError,
    },
    /// A value of the settings file the run cannot use.
    #[error("{file}: {error}")]
    SettingsValue {
        file: String,
        error: crate::config::ConfigError,
    },
    #[error("{0} group(s) could not be analysed: the summary lists each with its reason")]
    GroupsFailedInSummary(u64),
    #[error("no group has revenue: nothing to summarise")]
    NoGroupRevenue,
    #[error("{0} group(s) could not be analysed: their lines carry an \"error\"")]
    GroupsFailed(u64),
    #[error("{} {} a symbolic link: remove it or name another directory", .0.join(", "), if .0.len() == 1 { "is" } else { "are" })]
    TemplateLinks(Vec<String>),
    #[error("{} already {}: pass --force to overwrite, or name another directory", .0.join(", "), if .0.len() == 1 { "exists" } else { "exist" })]
    TemplateExists(Vec<String>),
}

fn statuses(excluded: &[(String, u64)]) -> String {
    if excluded.is_empty() {
        return String::new();
    }
    let list: Vec<String> = excluded.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    format!(" [{}]", list.join(", "))
}

impl Failure {
    pub fn french(&self) -> String {
        let io = |e| errors::io(Lang::Fr, e);
        match self {
            Failure::IsDirectory { file } => format!("{file} : c'est un dossier, pas un fichier CSV"),
            Failure::CannotOpen { file, source } => format!("{file} : impossible d'ouvrir le fichier ({})", io(source)),
            Failure::CannotWrite { file, source } => format!("{file} : impossible d'écrire ({})", io(source)),
            Failure::CannotWriteIn { dir, source, .. } => format!("impossible d'écrire dans {dir} ({})", io(source)),
            Failure::CannotCreateDirectory { dir, source } => format!("{dir} : impossible de créer le dossier ({})", io(source)),
            Failure::Strict { total, rows } => {
                let lines: Vec<String> = rows
                    .iter()
                    .map(|(file, r)| format!("  {file}:{} : {}", r.line, rejected_row(Lang::Fr, r)))
                    .collect();
                let head = match total {
                    1 => "1 ligne rejetée alors que --strict est activé :".to_string(),
                    n => format!("{n} lignes rejetées alors que --strict est activé :"),
                };
                format!("{head}\n{}", lines.join("\n"))
            }
            Failure::NothingToAnalyse { file, rows, excluded, rejected, .. } => {
                let agree = |n: u64, one: &'static str, many: &'static str| {
                    portfolio::report::i18n::agree(Lang::Fr, n, one, many)
                };
                format!(
                    "{file} : rien à analyser : aucune ligne ne compte comme chiffre d'affaires ({rows} {} : {excluded} {}, {rejected} {}) ; lancez `portfolio check` pour le détail",
                    agree(*rows, "ligne", "lignes"),
                    agree(*excluded, "exclue", "exclues"),
                    agree(*rejected, "rejetée", "rejetées"),
                )
            }
            Failure::SettingsUnreadable { file, source } => format!("{file} : impossible de lire le fichier de réglages ({})", source.french()),
            Failure::SettingsInvalid { file, source } => format!("{file} : ce n'est pas un portfolio.toml valide : {}", source.french()),
            Failure::SettingsValue { file, error } => format!("{file} : {}", error.french()),
            Failure::GroupsFailedInSummary(n) => format!("{n} groupe(s) n'ont pas pu être analysés : la synthèse donne la raison pour chacun"),
            Failure::NoGroupRevenue => "aucun groupe n'a de chiffre d'affaires : rien à résumer".into(),
            Failure::GroupsFailed(n) => format!("{n} groupe(s) n'ont pas pu être analysés : leurs lignes portent une clé \"error\""),
            Failure::TemplateLinks(paths) => format!("{} : lien symbolique ; supprimez-le ou choisissez un autre dossier", paths.join(", ")),
            Failure::TemplateExists(paths) => format!("{} : existe déjà ; ajoutez l'option --force pour écraser, ou choisissez un autre dossier", paths.join(", ")),
        }
    }
}

/// The whole error in `lang`, ready to print after the prefix: English is anyhow's
/// chain (`a: b: c`); French words the first error it knows and its cause.
pub fn message(lang: Lang, error: &anyhow::Error) -> String {
    if lang == Lang::En {
        return format!("{error:#}");
    }
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<Failure>() {
            return typeset(lang, &e.french());
        }
        if let Some(e) = cause.downcast_ref::<UsageError>() {
            return typeset(lang, &e.french());
        }
        if let Some(e) = cause.downcast_ref::<portfolio::ingest::error::IngestError>() {
            return errors::ingest(lang, e);
        }
        if let Some(e) = cause.downcast_ref::<portfolio::analysis::AnalysisError>() {
            return errors::analysis(lang, e);
        }
    }
    // Not worded in French yet (the settings file's own checks): said in English.
    format!("{error:#}")
}
