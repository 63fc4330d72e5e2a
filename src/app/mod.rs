//! Load → analyse → render, one `match` over the subcommand. The settings are resolved
//! once ([`Settings`]); opening the inputs is [`inputs`], `--by` is [`by`], writing the
//! report is [`crate::output`].

mod by;
mod inputs;

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::CommandFactory;

use portfolio::analysis::analyze as compute;
use portfolio::analysis::Params;
use portfolio::ingest::Loaded;
use portfolio::model::warning::Warning;
use portfolio::report::check::{Ready, Role};
use portfolio::report::warnings::Message;
use portfolio::report::{self, Lang, Report, Section};

use crate::cli::{AnalyzeArgs, CheckArgs, Cli, Command, FormatArg};
use crate::config::Config;
use crate::failure::{Failure, UsageError};
use crate::output::{self, refuse_overwriting_inputs, write_output};
use crate::settings::{self, Env, Files, Settings};
use crate::template;

/// Exit codes (SPEC §1).
pub const EXIT_OK: i32 = 0;
/// `--fail-on`: the risk level reached the threshold (SPEC §1).
pub const EXIT_RISK: i32 = 3;

/// Says which settings file the run applies when it was found, not named: one in the
/// current directory (a shared folder's) could otherwise raise every threshold unseen.
fn announce_settings(named: Option<&Path>, config: &Config, quiet: bool, lang: Lang) {
    let (None, Some(name)) = (named, config.name()) else {
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
    if args.statement.is_some() && section != Section::Referrals && args.by.is_none() {
        return Err(UsageError::StatementReferralsOnly.into());
    }
    if args.format == Some(FormatArg::Csv) && section == Section::All && args.by.is_none() {
        return Err(UsageError::CsvWholeReport.into());
    }
    if args.by.is_some() {
        by::refuse(section, &args.input)?;
    }
    let files = Files::from(&args.input);
    refuse_overwriting_inputs(args.output.as_deref(), &files.paths())?;
    let env = Env::current();
    let config = Config::load(files.config.as_deref())?;
    let lang = settings::lang(args.input.lang, &config, &env);
    announce_settings(files.config.as_deref(), &config, args.input.quiet, lang);
    let settings = Settings::resolve(args, section, &config, &env)?;
    if let Some(by) = &settings.by {
        return by::analyze_by(&settings, by);
    }
    let loaded = inputs::load(&settings)?;
    let report = build_report(&settings, &settings.params, loaded, None)?;
    let (format, options) = (settings.format, &settings.render);
    warn(settings.quiet, lang, &report.warning_texts(lang));
    if let Some(name) = &settings.statement {
        let referrer =
            report::statement::find(&report, name).ok_or_else(|| UsageError::UnknownReferrer {
                name: name.clone(),
                known: report::statement::names(&report, lang),
            })?;
        let render = |out: &mut dyn Write| {
            report::statement::render(&report, referrer, format, options, out)
        };
        write_output(settings.output.as_deref(), render)?;
        return Ok(EXIT_OK);
    }
    // Written as rendered: a report of a million clients is not held twice in memory.
    let render = |out: &mut dyn Write| report::render(&report, format, options, out);
    write_output(settings.output.as_deref(), render)?;
    let code = match settings.fail_on {
        Some(threshold) if report.analysis.risk_level >= threshold => EXIT_RISK,
        _ => EXIT_OK,
    };
    // The process ends here: freeing a million clients' summaries one allocation at a
    // time would take longer than the exit that frees them all at once.
    std::mem::forget(report);
    Ok(code)
}

fn check(args: &CheckArgs) -> Result<i32> {
    let env = Env::current();
    let config = Config::load(args.input.config.as_deref())?;
    let lang = settings::lang(args.input.lang, &config, &env);
    announce_settings(args.input.config.as_deref(), &config, false, lang);
    let settings = Settings::for_check(args, &config, &env)?;
    let loaded = inputs::load(&settings)?;
    // Written whole once made inert: file names, headers and rejected values come from
    // the inputs.
    let inputs = &loaded.inputs;
    let mut files = vec![(Role::Invoices, &inputs.invoices)];
    files.extend(inputs.clients.as_ref().map(|c| (Role::Clients, c)));
    files.extend(inputs.surveys.as_ref().map(|s| (Role::Surveys, s)));
    let verdict = nothing_counted(&loaded).and_then(|()| enforce_strict(settings.strict, &loaded));
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

/// The report of what was loaded (one group's, with `--by`), or why there is none.
fn build_report(
    settings: &Settings,
    params: &Params,
    loaded: Loaded,
    group: Option<report::Group>,
) -> Result<Report> {
    enforce_strict(settings.strict, &loaded)?;
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
        clients: loaded.dataset.clients,
        inputs: loaded.inputs,
        dormant_after_months: params.dormant_after_months,
        warnings,
        group,
    })
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
