//! A notice published while CRITICAL findings stood on its register keeps
//! why: the reason the publisher gave and the findings it acknowledged.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in ["acknowledgement", "acknowledged_findings"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("notice_version")
                        .add_column(text_null(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["acknowledgement", "acknowledged_findings"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("notice_version")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
