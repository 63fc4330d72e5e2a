//! Folding counted rows into per-client, per-year figures: the accumulator, the daily
//! detail, payments, the duplicate check, and the compact text maps they use.

pub(crate) mod accumulate;
pub(crate) mod duplicates;
pub(crate) mod fingerprint;
pub(crate) mod inline;
pub(crate) mod payment_book;
pub(crate) mod recent;
