//! What a notice template sees: the register's neighbourhood resolved into
//! one language, as plain strings and flags. It is also the snapshot a
//! published version keeps of what it was compiled from.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{
    Localized,
    enums::{Language, LegalBasis},
    id::{NodeType, encode},
    value::CountryCode,
};
use crate::graph::{OrganizationView, RegisterView};

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
    pub subjects: Vec<String>,
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
    pub rights: Rights,
    pub authority: Option<Party>,
    pub other_information: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RegisterText {
    pub name: String,
    pub description: Option<String>,
    pub prepared_on: Option<String>,
    pub updated_on: Option<String>,
    pub systems: Vec<String>,
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
    /// The joint controller's role, or an authority's function contacts.
    pub role: Option<String>,
    pub arrangement: Option<String>,
    pub contacts: Vec<Person>,
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
}

#[derive(Clone, Debug, Serialize)]
pub struct CategoryText {
    pub name: String,
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
}

#[derive(Clone, Debug, Serialize)]
pub struct ProcessorText {
    pub name: String,
    pub country: Option<String>,
    pub sub_processor: bool,
    pub service: Option<String>,
    pub conditions: Option<String>,
    pub processing_countries: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TransferText {
    pub recipient: Option<String>,
    pub country: Option<String>,
    pub mechanism: &'static str,
    /// The mechanism was taken away (Privacy Shield): the notice says it is
    /// no valid basis rather than present it as one.
    pub mechanism_invalid: bool,
    pub safeguard: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RetentionText {
    pub amount: Option<i32>,
    pub unit: Option<&'static str>,
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

/// The data subject's rights that follow from the legal bases (GDPR Art. 15–22).
#[derive(Clone, Debug, Serialize)]
pub struct Rights {
    /// Art. 7(3): only where a purpose rests on consent.
    pub withdraw_consent: bool,
    /// Art. 20: only for consent or contract.
    pub portability: bool,
    /// Art. 21: for legitimate interest or public task.
    pub object: bool,
}

fn lines(text: &Option<String>) -> Vec<String> {
    text.as_deref()
        .map(|t| t.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn date(d: Option<NaiveDate>, language: Language) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    d.map(|d| match language {
        Language::En => format!(
            "{} {} {}",
            chrono::Datelike::day(&d),
            MONTHS[chrono::Datelike::month0(&d) as usize],
            chrono::Datelike::year(&d)
        ),
        _ => d.format("%-d.%-m.%Y").to_string(),
    })
}

/// A country for a reader: its English name in English, its code otherwise.
fn country(code: &Option<String>, language: Language) -> Option<String> {
    let code = code.as_deref()?;
    let parsed = CountryCode::parse(code).ok()?;
    Some(
        match (language, celes::Country::from_alpha2(parsed.as_str())) {
            (Language::En, Ok(c)) => format!("{} ({code})", english_name(c.long_name)),
            _ => code.to_owned(),
        },
    )
}

/// "The United States Of America" → "United States of America".
fn english_name(long_name: &str) -> String {
    let name = long_name.strip_prefix("The ").unwrap_or(long_name);
    name.split(' ')
        .enumerate()
        .map(|(i, word)| match word {
            "Of" | "And" | "The" if i > 0 => word.to_lowercase(),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads stored text in the notice's language, falling back to another
/// language where the record has none — and remembering that it did, so
/// the notice can say that part of it is in another language.
struct Text(Language, std::cell::Cell<bool>);

impl Text {
    fn new(language: Language) -> Self {
        Self(language, std::cell::Cell::new(false))
    }
    fn read(&self, text: &Localized) -> Option<String> {
        let found = text.get(self.0)?;
        if text.exact(self.0).is_none() {
            self.1.set(true);
        }
        Some(found.to_owned())
    }
    fn req(&self, stored: &str) -> String {
        self.read(&Localized::from_json(stored)).unwrap_or_default()
    }
    fn opt(&self, stored: &Option<String>) -> Option<String> {
        stored
            .as_deref()
            .and_then(|s| self.read(&Localized::from_json(s)))
    }
    /// Whether some text was read in another language.
    fn fell_back(&self) -> bool {
        self.1.get()
    }
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
        role: None,
        arrangement: None,
        contacts: o.contacts.iter().map(|c| person(c, t)).collect(),
    }
}

/// Resolves the view into `language`.
pub fn build(view: &RegisterView, language: Language) -> Context {
    let t = Text::new(language);
    let bases: Vec<Option<LegalBasis>> = view
        .purposes
        .iter()
        .map(|p| p.legal_basis.as_deref().and_then(LegalBasis::parse))
        .collect();
    let has = |basis: LegalBasis| bases.contains(&Some(basis));
    let categories: Vec<CategoryText> = view
        .data_categories
        .iter()
        .map(|(link, c)| CategoryText {
            name: t.req(&c.name),
            note: t.opt(&link.note),
            justification: t.opt(&link.justification),
            special_category: c.special_category,
            national_identifier: c.national_identifier,
            criminal: c.criminal,
            stored: link.stored,
        })
        .collect();
    let mut context = Context {
        language: language.as_str(),
        untranslated: false,
        register: RegisterText {
            name: t.req(&view.register.name),
            description: t.opt(&view.register.description),
            prepared_on: date(view.register.notice_prepared_on, language),
            updated_on: date(view.register.notice_updated_on, language),
            systems: view.systems.iter().map(|s| s.name.clone()).collect(),
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
                // A joint controller's contacts are not the controller's
                // to publish: the notice names the organization only.
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
            })
            .collect(),
        subjects: view.subjects.iter().map(|s| t.req(&s.name)).collect(),
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
            })
            .collect(),
        processors: view
            .processors
            .iter()
            .map(|(e, org)| ProcessorText {
                name: org.name.clone(),
                country: country(&org.country, language),
                sub_processor: e.role == "SUB_PROCESSOR",
                service: t.opt(&e.service),
                conditions: t.opt(&e.conditions),
                processing_countries: serde_json::from_str::<Vec<String>>(&e.processing_countries)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|c| country(&Some(c), language))
                    .collect(),
            })
            .collect(),
        transfers: view
            .transfers
            .iter()
            .map(|(tr, org)| TransferText {
                recipient: org.as_ref().map(|o| o.name.clone()),
                country: country(&tr.destination_country, language),
                mechanism: crate::domain::enums::TransferMechanism::parse(&tr.mechanism)
                    .map_or("UNKNOWN", |m| m.as_str()),
                mechanism_invalid: crate::domain::enums::TransferMechanism::parse(&tr.mechanism)
                    .is_some_and(|m| m.invalid_on(chrono::Utc::now().date_naive())),
                safeguard: tr.safeguard_reference.clone(),
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
        rights: Rights {
            withdraw_consent: has(LegalBasis::Consent),
            portability: has(LegalBasis::Consent) || has(LegalBasis::Contract),
            object: has(LegalBasis::LegitimateInterests) || has(LegalBasis::PublicTask),
        },
        authority: view
            .supervisory_authority
            .as_ref()
            .map(|a| party(a, &t, language)),
        other_information: t.opt(&view.register.other_information),
    };
    context.untranslated = t.fell_back();
    context
}

/// The ids of the nodes each section is compiled from.
pub fn sources(view: &RegisterView, key: &str) -> Vec<String> {
    let ids = |t: NodeType, list: Vec<i64>| {
        list.into_iter()
            .map(|id| encode(t, id).0)
            .collect::<Vec<_>>()
    };
    let register = vec![view.register.id];
    match key {
        "controller" => {
            let mut out = ids(
                NodeType::Organization,
                vec![view.controller.organization.id],
            );
            out.extend(ids(
                NodeType::Organization,
                view.joint_controllers.iter().map(|(_, o)| o.id).collect(),
            ));
            out
        }
        "contact" => ids(
            NodeType::Contact,
            view.dpo
                .iter()
                .chain(view.contact_person.iter())
                .map(|c| c.id)
                .collect(),
        ),
        "purposes" => ids(
            NodeType::Purpose,
            view.purposes.iter().map(|p| p.id).collect(),
        ),
        "data_subjects" => ids(
            NodeType::DataSubjectCategory,
            view.subjects.iter().map(|s| s.id).collect(),
        ),
        "data_categories" => ids(
            NodeType::DataCategory,
            view.data_categories.iter().map(|(_, c)| c.id).collect(),
        ),
        "sources" => ids(
            NodeType::DataSource,
            view.sources.iter().map(|s| s.id).collect(),
        ),
        "recipients" => ids(
            NodeType::Recipient,
            view.recipients.iter().map(|(r, _)| r.id).collect(),
        ),
        "processors" => ids(
            NodeType::ProcessorEngagement,
            view.processors.iter().map(|(e, _)| e.id).collect(),
        ),
        "transfers" => ids(
            NodeType::Transfer,
            view.transfers.iter().map(|(t, _)| t.id).collect(),
        ),
        "retention" => ids(
            NodeType::RetentionRule,
            view.retention.iter().map(|(r, _)| r.id).collect(),
        ),
        "security" => ids(
            NodeType::SecurityMeasure,
            view.security.iter().map(|s| s.id).collect(),
        ),
        "rights" => ids(
            NodeType::Purpose,
            view.purposes.iter().map(|p| p.id).collect(),
        ),
        "complaint" => ids(
            NodeType::Organization,
            view.supervisory_authority
                .iter()
                .map(|a| a.organization.id)
                .collect(),
        ),
        _ => ids(NodeType::Register, register),
    }
}

/// A stored absence statement as the template names it.
fn statement(stored: &Option<String>) -> Option<&'static str> {
    stored
        .as_deref()
        .and_then(crate::domain::enums::AbsenceStatement::parse)
        .map(|s| s.as_str())
}
