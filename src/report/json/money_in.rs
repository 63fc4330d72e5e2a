//! JSON views of the payments and the French thresholds (SPEC 3.7, 3.8, 4.2).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::french_thresholds::{MicroStatus, ThresholdsReport, VatStatus};
use crate::analysis::payments::{Buckets, PaymentFigures, PaymentsReport};
use crate::model::{Basis, Year};

use super::money;
use super::sections::percent;

#[derive(Serialize)]
pub struct JsonPaymentFigures {
    invoices_paid: u64,
    median_days_to_pay: Option<f64>,
    mean_days_to_pay: Option<f64>,
    median_days_late: Option<f64>,
    paid_late_share: Option<f64>,
}

impl From<&PaymentFigures> for JsonPaymentFigures {
    fn from(f: &PaymentFigures) -> Self {
        Self {
            invoices_paid: f.invoices_paid,
            median_days_to_pay: percent(f.median_days_to_pay),
            mean_days_to_pay: percent(f.mean_days_to_pay),
            median_days_late: percent(f.median_days_late),
            paid_late_share: percent(f.paid_late_share),
        }
    }
}

#[derive(Serialize)]
struct JsonPaymentYear {
    year: Year,
    #[serde(flatten)]
    figures: JsonPaymentFigures,
    revenue_paid_late_share: Option<f64>,
}

#[derive(Serialize)]
struct JsonPayer {
    name: String,
    #[serde(flatten)]
    figures: JsonPaymentFigures,
    unpaid: String,
}

fn buckets(b: &Buckets) -> BTreeMap<&'static str, String> {
    b.entries()
        .into_iter()
        .map(|(key, amount)| (key, money(amount)))
        .collect()
}

#[derive(Serialize)]
struct JsonDebtor {
    name: String,
    total: String,
    oldest_invoice: NaiveDate,
    buckets: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct JsonReceivables {
    as_of: NaiveDate,
    total: String,
    buckets: BTreeMap<&'static str, String>,
    clients: Vec<JsonDebtor>,
    late_invoices: u64,
    recovery_indemnities: String,
}

#[derive(Serialize)]
pub struct JsonPayments {
    basis: Basis,
    due_dates: &'static str,
    years: Vec<JsonPaymentYear>,
    clients: Vec<JsonPayer>,
    receivables: JsonReceivables,
}

impl From<&PaymentsReport> for JsonPayments {
    fn from(p: &PaymentsReport) -> Self {
        let r = &p.receivables;
        Self {
            basis: p.basis,
            due_dates: if p.due_dates_given {
                "file"
            } else {
                "invoice_date_plus_30"
            },
            years: p
                .years
                .iter()
                .map(|y| JsonPaymentYear {
                    year: y.year,
                    figures: (&y.figures).into(),
                    revenue_paid_late_share: percent(y.figures.revenue_paid_late_share),
                })
                .collect(),
            clients: p
                .clients
                .iter()
                .map(|c| JsonPayer {
                    name: c.name.clone(),
                    figures: (&c.figures).into(),
                    unpaid: money(c.unpaid),
                })
                .collect(),
            receivables: JsonReceivables {
                as_of: p.as_of,
                total: money(r.total),
                buckets: buckets(&r.buckets),
                clients: r
                    .clients
                    .iter()
                    .map(|c| JsonDebtor {
                        name: c.name.clone(),
                        total: money(c.total),
                        oldest_invoice: c.oldest_invoice,
                        buckets: buckets(&c.buckets),
                    })
                    .collect(),
                late_invoices: r.late_invoices,
                recovery_indemnities: money(r.recovery_indemnities),
            },
        }
    }
}

#[derive(Serialize)]
struct JsonThresholdYear {
    year: Year,
    revenue: String,
    micro_ceiling: String,
    prorated: bool,
    micro_share: Option<f64>,
    micro_status: MicroStatus,
    leaves_regime: bool,
    vat_base: String,
    vat_upper: String,
    vat_status: VatStatus,
    vat_due_from: Option<NaiveDate>,
    crossing_invoice: Option<String>,
    crossing_date: Option<NaiveDate>,
    source: String,
}

#[derive(Serialize)]
struct JsonProjection {
    year: Year,
    revenue: String,
    micro_status: MicroStatus,
}

#[derive(Serialize)]
pub struct JsonThresholds {
    regime: &'static str,
    basis: &'static str,
    vat_franchise: bool,
    years: Vec<JsonThresholdYear>,
    projection: Option<JsonProjection>,
}

impl From<&ThresholdsReport> for JsonThresholds {
    fn from(t: &ThresholdsReport) -> Self {
        Self {
            regime: t.regime.as_str(),
            basis: if t.cash { "cash" } else { "invoice" },
            vat_franchise: t.vat_franchise,
            years: t
                .years
                .iter()
                .map(|y| JsonThresholdYear {
                    year: y.year,
                    revenue: money(y.revenue),
                    micro_ceiling: money(y.micro_ceiling),
                    prorated: y.prorated,
                    micro_share: percent(y.micro_share),
                    micro_status: y.micro_status,
                    leaves_regime: y.leaves_regime,
                    vat_base: money(y.vat_base),
                    vat_upper: money(y.vat_upper),
                    vat_status: y.vat_status,
                    vat_due_from: y.vat_due_from,
                    crossing_invoice: y.crossing_invoice.as_ref().map(|(name, _)| name.clone()),
                    crossing_date: y.crossing_invoice.as_ref().map(|(_, day)| *day),
                    source: y.source.clone(),
                })
                .collect(),
            projection: t.projection.as_ref().map(|p| JsonProjection {
                year: p.year,
                revenue: money(p.revenue),
                micro_status: p.micro_status,
            }),
        }
    }
}
