//! A reading thread's index from client ids to their slot, looked up on every row.
//!
//! A map holding the ids themselves takes 20 bytes an entry: 1.3 MiB for 50,000
//! clients, past a core's cache, so that nearly every row waited on memory for it. This
//! table holds only slot numbers (4 bytes an entry, 256 KiB for 50,000 clients) and
//! compares the id kept in the slot's own state, which the row reads next anyway.

use std::hash::BuildHasher;

use crate::ingest::aggregate::inline::Inline;

/// Ids short enough to be held in a slot's state.
pub type ShortId = Inline<16>;

#[derive(Debug)]
pub struct SlotIds {
    short: hashbrown::HashTable<u32>,
    long: foldhash::HashMap<Box<[u8]>, u32>,
    hasher: foldhash::fast::FixedState,
}

impl Default for SlotIds {
    fn default() -> Self {
        Self {
            short: hashbrown::HashTable::new(),
            long: Default::default(),
            hasher: foldhash::fast::FixedState::with_seed(0x1d5),
        }
    }
}

impl SlotIds {
    fn hash(&self, id: &ShortId) -> u64 {
        self.hasher.hash_one(id)
    }

    /// The slot of a normalised id; `short_id_of` gives a slot's short id.
    #[inline]
    pub fn get(&self, key: &[u8], short_id_of: impl Fn(u32) -> Option<ShortId>) -> Option<u32> {
        match Inline::of_bytes(key) {
            Some(id) => self.get_short(id, short_id_of),
            None => self.long.get(key).copied(),
        }
    }

    /// The slot of a normalised id already in its short form.
    #[inline]
    pub fn get_short(
        &self,
        id: ShortId,
        short_id_of: impl Fn(u32) -> Option<ShortId>,
    ) -> Option<u32> {
        self.short
            .find(self.hash(&id), |&slot| short_id_of(slot) == Some(id))
            .copied()
    }

    /// Adds a normalised id not in the index yet; its short form, if it has one, must
    /// be what `short_id_of` gives for `slot` from now on.
    pub fn insert(&mut self, key: &[u8], slot: u32, short_id_of: impl Fn(u32) -> Option<ShortId>) {
        match Inline::of_bytes(key) {
            Some(id) => {
                let hash = self.hash(&id);
                let Self { short, hasher, .. } = self;
                // Growing rehashes the ids already in, read back from their slots: every
                // slot in this table was inserted with its short id, so none gives `None`.
                let rehash = |&other: &u32| {
                    short_id_of(other).map_or(0, |other_id| hasher.hash_one(other_id))
                };
                short.insert_unique(hash, slot, rehash);
            }
            None => {
                self.long.insert(key.into(), slot);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_short_and_long_find_their_slot_through_the_slots_ids() {
        let ids: Vec<String> = (0..5_000)
            .map(|n| match n % 3 {
                0 => format!("c{n}"),
                1 => format!("a-long-client-identifier-{n}"),
                _ => format!("{n:015}"),
            })
            .collect();
        let short_ids: Vec<Option<ShortId>> = ids.iter().map(|id| Inline::of(id)).collect();
        let short_id_of = |slot: u32| short_ids.get(slot as usize).copied().flatten();
        let mut index = SlotIds::default();
        for (slot, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id.as_bytes(), short_id_of), None, "{id}");
            index.insert(id.as_bytes(), slot as u32, short_id_of);
        }
        for (slot, id) in ids.iter().enumerate() {
            assert_eq!(
                index.get(id.as_bytes(), short_id_of),
                Some(slot as u32),
                "{id}"
            );
        }
        for absent in [
            "c1",
            "",
            "c0 ",
            "a-long-client-identifier-0x",
            "0000000000000001",
        ] {
            assert_eq!(index.get(absent.as_bytes(), short_id_of), None, "{absent}");
        }
        // 15 bytes is short, 16 is long.
        assert!(short_id_of(2).is_some());
        assert!(short_id_of(1).is_none());
    }
}
