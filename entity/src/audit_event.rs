//! Who changed what, and when (GDPR Art. 5(2) accountability): one row per
//! changed node, written in the same transaction as the change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub occurred_at: DateTimeUtc,
    /// The token's subject, or "cli" for the command line.
    pub subject: String,
    pub client_id: Option<String>,
    /// The changed node's global id.
    pub node_id: String,
    pub node_type: String,
    /// CREATE, UPDATE, DELETE or LINKS (a register's links replaced).
    pub operation: String,
    #[sea_orm(column_type = "Text")]
    pub before: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub after: Option<String>,
    /// The graph generation the write committed as (null before it was kept).
    pub generation: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
