//! `analyze --by COLUMN`: one set of aggregates per value of a column (a freelancer of
//! a cooperative, say), read in one pass over the file. Memory grows with the groups'
//! clients × years, not with rows.
//!
//! The calling thread parses the records and finds each one's group. With one thread it
//! also adds the row to its group; with more, each group belongs to one thread
//! ([`crate::ingest::engine::grouped_threads`]), which gets the group's rows in file order: every group
//! is read exactly as one pass reads it, and groups are added up side by side.

use std::convert::Infallible;
use std::sync::atomic::AtomicBool;

use crate::ingest::aggregate::accumulate::Accumulator;
use crate::ingest::aggregate::duplicates::{group_limit, DuplicateCheck};
use crate::ingest::dialect::reader::{decode_cell, RawRest};
use crate::ingest::dialect::records::quotes_closed;
use crate::ingest::dialect::records::{Fields, Records, Shape};
use crate::ingest::engine::chunks::Chunker;
use crate::ingest::engine::grouped_threads::Owners;
use crate::ingest::engine::parallel::{Exact, Progress, RowsRead};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::{Cells, InvoiceTotals, RowRules, RowTally};

/// The aggregates and row accounting of one value of the column.
pub struct GroupRead {
    pub value: String,
    pub acc: Accumulator,
    pub read: RowsRead,
}

/// One group being read: its name, and its state out of line, so that the lists of
/// groups move a pointer per group, not the state.
pub(in crate::ingest) struct Group {
    pub(in crate::ingest) value: String,
    state: Box<GroupState>,
}

struct GroupState {
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
            state: Box::new(GroupState {
                acc,
                tally: RowTally::default(),
                duplicates: DuplicateCheck::with_limit(duplicate_limit),
                invoices: InvoiceTotals::default(),
            }),
        }
    }

    /// Reads one non-blank row of the group.
    pub(in crate::ingest) fn row(
        &mut self,
        rules: &RowRules,
        row: &impl Cells,
        line: u64,
    ) -> Result<(), IngestError> {
        let state = &mut *self.state;
        let mut sink = Exact {
            acc: &mut state.acc,
            invoices: &mut state.invoices,
        };
        let result = rules.read(row, line, &mut state.tally, &mut sink);
        for (fingerprint, line) in state.tally.fingerprints.drain(..) {
            state.duplicates.add(fingerprint, line);
        }
        result
    }

    /// Remembers fewer rows for the duplicate check: more groups share its memory.
    pub(in crate::ingest) fn limit_duplicates(&mut self, limit: usize) {
        self.state.duplicates.lower_limit(limit);
    }

    /// The group's reading, with what belongs to every group: the file's blank rows
    /// and the group column's own oddities.
    fn read(self, blank_rows: u64, shared_fallback: &[u64]) -> GroupRead {
        let GroupState {
            acc,
            mut tally,
            duplicates,
            invoices,
        } = *self.state;
        tally.blank_rows += blank_rows;
        tally.fallback_lines.extend(shared_fallback.iter().copied());
        tally.fallback_lines.sort_unstable();
        tally.fallback_lines.dedup();
        GroupRead {
            value: self.value,
            acc,
            read: RowsRead {
                tally,
                duplicates: duplicates.result(),
                invoices: invoices.invoices(),
                folded_rows: invoices.folded,
            },
        }
    }
}

/// The groups read side by side, made [`GroupRead`]s one at a time as they are taken.
pub struct ReadGroups {
    groups: Vec<Group>,
    blank_rows: u64,
    fallback_lines: Vec<u64>,
}

impl ReadGroups {
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// The groups in the order they first appeared.
    pub fn into_reads(self) -> impl Iterator<Item = GroupRead> {
        let Self {
            groups,
            blank_rows,
            fallback_lines,
        } = self;
        groups
            .into_iter()
            .map(move |group| group.read(blank_rows, &fallback_lines))
    }
}

/// How many groups a side-by-side reading may hold before it stops: a file that can be
/// read again is better read another way past a few thousand groups.
pub trait GroupLimit {
    /// What the reading gives back when it would hold more.
    type Over;
    /// `Some` when `groups` groups are more than the limit allows.
    fn over(&self, groups: usize) -> Option<Self::Over>;
}

/// Every group is held, however many: what a stream, which cannot be read again, gets.
pub struct Unlimited;

impl GroupLimit for Unlimited {
    type Over = Infallible;

    fn over(&self, _: usize) -> Option<Infallible> {
        None
    }
}

/// At most this many groups.
pub struct AtMost(pub usize);

/// The reading stopped at a group past its [`AtMost`].
pub struct TooManyGroups;

impl GroupLimit for AtMost {
    type Over = TooManyGroups;

    fn over(&self, groups: usize) -> Option<TooManyGroups> {
        (groups > self.0).then_some(TooManyGroups)
    }
}

/// Why a reading of the records stopped before the end of the file.
pub(in crate::ingest) enum Stop<Early> {
    /// The file is wrong: the error a user sees.
    Failed(IngestError),
    /// The reading learnt before the end what it was for (`Early` says what).
    Early(Early),
}

impl<Early> From<IngestError> for Stop<Early> {
    fn from(error: IngestError) -> Self {
        Stop::Failed(error)
    }
}

/// Where the rows of the groups go: to groups read on this thread, or to the threads
/// that own them.
enum Readers<'r> {
    Here(Vec<Group>),
    Threads(Owners<'r>),
}

/// The calling thread's side: the groups in the order they first appear.
struct Groups<'r, L> {
    rules: &'r RowRules,
    column: usize,
    new_accumulator: &'r dyn Fn() -> Accumulator,
    index: foldhash::HashMap<String, usize>,
    /// Past it, the reading stops: the caller reads the file again another way.
    limit: L,
    readers: Readers<'r>,
    blank_rows: u64,
    /// Lines of cells that were not UTF-8 in the group column (the group's own cells
    /// are noted in its tally).
    fallback_lines: Vec<u64>,
}

impl<L: GroupLimit> Groups<'_, L> {
    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), Stop<L::Over>> {
        let value = group_value(self.rules, self.column, row, line, &mut self.fallback_lines);
        let value = value.trim();
        let (group, new) = match self.index.get(value) {
            Some(&group) => (group, false),
            None => {
                let group = self.index.len();
                if let Some(over) = self.limit.over(group + 1) {
                    return Err(Stop::Early(over));
                }
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
                    Some(group) => Ok(group.row(self.rules, row, line)?),
                    None => Ok(()),
                }
            }
            Readers::Threads(owners) => {
                if lowered {
                    owners.limit_duplicates(limit);
                }
                owners.row(group, new.then_some((value, limit)), row, line);
                Ok(owners.send_full()?)
            }
        }
    }

    /// The groups in the order they first appeared, or why the reading stopped: the
    /// first error in file order.
    fn finish(self, end: Result<(), Stop<L::Over>>) -> Result<ReadGroups, Stop<L::Over>> {
        let groups = match self.readers {
            Readers::Here(groups) => {
                end?;
                groups
            }
            Readers::Threads(owners) => owners.finish(end)?,
        };
        Ok(ReadGroups {
            groups,
            blank_rows: self.blank_rows,
            fallback_lines: self.fallback_lines,
        })
    }
}

/// Reads every row after the header into the group of its `column` value, groups in
/// the order they first appear, on `threads` threads. `new_accumulator` makes each
/// group's aggregates. Past the `limit`, stops and says so (`Ok(Err(over))`).
pub fn read_grouped<L: GroupLimit>(
    rest: RawRest,
    rules: &RowRules,
    column: usize,
    new_accumulator: &(dyn Fn() -> Accumulator + Sync),
    (threads, chunk_bytes): (usize, usize),
    limit: L,
    progress: Progress,
) -> Result<Result<ReadGroups, L::Over>, IngestError> {
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
            limit,
            readers,
            blank_rows: 0,
            fallback_lines: Vec::new(),
        };
        let end = read_records(rest, &file, chunk_bytes, &mut groups, progress);
        match groups.finish(end) {
            Ok(read) => Ok(Ok(read)),
            Err(Stop::Early(over)) => Ok(Err(over)),
            Err(Stop::Failed(error)) => Err(error),
        }
    })
}

/// The cell of the group column of a row, decoded (a cell that is not UTF-8 has its
/// line noted in `fallback_lines`).
fn group_value<'c>(
    rules: &RowRules,
    column: usize,
    row: &'c impl Cells,
    line: u64,
    fallback_lines: &mut Vec<u64>,
) -> std::borrow::Cow<'c, str> {
    let bytes = row.bytes(column).unwrap_or_default();
    decode_cell(rules.encoding, bytes, line, fallback_lines)
}

/// What takes the records of a grouped reading.
trait GroupRows {
    /// What it may stop the reading early for.
    type Early;
    fn delimiter(&self) -> u8;
    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), Stop<Self::Early>>;
    /// Counts a blank row (every group's accounting shares them).
    fn blank(&mut self);

    fn record(&mut self, fields: &Fields, line: u64) -> Result<(), Stop<Self::Early>> {
        if fields.is_blank() {
            self.blank();
            return Ok(());
        }
        self.row(fields, line)
    }
}

impl<L: GroupLimit> GroupRows for Groups<'_, L> {
    type Early = L::Over;

    fn delimiter(&self) -> u8 {
        self.rules.delimiter
    }

    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), Stop<L::Over>> {
        Groups::row(self, row, line)
    }

    fn blank(&mut self) {
        self.blank_rows += 1;
    }
}

/// Hands every record of the stream to `groups`, in file order.
fn read_records<G: GroupRows>(
    rest: RawRest,
    file: &str,
    chunk_bytes: usize,
    groups: &mut G,
    progress: Progress,
) -> Result<(), Stop<G::Early>> {
    for (line, record) in &rest.rows {
        groups.row(record, *line)?;
    }
    let mut records = Records::new(groups.delimiter(), rest.line);
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

/// A group's first row after another group's rows: the groups are not contiguous.
struct GroupCameBack;

/// What a first reading of the whole file says of its groups, so that a second one can
/// hand each group on as soon as its rows end, exactly as reading them all would.
#[derive(Clone, Debug, Default)]
pub struct GroupsPlan {
    /// Every row of a group comes before the first row of the next.
    pub contiguous: bool,
    pub groups: usize,
    pub blank_rows: u64,
    /// Lines of cells of the group column that were not UTF-8.
    pub fallback_lines: Vec<u64>,
}

/// The first reading: every row goes through the row rules (so that a date order a
/// later row contradicts is found before any group is handed on), and only the group
/// column's values are kept. Stops at the first group that comes back after another.
struct Planner<'r> {
    rules: &'r RowRules,
    column: usize,
    tally: RowTally,
    seen: foldhash::HashSet<String>,
    current: Option<String>,
    plan: GroupsPlan,
}

/// A sink that keeps nothing: the first reading only checks the rows.
struct Nothing;

impl crate::ingest::formats::invoice_rows::RowSink for Nothing {
    fn add(
        &mut self,
        _: &crate::ingest::aggregate::accumulate::CountedRow,
    ) -> Result<(), IngestError> {
        Ok(())
    }
}

impl GroupRows for Planner<'_> {
    type Early = GroupCameBack;

    fn delimiter(&self) -> u8 {
        self.rules.delimiter
    }

    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), Stop<GroupCameBack>> {
        let fallback_lines = &mut self.plan.fallback_lines;
        let value = group_value(self.rules, self.column, row, line, fallback_lines);
        let value = value.trim();
        if self.current.as_deref() != Some(value) {
            if !self.seen.insert(value.to_string()) {
                return Err(Stop::Early(GroupCameBack));
            }
            self.plan.groups += 1;
            self.current = Some(value.to_string());
        }
        let checked = self.rules.read(row, line, &mut self.tally, &mut Nothing);
        self.tally.fingerprints.clear();
        self.tally.summary.rejections.clear();
        Ok(checked?)
    }

    fn blank(&mut self) {
        self.plan.blank_rows += 1;
    }
}

/// Reads the whole file once to plan a reading group by group (see [`GroupsPlan`]).
/// A file whose groups are not contiguous is told as soon as that shows.
pub fn plan_groups(
    rest: RawRest,
    rules: &RowRules,
    column: usize,
    file: &str,
    chunk_bytes: usize,
) -> Result<GroupsPlan, IngestError> {
    let mut planner = Planner {
        rules,
        column,
        tally: RowTally::default(),
        seen: Default::default(),
        current: None,
        plan: GroupsPlan {
            contiguous: true,
            ..GroupsPlan::default()
        },
    };
    match read_records(rest, file, chunk_bytes, &mut planner, &mut |_| {}) {
        Ok(()) => Ok(planner.plan),
        Err(Stop::Early(GroupCameBack)) => Ok(GroupsPlan {
            contiguous: false,
            ..planner.plan
        }),
        Err(Stop::Failed(error)) => Err(error),
    }
}

/// The groups of a file whose groups are contiguous, each handed on as soon as its last
/// row is read: memory holds one group at a time, whatever the number of groups. Every
/// group is read exactly as [`read_grouped`] reads it: the same duplicate-check share
/// (the plan gives the number of groups), the same blank rows and oddities.
pub struct GroupStream<'r> {
    rules: &'r RowRules,
    column: usize,
    file: String,
    new_accumulator: &'r dyn Fn() -> Accumulator,
    plan: GroupsPlan,
    rows: std::collections::VecDeque<(u64, csv::ByteRecord)>,
    chunker: Chunker,
    records: Records,
    buffer: Vec<u8>,
    read_bytes: u64,
    ended: bool,
    /// The group being read, with the count of groups so far.
    current: Option<Group>,
    groups: usize,
    ready: std::collections::VecDeque<GroupRead>,
    fallback_lines: Vec<u64>,
}

impl<'r> GroupStream<'r> {
    pub fn new(
        rest: RawRest,
        rules: &'r RowRules,
        column: usize,
        new_accumulator: &'r dyn Fn() -> Accumulator,
        plan: GroupsPlan,
        chunk_bytes: usize,
    ) -> Self {
        let file = new_accumulator().file.clone();
        Self {
            rules,
            column,
            file,
            new_accumulator,
            plan,
            rows: rest.rows,
            records: Records::new(rules.delimiter, rest.line),
            chunker: Chunker::new(rest.prefix, rest.stream, chunk_bytes),
            buffer: Vec::new(),
            read_bytes: 0,
            ended: false,
            current: None,
            groups: 0,
            ready: Default::default(),
            fallback_lines: Vec::new(),
        }
    }

    /// The next group, once its last row is read; `progress` gets the bytes read so far.
    pub fn next_group(&mut self, progress: Progress) -> Option<Result<GroupRead, IngestError>> {
        loop {
            if let Some(group) = self.ready.pop_front() {
                return Some(Ok(group));
            }
            if self.ended {
                return None;
            }
            if let Err(error) = self.read_more(progress) {
                self.ended = true;
                return Some(Err(error));
            }
        }
    }

    /// Reads the sampled rows, else the next chunk, else the end of the stream.
    fn read_more(&mut self, progress: Progress) -> Result<(), IngestError> {
        if let Some((line, record)) = self.rows.pop_front() {
            return self.row(&record, line);
        }
        let buffer = std::mem::take(&mut self.buffer);
        let chunk = self
            .chunker
            .next_chunk(buffer)
            .map_err(|e| IngestError::io(&self.file, e))?;
        let mut records = std::mem::replace(&mut self.records, Records::new(b',', 1));
        let fed = match &chunk {
            Some(bytes) => records.feed(bytes, &mut |fields: Fields, line, _| {
                self.record(&fields, line)
            }),
            None => {
                self.ended = true;
                let file = self.file.clone();
                records.finish(&mut |fields: Fields, line, shape: Shape| {
                    quotes_closed(&file, line, shape)?;
                    self.record(&fields, line)
                })
            }
        };
        self.records = records;
        if let Some(bytes) = chunk {
            self.read_bytes += bytes.len() as u64;
            progress(self.read_bytes);
            self.buffer = bytes;
        }
        fed?;
        if self.ended {
            self.end_group();
        }
        Ok(())
    }

    fn record(&mut self, fields: &Fields, line: u64) -> Result<(), IngestError> {
        // The file's blank rows are in the plan, for every group.
        if fields.is_blank() {
            return Ok(());
        }
        self.row(fields, line)
    }

    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), IngestError> {
        let value = group_value(self.rules, self.column, row, line, &mut self.fallback_lines);
        let value = value.trim();
        if self
            .current
            .as_ref()
            .is_none_or(|group| group.value != value)
        {
            self.end_group();
            self.groups += 1;
            let acc = (self.new_accumulator)();
            self.current = Some(Group::new(value.to_string(), acc, group_limit(self.groups)));
        }
        match &mut self.current {
            Some(group) => group.row(self.rules, row, line),
            None => Ok(()),
        }
    }

    /// Hands the group being read on, with the share of the duplicate check it has once
    /// every group has appeared.
    fn end_group(&mut self) {
        if let Some(mut group) = self.current.take() {
            group.limit_duplicates(group_limit(self.plan.groups));
            let read = group.read(self.plan.blank_rows, &self.plan.fallback_lines);
            self.ready.push_back(read);
        }
    }
}
