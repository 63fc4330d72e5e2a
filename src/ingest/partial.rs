//! The aggregates of one chunk of rows, built on a worker thread without touching the
//! file's, then merged into the file's [`Accumulator`] in file order. Merging gives the
//! same clients, names and figures as adding the chunk's rows one by one; the one case
//! where it cannot know (a row without id joined by name to a client of the chunk that
//! an earlier chunk's name already claims) is detected, and the chunk is read again
//! row by row.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::model::{
    normalize_key, Client, DayIntermediary, DayRevenue, FiscalYearStart, Kind, Money, Year,
    YearRevenue,
};

use super::accumulate::{
    convert, count_currency, display_name, widen, Accumulator, CountedRow, Span,
};
use super::error::IngestError;
use super::invoice_rows::RowSink;
use super::rates::Rates;

/// What a chunk needs to know of the file to aggregate its rows.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub file: &'a str,
    pub fiscal: FiscalYearStart,
    pub rates: Option<&'a Rates>,
    pub base: Option<&'a str>,
}

#[derive(Debug, Default)]
struct PartClient {
    key: String,
    /// Keyed by its id (else by its name).
    by_id: bool,
    /// The id as written on its first row.
    id: Option<String>,
    /// The name (or id) its first row showed.
    first_name: String,
    /// The name on its latest-dated row that has one (the later row on a tie).
    named: Option<(NaiveDate, String)>,
    span: Span,
    years: Vec<(Year, YearRevenue)>,
    intermediaries: Vec<((String, Year), Money)>,
    days: Vec<DayRevenue>,
    day_intermediaries: Vec<DayIntermediary>,
}

/// A chunk's aggregates.
#[derive(Debug)]
pub struct Partial<'a> {
    context: Context<'a>,
    clients: Vec<PartClient>,
    /// Ids as written, and normalised, to the chunk's client keyed by that id.
    ids: foldhash::HashMap<Box<str>, u32>,
    id_keys: foldhash::HashMap<Box<str>, u32>,
    /// Names as written on rows without id, to the chunk's client they joined.
    names: foldhash::HashMap<Box<str>, u32>,
    /// Normalised name spellings in the order they first appear, with their client.
    spellings: Vec<(String, u32)>,
    spelling_index: foldhash::HashMap<Box<str>, u32>,
    /// Rows without id that joined, by name, a client of this chunk keyed by its id.
    borrowed: Vec<(String, u32)>,
    currency_rows: BTreeMap<String, u64>,
    converted: BTreeSet<String>,
    latest: Option<NaiveDate>,
    /// The line of the chunk's first row, for an overflow found while merging.
    pub first_line: u64,
}

/// Why a chunk must be read again row by row.
#[derive(Debug)]
pub struct Unmergeable;

fn add_money(a: &mut Money, b: Money) -> Option<()> {
    *a = a.checked_add(b)?;
    Some(())
}

fn add_year(years: &mut Vec<(Year, YearRevenue)>, year: Year, figures: &YearRevenue) -> Option<()> {
    // Rows come mostly in date order: the year is usually the last one.
    let index = match years.iter().rposition(|(y, _)| *y == year) {
        Some(index) => index,
        None => {
            years.push((year, YearRevenue::default()));
            years.len() - 1
        }
    };
    let (_, totals) = years.get_mut(index)?;
    add_money(&mut totals.total, figures.total)?;
    add_money(&mut totals.other_income, figures.other_income)?;
    add_money(&mut totals.intermediated, figures.intermediated)?;
    totals.rows = totals.rows.checked_add(figures.rows)?;
    Some(())
}

/// Adds a day's figures to days kept in order, merging a repeated last day.
pub(super) fn add_day(days: &mut Vec<DayRevenue>, day: &DayRevenue) -> Option<()> {
    match days.last_mut() {
        Some(last) if last.date == day.date => {
            add_money(&mut last.total, day.total)?;
            add_money(&mut last.other_income, day.other_income)?;
            add_money(&mut last.intermediated, day.intermediated)?;
        }
        _ => days.push(*day),
    }
    Some(())
}

impl<'a> Partial<'a> {
    pub fn new(context: Context<'a>) -> Self {
        Self {
            context,
            clients: Vec::new(),
            ids: Default::default(),
            id_keys: Default::default(),
            names: Default::default(),
            spellings: Vec::new(),
            spelling_index: Default::default(),
            borrowed: Vec::new(),
            currency_rows: BTreeMap::new(),
            converted: BTreeSet::new(),
            latest: None,
            first_line: 0,
        }
    }

    fn new_client(&mut self, key: String, by_id: bool, row: &CountedRow) -> u32 {
        let index = self.clients.len() as u32;
        let shown = if row.client_name.is_empty() {
            row.client_id
        } else {
            row.client_name
        };
        if by_id {
            self.id_keys.insert(key.clone().into_boxed_str(), index);
        }
        self.clients.push(PartClient {
            key,
            by_id,
            id: by_id.then(|| row.client_id.to_string()),
            first_name: shown.to_string(),
            ..PartClient::default()
        });
        index
    }

    /// The chunk's client of a row, as the file's accumulator would find it.
    fn client_of(&mut self, row: &CountedRow) -> u32 {
        if !row.client_id.is_empty() {
            if let Some(&index) = self.ids.get(row.client_id) {
                return index;
            }
            let key = normalize_key(row.client_id);
            let index = match self.id_keys.get(key.as_str()) {
                Some(&index) => index,
                None => self.new_client(key, true, row),
            };
            self.ids.insert(row.client_id.into(), index);
            return index;
        }
        if let Some(&index) = self.names.get(row.client_name) {
            return index;
        }
        let spelling = normalize_key(row.client_name);
        let index = match self.spelling_index.get(spelling.as_str()) {
            Some(&index) => {
                if self.clients.get(index as usize).is_some_and(|c| c.by_id) {
                    self.borrowed.push((spelling, index));
                }
                index
            }
            None => self.new_client(spelling, false, row),
        };
        self.names.insert(row.client_name.into(), index);
        index
    }

    fn note_spelling(&mut self, index: u32, name: &str) {
        let Some(client) = self.clients.get_mut(index as usize) else {
            return;
        };
        // Names rarely change: the one already kept needs no second look.
        if name.is_empty() || client.named.as_ref().is_some_and(|(_, kept)| kept == name) {
            return;
        }
        let spelling = normalize_key(name);
        if !spelling.is_empty() && !self.spelling_index.contains_key(spelling.as_str()) {
            self.spelling_index
                .insert(spelling.clone().into_boxed_str(), index);
            self.spellings.push((spelling, index));
        }
    }

    /// Merges the chunk into the file's aggregates, or says it must be read row by row.
    pub fn merge_into(self, acc: &mut Accumulator) -> Result<Result<(), Unmergeable>, IngestError> {
        for (spelling, index) in &self.borrowed {
            let target = self
                .clients
                .get(*index as usize)
                .and_then(|c| found(acc, c));
            if let Some(&claimed) = acc.by_name.get(spelling) {
                if Some(claimed) != target {
                    return Ok(Err(Unmergeable));
                }
            }
        }
        let overflow = || IngestError::Overflow {
            file: acc.file.clone(),
            line: self.first_line,
        };
        for (currency, rows) in &self.currency_rows {
            count_currency(&mut acc.currency_rows, currency, *rows);
        }
        acc.converted.extend(self.converted);
        if let Some(latest) = self.latest {
            acc.latest = Some(acc.latest.map_or(latest, |d| d.max(latest)));
            if acc.window.follow(latest) {
                if let Some(from) = acc.window.from {
                    super::recent::prune(&mut acc.clients, from);
                }
            }
        }
        let mut targets = Vec::with_capacity(self.clients.len());
        for part in self.clients {
            let index = match found(acc, &part) {
                Some(index) => index,
                None => {
                    let index = acc.clients.len();
                    acc.clients.push(Client {
                        key: part.key.clone(),
                        id: part.id.clone(),
                        name: display_name(&part.first_name),
                        ..Client::default()
                    });
                    acc.spans.push(Span::default());
                    if part.by_id {
                        acc.by_id.insert(part.key.clone(), index);
                    }
                    index
                }
            };
            targets.push(index);
            let (Some(client), Some(span)) = (acc.clients.get_mut(index), acc.spans.get_mut(index))
            else {
                return Err(overflow());
            };
            merge_client(client, span, part, &acc.window).ok_or_else(overflow)?;
        }
        for (spelling, index) in self.spellings {
            if let Some(&target) = targets.get(index as usize) {
                acc.by_name.entry(spelling).or_insert(target);
            }
        }
        Ok(Ok(()))
    }
}

/// The file's client a chunk's client is, if the file has it already.
fn found(acc: &Accumulator, part: &PartClient) -> Option<usize> {
    if part.by_id {
        acc.by_id.get(&part.key).copied()
    } else {
        acc.by_name.get(&part.key).copied()
    }
}

fn merge_client(
    client: &mut Client,
    span: &mut Span,
    part: PartClient,
    window: &super::recent::RecentWindow,
) -> Option<()> {
    for (year, figures) in &part.years {
        let totals = client.years.or_default(*year);
        add_money(&mut totals.total, figures.total)?;
        add_money(&mut totals.other_income, figures.other_income)?;
        add_money(&mut totals.intermediated, figures.intermediated)?;
        totals.rows = totals.rows.checked_add(figures.rows)?;
    }
    for (via, amount) in part.intermediaries {
        add_money(client.intermediaries.entry(via).or_default(), amount)?;
    }
    for date in [part.span.first_any, part.span.last_any]
        .into_iter()
        .flatten()
    {
        widen(&mut span.first_any, &mut span.last_any, date);
    }
    for date in [part.span.first_invoice, part.span.last_invoice]
        .into_iter()
        .flatten()
    {
        widen(&mut span.first_invoice, &mut span.last_invoice, date);
    }
    if let Some((date, name)) = part.named {
        if span.name_date.is_none_or(|d| date >= d) {
            span.name_date = Some(date);
            if client.name != name {
                client.name = display_name(&name);
            }
        }
    }
    for day in part.days.iter().filter(|d| window.covers(d.date)) {
        add_day(&mut client.recent, day)?;
    }
    client.recent_intermediaries.extend(
        part.day_intermediaries
            .into_iter()
            .filter(|d| window.covers(d.date)),
    );
    Some(())
}

impl RowSink for Partial<'_> {
    fn add(&mut self, row: &CountedRow) -> Result<(), IngestError> {
        let context = self.context;
        count_currency(&mut self.currency_rows, row.currency.unwrap_or_default(), 1);
        let (amount, converted) = convert(context.file, context.rates, context.base, row)?;
        if let Some(currency) = converted {
            if !self.converted.contains(currency) {
                self.converted.insert(currency.to_string());
            }
        }
        let index = self.client_of(row);
        self.note_spelling(index, row.client_name);
        self.latest = Some(self.latest.map_or(row.date, |d| d.max(row.date)));
        let overflow = || IngestError::Overflow {
            file: context.file.to_string(),
            line: row.line,
        };
        let client = self.clients.get_mut(index as usize).ok_or_else(overflow)?;
        let year = context.fiscal.year_of(row.date);
        let other_income = row.kind.is_other_income();
        let intermediated =
            !other_income && (row.kind == Kind::Subcontracting || !row.intermediary.is_empty());
        let pick = |yes: bool| if yes { amount } else { Money::ZERO };
        let figures = YearRevenue {
            total: amount,
            other_income: pick(other_income),
            intermediated: pick(intermediated),
            rows: 1,
        };
        add_year(&mut client.years, year, &figures).ok_or_else(overflow)?;
        if intermediated && !row.intermediary.is_empty() {
            let via = (row.intermediary.to_string(), year);
            match client.intermediaries.iter_mut().find(|(v, _)| *v == via) {
                Some((_, total)) => add_money(total, amount).ok_or_else(overflow)?,
                None => client.intermediaries.push((via, amount)),
            }
            client.day_intermediaries.push(DayIntermediary {
                date: row.date,
                intermediary: row.intermediary.to_string(),
                amount,
            });
        }
        widen(
            &mut client.span.first_any,
            &mut client.span.last_any,
            row.date,
        );
        if amount > Money::ZERO {
            widen(
                &mut client.span.first_invoice,
                &mut client.span.last_invoice,
                row.date,
            );
        }
        if !row.client_name.is_empty() {
            match &mut client.named {
                Some((date, name)) if row.date >= *date => {
                    *date = row.date;
                    if name != row.client_name {
                        name.clear();
                        name.push_str(row.client_name);
                    }
                }
                Some(_) => {}
                None => client.named = Some((row.date, row.client_name.to_string())),
            }
        }
        let day = DayRevenue {
            date: row.date,
            total: amount,
            other_income: figures.other_income,
            intermediated: figures.intermediated,
        };
        add_day(&mut client.days, &day).ok_or_else(overflow)?;
        Ok(())
    }
}
