//! Fitting a table to a width without wrapping a cell (a wrapped table in a terminal is
//! hard to read): long headers of figures are abbreviated, bar columns dropped, long
//! names cut with `…`, and only then the last columns dropped. Figures are never cut.

use super::bars::is_bar_column;
use super::document::{Align, Grid};
use super::text::{cut, inert};

/// The longest cell shown, in characters: laying out a cell of a megabyte took seconds.
const CELL_MAX: usize = 80;
/// A name column is cut down to this many characters first.
const NAME_MIN: usize = 24;
/// And, when that is not enough, down to this.
const NAME_FLOOR: usize = 10;

/// One table's texts, inert and ready to lay out, with each column's alignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fitted {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub align: Vec<Align>,
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

impl Fitted {
    fn of(grid: &Grid) -> Self {
        let text = |c: &super::document::Cell| cut(&inert(&c.text), CELL_MAX).into_owned();
        let columns = grid
            .rows
            .iter()
            .map(Vec::len)
            .chain([grid.header.len()])
            .max()
            .unwrap_or(0);
        let align = (0..columns)
            .map(|i| {
                grid.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .chain(grid.header.get(i))
                    .map(|c| c.align)
                    .next()
                    .unwrap_or(Align::Left)
            })
            .collect();
        let pad = |mut row: Vec<String>| {
            row.resize(columns, String::new());
            row
        };
        Fitted {
            header: pad(grid.header.iter().map(text).collect()),
            rows: grid
                .rows
                .iter()
                .map(|r| pad(r.iter().map(text).collect()))
                .collect(),
            align,
        }
    }

    /// Each column's widest text.
    fn widths(&self) -> Vec<usize> {
        (0..self.align.len())
            .map(|i| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .filter_map(|r| r.get(i))
                    .map(|t| chars(t))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// The width the table is drawn at: each column with a space either side and a
    /// border, and the last border.
    pub fn drawn_width(&self) -> usize {
        self.widths().iter().map(|w| w + 3).sum::<usize>() + 1
    }

    fn data_width(&self, column: usize) -> usize {
        self.rows
            .iter()
            .filter_map(|r| r.get(column))
            .map(|t| chars(t))
            .max()
            .unwrap_or(0)
    }

    /// A column of text bars (`████▌`) under an empty header.
    fn is_bars(&self, column: usize) -> bool {
        let cells = self.rows.iter().filter_map(|r| r.get(column));
        self.header
            .get(column)
            .is_some_and(|h| is_bar_column(h, cells.map(String::as_str)))
    }

    fn cut_column(&mut self, column: usize, max: usize, header_too: bool) {
        let rows = self
            .rows
            .iter_mut()
            .chain(header_too.then_some(&mut self.header));
        for cell in rows.filter_map(|r| r.get_mut(column)) {
            if chars(cell) > max {
                *cell = cut(cell, max).into_owned();
            }
        }
    }

    fn drop_column(&mut self, column: usize) {
        for row in std::iter::once(&mut self.header).chain(&mut self.rows) {
            if column < row.len() {
                row.remove(column);
            }
        }
        if column < self.align.len() {
            self.align.remove(column);
        }
    }

    /// Fits the table within `width` characters, giving way in this order: long headers
    /// of figures, bar columns (they repeat a figure beside them), names down to 24
    /// characters then 10, and last the last columns.
    pub fn fit(grid: &Grid, width: Option<u16>) -> Self {
        let mut table = Self::of(grid);
        let Some(width) = width.map(usize::from) else {
            return table;
        };
        let fits = |t: &Self| t.drawn_width() <= width;
        // Headers of figures abbreviated to their figures' width, as few as can be: the
        // one that just makes the table fit, else the one that gains most.
        loop {
            if fits(&table) {
                return table;
            }
            let excess = table.drawn_width() - width;
            let gains: Vec<(usize, usize)> = (0..table.align.len())
                .filter(|&i| table.align.get(i) == Some(&Align::Right))
                .map(|i| {
                    let header = table.header.get(i).map_or(0, |h| chars(h));
                    (i, header.saturating_sub(table.data_width(i).max(4)))
                })
                .filter(|(_, gain)| *gain > 0)
                .collect();
            let enough = gains
                .iter()
                .filter(|(_, g)| *g >= excess)
                .min_by_key(|(i, g)| (*g, *i));
            let most = gains
                .iter()
                .max_by_key(|(i, g)| (*g, std::cmp::Reverse(*i)));
            let Some(&(column, _)) = enough.or(most) else {
                break;
            };
            let figures = table.data_width(column).max(4);
            table.cut_column(column, figures, true);
        }
        while let Some(bars) = (0..table.align.len()).rev().find(|&i| table.is_bars(i)) {
            if fits(&table) {
                return table;
            }
            table.drop_column(bars);
        }
        for floor in [NAME_MIN, NAME_FLOOR] {
            while !fits(&table) {
                let widths = table.widths();
                let widest = (0..table.align.len())
                    .filter(|&i| table.align.get(i) == Some(&Align::Left))
                    .filter(|&i| widths.get(i).is_some_and(|w| *w > floor))
                    .max_by_key(|&i| widths.get(i).copied().unwrap_or(0));
                let Some(column) = widest else { break };
                let excess = table.drawn_width() - width;
                let now = widths.get(column).copied().unwrap_or(0);
                table.cut_column(column, now.saturating_sub(excess).max(floor), true);
            }
        }
        while !fits(&table) && table.align.len() > 2 {
            table.drop_column(table.align.len() - 1);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{left, right};

    fn grid(header: &[&str], rows: &[&[&str]]) -> Grid {
        let cell = |i: usize, t: &str| if i == 0 { left(t) } else { right(t) };
        let mut g = Grid::new(header.iter().enumerate().map(|(i, t)| cell(i, t)).collect());
        for row in rows {
            g.rows
                .push(row.iter().enumerate().map(|(i, t)| cell(i, t)).collect());
        }
        g
    }

    #[test]
    fn a_table_that_fits_is_left_alone() {
        let g = grid(&["Client", "Revenue"], &[&["Acme", "1,000.00"]]);
        let fitted = Fitted::fit(&g, Some(80));
        assert_eq!(fitted, Fitted::fit(&g, None));
        assert_eq!(fitted.drawn_width(), 3 + 6 + 3 + 8 + 1);
    }

    #[test]
    fn names_give_way_first_and_figures_never() {
        let long = "Clinique vétérinaire des Quatre Saisons et associés";
        let g = grid(
            &["Client", "Revenue 2024", "Revenue 2025"],
            &[&[long, "12,345.67", "23,456.78"], &["Acme", "1.00", "2.00"]],
        );
        // Headers of figures first ("Revenue 2024" is wider than its figures)…
        let fitted = Fitted::fit(&g, Some(83));
        assert!(fitted.drawn_width() <= 83, "{fitted:?}");
        assert_eq!(fitted.rows[0][0], long);
        assert_eq!(fitted.header[1], "Revenue …");
        // …then names; figures never.
        let fitted = Fitted::fit(&g, Some(60));
        assert!(fitted.drawn_width() <= 60, "{fitted:?}");
        assert!(fitted.rows[0][0].ends_with('…'));
        assert_eq!(fitted.rows[0][1], "12,345.67");
        assert_eq!(fitted.rows[0][2], "23,456.78");
    }

    #[test]
    fn bars_then_headers_then_last_columns_give_way() {
        let mut g = grid(
            &[
                "Segment",
                "Revenue",
                "Share",
                "",
                "Change in share (points)",
            ],
            &[&["New clients", "1,000.00", "10.0 %", "", "+2.5"]],
        );
        g.rows[0][3] = left("████████████████████");
        g.header[3] = left("");
        // The long header first, then the bars.
        let fitted = Fitted::fit(&g, Some(65));
        assert!(fitted.drawn_width() <= 65, "{fitted:?}");
        assert_eq!(fitted.align.len(), 5, "the bars stay: {fitted:?}");
        assert!(fitted.header[4].ends_with('…'), "{fitted:?}");
        let fitted = Fitted::fit(&g, Some(45));
        assert!(fitted.drawn_width() <= 45, "{fitted:?}");
        assert_eq!(fitted.align.len(), 4, "the bars went: {fitted:?}");
        assert_eq!(fitted.rows[0][1], "1,000.00");
        let fitted = Fitted::fit(&g, Some(30));
        assert!(
            fitted.drawn_width() <= 30 || fitted.align.len() == 2,
            "{fitted:?}"
        );
        assert_eq!(fitted.rows[0][1], "1,000.00");
    }
}
