//! Each rule on plain values: a register that satisfies every rule, and for
//! each rule one change that makes it fire.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    contact, data_category, data_source, organization, processor_engagement, purpose, register,
    register_data_category, register_joint_controller, retention_rule, security_measure, transfer,
};

use std::sync::Arc;

use super::{CHECKED, Scenario, evaluate};
use crate::{
    domain::{
        Localized,
        enums::{Language, TransferMechanism},
        value::CountryCode,
    },
    graph::{OrganizationNode, RegisterNode, RegisterView},
};

/// A value of a view to change in a case.
fn mk<T: Clone>(shared: &mut Arc<T>) -> &mut T {
    Arc::make_mut(shared)
}

fn t0() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

fn loc(text: &str) -> String {
    Localized::finnish(text).to_json()
}

/// Text stored in one language only.
fn loc_in(language: Language, text: &str) -> String {
    let mut stored = Localized::default();
    match language {
        Language::Fi => stored.fi = Some(text.into()),
        Language::Sv => stored.sv = Some(text.into()),
        Language::En => stored.en = Some(text.into()),
    }
    stored.to_json()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn source(id: i64, kind: &str, description: &str) -> data_source::Model {
    data_source::Model {
        id,
        register_id: 1,
        position: 0,
        kind: kind.into(),
        description: loc(description),
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

fn org(id: i64, name: &str, country: Option<&str>) -> organization::Model {
    organization::Model {
        id,
        external_id: format!("org-{id}"),
        name: name.into(),
        business_id: None,
        country: country.map(Into::into),
        postal_address: None,
        visiting_address: None,
        email: Some("info@example.fi".into()),
        phone: None,
        website: None,
        channels: None,
        note: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

/// An organization without contacts, as a view holds it.
fn node(organization: organization::Model) -> Arc<OrganizationNode> {
    Arc::new(OrganizationNode {
        organization,
        contacts: Vec::new(),
    })
}

fn engagement(id: i64, processor: i64) -> processor_engagement::Model {
    processor_engagement::Model {
        id,
        external_id: format!("e-{id}"),
        register_id: 1,
        position: 0,
        processor_id: processor,
        parent_id: None,
        role: "PROCESSOR".into(),
        service: None,
        processing_countries: "[]".into(),
        contract_date: NaiveDate::from_ymd_opt(2024, 1, 1),
        contract_reference: None,
        hedge: None,
        conditions: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

fn a_transfer(
    id: i64,
    recipient: i64,
    country: &str,
    mechanism: TransferMechanism,
) -> transfer::Model {
    transfer::Model {
        id,
        external_id: format!("t-{id}"),
        register_id: 1,
        position: 0,
        recipient_id: Some(recipient),
        engagement_id: None,
        destination_country: Some(country.into()),
        mechanism: mechanism.as_str().into(),
        safeguard_reference: Some("SCC 2021/914 module 2".into()),
        signed_on: NaiveDate::from_ymd_opt(2022, 1, 10),
        certification_checked_on: NaiveDate::from_ymd_opt(2025, 1, 10),
        valid_from: None,
        valid_to: None,
        description: None,
        destination_region: None,
        scc_version: None,
        hedge: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

fn category(id: i64, special: bool, national: bool, criminal: bool) -> data_category::Model {
    data_category::Model {
        id,
        external_id: format!("c-{id}"),
        name: loc(&format!("Luokka {id}")),
        description: None,
        special_category: special,
        criminal,
        national_identifier: national,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

fn link(category_id: i64, justification: Option<&str>) -> register_data_category::Model {
    register_data_category::Model {
        id: category_id,
        register_id: 1,
        category_id,
        position: 0,
        note: None,
        justification: justification.map(loc),
        stored: true,
    }
}

fn a_purpose(id: i64, basis: Option<&str>) -> purpose::Model {
    purpose::Model {
        id,
        register_id: 1,
        position: 0,
        description: loc("Asiakassuhteen hoitaminen"),
        legal_basis: basis.map(Into::into),
        legitimate_interest: None,
        special_category_condition: None,
        law: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

fn rule(amount: Option<i32>, criteria: Option<&str>) -> retention_rule::Model {
    retention_rule::Model {
        id: 1,
        register_id: 1,
        position: 0,
        data_category_id: None,
        amount,
        unit: amount.map(|_| "YEAR".into()),
        trigger: None,
        criteria: criteria.map(loc),
        exceptions: None,
        at_the_latest: false,
        disposal: None,
        law: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    }
}

/// A register that every rule is content with.
fn compliant() -> RegisterView {
    let controller = org(1, "Rekisterinpitäjä Oy", Some("FI"));
    let vendor = node(org(2, "Vendor Inc", Some("US")));
    let dpo = contact::Model {
        id: 1,
        external_id: "dpo".into(),
        organization_id: 1,
        position: 0,
        name: "Tietosuojavastaava".into(),
        role: "DPO".into(),
        title: None,
        email: Some("dpo@example.fi".into()),
        phone: None,
        address: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    };
    let mut employees = category(3, true, false, false);
    employees.name = loc("Terveystiedot");
    let mut purpose_with_condition = a_purpose(1, Some("CONTRACT"));
    purpose_with_condition.special_category_condition = Some("EMPLOYMENT_SOCIAL_SECURITY".into());
    RegisterView {
        register: Arc::new(RegisterNode::new(register::Model {
            id: 1,
            external_id: "r".into(),
            slug: "r".into(),
            name: loc("Henkilöstörekisteri"),
            description: None,
            status: "ACTIVE".into(),
            controller_id: 1,
            dpo_id: Some(1),
            contact_person_id: None,
            supervisory_authority_id: None,
            notice_prepared_on: NaiveDate::from_ymd_opt(2024, 3, 1),
            notice_updated_on: None,
            automated_decision_making: None,
            other_information: Some(loc("Tietosuojalaki 1050/2018 ja tietosuoja-asetus.")),
            disclosure_statement: None,
            transfer_statement: None,
            legal_bases: None,
            rights: None,
            provision_requirement: None,
            provision_consequences: None,
            automated_decision_safeguards: None,
            note: None,
            created_at: t0(),
            updated_at: t0(),
            version: 1,
        })),
        controller: Arc::new(OrganizationNode {
            organization: controller,
            contacts: vec![Arc::new(dpo.clone())],
        }),
        joint_controllers: Vec::new(),
        dpo: Some(Arc::new(dpo)),
        contact_person: None,
        supervisory_authority: None,
        purposes: vec![Arc::new(purpose_with_condition)],
        subjects: Vec::new(),
        data_categories: vec![
            (Arc::new(link(3, None)), Arc::new(employees)),
            (
                Arc::new(link(4, Some("Tietosuojalaki 29 § 1 mom. 1 kohta"))),
                Arc::new(category(4, false, true, false)),
            ),
            (
                Arc::new(link(5, Some("Laki rikosrekisterilaista"))),
                Arc::new(category(5, false, false, true)),
            ),
        ],
        sources: vec![Arc::new(source(1, "DATA_SUBJECT", "Rekisteröity itse"))],
        recipients: Vec::new(),
        processors: vec![(Arc::new(engagement(1, 2)), vendor.clone())],
        transfers: vec![(
            Arc::new(a_transfer(
                1,
                2,
                "US",
                TransferMechanism::StandardContractualClauses,
            )),
            Some(vendor),
        )],
        retention: vec![(Arc::new(rule(Some(2), None)), None)],
        security: vec![Arc::new(security_measure::Model {
            id: 1,
            register_id: 1,
            position: 0,
            kind: "TECHNICAL".into(),
            material: None,
            description: loc("Käyttöoikeudet on rajattu nimetyille henkilöille."),
            created_at: t0(),
            updated_at: t0(),
            version: 1,
        })],
        systems: Vec::new(),
    }
}

fn codes(view: &RegisterView, stale: bool, scenario: &Scenario) -> Vec<String> {
    evaluate(view, stale, scenario)
        .into_iter()
        .map(|f| f.rule.code.clone())
        .collect()
}

fn today() -> Scenario {
    Scenario::today()
}

#[test]
fn a_compliant_register_has_no_findings() {
    assert_eq!(codes(&compliant(), false, &today()), Vec::<String>::new());
}

/// For each rule: the change to the compliant register that makes it fire.
#[test]
fn every_rule_fires_on_its_case_and_only_there() {
    type Case = (
        &'static str,
        fn(&mut RegisterView, &mut Scenario, &mut bool),
    );
    let cases: Vec<Case> = vec![
        ("TRANSFER_PRIVACY_SHIELD", |v, _, _| {
            mk(&mut v.transfers[0].0).mechanism = "PRIVACY_SHIELD".into()
        }),
        ("TRANSFER_MECHANISM_INVALIDATED", |_, s, _| {
            s.invalid_mechanisms
                .push(TransferMechanism::StandardContractualClauses)
        }),
        ("TRANSFER_NO_DESTINATION", |v, _, _| {
            mk(&mut v.transfers[0].0).destination_country = None
        }),
        ("TRANSFER_NO_MECHANISM", |v, _, _| {
            mk(&mut v.transfers[0].0).mechanism = "UNKNOWN".into()
        }),
        ("PROCESSOR_OUTSIDE_EEA_WITHOUT_TRANSFER", |v, _, _| {
            v.transfers.clear()
        }),
        ("SCC_OUTDATED", |v, _, _| {
            mk(&mut v.transfers[0].0).safeguard_reference = Some("SCC 2010/87/EU".into())
        }),
        ("SCC_VERSION_UNKNOWN", |v, _, _| {
            let t = mk(&mut v.transfers[0].0);
            t.safeguard_reference = Some("Vakiosopimuslausekkeet, moduuli 2".into());
            t.signed_on = None;
        }),
        ("DPF_CERTIFICATION_UNCHECKED", |v, _, _| {
            mk(&mut v.transfers[0].0).mechanism = "DATA_PRIVACY_FRAMEWORK".into();
            mk(&mut v.transfers[0].0).certification_checked_on = None;
        }),
        ("SPECIAL_CATEGORY_WITHOUT_CONDITION", |v, _, _| {
            mk(&mut v.purposes[0]).special_category_condition = None
        }),
        ("NATIONAL_ID_WITHOUT_JUSTIFICATION", |v, _, _| {
            mk(&mut v.data_categories[1].0).justification = None
        }),
        ("CRIMINAL_DATA_WITHOUT_AUTHORISATION", |v, _, _| {
            mk(&mut v.data_categories[2].0).justification = None
        }),
        ("PURPOSE_WITHOUT_LEGAL_BASIS", |v, _, _| {
            v.purposes.push(Arc::new(a_purpose(2, None)))
        }),
        ("LEGITIMATE_INTEREST_NOT_STATED", |v, _, _| {
            v.purposes
                .push(Arc::new(a_purpose(2, Some("LEGITIMATE_INTERESTS"))))
        }),
        ("CONSENT_WITHOUT_WITHDRAWAL_CHANNEL", |v, _, _| {
            v.purposes.push(Arc::new(a_purpose(2, Some("CONSENT"))));
            v.dpo = None;
            v.contact_person = None;
            mk(&mut v.controller).organization.email = None;
            // NO_CONTACT fires too here: it is expected below.
        }),
        ("COOKIES_WITHOUT_CONSENT", |v, _, _| {
            v.sources.push(Arc::new(source(
                2,
                "COOKIES_TRACKING",
                "Evästeet ja Google Analytics",
            )))
        }),
        ("NO_RETENTION", |v, _, _| v.retention.clear()),
        ("RETENTION_INDEFINITE", |v, _, _| {
            v.retention[0].0 = Arc::new(rule(
                None,
                Some("Tietoja säilytetään niin kauan kuin on tarpeen."),
            ))
        }),
        ("SOURCES_NOT_STATED", |v, _, _| v.sources.clear()),
        ("PROCESSOR_WITHOUT_CONTRACT", |v, _, _| {
            let e = mk(&mut v.processors[0].0);
            e.contract_date = None;
            e.contract_reference = Some("  ".into());
        }),
        ("SUBPROCESSOR_WITHOUT_PARENT", |v, _, _| {
            mk(&mut v.processors[0].0).role = "SUB_PROCESSOR".into()
        }),
        ("JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT", |v, _, _| {
            let jc = register_joint_controller::Model {
                id: 1,
                register_id: 1,
                organization_id: 9,
                position: 0,
                role: None,
                arrangement: None,
            };
            v.joint_controllers
                .push((Arc::new(jc), node(org(9, "Kumppani Oy", Some("FI")))));
        }),
        ("NO_SECURITY_MEASURES", |v, _, _| v.security.clear()),
        ("REPEALED_LAW_CITED", |v, _, _| {
            mk(&mut v.register).row.other_information =
                Some(loc("Henkilötietolain 523/1999 mukainen seloste."))
        }),
        ("AUTOMATED_DECISION_WITHOUT_SAFEGUARDS", |v, _, _| {
            mk(&mut v.register).row.automated_decision_making = Some(loc(
                "Luottopäätös tehdään automaattisesti maksuhäiriötietojen perusteella.",
            ))
        }),
        ("NOTICE_STALE", |_, _, stale| *stale = true),
        ("NOTICE_UNDATED", |v, _, _| {
            mk(&mut v.register).row.notice_prepared_on = None
        }),
        ("NO_CONTACT", |v, _, _| v.dpo = None),
        ("SUPERVISORY_AUTHORITY_UNKNOWN", |v, _, _| {
            mk(&mut v.controller).organization.country = None
        }),
        ("STATED_ABSENCE_CONTRADICTED", |v, _, _| {
            mk(&mut v.register).row.transfer_statement = Some("NONE".into())
        }),
    ];
    let listed: Vec<&str> = cases.iter().map(|(code, _)| *code).collect();
    assert_eq!(
        listed,
        CHECKED.to_vec(),
        "one case per checked rule, in rule book order"
    );
    for (code, change) in cases {
        let mut view = compliant();
        let mut scenario = today();
        let mut stale = false;
        change(&mut view, &mut scenario, &mut stale);
        let fired = codes(&view, stale, &scenario);
        let expected: Vec<String> = match code {
            "CONSENT_WITHOUT_WITHDRAWAL_CHANNEL" => vec![code.into(), "NO_CONTACT".into()],
            _ => vec![code.into()],
        };
        assert_eq!(fired, expected, "{code}");
    }
}

#[test]
fn rules_apply_from_their_date() {
    let mut view = compliant();
    mk(&mut view.transfers[0].0).mechanism = "PRIVACY_SHIELD".into();
    let before = Scenario {
        as_of: day(2020, 7, 15),
        ..today()
    };
    assert!(
        !codes(&view, false, &before).contains(&"TRANSFER_PRIVACY_SHIELD".to_owned()),
        "valid until Schrems II"
    );
    assert!(codes(&view, false, &today()).contains(&"TRANSFER_PRIVACY_SHIELD".to_owned()));
}

#[test]
fn scenarios_take_grounds_and_vendors_away() {
    let mut view = compliant();
    mk(&mut view.transfers[0].0).mechanism = "DATA_PRIVACY_FRAMEWORK".into();
    let us = CountryCode::parse("US").ok().into_iter().collect();
    let lost = Scenario {
        countries_without_adequacy: us,
        ..today()
    };
    assert_eq!(
        codes(&view, false, &lost),
        vec!["TRANSFER_MECHANISM_INVALIDATED".to_owned()]
    );
    // Dropping the vendor removes its engagement and transfer; a sub-processor
    // under that engagement loses its parent.
    let mut sub = engagement(2, 3);
    sub.role = "SUB_PROCESSOR".into();
    sub.parent_id = Some(1);
    view.processors
        .push((Arc::new(sub), node(org(3, "Sub GmbH", Some("DE")))));
    assert_eq!(codes(&view, false, &today()), Vec::<String>::new());
    let dropped = Scenario {
        dropped_vendors: vec![2],
        ..today()
    };
    assert_eq!(
        codes(&view, false, &dropped),
        vec!["SUBPROCESSOR_WITHOUT_PARENT".to_owned()]
    );
}

/// The retention rule of the compliant register, replaced by one with no
/// time limit and `criteria` in `language`.
fn retained(language: Language, criteria: &str) -> RegisterView {
    let mut view = compliant();
    let mut rule = rule(None, None);
    rule.criteria = Some(loc_in(language, criteria));
    view.retention[0].0 = Arc::new(rule);
    view
}

fn fires(view: &RegisterView, code: &str) -> bool {
    codes(view, false, &today()).iter().any(|c| c == code)
}

#[test]
fn retention_is_open_ended_on_the_controllers_own_need_in_every_language() {
    let open = [
        (
            Language::Fi,
            "Tietoja säilytetään niin kauan kuin on tarpeellista.",
        ),
        (
            Language::Fi,
            "Tietoja säilytetään niin kauan kuin se on tarpeen.",
        ),
        (Language::Fi, "Tiedot säilytetään tarpeellisen ajan."),
        (Language::Fi, "Tiedot säilytetään toistaiseksi."),
        (Language::Fi, "Tallenteet säilytetään pysyvästi."),
        // OpinTori: a general nod to the legislation, then only the need.
        (
            Language::Fi,
            "Asiakkaan tietoja säilytetään kulloinkin voimassaolevan lainsäädännön mukaisesti ja vain niin kauan, kuin on tarpeen tässä tietosuojaselosteessa kuvattujen tarkoitusten toteuttamiseksi.",
        ),
        // 2M-IT: as long as the controller uses the data.
        (
            Language::Fi,
            "Tämän tietosuojaselosteen mukaisia henkilötietoja säilytetään niin kauan kuin rekisterinpitäjä hyödyntää tietoja kohdassa 5. Henkilötietojen käsittelyn tarkoitus kuvattuuihin tarkoituksiin.",
        ),
        (Language::En, "Data are kept as long as necessary."),
        (
            Language::En,
            "Personal data are kept until they are no longer needed.",
        ),
        (Language::En, "Recordings are kept indefinitely."),
        (Language::En, "The data are stored permanently."),
        (
            Language::En,
            "Customer data are kept in accordance with the legislation in force at the time and only for as long as is necessary to achieve the purposes described in this privacy notice.",
        ),
        (
            Language::En,
            "The personal data covered by this privacy notice are kept for as long as the controller uses the data for the purposes described in section 5.",
        ),
        (Language::Sv, "Uppgifterna lagras så länge det behövs."),
        (Language::Sv, "Uppgifterna sparas tills vidare."),
        (
            Language::Sv,
            "Uppgifterna lagras inte längre än vad som är nödvändigt för ändamålen.",
        ),
    ];
    for (language, criteria) in open {
        assert!(
            fires(&retained(language, criteria), "RETENTION_INDEFINITE"),
            "{criteria}"
        );
    }
    let criteria = [
        // A condition set by law.
        (
            Language::Fi,
            "Laskutustiedot säilytetään niin kauan kuin lasku on lain mukaan perittävissä.",
        ),
        (
            Language::Fi,
            "Kirjanpitoaineisto säilytetään niin kauan kuin kirjanpitolaki edellyttää.",
        ),
        (
            Language::Fi,
            "Tositteet säilytetään pysyvästi arkistolain nojalla.",
        ),
        (
            Language::En,
            "Billing data are kept as long as the invoice can lawfully be collected.",
        ),
        (
            Language::En,
            "Accounting records are kept for as long as the Accounting Act requires.",
        ),
        (
            Language::Sv,
            "Faktureringsuppgifterna sparas så länge fakturan lagligen kan drivas in.",
        ),
        (
            Language::Sv,
            "Verifikationerna sparas så länge bokföringslagen kräver det.",
        ),
        // An event the data subject can recognise.
        (
            Language::Fi,
            "Tiedot säilytetään asiakassuhteen päättymiseen asti.",
        ),
        (
            Language::Fi,
            "Tietoja säilytetään toistaiseksi voimassa olevan sopimuksen ajan.",
        ),
        (
            Language::En,
            "Data are kept until the customer relationship ends.",
        ),
        (
            Language::Sv,
            "Uppgifterna sparas till dess att kundförhållandet upphör.",
        ),
        // "Permanently" of deletion is not of keeping.
        (
            Language::Fi,
            "Tiedot poistetaan pysyvästi, kun asiakkuus päättyy.",
        ),
        (
            Language::En,
            "The data are permanently deleted when the contract ends.",
        ),
    ];
    for (language, criteria) in criteria {
        assert!(
            !fires(&retained(language, criteria), "RETENTION_INDEFINITE"),
            "{criteria}"
        );
    }
    // A time limit is a period, whatever the words beside it.
    let mut limited = retained(Language::En, "as long as necessary");
    mk(&mut limited.retention[0].0).amount = Some(2);
    assert!(!fires(&limited, "RETENTION_INDEFINITE"));
}

/// The compliant register whose other information says `text` in `language`.
fn saying(language: Language, text: &str) -> RegisterView {
    let mut view = compliant();
    mk(&mut view.register).row.other_information = Some(loc_in(language, text));
    view
}

#[test]
fn repealed_law_is_found_in_its_inflected_forms_and_current_law_is_not() {
    let repealed = [
        (
            Language::Fi,
            "Seloste on laadittu henkilötietolain mukaisesti.",
        ),
        (Language::Fi, "Henkilötietolaki 10 §."),
        (
            Language::Fi,
            "Rekisteriseloste henkilötietolakia noudattaen.",
        ),
        (Language::Fi, "Kuten henkilötietolaissa säädetään."),
        (
            Language::Fi,
            "Henkilötietolain 523/1999 (10 ja 24 §) mukainen seloste.",
        ),
        (Language::Fi, "Tarkastusoikeus 523/1999 26 §:n mukaan."),
        (Language::Fi, "Direktiivi 95/46/EY."),
        (Language::Sv, "Enligt personuppgiftslagen (523/1999)."),
        (Language::Sv, "Direktiv 95/46/EG."),
        (
            Language::En,
            "Under the Personal Data Act, the data subject may inspect.",
        ),
        (Language::En, "Directive 95/46/EC."),
    ];
    for (language, text) in repealed {
        assert!(
            fires(&saying(language, text), "REPEALED_LAW_CITED"),
            "{text}"
        );
    }
    let current = [
        (
            Language::Fi,
            "Tietoja käsitellään voimassa olevan henkilötietolainsäädännön mukaisesti.",
        ),
        (
            Language::Fi,
            "Tietosuojalaki (1050/2018) ja tietosuoja-asetus.",
        ),
        (Language::Sv, "Enligt gällande personuppgiftslagstiftning."),
        (Language::Sv, "Dataskyddslagen (1050/2018)."),
        (
            Language::En,
            "Processed under the personal data legislation in force and the Data Protection Act.",
        ),
    ];
    for (language, text) in current {
        assert!(
            !fires(&saying(language, text), "REPEALED_LAW_CITED"),
            "{text}"
        );
    }
}

#[test]
fn a_repealed_act_is_found_from_the_day_it_was_repealed() {
    let on = |y, m, d| Scenario {
        as_of: day(y, m, d),
        ..today()
    };
    let cited = |view: &RegisterView, scenario: &Scenario| {
        evaluate(view, false, scenario)
            .into_iter()
            .find(|f| f.rule.code == "REPEALED_LAW_CITED")
            .map(|f| f.message(Language::En))
    };
    let pda = saying(Language::Fi, "Henkilötietolain 523/1999 mukainen seloste.");
    assert_eq!(cited(&pda, &on(2018, 12, 31)), None);
    assert_eq!(
        cited(&pda, &on(2019, 1, 1)),
        Some(
            "The register cites repealed law: ”henkilötietolain”: Personal Data Act (523/1999), repealed 1.1.2019"
                .to_owned()
        )
    );
    let directive = saying(Language::En, "Directive 95/46/EC applies.");
    assert_eq!(cited(&directive, &on(2018, 5, 24)), None);
    assert!(cited(&directive, &on(2018, 5, 25)).is_some());
}

#[test]
fn a_contract_date_or_a_reference_records_the_processors_contract() {
    let mut view = compliant();
    let e = mk(&mut view.processors[0].0);
    e.contract_date = None;
    e.contract_reference = Some("DPA 2024-17 (Vendor Inc data processing addendum)".into());
    assert!(!fires(&view, "PROCESSOR_WITHOUT_CONTRACT"));
    mk(&mut view.processors[0].0).contract_reference = None;
    assert!(fires(&view, "PROCESSOR_WITHOUT_CONTRACT"));
}

#[test]
fn old_clauses_are_outdated_and_unrecorded_ones_are_unknown() {
    let with = |reference: Option<&str>, signed: Option<NaiveDate>| {
        let mut view = compliant();
        let t = mk(&mut view.transfers[0].0);
        t.safeguard_reference = reference.map(Into::into);
        t.signed_on = signed;
        codes(&view, false, &today())
    };
    let outdated = vec!["SCC_OUTDATED".to_owned()];
    let unknown = vec!["SCC_VERSION_UNKNOWN".to_owned()];
    assert_eq!(with(Some("SCC 2010/87/EU"), None), outdated);
    assert_eq!(with(Some("2004/915/EC set II"), None), outdated);
    assert_eq!(with(Some("Päätös 2001/497/EY"), None), outdated);
    assert_eq!(with(None, Some(day(2019, 4, 1))), outdated);
    assert_eq!(with(None, None), unknown);
    assert_eq!(with(Some("Standard contractual clauses"), None), unknown);
    // Between 27.6 and 27.9.2021 either set could be signed.
    assert_eq!(with(None, Some(day(2021, 8, 1))), unknown);
    assert!(with(None, Some(day(2021, 10, 1))).is_empty());
    assert!(with(Some("(EU) 2021/914 module 3"), None).is_empty());
    // Before the old clauses lost validity, neither is a finding.
    let mut view = compliant();
    mk(&mut view.transfers[0].0).safeguard_reference = Some("2010/87/EU".into());
    let before = Scenario {
        as_of: day(2022, 12, 26),
        ..today()
    };
    assert!(codes(&view, false, &before).is_empty());
}

#[test]
fn cookies_need_consent_on_some_purpose() {
    let mut view = compliant();
    view.sources
        .push(Arc::new(source(2, "COOKIES_TRACKING", "Evästeet")));
    assert!(fires(&view, "COOKIES_WITHOUT_CONSENT"));
    view.purposes.push(Arc::new(a_purpose(2, Some("CONSENT"))));
    assert!(!fires(&view, "COOKIES_WITHOUT_CONSENT"));
    // Consent stated once for the register, or explicit consent under
    // Art. 9(2)(a), is consent too.
    view.purposes.pop();
    mk(&mut view.register).row.legal_bases = Some(r#"[{"basis":"CONSENT"}]"#.into());
    assert!(!fires(&view, "COOKIES_WITHOUT_CONSENT"));
    mk(&mut view.register).row.legal_bases = None;
    let mut explicit = a_purpose(3, Some("CONTRACT"));
    explicit.special_category_condition = Some("EXPLICIT_CONSENT".into());
    view.purposes.push(Arc::new(explicit));
    assert!(!fires(&view, "COOKIES_WITHOUT_CONSENT"));
}

#[test]
fn the_complaint_authority_comes_from_the_register_or_the_controllers_country() {
    let mut view = compliant();
    mk(&mut view.controller).organization.country = Some("US".into());
    let found = evaluate(&view, false, &today())
        .into_iter()
        .find(|f| f.rule.code == "SUPERVISORY_AUTHORITY_UNKNOWN")
        .map(|f| f.message(Language::Fi));
    assert_eq!(
        found,
        Some(
            "Valvontaviranomaista, jolle valituksen voi tehdä, ei voida nimetä: rekisterinpitäjän maa US"
                .to_owned()
        )
    );
    // A register naming its authority needs none from the reference data.
    view.supervisory_authority = Some(node(org(7, "Tietosuojavaltuutetun toimisto", Some("FI"))));
    assert!(!fires(&view, "SUPERVISORY_AUTHORITY_UNKNOWN"));
}

#[test]
fn an_undated_notice_is_found_and_either_date_is_enough() {
    let mut view = compliant();
    let row = &mut mk(&mut view.register).row;
    row.notice_prepared_on = None;
    row.notice_updated_on = Some(day(2025, 1, 1));
    assert!(!fires(&view, "NOTICE_UNDATED"));
    mk(&mut view.register).row.notice_updated_on = None;
    assert!(fires(&view, "NOTICE_UNDATED"));
}

#[test]
fn automated_decisions_need_their_safeguards_in_every_language() {
    let stating = |text: Localized, safeguards: Option<&str>| {
        let mut view = compliant();
        let r = mk(&mut view.register);
        r.row.automated_decision_making = Some(text.to_json());
        r.row.automated_decision_safeguards = safeguards.map(loc);
        view
    };
    let made = [
        Localized::finnish("Luottopäätös tehdään automaattisesti maksuhäiriötietojen perusteella."),
        Localized {
            en: Some("Credit decisions are made automatically from payment default data.".into()),
            ..Localized::default()
        },
        Localized {
            sv: Some("Kreditbeslut fattas automatiskt utifrån betalningsanmärkningar.".into()),
            ..Localized::default()
        },
    ];
    for text in made {
        assert!(
            fires(
                &stating(text.clone(), None),
                "AUTOMATED_DECISION_WITHOUT_SAFEGUARDS"
            ),
            "{text:?}"
        );
        assert!(
            !fires(
                &stating(
                    text.clone(),
                    Some("Voit pyytää päätöksen käsittelijän arvioitavaksi.")
                ),
                "AUTOMATED_DECISION_WITHOUT_SAFEGUARDS"
            ),
            "{text:?} with safeguards"
        );
    }
    let none = [
        Localized::finnish(
            "Rekisterin avulla ei tehdä profilointia eikä muuta automaattista päätöksentekoa.",
        ),
        Localized::finnish("Ei liity automaattista päätöksentekoa."),
        Localized::finnish("-"),
        Localized {
            en: Some("No automated decision-making or profiling takes place.".into()),
            ..Localized::default()
        },
        Localized {
            sv: Some("Automatiserat beslutsfattande förekommer inte.".into()),
            ..Localized::default()
        },
    ];
    for text in none {
        assert!(
            !fires(
                &stating(text.clone(), None),
                "AUTOMATED_DECISION_WITHOUT_SAFEGUARDS"
            ),
            "{text:?}"
        );
    }
}

#[test]
fn typed_facts_answer_what_text_could_not() {
    use crate::domain::law::LawReference;
    // A purpose resting on a named act has a basis, as has a register that
    // states its bases once.
    let mut view = compliant();
    let p = mk(&mut view.purposes[0]);
    p.legal_basis = None;
    assert!(fires(&view, "PURPOSE_WITHOUT_LEGAL_BASIS"));
    mk(&mut view.purposes[0]).law = Some(r#"{"act":"1336/1997","section":"2 luku 10 §"}"#.into());
    assert!(!fires(&view, "PURPOSE_WITHOUT_LEGAL_BASIS"));
    mk(&mut view.purposes[0]).law = None;
    mk(&mut view.register).row.legal_bases = Some(r#"[{"basis":"CONTRACT"}]"#.into());
    assert!(!fires(&view, "PURPOSE_WITHOUT_LEGAL_BASIS"));

    // A region is a destination; within the EEA it needs no mechanism.
    let mut view = compliant();
    let t = mk(&mut view.transfers[0].0);
    t.destination_country = None;
    t.mechanism = "UNKNOWN".into();
    t.destination_region = Some("EEA".into());
    assert!(!fires(&view, "TRANSFER_NO_DESTINATION"));
    assert!(!fires(&view, "TRANSFER_NO_MECHANISM"));
    mk(&mut view.transfers[0].0).destination_region = Some("WORLDWIDE".into());
    assert!(!fires(&view, "TRANSFER_NO_DESTINATION"));
    assert!(fires(&view, "TRANSFER_NO_MECHANISM"));

    // The typed version of the clauses is read before the reference.
    let mut view = compliant();
    let t = mk(&mut view.transfers[0].0);
    t.safeguard_reference = Some("Vakiosopimuslausekkeet".into());
    t.signed_on = None;
    assert!(fires(&view, "SCC_VERSION_UNKNOWN"));
    mk(&mut view.transfers[0].0).scc_version = Some("SCC_2010".into());
    assert!(fires(&view, "SCC_OUTDATED"));
    assert!(!fires(&view, "SCC_VERSION_UNKNOWN"));
    mk(&mut view.transfers[0].0).scc_version = Some("SCC_2021".into());
    assert!(!fires(&view, "SCC_OUTDATED"));

    // A repealed act cited by number, on a retention rule.
    let mut view = compliant();
    let pda = LawReference {
        act: "523/1999".into(),
        section: Some("26 §".into()),
        title: None,
    };
    mk(&mut view.retention[0].0).law = serde_json::to_string(&pda).ok();
    let message = evaluate(&view, false, &today())
        .into_iter()
        .find(|f| f.rule.code == "REPEALED_LAW_CITED")
        .map(|f| f.message(Language::Fi));
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("henkilötietolaki (kumottu) (523/1999) 26 §")),
        "{message:?}"
    );
    // Consent stated once for the register needs a channel to withdraw it,
    // and a further channel of the controller is one.
    let mut view = compliant();
    mk(&mut view.register).row.legal_bases = Some(r#"[{"basis":"CONSENT"}]"#.into());
    view.dpo = None;
    let c = mk(&mut view.controller);
    c.organization.email = None;
    c.organization.phone = None;
    assert!(fires(&view, "CONSENT_WITHOUT_WITHDRAWAL_CHANNEL"));
    mk(&mut view.controller).organization.channels =
        Some(r#"[{"kind":"WEB","value":"https://example.fi/suostumus"}]"#.into());
    assert!(!fires(&view, "CONSENT_WITHOUT_WITHDRAWAL_CHANNEL"));
}
