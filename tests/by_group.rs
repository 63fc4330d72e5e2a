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
fn only_json_and_only_the_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let (coop, _) = cooperative(dir.path());
    Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", "freelancer", "--format", "markdown"])
        .arg(&coop)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format json"));
    // A table asked for is refused too, not written as JSON.
    Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", "freelancer", "--format", "table"])
        .arg(&coop)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("--format json"));
    Command::cargo_bin("portfolio")
        .unwrap()
        .args(["analyze", "--by", "freelancer", "--clients"])
        .arg(EXAMPLE_EN[2])
        .arg(&coop)
        .assert()
        .code(2);
}
