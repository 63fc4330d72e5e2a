//! Micro-benchmarks of the per-cell and per-row work: amounts, dates, splitting rows,
//! and a whole 20,000-row export read on one thread. `cargo bench --bench parsing`.

use std::io::Cursor;

use divan::{black_box, Bencher};
use portfolio::ingest::dialect::dates::{parse_date, DateFormat};
use portfolio::ingest::dialect::money::{parse_amount, DecimalSeparator};
use portfolio::ingest::dialect::records::{Fields, Records, Shape};
use portfolio::ingest::engine::Reading;
use portfolio::ingest::{self, Input, Options};

fn main() {
    divan::main();
}

#[divan::bench(args = ["1234.56", "-12.50", "1 234,56 €", "$13.50 "])]
fn amount(text: &str) {
    let decimal = if text.contains(',') {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Dot
    };
    let _ = black_box(parse_amount(black_box(text), decimal));
}

#[divan::bench(args = ["2024-03-15", "15/03/2024"])]
fn date(text: &str) {
    let format = if text.contains('/') {
        DateFormat::DayFirst('/')
    } else {
        DateFormat::Iso
    };
    let _ = black_box(parse_date(black_box(text), &format));
}

fn export(rows: usize) -> Vec<u8> {
    export_with(rows, true)
}

/// `rows` rows, their client names quoted (each line then goes through csv-core) or
/// not (split by the SIMD scanner, as most exports are).
fn export_with(rows: usize, quoted: bool) -> Vec<u8> {
    let mut text =
        String::from("invoice_id,date,client_id,client_name,amount_ht,currency,status\n");
    for row in 0..rows {
        let client = (row * 7919) % 997;
        let name = if quoted {
            format!("\"Dupont, Client {client}\"")
        } else {
            format!("Dupont Client {client}")
        };
        text.push_str(&format!(
            "INV-{row:09},2024-{:02}-{:02},C{client:06},{name},{}.{:02},EUR,paid\n",
            1 + row % 12,
            1 + row % 28,
            row % 5000,
            row % 100
        ));
    }
    text.into_bytes()
}

#[divan::bench(args = [true, false])]
fn split_rows(bencher: Bencher, quoted: bool) {
    let bytes = export_with(20_000, quoted);
    bencher
        .counter(divan::counter::BytesCount::of_slice(&bytes))
        .bench(|| {
            let mut records = Records::new(b',', 1);
            let mut fields = 0usize;
            let mut each = |row: Fields, _: u64, _: Shape| -> Result<(), ()> {
                fields += row.len();
                Ok(())
            };
            let _ = records.feed(black_box(&bytes), &mut each);
            let _ = records.finish(&mut each);
            fields
        });
}

#[divan::bench(args = [1, 2])]
fn read_export(bencher: Bencher, threads: usize) {
    let bytes = export(20_000);
    bencher
        .counter(divan::counter::ItemsCount::new(20_000usize))
        .bench(|| {
            let options = Options {
                reading: Reading {
                    threads,
                    chunk_bytes: 64 * 1024,
                    row_by_row: false,
                },
                ..Options::default()
            };
            let input = Input::stream("bench.csv", Box::new(Cursor::new(bytes.clone())));
            ingest::load(input, None, None, &options).map(|l| l.dataset.clients.len())
        });
}
