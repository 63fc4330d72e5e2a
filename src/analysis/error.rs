//! Why figures cannot be computed.

use chrono::NaiveDate;

use crate::model::{Dataset, Year};

/// Why figures cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error("the revenue adds up beyond the largest supported amount (about 7.9e28)")]
    Overflow,
    #[error("--year {focus}: the data has revenue only from {first} to {last}")]
    FocusYearOutOfRange {
        focus: Year,
        first: Year,
        last: Year,
    },
    #[error("the data was read for a later as-of date: day-by-day figures start on {kept_from}, and {needed} is needed; pass the same --as-of when reading")]
    DailyDetailMissing {
        kept_from: NaiveDate,
        needed: NaiveDate,
    },
}

/// Fails when the dataset's daily detail does not reach back to `needed`.
pub(crate) fn require_daily_detail(
    dataset: &Dataset,
    needed: NaiveDate,
) -> Result<(), AnalysisError> {
    match dataset.recent_from {
        Some(kept_from) if kept_from > needed => {
            Err(AnalysisError::DailyDetailMissing { kept_from, needed })
        }
        _ => Ok(()),
    }
}
