//! The word-of-mouth verdict: how the focus year's new clients came, and who refers.

use crate::analysis::channels::YearChannels;
use crate::analysis::referrals::Referrer;
use crate::report::i18n::{self, text, Lang, Text};

/// "In 2025, 1 of 2 new clients came by referral (50.0 %). Top referrer: …".
pub fn referrals(
    lang: Lang,
    year: Option<&YearChannels>,
    referrers: &[Referrer],
    currency: Option<&str>,
    start: crate::model::FiscalYearStart,
) -> String {
    let mut sentences = Vec::new();
    if let Some(y) = year {
        let (n, referred) = (y.new_clients, y.referred_new_clients);
        let year = i18n::year(lang, y.year, start);
        let rate = i18n::optional_percent(lang, y.referral_rate);
        let unknown = y.referral_rate.is_none();
        sentences.push(match (lang, n, referred) {
            (Lang::En, 0, _) => format!("In {year}, no new client."),
            (Lang::Fr, 0, _) => format!("En {year}, aucun nouveau client."),
            (Lang::En, 1, _) if unknown => {
                format!("In {year}, 1 new client, whose channel is unknown.")
            }
            (Lang::Fr, 1, _) if unknown => {
                format!("En {year}, 1 nouveau client, dont le canal est inconnu.")
            }
            (Lang::En, _, _) if unknown => {
                format!("In {year}, {n} new clients, whose channels are unknown.")
            }
            (Lang::Fr, _, _) if unknown => {
                format!("En {year}, {n} nouveaux clients, dont les canaux sont inconnus.")
            }
            (Lang::En, 1, 0) => format!("In {year}, the one new client did not come by referral."),
            (Lang::Fr, 1, 0) => {
                format!("En {year}, le seul nouveau client n'est pas venu par recommandation.")
            }
            (Lang::En, 1, _) => format!("In {year}, the one new client came by referral."),
            (Lang::Fr, 1, _) => {
                format!("En {year}, le seul nouveau client est venu par recommandation.")
            }
            (Lang::En, _, 0) => format!("In {year}, none of the {n} new clients came by referral."),
            (Lang::Fr, _, 0) => format!(
                "En {year}, aucun des {n} nouveaux clients n'est venu par recommandation."
            ),
            (Lang::En, _, _) => {
                format!("In {year}, {referred} of {n} new clients came by referral ({rate}).")
            }
            (Lang::Fr, _, 1) => format!(
                "En {year}, 1 nouveau client sur {n} est venu par recommandation ({rate})."
            ),
            (Lang::Fr, _, _) => format!(
                "En {year}, {referred} nouveaux clients sur {n} sont venus par recommandation ({rate})."
            ),
        });
    }
    match referrers.first() {
        None => sentences.push(text(lang, Text::NoReferrers).to_string()),
        Some(top) => {
            let name = &top.name;
            let direct = i18n::money(lang, top.revenue_lifetime, currency);
            let further = (!top.indirect_revenue_lifetime.is_zero())
                .then(|| i18n::money(lang, top.indirect_revenue_lifetime, currency));
            sentences.push(match (lang, further) {
                (Lang::En, None) => {
                    format!("Top referrer: {name}, whose referrals brought {direct}.")
                }
                (Lang::En, Some(f)) => format!(
                    "Top referrer: {name}, whose referrals brought {direct}, and {f} more through the clients they referred in turn."
                ),
                (Lang::Fr, None) => format!(
                    "Premier prescripteur : {name}. Les clients recommandés par {name} ont rapporté {direct}."
                ),
                (Lang::Fr, Some(f)) => format!(
                    "Premier prescripteur : {name}. Les clients recommandés par {name} ont rapporté {direct}, et {f} de plus via les clients qu'ils ont eux-mêmes recommandés."
                ),
            });
        }
    }
    sentences.join(" ")
}
