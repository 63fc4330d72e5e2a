//! The `portfolio` binary: parse, run, print the error chain once, exit with the
//! documented code. A closed pipe (`| head`) is success.

mod allocator;
mod app;
mod cli;
mod config;
mod output;
mod progress;
mod settings;
mod template;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

/// SPEC §1: 1 unusable input or I/O error, 2 usage error.
const EXIT_INPUT: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn main() -> ExitCode {
    allocator::return_large_blocks_when_freed();
    let cli = cli::Cli::parse();
    match app::run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(EXIT_INPUT)),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let usage = error.downcast_ref::<settings::UsageError>().is_some();
            // An error may quote the inputs (file names, headers, values): made inert.
            let message = format!("{error:#}");
            let _ = writeln!(
                io::stderr(),
                "error: {}",
                portfolio::report::text::inert_lines(&message)
            );
            ExitCode::from(if usage { EXIT_USAGE } else { EXIT_INPUT })
        }
    }
}
