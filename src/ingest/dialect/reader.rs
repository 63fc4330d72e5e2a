//! Opening a table: encoding and BOM, delimiter detection, the search for the header row
//! past any preamble, and a buffered sample of rows for the format guesses. Streams:
//! past the sample, rows are read one at a time. Rows are split by the program's one
//! CSV splitter ([`Records`]), the one the engine reads the rest of the file with.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Cursor, Read};
use std::str::FromStr;

use csv::ByteRecord;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::ingest::dialect::records::{quotes_closed, Fields, Records, Shape};
use crate::ingest::error::{IngestError, NotCsv};

/// How many bytes are looked at before deciding encoding and delimiter.
const SNIFF_BYTES: usize = 256 * 1024;
/// How many leading rows may come before the header (preamble, titles).
pub const HEADER_SEARCH_ROWS: usize = 50;
/// How many data rows the format guesses look at.
pub const SAMPLE_ROWS: usize = 5_000;
/// The most the format sample holds, counting each field's bounds: rows of thousands of
/// columns make a shorter sample.
pub const SAMPLE_BYTES: usize = 16 << 20;

/// A file's text encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8 (with BOM)",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16" | "utf-16le" | "utf16" | "utf16le" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" | "iso-8859-15"
            | "ansi" => Ok(Encoding::Windows1252),
            other => Err(format!(
                "unknown encoding {other:?}: use utf-8, utf-16, utf-16be or windows-1252"
            )),
        }
    }
}

/// Overrides of what would otherwise be detected.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReaderOptions {
    pub encoding: Option<Encoding>,
    pub delimiter: Option<u8>,
}

/// The delimiter's name as a user would type it to `--delimiter`.
pub fn delimiter_label(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_string(),
        other => char::from(other).to_string(),
    }
}

/// The leading rows looked at when no header was found: `(line, cells)`.
pub type LeadingRows = Vec<(u64, Vec<String>)>;

/// An open CSV input past its header row.
pub struct CsvTable {
    pub file: String,
    pub encoding: Encoding,
    pub delimiter: u8,
    /// The header cells, decoded and trimmed.
    pub headers: Vec<String>,
    /// 1-based line of the header.
    pub header_line: u64,
    /// Rows before the header that were skipped (titles, banners, blank rows).
    pub preamble_rows: u64,
    /// Rows whose cells are all empty, skipped wherever they stand.
    pub blank_rows: u64,
    /// Lines that were not valid UTF-8 in a UTF-8 file, decoded as Windows-1252.
    pub fallback_lines: Vec<u64>,
    /// The file is not UTF-8, so it was read as Windows-1252 without `--encoding`
    /// saying so: the user is told (SPEC 2.1).
    pub windows_1252_guessed: bool,
    /// The input's last bytes, when the caller read them ([`crate::ingest::engine::tail`]).
    pub tail: Option<Vec<u8>>,
    rows: RowReader,
    /// The format sample, handed out again by [`CsvTable::next_row`].
    pending: VecDeque<(u64, ByteRecord)>,
}

impl fmt::Debug for CsvTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsvTable")
            .field("file", &self.file)
            .field("encoding", &self.encoding)
            .field("delimiter", &self.delimiter)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// Reads up to `limit` bytes, as many as the source gives.
fn read_prefix(input: &mut dyn Read, limit: usize, file: &str) -> Result<Vec<u8>, IngestError> {
    let mut sample = Vec::with_capacity(limit.min(64 * 1024));
    input
        .take(limit as u64)
        .read_to_end(&mut sample)
        .map_err(|e| IngestError::io(file, e))?;
    Ok(sample)
}

/// Refuses files that are plainly something else, with what to do instead.
fn refuse_non_csv(sample: &[u8], file: &str) -> Result<(), IngestError> {
    let not_csv = |kind| {
        Err(IngestError::NotCsv {
            file: file.to_string(),
            kind,
        })
    };
    if sample.starts_with(b"PK\x03\x04") {
        return not_csv(NotCsv::Zip);
    }
    if sample.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return not_csv(NotCsv::OldExcel);
    }
    if sample.starts_with(b"%PDF") {
        return not_csv(NotCsv::Pdf);
    }
    let body = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample);
    let text_start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| &body[i..]);
    if let Some(start) = text_start {
        let after = start
            .get(1..)
            .and_then(|rest| rest.iter().find(|b| !b.is_ascii_whitespace()));
        let json = match start.first() {
            Some(b'{') => true,
            Some(b'[') => matches!(after, Some(b'{' | b'"' | b']' | b'[')),
            _ => false,
        };
        if json {
            return not_csv(NotCsv::Json);
        }
    }
    let is_utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]);
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if !is_utf16 && controls * 20 > sample.len().max(1) {
        return not_csv(NotCsv::Binary);
    }
    Ok(())
}

fn detect_encoding(sample: &[u8], truncated: bool) -> Encoding {
    if sample.starts_with(b"\xEF\xBB\xBF") {
        return Encoding::Utf8Bom;
    }
    if sample.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if sample.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => Encoding::Utf8,
        // A multi-byte character cut by the end of the sample is not an error.
        Err(e) if truncated && e.error_len().is_none() => Encoding::Utf8,
        // Valid UTF-8 accents beside invalid bytes: two exports pasted together. Read it
        // as UTF-8; the cells that are not are decoded as Windows-1252, with a warning.
        // (Windows-1252 text is valid UTF-8 only for pairs like "Ã©", which no one types.)
        Err(_) if has_utf8_accents(sample) => Encoding::Utf8,
        Err(_) => Encoding::Windows1252,
    }
}

/// Whether valid multi-byte UTF-8 characters appear in `bytes`.
fn has_utf8_accents(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// Scores a delimiter on the sample: how many rows share the most common field count,
/// times that count. A real delimiter splits every row the same way.
fn delimiter_score(text: &str, delimiter: u8) -> (usize, usize) {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut rows = 0usize;
    let mut count = |fields: Fields, _: u64, _: Shape| -> Result<(), ()> {
        if rows >= 200 {
            return Err(());
        }
        if fields.is_blank() {
            return Ok(());
        }
        rows += 1;
        match counts.iter_mut().find(|(len, _)| *len == fields.len()) {
            Some((_, n)) => *n += 1,
            None => counts.push((fields.len(), 1)),
        }
        Ok(())
    };
    let mut records = Records::new(delimiter, 1);
    // An `Err` only says that enough rows were counted.
    let _ = records
        .feed(text.as_bytes(), &mut count)
        .and_then(|()| records.finish(&mut count));
    counts
        .into_iter()
        .filter(|(len, _)| *len >= 2)
        .map(|(len, n)| (n * len, n))
        .max()
        .unwrap_or((0, 0))
}

/// Excel's `sep=;` first line names the delimiter outright.
fn declared_delimiter(text: &str) -> Option<u8> {
    let first = text.trim_start_matches('\u{feff}').lines().next()?.trim();
    let declared = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    match declared.as_bytes() {
        [d @ (b',' | b';' | b'\t' | b'|')] => Some(*d),
        _ => None,
    }
}

fn detect_delimiter(text: &str) -> u8 {
    if let Some(declared) = declared_delimiter(text) {
        return declared;
    }
    // Drop a last line the sample may have cut in the middle.
    let text = match text.rfind('\n') {
        Some(end) if end + 1 < text.len() => &text[..end],
        _ => text,
    };
    // On a tie, a delimiter that sits between digits (`0,92`) is more likely a decimal comma.
    let between_digits = |d: u8| {
        text.as_bytes()
            .windows(3)
            .filter(|w| w[1] == d && w[0].is_ascii_digit() && w[2].is_ascii_digit())
            .count()
    };
    [b',', b';', b'\t', b'|']
        .into_iter()
        .map(|d| {
            (
                (
                    delimiter_score(text, d),
                    std::cmp::Reverse(between_digits(d)),
                ),
                d,
            )
        })
        .fold(None, |best: Option<(_, u8)>, (score, d)| match best {
            Some((best_score, _)) if best_score >= score => best,
            _ => Some((score, d)),
        })
        .map_or(b',', |(_, d)| d)
}

impl CsvTable {
    /// Opens `input`, detects its dialect, and finds the header: the first of the leading
    /// rows that `is_header` accepts. Without one, returns the rows looked at so the
    /// caller can say which headers it found.
    pub fn open(
        file: &str,
        mut input: Box<dyn Read>,
        options: ReaderOptions,
        is_header: impl Fn(&[String]) -> bool,
    ) -> Result<Result<CsvTable, LeadingRows>, IngestError> {
        let sample = read_prefix(&mut input, SNIFF_BYTES, file)?;
        let truncated = sample.len() == SNIFF_BYTES;
        if sample.iter().all(u8::is_ascii_whitespace) {
            return Err(IngestError::Empty {
                file: file.to_string(),
            });
        }
        if options.encoding.is_none() {
            refuse_non_csv(&sample, file)?;
        }
        let encoding = options
            .encoding
            .unwrap_or_else(|| detect_encoding(&sample, truncated));
        let sample_text: Cow<str> = match encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => String::from_utf8_lossy(&sample),
            Encoding::Utf16Le => UTF_16LE.decode(&sample).0,
            Encoding::Utf16Be => UTF_16BE.decode(&sample).0,
            Encoding::Windows1252 => WINDOWS_1252.decode(&sample).0,
        };
        let delimiter = options
            .delimiter
            .unwrap_or_else(|| detect_delimiter(&sample_text));
        let whole: Box<dyn Read> = Box::new(Cursor::new(sample).chain(input));
        let stream: Box<dyn Read> = match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let label = if encoding == Encoding::Utf16Le {
                    UTF_16LE
                } else {
                    UTF_16BE
                };
                Box::new(
                    encoding_rs_io::DecodeReaderBytesBuilder::new()
                        .encoding(Some(label))
                        .build(whole),
                )
            }
            _ => Box::new(SkipBom::new(whole)),
        };
        let stream: Box<dyn Read> =
            Box::new(crate::ingest::dialect::line_limit::LineLimit::new(stream));
        let mut table = CsvTable {
            file: file.to_string(),
            encoding,
            delimiter,
            headers: Vec::new(),
            header_line: 0,
            preamble_rows: 0,
            blank_rows: 0,
            fallback_lines: Vec::new(),
            windows_1252_guessed: options.encoding.is_none() && encoding == Encoding::Windows1252,
            tail: None,
            rows: RowReader::new(stream, delimiter),
            pending: VecDeque::new(),
        };
        let mut seen = Vec::new();
        let mut record = ByteRecord::new();
        while seen.len() < HEADER_SEARCH_ROWS {
            let Some(line) = table.read_raw(&mut record)? else {
                break;
            };
            let cells: Vec<String> = (0..record.len())
                .map(|i| {
                    table
                        .decode(record.get(i).unwrap_or_default(), line)
                        .trim()
                        .to_string()
                })
                .collect();
            if cells.iter().all(String::is_empty) {
                table.preamble_rows += 1;
                continue;
            }
            if is_header(&cells) {
                table.headers = cells;
                table.header_line = line;
                return Ok(Ok(table));
            }
            table.preamble_rows += 1;
            seen.push((line, cells));
        }
        Ok(Err(seen))
    }

    fn read_raw(&mut self, record: &mut ByteRecord) -> Result<Option<u64>, IngestError> {
        self.rows.next(&self.file, record)
    }

    /// Buffers data rows until `rows` are held (or the file ends) and returns them,
    /// for guessing formats. They are handed out again by [`CsvTable::next_row`].
    /// The sample is also bounded in bytes ([`SAMPLE_BYTES`]): five thousand rows of a
    /// hundred thousand empty columns would otherwise hold gigabytes of field bounds.
    pub fn sample(&mut self, rows: usize) -> Result<&VecDeque<(u64, ByteRecord)>, IngestError> {
        let weight = |record: &ByteRecord| record.as_slice().len() + 16 * record.len();
        let mut held: usize = self.pending.iter().map(|(_, r)| weight(r)).sum();
        while self.pending.len() < rows && held < SAMPLE_BYTES {
            let mut record = ByteRecord::new();
            match self.read_raw(&mut record)? {
                Some(_) if is_blank(&record) => self.blank_rows += 1,
                Some(line) => {
                    held += weight(&record);
                    self.pending.push_back((line, record));
                }
                None => break,
            }
        }
        Ok(&self.pending)
    }

    /// The next non-blank data row, with its 1-based line number.
    pub fn next_row(&mut self, record: &mut ByteRecord) -> Result<Option<u64>, IngestError> {
        if let Some((line, buffered)) = self.pending.pop_front() {
            *record = buffered;
            return Ok(Some(line));
        }
        loop {
            match self.read_raw(record)? {
                Some(_) if is_blank(record) => self.blank_rows += 1,
                other => return Ok(other),
            }
        }
    }

    /// Hands over the rest of the input (decoded to UTF-8 when the file is UTF-16), for
    /// reading in parallel chunks: the rows already split (the sample, then those its
    /// last block held), then the bytes of the row that block ended inside, then the
    /// unread stream. The table keeps what it detected; it reads no more rows.
    pub fn take_stream(&mut self) -> RawRest {
        let rows = &mut self.rows;
        let mut split = std::mem::take(&mut self.pending);
        // Rows split past the sample are handed over as rows, the blank ones counted
        // here as the table counts the sample's.
        for (line, row) in rows.split.drain(..) {
            if is_blank(&row) {
                self.blank_rows += 1;
            } else {
                split.push_back((line, row));
            }
        }
        let line = rows.records.open_line();
        rows.ended = true;
        RawRest {
            rows: split,
            prefix: std::mem::take(&mut rows.open),
            stream: std::mem::replace(&mut rows.stream, Box::new(io::empty())),
            line,
            tail: self.tail.take(),
        }
    }

    /// Decodes one cell. In a UTF-8 file, a cell that is not valid UTF-8 is read as
    /// Windows-1252 (a file pasted together from two exports) and its line remembered.
    pub fn decode<'a>(&mut self, bytes: &'a [u8], line: u64) -> Cow<'a, str> {
        decode_cell(self.encoding, bytes, line, &mut self.fallback_lines)
    }

    /// Decoded, trimmed cell `index` of `record` ("" when the row is shorter).
    pub fn cell<'a>(
        &mut self,
        record: &'a ByteRecord,
        index: Option<usize>,
        line: u64,
    ) -> Cow<'a, str> {
        match index.and_then(|i| record.get(i)) {
            Some(bytes) => match self.decode(bytes, line) {
                Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
                Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
            },
            None => Cow::Borrowed(""),
        }
    }
}

/// The unread part of a table, from [`CsvTable::take_stream`].
pub struct RawRest {
    /// Data rows already parsed, with their lines.
    pub rows: VecDeque<(u64, ByteRecord)>,
    /// Bytes read ahead past those rows; the stream goes on after them.
    pub prefix: Vec<u8>,
    pub stream: Box<dyn Read>,
    /// The line `prefix` starts on.
    pub line: u64,
    /// The input's last bytes, when the caller read them.
    pub tail: Option<Vec<u8>>,
}

/// Decodes one cell of a table in `encoding`. In a UTF-8 file, a cell that is not valid
/// UTF-8 is read as Windows-1252 (a file pasted together from two exports), and its
/// line is added to `fallback_lines` (up to a thousand).
pub fn decode_cell<'a>(
    encoding: Encoding,
    bytes: &'a [u8],
    line: u64,
    fallback_lines: &mut Vec<u64>,
) -> Cow<'a, str> {
    match encoding {
        Encoding::Windows1252 => WINDOWS_1252.decode_without_bom_handling(bytes).0,
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => {
                if fallback_lines.last() != Some(&line) && fallback_lines.len() < 1000 {
                    fallback_lines.push(line);
                }
                WINDOWS_1252.decode_without_bom_handling(bytes).0
            }
        },
    }
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

/// A stream's rows, split by [`Records`] a block at a time.
struct RowReader {
    stream: Box<dyn Read>,
    records: Records,
    /// Rows split from the bytes read so far and not handed out yet.
    split: VecDeque<(u64, ByteRecord)>,
    /// Records handed back by the caller, to split the next rows into without
    /// allocating.
    spare: Vec<ByteRecord>,
    /// The bytes of the row the bytes read so far end inside, handed over by
    /// [`CsvTable::take_stream`] for the engine to read from its start.
    open: Vec<u8>,
    block: Vec<u8>,
    ended: bool,
}

/// Bytes read from the stream at a time.
const BLOCK_BYTES: usize = 64 * 1024;

impl RowReader {
    fn new(stream: Box<dyn Read>, delimiter: u8) -> Self {
        Self {
            stream,
            records: Records::new(delimiter, 1),
            split: VecDeque::new(),
            spare: Vec::new(),
            open: Vec::new(),
            block: vec![0; BLOCK_BYTES],
            ended: false,
        }
    }

    /// The next row and the line it starts on, `None` at the end of the stream.
    fn next(&mut self, file: &str, record: &mut ByteRecord) -> Result<Option<u64>, IngestError> {
        loop {
            if let Some((line, mut row)) = self.split.pop_front() {
                std::mem::swap(record, &mut row);
                self.spare.push(row);
                return Ok(Some(line));
            }
            if self.ended {
                return Ok(None);
            }
            self.read_block(file)?;
        }
    }

    /// Reads and splits the next block; at the end of the stream, the last row.
    fn read_block(&mut self, file: &str) -> Result<(), IngestError> {
        let read = loop {
            match self.stream.read(&mut self.block) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(IngestError::io(file, e)),
            }
        };
        let split = &mut self.split;
        let spare = &mut self.spare;
        let mut keep = |fields: Fields, line: u64, _: Shape| -> Result<(), IngestError> {
            let mut row = spare.pop().unwrap_or_default();
            row.clear();
            for index in 0..fields.len() {
                row.push_field(fields.get(index).unwrap_or_default());
            }
            split.push_back((line, row));
            Ok(())
        };
        if read == 0 {
            self.ended = true;
            self.open.clear();
            // csv reads a quote that never closes as one value running to the end of
            // the file: that last row is an error, not rows silently lost.
            return self.records.finish(&mut |fields, line, shape| {
                quotes_closed(file, line, shape)?;
                keep(fields, line, shape)
            });
        }
        let block = self.block.get(..read).unwrap_or_default();
        self.records.feed(block, &mut keep)?;
        if !self.records.mid_record() {
            self.open.clear();
        } else if let Some(start) = self.records.tail_start() {
            self.open.clear();
            self.open
                .extend_from_slice(block.get(start..).unwrap_or_default());
        } else {
            self.open.extend_from_slice(block);
        }
        Ok(())
    }
}

/// Drops a UTF-8 byte-order mark at the very start of a stream.
struct SkipBom<R> {
    inner: R,
    checked: bool,
    held: Vec<u8>,
}

impl<R: Read> SkipBom<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            checked: false,
            held: Vec::new(),
        }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.checked {
            self.checked = true;
            let mut head = [0u8; 3];
            let mut filled = 0;
            while filled < 3 {
                let n = self.inner.read(&mut head[filled..])?;
                if n == 0 {
                    break;
                }
                filled += n;
            }
            if head[..filled] != [0xEF, 0xBB, 0xBF] {
                self.held.extend_from_slice(&head[..filled]);
            }
        }
        if !self.held.is_empty() {
            let n = self.held.len().min(buf.len());
            buf[..n].copy_from_slice(&self.held[..n]);
            self.held.drain(..n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(bytes: &[u8]) -> CsvTable {
        CsvTable::open(
            "test.csv",
            Box::new(Cursor::new(bytes.to_vec())),
            ReaderOptions::default(),
            |cells| cells.iter().any(|c| c == "Date"),
        )
        .unwrap()
        .unwrap()
    }

    /// Every row of `bytes` as one pass of the splitter reads it: line and cells.
    fn split_once(bytes: &[u8], line: u64) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut rows = Vec::new();
        let mut keep = |fields: Fields, line: u64, _: Shape| -> Result<(), ()> {
            rows.push((
                line,
                (0..fields.len())
                    .map(|i| fields.get(i).unwrap().to_vec())
                    .collect(),
            ));
            Ok(())
        };
        let mut records = Records::new(b',', line);
        records.feed(bytes, &mut keep).unwrap();
        records.finish(&mut keep).unwrap();
        rows
    }

    #[test]
    fn rows_read_then_handed_over_mid_row_are_every_row_once() {
        // Cells spanning lines, CR LF and blank rows, over several blocks: whatever row
        // the table stops at, and wherever in a row its last block ends (the padding of
        // the first row moves the ends), its rows and the rest handed over are the
        // file's rows, each on its line.
        for pad in (0..24).step_by(2) {
            let mut text = format!("Date,Client,Amount\n2024-01-01,{},1\n", "x".repeat(pad));
            for n in 0..8_000 {
                let end = if n % 3 == 0 { "\r\n" } else { "\n" };
                text.push_str(&format!("2024-01-02,\"Client\n{n}, site\",{n}.00{end}"));
                if n % 1000 == 0 {
                    text.push_str(",,\n");
                }
            }
            let everything: Vec<(u64, Vec<Vec<u8>>)> = split_once(text.as_bytes(), 1)
                .into_iter()
                .skip(1)
                .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
                .collect();
            assert!(text.len() > 3 * BLOCK_BYTES);
            for taken in [0, 2_500] {
                let mut table = open(text.as_bytes());
                let mut rows = Vec::new();
                let mut record = ByteRecord::new();
                while rows.len() < taken {
                    let line = table.next_row(&mut record).unwrap().unwrap();
                    rows.push((line, record.iter().map(<[u8]>::to_vec).collect::<Vec<_>>()));
                }
                let rest = table.take_stream();
                for (line, record) in &rest.rows {
                    rows.push((*line, record.iter().map(<[u8]>::to_vec).collect()));
                }
                let mut unread = rest.prefix;
                let mut stream = rest.stream;
                stream.read_to_end(&mut unread).unwrap();
                let after = split_once(&unread, rest.line);
                rows.extend(
                    after
                        .into_iter()
                        .filter(|(_, c)| c.iter().any(|c| !c.is_empty())),
                );
                assert!(rows == everything, "padding {pad}, {taken} rows read first");
            }
        }
    }

    #[test]
    fn the_format_sample_is_bounded_in_bytes_for_wide_rows() {
        // 2,000 empty columns a row: each row's field bounds weigh 32 KB, so the sample
        // stops at 16 MiB, about 500 rows, not 5,000 (a hundred thousand columns held
        // 10 GB).
        let mut text = String::from("Date,Client,Amount");
        text.push_str(&",".repeat(2000));
        text.push('\n');
        for _ in 0..5_000 {
            text.push_str("2024-01-02,Acme,10");
            text.push_str(&",".repeat(2000));
            text.push('\n');
        }
        let mut table = open(text.as_bytes());
        let held = table.sample(SAMPLE_ROWS).unwrap().len();
        assert!((400..=600).contains(&held), "{held} rows held");
        // Every row is still read after the sample.
        let mut record = ByteRecord::new();
        let mut rows = 0;
        while table.next_row(&mut record).unwrap().is_some() {
            rows += 1;
        }
        assert_eq!(rows, 5_000);
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(
            open(b"Date;Client;Montant\n01/02/2024;A;12,50\n").delimiter,
            b';'
        );
        assert_eq!(
            open(b"Date,Client,Amount\n2024-01-02,\"A, Inc\",12.50\n").delimiter,
            b','
        );
        assert_eq!(
            open(b"Date\tClient\tAmount\n2024-01-02\tA, B\t1,5\n").delimiter,
            b'\t'
        );
        assert_eq!(
            open(b"Date|Client|Amount\n2024-01-02|A|1\n").delimiter,
            b'|'
        );
        assert_eq!(
            open(b"Date;12,50\n").delimiter,
            b';',
            "a tie goes against the decimal comma"
        );
        let t = open(b"sep=,\nDate,Client,Montant\n01/02/2024,A,12\n");
        assert_eq!((t.delimiter, t.header_line, t.preamble_rows), (b',', 2, 1));
    }

    #[test]
    fn encodings_and_bom() {
        let t = open(b"\xEF\xBB\xBFDate,Client\n2024-01-01,A\n");
        assert_eq!(
            (t.encoding, t.headers[0].as_str()),
            (Encoding::Utf8Bom, "Date")
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Date;Soci\u{e9}t\u{e9}\n01/01/2024;\u{c9}cole\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let mut t = open(&utf16);
        assert_eq!(t.encoding, Encoding::Utf16Le);
        assert_eq!(t.headers, ["Date", "Soci\u{e9}t\u{e9}"]);
        let mut record = ByteRecord::new();
        let line = t.next_row(&mut record).unwrap().unwrap();
        assert_eq!(t.cell(&record, Some(1), line), "\u{c9}cole");
        let mut t = open(b"Date;Soci\xe9t\xe9\n01/01/2024;\xc9cole\n");
        assert_eq!(t.encoding, Encoding::Windows1252);
        assert_eq!(t.headers[1], "Soci\u{e9}t\u{e9}");
        let line = t.next_row(&mut record).unwrap().unwrap();
        assert_eq!(
            (line, t.cell(&record, Some(1), line).as_ref()),
            (2, "\u{c9}cole")
        );
    }

    #[test]
    fn a_file_pasted_from_two_encodings_reads_as_utf8_with_fallback() {
        let mut t = open(b"Date;Client\n01/01/2024;Caf\xc3\xa9\n02/01/2024;H\xf4tel\n");
        assert_eq!(t.encoding, Encoding::Utf8);
        let mut record = ByteRecord::new();
        let line = t.next_row(&mut record).unwrap().unwrap();
        assert_eq!(t.cell(&record, Some(1), line), "Caf\u{e9}");
        let line = t.next_row(&mut record).unwrap().unwrap();
        assert_eq!(t.cell(&record, Some(1), line), "H\u{f4}tel");
        assert_eq!(t.fallback_lines, [3]);
    }

    #[test]
    fn a_stray_windows_1252_cell_in_utf8_is_decoded_and_remembered() {
        let options = ReaderOptions {
            encoding: Some(Encoding::Utf8),
            delimiter: None,
        };
        let bytes = b"Date,Client\n2024-01-01,Caf\xc3\xa9\n2024-01-02,Caf\xe9\n".to_vec();
        let mut t = CsvTable::open("mixed.csv", Box::new(Cursor::new(bytes)), options, |c| {
            c[0] == "Date"
        })
        .unwrap()
        .unwrap();
        let mut record = ByteRecord::new();
        let mut names = Vec::new();
        while let Some(line) = t.next_row(&mut record).unwrap() {
            names.push(t.cell(&record, Some(1), line).into_owned());
        }
        assert_eq!(names, ["Caf\u{e9}", "Caf\u{e9}"]);
        assert_eq!(t.fallback_lines, [3]);
    }

    #[test]
    fn preamble_and_blank_rows_are_skipped() {
        let mut t = open(b"\"Export v4\",,\n,,\nINVOICES,,\nDate,Client,Amount\n\n2024-01-01,A,1\n,,\n2024-01-02,B,2\n\n\n\"x\ny\",C,3\n\r\n2024-01-03,D,4");
        assert_eq!((t.header_line, t.preamble_rows), (4, 3));
        let mut record = ByteRecord::new();
        let lines: Vec<u64> = std::iter::from_fn(|| t.next_row(&mut record).unwrap()).collect();
        assert_eq!(lines, [6, 8, 11, 14]);
        assert_eq!(t.blank_rows, 1);
    }

    #[test]
    fn refuses_what_is_not_csv() {
        let err = |bytes: &[u8]| {
            CsvTable::open(
                "f",
                Box::new(Cursor::new(bytes.to_vec())),
                ReaderOptions::default(),
                |_| true,
            )
            .unwrap_err()
            .to_string()
        };
        assert!(err(b"PK\x03\x04rest").contains("Excel"));
        assert!(err(b"  {\"a\": 1}").contains("JSON"));
        assert!(err(b"[{\"a\": 1}]").contains("JSON"));
        assert!(err(b"\x00\x01\x02\x03\x00\x00").contains("binary"));
        assert!(err(b"").contains("empty"));
        assert!(err(b"\n\n  \n").contains("empty"));
    }
}
