//! `portfolio.toml` (SPEC §5): what a user would otherwise repeat every year — column
//! mappings, channel words, thresholds, dormancy, fiscal year, currency, language.
//! Read from `--config FILE`, else from `portfolio.toml` in the current directory when
//! there is one. Command-line options win over it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::failure::Failure;

/// What is wrong in a settings file (worded by [`crate::wording::config`]).
#[derive(Debug)]
pub enum ConfigError {
    TooLarge,
    Io(std::io::Error),
    NotUtf8,
    /// The TOML parser's own message.
    Toml(String),
    Lang(String),
    Channel {
        word: String,
        key: String,
        keys: String,
    },
    DependencyOrder,
    ConcentrationOrder,
    Range {
        name: String,
        value: f64,
        min: f64,
        max: f64,
    },
    Unusable {
        name: String,
        value: f64,
    },
    /// A `[map]` entry `--map` would refuse, with its reason.
    Map(String),
    FiscalYearStart(String),
    Currency(String),
    Regime(String),
    CommissionRate(f64),
    ActivityStart(String),
    ThresholdYear(String),
}

/// Its own words say the whole error: an I/O error is not also given as its source,
/// which English would then print twice.
impl std::error::Error for ConfigError {}

impl From<std::io::Error> for ConfigError {
    fn from(error: std::io::Error) -> Self {
        ConfigError::Io(error)
    }
}

type Result<T> = std::result::Result<T, ConfigError>;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use serde::Deserialize;

use portfolio::analysis::french_thresholds::{default_table, ThresholdRow};
use portfolio::analysis::thresholds::Thresholds;
use portfolio::model::Channel;

/// The file looked for in the current directory.
pub const DEFAULT_FILE: &str = "portfolio.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `en` or `fr`.
    pub lang: Option<String>,
    /// Base currency, e.g. `EUR`.
    pub currency: Option<String>,
    /// Months without an invoice before a client is dormant.
    pub dormant_after: Option<u32>,
    /// `MM-DD`.
    pub fiscal_year_start: Option<String>,
    /// Field → header, as `--map` (`amount = "Total HT"`, `"clients.channel" = "Source"`).
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// Word → channel key (`"Salon du freelance" = "event"`).
    #[serde(default)]
    pub channels: BTreeMap<String, String>,
    #[serde(default)]
    pub thresholds: ThresholdsConfig,
    #[serde(default)]
    pub referrals: ReferralsConfig,
    /// The French micro-enterprise regime (`--regime`).
    pub regime: Option<String>,
    /// Under the VAT franchise (default true with a regime).
    pub vat_franchise: Option<bool>,
    /// `YYYY-MM-DD`, for the first year's prorated ceiling.
    pub activity_start: Option<String>,
    /// Year → thresholds in force from that year on (they change by law).
    #[serde(default)]
    pub french_thresholds: BTreeMap<String, FrenchThresholdsConfig>,
    /// Where it was read from, for messages.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// `[referrals]`: the business-introducer programme (SPEC 3.11).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralsConfig {
    /// Percent of a referred client's revenue its referrer earns, when the clients file
    /// gives no rate for that client.
    pub commission_rate: Option<f64>,
}

/// `[thresholds]`: any subset; the others keep their defaults (SPEC §3.2, §3.6).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdsConfig {
    pub dependency_critical: Option<f64>,
    pub dependency_high: Option<f64>,
    pub dependency_moderate: Option<f64>,
    pub concentration_high: Option<f64>,
    pub concentration_moderate: Option<f64>,
    pub intermediation_high: Option<f64>,
    pub few_clients: Option<u64>,
    pub retention_low: Option<f64>,
    pub referral_rate_low: Option<f64>,
    pub nps_coverage_low: Option<f64>,
    pub diversification_top_share: Option<f64>,
}

/// `[french_thresholds.YEAR]`: thresholds in euros from YEAR on; what is left out keeps
/// the value in force that year.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrenchThresholdsConfig {
    pub micro_services: Option<u32>,
    pub micro_sales: Option<u32>,
    pub vat_services_base: Option<u32>,
    pub vat_services_upper: Option<u32>,
    pub vat_sales_base: Option<u32>,
    pub vat_sales_upper: Option<u32>,
    pub source: Option<String>,
}

/// The most a settings file may hold: a real one is a few kilobytes, and
/// `--config /dev/zero` must not be read forever.
const MAX_BYTES: u64 = 1 << 20;

fn read_capped(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ConfigError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ConfigError::NotUtf8)
}

impl Config {
    /// `--config FILE` (which must exist), else `./portfolio.toml` if present.
    pub fn load(explicit: Option<&Path>) -> anyhow::Result<Config> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let default = PathBuf::from(DEFAULT_FILE);
                if !default.is_file() {
                    return Ok(Config::default());
                }
                default
            }
        };
        let file = path.display().to_string();
        let text = read_capped(&path).map_err(|source| Failure::SettingsUnreadable {
            file: file.clone(),
            source,
        })?;
        let mut config =
            Config::parse(&text).map_err(|source| Failure::SettingsInvalid { file, source })?;
        config.path = Some(path);
        Ok(config)
    }

    /// The settings file applied, as the report names it.
    pub fn name(&self) -> Option<String> {
        self.path.as_ref().map(|p| p.display().to_string())
    }

    /// Parses and checks the file's text.
    pub fn parse(text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string()))?;
        if let Some(lang) = &config.lang {
            if !matches!(lang.as_str(), "en" | "fr") {
                return Err(ConfigError::Lang(lang.clone()));
            }
        }
        for (word, key) in &config.channels {
            if Channel::from_key(key).is_none() {
                let keys: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
                return Err(ConfigError::Channel {
                    word: word.clone(),
                    key: key.clone(),
                    keys: keys.join(", "),
                });
            }
        }
        config.thresholds()?;
        Ok(config)
    }

    /// The channel words, for ingest.
    pub fn channel_words(&self) -> Vec<(String, Channel)> {
        self.channels
            .iter()
            .filter_map(|(word, key)| Channel::from_key(key).map(|c| (word.clone(), c)))
            .collect()
    }

    /// `[referrals] commission_rate`, a percentage from 0 to 100.
    pub fn commission_rate(&self) -> Result<Option<Decimal>> {
        let Some(value) = self.referrals.commission_rate else {
            return Ok(None);
        };
        Decimal::from_f64(value)
            .filter(|rate| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(rate))
            .map(Some)
            .ok_or(ConfigError::CommissionRate(value))
    }

    /// The thresholds table of SPEC 3.8, with the file's rows from their year on.
    pub fn french_thresholds(&self) -> Result<Vec<ThresholdRow>> {
        let mut table = default_table();
        for (name, row) in &self.french_thresholds {
            let year: i32 = name
                .parse()
                .ok()
                .filter(|y| (2000..=2199).contains(y))
                .ok_or_else(|| ConfigError::ThresholdYear(name.clone()))?;
            let base = table
                .iter()
                .rev()
                .find(|r| r.from <= year && r.to.is_none_or(|to| year <= to))
                .or(table.first())
                .cloned();
            let Some(mut new) = base else {
                continue;
            };
            let euros = |v: Option<u32>, old: Decimal| v.map_or(old, Decimal::from);
            new.micro_services = euros(row.micro_services, new.micro_services);
            new.micro_sales = euros(row.micro_sales, new.micro_sales);
            new.vat_services = (
                euros(row.vat_services_base, new.vat_services.0),
                euros(row.vat_services_upper, new.vat_services.1),
            );
            new.vat_sales = (
                euros(row.vat_sales_base, new.vat_sales.0),
                euros(row.vat_sales_upper, new.vat_sales.1),
            );
            new.source = row.source.clone().unwrap_or_else(|| {
                format!(
                    "{} [french_thresholds.{year}]",
                    self.name().unwrap_or_else(|| "portfolio.toml".into())
                )
            });
            // From this year on, until a later row of the file.
            let next = self
                .french_thresholds
                .keys()
                .filter_map(|k| k.parse::<i32>().ok())
                .filter(|y| *y > year)
                .min();
            for old in &mut table {
                if old.from >= year && next.is_none_or(|n| old.from < n) {
                    old.from = i32::MAX;
                } else if old.from < year && old.to.is_none_or(|to| to >= year) {
                    old.to = Some(year - 1);
                }
            }
            table.retain(|r| r.from != i32::MAX);
            new.from = year;
            new.to = next.map(|n| n - 1);
            table.push(new);
            table.sort_by_key(|r| r.from);
        }
        Ok(table)
    }

    /// The thresholds: the defaults, with what the file sets, checked for sense.
    pub fn thresholds(&self) -> Result<Thresholds> {
        let t = &self.thresholds;
        let mut out = Thresholds::default();
        let percent = |name: &str, value: Option<f64>, into: &mut Decimal| -> Result<()> {
            set(name, value, 0.0, 100.0, into)
        };
        percent(
            "dependency_critical",
            t.dependency_critical,
            &mut out.dependency_critical,
        )?;
        percent(
            "dependency_high",
            t.dependency_high,
            &mut out.dependency_high,
        )?;
        percent(
            "dependency_moderate",
            t.dependency_moderate,
            &mut out.dependency_moderate,
        )?;
        set(
            "concentration_high",
            t.concentration_high,
            0.0,
            10_000.0,
            &mut out.concentration_high,
        )?;
        set(
            "concentration_moderate",
            t.concentration_moderate,
            0.0,
            10_000.0,
            &mut out.concentration_moderate,
        )?;
        percent(
            "intermediation_high",
            t.intermediation_high,
            &mut out.intermediation_high,
        )?;
        percent("retention_low", t.retention_low, &mut out.retention_low)?;
        percent(
            "referral_rate_low",
            t.referral_rate_low,
            &mut out.referral_rate_low,
        )?;
        percent(
            "nps_coverage_low",
            t.nps_coverage_low,
            &mut out.nps_coverage_low,
        )?;
        percent(
            "diversification_top_share",
            t.diversification_top_share,
            &mut out.diversification_top_share,
        )?;
        if let Some(few) = t.few_clients {
            out.few_clients = few;
        }
        if !(out.dependency_moderate <= out.dependency_high
            && out.dependency_high <= out.dependency_critical)
        {
            return Err(ConfigError::DependencyOrder);
        }
        if out.concentration_moderate > out.concentration_high {
            return Err(ConfigError::ConcentrationOrder);
        }
        Ok(out)
    }
}

fn set(name: &str, value: Option<f64>, min: f64, max: f64, into: &mut Decimal) -> Result<()> {
    let Some(value) = value else {
        return Ok(());
    };
    if !(min..=max).contains(&value) {
        return Err(ConfigError::Range {
            name: name.to_string(),
            value,
            min,
            max,
        });
    }
    *into = Decimal::from_f64(value).ok_or_else(|| ConfigError::Unusable {
        name: name.to_string(),
        value,
    })?;
    Ok(())
}

/// The commented file `portfolio template` writes.
pub fn template(french: bool) -> &'static str {
    if french {
        include_str!("templates/portfolio.fr.toml")
    } else {
        include_str!("templates/portfolio.en.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file() {
        let config = Config::parse(
            r#"
            lang = "fr"
            currency = "EUR"
            dormant_after = 18
            fiscal_year_start = "04-01"
            [map]
            amount = "Total HT"
            "clients.channel" = "Source"
            [channels]
            "Salon du freelance" = "event"
            [thresholds]
            dependency_high = 40
            concentration_high = 2500.5
            few_clients = 4
            "#,
        )
        .unwrap();
        assert_eq!(config.dormant_after, Some(18));
        assert_eq!(
            config.map.get("clients.channel").map(String::as_str),
            Some("Source")
        );
        assert_eq!(
            config.channel_words(),
            [("Salon du freelance".to_string(), Channel::Event)]
        );
        let t = config.thresholds().unwrap();
        assert_eq!(t.dependency_high, Decimal::from(40));
        assert_eq!(t.concentration_high, Decimal::new(25005, 1));
        assert_eq!(t.few_clients, 4);
        assert_eq!(t.dependency_critical, Decimal::from(75));
    }

    #[test]
    fn mistakes_are_named() {
        let error = |text: &str| format!("{:#}", Config::parse(text).unwrap_err());
        assert!(error("tresholds = 1").contains("unknown field `tresholds`"));
        assert!(error("lang = \"de\"").contains("expected \"en\" or \"fr\""));
        assert!(error("[channels]\nBNI = \"friends\"").contains("expected one of referral"));
        assert!(error("[thresholds]\ndependency_high = 120").contains("from 0 to 100"));
        assert!(error("[thresholds]\ndependency_high = 90").contains("dependency_moderate ≤"));
        assert!(error("dormant_after = \"soon\"").contains("dormant_after"));
        for template in [template(false), template(true)] {
            Config::parse(template).unwrap();
        }
    }
}
