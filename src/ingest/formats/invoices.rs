//! The generic invoice export: one row per invoice or per invoice line, columns found by
//! their headers. Decides the formats from a sample, then streams every row into
//! exactly one bucket and the counted ones into the accumulator.

use std::collections::{BTreeMap, HashMap};

use csv::ByteRecord;
use rust_decimal::Decimal;

use crate::ingest::aggregate::accumulate::Accumulator;
use crate::ingest::dialect::cells::CellFormats;
use crate::ingest::dialect::columns::{AmountBasis, Mapping};
use crate::ingest::dialect::dates::{guess_date_format, DateFormat};
use crate::ingest::dialect::money::guess_decimal;
use crate::ingest::dialect::reader::{CsvTable, SAMPLE_ROWS};
use crate::ingest::dialect::text::fold_words;
use crate::ingest::engine::parallel::{read_rows, Progress, RowsRead};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::{
    AmountMode, Columns, DateOrderSeen, InvoiceKey, RowRules,
};
use crate::ingest::formats::payment_cells::PaymentCells;
use crate::ingest::{Options, UnknownValues};
use crate::model::quality::FileSummary;
use crate::model::warning::Warning;
use crate::model::Basis;

/// Whether a file looks French (`;`, French headers, a FEC), for the day-first and
/// decimal-comma defaults.
fn looks_french(table: &CsvTable) -> bool {
    table.delimiter == b';'
        || crate::ingest::formats::fec::is_fec_header(&table.headers)
        || table.headers.iter().any(|h| {
            let folded = fold_words(h);
            [
                "montant",
                "facture",
                "statut",
                "raison sociale",
                "societe",
                "devise",
                "ttc",
                "ht",
                "nom",
                "libelle",
                "date d emission",
            ]
            .iter()
            .any(|w| {
                folded == *w
                    || folded.starts_with(&format!("{w} "))
                    || folded.ends_with(&format!(" {w}"))
            })
        })
}

fn sample_column(table: &mut CsvTable, index: Option<usize>) -> Result<Vec<String>, IngestError> {
    let Some(index) = index else {
        return Ok(Vec::new());
    };
    let rows: Vec<(u64, ByteRecord)> = table.sample(SAMPLE_ROWS)?.iter().cloned().collect();
    Ok(rows
        .iter()
        .map(|(line, record)| table.cell(record, Some(index), *line).into_owned())
        .filter(|v| !v.is_empty())
        .collect())
}

/// Decides the decimal separator and date format of a table's amount and date columns.
pub fn decide_formats(
    table: &mut CsvTable,
    amount_columns: &[Option<usize>],
    date_column: Option<usize>,
    options: &Options,
    warnings: &mut Vec<Warning>,
    amount_header: &str,
) -> Result<CellFormats, IngestError> {
    let french = looks_french(table);
    let mut amounts = Vec::new();
    for column in amount_columns {
        amounts.extend(sample_column(table, *column)?);
    }
    let decimal = match options.decimal {
        Some(d) => d,
        None => {
            let guess = guess_decimal(amounts.iter().map(String::as_str), french);
            if guess.ambiguous {
                warnings.push(Warning::AmbiguousDecimal {
                    file: table.file.clone(),
                    column: amount_header.to_string(),
                    chosen: guess.separator.as_char(),
                });
            } else if guess.conflicting {
                warnings.push(Warning::ConflictingDecimal {
                    file: table.file.clone(),
                    column: amount_header.to_string(),
                    chosen: guess.separator.as_char(),
                });
            }
            guess.separator
        }
    };
    let (date_format, date_order_guessed) = match &options.date_format {
        Some(format) => (format.clone(), false),
        None => {
            let dates = sample_column(table, date_column)?;
            let french =
                french || decimal == crate::ingest::dialect::money::DecimalSeparator::Comma;
            match guess_date_format(dates.iter().map(String::as_str), french) {
                Some(guess) => (guess.format, guess.ambiguous),
                None => (DateFormat::Iso, false),
            }
        }
    };
    // Day-first is the norm of a clearly French file (`;`, French headers): no warning
    // there (issue 30). A decimal comma alone also chooses day-first, with the warning.
    let day_first_as_french = date_order_guessed && french && date_format.is_day_first();
    Ok(CellFormats {
        decimal,
        date_format,
        date_order_guessed,
        day_first_as_french,
    })
}

/// What the whole date column said about its order, once every row is read (SPEC 2.1):
/// "every date is ambiguous" only when no date decided it, and the dates that read only
/// in the other order of a column whose order their neighbours decided.
pub fn date_order_warning(
    file: &str,
    column: &str,
    formats: &CellFormats,
    order: DateOrderSeen,
) -> Option<Warning> {
    let other = formats.date_format.other_order()?;
    if formats.date_order_guessed && !order.confirmed && !formats.day_first_as_french {
        Some(Warning::AmbiguousDates {
            file: file.to_string(),
            column: column.to_string(),
            chosen: formats.date_format.label(),
            other: other.label(),
        })
    } else if order.other_order_rows > 0 {
        Some(Warning::ConflictingDates {
            file: file.to_string(),
            column: column.to_string(),
            chosen: formats.date_format.label(),
        })
    } else {
        None
    }
}

/// Fills the parts of a summary every table format shares.
pub fn describe(
    table: &CsvTable,
    format: &'static str,
    formats: &CellFormats,
    columns: &[(&str, String)],
) -> FileSummary {
    FileSummary {
        path: table.file.clone(),
        format,
        encoding: table.encoding.label().to_string(),
        delimiter: crate::ingest::dialect::reader::delimiter_label(table.delimiter),
        decimal: Some(formats.decimal.as_char()),
        date_format: Some(formats.date_format.label()),
        columns: columns
            .iter()
            .map(|(f, h)| (f.to_string(), h.clone()))
            .collect(),
        header_line: table.header_line,
        ..FileSummary::default()
    }
}

/// Completes a summary once its table is read: the rows skipped around the data, and
/// the lines a UTF-8 file had to read as Windows-1252.
pub fn close(summary: &mut FileSummary, table: &CsvTable, warnings: &mut Vec<Warning>) {
    summary.preamble_rows = table.preamble_rows;
    summary.blank_rows = table.blank_rows;
    warnings.extend(not_utf8(table));
    if !table.fallback_lines.is_empty() {
        warnings.push(Warning::WindowsFallback {
            file: table.file.clone(),
            lines: table.fallback_lines.clone(),
        });
    }
}

/// A file read as Windows-1252 because it is not UTF-8: said, so that wrong accents
/// can be traced to the encoding.
fn not_utf8(table: &CsvTable) -> Option<Warning> {
    table
        .windows_1252_guessed
        .then(|| Warning::ReadAsWindows1252 {
            file: table.file.clone(),
        })
}

/// Looks at the sample for invoices on several rows. An invoice is its number, client,
/// date and kind of document (SPEC 2.1): rows sharing a number on other dates, or a
/// credit note beside its invoice, are other documents. Rows without an amount are
/// continuation lines and say nothing about it.
fn amount_mode(
    table: &mut CsvTable,
    mapping: &Mapping,
    formats: &CellFormats,
    warnings: &mut Vec<Warning>,
) -> Result<AmountMode, IngestError> {
    let (Some(invoice), Some(amount)) = (mapping.index("invoice_id"), mapping.index("amount"))
    else {
        return Ok(AmountMode::PerRow);
    };
    if mapping.amount_basis == Some(AmountBasis::Line) {
        return Ok(AmountMode::PerRow);
    }
    let client = mapping.index("client_id").or(mapping.index("client"));
    let (date, status) = (mapping.index("date"), mapping.index("status"));
    let rows: Vec<(u64, ByteRecord)> = table.sample(SAMPLE_ROWS)?.iter().cloned().collect();
    // Per invoice: its first amount, whether every row agreed, and its rows.
    let mut amounts: HashMap<InvoiceKey, (Decimal, bool, u32)> = HashMap::new();
    for (line, record) in &rows {
        let number = table.cell(record, Some(invoice), *line).into_owned();
        let value = formats
            .amount(&table.cell(record, Some(amount), *line), "")
            .ok()
            .map(|a| a.value);
        let day = formats.date(&table.cell(record, date, *line), "").ok();
        let (Some(value), Some(day), false) = (value, day, number.is_empty()) else {
            continue;
        };
        let key = InvoiceKey {
            client: crate::model::normalize_key(&table.cell(record, client, *line)),
            number,
            date: day,
            credit_note: crate::ingest::dialect::vocab::status(&table.cell(record, status, *line))
                == crate::ingest::dialect::vocab::Status::CreditNote,
        };
        let entry = amounts.entry(key).or_insert((value, true, 0));
        entry.1 &= entry.0 == value;
        entry.2 += 1;
    }
    let repeated: Vec<_> = amounts.values().filter(|(_, _, n)| *n > 1).collect();
    let differing = repeated.iter().filter(|(_, same, _)| !same).count();
    if repeated.is_empty() {
        Ok(AmountMode::PerRow)
    } else if differing == 0 {
        Ok(AmountMode::OncePerInvoice)
    } else {
        warnings.push(Warning::RepeatedInvoiceAmounts {
            file: table.file.clone(),
            invoices: differing as u64,
        });
        Ok(AmountMode::PerRow)
    }
}

/// A generic invoice table ready to stream: how its rows are read, and the summary of
/// what was detected.
pub struct Prepared {
    pub rules: RowRules,
    pub summary: FileSummary,
}

/// Decides the formats and the way amounts count, from the table's sample.
pub fn prepare(
    table: &mut CsvTable,
    mapping: &Mapping,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<Prepared, IngestError> {
    let file = table.file.clone();
    let header = |field: &str| mapping.header(field).unwrap_or_default().to_string();
    // Header names for messages, computed once rather than on every row.
    let (date_header, amount_header) = (header("date"), header("amount"));
    let formats = decide_formats(
        table,
        &[mapping.index("amount")],
        mapping.index("date"),
        options,
        warnings,
        &amount_header,
    )?;
    let tax_header = mapping
        .tax_to_subtract()
        .map(|_| header("tax"))
        .unwrap_or_default();
    if !tax_header.is_empty() {
        warnings.push(Warning::TaxSubtracted {
            file: file.clone(),
            column: amount_header.clone(),
            tax: tax_header.clone(),
        });
    } else if mapping.amount_basis == Some(AmountBasis::InclTax) {
        warnings.push(Warning::AmountsIncludeTax {
            file: file.clone(),
            column: amount_header.clone(),
        });
    }
    for tie in &mapping.ties {
        warnings.push(Warning::TiedColumns {
            file: file.clone(),
            field: tie.field,
            chosen: tie.chosen.clone(),
            other: tie.other.clone(),
        });
    }
    let mode = amount_mode(table, mapping, &formats, warnings)?;
    let (payments, unread_balance) = PaymentCells::of(mapping);
    if options.basis == Basis::Cash && payments.paid.is_none() {
        return Err(IngestError::CashBasisWithoutPaidDate {
            file,
            headers: table.headers.clone(),
        });
    }
    if let Some(column) = unread_balance {
        warnings.push(Warning::BalanceBesideLines {
            file: file.clone(),
            column,
        });
    }
    let summary = describe(table, "invoices", &formats, &mapping.pairs());
    let client_headers = [header("client_id"), header("client")]
        .into_iter()
        .filter(|h| !h.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let rules = RowRules {
        columns: Columns::of(mapping),
        width: table.headers.len(),
        formats,
        encoding: table.encoding,
        delimiter: table.delimiter,
        mode,
        date_header,
        amount_header,
        tax_header,
        client_headers,
        currency_given: options.currency.is_some(),
        payments,
    };
    Ok(Prepared { rules, summary })
}

/// The summary and warnings of rows read with `prepared`.
pub fn conclude(
    prepared: &Prepared,
    read: RowsRead,
    table: &CsvTable,
    unknown: &mut UnknownValues,
    warnings: &mut Vec<Warning>,
) -> FileSummary {
    let RowsRead {
        tally,
        duplicates,
        invoices,
        folded_rows,
    } = read;
    let file = table.file.clone();
    let mut summary = prepared.summary.clone();
    let counts = tally.summary;
    summary.rows = counts.rows;
    summary.used = counts.used;
    summary.excluded = counts.excluded;
    summary.rejected = counts.rejected;
    summary.rejections = counts.rejections;
    summary.preamble_rows = table.preamble_rows;
    summary.blank_rows = table.blank_rows + tally.blank_rows;
    warnings.extend(not_utf8(table));
    let mut fallback_lines = table.fallback_lines.clone();
    fallback_lines.extend(tally.fallback_lines);
    fallback_lines.truncate(1000);
    if !fallback_lines.is_empty() {
        warnings.push(Warning::WindowsFallback {
            file: file.clone(),
            lines: fallback_lines,
        });
    }
    unknown.status.absorb(tally.unknown_status);
    unknown.kind.absorb(tally.unknown_kind);
    warnings.extend(date_order_warning(
        &file,
        &prepared.rules.date_header,
        &prepared.rules.formats,
        tally.date_order,
    ));
    if prepared.rules.mode == AmountMode::OncePerInvoice {
        warnings.push(Warning::InvoiceTotalsOncePerInvoice {
            file: file.clone(),
            column: prepared.rules.amount_header.clone(),
            invoices,
            rows: invoices + folded_rows,
        });
    }
    if duplicates.count > 0 {
        warnings.push(Warning::DuplicateRows {
            file: file.clone(),
            count: duplicates.count,
            lines: duplicates.lines,
            sampled_one_in: duplicates.sampled_one_in,
        });
    }
    if let Some((symbol, currency)) = tally.symbol_currency {
        warnings.push(Warning::CurrencyFromSymbol {
            file,
            symbol,
            currency,
        });
    }
    summary
}

/// Reads a generic invoice table whose header is mapped.
pub fn read(
    mut table: CsvTable,
    mapping: Mapping,
    options: &Options,
    acc: &mut Accumulator,
    unknown: &mut UnknownValues,
    warnings: &mut Vec<Warning>,
    progress: Progress,
) -> Result<FileSummary, IngestError> {
    let prepared = prepare(&mut table, &mapping, options, warnings)?;
    acc.payments.columns = prepared.rules.payments.columns();
    let rest = table.take_stream();
    let read = read_rows(rest, &prepared.rules, acc, options.reading, progress)?;
    Ok(conclude(&prepared, read, &table, unknown, warnings))
}

/// Unknown vocabulary values of one column: folded word → (first spelling, rows).
#[derive(Clone, Debug, Default)]
pub struct Tally(BTreeMap<String, (String, u64)>);

impl Tally {
    pub fn add(&mut self, text: &str) {
        let entry = self
            .0
            .entry(fold_words(text))
            .or_insert_with(|| (text.to_string(), 0));
        entry.1 += 1;
    }

    pub fn counts(&self) -> Vec<(String, u64)> {
        self.0.values().cloned().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds another tally's counts (the first spelling seen stays).
    pub fn absorb(&mut self, other: Tally) {
        for (word, (spelling, rows)) in other.0 {
            self.0.entry(word).or_insert((spelling, 0)).1 += rows;
        }
    }
}
