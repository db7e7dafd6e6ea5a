//! The GraphQL endpoint, owned rather than the stock integration: every
//! request carries a bearer token; POST runs anything its scopes allow, GET
//! runs queries only (a mutation over GET is refused with 405, so a link or a
//! prefetch can never change data), batches are not accepted.

use std::collections::HashMap;

use async_graphql::{
    Request, Variables,
    parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet},
};
use axum::{
    Json,
    body::Bytes,
    extract::{Query, State, rejection::JsonRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::AppState;
use crate::{
    auth::{AuthError, Principal, Scope},
    domain::reach::Reach,
    graphql::Snapshot,
    http::cache::{Cached, Key, ResponseCache},
};

fn request_error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "errors": [{ "message": message.into(), "extensions": { "code": "BAD_REQUEST" } }] }))).into_response()
}

/// An `error_description` (RFC 6750 § 3): printable ASCII without `"` or
/// `\`, and short. The reason may quote the caller's own text (a key id), so
/// anything else, control characters above all, is replaced: a header value
/// holding them would not be sent at all.
fn challenge_description(reason: &str) -> String {
    reason
        .chars()
        .take(200)
        .map(|c| match c {
            '"' | '\\' => '\'',
            ' '..='~' => c,
            _ => '?',
        })
        .collect()
}

/// 401 with `WWW-Authenticate` (RFC 6750 § 3); 503 when the issuer cannot be reached.
fn unauthenticated(error: &AuthError) -> Response {
    // The reason may quote the caller's text: escaped, so a newline or a
    // terminal escape in a token cannot forge a log line.
    tracing::info!(error = %error.to_string().escape_debug(), "request not authenticated");
    let (status, challenge, code) = match error {
        AuthError::Missing => (
            StatusCode::UNAUTHORIZED,
            "Bearer realm=\"ropagraph\"".to_owned(),
            "UNAUTHENTICATED",
        ),
        AuthError::Invalid(_) | AuthError::Unsupported(_) => (
            StatusCode::UNAUTHORIZED,
            format!(
                "Bearer realm=\"ropagraph\", error=\"invalid_token\", error_description=\"{}\"",
                challenge_description(&error.to_string())
            ),
            "UNAUTHENTICATED",
        ),
        AuthError::Unavailable(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Bearer realm=\"ropagraph\"".to_owned(),
            "AUTH_UNAVAILABLE",
        ),
    };
    let message = match error {
        AuthError::Unavailable(_) => {
            "the identity provider cannot be reached to check the token".to_owned()
        }
        other => other.to_string(),
    };
    let mut response = (
        status,
        Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })),
    )
        .into_response();
    if let Ok(value) = challenge.parse() {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Principal, Response> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    state
        .auth
        .authenticate(authorization)
        .await
        .map_err(|e| unauthenticated(&e))
}

/// Aliases allowed in one document: enough for any dashboard, too few to
/// multiply one expensive field into a denial of service.
pub const MAX_ALIASES: usize = 50;

/// What can be told of a request before execution: the type of the operation
/// it selects and how many aliases it uses (`None` when it does not parse;
/// the executor then reports the syntax error).
fn inspect(
    document: &ExecutableDocument,
    operation_name: Option<&str>,
) -> (Option<OperationType>, usize) {
    let selected = document
        .operations
        .iter()
        .find(|(name, _)| match operation_name {
            Some(wanted) => name.map(|n| n.as_str()) == Some(wanted),
            None => true,
        });
    let mut aliases = 0;
    let mut pending: Vec<&SelectionSet> = document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node)
        .collect();
    pending.extend(
        document
            .fragments
            .values()
            .map(|f| &f.node.selection_set.node),
    );
    while let Some(set) = pending.pop() {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    aliases += usize::from(field.node.alias.is_some());
                    pending.push(&field.node.selection_set.node);
                }
                Selection::InlineFragment(fragment) => {
                    pending.push(&fragment.node.selection_set.node)
                }
                Selection::FragmentSpread(_) => {}
            }
        }
    }
    (selected.map(|(_, operation)| operation.node.ty), aliases)
}

/// A caller without the operation's scope: a GraphQL error in the media
/// type the client accepts. The request is well-formed, so it is answered
/// as an execution that produced nothing: 200 with `data: null`.
fn forbidden(media: MediaType, scope: Scope) -> Response {
    let body = json!({
        "data": null,
        "errors": [{
            "message": format!("this operation needs the scope {}", scope.as_str()),
            "extensions": { "code": "FORBIDDEN" },
        }],
    });
    let mut response = Json(body).into_response();
    if media == MediaType::GraphqlResponse {
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static(GRAPHQL_RESPONSE),
        );
    }
    response
}

/// The response media types of the GraphQL-over-HTTP specification.
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaType {
    /// `application/graphql-response+json`: request errors are 4xx.
    GraphqlResponse,
    /// `application/json`: always 200 for a well-formed request (legacy clients).
    Json,
}

/// What the client accepts; `None` when it accepts neither JSON type (406).
fn negotiate(headers: &HeaderMap) -> Option<MediaType> {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Some(MediaType::Json);
    };
    let types: Vec<String> = accept
        .split(',')
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    if types.iter().any(|t| t == GRAPHQL_RESPONSE) {
        Some(MediaType::GraphqlResponse)
    } else if types
        .iter()
        .any(|t| t == "application/json" || t == "application/*" || t == "*/*")
    {
        Some(MediaType::Json)
    } else {
        None
    }
}

/// The HTTP answer to an executed operation: status, body and content type.
fn render(
    media: MediaType,
    response: &async_graphql::Response,
) -> (StatusCode, Bytes, &'static str) {
    // A request error (it did not parse or validate) has no data and errors
    // without a path; an error raised by a root field during execution has
    // a path and leaves a well-formed response.
    let request_error = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let serialized = match (media, request_error) {
        (MediaType::GraphqlResponse, true) => {
            // Nothing was executed: the spec says there is no data entry at all.
            let mut body = serde_json::to_value(response).unwrap_or_default();
            if let Some(object) = body.as_object_mut() {
                object.remove("data");
            }
            serde_json::to_vec(&body)
        }
        _ => serde_json::to_vec(response),
    };
    let body = match serialized {
        Ok(body) => Bytes::from(body),
        Err(error) => {
            tracing::error!(%error, "could not serialize a GraphQL response");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                Bytes::from_static(br#"{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}"#),
                "application/json",
            );
        }
    };
    match media {
        MediaType::Json => (StatusCode::OK, body, "application/json"),
        MediaType::GraphqlResponse if request_error => {
            (StatusCode::BAD_REQUEST, body, GRAPHQL_RESPONSE)
        }
        MediaType::GraphqlResponse => (StatusCode::OK, body, GRAPHQL_RESPONSE),
    }
}

fn reply(status: StatusCode, body: Bytes, content_type: &'static str) -> Response {
    let mut http = (status, body).into_response();
    http.headers_mut().insert(
        header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static(content_type),
    );
    http
}

/// The response cache's key for a query at the snapshot's generation, or
/// `None` when the cache is off.
fn cache_key(
    state: &AppState,
    media: MediaType,
    request: &Request,
    principal: &Principal,
    reach: &Reach,
    generation: i64,
) -> Option<Key> {
    if !state.cache.is_enabled() {
        return None;
    }
    let variables = serde_json::to_vec(&request.variables).ok()?;
    let controllers = match reach.controllers() {
        None => "all".to_owned(),
        Some(ids) => format!("{ids:?}"),
    };
    let scopes = [Scope::Read, Scope::Write, Scope::Admin].map(|s| u8::from(principal.has(s)));
    let today = chrono::Utc::now().date_naive().to_string();
    let media = match media {
        MediaType::Json => b"json".as_slice(),
        MediaType::GraphqlResponse => b"graphql-response".as_slice(),
    };
    Some(ResponseCache::key(&[
        &generation.to_le_bytes(),
        media,
        request.query.as_bytes(),
        request
            .operation_name
            .as_deref()
            .unwrap_or_default()
            .as_bytes(),
        &variables,
        controllers.as_bytes(),
        &scopes,
        today.as_bytes(),
    ]))
}

async fn execute(
    state: &AppState,
    principal: Principal,
    headers: &HeaderMap,
    mut request: Request,
) -> Response {
    let Some(media) = negotiate(headers) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            format!("this endpoint answers in {GRAPHQL_RESPONSE} or application/json"),
        );
    };
    // Parsed once: the schema executes the document parsed here.
    let operation_name = request.operation_name.clone();
    let (operation, aliases) = match request.parsed_query() {
        Ok(document) => inspect(document, operation_name.as_deref()),
        Err(_) => (None, 0),
    };
    if aliases > MAX_ALIASES {
        return request_error(
            StatusCode::BAD_REQUEST,
            format!("the document uses {aliases} aliases; at most {MAX_ALIASES} are allowed"),
        );
    }
    let needed = match operation {
        Some(OperationType::Mutation) => Scope::Write,
        _ => Scope::Read,
    };
    if !principal.has(needed) {
        return forbidden(media, needed);
    }
    // The one statement a read costs: the generation, to catch up first
    // when another writer (or replica) has committed since.
    let graph = match state.live.current().await {
        Ok(graph) => graph,
        Err(error) => {
            tracing::error!(%error, "could not bring the graph up to date");
            let body = json!({ "errors": [{ "message": "the database cannot be reached", "extensions": { "code": "UNAVAILABLE" } }] });
            return (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
        }
    };
    let reach = graph.resolve_claim(principal.controllers.as_deref());
    let key = match operation {
        Some(OperationType::Query) => cache_key(
            state,
            media,
            &request,
            &principal,
            &reach,
            graph.generation(),
        ),
        _ => None,
    };
    if let Some(hit) = key.as_ref().and_then(|k| state.cache.get(k)) {
        return reply(StatusCode::OK, hit.body, hit.content_type);
    }
    let request = request
        .data(Snapshot::new(state.live.clone(), graph, reach))
        .data(principal);
    let response = state.schema.execute(request).await;
    let (status, body, content_type) = render(media, &response);
    if let Some(key) = key
        && status == StatusCode::OK
        && response.errors.is_empty()
    {
        state.cache.put(
            key,
            Cached {
                body: body.clone(),
                content_type,
            },
        );
    }
    reply(status, body, content_type)
}

pub async fn post_graphql(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Response {
    let principal = match authenticate(&state, &headers).await {
        Ok(principal) => principal,
        Err(response) => return response,
    };
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
        Ok(request) => execute(&state, principal, &headers, request).await,
        Err(error) => request_error(
            StatusCode::BAD_REQUEST,
            format!("not a GraphQL request: {error}"),
        ),
    }
}

pub async fn get_graphql(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let principal = match authenticate(&state, &headers).await {
        Ok(principal) => principal,
        Err(response) => return response,
    };
    let Some(query) = params.get("query") else {
        return request_error(
            StatusCode::BAD_REQUEST,
            "a GET request needs the `query` parameter",
        );
    };
    let operation_name = params.get("operationName").filter(|n| !n.is_empty());
    let mut request = Request::new(query.clone());
    if let Some(name) = operation_name {
        request = request.operation_name(name.clone());
    }
    // The document parsed here is the one `execute` runs.
    if let Ok(document) = request.parsed_query()
        && inspect(document, operation_name.map(String::as_str))
            .0
            .is_some_and(|ty| ty != OperationType::Query)
    {
        return request_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "only queries may be sent with GET: use POST for mutations",
        );
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
    execute(&state, principal, &headers, request).await
}
