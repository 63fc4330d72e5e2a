//! The portfolio of portfolios (SPEC 6): one row of figures per group of an
//! `analyze --by` run, all about the same focus year, and where the groups stand
//! against each other (counts per risk level, quartiles of the top client's share and of
//! revenue growth).

use std::cmp::Reverse;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::model::{money, Money, Year};

use super::french_thresholds::MicroStatus;
use super::risk::Level;
use super::Analysis;

/// One group's figures for the focus year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupFigures {
    pub revenue: Money,
    /// Revenue change on the previous year, percent; `None` without revenue before.
    pub change: Option<Decimal>,
    pub active_clients: u64,
    pub new_clients: u64,
    /// The largest client's share of the year's revenue, percent.
    pub top_share: Option<Decimal>,
    pub hhi: Option<Decimal>,
    pub level: Level,
    /// Share of the previous year's clients kept, percent.
    pub retention_rate: Option<Decimal>,
    /// The NPS of the group's answers, when it has any.
    pub nps: Option<Decimal>,
    /// Receivables past due at the as-of date, when the export has payment data.
    pub overdue: Option<Money>,
    /// The micro-ceiling status of the focus year (its projection's when that is
    /// worse), with `--regime`; `true` when it is the projection's.
    pub micro: Option<(MicroStatus, bool)>,
}

/// Why a group has no row of figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// No revenue in the focus year (the group stopped, or started later).
    NoRevenueInYear,
    /// Its report failed, with the reason in English (the NDJSON's `error`).
    Failed(String),
}

/// One group: its value of the `--by` column and its figures, or why there are none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRow {
    pub group: String,
    pub figures: Result<GroupFigures, Missing>,
}

/// The first, second and third quartiles of a set of values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    pub q1: Decimal,
    pub median: Decimal,
    pub q3: Decimal,
}

/// What the summary says above its table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    /// Groups at each level, most severe first; levels no group reached are left out.
    pub per_level: Vec<(Level, u64)>,
    pub top_share: Option<Spread>,
    pub growth: Option<Spread>,
}

/// A group's figures for `focus`, read from its analysis; `None` when it has no
/// revenue that year.
pub fn figures(analysis: &Analysis, focus: Year) -> Option<GroupFigures> {
    let year = analysis.revenue.years.iter().find(|y| y.year == focus)?;
    if year.revenue <= Money::ZERO {
        return None;
    }
    let before = analysis
        .revenue
        .years
        .iter()
        .find(|y| y.year == focus - 1)
        .map(|y| y.revenue)
        .filter(|r| *r > Money::ZERO);
    let change = before.and_then(|b| {
        year.revenue
            .checked_sub(b)?
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(b)
    });
    let risk = analysis
        .risk
        .years
        .iter()
        .find(|(y, _)| *y == focus)
        .map(|(_, r)| r);
    let retention = analysis.retention.years.iter().find(|r| r.year == focus);
    let overdue = analysis.payments.as_ref().and_then(|p| {
        let r = &p.receivables;
        money::sub(r.total, r.buckets.not_due)
    });
    let micro = analysis.thresholds.as_ref().and_then(|t| {
        let year = t.years.iter().find(|y| y.year == focus)?;
        let projected = t
            .projection
            .as_ref()
            .filter(|p| p.year == focus && p.micro_status > year.micro_status);
        Some(match projected {
            Some(p) => (p.micro_status, true),
            None => (year.micro_status, false),
        })
    });
    Some(GroupFigures {
        revenue: year.revenue,
        change,
        active_clients: year.active_clients,
        new_clients: retention.map_or(0, |r| r.new),
        top_share: risk.and_then(|r| r.top_client.as_ref()?.share),
        hhi: risk.and_then(|r| r.hhi),
        level: risk.map_or(Level::Unknown, |r| r.level),
        retention_rate: retention.and_then(|r| r.retention_rate),
        nps: analysis.nps.overall.nps,
        overdue,
        micro,
    })
}

/// The rows in the summary's order: the most severe risk first, then by revenue
/// (largest first), then by group; the groups without figures last, by group.
pub fn order(rows: &mut [GroupRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &GroupRow| match &r.figures {
            Ok(f) => (0, Reverse(f.level), Reverse(f.revenue)),
            Err(_) => (1, Reverse(Level::Unknown), Reverse(Money::ZERO)),
        };
        key(a).cmp(&key(b)).then_with(|| a.group.cmp(&b.group))
    });
}

/// Quartiles by linear interpolation between the sorted values (the method of most
/// spreadsheets' QUARTILE.INC): position `p × (n − 1)`.
pub fn spread(values: &[Decimal]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    sorted.sort();
    let last = sorted.len().checked_sub(1)?;
    let at = |p: Decimal| -> Option<Decimal> {
        let position = p.checked_mul(Decimal::from(last))?;
        let below = position.floor();
        let fraction = position - below;
        let index = below.to_usize()?;
        let low = *sorted.get(index)?;
        let high = sorted.get(index + 1).copied().unwrap_or(low);
        // Checked: a growth of 10^28 % is a figure an export can hold.
        low.checked_add(high.checked_sub(low)?.checked_mul(fraction)?)
    };
    Some(Spread {
        q1: at(Decimal::new(25, 2))?,
        median: at(Decimal::new(5, 1))?,
        q3: at(Decimal::new(75, 2))?,
    })
}

/// Counts per level and the spreads of the groups that have figures.
pub fn overview(rows: &[GroupRow]) -> Overview {
    let with_figures: Vec<&GroupFigures> = rows
        .iter()
        .filter_map(|r| r.figures.as_ref().ok())
        .collect();
    let per_level = [
        Level::Critical,
        Level::High,
        Level::Moderate,
        Level::Low,
        Level::Unknown,
    ]
    .into_iter()
    .map(|level| {
        let count = with_figures.iter().filter(|f| f.level == level).count() as u64;
        (level, count)
    })
    .filter(|(_, count)| *count > 0)
    .collect();
    let values = |pick: fn(&GroupFigures) -> Option<Decimal>| -> Vec<Decimal> {
        with_figures.iter().filter_map(|f| pick(f)).collect()
    };
    Overview {
        per_level,
        top_share: spread(&values(|f| f.top_share)),
        growth: spread(&values(|f| f.change)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    #[test]
    fn quartiles_interpolate_like_a_spreadsheet() {
        // 10, 20, 30, 40: positions 0.75, 1.5, 2.25 → 17.5, 25, 32.5 (QUARTILE.INC).
        let s = spread(&[dec("40"), dec("10"), dec("30"), dec("20")]).unwrap();
        assert_eq!(
            (s.q1, s.median, s.q3),
            (dec("17.5"), dec("25"), dec("32.5"))
        );
        // Odd count: the median is the middle value.
        let s = spread(&[dec("5"), dec("1"), dec("3")]).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (dec("2"), dec("3"), dec("4")));
        let one = spread(&[dec("7")]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (dec("7"), dec("7"), dec("7")));
        assert_eq!(spread(&[]), None);
    }

    fn row(group: &str, level: Level, revenue: i64) -> GroupRow {
        GroupRow {
            group: group.into(),
            figures: Ok(GroupFigures {
                revenue: Money::from(revenue),
                change: None,
                active_clients: 1,
                new_clients: 0,
                top_share: Some(Decimal::from(revenue % 100)),
                hhi: None,
                level,
                retention_rate: None,
                nps: None,
                overdue: None,
                micro: None,
            }),
        }
    }

    #[test]
    fn the_most_at_risk_come_first_then_the_largest() {
        let mut rows = vec![
            GroupRow {
                group: "gone".into(),
                figures: Err(Missing::NoRevenueInYear),
            },
            row("small low", Level::Low, 10),
            row("big high", Level::High, 900),
            row("critical", Level::Critical, 50),
            row("small high", Level::High, 120),
        ];
        order(&mut rows);
        let names: Vec<&str> = rows.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(
            names,
            ["critical", "big high", "small high", "small low", "gone"]
        );
        let overview = overview(&rows);
        assert_eq!(
            overview.per_level,
            [(Level::Critical, 1), (Level::High, 2), (Level::Low, 1)]
        );
        // Top shares 50, 0, 20, 10 → sorted 0, 10, 20, 50.
        let s = overview.top_share.unwrap();
        assert_eq!((s.q1, s.median, s.q3), (dec("7.5"), dec("15"), dec("27.5")));
        assert_eq!(overview.growth, None);
    }
}
