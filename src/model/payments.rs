//! What a client's invoices say about payment (SPEC 3.7): per invoice year, the paid
//! invoices' delays as histograms of whole days (a median from them is exact, and memory
//! follows the distinct delays, not the invoices), and the invoices that may still be
//! owed at the report's date.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{money, Money, Year};

/// How many invoices took each whole number of days.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayCounts(BTreeMap<u32, u32>);

impl DayCounts {
    /// Counts one invoice at `days`; `None` on overflow.
    pub fn add(&mut self, days: u32) -> Option<()> {
        let count = self.0.entry(days).or_default();
        *count = count.checked_add(1)?;
        Some(())
    }

    /// Takes in another set of counts; `None` on overflow.
    pub fn merge(&mut self, other: &DayCounts) -> Option<()> {
        for (days, n) in &other.0 {
            let count = self.0.entry(*days).or_default();
            *count = count.checked_add(*n)?;
        }
        Some(())
    }

    pub fn count(&self) -> u64 {
        self.0.values().map(|n| u64::from(*n)).sum()
    }

    /// The median number of days; of an even count, the mean of the two middle values
    /// (so it may end in `.5`). `None` without invoices.
    pub fn median(&self) -> Option<Decimal> {
        let count = self.count();
        if count == 0 {
            return None;
        }
        // 0-based ranks of the two middle values (the same one for an odd count).
        let (low, high) = ((count - 1) / 2, count / 2);
        let (mut low_value, mut seen) = (None, 0u64);
        for (days, n) in &self.0 {
            seen += u64::from(*n);
            if low_value.is_none() && seen > low {
                low_value = Some(*days);
            }
            if seen > high {
                let low_value = Decimal::from(low_value.unwrap_or(*days));
                return Some((low_value + Decimal::from(*days)) / Decimal::TWO);
            }
        }
        None
    }
}

/// The paid invoices of one client dated in one year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaidInvoices {
    pub invoices: u32,
    /// Paid after their due date.
    pub late: u32,
    /// Their revenue, and that of the late ones.
    pub revenue: Money,
    pub revenue_late: Money,
    /// Σ revenue × days to pay, for the amount-weighted mean.
    pub weighted_days: Money,
    pub days_to_pay: DayCounts,
    pub days_late: DayCounts,
}

impl PaidInvoices {
    /// Counts one paid invoice; `None` on overflow.
    pub fn add(&mut self, revenue: Money, days_to_pay: u32, days_late: u32) -> Option<()> {
        self.invoices = self.invoices.checked_add(1)?;
        self.revenue = money::add(self.revenue, revenue)?;
        self.weighted_days = self
            .weighted_days
            .checked_add(revenue.checked_mul(Decimal::from(days_to_pay))?)?;
        if days_late > 0 {
            self.late = self.late.checked_add(1)?;
            self.revenue_late = money::add(self.revenue_late, revenue)?;
        }
        self.days_to_pay.add(days_to_pay)?;
        self.days_late.add(days_late)
    }

    /// Adds another line of the invoice counted last: its revenue, not another invoice.
    pub fn add_line(&mut self, revenue: Money, days_to_pay: u32, late: bool) -> Option<()> {
        self.revenue = money::add(self.revenue, revenue)?;
        self.weighted_days = self
            .weighted_days
            .checked_add(revenue.checked_mul(Decimal::from(days_to_pay))?)?;
        if late {
            self.revenue_late = money::add(self.revenue_late, revenue)?;
        }
        Some(())
    }

    /// Takes in another set of paid invoices; `None` on overflow.
    pub fn merge(&mut self, other: &PaidInvoices) -> Option<()> {
        self.invoices = self.invoices.checked_add(other.invoices)?;
        self.late = self.late.checked_add(other.late)?;
        self.revenue = money::add(self.revenue, other.revenue)?;
        self.revenue_late = money::add(self.revenue_late, other.revenue_late)?;
        self.weighted_days = self.weighted_days.checked_add(other.weighted_days)?;
        self.days_to_pay.merge(&other.days_to_pay)?;
        self.days_late.merge(&other.days_late)
    }
}

/// An invoice that was, or may have been, owed at the report's date: unpaid, partly
/// paid, or paid later than the latest date read so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenInvoice {
    pub line: u64,
    pub date: NaiveDate,
    /// The due date, or the invoice date + 30 days when the file gives none.
    pub due: NaiveDate,
    /// When it was (last) paid, if ever.
    pub paid: Option<NaiveDate>,
    /// Its revenue, owed in full before it was paid.
    pub revenue: Money,
    /// What the file says is still owed of its revenue (its balance's share of it).
    pub owed: Money,
}

impl OpenInvoice {
    /// What was owed of it at `as_of`: nothing before it was issued, all of it until it
    /// was paid, then what the file says is left. A balance without a payment date is
    /// taken as it stands (what was paid of it, when, the file does not say).
    pub fn owed_at(&self, as_of: NaiveDate) -> Money {
        match self.paid {
            _ if self.date > as_of => Money::ZERO,
            Some(paid) if paid > as_of => self.revenue,
            _ => self.owed,
        }
    }
}

/// A client's payment record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientPayments {
    /// Paid invoices by the year of their invoice date.
    pub paid: BTreeMap<Year, PaidInvoices>,
    pub open: Vec<OpenInvoice>,
}

impl ClientPayments {
    /// Every paid invoice of the client, whatever its year; `None` on overflow.
    pub fn all_paid(&self) -> Option<PaidInvoices> {
        let mut all = PaidInvoices::default();
        for paid in self.paid.values() {
            all.merge(paid)?;
        }
        Some(all)
    }

    /// Forgets the invoices that were surely settled by `latest`: the report's date is
    /// at least that.
    pub fn settle_before(&mut self, latest: NaiveDate) {
        self.open
            .retain(|open| !open.owed.is_zero() || open.paid.is_none_or(|paid| paid > latest));
    }
}

/// Cash received on one day (SPEC 3.8): the total, and each payment in file order for
/// naming the invoice that crossed a threshold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayReceipts {
    pub total: Money,
    /// `(line, invoice number, amount)`.
    pub payments: Vec<(u64, String, Money)>,
}

/// Which payment columns the invoices file has: what the payments section can say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaymentColumns {
    pub paid_date: bool,
    pub due_date: bool,
    /// A balance, or an amount paid from which the balance follows.
    pub balance: bool,
}

impl PaymentColumns {
    /// Whether any invoice can be told paid or unpaid.
    pub fn any(self) -> bool {
        self.paid_date || self.balance
    }
}

/// How yearly figures place an invoice (SPEC 3.7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// By invoice date.
    #[default]
    Invoice,
    /// By payment date, for the part received.
    Cash,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Invoice => "invoice",
            Basis::Cash => "cash",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(days: &[u32]) -> DayCounts {
        let mut counts = DayCounts::default();
        for d in days {
            counts.add(*d).unwrap();
        }
        counts
    }

    #[test]
    fn median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(counts(&[30, 10, 20]).median(), Some(Decimal::from(20)));
        assert_eq!(counts(&[5, 5, 40]).median(), Some(Decimal::from(5)));
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        // 10, 15 | 20, 40 → (15 + 20) / 2 = 17.5
        assert_eq!(
            counts(&[40, 10, 20, 15]).median(),
            Some(Decimal::new(175, 1))
        );
        // Both middle values in one bucket.
        assert_eq!(counts(&[3, 3, 3, 9]).median(), Some(Decimal::from(3)));
        assert_eq!(counts(&[]).median(), None);
    }

    #[test]
    fn paid_invoices_weigh_days_by_revenue_and_count_the_late_ones() {
        let mut paid = PaidInvoices::default();
        paid.add(Decimal::from(1000), 10, 0).unwrap();
        paid.add(Decimal::from(3000), 50, 20).unwrap();
        assert_eq!(paid.invoices, 2);
        assert_eq!(paid.late, 1);
        assert_eq!(paid.revenue_late, Decimal::from(3000));
        // (1000 × 10 + 3000 × 50) / 4000 = 40
        assert_eq!(paid.weighted_days / paid.revenue, Decimal::from(40));
    }

    #[test]
    fn an_invoice_is_owed_in_full_until_paid_then_for_its_balance() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let open = OpenInvoice {
            line: 2,
            date: d(3, 1),
            due: d(3, 31),
            paid: Some(d(5, 10)),
            revenue: Decimal::from(1000),
            owed: Decimal::from(250),
        };
        assert_eq!(open.owed_at(d(2, 28)), Decimal::ZERO);
        assert_eq!(open.owed_at(d(4, 30)), Decimal::from(1000));
        assert_eq!(open.owed_at(d(5, 10)), Decimal::from(250));
        let undated = OpenInvoice { paid: None, ..open };
        assert_eq!(undated.owed_at(d(4, 30)), Decimal::from(250));
    }
}
