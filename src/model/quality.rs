//! Row accounting: every row read ends in exactly one bucket (used, excluded with its
//! status, rejected with its reason and line), and what was detected about the file.

use std::collections::BTreeMap;

use serde::Serialize;

/// Why a row was rejected; the snake_case name is the JSON key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    BadDate,
    BadAmount,
    MissingClient,
    MissingDate,
    MissingAmount,
    TotalLine,
    RaggedRow,
    ConflictingTotal,
    BadScore,
}

impl RejectReason {
    pub fn key(self) -> &'static str {
        match self {
            RejectReason::BadDate => "bad_date",
            RejectReason::BadAmount => "bad_amount",
            RejectReason::MissingClient => "missing_client",
            RejectReason::MissingDate => "missing_date",
            RejectReason::MissingAmount => "missing_amount",
            RejectReason::TotalLine => "total_line",
            RejectReason::RaggedRow => "ragged_row",
            RejectReason::ConflictingTotal => "conflicting_total",
            RejectReason::BadScore => "bad_score",
        }
    }
}

/// What exactly was wrong with a rejected row, with the values to quote: the report
/// words it in the user's language (`report::check`), so nothing here is a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The row has `fields` values where the header has `expected`.
    Ragged {
        fields: usize,
        expected: usize,
        delimiter: String,
    },
    TotalLine,
    /// An empty date cell; `fields` is set when the row is also short.
    NoDate {
        column: String,
        short: Option<(usize, usize)>,
    },
    /// `format` is the strftime pattern the column is read with.
    BadDate {
        value: String,
        column: String,
        format: String,
    },
    NoClient {
        column: String,
    },
    /// A ledger income line without a customer.
    NoCustomer,
    NoAmount {
        column: String,
    },
    BadAmount {
        value: String,
        column: String,
        why: AmountError,
        decimal: char,
    },
    /// An amount less its tax, or a credit less a debit, beyond the largest amount.
    AmountTooLarge {
        column: String,
    },
    /// A FEC `Sens` cell that is neither debit nor credit.
    BadDirection {
        value: String,
    },
    /// An invoice total repeated on its lines with another value.
    ConflictingTotal {
        invoice: String,
        first: String,
        this: String,
    },
    BadScore {
        value: String,
        column: String,
    },
    /// A balance (or a total less the amount paid) larger than the invoice's total.
    BalanceAboveTotal {
        column: String,
        balance: String,
        total: String,
    },
}

/// One rejected row: where, why, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub reason: RejectReason,
    /// The header of the offending column, when one is to blame.
    pub column: Option<String>,
    pub problem: Problem,
}

/// How many rejected rows are kept with their details (all are counted).
pub const KEPT_REJECTIONS: usize = 10_000;

/// What was read from one input file and what became of each row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSummary {
    pub path: String,
    /// `invoices`, `fec` (French accounting entries) or `ledger` (accounting transactions).
    pub format: &'static str,
    pub encoding: String,
    pub delimiter: String,
    /// Decimal separator of the amount column(s), when the file has one.
    pub decimal: Option<char>,
    pub date_format: Option<String>,
    /// Field → header.
    pub columns: BTreeMap<String, String>,
    pub header_line: u64,
    pub preamble_rows: u64,
    pub blank_rows: u64,
    /// Data rows read (blank rows and the preamble are not rows).
    pub rows: u64,
    pub used: u64,
    pub excluded: BTreeMap<String, u64>,
    pub rejected: BTreeMap<RejectReason, u64>,
    pub rejections: Vec<Rejection>,
    /// Set when the file was a workbook: the sheet read, as CSV text.
    pub workbook: Option<WorkbookRead>,
}

impl FileSummary {
    pub fn excluded_total(&self) -> u64 {
        self.excluded.values().sum()
    }

    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    pub fn first_rejected_lines(&self, count: usize) -> Vec<u64> {
        self.rejections.iter().take(count).map(|r| r.line).collect()
    }

    pub fn use_row(&mut self) {
        self.rows += 1;
        self.used += 1;
    }

    pub fn exclude(&mut self, reason: &str) {
        self.rows += 1;
        *self.excluded.entry(reason.to_string()).or_default() += 1;
    }

    pub fn reject(
        &mut self,
        line: u64,
        reason: RejectReason,
        column: Option<&str>,
        problem: Problem,
    ) {
        self.rows += 1;
        *self.rejected.entry(reason).or_default() += 1;
        if self.rejections.len() < KEPT_REJECTIONS {
            self.rejections.push(Rejection {
                line,
                reason,
                column: column.map(str::to_string),
                problem,
            });
        }
    }

    /// The bucket invariant: every row is in exactly one bucket.
    pub fn is_balanced(&self) -> bool {
        self.rows == self.used + self.excluded_total() + self.rejected_total()
    }
}

/// The summaries of the inputs of one run: the invoices always, the others when given.
#[derive(Clone, Debug)]
pub struct Inputs {
    pub invoices: FileSummary,
    pub clients: Option<FileSummary>,
    pub surveys: Option<FileSummary>,
    /// The settings file the run applied (`portfolio.toml`), set by the caller: a file
    /// found in the current directory changes thresholds, so the report names it.
    pub settings: Option<String>,
}

impl Inputs {
    /// Every file read, invoices first.
    pub fn files(&self) -> impl Iterator<Item = &FileSummary> {
        std::iter::once(&self.invoices)
            .chain(self.clients.as_ref())
            .chain(self.surveys.as_ref())
    }
}

/// Why a cell is not an amount. Each says what was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NoDigits,
    NotANumber,
    Scientific,
    UnexpectedCharacter(char),
    TwoSigns,
    Grouping,
    TooPrecise,
    TooLarge,
}

/// What was read of a workbook, for `check`: the sheet, the others, and how many cells
/// were typed numbers or dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkbookRead {
    pub sheet: String,
    pub sheets: Vec<String>,
    pub typed_cells: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_lands_in_one_bucket() {
        let mut s = FileSummary::default();
        s.use_row();
        s.exclude("draft");
        s.reject(7, RejectReason::BadDate, Some("Date"), Problem::TotalLine);
        assert_eq!(
            (s.rows, s.used, s.excluded_total(), s.rejected_total()),
            (3, 1, 1, 1)
        );
        assert!(s.is_balanced());
        assert_eq!(s.first_rejected_lines(10), [7]);
    }
}
