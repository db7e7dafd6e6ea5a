//! The GraphQL API: types are thin wrappers over the nodes of the in-memory
//! snapshot (`graph`), whose resolvers only look things up; writes go
//! through the inventory writer, after which the request's snapshot
//! catches up.

mod audit;
pub mod connection;
mod findings;
pub use crate::domain::id;
mod mutation;
mod query;
pub mod types;

use std::sync::Arc;

use arc_swap::ArcSwap;
use async_graphql::{Context, EmptySubscription, Error, ErrorExtensions, Schema};
use sea_orm::DatabaseConnection;

use crate::{
    domain::reach::Reach,
    graph::{Graph, Live, Reached},
};

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

/// What a request reads: one snapshot of the graph and what its caller
/// reaches in it. A query reads the snapshot it started with throughout, so
/// a write committed meanwhile never gives it a mixed view; a mutation moves
/// on to the snapshot after each of its writes, so its payload shows what it
/// wrote (read-your-writes).
pub struct Snapshot {
    live: Arc<Live>,
    reach: Reach,
    current: ArcSwap<Scope>,
}

/// One snapshot and the caller's reach in it.
pub struct Scope {
    pub graph: Arc<Graph>,
    pub reached: Reached,
}

impl Snapshot {
    pub fn new(live: Arc<Live>, graph: Arc<Graph>, reach: Reach) -> Self {
        let reached = graph.reached(&reach);
        Self {
            live,
            reach,
            current: ArcSwap::from_pointee(Scope { graph, reached }),
        }
    }

    /// Moves on to the current snapshot (after a write).
    pub async fn refresh(&self) -> Result<Arc<Graph>, sea_orm::DbErr> {
        let graph = self.live.current().await?;
        let reached = graph.reached(&self.reach);
        self.current.store(Arc::new(Scope {
            graph: graph.clone(),
            reached,
        }));
        Ok(graph)
    }
}

/// The snapshot a resolver reads and the caller's reach in it. Resolvers
/// are synchronous over it: no guard is held across an await.
pub(crate) fn read(ctx: &Context<'_>) -> arc_swap::Guard<Arc<Scope>> {
    ctx.data_unchecked::<Snapshot>().current.load()
}

/// The server's live graph, for writes that publish from it.
pub(crate) fn live<'a>(ctx: &Context<'a>) -> &'a Live {
    &ctx.data_unchecked::<Snapshot>().live
}

/// After a committed write: the request reads the snapshot that holds it.
pub(crate) async fn caught_up(ctx: &Context<'_>) -> Result<Arc<Graph>, sea_orm::DbErr> {
    ctx.data_unchecked::<Snapshot>().refresh().await
}

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// How far the caller reaches; a request without a known caller reaches nothing.
pub(crate) fn reach<'a>(ctx: &Context<'a>) -> &'a Reach {
    ctx.data_opt::<Snapshot>()
        .map(|s| &s.reach)
        .unwrap_or(Reach::nothing())
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
