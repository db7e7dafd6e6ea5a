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
    let generation = bump_generation(db).await?;
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
            generation: Some(generation),
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

/// Marks the graph as changed, in the writer's transaction, and returns the
/// generation the write commits as. The row lock this takes orders writers:
/// generations commit in order and without gaps, so a server that has seen
/// generation N and reads the events after N misses nothing (see `graph`).
async fn bump_generation<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "UPDATE graph_generation SET value = value + 1 WHERE id = 1 RETURNING value",
        ))
        .await?;
    match row {
        Some(row) => row.try_get_by_index::<i64>(0),
        None => Err(DbErr::RecordNotFound("graph_generation".into())),
    }
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

/// Which audit events to read: a page of them, by id (oldest first).
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    pub node_id: Option<String>,
    pub subject: Option<String>,
    pub after: Option<i64>,
    pub before: Option<i64>,
    pub first: Option<usize>,
    pub last: Option<usize>,
    pub count: bool,
}

/// A page of the audit trail: the events, whether there are more before
/// and after, and how many match in all (when counted). The trail is a log
/// beside the graph, not part of it, so it is read from the database.
pub async fn events<C: ConnectionTrait>(
    db: &C,
    q: &EventQuery,
) -> Result<(Vec<audit_event::Model>, bool, bool, Option<usize>), DbErr> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut select = audit_event::Entity::find();
    if let Some(node) = &q.node_id {
        select = select.filter(audit_event::Column::NodeId.eq(node.as_str()));
    }
    if let Some(subject) = &q.subject {
        select = select.filter(audit_event::Column::Subject.eq(subject.as_str()));
    }
    let total = match q.count {
        true => Some(select.clone().count(db).await? as usize),
        false => None,
    };
    if let Some(after) = q.after {
        select = select.filter(audit_event::Column::Id.gt(after));
    }
    if let Some(before) = q.before {
        select = select.filter(audit_event::Column::Id.lt(before));
    }
    let id = audit_event::Column::Id;
    let (rows, has_previous, has_next) = match (q.first, q.last) {
        (Some(first), last) => {
            let mut rows = select
                .order_by_asc(id)
                .limit((first + 1) as u64)
                .all(db)
                .await?;
            let has_next = rows.len() > first;
            rows.truncate(first);
            let mut has_previous = q.after.is_some();
            if let Some(last) = last.filter(|l| *l < rows.len()) {
                rows.drain(..rows.len() - last);
                has_previous = true;
            }
            (rows, has_previous, has_next)
        }
        (None, Some(last)) => {
            let mut rows = select
                .order_by_desc(id)
                .limit((last + 1) as u64)
                .all(db)
                .await?;
            let has_previous = rows.len() > last;
            rows.truncate(last);
            rows.reverse();
            (rows, has_previous, q.before.is_some())
        }
        (None, None) => (Vec::new(), false, false),
    };
    Ok((rows, has_previous, has_next, total))
}
