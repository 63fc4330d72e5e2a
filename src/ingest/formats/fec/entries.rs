//! One FEC's entries as the whole file gathers them, and how their revenue is booked:
//! which piece of an entry key is an entry, which customer line a revenue line belongs
//! to, and how an entry with several customer lines shares its revenue, to the cent.
//! No reading here (see `super`).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{money, Kind, Money};

use crate::ingest::dialect::text::fold_words;

/// Who pays, as a customer line or a revenue line names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::ingest) struct Payer {
    pub(in crate::ingest) id: String,
    pub(in crate::ingest) name: String,
}

/// The customer a `411…` line names: its auxiliary account, else its own account when
/// that is a customer's (`411DUPONT`, or a number labelled with a name); `None` for a
/// collective account (`411000`, `41100000`, "Clients", "Clients divers").
pub(in crate::ingest) fn customer_of(
    account: &str,
    label: &str,
    aux_number: &str,
    aux_label: &str,
) -> Option<Payer> {
    if !aux_number.is_empty() {
        let name = if aux_label.is_empty() {
            aux_number
        } else {
            aux_label
        };
        return Some(Payer {
            id: aux_number.to_string(),
            name: name.to_string(),
        });
    }
    let numbered = account
        .get(3..)
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()));
    let folded = fold_words(label);
    let generic = folded.is_empty()
        || ["client", "clients", "customer", "customers"]
            .iter()
            .any(|word| folded == *word || folded.starts_with(&format!("{word} ")));
    (!(numbered && generic)).then(|| Payer {
        id: account.to_string(),
        name: if label.is_empty() { account } else { label }.to_string(),
    })
}

/// A revenue line, parsed, waiting for its entry to be complete.
pub(in crate::ingest) struct RevenueLine {
    pub(in crate::ingest) line: u64,
    pub(in crate::ingest) date: NaiveDate,
    pub(in crate::ingest) amount: Money,
    pub(in crate::ingest) kind: Kind,
    /// The line's own auxiliary account, when it names one.
    pub(in crate::ingest) payer: Option<Payer>,
}

/// A customer line: who, and its weight in the entry (its amount, debit or credit).
pub(in crate::ingest) struct CustomerLine {
    /// When it was lettered (matched to its payment), if it was.
    pub(in crate::ingest) paid: Option<NaiveDate>,
    pub(in crate::ingest) payer: Option<Payer>,
    pub(in crate::ingest) weight: Money,
}

/// The lines of one entry that share an `EcritureDate` and a `PieceRef`.
#[derive(Default)]
pub(in crate::ingest) struct Piece {
    pub(in crate::ingest) debit: Money,
    pub(in crate::ingest) credit: Money,
    pub(in crate::ingest) revenue: Vec<RevenueLine>,
    pub(in crate::ingest) customers: Vec<CustomerLine>,
}

/// One `JournalCode` + `EcritureNum`, over the whole file.
#[derive(Default)]
pub(in crate::ingest) struct Entry {
    pieces: Vec<((String, String), Piece)>,
    index: HashMap<(String, String), usize>,
}

impl Entry {
    pub(in crate::ingest) fn piece(&mut self, date: &str, reference: &str) -> Option<&mut Piece> {
        let key = (date.to_string(), reference.to_string());
        let at = match self.index.get(&key) {
            Some(&at) => at,
            None => {
                self.pieces.push((key.clone(), Piece::default()));
                self.index.insert(key, self.pieces.len() - 1);
                self.pieces.len() - 1
            }
        };
        self.pieces.get_mut(at).map(|(_, piece)| piece)
    }

    /// The entry as booked (SPEC 2.3): one group per `EcritureDate` + `PieceRef` when
    /// each of those balances (several invoices keyed as one entry), else the whole
    /// entry when it balances on one date, else one group per `EcritureDate` +
    /// `PieceRef` all the same.
    pub(in crate::ingest) fn groups(self) -> Vec<Vec<Piece>> {
        let pieces_balance = self.pieces.iter().all(|(_, p)| p.debit == p.credit);
        // Sums only compared: saturating, a ledger beyond the largest amount only splits.
        let total = |side: fn(&Piece) -> Money| {
            self.pieces
                .iter()
                .fold(Money::ZERO, |sum, (_, p)| sum.saturating_add(side(p)))
        };
        let (debit, credit) = (total(|p| p.debit), total(|p| p.credit));
        let first_date = self.pieces.first().map(|((date, _), _)| date.clone());
        let one_date = self
            .pieces
            .iter()
            .all(|((date, _), _)| Some(date) == first_date.as_ref());
        let pieces = self.pieces.into_iter().map(|(_, piece)| piece);
        if debit == credit && one_date && !pieces_balance {
            vec![pieces.collect()]
        } else {
            pieces.map(|piece| vec![piece]).collect()
        }
    }
}

/// A share of revenue booked to a payer (`None`: the unidentified payer).
pub(in crate::ingest) struct Booked {
    pub(in crate::ingest) line: u64,
    pub(in crate::ingest) date: NaiveDate,
    pub(in crate::ingest) amount: Money,
    pub(in crate::ingest) kind: Kind,
    pub(in crate::ingest) payer: Option<Payer>,
    /// When its customer line was lettered; `None` when any of them was not.
    pub(in crate::ingest) paid: Option<NaiveDate>,
}

/// Shares `amount` among `weights` in proportion, to the cent: each share rounded
/// toward zero, the cents left given to the largest remainders (ties to the first).
fn share_by_weight(amount: Money, weights: &[Money]) -> Option<Vec<Money>> {
    let total = money::sum(weights.iter().copied())?;
    if total.is_zero() || weights.is_empty() {
        return None;
    }
    let cents = amount.checked_mul(Decimal::ONE_HUNDRED)?;
    if !cents.fract().is_zero() {
        // Sub-cent amounts are shared exactly, without rounding.
        return weights
            .iter()
            .map(|w| amount.checked_mul(*w)?.checked_div(total))
            .collect();
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, weight) in weights.iter().enumerate() {
        let exact = cents.checked_mul(*weight)?.checked_div(total)?;
        let whole = exact.trunc();
        shares.push(whole);
        remainders.push((exact - whole, i));
    }
    let shared = shares
        .iter()
        .try_fold(Money::ZERO, |sum, s| sum.checked_add(*s))?;
    let mut left = cents.checked_sub(shared)?;
    let step = if left.is_sign_negative() {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    remainders.sort_by(|a, b| b.0.abs().cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left.is_zero() {
            break;
        }
        if let Some(share) = shares.get_mut(i) {
            *share += step;
            left -= step;
        }
    }
    Some(
        shares
            .into_iter()
            .map(|cents| cents / Decimal::ONE_HUNDRED)
            .collect(),
    )
}

/// Books a group's revenue lines to its customers.
pub(in crate::ingest) fn book(group: Vec<Piece>, booked: &mut Vec<Booked>) -> Option<()> {
    // Each customer with its weight and when it was paid: the latest lettering of its
    // lines, or none while one of them is not lettered.
    let mut customers: Vec<(Option<Payer>, Money, Option<NaiveDate>)> = Vec::new();
    let mut revenue = Vec::new();
    for piece in group {
        for customer in piece.customers {
            match customers.iter_mut().find(|(p, _, _)| *p == customer.payer) {
                Some((_, weight, paid)) => {
                    *weight = money::add(*weight, customer.weight)?;
                    *paid = paid.zip(customer.paid).map(|(a, b)| a.max(b));
                }
                None => customers.push((customer.payer, customer.weight, customer.paid)),
            }
        }
        revenue.extend(piece.revenue);
    }
    customers.retain(|(_, weight, _)| !weight.is_zero());
    let weights: Vec<Money> = customers.iter().map(|(_, w, _)| *w).collect();
    let paid_by = |payer: &Option<Payer>| {
        customers
            .iter()
            .find(|(p, _, _)| p == payer)
            .and_then(|(_, _, paid)| *paid)
    };
    for line in revenue {
        let to = |payer: Option<Payer>, amount: Money, paid: Option<NaiveDate>| Booked {
            line: line.line,
            date: line.date,
            amount,
            kind: line.kind,
            payer,
            paid,
        };
        if line.payer.is_some() {
            let paid = paid_by(&line.payer);
            booked.push(to(line.payer.clone(), line.amount, paid));
            continue;
        }
        match share_by_weight(line.amount, &weights) {
            Some(shares) => {
                for ((payer, _, paid), share) in customers.iter().zip(shares) {
                    booked.push(to(payer.clone(), share, *paid));
                }
            }
            None => booked.push(to(None, line.amount, None)),
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Money {
        Money::from_str_exact(text).unwrap()
    }

    fn decs(texts: &[&str]) -> Vec<Money> {
        texts.iter().map(|t| dec(t)).collect()
    }

    #[test]
    fn revenue_is_shared_by_weight_to_the_cent() {
        // 83 334 cents × 700 / 1 000,01 = 58 333.2 and × 300,01 / 1 000,01 = 25 000.8:
        // the cent left goes to the larger remainder.
        assert_eq!(
            share_by_weight(dec("833.34"), &decs(&["700.00", "300.01"])),
            Some(decs(&["583.33", "250.01"]))
        );
        // Three equal weights: 33.34, 33.33, 33.33 (ties to the first).
        assert_eq!(
            share_by_weight(dec("100.00"), &decs(&["1", "1", "1"])),
            Some(decs(&["33.34", "33.33", "33.33"]))
        );
        // A credit note shares its negative amount the same way.
        assert_eq!(
            share_by_weight(dec("-100.00"), &decs(&["1", "1", "1"])),
            Some(decs(&["-33.34", "-33.33", "-33.33"]))
        );
        // One customer takes it all; no weight means no customer to share with.
        assert_eq!(
            share_by_weight(dec("12.34"), &decs(&["5"])),
            Some(decs(&["12.34"]))
        );
        assert_eq!(share_by_weight(dec("12.34"), &decs(&["0", "0"])), None);
        assert_eq!(share_by_weight(dec("12.34"), &[]), None);
    }

    #[test]
    fn collective_customer_accounts_name_nobody() {
        let named = |account, label, aux, aux_label| customer_of(account, label, aux, aux_label);
        assert_eq!(named("411000", "Clients", "", ""), None);
        assert_eq!(named("41100000", "CLIENTS DIVERS", "", ""), None);
        assert_eq!(named("4111", "Customers - Sales", "", ""), None);
        assert_eq!(named("411000", "", "", ""), None);
        assert_eq!(
            named("411000", "Clients", "C001", "Atelier Nord"),
            Some(Payer {
                id: "C001".into(),
                name: "Atelier Nord".into()
            })
        );
        assert_eq!(
            named("411DUPONT", "Dupont SA", "", ""),
            Some(Payer {
                id: "411DUPONT".into(),
                name: "Dupont SA".into()
            })
        );
        assert_eq!(
            named("4110023", "Menuiserie Vidal", "", ""),
            Some(Payer {
                id: "4110023".into(),
                name: "Menuiserie Vidal".into()
            })
        );
    }

    fn piece(debit: &str, credit: &str) -> Piece {
        Piece {
            debit: dec(debit),
            credit: dec(credit),
            ..Piece::default()
        }
    }

    fn entry(pieces: Vec<(&str, &str, Piece)>) -> Entry {
        let mut entry = Entry::default();
        for (date, reference, piece) in pieces {
            entry
                .index
                .insert((date.into(), reference.into()), entry.pieces.len());
            entry.pieces.push(((date.into(), reference.into()), piece));
        }
        entry
    }

    #[test]
    fn an_entry_key_is_split_into_balanced_pieces_when_it_must() {
        // Two invoices of one day under one key, each balanced: two groups.
        let two = entry(vec![
            ("20240101", "F1", piece("120", "120")),
            ("20240101", "F2", piece("60", "60")),
        ]);
        assert_eq!(two.groups().len(), 2);
        // One invoice whose PieceRef is only on the customer line: the parts do not
        // balance alone, the entry does, on one date: one group.
        let one = entry(vec![
            ("20240101", "F1", piece("120", "0")),
            ("20240101", "", piece("0", "120")),
        ]);
        assert_eq!(one.groups().len(), 1);
        // Unbalanced, or over several dates: split.
        let apart = entry(vec![
            ("20240101", "F1", piece("120", "0")),
            ("20240202", "", piece("0", "120")),
        ]);
        assert_eq!(apart.groups().len(), 2);
    }
}
