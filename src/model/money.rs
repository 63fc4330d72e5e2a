//! Sums of money that stay exact to the cent, or say they cannot.
//!
//! `Decimal` keeps 96 bits of digits. A sum that needs more does not fail: it silently
//! drops decimals (`792281625142643375935439503.35 + 0.01` gives `…503.4`), and above
//! about 7.9e26 an amount cannot even be written with two decimals. Every sum of
//! amounts goes through [`add`] or [`sub`], which refuse both cases, so a figure is
//! either right to the cent or an overflow error, never a rounded guess.

use rust_decimal::Decimal;

use super::Money;

/// The largest mantissa a `Decimal` holds: 2^96 − 1.
const MANTISSA_LIMIT: u128 = (1 << 96) - 1;

/// The largest amount that can be written to the cent, about 7.9e26.
pub const LARGEST: Money = Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 2);

/// `a + b`, when it is exact and can be written to the cent.
#[inline]
pub fn add(a: Money, b: Money) -> Option<Money> {
    exact(a, b, a.checked_add(b)?)
}

/// `a − b`, when it is exact and can be written to the cent.
#[inline]
pub fn sub(a: Money, b: Money) -> Option<Money> {
    exact(a, b, a.checked_sub(b)?)
}

/// The sum of `amounts`, when every step is exact and can be written to the cent.
pub fn sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
    amounts.into_iter().try_fold(Money::ZERO, add)
}

/// `amount` when it can be written to the cent: what a product or a quotient of
/// amounts (a projection, a share of a payment) is checked with.
#[inline]
pub fn to_the_cent(amount: Money) -> Option<Money> {
    let scale = amount.scale();
    if scale >= 2 {
        return Some(amount);
    }
    let cents = amount
        .mantissa()
        .unsigned_abs()
        .checked_mul(10_u128.pow(2 - scale))?;
    (cents <= MANTISSA_LIMIT).then_some(amount)
}

/// `result` when no decimal of `a` or `b` was dropped to make it fit: a sum keeps the
/// larger scale of its terms unless it had to round, or one term is zero (the other
/// is then returned as it is).
#[inline]
fn exact(a: Money, b: Money, result: Money) -> Option<Money> {
    let kept = a.is_zero() || b.is_zero() || result.scale() >= a.scale().max(b.scale());
    if !kept {
        return None;
    }
    to_the_cent(result)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn m(text: &str) -> Money {
        Money::from_str(text).unwrap()
    }

    #[test]
    fn the_largest_amount_is_the_largest_mantissa_in_cents() {
        assert_eq!(LARGEST, m("792281625142643375935439503.35"));
        assert_eq!(to_the_cent(LARGEST), Some(LARGEST));
        assert_eq!(to_the_cent(-LARGEST), Some(-LARGEST));
    }

    #[test]
    fn ordinary_sums_are_exact() {
        assert_eq!(add(m("1.10"), m("2.2")), Some(m("3.30")));
        assert_eq!(sub(m("1.5"), m("1.50")), Some(m("0.00")));
        assert_eq!(add(m("0.125"), m("0.125")), Some(m("0.250")));
        assert_eq!(sum([m("10"), m("-2.5"), m("0.01")]), Some(m("7.51")));
        // Decimal hands back the other term, at its own scale, when one is zero.
        assert_eq!(add(m("0.00"), m("-87960930223")), Some(m("-87960930223")));
        assert_eq!(sub(m("12"), m("0.000")), Some(m("12")));
    }

    #[test]
    fn a_sum_that_would_drop_a_cent_is_refused() {
        // Decimal alone would give …503.4, a cent off.
        assert_eq!(
            m("792281625142643375935439503.35").checked_add(m("0.01")),
            Some(m("792281625142643375935439503.4"))
        );
        assert_eq!(add(LARGEST, m("0.01")), None);
        assert_eq!(sub(-LARGEST, m("0.01")), None);
    }

    #[test]
    fn a_sum_beyond_what_cents_can_write_is_refused_even_if_decimal_holds_it() {
        let whole = m("700000000000000000000000000");
        assert!(whole.checked_add(whole).is_some());
        assert_eq!(add(whole, whole), None);
        assert_eq!(to_the_cent(m("79228162514264337593543950335")), None);
        assert_eq!(add(Money::ZERO, m("79228162514264337593543950335")), None);
    }

    proptest::proptest! {
        /// Whatever the terms, a sum is the exact one, or refused when the exact one
        /// cannot be written to the cent.
        #[test]
        fn a_sum_is_exact_or_refused(
            a in -10_i128.pow(28)..10_i128.pow(28),
            b in -10_i128.pow(28)..10_i128.pow(28),
            a_scale in 0_u32..6,
            b_scale in 0_u32..6,
            subtract: bool,
        ) {
            let (x, y) = (Money::from_i128_with_scale(a, a_scale), Money::from_i128_with_scale(b, b_scale));
            // Exact in integers at the larger scale: |a|, |b| < 10^28 and a factor
            // of at most 10^5 keep it within i128.
            let scale = a_scale.max(b_scale);
            let (wide_a, wide_b) = (a * 10_i128.pow(scale - a_scale), b * 10_i128.pow(scale - b_scale));
            let wide = if subtract { wide_a - wide_b } else { wide_a + wide_b };
            let got = if subtract { sub(x, y) } else { add(x, y) };
            // Writable to the cent: the exact value has at most 2^96 − 1 cents or
            // sub-cent units when its scale is above 2.
            let units = if scale <= 2 { wide.unsigned_abs() * 10_u128.pow(2 - scale) } else { wide.unsigned_abs() };
            if units <= MANTISSA_LIMIT {
                let exact = Money::from_i128_with_scale(wide, scale);
                proptest::prop_assert_eq!(got, Some(exact));
            } else {
                proptest::prop_assert_eq!(got, None);
            }
        }
    }

    #[test]
    fn a_sum_that_would_drop_a_sub_cent_decimal_is_refused() {
        // Rounding below the cent first could move the cent when rounded again.
        let fine = m("0.0000000000000000000000000001");
        assert_eq!(add(m("1"), fine), Some(m("1.0000000000000000000000000001")));
        assert_eq!(add(m("100"), fine), None);
    }
}
