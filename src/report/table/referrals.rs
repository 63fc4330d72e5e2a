//! Word of mouth: the focus year's channels, the referral rate per year, what a client
//! brings by channel, and the referrers.

use std::io::{self, Write};

use comfy_table::Cell;

use crate::analysis::channels::YearChannels;
use crate::analysis::referrals::{Referrer, ReferrerStatus};
use crate::model::Channel;
use crate::report::i18n::{self, text, Lang, Text};
use crate::report::verdicts::{self, channel_name};
use crate::report::{RenderOptions, Report};

use super::{heading, more_row, new_table, right, share_cell, shown_years};

/// Referrers listed by name.
const REFERRERS_SHOWN: usize = 15;

fn focus_channels(
    options: &RenderOptions,
    year: &YearChannels,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let mut table = new_table(
        options,
        vec![
            Cell::new(format!("{} {}", t(Text::ChannelsOfYear), year.year)),
            right(t(Text::NewClients)),
            right(t(Text::ShareOfNew)),
            right(t(Text::Revenue)),
            right(t(Text::Share)),
            right(t(Text::ActiveClients)),
        ],
    );
    for c in &year.channels {
        table.add_row(vec![
            Cell::new(channel_name(lang, c.channel)),
            right(c.new_clients.to_string()),
            share_cell(lang, c.new_clients_share),
            right(i18n::amount(lang, c.revenue)),
            share_cell(lang, c.share),
            right(c.active_clients.to_string()),
        ]);
    }
    writeln!(out, "{table}\n")
}

fn referral_rates(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let shown = shown_years(&report.analysis.revenue.period.years);
    writeln!(out, "{}", t(Text::ReferralRatePerYear))?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Year)),
            right(t(Text::NewClients)),
            right(t(Text::ByReferral)),
            right(t(Text::ReferralRate)),
        ],
    );
    for y in report
        .analysis
        .channels
        .years
        .iter()
        .filter(|y| shown.contains(&y.year))
    {
        table.add_row(vec![
            Cell::new(y.year),
            right(y.new_clients.to_string()),
            right(y.referred_new_clients.to_string()),
            share_cell(lang, y.referral_rate),
        ]);
    }
    writeln!(out, "{table}\n")
}

fn channel_value(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    writeln!(out, "{}", t(Text::ChannelValue))?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Channel)),
            right(t(Text::Clients)),
            right(t(Text::Lifetime)),
            right(t(Text::AveragePerClient)),
            right(t(Text::Share)),
        ],
    );
    for v in &report.analysis.channels.lifetime {
        table.add_row(vec![
            Cell::new(channel_name(lang, v.channel)),
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
    writeln!(out, "{table}\n")
}

fn thanked(lang: Lang, r: &Referrer) -> String {
    match (r.thanked, r.thanked_on) {
        (Some(true), Some(on)) => i18n::date(lang, on),
        (Some(true), None) => text(lang, Text::Yes).to_string(),
        (Some(false), _) => text(lang, Text::No).to_string(),
        (None, _) => String::new(),
    }
}

fn referrers(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let t = |key| text(lang, key);
    let list = &report.analysis.referrers;
    if list.is_empty() {
        return Ok(());
    }
    let focus = report
        .analysis
        .revenue
        .period
        .focus_year
        .map(|y| y.to_string())
        .unwrap_or_default();
    writeln!(out, "{}", t(Text::Referrers))?;
    let mut table = new_table(
        options,
        vec![
            Cell::new(t(Text::Referrer)),
            Cell::new(t(Text::IsClient)),
            right(t(Text::Referred)),
            right(focus),
            right(t(Text::Lifetime)),
            right(t(Text::DownTheChain)),
            right(t(Text::LastReferral)),
            Cell::new(t(Text::Status)),
            Cell::new(t(Text::Thanked)),
        ],
    );
    for r in list.iter().take(REFERRERS_SHOWN) {
        let status = match r.status {
            ReferrerStatus::Active => Text::StatusActive,
            ReferrerStatus::Dormant => Text::StatusDormant,
        };
        table.add_row(vec![
            Cell::new(&r.name),
            Cell::new(t(if r.client.is_some() {
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
            Cell::new(t(status)),
            Cell::new(thanked(lang, r)),
        ]);
    }
    more_row(&mut table, lang, list.len(), REFERRERS_SHOWN);
    writeln!(out, "{table}\n")
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.lang;
    let analysis = &report.analysis;
    heading(out, text(lang, Text::Referrals))?;
    let focus = analysis.channels.years.last();
    writeln!(
        out,
        "{}",
        verdicts::referrals(lang, focus, &analysis.referrers, report.currency.as_deref())
    )?;
    writeln!(out)?;
    let channels_known = analysis
        .channels
        .lifetime
        .iter()
        .any(|c| c.channel != Channel::Unknown);
    if channels_known {
        if let Some(year) = focus {
            focus_channels(options, year, out)?;
        }
        referral_rates(report, options, out)?;
        channel_value(report, options, out)?;
    }
    referrers(report, options, out)
}
