//! Reading in parallel chunks gives exactly what reading row by row gives: the same
//! clients (order, keys, names, every figure, daily detail), the same row accounting
//! and the same warnings, whatever the threads and however the chunks fall. The files
//! are made to hit the hard cases: quoted cells with line breaks across chunk ends,
//! CRLF and blank lines, rows without id joining clients by name, names that change,
//! ids too long to be held in place, duplicates, rejected and excluded rows. They have
//! more rows than the format sample (5,000), so that most rows stream through the
//! chunks, and the chunked readings are given the file's end, as the binary gives a
//! file's.

use std::cell::Cell;
use std::io::Cursor;
use std::rc::Rc;

use portfolio::ingest::engine::Reading;
use portfolio::ingest::{self, Input, Loaded, Options, Source};

/// A deterministic pseudo-random sequence (xorshift), so failures replay.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

fn export(seed: u64, rows: usize) -> Vec<u8> {
    export_without_id_from(seed, rows, 0)
}

/// An export whose rows from `without_id_from` on may lack a client id.
fn export_without_id_from(seed: u64, rows: usize, without_id_from: usize) -> Vec<u8> {
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = String::from("Invoice,Date,Client id,Client,Amount,Status,Intermediary\r\n");
    for row in 0..rows {
        let client = dice.next(400);
        let day = 1 + (row * 2400 / rows) as u64 + dice.next(3);
        let date = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(day);
        let id = match dice.next(20) {
            0 if row >= without_id_from => String::new(),
            1 => format!("c{client:04}"),
            // Ids too long to be held in place in the tables.
            2 if client % 3 == 0 => format!("Client-Account-{client:010}"),
            _ => format!("C{client:04}"),
        };
        let name = match (client % 7, dice.next(10)) {
            (0, _) => format!("\"Dupont, \"\"fils\"\"\nsite {client}\""),
            (1, 0) => format!("Client  {client}"),
            (2, 0) => format!("client {client} renamed"),
            // Several clients named alike: rows without id join the first one named so.
            (3, 0) => "Shared Name".to_string(),
            _ => format!("Client {client}"),
        };
        let amount = match dice.next(50) {
            0 => "abc".to_string(),
            1 => String::new(),
            _ => format!("{}.{:02}", dice.next(5000) as i64 - 100, dice.next(100)),
        };
        let status = ["paid", "sent", "cancelled", "credit note", "paid"][dice.next(5) as usize];
        let via = if dice.next(10) == 0 { "Malt" } else { "" };
        let invoice = if dice.next(30) == 0 { 7 } else { row };
        let end = if dice.next(3) == 0 { "\r\n" } else { "\n" };
        out.push_str(&format!(
            "F{invoice},{date},{id},{name},{amount},{status},{via}{end}"
        ));
        if dice.next(200) == 0 {
            out.push_str(",,,,,,\n\n");
        }
    }
    out.into_bytes()
}

/// A file in memory, opened as often as the engine asks.
fn reopenable(bytes: Rc<[u8]>) -> Input {
    let open =
        move || -> std::io::Result<Box<dyn Source>> { Ok(Box::new(Cursor::new(bytes.clone()))) };
    Input::reopenable("export.csv", open).unwrap()
}

fn load(bytes: &[u8], reading: Reading) -> Loaded {
    let options = Options {
        reading,
        ..Options::default()
    };
    // The chunked readings are of a file, whose end the engine looks at first (when it
    // is large enough) as it does for the binary: the reference reads a stream.
    let input = if reading.row_by_row {
        Input::stream("export.csv", Box::new(Cursor::new(bytes.to_vec())))
    } else {
        reopenable(bytes.into())
    };
    ingest::load(input, None, None, &options).unwrap()
}

fn fingerprint(loaded: &Loaded) -> String {
    format!(
        "{:#?}\n{:#?}\n{:#?}",
        loaded.dataset, loaded.inputs.invoices, loaded.warnings
    )
}

/// Asserts that reading `bytes` in chunks, with each (threads, chunk bytes), gives what
/// reading them row by row gives.
fn reads_like_one_pass(
    bytes: &[u8],
    readings: impl IntoIterator<Item = (usize, usize)>,
    what: &str,
) {
    let reference = fingerprint(&load(
        bytes,
        Reading {
            row_by_row: true,
            ..Reading::default()
        },
    ));
    for (threads, chunk_bytes) in readings {
        let reading = Reading {
            threads,
            chunk_bytes,
            row_by_row: false,
        };
        assert!(
            fingerprint(&load(bytes, reading)) == reference,
            "{what}: {threads} threads, {chunk_bytes}-byte chunks differ from one pass"
        );
    }
}

#[test]
fn chunks_and_threads_read_like_one_pass() {
    for seed in 1..=4 {
        let readings = [(1, 1 << 20), (2, 4096), (3, 997), (2, 150)];
        reads_like_one_pass(&export(seed, 9_000), readings, &format!("seed {seed}"));
    }
}

#[test]
fn rows_without_id_that_start_late_join_the_clients_named_before() {
    // The first two thirds of the file have an id on every row: a reading thread notes
    // their names' spellings only once it meets a row without id, and such a row must
    // still join the client an earlier chunk's name claimed.
    for seed in 5..=7 {
        let readings = [(2, 4096), (3, 997), (2, 150), (1, 300)];
        let bytes = export_without_id_from(seed, 9_000, 6_000);
        reads_like_one_pass(&bytes, readings, &format!("seed {seed}"));
    }
}

#[test]
fn a_row_without_id_joins_the_client_its_chunk_named_before() {
    // Past the rows the format sample reads one by one, one chunk: its names are
    // claimed by rows with an id earlier in the chunk that meets the first row without
    // id, so the thread knows them only from that chunk.
    let mut text = String::from("Invoice,Date,Client id,Client,Amount\n");
    for n in 0..6_000 {
        text.push_str(&format!("G{n},2023-06-01,X{n},Filler {n},1\n"));
    }
    text.push_str(
        "F1,2024-01-01,C1,Acme,100\n\
        F2,2024-01-02,C2,ACME,50\n\
        F3,2024-01-03,,acme,10\n\
        F4,2024-01-04,C3,Bolt,20\n\
        F5,2024-01-05,,Bolt,5\n\
        F6,2024-01-06,,Cove,1\n",
    );
    reads_like_one_pass(text.as_bytes(), [(1, 1 << 20), (2, 1 << 20)], "one chunk");
    let loaded = load(text.as_bytes(), Reading::default());
    let rows: Vec<(String, u32)> = loaded.dataset.clients[6_000..]
        .iter()
        .map(|c| (c.key(), c.years.values().map(|y| y.rows).sum()))
        .collect();
    let rows: Vec<(&str, u32)> = rows.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(rows, [("c1", 2), ("c2", 1), ("c3", 2), ("cove", 1)]);
}

#[test]
fn the_binary_gives_the_same_report_on_one_thread_and_on_four() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    std::fs::write(&path, export(9, 12_000)).unwrap();
    let run = |threads: &str| {
        let output = assert_cmd::Command::cargo_bin("portfolio")
            .unwrap()
            .args([
                "analyze",
                "--format",
                "json",
                "--quiet",
                "--threads",
                threads,
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        output.stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("4"));
}

#[test]
fn standard_input_streams_through_the_chunks() {
    let bytes = export(11, 7_000);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &bytes).unwrap();
    let from_file = assert_cmd::Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--format", "json", "--quiet"])
        .arg(file.path())
        .output()
        .unwrap();
    let from_stdin = assert_cmd::Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--format", "json", "--quiet", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let text = |out: &[u8]| {
        String::from_utf8_lossy(out).replace(&file.path().display().to_string(), "FILE")
    };
    assert_eq!(
        text(&from_file.stdout),
        text(&from_stdin.stdout).replace("standard input", "FILE")
    );
}

#[test]
fn a_name_one_thread_gave_before_is_checked_again_after_another_renamed_the_client() {
    // Chunks of a few rows go to the threads in turn, so one thread names the client
    // "Acme", the next renames it "Acme Ltd", and the first names it "Acme" again, as it
    // did last time: the client must still take that name back. Names too long to be
    // held in a thread's slot (32 bytes and more) are remembered elsewhere: both kinds.
    let long = "Acme Industrie et Services Réunis SARL";
    let longer = "Acme Industrie et Services Réunis SARL, Lyon";
    let names = [
        ("Acme", "Acme Ltd"),
        (long, "Acme Ltd"),
        ("Acme", long),
        (long, longer),
    ];
    for (first, second) in names {
        let mut text = String::from("Date,Client id,Client,Amount\n");
        let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        // The last row, and so the latest name, is the second name.
        for row in 0..6_503u64 {
            let date = start + chrono::Days::new(row / 10);
            let name = if (row / 3) % 2 == 0 { first } else { second };
            text.push_str(&format!("{date},C1,{name},1.00\n"));
        }
        let readings = [2, 3]
            .into_iter()
            .flat_map(|t| (60..72).map(move |c| (t, c)));
        reads_like_one_pass(text.as_bytes(), readings, &format!("{first:?}/{second:?}"));
    }
}

#[test]
fn an_end_the_whole_file_does_not_reach_is_read_again_without_it() {
    // The file's end, looked at first, promises a row of 2099 that the whole file does
    // not have (it changed in between): days the promise let the reading skip may be
    // missing, so the engine reads the file again without it, and nothing is lost.
    let bytes: Rc<[u8]> = export(5, 20_000).into();
    assert!(bytes.len() >= 4 * ingest::engine::TAIL_BYTES);
    let opened = Rc::new(Cell::new(0));
    let count = opened.clone();
    let open = move || -> std::io::Result<Box<dyn Source>> {
        count.set(count.get() + 1);
        let mut text = bytes.to_vec();
        // The second opening is the look at the end.
        if count.get() == 2 {
            text.extend_from_slice(b"F1,2099-01-01,C1,Client 1,10.00,paid,\n");
        }
        Ok(Box::new(Cursor::new(text)))
    };
    let reading = Reading {
        threads: 2,
        ..Reading::default()
    };
    let options = Options {
        reading,
        ..Options::default()
    };
    let input = Input::reopenable("export.csv", open).unwrap();
    let loaded = ingest::load(input, None, None, &options).unwrap();
    assert_eq!(opened.get(), 3, "read, looked at, read again");
    let stream = Input::stream("export.csv", Box::new(Cursor::new(export(5, 20_000))));
    let reference = ingest::load(stream, None, None, &options).unwrap();
    assert_eq!(fingerprint(&loaded), fingerprint(&reference));
}
