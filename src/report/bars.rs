//! Bar charts drawn with block characters, for shares in percent.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar `width` characters long at 100 %, to the nearest eighth of a character.
/// Negative shares draw nothing; shares above 100 % fill the width.
pub fn bar(share: Decimal, width: usize) -> String {
    let eighths_total = width * 8;
    // Clamped first, so the product below cannot overflow.
    let share = share.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    let eighths = (share * Decimal::from(eighths_total) / Decimal::ONE_HUNDRED)
        .round()
        .to_usize()
        .unwrap_or(0)
        .min(eighths_total);
    let mut out = "█".repeat(eighths / 8);
    if let Some(part) = EIGHTHS.get(eighths % 8).filter(|c| **c != ' ') {
        out.push(*part);
    }
    out
}

/// A table column of bars made by [`bar`]: an empty header and nothing but block
/// characters below it. Renderers that draw real charts, or lack the room, leave it out.
pub fn is_bar_column<'a>(header: &str, cells: impl IntoIterator<Item = &'a str>) -> bool {
    let blocks = |t: &str| t.chars().all(|c| ('\u{2580}'..='\u{259f}').contains(&c));
    header.is_empty() && cells.into_iter().all(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_round_to_eighths() {
        assert_eq!(bar(Decimal::ONE_HUNDRED, 4), "████");
        assert_eq!(bar(Decimal::from(50), 4), "██");
        // 40 % of 20 characters = 8 characters; 15 % = 3; 5 % = 1.
        assert_eq!(bar(Decimal::from(40), 20), "████████");
        assert_eq!(bar(Decimal::from(15), 20), "███");
        // 1 % of 20 characters = 1.6 eighths → 2 eighths.
        assert_eq!(bar(Decimal::ONE, 20), "▎");
        assert_eq!(bar(Decimal::from(-5), 20), "");
        assert_eq!(bar(Decimal::from(250), 4), "████");
    }
}
