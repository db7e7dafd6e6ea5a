//! The public contract: each document in ../shared/contract runs against the
//! demo data and answers as its header says.

use serde_json::{Value, json};

use crate::{
    both_databases,
    helpers::{TestApp, contract},
};

fn edges(connection: &Value) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn find<'a>(nodes: &'a [Value], pointer: &str, value: &str) -> Option<&'a Value> {
    nodes.iter().find(|n| {
        n.pointer(pointer)
            .and_then(Value::as_str)
            .is_some_and(|s| s.contains(value))
    })
}

both_databases!(processors, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let data = app.data(&contract("processors.graphql"), json!({})).await;
    let orgs = edges(&data["organizations"]);
    assert_eq!(
        data["organizations"]["totalCount"].as_i64(),
        Some(orgs.len() as i64)
    );
    for (name, country, in_eea) in [
        ("Pinja", "FI", true),
        ("Elisa", "FI", true),
        ("Zendesk", "US", false),
    ] {
        let org = find(&orgs, "/name", name)
            .unwrap_or_else(|| panic!("{name} is not listed as a processor"));
        assert_eq!(org["country"], country, "{name}");
        assert_eq!(org["inEea"], in_eea, "{name}");
        assert!(org["processorEngagements"]["totalCount"].as_i64().unwrap() >= 1);
    }
    let zendesk = find(&orgs, "/name", "Zendesk").unwrap();
    let served = edges(&zendesk["processorEngagements"]);
    assert!(
        find(&served, "/register/name", "OpinTori").is_some(),
        "Zendesk serves OpinTori: {served:#?}"
    );
    // Only processors: the controllers and the supervisory authority are not listed.
    assert!(find(&orgs, "/name", "Tietosuojavaltuutetun").is_none());
    assert!(find(&orgs, "/name", "Medieco").is_none());
    app.cleanup().await;
});

both_databases!(register_graph, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let data = app
        .data(&contract("register-graph.graphql"), json!({}))
        .await;
    let registers = edges(&data["registers"]);
    assert!(registers.len() >= 5);
    assert_eq!(
        data["registers"]["totalCount"].as_i64(),
        Some(registers.len() as i64)
    );

    let medieco = find(&registers, "/controller/name", "Medieco").expect("Medieco's register");
    assert!(medieco["controller"]["businessId"].is_null());
    assert!(
        medieco["processors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["processor"]["name"].as_str().unwrap().contains("Pinja"))
    );
    let rules = medieco["retentionRules"].as_array().unwrap();
    assert!(
        rules.iter().any(|r| r["amount"] == 2
            && r["unit"] == "YEAR"
            && r["trigger"]
                .as_str()
                .unwrap_or("")
                .contains("tiketin sulkemisen")),
        "{rules:#?}"
    );

    let two_m_it = find(&registers, "/controller/name", "2M-IT").expect("2M-IT's register");
    assert!(
        two_m_it["retentionRules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["amount"] == 61 && r["unit"] == "DAY")
    );
    let special: Vec<_> = two_m_it["dataCategories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["category"]["specialCategory"] == true)
        .collect();
    assert!(!special.is_empty(), "patient data is a special category");
    assert!(
        two_m_it["dataCategories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["category"]["nationalIdentifier"] == true)
    );

    let mediateko =
        find(&registers, "/controller/name", "Mediateko").expect("Mediateko's register");
    assert_eq!(mediateko["controller"]["businessId"], "2231129-9");
    assert!(
        mediateko["retentionRules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["amount"] == 10 && r["unit"] == "YEAR")
    );

    let opintori = find(&registers, "/name", "OpinTori").expect("OpinTori's register");
    assert_eq!(opintori["jointControllers"].as_array().unwrap().len(), 2);
    let bases: Vec<_> = opintori["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["legalBasis"].clone())
        .collect();
    assert!(
        bases.contains(&json!("CONSENT")) && bases.contains(&json!("LEGITIMATE_INTERESTS")),
        "{bases:?}"
    );

    // English asked, Finnish given where no translation exists; English where it does.
    let en = app
        .data(
            &contract("register-graph.graphql"),
            json!({ "language": "EN" }),
        )
        .await;
    let en_registers = edges(&en["registers"]);
    assert_eq!(en_registers.len(), registers.len());
    assert_ne!(en_registers[0]["name"], Value::Null);
    app.cleanup().await;
});

both_databases!(transfers_outside_eea, |backend| async move {
    let app = TestApp::with_demo(backend).await.unwrap();
    let data = app
        .data(&contract("transfers-outside-eea.graphql"), json!({}))
        .await;
    let transfers = edges(&data["transfers"]);
    let zendesk = find(&transfers, "/recipient/name", "Zendesk").expect("the Zendesk transfer");
    assert_eq!(zendesk["destinationCountry"], "US");
    assert_eq!(zendesk["mechanism"], "PRIVACY_SHIELD");
    assert!(
        zendesk["register"]["name"]
            .as_str()
            .unwrap()
            .contains("OpinTori")
    );
    for controller in ["Medieco", "2M-IT"] {
        assert!(
            find(&transfers, "/register/controller/name", controller).is_none(),
            "{controller} has no transfer outside the EEA"
        );
    }
    app.cleanup().await;
});

both_databases!(upsert_organization, |backend| async move {
    let app = TestApp::spawn(backend).await.unwrap();
    let document = contract("upsert-organization.graphql");
    let input = json!({ "input": { "externalId": "crm:42", "name": "Acme Oy", "businessId": "2231129-9", "country": "FI" } });
    let first = app.data(&document, input.clone()).await;
    assert_eq!(first["upsertOrganization"]["created"], true);
    assert_eq!(first["upsertOrganization"]["organization"]["inEea"], true);
    assert_eq!(first["upsertOrganization"]["userErrors"], json!([]));
    let version = app
        .data("{ organizations { nodes { version } } }", json!({}))
        .await;
    let second = app.data(&document, input).await;
    assert_eq!(second["upsertOrganization"]["created"], false);
    assert_eq!(
        second["upsertOrganization"]["organization"]["id"],
        first["upsertOrganization"]["organization"]["id"]
    );
    let after = app
        .data(
            "{ organizations { totalCount nodes { version } } }",
            json!({}),
        )
        .await;
    assert_eq!(after["organizations"]["totalCount"], 1);
    assert_eq!(
        after["organizations"]["nodes"], version["organizations"]["nodes"],
        "an unchanged upsert does not bump the version"
    );

    let before = app.snapshot().await;
    let bad = json!({ "input": { "externalId": "crm:43", "name": "Acme Oy", "businessId": "2231129-8", "country": "FI" } });
    let refused = app.data(&document, bad).await;
    assert!(refused["upsertOrganization"]["organization"].is_null());
    let errors = refused["upsertOrganization"]["userErrors"]
        .as_array()
        .unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["field"], json!(["input", "businessId"]));
    assert_eq!(errors[0]["code"], "INVALID");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("check digit")
    );
    assert_eq!(
        app.snapshot().await,
        before,
        "a refused upsert changes nothing"
    );
    app.cleanup().await;
});

/// The copy in tests/contract (for a checkout without ../shared) is the
/// contract itself.
#[test]
fn the_kept_copy_is_the_shared_contract() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/contract");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        eprintln!("skipped: no ../shared/contract beside the checkout");
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let kept = std::fs::read_to_string(root.join("tests/contract").join(name))
            .unwrap_or_else(|_| panic!("tests/contract lacks {name:?}"));
        assert_eq!(kept, std::fs::read_to_string(&path).unwrap(), "{name:?}");
    }
}
