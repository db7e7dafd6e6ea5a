//! The HTTP application: routes, middleware and the GraphQL endpoint.

mod cache;
mod graphql;
mod headers;
mod health;
mod notices;
mod serve;

pub use serve::serve;

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    http::{HeaderName, StatusCode},
    routing::get,
};
use sea_orm::DatabaseConnection;
use tower_http::{
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    auth::Authenticator,
    graph::Live,
    graphql::{AppSchema, build_schema},
};

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: AppSchema,
    /// How bearer tokens are checked.
    pub auth: Authenticator,
    /// The graph in memory, which every read reads.
    pub live: Arc<Live>,
    /// Answers to read-only queries, kept until the next write.
    pub cache: cache::ResponseCache,
}

impl AppState {
    /// The state of a server: the whole graph is loaded first, so a server
    /// that answers at all answers from a complete snapshot.
    pub async fn load(db: DatabaseConnection, auth: Authenticator) -> Result<Self, sea_orm::DbErr> {
        let live = Arc::new(Live::load(db.clone()).await?);
        let schema = build_schema(db.clone());
        Ok(Self {
            db,
            schema,
            auth,
            live,
            cache: cache::ResponseCache::default(),
        })
    }

    /// Keeps up to `bytes` of query responses until the next write (0: none).
    pub fn with_response_cache(mut self, bytes: u64) -> Self {
        self.cache = cache::ResponseCache::new(bytes);
        self
    }
}

/// HTTP limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub body_bytes: usize,
    pub request_timeout: Duration,
    /// How long a connection may take to send a whole request head, or stay
    /// idle between requests, before `serve` closes it (slowloris); zero
    /// never closes it.
    pub header_read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
        }
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application as a router: what `serve` runs and what tests drive.
pub fn build_app(state: AppState, limits: Limits) -> Router {
    let trace = TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
        let request_id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
        tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %request_id)
    });
    Router::new()
        .route(
            "/graphql",
            get(graphql::get_graphql).post(graphql::post_graphql),
        )
        .route("/graphiql", get(headers::graphiql))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/notices/{file}",
            get(notices::notice_page)
                .layer(axum::middleware::map_response(headers::notice_headers)),
        )
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(trace)
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}
