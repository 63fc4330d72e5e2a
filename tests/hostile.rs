//! A hostile user's second round (issue "Hostile and huge inputs, round two"): text
//! from the inputs never reaches a terminal raw, an input is never overwritten, reports
//! are as private as the umask says, writers never panic, and the settings file used is
//! named.

use std::path::PathBuf;

use crate::common::{portfolio, run};

fn bad_input(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_inputs")
        .join(name)
        .display()
        .to_string()
}

/// Control and formatting characters no human format may print as they are.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}')
        })
        .collect()
}

#[test]
fn input_text_is_inert_in_every_human_format_and_on_standard_error() {
    let file = bad_input("escape_sequences.csv");
    for format in ["table", "markdown"] {
        for lang in ["en", "fr"] {
            let (code, stdout, stderr) =
                run(&["analyze", &file, "--format", format, "--lang", lang]);
            assert_eq!(code, 0, "{stderr}");
            assert_eq!(raw_controls(&stdout), [], "{format} {lang}: {stdout}");
            assert_eq!(raw_controls(&stderr), [], "{format} {lang}: {stderr}");
            // Visible escapes (Markdown escapes their backslashes and brackets again).
            assert!(stdout.contains("pwned"), "{format}: {stdout}");
            assert!(stdout.contains("u{202e}"), "{format}: {stdout}");
        }
    }
    let (_, stdout, stderr) = run(&["check", &file]);
    assert_eq!(raw_controls(&stdout), [], "{stdout}");
    assert_eq!(raw_controls(&stderr), [], "{stderr}");
    // A file name is input text too, and so is a --by group value.
    let dir = tempfile::tempdir().unwrap();
    let evil_name = dir.path().join("\u{1b}[31mred.csv");
    std::fs::write(
        &evil_name,
        "Date,Client,Amount\n2024-01-02,Acme,x\n2024-01-03,Acme,10\n",
    )
    .unwrap();
    let (_, stdout, stderr) = run(&["analyze", evil_name.to_str().unwrap()]);
    assert_eq!(raw_controls(&stdout), [], "{stdout}");
    assert_eq!(raw_controls(&stderr), [], "{stderr}");
    assert!(stderr.contains("\\e[31mred.csv"), "{stderr}");
    let grouped = dir.path().join("groups.csv");
    std::fs::write(
        &grouped,
        "Date,Client,Amount,Freelancer\n2024-01-02,Acme,x,\"\u{1b}]0;t\u{7}Ann\"\n2024-01-03,Acme,10,\"\u{1b}]0;t\u{7}Ann\"\n",
    )
    .unwrap();
    let (_, _, stderr) = run(&["analyze", grouped.to_str().unwrap(), "--by", "Freelancer"]);
    assert_eq!(raw_controls(&stderr), [], "{stderr}");
    assert!(stderr.contains("[\\e]0;t\\u{7}Ann]"), "{stderr}");
}

#[test]
fn output_naming_an_input_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    let clients = dir.path().join("clients.csv");
    let export = "Date,Client,Amount\n2024-01-02,Acme,10\n";
    std::fs::write(&invoices, export).unwrap();
    std::fs::write(&clients, "Client,Channel\nAcme,website\n").unwrap();
    let (inv, cli) = (invoices.to_str().unwrap(), clients.to_str().unwrap());
    for output in [inv, cli] {
        let (code, _, stderr) = run(&["analyze", inv, "--clients", cli, "--output", output]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("the report would overwrite it"), "{stderr}");
    }
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&invoices, &link).unwrap();
        let (code, _, _) = run(&["analyze", inv, "--output", link.to_str().unwrap()]);
        assert_eq!(code, 2);
    }
    assert_eq!(std::fs::read_to_string(&invoices).unwrap(), export);
    assert_eq!(
        std::fs::read_to_string(&clients).unwrap(),
        "Client,Channel\nAcme,website\n"
    );
}

#[cfg(unix)]
#[test]
fn a_new_report_file_follows_the_umask_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    std::fs::write(&invoices, "Date,Client,Amount\n2024-01-02,Acme,10\n").unwrap();
    let report = dir.path().join("review.txt");
    // The umask is the shell's: run under one that keeps files private.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077 && exec \"$0\" analyze '{}' --output '{}' --quiet",
            invoices.display(),
            report.display()
        ))
        .arg(assert_cmd::cargo::cargo_bin("portfolio"))
        .status()
        .unwrap();
    assert!(status.success());
    let mode = |p: &PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&report), 0o600);
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, _) = run(&[
        "analyze",
        invoices.to_str().unwrap(),
        "--output",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(mode(&report), 0o640);
}

#[cfg(unix)]
#[test]
fn writers_never_panic_on_a_closed_pipe_or_a_full_disk() {
    for args in [
        vec!["completions", "fish"],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        // A reader that stops at once (`| true`): success, no panic.
        let line = args.join(" ");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("portfolio"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{line} | true");
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("portfolio"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{line} > /dev/full: {stderr}"
        );
        assert!(stderr.contains("cannot write"), "{stderr}");
    }
    // In French too, the system's reason included.
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("portfolio"))
        .args(["analyze", "examples/en/invoices.csv", "--lang", "fr"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("sortie standard\u{a0}: impossible d'écrire (disque plein)"),
        "{stderr}"
    );
}

#[test]
fn a_settings_file_is_named_when_used_and_never_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    std::fs::write(&invoices, "Date,Client,Amount\n2024-01-02,Acme,10\n").unwrap();
    std::fs::write(dir.path().join("portfolio.toml"), "dormant_after = 6\n").unwrap();
    let output = portfolio()
        .current_dir(dir.path())
        .args(["analyze", "inv.csv", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("settings read from portfolio.toml"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["inputs"]["settings"], "portfolio.toml");
    #[cfg(unix)]
    {
        let (code, _, stderr) = run(&[
            "analyze",
            invoices.to_str().unwrap(),
            "--config",
            "/dev/zero",
        ]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("larger than 1 MiB"), "{stderr}");
    }
    // A bad value in the file is the file's error (exit 1), not an option's (exit 2).
    std::fs::write(
        dir.path().join("bad.toml"),
        "fiscal_year_start = \"13-01\"\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.toml");
    let (code, _, stderr) = run(&[
        "analyze",
        invoices.to_str().unwrap(),
        "--config",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("bad.toml: fiscal_year_start \"13-01\""),
        "{stderr}"
    );
    assert!(!stderr.contains("--fiscal-year-start"), "{stderr}");
}

#[test]
fn messages_say_what_is_wrong_where() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    std::fs::write(&invoices, "Date,Client,Amount\n2024-01-02,Acme,10\n").unwrap();
    let inv = invoices.to_str().unwrap();
    // Dates past what any input holds would break the schema's YYYY-MM-DD.
    let (code, _, stderr) = run(&["analyze", inv, "--as-of", "+10000-01-01"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("between 1900 and 2199"), "{stderr}");
    // Only one input can be standard input.
    let (code, _, stderr) = run(&["analyze", inv, "--clients", "-"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("only the invoices can be read from standard input"),
        "{stderr}"
    );
    // A missing rate into the base currency names no line 0.
    let two = dir.path().join("two.csv");
    std::fs::write(
        &two,
        "Date,Client,Amount,Currency\n2024-01-02,Acme,10,EUR\n2024-01-03,Bolt,5,USD\n",
    )
    .unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "GBP,1.1\n").unwrap();
    let (code, _, stderr) = run(&[
        "analyze",
        two.to_str().unwrap(),
        "--rates",
        rates.to_str().unwrap(),
        "--currency",
        "EUR",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains(":0:"), "{stderr}");
    assert!(
        stderr.contains("1 rows are in USD and the base currency is EUR"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn template_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere.csv");
    std::os::unix::fs::symlink(&target, dir.path().join("invoices.csv")).unwrap();
    let (code, _, stderr) = run(&[
        "template",
        "--lang",
        "en",
        "--force",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert!(!target.exists());
}

#[test]
fn a_megabyte_client_name_is_cut_in_a_table_not_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.csv");
    let name = "word ".repeat(200_000);
    std::fs::write(
        &file,
        format!("Date,Client,Amount\n2024-01-02,{name},10\n2024-01-03,Acme,5\n"),
    )
    .unwrap();
    let (code, stdout, _) = run(&["analyze", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    // Not a timing test: the table shows the name cut, which is what keeps it fast.
    assert!(stdout.contains("word word word"));
    assert!(stdout.contains('…'));
    assert!(
        stdout
            .lines()
            .filter(|l| l.contains('│'))
            .all(|l| l.chars().count() < 2000),
        "a table row holds the whole name"
    );
}

#[test]
fn survey_answers_are_kept_per_respondent_and_year_with_the_same_scores() {
    // Acme answers 3 (2023), 9 (March 2024) and 6 (December 2024); Ghost, no client,
    // answers three times. As of 30 June 2024 Acme's latest is the 9, though 2024's
    // latest answer is the 6: keeping one answer per year would have lost it.
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    std::fs::write(
        &invoices,
        "Date,Client,Amount\n2023-05-02,Acme,10\n2024-01-02,Acme,10\n2024-12-20,Acme,10\n",
    )
    .unwrap();
    let surveys = dir.path().join("surveys.csv");
    std::fs::write(
        &surveys,
        "Client,Date,Score\nAcme,2023-06-01,3\nAcme,2024-03-01,9\nAcme,2024-12-01,6\nGhost,2024-01-01,10\nGhost,2024-02-01,10\nGhost,2024-03-01,2\n",
    )
    .unwrap();
    let json = |as_of: &str| {
        crate::common::analyze_json(&[
            invoices.to_str().unwrap(),
            "--surveys",
            surveys.to_str().unwrap(),
            "--as-of",
            as_of,
        ])
    };
    let mid_year = json("2024-06-30");
    let acme = |report: &serde_json::Value| {
        report["nps"]["promoters_list"]
            .as_array()
            .unwrap()
            .iter()
            .chain(report["nps"]["detractors_list"].as_array().unwrap())
            .find(|r| r["name"] == "Acme")
            .map(|r| r["score"].clone())
    };
    assert_eq!(acme(&mid_year), Some(serde_json::json!(9)));
    // Acme 9 (promoter) and Ghost's latest 2 (detractor): 50 − 50 = 0.
    assert_eq!(mid_year["nps"]["nps"], 0.0);
    let year_end = json("2024-12-31");
    assert_eq!(year_end["nps"]["detractors"], 2);
    let warnings = year_end["warnings"].to_string();
    assert!(
        warnings.contains("answers naming no invoiced client (3): Ghost"),
        "{warnings}"
    );
}

#[test]
fn a_line_past_16_mib_is_refused_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one_line.csv");
    let mut text = b"Date,Client,Amount\n2024-01-02,Acme,10\n2024-01-03,".to_vec();
    text.extend(std::iter::repeat_n(b'x', 17 << 20));
    std::fs::write(&file, text).unwrap();
    let (code, stdout, stderr) = run(&["analyze", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("line 3 is longer than 16 MiB"), "{stderr}");
}

#[test]
fn repeated_clients_rows_are_counted_and_dropped_as_read() {
    // Three clients described a thousand times each: the first description of each is
    // kept, the 2,997 others are counted with their first lines, not listed.
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("inv.csv");
    std::fs::write(
        &invoices,
        "Date,Client,Amount\n2024-01-02,A,10\n2024-01-03,B,10\n2024-01-04,C,10\n",
    )
    .unwrap();
    let clients = dir.path().join("clients.csv");
    let mut text = String::from("Client,Channel\n");
    for i in 0..3000 {
        let channel = if i < 3 { "website" } else { "social" };
        text.push_str(&format!("{},{channel}\n", ["A", "B", "C"][i % 3]));
    }
    std::fs::write(&clients, text).unwrap();
    let report = crate::common::analyze_json(&[
        invoices.to_str().unwrap(),
        "--clients",
        clients.to_str().unwrap(),
    ]);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("2997 rows describe a client already described (first lines: 5, 6, 7"),
        "{warnings}"
    );
    assert!(warnings.len() < 1000, "{warnings}");
    assert!(report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["channel"] == "website"));
}

/// Runs `portfolio ARGS` on a pseudo-terminal (util-linux `script`), with `env` set.
#[cfg(unix)]
fn on_a_terminal(args: &str, env: &[(&str, &str)]) -> String {
    let binary = assert_cmd::cargo::cargo_bin("portfolio");
    let output = std::process::Command::new("script")
        .args(["-qec", &format!("{} {args}", binary.display()), "/dev/null"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("COLUMNS", "200")
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("util-linux `script` runs the binary on a pseudo-terminal");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[cfg(unix)]
#[test]
fn levels_are_coloured_on_a_terminal_only_unless_refused() {
    let coloured = on_a_terminal("risk examples/en/invoices.csv", &[]);
    assert!(
        coloured.contains("\u{1b}[33m[moderate]\u{1b}[0m"),
        "{coloured:?}"
    );
    let refused = on_a_terminal("risk examples/en/invoices.csv --no-color", &[]);
    assert!(!refused.contains('\u{1b}'), "{refused:?}");
    let refused = on_a_terminal("risk examples/en/invoices.csv", &[("NO_COLOR", "1")]);
    assert!(!refused.contains('\u{1b}'), "{refused:?}");
    // Piped: never (the other tests of this file read piped output with no ESC at all).
    let (_, piped, _) = run(&["risk", "examples/en/invoices.csv"]);
    assert!(!piped.contains('\u{1b}'));
}
