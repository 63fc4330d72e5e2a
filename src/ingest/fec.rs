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

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use csv::ByteRecord;
use rust_decimal::Decimal;

use crate::model::{FiscalYearStart, Kind, Money};

use super::accumulate::{Accumulator, CountedRow};
use super::cells::CellFormats;
use super::error::IngestError;
use super::invoice_rows::DateOrderSeen;
use super::invoices::{close, date_order_warning, decide_formats, describe};
use super::quality::{FileSummary, RejectReason};
use super::reader::CsvTable;
use super::text::{fold_header, fold_words};
use super::warning::Warning;
use super::Options;

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
}

const COLUMNS: [(Column, &str); 13] = [
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
    columns: [Option<usize>; 13],
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

/// Who pays, as a customer line or a revenue line names it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Payer {
    id: String,
    name: String,
}

/// The customer a `411…` line names: its auxiliary account, else its own account when
/// that is a customer's (`411DUPONT`, or a number labelled with a name); `None` for a
/// collective account (`411000`, `41100000`, "Clients", "Clients divers").
fn customer_of(account: &str, label: &str, aux_number: &str, aux_label: &str) -> Option<Payer> {
    if !aux_number.is_empty() {
        let name = if aux_label.is_empty() {
            aux_number
        } else {
            aux_label
        };
        return Some(Payer {
            id: aux_number.to_string(),
            name: name.to_string(),
        });
    }
    let numbered = account
        .get(3..)
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()));
    let folded = fold_words(label);
    let generic = folded.is_empty()
        || ["client", "clients", "customer", "customers"]
            .iter()
            .any(|word| folded == *word || folded.starts_with(&format!("{word} ")));
    (!(numbered && generic)).then(|| Payer {
        id: account.to_string(),
        name: if label.is_empty() { account } else { label }.to_string(),
    })
}

/// A revenue line, parsed, waiting for its entry to be complete.
struct RevenueLine {
    line: u64,
    date: NaiveDate,
    amount: Money,
    kind: Kind,
    /// The line's own auxiliary account, when it names one.
    payer: Option<Payer>,
}

/// A customer line: who, and its weight in the entry (its amount, debit or credit).
struct CustomerLine {
    payer: Option<Payer>,
    weight: Money,
}

/// The lines of one entry that share an `EcritureDate` and a `PieceRef`.
#[derive(Default)]
struct Piece {
    debit: Money,
    credit: Money,
    revenue: Vec<RevenueLine>,
    customers: Vec<CustomerLine>,
}

/// One `JournalCode` + `EcritureNum`, over the whole file.
#[derive(Default)]
struct Entry {
    pieces: Vec<((String, String), Piece)>,
    index: HashMap<(String, String), usize>,
}

impl Entry {
    fn piece(&mut self, date: &str, reference: &str) -> Option<&mut Piece> {
        let key = (date.to_string(), reference.to_string());
        let at = match self.index.get(&key) {
            Some(&at) => at,
            None => {
                self.pieces.push((key.clone(), Piece::default()));
                self.index.insert(key, self.pieces.len() - 1);
                self.pieces.len() - 1
            }
        };
        self.pieces.get_mut(at).map(|(_, piece)| piece)
    }

    /// The entry as booked (SPEC 2.3): one group per `EcritureDate` + `PieceRef` when
    /// each of those balances (several invoices keyed as one entry), else the whole
    /// entry when it balances on one date, else one group per `EcritureDate` +
    /// `PieceRef` all the same.
    fn groups(self) -> Vec<Vec<Piece>> {
        let pieces_balance = self.pieces.iter().all(|(_, p)| p.debit == p.credit);
        // Sums only compared: saturating, a ledger beyond the largest amount only splits.
        let total = |side: fn(&Piece) -> Money| {
            self.pieces
                .iter()
                .fold(Money::ZERO, |sum, (_, p)| sum.saturating_add(side(p)))
        };
        let (debit, credit) = (total(|p| p.debit), total(|p| p.credit));
        let first_date = self.pieces.first().map(|((date, _), _)| date.clone());
        let one_date = self
            .pieces
            .iter()
            .all(|((date, _), _)| Some(date) == first_date.as_ref());
        let pieces = self.pieces.into_iter().map(|(_, piece)| piece);
        if debit == credit && one_date && !pieces_balance {
            vec![pieces.collect()]
        } else {
            pieces.map(|piece| vec![piece]).collect()
        }
    }
}

/// A share of revenue booked to a payer (`None`: the unidentified payer).
struct Booked {
    line: u64,
    date: NaiveDate,
    amount: Money,
    kind: Kind,
    payer: Option<Payer>,
}

/// Shares `amount` among `weights` in proportion, to the cent: each share rounded
/// toward zero, the cents left given to the largest remainders (ties to the first).
fn share_by_weight(amount: Money, weights: &[Money]) -> Option<Vec<Money>> {
    let total = weights
        .iter()
        .try_fold(Money::ZERO, |sum, w| sum.checked_add(*w))?;
    if total.is_zero() || weights.is_empty() {
        return None;
    }
    let cents = amount.checked_mul(Decimal::ONE_HUNDRED)?;
    if !cents.fract().is_zero() {
        // Sub-cent amounts are shared exactly, without rounding.
        return weights
            .iter()
            .map(|w| amount.checked_mul(*w)?.checked_div(total))
            .collect();
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, weight) in weights.iter().enumerate() {
        let exact = cents.checked_mul(*weight)?.checked_div(total)?;
        let whole = exact.trunc();
        shares.push(whole);
        remainders.push((exact - whole, i));
    }
    let shared = shares
        .iter()
        .try_fold(Money::ZERO, |sum, s| sum.checked_add(*s))?;
    let mut left = cents.checked_sub(shared)?;
    let step = if left.is_sign_negative() {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    remainders.sort_by(|a, b| b.0.abs().cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left.is_zero() {
            break;
        }
        if let Some(share) = shares.get_mut(i) {
            *share += step;
            left -= step;
        }
    }
    Some(
        shares
            .into_iter()
            .map(|cents| cents / Decimal::ONE_HUNDRED)
            .collect(),
    )
}

/// Books a group's revenue lines to its customers.
fn book(group: Vec<Piece>, booked: &mut Vec<Booked>) -> Option<()> {
    let mut customers: Vec<(Option<Payer>, Money)> = Vec::new();
    let mut revenue = Vec::new();
    for piece in group {
        for customer in piece.customers {
            match customers.iter_mut().find(|(p, _)| *p == customer.payer) {
                Some((_, weight)) => *weight = weight.checked_add(customer.weight)?,
                None => customers.push((customer.payer, customer.weight)),
            }
        }
        revenue.extend(piece.revenue);
    }
    customers.retain(|(_, weight)| !weight.is_zero());
    let weights: Vec<Money> = customers.iter().map(|(_, w)| *w).collect();
    for line in revenue {
        let to = |payer: Option<Payer>, amount: Money| Booked {
            line: line.line,
            date: line.date,
            amount,
            kind: line.kind,
            payer,
        };
        if line.payer.is_some() {
            booked.push(to(line.payer.clone(), line.amount));
            continue;
        }
        match share_by_weight(line.amount, &weights) {
            Some(shares) => {
                for ((payer, _), share) in customers.iter().zip(shares) {
                    booked.push(to(payer.clone(), share));
                }
            }
            None => booked.push(to(None, line.amount)),
        }
    }
    Some(())
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
        .find(|o| o.applies_to(super::columns::FileKind::Invoices))
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
        };
        match share.payer {
            Some(_) => acc.add(&row(""))?,
            None => {
                acc.add_unidentified(&row(""))?;
                unidentified = unidentified
                    .checked_add(share.amount)
                    .ok_or_else(|| overflow(share.line))?;
            }
        }
    }
    if !unidentified.is_zero() {
        let total = booked
            .iter()
            .try_fold(Money::ZERO, |sum, b| sum.checked_add(b.amount))
            .ok_or_else(|| overflow(0))?;
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
            self.order.confirmed |= date.day() > 12;
            self.latest = self.latest.max(Some(*date));
        }
        let Some(piece) = self.piece(&cells) else {
            return;
        };
        piece.debit = piece.debit.saturating_add(debit);
        piece.credit = piece.credit.saturating_add(credit);
        let (Some(kind), Some(date)) = (kind, date) else {
            if cells.account.starts_with("411") {
                piece.customers.push(CustomerLine {
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
        let Some(amount) = credit.checked_sub(debit) else {
            summary.reject(
                line,
                RejectReason::BadAmount,
                Some(&self.credit_header),
                "Credit − Debit is beyond the largest supported amount".into(),
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
    fn credit_and_debit(&self, cells: &LineCells) -> Result<(Money, Money), String> {
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
                _ => Err(format!(
                    "{:?} in \"Sens\" is not a direction: expected D (debit) or C (credit)",
                    cells.direction
                )),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Money {
        Money::from_str_exact(text).unwrap()
    }

    fn decs(texts: &[&str]) -> Vec<Money> {
        texts.iter().map(|t| dec(t)).collect()
    }

    #[test]
    fn revenue_is_shared_by_weight_to_the_cent() {
        // 83 334 cents × 700 / 1 000,01 = 58 333.2 and × 300,01 / 1 000,01 = 25 000.8:
        // the cent left goes to the larger remainder.
        assert_eq!(
            share_by_weight(dec("833.34"), &decs(&["700.00", "300.01"])),
            Some(decs(&["583.33", "250.01"]))
        );
        // Three equal weights: 33.34, 33.33, 33.33 (ties to the first).
        assert_eq!(
            share_by_weight(dec("100.00"), &decs(&["1", "1", "1"])),
            Some(decs(&["33.34", "33.33", "33.33"]))
        );
        // A credit note shares its negative amount the same way.
        assert_eq!(
            share_by_weight(dec("-100.00"), &decs(&["1", "1", "1"])),
            Some(decs(&["-33.34", "-33.33", "-33.33"]))
        );
        // One customer takes it all; no weight means no customer to share with.
        assert_eq!(
            share_by_weight(dec("12.34"), &decs(&["5"])),
            Some(decs(&["12.34"]))
        );
        assert_eq!(share_by_weight(dec("12.34"), &decs(&["0", "0"])), None);
        assert_eq!(share_by_weight(dec("12.34"), &[]), None);
    }

    #[test]
    fn collective_customer_accounts_name_nobody() {
        let named = |account, label, aux, aux_label| customer_of(account, label, aux, aux_label);
        assert_eq!(named("411000", "Clients", "", ""), None);
        assert_eq!(named("41100000", "CLIENTS DIVERS", "", ""), None);
        assert_eq!(named("4111", "Customers - Sales", "", ""), None);
        assert_eq!(named("411000", "", "", ""), None);
        assert_eq!(
            named("411000", "Clients", "C001", "Atelier Nord"),
            Some(Payer {
                id: "C001".into(),
                name: "Atelier Nord".into()
            })
        );
        assert_eq!(
            named("411DUPONT", "Dupont SA", "", ""),
            Some(Payer {
                id: "411DUPONT".into(),
                name: "Dupont SA".into()
            })
        );
        assert_eq!(
            named("4110023", "Menuiserie Vidal", "", ""),
            Some(Payer {
                id: "4110023".into(),
                name: "Menuiserie Vidal".into()
            })
        );
    }

    fn piece(debit: &str, credit: &str) -> Piece {
        Piece {
            debit: dec(debit),
            credit: dec(credit),
            ..Piece::default()
        }
    }

    fn entry(pieces: Vec<(&str, &str, Piece)>) -> Entry {
        let mut entry = Entry::default();
        for (date, reference, piece) in pieces {
            entry
                .index
                .insert((date.into(), reference.into()), entry.pieces.len());
            entry.pieces.push(((date.into(), reference.into()), piece));
        }
        entry
    }

    #[test]
    fn an_entry_key_is_split_into_balanced_pieces_when_it_must() {
        // Two invoices of one day under one key, each balanced: two groups.
        let two = entry(vec![
            ("20240101", "F1", piece("120", "120")),
            ("20240101", "F2", piece("60", "60")),
        ]);
        assert_eq!(two.groups().len(), 2);
        // One invoice whose PieceRef is only on the customer line: the parts do not
        // balance alone, the entry does, on one date: one group.
        let one = entry(vec![
            ("20240101", "F1", piece("120", "0")),
            ("20240101", "", piece("0", "120")),
        ]);
        assert_eq!(one.groups().len(), 1);
        // Unbalanced, or over several dates: split.
        let apart = entry(vec![
            ("20240101", "F1", piece("120", "0")),
            ("20240202", "", piece("0", "120")),
        ]);
        assert_eq!(apart.groups().len(), 2);
    }
}
