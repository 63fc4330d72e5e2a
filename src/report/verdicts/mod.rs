//! The one-line verdicts and flag messages, in plain words, in both languages. They
//! quote figures from the analysis; they never compute one.

mod nps;
mod plan;
mod referrals;

pub use nps::{band_meaning, nps};
pub use plan::{area_name, detail as action_detail, priority_name, title as action_title};
pub use referrals::referrals;

use crate::analysis::retention::{Bathtub, RetentionYear};
use crate::analysis::risk::{FlagId, Level, Risk};
use crate::analysis::segments::{DormantClient, Segment, YearSegments};
use crate::analysis::to_date::YearToDate;
use crate::model::{Channel, Money, Year};

use super::i18n::{self, text, Lang, Text};

pub use crate::analysis::risk::RiskPeriod;

pub fn level_name(lang: Lang, level: Level) -> &'static str {
    text(
        lang,
        match level {
            Level::Unknown => Text::LevelUnknown,
            Level::Low => Text::LevelLow,
            Level::Moderate => Text::LevelModerate,
            Level::High => Text::LevelHigh,
            Level::Critical => Text::LevelCritical,
        },
    )
}

pub fn segment_name(lang: Lang, segment: Segment) -> &'static str {
    text(
        lang,
        match segment {
            Segment::New => Text::SegNew,
            Segment::Loyal => Text::SegLoyal,
            Segment::Reactivated => Text::SegReactivated,
            Segment::Intermediated => Text::SegIntermediated,
            Segment::OtherIncome => Text::SegOtherIncome,
            Segment::Unidentified => Text::SegUnidentified,
        },
    )
}

pub fn channel_name(lang: Lang, channel: Channel) -> &'static str {
    text(
        lang,
        match channel {
            Channel::Referral => Text::ChReferral,
            Channel::Website => Text::ChWebsite,
            Channel::Agency => Text::ChAgency,
            Channel::Directory => Text::ChDirectory,
            Channel::ColdOutreach => Text::ChColdOutreach,
            Channel::Social => Text::ChSocial,
            Channel::Event => Text::ChEvent,
            Channel::Platform => Text::ChPlatform,
            Channel::JobBoard => Text::ChJobBoard,
            Channel::Ads => Text::ChAds,
            Channel::Other => Text::ChOther,
            Channel::Unknown => Text::ChUnknown,
        },
    )
}

pub fn bathtub_name(lang: Lang, bathtub: Bathtub) -> &'static str {
    text(
        lang,
        match bathtub {
            Bathtub::Filling => Text::Filling,
            Bathtub::Stable => Text::Stable,
            Bathtub::Leaking => Text::Leaking,
        },
    )
}

/// "In 2024, loyal clients brought 40.0 % of revenue, …".
pub fn segments(lang: Lang, year: &YearSegments, currency: Option<&str>) -> String {
    let share = |s: Segment| i18n::optional_percent(lang, year.get(s).and_then(|f| f.share));
    if year.revenue <= Money::ZERO {
        let total = i18n::money(lang, year.revenue, currency);
        return match lang {
            Lang::En => format!(
                "In {}, revenue nets to {total}: it has no shares.",
                year.year
            ),
            Lang::Fr => format!(
                "En {}, le chiffre d'affaires net est de {total} : pas de parts à calculer.",
                year.year
            ),
        };
    }
    // Revenue whose payer is unknown, said only where there is some.
    let unidentified = year.get(Segment::Unidentified).map(|_| match lang {
        Lang::En => format!(
            " Clients that could not be identified: {}.",
            share(Segment::Unidentified)
        ),
        Lang::Fr => format!(
            " Clients non identifiés : {}.",
            share(Segment::Unidentified)
        ),
    });
    let sentence = match lang {
        Lang::En => format!(
            "In {}, loyal clients brought {} of revenue, new clients {}, won-back clients {}, intermediaries and subcontracting {} and other income {}.",
            year.year,
            share(Segment::Loyal),
            share(Segment::New),
            share(Segment::Reactivated),
            share(Segment::Intermediated),
            share(Segment::OtherIncome),
        ),
        Lang::Fr => format!(
            "En {}, les clients fidèles ont apporté {} du chiffre d'affaires, les nouveaux clients {}, les clients de retour {}, les intermédiaires et la sous-traitance {} et les autres revenus {}.",
            year.year,
            share(Segment::Loyal),
            share(Segment::New),
            share(Segment::Reactivated),
            share(Segment::Intermediated),
            share(Segment::OtherIncome),
        ),
    };
    sentence + unidentified.as_deref().unwrap_or_default()
}

/// Clients that came back in `year` (retention) whose revenue is in another segment:
/// the segments sort by the kind of work first.
pub fn won_back_elsewhere(lang: Lang, year: Year, clients: u64) -> String {
    match (lang, clients) {
        (Lang::En, 1) => format!("1 client came back in {year}, but its revenue is other income or went through an intermediary, so it counts in those segments, not in won back."),
        (Lang::En, n) => format!("{n} clients came back in {year}, but their revenue is other income or went through an intermediary, so it counts in those segments, not in won back."),
        (Lang::Fr, 1) => format!("1 client est revenu en {year}, mais son chiffre d'affaires est un autre revenu ou passe par un intermédiaire : il compte dans ces segments, pas dans les clients de retour."),
        (Lang::Fr, n) => format!("{n} clients sont revenus en {year}, mais leur chiffre d'affaires est un autre revenu ou passe par un intermédiaire : il compte dans ces segments, pas dans les clients de retour."),
    }
}

/// "of 2024 revenue" / "du chiffre d'affaires 2024".
pub(crate) fn of_revenue(lang: Lang, period: RiskPeriod) -> String {
    match (lang, period) {
        (Lang::En, RiskPeriod::Year(y)) => format!("of {y} revenue"),
        (Lang::En, RiskPeriod::LastTwelveMonths) => "of the last 12 months' revenue".into(),
        (Lang::Fr, RiskPeriod::Year(y)) => format!("du chiffre d'affaires {y}"),
        (Lang::Fr, RiskPeriod::LastTwelveMonths) => {
            "du chiffre d'affaires des 12 derniers mois".into()
        }
    }
}

pub(crate) fn in_period(lang: Lang, period: RiskPeriod) -> String {
    match (lang, period) {
        (Lang::En, RiskPeriod::Year(y)) => format!("in {y}"),
        (Lang::En, RiskPeriod::LastTwelveMonths) => "over the last 12 months".into(),
        (Lang::Fr, RiskPeriod::Year(y)) => format!("en {y}"),
        (Lang::Fr, RiskPeriod::LastTwelveMonths) => "sur les 12 derniers mois".into(),
    }
}

/// What one flag means, with the figures that raised it.
pub fn flag_message(lang: Lang, flag: FlagId, risk: &Risk, period: RiskPeriod) -> String {
    let top_name = risk.top_client.as_ref().map_or("", |c| c.name.as_str());
    let top_share = i18n::optional_percent(lang, risk.top_client.as_ref().and_then(|c| c.share));
    let of = of_revenue(lang, period);
    let during = in_period(lang, period);
    let effective = i18n::optional_number(lang, risk.effective_clients, 1);
    let hhi = i18n::optional_number(lang, risk.hhi, 0);
    match (lang, flag) {
        (Lang::En, FlagId::DependencyCritical) => format!(
            "{top_share} {of} came from {top_name}: you are economically dependent on one client."
        ),
        (Lang::Fr, FlagId::DependencyCritical) => format!(
            "{top_share} {of} vient du client {top_name} : vous êtes économiquement dépendant d'un seul client."
        ),
        (Lang::En, FlagId::DependencyHigh) => format!(
            "{top_share} {of} came from {top_name}: half your activity rests on one client."
        ),
        (Lang::Fr, FlagId::DependencyHigh) => format!(
            "{top_share} {of} vient du client {top_name} : la moitié de votre activité repose sur un seul client."
        ),
        (Lang::En, FlagId::DependencyModerate) => format!(
            "{top_share} {of} came from {top_name}: a loss there would be felt."
        ),
        (Lang::Fr, FlagId::DependencyModerate) => format!(
            "{top_share} {of} vient du client {top_name} : le perdre se ferait sentir."
        ),
        (Lang::En, FlagId::ConcentrationHigh) => format!(
            "Revenue {during} behaves as if it came from {effective} equal clients (HHI {hhi}): highly concentrated."
        ),
        (Lang::Fr, FlagId::ConcentrationHigh) => format!(
            "Le chiffre d'affaires {during} se comporte comme s'il venait de {effective} clients égaux (IHH {hhi}) : très concentré."
        ),
        (Lang::En, FlagId::ConcentrationModerate) => format!(
            "Revenue {during} behaves as if it came from {effective} equal clients (HHI {hhi}): moderately concentrated."
        ),
        (Lang::Fr, FlagId::ConcentrationModerate) => format!(
            "Le chiffre d'affaires {during} se comporte comme s'il venait de {effective} clients égaux (IHH {hhi}) : assez concentré."
        ),
        (_, FlagId::IntermediationHigh) => {
            let share = i18n::optional_percent(lang, risk.intermediated_share);
            let largest = risk
                .top_intermediary
                .as_ref()
                .map(|i| (i.name.as_str(), i18n::optional_percent(lang, i.share)));
            match (lang, largest) {
                (Lang::En, Some((name, s))) => format!(
                    "{share} {of} came through intermediaries or subcontracting, {name} first ({s}): build direct clients."
                ),
                (Lang::En, None) => format!(
                    "{share} {of} came through intermediaries or subcontracting: build direct clients."
                ),
                (Lang::Fr, Some((name, s))) => format!(
                    "{share} {of} passe par des intermédiaires ou de la sous-traitance, {name} en tête ({s}) : développez une clientèle directe."
                ),
                (Lang::Fr, None) => format!(
                    "{share} {of} passe par des intermédiaires ou de la sous-traitance : développez une clientèle directe."
                ),
            }
        }
        (_, FlagId::CoverageLow) => {
            let share = i18n::optional_percent(lang, risk.identified_share);
            match lang {
                Lang::En => format!("Only {share} {of} has an identified client (the rest is cash sales or a collective customer account): too little to judge how dependent you are."),
                Lang::Fr => format!("Seulement {share} {of} a un client identifié (le reste est fait de ventes au comptant ou d'un compte client collectif) : trop peu pour juger de votre dépendance."),
            }
        }
        (Lang::En, FlagId::ClientsFew) => format!(
            "Only {} active clients {during}: losing one would hurt.",
            risk.active_clients
        ),
        (Lang::Fr, FlagId::ClientsFew) => format!(
            "Seulement {} clients actifs {during} : en perdre un ferait mal.",
            risk.active_clients
        ),
    }
}

/// A sentence continued after a colon: "Risk high: revenue in 2025 …".
fn lower_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn upper_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The risk in one line: its level and the message of its strongest flag.
pub fn risk(lang: Lang, risk: &Risk, period: RiskPeriod) -> String {
    let level = level_name(lang, risk.level);
    let head = match lang {
        Lang::En => format!("Risk {level}"),
        Lang::Fr => format!("Risque {level}"),
    };
    let body = match risk.flags.first() {
        Some(flag) => lower_first(&flag_message(lang, *flag, risk, period)),
        None => {
            let top = risk.top_client.as_ref();
            let name = top.map_or("", |c| c.name.as_str());
            let share = i18n::optional_percent(lang, top.and_then(|c| c.share));
            let of = of_revenue(lang, period);
            let effective = i18n::optional_number(lang, risk.effective_clients, 1);
            match lang {
                Lang::En => format!(
                    "no dependency: the largest client, {name}, brought {share} {of}, as if from {effective} equal clients."
                ),
                Lang::Fr => format!(
                    "pas de dépendance : le premier client, {name}, a apporté {share} {of}, comme si le chiffre d'affaires venait de {effective} clients égaux."
                ),
            }
        }
    };
    format!("{head}{}{body}", i18n::colon(lang))
}

/// "2024: 3 clients won (2 new, 1 back) and 1 lost: the bathtub is filling. …". A year
/// not over is not judged against a whole one: its "lost" clients may still come, and
/// its revenue is part of a year.
pub fn retention(lang: Lang, year: &RetentionYear, partial: bool) -> String {
    let won = year.new + year.reactivated;
    if partial {
        let before = year.year - 1;
        return match lang {
            Lang::En => format!(
                "{} is not over: so far {won} clients won ({} new, {} back), and {} of {before}'s clients have not come back yet; too early to judge the year.",
                year.year, year.new, year.reactivated, year.lost
            ),
            Lang::Fr => format!(
                "{} n'est pas terminée : pour l'instant {won} clients gagnés ({} nouveaux, {} de retour), et {} clients de {before} ne sont pas encore revenus ; trop tôt pour juger l'année.",
                year.year, year.new, year.reactivated, year.lost
            ),
        };
    }
    let state = match (lang, year.bathtub) {
        (Lang::En, Bathtub::Filling) => "the bathtub is filling",
        (Lang::En, Bathtub::Stable) => "the bathtub is stable",
        (Lang::En, Bathtub::Leaking) => "the bathtub is leaking",
        (Lang::Fr, Bathtub::Filling) => "la baignoire se remplit",
        (Lang::Fr, Bathtub::Stable) => "la baignoire est stable",
        (Lang::Fr, Bathtub::Leaking) => "la baignoire fuit",
    };
    let mut line = match lang {
        Lang::En => format!(
            "{}: {won} clients won ({} new, {} back) and {} lost: {state}.",
            year.year, year.new, year.reactivated, year.lost
        ),
        Lang::Fr => format!(
            "{} : {won} clients gagnés ({} nouveaux, {} de retour) et {} perdus : {state}.",
            year.year, year.new, year.reactivated, year.lost
        ),
    };
    if let (Some(rate), Some(nrr)) = (year.retention_rate, year.net_revenue_retention) {
        let before = year.year - 1;
        let (rate, nrr) = (i18n::percent(lang, rate), i18n::percent(lang, nrr));
        line.push_str(&match lang {
            Lang::En => format!(
                " {rate} of {before}'s clients stayed, and they spent {nrr} of what they spent in {before}."
            ),
            Lang::Fr => format!(
                " {rate} des clients de {before} sont restés, et ils ont dépensé {nrr} de ce qu'ils dépensaient en {before}."
            ),
        });
    }
    line
}

/// The focus year so far, against the same period a year earlier and the full year.
pub fn year_to_date(lang: Lang, focus: Year, ytd: &YearToDate, currency: Option<&str>) -> String {
    let money = |v| i18n::money(lang, v, currency);
    let date = |d| i18n::date(lang, d);
    let change = ytd.change.map_or_else(
        || text(lang, Text::Undefined).to_string(),
        |c| format!("{} %", i18n::signed(lang, c, 1)),
    );
    let change = if lang == Lang::Fr {
        change.replace(" %", "\u{a0}%")
    } else {
        change
    };
    let share = i18n::optional_percent(lang, ytd.share_of_previous_full_year);
    let before = focus - 1;
    // The first year has nothing to be compared with: it is not said.
    if ytd.previous_full_year.is_zero() && ytd.previous.revenue.is_zero() {
        return match lang {
            Lang::En => format!(
                "{focus} is not over: {} from {} to {}.",
                money(ytd.current.revenue),
                date(ytd.current.from),
                date(ytd.current.to),
            ),
            Lang::Fr => format!(
                "{focus} n'est pas terminée : {} du {} au {}.",
                money(ytd.current.revenue),
                date(ytd.current.from),
                date(ytd.current.to),
            ),
        };
    }
    match lang {
        Lang::En => format!(
            "{focus} is not over: {} from {} to {}, {change} against the same period of {before} ({}), and {share} of all {before} ({}).",
            money(ytd.current.revenue),
            date(ytd.current.from),
            date(ytd.current.to),
            money(ytd.previous.revenue),
            money(ytd.previous_full_year),
        ),
        Lang::Fr => format!(
            "{focus} n'est pas terminée : {} du {} au {}, {change} par rapport à la même période de {before} ({}), soit {share} de tout {before} ({}).",
            money(ytd.current.revenue),
            date(ytd.current.from),
            date(ytd.current.to),
            money(ytd.previous.revenue),
            money(ytd.previous_full_year),
        ),
    }
}

/// "3 clients have not been invoiced for 12 months: 25,000.00 EUR of lifetime revenue."
pub fn dormant(
    lang: Lang,
    dormant: &[DormantClient],
    months: u32,
    currency: Option<&str>,
) -> String {
    let total = dormant
        .iter()
        .try_fold(Money::ZERO, |acc, d| acc.checked_add(d.lifetime_revenue))
        .map(|t| i18n::money(lang, t, currency))
        .unwrap_or_default();
    let first = dormant.first().map_or("", |d| d.name.as_str());
    match lang {
        Lang::En => format!(
            "{} clients without an invoice for more than {months} months, worth {total} over their lifetime; start with {first}.",
            dormant.len()
        ),
        Lang::Fr => format!(
            "{} clients sans facture depuis plus de {months} mois, pour {total} sur toute la relation ; commencez par {first}.",
            dormant.len()
        ),
    }
}
