//! The French micro-enterprise ceilings and VAT franchise thresholds (SPEC 3.8), year by
//! year on the cash received. Indicative: the thresholds change by law, and the table
//! below can be overridden in portfolio.toml.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{money, Dataset, DayReceipts, Money, Year};

use super::error::AnalysisError;
use super::shares::percent;

/// The micro-enterprise regime the user declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    MicroBnc,
    MicroBicServices,
    MicroBicSales,
}

impl Regime {
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::MicroBnc => "micro-bnc",
            Regime::MicroBicServices => "micro-bic-services",
            Regime::MicroBicSales => "micro-bic-sales",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "micro-bnc" => Some(Regime::MicroBnc),
            "micro-bic-services" => Some(Regime::MicroBicServices),
            "micro-bic-sales" => Some(Regime::MicroBicSales),
            _ => None,
        }
    }

    fn sells_goods(self) -> bool {
        self == Regime::MicroBicSales
    }
}

/// The thresholds in force for a span of years, with where they come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThresholdRow {
    pub from: Year,
    /// Last year in force; `None`: until another row starts.
    pub to: Option<Year>,
    /// Micro ceilings: services (BNC and BIC services), sales.
    pub micro_services: Money,
    pub micro_sales: Money,
    /// VAT franchise, services: base and upper threshold; sales: the same.
    pub vat_services: (Money, Money),
    pub vat_sales: (Money, Money),
    pub source: String,
}

fn euros(value: i64) -> Money {
    Money::from(value)
}

/// The thresholds as the law set them; each row names its years and its source.
pub fn default_table() -> Vec<ThresholdRow> {
    let micro = |from, to, services, sales, source: &str| ThresholdRow {
        from,
        to,
        micro_services: euros(services),
        micro_sales: euros(sales),
        vat_services: (Money::ZERO, Money::ZERO),
        vat_sales: (Money::ZERO, Money::ZERO),
        source: source.to_string(),
    };
    let mut rows = vec![
        micro(
            2020,
            Some(2022),
            72_600,
            176_200,
            "CGI art. 50-0, 102 ter (2020-2022), 293 B (2020-2022)",
        ),
        micro(
            2023,
            Some(2024),
            77_700,
            188_700,
            "CGI art. 50-0, 102 ter (2023-2025), 293 B (2023-2024)",
        ),
        micro(
            2025,
            Some(2025),
            77_700,
            188_700,
            "CGI art. 50-0, 102 ter (2023-2025), 293 B (LF 2025)",
        ),
        micro(
            2026,
            None,
            83_600,
            203_100,
            "CGI art. 50-0, 102 ter (2026), 293 B (LF 2025)",
        ),
    ];
    let vat = [
        ((34_400, 36_500), (85_800, 94_300)),
        ((36_800, 39_100), (91_900, 101_000)),
        ((37_500, 41_250), (85_000, 93_500)),
        ((37_500, 41_250), (85_000, 93_500)),
    ];
    for (row, (services, sales)) in rows.iter_mut().zip(vat) {
        row.vat_services = (euros(services.0), euros(services.1));
        row.vat_sales = (euros(sales.0), euros(sales.1));
    }
    rows
}

/// What the user declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegimeSettings {
    pub regime: Regime,
    /// Under the VAT franchise (the default of a micro-enterprise).
    pub vat_franchise: bool,
    /// When the activity started, for the first year's prorated ceiling.
    pub activity_start: Option<NaiveDate>,
    pub table: Vec<ThresholdRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MicroStatus {
    Under,
    Approaching,
    Over,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VatStatus {
    Under,
    OverBase,
    OverUpper,
}

/// The share of a ceiling from which it is being approached.
const APPROACHING: i64 = 80;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThresholdYear {
    pub year: Year,
    pub revenue: Money,
    pub micro_ceiling: Money,
    /// Whether the ceiling was prorated (the year the activity started).
    pub prorated: bool,
    pub micro_share: Option<Decimal>,
    pub micro_status: MicroStatus,
    /// Over the ceiling this year and the year before: the regime is lost.
    pub leaves_regime: bool,
    pub vat_base: Money,
    pub vat_upper: Money,
    pub vat_status: VatStatus,
    pub vat_due_from: Option<NaiveDate>,
    /// VAT is due from 1 January because the previous years lost the franchise.
    pub franchise_lost_before: bool,
    /// The invoice whose payment took the year over the upper threshold (its number, or
    /// its line when it has none), and that payment's day.
    pub crossing_invoice: Option<(String, NaiveDate)>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    pub year: Year,
    pub revenue: Money,
    pub micro_status: MicroStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThresholdsReport {
    pub regime: Regime,
    /// `cash`, or `invoice` when the file gives no payment date.
    pub cash: bool,
    pub vat_franchise: bool,
    pub years: Vec<ThresholdYear>,
    pub projection: Option<Projection>,
}

/// The thresholds section, over the calendar years up to `as_of`'s.
pub fn thresholds(
    dataset: &Dataset,
    settings: &RegimeSettings,
    as_of: Option<NaiveDate>,
) -> Result<Option<ThresholdsReport>, AnalysisError> {
    let (Some(receipts), Some(as_of)) = (dataset.receipts.as_ref(), as_of) else {
        return Ok(None);
    };
    let mut by_year: BTreeMap<Year, Vec<(&NaiveDate, &DayReceipts)>> = BTreeMap::new();
    for (day, received) in receipts.range(..=as_of) {
        by_year.entry(day.year()).or_default().push((day, received));
    }
    let (Some(&first), last) = (by_year.keys().next(), as_of.year()) else {
        return Ok(None);
    };
    let first = settings
        .activity_start
        .map_or(first, |s| s.year().min(first));
    let mut years: Vec<ThresholdYear> = Vec::new();
    for year in first..=last {
        let Some(row) = row_for(&settings.table, year) else {
            continue;
        };
        let days = by_year.get(&year).map(Vec::as_slice).unwrap_or_default();
        let revenue =
            money::sum(days.iter().map(|(_, r)| r.total)).ok_or(AnalysisError::Overflow)?;
        let full_ceiling = if settings.regime.sells_goods() {
            row.micro_sales
        } else {
            row.micro_services
        };
        let start = settings.activity_start.filter(|s| s.year() == year);
        let micro_ceiling = match start {
            Some(start) => prorate(full_ceiling, start)?,
            None => full_ceiling,
        };
        let micro_share = percent(revenue, micro_ceiling)?;
        let micro_status = micro_status(revenue, micro_ceiling)?;
        let previous = years.last().filter(|p| p.year == year - 1);
        let leaves_regime = micro_status == MicroStatus::Over
            && previous.is_some_and(|p| p.micro_status == MicroStatus::Over);
        let (vat_base, vat_upper) = if settings.regime.sells_goods() {
            row.vat_sales
        } else {
            row.vat_services
        };
        let vat_status = if revenue > vat_upper {
            VatStatus::OverUpper
        } else if revenue > vat_base {
            VatStatus::OverBase
        } else {
            VatStatus::Under
        };
        let crossing = crossing(days, vat_upper)?;
        let lost_before = if year >= 2025 {
            previous.is_some_and(|p| p.vat_status != VatStatus::Under)
        } else {
            let before = years.iter().rev().take(2).filter(|p| p.year >= year - 2);
            let over: Vec<VatStatus> = before.map(|p| p.vat_status).collect();
            previous.is_some_and(|p| p.vat_status == VatStatus::OverUpper)
                || (over.len() == 2 && over.iter().all(|s| *s != VatStatus::Under))
        };
        let vat_due_from = if !settings.vat_franchise {
            None
        } else if lost_before {
            NaiveDate::from_ymd_opt(year, 1, 1)
        } else {
            crossing.as_ref().and_then(|(_, day)| {
                if year >= 2025 {
                    Some(*day)
                } else {
                    day.with_day(1)
                }
            })
        };
        years.push(ThresholdYear {
            year,
            revenue,
            micro_ceiling,
            prorated: start.is_some(),
            micro_share,
            micro_status,
            leaves_regime,
            vat_base,
            vat_upper,
            vat_status,
            vat_due_from,
            franchise_lost_before: settings.vat_franchise && lost_before,
            crossing_invoice: crossing,
            source: row.source.clone(),
        });
    }
    let projection = match years.last() {
        Some(current) if current.year == as_of.year() => project(current, as_of, settings)?,
        _ => None,
    };
    Ok(Some(ThresholdsReport {
        regime: settings.regime,
        cash: dataset.payment_columns.paid_date,
        vat_franchise: settings.vat_franchise,
        years,
        projection,
    }))
}

fn row_for(table: &[ThresholdRow], year: Year) -> Option<&ThresholdRow> {
    table
        .iter()
        .rev()
        .find(|row| row.from <= year && row.to.is_none_or(|to| year <= to))
}

fn micro_status(revenue: Money, ceiling: Money) -> Result<MicroStatus, AnalysisError> {
    let approaching = ceiling
        .checked_mul(Decimal::from(APPROACHING))
        .ok_or(AnalysisError::Overflow)?
        / Decimal::ONE_HUNDRED;
    Ok(if revenue > ceiling {
        MicroStatus::Over
    } else if revenue >= approaching {
        MicroStatus::Approaching
    } else {
        MicroStatus::Under
    })
}

/// `ceiling` × the days from `start` to the end of its year / the days of the year, to
/// the cent.
fn prorate(ceiling: Money, start: NaiveDate) -> Result<Money, AnalysisError> {
    let year_days = days_in_year(start.year());
    let active = year_days - i64::from(start.ordinal0());
    ceiling
        .checked_mul(Decimal::from(active))
        .and_then(|m| m.checked_div(Decimal::from(year_days)))
        .map(|m| m.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
        .ok_or(AnalysisError::Overflow)
}

fn days_in_year(year: Year) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// The payment that took the year's cumulated receipts over `upper`, in date order and,
/// within a day, in file order.
fn crossing(
    days: &[(&NaiveDate, &DayReceipts)],
    upper: Money,
) -> Result<Option<(String, NaiveDate)>, AnalysisError> {
    let mut sum = Money::ZERO;
    for (day, received) in days {
        let after_day = money::add(sum, received.total).ok_or(AnalysisError::Overflow)?;
        if after_day <= upper {
            sum = after_day;
            continue;
        }
        for (line, invoice, amount) in &received.payments {
            sum = money::add(sum, *amount).ok_or(AnalysisError::Overflow)?;
            if sum > upper {
                let name = if invoice.is_empty() {
                    format!("line {line}")
                } else {
                    invoice.clone()
                };
                return Ok(Some((name, **day)));
            }
        }
        sum = after_day;
    }
    Ok(None)
}

/// The year's revenue at its pace so far: × the days of the year (of activity, the
/// first year) / the days elapsed at `as_of`.
fn project(
    current: &ThresholdYear,
    as_of: NaiveDate,
    settings: &RegimeSettings,
) -> Result<Option<Projection>, AnalysisError> {
    let year = current.year;
    let Some(last_day) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Ok(None);
    };
    if as_of >= last_day {
        return Ok(None);
    }
    let start = settings
        .activity_start
        .filter(|s| s.year() == year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 1, 1));
    let Some(start) = start.filter(|s| *s <= as_of) else {
        return Ok(None);
    };
    let elapsed = (as_of - start).num_days() + 1;
    let total = (last_day - start).num_days() + 1;
    let revenue = current
        .revenue
        .checked_mul(Decimal::from(total))
        .and_then(|m| m.checked_div(Decimal::from(elapsed)))
        .map(|m| m.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
        .and_then(money::to_the_cent)
        .ok_or(AnalysisError::Overflow)?;
    Ok(Some(Projection {
        year,
        revenue,
        micro_status: micro_status(revenue, current.micro_ceiling)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings(regime: Regime, start: Option<NaiveDate>) -> RegimeSettings {
        RegimeSettings {
            regime,
            vat_franchise: true,
            activity_start: start,
            table: default_table(),
        }
    }

    /// Receipts: (day, invoice, amount), in file order.
    fn dataset(payments: &[(NaiveDate, &str, i64)]) -> Dataset {
        let mut receipts: BTreeMap<NaiveDate, DayReceipts> = BTreeMap::new();
        for (line, (day, invoice, amount)) in payments.iter().enumerate() {
            let day = receipts.entry(*day).or_default();
            day.total += Money::from(*amount);
            day.payments
                .push((line as u64 + 2, invoice.to_string(), Money::from(*amount)));
        }
        let mut data = Dataset {
            receipts: Some(receipts),
            ..Dataset::default()
        };
        data.payment_columns.paid_date = true;
        data
    }

    #[test]
    fn the_first_year_ceiling_is_prorated_by_the_days_of_activity() {
        // 1 July 2024 → 31 Dec: 184 of 366 days of 77,700 € = 39,062.295… → 39,062.30 €.
        let data = dataset(&[(d(2024, 9, 1), "F1", 35_000)]);
        let report = thresholds(
            &data,
            &settings(Regime::MicroBnc, Some(d(2024, 7, 1))),
            Some(d(2024, 12, 31)),
        )
        .unwrap()
        .unwrap();
        let year = &report.years[0];
        assert_eq!(year.micro_ceiling, Decimal::new(3_906_230, 2));
        assert!(year.prorated);
        // 35,000 / 39,062.30 = 89.6 %: approaching.
        assert_eq!(year.micro_status, MicroStatus::Approaching);
    }

    #[test]
    fn the_day_the_upper_vat_threshold_is_crossed_names_the_invoice() {
        // Services 2025: base 37,500, upper 41,250. Two payments on 14 Sept, in file
        // order: F3 takes the year to 40,000, F4 to 42,000: F4 crosses.
        let data = dataset(&[
            (d(2025, 3, 1), "F1", 20_000),
            (d(2025, 6, 1), "F2", 15_000),
            (d(2025, 9, 14), "F3", 5_000),
            (d(2025, 9, 14), "F4", 2_000),
        ]);
        let report = thresholds(
            &data,
            &settings(Regime::MicroBnc, None),
            Some(d(2025, 12, 31)),
        )
        .unwrap()
        .unwrap();
        let year = &report.years[0];
        assert_eq!(year.vat_status, VatStatus::OverUpper);
        assert_eq!(
            year.crossing_invoice,
            Some(("F4".to_string(), d(2025, 9, 14)))
        );
        // From 2025 VAT is due from the day of that payment.
        assert_eq!(year.vat_due_from, Some(d(2025, 9, 14)));
    }

    #[test]
    fn until_2024_vat_is_due_from_the_first_day_of_the_crossing_month() {
        let data = dataset(&[
            (d(2024, 3, 1), "F1", 30_000),
            (d(2024, 10, 20), "F2", 10_000),
        ]);
        let report = thresholds(
            &data,
            &settings(Regime::MicroBicServices, None),
            Some(d(2024, 12, 31)),
        )
        .unwrap()
        .unwrap();
        // 2024 services: upper 39,100; 40,000 crosses on 20 Oct → due from 1 Oct.
        assert_eq!(report.years[0].vat_due_from, Some(d(2024, 10, 1)));
    }

    #[test]
    fn a_year_over_the_base_loses_the_franchise_from_the_next_first_of_january() {
        let data = dataset(&[(d(2025, 5, 1), "F1", 38_000), (d(2026, 2, 1), "F2", 1_000)]);
        let report = thresholds(
            &data,
            &settings(Regime::MicroBnc, None),
            Some(d(2026, 2, 1)),
        )
        .unwrap()
        .unwrap();
        assert_eq!(report.years[0].vat_status, VatStatus::OverBase);
        assert_eq!(report.years[1].vat_due_from, Some(d(2026, 1, 1)));
    }

    #[test]
    fn two_years_over_the_ceiling_leave_the_regime_and_the_pace_is_projected() {
        let data = dataset(&[
            (d(2024, 6, 1), "F1", 80_000),
            (d(2025, 6, 1), "F2", 80_000),
            (d(2026, 3, 31), "F3", 30_000),
        ]);
        let report = thresholds(
            &data,
            &settings(Regime::MicroBnc, None),
            Some(d(2026, 3, 31)),
        )
        .unwrap()
        .unwrap();
        assert!(!report.years[0].leaves_regime);
        assert!(report.years[1].leaves_regime);
        // 2026: 30,000 in 90 days → × 365 / 90 = 121,666.67, over 83,600.
        let projection = report.projection.unwrap();
        assert_eq!(projection.revenue, Decimal::new(12_166_667, 2));
        assert_eq!(projection.micro_status, MicroStatus::Over);
    }
}
