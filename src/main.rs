//! The `portfolio` binary: parse, run, print the error chain once, exit with the
//! documented code. A closed pipe (`| head`) is success.

mod allocator;
mod app;
mod cli;
mod config;
mod failure;
mod output;
mod progress;
mod settings;
mod template;
mod wording;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use portfolio::report::errors;
use portfolio::report::Lang;

/// SPEC §1: 1 unusable input or I/O error, 2 usage error.
const EXIT_INPUT: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// The language of error messages, known before the settings are: `--lang`, else the
/// locale (a settings file's `lang` is not read when the run fails).
fn error_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let flag = args.iter().enumerate().find_map(|(i, a)| match a.as_str() {
        "--lang" => args.get(i + 1).map(String::as_str),
        other => other.strip_prefix("--lang="),
    });
    match flag {
        Some("fr") => Lang::Fr,
        Some(_) => Lang::En,
        None => settings::Env::current().lang(),
    }
}

fn main() -> ExitCode {
    allocator::return_large_blocks_when_freed();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => clap_exit(error),
    };
    match app::run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(EXIT_INPUT)),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let usage = error.downcast_ref::<settings::UsageError>().is_some();
            let lang = error_lang();
            // An error may quote the inputs (file names, headers, values): made inert.
            let message = wording::message(lang, &error);
            let _ = writeln!(
                io::stderr(),
                "{}{}",
                errors::prefix(lang),
                portfolio::report::text::inert_lines(&message)
            );
            ExitCode::from(if usage { EXIT_USAGE } else { EXIT_INPUT })
        }
    }
}

/// clap's own errors and help: its text is English (README), but a French run at least
/// reads `erreur :` first.
fn clap_exit(error: clap::Error) -> ! {
    if error.use_stderr() && error_lang() == Lang::Fr {
        let text = error.render().to_string();
        let text = text.strip_prefix("error: ").unwrap_or(&text);
        let _ = write!(io::stderr(), "{}{text}", errors::prefix(Lang::Fr));
        std::process::exit(error.exit_code());
    }
    error.exit()
}
