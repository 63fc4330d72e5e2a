//! What only some clients have: revenue through named intermediaries, the days with
//! other income or intermediated revenue, a clients-file profile, a payment record.
//! Boxed, and absent until a row needs it: a file of a million clients would otherwise
//! carry them, empty, for every client.

use std::collections::BTreeMap;
use std::fmt;

use super::{ClientPayments, ClientProfile, DayIntermediary, DayParts, Money, Year};

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

/// What only some clients have, in one box made on first use: the parts of its revenue,
/// its clients-file profile and its payment record. One box is 8 bytes a client where
/// three took 24, for a file of a million clients most of which have none. Absent and
/// empty parts read alike, for comparing and printing too.
#[derive(Clone, Default)]
pub struct Extras(Option<Box<ClientExtras>>);

#[derive(Clone, Default)]
struct ClientExtras {
    parts: Option<Box<ClientParts>>,
    profile: Option<Box<ClientProfile>>,
    payments: Option<Box<ClientPayments>>,
}

impl Extras {
    fn made(&mut self) -> &mut ClientExtras {
        self.0.get_or_insert_with(Default::default)
    }

    pub fn parts(&self) -> &ClientParts {
        self.0
            .as_ref()
            .and_then(|e| e.parts.as_deref())
            .unwrap_or(&NO_PARTS)
    }

    pub fn parts_mut(&mut self) -> &mut ClientParts {
        self.made().parts.get_or_insert_with(Default::default)
    }

    /// The parts, only if some were made: changing none needs no allocation.
    pub fn made_parts_mut(&mut self) -> Option<&mut ClientParts> {
        self.0.as_mut()?.parts.as_deref_mut()
    }

    /// What the clients file says about the client, when it does.
    pub fn profile(&self) -> Option<&ClientProfile> {
        self.0.as_ref()?.profile.as_deref()
    }

    pub fn profile_mut(&mut self) -> Option<&mut ClientProfile> {
        self.0.as_mut()?.profile.as_deref_mut()
    }

    pub fn set_profile(&mut self, profile: ClientProfile) {
        self.made().profile = Some(Box::new(profile));
    }

    /// What its invoices say about payment, when the file has payment columns.
    pub fn payments(&self) -> Option<&ClientPayments> {
        self.0.as_ref()?.payments.as_deref()
    }

    pub fn payments_mut(&mut self) -> Option<&mut ClientPayments> {
        self.0.as_mut()?.payments.as_deref_mut()
    }

    /// The payment record, made empty if there is none yet.
    pub fn payments_or_new(&mut self) -> &mut ClientPayments {
        self.made().payments.get_or_insert_with(Default::default)
    }

    pub fn set_payments(&mut self, payments: ClientPayments) {
        self.made().payments = Some(Box::new(payments));
    }
}

impl From<ClientProfile> for Extras {
    fn from(profile: ClientProfile) -> Self {
        let mut extras = Extras::default();
        extras.set_profile(profile);
        extras
    }
}

impl From<ClientPayments> for Extras {
    fn from(payments: ClientPayments) -> Self {
        let mut extras = Extras::default();
        extras.set_payments(payments);
        extras
    }
}

impl PartialEq for Extras {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
            && self.profile() == other.profile()
            && self.payments() == other.payments()
    }
}

impl Eq for Extras {}

impl fmt::Debug for Extras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extras")
            .field("parts", self.parts())
            .field("profile", &self.profile())
            .field("payments", &self.payments())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_parts_read_as_empty_ones() {
        let mut made = Extras::default();
        assert!(made.made_parts_mut().is_none());
        made.parts_mut();
        assert_eq!(made, Extras::default());
        assert_eq!(format!("{made:?}"), format!("{:?}", Extras::default()));
        made.parts_mut()
            .intermediaries
            .insert(("Malt".into(), 2024), Money::ONE);
        assert_ne!(made, Extras::default());
        assert!(!made.parts().is_empty() && Extras::default().parts().is_empty());
    }
}
