//! Mutations. Each takes one `input:` and answers with a payload carrying the
//! node and `userErrors`; every write runs in one transaction through the
//! inventory writer, and any user error rolls it back whole.

mod keyed;
mod parts;

use async_graphql::{ErrorExtensions, MergedObject, Result, SimpleObject};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};

use crate::{
    domain::{Path, UserError, UserErrorCode},
    graphql::internal,
};

#[derive(MergedObject, Default)]
pub struct Mutation(keyed::KeyedMutation, parts::PartsMutation);

/// The answer of a delete.
#[derive(SimpleObject)]
pub struct DeletePayload {
    /// The global id of the deleted node; null when nothing was deleted.
    pub deleted_id: Option<async_graphql::ID>,
    pub user_errors: Vec<UserError>,
}

pub(crate) async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction> {
    db.begin().await.map_err(internal)
}

/// Commits when there were no user errors, rolls back otherwise.
pub(crate) async fn finish<T>(
    txn: DatabaseTransaction,
    errors: Vec<UserError>,
    value: Option<T>,
) -> Result<(Option<T>, Vec<UserError>)> {
    if errors.is_empty() && value.is_some() {
        txn.commit().await.map_err(internal)?;
        Ok((value, errors))
    } else {
        txn.rollback().await.map_err(internal)?;
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
