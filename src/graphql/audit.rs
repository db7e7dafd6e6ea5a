//! The audit trail, for administrators.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::audit_event;

use super::{
    connection::{Conn, PageArgs, connection, wants_total, window},
    db, internal, require,
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
        let w = window(&PageArgs::new(after, before, first, last))?;
        let query = crate::domain::audit::EventQuery {
            node_id: f.node_id.map(|id| id.0),
            subject: f.subject,
            after: w.after,
            before: w.before,
            first: w.first,
            last: w.last,
            count: wants_total(ctx),
        };
        let (rows, has_previous, has_next, total) = crate::domain::audit::events(db(ctx), &query)
            .await
            .map_err(internal)?;
        Ok(connection(
            rows,
            has_previous,
            has_next,
            total,
            |m| m.id,
            event,
        ))
    }
}
