//! One data row of a generic invoice table: into exactly one bucket (counted, excluded,
//! rejected), and the counted ones into a [`RowSink`]. Shared by the rows parsed in
//! parallel chunks and the rows read one by one, so both read a row the same way.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use csv::ByteRecord;
use rust_decimal::Decimal;

use crate::model::{normalize_key, Kind};

use crate::ingest::aggregate::accumulate::CountedRow;
use crate::ingest::aggregate::duplicates::DuplicateCheck;
use crate::ingest::aggregate::fingerprint::fingerprint;
use crate::ingest::aggregate::inline::{same_text, Inline};
use crate::ingest::dialect::cells::{is_total_label, CellFormats};
use crate::ingest::dialect::columns::Mapping;
use crate::ingest::dialect::money::{currency_code, ParsedAmount};
use crate::ingest::dialect::reader::{decode_cell, delimiter_label, Encoding};
use crate::ingest::dialect::records::Fields;
use crate::ingest::dialect::vocab::{self, Status};
use crate::ingest::error::{DateOrderContradiction, IngestError};
use crate::ingest::formats::invoices::Tally;
use crate::ingest::formats::payment_cells::PaymentCells;
use crate::model::quality::{FileSummary, Problem, RejectReason};

/// The cells of a row, however it was parsed.
pub trait Cells {
    fn count(&self) -> usize;
    fn bytes(&self, index: usize) -> Option<&[u8]>;
    /// The cell as UTF-8 text, when the parser already knows it is.
    fn text(&self, _index: usize) -> Option<&str> {
        None
    }
}

impl Cells for ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self, index: usize) -> Option<&[u8]> {
        self.get(index)
    }
}

impl Cells for Fields<'_> {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self, index: usize) -> Option<&[u8]> {
        self.get(index)
    }
    fn text(&self, index: usize) -> Option<&str> {
        Fields::text(self, index)
    }
}

/// How amounts relate to invoices in a file with several rows per invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountMode {
    /// Each row's amount counts (one row per invoice, or line amounts).
    PerRow,
    /// The invoice total is repeated on every line: count it once per invoice.
    OncePerInvoice,
}

/// Column indexes of the mapped fields.
#[derive(Clone, Debug)]
pub struct Columns {
    pub date: Option<usize>,
    pub client: Option<usize>,
    pub client_id: Option<usize>,
    pub amount: Option<usize>,
    pub invoice_id: Option<usize>,
    pub currency: Option<usize>,
    pub status: Option<usize>,
    pub kind: Option<usize>,
    pub intermediary: Option<usize>,
    /// The tax to subtract from an amount that includes it (`Total` − `Amount (VAT)`).
    pub tax: Option<usize>,
}

impl Columns {
    pub fn of(mapping: &Mapping) -> Self {
        Self {
            date: mapping.index("date"),
            client: mapping.index("client"),
            client_id: mapping.index("client_id"),
            amount: mapping.index("amount"),
            invoice_id: mapping.index("invoice_id"),
            currency: mapping.index("currency"),
            status: mapping.index("status"),
            kind: mapping.index("kind"),
            intermediary: mapping.index("intermediary"),
            tax: mapping.tax_to_subtract(),
        }
    }
}

/// Everything decided about a table before its rows are read.
#[derive(Clone, Debug)]
pub struct RowRules {
    pub columns: Columns,
    /// Cells in the header.
    pub width: usize,
    pub formats: CellFormats,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub mode: AmountMode,
    pub date_header: String,
    pub amount_header: String,
    /// The tax column's header, when the tax is subtracted.
    pub tax_header: String,
    /// The client columns' headers, for "no client in …".
    pub client_headers: String,
    /// `--currency` was given: a bare `$` yields to it.
    pub currency_given: bool,
    /// The payment columns, when the file has any.
    pub payments: PaymentCells,
}

/// Where counted rows go.
pub trait RowSink {
    fn add(&mut self, row: &CountedRow) -> Result<(), IngestError>;

    /// A row's client id, as soon as it is read and before the rest of the row is: a
    /// sink may start finding the client, so that the cache misses of finding it are
    /// waited for while the row's other cells are parsed. The row may still be rejected.
    fn expect_client(&mut self, _line: u64, _client_id: &str) {}

    /// In a file that repeats invoice totals on every line: whether this row's invoice
    /// was already counted, and with which amount (`None`: a continuation line without
    /// one). Only the one-by-one reader folds.
    fn invoice_total(&mut self, _invoice: InvoiceKey, _amount: Option<Decimal>) -> Seen {
        Seen::First
    }
}

/// What a once-per-invoice file's row is to the invoice it belongs to.
pub enum Seen {
    /// The first row of the invoice: counted.
    First,
    /// Another row with the same total: folded into the first.
    Again,
    /// Another row with a different total: the first one's amount.
    Conflicting(Decimal),
    /// A row without an amount whose invoice has no row with one yet.
    NoAmount,
}

/// What identifies one invoice (SPEC 2.1): its number with its client, its date and its
/// kind of document. Numbers that restart every year, a reference billed every month and
/// a credit note carrying its invoice's number are each another document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InvoiceKey {
    /// The client's normalised key.
    pub client: String,
    pub number: String,
    pub date: NaiveDate,
    pub credit_note: bool,
}

/// The invoices of a file that repeats invoice totals on every line, for
/// [`RowSink::invoice_total`]: each invoice's first amount, and the rows folded into it.
#[derive(Debug, Default)]
pub struct InvoiceTotals {
    first: std::collections::HashMap<InvoiceKey, Decimal>,
    pub folded: u64,
}

impl InvoiceTotals {
    pub fn check(&mut self, invoice: InvoiceKey, amount: Option<Decimal>) -> Seen {
        match (self.first.get(&invoice), amount) {
            (Some(_), None) => {
                self.folded += 1;
                Seen::Again
            }
            (Some(first), Some(amount)) if *first == amount => {
                self.folded += 1;
                Seen::Again
            }
            (Some(first), Some(_)) => Seen::Conflicting(*first),
            (None, None) => Seen::NoAmount,
            (None, Some(amount)) => {
                self.first.insert(invoice, amount);
                Seen::First
            }
        }
    }

    /// Invoices counted.
    pub fn invoices(&self) -> u64 {
        self.first.len() as u64
    }
}

/// Small memo of a column's distinct words (statuses, kinds, currencies repeat).
#[derive(Clone, Debug)]
struct Memo<T> {
    /// Each word in place when it is short, beside the word itself: most lookups
    /// compare a few integers, no string.
    entries: Vec<(Option<Inline<16>>, String, T)>,
    /// The entry found last: the same word usually comes again.
    last: usize,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            last: 0,
        }
    }
}

impl<T> Memo<T> {
    fn find(&mut self, text: &str) -> Option<usize> {
        // The word of the last row is compared as it is: making its inline key would
        // cost more than the comparison.
        if let Some((_, word, _)) = self.entries.get(self.last) {
            if same_text(word.as_bytes(), text.as_bytes()) {
                return Some(self.last);
            }
        }
        let key = Inline::of(text);
        let same = |(inline, word, _): &(Option<Inline<16>>, String, T)| match key {
            Some(key) => *inline == Some(key),
            None => word == text,
        };
        let found = self.entries.iter().position(same)?;
        self.last = found;
        Some(found)
    }
}

impl<T: Clone> Memo<T> {
    const SIZE: usize = 32;

    fn get(&mut self, text: &str, compute: impl FnOnce(&str) -> T) -> T {
        if let Some((_, _, value)) = self.find(text).and_then(|i| self.entries.get(i)) {
            return value.clone();
        }
        let value = compute(text);
        if self.entries.len() < Self::SIZE {
            self.entries
                .push((Inline::of(text), text.to_string(), value.clone()));
        }
        value
    }
}

impl Memo<String> {
    /// Like `get`, without copying the remembered text.
    fn text(&mut self, text: &str, compute: impl Fn(&str) -> String) -> Cow<'_, str> {
        let found = self.find(text);
        let index = match found {
            Some(index) => index,
            None if self.entries.len() < Self::SIZE => {
                self.entries
                    .push((Inline::of(text), text.to_string(), compute(text)));
                self.entries.len() - 1
            }
            None => return Cow::Owned(compute(text)),
        };
        match self.entries.get(index) {
            Some((_, _, value)) => Cow::Borrowed(value.as_str()),
            None => Cow::Owned(compute(text)),
        }
    }
}

/// What reading rows produced besides revenue, merged in file order.
#[derive(Clone, Debug, Default)]
pub struct RowTally {
    pub summary: FileSummary,
    pub unknown_status: Tally,
    pub unknown_kind: Tally,
    /// `$` read as a currency: (symbol, code).
    pub symbol_currency: Option<(String, String)>,
    pub fallback_lines: Vec<u64>,
    pub blank_rows: u64,
    /// Fingerprints of counted rows with an invoice number, with their lines: those
    /// the duplicate check's sample keeps at `duplicate_level`.
    pub fingerprints: Vec<(u64, u64)>,
    pub duplicate_level: u32,
    pub date_order: DateOrderSeen,
    statuses: Memo<Status>,
    kinds: Memo<Option<Kind>>,
    currencies: Memo<String>,
    last_date: Option<(String, NaiveDate)>,
}

impl RowTally {
    /// Moves every line number by `offset` (a chunk's lines are counted from its start).
    pub fn shift_lines(&mut self, offset: u64) {
        for rejection in &mut self.summary.rejections {
            rejection.line += offset;
        }
        for line in &mut self.fallback_lines {
            *line += offset;
        }
        for (_, line) in &mut self.fingerprints {
            *line += offset;
        }
    }
}

/// What the dates read said about a day/month column's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateOrderSeen {
    /// A date's day was above 12, so it read only in the chosen order.
    pub confirmed: bool,
    /// Rejected dates that read only in the other order.
    pub other_order_rows: u64,
}

impl DateOrderSeen {
    /// Notes what one date cell says: `read` is the date it gave in the chosen order,
    /// or `None` when it gave none (it may read only in the other order).
    pub fn note(&mut self, formats: &CellFormats, text: &str, read: Option<NaiveDate>) {
        match read {
            // A day above 12 reads in one order only: the chosen order holds.
            Some(date) => self.confirmed |= date.day() > 12,
            None => {
                let other = formats.date_format.other_order();
                if other.is_some_and(|other| {
                    crate::ingest::dialect::dates::parse_date(text, &other).is_some()
                }) {
                    self.other_order_rows += 1;
                }
            }
        }
    }

    pub fn absorb(&mut self, other: DateOrderSeen) {
        self.confirmed |= other.confirmed;
        self.other_order_rows += other.other_order_rows;
    }
}

/// `text.trim()`, without looking for white space when the text plainly has none at
/// either end (a printable ASCII character).
fn trim(text: &str) -> &str {
    let plain = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_graphic);
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// The normalised client key of a row: its id, else its name.
fn client_key<'a>(id: &'a str, name: &'a str) -> &'a str {
    if id.is_empty() {
        name
    } else {
        id
    }
}

impl RowRules {
    #[inline(always)]
    fn cell<'r>(
        &self,
        row: &'r impl Cells,
        index: Option<usize>,
        line: u64,
        fallback_lines: &mut Vec<u64>,
    ) -> Cow<'r, str> {
        let Some(index) = index else {
            return Cow::Borrowed("");
        };
        if let Some(text) = row.text(index) {
            // Windows-1252 reads non-ASCII bytes otherwise than UTF-8 does.
            if self.encoding != Encoding::Windows1252 || text.is_ascii() {
                return Cow::Borrowed(trim(text));
            }
        }
        match row.bytes(index) {
            Some(bytes) => match decode_cell(self.encoding, bytes, line, fallback_lines) {
                Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
                Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
            },
            None => Cow::Borrowed(""),
        }
    }

    fn date(&self, text: &str, tally: &mut RowTally) -> Result<NaiveDate, Problem> {
        if let Some((last, date)) = &tally.last_date {
            if same_text(last.as_bytes(), text.as_bytes()) {
                return Ok(*date);
            }
        }
        let date = self.formats.date(text, &self.date_header)?;
        match &mut tally.last_date {
            Some((last, last_date)) => {
                last.clear();
                last.push_str(text);
                *last_date = date;
            }
            None => tally.last_date = Some((text.to_string(), date)),
        }
        Ok(date)
    }

    /// Reads one record of the data: a blank one is only counted, any other goes to
    /// its bucket.
    pub fn read_record(
        &self,
        fields: &Fields,
        line: u64,
        tally: &mut RowTally,
        sink: &mut impl RowSink,
    ) -> Result<(), IngestError> {
        if fields.is_blank() {
            tally.blank_rows += 1;
            return Ok(());
        }
        self.read(fields, line, tally, sink)
    }

    /// Reads one non-blank data row into its bucket.
    pub fn read(
        &self,
        row: &impl Cells,
        line: u64,
        tally: &mut RowTally,
        sink: &mut impl RowSink,
    ) -> Result<(), IngestError> {
        let width = self.width;
        if row.count() > width
            && (width..row.count()).any(|i| {
                !self
                    .cell(row, Some(i), line, &mut tally.fallback_lines)
                    .is_empty()
            })
        {
            tally.summary.reject(
                line,
                RejectReason::RaggedRow,
                None,
                Problem::Ragged {
                    fields: row.count(),
                    expected: width,
                    delimiter: delimiter_label(self.delimiter).to_string(),
                },
            );
            return Ok(());
        }
        // The client first: finding it waits on memory, which the other cells need not.
        let id = self.cell(row, self.columns.client_id, line, &mut tally.fallback_lines);
        sink.expect_client(line, &id);
        let status_text = self.cell(row, self.columns.status, line, &mut tally.fallback_lines);
        let status = tally.statuses.get(&status_text, vocab::status);
        match status {
            Status::Excluded(reason) => {
                tally.summary.exclude(reason);
                return Ok(());
            }
            Status::Counted { known: false } => tally.unknown_status.add(&status_text),
            _ => {}
        }
        let date_text = self.cell(row, self.columns.date, line, &mut tally.fallback_lines);
        let date = self.date(&date_text, tally);
        let name = self.cell(row, self.columns.client, line, &mut tally.fallback_lines);
        if date.is_err() {
            let first = (0..row.count())
                .map(|i| {
                    self.cell(row, Some(i), line, &mut tally.fallback_lines)
                        .into_owned()
                })
                .find(|c| !c.is_empty());
            if is_total_label(&name)
                || is_total_label(&id)
                || first.is_some_and(|c| is_total_label(&c))
            {
                tally
                    .summary
                    .reject(line, RejectReason::TotalLine, None, Problem::TotalLine);
                return Ok(());
            }
        }
        let date = match date {
            Ok(date) => date,
            Err(_) if date_text.is_empty() => {
                let short = (row.count() < width).then(|| (row.count(), width));
                tally.summary.reject(
                    line,
                    RejectReason::MissingDate,
                    Some(&self.date_header),
                    Problem::NoDate {
                        column: self.date_header.clone(),
                        short,
                    },
                );
                return Ok(());
            }
            Err(message) => {
                if let Some(other) = self.formats.contradicting_order(&date_text) {
                    // The file is named by the caller, which knows it.
                    return Err(IngestError::DateOrderContradicted(Box::new(
                        DateOrderContradiction {
                            file: String::new(),
                            line,
                            value: date_text.into_owned(),
                            column: self.date_header.clone(),
                            chosen: self.formats.date_format.label(),
                            other,
                        },
                    )));
                }
                tally.date_order.note(&self.formats, &date_text, None);
                tally.summary.reject(
                    line,
                    RejectReason::BadDate,
                    Some(&self.date_header),
                    message,
                );
                return Ok(());
            }
        };
        tally.date_order.note(&self.formats, &date_text, Some(date));
        if id.is_empty() && name.is_empty() {
            let which = &self.client_headers;
            tally.summary.reject(
                line,
                RejectReason::MissingClient,
                Some(which),
                Problem::NoClient {
                    column: which.clone(),
                },
            );
            return Ok(());
        }
        let amount_text = self.cell(row, self.columns.amount, line, &mut tally.fallback_lines);
        let once_per_invoice = self.mode == AmountMode::OncePerInvoice;
        let invoice_key = |invoice_id: &str| InvoiceKey {
            client: normalize_key(client_key(&id, &name)),
            number: invoice_id.to_string(),
            date,
            credit_note: status == Status::CreditNote,
        };
        if amount_text.is_empty() && once_per_invoice {
            // A line-item export's continuation line carries no amount of its own.
            let invoice_id = self.cell(
                row,
                self.columns.invoice_id,
                line,
                &mut tally.fallback_lines,
            );
            if !invoice_id.is_empty() {
                if let Seen::Again = sink.invoice_total(invoice_key(&invoice_id), None) {
                    tally.summary.use_row();
                    return Ok(());
                }
            }
        }
        if amount_text.is_empty() {
            tally.summary.reject(
                line,
                RejectReason::MissingAmount,
                Some(&self.amount_header),
                Problem::NoAmount {
                    column: self.amount_header.clone(),
                },
            );
            return Ok(());
        }
        let parsed = match self.formats.amount(&amount_text, &self.amount_header) {
            Ok(parsed) => parsed,
            Err(message) => {
                tally.summary.reject(
                    line,
                    RejectReason::BadAmount,
                    Some(&self.amount_header),
                    message,
                );
                return Ok(());
            }
        };
        let net = match self.net_of_tax(row, line, parsed.value, tally) {
            Ok(net) => net,
            Err(message) => {
                tally.summary.reject(
                    line,
                    RejectReason::BadAmount,
                    Some(&self.tax_header),
                    message,
                );
                return Ok(());
            }
        };
        let amount = if status == Status::CreditNote {
            -net.abs()
        } else {
            net
        };
        let payment = if self.payments.any() {
            let formats = &self.formats;
            let fallback_lines = &mut tally.fallback_lines;
            let read = self.payments.read(
                &mut |index| self.cell(row, Some(index), line, fallback_lines),
                &|text, header| formats.date(text, header),
                &|text, header| formats.amount(text, header).map(|a| a.value),
                parsed.value,
            );
            match read {
                Ok(payment) => Some(payment),
                Err((reason, column, problem)) => {
                    tally.summary.reject(line, reason, Some(&column), problem);
                    return Ok(());
                }
            }
        } else {
            None
        };
        // Without a kind column, every row is a service.
        let kind = match self.columns.kind {
            None => Kind::Service,
            Some(_) => {
                let kind_text = self.cell(row, self.columns.kind, line, &mut tally.fallback_lines);
                tally.kinds.get(&kind_text, vocab::kind).unwrap_or_else(|| {
                    tally.unknown_kind.add(&kind_text);
                    Kind::Service
                })
            }
        };
        let intermediary = self.cell(
            row,
            self.columns.intermediary,
            line,
            &mut tally.fallback_lines,
        );
        let invoice_id = self.cell(
            row,
            self.columns.invoice_id,
            line,
            &mut tally.fallback_lines,
        );
        let currency_text = self.cell(row, self.columns.currency, line, &mut tally.fallback_lines);
        let currency_cell = tally.currencies.text(&currency_text, currency_code);
        let currency = self.currency(
            currency_cell,
            parsed,
            &amount_text,
            &mut tally.symbol_currency,
        );
        if once_per_invoice && !invoice_id.is_empty() {
            match sink.invoice_total(invoice_key(&invoice_id), Some(amount)) {
                Seen::First | Seen::NoAmount => {}
                Seen::Again => {
                    tally.summary.use_row();
                    return Ok(());
                }
                Seen::Conflicting(first) => {
                    tally.summary.reject(
                        line,
                        RejectReason::ConflictingTotal,
                        Some(&self.amount_header),
                        Problem::ConflictingTotal {
                            invoice: invoice_id.to_string(),
                            first: first.to_string(),
                            this: amount.to_string(),
                        },
                    );
                    return Ok(());
                }
            }
        } else if !invoice_id.is_empty() {
            let key = client_key(&id, &name);
            let fingerprint = fingerprint(&invoice_id, date, key, amount);
            if DuplicateCheck::kept(tally.duplicate_level, fingerprint) {
                tally.fingerprints.push((fingerprint, line));
            }
        }
        sink.add(&CountedRow {
            line,
            date,
            client_id: &id,
            client_name: &name,
            amount,
            currency: currency.as_deref(),
            kind,
            intermediary: &intermediary,
            invoice_id: &invoice_id,
            payment,
        })?;
        tally.summary.use_row();
        Ok(())
    }

    /// The amount less the row's tax when the amount includes it (an empty tax cell is
    /// no tax).
    fn net_of_tax(
        &self,
        row: &impl Cells,
        line: u64,
        amount: Decimal,
        tally: &mut RowTally,
    ) -> Result<Decimal, Problem> {
        if self.columns.tax.is_none() {
            return Ok(amount);
        }
        let text = self.cell(row, self.columns.tax, line, &mut tally.fallback_lines);
        let tax = self.formats.amount_or_zero(&text, &self.tax_header)?;
        amount
            .checked_sub(tax)
            .ok_or_else(|| Problem::AmountTooLarge {
                column: self.amount_header.clone(),
            })
    }

    /// The row's currency: its currency cell, else the amount's symbol or code. `$`
    /// names no particular dollar: it yields to --currency.
    fn currency<'c>(
        &self,
        cell: Cow<'c, str>,
        parsed: ParsedAmount,
        amount_text: &str,
        symbol_currency: &mut Option<(String, String)>,
    ) -> Option<Cow<'c, str>> {
        if !cell.is_empty() {
            return Some(cell);
        }
        let weak_dollar = parsed.currency.as_deref() == Some("USD")
            && !amount_text.to_ascii_uppercase().contains("USD");
        match parsed.currency {
            Some(_) if weak_dollar && self.currency_given => None,
            Some(code) => {
                if weak_dollar && symbol_currency.is_none() {
                    *symbol_currency = Some(("$".to_string(), code.clone()));
                }
                Some(Cow::Owned(code))
            }
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_skips_only_plain_ends() {
        for text in [
            "paid",
            " paid",
            "paid ",
            "\tpaid\r",
            "\u{b}paid",
            "paid\u{b}",
            "\u{a0}paid",
            "paid\u{2003}",
            "é",
            " é ",
            "",
            " ",
            "a",
            "\u{1}paid\u{1c}",
            "\u{7f}paid\u{85}",
            "~",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn the_memo_finds_short_and_long_words() {
        let mut memo = Memo::<u8>::default();
        let long = "a status longer than fifteen bytes";
        assert_eq!(memo.get("paid", |_| 1), 1);
        assert_eq!(memo.get(long, |_| 2), 2);
        assert_eq!(memo.get("paid", |_| 9), 1);
        assert_eq!(memo.get(long, |_| 9), 2);
        assert_eq!(memo.get("pai", |_| 3), 3);
    }
}
