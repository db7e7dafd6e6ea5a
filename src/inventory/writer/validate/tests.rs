//! Validation on plain values: a valid input gives its row, and each kind
//! of bad field gives exactly one error, at that field, with its code.

use chrono::NaiveDate;

use super::*;
use crate::domain::{
    UserErrorCode::{self, Duplicate, Invalid, Required},
    enums::{
        ChannelKind, DataSubjectRight, Hedge, Region, RetentionDisposal, RetentionUnit,
        RightApplies, SccVersion, TransferMechanism,
    },
    law::LawReference,
};
use crate::inventory::writer::check;

const AT: Place = Place::new(7, 2);

fn input() -> Path {
    Path::root("input")
}

fn fi(text: &str) -> Localized {
    Localized {
        fi: Some(text.into()),
        ..Localized::default()
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

fn accepted<T: std::fmt::Debug>(result: Validated<T>) -> T {
    match result {
        Ok(row) => row,
        Err(errors) => panic!("refused: {errors:?}"),
    }
}

/// The refusals as `field.path` and code.
fn refused<T: std::fmt::Debug>(result: Validated<T>) -> Vec<(String, UserErrorCode)> {
    match result {
        Ok(row) => panic!("accepted: {row:?}"),
        Err(errors) => errors
            .into_iter()
            .map(|e| (e.field.join("."), e.code))
            .collect(),
    }
}

fn one(field: &str, code: UserErrorCode) -> Vec<(String, UserErrorCode)> {
    vec![(field.to_owned(), code)]
}

/// One bad field: how to spoil a valid input, and the error it must give.
type Case<I> = (fn(&mut I), &'static str, UserErrorCode);

/// Spoils a valid input one field at a time: each must be refused exactly
/// once, at that field, with that code.
fn each_refused_once<I: Clone, T: std::fmt::Debug>(
    valid: I,
    cases: &[Case<I>],
    validate: impl Fn(&I) -> Validated<T>,
) {
    for (spoil, field, code) in cases {
        let mut bad = valid.clone();
        spoil(&mut bad);
        assert_eq!(refused(validate(&bad)), one(field, *code), "{field}");
    }
}

fn organization_input() -> OrganizationInput {
    OrganizationInput {
        name: "Pinja Oy".into(),
        business_id: Some("2231129-9".into()),
        country: Some("fi".into()),
        email: Some("tietosuoja@example.fi".into()),
        postal_address: Some("PL 1, 00100 Helsinki".into()),
        ..OrganizationInput::default()
    }
}

#[test]
fn organization_gives_its_row() {
    let row = accepted(organization(&input(), "org-1", &organization_input()));
    assert_eq!(row.external_id, "org-1");
    assert_eq!(row.name, "Pinja Oy");
    assert_eq!(row.country.as_deref(), Some("FI"));
    assert_eq!(row.business_id.as_deref(), Some("2231129-9"));
    assert_eq!(row.email.as_deref(), Some("tietosuoja@example.fi"));
    assert_eq!(row.postal_address.as_deref(), Some("PL 1, 00100 Helsinki"));
    assert_eq!((row.phone, row.website, row.note), (None, None, None));
}

#[test]
fn organization_refuses_each_bad_field_once() {
    let cases: [Case<OrganizationInput>; 6] = [
        (|i| i.name = " ".into(), "input.name", Invalid),
        (
            |i| i.business_id = Some("2231129-8".into()),
            "input.businessId",
            Invalid,
        ),
        (
            |i| (i.country, i.business_id) = (Some("EU".into()), None),
            "input.country",
            Invalid,
        ),
        (|i| i.email = Some("nobody".into()), "input.email", Invalid),
        (
            |i| i.postal_address = Some("  ".into()),
            "input.postalAddress",
            Invalid,
        ),
        (|i| i.note = Some("a\0b".into()), "input.note", Invalid),
    ];
    each_refused_once(organization_input(), &cases, |i| {
        organization(&input(), "org-1", i)
    });
}

fn register_input() -> RegisterInput {
    RegisterInput {
        slug: "asiakasrekisteri".into(),
        name: fi("Asiakasrekisteri"),
        description: Some(fi("Asiakkaiden tiedot")),
        controller: "org-1".into(),
        note: Some("tuotu".into()),
        ..RegisterInput::default()
    }
}

#[test]
fn register_gives_its_row_without_references() {
    let row = accepted(register(
        &input(),
        "reg-1",
        "asiakasrekisteri",
        &register_input(),
        Kept::default(),
    ));
    assert_eq!(row.external_id, "reg-1");
    assert_eq!(row.slug, "asiakasrekisteri");
    assert_eq!(row.name, fi("Asiakasrekisteri").to_json());
    assert_eq!(row.description, Some(fi("Asiakkaiden tiedot").to_json()));
    assert_eq!(row.note.as_deref(), Some("tuotu"));
    assert_eq!(row.status, register_input().status.as_str());
    assert_eq!((row.controller_id, row.dpo_id), (0, None));
}

#[test]
fn register_refuses_each_bad_field_once() {
    let cases: [Case<RegisterInput>; 4] = [
        (|i| i.name = Localized::default(), "input.name", Required),
        (
            |i| i.description = Some(fi(" ")),
            "input.description",
            Invalid,
        ),
        (
            |i| i.other_information = Some(fi("")),
            "input.otherInformation",
            Invalid,
        ),
        (|i| i.note = Some(String::new()), "input.note", Invalid),
    ];
    each_refused_once(register_input(), &cases, |i| {
        register(&input(), "reg-1", "asiakasrekisteri", i, Kept::default())
    });
    let slug = check::slug(&input().key("slug"), "Not a slug");
    assert_eq!(
        slug.map_err(|e| (e.field.join("."), e.code)),
        Err(("input.slug".to_owned(), Invalid))
    );
}

fn transfer_input() -> TransferInput {
    TransferInput {
        destination_country: Some("us".into()),
        mechanism: TransferMechanism::StandardContractualClauses,
        safeguard_reference: Some("SCC 2021/914".into()),
        valid_from: day("2024-01-01"),
        valid_to: day("2026-12-31"),
        description: Some(fi("Tukipalvelu")),
        ..TransferInput::default()
    }
}

#[test]
fn transfer_gives_its_row_without_references() {
    let row = accepted(transfer(&input(), "t-1", AT, &transfer_input()));
    assert_eq!((row.register_id, row.position), (7, 2));
    assert_eq!(row.external_id, "t-1");
    assert_eq!(row.destination_country.as_deref(), Some("US"));
    assert_eq!(row.mechanism, "STANDARD_CONTRACTUAL_CLAUSES");
    assert_eq!(row.safeguard_reference.as_deref(), Some("SCC 2021/914"));
    assert_eq!(row.valid_to, day("2026-12-31"));
    assert_eq!((row.recipient_id, row.engagement_id), (None, None));
    let region = TransferInput {
        destination_country: None,
        destination_region: Some(Region::Eea),
        hedge: Some(Hedge::Possibly),
        scc_version: Some(SccVersion::Scc2021),
        ..transfer_input()
    };
    let row = accepted(transfer(&input(), "t-2", AT, &region));
    assert_eq!(row.destination_region.as_deref(), Some("EEA"));
    assert_eq!(row.hedge.as_deref(), Some("POSSIBLY"));
    assert_eq!(row.scc_version.as_deref(), Some("SCC_2021"));
    let eu = refused(transfer(
        &input(),
        "t-3",
        AT,
        &TransferInput {
            destination_country: Some("eu".into()),
            ..transfer_input()
        },
    ));
    assert_eq!(eu, one("input.destinationCountry", Invalid));
    let message = transfer(
        &input(),
        "t-3",
        AT,
        &TransferInput {
            destination_country: Some("EU".into()),
            ..transfer_input()
        },
    )
    .err()
    .map(|e| e[0].message.clone());
    assert!(message.is_some_and(|m| m.contains("destinationRegion")));
}

#[test]
fn transfer_refuses_each_bad_field_once() {
    let cases: [Case<TransferInput>; 7] = [
        (
            |i| i.destination_country = Some("USA".into()),
            "input.destinationCountry",
            Invalid,
        ),
        (
            |i| i.destination_region = Some(Region::Worldwide),
            "input.destinationRegion",
            Invalid,
        ),
        (
            |i| {
                (i.mechanism, i.scc_version) = (
                    TransferMechanism::BindingCorporateRules,
                    Some(SccVersion::Scc2021),
                )
            },
            "input.sccVersion",
            Invalid,
        ),
        (
            |i| i.destination_country = Some("EU".into()),
            "input.destinationCountry",
            Invalid,
        ),
        (|i| i.valid_to = day("2023-12-31"), "input.validTo", Invalid),
        (
            |i| i.safeguard_reference = Some(" ".into()),
            "input.safeguardReference",
            Invalid,
        ),
        (
            |i| i.description = Some(fi("")),
            "input.description",
            Invalid,
        ),
    ];
    each_refused_once(transfer_input(), &cases, |i| {
        transfer(&input(), "t-1", AT, i)
    });
}

fn retention_input() -> RetentionRuleInput {
    RetentionRuleInput {
        amount: Some(6),
        unit: Some(RetentionUnit::Year),
        trigger: Some(fi("asiakkuuden päättymisestä")),
        ..RetentionRuleInput::default()
    }
}

#[test]
fn retention_rule_gives_its_row() {
    let row = accepted(retention_rule(&input(), AT, &retention_input()));
    assert_eq!((row.register_id, row.position), (7, 2));
    assert_eq!((row.amount, row.unit.as_deref()), (Some(6), Some("YEAR")));
    assert_eq!(row.trigger, Some(fi("asiakkuuden päättymisestä").to_json()));
    assert_eq!(row.data_category_id, None);
    // An event alone ("until the customer relationship ends") states it.
    let event = RetentionRuleInput {
        trigger: Some(fi("asiakassuhteen päättymiseen asti")),
        disposal: Some(RetentionDisposal::Yearly),
        ..RetentionRuleInput::default()
    };
    assert!(retention_rule(&input(), AT, &event).is_ok());
    let by_law = RetentionRuleInput {
        at_the_latest: true,
        law: Some(LawReference {
            act: " 1336/1997".into(),
            section: Some("2 luku 10 §".into()),
            title: None,
        }),
        ..retention_input()
    };
    let row = accepted(retention_rule(&input(), AT, &by_law));
    assert!(row.at_the_latest);
    assert_eq!(
        row.law.as_deref(),
        Some(r#"{"act":"1336/1997","section":"2 luku 10 §"}"#)
    );
    // Criteria alone state the period too.
    let criteria = RetentionRuleInput {
        criteria: Some(fi("kunnes oikeudellinen vaatimus on ratkaistu")),
        ..RetentionRuleInput::default()
    };
    assert!(retention_rule(&input(), AT, &criteria).is_ok());
}

#[test]
fn retention_rule_refuses_each_bad_field_once() {
    let cases: [Case<RetentionRuleInput>; 9] = [
        (|i| i.amount = Some(0), "input.amount", Invalid),
        (|i| i.unit = None, "input.unit", Required),
        (|i| i.amount = None, "input.amount", Required),
        (
            |i| (i.amount, i.unit, i.trigger) = (None, None, None),
            "input.amount",
            Required,
        ),
        (
            |i| (i.amount, i.unit, i.at_the_latest) = (None, None, true),
            "input.atTheLatest",
            Invalid,
        ),
        (
            |i| {
                i.law = Some(LawReference {
                    act: "kirjanpitolaki".into(),
                    ..LawReference::default()
                })
            },
            "input.law.act",
            Invalid,
        ),
        (
            |i| {
                i.law = Some(LawReference {
                    act: "1336/1997".into(),
                    section: Some(" ".into()),
                    title: None,
                })
            },
            "input.law.section",
            Invalid,
        ),
        (|i| i.trigger = Some(fi(" ")), "input.trigger", Invalid),
        // Bad criteria are refused as bad, not also as missing.
        (
            |i| (i.amount, i.unit, i.criteria) = (None, None, Some(fi(""))),
            "input.criteria",
            Invalid,
        ),
    ];
    each_refused_once(retention_input(), &cases, |i| {
        retention_rule(&input(), AT, i)
    });
}

#[test]
fn purpose_states_a_legitimate_interest_only_on_that_basis() {
    let given = PurposeInput {
        description: fi("Asiakassuhteen hoito"),
        legal_basis: Some(LegalBasis::LegitimateInterests),
        legitimate_interest: Some(fi("Asiakassuhde")),
        special_category_condition: None,
        law: None,
    };
    assert!(purpose(&input(), AT, &given).is_ok());
    let other_basis = PurposeInput {
        legal_basis: Some(LegalBasis::Contract),
        ..given.clone()
    };
    assert_eq!(
        refused(purpose(&input(), AT, &other_basis)),
        one("input.legitimateInterest", Invalid)
    );
    let no_text = PurposeInput {
        description: Localized::default(),
        ..given
    };
    assert_eq!(
        refused(purpose(&input(), AT, &no_text)),
        one("input.description", Required)
    );
}

#[test]
fn a_national_law_is_stated_for_the_bases_that_rest_on_law() {
    let law = Some(LawReference {
        act: "1050/2018".into(),
        section: Some("29 §".into()),
        title: None,
    });
    let obligation = PurposeInput {
        description: fi("Lakisääteiset ilmoitukset"),
        legal_basis: Some(LegalBasis::LegalObligation),
        law: law.clone(),
        ..PurposeInput::default()
    };
    let row = accepted(purpose(&input(), AT, &obligation));
    assert_eq!(
        row.law.as_deref(),
        Some(r#"{"act":"1050/2018","section":"29 §"}"#)
    );
    // A law without a letter: the source names the act, not the letter.
    let unlettered = PurposeInput {
        legal_basis: None,
        ..obligation.clone()
    };
    assert!(purpose(&input(), AT, &unlettered).is_ok());
    let consent = PurposeInput {
        legal_basis: Some(LegalBasis::Consent),
        ..obligation
    };
    assert_eq!(
        refused(purpose(&input(), AT, &consent)),
        one("input.law", Invalid)
    );
}

#[test]
fn register_statements_are_checked_item_by_item() {
    let mut given = register_input();
    given.legal_bases = vec![
        LegalBasisStatement {
            basis: LegalBasis::PublicTask,
            law: Some(LawReference {
                act: "621/1999".into(),
                ..LawReference::default()
            }),
            legitimate_interest: None,
        },
        LegalBasisStatement {
            basis: LegalBasis::PublicTask,
            law: None,
            legitimate_interest: Some(fi("Oma etu")),
        },
        LegalBasisStatement {
            basis: LegalBasis::Contract,
            law: Some(LawReference {
                act: "55/2001".into(),
                ..LawReference::default()
            }),
            legitimate_interest: None,
        },
    ];
    given.rights = vec![
        RightStatement {
            right: DataSubjectRight::Erasure,
            applies: RightApplies::Limited,
            conditions: None,
            law: None,
        },
        RightStatement {
            right: DataSubjectRight::Access,
            applies: RightApplies::Applies,
            conditions: None,
            law: None,
        },
    ];
    let errors = refused(register(
        &input(),
        "reg-1",
        "asiakasrekisteri",
        &given,
        Kept::default(),
    ));
    assert_eq!(
        errors,
        vec![
            ("input.legalBases.1.basis".to_owned(), Duplicate),
            ("input.legalBases.1.legitimateInterest".to_owned(), Invalid),
            ("input.legalBases.2.law".to_owned(), Invalid),
            ("input.rights.0.conditions".to_owned(), Required),
        ]
    );
    given.legal_bases.truncate(1);
    given.rights[0].conditions = Some(fi("Ei koske tietoja, joiden käsittely perustuu lakiin."));
    let row = accepted(register(
        &input(),
        "reg-1",
        "asiakasrekisteri",
        &given,
        Kept::default(),
    ));
    assert!(row.legal_bases.is_some_and(|b| b.contains("621/1999")));
    assert!(row.rights.is_some_and(|r| r.contains("ERASURE")));
}

#[test]
fn channels_are_checked_by_kind_and_listed_once() {
    let mut given = organization_input();
    let channel = |kind, value: &str| ContactChannel {
        kind,
        value: value.into(),
        label: None,
    };
    given.channels = vec![
        channel(ChannelKind::Email, "laskutus@example.fi"),
        channel(ChannelKind::Email, "nobody"),
        channel(ChannelKind::Web, " "),
        channel(ChannelKind::Email, "LASKUTUS@example.fi"),
    ];
    assert_eq!(
        refused(organization(&input(), "org-1", &given)),
        vec![
            ("input.channels.1.value".to_owned(), Invalid),
            ("input.channels.2.value".to_owned(), Required),
            ("input.channels.3.value".to_owned(), Duplicate),
        ]
    );
    given.channels.truncate(1);
    let row = accepted(organization(&input(), "org-1", &given));
    assert_eq!(
        row.channels.as_deref(),
        Some(r#"[{"kind":"EMAIL","value":"laskutus@example.fi"}]"#)
    );
}

#[test]
fn recipient_is_named_or_described() {
    let neither = RecipientInput::default();
    assert_eq!(
        refused(recipient(&input(), AT, &neither)),
        one("input", Required)
    );
    let named = RecipientInput {
        organization: Some("org-2".into()),
        ..RecipientInput::default()
    };
    assert!(recipient(&input(), AT, &named).is_ok());
}

#[test]
fn countries_are_normalised_and_listed_once() {
    let path = input().key("hostingCountries");
    assert_eq!(
        check::countries(&path, &["fi".into(), "SE".into()]).ok(),
        Some(r#"["FI","SE"]"#.to_owned())
    );
    let twice = check::countries(&path, &["fi".into(), "FI".into()]);
    assert_eq!(refused(twice), one("input.hostingCountries.1", Duplicate));
}

#[test]
fn none_beside_a_list_given_or_kept_is_refused() {
    use crate::domain::enums::AbsenceStatement;
    let stated = RegisterInput {
        transfer_statement: Some(AbsenceStatement::None),
        ..register_input()
    };
    let kept = Kept {
        recipients: 0,
        transfers: 2,
    };
    assert_eq!(
        refused(register(
            &input(),
            "reg-1",
            "asiakasrekisteri",
            &stated,
            kept
        )),
        one("input.transferStatement", UserErrorCode::Invalid)
    );
    // A list given replaces what is kept: an empty one leaves nothing to contradict.
    let emptied = RegisterInput {
        transfers: Some(Vec::new()),
        ..stated.clone()
    };
    accepted(register(
        &input(),
        "reg-1",
        "asiakasrekisteri",
        &emptied,
        kept,
    ));
    // NONE_REGULARLY stands beside a list.
    let regularly = RegisterInput {
        transfer_statement: Some(AbsenceStatement::NoneRegularly),
        ..stated
    };
    accepted(register(
        &input(),
        "reg-1",
        "asiakasrekisteri",
        &regularly,
        kept,
    ));
}
