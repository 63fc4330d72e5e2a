//! What only some clients have: revenue through named intermediaries, and the days with
//! other income or intermediated revenue. Boxed, and absent until a row needs it: a
//! file of a million clients would otherwise carry three empty collections per client,
//! about a third of a client's size.

use std::collections::BTreeMap;
use std::fmt;

use super::{DayIntermediary, DayParts, Money, Year};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientParts {
    /// Revenue per intermediary (the row's `intermediary` value), per year, other
    /// income excepted.
    pub intermediaries: BTreeMap<(String, Year), Money>,
    /// The days of the daily detail with other income or intermediated revenue, and
    /// those parts.
    pub recent_parts: Vec<DayParts>,
    /// Revenue per named intermediary per day, over the daily detail's days.
    pub recent_intermediaries: Vec<DayIntermediary>,
}

static NO_PARTS: ClientParts = ClientParts {
    intermediaries: BTreeMap::new(),
    recent_parts: Vec::new(),
    recent_intermediaries: Vec::new(),
};

impl ClientParts {
    pub fn is_empty(&self) -> bool {
        self.intermediaries.is_empty()
            && self.recent_parts.is_empty()
            && self.recent_intermediaries.is_empty()
    }
}

/// A client's [`ClientParts`], made on first use. Absent and empty read alike, for
/// comparing and printing too.
#[derive(Clone, Default)]
pub struct Parts(Option<Box<ClientParts>>);

impl Parts {
    pub fn get(&self) -> &ClientParts {
        self.0.as_deref().unwrap_or(&NO_PARTS)
    }

    pub fn get_mut(&mut self) -> &mut ClientParts {
        self.0.get_or_insert_with(Default::default)
    }

    /// The parts, only if some were made: changing none needs no allocation.
    pub fn made_mut(&mut self) -> Option<&mut ClientParts> {
        self.0.as_deref_mut()
    }
}

impl PartialEq for Parts {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Parts {}

impl fmt::Debug for Parts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_parts_read_as_empty_ones() {
        let mut made = Parts::default();
        assert!(made.made_mut().is_none());
        made.get_mut();
        assert_eq!(made, Parts::default());
        assert_eq!(format!("{made:?}"), format!("{:?}", Parts::default()));
        made.get_mut()
            .intermediaries
            .insert(("Malt".into(), 2024), Money::ONE);
        assert_ne!(made, Parts::default());
        assert!(!made.get().is_empty() && Parts::default().get().is_empty());
    }
}
