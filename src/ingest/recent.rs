//! The daily detail kept beside the yearly aggregates: only the days a trailing window
//! can reach (the twelve months before the as-of date, and the same period a year
//! earlier), so memory follows the last two years, not the whole history.

use chrono::NaiveDate;

use crate::model::{sort_and_merge, Client, DayIntermediary, DayParts, FiscalYearStart, Money};

/// From which day rows are kept day by day: the start of the fiscal year before the
/// as-of date's. Without an as-of date it follows the latest date read so far.
#[derive(Clone, Copy, Debug)]
pub struct RecentWindow {
    fiscal: FiscalYearStart,
    fixed: bool,
    pub from: Option<NaiveDate>,
}

impl RecentWindow {
    pub fn new(fiscal: FiscalYearStart, as_of: Option<NaiveDate>) -> Self {
        Self {
            fiscal,
            fixed: as_of.is_some(),
            from: as_of.and_then(|d| Self::start_for(fiscal, d)),
        }
    }

    fn start_for(fiscal: FiscalYearStart, date: NaiveDate) -> Option<NaiveDate> {
        fiscal.first_day(fiscal.year_of(date) - 1)
    }

    /// Follows a newly read date; true when the window moved and older days can go.
    pub fn follow(&mut self, date: NaiveDate) -> bool {
        if self.fixed {
            return false;
        }
        let start = Self::start_for(self.fiscal, date);
        if start > self.from {
            self.from = start;
            return true;
        }
        false
    }

    /// Whether the window is the as-of date's, given before reading.
    pub fn is_fixed(&self) -> bool {
        self.fixed
    }

    /// Whether a row of this date is kept day by day. Before the first row, nothing is
    /// known yet, and the first row always sets the window.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from)
    }
}

/// One counted row's share of the daily detail.
pub struct DayRow<'a> {
    pub date: NaiveDate,
    pub amount: Money,
    pub other_income: bool,
    pub intermediated: bool,
    pub intermediary: &'a str,
}

/// A day's revenue and its other-income and intermediated parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayFigures {
    pub date: NaiveDate,
    pub total: Money,
    pub other_income: Money,
    pub intermediated: Money,
}

impl DayFigures {
    /// Adds another day's figures; `None` on overflow.
    pub fn add(&mut self, other: &DayFigures) -> Option<()> {
        self.total = self.total.checked_add(other.total)?;
        self.other_income = self.other_income.checked_add(other.other_income)?;
        self.intermediated = self.intermediated.checked_add(other.intermediated)?;
        Some(())
    }
}

/// Adds a day's figures to the client's daily detail, merging them into its last day
/// when the date is the same; `None` on overflow.
pub fn add_day(client: &mut Client, day: &DayFigures) -> Option<()> {
    client.recent.add(day.date, day.total)?;
    if day.other_income.is_zero() && day.intermediated.is_zero() {
        return Some(());
    }
    let recent_parts = &mut client.parts.get_mut().recent_parts;
    match recent_parts.last_mut() {
        Some(last) if last.date == day.date => {
            last.other_income = last.other_income.checked_add(day.other_income)?;
            last.intermediated = last.intermediated.checked_add(day.intermediated)?;
        }
        _ => recent_parts.push(DayParts {
            date: day.date,
            other_income: day.other_income,
            intermediated: day.intermediated,
        }),
    }
    Some(())
}

/// Adds a row to the client's daily detail; `None` on overflow.
pub fn record(client: &mut Client, row: &DayRow) -> Option<()> {
    let part = |yes: bool| if yes { row.amount } else { Money::ZERO };
    let day = DayFigures {
        date: row.date,
        total: row.amount,
        other_income: part(row.other_income),
        intermediated: part(row.intermediated),
    };
    add_day(client, &day)?;
    if row.intermediated && !row.intermediary.is_empty() {
        client
            .parts
            .get_mut()
            .recent_intermediaries
            .push(DayIntermediary {
                date: row.date,
                intermediary: row.intermediary.to_string(),
                amount: row.amount,
            });
    }
    Some(())
}

/// Drops the days before `from`.
pub fn prune(clients: &mut [Client], from: NaiveDate) {
    for client in clients {
        client.recent.retain_from(from);
        if let Some(parts) = client.parts.made_mut() {
            parts.recent_parts.retain(|d| d.date >= from);
            parts.recent_intermediaries.retain(|d| d.date >= from);
        }
    }
}

/// Sorts a client's days and merges repeated ones (rows out of date order); `None` on
/// overflow.
pub fn settle(client: &mut Client) -> Option<()> {
    client.recent.settle()?;
    let Some(parts) = client.parts.made_mut() else {
        return Some(());
    };
    sort_and_merge(
        &mut parts.recent_parts,
        |d| d.date,
        |last, day| {
            last.other_income = last.other_income.checked_add(day.other_income)?;
            last.intermediated = last.intermediated.checked_add(day.intermediated)?;
            Some(())
        },
    )?;
    parts.recent_intermediaries.sort_by_key(|d| d.date);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn window_starts_a_fiscal_year_before_the_reference_date() {
        let calendar = FiscalYearStart::default();
        let fixed = RecentWindow::new(calendar, Some(date(2024, 3, 10)));
        assert_eq!(fixed.from, Some(date(2023, 1, 1)));
        let mut moving = RecentWindow::new(calendar, None);
        assert!(moving.covers(date(1999, 1, 1)));
        assert!(moving.follow(date(2022, 6, 1)));
        assert!(!moving.follow(date(2022, 12, 31)));
        assert!(!moving.follow(date(2020, 1, 1)), "never moves back");
        assert!(moving.follow(date(2023, 1, 1)));
        assert_eq!(moving.from, Some(date(2022, 1, 1)));
        let april = FiscalYearStart::new(4, 1).unwrap();
        let window = RecentWindow::new(april, Some(date(2024, 3, 10)));
        assert_eq!(window.from, Some(date(2022, 4, 1)));
    }

    #[test]
    fn days_merge_and_sort() {
        let mut client = Client::default();
        let row = |d, amount: i64, intermediary| DayRow {
            date: d,
            amount: Money::from(amount),
            other_income: false,
            intermediated: intermediary != 0,
            intermediary: if intermediary == 0 { "" } else { "Malt" },
        };
        record(&mut client, &row(date(2024, 2, 1), 100, 0)).unwrap();
        record(&mut client, &row(date(2024, 2, 1), 50, 1)).unwrap();
        record(&mut client, &row(date(2024, 1, 1), 10, 0)).unwrap();
        record(&mut client, &row(date(2024, 2, 1), 5, 0)).unwrap();
        settle(&mut client).unwrap();
        let days = client.recent.days().unwrap();
        assert_eq!(
            days,
            [
                (date(2024, 1, 1), Money::from(10)),
                (date(2024, 2, 1), Money::from(155)),
            ]
        );
        let parts: Vec<(NaiveDate, Money)> = client
            .parts
            .get()
            .recent_parts
            .iter()
            .map(|d| (d.date, d.intermediated))
            .collect();
        assert_eq!(parts, [(date(2024, 2, 1), Money::from(50))]);
        assert_eq!(client.parts.get().recent_intermediaries.len(), 1);
        prune(std::slice::from_mut(&mut client), date(2024, 2, 15));
        assert!(client.recent.is_empty() && client.parts.get().recent_parts.is_empty());
    }
}
