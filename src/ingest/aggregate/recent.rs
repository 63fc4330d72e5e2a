//! The daily detail kept beside the yearly aggregates: only the days of the 24 months
//! ending at the as-of date, the windows the analysis sums day by day (the trailing
//! twelve months, and the twelve before them for the clients at risk), so memory
//! follows the last two years, not the whole history.

use chrono::NaiveDate;

use crate::model::{
    daily_detail_start, money, sort_and_merge, Client, DayIntermediary, DayParts, Money,
};

/// From which day rows are kept day by day: the start of the 24 months ending at the
/// as-of date. Without an as-of date it follows the latest date read so far.
#[derive(Clone, Copy, Debug)]
pub struct RecentWindow {
    /// The as-of date given before reading: the window is then fixed.
    pub as_of: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    /// The latest date followed: an earlier or equal one moves nothing.
    followed: Option<NaiveDate>,
    /// Where the window started when the days it left were last dropped.
    pruned_from: Option<NaiveDate>,
}

/// Days the window moves on before the days it left are dropped: it moves with nearly
/// every later date of a file in date order, and dropping days visits every client.
const PRUNE_AFTER_DAYS: i64 = 31;

impl RecentWindow {
    pub fn new(as_of: Option<NaiveDate>) -> Self {
        let from = as_of.and_then(daily_detail_start);
        Self {
            as_of,
            from,
            followed: None,
            pruned_from: from,
        }
    }

    /// Follows a newly read date; true when the window moved far enough since the
    /// last time older days were dropped that they should be dropped now (the caller
    /// then does, see [`prune`]). [`settle`] drops the rest at the end.
    pub fn follow(&mut self, date: NaiveDate) -> bool {
        if self.as_of.is_some() || Some(date) <= self.followed {
            return false;
        }
        self.followed = Some(date);
        let start = daily_detail_start(date);
        if start <= self.from {
            return false;
        }
        self.from = start;
        let due = match (start, self.pruned_from) {
            (Some(start), Some(pruned)) => (start - pruned).num_days() >= PRUNE_AFTER_DAYS,
            _ => true,
        };
        if due {
            self.pruned_from = start;
        }
        due
    }

    /// Whether the window is the as-of date's, given before reading.
    pub fn is_fixed(&self) -> bool {
        self.as_of.is_some()
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
        self.total = money::add(self.total, other.total)?;
        self.other_income = money::add(self.other_income, other.other_income)?;
        self.intermediated = money::add(self.intermediated, other.intermediated)?;
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
    let recent_parts = &mut client.extras.parts_mut().recent_parts;
    match recent_parts.last_mut() {
        Some(last) if last.date == day.date => {
            last.other_income = money::add(last.other_income, day.other_income)?;
            last.intermediated = money::add(last.intermediated, day.intermediated)?;
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
            .extras
            .parts_mut()
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
        if let Some(parts) = client.extras.made_parts_mut() {
            parts.recent_parts.retain(|d| d.date >= from);
            parts.recent_intermediaries.retain(|d| d.date >= from);
        }
    }
}

/// Drops the days before `from` (the window's start at the end of reading), sorts the
/// client's days and merges repeated ones (rows out of date order); `None` on overflow.
pub fn settle(client: &mut Client, from: Option<NaiveDate>) -> Option<()> {
    if let Some(from) = from {
        prune(std::slice::from_mut(client), from);
    }
    client.recent.settle()?;
    let Some(parts) = client.extras.made_parts_mut() else {
        return Some(());
    };
    sort_and_merge(
        &mut parts.recent_parts,
        |d| d.date,
        |last, day| {
            last.other_income = money::add(last.other_income, day.other_income)?;
            last.intermediated = money::add(last.intermediated, day.intermediated)?;
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
    fn window_holds_the_24_months_ending_at_the_reference_date() {
        let fixed = RecentWindow::new(Some(date(2024, 3, 10)));
        assert_eq!(fixed.from, Some(date(2022, 3, 11)));
        assert!(!fixed.covers(date(2022, 3, 10)));
        assert!(fixed.covers(date(2022, 3, 11)));
        let leap = RecentWindow::new(Some(date(2024, 2, 29)));
        assert_eq!(leap.from, Some(date(2022, 3, 1)));
        let mut moving = RecentWindow::new(None);
        assert!(moving.covers(date(1999, 1, 1)));
        assert!(moving.follow(date(2022, 6, 1)));
        assert_eq!(moving.from, Some(date(2020, 6, 2)));
        assert!(
            !moving.follow(date(2022, 6, 1)),
            "the same date moves nothing"
        );
        assert!(!moving.follow(date(2020, 1, 1)), "never moves back");
        // The window moves with each later date; days it left go a month at a time.
        assert!(!moving.follow(date(2022, 7, 1)));
        assert_eq!(moving.from, Some(date(2020, 7, 2)));
        assert!(
            moving.follow(date(2022, 7, 2)),
            "31 days after the last pruning"
        );
        assert_eq!(moving.from, Some(date(2020, 7, 3)));
        assert!(!moving.follow(date(2022, 8, 1)));
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
        settle(&mut client, None).unwrap();
        let days = client.recent.days().unwrap();
        assert_eq!(
            days,
            [
                (date(2024, 1, 1), Money::from(10)),
                (date(2024, 2, 1), Money::from(155)),
            ]
        );
        let parts: Vec<(NaiveDate, Money)> = client
            .extras
            .parts()
            .recent_parts
            .iter()
            .map(|d| (d.date, d.intermediated))
            .collect();
        assert_eq!(parts, [(date(2024, 2, 1), Money::from(50))]);
        assert_eq!(client.extras.parts().recent_intermediaries.len(), 1);
        prune(std::slice::from_mut(&mut client), date(2024, 2, 15));
        assert!(client.recent.is_empty() && client.extras.parts().recent_parts.is_empty());
    }

    #[test]
    fn settling_drops_the_days_the_window_left_since_the_last_pruning() {
        let mut client = Client::default();
        for (day, intermediated) in [(date(2024, 1, 10), true), (date(2024, 1, 20), false)] {
            let row = DayRow {
                date: day,
                amount: Money::from(7),
                other_income: false,
                intermediated,
                intermediary: "Malt",
            };
            record(&mut client, &row).unwrap();
        }
        settle(&mut client, Some(date(2024, 1, 15))).unwrap();
        assert_eq!(
            client.recent.days().unwrap(),
            [(date(2024, 1, 20), Money::from(7))]
        );
        let parts = client.extras.parts();
        assert!(parts.recent_parts.is_empty() && parts.recent_intermediaries.is_empty());
    }
}
