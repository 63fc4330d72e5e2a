//! Exchange rates into the base currency: `currency,rate` or `currency,rate,year` lines,
//! with or without a header, in any dialect the invoices may use.

use std::collections::HashMap;
use std::io::Read;

use csv::ByteRecord;
use rust_decimal::Decimal;

use crate::ingest::dialect::money::{guess_decimal, parse_amount};
use crate::ingest::dialect::reader::{CsvTable, ReaderOptions};
use crate::ingest::dialect::text::fold_words;
use crate::ingest::error::IngestError;
use crate::model::quality::AmountError;

/// Why a rates file cannot be read, at a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatesProblem {
    /// No line has a currency and a rate.
    NoRates,
    /// The first cell is not a three-letter code.
    NotACurrency(String),
    /// The rate cell is not an amount.
    BadRate { text: String, why: AmountError },
    /// A rate of zero or below.
    NotPositive(String),
    /// The third cell is not a year.
    BadYear(String),
    /// Two lines give the same currency (and year) different rates.
    SecondRate {
        currency: String,
        year: Option<i32>,
        rate: Decimal,
        earlier: Decimal,
        first_line: u64,
    },
}

/// Rates per currency, optionally per calendar year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rates {
    default: HashMap<String, Decimal>,
    by_year: HashMap<(String, i32), Decimal>,
}

impl Rates {
    /// The rate of `currency` in `year`: `Ok(None)` when the file does not name the
    /// currency at all, `Err(())` when it has rates for it but not for that year.
    #[allow(clippy::result_unit_err)]
    pub fn rate(&self, currency: &str, year: i32) -> Result<Option<Decimal>, ()> {
        if let Some(rate) = self.by_year.get(&(currency.to_string(), year)) {
            return Ok(Some(*rate));
        }
        if let Some(rate) = self.default.get(currency) {
            return Ok(Some(*rate));
        }
        if self.by_year.keys().any(|(c, _)| c == currency) {
            return Err(());
        }
        Ok(None)
    }

    pub fn read(file: &str, input: Box<dyn Read>) -> Result<Rates, IngestError> {
        let bad = |line, problem: RatesProblem| IngestError::BadRates {
            file: file.to_string(),
            line,
            problem,
        };
        let table = CsvTable::open(file, input, ReaderOptions::default(), |cells| {
            cells.iter().filter(|c| !c.is_empty()).count() >= 2
        })?;
        let mut table = table.map_err(|_| bad(1, RatesProblem::NoRates))?;
        let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
        // The first row is data unless its rate cell has no digit (a header).
        let first = table.headers.clone();
        if first
            .get(1)
            .is_some_and(|c| c.chars().any(|ch| ch.is_ascii_digit()))
        {
            rows.push((table.header_line, first));
        }
        let mut record = ByteRecord::new();
        while let Some(line) = table.next_row(&mut record)? {
            let cells = (0..record.len())
                .map(|i| table.cell(&record, Some(i), line).into_owned())
                .collect();
            rows.push((line, cells));
        }
        let french = table.delimiter == b';';
        let decimal = guess_decimal(
            rows.iter()
                .filter_map(|(_, c)| c.get(1).map(String::as_str)),
            french,
        );
        let mut rates = Rates::default();
        // The line each rate was read on, to name both of two that disagree.
        let mut seen: HashMap<(String, Option<i32>), (Decimal, u64)> = HashMap::new();
        for (line, cells) in rows {
            let currency = cells
                .first()
                .map(|c| c.trim().to_ascii_uppercase())
                .unwrap_or_default();
            if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(bad(line, RatesProblem::NotACurrency(currency)));
            }
            let rate_text = cells.get(1).map(String::as_str).unwrap_or_default();
            let rate = parse_amount(rate_text, decimal.separator)
                .map_err(|why| {
                    let text = rate_text.to_string();
                    bad(line, RatesProblem::BadRate { text, why })
                })?
                .value;
            if rate <= Decimal::ZERO {
                return Err(bad(line, RatesProblem::NotPositive(rate_text.to_string())));
            }
            let year = match cells.get(2).filter(|y| !fold_words(y).is_empty()) {
                Some(year_text) => {
                    Some(fold_words(year_text).parse::<i32>().map_err(|_| {
                        bad(line, RatesProblem::BadYear(year_text.trim().to_string()))
                    })?)
                }
                None => None,
            };
            match seen.insert((currency.clone(), year), (rate, line)) {
                Some((earlier, first_line)) if earlier != rate => {
                    let second = RatesProblem::SecondRate {
                        currency,
                        year,
                        rate,
                        earlier,
                        first_line,
                    };
                    return Err(bad(line, second));
                }
                _ => {}
            }
            match year {
                Some(year) => {
                    rates.by_year.insert((currency, year), rate);
                }
                None => {
                    rates.default.insert(currency, rate);
                }
            }
        }
        Ok(rates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read(text: &str) -> Result<Rates, IngestError> {
        Rates::read("rates.csv", Box::new(Cursor::new(text.as_bytes().to_vec())))
    }

    #[test]
    fn rates_per_currency_and_year() {
        let rates = read("currency,rate,year\nILS,0.25\nUSD,0.9,2023\nUSD,0.95,2024\n").unwrap();
        assert_eq!(rates.rate("ILS", 2020), Ok(Some(Decimal::new(25, 2))));
        assert_eq!(rates.rate("USD", 2024), Ok(Some(Decimal::new(95, 2))));
        assert_eq!(rates.rate("USD", 2022), Err(()));
        assert_eq!(rates.rate("GBP", 2022), Ok(None));
        let rates = read("USD;0,92\n").unwrap();
        assert_eq!(rates.rate("USD", 2024), Ok(Some(Decimal::new(92, 2))));
    }

    #[test]
    fn bad_rates_name_the_line() {
        let e = read("currency,rate\nUSD,abc\n").unwrap_err().to_string();
        assert!(e.contains("rates.csv:2"), "{e}");
        let e = read("USD,0\n").unwrap_err().to_string();
        assert!(e.contains("above zero"), "{e}");
    }

    #[test]
    fn two_rates_for_one_currency_and_year_name_both_lines() {
        let e = read("currency,rate,year\nUSD,0.9,2024\nGBP,1.1\nUSD,0.95,2024\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("rates.csv:4"), "{e}");
        assert!(
            e.contains("a second rate for USD in 2024: 0.95 here, 0.9 on line 2"),
            "{e}"
        );
        let e = read("USD,0.9\nUSD,0.91\n").unwrap_err().to_string();
        assert!(
            e.contains("rates.csv:2: a second rate for USD: 0.91 here, 0.9 on line 1"),
            "{e}"
        );
        // The same rate twice, or one per year, is no conflict.
        assert!(read("USD,0.9\nUSD,0.90\nUSD,0.95,2024\n").is_ok());
    }
}
