//! `analyze --by COLUMN`: one set of aggregates per value of a column (a freelancer of
//! a cooperative, say), read in one pass over the file. Memory grows with the groups'
//! clients × years, not with rows.
//!
//! The calling thread parses the records and finds each one's group. With one thread it
//! also adds the row to its group; with more, each group belongs to one thread
//! ([`crate::ingest::engine::grouped_threads`]), which gets the group's rows in file order: every group
//! is read exactly as one pass reads it, and groups are added up side by side.

use std::sync::atomic::AtomicBool;

use crate::ingest::aggregate::accumulate::Accumulator;
use crate::ingest::aggregate::duplicates::{group_limit, DuplicateCheck};
use crate::ingest::dialect::reader::{decode_cell, RawRest};
use crate::ingest::engine::chunks::Chunker;
use crate::ingest::engine::grouped_threads::Owners;
use crate::ingest::engine::parallel::{quotes_closed, Exact, Progress, RowsRead};
use crate::ingest::engine::records::{Fields, Records, Shape};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::{Cells, InvoiceTotals, RowRules, RowTally};

/// The aggregates and row accounting of one value of the column.
pub struct GroupRead {
    pub value: String,
    pub acc: Accumulator,
    pub read: RowsRead,
}

/// One group being read.
pub(in crate::ingest) struct Group {
    pub(in crate::ingest) value: String,
    acc: Accumulator,
    tally: RowTally,
    duplicates: DuplicateCheck,
    invoices: InvoiceTotals,
}

impl Group {
    /// A group whose duplicate check remembers `duplicate_limit` rows at most.
    pub(in crate::ingest) fn new(value: String, acc: Accumulator, duplicate_limit: usize) -> Self {
        Self {
            value,
            acc,
            tally: RowTally::default(),
            duplicates: DuplicateCheck::with_limit(duplicate_limit),
            invoices: InvoiceTotals::default(),
        }
    }

    /// Reads one non-blank row of the group.
    pub(in crate::ingest) fn row(
        &mut self,
        rules: &RowRules,
        row: &impl Cells,
        line: u64,
    ) -> Result<(), IngestError> {
        let mut sink = Exact {
            acc: &mut self.acc,
            invoices: &mut self.invoices,
        };
        let result = rules.read(row, line, &mut self.tally, &mut sink);
        for (fingerprint, line) in self.tally.fingerprints.drain(..) {
            self.duplicates.add(fingerprint, line);
        }
        result
    }

    /// Remembers fewer rows for the duplicate check: more groups share its memory.
    pub(in crate::ingest) fn limit_duplicates(&mut self, limit: usize) {
        self.duplicates.lower_limit(limit);
    }

    /// The group's reading, with what belongs to every group: the file's blank rows
    /// and the group column's own oddities.
    fn read(self, blank_rows: u64, shared_fallback: &[u64]) -> GroupRead {
        let mut tally = self.tally;
        tally.blank_rows += blank_rows;
        tally.fallback_lines.extend(shared_fallback.iter().copied());
        tally.fallback_lines.sort_unstable();
        tally.fallback_lines.dedup();
        GroupRead {
            value: self.value,
            acc: self.acc,
            read: RowsRead {
                tally,
                duplicates: self.duplicates.result(),
                invoices: self.invoices.invoices(),
                folded_rows: self.invoices.folded,
            },
        }
    }
}

/// Where the rows of the groups go: to groups read on this thread, or to the threads
/// that own them.
enum Readers<'r> {
    Here(Vec<Group>),
    Threads(Owners<'r>),
}

/// The calling thread's side: the groups in the order they first appear.
struct Groups<'r> {
    rules: &'r RowRules,
    column: usize,
    new_accumulator: &'r dyn Fn() -> Accumulator,
    index: foldhash::HashMap<String, usize>,
    readers: Readers<'r>,
    blank_rows: u64,
    /// Lines of cells that were not UTF-8 in the group column (the group's own cells
    /// are noted in its tally).
    fallback_lines: Vec<u64>,
}

impl Groups<'_> {
    fn record(&mut self, fields: &Fields, line: u64) -> Result<(), IngestError> {
        if fields.is_blank() {
            self.blank_rows += 1;
            return Ok(());
        }
        self.row(fields, line)
    }

    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), IngestError> {
        let bytes = row.bytes(self.column).unwrap_or_default();
        let value = decode_cell(self.rules.encoding, bytes, line, &mut self.fallback_lines);
        let value = value.trim();
        let (group, new) = match self.index.get(value) {
            Some(&group) => (group, false),
            None => {
                let group = self.index.len();
                self.index.insert(value.to_string(), group);
                (group, true)
            }
        };
        // A new group may lower every group's share of the duplicate check, from this
        // row on: the same row whichever thread reads which group.
        let limit = group_limit(group + 1);
        let lowered = new && limit < group_limit(group);
        match &mut self.readers {
            Readers::Here(groups) => {
                if lowered {
                    groups.iter_mut().for_each(|g| g.limit_duplicates(limit));
                }
                if new {
                    let acc = (self.new_accumulator)();
                    groups.push(Group::new(value.to_string(), acc, limit));
                }
                match groups.get_mut(group) {
                    Some(group) => group.row(self.rules, row, line),
                    None => Ok(()),
                }
            }
            Readers::Threads(owners) => {
                if lowered {
                    owners.limit_duplicates(limit);
                }
                owners.row(group, new.then_some((value, limit)), row, line);
                owners.send_full()
            }
        }
    }

    /// The groups in the order they first appeared, or the first error in file order.
    fn finish(self, end: Result<(), IngestError>) -> Result<Vec<GroupRead>, IngestError> {
        let groups = match self.readers {
            Readers::Here(groups) => {
                end?;
                groups
            }
            Readers::Threads(owners) => owners.finish(end)?,
        };
        Ok(groups
            .into_iter()
            .map(|group| group.read(self.blank_rows, &self.fallback_lines))
            .collect())
    }
}

/// Reads every row after the header into the group of its `column` value, groups in
/// the order they first appear, on `threads` threads. `new_accumulator` makes each
/// group's aggregates.
pub fn read_grouped(
    rest: RawRest,
    rules: &RowRules,
    column: usize,
    new_accumulator: &(dyn Fn() -> Accumulator + Sync),
    (threads, chunk_bytes): (usize, usize),
    progress: Progress,
) -> Result<Vec<GroupRead>, IngestError> {
    let file = new_accumulator().file.clone();
    let failed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let readers = if threads > 1 {
            Readers::Threads(Owners::spawn(
                scope,
                threads,
                rules,
                new_accumulator,
                &failed,
            ))
        } else {
            Readers::Here(Vec::new())
        };
        let mut groups = Groups {
            rules,
            column,
            new_accumulator,
            index: Default::default(),
            readers,
            blank_rows: 0,
            fallback_lines: Vec::new(),
        };
        let end = read_records(rest, &file, chunk_bytes, &mut groups, progress);
        groups.finish(end)
    })
}

/// Hands every record of the stream to `groups`, in file order.
fn read_records(
    rest: RawRest,
    file: &str,
    chunk_bytes: usize,
    groups: &mut Groups,
    progress: Progress,
) -> Result<(), IngestError> {
    for (line, record) in &rest.rows {
        groups.row(record, *line)?;
    }
    let mut records = Records::new(groups.rules.delimiter, rest.line);
    let mut chunker = Chunker::new(rest.prefix, rest.stream, chunk_bytes);
    let mut read_bytes = 0u64;
    let mut buffer = Vec::new();
    while let Some(bytes) = chunker
        .next_chunk(buffer)
        .map_err(|e| IngestError::io(file, e))?
    {
        records.feed(&bytes, &mut |fields: Fields, line, _| {
            groups.record(&fields, line)
        })?;
        read_bytes += bytes.len() as u64;
        progress(read_bytes);
        buffer = bytes;
    }
    records.finish(&mut |fields: Fields, line, shape: Shape| {
        quotes_closed(file, line, shape)?;
        groups.record(&fields, line)
    })
}
