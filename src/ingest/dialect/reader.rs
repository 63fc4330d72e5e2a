//! The only place a `csv::Reader` is configured: encoding and BOM, delimiter detection,
//! the search for the header row past any preamble, and a buffered sample of rows for
//! the format guesses. Streams: past the sample, rows are read one at a time.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Cursor, Read};
use std::rc::Rc;
use std::str::FromStr;

use csv::ByteRecord;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

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
    /// Lines end in CR LF (French Excel): csv ends a record at the CR and counts the
    /// line at the LF it reads next, so a record's line is counted differently.
    crlf: bool,
    /// The input's last bytes, when the caller read them ([`crate::ingest::Input::tail`]).
    pub tail: Option<Vec<u8>>,
    reader: csv::Reader<Box<dyn Read>>,
    tracker: Rc<RefCell<Track>>,
    pending: VecDeque<(u64, ByteRecord)>,
    finished: bool,
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut record = ByteRecord::new();
    let mut rows = 0usize;
    while rows < 200 {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) | Err(_) => break,
        }
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        rows += 1;
        match counts.iter_mut().find(|(len, _)| *len == record.len()) {
            Some((_, n)) => *n += 1,
            None => counts.push((record.len(), 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(len, _)| *len >= 2)
        .map(|(len, n)| (n * len, n))
        .max()
        .unwrap_or((0, 0))
}

/// Whether the first line break of `text` is CR LF.
fn ends_lines_with_crlf(text: &str) -> bool {
    text.find(['\r', '\n'])
        .is_some_and(|at| text.get(at..at + 2) == Some("\r\n"))
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
        let crlf = ends_lines_with_crlf(&sample_text);
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
        let tracker = Rc::new(RefCell::new(Track {
            end: StreamEnd::default(),
            tee: Some(Vec::new()),
            tracking: true,
        }));
        let stream: Box<dyn Read> = Box::new(Tracked {
            inner: stream,
            track: Rc::clone(&tracker),
        });
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(256 * 1024)
            .from_reader(stream);
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
            crlf,
            tail: None,
            reader,
            tracker,
            pending: VecDeque::new(),
            finished: false,
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
        if self.finished {
            return Ok(None);
        }
        match self.reader.read_byte_record(record) {
            Ok(true) => {
                self.check_quotes_closed(record)?;
                Ok(Some(self.start_line(record)))
            }
            Ok(false) => {
                self.finished = true;
                Ok(None)
            }
            Err(e) => match e.into_kind() {
                csv::ErrorKind::Io(io) => Err(IngestError::io(&self.file, io)),
                // `flexible` and byte records leave only I/O errors; anything else is a bug
                // in this assumption, reported rather than hidden.
                other => Err(IngestError::io(
                    &self.file,
                    io::Error::other(format!("{other:?}")),
                )),
            },
        }
    }

    /// csv reads a quote that never closes as one value running to the end of the file,
    /// silently swallowing every row after it. A record that ends the stream, spans
    /// lines, after an odd number of quotes in the file, is that: an error, not rows lost.
    fn check_quotes_closed(&self, record: &ByteRecord) -> Result<(), IngestError> {
        let stream = self.tracker.borrow().end;
        let at_end = self.reader.position().byte() == stream.bytes;
        let inner_newlines = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        if at_end && stream.quotes % 2 == 1 && inner_newlines > 0 {
            let end = self.reader.position().line();
            return Err(IngestError::UnterminatedQuote {
                file: self.file.clone(),
                line: end.saturating_sub(inner_newlines).max(1),
                lines: inner_newlines,
            });
        }
        Ok(())
    }

    /// The 1-based line a record starts on. csv's own record position points before
    /// any blank lines it skipped, so this counts back from where the record ended.
    fn start_line(&self, record: &ByteRecord) -> u64 {
        let end = self.reader.position();
        let inner_newlines = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        let stream = self.tracker.borrow().end;
        let unterminated =
            end.byte() == stream.bytes && !matches!(stream.last, Some(b'\n' | b'\r'));
        // A record ended by LF has counted its own line break; one ended by the CR of a
        // CR LF has not yet.
        let terminator = u64::from(!unterminated && !self.crlf);
        end.line()
            .saturating_sub(inner_newlines + terminator)
            .max(1)
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
        // Read row by row past the sample: nothing will ask for the raw bytes again.
        self.tracker.borrow_mut().tee = None;
        loop {
            match self.read_raw(record)? {
                Some(_) if is_blank(record) => self.blank_rows += 1,
                other => return Ok(other),
            }
        }
    }

    /// Hands over the rest of the input as raw bytes (decoded to UTF-8 when the file is
    /// UTF-16), for reading in parallel chunks: the rows buffered by
    /// [`CsvTable::sample`], then the bytes csv had read ahead, then the unread stream.
    /// The table keeps what it detected; it reads no more rows.
    pub fn take_stream(&mut self) -> RawRest {
        let consumed = self.reader.position().byte();
        let line = self.reader.position().line();
        let teed = {
            let mut track = self.tracker.borrow_mut();
            track.tracking = false;
            track.tee.take().unwrap_or_default()
        };
        let empty: Box<dyn Read> = Box::new(io::empty());
        let reader = std::mem::replace(
            &mut self.reader,
            csv::ReaderBuilder::new().from_reader(empty),
        );
        self.finished = true;
        let prefix = usize::try_from(consumed)
            .ok()
            .and_then(|at| teed.get(at..))
            .unwrap_or_default()
            .to_vec();
        RawRest {
            rows: std::mem::take(&mut self.pending),
            prefix,
            stream: reader.into_inner(),
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

/// How far the stream fed to csv has been read, its last byte, and how many quote
/// characters it held (an odd count at the end means a quote never closed).
#[derive(Clone, Copy, Debug, Default)]
struct StreamEnd {
    bytes: u64,
    last: Option<u8>,
    quotes: u64,
}

/// What is known of the stream fed to csv, and, until the table streams row by row,
/// a copy of its bytes (so that [`CsvTable::take_stream`] can hand them over).
struct Track {
    end: StreamEnd,
    tee: Option<Vec<u8>>,
    /// False once the stream is handed over raw: its reader follows the bytes itself,
    /// and counting the quotes of a large file took a pass over all of it.
    tracking: bool,
}

struct Tracked {
    inner: Box<dyn Read>,
    track: Rc<RefCell<Track>>,
}

impl Read for Tracked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = buf.get(..n).unwrap_or_default();
        if let Some(&last) = read.last() {
            let mut track = self.track.borrow_mut();
            if !track.tracking {
                return Ok(n);
            }
            let end = track.end;
            track.end = StreamEnd {
                bytes: end.bytes + n as u64,
                last: Some(last),
                quotes: end.quotes + memchr::memchr_iter(b'"', read).count() as u64,
            };
            if let Some(tee) = &mut track.tee {
                tee.extend_from_slice(read);
            }
        }
        Ok(n)
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
