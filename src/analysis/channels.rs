//! Acquisition channels (SPEC §3.5): where each year's new clients and revenue came
//! from, the referral rate of new clients, and what a client is worth by channel.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::model::{Channel, Dataset, Money, Year};

use super::error::AnalysisError;
use super::shares::{add_to, percent, ratio, round_to_hundred};

/// One channel in one year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelYear {
    pub channel: Channel,
    /// Clients new in the year that came through the channel.
    pub new_clients: u64,
    /// Percent of the year's new clients.
    pub new_clients_share: Option<Decimal>,
    /// The year's revenue of all the channel's clients.
    pub revenue: Money,
    /// Exact percent of the year's revenue.
    pub share: Option<Decimal>,
    /// `share` rounded so that the year's channels sum to exactly 100.00.
    pub share_shown: Option<Decimal>,
    /// The channel's clients with positive revenue in the year.
    pub active_clients: u64,
}

/// Every channel with clients in one year, the largest revenue first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearChannels {
    pub year: Year,
    pub channels: Vec<ChannelYear>,
    pub new_clients: u64,
    pub referred_new_clients: u64,
    /// `referred_new_clients / new_clients`, percent; `None` when no new client's
    /// channel is known.
    pub referral_rate: Option<Decimal>,
}

/// What the clients of one channel brought over their lifetime.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelValue {
    pub channel: Channel,
    pub clients: u64,
    pub lifetime_revenue: Money,
    /// Lifetime revenue per client (exact; shown in cents).
    pub average_lifetime_revenue: Option<Money>,
    /// Percent of all lifetime revenue.
    pub share: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelsReport {
    pub years: Vec<YearChannels>,
    /// Every channel with clients, the largest lifetime revenue first.
    pub lifetime: Vec<ChannelValue>,
}

fn year_channels(dataset: &Dataset, year: Year) -> Result<YearChannels, AnalysisError> {
    let mut by_channel: BTreeMap<Channel, ChannelYear> = BTreeMap::new();
    let mut total = Money::ZERO;
    let mut new_clients = 0;
    for client in dataset
        .clients
        .iter()
        .filter(|c| c.years.contains_key(&year))
    {
        let channel = client.channel();
        let entry = by_channel.entry(channel).or_insert_with(|| ChannelYear {
            channel,
            ..ChannelYear::default()
        });
        let revenue = client.revenue_in(year);
        add_to(&mut entry.revenue, revenue)?;
        add_to(&mut total, revenue)?;
        if client.is_active_in(year) {
            entry.active_clients += 1;
        }
        if client.is_new_in(year, dataset.fiscal_year_start) {
            entry.new_clients += 1;
            new_clients += 1;
        }
    }
    let mut channels: Vec<ChannelYear> = by_channel.into_values().collect();
    for c in &mut channels {
        c.new_clients_share = ratio(c.new_clients, new_clients);
        c.share = percent(c.revenue, total)?;
    }
    if total > Money::ZERO {
        let exact: Vec<Decimal> = channels.iter().filter_map(|c| c.share).collect();
        for (c, shown) in channels.iter_mut().zip(round_to_hundred(&exact)) {
            c.share_shown = Some(shown);
        }
    }
    channels.sort_by(|a, b| b.revenue.cmp(&a.revenue).then(a.channel.cmp(&b.channel)));
    let new_in = |channel| {
        channels
            .iter()
            .find(|c| c.channel == channel)
            .map_or(0, |c| c.new_clients)
    };
    let referred_new_clients = new_in(Channel::Referral);
    // Without the channel of any new client (no clients file), the rate is unknown, not 0.
    let referral_rate = if new_in(Channel::Unknown) == new_clients {
        None
    } else {
        ratio(referred_new_clients, new_clients)
    };
    Ok(YearChannels {
        year,
        channels,
        new_clients,
        referred_new_clients,
        referral_rate,
    })
}

fn lifetime(dataset: &Dataset) -> Result<Vec<ChannelValue>, AnalysisError> {
    let mut by_channel: BTreeMap<Channel, ChannelValue> = BTreeMap::new();
    let mut total = Money::ZERO;
    for client in dataset.clients.iter().filter(|c| !c.years.is_empty()) {
        let channel = client.channel();
        let entry = by_channel.entry(channel).or_insert_with(|| ChannelValue {
            channel,
            ..ChannelValue::default()
        });
        let revenue = client.lifetime_revenue().ok_or(AnalysisError::Overflow)?;
        entry.clients += 1;
        add_to(&mut entry.lifetime_revenue, revenue)?;
        add_to(&mut total, revenue)?;
    }
    let mut values: Vec<ChannelValue> = by_channel.into_values().collect();
    for v in &mut values {
        v.average_lifetime_revenue = v.lifetime_revenue.checked_div(Decimal::from(v.clients));
        v.share = percent(v.lifetime_revenue, total)?;
    }
    values.sort_by(|a, b| {
        b.lifetime_revenue
            .cmp(&a.lifetime_revenue)
            .then(a.channel.cmp(&b.channel))
    });
    Ok(values)
}

/// Channels for every year of `years`, and over all years.
pub fn channels(dataset: &Dataset, years: &[Year]) -> Result<ChannelsReport, AnalysisError> {
    Ok(ChannelsReport {
        years: years
            .iter()
            .map(|&y| year_channels(dataset, y))
            .collect::<Result<_, _>>()?,
        lifetime: lifetime(dataset)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shares::round2;
    use crate::analysis::testdata::{dec, profile, studio};

    #[test]
    fn studio_channels() {
        let mut data = studio(None);
        profile(&mut data, "Acme", |p| p.channel = Channel::Website);
        let report = channels(&data, &[2022, 2023, 2024]).unwrap();
        let [y2022, y2023, y2024] = report.years.as_slice() else {
            panic!("three years")
        };
        // 2022: Acme (website) and Cove (no clients-file row), both new; none referred.
        assert_eq!(
            (y2022.new_clients, y2022.referral_rate),
            (2, Some(Decimal::ZERO))
        );
        // 2023: Acme 12 000 (website), Bolt 3 000 (referral, new), Fern 2 000 (unknown,
        // new): 70.588…, 17.647…, 11.764… % of 17 000, shown 70.59 + 17.65 + 11.76.
        let rows: Vec<(Channel, u64, Money, Option<Decimal>)> = y2023
            .channels
            .iter()
            .map(|c| (c.channel, c.new_clients, c.revenue, c.share_shown))
            .collect();
        assert_eq!(
            rows,
            [
                (Channel::Website, 0, dec("12000"), Some(dec("70.59"))),
                (Channel::Referral, 1, dec("3000"), Some(dec("17.65"))),
                (Channel::Unknown, 1, dec("2000"), Some(dec("11.76"))),
            ]
        );
        assert_eq!(y2023.channels[1].new_clients_share, Some(dec("50")));
        assert_eq!(
            (y2023.referred_new_clients, y2023.referral_rate),
            (1, Some(dec("50")))
        );
        // 2024: Dune and Echo are new, Cove is won back; Bolt is gone. Neither new
        // client has a clients-file row: the referral rate is unknown, not 0 %.
        assert_eq!((y2024.new_clients, y2024.referral_rate), (2, None));
        assert!(y2024
            .channels
            .iter()
            .all(|c| c.channel != Channel::Referral));
        // Lifetime: unknown = Cove 5 000 + Dune 5 000 + Echo 1 000 + Fern 5 000 = 16 000
        // over 4 clients (4 000 each); website = Acme 30 000; referral = Bolt 3 000.
        let lifetime: Vec<(Channel, u64, Money, Option<Money>)> = report
            .lifetime
            .iter()
            .map(|v| {
                (
                    v.channel,
                    v.clients,
                    v.lifetime_revenue,
                    v.average_lifetime_revenue,
                )
            })
            .collect();
        assert_eq!(
            lifetime,
            [
                (Channel::Website, 1, dec("30000"), Some(dec("30000"))),
                (Channel::Unknown, 4, dec("16000"), Some(dec("4000"))),
                (Channel::Referral, 1, dec("3000"), Some(dec("3000"))),
            ]
        );
        // 30 000 / 49 000 = 61.22 %.
        assert_eq!(report.lifetime[0].share.map(round2), Some(dec("61.22")));
    }
}
