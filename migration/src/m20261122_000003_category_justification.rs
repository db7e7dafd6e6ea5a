//! Why a register processes a category that needs a stated ground: the
//! § 29 ground for a personal identity code (Tietosuojalaki 1050/2018) or the
//! authorisation for criminal data (GDPR Art. 10).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("register_data_category")
                    .add_column(text_null("justification"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("register_data_category")
                    .drop_column("justification")
                    .to_owned(),
            )
            .await
    }
}
