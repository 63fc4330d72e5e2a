//! Rendering: one computed [`Report`] to a table or JSON. Nothing here computes a metric;
//! renderers take a report and a writer, so they are testable into a `Vec<u8>`.

pub mod bars;
pub mod check;
pub mod csv;
pub mod document;
pub mod errors;
pub mod fit;
pub mod html;
pub mod i18n;
pub mod json;
pub mod markdown;
mod sections;
pub mod statement;
pub mod summary;
pub mod table;
pub mod text;
pub mod verdicts;
pub mod warnings;

use std::io::{self, Write};

use crate::analysis::revenue::{listed, ClientSummary};
use crate::analysis::segments::DormantClient;
use crate::analysis::Analysis;
pub use crate::model::quality::Inputs;
use crate::model::Client;

pub use i18n::Lang;

/// Bump on any breaking change to the JSON (removals, renames, type changes).
pub const SCHEMA_VERSION: u32 = 1;

/// Everything a rendered report shows.
#[derive(Clone, Debug)]
pub struct Report {
    /// `portfolio 0.1.0`.
    pub tool: String,
    pub currency: Option<String>,
    pub analysis: Analysis,
    /// The clients the analysis's lists point at (its client and dormant lists hold
    /// their place here, not a copy of their names and figures).
    pub clients: Vec<Client>,
    pub inputs: Inputs,
    /// Months without an invoice after which a client is dormant (quoted in the text).
    pub dormant_after_months: u32,
    /// Worded when rendered: in the report's language for people, in English in JSON.
    pub warnings: Vec<warnings::Message>,
    /// With `analyze --by`: the column and the value this report is about. JSON is then
    /// one line (NDJSON).
    pub group: Option<Group>,
}

/// One value of the `--by` column.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Group {
    pub column: String,
    pub value: String,
}

impl Report {
    /// When the report's years start (`--fiscal-year-start`): how they are named.
    pub fn fiscal_year_start(&self) -> crate::model::FiscalYearStart {
        self.analysis.revenue.period.fiscal_year_start
    }

    /// How the yearly figures place revenue: by invoice date, or (with payment
    /// dates, `--basis cash`) by payment date.
    pub fn basis(&self) -> crate::model::Basis {
        self.analysis
            .payments
            .as_ref()
            .map_or(crate::model::Basis::Invoice, |p| p.basis)
    }

    /// Every client, largest lifetime revenue first, with its summary.
    pub fn listed_clients(
        &self,
    ) -> impl ExactSizeIterator<Item = (&ClientSummary, &Client)> + Clone {
        let clients = &self.clients;
        self.analysis
            .revenue
            .clients
            .iter()
            .map(move |summary| (summary, listed(clients, summary.client)))
    }

    /// The dormant clients, largest lifetime revenue first, with their summary.
    pub fn dormant_clients(
        &self,
    ) -> impl ExactSizeIterator<Item = (&DormantClient, &Client)> + Clone {
        let clients = &self.clients;
        self.analysis
            .segments
            .dormant
            .iter()
            .map(move |dormant| (dormant, listed(clients, dormant.client)))
    }

    /// The warnings worded, repeated kinds grouped ([`warnings::texts`]).
    pub fn warning_texts(&self, lang: Lang) -> Vec<String> {
        warnings::texts(lang, &self.warnings)
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Csv,
    Html,
}

/// What to render: the whole report, or one section of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    All,
    Segments,
    Risk,
    Retention,
    Nps,
    Referrals,
    Stress,
    Payments,
    Thresholds,
    Plan,
}

/// How to render, beyond the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    pub lang: Lang,
    pub section: Section,
    /// Table width in columns; `None` lets tables take their natural width.
    pub width: Option<u16>,
    /// Threads that may write a long JSON report.
    pub threads: usize,
    /// Colour the risk levels (a terminal, without `--no-color` or `NO_COLOR`).
    pub color: bool,
}

pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(report, options, out),
        Format::Json => json::render(report, options, out),
        Format::Markdown => markdown::render(report, options, out),
        Format::Csv => csv::render(report, options.lang, options.section, out),
        Format::Html => html::render(report, options, out),
    }
}
