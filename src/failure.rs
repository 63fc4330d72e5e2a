//! Why the binary stops, typed so that `main` can word it in the user's language
//! ([`crate::wording`]). The library's own errors (`IngestError`, `AnalysisError`) are
//! worded by `portfolio::report::errors`.

use std::error::Error;
use std::io;

use portfolio::model::quality::Rejection;

/// A command line the program cannot run as given: exit 2, like clap's own errors.
#[derive(Debug)]
pub enum UsageError {
    OnlyInvoicesOnStdin,
    CsvWholeReport,
    ByAnalyzeOnly,
    ByInvoicesOnly,
    OutputIsInput { output: String, input: String },
    FiscalYearStart(String),
    StatementReferralsOnly,
    UnknownReferrer { name: String, known: String },
    AsOf { text: String, first: i32, last: i32 },
}

/// Why a run stopped that is not a usage error: exit 1.
#[derive(Debug)]
pub enum Failure {
    IsDirectory {
        file: String,
    },
    CannotOpen {
        file: String,
        source: io::Error,
    },
    CannotWrite {
        file: String,
        source: io::Error,
    },
    CannotWriteOutput {
        source: io::Error,
    },
    CannotWriteIn {
        file: String,
        dir: String,
        source: io::Error,
    },
    CannotCreateDirectory {
        dir: String,
        source: io::Error,
    },
    Strict {
        total: u64,
        /// The first rejected rows, with their file.
        rows: Vec<(String, Rejection)>,
    },
    NothingToAnalyse {
        file: String,
        rows: u64,
        excluded: u64,
        excluded_by_status: Vec<(String, u64)>,
        rejected: u64,
    },
    SettingsUnreadable {
        file: String,
        source: crate::config::ConfigError,
    },
    SettingsInvalid {
        file: String,
        source: crate::config::ConfigError,
    },
    /// A value of the settings file the run cannot use.
    SettingsValue {
        file: String,
        error: crate::config::ConfigError,
    },
    GroupsFailedInSummary(u64),
    NoGroupRevenue,
    GroupsFailed(u64),
    TemplateLinks(Vec<String>),
    TemplateExists(Vec<String>),
}

impl Error for UsageError {}

impl Error for Failure {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Failure::CannotOpen { source, .. }
            | Failure::CannotWrite { source, .. }
            | Failure::CannotWriteOutput { source }
            | Failure::CannotWriteIn { source, .. }
            | Failure::CannotCreateDirectory { source, .. } => Some(source),
            Failure::SettingsUnreadable { source, .. }
            | Failure::SettingsInvalid { source, .. } => Some(source),
            _ => None,
        }
    }
}
