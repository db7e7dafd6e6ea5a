//! Opaque access tokens, checked at the issuer's RFC 7662 introspection
//! endpoint with the `oauth2` crate: the client authenticates itself, no
//! redirects are followed, and positive answers are cached until the token's
//! expiry or a short cap, whichever comes first (keyed by a hash of the token,
//! never the token itself). Refusals are remembered too, more briefly, so a
//! flood of one bad token asks the endpoint once per few seconds, not once
//! per request.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use chrono::Utc;
use oauth2::{
    AccessToken, Client, ClientId, ClientSecret, EndpointNotSet, EndpointSet, ExtraTokenFields,
    IntrospectionUrl, StandardRevocableToken, StandardTokenIntrospectionResponse,
    TokenIntrospectionResponse,
    basic::{BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenResponse, BasicTokenType},
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use super::{AuthError, Principal, Scope};

/// The longest a refusal (inactive, expired, for another audience…) is
/// remembered, and never longer than `cache_cap`: long enough to absorb a
/// flood, short enough that a token activated a moment later soon works.
const REFUSAL_CAP: Duration = Duration::from_secs(5);

/// Refusals remembered at once; past it the least used are forgotten, so a
/// flood of distinct tokens cannot grow the memory without bound.
const REFUSALS_KEPT: usize = 10_000;

/// Claims beyond RFC 7662's, kept so the controllers claim can be seen.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Extra {
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

impl ExtraTokenFields for Extra {}

type Introspection = StandardTokenIntrospectionResponse<Extra, BasicTokenType>;
type IntrospectionClient = Client<
    BasicErrorResponse,
    BasicTokenResponse,
    Introspection,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
>;

#[derive(Clone, Debug)]
pub struct IntrospectionConfig {
    pub url: String,
    pub client_id: String,
    pub client_secret: String,
    /// When set, a token whose `aud` is given must include it.
    pub audience: Option<String>,
    pub controllers_claim: String,
    /// The longest a positive answer is trusted without asking again
    /// (`--introspection-cache-s`); refusals are trusted for at most 5 s of it.
    pub cache_cap: Duration,
}

pub struct Introspector {
    client: IntrospectionClient,
    http: reqwest::Client,
    config: IntrospectionConfig,
    cache: Mutex<HashMap<[u8; 32], (Principal, Instant)>>,
    /// Why a token was refused, and until when that answer stands.
    refused: quick_cache::sync::Cache<[u8; 32], (String, Instant)>,
}

impl Introspector {
    pub fn new(config: IntrospectionConfig) -> Result<Self, String> {
        let url = IntrospectionUrl::new(config.url.clone())
            .map_err(|e| format!("introspection URL: {e}"))?;
        let client = Client::new(ClientId::new(config.client_id.clone()))
            .set_client_secret(ClientSecret::new(config.client_secret.clone()))
            .set_introspection_url(url);
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            client,
            http,
            config,
            cache: Mutex::new(HashMap::new()),
            refused: quick_cache::sync::Cache::new(REFUSALS_KEPT),
        })
    }

    pub async fn validate(&self, token: &str) -> Result<Principal, AuthError> {
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        {
            let mut cache = self.cache.lock().await;
            match cache.get(&key) {
                Some((principal, until)) if *until > Instant::now() => return Ok(principal.clone()),
                Some(_) => {
                    cache.remove(&key);
                }
                None => {}
            }
        }
        if let Some((why, until)) = self.refused.get(&key) {
            if until > Instant::now() {
                return Err(AuthError::Invalid(why));
            }
            self.refused.remove(&key);
        }
        let answer = self
            .client
            .introspect(&AccessToken::new(token.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| AuthError::Unavailable(format!("token introspection failed: {e}")))?;
        // The endpoint answered: its refusal is as good as its approval for a
        // while. An unreachable endpoint (above) is never remembered.
        let (principal, remaining) = match self.judge(&answer) {
            Ok(judged) => judged,
            Err(AuthError::Invalid(why)) => {
                let lasts = self.config.cache_cap.min(REFUSAL_CAP);
                if !lasts.is_zero() {
                    self.refused
                        .insert(key, (why.clone(), Instant::now() + lasts));
                }
                return Err(AuthError::Invalid(why));
            }
            Err(other) => return Err(other),
        };
        let until = Instant::now() + remaining.min(self.config.cache_cap);
        let mut cache = self.cache.lock().await;
        // Keep the cache bounded: drop what has expired when it grows.
        if cache.len() > 10_000 {
            let now = Instant::now();
            cache.retain(|_, (_, until)| *until > now);
        }
        cache.insert(key, (principal.clone(), until));
        Ok(principal)
    }

    /// The caller an introspection answer vouches for, and for how long.
    fn judge(&self, answer: &Introspection) -> Result<(Principal, Duration), AuthError> {
        if !answer.active() {
            return Err(AuthError::Invalid("the token is not active".into()));
        }
        let remaining = match answer.exp() {
            Some(exp) if exp <= Utc::now() => {
                return Err(AuthError::Invalid("the token has expired".into()));
            }
            Some(exp) => (exp - Utc::now()).to_std().unwrap_or_default(),
            None => self.config.cache_cap,
        };
        // With an audience configured, a token must name it: one issued for
        // no audience in particular is not for us.
        if let Some(wanted) = &self.config.audience
            && !answer
                .aud()
                .is_some_and(|audiences| audiences.iter().any(|a| a == wanted))
        {
            return Err(AuthError::Invalid(
                "the token is not for this audience".into(),
            ));
        }
        let controllers =
            super::controllers_claim(&answer.extra_fields().rest, &self.config.controllers_claim)?;
        let scopes = answer
            .scopes()
            .into_iter()
            .flatten()
            .filter_map(|s| Scope::parse(s))
            .collect();
        let client_id = answer.client_id().map(|c| c.as_str().to_owned());
        let subject = answer
            .sub()
            .map(str::to_owned)
            .or_else(|| client_id.clone())
            .or_else(|| answer.username().map(str::to_owned))
            .ok_or_else(|| AuthError::Invalid("the token names no subject or client".into()))?;
        let principal = Principal {
            subject,
            client_id,
            scopes,
            controllers,
        };
        Ok((principal, remaining))
    }
}
