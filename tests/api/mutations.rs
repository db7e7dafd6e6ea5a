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

both_databases!(
    register_parts_have_their_own_mutations,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let found = app.data("{ registers(filter: { externalId: \"medieco/customer-service\" }) { nodes { id purposes { id } } } }", json!({})).await;
        let register = found["registers"]["nodes"][0].clone();
        let purposes_before = register["purposes"].as_array().unwrap().len();

        let create = "mutation($input: CreatePurposeInput!) { createPurpose(input: $input) { purpose { id version legalBasis } userErrors { field code } } }";
        let created = app.data(create, json!({ "input": { "registerId": register["id"], "description": { "fi": "Tilastointi" }, "legalBasis": "LEGITIMATE_INTERESTS", "legitimateInterest": { "fi": "Palvelun kehittäminen" } } })).await;
        let purpose = created["createPurpose"]["purpose"].clone();
        assert_eq!(purpose["legalBasis"], "LEGITIMATE_INTERESTS", "{created}");

        let update = "mutation($input: UpdatePurposeInput!) { updatePurpose(input: $input) { purpose { version legalBasis } userErrors { field code } } }";
        let updated = app
            .data(
                update,
                json!({ "input": { "id": purpose["id"], "version": 1, "legalBasis": "CONSENT" } }),
            )
            .await;
        // The stored legitimate interest is kept unless cleared, and it
        // does not fit consent.
        assert_eq!(
            errors(&updated["updatePurpose"]),
            vec![(json!(["input", "legitimateInterest"]), "INVALID".to_owned())]
        );
        let updated = app.data(update, json!({ "input": { "id": purpose["id"], "version": 1, "legalBasis": "CONSENT", "legitimateInterest": null } })).await;
        assert_eq!(
            updated["updatePurpose"]["purpose"],
            json!({ "version": 2, "legalBasis": "CONSENT" })
        );
        let stale = app.data(update, json!({ "input": { "id": purpose["id"], "version": 1, "description": { "fi": "X" } } })).await;
        assert_eq!(
            errors(&stale["updatePurpose"]),
            vec![(json!(["input", "version"]), "CONFLICT".to_owned())]
        );
        let inconsistent = app.data(update, json!({ "input": { "id": purpose["id"], "version": 2, "description": { "fi": "X" }, "legalBasis": "CONTRACT", "legitimateInterest": { "fi": "Y" } } })).await;
        assert_eq!(
            errors(&inconsistent["updatePurpose"]),
            vec![(json!(["input", "legitimateInterest"]), "INVALID".to_owned())]
        );

        let listed = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Register { purposes { id } } } }",
                json!({ "id": register["id"] }),
            )
            .await;
        assert_eq!(
            listed["node"]["purposes"].as_array().unwrap().len(),
            purposes_before + 1
        );
        assert_eq!(
            listed["node"]["purposes"]
                .as_array()
                .unwrap()
                .last()
                .unwrap()["id"],
            purpose["id"],
            "a new part goes last"
        );
        let deleted = app
            .data(
                "mutation($id: ID!) { deletePurpose(input: { id: $id }) { deletedId } }",
                json!({ "id": purpose["id"] }),
            )
            .await;
        assert_eq!(deleted["deletePurpose"]["deletedId"], purpose["id"]);

        let before = app.snapshot().await;
        let rule = app.data("mutation($input: CreateRetentionRuleInput!) { createRetentionRule(input: $input) { retentionRule { id } userErrors { field code } } }",
        json!({ "input": { "registerId": register["id"], "amount": -1, "unit": "DAY" } })).await;
        assert_eq!(
            errors(&rule["createRetentionRule"]),
            vec![(json!(["input", "amount"]), "INVALID".to_owned())]
        );
        let no_period = app.data("mutation($input: CreateRetentionRuleInput!) { createRetentionRule(input: $input) { retentionRule { id } userErrors { field code } } }",
        json!({ "input": { "registerId": register["id"] } })).await;
        assert_eq!(
            errors(&no_period["createRetentionRule"]),
            vec![(json!(["input", "amount"]), "REQUIRED".to_owned())]
        );
        let transfer = app.data("mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { id } userErrors { field code } } }",
        json!({ "input": { "registerId": register["id"], "recipient": "zendesk", "destinationCountry": "ZZ", "mechanism": "STANDARD_CONTRACTUAL_CLAUSES" } })).await;
        assert_eq!(
            errors(&transfer["createTransfer"]),
            vec![(json!(["input", "destinationCountry"]), "INVALID".to_owned())]
        );
        assert_eq!(app.snapshot().await, before);
        app.cleanup().await;
    }
);

both_databases!(keyed_children_upsert_idempotently, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let upsert = "mutation($input: UpsertProcessorEngagementInput!) { upsertProcessorEngagement(input: $input) {
        created processorEngagement { id version processingCountries processor { name } register { name } } userErrors { field code message } } }";
    let input = json!({ "input": { "register": "medieco/customer-service", "externalId": "crm:engagement-1", "processor": "zendesk", "processingCountries": ["US", "IE"] } });
    let first = app.data(upsert, input.clone()).await;
    assert_eq!(
        first["upsertProcessorEngagement"]["created"], true,
        "{first}"
    );
    assert_eq!(
        first["upsertProcessorEngagement"]["processorEngagement"]["processingCountries"],
        json!(["US", "IE"])
    );
    let second = app.data(upsert, input).await;
    assert_eq!(second["upsertProcessorEngagement"]["created"], false);
    assert_eq!(
        second["upsertProcessorEngagement"]["processorEngagement"]["version"],
        1
    );
    let elsewhere = app.data(upsert, json!({ "input": { "register": "2m-it/support-call-recordings", "externalId": "crm:engagement-1", "processor": "zendesk" } })).await;
    assert_eq!(
        errors(&elsewhere["upsertProcessorEngagement"]),
        vec![(json!(["input", "externalId"]), "DUPLICATE".to_owned())]
    );
    let unknown = app.data(upsert, json!({ "input": { "register": "no-such-register", "externalId": "x", "processor": "zendesk" } })).await;
    assert_eq!(
        errors(&unknown["upsertProcessorEngagement"]),
        vec![(json!(["input", "register"]), "NOT_FOUND".to_owned())]
    );

    let contact = app.data("mutation($input: UpsertContactInput!) { upsertContact(input: $input) { created contact { name role organization { name } } userErrors { field code } } }",
        json!({ "input": { "organization": "pinja", "externalId": "pinja/support", "name": "Pinjan tuki", "role": "CUSTOMER_SERVICE", "email": "tuki@pinja.example" } })).await;
    assert_eq!(contact["upsertContact"]["created"], true, "{contact}");
    assert!(
        contact["upsertContact"]["contact"]["organization"]["name"]
            .as_str()
            .unwrap()
            .contains("Pinja")
    );
    app.cleanup().await;
});

both_databases!(every_change_leaves_an_audit_event, |backend| async move {
    let app = TestApp::spawn(backend).await.unwrap();
    let events = "query($node: ID) { auditEvents(first: 100, filter: { nodeId: $node }) { totalCount nodes { subject operation nodeType nodeId before after } } }";
    let created = app
        .data(
            CREATE_ORG,
            json!({ "input": { "name": "Acme Oy", "country": "FI" } }),
        )
        .await;
    let org = created["createOrganization"]["organization"].clone();
    app.data(
        UPDATE_ORG,
        json!({ "input": { "id": org["id"], "version": 1, "name": "Acme Oyj", "country": "FI" } }),
    )
    .await;
    // A refused write leaves no trace.
    app.data(
        UPDATE_ORG,
        json!({ "input": { "id": org["id"], "version": 1, "name": "Stale", "country": "FI" } }),
    )
    .await;
    app.data(
        "mutation($id: ID!) { deleteOrganization(input: { id: $id }) { deletedId } }",
        json!({ "id": org["id"] }),
    )
    .await;
    let trail = app.data(events, json!({ "node": org["id"] })).await["auditEvents"].clone();
    let ops: Vec<&str> = trail["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, vec!["CREATE", "UPDATE", "DELETE"]);
    let update = &trail["nodes"][1];
    assert_eq!(update["subject"], "local-admin");
    assert_eq!(update["nodeType"], "Organization");
    let before: Value = serde_json::from_str(update["before"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(update["after"].as_str().unwrap()).unwrap();
    assert_eq!(
        (before["name"].clone(), after["name"].clone()),
        (json!("Acme Oy"), json!("Acme Oyj"))
    );
    assert!(trail["nodes"][2]["after"].is_null());
    app.cleanup().await;
});

both_databases!(
    text_limits_and_country_codes_are_checked_the_same_on_both_databases,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let before = app.snapshot().await;
        let long_name = "N".repeat(1001);
        let long_note = "x".repeat(64 * 1024 + 1);
        let cases = [
            (json!({ "name": "Nul\u{0}Oy" }), json!(["input", "name"])),
            (json!({ "name": long_name }), json!(["input", "name"])),
            (
                json!({ "name": "X Oy", "note": long_note }),
                json!(["input", "note"]),
            ),
            (
                json!({ "name": "X Oy", "postalAddress": "PL 1\u{0}" }),
                json!(["input", "postalAddress"]),
            ),
            (
                json!({ "name": "X Oy", "contacts": [{ "name": "A", "role": "DPO", "title": { "fi": "t\u{0}" } }] }),
                json!(["input", "contacts", "0", "title"]),
            ),
        ];
        for (input, field) in cases {
            let data = app.data(CREATE_ORG, json!({ "input": input })).await;
            let payload = &data["createOrganization"];
            assert!(payload["organization"].is_null());
            assert_eq!(errors(payload), vec![(field, "INVALID".to_owned())]);
        }
        // A bad country is one INVALID, not also a DUPLICATE.
        let system = app
            .data(
                "mutation { createSystem(input: { name: \"S\", hostingCountries: [\"XX\", \"FI\"] }) { system { id } userErrors { field code } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            system["createSystem"]["userErrors"],
            json!([{ "field": ["input", "hostingCountries", "0"], "code": "INVALID" }])
        );
        assert_eq!(app.snapshot().await, before, "nothing was written");

        // Lower-case codes are normalised, in writes and in filters alike.
        let created = app
            .data(
                CREATE_ORG,
                json!({ "input": { "name": "Lower Oy", "country": "se" } }),
            )
            .await;
        assert_eq!(
            created["createOrganization"]["organization"]["country"],
            "SE"
        );
        let found = app
            .data(
                "{ organizations(filter: { country: \"se\" }) { nodes { name } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            found["organizations"]["nodes"],
            json!([{ "name": "Lower Oy" }])
        );

        // Filter values that could never match are refused, never INTERNAL.
        let long_search = "s".repeat(201);
        for (query, names) in [
            (
                "{ organizations(filter: { country: \"USA\" }) { totalCount } }",
                "filter.country",
            ),
            (
                "{ transfers(filter: { destinationCountry: \"EU\" }) { totalCount } }",
                "filter.destinationCountry",
            ),
            (
                "{ registers(filter: { search: \"a\\u0000b\" }) { totalCount } }",
                "filter.search",
            ),
            (
                &format!(
                    "{{ organizations(filter: {{ search: \"{long_search}\" }}) {{ totalCount }} }}"
                ),
                "filter.search",
            ),
            (
                "{ registers(filter: { externalId: \"a\\u0000\" }) { totalCount } }",
                "filter.externalId",
            ),
        ] {
            let body = app.graphql(query, json!({})).await;
            let error = &body["errors"][0];
            assert_eq!(
                error["extensions"]["code"], "BAD_USER_INPUT",
                "{query}: {body:#}"
            );
            assert!(
                error["message"].as_str().unwrap().starts_with(names),
                "{body:#}"
            );
        }
        app.cleanup().await;
    }
);
