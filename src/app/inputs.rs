//! Opening the inputs: files, standard input, workbook sheets and exchange rates. The
//! library only ever sees readers.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use anyhow::Result;

use portfolio::ingest::dialect::columns::FileKind;
use portfolio::ingest::formats::rates::Rates;
use portfolio::ingest::formats::workbook;
use portfolio::ingest::{self, Input, Loaded, Source};
use portfolio::model::quality::WorkbookRead;

use crate::failure::{Failure, UsageError};
use crate::settings::{Files, Settings};

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
    // A regular file can be opened again (to look at its end, or to read it a second
    // time); a pipe or a device is read once, as a stream.
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    if !regular {
        return Ok(Input::stream(name, Box::new(BufReader::new(file))));
    }
    let again = path.to_path_buf();
    let first = std::cell::Cell::new(Some(file));
    let open = move || -> io::Result<Box<dyn Source>> {
        let file = match first.take() {
            Some(file) => file,
            None => File::open(&again)?,
        };
        Ok(Box::new(BufReader::new(file)))
    };
    Input::reopenable(name.clone(), open)
        .map_err(|source| Failure::CannotOpen { file: name, source }.into())
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
    let csv: std::rc::Rc<[u8]> = chosen.csv.into();
    let open =
        move || -> io::Result<Box<dyn Source>> { Ok(Box::new(io::Cursor::new(csv.clone()))) };
    let input = Input::reopenable(format!("{name}[{}]", chosen.name), open)?;
    Ok((input, Some(read)))
}

/// The invoices: standard input, a CSV file, or a workbook's sheet.
pub(super) fn open_invoice_file(
    files: &Files,
    options: &ingest::Options,
) -> Result<(Input, Option<WorkbookRead>)> {
    if files.invoices == "-" {
        return Ok((open_invoices(&files.invoices)?, None));
    }
    open_maybe_workbook(
        Path::new(&files.invoices),
        || open_invoices(&files.invoices),
        FileKind::Invoices,
        files.sheet.as_deref(),
        options,
    )
}

fn open_invoices(arg: &str) -> Result<Input> {
    if arg == "-" {
        let stdin: Box<dyn Read> = Box::new(io::stdin());
        return Ok(Input::stream("standard input", stdin));
    }
    open(Path::new(arg))
}

/// The reading options, with the exchange rates read.
pub(super) fn reading_options(settings: &Settings) -> Result<ingest::Options> {
    let mut options = settings.ingest.clone();
    if let Some(path) = &settings.files.rates {
        let rates = open(path)?;
        let name = rates.name.clone();
        options.rates = Some(Rates::read(&name, rates.into_reader())?);
    }
    Ok(options)
}

/// Runs `read` with a progress callback that drives the invoices' bar, if one is worth
/// showing, and clears the bar when reading ends.
pub(super) fn with_progress<T>(
    settings: &Settings,
    read: impl FnOnce(&mut dyn FnMut(u64)) -> T,
) -> T {
    let size = match settings.files.invoices.as_str() {
        "-" => None,
        path => Some(std::fs::metadata(path).map_or(0, |m| m.len())),
    };
    let bar = crate::progress::bar(size, settings.quiet);
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

/// Reads every input of the run.
pub(super) fn load(settings: &Settings) -> Result<Loaded> {
    let options = reading_options(settings)?;
    let (invoices, invoices_book) = open_invoice_file(&settings.files, &options)?;
    let open_other = |path: &Path, kind| -> Result<(Input, Option<WorkbookRead>)> {
        open_maybe_workbook(path, || open(path), kind, None, &options)
    };
    let files = &settings.files;
    let clients = files
        .clients
        .as_deref()
        .map(|p| open_other(p, FileKind::Clients))
        .transpose()?;
    let surveys = files
        .surveys
        .as_deref()
        .map(|p| open_other(p, FileKind::Surveys))
        .transpose()?;
    let (clients, clients_book) = clients.map_or((None, None), |(i, b)| (Some(i), b));
    let (surveys, surveys_book) = surveys.map_or((None, None), |(i, b)| (Some(i), b));
    let mut loaded = with_progress(settings, |progress| {
        ingest::load_with_progress(invoices, clients, surveys, &options, progress)
    })?;
    loaded.inputs.invoices.workbook = invoices_book;
    if let Some(summary) = &mut loaded.inputs.clients {
        summary.workbook = clients_book;
    }
    if let Some(summary) = &mut loaded.inputs.surveys {
        summary.workbook = surveys_book;
    }
    loaded.inputs.settings.clone_from(&settings.settings_file);
    Ok(loaded)
}
