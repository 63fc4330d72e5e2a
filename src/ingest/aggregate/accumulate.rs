//! Folds counted rows into per-client, per-year aggregates as they stream by: memory
//! grows with clients × years, not with rows. Converts currencies with the rates.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::model::{
    money, normalize_key, Client, FiscalYearStart, Kind, Money, ReportWindow, Year, YearRevenue,
};

use crate::ingest::aggregate::inline::{key_bytes, TextMap};
use crate::ingest::aggregate::payment_book::PaymentBook;
use crate::ingest::aggregate::recent::{self, DayRow, RecentWindow};
use crate::ingest::error::IngestError;
use crate::ingest::formats::payment_cells::RowPayment;
use crate::ingest::formats::rates::Rates;

/// One counted row, ready to be added.
#[derive(Clone, Debug)]
pub struct CountedRow<'a> {
    pub line: u64,
    pub date: NaiveDate,
    pub client_id: &'a str,
    pub client_name: &'a str,
    /// Signed amount in `currency` (credit notes already negative).
    pub amount: Money,
    /// ISO code, upper-case; `None` when the row names none.
    pub currency: Option<&'a str>,
    pub kind: Kind,
    pub intermediary: &'a str,
    /// The invoice number, `""` when the file has none.
    pub invoice_id: &'a str,
    /// What the row says about its payment, when the file has payment columns.
    pub payment: Option<RowPayment>,
}

/// The first and last dates of a client's counted rows; invoices (positive) win over
/// credit notes for first and last invoice.
#[derive(Clone, Copy, Debug, Default)]
pub(in crate::ingest) struct Dates {
    first_any: Option<NaiveDate>,
    last_any: Option<NaiveDate>,
    first_invoice: Option<NaiveDate>,
    last_invoice: Option<NaiveDate>,
}

/// Whether a row's amount makes it an invoice (positive) rather than a credit note.
/// Read from the sign: comparing a `Decimal` with zero rescales it first, on every row.
pub(in crate::ingest) fn is_invoice(amount: Money) -> bool {
    amount.is_sign_positive() && !amount.is_zero()
}

impl Dates {
    /// Takes in a row's date; `invoice` when its amount is positive.
    pub(in crate::ingest) fn add(&mut self, date: NaiveDate, invoice: bool) {
        widen(&mut self.first_any, &mut self.last_any, date);
        if invoice {
            widen(&mut self.first_invoice, &mut self.last_invoice, date);
        }
    }
}

/// What reading keeps of a client beside its [`Client`]: the dates of its first and
/// last rows, its latest name's date, and the year being added up. The dates of its
/// first and last invoices are kept in the client from the first row on, where they
/// end up anyway: a million clients' spans take 8 MB less.
#[derive(Clone, Copy, Debug, Default)]
pub(in crate::ingest) struct Span {
    first_row: Option<NaiveDate>,
    last_row: Option<NaiveDate>,
    pub(in crate::ingest) name_date: Option<NaiveDate>,
    /// How many times the client was renamed: unchanged, it says the name is the one a
    /// reading thread saw it have last (see [`crate::ingest::engine::merge::SlotMap`]).
    pub(in crate::ingest) name_version: u32,
    /// The year chunks were last merged into, with its total and rows, kept here rather
    /// than in the client's years until another year comes: merging a chunk then reads
    /// one place per client (its span), not the client and then its years. Other income
    /// and intermediated revenue, zero for most clients, go to the years at once, which
    /// keeps a span small for a file of a million clients.
    current: Option<CurrentYear>,
}

/// The total and rows of the year a span is adding up.
#[derive(Clone, Copy, Debug)]
struct CurrentYear {
    year: Year,
    rows: u32,
    total: Money,
}

impl Span {
    /// A few words read from across the span, for merging's read-ahead of a batch of
    /// spans.
    pub(in crate::ingest) fn glance(&self) -> u64 {
        let year = self.current.as_ref().map_or(0, |current| current.year);
        let first = self.first_row.map_or(0, |d| d.num_days_from_ce());
        u64::from(self.name_version) ^ (year ^ first) as u64
    }

    /// Takes in a row's date; `invoice` when its amount is positive.
    pub(in crate::ingest) fn add_date(
        &mut self,
        client: &mut Client,
        date: NaiveDate,
        invoice: bool,
    ) {
        widen(&mut self.first_row, &mut self.last_row, date);
        if invoice {
            widen(&mut client.first_invoice, &mut client.last_invoice, date);
        }
    }

    /// Takes in the dates of other rows of the client.
    pub(in crate::ingest) fn merge_dates(&mut self, client: &mut Client, other: &Dates) {
        for date in [other.first_any, other.last_any].into_iter().flatten() {
            widen(&mut self.first_row, &mut self.last_row, date);
        }
        for date in [other.first_invoice, other.last_invoice]
            .into_iter()
            .flatten()
        {
            widen(&mut client.first_invoice, &mut client.last_invoice, date);
        }
    }

    /// Settles the client's first and last invoice: its first and last row's when it
    /// has only credit notes.
    fn settle_dates(&self, client: &mut Client) {
        client.first_invoice = client.first_invoice.or(self.first_row);
        client.last_invoice = client.last_invoice.or(self.last_row);
    }

    /// Adds a chunk's figures for one year of the client; `None` on overflow.
    pub(in crate::ingest) fn add_year(
        &mut self,
        client: &mut Client,
        year: Year,
        figures: &YearRevenue,
    ) -> Option<()> {
        match &mut self.current {
            Some(current) if current.year == year => {
                add_money(&mut current.total, figures.total)?;
                current.rows = current.rows.checked_add(figures.rows)?;
            }
            _ => {
                self.settle_year(client)?;
                self.current = Some(CurrentYear {
                    year,
                    rows: figures.rows,
                    total: figures.total,
                });
            }
        }
        if figures.other_income.is_zero() && figures.intermediated.is_zero() {
            return Some(());
        }
        let parts = YearRevenue {
            total: Money::ZERO,
            rows: 0,
            ..*figures
        };
        client
            .years
            .update(year, |totals| add_figures(totals, &parts))
    }

    /// Moves the year kept here into the client's years; `None` on overflow.
    pub(in crate::ingest) fn settle_year(&mut self, client: &mut Client) -> Option<()> {
        match self.current.take() {
            Some(current) => client.years.update(current.year, |totals| {
                add_money(&mut totals.total, current.total)?;
                totals.rows = totals.rows.checked_add(current.rows)?;
                Some(())
            }),
            None => Some(()),
        }
    }
}

#[inline(always)]
fn add_money(a: &mut Money, b: Money) -> Option<()> {
    // Other income and intermediated revenue are zero on most rows: adding them is
    // skipped, and a `Decimal` sum is not cheap.
    if !b.is_zero() {
        *a = money::add(*a, b)?;
    }
    Some(())
}

/// Adds one year's figures to another's; `None` on overflow.
#[inline]
pub(in crate::ingest) fn add_figures(
    totals: &mut YearRevenue,
    figures: &YearRevenue,
) -> Option<()> {
    add_money(&mut totals.total, figures.total)?;
    add_money(&mut totals.other_income, figures.other_income)?;
    add_money(&mut totals.intermediated, figures.intermediated)?;
    totals.rows = totals.rows.checked_add(figures.rows)?;
    Some(())
}

fn widen(first: &mut Option<NaiveDate>, last: &mut Option<NaiveDate>, date: NaiveDate) {
    *first = Some(first.map_or(date, |d| d.min(date)));
    *last = Some(last.map_or(date, |d| d.max(date)));
}

/// A name as shown: line breaks and tabs inside a quoted cell become single spaces.
pub(in crate::ingest) fn display_name(text: &str) -> String {
    if text.contains(char::is_control) {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    }
}

/// [`display_name`] of a name already owned: kept as it is when it needs no change.
pub(in crate::ingest) fn into_display_name(text: String) -> String {
    if text.contains(char::is_control) {
        display_name(&text)
    } else {
        text
    }
}

/// A row's amount in the base currency, and the currency it was converted from.
#[inline]
pub(in crate::ingest) fn convert<'r>(
    file: &str,
    rates: Option<&Rates>,
    base: Option<&str>,
    row: &CountedRow<'r>,
) -> Result<(Money, Option<&'r str>), IngestError> {
    // Without rates (one currency, the usual case) nothing is converted: asked first,
    // it spares comparing the row's currency with the base on every row.
    let Some(rates) = rates else {
        return Ok((row.amount, None));
    };
    let Some(currency) = row.currency else {
        return Ok((row.amount, None));
    };
    if base == Some(currency) {
        return Ok((row.amount, None));
    }
    match rates.rate(currency, row.date.year()) {
        Ok(Some(rate)) => row
            .amount
            .checked_mul(rate)
            .and_then(money::to_the_cent)
            .map(|amount| (amount, Some(currency)))
            .ok_or_else(|| IngestError::Overflow {
                file: file.to_string(),
                line: row.line,
            }),
        Ok(None) => Ok((row.amount, None)),
        Err(()) => Err(IngestError::MissingRate {
            file: file.to_string(),
            line: row.line,
            currency: currency.to_string(),
            year: row.date.year(),
        }),
    }
}

/// Adds `rows` to a currency's row count.
pub(in crate::ingest) fn count_currency(
    counts: &mut BTreeMap<String, u64>,
    currency: &str,
    rows: u64,
) {
    match counts.get_mut(currency) {
        Some(count) => *count += rows,
        None => {
            counts.insert(currency.to_string(), rows);
        }
    }
}

/// The currency of the last rows and how many of them in a row, counted into a table of
/// rows per currency when another comes and at the end: a file names the same currency
/// row after row, and comparing it with the last one costs less than finding it.
#[derive(Debug, Default)]
pub(in crate::ingest) struct CurrencyRun {
    currency: String,
    rows: u64,
}

impl CurrencyRun {
    pub(in crate::ingest) fn count(&mut self, counts: &mut BTreeMap<String, u64>, currency: &str) {
        if self.currency != currency {
            self.flush(counts);
            self.currency.clear();
            self.currency.push_str(currency);
        }
        self.rows += 1;
    }

    /// Counts the run so far into `counts`.
    pub(in crate::ingest) fn flush(&mut self, counts: &mut BTreeMap<String, u64>) {
        if self.rows > 0 {
            count_currency(counts, &self.currency, self.rows);
            self.rows = 0;
        }
    }
}

/// Builds clients from counted rows.
#[derive(Debug)]
pub struct Accumulator {
    pub(in crate::ingest) file: String,
    pub(in crate::ingest) fiscal: FiscalYearStart,
    pub(in crate::ingest) rates: Option<Rates>,
    pub(in crate::ingest) base: Option<String>,
    pub clients: Vec<Client>,
    pub(in crate::ingest) spans: Vec<Span>,
    pub(in crate::ingest) by_id: TextMap<16, u32>,
    /// Every normalised spelling of every client's name, for joining other files.
    pub(in crate::ingest) by_name: TextMap<32, u32>,
    /// Names as written, with the client their spelling joins in `by_name`: rows added
    /// one by one (the format sample, chunks read again, `--by`) then find their client
    /// without normalising (an id's key is made in place, see [`ascii_key`]). A name's
    /// client never changes once set.
    known_names: TextMap<32, u32>,
    /// Rows per currency as written (`""` for rows that name none), but for the
    /// current run of rows added one by one.
    pub currency_rows: BTreeMap<String, u64>,
    currency_run: CurrencyRun,
    pub(in crate::ingest) converted: BTreeSet<String>,
    pub latest: Option<NaiveDate>,
    pub(in crate::ingest) window: RecentWindow,
    /// The latest date of the file's last rows, read before the file: the whole file
    /// must reach it, else days were skipped that the report needs.
    expected_latest: Option<NaiveDate>,
    /// Where the unidentified payer is in `clients`, once it has revenue (always last).
    unidentified: Option<usize>,
    /// The rows' payments, and the basis their yearly figures are counted on.
    pub payments: PaymentBook,
}

impl Accumulator {
    pub fn new(
        file: &str,
        fiscal: FiscalYearStart,
        rates: Option<Rates>,
        base: Option<String>,
        as_of: Option<NaiveDate>,
    ) -> Self {
        Self {
            file: file.to_string(),
            fiscal,
            rates,
            base,
            clients: Vec::new(),
            spans: Vec::new(),
            by_id: Default::default(),
            by_name: Default::default(),
            known_names: Default::default(),
            currency_rows: BTreeMap::new(),
            currency_run: CurrencyRun::default(),
            converted: BTreeSet::new(),
            latest: None,
            window: RecentWindow::new(as_of),
            expected_latest: None,
            unidentified: None,
            payments: PaymentBook::default(),
        }
    }

    /// Takes the date of a row the file is known to count (one of its last rows, see
    /// [`crate::ingest::engine::tail`]): the file's latest date is at least that, so days no trailing
    /// window of it reaches are not kept, from the first row on.
    pub fn expect_latest(&mut self, date: NaiveDate) {
        if !self.window.is_fixed() {
            self.follow(date);
            self.expected_latest = self.expected_latest.max(Some(date));
        }
    }

    /// Whether the rows reached the date the look at the file's end promised (always,
    /// when nothing was promised). When they did not, days the promise let the reading
    /// skip may be missing: the file must be read again without it.
    pub(in crate::ingest) fn reached_expected_latest(&self) -> bool {
        self.expected_latest
            .is_none_or(|date| Some(date) <= self.latest)
    }

    /// The client of a row; `None` when it would be one client more than the maps hold.
    fn client_index(&mut self, id: &str, name: &str) -> Option<usize> {
        let mut buffer = [0; 64];
        let known = if id.is_empty() {
            self.known_names.get(name)
        } else {
            self.by_id.get_bytes(&key_bytes(id, &mut buffer))
        };
        match known {
            Some(&index) => Some(index as usize),
            None => self.find_or_add(id, name),
        }
    }

    /// The client of a row whose id is new (or, without id, whose name is new as written).
    fn find_or_add(&mut self, id: &str, name: &str) -> Option<usize> {
        let id_key = normalize_key(id);
        let name_key = normalize_key(name);
        let found = if id_key.is_empty() {
            self.by_name.get(&name_key).copied()
        } else {
            self.by_id.get(&id_key).copied()
        };
        let index = match found {
            Some(index) => index,
            None => {
                let index = u32::try_from(self.clients.len()).ok()?;
                self.clients.push(Client {
                    id: (!id.is_empty()).then(|| id.into()),
                    name: display_name(if name.is_empty() { id } else { name }).into(),
                    ..Client::default()
                });
                self.spans.push(Span::default());
                if !id_key.is_empty() {
                    self.by_id.insert(&id_key, index);
                }
                index
            }
        };
        self.note_spelling(name, index);
        Some(index as usize)
    }

    /// Notes a name's spelling for joining rows without id and other files to the
    /// client; a name met before as written needs no second look. A row whose name
    /// is its client's name as shown needs none either: that name was noted when the
    /// client took it (by its first row, a row renaming it, or a reading thread).
    fn note_spelling(&mut self, name: &str, index: u32) {
        if name.is_empty() || self.known_names.contains_key(name) {
            return;
        }
        let name_key = normalize_key(name);
        if !name_key.is_empty() {
            let joined = *self.by_name.get_or_insert(&name_key, index);
            self.known_names.insert(name, joined);
        }
    }

    fn convert(&mut self, row: &CountedRow) -> Result<Money, IngestError> {
        let (amount, converted) =
            convert(&self.file, self.rates.as_ref(), self.base.as_deref(), row)?;
        if let Some(currency) = converted {
            if !self.converted.contains(currency) {
                self.converted.insert(currency.to_string());
            }
        }
        Ok(amount)
    }

    pub fn add(&mut self, row: &CountedRow) -> Result<(), IngestError> {
        let index = self
            .client_index(row.client_id, row.client_name)
            .ok_or_else(|| IngestError::Overflow {
                file: self.file.clone(),
                line: row.line,
            })?;
        self.add_at(index, row)
    }

    /// Adds revenue whose payer is unknown (SPEC 2.3: cash sales, a collective customer
    /// account) to the reserved *unidentified* payer, which no row can join by id or
    /// name. Call it after every identified row: the payer is kept last, and
    /// [`Accumulator::finish`] sets it apart from the clients.
    pub fn add_unidentified(&mut self, row: &CountedRow) -> Result<(), IngestError> {
        let index = match self.unidentified {
            Some(index) => index,
            None => {
                self.clients.push(Client::default());
                self.spans.push(Span::default());
                let index = self.clients.len() - 1;
                self.unidentified = Some(index);
                index
            }
        };
        self.add_at(index, row)
    }

    fn add_at(&mut self, index: usize, row: &CountedRow) -> Result<(), IngestError> {
        let currency = row.currency.unwrap_or_default();
        self.currency_run.count(&mut self.currency_rows, currency);
        let amount = self.convert(row)?;
        let renamed = !row.client_name.is_empty()
            && self
                .clients
                .get(index)
                .is_some_and(|client| client.name != row.client_name);
        if renamed {
            // A client the maps can point at fits (one that would not is refused when
            // added); only the unidentified payer, whose rows have no name, is not one.
            if let Ok(place) = u32::try_from(index) {
                self.note_spelling(row.client_name, place);
            }
        }
        let file = &self.file;
        let overflow = || IngestError::Overflow {
            file: file.clone(),
            line: row.line,
        };
        let (Some(client), Some(span)) = (self.clients.get_mut(index), self.spans.get_mut(index))
        else {
            return Err(overflow());
        };
        let counted = if row.payment.is_some() || self.payments.receipts.is_some() {
            self.payments
                .note(client, index, row, amount, self.fiscal, self.latest)
                .ok_or_else(overflow)?
        } else {
            Some((row.date, amount))
        };
        // On the cash basis, nothing received yet counts in no year.
        let Some((date, amount)) = counted else {
            return Ok(());
        };
        let year = self.fiscal.year_of(date);
        let other_income = row.kind.is_other_income();
        let intermediated =
            !other_income && (row.kind == Kind::Subcontracting || !row.intermediary.is_empty());
        client
            .years
            .update(year, |totals| {
                totals.total = money::add(totals.total, amount)?;
                if other_income {
                    totals.other_income = money::add(totals.other_income, amount)?;
                }
                if intermediated {
                    totals.intermediated = money::add(totals.intermediated, amount)?;
                }
                totals.rows = totals.rows.checked_add(1)?;
                Some(())
            })
            .ok_or_else(overflow)?;
        if intermediated && !row.intermediary.is_empty() {
            let via = client
                .extras
                .parts_mut()
                .intermediaries
                .entry((row.intermediary.to_string(), year))
                .or_default();
            *via = money::add(*via, amount).ok_or_else(overflow)?;
        }
        span.add_date(client, date, is_invoice(amount));
        if !row.client_name.is_empty() && span.name_date.is_none_or(|d| row.date >= d) {
            span.name_date = Some(row.date);
            if renamed {
                client.name = display_name(row.client_name).into();
                span.name_version = span.name_version.wrapping_add(1);
            }
        }
        if self.window.covers(date) {
            let day = DayRow {
                date,
                amount,
                other_income,
                intermediated,
                intermediary: row.intermediary,
            };
            recent::record(client, &day).ok_or_else(overflow)?;
        }
        self.latest = Some(self.latest.map_or(date, |d| d.max(date)));
        self.follow(date);
        if self.payments.wants_pruning() {
            self.payments.prune(&mut self.clients, self.latest);
        }
        Ok(())
    }

    /// Moves the daily detail's window on to a later date, dropping the days it left
    /// when they are due to go.
    pub(in crate::ingest) fn follow(&mut self, date: NaiveDate) {
        if self.window.follow(date) {
            if let Some(from) = self.window.from {
                recent::prune(&mut self.clients, from);
            }
        }
    }

    /// Settles the base currency: rows that name none are in it, converted ones are
    /// now in it, and what is left must be one currency.
    pub fn finish(mut self) -> Result<Finished, IngestError> {
        self.currency_run.flush(&mut self.currency_rows);
        let from = self.window.from;
        for (client, span) in self.clients.iter_mut().zip(&mut self.spans) {
            span.settle_dates(client);
            span.settle_year(client)
                .and_then(|()| recent::settle(client, from))
                .ok_or_else(|| IngestError::Overflow {
                    file: self.file.clone(),
                    line: 0,
                })?;
        }
        let unconverted: Vec<(&String, &u64)> = self
            .currency_rows
            .iter()
            .filter(|(c, _)| !c.is_empty() && !self.converted.contains(*c))
            .collect();
        let base = match (&self.base, unconverted.as_slice()) {
            (Some(base), rest) => {
                if let Some((other, rows)) = rest.iter().find(|(c, _)| *c != base) {
                    return Err(IngestError::MissingBaseRate {
                        file: self.file.clone(),
                        currency: other.to_string(),
                        rows: **rows,
                        base: base.clone(),
                    });
                }
                Some(base.clone())
            }
            (None, []) if !self.converted.is_empty() => {
                return Err(IngestError::UnknownBase { file: self.file })
            }
            (None, []) => None,
            (None, [(only, _)]) => Some(only.to_string()),
            (None, several) => {
                let counts = several.iter().map(|(c, n)| (c.to_string(), **n)).collect();
                return Err(IngestError::SeveralCurrencies {
                    file: self.file,
                    counts,
                });
            }
        };
        // The report is as of the date given, else of the latest date read; the days
        // kept are the 24 months ending at the date the window followed, which the
        // reading never takes past that one.
        let as_of = self.window.as_of.or(self.latest);
        let window = ReportWindow::read(as_of, self.window.from).ok_or_else(|| {
            IngestError::DaysNotKept {
                file: self.file.clone(),
            }
        })?;
        let unidentified = match self.unidentified {
            Some(index) if index + 1 == self.clients.len() => self.clients.pop(),
            // Taking it out of the middle would move clients the name index points at.
            Some(_) => return Err(IngestError::UnidentifiedNotLast { file: self.file }),
            None => None,
        };
        Ok(Finished {
            base,
            fiscal: self.fiscal,
            converted: self.converted.into_iter().collect(),
            unidentified,
            clients: self.clients,
            by_name: self.by_name,
            latest: self.latest,
            window,
            payments: self.payments,
        })
    }
}

/// The aggregates once the whole file is read.
#[derive(Debug)]
pub struct Finished {
    pub base: Option<String>,
    /// The fiscal years the rows were counted in (a FEC's file name may set them).
    pub fiscal: FiscalYearStart,
    pub converted: Vec<String>,
    pub clients: Vec<Client>,
    /// Revenue whose payer is unknown, kept apart from the clients.
    pub unidentified: Option<Client>,
    pub(in crate::ingest) by_name: TextMap<32, u32>,
    pub latest: Option<NaiveDate>,
    /// The date the report is as of, and the first day of the clients' daily detail.
    pub window: ReportWindow,
    pub payments: PaymentBook,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(id: &'a str, name: &'a str) -> CountedRow<'a> {
        CountedRow {
            line: 2,
            date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            client_id: id,
            client_name: name,
            amount: Money::ONE,
            currency: None,
            kind: Kind::Service,
            intermediary: "",
            invoice_id: "",
            payment: None,
        }
    }

    fn rows_per_client(acc: &Accumulator) -> Vec<(String, u32)> {
        acc.clients
            .iter()
            .map(|c| (c.key(), c.years.values().map(|y| y.rows).sum()))
            .collect()
    }

    #[test]
    fn unidentified_revenue_is_set_apart_from_the_clients() {
        let fiscal = FiscalYearStart::default();
        let mut acc = Accumulator::new("f.csv", fiscal, None, None, None);
        acc.add(&row("C1", "Acme")).unwrap();
        acc.add_unidentified(&row("", "")).unwrap();
        acc.add_unidentified(&row("", "")).unwrap();
        let finished = acc.finish().unwrap();
        assert_eq!(finished.clients.len(), 1);
        let unidentified = finished.unidentified.unwrap();
        assert_eq!(unidentified.revenue_in(2024), Money::TWO);
        assert_eq!(finished.clients[0].revenue_in(2024), Money::ONE);
        // A client added after it would be moved by taking it out: refused, never wrong.
        let mut acc = Accumulator::new("f.csv", fiscal, None, None, None);
        acc.add_unidentified(&row("", "")).unwrap();
        acc.add(&row("C1", "Acme")).unwrap();
        assert!(matches!(
            acc.finish(),
            Err(IngestError::UnidentifiedNotLast { .. })
        ));
    }

    #[test]
    fn an_invoice_is_a_positive_amount_whatever_its_scale() {
        for (text, invoice) in [
            ("979.32", true),
            ("0.01", true),
            ("1e-28", true),
            ("0", false),
            ("0.00", false),
            ("-0.00", false),
            ("-0.01", false),
            ("-979.32", false),
        ] {
            let amount: Money = text.parse().unwrap();
            assert_eq!(is_invoice(amount), amount > Money::ZERO, "{text}");
            assert_eq!(is_invoice(amount), invoice, "{text}");
        }
    }

    #[test]
    fn a_name_joins_the_client_its_spelling_named_first_however_it_is_written() {
        let fiscal = FiscalYearStart::default();
        let mut acc = Accumulator::new("f.csv", fiscal, None, None, None);
        // "ACME" and "Acme" are one spelling, which C1 claimed first: a row without id
        // named "Acme" is C1's, though "Acme" as written was first met on C2's row.
        for (id, name) in [("C1", "ACME"), ("C2", "Acme"), ("", "Acme"), ("", "acme")] {
            acc.add(&row(id, name)).unwrap();
        }
        // An id met again as written is the same client; a new name is a new client.
        for (id, name) in [("C2", "Acme"), ("c2", "Acme"), ("", "Beta")] {
            acc.add(&row(id, name)).unwrap();
        }
        let expected = [("c1", 3), ("c2", 3), ("beta", 1)];
        let expected: Vec<(String, u32)> = expected.map(|(k, n)| (k.to_string(), n)).into();
        assert_eq!(rows_per_client(&acc), expected);
        assert_eq!(acc.by_name.get("acme"), Some(&0));
    }

    #[test]
    fn every_name_a_client_took_joins_rows_without_id() {
        let fiscal = FiscalYearStart::default();
        let mut acc = Accumulator::new("f.csv", fiscal, None, None, None);
        // C1 is "Acme", then "Acme Corp", then "Acme" again (a row with its name as shown
        // notes no spelling): rows without id named either way are C1's, and C2 named
        // "Acme Corp" later does not take the spelling.
        let steps = [
            (1, "C1", "Acme"),
            (2, "C1", "Acme Corp"),
            (3, "C1", "Acme"),
            (4, "", "ACME CORP"),
            (5, "", "acme"),
            (6, "C2", "Acme Corp"),
            (7, "", "Acme Corp"),
        ];
        for (day, id, name) in steps {
            let date = NaiveDate::from_ymd_opt(2024, 3, day).unwrap();
            acc.add(&CountedRow {
                date,
                ..row(id, name)
            })
            .unwrap();
        }
        let expected: Vec<(String, u32)> = vec![("c1".into(), 6), ("c2".into(), 1)];
        assert_eq!(rows_per_client(&acc), expected);
        // Its latest row names it.
        assert_eq!(acc.clients[0].name, "Acme Corp");
        assert_eq!(acc.by_name.get("acme corp"), Some(&0));
    }

    #[test]
    fn invoices_win_over_credit_notes_for_first_and_last_invoice() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
        let invoices = |span: &Span, client: &Client| {
            let mut settled = client.clone();
            span.settle_dates(&mut settled);
            (settled.first_invoice, settled.last_invoice)
        };
        let (mut span, mut client) = (Span::default(), Client::default());
        for (d, invoice) in [(9, true), (1, false), (5, true), (20, false)] {
            span.add_date(&mut client, day(d), invoice);
        }
        assert_eq!(invoices(&span, &client), (Some(day(5)), Some(day(9))));
        let (mut credits, mut credited) = (Span::default(), Client::default());
        credits.add_date(&mut credited, day(3), false);
        credits.add_date(&mut credited, day(2), false);
        assert_eq!(invoices(&credits, &credited), (Some(day(2)), Some(day(3))));
        // Merging a chunk's dates takes in its rows as adding them would.
        let mut chunk = Dates::default();
        for (d, invoice) in [(9, true), (1, false), (5, true), (20, false)] {
            chunk.add(day(d), invoice);
        }
        credits.merge_dates(&mut credited, &chunk);
        assert_eq!(invoices(&credits, &credited), (Some(day(5)), Some(day(9))));
        assert_eq!(
            (credits.first_row, credits.last_row),
            (Some(day(1)), Some(day(20)))
        );
    }

    #[test]
    fn rows_are_counted_per_currency_however_the_currencies_alternate() {
        let fiscal = FiscalYearStart::default();
        let mut acc = Accumulator::new("f.csv", fiscal, None, None, None);
        for currency in [
            None,
            Some("EUR"),
            Some("EUR"),
            Some("USD"),
            None,
            Some("EUR"),
        ] {
            acc.add(&CountedRow {
                currency,
                ..row("C1", "Acme")
            })
            .unwrap();
        }
        acc.currency_run.flush(&mut acc.currency_rows);
        let counts: Vec<(&str, u64)> = acc
            .currency_rows
            .iter()
            .map(|(c, n)| (c.as_str(), *n))
            .collect();
        assert_eq!(counts, [("", 2), ("EUR", 3), ("USD", 1)]);
    }
}
