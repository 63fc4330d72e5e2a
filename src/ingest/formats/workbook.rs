//! Excel and OpenDocument workbooks (SPEC 2.5). A sheet becomes CSV text that the CSV
//! reader then reads like any export, so every format and rule applies the same way:
//! one CSV line per sheet row (line numbers are the sheet's row numbers), cells typed as
//! dates written `YYYY-MM-DD` and typed numbers with a `.` decimal point, text cells as
//! they are (they go through the same parsing as CSV).

use std::io::{Cursor, Read, Seek};

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use crate::ingest::error::IngestError;

/// The most a workbook file may weigh; a real export is a few megabytes.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The most its parts may weigh once uncompressed: a zip of a few kilobytes can expand
/// to gigabytes (a "zip bomb", or a huge shared-strings table).
pub const MAX_UNCOMPRESSED_BYTES: u64 = 1 << 30;

/// What the first bytes of a file say it is, when it is a workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// `.xlsx` and `.ods` (a zip archive).
    Zip,
    /// `.xls`, or a password-protected `.xlsx` (an OLE compound file).
    Compound,
}

/// Whether `prefix` (the file's first bytes) opens a workbook container.
pub fn sniff(prefix: &[u8]) -> Option<Container> {
    if prefix.starts_with(b"PK\x03\x04") {
        Some(Container::Zip)
    } else if prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Container::Compound)
    } else {
        None
    }
}

/// One sheet, as CSV text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub csv: Vec<u8>,
    /// Cells typed as numbers or dates, read as such.
    pub typed_cells: u64,
}

/// Why a workbook cannot be read, with what to do.
fn refused(file: &str, why: WorkbookProblem) -> IngestError {
    IngestError::Workbook {
        file: file.to_string(),
        problem: why,
    }
}

/// What is wrong with a workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkbookProblem {
    TooLarge,
    /// A zip that is not a workbook (no sheet could be read), with calamine's reason.
    NotAWorkbook(String),
    /// An OLE file that is neither a readable `.xls` nor a workbook: in practice a
    /// password-protected one.
    Encrypted,
    NoSuchSheet {
        sheet: String,
        sheets: Vec<String>,
    },
}

/// Every sheet of a workbook, as CSV text, in the workbook's order.
pub fn sheets(file: &str, mut input: impl Read) -> Result<Vec<Sheet>, IngestError> {
    let mut bytes = Vec::new();
    (&mut input)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::io(file, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(file, WorkbookProblem::TooLarge));
    }
    let container = sniff(&bytes);
    if container == Some(Container::Zip)
        && uncompressed_size(Cursor::new(&bytes)) > MAX_UNCOMPRESSED_BYTES
    {
        return Err(refused(file, WorkbookProblem::TooLarge));
    }
    // A password-protected .xlsx is an OLE file holding an `EncryptedPackage` stream.
    if container == Some(Container::Compound) && holds_encrypted_package(&bytes) {
        return Err(refused(file, WorkbookProblem::Encrypted));
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| match e {
        calamine::Error::Xls(calamine::XlsError::Password) => {
            refused(file, WorkbookProblem::Encrypted)
        }
        other => refused(file, WorkbookProblem::NotAWorkbook(other.to_string())),
    })?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| refused(file, WorkbookProblem::NotAWorkbook(e.to_string())))?;
        let (csv, typed_cells) = to_csv(&range);
        sheets.push(Sheet {
            name,
            csv,
            typed_cells,
        });
    }
    Ok(sheets)
}

/// Whether an OLE file names an `EncryptedPackage` stream (UTF-16 in its directory).
fn holds_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// The sum of the zip's parts once uncompressed, from its central directory; the
/// largest value when the directory cannot be read (calamine then says why).
fn uncompressed_size(reader: impl Read + Seek) -> u64 {
    let Ok(mut archive) = zip::ZipArchive::new(reader) else {
        return 0;
    };
    (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add)
}

/// The sheet named `wanted`, or a clear error listing the sheets.
pub fn pick(file: &str, sheets: Vec<Sheet>, wanted: &str) -> Result<Sheet, IngestError> {
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    sheets
        .into_iter()
        .find(|s| s.name == wanted || s.name.trim().eq_ignore_ascii_case(wanted.trim()))
        .ok_or_else(|| {
            refused(
                file,
                WorkbookProblem::NoSuchSheet {
                    sheet: wanted.to_string(),
                    sheets: names,
                },
            )
        })
}

/// How a column writes its typed cells: like its text cells, so that the CSV reader's
/// per-column guesses see one convention (a typed 1234.5 beside a text `1 000,00` is
/// written `1234,5`; a typed date beside text dates `31/12/2024` is written that way).
#[derive(Clone, Debug, Default)]
struct ColumnStyle {
    comma: bool,
    date_pattern: Option<String>,
}

fn styles(range: &calamine::Range<Data>) -> Vec<ColumnStyle> {
    let width = range.get_size().1;
    let mut texts: Vec<Vec<&str>> = vec![Vec::new(); width];
    for row in range.rows() {
        for (column, cell) in row.iter().enumerate() {
            if let (Data::String(text), Some(list)) = (cell, texts.get_mut(column)) {
                // Enough to decide, not a whole column of a million rows.
                if list.len() < 200 && text.chars().any(|c| c.is_ascii_digit()) {
                    list.push(text.as_str());
                }
            }
        }
    }
    texts
        .iter()
        .map(|values| {
            let comma = !values.is_empty() && {
                let guess =
                    crate::ingest::dialect::money::guess_decimal(values.iter().copied(), false);
                guess.separator == crate::ingest::dialect::money::DecimalSeparator::Comma
                    && !guess.ambiguous
            };
            // Only an order the text dates decide themselves: a guessed one, copied into
            // the typed dates, would look confirmed and read the text dates wrong.
            let date_pattern =
                crate::ingest::dialect::dates::guess_date_format(values.iter().copied(), false)
                    .filter(|g| !g.ambiguous)
                    .filter(|g| {
                        !matches!(
                            g.format,
                            crate::ingest::dialect::dates::DateFormat::MonthName
                        )
                    })
                    .map(|g| g.format.label());
            ColumnStyle {
                comma,
                date_pattern,
            }
        })
        .collect()
}

/// A sheet as CSV text, and how many of its cells were typed numbers or dates. Rows and
/// columns before the sheet's used range are written empty, so that line `n` is row `n`.
fn to_csv(range: &calamine::Range<Data>) -> (Vec<u8>, u64) {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let styles = styles(range);
    let plain = ColumnStyle::default();
    let mut typed = 0u64;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    for _ in 0..first_row {
        // An empty record still ends its line.
        let _ = out.write_record([""]);
    }
    for row in range.rows() {
        let mut record: Vec<String> = vec![String::new(); first_column as usize];
        for (column, cell) in row.iter().enumerate() {
            let style = styles.get(column).unwrap_or(&plain);
            let (text, is_typed) = cell_text(cell, style);
            typed += u64::from(is_typed);
            record.push(text);
        }
        // Trailing empty cells (a sheet's used range is as wide as its widest row).
        while record.last().is_some_and(String::is_empty) {
            record.pop();
        }
        if record.is_empty() {
            record.push(String::new());
        }
        let _ = out.write_record(&record);
    }
    let csv = out.into_inner().unwrap_or_default();
    (csv, typed)
}

/// A cell as CSV text in its column's style, and whether it was a typed number or date.
fn cell_text(cell: &Data, style: &ColumnStyle) -> (String, bool) {
    let date = |date: chrono::NaiveDate| match &style.date_pattern {
        Some(pattern) => date.format(pattern).to_string(),
        None => date.format("%Y-%m-%d").to_string(),
    };
    let number = |value: f64| {
        let text = number(value);
        if style.comma {
            text.replace('.', ",")
        } else {
            text
        }
    };
    match cell {
        Data::Empty | Data::Error(_) => (String::new(), false),
        // A line break inside a cell would shift every later line number.
        Data::String(s) => (s.replace(['\r', '\n'], " "), false),
        Data::Int(i) => (i.to_string(), true),
        Data::Float(f) => (number(*f), true),
        Data::Bool(b) => (b.to_string(), false),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(dt) if !dt.is_duration_like() => (date(dt.date()), true),
            _ => (number(dt.as_f64()), true),
        },
        Data::DateTimeIso(s) => {
            let day = s.get(..10).unwrap_or(s);
            match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) => (date(d), true),
                Err(_) => (day.to_string(), true),
            }
        }
        Data::DurationIso(s) => (s.clone(), false),
    }
}

trait DurationLike {
    fn is_duration_like(&self) -> bool;
}

impl DurationLike for chrono::NaiveDateTime {
    /// calamine reads durations as times of 1899-12-31: not a date of an invoice.
    fn is_duration_like(&self) -> bool {
        use chrono::Datelike;
        self.year() < 1900
    }
}

/// A number as Excel shows it (15 significant digits, so that 0.1 + 0.2 is 0.3), with
/// a `.` point and no grouping. A value with exactly three decimals gets a fourth,
/// `1.2340`: the CSV reader would otherwise wonder whether `1.234` means 1234.
fn number(value: f64) -> String {
    let Some(decimal) = Decimal::from_f64(value) else {
        return String::new();
    };
    let shown = decimal
        .round_sf(15)
        .unwrap_or(decimal)
        .normalize()
        .to_string();
    match shown.split_once('.') {
        Some((_, fraction)) if fraction.len() == 3 => format!("{shown}0"),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(-650.0), "-650");
        assert_eq!(number(1.234), "1.2340");
        assert_eq!(number(2_345_678.9), "2345678.9");
    }

    #[test]
    fn containers_are_known_by_their_first_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Some(Container::Zip));
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(Container::Compound)
        );
        assert_eq!(sniff(b"Date,Client"), None);
    }

    #[test]
    fn a_password_protected_workbook_says_to_save_it_without() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend([0u8; 64]);
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let error = sheets("x.xlsx", Cursor::new(bytes)).unwrap_err();
        assert!(error.to_string().contains("password"), "{error}");
        // An OLE file that is no readable .xls either: a clear error, no panic.
        let mut junk = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        junk.extend([7u8; 600]);
        let error = sheets("x.xls", Cursor::new(junk)).unwrap_err();
        assert!(error.to_string().contains("save it as .xlsx"), "{error}");
    }

    #[test]
    fn a_zip_is_measured_by_what_it_expands_to() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in ["a", "b"] {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, &[0u8; 100_000]).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 10_000, "zeros compress");
        assert_eq!(uncompressed_size(Cursor::new(bytes)), 200_000);
    }

    #[test]
    fn a_zip_that_is_no_workbook_is_refused_clearly() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"hello").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let error = sheets("x.xlsx", Cursor::new(bytes)).unwrap_err();
        assert!(
            matches!(
                &error,
                IngestError::Workbook {
                    problem: WorkbookProblem::NotAWorkbook(_),
                    ..
                }
            ),
            "{error}"
        );
    }
}
