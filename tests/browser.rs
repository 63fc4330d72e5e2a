//! The HTML report in a real browser: headless Chromium loads the page with the
//! network closed, and the test checks that it logged no console message (a blocked
//! resource, a policy violation), that every chart is there, and that it renders to a
//! PNG and prints to a PDF (kept in target/browser/ to look at).
//!
//! Ignored by a plain `cargo test` (which then says so: "1 ignored"), so that nobody
//! takes a skipped check for a passed one; `.ci/run` installs Debian's chromium and runs
//! it with `--ignored`, and it fails when Chromium is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{run, EXAMPLE_EN, EXAMPLE_FR};

fn chromium() -> PathBuf {
    let path = std::env::var_os("PORTFOLIO_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    // Asked for (the test is ignored unless run with --ignored): never a silent pass.
    assert!(
        path.exists(),
        "{} is missing: apt-get install chromium, or point PORTFOLIO_CHROMIUM at one",
        path.display()
    );
    path
}

/// Runs headless Chromium on a page with `action` (e.g. `--dump-dom`); returns what it
/// printed on standard output and standard error.
fn headless(browser: &Path, profile: &Path, page: &Path, action: &[&str]) -> (String, String) {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(action)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(output.status.success(), "chromium {action:?} failed");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn check_page(browser: &Path, name: &str, inputs: [&str; 5], lang: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join(format!("{name}.html"));
    let page_arg = page.display().to_string();
    let mut args = vec!["analyze"];
    args.extend(inputs);
    args.extend(["--format", "html", "--lang", lang, "--output", &page_arg]);
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    let profile = tempfile::tempdir().unwrap();

    let (dom, log) = headless(browser, profile.path(), &page, &["--dump-dom"]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    for chart in [
        "marguerite",
        "pareto",
        "revenue-by-year",
        "bathtub",
        "nps",
        "bars",
    ] {
        let tag = format!(r#"<figure class="chart" data-chart="{chart}">"#);
        assert!(
            dom.contains(&tag),
            "{name}: no {chart} chart in the rendered page"
        );
    }
    assert!(dom.contains("<svg"), "{name}: no SVG");
    // The stress test's revenue left, the channel mix and the receivables by days past
    // due are bar charts.
    assert_eq!(dom.matches(r#"data-chart="bars""#).count(), 3, "{name}");
    assert_eq!(dom.matches("<svg").count(), 8, "{name}: eight charts");

    let png = dir.join(format!("{name}.png"));
    headless(
        browser,
        profile.path(),
        &page,
        &[
            "--window-size=1000,7000",
            &format!("--screenshot={}", png.display()),
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 50_000,
        "{name}: empty screenshot"
    );

    let pdf = dir.join(format!("{name}.pdf"));
    headless(
        browser,
        profile.path(),
        &page,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 20_000,
        "{name}: empty PDF"
    );
}

#[test]
#[ignore = "needs Chromium: cargo test --test integration browser -- --ignored (CI runs it)"]
fn the_html_report_renders_in_a_real_browser() {
    let browser = chromium();
    check_page(&browser, "report-en", EXAMPLE_EN, "en");
    check_page(&browser, "report-fr", EXAMPLE_FR, "fr");
}

/// The `--by` summary page: it loads without a console message, draws its strip of
/// groups, and renders at a desktop's and a phone's width (target/browser/summary-*.png).
fn check_summary(browser: &Path) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("summary.html");
    let page_arg = page.display().to_string();
    let (code, _, stderr) = run(&[
        "analyze",
        "examples/cooperative.csv",
        "--by",
        "freelancer",
        "--format",
        "html",
        "--output",
        &page_arg,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let profile = tempfile::tempdir().unwrap();
    let (dom, log) = headless(browser, profile.path(), &page, &["--dump-dom"]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains(r#"<figure class="chart" data-chart="strip">"#));
    for (name, size) in [("desktop", "1200,1400"), ("phone", "390,2400")] {
        let png = dir.join(format!("summary-{name}.png"));
        headless(
            browser,
            profile.path(),
            &page,
            &[
                &format!("--window-size={size}"),
                &format!("--screenshot={}", png.display()),
            ],
        );
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "summary at {name} width: empty screenshot"
        );
    }
}

#[test]
#[ignore = "needs Chromium: cargo test --test integration browser -- --ignored (CI runs it)"]
fn the_summary_page_renders_in_a_real_browser() {
    check_summary(&chromium());
}
