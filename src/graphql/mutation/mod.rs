//! Mutations. Each takes one `input:` and answers with a payload carrying the
//! node and `userErrors`; every write runs in one transaction through the
//! inventory writer, and any user error rolls it back whole.

mod import;
mod keyed;
pub(crate) mod node;
mod notice;
mod parts;
pub(crate) mod patch;

use async_graphql::{ErrorExtensions, MergedObject, Result, SimpleObject};
use sea_orm::{DatabaseTransaction, DbErr};

use crate::{
    domain::{Path, UserError, UserErrorCode},
    graphql::internal,
};

#[derive(MergedObject, Default)]
pub struct Mutation(
    keyed::KeyedMutation,
    parts::PartsMutation,
    notice::NoticeMutation,
    import::ImportMutation,
);

/// Names the node to delete.
#[derive(async_graphql::InputObject)]
pub struct DeleteInput {
    pub id: async_graphql::ID,
    /// When given, the delete is refused with CONFLICT if the node changed since.
    pub version: Option<i32>,
}

/// The answer of a delete.
#[derive(SimpleObject)]
pub struct DeletePayload {
    /// The global id of the deleted node; null when nothing was deleted.
    pub deleted_id: Option<async_graphql::ID>,
    pub user_errors: Vec<UserError>,
}

/// A failed write, before it is answered: a database error is sorted by
/// `settle` into the caller's problem (CONFLICT, DUPLICATE) or a fault.
pub(crate) enum Failed {
    Db(DbErr),
    Graphql(async_graphql::Error),
}

impl From<DbErr> for Failed {
    fn from(error: DbErr) -> Self {
        Self::Db(error)
    }
}

impl From<async_graphql::Error> for Failed {
    fn from(error: async_graphql::Error) -> Self {
        Self::Graphql(error)
    }
}

/// A mutation payload that can answer with user errors alone.
pub(crate) trait Refused {
    fn refused(errors: Vec<UserError>) -> Self;
}

impl Refused for DeletePayload {
    fn refused(user_errors: Vec<UserError>) -> Self {
        Self {
            deleted_id: None,
            user_errors,
        }
    }
}

/// Runs a mutation's body and answers what a lost race left behind as the
/// caller's problem, never INTERNAL: a conditional write that found another
/// writer's version is CONFLICT, a key another writer took first is
/// DUPLICATE, a database still busy after its timeout is CONFLICT (try
/// again). The transaction was dropped, so nothing of it stays.
pub(crate) async fn settle<P: Refused>(
    what: &str,
    body: impl std::future::Future<Output = std::result::Result<P, Failed>>,
) -> Result<P> {
    use crate::db::{WriteFailure, write_failure};
    match body.await {
        Ok(payload) => Ok(payload),
        Err(Failed::Graphql(error)) => Err(error),
        Err(Failed::Db(error)) => {
            let (code, message) = match write_failure(&error) {
                WriteFailure::Stale => (
                    UserErrorCode::Conflict,
                    format!(
                        "the {what} changed while this write ran: read it again and reapply your change"
                    ),
                ),
                WriteFailure::Taken => (
                    UserErrorCode::Duplicate,
                    "a key or slug in this input was taken by another write that finished first"
                        .to_owned(),
                ),
                WriteFailure::Busy => (
                    UserErrorCode::Conflict,
                    "the database was busy with other writes: nothing was written, try again"
                        .to_owned(),
                ),
                WriteFailure::Fault => return Err(internal(error)),
            };
            let field = match code {
                UserErrorCode::Conflict => Path::root("input").key("version"),
                _ => Path::root("input"),
            };
            Ok(P::refused(vec![UserError::new(&field, code, message)]))
        }
    }
}

/// Begins a mutation's transaction: the turn to write (SQLite: one writer in
/// this process at a time) and the transaction, `BEGIN IMMEDIATE` on SQLite.
pub(crate) async fn begin(
    ctx: &async_graphql::Context<'_>,
) -> Result<(
    Option<tokio::sync::OwnedMutexGuard<()>>,
    DatabaseTransaction,
)> {
    let turn = match ctx.data_opt::<crate::db::WriteGate>() {
        Some(gate) => gate.enter().await,
        None => None,
    };
    let txn = crate::db::begin_write(crate::graphql::db(ctx))
        .await
        .map_err(internal)?;
    Ok((turn, txn))
}

/// Serializes writers of the same externalId on PostgreSQL for the rest of
/// the transaction, so concurrent first upserts of one key create it once and
/// the others find it (SQLite runs one writer at a time anyway).
pub(crate) async fn lock_key(
    txn: &DatabaseTransaction,
    kind: &str,
    key: &str,
) -> std::result::Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    if txn.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    txn.execute_raw(sea_orm::Statement::from_sql_and_values(
        sea_orm::DatabaseBackend::Postgres,
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        [format!("{kind}:{key}").into()],
    ))
    .await?;
    Ok(())
}

/// Who is calling, for the audit trail.
pub(crate) fn actor(ctx: &async_graphql::Context<'_>) -> crate::domain::audit::Actor {
    match ctx.data_opt::<crate::auth::Principal>() {
        Some(p) => crate::domain::audit::Actor {
            subject: p.subject.clone(),
            client_id: p.client_id.clone(),
        },
        None => crate::domain::audit::Actor {
            subject: "unknown".into(),
            client_id: None,
        },
    }
}

/// Commits, with the audit trail of the changes, when there were no user
/// errors; rolls back otherwise.
pub(crate) async fn finish<T>(
    txn: DatabaseTransaction,
    ctx: &async_graphql::Context<'_>,
    errors: Vec<UserError>,
    changes: Vec<crate::domain::audit::Change>,
    value: Option<T>,
) -> std::result::Result<(Option<T>, Vec<UserError>), Failed> {
    if errors.is_empty() && value.is_some() {
        crate::domain::audit::record(&txn, &actor(ctx), &changes).await?;
        txn.commit().await?;
        // The payload and the rest of the request read the write.
        crate::graphql::caught_up(ctx).await?;
        Ok((value, errors))
    } else {
        txn.rollback().await?;
        Ok((None, errors))
    }
}

pub(crate) fn not_found(field: &str, what: &str) -> UserError {
    UserError::new(
        &Path::root("input").key(field),
        UserErrorCode::NotFound,
        format!("no {what} has this id"),
    )
}

pub(crate) fn conflict(what: &str, sent: i32, stored: i32) -> UserError {
    UserError::new(
        &Path::root("input").key("version"),
        UserErrorCode::Conflict,
        format!(
            "the {what} changed since you read it: you sent version {sent}, it is now at version {stored}; read it again and reapply your change"
        ),
    )
}

/// A delete blocked by a foreign key is the caller's problem, not ours.
pub(crate) fn delete_error(error: DbErr, what: &str) -> Result<UserError> {
    let foreign_key = matches!(error.sql_err(), Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)))
        // SQLite reports a restricted delete only by its message.
        || error.to_string().contains("FOREIGN KEY constraint failed");
    match foreign_key {
        true => Ok(UserError::new(
            &Path::root("input").key("id"),
            UserErrorCode::Referenced,
            format!(
                "the {what} is still referenced by other records (as a controller, processor, recipient, vendor or category in use); remove those references first"
            ),
        )),
        false => Err(internal(error).extend()),
    }
}
