//! The latest date among the last rows of a file, read before the file streams. The
//! report's as-of date is the latest date of the file, so the daily detail can skip,
//! from the first row on, the days before the 24 months ending at that date: in an
//! export in date order that is every row but the last two years', days that were
//! otherwise kept until a later row pushed them out.

use chrono::NaiveDate;

use crate::ingest::aggregate::accumulate::CountedRow;
use crate::ingest::dialect::reader::Encoding;
use crate::ingest::dialect::records::{Fields, Records, Shape};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::{AmountMode, RowRules, RowSink, RowTally};

/// How many bytes of the end of a file are read for [`latest_counted`].
pub const TAIL_BYTES: usize = 64 * 1024;

/// The last [`TAIL_BYTES`] of an input the engine can open again, when it is large
/// enough for them to be worth it (a small file reads fast anyway, and its end may
/// still hold its header). A failed look is no look: the reading itself then meets
/// the failure, and says so.
pub(crate) fn look_at_end(open: &crate::ingest::Reopen) -> Option<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut source = open().ok()?;
    let size = source.seek(SeekFrom::End(0)).ok()?;
    if size < 4 * TAIL_BYTES as u64 {
        return None;
    }
    source.seek(SeekFrom::End(-(TAIL_BYTES as i64))).ok()?;
    let mut tail = Vec::with_capacity(TAIL_BYTES);
    source.take(TAIL_BYTES as u64).read_to_end(&mut tail).ok()?;
    Some(tail)
}

/// The latest date of the rows in `tail` (the file's last bytes) that `rules` count, or
/// `None` when no whole row can be told apart there.
///
/// Only the lines after the file's last quote are read: a line break there cannot be
/// inside a quoted value, whose closing quote would have to follow it, so every line
/// after the first break is a whole record of the file. Files that repeat invoice
/// totals count a row depending on rows before it, and UTF-16 bytes are not lines of
/// bytes: both are left alone.
pub fn latest_counted(tail: &[u8], rules: &RowRules) -> Option<NaiveDate> {
    if rules.mode == AmountMode::OncePerInvoice
        || matches!(rules.encoding, Encoding::Utf16Le | Encoding::Utf16Be)
    {
        return None;
    }
    let unquoted = match memchr::memrchr(b'"', tail) {
        Some(quote) => tail.get(quote + 1..)?,
        None => tail,
    };
    let first_break = memchr::memchr(b'\n', unquoted)?;
    let whole_lines = unquoted.get(first_break + 1..)?;
    let mut sink = LatestDate(None);
    let mut tally = RowTally::default();
    let mut records = Records::new(rules.delimiter, 1);
    let mut each =
        |fields: Fields, line, _: Shape| rules.read_record(&fields, line, &mut tally, &mut sink);
    records.feed(whole_lines, &mut each).ok()?;
    records.finish(&mut each).ok()?;
    sink.0
}

/// Keeps the latest date of the rows counted.
struct LatestDate(Option<NaiveDate>);

impl RowSink for LatestDate {
    fn add(&mut self, row: &CountedRow) -> Result<(), IngestError> {
        self.0 = self.0.max(Some(row.date));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::dialect::cells::CellFormats;
    use crate::ingest::dialect::dates::DateFormat;
    use crate::ingest::dialect::money::DecimalSeparator;
    use crate::ingest::formats::invoice_rows::Columns;

    fn rules() -> RowRules {
        RowRules {
            columns: Columns {
                date: Some(0),
                client: Some(1),
                client_id: None,
                amount: Some(2),
                invoice_id: None,
                currency: None,
                status: Some(3),
                kind: None,
                intermediary: None,
                tax: None,
            },
            width: 4,
            formats: CellFormats {
                decimal: DecimalSeparator::Dot,
                date_format: DateFormat::Iso,
                date_order_guessed: false,
                day_first_as_french: false,
            },
            encoding: Encoding::Utf8,
            delimiter: b',',
            mode: AmountMode::PerRow,
            date_header: "date".into(),
            amount_header: "amount".into(),
            tax_header: String::new(),
            client_headers: "client".into(),
            currency_given: false,
            payments: Default::default(),
        }
    }

    fn date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn the_latest_counted_row_after_the_first_line_break() {
        // The first line may be cut anywhere: it is never read.
        let tail = b"9-12-31,Cut,1,paid\n2024-03-01,Acme,10,paid\n2024-02-01,Beta,5,paid\n";
        assert_eq!(latest_counted(tail, &rules()), date("2024-03-01"));
        // The last row may lack its line break.
        let tail = b"x\n2024-03-01,Acme,10,paid\n2024-04-01,Beta,5,paid";
        assert_eq!(latest_counted(tail, &rules()), date("2024-04-01"));
    }

    #[test]
    fn rows_that_are_not_counted_give_no_date() {
        let tail = b"x\n2024-03-01,Acme,10,paid\n2025-01-01,Beta,5,cancelled\n\
            2026-01-01,,5,paid\n2027-01-01,Gamma,,paid\nTotal,,15,\n";
        assert_eq!(latest_counted(tail, &rules()), date("2024-03-01"));
        assert_eq!(latest_counted(b"x\nTotal,,15,\n", &rules()), None);
        assert_eq!(latest_counted(b"no line break at all", &rules()), None);
    }

    #[test]
    fn only_the_lines_after_the_last_quote_are_read() {
        // The line "2030-01-01,..." is inside a quoted note: it is no row of the file.
        let tail =
            b"x\n2024-01-01,\"Acme\n2030-01-01,Fake,1,paid\n\",1,paid\n2024-02-01,Beta,5,paid\n";
        assert_eq!(latest_counted(tail, &rules()), date("2024-02-01"));
        // Nothing after the last quote but the rest of its own line: no whole row.
        let tail = b"x\n2024-01-01,\"Acme\n2030-01-01,Fake,1,paid\n\",1,paid";
        assert_eq!(latest_counted(tail, &rules()), None);
    }

    #[test]
    fn files_that_repeat_invoice_totals_and_utf16_files_are_left_alone() {
        let tail = b"x\n2024-03-01,Acme,10,paid\n";
        let mut once = rules();
        once.mode = AmountMode::OncePerInvoice;
        assert_eq!(latest_counted(tail, &once), None);
        let mut utf16 = rules();
        utf16.encoding = Encoding::Utf16Le;
        assert_eq!(latest_counted(tail, &utf16), None);
    }
}
