//! `--format csv` (SPEC §4.3): one section as one table for a spreadsheet: one header
//! row, plain `.` decimals, ISO dates, English keys. Text cells that a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) get a
//! leading `'`; numbers are written as numbers, so a negative amount stays one.

use std::io::{self, Write};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::analysis::nps::NpsSummary;
use crate::analysis::risk::Risk;
use crate::analysis::segments::{Segment, SegmentFigures};
use crate::analysis::shares::round2;

use super::i18n::{cents, Lang};
use super::verdicts::{action_detail, action_title};
use super::{Report, Section};

/// One cell.
pub(super) enum Field {
    Text(String),
    Number(String),
}

pub(super) fn text(value: impl Into<String>) -> Field {
    Field::Text(value.into())
}

pub(super) fn money(value: Decimal) -> Field {
    Field::Number(cents(value).to_string())
}

pub(super) fn share(value: Option<Decimal>) -> Field {
    Field::Number(
        value
            .map(|v| round2(v).normalize().to_string())
            .unwrap_or_default(),
    )
}

pub(super) fn count(value: u64) -> Field {
    Field::Number(value.to_string())
}

fn date(value: Option<NaiveDate>) -> Field {
    Field::Text(value.map(|d| d.to_string()).unwrap_or_default())
}

/// A text cell a spreadsheet cannot mistake for a formula.
pub fn neutralise(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// Why the whole report cannot be one CSV table.
pub const WHOLE_REPORT: &str = "--format csv writes one table: use it with a section subcommand (segments, risk, stress, retention, nps, referrals, payments, thresholds, plan), or --format json for the whole report";

/// The JSON name of an enum value (`high`, `near_zero`).
pub(super) fn key<T: serde::Serialize>(value: &T) -> Field {
    let json = serde_json::to_value(value).ok();
    text(json.as_ref().and_then(|v| v.as_str()).unwrap_or_default())
}

pub(super) struct Table {
    pub(super) header: Vec<&'static str>,
    pub(super) rows: Vec<Vec<Field>>,
}

fn segment_row(year: i32, name: &str, f: &SegmentFigures) -> Vec<Field> {
    vec![
        Field::Number(year.to_string()),
        text(name),
        money(f.revenue),
        share(f.share_shown.or(f.share)),
        count(f.clients),
        share(f.share_change),
    ]
}

fn segments(report: &Report) -> Table {
    let mut rows = Vec::new();
    for y in &report.analysis.segments.years {
        for segment in Segment::ALL {
            if let Some(f) = y.get(segment) {
                rows.push(segment_row(y.year, segment.key(), f));
            }
        }
        rows.push(segment_row(y.year, "referred", &y.referred));
        rows.push(segment_row(y.year, "referrer_clients", &y.referrer_clients));
    }
    Table {
        header: vec![
            "year",
            "segment",
            "revenue",
            "share",
            "clients",
            "share_change",
        ],
        rows,
    }
}

fn risk_row(period: String, r: &Risk) -> Vec<Field> {
    let top = r.top_client.as_ref();
    let via = r.top_intermediary.as_ref();
    vec![
        text(period),
        key(&r.level),
        money(r.revenue),
        text(top.map(|t| t.name.clone()).unwrap_or_default()),
        share(top.and_then(|t| t.share)),
        share(r.top3_share),
        share(r.hhi),
        share(r.effective_clients),
        share(r.intermediated_share),
        text(via.map(|t| t.name.clone()).unwrap_or_default()),
        count(r.active_clients),
    ]
}

fn risk(report: &Report) -> Table {
    let risk = &report.analysis.risk;
    let mut rows: Vec<Vec<Field>> = risk
        .years
        .iter()
        .map(|(year, r)| risk_row(year.to_string(), r))
        .collect();
    if let Some(ttm) = &risk.ttm {
        rows.push(risk_row(format!("{}..{}", ttm.from, ttm.to), &ttm.risk));
    }
    Table {
        header: vec![
            "period",
            "level",
            "revenue",
            "top_client",
            "top_client_share",
            "top3_share",
            "hhi",
            "effective_clients",
            "intermediated_share",
            "top_intermediary",
            "active_clients",
        ],
        rows,
    }
}

fn retention(report: &Report) -> Table {
    let rows = report
        .analysis
        .retention
        .years
        .iter()
        .map(|r| {
            vec![
                text(r.year.to_string()),
                count(r.active),
                count(r.new),
                count(r.retained),
                count(r.reactivated),
                count(r.lost),
                share(r.retention_rate),
                share(r.net_revenue_retention),
                share(r.gross_revenue_retention),
                money(r.revenue_lost),
                money(r.revenue_new),
                key(&r.bathtub),
            ]
        })
        .collect();
    Table {
        header: vec![
            "year",
            "active",
            "new",
            "retained",
            "reactivated",
            "lost",
            "retention_rate",
            "net_revenue_retention",
            "gross_revenue_retention",
            "revenue_lost",
            "revenue_new",
            "bathtub",
        ],
        rows,
    }
}

fn nps_row(period: String, s: &NpsSummary) -> Vec<Field> {
    vec![
        text(period),
        count(s.responses),
        count(s.promoters),
        count(s.passives),
        count(s.detractors),
        share(s.nps),
        share(s.margin_of_error_95),
        text(s.small_sample.to_string()),
        key(&s.band),
        share(s.coverage),
    ]
}

fn nps(report: &Report) -> Table {
    let nps = &report.analysis.nps;
    let mut rows: Vec<Vec<Field>> = nps
        .years
        .iter()
        .map(|(year, s)| nps_row(year.to_string(), s))
        .collect();
    rows.push(nps_row("overall".into(), &nps.overall));
    Table {
        header: vec![
            "period",
            "responses",
            "promoters",
            "passives",
            "detractors",
            "nps",
            "margin_of_error_95",
            "small_sample",
            "band",
            "coverage",
        ],
        rows,
    }
}

fn referrals(report: &Report) -> Table {
    let rows = report
        .analysis
        .referrers
        .iter()
        .map(|r| {
            vec![
                text(r.name.clone()),
                text(r.client.is_some().to_string()),
                count(r.referred.len() as u64),
                text(r.referred.join("; ")),
                money(r.revenue_focus_year),
                money(r.revenue_lifetime),
                money(r.indirect_revenue_focus_year),
                money(r.indirect_revenue_lifetime),
                date(r.last_referral),
                key(&r.status),
                text(r.thanked.map(|t| t.to_string()).unwrap_or_default()),
                date(r.thanked_on),
            ]
        })
        .collect();
    Table {
        header: vec![
            "name",
            "is_client",
            "clients_referred",
            "referred_clients",
            "revenue_focus_year",
            "revenue_lifetime",
            "indirect_revenue_focus_year",
            "indirect_revenue_lifetime",
            "last_referral",
            "status",
            "thanked",
            "thanked_on",
        ],
        rows,
    }
}

fn plan(report: &Report, lang: Lang) -> Table {
    let start = report.fiscal_year_start();
    let rows = report
        .analysis
        .plan
        .iter()
        .map(|a| {
            vec![
                text(a.id()),
                key(&a.priority),
                key(&a.area),
                text(action_title(lang, a, start)),
                text(action_detail(lang, a, report.currency.as_deref(), start)),
                text(a.clients.join("; ")),
                money(a.stake),
            ]
        })
        .collect();
    Table {
        header: vec![
            "id",
            "priority",
            "area",
            "title",
            "detail",
            "clients",
            "revenue_at_stake",
        ],
        rows,
    }
}

/// Per client: how it pays and what it owed at the as-of date, bucketed.
fn payments(report: &Report) -> Table {
    let mut rows = Vec::new();
    if let Some(p) = &report.analysis.payments {
        for client in &p.clients {
            let owed = p.receivables.clients.iter().find(|r| r.name == client.name);
            let f = &client.figures;
            let mut row = vec![
                text(client.name.clone()),
                count(f.invoices_paid),
                share(f.median_days_to_pay),
                share(f.mean_days_to_pay),
                share(f.median_days_late),
                share(f.paid_late_share),
                money(client.unpaid),
                date(owed.map(|o| o.oldest_invoice)),
            ];
            let buckets = owed.map(|o| o.buckets).unwrap_or_default();
            row.extend(buckets.entries().into_iter().map(|(_, m)| money(m)));
            rows.push(row);
        }
    }
    Table {
        header: vec![
            "client",
            "invoices_paid",
            "median_days_to_pay",
            "mean_days_to_pay",
            "median_days_late",
            "paid_late_share",
            "unpaid",
            "oldest_unpaid_invoice",
            "not_due",
            "1_30",
            "31_60",
            "61_90",
            "over_90",
        ],
        rows,
    }
}

/// Per period: the revenue left without the top client, the top three, the largest
/// intermediary.
fn stress(report: &Report) -> Table {
    let s = &report.analysis.stress;
    let focus = report.analysis.revenue.period.focus_year;
    let periods = [
        focus.map(|y| y.to_string()).zip(s.focus_year.as_ref()),
        s.ttm.as_ref().map(|t| ("ttm".to_string(), t)),
    ];
    let mut rows = Vec::new();
    for (period, stress) in periods.into_iter().flatten() {
        for (scenario, without) in stress.scenarios() {
            let Some(w) = without else { continue };
            rows.push(vec![
                text(period.clone()),
                text(scenario.key()),
                text(w.name.clone()),
                money(stress.revenue),
                money(w.revenue),
                share(w.drop),
                share(stress.top_client_months),
                share(stress.new_clients_to_replace),
            ]);
        }
    }
    Table {
        header: vec![
            "period",
            "without",
            "name",
            "revenue",
            "revenue_left",
            "drop",
            "top_client_months",
            "new_clients_to_replace",
        ],
        rows,
    }
}

/// Per year: cash revenue against the micro ceiling and the VAT franchise thresholds.
fn thresholds(report: &Report) -> Table {
    let rows = report
        .analysis
        .thresholds
        .iter()
        .flat_map(|t| &t.years)
        .map(|y| {
            vec![
                Field::Number(y.year.to_string()),
                money(y.revenue),
                money(y.micro_ceiling),
                share(y.micro_share),
                key(&y.micro_status),
                money(y.vat_base),
                money(y.vat_upper),
                key(&y.vat_status),
                date(y.vat_due_from),
                text(
                    y.crossing_invoice
                        .as_ref()
                        .map(|(name, _)| name.clone())
                        .unwrap_or_default(),
                ),
                text(y.source.clone()),
            ]
        })
        .collect();
    Table {
        header: vec![
            "year",
            "revenue",
            "micro_ceiling",
            "micro_share",
            "micro_status",
            "vat_base",
            "vat_upper",
            "vat_status",
            "vat_due_from",
            "crossing_invoice",
            "source",
        ],
        rows,
    }
}

pub fn render(
    report: &Report,
    lang: Lang,
    section: Section,
    out: &mut dyn Write,
) -> io::Result<()> {
    let table = match section {
        Section::All => return Err(io::Error::new(io::ErrorKind::InvalidInput, WHOLE_REPORT)),
        Section::Segments => segments(report),
        Section::Risk => risk(report),
        Section::Retention => retention(report),
        Section::Nps => nps(report),
        Section::Referrals => referrals(report),
        Section::Stress => stress(report),
        Section::Payments => payments(report),
        Section::Thresholds => thresholds(report),
        Section::Plan => plan(report, lang),
    };
    write(table, out)
}

/// Writes a table: its header, then its rows, text cells neutralised.
pub(super) fn write(table: Table, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let io = |e: csv::Error| io::Error::other(e);
    writer.write_record(&table.header).map_err(io)?;
    for row in table.rows {
        let cells = row.into_iter().map(|field| match field {
            Field::Text(t) => neutralise(&t),
            Field::Number(n) => n,
        });
        writer.write_record(cells).map_err(io)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(neutralise("+33 6 12"), "'+33 6 12");
        assert_eq!(neutralise("-cmd"), "'-cmd");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("Acme"), "Acme");
        let Field::Number(n) = money(Decimal::new(-65000, 2)) else {
            panic!("a number")
        };
        assert_eq!(n, "-650.00");
        let Field::Number(s) = share(Some(Decimal::new(425, 1))) else {
            panic!("a number")
        };
        assert_eq!(s, "42.5");
    }
}
