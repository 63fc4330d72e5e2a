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
