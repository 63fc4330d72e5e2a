//! What `portfolio check` prints: per file, what was detected, the row accounting, and
//! every rejected row with its reason.

use std::io::{self, Write};

use crate::ingest::quality::FileSummary;

pub fn render_file(label: &str, file: &FileSummary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{label}: {}", file.path)?;
    let format = match file.format {
        "fec" => "French FEC (accounting entries; revenue = 70 and 75 accounts, client = the entry's 411 line)",
        "ledger" => "accounting transactions (revenue = income-account lines)",
        "invoices" => "invoice export",
        other => other,
    };
    writeln!(out, "  format       {format}")?;
    writeln!(out, "  encoding     {}", file.encoding)?;
    writeln!(out, "  delimiter    {}", file.delimiter)?;
    if let Some(decimal) = file.decimal {
        writeln!(out, "  decimal      {decimal}")?;
    }
    if let Some(date_format) = &file.date_format {
        writeln!(out, "  dates        {date_format}")?;
    }
    let preamble = match file.preamble_rows {
        0 => String::new(),
        1 => " (1 row before it skipped)".to_string(),
        rows => format!(" ({rows} rows before it skipped)"),
    };
    writeln!(out, "  header       line {}{preamble}", file.header_line)?;
    writeln!(out, "  columns")?;
    for (field, header) in &file.columns {
        writeln!(out, "    {field:<13} ← {header:?}")?;
    }
    writeln!(
        out,
        "  rows         {}: {} used, {} excluded, {} rejected{}",
        file.rows,
        file.used,
        file.excluded_total(),
        file.rejected_total(),
        if file.blank_rows > 0 {
            format!(" ({} blank rows ignored)", file.blank_rows)
        } else {
            String::new()
        },
    )?;
    for (status, count) in &file.excluded {
        writeln!(out, "    excluded   {status}: {count}")?;
    }
    for (reason, count) in &file.rejected {
        writeln!(out, "    rejected   {}: {count}", reason.key())?;
    }
    for rejection in &file.rejections {
        writeln!(
            out,
            "  line {:>6}  {}: {}",
            rejection.line,
            rejection.reason.key(),
            rejection.message
        )?;
    }
    let listed = file.rejections.len() as u64;
    if file.rejected_total() > listed {
        writeln!(
            out,
            "  … and {} more rejected rows",
            file.rejected_total() - listed
        )?;
    }
    Ok(())
}
