//! What a notice template sees: the register's neighbourhood resolved into
//! one language, as plain strings and flags. It is also the snapshot a
//! published version keeps of what it was compiled from.

use serde::Serialize;

use super::reading::{Text, beside, countries, country, date, lines, statement};
use super::rights::{self, Grounds};
use crate::domain::{
    Localized, authority,
    enums::{
        ChannelKind, Hedge, Language, LegalBasis, ProvisionRequirement, Region, RetentionDisposal,
        SccVersion,
    },
    law::LawReference,
    value::read_json,
};
use crate::graph::{OrganizationView, RegisterView};
use crate::inventory::document::{ContactChannel, LegalBasisStatement, RightStatement};

#[derive(Clone, Debug, Serialize)]
pub struct Context {
    pub language: &'static str,
    /// Some of the record's text exists only in another language and is
    /// printed in it; the notice says so.
    pub untranslated: bool,
    pub register: RegisterText,
    pub controller: Party,
    pub joint_controllers: Vec<Party>,
    /// The DPO and the contact person, whichever are recorded, in that order.
    pub contacts: Vec<Person>,
    pub purposes: Vec<PurposeText>,
    /// Legal bases stated once for the whole register.
    pub legal_bases: Vec<BasisText>,
    pub subjects: Vec<SubjectText>,
    pub data_categories: Vec<CategoryText>,
    pub has_special_categories: bool,
    pub has_national_identifiers: bool,
    /// Identity codes processed (checked) but not kept: said as such, never
    /// as "the register holds".
    pub has_unstored_national_identifiers: bool,
    pub has_criminal_data: bool,
    pub sources: Vec<SourceText>,
    /// Some data is not collected from the data subject (GDPR Art. 14).
    pub collected_indirectly: bool,
    pub recipients: Vec<RecipientText>,
    pub processors: Vec<ProcessorText>,
    pub transfers: Vec<TransferText>,
    pub retention: Vec<RetentionText>,
    pub security: Vec<SecurityText>,
    pub automated_decision_making: Option<String>,
    /// The Art. 22(3) safeguards the controller states.
    pub automated_decision_safeguards: Option<String>,
    /// Whether the data subject must give the data (Art. 13(2)(e)); null
    /// when the controller has not stated it.
    pub provision_requirement: Option<&'static str>,
    pub provision_consequences: Option<String>,
    pub rights: RightsText,
    /// The authority the register names, or else the one of the
    /// controller's country from the shipped reference data.
    pub authority: Option<Party>,
    /// REGISTER when the register names the authority, CONTROLLER_COUNTRY
    /// when it was chosen by the controller's country; null with no authority.
    pub authority_from: Option<&'static str>,
    pub other_information: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RegisterText {
    pub name: String,
    pub description: Option<String>,
    pub prepared_on: Option<String>,
    pub updated_on: Option<String>,
    pub systems: Vec<SystemText>,
    /// NONE or NONE_REGULARLY when the controller states it; an empty list
    /// alone says nothing.
    pub disclosure_statement: Option<&'static str>,
    pub transfer_statement: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Party {
    pub name: String,
    pub business_id: Option<String>,
    pub country: Option<String>,
    pub postal_address: Vec<String>,
    pub visiting_address: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Further ways to reach the organization.
    pub channels: Vec<ChannelText>,
    /// The joint controller's role, or an authority's function contacts.
    pub role: Option<String>,
    pub arrangement: Option<String>,
    pub contacts: Vec<Person>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChannelText {
    pub kind: &'static str,
    pub value: String,
    pub label: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BasisText {
    pub basis: &'static str,
    /// The law it rests on, cited in the notice's language.
    pub law: Option<String>,
    /// The interest pursued, for LEGITIMATE_INTERESTS.
    pub legitimate_interest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Person {
    pub name: String,
    pub role: &'static str,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PurposeText {
    pub description: String,
    pub legal_basis: Option<&'static str>,
    pub legitimate_interest: Option<String>,
    pub special_category_condition: Option<&'static str>,
    /// The act the basis rests on (Art. 6(3)), cited.
    pub law: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SystemText {
    pub name: String,
    pub hosting_countries: Vec<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SubjectText {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CategoryText {
    pub name: String,
    /// The catalogue entry's own description of the category.
    pub description: Option<String>,
    pub note: Option<String>,
    pub justification: Option<String>,
    pub special_category: bool,
    pub national_identifier: bool,
    pub criminal: bool,
    /// False when processed without being kept in the register.
    pub stored: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceText {
    pub kind: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecipientText {
    pub organization: Option<String>,
    pub description: Option<String>,
    /// POSSIBLY, OCCASIONALLY or FOR_EXAMPLE: stated as the source hedges it.
    pub hedge: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProcessorText {
    pub name: String,
    pub country: Option<String>,
    pub sub_processor: bool,
    /// The processor whose sub-processor this is, when it is named in
    /// this register.
    pub engaged_by: Option<String>,
    pub service: Option<String>,
    pub conditions: Option<String>,
    pub processing_countries: Vec<String>,
    pub hedge: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TransferText {
    pub recipient: Option<String>,
    pub country: Option<String>,
    /// EU, EEA or WORLDWIDE, where no country is named.
    pub region: Option<&'static str>,
    pub mechanism: &'static str,
    /// The Commission decision of the standard contractual clauses signed.
    pub scc_decision: Option<&'static str>,
    /// For clauses repealed by Decision (EU) 2021/914, the last day they
    /// were a valid safeguard, once it has passed: the notice then says so
    /// rather than present them as a valid mechanism.
    pub scc_expired_after: Option<String>,
    pub hedge: Option<&'static str>,
    /// The mechanism was taken away (Privacy Shield): the notice says it is
    /// no valid basis rather than present it as one.
    pub mechanism_invalid: bool,
    pub safeguard: Option<String>,
    /// When the safeguard document (the SCC, …) was signed.
    pub signed_on: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RetentionText {
    pub amount: Option<i32>,
    pub unit: Option<&'static str>,
    /// The period is an upper bound.
    pub at_the_latest: bool,
    /// CONTINUOUS, YEARLY or MANUAL.
    pub disposal: Option<&'static str>,
    /// The act that sets the period, cited.
    pub law: Option<String>,
    pub trigger: Option<String>,
    pub criteria: Option<String>,
    pub exceptions: Option<String>,
    pub category: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SecurityText {
    pub kind: String,
    pub material: Option<String>,
    pub description: String,
}

/// The data subject's rights as `rights::derive` states them.
#[derive(Clone, Debug, Serialize)]
pub struct RightsText {
    /// The rights that apply, each with its condition, in order.
    pub stated: Vec<RightText>,
    /// The rights the notice cannot affirm or deny because the basis of
    /// some processing is not stated.
    pub undetermined: Vec<&'static str>,
    /// The purposes whose basis is not stated (empty when none is recorded
    /// at all).
    pub purposes_without_basis: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RightText {
    pub right: &'static str,
    pub condition: &'static str,
    /// The bases the condition names.
    pub bases: Vec<&'static str>,
    /// For a right the register states: its conditions or the reason it
    /// does not apply, and the provision.
    pub conditions: Option<String>,
    pub law: Option<String>,
}

/// A stored law reference (JSON), cited in `language`.
fn law(stored: &Option<String>, language: Language) -> Option<String> {
    read_json::<Option<LawReference>>(stored).map(|l| l.cite(language))
}

fn hedge(stored: &Option<String>) -> Option<&'static str> {
    stored.as_deref().and_then(Hedge::parse).map(Hedge::as_str)
}

/// The legal bases stated once for the whole register.
pub(super) fn register_bases(view: &RegisterView) -> Vec<LegalBasisStatement> {
    read_json(&view.register.legal_bases)
}

/// The rights the register states itself.
pub(super) fn right_statements(view: &RegisterView) -> Vec<RightStatement> {
    read_json(&view.register.rights)
}

fn channels(stored: &Option<String>, t: &Text) -> Vec<ChannelText> {
    read_json::<Vec<ContactChannel>>(stored)
        .into_iter()
        .map(|c| ChannelText {
            kind: ChannelKind::as_str(c.kind),
            value: c.value,
            label: c.label.as_ref().and_then(|l| t.localized(l)),
        })
        .collect()
}

fn person(c: &entity::contact::Model, t: &Text) -> Person {
    Person {
        name: c.name.clone(),
        role: crate::domain::enums::ContactRole::parse(&c.role).map_or("OTHER", |r| r.as_str()),
        title: t.opt(&c.title),
        email: c.email.clone(),
        phone: c.phone.clone(),
        address: lines(&c.address),
    }
}

fn party(o: &OrganizationView, t: &Text, language: Language) -> Party {
    let org = &o.organization;
    Party {
        name: org.name.clone(),
        business_id: org.business_id.clone(),
        country: country(&org.country, language),
        postal_address: lines(&org.postal_address),
        visiting_address: lines(&org.visiting_address),
        email: org.email.clone(),
        phone: org.phone.clone(),
        website: org.website.clone(),
        channels: channels(&org.channels, t),
        role: None,
        arrangement: None,
        contacts: o.contacts.iter().map(|c| person(c, t)).collect(),
    }
}

/// Resolves the view into `language`.
pub fn build(view: &RegisterView, language: Language) -> Context {
    let t = Text::new(language);
    let categories: Vec<CategoryText> = view
        .data_categories
        .iter()
        .map(|(link, c)| CategoryText {
            description: beside(t.opt(&c.description), &t.req(&c.name)),
            name: t.req(&c.name),
            note: t.opt(&link.note),
            justification: t.opt(&link.justification),
            special_category: c.special_category,
            national_identifier: c.national_identifier,
            criminal: c.criminal,
            stored: link.stored,
        })
        .collect();
    let (authority, authority_from) = complaint_authority(view, &t, language);
    let mut context = Context {
        language: language.as_str(),
        untranslated: false,
        register: RegisterText {
            name: t.req(&view.register.name),
            description: t.opt(&view.register.description),
            prepared_on: date(view.register.notice_prepared_on, language),
            updated_on: date(view.register.notice_updated_on, language),
            systems: view
                .systems
                .iter()
                .map(|s| SystemText {
                    name: s
                        .localized_name
                        .as_deref()
                        .map(Localized::from_json)
                        .and_then(|l| l.exact(language).map(str::to_owned))
                        .unwrap_or_else(|| s.name.clone()),
                    hosting_countries: countries(&s.hosting_countries, language),
                    description: t.opt(&s.description),
                })
                .collect(),
            disclosure_statement: statement(&view.register.disclosure_statement),
            transfer_statement: statement(&view.register.transfer_statement),
        },
        controller: party(&view.controller, &t, language),
        joint_controllers: view
            .joint_controllers
            .iter()
            .map(|(link, org)| Party {
                role: t.opt(&link.role),
                arrangement: t.opt(&link.arrangement),
                // A joint controller's contact persons are not the
                // controller's to publish: the notice gives the
                // organization's own details (Art. 26(3): rights may be
                // exercised against each controller).
                contacts: Vec::new(),
                ..party(org, &t, language)
            })
            .collect(),
        contacts: view
            .dpo
            .iter()
            .chain(
                view.contact_person
                    .iter()
                    .filter(|c| Some(c.id) != view.dpo.as_ref().map(|d| d.id)),
            )
            .map(|c| person(c, &t))
            .collect(),
        purposes: view
            .purposes
            .iter()
            .map(|p| PurposeText {
                description: t.req(&p.description),
                legal_basis: p
                    .legal_basis
                    .as_deref()
                    .and_then(LegalBasis::parse)
                    .map(LegalBasis::as_str),
                legitimate_interest: t.opt(&p.legitimate_interest),
                special_category_condition: p
                    .special_category_condition
                    .as_deref()
                    .and_then(crate::domain::enums::SpecialCategoryCondition::parse)
                    .map(|c| c.as_str()),
                law: law(&p.law, language),
            })
            .collect(),
        legal_bases: register_bases(view)
            .into_iter()
            .map(|b| BasisText {
                basis: b.basis.as_str(),
                law: b.law.map(|l| l.cite(language)),
                legitimate_interest: b
                    .legitimate_interest
                    .and_then(|i| i.get(language).map(str::to_owned)),
            })
            .collect(),
        subjects: view
            .subjects
            .iter()
            .map(|s| SubjectText {
                description: beside(t.opt(&s.description), &t.req(&s.name)),
                name: t.req(&s.name),
            })
            .collect(),
        has_special_categories: categories.iter().any(|c| c.special_category && c.stored),
        has_national_identifiers: categories.iter().any(|c| c.national_identifier && c.stored),
        has_unstored_national_identifiers: categories
            .iter()
            .any(|c| c.national_identifier && !c.stored),
        has_criminal_data: categories.iter().any(|c| c.criminal && c.stored),
        data_categories: categories,
        collected_indirectly: view.sources.iter().any(|s| s.kind != "DATA_SUBJECT"),
        sources: view
            .sources
            .iter()
            .map(|s| SourceText {
                kind: s.kind.clone(),
                description: t.req(&s.description),
            })
            .collect(),
        recipients: view
            .recipients
            .iter()
            .map(|(r, org)| RecipientText {
                organization: org.as_ref().map(|o| o.name.clone()),
                description: t.opt(&r.description),
                hedge: hedge(&r.hedge),
            })
            .collect(),
        processors: view
            .processors
            .iter()
            .map(|(e, org)| ProcessorText {
                name: org.name.clone(),
                country: country(&org.country, language),
                sub_processor: e.role == "SUB_PROCESSOR",
                engaged_by: e.parent_id.and_then(|parent| {
                    view.processors
                        .iter()
                        .find(|(p, _)| p.id == parent)
                        .map(|(_, o)| o.name.clone())
                }),
                service: t.opt(&e.service),
                conditions: t.opt(&e.conditions),
                processing_countries: countries(&e.processing_countries, language),
                hedge: hedge(&e.hedge),
            })
            .collect(),
        transfers: view
            .transfers
            .iter()
            .map(|(tr, org)| TransferText {
                recipient: org.as_ref().map(|o| o.name.clone()),
                country: country(&tr.destination_country, language),
                region: tr
                    .destination_region
                    .as_deref()
                    .and_then(Region::parse)
                    .map(Region::as_str),
                scc_decision: tr
                    .scc_version
                    .as_deref()
                    .and_then(SccVersion::parse)
                    .map(SccVersion::decision),
                scc_expired_after: date(
                    tr.scc_version
                        .as_deref()
                        .and_then(SccVersion::parse)
                        .and_then(SccVersion::valid_until)
                        .filter(|last| *last < chrono::Utc::now().date_naive()),
                    language,
                ),
                hedge: hedge(&tr.hedge),
                mechanism: crate::domain::enums::TransferMechanism::parse(&tr.mechanism)
                    .map_or("UNKNOWN", |m| m.as_str()),
                mechanism_invalid: crate::domain::enums::TransferMechanism::parse(&tr.mechanism)
                    .is_some_and(|m| m.invalid_on(chrono::Utc::now().date_naive())),
                safeguard: tr.safeguard_reference.clone(),
                signed_on: date(tr.signed_on, language),
                valid_from: date(tr.valid_from, language),
                valid_to: date(tr.valid_to, language),
                description: t.opt(&tr.description),
            })
            .collect(),
        retention: view
            .retention
            .iter()
            .map(|(r, category)| RetentionText {
                amount: r.amount,
                unit: r
                    .unit
                    .as_deref()
                    .and_then(crate::domain::enums::RetentionUnit::parse)
                    .map(|u| u.as_str()),
                at_the_latest: r.at_the_latest,
                disposal: r
                    .disposal
                    .as_deref()
                    .and_then(RetentionDisposal::parse)
                    .map(RetentionDisposal::as_str),
                law: law(&r.law, language),
                trigger: t.opt(&r.trigger),
                criteria: t.opt(&r.criteria),
                exceptions: t.opt(&r.exceptions),
                category: category.as_ref().map(|c| t.req(&c.name)),
            })
            .collect(),
        security: view
            .security
            .iter()
            .map(|s| SecurityText {
                kind: s.kind.clone(),
                material: s.material.clone(),
                description: t.req(&s.description),
            })
            .collect(),
        automated_decision_making: t.opt(&view.register.automated_decision_making),
        automated_decision_safeguards: t.opt(&view.register.automated_decision_safeguards),
        provision_requirement: view
            .register
            .provision_requirement
            .as_deref()
            .and_then(ProvisionRequirement::parse)
            .map(ProvisionRequirement::as_str),
        provision_consequences: t.opt(&view.register.provision_consequences),
        rights: rights_text(view, &t),
        authority,
        authority_from,
        other_information: t.opt(&view.register.other_information),
    };
    context.untranslated = t.fell_back();
    context
}

fn rights_text(view: &RegisterView, t: &Text) -> RightsText {
    let derived = rights::derive(&Grounds::of(view));
    let statements = right_statements(view);
    let (undetermined, stated): (Vec<_>, Vec<_>) = derived
        .into_iter()
        .partition(|s| s.condition == rights::Condition::BasisNotStated);
    RightsText {
        stated: stated
            .into_iter()
            .map(|s| {
                let declared = statements
                    .iter()
                    .find(|d| rights::Right::of(d.right) == s.right)
                    .filter(|_| matches!(s.condition, rights::Condition::Declared(_)));
                RightText {
                    right: s.right.as_str(),
                    condition: s.condition.as_str(),
                    bases: s.condition.bases().iter().map(|b| b.as_str()).collect(),
                    conditions: declared
                        .and_then(|d| d.conditions.as_ref())
                        .and_then(|c| t.localized(c)),
                    law: declared
                        .and_then(|d| d.law.as_ref())
                        .map(|l| l.cite(t.language())),
                }
            })
            .collect(),
        undetermined: undetermined.iter().map(|s| s.right.as_str()).collect(),
        purposes_without_basis: if undetermined.is_empty() {
            Vec::new()
        } else {
            view.purposes
                .iter()
                .filter(|p| {
                    p.legal_basis
                        .as_deref()
                        .and_then(LegalBasis::parse)
                        .is_none()
                })
                .map(|p| t.req(&p.description))
                .collect()
        },
    }
}

/// The authority a complaint goes to (Art. 77): the one the register
/// names, else the one of the controller's country from the shipped
/// reference data, else none (the notice then says so).
fn complaint_authority(
    view: &RegisterView,
    t: &Text,
    language: Language,
) -> (Option<Party>, Option<&'static str>) {
    if let Some(named) = &view.supervisory_authority {
        return (Some(party(named, t, language)), Some("REGISTER"));
    }
    let Some(shipped) = view
        .controller
        .country
        .as_deref()
        .and_then(authority::for_country)
    else {
        return (None, None);
    };
    let line = |text: &str| vec![text.to_owned()];
    let authority = Party {
        name: shipped.name(language).to_owned(),
        business_id: None,
        country: country(&Some(shipped.country.to_owned()), language),
        postal_address: line(shipped.postal_address),
        visiting_address: shipped.visiting_address.map(line).unwrap_or_default(),
        email: Some(shipped.email.to_owned()),
        phone: Some(shipped.phone.to_owned()),
        website: Some(shipped.website.to_owned()),
        channels: Vec::new(),
        role: None,
        arrangement: None,
        contacts: Vec::new(),
    };
    (Some(authority), Some("CONTROLLER_COUNTRY"))
}
