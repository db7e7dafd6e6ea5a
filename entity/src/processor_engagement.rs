//! A processor (or sub-processor) engaged for a register (Art. 28).
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "processor_engagement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub external_id: String,
    pub register_id: i64,
    pub position: i32,
    pub processor_id: i64,
    pub parent_id: Option<i64>,
    pub role: String,
    #[sea_orm(column_type = "Text")]
    pub service: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub processing_countries: String,
    pub contract_date: Option<Date>,
    pub contract_reference: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub conditions: Option<String>,
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
        from = "Column::ProcessorId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    Processor,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "SetNull"
    )]
    Parent,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Processor.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
