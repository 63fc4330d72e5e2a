//! The order of every list of clients: revenue, largest first, then name.
//!
//! Sorting a million clients by name read each name through its pointer, a cache miss
//! per comparison: a third of a million-client analysis. The key keeps the first
//! sixteen bytes of the name beside the revenue, so whole names are read only when
//! those tie.

use std::cmp::Reverse;

use crate::model::Money;

/// Compares as `(Reverse(revenue), name)` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RevenueOrder<'a> {
    revenue: Reverse<Money>,
    /// The name's first bytes, big-endian and padded with zeros: when two prefixes
    /// differ, they order as the names do (a zero sorts before every other byte, as
    /// the end of a shorter name does).
    prefix: u128,
    name: &'a str,
}

impl<'a> RevenueOrder<'a> {
    pub fn new(revenue: Money, name: &'a str) -> Self {
        let mut prefix = [0_u8; 16];
        for (to, from) in prefix.iter_mut().zip(name.bytes()) {
            *to = from;
        }
        Self {
            revenue: Reverse(revenue),
            prefix: u128::from_be_bytes(prefix),
            name,
        }
    }
}

/// Sorts by revenue, largest first, then name; items that tie keep their order.
pub fn sort_by_revenue<'a, T>(items: &mut [T], key: impl Fn(&T) -> (Money, &'a str)) {
    // Each key is made once and sits beside its item's index while they are sorted.
    items.sort_by_cached_key(|item| {
        let (revenue, name) = key(item);
        RevenueOrder::new(revenue, name)
    });
}

/// The first `count` items in [`sort_by_revenue`]'s order, without sorting the others:
/// a year's ten largest clients among a million.
pub fn largest_by_revenue<'a, T>(
    items: &'a [T],
    count: usize,
    key: impl Fn(&'a T) -> (Money, &'a str),
) -> Vec<&'a T> {
    // The index breaks ties, so the selection is the stable sort's first items.
    let mut keyed: Vec<(RevenueOrder, usize)> = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let (revenue, name) = key(item);
            (RevenueOrder::new(revenue, name), index)
        })
        .collect();
    if count < keyed.len() {
        keyed.select_nth_unstable(count);
        keyed.truncate(count);
    }
    keyed.sort_unstable();
    keyed
        .into_iter()
        .filter_map(|(_, index)| items.get(index))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testdata::dec;
    use proptest::prelude::*;

    #[test]
    fn largest_revenue_first_then_name_then_input_order() {
        let mut items = vec![
            ("Bolt", "10", 0),
            ("Acme", "20", 1),
            ("Acme", "10", 2),
            ("Bolt", "10.00", 3),
            ("Cove", "-5", 4),
        ];
        sort_by_revenue(&mut items, |(name, revenue, _)| (dec(revenue), name));
        let order: Vec<usize> = items.iter().map(|(_, _, i)| *i).collect();
        assert_eq!(order, [1, 2, 0, 3, 4]);
    }

    #[test]
    fn names_past_sixteen_bytes_and_shorter_names_order_by_their_bytes() {
        let long = "Dupont Conseil SARL 10";
        let longer = "Dupont Conseil SARL 9";
        let prefix_only = "Dupont Conseil S";
        let with_zero = "Dupont Conseil S\0";
        let mut names = vec![long, with_zero, longer, prefix_only, "Dupont"];
        sort_by_revenue(&mut names, |name| (Money::ONE, name));
        assert_eq!(names, ["Dupont", prefix_only, with_zero, long, longer]);
    }

    /// Generated names and cents as (name, revenue, input position).
    fn priced(items: &[(String, i64)]) -> Vec<(&str, Money, usize)> {
        items
            .iter()
            .enumerate()
            .map(|(i, (name, cents))| (name.as_str(), Money::new(*cents, 2), i))
            .collect()
    }

    proptest! {
        #[test]
        fn the_order_is_a_stable_sort_by_reverse_revenue_then_name(
            items in proptest::collection::vec(("[a-c\u{e9}\u{0}]{0,20}", -3_i64..3), 0..60),
        ) {
            let items = priced(&items);
            let mut expected = items.clone();
            expected.sort_by(|a, b| (Reverse(a.1), a.0).cmp(&(Reverse(b.1), b.0)));
            let mut sorted = items;
            sort_by_revenue(&mut sorted, |(name, revenue, _)| (*revenue, *name));
            prop_assert_eq!(sorted, expected);
        }

        #[test]
        fn the_largest_are_the_first_of_the_order(
            items in proptest::collection::vec(("[a-c\u{0}]{0,18}", -3_i64..3), 0..60),
            count in 0_usize..70,
        ) {
            let items = priced(&items);
            let mut sorted = items.clone();
            sort_by_revenue(&mut sorted, |(name, revenue, _)| (*revenue, *name));
            let largest = largest_by_revenue(&items, count, |(name, revenue, _)| (*revenue, *name));
            let expected: Vec<&(&str, Money, usize)> = sorted.iter().take(count).collect();
            prop_assert_eq!(largest, expected);
        }
    }
}
