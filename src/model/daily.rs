//! A client's revenue per day, eight bytes a day where the amount is a whole number of
//! cents: the daily detail is the largest thing kept per client of a large file, and a
//! date beside a `Decimal` takes twenty.

use chrono::{Datelike, NaiveDate};
use thin_vec::ThinVec;

use super::{money, DayRevenue, Money};

/// Bits of a packed day that hold the amount in cents, signed; the rest hold the day.
const AMOUNT_BITS: u32 = 44;
const AMOUNT_MASK: u64 = (1 << AMOUNT_BITS) - 1;
const MAX_CENTS: i64 = (1 << (AMOUNT_BITS - 1)) - 1;
const MIN_CENTS: i64 = -(1 << (AMOUNT_BITS - 1));
/// Days since the common era fit in the remaining 20 bits up to the year 2870.
const MAX_DAY: i64 = (1 << (64 - AMOUNT_BITS)) - 1;

/// Revenue per day, at most one entry a day once [`DailyRevenue::settle`] has run.
#[derive(Clone, Debug, Default)]
pub struct DailyRevenue {
    /// The day above the amount in cents, so that sorting sorts by day. A `ThinVec`
    /// keeps its length and capacity beside the days: 8 bytes per client, not 24.
    packed: ThinVec<u64>,
    /// The days whose amount is not a whole number of cents, or is too large to pack:
    /// boxed, as most clients have none.
    #[allow(clippy::box_collection)] // 8 bytes where a `Vec` takes 24, for every client
    wide: Option<Box<Vec<DayRevenue>>>,
}

fn day_number(date: NaiveDate) -> Option<u64> {
    let day = i64::from(date.num_days_from_ce());
    (0..=MAX_DAY).contains(&day).then_some(day as u64)
}

fn date_of(packed: u64) -> Option<NaiveDate> {
    i32::try_from(packed >> AMOUNT_BITS)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn cents_of(packed: u64) -> i64 {
    // Shifting the amount to the top and back extends its sign.
    ((packed << (64 - AMOUNT_BITS)) as i64) >> (64 - AMOUNT_BITS)
}

fn pack(day: u64, cents: i64) -> Option<u64> {
    (MIN_CENTS..=MAX_CENTS)
        .contains(&cents)
        .then_some((day << AMOUNT_BITS) | (cents as u64 & AMOUNT_MASK))
}

/// The amount in cents, when it is a whole number of them.
fn to_cents(amount: Money) -> Option<i64> {
    let mantissa = amount.mantissa();
    let scale = amount.scale();
    let cents = if scale <= 2 {
        mantissa.checked_mul(10_i128.pow(2 - scale))?
    } else {
        let divisor = 10_i128.checked_pow(scale - 2)?;
        if mantissa % divisor != 0 {
            return None;
        }
        mantissa / divisor
    };
    i64::try_from(cents).ok()
}

fn from_cents(cents: i128) -> Option<Money> {
    Money::try_from_i128_with_scale(cents, 2).ok()
}

impl DailyRevenue {
    /// The latest day's packed entry (0 when none), the one [`DailyRevenue::add`]
    /// compares a new day with: read ahead of a batch of additions, so that the
    /// processor fetches the entries of several clients at once.
    pub fn last_entry(&self) -> u64 {
        self.packed.last().copied().unwrap_or_default()
    }

    /// Adds an amount to a day, merging it into the last entry when it is the same day
    /// (exports are mostly in date order); `None` on overflow.
    pub fn add(&mut self, date: NaiveDate, amount: Money) -> Option<()> {
        if let (Some(day), Some(cents)) = (day_number(date), to_cents(amount)) {
            match self.packed.last_mut() {
                Some(last) if *last >> AMOUNT_BITS == day => {
                    let merged = cents_of(*last)
                        .checked_add(cents)
                        .and_then(|sum| pack(day, sum));
                    if let Some(merged) = merged {
                        *last = merged;
                        return Some(());
                    }
                }
                _ => {
                    if let Some(packed) = pack(day, cents) {
                        grow_gently(&mut self.packed);
                        self.packed.push(packed);
                        return Some(());
                    }
                }
            }
        }
        let wide = self.wide.get_or_insert_with(Box::default);
        match wide.last_mut() {
            Some(last) if last.date == date => last.total = money::add(last.total, amount)?,
            _ => wide.push(DayRevenue {
                date,
                total: amount,
            }),
        }
        Some(())
    }

    /// Revenue from `from` to `to`, both included; `None` on overflow.
    pub fn sum_between(&self, from: NaiveDate, to: NaiveDate) -> Option<Money> {
        let (first, last) = (
            i64::from(from.num_days_from_ce()),
            i64::from(to.num_days_from_ce()),
        );
        let mut cents: i128 = 0;
        for &packed in &self.packed {
            let day = (packed >> AMOUNT_BITS) as i64;
            if day >= first && day <= last {
                cents = cents.checked_add(i128::from(cents_of(packed)))?;
            }
        }
        let mut total = from_cents(cents)?;
        for day in self
            .wide()
            .iter()
            .filter(|d| d.date >= from && d.date <= to)
        {
            total = money::add(total, day.total)?;
        }
        Some(total)
    }

    /// Drops the days before `from`.
    pub fn retain_from(&mut self, from: NaiveDate) {
        let first = i64::from(from.num_days_from_ce());
        self.packed
            .retain(|&packed| (packed >> AMOUNT_BITS) as i64 >= first);
        if let Some(wide) = &mut self.wide {
            wide.retain(|d| d.date >= from);
        }
    }

    /// Sorts the days and merges repeated ones (rows out of date order); `None` on
    /// overflow.
    pub fn settle(&mut self) -> Option<()> {
        self.packed.sort_unstable();
        let mut merged = ThinVec::with_capacity(self.packed.len());
        for packed in self.packed.drain(..) {
            let day = packed >> AMOUNT_BITS;
            match merged.last_mut() {
                Some(last) if *last >> AMOUNT_BITS == day => {
                    match cents_of(*last)
                        .checked_add(cents_of(packed))
                        .and_then(|sum| pack(day, sum))
                    {
                        Some(sum) => *last = sum,
                        None => {
                            // Too large together: the second goes to the wide days.
                            self.wide.get_or_insert_with(Box::default).push(DayRevenue {
                                date: date_of(packed)?,
                                total: from_cents(cents_of(packed).into())?,
                            });
                        }
                    }
                }
                _ => merged.push(packed),
            }
        }
        self.packed = merged;
        let Some(wide) = &mut self.wide else {
            return Some(());
        };
        sort_and_merge(
            wide,
            |d| d.date,
            |last, day| {
                last.total = money::add(last.total, day.total)?;
                Some(())
            },
        )
    }

    fn wide(&self) -> &[DayRevenue] {
        self.wide.as_deref().map_or(&[], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.packed.is_empty() && self.wide().is_empty()
    }

    /// Every day and its revenue, oldest first, one entry a day; `None` on overflow.
    pub fn days(&self) -> Option<Vec<(NaiveDate, Money)>> {
        let mut days = Vec::with_capacity(self.packed.len() + self.wide().len());
        for &packed in &self.packed {
            days.push((date_of(packed)?, from_cents(cents_of(packed).into())?));
        }
        days.extend(self.wide().iter().map(|d| (d.date, d.total)));
        sort_and_merge(
            &mut days,
            |(date, _)| *date,
            |(_, total), (_, amount)| {
                *total = money::add(*total, *amount)?;
                Some(())
            },
        )?;
        Some(days)
    }
}

/// Equal when they hold the same revenue on the same days, however it is stored.
impl PartialEq for DailyRevenue {
    fn eq(&self, other: &Self) -> bool {
        let normal = |days: Option<Vec<(NaiveDate, Money)>>| {
            days.map(|days| {
                days.into_iter()
                    .map(|(date, amount)| (date, amount.normalize()))
                    .collect::<Vec<_>>()
            })
        };
        normal(self.days()) == normal(other.days())
    }
}

impl Eq for DailyRevenue {}

/// Sorts days by date and merges the entries of a same day with `add`; `None` on
/// overflow.
pub(crate) fn sort_and_merge<T: Copy>(
    days: &mut Vec<T>,
    date: impl Fn(&T) -> NaiveDate,
    add: impl Fn(&mut T, &T) -> Option<()>,
) -> Option<()> {
    days.sort_by_key(&date);
    let mut merged: Vec<T> = Vec::with_capacity(days.len());
    for day in days.drain(..) {
        match merged.last_mut() {
            Some(last) if date(last) == date(&day) => add(last, &day)?,
            _ => merged.push(day),
        }
    }
    *days = merged;
    Some(())
}

/// Makes room for one more day, growing by a quarter rather than doubling: the daily
/// detail is the largest thing kept per client, and doubling leaves a quarter of it empty
/// on average.
fn grow_gently<T>(days: &mut ThinVec<T>) {
    if days.len() == days.capacity() {
        days.reserve_exact(days.len() / 4 + 4);
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn money(text: &str) -> Money {
        Money::from_str(text).unwrap()
    }

    #[test]
    fn whole_cents_pack_and_come_back_exact() {
        for text in ["0", "0.01", "-0.01", "12.5", "-1234.56", "87960930222.07"] {
            let cents = to_cents(money(text)).unwrap();
            let packed = pack(day_number(date(2024, 2, 29)).unwrap(), cents).unwrap();
            assert_eq!(date_of(packed), Some(date(2024, 2, 29)));
            assert_eq!(from_cents(cents_of(packed).into()), Some(money(text)));
        }
        assert_eq!(to_cents(money("1.2300")), Some(123));
        assert_eq!(to_cents(money("1.234")), None, "not whole cents");
        assert_eq!(pack(0, MAX_CENTS + 1), None, "too large to pack");
    }

    #[test]
    fn packed_and_wide_days_add_up_within_the_span() {
        let mut daily = DailyRevenue::default();
        daily.add(date(2024, 1, 1), money("10")).unwrap();
        daily.add(date(2024, 1, 1), money("0.005")).unwrap();
        daily.add(date(2024, 2, 1), money("100.50")).unwrap();
        daily.add(date(2024, 1, 1), money("-2.25")).unwrap();
        daily.add(date(2024, 3, 1), money("90000000000")).unwrap();
        daily.add(date(2024, 3, 1), money("1")).unwrap();
        daily.settle().unwrap();
        assert_eq!(
            daily.days().unwrap(),
            [
                (date(2024, 1, 1), money("7.755")),
                (date(2024, 2, 1), money("100.50")),
                (date(2024, 3, 1), money("90000000001")),
            ]
        );
        let sum = |from, to| daily.sum_between(from, to).unwrap();
        assert_eq!(sum(date(2024, 1, 1), date(2024, 2, 1)), money("108.255"));
        assert_eq!(sum(date(2024, 1, 2), date(2024, 2, 29)), money("100.50"));
        assert_eq!(
            sum(date(2024, 3, 1), date(2024, 3, 1)),
            money("90000000001")
        );
        assert_eq!(sum(date(2023, 1, 1), date(2023, 12, 31)), Money::ZERO);
        daily.retain_from(date(2024, 2, 1));
        let all = daily.sum_between(date(2020, 1, 1), date(2030, 1, 1));
        assert_eq!(all, Some(money("90000000101.50")));
    }

    #[test]
    fn days_out_of_order_merge_on_settle() {
        let mut in_order = DailyRevenue::default();
        let mut shuffled = DailyRevenue::default();
        for (d, amount) in [(1, "5"), (1, "7.10"), (3, "-1")] {
            in_order.add(date(2024, 5, d), money(amount)).unwrap();
        }
        for (d, amount) in [(1, "5"), (3, "-1"), (1, "7.10")] {
            shuffled.add(date(2024, 5, d), money(amount)).unwrap();
        }
        shuffled.settle().unwrap();
        assert_eq!(shuffled.packed.len(), 2, "one entry a day");
        assert_eq!(in_order, shuffled);
    }

    proptest::proptest! {
        /// Whatever the amounts and their order, a span sums to what the rows add up to.
        #[test]
        fn spans_sum_like_the_rows(
            rows in proptest::collection::vec((0_u64..40, -10_i64.pow(12)..10_i64.pow(12), 0_u32..5), 0..60),
            from in 0_u64..40,
            length in 0_u64..40,
        ) {
            let start = date(2024, 1, 1);
            let day = |offset: u64| start + chrono::Days::new(offset);
            let mut daily = DailyRevenue::default();
            let mut expected = Money::ZERO;
            for &(offset, mantissa, scale) in &rows {
                let amount = Money::new(mantissa, scale);
                daily.add(day(offset), amount).unwrap();
                if offset >= from && offset <= from + length {
                    expected += amount;
                }
            }
            daily.settle().unwrap();
            proptest::prop_assert_eq!(daily.sum_between(day(from), day(from + length)), Some(expected));
        }
    }
}
