//! Date parsing: any text against the usual formats, the format guess, and user formats.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portfolio::ingest::dialect::dates::{guess_date_format, parse_date, DateFormat};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A first line is tried as a user's --date-format, the rest as dates.
    let (format_line, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let mut formats: Vec<DateFormat> = ["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%y", "%Y%m%d"]
        .iter()
        .filter_map(|f| DateFormat::from_user(f).ok())
        .collect();
    if let Ok(user) = DateFormat::from_user(format_line) {
        formats.push(user);
    }
    for french in [false, true] {
        if let Some(guess) = guess_date_format(rest.lines(), french) {
            formats.push(guess.format);
        }
    }
    for line in rest.lines().chain([format_line]) {
        for format in &formats {
            let _ = parse_date(line, format);
        }
    }
});
