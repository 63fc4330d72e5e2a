//! Shares in percent, computed exactly and rounded only for display.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{money, Money};

use super::error::AnalysisError;

/// `part` as a percentage of `whole`; `None` when `whole` is not positive (a year that
/// nets to zero or less has no meaningful shares).
pub fn percent(part: Money, whole: Money) -> Result<Option<Decimal>, AnalysisError> {
    if whole <= Money::ZERO {
        return Ok(None);
    }
    part.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .map(Some)
        .ok_or(AnalysisError::Overflow)
}

/// How much `now` changed from `before`, in percent of `before`; `None` when `before`
/// is not positive.
pub fn change(now: Money, before: Money) -> Result<Option<Decimal>, AnalysisError> {
    if before <= Money::ZERO {
        return Ok(None);
    }
    money::sub(now, before)
        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
        .and_then(|p| p.checked_div(before))
        .map(Some)
        .ok_or(AnalysisError::Overflow)
}

/// `count` as a percentage of `of`; `None` when `of` is zero.
pub fn ratio(count: u64, of: u64) -> Option<Decimal> {
    if of == 0 {
        return None;
    }
    Decimal::from(count)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(Decimal::from(of))
}

/// Rounds half away from zero to two decimals, as every displayed share is.
pub fn round2(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// Adds `amount` to `total` exactly to the cent, or fails as an overflow.
pub fn add_to(total: &mut Money, amount: Money) -> Result<(), AnalysisError> {
    *total = money::add(*total, amount).ok_or(AnalysisError::Overflow)?;
    Ok(())
}

/// Sums exactly to the cent, or fails as an overflow.
pub fn sum(values: impl IntoIterator<Item = Money>) -> Result<Money, AnalysisError> {
    money::sum(values).ok_or(AnalysisError::Overflow)
}

/// Rounds exact shares that sum to 100 to two decimals so that the rounded ones also
/// sum to exactly 100.00 (largest remainder): rounding each on its own can drift by a
/// few hundredths, and a breakdown that does not add up looks wrong to a reader.
pub fn round_to_hundred(exact: &[Decimal]) -> Vec<Decimal> {
    let hundredth = Decimal::new(1, 2);
    let mut floors: Vec<Decimal> = exact
        .iter()
        .map(|v| {
            let mut f = v.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity);
            f.rescale(2);
            f
        })
        .collect();
    let floor_sum: Decimal = floors.iter().copied().sum();
    let missing = (Decimal::ONE_HUNDRED - floor_sum)
        .checked_div(hundredth)
        .map(|m| m.round())
        .and_then(|m| usize::try_from(m.mantissa()).ok())
        .unwrap_or(0)
        .min(floors.len());
    let mut order: Vec<usize> = (0..exact.len()).collect();
    // Largest remainder first; ties go to the earlier share.
    order.sort_by(|&a, &b| {
        let rem = |i: usize| {
            exact.get(i).copied().unwrap_or_default() - floors.get(i).copied().unwrap_or_default()
        };
        rem(b).cmp(&rem(a)).then(a.cmp(&b))
    });
    for i in order.into_iter().take(missing) {
        if let Some(f) = floors.get_mut(i) {
            *f += hundredth;
        }
    }
    floors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    #[test]
    fn percent_of_nothing_is_undefined() {
        assert_eq!(percent(dec("5"), Money::ZERO), Ok(None));
        assert_eq!(percent(dec("5"), dec("-10")), Ok(None));
        assert_eq!(percent(dec("1"), dec("8")), Ok(Some(dec("12.5"))));
        assert_eq!(ratio(1, 3).map(round2), Some(dec("33.33")));
        assert_eq!(ratio(1, 0), None);
    }

    #[test]
    fn a_change_is_in_percent_of_the_year_before() {
        // (150 − 120) × 100 / 120 = 25; (90 − 120) × 100 / 120 = −25.
        assert_eq!(change(dec("150"), dec("120")), Ok(Some(dec("25"))));
        assert_eq!(change(dec("90"), dec("120")), Ok(Some(dec("-25"))));
        // From nothing, or from a loss, no change can be given in percent.
        assert_eq!(change(dec("90"), Money::ZERO), Ok(None));
        assert_eq!(change(dec("90"), dec("-10")), Ok(None));
    }

    #[test]
    fn rounded_shares_still_sum_to_a_hundred() {
        // Three thirds: 33.333… each; rounding each gives 99.99, so one gets the cent.
        let third = Decimal::ONE_HUNDRED / Decimal::from(3);
        let rounded = round_to_hundred(&[third, third, third]);
        assert_eq!(rounded, [dec("33.34"), dec("33.33"), dec("33.33")]);
        // Five shares of 20.005, 20.005, 20.005, 20.005, 19.98: half-up would give 100.02.
        let shares: Vec<Decimal> = ["20.005", "20.005", "20.005", "20.005", "19.98"]
            .iter()
            .map(|s| dec(s))
            .collect();
        let rounded = round_to_hundred(&shares);
        assert_eq!(rounded.iter().copied().sum::<Decimal>(), dec("100.00"));
        assert_eq!(
            rounded,
            [
                dec("20.01"),
                dec("20.01"),
                dec("20.00"),
                dec("20.00"),
                dec("19.98")
            ]
        );
        // A negative segment (credit notes) still works.
        let rounded = round_to_hundred(&[dec("110.004"), dec("-10.004")]);
        assert_eq!(rounded, [dec("110.00"), dec("-10.00")]);
    }
}
