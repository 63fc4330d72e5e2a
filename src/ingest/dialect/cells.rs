//! Parsing one amount or date cell with its column's format, and what was wrong when
//! it fails: the value, its column and the format expected.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::ingest::dialect::dates::{parse_date, DateFormat};
use crate::ingest::dialect::money::{parse_amount, DecimalSeparator, ParsedAmount};
use crate::ingest::dialect::text::fold_words;
use crate::model::quality::Problem;

/// A column's formats, decided once per file.
#[derive(Clone, Debug)]
pub struct CellFormats {
    pub decimal: DecimalSeparator,
    pub date_format: DateFormat,
    /// Every date of the sample read both day-first and month-first: the order was a
    /// guess, which a later date may confirm or contradict (SPEC 2.1).
    pub date_order_guessed: bool,
    /// The guess was day-first because the file is clearly French (`;`, French
    /// headers): the norm there, so it is not worth a warning.
    pub day_first_as_french: bool,
}

impl CellFormats {
    /// The other reading of a day/month date (`%d/%m/%Y` ↔ `%m/%d/%Y`), when the order
    /// was guessed and `text` reads only that way: the guess was wrong.
    pub fn contradicting_order(&self, text: &str) -> Option<DateFormat> {
        if !self.date_order_guessed {
            return None;
        }
        let other = self.date_format.other_order()?;
        parse_date(text, &other).map(|_| other)
    }

    pub fn amount(&self, text: &str, header: &str) -> Result<ParsedAmount, Problem> {
        parse_amount(text, self.decimal).map_err(|why| Problem::BadAmount {
            value: text.to_string(),
            column: header.to_string(),
            why,
            decimal: self.decimal.as_char(),
        })
    }

    /// An amount where an empty cell means zero (debit/credit columns).
    pub fn amount_or_zero(&self, text: &str, header: &str) -> Result<Decimal, Problem> {
        if text.trim().is_empty() {
            return Ok(Decimal::ZERO);
        }
        self.amount(text, header).map(|a| a.value)
    }

    pub fn date(&self, text: &str, header: &str) -> Result<NaiveDate, Problem> {
        parse_date(text, &self.date_format).ok_or_else(|| Problem::BadDate {
            value: text.to_string(),
            column: header.to_string(),
            format: self.date_format.label(),
        })
    }
}

/// Whether a cell reads as the label of a total or subtotal line.
pub fn is_total_label(text: &str) -> bool {
    let word = fold_words(text);
    matches!(
        word.as_str(),
        "total"
            | "totals"
            | "totaux"
            | "grand total"
            | "sous total"
            | "subtotal"
            | "sub total"
            | "total general"
            | "somme"
            | "sum"
            | "total ht"
            | "total ttc"
    ) || word.starts_with("total ")
}
