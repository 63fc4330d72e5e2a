//! What a reading thread makes of its chunks. The thread keeps its clients from chunk
//! to chunk (a *slot* each, found once by id or name), so a chunk's aggregates are flat
//! lists keyed by slot: no string is hashed or copied again for a client the thread has
//! met before. The chunks are merged in file order by [`crate::ingest::engine::merge`]; the one case
//! where merging cannot know the answer (a row without id joined by name to a client
//! that an earlier chunk's name claims for another) is detected there, and the chunk is
//! read again row by row.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::model::{normalize_key, DayIntermediary, FiscalYearStart, Kind, Money};
use crate::model::{Year, YearRevenue};

use crate::ingest::aggregate::accumulate::{
    add_figures, convert, is_invoice, CountedRow, CurrencyRun, Dates,
};
use crate::ingest::aggregate::inline::{graphic_key, key_bytes, same_text, Inline, TextMap};
use crate::ingest::aggregate::recent::DayFigures;
use crate::ingest::engine::slot_ids::{ShortId, SlotIds};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::RowSink;
use crate::ingest::formats::rates::Rates;

/// What a chunk needs to know of the file to aggregate its rows.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub file: &'a str,
    pub fiscal: FiscalYearStart,
    pub rates: Option<&'a Rates>,
    pub base: Option<&'a str>,
    /// The first day the daily detail keeps when reading starts: the window only moves
    /// later, so a row before it never has a day kept.
    pub recent_from: Option<NaiveDate>,
}

/// A thread's client as the merger first learns it.
#[derive(Debug)]
pub struct NewSlot {
    pub slot: u32,
    /// The normalised id, else the normalised name.
    pub key: String,
    pub by_id: bool,
    /// The id as written on its first row.
    pub id: Option<String>,
    /// The name (or id) its first row showed.
    pub first_name: String,
}

/// One client's figures within a chunk.
#[derive(Debug)]
pub struct Touch {
    pub(in crate::ingest) slot: u32,
    pub(in crate::ingest) dates: Dates,
    /// The name on its latest-dated row that has one (the later row on a tie), as a
    /// range of [`ChunkAggregates::names`].
    pub(in crate::ingest) named: Option<(NaiveDate, u32, u32)>,
    /// Its latest entry in [`ChunkAggregates::years`].
    last_year: u32,
    /// Its latest entry in [`ChunkAggregates::days`].
    last_day: u32,
    /// `named` is the name this thread gave the client last time it named it, so the
    /// merger need not compare names when nothing renamed the client since.
    pub(in crate::ingest) same_name: bool,
}

/// One client's figures for one year within a chunk.
#[derive(Debug)]
pub struct YearEntry {
    pub(in crate::ingest) year: Year,
    pub(in crate::ingest) figures: YearRevenue,
    /// The same client's entry for another year, made before this one.
    earlier: u32,
}

const NONE: u32 = u32::MAX;

/// A chunk's aggregates, in the order its rows first touched each client.
#[derive(Debug, Default)]
pub struct ChunkAggregates {
    pub(in crate::ingest) touches: Vec<Touch>,
    pub(in crate::ingest) years: Vec<YearEntry>,
    /// Days in row order, by touch; a client's repeated day is one entry.
    pub(in crate::ingest) days: Vec<(u32, DayFigures)>,
    pub(in crate::ingest) intermediaries: Vec<(u32, String, Year, Money)>,
    pub(in crate::ingest) day_intermediaries: Vec<(u32, DayIntermediary)>,
    pub(in crate::ingest) names: String,
    /// Normalised name spellings the thread met first in this chunk, with their slot.
    pub(in crate::ingest) spellings: Vec<(String, u32)>,
    /// Rows without id that joined, by name, a client keyed by its id.
    pub(in crate::ingest) borrowed: Vec<(String, u32)>,
    pub(in crate::ingest) currency_rows: BTreeMap<String, u64>,
    pub(in crate::ingest) converted: BTreeSet<String>,
    pub(in crate::ingest) latest: Option<NaiveDate>,
    /// The line of the chunk's first row, for an overflow found while merging.
    pub(in crate::ingest) first_line: u64,
}

impl ChunkAggregates {
    /// Empties the lists, keeping their room for the next chunk.
    pub fn clear(&mut self) {
        self.touches.clear();
        self.years.clear();
        self.days.clear();
        self.intermediaries.clear();
        self.day_intermediaries.clear();
        self.names.clear();
        self.spellings.clear();
        self.borrowed.clear();
        self.currency_rows.clear();
        self.converted.clear();
        self.latest = None;
        self.first_line = 0;
    }

    /// A touched client's entries in [`ChunkAggregates::years`], latest made first.
    pub fn years_of(&self, touch: &Touch) -> impl Iterator<Item = &YearEntry> {
        self.year_chain(touch.last_year).map(|(_, entry)| entry)
    }

    /// The entries of a client's chain of years from `head`, with their index.
    fn year_chain(&self, head: u32) -> impl Iterator<Item = (u32, &YearEntry)> {
        let mut at = head;
        std::iter::from_fn(move || {
            let index = at;
            let entry = self.years.get(index as usize)?;
            at = entry.earlier;
            Some((index, entry))
        })
    }

    pub fn name(&self, start: u32, end: u32) -> &str {
        self.names
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }
}

/// The names slots remember: in the slot when short, here when not (rare).
#[derive(Debug, Default)]
struct LongNames(foldhash::HashMap<u32, String>);

impl LongNames {
    fn is(&self, (slot, named): (u32, Option<Inline<32>>), name: &str) -> bool {
        match named {
            Some(short) => short.is(name),
            None => self.0.get(&slot).is_some_and(|long| long == name),
        }
    }

    fn set(&mut self, (slot, named): (u32, &mut Option<Inline<32>>), name: &str) {
        *named = Inline::of(name);
        if named.is_none() {
            self.0.insert(slot, name.to_string());
        } else if !self.0.is_empty() {
            self.0.remove(&slot);
        }
    }
}

/// What a thread remembers of one of its clients: one cache line, the one line of the
/// thread's clients a row reads.
#[derive(Debug)]
#[repr(align(64))]
struct SlotState {
    by_id: bool,
    /// The normalised id when it is short, for [`SlotIds`] to compare.
    short_id: Option<ShortId>,
    /// The name its last touch named it by, whose spelling is noted already (in
    /// [`Worker::long_names`] when too long to be held here).
    named: Option<Inline<32>>,
    /// The chunk that last touched it, and its touch there.
    chunk: u64,
    touch: u32,
}

/// The short id of each slot, for [`SlotIds`].
fn short_id_of(slots: &[SlotState]) -> impl Fn(u32) -> Option<ShortId> + '_ {
    |slot| slots.get(slot as usize).and_then(|state| state.short_id)
}

/// A name of rows without id, and the client it joins.
#[derive(Debug)]
struct NameJoin {
    slot: u32,
    /// Set when the name joins a client keyed by its id: the spelling that made it join,
    /// for the merger to check.
    borrowed: Option<String>,
    /// The last chunk that reported the borrowing.
    reported: u64,
}

/// A reading thread's clients and the chunk it is aggregating.
#[derive(Debug)]
pub struct Worker<'a> {
    context: Context<'a>,
    /// Normalised ids (made in place from an ASCII id, see [`ascii_key`]) to their slot.
    ids: SlotIds,
    names: foldhash::HashMap<Box<str>, NameJoin>,
    /// The spellings of its clients' names the thread noted, for joining rows without
    /// id. Made at the thread's first such row, from the spellings its chunk noted so
    /// far: a file whose rows all have an id (a million clients: 38 MiB a thread) never
    /// makes it. A row without id whose spelling an earlier chunk noted becomes a client
    /// of its own here, which merging finds by that spelling in the file's names.
    spellings: Option<TextMap<32, u32>>,
    slots: Vec<SlotState>,
    long_names: LongNames,
    chunk: u64,
    new_slots: Vec<NewSlot>,
    currency_run: CurrencyRun,
    out: ChunkAggregates,
    /// The slot found for a row's client id before the row was parsed, with its line.
    expected: Option<(u64, u32)>,
}

impl<'a> Worker<'a> {
    pub fn new(context: Context<'a>) -> Self {
        Self {
            context,
            ids: Default::default(),
            names: Default::default(),
            spellings: None,
            slots: Vec::new(),
            long_names: LongNames::default(),
            chunk: 0,
            new_slots: Vec::new(),
            currency_run: CurrencyRun::default(),
            out: ChunkAggregates::default(),
            expected: None,
        }
    }

    /// Aggregates the next chunk into lists already allocated.
    pub fn reuse(&mut self, mut aggregates: ChunkAggregates) {
        aggregates.clear();
        self.out = aggregates;
    }

    /// Ends the chunk being aggregated: its aggregates, and the clients the thread met
    /// for the first time in it (reported even if the chunk is read again row by row).
    pub fn end_chunk(&mut self) -> (ChunkAggregates, Vec<NewSlot>) {
        self.chunk += 1;
        self.currency_run.flush(&mut self.out.currency_rows);
        // A touch that named its client otherwise than last time leaves the new name.
        for touch in self.out.touches.iter().filter(|t| !t.same_name) {
            let (Some((_, start, end)), Some(state)) =
                (touch.named, self.slots.get_mut(touch.slot as usize))
            else {
                continue;
            };
            let name = self.out.names.get(start as usize..end as usize);
            let name = name.unwrap_or_default();
            self.long_names.set((touch.slot, &mut state.named), name);
        }
        (
            std::mem::take(&mut self.out),
            std::mem::take(&mut self.new_slots),
        )
    }

    fn new_slot(&mut self, key: String, by_id: bool, row: &CountedRow) -> u32 {
        let slot = self.slots.len() as u32;
        let shown = if row.client_name.is_empty() {
            row.client_id
        } else {
            row.client_name
        };
        let short_id = if by_id { Inline::of(&key) } else { None };
        self.slots.push(SlotState {
            by_id,
            short_id,
            named: None,
            chunk: u64::MAX,
            touch: NONE,
        });
        if by_id {
            self.ids
                .insert(key.as_bytes(), slot, short_id_of(&self.slots));
        }
        self.new_slots.push(NewSlot {
            slot,
            key,
            by_id,
            id: by_id.then(|| row.client_id.to_string()),
            first_name: shown.to_string(),
        });
        slot
    }

    /// The slot of a client id the thread has met.
    fn known_id(&self, client_id: &str) -> Option<u32> {
        let short_id_of = short_id_of(&self.slots);
        if let Some(id) = graphic_key(client_id.as_bytes()) {
            return self.ids.get_short(id, short_id_of);
        }
        let mut buffer = [0; 64];
        self.ids
            .get(&key_bytes(client_id, &mut buffer), short_id_of)
    }

    /// The thread's client of a row, as the file's accumulator would find it.
    fn slot_of(&mut self, row: &CountedRow) -> u32 {
        if !row.client_id.is_empty() {
            let known = match self.expected.take() {
                Some((line, slot)) if line == row.line => Some(slot),
                _ => self.known_id(row.client_id),
            };
            return match known {
                Some(slot) => slot,
                None => self.new_slot(normalize_key(row.client_id), true, row),
            };
        }
        if let Some(join) = self.names.get_mut(row.client_name) {
            if let Some(spelling) = &join.borrowed {
                if join.reported != self.chunk {
                    join.reported = self.chunk;
                    self.out.borrowed.push((spelling.clone(), join.slot));
                }
            }
            return join.slot;
        }
        let spelling = normalize_key(row.client_name);
        let noted = &self.out.spellings;
        let spellings = self.spellings.get_or_insert_with(|| {
            let mut spellings = TextMap::default();
            // The first slot to note a spelling keeps it, as in the map made from the start.
            for (spelling, slot) in noted {
                spellings.get_or_insert(spelling, *slot);
            }
            spellings
        });
        let (slot, borrowed) = match spellings.get(&spelling) {
            Some(&slot) => {
                let by_id = self.slots.get(slot as usize).is_some_and(|s| s.by_id);
                (slot, by_id.then_some(spelling))
            }
            None => (self.new_slot(spelling, false, row), None),
        };
        if let Some(spelling) = &borrowed {
            self.out.borrowed.push((spelling.clone(), slot));
        }
        let join = NameJoin {
            slot,
            borrowed,
            reported: self.chunk,
        };
        self.names.insert(row.client_name.into(), join);
        slot
    }

    /// Notes the spelling of a name of the slot's client; says whether it is the name
    /// the thread named the client by last (as its chunks ended).
    fn note_spelling(&mut self, slot: u32, name: &str) -> bool {
        let Some(state) = self.slots.get_mut(slot as usize) else {
            return false;
        };
        // Names rarely change: the one the client had last needs no second look.
        if self.long_names.is((slot, state.named), name) {
            return true;
        }
        // Most names are ASCII: their key is made and looked up without allocating.
        let mut buffer = [0; 64];
        let spelling = key_bytes(name, &mut buffer);
        let known = match &self.spellings {
            Some(spellings) => spellings.get_bytes(&spelling).is_some(),
            // Without the map a spelling is sent again when the name changes back: the
            // file keeps the first client that claimed it.
            None => false,
        };
        if !spelling.is_empty() && !known {
            // A key is text (ASCII when made in place): the fallback is never taken.
            let spelling =
                String::from_utf8(spelling.into_owned()).unwrap_or_else(|_| normalize_key(name));
            if let Some(spellings) = &mut self.spellings {
                spellings.insert(&spelling, slot);
            }
            self.out.spellings.push((spelling, slot));
        }
        false
    }

    /// The slot's touch in this chunk, made on its first row here.
    fn touch_of(&mut self, slot: u32) -> Option<u32> {
        let state = self.slots.get_mut(slot as usize)?;
        if state.chunk != self.chunk {
            state.chunk = self.chunk;
            state.touch = self.out.touches.len() as u32;
            self.out.touches.push(Touch {
                slot,
                dates: Dates::default(),
                named: None,
                last_year: NONE,
                last_day: NONE,
                same_name: false,
            });
        }
        Some(state.touch)
    }

    fn add_to_year(&mut self, touch: u32, year: Year, figures: &YearRevenue) -> Option<()> {
        let out = &mut self.out;
        let head = out.touches.get(touch as usize)?.last_year;
        let found = out.year_chain(head).find(|(_, entry)| entry.year == year);
        if let Some((index, _)) = found {
            return add_figures(&mut out.years.get_mut(index as usize)?.figures, figures);
        }
        out.years.push(YearEntry {
            year,
            figures: *figures,
            earlier: head,
        });
        out.touches.get_mut(touch as usize)?.last_year = out.years.len() as u32 - 1;
        Some(())
    }

    fn add_to_day(&mut self, touch: u32, day: &DayFigures) -> Option<()> {
        let out = &mut self.out;
        let last = out.touches.get(touch as usize)?.last_day;
        if let Some((_, kept)) = out.days.get_mut(last as usize) {
            if kept.date == day.date {
                return kept.add(day);
            }
        }
        out.days.push((touch, *day));
        out.touches.get_mut(touch as usize)?.last_day = out.days.len() as u32 - 1;
        Some(())
    }

    /// Follows the client's latest name in the chunk; says whether `name` is the name
    /// already kept (whose spelling is noted), and whether it is the latest now.
    fn name_row(&mut self, touch: u32, date: NaiveDate, name: &str) -> Option<(bool, bool)> {
        let out = &mut self.out;
        let named = out.touches.get(touch as usize)?.named;
        let kept = named.is_some_and(|(_, start, end)| {
            same_text(out.name(start, end).as_bytes(), name.as_bytes())
        });
        let range = match named {
            Some((latest, _, _)) if date < latest => return Some((kept, false)),
            Some((_, start, end)) if kept => (start, end),
            _ => {
                let start = out.names.len() as u32;
                out.names.push_str(name);
                (start, out.names.len() as u32)
            }
        };
        out.touches.get_mut(touch as usize)?.named = Some((date, range.0, range.1));
        Some((kept, true))
    }
}

impl RowSink for Worker<'_> {
    fn expect_client(&mut self, line: u64, client_id: &str) {
        self.expected = if client_id.is_empty() {
            None
        } else {
            self.known_id(client_id).map(|slot| (line, slot))
        };
    }

    fn add(&mut self, row: &CountedRow) -> Result<(), IngestError> {
        let context = self.context;
        let currency = row.currency.unwrap_or_default();
        self.currency_run
            .count(&mut self.out.currency_rows, currency);
        let (amount, converted) = convert(context.file, context.rates, context.base, row)?;
        if let Some(currency) = converted {
            if !self.out.converted.contains(currency) {
                self.out.converted.insert(currency.to_string());
            }
        }
        let slot = self.slot_of(row);
        self.out.latest = Some(self.out.latest.map_or(row.date, |d| d.max(row.date)));
        let overflow = || IngestError::Overflow {
            file: context.file.to_string(),
            line: row.line,
        };
        let touch = self.touch_of(slot).ok_or_else(overflow)?;
        let year = context.fiscal.year_of(row.date);
        let other_income = row.kind.is_other_income();
        let intermediated =
            !other_income && (row.kind == Kind::Subcontracting || !row.intermediary.is_empty());
        let pick = |yes: bool| if yes { amount } else { Money::ZERO };
        let figures = YearRevenue {
            total: amount,
            other_income: pick(other_income),
            intermediated: pick(intermediated),
            rows: 1,
        };
        self.add_to_year(touch, year, &figures)
            .ok_or_else(overflow)?;
        let recent = context.recent_from.is_none_or(|from| row.date >= from);
        if intermediated && !row.intermediary.is_empty() {
            let via = row.intermediary.to_string();
            if recent {
                let day = DayIntermediary {
                    date: row.date,
                    intermediary: via.clone(),
                    amount,
                };
                self.out.day_intermediaries.push((touch, day));
            }
            self.out.intermediaries.push((touch, via, year, amount));
        }
        self.out
            .touches
            .get_mut(touch as usize)
            .ok_or_else(overflow)?
            .dates
            .add(row.date, is_invoice(amount));
        if !row.client_name.is_empty() {
            let (kept, latest) = self
                .name_row(touch, row.date, row.client_name)
                .ok_or_else(overflow)?;
            if !kept {
                let same_name = self.note_spelling(slot, row.client_name);
                if latest {
                    let touch = self.out.touches.get_mut(touch as usize);
                    touch.ok_or_else(overflow)?.same_name = same_name;
                }
            }
        }
        if recent {
            let day = DayFigures {
                date: row.date,
                total: amount,
                other_income: figures.other_income,
                intermediated: figures.intermediated,
            };
            self.add_to_day(touch, &day).ok_or_else(overflow)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_expected_for_another_line_is_looked_up_again() {
        let context = Context {
            file: "f.csv",
            fiscal: FiscalYearStart::default(),
            rates: None,
            base: None,
            recent_from: None,
        };
        let mut worker = Worker::new(context);
        let row = |line, client_id| CountedRow {
            line,
            date: NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(),
            client_id,
            client_name: "",
            amount: Money::ONE,
            currency: None,
            kind: Kind::Service,
            intermediary: "",
            invoice_id: "",
            payment: None,
        };
        worker.expect_client(2, "A");
        worker.add(&row(2, "A")).unwrap();
        // Line 3 (client A) was rejected after its client was expected: line 4 is B's.
        worker.expect_client(3, "A");
        worker.add(&row(4, "B")).unwrap();
        worker.expect_client(5, " b ");
        worker.add(&row(5, "B")).unwrap();
        worker.add(&row(6, "a")).unwrap();
        let (aggregates, new_slots) = worker.end_chunk();
        let keys: Vec<&str> = new_slots.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        let rows: Vec<u32> = aggregates
            .touches
            .iter()
            .map(|t| aggregates.years_of(t).map(|y| y.figures.rows).sum())
            .collect();
        assert_eq!(rows, [2, 2]);
    }

    #[test]
    fn a_slot_knows_its_last_name_short_or_long() {
        let mut long_names = LongNames::default();
        let mut named = None;
        let long = "Acme Industrie et Services Réunis SARL";
        let longer = "Acme Industrie et Services Réunis SARL, Lyon";
        assert!(!long_names.is((7, named), "Acme"));
        assert!(!long_names.is((7, named), long));
        for (name, others) in [
            (long, ["Acme", longer]),
            ("Acme", [long, longer]),
            (longer, ["Acme", long]),
        ] {
            long_names.set((7, &mut named), name);
            assert!(long_names.is((7, named), name), "{name}");
            for other in others {
                assert!(!long_names.is((7, named), other), "{name} is not {other}");
                // Another slot's long name is its own.
                assert!(!long_names.is((8, None), name));
            }
        }
        long_names.set((7, &mut named), "Acme");
        assert!(
            long_names.0.is_empty(),
            "a long name no slot has is forgotten"
        );
    }
}
