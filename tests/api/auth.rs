//! Who may call: local mode's admin token, and JWT access tokens from an
//! OpenID Connect issuer served on loopback with test keys.

use std::{
    sync::{Arc, Mutex},
    time::{SystemTime, UNIX_EPOCH},
};

use axum::{Json, Router, routing::get};
use jsonwebtoken::{
    Algorithm, EncodingKey, Header, encode,
    jwk::{Jwk, JwkSet},
};
use ropagraph::auth::{
    Authenticator, IntrospectionConfig, Introspector, JwtConfig, JwtValidator, Remote,
};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};

pub(crate) const AUDIENCE: &str = "ropagraph-api";

fn rsa() -> EncodingKey {
    EncodingKey::from_rsa_pem(include_bytes!("../keys/test-rsa.pem")).unwrap()
}

fn ec() -> EncodingKey {
    EncodingKey::from_ec_pem(include_bytes!("../keys/test-ec.pem")).unwrap()
}

fn jwk(key: &EncodingKey, alg: Algorithm, kid: &str) -> Jwk {
    let mut jwk = Jwk::from_encoding_key(key, alg).unwrap();
    jwk.common.key_id = Some(kid.to_owned());
    jwk
}

/// A loopback issuer whose published keys the test can change (key rotation).
pub(crate) struct Issuer {
    pub(crate) url: String,
    keys: Arc<Mutex<Vec<Jwk>>>,
    fetches: Arc<Mutex<usize>>,
}

pub(crate) async fn issuer() -> Issuer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let keys = Arc::new(Mutex::new(vec![jwk(&rsa(), Algorithm::RS256, "rsa-1")]));
    let fetches = Arc::new(Mutex::new(0));
    let (discovery_url, served, counter) = (url.clone(), keys.clone(), fetches.clone());
    let app = Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(move || {
                let url = discovery_url.clone();
                async move { Json(json!({ "issuer": url, "jwks_uri": format!("{url}/jwks") })) }
            }),
        )
        .route(
            "/jwks",
            get(move || {
                *counter.lock().unwrap() += 1;
                let keys = served.lock().unwrap().clone();
                async move { Json(JwkSet { keys }) }
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Issuer { url, keys, fetches }
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

pub(crate) fn token(issuer: &str, scope: &str, extra: Value) -> String {
    let mut claims = json!({ "iss": issuer, "aud": AUDIENCE, "sub": "client:sync-script", "client_id": "sync-script",
        "scope": scope, "iat": now(), "exp": now() + 300 });
    if let (Some(claims), Some(extra)) = (claims.as_object_mut(), extra.as_object()) {
        claims.extend(extra.clone());
    }
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    encode(&header, &claims, &rsa()).unwrap()
}

/// Checks JWTs from `issuer`, with the test audience and claim.
pub(crate) fn jwt_authenticator(issuer: &Issuer) -> Authenticator {
    let validator = JwtValidator::new(JwtConfig {
        issuer: issuer.url.clone(),
        audience: AUDIENCE.into(),
        controllers_claim: "ropa_controllers".into(),
        refresh_cooldown: std::time::Duration::from_millis(200),
    })
    .unwrap();
    Authenticator::Remote(Arc::new(Remote {
        jwt: Some(validator),
        introspection: None,
    }))
}

async fn app_with_issuer(issuer: &Issuer) -> TestApp {
    TestApp::spawn_with(Backend::Sqlite, jwt_authenticator(issuer), "unused")
        .await
        .unwrap()
}

async fn call(app: &TestApp, token: Option<&str>, query: &str) -> (u16, Option<String>, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    (
        status,
        challenge,
        response.json().await.unwrap_or(Value::Null),
    )
}

const READ: &str = "{ organizations { totalCount } }";
const WRITE: &str =
    "mutation { createOrganization(input: { name: \"Acme Oy\" }) { organization { id } } }";

#[tokio::test]
async fn local_mode_needs_its_admin_token() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let (status, challenge, body) = call(&app, None, READ).await;
    assert_eq!(status, 401);
    assert_eq!(challenge.as_deref(), Some("Bearer realm=\"ropagraph\""));
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let (status, challenge, _) = call(&app, Some("wrong-token"), READ).await;
    assert_eq!(status, 401);
    assert!(challenge.unwrap().contains("error=\"invalid_token\""));
    let (status, _, body) = call(&app, Some(crate::helpers::ADMIN_TOKEN), READ).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["organizations"]["totalCount"], 0);
    // Introspection too is for authenticated callers only.
    let (status, _, _) = call(&app, None, "{ __schema { queryType { name } } }").await;
    assert_eq!(status, 401);
    // The public notice pages need no token.
    let page = app
        .client
        .get(app.url("/notices/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
}

#[tokio::test]
async fn jwt_scopes_decide_what_a_caller_may_do() {
    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    let reader = token(&issuer.url, "openid ropa:read", json!({}));
    let writer = token(&issuer.url, "ropa:write", json!({}));
    let admin = token(&issuer.url, "ropa:admin", json!({}));

    assert_eq!(
        call(&app, Some(&reader), READ).await.2["data"]["organizations"]["totalCount"],
        0
    );
    let (status, _, body) = call(&app, Some(&reader), WRITE).await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (200, json!("FORBIDDEN"))
    );
    let created = call(&app, Some(&writer), WRITE).await.2;
    assert!(
        created["data"]["createOrganization"]["organization"]["id"].is_string(),
        "{created}"
    );
    let nobody = token(&issuer.url, "openid profile", json!({}));
    assert_eq!(
        call(&app, Some(&nobody), READ).await.2["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );

    // Publishing needs ropa:admin.
    let register =
        "mutation { publishNotice(input: { registerId: \"UmVnaXN0ZXI6MQ\" }) { created } }";
    assert_eq!(
        call(&app, Some(&writer), register).await.2["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );
    let as_admin = call(&app, Some(&admin), register).await.2;
    assert!(as_admin.get("errors").is_none(), "{as_admin}");
}

#[tokio::test]
async fn bad_tokens_are_refused() {
    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    let cases = [
        (
            "expired",
            token(&issuer.url, "ropa:admin", json!({ "exp": now() - 3600 })),
        ),
        (
            "wrong audience",
            token(&issuer.url, "ropa:admin", json!({ "aud": "someone-else" })),
        ),
        (
            "wrong issuer",
            token(
                &issuer.url,
                "ropa:admin",
                json!({ "iss": "https://evil.example" }),
            ),
        ),
        (
            "a malformed controllers claim",
            token(
                &issuer.url,
                "ropa:admin",
                json!({ "ropa_controllers": { "medieco": true } }),
            ),
        ),
        ("not a JWT", "abc.def".to_owned()),
    ];
    for (what, bad) in cases {
        let (status, challenge, _) = call(&app, Some(&bad), READ).await;
        assert_eq!(status, 401, "{what}");
        assert!(
            challenge.unwrap_or_default().contains("invalid_token"),
            "{what}"
        );
    }
    // Tampered: the payload changed after signing.
    let good = token(&issuer.url, "ropa:read", json!({}));
    let parts: Vec<&str> = good.split('.').collect();
    let forged_claims = base64_url(&json!({ "iss": issuer.url, "aud": AUDIENCE, "sub": "x", "scope": "ropa:admin", "exp": now() + 300 }).to_string());
    let tampered = format!("{}.{}.{}", parts[0], forged_claims, parts[2]);
    assert_eq!(call(&app, Some(&tampered), READ).await.0, 401);
    // Signed with a symmetric key (HS256): never accepted.
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("rsa-1".into());
    let hs = encode(&header, &json!({ "iss": issuer.url, "aud": AUDIENCE, "sub": "x", "scope": "ropa:admin", "exp": now() + 300 }), &EncodingKey::from_secret(b"k")).unwrap();
    assert_eq!(call(&app, Some(&hs), READ).await.0, 401);
}

#[tokio::test]
async fn a_new_key_is_fetched_once_per_cooldown() {
    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    assert_eq!(
        call(
            &app,
            Some(&token(&issuer.url, "ropa:read", json!({}))),
            READ
        )
        .await
        .0,
        200
    );
    let fetched = *issuer.fetches.lock().unwrap();
    // The issuer rotates to an EC key: tokens with the new kid trigger one refresh.
    issuer
        .keys
        .lock()
        .unwrap()
        .push(jwk(&ec(), Algorithm::ES256, "ec-2"));
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some("ec-2".into());
    let claims = json!({ "iss": issuer.url, "aud": AUDIENCE, "sub": "x", "scope": "ropa:read", "exp": now() + 300 });
    let rotated = encode(&header, &claims, &ec()).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    assert_eq!(call(&app, Some(&rotated), READ).await.0, 200);
    assert_eq!(*issuer.fetches.lock().unwrap(), fetched + 1);
    // A burst of unknown key ids does not make the server hammer the issuer.
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some("unknown".into());
    let unknown = encode(&header, &claims, &ec()).unwrap();
    for _ in 0..5 {
        assert_eq!(call(&app, Some(&unknown), READ).await.0, 401);
    }
    assert!(
        *issuer.fetches.lock().unwrap() <= fetched + 2,
        "at most one more fetch within the cooldown"
    );
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

/// An RFC 7662 endpoint on loopback: `opaque-reader` is active with
/// ropa:read, `opaque-limited` is limited to a controller, `opaque-malformed`
/// carries a controllers claim that is not a list, `opaque-for-anyone` names
/// no audience, anything else is
/// inactive. It insists on the client's credentials and counts its calls.
async fn introspection_endpoint() -> (String, Arc<Mutex<usize>>) {
    use axum::{http::HeaderMap, routing::post};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/introspect", listener.local_addr().unwrap());
    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    let app = Router::new().route(
        "/introspect",
        post(move |headers: HeaderMap, body: String| {
            *counter.lock().unwrap() += 1;
            async move {
                let expected = format!("Basic {}", base64_std("ropagraph:s3cret"));
                if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
                    return (axum::http::StatusCode::UNAUTHORIZED, Json(json!({ "error": "invalid_client" })));
                }
                // Like many servers, it refuses a form body of more than 8 KB.
                if body.len() > 8 * 1024 {
                    return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, Json(json!({ "error": "invalid_request" })));
                }
                let token = body.split('&').find_map(|p| p.strip_prefix("token=")).unwrap_or_default().to_owned();
                let answer = match token.as_str() {
                    "opaque-reader" => json!({ "active": true, "scope": "ropa:read", "client_id": "dashboard", "sub": "dashboard", "aud": AUDIENCE, "exp": now() + 600 }),
                    "opaque-malformed" => json!({ "active": true, "scope": "ropa:read", "sub": "x", "aud": AUDIENCE, "exp": now() + 600, "ropa_controllers": 5 }),
                    "opaque-limited" => json!({ "active": true, "scope": "ropa:read", "sub": "x", "aud": AUDIENCE, "exp": now() + 600, "ropa_controllers": ["medieco"] }),
                    "opaque-for-anyone" => json!({ "active": true, "scope": "ropa:read", "sub": "x", "exp": now() + 600 }),
                    "opaque-elsewhere" => json!({ "active": true, "scope": "ropa:read", "sub": "x", "aud": "another-api", "exp": now() + 600 }),
                    _ => json!({ "active": false }),
                };
                (axum::http::StatusCode::OK, Json(answer))
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, calls)
}

fn base64_std(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn opaque_tokens_are_introspected_and_cached() {
    let (url, calls) = introspection_endpoint().await;
    let introspector = Introspector::new(IntrospectionConfig {
        url,
        client_id: "ropagraph".into(),
        client_secret: "s3cret".into(),
        audience: Some(AUDIENCE.into()),
        controllers_claim: "ropa_controllers".into(),
        cache_cap: std::time::Duration::from_secs(60),
    })
    .unwrap();
    let remote = Remote {
        jwt: None,
        introspection: Some(introspector),
    };
    let app = TestApp::spawn_with(
        Backend::Sqlite,
        Authenticator::Remote(Arc::new(remote)),
        "unused",
    )
    .await
    .unwrap();
    assert_eq!(call(&app, Some("opaque-reader"), READ).await.0, 200);
    assert_eq!(call(&app, Some("opaque-reader"), READ).await.0, 200);
    assert_eq!(*calls.lock().unwrap(), 1, "a positive answer is cached");
    assert_eq!(
        call(&app, Some("opaque-reader"), WRITE).await.2["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );
    // A limited token sees only its controllers' part (none here).
    let (status, _, body) = call(&app, Some("opaque-limited"), READ).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["organizations"]["totalCount"], 0);
    for refused in [
        "opaque-unknown",
        "opaque-malformed",
        "opaque-elsewhere",
        "opaque-for-anyone",
    ] {
        assert_eq!(call(&app, Some(refused), READ).await.0, 401, "{refused}");
    }
}

/// GraphQL over HTTP: a caller without a scope gets a well-formed response
/// in the media type it accepts, not a request error.
#[tokio::test]
async fn forbidden_answers_in_the_accepted_media_type() {
    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    let reader = token(&issuer.url, "ropa:read", json!({}));
    let writer = token(&issuer.url, "ropa:write", json!({}));
    let ask = |token: String, query: &'static str| {
        let request = app
            .client
            .post(app.url("/graphql"))
            .header("accept", "application/graphql-response+json")
            .bearer_auth(token)
            .json(&json!({ "query": query }));
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let media = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            (status, media, response.json::<Value>().await.unwrap())
        }
    };
    // The operation needs a scope the token lacks.
    let (status, media, body) = ask(reader, WRITE).await;
    assert_eq!(
        (status, media.as_str()),
        (200, "application/graphql-response+json")
    );
    assert_eq!(body["data"], Value::Null);
    assert!(body.as_object().unwrap().contains_key("data"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    // A root field needs a scope the token lacks: an execution error.
    let (status, _, body) = ask(writer, "{ auditEvents(last: 1) { totalCount } }").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.as_object().unwrap().contains_key("data"), "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["auditEvents"]));
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

/// `nbf` and an `iat` in the future get the same leeway as `exp` (30 s), no
/// more: a token that is not valid yet, or says it was issued later than
/// now, is refused (RFC 7519 § 4.1.5–6).
#[tokio::test]
async fn not_before_and_issued_at_are_checked_with_leeway() {
    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    let cases = [
        ("not valid for an hour", json!({ "nbf": now() + 3600 }), 401),
        ("valid in ten seconds", json!({ "nbf": now() + 10 }), 200),
        ("valid since a minute", json!({ "nbf": now() - 60 }), 200),
        ("issued in an hour", json!({ "iat": now() + 3600 }), 401),
        ("issued in ten seconds", json!({ "iat": now() + 10 }), 200),
        ("issued at no time", json!({ "iat": "yesterday" }), 401),
    ];
    for (what, claims, expected) in cases {
        let (status, challenge, _) =
            call(&app, Some(&token(&issuer.url, "ropa:read", claims)), READ).await;
        assert_eq!(status, expected, "{what}");
        if expected == 401 {
            assert!(
                challenge.unwrap_or_default().contains("invalid_token"),
                "{what}"
            );
        }
    }
}

/// Log lines written while `capture_logs`' guard is held (by this thread,
/// which runs the test's server too: `#[tokio::test]` is single-threaded).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// The guards to hold while capturing. A second, silent dispatcher stays
/// alive beside the capturing one: with exactly one registered, tracing-core
/// lets a callsite first hit on another test's thread (no subscriber there)
/// cache "never" for every thread, and this test would see nothing.
fn capture_logs() -> (
    Captured,
    (tracing::dispatcher::DefaultGuard, tracing::Dispatch),
) {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let silent = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let guard = tracing::dispatcher::set_default(&tracing::Dispatch::new(subscriber));
    (captured, (guard, silent))
}

/// A key id is the caller's text: a newline or a terminal escape in it must
/// not forge a log line nor colour the operator's terminal, and the 401 still
/// carries its challenge (a header value cannot hold control characters).
#[tokio::test]
async fn control_characters_in_a_token_header_are_escaped() {
    let (logs, _guard) = capture_logs();
    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("evil\n2026-12-02T08:00:00Z  INFO forged line\r\x1b[31mred\x07".into());
    let claims = json!({ "iss": issuer.url, "aud": AUDIENCE, "sub": "x", "scope": "ropa:read", "exp": now() + 300 });
    let forged = encode(&header, &claims, &rsa()).unwrap();
    let (status, challenge, body) = call(&app, Some(&forged), READ).await;
    assert_eq!(status, 401);
    let challenge = challenge.expect("a 401 carries WWW-Authenticate");
    assert!(
        challenge.starts_with("Bearer realm=\"ropagraph\", error=\"invalid_token\""),
        "{challenge}"
    );
    assert!(
        challenge.bytes().all(|b| (0x20..0x7f).contains(&b)),
        "{challenge}"
    );
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let text = logs.text();
    assert!(text.contains("request not authenticated"), "{text}");
    assert!(text.contains("evil\\n"), "the newline is escaped: {text}");
    for raw in ["evil\n", "line\r", "\x1b", "\x07"] {
        assert!(!text.contains(raw), "{raw:?} reached the log: {text}");
    }
}

/// An introspection client for the loopback endpoint, trusting answers for `cache_cap`.
async fn app_with_introspection(url: String, cache_cap: std::time::Duration) -> TestApp {
    let introspector = Introspector::new(IntrospectionConfig {
        url,
        client_id: "ropagraph".into(),
        client_secret: "s3cret".into(),
        audience: Some(AUDIENCE.into()),
        controllers_claim: "ropa_controllers".into(),
        cache_cap,
    })
    .unwrap();
    let remote = Remote {
        jwt: None,
        introspection: Some(introspector),
    };
    TestApp::spawn_with(
        Backend::Sqlite,
        Authenticator::Remote(Arc::new(remote)),
        "unused",
    )
    .await
    .unwrap()
}

/// A token of more than 8 KB is no token anyone issues: it is refused as
/// invalid (401 with the challenge) before any issuer or introspection
/// endpoint is asked, never 503 or 431.
#[tokio::test]
async fn an_oversized_token_is_refused_without_asking_anyone() {
    let huge = "a".repeat(16 * 1024);
    let refused = |(status, challenge, _): (u16, Option<String>, Value)| {
        assert_eq!(status, 401);
        let challenge = challenge.expect("WWW-Authenticate");
        assert!(
            challenge.starts_with("Bearer realm=\"ropagraph\", error=\"invalid_token\""),
            "{challenge}"
        );
    };

    let (url, calls) = introspection_endpoint().await;
    let app = app_with_introspection(url, std::time::Duration::from_secs(10)).await;
    refused(call(&app, Some(&huge), READ).await);
    assert_eq!(*calls.lock().unwrap(), 0, "the endpoint is not asked");

    let issuer = issuer().await;
    let app = app_with_issuer(&issuer).await;
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(huge.clone());
    let claims = json!({ "iss": issuer.url, "aud": AUDIENCE, "sub": "x", "scope": "ropa:read", "exp": now() + 300 });
    let big_jwt = encode(&header, &claims, &rsa()).unwrap();
    let fetched = *issuer.fetches.lock().unwrap();
    refused(call(&app, Some(&big_jwt), READ).await);
    assert_eq!(*issuer.fetches.lock().unwrap(), fetched, "no key refresh");

    let local = TestApp::spawn(Backend::Sqlite).await.unwrap();
    refused(call(&local, Some(&huge), READ).await);
}

/// A flood of the same refused token asks the introspection endpoint once
/// per few seconds, not once per request; answers, good or bad, are trusted
/// no longer than the configured cap.
#[tokio::test]
async fn refused_opaque_tokens_are_remembered_briefly() {
    let (url, calls) = introspection_endpoint().await;
    let count = || *calls.lock().unwrap();
    let app = app_with_introspection(url.clone(), std::time::Duration::from_secs(10)).await;
    for _ in 0..20 {
        let (status, challenge, _) = call(&app, Some("opaque-unknown"), READ).await;
        assert_eq!(status, 401);
        assert!(challenge.unwrap_or_default().contains("invalid_token"));
    }
    assert_eq!(count(), 1, "an inactive answer is remembered");
    for _ in 0..3 {
        assert_eq!(call(&app, Some("opaque-elsewhere"), READ).await.0, 401);
    }
    assert_eq!(count(), 2, "so is a token for another audience");
    assert_eq!(call(&app, Some("opaque-reader"), READ).await.0, 200);
    assert_eq!(
        count(),
        3,
        "a good token is not refused by the bad ones' cache"
    );

    // With a short cap both kinds of answer are asked again once it passes.
    let (url, calls) = introspection_endpoint().await;
    let count = || *calls.lock().unwrap();
    let app = app_with_introspection(url, std::time::Duration::from_millis(300)).await;
    assert_eq!(call(&app, Some("opaque-reader"), READ).await.0, 200);
    assert_eq!(call(&app, Some("opaque-unknown"), READ).await.0, 401);
    assert_eq!(call(&app, Some("opaque-reader"), READ).await.0, 200);
    assert_eq!(call(&app, Some("opaque-unknown"), READ).await.0, 401);
    assert_eq!(count(), 2);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(call(&app, Some("opaque-reader"), READ).await.0, 200);
    assert_eq!(call(&app, Some("opaque-unknown"), READ).await.0, 401);
    assert_eq!(count(), 4);
}
