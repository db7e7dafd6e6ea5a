//! A purpose of processing with its legal basis (Art. 6(1), Art. 9(2)).
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "purpose")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub legal_basis: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub legitimate_interest: Option<String>,
    pub special_category_condition: Option<String>,
    /// The national law the basis rests on (Art. 6(3)): a JSON LawReference.
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
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
