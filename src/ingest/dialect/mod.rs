//! How an export writes things: the CSV dialect and encoding, headers and column
//! mapping, dates, amounts, status and kind words, and text folding.

pub(crate) mod cells;
pub mod columns;
pub mod dates;
pub(crate) mod line_limit;
pub mod money;
pub mod reader;
pub mod records;
mod scan;
pub(crate) mod text;
pub(crate) mod vocab;
