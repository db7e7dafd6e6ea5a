//! The public privacy notice pages: `/notices/{slug}` (HTML), `.md` and
//! `.txt`, in the language asked by `?lang=` or `Accept-Language`. Only
//! published versions are served; anything else is a plain 404 that tells
//! nothing about whether the register exists.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use super::AppState;
use crate::{
    domain::enums::Language,
    notice::{page, publish},
};

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not Found\n",
    )
        .into_response()
}

fn parse_language(tag: &str) -> Option<Language> {
    match tag.trim().get(..2)?.to_ascii_lowercase().as_str() {
        "fi" => Some(Language::Fi),
        "en" => Some(Language::En),
        "sv" => Some(Language::Sv),
        _ => None,
    }
}

/// The languages a reader asked for, best first (`Accept-Language`, RFC 9110 § 12.5.4).
fn accepted(headers: &HeaderMap) -> Vec<Language> {
    let Some(value) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Vec::new();
    };
    let mut weighted: Vec<(f32, usize, Language)> = value
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let language = parse_language(pieces.next()?)?;
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, language))
        })
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    weighted.into_iter().map(|(_, _, l)| l).collect()
}

fn http_date(time: chrono::DateTime<chrono::Utc>) -> String {
    time.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn finnish_date(time: chrono::DateTime<chrono::Utc>, language: Language) -> String {
    match language {
        Language::En => time.format("%-d %B %Y").to_string(),
        _ => time.format("%-d.%-m.%Y").to_string(),
    }
}

pub async fn notice_page(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let (slug, kind) = match file.rsplit_once('.') {
        Some((slug, "md")) => (slug, "md"),
        Some((slug, "txt")) => (slug, "txt"),
        Some((slug, "html")) => (slug, "html"),
        _ => (file.as_str(), "html"),
    };
    let graph = match state.live.current().await {
        Ok(graph) => graph,
        Err(error) => {
            tracing::error!(%error, "reading the graph for a notice page");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(register) = graph.by_slug(slug) else {
        return not_found();
    };
    let asked = query.get("lang").and_then(|l| parse_language(l));
    let mut wanted: Vec<Language> = asked.into_iter().collect();
    wanted.extend(accepted(&headers));
    wanted.extend(Language::ALL);
    let chosen = wanted
        .into_iter()
        .find_map(|language| publish::latest(&graph, register.id, language));
    let Some(version) = chosen else {
        return not_found();
    };
    let language = Language::parse(&version.language).unwrap_or(Language::Fi);
    let etag = format!(
        "\"{}-{}\"",
        &version.content_hash[..16.min(version.content_hash.len())],
        version.language.to_lowercase()
    );
    let mut response_headers = HeaderMap::new();
    let mut set = |name, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response_headers.insert(name, value);
        }
    };
    set(header::ETAG, etag.clone());
    set(header::LAST_MODIFIED, http_date(version.published_at));
    set(header::CONTENT_LANGUAGE, version.language.to_lowercase());
    set(header::VARY, "Accept-Language".to_owned());
    set(header::CACHE_CONTROL, "public, max-age=60".to_owned());
    let revalidated = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    if revalidated {
        return (StatusCode::NOT_MODIFIED, response_headers).into_response();
    }
    let (content_type, body) = match kind {
        "md" => ("text/markdown; charset=utf-8", version.markdown.clone()),
        "txt" => ("text/plain; charset=utf-8", version.text.clone()),
        _ => {
            let other = match language {
                Language::Fi => Language::En,
                _ => Language::Fi,
            };
            let other_published = publish::latest(&graph, register.id, other).is_some();
            let href = format!("/notices/{slug}?lang={}", other.as_str().to_lowercase());
            let html = page(
                &version.html,
                &version.title,
                language,
                Some(&finnish_date(version.published_at, language)),
                Some(version.number),
                other_published.then_some((href.as_str(), other)),
                // A language asked for by name and not published is said so,
                // in that language: never another language silently.
                asked.filter(|asked| *asked != language),
            );
            match html {
                Ok(html) => ("text/html; charset=utf-8", html),
                Err(error) => {
                    tracing::error!(%error, "rendering a notice page");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
        }
    };
    set(header::CONTENT_TYPE, content_type.to_owned());
    (StatusCode::OK, response_headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_by_weight() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de;q=0.9, en-GB;q=0.8, fi;q=0.5, sv;q=0"),
        );
        assert_eq!(accepted(&headers), vec![Language::En, Language::Fi]);
    }
}
