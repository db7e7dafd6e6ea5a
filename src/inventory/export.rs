//! Writes the whole graph as a document, from a snapshot. Top-level
//! entities are sorted by externalId and a register's parts keep their
//! recorded order, so the output is stable.

use std::sync::Arc;

use sea_orm::DbErr;

use super::{
    document::*,
    keys::Kind,
    stored::{AsInput, Names, loc},
};
use crate::graph::Graph;

/// Every row of a register's list of parts, as inputs.
fn inputs<M: AsInput + Clone>(
    rows: &[Arc<M>],
    names: &Names,
) -> Result<Option<Vec<M::Input>>, DbErr> {
    rows.iter()
        .map(|row| M::clone(row).to_input(names))
        .collect::<Result<_, _>>()
        .map(Some)
}

/// The snapshot as a document.
pub fn export(graph: &Graph) -> Result<Document, DbErr> {
    let mut organizations: Vec<_> = graph.organizations().values().cloned().collect();
    organizations.sort_by(|a, b| a.external_id.cmp(&b.external_id));
    let mut subjects: Vec<_> = graph.subject_categories().values().cloned().collect();
    subjects.sort_by(|a, b| a.external_id.cmp(&b.external_id));
    let mut categories: Vec<_> = graph.data_categories().values().cloned().collect();
    categories.sort_by(|a, b| a.external_id.cmp(&b.external_id));
    let mut systems: Vec<_> = graph.systems().values().cloned().collect();
    systems.sort_by(|a, b| a.external_id.cmp(&b.external_id));
    let mut registers: Vec<_> = graph.registers().values().cloned().collect();
    registers.sort_by(|a, b| a.row.external_id.cmp(&b.row.external_id));

    let mut names = Names::default();
    for o in &organizations {
        names.insert(Kind::Organization, o.id, &o.external_id);
        for c in &o.contacts {
            names.insert(Kind::Contact, c.id, &c.external_id);
        }
    }
    for c in &subjects {
        names.insert(Kind::DataSubjectCategory, c.id, &c.external_id);
    }
    for c in &categories {
        names.insert(Kind::DataCategory, c.id, &c.external_id);
    }
    for s in &systems {
        names.insert(Kind::System, s.id, &s.external_id);
    }
    for r in &registers {
        for e in &r.engagements {
            names.insert(Kind::Engagement, e.id, &e.external_id);
        }
    }

    let mut out = Document {
        format: FORMAT.into(),
        ..Document::default()
    };
    for o in &organizations {
        out.organizations.push(OrganizationInput {
            contacts: inputs(&o.contacts, &names)?,
            ..o.organization.clone().to_input(&names)?
        });
    }
    for c in &subjects {
        out.data_subject_categories
            .push(c.as_ref().clone().to_input(&names)?);
    }
    for c in &categories {
        out.data_categories
            .push(c.as_ref().clone().to_input(&names)?);
    }
    for s in &systems {
        out.systems.push(s.as_ref().clone().to_input(&names)?);
    }
    for r in &registers {
        let mut register = r.row.clone().to_input(&names)?;
        register.joint_controllers = Some(
            r.joint_controllers
                .iter()
                .map(|j| {
                    Ok(JointControllerInput {
                        organization: names.key(Kind::Organization, j.organization_id)?,
                        role: loc(&j.role),
                        arrangement: loc(&j.arrangement),
                    })
                })
                .collect::<Result<_, DbErr>>()?,
        );
        register.systems = Some(
            r.systems
                .iter()
                .map(|l| names.key(Kind::System, l.system_id))
                .collect::<Result<_, _>>()?,
        );
        register.data_subject_categories = Some(
            r.subjects
                .iter()
                .map(|l| names.key(Kind::DataSubjectCategory, l.category_id))
                .collect::<Result<_, _>>()?,
        );
        register.data_categories = Some(
            r.data_categories
                .iter()
                .map(|l| {
                    Ok(RegisterDataCategoryInput {
                        category: names.key(Kind::DataCategory, l.category_id)?,
                        note: loc(&l.note),
                        justification: loc(&l.justification),
                        stored: l.stored,
                    })
                })
                .collect::<Result<_, DbErr>>()?,
        );
        register.purposes = inputs(&r.purposes, &names)?;
        register.sources = inputs(&r.sources, &names)?;
        register.recipients = inputs(&r.recipients, &names)?;
        register.processors = inputs(&r.engagements, &names)?;
        register.transfers = inputs(&r.transfers, &names)?;
        register.retention_rules = inputs(&r.retention, &names)?;
        register.security_measures = inputs(&r.security, &names)?;
        out.registers.push(register);
    }
    Ok(out)
}
/// The document as `export` writes it: pretty JSON with a final newline.
pub fn to_text(document: &Document) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}
