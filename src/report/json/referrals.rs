//! JSON views of acquisition channels and referrers (SPEC §3.5, §4.2).

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::channels::{ChannelValue, ChannelYear};
use crate::analysis::referrals::{Referrer, ReferrerStatus, ReferrerYear};
use crate::model::{Channel, Year};

use super::money;
use super::sections::percent;

#[derive(Serialize)]
pub struct JsonChannelYear {
    channel: Channel,
    new_clients: u64,
    new_clients_share: Option<f64>,
    revenue: String,
    share: Option<f64>,
    active_clients: u64,
}

impl From<&ChannelYear> for JsonChannelYear {
    fn from(c: &ChannelYear) -> Self {
        JsonChannelYear {
            channel: c.channel,
            new_clients: c.new_clients,
            new_clients_share: percent(c.new_clients_share),
            revenue: money(c.revenue),
            share: percent(c.share_shown),
            active_clients: c.active_clients,
        }
    }
}

#[derive(Serialize)]
pub struct JsonChannelValue {
    channel: Channel,
    clients: u64,
    lifetime_revenue: String,
    average_lifetime_revenue: Option<String>,
    share: Option<f64>,
}

impl From<&ChannelValue> for JsonChannelValue {
    fn from(v: &ChannelValue) -> Self {
        JsonChannelValue {
            channel: v.channel,
            clients: v.clients,
            lifetime_revenue: money(v.lifetime_revenue),
            average_lifetime_revenue: v.average_lifetime_revenue.map(money),
            share: percent(v.share),
        }
    }
}

#[derive(Serialize)]
pub struct JsonReferrer {
    name: String,
    is_client: bool,
    clients_referred: u64,
    referred_clients: Vec<String>,
    revenue_focus_year: String,
    revenue_lifetime: String,
    indirect_revenue_focus_year: String,
    indirect_revenue_lifetime: String,
    last_referral: Option<NaiveDate>,
    status: ReferrerStatus,
    thanked: Option<bool>,
    thanked_on: Option<NaiveDate>,
    commission_rate: Option<f64>,
    years: Vec<JsonReferrerYear>,
    das2_years: Vec<Year>,
}

/// What a referrer's direct referrals brought in one year, and the commission due.
#[derive(Serialize)]
pub struct JsonReferrerYear {
    year: Year,
    clients: u64,
    revenue: String,
    commission: Option<String>,
}

impl From<&ReferrerYear> for JsonReferrerYear {
    fn from(y: &ReferrerYear) -> Self {
        JsonReferrerYear {
            year: y.year,
            clients: y.clients,
            revenue: money(y.revenue),
            commission: y.commission.map(money),
        }
    }
}

impl From<&Referrer> for JsonReferrer {
    fn from(r: &Referrer) -> Self {
        JsonReferrer {
            name: r.name.clone(),
            is_client: r.client.is_some(),
            clients_referred: r.referred.len() as u64,
            referred_clients: r.referred.clone(),
            revenue_focus_year: money(r.revenue_focus_year),
            revenue_lifetime: money(r.revenue_lifetime),
            indirect_revenue_focus_year: money(r.indirect_revenue_focus_year),
            indirect_revenue_lifetime: money(r.indirect_revenue_lifetime),
            last_referral: r.last_referral,
            status: r.status,
            thanked: r.thanked,
            thanked_on: r.thanked_on,
            commission_rate: percent(r.commission_rate),
            years: r.years.iter().map(JsonReferrerYear::from).collect(),
            das2_years: r.das2_years.clone(),
        }
    }
}
