//! Per-controller access: a token limited to some controllers sees and
//! touches only their registers and what those registers lead to. Two
//! controllers ask every root field; neither ever sees an id of the other's,
//! and the other's nodes answer exactly as nodes that do not exist.

use std::collections::BTreeSet;

use ropagraph::domain::id::{NodeType, encode};
use serde_json::{Value, json};

use crate::{
    auth::{issuer, jwt_authenticator, token},
    both_databases,
    helpers::{Backend, TestApp},
};

/// Everything a register leads to, with the id of every node on the way.
const EVERYTHING: &str = r#"
fragment Everything on Register {
  id slug
  controller { id contacts { id } }
  jointControllers { id }
  dpo { id organization { id } }
  contactPerson { id organization { id } }
  supervisoryAuthority { id }
  purposes { id }
  dataSubjectCategories { id }
  dataCategories { category { id } }
  sources { id }
  recipients { id organization { id } }
  processors { id processor { id } parent { id } subProcessors { id } }
  transfers { id recipient { id } engagement { id } }
  retentionRules { id dataCategory { id } }
  securityMeasures { id }
  systems { id vendor { id } }
  publishedNotices { id }
  findings { subject { id } }
}"#;

/// Every global id anywhere in a response.
fn ids(value: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("id", Value::String(id)) => {
                            out.insert(id.clone());
                        }
                        _ => walk(value, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(value, &mut out);
    out
}

/// One controller's side of the test.
struct Side {
    name: &'static str,
    token: String,
    controller: String,
    register: String,
    slug: String,
    notice_version: String,
    purpose: String,
    engagement_key: String,
    /// Ids reachable from this controller's registers only.
    only: BTreeSet<String>,
}

async fn ask(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    app.client
        .post(app.url("/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The root queries, each asking as much as it can of the graph; the ids
/// passed in are the other controller's.
fn root_queries(other: &Side, shared_vendor: &str) -> Vec<(String, String, Value)> {
    let organizations = |filter: &str| {
        format!(
            "{{ organizations(first: 100{filter}) {{ totalCount nodes {{ id name \
             processorEngagements(first: 100) {{ totalCount nodes {{ id register {{ id slug }} }} }} \
             controlledRegisters(first: 100) {{ totalCount nodes {{ id slug }} }} \
             contacts {{ id }} findings {{ subject {{ id }} register {{ id slug }} }} }} }} }}"
        )
    };
    let mut queries = vec![
        (
            "node".to_owned(),
            "query($id: ID!) { node(id: $id) { id ... on Register { slug } } }".to_owned(),
            json!({ "id": other.register }),
        ),
        (
            "nodes".to_owned(),
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }".to_owned(),
            json!({ "ids": other.only.iter().take(100).collect::<Vec<_>>() }),
        ),
        (
            "noticeDiff".to_owned(),
            "query($v: ID!) { noticeDiff(fromId: $v, toId: $v) { changed unified } }".to_owned(),
            json!({ "v": other.notice_version }),
        ),
        ("organizations".to_owned(), organizations(""), json!({})),
        (
            "registers".to_owned(),
            format!("{{ registers(first: 100) {{ totalCount nodes {{ ...Everything }} }} }}{EVERYTHING}"),
            json!({}),
        ),
        (
            "registers".to_owned(),
            format!(
                "query($c: ID) {{ registers(first: 100, filter: {{ controllerId: $c }}) {{ totalCount nodes {{ ...Everything }} }} }}{EVERYTHING}"
            ),
            json!({ "c": other.controller }),
        ),
        (
            "transfers".to_owned(),
            "{ transfers(first: 100) { totalCount nodes { id register { id slug } recipient { id } engagement { id } findings { subject { id } } } } }".to_owned(),
            json!({}),
        ),
        (
            "processorEngagements".to_owned(),
            "{ processorEngagements(first: 100) { totalCount nodes { id register { id slug } processor { id } parent { id } subProcessors { id } } } }".to_owned(),
            json!({}),
        ),
        (
            "dataCategories".to_owned(),
            "{ dataCategories(first: 100) { totalCount nodes { id } } }".to_owned(),
            json!({}),
        ),
        (
            "dataSubjectCategories".to_owned(),
            "{ dataSubjectCategories(first: 100) { totalCount nodes { id } } }".to_owned(),
            json!({}),
        ),
        (
            "systems".to_owned(),
            "{ systems(first: 100) { totalCount nodes { id vendor { id } } } }".to_owned(),
            json!({}),
        ),
        (
            "findings".to_owned(),
            "{ findings(first: 100) { totalCount nodes { subject { id } register { id slug } } } }"
                .to_owned(),
            json!({}),
        ),
        ("rules".to_owned(), "{ rules { code } }".to_owned(), json!({})),
        (
            "simulate".to_owned(),
            "query($v: ID!) { simulate(input: { dropVendor: $v, countryLosesAdequacy: \"US\" }) { \
             affectedTransfers { id } affectedRegisters { id slug } affectedNotices { id } \
             newFindings { subject { id } } resolvedFindings { subject { id } } } }"
                .to_owned(),
            json!({ "v": shared_vendor }),
        ),
        (
            "auditEvents".to_owned(),
            "{ auditEvents(first: 100) { nodes { nodeId operation } } }".to_owned(),
            json!({}),
        ),
    ];
    for role in [
        "CONTROLLER",
        "PROCESSOR",
        "RECIPIENT",
        "SUPERVISORY_AUTHORITY",
        "VENDOR",
    ] {
        queries.push((
            "organizations".to_owned(),
            organizations(&format!(", filter: {{ role: {role} }}")),
            json!({}),
        ));
    }
    queries
}

/// A server checking JWTs from a loopback issuer, with the demo data, a
/// processor shared by two controllers and a published notice each.
async fn setup(backend: Backend) -> Option<(TestApp, Side, Side, String)> {
    let issuer = issuer().await;
    let admin = token(&issuer.url, "ropa:admin", json!({}));
    let app = TestApp::spawn_with(backend, jwt_authenticator(&issuer), &admin).await?;
    ropagraph::demo::load_if_empty(&app.db).await.unwrap();

    let lookup = app
        .data(
            "{ organizations(first: 100) { nodes { id externalId } } registers(first: 100) { nodes { id externalId slug controller { externalId } purposes { id } processors { externalId } } } }",
            json!({}),
        )
        .await;
    let org = |key: &str| -> String {
        lookup["organizations"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["externalId"] == key)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let register_of = |controller: &str| -> Value {
        lookup["registers"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["controller"]["externalId"] == controller)
            .unwrap()
            .clone()
    };
    let zendesk = org("zendesk");
    let (reg_a, reg_b) = (register_of("medieco"), register_of("osekk"));

    // Zendesk now serves both controllers.
    let shared = app
        .data(
            "mutation($r: ID!) { createProcessorEngagement(input: { registerId: $r, externalId: \"medieco/zendesk\", processor: \"zendesk\" }) { userErrors { message } } }",
            json!({ "r": reg_a["id"] }),
        )
        .await;
    assert_eq!(shared["createProcessorEngagement"]["userErrors"], json!([]));
    let mut versions = Vec::new();
    for register in [&reg_a, &reg_b] {
        let published = app
            .data(
                "mutation($r: ID!) { publishNotice(input: { registerId: $r, acknowledgement: \"CI: the seed as it stands\" }) { noticeVersion { id } userErrors { message } } }",
                json!({ "r": register["id"] }),
            )
            .await;
        versions.push(
            published["publishNotice"]["noticeVersion"]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }

    let reachable = |controller: String| {
        let app = &app;
        async move {
            ids(&app
                .data(
                    &format!(
                        "query($c: ID) {{ registers(first: 100, filter: {{ controllerId: $c }}) {{ nodes {{ ...Everything }} }} }}{EVERYTHING}"
                    ),
                    json!({ "c": controller }),
                )
                .await)
        }
    };
    let (all_a, all_b) = (
        reachable(org("medieco")).await,
        reachable(org("osekk")).await,
    );
    assert!(all_a.contains(&zendesk) && all_b.contains(&zendesk));
    let side = |name,
                token,
                controller: String,
                register: &Value,
                version: &str,
                mine: &BTreeSet<String>,
                theirs: &BTreeSet<String>| Side {
        name,
        token,
        controller,
        register: register["id"].as_str().unwrap().to_owned(),
        slug: register["slug"].as_str().unwrap().to_owned(),
        notice_version: version.to_owned(),
        purpose: register["purposes"][0]["id"].as_str().unwrap().to_owned(),
        engagement_key: register["processors"][0]["externalId"]
            .as_str()
            .unwrap()
            .to_owned(),
        only: mine.difference(theirs).cloned().collect(),
    };
    // A names its controller by externalId, B by global id.
    let a = side(
        "medieco",
        token(
            &issuer.url,
            "ropa:admin",
            json!({ "ropa_controllers": ["medieco"] }),
        ),
        org("medieco"),
        &reg_a,
        &versions[0],
        &all_a,
        &all_b,
    );
    let b = side(
        "osekk",
        token(
            &issuer.url,
            "ropa:admin",
            json!({ "ropa_controllers": org("osekk") }),
        ),
        org("osekk"),
        &reg_b,
        &versions[1],
        &all_b,
        &all_a,
    );
    assert!(a.only.len() > 10 && b.only.len() > 10);
    Some((app, a, b, zendesk))
}

both_databases!(
    every_root_field_keeps_controllers_apart,
    |backend| async move {
        let Some((app, a, b, zendesk)) = setup(backend).await else {
            return;
        };
        // The table covers every root field: a new one must be added here.
        let schema = app
            .data("{ __schema { queryType { fields { name } } } }", json!({}))
            .await;
        let root: BTreeSet<String> = schema["__schema"]["queryType"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_owned())
            .collect();
        let asked: BTreeSet<String> = root_queries(&b, &zendesk)
            .into_iter()
            .map(|(name, _, _)| name)
            .collect();
        assert_eq!(root, asked, "every root field has an isolation query");

        for (me, other) in [(&a, &b), (&b, &a)] {
            for (field, query, variables) in root_queries(other, &zendesk) {
                let body = ask(&app, &me.token, &query, variables).await;
                if field == "auditEvents" {
                    assert_eq!(
                        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
                        "{}: {body}",
                        me.name
                    );
                    continue;
                }
                assert!(body.get("errors").is_none(), "{} {field}: {body}", me.name);
                let leaked: Vec<_> = ids(&body).intersection(&other.only).cloned().collect();
                assert!(
                    leaked.is_empty(),
                    "{} sees {} of {} through {field}: {leaked:?}",
                    me.name,
                    leaked.len(),
                    other.name
                );
                assert!(
                    !body.to_string().contains(&other.slug),
                    "{} sees {}'s slug through {field}",
                    me.name,
                    other.name
                );
            }

            // Another controller's node answers as a node that does not exist.
            let missing = encode(NodeType::Register, 999_999).0;
            let node = "query($id: ID!) { node(id: $id) { id } }";
            let nothing = ask(&app, &me.token, node, json!({ "id": missing })).await;
            assert_eq!(nothing, json!({ "data": { "node": null } }));
            for id in &other.only {
                let body = ask(&app, &me.token, node, json!({ "id": id })).await;
                assert_eq!(body, nothing, "{} asks for {id}", me.name);
            }
            // Its own nodes it does see.
            let own = ask(&app, &me.token, node, json!({ "id": me.register })).await;
            assert_eq!(own["data"]["node"]["id"], me.register.as_str());
            let many = ask(
                &app,
                &me.token,
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                json!({ "ids": [me.register, other.register] }),
            )
            .await;
            assert_eq!(
                many["data"]["nodes"],
                json!([{ "id": me.register }, null]),
                "{}",
                me.name
            );
            let counts = ask(
                &app,
                &me.token,
                "{ registers { totalCount } findings { totalCount nodes { register { id } } } }",
                json!({}),
            )
            .await;
            assert_eq!(counts["data"]["registers"]["totalCount"], 1);
            for finding in counts["data"]["findings"]["nodes"].as_array().unwrap() {
                assert_eq!(finding["register"]["id"], me.register.as_str());
            }
        }

        // The shared processor shows each controller only its own engagement.
        let engagements = "query($id: ID!) { node(id: $id) { ... on Organization { processorEngagements { totalCount nodes { register { id } } } } } }";
        let everyone = app.data(engagements, json!({ "id": zendesk })).await;
        let total = everyone["node"]["processorEngagements"]["totalCount"]
            .as_i64()
            .unwrap();
        for me in [&a, &b] {
            let seen = ask(&app, &me.token, engagements, json!({ "id": zendesk })).await;
            let seen = &seen["data"]["node"]["processorEngagements"];
            assert!(seen["totalCount"].as_i64().unwrap() < total);
            for node in seen["nodes"].as_array().unwrap() {
                assert_eq!(node["register"]["id"], me.register.as_str());
            }
        }
        app.cleanup().await;
    }
);

both_databases!(
    writes_never_touch_another_controller,
    |backend| async move {
        let Some((app, a, b, _)) = setup(backend).await else {
            return;
        };
        let before = app.snapshot().await;
        let missing_register = encode(NodeType::Register, 999_999).0;
        let missing_purpose = encode(NodeType::Purpose, 999_999).0;
        let missing_org = encode(NodeType::Organization, 999_999).0;
        let code = |body: &Value, field: &str| body["data"][field]["userErrors"][0]["code"].clone();

        // Each write aimed at B answers as one aimed at nothing.
        let cases = [
            (
                "deleteRegister",
                "mutation($id: ID!) { deleteRegister(input: { id: $id }) { deletedId userErrors { field message code } } }",
                b.register.clone(),
                missing_register.clone(),
            ),
            (
                "createPurpose",
                "mutation($id: ID!) { createPurpose(input: { registerId: $id, description: { fi: \"Markkinointi\" } }) { purpose { id } userErrors { field message code } } }",
                b.register.clone(),
                missing_register.clone(),
            ),
            (
                "publishNotice",
                "mutation($id: ID!) { publishNotice(input: { registerId: $id }) { noticeVersion { id } userErrors { field message code } } }",
                b.register.clone(),
                missing_register.clone(),
            ),
            (
                "deletePurpose",
                "mutation($id: ID!) { deletePurpose(input: { id: $id }) { deletedId userErrors { field message code } } }",
                b.purpose.clone(),
                missing_purpose,
            ),
            (
                "deleteOrganization",
                "mutation($id: ID!) { deleteOrganization(input: { id: $id }) { deletedId userErrors { field message code } } }",
                b.controller.clone(),
                missing_org,
            ),
        ];
        for (field, mutation, theirs, nothing) in cases {
            let aimed = ask(&app, &a.token, mutation, json!({ "id": theirs })).await;
            let missing = ask(&app, &a.token, mutation, json!({ "id": nothing })).await;
            assert_eq!(code(&aimed, field), "NOT_FOUND", "{field}: {aimed}");
            assert_eq!(aimed, missing, "{field}");
        }

        // A register for a controller the token does not act for is refused.
        let upsert = ask(
        &app,
        &a.token,
        "mutation { upsertRegister(input: { externalId: \"medieco/new\", slug: \"medieco-new\", name: { fi: \"Uusi\" }, controller: \"osekk\" }) { register { id } userErrors { field code } } }",
        json!({}),
    )
    .await;
        assert_eq!(
            upsert["data"]["upsertRegister"]["userErrors"],
            json!([{ "field": ["input", "controller"], "code": "FORBIDDEN" }])
        );
        // Nor can it hang its own rows on B's: B's engagement is not found.
        let chained = ask(
        &app,
        &a.token,
        "mutation($r: ID!, $p: String!) { createProcessorEngagement(input: { registerId: $r, processor: \"pinja\", parent: $p }) { processorEngagement { id } userErrors { field code } } }",
        json!({ "r": a.register, "p": b.engagement_key }),
    )
    .await;
        assert_eq!(
            chained["data"]["createProcessorEngagement"]["userErrors"],
            json!([{ "field": ["input", "parent"], "code": "NOT_FOUND" }])
        );
        assert_eq!(app.snapshot().await, before, "nothing was written");

        // Its own register it may change.
        let own = ask(
        &app,
        &a.token,
        "mutation($id: ID!) { createPurpose(input: { registerId: $id, description: { fi: \"Markkinointi\" } }) { purpose { id } userErrors { code } } }",
        json!({ "id": a.register }),
    )
    .await;
        assert_eq!(own["data"]["createPurpose"]["userErrors"], json!([]));
        assert!(own["data"]["createPurpose"]["purpose"]["id"].is_string());
        app.cleanup().await;
    }
);

both_databases!(
    a_limited_token_cannot_take_over_another_controller,
    |backend| async move {
        let Some((app, a, b, zendesk)) = setup(backend).await else {
            return;
        };
        let before = app.snapshot().await;
        let osekk = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Organization { id name version } } }",
                json!({ "id": b.controller }),
            )
            .await["node"]
            .clone();
        let medieco = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Organization { id name version } } }",
                json!({ "id": a.controller }),
            )
            .await["node"]
            .clone();
        // A links the other controller's organization: allowed, it is shared.
        let linked = ask(
            &app,
            &a.token,
            "mutation($r: ID!) { createRecipient(input: { registerId: $r, organization: \"osekk\" }) { recipient { id } userErrors { code } } }",
            json!({ "r": a.register }),
        )
        .await;
        assert_eq!(
            linked["data"]["createRecipient"]["userErrors"],
            json!([]),
            "{linked:#}"
        );
        // Then frees its own controller's key and gives it to the other's
        // organization, in one request: both refused, nothing written.
        let takeover = ask(
            &app,
            &a.token,
            "mutation($mine: ID!, $mv: Int!, $mn: String!, $theirs: ID!, $tv: Int!, $tn: String!) {
               rename: updateOrganization(input: { id: $mine, version: $mv, name: $mn, externalId: \"medieco-old\" }) { organization { externalId } userErrors { field code } }
               grab: updateOrganization(input: { id: $theirs, version: $tv, name: $tn, externalId: \"medieco\" }) { organization { externalId } userErrors { field code } }
             }",
            json!({ "mine": medieco["id"], "mv": medieco["version"], "mn": medieco["name"],
                    "theirs": osekk["id"], "tv": osekk["version"] .as_i64().unwrap() , "tn": osekk["name"] }),
        )
        .await;
        assert_eq!(
            takeover["data"]["rename"]["userErrors"],
            json!([{ "field": ["input", "externalId"], "code": "FORBIDDEN" }]),
            "{takeover:#}"
        );
        assert_eq!(
            takeover["data"]["grab"]["userErrors"][0]["code"], "FORBIDDEN",
            "{takeover:#}"
        );
        // A shared processor that the other controller's register uses is
        // not A's to change either.
        let vendor = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Organization { version name } } }",
                json!({ "id": zendesk }),
            )
            .await["node"]
            .clone();
        let changed = ask(
            &app,
            &a.token,
            "mutation($id: ID!, $v: Int!, $n: String!) { updateOrganization(input: { id: $id, version: $v, name: $n, note: \"mine now\" }) { userErrors { code } } }",
            json!({ "id": zendesk, "v": vendor["version"], "n": vendor["name"] }),
        )
        .await;
        assert_eq!(
            changed["data"]["updateOrganization"]["userErrors"][0]["code"], "FORBIDDEN",
            "{changed:#}"
        );
        // Each side still reaches exactly its own register.
        for (side, other) in [(&a, &b), (&b, &a)] {
            let listed = ask(
                &app,
                &side.token,
                "{ registers(first: 100) { nodes { id } } }",
                json!({}),
            )
            .await;
            let ids = ids(&listed);
            assert!(ids.contains(&side.register), "{}: {listed:#}", side.name);
            assert!(!ids.contains(&other.register), "{}: {listed:#}", side.name);
        }
        // Only A's recipient link was written.
        let after = app.snapshot().await;
        assert_ne!(before, after);
        assert!(!after.contains("medieco-old"));
        // An organization only A's register uses stays A's to change.
        let own = ask(
            &app,
            &a.token,
            "mutation { upsertOrganization(input: { externalId: \"medieco-vendor\", name: \"Oma Oy\" }) { organization { id version } userErrors { code } } }",
            json!({}),
        )
        .await;
        let own = &own["data"]["upsertOrganization"]["organization"];
        let linked = ask(
            &app,
            &a.token,
            "mutation($r: ID!) { createRecipient(input: { registerId: $r, organization: \"medieco-vendor\" }) { userErrors { code } } }",
            json!({ "r": a.register }),
        )
        .await;
        assert_eq!(
            linked["data"]["createRecipient"]["userErrors"],
            json!([]),
            "{linked:#}"
        );
        let renamed = ask(
            &app,
            &a.token,
            "mutation($id: ID!, $v: Int!) { updateOrganization(input: { id: $id, version: $v, name: \"Oma Oy Ab\" }) { userErrors { code } } }",
            json!({ "id": own["id"], "v": own["version"] }),
        )
        .await;
        assert_eq!(
            renamed["data"]["updateOrganization"]["userErrors"],
            json!([]),
            "{renamed:#}"
        );
        app.cleanup().await;
    }
);

both_databases!(
    a_limited_token_sees_and_changes_of_a_shared_node_only_what_it_may,
    |backend| async move {
        let Some((app, a, b, _)) = setup(backend).await else {
            return;
        };
        // The other controller keeps an internal contact besides the public one.
        let internal = app
            .data(
                "mutation { upsertContact(input: { organization: \"osekk\", externalId: \"osekk/internal\", name: \"Sisäinen\", role: OTHER, email: \"sisainen@osekk.fi\" }) { contact { id } userErrors { code } } }",
                json!({}),
            )
            .await["upsertContact"]["contact"]["id"]
            .clone();
        let linked = ask(
            &app,
            &a.token,
            "mutation($r: ID!) { createRecipient(input: { registerId: $r, organization: \"osekk\" }) { userErrors { code } } }",
            json!({ "r": a.register }),
        )
        .await;
        assert_eq!(
            linked["data"]["createRecipient"]["userErrors"],
            json!([]),
            "{linked:#}"
        );
        let before = app.snapshot().await;

        let read = "query($o: ID!, $c: ID!) { org: node(id: $o) { ... on Organization { name note contacts { externalId } } } contact: node(id: $c) { id } }";
        let vars = json!({ "o": b.controller, "c": internal });
        let seen = ask(&app, &a.token, read, vars.clone()).await;
        assert_eq!(
            seen["data"],
            json!({ "org": { "name": "Oulun seudun koulutuskuntayhtymä (OSEKK)", "note": null,
                              "contacts": [{ "externalId": "osekk/contact-person" }] },
                    "contact": null }),
            "{seen:#}"
        );
        // Its own side and an unlimited token see everything.
        let owner = ask(&app, &b.token, read, vars.clone()).await;
        assert!(owner["data"]["org"]["note"].is_string(), "{owner:#}");
        assert_eq!(
            owner["data"]["org"]["contacts"].as_array().unwrap().len(),
            2
        );
        assert_eq!(owner["data"]["contact"]["id"], internal);

        // Nor may A change what B's notice is compiled from.
        let public = app
            .data(
                "{ organizations(filter: { externalId: \"osekk\" }) { nodes { contacts { id version } } } dataCategories(first: 100) { nodes { id version externalId } } }",
                json!({}),
            )
            .await;
        let contact = &public["organizations"]["nodes"][0]["contacts"][0];
        let name = public["dataCategories"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["externalId"] == "name")
            .unwrap()
            .clone();
        let attempts = [
            (
                "upsertContact",
                "mutation { upsertContact(input: { organization: \"osekk\", externalId: \"osekk/mine\", name: \"Minun\", role: OTHER }) { userErrors { code } } }",
                json!({}),
            ),
            (
                "updateContact",
                "mutation($id: ID!, $v: Int!) { updateContact(input: { id: $id, version: $v, email: \"a@medieco.fi\" }) { userErrors { code } } }",
                json!({ "id": contact["id"], "v": contact["version"] }),
            ),
            (
                "updateDataCategory",
                "mutation($id: ID!, $v: Int!) { updateDataCategory(input: { id: $id, version: $v, name: { fi: \"Nimi (Medieco)\" } }) { userErrors { code } } }",
                json!({ "id": name["id"], "v": name["version"] }),
            ),
        ];
        for (field, mutation, vars) in attempts {
            let answer = ask(&app, &a.token, mutation, vars).await;
            assert_eq!(
                answer["data"][field]["userErrors"],
                json!([{ "code": "FORBIDDEN" }]),
                "{field}: {answer:#}"
            );
        }
        assert_eq!(app.snapshot().await, before, "nothing was written");
        app.cleanup().await;
    }
);
