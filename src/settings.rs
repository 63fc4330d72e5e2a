//! Validated settings built once from the flags and the environment. The only place
//! that reads the clock, the terminal or LANG.

use chrono::NaiveDate;

use portfolio::analysis::french_thresholds::{Regime, RegimeSettings};
use portfolio::analysis::Params;
use portfolio::ingest::columns::MapOverride;
use portfolio::ingest::parallel::Reading;
use portfolio::ingest::reader::ReaderOptions;
use portfolio::ingest::Options;
use portfolio::model::{Basis, FiscalYearStart};
use portfolio::report::Lang;

use crate::cli::{AnalyzeArgs, BasisArg, InputArgs, LangArg, RegimeArg};
use crate::config::{Config, ConfigError};
use crate::failure::Failure;

/// The language: the flag, else the configuration file's, else the first of LC_ALL,
/// LC_MESSAGES, LANG that is set.
pub fn lang(flag: Option<LangArg>, config: &Config) -> Lang {
    match (flag, config.lang.as_deref()) {
        (Some(LangArg::Fr), _) | (None, Some("fr")) => Lang::Fr,
        (Some(LangArg::En), _) | (None, Some("en")) => Lang::En,
        (None, _) => locale_lang(),
    }
}

/// The language of the first of LC_ALL, LC_MESSAGES, LANG that is set.
pub fn locale_lang() -> Lang {
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

pub use crate::failure::UsageError;

/// A wrong value in the settings file: an input error (exit 1) naming the file, never
/// worded as a command-line option.
fn config_error(config: &Config, error: ConfigError) -> anyhow::Error {
    Failure::SettingsValue {
        file: config_name(config),
        error,
    }
    .into()
}

fn fiscal_year_start(text: &str) -> Option<FiscalYearStart> {
    let (month, day) = text.split_once('-')?;
    FiscalYearStart::new(month.parse().ok()?, day.parse().ok()?)
}

/// The column mappings: the configuration file's, then `--map`, which replaces the
/// file's mapping of the same field.
fn mappings(input: &InputArgs, config: &Config) -> anyhow::Result<Vec<MapOverride>> {
    let mut map = Vec::new();
    for (field, header) in &config.map {
        let parsed = MapOverride::parse(&format!("{field}={header}"))
            .map_err(|e| config_error(config, ConfigError::Map(e.to_string())))?;
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
pub fn ingest_options(input: &InputArgs, config: &Config) -> anyhow::Result<Options> {
    let fiscal = match (&input.fiscal_year_start, &config.fiscal_year_start) {
        (Some(flag), _) => {
            fiscal_year_start(flag).ok_or_else(|| UsageError::FiscalYearStart(flag.clone()))?
        }
        (None, Some(text)) => fiscal_year_start(text)
            .ok_or_else(|| config_error(config, ConfigError::FiscalYearStart(text.clone())))?,
        (None, None) => FiscalYearStart::default(),
    };
    let currency = match (&input.currency, &config.currency) {
        (Some(flag), _) => Some(flag.clone()),
        (None, Some(code)) => Some(
            crate::cli::parse_currency(code)
                .map_err(|e| config_error(config, ConfigError::Currency(e.to_string())))?,
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
        fiscal_year_start: fiscal,
        fiscal_year_given: input.fiscal_year_start.is_some() || config.fiscal_year_start.is_some(),
        currency,
        rates: None,
        as_of: None,
        channel_words: config.channel_words(),
        reading: Reading {
            threads: threads(input.threads),
            ..Reading::default()
        },
        basis: match input.basis {
            Some(BasisArg::Cash) => Basis::Cash,
            _ => Basis::Invoice,
        },
        keep_receipts: regime(input, config)?.is_some(),
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
pub fn params(args: &AnalyzeArgs, config: &Config) -> anyhow::Result<Params> {
    let as_of = match args.as_of.as_deref() {
        None => None,
        #[allow(clippy::disallowed_methods)] // the one clock read, by design
        Some("today") => Some(chrono::Local::now().date_naive()),
        Some(text) => Some(as_of(text)?),
    };
    Ok(Params {
        as_of,
        focus_year: args.year,
        dormant_after_months: args.dormant_after.or(config.dormant_after).unwrap_or(12),
        thresholds: config.thresholds().map_err(|e| config_error(config, e))?,
        threads: threads(args.input.threads),
        regime: regime(&args.input, config)?,
        commission_rate: config
            .commission_rate()
            .map_err(|e| config_error(config, e))?,
        ..Params::default()
    })
}

/// `--regime`, else `regime` in the settings file, with the file's other French settings.
fn regime(input: &InputArgs, config: &Config) -> anyhow::Result<Option<RegimeSettings>> {
    let regime = match (input.regime, &config.regime) {
        (Some(RegimeArg::MicroBnc), _) => Regime::MicroBnc,
        (Some(RegimeArg::MicroBicServices), _) => Regime::MicroBicServices,
        (Some(RegimeArg::MicroBicSales), _) => Regime::MicroBicSales,
        (None, Some(text)) => Regime::parse(text)
            .ok_or_else(|| config_error(config, ConfigError::Regime(text.clone())))?,
        (None, None) => return Ok(None),
    };
    let activity_start = match &config.activity_start {
        Some(text) => Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| config_error(config, ConfigError::ActivityStart(text.clone())))?,
        ),
        None => None,
    };
    Ok(Some(RegimeSettings {
        regime,
        vat_franchise: config.vat_franchise.unwrap_or(true),
        activity_start,
        table: config
            .french_thresholds()
            .map_err(|e| config_error(config, e))?,
    }))
}

/// `--as-of DATE`: a calendar date within the years any input may hold (1900–2199), so
/// that the report's dates stay plain `YYYY-MM-DD`.
fn as_of(text: &str) -> Result<NaiveDate, UsageError> {
    use chrono::Datelike;
    use portfolio::ingest::dates::{FIRST_YEAR, LAST_YEAR};
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|date| (FIRST_YEAR..=LAST_YEAR).contains(&date.year()))
        .ok_or_else(|| UsageError::AsOf {
            text: text.to_string(),
            first: FIRST_YEAR,
            last: LAST_YEAR,
        })
}

/// Colour (SPEC 1): only on a terminal, never with `--no-color` or `NO_COLOR` set.
pub fn color(no_color: bool) -> bool {
    use std::io::IsTerminal;
    let refused = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !refused && std::io::stdout().is_terminal()
}

/// Table width (SPEC 4.1): the terminal's, asked of it, when standard output is one;
/// else `$COLUMNS`; else 100 (a file or a pipe).
pub fn table_width() -> u16 {
    let asked = terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0);
    asked
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .filter(|w| *w >= 20)
        .unwrap_or(100)
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
        assert!(fiscal_year_start("02-29").is_none());
        assert!(fiscal_year_start("13-01").is_none());
        assert!(fiscal_year_start("april").is_none());
    }

    #[test]
    fn as_of_dates_stay_within_the_years_inputs_hold() {
        assert_eq!(
            as_of("2024-06-30").unwrap(),
            NaiveDate::from_ymd_opt(2024, 6, 30).unwrap()
        );
        for text in [
            "+10000-01-01",
            "1899-12-31",
            "2200-01-01",
            "2024-02-30",
            "30/06/2024",
        ] {
            let error = as_of(text).unwrap_err().to_string();
            assert!(error.contains("between 1900 and 2199"), "{text}: {error}");
        }
    }
}
