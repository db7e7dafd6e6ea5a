//! Indexes for the columns the root connections filter on (foreign keys and
//! external ids are indexed where their tables are created).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column) pairs a filter of the API compares with a value.
const FILTERED: [(&str, &str); 6] = [
    ("register", "status"),
    ("organization", "country"),
    ("transfer", "destination_country"),
    ("transfer", "mechanism"),
    ("purpose", "legal_basis"),
    ("data_category", "special_category"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in FILTERED {
            manager
                .create_index(
                    Index::create()
                        .name(format!("ix_{table}_{column}"))
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in FILTERED {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("ix_{table}_{column}"))
                        .table(table)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
