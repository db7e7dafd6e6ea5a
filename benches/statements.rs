//! SQL statements per GraphQL request, counted in-process with sea-orm's
//! metric callback (the way the integration tests count them), through the
//! real router that `serve` runs. The server logs no statements (sqlx
//! logging is off in `db::connect` and sea-orm's `debug-print` is not
//! enabled), so counting has to happen here.
//!
//! ```sh
//! cargo bench --bench statements -- sqlite://bench.db name=body.json…
//! ```
//!
//! Each body file is a GraphQL-over-HTTP JSON body (`{"query": …,
//! "variables": …}`). Every request is sent twice and both are counted: the
//! first is what computing the answer costs, the second what a repeat costs
//! with the response cache on, as `serve` runs by default. Prints one `RESULT` line per request for
//! `bench/run` to read.

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use anyhow::Context as _;
use axum::{body::Body, http::Request};
use ropagraph::{
    AppState,
    auth::{Authenticator, LocalToken},
    build_app, db,
    http::Limits,
};
use tower::ServiceExt as _;

const TOKEN: &str = "bench-statements-token-0123456789";

fn main() -> anyhow::Result<()> {
    let mut database_url = std::env::var("DATABASE_URL").ok();
    let mut bodies = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.split_once('=') {
            Some((name, path)) => bodies.push((name.to_owned(), path.to_owned())),
            None if arg == "--bench" => {}
            None => database_url = Some(arg),
        }
    }
    let database_url = database_url.context("give the database URL (or set DATABASE_URL)")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut db = db::connect(&database_url).await?;
        let statements = Arc::new(AtomicUsize::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let token = LocalToken::new(secrecy::SecretString::from(TOKEN));
        // The response cache as `serve` sets it by default, so the repeat
        // shows what a cached answer costs.
        let state = AppState::load(db.clone(), Authenticator::Local(token))
            .await?
            .with_response_cache(64 * 1024 * 1024);
        let app = build_app(state, Limits::default());
        for (name, path) in bodies {
            let body = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
            let mut counts = Vec::new();
            let mut outcome = "ok".to_owned();
            for _ in 0..2 {
                let request = Request::post("/graphql")
                    .header("content-type", "application/json")
                    .header("authorization", format!("Bearer {TOKEN}"))
                    .body(Body::from(body.clone()))?;
                let before = statements.load(Ordering::SeqCst);
                let response = app.clone().oneshot(request).await?;
                let status = response.status();
                let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
                counts.push(statements.load(Ordering::SeqCst) - before);
                let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
                if !status.is_success() {
                    outcome = format!("status-{}", status.as_u16());
                } else if json.get("errors").is_some() {
                    outcome = "errors".into();
                }
            }
            println!(
                "RESULT name={name} statements={} repeated={} outcome={outcome}",
                counts[0], counts[1]
            );
        }
        db.close().await?;
        anyhow::Ok(())
    })
}
