//! The French FEC (Fichier des Écritures Comptables), SPEC 2.3: revenue is the lines on
//! revenue accounts (`70…` sales and services, `75…` other income), amount Credit −
//! Debit, and its client the customer (`411…`) line of the same entry.
//!
//! Real programs do not write entries the way the law describes them, so the whole file
//! is read before anything is booked:
//! - an entry (`JournalCode` + `EcritureNum`) is gathered over the file, its lines need
//!   not be adjacent;
//! - an entry so keyed that does not balance or spans several dates (some programs
//!   write `0` on every line) is split by `EcritureDate` + `PieceRef`;
//! - an entry with several customer lines shares its revenue by their amounts, to the
//!   cent;
//! - revenue with no identifiable customer (cash sales, a collective `411000` account)
//!   goes to the *unidentified* payer, never to a client called "CLIENTS".

mod entries;

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use csv::ByteRecord;

use crate::model::{money, FiscalYearStart, Kind, Money};

use entries::{book, customer_of, CustomerLine, Entry, Payer, Piece, RevenueLine};

use crate::ingest::aggregate::accumulate::{Accumulator, CountedRow};
use crate::ingest::dialect::cells::CellFormats;
use crate::ingest::dialect::reader::CsvTable;
use crate::ingest::dialect::text::{fold_header, fold_words};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::DateOrderSeen;
use crate::ingest::formats::invoices::{close, date_order_warning, decide_formats, describe};
use crate::ingest::formats::payment_cells::RowPayment;
use crate::ingest::Options;
use crate::model::quality::{FileSummary, Problem, RejectReason};
use crate::model::warning::Warning;

/// The columns read, by their folded header.
#[derive(Clone, Copy)]
enum Column {
    Journal,
    Number,
    EntryDate,
    Account,
    AccountLabel,
    AuxNumber,
    AuxLabel,
    Piece,
    PieceDate,
    Debit,
    Credit,
    /// The legal alternative to Debit and Credit: one amount and its direction.
    Amount,
    Direction,
    /// When a customer line was matched to its payment (lettered).
    LetterDate,
}

const COLUMNS: [(Column, &str); 14] = [
    (Column::Journal, "journalcode"),
    (Column::Number, "ecriturenum"),
    (Column::EntryDate, "ecrituredate"),
    (Column::Account, "comptenum"),
    (Column::AccountLabel, "comptelib"),
    (Column::AuxNumber, "compauxnum"),
    (Column::AuxLabel, "compauxlib"),
    (Column::Piece, "pieceref"),
    (Column::PieceDate, "piecedate"),
    (Column::Debit, "debit"),
    (Column::Credit, "credit"),
    (Column::Amount, "montant"),
    (Column::Direction, "sens"),
    (Column::LetterDate, "datelet"),
];

/// A FEC is recognised by its header: the entry and account columns, with `Debit` and
/// `Credit` or (the law allows either) `Montant` and `Sens`.
pub fn is_fec_header(cells: &[String]) -> bool {
    let folded: Vec<String> = cells.iter().map(|c| fold_header(c)).collect();
    let has = |names: &[&str]| names.iter().all(|c| folded.iter().any(|f| f == c));
    has(&["journalcode", "ecriturenum", "comptenum"])
        && (has(&["debit", "credit"]) || has(&["montant", "sens"]))
}

struct Index {
    columns: [Option<usize>; 14],
    headers: Vec<String>,
}

impl Index {
    fn of(headers: &[String]) -> Self {
        let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
        Index {
            columns: COLUMNS.map(|(_, name)| folded.iter().position(|f| f == name)),
            headers: headers.to_vec(),
        }
    }

    fn get(&self, column: Column) -> Option<usize> {
        self.columns.get(column as usize).copied().flatten()
    }

    fn header(&self, column: Column) -> String {
        self.get(column)
            .and_then(|i| self.headers.get(i))
            .cloned()
            .unwrap_or_default()
    }
}

/// What a ledger line is to the revenue.
fn kind_of(account: &str) -> Option<Kind> {
    if account.starts_with("70") {
        Some(Kind::Service)
    } else if account.starts_with("751") {
        Some(Kind::Royalties)
    } else if account.starts_with("75") {
        Some(Kind::OtherIncome)
    } else {
        None
    }
}

/// The closing date a FEC's legal name gives: `<SIREN>FEC<YYYYMMDD>` (nine digits, the
/// letters FEC, the date), whatever follows (`.txt`, `_v2.csv`).
fn closing_date(path: &str) -> Option<NaiveDate> {
    let name = std::path::Path::new(path).file_name()?.to_str()?;
    let (siren, rest) = (name.get(..9)?, name.get(9..)?);
    let date = rest
        .strip_prefix("FEC")
        .or_else(|| rest.strip_prefix("fec"))?
        .get(..8)?;
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if !digits(siren) || !digits(date) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y%m%d").ok()
}

/// Years from the file name's closing date (SPEC 2.3), when it is not 31 December, the
/// user chose no fiscal year, and the entries fit it (the latest falls in the fiscal
/// year it closes); a name the entries do not fit is said and ignored.
fn fiscal_year_from_name(
    file: &str,
    options: &Options,
    latest: Option<NaiveDate>,
    acc: &mut Accumulator,
) -> Option<Warning> {
    let closing = closing_date(file)?;
    if (closing.month(), closing.day()) == (12, 31) || options.fiscal_year_given {
        return None;
    }
    let latest = latest?;
    let opening = closing.checked_sub_months(chrono::Months::new(12))?;
    let start = closing.checked_add_days(Days::new(1))?;
    let fiscal = FiscalYearStart::new(start.month(), start.day());
    match fiscal {
        Some(fiscal) if latest > opening && latest <= closing => {
            acc.fiscal = fiscal;
            Some(Warning::FiscalYearFromName {
                file: file.to_string(),
                closing,
            })
        }
        _ => Some(Warning::FiscalYearNameIgnored {
            file: file.to_string(),
            closing,
            latest,
        }),
    }
}

/// A `--map` that names an invoices column cannot apply to a FEC: its columns are fixed.
fn refuse_map(file: &str, options: &Options) -> Result<(), IngestError> {
    match options
        .map
        .iter()
        .find(|o| o.applies_to(crate::ingest::dialect::columns::FileKind::Invoices))
    {
        Some(o) => Err(IngestError::MapOnFec {
            file: file.to_string(),
            field: o.field.clone(),
            header: o.header.clone(),
        }),
        None => Ok(()),
    }
}

/// Reads the whole ledger and books its revenue.
pub fn read(
    mut table: CsvTable,
    options: &Options,
    acc: &mut Accumulator,
    warnings: &mut Vec<Warning>,
) -> Result<FileSummary, IngestError> {
    refuse_map(&table.file, options)?;
    let index = Index::of(&table.headers);
    let date_column = index
        .get(Column::PieceDate)
        .or(index.get(Column::EntryDate));
    let formats = decide_formats(
        &mut table,
        &[
            index.get(Column::Debit),
            index.get(Column::Credit),
            index.get(Column::Amount),
        ],
        date_column,
        options,
        warnings,
        "Debit/Credit",
    )?;
    let columns: Vec<(&str, String)> = [
        ("date", Column::PieceDate),
        ("client_id", Column::AuxNumber),
        ("client", Column::AuxLabel),
        ("account", Column::Account),
        ("invoice_id", Column::Piece),
        ("debit", Column::Debit),
        ("credit", Column::Credit),
        ("amount", Column::Amount),
        ("direction", Column::Direction),
        ("paid_date", Column::LetterDate),
    ]
    .into_iter()
    .filter(|(_, c)| index.get(*c).is_some())
    .map(|(f, c)| (f, index.header(c)))
    .collect();
    let mut summary = describe(&table, "fec", &formats, &columns);
    let mut reading = Reading {
        formats: &formats,
        date_header: index.header(Column::PieceDate),
        debit_header: index.header(Column::Debit),
        credit_header: index.header(Column::Credit),
        amount_header: index.header(Column::Amount),
        order: DateOrderSeen::default(),
        latest: None,
        entries: Vec::new(),
        entry_index: HashMap::new(),
        lettered: false,
        unreadable_letter_dates: Vec::new(),
    };
    let mut record = ByteRecord::new();
    while let Some(line) = table.next_row(&mut record)? {
        let mut cell = |column: Column| table.cell(&record, index.get(column), line).into_owned();
        let cells = LineCells {
            journal: cell(Column::Journal),
            number: cell(Column::Number),
            entry_date: cell(Column::EntryDate),
            account: cell(Column::Account),
            account_label: cell(Column::AccountLabel),
            aux_number: cell(Column::AuxNumber),
            aux_label: cell(Column::AuxLabel),
            piece: cell(Column::Piece),
            piece_date: cell(Column::PieceDate),
            debit: cell(Column::Debit),
            credit: cell(Column::Credit),
            amount: cell(Column::Amount),
            direction: cell(Column::Direction),
            letter_date: cell(Column::LetterDate),
        };
        reading.line(line, cells, &mut summary);
    }
    close(&mut summary, &table, warnings);
    warnings.extend(date_order_warning(
        &summary.path,
        &reading.date_header,
        &formats,
        reading.order,
    ));

    if let Some(warning) = fiscal_year_from_name(&summary.path, options, reading.latest, acc) {
        warnings.push(warning);
    }
    if !reading.unreadable_letter_dates.is_empty() {
        warnings.push(Warning::UnreadableLetterDates {
            file: summary.path.clone(),
            lines: reading.unreadable_letter_dates.clone(),
        });
    }
    let lettered = reading.lettered;
    acc.payments.columns.paid_date = lettered;
    let mut booked = Vec::new();
    for entry in reading.entries {
        for group in entry.groups() {
            book(group, &mut booked).ok_or_else(|| IngestError::Overflow {
                file: summary.path.clone(),
                line: 0,
            })?;
        }
    }
    // Identified payers first, each in file order: the unidentified payer is added last.
    booked.sort_by_key(|b| (b.payer.is_none(), b.line));
    let mut unidentified = Money::ZERO;
    let overflow = |line| IngestError::Overflow {
        file: summary.path.clone(),
        line,
    };
    for share in &booked {
        let row = |id: &'static str| CountedRow {
            line: share.line,
            date: share.date,
            client_id: share.payer.as_ref().map_or(id, |p| p.id.as_str()),
            client_name: share.payer.as_ref().map_or("", |p| p.name.as_str()),
            amount: share.amount,
            // The FEC is kept in euros by law.
            currency: Some("EUR"),
            kind: share.kind,
            intermediary: "",
            invoice_id: "",
            payment: lettered.then_some(RowPayment {
                paid: share.paid,
                due: None,
                owed_share: None,
            }),
        };
        match share.payer {
            Some(_) => acc.add(&row(""))?,
            None => {
                acc.add_unidentified(&row(""))?;
                unidentified =
                    money::add(unidentified, share.amount).ok_or_else(|| overflow(share.line))?;
            }
        }
    }
    if !unidentified.is_zero() {
        let total = money::sum(booked.iter().map(|b| b.amount)).ok_or_else(|| overflow(0))?;
        warnings.push(Warning::UnidentifiedRevenue {
            file: summary.path.clone(),
            amount: unidentified,
            total,
        });
    }
    Ok(summary)
}

/// One line's cells as written.
struct LineCells {
    journal: String,
    number: String,
    entry_date: String,
    account: String,
    account_label: String,
    aux_number: String,
    aux_label: String,
    piece: String,
    piece_date: String,
    debit: String,
    credit: String,
    amount: String,
    direction: String,
    letter_date: String,
}

/// The ledger being gathered into entries.
struct Reading<'f> {
    formats: &'f CellFormats,
    date_header: String,
    debit_header: String,
    credit_header: String,
    amount_header: String,
    order: DateOrderSeen,
    /// The latest revenue line's date.
    latest: Option<NaiveDate>,
    entries: Vec<Entry>,
    entry_index: HashMap<(String, String), usize>,
    /// Some customer line has a `DateLet`: the file letters its entries, so a customer
    /// line without one is unpaid. A file that letters nothing says nothing of payment.
    lettered: bool,
    unreadable_letter_dates: Vec<u64>,
}

impl Reading<'_> {
    /// Puts one line in its bucket and, when it matters to revenue, in its entry.
    fn line(&mut self, line: u64, cells: LineCells, summary: &mut FileSummary) {
        let kind = kind_of(&cells.account);
        let amounts = self.credit_and_debit(&cells);
        let (credit, debit, bad_amount) = match amounts {
            Ok((credit, debit)) => (credit, debit, None),
            // A line that is not revenue only weighs in its entry's balance.
            Err(message) => (Money::ZERO, Money::ZERO, Some(message)),
        };
        let date_text = if cells.piece_date.is_empty() {
            &cells.entry_date
        } else {
            &cells.piece_date
        };
        let date = kind.map(|_| self.formats.date(date_text, &self.date_header));
        if let Some(Ok(date)) = &date {
            self.order.note(self.formats, date_text, Some(*date));
            self.latest = self.latest.max(Some(*date));
        }
        let Some(piece) = self.piece(&cells) else {
            return;
        };
        piece.debit = piece.debit.saturating_add(debit);
        piece.credit = piece.credit.saturating_add(credit);
        let (Some(kind), Some(date)) = (kind, date) else {
            if cells.account.starts_with("411") {
                let paid = match cells.letter_date.trim() {
                    "" => None,
                    text => match self.formats.date(text, "DateLet") {
                        Ok(date) => Some(date),
                        Err(_) => {
                            self.unreadable_letter_dates.push(line);
                            None
                        }
                    },
                };
                self.lettered |= paid.is_some();
                let Some(piece) = self.piece(&cells) else {
                    return;
                };
                piece.customers.push(CustomerLine {
                    paid,
                    payer: customer_of(
                        &cells.account,
                        &cells.account_label,
                        &cells.aux_number,
                        &cells.aux_label,
                    ),
                    weight: (debit - credit).abs(),
                });
            }
            summary.exclude("not_revenue");
            return;
        };
        if let Some(message) = bad_amount {
            summary.reject(
                line,
                RejectReason::BadAmount,
                Some(&self.credit_header),
                message,
            );
            return;
        }
        let date = match date {
            Ok(date) => date,
            Err(message) => {
                summary.reject(
                    line,
                    RejectReason::BadDate,
                    Some(&self.date_header),
                    message,
                );
                return;
            }
        };
        let Some(amount) = money::sub(credit, debit) else {
            summary.reject(
                line,
                RejectReason::BadAmount,
                Some(&self.credit_header),
                Problem::AmountTooLarge {
                    column: self.credit_header.clone(),
                },
            );
            return;
        };
        let payer = (!cells.aux_number.is_empty()).then(|| Payer {
            name: if cells.aux_label.is_empty() {
                cells.aux_number.clone()
            } else {
                cells.aux_label.clone()
            },
            id: cells.aux_number.clone(),
        });
        let Some(piece) = self.piece(&cells) else {
            return;
        };
        piece.revenue.push(RevenueLine {
            line,
            date,
            amount,
            kind,
            payer,
        });
        summary.use_row();
    }

    /// A line's credit and debit, from those columns or from `Montant` and `Sens`
    /// (`D`/`C`, or `+1`/`-1` as some programs write it).
    fn credit_and_debit(&self, cells: &LineCells) -> Result<(Money, Money), Problem> {
        if cells.debit.is_empty() && cells.credit.is_empty() && !cells.amount.is_empty() {
            let amount = self
                .formats
                .amount_or_zero(&cells.amount, &self.amount_header)?;
            // The sign first: folding words would take "-1" for "1".
            let direction = match cells.direction.trim() {
                "+1" | "1" => "d".to_string(),
                "-1" => "c".to_string(),
                other => fold_words(other),
            };
            return match direction.as_str() {
                "d" | "debit" => Ok((Money::ZERO, amount)),
                "c" | "credit" => Ok((amount, Money::ZERO)),
                _ => Err(Problem::BadDirection {
                    value: cells.direction.clone(),
                }),
            };
        }
        let credit = self
            .formats
            .amount_or_zero(&cells.credit, &self.credit_header)?;
        let debit = self
            .formats
            .amount_or_zero(&cells.debit, &self.debit_header)?;
        Ok((credit, debit))
    }

    /// The piece of its entry a line belongs to.
    fn piece(&mut self, cells: &LineCells) -> Option<&mut Piece> {
        let key = (cells.journal.clone(), cells.number.clone());
        let at = match self.entry_index.get(&key) {
            Some(&at) => at,
            None => {
                self.entries.push(Entry::default());
                self.entry_index.insert(key, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        self.entries
            .get_mut(at)?
            .piece(&cells.entry_date, &cells.piece)
    }
}
