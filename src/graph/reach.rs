//! What a caller reaches in a snapshot. A token limited to some controllers
//! reaches their registers, everything those registers own, and the shared
//! nodes — organizations, their contacts, data and data subject categories,
//! systems — that those registers lead to; nothing else exists for it. The
//! sets are computed once per (snapshot, claim) and then only looked up.
//!
//! Writes check the same rule against the database inside their own
//! transaction (`domain::reach`), since they must see what is committed.

use std::{collections::HashSet, sync::Arc};

use super::{Edge, Graph, RegisterNode};
use crate::domain::{
    id::{NodeType, decode_as},
    reach::Reach,
};

/// The nodes a limited caller reaches.
#[derive(Debug, Default)]
pub struct Sets {
    registers: HashSet<i64>,
    organizations: HashSet<i64>,
    /// Reached organizations that registers of other controllers depend on:
    /// of these the caller sees what the public sees.
    shared: HashSet<i64>,
    contacts: HashSet<i64>,
    data_categories: HashSet<i64>,
    subject_categories: HashSet<i64>,
    systems: HashSet<i64>,
}

/// A caller's reach in one snapshot.
#[derive(Clone, Debug)]
pub enum Reached {
    All,
    Limited(Arc<Sets>),
}

#[derive(Hash, PartialEq, Eq)]
struct ClaimKey(Arc<[i64]>);

impl Graph {
    /// Resolves a token's controllers claim (organization externalIds or
    /// global ids) to organization ids. Names that match nothing are
    /// dropped: they limit the caller to less, never to more.
    pub fn resolve_claim(&self, controllers: Option<&[String]>) -> Reach {
        let Some(names) = controllers else {
            return Reach::All;
        };
        let mut ids: Vec<i64> = names
            .iter()
            .filter_map(|name| {
                self.by_key(NodeType::Organization, name).or_else(|| {
                    decode_as(name, NodeType::Organization)
                        .filter(|id| self.organizations.contains_key(id))
                })
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Reach::Controllers(ids.into())
    }

    /// What `reach` reaches in this snapshot.
    pub fn reached(&self, reach: &Reach) -> Reached {
        match reach.controllers() {
            None => Reached::All,
            Some(controllers) => Reached::Limited(
                self.memo(ClaimKey(Arc::from(controllers)), || self.sets(controllers)),
            ),
        }
    }

    /// Whether registers of controllers other than `controllers` depend on
    /// the organization `id`.
    fn used_by_others(&self, id: i64, controllers: &[i64]) -> bool {
        if controllers.contains(&id) {
            return false;
        }
        let other = |register: &i64| {
            self.register(*register)
                .is_some_and(|r| !controllers.contains(&r.row.controller_id))
        };
        let registers_edges = [
            Edge::Controls,
            Edge::JointlyControls,
            Edge::Processes,
            Edge::Receives,
            Edge::ReceivesTransfers,
            Edge::Supervises,
        ];
        if registers_edges
            .iter()
            .any(|edge| self.sources(*edge, id).is_some_and(|s| s.iter().any(other)))
        {
            return true;
        }
        let sells_to_others = self.sources(Edge::Sells, id).is_some_and(|systems| {
            systems.iter().any(|system| {
                self.sources(Edge::Uses, *system)
                    .is_some_and(|s| s.iter().any(other))
            })
        });
        let employs_named = self.organization(id).is_some_and(|o| {
            o.contacts.iter().any(|c| {
                self.sources(Edge::Named, c.id)
                    .is_some_and(|s| s.iter().any(other))
            })
        });
        sells_to_others || employs_named
    }

    fn sets(&self, controllers: &[i64]) -> Sets {
        let mut sets = Sets::default();
        for controller in controllers {
            if self.organizations.contains_key(controller) {
                sets.organizations.insert(*controller);
            }
            if let Some(registers) = self.sources(Edge::Controls, *controller) {
                sets.registers.extend(registers.iter().copied());
            }
        }
        let registers: Vec<i64> = sets.registers.iter().copied().collect();
        for id in registers {
            if let Some(register) = self.register(id) {
                self.named_by(register, &mut sets);
            }
        }
        sets.shared = sets
            .organizations
            .iter()
            .copied()
            .filter(|o| self.used_by_others(*o, controllers))
            .collect();
        for id in &sets.organizations {
            let Some(organization) = self.organization(*id) else {
                continue;
            };
            let shared = sets.shared.contains(id);
            for contact in &organization.contacts {
                // Of an organization others depend on, only the contacts a
                // notice names (what the public already sees).
                if !shared || self.has(Edge::Named, contact.id) {
                    sets.contacts.insert(contact.id);
                }
            }
        }
        sets
    }

    /// Adds what a reached register leads to.
    fn named_by(&self, register: &RegisterNode, sets: &mut Sets) {
        let r = &register.row;
        let organizations = &mut sets.organizations;
        organizations.extend(r.supervisory_authority_id);
        organizations.extend(register.joint_controllers.iter().map(|j| j.organization_id));
        organizations.extend(register.engagements.iter().map(|e| e.processor_id));
        organizations.extend(register.recipients.iter().filter_map(|x| x.organization_id));
        organizations.extend(register.transfers.iter().filter_map(|t| t.recipient_id));
        for contact in [r.dpo_id, r.contact_person_id].into_iter().flatten() {
            organizations.extend(self.contacts.get(&contact).copied());
        }
        for link in &register.systems {
            sets.systems.insert(link.system_id);
            if let Some(vendor) = self.system(link.system_id).and_then(|s| s.vendor_id) {
                sets.organizations.insert(vendor);
            }
        }
        sets.data_categories
            .extend(register.data_categories.iter().map(|l| l.category_id));
        sets.data_categories
            .extend(register.retention.iter().filter_map(|r| r.data_category_id));
        sets.subject_categories
            .extend(register.subjects.iter().map(|l| l.category_id));
    }
}

impl Reached {
    pub fn is_all(&self) -> bool {
        matches!(self, Reached::All)
    }
    pub fn register(&self, id: i64) -> bool {
        match self {
            Reached::All => true,
            Reached::Limited(s) => s.registers.contains(&id),
        }
    }
    pub fn organization(&self, id: i64) -> bool {
        match self {
            Reached::All => true,
            Reached::Limited(s) => s.organizations.contains(&id),
        }
    }
    /// Whether the caller sees this reached organization only as the public
    /// does (no internal note, only the contacts notices name).
    pub fn shared(&self, id: i64) -> bool {
        match self {
            Reached::All => false,
            Reached::Limited(s) => s.shared.contains(&id),
        }
    }
    pub fn contact(&self, id: i64) -> bool {
        match self {
            Reached::All => true,
            Reached::Limited(s) => s.contacts.contains(&id),
        }
    }
    pub fn data_category(&self, id: i64) -> bool {
        match self {
            Reached::All => true,
            Reached::Limited(s) => s.data_categories.contains(&id),
        }
    }
    pub fn subject_category(&self, id: i64) -> bool {
        match self {
            Reached::All => true,
            Reached::Limited(s) => s.subject_categories.contains(&id),
        }
    }
    pub fn system(&self, id: i64) -> bool {
        match self {
            Reached::All => true,
            Reached::Limited(s) => s.systems.contains(&id),
        }
    }
}
