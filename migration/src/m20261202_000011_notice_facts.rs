//! What real notices say and the model could not hold: legal bases stated
//! once for a register and national-law references (Art. 6(3)), rights as a
//! notice states them, the Art. 13(2)(e) requirement and Art. 22(3)
//! safeguards, regions as destinations, hedged items, the version of the
//! standard contractual clauses, retention "at the latest" and its disposal,
//! a system's name per language, and an organization's further channels.
//! Every column is new and empty or false: existing data reads as before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column, kind) with kind "text", "string" or "flag".
const COLUMNS: &[(&str, &str, &str)] = &[
    ("organization", "channels", "text"),
    ("system", "localized_name", "text"),
    ("register", "legal_bases", "text"),
    ("register", "rights", "text"),
    ("register", "provision_requirement", "string"),
    ("register", "provision_consequences", "text"),
    ("register", "automated_decision_safeguards", "text"),
    ("purpose", "law", "text"),
    ("recipient", "hedge", "string"),
    ("processor_engagement", "hedge", "string"),
    ("transfer", "destination_region", "string"),
    ("transfer", "scc_version", "string"),
    ("transfer", "hedge", "string"),
    ("retention_rule", "at_the_latest", "flag"),
    ("retention_rule", "disposal", "string"),
    ("retention_rule", "law", "text"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for &(table, column, kind) in COLUMNS {
            let definition = match kind {
                "text" => text_null(column),
                "flag" => boolean(column).default(false).to_owned(),
                _ => string_null(column),
            };
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(definition)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for &(table, column, _) in COLUMNS.iter().rev() {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
