//! One check per rule of the rule book, over one register's read model.

use std::{borrow::Cow, sync::Arc};

use chrono::NaiveDate;
use entity::{processor_engagement, purpose, retention_rule, transfer};

use super::{
    rules::{Rule, rules},
    scc::{Clauses, clauses},
    wording,
};
use crate::domain::{
    Localized, authority,
    enums::{EngagementRole, Language, LegalBasis, Region, SourceKind, TransferMechanism},
    id::NodeType,
    law::LawReference,
    value::{CountryCode, read_json},
};
use crate::graph::{RegisterNode, RegisterView};
use crate::inventory::document::{LegalBasisStatement, RightStatement};
use crate::notice::rights::Grounds;

/// The codes this module checks, in rule book order; the test suite holds
/// them to the rule book.
#[cfg_attr(not(test), allow(dead_code))]
pub const CHECKED: [&str; 29] = [
    "TRANSFER_PRIVACY_SHIELD",
    "TRANSFER_MECHANISM_INVALIDATED",
    "TRANSFER_NO_DESTINATION",
    "TRANSFER_NO_MECHANISM",
    "PROCESSOR_OUTSIDE_EEA_WITHOUT_TRANSFER",
    "SCC_OUTDATED",
    "SCC_VERSION_UNKNOWN",
    "DPF_CERTIFICATION_UNCHECKED",
    "SPECIAL_CATEGORY_WITHOUT_CONDITION",
    "NATIONAL_ID_WITHOUT_JUSTIFICATION",
    "CRIMINAL_DATA_WITHOUT_AUTHORISATION",
    "PURPOSE_WITHOUT_LEGAL_BASIS",
    "LEGITIMATE_INTEREST_NOT_STATED",
    "CONSENT_WITHOUT_WITHDRAWAL_CHANNEL",
    "COOKIES_WITHOUT_CONSENT",
    "NO_RETENTION",
    "RETENTION_INDEFINITE",
    "SOURCES_NOT_STATED",
    "PROCESSOR_WITHOUT_CONTRACT",
    "SUBPROCESSOR_WITHOUT_PARENT",
    "JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT",
    "NO_SECURITY_MEASURES",
    "REPEALED_LAW_CITED",
    "AUTOMATED_DECISION_WITHOUT_SAFEGUARDS",
    "NOTICE_STALE",
    "NOTICE_UNDATED",
    "NO_CONTACT",
    "SUPERVISORY_AUTHORITY_UNKNOWN",
    "STATED_ABSENCE_CONTRADICTED",
];

/// The word lists of the rule book each text-reading check reads.
#[cfg_attr(not(test), allow(dead_code))]
pub const WORD_LISTS: [(&str, &[&str]); 2] = [
    (
        "RETENTION_INDEFINITE",
        &["duration", "except", "law", "need", "open_ended"],
    ),
    ("AUTOMATED_DECISION_WITHOUT_SAFEGUARDS", &["none"]),
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

    /// The graph as it is on `as_of`, or today: only the rules in force that
    /// day apply (each rule's `effective_from`).
    pub fn on(as_of: Option<NaiveDate>) -> Self {
        let mut scenario = Self::today();
        if let Some(day) = as_of {
            scenario.as_of = day;
        }
        scenario
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

/// The same words in every language: names, codes, the register's own words.
fn plain(detail: impl Into<String>) -> Localized {
    let detail = detail.into();
    Localized {
        fi: Some(detail.clone()),
        sv: Some(detail.clone()),
        en: Some(detail),
    }
}

fn says(fi: String, sv: String, en: String) -> Localized {
    Localized {
        fi: Some(fi),
        sv: Some(sv),
        en: Some(en),
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
        sv: Some(join(Language::Sv)),
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
    let who = recipient.map(|o| o.name.as_str());
    let region = t.destination_region.as_deref().and_then(Region::parse);
    // The country, else the region by its name in each language.
    let place = |unstated: &'static str, names: [&'static str; 4]| -> String {
        match (t.destination_country.as_deref(), region) {
            (Some(country), _) => country.to_owned(),
            (None, Some(region)) => match region {
                Region::Eu => names[0],
                Region::Eea => names[1],
                Region::ThirdCountries => names[2],
                Region::Worldwide => names[3],
            }
            .to_owned(),
            (None, None) => unstated.to_owned(),
        }
    };
    says(
        format!(
            "{}, kohde {}",
            who.unwrap_or("vastaanottajaa ei nimetty"),
            place(
                "ei ilmoitettu",
                ["EU", "ETA", "EU:n/ETA:n ulkopuoliset maat", "koko maailma"]
            )
        ),
        format!(
            "{}, mottagare i {}",
            who.unwrap_or("ingen mottagare angiven"),
            place(
                "inte angivet",
                ["EU", "EES", "länder utanför EU/EES", "hela världen"]
            )
        ),
        format!(
            "{}, destination {}",
            who.unwrap_or("no recipient named"),
            place(
                "not stated",
                [
                    "the EU",
                    "the EEA",
                    "countries outside the EU/EEA",
                    "worldwide"
                ]
            )
        ),
    )
}

/// Every text of a register where it might cite a law.
fn register_texts(view: &RegisterView) -> Vec<Localized> {
    let r = &view.register;
    let mut stored: Vec<&str> = [
        Some(&r.name),
        r.description.as_ref(),
        r.other_information.as_ref(),
        r.automated_decision_making.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    for p in &view.purposes {
        stored.push(&p.description);
        stored.extend(p.legitimate_interest.as_deref());
    }
    for (r, _) in &view.retention {
        stored.extend(r.criteria.as_deref());
        stored.extend(r.exceptions.as_deref());
    }
    stored.extend(
        view.data_categories
            .iter()
            .filter_map(|(link, _)| link.justification.as_deref()),
    );
    stored.extend(view.sources.iter().map(|s| s.description.as_str()));
    stored.into_iter().map(Localized::from_json).collect()
}

/// Each language's text present.
fn register_bases(view: &RegisterView) -> Vec<LegalBasisStatement> {
    read_json(&view.register.legal_bases)
}

/// Every statute the register cites by number: its purposes', its bases',
/// its rights' and its retention rules'.
fn laws(view: &RegisterView) -> Vec<LawReference> {
    let mut all: Vec<LawReference> = view
        .purposes
        .iter()
        .filter_map(|p| read_json::<Option<LawReference>>(&p.law))
        .collect();
    all.extend(register_bases(view).into_iter().filter_map(|b| b.law));
    all.extend(
        read_json::<Vec<RightStatement>>(&view.register.rights)
            .into_iter()
            .filter_map(|r| r.law),
    );
    all.extend(
        view.retention
            .iter()
            .filter_map(|(r, _)| read_json::<Option<LawReference>>(&r.law)),
    );
    all
}

fn languages(text: &Localized) -> impl Iterator<Item = &str> {
    [&text.fi, &text.sv, &text.en]
        .into_iter()
        .filter_map(|t| t.as_deref())
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
                for (t, org) in view.transfers.iter().filter(|(t, _)| {
                    t.destination_country.is_none() && t.destination_region.is_none()
                }) {
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
                    let within = in_eea(t.destination_country.as_deref()) == Some(true)
                        || t.destination_region
                            .as_deref()
                            .and_then(Region::parse)
                            .is_some_and(Region::within_eea);
                    if missing && !within {
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
            "SCC_OUTDATED" | "SCC_VERSION_UNKNOWN" => {
                let wanted = match rule.code.as_str() {
                    "SCC_OUTDATED" => Some(Clauses::Old),
                    _ => None,
                };
                for (t, org) in &view.transfers {
                    if t.mechanism == TransferMechanism::StandardContractualClauses.as_str()
                        && clauses(t) == wanted
                    {
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
                // A purpose resting on a named act, or a register stating its
                // bases once for all purposes, has a basis.
                let stated_once = view.register.legal_bases.is_some();
                for p in view
                    .purposes
                    .iter()
                    .filter(|p| p.legal_basis.is_none() && p.law.is_none() && !stated_once)
                {
                    found(
                        Subject::Purpose(p.clone()),
                        excerpt(Localized::from_json(&p.description)),
                    );
                }
            }
            "LEGITIMATE_INTEREST_NOT_STATED" => {
                if register_bases(view).iter().any(|b| {
                    b.basis == LegalBasis::LegitimateInterests && b.legitimate_interest.is_none()
                }) {
                    found(register(), register_name());
                }
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
                // The bases the notice derives rights from: the purposes', the
                // register's own, and explicit consent under Art. 9(2)(a).
                let consent = Grounds::of(view).bases.contains(&LegalBasis::Consent);
                let people = view.dpo.iter().chain(view.contact_person.iter());
                let controller = &view.controller.organization;
                let reachable = people
                    .into_iter()
                    .any(|c| c.email.is_some() || c.phone.is_some())
                    || controller.email.is_some()
                    || controller.phone.is_some()
                    || controller.channels.is_some();
                if consent && !reachable {
                    found(register(), register_name());
                }
            }
            "COOKIES_WITHOUT_CONSENT" => {
                let tracked = view
                    .sources
                    .iter()
                    .any(|s| s.kind == SourceKind::CookiesTracking.as_str());
                // The bases the notice derives rights from: the purposes', the
                // register's own, and explicit consent under Art. 9(2)(a).
                let consent = Grounds::of(view).bases.contains(&LegalBasis::Consent);
                if tracked && !consent {
                    let cookies: Vec<Localized> = view
                        .sources
                        .iter()
                        .filter(|s| s.kind == SourceKind::CookiesTracking.as_str())
                        .map(|s| excerpt(Localized::from_json(&s.description)))
                        .collect();
                    found(register(), names(&cookies));
                }
            }
            "NO_RETENTION" if view.retention.is_empty() => found(register(), register_name()),
            "RETENTION_INDEFINITE" => {
                for (r, _) in view.retention.iter().filter(|(r, _)| r.amount.is_none()) {
                    let criteria = text(&r.criteria);
                    if languages(&criteria).any(|c| wording::open_ended(rule, c)) {
                        found(Subject::RetentionRule(r.clone()), excerpt(criteria));
                    }
                }
            }
            "SOURCES_NOT_STATED" if view.sources.is_empty() => found(register(), register_name()),
            "PROCESSOR_WITHOUT_CONTRACT" => {
                // A date or a reference: either records that the contract exists.
                let unrecorded = |e: &processor_engagement::Model| {
                    e.contract_date.is_none()
                        && e.contract_reference
                            .as_deref()
                            .is_none_or(|r| r.trim().is_empty())
                };
                for (e, org) in view.processors.iter().filter(|(e, _)| unrecorded(e)) {
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
            "NO_SECURITY_MEASURES" if view.security.is_empty() => {
                found(register(), register_name())
            }
            "REPEALED_LAW_CITED" => {
                let texts = register_texts(view);
                let read: Vec<&str> = texts.iter().flat_map(languages).collect();
                let cited = wording::repealed_cited(rule, &read, scenario.as_of);
                // A reference by number to a repealed act says it as plainly.
                let mut numbered: Vec<LawReference> = laws(view)
                    .into_iter()
                    .filter(|l| l.repealed_on().is_some_and(|on| on <= scenario.as_of))
                    .collect();
                numbered.dedup_by(|a, b| a.act == b.act);
                if !cited.is_empty() || !numbered.is_empty() {
                    let say = |language| {
                        cited
                            .iter()
                            .map(|(act, words)| {
                                format!("”{words}”: {}", act.law.get(language).unwrap_or_default())
                            })
                            .chain(numbered.iter().map(|l| l.cite(language)))
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    found(
                        register(),
                        says(say(Language::Fi), say(Language::Sv), say(Language::En)),
                    );
                }
            }
            "AUTOMATED_DECISION_WITHOUT_SAFEGUARDS"
                if view.register.automated_decision_safeguards.is_none() =>
            {
                let stated = text(&view.register.automated_decision_making);
                if wording::automated_decisions(rule, languages(&stated)) {
                    found(register(), excerpt(stated));
                }
            }
            "NOTICE_STALE" if notice_stale => found(register(), register_name()),
            "NOTICE_UNDATED"
                if view.register.notice_prepared_on.is_none()
                    && view.register.notice_updated_on.is_none() =>
            {
                found(register(), register_name())
            }
            "NO_CONTACT" if view.dpo.is_none() && view.contact_person.is_none() => {
                found(register(), register_name())
            }
            "SUPERVISORY_AUTHORITY_UNKNOWN" if view.supervisory_authority.is_none() => {
                let country = view.controller.country.as_deref();
                if country.and_then(authority::for_country).is_none() {
                    found(
                        register(),
                        match country {
                            Some(c) => says(
                                format!("rekisterinpitäjän maa {c}"),
                                format!("den personuppgiftsansvariges land {c}"),
                                format!("controller's country {c}"),
                            ),
                            None => says(
                                "rekisterinpitäjän maata ei ole kirjattu".into(),
                                "den personuppgiftsansvariges land har inte registrerats".into(),
                                "the controller's country is not recorded".into(),
                            ),
                        },
                    );
                }
            }
            "STATED_ABSENCE_CONTRADICTED" => {
                let none = |stated: &Option<String>| stated.as_deref() == Some("NONE");
                let r = &view.register;
                let mut said = Vec::new();
                if none(&r.disclosure_statement) && !view.recipients.is_empty() {
                    let n = view.recipients.len();
                    said.push(says(
                        format!("disclosureStatement NONE, vastaanottajia {n}"),
                        format!("disclosureStatement NONE, {n} mottagare"),
                        format!("disclosureStatement NONE, {n} recipients"),
                    ));
                }
                if none(&r.transfer_statement) && !view.transfers.is_empty() {
                    let n = view.transfers.len();
                    said.push(says(
                        format!("transferStatement NONE, siirtoja {n}"),
                        format!("transferStatement NONE, {n} överföringar"),
                        format!("transferStatement NONE, {n} transfers"),
                    ));
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
