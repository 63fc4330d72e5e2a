//! Workbooks (SPEC 2.5): any bytes given as an .xlsx, .ods or .xls either become CSV text
//! per sheet or a clear error, never a panic, and the CSV reader takes that text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portfolio::ingest::dialect::reader::{CsvTable, ReaderOptions};
use portfolio::ingest::formats::workbook;

fuzz_target!(|data: &[u8]| {
    let Ok(sheets) = workbook::sheets("fuzz.xlsx", std::io::Cursor::new(data.to_vec())) else {
        return;
    };
    for sheet in sheets {
        let input = Box::new(std::io::Cursor::new(sheet.csv));
        let _ = CsvTable::open("sheet", input, ReaderOptions::default(), |h| h.len() > 1);
    }
});
