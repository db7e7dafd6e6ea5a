//! Headers for what browsers render: GraphiQL and the public notice pages.
//! Each page may load only what it uses (Content-Security-Policy), is never
//! framed (clickjacking), is not sniffed into another type, and sends no
//! referrer onward (a notice's URL names the register it is about).

use std::sync::LazyLock;

use async_graphql::http::GraphiQLSource;
use axum::{
    http::{HeaderMap, HeaderValue, header},
    response::{Html, IntoResponse, Response},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

/// The notice pages are self-contained: one inline stylesheet (and
/// pulldown-cmark's `style` attributes on aligned table cells), no scripts,
/// no other resource.
const NOTICE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn secure(headers: &mut HeaderMap, policy: HeaderValue) {
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // For browsers that predate frame-ancestors.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// Middleware for the notice routes: every answer, 200, 304 or 404.
pub async fn notice_headers(mut response: Response) -> Response {
    secure(
        response.headers_mut(),
        HeaderValue::from_static(NOTICE_POLICY),
    );
    response
}

/// The GraphiQL page and the policy that admits exactly what it loads: its
/// scripts and stylesheet from unpkg (and the fonts and images that
/// stylesheet names), its favicon from graphql.org, its one inline script by
/// hash, and requests to this server's /graphql. Its inline `<style>` and the
/// styles the editor sets at run time need 'unsafe-inline' for styles only.
static GRAPHIQL: LazyLock<(String, HeaderValue)> = LazyLock::new(|| {
    let page = GraphiQLSource::build()
        .endpoint("/graphql")
        .title("ropagraph")
        .finish();
    let scripts: String = inline_scripts(&page)
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    let policy = format!(
        "default-src 'none'; script-src https://unpkg.com{scripts}; \
         style-src https://unpkg.com 'unsafe-inline'; font-src https://unpkg.com data:; \
         img-src 'self' data: https://unpkg.com https://graphql.org; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    let policy = HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
    (page, policy)
});

/// The text of each `<script>` without attributes: what a hash must cover.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    page.split("<script>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</script>").map(|(script, _)| script))
}

/// GraphiQL. The page holds no data; set `Authorization: Bearer <token>` in
/// its headers pane to query.
pub async fn graphiql() -> Response {
    let (page, policy) = &*GRAPHIQL;
    let mut response = Html(page.clone()).into_response();
    secure(response.headers_mut(), policy.clone());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphiql_has_one_inline_script_and_its_hash() {
        let (page, policy) = &*GRAPHIQL;
        assert_eq!(inline_scripts(page).count(), 1);
        let policy = policy.to_str().unwrap_or_default();
        assert_eq!(policy.matches("'sha256-").count(), 1, "{policy}");
    }
}
