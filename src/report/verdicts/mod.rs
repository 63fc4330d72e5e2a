//! The one-line verdicts and flag messages, in plain words, in both languages. They
//! quote figures from the analysis; they never compute one.

mod nps;
mod plan;
mod referrals;

pub use nps::{band_meaning, nps};
pub use plan::{
    area_name, concerned, detail as action_detail, priority_name, title as action_title,
};
pub use referrals::referrals;

use crate::analysis::retention::{Bathtub, RetentionYear};
use crate::analysis::risk::{FlagId, Level, Risk};
use crate::analysis::segments::{DormantClient, Segment, YearSegments};
use crate::analysis::to_date::YearToDate;
use crate::model::{Basis, Channel, Client, FiscalYearStart, Money, Year};

use super::i18n::{self, text, Lang, Noun, Text};

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

/// What every amount of the report is: revenue excluding tax, by invoice date (or
/// including tax, when no column without tax was found).
pub fn what_amounts_are(lang: Lang, tax_included: bool, basis: Basis) -> &'static str {
    match (lang, tax_included, basis) {
        (Lang::En, false, Basis::Invoice) => "Amounts are revenue excluding tax, as invoiced, by invoice date (not when paid).",
        (Lang::En, true, Basis::Invoice) => "Amounts include tax (the file has no amount excluding tax), as invoiced, by invoice date (not when paid).",
        (Lang::Fr, false, Basis::Invoice) => "Montants : chiffre d'affaires HT facturé, par date de facture (et non encaissé).",
        (Lang::Fr, true, Basis::Invoice) => "Montants : TTC facturés, par date de facture (et non encaissés), faute de colonne de montant HT dans le fichier.",
        (Lang::En, false, Basis::Cash) => "Amounts are revenue excluding tax, as received, by payment date (the cash basis).",
        (Lang::En, true, Basis::Cash) => "Amounts include tax (the file has no amount excluding tax), as received, by payment date (the cash basis).",
        (Lang::Fr, false, Basis::Cash) => "Montants : chiffre d'affaires HT encaissé, par date de paiement (comptabilité de trésorerie).",
        (Lang::Fr, true, Basis::Cash) => "Montants : TTC encaissés, par date de paiement (comptabilité de trésorerie), faute de colonne de montant HT dans le fichier.",
    }
}

/// Why a client is at risk, in a few words.
pub fn at_risk_reason(lang: Lang, reason: crate::analysis::at_risk::Reason) -> &'static str {
    use crate::analysis::at_risk::Reason;
    match (lang, reason) {
        (Lang::En, Reason::Shrinking) => "shrinking",
        (Lang::En, Reason::Overdue) => "overdue for an invoice",
        (Lang::En, Reason::Detractor) => "unhappy (NPS 0–6)",
        (Lang::Fr, Reason::Shrinking) => "en recul",
        (Lang::Fr, Reason::Overdue) => "facture attendue",
        (Lang::Fr, Reason::Detractor) => "mécontent (note 0–6)",
    }
}

/// "In 2024, loyal clients brought 40.0 % of revenue, …".
pub fn segments(
    lang: Lang,
    year: &YearSegments,
    currency: Option<&str>,
    start: FiscalYearStart,
) -> String {
    let share = |s: Segment| i18n::optional_percent(lang, year.get(s).and_then(|f| f.share));
    let name = i18n::year(lang, year.year, start);
    if year.revenue <= Money::ZERO {
        let total = i18n::money(lang, year.revenue, currency);
        return match lang {
            Lang::En => format!("In {}, revenue nets to {total}: it has no shares.", name),
            Lang::Fr => format!(
                "En {}, le chiffre d'affaires net est de {total} : pas de parts à calculer.",
                name
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
            name,
            share(Segment::Loyal),
            share(Segment::New),
            share(Segment::Reactivated),
            share(Segment::Intermediated),
            share(Segment::OtherIncome),
        ),
        Lang::Fr => format!(
            "En {}, les clients fidèles ont apporté {} du chiffre d'affaires, les nouveaux clients {}, les clients réactivés {}, les clients servis via un intermédiaire ou en sous-traitance {} et les revenus annexes {}.",
            name,
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
pub fn won_back_elsewhere(lang: Lang, year: Year, clients: u64, start: FiscalYearStart) -> String {
    let year = i18n::year(lang, year, start);
    match (lang, clients) {
        (Lang::En, 1) => format!("1 client came back in {year}, but its revenue is other income or went through an intermediary, so it counts in those segments, not in won back."),
        (Lang::En, n) => format!("{n} clients came back in {year}, but their revenue is other income or went through an intermediary, so it counts in those segments, not in won back."),
        (Lang::Fr, 1) => format!("1 client réactivé en {year} n'est pas compté parmi les clients réactivés : son chiffre d'affaires relève des revenus annexes ou passe par un intermédiaire, et il est classé dans ce segment."),
        (Lang::Fr, n) => format!("{n} clients réactivés en {year} ne sont pas comptés parmi les clients réactivés : leur chiffre d'affaires relève des revenus annexes ou passe par un intermédiaire, et ils sont classés dans ces segments."),
    }
}

/// A period with its year as the report names it (`2025-2026` for a fiscal year).
fn named(lang: Lang, period: RiskPeriod, start: FiscalYearStart) -> Option<String> {
    match period {
        RiskPeriod::Year(y) => Some(i18n::year(lang, y, start)),
        RiskPeriod::LastTwelveMonths => None,
    }
}

/// "of 2024 revenue" / "du chiffre d'affaires 2024".
pub(crate) fn of_revenue(lang: Lang, period: RiskPeriod, start: FiscalYearStart) -> String {
    let period = named(lang, period, start);
    match (lang, period) {
        (Lang::En, Some(y)) => format!("of {y} revenue"),
        (Lang::En, None) => "of the last 12 months' revenue".into(),
        (Lang::Fr, Some(y)) => format!("du chiffre d'affaires {y}"),
        (Lang::Fr, None) => "du chiffre d'affaires des 12 derniers mois".into(),
    }
}

pub(crate) fn in_period(lang: Lang, period: RiskPeriod, start: FiscalYearStart) -> String {
    let period = named(lang, period, start);
    match (lang, period) {
        (Lang::En, Some(y)) => format!("in {y}"),
        (Lang::En, None) => "over the last 12 months".into(),
        (Lang::Fr, Some(y)) => format!("en {y}"),
        (Lang::Fr, None) => "sur les 12 derniers mois".into(),
    }
}

/// "as if it came from 3.6 clients of equal weight"; one client when it rounds to 1.0.
pub(crate) fn as_if_from(lang: Lang, effective: Option<rust_decimal::Decimal>) -> String {
    let shown = i18n::optional_number(lang, effective, 1);
    let one = effective.is_some_and(|e| i18n::number(Lang::En, e, 1) == "1.0");
    match (lang, one) {
        (Lang::En, true) => "as if it came from a single client".into(),
        (Lang::En, false) => format!("as if it came from {shown} clients of equal weight"),
        (Lang::Fr, true) => "comme s'il provenait d'un seul client".into(),
        (Lang::Fr, false) => format!("comme s'il provenait de {shown} clients de même poids"),
    }
}

/// How much of the activity one client's share is: "more than half", "half".
pub(crate) fn part_of_activity(lang: Lang, share: rust_decimal::Decimal) -> &'static str {
    let half = rust_decimal::Decimal::from(50);
    match (lang, share.cmp(&half)) {
        (Lang::En, std::cmp::Ordering::Greater) => "more than half your activity comes",
        (Lang::En, std::cmp::Ordering::Equal) => "half your activity comes",
        (Lang::En, std::cmp::Ordering::Less) => "a large part of your activity comes",
        (Lang::Fr, std::cmp::Ordering::Greater) => "plus de la moitié de votre activité provient",
        (Lang::Fr, std::cmp::Ordering::Equal) => "la moitié de votre activité provient",
        (Lang::Fr, std::cmp::Ordering::Less) => "une grande part de votre activité provient",
    }
}

/// What a dependency means, without calling it a legal finding: INSEE calls an activity
/// "dominated" from 50 % and "dependent" from 75 % when losing the client would also
/// put it in serious difficulty.
pub(crate) fn dependency_meaning(
    lang: Lang,
    critical: bool,
    share: rust_decimal::Decimal,
) -> String {
    match (lang, critical) {
        (Lang::En, true) => format!("{} from one client; INSEE calls an activity economically dependent from 75 %, when losing that client would put it in serious difficulty", part_of_activity(lang, share)),
        (Lang::Fr, true) => format!("{} d'un seul client ; l'Insee parle de dépendance économique à partir de 75 %, lorsque la perte de ce client mettrait l'activité en grande difficulté", part_of_activity(lang, share)),
        (Lang::En, false) => format!("{} from one client (an activity \"economically dominated\", as INSEE puts it)", part_of_activity(lang, share)),
        (Lang::Fr, false) => format!("{} d'un seul client (activité « économiquement dominée » au sens de l'Insee)", part_of_activity(lang, share)),
    }
}

/// What one flag means, with the figures that raised it.
pub fn flag_message(
    lang: Lang,
    flag: FlagId,
    risk: &Risk,
    period: RiskPeriod,
    start: FiscalYearStart,
) -> String {
    let top_name = risk.top_client.as_ref().map_or("", |c| c.name.as_str());
    let top = risk.top_client.as_ref().and_then(|c| c.share);
    let top_share = i18n::optional_percent(lang, top);
    let of = of_revenue(lang, period, start);
    let during = in_period(lang, period, start);
    let like = as_if_from(lang, risk.effective_clients);
    let hhi = i18n::optional_number(lang, risk.hhi, 0);
    let colon = i18n::colon(lang);
    match (lang, flag) {
        (_, FlagId::DependencyCritical | FlagId::DependencyHigh) => {
            let why = dependency_meaning(
                lang,
                flag == FlagId::DependencyCritical,
                top.unwrap_or_default(),
            );
            match lang {
                Lang::En => format!("{top_share} {of} came from {top_name}: {why}."),
                Lang::Fr => format!("Le client {top_name} pèse {top_share} {of} : {why}."),
            }
        }
        (Lang::En, FlagId::DependencyModerate) => {
            format!("{top_share} {of} came from {top_name}: a loss there would be felt.")
        }
        (Lang::Fr, FlagId::DependencyModerate) => {
            format!("Le client {top_name} pèse {top_share} {of} : sa perte se ferait sentir.")
        }
        (_, FlagId::ConcentrationHigh | FlagId::ConcentrationModerate) => {
            let high = flag == FlagId::ConcentrationHigh;
            match (lang, high) {
                (Lang::En, true) => {
                    format!("Revenue {during} is highly concentrated, {like} (HHI{colon}{hhi}).")
                }
                (Lang::En, false) => format!(
                    "Revenue {during} is moderately concentrated, {like} (HHI{colon}{hhi})."
                ),
                (Lang::Fr, true) => {
                    format!("Chiffre d'affaires {during} très concentré, {like} (IHH{colon}{hhi}).")
                }
                (Lang::Fr, false) => format!(
                    "Chiffre d'affaires {during} assez concentré, {like} (IHH{colon}{hhi})."
                ),
            }
        }
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
        (Lang::En, FlagId::ClientsFew) if risk.active_clients == 1 => {
            format!("Only one active client {during}: losing it would hurt badly.")
        }
        (Lang::Fr, FlagId::ClientsFew) if risk.active_clients <= 1 => {
            format!("Un seul client actif {during} : le perdre ferait très mal.")
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
pub fn risk(lang: Lang, risk: &Risk, period: RiskPeriod, start: FiscalYearStart) -> String {
    let level = level_name(lang, risk.level);
    let head = match lang {
        Lang::En => format!("Risk {level}"),
        Lang::Fr => format!("Risque {level}"),
    };
    let body = match risk.flags.first() {
        Some(flag) => lower_first(&flag_message(lang, *flag, risk, period, start)),
        None => {
            let top = risk.top_client.as_ref();
            let name = top.map_or("", |c| c.name.as_str());
            let share = i18n::optional_percent(lang, top.and_then(|c| c.share));
            let of = of_revenue(lang, period, start);
            let like = as_if_from(lang, risk.effective_clients);
            match lang {
                Lang::En => format!(
                    "no dependency: the largest client, {name}, brought {share} {of}, and revenue spreads {like}."
                ),
                Lang::Fr => format!(
                    "pas de dépendance : le premier client, {name}, a apporté {share} {of}, et le chiffre d'affaires se répartit {like}."
                ),
            }
        }
    };
    format!("{head}{}{body}", i18n::colon(lang))
}

/// "3 clients won (2 new, 1 won back)", "no client won"; the parts that are not zero.
fn won(lang: Lang, year: &RetentionYear) -> String {
    let won = year.new + year.reactivated;
    let mut parts = Vec::new();
    if year.new > 0 {
        parts.push(match lang {
            Lang::En => format!("{} new", year.new),
            Lang::Fr => format!(
                "{} {}",
                year.new,
                i18n::agree(lang, year.new, "nouveau", "nouveaux")
            ),
        });
    }
    if year.reactivated > 0 {
        parts.push(match lang {
            Lang::En => format!("{} won back", year.reactivated),
            Lang::Fr => format!(
                "{} {}",
                year.reactivated,
                i18n::agree(lang, year.reactivated, "réactivé", "réactivés")
            ),
        });
    }
    let detail = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    let participle = match lang {
        Lang::En => "won",
        Lang::Fr => i18n::agree(lang, won, "gagné", "gagnés"),
    };
    format!(
        "{} {participle}{detail}",
        i18n::counted(lang, won, Noun::Client)
    )
}

/// "3 lost", "none lost" / "3 perdus", "aucun perdu".
fn lost(lang: Lang, count: u64) -> String {
    match (lang, count) {
        (Lang::En, 0) => "none lost".into(),
        (Lang::En, n) => format!("{n} lost"),
        (Lang::Fr, 0) => "aucun perdu".into(),
        (Lang::Fr, n) => format!("{n} {}", i18n::agree(lang, n, "perdu", "perdus")),
    }
}

/// "In 2024, 3 clients won (2 new, 1 won back) and 1 lost: the portfolio grows. …". A
/// year not over is not judged against a whole one: its "lost" clients may still come,
/// and its revenue is part of a year.
pub fn retention(
    lang: Lang,
    year: &RetentionYear,
    partial: bool,
    start: FiscalYearStart,
) -> String {
    let name = i18n::year(lang, year.year, start);
    let before = i18n::year(lang, year.year - 1, start);
    let won = won(lang, year);
    if partial {
        let waiting = i18n::counted(lang, year.lost, Noun::Client);
        return match lang {
            Lang::En => format!(
                "{} is not over: so far {won}, and {waiting} of {before} {} not come back yet; too early to judge the year.",
                name,
                i18n::agree(lang, year.lost, "has", "have")
            ),
            Lang::Fr => format!(
                "{} {name} est en cours : pour l'instant {won}, et {waiting} de {before} {} pas encore {} ; trop tôt pour juger {}.",
                if start.is_calendar() { "L'année" } else { "L'exercice" },
                i18n::agree(lang, year.lost, "n'est", "ne sont"),
                i18n::agree(lang, year.lost, "revenu", "revenus"),
                if start.is_calendar() { "l'année" } else { "l'exercice" },
            ),
        };
    }
    let state = match (lang, year.bathtub) {
        (Lang::En, Bathtub::Filling) => "your portfolio grows",
        (Lang::En, Bathtub::Stable) => "your portfolio is stable",
        (Lang::En, Bathtub::Leaking) => "your portfolio shrinks",
        (Lang::Fr, Bathtub::Filling) => "votre portefeuille s'agrandit",
        (Lang::Fr, Bathtub::Stable) => "votre portefeuille est stable",
        (Lang::Fr, Bathtub::Leaking) => "votre portefeuille se réduit",
    };
    let lost = lost(lang, year.lost);
    let mut line = match lang {
        Lang::En => format!("In {name}, {won} and {lost}: {state}."),
        Lang::Fr => format!("En {name}, {won} et {lost} : {state}."),
    };
    if let (Some(rate), Some(nrr)) = (year.retention_rate, year.net_revenue_retention) {
        let (rate, nrr) = (i18n::percent(lang, rate), i18n::percent(lang, nrr));
        line.push_str(&match lang {
            Lang::En => format!(
                " {rate} of {before}'s clients worked with you again in {}; together, {before}'s clients brought {nrr} of their {before} revenue.",
                name
            ),
            Lang::Fr => format!(
                " {rate} des clients de {before} ont de nouveau fait appel à vous en {} ; au total, les clients de {before} vous ont rapporté {nrr} de leur CA de {before}.",
                name
            ),
        });
    }
    line
}

/// The focus year so far, against the same period a year earlier and the full year.
/// `focus` and `before` are the years as people name them.
pub fn year_to_date(
    lang: Lang,
    focus: &str,
    before: &str,
    fiscal: bool,
    ytd: &YearToDate,
    currency: Option<&str>,
    basis: Basis,
) -> String {
    let money = |v| i18n::money(lang, v, currency);
    let date = |d| i18n::date(lang, d);
    let (invoiced, factures) = match basis {
        Basis::Invoice => ("invoiced", "facturés"),
        Basis::Cash => ("received", "encaissés"),
    };
    let so_far = match (lang, fiscal) {
        (Lang::En, false) => format!(
            "{focus} is not over: {} {invoiced} from {} to {}",
            money(ytd.current.revenue),
            date(ytd.current.from),
            date(ytd.current.to),
        ),
        (Lang::En, true) => format!(
            "The fiscal year {focus} is not over: {} {invoiced} from {} to {}",
            money(ytd.current.revenue),
            date(ytd.current.from),
            date(ytd.current.to),
        ),
        (Lang::Fr, false) => format!(
            "L'année {focus} est en cours : {} {factures} du {} au {}",
            money(ytd.current.revenue),
            date(ytd.current.from),
            date(ytd.current.to),
        ),
        (Lang::Fr, true) => format!(
            "L'exercice {focus} est en cours : {} {factures} du {} au {}",
            money(ytd.current.revenue),
            date(ytd.current.from),
            date(ytd.current.to),
        ),
    };
    // The first year has nothing to be compared with: it is not said.
    if ytd.previous_full_year.is_zero() && ytd.previous.revenue.is_zero() {
        return format!("{so_far}.");
    }
    let change = ytd
        .change
        .map(|c| format!("{}{}%", i18n::signed(lang, c, 1), i18n::percent_space(lang)));
    let share = ytd.share_of_previous_full_year;
    let whole = if fiscal {
        "tout l'exercice"
    } else {
        "toute l'année"
    };
    let mut parts = Vec::new();
    if let Some(change) = change {
        parts.push(match lang {
            Lang::En => format!(
                "{change} against the same period of {before} ({})",
                money(ytd.previous.revenue)
            ),
            Lang::Fr => format!(
                "soit {change} par rapport à la même période de {before} ({})",
                money(ytd.previous.revenue)
            ),
        });
    }
    if let Some(share) = share {
        let already = share >= rust_decimal::Decimal::ONE_HUNDRED;
        let share = i18n::percent(lang, share);
        parts.push(match (lang, already) {
            (Lang::En, true) => format!(
                "already {share} of all of {before} ({})",
                money(ytd.previous_full_year)
            ),
            (Lang::En, false) => format!(
                "{share} of all of {before} ({})",
                money(ytd.previous_full_year)
            ),
            (Lang::Fr, true) => format!(
                "déjà {share} du CA de {whole} {before} ({})",
                money(ytd.previous_full_year)
            ),
            (Lang::Fr, false) => format!(
                "{share} du CA de {whole} {before} ({})",
                money(ytd.previous_full_year)
            ),
        });
    }
    if parts.is_empty() {
        return match lang {
            Lang::En => format!("{so_far} (no revenue in {before} to compare with)."),
            Lang::Fr => format!("{so_far} (pas de chiffre d'affaires en {before} pour comparer)."),
        };
    }
    let joined = match lang {
        Lang::En => parts.join(", and "),
        Lang::Fr => parts.join(" et "),
    };
    format!("{so_far}, {joined}.")
}

/// "3 clients have had no invoice for more than 12 months; they brought 25,000.00 EUR in
/// all. Start with …".
pub fn dormant<'a>(
    lang: Lang,
    mut dormant: impl ExactSizeIterator<Item = (&'a DormantClient, &'a Client)>,
    total: Money,
    months: u32,
    currency: Option<&str>,
) -> String {
    let count = dormant.len();
    let total = i18n::money(lang, total, currency);
    let first = dormant
        .next()
        .map_or("", |(_, client)| client.name.as_str());
    match (lang, count) {
        (Lang::En, 1) => format!(
            "{first} has had no invoice for more than {months} months; it brought {total} in all."
        ),
        (Lang::En, n) => format!(
            "{n} clients have had no invoice for more than {months} months; they brought {total} in all. Start with {first}."
        ),
        (Lang::Fr, 1) => format!(
            "Le client {first} n'a reçu aucune facture depuis plus de {months} mois ; il vous a rapporté {total} au total."
        ),
        (Lang::Fr, n) => format!(
            "{n} clients n'ont reçu aucune facture depuis plus de {months} mois ; ils vous ont rapporté {total} au total. Commencez par {first}."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(new: u64, reactivated: u64, lost: u64, bathtub: Bathtub) -> RetentionYear {
        RetentionYear {
            year: 2025,
            active: new + reactivated,
            active_before: lost,
            new,
            retained: 0,
            lost,
            reactivated,
            retention_rate: None,
            net_revenue_retention: None,
            gross_revenue_retention: None,
            revenue_lost: Money::ZERO,
            revenue_new: Money::ZERO,
            bathtub,
        }
    }

    #[test]
    fn retention_sentences_agree_with_0_1_and_2() {
        let fr = |y: &RetentionYear| retention(Lang::Fr, y, false, FiscalYearStart::default());
        assert_eq!(
            fr(&year(1, 0, 0, Bathtub::Filling)),
            "En 2025, 1 client gagné (1 nouveau) et aucun perdu : votre portefeuille s'agrandit."
        );
        assert_eq!(
            fr(&year(0, 0, 3, Bathtub::Leaking)),
            "En 2025, aucun client gagné et 3 perdus : votre portefeuille se réduit."
        );
        assert_eq!(
            fr(&year(2, 1, 1, Bathtub::Filling)),
            "En 2025, 3 clients gagnés (2 nouveaux, 1 réactivé) et 1 perdu : votre portefeuille s'agrandit."
        );
        let en = |y: &RetentionYear| retention(Lang::En, y, false, FiscalYearStart::default());
        assert_eq!(
            en(&year(0, 0, 2, Bathtub::Leaking)),
            "In 2025, no clients won and 2 lost: your portfolio shrinks."
        );
        assert_eq!(
            en(&year(1, 1, 0, Bathtub::Filling)),
            "In 2025, 2 clients won (1 new, 1 won back) and none lost: your portfolio grows."
        );
        assert_eq!(
            retention(
                Lang::Fr,
                &year(0, 0, 1, Bathtub::Leaking),
                true,
                FiscalYearStart::default()
            ),
            "L'année 2025 est en cours : pour l'instant aucun client gagné, et 1 client de 2024 n'est pas encore revenu ; trop tôt pour juger l'année."
        );
    }

    #[test]
    fn one_equal_client_is_said_as_one() {
        use rust_decimal::Decimal;
        assert_eq!(
            as_if_from(Lang::Fr, Some(Decimal::new(102, 2))),
            "comme s'il provenait d'un seul client"
        );
        assert_eq!(
            as_if_from(Lang::Fr, Some(Decimal::new(36, 1))),
            "comme s'il provenait de 3,6 clients de même poids"
        );
        assert_eq!(
            part_of_activity(Lang::Fr, Decimal::new(638, 1)),
            "plus de la moitié de votre activité provient"
        );
    }
}
