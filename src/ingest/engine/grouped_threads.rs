//! The threads of `analyze --by`: each owns some of the groups (group `g` is thread
//! `g % threads`'s) and reads their rows in file order, so each group is read exactly
//! as one pass reads it while different groups are read side by side. The calling
//! thread copies each row's cells into its owner's next batch.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};

use crate::ingest::aggregate::accumulate::Accumulator;
use crate::ingest::engine::grouped::{Group, Stop};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::{Cells, RowRules};

/// Cell bytes a batch holds before it is sent: small enough to stay in cache, large
/// enough that sending costs nothing next to reading.
const BATCH_BYTES: usize = 256 * 1024;

/// Rows of one thread's groups, their cells copied out of the input.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    /// Where each cell ends in `bytes` (a cell starts where the one before it ends).
    ends: Vec<usize>,
    rows: Vec<BatchRow>,
    /// Groups whose first row is in this batch, with their value and the rows their
    /// duplicate check remembers.
    new_groups: Vec<(usize, String, usize)>,
    /// From which row of the batch on the duplicate checks of every group of the
    /// thread remember fewer rows, and how many.
    duplicate_limits: Vec<(usize, usize)>,
}

impl Batch {
    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.rows.clear();
        self.new_groups.clear();
        self.duplicate_limits.clear();
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.duplicate_limits.is_empty()
    }
}

struct BatchRow {
    line: u64,
    group: usize,
    /// Its cells, as indexes into [`Batch::ends`].
    cells: Range<usize>,
}

/// One row of a batch, read like any other row.
struct BatchCells<'b> {
    batch: &'b Batch,
    cells: Range<usize>,
}

impl Cells for BatchCells<'_> {
    fn count(&self) -> usize {
        self.cells.len()
    }

    fn bytes(&self, index: usize) -> Option<&[u8]> {
        let cell = self.cells.start + index;
        if cell >= self.cells.end {
            return None;
        }
        let start = match cell.checked_sub(1) {
            Some(previous) => *self.batch.ends.get(previous)?,
            None => 0,
        };
        self.batch.bytes.get(start..*self.batch.ends.get(cell)?)
    }
}

/// What a thread gives back: its groups, or the first error of its rows and its line.
type Owned = Result<Vec<(usize, Group)>, (u64, IngestError)>;

/// The calling thread's handle on the threads that own the groups.
pub(in crate::ingest) struct Owners<'scope> {
    file: String,
    filling: Vec<Batch>,
    senders: Vec<mpsc::SyncSender<Batch>>,
    threads: Vec<ScopedJoinHandle<'scope, Owned>>,
    /// Batches read, for the next ones.
    spare: mpsc::Receiver<Batch>,
    /// Set by a thread that met an error: reading further is wasted.
    failed: &'scope AtomicBool,
}

impl<'scope> Owners<'scope> {
    pub(in crate::ingest) fn spawn<'env>(
        scope: &'scope Scope<'scope, 'env>,
        threads: usize,
        rules: &'env RowRules,
        new_accumulator: &'env (dyn Fn() -> Accumulator + Sync),
        failed: &'env AtomicBool,
    ) -> Self {
        let (recycle, spare) = mpsc::channel::<Batch>();
        let mut senders = Vec::new();
        let mut handles = Vec::new();
        for _ in 0..threads.max(1) {
            let (sender, inbox) = mpsc::sync_channel::<Batch>(2);
            senders.push(sender);
            let recycle = recycle.clone();
            handles.push(
                scope.spawn(move || own_groups(inbox, &recycle, rules, new_accumulator, failed)),
            );
        }
        Self {
            file: new_accumulator().file,
            filling: (0..senders.len()).map(|_| Batch::default()).collect(),
            senders,
            threads: handles,
            spare,
            failed,
        }
    }

    /// Every thread's groups remember `limit` rows for the duplicate check from the next
    /// row on.
    pub(in crate::ingest) fn limit_duplicates(&mut self, limit: usize) {
        for batch in &mut self.filling {
            batch.duplicate_limits.push((batch.rows.len(), limit));
        }
    }

    /// Copies a row of `group` into its owner's batch; `new_group` is the group's value
    /// and duplicate limit on its first row.
    pub(in crate::ingest) fn row(
        &mut self,
        group: usize,
        new_group: Option<(&str, usize)>,
        row: &impl Cells,
        line: u64,
    ) {
        let owner = group % self.filling.len().max(1);
        let Some(batch) = self.filling.get_mut(owner) else {
            return;
        };
        if let Some((value, limit)) = new_group {
            batch.new_groups.push((group, value.to_string(), limit));
        }
        let first = batch.ends.len();
        for index in 0..row.count() {
            batch
                .bytes
                .extend_from_slice(row.bytes(index).unwrap_or_default());
            batch.ends.push(batch.bytes.len());
        }
        batch.rows.push(BatchRow {
            line,
            group,
            cells: first..batch.ends.len(),
        });
    }

    /// Sends the batches that are full; an error once a thread has stopped on one.
    pub(in crate::ingest) fn send_full(&mut self) -> Result<(), IngestError> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(self.stopped());
        }
        for owner in 0..self.filling.len() {
            if self
                .filling
                .get(owner)
                .is_some_and(|b| b.bytes.len() >= BATCH_BYTES)
            {
                self.send(owner)?;
            }
        }
        Ok(())
    }

    fn send(&mut self, owner: usize) -> Result<(), IngestError> {
        let next = self.spare.try_recv().unwrap_or_default();
        let (Some(batch), Some(sender)) = (self.filling.get_mut(owner), self.senders.get(owner))
        else {
            return Err(self.stopped());
        };
        let full = std::mem::replace(batch, next);
        sender.send(full).map_err(|_| self.stopped())
    }

    fn stopped(&self) -> IngestError {
        IngestError::io(
            &self.file,
            std::io::Error::other("a reading thread stopped"),
        )
    }

    /// Sends what is left and takes the groups back, in the order they first appeared.
    /// A thread's error comes before `end`, the calling thread's: every row a thread
    /// read stands before where the calling thread stopped. Of the threads' errors, the
    /// first in the file wins, as in one pass.
    pub(in crate::ingest) fn finish<Early>(
        mut self,
        end: Result<(), Stop<Early>>,
    ) -> Result<Vec<Group>, Stop<Early>> {
        for owner in 0..self.filling.len() {
            if self.filling.get(owner).is_some_and(|b| !b.is_empty()) {
                // A thread that stopped says why below.
                let _ = self.send(owner);
            }
        }
        let stopped = self.stopped();
        drop(self.senders);
        let mut groups = BTreeMap::new();
        let mut first_error: Option<(u64, IngestError)> = None;
        for thread in self.threads {
            match thread.join() {
                Ok(Ok(owned)) => groups.extend(owned),
                Ok(Err((line, error))) => {
                    if first_error.as_ref().is_none_or(|(first, _)| line < *first) {
                        first_error = Some((line, error));
                    }
                }
                Err(_) => return Err(stopped.into()),
            }
        }
        if let Some((_, error)) = first_error {
            return Err(error.into());
        }
        end?;
        Ok(groups.into_values().collect())
    }
}

/// A thread's loop: the rows of its groups, batch by batch, in file order.
fn own_groups(
    inbox: mpsc::Receiver<Batch>,
    recycle: &mpsc::Sender<Batch>,
    rules: &RowRules,
    new_accumulator: &(dyn Fn() -> Accumulator + Sync),
    failed: &AtomicBool,
) -> Owned {
    let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
    for mut batch in inbox {
        for (group, value, limit) in batch.new_groups.drain(..) {
            groups.insert(group, Group::new(value, new_accumulator(), limit));
        }
        let mut limits = batch.duplicate_limits.iter().peekable();
        for (index, row) in batch.rows.iter().enumerate() {
            while let Some((_, limit)) = limits.next_if(|(from, _)| *from <= index) {
                groups.values_mut().for_each(|g| g.limit_duplicates(*limit));
            }
            let Some(group) = groups.get_mut(&row.group) else {
                continue;
            };
            let cells = BatchCells {
                batch: &batch,
                cells: row.cells.clone(),
            };
            if let Err(error) = group.row(rules, &cells, row.line) {
                failed.store(true, Ordering::Relaxed);
                return Err((row.line, error));
            }
        }
        for (_, limit) in limits {
            groups.values_mut().for_each(|g| g.limit_duplicates(*limit));
        }
        batch.clear();
        // The calling thread may be done already: a batch it no longer wants is dropped.
        let _ = recycle.send(batch);
    }
    Ok(groups.into_iter().collect())
}
