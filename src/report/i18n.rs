//! The one catalogue of human-readable text, in English and French, and the number and
//! date formats of each language. JSON keys never go through here.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// The language of human text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// Every fixed piece of text a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Title,
    FocusYear,
    AsOf,
    PartialYear,
    Currency,
    NoCurrency,
    RevenuePerYear,
    Year,
    Revenue,
    ActiveClients,
    Change,
    RevenuePerClient,
    Client,
    Lifetime,
    Others,
    TopOf,
    Inputs,
    Rows,
    Used,
    Excluded,
    Rejected,
    NoRevenue,
}

pub fn text(lang: Lang, key: Text) -> &'static str {
    use Text::*;
    match (lang, key) {
        (Lang::En, Title) => "Client portfolio review",
        (Lang::Fr, Title) => "Revue du portefeuille clients",
        (Lang::En, FocusYear) => "focus year",
        (Lang::Fr, FocusYear) => "année étudiée",
        (Lang::En, AsOf) => "as of",
        (Lang::Fr, AsOf) => "au",
        (Lang::En, PartialYear) => "year not complete",
        (Lang::Fr, PartialYear) => "année incomplète",
        (Lang::En, Currency) => "currency",
        (Lang::Fr, Currency) => "devise",
        (Lang::En, NoCurrency) => "not named in the data",
        (Lang::Fr, NoCurrency) => "non précisée dans les données",
        (Lang::En, RevenuePerYear) => "Revenue per year",
        (Lang::Fr, RevenuePerYear) => "Chiffre d'affaires par année",
        (Lang::En, Year) => "Year",
        (Lang::Fr, Year) => "Année",
        (Lang::En, Revenue) => "Revenue",
        (Lang::Fr, Revenue) => "Chiffre d'affaires",
        (Lang::En, ActiveClients) => "Active clients",
        (Lang::Fr, ActiveClients) => "Clients actifs",
        (Lang::En, Change) => "Change",
        (Lang::Fr, Change) => "Évolution",
        (Lang::En, RevenuePerClient) => "Revenue per client",
        (Lang::Fr, RevenuePerClient) => "Chiffre d'affaires par client",
        (Lang::En, Client) => "Client",
        (Lang::Fr, Client) => "Client",
        (Lang::En, Lifetime) => "All years",
        (Lang::Fr, Lifetime) => "Toutes années",
        (Lang::En, Others) => "other clients",
        (Lang::Fr, Others) => "autres clients",
        (Lang::En, TopOf) => "largest first",
        (Lang::Fr, TopOf) => "les plus importants d'abord",
        (Lang::En, Inputs) => "Inputs",
        (Lang::Fr, Inputs) => "Fichiers lus",
        (Lang::En, Rows) => "rows",
        (Lang::Fr, Rows) => "lignes",
        (Lang::En, Used) => "used",
        (Lang::Fr, Used) => "retenues",
        (Lang::En, Excluded) => "excluded",
        (Lang::Fr, Excluded) => "exclues",
        (Lang::En, Rejected) => "rejected",
        (Lang::Fr, Rejected) => "rejetées",
        (Lang::En, NoRevenue) => "No counted revenue in the data.",
        (Lang::Fr, NoRevenue) => "Aucun chiffre d'affaires compté dans les données.",
    }
}

/// Rounds half away from zero to cents, as every displayed amount is.
pub fn cents(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// Groups the digits of an integer part by three.
fn group(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// `12,345.67` in English, `12 345,67` in French (narrow no-break space).
pub fn amount(lang: Lang, value: Decimal) -> String {
    let text = cents(value).to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, "00"));
    match lang {
        Lang::En => format!("{sign}{}.{frac_part}", group(int_part, ",")),
        Lang::Fr => format!("{sign}{},{frac_part}", group(int_part, "\u{202f}")),
    }
}

/// An amount with its currency: `12,345.67 EUR`, `12 345,67 €`.
pub fn money(lang: Lang, value: Decimal, currency: Option<&str>) -> String {
    let number = amount(lang, value);
    match (lang, currency) {
        (_, None) => number,
        (Lang::Fr, Some("EUR")) => format!("{number}\u{a0}€"),
        (Lang::Fr, Some(code)) => format!("{number}\u{a0}{code}"),
        (Lang::En, Some(code)) => format!("{number} {code}"),
    }
}

/// What separates a label from its value: `currency: EUR`, `devise : EUR`.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Fr => "\u{a0}: ",
    }
}

/// `2024-12-31` in English, `31/12/2024` in French.
pub fn date(lang: Lang, value: NaiveDate) -> String {
    match lang {
        Lang::En => value.format("%Y-%m-%d").to_string(),
        Lang::Fr => value.format("%d/%m/%Y").to_string(),
    }
}

/// A percentage with one decimal: `12.5 %` or `12,5 %`.
pub fn percent(lang: Lang, value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let mut rounded = rounded;
    rounded.rescale(1);
    match lang {
        Lang::En => format!("{rounded} %"),
        Lang::Fr => format!("{}\u{a0}%", rounded.to_string().replace('.', ",")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero_to_cents() {
        assert_eq!(cents(dec("2.005")).to_string(), "2.01");
        assert_eq!(cents(dec("-2.005")).to_string(), "-2.01");
        assert_eq!(cents(dec("2.004999")).to_string(), "2.00");
        assert_eq!(cents(dec("7")).to_string(), "7.00");
    }

    #[test]
    fn formats_numbers_per_language() {
        assert_eq!(amount(Lang::En, dec("12345.675")), "12,345.68");
        assert_eq!(amount(Lang::Fr, dec("12345.67")), "12\u{202f}345,67");
        assert_eq!(amount(Lang::En, dec("-1234567")), "-1,234,567.00");
        assert_eq!(amount(Lang::En, dec("999")), "999.00");
        assert_eq!(
            money(Lang::Fr, dec("12345.67"), Some("EUR")),
            "12\u{202f}345,67\u{a0}€"
        );
        assert_eq!(money(Lang::En, dec("5"), Some("USD")), "5.00 USD");
        assert_eq!(percent(Lang::Fr, dec("12.46")), "12,5\u{a0}%");
        let d = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(
            (date(Lang::En, d), date(Lang::Fr, d)),
            ("2024-12-31".into(), "31/12/2024".into())
        );
    }
}
