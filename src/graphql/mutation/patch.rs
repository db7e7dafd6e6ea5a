//! The fields of `update*` and `upsert*` inputs: GraphQL partial updates. A
//! field left out keeps its stored value, an explicit `null` clears it, and
//! a list that is given replaces that list. A patch is laid over the stored
//! node read as a document input (`inventory::stored`), and the writer then
//! validates and saves the whole, as it does for a document: one write path.

use async_graphql::{InputObject, MaybeUndefined};
use chrono::NaiveDate;

use crate::{
    domain::{
        Path, UserError, UserErrorCode,
        enums::{
            AbsenceStatement, ContactRole, EngagementRole, Hedge, LegalBasis, Material,
            ProvisionRequirement, Region, RegisterStatus, RetentionDisposal, RetentionUnit,
            SccVersion, SecurityKind, SourceKind, SpecialCategoryCondition, TransferMechanism,
        },
        law::LawReference,
        localized::Localized,
    },
    inventory::document::*,
};

/// Fields to lay over a stored node.
pub trait Patch {
    type Input;
    /// Lays the given fields over `base`. `creating` is true when there is
    /// no stored node: then every required field must be given.
    fn apply(self, base: &mut Self::Input, path: &Path, creating: bool) -> Vec<UserError>;
    /// The externalId the patch names, if any.
    fn external_id(&self) -> Option<&str>;
}

/// `externalId` → `external_id`'s GraphQL name.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn cannot_clear(path: &Path, field: &str) -> UserError {
    UserError::new(
        &path.key(&camel(field)),
        UserErrorCode::Required,
        format!(
            "{} cannot be cleared: give a value or leave it out",
            camel(field)
        ),
    )
}

macro_rules! lay {
    // externalId: optional on the input, but a stored node always has one.
    (key, $patch:expr, $base:expr, $path:expr, $creating:expr, $errors:expr, $name:expr) => {
        match $patch {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => $errors.push(cannot_clear($path, $name)),
            MaybeUndefined::Value(value) => $base = Some(value),
        }
    };
    (required, $patch:expr, $base:expr, $path:expr, $creating:expr, $errors:expr, $name:expr) => {
        match $patch {
            MaybeUndefined::Undefined if $creating => $errors.push(UserError::new(
                &$path.key(&camel($name)),
                UserErrorCode::Required,
                format!("{} is required to create", camel($name)),
            )),
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => $errors.push(cannot_clear($path, $name)),
            MaybeUndefined::Value(value) => $base = value,
        }
    };
    (optional, $patch:expr, $base:expr, $path:expr, $creating:expr, $errors:expr, $name:expr) => {
        $patch.update_to(&mut $base)
    };
    // A value with a default (a flag, a status, a list of countries): null
    // puts the default back.
    (defaulted, $patch:expr, $base:expr, $path:expr, $creating:expr, $errors:expr, $name:expr) => {
        match $patch {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => $base = Default::default(),
            MaybeUndefined::Value(value) => $base = value,
        }
    };
    // A nested list: `None` in the input leaves the stored list alone.
    (list, $patch:expr, $base:expr, $path:expr, $creating:expr, $errors:expr, $name:expr) => {
        match $patch {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => $base = Some(Vec::new()),
            MaybeUndefined::Value(value) => $base = Some(value),
        }
    };
}

macro_rules! external_id {
    (external_id, $self:expr) => {
        return $self.external_id.as_opt_deref().flatten()
    };
    ($other:ident, $self:expr) => {};
}

macro_rules! patch {
    (
        $(#[doc = $doc:literal])*
        $patch:ident for $input:ident $(, then $then:path)? {
            $( $(#[doc = $fdoc:literal])* $field:ident : $how:ident $ty:ty, )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(InputObject, Default)]
        pub struct $patch {
            $( $(#[doc = $fdoc])* pub $field: MaybeUndefined<$ty>, )*
        }

        impl Patch for $patch {
            type Input = $input;

            #[allow(unused_mut, unused_variables)]
            fn apply(self, base: &mut $input, path: &Path, creating: bool) -> Vec<UserError> {
                let mut errors = Vec::new();
                $( $then(&self, base); )?
                $( lay!($how, self.$field, base.$field, path, creating, errors, stringify!($field)); )*
                errors
            }

            #[allow(unreachable_code)]
            fn external_id(&self) -> Option<&str> {
                $( external_id!($field, self); )*
                None
            }
        }
    };
}

patch! {
    /// The fields of an organization to change.
    OrganizationPatch for OrganizationInput {
        /// Your key for this organization.
        external_id: key String,
        name: required String,
        /// Finnish Y-tunnus (check digit validated) or another registry's id.
        business_id: optional String,
        /// ISO 3166-1 alpha-2.
        country: optional String,
        postal_address: optional String,
        visiting_address: optional String,
        email: optional String,
        phone: optional String,
        website: optional String,
        /// Further channels beside email and phone; given, they replace the stored ones.
        channels: defaulted Vec<ContactChannel>,
        /// Provenance and internal notes; never shown in a notice.
        note: optional String,
        /// The organization's contacts, exactly: given, they replace the stored ones.
        contacts: list Vec<ContactInput>,
    }
}

patch! {
    /// The fields of a contact to change.
    ContactPatch for ContactInput {
        external_id: key String,
        /// A person or a function ("Asiakaspalvelu").
        name: required String,
        role: defaulted ContactRole,
        title: optional Localized,
        email: optional String,
        phone: optional String,
        address: optional String,
    }
}

patch! {
    /// The fields of a data subject category to change.
    DataSubjectCategoryPatch for DataSubjectCategoryInput {
        external_id: key String,
        name: required Localized,
        description: optional Localized,
    }
}

patch! {
    /// The fields of a data category to change.
    DataCategoryPatch for DataCategoryInput {
        external_id: key String,
        name: required Localized,
        description: optional Localized,
        /// GDPR Art. 9(1) special category.
        special_category: defaulted bool,
        /// GDPR Art. 10 criminal convictions and offences.
        criminal: defaulted bool,
        /// National identification number (Art. 87; Tietosuojalaki 1050/2018 § 29).
        national_identifier: defaulted bool,
    }
}

patch! {
    /// The fields of a system to change.
    SystemPatch for SystemInput {
        external_id: key String,
        name: required String,
        /// The name per language, where it differs from `name`.
        localized_name: optional Localized,
        /// externalId of the vendor organization.
        vendor: optional String,
        hosting_countries: defaulted Vec<String>,
        description: optional Localized,
    }
}

patch! {
    /// The fields of a register to change; its lists of parts, given, replace
    /// the stored ones.
    RegisterPatch for RegisterInput {
        external_id: key String,
        /// The public notice's address: lower-case a-z, 0-9 and single hyphens.
        slug: required String,
        name: required Localized,
        description: optional Localized,
        status: defaulted RegisterStatus,
        /// externalId of the controller organization.
        controller: required String,
        joint_controllers: list Vec<JointControllerInput>,
        /// externalId of the DPO contact.
        dpo: optional String,
        /// externalId of the contact person.
        contact_person: optional String,
        /// externalId of the supervisory authority organization.
        supervisory_authority: optional String,
        notice_prepared_on: optional NaiveDate,
        notice_updated_on: optional NaiveDate,
        /// What the controller states about automated decision-making and profiling (Art. 13(2)(f)).
        automated_decision_making: optional Localized,
        /// The Art. 22(3) safeguards of automated decisions.
        automated_decision_safeguards: optional Localized,
        /// Legal bases stated once for the whole register; given, they replace the stored ones.
        legal_bases: defaulted Vec<LegalBasisStatement>,
        /// Whether the data subject must provide the data (Art. 13(2)(e)).
        provision_requirement: optional ProvisionRequirement,
        /// What follows if the data are not provided (Art. 13(2)(e)).
        provision_consequences: optional Localized,
        /// Rights as the notice states them where it departs from the derived ones.
        rights: defaulted Vec<RightStatement>,
        /// Further statements of the notice that have no typed place.
        other_information: optional Localized,
        /// What the controller states when it lists no recipients: NONE or NONE_REGULARLY.
        disclosure_statement: optional AbsenceStatement,
        /// What the controller states when it lists no transfers outside the EU/EEA.
        transfer_statement: optional AbsenceStatement,
        note: optional String,
        /// externalIds of the systems the register uses.
        systems: list Vec<String>,
        purposes: list Vec<PurposeInput>,
        /// externalIds of data subject categories.
        data_subject_categories: list Vec<String>,
        data_categories: list Vec<RegisterDataCategoryInput>,
        sources: list Vec<DataSourceInput>,
        recipients: list Vec<RecipientInput>,
        processors: list Vec<ProcessorEngagementInput>,
        transfers: list Vec<TransferInput>,
        retention_rules: list Vec<RetentionRuleInput>,
        security_measures: list Vec<SecurityMeasureInput>,
    }
}

patch! {
    /// The fields of a purpose to change.
    PurposePatch for PurposeInput {
        description: required Localized,
        legal_basis: optional LegalBasis,
        /// The national law the basis rests on (Art. 6(3)).
        law: optional LawReference,
        /// The interest pursued, for LEGITIMATE_INTERESTS (Art. 13(1)(d)).
        legitimate_interest: optional Localized,
        /// Art. 9(2) condition, when special categories are processed for this purpose.
        special_category_condition: optional SpecialCategoryCondition,
    }
}

patch! {
    /// The fields of a data source to change.
    DataSourcePatch for DataSourceInput {
        kind: required SourceKind,
        description: required Localized,
    }
}

patch! {
    /// The fields of a recipient to change.
    RecipientPatch for RecipientInput {
        /// externalId of the recipient organization, or null for a category of recipients.
        organization: optional String,
        description: optional Localized,
        /// How firmly the notice states it.
        hedge: optional Hedge,
    }
}

patch! {
    /// The fields of a retention rule to change.
    RetentionRulePatch for RetentionRuleInput {
        /// externalId of the data category the rule is for; null for the whole register.
        data_category: optional String,
        /// A positive whole number, with `unit`; or null with `criteria`.
        amount: optional i32,
        unit: optional RetentionUnit,
        /// The period is an upper bound: "at the latest".
        at_the_latest: defaulted bool,
        /// The event the period runs from, or, alone, until which data are kept.
        trigger: optional Localized,
        /// How the period is determined when no fixed period is stated (Art. 13(2)(a)).
        criteria: optional Localized,
        exceptions: optional Localized,
        /// How data are disposed of when the period ends.
        disposal: optional RetentionDisposal,
        /// The act that sets the period.
        law: optional LawReference,
    }
}

patch! {
    /// The fields of a security measure to change.
    SecurityMeasurePatch for SecurityMeasureInput {
        kind: required SecurityKind,
        material: optional Material,
        description: required Localized,
    }
}

/// A new parent without a role says nothing of the role: derive it again
/// (SUB_PROCESSOR under a parent) rather than keep the stored one.
fn rederive_role(patch: &ProcessorEngagementPatch, base: &mut ProcessorEngagementInput) {
    if !patch.parent.is_undefined() && patch.role.is_undefined() {
        base.role = None;
    }
}

patch! {
    /// The fields of a processor engagement to change.
    ProcessorEngagementPatch for ProcessorEngagementInput, then rederive_role {
        external_id: key String,
        /// externalId of the processor organization.
        processor: required String,
        /// externalId of the engagement this one is a sub-processor of.
        parent: optional String,
        /// PROCESSOR, or SUB_PROCESSOR when engaged by another processor (Art. 28(4)).
        role: optional EngagementRole,
        service: optional Localized,
        /// Where the processor processes the data (ISO 3166-1 alpha-2).
        processing_countries: defaulted Vec<String>,
        /// Date of the Art. 28(3) contract.
        contract_date: optional NaiveDate,
        contract_reference: optional String,
        conditions: optional Localized,
        /// How firmly the notice states it.
        hedge: optional Hedge,
    }
}

patch! {
    /// The fields of a transfer to change.
    TransferPatch for TransferInput {
        external_id: key String,
        /// externalId of the recipient organization; null when the source names none.
        recipient: optional String,
        /// externalId of the processor engagement the transfer happens under.
        engagement: optional String,
        /// ISO 3166-1 alpha-2; null when the source names none.
        destination_country: optional String,
        /// A region, where no country is named: EU, EEA, THIRD_COUNTRIES or WORLDWIDE.
        destination_region: optional Region,
        mechanism: defaulted TransferMechanism,
        /// For STANDARD_CONTRACTUAL_CLAUSES: which clauses were signed.
        scc_version: optional SccVersion,
        safeguard_reference: optional String,
        signed_on: optional NaiveDate,
        certification_checked_on: optional NaiveDate,
        valid_from: optional NaiveDate,
        valid_to: optional NaiveDate,
        description: optional Localized,
        /// How firmly the notice states it.
        hedge: optional Hedge,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_left_out_is_kept_and_null_clears() {
        let mut base = OrganizationInput {
            external_id: Some("pinja".into()),
            name: "Pinja Oy".into(),
            business_id: Some("2231129-8".into()),
            country: Some("FI".into()),
            note: Some("from the 2024 notice".into()),
            ..OrganizationInput::default()
        };
        let patch = OrganizationPatch {
            name: MaybeUndefined::Value("Pinja Group Oy".into()),
            note: MaybeUndefined::Null,
            ..OrganizationPatch::default()
        };
        let errors = patch.apply(&mut base, &Path::root("input"), false);
        assert!(errors.is_empty());
        assert_eq!(base.name, "Pinja Group Oy");
        assert_eq!(base.business_id.as_deref(), Some("2231129-8"));
        assert_eq!(base.country.as_deref(), Some("FI"));
        assert_eq!(base.note, None);
        assert_eq!(base.contacts, None, "contacts left out stay as stored");
    }

    #[test]
    fn a_required_field_cannot_be_cleared_nor_left_out_on_create() {
        let patch = OrganizationPatch {
            name: MaybeUndefined::Null,
            external_id: MaybeUndefined::Null,
            ..OrganizationPatch::default()
        };
        let errors = patch.apply(
            &mut OrganizationInput::default(),
            &Path::root("input"),
            false,
        );
        let fields: Vec<_> = errors.iter().map(|e| e.field.join(".")).collect();
        assert_eq!(fields, ["input.externalId", "input.name"]);
        assert!(errors.iter().all(|e| e.code == UserErrorCode::Required));

        let errors =
            SystemPatch::default().apply(&mut SystemInput::default(), &Path::root("input"), true);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, ["input", "name"]);
    }

    #[test]
    fn a_list_given_replaces_and_null_empties_it() {
        let mut base = RegisterInput::default();
        let patch = RegisterPatch {
            systems: MaybeUndefined::Value(vec!["zendesk".into()]),
            purposes: MaybeUndefined::Null,
            ..RegisterPatch::default()
        };
        assert!(
            patch
                .apply(&mut base, &Path::root("input"), false)
                .is_empty()
        );
        assert_eq!(base.systems, Some(vec!["zendesk".to_owned()]));
        assert_eq!(base.purposes, Some(Vec::new()));
        assert_eq!(base.transfers, None);
    }

    #[test]
    fn a_new_parent_derives_the_role_again() {
        let mut base = ProcessorEngagementInput {
            role: Some(EngagementRole::Processor),
            ..Default::default()
        };
        let patch = ProcessorEngagementPatch {
            parent: MaybeUndefined::Value("pinja-hosting".into()),
            ..Default::default()
        };
        assert!(
            patch
                .apply(&mut base, &Path::root("input"), false)
                .is_empty()
        );
        assert_eq!(base.role, None);
        assert_eq!(base.parent.as_deref(), Some("pinja-hosting"));
    }

    #[test]
    fn the_patch_names_its_external_id() {
        let patch = TransferPatch {
            external_id: MaybeUndefined::Value("t-1".into()),
            ..Default::default()
        };
        assert_eq!(patch.external_id(), Some("t-1"));
        assert_eq!(PurposePatch::default().external_id(), None);
    }
}
