//! Why figures cannot be computed.

use crate::model::Year;

/// Why figures cannot be computed. `report::errors` words it in English (its `Display`)
/// and French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    /// The revenue adds up beyond what a `Decimal` holds.
    Overflow,
    /// `--year` names a year without revenue in the data.
    FocusYearOutOfRange {
        focus: Year,
        first: Year,
        last: Year,
    },
}

impl std::error::Error for AnalysisError {}
