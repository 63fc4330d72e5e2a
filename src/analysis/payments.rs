//! Payments (SPEC 3.7): how long each client takes to pay and how late, per year and per
//! client, and what is owed at the as-of date, aged in five buckets.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{money, Basis, Client, Dataset, Money, OpenInvoice, PaidInvoices, Year};

use super::error::AnalysisError;
use super::shares::{add_to, percent, ratio};

/// The recovery indemnity French law allows per late B2B invoice (Code de commerce,
/// art. L441-10 and D441-5).
pub const RECOVERY_INDEMNITY: i64 = 40;

/// How paid invoices were paid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentFigures {
    pub invoices_paid: u64,
    pub median_days_to_pay: Option<Decimal>,
    /// Weighted by each invoice's revenue.
    pub mean_days_to_pay: Option<Decimal>,
    pub median_days_late: Option<Decimal>,
    /// Percent of the paid invoices paid after their due date.
    pub paid_late_share: Option<Decimal>,
    /// Percent of the paid invoices' revenue paid late.
    pub revenue_paid_late_share: Option<Decimal>,
}

impl PaymentFigures {
    fn of(paid: &PaidInvoices) -> Result<Self, AnalysisError> {
        let mean = if paid.revenue > Money::ZERO {
            Some(
                paid.weighted_days
                    .checked_div(paid.revenue)
                    .ok_or(AnalysisError::Overflow)?,
            )
        } else {
            None
        };
        Ok(Self {
            invoices_paid: u64::from(paid.invoices),
            median_days_to_pay: paid.days_to_pay.median(),
            mean_days_to_pay: mean,
            median_days_late: paid.days_late.median(),
            paid_late_share: ratio(u64::from(paid.late), u64::from(paid.invoices)),
            revenue_paid_late_share: percent(paid.revenue_late, paid.revenue)?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearPayments {
    pub year: Year,
    pub figures: PaymentFigures,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientPayments {
    pub name: String,
    pub figures: PaymentFigures,
    /// Owed at the as-of date.
    pub unpaid: Money,
}

/// Amounts owed by days past due.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Buckets {
    pub not_due: Money,
    pub days_1_30: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub over_90: Money,
}

impl Buckets {
    /// The bucket keys and amounts, in order.
    pub fn entries(&self) -> [(&'static str, Money); 5] {
        [
            ("not_due", self.not_due),
            ("1_30", self.days_1_30),
            ("31_60", self.days_31_60),
            ("61_90", self.days_61_90),
            ("over_90", self.over_90),
        ]
    }

    fn add(&mut self, days_past_due: i64, owed: Money) -> Result<(), AnalysisError> {
        let bucket = match days_past_due {
            ..=0 => &mut self.not_due,
            1..=30 => &mut self.days_1_30,
            31..=60 => &mut self.days_31_60,
            61..=90 => &mut self.days_61_90,
            _ => &mut self.over_90,
        };
        add_to(bucket, owed)?;
        Ok(())
    }

    /// Owed more than 60 days past due.
    pub fn over_60(&self) -> Result<Money, AnalysisError> {
        money::add(self.days_61_90, self.over_90).ok_or(AnalysisError::Overflow)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientReceivables {
    pub name: String,
    pub total: Money,
    pub oldest_invoice: NaiveDate,
    pub buckets: Buckets,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Receivables {
    pub total: Money,
    pub buckets: Buckets,
    /// Largest first.
    pub clients: Vec<ClientReceivables>,
    /// Invoices past due and not fully paid at the as-of date.
    pub late_invoices: u64,
    /// What the law allows to claim for them: 40 € each (not money owed for sure).
    pub recovery_indemnities: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentsReport {
    pub basis: Basis,
    pub as_of: NaiveDate,
    /// Whether due dates come from the file (else invoice date + 30 days).
    pub due_dates_given: bool,
    pub years: Vec<YearPayments>,
    /// Late payers first: by median days late, then by amount unpaid.
    pub clients: Vec<ClientPayments>,
    pub receivables: Receivables,
}

/// The payments section; `None` when the invoices file says nothing of payment.
pub fn payments(
    dataset: &Dataset,
    years: &[Year],
    as_of: Option<NaiveDate>,
) -> Result<Option<PaymentsReport>, AnalysisError> {
    let (true, Some(as_of)) = (dataset.payment_columns.any(), as_of) else {
        return Ok(None);
    };
    let mut by_year: std::collections::BTreeMap<Year, PaidInvoices> = Default::default();
    let mut clients = Vec::new();
    let mut receivables = Receivables::default();
    for client in &dataset.clients {
        let Some(record) = client.extras.payments() else {
            continue;
        };
        for (year, paid) in &record.paid {
            by_year
                .entry(*year)
                .or_default()
                .merge(paid)
                .ok_or(AnalysisError::Overflow)?;
        }
        let all = record.all_paid().ok_or(AnalysisError::Overflow)?;
        let owed = owed_by(client, &record.open, as_of, &mut receivables)?;
        let unpaid = owed.as_ref().map_or(Money::ZERO, |o| o.total);
        if all.invoices > 0 || !unpaid.is_zero() {
            clients.push(ClientPayments {
                name: client.name.to_string(),
                figures: PaymentFigures::of(&all)?,
                unpaid,
            });
        }
        receivables.clients.extend(owed);
    }
    receivables.total =
        money::sum(receivables.clients.iter().map(|c| c.total)).ok_or(AnalysisError::Overflow)?;
    receivables.recovery_indemnities = Money::from(RECOVERY_INDEMNITY)
        .checked_mul(Money::from(receivables.late_invoices))
        .ok_or(AnalysisError::Overflow)?;
    receivables
        .clients
        .sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
    clients.sort_by(|a, b| {
        let late = |c: &ClientPayments| c.figures.median_days_late.unwrap_or_default();
        late(b)
            .cmp(&late(a))
            .then_with(|| b.unpaid.cmp(&a.unpaid))
            .then_with(|| a.name.cmp(&b.name))
    });
    let years = years
        .iter()
        .map(|year| {
            let paid = by_year.get(year).cloned().unwrap_or_default();
            Ok(YearPayments {
                year: *year,
                figures: PaymentFigures::of(&paid)?,
            })
        })
        .collect::<Result<_, AnalysisError>>()?;
    Ok(Some(PaymentsReport {
        basis: dataset.basis,
        as_of,
        due_dates_given: dataset.payment_columns.due_date,
        years,
        clients,
        receivables,
    }))
}

/// What `client` owed at `as_of`, bucketed; counts its late invoices into `all`.
fn owed_by(
    client: &Client,
    open: &[OpenInvoice],
    as_of: NaiveDate,
    all: &mut Receivables,
) -> Result<Option<ClientReceivables>, AnalysisError> {
    let mut owed: Option<ClientReceivables> = None;
    for invoice in open {
        let amount = invoice.owed_at(as_of);
        if amount <= Money::ZERO {
            continue;
        }
        let past_due = (as_of - invoice.due).num_days();
        all.buckets.add(past_due, amount)?;
        if past_due > 0 {
            all.late_invoices += 1;
        }
        let entry = owed.get_or_insert_with(|| ClientReceivables {
            name: client.name.to_string(),
            total: Money::ZERO,
            oldest_invoice: invoice.date,
            buckets: Buckets::default(),
        });
        entry.total = money::add(entry.total, amount).ok_or(AnalysisError::Overflow)?;
        entry.oldest_invoice = entry.oldest_invoice.min(invoice.date);
        entry.buckets.add(past_due, amount)?;
    }
    Ok(owed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientPayments as Record, PaymentColumns};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn open(
        date: NaiveDate,
        due: NaiveDate,
        paid: Option<NaiveDate>,
        revenue: i64,
        owed: i64,
    ) -> OpenInvoice {
        OpenInvoice {
            line: 2,
            date,
            due,
            paid,
            revenue: Money::from(revenue),
            owed: Money::from(owed),
        }
    }

    fn dataset(records: Vec<(&str, Record)>) -> Dataset {
        Dataset {
            clients: records
                .into_iter()
                .map(|(name, record)| Client {
                    name: name.into(),
                    extras: crate::model::Extras::from(record),
                    ..Client::default()
                })
                .collect(),
            payment_columns: PaymentColumns {
                paid_date: true,
                due_date: true,
                balance: true,
            },
            ..Dataset::default()
        }
    }

    #[test]
    fn receivables_are_aged_from_the_due_date_and_sum_to_their_total() {
        // As of 30 June: due 15 June (15 days past), due 1 April (90), due 1 March (121).
        let acme = Record {
            open: vec![
                open(d(5, 16), d(6, 15), None, 1000, 1000),
                open(d(3, 2), d(4, 1), Some(d(5, 1)), 800, 200),
                open(d(1, 31), d(3, 1), Some(d(7, 10)), 500, 0),
            ],
            ..Record::default()
        };
        let bolt = Record {
            open: vec![open(d(6, 20), d(7, 20), None, 300, 300)],
            ..Record::default()
        };
        let report = payments(
            &dataset(vec![("Acme", acme), ("Bolt", bolt)]),
            &[2024],
            Some(d(6, 30)),
        )
        .unwrap()
        .unwrap();
        let r = &report.receivables;
        assert_eq!(r.buckets.not_due, Money::from(300));
        assert_eq!(r.buckets.days_1_30, Money::from(1000));
        assert_eq!(r.buckets.days_61_90, Money::from(200));
        // Paid on 10 July, after the as-of date: owed in full on 30 June.
        assert_eq!(r.buckets.over_90, Money::from(500));
        assert_eq!(r.total, Money::from(2000));
        assert_eq!(
            r.buckets.entries().iter().map(|(_, m)| *m).sum::<Money>(),
            r.total
        );
        assert_eq!(r.late_invoices, 3);
        assert_eq!(r.recovery_indemnities, Money::from(120));
        assert_eq!(r.clients[0].name, "Acme");
        assert_eq!(r.clients[0].oldest_invoice, d(1, 31));
    }

    #[test]
    fn per_year_figures_merge_the_clients_paid_invoices() {
        let mut acme = Record::default();
        let mut paid = PaidInvoices::default();
        paid.add(Money::from(1000), 20, 0).unwrap();
        paid.add(Money::from(1000), 40, 10).unwrap();
        acme.paid.insert(2024, paid);
        let mut bolt = Record::default();
        let mut paid = PaidInvoices::default();
        paid.add(Money::from(2000), 60, 30).unwrap();
        paid.add(Money::from(2000), 10, 0).unwrap();
        bolt.paid.insert(2024, paid);
        let report = payments(
            &dataset(vec![("Acme", acme), ("Bolt", bolt)]),
            &[2024],
            Some(d(12, 31)),
        )
        .unwrap()
        .unwrap();
        let year = &report.years[0].figures;
        assert_eq!(year.invoices_paid, 4);
        // Days 10, 20, 40, 60: median (20 + 40) / 2 = 30.
        assert_eq!(year.median_days_to_pay, Some(Decimal::from(30)));
        // (1000×20 + 1000×40 + 2000×60 + 2000×10) / 6000 = 200000 / 6000 = 33.33…
        assert_eq!(
            year.mean_days_to_pay.map(|m| m.round_dp(2)),
            Some(Decimal::new(3333, 2))
        );
        assert_eq!(year.paid_late_share, Some(Decimal::from(50)));
        // Late revenue 1000 + 2000 of 6000.
        assert_eq!(year.revenue_paid_late_share, Some(Decimal::from(50)));
        // Bolt (median late 15) before Acme (5).
        assert_eq!(report.clients[0].name, "Bolt");
    }

    #[test]
    fn without_payment_columns_there_is_no_section() {
        let data = Dataset::default();
        assert_eq!(payments(&data, &[2024], Some(d(1, 1))).unwrap(), None);
    }
}
