//! The report's charts as inline SVG: no script, no external file, every label escaped.
//! Each chart scales with its `viewBox`, so it fits a phone and prints.

use std::f64::consts::PI;
use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::model::Year;
use crate::report::document::{Chart, Slice};

use super::escape;

/// Segment and series colours, readable in print and for most colour blindness.
const PALETTE: [&str; 8] = [
    "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb", "#222255",
];
const WON: &str = "#228833";
const LOST: &str = "#cc3311";
const INK: &str = "#222";
const GRID: &str = "#ccc";

fn colour(i: usize) -> &'static str {
    PALETTE.get(i % PALETTE.len()).copied().unwrap_or(INK)
}

fn f(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn open(out: &mut String, kind: &str, width: u32, height: u32, title: &str) {
    let _ = write!(
        out,
        r#"<figure class="chart" data-chart="{kind}"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
}

fn close(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "</svg><figcaption>{}</figcaption></figure>",
        escape(title)
    );
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, size: u32, body: &str) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" font-size="{size}" fill="{INK}">{}</text>"#,
        escape(body)
    );
}

/// The marguerite: a daisy whose petals are the segments, each as long as its share.
fn marguerite(out: &mut String, title: &str, petals: &[Slice]) {
    // Wide enough for the longest label beside a petal pointing sideways.
    let (w, h) = (720u32, 360u32);
    let (cx, cy) = (360.0, 180.0);
    let heart = 30.0;
    open(out, "marguerite", w, h, title);
    let count = petals.len().max(1) as f64;
    // A petal's area is its share: petals have one shape, so length and width grow as
    // the square root of the share, the largest reaching the frame's edge. A zero share
    // has no petal, only its label.
    let largest = petals
        .iter()
        .map(|p| f(p.value).clamp(0.0, 100.0))
        .fold(0.0_f64, f64::max);
    for (i, petal) in petals.iter().enumerate() {
        let angle = -90.0 + 360.0 * i as f64 / count;
        let share = f(petal.value).clamp(0.0, 100.0);
        let length = if largest > 0.0 {
            140.0 * (share / largest).sqrt()
        } else {
            0.0
        };
        let half_width = length * 0.22;
        if length > 0.0 {
            let _ = write!(
                out,
                r#"<g transform="translate({cx} {cy}) rotate({angle:.1})"><ellipse class="petal" cx="{:.1}" cy="0" rx="{:.1}" ry="{half_width:.1}" fill="{}" fill-opacity="0.9" stroke="white" stroke-width="2"/></g>"#,
                heart + length / 2.0 - 2.0,
                length / 2.0 + 2.0,
                colour(i)
            );
        }
        let rad = angle * PI / 180.0;
        let reach = heart + length + 12.0;
        let (x, y) = (cx + reach * rad.cos(), cy + reach * rad.sin() + 4.0);
        let anchor = if rad.cos() > 0.3 {
            "start"
        } else if rad.cos() < -0.3 {
            "end"
        } else {
            "middle"
        };
        // Labels above a petal pointing up, below one pointing down.
        let y = if rad.sin() < -0.7 { y - 14.0 } else { y };
        text(out, x, y, anchor, 14, &petal.label);
        text(out, x, y + 16.0, anchor, 14, &petal.shown);
    }
    let _ = write!(
        out,
        r##"<circle cx="{cx}" cy="{cy}" r="{heart}" fill="#f2c14e" stroke="white" stroke-width="2"/>"##
    );
    close(out, title);
}

/// Each client's share as a bar, the cumulative share as a line, and the 50 % and 75 %
/// lines: how few clients make most of the revenue.
fn pareto(out: &mut String, title: &str, shares: &[Slice], axis: &str) {
    let (w, h) = (640u32, 320u32);
    let (left, right, top, bottom) = (48.0, 16.0, 16.0, 110.0);
    let plot_w = f64::from(w) - left - right;
    let plot_h = f64::from(h) - top - bottom;
    let y_of = |pct: f64| top + plot_h * (1.0 - pct.clamp(0.0, 100.0) / 100.0);
    open(out, "pareto", w, h, title);
    for pct in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let y = y_of(pct);
        let dash = if pct == 50.0 || pct == 75.0 {
            r##" stroke-dasharray="6 4" stroke="#888""##
        } else {
            r##" stroke="#ccc""##
        };
        let _ = write!(
            out,
            r#"<line x1="{left}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"{dash}/>"#,
            left + plot_w
        );
        text(
            out,
            left - 6.0,
            y + 4.0,
            "end",
            11,
            &format!("{pct:.0}\u{a0}%"),
        );
    }
    let n = shares.len().max(1) as f64;
    let slot = plot_w / n;
    let mut cumulative = 0.0;
    let mut points = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        let value = f(share.value);
        cumulative += value;
        let x = left + slot * i as f64;
        let bar_top = y_of(value);
        let _ = write!(
            out,
            r#"<rect class="bar" x="{:.1}" y="{bar_top:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
            x + slot * 0.15,
            slot * 0.7,
            (y_of(0.0) - bar_top).max(0.0),
            colour(0)
        );
        points.push(format!("{:.1},{:.1}", x + slot / 2.0, y_of(cumulative)));
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{INK}" text-anchor="end" transform="rotate(-40 {:.1} {:.1})">{}</text>"#,
            x + slot / 2.0,
            y_of(0.0) + 14.0,
            x + slot / 2.0,
            y_of(0.0) + 14.0,
            escape(&share.label)
        );
    }
    let _ = write!(
        out,
        r#"<polyline class="cumulative" points="{}" fill="none" stroke="{}" stroke-width="2.5"/>"#,
        points.join(" "),
        colour(1)
    );
    let _ = write!(
        out,
        r#"<line x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{}" stroke-width="2.5"/>"#,
        left + 18.0,
        f64::from(h) - 10.0,
        f64::from(h) - 10.0,
        colour(1)
    );
    text(out, left + 24.0, f64::from(h) - 6.0, "start", 12, axis);
    close(out, title);
}

/// Revenue per year, one stacked column per year, one colour per segment.
fn stacked_years(
    out: &mut String,
    title: &str,
    years: &[Year],
    series: &[(String, Vec<Decimal>)],
    totals_shown: &[String],
) {
    let (w, h) = (640u32, 360u32);
    let (left, right, top, bottom) = (16.0, 16.0, 36.0, 110.0);
    let plot_w = f64::from(w) - left - right;
    let plot_h = f64::from(h) - top - bottom;
    let totals: Vec<f64> = (0..years.len())
        .map(|i| {
            series
                .iter()
                .filter_map(|(_, values)| values.get(i))
                .map(|v| f(*v).max(0.0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().fold(0.0_f64, f64::max).max(1.0);
    open(out, "revenue-by-year", w, h, title);
    let slot = plot_w / years.len().max(1) as f64;
    let base = top + plot_h;
    let _ = write!(
        out,
        r#"<line x1="{left}" x2="{:.1}" y1="{base:.1}" y2="{base:.1}" stroke="{GRID}"/>"#,
        left + plot_w
    );
    for (i, year) in years.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.2;
        let mut y = base;
        for (s, (_, values)) in series.iter().enumerate() {
            // Negative amounts (credit notes) cannot stack; the table shows them.
            let value = values.get(i).map_or(0.0, |v| f(*v).max(0.0));
            let height = plot_h * value / max;
            y -= height;
            let _ = write!(
                out,
                r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{height:.1}" fill="{}"/>"#,
                slot * 0.6,
                colour(s)
            );
        }
        text(
            out,
            x + slot * 0.3,
            base + 16.0,
            "middle",
            12,
            &year.to_string(),
        );
        if let Some(total) = totals_shown.get(i) {
            text(out, x + slot * 0.3, y - 6.0, "middle", 12, total);
        }
    }
    for (s, (label, _)) in series.iter().enumerate() {
        let (col, row) = (s % 2, s / 2);
        let x = left + col as f64 * 280.0;
        let y = base + 36.0 + row as f64 * 18.0;
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{}"/>"#,
            y - 10.0,
            colour(s)
        );
        text(out, x + 18.0, y, "start", 12, label);
    }
    close(out, title);
}

/// Clients won (up) and lost (down) each year: the leaky bathtub.
fn bathtub(
    out: &mut String,
    title: &str,
    years: &[Year],
    won: &[u64],
    lost: &[u64],
    labels: (&str, &str),
) {
    let (w, h) = (640u32, 300u32);
    // Room above the tallest bar for the legend and its count.
    let (left, right, top, bottom) = (40.0, 16.0, 44.0, 48.0);
    let plot_w = f64::from(w) - left - right;
    let plot_h = f64::from(h) - top - bottom;
    let max = won.iter().chain(lost).copied().max().unwrap_or(0).max(1) as f64;
    let zero = top + plot_h / 2.0;
    let scale = plot_h / 2.0 / max;
    // Years on one line just under the deepest bar and its count, not at the frame's foot.
    let deepest = lost.iter().copied().max().unwrap_or(0) as f64 * scale;
    let years_y = (zero + deepest + 32.0).min(f64::from(h) - 8.0);
    open(out, "bathtub", w, h, title);
    let _ = write!(
        out,
        r#"<line x1="{left}" x2="{:.1}" y1="{zero:.1}" y2="{zero:.1}" stroke="{INK}"/>"#,
        left + plot_w
    );
    let slot = plot_w / years.len().max(1) as f64;
    for (i, year) in years.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.25;
        let up = won.get(i).copied().unwrap_or(0) as f64 * scale;
        let down = lost.get(i).copied().unwrap_or(0) as f64 * scale;
        let _ = write!(
            out,
            r#"<rect class="bar won" x="{x:.1}" y="{:.1}" width="{:.1}" height="{up:.1}" fill="{WON}"/><rect class="bar lost" x="{x:.1}" y="{zero:.1}" width="{:.1}" height="{down:.1}" fill="{LOST}"/>"#,
            zero - up,
            slot * 0.5,
            slot * 0.5
        );
        text(
            out,
            x + slot * 0.25,
            zero - up - 4.0,
            "middle",
            12,
            &format!("+{}", won.get(i).copied().unwrap_or(0)),
        );
        let lost_count = lost.get(i).copied().unwrap_or(0);
        let lost_text = if lost_count == 0 {
            "0".to_string()
        } else {
            format!("−{lost_count}")
        };
        text(
            out,
            x + slot * 0.25,
            zero + down + 14.0,
            "middle",
            12,
            &lost_text,
        );
        text(
            out,
            x + slot * 0.25,
            years_y,
            "middle",
            12,
            &year.to_string(),
        );
    }
    let _ = write!(
        out,
        r#"<rect x="{left}" y="4" width="12" height="12" fill="{WON}"/>"#
    );
    text(out, left + 18.0, 14.0, "start", 12, labels.0);
    let _ = write!(
        out,
        r#"<rect x="{:.1}" y="4" width="12" height="12" fill="{LOST}"/>"#,
        left + 140.0
    );
    text(out, left + 158.0, 14.0, "start", 12, labels.1);
    close(out, title);
}

/// Horizontal bars with their labels and values.
fn bars(out: &mut String, kind: &str, title: &str, bars: &[Slice], colours: &[&str]) {
    let row = 28.0;
    let (w, h) = (640u32, (bars.len() as f64 * row + 16.0) as u32);
    let (label_w, value_w) = (190.0, 110.0);
    let plot_w = f64::from(w) - label_w - value_w;
    let max = bars
        .iter()
        .map(|b| f(b.value))
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    open(out, kind, w, h, title);
    for (i, bar) in bars.iter().enumerate() {
        let y = 8.0 + row * i as f64;
        let width = plot_w * (f(bar.value).max(0.0) / max);
        text(out, label_w - 8.0, y + 17.0, "end", 13, &bar.label);
        let _ = write!(
            out,
            r#"<rect class="bar" x="{label_w}" y="{:.1}" width="{width:.1}" height="18" fill="{}"/>"#,
            y + 4.0,
            colours.get(i).copied().unwrap_or_else(|| colour(i))
        );
        text(
            out,
            label_w + width + 6.0,
            y + 17.0,
            "start",
            13,
            &bar.shown,
        );
    }
    close(out, title);
}

/// One dot per group on a 0–100 % axis, stacked where they crowd, with the quartiles
/// as dashed lines; each dot's tooltip names its group. The first row is kept for the
/// quartiles' labels.
fn strip(out: &mut String, title: &str, points: &[Slice], quartiles: Option<[Decimal; 3]>) {
    let (left, plot_w) = (24.0, 592.0);
    let x = |v: f64| left + plot_w * (v.clamp(0.0, 100.0) / 100.0);
    // Dots of one 2-point bin are stacked upwards.
    let mut heights = [0usize; 51];
    let placed: Vec<(f64, usize, &Slice)> = points
        .iter()
        .map(|p| {
            let v = f(p.value);
            let bin = (v.clamp(0.0, 100.0) / 2.0) as usize;
            let level = heights.get(bin).copied().unwrap_or(0);
            if let Some(h) = heights.get_mut(bin) {
                *h += 1;
            }
            (v, level, p)
        })
        .collect();
    let tallest = heights.iter().copied().max().unwrap_or(1).clamp(1, 40);
    let axis_y = 40.0 + 10.0 * tallest as f64;
    let h = (axis_y + 30.0) as u32;
    open(out, "strip", 640, h, title);
    for (v, level, p) in placed {
        let level = level.min(tallest);
        let _ = write!(
            out,
            r#"<circle class="dot" cx="{:.1}" cy="{:.1}" r="4" fill="{}" fill-opacity="0.8"><title>{}: {}</title></circle>"#,
            x(v),
            axis_y - 8.0 - 10.0 * level as f64,
            colour(0),
            escape(&p.label),
            escape(&p.shown)
        );
    }
    let _ = write!(
        out,
        r#"<line x1="{left}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}" stroke="{INK}"/>"#,
        left + plot_w
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        text(
            out,
            x(tick),
            axis_y + 18.0,
            "middle",
            11,
            &format!("{tick:.0}\u{a0}%"),
        );
    }
    if let Some(q) = quartiles {
        for (i, value) in q.iter().enumerate() {
            let qx = x(f(*value));
            let _ = write!(
                out,
                r#"<line class="quartile" x1="{qx:.1}" y1="22" x2="{qx:.1}" y2="{axis_y:.1}" stroke="{GRID}" stroke-dasharray="4 3"/>"#
            );
            let name = ["Q1", "Q2", "Q3"].get(i).copied().unwrap_or_default();
            text(out, qx, 16.0, "middle", 11, name);
        }
    }
    close(out, title);
}

/// One chart as an SVG figure.
pub fn svg(chart: &Chart) -> String {
    let mut out = String::new();
    match chart {
        Chart::Marguerite { title, petals } => marguerite(&mut out, title, petals),
        Chart::Pareto {
            title,
            shares,
            axis,
        } => pareto(&mut out, title, shares, axis),
        Chart::StackedYears {
            title,
            years,
            series,
            totals,
        } => stacked_years(&mut out, title, years, series, totals),
        Chart::Bathtub {
            title,
            years,
            won,
            lost,
            won_label,
            lost_label,
        } => bathtub(&mut out, title, years, won, lost, (won_label, lost_label)),
        Chart::Bars { title, bars: b } => bars(&mut out, "bars", title, b, &[]),
        Chart::Strip {
            title,
            points,
            quartiles,
        } => strip(&mut out, title, points, *quartiles),
        Chart::Nps { title, bars: b } => bars(&mut out, "nps", title, b, &[WON, "#999999", LOST]),
    }
    out
}
