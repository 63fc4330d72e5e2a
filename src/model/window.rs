//! The date a report is as of, decided once when the invoices are read, with the days
//! the reading kept in detail. The analysis takes its as-of date from here, never from
//! elsewhere, so every window it sums day by day (at most the 24 months ending at that
//! date) is one the reading kept: the two cannot disagree.

use chrono::NaiveDate;

use super::daily_detail_start;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportWindow {
    as_of: Option<NaiveDate>,
    /// The first day of the clients' daily detail; `None` when it holds every day.
    kept_from: Option<NaiveDate>,
}

impl ReportWindow {
    /// The window of data that holds every day in detail (built by hand, or read
    /// without dropping any), as of `as_of`.
    pub fn every_day(as_of: Option<NaiveDate>) -> Self {
        Self {
            as_of,
            kept_from: None,
        }
    }

    /// The window of a reading as of `as_of` (`--as-of`, else the latest date read)
    /// that kept the days from `kept_from` on; `None` when those days miss some the
    /// date's windows need, which the reading never does (it keeps exactly the 24
    /// months ending at that date).
    pub(crate) fn read(as_of: Option<NaiveDate>, kept_from: Option<NaiveDate>) -> Option<Self> {
        let needed = as_of.and_then(daily_detail_start);
        match (kept_from, needed) {
            (Some(kept), Some(needed)) if kept > needed => None,
            // A date too early for its windows to be dated needs none.
            _ => Some(Self { as_of, kept_from }),
        }
    }

    /// The date the report is as of; `None` when nothing was read.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// The first day of the clients' daily detail; `None` when it holds every day.
    pub fn kept_from(&self) -> Option<NaiveDate> {
        self.kept_from
    }

    /// The same days, as of a later date (a `--by` summary compares every group as of
    /// the latest date of all): that date's windows are later still, so within the days
    /// kept. An earlier date changes nothing.
    pub fn as_of_later(self, date: NaiveDate) -> Self {
        Self {
            as_of: Some(self.as_of.map_or(date, |as_of| as_of.max(date))),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_reading_keeps_the_days_its_as_of_date_needs_or_is_refused() {
        let as_of = date(2024, 11, 30);
        // The 24 months ending on 2024-11-30 start on 2022-12-01.
        let kept = ReportWindow::read(Some(as_of), Some(date(2022, 12, 1))).unwrap();
        assert_eq!(kept.as_of(), Some(as_of));
        assert_eq!(kept.kept_from(), Some(date(2022, 12, 1)));
        assert!(ReportWindow::read(Some(as_of), Some(date(2022, 11, 1))).is_some());
        assert_eq!(
            ReportWindow::read(Some(as_of), Some(date(2022, 12, 2))),
            None
        );
        assert!(ReportWindow::read(None, Some(date(2022, 12, 2))).is_some());
        assert!(ReportWindow::read(Some(as_of), None).is_some());
    }

    #[test]
    fn a_later_date_keeps_the_days_and_an_earlier_one_changes_nothing() {
        let read = ReportWindow::read(Some(date(2024, 6, 30)), Some(date(2022, 7, 1))).unwrap();
        let later = read.as_of_later(date(2024, 11, 30));
        assert_eq!(later.as_of(), Some(date(2024, 11, 30)));
        assert_eq!(later.kept_from(), Some(date(2022, 7, 1)));
        assert_eq!(read.as_of_later(date(2023, 1, 1)), read);
        assert_eq!(
            ReportWindow::default()
                .as_of_later(date(2024, 1, 1))
                .as_of(),
            Some(date(2024, 1, 1))
        );
    }
}
