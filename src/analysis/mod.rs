//! Pure analyses: `(&Dataset, &Params) -> report`. No I/O, no clock, no printing: the
//! as-of date is a parameter, so every report is reproducible.

pub mod at_risk;
pub mod channels;
mod error;
pub mod french_thresholds;
mod notes;
pub mod nps;
mod params;
pub mod payers;
pub mod payments;
pub mod plan;
pub mod ranking;
pub mod referral_graph;
pub mod referrals;
pub mod retention;
pub mod revenue;
pub mod risk;
pub mod segments;
pub mod shares;
pub mod stress;
pub mod summary;
pub mod thresholds;
pub mod to_date;

#[cfg(test)]
mod testdata;

use crate::model::Dataset;

use channels::ChannelsReport;
use nps::NpsReport;
use referral_graph::ReferralGraph;
use referrals::Referrer;
use retention::RetentionReport;
use revenue::RevenueReport;
use risk::RiskReport;
use segments::SegmentsReport;
use to_date::YearToDate;

pub use error::AnalysisError;
use notes::later_years;
pub use notes::Note;
pub use params::Params;

/// Every section of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    pub revenue: RevenueReport,
    /// Present when the focus year is not over at the as-of date.
    pub year_to_date: Option<YearToDate>,
    pub segments: SegmentsReport,
    pub risk: RiskReport,
    pub retention: RetentionReport,
    pub nps: NpsReport,
    pub channels: ChannelsReport,
    pub referrers: Vec<Referrer>,
    /// `None` when the invoices file has no paid date or balance column.
    pub payments: Option<payments::PaymentsReport>,
    /// `None` without `--regime`.
    pub thresholds: Option<french_thresholds::ThresholdsReport>,
    pub stress: stress::StressReport,
    /// Active clients shrinking, overdue or unhappy, the largest at stake first.
    pub at_risk: Vec<at_risk::AtRisk>,
    /// The action plan, most urgent first.
    pub plan: Vec<plan::Action>,
    /// The overall risk level (the plan's risk period): what `--fail-on` compares.
    pub risk_level: risk::Level,
    pub notes: Vec<Note>,
}

/// Computes every section.
pub fn analyze(dataset: &Dataset, params: &Params) -> Result<Analysis, AnalysisError> {
    let (period, year_summaries) = revenue::overview(dataset, params)?;
    let period = &period;
    let mut notes = Vec::new();
    if let (None, Some(focus)) = (params.focus_year, period.focus_year) {
        let later = later_years(dataset, focus)?;
        if !later.is_empty() {
            notes.push(Note::LaterYearsWithoutRevenue { focus, later });
        }
    }
    // Risk and retention read only the dataset: with a second thread they are computed
    // beside the other sections, the list of clients among them, which take about as
    // long. Errors are still taken in section order.
    let side_sections = || {
        (
            risk::risk(dataset, &period.years, &params.thresholds),
            retention::retention(dataset, &period.years),
        )
    };
    let main_sections = |notes: &mut Vec<Note>| {
        let year_to_date = match (period.partial_focus_year, period.focus_year) {
            (true, Some(focus)) => to_date::year_to_date(dataset, focus),
            _ => Ok(None),
        };
        let graph = ReferralGraph::build(dataset);
        notes.extend(graph.problems.iter().cloned().map(Note::Referral));
        let segments = segments::segments(
            dataset,
            &graph.clients_who_referred(dataset.clients.len()),
            &period.years,
            period.as_of,
            params.dormant_after_months,
            notes,
        );
        let nps = nps::nps(dataset, &graph, &year_summaries, period.focus_year);
        let statements = referrals::Statements {
            years: period.years.clone(),
            default_rate: params.commission_rate,
        };
        let referrers = referrals::referrers(
            dataset,
            &graph,
            period.focus_year,
            period.as_of,
            &statements,
        );
        let clients = revenue::clients(dataset, period, params);
        let channels = channels::channels(dataset, &period.years);
        (year_to_date, segments, nps, referrers, clients, channels)
    };
    let ((year_to_date, segments, nps, referrers, clients, channels), (risk, retention)) =
        if params.threads > 1 {
            std::thread::scope(|scope| {
                let side = scope.spawn(side_sections);
                let main = main_sections(&mut notes);
                match side.join() {
                    Ok(side) => (main, side),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            })
        } else {
            (main_sections(&mut notes), side_sections())
        };
    let clients = clients?;
    let revenue = revenue::RevenueReport {
        others: revenue::other_clients(dataset, period, &clients)?,
        period: period.clone(),
        years: year_summaries,
        clients,
    };
    let year_to_date = year_to_date?;
    let segments = segments?;
    let risk = risk?;
    let retention = retention?;
    let nps = nps?;
    let channels = channels?;
    let referrers = referrers?;
    let payments = payments::payments(dataset, &period.years, period.as_of)?;
    let stress = stress::stress(dataset, &risk, period.focus_year)?;
    let at_risk = at_risk::at_risk(
        dataset,
        params.dormant_after_months,
        revenue
            .years
            .iter()
            .find(|y| Some(y.year) == period.focus_year),
        &nps.detractors,
    )?;
    let thresholds = match &params.regime {
        Some(regime) => {
            if !dataset.payment_columns.paid_date {
                notes.push(Note::ThresholdsOnInvoiceDates);
            }
            french_thresholds::thresholds(dataset, regime, period.as_of)?
        }
        None => None,
    };
    let mut analysis = Analysis {
        revenue,
        year_to_date,
        segments,
        risk,
        retention,
        nps,
        channels,
        referrers,
        payments,
        thresholds,
        stress,
        at_risk,
        plan: Vec::new(),
        risk_level: risk::Level::Low,
        notes,
    };
    let context = plan::Context {
        analysis: &analysis,
        clients: &dataset.clients,
        quality: &params.quality,
        thresholds: &params.thresholds,
        dormant_after_months: params.dormant_after_months,
    };
    let (actions, level) = (plan::plan(&context)?, context.risk_level());
    analysis.plan = actions;
    analysis.risk_level = level;
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn sections_on_two_threads_equal_sections_in_turn() {
        for as_of in [None, NaiveDate::from_ymd_opt(2024, 6, 30)] {
            let data = testdata::studio(as_of);
            let params = |threads| Params {
                threads,
                ..Params::default()
            };
            let in_turn = analyze(&data, &params(1)).unwrap();
            assert_eq!(analyze(&data, &params(2)).unwrap(), in_turn);
            assert!(!in_turn.plan.is_empty());
        }
    }

    #[test]
    fn without_referrals_the_empty_graph_answers_as_the_full_one() {
        let as_of = NaiveDate::from_ymd_opt(2024, 6, 30);
        let mut data = testdata::studio(as_of);
        for client in &mut data.clients {
            if let Some(profile) = client.extras.profile_mut() {
                profile.referred_by = None;
            }
        }
        for profile in &mut data.unmatched_profiles {
            profile.referred_by = None;
        }
        let answer = |client: Option<usize>, text: &str, score: u8| crate::model::SurveyResponse {
            line: 2,
            client: client.map(crate::model::ClientIdx),
            client_text: text.into(),
            date: as_of,
            score,
            comment: None,
        };
        let first = data.clients[0].name.clone();
        data.surveys = vec![answer(Some(0), &first, 9), answer(None, "Someone Else", 3)];
        let empty = ReferralGraph::build(&data);
        let full = ReferralGraph::build_full(&data);
        assert!(empty.nodes.is_empty() && !full.nodes.is_empty());
        let n = data.clients.len();
        assert_eq!(empty.clients_who_referred(n), full.clients_who_referred(n));
        assert_eq!(empty.problems, full.problems);
        let (focus, years) = (Some(2024), testdata::year_summaries(&data, &[2023, 2024]));
        assert_eq!(
            nps::nps(&data, &empty, &years, focus),
            nps::nps(&data, &full, &years, focus)
        );
        let respondents = nps::nps(&data, &full, &years, focus).unwrap();
        assert!(respondents.overall.responses > 0);
        assert_eq!(
            referrals::referrers(&data, &empty, focus, as_of, &Default::default()),
            referrals::referrers(&data, &full, focus, as_of, &Default::default())
        );
    }
}
