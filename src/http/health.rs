//! Liveness and readiness for load balancers and orchestrators.

use axum::{extract::State, http::StatusCode};

use super::AppState;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: its graph is loaded (a server exists only once
/// it is) and the database answers, so the graph can catch up.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.live.current().await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::warn!(%error, "readiness check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
