//! The payment cells of an invoice row (SPEC 2.2, 3.7): when it was paid, when it was
//! due, and what is left to pay, as a share of the invoice so that it applies to the
//! row's revenue whatever the tax.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::ingest::dialect::columns::{AmountBasis, Mapping};
use crate::model::money;
use crate::model::quality::{Problem, RejectReason};
use crate::model::PaymentColumns;

/// What a row says about its payment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowPayment {
    pub paid: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// The share of the invoice still owed, from 0 to 1, when the file gives a balance.
    pub owed_share: Option<Decimal>,
}

impl RowPayment {
    /// The share still owed: the balance's, else nothing once paid and all before.
    pub fn owed_share(&self) -> Decimal {
        self.owed_share.unwrap_or(if self.paid.is_some() {
            Decimal::ZERO
        } else {
            Decimal::ONE
        })
    }
}

/// Where a table's payment cells are, with their headers for messages.
#[derive(Clone, Debug, Default)]
pub struct PaymentCells {
    pub paid: Option<(usize, String)>,
    pub due: Option<(usize, String)>,
    pub balance: Option<(usize, String)>,
    pub paid_amount: Option<(usize, String)>,
    /// The total the balance is part of (incl. tax); the amount when absent.
    pub gross: Option<(usize, String)>,
}

/// A payment cell that cannot be read: the row is rejected with it.
pub type CellProblem = (RejectReason, String, Problem);

impl PaymentCells {
    /// The payment columns of a mapping. A balance beside line amounts without an
    /// invoice total cannot be told as a share of anything: it is left unread, and the
    /// caller says so.
    pub fn of(mapping: &Mapping) -> (Self, Option<String>) {
        let column = |field| {
            mapping
                .index(field)
                .zip(mapping.header(field).map(str::to_string))
        };
        let mut cells = Self {
            paid: column("paid_date"),
            due: column("due_date"),
            balance: column("balance"),
            paid_amount: column("paid_amount"),
            gross: column("gross"),
        };
        let mut unread = None;
        if cells.gross.is_none() && mapping.amount_basis == Some(AmountBasis::Line) {
            for what in [&mut cells.balance, &mut cells.paid_amount] {
                if let Some((_, header)) = what.take() {
                    unread = Some(header);
                }
            }
        }
        (cells, unread)
    }

    pub fn columns(&self) -> PaymentColumns {
        PaymentColumns {
            paid_date: self.paid.is_some(),
            due_date: self.due.is_some(),
            balance: self.balance.is_some() || self.paid_amount.is_some(),
        }
    }

    pub fn any(&self) -> bool {
        self.columns().any() || self.due.is_some()
    }

    /// Reads a row's payment cells. `cell` gives a column's text, `date` and `amount`
    /// read a date and an amount in the file's formats; `amount` is the row's amount
    /// cell as written, the balance's basis when there is no total column.
    pub fn read<'r>(
        &self,
        cell: &mut dyn FnMut(usize) -> std::borrow::Cow<'r, str>,
        date: &dyn Fn(&str, &str) -> Result<NaiveDate, Problem>,
        amount: &dyn Fn(&str, &str) -> Result<Decimal, Problem>,
        row_amount: Decimal,
    ) -> Result<RowPayment, CellProblem> {
        let paid = read_cell(&self.paid, cell, RejectReason::BadDate, date)?;
        let due = read_cell(&self.due, cell, RejectReason::BadDate, date)?;
        let total = read_cell(&self.gross, cell, RejectReason::BadAmount, amount)?
            .unwrap_or(row_amount)
            .abs();
        let balance_cell = read_cell(&self.balance, cell, RejectReason::BadAmount, amount)?;
        let paid_cell = read_cell(&self.paid_amount, cell, RejectReason::BadAmount, amount)?;
        let balance = match (balance_cell, paid_cell) {
            (Some(balance), _) => Some(balance),
            (None, Some(paid)) => Some(money::sub(total, paid.abs()).ok_or_else(|| {
                let header = self.paid_amount.as_ref().map(|(_, h)| h.clone());
                let header = header.unwrap_or_default();
                (
                    RejectReason::BadAmount,
                    header.clone(),
                    Problem::AmountTooLarge { column: header },
                )
            })?),
            // An empty balance cell says nothing; an empty amount paid is nothing paid.
            (None, None) if self.paid_amount.is_some() && self.balance.is_none() => Some(total),
            (None, None) => None,
        };
        let owed_share = match balance {
            None => None,
            Some(balance) if balance <= Decimal::ZERO => Some(Decimal::ZERO),
            Some(balance) if balance > total => {
                let header = self
                    .balance
                    .as_ref()
                    .or(self.paid_amount.as_ref())
                    .map(|(_, h)| h.clone())
                    .unwrap_or_default();
                return Err((
                    RejectReason::BadAmount,
                    header.clone(),
                    Problem::BalanceAboveTotal {
                        column: header,
                        balance: balance.to_string(),
                        total: total.to_string(),
                    },
                ));
            }
            Some(balance) => balance.checked_div(total),
        };
        Ok(RowPayment {
            paid,
            due,
            owed_share,
        })
    }
}

/// A column's cell read with `parse`; `None` without the column or for an empty cell.
fn read_cell<'r, T>(
    column: &Option<(usize, String)>,
    cell: &mut dyn FnMut(usize) -> std::borrow::Cow<'r, str>,
    reason: RejectReason,
    parse: &dyn Fn(&str, &str) -> Result<T, Problem>,
) -> Result<Option<T>, CellProblem> {
    let Some((index, header)) = column else {
        return Ok(None);
    };
    let text = cell(*index);
    if text.is_empty() {
        return Ok(None);
    }
    parse(&text, header)
        .map(Some)
        .map_err(|problem| (reason, header.clone(), problem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn cells() -> PaymentCells {
        PaymentCells {
            paid: Some((0, "Paid".into())),
            due: None,
            balance: Some((1, "Balance".into())),
            paid_amount: None,
            gross: Some((2, "Total".into())),
        }
    }

    fn read(
        cells: &PaymentCells,
        row: &[&'static str],
        amount: i64,
    ) -> Result<RowPayment, CellProblem> {
        let row = row.to_vec();
        cells.read(
            &mut |i| Cow::Borrowed(row.get(i).copied().unwrap_or("")),
            &|text, _| NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::TotalLine),
            &|text, _| text.parse::<Decimal>().map_err(|_| Problem::TotalLine),
            Decimal::from(amount),
        )
    }

    #[test]
    fn a_balance_is_a_share_of_the_total_incl_tax() {
        let paid = read(&cells(), &["2024-03-01", "300", "1200"], 1000).unwrap();
        assert_eq!(paid.owed_share, Some(Decimal::new(25, 2)));
        let settled = read(&cells(), &["2024-03-01", "0", "1200"], 1000).unwrap();
        assert_eq!(settled.owed_share(), Decimal::ZERO);
    }

    #[test]
    fn without_balance_a_paid_date_settles_the_invoice() {
        let mut cells = cells();
        cells.balance = None;
        assert_eq!(
            read(&cells, &["2024-03-01"], 1000).unwrap().owed_share(),
            Decimal::ZERO
        );
        assert_eq!(
            read(&cells, &[""], 1000).unwrap().owed_share(),
            Decimal::ONE
        );
    }

    #[test]
    fn an_amount_paid_gives_the_balance_of_the_amount() {
        let cells = PaymentCells {
            paid_amount: Some((0, "Paid".into())),
            ..PaymentCells::default()
        };
        // Invoice Ninja: Amount 1350, Paid 501 → 849 / 1350 owed.
        let row = read(&cells, &["501"], 1350).unwrap();
        assert_eq!(
            row.owed_share,
            Decimal::from(849).checked_div(Decimal::from(1350))
        );
    }

    #[test]
    fn a_balance_above_the_total_is_refused() {
        let (reason, column, _) = read(&cells(), &["", "1300", "1200"], 1000).unwrap_err();
        assert_eq!(
            (reason, column.as_str()),
            (RejectReason::BadAmount, "Balance")
        );
    }
}
