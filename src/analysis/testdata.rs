//! Small hand-built datasets for the analysis tests, built through the same
//! accumulator as real files so that yearly and daily figures agree.

use chrono::NaiveDate;

use super::params::Params;
use super::revenue::{self, YearSummary};
use crate::ingest::aggregate::accumulate::{Accumulator, CountedRow};
use crate::model::{
    normalize_key, Channel, ClientProfile, ClientType, Dataset, FiscalYearStart, Kind, Money, Year,
};

pub const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("bad test date"),
    }
}

pub fn dec(text: &str) -> Money {
    Money::from_str_exact(text).unwrap()
}

/// The revenue section's figures for `years`: the active clients other sections count.
pub fn year_summaries(data: &Dataset, years: &[Year]) -> Vec<YearSummary> {
    let (_, summaries) = revenue::overview(data, &Params::default()).unwrap();
    summaries
        .into_iter()
        .filter(|s| years.contains(&s.year))
        .collect()
}

/// One counted row: client, date, amount, kind, intermediary.
pub type Row = (&'static str, NaiveDate, &'static str, Kind, &'static str);

/// A dataset from rows, read as of `as_of` (`None`: the latest date).
pub fn build(rows: &[Row], fiscal: FiscalYearStart, as_of: Option<NaiveDate>) -> Dataset {
    let mut acc = Accumulator::new("test.csv", fiscal, None, None, as_of);
    for (line, (client, day, amount, kind, intermediary)) in rows.iter().enumerate() {
        acc.add(&CountedRow {
            line: line as u64 + 2,
            date: *day,
            client_id: "",
            client_name: client,
            amount: dec(amount),
            currency: None,
            kind: *kind,
            intermediary,
            invoice_id: "",
            payment: None,
        })
        .unwrap();
    }
    let finished = acc.finish().unwrap();
    Dataset {
        fiscal_year_start: fiscal,
        clients: finished.clients,
        latest_date: finished.latest,
        window: finished.window,
        ..Dataset::default()
    }
}

/// Sets a client's clients-file profile.
pub fn profile(data: &mut Dataset, name: &str, set: impl FnOnce(&mut ClientProfile)) {
    let client = data
        .clients
        .iter_mut()
        .find(|c| c.key() == normalize_key(name))
        .unwrap();
    let mut p = ClientProfile {
        name: Some(name.into()),
        ..ClientProfile::default()
    };
    set(&mut p);
    client.extras.set_profile(p);
}

use Kind::{Royalties, Service};

/// The studio, 2022–2024, figures worked out by hand in the tests:
/// - Acme: 10 000 (2022), 12 000 (2023), 9 000 − a 1 000 credit note (2024);
/// - Bolt: new in 2023 (1 000 + 2 000), referred by "acme ", lost in 2024;
/// - Cove: 2 000 in 2022, nothing in 2023, 3 000 in 2024: won back;
/// - Dune: 5 000 in 2024, only through the platform Malt;
/// - Echo: 1 000 of royalties in 2024;
/// - Fern: an agency, 2 000 (2023) and 3 000 (2024).
pub const STUDIO: &[Row] = &[
    ("Acme", date(2022, 1, 10), "10000", Service, ""),
    ("Cove", date(2022, 2, 1), "2000", Service, ""),
    ("Fern", date(2023, 1, 15), "2000", Service, ""),
    ("Bolt", date(2023, 3, 1), "1000", Service, ""),
    ("Acme", date(2023, 6, 15), "12000", Service, ""),
    ("Bolt", date(2023, 9, 1), "2000", Service, ""),
    ("Acme", date(2024, 2, 1), "-1000", Service, ""),
    ("Dune", date(2024, 2, 1), "5000", Service, "Malt"),
    ("Echo", date(2024, 5, 1), "1000", Royalties, ""),
    ("Cove", date(2024, 6, 1), "3000", Service, ""),
    ("Fern", date(2024, 7, 1), "3000", Service, ""),
    ("Acme", date(2024, 11, 30), "9000", Service, ""),
];

pub fn studio(as_of: Option<NaiveDate>) -> Dataset {
    let mut data = build(STUDIO, FiscalYearStart::default(), as_of);
    profile(&mut data, "Acme", |_| {});
    profile(&mut data, "Bolt", |p| {
        p.referred_by = Some("acme ".into());
        p.channel = Channel::Referral;
    });
    profile(&mut data, "Fern", |p| p.client_type = ClientType::Agency);
    data
}
