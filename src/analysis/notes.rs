//! What a reader of the figures should know about them, typed so the report can word
//! it in any language.

use crate::model::{Dataset, Money, Year};

use super::error::AnalysisError;
use super::referral_graph::ReferralProblem;
use super::shares::add_to;

/// Something a reader of the figures should know about them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The year's revenue is zero or negative, so it has no shares.
    NoSharesForYear { year: Year, revenue: Money },
    /// A referral the clients file states that cannot be true, ignored.
    Referral(ReferralProblem),
    /// Years after the focus year have counted rows but no positive revenue, so the
    /// report stops before them (`--year` shows them).
    LaterYearsWithoutRevenue {
        focus: Year,
        later: Vec<(Year, Money)>,
    },
    /// `--regime` was given but the invoices file has no payment date: the thresholds
    /// go by invoice dates.
    ThresholdsOnInvoiceDates,
}

/// The years after `focus` that have counted rows, with their (non-positive) revenue.
pub(super) fn later_years(
    dataset: &Dataset,
    focus: Year,
) -> Result<Vec<(Year, Money)>, AnalysisError> {
    let mut totals: std::collections::BTreeMap<Year, Money> = Default::default();
    for client in dataset.payers() {
        for (year, revenue) in client.years.range(focus + 1..) {
            let total = totals.entry(year).or_default();
            add_to(total, revenue.total)?;
        }
    }
    Ok(totals.into_iter().collect())
}
