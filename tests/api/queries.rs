//! Reading the graph: batching, pagination, node look-ups and filters.

use serde_json::{Value, json};

use crate::{
    both_databases,
    helpers::{TestApp, contract},
};

/// The demo data with each register copied `copies` times under new keys.
async fn many_registers(app: &TestApp, copies: usize) {
    let mut document = ropagraph::demo::document().unwrap();
    let originals = document.registers.clone();
    for n in 1..=copies {
        for register in &originals {
            let mut copy = register.clone();
            let key = format!("{}-copy-{n}", register.external_id.as_deref().unwrap());
            copy.external_id = Some(key.clone());
            copy.slug = format!("{}-copy-{n}", register.slug);
            for engagement in copy.processors.iter_mut().flatten() {
                engagement.external_id = engagement
                    .external_id
                    .as_ref()
                    .map(|k| format!("{k}-copy-{n}"));
                engagement.parent = engagement.parent.as_ref().map(|k| format!("{k}-copy-{n}"));
            }
            for transfer in copy.transfers.iter_mut().flatten() {
                transfer.external_id = transfer
                    .external_id
                    .as_ref()
                    .map(|k| format!("{k}-copy-{n}"));
                transfer.engagement = transfer
                    .engagement
                    .as_ref()
                    .map(|k| format!("{k}-copy-{n}"));
            }
            document.registers.push(copy);
        }
    }
    ropagraph::inventory::import(&app.db, &document, &|_, _| {})
        .await
        .unwrap();
}

both_databases!(a_read_costs_one_statement, |backend| async move {
    let app = TestApp::spawn(backend).await.unwrap();
    many_registers(&app, 21).await;
    let query = contract("register-graph.graphql");
    // The import went to the database behind the server's back: the next
    // request catches the snapshot up, in proportion to what changed.
    app.data("{ registers(first: 1) { totalCount } }", json!({}))
        .await;
    let mut counts = Vec::new();
    for first in [10, 100] {
        let before = app.statement_count();
        let data = app.data(&query, json!({ "first": first })).await;
        counts.push(app.statement_count() - before);
        assert_eq!(data["registers"]["edges"].as_array().unwrap().len(), first);
        assert_eq!(data["registers"]["totalCount"], 110);
    }
    // Every read comes from the snapshot: the only statement is the
    // generation read that tells the snapshot is current.
    assert_eq!(counts, [1, 1], "statements for 10 and 100 registers");
    app.cleanup().await;
});

both_databases!(pagination_and_nodes, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let page = "query($first: Int, $last: Int, $after: String, $before: String) {
        organizations(first: $first, last: $last, after: $after, before: $before) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } } } }";
    let all = app.data(page, json!({ "first": 1000 })).await["organizations"].clone();
    let total = all["totalCount"].as_i64().unwrap() as usize;
    let names: Vec<Value> = all["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].clone())
        .collect();
    assert_eq!(
        names.len(),
        total,
        "first is clamped to at most 100, and the demo has fewer"
    );
    assert!(total > 4);

    // Walk forwards two at a time and backwards from the end: same names.
    let mut walked = Vec::new();
    let mut after = Value::Null;
    loop {
        let p =
            app.data(page, json!({ "first": 2, "after": after })).await["organizations"].clone();
        walked.extend(
            p["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["name"].clone()),
        );
        if p["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = p["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(walked, names);
    let tail = app.data(page, json!({ "last": 2 })).await["organizations"].clone();
    let tail_names: Vec<Value> = tail["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].clone())
        .collect();
    assert_eq!(tail_names, names[names.len() - 2..].to_vec());
    assert_eq!(tail["pageInfo"]["hasPreviousPage"], true);
    let zero = app.data(page, json!({ "first": 0 })).await;
    assert_eq!(
        zero["organizations"]["edges"].as_array().unwrap().len(),
        1,
        "first is clamped to at least 1"
    );

    let bad = app.graphql(page, json!({ "after": "nonsense" })).await;
    assert_eq!(bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");

    // node(id:) and nodes(ids:) give back what the connection listed.
    let first_id = all["edges"][0]["node"]["id"].clone();
    let node = app
        .data(
            "query($id: ID!) { node(id: $id) { id ... on Organization { name } } }",
            json!({ "id": first_id }),
        )
        .await;
    assert_eq!(node["node"]["name"], names[0]);
    let nodes = app
        .data(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": [first_id, "bm9wZTox", "garbage"] }),
        )
        .await;
    assert_eq!(nodes["nodes"][0]["id"], first_id);
    assert_eq!(nodes["nodes"][1], Value::Null);
    assert_eq!(nodes["nodes"][2], Value::Null);
    app.cleanup().await;
});

both_databases!(filters_answer_the_users_questions, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let count = |filter: &str| {
        format!("{{ registers(filter: {filter}) {{ totalCount nodes {{ name }} }} }}")
    };
    let special = app
        .data(&count("{ specialCategories: true }"), json!({}))
        .await;
    assert_eq!(
        special["registers"]["totalCount"], 1,
        "only 2M-IT's recordings hold patient data: {special}"
    );
    let outside = app
        .data(&count("{ transfersOutsideEea: true }"), json!({}))
        .await;
    let names: Vec<String> = outside["registers"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.iter().any(|n| n.contains("OpinTori")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Mediecon")), "{names:?}");
    let consent = app.data(&count("{ legalBasis: CONSENT }"), json!({})).await;
    assert!(consent["registers"]["totalCount"].as_i64().unwrap() >= 2);
    let search = app
        .data(&count("{ search: \"PUHELUIDEN\" }"), json!({}))
        .await;
    assert_eq!(search["registers"]["totalCount"], 1, "search ignores case");

    let zendesk = app
        .data(
            "{ organizations(filter: { search: \"zendesk\", role: PROCESSOR }) { nodes { id } } }",
            json!({}),
        )
        .await;
    let zendesk_id = zendesk["organizations"]["nodes"][0]["id"].clone();
    let served = app
        .data(
            "query($id: ID!) { registers(filter: { processorId: $id }) { totalCount } }",
            json!({ "id": zendesk_id }),
        )
        .await;
    assert_eq!(served["registers"]["totalCount"], 1);
    let shield = app.data("{ transfers(filter: { mechanism: PRIVACY_SHIELD, destinationCountry: \"US\" }) { totalCount } }", json!({})).await;
    assert_eq!(shield["transfers"]["totalCount"], 1);
    let outside_orgs = app
        .data(
            "{ organizations(filter: { inEea: false }) { nodes { country } } }",
            json!({}),
        )
        .await;
    assert!(
        outside_orgs["organizations"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["country"] != "FI" && !n["country"].is_null())
    );
    let authority = app
        .data(
            "{ organizations(filter: { role: SUPERVISORY_AUTHORITY }) { nodes { name } } }",
            json!({}),
        )
        .await;
    assert!(
        authority["organizations"]["nodes"][0]["name"]
            .as_str()
            .unwrap()
            .contains("Tietosuojavaltuutetun")
    );
    app.cleanup().await;
});

both_databases!(
    first_pages_of_a_processors_engagements,
    |backend| async move {
        let Some(app) = TestApp::with_demo(backend).await else {
            return;
        };
        // Zendesk comes to serve every register.
        let registers = app
            .data("{ registers { nodes { id externalId } } }", json!({}))
            .await;
        for register in registers["registers"]["nodes"].as_array().unwrap() {
            let key = format!("{}/zendesk-extra", register["externalId"].as_str().unwrap());
            let made = app
            .data(
                "mutation($r: ID!, $k: String!) { createProcessorEngagement(input: { registerId: $r, externalId: $k, processor: \"zendesk\" }) { userErrors { message } } }",
                json!({ "r": register["id"], "k": key }),
            )
            .await;
            assert_eq!(made["createProcessorEngagement"]["userErrors"], json!([]));
        }
        let page = |args: &str| {
            format!(
                "{{ organizations(filter: {{ externalId: \"zendesk\" }}) {{ nodes {{ processorEngagements({args}) {{ totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id }} }} }} }} }} }}"
            )
        };
        let ids = |v: &Value| -> Vec<String> {
            v["organizations"]["nodes"][0]["processorEngagements"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
                .collect()
        };
        let all = app.data(&page("first: 100"), json!({})).await;
        let every = ids(&all);
        assert!(every.len() >= 6, "{all}");
        let first = app.data(&page("first: 2"), json!({})).await;
        let connection = &first["organizations"]["nodes"][0]["processorEngagements"];
        assert_eq!(ids(&first), every[..2].to_vec());
        assert_eq!(connection["totalCount"], every.len());
        assert_eq!(connection["pageInfo"]["hasNextPage"], true);
        let cursor = connection["pageInfo"]["endCursor"].as_str().unwrap();
        let rest = app
            .data(
                &page(&format!("first: 100, after: \"{cursor}\"")),
                json!({}),
            )
            .await;
        assert_eq!(ids(&rest), every[2..].to_vec());
        assert_eq!(
            all["organizations"]["nodes"][0]["processorEngagements"]["pageInfo"]["hasNextPage"],
            false
        );
        app.cleanup().await;
    }
);
