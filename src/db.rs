//! Connecting to the database the URL names and bringing its schema up to date.

use std::{ops::Deref, sync::Arc, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
    RuntimeErr, SqlErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

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

/// Lets one write transaction at a time into a SQLite database from this
/// process. SQLite has one writer anyway; queueing here keeps the waiting
/// writers from holding pool connections that readers need, and leaves the
/// busy timeout for writers in other processes (a CLI import beside `serve`).
/// PostgreSQL needs no gate: row locks order its writers.
#[derive(Clone, Debug, Default)]
pub struct WriteGate(Option<Arc<tokio::sync::Mutex<()>>>);

impl WriteGate {
    pub fn for_backend(backend: DatabaseBackend) -> Self {
        match backend {
            DatabaseBackend::Sqlite => Self(Some(Arc::default())),
            _ => Self(None),
        }
    }

    /// Waits for the turn to write; the turn lasts as long as the guard.
    pub async fn enter(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        match &self.0 {
            Some(gate) => Some(gate.clone().lock_owned().await),
            None => None,
        }
    }
}

/// Begins a write transaction. On SQLite it is `BEGIN IMMEDIATE`: the write
/// lock is taken at the start, and a busy database is waited for (the busy
/// timeout), where a deferred transaction that read first fails with "database
/// is locked" when it tries to write.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Why a write transaction failed, as far as the caller can act on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteFailure {
    /// A conditional write found the row gone or at another version: another
    /// writer committed first.
    Stale,
    /// A unique key was taken by a writer that committed first.
    Taken,
    /// The database asked for the transaction to be tried again: a
    /// PostgreSQL serialization failure or deadlock, or SQLite still busy
    /// after its timeout.
    Busy,
    /// Anything else: a fault, logged, never shown.
    Fault,
}

/// Sorts a failed write's error into what the caller can do about it.
pub fn write_failure(error: &DbErr) -> WriteFailure {
    if matches!(error, DbErr::RecordNotUpdated) {
        return WriteFailure::Stale;
    }
    if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        return WriteFailure::Taken;
    }
    if let DbErr::Exec(RuntimeErr::SqlxError(e))
    | DbErr::Query(RuntimeErr::SqlxError(e))
    | DbErr::Conn(RuntimeErr::SqlxError(e)) = error
        && let sea_orm::sqlx::Error::Database(e) = e.deref()
    {
        // PostgreSQL: serialization_failure, deadlock_detected. SQLite:
        // SQLITE_BUSY and SQLITE_LOCKED with their extended codes.
        let code = e.code().unwrap_or_default();
        let busy = matches!(code.deref(), "40001" | "40P01")
            || code
                .parse::<i32>()
                .is_ok_and(|code| matches!(code & 0xff, 5 | 6));
        if busy {
            return WriteFailure::Busy;
        }
    }
    WriteFailure::Fault
}
