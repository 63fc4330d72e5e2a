//! `analyze --by COLUMN`: one JSON report per value of a column, one per line, in the
//! order the values first appear; each the same report as running that group alone.

use assert_cmd::Command;

use crate::common::EXAMPLE_EN;

/// The English example with a `freelancer` column: every third row is Bob's.
fn cooperative(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let text = std::fs::read_to_string(EXAMPLE_EN[0]).unwrap();
    let mut all = String::new();
    let mut bob = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            all.push_str(&format!("freelancer,{line}\n"));
            bob.push_str(&format!("{line}\n"));
        } else if i % 3 == 1 {
            all.push_str(&format!("Bob,{line}\n"));
            bob.push_str(&format!("{line}\n"));
        } else {
            all.push_str(&format!("Alice,{line}\n"));
        }
    }
    let (all_path, bob_path) = (dir.join("coop.csv"), dir.join("bob.csv"));
    std::fs::write(&all_path, all).unwrap();
    std::fs::write(&bob_path, bob).unwrap();
    (all_path, bob_path)
}

#[test]
fn one_line_per_group_each_the_groups_own_report() {
    let dir = tempfile::tempdir().unwrap();
    let (coop, bob) = cooperative(dir.path());
    let output = Command::cargo_bin("portfolio")
        .unwrap()
        .args([
            "analyze",
            "--by",
            "freelancer",
            "--as-of",
            "2025-12-12",
            "--quiet",
            "--format",
            "json",
        ])
        .arg(&coop)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let groups: Vec<&str> = lines
        .iter()
        .map(|l| l["group"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["Bob", "Alice"], "in the order they first appear");
    let alone = Command::cargo_bin("portfolio")
        .unwrap()
        .args([
            "analyze",
            "--format",
            "json",
            "--as-of",
            "2025-12-12",
            "--quiet",
        ])
        .arg(&bob)
        .output()
        .unwrap();
    let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
    for key in ["years", "clients", "risk_ttm", "plan", "risk_level"] {
        assert_eq!(lines[0][key], alone[key], "{key}");
    }
    let revenue = |v: &serde_json::Value| {
        v["years"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| {
                y["revenue"]
                    .as_str()
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum::<rust_decimal::Decimal>()
    };
    assert_eq!(
        revenue(&lines[0]) + revenue(&lines[1]),
        "179855.65".parse::<rust_decimal::Decimal>().unwrap(),
        "the groups share the whole revenue"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/portfolio.schema.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for line in &lines {
        assert!(validator.is_valid(line));
    }
}

#[test]
fn a_column_that_is_not_there_is_named_with_the_headers() {
    let dir = tempfile::tempdir().unwrap();
    let (coop, _) = cooperative(dir.path());
    Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", "agent"])
        .arg(&coop)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "--by \"agent\": no column has that header",
        ))
        .stderr(predicates::str::contains("\"freelancer\""));
}

#[test]
fn only_the_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let (coop, _) = cooperative(dir.path());
    Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", "freelancer", "--clients"])
        .arg(EXAMPLE_EN[2])
        .arg(&coop)
        .assert()
        .code(2);
}

/// An export of several freelancers, with what makes reading hard: quoted names with
/// line breaks, blank lines, rejected and excluded rows, a non-ASCII group value.
fn busy_cooperative(rows: usize) -> String {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    };
    let freelancers = ["Alice", "Bob", "Zoé", "Chen", "Dora"];
    let mut out = String::from("freelancer,date,client,amount,status\n");
    for row in 0..rows {
        let who = freelancers[(next(100) as usize).min(60) / 13];
        let date = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()
            + chrono::Days::new((row * 1500 / rows) as u64);
        let client = next(300);
        let name = match next(40) {
            0 => format!("\"Atelier {client},\nsite nord\""),
            _ => format!("Client {client}"),
        };
        let amount = match next(60) {
            0 => "n/a".to_string(),
            _ => format!("{}.{:02}", next(3000), next(100)),
        };
        let status = ["paid", "paid", "sent", "cancelled"][next(4) as usize];
        out.push_str(&format!("{who},{date},{name},{amount},{status}\n"));
        if next(500) == 0 {
            out.push_str(",,,,\n");
        }
    }
    out
}

fn by_freelancer(path: &std::path::Path, threads: &str, extra: &[&str]) -> std::process::Output {
    by(path, "freelancer", threads, extra)
}

fn by(path: &std::path::Path, column: &str, threads: &str, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", column, "--quiet", "--threads", threads])
        .args(["--format", "json"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn groups_read_on_several_threads_give_the_reports_of_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, busy_cooperative(40_000)).unwrap();
    let one = by_freelancer(&path, "1", &[]);
    assert!(one.status.success(), "{one:?}");
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 5);
    for threads in ["2", "3"] {
        let several = by_freelancer(&path, threads, &[]);
        assert!(several.status.success(), "{several:?}");
        assert!(
            one.stdout == several.stdout,
            "{threads} threads differ from one"
        );
    }
    // Hundreds of groups: their reports are also built side by side.
    let one = by(&path, "client", "1", &[]);
    assert!(String::from_utf8_lossy(&one.stdout).lines().count() > 500);
    for threads in ["2", "3"] {
        let several = by(&path, "client", threads, &[]);
        assert!(
            one.stdout == several.stdout && one.stderr == several.stderr,
            "{threads} threads differ from one, by client"
        );
    }
}

#[test]
fn the_first_bad_row_in_the_file_is_reported_whichever_thread_reads_it() {
    // Rows in GBP of 2024, with GBP rates for 2023 only, stop the reading: the first
    // one is Bob's, then Alice's, or the other way round, and the two groups are read
    // on different threads.
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "GBP,1.2,2023\n").unwrap();
    for (first, second) in [("Bob", "Alice"), ("Alice", "Bob")] {
        let mut text = String::from("freelancer,date,client,amount,currency\n");
        for day in 1..=28 {
            for who in ["Alice", "Bob"] {
                text.push_str(&format!("{who},2024-02-{day:02},Acme,10.00,EUR\n"));
            }
        }
        text.push_str(&format!("{first},2024-03-01,Acme,10.00,GBP\n"));
        text.push_str(&format!("{second},2024-03-02,Acme,10.00,GBP\n"));
        let path = dir.path().join("coop.csv");
        std::fs::write(&path, text).unwrap();
        let rates = rates.to_str().unwrap();
        let extra = ["--rates", rates, "--currency", "EUR"];
        for threads in ["1", "2"] {
            let output = by_freelancer(&path, threads, &extra);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success());
            assert!(
                stderr.contains("coop.csv:58:"),
                "{threads} threads: {stderr}"
            );
            assert!(stderr.contains("GBP"), "{stderr}");
        }
    }
}

/// A freelancer with 300 invoices each written twice (with another of the same number
/// between them): 300 duplicate rows.
fn big_freelancer() -> String {
    let mut text = String::new();
    for i in 0..300 {
        let row = format!(
            "Big,B{i},2024-01-{:02},Client {i},{}.00\n",
            i % 28 + 1,
            100 + i
        );
        text.push_str(&row);
        text.push_str(&format!(
            "Big,B{i},2024-01-{:02},Client {i},7.00\n",
            i % 28 + 1
        ));
        text.push_str(&row);
    }
    text
}

#[test]
fn many_groups_share_the_duplicate_check_alike_on_any_thread_count() {
    // A freelancer with 300 duplicated rows, then 1,100 freelancers of one row each:
    // past 1,024 groups each group remembers 256 rows, so the first one's duplicates
    // become an estimate, from the same row whichever thread reads which group.
    let mut text = String::from("freelancer,invoice,date,client,amount\n");
    text.push_str(&big_freelancer());
    for group in 0..1_100 {
        text.push_str(&format!(
            "F{group:04},F{group},2024-02-01,Client {group},10.00\n"
        ));
    }
    text.push_str("Big,B1,2024-01-02,Client 1,101.00\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, text).unwrap();
    let runs: Vec<_> = ["1", "2", "3"]
        .iter()
        .map(|threads| by_freelancer(&path, threads, &[]))
        .collect();
    let one = &runs[0];
    assert!(one.status.success(), "{one:?}");
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 1_101);
    let big: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&one.stdout).lines().next().unwrap()).unwrap();
    let warnings = big["warnings"].to_string();
    assert!(
        warnings.contains("about ") && warnings.contains("estimated from one row in 4"),
        "{warnings}"
    );
    for several in &runs[1..] {
        assert!(one.stdout == several.stdout && one.stderr == several.stderr);
    }
}

#[test]
fn the_summary_of_a_busy_export_agrees_with_the_groups_reports() {
    // Summary rows and NDJSON reports of the same messy export (quoted line breaks,
    // rejected and excluded rows, a non-ASCII group), for the same focus year.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, busy_cooperative(20_000)).unwrap();
    let ndjson = by_freelancer(&path, "2", &["--year", "2024"]);
    let csv = Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", "freelancer", "--quiet", "--year", "2024"])
        .args(["--format", "csv"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(csv.status.success(), "{csv:?}");
    let csv = String::from_utf8(csv.stdout).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let reports: Vec<serde_json::Value> = String::from_utf8(ndjson.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), reports.len());
    for report in &reports {
        let group = report["group"]["value"].as_str().unwrap();
        let row = rows.iter().find(|r| r[0] == group).unwrap();
        let year = report["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["year"] == 2024)
            .unwrap();
        let risk = &year["risk"];
        assert_eq!(row[2], year["revenue"].as_str().unwrap(), "{group}");
        assert_eq!(row[4], year["active_clients"].to_string(), "{group}");
        assert_eq!(row[8], risk["level"].as_str().unwrap(), "{group}");
        let top = risk["top_client"]["share"].as_f64().unwrap();
        let shown: f64 = row[6].parse().unwrap();
        assert!(
            (top - shown).abs() < 0.006,
            "{group}: {top} against {shown}"
        );
    }
}

/// Runs `--by freelancer` on `text` twice: from a file, which is read group by group
/// when its many groups are contiguous, and from standard input, which keeps every
/// group side by side; gives the file's output and standard input's, the file name
/// made the same.
fn from_file_and_from_stdin(text: &str, extra: &[&str]) -> (String, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, text).unwrap();
    let file = by_freelancer(&path, "2", extra);
    assert!(file.status.success(), "{file:?}");
    let stdin = Command::cargo_bin("portfolio")
        .unwrap()
        .args([
            "analyze",
            "-",
            "--by",
            "freelancer",
            "--quiet",
            "--threads",
            "2",
        ])
        .args(["--format", "json"])
        .args(extra)
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(stdin.status.success(), "{stdin:?}");
    let name = path.to_str().unwrap();
    let file_out = String::from_utf8(file.stdout)
        .unwrap()
        .replace(name, "standard input");
    let file_err = String::from_utf8(file.stderr)
        .unwrap()
        .replace(name, "standard input");
    let stdin_out = String::from_utf8(stdin.stdout).unwrap();
    let stdin_err = String::from_utf8(stdin.stderr).unwrap();
    (file_out, stdin_out, file_err, stdin_err)
}

/// A cooperative of `groups` freelancers of a row or two each, after a first one
/// with 300 duplicated rows; `contiguous` keeps each freelancer's rows together.
fn many_freelancers(groups: usize, contiguous: bool) -> String {
    let mut text = String::from("freelancer,invoice,date,client,amount\n");
    text.push_str(&big_freelancer());
    let row = |group: usize, n: usize| {
        format!(
            "F{group:05},F{group}-{n},2024-02-{:02},Client {},1{n}.50\n",
            n + 1,
            group % 40
        )
    };
    if contiguous {
        for group in 0..groups {
            text.push_str(&row(group, 0));
            if group % 3 == 0 {
                text.push_str(&row(group, 1));
            }
        }
    } else {
        for n in 0..2 {
            for group in 0..groups {
                text.push_str(&row(group, n));
            }
        }
    }
    text
}

#[test]
fn contiguous_groups_handed_on_one_by_one_give_the_reports_of_one_pass() {
    // More groups than are read side by side (4,096): the file's groups are contiguous,
    // so it is read group by group; every report, warning and duplicate estimate (the
    // first group's check shares the memory of 8,192 groups) is that of one pass.
    let text = many_freelancers(5_000, true);
    let (file_out, stdin_out, file_err, stdin_err) = from_file_and_from_stdin(&text, &[]);
    assert_eq!(file_out.lines().count(), 5_001);
    assert!(
        file_out.contains("estimated from one row in"),
        "the first group samples"
    );
    assert!(
        file_out == stdin_out,
        "the file read group by group differs"
    );
    assert_eq!(file_err, stdin_err);
}

#[test]
fn many_groups_that_come_back_are_read_side_by_side_alike() {
    let text = many_freelancers(5_000, false);
    let (file_out, stdin_out, file_err, stdin_err) = from_file_and_from_stdin(&text, &[]);
    assert_eq!(file_out.lines().count(), 5_001);
    assert!(file_out == stdin_out, "the file differs from one pass");
    assert_eq!(file_err, stdin_err);
}

/// Month-first and day-first both read every date of `groups` freelancers (twice each
/// when not `contiguous`) until the last row's 25/02/2024: the `--by` reports of the
/// file guessed and with the day-first order given, figures only (the warnings and
/// inputs say how the order was found).
fn late_day_first(
    groups: usize,
    contiguous: bool,
) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let mut text = String::from("freelancer,date,client,amount\n");
    let rounds = if contiguous { 1 } else { 2 };
    for round in 0..rounds {
        for group in 0..groups {
            let (first, second) = (group / 12 % 12 + 1, group % 12 + 1);
            let amount = 10 + round;
            text.push_str(&format!(
                "F{group:05},{first:02}/{second:02}/2024,Acme,{amount}.00\n"
            ));
        }
    }
    text.push_str(&format!("F{:05},25/02/2024,Acme,5.00\n", groups - 1));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, &text).unwrap();
    let guessed = by_freelancer(&path, "2", &[]);
    assert!(guessed.status.success(), "{guessed:?}");
    let given = by_freelancer(&path, "2", &["--date-format", "%d/%m/%Y"]);
    assert!(given.status.success(), "{given:?}");
    let figures = |output: &std::process::Output| -> Vec<serde_json::Value> {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| {
                let mut report: serde_json::Value = serde_json::from_str(line).unwrap();
                let fields = report.as_object_mut().unwrap();
                fields.remove("warnings");
                fields.remove("inputs");
                report
            })
            .collect()
    };
    (figures(&guessed), figures(&given))
}

#[test]
fn a_date_order_contradicted_after_many_groups_is_read_the_other_way_before_any_group() {
    // The month-first guess is contradicted only after 5,000 groups, when the file is
    // already being planned group by group. The plan reads it again day first, before
    // any report is written.
    let (guessed, given) = late_day_first(5_000, true);
    assert_eq!(guessed.len(), 5_000);
    assert!(guessed.last().unwrap().to_string().contains("2024-02-25"));
    assert!(guessed == given, "the groups were not read day first");
}

#[test]
fn a_date_order_contradicted_after_groups_came_back_is_read_the_other_way_too() {
    // The plan stops at the first group that comes back, long before the last row:
    // the side-by-side reading that follows finds the contradiction and reads the
    // file again day first.
    let (guessed, given) = late_day_first(5_000, false);
    assert_eq!(guessed.len(), 5_000);
    assert!(guessed == given, "the groups were not read day first");
}

/// A file in memory that counts the bytes read from it, across openings.
struct Counted {
    bytes: std::io::Cursor<std::rc::Rc<[u8]>>,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl std::io::Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.bytes.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

impl std::io::Seek for Counted {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.bytes.seek(to)
    }
}

#[test]
fn contiguous_groups_are_handed_on_while_the_file_is_still_being_read() {
    use portfolio::ingest::{self, Input, Options, Source};
    use std::cell::Cell;
    use std::rc::Rc;
    let text: Rc<[u8]> = many_freelancers(40_000, true).into_bytes().into();
    let size = text.len() as u64;
    let read = Rc::new(Cell::new(0u64));
    // The bytes read when each opening happened.
    let openings = Rc::new(std::cell::RefCell::new(Vec::new()));
    let (bytes, counter, opened) = (text.clone(), read.clone(), openings.clone());
    let open = move || -> std::io::Result<Box<dyn Source>> {
        opened.borrow_mut().push(counter.get());
        Ok(Box::new(Counted {
            bytes: std::io::Cursor::new(bytes.clone()),
            read: counter.clone(),
        }))
    };
    let input = Input::reopenable("coop.csv", open).unwrap();
    // Read at the first group handed on, and at each later one.
    let mut read_at = Vec::new();
    let mut each = |value: String, _, _| -> Result<(), ingest::error::IngestError> {
        read_at.push((value, read.get()));
        Ok(())
    };
    let mut options = Options::default();
    options.reading.chunk_bytes = 16 * 1024;
    ingest::load_grouped(input, "freelancer", &options, &mut |_| {}, &mut each).unwrap();
    assert_eq!(read_at.len(), 40_001);
    // Read side by side until 4,096 groups, the plan, then group by group (no look at
    // the end: groups do not use it).
    let openings = openings.borrow();
    assert_eq!(openings.len(), 3, "{openings:?}");
    let (first, at_first) = read_at.first().cloned().unwrap();
    assert_eq!(first, "Big");
    let third = openings[2];
    assert!(
        at_first - third < size / 4,
        "the first group came {} bytes into the last reading of {size}",
        at_first - third
    );
    let (_, at_last) = read_at.last().cloned().unwrap();
    assert!(at_last > at_first);
}

#[test]
fn a_summary_with_its_date_and_year_given_is_made_as_the_groups_are_read() {
    // The date and year every group is summarised about are those of the file: given,
    // the rows are made group by group as the file is read; found, every group is read
    // first. The rows are the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, many_freelancers(5_000, true)).unwrap();
    let summary = |extra: &[&str]| {
        let output = Command::cargo_bin("portfolio")
            .unwrap()
            .args([
                "analyze",
                "--by",
                "freelancer",
                "--quiet",
                "--format",
                "csv",
            ])
            .args(extra)
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        output.stdout
    };
    let found = summary(&[]);
    let given = summary(&["--as-of", "2024-02-02", "--year", "2024"]);
    assert_eq!(String::from_utf8_lossy(&found).lines().count(), 5_002);
    assert!(
        found == given,
        "the rows made as the groups were read differ"
    );
}

#[cfg(unix)]
#[test]
fn groups_written_as_they_are_read_stop_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(&path, many_freelancers(5_000, true)).unwrap();
    let args = [
        "analyze",
        "--by",
        "freelancer",
        "--format",
        "json",
        "--quiet",
    ];
    let bin = assert_cmd::cargo::cargo_bin("portfolio");
    let mut child = std::process::Command::new(&bin)
        .args(args)
        .arg(&path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "| true: {stderr}");
    let full = std::process::Command::new(&bin)
        .args(args)
        .arg(&path)
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert_eq!(full.status.code(), Some(1), "> /dev/full: {stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
}

#[test]
fn a_reading_error_is_told_as_itself_in_the_users_language_not_as_a_write_error() {
    // The groups' reports are written while the file is read: a row that stops the
    // reading is still the reading's error, worded in French with --lang fr.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coop.csv");
    std::fs::write(
        &path,
        "freelancer,date,client,amount,currency\nBob,2024-02-01,Acme,10.00,EUR\nBob,2024-03-01,Acme,10.00,GBP\n",
    )
    .unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "GBP,1.2,2023\n").unwrap();
    let rates = rates.to_str().unwrap();
    let output = by_freelancer(
        &path,
        "2",
        &["--rates", rates, "--currency", "EUR", "--lang", "fr"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("coop.csv:3"), "{stderr}");
    assert!(
        stderr.contains("aucun taux de change pour GBP en 2024"),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot write"), "{stderr}");
}
