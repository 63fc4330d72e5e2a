//! Who referred whom, as the clients file says: the referrer names matched to clients.

use std::collections::HashSet;

use crate::model::{normalize_key, Dataset};

/// For each client, whether it referred at least one client. A referrer is matched by
/// its name or id, ignoring case and spacing ("Atelier Nord" is "atelier  nord ").
pub fn clients_who_referred(dataset: &Dataset) -> Vec<bool> {
    let referrers: HashSet<String> = dataset
        .clients
        .iter()
        .filter_map(|c| c.profile.as_ref())
        .chain(&dataset.unmatched_profiles)
        .filter_map(|p| p.referred_by.as_deref())
        .map(normalize_key)
        .filter(|k| !k.is_empty())
        .collect();
    dataset
        .clients
        .iter()
        .map(|client| {
            let profile_name = client.profile.as_ref().and_then(|p| p.name.as_deref());
            referrers.contains(&client.key)
                || referrers.contains(&normalize_key(&client.name))
                || profile_name.is_some_and(|n| referrers.contains(&normalize_key(n)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Client, ClientProfile};

    fn client(name: &str, referred_by: Option<&str>) -> Client {
        Client {
            key: normalize_key(name),
            name: name.into(),
            profile: Some(ClientProfile {
                name: Some(name.into()),
                referred_by: referred_by.map(String::from),
                channel: if referred_by.is_some() {
                    Channel::Referral
                } else {
                    Channel::Unknown
                },
                ..ClientProfile::default()
            }),
            ..Client::default()
        }
    }

    #[test]
    fn referrers_match_names_loosely() {
        let data = Dataset {
            clients: vec![
                client("Atelier Nord", None),
                client("Bolt", Some("atelier  nord ")),
                client("Cove", Some("Jane Doe")),
            ],
            ..Dataset::default()
        };
        assert_eq!(clients_who_referred(&data), [true, false, false]);
    }
}
