//! `--format html`: one self-contained page (inline CSS and SVG, no script, and a
//! content security policy that forbids any network access), readable on a phone and
//! printable. Every piece of text is escaped.

mod charts;

use std::io::{self, Write};

use super::bars::is_bar_column;
use super::document::{Align, Block, Document, Grid};
use super::i18n::{text, Lang, Text};
use super::{sections, RenderOptions, Report};

const STYLE: &str = include_str!("style.css");

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A column of text bars (`████▌`) under an empty header: the page's charts draw them.
fn is_bars(grid: &Grid, column: usize) -> bool {
    let cells = grid.rows.iter().filter_map(|r| r.get(column));
    grid.header
        .get(column)
        .is_some_and(|h| is_bar_column(&h.text, cells.map(|c| c.text.as_str())))
}

fn table(grid: &Grid, out: &mut dyn Write) -> io::Result<()> {
    let class = |align: Align| match align {
        Align::Left => "",
        Align::Right => r#" class="num""#,
    };
    let columns = grid.header.len().max(1);
    let kept: Vec<bool> = (0..columns).map(|i| !is_bars(grid, i)).collect();
    let keep = |i: usize| kept.get(i).copied().unwrap_or(true);
    writeln!(out, r#"<div class="table"><table>"#)?;
    // A table of labelled figures has no header to show.
    if grid.header.iter().any(|c| !c.text.trim().is_empty()) {
        write!(out, "<thead><tr>")?;
        for (_, c) in grid.header.iter().enumerate().filter(|(i, _)| keep(*i)) {
            write!(out, "<th{}>{}</th>", class(c.align), escape(&c.text))?;
        }
        writeln!(out, "</tr></thead>")?;
    }
    writeln!(out, "<tbody>")?;
    // Each cell carries its column's name, which a phone shows beside it (style.css).
    let label = |i: usize| grid.header.get(i).map_or("", |h| h.text.as_str());
    for row in &grid.rows {
        write!(out, "<tr>")?;
        for (i, c) in row.iter().enumerate().filter(|(i, _)| keep(*i)) {
            write!(
                out,
                r#"<td{} data-label="{}">{}</td>"#,
                class(c.align),
                escape(label(i)),
                escape(&c.text)
            )?;
        }
        for i in (row.len()..columns).filter(|i| keep(*i)) {
            write!(out, r#"<td data-label="{}"></td>"#, escape(label(i)))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")
}

pub fn write(
    doc: &Document,
    lang: Lang,
    warnings: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or_default();
    let code = match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="{code}"><head><meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#
    )?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, "<title>{}</title>", escape(title))?;
    writeln!(out, "<style>{STYLE}</style></head><body><main>")?;
    let mut in_section = false;
    // The chart just drawn, whose title a caption right after it would repeat.
    let mut chart_title: Option<&str> = None;
    for block in &doc.blocks {
        let after_chart = chart_title.take();
        match block {
            Block::Title(t) => writeln!(out, "<header><h1>{}</h1>", escape(t))?,
            Block::Heading(t) => {
                if in_section {
                    writeln!(out, "</section>")?;
                } else {
                    writeln!(out, "</header>")?;
                }
                in_section = true;
                writeln!(out, "<section><h2>{}</h2>", escape(t))?;
            }
            Block::Caption(t) if after_chart == Some(t.as_str()) => {}
            Block::Caption(t) => writeln!(out, "<h3>{}</h3>", escape(t))?,
            Block::Text(t) => writeln!(out, "<p>{}</p>", escape(t))?,
            Block::Table(grid) => table(grid, out)?,
            Block::Lines(lines) => {
                writeln!(out, "<ul>")?;
                for line in lines {
                    writeln!(out, "<li>{}</li>", escape(line))?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Flags(flags) => {
                writeln!(out, "<ul>")?;
                for (_, line) in flags {
                    writeln!(out, "<li>{}</li>", escape(line))?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Items(items) => {
                writeln!(out, r#"<ol class="plan">"#)?;
                for item in items {
                    write!(
                        out,
                        r#"<li><strong>{}</strong> <span class="tags">{}</span><p>{}</p>"#,
                        escape(&item.title),
                        escape(&item.tags),
                        escape(&item.detail)
                    )?;
                    if let Some(clients) = &item.clients {
                        write!(out, r#"<p class="clients">{}</p>"#, escape(clients))?;
                    }
                    writeln!(out, "</li>")?;
                }
                writeln!(out, "</ol>")?;
            }
            Block::Chart(chart) => {
                chart_title = Some(chart.title());
                writeln!(out, "{}", charts::svg(chart))?;
            }
        }
    }
    writeln!(
        out,
        "{}",
        if in_section {
            "</section>"
        } else {
            "</header>"
        }
    )?;
    if !warnings.is_empty() {
        writeln!(
            out,
            r#"<section class="warnings"><h2>{}</h2><ul>"#,
            text(lang, Text::Warnings)
        )?;
        for warning in warnings {
            writeln!(out, "<li>{}</li>", escape(warning))?;
        }
        writeln!(out, "</ul></section>")?;
    }
    writeln!(out, "</main></body></html>")
}

pub fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let doc = sections::document(report, options.lang, options.section);
    write(&doc, options.lang, &report.warning_texts(options.lang), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"co\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"
        );
    }
}
