//! Reading the rows of an invoices file, on as many threads as asked.

pub mod chunks;
pub mod grouped;
mod grouped_threads;
pub mod merge;
pub mod parallel;
pub mod partial;
pub mod records;
mod scan;
mod slot_ids;
pub mod tail;
