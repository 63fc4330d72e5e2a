//! The optional clients file (channel, referrer, type, NPS score, thanked) and the
//! surveys file (many scored answers per client).

use chrono::NaiveDate;
use csv::ByteRecord;

use crate::model::{normalize_key, Channel, ClientProfile, ClientType, NpsAnswer, Thanked};

use crate::ingest::dialect::cells::CellFormats;
use crate::ingest::dialect::columns::{FileKind, Mapping};
use crate::ingest::dialect::dates::parse_date;
use crate::ingest::dialect::reader::CsvTable;
use crate::ingest::dialect::vocab;
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::DateOrderSeen;
use crate::ingest::formats::invoices::{close, date_order_warning, decide_formats, describe};
use crate::ingest::{Options, UnknownValues};
use crate::model::quality::{FileSummary, Problem, RejectReason};
use crate::model::warning::Warning;

/// A score cell: a whole number from 0 to 10 (`9`, `09`, `9.0`); anything else is `None`.
pub fn parse_score(text: &str) -> Option<u8> {
    let text = text.trim();
    let whole = match text.split_once(['.', ',']) {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') => {
            whole
        }
        Some(_) => return None,
        None => text,
    };
    if whole.is_empty() || whole.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    whole.parse::<u8>().ok().filter(|s| *s <= 10)
}

fn formats_for(
    table: &mut CsvTable,
    mapping: &Mapping,
    date_field: &str,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<CellFormats, IngestError> {
    decide_formats(table, &[], mapping.index(date_field), options, warnings, "")
}

/// A surveys-file answer before it is joined to a client.
#[derive(Clone, Debug)]
pub struct SurveyRow {
    pub line: u64,
    pub client_id: String,
    pub client: String,
    pub date: Option<chrono::NaiveDate>,
    pub score: u8,
    pub comment: Option<String>,
    /// Rows of the file this answer stands for: its respondent's rows are counted on
    /// the respondent's first kept answer (for the unmatched-names warning).
    pub rows: u64,
}

/// Which answers the NPS can ever read: the latest per respondent (as written) and per
/// year, none after the report's date. Kept while reading, so that five million answers
/// from a thousand respondents hold a few thousand.
pub struct SurveyScope {
    pub as_of: Option<NaiveDate>,
    pub fiscal: crate::model::FiscalYearStart,
}

/// The answers kept, by respondent (normalised id or name) and year.
#[derive(Default)]
struct LatestAnswers {
    kept: std::collections::HashMap<(String, Option<i32>), SurveyRow>,
    rows: std::collections::HashMap<String, u64>,
}

impl LatestAnswers {
    fn add(&mut self, row: SurveyRow, scope: &SurveyScope) {
        let who = if row.client_id.is_empty() {
            normalize_key(&row.client)
        } else {
            normalize_key(&row.client_id)
        };
        *self.rows.entry(who.clone()).or_default() += 1;
        if matches!((row.date, scope.as_of), (Some(date), Some(as_of)) if date > as_of) {
            return;
        }
        let year = row.date.map(|date| scope.fiscal.year_of(date));
        match self.kept.entry((who, year)) {
            std::collections::hash_map::Entry::Occupied(mut kept) => {
                if (row.date, row.line) > (kept.get().date, kept.get().line) {
                    kept.insert(row);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
            }
        }
    }

    /// The kept answers in file order, each respondent's rows on its first.
    fn into_rows(self) -> Vec<SurveyRow> {
        let mut rows: Vec<((String, Option<i32>), SurveyRow)> = self.kept.into_iter().collect();
        rows.sort_by_key(|(_, row)| row.line);
        let mut counts = self.rows;
        rows.into_iter()
            .map(|((who, _), mut row)| {
                row.rows = counts.remove(&who).unwrap_or(0);
                row
            })
            .collect()
    }
}

/// Lines of rows that repeat another, listed in the warning.
pub const REPEATS_LISTED: usize = 20;

/// Rows of the clients file that describe a client already described.
#[derive(Clone, Debug, Default)]
pub struct Repeats {
    /// The first [`REPEATS_LISTED`] lines.
    pub lines: Vec<u64>,
    pub count: u64,
}

impl Repeats {
    pub fn add(&mut self, line: u64) {
        self.count += 1;
        if self.lines.len() < REPEATS_LISTED {
            self.lines.push(line);
        }
    }
}

/// Reads the clients file. A row that repeats an earlier one (same id and name) is
/// counted in `Repeats` and dropped at once: a file of three million rows for a thousand
/// clients holds a thousand profiles.
pub fn read_clients(
    mut table: CsvTable,
    mapping: Mapping,
    options: &Options,
    unknown: &mut UnknownValues,
    warnings: &mut Vec<Warning>,
) -> Result<(FileSummary, Vec<ClientProfile>, Repeats), IngestError> {
    let formats = formats_for(&mut table, &mapping, "nps_date", options, warnings)?;
    let mut summary = describe(&table, FileKind::Clients.name(), &formats, &mapping.pairs());
    summary.decimal = None;
    if !mapping.has("nps_date") && !mapping.has("thanked") {
        summary.date_format = None;
    }
    let column = |f: &str| mapping.index(f);
    let mut profiles = Vec::new();
    let mut bad_scores = Vec::new();
    let mut bad_rates = Vec::new();
    let mut order = DateOrderSeen::default();
    let mut described = std::collections::HashSet::new();
    let mut repeats = Repeats::default();
    let mut record = ByteRecord::new();
    while let Some(line) = table.next_row(&mut record)? {
        let mut cell = |f: &str| table.cell(&record, column(f), line).into_owned();
        let (id, name) = (cell("client_id"), cell("client"));
        if id.is_empty() && name.is_empty() {
            summary.reject(
                line,
                RejectReason::MissingClient,
                mapping.header("client"),
                Problem::NoClient {
                    column: mapping.header("client").unwrap_or("client").to_string(),
                },
            );
            continue;
        }
        if !described.insert((normalize_key(&id), normalize_key(&name))) {
            repeats.add(line);
            summary.use_row();
            continue;
        }
        let channel_text = cell("channel");
        let referred_by = cell("referred_by");
        let channel = if !referred_by.is_empty() {
            Channel::Referral
        } else {
            vocab::channel_with(&channel_text, &options.channel_words).unwrap_or_else(|| {
                unknown.channel.add(&channel_text);
                Channel::Other
            })
        };
        let type_text = cell("type");
        let client_type = vocab::client_type(&type_text).unwrap_or_else(|| {
            unknown.client_type.add(&type_text);
            ClientType::Direct
        });
        let score_text = cell("nps");
        let score = parse_score(&score_text);
        if score.is_none() && !score_text.is_empty() && bad_scores.len() < 100 {
            bad_scores.push(line);
        }
        let nps_text = cell("nps_date");
        let nps_date = parse_date(&nps_text, &formats.date_format);
        if !nps_text.is_empty() {
            order.note(&formats, &nps_text, nps_date);
        }
        let rate_text = cell("commission_rate");
        let commission_rate = parse_rate(&rate_text);
        if commission_rate.is_none() && !rate_text.is_empty() && bad_rates.len() < 100 {
            bad_rates.push(line);
        }
        let thanked_text = cell("thanked");
        let thanked = match vocab::yes_no(&thanked_text) {
            _ if thanked_text.is_empty() => None,
            Some(yes) => Some(Thanked::Yes(yes)),
            None => parse_date(&thanked_text, &formats.date_format).map(Thanked::On),
        };
        profiles.push(ClientProfile {
            line,
            id: (!id.is_empty()).then_some(id),
            name: (!name.is_empty()).then_some(name),
            channel,
            channel_text: (!channel_text.is_empty()).then_some(channel_text),
            referred_by: (!referred_by.is_empty()).then_some(referred_by),
            client_type,
            nps: score.map(|score| NpsAnswer {
                score,
                date: nps_date,
            }),
            thanked,
            commission_rate,
        });
        summary.use_row();
    }
    close(&mut summary, &table, warnings);
    let nps_header = mapping.header("nps_date").unwrap_or_default();
    warnings.extend(date_order_warning(
        &summary.path,
        nps_header,
        &formats,
        order,
    ));
    if !bad_scores.is_empty() {
        warnings.push(Warning::InvalidClientScores {
            file: summary.path.clone(),
            lines: bad_scores,
        });
    }
    if !bad_rates.is_empty() {
        warnings.push(Warning::InvalidCommissionRates {
            file: summary.path.clone(),
            lines: bad_rates,
        });
    }
    Ok((summary, profiles, repeats))
}

/// A commission rate in percent, from 0 to 100: `10`, `10 %`, `12,5`, `7.5%`.
pub fn parse_rate(text: &str) -> Option<rust_decimal::Decimal> {
    let number: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let rate: rust_decimal::Decimal = number.parse().ok()?;
    (rate >= rust_decimal::Decimal::ZERO && rate <= rust_decimal::Decimal::ONE_HUNDRED)
        .then_some(rate)
}

pub fn read_surveys(
    mut table: CsvTable,
    mapping: Mapping,
    options: &Options,
    scope: &SurveyScope,
    warnings: &mut Vec<Warning>,
) -> Result<(FileSummary, Vec<SurveyRow>), IngestError> {
    let formats = formats_for(&mut table, &mapping, "date", options, warnings)?;
    let mut summary = describe(&table, FileKind::Surveys.name(), &formats, &mapping.pairs());
    summary.decimal = None;
    if !mapping.has("date") {
        summary.date_format = None;
    }
    let column = |f: &str| mapping.index(f);
    let header = |f: &str| mapping.header(f).unwrap_or_default().to_string();
    let mut answers = LatestAnswers::default();
    let mut order = DateOrderSeen::default();
    let mut record = ByteRecord::new();
    while let Some(line) = table.next_row(&mut record)? {
        let mut cell = |f: &str| table.cell(&record, column(f), line).into_owned();
        let (client_id, client) = (cell("client_id"), cell("client"));
        let (score_text, date_text, comment) = (cell("score"), cell("date"), cell("comment"));
        if client_id.is_empty() && client.is_empty() {
            summary.reject(
                line,
                RejectReason::MissingClient,
                Some(&header("client")),
                Problem::NoClient {
                    column: header("client"),
                },
            );
            continue;
        }
        let Some(score) = parse_score(&score_text) else {
            summary.reject(
                line,
                RejectReason::BadScore,
                Some(&header("score")),
                Problem::BadScore {
                    value: score_text.clone(),
                    column: header("score"),
                },
            );
            continue;
        };
        let date = if date_text.is_empty() {
            None
        } else {
            let read = formats.date(&date_text, &header("date"));
            order.note(&formats, &date_text, read.as_ref().ok().copied());
            match read {
                Ok(date) => Some(date),
                Err(message) => {
                    summary.reject(line, RejectReason::BadDate, Some(&header("date")), message);
                    continue;
                }
            }
        };
        let row = SurveyRow {
            line,
            client_id,
            client,
            date,
            score,
            comment: (!comment.is_empty()).then_some(comment),
            rows: 1,
        };
        answers.add(row, scope);
        summary.use_row();
    }
    close(&mut summary, &table, warnings);
    warnings.extend(date_order_warning(
        &summary.path,
        &header("date"),
        &formats,
        order,
    ));
    Ok((summary, answers.into_rows()))
}

#[cfg(test)]
mod tests {
    use super::parse_score;

    #[test]
    fn scores_are_whole_numbers_from_0_to_10() {
        assert_eq!(parse_score("9"), Some(9));
        assert_eq!(parse_score(" 10 "), Some(10));
        assert_eq!(parse_score("0"), Some(0));
        assert_eq!(parse_score("07"), Some(7));
        assert_eq!(parse_score("9.0"), Some(9));
        assert_eq!(parse_score("9,0"), Some(9));
        assert_eq!(parse_score("9.5"), None);
        assert_eq!(parse_score("11"), None);
        assert_eq!(parse_score("-1"), None);
        assert_eq!(parse_score(""), None);
        assert_eq!(parse_score("NA"), None);
        assert_eq!(parse_score("100"), None);
    }
}
