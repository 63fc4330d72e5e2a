//! Why figures cannot be computed.

use crate::model::Year;

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
}
