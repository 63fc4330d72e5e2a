//! What an analysis needs besides the data.

use crate::model::{InputQuality, Year};

use super::french_thresholds::RegimeSettings;
use super::thresholds::Thresholds;

/// What an analysis needs besides the data, resolved once by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The year the report is about; `None` means the latest year with revenue.
    pub focus_year: Option<Year>,
    /// Months without an invoice after which a client is dormant.
    pub dormant_after_months: u32,
    pub thresholds: Thresholds,
    /// What ingest counted of the inputs' quality (for the plan).
    pub quality: InputQuality,
    /// Threads the sections may be computed on; 1 computes them in turn. The figures
    /// are the same either way.
    pub threads: usize,
    /// The French micro-enterprise regime, when the user declares one (`--regime`).
    pub regime: Option<RegimeSettings>,
    /// The commission rate (percent) of referrals whose client has none in the clients
    /// file (`[referrals] commission_rate`).
    pub commission_rate: Option<rust_decimal::Decimal>,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            focus_year: None,
            dormant_after_months: 12,
            thresholds: Thresholds::default(),
            quality: InputQuality::default(),
            threads: 1,
            regime: None,
            commission_rate: None,
        }
    }
}
