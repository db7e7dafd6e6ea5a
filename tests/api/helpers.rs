//! Test harness: a real server on a loopback port, over a fresh database
//! (a temporary SQLite file, or a new PostgreSQL database per test).

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use ropagraph::{
    AppState,
    auth::{Authenticator, LocalToken},
    build_app, db,
    http::Limits,
};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};

/// The local admin token every test server accepts.
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: SocketAddr,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    /// SQL statements executed so far through `db`.
    pub statements: Arc<AtomicUsize>,
    /// The bearer token `graphql` and `data` send.
    pub token: String,
    /// The server's graph in memory, to compare with one loaded whole.
    pub live: Arc<ropagraph::graph::Live>,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

/// The PostgreSQL server tests run against, or `None` to skip them. With
/// `REQUIRE_POSTGRES` set (as CI does) a missing URL fails the test instead.
pub fn postgres_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("REQUIRE_POSTGRES").is_err(),
                "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
            );
            None
        }
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

impl TestApp {
    /// A server over an empty, migrated database; `None` when the backend is not available.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let token = LocalToken::new(secrecy::SecretString::from(ADMIN_TOKEN));
        Self::spawn_with(backend, Authenticator::Local(token), ADMIN_TOKEN).await
    }

    /// A server whose tokens are checked by `auth`; `token` is the one to send.
    pub async fn spawn_with(backend: Backend, auth: Authenticator, token: &str) -> Option<TestApp> {
        Self::spawn_full(backend, auth, token, 0).await
    }

    /// Like `with_demo`, with a response cache of `bytes`.
    pub async fn with_demo_cached(backend: Backend, bytes: u64) -> Option<TestApp> {
        let token = LocalToken::new(secrecy::SecretString::from(ADMIN_TOKEN));
        let app =
            Self::spawn_full(backend, Authenticator::Local(token), ADMIN_TOKEN, bytes).await?;
        ropagraph::demo::load_if_empty(&app.db)
            .await
            .expect("demo data loads");
        Some(app)
    }

    async fn spawn_full(
        backend: Backend,
        auth: Authenticator,
        token: &str,
        cache_bytes: u64,
    ) -> Option<TestApp> {
        let (url, dir, pg_name) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                (url, Some(dir), None)
            }
            Backend::Postgres => {
                let admin_url = postgres_url()?;
                let name = format!("ropagraph_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                (with_database(&admin_url, &name), None, Some(name))
            }
        };
        let mut db = db::connect(&url).await.expect("connect");
        db::migrate(&db).await.expect("migrate");
        let statements = Arc::new(AtomicUsize::new(0));
        let counter = statements.clone();
        let print = std::env::var("PRINT_SQL").is_ok();
        db.set_metric_callback(move |info| {
            if print {
                eprintln!(
                    "SQL {}",
                    info.statement.sql.chars().take(120).collect::<String>()
                );
            }
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let state = AppState::load(db.clone(), auth)
            .await
            .expect("load the graph")
            .with_response_cache(cache_bytes);
        let live = state.live.clone();
        let address = serve(state).await;
        Some(TestApp {
            address,
            db,
            client: reqwest::Client::new(),
            statements,
            token: token.to_owned(),
            live,
            _dir: dir,
            pg_name,
        })
    }

    /// Another server over the same database (for SQLite the same file),
    /// with its own graph in memory and its own port, accepting the local
    /// admin token: what a second replica is. The database stays this one's
    /// to drop.
    pub async fn second_server(&self) -> TestApp {
        let token = LocalToken::new(secrecy::SecretString::from(ADMIN_TOKEN));
        let state = AppState::load(self.db.clone(), Authenticator::Local(token))
            .await
            .expect("load the graph");
        let live = state.live.clone();
        TestApp {
            address: serve(state).await,
            db: self.db.clone(),
            client: reqwest::Client::new(),
            statements: self.statements.clone(),
            token: ADMIN_TOKEN.to_owned(),
            live,
            _dir: None,
            pg_name: None,
        }
    }

    /// Like `spawn`, with the demo data loaded.
    pub async fn with_demo(backend: Backend) -> Option<TestApp> {
        let app = Self::spawn(backend).await?;
        ropagraph::demo::load_if_empty(&app.db)
            .await
            .expect("demo data loads");
        Some(app)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// POSTs a GraphQL operation and returns the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(self.url("/graphql"))
            .bearer_auth(&self.token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        response.json().await.expect("JSON response")
    }

    /// Like `graphql`, asserting there are no top-level errors; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    pub fn statement_count(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// The whole inventory as export writes it: to compare before and after.
    pub async fn snapshot(&self) -> String {
        let graph = ropagraph::graph::Live::load(self.db.clone())
            .await
            .expect("load the graph")
            .snapshot();
        ropagraph::inventory::to_text(&ropagraph::inventory::export(&graph).expect("export"))
    }

    /// Drops a PostgreSQL test database (SQLite files go with the temp dir).
    pub async fn cleanup(self) {
        self.db.clone().close().await.ok();
        if let (Some(name), Some(admin_url)) = (self.pg_name, postgres_url())
            && let Ok(admin) = Database::connect(&admin_url).await
        {
            {
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok();
            }
        }
    }
}

/// Serves `state` on a loopback port; returns the address.
async fn serve(state: AppState) -> SocketAddr {
    let app = build_app(state, Limits::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    address
}

/// A contract document from ../shared/contract, or the copy kept in tests/contract.
pub fn contract(name: &str) -> String {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/contract")
        .join(name);
    let local = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/contract")
        .join(name);
    std::fs::read_to_string(&shared)
        .or_else(|_| std::fs::read_to_string(&local))
        .expect("contract document")
}

/// Runs a test body on SQLite and on PostgreSQL as two tests.
#[macro_export]
macro_rules! both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($body)($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::helpers::postgres_url().is_none() {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                }
                ($body)($crate::helpers::Backend::Postgres).await;
            }
        }
    };
}
