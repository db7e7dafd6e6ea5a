//! One migrator for SQLite and PostgreSQL: the schema is written once, in
//! sea-query, and each backend gets its own dialect.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_graph;
mod m20261122_000002_notice_version;
mod m20261122_000003_category_justification;
mod m20261122_000004_audit_event;
mod m20261122_000005_graph_generation;
mod m20261122_000006_filter_indexes;
mod m20261202_000007_notice_acknowledgement;
mod m20261202_000008_absence_statements;
mod m20261202_000009_category_stored;
mod m20261202_000010_audit_generation;
mod m20261202_000011_notice_facts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_graph::Migration),
            Box::new(m20261122_000002_notice_version::Migration),
            Box::new(m20261122_000003_category_justification::Migration),
            Box::new(m20261122_000004_audit_event::Migration),
            Box::new(m20261122_000005_graph_generation::Migration),
            Box::new(m20261122_000006_filter_indexes::Migration),
            Box::new(m20261202_000007_notice_acknowledgement::Migration),
            Box::new(m20261202_000008_absence_statements::Migration),
            Box::new(m20261202_000009_category_stored::Migration),
            Box::new(m20261202_000010_audit_generation::Migration),
            Box::new(m20261202_000011_notice_facts::Migration),
        ]
    }
}
