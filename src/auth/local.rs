//! Local mode: no identity provider, one admin token. The server then
//! listens on loopback only, so the quick start is never open to a network.

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use super::{AuthError, Principal, Scope};

#[derive(Clone)]
pub struct LocalToken(Arc<SecretString>);

impl LocalToken {
    pub fn new(token: SecretString) -> Self {
        Self(Arc::new(token))
    }

    /// A fresh random token: 32 bytes from the operating system.
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)?;
        Ok(Self::new(SecretString::from(URL_SAFE_NO_PAD.encode(bytes))))
    }

    /// The token, to print once at start.
    pub fn reveal(&self) -> &str {
        self.0.expose_secret()
    }

    pub fn check(&self, token: &str) -> Result<Principal, AuthError> {
        // Constant-time, so response timing tells nothing about the token.
        if bool::from(self.0.expose_secret().as_bytes().ct_eq(token.as_bytes())) {
            Ok(Principal {
                subject: "local-admin".into(),
                client_id: None,
                scopes: [Scope::Admin].into(),
                controllers: None,
            })
        } else {
            Err(AuthError::Invalid(
                "the token is not this server's admin token".into(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_are_long_and_distinct() {
        let (a, b) = (LocalToken::generate().ok(), LocalToken::generate().ok());
        let (a, b) = (
            a.map(|t| t.reveal().to_owned()).unwrap_or_default(),
            b.map(|t| t.reveal().to_owned()).unwrap_or_default(),
        );
        assert!(a.len() >= 43 && a != b);
        let token = LocalToken::new(SecretString::from("s3cret"));
        assert!(token.check("s3cret").is_ok());
        assert!(token.check("s3cre").is_err());
    }
}
