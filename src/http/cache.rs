//! Responses to read-only queries, served again while the graph has not
//! changed. Dashboards poll the same few queries; between two writes the
//! answer is the same, so it is computed once.
//!
//! A response is kept under a hash of everything it depends on: the graph's
//! generation (a counter every write bumps in its own transaction, read from
//! the database on each request, so every replica sees a write at once), the
//! document, operation name and variables, the caller's reach and scopes,
//! the response media type, and the date (findings depend on it). Only
//! complete answers without errors are kept.

use std::sync::Arc;

use axum::body::Bytes;
use quick_cache::{Weighter, sync::Cache};
use sha2::{Digest, Sha256};

/// A response body with its content type.
#[derive(Clone)]
pub struct Cached {
    pub body: Bytes,
    pub content_type: &'static str,
}

pub type Key = [u8; 32];

#[derive(Clone)]
struct BodyWeighter;

impl Weighter<Key, Cached> for BodyWeighter {
    fn weight(&self, _key: &Key, value: &Cached) -> u64 {
        value.body.len() as u64 + 64
    }
}

/// The response cache; disabled when its size is zero.
#[derive(Clone, Default)]
pub struct ResponseCache {
    cache: Option<Arc<Cache<Key, Cached, BodyWeighter>>>,
    largest: usize,
}

impl ResponseCache {
    /// A cache holding up to `bytes` of response bodies; none for zero.
    pub fn new(bytes: u64) -> Self {
        if bytes == 0 {
            return Self::default();
        }
        // A rough guess at the number of entries, for the table's size.
        let estimated = (bytes / 16_384).clamp(16, 100_000) as usize;
        Self {
            cache: Some(Arc::new(Cache::with_weighter(
                estimated,
                bytes,
                BodyWeighter,
            ))),
            // One response may take at most an eighth of the cache.
            largest: (bytes / 8) as usize,
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.cache.is_some()
    }

    /// The key of a response: a hash of each part, length-prefixed so that
    /// no two different lists of parts hash alike.
    pub fn key(parts: &[&[u8]]) -> Key {
        let mut hash = Sha256::new();
        for part in parts {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        hash.finalize().into()
    }

    pub fn get(&self, key: &Key) -> Option<Cached> {
        self.cache.as_ref()?.get(key)
    }

    pub fn put(&self, key: Key, value: Cached) {
        if let Some(cache) = &self.cache
            && value.body.len() <= self.largest
        {
            cache.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_parts_apart() {
        assert_ne!(
            ResponseCache::key(&[b"ab", b"c"]),
            ResponseCache::key(&[b"a", b"bc"])
        );
        assert_eq!(
            ResponseCache::key(&[b"a", b"b"]),
            ResponseCache::key(&[b"a", b"b"])
        );
    }

    #[test]
    fn keeps_what_fits() {
        let cache = ResponseCache::new(8 * 1024);
        let small = Cached {
            body: Bytes::from_static(b"{}"),
            content_type: "application/json",
        };
        cache.put([1; 32], small);
        assert!(cache.get(&[1; 32]).is_some());
        let big = Cached {
            body: Bytes::from(vec![b' '; 2048]),
            content_type: "application/json",
        };
        cache.put([2; 32], big);
        assert!(cache.get(&[2; 32]).is_none(), "larger than an eighth");
        let off = ResponseCache::new(0);
        off.put(
            [3; 32],
            Cached {
                body: Bytes::from_static(b"{}"),
                content_type: "application/json",
            },
        );
        assert!(!off.is_enabled() && off.get(&[3; 32]).is_none());
    }
}
