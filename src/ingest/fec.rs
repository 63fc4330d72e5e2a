//! The French FEC (Fichier des Écritures Comptables): revenue is the class-7 entries
//! (`70…` sales and services, `75…` other income), amount Credit − Debit, the client the
//! `411…` customer line of the same entry.

use crate::model::Kind;
use csv::ByteRecord;

use super::accumulate::{Accumulator, CountedRow};
use super::error::IngestError;
use super::invoices::{close, decide_formats, describe};
use super::quality::{FileSummary, RejectReason};
use super::reader::CsvTable;
use super::text::fold_header;
use super::warning::Warning;
use super::Options;

const COLUMNS: [&str; 12] = [
    "journalcode",
    "ecriturenum",
    "ecrituredate",
    "comptenum",
    "comptelib",
    "compauxnum",
    "compauxlib",
    "pieceref",
    "piecedate",
    "debit",
    "credit",
    "ecriturelib",
];

/// A FEC is recognised by its header.
pub fn is_fec_header(cells: &[String]) -> bool {
    let folded: Vec<String> = cells.iter().map(|c| fold_header(c)).collect();
    ["journalcode", "ecriturenum", "comptenum", "debit", "credit"]
        .iter()
        .all(|c| folded.iter().any(|f| f == c))
}

struct Index([Option<usize>; 12]);

impl Index {
    fn of(headers: &[String]) -> Self {
        let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
        Index(COLUMNS.map(|c| folded.iter().position(|f| f == c)))
    }

    fn get(&self, name: &str) -> Option<usize> {
        COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|i| self.0.get(i).copied().flatten())
    }
}

/// One ledger line kept until its entry is complete.
struct Line {
    line: u64,
    account: String,
    aux_num: String,
    aux_lib: String,
    account_lib: String,
    date: String,
    debit: String,
    credit: String,
}

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

pub fn read(
    mut table: CsvTable,
    options: &Options,
    acc: &mut Accumulator,
    warnings: &mut Vec<Warning>,
) -> Result<FileSummary, IngestError> {
    let index = Index::of(&table.headers);
    let headers = table.headers.clone();
    let header = |name: &str| {
        index
            .get(name)
            .and_then(|i| headers.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let date_column = index.get("piecedate").or(index.get("ecrituredate"));
    let formats = decide_formats(
        &mut table,
        &[index.get("debit"), index.get("credit")],
        date_column,
        options,
        warnings,
        "Debit/Credit",
        &header("piecedate"),
    )?;
    let columns: Vec<(&str, String)> = [
        ("date", "piecedate"),
        ("client_id", "compauxnum"),
        ("client", "compauxlib"),
        ("account", "comptenum"),
        ("invoice_id", "pieceref"),
        ("debit", "debit"),
        ("credit", "credit"),
    ]
    .iter()
    .filter(|(_, c)| index.get(c).is_some())
    .map(|(f, c)| (*f, header(c)))
    .collect();
    let mut summary = describe(&table, "fec", &formats, &columns);
    let (date_header, debit_header, credit_header) =
        (header("piecedate"), header("debit"), header("credit"));

    let mut entry: Vec<Line> = Vec::new();
    let mut entry_key = (String::new(), String::new());
    let mut record = ByteRecord::new();
    let cell = |table: &mut CsvTable, record: &ByteRecord, line: u64, name: &str| {
        table.cell(record, index.get(name), line).into_owned()
    };
    loop {
        let next = table.next_row(&mut record)?;
        let key = match next {
            Some(line) => (
                cell(&mut table, &record, line, "journalcode"),
                cell(&mut table, &record, line, "ecriturenum"),
            ),
            None => (String::new(), String::new()),
        };
        if next.is_none() || (key != entry_key && !entry.is_empty()) {
            flush(
                &entry,
                &entry_key,
                &formats,
                &date_header,
                &debit_header,
                &credit_header,
                acc,
                &mut summary,
            )?;
            entry.clear();
        }
        let Some(line) = next else { break };
        entry_key = key;
        let piece_date = cell(&mut table, &record, line, "piecedate");
        entry.push(Line {
            line,
            account: cell(&mut table, &record, line, "comptenum"),
            aux_num: cell(&mut table, &record, line, "compauxnum"),
            aux_lib: cell(&mut table, &record, line, "compauxlib"),
            account_lib: cell(&mut table, &record, line, "comptelib"),
            date: if piece_date.is_empty() {
                cell(&mut table, &record, line, "ecrituredate")
            } else {
                piece_date
            },
            debit: cell(&mut table, &record, line, "debit"),
            credit: cell(&mut table, &record, line, "credit"),
        });
    }
    close(&mut summary, &table, warnings);
    Ok(summary)
}

/// Books one complete entry: its revenue lines go to the entry's customer.
#[allow(clippy::too_many_arguments)]
fn flush(
    entry: &[Line],
    key: &(String, String),
    formats: &super::cells::CellFormats,
    date_header: &str,
    debit_header: &str,
    credit_header: &str,
    acc: &mut Accumulator,
    summary: &mut FileSummary,
) -> Result<(), IngestError> {
    let mut customers: Vec<(&str, &str)> = Vec::new();
    for line in entry.iter().filter(|l| l.account.starts_with("411")) {
        let id = if line.aux_num.is_empty() {
            line.account.as_str()
        } else {
            line.aux_num.as_str()
        };
        let name = if line.aux_lib.is_empty() {
            line.account_lib.as_str()
        } else {
            line.aux_lib.as_str()
        };
        if !customers.iter().any(|(i, _)| *i == id) {
            customers.push((id, name));
        }
    }
    for line in entry {
        let Some(kind) = kind_of(&line.account) else {
            summary.exclude("not_revenue");
            continue;
        };
        let customer = if !line.aux_num.is_empty() {
            Some((
                line.aux_num.as_str(),
                if line.aux_lib.is_empty() {
                    line.aux_num.as_str()
                } else {
                    line.aux_lib.as_str()
                },
            ))
        } else if customers.len() == 1 {
            customers.first().copied()
        } else {
            None
        };
        let Some((client_id, client_name)) = customer else {
            let why = if customers.is_empty() {
                "has no customer (411) line"
            } else {
                "has several customer (411) lines"
            };
            summary.reject(
                line.line,
                RejectReason::NoClientAccount,
                None,
                format!(
                    "entry {} {} {why}: the revenue cannot be given to a client",
                    key.0, key.1
                ),
            );
            continue;
        };
        let date = match formats.date(&line.date, date_header) {
            Ok(date) => date,
            Err(message) => {
                summary.reject(line.line, RejectReason::BadDate, Some(date_header), message);
                continue;
            }
        };
        let amounts = formats
            .amount_or_zero(&line.credit, credit_header)
            .and_then(|c| {
                formats
                    .amount_or_zero(&line.debit, debit_header)
                    .map(|d| (c, d))
            });
        let (credit, debit) = match amounts {
            Ok(pair) => pair,
            Err(message) => {
                summary.reject(
                    line.line,
                    RejectReason::BadAmount,
                    Some(credit_header),
                    message,
                );
                continue;
            }
        };
        let amount = credit
            .checked_sub(debit)
            .ok_or_else(|| IngestError::Overflow {
                file: summary.path.clone(),
                line: line.line,
            })?;
        acc.add(&CountedRow {
            line: line.line,
            date,
            client_id,
            client_name,
            amount,
            // The FEC is kept in euros by law.
            currency: Some("EUR"),
            kind,
            intermediary: "",
        })?;
        summary.use_row();
    }
    Ok(())
}
