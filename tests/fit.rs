//! Tables fit the terminal (SPEC 4.1): asked of the terminal, else `$COLUMNS`, else 100
//! columns; a table that does not fit abbreviates headers, drops bars, cuts names and
//! only then drops its last columns, and never wraps a cell.

use crate::common::{portfolio, EXAMPLE_EN, EXAMPLE_FR};

/// The report as a table at `columns`, or at the 100-column default without COLUMNS.
fn table_at(columns: Option<&str>, example: &[&str], lang: &str) -> String {
    let mut cmd = portfolio();
    cmd.env_remove("COLUMNS");
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns);
    }
    let output = cmd
        .arg("analyze")
        .args(example)
        .args(["--lang", lang])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// The drawn lines of every table.
fn table_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with(['│', '┌', '╞', '└', '├']))
        .collect()
}

#[test]
fn every_table_fits_80_columns_in_both_languages() {
    for (example, lang) in [(&EXAMPLE_EN[..], "en"), (&EXAMPLE_FR[..], "fr")] {
        let text = table_at(Some("80"), example, lang);
        let lines = table_lines(&text);
        assert!(lines.len() > 50, "{text}");
        for line in lines {
            assert!(line.chars().count() <= 80, "{lang}: {line}");
        }
        // Figures are never cut: every amount of the revenue table is whole.
        assert!(
            text.contains("64,267.15") || text.contains("64\u{202f}267,15"),
            "{text}"
        );
    }
}

#[test]
fn without_a_terminal_tables_fit_100_columns() {
    let text = table_at(None, &EXAMPLE_EN, "en");
    let widest = table_lines(&text)
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(widest <= 100 && widest > 80, "{widest}");
}

#[test]
fn table_report_at_80_columns() {
    insta::assert_snapshot!(table_at(Some("80"), &EXAMPLE_EN, "en"));
}
