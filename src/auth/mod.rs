//! Who is calling, and what they may do. Bearer tokens (RFC 6750): JWT access
//! tokens checked against the issuer's published keys, or, with no issuer
//! configured, one admin token for local use. Scopes: `ropa:read` for
//! queries, `ropa:write` for mutations, `ropa:admin` for publishing notices.

mod introspect;
mod jwt;
mod local;

use std::{collections::HashSet, fmt};

pub use introspect::{IntrospectionConfig, Introspector};
pub use jwt::{JwtConfig, JwtValidator};
pub use local::LocalToken;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Read,
    Write,
    Admin,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "ropa:read",
            Scope::Write => "ropa:write",
            Scope::Admin => "ropa:admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "ropa:read" => Some(Scope::Read),
            "ropa:write" => Some(Scope::Write),
            "ropa:admin" => Some(Scope::Admin),
            _ => None,
        }
    }
}

/// The authenticated caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// The token's subject (`sub`).
    pub subject: String,
    /// The OAuth2 client the token was issued to, when the token says.
    pub client_id: Option<String>,
    pub scopes: HashSet<Scope>,
    /// The controllers the token may act for (organization externalIds or
    /// global ids), when it is limited to some; `None` reaches them all.
    pub controllers: Option<Vec<String>>,
}

impl Principal {
    /// `ropa:admin` implies the other scopes, `ropa:write` implies `ropa:read`.
    pub fn has(&self, scope: Scope) -> bool {
        let s = &self.scopes;
        match scope {
            Scope::Read => {
                s.contains(&Scope::Read) || s.contains(&Scope::Write) || s.contains(&Scope::Admin)
            }
            Scope::Write => s.contains(&Scope::Write) || s.contains(&Scope::Admin),
            Scope::Admin => s.contains(&Scope::Admin),
        }
    }
}

/// The controllers a token's claim names: a JSON array of strings or one
/// space-separated string. Anything else makes the token unusable, so a
/// malformed limit never widens into no limit.
pub(crate) fn controllers_claim(
    claims: &serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> Result<Option<Vec<String>>, AuthError> {
    let invalid = || AuthError::Invalid(format!("the claim {name} is not a list of controllers"));
    match claims.get(name) {
        None => Ok(None),
        Some(serde_json::Value::String(text)) => {
            Ok(Some(text.split_whitespace().map(str::to_owned).collect()))
        }
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned).ok_or_else(invalid))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(invalid()),
    }
}

/// Why a request is not authenticated. The message goes to the client in the
/// `WWW-Authenticate` header; details of a failed check are logged only.
#[derive(Debug, PartialEq, Eq)]
pub enum AuthError {
    /// No credentials: `WWW-Authenticate: Bearer` without an error code.
    Missing,
    /// A token was given and is not acceptable (`error="invalid_token"`).
    Invalid(String),
    /// The token is fine but its kind is not supported here.
    Unsupported(String),
    /// The identity provider could not be reached to check the token.
    Unavailable(String),
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Missing => f.write_str("no bearer token"),
            AuthError::Invalid(why) | AuthError::Unsupported(why) | AuthError::Unavailable(why) => {
                f.write_str(why)
            }
        }
    }
}

/// How tokens are checked.
#[derive(Clone)]
pub enum Authenticator {
    /// No identity provider: one admin token (`ROPAGRAPH_ADMIN_TOKEN` or generated).
    Local(LocalToken),
    /// Access tokens from an OAuth2 / OpenID Connect authorization server:
    /// JWTs checked against its keys, other tokens by introspection.
    Remote(std::sync::Arc<Remote>),
}

/// The authorization server's ways of vouching for a token.
pub struct Remote {
    pub jwt: Option<JwtValidator>,
    pub introspection: Option<Introspector>,
}

/// A JWT has three dot-separated parts and a header that decodes.
fn looks_like_jwt(token: &str) -> bool {
    token.split('.').count() == 3 && jsonwebtoken::decode_header(token).is_ok()
}

impl Authenticator {
    pub async fn authenticate(&self, authorization: Option<&str>) -> Result<Principal, AuthError> {
        let token = bearer(authorization)?;
        match self {
            Authenticator::Local(local) => local.check(token),
            Authenticator::Remote(remote) => match (&remote.jwt, &remote.introspection) {
                (Some(jwt), _) if looks_like_jwt(token) => jwt.validate(token).await,
                (_, Some(introspection)) => introspection.validate(token).await,
                (Some(jwt), None) => jwt.validate(token).await,
                (None, None) => Err(AuthError::Unavailable(
                    "no way to check tokens is configured".into(),
                )),
            },
        }
    }
}

/// The longest bearer token accepted. Access tokens are a few hundred bytes
/// to a few KB; a longer one is refused as invalid before any issuer or
/// introspection endpoint is asked about it (one may refuse so large a
/// request and make the refusal look like an outage).
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The token of an `Authorization: Bearer …` header (RFC 6750 § 2.1).
fn bearer(authorization: Option<&str>) -> Result<&str, AuthError> {
    let value = authorization.ok_or(AuthError::Missing)?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| AuthError::Invalid("malformed Authorization header".into()))?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::Missing);
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(AuthError::Invalid("empty bearer token".into()));
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(AuthError::Invalid(format!(
            "the bearer token is longer than {MAX_TOKEN_BYTES} bytes"
        )));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_headers() {
        assert_eq!(bearer(Some("Bearer abc")), Ok("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Ok("abc"));
        assert_eq!(bearer(None), Err(AuthError::Missing));
        assert_eq!(bearer(Some("Basic dXNlcg==")), Err(AuthError::Missing));
        assert!(matches!(bearer(Some("Bearer")), Err(AuthError::Invalid(_))));
        let longest = "a".repeat(MAX_TOKEN_BYTES);
        assert_eq!(
            bearer(Some(&format!("Bearer {longest}"))),
            Ok(longest.as_str())
        );
        assert!(matches!(
            bearer(Some(&format!("Bearer {longest}a"))),
            Err(AuthError::Invalid(_))
        ));
    }

    #[test]
    fn controllers_claims() {
        let claims = |v: serde_json::Value| v.as_object().cloned().unwrap_or_default();
        let name = "ropa_controllers";
        assert_eq!(
            controllers_claim(&claims(serde_json::json!({})), name),
            Ok(None)
        );
        assert_eq!(
            controllers_claim(&claims(serde_json::json!({ name: ["a", "b"] })), name),
            Ok(Some(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            controllers_claim(&claims(serde_json::json!({ name: "a  b" })), name),
            Ok(Some(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            controllers_claim(&claims(serde_json::json!({ name: [] })), name),
            Ok(Some(vec![]))
        );
        assert!(controllers_claim(&claims(serde_json::json!({ name: [1] })), name).is_err());
        assert!(controllers_claim(&claims(serde_json::json!({ name: true })), name).is_err());
    }

    #[test]
    fn scopes_imply_lesser_scopes() {
        let admin = Principal {
            subject: "a".into(),
            client_id: None,
            scopes: [Scope::Admin].into(),
            controllers: None,
        };
        assert!(admin.has(Scope::Read) && admin.has(Scope::Write) && admin.has(Scope::Admin));
        let reader = Principal {
            subject: "r".into(),
            client_id: None,
            scopes: [Scope::Read].into(),
            controllers: None,
        };
        assert!(reader.has(Scope::Read) && !reader.has(Scope::Write) && !reader.has(Scope::Admin));
    }
}
