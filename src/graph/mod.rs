//! The graph in memory: one immutable snapshot of the whole record, which
//! every read — GraphQL, notices, findings, simulations, exports, the public
//! pages — reads, and nothing else does. The database stays the system of
//! record for writes; after each write the snapshot catches up (`live`).
//!
//! A snapshot is a set of persistent maps (`imbl`): a register is one node
//! holding its own parts, shared nodes (organizations with their contacts,
//! data and data subject categories, systems) are nodes of their own, and
//! reverse edges are indexed. Catching up builds the next snapshot from the
//! current one, replacing only the nodes a write touched, so its cost
//! follows the size of the change; the rest is shared between the two.
//!
//! Snapshots know nothing of GraphQL, HTTP or SQL beyond loading (`load`).

mod apply;
pub mod live;
mod load;
mod memo;
pub mod reach;
pub mod view;

use std::{ops::Deref, sync::Arc};

use entity::{
    contact, data_category, data_source, data_subject_category, notice_version, organization,
    processor_engagement, purpose, recipient, register, register_data_category,
    register_data_subject_category, register_joint_controller, register_system, retention_rule,
    security_measure, system, transfer,
};
use imbl::{OrdMap, OrdSet};

pub use live::Live;
pub use load::LoadError;
pub use reach::Reached;
pub use view::{OrganizationView, RegisterView};

use crate::domain::id::NodeType;

/// Nodes by id, in id order.
pub type Nodes<T> = OrdMap<i64, Arc<T>>;
/// A set of ids, in order.
pub type Ids = OrdSet<i64>;

/// A register with everything it owns, each list in its recorded order.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterNode {
    pub row: register::Model,
    pub joint_controllers: Vec<Arc<register_joint_controller::Model>>,
    pub subjects: Vec<Arc<register_data_subject_category::Model>>,
    pub data_categories: Vec<Arc<register_data_category::Model>>,
    pub systems: Vec<Arc<register_system::Model>>,
    pub purposes: Vec<Arc<purpose::Model>>,
    pub sources: Vec<Arc<data_source::Model>>,
    pub recipients: Vec<Arc<recipient::Model>>,
    pub engagements: Vec<Arc<processor_engagement::Model>>,
    pub transfers: Vec<Arc<transfer::Model>>,
    pub retention: Vec<Arc<retention_rule::Model>>,
    pub security: Vec<Arc<security_measure::Model>>,
    /// Published notice versions, oldest first.
    pub notices: Vec<Arc<notice_version::Model>>,
}

impl RegisterNode {
    pub fn new(row: register::Model) -> Self {
        Self {
            row,
            joint_controllers: Vec::new(),
            subjects: Vec::new(),
            data_categories: Vec::new(),
            systems: Vec::new(),
            purposes: Vec::new(),
            sources: Vec::new(),
            recipients: Vec::new(),
            engagements: Vec::new(),
            transfers: Vec::new(),
            retention: Vec::new(),
            security: Vec::new(),
            notices: Vec::new(),
        }
    }

    /// The latest published version in `language`.
    pub fn latest_notice(&self, language: &str) -> Option<&Arc<notice_version::Model>> {
        self.notices
            .iter()
            .filter(|n| n.language == language)
            .max_by_key(|n| n.number)
    }
}

impl Deref for RegisterNode {
    type Target = register::Model;
    fn deref(&self) -> &register::Model {
        &self.row
    }
}

/// An organization with its contacts, in their recorded order.
#[derive(Clone, Debug, PartialEq)]
pub struct OrganizationNode {
    pub organization: organization::Model,
    pub contacts: Vec<Arc<contact::Model>>,
}

impl Deref for OrganizationNode {
    type Target = organization::Model;
    fn deref(&self) -> &organization::Model {
        &self.organization
    }
}

/// A reverse edge: what points at a node, by kind of pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// organization → the registers it controls.
    Controls,
    /// organization → the registers it is a joint controller of.
    JointlyControls,
    /// organization → the registers that engage it as a processor.
    Processes,
    /// organization → its engagements (ids of processor engagements).
    Engagements,
    /// organization → the registers that disclose data to it.
    Receives,
    /// organization → the registers that transfer data to it.
    ReceivesTransfers,
    /// organization → the registers naming it their supervisory authority.
    Supervises,
    /// organization → the systems it sells (system ids).
    Sells,
    /// contact → the registers naming it their DPO or contact person.
    Named,
    /// data category → the registers holding it.
    Holds,
    /// data category → the registers with a retention rule for it.
    Retains,
    /// data subject category → the registers about it.
    Concerns,
    /// system → the registers using it.
    Uses,
    /// processor engagement → the registers whose sub-processors or
    /// transfers name it (possibly its own register).
    UnderEngagement,
}

/// One immutable snapshot of the graph at a generation.
#[derive(Clone, Default)]
pub struct Graph {
    generation: i64,
    registers: Nodes<RegisterNode>,
    organizations: Nodes<OrganizationNode>,
    data_categories: Nodes<data_category::Model>,
    subject_categories: Nodes<data_subject_category::Model>,
    systems: Nodes<system::Model>,
    /// The parts that root connections list, by id.
    engagements: Nodes<processor_engagement::Model>,
    transfers: Nodes<transfer::Model>,
    /// (part type, part id) → the register that owns it.
    owners: OrdMap<(NodeType, i64), i64>,
    /// contact id → its organization.
    contacts: OrdMap<i64, i64>,
    /// externalIds and slugs → ids.
    keys: OrdMap<(NodeType, Arc<str>), i64>,
    slugs: OrdMap<Arc<str>, i64>,
    /// (edge, target) → the sources pointing at it.
    edges: OrdMap<(Edge, i64), Ids>,
    /// Values computed from this snapshot, once each.
    memo: Arc<memo::Memo>,
    /// Values kept across snapshots while what they came from is unchanged.
    lasting: Arc<memo::Lasting>,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graph")
            .field("generation", &self.generation)
            .field("registers", &self.registers.len())
            .field("organizations", &self.organizations.len())
            .finish_non_exhaustive()
    }
}

/// A part of a register, found by its own id.
#[derive(Clone, Debug)]
pub enum Part {
    Purpose(Arc<purpose::Model>),
    DataSource(Arc<data_source::Model>),
    Recipient(Arc<recipient::Model>),
    Engagement(Arc<processor_engagement::Model>),
    Transfer(Arc<transfer::Model>),
    RetentionRule(Arc<retention_rule::Model>),
    SecurityMeasure(Arc<security_measure::Model>),
    Notice(Arc<notice_version::Model>),
}

fn find<T>(list: &[Arc<T>], id: i64, id_of: impl Fn(&T) -> i64) -> Option<&Arc<T>> {
    list.iter().find(|row| id_of(row) == id)
}

impl Graph {
    /// The generation of the database this snapshot reflects.
    pub fn generation(&self) -> i64 {
        self.generation
    }

    pub fn registers(&self) -> &Nodes<RegisterNode> {
        &self.registers
    }
    pub fn organizations(&self) -> &Nodes<OrganizationNode> {
        &self.organizations
    }
    pub fn data_categories(&self) -> &Nodes<data_category::Model> {
        &self.data_categories
    }
    pub fn subject_categories(&self) -> &Nodes<data_subject_category::Model> {
        &self.subject_categories
    }
    pub fn systems(&self) -> &Nodes<system::Model> {
        &self.systems
    }

    pub fn register(&self, id: i64) -> Option<&Arc<RegisterNode>> {
        self.registers.get(&id)
    }
    pub fn organization(&self, id: i64) -> Option<&Arc<OrganizationNode>> {
        self.organizations.get(&id)
    }
    pub fn data_category(&self, id: i64) -> Option<&Arc<data_category::Model>> {
        self.data_categories.get(&id)
    }
    pub fn subject_category(&self, id: i64) -> Option<&Arc<data_subject_category::Model>> {
        self.subject_categories.get(&id)
    }
    pub fn system(&self, id: i64) -> Option<&Arc<system::Model>> {
        self.systems.get(&id)
    }
    pub fn contact(&self, id: i64) -> Option<&Arc<contact::Model>> {
        let organization = self.organizations.get(self.contacts.get(&id)?)?;
        find(&organization.contacts, id, |c| c.id)
    }

    /// The register owning the part `(node_type, id)`.
    pub fn owner(&self, node_type: NodeType, id: i64) -> Option<&Arc<RegisterNode>> {
        self.registers.get(self.owners.get(&(node_type, id))?)
    }

    /// A register's part by its type and id.
    pub fn part(&self, node_type: NodeType, id: i64) -> Option<Part> {
        let register = self.owner(node_type, id)?;
        Some(match node_type {
            NodeType::Purpose => Part::Purpose(find(&register.purposes, id, |p| p.id)?.clone()),
            NodeType::DataSource => {
                Part::DataSource(find(&register.sources, id, |p| p.id)?.clone())
            }
            NodeType::Recipient => {
                Part::Recipient(find(&register.recipients, id, |p| p.id)?.clone())
            }
            NodeType::ProcessorEngagement => {
                Part::Engagement(find(&register.engagements, id, |p| p.id)?.clone())
            }
            NodeType::Transfer => Part::Transfer(find(&register.transfers, id, |p| p.id)?.clone()),
            NodeType::RetentionRule => {
                Part::RetentionRule(find(&register.retention, id, |p| p.id)?.clone())
            }
            NodeType::SecurityMeasure => {
                Part::SecurityMeasure(find(&register.security, id, |p| p.id)?.clone())
            }
            NodeType::NoticeVersion => Part::Notice(find(&register.notices, id, |p| p.id)?.clone()),
            _ => return None,
        })
    }

    pub fn engagement(&self, id: i64) -> Option<Arc<processor_engagement::Model>> {
        self.engagements.get(&id).cloned()
    }

    pub fn transfer(&self, id: i64) -> Option<Arc<transfer::Model>> {
        self.transfers.get(&id).cloned()
    }

    /// Every processor engagement, in id order.
    pub fn engagements(&self) -> &Nodes<processor_engagement::Model> {
        &self.engagements
    }

    /// Every transfer, in id order.
    pub fn transfers(&self) -> &Nodes<transfer::Model> {
        &self.transfers
    }

    pub fn notice_version(&self, id: i64) -> Option<Arc<notice_version::Model>> {
        let register = self.owner(NodeType::NoticeVersion, id)?;
        find(&register.notices, id, |n| n.id).cloned()
    }

    /// The id of the node of `node_type` with this externalId.
    pub fn by_key(&self, node_type: NodeType, key: &str) -> Option<i64> {
        self.keys.get(&(node_type, Arc::from(key))).copied()
    }

    /// The register whose notice is published at this slug.
    pub fn by_slug(&self, slug: &str) -> Option<&Arc<RegisterNode>> {
        self.registers.get(self.slugs.get(slug)?)
    }

    /// What points at `target` over `edge`: register ids, or engagement ids
    /// for [`Edge::Engagements`], system ids for [`Edge::Sells`].
    pub fn sources(&self, edge: Edge, target: i64) -> Option<&Ids> {
        self.edges.get(&(edge, target))
    }

    /// Whether anything points at `target` over `edge`.
    pub fn has(&self, edge: Edge, target: i64) -> bool {
        self.sources(edge, target).is_some_and(|s| !s.is_empty())
    }

    /// Whether two snapshots hold the same nodes and indexes, whatever their
    /// generations: a snapshot caught up write by write must equal one
    /// loaded whole from the same database.
    pub fn same_as(&self, other: &Graph) -> bool {
        self.registers == other.registers
            && self.organizations == other.organizations
            && self.data_categories == other.data_categories
            && self.subject_categories == other.subject_categories
            && self.systems == other.systems
            && self.engagements == other.engagements
            && self.transfers == other.transfers
            && self.owners == other.owners
            && self.contacts == other.contacts
            && self.keys == other.keys
            && self.slugs == other.slugs
            && self.edges == other.edges
    }

    /// A value kept from earlier snapshots while `holds` says it still
    /// holds for this one (it was computed from the same nodes), computed
    /// again otherwise.
    pub fn lasting<K, V>(
        &self,
        key: K,
        holds: impl FnOnce(&V) -> bool,
        compute: impl FnOnce() -> V,
    ) -> Arc<V>
    where
        K: std::hash::Hash + Eq + Send + Sync + 'static,
        V: Send + Sync + 'static,
    {
        self.lasting.get(key, holds, compute)
    }

    /// A value computed from this snapshot once: the first caller computes
    /// it, later callers (aliases, repeated fields, other requests on the
    /// same snapshot) get the same `Arc`.
    pub fn memo<K, V>(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V>
    where
        K: std::hash::Hash + Eq + Send + Sync + 'static,
        V: Send + Sync + 'static,
    {
        self.memo.get(key, compute)
    }
}
