//! One client's revenue over a period (a year, or a span of days), split the way the
//! segments and the risk need it: total, other income, and intermediated revenue with
//! the intermediary it went through.

use chrono::NaiveDate;

use crate::model::{money, normalize_key, Client, Money, Year};

use super::error::AnalysisError;
use super::shares::add_to;

/// A client's revenue over one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payer<'a> {
    pub client: &'a Client,
    pub total: Money,
    pub other_income: Money,
    /// Subcontracting and work through intermediaries; all client work when the client
    /// is itself an agency or platform.
    pub intermediated: Money,
    /// Intermediated revenue by intermediary (display name). What no row names went
    /// through the client itself: the prime contractor, the agency, the platform.
    pub via: Vec<(&'a str, Money)>,
}

impl<'a> Payer<'a> {
    fn new(
        client: &'a Client,
        total: Money,
        other_income: Money,
        row_intermediated: Money,
        named: Vec<(&'a str, Money)>,
    ) -> Result<Self, AnalysisError> {
        let intermediated = if client.is_intermediary() {
            money::sub(total, other_income).ok_or(AnalysisError::Overflow)?
        } else {
            row_intermediated
        };
        let mut via = merge_named(named)?;
        let named_total = super::shares::sum(via.iter().map(|(_, m)| *m))?;
        let through_client =
            money::sub(intermediated, named_total).ok_or(AnalysisError::Overflow)?;
        if !through_client.is_zero() {
            via.push((client.name.as_str(), through_client));
        }
        Ok(Self {
            client,
            total,
            other_income,
            intermediated,
            via,
        })
    }

    /// Revenue of a client in one year.
    pub fn in_year(client: &'a Client, year: Year) -> Result<Self, AnalysisError> {
        let figures = client.years.get(&year).unwrap_or_default();
        let named = client
            .extras
            .parts()
            .intermediaries
            .iter()
            .filter(|((_, y), _)| *y == year)
            .map(|((name, _), amount)| (name.as_str(), *amount))
            .collect();
        Self::new(
            client,
            figures.total,
            figures.other_income,
            figures.intermediated,
            named,
        )
    }

    /// Revenue of a client from `from` to `to`, both included, from its daily detail.
    pub fn in_days(
        client: &'a Client,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Self, AnalysisError> {
        let within = |date: NaiveDate| date >= from && date <= to;
        let add = |a: Money, b: Money| money::add(a, b).ok_or(AnalysisError::Overflow);
        let total = client
            .recent
            .sum_between(from, to)
            .ok_or(AnalysisError::Overflow)?;
        let mut other_income = Money::ZERO;
        let mut intermediated = Money::ZERO;
        let parts = client.extras.parts();
        for day in parts.recent_parts.iter().filter(|d| within(d.date)) {
            other_income = add(other_income, day.other_income)?;
            intermediated = add(intermediated, day.intermediated)?;
        }
        let named = parts
            .recent_intermediaries
            .iter()
            .filter(|d| d.date >= from && d.date <= to)
            .map(|d| (d.intermediary.as_str(), d.amount))
            .collect();
        Self::new(client, total, other_income, intermediated, named)
    }
}

/// Sums amounts per intermediary, spellings that differ only in case and spacing merged.
fn merge_named(named: Vec<(&str, Money)>) -> Result<Vec<(&str, Money)>, AnalysisError> {
    let mut merged: Vec<(String, &str, Money)> = Vec::new();
    for (name, amount) in named {
        let key = normalize_key(name);
        match merged.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, total)) => {
                add_to(total, amount)?;
            }
            None => merged.push((key, name, amount)),
        }
    }
    Ok(merged
        .into_iter()
        .map(|(_, name, amount)| (name, amount))
        .collect())
}
