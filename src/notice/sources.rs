//! Provenance: for each section of a notice, the global ids of the nodes
//! its sentences come from, so that every sentence traces to the graph.
//! Where a section says that the controller has not stated something, the
//! sentence comes from the register (the absence is the register's), so a
//! section is never without a source.

use crate::domain::{
    authority,
    id::{NodeType, encode},
};
use crate::graph::RegisterView;

/// Ids collected in order, each once.
#[derive(Default)]
struct Ids(Vec<String>);

impl Ids {
    fn add(&mut self, node_type: NodeType, id: i64) -> &mut Self {
        let id = encode(node_type, id).0;
        if !self.0.contains(&id) {
            self.0.push(id);
        }
        self
    }

    fn all(&mut self, node_type: NodeType, ids: impl IntoIterator<Item = i64>) -> &mut Self {
        for id in ids {
            self.add(node_type, id);
        }
        self
    }

    /// The register, when nothing else was added: the section then states
    /// an absence the register holds.
    fn or_register(&mut self, view: &RegisterView) -> Vec<String> {
        if self.0.is_empty() {
            self.add(NodeType::Register, view.register.id);
        }
        std::mem::take(&mut self.0)
    }
}

/// The ids of the nodes section `key` is compiled from.
pub fn sources(view: &RegisterView, key: &str) -> Vec<String> {
    use NodeType::*;
    let register = view.register.id;
    let mut ids = Ids::default();
    match key {
        "controller" => ids
            .add(Organization, view.controller.organization.id)
            .all(
                Organization,
                view.joint_controllers.iter().map(|(_, o)| o.id),
            )
            .or_register(view),
        // No contact named: the section points to the controller's details.
        "contact" => {
            ids.all(
                Contact,
                view.dpo.iter().chain(&view.contact_person).map(|c| c.id),
            );
            if ids.0.is_empty() {
                ids.add(Register, register)
                    .add(Organization, view.controller.organization.id);
            }
            ids.0
        }
        "register" => ids
            .add(Register, register)
            .all(System, view.systems.iter().map(|s| s.id))
            .or_register(view),
        // Bases stated once for the register are the register's.
        "purposes" => {
            ids.all(Purpose, view.purposes.iter().map(|p| p.id));
            if view.register.legal_bases.is_some() {
                ids.add(Register, register);
            }
            ids.or_register(view)
        }
        "data_subjects" => ids
            .all(DataSubjectCategory, view.subjects.iter().map(|s| s.id))
            .or_register(view),
        "data_categories" => ids
            .all(DataCategory, view.data_categories.iter().map(|(_, c)| c.id))
            .or_register(view),
        // The Art. 13(2)(e) paragraph (whether the data must be given, or
        // that this is not stated) is the register's.
        "sources" => ids
            .all(DataSource, view.sources.iter().map(|s| s.id))
            .add(Register, register)
            .or_register(view),
        "recipients" => {
            for (r, org) in &view.recipients {
                ids.add(Recipient, r.id);
                if let Some(org) = org {
                    ids.add(Organization, org.id);
                }
            }
            // The disclosure statement is printed beside the list or instead of it.
            if view.recipients.is_empty() || view.register.disclosure_statement.is_some() {
                ids.add(Register, register);
            }
            ids.0
        }
        "processors" => {
            for (e, org) in &view.processors {
                ids.add(ProcessorEngagement, e.id).add(Organization, org.id);
            }
            ids.or_register(view)
        }
        "transfers" => {
            for (t, org) in &view.transfers {
                ids.add(Transfer, t.id);
                if let Some(org) = org {
                    ids.add(Organization, org.id);
                }
            }
            if view.transfers.is_empty() || view.register.transfer_statement.is_some() {
                ids.add(Register, register);
            }
            ids.0
        }
        "retention" => {
            for (r, category) in &view.retention {
                ids.add(RetentionRule, r.id);
                if let Some(c) = category {
                    ids.add(DataCategory, c.id);
                }
            }
            ids.or_register(view)
        }
        "security" => ids
            .all(SecurityMeasure, view.security.iter().map(|s| s.id))
            .or_register(view),
        // The rights follow from the purposes' bases; the register holds
        // automated decision-making, and the absence of any purpose.
        "rights" => {
            ids.all(Purpose, view.purposes.iter().map(|p| p.id));
            if view.register.automated_decision_making.is_some()
                || view.register.legal_bases.is_some()
                || view.register.rights.is_some()
            {
                ids.add(Register, register);
            }
            ids.or_register(view)
        }
        "complaint" => {
            if let Some(named) = &view.supervisory_authority {
                ids.add(Organization, named.organization.id);
            } else {
                // The controller's country chose the authority, or the
                // register names none and the country gives none.
                if view
                    .controller
                    .country
                    .as_deref()
                    .and_then(authority::for_country)
                    .is_none()
                {
                    ids.add(Register, register);
                }
                ids.add(Organization, view.controller.organization.id);
            }
            ids.0
        }
        _ => ids.add(Register, register).or_register(view),
    }
}
