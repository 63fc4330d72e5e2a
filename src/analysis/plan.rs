//! The action plan (SPEC §3.6): rules that turn the figures into a prioritised list.
//! Each rule is one small function over the computed analysis; it returns an action
//! carrying the figures that triggered it, and the report words it in either language.

use std::cmp::Reverse;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{money, Channel, Client, InputQuality, Money, Year};

use super::error::AnalysisError;
use super::french_thresholds::{MicroStatus, VatStatus};
use super::nps::{Band, Respondent};
use super::referrals::Referrer;
use super::revenue::{listed, ClientSummary};
use super::risk::{FlagId, Level, Risk, RiskPeriod};
use super::thresholds::Thresholds;
use super::Analysis;

/// Clients named in an action, at most.
const CLIENTS_NAMED: usize = 10;
/// Dormant clients worth a call, at most.
const DORMANT_NAMED: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Medium,
    Low,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Prospecting,
    Retention,
    Referrals,
    Satisfaction,
    Diversification,
    Data,
    /// Getting paid: late payers, receivables.
    Payments,
    /// The French micro and VAT thresholds.
    Tax,
}

/// What triggered an action, with the figures its text quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    Dependency {
        critical: bool,
        client: String,
        share: Decimal,
        period: RiskPeriod,
    },
    Concentration {
        hhi: Decimal,
        effective_clients: Decimal,
        period: RiskPeriod,
    },
    Intermediation {
        share: Decimal,
        top_intermediary: Option<String>,
        period: RiskPeriod,
    },
    NoNewClient {
        year: Year,
        /// Known channels whose clients brought the most each, best first.
        best_channels: Vec<(Channel, Money)>,
    },
    Leaking {
        year: Year,
        won: u64,
        lost: u64,
        revenue_lost: Money,
    },
    LowRetention {
        year: Year,
        rate: Decimal,
        lost: u64,
    },
    Dormant {
        count: u64,
        months: u32,
    },
    NpsNegative {
        nps: Decimal,
        responses: u64,
    },
    Detractors {
        count: u64,
        nps: Decimal,
        /// How many of them have no revenue in the last 12 months: already gone, they
        /// are asked what went wrong rather than kept.
        gone: u64,
    },
    Promoters {
        count: u64,
        nps: Decimal,
    },
    LowCoverage {
        year: Year,
        coverage: Decimal,
        without_answer: u64,
    },
    ThankReferrers {
        count: u64,
        revenue: Money,
    },
    LowReferralRate {
        year: Year,
        rate: Decimal,
        referred: u64,
        new: u64,
    },
    SilentPromoters {
        count: u64,
    },
    NoOtherIncome {
        top_share: Decimal,
    },
    DataQuality(InputQuality),
    LatePayers {
        /// Clients paying late (median days late, unpaid), the latest first.
        late: Vec<(String, Decimal, Money)>,
        /// Owed more than 60 days past due.
        over_60: Money,
        receivables: Money,
    },
    MicroCeiling {
        year: Year,
        status: MicroStatus,
        revenue: Money,
        ceiling: Money,
        /// The year's projection at its pace so far, when it is not over.
        projected: Option<Money>,
    },
    AtRisk {
        /// Each client at risk with its reasons, the largest at stake first.
        clients: Vec<(String, Vec<super::at_risk::Reason>)>,
        /// Their revenue over the last 12 months.
        revenue: Money,
    },
    Statements {
        year: Year,
        /// Referrers with commission due in the year, and its total.
        referrers: u64,
        commission: Money,
        /// Referrers whose commission of the year reaches the DAS2 threshold.
        das2: Vec<String>,
    },
    TopClientLoss {
        client: String,
        /// Percent of the period's revenue it brings.
        drop: Decimal,
        left: Money,
        months: Option<Decimal>,
        new_clients: Option<Decimal>,
        period: RiskPeriod,
    },
    VatThreshold {
        year: Year,
        status: VatStatus,
        revenue: Money,
        base: Money,
        upper: Money,
        due_from: Option<chrono::NaiveDate>,
    },
}

/// One thing to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub trigger: Trigger,
    pub priority: Priority,
    pub area: Area,
    /// The revenue the action is about; ranks actions of one priority.
    pub stake: Money,
    /// The clients concerned, the most important first.
    pub clients: Vec<String>,
}

impl Trigger {
    /// The year the trigger is about, when it is about one.
    pub fn year(&self) -> Option<Year> {
        match self {
            Trigger::NoNewClient { year, .. }
            | Trigger::Leaking { year, .. }
            | Trigger::LowRetention { year, .. }
            | Trigger::LowCoverage { year, .. }
            | Trigger::LowReferralRate { year, .. }
            | Trigger::Statements { year, .. } => Some(*year),
            _ => None,
        }
    }
}

impl Action {
    /// The stable id (JSON, scripts).
    pub fn id(&self) -> &'static str {
        match &self.trigger {
            Trigger::Dependency { critical: true, .. } => "dependency.critical",
            Trigger::Dependency {
                critical: false, ..
            } => "dependency.high",
            Trigger::Concentration { .. } => "concentration.high",
            Trigger::Intermediation { .. } => "intermediation.high",
            Trigger::NoNewClient { .. } => "acquisition.none",
            Trigger::Leaking { .. } => "retention.leaking",
            Trigger::LowRetention { .. } => "retention.low",
            Trigger::Dormant { .. } => "dormant.reactivate",
            Trigger::NpsNegative { .. } => "nps.negative",
            Trigger::Detractors { .. } => "nps.detractors",
            Trigger::Promoters { .. } => "nps.promoters",
            Trigger::LowCoverage { .. } => "nps.coverage",
            Trigger::ThankReferrers { .. } => "referrals.thank",
            Trigger::LowReferralRate { .. } => "referrals.low",
            Trigger::SilentPromoters { .. } => "referrals.silent_promoters",
            Trigger::NoOtherIncome { .. } => "diversification.none",
            Trigger::DataQuality(_) => "data.quality",
            Trigger::LatePayers { .. } => "payment.late",
            Trigger::MicroCeiling { .. } => "threshold.micro",
            Trigger::VatThreshold { .. } => "threshold.vat",
            Trigger::TopClientLoss { .. } => "stress.top_client",
            Trigger::Statements { .. } => "referrals.statements",
            Trigger::AtRisk { .. } => "retention.at_risk",
        }
    }
}

/// What the rules look at: the analysis, the inputs' quality and the thresholds.
pub struct Context<'a> {
    pub analysis: &'a Analysis,
    /// The clients the analysis's lists point at.
    pub clients: &'a [Client],
    pub quality: &'a InputQuality,
    pub thresholds: &'a Thresholds,
    pub dormant_after_months: u32,
}

impl Context<'_> {
    fn focus_year(&self) -> Option<Year> {
        self.analysis.revenue.period.focus_year
    }

    /// The risk the plan speaks of: the last twelve months when the focus year is not
    /// over (a partial year distorts shares), else the focus year.
    pub fn risk(&self) -> Option<(&Risk, RiskPeriod)> {
        let a = self.analysis;
        match (&a.risk.ttm, a.revenue.period.partial_focus_year) {
            (Some(ttm), true) => Some((&ttm.risk, RiskPeriod::LastTwelveMonths)),
            _ => a
                .risk
                .years
                .last()
                .map(|(year, risk)| (risk, RiskPeriod::Year(*year))),
        }
    }

    /// The overall risk level, what `--fail-on` compares.
    pub fn risk_level(&self) -> Level {
        self.risk().map_or(Level::Low, |(risk, _)| risk.level)
    }

    /// Each client with its summary and its revenue in `year` (zero outside the
    /// report's years).
    fn clients_revenue_in(
        &self,
        year: Year,
    ) -> impl Iterator<Item = (&ClientSummary, &Client, Money)> {
        let revenue = &self.analysis.revenue;
        revenue.clients.iter().map(move |summary| {
            let client = listed(self.clients, summary.client);
            (summary, client, revenue.revenue_in(client, year))
        })
    }

    /// Clients active the year before the focus year and not in it, largest first.
    fn lost_clients(&self) -> Vec<String> {
        let Some(year) = self.focus_year() else {
            return Vec::new();
        };
        let revenue = &self.analysis.revenue;
        let mut lost: Vec<(&Client, Money)> = self
            .clients_revenue_in(year - 1)
            .filter(|(_, c, before)| {
                *before > Money::ZERO && revenue.revenue_in(c, year) <= Money::ZERO
            })
            .map(|(_, c, before)| (c, before))
            .collect();
        lost.sort_by(|a, b| (Reverse(a.1), &a.0.name).cmp(&(Reverse(b.1), &b.0.name)));
        lost.into_iter()
            .take(CLIENTS_NAMED)
            .map(|(c, _)| c.name.to_string())
            .collect()
    }
}

/// What a rule proposes: nothing, an action, or the overflow that adding up its stake
/// ran into (a stake is shown, so it is exact or an error, never saturated).
pub type Proposal = Option<Result<Action, AnalysisError>>;

fn action(trigger: Trigger, priority: Priority, area: Area, stake: Money) -> Action {
    Action {
        trigger,
        priority,
        area,
        stake,
        clients: Vec::new(),
    }
}

fn with_clients(mut action: Action, clients: Vec<String>) -> Action {
    action.clients = clients;
    action
}

/// Σ of positive amounts (a credit note does not reduce what is at stake).
fn positive_sum(values: impl Iterator<Item = Money>) -> Result<Money, AnalysisError> {
    money::sum(values.filter(|v| *v > Money::ZERO)).ok_or(AnalysisError::Overflow)
}

fn names(respondents: &[Respondent]) -> Vec<String> {
    respondents
        .iter()
        .take(CLIENTS_NAMED)
        .map(|r| r.name.clone())
        .collect()
}

/// `dependency.critical` / `dependency.high`: prospect now; name the client.
pub fn dependency(ctx: &Context) -> Proposal {
    let (risk, period) = ctx.risk()?;
    let critical = risk.flags.contains(&FlagId::DependencyCritical);
    if !critical && !risk.flags.contains(&FlagId::DependencyHigh) {
        return None;
    }
    let top = risk.top_client.as_ref()?;
    let trigger = Trigger::Dependency {
        critical,
        client: top.name.clone(),
        share: top.share?,
        period,
    };
    let a = action(trigger, Priority::High, Area::Prospecting, top.revenue);
    Some(Ok(with_clients(a, vec![top.name.clone()])))
}

/// `concentration.high`: diversify.
pub fn concentration(ctx: &Context) -> Proposal {
    let (risk, period) = ctx.risk()?;
    if !risk.flags.contains(&FlagId::ConcentrationHigh) {
        return None;
    }
    let top3 = risk.largest_clients.iter().take(3);
    let trigger = Trigger::Concentration {
        hhi: risk.hhi?,
        effective_clients: risk.effective_clients?,
        period,
    };
    let stake = positive_sum(top3.clone().map(|c| c.revenue));
    Some(stake.map(|stake| {
        let a = action(trigger, Priority::Medium, Area::Diversification, stake);
        with_clients(a, top3.map(|c| c.name.clone()).collect())
    }))
}

/// `intermediation.high`: build direct clients.
pub fn intermediation(ctx: &Context) -> Proposal {
    let (risk, period) = ctx.risk()?;
    if !risk.flags.contains(&FlagId::IntermediationHigh) {
        return None;
    }
    let top = risk.top_intermediary.as_ref().map(|t| t.name.clone());
    let trigger = Trigger::Intermediation {
        share: risk.intermediated_share?,
        top_intermediary: top.clone(),
        period,
    };
    let a = action(
        trigger,
        Priority::Medium,
        Area::Diversification,
        risk.intermediated_revenue,
    );
    Some(Ok(with_clients(a, top.into_iter().collect())))
}

/// `acquisition.none`: no new client in the focus year; the channels that paid best.
pub fn acquisition(ctx: &Context) -> Proposal {
    let year = ctx.analysis.retention.years.last()?;
    if year.new > 0 {
        return None;
    }
    let mut channels: Vec<(Channel, Money)> = ctx
        .analysis
        .channels
        .lifetime
        .iter()
        .filter(|c| !matches!(c.channel, Channel::Unknown | Channel::Other))
        .filter_map(|c| c.average_lifetime_revenue.map(|a| (c.channel, a)))
        .collect();
    channels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    channels.truncate(2);
    let trigger = Trigger::NoNewClient {
        year: year.year,
        best_channels: channels,
    };
    Some(Ok(action(
        trigger,
        Priority::High,
        Area::Prospecting,
        year.revenue_lost,
    )))
}

/// `retention.leaking`: more clients lost than won.
pub fn leaking(ctx: &Context) -> Proposal {
    let year = ctx.analysis.retention.years.last()?;
    if year.bathtub != super::retention::Bathtub::Leaking {
        return None;
    }
    let trigger = Trigger::Leaking {
        year: year.year,
        won: year.new + year.reactivated,
        lost: year.lost,
        revenue_lost: year.revenue_lost,
    };
    let a = action(trigger, Priority::High, Area::Retention, year.revenue_lost);
    Some(Ok(with_clients(a, ctx.lost_clients())))
}

/// `retention.low`: fewer than half of last year's clients stayed.
pub fn low_retention(ctx: &Context) -> Proposal {
    let year = ctx.analysis.retention.years.last()?;
    let rate = year.retention_rate?;
    if rate >= ctx.thresholds.retention_low {
        return None;
    }
    let trigger = Trigger::LowRetention {
        year: year.year,
        rate,
        lost: year.lost,
    };
    let a = action(
        trigger,
        Priority::Medium,
        Area::Retention,
        year.revenue_lost,
    );
    Some(Ok(with_clients(a, ctx.lost_clients())))
}

/// `dormant.reactivate`: the dormant clients worth the most, to call.
pub fn dormant(ctx: &Context) -> Proposal {
    let dormant = &ctx.analysis.segments.dormant;
    if dormant.is_empty() {
        return None;
    }
    let top = dormant.iter().take(DORMANT_NAMED);
    let trigger = Trigger::Dormant {
        count: dormant.len() as u64,
        months: ctx.dormant_after_months,
    };
    let stake = positive_sum(top.clone().map(|d| d.lifetime_revenue));
    let names = top.map(|d| listed(ctx.clients, d.client).name.to_string());
    Some(stake.map(|stake| {
        let a = action(trigger, Priority::Medium, Area::Retention, stake);
        with_clients(a, names.collect())
    }))
}

/// `nps.negative`: more detractors than promoters.
pub fn nps_negative(ctx: &Context) -> Proposal {
    let nps = &ctx.analysis.nps;
    if nps.overall.band != Some(Band::Negative) {
        return None;
    }
    let trigger = Trigger::NpsNegative {
        nps: nps.overall.nps?,
        responses: nps.overall.responses,
    };
    let stake = positive_sum(nps.detractors.iter().map(|r| r.revenue_ttm));
    Some(stake.map(|stake| action(trigger, Priority::High, Area::Satisfaction, stake)))
}

/// `nps.detractors`: call each detractor while the score is low.
pub fn detractors(ctx: &Context) -> Proposal {
    let nps = &ctx.analysis.nps;
    let low = matches!(nps.overall.band, Some(Band::Negative | Band::NearZero));
    if !low || nps.detractors.is_empty() {
        return None;
    }
    let trigger = Trigger::Detractors {
        count: nps.detractors.len() as u64,
        nps: nps.overall.nps?,
        gone: nps
            .detractors
            .iter()
            .filter(|r| r.revenue_ttm <= Money::ZERO)
            .count() as u64,
    };
    let stake = positive_sum(nps.detractors.iter().map(|r| r.revenue_ttm));
    Some(stake.map(|stake| {
        let a = action(trigger, Priority::High, Area::Satisfaction, stake);
        with_clients(a, names(&nps.detractors))
    }))
}

/// `nps.promoters`: keep promoters close and ask for referrals.
pub fn promoters(ctx: &Context) -> Proposal {
    let nps = &ctx.analysis.nps;
    let high = matches!(nps.overall.band, Some(Band::Positive | Band::Excellent));
    if !high || nps.promoters.is_empty() {
        return None;
    }
    let trigger = Trigger::Promoters {
        count: nps.promoters.len() as u64,
        nps: nps.overall.nps?,
    };
    let stake = positive_sum(nps.promoters.iter().map(|r| r.revenue_ttm));
    Some(stake.map(|stake| {
        let a = action(trigger, Priority::Medium, Area::Referrals, stake);
        with_clients(a, names(&nps.promoters))
    }))
}

/// `nps.coverage`: fewer than half the active clients answered; survey the others.
pub fn coverage(ctx: &Context) -> Proposal {
    let year = ctx.focus_year()?;
    let coverage = ctx.analysis.nps.overall.coverage?;
    if coverage >= ctx.thresholds.nps_coverage_low {
        return None;
    }
    let mut silent: Vec<(&Client, Money)> = ctx
        .clients_revenue_in(year)
        .filter(|(summary, _, revenue)| *revenue > Money::ZERO && summary.nps_latest.is_none())
        .map(|(_, c, revenue)| (c, revenue))
        .collect();
    silent.sort_by(|a, b| (Reverse(a.1), &a.0.name).cmp(&(Reverse(b.1), &b.0.name)));
    let trigger = Trigger::LowCoverage {
        year,
        coverage,
        without_answer: silent.len() as u64,
    };
    let stake = positive_sum(silent.iter().map(|(_, r)| *r));
    let named = silent
        .iter()
        .take(CLIENTS_NAMED)
        .map(|(c, _)| c.name.to_string())
        .collect();
    Some(stake.map(|stake| {
        let a = action(trigger, Priority::Low, Area::Satisfaction, stake);
        with_clients(a, named)
    }))
}

/// `referrals.thank`: referrers the clients file says were not thanked.
pub fn thank_referrers(ctx: &Context) -> Proposal {
    let owed: Vec<&Referrer> = ctx
        .analysis
        .referrers
        .iter()
        .filter(|r| r.thanked == Some(false))
        .collect();
    if owed.is_empty() {
        return None;
    }
    let revenue = match positive_sum(owed.iter().map(|r| r.revenue_lifetime)) {
        Ok(revenue) => revenue,
        Err(overflow) => return Some(Err(overflow)),
    };
    let trigger = Trigger::ThankReferrers {
        count: owed.len() as u64,
        revenue,
    };
    let a = action(trigger, Priority::Medium, Area::Referrals, revenue);
    let named = owed
        .iter()
        .take(CLIENTS_NAMED)
        .map(|r| r.name.clone())
        .collect();
    Some(Ok(with_clients(a, named)))
}

/// `referrals.low`: fewer than 30 % of new clients came by referral.
pub fn low_referral_rate(ctx: &Context) -> Proposal {
    let year = ctx.analysis.channels.years.last()?;
    let rate = year.referral_rate?;
    if rate >= ctx.thresholds.referral_rate_low {
        return None;
    }
    let trigger = Trigger::LowReferralRate {
        year: year.year,
        rate,
        referred: year.referred_new_clients,
        new: year.new_clients,
    };
    Some(Ok(action(
        trigger,
        Priority::Medium,
        Area::Referrals,
        Money::ZERO,
    )))
}

/// `referrals.silent_promoters`: promoters who never referred anyone.
pub fn silent_promoters(ctx: &Context) -> Proposal {
    let silent = &ctx.analysis.nps.silent_promoters;
    if silent.is_empty() {
        return None;
    }
    let trigger = Trigger::SilentPromoters {
        count: silent.len() as u64,
    };
    let stake = positive_sum(silent.iter().map(|r| r.revenue_ttm));
    Some(stake.map(|stake| {
        let a = action(trigger, Priority::Low, Area::Referrals, stake);
        with_clients(a, names(silent))
    }))
}

/// `diversification.none`: no other income while one client brings half the revenue.
pub fn no_other_income(ctx: &Context) -> Proposal {
    let (risk, _) = ctx.risk()?;
    let top_share = risk.top_client.as_ref()?.share?;
    let other = ctx
        .analysis
        .segments
        .years
        .last()?
        .get(super::segments::Segment::OtherIncome)
        .map_or(Money::ZERO, |f| f.revenue);
    if other > Money::ZERO || top_share < ctx.thresholds.diversification_top_share {
        return None;
    }
    let trigger = Trigger::NoOtherIncome { top_share };
    Some(Ok(action(
        trigger,
        Priority::Low,
        Area::Diversification,
        Money::ZERO,
    )))
}

/// `data.quality`: rejected rows, names that match no client, guessed formats.
pub fn data_quality(ctx: &Context) -> Proposal {
    let q = ctx.quality;
    if q.rejected_rows == 0 && q.unmatched_names == 0 && q.guessed_formats == 0 {
        return None;
    }
    let trigger = Trigger::DataQuality(q.clone());
    Some(Ok(action(
        trigger,
        Priority::Medium,
        Area::Data,
        Money::ZERO,
    )))
}

/// Median days late from which a client is chased.
const LATE_DAYS: i64 = 15;

/// `payment.late`: clients who pay late, or receivables over 60 days: chase them.
pub fn late_payers(ctx: &Context) -> Proposal {
    let payments = ctx.analysis.payments.as_ref()?;
    let late: Vec<(String, Decimal, Money)> = payments
        .clients
        .iter()
        .filter_map(|c| {
            let days = c.figures.median_days_late?;
            (days > Decimal::from(LATE_DAYS)).then(|| (c.name.clone(), days, c.unpaid))
        })
        .collect();
    let r = &payments.receivables;
    let over_60 = match r.buckets.over_60() {
        Ok(over_60) => over_60,
        Err(overflow) => return Some(Err(overflow)),
    };
    if late.is_empty() && over_60.is_zero() {
        return None;
    }
    let mut clients = Vec::new();
    for client in &r.clients {
        match client.buckets.over_60() {
            Ok(owed) if owed.is_zero() => {}
            Ok(_) => clients.push(client.name.clone()),
            Err(overflow) => return Some(Err(overflow)),
        }
    }
    for (name, _, _) in &late {
        if !clients.contains(name) {
            clients.push(name.clone());
        }
    }
    clients.truncate(CLIENTS_NAMED);
    let priority = if over_60.is_zero() {
        Priority::Medium
    } else {
        Priority::High
    };
    let trigger = Trigger::LatePayers {
        late,
        over_60,
        receivables: r.total,
    };
    let stake = over_60.max(r.total);
    Some(Ok(with_clients(
        action(trigger, priority, Area::Payments, stake),
        clients,
    )))
}

/// `threshold.micro`: the focus year (or its pace) approaching or over the ceiling.
pub fn micro_ceiling(ctx: &Context) -> Proposal {
    let t = ctx.analysis.thresholds.as_ref()?;
    let year = t.years.last()?;
    let projected = t.projection.as_ref().filter(|p| p.year == year.year);
    let status = match (year.micro_status, projected.map(|p| p.micro_status)) {
        (MicroStatus::Under, Some(MicroStatus::Under) | None) => return None,
        (MicroStatus::Under, Some(projected)) => projected,
        (status, _) => status,
    };
    let priority = match status {
        MicroStatus::Over => Priority::High,
        _ => Priority::Medium,
    };
    let trigger = Trigger::MicroCeiling {
        year: year.year,
        status,
        revenue: year.revenue,
        ceiling: year.micro_ceiling,
        projected: projected.map(|p| p.revenue),
    };
    Some(Ok(action(trigger, priority, Area::Tax, year.revenue)))
}

/// `threshold.vat`: the focus year over a VAT franchise threshold.
pub fn vat_threshold(ctx: &Context) -> Proposal {
    let t = ctx.analysis.thresholds.as_ref()?;
    if !t.vat_franchise {
        return None;
    }
    let year = t.years.last()?;
    let priority = match year.vat_status {
        VatStatus::Under if year.vat_due_from.is_none() => return None,
        VatStatus::OverBase if year.vat_due_from.is_none() => Priority::Medium,
        _ => Priority::High,
    };
    let trigger = Trigger::VatThreshold {
        year: year.year,
        status: year.vat_status,
        revenue: year.revenue,
        base: year.vat_base,
        upper: year.vat_upper,
        due_from: year.vat_due_from,
    };
    Some(Ok(action(trigger, priority, Area::Tax, year.revenue)))
}

/// The drop, in percent of revenue, from which losing the top client is worth an action.
const STRESS_DROP: i64 = 30;

/// `stress.top_client`: losing the top client would cut revenue by 30 % or more.
pub fn top_client_loss(ctx: &Context) -> Proposal {
    let (_, period) = ctx.risk()?;
    let stress = match period {
        RiskPeriod::LastTwelveMonths => ctx.analysis.stress.ttm.as_ref(),
        RiskPeriod::Year(_) => ctx.analysis.stress.focus_year.as_ref(),
    }?;
    let top = stress.without_top_client.as_ref()?;
    let drop = top.drop?;
    if drop < Decimal::from(STRESS_DROP) {
        return None;
    }
    let priority = if drop >= Decimal::from(50) {
        Priority::High
    } else {
        Priority::Medium
    };
    let Some(removed) = money::sub(stress.revenue, top.revenue) else {
        return Some(Err(AnalysisError::Overflow));
    };
    let trigger = Trigger::TopClientLoss {
        client: top.name.clone(),
        drop,
        left: top.revenue,
        months: stress.top_client_months,
        new_clients: stress.new_clients_to_replace,
        period,
    };
    let a = action(trigger, priority, Area::Prospecting, removed);
    Some(Ok(with_clients(a, vec![top.name.clone()])))
}

/// `retention.at_risk`: active clients shrinking, overdue or unhappy: call them.
pub fn at_risk(ctx: &Context) -> Proposal {
    let list = &ctx.analysis.at_risk;
    if list.is_empty() {
        return None;
    }
    let revenue = match positive_sum(list.iter().map(|a| a.revenue_ttm)) {
        Ok(revenue) => revenue,
        Err(overflow) => return Some(Err(overflow)),
    };
    let named: Vec<(String, Vec<super::at_risk::Reason>)> = list
        .iter()
        .take(CLIENTS_NAMED)
        .map(|a| (a.name.clone(), a.reasons.clone()))
        .collect();
    let clients = named.iter().map(|(n, _)| n.clone()).collect();
    let trigger = Trigger::AtRisk {
        clients: named,
        revenue,
    };
    Some(Ok(with_clients(
        action(trigger, Priority::Medium, Area::Retention, revenue),
        clients,
    )))
}

/// `referrals.statements`: commission due to referrers in the focus year, or a DAS2 to
/// file: send each its statement, pay, declare.
pub fn statements(ctx: &Context) -> Proposal {
    let year = ctx.focus_year()?;
    let mut due: Vec<(&str, Money)> = ctx
        .analysis
        .referrers
        .iter()
        .filter_map(|r| {
            let commission = r.years.iter().find(|y| y.year == year)?.commission?;
            (commission > Money::ZERO).then_some((r.name.as_str(), commission))
        })
        .collect();
    if due.is_empty() {
        return None;
    }
    due.sort_by(|a, b| (Reverse(a.1), a.0).cmp(&(Reverse(b.1), b.0)));
    let das2: Vec<String> = ctx
        .analysis
        .referrers
        .iter()
        .filter(|r| r.das2_years.contains(&year))
        .map(|r| r.name.clone())
        .collect();
    let commission = match positive_sum(due.iter().map(|(_, c)| *c)) {
        Ok(commission) => commission,
        Err(overflow) => return Some(Err(overflow)),
    };
    let priority = if das2.is_empty() {
        Priority::Low
    } else {
        Priority::Medium
    };
    let trigger = Trigger::Statements {
        year,
        referrers: due.len() as u64,
        commission,
        das2,
    };
    let names = due
        .iter()
        .take(CLIENTS_NAMED)
        .map(|(n, _)| n.to_string())
        .collect();
    Some(Ok(with_clients(
        action(trigger, priority, Area::Referrals, commission),
        names,
    )))
}

/// Every rule, in the order of SPEC §3.6.
pub const RULES: &[fn(&Context) -> Proposal] = &[
    dependency,
    concentration,
    intermediation,
    acquisition,
    leaking,
    low_retention,
    dormant,
    nps_negative,
    detractors,
    promoters,
    coverage,
    thank_referrers,
    low_referral_rate,
    silent_promoters,
    no_other_income,
    data_quality,
    late_payers,
    micro_ceiling,
    vat_threshold,
    top_client_loss,
    at_risk,
    statements,
];

/// The plan: every rule that fires, by priority, then revenue at stake, then id.
pub fn plan(ctx: &Context) -> Result<Vec<Action>, AnalysisError> {
    let mut actions = RULES
        .iter()
        .filter_map(|rule| rule(ctx))
        .collect::<Result<Vec<_>, _>>()?;
    actions.sort_by(|a, b| {
        (a.priority, Reverse(a.stake), a.id()).cmp(&(b.priority, Reverse(b.stake), b.id()))
    });
    Ok(actions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testdata::{build, date, dec, profile, Row};
    use crate::analysis::{analyze, Params};
    use crate::model::{ClientProfile, Dataset, FiscalYearStart, Kind, NpsAnswer, Thanked};

    use Kind::{Royalties, Service};

    const END: chrono::NaiveDate = date(2024, 12, 31);

    /// An analysis with the clients its lists point at.
    struct Analysed {
        analysis: Analysis,
        clients: Vec<Client>,
    }

    impl std::ops::Deref for Analysed {
        type Target = Analysis;

        fn deref(&self) -> &Analysis {
            &self.analysis
        }
    }

    /// The analysis of `rows`, as of the end of 2024 (a complete focus year).
    fn analysed(rows: &[Row], set: impl FnOnce(&mut Dataset)) -> Analysed {
        let mut data = build(rows, FiscalYearStart::default(), Some(END));
        set(&mut data);
        Analysed {
            analysis: analyze(&data, &Params::default()).unwrap(),
            clients: data.clients,
        }
    }

    fn proposes(rule: fn(&Context) -> Proposal, analysed: &Analysed) -> Proposal {
        rule(&Context {
            analysis: &analysed.analysis,
            clients: &analysed.clients,
            quality: &InputQuality::default(),
            thresholds: &Thresholds::default(),
            dormant_after_months: 12,
        })
    }

    fn fires(rule: fn(&Context) -> Proposal, analysed: &Analysed) -> Option<Action> {
        proposes(rule, analysed).map(|proposed| proposed.unwrap())
    }

    fn year_2024(amounts: &[(&'static str, &'static str)]) -> Vec<Row> {
        amounts
            .iter()
            .map(|(client, amount)| (*client, date(2024, 6, 1), *amount, Service, ""))
            .collect()
    }

    fn scored(score: u8) -> impl FnOnce(&mut ClientProfile) {
        move |p| {
            p.nps = Some(NpsAnswer {
                score,
                date: Some(date(2024, 9, 1)),
            })
        }
    }

    fn scores(data: &mut Dataset, scores: &[(&str, u8)]) {
        for (name, score) in scores {
            profile(data, name, scored(*score));
        }
    }

    #[test]
    fn dependency_critical_high_or_nothing() {
        // Acme 8 000 of 10 000: 80 % → critical.
        let a = analysed(
            &year_2024(&[("Acme", "8000"), ("Bolt", "1000"), ("Cove", "1000")]),
            |_| {},
        );
        let action = fires(dependency, &a).unwrap();
        assert_eq!(action.id(), "dependency.critical");
        assert_eq!(action.clients, ["Acme"]);
        assert_eq!(action.stake, dec("8000"));
        // 60 % → high.
        let a = analysed(
            &year_2024(&[("Acme", "6000"), ("Bolt", "2000"), ("Cove", "2000")]),
            |_| {},
        );
        assert_eq!(fires(dependency, &a).unwrap().id(), "dependency.high");
        // 40 % → nothing.
        let a = analysed(
            &year_2024(&[("Acme", "4000"), ("Bolt", "3000"), ("Cove", "3000")]),
            |_| {},
        );
        assert_eq!(fires(dependency, &a), None);
    }

    #[test]
    fn concentration_fires_above_1800() {
        // 80/10/10: HHI 6 400 + 100 + 100 = 6 600.
        let a = analysed(
            &year_2024(&[("Acme", "8000"), ("Bolt", "1000"), ("Cove", "1000")]),
            |_| {},
        );
        let action = fires(concentration, &a).unwrap();
        assert!(matches!(action.trigger, Trigger::Concentration { hhi, .. } if hhi == dec("6600")));
        assert_eq!(action.clients, ["Acme", "Bolt", "Cove"]);
        // Six equal clients: HHI 6 × 16.67² = 1 666.67.
        let six = [
            ("A", "1"),
            ("B", "1"),
            ("C", "1"),
            ("D", "1"),
            ("E", "1"),
            ("F", "1"),
        ];
        assert_eq!(
            fires(concentration, &analysed(&year_2024(&six), |_| {})),
            None
        );
    }

    #[test]
    fn intermediation_fires_from_half_the_revenue() {
        let rows = [
            ("Acme", date(2024, 3, 1), "6000", Service, "Malt"),
            ("Bolt", date(2024, 3, 1), "4000", Service, ""),
        ];
        let action = fires(intermediation, &analysed(&rows, |_| {})).unwrap();
        assert!(
            matches!(action.trigger, Trigger::Intermediation { share, .. } if share == dec("60"))
        );
        assert_eq!(action.clients, ["Malt"]);
        assert_eq!(action.stake, dec("6000"));
        let direct = year_2024(&[("Acme", "6000"), ("Bolt", "4000")]);
        assert_eq!(fires(intermediation, &analysed(&direct, |_| {})), None);
    }

    /// Acme, Bolt and Cove in 2023; in 2024 only Acme (and Dune when `with_new`).
    fn leaky(with_new: bool, keep_all: bool) -> Vec<Row> {
        let mut rows = vec![
            ("Acme", date(2023, 3, 1), "1000", Service, ""),
            ("Bolt", date(2023, 3, 1), "2000", Service, ""),
            ("Cove", date(2023, 3, 1), "3000", Service, ""),
            ("Acme", date(2024, 3, 1), "1000", Service, ""),
        ];
        if keep_all {
            rows.push(("Bolt", date(2024, 3, 1), "2000", Service, ""));
            rows.push(("Cove", date(2024, 3, 1), "3000", Service, ""));
        }
        if with_new {
            rows.push(("Dune", date(2024, 5, 1), "500", Service, ""));
        }
        rows
    }

    #[test]
    fn no_new_client_names_the_best_channels() {
        let a = analysed(&leaky(false, true), |d| {
            profile(d, "Acme", |p| p.channel = Channel::Website);
            profile(d, "Cove", |p| p.channel = Channel::Event);
        });
        let action = fires(acquisition, &a).unwrap();
        // Event: Cove 6 000; website: Acme 2 000; Bolt has no channel (unknown, left out).
        let Trigger::NoNewClient {
            year,
            best_channels,
        } = &action.trigger
        else {
            panic!("{action:?}")
        };
        assert_eq!(*year, 2024);
        assert_eq!(
            best_channels,
            &[
                (Channel::Event, dec("6000")),
                (Channel::Website, dec("2000"))
            ]
        );
        assert_eq!(
            fires(acquisition, &analysed(&leaky(true, true), |_| {})),
            None
        );
    }

    #[test]
    fn a_leaking_bathtub_and_low_retention() {
        // 2024: Bolt and Cove lost (5 000 of 2023 revenue), nobody won; 1 of 3 stayed.
        let a = analysed(&leaky(false, false), |_| {});
        let action = fires(leaking, &a).unwrap();
        assert!(matches!(
            action.trigger,
            Trigger::Leaking { won: 0, lost: 2, revenue_lost, .. } if revenue_lost == dec("5000")
        ));
        assert_eq!(action.clients, ["Cove", "Bolt"]);
        let action = fires(low_retention, &a).unwrap();
        assert!(
            matches!(action.trigger, Trigger::LowRetention { rate, lost: 2, .. } if rate.round_dp(2) == dec("33.33"))
        );
        // Everyone stayed, and one came: filling, 100 % retention.
        let a = analysed(&leaky(true, true), |_| {});
        assert_eq!(fires(leaking, &a), None);
        assert_eq!(fires(low_retention, &a), None);
    }

    #[test]
    fn dormant_clients_to_reactivate() {
        let rows = [
            ("Acme", date(2022, 3, 1), "9000", Service, ""),
            ("Bolt", date(2024, 3, 1), "1000", Service, ""),
        ];
        let action = fires(dormant, &analysed(&rows, |_| {})).unwrap();
        assert_eq!(
            (action.clients.as_slice(), action.stake),
            (&["Acme".to_string()][..], dec("9000"))
        );
        let recent = year_2024(&[("Acme", "9000"), ("Bolt", "1000")]);
        assert_eq!(fires(dormant, &analysed(&recent, |_| {})), None);
    }

    #[test]
    fn a_stake_beyond_the_cent_is_an_overflow_not_a_saturated_figure() {
        let rows = [
            ("Acme", date(2021, 3, 1), "9000", Service, ""),
            ("Cove", date(2022, 3, 1), "5000", Service, ""),
            ("Bolt", date(2024, 3, 1), "1000", Service, ""),
        ];
        let mut analysed = analysed(&rows, |_| {});
        for client in &mut analysed.analysis.segments.dormant {
            client.lifetime_revenue = crate::model::money::LARGEST;
        }
        assert!(matches!(
            proposes(dormant, &analysed),
            Some(Err(AnalysisError::Overflow))
        ));
    }

    fn three_clients() -> Vec<Row> {
        year_2024(&[("Acme", "5000"), ("Bolt", "3000"), ("Cove", "2000")])
    }

    #[test]
    fn negative_nps() {
        // Two detractors: −100.
        let a = analysed(&three_clients(), |d| scores(d, &[("Acme", 3), ("Bolt", 4)]));
        let action = fires(nps_negative, &a).unwrap();
        assert!(
            matches!(action.trigger, Trigger::NpsNegative { nps, responses: 2 } if nps == dec("-100"))
        );
        assert_eq!(action.stake, dec("8000"));
        let a = analysed(&three_clients(), |d| {
            scores(d, &[("Acme", 9), ("Bolt", 10)])
        });
        assert_eq!(fires(nps_negative, &a), None);
    }

    #[test]
    fn detractors_to_call_only_when_the_score_is_low() {
        // 9, 3, 8: (1 − 1) / 3 = 0, near zero: call Bolt.
        let a = analysed(&three_clients(), |d| {
            scores(d, &[("Acme", 9), ("Bolt", 3), ("Cove", 8)])
        });
        let action = fires(detractors, &a).unwrap();
        assert_eq!(
            (action.clients.as_slice(), action.stake),
            (&["Bolt".to_string()][..], dec("3000"))
        );
        // 9, 10, 3: +33, positive: the detractor is not the priority.
        let a = analysed(&three_clients(), |d| {
            scores(d, &[("Acme", 9), ("Bolt", 10), ("Cove", 3)])
        });
        assert_eq!(fires(detractors, &a), None);
    }

    #[test]
    fn promoters_to_keep_close_when_the_score_is_good() {
        let a = analysed(&three_clients(), |d| {
            scores(d, &[("Acme", 9), ("Bolt", 10), ("Cove", 3)])
        });
        let action = fires(promoters, &a).unwrap();
        assert_eq!(action.clients, ["Acme", "Bolt"]);
        assert_eq!(action.stake, dec("8000"));
        let a = analysed(&three_clients(), |d| scores(d, &[("Acme", 3), ("Bolt", 4)]));
        assert_eq!(fires(promoters, &a), None);
    }

    #[test]
    fn survey_coverage_below_half() {
        // One of three active clients answered: 33 %; survey Bolt and Cove.
        let a = analysed(&three_clients(), |d| scores(d, &[("Acme", 9)]));
        let action = fires(coverage, &a).unwrap();
        assert!(matches!(
            action.trigger,
            Trigger::LowCoverage {
                without_answer: 2,
                ..
            }
        ));
        assert_eq!(action.clients, ["Bolt", "Cove"]);
        let a = analysed(&three_clients(), |d| scores(d, &[("Acme", 9), ("Bolt", 8)]));
        assert_eq!(fires(coverage, &a), None);
    }

    fn referral(thanked: Option<Thanked>) -> impl FnOnce(&mut Dataset) {
        move |d| {
            profile(d, "Bolt", |p| {
                p.referred_by = Some("Acme".into());
                p.channel = Channel::Referral;
                p.thanked = thanked;
            });
        }
    }

    #[test]
    fn referrers_to_thank() {
        let a = analysed(&three_clients(), referral(Some(Thanked::Yes(false))));
        let action = fires(thank_referrers, &a).unwrap();
        assert_eq!(
            (action.clients.as_slice(), action.stake),
            (&["Acme".to_string()][..], dec("3000"))
        );
        let a = analysed(&three_clients(), referral(Some(Thanked::Yes(true))));
        assert_eq!(fires(thank_referrers, &a), None);
        // The file saying nothing is not "not thanked".
        let a = analysed(&three_clients(), referral(None));
        assert_eq!(fires(thank_referrers, &a), None);
    }

    #[test]
    fn referral_rate_below_30_percent() {
        // 2024's three new clients: Bolt by referral, Acme and Cove by website: 33 % ≥ 30.
        let websites = |d: &mut Dataset| {
            profile(d, "Acme", |p| p.channel = Channel::Website);
            profile(d, "Cove", |p| p.channel = Channel::Website);
        };
        let a = analysed(&three_clients(), |d| {
            websites(d);
            referral(None)(d);
        });
        assert_eq!(fires(low_referral_rate, &a), None);
        // Bolt from a website too: 0 of 3.
        let a = analysed(&three_clients(), |d| {
            websites(d);
            profile(d, "Bolt", |p| p.channel = Channel::Website);
        });
        let action = fires(low_referral_rate, &a).unwrap();
        assert!(matches!(
            action.trigger,
            Trigger::LowReferralRate {
                referred: 0,
                new: 3,
                ..
            }
        ));
        // No channel known at all: no rate, no action.
        assert_eq!(
            fires(low_referral_rate, &analysed(&three_clients(), |_| {})),
            None
        );
    }

    #[test]
    fn silent_promoters_to_remind() {
        let a = analysed(&three_clients(), |d| scores(d, &[("Acme", 9)]));
        assert_eq!(fires(silent_promoters, &a).unwrap().clients, ["Acme"]);
        // Acme referred Bolt: not silent.
        let a = analysed(&three_clients(), |d| {
            referral(None)(d);
            let acme = d.clients.iter_mut().find(|c| c.name == "Acme").unwrap();
            acme.extras.set_profile(ClientProfile {
                name: Some("Acme".into()),
                nps: Some(NpsAnswer {
                    score: 9,
                    date: None,
                }),
                ..ClientProfile::default()
            });
        });
        assert_eq!(fires(silent_promoters, &a), None);
    }

    #[test]
    fn no_other_income_with_one_large_client() {
        let rows = year_2024(&[("Acme", "8000"), ("Bolt", "2000")]);
        let action = fires(no_other_income, &analysed(&rows, |_| {})).unwrap();
        assert!(
            matches!(action.trigger, Trigger::NoOtherIncome { top_share } if top_share == dec("80"))
        );
        let mut with_royalties = rows.clone();
        with_royalties.push(("Books", date(2024, 7, 1), "100", Royalties, ""));
        assert_eq!(
            fires(no_other_income, &analysed(&with_royalties, |_| {})),
            None
        );
        let spread = year_2024(&[("Acme", "4000"), ("Bolt", "3000"), ("Cove", "3000")]);
        assert_eq!(fires(no_other_income, &analysed(&spread, |_| {})), None);
    }

    #[test]
    fn data_quality_from_the_inputs() {
        let a = analysed(&three_clients(), |_| {});
        assert_eq!(fires(data_quality, &a), None);
        let quality = InputQuality {
            rejected_rows: 3,
            ..InputQuality::default()
        };
        let ctx = Context {
            analysis: &a.analysis,
            clients: &a.clients,
            quality: &quality,
            thresholds: &Thresholds::default(),
            dormant_after_months: 12,
        };
        assert_eq!(
            data_quality(&ctx).unwrap().unwrap().trigger,
            Trigger::DataQuality(quality.clone())
        );
    }

    #[test]
    fn the_plan_is_sorted_by_priority_then_stake() {
        // Acme 80 % (critical, high; losing it would cut 80 %: high, same stake, by id),
        // concentration (medium), no other income (low), nobody answered a survey
        // (coverage, low).
        let a = analysed(
            &year_2024(&[("Acme", "8000"), ("Bolt", "1000"), ("Cove", "1000")]),
            |_| {},
        );
        let ids: Vec<&str> = a.plan.iter().map(Action::id).collect();
        assert_eq!(
            ids,
            [
                "dependency.critical",
                "stress.top_client",
                "concentration.high",
                "nps.coverage",
                "diversification.none"
            ]
        );
        assert_eq!(a.risk_level, Level::Critical);
    }

    #[test]
    fn losing_the_top_client_is_an_action_from_a_30_percent_drop() {
        // Acme 30 % of 10,000: medium; 29 %: no action.
        let thirty = analysed(
            &year_2024(&[
                ("Acme", "3000"),
                ("Bolt", "2500"),
                ("Cove", "2500"),
                ("Dune", "2000"),
            ]),
            |_| {},
        );
        let action = fires(top_client_loss, &thirty).unwrap();
        assert_eq!(action.priority, Priority::Medium);
        assert_eq!(action.stake, dec("3000"));
        let under = analysed(
            &year_2024(&[
                ("Acme", "2900"),
                ("Bolt", "2600"),
                ("Cove", "2500"),
                ("Dune", "2000"),
            ]),
            |_| {},
        );
        assert_eq!(fires(top_client_loss, &under), None);
    }
}
