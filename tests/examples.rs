//! The bundled demo portfolio: the README's command works, and the English and French
//! flavours (different encoding, delimiter, decimals, dates, words) agree to the cent.

use crate::common::{analyze_json, run, EXAMPLE_EN, EXAMPLE_FR};

const EN: [&str; 5] = EXAMPLE_EN;
const FR: [&str; 5] = EXAMPLE_FR;

#[test]
fn both_flavours_give_identical_figures() {
    let mut en = analyze_json(&EN);
    let mut fr = analyze_json(&FR);
    // The channel as written differs by language ("Word of mouth", "Bouche-à-oreille");
    // the normalised channel next to it must not.
    for report in [&mut en, &mut fr] {
        for client in report["clients"].as_array_mut().into_iter().flatten() {
            client.as_object_mut().map(|c| c.remove("channel_text"));
        }
    }
    // The French flavour names its people and comments in French: the one difference.
    let fr_text = fr
        .to_string()
        .replace("Jeanne Martin", "Jane Doe")
        .replace("Trop cher pour nous", "Too expensive for us")
        .replace("Lent à répondre aux courriels", "Slow to answer emails")
        .replace(
            "Bon travail, parfois en retard",
            "Good work, sometimes late",
        )
        .replace("Toujours un plaisir", "Always a pleasure")
        .replace("Très beau design", "Great design")
        .replace("\"Fiable\"", "\"Reliable\"");
    let fr: serde_json::Value = serde_json::from_str(&fr_text).unwrap();
    for key in [
        "currency",
        "period",
        "years",
        "risk_ttm",
        "clients",
        "dormant",
        "cohorts",
        "nps",
        "referrers",
        "channels_lifetime",
    ] {
        assert_eq!(en[key], fr[key], "{key} differs between the flavours");
    }
    let fr_inputs = &fr["inputs"]["invoices"];
    assert_eq!(fr_inputs["encoding"], "windows-1252");
    assert_eq!(
        (
            fr_inputs["delimiter"].as_str(),
            fr_inputs["decimal"].as_str()
        ),
        (Some(";"), Some(","))
    );
    assert_eq!(fr_inputs["date_format"], "%d/%m/%Y");
    assert_eq!(en["inputs"]["invoices"]["excluded"], fr_inputs["excluded"]);
    assert_eq!(
        en["warnings"],
        serde_json::json!([]),
        "the demo data is clean"
    );
    // Clean too: the French files are only said to be Windows-1252 (SPEC 2.1).
    let encoding_note = |file: &str| {
        format!("{file}: not UTF-8, read as Windows-1252 (the encoding of French Excel and accounting programs); if accented names look wrong, pass --encoding")
    };
    assert_eq!(
        fr["warnings"],
        serde_json::json!([
            encoding_note("examples/fr/factures.csv"),
            encoding_note("examples/fr/clients.csv"),
            encoding_note("examples/fr/enquetes.csv"),
        ]),
        "the demo data is clean"
    );
}

#[test]
fn example_figures_by_hand() {
    let report = analyze_json(&EN);
    // Sums of examples/en/invoices.csv by year, drafts and cancelled left out, the
    // 650.00 credit note of 2024 counted negative:
    // python3 -c "import csv,collections as c;t=c.Counter()
    //   for r in csv.DictReader(open('examples/en/invoices.csv')):
    //     a=float(r['Amount (excl. tax)']);s=r['Status']
    //     if s in('draft','cancelled'):continue
    //     t[r['Date'][:4]]+=-abs(a) if s=='credit note' else a
    //   print(t)"
    let years: Vec<(i64, &str, i64)> = report["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["revenue"].as_str().unwrap(),
                y["active_clients"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            (2022, "26553.35", 7),
            (2023, "36718.85", 9),
            (2024, "52316.30", 12),
            (2025, "64267.15", 12)
        ]
    );
    let acme = &report["clients"][0];
    assert_eq!(
        (acme["name"].as_str(), acme["lifetime_revenue"].as_str()),
        (Some("Acme Industries"), Some("90351.15"))
    );
    assert_eq!(acme["channel"], "website");
    assert_eq!(acme["nps_latest"], 8);
    let boulangerie = report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Boulangerie Dupont")
        .unwrap();
    assert_eq!(
        (
            boulangerie["channel"].as_str(),
            boulangerie["referred_by"].as_str()
        ),
        (Some("referral"), Some("Atelier Nord"))
    );
    let orbital = report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Orbital SAS")
        .unwrap();
    assert_eq!(orbital["status"], "dormant");
}

#[test]
fn the_readme_commands_run() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let first = readme
        .lines()
        .find(|l| l.starts_with("cargo run"))
        .expect("a `cargo run` line in the README");
    let args: Vec<&str> = first
        .split_whitespace()
        .skip_while(|w| *w != "--")
        .skip(1)
        .collect();
    assert_eq!(args.first(), Some(&"analyze"), "{first}");
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{first}: {stderr}");
    assert!(
        stdout.contains("Revenue per year") && stdout.contains("Acme Industries"),
        "{stdout}"
    );
    for section in [
        "marguerite",
        "Dependency risk",
        "Risk high",
        "leaky bathtub",
        "Cohorts",
    ] {
        assert!(
            stdout.contains(section),
            "{section} missing from:\n{stdout}"
        );
    }
    assert!(
        readme.contains("cargo test --locked"),
        "the README names the test command"
    );
}
