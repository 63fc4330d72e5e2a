//! The human report as a document: headings, sentences, tables, lists and charts, in
//! the report's language. The sections build it once; the table, Markdown and HTML
//! formats only lay it out, so they always say the same thing.

use rust_decimal::Decimal;

use crate::model::Year;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub align: Align,
}

/// A left-aligned cell (names, labels).
pub fn left(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        align: Align::Left,
    }
}

/// A right-aligned cell (figures).
pub fn right(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        align: Align::Right,
    }
}

/// A table: a header row and rows; a row may be shorter than the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn new(header: Vec<Cell>) -> Self {
        Grid {
            header,
            rows: Vec::new(),
        }
    }

    pub fn add_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// One action of the plan, worded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub title: String,
    /// `priority high · prospecting`.
    pub tags: String,
    pub detail: String,
    /// `Clients: A, B`, when the action names clients.
    pub clients: Option<String>,
}

/// A labelled value of a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice {
    pub label: String,
    /// The value, for the chart's proportions.
    pub value: Decimal,
    /// The value as a reader sees it (`40.0 %`, `12,345.00`).
    pub shown: String,
}

/// What the HTML report draws as SVG; the other formats show the same figures as
/// tables, so they skip charts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chart {
    /// The marguerite: one petal per segment, sized by its share.
    Marguerite { title: String, petals: Vec<Slice> },
    /// Cumulative share of revenue by client, largest first, with the 50 % and 75 % lines.
    Pareto {
        title: String,
        /// Each client's share in percent, largest first.
        shares: Vec<Slice>,
        axis: String,
    },
    /// Revenue per year, stacked by segment.
    StackedYears {
        title: String,
        years: Vec<Year>,
        /// One series per segment: its label and its value in each year.
        series: Vec<(String, Vec<Decimal>)>,
        /// Each year's revenue as a reader sees it.
        totals: Vec<String>,
    },
    /// Clients won (new + back) and lost per year.
    Bathtub {
        title: String,
        years: Vec<Year>,
        won: Vec<u64>,
        lost: Vec<u64>,
        won_label: String,
        lost_label: String,
    },
    /// Horizontal bars: the channel mix.
    Bars { title: String, bars: Vec<Slice> },
    /// Promoters, passives and detractors, in their usual green, grey and red.
    Nps { title: String, bars: Vec<Slice> },
    /// One dot per group on a 0–100 % axis, with the quartiles marked (the summary of
    /// `--by`): where each group stands against the others.
    Strip {
        title: String,
        points: Vec<Slice>,
        quartiles: Option<[Decimal; 3]>,
    },
}

impl Chart {
    pub fn title(&self) -> &str {
        match self {
            Chart::Marguerite { title, .. }
            | Chart::Pareto { title, .. }
            | Chart::StackedYears { title, .. }
            | Chart::Bathtub { title, .. }
            | Chart::Bars { title, .. }
            | Chart::Nps { title, .. }
            | Chart::Strip { title, .. } => title,
        }
    }
}

/// One piece of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The report's title.
    Title(String),
    /// A section.
    Heading(String),
    /// The title of the table or list that follows.
    Caption(String),
    /// A sentence or paragraph (verdicts).
    Text(String),
    Table(Grid),
    /// Short lines (files read).
    Lines(Vec<String>),
    /// A period's risk flags, each with its level (coloured in a terminal).
    Flags(Vec<(crate::analysis::risk::Level, String)>),
    /// The action plan.
    Items(Vec<Item>),
    Chart(Chart),
}

/// The whole report, or one section of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.push(Block::Heading(text.into()));
    }

    pub fn caption(&mut self, text: impl Into<String>) {
        self.push(Block::Caption(text.into()));
    }

    pub fn text(&mut self, text: impl Into<String>) {
        self.push(Block::Text(text.into()));
    }

    pub fn table(&mut self, grid: Grid) {
        self.push(Block::Table(grid));
    }

    pub fn chart(&mut self, chart: Chart) {
        self.push(Block::Chart(chart));
    }

    /// Every string of the document passed through `fix` once: the French typography
    /// ([`super::i18n::typeset`]) is applied here, after the sections wrote their text.
    pub fn map_text(&mut self, fix: impl Fn(&str) -> String) {
        let cell = |c: &mut Cell| c.text = fix(&c.text);
        for block in &mut self.blocks {
            match block {
                Block::Title(t) | Block::Heading(t) | Block::Caption(t) | Block::Text(t) => {
                    *t = fix(t);
                }
                Block::Table(grid) => {
                    grid.header.iter_mut().for_each(cell);
                    grid.rows.iter_mut().flatten().for_each(cell);
                }
                Block::Lines(lines) => lines.iter_mut().for_each(|l| *l = fix(l)),
                Block::Flags(flags) => flags.iter_mut().for_each(|(_, l)| *l = fix(l)),
                Block::Items(items) => {
                    for item in items {
                        item.title = fix(&item.title);
                        item.tags = fix(&item.tags);
                        item.detail = fix(&item.detail);
                        if let Some(clients) = &mut item.clients {
                            *clients = fix(clients);
                        }
                    }
                }
                Block::Chart(chart) => chart.map_text(&fix),
            }
        }
    }
}

impl Chart {
    fn map_text(&mut self, fix: &impl Fn(&str) -> String) {
        let slices = |slices: &mut Vec<Slice>| {
            for s in slices {
                s.label = fix(&s.label);
                s.shown = fix(&s.shown);
            }
        };
        match self {
            Chart::Marguerite { title, petals } => {
                *title = fix(title);
                slices(petals);
            }
            Chart::Pareto {
                title,
                shares,
                axis,
            } => {
                *title = fix(title);
                *axis = fix(axis);
                slices(shares);
            }
            Chart::StackedYears { title, series, .. } => {
                *title = fix(title);
                series.iter_mut().for_each(|(label, _)| *label = fix(label));
            }
            Chart::Bathtub {
                title,
                won_label,
                lost_label,
                ..
            } => {
                *title = fix(title);
                *won_label = fix(won_label);
                *lost_label = fix(lost_label);
            }
            Chart::Bars { title, bars } | Chart::Nps { title, bars } => {
                *title = fix(title);
                slices(bars);
            }
            Chart::Strip { title, points, .. } => {
                *title = fix(title);
                slices(points);
            }
        }
    }
}
