//! The command line as clap derive structs: a plain mirror of the flags. Values that can
//! be checked alone are parsed here, so a bad one is a usage error (exit 2).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use portfolio::ingest::dialect::columns::MapOverride;
use portfolio::ingest::dialect::dates::DateFormat;
use portfolio::ingest::dialect::money::DecimalSeparator;
use portfolio::ingest::dialect::reader::Encoding;

#[derive(Debug, Parser)]
#[command(
    name = "portfolio",
    version,
    about = "A yearly review of a freelancer's client portfolio from invoicing-tool CSV exports",
    after_help = "Exit codes: 0 success, 1 unusable input or I/O error, 2 usage error, 3 risk at or above --fail-on."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole review: revenue, segments, risk, retention, NPS, referrals, clients, plan.
    Analyze(AnalyzeArgs),
    /// Print the client segments (the marguerite) per year and the dormant clients.
    Segments(AnalyzeArgs),
    /// Print the dependency risk per year and over the last twelve months.
    Risk(AnalyzeArgs),
    /// Print retention per year (the leaky bathtub) and the cohort table.
    Retention(AnalyzeArgs),
    /// Print the Net Promoter Score, per year, and the clients to call or keep close.
    Nps(AnalyzeArgs),
    /// Print acquisition channels, the referral rate and the referrers.
    Referrals(AnalyzeArgs),
    /// Print the action plan: what to do, most urgent first.
    Plan(AnalyzeArgs),
    /// Print what losing the top client, the top three or the largest intermediary would leave.
    Stress(AnalyzeArgs),
    /// Print who pays late and what is owed (needs a payment date or balance column).
    Payments(AnalyzeArgs),
    /// Print where revenue stands against the French micro and VAT thresholds (with --regime).
    Thresholds(AnalyzeArgs),
    /// Show what was detected in the inputs and every rejected row, without analysing.
    Check(CheckArgs),
    /// Write example invoices.csv, clients.csv, surveys.csv and a commented portfolio.toml.
    Template(TemplateArgs),
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: Shell,
    },
    /// Print the manual page (roff): portfolio man > portfolio.1
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Markdown,
    Csv,
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Fr,
}

/// The inputs and how to read them (shared by every command that reads).
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The invoices export (CSV, or a French FEC); `-` reads standard input.
    pub invoices: String,
    /// Optional clients file: channel, referrer, type, NPS score, thanked.
    #[arg(long, value_name = "FILE")]
    pub clients: Option<PathBuf>,
    /// Optional survey answers: client, date, score, comment.
    #[arg(long, value_name = "FILE")]
    pub surveys: Option<PathBuf>,
    /// Exchange rates into the base currency: lines `currency,rate[,year]`.
    #[arg(long, value_name = "FILE")]
    pub rates: Option<PathBuf>,
    /// Base currency (ISO code, e.g. EUR).
    #[arg(long, value_name = "CUR", value_parser = parse_currency)]
    pub currency: Option<String>,
    /// Field delimiter of the invoices file: , ; tab |
    #[arg(long, value_name = "C", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Decimal separator of the amounts: . or ,
    #[arg(long, value_name = "C", value_parser = clap::value_parser!(DecimalSeparator))]
    pub decimal: Option<DecimalSeparator>,
    /// Date format of the invoices file, strftime (%d/%m/%Y) or spelled out (DD/MM/YYYY).
    #[arg(long, value_name = "FMT", value_parser = DateFormat::from_user)]
    pub date_format: Option<DateFormat>,
    /// The sheet to read when the invoices file is a workbook (.xlsx, .ods, .xls);
    /// without it, the first sheet whose header names the invoices' columns.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Encoding of the invoices file: utf-8, utf-16, utf-16be, windows-1252.
    #[arg(long, value_name = "NAME", value_parser = clap::value_parser!(Encoding))]
    pub encoding: Option<Encoding>,
    /// Force a column mapping, e.g. --map amount="Total HT" (clients.FIELD for the clients file).
    #[arg(long, value_name = "FIELD=HEADER", value_parser = MapOverride::parse)]
    pub map: Vec<MapOverride>,
    /// First day of the fiscal year, MM-DD (years are labelled by the year they start in) [default: 01-01].
    #[arg(long, value_name = "MM-DD")]
    pub fiscal_year_start: Option<String>,
    /// Any rejected row is an error (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// No warnings or progress bar on standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// Threads reading the invoices and computing the report (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// Language of the text: en or fr (default from portfolio.toml, else LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Settings file (default: portfolio.toml in the current directory, when there is one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Years by invoice date, or by payment date (what was received, when) [default: invoice].
    #[arg(long, value_enum)]
    pub basis: Option<BasisArg>,
    /// Check the French micro-enterprise ceilings and VAT franchise thresholds.
    #[arg(long, value_enum, value_name = "REGIME")]
    pub regime: Option<RegimeArg>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BasisArg {
    Invoice,
    Cash,
}

// The values are the regimes' names as users write them (`micro-bnc`).
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RegimeArg {
    MicroBnc,
    MicroBicServices,
    MicroBicSales,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: table; with --by, json].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write the report there (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Focus year (default: the latest year with revenue).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Reference date, YYYY-MM-DD or `today` (default: the latest invoice date).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Months without an invoice before a client is dormant [default: 12].
    #[arg(long, value_name = "MONTHS")]
    pub dormant_after: Option<u32>,
    /// No colour (also NO_COLOR).
    #[arg(long)]
    pub no_color: bool,
    /// Exit with 3, after printing the report, when the overall risk level is at least
    /// LEVEL (the focus year's, or the last 12 months' while the focus year is not over).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<LevelArg>,
    /// `referrals` only: one referrer's statement (what its referrals brought, the
    /// commission due), ready to send to it.
    #[arg(long, value_name = "NAME")]
    pub statement: Option<String>,
    /// One JSON report per value of this column (e.g. `freelancer`), one per line
    /// (NDJSON), in the order the values first appear. `analyze` only.
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Low,
    Moderate,
    High,
    Critical,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// No colour (also NO_COLOR); accepted as by every command (`check` prints none).
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Language of the headers and example values.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
    /// Where to write (default: the current directory).
    pub dir: Option<PathBuf>,
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "\\t" | "tab" | "TAB" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        other => Err(format!("{other:?}: the delimiter is one of , ; tab |")),
    }
}

pub fn parse_currency(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code)
    } else {
        Err(format!(
            "{text:?}: a currency is a three-letter ISO code such as EUR or USD"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn delimiters_and_currencies() {
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert!(parse_delimiter(":").is_err());
        assert_eq!(parse_currency("eur"), Ok("EUR".into()));
        assert!(parse_currency("euro").is_err());
    }
}
