//! Load → analyse → render, one `match` over the subcommand. Opens files; the library
//! only ever sees readers.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::CommandFactory;

use portfolio::analysis::analyze as compute;
use portfolio::analysis::risk::Level;
use portfolio::ingest::columns::FileKind;
use portfolio::ingest::rates::Rates;
use portfolio::ingest::workbook;
use portfolio::ingest::{self, Input, Loaded};
use portfolio::model::quality::WorkbookRead;
use portfolio::model::warning::Warning;
use portfolio::report::check::{Ready, Role};
use portfolio::report::warnings::Message;
use portfolio::report::{self, Format, Lang, RenderOptions, Report, Section};

use crate::cli::{AnalyzeArgs, CheckArgs, Cli, Command, FormatArg, InputArgs, LevelArg};
use crate::config::Config;
use crate::failure::{Failure, UsageError};
use crate::output::{self, refuse_overwriting_inputs, write_output};
use crate::settings;
use crate::template;
use portfolio::in_order::map_in_order;

/// Exit codes (SPEC §1).
pub const EXIT_OK: i32 = 0;
/// `--fail-on`: the risk level reached the threshold (SPEC §1).
pub const EXIT_RISK: i32 = 3;

fn open(path: &Path) -> Result<Input> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        return Err(UsageError::OnlyInvoicesOnStdin.into());
    }
    if path.is_dir() {
        return Err(Failure::IsDirectory { file: name }.into());
    }
    let file = File::open(path).map_err(|source| Failure::CannotOpen {
        file: name.clone(),
        source,
    })?;
    let again = path.to_path_buf();
    Ok(Input {
        name,
        reader: Box::new(BufReader::new(file)),
        tail: None,
        reopen: Some(Box::new(move || {
            let file = File::open(&again)?;
            Ok(Box::new(BufReader::new(file)) as Box<dyn Read>)
        })),
    })
}

/// A file that may be a workbook (SPEC 2.5): its first bytes decide. Anything else is
/// opened by `open_csv` (which also names a missing file or a directory). A workbook's
/// sheet (`--sheet`, else the first whose header maps the fields of `kind`, else the
/// first) is read as CSV text; the file name carries the sheet (`factures.xlsx[Factures]`).
fn open_maybe_workbook(
    path: &Path,
    open_csv: impl FnOnce() -> Result<Input>,
    kind: FileKind,
    sheet: Option<&str>,
    options: &ingest::Options,
) -> Result<(Input, Option<WorkbookRead>)> {
    let mut prefix = [0u8; 8];
    let read = File::open(path)
        .and_then(|mut f| f.read(&mut prefix))
        .unwrap_or(0);
    if workbook::sniff(prefix.get(..read).unwrap_or_default()).is_none() {
        return Ok((open_csv()?, None));
    }
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| Failure::CannotOpen {
        file: name.clone(),
        source,
    })?;
    let sheets = workbook::sheets(&name, BufReader::new(file))?;
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let chosen = match sheet {
        Some(wanted) => workbook::pick(&name, sheets, wanted)?,
        None => {
            let position = sheets
                .iter()
                .position(|s| ingest::recognises(kind, &s.csv, options))
                .unwrap_or(0);
            match sheets.into_iter().nth(position) {
                Some(sheet) => sheet,
                None => return Err(ingest::error::IngestError::Empty { file: name }.into()),
            }
        }
    };
    let read = WorkbookRead {
        sheet: chosen.name.clone(),
        sheets: names,
        typed_cells: chosen.typed_cells,
    };
    let again = chosen.csv.clone();
    let input = Input {
        name: format!("{name}[{}]", chosen.name),
        reader: Box::new(io::Cursor::new(chosen.csv)),
        tail: None,
        reopen: Some(Box::new(move || {
            Ok(Box::new(io::Cursor::new(again.clone())) as Box<dyn Read>)
        })),
    };
    Ok((input, Some(read)))
}

/// The invoices: standard input, a CSV file, or a workbook's sheet.
fn open_invoice_file(
    input: &InputArgs,
    options: &ingest::Options,
) -> Result<(Input, Option<WorkbookRead>)> {
    if input.invoices == "-" {
        return Ok((open_invoices(&input.invoices)?, None));
    }
    open_maybe_workbook(
        Path::new(&input.invoices),
        || open_invoices(&input.invoices),
        FileKind::Invoices,
        input.sheet.as_deref(),
        options,
    )
}

fn open_invoices(arg: &str) -> Result<Input> {
    if arg == "-" {
        let stdin: Box<dyn Read> = Box::new(io::stdin());
        return Ok(Input::stream("standard input", stdin));
    }
    let path = Path::new(arg);
    let mut input = open(path)?;
    input.tail = read_tail(path).map_err(|source| Failure::CannotRead {
        file: input.name.clone(),
        source,
    })?;
    Ok(input)
}

/// The last bytes of a large file, for [`ingest::tail`]. A small file reads fast
/// anyway, and its end may still hold its header.
fn read_tail(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let size = ingest::tail::TAIL_BYTES as u64;
    let mut file = File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() || metadata.len() < 4 * size {
        return Ok(None);
    }
    file.seek(SeekFrom::End(-(ingest::tail::TAIL_BYTES as i64)))?;
    let mut tail = Vec::with_capacity(ingest::tail::TAIL_BYTES);
    file.take(size).read_to_end(&mut tail)?;
    Ok(Some(tail))
}

fn reading_options(
    input: &InputArgs,
    config: &Config,
    as_of: Option<chrono::NaiveDate>,
) -> Result<ingest::Options> {
    let mut options = settings::ingest_options(input, config)?;
    options.as_of = as_of;
    if let Some(path) = &input.rates {
        let rates = open(path)?;
        options.rates = Some(Rates::read(&rates.name, rates.reader)?);
    }
    Ok(options)
}

/// Runs `read` with a progress callback that drives the invoices' bar, if one is worth
/// showing, and clears the bar when reading ends.
fn with_progress<T>(input: &InputArgs, read: impl FnOnce(&mut dyn FnMut(u64)) -> T) -> T {
    let size = match input.invoices.as_str() {
        "-" => None,
        path => Some(std::fs::metadata(path).map_or(0, |m| m.len())),
    };
    let bar = crate::progress::bar(size, input.quiet);
    let result = read(&mut |bytes| {
        if let Some(bar) = &bar {
            bar.set_position(bytes);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// Every file a run reads, for [`refuse_overwriting_inputs`].
fn input_paths(input: &InputArgs) -> Vec<&Path> {
    // Without --config, the settings file read is portfolio.toml here, when it exists.
    let mut paths = vec![Path::new(&input.invoices), Path::new("portfolio.toml")];
    paths.extend(
        [&input.clients, &input.surveys, &input.rates, &input.config]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path),
    );
    paths
}

fn load(input: &InputArgs, config: &Config, as_of: Option<chrono::NaiveDate>) -> Result<Loaded> {
    let options = reading_options(input, config, as_of)?;
    let (invoices, invoices_book) = open_invoice_file(input, &options)?;
    let open_other = |path: &Path, kind| -> Result<(Input, Option<WorkbookRead>)> {
        open_maybe_workbook(path, || open(path), kind, None, &options)
    };
    let clients = input
        .clients
        .as_deref()
        .map(|p| open_other(p, FileKind::Clients))
        .transpose()?;
    let surveys = input
        .surveys
        .as_deref()
        .map(|p| open_other(p, FileKind::Surveys))
        .transpose()?;
    let (clients, clients_book) = clients.map_or((None, None), |(i, b)| (Some(i), b));
    let (surveys, surveys_book) = surveys.map_or((None, None), |(i, b)| (Some(i), b));
    let mut loaded = with_progress(input, |progress| {
        ingest::load_with_progress(invoices, clients, surveys, &options, progress)
    })?;
    loaded.inputs.invoices.workbook = invoices_book;
    if let Some(summary) = &mut loaded.inputs.clients {
        summary.workbook = clients_book;
    }
    if let Some(summary) = &mut loaded.inputs.surveys {
        summary.workbook = surveys_book;
    }
    Ok(loaded)
}

/// Says which settings file the run applies when it was found, not named: one in the
/// current directory (a shared folder's) could otherwise raise every threshold unseen.
fn announce_settings(input: &InputArgs, config: &Config, quiet: bool, lang: Lang) {
    let (None, Some(name)) = (&input.config, config.name()) else {
        return;
    };
    let text = match lang {
        Lang::En => format!("settings read from {name}"),
        Lang::Fr => format!("réglages lus dans {name}"),
    };
    warn(quiet, lang, &[text]);
}

fn warn(quiet: bool, lang: Lang, warnings: &[String]) {
    if quiet {
        return;
    }
    let label = match lang {
        Lang::En => "warning: ",
        Lang::Fr => "avertissement\u{a0}: ",
    };
    let mut err = io::stderr().lock();
    for warning in warnings {
        // Standard error may be closed; warnings are not worth failing for. Names and
        // file names in them come from the inputs: made inert.
        let _ = writeln!(err, "{label}{}", report::text::inert(warning));
    }
}

/// Fails with every rejected line when `--strict` is on.
fn enforce_strict(strict: bool, loaded: &Loaded) -> Result<()> {
    if !strict {
        return Ok(());
    }
    let rows: Vec<(String, _)> = loaded
        .inputs
        .files()
        .flat_map(|file| {
            file.rejections
                .iter()
                .take(20)
                .map(|r| (file.path.clone(), r.clone()))
        })
        .collect();
    let total: u64 = loaded.inputs.files().map(|f| f.rejected_total()).sum();
    if total > 0 {
        return Err(Failure::Strict { total, rows }.into());
    }
    Ok(())
}

fn nothing_counted(loaded: &Loaded) -> Result<()> {
    let invoices = &loaded.inputs.invoices;
    if invoices.used == 0 {
        return Err(Failure::NothingToAnalyse {
            file: invoices.path.clone(),
            rows: invoices.rows,
            excluded: invoices.excluded_total(),
            excluded_by_status: invoices
                .excluded
                .iter()
                .map(|(s, n)| (s.clone(), *n))
                .collect(),
            rejected: invoices.rejected_total(),
        }
        .into());
    }
    Ok(())
}

fn rejected_warning(loaded: &Loaded) -> Vec<Warning> {
    loaded
        .inputs
        .files()
        .filter(|f| f.rejected_total() > 0)
        .map(|f| Warning::RejectedRows {
            file: f.path.clone(),
            count: f.rejected_total(),
            first_lines: f.first_rejected_lines(10),
        })
        .collect()
}

fn analyze(args: &AnalyzeArgs, section: Section) -> Result<i32> {
    if let Some(by) = &args.by {
        return analyze_by(args, section, by);
    }
    if args.statement.is_some() && section != Section::Referrals {
        return Err(UsageError::StatementReferralsOnly.into());
    }
    if args.format == Some(FormatArg::Csv) && section == Section::All {
        return Err(UsageError::CsvWholeReport(report::csv::WHOLE_REPORT).into());
    }
    refuse_overwriting_inputs(args.output.as_deref(), &input_paths(&args.input))?;
    let config = Config::load(args.input.config.as_deref())?;
    let params = settings::params(args, &config)?;
    let lang = settings::lang(args.input.lang, &config);
    announce_settings(&args.input, &config, args.input.quiet, lang);
    let mut loaded = load(&args.input, &config, params.as_of)?;
    loaded.inputs.settings = config.name();
    let report = build_report(args, &params, loaded, None)?;
    let format = format_of(args);
    let options = human_render_options(args, lang, section, params.threads);
    warn(args.input.quiet, lang, &report.warning_texts(lang));
    if let Some(name) = &args.statement {
        let referrer =
            report::statement::find(&report, name).ok_or_else(|| UsageError::UnknownReferrer {
                name: name.clone(),
                known: report::statement::names(&report, lang),
            })?;
        let render = |out: &mut dyn Write| {
            report::statement::render(&report, referrer, format, &options, out)
        };
        write_output(args.output.as_deref(), render)?;
        return Ok(EXIT_OK);
    }
    // Written as rendered: a report of a million clients is not held twice in memory.
    let render = |out: &mut dyn Write| report::render(&report, format, &options, out);
    write_output(args.output.as_deref(), render)?;
    let threshold = args.fail_on.map(level_of);
    let code = match threshold {
        Some(threshold) if report.analysis.risk_level >= threshold => EXIT_RISK,
        _ => EXIT_OK,
    };
    // The process ends here: freeing a million clients' summaries one allocation at a
    // time would take longer than the exit that frees them all at once.
    std::mem::forget(report);
    Ok(code)
}

fn check(args: &CheckArgs) -> Result<i32> {
    let config = Config::load(args.input.config.as_deref())?;
    announce_settings(
        &args.input,
        &config,
        false,
        settings::lang(args.input.lang, &config),
    );
    let loaded = load(&args.input, &config, None)?;
    // Written whole once made inert: file names, headers and rejected values come from
    // the inputs.
    let lang = settings::lang(args.input.lang, &config);
    let inputs = &loaded.inputs;
    let mut files = vec![(Role::Invoices, &inputs.invoices)];
    files.extend(inputs.clients.as_ref().map(|c| (Role::Clients, c)));
    files.extend(inputs.surveys.as_ref().map(|s| (Role::Surveys, s)));
    let verdict =
        nothing_counted(&loaded).and_then(|()| enforce_strict(args.input.strict, &loaded));
    let ready = verdict.is_ok().then(|| {
        let data = &loaded.dataset;
        let years = || data.payers().flat_map(|c| c.years.keys());
        Ready {
            clients: data.clients.len() as u64,
            first_year: years().min(),
            last_year: years().max(),
            currency: data.currency.clone(),
        }
    });
    let mut out = Vec::new();
    report::check::render(lang, &files, &loaded.warnings, ready.as_ref(), &mut out)?;
    let text = String::from_utf8_lossy(&out);
    output::print(report::text::inert_lines(&text).as_bytes())?;
    verdict?;
    Ok(EXIT_OK)
}

/// `analyze --by COLUMN`: one compact JSON report per value of the column, one a line.
/// How a report for people is laid out: as wide as the terminal, in colour there; a
/// report file is read in a window or printed, so the usual 100 columns and no colour.
fn human_render_options(
    args: &AnalyzeArgs,
    lang: Lang,
    section: Section,
    threads: usize,
) -> RenderOptions {
    RenderOptions {
        lang,
        section,
        width: Some(if args.output.is_some() {
            100
        } else {
            settings::table_width()
        }),
        threads,
        color: args.output.is_none() && settings::color(args.no_color),
    }
}

/// Threads that build `--by` groups side by side: a few large groups are built in turn,
/// each report on all threads (and one report's memory at a time); many groups, side
/// by side.
fn group_threads(groups: usize, threads: usize) -> usize {
    if groups >= 4 * threads {
        threads
    } else {
        1
    }
}

/// The output format: `--format`, else a table.
fn format_of(args: &AnalyzeArgs) -> Format {
    match args.format.unwrap_or(FormatArg::Table) {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Csv => Format::Csv,
        FormatArg::Html => Format::Html,
    }
}

fn analyze_by(args: &AnalyzeArgs, section: Section, by: &str) -> Result<i32> {
    if section != Section::All {
        return Err(UsageError::ByAnalyzeOnly.into());
    }
    if args.input.clients.is_some() || args.input.surveys.is_some() {
        return Err(UsageError::ByInvoicesOnly.into());
    }
    refuse_overwriting_inputs(args.output.as_deref(), &input_paths(&args.input))?;
    let config = Config::load(args.input.config.as_deref())?;
    let params = settings::params(args, &config)?;
    let lang = settings::lang(args.input.lang, &config);
    announce_settings(&args.input, &config, args.input.quiet, lang);
    let options = reading_options(&args.input, &config, params.as_of)?;
    let (invoices, _) = open_invoice_file(&args.input, &options)?;
    let groups = with_progress(&args.input, |progress| {
        ingest::load_grouped(invoices, by, &options, progress)
    });
    let format = format_of(args);
    if format != Format::Json {
        return summarize_by(args, by, groups?, &params, lang, &config, format);
    }
    let threshold = args.fail_on.map(level_of);
    let mut failed = 0u64;
    let mut at_risk = false;
    let render = RenderOptions {
        lang,
        section,
        width: None,
        // A group's report is one line of JSON, written as it is serialised.
        threads: 1,
        color: false,
    };
    // Each group's report on its own: built side by side, written in the groups' order.
    let build = |(value, mut loaded): (String, Loaded)| {
        loaded.inputs.settings = config.name();
        let group = report::Group {
            column: by.to_string(),
            value,
        };
        let report = build_report(args, &params, loaded, Some(group.clone()));
        let built = report.and_then(|report| {
            let mut json = Vec::new();
            report::render(&report, Format::Json, &render, &mut json)?;
            Ok((report.warning_texts(lang), report.analysis.risk_level, json))
        });
        (group, built)
    };
    let write = |out: &mut dyn Write| -> io::Result<()> {
        let groups = groups.map_err(io::Error::other)?;
        let threads = group_threads(groups.len(), params.threads);
        map_in_order(groups, threads, build, |(group, built)| match built {
            Ok((texts, risk_level, json)) => {
                let labelled: Vec<String> = texts
                    .iter()
                    .map(|t| format!("[{}] {t}", group.value))
                    .collect();
                warn(args.input.quiet, lang, &labelled);
                at_risk |= threshold.is_some_and(|t| risk_level >= t);
                out.write_all(&json)
            }
            Err(error) => {
                failed += 1;
                let line = serde_json::json!({
                    "schema_version": report::SCHEMA_VERSION,
                    "group": group,
                    "error": format!("{error:#}"),
                });
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)
            }
        })
    };
    write_output(args.output.as_deref(), write)?;
    if failed > 0 {
        return Err(Failure::GroupsFailed(failed).into());
    }
    Ok(if at_risk { EXIT_RISK } else { EXIT_OK })
}

/// `--by` in a human format or CSV: one summary row per group, every group about the
/// same focus year (`--year`, else the latest with revenue in the file) and as-of date
/// (SPEC 6). Only the rows are kept, never the reports.
fn summarize_by(
    args: &AnalyzeArgs,
    by: &str,
    groups: Vec<(String, Loaded)>,
    params: &portfolio::analysis::Params,
    lang: Lang,
    config: &Config,
    format: Format,
) -> Result<i32> {
    use portfolio::analysis::summary::{figures, GroupRow, Missing};
    use portfolio::analysis::AnalysisError;
    let mut common = params.clone();
    common.as_of = params.as_of.or_else(|| {
        groups
            .iter()
            .filter_map(|(_, l)| l.dataset.latest_date)
            .max()
    });
    let focus = match params.focus_year {
        Some(year) => Some(year),
        None => groups
            .iter()
            .filter_map(|(_, l)| {
                let (period, _) =
                    portfolio::analysis::revenue::overview(&l.dataset, &common).ok()?;
                period.focus_year
            })
            .max(),
    };
    let Some(focus) = focus else {
        return Err(Failure::NoGroupRevenue.into());
    };
    common.focus_year = Some(focus);
    let (fiscal_year_start, basis) = groups
        .first()
        .map(|(_, l)| (l.dataset.fiscal_year_start, l.dataset.basis))
        .unwrap_or_default();
    let threshold = args.fail_on.map(level_of);
    let threads = group_threads(groups.len(), params.threads);
    let build = |(value, mut loaded): (String, Loaded)| {
        loaded.inputs.settings = config.name();
        let group = report::Group {
            column: by.to_string(),
            value: value.clone(),
        };
        // Warnings go back with the row, to be printed in the groups' order.
        match build_report(args, &common, loaded, Some(group)) {
            Ok(report) => {
                let texts: Vec<String> = report
                    .warning_texts(lang)
                    .iter()
                    .map(|t| format!("[{value}] {t}"))
                    .collect();
                let figures = figures(&report.analysis, focus).ok_or(Missing::NoRevenueInYear);
                let row = GroupRow {
                    group: value,
                    figures,
                };
                (row, texts)
            }
            Err(error) => {
                let figures = match error.downcast_ref::<AnalysisError>() {
                    Some(AnalysisError::FocusYearOutOfRange { .. }) => {
                        Err(Missing::NoRevenueInYear)
                    }
                    _ => Err(Missing::Failed(crate::failure::message(lang, &error))),
                };
                let row = GroupRow {
                    group: value,
                    figures,
                };
                (row, Vec::new())
            }
        }
    };
    let mut rows = Vec::new();
    map_in_order(groups, threads, build, |(row, texts)| -> io::Result<()> {
        warn(args.input.quiet, lang, &texts);
        rows.push(row);
        Ok(())
    })?;
    let at_risk = threshold.is_some_and(|t| {
        rows.iter()
            .any(|r| r.figures.as_ref().is_ok_and(|f| f.level >= t))
    });
    let summary =
        report::summary::Summary::new(by.to_string(), focus, fiscal_year_start, basis, rows);
    let options = human_render_options(args, lang, Section::All, 1);
    write_output(args.output.as_deref(), |out| {
        report::summary::render(&summary, format, &options, out)
    })?;
    let failed = summary
        .rows
        .iter()
        .filter(|r| matches!(r.figures, Err(Missing::Failed(_))))
        .count() as u64;
    if failed > 0 {
        return Err(Failure::GroupsFailedInSummary(failed).into());
    }
    Ok(if at_risk { EXIT_RISK } else { EXIT_OK })
}

/// The report of what was loaded (one group's, with `--by`), or why there is none.
fn build_report(
    args: &AnalyzeArgs,
    params: &portfolio::analysis::Params,
    loaded: Loaded,
    group: Option<report::Group>,
) -> Result<Report> {
    enforce_strict(args.input.strict, &loaded)?;
    nothing_counted(&loaded)?;
    let mut params = params.clone();
    params.quality = loaded.quality();
    let analysis = compute(&loaded.dataset, &params)?;
    let mut warnings: Vec<Message> = loaded
        .warnings
        .iter()
        .cloned()
        .map(Message::Input)
        .collect();
    warnings.extend(rejected_warning(&loaded).into_iter().map(Message::Input));
    warnings.extend(analysis.notes.iter().cloned().map(Message::Analysis));
    Ok(Report {
        tool: format!("portfolio {}", env!("CARGO_PKG_VERSION")),
        currency: loaded.dataset.currency.clone(),
        analysis,
        inputs: loaded.inputs,
        dormant_after_months: params.dormant_after_months,
        warnings,
        group,
    })
}

fn level_of(level: LevelArg) -> Level {
    match level {
        LevelArg::Low => Level::Low,
        LevelArg::Moderate => Level::Moderate,
        LevelArg::High => Level::High,
        LevelArg::Critical => Level::Critical,
    }
}

pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Analyze(args) => analyze(&args, Section::All),
        Command::Segments(args) => analyze(&args, Section::Segments),
        Command::Risk(args) => analyze(&args, Section::Risk),
        Command::Retention(args) => analyze(&args, Section::Retention),
        Command::Nps(args) => analyze(&args, Section::Nps),
        Command::Referrals(args) => analyze(&args, Section::Referrals),
        Command::Plan(args) => analyze(&args, Section::Plan),
        Command::Stress(args) => analyze(&args, Section::Stress),
        Command::Payments(args) => analyze(&args, Section::Payments),
        Command::Thresholds(args) => analyze(&args, Section::Thresholds),
        Command::Check(args) => check(&args),
        Command::Template(args) => template::write(&args),
        Command::Man => {
            let command = Cli::command();
            // Made in memory, then written: a closed pipe or a full disk is then an
            // error to report, never a panic halfway.
            let mut out = Vec::new();
            clap_mangen::Man::new(command.clone()).render(&mut out)?;
            // Each subcommand's options, so the one page documents every flag.
            for sub in command.get_subcommands() {
                writeln!(out, ".SH \"PORTFOLIO {}\"", sub.get_name().to_uppercase())?;
                let page = clap_mangen::Man::new(
                    sub.clone()
                        .bin_name(format!("portfolio {}", sub.get_name())),
                );
                page.render_synopsis_section(&mut out)?;
                page.render_options_section(&mut out)?;
            }
            output::print(&out)?;
            Ok(EXIT_OK)
        }
        Command::Completions { shell } => {
            // clap_complete panics when its writer fails: it writes to memory.
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "portfolio", &mut out);
            output::print(&out)?;
            Ok(EXIT_OK)
        }
    }
}
