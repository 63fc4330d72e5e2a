//! Validated settings built once from the flags and the environment. The only place
//! that reads the clock, the terminal or LANG.

use chrono::NaiveDate;

use portfolio::analysis::Params;
use portfolio::ingest::columns::MapOverride;
use portfolio::ingest::parallel::Reading;
use portfolio::ingest::reader::ReaderOptions;
use portfolio::ingest::Options;
use portfolio::model::FiscalYearStart;
use portfolio::report::Lang;

use crate::cli::{AnalyzeArgs, InputArgs, LangArg};
use crate::config::Config;

/// The language: the flag, else the configuration file's, else the first of LC_ALL,
/// LC_MESSAGES, LANG that is set.
pub fn lang(flag: Option<LangArg>, config: &Config) -> Lang {
    match (flag, config.lang.as_deref()) {
        (Some(LangArg::Fr), _) | (None, Some("fr")) => Lang::Fr,
        (Some(LangArg::En), _) | (None, Some("en")) => Lang::En,
        (None, _) => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|v| std::env::var(v).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if locale.to_ascii_lowercase().starts_with("fr") {
                Lang::Fr
            } else {
                Lang::En
            }
        }
    }
}

/// A usage error found after clap: printed like clap's, exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn fiscal_year_start(text: &str) -> Result<FiscalYearStart, UsageError> {
    let bad = || {
        UsageError(format!(
            "--fiscal-year-start {text:?}: expected MM-DD, e.g. 04-01 (not 02-29)"
        ))
    };
    let (month, day) = text.split_once('-').ok_or_else(bad)?;
    let month = month.parse().map_err(|_| bad())?;
    let day = day.parse().map_err(|_| bad())?;
    FiscalYearStart::new(month, day).ok_or_else(bad)
}

/// The column mappings: the configuration file's, then `--map`, which replaces the
/// file's mapping of the same field.
fn mappings(input: &InputArgs, config: &Config) -> Result<Vec<MapOverride>, UsageError> {
    let mut map = Vec::new();
    for (field, header) in &config.map {
        let parsed = MapOverride::parse(&format!("{field}={header}"))
            .map_err(|e| UsageError(format!("{}: [map] {e}", config_name(config))))?;
        let replaced = input
            .map
            .iter()
            .any(|m| m.field == parsed.field && m.file == parsed.file);
        if !replaced {
            map.push(parsed);
        }
    }
    map.extend(input.map.iter().cloned());
    Ok(map)
}

fn config_name(config: &Config) -> String {
    config
        .path
        .as_ref()
        .map_or_else(|| "portfolio.toml".into(), |p| p.display().to_string())
}

/// Reading options for the library.
pub fn ingest_options(input: &InputArgs, config: &Config) -> Result<Options, UsageError> {
    let fiscal = input
        .fiscal_year_start
        .as_deref()
        .or(config.fiscal_year_start.as_deref())
        .unwrap_or("01-01");
    let currency = match (&input.currency, &config.currency) {
        (Some(flag), _) => Some(flag.clone()),
        (None, Some(code)) => Some(
            crate::cli::parse_currency(code)
                .map_err(|e| UsageError(format!("{}: currency {e}", config_name(config))))?,
        ),
        (None, None) => None,
    };
    Ok(Options {
        reader: ReaderOptions {
            encoding: input.encoding,
            delimiter: input.delimiter,
        },
        decimal: input.decimal,
        date_format: input.date_format.clone(),
        map: mappings(input, config)?,
        fiscal_year_start: fiscal_year_start(fiscal)?,
        fiscal_year_given: input.fiscal_year_start.is_some() || config.fiscal_year_start.is_some(),
        currency,
        rates: None,
        as_of: None,
        channel_words: config.channel_words(),
        reading: Reading {
            threads: threads(input.threads),
            ..Reading::default()
        },
    })
}

/// `--threads`, else one per core.
pub fn threads(flag: Option<u16>) -> usize {
    match flag {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// Analysis parameters; `--as-of today` is the one clock read.
pub fn params(args: &AnalyzeArgs, config: &Config) -> Result<Params, UsageError> {
    let as_of = match args.as_of.as_deref() {
        None => None,
        #[allow(clippy::disallowed_methods)] // the one clock read, by design
        Some("today") => Some(chrono::Local::now().date_naive()),
        Some(text) => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            UsageError(format!(
                "--as-of {text:?}: expected a date as YYYY-MM-DD, or `today`"
            ))
        })?),
    };
    Ok(Params {
        as_of,
        focus_year: args.year,
        dormant_after_months: args.dormant_after.or(config.dormant_after).unwrap_or(12),
        thresholds: config
            .thresholds()
            .map_err(|e| UsageError(format!("{}: {e}", config_name(config))))?,
        threads: threads(args.input.threads),
        ..Params::default()
    })
}

/// Table width: the terminal's when standard output is one, else natural width.
pub fn table_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or(Some(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_year_starts() {
        assert_eq!(
            fiscal_year_start("04-06").unwrap(),
            FiscalYearStart::new(4, 6).unwrap()
        );
        assert!(fiscal_year_start("02-29").is_err());
        assert!(fiscal_year_start("13-01").is_err());
        assert!(fiscal_year_start("april").is_err());
    }
}
