//! A disclosure to a named organization or a category of recipients (Art. 13(1)(e)).
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "recipient")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    pub position: i32,
    pub organization_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub hedge: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Optimistic concurrency: an update names the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::register::Entity",
        from = "Column::RegisterId",
        to = "super::register::Column::Id",
        on_delete = "Cascade"
    )]
    Register,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    Organization,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
