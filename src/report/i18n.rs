//! The one catalogue of human-readable text, in English and French, and the number and
//! date formats of each language. JSON keys never go through here.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// The language of human text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// Every fixed piece of text a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Title,
    FocusYear,
    FocusFiscalYear,
    AsOf,
    PartialYear,
    Currency,
    NoCurrency,
    RevenuePerYear,
    Year,
    Revenue,
    IdentifiedShare,
    ActiveClients,
    Change,
    RevenuePerClient,
    Client,
    Lifetime,
    Others,
    TopOf,
    Inputs,
    Rows,
    Used,
    Excluded,
    Rejected,
    NoRevenue,
    Segments,
    Segment,
    Share,
    Clients,
    ChangePoints,
    SegNew,
    SegLoyal,
    SegReactivated,
    SegIntermediated,
    SegOtherIncome,
    SegUnidentified,
    SegReferred,
    SegReferrers,
    SharesPerYear,
    Risk,
    LastTwelveMonths,
    TopClient,
    TopShare,
    Top3Share,
    Hhi,
    EffectiveClients,
    IntermediatedShare,
    TopIntermediary,
    Level,
    Flags,
    Concentration,
    RiskPerYear,
    LevelUnknown,
    LevelLow,
    LevelModerate,
    LevelHigh,
    LevelCritical,
    Retention,
    Active,
    New,
    Retained,
    Reactivated,
    Lost,
    RetentionRate,
    Nrr,
    Grr,
    RevenueLost,
    RevenueNew,
    Bathtub,
    Filling,
    Stable,
    Leaking,
    Cohorts,
    Cohort,
    Dormant,
    LastInvoice,
    BestYear,
    NoDormant,
    Undefined,
    Nps,
    Answers,
    Promoters,
    Passives,
    Detractors,
    NpsScore,
    Margin,
    WeightedNps,
    Coverage,
    PromoterReferralRate,
    NpsPerYear,
    CallDetractors,
    KeepPromoters,
    Score,
    Date,
    Revenue12Months,
    Referred,
    NoAnswers,
    Referrals,
    Channel,
    NewClients,
    ShareOfNew,
    ChannelsOfYear,
    ReferralRatePerYear,
    ByReferral,
    ReferralRate,
    ChannelValue,
    AveragePerClient,
    Referrers,
    Referrer,
    IsClient,
    DownTheChain,
    LastReferral,
    Status,
    Thanked,
    Yes,
    No,
    StatusActive,
    StatusDormant,
    ThanksUnknown,
    PartialYearShort,
    UnknownWithoutClientsFile,
    NoReferrers,
    ChReferral,
    ChWebsite,
    ChAgency,
    ChDirectory,
    ChColdOutreach,
    ChSocial,
    ChEvent,
    ChPlatform,
    ChJobBoard,
    ChAds,
    ChOther,
    ChUnknown,
    More,
    SilentPromoters,
    RemindThem,
    Plan,
    NoActions,
    Priority,
    RevenueBySegment,
    CumulativeShare,
    WonAndLost,
    Won,
    NpsDistribution,
    ChannelMix,
    Warnings,
}

pub fn text(lang: Lang, key: Text) -> &'static str {
    use Text::*;
    match (lang, key) {
        (Lang::En, Title) => "Client portfolio review",
        (Lang::Fr, Title) => "Revue du portefeuille clients",
        (Lang::En, FocusYear) => "Focus year",
        (Lang::Fr, FocusYear) => "Année analysée",
        (Lang::En, FocusFiscalYear) => "Focus fiscal year",
        (Lang::Fr, FocusFiscalYear) => "Exercice analysé",
        (Lang::En, AsOf) => "data as of",
        (Lang::Fr, AsOf) => "données au",
        (Lang::En, PartialYear) => "in progress",
        (Lang::Fr, PartialYear) => "en cours",
        (Lang::En, Currency) => "currency",
        (Lang::Fr, Currency) => "devise",
        (Lang::En, NoCurrency) => "not named in the data",
        (Lang::Fr, NoCurrency) => "non précisée dans les données",
        (Lang::En, RevenuePerYear) => "Revenue per year",
        (Lang::Fr, RevenuePerYear) => "Chiffre d'affaires HT par année",
        (Lang::En, Year) => "Year",
        (Lang::Fr, Year) => "Année",
        (Lang::En, Revenue) => "Revenue",
        (Lang::Fr, Revenue) => "CA HT",
        (Lang::En, IdentifiedShare) => "of which identified clients",
        (Lang::Fr, IdentifiedShare) => "dont clients identifiés",
        (Lang::En, ActiveClients) => "Active clients",
        (Lang::Fr, ActiveClients) => "Clients actifs",
        (Lang::En, Change) => "Change",
        (Lang::Fr, Change) => "Évolution",
        (Lang::En, RevenuePerClient) => "Revenue per client",
        (Lang::Fr, RevenuePerClient) => "Chiffre d'affaires HT par client",
        (Lang::En, Client) => "Client",
        (Lang::Fr, Client) => "Client",
        (Lang::En, Lifetime) => "All years",
        (Lang::Fr, Lifetime) => "CA cumulé",
        (Lang::En, Others) => "other clients",
        (Lang::Fr, Others) => "autres clients",
        (Lang::En, TopOf) => "largest first",
        (Lang::Fr, TopOf) => "par ordre décroissant",
        (Lang::En, Inputs) => "Inputs",
        (Lang::Fr, Inputs) => "Fichiers lus",
        (Lang::En, Rows) => "rows",
        (Lang::Fr, Rows) => "lignes",
        (Lang::En, Used) => "used",
        (Lang::Fr, Used) => "retenues",
        (Lang::En, Excluded) => "excluded",
        (Lang::Fr, Excluded) => "exclues",
        (Lang::En, Rejected) => "rejected",
        (Lang::Fr, Rejected) => "rejetées",
        (Lang::En, NoRevenue) => "No counted revenue in the data.",
        (Lang::Fr, NoRevenue) => "Aucun chiffre d'affaires compté dans les données.",
        (Lang::En, Segments) => "Where the revenue comes from (the client marguerite)",
        (Lang::Fr, Segments) => "Origine du chiffre d'affaires (la « marguerite » client)",
        (Lang::En, Segment) => "Segment",
        (Lang::Fr, Segment) => "Segment",
        (Lang::En, Share) => "Share",
        (Lang::Fr, Share) => "Part",
        (Lang::En, Clients) => "Clients",
        (Lang::Fr, Clients) => "Clients",
        (Lang::En, ChangePoints) => "Change (pts)",
        (Lang::Fr, ChangePoints) => "Évolution (points)",
        (Lang::En, SegNew) => "New clients",
        (Lang::Fr, SegNew) => "Nouveaux clients",
        (Lang::En, SegLoyal) => "Loyal clients",
        (Lang::Fr, SegLoyal) => "Clients fidèles",
        (Lang::En, SegReactivated) => "Won back",
        (Lang::Fr, SegReactivated) => "Clients réactivés",
        (Lang::En, SegIntermediated) => "Intermediaries and subcontracting",
        (Lang::Fr, SegIntermediated) => "Via intermédiaires ou en sous-traitance",
        (Lang::En, SegOtherIncome) => "Other income",
        (Lang::Fr, SegOtherIncome) => "Revenus annexes",
        (Lang::En, SegUnidentified) => "Unidentified clients",
        (Lang::Fr, SegUnidentified) => "Clients non identifiés",
        (Lang::En, SegReferred) => "of which referred clients",
        (Lang::Fr, SegReferred) => "dont clients recommandés",
        (Lang::En, SegReferrers) => "of which clients who referred others",
        (Lang::Fr, SegReferrers) => "dont clients prescripteurs",
        (Lang::En, SharesPerYear) => "Segment shares per year",
        (Lang::Fr, SharesPerYear) => "Parts des segments par année",
        (Lang::En, Risk) => "Dependency risk",
        (Lang::Fr, Risk) => "Risque de dépendance",
        (Lang::En, LastTwelveMonths) => "Last 12 months",
        (Lang::Fr, LastTwelveMonths) => "12 derniers mois",
        (Lang::En, TopClient) => "Top client",
        (Lang::Fr, TopClient) => "Premier client",
        (Lang::En, TopShare) => "Top client share",
        (Lang::Fr, TopShare) => "Part du premier client",
        (Lang::En, Top3Share) => "Top 3 share",
        (Lang::Fr, Top3Share) => "Part des 3 premiers clients",
        (Lang::En, Hhi) => "HHI (0–10,000)",
        (Lang::Fr, Hhi) => "IHH (0–10\u{202f}000)",
        (Lang::En, EffectiveClients) => "Effective clients",
        (Lang::Fr, EffectiveClients) => "Nombre équivalent de clients",
        (Lang::En, IntermediatedShare) => "Via intermediaries",
        (Lang::Fr, IntermediatedShare) => "Via intermédiaires",
        (Lang::En, TopIntermediary) => "Largest intermediary",
        (Lang::Fr, TopIntermediary) => "Premier intermédiaire",
        (Lang::En, Level) => "Level",
        (Lang::Fr, Level) => "Niveau de risque",
        (Lang::En, Flags) => "Flags",
        (Lang::Fr, Flags) => "Alertes",
        (Lang::En, Concentration) => "Client concentration",
        (Lang::Fr, Concentration) => "Concentration des clients",
        (Lang::En, RiskPerYear) => "Risk per year",
        (Lang::Fr, RiskPerYear) => "Risque par année",
        (Lang::En, LevelUnknown) => "unknown",
        (Lang::Fr, LevelUnknown) => "inconnu",
        (Lang::En, LevelLow) => "low",
        (Lang::Fr, LevelLow) => "faible",
        (Lang::En, LevelModerate) => "moderate",
        (Lang::Fr, LevelModerate) => "modéré",
        (Lang::En, LevelHigh) => "high",
        (Lang::Fr, LevelHigh) => "élevé",
        (Lang::En, LevelCritical) => "critical",
        (Lang::Fr, LevelCritical) => "critique",
        (Lang::En, Retention) => "Retention: clients won and lost (the leaky bathtub)",
        (Lang::Fr, Retention) => "Fidélisation : clients gagnés et perdus (la « baignoire qui fuit »)",
        (Lang::En, Active) => "Active",
        (Lang::Fr, Active) => "Actifs",
        (Lang::En, New) => "New",
        (Lang::Fr, New) => "Nouveaux",
        (Lang::En, Retained) => "Retained",
        (Lang::Fr, Retained) => "Conservés",
        (Lang::En, Reactivated) => "Back",
        (Lang::Fr, Reactivated) => "Réactivés",
        (Lang::En, Lost) => "Lost",
        (Lang::Fr, Lost) => "Perdus",
        (Lang::En, RetentionRate) => "Retention",
        (Lang::Fr, RetentionRate) => "Taux de fidélisation",
        (Lang::En, Nrr) => "NRR",
        (Lang::Fr, Nrr) => "Rétention nette du CA",
        (Lang::En, Grr) => "GRR",
        (Lang::Fr, Grr) => "Rétention brute du CA",
        (Lang::En, RevenueLost) => "Revenue lost",
        (Lang::Fr, RevenueLost) => "CA perdu",
        (Lang::En, RevenueNew) => "Revenue new",
        (Lang::Fr, RevenueNew) => "CA nouveaux clients",
        (Lang::En, Bathtub) => "Bathtub",
        (Lang::Fr, Bathtub) => "Solde",
        (Lang::En, Filling) => "filling",
        (Lang::Fr, Filling) => "positif",
        (Lang::En, Stable) => "stable",
        (Lang::Fr, Stable) => "nul",
        (Lang::En, Leaking) => "leaking",
        (Lang::Fr, Leaking) => "négatif",
        (Lang::En, Cohorts) => "Cohorts: revenue (active clients) by year of first invoice",
        (Lang::Fr, Cohorts) => {
            "Cohortes : chiffre d'affaires (clients actifs) par année de première facture"
        }
        (Lang::En, Cohort) => "Cohort",
        (Lang::Fr, Cohort) => "Cohorte",
        (Lang::En, Dormant) => "Dormant clients: the reactivation list",
        (Lang::Fr, Dormant) => "Clients dormants : à recontacter",
        (Lang::En, LastInvoice) => "Last invoice",
        (Lang::Fr, LastInvoice) => "Dernière facture",
        (Lang::En, BestYear) => "Best year",
        (Lang::Fr, BestYear) => "Meilleure année",
        (Lang::En, NoDormant) => "No dormant client.",
        (Lang::Fr, NoDormant) => "Aucun client dormant.",
        (Lang::En, Undefined) => "n/a",
        (Lang::Fr, Undefined) => "n.d.",
        (Lang::En, Nps) => "Net Promoter Score: would your clients recommend you?",
        (Lang::Fr, Nps) => "Net Promoter Score (NPS) : vos clients vous recommanderaient-ils ?",
        (Lang::En, Answers) => "Answers",
        (Lang::Fr, Answers) => "Réponses",
        (Lang::En, Promoters) => "Promoters (9–10)",
        (Lang::Fr, Promoters) => "Promoteurs (9–10)",
        (Lang::En, Passives) => "Passives (7–8)",
        (Lang::Fr, Passives) => "Passifs (7–8)",
        (Lang::En, Detractors) => "Detractors (0–6)",
        (Lang::Fr, Detractors) => "Détracteurs (0–6)",
        (Lang::En, NpsScore) => "NPS",
        (Lang::Fr, NpsScore) => "NPS",
        (Lang::En, Margin) => "Margin (95 %)",
        (Lang::Fr, Margin) => "Marge d'erreur (95 %)",
        (Lang::En, WeightedNps) => "NPS weighted by revenue (12 months)",
        (Lang::Fr, WeightedNps) => "NPS pondéré par le CA (12 mois)",
        (Lang::En, Coverage) => "Active clients who answered",
        (Lang::Fr, Coverage) => "Clients actifs ayant répondu",
        (Lang::En, PromoterReferralRate) => "Promoters who referred someone",
        (Lang::Fr, PromoterReferralRate) => "Promoteurs ayant recommandé",
        (Lang::En, NpsPerYear) => "NPS per year (answers dated in the year)",
        (Lang::Fr, NpsPerYear) => "NPS par année (réponses datées de l'année)",
        (Lang::En, CallDetractors) => "Detractors: call each of them",
        (Lang::Fr, CallDetractors) => "Détracteurs : appelez chacun d'eux",
        (Lang::En, KeepPromoters) => "Promoters: keep them close",
        (Lang::Fr, KeepPromoters) => "Promoteurs : restez en contact",
        (Lang::En, Score) => "Score",
        (Lang::Fr, Score) => "Note",
        (Lang::En, Date) => "Date",
        (Lang::Fr, Date) => "Date",
        (Lang::En, Revenue12Months) => "Revenue, 12 months",
        (Lang::Fr, Revenue12Months) => "CA 12 derniers mois",
        (Lang::En, Referred) => "Referred",
        (Lang::Fr, Referred) => "Clients recommandés",
        (Lang::En, NoAnswers) => "No recommendation score in the data: add a score column to the clients file, or pass --surveys FILE.",
        (Lang::Fr, NoAnswers) => "Aucune note de recommandation dans les données : ajoutez une colonne de note au fichier clients, ou ajoutez l'option --surveys FICHIER.",
        (Lang::En, Referrals) => "Word of mouth: channels and referrers",
        (Lang::Fr, Referrals) => "Bouche-à-oreille : canaux et prescripteurs",
        (Lang::En, Channel) => "Channel",
        (Lang::Fr, Channel) => "Canal",
        (Lang::En, NewClients) => "New clients",
        (Lang::Fr, NewClients) => "Nouveaux clients",
        (Lang::En, ShareOfNew) => "Share of new",
        (Lang::Fr, ShareOfNew) => "Part des nouveaux",
        (Lang::En, ChannelsOfYear) => "Channels in",
        (Lang::Fr, ChannelsOfYear) => "Canal",
        (Lang::En, ReferralRatePerYear) => "New clients by referral, per year",
        (Lang::Fr, ReferralRatePerYear) => "Nouveaux clients par recommandation, par année",
        (Lang::En, ByReferral) => "By referral",
        (Lang::Fr, ByReferral) => "Par recommandation",
        (Lang::En, ReferralRate) => "Referral rate",
        (Lang::Fr, ReferralRate) => "Taux de recommandation",
        (Lang::En, ChannelValue) => "What a client brings, by channel (all years)",
        (Lang::Fr, ChannelValue) => "Ce que rapporte un client, par canal (toutes années)",
        (Lang::En, AveragePerClient) => "Average per client",
        (Lang::Fr, AveragePerClient) => "Moyenne par client",
        (Lang::En, Referrers) => "Referrers, by revenue their referrals brought",
        (Lang::Fr, Referrers) => "Prescripteurs, classés par CA apporté",
        (Lang::En, Referrer) => "Referrer",
        (Lang::Fr, Referrer) => "Prescripteur",
        (Lang::En, IsClient) => "Client",
        (Lang::Fr, IsClient) => "Déjà client",
        (Lang::En, DownTheChain) => "Further down",
        (Lang::Fr, DownTheChain) => "CA indirect (recommandations en chaîne)",
        (Lang::En, LastReferral) => "Last referral",
        (Lang::Fr, LastReferral) => "Dernière recommandation",
        (Lang::En, Status) => "Status",
        (Lang::Fr, Status) => "Activité",
        (Lang::En, Thanked) => "Thanked",
        (Lang::Fr, Thanked) => "Remercié",
        (Lang::En, Yes) => "yes",
        (Lang::Fr, Yes) => "oui",
        (Lang::En, No) => "no",
        (Lang::Fr, No) => "non",
        (Lang::En, StatusActive) => "recent referral",
        (Lang::Fr, StatusActive) => "actif",
        (Lang::En, StatusDormant) => "no recent referral",
        (Lang::Fr, StatusDormant) => "inactif",
        (Lang::En, PartialYearShort) => "partial",
        (Lang::Fr, PartialYearShort) => "partielle",
        (Lang::En, ThanksUnknown) => "not said",
        (Lang::Fr, ThanksUnknown) => "non renseigné",
        (Lang::En, UnknownWithoutClientsFile) => "Revenue from referred clients and from clients who referred others: unknown without a clients file (--clients).",
        (Lang::Fr, UnknownWithoutClientsFile) => "Chiffre d'affaires des clients recommandés et des clients prescripteurs : inconnu sans fichier clients (--clients).",
        (Lang::En, NoReferrers) => "No referrer known: add a “Referred by” column to the clients file (--clients) to see who recommends you.",
        (Lang::Fr, NoReferrers) => "Aucun prescripteur connu : ajoutez une colonne « Recommandé par » au fichier clients (--clients) pour voir qui vous recommande.",
        (Lang::En, ChReferral) => "referral",
        (Lang::Fr, ChReferral) => "Recommandation",
        (Lang::En, ChWebsite) => "website",
        (Lang::Fr, ChWebsite) => "Site web",
        (Lang::En, ChAgency) => "agency",
        (Lang::Fr, ChAgency) => "Agence",
        (Lang::En, ChDirectory) => "directory",
        (Lang::Fr, ChDirectory) => "Annuaire",
        (Lang::En, ChColdOutreach) => "cold outreach",
        (Lang::Fr, ChColdOutreach) => "Prospection",
        (Lang::En, ChSocial) => "social media",
        (Lang::Fr, ChSocial) => "Réseaux sociaux",
        (Lang::En, ChEvent) => "event",
        (Lang::Fr, ChEvent) => "Événement",
        (Lang::En, ChPlatform) => "platform",
        (Lang::Fr, ChPlatform) => "Plateforme",
        (Lang::En, ChJobBoard) => "job board",
        (Lang::Fr, ChJobBoard) => "Site d'annonces",
        (Lang::En, ChAds) => "advertising",
        (Lang::Fr, ChAds) => "Publicité",
        (Lang::En, ChOther) => "other",
        (Lang::Fr, ChOther) => "Autre",
        (Lang::En, ChUnknown) => "unknown",
        (Lang::Fr, ChUnknown) => "Inconnu",
        (Lang::En, More) => "more",
        (Lang::Fr, More) => "autres",
        (Lang::En, SilentPromoters) => "Silent promoters, who never referred anyone",
        (Lang::Fr, SilentPromoters) => "Promoteurs silencieux, qui ne vous ont encore jamais recommandé",
        (Lang::En, RemindThem) => "Remind them you exist.",
        (Lang::Fr, RemindThem) => "Rappelez-vous à leur bon souvenir.",
        (Lang::En, Plan) => "Action plan",
        (Lang::Fr, Plan) => "Plan d'action",
        (Lang::En, NoActions) => "Nothing to do urgently: no rule of the plan fired.",
        (Lang::Fr, NoActions) => "Rien d'urgent : aucune règle du plan ne s'est déclenchée.",
        (Lang::En, Priority) => "priority",
        (Lang::Fr, Priority) => "priorité",
        (Lang::En, RevenueBySegment) => "Revenue per year by segment",
        (Lang::Fr, RevenueBySegment) => "Chiffre d'affaires par année et par segment",
        (Lang::En, CumulativeShare) => "Cumulative share of revenue",
        (Lang::Fr, CumulativeShare) => "Part cumulée du chiffre d'affaires",
        (Lang::En, WonAndLost) => "Clients won and lost per year",
        (Lang::Fr, WonAndLost) => "Clients gagnés et perdus par année",
        (Lang::En, Won) => "Won",
        (Lang::Fr, Won) => "Gagnés",
        (Lang::En, NpsDistribution) => "Answers by category",
        (Lang::Fr, NpsDistribution) => "Réponses par catégorie",
        (Lang::En, ChannelMix) => "Revenue by channel in",
        (Lang::Fr, ChannelMix) => "Chiffre d'affaires par canal en",
        (Lang::En, Warnings) => "Warnings",
        (Lang::Fr, Warnings) => "Avertissements",
    }
}

/// One of two texts, by language, given both: for a label or message used in one place
/// only, its English and French side by side.
pub fn either<T>(lang: Lang, en: T, fr: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// Things counted in sentences, for singular and plural.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noun {
    Client,
    DormantClient,
    Detractor,
    Promoter,
    SilentPromoter,
    Referrer,
    NewClient,
    Invoice,
    PartlyPaidInvoice,
    LateInvoice,
}

/// `no clients`, `1 client`, `3 clients`; `aucun client`, `1 client`, `3 clients`.
/// In French 0 and 1 take the singular, and 0 reads `aucun`.
pub fn counted(lang: Lang, count: u64, noun: Noun) -> String {
    let one = match lang {
        Lang::En => count == 1,
        Lang::Fr => count <= 1,
    };
    let word = match (lang, noun, one) {
        (Lang::En, Noun::Client, true) => "client",
        (Lang::En, Noun::Client, false) => "clients",
        (Lang::En, Noun::DormantClient, true) => "dormant client",
        (Lang::En, Noun::DormantClient, false) => "dormant clients",
        (Lang::En, Noun::Detractor, true) => "detractor",
        (Lang::En, Noun::Detractor, false) => "detractors",
        (Lang::En, Noun::Promoter, true) => "promoter",
        (Lang::En, Noun::Promoter, false) => "promoters",
        (Lang::En, Noun::SilentPromoter, true) => "silent promoter",
        (Lang::En, Noun::SilentPromoter, false) => "silent promoters",
        (Lang::En, Noun::Referrer, true) => "referrer",
        (Lang::En, Noun::Referrer, false) => "referrers",
        (Lang::En, Noun::NewClient, true) => "new client",
        (Lang::En, Noun::NewClient, false) => "new clients",
        (Lang::Fr, Noun::Client, true) => "client",
        (Lang::Fr, Noun::Client, false) => "clients",
        (Lang::Fr, Noun::DormantClient, true) => "client dormant",
        (Lang::Fr, Noun::DormantClient, false) => "clients dormants",
        (Lang::Fr, Noun::Detractor, true) => "détracteur",
        (Lang::Fr, Noun::Detractor, false) => "détracteurs",
        (Lang::Fr, Noun::Promoter, true) => "promoteur",
        (Lang::Fr, Noun::Promoter, false) => "promoteurs",
        (Lang::Fr, Noun::SilentPromoter, true) => "promoteur silencieux",
        (Lang::Fr, Noun::SilentPromoter, false) => "promoteurs silencieux",
        (Lang::Fr, Noun::Referrer, true) => "prescripteur",
        (Lang::Fr, Noun::Referrer, false) => "prescripteurs",
        (Lang::Fr, Noun::NewClient, true) => "nouveau client",
        (Lang::Fr, Noun::NewClient, false) => "nouveaux clients",
        (Lang::En, Noun::Invoice, true) => "invoice",
        (Lang::En, Noun::Invoice, false) => "invoices",
        (Lang::En, Noun::PartlyPaidInvoice, true) => "invoice partly paid",
        (Lang::En, Noun::PartlyPaidInvoice, false) => "invoices partly paid",
        (Lang::En, Noun::LateInvoice, true) => "late invoice",
        (Lang::En, Noun::LateInvoice, false) => "late invoices",
        (Lang::Fr, Noun::Invoice, true) => "facture",
        (Lang::Fr, Noun::Invoice, false) => "factures",
        (Lang::Fr, Noun::PartlyPaidInvoice, true) => "facture payée en partie",
        (Lang::Fr, Noun::PartlyPaidInvoice, false) => "factures payées en partie",
        (Lang::Fr, Noun::LateInvoice, true) => "facture en retard",
        (Lang::Fr, Noun::LateInvoice, false) => "factures en retard",
    };
    let feminine = matches!(
        noun,
        Noun::Invoice | Noun::PartlyPaidInvoice | Noun::LateInvoice
    );
    match (lang, count) {
        (Lang::En, 0) => format!("no {word}"),
        (Lang::Fr, 0) if feminine => format!("aucune {word}"),
        (Lang::Fr, 0) => format!("aucun {word}"),
        _ => format!("{count} {word}"),
    }
}

/// The form of a word that agrees with `count`: `one` for 1 (and for 0 in French),
/// `many` otherwise: `perdu` / `perdus`, `is` / `are`.
pub fn agree<'a>(lang: Lang, count: u64, one: &'a str, many: &'a str) -> &'a str {
    let singular = match lang {
        Lang::En => count == 1,
        Lang::Fr => count <= 1,
    };
    if singular {
        one
    } else {
        many
    }
}

/// Rounds half away from zero to cents, as every displayed amount is.
pub fn cents(value: Decimal) -> Decimal {
    crate::analysis::shares::round2(value)
}

/// Groups the digits of an integer part by three.
fn group(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// `12,345.67` in English, `12 345,67` in French (narrow no-break space).
pub fn amount(lang: Lang, value: Decimal) -> String {
    number(lang, value, 2)
}

/// An amount with its currency: `12,345.67 EUR`, `12 345,67 €`.
pub fn money(lang: Lang, value: Decimal, currency: Option<&str>) -> String {
    let number = amount(lang, value);
    match (lang, currency) {
        (_, None) => number,
        (Lang::Fr, Some("EUR")) => format!("{number}\u{a0}€"),
        (Lang::Fr, Some(code)) => format!("{number}\u{a0}{code}"),
        (Lang::En, Some(code)) => format!("{number} {code}"),
    }
}

/// What separates a label from its value: `currency: EUR`, `devise : EUR`.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Fr => "\u{a0}: ",
    }
}

/// French typography for a whole sentence: a no-break space before `:` and `%` and
/// inside « », a narrow one before `;`, `?` and `!`, and no-break spaces around `±`, so
/// that no line breaks before a sign (HTML wraps at plain spaces). English is returned
/// as it is. Every French text a person reads goes through here once, at the end.
pub fn typeset(lang: Lang, text: &str) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            (' ', Some(':' | '%' | '»')) => out.push('\u{a0}'),
            (' ', Some(';' | '?' | '!')) => out.push('\u{202f}'),
            (' ', Some('±')) => out.push('\u{a0}'),
            ('±', Some(' ')) => {
                out.push('±');
                out.push('\u{a0}');
                chars.next();
            }
            ('«', Some(' ')) => {
                out.push('«');
                out.push('\u{a0}');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A value quoted from the input or a header: `"Date"` in English, `« Date »` in French.
pub fn quoted(lang: Lang, value: &str) -> String {
    match lang {
        Lang::En => format!("\"{value}\""),
        Lang::Fr => format!("«\u{a0}{value}\u{a0}»"),
    }
}

/// A year as people name it: `2025`; a fiscal year not starting on 1 January is
/// `2025–26` in English and, as French accounts name an exercice, `2025-2026` in French.
pub fn year(lang: Lang, year: crate::model::Year, start: crate::model::FiscalYearStart) -> String {
    match lang {
        _ if start.is_calendar() => year.to_string(),
        Lang::En => start.label(year),
        Lang::Fr => format!("{year}-{}", year + 1),
    }
}

/// When a fiscal year not starting on 1 January ends: `ends 2026-06-30`,
/// `clos le 30/06/2026`; `None` for a calendar year.
pub fn year_end(
    lang: Lang,
    y: crate::model::Year,
    start: crate::model::FiscalYearStart,
) -> Option<String> {
    if start.is_calendar() {
        return None;
    }
    let end = date(lang, start.last_day(y)?);
    Some(match lang {
        Lang::En => format!("ends {end}"),
        Lang::Fr => format!("clos le {end}"),
    })
}

/// `2024-12-31` in English, `31/12/2024` in French.
pub fn date(lang: Lang, value: NaiveDate) -> String {
    match lang {
        Lang::En => value.format("%Y-%m-%d").to_string(),
        Lang::Fr => value.format("%d/%m/%Y").to_string(),
    }
}

/// The space before `%`: plain in English, no-break in French.
pub fn percent_space(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " ",
        Lang::Fr => "\u{a0}",
    }
}

/// A percentage with one decimal: `12.5 %` or `12,5 %`.
pub fn percent(lang: Lang, value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let mut rounded = rounded;
    rounded.rescale(1);
    match lang {
        Lang::En => format!("{rounded} %"),
        Lang::Fr => format!("{}\u{a0}%", rounded.to_string().replace('.', ",")),
    }
}

/// A plain number with `places` decimals: `3.70`, `3,70`; grouped like amounts.
pub fn number(lang: Lang, value: Decimal, places: u32) -> String {
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(places);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    let text = rounded.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let (thousands, point) = match lang {
        Lang::En => (",", "."),
        Lang::Fr => ("\u{202f}", ","),
    };
    let grouped = group(int_part, thousands);
    match frac_part {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage, or `n/a` / `n.d.` when it is undefined.
pub fn optional_percent(lang: Lang, value: Option<Decimal>) -> String {
    value.map_or_else(
        || text(lang, Text::Undefined).to_string(),
        |v| percent(lang, v),
    )
}

/// A number with `places` decimals, or `n/a` / `n.d.` when it is undefined.
pub fn optional_number(lang: Lang, value: Option<Decimal>, places: u32) -> String {
    value.map_or_else(
        || text(lang, Text::Undefined).to_string(),
        |v| number(lang, v, places),
    )
}

/// A change in percentage points or percent, always signed: `+2.5`, `−3,1`.
pub fn signed(lang: Lang, value: Decimal, places: u32) -> String {
    let text = number(lang, value, places);
    if let Some(unsigned) = text.strip_prefix('-') {
        format!("\u{2212}{unsigned}")
    } else if text.chars().all(|c| matches!(c, '0' | '.' | ',')) {
        format!("±{text}")
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero_to_cents() {
        assert_eq!(cents(dec("2.005")).to_string(), "2.01");
        assert_eq!(cents(dec("-2.005")).to_string(), "-2.01");
        assert_eq!(cents(dec("2.004999")).to_string(), "2.00");
        assert_eq!(cents(dec("7")).to_string(), "7.00");
    }

    #[test]
    fn counts_agree_in_both_languages() {
        let said = |lang, n| counted(lang, n, Noun::Client);
        assert_eq!(
            [said(Lang::En, 0), said(Lang::En, 1), said(Lang::En, 2)],
            ["no clients", "1 client", "2 clients"]
        );
        assert_eq!(
            [said(Lang::Fr, 0), said(Lang::Fr, 1), said(Lang::Fr, 2)],
            ["aucun client", "1 client", "2 clients"]
        );
        assert_eq!(
            counted(Lang::Fr, 1, Noun::DormantClient),
            "1 client dormant"
        );
        assert_eq!(agree(Lang::Fr, 0, "perdu", "perdus"), "perdu");
        assert_eq!(agree(Lang::En, 0, "was", "were"), "were");
        assert_eq!(agree(Lang::Fr, 2, "perdu", "perdus"), "perdus");
    }

    #[test]
    fn french_typography_keeps_signs_with_their_word() {
        assert_eq!(
            typeset(Lang::Fr, "Risque : élevé ; vraiment ? oui ! 12 % « Date » NPS +17 ± 45"),
            "Risque\u{a0}: élevé\u{202f}; vraiment\u{202f}? oui\u{202f}! 12\u{a0}% «\u{a0}Date\u{a0}» NPS +17\u{a0}±\u{a0}45"
        );
        // Already typeset text and English are left as they are.
        let done = "devise\u{a0}: EUR";
        assert_eq!(typeset(Lang::Fr, done), done);
        assert_eq!(typeset(Lang::En, "Risk : high"), "Risk : high");
        assert_eq!(quoted(Lang::Fr, "Date"), "«\u{a0}Date\u{a0}»");
        assert_eq!(quoted(Lang::En, "Date"), "\"Date\"");
    }

    #[test]
    fn formats_numbers_per_language() {
        assert_eq!(amount(Lang::En, dec("12345.675")), "12,345.68");
        assert_eq!(amount(Lang::Fr, dec("12345.67")), "12\u{202f}345,67");
        assert_eq!(amount(Lang::En, dec("-1234567")), "-1,234,567.00");
        assert_eq!(amount(Lang::En, dec("999")), "999.00");
        assert_eq!(amount(Lang::En, dec("-0.001")), "0.00", "no negative zero");
        assert_eq!(
            money(Lang::Fr, dec("12345.67"), Some("EUR")),
            "12\u{202f}345,67\u{a0}€"
        );
        assert_eq!(money(Lang::En, dec("5"), Some("USD")), "5.00 USD");
        assert_eq!(percent(Lang::Fr, dec("12.46")), "12,5\u{a0}%");
        assert_eq!(number(Lang::Fr, dec("7222.222"), 2), "7\u{202f}222,22");
        assert_eq!(number(Lang::En, dec("3.7037"), 1), "3.7");
        assert_eq!(signed(Lang::En, dec("-30.588"), 1), "\u{2212}30.6");
        assert_eq!(signed(Lang::En, dec("28.24"), 1), "+28.2");
        assert_eq!(signed(Lang::Fr, dec("0.01"), 1), "±0,0");
        assert_eq!(signed(Lang::En, dec("-0.01"), 1), "±0.0");
        let d = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(
            (date(Lang::En, d), date(Lang::Fr, d)),
            ("2024-12-31".into(), "31/12/2024".into())
        );
    }
}
