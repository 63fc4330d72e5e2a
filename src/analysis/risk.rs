//! Dependency risk (SPEC §3.2): how much of a period's revenue rests on one client, a
//! few clients, or intermediaries, and the flags that say so.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{money, normalize_key, trailing_year, Dataset, Money, Year};

use super::error::AnalysisError;
use super::payers::Payer;
use super::shares::{percent, sum};
use super::thresholds::Thresholds;

/// How many of the largest clients a risk keeps, for the concentration chart.
pub const LARGEST_CLIENTS_KEPT: usize = 10;
// The top three's share is read off the largest clients.
const _: () = assert!(LARGEST_CLIENTS_KEPT >= 3);

/// Risk levels, lowest first. `Unknown`: too little of the revenue has an identified
/// payer to judge dependency (SPEC 3.2); it reaches no `--fail-on` level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Unknown,
    #[default]
    Low,
    Moderate,
    High,
    Critical,
}

/// The risk flags; their ids are stable (JSON, `--fail-on`, the plan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlagId {
    DependencyCritical,
    DependencyHigh,
    DependencyModerate,
    ConcentrationHigh,
    ConcentrationModerate,
    IntermediationHigh,
    ClientsFew,
    /// Under half the revenue has an identified payer: no dependency verdict.
    CoverageLow,
}

impl FlagId {
    pub fn id(self) -> &'static str {
        match self {
            FlagId::DependencyCritical => "dependency.critical",
            FlagId::DependencyHigh => "dependency.high",
            FlagId::DependencyModerate => "dependency.moderate",
            FlagId::ConcentrationHigh => "concentration.high",
            FlagId::ConcentrationModerate => "concentration.moderate",
            FlagId::IntermediationHigh => "intermediation.high",
            FlagId::ClientsFew => "clients.few",
            FlagId::CoverageLow => "coverage.low",
        }
    }

    pub fn level(self) -> Level {
        match self {
            FlagId::DependencyCritical => Level::Critical,
            FlagId::DependencyHigh
            | FlagId::ConcentrationHigh
            | FlagId::IntermediationHigh
            | FlagId::ClientsFew => Level::High,
            FlagId::DependencyModerate | FlagId::ConcentrationModerate => Level::Moderate,
            FlagId::CoverageLow => Level::Unknown,
        }
    }
}

/// Which period a risk is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskPeriod {
    Year(Year),
    LastTwelveMonths,
}

/// A named amount and its share of the period's revenue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedShare {
    pub name: String,
    pub revenue: Money,
    /// Percent; `None` when the period's revenue is not positive.
    pub share: Option<Decimal>,
}

/// Below this share of revenue with an identified payer, no dependency verdict.
const IDENTIFIED_ENOUGH: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// The risk figures of one period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Risk {
    pub revenue: Money,
    /// The part of revenue whose payer is identified, in percent, when some is not
    /// (SPEC 3.2): client shares, HHI and top clients are over that part only.
    pub identified_share: Option<Decimal>,
    pub top_client: Option<NamedShare>,
    pub top3_share: Option<Decimal>,
    /// Σ (client share in %)², 0 to 10 000.
    pub hhi: Option<Decimal>,
    /// 10 000 / HHI: as if revenue came from this many equal clients.
    pub effective_clients: Option<Decimal>,
    pub intermediated_revenue: Money,
    pub intermediated_share: Option<Decimal>,
    /// The intermediary with the most revenue through it.
    pub top_intermediary: Option<NamedShare>,
    /// Clients with positive revenue in the period.
    pub active_clients: u64,
    /// The largest clients, largest first (at most [`LARGEST_CLIENTS_KEPT`]).
    pub largest_clients: Vec<NamedShare>,
    /// The share, in percent, of the active clients past [`Risk::largest_clients`]:
    /// none when those are every active client or leave nothing over.
    pub other_clients_share: Option<Decimal>,
    /// Strongest flag of each family, strongest first.
    pub flags: Vec<FlagId>,
    pub level: Level,
}

/// The risk over the twelve months ending at the as-of date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailingRisk {
    /// First day of the window (the day after the same date a year earlier).
    pub from: NaiveDate,
    /// Last day of the window: the as-of date.
    pub to: NaiveDate,
    pub risk: Risk,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskReport {
    pub years: Vec<(Year, Risk)>,
    pub ttm: Option<TrailingRisk>,
}

/// The risk of one period from its payers' revenue and the revenue whose payer is
/// unknown.
pub fn risk_of(
    payers: &[Payer],
    unidentified: Money,
    thresholds: &Thresholds,
) -> Result<Risk, AnalysisError> {
    let identified = sum(payers.iter().map(|p| p.total))?;
    let revenue = money::add(identified, unidentified).ok_or(AnalysisError::Overflow)?;
    let active: Vec<&Payer> = payers.iter().filter(|p| p.total > Money::ZERO).collect();
    // Client shares are over the revenue of active clients, so they stay within 0–100
    // even when another client nets negative (a credit note for an earlier year).
    let active_revenue = sum(active.iter().map(|p| p.total))?;
    let share_of = |payer: &Payer| -> Result<Decimal, AnalysisError> {
        Ok(percent(payer.total, active_revenue)?.unwrap_or_default())
    };
    let mut hhi = Decimal::ZERO;
    for payer in &active {
        let share = share_of(payer)?;
        let square = share.checked_mul(share).ok_or(AnalysisError::Overflow)?;
        hhi = hhi.checked_add(square).ok_or(AnalysisError::Overflow)?;
    }
    let largest = super::ranking::largest_by_revenue(&active, LARGEST_CLIENTS_KEPT, |p| {
        (p.total, p.client.name.as_str())
    });
    let largest_clients = largest
        .iter()
        .map(|payer| -> Result<NamedShare, AnalysisError> {
            Ok(NamedShare {
                name: payer.client.name.as_str().to_owned(),
                revenue: payer.total,
                share: Some(share_of(payer)?),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let listed = largest_clients
        .iter()
        .filter_map(|c| c.share)
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .ok_or(AnalysisError::Overflow)?;
    let rest = Decimal::ONE_HUNDRED
        .checked_sub(listed)
        .ok_or(AnalysisError::Overflow)?;
    let other_clients_share =
        (active.len() > largest_clients.len() && rest > Decimal::ZERO).then_some(rest);
    let top3 = sum(largest.iter().take(3).map(|p| p.total))?;
    let intermediated_revenue = sum(payers.iter().map(|p| p.intermediated))?;
    let mut intermediaries: HashMap<String, (&str, Money)> = HashMap::new();
    for (name, amount) in payers.iter().flat_map(|p| p.via.iter()) {
        let entry = intermediaries
            .entry(normalize_key(name))
            .or_insert((name, Money::ZERO));
        entry.1 = money::add(entry.1, *amount).ok_or(AnalysisError::Overflow)?;
    }
    let top_intermediary = intermediaries
        .into_values()
        .filter(|(_, amount)| *amount > Money::ZERO)
        .max_by(|a, b| (a.1, Reverse(a.0)).cmp(&(b.1, Reverse(b.0))))
        .map(|(name, amount)| -> Result<NamedShare, AnalysisError> {
            Ok(NamedShare {
                name: name.to_string(),
                revenue: amount,
                share: percent(amount, revenue)?,
            })
        })
        .transpose()?;
    let has_active = !active.is_empty();
    let hhi = has_active.then_some(hhi);
    let identified_share = if unidentified.is_zero() {
        None
    } else {
        percent(identified, revenue)?
    };
    let mut risk = Risk {
        revenue,
        identified_share,
        top_client: largest_clients.first().cloned(),
        top3_share: if has_active {
            percent(top3, active_revenue)?
        } else {
            None
        },
        hhi,
        effective_clients: hhi
            .filter(|h| !h.is_zero())
            .and_then(|h| Decimal::from(10_000).checked_div(h)),
        intermediated_revenue,
        intermediated_share: percent(intermediated_revenue, revenue)?,
        top_intermediary,
        active_clients: active.len() as u64,
        largest_clients,
        other_clients_share,
        flags: Vec::new(),
        level: Level::Low,
    };
    risk.flags = if identified_share.is_some_and(|share| share < IDENTIFIED_ENOUGH) {
        vec![FlagId::CoverageLow]
    } else {
        flags(&risk, thresholds)
    };
    risk.level = risk
        .flags
        .iter()
        .map(|f| f.level())
        .max()
        .unwrap_or_default();
    Ok(risk)
}

/// The flags a period raises: the strongest of each family, strongest first.
pub fn flags(risk: &Risk, t: &Thresholds) -> Vec<FlagId> {
    let top = risk.top_client.as_ref().and_then(|c| c.share);
    let at_least = |value: Option<Decimal>, limit: Decimal| value.is_some_and(|v| v >= limit);
    let above = |value: Option<Decimal>, limit: Decimal| value.is_some_and(|v| v > limit);
    let mut flags = Vec::new();
    if at_least(top, t.dependency_critical) {
        flags.push(FlagId::DependencyCritical);
    } else if at_least(top, t.dependency_high) {
        flags.push(FlagId::DependencyHigh);
    } else if at_least(top, t.dependency_moderate) {
        flags.push(FlagId::DependencyModerate);
    }
    if above(risk.hhi, t.concentration_high) {
        flags.push(FlagId::ConcentrationHigh);
    } else if above(risk.hhi, t.concentration_moderate) {
        flags.push(FlagId::ConcentrationModerate);
    }
    if at_least(risk.intermediated_share, t.intermediation_high) {
        flags.push(FlagId::IntermediationHigh);
    }
    if risk.active_clients < t.few_clients {
        flags.push(FlagId::ClientsFew);
    }
    // Stable sort: within a level, the order above (dependency first) stays.
    flags.sort_by_key(|f| Reverse(f.level()));
    flags
}

/// Risk for every year of `years`, and for the twelve months ending at the dataset's
/// as-of date.
pub fn risk(
    dataset: &Dataset,
    years: &[Year],
    thresholds: &Thresholds,
) -> Result<RiskReport, AnalysisError> {
    let as_of = dataset.as_of();
    let mut out = Vec::with_capacity(years.len());
    for &year in years {
        let payers = dataset
            .clients
            .iter()
            .filter(|c| c.years.contains_key(&year))
            .map(|c| Payer::in_year(c, year))
            .collect::<Result<Vec<_>, _>>()?;
        let unidentified = dataset
            .unidentified
            .as_ref()
            .map_or(Money::ZERO, |u| u.revenue_in(year));
        out.push((year, risk_of(&payers, unidentified, thresholds)?));
    }
    let ttm = match as_of.and_then(|to| trailing_year(to).map(|from| (from, to))) {
        Some((from, to)) => {
            // A client without daily detail pays nothing in the window.
            let payers = dataset
                .clients
                .iter()
                .filter(|c| {
                    let parts = c.extras.parts();
                    !(c.recent.is_empty()
                        && parts.recent_parts.is_empty()
                        && parts.recent_intermediaries.is_empty())
                })
                .map(|c| Payer::in_days(c, from, to))
                .collect::<Result<Vec<_>, _>>()?;
            let unidentified = match &dataset.unidentified {
                Some(u) => Payer::in_days(u, from, to)?.total,
                None => Money::ZERO,
            };
            Some(TrailingRisk {
                from,
                to,
                risk: risk_of(&payers, unidentified, thresholds)?,
            })
        }
        None => None,
    };
    Ok(RiskReport { years: out, ttm })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shares::round2;
    use crate::analysis::testdata::{build, date, dec, studio};
    use crate::model::{FiscalYearStart, Kind};

    fn summary(
        risk: &Risk,
    ) -> (
        Option<Decimal>,
        Option<Decimal>,
        Option<Decimal>,
        Option<Decimal>,
    ) {
        (
            risk.top_client.as_ref().and_then(|c| c.share).map(round2),
            risk.top3_share.map(round2),
            risk.hhi.map(round2),
            risk.effective_clients.map(round2),
        )
    }

    #[test]
    fn studio_risk_per_year() {
        let data = studio(None);
        let report = risk(&data, &[2022, 2023, 2024], &Thresholds::default()).unwrap();
        let of = |year| &report.years.iter().find(|(y, _)| *y == year).unwrap().1;
        // 2022: Acme 10 000 of 12 000 = 83.33 %, Cove 16.67 %.
        // HHI = (250/3)² + (50/3)² = 65 000 / 9 = 7 222.22; 10 000 / HHI = 1.38.
        let y2022 = of(2022);
        assert_eq!(
            summary(y2022),
            (
                Some(dec("83.33")),
                Some(dec("100.00")),
                Some(dec("7222.22")),
                Some(dec("1.38"))
            )
        );
        assert_eq!(
            y2022.flags,
            [
                FlagId::DependencyCritical,
                FlagId::ConcentrationHigh,
                FlagId::ClientsFew
            ]
        );
        assert_eq!(y2022.level, Level::Critical);
        // 2024: Acme 8 000 (40 %), Dune 5 000 (25 %), Cove and Fern 3 000 (15 % each),
        // Echo 1 000 (5 %). HHI = 1 600 + 625 + 225 + 225 + 25 = 2 700; 10 000/2 700 = 3.70.
        // Top 3 = 16 000 = 80 %. Intermediated: Dune 5 000 + Fern 3 000 = 40 %; the
        // largest intermediary is Malt (5 000, 25 %).
        let y2024 = of(2024);
        assert_eq!(
            summary(y2024),
            (
                Some(dec("40.00")),
                Some(dec("80.00")),
                Some(dec("2700.00")),
                Some(dec("3.70"))
            )
        );
        assert_eq!(y2024.top_client.as_ref().unwrap().name, "Acme");
        assert_eq!(y2024.intermediated_share.map(round2), Some(dec("40.00")));
        let malt = y2024.top_intermediary.as_ref().unwrap();
        assert_eq!((malt.name.as_str(), malt.revenue), ("Malt", dec("5000")));
        assert_eq!(y2024.active_clients, 5);
        assert_eq!(
            y2024.flags,
            [FlagId::ConcentrationHigh, FlagId::DependencyModerate]
        );
        assert_eq!(y2024.level, Level::High);
        let names: Vec<&str> = y2024
            .largest_clients
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["Acme", "Dune", "Cove", "Fern", "Echo"]);
        // Every active client is listed: no share is left for others.
        assert_eq!(y2024.other_clients_share, None);
    }

    #[test]
    fn the_clients_past_the_largest_share_what_the_largest_leave() {
        // Ten clients of 1 000 are listed, two of 500 are not: 1 000 of 11 000.
        let names = [
            "C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11", "C12",
        ];
        let rows: Vec<_> = names
            .iter()
            .enumerate()
            .map(|(n, name)| {
                let amount = if n < 10 { "1000" } else { "500" };
                (*name, date(2023, 5, 1), amount, Kind::Service, "")
            })
            .collect();
        let data = build(&rows, FiscalYearStart::default(), None);
        let report = risk(&data, &[2023], &Thresholds::default()).unwrap();
        let r = &report.years[0].1;
        assert_eq!(r.largest_clients.len(), LARGEST_CLIENTS_KEPT);
        // 100 − 10 × (1 000 / 11 000 × 100) = 9.09…
        assert_eq!(r.other_clients_share.map(round2), Some(dec("9.09")));
    }

    #[test]
    fn trailing_twelve_months_with_a_credit_note() {
        let as_of = date(2024, 6, 30);
        let data = studio(Some(as_of));
        let report = risk(&data, &[2024], &Thresholds::default()).unwrap();
        let ttm = report.ttm.unwrap();
        assert_eq!((ttm.from, ttm.to), (date(2023, 7, 1), as_of));
        // 2023-07-01..2024-06-30: Bolt 2 000, Acme −1 000 (credit note), Dune 5 000,
        // Echo 1 000, Cove 3 000: 10 000 in all, 11 000 from the four active clients.
        // Shares over 11 000: 5/11, 3/11, 2/11, 1/11; HHI = 39/121 × 10 000 = 3 223.14.
        let r = &ttm.risk;
        assert_eq!(r.revenue, dec("10000"));
        assert_eq!(r.active_clients, 4);
        assert_eq!(
            summary(r),
            (
                Some(dec("45.45")),
                Some(dec("90.91")),
                Some(dec("3223.14")),
                Some(dec("3.10"))
            )
        );
        // Malt carries 5 000 of 10 000: intermediation reaches 50 %.
        assert_eq!(r.intermediated_share.map(round2), Some(dec("50.00")));
        assert_eq!(
            r.flags,
            [
                FlagId::ConcentrationHigh,
                FlagId::IntermediationHigh,
                FlagId::DependencyModerate
            ]
        );
    }

    #[test]
    fn one_client_is_critical() {
        let data = build(
            &[("Solo", date(2023, 5, 1), "500", Kind::Service, "")],
            FiscalYearStart::default(),
            None,
        );
        let report = risk(&data, &[2023], &Thresholds::default()).unwrap();
        let r = &report.years[0].1;
        assert_eq!(r.hhi, Some(dec("10000")));
        assert_eq!(r.effective_clients, Some(Decimal::ONE));
        assert_eq!(
            r.flags,
            [
                FlagId::DependencyCritical,
                FlagId::ConcentrationHigh,
                FlagId::ClientsFew
            ]
        );
        assert_eq!(r.level, Level::Critical);
    }

    #[test]
    fn a_year_without_revenue_has_no_shares_but_few_clients() {
        let data = build(
            &[
                ("Acme", date(2023, 1, 1), "1000", Kind::Service, ""),
                ("Acme", date(2023, 2, 1), "-1000", Kind::Service, ""),
            ],
            FiscalYearStart::default(),
            None,
        );
        let report = risk(&data, &[2023], &Thresholds::default()).unwrap();
        let r = &report.years[0].1;
        assert_eq!(
            (r.top_client.clone(), r.hhi, r.intermediated_share),
            (None, None, None)
        );
        assert_eq!(r.flags, [FlagId::ClientsFew]);
    }

    #[test]
    fn thresholds_come_from_the_caller() {
        let data = studio(None);
        let strict = Thresholds {
            dependency_critical: dec("40"),
            ..Thresholds::default()
        };
        let report = risk(&data, &[2024], &strict).unwrap();
        assert_eq!(report.years[0].1.level, Level::Critical);
    }
}
