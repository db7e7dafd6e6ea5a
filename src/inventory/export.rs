//! Writes the whole graph as a document. Everything is read in one query per
//! table and grouped in memory; top-level entities are sorted by externalId
//! and a register's parts keep their recorded order, so the output is stable.

use std::collections::HashMap;

use entity::{
    contact, data_category, data_source, data_subject_category, organization, processor_engagement,
    purpose, recipient, register, register_data_category, register_data_subject_category,
    register_joint_controller, register_system, retention_rule, security_measure, system, transfer,
};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use super::{
    document::*,
    keys::Kind,
    stored::{AsInput, Names, loc},
};

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

fn take<T>(map: &mut HashMap<i64, Vec<T>>, id: i64) -> Vec<T> {
    map.remove(&id).unwrap_or_default()
}

/// Every row of a register's list of parts, as inputs.
fn inputs<M: AsInput>(rows: Vec<M>, names: &Names) -> Result<Option<Vec<M::Input>>, DbErr> {
    rows.into_iter()
        .map(|row| row.to_input(names))
        .collect::<Result<_, _>>()
        .map(Some)
}

pub async fn export<C: ConnectionTrait>(db: &C) -> Result<Document, DbErr> {
    let organizations = organization::Entity::find()
        .order_by_asc(organization::Column::ExternalId)
        .all(db)
        .await?;
    let contacts = contact::Entity::find()
        .order_by_asc(contact::Column::Position)
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?;
    let subjects = data_subject_category::Entity::find()
        .order_by_asc(data_subject_category::Column::ExternalId)
        .all(db)
        .await?;
    let categories = data_category::Entity::find()
        .order_by_asc(data_category::Column::ExternalId)
        .all(db)
        .await?;
    let systems = system::Entity::find()
        .order_by_asc(system::Column::ExternalId)
        .all(db)
        .await?;
    let registers = register::Entity::find()
        .order_by_asc(register::Column::ExternalId)
        .all(db)
        .await?;
    let engagements = processor_engagement::Entity::find()
        .order_by_asc(processor_engagement::Column::Position)
        .all(db)
        .await?;

    let mut names = Names::default();
    for o in &organizations {
        names.insert(Kind::Organization, o.id, &o.external_id);
    }
    for c in &contacts {
        names.insert(Kind::Contact, c.id, &c.external_id);
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
    for e in &engagements {
        names.insert(Kind::Engagement, e.id, &e.external_id);
    }

    let mut contacts_of = group(contacts, |c| c.organization_id);
    let mut out = Document {
        format: FORMAT.into(),
        ..Document::default()
    };
    for o in organizations {
        let contacts = inputs(take(&mut contacts_of, o.id), &names)?;
        out.organizations.push(OrganizationInput {
            contacts,
            ..o.to_input(&names)?
        });
    }
    for c in subjects {
        out.data_subject_categories.push(c.to_input(&names)?);
    }
    for c in categories {
        out.data_categories.push(c.to_input(&names)?);
    }
    for s in systems {
        out.systems.push(s.to_input(&names)?);
    }

    macro_rules! by_register {
        ($module:ident) => {
            group(
                $module::Entity::find()
                    .order_by_asc($module::Column::Position)
                    .all(db)
                    .await?,
                |r| r.register_id,
            )
        };
    }
    let mut joint = by_register!(register_joint_controller);
    let mut system_links = by_register!(register_system);
    let mut subject_links = by_register!(register_data_subject_category);
    let mut category_links = by_register!(register_data_category);
    let mut purposes = by_register!(purpose);
    let mut sources = by_register!(data_source);
    let mut recipients = by_register!(recipient);
    let mut retention = by_register!(retention_rule);
    let mut security = by_register!(security_measure);
    let mut transfers = by_register!(transfer);
    let mut engagements_of = group(engagements, |e| e.register_id);

    for r in registers {
        let id = r.id;
        let mut register = r.to_input(&names)?;
        register.joint_controllers = Some(
            take(&mut joint, id)
                .into_iter()
                .map(|j: register_joint_controller::Model| {
                    Ok(JointControllerInput {
                        organization: names.key(Kind::Organization, j.organization_id)?,
                        role: loc(&j.role),
                        arrangement: loc(&j.arrangement),
                    })
                })
                .collect::<Result<_, DbErr>>()?,
        );
        register.systems = Some(
            take(&mut system_links, id)
                .into_iter()
                .map(|l: register_system::Model| names.key(Kind::System, l.system_id))
                .collect::<Result<_, _>>()?,
        );
        register.data_subject_categories = Some(
            take(&mut subject_links, id)
                .into_iter()
                .map(|l: register_data_subject_category::Model| {
                    names.key(Kind::DataSubjectCategory, l.category_id)
                })
                .collect::<Result<_, _>>()?,
        );
        register.data_categories = Some(
            take(&mut category_links, id)
                .into_iter()
                .map(|l: register_data_category::Model| {
                    Ok(RegisterDataCategoryInput {
                        category: names.key(Kind::DataCategory, l.category_id)?,
                        note: loc(&l.note),
                        justification: loc(&l.justification),
                        stored: l.stored,
                    })
                })
                .collect::<Result<_, DbErr>>()?,
        );
        register.purposes = inputs(take(&mut purposes, id), &names)?;
        register.sources = inputs(take(&mut sources, id), &names)?;
        register.recipients = inputs(take(&mut recipients, id), &names)?;
        register.processors = inputs(take(&mut engagements_of, id), &names)?;
        register.transfers = inputs(take(&mut transfers, id), &names)?;
        register.retention_rules = inputs(take(&mut retention, id), &names)?;
        register.security_measures = inputs(take(&mut security, id), &names)?;
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
