//! Accounting-transaction exports (Wave's "Account Transactions"): one row per ledger
//! line. Revenue is the lines on income accounts, amount Credit − Debit; receivable and
//! bank lines are the same money again and are excluded as `not_revenue`.

use csv::ByteRecord;

use crate::model::money;
use crate::model::Kind;

use crate::ingest::aggregate::accumulate::{Accumulator, CountedRow};
use crate::ingest::dialect::reader::CsvTable;
use crate::ingest::dialect::text::{fold_header_without_brackets as fold_header, fold_words};
use crate::ingest::error::IngestError;
use crate::ingest::formats::invoice_rows::DateOrderSeen;
use crate::ingest::formats::invoices::{close, date_order_warning, decide_formats, describe};
use crate::ingest::Options;
use crate::model::quality::{FileSummary, Problem, RejectReason};
use crate::model::warning::Warning;

const COLUMNS: [&str; 8] = [
    "transactiondate",
    "accounttype",
    "customer",
    "invoicenumber",
    "debitamount",
    "creditamount",
    "amount",
    "accountname",
];

/// A ledger export has transaction ids, account types and a customer column.
pub fn is_ledger_header(cells: &[String]) -> bool {
    let folded: Vec<String> = cells.iter().map(|c| fold_header(c)).collect();
    [
        "transactionid",
        "accounttype",
        "customer",
        "transactiondate",
    ]
    .iter()
    .all(|c| folded.iter().any(|f| f == c))
}

fn kind_of(account_type: &str) -> Option<Kind> {
    match fold_words(account_type).as_str() {
        "income" | "discount" => Some(Kind::Service),
        "other income" => Some(Kind::OtherIncome),
        _ => None,
    }
}

pub fn read(
    mut table: CsvTable,
    options: &Options,
    acc: &mut Accumulator,
    warnings: &mut Vec<Warning>,
) -> Result<FileSummary, IngestError> {
    let folded: Vec<String> = table.headers.iter().map(|h| fold_header(h)).collect();
    let index = |name: &str| folded.iter().position(|f| f == name);
    let [date_col, type_col, customer_col, invoice_col, debit_col, credit_col, amount_col, _] =
        COLUMNS.map(index);
    let two_columns = debit_col.is_some() && credit_col.is_some();
    let headers = table.headers.clone();
    let header = |col: Option<usize>| {
        col.and_then(|i| headers.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let (date_header, debit_header, credit_header, amount_header) = (
        header(date_col),
        header(debit_col),
        header(credit_col),
        header(amount_col),
    );
    let amount_columns = if two_columns {
        vec![debit_col, credit_col]
    } else {
        vec![amount_col]
    };
    let formats = decide_formats(
        &mut table,
        &amount_columns,
        date_col,
        options,
        warnings,
        &credit_header,
    )?;
    let mut columns = vec![
        ("date", date_header.clone()),
        ("client", header(customer_col)),
        ("account_type", header(type_col)),
    ];
    if invoice_col.is_some() {
        columns.push(("invoice_id", header(invoice_col)));
    }
    if two_columns {
        columns.push(("debit", debit_header.clone()));
        columns.push(("credit", credit_header.clone()));
    } else {
        columns.push(("amount", amount_header.clone()));
    }
    let mut summary = describe(&table, "ledger", &formats, &columns);

    let mut record = ByteRecord::new();
    let mut order = DateOrderSeen::default();
    while let Some(line) = table.next_row(&mut record)? {
        let Some(kind) = kind_of(&table.cell(&record, type_col, line)) else {
            summary.exclude("not_revenue");
            continue;
        };
        let customer = table.cell(&record, customer_col, line).into_owned();
        if customer.is_empty() {
            summary.reject(
                line,
                RejectReason::MissingClient,
                Some(&header(customer_col)),
                Problem::NoCustomer,
            );
            continue;
        }
        let date_text = table.cell(&record, date_col, line).into_owned();
        let date = match formats.date(&date_text, &date_header) {
            Ok(date) => {
                order.note(&formats, &date_text, Some(date));
                date
            }
            Err(message) => {
                order.note(&formats, &date_text, None);
                summary.reject(line, RejectReason::BadDate, Some(&date_header), message);
                continue;
            }
        };
        let amount = if two_columns {
            let credit =
                formats.amount_or_zero(&table.cell(&record, credit_col, line), &credit_header);
            let debit =
                formats.amount_or_zero(&table.cell(&record, debit_col, line), &debit_header);
            credit.and_then(|c| debit.map(|d| money::sub(c, d)))
        } else {
            formats
                .amount(&table.cell(&record, amount_col, line), &amount_header)
                .map(|a| Some(a.value))
        };
        let amount = match amount {
            Ok(Some(amount)) => amount,
            Ok(None) => {
                return Err(IngestError::Overflow {
                    file: summary.path.clone(),
                    line,
                })
            }
            Err(message) => {
                summary.reject(line, RejectReason::BadAmount, Some(&credit_header), message);
                continue;
            }
        };
        acc.add(&CountedRow {
            line,
            date,
            client_id: "",
            client_name: &customer,
            amount,
            currency: None,
            kind,
            intermediary: "",
            invoice_id: "",
            payment: None,
        })?;
        summary.use_row();
    }
    close(&mut summary, &table, warnings);
    warnings.extend(date_order_warning(
        &summary.path,
        &date_header,
        &formats,
        order,
    ));
    Ok(summary)
}
