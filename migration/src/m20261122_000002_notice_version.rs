//! Published notices: immutable, numbered per register and language.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("notice_version")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(string("language"))
                    .col(integer("number"))
                    .col(string("title"))
                    .col(string("content_hash"))
                    .col(text("markdown"))
                    .col(text("html"))
                    .col(text("text"))
                    .col(text("sections"))
                    .col(text("snapshot"))
                    .col(timestamp_with_time_zone("published_at"))
                    .col(string_null("published_by"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notice_version_register_id")
                            .from("notice_version", "register_id")
                            // A register with a published notice is retired, not deleted:
                            // the history of what was promised stays.
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notice_version_register_id_language_number")
                    .table("notice_version")
                    .col("register_id")
                    .col("language")
                    .col("number")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("notice_version").to_owned())
            .await
    }
}
