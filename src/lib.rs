//! `portfolio`: a yearly review of a freelancer's client portfolio from the CSV exports
//! of invoicing tools.
//!
//! Read → analyse → render: [`ingest`] turns exports into a [`model::Dataset`],
//! [`analysis`] computes reports from it without I/O or clock, and [`report`] renders
//! them as text or JSON.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod in_order;
pub mod ingest;
pub mod model;
pub mod report;
