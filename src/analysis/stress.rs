//! The stress test (SPEC 3.9): what revenue would be left without the top client, the
//! top three, or the largest intermediary, for the focus year and the last twelve
//! months, and how many new clients it would take to replace the top one.

use rust_decimal::Decimal;

use crate::model::{money, Dataset, Money, Year};

use super::error::AnalysisError;
use super::risk::{Risk, RiskReport};
use super::shares::{percent, sum};

/// Revenue left without some payers, and the drop it would be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Without {
    /// Who is taken away: the client, or the intermediary.
    pub name: String,
    pub revenue: Money,
    /// Percent of the period's revenue lost; `None` when that revenue is not positive.
    pub drop: Option<Decimal>,
}

/// The stress test of one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stress {
    pub revenue: Money,
    pub without_top_client: Option<Without>,
    pub without_top3: Option<Without>,
    pub without_top_intermediary: Option<Without>,
    /// The top client's revenue in months of the period's average monthly revenue.
    pub top_client_months: Option<Decimal>,
    /// The top client's revenue over the average first-year revenue of the clients new
    /// in the focus year or the two before.
    pub new_clients_to_replace: Option<Decimal>,
}

/// What a scenario of the stress test takes away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    TopClient,
    Top3,
    TopIntermediary,
}

impl Scenario {
    /// The JSON and CSV name.
    pub fn key(self) -> &'static str {
        match self {
            Scenario::TopClient => "top_client",
            Scenario::Top3 => "top3",
            Scenario::TopIntermediary => "top_intermediary",
        }
    }
}

impl Stress {
    /// Each scenario with what it leaves, in the report's order.
    pub fn scenarios(&self) -> [(Scenario, Option<&Without>); 3] {
        [
            (Scenario::TopClient, self.without_top_client.as_ref()),
            (Scenario::Top3, self.without_top3.as_ref()),
            (
                Scenario::TopIntermediary,
                self.without_top_intermediary.as_ref(),
            ),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StressReport {
    pub focus_year: Option<Stress>,
    pub ttm: Option<Stress>,
}

/// The stress test of the focus year and of the trailing twelve months.
pub fn stress(
    dataset: &Dataset,
    risk: &RiskReport,
    focus: Option<Year>,
) -> Result<StressReport, AnalysisError> {
    let replacement = focus
        .map(|year| average_first_year(dataset, year))
        .transpose()?
        .flatten();
    let of = |r: &Risk| period(r, replacement);
    let focus_year = risk
        .years
        .iter()
        .find(|(year, _)| Some(*year) == focus)
        .map(|(_, r)| of(r))
        .transpose()?;
    let ttm = risk.ttm.as_ref().map(|t| of(&t.risk)).transpose()?;
    Ok(StressReport { focus_year, ttm })
}

fn period(risk: &Risk, replacement: Option<Money>) -> Result<Stress, AnalysisError> {
    let revenue = risk.revenue;
    let without = |name: String, removed: Money| -> Result<Without, AnalysisError> {
        Ok(Without {
            name,
            revenue: money::sub(revenue, removed).ok_or(AnalysisError::Overflow)?,
            drop: percent(removed, revenue)?,
        })
    };
    let top = risk.largest_clients.first();
    let without_top_client = top
        .map(|t| without(t.name.clone(), t.revenue))
        .transpose()?;
    let top3: Vec<_> = risk.largest_clients.iter().take(3).collect();
    let without_top3 = if top3.is_empty() {
        None
    } else {
        let names = top3.iter().map(|t| t.name.as_str()).collect::<Vec<_>>();
        Some(without(
            names.join(", "),
            sum(top3.iter().map(|t| t.revenue))?,
        )?)
    };
    let without_top_intermediary = risk
        .top_intermediary
        .as_ref()
        .map(|t| without(t.name.clone(), t.revenue))
        .transpose()?;
    let top_client_months = match top {
        Some(t) if revenue > Money::ZERO => Some(
            t.revenue
                .checked_mul(Decimal::from(12))
                .and_then(|m| m.checked_div(revenue))
                .ok_or(AnalysisError::Overflow)?,
        ),
        _ => None,
    };
    let new_clients_to_replace = match (top, replacement) {
        (Some(t), Some(average)) => Some(
            t.revenue
                .checked_div(average)
                .ok_or(AnalysisError::Overflow)?,
        ),
        _ => None,
    };
    Ok(Stress {
        revenue,
        without_top_client,
        without_top3,
        without_top_intermediary,
        top_client_months,
        new_clients_to_replace,
    })
}

/// The average revenue in their first year of the clients whose first year is `focus`
/// or one of the two before; `None` without such clients or when it is not positive.
fn average_first_year(dataset: &Dataset, focus: Year) -> Result<Option<Money>, AnalysisError> {
    let fiscal = dataset.fiscal_year_start;
    let firsts: Vec<Money> = dataset
        .clients
        .iter()
        .filter_map(|c| {
            let first = c.first_year(fiscal)?;
            (focus - 2..=focus)
                .contains(&first)
                .then(|| c.revenue_in(first))
        })
        .collect();
    if firsts.is_empty() {
        return Ok(None);
    }
    let total = sum(firsts.iter().copied())?;
    let average = total
        .checked_div(Decimal::from(firsts.len()))
        .ok_or(AnalysisError::Overflow)?;
    Ok((average > Money::ZERO).then_some(average))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testdata::{build, date, Row};
    use crate::analysis::{analyze, Params};
    use crate::model::FiscalYearStart;
    use crate::model::Kind::Service;

    #[test]
    fn losing_the_top_client_and_the_clients_it_would_take() {
        // 2024: Acme 6,000, Bolt 3,000, Cove 1,000 (via Malt).
        let rows: Vec<Row> = vec![
            ("Acme", date(2022, 3, 1), "5000.00", Service, ""),
            ("Acme", date(2024, 3, 1), "6000.00", Service, ""),
            ("Bolt", date(2023, 5, 1), "2000.00", Service, ""),
            ("Bolt", date(2024, 5, 1), "3000.00", Service, ""),
            ("Cove", date(2024, 6, 1), "1000.00", Service, "Malt"),
        ];
        let data = build(&rows, FiscalYearStart::default(), Some(date(2024, 12, 31)));
        let analysis = analyze(&data, &Params::default()).unwrap();
        let report = stress(&data, &analysis.risk, Some(2024)).unwrap();
        let year = report.focus_year.unwrap();
        assert_eq!(year.revenue, Money::from(10_000));
        let top = year.without_top_client.unwrap();
        assert_eq!(
            (top.name.as_str(), top.revenue),
            ("Acme", Money::from(4_000))
        );
        assert_eq!(top.drop, Some(Decimal::from(60)));
        let top3 = year.without_top3.unwrap();
        assert_eq!(top3.revenue, Money::ZERO);
        assert_eq!(top3.drop, Some(Decimal::from(100)));
        let via = year.without_top_intermediary.unwrap();
        assert_eq!(
            (via.name.as_str(), via.revenue),
            ("Malt", Money::from(9_000))
        );
        // 6,000 × 12 / 10,000 = 7.2 months.
        assert_eq!(year.top_client_months, Some(Decimal::new(72, 1)));
        // New in 2022–2024: Acme (5,000 in 2022), Bolt (2,000 in 2023), Cove (1,000 in
        // 2024): 8,000 / 3 = 2,666.67 a year; 6,000 / 2,666.67 = 2.25 clients.
        assert_eq!(
            year.new_clients_to_replace.map(|n| n.round_dp(2)),
            Some(Decimal::new(225, 2))
        );
    }
}
