//! Date parsing: every form exports write (ISO with or without time, `DD/MM/YYYY`,
//! `MM/DD/YYYY`, `DD.MM.YY`, `YYYYMMDD`, `12 janv. 2024`, `Jan 28 2021`…) and the
//! per-column choice between day-first and month-first.

use chrono::{NaiveDate, NaiveDateTime};

use crate::ingest::dialect::text::fold_words;

/// Dates outside these years are typing errors, not invoices.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

/// How a date column is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateFormat {
    /// `2024-12-31`, also `2024-12-31T10:00:00+02:00` or `2024-12-31 10:00`.
    Iso,
    /// `2024/12/31`.
    YearFirstSlash,
    /// `20241231` (the French FEC).
    Compact,
    /// `31/12/2024`, `31.12.24`, `31-12-2024`: the separator is kept for display.
    DayFirst(char),
    /// `12/31/2024`.
    MonthFirst(char),
    /// `12 janv. 2024`, `Jan 12, 2024`, `Jan 28 2021`, `12-Dec-2024`.
    MonthName,
    /// A chrono strftime pattern given with `--date-format`.
    Custom(String),
}

impl DateFormat {
    /// The same numeric format with day and month swapped.
    pub fn other_order(&self) -> Option<DateFormat> {
        match self {
            DateFormat::DayFirst(sep) => Some(DateFormat::MonthFirst(*sep)),
            DateFormat::MonthFirst(sep) => Some(DateFormat::DayFirst(*sep)),
            _ => None,
        }
    }

    pub fn is_day_first(&self) -> bool {
        matches!(self, DateFormat::DayFirst(_))
    }

    /// The strftime pattern a user would pass to `--date-format` for this format.
    pub fn label(&self) -> String {
        match self {
            DateFormat::Iso => "%Y-%m-%d".to_string(),
            DateFormat::YearFirstSlash => "%Y/%m/%d".to_string(),
            DateFormat::Compact => "%Y%m%d".to_string(),
            DateFormat::DayFirst(sep) => format!("%d{sep}%m{sep}%Y"),
            DateFormat::MonthFirst(sep) => format!("%m{sep}%d{sep}%Y"),
            DateFormat::MonthName => "month names (%d %b %Y or %b %d %Y)".to_string(),
            DateFormat::Custom(pattern) => pattern.clone(),
        }
    }

    /// Reads `--date-format`: a strftime pattern (`%d/%m/%Y`) or the common spelled-out
    /// form (`DD/MM/YYYY`, `yyyy-mm-dd`).
    pub fn from_user(text: &str) -> Result<DateFormat, String> {
        let pattern = if text.contains('%') {
            text.to_string()
        } else {
            spelled_to_strftime(text)?
        };
        use std::fmt::Write;
        let probe = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("calendar")?;
        let mut rendered = String::new();
        // A bad specifier makes chrono's formatter fail: write! reports it, to_string panics.
        let written = probe
            .and_hms_opt(0, 0, 0)
            .map(|at| write!(rendered, "{}", at.format(&pattern)).is_ok());
        match parse_custom(&rendered, &pattern) {
            Some(date) if date == probe && written == Some(true) => Ok(DateFormat::Custom(pattern)),
            _ => Err(format!(
                "{text:?} is not a date format: use strftime codes such as %d/%m/%Y or %Y-%m-%d"
            )),
        }
    }
}

fn spelled_to_strftime(text: &str) -> Result<String, String> {
    let mut out = String::new();
    let lower = text.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        let (token, code) = [
            ("yyyy", "%Y"),
            ("aaaa", "%Y"),
            ("yy", "%y"),
            ("aa", "%y"),
            ("mmm", "%b"),
            ("mm", "%m"),
            ("dd", "%d"),
            ("jj", "%d"),
        ]
        .into_iter()
        .find(|(token, _)| rest.starts_with(token))
        .unwrap_or(("", ""));
        if token.is_empty() {
            let c = rest.chars().next().ok_or("empty")?;
            if c.is_ascii_alphanumeric() {
                return Err(format!(
                    "{text:?} is not a date format: use %d/%m/%Y, %m/%d/%Y, %Y-%m-%d or DD/MM/YYYY"
                ));
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        } else {
            out.push_str(code);
            rest = &rest[token.len()..];
        }
    }
    Ok(out)
}

fn in_range(date: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    (FIRST_YEAR..=LAST_YEAR)
        .contains(&date.year())
        .then_some(date)
}

fn parse_custom(text: &str, pattern: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, pattern).ok().or_else(|| {
        NaiveDateTime::parse_from_str(text, pattern)
            .ok()
            .map(|dt| dt.date())
    })
}

fn number(text: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if !(min_len..=max_len).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A 2-digit year: 00–69 are 2000–2069, 70–99 are 1970–1999 (as strptime's `%y`).
fn year(text: &str) -> Option<i32> {
    match text.len() {
        4 => number(text, 4, 4).and_then(|y| i32::try_from(y).ok()),
        2 => number(text, 2, 2).map(|y| {
            if y < 70 {
                2000 + y as i32
            } else {
                1900 + y as i32
            }
        }),
        _ => None,
    }
}

/// The date part of a cell: what comes before a time (`T10:00`, ` 10:00:00`).
fn date_token(text: &str) -> &str {
    let text = text.trim();
    let end = text
        .find(|c: char| c == 'T' || c.is_whitespace())
        .unwrap_or(text.len());
    &text[..end]
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` (with `sep`), then an optional time.
fn parse_year_first(text: &str, sep: char) -> Option<NaiveDate> {
    let token = date_token(text);
    let mut parts = token.split(sep);
    let y = number(parts.next()?, 4, 4)?;
    let m = number(parts.next()?, 1, 2)?;
    let d = number(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

fn parse_compact(text: &str) -> Option<NaiveDate> {
    let token = date_token(text);
    if token.len() != 8 {
        return None;
    }
    let y = number(token.get(..4)?, 4, 4)?;
    let m = number(token.get(4..6)?, 2, 2)?;
    let d = number(token.get(6..)?, 2, 2)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The three numbers of `31/12/2024`, with the separator used.
fn numeric_parts(text: &str) -> Option<(u32, u32, &str, char)> {
    let token = text.split_whitespace().next()?;
    let sep = token.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = token.split(sep);
    let first = number(parts.next()?, 1, 2)?;
    let second = number(parts.next()?, 1, 2)?;
    let year_text = parts.next()?;
    if parts.next().is_some() || year(year_text).is_none() {
        return None;
    }
    Some((first, second, year_text, sep))
}

fn parse_numeric(text: &str, day_first: bool) -> Option<NaiveDate> {
    let (first, second, year_text, _) = numeric_parts(text)?;
    let (d, m) = if day_first {
        (first, second)
    } else {
        (second, first)
    };
    NaiveDate::from_ymd_opt(year(year_text)?, m, d)
}

fn month_number(word: &str) -> Option<u32> {
    let month = match word {
        "jan" | "janv" | "january" | "janvier" => 1,
        "feb" | "fev" | "fevr" | "february" | "fevrier" => 2,
        "mar" | "march" | "mars" => 3,
        "apr" | "avr" | "april" | "avril" => 4,
        "may" | "mai" => 5,
        "jun" | "june" | "juin" => 6,
        "jul" | "juil" | "july" | "juillet" => 7,
        "aug" | "aou" | "august" | "aout" => 8,
        "sep" | "sept" | "september" | "septembre" => 9,
        "oct" | "october" | "octobre" => 10,
        "nov" | "november" | "novembre" => 11,
        "dec" | "december" | "decembre" => 12,
        _ => return None,
    };
    Some(month)
}

fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "mon"
            | "monday"
            | "tue"
            | "tues"
            | "tuesday"
            | "wed"
            | "wednesday"
            | "thu"
            | "thur"
            | "thurs"
            | "thursday"
            | "fri"
            | "friday"
            | "sat"
            | "saturday"
            | "sun"
            | "sunday"
            | "lun"
            | "lundi"
            | "mardi"
            | "mer"
            | "mercredi"
            | "jeu"
            | "jeudi"
            | "ven"
            | "vendredi"
            | "sam"
            | "samedi"
            | "dim"
            | "dimanche"
    )
}

/// `12 janv. 2024`, `1er janvier 2024`, `Jan 12, 2024`, `Jan 28 2021`, `12-Dec-2024`,
/// `Mon, Jan 12, 2024 10:00 AM`.
fn parse_month_name(text: &str) -> Option<NaiveDate> {
    // Times (`10:00`) are cut before folding turns their colons into spaces.
    let without_time: Vec<&str> = text
        .split_whitespace()
        .take_while(|w| !w.contains(':'))
        .collect();
    let folded = fold_words(&without_time.join(" "));
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !is_weekday(w))
        .collect();
    let [a, b, c, rest @ ..] = words.as_slice() else {
        return None;
    };
    if rest.iter().any(|w| !matches!(*w, "am" | "pm")) {
        return None;
    }
    let day = |w: &str| number(w.strip_suffix("er").unwrap_or(w), 1, 2);
    let (d, m, y) = if let Some(m) = month_number(a) {
        (day(b)?, m, year(c)?)
    } else {
        (day(a)?, month_number(b)?, year(c)?)
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses `text` as `format`; unambiguous forms (ISO, `YYYY/MM/DD`, `YYYYMMDD`, month
/// names) are accepted in any column, day-first and month-first never swap.
pub fn parse_date(text: &str, format: &DateFormat) -> Option<NaiveDate> {
    let text = text.trim();
    let date = match format {
        DateFormat::Custom(pattern) => parse_custom(text, pattern),
        DateFormat::DayFirst(_) => parse_numeric(text, true),
        DateFormat::MonthFirst(_) => parse_numeric(text, false),
        _ => None,
    }
    .or_else(|| parse_year_first(text, '-'))
    .or_else(|| parse_year_first(text, '/'))
    .or_else(|| parse_compact(text))
    .or_else(|| parse_month_name(text))?;
    in_range(date)
}

/// The outcome of looking at a date column's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateGuess {
    pub format: DateFormat,
    /// True when every value read both ways (`03/04/2024`): the file's language chose,
    /// and the caller warns, naming `--date-format`.
    pub ambiguous: bool,
}

/// Chooses a column's format from its values: a first part above 12 makes it
/// day-first, a second part above 12 month-first; all ambiguous → day-first for a
/// French-looking file, else month-first.
pub fn guess_date_format<'a>(
    values: impl IntoIterator<Item = &'a str>,
    french: bool,
) -> Option<DateGuess> {
    let (mut iso, mut year_slash, mut compact, mut names) = (0usize, 0usize, 0usize, 0usize);
    let (mut numeric, mut day_first, mut month_first) = (0usize, 0usize, 0usize);
    let mut separators: Vec<(char, usize)> = Vec::new();
    for value in values {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        if parse_year_first(value, '-').is_some() {
            iso += 1;
        } else if parse_year_first(value, '/').is_some() {
            year_slash += 1;
        } else if parse_compact(value).is_some() {
            compact += 1;
        } else if let Some((first, second, _, sep)) = numeric_parts(value) {
            numeric += 1;
            if first > 12 {
                day_first += 1;
            }
            if second > 12 {
                month_first += 1;
            }
            match separators.iter_mut().find(|(c, _)| *c == sep) {
                Some((_, n)) => *n += 1,
                None => separators.push((sep, 1)),
            }
        } else if parse_month_name(value).is_some() {
            names += 1;
        }
    }
    let best = [iso, year_slash, compact, numeric, names]
        .into_iter()
        .max()
        .filter(|n| *n > 0)?;
    let guess = |format| DateGuess {
        format,
        ambiguous: false,
    };
    Some(if numeric == best {
        let sep = separators
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or('/', |(c, _)| *c);
        match (day_first > 0, month_first > 0) {
            (true, false) => guess(DateFormat::DayFirst(sep)),
            (false, true) => guess(DateFormat::MonthFirst(sep)),
            (true, true) if day_first >= month_first => guess(DateFormat::DayFirst(sep)),
            (true, true) => guess(DateFormat::MonthFirst(sep)),
            // Dotted dates (`31.12.2024`) are written day-first wherever they are used.
            (false, false) if sep == '.' => guess(DateFormat::DayFirst(sep)),
            (false, false) => DateGuess {
                format: if french {
                    DateFormat::DayFirst(sep)
                } else {
                    DateFormat::MonthFirst(sep)
                },
                ambiguous: true,
            },
        }
    } else if iso == best {
        guess(DateFormat::Iso)
    } else if year_slash == best {
        guess(DateFormat::YearFirstSlash)
    } else if compact == best {
        guess(DateFormat::Compact)
    } else {
        guess(DateFormat::MonthName)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[track_caller]
    fn parses(text: &str, format: DateFormat, expected: NaiveDate) {
        assert_eq!(
            parse_date(text, &format),
            Some(expected),
            "{text:?} as {format:?}"
        );
    }

    #[test]
    fn every_form_of_the_spec() {
        parses("2024-12-31", DateFormat::Iso, d(2024, 12, 31));
        parses("2021-01-28T11:04:09+00:00", DateFormat::Iso, d(2021, 1, 28));
        parses("2021-01-28 05:14:15", DateFormat::Iso, d(2021, 1, 28));
        parses("2024/12/31", DateFormat::YearFirstSlash, d(2024, 12, 31));
        parses("20241231", DateFormat::Compact, d(2024, 12, 31));
        parses("31/12/2024", DateFormat::DayFirst('/'), d(2024, 12, 31));
        parses("03/04/2024", DateFormat::DayFirst('/'), d(2024, 4, 3));
        parses("03/04/2024", DateFormat::MonthFirst('/'), d(2024, 3, 4));
        parses("2/29/2020", DateFormat::MonthFirst('/'), d(2020, 2, 29));
        parses("31.12.2024", DateFormat::DayFirst('.'), d(2024, 12, 31));
        parses("31-12-2024", DateFormat::DayFirst('-'), d(2024, 12, 31));
        parses("31/12/24", DateFormat::DayFirst('/'), d(2024, 12, 31));
        parses("01/02/99", DateFormat::DayFirst('/'), d(1999, 2, 1));
        parses(
            "31/12/2024 18:30",
            DateFormat::DayFirst('/'),
            d(2024, 12, 31),
        );
        parses("12 janv. 2024", DateFormat::MonthName, d(2024, 1, 12));
        parses("1er février 2024", DateFormat::MonthName, d(2024, 2, 1));
        parses("15 août 2023", DateFormat::MonthName, d(2023, 8, 15));
        parses("Jan 12, 2024", DateFormat::MonthName, d(2024, 1, 12));
        parses("Jan 28 2021", DateFormat::MonthName, d(2021, 1, 28));
        parses("12-Dec-2024", DateFormat::MonthName, d(2024, 12, 12));
        parses(
            "Mon, Jan 12, 2026 10:00 AM",
            DateFormat::MonthName,
            d(2026, 1, 12),
        );
        parses("December 3, 2024", DateFormat::MonthName, d(2024, 12, 3));
        // Unambiguous forms are read in any column.
        parses("2024-12-31", DateFormat::DayFirst('/'), d(2024, 12, 31));
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        let day_first = DateFormat::DayFirst('/');
        assert_eq!(parse_date("31/02/2024", &day_first), None);
        assert_eq!(parse_date("13/31/2024", &day_first), None);
        assert_eq!(parse_date("12/31/2024", &day_first), None, "never swapped");
        assert_eq!(parse_date("2024-02-30", &DateFormat::Iso), None);
        assert_eq!(parse_date("0001-01-01", &DateFormat::Iso), None);
        assert_eq!(parse_date("9999-12-31", &DateFormat::Iso), None);
        assert_eq!(parse_date("", &DateFormat::Iso), None);
        assert_eq!(parse_date("yesterday", &DateFormat::Iso), None);
        assert_eq!(parse_date("1/2/324", &day_first), None);
        assert_eq!(parse_date("32 janv. 2024", &DateFormat::MonthName), None);
    }

    #[test]
    fn custom_formats() {
        let f = DateFormat::from_user("%d/%m/%Y").unwrap();
        parses("05/01/2024", f, d(2024, 1, 5));
        let f = DateFormat::from_user("DD.MM.YYYY").unwrap();
        assert_eq!(f, DateFormat::Custom("%d.%m.%Y".into()));
        let f = DateFormat::from_user("%Y-%m-%dT%H:%M:%S").unwrap();
        parses("2024-01-05T10:11:12", f, d(2024, 1, 5));
        assert!(DateFormat::from_user("%Q").is_err());
        assert!(DateFormat::from_user("banana").is_err());
    }

    #[test]
    fn guesses_day_or_month_first() {
        let g = guess_date_format(["01/02/2024", "25/02/2024"], false).unwrap();
        assert_eq!(
            g,
            DateGuess {
                format: DateFormat::DayFirst('/'),
                ambiguous: false
            }
        );
        let g = guess_date_format(["01/02/2024", "02/25/2024"], true).unwrap();
        assert_eq!(
            g,
            DateGuess {
                format: DateFormat::MonthFirst('/'),
                ambiguous: false
            }
        );
        let g = guess_date_format(["01/02/2024", "03/04/2024"], true).unwrap();
        assert_eq!(
            g,
            DateGuess {
                format: DateFormat::DayFirst('/'),
                ambiguous: true
            }
        );
        let g = guess_date_format(["01/02/2024"], false).unwrap();
        assert_eq!(
            g,
            DateGuess {
                format: DateFormat::MonthFirst('/'),
                ambiguous: true
            }
        );
        let g = guess_date_format(["2024-01-02", "2024-01-03"], true).unwrap();
        assert_eq!(g.format, DateFormat::Iso);
        let g = guess_date_format(["Jan 28 2021"], false).unwrap();
        assert_eq!(g.format, DateFormat::MonthName);
        assert_eq!(guess_date_format(["", "n/a"], false), None);
    }
}
