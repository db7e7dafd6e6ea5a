//! The graph in memory stays coherent with the database (issue #11): a
//! mutation reads its own writes, a write through one server is read by the
//! next request on another over the same database, a reader never sees half
//! of a write, and a snapshot caught up event by event equals one loaded
//! whole, whatever was written.

use std::{
    fmt::Write as _,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use ropagraph::{
    domain::id::decode,
    graph::{Graph, Live},
};
use serde_json::{Value, json};

use crate::{both_databases, helpers::TestApp};

/// Runs an operation: no top-level errors, and no user errors in any
/// payload. Returns `data`.
async fn ok(app: &TestApp, query: &str, variables: Value) -> Value {
    let data = app.data(query, variables.clone()).await;
    for (field, payload) in data.as_object().expect("data") {
        if let Some(errors) = payload.get("userErrors") {
            assert_eq!(errors, &json!([]), "{field} {variables:#}: {payload:#}");
        }
    }
    data
}

fn string(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{value}"))
        .to_owned()
}

/// The number behind a global id.
fn number(id: &Value) -> i64 {
    decode(id.as_str().expect("an id")).expect("a global id").1
}

const SEED: &str = r#"mutation {
  createOrganization(input: { externalId: "co", name: "Yhtiö Oy", contacts: [
      { externalId: "co/dpo", name: "Tietosuojavastaava", role: DPO },
      { externalId: "co/support", name: "Asiakaspalvelu", role: CUSTOMER_SERVICE }] }) {
    organization { id } userErrors { field message code } }
  createRegister(input: { externalId: "reg", slug: "rekisteri", name: { fi: "Rekisteri" },
      description: { fi: "Alku" }, controller: "co", dpo: "co/dpo", contactPerson: "co/support",
      purposes: [{ description: { fi: "Eka" } }, { description: { fi: "Toka" } }] }) {
    register { id version } userErrors { field message code } }
}"#;

/// What `seed` made.
struct Seed {
    organization: String,
    dpo: String,
    register: String,
    version: i64,
}

/// An organization with a DPO and a customer service contact, and a
/// register of it naming both, with two purposes. Its ids are read by the
/// next query, so that only the tests of a mutation's payload read it.
async fn seed(app: &TestApp) -> Seed {
    ok(app, SEED, json!({})).await;
    let data = ok(
        app,
        "{ organizations(first: 1) { nodes { id contacts { id externalId } } }
           registers(first: 1) { nodes { id version } } }",
        json!({}),
    )
    .await;
    let organization = &data["organizations"]["nodes"][0];
    let register = &data["registers"]["nodes"][0];
    assert_eq!(organization["contacts"][0]["externalId"], "co/dpo");
    Seed {
        organization: string(&organization["id"]),
        dpo: string(&organization["contacts"][0]["id"]),
        register: string(&register["id"]),
        version: register["version"].as_i64().unwrap(),
    }
}

const REGISTER: &str = r#"query($id: ID!) { node(id: $id) { ... on Register {
  version description dpo { externalId } contactPerson { externalId }
  purposes { description } controller { name contacts { externalId } } } } }"#;

const UPDATE_AND_ADD: &str = r#"mutation($id: ID!, $version: Int!) {
  updateRegister(input: { id: $id, version: $version, description: { fi: "Muutettu" } }) {
    register { description version } userErrors { field message code } }
  createPurpose(input: { registerId: $id, description: { fi: "Kolmas" } }) {
    purpose { id description register { description purposes { description } } }
    userErrors { field message code } }
}"#;

const DELETE: &str = r#"mutation($id: ID!) { deleteContact(input: { id: $id }) {
  deletedId userErrors { field message code } } }"#;

const UPSERT_ORGANIZATION: &str = r#"mutation($key: String!, $name: String!) {
  upsertOrganization(input: { externalId: $key, name: $name }) {
    created organization { name controlledRegisters { nodes { externalId } } }
    userErrors { field message code } } }"#;

// A mutation's payload shows what it wrote, a later field of the same
// mutation shows what an earlier one wrote, and the next query on the same
// server shows it all.
both_databases!(a_mutation_reads_its_own_writes, |backend| async move {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let seed = seed(&app).await;

    let data = ok(
        &app,
        UPDATE_AND_ADD,
        json!({ "id": seed.register, "version": seed.version }),
    )
    .await;
    assert_eq!(
        data["updateRegister"]["register"],
        json!({ "description": "Muutettu", "version": seed.version + 1 })
    );
    let purpose = &data["createPurpose"]["purpose"];
    assert_eq!(purpose["description"], "Kolmas", "{data:#}");
    assert_eq!(
        purpose["register"],
        json!({ "description": "Muutettu", "purposes": [
            { "description": "Eka" }, { "description": "Toka" }, { "description": "Kolmas" }] }),
        "the second write's payload reads the first write and its own"
    );

    let data = ok(
        &app,
        UPSERT_ORGANIZATION,
        json!({ "key": "co", "name": "Yhtiö Oyj" }),
    )
    .await;
    assert_eq!(
        data["upsertOrganization"]["organization"],
        json!({ "name": "Yhtiö Oyj", "controlledRegisters": { "nodes": [{ "externalId": "reg" }] } })
    );
    let data = ok(&app, DELETE, json!({ "id": seed.dpo })).await;
    assert_eq!(data["deleteContact"]["deletedId"], json!(seed.dpo));
    let graph = app.live.snapshot();
    let row = &graph.register(number(&json!(seed.register))).unwrap().row;
    assert_eq!(
        row.dpo_id, None,
        "the server's snapshot no longer names the DPO"
    );

    let mut read = ok(&app, REGISTER, json!({ "id": seed.register })).await;
    let version = read["node"]["version"].take().as_i64().unwrap();
    assert!(
        version > seed.version + 1,
        "a new part touches its register"
    );
    assert_eq!(
        read["node"],
        json!({
            "version": null,
            "description": "Muutettu",
            "dpo": null,
            "contactPerson": { "externalId": "co/support" },
            "purposes": [{ "description": "Eka" }, { "description": "Toka" }, { "description": "Kolmas" }],
            "controller": { "name": "Yhtiö Oyj", "contacts": [{ "externalId": "co/support" }] },
        }),
        "the next query reads every write"
    );
    app.cleanup().await;
});

// Two servers over one database: each write through A, of several kinds,
// is read by the next request through B, which then holds what a server
// loading the database whole would.
both_databases!(
    a_write_through_one_server_is_read_on_another,
    |backend| async move {
        let Some(a) = TestApp::spawn(backend).await else {
            return;
        };
        let seed = seed(&a).await;
        let b = a.second_server().await;
        let before = ok(&b, REGISTER, json!({ "id": seed.register })).await;
        assert_eq!(before["node"]["description"], "Alku");
        assert_eq!(before["node"]["dpo"], json!({ "externalId": "co/dpo" }));

        let read = async || ok(&b, REGISTER, json!({ "id": seed.register })).await["node"].clone();

        ok(
        &a,
        r#"mutation($id: ID!, $version: Int!) { updateRegister(input: { id: $id, version: $version,
            description: { fi: "Muutettu" } }) { register { id } userErrors { field message code } } }"#,
        json!({ "id": seed.register, "version": seed.version }),
    )
    .await;
        let node = read().await;
        assert_eq!(node["description"], "Muutettu", "B reads the update");
        assert_eq!(node["version"], seed.version + 1);

        ok(
        &a,
        r#"mutation($id: ID!) { createPurpose(input: { registerId: $id, description: { fi: "Kolmas" } }) {
            purpose { id } userErrors { field message code } } }"#,
        json!({ "id": seed.register }),
    )
    .await;
        assert_eq!(
            read().await["purposes"],
            json!([{ "description": "Eka" }, { "description": "Toka" }, { "description": "Kolmas" }]),
            "B reads the new purpose"
        );

        ok(&a, DELETE, json!({ "id": seed.dpo })).await;
        let node = read().await;
        assert_eq!(
            node["dpo"],
            Value::Null,
            "B reads the DPO gone from the register"
        );
        assert_eq!(
            node["controller"]["contacts"],
            json!([{ "externalId": "co/support" }]),
            "B reads the contact gone from its organization"
        );

        ok(
            &a,
            UPSERT_ORGANIZATION,
            json!({ "key": "co", "name": "Yhtiö Oyj" }),
        )
        .await;
        ok(
            &a,
            UPSERT_ORGANIZATION,
            json!({ "key": "new-co", "name": "Uusi Oy" }),
        )
        .await;
        assert_eq!(read().await["controller"]["name"], "Yhtiö Oyj");
        let organizations = ok(
            &b,
            "{ organizations(first: 100) { nodes { externalId name } } }",
            json!({}),
        )
        .await;
        assert_eq!(
            organizations["organizations"]["nodes"],
            json!([{ "externalId": "co", "name": "Yhtiö Oyj" }, { "externalId": "new-co", "name": "Uusi Oy" }]),
            "B reads the updated and the created organization"
        );
        assert_eq!(
            ok(
                &b,
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": seed.organization })
            )
            .await["node"]["id"],
            json!(seed.organization)
        );

        let whole = Live::load(a.db.clone()).await.unwrap().snapshot();
        assert_same(&b.live.current().await.unwrap(), &whole);
        assert_same(&a.live.current().await.unwrap(), &whole);
        a.cleanup().await;
    }
);

// A snapshot taken before writes keeps showing the graph as it was, in the
// register row and in its parts, shared nodes and indexes alike, while the
// snapshot caught up after them shows all of them.
both_databases!(a_held_snapshot_never_changes, |backend| async move {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let seed = seed(&app).await;
    let live = Live::load(app.db.clone()).await.unwrap();
    let old = live.snapshot();
    let (register, organization, dpo) = (
        number(&json!(seed.register)),
        number(&json!(seed.organization)),
        number(&json!(seed.dpo)),
    );

    ok(
        &app,
        r#"mutation($id: ID!, $version: Int!) { updateRegister(input: { id: $id, version: $version,
            description: { fi: "Uusi" }, purposes: [{ description: { fi: "Ainoa" } }] }) {
            register { id } userErrors { field message code } } }"#,
        json!({ "id": seed.register, "version": seed.version }),
    )
    .await;
    ok(&app, DELETE, json!({ "id": seed.dpo })).await;
    ok(
        &app,
        UPSERT_ORGANIZATION,
        json!({ "key": "co", "name": "Yhtiö Oyj" }),
    )
    .await;
    let new = live.current().await.unwrap();

    let purposes = |graph: &Graph| -> Vec<String> {
        graph
            .register(register)
            .unwrap()
            .purposes
            .iter()
            .map(|p| p.description.clone())
            .collect()
    };
    // The old snapshot: as before the writes.
    let row = &old.register(register).unwrap().row;
    assert!(
        row.description.as_deref().unwrap().contains("Alku"),
        "{row:?}"
    );
    assert_eq!(row.version, seed.version as i32);
    assert_eq!(row.dpo_id, Some(dpo));
    let old_purposes = purposes(&old);
    assert_eq!(old_purposes.len(), 2, "{old_purposes:?}");
    assert!(old_purposes[0].contains("Eka") && old_purposes[1].contains("Toka"));
    assert_eq!(old.organization(organization).unwrap().name, "Yhtiö Oy");
    assert!(old.contact(dpo).is_some());
    assert!(old.has(ropagraph::graph::Edge::Named, dpo));
    assert_eq!(old.organization(organization).unwrap().contacts.len(), 2);

    // The new one: every write.
    assert!(new.generation() > old.generation());
    let row = &new.register(register).unwrap().row;
    assert!(
        row.description.as_deref().unwrap().contains("Uusi"),
        "{row:?}"
    );
    assert_eq!(row.version, seed.version as i32 + 1);
    assert_eq!(row.dpo_id, None);
    let new_purposes = purposes(&new);
    assert_eq!(new_purposes.len(), 1, "{new_purposes:?}");
    assert!(new_purposes[0].contains("Ainoa"));
    assert_eq!(new.organization(organization).unwrap().name, "Yhtiö Oyj");
    assert!(new.contact(dpo).is_none());
    assert!(!new.has(ropagraph::graph::Edge::Named, dpo));
    assert_eq!(new.organization(organization).unwrap().contacts.len(), 1);

    // And the old snapshot still reads as it did.
    assert_eq!(purposes(&old), old_purposes);
    assert_eq!(old.register(register).unwrap().row.dpo_id, Some(dpo));
    app.cleanup().await;
});

const REPLACE: &str = r#"mutation($id: ID!, $version: Int!, $description: String!, $purposes: [PurposeInput!]!) {
  updateRegister(input: { id: $id, version: $version, description: { fi: $description }, purposes: $purposes }) {
    register { version } userErrors { field message code } } }"#;

/// The register read again and again in one query, by id and through its
/// controller, with its notice (compiled: the slowest field) between: one
/// snapshot must answer all of it, each alias resolving on its own.
fn read_count() -> String {
    let mut query = String::from("query($id: ID!) {");
    for i in 0..ALIASES {
        write!(
            query,
            " r{i}: node(id: $id) {{ ... on Register {{ description purposes {{ id }} }} }}"
        )
        .unwrap();
        if i == ALIASES / 2 {
            query.push_str(
                " n: node(id: $id) { ... on Register { notice(format: TEXT) { text }
                  controller { controlledRegisters { nodes { description purposes { id } } } } } }",
            );
        }
    }
    query.push_str(" }");
    query
}

const ALIASES: usize = 48;

const READERS: usize = 3;

/// Sets the register's purposes to `n` purposes and its description to
/// "n" in one mutation; returns the new version.
async fn replace(app: &TestApp, id: &str, version: i64, n: usize) -> i64 {
    let purposes: Vec<Value> = (0..n)
        .map(|i| json!({ "description": { "fi": format!("Tarkoitus {i}") } }))
        .collect();
    let variables = json!({ "id": id, "version": version,
        "description": n.to_string(), "purposes": purposes });
    let data = ok(app, REPLACE, variables).await;
    data["updateRegister"]["register"]["version"]
        .as_i64()
        .unwrap()
}
const REPLACEMENTS: usize = 40;

// One writer replaces a register's purposes with N purposes and sets its
// description to "N" in one mutation, over and over; readers meanwhile
// never see a description that disagrees with the purposes beside it.
both_databases!(readers_never_see_half_a_write, |backend| async move {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let seed = seed(&app).await;
    let app = Arc::new(app);
    let mut version = replace(&app, &seed.register, seed.version, 2).await;

    let done = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (app, done, reads, id) = (
            app.clone(),
            done.clone(),
            reads.clone(),
            seed.register.clone(),
        );
        readers.push(tokio::spawn(async move {
            let started = Instant::now();
            while !done.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(60) {
                let data = ok(&app, &read_count(), json!({ "id": id })).await;
                let first = &data["r0"];
                let purposes = first["purposes"].as_array().unwrap().len();
                assert_eq!(first["description"], purposes.to_string(), "{first:#}");
                for i in 1..ALIASES {
                    assert_eq!(&data[format!("r{i}")], first, "alias r{i} of one query");
                }
                assert_eq!(
                    &data["n"]["controller"]["controlledRegisters"]["nodes"][0], first,
                    "the same register through its controller"
                );
                reads.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    for round in 0..REPLACEMENTS {
        version = replace(&app, &seed.register, version, 1 + round * 7 % 11).await;
    }
    done.store(true, Ordering::SeqCst);
    for reader in readers {
        reader.await.expect("a reader");
    }
    assert!(reads.load(Ordering::SeqCst) >= READERS, "the readers read");
    Arc::into_inner(app).unwrap().cleanup().await;
});

/// What differs between two lists of rows, row by row.
fn rows<T: PartialEq + std::fmt::Debug>(out: &mut String, what: &str, a: &[Arc<T>], b: &[Arc<T>]) {
    for i in 0..a.len().max(b.len()) {
        if a.get(i) != b.get(i) {
            writeln!(
                out,
                "  {what}[{i}]:\n    caught up: {:?}\n    whole:     {:?}",
                a.get(i),
                b.get(i)
            )
            .unwrap();
        }
    }
}

/// Where two snapshots differ, for the failure message.
fn differences(a: &Graph, b: &Graph) -> String {
    let mut out = String::new();
    for (id, node) in a.registers() {
        let Some(other) = b.register(*id) else {
            writeln!(out, "register {id} only in the caught-up snapshot").unwrap();
            continue;
        };
        if other == node {
            continue;
        }
        writeln!(out, "register {id} ({}):", node.external_id).unwrap();
        if node.row != other.row {
            writeln!(
                out,
                "  row:\n    caught up: {:?}\n    whole:     {:?}",
                node.row, other.row
            )
            .unwrap();
        }
        rows(
            &mut out,
            "joint controllers",
            &node.joint_controllers,
            &other.joint_controllers,
        );
        rows(&mut out, "subjects", &node.subjects, &other.subjects);
        rows(
            &mut out,
            "data categories",
            &node.data_categories,
            &other.data_categories,
        );
        rows(&mut out, "systems", &node.systems, &other.systems);
        rows(&mut out, "purposes", &node.purposes, &other.purposes);
        rows(&mut out, "sources", &node.sources, &other.sources);
        rows(&mut out, "recipients", &node.recipients, &other.recipients);
        rows(
            &mut out,
            "engagements",
            &node.engagements,
            &other.engagements,
        );
        rows(&mut out, "transfers", &node.transfers, &other.transfers);
        rows(&mut out, "retention", &node.retention, &other.retention);
        rows(&mut out, "security", &node.security, &other.security);
        rows(&mut out, "notices", &node.notices, &other.notices);
    }
    for id in b.registers().keys() {
        if a.register(*id).is_none() {
            writeln!(out, "register {id} only in the snapshot loaded whole").unwrap();
        }
    }
    macro_rules! compare {
        ($what:literal, $field:ident) => {
            for (id, node) in a.$field() {
                match b.$field().get(id) {
                    Some(other) if other == node => {}
                    Some(other) => writeln!(
                        out,
                        "{} {id}:\n  caught up: {node:?}\n  whole:     {other:?}",
                        $what
                    )
                    .unwrap(),
                    None => writeln!(out, "{} {id} only in the caught-up snapshot", $what).unwrap(),
                }
            }
            for id in b.$field().keys() {
                if !a.$field().contains_key(id) {
                    writeln!(out, "{} {id} only in the snapshot loaded whole", $what).unwrap();
                }
            }
        };
    }
    compare!("organization", organizations);
    compare!("data category", data_categories);
    compare!("data subject category", subject_categories);
    compare!("system", systems);
    if out.is_empty() {
        out.push_str("the nodes are equal; an index differs");
    }
    out
}

fn assert_same(caught_up: &Graph, whole: &Graph) {
    assert_eq!(caught_up.generation(), whole.generation());
    assert!(
        caught_up.same_as(whole),
        "the caught-up snapshot differs from one loaded whole:\n{}",
        differences(caught_up, whole)
    );
}

const ENGAGED: &str = r#"mutation($reg: ID!) {
  vendor: createOrganization(input: { externalId: "vendor", name: "Toimittaja Oy" }) {
    organization { id } userErrors { field message code } }
  other: createRegister(input: { externalId: "reg2", slug: "toinen", name: { fi: "Toinen" }, controller: "co",
      processors: [{ externalId: "reg2/eng", processor: "vendor" }] }) {
    register { processors { id } } userErrors { field message code } }
  sub: createProcessorEngagement(input: { registerId: $reg, externalId: "reg/sub", processor: "vendor",
      parent: "reg2/eng" }) { processorEngagement { parent { externalId } } userErrors { field message code } }
  transfer: createTransfer(input: { registerId: $reg, externalId: "reg/transfer", engagement: "reg2/eng",
      destinationCountry: "US", mechanism: STANDARD_CONTRACTUAL_CLAUSES }) {
    transfer { engagement { externalId } } userErrors { field message code } }
}"#;

const UNDER: &str = r#"query($id: ID!) { node(id: $id) { ... on Register {
  processors { externalId parent { externalId } } transfers { externalId engagement { externalId } } } } }"#;

// An engagement of one register that another register's sub-processor and
// transfer name goes: the database clears their references (ON DELETE SET
// NULL) without an event of the other register, and every server's
// snapshot still follows.
both_databases!(
    an_engagement_gone_is_gone_from_other_registers,
    |backend| async move {
        let Some(a) = TestApp::spawn(backend).await else {
            return;
        };
        let seed = seed(&a).await;
        let data = ok(&a, ENGAGED, json!({ "reg": seed.register })).await;
        assert_eq!(
            data["sub"]["processorEngagement"]["parent"]["externalId"],
            "reg2/eng"
        );
        assert_eq!(
            data["transfer"]["transfer"]["engagement"]["externalId"],
            "reg2/eng"
        );
        let engagement = string(&data["other"]["register"]["processors"][0]["id"]);
        let b = a.second_server().await;
        ok(&b, UNDER, json!({ "id": seed.register })).await;

        ok(
        &a,
        r#"mutation($id: ID!) { deleteProcessorEngagement(input: { id: $id }) { deletedId userErrors { field message code } } }"#,
        json!({ "id": engagement }),
    )
    .await;
        let expected = json!({
            "processors": [{ "externalId": "reg/sub", "parent": null }],
            "transfers": [{ "externalId": "reg/transfer", "engagement": null }],
        });
        for server in [&a, &b] {
            assert_eq!(
                ok(server, UNDER, json!({ "id": seed.register })).await["node"],
                expected
            );
        }
        let whole = Live::load(a.db.clone()).await.unwrap().snapshot();
        assert_same(&a.live.current().await.unwrap(), &whole);
        assert_same(&b.live.current().await.unwrap(), &whole);
        a.cleanup().await;
    }
);

/// Global ids and versions of the demo data's registers, by externalId.
async fn registers(app: &TestApp) -> std::collections::BTreeMap<String, (String, i64)> {
    let data = ok(
        app,
        "{ registers(first: 100) { nodes { id externalId version } } }",
        json!({}),
    )
    .await;
    data["registers"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                string(&r["externalId"]),
                (string(&r["id"]), r["version"].as_i64().unwrap()),
            )
        })
        .collect()
}

/// A contact's global id by its externalId.
async fn contact(app: &TestApp, key: &str) -> String {
    let data = ok(
        app,
        "{ organizations(first: 100) { nodes { contacts { id externalId } } } }",
        json!({}),
    )
    .await;
    data["organizations"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["contacts"].as_array().unwrap())
        .find(|c| c["externalId"] == key)
        .map(|c| string(&c["id"]))
        .unwrap_or_else(|| panic!("no contact {key}"))
}

const E: &str = "userErrors { field message code }";

/// A burst of writes of every kind through `app`, on the demo data.
async fn burst(app: &TestApp) {
    let demo = registers(app).await;
    let (medieco, _) = demo["medieco/customer-service"].clone();
    let (mediateko, _) = demo["mediateko/customer-register"].clone();

    // Organizations and contacts.
    let data = ok(app, &format!(r#"mutation {{
      a: createOrganization(input: {{ externalId: "burst-org", name: "Purske Oy", contacts: [
          {{ externalId: "burst-org/dpo", name: "Tietosuojavastaava", role: DPO }}] }}) {{ organization {{ id version }} {E} }}
      b: createOrganization(input: {{ externalId: "burst-vendor", name: "Toimittaja Oy", country: "FI" }}) {{ organization {{ id }} {E} }}
      c: createOrganization(input: {{ externalId: "burst-lonely", name: "Yksin Oy" }}) {{ organization {{ id }} {E} }}
    }}"#), json!({})).await;
    let org = string(&data["a"]["organization"]["id"]);
    let lonely = string(&data["c"]["organization"]["id"]);
    ok(app, &format!(r#"mutation($id: ID!) {{
      updateOrganization(input: {{ id: $id, version: 1, name: "Purske Oyj", email: "info@purske.fi" }}) {{ organization {{ id }} {E} }}
      upsertOrganization(input: {{ externalId: "mediateko", name: "Mediateko Oy (muutettu)" }}) {{ organization {{ id }} {E} }}
      createContact(input: {{ organizationId: $id, externalId: "burst-org/cp", name: "Yhteyshenkilö", role: CONTACT_PERSON }}) {{ contact {{ id }} {E} }}
    }}"#), json!({ "id": org })).await;
    // Contacts replaced by an upsert: the register's contact person goes.
    ok(app, &format!(r#"mutation {{
      upsertOrganization(input: {{ externalId: "mainioco", contacts: [
          {{ externalId: "mainioco/other", name: "Asiakaspalvelu", role: CUSTOMER_SERVICE }}] }}) {{ organization {{ id }} {E} }}
    }}"#), json!({})).await;
    let cp = contact(app, "burst-org/cp").await;
    ok(app, &format!(r#"mutation($id: ID!) {{
      updateContact(input: {{ id: $id, version: 1, email: "yhteys@purske.fi" }}) {{ contact {{ id }} {E} }} }}"#),
        json!({ "id": cp })).await;
    // A register's DPO deleted: the database clears the register's dpo_id.
    let dpo = contact(app, "medieco/dpo").await;
    ok(app, DELETE, json!({ "id": dpo })).await;
    ok(app, &format!(r#"mutation($id: ID!) {{ deleteOrganization(input: {{ id: $id }}) {{ deletedId {E} }} }}"#),
        json!({ "id": lonely })).await;

    // The catalogue.
    let data = ok(app, &format!(r#"mutation {{
      a: createDataCategory(input: {{ externalId: "burst-cat", name: {{ fi: "Purskeluokka" }} }}) {{ dataCategory {{ id }} {E} }}
      b: createDataCategory(input: {{ externalId: "burst-cat-2", name: {{ fi: "Toinen" }} }}) {{ dataCategory {{ id }} {E} }}
      c: createDataSubjectCategory(input: {{ externalId: "burst-subjects", name: {{ fi: "Purskeryhmä" }} }}) {{ dataSubjectCategory {{ id }} {E} }}
      d: createDataSubjectCategory(input: {{ externalId: "burst-subjects-2", name: {{ fi: "Toinen" }} }}) {{ dataSubjectCategory {{ id }} {E} }}
      e: createSystem(input: {{ externalId: "burst-system", name: "Purskejärjestelmä", vendor: "burst-vendor", hostingCountries: ["FI"] }}) {{ system {{ id }} {E} }}
      f: createSystem(input: {{ externalId: "burst-system-2", name: "Toinen" }}) {{ system {{ id }} {E} }}
    }}"#), json!({})).await;
    let id = |field: &str, node: &str| string(&data[field][node]["id"]);
    ok(app, &format!(r#"mutation($a: ID!, $b: ID!, $c: ID!, $d: ID!, $e: ID!, $f: ID!) {{
      updateDataCategory(input: {{ id: $a, version: 1, specialCategory: true }}) {{ dataCategory {{ id }} {E} }}
      deleteDataCategory(input: {{ id: $b }}) {{ deletedId {E} }}
      updateDataSubjectCategory(input: {{ id: $c, version: 1, description: {{ fi: "Kuvaus" }} }}) {{ dataSubjectCategory {{ id }} {E} }}
      deleteDataSubjectCategory(input: {{ id: $d }}) {{ deletedId {E} }}
      updateSystem(input: {{ id: $e, version: 1, hostingCountries: ["FI", "SE"] }}) {{ system {{ id }} {E} }}
      deleteSystem(input: {{ id: $f }}) {{ deletedId {E} }}
    }}"#), json!({ "a": id("a", "dataCategory"), "b": id("b", "dataCategory"),
        "c": id("c", "dataSubjectCategory"), "d": id("d", "dataSubjectCategory"),
        "e": id("e", "system"), "f": id("f", "system") })).await;

    // Registers.
    let data = ok(app, &format!(r#"mutation {{
      a: createRegister(input: {{ externalId: "burst-reg", slug: "purske", name: {{ fi: "Purskerekisteri" }},
          controller: "burst-org", dpo: "burst-org/dpo", systems: ["burst-system"],
          dataSubjectCategories: ["burst-subjects"], dataCategories: [{{ category: "burst-cat" }}, {{ category: "email" }}],
          purposes: [{{ description: {{ fi: "Palvelu" }} }}] }}) {{ register {{ id version }} {E} }}
      b: createRegister(input: {{ externalId: "burst-doomed", slug: "tuhoon", name: {{ fi: "Poistuva" }},
          controller: "burst-org", contactPerson: "burst-org/cp",
          processors: [{{ externalId: "burst-doomed/eng", processor: "burst-vendor" }}] }}) {{ register {{ id }} {E} }}
    }}"#), json!({})).await;
    let reg = string(&data["a"]["register"]["id"]);
    let doomed = string(&data["b"]["register"]["id"]);
    // A sub-processor and a transfer of other registers under an
    // engagement of a register that goes last.
    ok(app, &format!(r#"mutation($id: ID!, $medieco: ID!, $mediateko: ID!) {{
      updateRegister(input: {{ id: $id, version: 1, description: {{ fi: "Kuvattu" }}, contactPerson: "burst-org/cp",
          securityMeasures: [{{ kind: TECHNICAL, description: {{ fi: "Salaus" }} }}] }}) {{ register {{ id }} {E} }}
      createProcessorEngagement(input: {{ registerId: $medieco, externalId: "medieco/doomed-sub", processor: "burst-vendor",
          parent: "burst-doomed/eng" }}) {{ processorEngagement {{ id }} {E} }}
      createTransfer(input: {{ registerId: $mediateko, externalId: "mediateko/doomed-transfer", engagement: "burst-doomed/eng",
          destinationCountry: "SE" }}) {{ transfer {{ id }} {E} }}
    }}"#), json!({ "id": reg, "medieco": medieco, "mediateko": mediateko })).await;

    // Parts.
    let data = ok(app, &format!(r#"mutation($medieco: ID!) {{
      a: createPurpose(input: {{ registerId: $medieco, description: {{ fi: "Uusi tarkoitus" }}, legalBasis: CONTRACT }}) {{ purpose {{ id }} {E} }}
      b: createPurpose(input: {{ registerId: $medieco, description: {{ fi: "Lyhytikäinen" }} }}) {{ purpose {{ id }} {E} }}
    }}"#), json!({ "medieco": medieco })).await;
    ok(app, &format!(r#"mutation($a: ID!, $b: ID!) {{
      updatePurpose(input: {{ id: $a, version: 1, description: {{ fi: "Muutettu tarkoitus" }} }}) {{ purpose {{ id }} {E} }}
      deletePurpose(input: {{ id: $b }}) {{ deletedId {E} }}
    }}"#), json!({ "a": string(&data["a"]["purpose"]["id"]), "b": string(&data["b"]["purpose"]["id"]) })).await;

    // Engagements and transfers, across registers: a sub-processor and a
    // transfer of one register under an engagement of another.
    let data = ok(app, &format!(r#"mutation($reg: ID!, $mediateko: ID!) {{
      a: createProcessorEngagement(input: {{ registerId: $reg, externalId: "burst-reg/eng", processor: "burst-vendor" }}) {{ processorEngagement {{ id }} {E} }}
      b: createProcessorEngagement(input: {{ registerId: $mediateko, externalId: "mediateko/sub", processor: "google",
          parent: "burst-reg/eng" }}) {{ processorEngagement {{ id }} {E} }}
      c: createTransfer(input: {{ registerId: $mediateko, externalId: "mediateko/burst-transfer", recipient: "google",
          engagement: "burst-reg/eng", destinationCountry: "US", mechanism: STANDARD_CONTRACTUAL_CLAUSES }}) {{ transfer {{ id }} {E} }}
      d: createTransfer(input: {{ registerId: $reg, externalId: "burst-reg/transfer", destinationCountry: "SE" }}) {{ transfer {{ id }} {E} }}
    }}"#), json!({ "reg": reg, "mediateko": mediateko })).await;
    ok(app, &format!(r#"mutation($b: ID!, $c: ID!, $d: ID!) {{
      updateProcessorEngagement(input: {{ id: $b, version: 1, processingCountries: ["US"] }}) {{ processorEngagement {{ id }} {E} }}
      updateTransfer(input: {{ id: $c, version: 1, safeguardReference: "SCC 2021/914" }}) {{ transfer {{ id }} {E} }}
      deleteTransfer(input: {{ id: $d }}) {{ deletedId {E} }}
    }}"#), json!({ "b": string(&data["b"]["processorEngagement"]["id"]),
        "c": string(&data["c"]["transfer"]["id"]), "d": string(&data["d"]["transfer"]["id"]) })).await;
    // The engagement the other register's sub-processor and transfer point
    // at goes: the database clears their references.
    ok(app, &format!(r#"mutation($a: ID!) {{ deleteProcessorEngagement(input: {{ id: $a }}) {{ deletedId {E} }} }}"#),
        json!({ "a": string(&data["a"]["processorEngagement"]["id"]) })).await;

    // A notice published, and an inventory imported.
    ok(
        app,
        &format!(
            r#"mutation($id: ID!) {{
      publishNotice(input: {{ registerId: $id, acknowledgement: "testi" }}) {{ created {E} }} }}"#
        ),
        json!({ "id": medieco }),
    )
    .await;
    let mut document: Value = serde_json::from_str(&app.snapshot().await).unwrap();
    for register in document["registers"].as_array_mut().unwrap() {
        if register["externalId"] == "osekk/opintori" {
            register["description"] = json!({ "fi": "Tuotu" });
            register["purposes"].as_array_mut().unwrap().pop();
        }
    }
    for organization in document["organizations"].as_array_mut().unwrap() {
        if organization["externalId"] == "google" {
            organization["name"] = json!("Google LLC (tuotu)");
        }
    }
    let data = ok(
        app,
        &format!(
            r#"mutation($document: JSON!) {{
      importInventory(input: {{ document: $document, allowDeletes: true }}) {{ committed {E} }} }}"#
        ),
        json!({ "document": document }),
    )
    .await;
    assert_eq!(data["importInventory"]["committed"], true, "{data:#}");

    // Last, nothing written after it: a register goes with its engagement,
    // and the database clears the references of the other registers.
    ok(
        app,
        &format!(
            r#"mutation($id: ID!) {{ deleteRegister(input: {{ id: $id }}) {{ deletedId {E} }} }}"#
        ),
        json!({ "id": doomed }),
    )
    .await;
}

// After a burst of writes of every kind, the snapshot of the server that
// wrote (caught up write by write) and that of another server (caught up at
// once) both equal a snapshot loaded whole.
both_databases!(catching_up_equals_loading_whole, |backend| async move {
    let Some(a) = TestApp::with_demo(backend).await else {
        return;
    };
    let b = a.second_server().await;
    ok(&b, "{ registers(first: 1) { nodes { id } } }", json!({})).await;
    burst(&a).await;
    let whole = Live::load(a.db.clone()).await.unwrap().snapshot();
    assert_same(&a.live.current().await.unwrap(), &whole);
    assert_same(&b.live.current().await.unwrap(), &whole);
    a.cleanup().await;
});

const WRITERS: usize = 8;
const ROUNDS: usize = 3;

/// One writer's rounds: its own organization and register, changed round
/// by round, beside writes to what every writer shares (the demo's
/// registers and an organization); the last round deletes its DPO and the
/// engagement the shared register's sub-processors are under.
async fn writer(app: Arc<TestApp>, w: usize, medieco: String, mediateko: String) {
    let data = ok(&app, &format!(r#"mutation {{
      createOrganization(input: {{ externalId: "w{w}", name: "Kirjoittaja {w}", contacts: [
          {{ externalId: "w{w}/dpo", name: "Tietosuojavastaava", role: DPO }}] }}) {{ organization {{ id contacts {{ id }} }} {E} }}
      createRegister(input: {{ externalId: "w{w}-reg", slug: "kirjoittaja-{w}", name: {{ fi: "Rekisteri {w}" }},
          controller: "w{w}", dpo: "w{w}/dpo", processors: [{{ externalId: "w{w}-reg/eng", processor: "google" }}] }}) {{
        register {{ id version processors {{ id }} }} {E} }}
    }}"#), json!({})).await;
    let organization = string(&data["createOrganization"]["organization"]["id"]);
    let dpo = string(&data["createOrganization"]["organization"]["contacts"][0]["id"]);
    let register = &data["createRegister"]["register"];
    let (id, mut version) = (
        string(&register["id"]),
        register["version"].as_i64().unwrap(),
    );
    let engagement = string(&register["processors"][0]["id"]);
    for r in 0..ROUNDS {
        let purposes: Vec<Value> = (0..=r)
            .map(|i| json!({ "description": { "fi": format!("Tarkoitus {w}.{r}.{i}") } }))
            .collect();
        let data = ok(&app, &format!(r#"mutation($id: ID!, $version: Int!, $purposes: [PurposeInput!]!, $org: ID!, $medieco: ID!, $mediateko: ID!) {{
          updateRegister(input: {{ id: $id, version: $version, description: {{ fi: "{w}.{r}" }}, purposes: $purposes }}) {{ register {{ version }} {E} }}
          createPurpose(input: {{ registerId: $medieco, description: {{ fi: "Yhteinen {w}.{r}" }} }}) {{ purpose {{ id }} {E} }}
          upsertOrganization(input: {{ externalId: "mediateko", name: "Mediateko {w}.{r}" }}) {{ organization {{ id }} {E} }}
          createContact(input: {{ organizationId: $org, externalId: "w{w}/c{r}", name: "Yhteys {r}", role: OTHER }}) {{ contact {{ id }} {E} }}
          createProcessorEngagement(input: {{ registerId: $mediateko, externalId: "mediateko/w{w}-r{r}", processor: "google",
              parent: "w{w}-reg/eng" }}) {{ processorEngagement {{ id }} {E} }}
          createDataCategory(input: {{ externalId: "w{w}-cat-{r}", name: {{ fi: "Luokka {w}.{r}" }} }}) {{ dataCategory {{ id }} {E} }}
        }}"#), json!({ "id": id, "version": version, "purposes": purposes, "org": organization,
            "medieco": medieco, "mediateko": mediateko })).await;
        version = data["updateRegister"]["register"]["version"]
            .as_i64()
            .unwrap();
    }
    ok(
        &app,
        &format!(
            r#"mutation($dpo: ID!, $engagement: ID!) {{
      deleteContact(input: {{ id: $dpo }}) {{ deletedId {E} }}
      deleteProcessorEngagement(input: {{ id: $engagement }}) {{ deletedId {E} }}
    }}"#
        ),
        json!({ "dpo": dpo, "engagement": engagement }),
    )
    .await;
}

// Eight writers at once, half through one server and half through another
// over the same database, both catching up all the while: afterwards both
// servers' snapshots equal one loaded whole.
both_databases!(catching_up_under_concurrent_writers, |backend| async move {
    let Some(a) = TestApp::with_demo(backend).await else {
        return;
    };
    let b = Arc::new(a.second_server().await);
    let a = Arc::new(a);
    let demo = registers(&a).await;
    let medieco = demo["medieco/customer-service"].0.clone();
    let mediateko = demo["mediateko/customer-register"].0.clone();
    let mut tasks = Vec::new();
    for w in 0..WRITERS {
        let app = if w % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(writer(
            app,
            w,
            medieco.clone(),
            mediateko.clone(),
        )));
    }
    for task in tasks {
        task.await.expect("a writer");
    }
    let whole = Live::load(a.db.clone()).await.unwrap().snapshot();
    assert_eq!(whole.registers().len(), 5 + WRITERS);
    assert_same(&a.live.current().await.unwrap(), &whole);
    assert_same(&b.live.current().await.unwrap(), &whole);
    drop(b);
    Arc::into_inner(a).unwrap().cleanup().await;
});
