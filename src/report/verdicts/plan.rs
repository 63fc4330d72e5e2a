//! The action plan in words: a title and a detail for each action, quoting the figures
//! that triggered it, in English and French.

use crate::analysis::french_thresholds::MicroStatus;
use crate::analysis::plan::{Action, Area, Priority, Trigger};
use crate::model::{Channel, FiscalYearStart};
use crate::report::i18n::{self, agree, counted, Lang, Noun};

use super::{as_if_from, channel_name, dependency_meaning, in_period, of_revenue, upper_first};

pub fn priority_name(lang: Lang, priority: Priority) -> &'static str {
    match (lang, priority) {
        (Lang::En, Priority::High) => "high",
        (Lang::En, Priority::Medium) => "medium",
        (Lang::En, Priority::Low) => "low",
        (Lang::Fr, Priority::High) => "haute",
        (Lang::Fr, Priority::Medium) => "moyenne",
        (Lang::Fr, Priority::Low) => "basse",
    }
}

pub fn area_name(lang: Lang, area: Area) -> &'static str {
    match (lang, area) {
        (Lang::En, Area::Prospecting) => "prospecting",
        (Lang::En, Area::Retention) => "retention",
        (Lang::En, Area::Referrals) => "referrals",
        (Lang::En, Area::Satisfaction) => "satisfaction",
        (Lang::En, Area::Diversification) => "diversification",
        (Lang::En, Area::Data) => "data",
        (Lang::Fr, Area::Prospecting) => "prospection",
        (Lang::Fr, Area::Retention) => "fidélisation",
        (Lang::Fr, Area::Referrals) => "recommandation",
        (Lang::Fr, Area::Satisfaction) => "satisfaction",
        (Lang::Fr, Area::Diversification) => "diversification",
        (Lang::Fr, Area::Data) => "données",
        (Lang::En, Area::Payments) => "payments",
        (Lang::Fr, Area::Payments) => "encaissements",
        (Lang::En, Area::Tax) => "tax thresholds",
        (Lang::Fr, Area::Tax) => "seuils fiscaux",
    }
}

/// The label of the names listed under an action: they are not always clients.
pub fn concerned(lang: Lang, action: &Action) -> &'static str {
    let many = action.clients.len() > 1;
    match (&action.trigger, lang, many) {
        (Trigger::ThankReferrers { .. }, Lang::En, false) => "Referrer",
        (Trigger::ThankReferrers { .. }, Lang::En, true) => "Referrers",
        (Trigger::ThankReferrers { .. }, Lang::Fr, false) => "Prescripteur",
        (Trigger::ThankReferrers { .. }, Lang::Fr, true) => "Prescripteurs",
        (Trigger::Statements { .. }, Lang::En, false) => "Referrer",
        (Trigger::Statements { .. }, Lang::En, true) => "Referrers",
        (Trigger::Statements { .. }, Lang::Fr, false) => "Apporteur",
        (Trigger::Statements { .. }, Lang::Fr, true) => "Apporteurs",
        (Trigger::Intermediation { .. }, Lang::En, false) => "Intermediary",
        (Trigger::Intermediation { .. }, Lang::En, true) => "Intermediaries",
        (Trigger::Intermediation { .. }, Lang::Fr, false) => "Intermédiaire",
        (Trigger::Intermediation { .. }, Lang::Fr, true) => "Intermédiaires",
        (Trigger::Concentration { .. } | Trigger::Dependency { .. }, Lang::En, _) => {
            "Largest clients"
        }
        (Trigger::Concentration { .. } | Trigger::Dependency { .. }, Lang::Fr, _) => {
            "Principaux clients"
        }
        (_, Lang::En, false) => "Client",
        (_, Lang::En, true) => "Clients",
        (_, Lang::Fr, false) => "Client concerné",
        (_, Lang::Fr, true) => "Clients concernés",
    }
}

/// The year an action is about and the one before, as the report names them.
fn year_names(lang: Lang, action: &Action, start: FiscalYearStart) -> (String, String) {
    action.trigger.year().map_or_else(Default::default, |y| {
        (i18n::year(lang, y, start), i18n::year(lang, y - 1, start))
    })
}

/// The one-line title.
pub fn title(lang: Lang, action: &Action, start: FiscalYearStart) -> String {
    let pct = |v| i18n::percent(lang, v);
    let (year, _) = year_names(lang, action, start);
    match (&action.trigger, lang) {
        (Trigger::Dependency { critical: true, client, share, .. }, Lang::En) => {
            format!("Find new clients now: {client} brings {} of your revenue", pct(*share))
        }
        (Trigger::Dependency { critical: true, client, share, .. }, Lang::Fr) => format!(
            "Trouvez de nouveaux clients dès maintenant : {client} apporte {} de votre chiffre d'affaires",
            pct(*share)
        ),
        (Trigger::Dependency { client, share, .. }, Lang::En) => {
            format!("Prospect for new clients: {client} brings {} of your revenue", pct(*share))
        }
        (Trigger::Dependency { client, share, .. }, Lang::Fr) => format!(
            "Prospectez de nouveaux clients : {client} apporte {} de votre chiffre d'affaires",
            pct(*share)
        ),
        (Trigger::Concentration { effective_clients, .. }, Lang::En) => format!(
            "Diversify: your revenue is as concentrated {}",
            as_if_from(lang, Some(*effective_clients))
        ),
        (Trigger::Concentration { effective_clients, .. }, Lang::Fr) => format!(
            "Diversifiez : votre chiffre d'affaires est aussi concentré {}",
            // "aussi concentré que s'il…", where the flag says "comme s'il…".
            as_if_from(lang, Some(*effective_clients)).replacen("comme", "que", 1)
        ),
        (Trigger::Intermediation { share, .. }, Lang::En) => format!(
            "Build direct clients: {} of your revenue goes through intermediaries",
            pct(*share)
        ),
        (Trigger::Intermediation { share, .. }, Lang::Fr) => format!(
            "Développez vos clients directs : {} de votre chiffre d'affaires passe par des intermédiaires",
            pct(*share)
        ),
        (Trigger::NoNewClient { .. }, Lang::En) => {
            format!("Plan your prospecting: no new client in {year}")
        }
        (Trigger::NoNewClient { .. }, Lang::Fr) => {
            format!("Planifiez votre prospection : aucun nouveau client en {year}")
        }
        (Trigger::Leaking { won, lost, .. }, Lang::En) => format!(
            "Stop the leak: {} lost and {won} won in {year}",
            counted(lang, *lost, Noun::Client)
        ),
        (Trigger::Leaking { won, lost, .. }, Lang::Fr) => format!(
            "Colmatez la fuite : {} {} et {} en {year}",
            counted(lang, *lost, Noun::Client),
            agree(lang, *lost, "perdu", "perdus"),
            match *won {
                0 => "aucun gagné".to_string(),
                n => format!("{n} {}", agree(lang, n, "gagné", "gagnés")),
            }
        ),
        (Trigger::LowRetention { .. }, Lang::En) => "Ask the clients you lost why they left".into(),
        (Trigger::LowRetention { .. }, Lang::Fr) => {
            "Demandez aux clients perdus pourquoi ils sont partis".into()
        }
        (Trigger::Dormant { count, .. }, Lang::En) => {
            format!("Reactivate {}", counted(lang, *count, Noun::DormantClient))
        }
        (Trigger::Dormant { count: 1, .. }, Lang::Fr) => {
            "Reprenez contact avec votre client dormant".into()
        }
        (Trigger::Dormant { count, .. }, Lang::Fr) => {
            format!("Reprenez contact avec vos {}", counted(lang, *count, Noun::DormantClient))
        }
        (Trigger::NpsNegative { .. }, Lang::En) => {
            "Revisit the basics of the client relationship".into()
        }
        (Trigger::NpsNegative { .. }, Lang::Fr) => {
            "Revoyez les bases de la relation client".into()
        }
        (Trigger::Detractors { count: 1, .. }, Lang::En) => "Call your detractor".into(),
        (Trigger::Detractors { count: 1, .. }, Lang::Fr) => "Appelez votre détracteur".into(),
        (Trigger::Detractors { count, .. }, Lang::En) => {
            format!("Call each of your {count} detractors")
        }
        (Trigger::Detractors { count, .. }, Lang::Fr) => {
            format!("Appelez chacun de vos {count} détracteurs")
        }
        (Trigger::Promoters { count: 1, .. }, Lang::En) => {
            "Stay in touch with your promoter and start a referral programme".into()
        }
        (Trigger::Promoters { count, .. }, Lang::En) => format!(
            "Stay in touch with your {} and start a referral programme",
            counted(lang, *count, Noun::Promoter)
        ),
        (Trigger::Promoters { count: 1, .. }, Lang::Fr) => {
            "Entretenez la relation avec votre promoteur et lancez un programme de parrainage".into()
        }
        (Trigger::Promoters { count, .. }, Lang::Fr) => format!(
            "Entretenez la relation avec vos {} et lancez un programme de parrainage",
            counted(lang, *count, Noun::Promoter)
        ),
        (Trigger::LowCoverage { .. }, Lang::En) => "Survey the clients without a score".into(),
        (Trigger::LowCoverage { .. }, Lang::Fr) => {
            "Demandez une note aux clients qui n'en ont pas donné".into()
        }
        (Trigger::ThankReferrers { count: 1, .. }, Lang::En) => "Thank your referrer".into(),
        (Trigger::ThankReferrers { count, .. }, Lang::En) => {
            format!("Thank your {}", counted(lang, *count, Noun::Referrer))
        }
        (Trigger::ThankReferrers { count: 1, .. }, Lang::Fr) => {
            "Remerciez votre prescripteur".into()
        }
        (Trigger::ThankReferrers { count, .. }, Lang::Fr) => {
            format!("Remerciez vos {}", counted(lang, *count, Noun::Referrer))
        }
        (Trigger::LowReferralRate { rate, .. }, Lang::En) => format!(
            "Become referable: {} of {year}'s new clients came by referral",
            pct(*rate)
        ),
        (Trigger::LowReferralRate { rate, .. }, Lang::Fr) => format!(
            "Développez le bouche-à-oreille : seuls {} des nouveaux clients de {year} sont venus par recommandation",
            pct(*rate)
        ),
        (Trigger::SilentPromoters { count: 1 }, Lang::En) => {
            "Remind your silent promoter that you exist".into()
        }
        (Trigger::SilentPromoters { count }, Lang::En) => format!(
            "Remind your {} that you exist",
            counted(lang, *count, Noun::SilentPromoter)
        ),
        (Trigger::SilentPromoters { count: 1 }, Lang::Fr) => {
            "Rappelez-vous au bon souvenir de votre promoteur silencieux".into()
        }
        (Trigger::SilentPromoters { count }, Lang::Fr) => format!(
            "Rappelez-vous au bon souvenir de vos {}",
            counted(lang, *count, Noun::SilentPromoter)
        ),
        (Trigger::NoOtherIncome { .. }, Lang::En) => "Look for other sources of revenue".into(),
        (Trigger::NoOtherIncome { .. }, Lang::Fr) => {
            "Cherchez d'autres sources de revenus".into()
        }
        (Trigger::DataQuality(_), Lang::En) => "Fix the data".into(),
        (Trigger::DataQuality(_), Lang::Fr) => "Corrigez les données".into(),
        (Trigger::LatePayers { .. }, Lang::En) => "Chase late payers".into(),
        (Trigger::LatePayers { .. }, Lang::Fr) => "Relancez les mauvais payeurs".into(),
        (Trigger::MicroCeiling { status, year, .. }, Lang::En) => match status {
            MicroStatus::Over => format!("Prepare to leave the micro regime ({year} over the ceiling)"),
            _ => format!("Watch the micro ceiling in {year}"),
        },
        (Trigger::MicroCeiling { status, year, .. }, Lang::Fr) => match status {
            MicroStatus::Over => format!("Préparez la sortie du régime micro ({year} au-delà du plafond)"),
            _ => format!("Surveillez le plafond micro en {year}"),
        },
        (Trigger::AtRisk { clients, .. }, Lang::En) => match clients.len() {
            1 => "Call your client at risk before it goes".into(),
            n => format!("Call your {n} clients at risk before they go"),
        },
        (Trigger::AtRisk { clients, .. }, Lang::Fr) => match clients.len() {
            1 => "Appelez votre client à risque avant qu'il ne parte".into(),
            n => format!("Appelez vos {n} clients à risque avant qu'ils ne partent"),
        },
        (Trigger::Statements { referrers, .. }, Lang::En) => match referrers {
            1 => "Send your referrer its statement".into(),
            n => format!("Send your {n} referrers their statements"),
        },
        (Trigger::Statements { referrers, .. }, Lang::Fr) => match referrers {
            1 => "Envoyez son relevé à votre apporteur".into(),
            n => format!("Envoyez leur relevé à vos {n} apporteurs"),
        },
        (Trigger::TopClientLoss { client, .. }, Lang::En) => {
            format!("Line up the clients who would replace {client}")
        }
        (Trigger::TopClientLoss { client, .. }, Lang::Fr) => {
            format!("Préparez les clients qui remplaceraient {client}")
        }
        (Trigger::VatThreshold { .. }, Lang::En) => "Prepare to charge VAT".into(),
        (Trigger::VatThreshold { .. }, Lang::Fr) => "Préparez-vous à facturer la TVA".into(),
    }
}

fn channels(lang: Lang, best: &[(Channel, crate::model::Money)], currency: Option<&str>) -> String {
    let per_client = match lang {
        Lang::En => "per client",
        Lang::Fr => "par client",
    };
    best.iter()
        .map(|(c, avg)| {
            format!(
                "{} ({} {per_client})",
                channel_name(lang, *c),
                i18n::money(lang, *avg, currency)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The detail: the figures that triggered the action, and what to do.
pub fn detail(
    lang: Lang,
    action: &Action,
    currency: Option<&str>,
    start: FiscalYearStart,
) -> String {
    let (year, before) = year_names(lang, action, start);
    let pct = |v| i18n::percent(lang, v);
    let money = |v| i18n::money(lang, v, currency);
    let signed = |v| i18n::signed(lang, v, 0);
    let num = |v, places| i18n::number(lang, v, places);
    match (&action.trigger, lang) {
        (Trigger::Dependency { critical, client, share, period }, Lang::En) => {
            let why = dependency_meaning(lang, *critical, *share);
            format!(
                "{} {} came from {client}: {why}. Prospect now, before you need to, until no client brings more than a third of your revenue.",
                pct(*share),
                of_revenue(lang, *period, start)
            )
        }
        (Trigger::Dependency { critical, client, share, period }, Lang::Fr) => {
            let why = dependency_meaning(lang, *critical, *share);
            format!(
                "{} {} vient du client {client} : {why}. Prospectez dès maintenant, avant d'en avoir besoin, jusqu'à ce qu'aucun client ne dépasse un tiers de votre chiffre d'affaires.",
                pct(*share),
                of_revenue(lang, *period, start)
            )
        }
        (Trigger::Concentration { hhi, period, .. }, Lang::En) => format!(
            "The HHI {} is {}: highly concentrated. Win several clients of a size close to your current ones rather than one more large one, so that no single loss hurts.",
            in_period(lang, *period, start),
            num(*hhi, 0)
        ),
        (Trigger::Concentration { hhi, period, .. }, Lang::Fr) => format!(
            "{}, l'indice de Herfindahl-Hirschman (IHH) est de {} : votre chiffre d'affaires est très concentré. Cherchez plusieurs clients de taille comparable à vos clients actuels plutôt qu'un gros client de plus, pour qu'aucun départ ne vous mette en difficulté.",
            upper_first(&in_period(lang, *period, start)),
            num(*hhi, 0)
        ),
        (Trigger::Intermediation { share, top_intermediary, period }, Lang::En) => {
            let first = top_intermediary
                .as_ref()
                .map(|t| format!(", {t} first"))
                .unwrap_or_default();
            format!(
                "{} {} came through agencies, platforms or subcontracting{first}. Intermediaries take a margin and own the relationship: turn some of that work into direct clients (referrals, your website, events).",
                pct(*share),
                of_revenue(lang, *period, start)
            )
        }
        (Trigger::Intermediation { share, top_intermediary, period }, Lang::Fr) => {
            let first = top_intermediary
                .as_ref()
                .map(|t| format!(", {t} en tête"))
                .unwrap_or_default();
            format!(
                "{} {} est passé par des agences, des plateformes ou de la sous-traitance{first}. Les intermédiaires prennent une marge et gardent la relation : transformez une partie de ce travail en clients directs (recommandations, site web, événements).",
                pct(*share),
                of_revenue(lang, *period, start)
            )
        }
        (Trigger::NoNewClient { best_channels, .. }, Lang::En) => {
            let best = if best_channels.is_empty() {
                "Note where each client came from (a Channel column in the clients file) to see which channels pay.".to_string()
            } else {
                format!(
                    "Your best channels so far: {}. Book a weekly slot for prospecting there.",
                    channels(lang, best_channels, currency)
                )
            };
            format!("No client was invoiced for the first time in {year}. {best}")
        }
        (Trigger::NoNewClient { best_channels, .. }, Lang::Fr) => {
            let best = if best_channels.is_empty() {
                "Notez d'où vient chaque client (une colonne Canal dans le fichier clients) pour voir quels canaux rapportent.".to_string()
            } else {
                format!(
                    "Vos meilleurs canaux jusqu'ici : {}. Réservez un créneau de prospection par semaine sur ces canaux.",
                    channels(lang, best_channels, currency)
                )
            };
            format!("Aucun client n'a été facturé pour la première fois en {year}. {best}")
        }
        (Trigger::Leaking { won, lost, revenue_lost, .. }, Lang::En) => format!(
            "{} of {} gave you no work in {year} ({} of revenue in {}), and {} arrived. Call the ones you lost, and keep in touch with the others between projects.",
            counted(lang, *lost, Noun::Client),
            before,
            money(*revenue_lost),
            before,
            counted(lang, *won, Noun::NewClient),
        ),
        (Trigger::Leaking { won, lost, revenue_lost, .. }, Lang::Fr) => format!(
            "{} de {} ne vous {} rien commandé en {year} ({} {} de CA en {}), et {}. Appelez ceux que vous avez perdus, et gardez le contact avec les autres entre deux missions.",
            counted(lang, *lost, Noun::Client),
            before,
            agree(lang, *lost, "a", "ont"),
            agree(lang, *lost, "il représentait", "ils représentaient"),
            money(*revenue_lost),
            before,
            match *won {
                0 => "aucun nouveau client n'est arrivé".to_string(),
                n => format!(
                    "{} {}",
                    counted(lang, n, Noun::NewClient),
                    agree(lang, n, "est arrivé", "sont arrivés")
                ),
            },
        ),
        (Trigger::LowRetention { rate, lost, .. }, Lang::En) => format!(
            "Only {} of {}'s clients worked with you again in {year} ({lost} lost). A short call or email to each tells you whether it was price, timing or the work.",
            pct(*rate),
            before
        ),
        (Trigger::LowRetention { rate, lost, .. }, Lang::Fr) => format!(
            "Seuls {} des clients de {} ont de nouveau fait appel à vous en {year} ({lost} {}). Un court appel ou un courriel à chacun vous dira si c'était une question de prix, de calendrier ou de qualité du travail.",
            pct(*rate),
            before,
            agree(lang, *lost, "perdu", "perdus"),
        ),
        (Trigger::Dormant { months, .. }, Lang::En) => format!(
            "No invoice for more than {months} months. Stay in touch with the largest first (news, a useful link, an offer): they already know your work."
        ),
        (Trigger::Dormant { months, count: 1 }, Lang::Fr) => format!(
            "Aucune facture depuis plus de {months} mois. Reprenez contact (nouvelles, lien utile, proposition) : ce client connaît déjà votre travail."
        ),
        (Trigger::Dormant { months, .. }, Lang::Fr) => format!(
            "Aucune facture depuis plus de {months} mois. Reprenez contact en commençant par les plus importants (nouvelles, lien utile, proposition) : ils connaissent déjà votre travail."
        ),
        (Trigger::NpsNegative { nps, responses }, Lang::En) => format!(
            "NPS {} from {responses} answers: more detractors than promoters. Check deadlines, communication and the quality of deliverables before looking for new clients.",
            signed(*nps)
        ),
        (Trigger::NpsNegative { nps, responses }, Lang::Fr) => format!(
            "NPS {} sur {responses} réponses : plus de détracteurs que de promoteurs. Vérifiez délais, communication et qualité des livrables avant de chercher de nouveaux clients.",
            signed(*nps)
        ),
        (Trigger::Detractors { nps, count, gone }, _) => {
            let nps = signed(*nps);
            match (lang, *gone) {
                (Lang::En, 0) => format!(
                    "With an NPS of {nps}, each unhappy client matters: call them, listen, and fix what can be fixed before they leave or speak ill of you."
                ),
                (Lang::Fr, 0) => format!(
                    "Avec un NPS de {nps}, chaque client mécontent compte : appelez-les, écoutez, et corrigez ce qui peut l'être avant qu'ils ne partent ou ne parlent de vous en mal."
                ),
                (Lang::En, g) if g == *count => format!(
                    "With an NPS of {nps}, each unhappy client matters, and none of these was invoiced in the last 12 months: ask each what went wrong; the answers tell you what to fix for the others."
                ),
                (Lang::Fr, g) if g == *count => format!(
                    "Avec un NPS de {nps}, chaque client mécontent compte, et aucun de ceux-ci n'a été facturé sur les 12 derniers mois : demandez à chacun ce qui n'a pas fonctionné ; leurs réponses vous diront quoi corriger pour les autres."
                ),
                (Lang::En, g) => format!(
                    "With an NPS of {nps}, each unhappy client matters: call those who still work with you, listen, and fix what can be fixed before they leave or speak ill of you. {g} of them {} no invoice in the last 12 months: ask what went wrong.",
                    agree(lang, g, "has had", "have had")
                ),
                (Lang::Fr, g) => format!(
                    "Avec un NPS de {nps}, chaque client mécontent compte : appelez ceux qui travaillent encore avec vous, écoutez, et corrigez ce qui peut l'être avant qu'ils ne partent ou ne parlent de vous en mal. {g} d'entre eux {} aucune facture sur les 12 derniers mois : {} ce qui n'a pas fonctionné.",
                    agree(lang, g, "n'a reçu", "n'ont reçu"),
                    agree(lang, g, "demandez-lui", "demandez-leur")
                ),
            }
        }
        (Trigger::Promoters { nps, .. }, Lang::En) => format!(
            "NPS {}: your promoters would recommend you. Keep in touch (news, a newsletter) and ask them for introductions; a thank-you or a small gesture helps (a cash commission would make them paid business introducers, with a contract and tax consequences).",
            signed(*nps)
        ),
        (Trigger::Promoters { nps, .. }, Lang::Fr) => format!(
            "NPS {} : vos promoteurs vous recommanderaient. Gardez le contact (nouvelles, lettre d'information) et demandez-leur des mises en relation ; un remerciement ou un petit geste aide (une commission en argent ferait d'eux des apporteurs d'affaires, avec un contrat et des conséquences fiscales).",
            signed(*nps)
        ),
        (Trigger::LowCoverage { coverage, .. }, Lang::En) if coverage.is_zero() => format!(
            "No active client of {year} has given a score yet. Ask them the one question: \"On a scale of 0 to 10, how likely are you to recommend my services to a colleague or a friend?\""
        ),
        (Trigger::LowCoverage { coverage, .. }, Lang::Fr) if coverage.is_zero() => format!(
            "Aucun client actif de {year} n'a encore donné de note. Posez-leur cette question : « Sur une échelle de 0 à 10, quelle est la probabilité que vous recommandiez mes services à un collègue ou à un ami ? »"
        ),
        (Trigger::LowCoverage { coverage, without_answer, .. }, Lang::En) => format!(
            "Only {} of {year}'s active clients gave a score ({without_answer} did not). Ask them the one question: \"On a scale of 0 to 10, how likely are you to recommend my services to a colleague or a friend?\"",
            pct(*coverage)
        ),
        (Trigger::LowCoverage { coverage, without_answer, .. }, Lang::Fr) => format!(
            "Seuls {} des clients actifs de {year} ont donné une note ({without_answer} n'en {} pas donné). Posez-leur cette question : « Sur une échelle de 0 à 10, quelle est la probabilité que vous recommandiez mes services à un collègue ou à un ami ? »",
            pct(*coverage),
            agree(lang, *without_answer, "a", "ont")
        ),
        (Trigger::ThankReferrers { count: 1, revenue }, Lang::En) => format!(
            "The clients file says this referrer was not thanked; the clients it referred brought {}. A thank-you (a note, a gift, a referral in return) keeps referrals coming.",
            money(*revenue)
        ),
        (Trigger::ThankReferrers { revenue, .. }, Lang::En) => format!(
            "The clients file says these referrers were not thanked; the clients they referred brought {}. A thank-you (a note, a gift, a referral in return) keeps them referring.",
            money(*revenue)
        ),
        (Trigger::ThankReferrers { count: 1, revenue }, Lang::Fr) => format!(
            "Selon le fichier clients, ce prescripteur n'a pas été remercié ; les clients qu'il a recommandés ont rapporté {}. Un remerciement (un mot, un petit geste, une recommandation en retour) l'encouragera à continuer.",
            money(*revenue)
        ),
        (Trigger::ThankReferrers { revenue, .. }, Lang::Fr) => format!(
            "Selon le fichier clients, ces prescripteurs n'ont pas été remerciés ; les clients qu'ils ont recommandés ont rapporté {}. Un remerciement (un mot, un petit geste, une recommandation en retour) les encouragera à continuer.",
            money(*revenue)
        ),
        (Trigger::LowReferralRate { referred, new, .. }, Lang::En) => format!(
            "{referred} of {new} new clients came by referral in {year}. Work on what makes people recommend you: your reputation and professionalism, exceeding expectations, staying in touch, keeping a consistent website, referring other professionals yourself, and thanking your referrers."
        ),
        (Trigger::LowReferralRate { referred, new, .. }, Lang::Fr) => format!(
            "En {year}, {} sur {new} {} par recommandation. Travaillez ce qui donne envie de vous recommander : votre réputation et votre professionnalisme, dépasser les attentes, garder le contact, avoir un site web cohérent, recommander vous-même d'autres professionnels, remercier vos prescripteurs.",
            counted(lang, *referred, Noun::NewClient),
            agree(lang, *referred, "est venu", "sont venus"),
        ),
        (Trigger::SilentPromoters { count: 1 }, Lang::En) => "They gave you 9 or 10 but have never referred anyone yet: being ready to recommend is not enough, people often need to be asked. A short message with your news and an explicit ask (\"Do you know anyone who needs…?\") turns their satisfaction into referrals.".into(),
        (Trigger::SilentPromoters { .. }, Lang::En) => "They gave you 9 or 10 but have never referred anyone yet: being ready to recommend is not enough, people often need to be asked. A short message with your news and an explicit ask (\"Do you know anyone who needs…?\") turns their satisfaction into referrals.".into(),
        (Trigger::SilentPromoters { count: 1 }, Lang::Fr) => "Il vous a donné 9 ou 10 mais ne vous a encore jamais recommandé : être prêt à recommander ne suffit pas, il faut souvent le demander. Un court message avec vos nouvelles et une demande explicite (« Connaissez-vous quelqu'un qui aurait besoin de… ? ») transforment sa satisfaction en recommandations.".into(),
        (Trigger::SilentPromoters { .. }, Lang::Fr) => "Ils vous ont donné 9 ou 10 mais ne vous ont encore jamais recommandé : être prêt à recommander ne suffit pas, il faut souvent le demander. Un court message avec vos nouvelles et une demande explicite (« Connaissez-vous quelqu'un qui aurait besoin de… ? ») transforment leur satisfaction en recommandations.".into(),
        (Trigger::NoOtherIncome { top_share }, Lang::En) => format!(
            "You have no revenue besides client work, while your largest client brings {} of your revenue. Training, talks, writing or products (templates, e-books…) would cushion the loss of a client (mind the rules that apply to each).",
            pct(*top_share)
        ),
        (Trigger::NoOtherIncome { top_share }, Lang::Fr) => format!(
            "Vous n'avez aucun revenu en dehors des missions clients, alors que votre premier client apporte {} de votre chiffre d'affaires. Des formations, des conférences, de l'écriture ou des produits (modèles, e-books…) atténueraient la perte d'un client (attention au régime : une formation financée par un OPCO ou le CPF demande une déclaration d'activité, et la vente de produits a ses propres seuils).",
            pct(*top_share)
        ),
        (Trigger::DataQuality(q), Lang::En) => {
            let mut parts = Vec::new();
            if q.rejected_rows > 0 {
                parts.push(match q.rejected_rows {
                    1 => "1 row was rejected".to_string(),
                    n => format!("{n} rows were rejected"),
                });
            }
            if q.unmatched_names > 0 {
                parts.push(match q.unmatched_names {
                    1 => "1 name matches no invoiced client".to_string(),
                    n => format!("{n} names match no invoiced client"),
                });
            }
            if q.guessed_formats > 0 {
                parts.push(match q.guessed_formats {
                    1 => "1 column had its date or decimal format guessed".to_string(),
                    n => format!("{n} columns had their date or decimal format guessed"),
                });
            }
            format!(
                "{}. Run `portfolio check` to see each problem, then fix the export or pass --map, --date-format or --decimal.",
                upper_first(&parts.join(", "))
            )
        }
        (Trigger::DataQuality(q), Lang::Fr) => {
            let mut parts = Vec::new();
            if q.rejected_rows > 0 {
                parts.push(match q.rejected_rows {
                    1 => "1 ligne a été rejetée".to_string(),
                    n => format!("{n} lignes ont été rejetées"),
                });
            }
            if q.unmatched_names > 0 {
                parts.push(match q.unmatched_names {
                    1 => "1 nom ne correspond à aucun client facturé".to_string(),
                    n => format!("{n} noms ne correspondent à aucun client facturé"),
                });
            }
            if q.guessed_formats > 0 {
                parts.push(match q.guessed_formats {
                    1 => "1 colonne a un format de date ou de décimale deviné".to_string(),
                    n => format!("{n} colonnes ont un format de date ou de décimale deviné"),
                });
            }
            format!(
                "{}. Lancez `portfolio check` pour voir chaque problème, puis corrigez l'export ou ajoutez l'option --map, --date-format ou --decimal.",
                upper_first(&parts.join(", "))
            )
        }
        (Trigger::LatePayers { late, over_60, receivables }, _) => {
            let named = late
                .iter()
                .take(5)
                .map(|(name, days, unpaid)| match lang {
                    Lang::En => format!("{name} ({} days late at the median, {} unpaid)", num(*days, 0), money(*unpaid)),
                    Lang::Fr => format!("{name} ({} jours de retard médian, {} impayés)", num(*days, 0), money(*unpaid)),
                })
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::En => format!(
                    "{} is owed to you, {} of it more than 60 days past due.{} Send a reminder now, then shorten your payment terms or ask for a deposit with the next order.",
                    money(*receivables),
                    money(*over_60),
                    if named.is_empty() { String::new() } else { format!(" Late payers: {named}.") }
                ),
                Lang::Fr => format!(
                    "On vous doit {}, dont {} en retard de plus de 60 jours.{} Relancez dès maintenant, puis raccourcissez vos délais de paiement ou demandez un acompte à la prochaine commande.",
                    money(*receivables),
                    money(*over_60),
                    if named.is_empty() { String::new() } else { format!(" Payeurs en retard : {named}.") }
                ),
            }
        }
        (Trigger::MicroCeiling { year, status, revenue, ceiling, projected }, _) => {
            let pace = projected.map(|p| match lang {
                Lang::En => format!(" At this pace the year would end at {}.", money(p)),
                Lang::Fr => format!(" À ce rythme, l'année finirait à {}.", money(p)),
            }).unwrap_or_default();
            match (lang, status) {
                (Lang::En, MicroStatus::Over) => format!("{year}: {} received against a ceiling of {}.{pace} Two years in a row over it end the micro regime on the next 1 January: ask your accountant about the real regime (déclaration contrôlée or réel) now.", money(*revenue), money(*ceiling)),
                (Lang::En, _) => format!("{year}: {} received, close to the ceiling of {}.{pace} Plan the invoicing of the coming months, and ask your accountant what crossing it would change.", money(*revenue), money(*ceiling)),
                (Lang::Fr, MicroStatus::Over) => format!("{year} : {} encaissés pour un plafond de {}.{pace} Deux années de suite au-delà mettent fin au régime micro au 1er janvier suivant : voyez dès maintenant avec votre expert-comptable le passage au régime réel (déclaration contrôlée ou réel)." , money(*revenue), money(*ceiling)),
                (Lang::Fr, _) => format!("{year} : {} encaissés, près du plafond de {}.{pace} Planifiez la facturation des prochains mois et voyez avec votre expert-comptable ce que son dépassement changerait.", money(*revenue), money(*ceiling)),
            }
        }
        (Trigger::AtRisk { clients, revenue }, _) => {
            let named = clients
                .iter()
                .map(|(name, reasons)| {
                    let why: Vec<&str> = reasons
                        .iter()
                        .map(|r| super::at_risk_reason(lang, *r))
                        .collect();
                    format!("{name} — {}", why.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ");
            match lang {
                Lang::En => format!("{named}. Together {} over the last 12 months. Clients leave quietly; a call to ask how things are going, and what could be better, comes before the loss, not after.", money(*revenue)),
                Lang::Fr => format!("{named}. Ensemble, {} sur les 12 derniers mois. Les clients partent sans prévenir ; un appel pour prendre des nouvelles et demander ce qui pourrait être mieux vient avant la perte, pas après.", money(*revenue)),
            }
        }
        (Trigger::Statements { year, commission, das2, .. }, _) => {
            let year = i18n::year(lang, *year, start);
            let das2 = if das2.is_empty() {
                String::new()
            } else {
                match lang {
                    Lang::En => format!(" Declare on the DAS2 the commission of {} (2,400 € or more in the year).", das2.join(", ")),
                    Lang::Fr => format!(" Déclarez sur la DAS2 la commission de {} (2 400 € ou plus dans l'année).", das2.join(", ")),
                }
            };
            match lang {
                Lang::En => format!("{} of commission is due for {year}. Send each referrer its statement (portfolio referrals --statement NAME), then pay it: a transparent programme keeps referrers sending clients.{das2}", money(*commission)),
                Lang::Fr => format!("{} de commissions sont dues pour {year}. Envoyez à chaque apporteur son relevé (portfolio referrals --statement NOM), puis réglez-le : un programme transparent donne envie de continuer à recommander.{das2}", money(*commission)),
            }
        }
        (Trigger::TopClientLoss { client, drop, left, months, new_clients, period }, _) => {
            let when = in_period(lang, *period, start);
            let months = months.map(|m| num(m, 1)).unwrap_or_default();
            let replace = new_clients.map(|n| match lang {
                Lang::En => format!(" At what recent new clients brought in their first year, replacing it would take about {} new clients.", num(n, 1)),
                Lang::Fr => format!(" Au chiffre d'affaires de première année des derniers nouveaux clients, il faudrait environ {} nouveaux clients pour le remplacer.", num(n, 1)),
            }).unwrap_or_default();
            match lang {
                Lang::En => format!("Without {client}, revenue {when} would drop by {} to {}: it brings {months} months of revenue.{replace} Start prospecting before you need to.", pct(*drop), money(*left)),
                Lang::Fr => format!("Sans {client}, le chiffre d'affaires {when} baisserait de {} pour tomber à {} : ce client représente {months} mois de chiffre d'affaires.{replace} Prospectez avant d'en avoir besoin.", pct(*drop), money(*left)),
            }
        }
        (Trigger::VatThreshold { year, status, revenue, base, upper, due_from }, _) => {
            let from = due_from.map(|d| i18n::date(lang, d));
            match (lang, status, from) {
                (Lang::En, _, Some(from)) => format!("{year}: {} received (VAT franchise thresholds {} and {}). VAT is due from {from}: invoice it from then on and file VAT returns.", money(*revenue), money(*base), money(*upper)),
                (Lang::En, _, None) => format!("{year}: {} received, over the VAT franchise base threshold of {} (upper {}). Staying under the upper threshold keeps the franchise this year; from the next year VAT will be due: prepare your prices.", money(*revenue), money(*base), money(*upper)),
                (Lang::Fr, _, Some(from)) => format!("{year} : {} encaissés (seuils de la franchise {} et {}). La TVA est due à partir du {from} : facturez-la dès cette date et déposez vos déclarations de TVA.", money(*revenue), money(*base), money(*upper)),
                (Lang::Fr, _, None) => format!("{year} : {} encaissés, au-delà du seuil de base de la franchise de TVA de {} (seuil majoré {}). Rester sous le seuil majoré garde la franchise cette année ; l'an prochain la TVA sera due : préparez vos prix.", money(*revenue), money(*base), money(*upper)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::analysis::plan::{Area, Priority};
    use crate::model::Money;

    fn action(trigger: Trigger, clients: &[&str]) -> Action {
        Action {
            trigger,
            priority: Priority::High,
            area: Area::Retention,
            stake: Money::ZERO,
            clients: clients.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn leaking(won: u64, lost: u64) -> Action {
        action(
            Trigger::Leaking {
                year: 2025,
                won,
                lost,
                revenue_lost: Money::from(900),
            },
            &[],
        )
    }

    #[test]
    fn french_titles_agree_with_0_1_and_2() {
        let title = |a: &Action| title(Lang::Fr, a, FiscalYearStart::default());
        assert_eq!(
            title(&leaking(0, 1)),
            "Colmatez la fuite : 1 client perdu et aucun gagné en 2025"
        );
        assert_eq!(
            title(&leaking(2, 3)),
            "Colmatez la fuite : 3 clients perdus et 2 gagnés en 2025"
        );
        let dormant = |count| action(Trigger::Dormant { count, months: 12 }, &[]);
        assert_eq!(
            title(&dormant(1)),
            "Reprenez contact avec votre client dormant"
        );
        assert_eq!(
            title(&dormant(2)),
            "Reprenez contact avec vos 2 clients dormants"
        );
        let thank = |count| {
            action(
                Trigger::ThankReferrers {
                    count,
                    revenue: Money::ZERO,
                },
                &["Atelier Nord"],
            )
        };
        assert_eq!(title(&thank(1)), "Remerciez votre prescripteur");
        assert_eq!(title(&thank(2)), "Remerciez vos 2 prescripteurs");
        assert_eq!(concerned(Lang::Fr, &thank(1)), "Prescripteur");
    }

    #[test]
    fn a_leak_says_who_arrived_in_both_languages() {
        let fr = detail(
            Lang::Fr,
            &leaking(0, 1),
            Some("EUR"),
            FiscalYearStart::default(),
        );
        assert!(
            fr.starts_with("1 client de 2024 ne vous a rien commandé en 2025 (il représentait 900,00\u{a0}€ de CA en 2024), et aucun nouveau client n'est arrivé."),
            "{fr}"
        );
        let fr = detail(
            Lang::Fr,
            &leaking(2, 3),
            Some("EUR"),
            FiscalYearStart::default(),
        );
        assert!(fr.contains("et 2 nouveaux clients sont arrivés."), "{fr}");
        let en = detail(Lang::En, &leaking(1, 2), None, FiscalYearStart::default());
        assert!(
            en.starts_with("2 clients of 2024 gave you no work in 2025 (900.00 of revenue in 2024), and 1 new client arrived."),
            "{en}"
        );
    }

    #[test]
    fn detractors_already_gone_are_asked_what_went_wrong() {
        let detractors = |count, gone| {
            action(
                Trigger::Detractors {
                    count,
                    nps: Decimal::from(17),
                    gone,
                },
                &[],
            )
        };
        let none_gone = detail(
            Lang::Fr,
            &detractors(3, 0),
            None,
            FiscalYearStart::default(),
        );
        assert!(!none_gone.contains("demandez"), "{none_gone}");
        let one_gone = detail(
            Lang::Fr,
            &detractors(3, 1),
            None,
            FiscalYearStart::default(),
        );
        assert!(
            one_gone.contains(
                "1 d'entre eux n'a reçu aucune facture sur les 12 derniers mois : demandez-lui"
            ),
            "{one_gone}"
        );
        let all_gone = detail(
            Lang::En,
            &detractors(2, 2),
            None,
            FiscalYearStart::default(),
        );
        assert!(
            all_gone.contains("none of these was invoiced in the last 12 months"),
            "{all_gone}"
        );
    }
}
