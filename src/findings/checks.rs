//! One check per rule of the rule book, over one register's read model.

use std::{borrow::Cow, sync::Arc};

use chrono::NaiveDate;
use entity::{processor_engagement, purpose, retention_rule, transfer};

use super::rules::{Rule, rules};
use crate::domain::{
    Localized,
    enums::{EngagementRole, Language, LegalBasis, TransferMechanism},
    id::NodeType,
    value::CountryCode,
};
use crate::graph::{RegisterNode, RegisterView};

/// The codes this module checks; the test suite holds them to the rule book.
#[cfg_attr(not(test), allow(dead_code))]
pub const CHECKED: [&str; 23] = [
    "TRANSFER_PRIVACY_SHIELD",
    "TRANSFER_MECHANISM_INVALIDATED",
    "TRANSFER_NO_DESTINATION",
    "TRANSFER_NO_MECHANISM",
    "PROCESSOR_OUTSIDE_EEA_WITHOUT_TRANSFER",
    "SCC_OUTDATED",
    "DPF_CERTIFICATION_UNCHECKED",
    "SPECIAL_CATEGORY_WITHOUT_CONDITION",
    "NATIONAL_ID_WITHOUT_JUSTIFICATION",
    "CRIMINAL_DATA_WITHOUT_AUTHORISATION",
    "PURPOSE_WITHOUT_LEGAL_BASIS",
    "LEGITIMATE_INTEREST_NOT_STATED",
    "CONSENT_WITHOUT_WITHDRAWAL_CHANNEL",
    "NO_RETENTION",
    "RETENTION_INDEFINITE",
    "SOURCES_NOT_STATED",
    "PROCESSOR_WITHOUT_CONTRACT",
    "SUBPROCESSOR_WITHOUT_PARENT",
    "JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT",
    "REPEALED_LAW_CITED",
    "NOTICE_STALE",
    "NO_CONTACT",
    "STATED_ABSENCE_CONTRADICTED",
];

/// The node a finding is about.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    Register(Arc<RegisterNode>),
    Transfer(Arc<transfer::Model>),
    Purpose(Arc<purpose::Model>),
    Engagement(Arc<processor_engagement::Model>),
    RetentionRule(Arc<retention_rule::Model>),
}

impl Subject {
    pub fn node(&self) -> (NodeType, i64) {
        match self {
            Subject::Register(m) => (NodeType::Register, m.id),
            Subject::Transfer(m) => (NodeType::Transfer, m.id),
            Subject::Purpose(m) => (NodeType::Purpose, m.id),
            Subject::Engagement(m) => (NodeType::ProcessorEngagement, m.id),
            Subject::RetentionRule(m) => (NodeType::RetentionRule, m.id),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub subject: Subject,
    pub register_id: i64,
    pub controller_id: i64,
    /// What, specifically: names, countries, the register's own words.
    pub detail: Localized,
}

impl Finding {
    pub fn message(&self, language: Language) -> String {
        match self.detail.get(language) {
            Some(detail) => format!("{}: {detail}", self.rule.title(language)),
            None => self.rule.title(language).to_owned(),
        }
    }

    /// Identity across evaluations: the same rule on the same node.
    pub fn key(&self) -> (&str, (NodeType, i64)) {
        (&self.rule.code, self.subject.node())
    }
}

/// The assumptions of a "what if": the date it is evaluated at, mechanisms
/// that no longer hold, countries that lost their adequacy decision, vendors
/// no longer used. The default is the graph as it is, today.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub as_of: NaiveDate,
    pub invalid_mechanisms: Vec<TransferMechanism>,
    pub countries_without_adequacy: Vec<CountryCode>,
    pub dropped_vendors: Vec<i64>,
}

impl Scenario {
    pub fn today() -> Self {
        Self {
            as_of: chrono::Utc::now().date_naive(),
            invalid_mechanisms: Vec::new(),
            countries_without_adequacy: Vec::new(),
            dropped_vendors: Vec::new(),
        }
    }

    /// Whether this is the graph as it is, on some date: no hypothesis.
    pub fn is_plain(&self) -> bool {
        self.invalid_mechanisms.is_empty()
            && self.countries_without_adequacy.is_empty()
            && self.dropped_vendors.is_empty()
    }

    /// The register as it would be without the dropped vendors.
    fn apply<'a>(&self, view: &'a RegisterView) -> Cow<'a, RegisterView> {
        if self.dropped_vendors.is_empty() {
            return Cow::Borrowed(view);
        }
        let mut view = view.clone();
        let dropped = &self.dropped_vendors;
        let gone: Vec<i64> = view
            .processors
            .iter()
            .filter(|(_, o)| dropped.contains(&o.id))
            .map(|(e, _)| e.id)
            .collect();
        view.processors.retain(|(_, o)| !dropped.contains(&o.id));
        for (e, _) in &mut view.processors {
            if e.parent_id.is_some_and(|p| gone.contains(&p)) {
                Arc::make_mut(e).parent_id = None;
            }
        }
        view.transfers.retain(|(t, _)| {
            !t.recipient_id.is_some_and(|r| dropped.contains(&r))
                && !t.engagement_id.is_some_and(|e| gone.contains(&e))
        });
        Cow::Owned(view)
    }

    /// Whether the scenario touches the transfer: its mechanism goes away, or
    /// its recipient or processor is dropped.
    pub fn affects(
        &self,
        view: &RegisterView,
        t: &transfer::Model,
        recipient: Option<&crate::graph::OrganizationNode>,
    ) -> bool {
        let dropped_recipient = t
            .recipient_id
            .is_some_and(|r| self.dropped_vendors.contains(&r));
        let dropped_engagement = t.engagement_id.is_some_and(|e| {
            view.processors.iter().any(|(engagement, org)| {
                engagement.id == e && self.dropped_vendors.contains(&org.id)
            })
        });
        dropped_recipient
            || dropped_engagement
            || self.invalidates(t, recipient.and_then(|o| o.country.as_deref()))
    }

    /// Whether the scenario takes the transfer's mechanism away.
    fn invalidates(&self, t: &transfer::Model, recipient_country: Option<&str>) -> bool {
        let Some(mechanism) = TransferMechanism::parse(&t.mechanism) else {
            return false;
        };
        if mechanism == TransferMechanism::PrivacyShield {
            return false; // Already invalid, and reported as such.
        }
        if self.invalid_mechanisms.contains(&mechanism) {
            return true;
        }
        let country = t.destination_country.as_deref().or(recipient_country);
        let lost = country.is_some_and(|c| {
            self.countries_without_adequacy
                .iter()
                .any(|l| l.as_str() == c)
        });
        // The Data Privacy Framework is the adequacy decision for the United States.
        lost && matches!(
            mechanism,
            TransferMechanism::AdequacyDecision | TransferMechanism::DataPrivacyFramework
        )
    }
}

fn in_eea(code: Option<&str>) -> Option<bool> {
    code.and_then(|c| CountryCode::parse(c).ok())
        .map(|c| c.in_eea())
}

fn text(stored: &Option<String>) -> Localized {
    stored
        .as_deref()
        .map(Localized::from_json)
        .unwrap_or_default()
}

fn plain(detail: impl Into<String>) -> Localized {
    let detail = detail.into();
    Localized {
        fi: Some(detail.clone()),
        sv: None,
        en: Some(detail),
    }
}

/// Joins names, localized.
fn names(items: &[Localized]) -> Localized {
    let join = |language| {
        items
            .iter()
            .filter_map(|i| i.get(language))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Localized {
        fi: Some(join(Language::Fi)),
        sv: None,
        en: Some(join(Language::En)),
    }
}

fn excerpt(text: Localized) -> Localized {
    let cut = |t: Option<String>| {
        t.map(|t| {
            let short: String = t.chars().take(80).collect();
            if short.len() < t.len() {
                format!("”{short}…”")
            } else {
                format!("”{short}”")
            }
        })
    };
    Localized {
        fi: cut(text.fi),
        sv: cut(text.sv),
        en: cut(text.en),
    }
}

fn transfer_detail(
    t: &transfer::Model,
    recipient: Option<&crate::graph::OrganizationNode>,
) -> Localized {
    let who = recipient.map(|o| o.name.clone());
    let country = t.destination_country.clone();
    Localized {
        fi: Some(format!(
            "{}, kohdemaa {}",
            who.clone()
                .unwrap_or_else(|| "vastaanottajaa ei nimetty".into()),
            country.clone().unwrap_or_else(|| "ei ilmoitettu".into())
        )),
        sv: None,
        en: Some(format!(
            "{}, destination {}",
            who.unwrap_or_else(|| "no recipient named".into()),
            country.unwrap_or_else(|| "not stated".into())
        )),
    }
}

/// Every finding on one register, in rule book order.
pub fn evaluate(view: &RegisterView, notice_stale: bool, scenario: &Scenario) -> Vec<Finding> {
    let view = scenario.apply(view);
    let view = view.as_ref();
    let mut out = Vec::new();
    for rule in rules()
        .iter()
        .filter(|r| r.effective_from <= scenario.as_of)
    {
        let mut found = |subject: Subject, detail: Localized| {
            out.push(Finding {
                rule,
                subject,
                register_id: view.register.id,
                controller_id: view.register.controller_id,
                detail,
            })
        };
        let register = || Subject::Register(view.register.clone());
        let register_name = || text(&Some(view.register.name.clone()));
        match rule.code.as_str() {
            "TRANSFER_PRIVACY_SHIELD" => {
                for (t, org) in &view.transfers {
                    if t.mechanism == TransferMechanism::PrivacyShield.as_str() {
                        found(
                            Subject::Transfer(t.clone()),
                            transfer_detail(t, org.as_deref()),
                        );
                    }
                }
            }
            "TRANSFER_MECHANISM_INVALIDATED" => {
                for (t, org) in &view.transfers {
                    if scenario.invalidates(t, org.as_deref().and_then(|o| o.country.as_deref())) {
                        found(
                            Subject::Transfer(t.clone()),
                            transfer_detail(t, org.as_deref()),
                        );
                    }
                }
            }
            "TRANSFER_NO_DESTINATION" => {
                for (t, org) in view
                    .transfers
                    .iter()
                    .filter(|(t, _)| t.destination_country.is_none())
                {
                    found(
                        Subject::Transfer(t.clone()),
                        transfer_detail(t, org.as_deref()),
                    );
                }
            }
            "TRANSFER_NO_MECHANISM" => {
                for (t, org) in &view.transfers {
                    let missing = matches!(
                        TransferMechanism::parse(&t.mechanism),
                        Some(TransferMechanism::None | TransferMechanism::Unknown) | None
                    );
                    if missing && in_eea(t.destination_country.as_deref()) != Some(true) {
                        found(
                            Subject::Transfer(t.clone()),
                            transfer_detail(t, org.as_deref()),
                        );
                    }
                }
            }
            "PROCESSOR_OUTSIDE_EEA_WITHOUT_TRANSFER" => {
                for (e, org) in &view.processors {
                    let countries: Vec<String> =
                        serde_json::from_str(&e.processing_countries).unwrap_or_default();
                    let outside = in_eea(org.country.as_deref()) == Some(false)
                        || countries.iter().any(|c| in_eea(Some(c)) == Some(false));
                    let recorded = view.transfers.iter().any(|(t, _)| {
                        t.recipient_id == Some(org.id) || t.engagement_id == Some(e.id)
                    });
                    if outside && !recorded {
                        found(
                            Subject::Engagement(e.clone()),
                            plain(format!(
                                "{} ({})",
                                org.name,
                                org.country.clone().unwrap_or_default()
                            )),
                        );
                    }
                }
            }
            "SCC_OUTDATED" => {
                let new_clauses = NaiveDate::from_ymd_opt(2021, 9, 27);
                for (t, org) in &view.transfers {
                    if t.mechanism != TransferMechanism::StandardContractualClauses.as_str() {
                        continue;
                    }
                    let versioned = t
                        .safeguard_reference
                        .as_deref()
                        .is_some_and(|r| r.contains("2021/914"));
                    let early = matches!((t.signed_on, new_clauses), (Some(signed), Some(from)) if signed < from);
                    if !versioned || early {
                        found(
                            Subject::Transfer(t.clone()),
                            transfer_detail(t, org.as_deref()),
                        );
                    }
                }
            }
            "DPF_CERTIFICATION_UNCHECKED" => {
                for (t, org) in &view.transfers {
                    if t.mechanism == TransferMechanism::DataPrivacyFramework.as_str()
                        && t.certification_checked_on.is_none()
                    {
                        found(
                            Subject::Transfer(t.clone()),
                            transfer_detail(t, org.as_deref()),
                        );
                    }
                }
            }
            "SPECIAL_CATEGORY_WITHOUT_CONDITION" => {
                let special: Vec<Localized> = view
                    .data_categories
                    .iter()
                    .filter(|(_, c)| c.special_category)
                    .map(|(_, c)| Localized::from_json(&c.name))
                    .collect();
                let conditioned = view
                    .purposes
                    .iter()
                    .any(|p| p.special_category_condition.is_some());
                if !special.is_empty() && !conditioned {
                    found(register(), names(&special));
                }
            }
            "NATIONAL_ID_WITHOUT_JUSTIFICATION" | "CRIMINAL_DATA_WITHOUT_AUTHORISATION" => {
                let national = rule.code == "NATIONAL_ID_WITHOUT_JUSTIFICATION";
                let unjustified: Vec<Localized> = view
                    .data_categories
                    .iter()
                    .filter(|(link, c)| {
                        (if national {
                            c.national_identifier
                        } else {
                            c.criminal
                        }) && link.justification.is_none()
                    })
                    .map(|(_, c)| Localized::from_json(&c.name))
                    .collect();
                if !unjustified.is_empty() {
                    found(register(), names(&unjustified));
                }
            }
            "PURPOSE_WITHOUT_LEGAL_BASIS" => {
                for p in view.purposes.iter().filter(|p| p.legal_basis.is_none()) {
                    found(
                        Subject::Purpose(p.clone()),
                        excerpt(Localized::from_json(&p.description)),
                    );
                }
            }
            "LEGITIMATE_INTEREST_NOT_STATED" => {
                for p in &view.purposes {
                    if p.legal_basis.as_deref() == Some(LegalBasis::LegitimateInterests.as_str())
                        && p.legitimate_interest.is_none()
                    {
                        found(
                            Subject::Purpose(p.clone()),
                            excerpt(Localized::from_json(&p.description)),
                        );
                    }
                }
            }
            "CONSENT_WITHOUT_WITHDRAWAL_CHANNEL" => {
                let consent = view
                    .purposes
                    .iter()
                    .any(|p| p.legal_basis.as_deref() == Some(LegalBasis::Consent.as_str()));
                let people = view.dpo.iter().chain(view.contact_person.iter());
                let reachable = people
                    .into_iter()
                    .any(|c| c.email.is_some() || c.phone.is_some())
                    || view.controller.organization.email.is_some()
                    || view.controller.organization.phone.is_some();
                if consent && !reachable {
                    found(register(), register_name());
                }
            }
            "NO_RETENTION" if view.retention.is_empty() => found(register(), register_name()),
            "RETENTION_INDEFINITE" => {
                for (r, _) in view.retention.iter().filter(|(r, _)| r.amount.is_none()) {
                    let criteria = r.criteria.as_deref().unwrap_or_default().to_lowercase();
                    if rule.patterns.iter().any(|p| criteria.contains(p.as_str())) {
                        found(
                            Subject::RetentionRule(r.clone()),
                            excerpt(text(&r.criteria)),
                        );
                    }
                }
            }
            "SOURCES_NOT_STATED" if view.sources.is_empty() => found(register(), register_name()),
            "PROCESSOR_WITHOUT_CONTRACT" => {
                for (e, org) in view
                    .processors
                    .iter()
                    .filter(|(e, _)| e.contract_date.is_none())
                {
                    found(Subject::Engagement(e.clone()), plain(org.name.clone()));
                }
            }
            "SUBPROCESSOR_WITHOUT_PARENT" => {
                for (e, org) in &view.processors {
                    if e.role == EngagementRole::SubProcessor.as_str() && e.parent_id.is_none() {
                        found(Subject::Engagement(e.clone()), plain(org.name.clone()));
                    }
                }
            }
            "JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT" => {
                let missing: Vec<Localized> = view
                    .joint_controllers
                    .iter()
                    .filter(|(l, _)| l.arrangement.is_none())
                    .map(|(_, o)| plain(o.name.clone()))
                    .collect();
                if !missing.is_empty() {
                    found(register(), names(&missing));
                }
            }
            "REPEALED_LAW_CITED" => {
                let r = &view.register;
                let mut texts: Vec<String> = [
                    Some(&r.name),
                    r.description.as_ref(),
                    r.other_information.as_ref(),
                    r.automated_decision_making.as_ref(),
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
                texts.extend(view.purposes.iter().map(|p| p.description.clone()));
                texts.extend(
                    view.retention
                        .iter()
                        .filter_map(|(r, _)| r.criteria.clone()),
                );
                let haystack = texts.join("\n").to_lowercase();
                if let Some(pattern) = rule.patterns.iter().find(|p| haystack.contains(p.as_str()))
                {
                    found(register(), plain(format!("”{pattern}”")));
                }
            }
            "NOTICE_STALE" if notice_stale => found(register(), register_name()),
            "NO_CONTACT" if view.dpo.is_none() && view.contact_person.is_none() => {
                found(register(), register_name())
            }
            "STATED_ABSENCE_CONTRADICTED" => {
                let none = |stated: &Option<String>| stated.as_deref() == Some("NONE");
                let r = &view.register;
                let mut said = Vec::new();
                if none(&r.disclosure_statement) && !view.recipients.is_empty() {
                    said.push(Localized {
                        fi: Some(format!(
                            "disclosureStatement NONE, vastaanottajia {}",
                            view.recipients.len()
                        )),
                        sv: None,
                        en: Some(format!(
                            "disclosureStatement NONE, {} recipients",
                            view.recipients.len()
                        )),
                    });
                }
                if none(&r.transfer_statement) && !view.transfers.is_empty() {
                    said.push(Localized {
                        fi: Some(format!(
                            "transferStatement NONE, siirtoja {}",
                            view.transfers.len()
                        )),
                        sv: None,
                        en: Some(format!(
                            "transferStatement NONE, {} transfers",
                            view.transfers.len()
                        )),
                    });
                }
                if !said.is_empty() {
                    found(register(), names(&said));
                }
            }
            _ => {}
        }
    }
    out
}
