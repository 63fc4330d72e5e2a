//! What scripts rely on: a closed pipe is not an error, no colour codes in output,
//! `--quiet` silences warnings.

use std::process::Stdio;

use crate::common::{fixture, portfolio, run, EXAMPLE_EN};

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Like `portfolio analyze … | head -c 0`: the reader is gone before the report is
    // written, so the write fails with a broken pipe.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_portfolio"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .arg("analyze")
        .args(EXAMPLE_EN)
        .args(["--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn no_colour_codes_and_quiet_means_quiet() {
    let file = fixture("french_ambiguous.csv");
    for extra in [&[][..], &["--no-color"][..]] {
        let output = portfolio()
            .args(["analyze", &file])
            .args(extra)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(output.status.success());
        assert!(
            !output.stdout.contains(&0x1b),
            "an escape code in the report"
        );
        assert!(
            !output.stderr.contains(&0x1b),
            "an escape code in the warnings"
        );
    }
    let (code, _, stderr) = run(&["analyze", &file]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: "),
        "the fixture has a date warning"
    );
    let (code, _, stderr) = run(&["analyze", &file, "--quiet"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}
