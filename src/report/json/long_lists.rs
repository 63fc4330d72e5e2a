//! The report's long lists (clients, dormant clients) written on several threads.
//!
//! A report of a million clients is over a gigabyte of pretty JSON, which serde writes
//! on one thread. Such a report is first written with a number in place of each long
//! list; the lists' items are then written in batches side by side and spliced in where
//! their numbers stand, indented as serde would have indented them.

use std::io::{self, Write};
use std::ops::Range;

use serde::{Serialize, Serializer};

use crate::in_order::map_in_order;

/// Items written by one thread at a time: a few megabytes of JSON.
const BATCH: usize = 4096;

/// Items (all long lists together) from which a report is worth writing in parallel.
pub(super) const PARALLEL_FROM: usize = 50_000;

/// Pretty JSON's indentation step.
const INDENT: usize = 2;

/// A list of a report that can be written item by item.
pub(super) trait LongList: Sync {
    fn len(&self) -> usize;
    /// Item `index` as pretty JSON standing at the top of a document.
    fn write_item(&self, index: usize, out: &mut Vec<u8>) -> serde_json::Result<()>;
    /// The whole list, through any serializer (not part of `dyn LongList`).
    fn serialize_all<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        Self: Sized;
}

/// A slice of a report written item by item, each as `item` makes it.
pub(super) struct Items<'a, T, J> {
    pub items: &'a [T],
    pub item: &'a (dyn Fn(&'a T) -> J + Sync),
}

impl<T: Sync, J: Serialize> LongList for Items<'_, T, J> {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn write_item(&self, index: usize, out: &mut Vec<u8>) -> serde_json::Result<()> {
        match self.items.get(index) {
            Some(item) => serde_json::to_writer_pretty(out, &(self.item)(item)),
            None => Ok(()),
        }
    }

    fn serialize_all<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.items.iter().map(self.item))
    }
}

/// A long list in a report: the list itself, or, with a marker, a number that marks its
/// place. No count in a report comes near the markers (`u64::MAX` and just below).
pub(super) struct Placed<L> {
    pub list: L,
    pub marker: Option<u64>,
}

impl<L: LongList> Serialize for Placed<L> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.marker {
            Some(marker) => serializer.serialize_u64(marker),
            None => self.list.serialize_all(serializer),
        }
    }
}

/// The marker of the `n`th long list of a report.
pub(super) fn marker(n: u64) -> u64 {
    u64::MAX - n
}

/// A long list to write where its marker stands: the key it is under, the marker, and
/// the list.
pub(super) type Spliced<'a> = (&'static str, u64, &'a dyn LongList);

/// Writes `head` (a pretty report whose long lists are markers) with each list of
/// `lists`, in the order they appear in it, written where its marker stands.
pub(super) fn write_spliced(
    head: &[u8],
    lists: &[Spliced],
    threads: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut rest = head;
    for &(key, marker, list) in lists {
        // The key's quotes make the text unique: inside a JSON string, a quote is
        // escaped, so no value can hold it.
        let needle = format!("\"{key}\": {marker}");
        let at = memchr::memmem::find(rest, needle.as_bytes())
            .ok_or_else(|| io::Error::other(format!("JSON list marker {needle} not found")))?;
        let marker_at = at + needle.len() - marker.to_string().len();
        let (before, after) = rest.split_at(marker_at);
        out.write_all(before)?;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
        let indent = before
            .get(line_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        write_array(list, indent, threads, out)?;
        rest = after.get(marker.to_string().len()..).unwrap_or_default();
    }
    out.write_all(rest)
}

/// The list as serde writes an array whose line is indented by `indent` spaces.
fn write_array(
    list: &dyn LongList,
    indent: usize,
    threads: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let len = list.len();
    if len == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let batches: Vec<Range<usize>> = (0..len)
        .step_by(BATCH)
        .map(|start| start..(start + BATCH).min(len))
        .collect();
    let item_indent = indent + INDENT;
    let build = |batch: Range<usize>| -> io::Result<Vec<u8>> {
        let mut written = Vec::new();
        let mut item = Vec::new();
        for index in batch {
            written.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
            written.resize(written.len() + item_indent, b' ');
            item.clear();
            list.write_item(index, &mut item)?;
            // Every line after the item's first moves right by its depth. A line break
            // is never inside a JSON string, which escapes it.
            for line in item.split_inclusive(|&b| b == b'\n') {
                written.extend_from_slice(line);
                if line.ends_with(b"\n") {
                    written.resize(written.len() + item_indent, b' ');
                }
            }
        }
        Ok(written)
    };
    map_in_order(batches, threads, build, |batch| out.write_all(&batch?))?;
    out.write_all(b"\n")?;
    out.write_all(&vec![b' '; indent])?;
    out.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        name: String,
        values: Vec<u32>,
        none: Vec<u32>,
        nested: Nested,
    }

    #[derive(Serialize)]
    struct Nested {
        count: u64,
        text: &'static str,
    }

    struct Items(Vec<Item>);

    impl LongList for Items {
        fn len(&self) -> usize {
            self.0.len()
        }

        fn write_item(&self, index: usize, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer_pretty(out, &self.0[index])
        }

        fn serialize_all<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(&self.0)
        }
    }

    fn items(count: usize) -> Items {
        Items(
            (0..count)
                .map(|i| Item {
                    // Line breaks and a marker's digits inside strings stay as they are.
                    name: format!("client {i}\nline two, \"first\": {}", marker(0)),
                    values: (0..(i % 4) as u32).collect(),
                    none: Vec::new(),
                    nested: Nested {
                        count: i as u64,
                        text: "a \"quoted\" word",
                    },
                })
                .collect(),
        )
    }

    #[derive(Serialize)]
    struct Document<'a> {
        before: Vec<String>,
        first: &'a Placed<Items>,
        middle: Nested,
        deeper: Deeper<'a>,
    }

    #[derive(Serialize)]
    struct Deeper<'a> {
        second: &'a Placed<Items>,
        after: u32,
    }

    fn document(first: &Placed<Items>, second: &Placed<Items>) -> Vec<u8> {
        let document = Document {
            // A value that tries to look like a marker comes first.
            before: vec![format!("\"first\": {}", marker(0)), "y".into()],
            first,
            middle: Nested {
                count: 7,
                text: "middle",
            },
            deeper: Deeper { second, after: 3 },
        };
        serde_json::to_vec_pretty(&document).unwrap()
    }

    #[test]
    fn spliced_lists_read_as_serde_writes_them_whatever_the_threads() {
        for (first_len, second_len) in [(0, 3), (1, 0), (BATCH * 2 + 5, BATCH - 1)] {
            let whole = |list| Placed { list, marker: None };
            let expected = document(&whole(items(first_len)), &whole(items(second_len)));
            let first = Placed {
                list: items(first_len),
                marker: Some(marker(0)),
            };
            let second = Placed {
                list: items(second_len),
                marker: Some(marker(1)),
            };
            let head = document(&first, &second);
            assert!(head.len() < 500, "the lists are markers in the head");
            for threads in [1, 2, 3] {
                let mut written = Vec::new();
                let lists: [Spliced; 2] = [
                    ("first", marker(0), &first.list),
                    ("second", marker(1), &second.list),
                ];
                write_spliced(&head, &lists, threads, &mut written).unwrap();
                assert!(
                    written == expected,
                    "{first_len} and {second_len} items on {threads} threads:\n{}",
                    String::from_utf8_lossy(&written)
                );
            }
        }
    }

    #[test]
    fn a_marker_not_found_is_an_error_not_a_wrong_document() {
        let mut written = Vec::new();
        let list = items(1);
        let lists: [Spliced; 1] = [("a", marker(0), &list)];
        let head = format!("{{\n  \"b\": {},\n  \"a\": 1\n}}", marker(0));
        assert!(write_spliced(head.as_bytes(), &lists, 2, &mut written).is_err());
    }
}
