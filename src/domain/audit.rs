//! Changes as the audit trail records them. The writer collects one `Change`
//! per node it creates, updates or deletes; whoever commits the transaction
//! writes them with the actor, so the trail and the change land together.

use chrono::Utc;
use entity::audit_event;
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel};
use serde::Serialize;

use super::id::{NodeType, encode};

/// Who made a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub subject: String,
    pub client_id: Option<String>,
}

impl Actor {
    pub fn cli() -> Self {
        Self {
            subject: "cli".into(),
            client_id: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Create,
    Update,
    Delete,
    /// A register's links (categories, systems, joint controllers) replaced.
    Links,
}

impl Operation {
    fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "CREATE",
            Operation::Update => "UPDATE",
            Operation::Delete => "DELETE",
            Operation::Links => "LINKS",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub node_type: NodeType,
    pub id: i64,
    pub operation: Operation,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn json<T: Serialize>(value: Option<&T>) -> Option<String> {
    value.and_then(|v| serde_json::to_string(v).ok())
}

impl Change {
    pub fn new<T: Serialize>(
        node_type: NodeType,
        id: i64,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Self {
        let operation = match (before.is_some(), after.is_some()) {
            (false, _) => Operation::Create,
            (true, true) => Operation::Update,
            (true, false) => Operation::Delete,
        };
        Self {
            node_type,
            id,
            operation,
            before: json(before),
            after: json(after),
        }
    }

    pub fn links<T: Serialize>(register_id: i64, before: &T, after: &T) -> Self {
        Self {
            node_type: NodeType::Register,
            id: register_id,
            operation: Operation::Links,
            before: json(Some(before)),
            after: json(Some(after)),
        }
    }
}

/// Writes the changes as audit events, inside the caller's transaction.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    changes: &[Change],
) -> Result<(), DbErr> {
    if changes.is_empty() {
        return Ok(());
    }
    bump_generation(db).await?;
    let now = Utc::now();
    let rows = changes.iter().map(|c| {
        let mut row = audit_event::Model {
            id: 0,
            occurred_at: now,
            subject: actor.subject.clone(),
            client_id: actor.client_id.clone(),
            node_id: encode(c.node_type, c.id).0,
            node_type: c.node_type.name().to_owned(),
            operation: c.operation.as_str().to_owned(),
            before: c.before.clone(),
            after: c.after.clone(),
        }
        .into_active_model();
        row.id = NotSet;
        row
    });
    // Inserted in chunks: SQLite and PostgreSQL both cap bind parameters.
    let rows: Vec<_> = rows.collect();
    for chunk in rows.chunks(500) {
        audit_event::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Marks the graph as changed, in the writer's transaction: cached responses
/// of an older generation are no longer served (see `http::cache`).
async fn bump_generation<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    db.execute_unprepared("UPDATE graph_generation SET value = value + 1 WHERE id = 1")
        .await?;
    Ok(())
}

/// The graph's current generation: it grows with every committed write.
pub async fn generation<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT value FROM graph_generation WHERE id = 1",
        ))
        .await?;
    match row {
        Some(row) => row.try_get_by_index::<i64>(0),
        None => Ok(0),
    }
}
