//! Putting nodes into a snapshot and taking them out, with the indexes that
//! follow them: externalIds, owners of parts, reverse edges. Each node
//! states what it contributes to the indexes, so replacing a node removes
//! exactly what the old one contributed and adds what the new one does.

use std::sync::Arc;

use entity::{data_category, data_subject_category, system};

use super::{Edge, Graph, OrganizationNode, RegisterNode};
use crate::domain::id::NodeType;

/// What a node adds to a snapshot's indexes.
#[derive(Default)]
struct Contribution {
    keys: Vec<(NodeType, Arc<str>)>,
    owned: Vec<(NodeType, i64)>,
    /// (edge, target, source)
    edges: Vec<(Edge, i64, i64)>,
}

fn register_contribution(node: &RegisterNode) -> Contribution {
    let id = node.row.id;
    let mut c = Contribution::default();
    c.keys
        .push((NodeType::Register, Arc::from(node.row.external_id.as_str())));
    c.edges.push((Edge::Controls, node.row.controller_id, id));
    if let Some(authority) = node.row.supervisory_authority_id {
        c.edges.push((Edge::Supervises, authority, id));
    }
    for contact in [node.row.dpo_id, node.row.contact_person_id]
        .into_iter()
        .flatten()
    {
        c.edges.push((Edge::Named, contact, id));
    }
    for link in &node.joint_controllers {
        c.edges
            .push((Edge::JointlyControls, link.organization_id, id));
    }
    for link in &node.subjects {
        c.edges.push((Edge::Concerns, link.category_id, id));
    }
    for link in &node.data_categories {
        c.edges.push((Edge::Holds, link.category_id, id));
    }
    for link in &node.systems {
        c.edges.push((Edge::Uses, link.system_id, id));
    }
    for rule in &node.retention {
        c.owned.push((NodeType::RetentionRule, rule.id));
        if let Some(category) = rule.data_category_id {
            c.edges.push((Edge::Retains, category, id));
        }
    }
    for recipient in &node.recipients {
        c.owned.push((NodeType::Recipient, recipient.id));
        if let Some(organization) = recipient.organization_id {
            c.edges.push((Edge::Receives, organization, id));
        }
    }
    for engagement in &node.engagements {
        c.owned.push((NodeType::ProcessorEngagement, engagement.id));
        c.keys.push((
            NodeType::ProcessorEngagement,
            Arc::from(engagement.external_id.as_str()),
        ));
        c.edges.push((Edge::Processes, engagement.processor_id, id));
        c.edges
            .push((Edge::Engagements, engagement.processor_id, engagement.id));
        if let Some(parent) = engagement.parent_id {
            c.edges.push((Edge::UnderEngagement, parent, id));
        }
    }
    for transfer in &node.transfers {
        c.owned.push((NodeType::Transfer, transfer.id));
        c.keys
            .push((NodeType::Transfer, Arc::from(transfer.external_id.as_str())));
        if let Some(recipient) = transfer.recipient_id {
            c.edges.push((Edge::ReceivesTransfers, recipient, id));
        }
        if let Some(engagement) = transfer.engagement_id {
            c.edges.push((Edge::UnderEngagement, engagement, id));
        }
    }
    c.owned
        .extend(node.purposes.iter().map(|p| (NodeType::Purpose, p.id)));
    c.owned
        .extend(node.sources.iter().map(|p| (NodeType::DataSource, p.id)));
    c.owned.extend(
        node.security
            .iter()
            .map(|p| (NodeType::SecurityMeasure, p.id)),
    );
    c.owned
        .extend(node.notices.iter().map(|p| (NodeType::NoticeVersion, p.id)));
    c
}

impl Graph {
    fn add(&mut self, contribution: Contribution, id: i64) {
        for key in contribution.keys {
            self.keys.insert(key, id);
        }
        for part in contribution.owned {
            self.owners.insert(part, id);
        }
        for (edge, target, source) in contribution.edges {
            self.edges.entry((edge, target)).or_default().insert(source);
        }
    }

    fn subtract(&mut self, contribution: Contribution) {
        for key in contribution.keys {
            self.keys.remove(&key);
        }
        for part in contribution.owned {
            self.owners.remove(&part);
        }
        for (edge, target, source) in contribution.edges {
            if let Some(sources) = self.edges.get_mut(&(edge, target)) {
                sources.remove(&source);
                if sources.is_empty() {
                    self.edges.remove(&(edge, target));
                }
            }
        }
    }

    pub(super) fn put_register(&mut self, node: RegisterNode) {
        let id = node.row.id;
        self.remove_register(id);
        self.slugs.insert(Arc::from(node.row.slug.as_str()), id);
        self.add(register_contribution(&node), id);
        for engagement in &node.engagements {
            self.engagements.insert(engagement.id, engagement.clone());
        }
        for transfer in &node.transfers {
            self.transfers.insert(transfer.id, transfer.clone());
        }
        self.registers.insert(id, Arc::new(node));
    }

    pub(super) fn remove_register(&mut self, id: i64) {
        if let Some(old) = self.registers.remove(&id) {
            self.slugs.remove(old.row.slug.as_str());
            self.subtract(register_contribution(&old));
            for engagement in &old.engagements {
                self.engagements.remove(&engagement.id);
            }
            for transfer in &old.transfers {
                self.transfers.remove(&transfer.id);
            }
        }
    }

    fn organization_contribution(node: &OrganizationNode) -> Contribution {
        let mut c = Contribution::default();
        c.keys.push((
            NodeType::Organization,
            Arc::from(node.organization.external_id.as_str()),
        ));
        for contact in &node.contacts {
            c.keys
                .push((NodeType::Contact, Arc::from(contact.external_id.as_str())));
        }
        c
    }

    pub(super) fn put_organization(&mut self, node: OrganizationNode) {
        let id = node.organization.id;
        self.remove_organization(id);
        for contact in &node.contacts {
            self.contacts.insert(contact.id, id);
        }
        self.add(Self::organization_contribution(&node), id);
        self.organizations.insert(id, Arc::new(node));
    }

    pub(super) fn remove_organization(&mut self, id: i64) {
        if let Some(old) = self.organizations.remove(&id) {
            for contact in &old.contacts {
                self.contacts.remove(&contact.id);
            }
            self.subtract(Self::organization_contribution(&old));
        }
    }

    pub(super) fn put_data_category(&mut self, row: data_category::Model) {
        self.remove_data_category(row.id);
        self.keys.insert(
            (NodeType::DataCategory, Arc::from(row.external_id.as_str())),
            row.id,
        );
        self.data_categories.insert(row.id, Arc::new(row));
    }

    pub(super) fn remove_data_category(&mut self, id: i64) {
        if let Some(old) = self.data_categories.remove(&id) {
            self.keys
                .remove(&(NodeType::DataCategory, Arc::from(old.external_id.as_str())));
        }
    }

    pub(super) fn put_subject_category(&mut self, row: data_subject_category::Model) {
        self.remove_subject_category(row.id);
        self.keys.insert(
            (
                NodeType::DataSubjectCategory,
                Arc::from(row.external_id.as_str()),
            ),
            row.id,
        );
        self.subject_categories.insert(row.id, Arc::new(row));
    }

    pub(super) fn remove_subject_category(&mut self, id: i64) {
        if let Some(old) = self.subject_categories.remove(&id) {
            self.keys.remove(&(
                NodeType::DataSubjectCategory,
                Arc::from(old.external_id.as_str()),
            ));
        }
    }

    pub(super) fn put_system(&mut self, row: system::Model) {
        self.remove_system(row.id);
        self.keys.insert(
            (NodeType::System, Arc::from(row.external_id.as_str())),
            row.id,
        );
        if let Some(vendor) = row.vendor_id {
            self.edges
                .entry((Edge::Sells, vendor))
                .or_default()
                .insert(row.id);
        }
        self.systems.insert(row.id, Arc::new(row));
    }

    pub(super) fn remove_system(&mut self, id: i64) {
        if let Some(old) = self.systems.remove(&id) {
            self.keys
                .remove(&(NodeType::System, Arc::from(old.external_id.as_str())));
            if let Some(vendor) = old.vendor_id {
                self.subtract(Contribution {
                    edges: vec![(Edge::Sells, vendor, id)],
                    ..Contribution::default()
                });
            }
        }
    }

    /// A new snapshot at `generation` with this snapshot's nodes: the maps
    /// and the lasting values are shared, the memo starts empty.
    pub(super) fn successor(&self, generation: i64) -> Graph {
        Graph {
            generation,
            memo: Arc::default(),
            ..self.clone()
        }
    }
}
