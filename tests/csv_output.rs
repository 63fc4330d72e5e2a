//! `--format csv`: one table per section subcommand, plain numbers, ISO dates, and no
//! cell a spreadsheet would run as a formula (SPEC §4.3).

use crate::common::{run, EXAMPLE_EN};

fn csv_of(command: &str, inputs: &[&str]) -> Vec<csv::StringRecord> {
    let mut args = vec![command];
    args.extend(inputs);
    args.extend(["--format", "csv"]);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    csv::Reader::from_reader(stdout.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn client_names_cannot_become_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invoices.csv");
    std::fs::write(
        &path,
        "Date,Client,Amount\n\
         2024-01-10,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",9000.00\n\
         2024-02-10,@SUM(A1:A9),500.00\n\
         2024-03-10,-2+3,400.00\n\
         2024-04-10,+33 6 12 34 56 78,100.00\n",
    )
    .unwrap();
    let path = path.display().to_string();
    let rows = csv_of("risk", &[&path]);
    let top_client = rows[0].get(3).unwrap();
    assert_eq!(top_client, "'=HYPERLINK(\"http://evil.example\",\"click\")");
    // The plan names the clients concerned: each is neutralised in the joined cell's
    // first name, and the joined text never starts a formula.
    let plan = csv_of("plan", &[&path]);
    for row in &plan {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "{cell:?} could run as a formula"
            );
        }
    }
    let concentration = plan
        .iter()
        .find(|r| r.get(0) == Some("concentration.high"))
        .unwrap();
    assert!(concentration.get(5).unwrap().starts_with("'=HYPERLINK"));
}

#[test]
fn numbers_stay_numbers_and_dates_are_iso() {
    // Segments: the share change of new clients in 2025 is −8.1 points: a number.
    let rows = csv_of("segments", &EXAMPLE_EN);
    let new_2025 = rows
        .iter()
        .find(|r| r.get(0) == Some("2025") && r.get(1) == Some("new"))
        .unwrap();
    assert_eq!(new_2025.get(2), Some("4130.00"));
    assert_eq!(new_2025.get(3), Some("6.43"));
    assert!(new_2025.get(5).unwrap().starts_with("-8.1"), "{new_2025:?}");
    let referrers = csv_of("referrals", &EXAMPLE_EN);
    assert_eq!(referrers[0].get(0), Some("Jane Doe"));
    assert_eq!(referrers[0].get(5), Some("14102.00"));
    assert_eq!(referrers[0].get(8), Some("2022-04-18"));
    // French text, same numbers.
    let mut fr = EXAMPLE_EN.to_vec();
    fr.extend(["--lang", "fr"]);
    let referrers_fr = csv_of("referrals", &fr);
    assert_eq!(referrers_fr[0].get(5), Some("14102.00"));
}

#[test]
fn every_section_has_one_table_and_the_whole_report_is_refused() {
    for (command, header) in [
        (
            "segments",
            "year,segment,revenue,share,clients,share_change",
        ),
        ("risk", "period,level,revenue,top_client"),
        ("retention", "year,active,new,retained,reactivated,lost"),
        ("nps", "period,responses,promoters,passives,detractors,nps"),
        ("referrals", "name,is_client,clients_referred"),
        (
            "plan",
            "id,priority,area,title,detail,clients,revenue_at_stake",
        ),
    ] {
        let mut args = vec![command];
        args.extend(EXAMPLE_EN);
        args.extend(["--format", "csv"]);
        let (code, stdout, _) = run(&args);
        assert_eq!(code, 0);
        assert!(stdout.starts_with(header), "{command}: {stdout}");
    }
    let (code, stdout, stderr) = run(&["analyze", "examples/en/invoices.csv", "--format", "csv"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("use it with a section subcommand"),
        "{stderr}"
    );
}
