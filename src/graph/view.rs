//! A register with its whole neighbourhood resolved: what notices and
//! findings are computed from, so they can be tested on plain values.
//! Built from a snapshot by sharing its nodes, never copying them.

use std::sync::Arc;

use entity::{
    contact, data_category, data_source, data_subject_category, processor_engagement, purpose,
    recipient, register_data_category, register_joint_controller, retention_rule, security_measure,
    system, transfer,
};

use super::{Graph, OrganizationNode, RegisterNode};

/// An organization with its contacts.
pub type OrganizationView = Arc<OrganizationNode>;

#[derive(Clone, Debug, PartialEq)]
pub struct RegisterView {
    pub register: Arc<RegisterNode>,
    pub controller: OrganizationView,
    pub joint_controllers: Vec<(Arc<register_joint_controller::Model>, OrganizationView)>,
    pub dpo: Option<Arc<contact::Model>>,
    pub contact_person: Option<Arc<contact::Model>>,
    pub supervisory_authority: Option<OrganizationView>,
    pub purposes: Vec<Arc<purpose::Model>>,
    pub subjects: Vec<Arc<data_subject_category::Model>>,
    pub data_categories: Vec<(
        Arc<register_data_category::Model>,
        Arc<data_category::Model>,
    )>,
    pub sources: Vec<Arc<data_source::Model>>,
    pub recipients: Vec<(Arc<recipient::Model>, Option<OrganizationView>)>,
    pub processors: Vec<(Arc<processor_engagement::Model>, OrganizationView)>,
    pub transfers: Vec<(Arc<transfer::Model>, Option<OrganizationView>)>,
    pub retention: Vec<(
        Arc<retention_rule::Model>,
        Option<Arc<data_category::Model>>,
    )>,
    pub security: Vec<Arc<security_measure::Model>>,
    pub systems: Vec<Arc<system::Model>>,
}

/// Whether two lists hold the very same nodes, in the same order.
fn same<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| eq(x, y))
}

fn same_opt<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl RegisterView {
    /// Whether both views were resolved from the very same nodes (not
    /// equal copies: the same `Arc`s). A snapshot replaces every node a
    /// write touches, so the same nodes mean nothing the view shows changed.
    pub fn same_nodes(&self, other: &RegisterView) -> bool {
        Arc::ptr_eq(&self.register, &other.register)
            && Arc::ptr_eq(&self.controller, &other.controller)
            && same(&self.joint_controllers, &other.joint_controllers, |a, b| {
                Arc::ptr_eq(&a.1, &b.1)
            })
            && same_opt(&self.dpo, &other.dpo)
            && same_opt(&self.contact_person, &other.contact_person)
            && same_opt(&self.supervisory_authority, &other.supervisory_authority)
            && same(&self.subjects, &other.subjects, Arc::ptr_eq)
            && same(&self.data_categories, &other.data_categories, |a, b| {
                Arc::ptr_eq(&a.1, &b.1)
            })
            && same(&self.recipients, &other.recipients, |a, b| {
                same_opt(&a.1, &b.1)
            })
            && same(&self.processors, &other.processors, |a, b| {
                Arc::ptr_eq(&a.1, &b.1)
            })
            && same(&self.transfers, &other.transfers, |a, b| {
                same_opt(&a.1, &b.1)
            })
            && same(&self.retention, &other.retention, |a, b| {
                same_opt(&a.1, &b.1)
            })
            && same(&self.systems, &other.systems, Arc::ptr_eq)
    }
}

impl Graph {
    /// The register `id` with its neighbourhood; `None` when there is no
    /// such register (or its controller is missing, which the database's
    /// foreign keys rule out).
    pub fn view(&self, id: i64) -> Option<RegisterView> {
        let node = self.register(id)?;
        let r = &node.row;
        let organization = |id: i64| self.organization(id).cloned();
        Some(RegisterView {
            controller: organization(r.controller_id)?,
            joint_controllers: node
                .joint_controllers
                .iter()
                .filter_map(|l| Some((l.clone(), organization(l.organization_id)?)))
                .collect(),
            dpo: r.dpo_id.and_then(|c| self.contact(c).cloned()),
            contact_person: r.contact_person_id.and_then(|c| self.contact(c).cloned()),
            supervisory_authority: r.supervisory_authority_id.and_then(organization),
            purposes: node.purposes.clone(),
            subjects: node
                .subjects
                .iter()
                .filter_map(|l| self.subject_category(l.category_id).cloned())
                .collect(),
            data_categories: node
                .data_categories
                .iter()
                .filter_map(|l| Some((l.clone(), self.data_category(l.category_id)?.clone())))
                .collect(),
            sources: node.sources.clone(),
            recipients: node
                .recipients
                .iter()
                .map(|x| (x.clone(), x.organization_id.and_then(organization)))
                .collect(),
            processors: node
                .engagements
                .iter()
                .filter_map(|e| Some((e.clone(), organization(e.processor_id)?)))
                .collect(),
            transfers: node
                .transfers
                .iter()
                .map(|t| (t.clone(), t.recipient_id.and_then(organization)))
                .collect(),
            retention: node
                .retention
                .iter()
                .map(|x| {
                    (
                        x.clone(),
                        x.data_category_id
                            .and_then(|c| self.data_category(c).cloned()),
                    )
                })
                .collect(),
            security: node.security.clone(),
            systems: node
                .systems
                .iter()
                .filter_map(|l| self.system(l.system_id).cloned())
                .collect(),
            register: node.clone(),
        })
    }
}
