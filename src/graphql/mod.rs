//! The GraphQL API: types are thin wrappers over stored rows, relations go
//! through the per-request DataLoader, writes go through the inventory writer.

mod audit;
pub mod connection;
mod findings;
pub use crate::domain::id;
pub mod loader;
mod mutation;
mod prefetch;
mod query;
pub mod types;

use async_graphql::{
    Context, EmptySubscription, Error, ErrorExtensions, Schema,
    dataloader::{DataLoader, HashMapCache},
};
use sea_orm::DatabaseConnection;

use crate::domain::reach::Reach;

pub use mutation::Mutation;
/// The root query: the graph and its findings.
#[derive(async_graphql::MergedObject, Default)]
pub struct Query(
    query::GraphQuery,
    findings::FindingsQuery,
    audit::AuditQuery,
);

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Limits that refuse a query before it runs.
pub const MAX_DEPTH: usize = 12;
pub const MAX_COMPLEXITY: usize = 20_000;

/// Builds the schema once at start-up; the database pool is shared data.
pub fn build_schema(db: DatabaseConnection) -> AppSchema {
    let gate =
        crate::db::WriteGate::for_backend(sea_orm::ConnectionTrait::get_database_backend(&db));
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(db)
        .data(gate)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

/// The schema without data, for printing the SDL.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl()
}

/// How long a DataLoader gathers keys before it queries, by default. Every
/// key of one level of a response is requested within a fraction of a
/// millisecond in a release build; a slower machine needs a longer window to
/// keep one statement per relation hop (`serve --batch-window-ms`).
pub const BATCH_WINDOW: std::time::Duration = std::time::Duration::from_millis(2);

/// A per-request loader for batched relations.
///
/// Queries get a cache for the length of the request, so the rows a
/// connection prefetches for its whole page are not loaded again per node;
/// mutations get none, so a payload never shows what a write replaced.
pub fn new_loader(
    db: DatabaseConnection,
    reach: Reach,
    window: std::time::Duration,
    cache: bool,
) -> Loaders {
    let loader = DataLoader::with_cache(
        loader::Loader { db, reach },
        tokio::spawn,
        HashMapCache::default(),
    )
    .delay(window);
    loader.enable_all_cache(cache);
    loader
}

/// The per-request loader of batched relations.
pub type Loaders = DataLoader<loader::Loader, HashMapCache>;

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// How far the caller reaches; a request without a known caller reaches nothing.
pub(crate) fn reach<'a>(ctx: &Context<'a>) -> &'a Reach {
    ctx.data_opt::<Reach>().unwrap_or(Reach::nothing())
}

/// Refuses a field to a caller limited to some controllers.
pub(crate) fn require_all_controllers(ctx: &Context<'_>) -> async_graphql::Result<()> {
    match reach(ctx) {
        Reach::All => Ok(()),
        Reach::Controllers(_) => Err(Error::new(
            "this field needs a token that is not limited to some controllers",
        )
        .extend_with(|_, e| e.set("code", "FORBIDDEN"))),
    }
}

pub(crate) fn loader<'a>(ctx: &Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}

/// A domain failure as a top-level error: user errors keep their message.
pub(crate) fn domain_error(error: crate::domain::DomainError) -> Error {
    match error {
        crate::domain::DomainError::User(errors) => {
            let message = errors
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            Error::new(message).extend_with(|_, e| e.set("code", "BAD_USER_INPUT"))
        }
        crate::domain::DomainError::Db(error) => internal(error),
    }
}

/// Refuses a field to a caller without `scope` (FORBIDDEN).
pub(crate) fn require(ctx: &Context<'_>, scope: crate::auth::Scope) -> async_graphql::Result<()> {
    match ctx.data_opt::<crate::auth::Principal>() {
        Some(principal) if principal.has(scope) => Ok(()),
        _ => Err(
            Error::new(format!("this field needs the scope {}", scope.as_str()))
                .extend_with(|_, e| e.set("code", "FORBIDDEN")),
        ),
    }
}

/// An unexpected failure: logged in full, shown only as a code.
pub(crate) fn internal(error: impl std::fmt::Display) -> Error {
    tracing::error!(%error, "internal error while resolving a GraphQL field");
    Error::new("internal error").extend_with(|_, e| e.set("code", "INTERNAL"))
}
