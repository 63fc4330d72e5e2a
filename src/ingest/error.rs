//! The typed errors of reading inputs: each carries what its message needs (the file,
//! the line when there is one, what was found), and `report::errors` words it in
//! English (its `Display`) and French, side by side, saying what was expected and how
//! to fix it.

use std::io;

use crate::ingest::formats::rates::RatesProblem;
use crate::ingest::formats::workbook::WorkbookProblem;

/// Why an input cannot be read at all. Row-level problems are not errors: they are
/// rejected rows, counted in the file's summary.
#[derive(Debug)]
pub enum IngestError {
    /// The system could not read the file.
    Io { file: String, source: io::Error },

    /// No byte at all.
    Empty { file: String },

    /// `--by` names no header.
    UnknownGroupColumn {
        file: String,
        column: String,
        found: Vec<String>,
    },

    /// `--basis cash` and no payment date column.
    CashBasisWithoutPaidDate { file: String, headers: Vec<String> },

    /// `--by` on an accounting export.
    GroupsNeedInvoiceExport { file: String },

    /// A workbook, a PDF, JSON or binary data given for a CSV file.
    NotCsv { file: String, kind: NotCsv },

    /// No header row names the required columns.
    MissingColumns {
        file: String,
        line: u64,
        /// Field names, as `--map` takes them.
        missing: Vec<&'static str>,
        /// The headers of the header row.
        found: Vec<String>,
        /// `amount="HEADER"`.
        example: String,
        /// The file has the columns of a clients file: it was probably passed in the
        /// invoices' place.
        looks_like_clients: bool,
    },

    /// `--map` names a header the file does not have.
    UnknownMappedHeader {
        file: String,
        field: String,
        header: String,
        line: u64,
        found: Vec<String>,
    },

    /// A header row and nothing after it.
    HeaderOnly { file: String, line: u64 },

    /// Several currencies and no rates: each currency with its rows.
    SeveralCurrencies {
        file: String,
        counts: Vec<(String, u64)>,
    },

    /// A row's currency has no rate for its year.
    MissingRate {
        file: String,
        line: u64,
        currency: String,
        year: i32,
    },

    /// Rows in a currency no rate converts into the base currency.
    MissingBaseRate {
        file: String,
        currency: String,
        rows: u64,
        base: String,
    },

    /// Every currency was converted, so none is the base.
    UnknownBase { file: String },

    /// Amounts add up beyond what a `Decimal` holds.
    Overflow { file: String, line: u64 },

    /// A quote opens a value that never closes.
    UnterminatedQuote { file: String, line: u64, lines: u64 },

    /// A date contradicts the date order chosen, in a stream that cannot be read again.
    DateOrderContradicted(Box<DateOrderContradiction>),

    /// Internal error: unidentified revenue was booked before a client.
    UnidentifiedNotLast { file: String },

    /// Internal error: the daily detail kept starts after the report's windows.
    DaysNotKept { file: String },

    /// `--map` on a FEC, whose columns are fixed.
    MapOnFec {
        file: String,
        field: String,
        header: String,
    },

    /// A workbook that cannot be read.
    Workbook {
        file: String,
        problem: WorkbookProblem,
    },

    /// A rates file (`--rates`) that cannot be read.
    BadRates {
        file: String,
        line: u64,
        problem: RatesProblem,
    },
}

impl std::error::Error for IngestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            IngestError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A date that reads only in the order the first rows did not choose (SPEC 2.1).
#[derive(Debug)]
pub struct DateOrderContradiction {
    pub file: String,
    pub line: u64,
    pub value: String,
    pub column: String,
    pub chosen: String,
    /// The order the whole column reads in.
    pub other: crate::ingest::dialect::dates::DateFormat,
}

/// What a file that is not CSV is instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCsv {
    Zip,
    OldExcel,
    Pdf,
    Json,
    Binary,
}

impl IngestError {
    pub fn io(file: &str, source: io::Error) -> Self {
        IngestError::Io {
            file: file.to_string(),
            source,
        }
    }
}
