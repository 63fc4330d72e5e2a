//! The one integration-test target: runs the `portfolio` binary on files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_inputs;
mod browser;
mod by_group;
mod chunked;
mod common;
mod config;
mod corpus;
mod csv_output;
mod errors;
mod examples;
mod exports;
mod fec;
mod fit;
mod french;
mod hostile;
mod html;
mod json_contract;
mod plan;
mod properties;
mod scripting;
mod sections;
mod snapshots;
mod summary;
mod template;
mod word_of_mouth;
