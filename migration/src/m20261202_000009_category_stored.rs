//! A register may process a category without storing it: a personal
//! identity code checked against a document and not kept. Existing links
//! are stored, as every notice said until now.

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
                    .add_column(boolean("stored").default(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("register_data_category")
                    .drop_column("stored")
                    .to_owned(),
            )
            .await
    }
}
