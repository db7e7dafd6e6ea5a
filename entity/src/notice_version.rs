//! A published privacy notice: an immutable rendering of a register's notice
//! in one language, with the data it was compiled from (GDPR Art. 5(2):
//! what was promised to data subjects, and when).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "notice_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    pub language: String,
    /// 1, 2, 3… per register and language.
    pub number: i32,
    pub title: String,
    /// SHA-256 of `markdown`.
    pub content_hash: String,
    #[sea_orm(column_type = "Text")]
    pub markdown: String,
    #[sea_orm(column_type = "Text")]
    pub html: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// The sections with the ids of the nodes they came from (JSON).
    #[sea_orm(column_type = "Text")]
    pub sections: String,
    /// The language-resolved register data the notice was compiled from (JSON).
    #[sea_orm(column_type = "Text")]
    pub snapshot: String,
    pub published_at: DateTimeUtc,
    /// Who published it (the token subject), when known.
    pub published_by: Option<String>,
    /// Why it was published while CRITICAL findings stood on the register.
    #[sea_orm(column_type = "Text", nullable)]
    pub acknowledgement: Option<String>,
    /// The codes of those findings (a JSON array), with `acknowledgement`.
    #[sea_orm(column_type = "Text", nullable)]
    pub acknowledged_findings: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::register::Entity",
        from = "Column::RegisterId",
        to = "super::register::Column::Id",
        on_delete = "Restrict"
    )]
    Register,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
