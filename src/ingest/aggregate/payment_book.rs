//! Folds each counted row's payment into its client's payment record as the rows stream
//! by (SPEC 3.7), and decides where the row counts on the chosen basis: at its invoice
//! date, or, on the cash basis, at its payment date for the part received.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{
    money, Basis, Client, DayReceipts, FiscalYearStart, Money, OpenInvoice, PaymentColumns,
};

use crate::ingest::aggregate::accumulate::{is_invoice, CountedRow};

/// The due date when the file gives none: the invoice date + 30 days (the French legal
/// default, and a common net-30 elsewhere).
pub const DEFAULT_TERMS_DAYS: u64 = 30;

/// How many open invoices a reader keeps before it forgets the settled ones again.
const PRUNE_FROM: usize = 1024;

/// What the payment columns make of the rows of one file.
#[derive(Debug, Default)]
pub struct PaymentBook {
    pub basis: Basis,
    pub columns: PaymentColumns,
    /// The report's date when known before reading.
    pub as_of: Option<NaiveDate>,
    /// Cash received per day, when the thresholds are asked for.
    pub receipts: Option<BTreeMap<NaiveDate, DayReceipts>>,
    /// Received amounts without a payment date: on the cash basis they count in no year.
    pub undated_receipts: (u64, Money),
    open_invoices: usize,
    prune_at: usize,
    /// The invoice of the last row (client index, number, date): a line-item export's
    /// next line of it adds to that invoice rather than counting another.
    last_invoice: Option<(usize, String, NaiveDate)>,
}

/// Where a row counts in the yearly figures, and for how much.
pub type Counted = Option<(NaiveDate, Money)>;

impl PaymentBook {
    pub fn new(basis: Basis, as_of: Option<NaiveDate>, keep_receipts: bool) -> Self {
        Self {
            basis,
            as_of,
            receipts: keep_receipts.then(BTreeMap::new),
            prune_at: PRUNE_FROM,
            ..Self::default()
        }
    }

    /// Takes in a row of `client` (at `index` among the file's clients) whose converted
    /// revenue is `revenue`; `latest` is the latest date counted so far. Returns where
    /// the row counts; `None` on overflow.
    pub fn note(
        &mut self,
        client: &mut Client,
        index: usize,
        row: &CountedRow,
        revenue: Money,
        fiscal: FiscalYearStart,
        latest: Option<NaiveDate>,
    ) -> Option<Counted> {
        let Some(payment) = row.payment.filter(|_| is_invoice(revenue)) else {
            // Credit notes take no part in payments, and count at their own date.
            self.receive(row, row.date, revenue)?;
            return Some(Some((row.date, revenue)));
        };
        let share = payment.owed_share();
        let owed = if share == Decimal::ONE {
            revenue
        } else {
            revenue
                .checked_mul(share)?
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        };
        let received = money::sub(revenue, owed)?;
        let due = payment
            .due
            .or_else(|| row.date.checked_add_days(Days::new(DEFAULT_TERMS_DAYS)))
            .unwrap_or(row.date);
        let same_invoice = self.continues_invoice(index, row);
        let record = client.extras.payments_or_new();
        if let (Some(paid), true) = (payment.paid, owed.is_zero()) {
            let days_to_pay = whole_days(paid, row.date);
            let days_late = whole_days(paid, due);
            let year = record.paid.entry(fiscal.year_of(row.date)).or_default();
            if same_invoice {
                year.add_line(revenue, days_to_pay, days_late > 0)?;
            } else {
                year.add(revenue, days_to_pay, days_late)?;
            }
        }
        let settled_by = |date: NaiveDate| self.as_of.or(latest).is_some_and(|d| date <= d);
        let after_as_of = self.as_of.is_some_and(|as_of| row.date > as_of);
        let maybe_open = !owed.is_zero() || payment.paid.is_none_or(|paid| !settled_by(paid));
        let last_open = record
            .open
            .last_mut()
            .filter(|open| same_invoice && open.date == row.date && open.paid == payment.paid);
        if let (true, Some(open)) = (maybe_open && !after_as_of, last_open) {
            open.revenue = money::add(open.revenue, revenue)?;
            open.owed = money::add(open.owed, owed)?;
        } else if maybe_open && !after_as_of {
            record.open.push(OpenInvoice {
                line: row.line,
                date: row.date,
                due,
                paid: payment.paid,
                revenue,
                owed,
            });
            self.open_invoices += 1;
        }
        let counted = match (self.basis, payment.paid) {
            (Basis::Invoice, _) => Some((row.date, revenue)),
            (Basis::Cash, Some(paid)) if !received.is_zero() => Some((paid, received)),
            (Basis::Cash, None) if !received.is_zero() => {
                self.undated_receipts.0 += 1;
                self.undated_receipts.1 = money::add(self.undated_receipts.1, received)?;
                None
            }
            (Basis::Cash, _) => None,
        };
        match (payment.paid, self.columns.paid_date) {
            (Some(paid), _) => self.receive(row, paid, received)?,
            // Without payment dates, the thresholds go by invoice dates (and say so).
            (None, false) => self.receive(row, row.date, revenue)?,
            (None, true) => {}
        }
        Some(counted)
    }

    /// Whether `row` is another line of the invoice the last row belonged to; notes its
    /// invoice as the last one either way.
    fn continues_invoice(&mut self, client: usize, row: &CountedRow) -> bool {
        if row.invoice_id.is_empty() {
            self.last_invoice = None;
            return false;
        }
        let same = self
            .last_invoice
            .as_ref()
            .is_some_and(|(index, number, date)| {
                *date == row.date && number == row.invoice_id && *index == client
            });
        if !same {
            self.last_invoice = Some((client, row.invoice_id.to_string(), row.date));
        }
        same
    }

    /// Notes cash received on a day, when the thresholds are asked for.
    fn receive(&mut self, row: &CountedRow, day: NaiveDate, amount: Money) -> Option<()> {
        let Some(receipts) = self.receipts.as_mut() else {
            return Some(());
        };
        if amount.is_zero() {
            return Some(());
        }
        let receipts = receipts.entry(day).or_default();
        receipts.total = money::add(receipts.total, amount)?;
        receipts
            .payments
            .push((row.line, row.invoice_id.to_string(), amount));
        Some(())
    }

    /// Whether the clients' open invoices are due to be pruned of those settled by the
    /// latest date read: then call [`PaymentBook::pruned`].
    pub fn wants_pruning(&self) -> bool {
        self.open_invoices >= self.prune_at
    }

    /// Forgets what every client surely settled by `latest`.
    pub fn prune(&mut self, clients: &mut [Client], latest: Option<NaiveDate>) {
        let Some(latest) = self.as_of.or(latest) else {
            return;
        };
        let mut left = 0;
        for record in clients.iter_mut().filter_map(|c| c.extras.payments_mut()) {
            record.settle_before(latest);
            left += record.open.len();
        }
        self.open_invoices = left;
        self.prune_at = (left * 2).max(PRUNE_FROM);
    }
}

/// Whole days from `from` to `to`, floored at 0 (a deposit paid before the invoice took
/// no days to pay).
fn whole_days(to: NaiveDate, from: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::formats::payment_cells::RowPayment;
    use crate::model::Kind;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn row(date: NaiveDate, payment: RowPayment) -> CountedRow<'static> {
        CountedRow {
            line: 2,
            date,
            client_id: "",
            client_name: "Acme",
            amount: Decimal::from(1000),
            currency: None,
            kind: Kind::Service,
            intermediary: "",
            invoice_id: "F-1",
            payment: Some(payment),
        }
    }

    #[test]
    fn a_paid_invoice_counts_its_days_and_lateness_against_the_default_terms() {
        let mut book = PaymentBook::new(Basis::Invoice, None, false);
        let mut client = Client::default();
        let paid = RowPayment {
            paid: Some(d(3, 11)),
            ..RowPayment::default()
        };
        let counted = book
            .note(
                &mut client,
                0,
                &row(d(2, 1), paid),
                Decimal::from(1000),
                Default::default(),
                Some(d(6, 1)),
            )
            .unwrap();
        assert_eq!(counted, Some((d(2, 1), Decimal::from(1000))));
        let record = client.extras.payments().unwrap();
        let year = &record.paid[&2024];
        // 1 Feb → 11 Mar 2024 is 39 days; due 2 Mar (+30), so 9 days late.
        assert_eq!(year.days_to_pay.median(), Some(Decimal::from(39)));
        assert_eq!(year.days_late.median(), Some(Decimal::from(9)));
        assert!(record.open.is_empty());
    }

    #[test]
    fn on_the_cash_basis_a_partly_paid_invoice_counts_what_was_received_when_it_was() {
        let mut book = PaymentBook::new(Basis::Cash, None, true);
        book.columns.paid_date = true;
        let mut client = Client::default();
        let partly = RowPayment {
            paid: Some(d(4, 2)),
            due: Some(d(3, 1)),
            owed_share: Some(Decimal::new(25, 2)),
        };
        let counted = book
            .note(
                &mut client,
                0,
                &row(d(2, 1), partly),
                Decimal::from(1000),
                Default::default(),
                None,
            )
            .unwrap();
        assert_eq!(counted, Some((d(4, 2), Decimal::from(750))));
        let record = client.extras.payments().unwrap();
        assert!(
            record.paid.is_empty(),
            "a partly paid invoice has no days to pay yet"
        );
        assert_eq!(record.open.len(), 1);
        assert_eq!(record.open[0].owed, Decimal::from(250));
        assert_eq!(book.receipts.unwrap()[&d(4, 2)].total, Decimal::from(750));
    }

    #[test]
    fn the_lines_of_one_invoice_count_one_paid_invoice() {
        let mut book = PaymentBook::new(Basis::Invoice, None, false);
        let mut client = Client::default();
        let paid = RowPayment {
            paid: Some(d(3, 1)),
            ..RowPayment::default()
        };
        for amount in [600, 400] {
            book.note(
                &mut client,
                0,
                &row(d(2, 1), paid),
                Decimal::from(amount),
                Default::default(),
                None,
            )
            .unwrap();
        }
        let year = &client.extras.payments().unwrap().paid[&2024];
        assert_eq!((year.invoices, year.revenue), (1, Decimal::from(1000)));
        assert_eq!(year.days_to_pay.count(), 1);
    }

    #[test]
    fn an_unpaid_invoice_counts_in_no_cash_year_and_stays_open() {
        let mut book = PaymentBook::new(Basis::Cash, None, false);
        book.columns.paid_date = true;
        let mut client = Client::default();
        let counted = book
            .note(
                &mut client,
                0,
                &row(d(2, 1), RowPayment::default()),
                Decimal::from(1000),
                Default::default(),
                None,
            )
            .unwrap();
        assert_eq!(counted, None);
        assert_eq!(
            client.extras.payments().unwrap().open[0].owed,
            Decimal::from(1000)
        );
    }
}
