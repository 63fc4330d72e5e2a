//! A deterministic synthetic invoice export of any size, for benchmarks.
//!
//! usage: cargo run --release --example gen_invoices -- ROWS OUT.csv
//!            [--clients N] [--seed S] [--lang en|fr] [--unique] [--freelancers F]
//!
//! `--unique`: row i bills client i (modulo N), so that N rows have N distinct clients.
//! `--freelancers F`: a last column, `freelancer`, as in a cooperative's export of F
//! freelancers (client c belongs to freelancer c modulo F), for `analyze --by freelancer`.
//!
//! The English dialect has the header and shape of ../shared/bench/gen_invoices.py
//! (`invoice_id,date,client_id,client_name,amount_ht,currency,status`, ISO dates, rows
//! in date order 2015–2025, client frequency Zipf-like by rank, log-normal amounts,
//! ~2 % cancelled, ~1 % credit notes, ~5 % names needing quotes). The French dialect
//! writes the same rows as a French tool would: `;`, `dd/mm/yyyy`, decimal commas,
//! French headers and statuses, Windows-1252.

use std::fs::File;
use std::io::{self, BufWriter, Write};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

struct Args {
    rows: u64,
    out: String,
    clients: usize,
    seed: u64,
    french: bool,
    unique: bool,
    freelancers: Option<usize>,
}

fn args() -> Result<Args, String> {
    let mut positional = Vec::new();
    let (mut clients, mut seed, mut french, mut unique) = (50_000, 42, false, false);
    let mut freelancers = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--clients" => clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--lang" => french = value()? == "fr",
            "--unique" => unique = true,
            "--freelancers" => {
                let count = value()?
                    .parse()
                    .map_err(|e| format!("--freelancers: {e}"))?;
                freelancers = Some(usize::max(count, 1));
            }
            _ => positional.push(arg),
        }
    }
    match positional.as_slice() {
        [rows, out] => Ok(Args {
            rows: rows
                .replace('_', "")
                .parse()
                .map_err(|e| format!("ROWS: {e}"))?,
            out: out.clone(),
            clients: clients.max(1),
            seed,
            french,
            unique,
            freelancers,
        }),
        _ => Err(
            "usage: gen_invoices ROWS OUT.csv [--clients N] [--seed S] [--lang en|fr] [--unique] \
             [--freelancers F]"
                .into(),
        ),
    }
}

const FIRST: [&str; 15] = [
    "Dupont", "Martin", "Bernard", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon", "Michel",
    "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Lambert",
];
const TRADE: [&str; 10] = [
    "Conseil",
    "Industrie",
    "Services",
    "Logistique",
    "Digital",
    "Bâtiment",
    "Transports",
    "Santé",
    "Énergie",
    "Distribution",
];
const FORM: [&str; 7] = ["SARL", "SAS", "SA", "EURL", "SCI", "GmbH", "Ltd"];

/// A client's name as a CSV cell (quoted when it holds the delimiter or a quote).
fn name(i: usize, rng: &mut Rng, delimiter: char) -> String {
    let base = format!(
        "{} {} {} {i}",
        FIRST[i % 15],
        TRADE[(i / 15) % 10],
        FORM[(i / 150) % 7]
    );
    let roll = rng.unit();
    if roll < 0.04 {
        format!("\"{}{delimiter} {base}\"", FIRST[(i * 7) % 15])
    } else if roll < 0.05 {
        format!("\"{base} \"\"Le {}\"\"\"", TRADE[i % 10])
    } else {
        base
    }
}

fn main() -> io::Result<()> {
    let args = args().map_err(io::Error::other)?;
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (first_year, last_year) = (2015, 2025);
    let n = args.clients;
    // Clients: rank-ordered frequency weights, an active span of years, shuffled ids.
    let weights: Vec<f64> = (1..=n).map(|rank| 1.0 / rank as f64).collect();
    let scale: Vec<f64> = (1..=n)
        .map(|rank| 800.0 * (rank as f64).powf(-0.15))
        .collect();
    let mut spans = Vec::with_capacity(n);
    for _ in 0..n {
        let start = if rng.unit() < 0.3 {
            first_year
        } else {
            first_year + (rng.next() % 11) as i32
        };
        let mut life = 1;
        while rng.unit() > 0.18 {
            life += 1;
        }
        spans.push((start, (start + life - 1).min(last_year)));
    }
    let mut ids: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        ids.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    let delimiter = if args.french { ';' } else { ',' };
    let names: Vec<String> = (0..n).map(|i| name(i, &mut rng, delimiter)).collect();
    // Per year: the clients active that year and their cumulative weights.
    let tables: Vec<(Vec<usize>, Vec<f64>)> = (first_year..=last_year)
        .map(|year| {
            let active: Vec<usize> = (0..n)
                .filter(|&c| spans[c].0 <= year && spans[c].1 >= year)
                .collect();
            let mut total = 0.0;
            let cumulative = active
                .iter()
                .map(|&c| {
                    total += weights[c];
                    total
                })
                .collect();
            (active, cumulative)
        })
        .collect();
    let start = chrono::NaiveDate::from_ymd_opt(first_year, 1, 1).ok_or(io::ErrorKind::Other)?;
    let days = (chrono::NaiveDate::from_ymd_opt(last_year, 12, 31).ok_or(io::ErrorKind::Other)?
        - start)
        .num_days() as u64
        + 1;
    let file = File::create(&args.out)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let (header, end) = if args.french {
        (
            &b"N\xb0 facture;Date;Code client;Client;Montant HT;Devise;Statut"[..],
            "\r\n",
        )
    } else {
        (
            &b"invoice_id,date,client_id,client_name,amount_ht,currency,status"[..],
            "\n",
        )
    };
    out.write_all(header)?;
    if args.freelancers.is_some() {
        out.write_all(if args.french {
            b";Consultant"
        } else {
            b",freelancer"
        })?;
    }
    out.write_all(end.as_bytes())?;
    let mut line = String::new();
    for row in 0..args.rows {
        // Rows in date order, spread evenly over the days.
        let day = row * days / args.rows.max(1);
        let date = start + chrono::Days::new(day);
        let year = chrono::Datelike::year(&date);
        let (active, cumulative) = &tables[(year - first_year) as usize];
        let client = match cumulative.last() {
            _ if args.unique => (row % n as u64) as usize,
            Some(&total) => {
                let target = rng.unit() * total;
                active[cumulative
                    .partition_point(|&c| c < target)
                    .min(active.len() - 1)]
            }
            None => (rng.next() % n as u64) as usize,
        };
        let mut cents = ((rng.normal() * 0.9).exp() * scale[client] * 100.0).round() as i64;
        let roll = rng.unit();
        let credit = rng.unit() < 0.01;
        if credit {
            cents = -((cents as f64) * (0.05 + 0.95 * rng.unit())).round() as i64;
        }
        let status = match (credit, roll) {
            (true, _) => 0,
            (_, r) if r < 0.80 => 0,
            (_, r) if r < 0.93 => 1,
            (_, r) if r < 0.98 => 2,
            _ => 3,
        };
        line.clear();
        let freelancer = match args.freelancers {
            Some(count) => format!("{delimiter}FL{:05}", client % count + 1),
            None => String::new(),
        };
        let (sign, units, hundredths) = (
            if cents < 0 { "-" } else { "" },
            cents.abs() / 100,
            cents.abs() % 100,
        );
        if args.french {
            let status = ["payée", "envoyée", "en retard", "annulée"][status];
            line.push_str(&format!(
                "F{:09};{};C{:06};{};{sign}{units},{hundredths:02};EUR;{status}{freelancer}{end}",
                row + 1,
                date.format("%d/%m/%Y"),
                ids[client] + 1,
                names[client],
            ));
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&line);
            out.write_all(&bytes)?;
        } else {
            let status = ["paid", "sent", "overdue", "cancelled"][status];
            line.push_str(&format!(
                "INV-{:09},{},C{:06},{},{sign}{units}.{hundredths:02},EUR,{status}{freelancer}{end}",
                row + 1,
                date,
                ids[client] + 1,
                names[client],
            ));
            out.write_all(line.as_bytes())?;
        }
    }
    out.flush()
}
