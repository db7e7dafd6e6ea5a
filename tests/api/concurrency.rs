//! Two writers at once: what a sync script running beside a DPO, or two
//! replicas, do every day. Each acknowledged versioned update must be one
//! version increment (no lost update), concurrent first upserts of one key
//! create it once, and no writer ever sees INTERNAL — on SQLite (one writer
//! at a time, the others wait) and on PostgreSQL (row locks, READ COMMITTED).

use std::sync::Arc;

use serde_json::{Value, json};

use crate::{both_databases, helpers::TestApp};

const WRITERS: usize = 16;
const ROUNDS: usize = 6;

const READ: &str = "query($id: ID!) { node(id: $id) { ... on Organization { version } ... on Register { version } } }";
const UPDATE_ORG: &str = "mutation($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { organization { version } userErrors { field code message } } }";
const UPDATE_REGISTER: &str = "mutation($input: UpdateRegisterInput!) {
    updateRegister(input: $input) { register { version } userErrors { field code message } } }";
const UPSERT_ORG: &str = "mutation($input: UpsertOrganizationInput!) {
    upsertOrganization(input: $input) { created organization { id } userErrors { field code message } } }";

/// What one write answered: applied, or refused as CONFLICT. Anything else
/// (a top-level error such as INTERNAL, another user error) fails the test.
#[derive(Debug, PartialEq)]
enum Answer {
    Applied,
    Conflict,
}

fn answer(body: &Value, field: &str) -> Answer {
    assert!(body.get("errors").is_none(), "a writer got {body:#}");
    let payload = &body["data"][field];
    let errors = payload["userErrors"].as_array().expect("userErrors");
    match errors.as_slice() {
        [] => Answer::Applied,
        [e] if e["code"] == "CONFLICT" => Answer::Conflict,
        _ => panic!("unexpected user errors: {payload:#}"),
    }
}

async fn version(app: &TestApp, id: &str) -> i64 {
    let data = app.data(READ, json!({ "id": id })).await;
    data["node"]["version"].as_i64().expect("version")
}

/// Sixteen writers read a node's version and update it from that version,
/// several rounds each; returns how many updates were acknowledged.
async fn race_updates(app: Arc<TestApp>, id: String, register: bool) -> usize {
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let (app, id) = (app.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            let mut applied = 0;
            for round in 0..ROUNDS {
                let read = version(&app, &id).await;
                let name = format!("Writer {writer} round {round}");
                let body = match register {
                    false => {
                        let input = json!({ "id": id, "version": read, "name": name });
                        let body = app.graphql(UPDATE_ORG, json!({ "input": input })).await;
                        (body, "updateOrganization")
                    }
                    true => {
                        let input = json!({ "id": id, "version": read, "slug": "shared-register",
                            "name": { "fi": name }, "controller": "shared-controller" });
                        let body = app
                            .graphql(UPDATE_REGISTER, json!({ "input": input }))
                            .await;
                        (body, "updateRegister")
                    }
                };
                if answer(&body.0, body.1) == Answer::Applied {
                    applied += 1;
                }
            }
            applied
        }));
    }
    let mut applied = 0;
    for task in tasks {
        applied += task.await.expect("writer task");
    }
    applied
}

both_databases!(
    every_acknowledged_update_is_one_version,
    |backend| async move {
        let app = Arc::new(TestApp::spawn(backend).await.unwrap());
        let created = app
            .data(
                "mutation { createOrganization(input: { externalId: \"shared-controller\", name: \"Shared Oy\" }) { organization { id } }
                  createRegister(input: { slug: \"shared-register\", name: { fi: \"Jaettu\" }, controller: \"shared-controller\" }) { register { id } userErrors { code } } }",
                json!({}),
            )
            .await;
        let org = created["createOrganization"]["organization"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let register = created["createRegister"]["register"]["id"]
            .as_str()
            .unwrap()
            .to_owned();

        let (orgs, registers) = tokio::join!(
            race_updates(app.clone(), org.clone(), false),
            race_updates(app.clone(), register.clone(), true),
        );
        assert!(orgs > 0 && registers > 0, "some updates must win");
        assert_eq!(
            version(&app, &org).await - 1,
            orgs as i64,
            "acknowledged organization updates = version increments"
        );
        assert_eq!(
            version(&app, &register).await - 1,
            registers as i64,
            "acknowledged register updates = version increments"
        );
        Arc::into_inner(app).unwrap().cleanup().await;
    }
);

both_databases!(concurrent_first_upserts_create_once, |backend| async move {
    let app = Arc::new(TestApp::spawn(backend).await.unwrap());
    for key in ["race-a", "race-b", "race-c"] {
        let mut tasks = Vec::new();
        for writer in 0..WRITERS {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let input = json!({ "externalId": key, "name": "Race Oy",
                        "note": format!("writer {writer}") });
                app.graphql(UPSERT_ORG, json!({ "input": input })).await
            }));
        }
        let mut created = 0;
        let mut ids = std::collections::HashSet::new();
        for task in tasks {
            let body = task.await.expect("writer task");
            assert_eq!(answer(&body, "upsertOrganization"), Answer::Applied);
            let payload = &body["data"]["upsertOrganization"];
            if payload["created"] == true {
                created += 1;
            }
            ids.insert(payload["organization"]["id"].as_str().unwrap().to_owned());
        }
        assert_eq!(created, 1, "{key}: exactly one upsert creates");
        assert_eq!(ids.len(), 1, "{key}: every upsert answers the same node");
    }
    let data = app
        .data(
            "{ organizations(first: 100) { totalCount nodes { externalId } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["organizations"]["totalCount"], 3, "{data:#}");
    Arc::into_inner(app).unwrap().cleanup().await;
});

both_databases!(
    concurrent_parts_and_children_keep_their_places,
    |backend| async move {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let app = Arc::new(TestApp::with_demo(backend).await.unwrap());
        let found = app
            .data(
                "{ registers(filter: { externalId: \"medieco/customer-service\" }) { nodes { id version } } organizations(filter: { externalId: \"pinja\" }) { nodes { id } } }",
                json!({}),
            )
            .await;
        let register = found["registers"]["nodes"][0].clone();
        let mut tasks = Vec::new();
        for writer in 0..WRITERS {
            let (app, id) = (app.clone(), register["id"].clone());
            tasks.push(tokio::spawn(async move {
                let purpose = app.graphql(
                    "mutation($id: ID!, $text: String!) { createPurpose(input: { registerId: $id, description: { fi: $text } }) { purpose { id } userErrors { field code message } } }",
                    json!({ "id": id, "text": format!("Tarkoitus {writer}") }),
                );
                let contact = app.graphql(
                    "mutation { upsertContact(input: { organization: \"pinja\", externalId: \"pinja/race\", name: \"Kilpa\", role: OTHER }) { created contact { id } userErrors { field code message } } }",
                    json!({}),
                );
                (purpose.await, contact.await)
            }));
        }
        let mut created = 0;
        for task in tasks {
            let (purpose, contact) = task.await.expect("writer task");
            assert_eq!(answer(&purpose, "createPurpose"), Answer::Applied);
            assert_eq!(answer(&contact, "upsertContact"), Answer::Applied);
            created += usize::from(contact["data"]["upsertContact"]["created"] == true);
        }
        assert_eq!(created, 1, "one upsert creates the contact");
        // Each new purpose has a place of its own at the end of the list,
        // and each raised the register's version once.
        let register_id = ropagraph::domain::id::decode_as(
            register["id"].as_str().unwrap(),
            ropagraph::domain::id::NodeType::Register,
        )
        .unwrap();
        let purposes = entity::purpose::Entity::find()
            .filter(entity::purpose::Column::RegisterId.eq(register_id))
            .all(&app.db)
            .await
            .unwrap();
        let places: std::collections::BTreeSet<i32> = purposes.iter().map(|p| p.position).collect();
        assert_eq!(
            places.len(),
            purposes.len(),
            "no two purposes share a place"
        );
        assert_eq!(
            version(&app, register["id"].as_str().unwrap()).await,
            register["version"].as_i64().unwrap() + WRITERS as i64,
            "every part created is a change of the register"
        );
        Arc::into_inner(app).unwrap().cleanup().await;
    }
);

both_databases!(
    deletes_racing_updates_leave_one_outcome,
    |backend| async move {
        let app = Arc::new(TestApp::spawn(backend).await.unwrap());
        let created = app
            .data(
                UPSERT_ORG,
                json!({ "input": { "externalId": "doomed", "name": "Doomed Oy" } }),
            )
            .await;
        let id = created["upsertOrganization"]["organization"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut tasks = Vec::new();
        for writer in 0..WRITERS {
            let (app, id) = (app.clone(), id.clone());
            tasks.push(tokio::spawn(async move {
                let read = app.graphql(READ, json!({ "id": id })).await;
                let Some(version) = read["data"]["node"]["version"].as_i64() else {
                    return ("gone", read);
                };
                if writer % 2 == 0 {
                    let body = app
                        .graphql(
                            "mutation($id: ID!, $v: Int) { deleteOrganization(input: { id: $id, version: $v }) { deletedId userErrors { field code message } } }",
                            json!({ "id": id, "v": version }),
                        )
                        .await;
                    ("deleteOrganization", body)
                } else {
                    let input = json!({ "id": id, "version": version, "name": format!("Writer {writer}") });
                    ("updateOrganization", app.graphql(UPDATE_ORG, json!({ "input": input })).await)
                }
            }));
        }
        let mut deleted = 0;
        for task in tasks {
            let (field, body) = task.await.expect("writer task");
            if field == "gone" {
                continue;
            }
            assert!(body.get("errors").is_none(), "a writer got {body:#}");
            let payload = &body["data"][field];
            match payload["userErrors"].as_array().unwrap().as_slice() {
                [] => deleted += usize::from(field == "deleteOrganization"),
                [e] if e["code"] == "CONFLICT" || e["code"] == "NOT_FOUND" => {}
                _ => panic!("unexpected answer: {payload:#}"),
            }
        }
        // At most one delete is acknowledged, and the node is gone exactly
        // when one was (a delete never removes a row changed meanwhile).
        assert!(deleted <= 1, "{deleted} deletes acknowledged");
        let after = app.data(READ, json!({ "id": id })).await;
        assert_eq!(after["node"].is_null(), deleted == 1, "{after:#}");
        Arc::into_inner(app).unwrap().cleanup().await;
    }
);
