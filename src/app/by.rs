//! `analyze --by COLUMN`: one report per value of a column (JSON, one a line), or one
//! summary row per value (the human formats and CSV).

use std::io::{self, Write};

use anyhow::Result;

use portfolio::analysis::risk::Level;
use portfolio::analysis::summary::{figures, GroupRow, Missing};
use portfolio::analysis::AnalysisError;
use portfolio::analysis::Params;
use portfolio::in_order::{feed_in_order, map_in_order, Pushed};
use portfolio::ingest::{self, Input, Loaded};
use portfolio::model::{Basis, FiscalYearStart, Year};
use portfolio::report::{self, Format, RenderOptions, Report, Section};

use super::inputs::{open_invoice_file, reading_options, with_progress};
use super::{build_report, warn, EXIT_OK, EXIT_RISK};
use crate::cli::InputArgs;
use crate::failure::{Failure, UsageError};
use crate::output::write_output;
use crate::settings::Settings;

/// Refuses what `--by` cannot do, before anything is read.
pub(super) fn refuse(section: Section, input: &InputArgs) -> Result<()> {
    if section != Section::All {
        return Err(UsageError::ByAnalyzeOnly.into());
    }
    if input.clients.is_some() || input.surveys.is_some() {
        return Err(UsageError::ByInvoicesOnly.into());
    }
    Ok(())
}

/// A group's report: its warnings, its risk level and its JSON line, or why it has none.
type Built = (report::Group, Result<(Vec<String>, Level, Rendered)>);

/// A group's JSON line: rendered on a building thread, or, for a report built on the
/// calling thread when its turn has come, rendered straight to the output as it is
/// serialised (a large group's JSON is not held whole in memory).
enum Rendered {
    Json(Vec<u8>),
    Report(Box<Report>),
}

pub(super) fn analyze_by(settings: &Settings, by: &str) -> Result<i32> {
    let options = reading_options(settings)?;
    let (invoices, _) = open_invoice_file(&settings.files, &options)?;
    if settings.format != Format::Json {
        return summarize_by(settings, by, invoices, &options);
    }
    let lang = settings.lang;
    let mut failed = 0u64;
    let mut at_risk = false;
    let mut reading_error = None;
    let render = RenderOptions {
        lang,
        section: Section::All,
        width: None,
        // A group's report is one line of JSON, written as it is serialised.
        threads: 1,
        color: false,
    };
    // Many groups are built side by side, each report's sections in turn; a few (large)
    // ones are built in turn on the calling thread, each with every thread, as they
    // would be alone: one report's memory at a time.
    let threads = settings.params.threads;
    let side_by_side = Params {
        threads: 1,
        ..settings.params.clone()
    };
    // Each group's report on its own, written in the groups' order.
    let build = |(value, mut loaded): (String, Loaded), params: &Params, here: bool| {
        loaded.inputs.settings.clone_from(&settings.settings_file);
        let group = report::Group {
            column: by.to_string(),
            value,
        };
        let report = build_report(settings, params, loaded, Some(group.clone()));
        let built = report.and_then(|report| {
            let (texts, level) = (report.warning_texts(lang), report.analysis.risk_level);
            if here {
                return Ok((texts, level, Rendered::Report(Box::new(report))));
            }
            let mut json = Vec::new();
            report::render(&report, Format::Json, &render, &mut json)?;
            Ok((texts, level, Rendered::Json(json)))
        });
        (group, built)
    };
    let write = |out: &mut dyn Write| -> io::Result<()> {
        let each = |(group, built): Built| match built {
            Ok((texts, risk_level, rendered)) => {
                let labelled: Vec<String> = texts
                    .iter()
                    .map(|t| format!("[{}] {t}", group.value))
                    .collect();
                warn(settings.quiet, lang, &labelled);
                at_risk |= settings.fail_on.is_some_and(|t| risk_level >= t);
                match rendered {
                    Rendered::Json(json) => out.write_all(&json),
                    Rendered::Report(report) => report::render(&report, Format::Json, &render, out),
                }
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
        };
        let build_side_by_side = |group| build(group, &side_by_side, false);
        let fed = with_progress(settings, |progress| {
            feed_in_order(threads, build_side_by_side, each, |push| {
                let mut push = |value, loaded, count: Option<usize>| {
                    let job = match count {
                        Some(count) if group_threads(count, threads) == 1 => {
                            Pushed::Ready(build((value, loaded), &settings.params, true))
                        }
                        _ => Pushed::Build((value, loaded)),
                    };
                    push(job).map_err(anyhow::Error::from)
                };
                ingest::load_grouped(invoices, by, &options, progress, &mut push)
            })
        });
        // A write error stays one (a closed pipe is a success, SPEC 1); a reading error
        // is told as itself once the output is abandoned.
        fed.map_err(|error| match error.downcast::<io::Error>() {
            Ok(written) => written,
            Err(read) => {
                reading_error = Some(read);
                io::Error::other("the reading stopped")
            }
        })
    };
    let written = write_output(settings.output.as_deref(), write);
    if let Some(error) = reading_error {
        return Err(error);
    }
    written?;
    if failed > 0 {
        return Err(Failure::GroupsFailed(failed).into());
    }
    Ok(if at_risk { EXIT_RISK } else { EXIT_OK })
}

/// `--by` in a human format or CSV: one summary row per group, every group about the
/// same focus year (`--year`, else the latest with revenue in the file) and as-of date
/// (SPEC 6). Only the rows are kept, never the reports.
fn summarize_by(
    settings: &Settings,
    by: &str,
    invoices: Input,
    options: &ingest::Options,
) -> Result<i32> {
    // With the date and year given, every group's row is made as the groups are read;
    // otherwise they depend on every group, which are all read first.
    let Rows {
        rows,
        focus,
        fiscal_year_start,
        basis,
    } = match (settings.ingest.as_of, settings.params.focus_year) {
        (Some(_), Some(focus)) => rows_as_read(settings, by, invoices, options, focus)?,
        _ => rows_of_every_group(settings, by, invoices, options)?,
    };
    let at_risk = settings.fail_on.is_some_and(|t| {
        rows.iter()
            .any(|r| r.figures.as_ref().is_ok_and(|f| f.level >= t))
    });
    let summary =
        report::summary::Summary::new(by.to_string(), focus, fiscal_year_start, basis, rows);
    let mut options = settings.render;
    options.threads = 1;
    write_output(settings.output.as_deref(), |out| {
        report::summary::render(&summary, settings.format, &options, out)
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

/// The summary's rows, the year they are about, and how the groups' years are counted.
struct Rows {
    rows: Vec<GroupRow>,
    focus: Year,
    fiscal_year_start: FiscalYearStart,
    basis: Basis,
}

/// Prints a row's warnings (in the groups' order) and keeps the row.
fn keep_row(settings: &Settings, rows: &mut Vec<GroupRow>, (row, texts): (GroupRow, Vec<String>)) {
    warn(settings.quiet, settings.lang, &texts);
    rows.push(row);
}

/// Every group's row made as the groups are read: the as-of date and `focus` are given.
fn rows_as_read(
    settings: &Settings,
    by: &str,
    invoices: Input,
    options: &ingest::Options,
    focus: Year,
) -> Result<Rows> {
    let params = &settings.params;
    let mut rows = Vec::new();
    let mut kind = None;
    // Groups are built side by side, so each report's sections are computed in turn.
    let per_group = Params {
        threads: 1,
        ..params.clone()
    };
    let build = |group| summary_row(settings, by, &per_group, focus, group);
    with_progress(settings, |progress| {
        let take = |row| -> io::Result<()> {
            keep_row(settings, &mut rows, row);
            Ok(())
        };
        feed_in_order(params.threads, build, take, |push| {
            let mut push = |value, loaded: Loaded, _: Option<usize>| {
                let dataset = &loaded.dataset;
                kind.get_or_insert((dataset.fiscal_year_start, dataset.basis));
                push(Pushed::Build((value, loaded))).map_err(anyhow::Error::from)
            };
            ingest::load_grouped(invoices, by, options, progress, &mut push)
        })
    })?;
    let (fiscal_year_start, basis) = kind.unwrap_or_default();
    Ok(Rows {
        rows,
        focus,
        fiscal_year_start,
        basis,
    })
}

/// Every group read first, then the as-of date (`--as-of`, else the latest date of any
/// group) and the focus year (`--year`, else the latest with revenue in any group)
/// found, then each group's row.
fn rows_of_every_group(
    settings: &Settings,
    by: &str,
    invoices: Input,
    options: &ingest::Options,
) -> Result<Rows> {
    let params = &settings.params;
    let mut groups = Vec::new();
    with_progress(settings, |progress| {
        let mut keep = |value, loaded, _: Option<usize>| -> Result<()> {
            groups.push((value, loaded));
            Ok(())
        };
        ingest::load_grouped(invoices, by, options, progress, &mut keep)
    })?;
    // Every group is seen as of the same date: the one given, else the latest of all.
    let as_of = settings.ingest.as_of.or_else(|| {
        groups
            .iter()
            .filter_map(|(_, l)| l.dataset.latest_date)
            .max()
    });
    if let Some(as_of) = as_of {
        for (_, loaded) in &mut groups {
            loaded.dataset.window = loaded.dataset.window.as_of_later(as_of);
        }
    }
    let mut common = params.clone();
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
    let threads = group_threads(groups.len(), params.threads);
    let build = |group| summary_row(settings, by, &common, focus, group);
    let mut rows = Vec::new();
    map_in_order(groups, threads, build, |row| -> io::Result<()> {
        keep_row(settings, &mut rows, row);
        Ok(())
    })?;
    Ok(Rows {
        rows,
        focus,
        fiscal_year_start,
        basis,
    })
}

/// A group's summary row, with its warnings to print in the groups' order.
fn summary_row(
    settings: &Settings,
    by: &str,
    common: &Params,
    focus: Year,
    (value, mut loaded): (String, Loaded),
) -> (GroupRow, Vec<String>) {
    let lang = settings.lang;
    {
        loaded.inputs.settings.clone_from(&settings.settings_file);
        let group = report::Group {
            column: by.to_string(),
            value: value.clone(),
        };
        // Warnings go back with the row, to be printed in the groups' order.
        match build_report(settings, common, loaded, Some(group)) {
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
                    _ => Err(Missing::Failed(crate::wording::message(lang, &error))),
                };
                let row = GroupRow {
                    group: value,
                    figures,
                };
                (row, Vec::new())
            }
        }
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
