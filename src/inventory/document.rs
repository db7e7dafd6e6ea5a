//! The inventory document (docs/inventory-format.md) and the input shapes of
//! the GraphQL mutations: one set of types serves both, so a script can move
//! between bulk import and one-entity upserts without translating.
//!
//! Field order here is the key order `export` writes. References between
//! entities are by `externalId`. A nested list left out (`null`) leaves what
//! is stored alone; a list given replaces it exactly.

use async_graphql::{InputObject, SimpleObject};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{
    enums::{
        AbsenceStatement, ChannelKind, ContactRole, DataSubjectRight, EngagementRole, Hedge,
        LegalBasis, Material, ProvisionRequirement, Region, RegisterStatus, RetentionDisposal,
        RetentionUnit, RightApplies, SccVersion, SecurityKind, SourceKind,
        SpecialCategoryCondition, TransferMechanism,
    },
    law::LawReference,
    localized::Localized,
};

/// The format marker every document starts with.
pub const FORMAT: &str = "ropagraph-inventory/1";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    pub format: String,
    #[serde(default)]
    pub organizations: Vec<OrganizationInput>,
    #[serde(default)]
    pub data_subject_categories: Vec<DataSubjectCategoryInput>,
    #[serde(default)]
    pub data_categories: Vec<DataCategoryInput>,
    #[serde(default)]
    pub systems: Vec<SystemInput>,
    #[serde(default)]
    pub registers: Vec<RegisterInput>,
}

/// A legal party: controller, processor, recipient or supervisory authority.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganizationInput {
    /// Your key for this organization; generated when left out on create.
    pub external_id: Option<String>,
    pub name: String,
    /// Finnish Y-tunnus (check digit validated) or another registry's id.
    pub business_id: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub postal_address: Option<String>,
    pub visiting_address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Further channels beside `email` and `phone`: a second e-mail, a web
    /// form, another postal address, each with an optional label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[graphql(default)]
    pub channels: Vec<ContactChannel>,
    /// Provenance and internal notes; never shown in a notice.
    pub note: Option<String>,
    /// The organization's contacts, exactly; left out (null), they stay as they are.
    pub contacts: Option<Vec<ContactInput>>,
}

/// A way to reach an organization beside its main e-mail and phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, InputObject, SimpleObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[graphql(input_name = "ContactChannelInput")]
pub struct ContactChannel {
    pub kind: ChannelKind,
    /// The address, number or URL.
    pub value: String,
    /// What the channel is for ("Laskutus", "Tietosuoja-asiat").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Localized>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactInput {
    pub external_id: Option<String>,
    /// A person or a function ("Asiakaspalvelu").
    pub name: String,
    pub role: ContactRole,
    pub title: Option<Localized>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataSubjectCategoryInput {
    pub external_id: Option<String>,
    pub name: Localized,
    pub description: Option<Localized>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataCategoryInput {
    pub external_id: Option<String>,
    pub name: Localized,
    pub description: Option<Localized>,
    /// GDPR Art. 9(1) special category.
    #[serde(default)]
    #[graphql(default)]
    pub special_category: bool,
    /// GDPR Art. 10 criminal convictions and offences.
    #[serde(default)]
    #[graphql(default)]
    pub criminal: bool,
    /// National identification number (Art. 87; Tietosuojalaki 1050/2018 § 29).
    #[serde(default)]
    #[graphql(default)]
    pub national_identifier: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SystemInput {
    pub external_id: Option<String>,
    pub name: String,
    /// The name per language, where it differs from `name` ("Asiakasportaali" / "Customer portal").
    pub localized_name: Option<Localized>,
    /// externalId of the vendor organization.
    pub vendor: Option<String>,
    #[serde(default)]
    #[graphql(default)]
    pub hosting_countries: Vec<String>,
    pub description: Option<Localized>,
}

/// A processing activity and everything it owns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterInput {
    pub external_id: Option<String>,
    /// The public notice's address: lower-case a-z, 0-9 and single hyphens.
    pub slug: String,
    pub name: Localized,
    pub description: Option<Localized>,
    #[serde(default = "active")]
    #[graphql(default_with = "RegisterStatus::Active")]
    pub status: RegisterStatus,
    /// externalId of the controller organization.
    pub controller: String,
    pub joint_controllers: Option<Vec<JointControllerInput>>,
    /// externalId of the DPO contact.
    pub dpo: Option<String>,
    /// externalId of the contact person.
    pub contact_person: Option<String>,
    /// externalId of the supervisory authority organization.
    pub supervisory_authority: Option<String>,
    pub notice_prepared_on: Option<NaiveDate>,
    pub notice_updated_on: Option<NaiveDate>,
    /// What the controller states about automated decision-making and profiling (Art. 13(2)(f)).
    pub automated_decision_making: Option<Localized>,
    /// The Art. 22(3) safeguards: how to obtain human intervention, express a
    /// point of view and contest a decision.
    pub automated_decision_safeguards: Option<Localized>,
    /// Legal bases stated once for the whole register, where the source does
    /// not tie them to purposes; a purpose's own basis is stated on the purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[graphql(default)]
    pub legal_bases: Vec<LegalBasisStatement>,
    /// Whether the data subject must provide the data (Art. 13(2)(e)).
    pub provision_requirement: Option<ProvisionRequirement>,
    /// What follows if the data are not provided (Art. 13(2)(e)).
    pub provision_consequences: Option<Localized>,
    /// Rights as the notice states them where it limits or extends what the
    /// law derives from the legal bases (one statement per right).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[graphql(default)]
    pub rights: Vec<RightStatement>,
    /// Further statements of the notice that have no typed place.
    pub other_information: Option<Localized>,
    /// What the controller states when it lists no recipients: NONE ("not
    /// disclosed") or NONE_REGULARLY ("not regularly disclosed"); null when
    /// it states nothing — the notice then says so, never a negative.
    pub disclosure_statement: Option<AbsenceStatement>,
    /// The same for transfers outside the EU/EEA.
    pub transfer_statement: Option<AbsenceStatement>,
    pub note: Option<String>,
    /// externalIds of the systems the register uses.
    pub systems: Option<Vec<String>>,
    pub purposes: Option<Vec<PurposeInput>>,
    /// externalIds of data subject categories.
    pub data_subject_categories: Option<Vec<String>>,
    pub data_categories: Option<Vec<RegisterDataCategoryInput>>,
    pub sources: Option<Vec<DataSourceInput>>,
    pub recipients: Option<Vec<RecipientInput>>,
    pub processors: Option<Vec<ProcessorEngagementInput>>,
    pub transfers: Option<Vec<TransferInput>>,
    pub retention_rules: Option<Vec<RetentionRuleInput>>,
    pub security_measures: Option<Vec<SecurityMeasureInput>>,
}

fn active() -> RegisterStatus {
    RegisterStatus::Active
}

#[allow(clippy::derivable_impls)] // the enum is declared by a macro
impl Default for RegisterStatus {
    fn default() -> Self {
        Self::Active
    }
}

#[allow(clippy::derivable_impls)] // the enum is declared by a macro
impl Default for ContactRole {
    fn default() -> Self {
        Self::Other
    }
}

/// A legal basis stated for a whole register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, InputObject, SimpleObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[graphql(input_name = "LegalBasisStatementInput")]
pub struct LegalBasisStatement {
    pub basis: LegalBasis,
    /// The national law it rests on (Art. 6(3)), for LEGAL_OBLIGATION and PUBLIC_TASK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<LawReference>,
    /// The interest pursued, for LEGITIMATE_INTERESTS (Art. 13(1)(d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legitimate_interest: Option<Localized>,
}

/// A right as the notice states it, where it departs from what the law
/// derives from the register's legal bases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, InputObject, SimpleObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[graphql(input_name = "RightStatementInput")]
pub struct RightStatement {
    pub right: DataSubjectRight,
    pub applies: RightApplies,
    /// The conditions or the reason, with the provision that sets them;
    /// required unless the right simply APPLIES.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Localized>,
    /// The provision that limits or excludes the right (tietosuojalaki 1050/2018 § 31–34, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<LawReference>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JointControllerInput {
    /// externalId of the joint controller organization.
    pub organization: String,
    pub role: Option<Localized>,
    /// The essence of the Art. 26 arrangement.
    pub arrangement: Option<Localized>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PurposeInput {
    pub description: Localized,
    /// Null when the source states none.
    pub legal_basis: Option<LegalBasis>,
    /// The national law the basis rests on (Art. 6(3)): for LEGAL_OBLIGATION
    /// and PUBLIC_TASK, the act and section that lay the obligation or task down.
    pub law: Option<LawReference>,
    /// The interest pursued, for LEGITIMATE_INTERESTS (Art. 13(1)(d)).
    pub legitimate_interest: Option<Localized>,
    /// Art. 9(2) condition, when special categories are processed for this purpose.
    pub special_category_condition: Option<SpecialCategoryCondition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterDataCategoryInput {
    /// externalId of the data category.
    pub category: String,
    pub note: Option<Localized>,
    /// The ground for processing a category that needs one: the § 29 ground
    /// for a personal identity code (Tietosuojalaki 1050/2018), the Art. 10
    /// authorisation for criminal data.
    pub justification: Option<Localized>,
    /// False when the register processes the category without keeping it
    /// (an identity code checked against a document and not stored): the
    /// notice then says so instead of "the register holds".
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    #[graphql(default = true)]
    pub stored: bool,
}

impl Default for RegisterDataCategoryInput {
    fn default() -> Self {
        Self {
            category: String::new(),
            note: None,
            justification: None,
            stored: true,
        }
    }
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataSourceInput {
    pub kind: SourceKind,
    pub description: Localized,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecipientInput {
    /// externalId of the recipient organization, or null for a category of recipients.
    pub organization: Option<String>,
    pub description: Option<Localized>,
    /// How firmly the notice states it: "may be disclosed", "occasionally".
    pub hedge: Option<Hedge>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProcessorEngagementInput {
    pub external_id: Option<String>,
    /// externalId of the processor organization.
    pub processor: String,
    /// externalId of the engagement this one is a sub-processor of.
    pub parent: Option<String>,
    /// PROCESSOR, or SUB_PROCESSOR when engaged by another processor (Art. 28(4)).
    pub role: Option<EngagementRole>,
    pub service: Option<Localized>,
    /// Where the processor processes the data (ISO 3166-1 alpha-2).
    #[serde(default)]
    #[graphql(default)]
    pub processing_countries: Vec<String>,
    /// Date of the Art. 28(3) contract.
    pub contract_date: Option<NaiveDate>,
    pub contract_reference: Option<String>,
    pub conditions: Option<Localized>,
    /// How firmly the notice states it: "for example Zendesk".
    pub hedge: Option<Hedge>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransferInput {
    pub external_id: Option<String>,
    /// externalId of the recipient organization; null when the source names none.
    pub recipient: Option<String>,
    /// externalId of the processor engagement the transfer happens under.
    pub engagement: Option<String>,
    /// ISO 3166-1 alpha-2; null when the source names none.
    pub destination_country: Option<String>,
    /// A region, where the source names one instead of a country ("EU:n tai
    /// ETA:n alueella", "worldwide", "EU:n tai ETA:n ulkopuolelle"); not together with a country.
    pub destination_region: Option<Region>,
    #[serde(default = "unknown_mechanism")]
    #[graphql(default_with = "TransferMechanism::Unknown")]
    pub mechanism: TransferMechanism,
    /// For STANDARD_CONTRACTUAL_CLAUSES: which clauses were signed.
    pub scc_version: Option<SccVersion>,
    pub safeguard_reference: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub certification_checked_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub description: Option<Localized>,
    /// How firmly the notice states it: "data may be transferred".
    pub hedge: Option<Hedge>,
}

fn unknown_mechanism() -> TransferMechanism {
    TransferMechanism::Unknown
}

#[allow(clippy::derivable_impls)] // the enum is declared by a macro
impl Default for TransferMechanism {
    fn default() -> Self {
        Self::Unknown
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetentionRuleInput {
    /// externalId of the data category the rule is for; null for the whole register.
    pub data_category: Option<String>,
    /// A positive whole number, with `unit`; or null with `criteria`.
    pub amount: Option<i32>,
    pub unit: Option<RetentionUnit>,
    /// The period is an upper bound: "at the latest", "enintään".
    #[serde(default, skip_serializing_if = "is_false")]
    #[graphql(default)]
    pub at_the_latest: bool,
    /// The event the period runs from ("after the ticket is closed"), or,
    /// alone, the event until which data are kept.
    pub trigger: Option<Localized>,
    /// How the period is determined when no fixed period is stated (Art. 13(2)(a)).
    pub criteria: Option<Localized>,
    pub exceptions: Option<Localized>,
    /// How data are disposed of when the period ends.
    pub disposal: Option<RetentionDisposal>,
    /// The act that sets the period ("kirjanpitolaki 1336/1997, 2 luku 10 §").
    pub law: Option<LawReference>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, InputObject)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityMeasureInput {
    pub kind: SecurityKind,
    pub material: Option<Material>,
    pub description: Localized,
}
