//! Things worth telling the user about the inputs that are not errors. Typed, so the
//! report can word them in any language; `Display` is the English wording.

use std::fmt;

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
        count: u64,
        lines: Vec<u64>,
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
    DuplicateClientRows {
        file: String,
        lines: Vec<u64>,
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
    NoRevenue {
        file: String,
        excluded: u64,
    },
}

fn list(names: &[String], total: u64) -> String {
    let shown = names.join(", ");
    let more = total.saturating_sub(names.len() as u64);
    if more > 0 {
        format!("{shown} and {more} more")
    } else {
        shown
    }
}

fn counts(values: &Counts) -> String {
    values
        .iter()
        .map(|(v, n)| format!("{v:?} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lines(lines: &[u64]) -> String {
    lines
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::AmountsIncludeTax { file, column } => write!(f, "{file}: amounts include tax: no amount column excluding tax was found, so {column:?} is used; name one with --map amount=HEADER"),
            Warning::AmbiguousDates { file, column, chosen, other } => write!(f, "{file}: every date in {column:?} reads both day-first and month-first; read as {chosen}. If wrong, pass --date-format {other}"),
            Warning::ConflictingDates { file, column, chosen } => write!(f, "{file}: some dates in {column:?} are day-first and some month-first; read as {chosen}, the rest are rejected. Fix the column or pass --date-format"),
            Warning::AmbiguousDecimal { file, column, chosen } => write!(f, "{file}: no value in {column:?} shows its decimal separator (values like 1,234); read {chosen:?} as decimal. If wrong, pass --decimal {}", if *chosen == ',' { '.' } else { ',' }),
            Warning::ConflictingDecimal { file, column, chosen } => write!(f, "{file}: values in {column:?} disagree on the decimal separator; read {chosen:?} as decimal, values that do not fit are rejected. Check with `portfolio check` or pass --decimal"),
            Warning::WindowsFallback { file, lines: l } => write!(f, "{file}: lines {} are not valid UTF-8 and were read as Windows-1252; if names look wrong, pass --encoding", lines(l)),
            Warning::InvoiceTotalsOncePerInvoice { file, column, invoices, rows } => write!(f, "{file}: {column:?} repeats the invoice total on every line, so it is counted once per invoice ({invoices} invoices over {rows} rows)"),
            Warning::RepeatedInvoiceAmounts { file, invoices } => write!(f, "{file}: {invoices} invoice numbers appear on several rows with different amounts; the rows are added up as invoice lines"),
            Warning::UnknownStatus { file, values } => write!(f, "{file}: unknown status values, counted as revenue: {}", counts(values)),
            Warning::UnknownKind { file, values } => write!(f, "{file}: unknown kind values, counted as services: {}", counts(values)),
            Warning::UnknownClientType { file, values } => write!(f, "{file}: unknown client types, taken as direct clients: {}", counts(values)),
            Warning::UnknownChannel { file, values } => write!(f, "{file}: unknown channels, taken as \"other\": {}", counts(values)),
            Warning::DuplicateRows { file, count, lines: l } => write!(f, "{file}: rows repeating an earlier row (same invoice number, date, client and amount): {count}, lines {}; each is counted, remove them if the export doubled them", lines(l)),
            Warning::CurrencyFromSymbol { file, symbol, currency } => write!(f, "{file}: amounts carry {symbol:?} and no currency column: read as {currency}; name another with --currency"),
            Warning::Converted { file, currencies, base } => write!(f, "{file}: amounts in {} converted to {base} with the rates file", currencies.join(", ")),
            Warning::ClientsWithoutInvoices { file, names, count } => write!(f, "{file}: clients with no invoice ({count}): {}", list(names, *count)),
            Warning::InvoicedClientsMissing { file, names, count } => write!(f, "{file}: invoiced clients missing from this file ({count}): {}", list(names, *count)),
            Warning::DuplicateClientRows { file, lines: l } => write!(f, "{file}: lines {} describe a client already described; the first is kept", lines(l)),
            Warning::SurveysUnmatched { file, names, count } => write!(f, "{file}: answers naming no invoiced client ({count}): {}", list(names, *count)),
            Warning::InvalidClientScores { file, lines: l } => write!(f, "{file}: scores that are not whole numbers from 0 to 10 were ignored on lines {}", lines(l)),
            Warning::RejectedRows { file, count, first_lines } => write!(f, "{file}: rows rejected: {count} (first lines: {}); run `portfolio check` for the reasons", lines(first_lines)),
            Warning::NoRevenue { file, excluded } => write!(f, "{file}: no counted revenue ({excluded} rows excluded by their status)"),
        }
    }
}
