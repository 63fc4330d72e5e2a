//! The default human format: the report's document laid out for a terminal, tables
//! drawn by comfy-table. Warnings are not here: they go to standard error. Every text is
//! made inert ([`super::text::inert`]) on its way out: names come from the inputs.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use super::document::{Align, Block, Document, Grid};
use super::fit::Fitted;
use super::text::inert;
use super::{sections, RenderOptions, Report};
use crate::analysis::risk::Level;

fn cell(text: &str, align: Align) -> Cell {
    let cell = Cell::new(text);
    match align {
        Align::Left => cell,
        Align::Right => cell.set_alignment(CellAlignment::Right),
    }
}

/// The table fitted to `width` ([`Fitted::fit`]), never wrapped.
fn table(grid: &Grid, width: Option<u16>) -> Table {
    let fitted = Fitted::fit(grid, width);
    let align = |i: usize| fitted.align.get(i).copied().unwrap_or(Align::Left);
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(
            fitted
                .header
                .iter()
                .enumerate()
                .map(|(i, t)| cell(t, align(i))),
        );
    for row in &fitted.rows {
        table.add_row(row.iter().enumerate().map(|(i, t)| cell(t, align(i))));
    }
    table
}

/// Lays a document out: sections underlined and separated by a blank line, tables
/// followed by one.
pub fn write(
    doc: &Document,
    width: Option<u16>,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Whether the output so far ends with a blank line (or is empty).
    let mut blank = true;
    for block in &doc.blocks {
        match block {
            Block::Title(text) | Block::Text(text) | Block::Caption(text) => {
                writeln!(out, "{}", inert(text))?;
                blank = false;
            }
            Block::Heading(text) => {
                if !blank {
                    writeln!(out)?;
                }
                let text = inert(text);
                writeln!(out, "{text}")?;
                writeln!(out, "{}", "─".repeat(text.chars().count()))?;
                blank = false;
            }
            Block::Table(grid) => {
                writeln!(out, "{}\n", table(grid, width))?;
                blank = true;
            }
            Block::Lines(lines) => {
                for line in lines {
                    writeln!(out, "  {}", inert(line))?;
                }
                writeln!(out)?;
                blank = true;
            }
            Block::Flags(flags) => {
                for (level, line) in flags {
                    writeln!(out, "  {}", toned(*level, &inert(line), color))?;
                }
                writeln!(out)?;
                blank = true;
            }
            Block::Items(items) => {
                for (rank, item) in items.iter().enumerate() {
                    let (title, tags) = (inert(&item.title), inert(&item.tags));
                    writeln!(out, "{}. {title} [{tags}]", rank + 1)?;
                    writeln!(out, "   {}", inert(&item.detail))?;
                    if let Some(clients) = &item.clients {
                        writeln!(out, "   {}", inert(clients))?;
                    }
                }
                writeln!(out)?;
                blank = true;
            }
            Block::Chart(_) => {}
        }
    }
    if !blank {
        writeln!(out)?;
    }
    Ok(())
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let doc = sections::document(report, options.lang, options.section);
    write(&doc, options.width, options.color, out)
}

/// A flag's line with its `[level]` tag in the level's colour (ANSI), when `color`.
fn toned(level: Level, line: &str, color: bool) -> String {
    let code = match level {
        Level::Critical => "1;31",
        Level::High => "31",
        Level::Moderate => "33",
        Level::Low => "32",
        Level::Unknown => return line.to_string(),
    };
    match line.split_once(']') {
        Some((tag, rest)) if color => format!("\x1b[{code}m{tag}]\x1b[0m{rest}"),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_s_level_is_coloured_only_when_asked() {
        let line = "[high] 62.0 % of 2025 revenue came from Acme";
        assert_eq!(
            toned(Level::High, line, true),
            "\u{1b}[31m[high]\u{1b}[0m 62.0 % of 2025 revenue came from Acme"
        );
        assert_eq!(
            toned(Level::Critical, "[critique] x", true),
            "\u{1b}[1;31m[critique]\u{1b}[0m x"
        );
        assert_eq!(toned(Level::High, line, false), line);
        assert_eq!(toned(Level::Unknown, "[unknown] x", true), "[unknown] x");
    }
}
