//! Notices on plain values: a register with nothing recorded but its
//! controller, and the few facts each case adds to it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use entity::{
    data_category, data_subject_category, organization, purpose, register, register_data_category,
    retention_rule,
};

use super::{compile, rights::Grounds, sources::sources};
use crate::{
    domain::{
        Localized,
        enums::{Language, LegalBasis},
        id::{NodeType, encode},
    },
    graph::{OrganizationNode, RegisterNode, RegisterView},
};

fn t0() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

fn text(fi: &str, en: &str) -> String {
    Localized {
        fi: Some(fi.into()),
        sv: None,
        en: Some(en.into()),
    }
    .to_json()
}

/// A register of controller 10 with nothing else recorded.
fn bare(country: Option<&str>) -> RegisterView {
    let controller = organization::Model {
        channels: None,
        id: 10,
        external_id: "controller".into(),
        name: "Rekisterinpitäjä Oy".into(),
        business_id: None,
        country: country.map(Into::into),
        postal_address: None,
        visiting_address: None,
        email: Some("info@example.fi".into()),
        phone: None,
        website: None,
        note: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    };
    RegisterView {
        register: Arc::new(RegisterNode::new(register::Model {
            legal_bases: None,
            rights: None,
            provision_requirement: None,
            provision_consequences: None,
            automated_decision_safeguards: None,
            id: 1,
            external_id: "r".into(),
            slug: "r".into(),
            name: text("Asiakasrekisteri", "Customer register"),
            description: None,
            status: "ACTIVE".into(),
            controller_id: 10,
            dpo_id: None,
            contact_person_id: None,
            supervisory_authority_id: None,
            notice_prepared_on: None,
            notice_updated_on: None,
            automated_decision_making: None,
            other_information: None,
            disclosure_statement: None,
            transfer_statement: None,
            note: None,
            created_at: t0(),
            updated_at: t0(),
            version: 1,
        })),
        controller: Arc::new(OrganizationNode {
            organization: controller,
            contacts: Vec::new(),
        }),
        joint_controllers: Vec::new(),
        dpo: None,
        contact_person: None,
        supervisory_authority: None,
        purposes: Vec::new(),
        subjects: Vec::new(),
        data_categories: Vec::new(),
        sources: Vec::new(),
        recipients: Vec::new(),
        processors: Vec::new(),
        transfers: Vec::new(),
        retention: Vec::new(),
        security: Vec::new(),
        systems: Vec::new(),
    }
}

fn a_purpose(id: i64, basis: Option<LegalBasis>, description: &str) -> Arc<purpose::Model> {
    Arc::new(purpose::Model {
        law: None,
        id,
        register_id: 1,
        position: 0,
        description: text(description, description),
        legal_basis: basis.map(|b| b.as_str().into()),
        legitimate_interest: None,
        special_category_condition: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    })
}

fn markdown(view: &RegisterView, language: Language) -> String {
    match compile(view, language) {
        Ok(notice) => notice.markdown(),
        Err(error) => panic!("the notice does not compile: {error}"),
    }
}

fn section(view: &RegisterView, language: Language, key: &str) -> String {
    let Ok(notice) = compile(view, language) else {
        panic!("the notice does not compile")
    };
    notice
        .sections
        .into_iter()
        .find(|s| s.key == key)
        .map(|s| s.markdown)
        .unwrap_or_default()
}

#[test]
fn every_section_of_a_bare_register_traces_to_a_node() {
    let view = bare(None);
    let register = encode(NodeType::Register, 1).0;
    let controller = encode(NodeType::Organization, 10).0;
    for key in super::render::SECTIONS {
        assert!(!sources(&view, key).is_empty(), "{key} has no source");
    }
    // An absence is the register's; no contact named points to the controller.
    assert_eq!(sources(&view, "purposes"), vec![register.clone()]);
    assert_eq!(
        sources(&view, "contact"),
        vec![register.clone(), controller.clone()]
    );
    // No authority named and none for the country: the register and the
    // controller whose country gave none.
    assert_eq!(
        sources(&view, "complaint"),
        vec![register.clone(), controller.clone()]
    );
    // The authority chosen by the controller's country traces to the controller.
    assert_eq!(sources(&bare(Some("FI")), "complaint"), vec![controller]);
}

#[test]
fn list_sections_trace_to_their_nodes_and_the_categories_they_name() {
    let mut view = bare(Some("FI"));
    view.purposes = vec![
        a_purpose(5, Some(LegalBasis::Contract), "Asiakassuhde"),
        a_purpose(6, None, "Markkinointi"),
    ];
    let category = Arc::new(data_category::Model {
        id: 7,
        external_id: "c".into(),
        name: text("Nimi", "Name"),
        description: None,
        special_category: false,
        criminal: false,
        national_identifier: false,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    });
    view.retention = vec![(
        Arc::new(retention_rule::Model {
            at_the_latest: false,
            disposal: None,
            law: None,
            id: 8,
            register_id: 1,
            position: 0,
            data_category_id: Some(7),
            amount: Some(2),
            unit: Some("YEAR".into()),
            trigger: None,
            criteria: None,
            exceptions: None,
            created_at: t0(),
            updated_at: t0(),
            version: 1,
        }),
        Some(category),
    )];
    let purposes = vec![
        encode(NodeType::Purpose, 5).0,
        encode(NodeType::Purpose, 6).0,
    ];
    assert_eq!(sources(&view, "purposes"), purposes);
    assert_eq!(sources(&view, "rights"), purposes);
    assert_eq!(
        sources(&view, "retention"),
        vec![
            encode(NodeType::RetentionRule, 8).0,
            encode(NodeType::DataCategory, 7).0
        ]
    );
    // Recorded automated decision-making is the register's.
    Arc::make_mut(&mut view.register)
        .row
        .automated_decision_making = Some(text("Profilointia", "Profiling"));
    assert!(sources(&view, "rights").contains(&encode(NodeType::Register, 1).0));
}

#[test]
fn a_missing_basis_is_said_for_its_purpose_and_no_purpose_at_all_for_the_processing() {
    let mut view = bare(None);
    let none = section(&view, Language::Fi, "rights");
    assert!(
        none.contains("Rekisterinpitäjä ei ole ilmoittanut käsittelyn oikeusperustetta."),
        "{none}"
    );
    view.purposes = vec![
        a_purpose(5, Some(LegalBasis::LegitimateInterests), "Asiakassuhde"),
        a_purpose(6, None, "Markkinointi"),
    ];
    let fi = section(&view, Language::Fi, "rights");
    assert!(
        fi.contains("kun käsittely perustuu rekisterinpitäjän tai kolmannen osapuolen oikeutettuun etuun (21 artikla)"),
        "{fi}"
    );
    assert!(
        fi.contains("Rekisterinpitäjä ei ole ilmoittanut seuraavien käsittelyn tarkoitusten oikeusperustetta:\n\n- Markkinointi\n\n"),
        "{fi}"
    );
    assert!(!fi.contains("- Asiakassuhde"), "{fi}");
    let en = section(&view, Language::En, "rights");
    assert!(
        en.contains("This notice therefore cannot say whether, for these purposes, you have the right to data portability (Article 20), the right to object (Article 21) or the right to withdraw consent (Article 7(3))."),
        "{en}"
    );
}

#[test]
fn erasure_is_limited_for_a_legal_obligation_or_public_task_in_every_language() {
    let mut view = bare(None);
    view.purposes = vec![
        a_purpose(5, Some(LegalBasis::LegalObligation), "Kirjanpito"),
        a_purpose(6, Some(LegalBasis::PublicTask), "Opetus"),
    ];
    let fi = section(&view, Language::Fi, "rights");
    assert!(
        fi.contains("- vaatia tietojesi poistamista (17 artikla); oikeus ei kuitenkaan koske tietoja siltä osin kuin niiden käsittely on tarpeen rekisterinpitäjän lakisääteisen velvoitteen noudattamiseksi taikka yleistä etua koskevan tehtävän suorittamiseksi tai rekisterinpitäjälle kuuluvan julkisen vallan käyttämiseksi (17 artiklan 3 kohdan b alakohta)"),
        "{fi}"
    );
    let en = section(&view, Language::En, "rights");
    assert!(en.contains("(Article 17(3)(b))"), "{en}");
    assert!(
        en.contains("where it is based on the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller (Article 21)"),
        "{en}"
    );
    assert!(!en.contains("Article 20"), "no portability: {en}");
    let sv = section(&view, Language::Sv, "rights");
    assert!(sv.contains("(artikel 17.3 b)"), "{sv}");
}

#[test]
fn explicit_consent_counts_as_consent_and_automated_decisions_bring_article_22_3() {
    let mut view = bare(None);
    let mut purpose = (*a_purpose(5, Some(LegalBasis::Contract), "Terveys")).clone();
    purpose.special_category_condition = Some("EXPLICIT_CONSENT".into());
    view.purposes = vec![Arc::new(purpose)];
    let grounds = Grounds::of(&view);
    assert!(grounds.bases.contains(&LegalBasis::Consent), "{grounds:?}");
    assert!(!grounds.basis_missing && !grounds.automated_decisions);
    Arc::make_mut(&mut view.register)
        .row
        .automated_decision_making = Some(text(
        "Hakemukset pisteytetään automaattisesti.",
        "Applications are scored automatically.",
    ));
    let en = section(&view, Language::En, "rights");
    assert!(
        en.contains("obtain human intervention on the part of the controller, express your point of view and contest the decision"),
        "{en}"
    );
    assert!(en.contains("withdraw your consent at any time"), "{en}");
    assert!(
        en.contains("where the processing is based on your consent or on a contract and is carried out by automated means (Article 20)"),
        "{en}"
    );
}

#[test]
fn the_authority_of_the_controllers_country_is_named_when_the_register_names_none() {
    let fi = section(&bare(Some("FI")), Language::Fi, "complaint");
    for fact in [
        "Rekisterinpitäjän sijaintivaltion valvontaviranomainen:",
        "**Tietosuojavaltuutetun toimisto**",
        "Postiosoite: PL 800, 00531 Helsinki",
        "Käyntiosoite: Lintulahdenkuja 4, 00530 Helsinki",
        "Sähköposti: tietosuoja@om.fi",
        "Puhelin: 029 566 6700",
        "Verkkosivut: https://tietosuoja.fi",
        "Voit tehdä valituksen myös",
    ] {
        assert!(fi.contains(fact), "{fact} missing from {fi}");
    }
    let sv = section(&bare(Some("FI")), Language::Sv, "complaint");
    assert!(sv.contains("**Dataombudsmannens byrå**"), "{sv}");
    let en = section(&bare(Some("SE")), Language::En, "complaint");
    assert!(
        en.contains("Swedish Authority for Privacy Protection (IMY)"),
        "{en}"
    );
    for country in [None, Some("US")] {
        let none = section(&bare(country), Language::Fi, "complaint");
        assert!(
            none.contains("Rekisterinpitäjä ei ole nimennyt valvontaviranomaista. Voit tehdä valituksen erityisesti siinä jäsenvaltiossa, jossa vakinainen asuinpaikkasi tai työpaikkasi on tai jossa väitetty rikkominen on tapahtunut (77 artiklan 1 kohta)."),
            "{none}"
        );
        assert!(!none.contains("Tietosuojavaltuutetun"), "{none}");
    }
}

#[test]
fn descriptions_are_printed_unless_they_repeat_the_name() {
    let mut view = bare(None);
    let category = |id: i64, name: &str, description: &str| data_category::Model {
        id,
        external_id: format!("c-{id}"),
        name: text(name, name),
        description: Some(text(description, description)),
        special_category: false,
        criminal: false,
        national_identifier: false,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    };
    let link = |id: i64| register_data_category::Model {
        id,
        register_id: 1,
        category_id: id,
        position: 0,
        note: None,
        justification: None,
        stored: true,
    };
    view.data_categories = vec![
        (
            Arc::new(link(1)),
            Arc::new(category(
                1,
                "Lokitiedot",
                "Tiketin tunniste ja muokkausajat",
            )),
        ),
        (
            Arc::new(link(2)),
            Arc::new(category(
                2,
                "Asiakaspalvelutapahtumat",
                "asiakaspalvelutapahtumat.",
            )),
        ),
    ];
    view.subjects = vec![Arc::new(data_subject_category::Model {
        id: 3,
        external_id: "s".into(),
        name: text("Työntekijät", "Employees"),
        description: Some(text(
            "Järjestelmää käyttävät työntekijät.",
            "Employees who use the system.",
        )),
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    })];
    let fi = markdown(&view, Language::Fi);
    assert!(
        fi.contains("- Lokitiedot  \n  Tiketin tunniste ja muokkausajat\n"),
        "{fi}"
    );
    assert!(fi.contains("- Asiakaspalvelutapahtumat\n"), "{fi}");
    assert!(!fi.contains("asiakaspalvelutapahtumat."), "{fi}");
    let en = markdown(&view, Language::En);
    assert!(
        en.contains("- Employees  \n  Employees who use the system.\n"),
        "{en}"
    );
}

#[test]
fn a_retention_event_without_a_period_is_stated_as_the_event() {
    let mut view = bare(None);
    let rule = |criteria: Option<String>| retention_rule::Model {
        at_the_latest: false,
        disposal: None,
        law: None,
        id: 8,
        register_id: 1,
        position: 0,
        data_category_id: None,
        amount: None,
        unit: None,
        trigger: Some(text(
            "asiakkuuden päättymisestä",
            "from the end of the customer relationship",
        )),
        criteria,
        exceptions: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    };
    view.retention = vec![(Arc::new(rule(None)), None)];
    let fi = section(&view, Language::Fi, "retention");
    assert!(
        fi.contains("- Säilytysaika määräytyy tapahtuman mukaan: asiakkuuden päättymisestä."),
        "{fi}"
    );
    let en = section(&view, Language::En, "retention");
    assert!(
        en.contains("- The retention period is determined by an event: from the end of the customer relationship."),
        "{en}"
    );
    // With criteria, the criteria say how long.
    view.retention = vec![(
        Arc::new(rule(Some(text(
            "Tiedot poistetaan, kun niitä ei enää tarvita.",
            "Data is erased when no longer needed.",
        )))),
        None,
    )];
    let sv = section(&view, Language::Sv, "retention");
    assert!(!sv.contains("inte angett lagringstidens längd"), "{sv}");
}

#[test]
fn a_sub_processor_names_its_processor_and_a_transfer_its_signing_and_validity() {
    use chrono::NaiveDate;
    use entity::{processor_engagement, transfer};
    let mut view = bare(None);
    let vendor = |id: i64, name: &str, country: &str| {
        Arc::new(OrganizationNode {
            organization: organization::Model {
                id,
                external_id: format!("o-{id}"),
                name: name.into(),
                country: Some(country.into()),
                email: None,
                ..view.controller.organization.clone()
            },
            contacts: Vec::new(),
        })
    };
    let engagement = |id: i64, processor: i64, parent: Option<i64>| processor_engagement::Model {
        hedge: None,
        id,
        external_id: format!("e-{id}"),
        register_id: 1,
        position: 0,
        processor_id: processor,
        parent_id: parent,
        role: if parent.is_some() {
            "SUB_PROCESSOR"
        } else {
            "PROCESSOR"
        }
        .into(),
        service: None,
        processing_countries: "[\"IE\"]".into(),
        contract_date: None,
        contract_reference: None,
        conditions: None,
        created_at: t0(),
        updated_at: t0(),
        version: 1,
    };
    let zendesk = vendor(20, "Zendesk Inc", "US");
    let aws = vendor(21, "Amazon Web Services EMEA SARL", "LU");
    view.processors = vec![
        (Arc::new(engagement(30, 20, None)), zendesk.clone()),
        (Arc::new(engagement(31, 21, Some(30))), aws),
    ];
    view.transfers = vec![(
        Arc::new(transfer::Model {
            destination_region: None,
            scc_version: None,
            hedge: None,
            id: 40,
            external_id: "t".into(),
            register_id: 1,
            position: 0,
            recipient_id: Some(20),
            engagement_id: Some(30),
            destination_country: Some("US".into()),
            mechanism: "STANDARD_CONTRACTUAL_CLAUSES".into(),
            safeguard_reference: Some("SCC 2021/914 module 2".into()),
            signed_on: NaiveDate::from_ymd_opt(2022, 1, 10),
            certification_checked_on: None,
            valid_from: NaiveDate::from_ymd_opt(2022, 2, 1),
            valid_to: None,
            description: None,
            created_at: t0(),
            updated_at: t0(),
            version: 1,
        }),
        Some(zendesk),
    )];
    let fi = markdown(&view, Language::Fi);
    assert!(
        fi.contains("- **Amazon Web Services EMEA SARL** (LU), alihankkija, jota käyttää Zendesk Inc  \n  Käsittelymaat: IE"),
        "{fi}"
    );
    assert!(
        fi.contains("(46 artiklan 2 kohdan c alakohta) (SCC 2021/914 module 2, allekirjoitettu 10.1.2022).  \n  Voimassa 1.2.2022 alkaen."),
        "{fi}"
    );
    let en = markdown(&view, Language::En);
    assert!(en.contains("sub-processor engaged by Zendesk Inc"), "{en}");
    assert!(
        en.contains(
            "(SCC 2021/914 module 2, signed on 10 January 2022).  \n  Valid from 1 February 2022."
        ),
        "{en}"
    );
    let sv = markdown(&view, Language::Sv);
    assert!(
        sv.contains("underbiträde som anlitas av Zendesk Inc"),
        "{sv}"
    );
    assert!(sv.contains("Gäller från 1.2.2022."), "{sv}");
}

#[test]
fn a_right_stated_as_applying_is_printed_without_the_derived_condition() {
    let mut view = bare(None);
    view.purposes = vec![a_purpose(20, Some(LegalBasis::Contract), "Asiakkuus")];
    let derived = section(&view, Language::En, "rights");
    assert!(
        derived.contains("where the processing is based on a contract and is carried out by automated means (Article 20)"),
        "{derived}"
    );
    let mut row = view.register.row.clone();
    row.rights = Some(r#"[{"right":"PORTABILITY","applies":"APPLIES"}]"#.into());
    view.register = Arc::new(RegisterNode::new(row));
    let en = section(&view, Language::En, "rights");
    assert!(
        en.contains("- receive the personal data you have provided to the controller in a structured, commonly used and machine-readable format and transmit it to another controller (Article 20)"),
        "{en}"
    );
    assert_eq!(en.matches("(Article 20)").count(), 1, "{en}");
    let fi = section(&view, Language::Fi, "rights");
    assert!(
        fi.contains("ja siirtää ne toiselle rekisterinpitäjälle (20 artikla)"),
        "{fi}"
    );
}

/// Every value of a closed vocabulary a template prints by lookup has its
/// wording in every language: a value added to the model without one would
/// print as nothing.
#[test]
fn every_template_words_every_value_it_looks_up() {
    use crate::domain::enums::{
        ChannelKind, Hedge, ProvisionRequirement, Region, RetentionDisposal,
    };
    let templates = [
        ("fi", include_str!("../../templates/notice/fi.md.j2")),
        ("en", include_str!("../../templates/notice/en.md.j2")),
        ("sv", include_str!("../../templates/notice/sv.md.j2")),
    ];
    let vocabularies: [(&str, Vec<&str>); 7] = [
        ("region", Region::ALL.iter().map(|v| v.as_str()).collect()),
        (
            "hedge_recipient",
            Hedge::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "hedge_processor",
            Hedge::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "hedge_transfer",
            Hedge::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "disposal",
            RetentionDisposal::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "provision",
            ProvisionRequirement::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ),
        (
            "channel_kind",
            ChannelKind::ALL.iter().map(|v| v.as_str()).collect(),
        ),
    ];
    for (language, template) in templates {
        for (dictionary, values) in &vocabularies {
            let start = format!("{{%- set {dictionary} = {{");
            let Some(at) = template.find(&start) else {
                panic!("{language}: no {dictionary}");
            };
            let body = &template[at..];
            let body = &body[..body.find("} -%}").unwrap_or(body.len())];
            for value in values {
                assert!(
                    body.contains(&format!("\"{value}\":")),
                    "{language}: {dictionary} has no wording for {value}"
                );
            }
        }
    }
}
