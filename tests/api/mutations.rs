//! Writing through GraphQL: user errors name the field and change nothing;
//! stale versions conflict; references are checked.

use serde_json::{Value, json};

use crate::{both_databases, helpers::TestApp};

const CREATE_ORG: &str = "mutation($input: OrganizationInput!) {
    createOrganization(input: $input) { created organization { id externalId version country } userErrors { field message code } } }";
const UPDATE_ORG: &str = "mutation($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { organization { id version name } userErrors { field message code } } }";

fn errors(payload: &Value) -> Vec<(Value, String)> {
    payload["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].clone(), e["code"].as_str().unwrap().to_owned()))
        .collect()
}

both_databases!(
    bad_input_names_the_field_and_changes_nothing,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let before = app.snapshot().await;
        let cases = [
            (
                json!({ "name": "X Oy", "country": "XX" }),
                json!(["input", "country"]),
                "INVALID",
            ),
            (
                json!({ "name": "X Oy", "country": "FI", "businessId": "2231129-8" }),
                json!(["input", "businessId"]),
                "INVALID",
            ),
            (
                json!({ "name": "X Oy", "email": "not-an-email" }),
                json!(["input", "email"]),
                "INVALID",
            ),
            (json!({ "name": "  " }), json!(["input", "name"]), "INVALID"),
            (
                json!({ "name": "X Oy", "externalId": "pinja" }),
                json!(["input", "externalId"]),
                "DUPLICATE",
            ),
        ];
        for (input, field, code) in cases {
            let data = app.data(CREATE_ORG, json!({ "input": input })).await;
            let payload = &data["createOrganization"];
            assert!(payload["organization"].is_null(), "{input}");
            assert_eq!(errors(payload), vec![(field, code.to_owned())], "{input}");
        }
        // A register naming a controller that does not exist, and a non-positive retention.
        let register = json!({ "input": {
            "slug": "new-register", "name": { "fi": "Uusi" }, "controller": "no-such-org",
            "retentionRules": [{ "amount": 0, "unit": "DAY" }]
        }});
        let data = app.data("mutation($input: RegisterInput!) { createRegister(input: $input) { register { id } userErrors { field code } } }", register).await;
        let got = errors(&data["createRegister"]);
        assert!(
            got.contains(&(json!(["input", "controller"]), "NOT_FOUND".to_owned())),
            "{got:?}"
        );
        assert_eq!(app.snapshot().await, before, "nothing was written");
        app.cleanup().await;
    }
);

both_databases!(updates_name_the_version_they_read, |backend| async move {
    let app = TestApp::spawn(backend).await.unwrap();
    let created = app
        .data(
            CREATE_ORG,
            json!({ "input": { "name": "Acme Oy", "country": "FI" } }),
        )
        .await;
    let org = created["createOrganization"]["organization"].clone();
    assert!(
        org["externalId"].as_str().unwrap().starts_with("rg:"),
        "a key is generated"
    );
    assert_eq!(org["version"], 1);
    let update = |version: i64, name: &str| json!({ "input": { "id": org["id"], "version": version, "name": name, "country": "FI" } });
    let first = app.data(UPDATE_ORG, update(1, "Acme Oyj")).await;
    assert_eq!(first["updateOrganization"]["organization"]["version"], 2);
    let before = app.snapshot().await;
    let stale = app.data(UPDATE_ORG, update(1, "Acme Ab")).await;
    assert!(stale["updateOrganization"]["organization"].is_null());
    assert_eq!(
        errors(&stale["updateOrganization"]),
        vec![(json!(["input", "version"]), "CONFLICT".to_owned())]
    );
    assert_eq!(
        app.snapshot().await,
        before,
        "a stale update changes nothing"
    );
    let missing = app
        .data(
            UPDATE_ORG,
            json!({ "input": { "id": "bm9wZTox", "version": 1, "name": "Y" } }),
        )
        .await;
    assert_eq!(
        errors(&missing["updateOrganization"]),
        vec![(json!(["input", "id"]), "NOT_FOUND".to_owned())]
    );
    app.cleanup().await;
});

both_databases!(deletes_respect_references, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let pinja = app
        .data(
            "{ organizations(filter: { externalId: \"pinja\" }) { nodes { id } } }",
            json!({}),
        )
        .await;
    let id = pinja["organizations"]["nodes"][0]["id"].clone();
    let delete = "mutation($id: ID!) { deleteOrganization(input: { id: $id }) { deletedId userErrors { field code } } }";
    let before = app.snapshot().await;
    let refused = app.data(delete, json!({ "id": id })).await;
    assert!(refused["deleteOrganization"]["deletedId"].is_null());
    assert_eq!(
        errors(&refused["deleteOrganization"]),
        vec![(json!(["input", "id"]), "REFERENCED".to_owned())]
    );
    assert_eq!(app.snapshot().await, before);

    let created = app
        .data(CREATE_ORG, json!({ "input": { "name": "Temp Oy" } }))
        .await;
    let temp = created["createOrganization"]["organization"]["id"].clone();
    let deleted = app.data(delete, json!({ "id": temp })).await;
    assert_eq!(deleted["deleteOrganization"]["deletedId"], temp);
    let gone = app
        .data(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": temp }),
        )
        .await;
    assert!(gone["node"].is_null());
    app.cleanup().await;
});

both_databases!(
    upsert_register_is_idempotent_and_replaces_parts,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let upsert = "mutation($input: UpsertRegisterInput!) { upsertRegister(input: $input) {
        created register { version purposes { legalBasis } retentionRules { amount unit } } userErrors { field message code } } }";
        let input = json!({ "input": {
            "externalId": "crm:register-1", "slug": "crm-register", "name": { "fi": "Asiakasrekisteri", "en": "Customer register" },
            "controller": "mediateko",
            "purposes": [{ "description": { "fi": "Asiakassuhteen hoito" }, "legalBasis": "CONTRACT" }],
            "retentionRules": [{ "amount": 3, "unit": "YEAR", "trigger": { "fi": "asiakkuuden päättymisestä" } }]
        }});
        let first = app.data(upsert, input.clone()).await;
        assert_eq!(first["upsertRegister"]["created"], true, "{first}");
        let before = app.snapshot().await;
        let second = app.data(upsert, input.clone()).await;
        assert_eq!(second["upsertRegister"]["created"], false);
        assert_eq!(second["upsertRegister"]["register"]["version"], 1);
        assert_eq!(
            app.snapshot().await,
            before,
            "a repeated upsert changes nothing"
        );
        let mut changed = input;
        changed["input"]["retentionRules"] = json!([{ "amount": 5, "unit": "YEAR" }]);
        let third = app.data(upsert, changed).await;
        assert_eq!(
            third["upsertRegister"]["register"]["retentionRules"],
            json!([{ "amount": 5, "unit": "YEAR" }]),
            "{third}"
        );
        app.cleanup().await;
    }
);
