//! Retention, the leaky bathtub (SPEC §3.3): clients won, kept, lost and won back each
//! year, the revenue they carry, and the cohort table.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Dataset, Money, Year};

use super::error::AnalysisError;
use super::shares::{add_to, percent, ratio};

/// Whether more clients came in than went out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bathtub {
    Filling,
    Stable,
    Leaking,
}

/// One year against the year before; active means positive revenue in the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetentionYear {
    pub year: Year,
    pub active: u64,
    pub active_before: u64,
    /// First counted invoice in the year.
    pub new: u64,
    /// Active in both years.
    pub retained: u64,
    /// Active the year before, not this year.
    pub lost: u64,
    /// Active this year, not the year before, and a client before that: won back.
    pub reactivated: u64,
    /// `retained / active_before`, percent.
    pub retention_rate: Option<Decimal>,
    /// This year's revenue of last year's active clients over their revenue last year.
    pub net_revenue_retention: Option<Decimal>,
    /// The same with each client's revenue capped at last year's (and floored at zero).
    pub gross_revenue_retention: Option<Decimal>,
    /// Last year's revenue of the clients lost.
    pub revenue_lost: Money,
    /// This year's revenue of the new clients.
    pub revenue_new: Money,
    pub bathtub: Bathtub,
}

/// One cohort (the clients whose first invoice is in `year`) in one later year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CohortYear {
    pub year: Year,
    pub revenue: Money,
    pub active_clients: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cohort {
    /// The year of the first invoice.
    pub year: Year,
    pub clients: u64,
    /// From the cohort's year to the last report year.
    pub years: Vec<CohortYear>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetentionReport {
    pub years: Vec<RetentionYear>,
    pub cohorts: Vec<Cohort>,
}

fn retention_year(dataset: &Dataset, year: Year) -> Result<RetentionYear, AnalysisError> {
    let mut r = RetentionYear {
        year,
        active: 0,
        active_before: 0,
        new: 0,
        retained: 0,
        lost: 0,
        reactivated: 0,
        retention_rate: None,
        net_revenue_retention: None,
        gross_revenue_retention: None,
        revenue_lost: Money::ZERO,
        revenue_new: Money::ZERO,
        bathtub: Bathtub::Stable,
    };
    let mut before_revenue = Money::ZERO;
    let mut kept_revenue = Money::ZERO;
    let mut capped_revenue = Money::ZERO;
    for client in &dataset.clients {
        let now = client.revenue_in(year);
        let before = client.revenue_in(year - 1);
        let (active, was_active) = (now > Money::ZERO, before > Money::ZERO);
        if was_active {
            r.active_before += 1;
            add_to(&mut before_revenue, before)?;
            add_to(&mut kept_revenue, now)?;
            add_to(&mut capped_revenue, now.min(before).max(Money::ZERO))?;
            if active {
                r.retained += 1;
            } else {
                r.lost += 1;
                add_to(&mut r.revenue_lost, before)?;
            }
        }
        if !active {
            continue;
        }
        r.active += 1;
        if was_active {
            continue;
        }
        // Never invoiced before this year: new; else won back.
        if client.is_new_in(year, dataset.fiscal_year_start) {
            r.new += 1;
            add_to(&mut r.revenue_new, now)?;
        } else {
            r.reactivated += 1;
        }
    }
    r.retention_rate = ratio(r.retained, r.active_before);
    r.net_revenue_retention = percent(kept_revenue, before_revenue)?;
    r.gross_revenue_retention = percent(capped_revenue, before_revenue)?;
    let won = r.new + r.reactivated;
    r.bathtub = match won.cmp(&r.lost) {
        std::cmp::Ordering::Greater => Bathtub::Filling,
        std::cmp::Ordering::Less => Bathtub::Leaking,
        std::cmp::Ordering::Equal => Bathtub::Stable,
    };
    Ok(r)
}

fn cohorts(dataset: &Dataset, years: &[Year]) -> Result<Vec<Cohort>, AnalysisError> {
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Ok(Vec::new());
    };
    let mut table: BTreeMap<Year, Cohort> = BTreeMap::new();
    for client in &dataset.clients {
        let Some(start) = client.first_year(dataset.fiscal_year_start) else {
            continue;
        };
        if start > last {
            continue;
        }
        // Clients first invoiced before the report's first year share its cohort.
        let cohort_year = start.max(first);
        let cohort = table.entry(cohort_year).or_insert_with(|| Cohort {
            year: cohort_year,
            clients: 0,
            years: (cohort_year..=last)
                .map(|year| CohortYear {
                    year,
                    revenue: Money::ZERO,
                    active_clients: 0,
                })
                .collect(),
        });
        cohort.clients += 1;
        for cell in &mut cohort.years {
            let revenue = client.revenue_in(cell.year);
            add_to(&mut cell.revenue, revenue)?;
            if revenue > Money::ZERO {
                cell.active_clients += 1;
            }
        }
    }
    Ok(table.into_values().collect())
}

/// Retention for every year of `years`, and the cohort table.
pub fn retention(dataset: &Dataset, years: &[Year]) -> Result<RetentionReport, AnalysisError> {
    Ok(RetentionReport {
        years: years
            .iter()
            .map(|&y| retention_year(dataset, y))
            .collect::<Result<_, _>>()?,
        cohorts: cohorts(dataset, years)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shares::round2;
    use crate::analysis::testdata::{dec, studio};

    #[test]
    fn studio_bathtub() {
        let report = retention(&studio(None), &[2022, 2023, 2024]).unwrap();
        let [y2022, y2023, y2024] = report.years.as_slice() else {
            panic!("three years")
        };
        assert_eq!(
            (y2022.new, y2022.active_before, y2022.retention_rate),
            (2, 0, None)
        );
        // 2023 against 2022: Acme kept, Cove lost, Bolt and Fern new.
        // NRR = 12 000 / (10 000 + 2 000) = 100 %; GRR caps Acme at 10 000: 83.33 %.
        assert_eq!(
            (
                y2023.active,
                y2023.new,
                y2023.retained,
                y2023.lost,
                y2023.reactivated
            ),
            (3, 2, 1, 1, 0)
        );
        assert_eq!(y2023.retention_rate.map(round2), Some(dec("50.00")));
        assert_eq!(y2023.net_revenue_retention.map(round2), Some(dec("100.00")));
        assert_eq!(
            y2023.gross_revenue_retention.map(round2),
            Some(dec("83.33"))
        );
        assert_eq!(
            (y2023.revenue_lost, y2023.revenue_new),
            (dec("2000"), dec("5000"))
        );
        assert_eq!(y2023.bathtub, Bathtub::Filling);
        // 2024 against 2023: Acme and Fern kept, Bolt lost, Dune and Echo new, Cove won
        // back. NRR = (8 000 + 0 + 3 000) / 17 000 = 64.71 %;
        // GRR = (8 000 + 0 + 2 000) / 17 000 = 58.82 %.
        assert_eq!(
            (
                y2024.active,
                y2024.new,
                y2024.retained,
                y2024.lost,
                y2024.reactivated
            ),
            (5, 2, 2, 1, 1)
        );
        assert_eq!(y2024.retention_rate.map(round2), Some(dec("66.67")));
        assert_eq!(y2024.net_revenue_retention.map(round2), Some(dec("64.71")));
        assert_eq!(
            y2024.gross_revenue_retention.map(round2),
            Some(dec("58.82"))
        );
        assert_eq!(
            (y2024.revenue_lost, y2024.revenue_new),
            (dec("3000"), dec("6000"))
        );
        assert_eq!(y2024.bathtub, Bathtub::Filling);
    }

    #[test]
    fn studio_cohorts() {
        let report = retention(&studio(None), &[2022, 2023, 2024]).unwrap();
        type Cells = Vec<(Year, Money, u64)>;
        let table: Vec<(Year, u64, Cells)> = report
            .cohorts
            .iter()
            .map(|c| {
                (
                    c.year,
                    c.clients,
                    c.years
                        .iter()
                        .map(|y| (y.year, y.revenue, y.active_clients))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            table,
            [
                (
                    2022,
                    2,
                    vec![
                        (2022, dec("12000"), 2),
                        (2023, dec("12000"), 1),
                        (2024, dec("11000"), 2)
                    ]
                ),
                (
                    2023,
                    2,
                    vec![(2023, dec("5000"), 2), (2024, dec("3000"), 1)]
                ),
                (2024, 2, vec![(2024, dec("6000"), 2)]),
            ]
        );
    }

    #[test]
    fn losing_more_than_winning_is_leaking() {
        use crate::analysis::testdata::{build, date};
        use crate::model::{FiscalYearStart, Kind};
        let data = build(
            &[
                ("A", date(2023, 1, 1), "100", Kind::Service, ""),
                ("B", date(2023, 1, 1), "100", Kind::Service, ""),
                ("A", date(2024, 1, 1), "300", Kind::Service, ""),
            ],
            FiscalYearStart::default(),
            None,
        );
        let report = retention(&data, &[2023, 2024]).unwrap();
        let y = &report.years[1];
        assert_eq!((y.lost, y.new, y.bathtub), (1, 0, Bathtub::Leaking));
        // NRR counts A's growth: 300 / 200 = 150 %; GRR caps it: 100 / 200 = 50 %.
        assert_eq!(y.net_revenue_retention.map(round2), Some(dec("150.00")));
        assert_eq!(y.gross_revenue_retention.map(round2), Some(dec("50.00")));
    }
}
