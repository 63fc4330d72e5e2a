//! A client's figures per year, in a vector sorted by year. A client has a handful of
//! years: a sorted vector holds them in one small allocation where a `BTreeMap` would
//! take a 700-byte node, which is most of a client's memory in a file of a million
//! clients.
//!
//! A year's total and rows are kept for every year; its other income and intermediated
//! revenue, zero for most clients, only for the years that have some. The figures are
//! read back whole, as a [`YearRevenue`]: 24 bytes a year rather than 56, for what
//! grows with clients × years.

use super::{Money, Year, YearRevenue};

/// What every year of a client has.
#[derive(Clone, Copy, Debug)]
struct Entry {
    year: Year,
    rows: u32,
    total: Money,
}

/// The other income and intermediated revenue of a year that had some.
#[derive(Clone, Copy, Debug)]
struct Parts {
    year: Year,
    other_income: Money,
    intermediated: Money,
}

#[derive(Clone, Debug, Default)]
pub struct YearMap {
    /// A boxed slice rather than a `Vec`: 16 bytes a client where a `Vec` takes 24, and
    /// a client gains a year rarely enough to pay for its copy.
    entries: Box<[Entry]>,
    /// Sorted by year; boxed, as most clients have none.
    #[allow(clippy::box_collection)] // 8 bytes where a `Vec` takes 24, for every client
    parts: Option<Box<Vec<Parts>>>,
}

impl YearMap {
    fn position(&self, year: Year) -> Result<usize, usize> {
        // Rows come mostly in date order: the year asked for is usually the last one.
        match self.entries.last() {
            Some(last) if last.year == year => Ok(self.entries.len() - 1),
            Some(last) if last.year < year => Err(self.entries.len()),
            _ => self.entries.binary_search_by_key(&year, |e| e.year),
        }
    }

    fn parts_of(&self, year: Year) -> Option<&Parts> {
        let parts = self.parts.as_deref()?;
        let index = parts.binary_search_by_key(&year, |p| p.year).ok()?;
        parts.get(index)
    }

    fn figures(&self, entry: &Entry) -> YearRevenue {
        let parts = self.parts_of(entry.year);
        YearRevenue {
            total: entry.total,
            other_income: parts.map_or(Money::ZERO, |p| p.other_income),
            intermediated: parts.map_or(Money::ZERO, |p| p.intermediated),
            rows: entry.rows,
        }
    }

    pub fn get(&self, year: &Year) -> Option<YearRevenue> {
        let index = self.position(*year).ok()?;
        self.entries.get(index).map(|entry| self.figures(entry))
    }

    /// A year's total alone: what most questions about a year ask, without building
    /// its other figures.
    pub fn total(&self, year: Year) -> Option<Money> {
        let index = self.position(year).ok()?;
        self.entries.get(index).map(|entry| entry.total)
    }

    pub fn contains_key(&self, year: &Year) -> bool {
        self.position(*year).is_ok()
    }

    /// Changes a year's figures, from zeros if the year is new; `None` when `change`
    /// says so (an overflow), the year then left as it was.
    pub fn update(
        &mut self,
        year: Year,
        change: impl FnOnce(&mut YearRevenue) -> Option<()>,
    ) -> Option<()> {
        let found = self.position(year);
        let mut figures = match found {
            Ok(index) => self.figures(self.entries.get(index)?),
            Err(_) => YearRevenue::default(),
        };
        change(&mut figures)?;
        self.store(year, found, &figures);
        Some(())
    }

    pub fn insert(&mut self, year: Year, figures: YearRevenue) {
        self.store(year, self.position(year), &figures);
    }

    fn store(&mut self, year: Year, found: Result<usize, usize>, figures: &YearRevenue) {
        let entry = Entry {
            year,
            rows: figures.rows,
            total: figures.total,
        };
        match found {
            Ok(index) => {
                if let Some(kept) = self.entries.get_mut(index) {
                    *kept = entry;
                }
            }
            Err(index) => {
                // One more year at a time: a vector that doubles would hold up to twice
                // the years a client has, for every client.
                let mut entries = std::mem::take(&mut self.entries).into_vec();
                entries.reserve_exact(1);
                entries.insert(index.min(entries.len()), entry);
                self.entries = entries.into_boxed_slice();
            }
        }
        let has_parts = !(figures.other_income.is_zero() && figures.intermediated.is_zero());
        let parts = Parts {
            year,
            other_income: figures.other_income,
            intermediated: figures.intermediated,
        };
        // A year's parts are kept once they exist, zero or not, so that they read back
        // exactly as they were added (a sum back to zero keeps its scale).
        match self.parts.as_deref_mut() {
            Some(list) => match list.binary_search_by_key(&year, |p| p.year) {
                Ok(index) => {
                    if let Some(kept) = list.get_mut(index) {
                        *kept = parts;
                    }
                }
                Err(index) if has_parts => list.insert(index, parts),
                Err(_) => {}
            },
            None if has_parts => self.parts = Some(Box::new(vec![parts])),
            None => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Years and figures, oldest first.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            map: self,
            entries: self.entries.iter(),
        }
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = Year> + Clone + '_ {
        self.entries.iter().map(|e| e.year)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = YearRevenue> + Clone + '_ {
        self.iter().map(|(_, figures)| figures)
    }

    /// The years from `range.start` on.
    pub fn range(&self, range: std::ops::RangeFrom<Year>) -> Iter<'_> {
        let start = self.position(range.start).unwrap_or_else(|at| at);
        Iter {
            map: self,
            entries: self.entries.get(start..).unwrap_or_default().iter(),
        }
    }
}

/// Years and their figures, oldest first, each read back whole.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    map: &'a YearMap,
    entries: std::slice::Iter<'a, Entry>,
}

impl Iterator for Iter<'_> {
    type Item = (Year, YearRevenue);

    fn next(&mut self) -> Option<Self::Item> {
        let entry = self.entries.next()?;
        Some((entry.year, self.map.figures(entry)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let entry = self.entries.next_back()?;
        Some((entry.year, self.map.figures(entry)))
    }
}

/// Equal when every year reads back the same figures, however they are held.
impl PartialEq for YearMap {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for YearMap {}

impl<'a> IntoIterator for &'a YearMap {
    type Item = (Year, YearRevenue);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<(Year, YearRevenue)> for YearMap {
    fn from_iter<I: IntoIterator<Item = (Year, YearRevenue)>>(iter: I) -> Self {
        let mut map = YearMap::default();
        for (year, figures) in iter {
            map.insert(year, figures);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(total: i64) -> YearRevenue {
        YearRevenue {
            total: total.into(),
            rows: 1,
            ..YearRevenue::default()
        }
    }

    #[test]
    fn years_stay_sorted_whatever_the_order_they_come_in() {
        let mut map = YearMap::default();
        for year in [2022, 2020, 2024, 2021, 2024, 2020] {
            map.update(year, |f| {
                f.rows += 1;
                Some(())
            })
            .unwrap();
        }
        let years: Vec<(Year, u32)> = map.iter().map(|(y, f)| (y, f.rows)).collect();
        assert_eq!(years, [(2020, 2), (2021, 1), (2022, 1), (2024, 2)]);
        assert!(map.contains_key(&2021) && !map.contains_key(&2023));
        assert_eq!(map.get(&2023), None);
        let later: Vec<Year> = map.range(2021..).map(|(y, _)| y).collect();
        assert_eq!(later, [2021, 2022, 2024]);
        assert_eq!(map.range(2023..).count(), 1);
        assert_eq!(map.range(2025..).count(), 0);
        map.insert(2021, figures(7));
        assert_eq!(map.get(&2021), Some(figures(7)));
        assert_eq!(map.len(), 4);
        let collected: YearMap = [(2024, figures(1)), (2020, figures(2))]
            .into_iter()
            .collect();
        assert_eq!(collected.keys().collect::<Vec<_>>(), [2020, 2024]);
    }

    #[test]
    fn parts_read_back_as_added_and_only_on_their_year() {
        let mut map = YearMap::default();
        let with_parts = |other: &str, via: &str| YearRevenue {
            total: "100".parse().unwrap(),
            other_income: other.parse().unwrap(),
            intermediated: via.parse().unwrap(),
            rows: 3,
        };
        map.insert(2023, figures(5));
        map.insert(2024, with_parts("10.50", "0"));
        map.insert(2022, with_parts("0", "-2.25"));
        assert_eq!(map.get(&2023), Some(figures(5)));
        assert_eq!(map.get(&2024), Some(with_parts("10.50", "0")));
        assert_eq!(map.get(&2022), Some(with_parts("0", "-2.25")));
        // Back to zero: the sum keeps its scale, as a plain year's figures would.
        map.update(2024, |f| {
            f.other_income -= Money::new(1050, 2);
            Some(())
        })
        .unwrap();
        let back = map.get(&2024).unwrap();
        assert_eq!(
            (back.other_income, back.other_income.scale()),
            (Money::ZERO, 2)
        );
        // A failed change leaves the year as it was.
        assert_eq!(
            map.update(2023, |f| {
                f.total = Money::MAX;
                None
            }),
            None
        );
        assert_eq!(map.get(&2023), Some(figures(5)));
        let years: Vec<Year> = map.keys().collect();
        assert_eq!(years, [2022, 2023, 2024]);
        let plain: YearMap = map.iter().collect();
        assert_eq!(plain, map);
    }
}
