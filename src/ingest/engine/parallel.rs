//! Reads the rows of a generic invoice table on several threads. The stream is cut into
//! chunks at line ends ([`crate::ingest::engine::chunks`]); each worker parses a chunk as if it started
//! a record and aggregates it on its own ([`Worker`]); the calling thread merges the
//! chunks in file order ([`crate::ingest::engine::merge`]). A chunk whose start turns out to be inside a quoted cell, or
//! whose rows cannot be merged exactly, is read again row by row on the calling thread,
//! so the result is the same as reading the file in one pass, whatever the threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;

use rust_decimal::Decimal;

use crate::ingest::aggregate::accumulate::{Accumulator, CountedRow};
use crate::ingest::aggregate::duplicates::{DuplicateCheck, Duplicates};
use crate::ingest::dialect::reader::RawRest;
use crate::ingest::dialect::records::{quotes_closed, Fields, Records, Shape};
use crate::ingest::engine::chunks::{Chunker, CHUNK_BYTES};
use crate::ingest::engine::merge::{merge_chunk, SlotMap};
use crate::ingest::engine::partial::{ChunkAggregates, Context, NewSlot, Worker};
use crate::ingest::engine::tail::latest_counted;
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::{
    AmountMode, InvoiceKey, InvoiceTotals, RowRules, RowSink, RowTally, Seen,
};

/// How the rows are read.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    /// Worker threads; 1 reads on the calling thread.
    pub threads: usize,
    pub chunk_bytes: usize,
    /// Every row added one by one, as a single pass would (the reference the chunked
    /// reading is tested against).
    pub row_by_row: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Self {
            threads: 1,
            chunk_bytes: CHUNK_BYTES,
            row_by_row: false,
        }
    }
}

/// Reports progress: bytes read so far.
pub type Progress<'p> = &'p mut dyn FnMut(u64);

/// What reading the rows produced besides the aggregates.
#[derive(Debug)]
pub struct RowsRead {
    pub tally: RowTally,
    pub duplicates: Duplicates,
    /// Once-per-invoice files: invoices counted, and rows folded into them.
    pub invoices: u64,
    pub folded_rows: u64,
}

/// Rows added one by one to the file's aggregates.
pub(in crate::ingest) struct Exact<'a> {
    pub(in crate::ingest) acc: &'a mut Accumulator,
    pub(in crate::ingest) invoices: &'a mut InvoiceTotals,
}

impl RowSink for Exact<'_> {
    fn add(&mut self, row: &CountedRow) -> Result<(), IngestError> {
        self.acc.add(row)
    }

    fn invoice_total(&mut self, invoice: InvoiceKey, amount: Option<Decimal>) -> Seen {
        self.invoices.check(invoice, amount)
    }
}

/// A worker's reading of one chunk.
struct ChunkRead {
    index: u64,
    worker: usize,
    bytes: Vec<u8>,
    /// `None` when the chunk must be read row by row (an error, to be reported with
    /// its line by that reading).
    read: Option<(ChunkAggregates, RowTally)>,
    new_slots: Vec<NewSlot>,
    newlines: u64,
    /// Where the record left incomplete at the chunk's end starts.
    tail: Option<usize>,
}

/// Buffers and lists of a merged chunk, for the next one.
#[derive(Default)]
struct Spare {
    bytes: Vec<Vec<u8>>,
    aggregates: Vec<ChunkAggregates>,
}

/// A chunk for a worker: its index, its bytes, and lists to aggregate it into.
type Job = (u64, Vec<u8>, Option<ChunkAggregates>);

/// A reading thread's parser and aggregates, kept from chunk to chunk.
struct Reader<'a> {
    index: usize,
    worker: Worker<'a>,
    records: Records,
}

impl<'a> Reader<'a> {
    fn new(index: usize, context: Context<'a>, rules: &RowRules) -> Self {
        Self {
            index,
            worker: Worker::new(context),
            records: Records::new(rules.delimiter, 1),
        }
    }
}

fn read_chunk(
    (index, bytes, lists): Job,
    rules: &RowRules,
    reader: &mut Reader,
    level: u32,
) -> ChunkRead {
    let Reader {
        index: worker_index,
        worker,
        records,
    } = reader;
    if let Some(lists) = lists {
        worker.reuse(lists);
    }
    let mut tally = RowTally::default();
    tally.duplicate_level = level;
    records.restart(1);
    let mut each =
        |fields: Fields, line: u64, _: Shape| rules.read_record(&fields, line, &mut tally, worker);
    let fed = records.feed(&bytes, &mut each);
    let (aggregates, new_slots) = worker.end_chunk();
    let tail = records.tail_start();
    let (read, newlines) = match fed {
        Ok(()) if records.mid_record() == tail.is_some() => {
            (Some((aggregates, tally)), records.line() - 1)
        }
        _ => (None, memchr::memchr_iter(b'\n', &bytes).count() as u64),
    };
    ChunkRead {
        index,
        worker: *worker_index,
        bytes,
        read,
        new_slots,
        newlines,
        tail,
    }
}

/// The file-order side of the reading: the aggregates, the row-by-row parser for
/// records that cross chunks, and everything merged so far.
struct Merger<'a, 'r> {
    rules: &'r RowRules,
    acc: &'a mut Accumulator,
    exact: Records,
    tally: RowTally,
    duplicates: DuplicateCheck,
    invoices: InvoiceTotals,
    /// Each reading thread's clients.
    slots: Vec<SlotMap>,
    /// Line of the next chunk's first byte.
    line: u64,
}

impl Merger<'_, '_> {
    fn absorb_tally(&mut self, mut tally: RowTally, first_line: u64) {
        tally.shift_lines(first_line - 1);
        for (fingerprint, line) in tally.fingerprints.drain(..) {
            self.duplicates.add(fingerprint, line);
        }
        let total = &mut self.tally;
        let summary = &mut total.summary;
        summary.rows += tally.summary.rows;
        summary.used += tally.summary.used;
        for (reason, n) in tally.summary.excluded {
            *summary.excluded.entry(reason).or_default() += n;
        }
        for (reason, n) in tally.summary.rejected {
            *summary.rejected.entry(reason).or_default() += n;
        }
        let room = crate::model::quality::KEPT_REJECTIONS.saturating_sub(summary.rejections.len());
        summary
            .rejections
            .extend(tally.summary.rejections.into_iter().take(room));
        total.unknown_status.absorb(tally.unknown_status);
        total.unknown_kind.absorb(tally.unknown_kind);
        if total.symbol_currency.is_none() {
            total.symbol_currency = tally.symbol_currency;
        }
        for line in tally.fallback_lines {
            if total.fallback_lines.len() < 1000 && total.fallback_lines.last() != Some(&line) {
                total.fallback_lines.push(line);
            }
        }
        total.blank_rows += tally.blank_rows;
        total.date_order.absorb(tally.date_order);
    }

    /// Reads `bytes` row by row, continuing any record already begun.
    fn feed_exact(&mut self, bytes: &[u8]) -> Result<(), IngestError> {
        let mut tally = RowTally::default();
        let mut sink = Exact {
            acc: self.acc,
            invoices: &mut self.invoices,
        };
        let rules = self.rules;
        self.exact.feed(bytes, &mut |fields: Fields, line, _| {
            rules.read_record(&fields, line, &mut tally, &mut sink)
        })?;
        self.absorb_tally(tally, 1);
        Ok(())
    }

    /// Merges the next chunk in file order; gives its buffer and lists back for reuse.
    fn merge(&mut self, chunk: ChunkRead, spare: &mut Spare) -> Result<(), IngestError> {
        let read = self.merge_read(chunk, spare)?;
        spare.bytes.push(read);
        Ok(())
    }

    fn merge_read(&mut self, chunk: ChunkRead, spare: &mut Spare) -> Result<Vec<u8>, IngestError> {
        let ChunkRead {
            worker,
            bytes,
            read,
            new_slots,
            newlines,
            tail,
            ..
        } = chunk;
        if self.slots.len() <= worker {
            self.slots.resize_with(worker + 1, SlotMap::default);
        }
        let Some(slots) = self.slots.get_mut(worker) else {
            return Err(IngestError::io(
                &self.acc.file,
                std::io::Error::other("a reading thread is unknown"),
            ));
        };
        slots.learn(new_slots);
        let first_line = self.line;
        self.line += newlines;
        if self.exact.mid_record() {
            slots.forget_names();
            self.feed_exact(&bytes)?;
            return Ok(bytes);
        }
        let Some((mut aggregates, tally)) = read else {
            slots.forget_names();
            self.exact.set_line(first_line);
            self.feed_exact(&bytes)?;
            return Ok(bytes);
        };
        aggregates.first_line = first_line;
        let merged = merge_chunk(self.acc, slots, &mut aggregates)?;
        spare.aggregates.push(aggregates);
        if merged.is_err() {
            slots.forget_names();
            self.exact.set_line(first_line);
            self.feed_exact(&bytes)?;
            return Ok(bytes);
        }
        self.absorb_tally(tally, first_line);
        if let Some(tail) = tail {
            let head = bytes.get(..tail).unwrap_or_default();
            self.exact
                .set_line(first_line + memchr::memchr_iter(b'\n', head).count() as u64);
            self.feed_exact(bytes.get(tail..).unwrap_or_default())?;
        }
        Ok(bytes)
    }

    /// The end of the stream: the last record, and whether a quote left it open.
    fn finish(mut self) -> Result<RowsRead, IngestError> {
        let mut tally = RowTally::default();
        let mut sink = Exact {
            acc: self.acc,
            invoices: &mut self.invoices,
        };
        let rules = self.rules;
        let file = sink.acc.file.clone();
        self.exact
            .finish(&mut |fields: Fields, line, shape: Shape| {
                quotes_closed(&file, line, shape)?;
                rules.read_record(&fields, line, &mut tally, &mut sink)
            })?;
        self.absorb_tally(tally, 1);
        Ok(RowsRead {
            tally: self.tally,
            duplicates: self.duplicates.result(),
            invoices: self.invoices.invoices(),
            folded_rows: self.invoices.folded,
        })
    }
}

/// Reads every row after the header: the rows already sampled, then the stream.
pub fn read_rows(
    rest: RawRest,
    rules: &RowRules,
    acc: &mut Accumulator,
    reading: Reading,
    progress: Progress,
) -> Result<RowsRead, IngestError> {
    // On the cash basis a row counts at its payment date, which the file's last rows
    // need not hold the latest of.
    let cash = acc.payments.basis == crate::model::Basis::Cash;
    if let Some(latest) = rest
        .tail
        .as_deref()
        .filter(|_| !cash)
        .and_then(|t| latest_counted(t, rules))
    {
        acc.expect_latest(latest);
    }
    let file = acc.file.clone();
    let rates = acc.rates.clone();
    let base = acc.base.clone();
    let context = Context {
        file: &file,
        fiscal: acc.fiscal,
        rates: rates.as_ref(),
        base: base.as_deref(),
        recent_from: acc.window.from,
    };
    let mut merger = Merger {
        rules,
        acc,
        exact: Records::new(rules.delimiter, rest.line),
        tally: RowTally::default(),
        duplicates: DuplicateCheck::default(),
        invoices: InvoiceTotals::default(),
        slots: Vec::new(),
        line: rest.line,
    };
    let mut sampled = RowTally::default();
    for (line, record) in &rest.rows {
        let mut sink = Exact {
            acc: merger.acc,
            invoices: &mut merger.invoices,
        };
        rules.read(record, *line, &mut sampled, &mut sink)?;
    }
    merger.absorb_tally(sampled, 1);
    let mut chunker = Chunker::new(rest.prefix, rest.stream, reading.chunk_bytes);
    let mut read_bytes = 0u64;
    let io = |e| IngestError::io(&file, e);
    // Payments are folded per client as rows come, which only the one-by-one reading does.
    let row_by_row =
        rules.mode == AmountMode::OncePerInvoice || reading.row_by_row || rules.payments.any();
    if row_by_row || reading.threads <= 1 {
        // One thread: the same chunks, read and merged in turn.
        let mut index = 0;
        let mut reader = Reader::new(0, context, rules);
        let mut spare = Spare::default();
        while let Some(bytes) = chunker
            .next_chunk(spare.bytes.pop().unwrap_or_default())
            .map_err(io)?
        {
            read_bytes += bytes.len() as u64;
            if row_by_row {
                merger.line += memchr::memchr_iter(b'\n', &bytes).count() as u64;
                merger.feed_exact(&bytes)?;
                spare.bytes.push(bytes);
            } else {
                let level = merger.duplicates.level();
                let job = (index, bytes, spare.aggregates.pop());
                let read = read_chunk(job, rules, &mut reader, level);
                merger.merge(read, &mut spare)?;
            }
            index += 1;
            progress(read_bytes);
        }
        return merger.finish();
    }
    let level = AtomicU32::new(0);
    std::thread::scope(|scope| {
        let (results, finished) = mpsc::channel::<ChunkRead>();
        let mut jobs = Vec::new();
        for worker_index in 0..reading.threads {
            let (job, inbox) = mpsc::sync_channel::<Job>(2);
            jobs.push(job);
            let results = results.clone();
            let level = &level;
            scope.spawn(move || {
                let mut reader = Reader::new(worker_index, context, rules);
                for job in inbox {
                    let level = level.load(Ordering::Relaxed);
                    let read = read_chunk(job, rules, &mut reader, level);
                    if results.send(read).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results);
        let in_flight_limit = reading.threads + 2;
        let mut waiting: BTreeMap<u64, ChunkRead> = BTreeMap::new();
        let mut spare = Spare::default();
        let (mut sent, mut merged, mut done) = (0u64, 0u64, false);
        loop {
            while !done && sent - merged < in_flight_limit as u64 {
                match chunker
                    .next_chunk(spare.bytes.pop().unwrap_or_default())
                    .map_err(io)?
                {
                    Some(bytes) => {
                        let worker = jobs.get((sent % jobs.len() as u64) as usize);
                        if let Some(worker) = worker {
                            let job = (sent, bytes, spare.aggregates.pop());
                            if worker.send(job).is_err() {
                                return Err(io(std::io::Error::other("a reading thread stopped")));
                            }
                        }
                        sent += 1;
                    }
                    None => done = true,
                }
            }
            if merged == sent {
                break;
            }
            let Ok(read) = finished.recv() else {
                return Err(io(std::io::Error::other("a reading thread stopped")));
            };
            waiting.insert(read.index, read);
            while let Some(read) = waiting.remove(&merged) {
                read_bytes += read.bytes.len() as u64;
                merger.merge(read, &mut spare)?;
                merged += 1;
                level.store(merger.duplicates.level(), Ordering::Relaxed);
                progress(read_bytes);
            }
        }
        drop(jobs);
        Ok(())
    })?;
    merger.finish()
}
