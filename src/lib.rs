//! ropagraph: a GDPR record of processing activities (Art. 30) kept as a
//! typed graph and served over GraphQL.
//!
//! `build_app` gives the whole HTTP application as a router, so the binary and
//! the tests run the same thing.

pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod findings;
pub mod generate;
pub mod graph;
pub mod graphql;
pub mod http;
pub mod inventory;
pub mod notice;

pub use http::{AppState, build_app};
