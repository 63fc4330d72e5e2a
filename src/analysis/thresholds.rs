//! Every threshold a verdict, flag or plan rule compares against, in one place, so the config file
//! can change them (SPEC §3.2, §5).

use rust_decimal::Decimal;

/// Risk thresholds; shares in percent of the period's revenue, HHI from 0 to 10 000.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// Top client share at which the freelancer is economically dependent (Eurostat, INSEE).
    pub dependency_critical: Decimal,
    /// Top client share of a "dominated" activity (INSEE 2025: half from one partner).
    pub dependency_high: Decimal,
    pub dependency_moderate: Decimal,
    /// HHI above which revenue is highly concentrated.
    pub concentration_high: Decimal,
    pub concentration_moderate: Decimal,
    /// Share of revenue through intermediaries at which that is a risk.
    pub intermediation_high: Decimal,
    /// Fewer active clients than this is a risk.
    pub few_clients: u64,
    /// Retention rate (percent) below which the plan asks lost clients why.
    pub retention_low: Decimal,
    /// Referral rate of new clients (percent) below which the plan says "be referable".
    pub referral_rate_low: Decimal,
    /// NPS coverage (percent of active clients) below which the plan says "survey".
    pub nps_coverage_low: Decimal,
    /// Top client share from which having no other income is worth an action.
    pub diversification_top_share: Decimal,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            dependency_critical: Decimal::from(75),
            dependency_high: Decimal::from(50),
            dependency_moderate: Decimal::from(25),
            concentration_high: Decimal::from(1800),
            concentration_moderate: Decimal::from(1000),
            intermediation_high: Decimal::from(50),
            few_clients: 3,
            retention_low: Decimal::from(50),
            referral_rate_low: Decimal::from(30),
            nps_coverage_low: Decimal::from(50),
            diversification_top_share: Decimal::from(50),
        }
    }
}
