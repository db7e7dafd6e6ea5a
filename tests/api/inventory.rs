//! The inventory document: atomic import, stable export, clear refusals.

use serde_json::{Value, json};

use crate::{both_databases, helpers::TestApp};
use ropagraph::{domain::DomainError, inventory};

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
