//! The settings of a run, resolved once from the command line, the settings file and
//! the environment into one [`Settings`] value. Only that value travels inward: the
//! clap structs stop here. [`Env::current`] is the only place that reads the clock,
//! the terminal or the locale.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use portfolio::analysis::french_thresholds::{Regime, RegimeSettings};
use portfolio::analysis::risk::Level;
use portfolio::analysis::Params;
use portfolio::ingest::dialect::columns::MapOverride;
use portfolio::ingest::dialect::reader::ReaderOptions;
use portfolio::ingest::engine::Reading;
use portfolio::ingest::Options;
use portfolio::model::{Basis, FiscalYearStart};
use portfolio::report::{Format, Lang, RenderOptions, Section};

use crate::cli::{
    AnalyzeArgs, BasisArg, CheckArgs, FormatArg, InputArgs, LangArg, LevelArg, RegimeArg,
};
use crate::config::{Config, ConfigError};
use crate::failure::Failure;

/// What the environment says, read once at the start of a run.
#[derive(Clone, Debug)]
pub struct Env {
    /// The first of LC_ALL, LC_MESSAGES, LANG that is set, else "".
    pub locale: String,
    /// `NO_COLOR` is set to something.
    pub no_color: bool,
    /// Standard output is a terminal.
    pub terminal: bool,
    /// The table width when standard output is read by a person (SPEC 4.1): the
    /// terminal's, else `$COLUMNS`, else 100.
    pub width: u16,
    pub today: NaiveDate,
    pub cores: usize,
}

impl Env {
    pub fn current() -> Self {
        use std::io::IsTerminal;
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        let asked = terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0);
        let width = asked
            .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
            .filter(|w| *w >= 20)
            .unwrap_or(100);
        Self {
            locale,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            terminal: std::io::stdout().is_terminal(),
            width,
            #[allow(clippy::disallowed_methods)] // the one clock read, by design
            today: chrono::Local::now().date_naive(),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    /// The locale's language.
    pub fn lang(&self) -> Lang {
        if self.locale.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

/// The language: the flag, else the configuration file's, else the locale's.
pub fn lang(flag: Option<LangArg>, config: &Config, env: &Env) -> Lang {
    match (flag, config.lang.as_deref()) {
        (Some(LangArg::Fr), _) | (None, Some("fr")) => Lang::Fr,
        (Some(LangArg::En), _) | (None, Some("en")) => Lang::En,
        (None, _) => env.lang(),
    }
}

/// The files a run reads.
#[derive(Clone, Debug)]
pub struct Files {
    /// A path, or `-` for standard input.
    pub invoices: String,
    pub clients: Option<PathBuf>,
    pub surveys: Option<PathBuf>,
    pub rates: Option<PathBuf>,
    /// The settings file named with `--config`.
    pub config: Option<PathBuf>,
    /// The workbook sheet of the invoices (`--sheet`).
    pub sheet: Option<String>,
}

impl Files {
    pub fn from(input: &InputArgs) -> Self {
        Self {
            invoices: input.invoices.clone(),
            clients: input.clients.clone(),
            surveys: input.surveys.clone(),
            rates: input.rates.clone(),
            config: input.config.clone(),
            sheet: input.sheet.clone(),
        }
    }

    /// Every file a run reads, for `refuse_overwriting_inputs`.
    pub fn paths(&self) -> Vec<&Path> {
        // Without --config, the settings file read is portfolio.toml here, when it exists.
        let mut paths = vec![Path::new(&self.invoices), Path::new("portfolio.toml")];
        paths.extend(
            [&self.clients, &self.surveys, &self.rates, &self.config]
                .into_iter()
                .flatten()
                .map(PathBuf::as_path),
        );
        paths
    }
}

/// Everything a run needs, resolved once.
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    pub quiet: bool,
    pub strict: bool,
    pub files: Files,
    /// The settings file applied, for the report's inputs.
    pub settings_file: Option<String>,
    /// How to read the inputs; the exchange rates are read when the files are opened.
    pub ingest: Options,
    pub params: Params,
    pub format: Format,
    /// How a report for people is laid out.
    pub render: RenderOptions,
    pub output: Option<PathBuf>,
    pub fail_on: Option<Level>,
    pub by: Option<String>,
    pub statement: Option<String>,
}

impl Settings {
    /// The settings of `analyze` and its section subcommands.
    pub fn resolve(
        cli: &AnalyzeArgs,
        section: Section,
        config: &Config,
        env: &Env,
    ) -> anyhow::Result<Self> {
        let params = params(cli, config, env)?;
        let mut settings = Self::inputs(&cli.input, config, env, params)?;
        // The as-of date is the reading's: the dataset carries it to the analysis.
        settings.ingest.as_of = report_as_of(cli, env)?;
        settings.format = match cli.format.unwrap_or(FormatArg::Table) {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
        };
        // A report file is read in a window or printed: the usual 100 columns and no
        // colour; a terminal gets its width, and colour unless refused.
        settings.render = RenderOptions {
            lang: settings.lang,
            section,
            width: Some(if cli.output.is_some() { 100 } else { env.width }),
            threads: settings.params.threads,
            color: cli.output.is_none() && !cli.no_color && !env.no_color && env.terminal,
        };
        settings.output.clone_from(&cli.output);
        settings.fail_on = cli.fail_on.map(|level| match level {
            LevelArg::Low => Level::Low,
            LevelArg::Moderate => Level::Moderate,
            LevelArg::High => Level::High,
            LevelArg::Critical => Level::Critical,
        });
        settings.by.clone_from(&cli.by);
        settings.statement.clone_from(&cli.statement);
        Ok(settings)
    }

    /// The settings of `check`: the inputs only.
    pub fn for_check(cli: &CheckArgs, config: &Config, env: &Env) -> anyhow::Result<Self> {
        let params = Params {
            threads: threads(cli.input.threads, env),
            ..Params::default()
        };
        Self::inputs(&cli.input, config, env, params)
    }

    fn inputs(
        input: &InputArgs,
        config: &Config,
        env: &Env,
        params: Params,
    ) -> anyhow::Result<Self> {
        let lang = lang(input.lang, config, env);
        Ok(Self {
            lang,
            quiet: input.quiet,
            strict: input.strict,
            files: Files::from(input),
            settings_file: config.name(),
            ingest: ingest_options(input, config, env)?,
            params,
            format: Format::Table,
            render: RenderOptions {
                lang,
                section: Section::All,
                width: None,
                threads: 1,
                color: false,
            },
            output: None,
            fail_on: None,
            by: None,
            statement: None,
        })
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
fn ingest_options(input: &InputArgs, config: &Config, env: &Env) -> anyhow::Result<Options> {
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
            threads: threads(input.threads, env),
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
fn threads(flag: Option<u16>, env: &Env) -> usize {
    flag.map_or(env.cores, usize::from)
}

/// `--as-of`: `today`, a date, or `None` for the latest date read.
fn report_as_of(args: &AnalyzeArgs, env: &Env) -> anyhow::Result<Option<NaiveDate>> {
    Ok(match args.as_of.as_deref() {
        None => None,
        Some("today") => Some(env.today),
        Some(text) => Some(as_of(text)?),
    })
}

/// Analysis parameters.
fn params(args: &AnalyzeArgs, config: &Config, env: &Env) -> anyhow::Result<Params> {
    Ok(Params {
        focus_year: args.year,
        dormant_after_months: args.dormant_after.or(config.dormant_after).unwrap_or(12),
        thresholds: config.thresholds().map_err(|e| config_error(config, e))?,
        threads: threads(args.input.threads, env),
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
    use portfolio::ingest::dialect::dates::{FIRST_YEAR, LAST_YEAR};
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|date| (FIRST_YEAR..=LAST_YEAR).contains(&date.year()))
        .ok_or_else(|| UsageError::AsOf {
            text: text.to_string(),
            first: FIRST_YEAR,
            last: LAST_YEAR,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn env() -> Env {
        Env {
            locale: "fr_FR.UTF-8".into(),
            no_color: false,
            terminal: true,
            width: 132,
            today: NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
            cores: 6,
        }
    }

    fn resolve(args: &[&str], env: &Env) -> Settings {
        let cli = crate::cli::Cli::try_parse_from(args).unwrap();
        let crate::cli::Command::Analyze(args) = cli.command else {
            panic!("not analyze")
        };
        Settings::resolve(&args, Section::All, &Config::default(), env).unwrap()
    }

    #[test]
    fn settings_come_from_the_flags_then_the_environment() {
        let on_terminal = resolve(
            &["portfolio", "analyze", "f.csv", "--as-of", "today"],
            &env(),
        );
        assert_eq!(on_terminal.lang, Lang::Fr, "the locale's language");
        assert_eq!(
            on_terminal.ingest.as_of,
            NaiveDate::from_ymd_opt(2026, 3, 14)
        );
        assert_eq!(on_terminal.params.threads, 6);
        assert_eq!(on_terminal.ingest.reading.threads, 6);
        assert_eq!(on_terminal.render.width, Some(132));
        assert!(on_terminal.render.color);
        assert_eq!(on_terminal.format, Format::Table);

        let to_file = resolve(
            &[
                "portfolio",
                "analyze",
                "f.csv",
                "--output",
                "r.md",
                "--format",
                "markdown",
                "--lang",
                "en",
                "--threads",
                "2",
                "--fail-on",
                "high",
            ],
            &env(),
        );
        assert_eq!(to_file.lang, Lang::En);
        assert_eq!(
            to_file.render.width,
            Some(100),
            "a file gets the usual width"
        );
        assert!(!to_file.render.color);
        assert_eq!(to_file.params.threads, 2);
        assert_eq!(to_file.fail_on, Some(Level::High));
        assert_eq!(to_file.format, Format::Markdown);

        let refused = Env {
            no_color: true,
            ..env()
        };
        assert!(
            !resolve(&["portfolio", "analyze", "f.csv"], &refused)
                .render
                .color
        );
        let piped = Env {
            terminal: false,
            ..env()
        };
        assert!(
            !resolve(&["portfolio", "analyze", "f.csv"], &piped)
                .render
                .color
        );
    }

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
