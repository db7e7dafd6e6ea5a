//! A transfer to a third country (GDPR Chapter V).
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "transfer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub external_id: String,
    pub register_id: i64,
    pub position: i32,
    pub recipient_id: Option<i64>,
    pub engagement_id: Option<i64>,
    pub destination_country: Option<String>,
    pub mechanism: String,
    pub safeguard_reference: Option<String>,
    pub signed_on: Option<Date>,
    pub certification_checked_on: Option<Date>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub destination_region: Option<String>,
    pub scc_version: Option<String>,
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
        from = "Column::RecipientId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    Recipient,
    #[sea_orm(
        belongs_to = "super::processor_engagement::Entity",
        from = "Column::EngagementId",
        to = "super::processor_engagement::Column::Id",
        on_delete = "SetNull"
    )]
    Engagement,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Recipient.def()
    }
}

impl Related<super::processor_engagement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Engagement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
