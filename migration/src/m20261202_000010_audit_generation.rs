//! Each audit event names the graph generation its write committed as, so a
//! server's in-memory snapshot at generation N catches up by reading the
//! events after N and reloading only what they name.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("audit_event")
                    .add_column(big_integer_null("generation"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_event_generation")
                    .table("audit_event")
                    .col("generation")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_audit_event_generation")
                    .table("audit_event")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("audit_event")
                    .drop_column("generation")
                    .to_owned(),
            )
            .await
    }
}
