//! Each rule on plain values: a register that satisfies every rule, and for
//! each rule one change that makes it fire.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    contact, data_category, data_source, organization, processor_engagement, purpose, register,
    register_data_category, register_joint_controller, retention_rule, transfer,
};

use std::sync::Arc;

use super::{CHECKED, Scenario, evaluate};
use crate::{
    domain::{Localized, enums::TransferMechanism, value::CountryCode},
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
            notice_prepared_on: None,
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
        sources: vec![Arc::new(data_source::Model {
            id: 1,
            register_id: 1,
            position: 0,
            kind: "DATA_SUBJECT".into(),
            description: loc("Rekisteröity itse"),
            created_at: t0(),
            updated_at: t0(),
            version: 1,
        })],
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
        security: Vec::new(),
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
        ("NO_RETENTION", |v, _, _| v.retention.clear()),
        ("RETENTION_INDEFINITE", |v, _, _| {
            v.retention[0].0 = Arc::new(rule(
                None,
                Some("Tietoja säilytetään niin kauan kuin on tarpeen."),
            ))
        }),
        ("SOURCES_NOT_STATED", |v, _, _| v.sources.clear()),
        ("PROCESSOR_WITHOUT_CONTRACT", |v, _, _| {
            mk(&mut v.processors[0].0).contract_date = None
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
        ("REPEALED_LAW_CITED", |v, _, _| {
            mk(&mut v.register).row.other_information =
                Some(loc("Henkilötietolain 523/1999 mukainen seloste."))
        }),
        ("NOTICE_STALE", |_, _, stale| *stale = true),
        ("NO_CONTACT", |v, _, _| v.dpo = None),
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
        as_of: NaiveDate::from_ymd_opt(2020, 7, 15).unwrap_or_default(),
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
