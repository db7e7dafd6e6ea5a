//! The inventory document: atomic import, stable export, clear refusals.

use serde_json::{Value, json};

use crate::{
    both_databases,
    helpers::{Backend, TestApp},
};
use ropagraph::{
    domain::{DomainError, audit::Actor},
    inventory,
};

both_databases!(
    export_import_export_is_byte_identical,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let first = app.snapshot().await;
        let again = inventory::import(&app.db, &inventory::parse(&first).unwrap(), &|_, _| {})
            .await
            .unwrap();
        assert!(
            !again.changed(),
            "importing the export into the same database changes nothing: {again}"
        );
        let other = TestApp::spawn(backend).await.unwrap();
        let summary = inventory::import(&other.db, &inventory::parse(&first).unwrap(), &|_, _| {})
            .await
            .unwrap();
        assert_eq!(summary.kinds["registers"].created, 5);
        assert_eq!(other.snapshot().await, first);
        app.cleanup().await;
        other.cleanup().await;
    }
);

both_databases!(a_bad_document_is_refused_whole, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let before = app.snapshot().await;
    let mut document: serde_json::Value = serde_json::from_str(&before).unwrap();
    // A good change first, then a bad value further down: neither may land.
    document["organizations"][0]["name"] = json!("Renamed Oy");
    document["registers"][2]["transfers"] =
        json!([{ "destinationCountry": "XX", "mechanism": "UNKNOWN" }]);
    let parsed = inventory::parse(&document.to_string()).unwrap();
    let Err(DomainError::User(errors)) = inventory::import(&app.db, &parsed, &|_, _| {}).await
    else {
        panic!("refused")
    };
    assert_eq!(
        errors[0].document_path(),
        "registers[2].transfers[0].destinationCountry"
    );
    assert!(errors[0].message.contains("ISO 3166-1"));
    assert_eq!(app.snapshot().await, before, "nothing was written");

    document["registers"][0]["purposes"][0]["legalBasis"] = json!("BECAUSE");
    let error = inventory::parse(&document.to_string()).unwrap_err();
    assert_eq!(error.document_path(), "registers[0].purposes[0].legalBasis");
    let error = inventory::parse(r#"{"format": "ropagraph-inventory/1", "organisations": []}"#)
        .unwrap_err();
    assert!(
        error.message.contains("organisations"),
        "unknown keys are refused: {}",
        error.message
    );
    app.cleanup().await;
});

// An import inserts new parts many rows at a time; each still gets its own
// audit event, under the id it was stored with.
both_databases!(
    an_import_audits_every_part_it_creates,
    |backend| async move {
        let Some(app) = TestApp::with_demo(backend).await else {
            return;
        };
        let graph = app
        .data(
            "{ registers { nodes { purposes { id } processors { id } transfers { id } retentionRules { id } } } }",
            json!({}),
        )
        .await;
        let mut ids = Vec::new();
        for register in graph["registers"]["nodes"].as_array().unwrap() {
            for part in ["purposes", "processors", "transfers", "retentionRules"] {
                for node in register[part].as_array().unwrap() {
                    ids.push(node["id"].as_str().unwrap().to_owned());
                }
            }
        }
        assert!(ids.len() > 20, "{graph}");
        for id in ids {
            let trail = app
            .data(
                "query($id: ID) { auditEvents(first: 10, filter: { nodeId: $id }) { nodes { operation after } } }",
                json!({ "id": id }),
            )
            .await;
            let events = trail["auditEvents"]["nodes"].as_array().unwrap();
            assert_eq!(events.len(), 1, "{id}: {trail}");
            assert_eq!(events[0]["operation"], "CREATE", "{id}");
            assert!(events[0]["after"].is_string(), "{id}");
        }
        app.cleanup().await;
    }
);

/// The register `key` of an exported document, to edit in place.
fn register_mut<'d>(document: &'d mut Value, key: &str) -> &'d mut Value {
    document["registers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["externalId"] == key)
        .unwrap()
}

fn parse(document: &Value) -> inventory::Document {
    inventory::parse(&document.to_string()).unwrap()
}

// The document is declarative: what a register no longer lists is deleted,
// and the summary says so, key by key.
both_databases!(an_import_lists_what_it_deletes, |backend| async move {
    let Some(app) = TestApp::with_demo(backend).await else {
        return;
    };
    let mut document: Value = serde_json::from_str(&app.snapshot().await).unwrap();
    let register = register_mut(&mut document, "mediateko/customer-register");
    register["processors"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["externalId"] == "mediateko/customer-register/google");
    register["purposes"].as_array_mut().unwrap().pop();
    let summary = inventory::import(&app.db, &parse(&document), &|_, _| {})
        .await
        .unwrap();
    assert_eq!(summary.kinds["processorEngagements"].deleted, 1);
    assert_eq!(
        summary.deleted["processorEngagements"],
        vec!["mediateko/customer-register/hubspot"]
    );
    assert_eq!(summary.kinds["purposes"].deleted, 1);
    assert!(
        summary.deleted["purposes"][0].starts_with("mediateko/customer-register purposes[8] \""),
        "{summary}"
    );
    assert!(summary.changed());
    let shown = summary.to_string();
    assert!(shown.lines().next().unwrap().contains("deleted"), "{shown}");
    assert!(
        shown.contains("  - mediateko/customer-register/hubspot"),
        "{shown}"
    );
    app.cleanup().await;
});

// A dry run runs the whole import and rolls it back: the plan names every
// row it would create, update (with the fields) and delete.
both_databases!(
    a_dry_run_shows_the_plan_and_writes_nothing,
    |backend| async move {
        let Some(app) = TestApp::with_demo(backend).await else {
            return;
        };
        let before = app.snapshot().await;
        let mut document: Value = serde_json::from_str(&before).unwrap();
        let register = register_mut(&mut document, "mediateko/customer-register");
        register["processors"]
            .as_array_mut()
            .unwrap()
            .retain(|p| p["externalId"] == "mediateko/customer-register/google");
        register["processors"][0]["processingCountries"] = json!(["IE"]);
        register["systems"] = json!([]);
        document["organizations"][0]["name"] = json!("Renamed Oy");
        document["dataSubjectCategories"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "externalId": "visitors", "name": { "en": "Visitors" }, "description": null }));
        let options = inventory::Options {
            dry_run: true,
            allow_deletes: false,
        };
        let report = inventory::import_with(
            &app.db,
            &parse(&document),
            &|_, _| {},
            &Actor::cli(),
            options,
        )
        .await
        .unwrap();
        assert!(!report.committed);
        assert_eq!(app.snapshot().await, before, "a dry run writes nothing");
        let trail = app.data("{ auditEvents { totalCount } }", json!({})).await;
        let plan = &report.plan;
        let engagements = &plan.kinds["processorEngagements"];
        assert_eq!(
            engagements.deleted,
            vec!["mediateko/customer-register/hubspot"]
        );
        assert_eq!(
            engagements.updated[0].key,
            "mediateko/customer-register/google"
        );
        assert_eq!(engagements.updated[0].fields, vec!["processingCountries"]);
        assert_eq!(plan.kinds["organizations"].updated[0].fields, vec!["name"]);
        assert_eq!(
            plan.kinds["dataSubjectCategories"].created,
            vec!["visitors"]
        );
        let register = plan.kinds["registers"]
            .updated
            .iter()
            .find(|u| u.key == "mediateko/customer-register")
            .unwrap();
        assert_eq!(register.fields, vec!["systems"]);
        let shown = plan.to_string();
        assert!(
            shown.contains("  - mediateko/customer-register/hubspot"),
            "{shown}"
        );
        assert!(
            shown.contains("  ~ mediateko/customer-register/google (processingCountries)"),
            "{shown}"
        );
        assert!(shown.contains("  + visitors"), "{shown}");
        assert_eq!(report.summary.kinds["processorEngagements"].deleted, 1);

        // Applied for real, it does what the plan said.
        let applied = inventory::import_with(
            &app.db,
            &parse(&document),
            &|_, _| {},
            &Actor::cli(),
            inventory::Options::default(),
        )
        .await
        .unwrap();
        assert!(applied.committed);
        assert_eq!(applied.plan, report.plan);
        assert_ne!(app.snapshot().await, before);
        let after = app.data("{ auditEvents { totalCount } }", json!({})).await;
        assert!(
            after["auditEvents"]["totalCount"].as_i64()
                > trail["auditEvents"]["totalCount"].as_i64()
        );
        app.cleanup().await;
    }
);

// Emptying most of a long list stops the import unless deletions are allowed.
both_databases!(mass_deletions_stop_unless_allowed, |backend| async move {
    let Some(app) = TestApp::with_demo(backend).await else {
        return;
    };
    let before = app.snapshot().await;
    let mut document: Value = serde_json::from_str(&before).unwrap();
    let index = document["registers"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["externalId"] == "mainioco/customer-register")
        .unwrap();
    let purposes = document["registers"][index]["purposes"]
        .as_array_mut()
        .unwrap();
    assert_eq!(purposes.len(), 12);
    purposes.truncate(1);
    let parsed = parse(&document);
    let report = inventory::import_with(
        &app.db,
        &parsed,
        &|_, _| {},
        &Actor::cli(),
        inventory::Options::default(),
    )
    .await
    .unwrap();
    assert!(!report.committed);
    assert_eq!(report.refusals.len(), 1, "{:?}", report.refusals);
    let refusal = &report.refusals[0];
    assert_eq!(
        refusal.document_path(),
        format!("registers[{index}].purposes")
    );
    assert!(
        refusal.message.contains("delete 11 of the 12 purposes")
            && refusal.message.contains("mainioco/customer-register")
            && refusal.message.contains("--allow-deletes"),
        "{}",
        refusal.message
    );
    assert_eq!(app.snapshot().await, before, "nothing was deleted");
    // `import` refuses it the same way.
    let Err(DomainError::User(errors)) = inventory::import(&app.db, &parsed, &|_, _| {}).await
    else {
        panic!("refused")
    };
    assert_eq!(errors, report.refusals);

    // Ten go quietly; with --allow-deletes the rest go too.
    let allowed = inventory::Options {
        dry_run: false,
        allow_deletes: true,
    };
    let report = inventory::import_with(&app.db, &parsed, &|_, _| {}, &Actor::cli(), allowed)
        .await
        .unwrap();
    assert!(report.committed && report.refusals.is_empty());
    assert_eq!(report.summary.kinds["purposes"].deleted, 11);
    assert_eq!(report.summary.deleted["purposes"].len(), 11);
    let exported: Value = serde_json::from_str(&app.snapshot().await).unwrap();
    assert_eq!(
        exported["registers"][index]["purposes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    app.cleanup().await;
});

const IMPORT: &str = "mutation($document: JSON!, $dryRun: Boolean, $allowDeletes: Boolean) {
  importInventory(input: { document: $document, dryRun: $dryRun, allowDeletes: $allowDeletes }) {
    committed
    plan { created updated deleted kinds { kind created updated { key fields } deleted } }
    userErrors { field message code }
  }
}";

// importInventory answers the same plan as typed objects; a dry run writes nothing.
both_databases!(import_inventory_answers_the_plan, |backend| async move {
    let Some(app) = TestApp::with_demo(backend).await else {
        return;
    };
    let before = app.snapshot().await;
    let mut document: Value = serde_json::from_str(&before).unwrap();
    register_mut(&mut document, "mediateko/customer-register")["processors"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["externalId"] == "mediateko/customer-register/google");
    let dry = app
        .data(IMPORT, json!({ "document": document, "dryRun": true }))
        .await;
    let payload = &dry["importInventory"];
    assert_eq!(payload["committed"], false, "{payload}");
    assert_eq!(payload["userErrors"], json!([]));
    assert_eq!(payload["plan"]["deleted"], 1);
    let kinds = payload["plan"]["kinds"].as_array().unwrap();
    let engagements = kinds
        .iter()
        .find(|k| k["kind"] == "processorEngagements")
        .unwrap();
    assert_eq!(
        engagements["deleted"],
        json!(["mediateko/customer-register/hubspot"])
    );
    assert_eq!(app.snapshot().await, before, "a dry run writes nothing");

    let applied = app.data(IMPORT, json!({ "document": document })).await;
    assert_eq!(applied["importInventory"]["committed"], true, "{applied}");
    assert_eq!(applied["importInventory"]["plan"], payload["plan"]);
    assert_ne!(app.snapshot().await, before);

    // Document errors come with their path from the argument.
    document["registers"][0]["transferStatement"] = Value::Null;
    document["registers"][0]["transfers"] =
        json!([{ "destinationCountry": "XX", "mechanism": "UNKNOWN" }]);
    let refused = app.data(IMPORT, json!({ "document": document })).await;
    let payload = &refused["importInventory"];
    assert_eq!(payload["committed"], false);
    assert_eq!(payload["plan"], Value::Null);
    assert_eq!(
        payload["userErrors"][0]["field"],
        json!([
            "input",
            "document",
            "registers",
            "0",
            "transfers",
            "0",
            "destinationCountry"
        ])
    );
    assert_eq!(payload["userErrors"][0]["code"], "INVALID");
    app.cleanup().await;
});

#[tokio::test]
async fn import_inventory_needs_an_unlimited_admin_token() {
    use crate::auth::{issuer, jwt_authenticator, token};
    let issuer = issuer().await;
    let document = json!({ "format": "ropagraph-inventory/1" });
    for (scope, extra) in [
        ("ropa:write", json!({})),
        ("ropa:admin", json!({ "ropa_controllers": ["medieco"] })),
    ] {
        let bearer = token(&issuer.url, scope, extra);
        let app = TestApp::spawn_with(Backend::Sqlite, jwt_authenticator(&issuer), &bearer)
            .await
            .unwrap();
        let body = app
            .graphql(IMPORT, json!({ "document": document, "dryRun": true }))
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{scope}: {body}"
        );
        app.cleanup().await;
    }
    let admin = token(&issuer.url, "ropa:admin", json!({}));
    let app = TestApp::spawn_with(Backend::Sqlite, jwt_authenticator(&issuer), &admin)
        .await
        .unwrap();
    let body = app.data(IMPORT, json!({ "document": document })).await;
    assert_eq!(body["importInventory"]["committed"], true, "{body}");
    app.cleanup().await;
}
