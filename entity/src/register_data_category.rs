//! Link: the personal data categories of a register, with a per-link note.
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "register_data_category")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    pub category_id: i64,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
    /// The stated ground for a category that needs one (added by migration 3).
    #[sea_orm(column_type = "Text")]
    pub justification: Option<String>,
    /// False when the register processes the category without keeping it
    /// (an identity code checked and not stored; added by migration 9).
    pub stored: bool,
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
        from = "Column::CategoryId",
        to = "super::data_category::Column::Id",
        on_delete = "Restrict"
    )]
    Category,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl Related<super::data_category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Category.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
