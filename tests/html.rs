//! The HTML report is one self-contained page, and text from the inputs cannot become
//! markup in it.

use crate::common::{run, EXAMPLE_EN};

#[test]
fn the_page_needs_nothing_from_the_network() {
    let mut args = vec!["analyze"];
    args.extend(EXAMPLE_EN);
    args.extend(["--format", "html"]);
    let (code, page, _) = run(&args);
    assert_eq!(code, 0);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains(r#"content="default-src 'none'; style-src 'unsafe-inline'; img-src data:""#)
    );
    for external in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(!page.contains(external), "{external} in the page");
    }
    assert!(page.contains(r#"<meta name="viewport""#));
    assert!(page.contains("@media print"));
}

#[test]
fn names_are_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = dir.path().join("invoices.csv");
    std::fs::write(
        &invoices,
        "Date,Client,Amount\n\
         2024-01-10,<script>alert(1)</script>,9000.00\n\
         2024-02-10,\"Tom & \"\"Jerry\"\" <b>\",500.00\n\
         2023-02-10,O'Brien </svg><svg onload=alert(2)>,700.00\n",
    )
    .unwrap();
    let invoices = invoices.display().to_string();
    let (code, page, stderr) = run(&["analyze", &invoices, "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!page.contains("<script"), "a client name became a script");
    assert!(!page.contains("<b>") && !page.contains("<svg onload"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("Tom &amp; &quot;Jerry&quot; &lt;b&gt;"));
    assert!(page.contains("O&#39;Brien &lt;/svg&gt;&lt;svg onload=alert(2)&gt;"));
    // The same names in Markdown cannot become HTML or links either.
    let (_, markdown, _) = run(&["analyze", &invoices, "--format", "markdown"]);
    assert!(markdown.contains("\\<script\\>alert(1)\\</script\\>"));
}

/// The demo's HTML report.
fn demo_page() -> String {
    let mut args = vec!["analyze"];
    args.extend(crate::common::EXAMPLE_EN);
    args.extend(["--format", "html"]);
    let (code, stdout, _) = crate::common::run(&args);
    assert_eq!(code, 0);
    stdout
}

#[test]
fn petals_have_the_area_of_their_share_and_a_zero_share_none() {
    let page = demo_page();
    let start = page.find(r#"data-chart="marguerite""#).unwrap();
    let flower = &page[start..start + page[start..].find("</svg>").unwrap()];
    // Five segments, won back at 0.0 %: four petals, five labels.
    assert_eq!(flower.matches("<ellipse").count(), 4, "{flower}");
    assert!(flower.contains("Won back"));
    // Area ∝ share: the petals' lengths (rx) go as the square root of the shares,
    // loyal 74.0 % against new clients 6.4 %: √(74.0 / 6.4) = 3.40.
    let rx: Vec<f64> = flower
        .split("rx=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    let (new, loyal) = (rx[0], rx[1]);
    // rx is half the length plus a 2-unit overlap with the heart.
    let ratio = (loyal - 2.0) / (new - 2.0);
    assert!((ratio - (74.0f64 / 6.4).sqrt()).abs() < 0.05, "{ratio}");
}

#[test]
fn tables_do_not_repeat_the_charts() {
    let page = demo_page();
    // Text bars are the terminal's charts: the page draws real ones.
    assert!(!page.contains('█'));
    // A caption that names the chart just above it is not written again.
    assert_eq!(page.matches("<h3>Client concentration</h3>").count(), 0);
    // Each cell says its column, for the phone layout.
    assert!(page.contains(r#"data-label="Revenue""#));
}

#[test]
fn the_page_fits_a_desktop_a_phone_and_paper() {
    // What the screenshots showed, pinned in the style: wide tables take the page's
    // width; on a phone rows become cards and charts scale; printed, a heading stays
    // with what follows it. (tests/browser.rs renders the page in Chromium.)
    let page = demo_page();
    for rule in [
        ".table { width: max-content; max-width: calc(100vw - 2rem); }",
        "@media (max-width: 40rem)",
        "td::before { content: attr(data-label);",
        "figure.chart svg, figure.chart[data-chart=\"marguerite\"] svg { max-width: 100%; }",
        "h2, h3 { break-after: avoid; }",
    ] {
        assert!(page.contains(rule), "{rule}");
    }
}
