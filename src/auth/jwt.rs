//! JWT access tokens (RFC 9068) checked against the issuer's keys, found
//! through OpenID Connect discovery, cached, and fetched again when a token
//! names a key id we have not seen (at most once per cooldown, so a stream of
//! forged key ids cannot make us hammer the issuer).

use std::{
    collections::HashSet,
    time::{Duration, Instant},
};

use jsonwebtoken::{
    Algorithm, DecodingKey, Validation, decode, decode_header, get_current_timestamp,
    jwk::{Jwk, JwkSet},
};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};

use super::{AuthError, Principal, Scope};

/// Signature algorithms accepted: asymmetric only (no `none`, no shared secrets).
const ALGORITHMS: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// Seconds of clock difference forgiven between us and the issuer, the same
/// for `exp`, `nbf` and `iat`.
const LEEWAY_S: u64 = 30;

#[derive(Clone, Debug)]
pub struct JwtConfig {
    /// The issuer URL; its `/.well-known/openid-configuration` names the keys.
    pub issuer: String,
    /// The audience tokens must be issued for.
    pub audience: String,
    /// The claim that limits a token to some controllers.
    pub controllers_claim: String,
    /// The shortest time between two fetches of the issuer's keys.
    pub refresh_cooldown: Duration,
}

struct Cache {
    keys: JwkSet,
    fetched: Option<Instant>,
}

pub struct JwtValidator {
    config: JwtConfig,
    client: reqwest::Client,
    cache: RwLock<Cache>,
    refreshing: Mutex<()>,
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    client_id: Option<String>,
    azp: Option<String>,
    scope: Option<String>,
    scp: Option<Vec<String>>,
    /// When the token was issued (a NumericDate: seconds, maybe fractional).
    iat: Option<f64>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

impl JwtValidator {
    pub fn new(config: JwtConfig) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(5))
            .build()?;
        Ok(Self {
            config,
            client,
            cache: RwLock::new(Cache {
                keys: JwkSet { keys: Vec::new() },
                fetched: None,
            }),
            refreshing: Mutex::new(()),
        })
    }

    pub fn issuer(&self) -> &str {
        &self.config.issuer
    }

    /// Fetches the issuer's discovery document and keys.
    pub async fn refresh(&self) -> Result<(), AuthError> {
        let unavailable =
            |what: &str, e: reqwest::Error| AuthError::Unavailable(format!("{what}: {e}"));
        let issuer = self.config.issuer.trim_end_matches('/');
        let discovery: Discovery = self
            .client
            .get(format!("{issuer}/.well-known/openid-configuration"))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| unavailable("fetching the issuer's OpenID configuration", e))?
            .json()
            .await
            .map_err(|e| unavailable("reading the issuer's OpenID configuration", e))?;
        if discovery.issuer.trim_end_matches('/') != issuer {
            return Err(AuthError::Unavailable(format!(
                "the OpenID configuration names issuer {} instead of {issuer}",
                discovery.issuer
            )));
        }
        let keys: JwkSet = self
            .client
            .get(&discovery.jwks_uri)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| unavailable("fetching the issuer's keys", e))?
            .json()
            .await
            .map_err(|e| unavailable("reading the issuer's keys", e))?;
        let mut cache = self.cache.write().await;
        cache.keys = keys;
        cache.fetched = Some(Instant::now());
        Ok(())
    }

    async fn key(&self, kid: &str) -> Result<Jwk, AuthError> {
        if let Some(key) = self.cache.read().await.keys.find(kid) {
            return Ok(key.clone());
        }
        // One refresh at a time; the others wait and then look again.
        let _guard = self.refreshing.lock().await;
        let recently = self
            .cache
            .read()
            .await
            .fetched
            .is_some_and(|t| t.elapsed() < self.config.refresh_cooldown);
        if !recently {
            self.refresh().await?;
        }
        self.cache
            .read()
            .await
            .keys
            .find(kid)
            .cloned()
            .ok_or_else(|| AuthError::Invalid(format!("unknown key id {kid}")))
    }

    pub async fn validate(&self, token: &str) -> Result<Principal, AuthError> {
        let invalid = |why: String| AuthError::Invalid(why);
        let header = decode_header(token).map_err(|e| invalid(format!("not a JWT: {e}")))?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(invalid(format!(
                "algorithm {:?} is not accepted",
                header.alg
            )));
        }
        let kid = header
            .kid
            .ok_or_else(|| invalid("the token names no key id (kid)".into()))?;
        let jwk = self.key(&kid).await?;
        if let Some(key_alg) = jwk.common.key_algorithm {
            let named = serde_json::to_value(key_alg)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            let used = serde_json::to_value(header.alg)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            if named != used {
                return Err(invalid("the token's algorithm is not its key's".into()));
            }
        }
        let key =
            DecodingKey::from_jwk(&jwk).map_err(|e| invalid(format!("unusable key {kid}: {e}")))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[
            self.config.issuer.as_str(),
            self.config.issuer.trim_end_matches('/'),
        ]);
        validation.set_audience(&[self.config.audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_S;
        let claims = decode::<Claims>(token, &key, &validation)
            .map_err(|e| invalid(format!("rejected: {e}")))?
            .claims;
        // jsonwebtoken does not look at `iat`; a token issued in the future
        // (beyond the leeway) comes from a wrong clock or a forger.
        if claims
            .iat
            .is_some_and(|iat| iat > (get_current_timestamp() + LEEWAY_S) as f64)
        {
            return Err(invalid("the token was issued in the future (iat)".into()));
        }
        let controllers = super::controllers_claim(&claims.rest, &self.config.controllers_claim)?;
        let mut scopes: HashSet<Scope> = claims
            .scope
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(Scope::parse)
            .collect();
        scopes.extend(claims.scp.iter().flatten().filter_map(|s| Scope::parse(s)));
        let client_id = claims.client_id.or(claims.azp);
        let subject = claims
            .sub
            .or_else(|| client_id.clone())
            .ok_or_else(|| invalid("the token names no subject or client".into()))?;
        Ok(Principal {
            subject,
            client_id,
            scopes,
            controllers,
        })
    }
}
