//! `--format markdown`: the report's document as GitHub-flavoured Markdown, to paste
//! into notes or an email. Text from the inputs (client names) is escaped so that it
//! can never turn into a link, markup or a table column.

use std::io::{self, Write};

use super::document::{Align, Block, Document, Grid};
use super::i18n::{text, Lang, Text};
use super::{sections, RenderOptions, Report};

/// Escapes what Markdown would read as markup; line breaks become spaces, and control,
/// bidirectional and zero-width characters visible escapes ([`super::text::inert`]).
pub fn escape(text: &str) -> String {
    let text = super::text::inert(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn cell(text: &str) -> String {
    let escaped = escape(text);
    if escaped.trim().is_empty() {
        " ".into()
    } else {
        escaped
    }
}

fn table(grid: &Grid, out: &mut dyn Write) -> io::Result<()> {
    let columns = grid.header.len().max(1);
    let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    writeln!(
        out,
        "{}",
        row(grid.header.iter().map(|c| cell(&c.text)).collect())
    )?;
    writeln!(
        out,
        "{}",
        row(grid
            .header
            .iter()
            .map(|c| match c.align {
                Align::Left => ":---".to_string(),
                Align::Right => "---:".to_string(),
            })
            .collect())
    )?;
    for cells in &grid.rows {
        let mut texts: Vec<String> = cells.iter().map(|c| cell(&c.text)).collect();
        texts.resize(columns, " ".into());
        writeln!(out, "{}", row(texts))?;
    }
    writeln!(out)
}

pub fn write(
    doc: &Document,
    lang: Lang,
    warnings: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    for block in &doc.blocks {
        match block {
            Block::Title(t) => writeln!(out, "# {}\n", escape(t))?,
            Block::Heading(t) => writeln!(out, "## {}\n", escape(t))?,
            Block::Caption(t) => writeln!(out, "**{}**\n", escape(t))?,
            Block::Text(t) => writeln!(out, "{}\n", escape(t))?,
            Block::Table(grid) => table(grid, out)?,
            Block::Lines(lines) => {
                for line in lines {
                    writeln!(out, "- {}", escape(line))?;
                }
                writeln!(out)?;
            }
            Block::Flags(flags) => {
                for (_, line) in flags {
                    writeln!(out, "- {}", escape(line))?;
                }
                writeln!(out)?;
            }
            Block::Items(items) => {
                for (rank, item) in items.iter().enumerate() {
                    writeln!(
                        out,
                        "{}. **{}** ({})  ",
                        rank + 1,
                        escape(&item.title),
                        escape(&item.tags)
                    )?;
                    write!(out, "   {}", escape(&item.detail))?;
                    match &item.clients {
                        Some(clients) => writeln!(out, "  \n   {}", escape(clients))?,
                        None => writeln!(out)?,
                    }
                }
                writeln!(out)?;
            }
            Block::Chart(_) => {}
        }
    }
    if !warnings.is_empty() {
        writeln!(out, "## {}\n", text(lang, Text::Warnings))?;
        for warning in warnings {
            writeln!(out, "- {}", escape(warning))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let doc = sections::document(report, options.lang, options.section);
    write(&doc, options.lang, &report.warning_texts(options.lang), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_become_markup() {
        assert_eq!(escape("Pixel & Co"), "Pixel & Co");
        assert_eq!(
            escape("[x](http://evil) *bold* <b>|"),
            "\\[x\\](http://evil) \\*bold\\* \\<b\\>\\|"
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }

    #[test]
    fn tables_pad_short_rows_and_align_figures() {
        let mut grid = Grid::new(vec![
            super::super::document::left("Client"),
            super::super::document::right("Revenue"),
        ]);
        grid.add_row(vec![super::super::document::left("3 more")]);
        let mut out = Vec::new();
        table(&grid, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| Client | Revenue |\n| :--- | ---: |\n| 3 more |   |\n\n"
        );
    }
}
