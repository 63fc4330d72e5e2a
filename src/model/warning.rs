//! Things worth telling the user about the inputs that are not errors. Typed, so the
//! report can word them in any language (`report::warnings`).

use serde::Serialize;

/// A list of values and how many rows had each, e.g. unknown statuses.
pub type Counts = Vec<(String, u64)>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    AmountsIncludeTax {
        file: String,
        column: String,
    },
    /// The amount includes tax and the tax is beside it: revenue is `column` − `tax`.
    TaxSubtracted {
        file: String,
        column: String,
        tax: String,
    },
    /// A balance column beside line amounts, with no invoice total to take it as a
    /// share of: it is not read.
    BalanceBesideLines {
        file: String,
        column: String,
    },
    /// On the cash basis: invoices partly paid whose payment has no date, so what was
    /// received of them counts in no year.
    UndatedReceipts {
        file: String,
        invoices: u64,
        #[serde(with = "rust_decimal::serde::str")]
        received: rust_decimal::Decimal,
    },
    /// Clients-file rows whose commission rate is not a percentage from 0 to 100.
    InvalidCommissionRates {
        file: String,
        lines: Vec<u64>,
    },
    /// FEC customer lines whose `DateLet` is not a date: taken as not paid.
    UnreadableLetterDates {
        file: String,
        lines: Vec<u64>,
    },
    /// Two headers name one field equally well; `chosen` is read.
    TiedColumns {
        file: String,
        field: &'static str,
        chosen: String,
        other: String,
    },
    AmbiguousDates {
        file: String,
        column: String,
        chosen: String,
        other: String,
    },
    ConflictingDates {
        file: String,
        column: String,
        chosen: String,
    },
    AmbiguousDecimal {
        file: String,
        column: String,
        chosen: char,
    },
    ConflictingDecimal {
        file: String,
        column: String,
        chosen: char,
    },
    /// The whole file is not UTF-8 and was read as Windows-1252.
    ReadAsWindows1252 {
        file: String,
    },
    WindowsFallback {
        file: String,
        lines: Vec<u64>,
    },
    InvoiceTotalsOncePerInvoice {
        file: String,
        column: String,
        invoices: u64,
        rows: u64,
    },
    RepeatedInvoiceAmounts {
        file: String,
        invoices: u64,
    },
    UnknownStatus {
        file: String,
        values: Counts,
    },
    UnknownKind {
        file: String,
        values: Counts,
    },
    UnknownClientType {
        file: String,
        values: Counts,
    },
    UnknownChannel {
        file: String,
        values: Counts,
    },
    DuplicateRows {
        file: String,
        /// An estimate when `sampled_one_in` is above 1 (too many rows to remember each,
        /// in the file or, with `--by`, in all groups: see `ingest::aggregate::duplicates`).
        count: u64,
        lines: Vec<u64>,
        sampled_one_in: u64,
    },
    CurrencyFromSymbol {
        file: String,
        symbol: String,
        currency: String,
    },
    Converted {
        file: String,
        currencies: Vec<String>,
        base: String,
    },
    ClientsWithoutInvoices {
        file: String,
        names: Vec<String>,
        count: u64,
    },
    InvoicedClientsMissing {
        file: String,
        names: Vec<String>,
        count: u64,
    },
    /// Rows describing a client already described: `count` of them, the first lines.
    DuplicateClientRows {
        file: String,
        lines: Vec<u64>,
        count: u64,
    },
    SurveysUnmatched {
        file: String,
        names: Vec<String>,
        count: u64,
    },
    InvalidClientScores {
        file: String,
        lines: Vec<u64>,
    },
    RejectedRows {
        file: String,
        count: u64,
        first_lines: Vec<u64>,
    },
    /// Revenue whose payer the ledger does not name (cash sales, a collective customer
    /// account): counted under the unidentified payer.
    UnidentifiedRevenue {
        file: String,
        amount: rust_decimal::Decimal,
        total: rust_decimal::Decimal,
    },
    /// A FEC's legal file name (`<SIREN>FEC<closing date>`) set the fiscal years.
    FiscalYearFromName {
        file: String,
        closing: chrono::NaiveDate,
    },
    /// A FEC's file name gives a closing date its entries do not fit (anonymised samples
    /// carry made-up dates): ignored.
    FiscalYearNameIgnored {
        file: String,
        closing: chrono::NaiveDate,
        latest: chrono::NaiveDate,
    },
    /// Nothing counted; the rows excluded, by reason (`draft`, `not_revenue`…).
    NoRevenue {
        file: String,
        excluded: Counts,
    },
}
