//! Word of mouth: the focus year's channels, the referral rate per year, what a client
//! brings by channel, and the referrers.

use crate::analysis::channels::YearChannels;
use crate::analysis::referrals::{Referrer, ReferrerStatus};
use crate::model::Channel;
use crate::report::document::{left, right, Chart, Document, Grid, Slice};
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, channel_name};
use crate::report::Report;

use super::{more_row, share_cell, shown_years, year_name};

/// Referrers listed by name.
const REFERRERS_SHOWN: usize = 15;

fn focus_channels(report: &Report, lang: Lang, year: &YearChannels, doc: &mut Document) {
    let t = |key| text(lang, key);
    let name = year_name(report, lang, year.year);
    doc.chart(Chart::Bars {
        title: format!("{} {name}", t(Text::ChannelMix)),
        bars: year
            .channels
            .iter()
            .filter_map(|c| {
                Some(Slice {
                    label: channel_name(lang, c.channel).to_string(),
                    value: c.share?,
                    shown: i18n::percent(lang, c.share?),
                })
            })
            .collect(),
    });
    let mut table = Grid::new(vec![
        left(match lang {
            Lang::En => format!("{} {name}", t(Text::ChannelsOfYear)),
            Lang::Fr => format!("{} ({name})", t(Text::ChannelsOfYear)),
        }),
        right(t(Text::NewClients)),
        right(t(Text::ShareOfNew)),
        right(t(Text::Revenue)),
        right(t(Text::Share)),
        right(t(Text::ActiveClients)),
    ]);
    for c in &year.channels {
        table.add_row(vec![
            left(channel_name(lang, c.channel)),
            right(c.new_clients.to_string()),
            share_cell(lang, c.new_clients_share),
            right(i18n::amount(lang, c.revenue)),
            share_cell(lang, c.share),
            right(c.active_clients.to_string()),
        ]);
    }
    doc.table(table);
}

fn referral_rates(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let shown = shown_years(&report.analysis.revenue.period.years);
    doc.caption(t(Text::ReferralRatePerYear));
    let mut table = Grid::new(vec![
        left(t(Text::Year)),
        right(t(Text::NewClients)),
        right(t(Text::ByReferral)),
        right(t(Text::ReferralRate)),
    ]);
    for y in report
        .analysis
        .channels
        .years
        .iter()
        .filter(|y| shown.contains(&y.year))
    {
        table.add_row(vec![
            left(year_name(report, lang, y.year)),
            right(y.new_clients.to_string()),
            right(y.referred_new_clients.to_string()),
            share_cell(lang, y.referral_rate),
        ]);
    }
    doc.table(table);
}

fn channel_value(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    doc.caption(t(Text::ChannelValue));
    let mut table = Grid::new(vec![
        left(t(Text::Channel)),
        right(t(Text::Clients)),
        right(t(Text::Lifetime)),
        right(t(Text::AveragePerClient)),
        right(t(Text::Share)),
    ]);
    for v in &report.analysis.channels.lifetime {
        table.add_row(vec![
            left(channel_name(lang, v.channel)),
            right(v.clients.to_string()),
            right(i18n::amount(lang, v.lifetime_revenue)),
            right(
                v.average_lifetime_revenue
                    .map(|a| i18n::amount(lang, a))
                    .unwrap_or_default(),
            ),
            share_cell(lang, v.share),
        ]);
    }
    doc.table(table);
}

/// One form for every row: yes (with the date when known), no, or not said.
fn thanked(lang: Lang, r: &Referrer) -> String {
    match (r.thanked, r.thanked_on) {
        (Some(true), Some(on)) => format!("{} ({})", text(lang, Text::Yes), i18n::date(lang, on)),
        (Some(true), None) => text(lang, Text::Yes).to_string(),
        (Some(false), _) => text(lang, Text::No).to_string(),
        (None, _) => text(lang, Text::ThanksUnknown).to_string(),
    }
}

fn referrers(report: &Report, lang: Lang, doc: &mut Document) {
    let t = |key| text(lang, key);
    let list = &report.analysis.referrers;
    if list.is_empty() {
        return;
    }
    let focus = report
        .analysis
        .revenue
        .period
        .focus_year
        .map(|y| match lang {
            Lang::En => year_name(report, lang, y),
            Lang::Fr => format!("CA {}", year_name(report, lang, y)),
        })
        .unwrap_or_default();
    doc.caption(t(Text::Referrers));
    let mut table = Grid::new(vec![
        left(t(Text::Referrer)),
        left(t(Text::IsClient)),
        right(t(Text::Referred)),
        right(focus),
        right(t(Text::Lifetime)),
        right(t(Text::DownTheChain)),
        right(t(Text::LastReferral)),
        left(t(Text::Status)),
        left(t(Text::Thanked)),
    ]);
    for r in list.iter().take(REFERRERS_SHOWN) {
        let status = match r.status {
            ReferrerStatus::Active => Text::StatusActive,
            ReferrerStatus::Dormant => Text::StatusDormant,
        };
        table.add_row(vec![
            left(&r.name),
            left(t(if r.client.is_some() {
                Text::Yes
            } else {
                Text::No
            })),
            right(r.referred.len().to_string()),
            right(i18n::amount(lang, r.revenue_focus_year)),
            right(i18n::amount(lang, r.revenue_lifetime)),
            right(i18n::amount(lang, r.indirect_revenue_lifetime)),
            right(
                r.last_referral
                    .map(|d| i18n::date(lang, d))
                    .unwrap_or_default(),
            ),
            left(t(status)),
            left(thanked(lang, r)),
        ]);
    }
    more_row(&mut table, lang, list.len(), REFERRERS_SHOWN);
    doc.table(table);
    commissions(report, lang, doc);
}

/// What each referrer with a commission rate earned in the focus year, and the years
/// to declare on the DAS2 (SPEC 3.11).
fn commissions(report: &Report, lang: Lang, doc: &mut Document) {
    let focus = report.analysis.revenue.period.focus_year;
    let earning: Vec<_> = report
        .analysis
        .referrers
        .iter()
        .filter(|r| r.years.iter().any(|y| y.commission.is_some()))
        .collect();
    if earning.is_empty() {
        return;
    }
    doc.caption(i18n::either(
        lang,
        "Commissions due to referrers",
        "Commissions dues aux apporteurs",
    ));
    let year_name = focus
        .map(|y| year_name(report, lang, y))
        .unwrap_or_default();
    let mut table = Grid::new(vec![
        left(text(lang, Text::Referrer)),
        right(i18n::either(lang, "Rate", "Taux")),
        right(match lang {
            Lang::En => format!("Commission {year_name}"),
            Lang::Fr => format!("Commission {year_name}"),
        }),
        right(i18n::either(lang, "All years", "Toutes années")),
        left(i18n::either(lang, "DAS2 to file", "DAS2 à déclarer")),
    ]);
    for r in earning.iter().take(REFERRERS_SHOWN) {
        let in_focus = r
            .years
            .iter()
            .find(|y| Some(y.year) == focus)
            .and_then(|y| y.commission)
            .unwrap_or_default();
        let all = r.commission_total.unwrap_or_default();
        let das2: Vec<String> = r.das2_years.iter().map(|y| y.to_string()).collect();
        table.add_row(vec![
            left(&r.name),
            right(i18n::optional_percent(lang, r.commission_rate)),
            right(i18n::amount(lang, in_focus)),
            right(i18n::amount(lang, all)),
            left(das2.join(", ")),
        ]);
    }
    more_row(&mut table, lang, earning.len(), REFERRERS_SHOWN);
    doc.table(table);
    doc.text(match lang {
        Lang::En => "`portfolio referrals --statement NAME` prints one referrer's statement, ready to send.",
        Lang::Fr => "`portfolio referrals --statement NOM` imprime le relevé d'un apporteur, prêt à lui envoyer.",
    });
}

pub fn build(report: &Report, lang: Lang, doc: &mut Document) {
    let analysis = &report.analysis;
    doc.heading(text(lang, Text::Referrals));
    let focus = analysis.channels.years.last();
    doc.text(verdicts::referrals(
        lang,
        focus,
        &analysis.referrers,
        report.currency.as_deref(),
        report.fiscal_year_start(),
    ));
    let channels_known = analysis
        .channels
        .lifetime
        .iter()
        .any(|c| c.channel != Channel::Unknown);
    if channels_known {
        if let Some(year) = focus {
            focus_channels(report, lang, year, doc);
        }
        referral_rates(report, lang, doc);
        channel_value(report, lang, doc);
    }
    referrers(report, lang, doc);
}
