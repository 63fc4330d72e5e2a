//! Pure analyses: `(&Dataset, &Params) -> report`. No I/O, no clock, no printing: the
//! as-of date is a parameter, so every report is reproducible.

pub mod revenue;

use chrono::NaiveDate;

use crate::model::Year;

/// What an analysis needs besides the data, resolved once by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The reference date; `None` means the latest invoice date in the data.
    pub as_of: Option<NaiveDate>,
    /// The year the report is about; `None` means the latest year with revenue.
    pub focus_year: Option<Year>,
    /// Months without an invoice after which a client is dormant.
    pub dormant_after_months: u32,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            as_of: None,
            focus_year: None,
            dormant_after_months: 12,
        }
    }
}

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
