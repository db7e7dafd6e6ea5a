//! Stored rows as document inputs: what `export` writes for the whole graph,
//! and what a partial update starts from before it lays the caller's fields
//! over it. One conversion per entity, so both say the same thing.

use std::collections::HashMap;

use entity::{
    contact, data_category, data_source, data_subject_category, organization, processor_engagement,
    purpose, recipient, register, retention_rule, security_measure, system, transfer,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::{document::*, keys::Kind};
use crate::domain::{Localized, enums::*};

/// The externalIds of stored rows, by kind and id: how an input names what a
/// row refers to.
#[derive(Default)]
pub struct Names(HashMap<(Kind, i64), String>);

macro_rules! keys_of {
    ($db:expr, $module:ident, $ids:expr) => {
        $module::Entity::find()
            .select_only()
            .column($module::Column::Id)
            .column($module::Column::ExternalId)
            .filter($module::Column::Id.is_in($ids))
            .into_tuple::<(i64, String)>()
            .all($db)
            .await?
    };
}

impl Names {
    pub fn insert(&mut self, kind: Kind, id: i64, key: &str) {
        self.0.insert((kind, id), key.to_owned());
    }

    /// Loads the externalIds of the rows one row refers to: one query per
    /// kind referred to.
    pub async fn of<C: ConnectionTrait>(
        db: &C,
        references: &[(Kind, Option<i64>)],
    ) -> Result<Self, DbErr> {
        let mut by_kind: HashMap<Kind, Vec<i64>> = HashMap::new();
        for &(kind, id) in references {
            if let Some(id) = id {
                by_kind.entry(kind).or_default().push(id);
            }
        }
        let mut names = Self::default();
        for (kind, ids) in by_kind {
            let found = match kind {
                Kind::Organization => keys_of!(db, organization, ids),
                Kind::Contact => keys_of!(db, contact, ids),
                Kind::DataSubjectCategory => keys_of!(db, data_subject_category, ids),
                Kind::DataCategory => keys_of!(db, data_category, ids),
                Kind::System => keys_of!(db, system, ids),
                Kind::Register => keys_of!(db, register, ids),
                Kind::Engagement => keys_of!(db, processor_engagement, ids),
                Kind::Transfer => keys_of!(db, transfer, ids),
            };
            for (id, key) in found {
                names.insert(kind, id, &key);
            }
        }
        Ok(names)
    }

    /// The key of a row that must exist: a dangling reference is a storage fault.
    pub fn key(&self, kind: Kind, id: i64) -> Result<String, DbErr> {
        self.0
            .get(&(kind, id))
            .cloned()
            .ok_or_else(|| DbErr::Custom(format!("no stored {} has the id {id}", kind.noun())))
    }

    pub fn key_opt(&self, kind: Kind, id: Option<i64>) -> Result<Option<String>, DbErr> {
        id.map(|id| self.key(kind, id)).transpose()
    }
}

pub(super) fn loc(stored: &Option<String>) -> Option<Localized> {
    Localized::from_json_opt(stored.as_deref())
}

fn countries(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Reads a stored enum value; an unknown value is a storage fault.
fn stored<T>(parse: fn(&str) -> Option<T>, text: &str) -> Result<T, DbErr> {
    parse(text).ok_or_else(|| DbErr::Custom(format!("unknown stored value \"{text}\"")))
}

/// Reads a stored JSON value (a list of statements, a law reference); one
/// this build cannot read is a storage fault.
pub(crate) fn stored_json<T: serde::de::DeserializeOwned + Default>(
    text: &Option<String>,
) -> Result<T, DbErr> {
    match text.as_deref() {
        None => Ok(T::default()),
        Some(text) => serde_json::from_str(text)
            .map_err(|e| DbErr::Custom(format!("unreadable stored value {text}: {e}"))),
    }
}

fn stored_opt<T>(parse: fn(&str) -> Option<T>, text: &Option<String>) -> Result<Option<T>, DbErr> {
    text.as_deref().map(|t| stored(parse, t)).transpose()
}

/// A stored row that a document input describes. Nested lists (a register's
/// parts, an organization's contacts) are left out (`None`): an input
/// without them leaves them as stored.
pub trait AsInput {
    type Input;
    /// The rows this one names by key.
    fn references(&self) -> Vec<(Kind, Option<i64>)>;
    fn to_input(self, names: &Names) -> Result<Self::Input, DbErr>;
}

/// Reads one row's input, loading the keys it refers to.
pub async fn input_of<C: ConnectionTrait, M: AsInput>(db: &C, row: M) -> Result<M::Input, DbErr> {
    let names = Names::of(db, &row.references()).await?;
    row.to_input(&names)
}

impl AsInput for organization::Model {
    type Input = OrganizationInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<OrganizationInput, DbErr> {
        Ok(OrganizationInput {
            external_id: Some(self.external_id),
            name: self.name,
            business_id: self.business_id,
            country: self.country,
            postal_address: self.postal_address,
            visiting_address: self.visiting_address,
            email: self.email,
            phone: self.phone,
            website: self.website,
            channels: stored_json(&self.channels)?,
            note: self.note,
            contacts: None,
        })
    }
}

impl AsInput for contact::Model {
    type Input = ContactInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<ContactInput, DbErr> {
        Ok(ContactInput {
            external_id: Some(self.external_id),
            name: self.name,
            role: stored(ContactRole::parse, &self.role)?,
            title: loc(&self.title),
            email: self.email,
            phone: self.phone,
            address: self.address,
        })
    }
}

impl AsInput for data_subject_category::Model {
    type Input = DataSubjectCategoryInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<DataSubjectCategoryInput, DbErr> {
        Ok(DataSubjectCategoryInput {
            external_id: Some(self.external_id),
            name: Localized::from_json(&self.name),
            description: loc(&self.description),
        })
    }
}

impl AsInput for data_category::Model {
    type Input = DataCategoryInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<DataCategoryInput, DbErr> {
        Ok(DataCategoryInput {
            external_id: Some(self.external_id),
            name: Localized::from_json(&self.name),
            description: loc(&self.description),
            special_category: self.special_category,
            criminal: self.criminal,
            national_identifier: self.national_identifier,
        })
    }
}

impl AsInput for system::Model {
    type Input = SystemInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        vec![(Kind::Organization, self.vendor_id)]
    }
    fn to_input(self, names: &Names) -> Result<SystemInput, DbErr> {
        Ok(SystemInput {
            external_id: Some(self.external_id),
            name: self.name,
            localized_name: loc(&self.localized_name),
            vendor: names.key_opt(Kind::Organization, self.vendor_id)?,
            hosting_countries: countries(&self.hosting_countries),
            description: loc(&self.description),
        })
    }
}

impl AsInput for register::Model {
    type Input = RegisterInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        vec![
            (Kind::Organization, Some(self.controller_id)),
            (Kind::Contact, self.dpo_id),
            (Kind::Contact, self.contact_person_id),
            (Kind::Organization, self.supervisory_authority_id),
        ]
    }
    fn to_input(self, names: &Names) -> Result<RegisterInput, DbErr> {
        Ok(RegisterInput {
            external_id: Some(self.external_id),
            slug: self.slug,
            name: Localized::from_json(&self.name),
            description: loc(&self.description),
            status: stored(RegisterStatus::parse, &self.status)?,
            controller: names.key(Kind::Organization, self.controller_id)?,
            dpo: names.key_opt(Kind::Contact, self.dpo_id)?,
            contact_person: names.key_opt(Kind::Contact, self.contact_person_id)?,
            supervisory_authority: names
                .key_opt(Kind::Organization, self.supervisory_authority_id)?,
            notice_prepared_on: self.notice_prepared_on,
            notice_updated_on: self.notice_updated_on,
            automated_decision_making: loc(&self.automated_decision_making),
            automated_decision_safeguards: loc(&self.automated_decision_safeguards),
            legal_bases: stored_json(&self.legal_bases)?,
            provision_requirement: stored_opt(
                ProvisionRequirement::parse,
                &self.provision_requirement,
            )?,
            provision_consequences: loc(&self.provision_consequences),
            rights: stored_json(&self.rights)?,
            other_information: loc(&self.other_information),
            disclosure_statement: stored_opt(AbsenceStatement::parse, &self.disclosure_statement)?,
            transfer_statement: stored_opt(AbsenceStatement::parse, &self.transfer_statement)?,
            note: self.note,
            ..RegisterInput::default()
        })
    }
}

impl AsInput for purpose::Model {
    type Input = PurposeInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<PurposeInput, DbErr> {
        Ok(PurposeInput {
            description: Localized::from_json(&self.description),
            legal_basis: stored_opt(LegalBasis::parse, &self.legal_basis)?,
            law: stored_json(&self.law)?,
            legitimate_interest: loc(&self.legitimate_interest),
            special_category_condition: stored_opt(
                SpecialCategoryCondition::parse,
                &self.special_category_condition,
            )?,
        })
    }
}

impl AsInput for data_source::Model {
    type Input = DataSourceInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<DataSourceInput, DbErr> {
        Ok(DataSourceInput {
            kind: stored(SourceKind::parse, &self.kind)?,
            description: Localized::from_json(&self.description),
        })
    }
}

impl AsInput for recipient::Model {
    type Input = RecipientInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        vec![(Kind::Organization, self.organization_id)]
    }
    fn to_input(self, names: &Names) -> Result<RecipientInput, DbErr> {
        Ok(RecipientInput {
            organization: names.key_opt(Kind::Organization, self.organization_id)?,
            description: loc(&self.description),
            hedge: stored_opt(Hedge::parse, &self.hedge)?,
        })
    }
}

impl AsInput for processor_engagement::Model {
    type Input = ProcessorEngagementInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        vec![
            (Kind::Organization, Some(self.processor_id)),
            (Kind::Engagement, self.parent_id),
        ]
    }
    fn to_input(self, names: &Names) -> Result<ProcessorEngagementInput, DbErr> {
        Ok(ProcessorEngagementInput {
            external_id: Some(self.external_id),
            processor: names.key(Kind::Organization, self.processor_id)?,
            parent: names.key_opt(Kind::Engagement, self.parent_id)?,
            role: Some(stored(EngagementRole::parse, &self.role)?),
            service: loc(&self.service),
            processing_countries: countries(&self.processing_countries),
            contract_date: self.contract_date,
            contract_reference: self.contract_reference,
            conditions: loc(&self.conditions),
            hedge: stored_opt(Hedge::parse, &self.hedge)?,
        })
    }
}

impl AsInput for transfer::Model {
    type Input = TransferInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        vec![
            (Kind::Organization, self.recipient_id),
            (Kind::Engagement, self.engagement_id),
        ]
    }
    fn to_input(self, names: &Names) -> Result<TransferInput, DbErr> {
        Ok(TransferInput {
            external_id: Some(self.external_id),
            recipient: names.key_opt(Kind::Organization, self.recipient_id)?,
            engagement: names.key_opt(Kind::Engagement, self.engagement_id)?,
            destination_country: self.destination_country,
            destination_region: stored_opt(Region::parse, &self.destination_region)?,
            mechanism: stored(TransferMechanism::parse, &self.mechanism)?,
            scc_version: stored_opt(SccVersion::parse, &self.scc_version)?,
            safeguard_reference: self.safeguard_reference,
            signed_on: self.signed_on,
            certification_checked_on: self.certification_checked_on,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            description: loc(&self.description),
            hedge: stored_opt(Hedge::parse, &self.hedge)?,
        })
    }
}

impl AsInput for retention_rule::Model {
    type Input = RetentionRuleInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        vec![(Kind::DataCategory, self.data_category_id)]
    }
    fn to_input(self, names: &Names) -> Result<RetentionRuleInput, DbErr> {
        Ok(RetentionRuleInput {
            data_category: names.key_opt(Kind::DataCategory, self.data_category_id)?,
            amount: self.amount,
            unit: stored_opt(RetentionUnit::parse, &self.unit)?,
            at_the_latest: self.at_the_latest,
            trigger: loc(&self.trigger),
            criteria: loc(&self.criteria),
            exceptions: loc(&self.exceptions),
            disposal: stored_opt(RetentionDisposal::parse, &self.disposal)?,
            law: stored_json(&self.law)?,
        })
    }
}

impl AsInput for security_measure::Model {
    type Input = SecurityMeasureInput;
    fn references(&self) -> Vec<(Kind, Option<i64>)> {
        Vec::new()
    }
    fn to_input(self, _: &Names) -> Result<SecurityMeasureInput, DbErr> {
        Ok(SecurityMeasureInput {
            kind: stored(SecurityKind::parse, &self.kind)?,
            material: stored_opt(Material::parse, &self.material)?,
            description: Localized::from_json(&self.description),
        })
    }
}
