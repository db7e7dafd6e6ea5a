//! Mutations. Each takes one `input:` and answers with a payload carrying the
//! node and `userErrors`; every write runs in one transaction through the
//! inventory writer, and any user error rolls it back whole.

/// Deletes one row by global id, mapping a blocking reference to REFERENCED.
macro_rules! delete_by_id {
    ($ctx:expr, $input:expr, $module:ident, $node_type:ident, $what:literal) => {{
        let input = $input;
        let Some(id) =
            $crate::graphql::id::decode_as(&input.id, $crate::graphql::id::NodeType::$node_type)
        else {
            return Ok($crate::graphql::mutation::DeletePayload {
                deleted_id: None,
                user_errors: vec![$crate::graphql::mutation::not_found("id", $what)],
            });
        };
        let txn = $crate::graphql::mutation::begin($crate::graphql::db($ctx)).await?;
        let Some(existing) = $crate::graphql::reach($ctx)
            .filter(entity::$module::Entity::find_by_id(id))
            .one(&txn)
            .await
            .map_err($crate::graphql::internal)?
        else {
            return Ok($crate::graphql::mutation::DeletePayload {
                deleted_id: None,
                user_errors: vec![$crate::graphql::mutation::not_found("id", $what)],
            });
        };
        if let Some(version) = input.version.filter(|v| *v != existing.version) {
            return Ok($crate::graphql::mutation::DeletePayload {
                deleted_id: None,
                user_errors: vec![$crate::graphql::mutation::conflict(
                    $what,
                    version,
                    existing.version,
                )],
            });
        }
        let change = $crate::domain::audit::Change::new(
            $crate::domain::id::NodeType::$node_type,
            id,
            Some(&existing),
            None,
        );
        match existing.delete(&txn).await {
            Ok(_) => {
                $crate::domain::audit::record(
                    &txn,
                    &$crate::graphql::mutation::actor($ctx),
                    &[change],
                )
                .await
                .map_err($crate::graphql::internal)?;
                txn.commit().await.map_err($crate::graphql::internal)?;
                Ok($crate::graphql::mutation::DeletePayload {
                    deleted_id: Some($crate::graphql::id::encode(
                        $crate::graphql::id::NodeType::$node_type,
                        id,
                    )),
                    user_errors: Vec::new(),
                })
            }
            Err(error) => {
                let user_error = $crate::graphql::mutation::delete_error(error, $what)?;
                txn.rollback().await.map_err($crate::graphql::internal)?;
                Ok($crate::graphql::mutation::DeletePayload {
                    deleted_id: None,
                    user_errors: vec![user_error],
                })
            }
        }
    }};
}

mod keyed;
mod notice;
mod parts;

use async_graphql::{ErrorExtensions, MergedObject, Result, SimpleObject};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};

use crate::{
    domain::{Path, UserError, UserErrorCode},
    graphql::internal,
};

#[derive(MergedObject, Default)]
pub struct Mutation(
    keyed::KeyedMutation,
    parts::PartsMutation,
    notice::NoticeMutation,
);

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
) -> Result<(Option<T>, Vec<UserError>)> {
    if errors.is_empty() && value.is_some() {
        crate::domain::audit::record(&txn, &actor(ctx), &changes)
            .await
            .map_err(internal)?;
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
