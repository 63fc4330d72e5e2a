//! Domain types shared by ingest, analysis and report. Owns the glossary; does no I/O.
//!
//! Glossary (used alike in flags, JSON keys, table headers and code):
//! - *client*: whoever pays an invoice, keyed by its id when the export has one,
//!   else by its normalised name.
//! - *invoice*: one counted document (an invoice, or a credit note counted negative).
//! - *revenue*: invoiced amount excluding tax, in the base currency.
//! - *year*: a calendar year, or a fiscal year labelled by the year it starts in.
//! - *as-of date*: the reference date of a report (never read from the clock here).
//! - *focus year*: the year a report is about.
//! - *report*: the computed figures, rendered later as a table, JSON, …

use chrono::{Datelike, Days, Months, NaiveDate};
use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::Serialize;

mod daily;
mod extras;
pub mod money;
mod payments;
pub mod quality;
pub mod warning;
mod window;
mod year_map;
pub(crate) use daily::sort_and_merge;
pub use daily::DailyRevenue;
pub use extras::{ClientParts, Extras};
pub use payments::{
    Basis, ClientPayments, DayCounts, DayReceipts, OpenInvoice, PaidInvoices, PaymentColumns,
};
pub use window::ReportWindow;
pub use year_map::YearMap;

/// Money is always an exact decimal, in the dataset's base currency.
pub type Money = Decimal;

/// A year label: the calendar year, or the year a fiscal year starts in.
pub type Year = i32;

/// When fiscal years start; `01-01` is the calendar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FiscalYearStart {
    pub month: u32,
    pub day: u32,
}

impl Default for FiscalYearStart {
    fn default() -> Self {
        Self { month: 1, day: 1 }
    }
}

impl FiscalYearStart {
    /// Builds a start from a month and day, refusing days no year has (31 April) and
    /// 29 February, which would move with leap years.
    pub fn new(month: u32, day: u32) -> Option<Self> {
        if month == 2 && day == 29 {
            return None;
        }
        NaiveDate::from_ymd_opt(2023, month, day).map(|_| Self { month, day })
    }

    /// The year label of `date`: the year its fiscal year starts in.
    pub fn year_of(self, date: NaiveDate) -> Year {
        if (date.month(), date.day()) >= (self.month, self.day) {
            date.year()
        } else {
            date.year() - 1
        }
    }

    /// Whether the years are calendar years.
    pub fn is_calendar(self) -> bool {
        self == Self::default()
    }

    /// Last day of the fiscal year labelled `year`: the day before the next one starts.
    pub fn last_day(self, year: Year) -> Option<NaiveDate> {
        self.first_day(year.checked_add(1)?)?.pred_opt()
    }

    /// The year as people name it, language-neutral: `2025`, or `2025–26` when it
    /// does not start on 1 January (JSON `labels`).
    pub fn label(self, year: Year) -> String {
        if self.is_calendar() {
            year.to_string()
        } else {
            format!("{year}–{:02}", (year + 1).rem_euclid(100))
        }
    }

    /// First day of the fiscal year labelled `year`.
    pub fn first_day(self, year: Year) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

/// Where the daily detail starts: the 24 months ending at `as_of` (the trailing twelve
/// months and the twelve before, which clients at risk compare).
pub fn daily_detail_start(as_of: NaiveDate) -> Option<NaiveDate> {
    as_of
        .checked_sub_months(Months::new(24))
        .and_then(|d| d.checked_add_days(Days::new(1)))
}

/// The twelve months ending at `as_of`: from the day after the same date a year earlier.
pub fn trailing_year(as_of: NaiveDate) -> Option<NaiveDate> {
    as_of
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
}

/// What an invoice line is for; drives the revenue segments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Service,
    Subcontracting,
    Royalties,
    Talk,
    Article,
    ReferralCommission,
    OtherIncome,
}

impl Kind {
    /// Royalties, talks, articles, commissions…: revenue that is not client work.
    pub fn is_other_income(self) -> bool {
        !matches!(self, Kind::Service | Kind::Subcontracting)
    }
}

/// Who a client is to the freelancer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientType {
    #[default]
    Direct,
    Agency,
    Platform,
    Intermediary,
}

impl ClientType {
    pub fn is_intermediary(self) -> bool {
        !matches!(self, ClientType::Direct)
    }
}

/// How a client was acquired.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Referral,
    Website,
    Agency,
    Directory,
    ColdOutreach,
    Social,
    Event,
    Platform,
    JobBoard,
    Ads,
    Other,
    #[default]
    Unknown,
}

impl Channel {
    pub const ALL: [Channel; 12] = [
        Channel::Referral,
        Channel::Website,
        Channel::Agency,
        Channel::Directory,
        Channel::ColdOutreach,
        Channel::Social,
        Channel::Event,
        Channel::Platform,
        Channel::JobBoard,
        Channel::Ads,
        Channel::Other,
        Channel::Unknown,
    ];

    /// The channel of a JSON key (`cold_outreach`).
    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == key)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Referral => "referral",
            Channel::Website => "website",
            Channel::Agency => "agency",
            Channel::Directory => "directory",
            Channel::ColdOutreach => "cold_outreach",
            Channel::Social => "social",
            Channel::Event => "event",
            Channel::Platform => "platform",
            Channel::JobBoard => "job_board",
            Channel::Ads => "ads",
            Channel::Other => "other",
            Channel::Unknown => "unknown",
        }
    }
}

/// Whether a referrer was thanked, as the clients file says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Thanked {
    Yes(bool),
    On(NaiveDate),
}

/// Revenue of one client in one year, split the way the segments need it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct YearRevenue {
    /// All counted revenue (credit notes already negative).
    pub total: Money,
    /// Part of `total` whose kind is an other-income kind.
    pub other_income: Money,
    /// Part of `total` that is subcontracting or went through an intermediary, other
    /// income excepted (row level; the client's own type is applied by the analysis).
    pub intermediated: Money,
    /// Counted rows (invoices, credit notes, or lines) behind these figures. 32 bits:
    /// a client's year is kept per client and year, and four billion rows are beyond any
    /// export (more would be an overflow error, not a wrong count).
    pub rows: u32,
}

/// Revenue of one client on one day. Kept only for the 24 months ending at the as-of
/// date (see [`daily_detail_start`]), so memory stays bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRevenue {
    pub date: NaiveDate,
    pub total: Money,
}

/// The parts of a day's revenue that are other income or intermediated (as in
/// [`YearRevenue`]), kept apart from [`DayRevenue`] because most days have neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayParts {
    pub date: NaiveDate,
    pub other_income: Money,
    pub intermediated: Money,
}

/// Revenue that went through a named intermediary on one day (see [`DayRevenue`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayIntermediary {
    pub date: NaiveDate,
    pub intermediary: String,
    pub amount: Money,
}

/// What the clients file says about a client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientProfile {
    /// The clients-file line this came from.
    pub line: u64,
    pub id: Option<String>,
    pub name: Option<String>,
    pub channel: Channel,
    /// The channel as written in the file, before normalisation.
    pub channel_text: Option<String>,
    pub referred_by: Option<String>,
    pub client_type: ClientType,
    pub nps: Option<NpsAnswer>,
    pub thanked: Option<Thanked>,
    /// What its referrer earns on its revenue, in percent (SPEC 3.11).
    pub commission_rate: Option<Decimal>,
}

/// One 0–10 recommendation score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NpsAnswer {
    pub score: u8,
    pub date: Option<NaiveDate>,
}

/// One survey answer from the surveys file, joined to a client when possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyResponse {
    pub line: u64,
    pub client: Option<ClientIdx>,
    pub client_text: String,
    pub date: Option<NaiveDate>,
    pub score: u8,
    pub comment: Option<String>,
}

/// Index of a client in [`Dataset::clients`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientIdx(pub usize);

/// One client with its aggregated revenue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Client {
    /// The id as the export writes it, when it has one.
    pub id: Option<CompactString>,
    /// Display name: the spelling of the client's latest invoice.
    pub name: CompactString,
    pub first_invoice: Option<NaiveDate>,
    pub last_invoice: Option<NaiveDate>,
    pub years: YearMap,
    /// Revenue per day from the window's first kept day on ([`ReportWindow::kept_from`]),
    /// one entry a day once settled.
    pub recent: DailyRevenue,
    /// Intermediated revenue and the parts of its days (on `recent`'s days), its
    /// profile and its payment record, when it has any.
    pub extras: Extras,
}

impl Client {
    /// The join key: the normalised id, or without one the normalised name (every
    /// spelling of a client without id has the same). Made when asked rather than kept:
    /// a million clients' keys are 24 MB that only the clients file's join reads.
    pub fn key(&self) -> String {
        let id = self.id.as_deref().map(normalize_key).unwrap_or_default();
        if id.is_empty() {
            normalize_key(&self.name)
        } else {
            id
        }
    }

    pub fn revenue_in(&self, year: Year) -> Money {
        self.years.total(year).unwrap_or(Money::ZERO)
    }

    /// Active in a year: positive revenue in it.
    pub fn is_active_in(&self, year: Year) -> bool {
        self.revenue_in(year) > Money::ZERO
    }

    /// The year of the client's first counted invoice.
    pub fn first_year(&self, fiscal: FiscalYearStart) -> Option<Year> {
        self.first_invoice.map(|d| fiscal.year_of(d))
    }

    /// New in a year: active in it, and no counted invoice in an earlier year.
    pub fn is_new_in(&self, year: Year, fiscal: FiscalYearStart) -> bool {
        self.is_active_in(year) && self.first_year(fiscal).is_none_or(|first| first >= year)
    }

    /// How the client was acquired: the clients file's channel, `unknown` without one.
    pub fn channel(&self) -> Channel {
        self.extras
            .profile()
            .map_or(Channel::Unknown, |p| p.channel)
    }

    /// Agencies, platforms and other intermediaries: all their client work is intermediated.
    pub fn is_intermediary(&self) -> bool {
        self.extras
            .profile()
            .is_some_and(|p| p.client_type.is_intermediary())
    }

    /// Acquired by referral, as the clients file says.
    pub fn is_referred(&self) -> bool {
        self.extras
            .profile()
            .is_some_and(|p| p.channel == Channel::Referral)
    }

    /// Lifetime revenue, or `None` if it overflows.
    pub fn lifetime_revenue(&self) -> Option<Money> {
        money::sum(self.years.values().map(|y| y.total))
    }
}

/// Everything read from the inputs, aggregated per client and year; what analyses take.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// The base currency, when the inputs name one.
    pub currency: Option<String>,
    pub fiscal_year_start: FiscalYearStart,
    pub clients: Vec<Client>,
    /// Revenue whose payer is unknown (SPEC 2.3: cash sales, a collective customer
    /// account): in every yearly total, in no client's share.
    pub unidentified: Option<Client>,
    /// Clients-file rows that match no invoiced client (kept for referrers and warnings).
    pub unmatched_profiles: Vec<ClientProfile>,
    pub surveys: Vec<SurveyResponse>,
    /// Latest date of any counted row.
    pub latest_date: Option<NaiveDate>,
    /// The date the report is as of and the first day of the daily detail in
    /// [`Client::recent`], decided when the invoices were read.
    pub window: ReportWindow,
    /// The invoices file's payment columns.
    pub payment_columns: PaymentColumns,
    /// Whether the yearly figures are by invoice or by payment date.
    pub basis: Basis,
    /// Cash received per day (by invoice date when the file has no paid date), kept
    /// only when the French thresholds are asked for.
    pub receipts: Option<std::collections::BTreeMap<NaiveDate, DayReceipts>>,
}

impl Dataset {
    /// The date the report is as of: the reading's ([`ReportWindow::as_of`]), else, for
    /// data built by hand (which keeps every day), its latest date.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.window.as_of().or(self.latest_date)
    }

    /// Every client, then the unidentified payer when there is one: all the revenue the
    /// yearly totals add up, though only clients have shares.
    pub fn payers(&self) -> impl Iterator<Item = &Client> {
        self.clients.iter().chain(&self.unidentified)
    }
}

/// What the inputs' own shape says about their quality, for the plan's `data.quality`
/// action; counted by ingest, read by the analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputQuality {
    /// Rows rejected in any file.
    pub rejected_rows: u64,
    /// Clients-file rows and survey answers naming no invoiced client.
    pub unmatched_names: u64,
    /// Columns whose date format or decimal separator had to be guessed.
    pub guessed_formats: u64,
}

/// Collapses inner white space, trims, case-folds and composes accents (Unicode NFC):
/// how client names and ids are compared, so that `Café` typed with a combining accent
/// is the same client as `Café`.
pub fn normalize_key(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    match is_nfc_quick(out.chars()) {
        IsNormalized::Yes => out,
        IsNormalized::No | IsNormalized::Maybe => out.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_case_and_spacing() {
        assert_eq!(normalize_key("  Atelier\u{a0} NORD "), "atelier nord");
        assert_eq!(normalize_key("atelier  nord"), "atelier nord");
    }

    #[test]
    fn key_composes_accents() {
        let composed = "Caf\u{e9} Lumi\u{e8}re";
        let decomposed = "Cafe\u{301} Lumie\u{300}re";
        assert_ne!(composed, decomposed);
        assert_eq!(normalize_key(composed), normalize_key(decomposed));
        assert_eq!(normalize_key(decomposed), "caf\u{e9} lumi\u{e8}re");
        assert_eq!(normalize_key("E\u{301}DITIONS"), "\u{e9}ditions");
    }

    #[test]
    fn fiscal_years_are_labelled_by_their_start() {
        let april = FiscalYearStart::new(4, 6).unwrap();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(april.year_of(d(2024, 4, 5)), 2023);
        assert_eq!(april.year_of(d(2024, 4, 6)), 2024);
        assert_eq!(FiscalYearStart::default().year_of(d(2024, 12, 31)), 2024);
        assert!(FiscalYearStart::new(2, 29).is_none());
        assert!(FiscalYearStart::new(4, 31).is_none());
    }
}
