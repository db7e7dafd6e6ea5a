//! How long a register's data (or one category of it) is kept (Art. 13(2)(a)).
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "retention_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    pub position: i32,
    pub data_category_id: Option<i64>,
    pub amount: Option<i32>,
    pub unit: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub trigger: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub criteria: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub exceptions: Option<String>,
    /// The period is an upper bound ("at the latest", "enintään").
    pub at_the_latest: bool,
    pub disposal: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub law: Option<String>,
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
        belongs_to = "super::data_category::Entity",
        from = "Column::DataCategoryId",
        to = "super::data_category::Column::Id",
        on_delete = "Restrict"
    )]
    DataCategory,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl Related<super::data_category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DataCategory.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
