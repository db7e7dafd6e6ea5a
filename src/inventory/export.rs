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

use super::document::*;
use crate::domain::{Localized, enums::*};

fn loc(stored: &Option<String>) -> Option<Localized> {
    Localized::from_json_opt(stored.as_deref())
}

fn countries(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

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

/// Reads a stored enum value; an unknown value is a storage fault.
fn stored<T>(parse: fn(&str) -> Option<T>, text: &str) -> Result<T, DbErr> {
    parse(text).ok_or_else(|| DbErr::Custom(format!("unknown stored value \"{text}\"")))
}

fn stored_opt<T>(parse: fn(&str) -> Option<T>, text: &Option<String>) -> Result<Option<T>, DbErr> {
    text.as_deref().map(|t| stored(parse, t)).transpose()
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

    let org_key: HashMap<i64, String> = organizations
        .iter()
        .map(|o| (o.id, o.external_id.clone()))
        .collect();
    let contact_key: HashMap<i64, String> = contacts
        .iter()
        .map(|c| (c.id, c.external_id.clone()))
        .collect();
    let subject_key: HashMap<i64, String> = subjects
        .iter()
        .map(|c| (c.id, c.external_id.clone()))
        .collect();
    let category_key: HashMap<i64, String> = categories
        .iter()
        .map(|c| (c.id, c.external_id.clone()))
        .collect();
    let system_key: HashMap<i64, String> = systems
        .iter()
        .map(|c| (c.id, c.external_id.clone()))
        .collect();
    let engagement_key: HashMap<i64, String> = engagements
        .iter()
        .map(|c| (c.id, c.external_id.clone()))
        .collect();
    let key = |map: &HashMap<i64, String>, id: i64| map.get(&id).cloned().unwrap_or_default();
    let key_opt =
        |map: &HashMap<i64, String>, id: Option<i64>| id.and_then(|id| map.get(&id).cloned());

    let mut contacts_of = group(contacts, |c| c.organization_id);
    let mut out = Document {
        format: FORMAT.into(),
        ..Document::default()
    };
    for o in organizations {
        let mut list = Vec::new();
        for c in contacts_of.remove(&o.id).unwrap_or_default() {
            list.push(ContactInput {
                external_id: Some(c.external_id),
                name: c.name,
                role: stored(ContactRole::parse, &c.role)?,
                title: loc(&c.title),
                email: c.email,
                phone: c.phone,
                address: c.address,
            });
        }
        out.organizations.push(OrganizationInput {
            external_id: Some(o.external_id),
            name: o.name,
            business_id: o.business_id,
            country: o.country,
            postal_address: o.postal_address,
            visiting_address: o.visiting_address,
            email: o.email,
            phone: o.phone,
            website: o.website,
            note: o.note,
            contacts: Some(list),
        });
    }
    for c in subjects {
        out.data_subject_categories.push(DataSubjectCategoryInput {
            external_id: Some(c.external_id),
            name: Localized::from_json(&c.name),
            description: loc(&c.description),
        });
    }
    for c in categories {
        out.data_categories.push(DataCategoryInput {
            external_id: Some(c.external_id),
            name: Localized::from_json(&c.name),
            description: loc(&c.description),
            special_category: c.special_category,
            criminal: c.criminal,
            national_identifier: c.national_identifier,
        });
    }
    for s in systems {
        out.systems.push(SystemInput {
            external_id: Some(s.external_id),
            name: s.name,
            vendor: key_opt(&org_key, s.vendor_id),
            hosting_countries: countries(&s.hosting_countries),
            description: loc(&s.description),
        });
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
        let mut register = RegisterInput {
            external_id: Some(r.external_id),
            slug: r.slug,
            name: Localized::from_json(&r.name),
            description: loc(&r.description),
            status: stored(RegisterStatus::parse, &r.status)?,
            controller: key(&org_key, r.controller_id),
            joint_controllers: Some(
                take(&mut joint, id)
                    .into_iter()
                    .map(|j: register_joint_controller::Model| JointControllerInput {
                        organization: key(&org_key, j.organization_id),
                        role: loc(&j.role),
                        arrangement: loc(&j.arrangement),
                    })
                    .collect(),
            ),
            dpo: key_opt(&contact_key, r.dpo_id),
            contact_person: key_opt(&contact_key, r.contact_person_id),
            supervisory_authority: key_opt(&org_key, r.supervisory_authority_id),
            notice_prepared_on: r.notice_prepared_on,
            notice_updated_on: r.notice_updated_on,
            automated_decision_making: loc(&r.automated_decision_making),
            other_information: loc(&r.other_information),
            note: r.note,
            systems: Some(
                take(&mut system_links, id)
                    .into_iter()
                    .map(|l: register_system::Model| key(&system_key, l.system_id))
                    .collect(),
            ),
            data_subject_categories: Some(
                take(&mut subject_links, id)
                    .into_iter()
                    .map(|l: register_data_subject_category::Model| {
                        key(&subject_key, l.category_id)
                    })
                    .collect(),
            ),
            data_categories: Some(
                take(&mut category_links, id)
                    .into_iter()
                    .map(
                        |l: register_data_category::Model| RegisterDataCategoryInput {
                            category: key(&category_key, l.category_id),
                            note: loc(&l.note),
                            justification: loc(&l.justification),
                        },
                    )
                    .collect(),
            ),
            ..RegisterInput::default()
        };
        let mut list = Vec::new();
        for p in take(&mut purposes, id) {
            let p: purpose::Model = p;
            list.push(PurposeInput {
                description: Localized::from_json(&p.description),
                legal_basis: stored_opt(LegalBasis::parse, &p.legal_basis)?,
                legitimate_interest: loc(&p.legitimate_interest),
                special_category_condition: stored_opt(
                    SpecialCategoryCondition::parse,
                    &p.special_category_condition,
                )?,
            });
        }
        register.purposes = Some(list);
        let mut list = Vec::new();
        for s in take(&mut sources, id) {
            let s: data_source::Model = s;
            list.push(DataSourceInput {
                kind: stored(SourceKind::parse, &s.kind)?,
                description: Localized::from_json(&s.description),
            });
        }
        register.sources = Some(list);
        register.recipients = Some(
            take(&mut recipients, id)
                .into_iter()
                .map(|x: recipient::Model| RecipientInput {
                    organization: key_opt(&org_key, x.organization_id),
                    description: loc(&x.description),
                })
                .collect(),
        );
        let mut list = Vec::new();
        for e in engagements_of.remove(&id).unwrap_or_default() {
            list.push(ProcessorEngagementInput {
                external_id: Some(e.external_id),
                processor: key(&org_key, e.processor_id),
                parent: key_opt(&engagement_key, e.parent_id),
                role: Some(stored(EngagementRole::parse, &e.role)?),
                service: loc(&e.service),
                processing_countries: countries(&e.processing_countries),
                contract_date: e.contract_date,
                contract_reference: e.contract_reference,
                conditions: loc(&e.conditions),
            });
        }
        register.processors = Some(list);
        let mut list = Vec::new();
        for t in take(&mut transfers, id) {
            let t: transfer::Model = t;
            list.push(TransferInput {
                external_id: Some(t.external_id),
                recipient: key_opt(&org_key, t.recipient_id),
                engagement: key_opt(&engagement_key, t.engagement_id),
                destination_country: t.destination_country,
                mechanism: stored(TransferMechanism::parse, &t.mechanism)?,
                safeguard_reference: t.safeguard_reference,
                signed_on: t.signed_on,
                certification_checked_on: t.certification_checked_on,
                valid_from: t.valid_from,
                valid_to: t.valid_to,
                description: loc(&t.description),
            });
        }
        register.transfers = Some(list);
        let mut list = Vec::new();
        for x in take(&mut retention, id) {
            let x: retention_rule::Model = x;
            list.push(RetentionRuleInput {
                data_category: key_opt(&category_key, x.data_category_id),
                amount: x.amount,
                unit: stored_opt(RetentionUnit::parse, &x.unit)?,
                trigger: loc(&x.trigger),
                criteria: loc(&x.criteria),
                exceptions: loc(&x.exceptions),
            });
        }
        register.retention_rules = Some(list);
        let mut list = Vec::new();
        for x in take(&mut security, id) {
            let x: security_measure::Model = x;
            list.push(SecurityMeasureInput {
                kind: stored(SecurityKind::parse, &x.kind)?,
                material: stored_opt(Material::parse, &x.material)?,
                description: Localized::from_json(&x.description),
            });
        }
        register.security_measures = Some(list);
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
