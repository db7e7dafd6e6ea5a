//! Validation of one input into the row it is stored as, or every reason it
//! is refused. Pure: what needs the database (externalIds of other nodes,
//! reach, unique keys and slugs) is resolved by the writer, which fills the
//! references in; here they are left at 0 or `None`. Errors come in the
//! order of the fields, after those of the references the writer resolved.

use entity::{
    contact, data_category, data_source, data_subject_category, organization, processor_engagement,
    purpose, recipient, register, retention_rule, security_measure, system, transfer,
};

use super::check::{self, Fields, Validated};
use crate::{
    domain::{
        Localized, Path, UserErrorCode,
        enums::{AbsenceStatement, EngagementRole, LegalBasis, TransferMechanism},
        store::placeholder_time,
        value::TextLimit,
    },
    inventory::document::*,
};

#[cfg(test)]
mod tests;

/// Where a part stands: its register and its place in the register's list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub register_id: i64,
    pub position: i32,
}

impl Place {
    pub const fn new(register_id: i64, position: i32) -> Self {
        Self {
            register_id,
            position,
        }
    }
}

fn given(text: &Option<Localized>) -> bool {
    text.as_ref().is_some_and(|text| !text.is_empty())
}

pub fn organization(
    path: &Path,
    key: &str,
    input: &OrganizationInput,
) -> Validated<organization::Model> {
    let mut f = Fields::new(path);
    let name = f.name("name", &input.name);
    let country = f.country("country", &input.country);
    let business_id = f.business_id("businessId", &input.business_id, country);
    let row = organization::Model {
        id: 0,
        external_id: key.to_owned(),
        name,
        business_id,
        country: country.map(|c| c.to_string()),
        postal_address: f.text("postalAddress", &input.postal_address),
        visiting_address: f.text("visitingAddress", &input.visiting_address),
        email: f.email("email", &input.email),
        phone: f.text("phone", &input.phone),
        website: f.text("website", &input.website),
        channels: f.channels("channels", &input.channels),
        note: f.text("note", &input.note),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

pub fn contact(
    path: &Path,
    key: &str,
    organization_id: i64,
    position: i32,
    input: &ContactInput,
) -> Validated<contact::Model> {
    let mut f = Fields::new(path);
    let row = contact::Model {
        id: 0,
        external_id: key.to_owned(),
        organization_id,
        position,
        name: f.name("name", &input.name),
        role: input.role.as_str().to_owned(),
        title: f.localized("title", &input.title),
        email: f.email("email", &input.email),
        phone: f.text("phone", &input.phone),
        address: f.text("address", &input.address),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

pub fn data_subject_category(
    path: &Path,
    key: &str,
    input: &DataSubjectCategoryInput,
) -> Validated<data_subject_category::Model> {
    let mut f = Fields::new(path);
    let row = data_subject_category::Model {
        id: 0,
        external_id: key.to_owned(),
        name: f.required("name", &input.name, TextLimit::Name),
        description: f.localized("description", &input.description),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

pub fn data_category(
    path: &Path,
    key: &str,
    input: &DataCategoryInput,
) -> Validated<data_category::Model> {
    let mut f = Fields::new(path);
    let row = data_category::Model {
        id: 0,
        external_id: key.to_owned(),
        name: f.required("name", &input.name, TextLimit::Name),
        description: f.localized("description", &input.description),
        special_category: input.special_category,
        criminal: input.criminal,
        national_identifier: input.national_identifier,
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

/// A system; `vendor_id` is the writer's to resolve.
pub fn system(path: &Path, key: &str, input: &SystemInput) -> Validated<system::Model> {
    let mut f = Fields::new(path);
    let row = system::Model {
        id: 0,
        external_id: key.to_owned(),
        name: f.name("name", &input.name),
        localized_name: f.localized("localizedName", &input.localized_name),
        vendor_id: None,
        hosting_countries: f.countries("hostingCountries", &input.hosting_countries),
        description: f.localized("description", &input.description),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

/// How many recipients and transfers a register keeps stored: what the
/// input leaves as it is when it gives no list.
#[derive(Clone, Copy, Debug, Default)]
pub struct Kept {
    pub recipients: usize,
    pub transfers: usize,
}

/// A register but for its slug and references: the slug is checked first,
/// by `check::slug`, because whether another register has it is asked of
/// the database before the references are resolved.
pub fn register(
    path: &Path,
    key: &str,
    slug: &str,
    input: &RegisterInput,
    kept: Kept,
) -> Validated<register::Model> {
    let mut f = Fields::new(path);
    // "There are none" beside a list that names some says two things,
    // whether the list is given or kept.
    for (field, statement, listed, what) in [
        (
            "disclosureStatement",
            input.disclosure_statement,
            input.recipients.as_ref().map_or(kept.recipients, Vec::len),
            "recipients",
        ),
        (
            "transferStatement",
            input.transfer_statement,
            input.transfers.as_ref().map_or(kept.transfers, Vec::len),
            "transfers",
        ),
    ] {
        if statement == Some(AbsenceStatement::None) && listed > 0 {
            f.refuse(
                &path.key(field),
                UserErrorCode::Invalid,
                format!("the register lists {listed} {what}: it cannot also state there are none (NONE_REGULARLY says \"none regularly\")"),
            );
        }
    }
    let row = register::Model {
        id: 0,
        external_id: key.to_owned(),
        slug: slug.to_owned(),
        name: f.required("name", &input.name, TextLimit::Name),
        description: f.localized("description", &input.description),
        status: input.status.as_str().to_owned(),
        controller_id: 0,
        dpo_id: None,
        contact_person_id: None,
        supervisory_authority_id: None,
        notice_prepared_on: input.notice_prepared_on,
        notice_updated_on: input.notice_updated_on,
        automated_decision_making: f
            .localized("automatedDecisionMaking", &input.automated_decision_making),
        automated_decision_safeguards: f.localized(
            "automatedDecisionSafeguards",
            &input.automated_decision_safeguards,
        ),
        legal_bases: f.legal_bases("legalBases", &input.legal_bases),
        rights: f.rights("rights", &input.rights),
        provision_requirement: input.provision_requirement.map(|r| r.as_str().to_owned()),
        provision_consequences: f.localized("provisionConsequences", &input.provision_consequences),
        other_information: f.localized("otherInformation", &input.other_information),
        disclosure_statement: input.disclosure_statement.map(|s| s.as_str().to_owned()),
        transfer_statement: input.transfer_statement.map(|s| s.as_str().to_owned()),
        note: f.text("note", &input.note),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

pub fn purpose(path: &Path, at: Place, input: &PurposeInput) -> Validated<purpose::Model> {
    let mut f = Fields::new(path);
    let legitimate_interest = f.localized("legitimateInterest", &input.legitimate_interest);
    if given(&input.legitimate_interest)
        && input.legal_basis != Some(LegalBasis::LegitimateInterests)
    {
        f.refuse(
            &path.key("legitimateInterest"),
            UserErrorCode::Invalid,
            "a legitimate interest is stated only when the legal basis is LEGITIMATE_INTERESTS",
        );
    }
    let law = f.law("law", &input.law);
    if let Some(basis) = input.legal_basis
        && input.law.is_some()
        && !check::rests_on_law(Some(basis))
    {
        f.push(check::law_for_basis(&path.key("law"), basis));
    }
    let row = purpose::Model {
        id: 0,
        register_id: at.register_id,
        position: at.position,
        description: f.required("description", &input.description, TextLimit::Text),
        legal_basis: input.legal_basis.map(|b| b.as_str().to_owned()),
        law,
        legitimate_interest,
        special_category_condition: input
            .special_category_condition
            .map(|c| c.as_str().to_owned()),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

pub fn data_source(
    path: &Path,
    at: Place,
    input: &DataSourceInput,
) -> Validated<data_source::Model> {
    let mut f = Fields::new(path);
    let row = data_source::Model {
        id: 0,
        register_id: at.register_id,
        position: at.position,
        kind: input.kind.as_str().to_owned(),
        description: f.required("description", &input.description, TextLimit::Text),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

/// A recipient is an organization (the writer's to resolve) or a described
/// category of recipients (GDPR Art. 13(1)(e)).
pub fn recipient(path: &Path, at: Place, input: &RecipientInput) -> Validated<recipient::Model> {
    let mut f = Fields::new(path);
    let description = f.localized("description", &input.description);
    if input.organization.is_none() && !given(&input.description) {
        f.refuse(
            path,
            UserErrorCode::Required,
            "name the recipient organization or describe the category of recipients",
        );
    }
    let row = recipient::Model {
        id: 0,
        register_id: at.register_id,
        position: at.position,
        organization_id: None,
        description,
        hedge: input.hedge.map(|h| h.as_str().to_owned()),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

/// A retention rule states a period or the criteria that determine it
/// (GDPR Art. 13(2)(a)); `data_category_id` is the writer's to resolve.
pub fn retention_rule(
    path: &Path,
    at: Place,
    input: &RetentionRuleInput,
) -> Validated<retention_rule::Model> {
    let mut f = Fields::new(path);
    let criteria = f.localized("criteria", &input.criteria);
    match (input.amount, input.unit) {
        (Some(amount), _) if amount <= 0 => f.refuse(
            &path.key("amount"),
            UserErrorCode::Invalid,
            format!("{amount} is not a positive whole number of days, weeks, months or years"),
        ),
        (Some(_), None) => f.refuse(
            &path.key("unit"),
            UserErrorCode::Required,
            "a retention amount needs its unit (DAY, WEEK, MONTH or YEAR)",
        ),
        (None, Some(_)) => f.refuse(
            &path.key("amount"),
            UserErrorCode::Required,
            "a retention unit needs its amount",
        ),
        (None, None) if !given(&input.criteria) && !given(&input.trigger) => f.refuse(
            &path.key("amount"),
            UserErrorCode::Required,
            "state a period (amount and unit), the event until which data are kept (trigger) or the criteria used to determine the period (GDPR Art. 13(2)(a))",
        ),
        (None, _) if input.at_the_latest => f.refuse(
            &path.key("atTheLatest"),
            UserErrorCode::Invalid,
            "\"at the latest\" qualifies a period: give amount and unit",
        ),
        _ => {}
    }
    let row = retention_rule::Model {
        id: 0,
        register_id: at.register_id,
        position: at.position,
        data_category_id: None,
        amount: input.amount,
        unit: input.unit.map(|u| u.as_str().to_owned()),
        at_the_latest: input.at_the_latest,
        trigger: f.localized("trigger", &input.trigger),
        criteria,
        exceptions: f.localized("exceptions", &input.exceptions),
        disposal: input.disposal.map(|d| d.as_str().to_owned()),
        law: f.law("law", &input.law),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

pub fn security_measure(
    path: &Path,
    at: Place,
    input: &SecurityMeasureInput,
) -> Validated<security_measure::Model> {
    let mut f = Fields::new(path);
    let row = security_measure::Model {
        id: 0,
        register_id: at.register_id,
        position: at.position,
        kind: input.kind.as_str().to_owned(),
        material: input.material.map(|m| m.as_str().to_owned()),
        description: f.required("description", &input.description, TextLimit::Text),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

/// A processor engagement; `processor_id` and `parent_id` are the writer's
/// to resolve. An engagement under a parent is a sub-processor (GDPR
/// Art. 28(2)). Whether it names itself as parent is checked only when its
/// parent is linked now, not in the first pass that inserts it.
pub fn engagement(
    path: &Path,
    key: &str,
    at: Place,
    input: &ProcessorEngagementInput,
    link_parent: bool,
) -> Validated<processor_engagement::Model> {
    let mut f = Fields::new(path);
    if link_parent && input.parent.as_deref() == Some(key) {
        f.refuse(
            &path.key("parent"),
            UserErrorCode::Invalid,
            "an engagement cannot be its own parent",
        );
    }
    let role = input.role.unwrap_or(if input.parent.is_some() {
        EngagementRole::SubProcessor
    } else {
        EngagementRole::Processor
    });
    if role == EngagementRole::Processor && input.parent.is_some() {
        f.refuse(
            &path.key("role"),
            UserErrorCode::Invalid,
            "an engagement with a parent is a SUB_PROCESSOR",
        );
    }
    let row = processor_engagement::Model {
        id: 0,
        external_id: key.to_owned(),
        register_id: at.register_id,
        position: at.position,
        processor_id: 0,
        parent_id: None,
        role: role.as_str().to_owned(),
        service: f.localized("service", &input.service),
        processing_countries: f.countries("processingCountries", &input.processing_countries),
        contract_date: input.contract_date,
        contract_reference: f.text("contractReference", &input.contract_reference),
        conditions: f.localized("conditions", &input.conditions),
        hedge: input.hedge.map(|h| h.as_str().to_owned()),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}

/// A third-country transfer (GDPR Art. 44–49); `recipient_id` and
/// `engagement_id` are the writer's to resolve.
pub fn transfer(
    path: &Path,
    key: &str,
    at: Place,
    input: &TransferInput,
) -> Validated<transfer::Model> {
    let mut f = Fields::new(path);
    let destination = f.country("destinationCountry", &input.destination_country);
    if input.destination_country.is_some() && input.destination_region.is_some() {
        f.refuse(
            &path.key("destinationRegion"),
            UserErrorCode::Invalid,
            "name a destination country or a region, not both",
        );
    }
    if input.scc_version.is_some()
        && input.mechanism != TransferMechanism::StandardContractualClauses
    {
        f.refuse(
            &path.key("sccVersion"),
            UserErrorCode::Invalid,
            format!(
                "sccVersion is stated for STANDARD_CONTRACTUAL_CLAUSES, not for {}",
                input.mechanism.as_str()
            ),
        );
    }
    if let (Some(from), Some(to)) = (input.valid_from, input.valid_to)
        && to < from
    {
        f.refuse(
            &path.key("validTo"),
            UserErrorCode::Invalid,
            format!("{to} is before validFrom {from}"),
        );
    }
    let row = transfer::Model {
        id: 0,
        external_id: key.to_owned(),
        register_id: at.register_id,
        position: at.position,
        recipient_id: None,
        engagement_id: None,
        destination_country: destination.map(|c| c.to_string()),
        destination_region: input.destination_region.map(|r| r.as_str().to_owned()),
        mechanism: input.mechanism.as_str().to_owned(),
        scc_version: input.scc_version.map(|v| v.as_str().to_owned()),
        safeguard_reference: f.text("safeguardReference", &input.safeguard_reference),
        signed_on: input.signed_on,
        certification_checked_on: input.certification_checked_on,
        valid_from: input.valid_from,
        valid_to: input.valid_to,
        description: f.localized("description", &input.description),
        hedge: input.hedge.map(|h| h.as_str().to_owned()),
        created_at: placeholder_time(),
        updated_at: placeholder_time(),
        version: 0,
    };
    f.finish(row)
}
