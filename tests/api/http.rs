//! The HTTP surface: health, GraphiQL, and what the endpoint refuses.

use serde_json::json;

use crate::helpers::{Backend, TestApp};

#[tokio::test]
async fn endpoint_rules() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let get = |path: &str| app.client.get(app.url(path)).bearer_auth(&app.token).send();
    assert_eq!(get("/healthz").await.unwrap().status(), 200);
    assert_eq!(get("/readyz").await.unwrap().status(), 200);
    assert!(
        get("/graphiql")
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("graphiql")
    );

    let query = get("/graphql?query=%7B%20organizations%20%7B%20totalCount%20%7D%20%7D")
        .await
        .unwrap();
    assert_eq!(query.status(), 200);
    assert_eq!(
        query.json::<serde_json::Value>().await.unwrap()["data"]["organizations"]["totalCount"],
        0
    );
    let mutation = get("/graphql?query=mutation%20%7B%20deleteOrganization(input%3A%7Bid%3A%22x%22%7D)%20%7B%20deletedId%20%7D%20%7D").await.unwrap();
    assert_eq!(mutation.status(), 405, "no mutation over GET");

    let batch = app
        .client
        .post(app.url("/graphql"))
        .bearer_auth(&app.token)
        .json(&json!([{ "query": "{ __typename }" }]))
        .send()
        .await
        .unwrap();
    assert_eq!(batch.status(), 400, "no batches");
    let broken = app
        .client
        .post(app.url("/graphql"))
        .bearer_auth(&app.token)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    let id = app
        .client
        .post(app.url("/graphql"))
        .bearer_auth(&app.token)
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert!(
        id.headers().contains_key("x-request-id"),
        "every response carries a request id"
    );

    // GraphQL over HTTP: with application/graphql-response+json a request error is a 400.
    let post = |body: serde_json::Value, accept: &'static str| {
        app.client
            .post(app.url("/graphql"))
            .bearer_auth(&app.token)
            .header("accept", accept)
            .json(&body)
            .send()
    };
    let invalid = post(
        json!({ "query": "{ noSuchField }" }),
        "application/graphql-response+json",
    )
    .await
    .unwrap();
    assert_eq!(invalid.status(), 400);
    assert_eq!(
        invalid.headers()["content-type"],
        "application/graphql-response+json"
    );
    let legacy = post(json!({ "query": "{ noSuchField }" }), "application/json")
        .await
        .unwrap();
    assert_eq!(legacy.status(), 200, "application/json clients keep 200");
    let fine = post(
        json!({ "query": "{ __typename }" }),
        "application/graphql-response+json",
    )
    .await
    .unwrap();
    assert_eq!(fine.status(), 200);
    let html_only = post(json!({ "query": "{ __typename }" }), "text/html")
        .await
        .unwrap();
    assert_eq!(html_only.status(), 406);

    // Aliases cannot multiply a field without bound.
    let many: String = (0..51).map(|i| format!("a{i}: __typename ")).collect();
    let aliased = post(
        json!({ "query": format!("{{ {many} }}") }),
        "application/json",
    )
    .await
    .unwrap();
    assert_eq!(aliased.status(), 400);
    let fifty: String = (0..50).map(|i| format!("a{i}: __typename ")).collect();
    assert_eq!(
        post(
            json!({ "query": format!("{{ {fifty} }}") }),
            "application/json"
        )
        .await
        .unwrap()
        .status(),
        200
    );
}

/// Slowloris: a connection that does not finish its request head within the
/// header timeout is closed, while whole requests are answered as before.
#[tokio::test]
async fn unfinished_request_heads_are_cut_off() {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    let limits = ropagraph::http::Limits {
        header_read_timeout: Duration::from_millis(300),
        ..Default::default()
    };
    tokio::spawn(ropagraph::http::serve(
        listener,
        app,
        limits,
        std::future::pending(),
    ));

    let mut whole = tokio::net::TcpStream::connect(address).await.unwrap();
    whole
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    whole.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("ok"), "{answer}");

    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: ").await.unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the connection is still open after 5 s");
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "closed only when the timeout passed ({:?})",
        started.elapsed()
    );
    assert!(
        !String::from_utf8_lossy(&rest).contains("200 OK"),
        "an unfinished request is not answered"
    );

    // An idle connection that never sends a byte is closed too.
    let mut idle = tokio::net::TcpStream::connect(address).await.unwrap();
    let closed = tokio::time::timeout(Duration::from_secs(5), idle.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "an idle connection is still open after 5 s");
}

/// What browsers render (GraphiQL, the public notice pages) carries a
/// Content-Security-Policy, nosniff, no referrer and no framing; GraphiQL's
/// policy admits exactly what the page loads: its scripts and styles from
/// unpkg, its one inline script by hash, its favicon, and /graphql.
#[tokio::test]
async fn browser_pages_carry_security_headers() {
    let app = TestApp::with_demo(Backend::Sqlite).await.unwrap();
    let slug = "opintori-verkko-ohjauspalvelu";
    let registers = app
        .data("{ registers(first: 100) { nodes { id slug } } }", json!({}))
        .await;
    let id = registers["registers"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == slug)
        .map(|r| r["id"].clone())
        .unwrap();
    app.data(
        "mutation($id: ID!) { publishNotice(input: { registerId: $id, language: FI }) { created } }",
        json!({ "id": id }),
    )
    .await;

    let directives = |csp: &str| -> std::collections::HashMap<String, Vec<String>> {
        csp.split(';')
            .filter_map(|d| {
                let mut words = d.split_whitespace().map(str::to_owned);
                Some((words.next()?, words.collect()))
            })
            .collect()
    };
    let paths = [
        "/graphiql".to_owned(),
        format!("/notices/{slug}"),
        format!("/notices/{slug}.md"),
        format!("/notices/{slug}.txt"),
        "/notices/no-such-register".to_owned(),
    ];
    for path in &paths {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let headers = response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{path} has no {name}"))
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        let csp = directives(&header("content-security-policy"));
        assert_eq!(csp["default-src"], ["'none'"], "{path}");
        assert_eq!(csp["frame-ancestors"], ["'none'"], "{path}");
        assert_eq!(csp["base-uri"], ["'none'"], "{path}");
        if path == "/graphiql" {
            let page = response.text().await.unwrap();
            let scripts = &csp["script-src"];
            assert!(
                scripts.contains(&"https://unpkg.com".to_owned()),
                "{scripts:?}"
            );
            assert!(
                !scripts.contains(&"'unsafe-inline'".to_owned()),
                "{scripts:?}"
            );
            assert!(
                !scripts.contains(&"'unsafe-eval'".to_owned()),
                "{scripts:?}"
            );
            // Every script the page names comes from an allowed origin, and
            // its inline script has its hash in the policy.
            for src in page.split("src=\"").skip(1) {
                let src = src.split('"').next().unwrap();
                assert!(src.starts_with("https://unpkg.com/"), "{src}");
            }
            let inline = page
                .split("<script>")
                .nth(1)
                .and_then(|s| s.split("</script>").next())
                .unwrap();
            use base64::Engine;
            use sha2::Digest;
            let hash = format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(inline))
            );
            assert!(scripts.contains(&hash), "{hash} not in {scripts:?}");
            assert!(csp["style-src"].contains(&"https://unpkg.com".to_owned()));
            assert_eq!(csp["connect-src"], ["'self'"]);
            assert!(csp["img-src"].contains(&"https://graphql.org".to_owned()));
        } else {
            assert!(!csp.contains_key("script-src"), "{path}: no scripts at all");
        }
    }
}
