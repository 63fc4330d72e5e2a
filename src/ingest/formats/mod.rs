//! The input formats: generic invoice tables and their rows, FEC and ledger files, clients
//! and surveys files, workbooks, exchange rates, and payment columns.

pub(crate) mod clients;
pub(crate) mod fec;
pub(crate) mod invoice_rows;
pub(crate) mod invoices;
pub(crate) mod ledger;
pub(crate) mod payment_cells;
pub mod rates;
pub mod workbook;
