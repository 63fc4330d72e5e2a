//! Merges a reading thread's chunk aggregates ([`crate::ingest::engine::partial`]) into the file's
//! [`Accumulator`], in file order. Merging gives the same clients, names and figures as
//! adding the chunk's rows one by one, or says the chunk must be read row by row.

use crate::model::{money, Client};

use crate::ingest::aggregate::accumulate::{
    count_currency, display_name, into_display_name, Accumulator, Span,
};
use crate::ingest::aggregate::recent::{add_day, DayFigures};
use crate::ingest::engine::partial::{ChunkAggregates, NewSlot, Touch};
use crate::ingest::error::IngestError;

/// Why a chunk must be read again row by row.
#[derive(Debug)]
pub struct Unmergeable;

const UNKNOWN: u32 = u32::MAX;

/// What the merger knows of one thread's clients: which file client each slot is, and
/// how to find in the file a slot not merged yet (its key is dropped once it is found).
#[derive(Debug, Default)]
pub struct SlotMap {
    clients: Vec<u32>,
    pending: foldhash::HashMap<u32, NewSlot>,
    /// Per slot, the client's rename count when its name was last the one the thread
    /// named it by, stamped with `epoch`.
    named: Vec<(u32, u32)>,
    /// Moves on when a chunk of the thread is read again row by row: the thread then
    /// remembers names the file never took from it.
    epoch: u32,
}

impl SlotMap {
    /// Learns the clients a thread met for the first time in a chunk.
    pub fn learn(&mut self, new_slots: Vec<NewSlot>) {
        for new in new_slots {
            let slot = new.slot as usize;
            if self.clients.len() <= slot {
                self.clients.resize(slot + 1, UNKNOWN);
                self.named.resize(slot + 1, (UNKNOWN, 0));
            }
            self.pending.insert(new.slot, new);
        }
    }

    /// Forgets which names the thread's clients have: one of its chunks is read again.
    pub fn forget_names(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// The file's client a slot was found to be, once it was.
    fn resolved(&self, slot: u32) -> Option<usize> {
        let index = *self.clients.get(slot as usize)?;
        (index != UNKNOWN).then_some(index as usize)
    }

    /// The file's client a slot is, if the file has it already.
    fn found(&self, acc: &Accumulator, slot: u32) -> Option<usize> {
        self.resolved(slot)
            .or_else(|| known(acc, self.pending.get(&slot)?))
    }

    /// The file's client a slot is, added to the file if new.
    fn client(&mut self, acc: &mut Accumulator, slot: u32) -> Option<usize> {
        if let Some(index) = self.resolved(slot) {
            return Some(index);
        }
        // Found once: the slot's key and names are the client's, moved rather than copied.
        let new = self.pending.remove(&slot)?;
        let index = match known(acc, &new) {
            Some(index) => index,
            None => {
                let index = acc.clients.len();
                let place = u32::try_from(index).ok()?;
                if new.by_id {
                    acc.by_id.insert(&new.key, place);
                }
                acc.clients.push(Client {
                    id: new.id.map(Into::into),
                    name: into_display_name(new.first_name).into(),
                    ..Client::default()
                });
                acc.spans.push(Span::default());
                index
            }
        };
        *self.clients.get_mut(slot as usize)? = u32::try_from(index).ok()?;
        Some(index)
    }
}

/// The file's client a thread's new slot is, if the file has it already: by its id, or
/// by its name when it has none.
fn known(acc: &Accumulator, new: &NewSlot) -> Option<usize> {
    let index = if new.by_id {
        acc.by_id.get(&new.key)
    } else {
        acc.by_name.get(&new.key)
    };
    index.map(|&index| index as usize)
}

/// Merges a chunk into the file's aggregates, or says it must be read row by row.
pub fn merge_chunk(
    acc: &mut Accumulator,
    slots: &mut SlotMap,
    chunk: &mut ChunkAggregates,
) -> Result<Result<(), Unmergeable>, IngestError> {
    for (spelling, slot) in &chunk.borrowed {
        let target = slots.found(acc, *slot);
        if let Some(&claimed) = acc.by_name.get(spelling) {
            if Some(claimed as usize) != target {
                return Ok(Err(Unmergeable));
            }
        }
    }
    let file = acc.file.clone();
    let overflow = || IngestError::Overflow {
        file: file.clone(),
        line: chunk.first_line,
    };
    for (currency, rows) in &chunk.currency_rows {
        count_currency(&mut acc.currency_rows, currency, *rows);
    }
    acc.converted.extend(chunk.converted.iter().cloned());
    if let Some(latest) = chunk.latest {
        acc.latest = Some(acc.latest.map_or(latest, |d| d.max(latest)));
        acc.follow(latest);
    }
    // The clients first (new ones in the order the rows met them), then their figures:
    // with every client known ahead, the processor fetches several at once.
    let mut targets = Vec::with_capacity(chunk.touches.len());
    for touch in &chunk.touches {
        targets.push(slots.client(acc, touch.slot).ok_or_else(overflow)?);
    }
    for (touches, targets) in chunk.touches.chunks(BATCH).zip(targets.chunks(BATCH)) {
        warm_spans(acc, slots, touches, targets);
        for (touch, &index) in touches.iter().zip(targets) {
            merge_touch(acc, (index, slots), touch, chunk).ok_or_else(overflow)?;
            // The client's years now, while its span is at hand.
            let (Some(client), Some(span)) = (acc.clients.get_mut(index), acc.spans.get_mut(index))
            else {
                return Err(overflow());
            };
            for entry in chunk.years_of(touch) {
                span.add_year(client, entry.year, &entry.figures)
                    .ok_or_else(overflow)?;
            }
        }
    }
    for (touch, via, year, amount) in chunk.intermediaries.drain(..) {
        let client = targets
            .get(touch as usize)
            .and_then(|&index| acc.clients.get_mut(index))
            .ok_or_else(overflow)?;
        let total = client
            .extras
            .parts_mut()
            .intermediaries
            .entry((via, year))
            .or_default();
        *total = money::add(*total, amount).ok_or_else(overflow)?;
    }
    let window = acc.window;
    for days in chunk.days.chunks(BATCH) {
        warm_days(acc, &targets, days);
        for (touch, day) in days.iter().filter(|(_, d)| window.covers(d.date)) {
            let client = targets
                .get(*touch as usize)
                .and_then(|&index| acc.clients.get_mut(index))
                .ok_or_else(overflow)?;
            add_day(client, day).ok_or_else(overflow)?;
        }
    }
    for (touch, day) in chunk.day_intermediaries.drain(..) {
        if window.covers(day.date) {
            let client = targets
                .get(touch as usize)
                .and_then(|&index| acc.clients.get_mut(index))
                .ok_or_else(overflow)?;
            client.extras.parts_mut().recent_intermediaries.push(day);
        }
    }
    for (spelling, slot) in chunk.spellings.drain(..) {
        // Every client's index fits: one that would not is never added.
        if let Some(place) = slots.found(acc, slot).and_then(|i| u32::try_from(i).ok()) {
            acc.by_name.get_or_insert(&spelling, place);
        }
    }
    Ok(Ok(()))
}

/// Touches or days merged after one read-ahead: a chunk's clients are spread over the
/// whole file's (megabytes), so nearly each one misses the processor's cache.
const BATCH: usize = 16;

/// Reads one word of each span, client and slot name a batch of touches will update, in
/// a loop of independent reads: the processor then waits for their cache misses
/// together, where merging, a long body per touch, would wait for them one after another.
fn warm_spans(acc: &Accumulator, slots: &SlotMap, touches: &[Touch], targets: &[usize]) {
    let mut seen = 0u64;
    for (touch, &index) in touches.iter().zip(targets) {
        if let (Some(span), Some(client)) = (acc.spans.get(index), acc.clients.get(index)) {
            seen ^= span.glance() ^ client.name.len() as u64;
        }
        if let Some(&(epoch, _)) = slots.named.get(touch.slot as usize) {
            seen ^= u64::from(epoch);
        }
    }
    std::hint::black_box(seen);
}

/// Reads ahead, as [`warm_spans`] does, the latest day of the clients of a batch of days.
fn warm_days(acc: &Accumulator, targets: &[usize], days: &[(u32, DayFigures)]) {
    let mut seen = 0u64;
    for (touch, _) in days {
        let client = targets
            .get(*touch as usize)
            .and_then(|&index| acc.clients.get(index));
        if let Some(client) = client {
            seen ^= client.recent.last_entry();
        }
    }
    std::hint::black_box(seen);
}

/// A chunk client's dates and latest name.
fn merge_touch(
    acc: &mut Accumulator,
    (index, slots): (usize, &mut SlotMap),
    touch: &Touch,
    chunk: &ChunkAggregates,
) -> Option<()> {
    let client = acc.clients.get_mut(index)?;
    let span = acc.spans.get_mut(index)?;
    span.merge_dates(client, &touch.dates);
    if let Some((date, start, end)) = touch.named {
        let named = slots.named.get_mut(touch.slot as usize)?;
        if span.name_date.is_none_or(|d| date >= d) {
            span.name_date = Some(date);
            // The thread's name is the client's when the thread named it so last time
            // too and no one renamed it since: no need to read the client's name.
            let unchanged = touch.same_name && *named == (slots.epoch, span.name_version);
            let name = chunk.name(start, end);
            if !unchanged && client.name != name {
                client.name = display_name(name).into();
                span.name_version = span.name_version.wrapping_add(1);
            }
            *named = (slots.epoch, span.name_version);
        } else {
            // The client keeps a later name, perhaps another than the thread's.
            *named = (UNKNOWN, 0);
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::ingest::aggregate::accumulate::CountedRow;
    use crate::ingest::engine::partial::{Context, Worker};
    use crate::ingest::formats::invoice_rows::RowSink;
    use crate::model::{FiscalYearStart, Kind, Money};

    fn row(day: u32, name: &str) -> CountedRow<'_> {
        CountedRow {
            line: 2,
            date: NaiveDate::from_ymd_opt(2024, 1, day).unwrap(),
            client_id: "C1",
            client_name: name,
            amount: Money::ONE,
            currency: None,
            kind: Kind::Service,
            intermediary: "",
            invoice_id: "",
            payment: None,
        }
    }

    /// One chunk of a thread: its rows, then merged, or read again row by row.
    fn chunk(
        worker: &mut Worker,
        (slots, acc): (&mut SlotMap, &mut Accumulator),
        rows: &[CountedRow],
        read_again: bool,
    ) {
        for row in rows {
            worker.add(row).unwrap();
        }
        let (mut aggregates, new_slots) = worker.end_chunk();
        slots.learn(new_slots);
        if read_again {
            slots.forget_names();
            for row in rows {
                acc.add(row).unwrap();
            }
        } else {
            merge_chunk(acc, slots, &mut aggregates).unwrap().unwrap();
        }
    }

    #[test]
    fn a_name_the_thread_remembers_from_a_chunk_read_again_is_compared() {
        let fiscal = FiscalYearStart::default();
        let mut acc = Accumulator::new("f.csv", fiscal, None, None, None);
        let context = Context {
            file: "f.csv",
            fiscal,
            rates: None,
            base: None,
            recent_from: None,
        };
        let mut worker = Worker::new(context);
        let mut slots = SlotMap::default();
        // (day, name, read again row by row, the client's name after)
        let steps = [
            (10, "Old", false, "Old"),
            // "New" is older than "Old", so the client stays "Old", but the thread last
            // named it "New".
            (5, "New", true, "Old"),
            // The thread names it "New" again, now the latest: the names are compared.
            (20, "New", false, "New"),
            // Named as last time, and no one renamed it since: still right.
            (25, "New", false, "New"),
        ];
        for (day, name, read_again, after) in steps {
            chunk(
                &mut worker,
                (&mut slots, &mut acc),
                &[row(day, name)],
                read_again,
            );
            assert_eq!(acc.clients[0].name, after, "after {name:?} on day {day}");
        }
    }
}
