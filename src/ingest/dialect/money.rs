//! Amount parsing: text as exports write it (`1 234,56 €`, `$-142.85`, `(12)`, `'-100`,
//! `CHF 1'234.50`) to an exact `Decimal`, and the per-column decimal-separator guess.
//! Never goes through floating point.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::quality::AmountError;

/// An amount read from a cell, with the currency it carried, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAmount {
    pub value: Decimal,
    pub currency: Option<String>,
}

/// The decimal separator of an amount column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecimalSeparator {
    Dot,
    Comma,
}

impl DecimalSeparator {
    pub fn as_char(self) -> char {
        match self {
            DecimalSeparator::Dot => '.',
            DecimalSeparator::Comma => ',',
        }
    }

    pub fn from_char(c: char) -> Option<Self> {
        match c {
            '.' => Some(DecimalSeparator::Dot),
            ',' => Some(DecimalSeparator::Comma),
            _ => None,
        }
    }

    fn other(self) -> char {
        match self {
            DecimalSeparator::Dot => ',',
            DecimalSeparator::Comma => '.',
        }
    }
}

/// The outcome of looking at a column's values for its decimal separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecimalGuess {
    pub separator: DecimalSeparator,
    /// True when no value decided it (only values like `1,234`), so the file's
    /// language chose; the caller warns and names `--decimal`.
    pub ambiguous: bool,
    /// True when values disagreed; the majority won.
    pub conflicting: bool,
}

const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₪", "ILS"),
    ("$", "USD"),
];

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Strips signs, brackets, currency signs and codes around the number.
/// Returns the bare number text, whether it is negative, and the currency named.
fn strip_decorations(raw: &str) -> Result<(&str, bool, Option<String>), AmountError> {
    let mut body = raw.trim();
    // A spreadsheet guard: `'-100` was typed so the cell stays text.
    body = body.strip_prefix('\'').unwrap_or(body).trim();
    let mut minus_signs = 0u8;
    let mut currency: Option<String> = None;
    loop {
        if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
            minus_signs += 1;
            body = inner.trim();
        } else if let Some(rest) = body
            .strip_prefix('-')
            .or_else(|| body.strip_prefix('\u{2212}'))
        {
            minus_signs += 1;
            body = rest.trim();
        } else if let Some(rest) = body.strip_prefix('+') {
            body = rest.trim();
        } else if let Some(rest) = whole_units(body) {
            // `100,-`, `CHF 1'500.-`: the dash stands for "no cents", not a sign.
            body = rest;
        } else if let Some(rest) = body
            .strip_suffix('-')
            .or_else(|| body.strip_suffix('\u{2212}'))
        {
            minus_signs += 1;
            body = rest.trim();
        } else if let Some((code, rest)) = strip_currency(body) {
            if currency.is_some() {
                return Err(AmountError::UnexpectedCharacter(
                    body.chars().next().unwrap_or(' '),
                ));
            }
            currency = Some(code);
            body = rest.trim();
        } else {
            break;
        }
    }
    if minus_signs > 1 {
        return Err(AmountError::TwoSigns);
    }
    Ok((body, minus_signs == 1, currency))
}

/// The number of a whole-unit amount (`100,-`, `1.500,-`, `1'500.-`: German, Dutch and
/// Swiss writing), without its separator and dash; `None` for anything else.
fn whole_units(body: &str) -> Option<&str> {
    let number = body
        .strip_suffix('-')
        .or_else(|| body.strip_suffix('\u{2212}'))?
        .trim_end();
    let number = number
        .strip_suffix('.')
        .or_else(|| number.strip_suffix(','))?;
    number
        .ends_with(|c: char| c.is_ascii_digit())
        .then_some(number)
}

/// Removes one currency sign or three-letter code at either end of `body`.
fn strip_currency(body: &str) -> Option<(String, &str)> {
    for (symbol, code) in CURRENCY_SYMBOLS {
        if let Some(rest) = body.strip_prefix(symbol) {
            return Some((code.to_string(), rest));
        }
        if let Some(rest) = body.strip_suffix(symbol) {
            return Some((code.to_string(), rest));
        }
    }
    let is_code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic());
    if let Some(code) = body.get(..3).filter(|c| is_code(c)) {
        let rest = &body[3..];
        if rest.is_empty() || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Some((code.to_ascii_uppercase(), rest));
        }
    }
    if body.len() >= 3 {
        let split = body.len() - 3;
        if let (Some(code), Some(rest)) = (body.get(split..), body.get(..split)) {
            if is_code(code) && !rest.ends_with(|c: char| c.is_ascii_alphabetic()) {
                return Some((code.to_ascii_uppercase(), rest));
            }
        }
    }
    None
}

/// The ISO code a currency cell means: `€`, `Euro`, `euros` → `EUR`, `$` → `USD`, `usd`
/// → `USD`. Anything else is kept upper-cased, so it shows as its own currency.
pub fn currency_code(text: &str) -> String {
    let text = text.trim();
    if let Some((_, code)) = CURRENCY_SYMBOLS.iter().find(|(symbol, _)| *symbol == text) {
        return code.to_string();
    }
    let upper = text.to_uppercase();
    match upper.as_str() {
        "EURO" | "EUROS" => "EUR".to_string(),
        "DOLLAR" | "DOLLARS" | "US DOLLAR" | "US DOLLARS" => "USD".to_string(),
        "POUND" | "POUNDS" | "LIVRE" | "LIVRES" => "GBP".to_string(),
        "FRANC SUISSE" | "FRANCS SUISSES" | "FR." | "SFR" => "CHF".to_string(),
        _ => upper,
    }
}

/// What one value says about its column's decimal separator.
fn evidence(raw: &str) -> Option<(DecimalSeparator, bool)> {
    let (body, _, _) = strip_decorations(raw).ok()?;
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some((
            if d > c {
                DecimalSeparator::Dot
            } else {
                DecimalSeparator::Comma
            },
            true,
        )),
        (Some(pos), None) | (None, Some(pos)) => {
            let sep = if last_dot.is_some() { '.' } else { ',' };
            let this = DecimalSeparator::from_char(sep)?;
            if body.matches(sep).count() > 1 {
                // `1.234.567`: repeated, so a thousands separator.
                let other = DecimalSeparator::from_char(this.other())?;
                return Some((other, true));
            }
            let before = &body[..pos];
            let after = &body[pos + 1..];
            let digits_after = after.chars().filter(char::is_ascii_digit).count();
            let grouped_before = before.contains(|c: char| is_group_space(c) || c == '\'');
            let leading_zero = before.trim().is_empty() || before.trim() == "0";
            if digits_after != 3 || leading_zero || grouped_before {
                Some((this, true))
            } else {
                Some((this, false))
            }
        }
        (None, None) => None,
    }
}

/// Guesses a column's decimal separator from its values. `french` says whether the file
/// looks French (`;`, French headers), which decides values like `1,234` alone.
pub fn guess_decimal<'a>(values: impl IntoIterator<Item = &'a str>, french: bool) -> DecimalGuess {
    let (mut dot, mut comma, mut undecided) = (0usize, 0usize, 0usize);
    for value in values {
        match evidence(value) {
            Some((DecimalSeparator::Dot, true)) => dot += 1,
            Some((DecimalSeparator::Comma, true)) => comma += 1,
            Some((_, false)) => undecided += 1,
            None => {}
        }
    }
    let fallback = if french {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Dot
    };
    match (dot, comma) {
        (0, 0) => DecimalGuess {
            separator: fallback,
            ambiguous: undecided > 0,
            conflicting: false,
        },
        (d, c) => DecimalGuess {
            separator: if c > d {
                DecimalSeparator::Comma
            } else {
                DecimalSeparator::Dot
            },
            ambiguous: false,
            conflicting: d > 0 && c > 0,
        },
    }
}

/// Parses one amount cell with its column's decimal separator.
pub fn parse_amount(raw: &str, decimal: DecimalSeparator) -> Result<ParsedAmount, AmountError> {
    match plain_amount(raw.as_bytes(), decimal.as_char()) {
        Some(value) => Ok(ParsedAmount {
            value,
            currency: None,
        }),
        None => parse_any_amount(raw, decimal),
    }
}

/// Every form of amount [`parse_amount`] takes, the slow way.
fn parse_any_amount(raw: &str, decimal: DecimalSeparator) -> Result<ParsedAmount, AmountError> {
    if raw.trim().is_empty() {
        return Err(AmountError::Empty);
    }
    let lowered = raw.trim().to_ascii_lowercase();
    let unsigned = lowered.trim_start_matches(['-', '+']);
    if matches!(unsigned, "nan" | "inf" | "infinity" | "#num!" | "#value!") {
        return Err(AmountError::NotANumber);
    }
    let (body, negative, currency) = strip_decorations(raw)?;
    let dec = decimal.as_char();
    let (int_part, frac_part) = match body.find(dec) {
        Some(pos) => (&body[..pos], Some(&body[pos + dec.len_utf8()..])),
        None => (body, None),
    };
    let mut digits = String::with_capacity(body.len() + 2);
    push_grouped_integer(int_part, decimal.other(), &mut digits)?;
    if let Some(frac) = frac_part {
        if let Some(c) = frac.chars().find(|c| !c.is_ascii_digit()) {
            return Err(classify(c));
        }
        if frac.len() > 28 {
            return Err(AmountError::TooPrecise);
        }
        if !frac.is_empty() {
            digits.push('.');
            digits.push_str(frac);
        }
    }
    if !digits.bytes().any(|b| b.is_ascii_digit()) {
        return Err(AmountError::NoDigits);
    }
    let significant = digits.trim_start_matches(['0', '.']).len();
    if significant > 29 {
        return Err(AmountError::TooLarge);
    }
    if digits.starts_with('.') {
        digits.insert(0, '0');
    }
    let mut value = Decimal::from_str_exact(&digits).map_err(|_| AmountError::TooLarge)?;
    // `(0)` and `-0` are zero: a negated zero would print as `-0.00`.
    if negative && !value.is_zero() {
        value = -value;
    }
    Ok(ParsedAmount { value, currency })
}

/// The common case read fast: `-?digits(sep digits)?`, at most 18 digits, nothing
/// else. Gives the very value (and scale) the general reading gives.
fn plain_amount(bytes: &[u8], separator: char) -> Option<Decimal> {
    let (negative, body) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if body.is_empty() || body.len() > 19 {
        return None;
    }
    let separator = u8::try_from(separator).ok()?;
    let mut mantissa: i64 = 0;
    let mut scale = None;
    for (i, &byte) in body.iter().enumerate() {
        match byte {
            // Nineteen digits may pass `i64`: those go the general way.
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i64::from(byte - b'0'))?;
            }
            _ if byte == separator && scale.is_none() && i > 0 && i + 1 < body.len() => {
                scale = Some((body.len() - i - 1) as u32);
            }
            _ => return None,
        }
    }
    let value = Decimal::new(mantissa, scale.unwrap_or(0));
    Some(if negative && mantissa != 0 {
        -value
    } else {
        value
    })
}

fn classify(c: char) -> AmountError {
    match c {
        'e' | 'E' => AmountError::Scientific,
        '.' | ',' => AmountError::Grouping,
        _ => AmountError::UnexpectedCharacter(c),
    }
}

/// Appends the integer digits of `text` to `out`, checking that any thousands separators
/// (`group`, spaces, `'`) cut it in groups of three: `12.50` in a decimal-comma column
/// is an error, never 1250.
fn push_grouped_integer(text: &str, group: char, out: &mut String) -> Result<(), AmountError> {
    let is_separator = |c: char| c == group || c == '\'' || is_group_space(c);
    if !text.contains(is_separator) {
        if let Some(c) = text.chars().find(|c| !c.is_ascii_digit()) {
            return Err(classify(c));
        }
        out.push_str(text);
        return Ok(());
    }
    let mut separator_used: Option<char> = None;
    for (i, chunk) in text.split(is_separator).enumerate() {
        if let Some(c) = chunk.chars().find(|c| !c.is_ascii_digit()) {
            return Err(classify(c));
        }
        let ok = if i == 0 {
            (1..=3).contains(&chunk.len())
        } else {
            chunk.len() == 3
        };
        if !ok {
            return Err(AmountError::Grouping);
        }
        out.push_str(chunk);
    }
    // One kind of separator per number (`1 234.567,00` mixes two).
    for c in text.chars().filter(|c| is_separator(*c)) {
        let class = if is_group_space(c) { ' ' } else { c };
        match separator_used {
            None => separator_used = Some(class),
            Some(used) if used != class => return Err(AmountError::Grouping),
            Some(_) => {}
        }
    }
    Ok(())
}

impl FromStr for DecimalSeparator {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "." | "dot" | "point" => Ok(DecimalSeparator::Dot),
            "," | "comma" | "virgule" => Ok(DecimalSeparator::Comma),
            _ => Err(format!("expected '.' or ',', got {s:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_reads_as_the_general_one() {
        for (text, decimal) in [
            ("1234.56", DecimalSeparator::Dot),
            ("-0.00", DecimalSeparator::Dot),
            ("007", DecimalSeparator::Dot),
            ("12,5", DecimalSeparator::Comma),
            ("-999999999999999.999", DecimalSeparator::Dot),
            ("1.000", DecimalSeparator::Dot),
            ("9223372036854775807", DecimalSeparator::Dot),
        ] {
            let fast = plain_amount(text.as_bytes(), decimal.as_char()).unwrap();
            let general = parse_any_amount(text, decimal).unwrap().value;
            assert_eq!(fast, general, "{text}");
            assert_eq!(fast.scale(), general.scale(), "{text}");
            assert_eq!(fast.to_string(), general.to_string(), "{text}");
        }
        for text in ["12.", ".5", "1.2.3", "1,234.5", "+1", "1e3", "", "-", "12 "] {
            assert_eq!(plain_amount(text.as_bytes(), '.'), None, "{text}");
        }
        assert_eq!(plain_amount(b"12.50", ','), None, "a dot in a comma column");
        // Past `i64`, the general reading gives the amount (found by the fuzzer: the
        // fast path used to wrap around).
        for text in [
            "9981568499889134054",
            "-9981568499889134054",
            "9223372036854775808",
        ] {
            assert_eq!(plain_amount(text.as_bytes(), '.'), None, "{text}");
            let parsed = parse_amount(text, DecimalSeparator::Dot).unwrap().value;
            assert_eq!(parsed.to_string(), text);
        }
    }
    use DecimalSeparator::{Comma, Dot};

    #[track_caller]
    fn ok(raw: &str, sep: DecimalSeparator, expected: &str, currency: Option<&str>) {
        let parsed = parse_amount(raw, sep).unwrap_or_else(|e| panic!("{raw:?}: {e:?}"));
        assert_eq!(
            parsed.value,
            Decimal::from_str_exact(expected).unwrap(),
            "{raw:?}"
        );
        assert_eq!(parsed.currency.as_deref(), currency, "{raw:?}");
    }

    #[track_caller]
    fn bad(raw: &str, sep: DecimalSeparator, expected: AmountError) {
        assert_eq!(parse_amount(raw, sep), Err(expected), "{raw:?}");
    }

    #[test]
    fn plain_and_grouped_numbers() {
        ok("1234.5", Dot, "1234.5", None);
        ok("1,234.56", Dot, "1234.56", None);
        ok("1 234,56", Comma, "1234.56", None);
        ok("1.234,56", Comma, "1234.56", None);
        ok("1\u{a0}234,56", Comma, "1234.56", None);
        ok("1\u{202f}234\u{202f}567,01", Comma, "1234567.01", None);
        ok("1'234.50", Dot, "1234.50", None);
        ok("12,5", Comma, "12.5", None);
        ok(".50", Dot, "0.50", None);
        ok("0", Dot, "0", None);
        ok("10.00000000", Dot, "10", None);
    }

    #[test]
    fn currencies_and_negatives() {
        ok("$13.50 ", Dot, "13.50", Some("USD"));
        ok("$-142.85", Dot, "-142.85", Some("USD"));
        ok("-$142.85", Dot, "-142.85", Some("USD"));
        ok("1 234,56 €", Comma, "1234.56", Some("EUR"));
        ok("€12", Dot, "12", Some("EUR"));
        ok("EUR 12.00", Dot, "12.00", Some("EUR"));
        ok("12.00 eur", Dot, "12.00", Some("EUR"));
        ok("CHF 1'234.50", Dot, "1234.50", Some("CHF"));
        ok("£7", Dot, "7", Some("GBP"));
        ok("-12", Dot, "-12", None);
        ok("12-", Dot, "-12", None);
        ok("(12)", Dot, "-12", None);
        ok("(1 234,50 €)", Comma, "-1234.50", Some("EUR"));
        ok("'-100", Dot, "-100", None);
        ok("\u{2212}5", Dot, "-5", None);
        ok("+5", Dot, "5", None);
    }

    #[test]
    fn whole_unit_dash_is_not_a_sign() {
        ok("100,-", Comma, "100", None);
        ok("100.-", Dot, "100", None);
        ok("100,-", Dot, "100", None);
        ok("1.500,-", Comma, "1500", None);
        ok("CHF 1'500.-", Dot, "1500", Some("CHF"));
        ok("1 500,- €", Comma, "1500", Some("EUR"));
        ok("-100,-", Comma, "-100", None);
        ok("(100,-)", Comma, "-100", None);
        // A trailing minus without a separator before it is still a sign.
        ok("100-", Dot, "-100", None);
        ok("1.50-", Dot, "-1.50", None);
        bad(",-", Comma, AmountError::NoDigits);
    }

    #[test]
    fn negative_zero_is_zero() {
        for (raw, sep) in [
            ("(0)", Dot),
            ("-0", Dot),
            ("-0.00", Dot),
            ("(0,00 €)", Comma),
            ("0-", Dot),
        ] {
            let value = parse_amount(raw, sep).unwrap().value;
            assert!(value.is_zero() && !value.is_sign_negative(), "{raw:?}");
            assert!(!value.to_string().starts_with('-'), "{raw:?}: {value}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_exact_amount() {
        bad("", Dot, AmountError::Empty);
        bad("   ", Dot, AmountError::Empty);
        bad("abc", Dot, AmountError::NoDigits);
        bad("NaN", Dot, AmountError::NotANumber);
        bad("-inf", Dot, AmountError::NotANumber);
        bad("1e308", Dot, AmountError::Scientific);
        bad("1.5E+03", Dot, AmountError::Scientific);
        bad("12.50", Comma, AmountError::Grouping);
        bad("1,23", Dot, AmountError::Grouping);
        bad("1.2.3", Dot, AmountError::Grouping);
        bad("1 234.567,00", Comma, AmountError::Grouping);
        bad("--12", Dot, AmountError::TwoSigns);
        bad("(12)-", Dot, AmountError::TwoSigns);
        bad("12 apples", Dot, AmountError::UnexpectedCharacter('a'));
        bad(
            "0.123456789012345678901234567890",
            Dot,
            AmountError::TooPrecise,
        );
        bad("123456789012345678901234567890", Dot, AmountError::TooLarge);
    }

    #[test]
    fn largest_decimal_is_accepted() {
        ok(
            "79228162514264337593543950335",
            Dot,
            "79228162514264337593543950335",
            None,
        );
        bad("79228162514264337593543950336", Dot, AmountError::TooLarge);
    }

    #[test]
    fn currency_cells_become_codes() {
        assert_eq!(currency_code(" € "), "EUR");
        assert_eq!(currency_code("Euros"), "EUR");
        assert_eq!(currency_code("usd"), "USD");
        assert_eq!(currency_code("$"), "USD");
        assert_eq!(currency_code("CHF"), "CHF");
        assert_eq!(currency_code("Zorkmid"), "ZORKMID");
    }

    #[test]
    fn guesses_the_decimal_separator_per_column() {
        let g = guess_decimal(["12,50", "1 200,00", "3"], false);
        assert_eq!((g.separator, g.ambiguous), (Comma, false));
        let g = guess_decimal(["1,020.00"], true);
        assert_eq!((g.separator, g.ambiguous), (Dot, false));
        let g = guess_decimal(["1.234.567"], false);
        assert_eq!(g.separator, Comma);
        let g = guess_decimal(["1,234", "5,000"], false);
        assert_eq!((g.separator, g.ambiguous), (Dot, true));
        let g = guess_decimal(["1,234"], true);
        assert_eq!((g.separator, g.ambiguous), (Comma, true));
        let g = guess_decimal(["0,500"], false);
        assert_eq!((g.separator, g.ambiguous), (Comma, false));
        let g = guess_decimal(["12", "40"], true);
        assert_eq!((g.separator, g.ambiguous), (Comma, false));
        let g = guess_decimal(["1.5", "2,5", "3.5"], false);
        assert_eq!((g.separator, g.conflicting), (Dot, true));
    }
}
