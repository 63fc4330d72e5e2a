//! Clients at risk (SPEC 3.10): still clients, but shrinking, overdue against their own
//! rhythm of invoicing, or unhappy, flagged while there is time to call them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{daily_detail_start, normalize_key, trailing_year, Dataset, Money};

use super::error::AnalysisError;
use super::nps::Respondent;
use super::revenue::YearSummary;

/// Why a client is at risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Revenue over the last 12 months below 70 % of the 12 months before.
    Shrinking,
    /// No invoice for more than twice its median gap between invoices.
    Overdue,
    /// Its latest NPS answer is 0 to 6.
    Detractor,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtRisk {
    pub name: String,
    pub reasons: Vec<Reason>,
    /// What is at stake: its revenue over the twelve months to the as-of date.
    pub revenue_ttm: Money,
    pub revenue_previous_12m: Money,
    pub days_since_last_invoice: Option<i64>,
    /// Over its invoice days of the last 24 months (at least three of them).
    pub median_gap_days: Option<Decimal>,
}

/// The share of the previous 12 months under which the last 12 are shrinking.
const SHRINKING: i64 = 70;
/// The share of the focus year's average client revenue the previous 12 months must
/// reach for shrinking to count: small clients do not flood the list.
const SHRINKING_FLOOR: i64 = 5;

/// Every client active in the last 24 months and not dormant with a reason to worry,
/// the largest revenue at stake first.
pub fn at_risk(
    dataset: &Dataset,
    dormant_after_months: u32,
    focus: Option<&YearSummary>,
    detractors: &[Respondent],
) -> Result<Vec<AtRisk>, AnalysisError> {
    let Some(as_of) = dataset.as_of() else {
        return Ok(Vec::new());
    };
    let (Some(ttm_from), Some(window_from)) = (trailing_year(as_of), daily_detail_start(as_of))
    else {
        return Ok(Vec::new());
    };
    let Some(previous_to) = ttm_from.pred_opt() else {
        return Ok(Vec::new());
    };
    let percent_of = |value: Money, percent: i64| {
        value
            .checked_mul(Decimal::from(percent))
            .map(|v| v / Decimal::ONE_HUNDRED)
            .ok_or(AnalysisError::Overflow)
    };
    let floor = focus
        .filter(|y| y.active_clients > 0 && y.revenue > Money::ZERO)
        .map(|y| percent_of(y.revenue / Decimal::from(y.active_clients), SHRINKING_FLOOR))
        .transpose()?;
    let unhappy: Vec<String> = detractors.iter().map(|d| normalize_key(&d.name)).collect();
    // Dormant as the segments say it: no invoice since this day.
    let dormant_before = super::segments::dormant_before(Some(as_of), dormant_after_months);
    let mut out = Vec::new();
    for client in &dataset.clients {
        // Not a client of the last 24 months: nothing to look at day by day.
        if super::segments::is_dormant(client, dormant_before)
            || client.last_invoice.is_none_or(|last| last < window_from)
        {
            continue;
        }
        let days = client.recent.days().ok_or(AnalysisError::Overflow)?;
        let invoice_days: Vec<NaiveDate> = days
            .iter()
            .filter(|(date, total)| *date >= window_from && *date <= as_of && *total > Money::ZERO)
            .map(|(date, _)| *date)
            .collect();
        if invoice_days.is_empty() {
            continue;
        }
        let revenue_ttm = client
            .recent
            .sum_between(ttm_from, as_of)
            .ok_or(AnalysisError::Overflow)?;
        let revenue_previous_12m = client
            .recent
            .sum_between(window_from, previous_to)
            .ok_or(AnalysisError::Overflow)?;
        let mut reasons = Vec::new();
        let shrinking = revenue_previous_12m > Money::ZERO
            && floor.is_some_and(|f| revenue_previous_12m >= f)
            && revenue_ttm < percent_of(revenue_previous_12m, SHRINKING)?;
        if shrinking {
            reasons.push(Reason::Shrinking);
        }
        let median_gap_days = median_gap(&invoice_days);
        let days_since_last_invoice = invoice_days.last().map(|last| (as_of - *last).num_days());
        if let (Some(gap), Some(since)) = (median_gap_days, days_since_last_invoice) {
            if Decimal::from(since) > gap * Decimal::TWO {
                reasons.push(Reason::Overdue);
            }
        }
        if unhappy.contains(&normalize_key(&client.name)) {
            reasons.push(Reason::Detractor);
        }
        if !reasons.is_empty() {
            out.push(AtRisk {
                name: client.name.to_string(),
                reasons,
                revenue_ttm,
                revenue_previous_12m,
                days_since_last_invoice,
                median_gap_days,
            });
        }
    }
    out.sort_by(|a, b| {
        b.revenue_ttm
            .cmp(&a.revenue_ttm)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The median gap in days between consecutive invoice days (sorted, distinct); `None`
/// with fewer than three days.
fn median_gap(days: &[NaiveDate]) -> Option<Decimal> {
    if days.len() < 3 {
        return None;
    }
    let mut gaps: Vec<i64> = days
        .windows(2)
        .filter_map(|pair| match pair {
            [before, after] => Some((*after - *before).num_days()),
            _ => None,
        })
        .collect();
    gaps.sort_unstable();
    let n = gaps.len();
    let low = Decimal::from(*gaps.get((n - 1) / 2)?);
    let high = Decimal::from(*gaps.get(n / 2)?);
    Some((low + high) / Decimal::TWO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testdata::{build, date, Row};
    use crate::analysis::{analyze, Params};
    use crate::model::FiscalYearStart;
    use crate::model::Kind::Service;

    fn analysed(rows: &[Row]) -> Vec<AtRisk> {
        let as_of = Some(date(2024, 12, 31));
        let data = build(rows, FiscalYearStart::default(), as_of);
        analyze(&data, &Params::default()).unwrap().at_risk
    }

    #[test]
    fn a_client_late_against_its_own_rhythm_is_overdue_and_a_steady_one_is_not() {
        // Acme invoices every 30 days until 2 Sept 2024: 120 days since, median gap 30.
        // Bolt invoices every 60 days until 1 Dec: 30 days since, median gap 61.
        let rows: Vec<Row> = vec![
            ("Acme", date(2024, 5, 6), "1000", Service, ""),
            ("Acme", date(2024, 6, 5), "1000", Service, ""),
            ("Acme", date(2024, 7, 5), "1000", Service, ""),
            ("Acme", date(2024, 8, 4), "1000", Service, ""),
            ("Acme", date(2024, 9, 2), "1000", Service, ""),
            ("Bolt", date(2024, 6, 1), "1000", Service, ""),
            ("Bolt", date(2024, 8, 1), "1000", Service, ""),
            ("Bolt", date(2024, 10, 1), "1000", Service, ""),
            ("Bolt", date(2024, 12, 1), "1000", Service, ""),
        ];
        let list = analysed(&rows);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Acme");
        assert_eq!(list[0].reasons, [Reason::Overdue]);
        assert_eq!(list[0].days_since_last_invoice, Some(120));
        // Gaps 30, 30, 30, 29: median (30 + 30) / 2.
        assert_eq!(list[0].median_gap_days, Some(Decimal::from(30)));
    }

    #[test]
    fn shrinking_counts_only_above_the_floor() {
        // The focus year's average client revenue: (3,000 + 10,000 + 200 + 20,000) / 4
        // = 8,300; its 5 % is 415. Big went from 10,000 to 3,000 (30 %): shrinking.
        // Tiny went from 400 to 200: under the floor, not listed.
        let rows: Vec<Row> = vec![
            ("Big", date(2023, 6, 1), "10000", Service, ""),
            ("Big", date(2024, 6, 1), "3000", Service, ""),
            ("Tiny", date(2023, 6, 1), "400", Service, ""),
            ("Tiny", date(2024, 6, 1), "200", Service, ""),
            ("Steady", date(2024, 3, 1), "10000", Service, ""),
            ("Other", date(2024, 9, 1), "20000", Service, ""),
        ];
        let list = analysed(&rows);
        let names: Vec<&str> = list.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Big"]);
        assert_eq!(list[0].reasons, [Reason::Shrinking]);
        assert_eq!(list[0].revenue_ttm, Money::from(3000));
        assert_eq!(list[0].revenue_previous_12m, Money::from(10000));
    }
}
