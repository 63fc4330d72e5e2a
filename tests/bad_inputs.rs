//! Hostile input: every case of tests/bad_inputs/EXPECTED.tsv gives its exit code and
//! message, a few cases too big or too odd to store are made here, and no input in that
//! folder or in the fuzz corpus makes the binary panic or die on a signal.

use std::path::{Path, PathBuf};

use crate::common::portfolio;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `analyze FILE EXTRA…`, or `COMMAND FILE EXTRA…` when the first extra argument
/// is `@COMMAND`.
fn analyze(file: &Path, extra: &[String]) -> Outcome {
    let (command, extra) = match extra.split_first() {
        Some((first, rest)) if first.starts_with('@') => (first.trim_start_matches('@'), rest),
        _ => ("analyze", extra),
    };
    let output = portfolio()
        .arg(command)
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn every_case_gives_its_exit_code_and_message() {
    let dir = folder();
    let manifest = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut cases = 0;
    let mut failures = Vec::new();
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, code, stream, expected, rest @ ..] = fields.as_slice() else {
            panic!("bad manifest line: {line:?}")
        };
        let extra: Vec<String> = rest
            .iter()
            .flat_map(|a| a.split(' '))
            .filter(|a| !a.is_empty())
            .map(|a| a.replace("{dir}", &dir.display().to_string()))
            .collect();
        let outcome = analyze(&dir.join(file), &extra);
        let text = if *stream == "stdout" {
            &outcome.stdout
        } else {
            &outcome.stderr
        };
        let code: i32 = code.parse().unwrap();
        if outcome.code != Some(code) || !text.contains(expected) {
            failures.push(format!(
                "{file} {extra:?}: exit {:?} (expected {code}), {stream} lacks {expected:?}:\n{}",
                outcome.code,
                outcome
                    .stderr
                    .lines()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        cases += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(cases >= 30, "only {cases} cases");
}

#[test]
fn cases_made_on_the_fly() {
    let dir = tempfile::tempdir().unwrap();

    let missing = dir.path().join("no-such-export.csv");
    let outcome = analyze(&missing, &[]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome.stderr.contains("no-such-export.csv"),
        "{}",
        outcome.stderr
    );

    // A 1 MB client name and a 10 MB line: read, or refused with a message; quickly.
    let huge_field = dir.path().join("huge_field.csv");
    let name = "A".repeat(1 << 20);
    std::fs::write(
        &huge_field,
        format!("Date,Client,Amount\n2024-01-02,{name},100.00\n2024-01-03,Bolt,50.00\n"),
    )
    .unwrap();
    let outcome = analyze(&huge_field, &["--format".into(), "json".into()]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert!(outcome.stdout.contains("\"150.00\""));

    let long_line = dir.path().join("long_line.csv");
    let cells = "x,".repeat(5 << 20);
    std::fs::write(
        &long_line,
        format!("Date,Client,Amount\n2024-01-02,Acme,100.00\n2024-01-03,Bolt,{cells}\n"),
    )
    .unwrap();
    let outcome = analyze(&long_line, &[]);
    assert!(
        matches!(outcome.code, Some(0 | 1)),
        "{:?}: {}",
        outcome.code,
        outcome.stderr
    );

    // Unreadable: refused with the file's name (root reads anything, so only checked
    // when the permission holds).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.csv");
        std::fs::write(&locked, "Date,Client,Amount\n2024-01-02,Acme,100.00\n").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&locked).is_err() {
            let outcome = analyze(&locked, &[]);
            assert_eq!(outcome.code, Some(1));
            assert!(outcome.stderr.contains("locked.csv") && outcome.stderr.contains("ermission"));
        }
    }
}

/// Every file below `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_input_makes_the_binary_panic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut bad = Vec::new();
    files(&root.join("tests/bad_inputs"), &mut bad);
    let mut fuzzed = Vec::new();
    files(&root.join("fuzz/corpus/pipeline"), &mut fuzzed);
    files(&root.join("fuzz/corpus/sniff"), &mut fuzzed);
    assert!(bad.len() > 30 && fuzzed.len() > 100);
    // The bad inputs in every format; the (many) fuzz inputs once, in JSON.
    let runs = bad
        .iter()
        .flat_map(|f| ["json", "html", "markdown"].map(|format| (f, format)))
        .chain(fuzzed.iter().map(|f| (f, "json")));
    let mut crashes = Vec::new();
    for (input, format) in runs {
        let outcome = analyze(input, &["--format".into(), format.into()]);
        // 0, 1, 2, 3 are answers; 101 is a panic; no code at all is a signal.
        if !matches!(outcome.code, Some(0..=3)) {
            crashes.push(format!(
                "{} ({format}): {:?}\n{}",
                input.display(),
                outcome.code,
                outcome.stderr
            ));
        }
    }
    assert!(crashes.is_empty(), "{}", crashes.join("\n"));
}
