//! One integration binary: the real application on a loopback port, every
//! test on a fresh database, each test on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod cache;
mod cli;
mod concurrency;
mod contract;
mod findings;
mod graph;
mod helpers;
mod http;
mod inventory;
mod isolation;
mod mutations;
mod notices;
mod partial;
mod queries;
mod schema;
