//! The words exports use for status, kind, client type and channel, in English and French.
//! Only maps folded words to meanings; unknown words are reported by the callers.

use crate::model::{Channel, ClientType, Kind};

use crate::ingest::dialect::text::fold_words;

/// What a row's status means for revenue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Revenue (paid, sent, overdue…). `known` is false for a word not in the vocabulary,
    /// which still counts but is listed in the warnings.
    Counted { known: bool },
    /// Not revenue; the canonical reason (`draft`, `cancelled`, `void`, `deleted`, `uncollectible`).
    Excluded(&'static str),
    /// A credit note: counts negative whatever the sign written.
    CreditNote,
}

pub fn status(raw: &str) -> Status {
    let word = fold_words(raw);
    match word.as_str() {
        ""
        | "paid"
        | "sent"
        | "open"
        | "issued"
        | "overdue"
        | "partial"
        | "partially paid"
        // Zoho writes its statuses as one word.
        | "partiallypaid"
        | "payee en partie"
        | "unpaid"
        | "pending"
        | "due"
        | "finalized"
        | "finalised"
        | "viewed"
        | "closed"
        | "payee"
        | "paye"
        | "reglee"
        | "regle"
        | "encaissee"
        | "encaisse"
        | "envoyee"
        | "envoye"
        | "emise"
        | "emis"
        | "en attente"
        | "en retard"
        | "impayee"
        | "impaye"
        | "validee"
        | "valide"
        | "partiellement payee"
        | "a payer" => Status::Counted { known: true },
        "draft" | "brouillon" => Status::Excluded("draft"),
        "cancelled" | "canceled" | "annulee" | "annule" => Status::Excluded("cancelled"),
        "void" | "voided" => Status::Excluded("void"),
        "deleted" | "supprimee" | "supprime" => Status::Excluded("deleted"),
        "uncollectible" | "irrecouvrable" => Status::Excluded("uncollectible"),
        "credit note" | "credit" | "refund" | "refunded" | "avoir" | "remboursee" | "rembourse" => {
            Status::CreditNote
        }
        _ => Status::Counted { known: false },
    }
}

/// The kind of a row; `None` for a word not in the vocabulary.
pub fn kind(raw: &str) -> Option<Kind> {
    let word = fold_words(raw);
    let kind = match word.as_str() {
        ""
        | "service"
        | "services"
        | "prestation"
        | "prestations"
        | "prestation de service"
        | "prestation de services"
        | "training"
        | "formation"
        | "consulting"
        | "conseil" => Kind::Service,
        "subcontracting" | "sub contracting" | "subcontract" | "sous traitance" => {
            Kind::Subcontracting
        }
        "royalties" | "royalty" | "droits d auteur" | "droit d auteur" => Kind::Royalties,
        "talk" | "talks" | "conference" | "speaking" | "speaking fee" | "keynote" => Kind::Talk,
        "article" | "articles" | "redaction d articles" | "redaction" | "writing" => Kind::Article,
        "referral commission" | "apport d affaires" | "commission" => Kind::ReferralCommission,
        "other income" | "other" | "autre revenu" | "autres revenus" | "autre" => Kind::OtherIncome,
        _ => return None,
    };
    Some(kind)
}

/// The type of a client; `None` for a word not in the vocabulary.
pub fn client_type(raw: &str) -> Option<ClientType> {
    let word = fold_words(raw);
    let client_type = match word.as_str() {
        "" | "direct" | "client direct" | "end client" | "client final" => ClientType::Direct,
        "agency" | "agence" => ClientType::Agency,
        "platform" | "plateforme" | "marketplace" => ClientType::Platform,
        "intermediary" | "intermediaire" | "umbrella" | "umbrella company" | "portage"
        | "portage salarial" | "societe de portage" | "esn" | "ssii" => ClientType::Intermediary,
        _ => return None,
    };
    Some(client_type)
}

/// The acquisition channel of a client; `None` for a word not in the vocabulary.
pub fn channel(raw: &str) -> Option<Channel> {
    let word = fold_words(raw);
    let channel = match word.as_str() {
        "" | "unknown" | "inconnu" | "n a" | "na" => Channel::Unknown,
        "referral" | "referrals" | "recommendation" | "recommandation" | "bouche a oreille"
        | "word of mouth" | "parrainage" | "referred" | "recommande" | "reseau" | "network" => {
            Channel::Referral
        }
        "website" | "site web" | "site" | "site internet" | "portfolio" | "seo"
        | "google organic" | "google" | "blog" | "inbound" => Channel::Website,
        "agency" | "agence" | "agencies" => Channel::Agency,
        "directory" | "dribbble" | "behance" | "annuaire" => Channel::Directory,
        "cold outreach" | "prospection" | "cold email" | "cold emailing" | "phoning"
        | "cold call" | "cold calling" | "demarchage" => Channel::ColdOutreach,
        "social" | "social media" | "linkedin" | "instagram" | "facebook" | "twitter" | "x"
        | "reseaux sociaux" | "reseau social" | "mastodon" | "bluesky" => Channel::Social,
        "event" | "events" | "conference" | "meetup" | "salon" | "evenement" | "trade show" => {
            Channel::Event
        }
        "platform" | "malt" | "upwork" | "fiverr" | "creme de la creme" | "plateforme"
        | "freelancer" | "toptal" | "codeur" | "comet" => Channel::Platform,
        "job board"
        | "jobboard"
        | "indeed"
        | "welcome to the jungle"
        | "offre d emploi"
        | "site d annonces"
        | "site d emploi" => Channel::JobBoard,
        "ads" | "advertising" | "google ads" | "facebook ads" | "publicite" | "pub" => Channel::Ads,
        "other" | "autre" => Channel::Other,
        _ => return None,
    };
    Some(channel)
}

/// A channel cell, the user's own words (`portfolio.toml` `[channels]`, folded like
/// every word here) first.
pub fn channel_with(raw: &str, own_words: &[(String, Channel)]) -> Option<Channel> {
    let word = fold_words(raw);
    own_words
        .iter()
        .find(|(w, _)| fold_words(w) == word)
        .map(|(_, c)| *c)
        .or_else(|| channel(raw))
}

/// A yes/no cell; `None` when it is neither (callers then try a date).
pub fn yes_no(raw: &str) -> Option<bool> {
    match fold_words(raw).as_str() {
        "yes" | "y" | "true" | "1" | "oui" | "o" | "x" | "done" | "fait" => Some(true),
        "no" | "n" | "false" | "0" | "non" | "" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_channel_words_come_first() {
        let own = [
            ("BNI".to_string(), Channel::Referral),
            ("Salon du freelance".to_string(), Channel::Event),
        ];
        assert_eq!(channel_with("bni", &own), Some(Channel::Referral));
        assert_eq!(
            channel_with("  salon du  Freelance", &own),
            Some(Channel::Event)
        );
        assert_eq!(channel_with("LinkedIn", &own), Some(Channel::Social));
        assert_eq!(channel_with("carrier pigeon", &own), None);
    }

    #[test]
    fn statuses_in_both_languages() {
        assert_eq!(status("Payée"), Status::Counted { known: true });
        assert_eq!(status("EN RETARD"), Status::Counted { known: true });
        assert_eq!(status("Brouillon"), Status::Excluded("draft"));
        assert_eq!(status("Annulée"), Status::Excluded("cancelled"));
        assert_eq!(status("canceled"), Status::Excluded("cancelled"));
        assert_eq!(status("Avoir"), Status::CreditNote);
        assert_eq!(status("Credit Note"), Status::CreditNote);
        assert_eq!(status("unsent"), Status::Counted { known: false });
    }

    #[test]
    fn kinds_types_and_channels() {
        assert_eq!(kind("Sous-traitance"), Some(Kind::Subcontracting));
        assert_eq!(kind("Droits d'auteur"), Some(Kind::Royalties));
        assert_eq!(kind("Apport d'affaires"), Some(Kind::ReferralCommission));
        assert_eq!(kind("Formation"), Some(Kind::Service));
        assert_eq!(kind("mystery"), None);
        assert_eq!(client_type("Plateforme"), Some(ClientType::Platform));
        assert_eq!(
            client_type("portage salarial"),
            Some(ClientType::Intermediary)
        );
        assert_eq!(channel("Bouche-à-oreille"), Some(Channel::Referral));
        assert_eq!(channel("Crème de la Crème"), Some(Channel::Platform));
        assert_eq!(channel("Réseaux sociaux"), Some(Channel::Social));
        assert_eq!(channel("carrier pigeon"), None);
        assert_eq!(yes_no("Oui"), Some(true));
        assert_eq!(yes_no("2024-01-01"), None);
    }
}
