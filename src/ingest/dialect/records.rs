//! Splits raw CSV bytes into records with csv-core, the parser under the csv crate, so
//! that a chunk of a file can be parsed on its own thread with exactly the csv crate's
//! reading of quotes, delimiters and line ends. Fed piece by piece, it also parses a
//! record that spans pieces; it tracks the 1-based line each record starts on.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use crate::ingest::dialect::scan::Hits;
use crate::ingest::error::IngestError;

/// The cells of one record, as bytes (quotes removed, doubled quotes undone).
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    bytes: &'a [u8],
    ends: &'a [usize],
    /// `bytes` as text, when the whole record is valid UTF-8.
    text: Option<&'a str>,
    /// Bytes between a cell's end and the next cell's start: 0 for csv-core's output,
    /// 1 for a line read as it is (its delimiters are still there).
    gap: usize,
}

impl<'a> Fields<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&'a [u8]> {
        let (start, end) = self.range(index)?;
        self.bytes.get(start..end)
    }

    fn range(&self, index: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)? + self.gap,
            None => 0,
        };
        Some((start, end))
    }

    /// A cell as text, when the record is valid UTF-8 and the cell's ends fall between
    /// characters; `None` says to decode the cell's bytes instead.
    pub fn text(&self, index: usize) -> Option<&'a str> {
        let (start, end) = self.range(index)?;
        self.text?.get(start..end)
    }

    /// A record is blank when every cell is white space (`,,` or spaces): skipped.
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| {
            self.get(i)
                .is_some_and(|cell| cell.iter().all(u8::is_ascii_whitespace))
        })
    }
}

/// What a record looked like in the input, for the unterminated-quote check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Line breaks inside the record's cells.
    pub inner_newlines: u64,
    /// Quote characters in the record's bytes.
    pub quotes: u64,
}

/// A streaming record parser.
pub struct Records {
    core: Reader,
    delimiter: u8,
    /// Cell ends of a line read without csv-core.
    plain_ends: Vec<usize>,
    /// The cells, without their quotes, of a line whose cells are quoted as a whole.
    unquoted: Vec<u8>,
    unquoted_ends: Vec<usize>,
    output: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    /// 1-based line of the next byte.
    line: u64,
    /// Line the current (incomplete) record starts on; `None` between records.
    record_line: Option<u64>,
    shape: Shape,
    /// Offset, in the piece last fed, where an incomplete record started.
    tail_start: Option<usize>,
}

fn is_line_end(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}

/// The longest prefix of `bytes` that is UTF-8. Every byte of a file is checked here
/// once, by simdutf8 many bytes at a time.
fn longest_utf8_prefix(bytes: &[u8]) -> &str {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => simdutf8::compat::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default())
            .unwrap_or_default(),
    }
}

fn count(bytes: &[u8], byte: u8) -> u64 {
    memchr::memchr_iter(byte, bytes).count() as u64
}

impl Records {
    /// A parser whose first byte is at the start of a record on `line`.
    pub fn new(delimiter: u8, line: u64) -> Self {
        let mut records = Self {
            core: ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            plain_ends: Vec::new(),
            unquoted: Vec::new(),
            unquoted_ends: Vec::new(),
            output: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            line,
            record_line: None,
            shape: Shape::default(),
            tail_start: None,
        };
        records.restart(line);
        records
    }

    /// Makes the parser new again, its first byte at the start of a record on `line`,
    /// keeping csv-core's tables and the buffers: building the tables costs as much as
    /// parsing a few hundred lines, and a reading thread parses chunk after chunk.
    pub fn restart(&mut self, line: u64) {
        self.core.reset();
        // csv-core drops a UTF-8 byte-order mark before the first bytes it reads; this
        // parser always starts inside a stream whose mark is already gone, so it reads
        // one blank line first, as the csv crate's reader would have done by now.
        let _ = self
            .core
            .read_record(b"\n", &mut [0u8; 1], &mut [0usize; 1]);
        self.plain_ends.clear();
        self.out_len = 0;
        self.ends_len = 0;
        self.line = line;
        self.record_line = None;
        self.shape = Shape::default();
        self.tail_start = None;
    }

    /// Whether the bytes fed so far end inside a record.
    pub fn mid_record(&self) -> bool {
        self.record_line.is_some()
    }

    /// Where, in the piece last fed, the record left incomplete started.
    pub fn tail_start(&self) -> Option<usize> {
        self.tail_start
    }

    /// The line the record left incomplete starts on, else the line of the next byte.
    pub fn open_line(&self) -> u64 {
        self.record_line.unwrap_or(self.line)
    }

    /// The line of the next byte.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Moves the parser, between records, to `line` (bytes were read elsewhere).
    pub fn set_line(&mut self, line: u64) {
        if self.record_line.is_none() {
            self.line = line;
        }
    }

    /// Parses `input`, calling `each` with every record completed in it and its line.
    pub fn feed<E>(
        &mut self,
        input: &[u8],
        each: &mut impl FnMut(Fields, u64, Shape) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut pos = 0;
        self.tail_start = None;
        // When every CR ends a line (CRLF) or there is none, plain lines are found in
        // one pass over the input, and the input is checked for UTF-8 once.
        let one_pass = !matches!(self.delimiter, b'\n' | b'\r' | b'"')
            && memchr::memchr_iter(b'\r', input).all(|at| input.get(at + 1) == Some(&b'\n'));
        let valid = if one_pass {
            longest_utf8_prefix(input)
        } else {
            ""
        };
        while pos < input.len() {
            if self.record_line.is_none() {
                if one_pass {
                    let next = self.plain_run(input, pos, valid, each)?;
                    if next > pos {
                        pos = next;
                        continue;
                    }
                } else if let Some(next) = self.plain_line(input, pos, each)? {
                    pos = next;
                    continue;
                }
            }
            let piece = input.get(pos..).unwrap_or_default();
            let (result, nin, nout, nend) = self.core.read_record(
                piece,
                self.output.get_mut(self.out_len..).unwrap_or_default(),
                self.ends.get_mut(self.ends_len..).unwrap_or_default(),
            );
            let consumed = piece.get(..nin).unwrap_or_default();
            self.note_consumed(consumed, pos);
            self.out_len += nout;
            self.ends_len += nend;
            pos += nin;
            match result {
                ReadRecordResult::Record => self.emit(consumed, each)?,
                ReadRecordResult::OutputFull => {
                    let len = self.output.len();
                    self.output.resize(len * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                ReadRecordResult::InputEmpty | ReadRecordResult::End => {}
            }
        }
        Ok(())
    }

    /// Ends the stream: the last record, if it had no line end, is completed.
    pub fn finish<E>(
        &mut self,
        each: &mut impl FnMut(Fields, u64, Shape) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.record_line.is_none() {
            return Ok(());
        }
        loop {
            let (result, _, _, nend) = self.core.read_record(
                &[],
                self.output.get_mut(self.out_len..).unwrap_or_default(),
                self.ends.get_mut(self.ends_len..).unwrap_or_default(),
            );
            self.ends_len += nend;
            match result {
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                ReadRecordResult::Record => return self.emit(&[], each),
                _ => return Ok(()),
            }
        }
    }

    /// Reads the line at `pos` without csv-core when it is complete and holds no quote
    /// and no CR but a final one: its cells are what lies between delimiters, as
    /// csv-core would read them. Gives the offset after the line, or `None` to leave
    /// the line to csv-core.
    fn plain_line<E>(
        &mut self,
        input: &[u8],
        pos: usize,
        each: &mut impl FnMut(Fields, u64, Shape) -> Result<(), E>,
    ) -> Result<Option<usize>, E> {
        let rest = input.get(pos..).unwrap_or_default();
        let Some(newline) = memchr::memchr(b'\n', rest) else {
            return Ok(None);
        };
        let line = rest.get(..newline).unwrap_or_default();
        let content = line.strip_suffix(b"\r").unwrap_or(line);
        if memchr::memchr2(b'"', b'\r', content).is_some() {
            return Ok(None);
        }
        let number = self.line;
        self.line += 1;
        let next = pos + newline + 1;
        // csv-core skips empty lines between records.
        if content.is_empty() {
            return Ok(Some(next));
        }
        self.plain_ends.clear();
        self.plain_ends
            .extend(memchr::memchr_iter(self.delimiter, content).chain([content.len()]));
        let fields = Fields {
            bytes: content,
            ends: &self.plain_ends,
            text: std::str::from_utf8(content).ok(),
            gap: 1,
        };
        each(fields, number, Shape::default())?;
        Ok(Some(next))
    }

    /// Reads the lines from `pos` on without csv-core, in an input whose only CRs end
    /// lines, finding delimiters, quotes and line ends in one pass: a line without
    /// quotes as [`Self::plain_line`] does, one with cells quoted as a whole through
    /// [`Self::quoted_line`]. `valid` is the input's longest UTF-8 prefix. Stops at a
    /// line with any other quote, or without its line end, and gives the offset where
    /// it starts.
    fn plain_run<E>(
        &mut self,
        input: &[u8],
        pos: usize,
        valid: &str,
        each: &mut impl FnMut(Fields, u64, Shape) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut start = pos;
        self.plain_ends.clear();
        let rest = input.get(pos..).unwrap_or_default();
        let mut hits = Hits::new(rest, [self.delimiter, b'\n', b'"']);
        while let Some(hit) = hits.next() {
            let at = pos + hit;
            match input.get(at) {
                Some(b'\n') => {
                    let line = input.get(start..at).unwrap_or_default();
                    let content = line.strip_suffix(b"\r").unwrap_or(line);
                    let number = self.line;
                    self.line += 1;
                    // csv-core skips empty lines between records.
                    if !content.is_empty() {
                        self.plain_ends.push(content.len());
                        let text = valid
                            .get(start..start + content.len())
                            .or_else(|| std::str::from_utf8(content).ok());
                        let fields = Fields {
                            bytes: content,
                            ends: &self.plain_ends,
                            text,
                            gap: 1,
                        };
                        each(fields, number, Shape::default())?;
                    }
                    self.plain_ends.clear();
                    start = at + 1;
                }
                Some(b'"') => {
                    // Read here when the line's cells are each bare or quoted as a whole.
                    let Some(end) = self.quoted_line(input, start, at - start) else {
                        return Ok(start);
                    };
                    // The hits of the rest of the line were read there.
                    for hit in hits.by_ref() {
                        if pos + hit >= end {
                            break;
                        }
                    }
                    let number = self.line;
                    self.line += 1;
                    let fields = Fields {
                        bytes: &self.unquoted,
                        ends: &self.unquoted_ends,
                        text: std::str::from_utf8(&self.unquoted).ok(),
                        gap: 0,
                    };
                    each(fields, number, Shape::default())?;
                    self.plain_ends.clear();
                    start = end + 1;
                }
                _ => self.plain_ends.push(at - start),
            }
        }
        Ok(start)
    }

    /// Reads a plain line that starts at `start` of `input` and whose first quote is
    /// `quote` bytes into it (the cells before it are in `plain_ends`): its cells,
    /// without their quotes, go to `unquoted` as csv-core would give them, and its line
    /// end's offset in `input` is given. `None` when a cell is not either bare or
    /// quoted as a whole with no quote inside (a doubled quote, text around the quotes,
    /// a line end inside them): the line is then csv-core's to read. Kept out of the
    /// loop over plain lines, whose hits stay in registers that way.
    #[inline(never)]
    fn quoted_line(&mut self, input: &[u8], start: usize, quote: usize) -> Option<usize> {
        let line = input.get(start..).unwrap_or_default();
        self.unquoted.clear();
        self.unquoted_ends.clear();
        // The bare cells before the quote.
        let mut cell_start = 0;
        for &end in &self.plain_ends {
            self.unquoted.extend_from_slice(line.get(cell_start..end)?);
            self.unquoted_ends.push(self.unquoted.len());
            cell_start = end + 1;
        }
        if quote != cell_start {
            return None;
        }
        // Inside quotes: `Some(open)` where the quoted cell's content starts; after
        // them, `close` is where the closing quote is.
        let mut open = Some(quote + 1);
        let mut close = None;
        let after_quote = line.get(quote + 1..).unwrap_or_default();
        for hit in Hits::new(after_quote, [self.delimiter, b'\n', b'"']) {
            let offset = quote + 1 + hit;
            let byte = *line.get(offset)?;
            if let Some(from) = open {
                if byte == b'"' {
                    self.unquoted.extend_from_slice(line.get(from..offset)?);
                    (open, close) = (None, Some(offset));
                }
                // A delimiter is part of the cell; a line end inside quotes is not
                // read here.
                if byte == b'\n' {
                    return None;
                }
                continue;
            }
            // The cell ends at a delimiter or the line's end (before a CR there).
            let end = if byte == b'\n' && line.get(offset.checked_sub(1)?) == Some(&b'\r') {
                offset - 1
            } else {
                offset
            };
            if byte == b'"' {
                // A quote opens a cell at its first byte, and nowhere else.
                if close.is_some() || offset != cell_start {
                    return None;
                }
                open = Some(offset + 1);
                continue;
            }
            match close.take() {
                Some(closing) if closing + 1 != end => return None,
                Some(_) => {}
                None => self.unquoted.extend_from_slice(line.get(cell_start..end)?),
            }
            self.unquoted_ends.push(self.unquoted.len());
            cell_start = offset + 1;
            if byte == b'\n' {
                return Some(start + offset);
            }
        }
        None
    }

    /// Follows lines and the current record's start through `consumed` bytes, which
    /// began at offset `at` of the piece being fed.
    fn note_consumed(&mut self, consumed: &[u8], at: usize) {
        if self.record_line.is_none() {
            // Between records, csv-core skips line ends (blank lines, the LF of a CRLF).
            let skipped = consumed.iter().take_while(|&&b| is_line_end(b)).count();
            self.line += count(consumed.get(..skipped).unwrap_or_default(), b'\n');
            if skipped == consumed.len() {
                return;
            }
            self.record_line = Some(self.line);
            self.tail_start = Some(at + skipped);
            self.shape = Shape::default();
            let rest = consumed.get(skipped..).unwrap_or_default();
            self.take_in(rest);
        } else {
            self.take_in(consumed);
        }
    }

    fn take_in(&mut self, bytes: &[u8]) {
        let newlines = count(bytes, b'\n');
        self.line += newlines;
        self.shape.quotes += count(bytes, b'"');
        self.shape.inner_newlines += newlines;
    }

    fn emit<E>(
        &mut self,
        consumed: &[u8],
        each: &mut impl FnMut(Fields, u64, Shape) -> Result<(), E>,
    ) -> Result<(), E> {
        let line = self.record_line.take().unwrap_or(self.line);
        if consumed.last() == Some(&b'\n') {
            self.shape.inner_newlines = self.shape.inner_newlines.saturating_sub(1);
        }
        self.tail_start = None;
        let bytes = self.output.get(..self.out_len).unwrap_or_default();
        let fields = Fields {
            bytes,
            ends: self.ends.get(..self.ends_len).unwrap_or_default(),
            text: std::str::from_utf8(bytes).ok(),
            gap: 0,
        };
        let shape = self.shape;
        self.out_len = 0;
        self.ends_len = 0;
        each(fields, line, shape)
    }
}

/// csv reads a quote that never closes as one value running to the end of the file. The
/// last record, spanning lines after an odd number of quotes, is that: an error, not
/// rows silently lost.
pub(crate) fn quotes_closed(file: &str, line: u64, shape: Shape) -> Result<(), IngestError> {
    if shape.inner_newlines > 0 && shape.quotes % 2 == 1 {
        return Err(IngestError::UnterminatedQuote {
            file: file.to_string(),
            line,
            lines: shape.inner_newlines,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pieces: &[&[u8]]) -> Vec<(u64, Vec<String>)> {
        parse_with(&mut Records::new(b',', 1), pieces)
    }

    fn parse_with(records: &mut Records, pieces: &[&[u8]]) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        let mut each = |fields: Fields, line: u64, _: Shape| -> Result<(), ()> {
            let cells = (0..fields.len())
                .map(|i| {
                    let bytes = fields.get(i).unwrap();
                    // Without text, the cell's bytes are decoded instead: no claim.
                    if let Some(text) = fields.text(i) {
                        assert_eq!(text.as_bytes(), bytes);
                    }
                    String::from_utf8_lossy(bytes).into_owned()
                })
                .collect();
            out.push((line, cells));
            Ok(())
        };
        for piece in pieces {
            records.feed(piece, &mut each).unwrap();
        }
        records.finish(&mut each).unwrap();
        out
    }

    fn csv_crate(bytes: &[u8]) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut out = Vec::new();
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap() {
            out.push(
                record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn records_and_their_lines() {
        let text = b"a,b\n\n\"x\ny\",c\r\nd,\"e\"\"f\"\r\rlast,1";
        let records = parse(&[text]);
        let lines: Vec<u64> = records.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 3, 5, 5]);
        assert_eq!(records[1].1, ["x\ny", "c"]);
        assert_eq!(records[2].1, ["d", "e\"f"]);
        assert_eq!(records[3].1, ["last", "1"]);
    }

    /// Parses `text` whole and split at every byte: the cells must be the csv crate's,
    /// the same at every split; gives the records' lines.
    fn lines_of_any_split(text: &[u8]) -> Vec<u64> {
        let whole = parse(&[text]);
        let cells: Vec<Vec<String>> = whole.iter().map(|(_, c)| c.clone()).collect();
        assert_eq!(cells, csv_crate(text));
        for cut in 0..text.len() {
            let (a, b) = text.split_at(cut);
            assert_eq!(parse(&[a, b]), whole, "split at {cut}");
        }
        whole.iter().map(|(l, _)| *l).collect()
    }

    #[test]
    fn any_split_reads_like_the_csv_crate() {
        let cases: [(&[u8], &[u64]); 3] = [
            // A lone CR: each line goes through the line-by-line reading.
            (
                b"id,name\r\n1,\"Dupont, \"\"Le\"\" Bon\"\n\n2,\"multi\nline\"\n3,plain\r4,x\n,,\n5",
                &[1, 2, 4, 6, 6, 7, 8],
            ),
            // No CR: the one-pass reading, with UTF-8 and a Latin-1 line.
            (
                b"id,name\n1,\"Dupont, \"\"Le\"\" Bon\"\n\n\n2,\"multi\nline\"\n3,plain\n,,\n4,caf\xc3\xa9\n5,\"q\"\n6,\xe9t\xe9\n7",
                &[1, 2, 5, 7, 8, 9, 10, 11, 12],
            ),
            // CRLF: the one-pass reading drops the CR that ends a line.
            (
                b"id,name\r\n1,\"a\r\nb\"\r\n\r\n2,x,\r\n3,caf\xc3\xa9\r\n,,\r\n4,\"q\"\r\n5",
                &[1, 2, 5, 6, 7, 8, 9],
            ),
        ];
        for (text, lines) in cases {
            assert_eq!(lines_of_any_split(text), lines);
        }
    }

    #[test]
    fn an_incomplete_record_is_reported_with_its_start() {
        let mut records = Records::new(b',', 1);
        let mut seen = Vec::new();
        let mut each = |_: Fields, line: u64, shape: Shape| -> Result<(), ()> {
            seen.push((line, shape));
            Ok(())
        };
        records.feed(b"a,b\nc,\"d\ne", &mut each).unwrap();
        assert!(records.mid_record());
        assert_eq!(records.tail_start(), Some(4));
        records.finish(&mut each).unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen.last(),
            Some(&(
                2,
                Shape {
                    inner_newlines: 1,
                    quotes: 1
                }
            ))
        );
    }

    #[test]
    fn cells_quoted_as_a_whole_are_read_without_csv_core_as_csv_core_reads_them() {
        let text = b"a,\"b, c\",\"\",d\n\"x\",y\r\n\"\"\n";
        let mut records = Records::new(b',', 1);
        let mut cells = Vec::new();
        let mut each = |fields: Fields, line: u64, _: Shape| -> Result<(), ()> {
            let row: Vec<&str> = (0..fields.len()).map(|i| fields.text(i).unwrap()).collect();
            cells.push((line, row.join("|")));
            Ok(())
        };
        // The whole input is read in one run: no line went to csv-core.
        let valid = std::str::from_utf8(text).unwrap();
        assert_eq!(records.plain_run(text, 0, valid, &mut each), Ok(text.len()));
        assert_eq!(
            cells,
            [
                (1, "a|b, c||d".to_string()),
                (2, "x|y".into()),
                (3, "".into())
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn quoted_lines_read_like_the_csv_crate(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("a"), proptest::strategy::Just("é"),
                    proptest::strategy::Just(","), proptest::strategy::Just("\""),
                    proptest::strategy::Just("\"\""), proptest::strategy::Just(" "),
                    proptest::strategy::Just("\n"), proptest::strategy::Just("\r\n"),
                    proptest::strategy::Just(",\""), proptest::strategy::Just("\","),
                    proptest::strategy::Just("\"\n"), proptest::strategy::Just("\n\""),
                ],
                0..40,
            ),
        ) {
            let text = pieces.concat();
            // Cells as the csv crate reads them, and the same records on the same lines
            // at every split (a split line goes through csv-core, the others not).
            let lines = lines_of_any_split(text.as_bytes());
            let records = parse(&[text.as_bytes()]);
            proptest::prop_assert_eq!(lines.len(), records.len());
        }
    }

    #[test]
    fn a_restarted_parser_reads_as_a_new_one() {
        let texts: [&[u8]; 4] = [
            b"a,b\n\n\"x\ny\",c\r\nd,\"e\"\"f\"\r\rlast,1",
            b"id,name\n1,\"Dupont, \"\"Le\"\" Bon\"\n2,plain\n3",
            b"\xEF\xBB\xBFa,b\n",
            b"1,\"open\nquote",
        ];
        let mut records = Records::new(b',', 1);
        for text in texts {
            // Left inside a quoted cell, with cells and a line already taken in.
            let mut ignore = |_: Fields, _: u64, _: Shape| -> Result<(), ()> { Ok(()) };
            records.feed(b"9,\"half\nof a cell", &mut ignore).unwrap();
            assert!(records.mid_record());
            records.restart(1);
            assert!(!records.mid_record());
            assert_eq!(parse_with(&mut records, &[text]), parse(&[text]));
            records.restart(1);
        }
    }

    #[test]
    fn a_byte_order_mark_inside_the_stream_is_data() {
        let records = parse(&[b"\xEF\xBB\xBFa,b\n"]);
        assert_eq!(records[0].1[0], "\u{feff}a");
    }
}
