//! Who referred whom, as the clients file says: every client, every clients-file row
//! without invoices and every referrer name becomes a node, each with at most one
//! referrer. Self-referrals and cycles are reported and broken, so what is left is a
//! forest that every walk below crosses in linear time, without recursion.

use std::collections::{HashMap, VecDeque};

use chrono::NaiveDate;

use crate::model::{normalize_key, ClientIdx, ClientProfile, Dataset, Money, Thanked};

use super::error::AnalysisError;
use super::shares::add_to;

/// One person in the referral graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The client's display name, or the referrer's name as first written.
    pub name: String,
    /// Set when the node is an invoiced client.
    pub client: Option<ClientIdx>,
    /// Who referred this node, after self-referrals and cycles were broken.
    pub referrer: Option<usize>,
    /// Whether the referrer was thanked for this referral (the clients-file row of the
    /// referred client says it).
    pub thanked: Option<Thanked>,
    pub first_invoice: Option<NaiveDate>,
}

/// A referral the clients file states that cannot be true, and was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReferralProblem {
    /// A client named as its own referrer.
    SelfReferral { name: String },
    /// A chain that comes back to its start (`names[0]` referred by `names[1]`, …, the
    /// last referred by `names[0]`); the referrer of `ignored` is dropped.
    Cycle { names: Vec<String>, ignored: String },
}

/// The referral forest of a dataset.
#[derive(Clone, Debug, Default)]
pub struct ReferralGraph {
    /// Clients first, at the index of [`Dataset::clients`], then the other people.
    pub nodes: Vec<Node>,
    /// Normalised names, keys and ids to nodes.
    lookup: HashMap<String, usize>,
    /// The children of node `n` are `children[child_start[n]..child_start[n + 1]]`.
    child_start: Vec<usize>,
    children: Vec<usize>,
    pub problems: Vec<ReferralProblem>,
}

fn profile_keys(profile: &ClientProfile) -> impl Iterator<Item = String> + '_ {
    [profile.name.as_deref(), profile.id.as_deref()]
        .into_iter()
        .flatten()
        .map(normalize_key)
}

impl ReferralGraph {
    pub fn build(dataset: &Dataset) -> Self {
        // Without a single "referred by", nobody referred anybody: the graph is empty,
        // and every question asked of it (children, chains, problems) answers nothing,
        // as the full graph would. A file of a million clients skips building it.
        let states_a_referrer = |p: &ClientProfile| p.referred_by.is_some();
        let any_referrer = dataset
            .clients
            .iter()
            .filter_map(|c| c.extras.profile())
            .chain(&dataset.unmatched_profiles)
            .any(states_a_referrer);
        if !any_referrer {
            return ReferralGraph::default();
        }
        Self::build_full(dataset)
    }

    /// The graph of every client and referrer, even without a single referral.
    pub(crate) fn build_full(dataset: &Dataset) -> Self {
        let mut graph = ReferralGraph::default();
        // Who each node says referred it, as written.
        let mut stated: Vec<Option<&str>> = Vec::new();
        for (i, client) in dataset.clients.iter().enumerate() {
            let profile = client.extras.profile();
            let keys = [client.key(), normalize_key(&client.name)]
                .into_iter()
                .chain(profile.into_iter().flat_map(profile_keys));
            graph.add(keys, || Node {
                name: client.name.as_str().to_owned(),
                client: Some(ClientIdx(i)),
                referrer: None,
                thanked: profile.and_then(|p| p.thanked.clone()),
                first_invoice: client.first_invoice,
            });
            stated.push(profile.and_then(|p| p.referred_by.as_deref()));
        }
        for profile in &dataset.unmatched_profiles {
            let name = profile.name.as_ref().or(profile.id.as_ref());
            let (Some(name), false) = (
                name,
                profile_keys(profile).any(|k| graph.find(&k).is_some()),
            ) else {
                continue;
            };
            graph.add(profile_keys(profile), || Node {
                name: name.clone(),
                client: None,
                referrer: None,
                thanked: profile.thanked.clone(),
                first_invoice: None,
            });
            stated.push(profile.referred_by.as_deref());
        }
        for (node, text) in stated.into_iter().enumerate() {
            let Some(text) = text else { continue };
            let key = normalize_key(text);
            if key.is_empty() {
                continue;
            }
            let referrer = match graph.find(&key) {
                Some(r) => r,
                None => graph.add([key], || Node {
                    name: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    client: None,
                    referrer: None,
                    thanked: None,
                    first_invoice: None,
                }),
            };
            if referrer == node {
                let name = graph.name(node).to_string();
                graph.problems.push(ReferralProblem::SelfReferral { name });
            } else if let Some(n) = graph.nodes.get_mut(node) {
                n.referrer = Some(referrer);
            }
        }
        graph.break_cycles();
        graph.index_children();
        graph
    }

    /// Adds a node under every key not taken yet, and returns its index.
    fn add(
        &mut self,
        keys: impl IntoIterator<Item = String>,
        node: impl FnOnce() -> Node,
    ) -> usize {
        let index = self.nodes.len();
        self.nodes.push(node());
        for key in keys {
            if !key.is_empty() {
                self.lookup.entry(key).or_insert(index);
            }
        }
        index
    }

    /// The node of a name, key or id, compared after normalising (case, spacing).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.lookup.get(&normalize_key(name)).copied()
    }

    pub fn name(&self, node: usize) -> &str {
        self.nodes.get(node).map_or("", |n| n.name.as_str())
    }

    pub fn node(&self, node: usize) -> Option<&Node> {
        self.nodes.get(node)
    }

    /// The nodes `node` referred directly.
    pub fn children(&self, node: usize) -> &[usize] {
        let start = self.child_start.get(node).copied().unwrap_or(0);
        let end = self.child_start.get(node + 1).copied().unwrap_or(start);
        self.children.get(start..end).unwrap_or(&[])
    }

    /// For each client of the dataset, whether it referred at least one person.
    pub fn clients_who_referred(&self, clients: usize) -> Vec<bool> {
        (0..clients).map(|i| !self.children(i).is_empty()).collect()
    }

    /// Each node follows its referrer until it ends or comes back on its own path: a
    /// node has one referrer, so each chain holds at most one cycle, found in one pass.
    fn break_cycles(&mut self) {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; self.nodes.len()];
        let mut path = Vec::new();
        for start in 0..self.nodes.len() {
            path.clear();
            let mut current = Some(start);
            while let Some(node) = current {
                match state.get(node).copied() {
                    Some(NEW) => {
                        if let Some(s) = state.get_mut(node) {
                            *s = ON_PATH;
                        }
                        path.push(node);
                        current = self.nodes.get(node).and_then(|n| n.referrer);
                    }
                    Some(ON_PATH) => {
                        let from = path.iter().position(|&n| n == node).unwrap_or(0);
                        let cycle = path.get(from..).unwrap_or(&[]).to_vec();
                        self.break_cycle(&cycle);
                        current = None;
                    }
                    _ => current = None,
                }
            }
            for &node in &path {
                if let Some(s) = state.get_mut(node) {
                    *s = DONE;
                }
            }
        }
    }

    /// Drops the referrer of the cycle's earliest client: it was a client before the
    /// others, so it cannot have been referred by them.
    fn break_cycle(&mut self, cycle: &[usize]) {
        let earliest = cycle.iter().copied().min_by_key(|&n| {
            let node = self.nodes.get(n);
            let first = node.and_then(|n| n.first_invoice);
            (first.is_none(), first, node.map(|n| n.name.clone()))
        });
        let Some(ignored) = earliest else { return };
        if let Some(n) = self.nodes.get_mut(ignored) {
            n.referrer = None;
        }
        self.problems.push(ReferralProblem::Cycle {
            names: cycle.iter().map(|&n| self.name(n).to_string()).collect(),
            ignored: self.name(ignored).to_string(),
        });
    }

    /// Lays the children out in one array (counting sort by referrer, in node order).
    fn index_children(&mut self) {
        let mut start = vec![0usize; self.nodes.len() + 1];
        for node in &self.nodes {
            if let Some(count) = node.referrer.and_then(|r| start.get_mut(r + 1)) {
                *count += 1;
            }
        }
        for i in 1..start.len() {
            let before = start.get(i - 1).copied().unwrap_or(0);
            if let Some(s) = start.get_mut(i) {
                *s += before;
            }
        }
        let mut next = start.clone();
        let mut children = vec![0usize; self.nodes.len()];
        for (child, node) in self.nodes.iter().enumerate() {
            let Some(slot) = node.referrer.and_then(|r| next.get_mut(r)) else {
                continue;
            };
            if let Some(c) = children.get_mut(*slot) {
                *c = child;
            }
            *slot += 1;
        }
        children.truncate(start.last().copied().unwrap_or(0));
        self.child_start = start;
        self.children = children;
    }

    /// Every node, referrers before the people they referred.
    fn top_down(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut queue: VecDeque<usize> = (0..self.nodes.len())
            .filter(|&n| self.nodes.get(n).is_some_and(|n| n.referrer.is_none()))
            .collect();
        while let Some(node) = queue.pop_front() {
            order.push(node);
            queue.extend(self.children(node));
        }
        order
    }

    /// For each node, `value` of itself plus everyone down its referral chain.
    pub fn chain_totals(&self, value: &[Money]) -> Result<Vec<Money>, AnalysisError> {
        let mut totals: Vec<Money> = (0..self.nodes.len())
            .map(|n| value.get(n).copied().unwrap_or_default())
            .collect();
        for node in self.top_down().into_iter().rev() {
            let (Some(referrer), Some(own)) = (
                self.nodes.get(node).and_then(|n| n.referrer),
                totals.get(node).copied(),
            ) else {
                continue;
            };
            if let Some(total) = totals.get_mut(referrer) {
                add_to(total, own)?;
            }
        }
        Ok(totals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Client};

    fn client(name: &str, referred_by: Option<&str>, first: Option<NaiveDate>) -> Client {
        Client {
            name: name.into(),
            first_invoice: first,
            extras: crate::model::Extras::from(ClientProfile {
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

    fn graph(clients: Vec<Client>) -> ReferralGraph {
        ReferralGraph::build(&Dataset {
            clients,
            ..Dataset::default()
        })
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 1, d)
    }

    #[test]
    fn referrers_match_names_loosely_and_outsiders_become_nodes() {
        let g = graph(vec![
            client("Atelier Nord", None, day(1)),
            client("Bolt", Some("atelier  nord "), day(2)),
            client("Cove", Some("Jane  Doe"), day(3)),
        ]);
        assert_eq!(g.clients_who_referred(3), [true, false, false]);
        assert_eq!(g.children(0), [1]);
        let jane = g.find("jane doe").unwrap();
        assert_eq!((g.name(jane), g.children(jane)), ("Jane Doe", &[2][..]));
        assert!(g.problems.is_empty());
    }

    #[test]
    fn a_self_referral_is_reported_and_ignored() {
        let g = graph(vec![client("Acme", Some("ACME"), day(1))]);
        assert_eq!(
            g.problems,
            [ReferralProblem::SelfReferral {
                name: "Acme".into()
            }]
        );
        assert_eq!(g.nodes[0].referrer, None);
    }

    #[test]
    fn a_cycle_is_broken_at_its_earliest_client() {
        // A ← B ← C ← A: B was a client first, so "C referred B" is the wrong link.
        let g = graph(vec![
            client("A", Some("B"), day(5)),
            client("B", Some("C"), day(1)),
            client("C", Some("A"), day(9)),
            client("D", Some("C"), day(10)),
        ]);
        assert_eq!(
            g.problems,
            [ReferralProblem::Cycle {
                names: vec!["A".into(), "B".into(), "C".into()],
                ignored: "B".into(),
            }]
        );
        assert_eq!(g.nodes[1].referrer, None);
        assert_eq!(g.children(1), [0]);
        assert_eq!(g.children(2), [3]);
        // The chain is now B → A → C → D (each referring the next): chain totals end.
        let totals = g.chain_totals(&vec![Money::ONE; g.nodes.len()]).unwrap();
        let expected = [3, 4, 2, 1].map(Money::from);
        assert_eq!(totals, expected);
    }

    #[test]
    fn a_chain_of_a_hundred_thousand_levels_needs_no_stack() {
        let n = 100_000;
        let names: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        let clients = (0..n)
            .map(|i| {
                let referrer = (i > 0).then(|| names[i - 1].as_str());
                client(&names[i], referrer, None)
            })
            .collect();
        let g = graph(clients);
        let totals = g.chain_totals(&vec![Money::ONE; g.nodes.len()]).unwrap();
        assert_eq!(totals[0], Money::from(n as u64));
        assert_eq!(totals[n - 1], Money::ONE);
        assert!(g.problems.is_empty());
    }
}
