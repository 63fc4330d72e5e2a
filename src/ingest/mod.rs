//! Reading inputs: CSV dialects, column mapping, vocabularies and row accounting.
//! Takes readers, never opens files; produces a [`crate::model::Dataset`] and, for each
//! file, a [`crate::model::quality::FileSummary`] of what was detected and what became of each row.

pub(crate) mod aggregate;
pub mod dialect;
pub mod engine;
pub mod error;
pub mod formats;

use std::io::{Read, Seek};
use std::rc::Rc;

use chrono::NaiveDate;

use crate::model::{
    normalize_key, Basis, ClientIdx, ClientProfile, Dataset, FiscalYearStart, SurveyResponse,
};

use crate::model::quality::FileSummary;
use crate::model::warning::Warning;
use aggregate::accumulate::{Accumulator, Finished};
use aggregate::inline::TextMap;
use aggregate::payment_book::PaymentBook;
use dialect::columns::{map_columns, missing_required, FileKind, MapOverride};
use dialect::dates::DateFormat;
use dialect::money::DecimalSeparator;
use dialect::reader::{CsvTable, ReaderOptions};
use engine::grouped::{AtMost, GroupLimit, ReadGroups, Unlimited};
use error::IngestError;
use formats::clients::SurveyRow;
use formats::invoices::Tally;
use formats::rates::Rates;

/// What the user told us about the inputs. Reading overrides apply to every file: the
/// files of one user come from the same tool.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub reader: ReaderOptions,
    pub decimal: Option<DecimalSeparator>,
    pub date_format: Option<DateFormat>,
    pub map: Vec<MapOverride>,
    pub fiscal_year_start: FiscalYearStart,
    /// `fiscal_year_start` was chosen by the user (flag or settings file), so a FEC's
    /// file name does not set it.
    pub fiscal_year_given: bool,
    /// The base currency (`--currency`).
    pub currency: Option<String>,
    pub rates: Option<Rates>,
    /// The report's as-of date when known before reading (`--as-of`): daily detail is
    /// then kept only for the twelve months ending at that date.
    pub as_of: Option<NaiveDate>,
    /// The user's own channel words (`portfolio.toml` `[channels]`), before the built-in ones.
    pub channel_words: Vec<(String, crate::model::Channel)>,
    /// Threads and chunk size for reading the invoices.
    pub reading: engine::Reading,
    /// Whether yearly figures go by invoice date or by payment date (`--basis`).
    pub basis: Basis,
    /// Keep the cash received per day, for the French thresholds (`--regime`).
    pub keep_receipts: bool,
}

/// One input: a name for messages (the path, or "standard input") and its bytes.
pub struct Input {
    pub name: String,
    reader: Box<dyn Read>,
    /// Opens the input again, when it is a file (or a sheet in memory): the engine then
    /// looks at its end before reading it, and a reading that went wrong one way is
    /// done again the other way. `None` for a stream, which cannot be read twice.
    reopen: Option<Reopen>,
    /// Whether the engine may look at the input's end (see [`engine::tail`]).
    look_at_end: bool,
}

/// A file the engine may read again, from its start or at its end.
pub trait Source: Read + Seek {}

impl<T: Read + Seek> Source for T {}

/// Opens an input again from its start.
pub type Reopen = Rc<dyn Fn() -> std::io::Result<Box<dyn Source>>>;

impl Input {
    /// An input read once, from a stream or from memory.
    pub fn stream(name: impl Into<String>, reader: Box<dyn Read>) -> Self {
        Self {
            name: name.into(),
            reader,
            reopen: None,
            look_at_end: false,
        }
    }

    /// An input that `open` opens as often as needed: a file, or a sheet in memory.
    pub fn reopenable(
        name: impl Into<String>,
        open: impl Fn() -> std::io::Result<Box<dyn Source>> + 'static,
    ) -> std::io::Result<Self> {
        let reader: Box<dyn Read> = Box::new(open()?);
        Ok(Self {
            name: name.into(),
            reader,
            reopen: Some(Rc::new(open)),
            look_at_end: true,
        })
    }

    /// The bytes, for a caller that reads them itself.
    pub fn into_reader(self) -> Box<dyn Read> {
        self.reader
    }

    /// The input from its start again, opened by `open`.
    fn again(name: &str, open: &Reopen, look_at_end: bool) -> Result<Self, IngestError> {
        let source = open().map_err(|error| IngestError::io(name, error))?;
        Ok(Self {
            name: name.to_string(),
            reader: Box::new(source),
            reopen: Some(open.clone()),
            look_at_end,
        })
    }
}

/// How a reading of the invoices ended, when no error stopped it.
enum Attempt<T> {
    Read(T),
    /// The rows never reached the latest date the look at the file's end promised (the
    /// file changed, or its end reads otherwise than its whole): days the promise let
    /// the reading skip may be missing.
    EndNotReached,
}

/// Reads the invoices with `read`, and again when the first reading cannot stand:
/// - a later date contradicts the date order the first rows guessed (SPEC 2.1): read
///   again in the other order, or, for a stream, say to pass `--date-format`;
/// - the rows never reach the date the look at the file's end promised: read again
///   without the look.
fn with_retries<T>(
    invoices: Input,
    options: &Options,
    mut read: impl FnMut(Input, &Options) -> Result<Attempt<T>, IngestError>,
) -> Result<T, IngestError> {
    let name = invoices.name.clone();
    let named = |error: IngestError| match error {
        IngestError::DateOrderContradicted(mut contradiction) => {
            contradiction.file.clone_from(&name);
            IngestError::DateOrderContradicted(contradiction)
        }
        other => other,
    };
    let mut options = std::borrow::Cow::Borrowed(options);
    let mut input = invoices;
    let mut order_switched = false;
    loop {
        let (look_at_end, reopen) = (input.look_at_end, input.reopen.clone());
        input = match (read(input, &options), reopen) {
            (Ok(Attempt::Read(read)), _) => return Ok(read),
            (Ok(Attempt::EndNotReached), Some(open)) if look_at_end => {
                Input::again(&name, &open, false)?
            }
            // Only a look at the end promises a date, and only a file that can be read
            // again is looked at: never a guess, should that ever change.
            (Ok(Attempt::EndNotReached), _) => return Err(IngestError::DaysNotKept { file: name }),
            (Err(IngestError::DateOrderContradicted(contradiction)), Some(open))
                if !order_switched =>
            {
                order_switched = true;
                options.to_mut().date_format = Some(contradiction.other);
                Input::again(&name, &open, look_at_end)?
            }
            (Err(error), _) => return Err(named(error)),
        };
    }
}

/// Vocabulary values no list knows, per column, for the warnings.
#[derive(Clone, Debug, Default)]
pub struct UnknownValues {
    pub status: Tally,
    pub kind: Tally,
    pub channel: Tally,
    pub client_type: Tally,
}

/// Builds the warning that lists a column's unknown words.
type UnknownWarning = fn(String, crate::model::warning::Counts) -> Warning;

/// Everything read, with the accounting of each file.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub inputs: crate::model::quality::Inputs,
    pub warnings: Vec<Warning>,
}

impl Loaded {
    /// What the plan's `data.quality` action counts.
    pub fn quality(&self) -> crate::model::InputQuality {
        let mut quality = crate::model::InputQuality {
            rejected_rows: self.inputs.files().map(|f| f.rejected_total()).sum(),
            ..Default::default()
        };
        for warning in &self.warnings {
            match warning {
                Warning::ClientsWithoutInvoices { count, .. }
                | Warning::SurveysUnmatched { count, .. } => quality.unmatched_names += count,
                Warning::AmbiguousDates { .. }
                | Warning::ConflictingDates { .. }
                | Warning::AmbiguousDecimal { .. }
                | Warning::ConflictingDecimal { .. } => quality.guessed_formats += 1,
                _ => {}
            }
        }
        quality
    }
}

/// How a table's header was recognised.
enum Layout {
    Invoices(dialect::columns::Mapping),
    Fec,
    Ledger,
}

fn layout_of(kind: FileKind, cells: &[String], overrides: &[MapOverride]) -> Option<Layout> {
    if kind == FileKind::Invoices {
        if formats::fec::is_fec_header(cells) {
            return Some(Layout::Fec);
        }
        if formats::ledger::is_ledger_header(cells) {
            return Some(Layout::Ledger);
        }
    }
    let mapping = map_columns(kind, cells, overrides).ok()?;
    missing_required(kind, &mapping)
        .is_empty()
        .then_some(Layout::Invoices(mapping))
}

/// Whether a CSV text has a header row that maps the required fields of `kind` (a
/// workbook's sheets are tried in turn with it). Only the rows the header search looks
/// at are read, not a copy of the whole sheet.
pub fn recognises(kind: FileKind, csv: &[u8], options: &Options) -> bool {
    let searched = csv
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(dialect::reader::HEADER_SEARCH_ROWS)
        .map_or(csv, |(end, _)| csv.get(..=end).unwrap_or(csv));
    let input = Input::stream("sheet", Box::new(std::io::Cursor::new(searched.to_vec())));
    open_table(kind, input, options.reader, &options.map).is_ok()
}

/// Opens a table and recognises its header, or says which columns are missing.
fn open_table(
    kind: FileKind,
    input: Input,
    reader: ReaderOptions,
    overrides: &[MapOverride],
) -> Result<(CsvTable, Layout), IngestError> {
    let opened = CsvTable::open(&input.name, input.reader, reader, |cells| {
        layout_of(kind, cells, overrides).is_some()
    })?;
    let seen = match opened {
        Ok(table) => {
            let layout = layout_of(kind, &table.headers, overrides);
            return match layout {
                Some(layout) => Ok((table, layout)),
                None => Err(IngestError::Empty { file: input.name }),
            };
        }
        Err(seen) => seen,
    };
    // No row fits: report against the row that maps the most fields.
    let best = seen
        .iter()
        .max_by_key(|(line, cells)| {
            let mapped = map_columns(kind, cells, &[]).map_or(0, |m| m.pairs().len());
            (mapped, std::cmp::Reverse(*line))
        })
        .cloned();
    let Some((line, cells)) = best else {
        return Err(IngestError::Empty { file: input.name });
    };
    let found: Vec<String> = cells.iter().filter(|c| !c.is_empty()).cloned().collect();
    if let Err(missing) = map_columns(kind, &cells, overrides) {
        return Err(IngestError::UnknownMappedHeader {
            file: input.name,
            field: missing.field,
            header: missing.header,
            line,
            found,
        });
    }
    let mapping = map_columns(kind, &cells, overrides).unwrap_or_default();
    let missing = missing_required(kind, &mapping);
    let prefix = if kind == FileKind::Invoices {
        String::new()
    } else {
        format!("{}.", kind.name())
    };
    let field = missing.first().copied().unwrap_or("amount");
    let example = format!("{prefix}{field}=\"HEADER\"");
    let clients_file = map_columns(FileKind::Clients, &cells, &[])
        .is_ok_and(|m| missing_required(FileKind::Clients, &m).is_empty());
    Err(IngestError::MissingColumns {
        file: input.name,
        line,
        missing,
        found,
        example,
        looks_like_clients: kind == FileKind::Invoices && clients_file && !mapping.has("amount"),
    })
}

/// Reads the invoices (or FEC, or ledger) and the optional clients and surveys files.
pub fn load(
    invoices: Input,
    clients: Option<Input>,
    surveys: Option<Input>,
    options: &Options,
) -> Result<Loaded, IngestError> {
    load_with_progress(invoices, clients, surveys, options, &mut |_| {})
}

/// Opens the invoices file, its name and layout, refusing one with a header and no row.
fn open_invoices(
    invoices: Input,
    options: &Options,
) -> Result<(String, CsvTable, Layout), IngestError> {
    let file = invoices.name.clone();
    let tail = invoices
        .reopen
        .as_ref()
        .filter(|_| invoices.look_at_end)
        .and_then(engine::tail::look_at_end);
    let (mut table, layout) =
        open_table(FileKind::Invoices, invoices, options.reader, &options.map)?;
    table.tail = tail;
    if table.sample(1)?.is_empty() {
        return Err(IngestError::HeaderOnly {
            file,
            line: table.header_line,
        });
    }
    Ok((file, table, layout))
}

/// [`load`], calling `progress` with the bytes of invoices read so far as they stream.
pub fn load_with_progress(
    invoices: Input,
    clients: Option<Input>,
    surveys: Option<Input>,
    options: &Options,
    progress: engine::Progress,
) -> Result<Loaded, IngestError> {
    let (acc, invoice_summary, unknown, warnings) =
        with_retries(invoices, options, |invoices, options| {
            read_invoices(invoices, options, progress)
        })?;
    finish(
        acc,
        invoice_summary,
        clients,
        surveys,
        unknown,
        warnings,
        options,
    )
}

/// The invoices' aggregates, summary, unknown words and warnings.
type InvoicesRead = (Accumulator, FileSummary, UnknownValues, Vec<Warning>);

fn read_invoices(
    invoices: Input,
    options: &Options,
    progress: engine::Progress,
) -> Result<Attempt<InvoicesRead>, IngestError> {
    let mut warnings = Vec::new();
    let mut unknown = UnknownValues::default();
    let (file, table, layout) = open_invoices(invoices, options)?;
    let mut acc = new_accumulator(&file, options);
    let invoice_summary = match layout {
        Layout::Invoices(mapping) => formats::invoices::read(
            table,
            mapping,
            options,
            &mut acc,
            &mut unknown,
            &mut warnings,
            progress,
        )?,
        Layout::Fec => formats::fec::read(table, options, &mut acc, &mut warnings)?,
        Layout::Ledger => formats::ledger::read(table, options, &mut acc, &mut warnings)?,
    };
    if !acc.reached_expected_latest() {
        return Ok(Attempt::EndNotReached);
    }
    Ok(Attempt::Read((acc, invoice_summary, unknown, warnings)))
}

/// The aggregates one invoices file is read into.
fn new_accumulator(file: &str, options: &Options) -> Accumulator {
    let mut acc = Accumulator::new(
        file,
        options.fiscal_year_start,
        options.rates.clone(),
        options.currency.clone(),
        options.as_of,
    );
    acc.payments = PaymentBook::new(options.basis, options.as_of, options.keep_receipts);
    acc
}

/// Past this many groups, `analyze --by` stops reading every group side by side: a file
/// it can read again is then read group by group when its groups are contiguous.
pub const MANY_GROUPS: usize = 4096;

/// Reads the invoices into one [`Loaded`] per value of the column `by`, each handed to
/// `each` in the order the values first appear, with the number of groups when it is
/// known (they were read side by side; `None` when they are handed on as read).
///
/// The groups are read side by side, one pass over the file, while they are few. Past
/// [`MANY_GROUPS`], a file that can be read again is read once more to see whether its
/// groups are contiguous (every row of a group before the next group's first): if so,
/// it is read a third time, each group handed on as soon as its rows end, so memory
/// holds one group at a time. Otherwise, and for a stream, every group stays in memory
/// until the end (docs/performance.md gives the cost of a group). Every way gives the
/// same groups, figures and accounting.
pub fn load_grouped<E: From<IngestError>>(
    invoices: Input,
    by: &str,
    options: &Options,
    progress: engine::Progress,
    each: &mut dyn FnMut(String, Loaded, Option<usize>) -> Result<(), E>,
) -> Result<(), E> {
    let name = invoices.name.clone();
    let reopen = invoices.reopen.clone();
    // The look at the end serves the daily detail of one reading; groups do not use it.
    let invoices = Input {
        look_at_end: false,
        ..invoices
    };
    let Some(open) = reopen else {
        return hand_on_every_group(invoices, by, options, progress, each);
    };
    let side_by_side = with_retries(invoices, options, |invoices, options| {
        read_side_by_side(invoices, by, options, progress, AtMost(MANY_GROUPS)).map(Attempt::Read)
    })?;
    if let Ok(read) = side_by_side {
        return hand_on(read, each);
    }
    let planned = with_retries(
        Input::again(&name, &open, false)?,
        options,
        |invoices, options| {
            let mut grouped = GroupedFile::open(invoices, by, options)?;
            let rest = grouped.table.take_stream();
            let rules = &grouped.prepared.rules;
            let chunk_bytes = options.reading.chunk_bytes;
            let plan = engine::grouped::plan_groups(
                rest,
                rules,
                grouped.column,
                &grouped.file,
                chunk_bytes,
            )?;
            Ok(Attempt::Read((plan, options.date_format.clone())))
        },
    )?;
    let (plan, date_format) = planned;
    let options = Options {
        date_format,
        ..options.clone()
    };
    let again = Input::again(&name, &open, false)?;
    if !plan.contiguous {
        // The plan stopped at the first group that came back: a later row may still
        // contradict the date order.
        return hand_on_every_group(again, by, &options, progress, each);
    }
    let mut grouped = GroupedFile::open(again, by, &options)?;
    let rest = grouped.table.take_stream();
    let new_accumulator = grouped.accumulators(&options);
    let mut stream = engine::grouped::GroupStream::new(
        rest,
        &grouped.prepared.rules,
        grouped.column,
        &new_accumulator,
        plan,
        options.reading.chunk_bytes,
    );
    while let Some(group) = stream.next_group(progress) {
        let (value, loaded) = grouped.loaded(group?, &options)?;
        each(value, loaded, None)?;
    }
    Ok(())
}

/// Hands on groups read side by side, each made a [`Loaded`] only when its turn comes.
fn hand_on<E: From<IngestError>>(
    (grouped, groups): (GroupedFile, ReadGroups),
    each: &mut dyn FnMut(String, Loaded, Option<usize>) -> Result<(), E>,
) -> Result<(), E> {
    let count = groups.len();
    for group in groups.into_reads() {
        let (value, loaded) = grouped.loaded(group, &grouped.options)?;
        each(value, loaded, Some(count))?;
    }
    Ok(())
}

/// An invoices file opened for `--by`: its rules, its group column, and what every
/// group's accounting shares.
struct GroupedFile {
    file: String,
    table: CsvTable,
    prepared: formats::invoices::Prepared,
    column: usize,
    warnings: Vec<Warning>,
    /// The options it was read with (a date order may have been switched).
    options: Options,
}

impl GroupedFile {
    fn open(invoices: Input, by: &str, options: &Options) -> Result<Self, IngestError> {
        let (file, mut table, layout) = open_invoices(invoices, options)?;
        let Layout::Invoices(mapping) = layout else {
            return Err(IngestError::GroupsNeedInvoiceExport { file });
        };
        let wanted = dialect::text::fold_words(by);
        let Some(column) = table
            .headers
            .iter()
            .position(|h| dialect::text::fold_words(h) == wanted)
        else {
            return Err(IngestError::UnknownGroupColumn {
                file,
                column: by.to_string(),
                found: table.headers.clone(),
            });
        };
        let mut warnings = Vec::new();
        let prepared = formats::invoices::prepare(&mut table, &mapping, options, &mut warnings)?;
        Ok(Self {
            file,
            table,
            prepared,
            column,
            warnings,
            options: options.clone(),
        })
    }

    /// Makes each group's aggregates; borrows only what threads may share.
    fn accumulators<'a>(&'a self, options: &'a Options) -> impl Fn() -> Accumulator + Sync + 'a {
        let (file, rules) = (&self.file, &self.prepared.rules);
        move || {
            let mut acc = new_accumulator(file, options);
            acc.payments.columns = rules.payments.columns();
            acc
        }
    }

    /// A group's aggregates and accounting, settled.
    fn loaded(
        &self,
        group: engine::grouped::GroupRead,
        options: &Options,
    ) -> Result<(String, Loaded), IngestError> {
        let mut warnings = self.warnings.clone();
        let mut unknown = UnknownValues::default();
        let summary = formats::invoices::conclude(
            &self.prepared,
            group.read,
            &self.table,
            &mut unknown,
            &mut warnings,
        );
        let loaded = finish(group.acc, summary, None, None, unknown, warnings, options)?;
        Ok((group.value, loaded))
    }
}

/// Reads every group side by side, however many, and hands each on: for a stream, and
/// for a file whose groups are not contiguous.
fn hand_on_every_group<E: From<IngestError>>(
    invoices: Input,
    by: &str,
    options: &Options,
    progress: engine::Progress,
    each: &mut dyn FnMut(String, Loaded, Option<usize>) -> Result<(), E>,
) -> Result<(), E> {
    let read = with_retries(invoices, options, |invoices, options| {
        read_side_by_side(invoices, by, options, progress, Unlimited).map(Attempt::Read)
    })?;
    let Ok(read) = read;
    hand_on(read, each)
}

/// Reads the groups side by side; stops, saying so, past `limit` groups.
fn read_side_by_side<L: GroupLimit>(
    invoices: Input,
    by: &str,
    options: &Options,
    progress: engine::Progress,
    limit: L,
) -> Result<Result<(GroupedFile, ReadGroups), L::Over>, IngestError> {
    let mut grouped = GroupedFile::open(invoices, by, options)?;
    let rest = grouped.table.take_stream();
    let groups = engine::grouped::read_grouped(
        rest,
        &grouped.prepared.rules,
        grouped.column,
        &grouped.accumulators(options),
        (options.reading.threads, options.reading.chunk_bytes),
        limit,
        progress,
    )?;
    Ok(groups.map(|groups| (grouped, groups)))
}

/// Settles the invoices' aggregates and joins the clients and surveys files.
fn finish(
    acc: Accumulator,
    invoice_summary: FileSummary,
    clients: Option<Input>,
    surveys: Option<Input>,
    mut unknown: UnknownValues,
    mut warnings: Vec<Warning>,
    options: &Options,
) -> Result<Loaded, IngestError> {
    let file = invoice_summary.path.clone();
    let finished = acc.finish()?;
    if !finished.converted.is_empty() {
        if let Some(base) = &finished.base {
            warnings.push(Warning::Converted {
                file: file.clone(),
                currencies: finished.converted.clone(),
                base: base.clone(),
            });
        }
    }
    if invoice_summary.used == 0 {
        warnings.push(Warning::NoRevenue {
            file: file.clone(),
            excluded: invoice_summary
                .excluded
                .iter()
                .map(|(reason, rows)| (reason.clone(), *rows))
                .collect(),
        });
    }

    let (clients_summary, profiles) = match clients {
        Some(input) => {
            let (table, layout) =
                open_table(FileKind::Clients, input, options.reader, &options.map)?;
            let mapping = layout.into_mapping();
            let (summary, profiles, repeats) = formats::clients::read_clients(
                table,
                mapping,
                options,
                &mut unknown,
                &mut warnings,
            )?;
            (Some(summary), Some((profiles, repeats)))
        }
        None => (None, None),
    };
    let (surveys_summary, survey_rows) = match surveys {
        Some(input) => {
            let (table, layout) =
                open_table(FileKind::Surveys, input, options.reader, &options.map)?;
            let mapping = layout.into_mapping();
            let scope = formats::clients::SurveyScope {
                as_of: options.as_of.or(finished.latest),
                fiscal: finished.fiscal,
            };
            let (summary, rows) =
                formats::clients::read_surveys(table, mapping, options, &scope, &mut warnings)?;
            (Some(summary), rows)
        }
        None => (None, Vec::new()),
    };

    let invoices_path = invoice_summary.path.as_str();
    let clients_path = clients_summary.as_ref().map_or("", |s| s.path.as_str());
    let unknown_words: [(&Tally, &str, UnknownWarning); 4] = [
        (&unknown.status, invoices_path, |file, values| {
            Warning::UnknownStatus { file, values }
        }),
        (&unknown.kind, invoices_path, |file, values| {
            Warning::UnknownKind { file, values }
        }),
        (&unknown.channel, clients_path, |file, values| {
            Warning::UnknownChannel { file, values }
        }),
        (&unknown.client_type, clients_path, |file, values| {
            Warning::UnknownClientType { file, values }
        }),
    ];
    for (tally, path, warning) in unknown_words {
        if !tally.is_empty() {
            warnings.push(warning(path.to_string(), tally.counts()));
        }
    }

    let (undated, received) = finished.payments.undated_receipts;
    if undated > 0 {
        warnings.push(Warning::UndatedReceipts {
            file: invoices_path.to_string(),
            invoices: undated,
            received,
        });
    }
    let fiscal_year_start = finished.fiscal;
    let dataset = join(
        finished,
        fiscal_year_start,
        profiles,
        clients_summary.as_ref(),
        survey_rows,
        surveys_summary.as_ref(),
        &mut warnings,
    );
    Ok(Loaded {
        dataset,
        inputs: crate::model::quality::Inputs {
            invoices: invoice_summary,
            clients: clients_summary,
            surveys: surveys_summary,
            settings: None,
        },
        warnings,
    })
}

impl Layout {
    /// The mapping of a clients or surveys file (only invoices are FEC or ledgers).
    fn into_mapping(self) -> dialect::columns::Mapping {
        match self {
            Layout::Invoices(mapping) => mapping,
            Layout::Fec | Layout::Ledger => dialect::columns::Mapping::default(),
        }
    }
}

/// Looks clients up by id, then by any spelling of their name.
struct ClientIndex {
    by_id: foldhash::HashMap<compact_str::CompactString, usize>,
    by_name: TextMap<32, u32>,
}

impl ClientIndex {
    fn find(&self, id: Option<&str>, name: Option<&str>) -> Option<usize> {
        let by_id = id
            .map(normalize_key)
            .and_then(|k| self.by_id.get(k.as_str()).copied());
        by_id.or_else(|| {
            [name, id]
                .into_iter()
                .flatten()
                .find_map(|text| self.by_name.get(&normalize_key(text)))
                .map(|&index| index as usize)
        })
    }
}

const NAMES_LISTED: usize = 10;

/// Attaches the clients file and the surveys to the invoiced clients.
fn join(
    finished: Finished,
    fiscal_year_start: FiscalYearStart,
    profiles: Option<(Vec<ClientProfile>, formats::clients::Repeats)>,
    clients_summary: Option<&FileSummary>,
    survey_rows: Vec<SurveyRow>,
    surveys_summary: Option<&FileSummary>,
    warnings: &mut Vec<Warning>,
) -> Dataset {
    let Finished {
        base,
        clients,
        unidentified,
        by_name,
        latest,
        window,
        payments,
        ..
    } = finished;
    let mut dataset = Dataset {
        currency: base,
        fiscal_year_start,
        clients,
        unidentified,
        latest_date: latest,
        window,
        payment_columns: payments.columns,
        basis: payments.basis,
        receipts: payments.receipts,
        ..Dataset::default()
    };
    // Only a clients file or surveys look clients up: without them, a million clients'
    // keys are not copied into an index that nothing reads.
    let by_id = if profiles.is_some() || !survey_rows.is_empty() {
        let mut by_id =
            foldhash::HashMap::with_capacity_and_hasher(dataset.clients.len(), Default::default());
        for (i, client) in dataset.clients.iter().enumerate() {
            if client.id.is_some() {
                by_id.insert(client.key().into(), i);
            }
        }
        by_id
    } else {
        Default::default()
    };
    let index = ClientIndex { by_id, by_name };
    if let (Some((profiles, mut duplicates)), Some(summary)) = (profiles, clients_summary) {
        for profile in profiles {
            match index
                .find(profile.id.as_deref(), profile.name.as_deref())
                .and_then(|i| dataset.clients.get_mut(i))
            {
                Some(client) if client.extras.profile().is_some() => duplicates.add(profile.line),
                Some(client) => client.extras.set_profile(profile),
                None => dataset.unmatched_profiles.push(profile),
            }
        }
        if duplicates.count > 0 {
            duplicates.lines.sort_unstable();
            duplicates.lines.truncate(formats::clients::REPEATS_LISTED);
            warnings.push(Warning::DuplicateClientRows {
                file: summary.path.clone(),
                lines: duplicates.lines,
                count: duplicates.count,
            });
        }
        if !dataset.unmatched_profiles.is_empty() {
            let names = dataset
                .unmatched_profiles
                .iter()
                .take(NAMES_LISTED)
                .map(|p| p.name.clone().or(p.id.clone()).unwrap_or_default())
                .collect();
            warnings.push(Warning::ClientsWithoutInvoices {
                file: summary.path.clone(),
                names,
                count: dataset.unmatched_profiles.len() as u64,
            });
        }
        let missing: Vec<&str> = dataset
            .clients
            .iter()
            .filter(|c| c.extras.profile().is_none())
            .map(|c| c.name.as_str())
            .collect();
        if !missing.is_empty() {
            warnings.push(Warning::InvoicedClientsMissing {
                file: summary.path.clone(),
                names: missing
                    .iter()
                    .take(NAMES_LISTED)
                    .map(|s| s.to_string())
                    .collect(),
                count: missing.len() as u64,
            });
        }
    }
    let mut unmatched = Vec::new();
    let mut unmatched_rows = 0;
    for row in survey_rows {
        let id = (!row.client_id.is_empty()).then_some(row.client_id.as_str());
        let name = (!row.client.is_empty()).then_some(row.client.as_str());
        let client = index.find(id, name).map(ClientIdx);
        let client_text = name.or(id).unwrap_or_default().to_string();
        if client.is_none() {
            unmatched_rows += row.rows;
            if row.rows > 0 {
                unmatched.push(client_text.clone());
            }
        }
        dataset.surveys.push(SurveyResponse {
            line: row.line,
            client,
            client_text,
            date: row.date,
            score: row.score,
            comment: row.comment,
        });
    }
    if let (false, Some(summary)) = (unmatched.is_empty(), surveys_summary) {
        let count = unmatched_rows;
        unmatched.truncate(NAMES_LISTED);
        warnings.push(Warning::SurveysUnmatched {
            file: summary.path.clone(),
            names: unmatched,
            count,
        });
    }
    dataset
}
