//! The whole pipeline: raw bytes as an invoices file (and, after a line `@@clients`
//! or `@@surveys`, as those files), analysed and rendered in every format. The last
//! byte picks the language and the section, so runs stay fast and, together, cover
//! every combination. Anything may be refused with an error; nothing may panic.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use portfolio::analysis::{analyze, Params};
use portfolio::ingest::{self, Input, Options};
use portfolio::report::warnings::Message;
use portfolio::report::{self, Format, Lang, RenderOptions, Report, Section};

fn input(name: &str, bytes: &[u8]) -> Input {
    Input::stream(name, Box::new(Cursor::new(bytes.to_vec())))
}

/// Splits the bytes at the marker lines into the three files.
fn split(data: &[u8]) -> (&[u8], Option<&[u8]>, Option<&[u8]>) {
    let find = |needle: &[u8], from: usize| {
        data.get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let clients_at = find(b"\n@@clients\n", 0);
    let surveys_at = find(b"\n@@surveys\n", 0);
    let invoices_end = clients_at.or(surveys_at).unwrap_or(data.len());
    let part = |start: Option<usize>, marker: usize, end: Option<usize>| {
        start.and_then(|s| data.get(s + marker..end.filter(|e| *e > s).unwrap_or(data.len())))
    };
    let invoices = data.get(..invoices_end).unwrap_or_default();
    let clients = part(clients_at, 11, surveys_at);
    let surveys = part(surveys_at, 11, None);
    (invoices, clients, surveys)
}

fuzz_target!(|data: &[u8]| {
    let (invoices, clients, surveys) = split(data);
    let Ok(loaded) = ingest::load(
        input("invoices.csv", invoices),
        clients.map(|c| input("clients.csv", c)),
        surveys.map(|s| input("surveys.csv", s)),
        &Options::default(),
    ) else {
        return;
    };
    let params = Params {
        quality: loaded.quality(),
        ..Params::default()
    };
    let Ok(analysis) = analyze(&loaded.dataset, &params) else {
        return;
    };
    let report = Report {
        tool: "portfolio fuzz".into(),
        currency: loaded.dataset.currency.clone(),
        analysis,
        clients: loaded.dataset.clients,
        inputs: loaded.inputs,
        dormant_after_months: 12,
        warnings: loaded.warnings.into_iter().map(Message::Input).collect(),
        group: None,
    };
    let sections = [
        Section::All,
        Section::Segments,
        Section::Risk,
        Section::Retention,
        Section::Nps,
        Section::Referrals,
        Section::Plan,
    ];
    let pick = data.last().copied().unwrap_or(0);
    let lang = if pick & 1 == 0 { Lang::En } else { Lang::Fr };
    let chosen = sections
        .get(usize::from(pick >> 1) % sections.len())
        .copied()
        .unwrap_or(Section::All);
    for format in [
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Csv,
    ] {
        for section in [Section::All, chosen] {
            let mut out = Vec::new();
            let options = RenderOptions {
                color: false,
                lang,
                section,
                width: Some(80),
                threads: 1,
            };
            let rendered = report::render(&report, format, &options, &mut out);
            // Only the whole report in CSV is refused.
            assert!(
                rendered.is_ok() || (format == Format::Csv && section == Section::All),
                "{format:?} {section:?}: {rendered:?}"
            );
            if format == Format::Json {
                let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&out);
                assert!(parsed.is_ok(), "invalid JSON");
            }
        }
    }
});
