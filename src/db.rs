//! Connecting to the database the URL names and bringing its schema up to date.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Opens a pool. A SQLite file is created when missing; SQLite gets one
/// writer connection's worth of pool so concurrent writes queue instead of
/// failing with "database is locked".
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let url = if sqlite && !url.contains("mode=") && !url.contains(":memory:") {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}mode=rwc")
    } else {
        url.to_owned()
    };
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(if sqlite { 4 } else { 16 })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if sqlite {
        // WAL lets readers run beside the writer (it is a property of the
        // file, so once is enough). sqlx already turns foreign keys on and
        // waits 5 s on a busy database, per connection.
        if !in_memory {
            db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
        }
    }
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
