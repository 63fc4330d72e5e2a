//! The typed errors of reading inputs: each names the file (and line when there is one),
//! says what was expected and how to fix it.

use std::io;

/// Why an input cannot be read at all. Row-level problems are not errors: they are
/// rejected rows, counted in the file's summary.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: io::Error,
    },

    #[error("{file}: the file is empty: export the invoices again, with at least a header row and one invoice")]
    Empty { file: String },

    #[error("{file}: --by {column:?}: no column has that header.\n  headers found: {found}")]
    UnknownGroupColumn {
        file: String,
        column: String,
        found: String,
    },

    /// `--by` met more groups than it keeps in memory at once: the caller reads the
    /// file again, group by group when its groups are contiguous ([`crate::ingest::load_grouped`]).
    /// A user never sees this.
    #[error("--by: more groups than are read side by side")]
    ManyGroups,

    #[error("{file}: --basis cash counts revenue when it was paid, and no column gives a payment date (headers: {headers}); pass --map paid_date=HEADER, or use --basis invoice")]
    CashBasisWithoutPaidDate { file: String, headers: String },

    #[error("{file}: --by needs an invoice export (one row per invoice or invoice line); this is an accounting export (FEC or ledger): run it without --by")]
    GroupsNeedInvoiceExport { file: String },

    #[error("{file}: this is {}, not a CSV file: {}", kind.what(), kind.hint())]
    NotCsv { file: String, kind: NotCsv },

    #[error(
        "{file}: no header row names the required column(s) {}.\n  headers found (line {line}): {}\n  \
         say which column holds each with --map, e.g. --map {example}{}",
        missing.join(", "),
        quoted_list(found),
        if *looks_like_clients { "\n  (this looks like a list of clients, not invoices: pass it with --clients beside the invoices file)" } else { "" }
    )]
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

    #[error("{file}: --map {field}={header:?}: no column has that header.\n  headers found (line {line}): {}", quoted_list(found))]
    UnknownMappedHeader {
        file: String,
        field: String,
        header: String,
        line: u64,
        found: Vec<String>,
    },

    #[error("{file}: only a header row (line {line}), no data: nothing to analyse")]
    HeaderOnly { file: String, line: u64 },

    #[error("{file}: several currencies and no exchange rates: {counts}.\n  \
             give rates into one base currency with --rates FILE (lines `currency,rate` or `currency,rate,year`) \
             and name the base with --currency")]
    SeveralCurrencies { file: String, counts: String },

    #[error("{file}:{line}: no exchange rate for {currency} in {year}: add a line `{currency},RATE` to the rates file")]
    MissingRate {
        file: String,
        line: u64,
        currency: String,
        year: i32,
    },

    #[error("{file}: {rows} rows are in {currency} and the base currency is {base}, but no rate converts {currency}: add a line `{currency},RATE` to the rates file (--rates), or choose --currency {currency}")]
    MissingBaseRate {
        file: String,
        currency: String,
        rows: u64,
        base: String,
    },

    #[error("{file}: every currency was converted with --rates, so the base currency is unknown: name it with --currency")]
    UnknownBase { file: String },

    #[error("{file}:{line}: the amounts add up beyond the largest supported value (about 7.9e28): check the amount column")]
    Overflow { file: String, line: u64 },

    #[error("{file}:{line}: a quote (\") opens a value that is never closed, so the {lines} lines after it would be read as one value and their rows lost: close or remove that quote, or export the file again")]
    UnterminatedQuote { file: String, line: u64, lines: u64 },

    #[error("{0}")]
    DateOrderContradicted(Box<DateOrderContradiction>),

    #[error("{file}: internal error: unidentified revenue was booked before a client; please report this file")]
    UnidentifiedNotLast { file: String },
    #[error("{file}: internal error: the day-by-day figures kept start after the report's windows; please report this file")]
    DaysNotKept { file: String },

    #[error("{file}: --map {field}={header:?} does not apply to a FEC: its columns are fixed by law (JournalCode, CompteNum, Debit, Credit…) and read by name; remove --map for this file")]
    MapOnFec {
        file: String,
        field: String,
        header: String,
    },

    #[error("{file}: {}", problem.english())]
    Workbook {
        file: String,
        problem: crate::ingest::formats::workbook::WorkbookProblem,
    },

    #[error("{file}:{line}: {message}")]
    BadRates {
        file: String,
        line: u64,
        message: String,
    },
}

/// A date that reads only in the order the first rows did not choose (SPEC 2.1).
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: the date {value:?} in {column:?} reads only as {}, but every date before it read both ways and {chosen} was chosen: {file} cannot be read again to read the whole column that way, so pass --date-format {}", other.label(), other.label())]
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

impl NotCsv {
    pub fn what(self) -> &'static str {
        match self {
            NotCsv::Zip => "an Excel workbook (.xlsx) or another zip archive",
            NotCsv::OldExcel => "an old Excel workbook (.xls)",
            NotCsv::Pdf => "a PDF document",
            NotCsv::Json => "a JSON document",
            NotCsv::Binary => "binary data",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            NotCsv::Zip | NotCsv::OldExcel => "portfolio reads workbooks from their path, not from standard input: give the file's path, or save it as \"CSV UTF-8\"",
            NotCsv::Pdf => "export the invoices from your invoicing tool as CSV instead",
            NotCsv::Json => "export the invoices as CSV instead (or convert it, e.g. with jq -r '.[] | [...] | @csv')",
            NotCsv::Binary => "give portfolio the CSV export of your invoicing tool",
        }
    }
}

/// `"Date", "Client", "Status"`: headers as an error quotes them.
pub fn quoted_list(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| format!("{h:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl IngestError {
    pub fn io(file: &str, source: io::Error) -> Self {
        IngestError::Io {
            file: file.to_string(),
            source,
        }
    }
}
