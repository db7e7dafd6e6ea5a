//! A processing activity (GDPR Art. 30(1)).
//!
//! Localized text columns hold a JSON object keyed by language (`{"fi": …}`);
//! country lists hold a JSON array of ISO 3166-1 alpha-2 codes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "register")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub external_id: String,
    #[sea_orm(unique)]
    pub slug: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub status: String,
    pub controller_id: i64,
    pub dpo_id: Option<i64>,
    pub contact_person_id: Option<i64>,
    pub supervisory_authority_id: Option<i64>,
    pub notice_prepared_on: Option<Date>,
    pub notice_updated_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub automated_decision_making: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub other_information: Option<String>,
    /// NONE or NONE_REGULARLY: what the controller states of disclosures
    /// when it lists no recipients; null when it states nothing.
    pub disclosure_statement: Option<String>,
    /// The same for transfers outside the EU/EEA.
    pub transfer_statement: Option<String>,
    pub note: Option<String>,
    /// Legal bases stated once for the whole register: a JSON array of {basis, law}.
    #[sea_orm(column_type = "Text")]
    pub legal_bases: Option<String>,
    /// Rights as the notice states them where it departs from the derived ones: a JSON array.
    #[sea_orm(column_type = "Text")]
    pub rights: Option<String>,
    pub provision_requirement: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub provision_consequences: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub automated_decision_safeguards: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Optimistic concurrency: an update names the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::ControllerId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    Controller,
    #[sea_orm(
        belongs_to = "super::contact::Entity",
        from = "Column::DpoId",
        to = "super::contact::Column::Id",
        on_delete = "SetNull"
    )]
    Dpo,
    #[sea_orm(
        belongs_to = "super::contact::Entity",
        from = "Column::ContactPersonId",
        to = "super::contact::Column::Id",
        on_delete = "SetNull"
    )]
    ContactPerson,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::SupervisoryAuthorityId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    SupervisoryAuthority,
}

impl ActiveModelBehavior for ActiveModel {}
