//! A client's figures per year, in a vector sorted by year. A client has a handful of
//! years: a sorted vector holds them in one small allocation where a `BTreeMap` would
//! take a 700-byte node, which is most of a client's memory in a file of a million
//! clients.

use super::{Year, YearRevenue};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearMap {
    entries: Vec<(Year, YearRevenue)>,
}

impl YearMap {
    fn position(&self, year: Year) -> Result<usize, usize> {
        // Rows come mostly in date order: the year asked for is usually the last one.
        match self.entries.last() {
            Some((last, _)) if *last == year => Ok(self.entries.len() - 1),
            Some((last, _)) if *last < year => Err(self.entries.len()),
            _ => self.entries.binary_search_by_key(&year, |(y, _)| *y),
        }
    }

    pub fn get(&self, year: &Year) -> Option<&YearRevenue> {
        let index = self.position(*year).ok()?;
        self.entries.get(index).map(|(_, figures)| figures)
    }

    pub fn contains_key(&self, year: &Year) -> bool {
        self.position(*year).is_ok()
    }

    /// The year's figures, inserted as zeros if the year is new.
    pub fn or_default(&mut self, year: Year) -> &mut YearRevenue {
        let index = match self.position(year) {
            Ok(index) => index,
            Err(index) => {
                // One more year at a time: a vector that doubles would hold up to twice
                // the years a client has, for every client.
                self.entries.reserve_exact(1);
                self.entries.insert(index, (year, YearRevenue::default()));
                index
            }
        };
        // `index` was found or inserted just above: always inside the vector.
        &mut self.entries[index].1
    }

    pub fn insert(&mut self, year: Year, figures: YearRevenue) {
        *self.or_default(year) = figures;
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Years and figures, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Year, &YearRevenue)> + Clone {
        self.entries.iter().map(|(year, figures)| (year, figures))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Year> + Clone {
        self.entries.iter().map(|(year, _)| year)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &YearRevenue> + Clone {
        self.entries.iter().map(|(_, figures)| figures)
    }

    /// The years from `range.start` on.
    pub fn range(
        &self,
        range: std::ops::RangeFrom<Year>,
    ) -> impl DoubleEndedIterator<Item = (&Year, &YearRevenue)> {
        let start = self.position(range.start).unwrap_or_else(|at| at);
        self.entries
            .get(start..)
            .unwrap_or_default()
            .iter()
            .map(|(year, figures)| (year, figures))
    }
}

impl<'a> IntoIterator for &'a YearMap {
    type Item = (&'a Year, &'a YearRevenue);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Year, YearRevenue)>,
        fn(&'a (Year, YearRevenue)) -> (&'a Year, &'a YearRevenue),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(year, figures)| (year, figures))
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
            map.or_default(year).rows += 1;
        }
        let years: Vec<(Year, u64)> = map.iter().map(|(y, f)| (*y, f.rows)).collect();
        assert_eq!(years, [(2020, 2), (2021, 1), (2022, 1), (2024, 2)]);
        assert!(map.contains_key(&2021) && !map.contains_key(&2023));
        assert_eq!(map.get(&2023), None);
        let later: Vec<Year> = map.range(2021..).map(|(y, _)| *y).collect();
        assert_eq!(later, [2021, 2022, 2024]);
        assert_eq!(map.range(2023..).count(), 1);
        assert_eq!(map.range(2025..).count(), 0);
        map.insert(2021, figures(7));
        assert_eq!(map.get(&2021), Some(&figures(7)));
        assert_eq!(map.len(), 4);
        let collected: YearMap = [(2024, figures(1)), (2020, figures(2))]
            .into_iter()
            .collect();
        assert_eq!(collected.keys().copied().collect::<Vec<_>>(), [2020, 2024]);
    }
}
