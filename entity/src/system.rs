//! An IT system (asset) used by registers.
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "system")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub external_id: String,
    pub name: String,
    pub vendor_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub hosting_countries: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    /// The name per language, where it differs from `name`.
    #[sea_orm(column_type = "Text")]
    pub localized_name: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Optimistic concurrency: an update names the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::VendorId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    Vendor,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Vendor.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
