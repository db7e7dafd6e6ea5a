//! Notices compiled from the graph: every fact of each seed notice said
//! again, rights that follow from the legal bases, publishing, staleness,
//! diffs, and the public pages.

use serde_json::{Value, json};

use crate::{
    both_databases,
    helpers::{TestApp, contract},
};

/// Facts each seed notice states, as they must appear in the compiled
/// Finnish notice (read from ../shared/seeds, one list per notice).
const FACTS: [(&str, &[&str]); 5] = [
    (
        "medieco-asiakaspalvelujarjestelma",
        &[
            "Medieco Oy",
            "Kiviharjuntie 11",
            "90220 Oulu",
            "040 173 4587",
            "tuki@medieco.fi",
            "Thomas Wihlman",
            "thomas.wihlman@medieco.fi",
            "Mediecon Asiakaspalvelujärjestelmä",
            "Jira Service Management",
            "Pinja Oy",
            "vain rekisterinpitäjän erityisestä pyynnöstä",
            "rekisteröidyn suostumus",
            "2 vuotta yhteydenotosta luodun tiketin sulkemisen jälkeen",
            "Nimi",
            "Sähköpostiosoite",
            "Tietosuojavaltuutetun toimisto",
            "Lintulahdenkuja 4",
            "00530 Helsinki",
            "PL 800",
            "00531 Helsinki",
            "tietosuoja@om.fi",
            "029 566 6700",
            "029 566 6768",
            "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle",
            "ei tehdä profilointia",
            "23.4.2024",
            "11.11.2025",
            // Descriptions of the system, a data category and a subject category.
            "JSM-järjestelmän tiedot sijaitsevat EU:n sisäisillä turvallisilla palvelimilla",
            "tiketin tunniste, luonti- ja muokkausajankohdat, käsittelijät",
            "Järjestelmää käyttävät Mediecon työntekijät",
        ],
    ),
    (
        "2m-it-kayttajatuen-puheluiden-nauhoittaminen",
        &[
            "2M-IT Oy",
            "Joukahaisenkatu 9, 5-7 kerros",
            "20520 TURKU",
            "Oona Eskola",
            "PL 130",
            "20521 Turku",
            "servicedesk@2m-it.fi",
            "Henkilötunnus",
            "Potilastieto",
            "61 päivää",
            "2 kuukautta",
            "Elisa",
            "Suomessa",
            "asiakaspalvelun kehittämiseen",
            "Käyttäjätuki",
            "asiakkaiden työntekijät",
            "yhteistyötahojen edustajat",
            "Ei liity automaattista päätöksentekoa",
            "vaitiolositoumuksen",
            "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle",
            "Potilasta koskevat tiedot; terveyttä koskevia tietoja",
            "Puhelut tallentuvat automaattisesti",
        ],
    ),
    (
        "mediateko-asiakasrekisteri",
        &[
            "MT Mediateko Oy",
            "2231129-9",
            "Kauppakatu 12",
            "70100 Kuopio",
            "Annika Kettunen",
            "+358 400 236 337",
            "annika.kettunen@mediateko.fi",
            "sopimuksen täytäntöönpano",
            "Google",
            "HubSpot",
            "10 vuotta",
            "asiakkuuden päättymisestä",
            "taloushallinto",
            "evästeiden",
            "palomuurilla",
            "Lintulahdenkuja 4",
            "tietosuoja@om.fi",
            "029 566 6768",
            "25.10.2021",
            "Euroopan Unionin ulkopuolelle",
            "Historiatietoa (esimerkiksi kokousmuistiinpanoja, tarjouksia)",
            "lomakkeilla yhteystietonsa jättäneiden henkilöiden aktiviteeteista",
        ],
    ),
    (
        "mainioco-asiakasrekisteri",
        &[
            "Mainioco Oy",
            "2817330-9",
            "Kauppakatu 39",
            "40100 Jyväskylä",
            "asko@mainio.co",
            "24",
            "kuukautta",
            "asiakkuuden",
            "rekisteröidyn suostumus",
            "sopimuksen täytäntöönpano",
            "mielipide- ja markkinatutkimukset",
            "julkiset rekisterit",
            "palomuurin",
            "31.1.2019",
            "Viranomaisille",
            "käyttäjätunnus, salasana ja muu mahdollinen yksilöivä tunnus",
            "tallennuspäivämäärä ja tietolähde",
        ],
    ),
    (
        "opintori-verkko-ohjauspalvelu",
        &[
            "Oulun seudun koulutuskuntayhtymä (OSEKK)",
            "PL 213",
            "90101 Oulu",
            "osekk@osekk.fi",
            "040 1415 140",
            "Tea Remahl",
            "Kotkantie 3",
            "tea.remahl@osao.fi",
            "044 7037762",
            "Ammattiopisto Luovi",
            "PSK-Aikuisopisto",
            "Zendesk Inc",
            "Privacy Shield",
            "US",
            "rekisteröidyn suostumus",
            "oikeutettu etu",
            "asiakassuhde",
            "523/1999",
            "16.1.2018",
            "17.5.2018",
            "varmuuskopiot",
            "Software as a Service",
        ],
    ),
];

async fn register_id(app: &TestApp, slug: &str) -> Value {
    let data = app
        .data("{ registers(first: 100) { nodes { id slug } } }", json!({}))
        .await;
    data["registers"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == slug)
        .map(|r| r["id"].clone())
        .unwrap_or_else(|| panic!("no register {slug}"))
}

async fn notice_text(app: &TestApp, id: &Value, language: &str, format: &str) -> String {
    let data = app
        .data(
            &contract("notice.graphql"),
            json!({ "registerId": id, "language": language, "format": format }),
        )
        .await;
    assert_eq!(data["node"]["notice"]["language"], language);
    assert_eq!(data["node"]["notice"]["format"], format);
    data["node"]["notice"]["text"].as_str().unwrap().to_owned()
}

both_databases!(notices_say_every_fact_of_their_seed, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    for (slug, facts) in FACTS {
        let id = register_id(&app, slug).await;
        let text = notice_text(&app, &id, "FI", "TEXT").await;
        let lower = text.to_lowercase();
        let missing: Vec<_> = facts
            .iter()
            .filter(|fact| !lower.contains(&fact.to_lowercase()))
            .collect();
        assert!(
            missing.is_empty(),
            "{slug}: the notice does not say {missing:?}\n\n{text}"
        );
        // Nothing of another seed's register leaks in.
        for (other, other_facts) in FACTS.iter().filter(|(s, _)| *s != slug) {
            for fact in other_facts
                .iter()
                // The supervisory authority's details are the authority's, shared by all.
                .filter(|f| {
                    (f.contains('@') || f.contains("-9"))
                        && !facts.contains(f)
                        && **f != "tietosuoja@om.fi"
                })
            {
                assert!(!text.contains(fact), "{slug} says {fact} of {other}");
            }
        }
        let markdown = notice_text(&app, &id, "FI", "MARKDOWN").await;
        insta::assert_snapshot!(format!("notice_fi_{slug}"), markdown);
        let english = notice_text(&app, &id, "EN", "MARKDOWN").await;
        assert!(english.starts_with("# Privacy notice"), "{english}");
        insta::assert_snapshot!(format!("notice_en_{slug}"), english);
        let swedish = notice_text(&app, &id, "SV", "MARKDOWN").await;
        assert!(swedish.starts_with("# Dataskyddsbeskrivning"), "{swedish}");
        insta::assert_snapshot!(format!("notice_sv_{slug}"), swedish);
        let html = notice_text(&app, &id, "FI", "HTML").await;
        assert!(
            html.starts_with("<h1>") && html.contains("<h2>1. Rekisterinpitäjä</h2>"),
            "{html}"
        );
    }
    app.cleanup().await;
});

/// What the rights section states, in English: which basis-bound rights
/// are listed, whether some are undetermined for want of a basis, whether
/// erasure carries the Art. 17(3)(b) limit, and whether the Art. 22(3)
/// safeguards are stated.
#[derive(Debug, PartialEq)]
struct Rights {
    withdraw: bool,
    portability: bool,
    object: bool,
    undetermined: bool,
    erasure_limited: bool,
    automated: bool,
}

fn rights_of(text: &str) -> Rights {
    let section = text
        .split("14. Your rights")
        .nth(1)
        .unwrap_or_default()
        .split("\n15.")
        .next()
        .unwrap_or_default();
    let listed = |phrase: &str| {
        section
            .lines()
            .any(|l| l.starts_with("- ") && l.contains(phrase))
    };
    Rights {
        withdraw: listed("withdraw your consent"),
        portability: listed("transmit it to another controller"),
        object: listed("object to the processing"),
        undetermined: section.contains("The controller has not stated the legal basis")
            && section.contains("cannot say whether"),
        erasure_limited: section.contains("Article 17(3)(b)"),
        automated: listed("obtain human intervention"),
    }
}

both_databases!(rights_follow_the_legal_bases, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let rights = |withdraw, portability, object, undetermined, automated| Rights {
        withdraw,
        portability,
        object,
        undetermined,
        erasure_limited: false,
        automated,
    };
    for (slug, expected) in [
        // Consent only; automated decision-making recorded (as a statement that there is none).
        (
            "medieco-asiakaspalvelujarjestelma",
            rights(true, true, false, false, true),
        ),
        // No basis recorded for any purpose: nothing affirmed, nothing denied.
        (
            "2m-it-kayttajatuen-puheluiden-nauhoittaminen",
            rights(false, false, false, true, true),
        ),
        // Contract, and cookie purposes without a basis.
        (
            "mediateko-asiakasrekisteri",
            rights(false, true, false, true, true),
        ),
        (
            "mainioco-asiakasrekisteri",
            rights(true, true, true, false, false),
        ),
        (
            "opintori-verkko-ohjauspalvelu",
            rights(true, true, true, true, false),
        ),
    ] {
        let id = register_id(&app, slug).await;
        let text = notice_text(&app, &id, "EN", "TEXT").await;
        assert_eq!(rights_of(&text), expected, "{slug}\n{text}");
        for always in [
            "access the personal data",
            "rectified",
            "erased",
            "restricted",
            "lodge a complaint",
        ] {
            assert!(text.contains(always), "{slug} lacks {always}");
        }
    }

    // A purpose on a legal obligation: erasure with its Art. 17(3)(b) limit,
    // and the purpose leaves the undetermined list.
    let id = register_id(&app, "2m-it-kayttajatuen-puheluiden-nauhoittaminen").await;
    let read = "query($id: ID!) { node(id: $id) { ... on Register { purposes { id version } } } }";
    let purposes = app.data(read, json!({ "id": id })).await["node"]["purposes"].clone();
    for purpose in purposes.as_array().unwrap() {
        let changed = app
            .data(
                "mutation($input: UpdatePurposeInput!) { updatePurpose(input: $input) { userErrors { field code message } } }",
                json!({ "input": { "id": purpose["id"], "version": purpose["version"], "legalBasis": "LEGAL_OBLIGATION" } }),
            )
            .await;
        assert_eq!(
            changed["updatePurpose"]["userErrors"],
            json!([]),
            "{changed:#}"
        );
    }
    let text = notice_text(&app, &id, "EN", "TEXT").await;
    assert_eq!(
        rights_of(&text),
        Rights {
            erasure_limited: true,
            ..rights(false, false, false, false, true)
        },
        "{text}"
    );
    let finnish = notice_text(&app, &id, "FI", "TEXT").await;
    assert!(
        finnish.contains("oikeus ei kuitenkaan koske tietoja siltä osin kuin niiden käsittely on tarpeen rekisterinpitäjän lakisääteisen velvoitteen noudattamiseksi (17 artiklan 3 kohdan b alakohta)"),
        "{finnish}"
    );
    app.cleanup().await;
});

both_databases!(sections_name_their_sources, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let id = register_id(&app, "opintori-verkko-ohjauspalvelu").await;
    let query = "query($id: ID!) { node(id: $id) { ... on Register { transfers { id recipient { id } } notice(language: FI) { sections { key title sourceIds } } } } }";
    let data = app.data(query, json!({ "id": id })).await;
    let sections = data["node"]["notice"]["sections"].as_array().unwrap();
    let transfers = sections.iter().find(|s| s["key"] == "transfers").unwrap();
    assert_eq!(
        transfers["title"],
        "10. Tietojen siirto EU:n tai ETA:n ulkopuolelle"
    );
    // The transfer and the recipient it names (Zendesk).
    let transfer = &data["node"]["transfers"][0];
    assert_eq!(
        transfers["sourceIds"],
        json!([transfer["id"], transfer["recipient"]["id"]])
    );
    let keys: Vec<_> = sections
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    for key in [
        "controller",
        "purposes",
        "data_categories",
        "recipients",
        "processors",
        "transfers",
        "retention",
        "rights",
        "complaint",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    app.cleanup().await;
});

/// Sections that are fixed legal text, whose sentences no node stands
/// behind. None: the wording of the rights and the complaint is the law's,
/// but which rights and conditions it states follows from the purposes and
/// the register, and which authority it names from the register or the
/// controller's country, so those sections name them as their sources.
const FIXED_LEGAL_TEXT: [&str; 0] = [];

const TRACE: &str = "query($id: ID!, $language: Language!) { node(id: $id) { ... on Register {
    id slug controller { id } jointControllers { id } supervisoryAuthority { id }
    purposes { id } dataSubjectCategories { id } dataCategories { category { id } } sources { id }
    recipients { id organization { id } } processors { id processor { id } }
    transfers { id recipient { id } } retentionRules { id dataCategory { id } }
    securityMeasures { id } systems { id }
    notice(language: $language, format: MARKDOWN) { text sections { key text sourceIds } } } } }";

/// The ids at `pointer` in each element of `list` (a pointer of "" is the element itself).
fn ids_in(list: &Value, pointers: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for item in list.as_array().unwrap() {
        for pointer in pointers {
            if let Some(id) = item
                .pointer(&format!("{pointer}/id"))
                .and_then(Value::as_str)
            {
                out.push(id.to_owned());
            }
        }
    }
    out
}

both_databases!(every_sentence_traces_to_the_graph, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let registers = app
        .data("{ registers(first: 100) { nodes { id } } }", json!({}))
        .await;
    let registers = registers["registers"]["nodes"].as_array().unwrap().clone();
    assert_eq!(registers.len(), 5, "every fixture is loaded");
    for register in &registers {
        for language in ["FI", "EN", "SV"] {
            let data = app
                .data(TRACE, json!({ "id": register["id"], "language": language }))
                .await;
            let node = &data["node"];
            let slug = node["slug"].as_str().unwrap();
            let notice = &node["notice"];
            let sections = notice["sections"].as_array().unwrap();
            // Every sentence lies in a section: the sections are the whole notice.
            let joined: Vec<&str> = sections
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            assert_eq!(
                format!("{}\n", joined.join("\n\n")),
                notice["text"].as_str().unwrap(),
                "{slug} {language}: text outside the sections"
            );
            // The nodes each list section is about, which it must name and
            // beyond which it names at most the register.
            let parts: [(&str, Vec<String>); 8] = [
                (
                    "controller",
                    [
                        ids_in(&json!([node["controller"]]), &[""]),
                        ids_in(&node["jointControllers"], &[""]),
                    ]
                    .concat(),
                ),
                ("purposes", ids_in(&node["purposes"], &[""])),
                (
                    "data_subjects",
                    ids_in(&node["dataSubjectCategories"], &[""]),
                ),
                (
                    "data_categories",
                    ids_in(&node["dataCategories"], &["/category"]),
                ),
                ("sources", ids_in(&node["sources"], &[""])),
                (
                    "recipients",
                    ids_in(&node["recipients"], &["", "/organization"]),
                ),
                (
                    "processors",
                    ids_in(&node["processors"], &["", "/processor"]),
                ),
                ("transfers", ids_in(&node["transfers"], &["", "/recipient"])),
            ];
            let more: [(&str, Vec<String>); 3] = [
                (
                    "retention",
                    ids_in(&node["retentionRules"], &["", "/dataCategory"]),
                ),
                ("security", ids_in(&node["securityMeasures"], &[""])),
                ("register", ids_in(&node["systems"], &[""])),
            ];
            let register_id = node["id"].as_str().unwrap().to_owned();
            for section in sections {
                let key = section["key"].as_str().unwrap();
                let ids: Vec<String> = section["sourceIds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_str().unwrap().to_owned())
                    .collect();
                if !FIXED_LEGAL_TEXT.contains(&key) {
                    assert!(
                        !ids.is_empty(),
                        "{slug} {language}: section {key} traces to nothing:\n{}",
                        section["text"]
                    );
                }
                // Every source is a node of the graph.
                let resolved = app
                    .data(
                        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                        json!({ "ids": ids }),
                    )
                    .await;
                assert_eq!(
                    ids_in(&resolved["nodes"], &[""]),
                    ids,
                    "{slug} {language}: {key} names ids that are no nodes"
                );
                if let Some((_, expected)) = parts.iter().chain(&more).find(|(k, _)| *k == key) {
                    for id in expected {
                        assert!(
                            ids.contains(id),
                            "{slug} {language}: {key} lacks {id} in {ids:?}"
                        );
                    }
                    for id in &ids {
                        assert!(
                            expected.contains(id) || *id == register_id,
                            "{slug} {language}: {key} names {id}, which it does not come from"
                        );
                    }
                }
            }
            // The complaint names the authority the register names.
            if let Some(authority) = node["supervisoryAuthority"]["id"].as_str() {
                let complaint = sections.iter().find(|s| s["key"] == "complaint").unwrap();
                assert_eq!(complaint["sourceIds"], json!([authority]), "{slug}");
            }
        }
    }
    app.cleanup().await;
});

const PUBLISH: &str = "mutation($id: ID!, $language: Language!) { publishNotice(input: { registerId: $id, language: $language }) {
    created noticeVersion { id number contentHash language } userErrors { field code } } }";

const ACKNOWLEDGED: &str = "mutation($id: ID!, $reason: String) { publishNotice(input: { registerId: $id, acknowledgement: $reason }) {
    created noticeVersion { id number acknowledgement { reason findings } } userErrors { field code message } } }";

both_databases!(
    publishing_is_gated_by_critical_findings,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        // OpinTori's transfer rests on the Privacy Shield, invalid since 16.7.2020.
        let opintori = register_id(&app, "opintori-verkko-ohjauspalvelu").await;
        let versions =
            "query($id: ID!) { node(id: $id) { ... on Register { publishedNotices { number } } } }";
        for reason in [json!(null), json!("   ")] {
            let refused = app
                .data(ACKNOWLEDGED, json!({ "id": opintori, "reason": reason }))
                .await["publishNotice"]
                .clone();
            assert_eq!(refused["noticeVersion"], Value::Null, "{refused:#}");
            let error = &refused["userErrors"][0];
            assert_eq!(error["code"], "CRITICAL_FINDINGS");
            assert_eq!(error["field"], json!(["input", "acknowledgement"]));
            assert!(
                error["message"]
                    .as_str()
                    .unwrap()
                    .contains("TRANSFER_PRIVACY_SHIELD"),
                "{error}"
            );
        }
        let none = app.data(versions, json!({ "id": opintori })).await;
        assert_eq!(
            none["node"]["publishedNotices"],
            json!([]),
            "nothing was published"
        );

        let reason = "Transfer ends 31.12.2026; SCCs signed, record being updated";
        let published = app
            .data(ACKNOWLEDGED, json!({ "id": opintori, "reason": reason }))
            .await["publishNotice"]
            .clone();
        assert_eq!(published["userErrors"], json!([]), "{published:#}");
        assert_eq!(
            published["noticeVersion"]["acknowledgement"],
            json!({ "reason": reason, "findings": ["TRANSFER_PRIVACY_SHIELD"] })
        );
        // The audit trail keeps it with the version.
        let audit = app
            .data(
                "{ auditEvents(last: 1) { nodes { nodeType after } } }",
                json!({}),
            )
            .await;
        let event = &audit["auditEvents"]["nodes"][0];
        assert_eq!(event["nodeType"], "NoticeVersion", "{audit:#}");
        assert!(event["after"].to_string().contains(reason), "{event:#}");

        // A register without CRITICAL findings needs no acknowledgement.
        let medieco = register_id(&app, "medieco-asiakaspalvelujarjestelma").await;
        let plain = app
            .data(ACKNOWLEDGED, json!({ "id": medieco, "reason": null }))
            .await["publishNotice"]
            .clone();
        assert_eq!(plain["userErrors"], json!([]));
        assert_eq!(plain["noticeVersion"]["acknowledgement"], Value::Null);
        app.cleanup().await;
    }
);

both_databases!(publishing_staleness_and_diffs, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let id = register_id(&app, "medieco-asiakaspalvelujarjestelma").await;
    let stale = "query($id: ID!) { node(id: $id) { ... on Register { noticeStale publishedNotices { number } pendingNoticeChanges { changed unified } retentionRules { id version } } } }";
    let before = app.data(stale, json!({ "id": id })).await["node"].clone();
    assert_eq!(
        before["noticeStale"], false,
        "nothing published: nothing stale"
    );
    assert_eq!(before["pendingNoticeChanges"]["changed"], true);

    let first = app
        .data(PUBLISH, json!({ "id": id, "language": "FI" }))
        .await["publishNotice"]
        .clone();
    assert_eq!(first["created"], true);
    assert_eq!(first["noticeVersion"]["number"], 1);
    let again = app
        .data(PUBLISH, json!({ "id": id, "language": "FI" }))
        .await["publishNotice"]
        .clone();
    assert_eq!(
        again["created"], false,
        "an unchanged notice is not published twice"
    );
    assert_eq!(again["noticeVersion"]["id"], first["noticeVersion"]["id"]);
    let published = app.data(stale, json!({ "id": id })).await["node"].clone();
    assert_eq!(published["noticeStale"], false);
    assert_eq!(
        published["pendingNoticeChanges"],
        json!({ "changed": false, "unified": "" })
    );

    // Change the retention period: the notice goes stale and the diff shows exactly that.
    let rule = &published["retentionRules"][0];
    let update = "mutation($input: UpdateRetentionRuleInput!) { updateRetentionRule(input: $input) { userErrors { field code } } }";
    let changed = app.data(update, json!({ "input": { "id": rule["id"], "version": rule["version"], "amount": 3, "unit": "YEAR",
        "trigger": { "fi": "yhteydenotosta luodun tiketin sulkemisen jälkeen", "en": "after the ticket created from the contact is closed" } } })).await;
    assert_eq!(changed["updateRetentionRule"]["userErrors"], json!([]));
    let after = app.data(stale, json!({ "id": id })).await["node"].clone();
    assert_eq!(after["noticeStale"], true);
    let pending = after["pendingNoticeChanges"]["unified"].as_str().unwrap();
    let changes: Vec<&str> = pending
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            "-- 2 vuotta yhteydenotosta luodun tiketin sulkemisen jälkeen.",
            "+- 3 vuotta yhteydenotosta luodun tiketin sulkemisen jälkeen."
        ],
        "{pending}"
    );

    let second = app
        .data(PUBLISH, json!({ "id": id, "language": "FI" }))
        .await["publishNotice"]
        .clone();
    assert_eq!(second["created"], true);
    assert_eq!(second["noticeVersion"]["number"], 2);
    let settled = app.data(stale, json!({ "id": id })).await["node"].clone();
    assert_eq!(settled["noticeStale"], false);
    assert_eq!(
        settled["publishedNotices"],
        json!([{ "number": 2 }, { "number": 1 }])
    );
    let diff = app
        .data(
            "query($a: ID!, $b: ID!) { noticeDiff(fromId: $a, toId: $b) { changed unified } }",
            json!({ "a": first["noticeVersion"]["id"], "b": second["noticeVersion"]["id"] }),
        )
        .await;
    assert_eq!(diff["noticeDiff"]["changed"], true);
    assert!(
        diff["noticeDiff"]["unified"]
            .as_str()
            .unwrap()
            .contains("+- 3 vuotta")
    );
    // The first version is immutable: it still says what it said.
    let v1 = app.data("query($id: ID!) { node(id: $id) { ... on NoticeVersion { number text(format: TEXT) } } }", json!({ "id": first["noticeVersion"]["id"] })).await;
    assert!(
        v1["node"]["text"]
            .as_str()
            .unwrap()
            .contains("2 vuotta yhteydenotosta")
    );
    app.cleanup().await;
});

both_databases!(public_pages_serve_published_notices, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let slug = "opintori-verkko-ohjauspalvelu";
    let get = |path: String| app.client.get(app.url(&path)).send();
    let unpublished = get(format!("/notices/{slug}")).await.unwrap();
    assert_eq!(unpublished.status(), 404);
    let unknown = get("/notices/no-such-register".to_owned()).await.unwrap();
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        unknown.text().await.unwrap(),
        unpublished.text().await.unwrap(),
        "a 404 tells nothing"
    );

    let id = register_id(&app, slug).await;
    app.data(
        ACKNOWLEDGED,
        json!({ "id": id, "reason": "the seed as published" }),
    )
    .await;
    let page = get(format!("/notices/{slug}")).await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers()["content-language"], "fi");
    let etag = page.headers()["etag"].to_str().unwrap().to_owned();
    assert!(page.headers().contains_key("last-modified"));
    let html = page.text().await.unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"fi\">"),
        "{html}"
    );
    assert!(
        html.contains("Zendesk Inc")
            && !html.contains("src=\"http")
            && !html.contains("href=\"http"),
        "no external assets"
    );
    assert!(
        !html.contains("In English"),
        "no link to an English version that is not published"
    );

    let cached = app
        .client
        .get(app.url(&format!("/notices/{slug}")))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), 304);

    // English: asked for but not published yet → the Finnish version; then published.
    let english = app
        .client
        .get(app.url(&format!("/notices/{slug}")))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(english.headers()["content-language"], "fi");
    app.data(
        "mutation($id: ID!) { publishNotice(input: { registerId: $id, language: EN, acknowledgement: \"the seed as published\" }) { created } }",
        json!({ "id": id }),
    )
    .await;
    let english = app
        .client
        .get(app.url(&format!("/notices/{slug}")))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(english.headers()["content-language"], "en");
    assert!(english.text().await.unwrap().contains("<html lang=\"en\">"));
    let by_query = get(format!("/notices/{slug}?lang=en"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(by_query.contains("Privacy notice") && by_query.contains("Suomeksi"));

    let markdown = get(format!("/notices/{slug}.md?lang=fi")).await.unwrap();
    assert_eq!(
        markdown.headers()["content-type"],
        "text/markdown; charset=utf-8"
    );
    assert!(
        markdown
            .text()
            .await
            .unwrap()
            .starts_with("# Tietosuojaseloste")
    );
    let text = get(format!("/notices/{slug}.txt")).await.unwrap();
    assert_eq!(text.headers()["content-type"], "text/plain; charset=utf-8");
    assert!(text.text().await.unwrap().contains("Tea Remahl"));
    app.cleanup().await;
});

both_databases!(
    an_empty_list_is_no_statement_but_a_stated_absence_is_printed,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        // Medieco's source states that nothing is transferred outside the EEA.
        let slug = "medieco-asiakaspalvelujarjestelma";
        let id = register_id(&app, slug).await;
        let read = "query($id: ID!) { node(id: $id) { ... on Register { version fi: notice(language: FI, format: TEXT) { text } en: notice(language: EN, format: TEXT) { text } } } }";
        let update = "mutation($input: UpdateRegisterInput!) { updateRegister(input: $input) { register { version } userErrors { field code message } } }";
        let cases = [
            (
                json!("NONE"),
                "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
                "Data is not transferred outside the EU or the EEA.",
            ),
            (
                json!(null),
                "Rekisterinpitäjä ei ole ilmoittanut, siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle.",
                "The controller has not stated whether data is transferred outside the EU or the EEA.",
            ),
            (
                json!("NONE_REGULARLY"),
                "Tietoja ei siirretä säännönmukaisesti EU:n tai ETA:n ulkopuolelle.",
                "Data is not regularly transferred outside the EU or the EEA.",
            ),
        ];
        for (statement, fi, en) in cases {
            let node = app.data(read, json!({ "id": id })).await["node"].clone();
            let input =
                json!({ "id": id, "version": node["version"], "transferStatement": statement });
            let changed = app.data(update, json!({ "input": input })).await;
            assert_eq!(
                changed["updateRegister"]["userErrors"],
                json!([]),
                "{changed:#}"
            );
            let node = app.data(read, json!({ "id": id })).await["node"].clone();
            let (fi_text, en_text) = (
                node["fi"]["text"].as_str().unwrap(),
                node["en"]["text"].as_str().unwrap(),
            );
            assert!(fi_text.contains(fi), "{statement}: {fi_text}");
            assert!(en_text.contains(en), "{statement}: {en_text}");
            if !statement.is_null() {
                assert!(
                    !fi_text.contains("ei ole ilmoittanut, siirretäänkö"),
                    "{fi_text}"
                );
            }
        }

        // "None" beside a listed transfer says two things: refused, whether
        // the list is given or kept.
        let opintori = register_id(&app, "opintori-verkko-ohjauspalvelu").await;
        let version = app.data(read, json!({ "id": opintori })).await["node"]["version"].clone();
        let before = app.snapshot().await;
        let contradicted = app
            .data(update, json!({ "input": { "id": opintori, "version": version, "transferStatement": "NONE" } }))
            .await;
        let errors = &contradicted["updateRegister"]["userErrors"];
        assert_eq!(
            errors[0]["field"],
            json!(["input", "transferStatement"]),
            "{contradicted:#}"
        );
        assert_eq!(errors[0]["code"], "INVALID");
        assert_eq!(app.snapshot().await, before, "nothing was written");
        app.cleanup().await;
    }
);

both_databases!(
    a_retention_event_with_criteria_but_no_period_is_still_printed,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let id = register_id(&app, "medieco-asiakaspalvelujarjestelma").await;
        let read = "query($id: ID!) { node(id: $id) { ... on Register { retentionRules { id version } fi: notice(language: FI, format: TEXT) { text } en: notice(language: EN, format: TEXT) { text } } } }";
        let node = app.data(read, json!({ "id": id })).await["node"].clone();
        let rule = &node["retentionRules"][0];
        let changed = app
            .data(
                "mutation($input: UpdateRetentionRuleInput!) { updateRetentionRule(input: $input) { userErrors { field code message } } }",
                json!({ "input": { "id": rule["id"], "version": rule["version"], "amount": null, "unit": null,
                    "criteria": { "fi": "Tiedot poistetaan, kun niitä ei enää tarvita.", "en": "Data is erased when no longer needed." },
                    "trigger": { "fi": "asiakkuuden päättymisestä", "en": "from the end of the customer relationship" } } }),
            )
            .await;
        assert_eq!(
            changed["updateRetentionRule"]["userErrors"],
            json!([]),
            "{changed:#}"
        );
        let node = app.data(read, json!({ "id": id })).await["node"].clone();
        let fi = node["fi"]["text"].as_str().unwrap();
        assert!(
            fi.contains("Säilytysaika lasketaan asiakkuuden päättymisestä. Tiedot poistetaan, kun niitä ei enää tarvita."),
            "{fi}"
        );
        let en = node["en"]["text"].as_str().unwrap();
        assert!(
            en.contains("The retention period starts from the end of the customer relationship. Data is erased when no longer needed."),
            "{en}"
        );
        app.cleanup().await;
    }
);

both_databases!(
    swedish_notices_and_a_page_that_says_when_a_language_is_missing,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let slug = "medieco-asiakaspalvelujarjestelma";
        let id = register_id(&app, slug).await;
        let compiled = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Register { notice(language: SV, format: MARKDOWN) { language title text sections { key title } } } } }",
                json!({ "id": id }),
            )
            .await;
        let notice = &compiled["node"]["notice"];
        assert_eq!(notice["language"], "SV");
        let text = notice["text"].as_str().unwrap();
        for phrase in [
            "# Dataskyddsbeskrivning:",
            "## 1. Personuppgiftsansvarig",
            "Rättslig grund: den registrerades samtycke (artikel 6.1 a i dataskyddsförordningen)",
            "Uppgifter överförs inte till länder utanför EU eller EES.",
            "Uppgifter lämnas inte ut utanför den personuppgiftsansvarige.",
            "## 15. Rätt att lämna in klagomål till en tillsynsmyndighet",
        ] {
            assert!(text.contains(phrase), "{phrase} missing from {text}");
        }
        assert_eq!(
            notice["sections"][0]["title"],
            "Dataskyddsbeskrivning: Mediecon Asiakaspalvelujärjestelmä"
        );

        // Only Finnish is published: ?lang=sv says so, in Swedish, above it.
        app.data(PUBLISH, json!({ "id": id, "language": "FI" }))
            .await;
        let page = app
            .client
            .get(app.url(&format!("/notices/{slug}?lang=sv")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.headers()["content-language"], "fi");
        let html = page.text().await.unwrap();
        assert!(
            html.contains("<p class=\"missing\" role=\"note\" lang=\"sv\">Ingen svensk version av denna beskrivning har publicerats."),
            "{html}"
        );
        // Once Swedish is published it is served, with no such note.
        app.data(PUBLISH, json!({ "id": id, "language": "SV" }))
            .await;
        let page = app
            .client
            .get(app.url(&format!("/notices/{slug}?lang=sv")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.headers()["content-language"], "sv");
        let html = page.text().await.unwrap();
        assert!(html.contains("<html lang=\"sv\">"));
        assert!(!html.contains("class=\"missing\""));
        app.cleanup().await;
    }
);

both_databases!(
    an_identity_code_checked_but_not_stored_is_never_said_to_be_held,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let id = register_id(&app, "medieco-asiakaspalvelujarjestelma").await;
        let created = app
            .data(
                "mutation { createDataCategory(input: { externalId: \"hetu\", name: { fi: \"Henkilötunnus\", en: \"Personal identity code\" }, nationalIdentifier: true }) { userErrors { code } } }",
                json!({}),
            )
            .await;
        assert_eq!(created["createDataCategory"]["userErrors"], json!([]));
        let read = "query($id: ID!) { node(id: $id) { ... on Register { version dataCategories { category { externalId } note justification stored } fi: notice(language: FI, format: TEXT) { text } en: notice(language: EN, format: TEXT) { text } } } }";
        let node = app.data(read, json!({ "id": id })).await["node"].clone();
        let mut links: Vec<Value> = node["dataCategories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| json!({ "category": l["category"]["externalId"], "note": l["note"].as_str().map(|n| json!({ "fi": n })), "justification": Value::Null }))
            .collect();
        links.push(json!({ "category": "hetu", "stored": false,
            "justification": { "fi": "Henkilöllisyyden varmistaminen (tietosuojalaki 29 §)" } }));
        let changed = app
            .data(
                "mutation($input: UpdateRegisterInput!) { updateRegister(input: $input) { userErrors { field code message } } }",
                json!({ "input": { "id": id, "version": node["version"], "dataCategories": links } }),
            )
            .await;
        assert_eq!(
            changed["updateRegister"]["userErrors"],
            json!([]),
            "{changed:#}"
        );
        let node = app.data(read, json!({ "id": id })).await["node"].clone();
        let hetu = node["dataCategories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["category"]["externalId"] == "hetu")
            .unwrap();
        assert_eq!(hetu["stored"], false);
        let fi = node["fi"]["text"].as_str().unwrap();
        assert!(
            fi.contains("; käsitellään, mutta ei tallenneta rekisteriin"),
            "{fi}"
        );
        assert!(
            fi.contains("Henkilötunnuksia käsitellään, mutta niitä ei tallenneta rekisteriin."),
            "{fi}"
        );
        assert!(
            !fi.contains("Rekisterissä käsitellään henkilötunnuksia"),
            "{fi}"
        );
        let en = node["en"]["text"].as_str().unwrap();
        assert!(
            en.contains("Personal identity codes are processed but not stored in the register."),
            "{en}"
        );
        assert!(
            !en.contains("The register holds personal identity codes"),
            "{en}"
        );
        // The document says it only where it is so.
        let export = app.snapshot().await;
        assert_eq!(export.matches("\"stored\": false").count(), 1, "{export}");
        assert!(!export.contains("\"stored\": true"));
        app.cleanup().await;
    }
);

/// Imports the demo document after `edit` has changed the register `slug`
/// (and anything else in the document), and answers the register's id.
async fn import_edited(app: &TestApp, slug: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let mut document: Value = serde_json::from_str(&app.snapshot().await).unwrap();
    edit(&mut document);
    let data = app
        .data(
            "mutation($document: JSON!) { importInventory(input: { document: $document, allowDeletes: true }) { committed userErrors { field code message } } }",
            json!({ "document": document }),
        )
        .await;
    assert_eq!(data["importInventory"]["committed"], true, "{data:#}");
    register_id(app, slug).await
}

fn register_in<'a>(document: &'a mut Value, slug: &str) -> &'a mut Value {
    document["registers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["slug"] == slug)
        .unwrap()
}

both_databases!(
    notices_print_the_typed_facts_of_a_register,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let slug = "medieco-asiakaspalvelujarjestelma";
        let id = import_edited(&app, slug, |document| {
            for system in document["systems"].as_array_mut().unwrap() {
                if system["externalId"] == "medieco/jira-service-management" {
                    system["localizedName"] = json!({ "en": "Customer service system JSM" });
                }
            }
            for organization in document["organizations"].as_array_mut().unwrap() {
                if organization["externalId"] == "medieco" {
                    organization["channels"] = json!([
                        { "kind": "EMAIL", "value": "tietosuoja@medieco.fi",
                          "label": { "fi": "Tietosuoja-asiat", "en": "Data protection matters" } },
                        { "kind": "WEB", "value": "https://medieco.fi/yhteys" }
                    ]);
                }
            }
            let register = register_in(document, slug);
            register["purposes"][0]["legalBasis"] = json!("LEGAL_OBLIGATION");
            register["purposes"][0]["law"] = json!({ "act": "1336/1997", "section": "2 luku 10 §" });
            register["purposes"].as_array_mut().unwrap().push(json!({
                "description": { "fi": "Verotus", "en": "Taxation" },
                "law": { "act": "1558/1995", "title": { "fi": "arvonlisäverolaki", "en": "the Value Added Tax Act" } }
            }));
            register["legalBases"] = json!([{ "basis": "LEGITIMATE_INTERESTS" }]);
            register["recipients"] = json!([{ "description": { "fi": "Perintätoimisto", "en": "A debt collection agency" }, "hedge": "OCCASIONALLY" }]);
            register["disclosureStatement"] = json!(null);
            register["transferStatement"] = json!(null);
            register["transfers"] = json!([{ "externalId": "medieco/anywhere", "destinationRegion": "WORLDWIDE",
                "mechanism": "STANDARD_CONTRACTUAL_CLAUSES", "sccVersion": "SCC_2021", "hedge": "POSSIBLY" }]);
            let rule = &mut register["retentionRules"][0];
            rule["atTheLatest"] = json!(true);
            rule["disposal"] = json!("YEARLY");
            rule["law"] = json!({ "act": "1336/1997", "section": "2 luku 10 §" });
            register["rights"] = json!([
                { "right": "ERASURE", "applies": "DOES_NOT_APPLY",
                  "conditions": { "fi": "kirjanpitoaineisto on säilytettävä", "en": "accounting records must be kept" },
                  "law": { "act": "1336/1997", "section": "2 luku 10 §" } },
                { "right": "OBJECTION", "applies": "LIMITED",
                  "conditions": { "fi": "ei koske laskutustietoja", "en": "not for invoicing data" } }
            ]);
            register["automatedDecisionMaking"] = json!({ "fi": "Luottopäätös tehdään automaattisesti.", "en": "Credit decisions are automated." });
            register["automatedDecisionSafeguards"] = json!({ "fi": "Voit pyytää päätöksen käsittelyä ihmisellä.", "en": "You may ask for a person to review the decision." });
            register["provisionRequirement"] = json!("CONTRACT_PREREQUISITE");
            register["provisionConsequences"] = json!({ "fi": "Palvelua ei voida toimittaa.", "en": "The service cannot be provided." });
        })
        .await;
        let fi = notice_text(&app, &id, "FI", "TEXT").await;
        let en = notice_text(&app, &id, "EN", "TEXT").await;
        let sv = notice_text(&app, &id, "SV", "TEXT").await;
        for (text, phrases) in [
            (
                &fi,
                &[
                    "Oikeusperuste: rekisterinpitäjän lakisääteisen velvoitteen noudattaminen (6 artiklan 1 kohdan c alakohta), kirjanpitolaki (1336/1997) 2 luku 10 §.",
                    "Oikeusperuste: unionin oikeus tai kansallinen lainsäädäntö (6 artiklan 3 kohta): arvonlisäverolaki (1558/1995).",
                    "Rekisterin käsittelyn oikeusperusteet (ilmoitettu koko rekisterille):\n\n- rekisterinpitäjän tai kolmannen osapuolen oikeutettu etu (6 artiklan 1 kohdan f alakohta)",
                    "- Satunnaisesti, ei säännönmukaisesti: Perintätoimisto",
                    "- Tietoja voidaan siirtää: Vastaanottajaa ei ole nimetty, kohdealue mikä tahansa maa, myös EU:n ja ETA:n ulkopuolella.",
                    "Siirron peruste: Euroopan komission vakiosopimuslausekkeet (46 artiklan 2 kohdan c alakohta), komission päätös (EU) 2021/914.",
                    "- enintään 2 vuotta",
                    "Tiedot poistetaan kerran vuodessa tehtävässä poistoajossa.",
                    "Säilytysajan peruste: kirjanpitolaki (1336/1997) 2 luku 10 §.",
                    "Rekisterinpitäjän ilmoituksen mukaan seuraavat oikeudet eivät koske tätä käsittelyä:\n\n- oikeus tietojen poistamiseen (17 artikla): kirjanpitoaineisto on säilytettävä (kirjanpitolaki (1336/1997) 2 luku 10 §)",
                    "- vastustaa tietojesi käsittelyä henkilökohtaiseen erityiseen tilanteeseesi liittyvällä perusteella (21 artikla); rajoitukset: ei koske laskutustietoja",
                    "Suojatoimet rekisteröidyn oikeuksien turvaamiseksi (22 artiklan 3 kohta): Voit pyytää päätöksen käsittelyä ihmisellä.",
                    "Henkilötietojen antaminen on sopimuksen tekemisen edellytys. Jos tietoja ei anneta: Palvelua ei voida toimittaa.",
                    "Tietosuoja-asiat: tietosuoja@medieco.fi",
                    "Verkkosivut: https://medieco.fi/yhteys",
                    "- Jira Service Management",
                ][..],
            ),
            (
                &en,
                &[
                    "Legal basis: Union or Member State law (Article 6(3)): the Value Added Tax Act (1558/1995).",
                    "(Article 6(1)(c)), the Accounting Act (1336/1997) 2 luku 10 §.",
                    "- Occasionally, not regularly: A debt collection agency",
                    "- Data may be transferred: No recipient has been named, destination any country, including countries outside the EU and the EEA.",
                    ", Commission Decision (EU) 2021/914.",
                    "- at most 2 years",
                    "Data is erased in a deletion run carried out once a year.",
                    "Basis of the period: the Accounting Act (1336/1997) 2 luku 10 §.",
                    "According to the controller, the following rights do not apply to this processing:\n\n- the right to erasure (Article 17): accounting records must be kept",
                    "(Article 21); limitations: not for invoicing data",
                    "Safeguards of the data subject's rights (Article 22(3)): You may ask for a person to review the decision.",
                    "Providing the personal data is a requirement necessary to enter into a contract. If the data is not provided: The service cannot be provided.",
                    "Data protection matters: tietosuoja@medieco.fi",
                    "- Customer service system JSM",
                ][..],
            ),
            (
                &sv,
                &[
                    "- högst 2 år",
                    "Att lämna personuppgifterna är ett krav som är nödvändigt för att ingå ett avtal.",
                    "kommissionens beslut (EU) 2021/914",
                    "Uppgifter kan överföras: ",
                ][..],
            ),
        ] {
            for phrase in phrases {
                assert!(text.contains(phrase), "{phrase:?} missing from\n{text}");
            }
        }
        // Stated once for the register, the basis counts for the rights:
        // objection (as stated), and nothing is undetermined.
        let rights = rights_of(&en);
        assert!(rights.object && !rights.undetermined, "{rights:?}\n{en}");
        // The erasure the register says does not apply is not also listed
        // as a right, nor with its derived Art. 17(3)(b) limit.
        assert!(!rights.erasure_limited, "{en}");
        assert!(!en.contains("- have your data erased"), "{en}");
        // A hedged transfer is never stated as a certainty, and a region
        // replaces the unstated country.
        assert!(!fi.contains("kohdemaa ei ilmoitettu"), "{fi}");
        assert!(!fi.contains("eivät ole enää voimassa"), "{fi}");

        // Clauses repealed by Decision (EU) 2021/914 are not presented as a
        // valid mechanism after 27.12.2022.
        let id = import_edited(&app, slug, |document| {
            let register = register_in(document, slug);
            register["transfers"][0]["sccVersion"] = json!("SCC_2010");
            register["transfers"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "externalId": "medieco/eea", "destinationRegion": "EEA" }));
        })
        .await;
        let fi = notice_text(&app, &id, "FI", "TEXT").await;
        assert!(
            fi.contains("komission päätös 2010/87/EU.") && fi.contains("kohdealue Euroopan talousalue (ETA). Kohde on EU:n tai ETA:n alueella.") && fi.contains("Nämä vakiosopimuslausekkeet eivät ole enää voimassa oleva siirtoperuste: komission päätöksellä (EU) 2021/914 kumottujen vakiosopimuslausekkeiden nojalla tehdyt sopimukset olivat voimassa 27.12.2022 asti."),
            "{fi}"
        );
        let en = notice_text(&app, &id, "EN", "TEXT").await;
        assert!(
            en.contains("remained valid until 27 December 2022.")
                && en.contains("destination the European Economic Area (EEA). The destination is within the EU or the EEA."),
            "{en}"
        );
        app.cleanup().await;
    }
);

both_databases!(
    a_notice_says_when_the_requirement_to_give_data_is_not_stated,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let id = register_id(&app, "mainioco-asiakasrekisteri").await;
        let fi = notice_text(&app, &id, "FI", "TEXT").await;
        assert!(
            fi.contains("Rekisterinpitäjä ei ole ilmoittanut, onko henkilötietojen antaminen lakisääteistä tai sopimukseen perustuvaa tai sopimuksen tekemisen edellytys"),
            "{fi}"
        );
        let en = notice_text(&app, &id, "EN", "TEXT").await;
        assert!(
            en.contains("The controller has not stated whether providing the personal data is a statutory or contractual requirement"),
            "{en}"
        );
        app.cleanup().await;
    }
);
