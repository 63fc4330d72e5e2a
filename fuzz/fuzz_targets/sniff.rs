//! Dialect sniffing and row reading: encoding, delimiter, quotes, header search.
#![no_main]

use csv::ByteRecord;
use libfuzzer_sys::fuzz_target;
use portfolio::ingest::dialect::reader::{CsvTable, ReaderOptions};

fuzz_target!(|data: &[u8]| {
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let Ok(Ok(mut table)) =
        CsvTable::open("fuzz.csv", input, ReaderOptions::default(), |h| h.len() > 1)
    else {
        return;
    };
    let mut record = ByteRecord::new();
    let mut rows = 0u32;
    while let Ok(Some(line)) = table.next_row(&mut record) {
        for i in 0..record.len() {
            let _ = table.cell(&record, Some(i), line);
        }
        rows += 1;
        if rows > 100_000 {
            break;
        }
    }
});
