//! Net Promoter Score (SPEC §3.4): how likely clients are to recommend the freelancer,
//! from the clients file's score column and the surveys file, one answer per client.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::{Decimal, MathematicalOps};
use serde::Serialize;

use crate::model::{
    normalize_key, trailing_year, ClientIdx, Dataset, FiscalYearStart, Money, Year,
};

use super::error::AnalysisError;
use super::payers::Payer;
use super::referral_graph::ReferralGraph;
use super::revenue::YearSummary;
use super::shares::ratio;

/// Below this many answers the score moves a lot with each answer.
pub const SMALL_SAMPLE: u64 = 30;

/// How a score counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 0 to 6.
    Detractor,
    /// 7 and 8.
    Passive,
    /// 9 and 10.
    Promoter,
}

impl Category {
    pub fn of(score: u8) -> Self {
        match score {
            9.. => Category::Promoter,
            7..=8 => Category::Passive,
            _ => Category::Detractor,
        }
    }
}

/// What a score means for the freelancer (SPEC §3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Below 0: revisit the basics of the client relationship.
    Negative,
    /// 0 to 20: call every client who scored below 7.
    NearZero,
    /// 20 to 50: referral potential; keep promoters close.
    Positive,
    /// 50 and more.
    Excellent,
}

impl Band {
    pub fn of(nps: Decimal) -> Self {
        if nps < Decimal::ZERO {
            Band::Negative
        } else if nps < Decimal::from(20) {
            Band::NearZero
        } else if nps < Decimal::from(50) {
            Band::Positive
        } else {
            Band::Excellent
        }
    }
}

/// Who answered: an invoiced client, or a name that matches none (its normalised form).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Who {
    Client(ClientIdx),
    Other(String),
}

/// One answer, from either file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Answer {
    who: Who,
    name: String,
    score: u8,
    date: Option<NaiveDate>,
    /// On the same date, a surveys-file answer wins over the clients file's score.
    from_surveys: bool,
    line: u64,
}

impl Answer {
    /// Later answers sort last; undated ones first.
    fn recency(&self) -> (Option<NaiveDate>, bool, u64) {
        (self.date, self.from_surveys, self.line)
    }
}

/// Every answer dated no later than `as_of` (undated ones count too).
fn answers(dataset: &Dataset, as_of: Option<NaiveDate>) -> Vec<Answer> {
    let mut out = Vec::new();
    for (i, client) in dataset.clients.iter().enumerate() {
        let Some(profile) = client.extras.profile() else {
            continue;
        };
        if let Some(nps) = &profile.nps {
            out.push(Answer {
                who: Who::Client(ClientIdx(i)),
                name: client.name.as_str().to_owned(),
                score: nps.score,
                date: nps.date,
                from_surveys: false,
                line: profile.line,
            });
        }
    }
    for profile in &dataset.unmatched_profiles {
        let (Some(nps), Some(name)) = (&profile.nps, profile.name.as_ref().or(profile.id.as_ref()))
        else {
            continue;
        };
        out.push(Answer {
            who: Who::Other(normalize_key(name)),
            name: name.clone(),
            score: nps.score,
            date: nps.date,
            from_surveys: false,
            line: profile.line,
        });
    }
    for survey in &dataset.surveys {
        let (who, name) = match survey
            .client
            .and_then(|c| dataset.clients.get(c.0).map(|x| (c, x)))
        {
            Some((idx, client)) => (Who::Client(idx), client.name.as_str().to_owned()),
            None => (
                Who::Other(normalize_key(&survey.client_text)),
                survey.client_text.clone(),
            ),
        };
        out.push(Answer {
            who,
            name,
            score: survey.score,
            date: survey.date,
            from_surveys: true,
            line: survey.line,
        });
    }
    out.retain(|a| match (a.date, as_of) {
        (Some(date), Some(as_of)) => date <= as_of,
        _ => true,
    });
    out
}

/// The latest of the answers that pass `keep`, one per respondent, in a stable order.
fn latest_per_respondent(answers: &[Answer], keep: impl Fn(&Answer) -> bool) -> Vec<&Answer> {
    let mut latest: HashMap<&Who, &Answer> = HashMap::new();
    for answer in answers.iter().filter(|a| keep(a)) {
        let slot = latest.entry(&answer.who).or_insert(answer);
        if answer.recency() > slot.recency() {
            *slot = answer;
        }
    }
    let mut out: Vec<&Answer> = latest.into_values().collect();
    out.sort_by(|a, b| (&a.name, a.line).cmp(&(&b.name, b.line)));
    out
}

/// Each client's latest score as of `as_of`, from either file.
pub fn latest_scores(dataset: &Dataset, as_of: Option<NaiveDate>) -> Vec<Option<u8>> {
    let mut scores = vec![None; dataset.clients.len()];
    let all = answers(dataset, as_of);
    for answer in latest_per_respondent(&all, |_| true) {
        if let (Who::Client(c), score) = (&answer.who, answer.score) {
            if let Some(slot) = scores.get_mut(c.0) {
                *slot = Some(score);
            }
        }
    }
    scores
}

/// Counts and score of a set of answers, one per respondent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NpsSummary {
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// `%promoters − %detractors`, from −100 to 100; `None` without answers.
    pub nps: Option<Decimal>,
    /// Half-width of the 95 % confidence interval (SPEC's formula; zero when every
    /// answer falls in one category, which says nothing of certainty).
    pub margin_of_error_95: Option<Decimal>,
    /// Fewer than [`SMALL_SAMPLE`] answers.
    pub small_sample: bool,
    pub band: Option<Band>,
    /// Percent of the year's active clients who answered.
    pub coverage: Option<Decimal>,
}

impl NpsSummary {
    /// From category counts and the coverage figures.
    pub fn from_counts(
        promoters: u64,
        passives: u64,
        detractors: u64,
        answered_active: u64,
        active: u64,
    ) -> Self {
        let responses = promoters + passives + detractors;
        let nps = score(promoters, detractors, responses);
        NpsSummary {
            responses,
            promoters,
            passives,
            detractors,
            nps,
            margin_of_error_95: margin_of_error_95(promoters, detractors, responses),
            small_sample: responses < SMALL_SAMPLE,
            band: nps.map(Band::of),
            coverage: ratio(answered_active, active),
        }
    }

    /// `years` counts the clients active in each of the report's years.
    fn of(
        answers: &[&Answer],
        dataset: &Dataset,
        year: Option<Year>,
        years: &[YearSummary],
    ) -> Self {
        let count = |c: Category| {
            answers
                .iter()
                .filter(|a| Category::of(a.score) == c)
                .count() as u64
        };
        let active_in = |y: Year| {
            let summary = years.iter().find(|s| s.year == y);
            summary.map_or(0, |s| s.active_clients)
        };
        let answered_active = |y: Year| {
            answers
                .iter()
                .filter(|a| match &a.who {
                    Who::Client(c) => dataset.clients.get(c.0).is_some_and(|c| c.is_active_in(y)),
                    Who::Other(_) => false,
                })
                .count()
        };
        let (answered, active) = year.map_or((0, 0), |y| (answered_active(y), active_in(y)));
        Self::from_counts(
            count(Category::Promoter),
            count(Category::Passive),
            count(Category::Detractor),
            answered as u64,
            active,
        )
    }
}

/// `%promoters − %detractors`.
fn score(promoters: u64, detractors: u64, responses: u64) -> Option<Decimal> {
    let difference = Decimal::from(promoters) - Decimal::from(detractors);
    (difference * Decimal::ONE_HUNDRED).checked_div(Decimal::from(responses))
}

/// `1.96 × 100 × √((p + d − (p − d)²) / n)`, p and d the promoter and detractor
/// proportions: the normal approximation of the NPS's 95 % confidence half-width.
pub fn margin_of_error_95(promoters: u64, detractors: u64, responses: u64) -> Option<Decimal> {
    let n = Decimal::from(responses);
    let p = Decimal::from(promoters).checked_div(n)?;
    let d = Decimal::from(detractors).checked_div(n)?;
    let variance = (p + d - (p - d) * (p - d)).max(Decimal::ZERO);
    let half_width = variance.checked_div(n)?.sqrt()?;
    Some(Decimal::new(196, 2) * Decimal::ONE_HUNDRED * half_width)
}

/// One respondent in the lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Respondent {
    pub name: String,
    pub client: Option<ClientIdx>,
    pub score: u8,
    pub date: Option<NaiveDate>,
    /// Revenue over the twelve months to the as-of date: what a detractor puts at stake.
    pub revenue_ttm: Money,
    /// People it referred, as the clients file says.
    pub clients_referred: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NpsReport {
    /// The latest answer of each respondent.
    pub overall: NpsSummary,
    /// Each respondent weighted by its revenue over the last twelve months (negative
    /// revenue weighs nothing); `None` when no respondent has revenue.
    pub revenue_weighted_nps: Option<Decimal>,
    /// Percent of promoters who referred at least one person.
    pub promoter_referral_rate: Option<Decimal>,
    /// The largest revenue at stake first.
    pub detractors: Vec<Respondent>,
    pub promoters: Vec<Respondent>,
    /// Promoters who never referred anyone.
    pub silent_promoters: Vec<Respondent>,
    /// Per year: the latest answer of each respondent dated in the year.
    pub years: Vec<(Year, NpsSummary)>,
}

/// Respondents weighted by revenue: `(Σ promoters − Σ detractors) / Σ all × 100`.
fn revenue_weighted(respondents: &[Respondent]) -> Result<Option<Decimal>, AnalysisError> {
    let mut net = Money::ZERO;
    let mut total = Money::ZERO;
    for r in respondents {
        let weight = r.revenue_ttm.max(Money::ZERO);
        total = total.checked_add(weight).ok_or(AnalysisError::Overflow)?;
        net = match Category::of(r.score) {
            Category::Promoter => net.checked_add(weight),
            Category::Detractor => net.checked_sub(weight),
            Category::Passive => Some(net),
        }
        .ok_or(AnalysisError::Overflow)?;
    }
    super::shares::percent(net, total)
}

/// The NPS overall and for each year of `years`.
pub fn nps(
    dataset: &Dataset,
    graph: &ReferralGraph,
    years: &[YearSummary],
    focus_year: Option<Year>,
) -> Result<NpsReport, AnalysisError> {
    let as_of = dataset.as_of();
    let all = answers(dataset, as_of);
    let fiscal: FiscalYearStart = dataset.fiscal_year_start;
    let latest = latest_per_respondent(&all, |_| true);
    let overall = NpsSummary::of(&latest, dataset, focus_year, years);
    let trailing = as_of.and_then(|to| trailing_year(to).map(|from| (from, to)));
    let mut respondents = Vec::with_capacity(latest.len());
    for answer in &latest {
        let client = match &answer.who {
            Who::Client(c) => Some(*c),
            Who::Other(_) => None,
        };
        let revenue_ttm = match (client.and_then(|c| dataset.clients.get(c.0)), trailing) {
            (Some(c), Some((from, to))) => Payer::in_days(c, from, to)?.total,
            _ => Money::ZERO,
        };
        let node = match client {
            Some(c) => Some(c.0),
            None => graph.find(&answer.name),
        };
        respondents.push(Respondent {
            name: answer.name.clone(),
            client,
            score: answer.score,
            date: answer.date,
            revenue_ttm,
            clients_referred: node.map_or(0, |n| graph.children(n).len() as u64),
        });
    }
    let revenue_weighted_nps = revenue_weighted(&respondents)?;
    respondents
        .sort_by(|a, b| (Reverse(a.revenue_ttm), &a.name).cmp(&(Reverse(b.revenue_ttm), &b.name)));
    let of = |c: Category| -> Vec<Respondent> {
        respondents
            .iter()
            .filter(|r| Category::of(r.score) == c)
            .cloned()
            .collect()
    };
    let promoters = of(Category::Promoter);
    let silent_promoters: Vec<Respondent> = promoters
        .iter()
        .filter(|r| r.clients_referred == 0)
        .cloned()
        .collect();
    let promoter_referral_rate = ratio(
        (promoters.len() - silent_promoters.len()) as u64,
        promoters.len() as u64,
    );
    let years = years
        .iter()
        .map(|&YearSummary { year, .. }| {
            let in_year =
                latest_per_respondent(&all, |a| a.date.is_some_and(|d| fiscal.year_of(d) == year));
            (year, NpsSummary::of(&in_year, dataset, Some(year), years))
        })
        .collect();
    Ok(NpsReport {
        overall,
        revenue_weighted_nps,
        promoter_referral_rate,
        detractors: of(Category::Detractor),
        promoters,
        silent_promoters,
        years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shares::round2;
    use crate::analysis::testdata::{build, date, dec, profile, year_summaries};
    use crate::model::{Kind, NpsAnswer, SurveyResponse};

    #[test]
    fn five_promoters_three_passives_two_detractors() {
        let s = NpsSummary::from_counts(5, 3, 2, 0, 0);
        // 50 % − 20 % = +30.
        assert_eq!(s.nps, Some(dec("30")));
        // p = 0.5, d = 0.2: p + d − (p − d)² = 0.7 − 0.09 = 0.61; 0.61 / 10 = 0.061;
        // √0.061 = 0.246981…; × 1.96 × 100 = 48.408… → 48.41.
        assert_eq!(s.margin_of_error_95.map(round2), Some(dec("48.41")));
        assert_eq!((s.band, s.small_sample), (Some(Band::Positive), true));
        assert_eq!(s.coverage, None);
    }

    #[test]
    fn margin_of_error_at_the_edges() {
        // Two promoters, two detractors: p = d = 0.5, variance 1, √(1/4) = 0.5 → 98.
        assert_eq!(margin_of_error_95(2, 2, 4), Some(dec("98")));
        // One answer: p + d − (p − d)² is 1 − 1 (or 0 − 0): the formula says 0.
        assert_eq!(margin_of_error_95(1, 0, 1), Some(Decimal::ZERO));
        assert_eq!(margin_of_error_95(0, 1, 1), Some(Decimal::ZERO));
        assert_eq!(margin_of_error_95(0, 0, 1), Some(Decimal::ZERO));
        // Every answer a promoter: +100 ± 0, and 40 answers are not a small sample.
        let all = NpsSummary::from_counts(40, 0, 0, 0, 0);
        assert_eq!(all.nps, Some(dec("100")));
        assert_eq!(all.margin_of_error_95, Some(Decimal::ZERO));
        assert_eq!((all.band, all.small_sample), (Some(Band::Excellent), false));
        // No answer: nothing to say, no division by zero.
        assert_eq!(margin_of_error_95(0, 0, 0), None);
        assert_eq!(NpsSummary::from_counts(0, 0, 0, 0, 3).nps, None);
    }

    #[test]
    fn categories_and_bands() {
        let categories: Vec<Category> = (0..=10).map(Category::of).collect();
        assert_eq!(categories[6], Category::Detractor);
        assert_eq!(categories[7], Category::Passive);
        assert_eq!(categories[8], Category::Passive);
        assert_eq!(categories[9], Category::Promoter);
        assert_eq!(Band::of(dec("-0.01")), Band::Negative);
        assert_eq!(Band::of(Decimal::ZERO), Band::NearZero);
        assert_eq!(Band::of(dec("19.99")), Band::NearZero);
        assert_eq!(Band::of(dec("20")), Band::Positive);
        assert_eq!(Band::of(dec("49.99")), Band::Positive);
        assert_eq!(Band::of(dec("50")), Band::Excellent);
    }

    /// As of 2024-12-31, so the last twelve months are 2024:
    /// - Alba: 6 000 in 2024, scored 2 in 2023 (survey) and 9 in 2024: a promoter;
    /// - Bram: 3 000 in 2024, scored 3: a detractor;
    /// - Cleo: 1 000 in 2024, scored 8: a passive, referred by Dora;
    /// - Dora: 5 000 in 2022 only, scored 10: a promoter with nothing in 2024;
    /// - Emil: 2 000 in 2023, a −500 credit note in 2024, scored 4: a detractor;
    /// - Finn: 1 000 in 2024, no answer;
    /// - "Ghost", in the surveys file only, scored 10.
    ///
    /// Read as of `as_of`: the daily detail holds the twelve months before it.
    fn survey_data_as_of(as_of: NaiveDate) -> Dataset {
        let rows = [
            ("Dora", date(2022, 5, 1), "5000", Kind::Service, ""),
            ("Emil", date(2023, 6, 1), "2000", Kind::Service, ""),
            ("Emil", date(2024, 2, 1), "-500", Kind::Service, ""),
            ("Alba", date(2024, 3, 1), "6000", Kind::Service, ""),
            ("Bram", date(2024, 4, 1), "3000", Kind::Service, ""),
            ("Cleo", date(2024, 5, 1), "1000", Kind::Service, ""),
            ("Finn", date(2024, 6, 1), "1000", Kind::Service, ""),
        ];
        let mut data = build(&rows, FiscalYearStart::default(), Some(as_of));
        let scored = |score, day| {
            move |p: &mut crate::model::ClientProfile| {
                p.nps = Some(NpsAnswer {
                    score,
                    date: Some(day),
                })
            }
        };
        profile(&mut data, "Alba", scored(9, date(2024, 6, 1)));
        profile(&mut data, "Bram", scored(3, date(2024, 6, 2)));
        profile(&mut data, "Cleo", |p| {
            scored(8, date(2024, 6, 3))(p);
            p.referred_by = Some("dora".into());
        });
        profile(&mut data, "Dora", scored(10, date(2024, 6, 4)));
        profile(&mut data, "Emil", scored(4, date(2024, 6, 5)));
        let alba = data.clients.iter().position(|c| c.name == "Alba");
        let survey = |client: Option<usize>, text: &str, score, day| SurveyResponse {
            line: 2,
            client: client.map(ClientIdx),
            client_text: text.into(),
            date: Some(day),
            score,
            comment: None,
        };
        data.surveys = vec![
            survey(alba, "Alba", 2, date(2023, 6, 1)),
            survey(None, "Ghost", 10, date(2024, 7, 1)),
        ];
        data
    }

    #[test]
    fn overall_per_year_weighted_and_lists() {
        let data = survey_data_as_of(date(2024, 12, 31));
        let graph = ReferralGraph::build(&data);
        let years = year_summaries(&data, &[2022, 2023, 2024]);
        let report = nps(&data, &graph, &years, Some(2024)).unwrap();
        let o = &report.overall;
        // Latest answers: promoters Alba, Dora, Ghost; passive Cleo; detractors Bram, Emil.
        assert_eq!(
            (o.responses, o.promoters, o.passives, o.detractors),
            (6, 3, 1, 2)
        );
        // (3 − 2) / 6 = 16.67; p = 1/2, d = 1/3: 5/6 − 1/36 = 0.80556, / 6, √ = 0.36641,
        // × 196 = 71.82.
        assert_eq!(o.nps.map(round2), Some(dec("16.67")));
        assert_eq!(o.margin_of_error_95.map(round2), Some(dec("71.82")));
        assert_eq!(o.band, Some(Band::NearZero));
        // 2024's active clients: Alba, Bram, Cleo, Finn; three of them answered.
        assert_eq!(o.coverage, Some(dec("75")));
        // Weights are 2024 revenue, floored at zero: Alba 6 000, Bram 3 000, Cleo 1 000,
        // Dora and Ghost 0, Emil 0 (−500): (6 000 − 3 000) / 10 000 = +30.
        assert_eq!(report.revenue_weighted_nps, Some(dec("30")));
        let names = |list: &[Respondent]| list.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&report.detractors), ["Bram", "Emil"]);
        assert_eq!(report.detractors[1].revenue_ttm, dec("-500"));
        assert_eq!(names(&report.promoters), ["Alba", "Dora", "Ghost"]);
        // Dora referred Cleo; Alba and Ghost referred no one: 1 in 3.
        assert_eq!(names(&report.silent_promoters), ["Alba", "Ghost"]);
        assert_eq!(
            report.promoter_referral_rate.map(round2),
            Some(dec("33.33"))
        );
        // 2023: only Alba's old answer (2), a detractor: −100. Emil, the one client
        // active in 2023, did not answer that year: coverage 0 %.
        let (_, y2023) = &report.years[1];
        assert_eq!((y2023.responses, y2023.nps), (1, Some(dec("-100"))));
        assert_eq!(y2023.coverage, Some(Decimal::ZERO));
        let (_, y2022) = &report.years[0];
        assert_eq!((y2022.responses, y2022.nps, y2022.band), (0, None, None));
    }

    #[test]
    fn answers_after_the_as_of_date_do_not_count() {
        let data = survey_data_as_of(date(2024, 6, 2));
        let graph = ReferralGraph::build(&data);
        let years = year_summaries(&data, &[2024]);
        let report = nps(&data, &graph, &years, Some(2024)).unwrap();
        // Only Alba (9, 1 June) and Bram (3, 2 June) had answered in 2024 by then.
        let o = &report.overall;
        assert_eq!((o.responses, o.promoters, o.detractors), (2, 1, 1));
    }
}
