//! Partial updates: in every `update*` and `upsert*` input a field left out
//! keeps its stored value, an explicit null clears it. Each case writes a
//! node with many fields, then changes one field, clears another and (where
//! there is an upsert) upserts a third; after each call the whole exported
//! inventory must equal the one before with exactly that field changed.

use serde_json::{Value, json};

use crate::{both_databases, helpers::TestApp};

/// Where a node sits in the exported document.
#[derive(Clone, Copy)]
enum At {
    /// A top-level list, by externalId.
    Top(&'static str, &'static str),
    /// A keyed list of a top-level node, by the child's externalId.
    Keyed(&'static str, &'static str, &'static str, &'static str),
    /// The last item of a list of a top-level node.
    Last(&'static str, &'static str, &'static str),
}

fn find<'a>(list: &'a mut Value, key: &str) -> &'a mut Value {
    list.as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|n| n["externalId"] == key)
        .unwrap_or_else(|| panic!("{key} is in the export"))
}

fn locate(document: &mut Value, at: At) -> &mut Value {
    match at {
        At::Top(list, key) => find(&mut document[list], key),
        At::Keyed(list, key, children, child) => {
            find(&mut find(&mut document[list], key)[children], child)
        }
        At::Last(list, key, children) => find(&mut document[list], key)[children]
            .as_array_mut()
            .unwrap()
            .last_mut()
            .unwrap(),
    }
}

struct Case {
    /// The type name: `Organization` gives createOrganization, updateOrganization…
    name: &'static str,
    /// The payload's field: `organization`.
    field: &'static str,
    create: Value,
    at: At,
    /// One field to change by update, one to clear (null → the value it
    /// then exports as), and for upserts the key fields and one more change.
    change: (&'static str, Value),
    clear: Option<(&'static str, Value)>,
    upsert: Option<(Value, &'static str, Value)>,
}

async fn snapshot(app: &TestApp) -> Value {
    serde_json::from_str(&app.snapshot().await).unwrap()
}

/// Runs one mutation; returns the node's id and version.
async fn write(app: &TestApp, verb: &str, case: &Case, input: Value) -> (Value, i64) {
    let operation = format!("{verb}{}", case.name);
    let input_type = if verb == "create" && matches!(case.at, At::Top(..)) {
        format!("{}Input", case.name)
    } else {
        format!("{}{}Input", capitalized(verb), case.name)
    };
    let query = format!(
        "mutation($input: {input_type}!) {{ {operation}(input: $input) {{ {} {{ id version }} userErrors {{ field message code }} }} }}",
        case.field
    );
    let data = app.data(&query, json!({ "input": input })).await;
    let payload = &data[&operation];
    assert_eq!(payload["userErrors"], json!([]), "{operation} {input:#}");
    let node = &payload[case.field];
    (node["id"].clone(), node["version"].as_i64().unwrap())
}

fn capitalized(verb: &str) -> String {
    let mut chars = verb.chars();
    chars.next().unwrap().to_uppercase().chain(chars).collect()
}

fn merged(mut input: Value, more: Value) -> Value {
    for (k, v) in more.as_object().unwrap() {
        input[k] = v.clone();
    }
    input
}

fn cases(register: &Value) -> Vec<Case> {
    let on_register = |more: Value| merged(json!({ "registerId": register }), more);
    vec![
        Case {
            name: "Organization",
            field: "organization",
            create: json!({ "externalId": "pt-org", "name": "Osittain Oy", "businessId": "1234567-1",
                "country": "FI", "postalAddress": "PL 1\n00100 Helsinki", "email": "info@osittain.fi",
                "note": "from the 2024 notice",
                "channels": [{ "kind": "EMAIL", "value": "laskutus@osittain.fi", "label": { "fi": "Laskutus" } }],
                "contacts": [{ "externalId": "pt-org/dpo", "name": "Tietosuojavastaava", "role": "DPO", "email": "dpo@osittain.fi" }] }),
            at: At::Top("organizations", "pt-org"),
            change: ("name", json!("Osittain Oy Ab")),
            clear: Some(("note", Value::Null)),
            upsert: Some((
                json!({ "externalId": "pt-org" }),
                "phone",
                json!("+358 9 123 4567"),
            )),
        },
        Case {
            name: "Contact",
            field: "contact",
            create: json!({ "externalId": "pt-contact", "name": "Asiakaspalvelu",
                "role": "CUSTOMER_SERVICE", "title": { "fi": "Palvelu" }, "email": "asiakas@osittain.fi", "phone": "+358 9 765 4321" }),
            at: At::Keyed("organizations", "pt-org", "contacts", "pt-contact"),
            change: ("phone", json!("+358 9 111 2222")),
            clear: Some(("email", Value::Null)),
            upsert: Some((
                json!({ "organization": "pt-org", "externalId": "pt-contact" }),
                "address",
                json!("Katu 1, Helsinki"),
            )),
        },
        Case {
            name: "DataSubjectCategory",
            field: "dataSubjectCategory",
            create: json!({ "externalId": "pt-subjects", "name": { "fi": "Asiakkaat" }, "description": { "fi": "Kaikki asiakkaat" } }),
            at: At::Top("dataSubjectCategories", "pt-subjects"),
            change: ("name", json!({ "fi": "Asiakkaat", "en": "Customers" })),
            clear: Some(("description", Value::Null)),
            upsert: Some((
                json!({ "externalId": "pt-subjects" }),
                "description",
                json!({ "fi": "Uudet" }),
            )),
        },
        Case {
            name: "DataCategory",
            field: "dataCategory",
            create: json!({ "externalId": "pt-health", "name": { "fi": "Terveystiedot" }, "description": { "fi": "Diagnoosit" },
                "specialCategory": true }),
            at: At::Top("dataCategories", "pt-health"),
            change: ("name", json!({ "fi": "Terveydentila" })),
            clear: Some(("description", Value::Null)),
            upsert: Some((
                json!({ "externalId": "pt-health" }),
                "criminal",
                json!(true),
            )),
        },
        Case {
            name: "System",
            field: "system",
            create: json!({ "externalId": "pt-system", "name": "Asiakasjärjestelmä", "vendor": "pinja",
                "hostingCountries": ["FI", "SE"], "description": { "fi": "CRM" },
                "localizedName": { "fi": "Asiakasjärjestelmä", "en": "Customer system" } }),
            at: At::Top("systems", "pt-system"),
            change: ("name", json!("Asiakasjärjestelmä 2")),
            clear: Some(("vendor", Value::Null)),
            upsert: Some((
                json!({ "externalId": "pt-system" }),
                "hostingCountries",
                json!(["FI"]),
            )),
        },
        Case {
            name: "Register",
            field: "register",
            create: json!({ "externalId": "pt-register", "slug": "pt-register", "name": { "fi": "Toinen" },
                "description": { "fi": "Kuvaus" }, "controller": "medieco", "note": "lähde",
                "legalBases": [{ "basis": "PUBLIC_TASK", "law": { "act": "621/1999", "section": "13 §" } }],
                "provisionRequirement": "STATUTORY", "provisionConsequences": { "fi": "Asiaa ei voida käsitellä." },
                "automatedDecisionMaking": { "fi": "Päätös tehdään automaattisesti." },
                "automatedDecisionSafeguards": { "fi": "Voit pyytää käsittelijän arviota." },
                "rights": [{ "right": "ERASURE", "applies": "DOES_NOT_APPLY", "conditions": { "fi": "Lakisääteinen tehtävä" },
                    "law": { "act": "2016/679", "section": "17 artiklan 3 kohdan b alakohta" } }],
                "systems": ["pt-system"], "dataSubjectCategories": ["pt-subjects"],
                "purposes": [{ "description": { "fi": "Asiakassuhde" }, "legalBasis": "CONTRACT" }] }),
            at: At::Top("registers", "pt-register"),
            change: ("name", json!({ "fi": "Toinen rekisteri" })),
            clear: Some(("description", Value::Null)),
            upsert: Some((
                json!({ "externalId": "pt-register" }),
                "note",
                json!("tarkistettu"),
            )),
        },
        Case {
            name: "Purpose",
            field: "purpose",
            create: on_register(
                json!({ "description": { "fi": "Laskutus" }, "legalBasis": "LEGAL_OBLIGATION",
                "law": { "act": "1336/1997", "section": "2 luku 10 §" } }),
            ),
            at: At::Last("registers", "medieco/customer-service", "purposes"),
            change: ("description", json!({ "fi": "Laskutus ja perintä" })),
            clear: Some(("legalBasis", Value::Null)),
            upsert: None,
        },
        Case {
            name: "DataSource",
            field: "dataSource",
            create: on_register(
                json!({ "kind": "DATA_SUBJECT", "description": { "fi": "Asiakkaalta itseltään" } }),
            ),
            at: At::Last("registers", "medieco/customer-service", "sources"),
            change: ("description", json!({ "fi": "Asiakkaalta" })),
            clear: None,
            upsert: None,
        },
        Case {
            name: "Recipient",
            field: "recipient",
            create: on_register(
                json!({ "organization": "pinja", "description": { "fi": "Tilitoimisto" }, "hedge": "POSSIBLY" }),
            ),
            at: At::Last("registers", "medieco/customer-service", "recipients"),
            change: ("description", json!({ "fi": "Kirjanpitäjä" })),
            clear: Some(("organization", Value::Null)),
            upsert: None,
        },
        Case {
            name: "RetentionRule",
            field: "retentionRule",
            create: on_register(
                json!({ "amount": 6, "unit": "YEAR", "trigger": { "fi": "tilikauden päättymisestä" },
                "exceptions": { "fi": "kesken olevat riidat" }, "atTheLatest": true, "disposal": "YEARLY",
                "law": { "act": "1336/1997", "section": "2 luku 10 §" } }),
            ),
            at: At::Last("registers", "medieco/customer-service", "retentionRules"),
            change: ("amount", json!(10)),
            clear: Some(("exceptions", Value::Null)),
            upsert: None,
        },
        Case {
            name: "SecurityMeasure",
            field: "securityMeasure",
            create: on_register(
                json!({ "kind": "ORGANISATIONAL", "material": "ELECTRONIC", "description": { "fi": "Käyttöoikeudet" } }),
            ),
            at: At::Last("registers", "medieco/customer-service", "securityMeasures"),
            change: (
                "description",
                json!({ "fi": "Käyttöoikeudet tarkistetaan" }),
            ),
            clear: Some(("material", Value::Null)),
            upsert: None,
        },
        Case {
            name: "ProcessorEngagement",
            field: "processorEngagement",
            create: on_register(
                json!({ "externalId": "pt-engagement", "processor": "pinja", "service": { "fi": "Ylläpito" },
                "processingCountries": ["FI"], "contractDate": "2023-05-01", "contractReference": "S-1",
                "hedge": "FOR_EXAMPLE" }),
            ),
            at: At::Keyed(
                "registers",
                "medieco/customer-service",
                "processors",
                "pt-engagement",
            ),
            change: ("service", json!({ "fi": "Ylläpito ja tuki" })),
            clear: Some(("contractReference", Value::Null)),
            upsert: Some((
                json!({ "register": "medieco/customer-service", "externalId": "pt-engagement" }),
                "contractDate",
                json!("2024-01-01"),
            )),
        },
        Case {
            name: "Transfer",
            field: "transfer",
            create: on_register(
                json!({ "externalId": "pt-transfer", "recipient": "pinja", "destinationCountry": "US",
                "mechanism": "STANDARD_CONTRACTUAL_CLAUSES", "sccVersion": "SCC_2021", "hedge": "POSSIBLY",
                "safeguardReference": "SCC 2021/914", "signedOn": "2023-05-01",
                "description": { "fi": "Tukipalvelu Yhdysvalloista" } }),
            ),
            at: At::Keyed(
                "registers",
                "medieco/customer-service",
                "transfers",
                "pt-transfer",
            ),
            change: ("safeguardReference", json!("SCC 2021/914 moduuli 2")),
            clear: Some(("signedOn", Value::Null)),
            upsert: Some((
                json!({ "register": "medieco/customer-service", "externalId": "pt-transfer" }),
                "validTo",
                json!("2027-12-31"),
            )),
        },
    ]
}

both_databases!(
    updates_and_upserts_change_only_what_they_name,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let register = app
            .data(
                "{ registers(filter: { externalId: \"medieco/customer-service\" }) { nodes { id } } }",
                json!({}),
            )
            .await["registers"]["nodes"][0]["id"]
            .clone();
        let mut organization = Value::Null;
        let mut covered = Vec::new();
        for case in cases(&register) {
            let case = if case.name == "Contact" {
                // The contact goes under the organization the first case made.
                Case {
                    create: merged(case.create, json!({ "organizationId": organization })),
                    ..case
                }
            } else {
                case
            };
            let (id, mut version) = write(&app, "create", &case, case.create.clone()).await;
            if case.name == "Organization" {
                organization = id.clone();
            }

            let before = snapshot(&app).await;
            let (field, value) = &case.change;
            let input = json!({ "id": id, "version": version, (*field): value });
            version = write(&app, "update", &case, input).await.1;
            let mut expected = before;
            locate(&mut expected, case.at)[*field] = value.clone();
            assert_eq!(
                snapshot(&app).await,
                expected,
                "{}: update {field}",
                case.name
            );

            if let Some((field, exported)) = &case.clear {
                let input = json!({ "id": id, "version": version, (*field): null });
                version = write(&app, "update", &case, input).await.1;
                locate(&mut expected, case.at)[*field] = exported.clone();
                assert_eq!(
                    snapshot(&app).await,
                    expected,
                    "{}: clear {field}",
                    case.name
                );
            }

            if let Some((keys, field, value)) = &case.upsert {
                let input = merged(keys.clone(), json!({ (*field): value }));
                let upserted = write(&app, "upsert", &case, input).await;
                assert_eq!(upserted, (id.clone(), version + 1), "{}: upsert", case.name);
                locate(&mut expected, case.at)[*field] = value.clone();
                assert_eq!(
                    snapshot(&app).await,
                    expected,
                    "{}: upsert {field}",
                    case.name
                );
            }
            covered.push(case.name);
        }
        // Every type with an update mutation is covered.
        let schema = app
            .data(
                "{ __schema { mutationType { fields { name } } } }",
                json!({}),
            )
            .await;
        let updates: Vec<String> = schema["__schema"]["mutationType"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| {
                f["name"]
                    .as_str()?
                    .strip_prefix("update")
                    .map(str::to_owned)
            })
            .collect();
        for name in &updates {
            assert!(
                covered.contains(&name.as_str()),
                "update{name} has no partial-update case"
            );
        }
        app.cleanup().await;
    }
);

both_databases!(
    a_required_field_cannot_be_cleared_and_an_upsert_creates_only_with_it,
    |backend| async move {
        let app = TestApp::with_demo(backend).await.unwrap();
        let before = app.snapshot().await;
        let org = app
            .data(
                "{ organizations(filter: { externalId: \"pinja\" }) { nodes { id version } } }",
                json!({}),
            )
            .await["organizations"]["nodes"][0]
            .clone();
        let cleared = app
            .data(
                "mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } userErrors { field code } } }",
                json!({ "input": { "id": org["id"], "version": org["version"], "name": null, "externalId": null } }),
            )
            .await;
        assert_eq!(
            cleared["updateOrganization"]["userErrors"],
            json!([
                { "field": ["input", "externalId"], "code": "REQUIRED" },
                { "field": ["input", "name"], "code": "REQUIRED" }
            ])
        );
        let created = app
            .data(
                "mutation { upsertOrganization(input: { externalId: \"pt-new\", country: \"FI\" }) { created organization { id } userErrors { field code } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            created["upsertOrganization"],
            json!({ "created": false, "organization": null,
                    "userErrors": [{ "field": ["input", "name"], "code": "REQUIRED" }] })
        );
        assert_eq!(app.snapshot().await, before, "nothing was written");
        app.cleanup().await;
    }
);
