//! A focus year that is not over yet, compared with the same period a year earlier and
//! with the whole previous year (a half year next to a full one always looks bad).

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::model::{money, Dataset, Money, Year};

use super::error::AnalysisError;
use super::payers::Payer;
use super::shares::{change, percent, sum};

/// Revenue and active clients over a span of days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub revenue: Money,
    pub active_clients: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearToDate {
    /// The focus year from its first day to the as-of date.
    pub current: Span,
    /// The same days a year earlier.
    pub previous: Span,
    /// `current / previous − 1`, percent.
    pub change: Option<Decimal>,
    pub previous_full_year: Money,
    /// `current / previous full year`, percent: how far along last year's total.
    pub share_of_previous_full_year: Option<Decimal>,
}

/// Revenue in the days from `from` to `to`, both included, from the daily detail.
/// The last figure is the unidentified payer's: revenue, but no client.
fn in_days(dataset: &Dataset, from: NaiveDate, to: NaiveDate) -> Result<Vec<Money>, AnalysisError> {
    // Clients without a day in the span add zero and are not active: no filter needed.
    dataset
        .payers()
        .map(|c| Payer::in_days(c, from, to).map(|p| p.total))
        .collect()
}

/// Revenue in `year` up to `to`, both included: each client's revenue of the year less
/// its part from the day after `to` to `year_end`, the year's last day. The daily detail
/// only holds the twelve months after `to`, and the year's total holds every day.
fn year_until(
    dataset: &Dataset,
    year: Year,
    to: NaiveDate,
    year_end: NaiveDate,
) -> Result<Vec<Money>, AnalysisError> {
    let after = to
        .checked_add_days(Days::new(1))
        .ok_or(AnalysisError::Overflow)?;
    let later = in_days(dataset, after, year_end)?;
    dataset
        .payers()
        .zip(later)
        .map(|(c, later)| money::sub(c.revenue_in(year), later).ok_or(AnalysisError::Overflow))
        .collect()
}

/// A span's figures from each client's revenue in it, the unidentified payer's last
/// when `dataset` has one.
fn span(
    dataset: &Dataset,
    from: NaiveDate,
    to: NaiveDate,
    totals: &[Money],
) -> Result<Span, AnalysisError> {
    let clients = totals.get(..dataset.clients.len()).unwrap_or(totals);
    Ok(Span {
        from,
        to,
        revenue: sum(totals.iter().copied())?,
        active_clients: clients.iter().filter(|t| **t > Money::ZERO).count() as u64,
    })
}

/// The comparison, when `as_of` falls inside the focus year before its last day.
pub fn year_to_date(dataset: &Dataset, focus: Year) -> Result<Option<YearToDate>, AnalysisError> {
    let fiscal = dataset.fiscal_year_start;
    let Some(as_of) = dataset.as_of() else {
        return Ok(None);
    };
    if fiscal.year_of(as_of) != focus {
        return Ok(None);
    }
    let (Some(start), Some(previous_start), Some(previous_end)) = (
        fiscal.first_day(focus),
        fiscal.first_day(focus - 1),
        as_of.checked_sub_months(Months::new(12)),
    ) else {
        return Ok(None);
    };
    let year_end = start.pred_opt().ok_or(AnalysisError::Overflow)?;
    let current = span(dataset, start, as_of, &in_days(dataset, start, as_of)?)?;
    let previous = span(
        dataset,
        previous_start,
        previous_end,
        &year_until(dataset, focus - 1, previous_end, year_end)?,
    )?;
    let previous_full_year = sum(dataset.payers().map(|c| c.revenue_in(focus - 1)))?;
    let change = change(current.revenue, previous.revenue)?;
    Ok(Some(YearToDate {
        share_of_previous_full_year: percent(current.revenue, previous_full_year)?,
        current,
        previous,
        change,
        previous_full_year,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shares::round2;
    use crate::analysis::testdata::{date, dec, studio};

    #[test]
    fn half_year_against_the_same_half_a_year_earlier() {
        let as_of = date(2024, 6, 30);
        let ytd = year_to_date(&studio(Some(as_of)), 2024).unwrap().unwrap();
        // 2024-01-01..06-30: Acme −1 000, Dune 5 000, Echo 1 000, Cove 3 000 = 8 000.
        assert_eq!(
            (ytd.current.revenue, ytd.current.active_clients),
            (dec("8000"), 3)
        );
        // 2023-01-01..06-30: Fern 2 000, Bolt 1 000, Acme 12 000 = 15 000.
        assert_eq!(ytd.previous.from, date(2023, 1, 1));
        assert_eq!(ytd.previous.to, date(2023, 6, 30));
        assert_eq!(
            (ytd.previous.revenue, ytd.previous.active_clients),
            (dec("15000"), 3)
        );
        // 8 000 / 15 000 − 1 = −46.67 %; 8 000 / 17 000 (all of 2023) = 47.06 %.
        assert_eq!(ytd.change.map(round2), Some(dec("-46.67")));
        assert_eq!(ytd.previous_full_year, dec("17000"));
        assert_eq!(
            ytd.share_of_previous_full_year.map(round2),
            Some(dec("47.06"))
        );
        assert_eq!(year_to_date(&studio(Some(as_of)), 2023), Ok(None));
    }

    #[test]
    fn the_as_of_date_is_the_one_the_data_was_read_for() {
        // Read without a date, the studio is as of its latest row, 2024-11-30, and kept
        // the days from 2022-12-01: 2023 is not the year of that date.
        let data = studio(None);
        assert_eq!(data.window.as_of(), Some(date(2024, 11, 30)));
        assert_eq!(data.window.kept_from(), Some(date(2022, 12, 1)));
        assert_eq!(year_to_date(&data, 2023), Ok(None));
        assert!(year_to_date(&data, 2024).unwrap().is_some());
    }
}
