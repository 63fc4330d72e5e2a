//! Referrers (SPEC §3.5): who recommends the freelancer, and what the clients they
//! referred brought in, directly and down the referral chain.

use std::cmp::Reverse;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::model::{money, trailing_year, ClientIdx, Dataset, Money, Thanked, Year};

use super::error::AnalysisError;
use super::referral_graph::{Node, ReferralGraph};
use super::shares::sum;

/// Whether a referrer still sends clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferrerStatus {
    /// A client it referred had a first invoice in the twelve months to the as-of date.
    Active,
    Dormant,
}

/// One referrer: every name in the clients file's `referred_by` column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referrer {
    pub name: String,
    /// Set when the referrer is itself an invoiced client.
    pub client: Option<ClientIdx>,
    /// The people it referred directly, as the clients file lists them.
    pub referred: Vec<String>,
    /// Focus-year revenue of the clients it referred directly.
    pub revenue_focus_year: Money,
    /// Lifetime revenue of the clients it referred directly.
    pub revenue_lifetime: Money,
    /// The same for the clients referred by those, at any depth, each counted once.
    pub indirect_revenue_focus_year: Money,
    pub indirect_revenue_lifetime: Money,
    /// First invoice of the latest client it referred.
    pub last_referral: Option<NaiveDate>,
    pub status: ReferrerStatus,
    /// `Some(false)` when the clients file says a referral was not thanked, `Some(true)`
    /// when all the referrals it says anything about were; `None` when it says nothing.
    pub thanked: Option<bool>,
    /// The latest date of thanks the clients file gives.
    pub thanked_on: Option<NaiveDate>,
    /// The commission rate of its referrals, in percent, when they all have the same.
    pub commission_rate: Option<Decimal>,
    /// Per year with revenue from the clients it referred directly: what they brought
    /// and the commission due on it.
    pub years: Vec<ReferrerYear>,
    /// The years whose commission reaches the French DAS2 declaration threshold.
    pub das2_years: Vec<Year>,
    /// The commission due over every year, when any is.
    pub commission_total: Option<Money>,
}

/// What a referrer's direct referrals brought in one year (SPEC 3.11).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferrerYear {
    pub year: Year,
    /// Referred clients with revenue in the year.
    pub clients: u64,
    pub revenue: Money,
    /// Σ rate × revenue over them, rounded once to the cent; `None` when none has a rate.
    pub commission: Option<Money>,
}

/// Fees paid to one beneficiary in a year from which France wants them declared (DAS2).
pub const DAS2_THRESHOLD: i64 = 2400;

/// The commission rates of the clients a referrer brought, and each year's commission.
struct Commissions {
    rate: Option<Decimal>,
    years: Vec<ReferrerYear>,
    das2_years: Vec<Year>,
    total: Option<Money>,
}

fn commissions(
    referred: &[&crate::model::Client],
    years: &[Year],
    default_rate: Option<Decimal>,
) -> Result<Commissions, AnalysisError> {
    let rate_of = |c: &crate::model::Client| {
        c.extras
            .profile()
            .and_then(|p| p.commission_rate)
            .or(default_rate)
    };
    let rates: Vec<Option<Decimal>> = referred.iter().map(|c| rate_of(c)).collect();
    let rate = match rates.split_first() {
        Some((first, rest)) if first.is_some() && rest.iter().all(|r| r == first) => *first,
        _ => None,
    };
    let mut out = Vec::new();
    for &year in years {
        let (mut clients, mut revenue, mut raw, mut rated) = (0, Money::ZERO, Decimal::ZERO, false);
        for (client, rate) in referred.iter().zip(&rates) {
            let earned = client.revenue_in(year);
            if earned <= Money::ZERO {
                continue;
            }
            clients += 1;
            revenue = money::add(revenue, earned).ok_or(AnalysisError::Overflow)?;
            if let Some(rate) = rate {
                rated = true;
                let part = earned
                    .checked_mul(*rate)
                    .and_then(|p| p.checked_div(Decimal::ONE_HUNDRED))
                    .ok_or(AnalysisError::Overflow)?;
                raw = money::add(raw, part).ok_or(AnalysisError::Overflow)?;
            }
        }
        if clients > 0 {
            out.push(ReferrerYear {
                year,
                clients,
                revenue,
                commission: rated
                    .then(|| raw.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)),
            });
        }
    }
    let das2_years = out
        .iter()
        .filter(|y| {
            y.commission
                .is_some_and(|c| c >= Money::from(DAS2_THRESHOLD))
        })
        .map(|y| y.year)
        .collect();
    let mut due = out.iter().filter_map(|y| y.commission).peekable();
    let total = match due.peek() {
        Some(_) => Some(money::sum(due).ok_or(AnalysisError::Overflow)?),
        None => None,
    };
    Ok(Commissions {
        rate,
        years: out,
        das2_years,
        total,
    })
}

/// What one referrer is owed thanks for: all of its referrals the file speaks about.
fn thanks<'a>(referrals: impl Iterator<Item = &'a Node>) -> (Option<bool>, Option<NaiveDate>) {
    let mut thanked = None;
    let mut on = None;
    for referral in referrals {
        match referral.thanked {
            Some(Thanked::Yes(yes)) => thanked = Some(thanked.unwrap_or(true) && yes),
            Some(Thanked::On(date)) => {
                thanked = Some(thanked.unwrap_or(true));
                on = on.max(Some(date));
            }
            None => {}
        }
    }
    (thanked, on)
}

/// What the referrers' statements cover: the report's years, and the commission rate
/// of referrals whose client has none in the clients file (`[referrals]` in
/// portfolio.toml).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statements {
    pub years: Vec<Year>,
    pub default_rate: Option<Decimal>,
}

/// Every referrer, sorted by lifetime revenue brought, then indirect revenue, then name.
pub fn referrers(
    dataset: &Dataset,
    graph: &ReferralGraph,
    focus_year: Option<Year>,
    as_of: Option<NaiveDate>,
    statements: &Statements,
) -> Result<Vec<Referrer>, AnalysisError> {
    let client_of = |node: &Node| node.client.and_then(|c| dataset.clients.get(c.0));
    let lifetime = |node: &Node| {
        client_of(node)
            .map(|c| c.lifetime_revenue().ok_or(AnalysisError::Overflow))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    let lifetimes = graph
        .nodes
        .iter()
        .map(lifetime)
        .collect::<Result<Vec<_>, _>>()?;
    let in_focus: Vec<Money> = graph
        .nodes
        .iter()
        .map(|n| {
            let revenue = focus_year.zip(client_of(n)).map(|(y, c)| c.revenue_in(y));
            revenue.unwrap_or_default()
        })
        .collect();
    let at = |values: &[Money], n: usize| values.get(n).copied().unwrap_or_default();
    let chain_lifetime = graph.chain_totals(&lifetimes)?;
    let chain_focus = graph.chain_totals(&in_focus)?;
    let active_from = as_of.and_then(trailing_year);

    let mut out = Vec::new();
    for (index, node) in graph.nodes.iter().enumerate() {
        let children = graph.children(index);
        if children.is_empty() {
            continue;
        }
        let direct = |values: &[Money]| sum(children.iter().map(|&c| at(values, c)));
        // Everyone below a direct referral: its chain total less its own revenue.
        let below = |chains: &[Money], own: &[Money]| -> Result<Money, AnalysisError> {
            let chains = sum(children.iter().map(|&c| at(chains, c)))?;
            money::sub(chains, direct(own)?).ok_or(AnalysisError::Overflow)
        };
        let referred_nodes = || children.iter().filter_map(|&c| graph.node(c));
        let last_referral = referred_nodes().filter_map(|n| n.first_invoice).max();
        let active = matches!(
            (last_referral, active_from, as_of),
            (Some(last), Some(from), Some(to)) if last >= from && last <= to
        );
        let (thanked, thanked_on) = thanks(referred_nodes());
        let referred_clients: Vec<&crate::model::Client> =
            referred_nodes().filter_map(client_of).collect();
        let commissions = commissions(
            &referred_clients,
            &statements.years,
            statements.default_rate,
        )?;
        out.push(Referrer {
            name: node.name.clone(),
            client: node.client,
            referred: referred_nodes().map(|n| n.name.clone()).collect(),
            revenue_focus_year: direct(&in_focus)?,
            revenue_lifetime: direct(&lifetimes)?,
            indirect_revenue_focus_year: below(&chain_focus, &in_focus)?,
            indirect_revenue_lifetime: below(&chain_lifetime, &lifetimes)?,
            last_referral,
            status: if active {
                ReferrerStatus::Active
            } else {
                ReferrerStatus::Dormant
            },
            thanked,
            thanked_on,
            commission_rate: commissions.rate,
            years: commissions.years,
            das2_years: commissions.das2_years,
            commission_total: commissions.total,
        });
    }
    out.sort_by(|a, b| {
        let key = |r: &Referrer| {
            (
                Reverse(r.revenue_lifetime),
                Reverse(r.indirect_revenue_lifetime),
                r.name.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testdata::{build, date, dec, profile};
    use crate::model::{FiscalYearStart, Kind::Service};

    /// As of 2024-12-31 (focus 2024, referrals active from 2024-01-01):
    /// Jane Doe (no invoice) → Acme → Bolt → Cove, and Acme → Dune; a cycle Fay ↔ Gus;
    /// Eve names herself.
    fn chain() -> Dataset {
        let rows = [
            ("Dune", date(2022, 1, 10), "2000", Service, ""),
            ("Acme", date(2023, 2, 1), "4000", Service, ""),
            ("Fay", date(2024, 1, 5), "100", Service, ""),
            ("Gus", date(2024, 2, 5), "200", Service, ""),
            ("Acme", date(2024, 2, 1), "6000", Service, ""),
            ("Bolt", date(2024, 3, 1), "3000", Service, ""),
            ("Eve", date(2024, 4, 1), "700", Service, ""),
            ("Cove", date(2024, 9, 1), "500", Service, ""),
        ];
        let mut data = build(&rows, FiscalYearStart::default(), None);
        let referred = |by: &'static str, thanked: Option<Thanked>| {
            move |p: &mut crate::model::ClientProfile| {
                p.referred_by = Some(by.into());
                p.thanked = thanked;
            }
        };
        profile(
            &mut data,
            "Acme",
            referred("Jane  Doe", Some(Thanked::Yes(true))),
        );
        profile(
            &mut data,
            "Bolt",
            referred("  acme ", Some(Thanked::Yes(false))),
        );
        let thanked_on = Thanked::On(date(2022, 2, 1));
        profile(&mut data, "Dune", referred("Acme", Some(thanked_on)));
        profile(&mut data, "Cove", referred("Bolt", None));
        profile(&mut data, "Fay", referred("Gus", None));
        profile(&mut data, "Gus", referred("Fay", None));
        profile(&mut data, "Eve", referred("eve", None));
        data
    }

    #[test]
    fn direct_and_indirect_revenue_down_a_three_level_chain() {
        let data = chain();
        let graph = ReferralGraph::build(&data);
        let as_of = Some(date(2024, 12, 31));
        let list = referrers(&data, &graph, Some(2024), as_of, &Statements::default()).unwrap();
        let names: Vec<&str> = list.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Jane Doe", "Acme", "Bolt", "Fay"]);
        let [jane, acme, bolt, fay] = list.as_slice() else {
            panic!("four referrers")
        };
        // Jane referred Acme: 10 000 lifetime (6 000 in 2024). Below Acme: Bolt 3 000,
        // Cove 500 and Dune 2 000 = 5 500 lifetime; 3 000 + 500 = 3 500 in 2024.
        assert_eq!(jane.client, None);
        assert_eq!(jane.referred, ["Acme"]);
        assert_eq!(
            (jane.revenue_lifetime, jane.revenue_focus_year),
            (dec("10000"), dec("6000"))
        );
        assert_eq!(
            (
                jane.indirect_revenue_lifetime,
                jane.indirect_revenue_focus_year
            ),
            (dec("5500"), dec("3500"))
        );
        // Acme's only referral's first invoice (2023-02-01) is over a year old.
        assert_eq!(jane.last_referral, Some(date(2023, 2, 1)));
        assert_eq!(jane.status, ReferrerStatus::Dormant);
        assert_eq!((jane.thanked, jane.thanked_on), (Some(true), None));
        // Acme referred Bolt (3 000, all 2024) and Dune (2 000, 2022); below: Cove 500.
        assert!(acme.client.is_some());
        assert_eq!(
            (acme.revenue_lifetime, acme.revenue_focus_year),
            (dec("5000"), dec("3000"))
        );
        assert_eq!(
            (
                acme.indirect_revenue_lifetime,
                acme.indirect_revenue_focus_year
            ),
            (dec("500"), dec("500"))
        );
        assert_eq!(acme.last_referral, Some(date(2024, 3, 1)));
        assert_eq!(acme.status, ReferrerStatus::Active);
        // Bolt's referral was not thanked, Dune's was on 2022-02-01: Acme is owed thanks.
        assert_eq!(
            (acme.thanked, acme.thanked_on),
            (Some(false), Some(date(2022, 2, 1)))
        );
        // Bolt referred Cove: 500, nothing below; the file says nothing of thanks.
        assert_eq!(
            (bolt.revenue_lifetime, bolt.indirect_revenue_lifetime),
            (dec("500"), dec("0"))
        );
        assert_eq!(bolt.thanked, None);
        // Fay ↔ Gus: Fay was a client first, so only "Fay referred Gus" stands (200).
        assert_eq!(
            (fay.referred.as_slice(), fay.revenue_lifetime),
            (&["Gus".to_string()][..], dec("200"))
        );
        // Eve, her own referrer, is no referrer; both problems are reported.
        assert_eq!(graph.problems.len(), 2);
    }

    fn referred(name: &str, rate: Option<&str>, years: &[(Year, &str)]) -> crate::model::Client {
        let mut client = crate::model::Client {
            name: name.into(),
            extras: crate::model::Extras::from(crate::model::ClientProfile {
                commission_rate: rate.map(dec),
                ..Default::default()
            }),
            ..Default::default()
        };
        for (year, revenue) in years {
            client.years.update(*year, |y| {
                y.total = dec(revenue);
                Some(())
            });
        }
        client
    }

    #[test]
    fn commission_crosses_the_das2_line_in_one_year_only() {
        // 10 % of 20,000 = 2,000 in 2023 (under 2,400), of 30,000 = 3,000 in 2024.
        let bolt = referred("Bolt", Some("10"), &[(2023, "20000"), (2024, "30000")]);
        let c = commissions(&[&bolt], &[2023, 2024], None).unwrap();
        assert_eq!(c.rate, Some(dec("10")));
        let due: Vec<_> = c.years.iter().map(|y| (y.year, y.commission)).collect();
        assert_eq!(
            due,
            [(2023, Some(dec("2000.00"))), (2024, Some(dec("3000.00")))]
        );
        assert_eq!(c.das2_years, [2024]);
    }

    #[test]
    fn commission_is_rounded_once_over_the_clients_and_the_default_rate_fills_in() {
        // 10 % of 100.05 twice: 10.005 + 10.005 = 20.01 (rounding each would give 20.02).
        let a = referred("A", Some("10"), &[(2024, "100.05")]);
        let b = referred("B", None, &[(2024, "100.05")]);
        let c = commissions(&[&a, &b], &[2024], Some(dec("10"))).unwrap();
        assert_eq!(c.years[0].commission, Some(dec("20.01")));
        assert_eq!((c.years[0].clients, c.years[0].revenue), (2, dec("200.10")));
        // Without a default, B earns nothing and the rates differ: no single rate.
        let c = commissions(&[&a, &b], &[2024], None).unwrap();
        assert_eq!(c.years[0].commission, Some(dec("10.01")));
        assert_eq!(c.rate, None);
        // Nobody with a rate: no commission at all.
        let c = commissions(&[&b], &[2024], None).unwrap();
        assert_eq!(c.years[0].commission, None);
    }
}
