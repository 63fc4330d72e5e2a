//! The client "marguerite" (SPEC §3.1): each year's revenue split into primary segments
//! that add up to the whole (five, and a sixth for revenue whose payer is unknown), two
//! overlays, and the dormant clients.

use std::cmp::Reverse;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{money, Client, ClientIdx, Dataset, Money, Year};

use super::error::AnalysisError;
use super::notes::Note;
use super::payers::Payer;
use super::shares::{percent, round_to_hundred, sum};

/// The primary segments, in the order they are decided and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    New,
    Loyal,
    Reactivated,
    Intermediated,
    OtherIncome,
    /// Revenue whose payer is unknown (SPEC 2.3); in a year's segments only when it has
    /// some.
    Unidentified,
}

impl Segment {
    pub const ALL: [Segment; 6] = [
        Segment::New,
        Segment::Loyal,
        Segment::Reactivated,
        Segment::Intermediated,
        Segment::OtherIncome,
        Segment::Unidentified,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Segment::New => "new",
            Segment::Loyal => "loyal",
            Segment::Reactivated => "reactivated",
            Segment::Intermediated => "intermediated",
            Segment::OtherIncome => "other_income",
            Segment::Unidentified => "unidentified",
        }
    }
}

/// One segment (or overlay) in one year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SegmentFigures {
    pub revenue: Money,
    /// Exact share of the year's revenue, in percent; `None` when the year's revenue is
    /// not positive.
    pub share: Option<Decimal>,
    /// The share rounded to two decimals; primary shares are rounded so they sum to 100.
    pub share_shown: Option<Decimal>,
    /// Clients with positive revenue in the segment.
    pub clients: u64,
    /// Change in share since the year before, in percentage points.
    pub share_change: Option<Decimal>,
}

/// One year's marguerite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSegments {
    pub year: Year,
    pub revenue: Money,
    /// In [`Segment::ALL`] order; `unidentified` only when the year has some.
    pub primary: Vec<(Segment, SegmentFigures)>,
    /// Revenue from clients acquired by referral.
    pub referred: SegmentFigures,
    /// Revenue from clients who referred someone.
    pub referrer_clients: SegmentFigures,
}

impl YearSegments {
    pub fn get(&self, segment: Segment) -> Option<&SegmentFigures> {
        self.primary
            .iter()
            .find(|(s, _)| *s == segment)
            .map(|(_, f)| f)
    }

    /// The segment with the most revenue.
    pub fn largest(&self) -> Option<(Segment, &SegmentFigures)> {
        self.primary
            .iter()
            .max_by_key(|(s, f)| (f.revenue, Reverse(*s)))
            .map(|(s, f)| (*s, f))
    }
}

/// A client that stopped buying: the reactivation list. Its name and last invoice are
/// the dataset client's, which `client` points at (most clients of a large file are
/// dormant: none of them is copied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DormantClient {
    pub client: ClientIdx,
    pub lifetime_revenue: Money,
    /// The client's best year and its revenue.
    pub best_year: Option<(Year, Money)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentsReport {
    pub years: Vec<YearSegments>,
    /// Sorted by lifetime revenue, largest first.
    pub dormant: Vec<DormantClient>,
    /// The dormant clients' lifetime revenue, all together.
    pub dormant_revenue: Money,
}

/// The primary segment a client's direct work falls in for `year`.
fn direct_segment(client: &Client, year: Year, dataset: &Dataset) -> Segment {
    match client.first_year(dataset.fiscal_year_start) {
        Some(first) if first >= year => Segment::New,
        None => Segment::New,
        Some(_) if client.is_active_in(year - 1) => Segment::Loyal,
        Some(_) => Segment::Reactivated,
    }
}

/// A client's revenue in `year` per primary segment, in [`Segment::ALL`] order.
pub fn client_split(
    client: &Client,
    year: Year,
    dataset: &Dataset,
) -> Result<[Money; 6], AnalysisError> {
    let payer = Payer::in_year(client, year)?;
    let direct = money::sub(payer.total, payer.other_income)
        .and_then(|d| money::sub(d, payer.intermediated))
        .ok_or(AnalysisError::Overflow)?;
    let direct_to = direct_segment(client, year, dataset);
    Ok(Segment::ALL.map(|segment| match segment {
        Segment::Intermediated => payer.intermediated,
        Segment::OtherIncome => payer.other_income,
        Segment::Unidentified => Money::ZERO,
        _ if segment == direct_to => direct,
        _ => Money::ZERO,
    }))
}

#[derive(Default)]
struct Tally {
    revenue: Money,
    clients: u64,
}

impl Tally {
    fn add(&mut self, amount: Money) -> Result<(), AnalysisError> {
        self.revenue = money::add(self.revenue, amount).ok_or(AnalysisError::Overflow)?;
        if amount > Money::ZERO {
            self.clients += 1;
        }
        Ok(())
    }
}

/// One year's running totals.
#[derive(Default)]
struct YearTallies {
    primary: [Tally; 6],
    referred: Tally,
    referrer_clients: Tally,
}

impl YearTallies {
    fn add(
        &mut self,
        client: &Client,
        year: Year,
        is_referrer: bool,
        dataset: &Dataset,
    ) -> Result<(), AnalysisError> {
        let split = client_split(client, year, dataset)?;
        for (tally, amount) in self.primary.iter_mut().zip(split) {
            tally.add(amount)?;
        }
        let total = client.revenue_in(year);
        if client.is_referred() {
            self.referred.add(total)?;
        }
        if is_referrer {
            self.referrer_clients.add(total)?;
        }
        Ok(())
    }

    fn finish(self, year: Year) -> Result<YearSegments, AnalysisError> {
        let revenue = sum(self.primary.iter().map(|t| t.revenue))?;
        let figures = |tally: &Tally| -> Result<SegmentFigures, AnalysisError> {
            let share = percent(tally.revenue, revenue)?;
            Ok(SegmentFigures {
                revenue: tally.revenue,
                share,
                share_shown: share.map(super::shares::round2),
                clients: tally.clients,
                share_change: None,
            })
        };
        let mut primary = Vec::with_capacity(Segment::ALL.len());
        for (segment, tally) in Segment::ALL.iter().zip(&self.primary) {
            if *segment == Segment::Unidentified && tally.revenue.is_zero() {
                continue;
            }
            primary.push((*segment, figures(tally)?));
        }
        let exact: Option<Vec<Decimal>> = primary.iter().map(|(_, f)| f.share).collect();
        if let Some(exact) = exact {
            for ((_, f), shown) in primary.iter_mut().zip(round_to_hundred(&exact)) {
                f.share_shown = Some(shown);
            }
        }
        Ok(YearSegments {
            year,
            revenue,
            primary,
            referred: figures(&self.referred)?,
            referrer_clients: figures(&self.referrer_clients)?,
        })
    }
}

/// The marguerite of each of `years` (sorted, without repeats), in one pass over the
/// clients rather than one per year: a file can have a million clients.
fn years_segments(
    dataset: &Dataset,
    years: &[Year],
    referrers: &[bool],
) -> Result<Vec<YearSegments>, AnalysisError> {
    let mut tallies: Vec<YearTallies> = years.iter().map(|_| YearTallies::default()).collect();
    for (client, is_referrer) in dataset.clients.iter().zip(referrers) {
        for year in client.years.keys() {
            let Ok(index) = years.binary_search(&year) else {
                continue;
            };
            if let Some(tally) = tallies.get_mut(index) {
                tally.add(client, year, *is_referrer, dataset)?;
            }
        }
    }
    for (year, figures) in dataset.unidentified.iter().flat_map(|u| &u.years) {
        let unidentified = years
            .binary_search(&year)
            .ok()
            .and_then(|index| tallies.get_mut(index))
            .and_then(|tally| tally.primary.get_mut(Segment::Unidentified as usize));
        if let Some(tally) = unidentified {
            // Revenue, but no client.
            tally.revenue =
                money::add(tally.revenue, figures.total).ok_or(AnalysisError::Overflow)?;
        }
    }
    years
        .iter()
        .zip(tallies)
        .map(|(&year, tally)| tally.finish(year))
        .collect()
}

fn change(now: &mut SegmentFigures, before: &SegmentFigures) {
    now.share_change = match (now.share, before.share) {
        (Some(n), Some(b)) => n.checked_sub(b),
        _ => None,
    };
}

/// The day a client's last invoice must precede for it to be dormant at `as_of`:
/// `months` months earlier.
pub fn dormant_before(as_of: Option<NaiveDate>, months: u32) -> Option<NaiveDate> {
    as_of.and_then(|d| d.checked_sub_months(Months::new(months)))
}

/// Whether `client`'s last invoice precedes `limit` (from [`dormant_before`]).
pub fn is_dormant(client: &Client, limit: Option<NaiveDate>) -> bool {
    matches!((client.last_invoice, limit), (Some(last), Some(limit)) if last < limit)
}

/// Clients whose last invoice is more than `months` months before `as_of`.
pub fn dormant_clients(
    dataset: &Dataset,
    as_of: Option<NaiveDate>,
    months: u32,
) -> Result<Vec<DormantClient>, AnalysisError> {
    let limit = dormant_before(as_of, months);
    if limit.is_none() {
        return Ok(Vec::new());
    }
    let mut dormant = Vec::new();
    for (index, client) in dataset.clients.iter().enumerate() {
        if !is_dormant(client, limit) {
            continue;
        }
        let lifetime_revenue = client.lifetime_revenue().ok_or(AnalysisError::Overflow)?;
        dormant.push((lifetime_revenue, index, client));
    }
    super::ranking::sort_by_revenue(&mut dormant, |&(lifetime, _, client)| {
        (lifetime, client.name.as_str())
    });
    let dormant = dormant
        .into_iter()
        .map(|(lifetime_revenue, index, client)| DormantClient {
            client: ClientIdx(index),
            lifetime_revenue,
            best_year: client
                .years
                .iter()
                .map(|(y, r)| (y, r.total))
                .max_by_key(|(y, total)| (*total, Reverse(*y))),
        })
        .collect();
    Ok(dormant)
}

/// The marguerite for every year of `years`, and the dormant clients as of `as_of`.
pub fn segments(
    dataset: &Dataset,
    referrers: &[bool],
    years: &[Year],
    as_of: Option<NaiveDate>,
    dormant_after_months: u32,
    notes: &mut Vec<Note>,
) -> Result<SegmentsReport, AnalysisError> {
    // The year before the first is computed too, for the first year's changes.
    let mut wanted: Vec<Year> = years.first().map(|first| first - 1).into_iter().collect();
    wanted.extend(years);
    wanted.sort_unstable();
    wanted.dedup();
    let computed = years_segments(dataset, &wanted, referrers)?;
    let of = |year: Year| {
        let index = wanted.binary_search(&year).ok()?;
        computed.get(index).cloned()
    };
    let mut out: Vec<YearSegments> = Vec::with_capacity(years.len());
    let mut previous: Option<YearSegments> = years.first().and_then(|first| of(first - 1));
    for &year in years {
        let Some(mut now) = of(year) else {
            continue;
        };
        if now.revenue <= Money::ZERO {
            notes.push(Note::NoSharesForYear {
                year,
                revenue: now.revenue,
            });
        }
        if let Some(before) = &previous {
            for (segment, n) in now.primary.iter_mut() {
                change(
                    n,
                    before.get(*segment).unwrap_or(&SegmentFigures::default()),
                );
            }
            change(&mut now.referred, &before.referred);
            change(&mut now.referrer_clients, &before.referrer_clients);
        }
        previous = Some(now.clone());
        out.push(now);
    }
    let dormant = dormant_clients(dataset, as_of, dormant_after_months)?;
    let dormant_revenue = super::shares::sum(dormant.iter().map(|d| d.lifetime_revenue))?;
    Ok(SegmentsReport {
        years: out,
        dormant,
        dormant_revenue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::referral_graph::ReferralGraph;
    use crate::analysis::revenue::listed;
    use crate::analysis::testdata::{build, date, dec, studio};
    use crate::model::{FiscalYearStart, Kind};

    fn shown(year: &YearSegments) -> Vec<(Segment, Option<Decimal>, u64)> {
        year.primary
            .iter()
            .map(|(s, f)| (*s, f.share_shown, f.clients))
            .collect()
    }

    #[test]
    fn studio_marguerite() {
        let data = studio(None);
        let mut notes = Vec::new();
        let referrers = ReferralGraph::build(&data).clients_who_referred(data.clients.len());
        let years = [2022, 2023, 2024];
        let report = segments(&data, &referrers, &years, data.latest_date, 12, &mut notes).unwrap();
        assert!(notes.is_empty());
        let [y2022, y2023, y2024] = report.years.as_slice() else {
            panic!("three years")
        };
        // 2022: Acme 10 000 and Cove 2 000, both first invoiced that year.
        assert_eq!(y2022.get(Segment::New).unwrap().revenue, dec("12000"));
        assert_eq!(
            y2022.get(Segment::New).unwrap().share_shown,
            Some(dec("100.00"))
        );
        assert_eq!(y2022.get(Segment::New).unwrap().share_change, None);
        // 2023 (17 000): Acme 12 000 loyal = 70.588…, Bolt 3 000 new = 17.647…,
        // Fern (an agency) 2 000 intermediated = 11.764…
        assert_eq!(
            shown(y2023),
            [
                (Segment::New, Some(dec("17.65")), 1),
                (Segment::Loyal, Some(dec("70.59")), 1),
                (Segment::Reactivated, Some(dec("0.00")), 0),
                (Segment::Intermediated, Some(dec("11.76")), 1),
                (Segment::OtherIncome, Some(dec("0.00")), 0),
            ]
        );
        // 2024 (20 000): Acme 9 000 − 1 000 credit note = 8 000 loyal (40 %), Cove won
        // back 3 000 (15 %), Dune via Malt 5 000 + Fern 3 000 intermediated (40 %), Echo's
        // royalties 1 000 (5 %). No new client work: Dune's is intermediated.
        assert_eq!(
            shown(y2024),
            [
                (Segment::New, Some(dec("0.00")), 0),
                (Segment::Loyal, Some(dec("40.00")), 1),
                (Segment::Reactivated, Some(dec("15.00")), 1),
                (Segment::Intermediated, Some(dec("40.00")), 2),
                (Segment::OtherIncome, Some(dec("5.00")), 1),
            ]
        );
        // Changes in points: loyal 40 − 70.588 = −30.59, intermediated 40 − 11.765 = 28.24.
        let change = |s| {
            y2024
                .get(s)
                .unwrap()
                .share_change
                .map(crate::analysis::shares::round2)
        };
        assert_eq!(change(Segment::Loyal), Some(dec("-30.59")));
        assert_eq!(change(Segment::Intermediated), Some(dec("28.24")));
        assert_eq!(change(Segment::New), Some(dec("-17.65")));
        // Overlays: Bolt was referred (3 000 in 2023); Acme referred Bolt.
        assert_eq!(y2023.referred.revenue, dec("3000"));
        assert_eq!(y2023.referrer_clients.share_shown, Some(dec("70.59")));
        assert_eq!(
            (y2024.referred.revenue, y2024.referred.clients),
            (Money::ZERO, 0)
        );
        assert_eq!(y2024.referrer_clients.revenue, dec("8000"));
        assert_eq!(y2024.largest().map(|(s, _)| s), Some(Segment::Loyal));
        // Dormant as of 2024-11-30 (12 months): Bolt, last invoiced 2023-09-01.
        assert_eq!(
            report.dormant,
            [DormantClient {
                client: ClientIdx(data.clients.iter().position(|c| c.name == "Bolt").unwrap()),
                lifetime_revenue: dec("3000"),
                best_year: Some((2023, dec("3000"))),
            }]
        );
        let bolt = listed(&data.clients, report.dormant[0].client);
        assert_eq!(bolt.last_invoice, Some(date(2023, 9, 1)));
        let later = dormant_clients(&data, Some(date(2025, 12, 1)), 12).unwrap();
        let names: Vec<&str> = later
            .iter()
            .map(|d| listed(&data.clients, d.client).name.as_str())
            .collect();
        // Everyone, by lifetime: Acme 30 000; Cove, Dune, Fern 5 000 (by name); Bolt
        // 3 000; Echo 1 000.
        assert_eq!(names, ["Acme", "Cove", "Dune", "Fern", "Bolt", "Echo"]);
        assert_eq!(report.dormant_revenue, dec("3000"));
        // Their lifetime revenue, added up in the analysis: 30 000 + 3 × 5 000 + 3 000
        // + 1 000.
        let later = segments(
            &data,
            &referrers,
            &years,
            Some(date(2025, 12, 1)),
            12,
            &mut notes,
        );
        assert_eq!(later.unwrap().dormant_revenue, dec("49000"));
    }

    #[test]
    fn a_year_that_nets_to_zero_has_no_shares() {
        let data = build(
            &[
                ("Acme", date(2023, 1, 1), "1000", Kind::Service, ""),
                ("Acme", date(2023, 2, 1), "-1000", Kind::Service, ""),
            ],
            FiscalYearStart::default(),
            None,
        );
        let mut notes = Vec::new();
        let report = segments(&data, &[false], &[2023], None, 12, &mut notes).unwrap();
        let year = &report.years[0];
        assert!(year
            .primary
            .iter()
            .all(|(_, f)| f.share.is_none() && f.share_shown.is_none()));
        assert_eq!(
            notes,
            [Note::NoSharesForYear {
                year: 2023,
                revenue: Money::ZERO
            }]
        );
    }
}
