//! The binary's own errors worded in English and French side by side, as
//! `portfolio::report::errors` words the library's: the English is also their
//! `Display`. An English error's cause follows it in anyhow's chain (`a: b`); a French
//! one says its cause itself, in French.

use std::fmt;

use portfolio::report::check::rejected_row;
use portfolio::report::errors::{self, quote};
use portfolio::report::i18n::{agree, either, typeset, Lang};

use crate::config::ConfigError;
use crate::failure::{Failure, UsageError};

/// The whole error in `lang`, ready to print after the prefix: English is anyhow's
/// chain; French words the first error it knows, with its cause.
pub fn message(lang: Lang, error: &anyhow::Error) -> String {
    if lang == Lang::En {
        return format!("{error:#}");
    }
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<Failure>() {
            return typeset(lang, &failure(lang, e));
        }
        if let Some(e) = cause.downcast_ref::<UsageError>() {
            return typeset(lang, &usage(lang, e));
        }
        if let Some(e) = cause.downcast_ref::<portfolio::ingest::error::IngestError>() {
            return errors::ingest(lang, e);
        }
        if let Some(e) = cause.downcast_ref::<portfolio::analysis::AnalysisError>() {
            return errors::analysis(lang, e);
        }
    }
    // An error of none of these types, which the binary no longer makes: in English.
    format!("{error:#}")
}

pub fn usage(lang: Lang, error: &UsageError) -> String {
    let q = |value: &str| quote(lang, value);
    match error {
        UsageError::OnlyInvoicesOnStdin => either(lang,
            "only the invoices can be read from standard input (`-`): give the clients, surveys or rates file by its path",
            "seules les factures peuvent être lues sur l'entrée standard (`-`) : donnez le chemin du fichier clients, enquêtes ou taux").into(),
        UsageError::CsvWholeReport => either(lang,
            portfolio::report::csv::WHOLE_REPORT,
            "le format CSV écrit une section à la fois : choisissez-en une (segments, risk, stress, retention, nps, referrals, payments, thresholds, plan), ou utilisez --format json, markdown ou html pour le rapport entier").into(),
        UsageError::ByAnalyzeOnly => either(lang,
            "--by works with `analyze` only",
            "--by ne fonctionne qu'avec `analyze`").into(),
        UsageError::ByInvoicesOnly => either(lang,
            "--by reads the invoices only: the clients and surveys files cannot be split by group yet; run each group on its own to use them",
            "--by ne lit que les factures : les fichiers clients et enquêtes ne peuvent pas encore être découpés par groupe ; lancez chaque groupe séparément pour les utiliser").into(),
        UsageError::OutputIsInput { output, input } => either(lang,
            format!("--output {output} is the input {input}: the report would overwrite it; write the report elsewhere"),
            format!("--output {output} est le fichier d'entrée {input} : le rapport l'écraserait ; écrivez le rapport ailleurs")),
        UsageError::FiscalYearStart(text) => either(lang,
            format!("--fiscal-year-start {}: expected MM-DD, e.g. 04-01 (not 02-29)", q(text)),
            format!("--fiscal-year-start {} : date attendue au format MM-JJ, par ex. 04-01 (pas 02-29)", q(text))),
        UsageError::StatementReferralsOnly => either(lang,
            "--statement works with `referrals` only: portfolio referrals INVOICES --clients FILE --statement NAME",
            "--statement ne fonctionne qu'avec `referrals` : portfolio referrals FACTURES --clients FICHIER --statement NOM").into(),
        UsageError::UnknownReferrer { name, known } => either(lang,
            format!("--statement {}: no referrer has this name; the referrers are {known}", q(name)),
            format!("--statement {} : aucun apporteur ne porte ce nom ; les apporteurs sont {known}", q(name))),
        UsageError::AsOf { text, first, last } => either(lang,
            format!("--as-of {}: expected a date as YYYY-MM-DD between {first} and {last}, or `today`", q(text)),
            format!("--as-of {} : date attendue au format AAAA-MM-JJ, entre {first} et {last}, ou today", q(text))),
    }
}

pub fn failure(lang: Lang, error: &Failure) -> String {
    // English leaves an I/O or settings cause to the chain; French says it here.
    let io = |e| errors::io(lang, e);
    match error {
        Failure::IsDirectory { file } => either(lang,
            format!("{file}: is a directory, not a CSV file"),
            format!("{file} : c'est un dossier, pas un fichier CSV")),
        Failure::CannotOpen { file, source } => either(lang,
            format!("{file}: cannot open"),
            format!("{file} : impossible d'ouvrir le fichier ({})", io(source))),
        Failure::CannotWrite { file, source } => either(lang,
            format!("{file}: cannot write"),
            format!("{file} : impossible d'écrire ({})", io(source))),
        Failure::CannotWriteOutput { source } => either(lang,
            "standard output: cannot write".into(),
            format!("sortie standard : impossible d'écrire ({})", io(source))),
        Failure::CannotWriteIn { file, dir, source } => either(lang,
            format!("{file}: cannot write in {dir}"),
            format!("impossible d'écrire dans {dir} ({})", io(source))),
        Failure::CannotCreateDirectory { dir, source } => either(lang,
            format!("{dir}: cannot create the directory"),
            format!("{dir} : impossible de créer le dossier ({})", io(source))),
        Failure::Strict { total, rows } => {
            let lines: Vec<String> = rows
                .iter()
                .map(|(file, r)| either(lang,
                    format!("  {file}:{}: {}", r.line, rejected_row(lang, r)),
                    format!("  {file}:{} : {}", r.line, rejected_row(lang, r))))
                .collect();
            let head = either(lang,
                format!("{total} {} and --strict is on:", agree(lang, *total, "row rejected", "rows rejected")),
                format!("{total} {} alors que --strict est activé :", agree(lang, *total, "ligne rejetée", "lignes rejetées")));
            format!("{head}\n{}", lines.join("\n"))
        }
        Failure::NothingToAnalyse { file, rows, excluded, excluded_by_status, rejected } => either(lang,
            format!(
                "{file}: nothing to analyse: no row counts as revenue ({rows} {}: {excluded} excluded{}, {rejected} rejected); run `portfolio check` for details",
                agree(lang, *rows, "row", "rows"),
                statuses(lang, excluded_by_status),
            ),
            format!(
                "{file} : rien à analyser : aucune ligne ne compte comme chiffre d'affaires ({rows} {} : {excluded} {}{}, {rejected} {}) ; lancez `portfolio check` pour le détail",
                agree(lang, *rows, "ligne", "lignes"),
                agree(lang, *excluded, "exclue", "exclues"),
                statuses(lang, excluded_by_status),
                agree(lang, *rejected, "rejetée", "rejetées"),
            )),
        Failure::SettingsUnreadable { file, source } => either(lang,
            format!("{file}: cannot read the configuration file"),
            format!("{file} : impossible de lire le fichier de réglages ({})", config(lang, source))),
        Failure::SettingsInvalid { file, source } => either(lang,
            format!("{file}: not a valid portfolio.toml"),
            format!("{file} : ce n'est pas un portfolio.toml valide : {}", config(lang, source))),
        Failure::SettingsValue { file, error } => either(lang,
            format!("{file}: {}", config(lang, error)),
            format!("{file} : {}", config(lang, error))),
        Failure::GroupsFailedInSummary(n) => either(lang,
            format!("{n} group(s) could not be analysed: the summary lists each with its reason"),
            format!("{n} groupe(s) n'ont pas pu être analysés : la synthèse donne la raison pour chacun")),
        Failure::NoGroupRevenue => either(lang,
            "no group has revenue: nothing to summarise",
            "aucun groupe n'a de chiffre d'affaires : rien à résumer").into(),
        Failure::GroupsFailed(n) => either(lang,
            format!("{n} group(s) could not be analysed: their lines carry an \"error\""),
            format!("{n} groupe(s) n'ont pas pu être analysés : leurs lignes portent une clé \"error\"")),
        Failure::TemplateLinks(paths) => either(lang,
            format!("{} {} a symbolic link: remove it or name another directory", paths.join(", "), if paths.len() == 1 { "is" } else { "are" }),
            format!("{} : lien symbolique ; supprimez-le ou choisissez un autre dossier", paths.join(", "))),
        Failure::TemplateExists(paths) => either(lang,
            format!("{} already {}: pass --force to overwrite, or name another directory", paths.join(", "), if paths.len() == 1 { "exists" } else { "exist" }),
            format!("{} : existe déjà ; ajoutez l'option --force pour écraser, ou choisissez un autre dossier", paths.join(", "))),
    }
}

/// ` [paid: 3, draft: 1]`: the rows each status excluded, the statuses as written.
fn statuses(lang: Lang, excluded: &[(String, u64)]) -> String {
    if excluded.is_empty() {
        return String::new();
    }
    let colon = either(lang, ":", " :");
    let list: Vec<String> = excluded
        .iter()
        .map(|(s, n)| format!("{s}{colon} {n}"))
        .collect();
    format!(" [{}]", list.join(", "))
}

pub fn config(lang: Lang, error: &ConfigError) -> String {
    let q = |value: &str| quote(lang, value);
    match error {
        ConfigError::TooLarge => either(lang,
            "larger than 1 MiB: not a settings file",
            "plus de 1 Mio : ce n'est pas un fichier de réglages").into(),
        ConfigError::Io(e) => errors::io(lang, e),
        ConfigError::NotUtf8 => either(lang, "not UTF-8 text", "ce n'est pas du texte UTF-8").into(),
        ConfigError::Toml(detail) => either(lang,
            detail.clone(),
            format!("syntaxe TOML invalide (message de l'analyseur : {detail})")),
        ConfigError::Lang(value) => either(lang,
            format!("lang = {}: expected \"en\" or \"fr\"", q(value)),
            format!("lang = {} : valeur attendue « en » ou « fr »", q(value))),
        ConfigError::Channel { word, key, keys } => either(lang,
            format!("[channels] {} = {}: expected one of {keys}", q(word), q(key)),
            format!("[channels] {} = {} : valeur attendue parmi {keys}", q(word), q(key))),
        ConfigError::DependencyOrder => either(lang,
            "[thresholds] expected dependency_moderate ≤ dependency_high ≤ dependency_critical",
            "[thresholds] il faut dependency_moderate ≤ dependency_high ≤ dependency_critical").into(),
        ConfigError::ConcentrationOrder => either(lang,
            "[thresholds] expected concentration_moderate ≤ concentration_high",
            "[thresholds] il faut concentration_moderate ≤ concentration_high").into(),
        ConfigError::Range { name, value, min, max } => either(lang,
            format!("[thresholds] {name} = {value}: expected a number from {min} to {max}"),
            format!("[thresholds] {name} = {value} : nombre attendu de {min} à {max}")),
        ConfigError::Unusable { name, value } => either(lang,
            format!("[thresholds] {name} = {value}: not a usable number"),
            format!("[thresholds] {name} = {value} : nombre inutilisable")),
        ConfigError::Map(detail) => either(lang,
            format!("[map] {detail}"),
            format!("[map] entrée refusée ({detail})")),
        ConfigError::FiscalYearStart(text) => either(lang,
            format!("fiscal_year_start {}: expected MM-DD, e.g. 04-01 (not 02-29)", q(text)),
            format!("fiscal_year_start {} : date attendue au format MM-JJ, par ex. 04-01 (pas 02-29)", q(text))),
        ConfigError::Currency(detail) => either(lang,
            format!("currency {detail}"),
            format!("currency : devise refusée ({detail})")),
        ConfigError::Regime(text) => either(lang,
            format!("regime = {}: expected \"micro-bnc\", \"micro-bic-services\" or \"micro-bic-sales\"", q(text)),
            format!("regime = {} : attendu « micro-bnc », « micro-bic-services » ou « micro-bic-sales »", q(text))),
        ConfigError::CommissionRate(value) => either(lang,
            format!("[referrals] commission_rate = {value}: expected a percentage from 0 to 100"),
            format!("[referrals] commission_rate = {value} : attendu un pourcentage de 0 à 100")),
        ConfigError::ActivityStart(text) => either(lang,
            format!("activity_start = {}: expected a date YYYY-MM-DD", q(text)),
            format!("activity_start = {} : attendu une date AAAA-MM-JJ", q(text))),
        ConfigError::ThresholdYear(text) => either(lang,
            format!("[french_thresholds] {}: expected a year from 2000 to 2199 as the table's name, e.g. [french_thresholds.2027]", q(text)),
            format!("[french_thresholds] {} : le nom de la table doit être une année de 2000 à 2199, par exemple [french_thresholds.2027]", q(text))),
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&usage(Lang::En, self))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&failure(Lang::En, self))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&config(Lang::En, self))
    }
}
