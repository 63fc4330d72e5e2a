//! The generic invoice export: one row per invoice or per invoice line, columns found by
//! their headers. Decides the formats from a sample, then streams every row into
//! exactly one bucket and the counted ones into the accumulator.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use csv::ByteRecord;
use rust_decimal::Decimal;

use crate::model::Kind;

use super::accumulate::{Accumulator, CountedRow};
use super::cells::{is_total_label, CellFormats};
use super::columns::{AmountBasis, Mapping};
use super::dates::{guess_date_format, DateFormat};
use super::error::IngestError;
use super::money::{currency_code, guess_decimal};
use super::quality::{FileSummary, RejectReason};
use super::reader::{CsvTable, SAMPLE_ROWS};
use super::text::fold_words;
use super::vocab::{self, Status};
use super::warning::Warning;
use super::{Options, UnknownValues};

/// Rows remembered to spot duplicates; past this the check stops (and says so).
const DUPLICATE_CHECK_ROWS: usize = 2_000_000;

/// How amounts relate to invoices in a file with several rows per invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AmountMode {
    /// Each row's amount counts (one row per invoice, or line amounts).
    PerRow,
    /// The invoice total is repeated on every line: count it once per invoice.
    OncePerInvoice,
}

/// Whether a file looks French (`;`, French headers, a FEC), for the day-first and
/// decimal-comma defaults.
fn looks_french(table: &CsvTable) -> bool {
    table.delimiter == b';'
        || super::fec::is_fec_header(&table.headers)
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
    date_header: &str,
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
    let date_format = match &options.date_format {
        Some(format) => format.clone(),
        None => {
            let dates = sample_column(table, date_column)?;
            let french = french || decimal == super::money::DecimalSeparator::Comma;
            match guess_date_format(dates.iter().map(String::as_str), french) {
                Some(guess) => {
                    if guess.ambiguous {
                        let other = match guess.format {
                            DateFormat::DayFirst(sep) => DateFormat::MonthFirst(sep),
                            DateFormat::MonthFirst(sep) => DateFormat::DayFirst(sep),
                            ref other => other.clone(),
                        };
                        warnings.push(Warning::AmbiguousDates {
                            file: table.file.clone(),
                            column: date_header.to_string(),
                            chosen: guess.format.label(),
                            other: other.label(),
                        });
                    }
                    guess.format
                }
                None => DateFormat::Iso,
            }
        }
    };
    Ok(CellFormats {
        decimal,
        date_format,
    })
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
        delimiter: super::reader::delimiter_label(table.delimiter),
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
    if !table.fallback_lines.is_empty() {
        warnings.push(Warning::WindowsFallback {
            file: table.file.clone(),
            lines: table.fallback_lines.clone(),
        });
    }
}

/// Looks at the sample for invoice numbers on several rows.
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
    let rows: Vec<(u64, ByteRecord)> = table.sample(SAMPLE_ROWS)?.iter().cloned().collect();
    let mut amounts: HashMap<(String, String), (Option<Decimal>, bool, u32)> = HashMap::new();
    for (line, record) in &rows {
        let id = table.cell(record, Some(invoice), *line).into_owned();
        if id.is_empty() {
            continue;
        }
        let who = crate::model::normalize_key(&table.cell(record, client, *line));
        let value = formats
            .amount(&table.cell(record, Some(amount), *line), "")
            .ok()
            .map(|a| a.value);
        let entry = amounts.entry((who, id)).or_insert((value, true, 0));
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

/// Reads a generic invoice table whose header is mapped.
pub fn read(
    mut table: CsvTable,
    mapping: Mapping,
    options: &Options,
    acc: &mut Accumulator,
    unknown: &mut UnknownValues,
    warnings: &mut Vec<Warning>,
) -> Result<FileSummary, IngestError> {
    let file = table.file.clone();
    let header = |field: &str| mapping.header(field).unwrap_or_default().to_string();
    // Header names for messages, computed once rather than on every row.
    let (date_header, amount_header) = (header("date"), header("amount"));
    let formats = decide_formats(
        &mut table,
        &[mapping.index("amount")],
        mapping.index("date"),
        options,
        warnings,
        &amount_header,
        &date_header,
    )?;
    if mapping.amount_basis == Some(AmountBasis::InclTax) {
        warnings.push(Warning::AmountsIncludeTax {
            file: file.clone(),
            column: amount_header.clone(),
        });
    }
    let mode = amount_mode(&mut table, &mapping, &formats, warnings)?;
    let mut summary = describe(&table, "invoices", &formats, &mapping.pairs());

    let columns = Columns::of(&mapping);
    let width = table.headers.len();
    let mut seen_invoices: HashMap<(String, String), Decimal> = HashMap::new();
    let mut fingerprints: HashSet<u64> = HashSet::new();
    let mut duplicates: (u64, Vec<u64>) = (0, Vec::new());
    let mut symbol_currency: Option<(String, String)> = None;
    let mut folded_rows = 0u64;
    let mut record = ByteRecord::new();
    while let Some(line) = table.next_row(&mut record)? {
        if record.len() > width
            && (width..record.len()).any(|i| !table.cell(&record, Some(i), line).is_empty())
        {
            summary.reject(
                line,
                RejectReason::RaggedRow,
                None,
                format!("{} fields where the header has {width}: a value probably holds an unquoted {:?}", record.len(), super::reader::delimiter_label(table.delimiter)),
            );
            continue;
        }
        let status_text = table.cell(&record, columns.status, line).into_owned();
        let status = vocab::status(&status_text);
        match status {
            Status::Excluded(reason) => {
                summary.exclude(reason);
                continue;
            }
            Status::Counted { known: false } => unknown.status.add(&status_text),
            _ => {}
        }
        let date_text = table.cell(&record, columns.date, line).into_owned();
        let date = formats.date(&date_text, &date_header);
        let id = table.cell(&record, columns.client_id, line).into_owned();
        let name = table.cell(&record, columns.client, line).into_owned();
        if date.is_err() {
            let first = (0..record.len())
                .map(|i| table.cell(&record, Some(i), line).into_owned())
                .find(|c| !c.is_empty());
            if is_total_label(&name)
                || is_total_label(&id)
                || first.is_some_and(|c| is_total_label(&c))
            {
                summary.reject(
                    line,
                    RejectReason::TotalLine,
                    None,
                    "a total line, not an invoice: skipped".into(),
                );
                continue;
            }
        }
        let date = match date {
            Ok(date) => date,
            Err(_) if date_text.is_empty() => {
                let short = if record.len() < width {
                    format!(" (the row has {} fields, the header {width})", record.len())
                } else {
                    String::new()
                };
                summary.reject(
                    line,
                    RejectReason::MissingDate,
                    Some(&date_header),
                    format!("no date in {:?}{short}", date_header),
                );
                continue;
            }
            Err(message) => {
                summary.reject(line, RejectReason::BadDate, Some(&date_header), message);
                continue;
            }
        };
        if id.is_empty() && name.is_empty() {
            let which = [header("client_id"), header("client")]
                .into_iter()
                .filter(|h| !h.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            summary.reject(
                line,
                RejectReason::MissingClient,
                Some(&which),
                format!("no client in {which:?}"),
            );
            continue;
        }
        let amount_text = table.cell(&record, columns.amount, line).into_owned();
        if amount_text.is_empty() {
            summary.reject(
                line,
                RejectReason::MissingAmount,
                Some(&amount_header),
                format!("no amount in {:?}", amount_header),
            );
            continue;
        }
        let parsed = match formats.amount(&amount_text, &amount_header) {
            Ok(parsed) => parsed,
            Err(message) => {
                summary.reject(line, RejectReason::BadAmount, Some(&amount_header), message);
                continue;
            }
        };
        let amount = if status == Status::CreditNote {
            -parsed.value.abs()
        } else {
            parsed.value
        };
        let kind_text = table.cell(&record, columns.kind, line).into_owned();
        let kind = vocab::kind(&kind_text).unwrap_or_else(|| {
            unknown.kind.add(&kind_text);
            Kind::Service
        });
        let intermediary = table.cell(&record, columns.intermediary, line).into_owned();
        let currency_cell = currency_code(&table.cell(&record, columns.currency, line));
        let currency = if !currency_cell.is_empty() {
            Some(currency_cell)
        } else {
            // `$` names no particular dollar: it yields to --currency.
            let weak_dollar = parsed.currency.as_deref() == Some("USD")
                && !amount_text.to_ascii_uppercase().contains("USD");
            match parsed.currency {
                Some(_) if weak_dollar && options.currency.is_some() => None,
                Some(code) => {
                    if weak_dollar && symbol_currency.is_none() {
                        symbol_currency = Some(("$".to_string(), code.clone()));
                    }
                    Some(code)
                }
                None => None,
            }
        };
        let key = Accumulator::row_key(&id, &name);
        let invoice_id = table.cell(&record, columns.invoice_id, line).into_owned();
        if mode == AmountMode::OncePerInvoice && !invoice_id.is_empty() {
            let invoice_key = (key, invoice_id);
            match seen_invoices.get(&invoice_key) {
                Some(first) if *first == amount => {
                    summary.use_row();
                    folded_rows += 1;
                    continue;
                }
                Some(first) => {
                    summary.reject(
                        line,
                        RejectReason::ConflictingTotal,
                        Some(&amount_header),
                        format!(
                            "invoice {:?} was already counted with {first}, this line says {amount}: fix the export",
                            invoice_key.1
                        ),
                    );
                    continue;
                }
                None => {
                    seen_invoices.insert(invoice_key, amount);
                }
            }
        } else if !invoice_id.is_empty() && fingerprints.len() < DUPLICATE_CHECK_ROWS {
            let mut hasher = DefaultHasher::new();
            (&invoice_id, date, &key, amount).hash(&mut hasher);
            if !fingerprints.insert(hasher.finish()) {
                duplicates.0 += 1;
                if duplicates.1.len() < 20 {
                    duplicates.1.push(line);
                }
            }
        }
        acc.add(&CountedRow {
            line,
            date,
            client_id: &id,
            client_name: &name,
            amount,
            currency: currency.as_deref(),
            kind,
            intermediary: &intermediary,
        })?;
        summary.use_row();
    }
    close(&mut summary, &table, warnings);
    if mode == AmountMode::OncePerInvoice {
        warnings.push(Warning::InvoiceTotalsOncePerInvoice {
            file: file.clone(),
            column: amount_header,
            invoices: seen_invoices.len() as u64,
            rows: seen_invoices.len() as u64 + folded_rows,
        });
    }
    if duplicates.0 > 0 {
        warnings.push(Warning::DuplicateRows {
            file: file.clone(),
            count: duplicates.0,
            lines: duplicates.1,
        });
    }
    if let Some((symbol, currency)) = symbol_currency {
        warnings.push(Warning::CurrencyFromSymbol {
            file: file.clone(),
            symbol,
            currency,
        });
    }
    Ok(summary)
}

/// Column indexes of the mapped fields.
struct Columns {
    date: Option<usize>,
    client: Option<usize>,
    client_id: Option<usize>,
    amount: Option<usize>,
    invoice_id: Option<usize>,
    currency: Option<usize>,
    status: Option<usize>,
    kind: Option<usize>,
    intermediary: Option<usize>,
}

impl Columns {
    fn of(mapping: &Mapping) -> Self {
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
        }
    }
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
}
