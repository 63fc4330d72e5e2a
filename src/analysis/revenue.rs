//! Revenue per year, active clients per year, and each client's yearly revenue: the
//! yearly picture every other section builds on.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{money, Client, ClientIdx, Dataset, Money, Year};

use super::error::AnalysisError;
use super::params::Params;
use super::shares::{add_to, change};

/// Which years a report covers and as of when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub focus_year: Option<Year>,
    pub years: Vec<Year>,
    pub as_of: Option<NaiveDate>,
    /// True when the focus year ends after the as-of date.
    pub partial_focus_year: bool,
    /// True when the data starts more than a month into the first year (a fiscal year
    /// whose first months predate the export): that year is not a whole one.
    pub partial_first_year: bool,
    /// How people name each year of `years`: `2025`, or `2025–26` for a fiscal year
    /// that does not start on 1 January (`year` stays the year it starts in).
    pub labels: Vec<String>,
    /// When the years start, for the labels in other languages.
    #[serde(skip)]
    pub fiscal_year_start: crate::model::FiscalYearStart,
}

impl Period {
    /// Whether the years are fiscal years that do not start on 1 January.
    pub fn is_fiscal(&self) -> bool {
        !self.fiscal_year_start.is_calendar()
    }
}

/// One year's totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSummary {
    pub year: Year,
    pub revenue: Money,
    /// Clients with positive revenue in the year.
    pub active_clients: u64,
    /// The change in revenue from the year before, in percent. None for the first
    /// year, for the year after a partial first year (no base to compare with), for a
    /// focus year not over (compared like for like in the year-to-date figures
    /// instead), and after a year without positive revenue.
    pub change: Option<Decimal>,
}

/// Whether a client still buys, as of the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    Active,
    Dormant,
}

/// One client across the years: what the analysis computed of it. Its name, id, dates,
/// yearly figures and profile stay in the dataset's client, which `client` points at: a
/// report of a million clients copies none of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSummary {
    pub client: ClientIdx,
    pub lifetime_revenue: Money,
    /// Years with positive revenue.
    pub years_active: u64,
    pub status: ClientStatus,
    pub nps_latest: Option<u8>,
}

/// The client a list of the analysis points at, among the clients the analysis read.
/// The lists were made from those clients, so one is always found; an empty client
/// stands in otherwise, rather than a panic.
pub fn listed(clients: &[Client], idx: ClientIdx) -> &Client {
    static NONE: std::sync::LazyLock<Client> = std::sync::LazyLock::new(Client::default);
    clients.get(idx.0).unwrap_or(&NONE)
}

/// How many clients, largest first, a per-client table names; the others are one row.
pub const CLIENTS_NAMED: usize = 15;

/// The clients past the first [`CLIENTS_NAMED`], added up as one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherClients {
    pub count: usize,
    /// Their revenue in each of the period's years, in the period's order.
    pub years: Vec<Money>,
    pub lifetime: Money,
}

/// The yearly revenue picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevenueReport {
    pub period: Period,
    pub years: Vec<YearSummary>,
    /// Every client, largest lifetime revenue first, then by name.
    pub clients: Vec<ClientSummary>,
    /// The clients past the ones a table names, when there are any.
    pub others: Option<OtherClients>,
}

impl RevenueReport {
    /// A client's revenue in one of the report's years: zero outside them, and in those
    /// without its rows.
    pub fn revenue_in(&self, client: &Client, year: Year) -> Money {
        let years = &self.period.years;
        let within = years.first().is_some_and(|&first| first <= year)
            && years.last().is_some_and(|&last| year <= last);
        if within {
            client.revenue_in(year)
        } else {
            Money::ZERO
        }
    }
}

/// Computes the yearly picture.
pub fn revenue(dataset: &Dataset, params: &Params) -> Result<RevenueReport, AnalysisError> {
    let (period, years) = overview(dataset, params)?;
    let clients = clients(dataset, &period, params)?;
    let others = other_clients(dataset, &period, &clients)?;
    Ok(RevenueReport {
        period,
        years,
        clients,
        others,
    })
}

/// The clients past the first [`CLIENTS_NAMED`] of `clients`, added up.
pub fn other_clients(
    dataset: &Dataset,
    period: &Period,
    clients: &[ClientSummary],
) -> Result<Option<OtherClients>, AnalysisError> {
    let Some(others) = clients.get(CLIENTS_NAMED..).filter(|o| !o.is_empty()) else {
        return Ok(None);
    };
    let mut years = vec![Money::ZERO; period.years.len()];
    let mut lifetime = Money::ZERO;
    for summary in others {
        let client = listed(&dataset.clients, summary.client);
        for (total, &year) in years.iter_mut().zip(&period.years) {
            add_to(total, client.revenue_in(year))?;
        }
        add_to(&mut lifetime, summary.lifetime_revenue)?;
    }
    Ok(Some(OtherClients {
        count: others.len(),
        years,
        lifetime,
    }))
}

/// Per year, the revenue and the active clients.
#[derive(Default)]
struct YearTally {
    revenue: Money,
    active_clients: u64,
}

/// The period and the yearly totals: what every other section needs first.
pub fn overview(
    dataset: &Dataset,
    params: &Params,
) -> Result<(Period, Vec<YearSummary>), AnalysisError> {
    // One pass over the clients: a million of them do not fit in any cache.
    let mut tallies: std::collections::BTreeMap<Year, YearTally> = Default::default();
    for client in &dataset.clients {
        for (year, figures) in &client.years {
            let tally = tallies.entry(year).or_default();
            tally.revenue =
                money::add(tally.revenue, figures.total).ok_or(AnalysisError::Overflow)?;
            if figures.total > Money::ZERO {
                tally.active_clients += 1;
            }
        }
    }
    // Revenue whose payer is unknown counts in the year, but as no client.
    for (year, figures) in dataset.unidentified.iter().flat_map(|u| &u.years) {
        let tally = tallies.entry(year).or_default();
        tally.revenue = money::add(tally.revenue, figures.total).ok_or(AnalysisError::Overflow)?;
    }
    let first = tallies.keys().next().copied();
    let latest_with_revenue = tallies
        .iter()
        .rev()
        .find(|(_, tally)| tally.revenue > Money::ZERO)
        .map(|(year, _)| *year)
        .or_else(|| tallies.keys().next_back().copied());
    let focus_year = params.focus_year.or(latest_with_revenue);
    let years: Vec<Year> = match (first, focus_year) {
        (Some(first), Some(focus)) => {
            let last = tallies.keys().next_back().copied().unwrap_or(focus);
            if focus < first || focus > last {
                return Err(AnalysisError::FocusYearOutOfRange { focus, first, last });
            }
            (first..=focus).collect()
        }
        _ => Vec::new(),
    };
    let as_of = dataset.as_of();
    let partial_focus_year = match (focus_year, as_of) {
        (Some(focus), Some(as_of)) => dataset
            .fiscal_year_start
            .first_day(focus + 1)
            .is_some_and(|next_start| as_of < next_start.pred_opt().unwrap_or(next_start)),
        _ => false,
    };
    let mut summaries: Vec<YearSummary> = years
        .iter()
        .map(|&year| {
            let tally = tallies.remove(&year).unwrap_or_default();
            YearSummary {
                year,
                revenue: tally.revenue,
                active_clients: tally.active_clients,
                change: None,
            }
        })
        .collect();
    let first_invoice = dataset.payers().filter_map(|c| c.first_invoice).min();
    let partial_first_year = match (years.first(), first_invoice) {
        (Some(&first), Some(date)) => dataset
            .fiscal_year_start
            .first_day(first)
            .and_then(|start| start.checked_add_days(chrono::Days::new(31)))
            .is_some_and(|month_in| date > month_in),
        _ => false,
    };
    let mut before = None;
    for summary in &mut summaries {
        let partial = partial_first_year && years.first() == Some(&summary.year);
        let partial_focus = partial_focus_year && focus_year == Some(summary.year);
        if let Some(before) = before.filter(|_| !partial_focus) {
            summary.change = change(summary.revenue, before)?;
        }
        before = (!partial).then_some(summary.revenue);
    }
    let fiscal_year_start = dataset.fiscal_year_start;
    let period = Period {
        focus_year,
        labels: years.iter().map(|&y| fiscal_year_start.label(y)).collect(),
        years,
        as_of,
        partial_focus_year,
        partial_first_year,
        fiscal_year_start,
    };
    Ok((period, summaries))
}

/// Every client, largest lifetime revenue first, then by name.
pub fn clients(
    dataset: &Dataset,
    period: &Period,
    params: &Params,
) -> Result<Vec<ClientSummary>, AnalysisError> {
    let dormant_before = super::segments::dormant_before(period.as_of, params.dormant_after_months);
    let scores = super::nps::latest_scores(dataset, period.as_of);
    // Sorted before the summaries are built: moving a reference is cheaper than moving
    // a summary, and a file can have a million clients.
    let mut order = dataset
        .clients
        .iter()
        .zip(scores)
        .enumerate()
        .map(|(index, (client, score))| {
            let lifetime = client.lifetime_revenue().ok_or(AnalysisError::Overflow)?;
            Ok((index, lifetime, client, score))
        })
        .collect::<Result<Vec<_>, AnalysisError>>()?;
    super::ranking::sort_by_revenue(&mut order, |&(_, lifetime, client, _)| {
        (lifetime, client.name.as_str())
    });
    let mut clients = Vec::with_capacity(dataset.clients.len());
    for (index, lifetime_revenue, client, score) in order {
        let dormant = super::segments::is_dormant(client, dormant_before);
        clients.push(ClientSummary {
            client: ClientIdx(index),
            lifetime_revenue,
            years_active: client
                .years
                .values()
                .filter(|y| y.total > Money::ZERO)
                .count() as u64,
            status: if dormant {
                ClientStatus::Dormant
            } else {
                ClientStatus::Active
            },
            nps_latest: score,
        });
    }
    Ok(clients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shares::round2;
    use crate::model::{Client, ReportWindow, YearRevenue};

    fn dec(text: &str) -> Money {
        Money::from_str_exact(text).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn client(name: &str, years: &[(Year, &str)], first: NaiveDate, last: NaiveDate) -> Client {
        Client {
            name: name.into(),
            first_invoice: Some(first),
            last_invoice: Some(last),
            years: years
                .iter()
                .map(|(y, t)| {
                    (
                        *y,
                        YearRevenue {
                            total: dec(t),
                            rows: 1,
                            ..YearRevenue::default()
                        },
                    )
                })
                .collect(),
            ..Client::default()
        }
    }

    fn dataset() -> Dataset {
        Dataset {
            clients: vec![
                // A credit note in 2023 brings Acme's 2023 to 1 000 − 250 = 750.
                client(
                    "Acme",
                    &[(2022, "1000.00"), (2023, "750.00")],
                    date(2022, 3, 1),
                    date(2023, 6, 30),
                ),
                client(
                    "Bolt",
                    &[(2023, "2000.005")],
                    date(2023, 2, 1),
                    date(2023, 2, 1),
                ),
                // Only a credit note in 2024: revenue −100, not an active client.
                client(
                    "Cove",
                    &[(2022, "300"), (2024, "-100")],
                    date(2022, 1, 5),
                    date(2024, 1, 5),
                ),
            ],
            latest_date: Some(date(2024, 1, 5)),
            ..Dataset::default()
        }
    }

    #[test]
    fn yearly_revenue_and_active_clients() {
        let report = revenue(&dataset(), &Params::default()).unwrap();
        // 2024 nets to −100, so the focus is 2023, the latest year with positive revenue.
        assert_eq!(report.period.focus_year, Some(2023));
        assert_eq!(report.period.years, [2022, 2023]);
        assert!(
            !report.period.partial_focus_year,
            "as of 2024-01-05, 2023 is complete"
        );
        let years: Vec<(Year, Money, u64)> = report
            .years
            .iter()
            .map(|y| (y.year, y.revenue, y.active_clients))
            .collect();
        assert_eq!(
            years,
            [(2022, dec("1300.00"), 2), (2023, dec("2750.005"), 2)]
        );
    }

    #[test]
    fn clients_sorted_by_lifetime_revenue_with_status() {
        let data = dataset();
        let report = revenue(&data, &Params::default()).unwrap();
        let name = |c: &ClientSummary| listed(&data.clients, c.client).name.as_str();
        let names: Vec<&str> = report.clients.iter().map(name).collect();
        assert_eq!(names, ["Bolt", "Acme", "Cove"]);
        let cove = &report.clients[2];
        assert_eq!(cove.lifetime_revenue, dec("200"));
        assert_eq!(cove.years_active, 1);
        // Cove's 2024 is outside the report's years (2022 and 2023): it reads as zero.
        let cove = listed(&data.clients, cove.client);
        assert_eq!(cove.revenue_in(2024), dec("-100"));
        assert_eq!(report.revenue_in(cove, 2024), Money::ZERO);
        // Acme's last invoice (2023-06-30) is more than 12 months before 2024-07-01.
        let mut later = data.clone();
        later.window = ReportWindow::every_day(Some(date(2024, 7, 1)));
        let report = revenue(&later, &Params::default()).unwrap();
        let acme = report.clients.iter().find(|c| name(c) == "Acme").unwrap();
        assert_eq!(acme.status, ClientStatus::Dormant);
        let acme = listed(&data.clients, acme.client);
        assert_eq!(report.revenue_in(acme, 2022), dec("1000.00"));
        assert_eq!(report.revenue_in(acme, 2023), dec("750.00"));
        // Bolt has rows in 2023 only: 2022 reads as zero.
        let bolt = report.clients.iter().find(|c| name(c) == "Bolt").unwrap();
        let bolt = listed(&data.clients, bolt.client);
        assert_eq!(report.revenue_in(bolt, 2022), Money::ZERO);
        assert_eq!(report.revenue_in(bolt, 2023), dec("2000.005"));
        // An index no client has reads as an empty client, never a panic.
        assert_eq!(listed(&data.clients, ClientIdx(3)).name, "");
    }

    #[test]
    fn the_clients_past_the_named_ones_are_added_up_in_the_analysis() {
        let mut data = dataset();
        // Fifteen clients of 10 000.00 in 2023 each come before Acme, Bolt and Cove.
        for n in 0..CLIENTS_NAMED {
            let name = format!("Big {n:02}");
            let big = client(
                &name,
                &[(2023, "10000.00")],
                date(2023, 1, 2),
                date(2023, 1, 2),
            );
            data.clients.push(big);
        }
        let report = revenue(&data, &Params::default()).unwrap();
        let others = report.others.unwrap();
        // Bolt 2 000.005, Acme 1 000 + 750, Cove 300 (its 2024 credit note outside the
        // years): 2022 is 1 000 + 300 = 1 300, 2023 is 750 + 2 000.005 = 2 750.005.
        assert_eq!(others.count, 3);
        assert_eq!(others.years, [dec("1300.00"), dec("2750.005")]);
        // Lifetime counts Cove's credit note: 2 000.005 + 1 750 + 200.
        assert_eq!(others.lifetime, dec("3950.005"));
        // Fifteen clients or fewer: no row of others.
        assert_eq!(
            revenue(&dataset(), &Params::default()).unwrap().others,
            None
        );
    }

    #[test]
    fn each_year_changes_from_the_one_before_unless_either_is_partial() {
        let changes = |data: &Dataset, params: &Params| -> Vec<Option<Money>> {
            let report = revenue(data, params).unwrap();
            report.years.iter().map(|y| y.change.map(round2)).collect()
        };
        // 2023 against 2022: (2 750.005 − 1 300) × 100 / 1 300 = 111.538…
        assert_eq!(
            changes(&dataset(), &Params::default()),
            [None, Some(dec("111.54"))]
        );
        // A first invoice on 1 March: 2022 is partial, no base for 2023.
        let mut late_start = dataset();
        late_start.clients[2].first_invoice = Some(date(2022, 6, 1));
        assert_eq!(changes(&late_start, &Params::default()), [None, None]);
        // 2024, seen as of 5 January, is compared in the year-to-date figures instead.
        let params = Params {
            focus_year: Some(2024),
            ..Params::default()
        };
        let focus = changes(&dataset(), &params);
        assert_eq!(focus, [None, Some(dec("111.54")), None]);
    }

    #[test]
    fn focus_year_and_partial_years() {
        let params = Params {
            focus_year: Some(2024),
            ..Params::default()
        };
        let report = revenue(&dataset(), &params).unwrap();
        assert_eq!(report.period.years, [2022, 2023, 2024]);
        assert!(
            report.period.partial_focus_year,
            "2024 seen as of 2024-01-05"
        );
        let params = Params {
            focus_year: Some(2019),
            ..Params::default()
        };
        assert_eq!(
            revenue(&dataset(), &params),
            Err(AnalysisError::FocusYearOutOfRange {
                focus: 2019,
                first: 2022,
                last: 2024
            })
        );
        let empty = revenue(&Dataset::default(), &Params::default()).unwrap();
        assert!(empty.years.is_empty() && empty.clients.is_empty());
    }

    #[test]
    fn latest_score_prefers_the_latest_dated_answer() {
        use crate::model::{ClientIdx, ClientProfile, NpsAnswer, SurveyResponse};
        let mut data = dataset();
        let answer = |client, line, date, score| SurveyResponse {
            line,
            client,
            client_text: String::new(),
            date,
            score,
            comment: None,
        };
        data.surveys = vec![
            answer(Some(ClientIdx(0)), 2, Some(date(2023, 5, 1)), 6),
            answer(Some(ClientIdx(0)), 3, Some(date(2023, 9, 1)), 9),
            answer(Some(ClientIdx(0)), 4, Some(date(2023, 2, 1)), 3),
            answer(Some(ClientIdx(1)), 5, Some(date(2022, 1, 1)), 4),
            answer(None, 6, Some(date(2024, 1, 1)), 0),
        ];
        // Bolt's clients-file score (2023) is later than its survey answer (2022).
        data.clients[1].extras.set_profile(ClientProfile {
            nps: Some(NpsAnswer {
                score: 10,
                date: Some(date(2023, 3, 1)),
            }),
            ..ClientProfile::default()
        });
        // Cove has only an undated clients-file score.
        data.clients[2].extras.set_profile(ClientProfile {
            nps: Some(NpsAnswer {
                score: 7,
                date: None,
            }),
            ..ClientProfile::default()
        });
        let report = revenue(&data, &Params::default()).unwrap();
        let score = |name: &str| {
            report
                .clients
                .iter()
                .find(|c| listed(&data.clients, c.client).name == name)
                .unwrap()
                .nps_latest
        };
        assert_eq!(
            (score("Acme"), score("Bolt"), score("Cove")),
            (Some(9), Some(10), Some(7))
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let mut data = dataset();
        data.clients[0].years.insert(
            2021,
            YearRevenue {
                total: Money::MAX,
                ..YearRevenue::default()
            },
        );
        data.clients[1].years.insert(
            2021,
            YearRevenue {
                total: Money::MAX,
                ..YearRevenue::default()
            },
        );
        assert_eq!(
            revenue(&data, &Params::default()),
            Err(AnalysisError::Overflow)
        );
    }
}
