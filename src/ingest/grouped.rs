//! `analyze --by COLUMN`: one set of aggregates per value of a column (a freelancer of
//! a cooperative, say), read in one pass over the file. Memory grows with the groups'
//! clients × years, not with rows. Rows are read on the calling thread.

use super::accumulate::Accumulator;
use super::chunks::Chunker;
use super::duplicates::DuplicateCheck;
use super::error::IngestError;
use super::invoice_rows::{Cells, InvoiceTotals, RowRules, RowTally};
use super::parallel::{quotes_closed, Exact, Progress, RowsRead};
use super::reader::{decode_cell, RawRest};
use super::records::{Fields, Records, Shape};

/// The aggregates and row accounting of one value of the column.
pub struct GroupRead {
    pub value: String,
    pub acc: Accumulator,
    pub read: RowsRead,
}

struct Group {
    value: String,
    acc: Accumulator,
    tally: RowTally,
    duplicates: DuplicateCheck,
    invoices: InvoiceTotals,
}

struct Groups<'r> {
    rules: &'r RowRules,
    column: usize,
    new_accumulator: &'r dyn Fn() -> Accumulator,
    groups: Vec<Group>,
    index: foldhash::HashMap<String, usize>,
    /// Lines of cells that were not UTF-8 in the group column (the group's own cells
    /// are noted in its tally).
    fallback_lines: Vec<u64>,
}

impl Groups<'_> {
    fn row(&mut self, row: &impl Cells, line: u64) -> Result<(), IngestError> {
        let bytes = row.bytes(self.column).unwrap_or_default();
        let value = decode_cell(self.rules.encoding, bytes, line, &mut self.fallback_lines);
        let value = value.trim();
        let index = match self.index.get(value) {
            Some(&index) => index,
            None => {
                self.groups.push(Group {
                    value: value.to_string(),
                    acc: (self.new_accumulator)(),
                    tally: RowTally::default(),
                    duplicates: DuplicateCheck::default(),
                    invoices: InvoiceTotals::default(),
                });
                self.index.insert(value.to_string(), self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let Some(group) = self.groups.get_mut(index) else {
            return Ok(());
        };
        let mut sink = Exact {
            acc: &mut group.acc,
            invoices: &mut group.invoices,
        };
        let result = self.rules.read(row, line, &mut group.tally, &mut sink);
        for (fingerprint, line) in group.tally.fingerprints.drain(..) {
            group.duplicates.add(fingerprint, line);
        }
        result
    }
}

/// Reads every row after the header into the group of its `column` value, groups in
/// the order they first appear. `new_accumulator` makes each group's aggregates.
pub fn read_grouped(
    rest: RawRest,
    rules: &RowRules,
    column: usize,
    new_accumulator: &dyn Fn() -> Accumulator,
    chunk_bytes: usize,
    progress: Progress,
) -> Result<Vec<GroupRead>, IngestError> {
    let file = new_accumulator().file.clone();
    let mut groups = Groups {
        rules,
        column,
        new_accumulator,
        groups: Vec::new(),
        index: Default::default(),
        fallback_lines: Vec::new(),
    };
    for (line, record) in &rest.rows {
        groups.row(record, *line)?;
    }
    let mut records = Records::new(rules.delimiter, rest.line);
    let mut chunker = Chunker::new(rest.prefix, rest.stream, chunk_bytes);
    let mut read_bytes = 0u64;
    let mut blank_rows = 0u64;
    let mut buffer = Vec::new();
    while let Some(bytes) = chunker
        .next_chunk(buffer)
        .map_err(|e| IngestError::io(&file, e))?
    {
        records.feed(&bytes, &mut |fields: Fields, line, _| {
            if fields.is_blank() {
                blank_rows += 1;
                return Ok(());
            }
            groups.row(&fields, line)
        })?;
        read_bytes += bytes.len() as u64;
        progress(read_bytes);
        buffer = bytes;
    }
    records.finish(&mut |fields: Fields, line, shape: Shape| {
        quotes_closed(&file, line, shape)?;
        if fields.is_blank() {
            blank_rows += 1;
            return Ok(());
        }
        groups.row(&fields, line)
    })?;
    let shared_fallback = groups.fallback_lines;
    Ok(groups
        .groups
        .into_iter()
        .map(|group| {
            let mut tally = group.tally;
            // Blank rows and the group column's own oddities belong to no group: every
            // group's summary shows them, as every group's report shows the file's.
            tally.blank_rows += blank_rows;
            tally.fallback_lines.extend(shared_fallback.iter().copied());
            tally.fallback_lines.sort_unstable();
            tally.fallback_lines.dedup();
            GroupRead {
                value: group.value,
                acc: group.acc,
                read: RowsRead {
                    tally,
                    duplicates: group.duplicates.result(),
                    invoices: group.invoices.invoices(),
                    folded_rows: group.invoices.folded,
                },
            }
        })
        .collect())
}
