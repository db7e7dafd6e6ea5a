//! The GraphQL endpoint, owned rather than the stock integration: POST runs
//! anything, GET runs queries only (a mutation over GET is refused with 405,
//! so a link or a prefetch can never change data), batches are not accepted.

use std::collections::HashMap;

use async_graphql::{
    Request, Variables,
    http::GraphiQLSource,
    parser::{parse_query, types::OperationType},
};
use axum::{
    Json,
    extract::{Query, State, rejection::JsonRejection},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use serde_json::json;

use super::AppState;
use crate::graphql::new_loader;

fn request_error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "errors": [{ "message": message.into(), "extensions": { "code": "BAD_REQUEST" } }] }))).into_response()
}

async fn execute(state: &AppState, request: Request) -> Response {
    let request = request.data(new_loader(state.db.clone(), state.batch_window));
    let response = state.schema.execute(request).await;
    Json(response).into_response()
}

pub async fn post_graphql(
    State(state): State<AppState>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Response {
    let Json(body) = match body {
        Ok(body) => body,
        Err(rejection) => return request_error(rejection.status(), rejection.body_text()),
    };
    if body.is_array() {
        return request_error(
            StatusCode::BAD_REQUEST,
            "batched requests are not supported: send one operation per request",
        );
    }
    match serde_json::from_value::<Request>(body) {
        Ok(request) => execute(&state, request).await,
        Err(error) => request_error(
            StatusCode::BAD_REQUEST,
            format!("not a GraphQL request: {error}"),
        ),
    }
}

pub async fn get_graphql(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(query) = params.get("query") else {
        return request_error(
            StatusCode::BAD_REQUEST,
            "a GET request needs the `query` parameter",
        );
    };
    let operation_name = params.get("operationName").filter(|n| !n.is_empty());
    if let Ok(document) = parse_query(query) {
        let selected = document
            .operations
            .iter()
            .find(|(name, _)| match operation_name {
                Some(wanted) => name.map(|n| n.as_str()) == Some(wanted.as_str()),
                None => true,
            });
        if let Some((_, operation)) = selected
            && operation.node.ty != OperationType::Query
        {
            return request_error(
                StatusCode::METHOD_NOT_ALLOWED,
                "only queries may be sent with GET: use POST for mutations",
            );
        }
    }
    let mut request = Request::new(query.clone());
    if let Some(name) = operation_name {
        request = request.operation_name(name.clone());
    }
    if let Some(variables) = params.get("variables").filter(|v| !v.is_empty()) {
        match serde_json::from_str::<serde_json::Value>(variables) {
            Ok(value) => request = request.variables(Variables::from_json(value)),
            Err(error) => {
                return request_error(
                    StatusCode::BAD_REQUEST,
                    format!("`variables` is not JSON: {error}"),
                );
            }
        }
    }
    execute(&state, request).await
}

pub async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("ropagraph")
            .finish(),
    )
}
