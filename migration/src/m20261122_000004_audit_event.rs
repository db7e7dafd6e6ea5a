//! The audit trail. Node ids are global ids, not foreign keys: the trail
//! outlives the nodes it speaks of.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_event")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("occurred_at"))
                    .col(string("subject"))
                    .col(string_null("client_id"))
                    .col(string("node_id"))
                    .col(string("node_type"))
                    .col(string("operation"))
                    .col(text_null("before"))
                    .col(text_null("after"))
                    .to_owned(),
            )
            .await?;
        for column in ["node_id", "subject"] {
            manager
                .create_index(
                    Index::create()
                        .name(format!("ix_audit_event_{column}"))
                        .table("audit_event")
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("audit_event").to_owned())
            .await
    }
}
