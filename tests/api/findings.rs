//! Findings over the stored graph: the contract, the seeds' real problems as
//! a whole list, filters, and "what if" simulations that change nothing.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::{
    both_databases,
    helpers::{TestApp, contract},
};

/// The real problems of the five seed notices, and nothing else: register
/// slug → code → how many findings. Each line says what in the seed's source
/// text (`shared/seeds/`) makes it right.
pub fn expected() -> BTreeMap<(&'static str, &'static str), usize> {
    let medieco = "medieco-asiakaspalvelujarjestelma";
    let two_m_it = "2m-it-kayttajatuen-puheluiden-nauhoittaminen";
    let mediateko = "mediateko-asiakasrekisteri";
    let mainioco = "mainioco-asiakasrekisteri";
    let opintori = "opintori-verkko-ohjauspalvelu";
    BTreeMap::from([
        // Pinja engaged without a recorded Art. 28 contract (no date, no reference).
        ((medieco, "PROCESSOR_WITHOUT_CONTRACT"), 1),
        // Patient data and henkilötunnus in call recordings, no Art. 9(2) condition or § 29 ground.
        ((two_m_it, "SPECIAL_CATEGORY_WITHOUT_CONDITION"), 1),
        ((two_m_it, "NATIONAL_ID_WITHOUT_JUSTIFICATION"), 1),
        // Four purposes, no legal basis stated at all.
        ((two_m_it, "PURPOSE_WITHOUT_LEGAL_BASIS"), 4),
        // "niin kauan kuin rekisterinpitäjä hyödyntää tietoja" beside 61 days and 2 months.
        ((two_m_it, "RETENTION_INDEFINITE"), 1),
        ((two_m_it, "PROCESSOR_WITHOUT_CONTRACT"), 1),
        // The notice bears no date of preparation or update.
        ((two_m_it, "NOTICE_UNDATED"), 1),
        // "not transferred outside the EU unless technically necessary": where to, on what ground?
        ((mediateko, "TRANSFER_NO_DESTINATION"), 1),
        ((mediateko, "TRANSFER_NO_MECHANISM"), 1),
        // The two cookie purposes state no basis (the contract basis covers the others).
        ((mediateko, "PURPOSE_WITHOUT_LEGAL_BASIS"), 2),
        ((mediateko, "PROCESSOR_WITHOUT_CONTRACT"), 2),
        // Cookies, Google Analytics and HubSpot tracking; "Käsittelyn oikeusperusteena
        // on sopimus", and cookies are refused only through the browser's settings.
        ((mediateko, "COOKIES_WITHOUT_CONSENT"), 1),
        // "may be transferred outside the EU/EEA as the law permits": a region, no ground.
        ((mainioco, "TRANSFER_NO_MECHANISM"), 1),
        // Zendesk Inc on the Privacy Shield, invalid since 16.7.2020.
        ((opintori, "TRANSFER_PRIVACY_SHIELD"), 1),
        ((opintori, "PURPOSE_WITHOUT_LEGAL_BASIS"), 4),
        // "vain niin kauan, kuin on tarpeen ... tarkoitusten toteuttamiseksi".
        ((opintori, "RETENTION_INDEFINITE"), 1),
        ((opintori, "PROCESSOR_WITHOUT_CONTRACT"), 1),
        // Luovi and PSK-Aikuisopisto produce the service; no Art. 26 arrangement.
        ((opintori, "JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT"), 1),
        // Cites Henkilötietolaki 523/1999, repealed 1.1.2019.
        ((opintori, "REPEALED_LAW_CITED"), 1),
    ])
}

const FINDINGS: &str = "query($first: Int, $after: String, $filter: FindingFilter) {
    findings(first: $first, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { code severity message(language: EN) citation subject { id __typename } register { slug } rule { effectiveFrom title(language: EN) } } } }";

async fn all_findings(app: &TestApp, filter: Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = app
            .data(
                FINDINGS,
                json!({ "first": 20, "after": after, "filter": filter }),
            )
            .await["findings"]
            .clone();
        out.extend(page["nodes"].as_array().unwrap().iter().cloned());
        if page["pageInfo"]["hasNextPage"] != true {
            return out;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

both_databases!(
    the_contract_finds_the_seeds_real_problems,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let data = app.data(&contract("findings.graphql"), json!({})).await;
        let nodes: Vec<Value> = data["findings"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"].clone())
            .collect();
        let transfers = app.data("{ transfers(filter: { mechanism: PRIVACY_SHIELD }) { nodes { id register { name } } } }", json!({})).await;
        let opintori_transfer = transfers["transfers"]["nodes"][0].clone();
        assert!(
            opintori_transfer["register"]["name"]
                .as_str()
                .unwrap()
                .contains("OpinTori")
        );
        let shield = nodes
            .iter()
            .find(|n| n["code"] == "TRANSFER_PRIVACY_SHIELD")
            .expect("a Privacy Shield finding");
        assert_eq!(shield["subject"]["id"], opintori_transfer["id"]);
        assert_eq!(shield["severity"], "CRITICAL");
        assert!(shield["citation"].as_str().unwrap().contains("C-311/18"));
        let two_m_it = app
            .data(
                "{ registers(filter: { search: \"puheluiden\" }) { nodes { id } } }",
                json!({}),
            )
            .await;
        let art9 = nodes
            .iter()
            .find(|n| n["code"] == "SPECIAL_CATEGORY_WITHOUT_CONDITION")
            .expect("an Art. 9 finding");
        assert_eq!(
            art9["subject"]["id"],
            two_m_it["registers"]["nodes"][0]["id"]
        );
        assert!(art9["citation"].as_str().unwrap().contains("Art. 9"));
        assert!(
            art9["message"].as_str().unwrap().contains("Potilastiedot"),
            "{art9}"
        );

        // The whole list, exactly.
        let found = all_findings(&app, json!(null)).await;
        assert_eq!(
            found.len() as i64,
            data["findings"]["totalCount"].as_i64().unwrap()
        );
        let mut counted: BTreeMap<(String, String), usize> = BTreeMap::new();
        for f in &found {
            *counted
                .entry((
                    f["register"]["slug"].as_str().unwrap().to_owned(),
                    f["code"].as_str().unwrap().to_owned(),
                ))
                .or_default() += 1;
        }
        let expected: BTreeMap<(String, String), usize> = expected()
            .into_iter()
            .map(|((s, c), n)| ((s.to_owned(), c.to_owned()), n))
            .collect();
        assert_eq!(counted, expected);
        app.cleanup().await;
    }
);

both_databases!(findings_filter_and_follow_the_graph, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let critical = all_findings(&app, json!({ "severity": "CRITICAL" })).await;
    assert_eq!(critical.len(), 2);
    let shield = all_findings(&app, json!({ "code": "TRANSFER_PRIVACY_SHIELD" })).await;
    assert_eq!(shield.len(), 1);
    assert_eq!(shield[0]["subject"]["__typename"], "Transfer");
    let register = app.data("{ registers(filter: { search: \"opintori\" }) { nodes { id findings { code } controller { id findings { code } } transfers { findings { code } } } } }", json!({})).await;
    let opintori = &register["registers"]["nodes"][0];
    assert_eq!(opintori["findings"].as_array().unwrap().len(), 9);
    assert_eq!(opintori["controller"]["findings"], opintori["findings"]);
    assert_eq!(
        opintori["transfers"][0]["findings"],
        json!([{ "code": "TRANSFER_PRIVACY_SHIELD" }])
    );
    let by_register = all_findings(&app, json!({ "registerId": opintori["id"] })).await;
    assert_eq!(by_register.len(), 9);
    let nothing = all_findings(&app, json!({ "registerId": "bm9wZTox" })).await;
    assert!(nothing.is_empty());

    // Fixing the problem makes the finding go away.
    let zendesk = app
        .data(
            "{ transfers(filter: { mechanism: PRIVACY_SHIELD }) { nodes { id version } } }",
            json!({}),
        )
        .await["transfers"]["nodes"][0]
        .clone();
    let fixed = app.data("mutation($input: UpdateTransferInput!) { updateTransfer(input: $input) { userErrors { field code } } }",
        json!({ "input": { "id": zendesk["id"], "version": zendesk["version"], "recipient": "zendesk", "destinationCountry": "US",
            "mechanism": "DATA_PRIVACY_FRAMEWORK", "certificationCheckedOn": "2026-11-01" } })).await;
    assert_eq!(fixed["updateTransfer"]["userErrors"], json!([]));
    assert!(
        all_findings(&app, json!({ "code": "TRANSFER_PRIVACY_SHIELD" }))
            .await
            .is_empty()
    );
    app.cleanup().await;
});

// Findings as of a day apply the rules then in force: on 1.6.2019 the
// Privacy Shield was valid, so OpinTori's Zendesk transfer is no finding;
// today it is (Schrems II, 16.7.2020). The repealed Personal Data Act is
// cited on both days (repealed 1.1.2019).
both_databases!(findings_as_of_a_day, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let query = "query($asOf: NaiveDate) {
        findings(first: 100, asOf: $asOf, filter: { code: \"TRANSFER_PRIVACY_SHIELD\" }) { totalCount }
        registers(filter: { search: \"opintori\" }) { nodes { findings(asOf: $asOf) { code } } } }";
    let codes = |data: &Value| -> Vec<String> {
        data["registers"]["nodes"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let then = app.data(query, json!({ "asOf": "2019-06-01" })).await;
    assert_eq!(then["findings"]["totalCount"], 0);
    assert!(!codes(&then).contains(&"TRANSFER_PRIVACY_SHIELD".to_owned()));
    assert!(codes(&then).contains(&"REPEALED_LAW_CITED".to_owned()));
    let now = app.data(query, json!({ "asOf": null })).await;
    assert_eq!(now["findings"]["totalCount"], 1);
    assert!(codes(&now).contains(&"TRANSFER_PRIVACY_SHIELD".to_owned()));
    let after = app.data(query, json!({ "asOf": "2020-07-16" })).await;
    assert_eq!(after["findings"]["totalCount"], 1);
    // Before the GDPR applied, no rule is in force.
    let before = app
        .data(
            "{ findings(asOf: \"2018-05-24\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(before["findings"]["totalCount"], 0);
    let bad = app
        .graphql("{ findings(asOf: \"1.6.2019\") { totalCount } }", json!({}))
        .await;
    assert!(bad["errors"][0]["message"].is_string(), "{bad}");
    app.cleanup().await;
});

const SIMULATE: &str = "query($input: SimulateInput!) { simulate(input: $input) {
    asOf affectedTransfers { id mechanism } affectedRegisters { slug } affectedNotices { number language }
    newFindings { code subject { id } } resolvedFindings { code } } }";

both_databases!(simulations_change_nothing, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    // Two DPF transfers in two registers, and a published notice for one of them.
    for (register, key) in [
        ("medieco/customer-service", "sim-1"),
        ("mediateko/customer-register", "sim-2"),
    ] {
        let upsert = app.data("mutation($input: UpsertTransferInput!) { upsertTransfer(input: $input) { userErrors { field code } } }",
            json!({ "input": { "register": register, "externalId": key, "recipient": "zendesk", "destinationCountry": "US",
                "mechanism": "DATA_PRIVACY_FRAMEWORK", "certificationCheckedOn": "2026-10-01" } })).await;
        assert_eq!(upsert["upsertTransfer"]["userErrors"], json!([]));
    }
    let medieco = app
        .data(
            "{ registers(filter: { externalId: \"medieco/customer-service\" }) { nodes { id } } }",
            json!({}),
        )
        .await;
    app.data(
        "mutation($id: ID!) { publishNotice(input: { registerId: $id }) { created } }",
        json!({ "id": medieco["registers"]["nodes"][0]["id"] }),
    )
    .await;
    let dpf = app
        .data(
            "{ transfers(filter: { mechanism: DATA_PRIVACY_FRAMEWORK }) { nodes { id } } }",
            json!({}),
        )
        .await;
    let mut dpf_ids: Vec<Value> = dpf["transfers"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].clone())
        .collect();
    dpf_ids.sort_by_key(|v| v.to_string());
    assert_eq!(dpf_ids.len(), 2);

    let before = app.snapshot().await;
    let result = app.data(SIMULATE, json!({ "input": { "invalidateMechanism": "DATA_PRIVACY_FRAMEWORK", "asOf": "2026-12-01" } })).await["simulate"].clone();
    assert_eq!(result["asOf"], "2026-12-01");
    let mut affected: Vec<Value> = result["affectedTransfers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    affected.sort_by_key(|v| v.to_string());
    assert_eq!(affected, dpf_ids, "exactly the DPF transfers");
    let mut slugs: Vec<&str> = result["affectedRegisters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    slugs.sort_unstable();
    assert_eq!(
        slugs,
        vec![
            "mediateko-asiakasrekisteri",
            "medieco-asiakaspalvelujarjestelma"
        ]
    );
    assert_eq!(
        result["affectedNotices"],
        json!([{ "number": 1, "language": "FI" }])
    );
    let new: Vec<&str> = result["newFindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        new,
        vec![
            "TRANSFER_MECHANISM_INVALIDATED",
            "TRANSFER_MECHANISM_INVALIDATED"
        ]
    );
    assert_eq!(result["resolvedFindings"], json!([]));

    // The US losing adequacy hits the same transfers; dropping Zendesk hits every Zendesk transfer.
    let lost = app
        .data(
            SIMULATE,
            json!({ "input": { "countryLosesAdequacy": "US" } }),
        )
        .await["simulate"]
        .clone();
    assert_eq!(lost["affectedTransfers"].as_array().unwrap().len(), 2);
    let zendesk = app
        .data(
            "{ organizations(filter: { externalId: \"zendesk\" }) { nodes { id } } }",
            json!({}),
        )
        .await;
    let dropped = app
        .data(
            SIMULATE,
            json!({ "input": { "dropVendor": zendesk["organizations"]["nodes"][0]["id"] } }),
        )
        .await["simulate"]
        .clone();
    assert_eq!(dropped["affectedTransfers"].as_array().unwrap().len(), 3);
    let resolved: Vec<&str> = dropped["resolvedFindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        resolved.contains(&"TRANSFER_PRIVACY_SHIELD"),
        "{resolved:?}"
    );

    let bad = app
        .graphql(
            SIMULATE,
            json!({ "input": { "countryLosesAdequacy": "XX" } }),
        )
        .await;
    assert_eq!(bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(app.snapshot().await, before, "a simulation writes nothing");
    app.cleanup().await;
});

both_databases!(
    a_recipient_added_under_a_stated_none_is_a_finding,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        // Medieco's source states nothing is disclosed outside Medieco.
        let read = "{ registers(filter: { externalId: \"medieco/customer-service\" }) { nodes { id findings { code } } } }";
        let register = app.data(read, json!({})).await["registers"]["nodes"][0].clone();
        let codes = |r: &Value| -> Vec<String> {
            r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["code"].as_str().unwrap().to_owned())
                .collect()
        };
        assert!(!codes(&register).contains(&"STATED_ABSENCE_CONTRADICTED".to_owned()));
        let added = app
            .data(
                "mutation($id: ID!) { createRecipient(input: { registerId: $id, organization: \"pinja\" }) { userErrors { code } } }",
                json!({ "id": register["id"] }),
            )
            .await;
        assert_eq!(added["createRecipient"]["userErrors"], json!([]));
        let register = app.data(read, json!({})).await["registers"]["nodes"][0].clone();
        assert!(
            codes(&register).contains(&"STATED_ABSENCE_CONTRADICTED".to_owned()),
            "{register:#}"
        );
        app.cleanup().await;
    }
);

/// An organization's id and version, by externalId.
async fn organization(app: &TestApp, key: &str) -> Value {
    app.data(
        "query($key: String!) { organizations(filter: { externalId: $key }) { nodes { id version } } }",
        json!({ "key": key }),
    )
    .await["organizations"]["nodes"][0]
        .clone()
}

// Findings are kept from one snapshot to the next while a register's view is
// made of the same nodes: a write to a node the register only names (its
// processor) must still be seen by the register's findings.
both_databases!(findings_follow_a_named_node, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let code = "PROCESSOR_OUTSIDE_EEA_WITHOUT_TRANSFER";
    let before = all_findings(&app, json!({ "code": code })).await;
    let pinja = organization(&app, "pinja").await;
    let moved = app
        .data(
            "mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { userErrors { field code } } }",
            json!({ "input": { "id": pinja["id"], "version": pinja["version"], "country": "US" } }),
        )
        .await;
    assert_eq!(moved["updateOrganization"]["userErrors"], json!([]));
    let after = all_findings(&app, json!({ "code": code })).await;
    assert!(
        after.len() > before.len(),
        "a processor moved outside the EEA without a transfer is found: {before:?} → {after:?}"
    );
    // And back: the finding goes with the move.
    let pinja = organization(&app, "pinja").await;
    app.data(
        "mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { userErrors { field code } } }",
        json!({ "input": { "id": pinja["id"], "version": pinja["version"], "country": "FI" } }),
    )
    .await;
    assert_eq!(all_findings(&app, json!({ "code": code })).await, before);
    app.cleanup().await;
});
