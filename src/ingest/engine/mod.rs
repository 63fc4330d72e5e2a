//! The engine: reads the rows of an invoices table, after its header, on as many
//! threads as asked, into the file's aggregates. Whatever the threads, the result is the
//! one a single pass in file order gives: the same clients in the same order, the same
//! names, figures and daily detail, every rejection at its physical line, the first
//! error of the file.
//!
//! Its doors, for `ingest` (nothing of the engine is public outside the crate but the
//! settings its callers pass):
//! - [`parallel::read_rows`]: the rows already sampled and the byte stream after them
//!   ([`crate::ingest::dialect::reader::RawRest`]), the row rules, the file's
//!   [`crate::ingest::aggregate::accumulate::Accumulator`] as the sink; gives the row
//!   accounting ([`RowsRead`]). A look at the end of a file that can be opened again
//!   ([`tail`]) lets the daily detail skip old days from the first row on; should the
//!   rows never reach the date it promised, the accumulator says so and `ingest` reads
//!   the file again without the look (never an error a user sees).
//! - [`grouped`]: the same, one set of aggregates per value of a column (`--by`): side
//!   by side ([`grouped::read_grouped`]), or planned ([`grouped::plan_groups`]) and then
//!   group by group ([`grouped::GroupStream`]).
//!
//! How: the stream is cut into chunks at line ends ([`chunks`]); each thread splits a
//! chunk with the one CSV splitter ([`crate::ingest::dialect::records`]) and aggregates it
//! on its own, per client slot ([`partial`]); the calling thread merges the chunks in
//! file order ([`merge`]), and reads row by row what a chunk cannot settle alone.

pub(crate) mod chunks;
pub(crate) mod grouped;
mod grouped_threads;
pub(crate) mod merge;
pub(crate) mod parallel;
pub(crate) mod partial;
mod slot_ids;
pub(crate) mod tail;

pub use parallel::{Progress, Reading, RowsRead};
pub use tail::TAIL_BYTES;
