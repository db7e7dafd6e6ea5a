//! The audit trail, for administrators.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::audit_event;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    connection::{Conn, PageArgs, paginate},
    db, require,
};
use crate::auth::Scope;

/// One change to one node: who, when, what it was before and after (JSON).
#[derive(SimpleObject)]
pub struct AuditEvent {
    pub occurred_at: DateTime<Utc>,
    /// The token's subject ("cli" for the command line, "demo-data" for the demo).
    pub subject: String,
    pub client_id: Option<String>,
    /// The changed node's global id (the node may no longer exist).
    pub node_id: ID,
    pub node_type: String,
    /// CREATE, UPDATE, DELETE or LINKS.
    pub operation: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn event(m: audit_event::Model) -> AuditEvent {
    AuditEvent {
        occurred_at: m.occurred_at,
        subject: m.subject,
        client_id: m.client_id,
        node_id: ID(m.node_id),
        node_type: m.node_type,
        operation: m.operation,
        before: m.before,
        after: m.after,
    }
}

#[derive(InputObject, Default)]
pub struct AuditEventFilter {
    pub node_id: Option<ID>,
    pub subject: Option<String>,
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Every recorded change, oldest first (use `last` for the newest). Needs ropa:admin.
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<AuditEventFilter>,
    ) -> Result<Conn<AuditEvent>> {
        require(ctx, Scope::Admin)?;
        // The trail spans every controller, and records deleted nodes whose
        // controller can no longer be told.
        crate::graphql::require_all_controllers(ctx)?;
        let f = filter.unwrap_or_default();
        let mut select = audit_event::Entity::find();
        if let Some(node) = f.node_id {
            select = select.filter(audit_event::Column::NodeId.eq(node.0));
        }
        if let Some(subject) = f.subject {
            select = select.filter(audit_event::Column::Subject.eq(subject));
        }
        paginate(
            db(ctx),
            select,
            audit_event::Column::Id,
            |m| m.id,
            event,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }
}
