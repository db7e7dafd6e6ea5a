//! Writing rows the same way everywhere: compare with what is stored, write
//! only a real change, bump `version` and `updatedAt` when something changed.
//! That is what makes a second import report "unchanged" and keeps versions
//! meaningful for optimistic concurrency.
//!
//! The version is enforced by the database, never by a compare in Rust: an
//! update is `UPDATE … WHERE id = ? AND version = <the version read>`, and
//! zero rows affected (another writer committed first) is
//! `DbErr::RecordNotUpdated`, which the mutations answer as CONFLICT. Under
//! PostgreSQL's READ COMMITTED the second writer waits on the row lock and
//! then finds the version moved; SQLite runs one writer at a time.

use chrono::Utc;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, IntoActiveModel, Iterable, PrimaryKeyToColumn, QueryFilter, QueryTrait,
    sea_query::{Expr, UpdateStatement},
};

/// What a write did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// Stored rows that carry an id, timestamps and a version.
pub trait Stamped {
    fn id(&self) -> i64;
    fn version(&self) -> i32;
    /// Copies id, timestamps and version from `other`.
    fn copy_stamps(&mut self, other: &Self);
    fn set_stamps(&mut self, updated_at: chrono::DateTime<Utc>, version: i32);
    /// The row `id` while it is still at `version`.
    fn at_version(id: i64, version: i32) -> Condition;
    /// `UPDATE … SET version = version WHERE id = ? AND version = ?`, or
    /// with `bump` the next version and a fresh `updatedAt`.
    fn version_update(id: i64, version: i32, bump: bool) -> UpdateStatement;
}

macro_rules! stamped {
    ($($module:ident),+ $(,)?) => {
        $(impl Stamped for entity::$module::Model {
            fn id(&self) -> i64 {
                self.id
            }
            fn version(&self) -> i32 {
                self.version
            }
            fn copy_stamps(&mut self, other: &Self) {
                self.id = other.id;
                self.created_at = other.created_at;
                self.updated_at = other.updated_at;
                self.version = other.version;
            }
            fn set_stamps(&mut self, updated_at: chrono::DateTime<Utc>, version: i32) {
                if version == 1 {
                    self.created_at = updated_at;
                }
                self.updated_at = updated_at;
                self.version = version;
            }
            fn at_version(id: i64, version: i32) -> Condition {
                use entity::$module::Column;
                Condition::all()
                    .add(Column::Id.eq(id))
                    .add(Column::Version.eq(version))
            }
            fn version_update(id: i64, version: i32, bump: bool) -> UpdateStatement {
                use entity::$module::{Column, Entity};
                let update = Entity::update_many().filter(Self::at_version(id, version));
                let update = match bump {
                    true => update
                        .col_expr(Column::Version, Expr::value(version + 1))
                        .col_expr(Column::UpdatedAt, Expr::value(Utc::now())),
                    false => update.col_expr(Column::Version, Expr::col(Column::Version).into()),
                };
                update.into_query()
            }
        })+
    };
}

stamped!(
    organization,
    contact,
    data_subject_category,
    data_category,
    system,
    register,
    purpose,
    data_source,
    recipient,
    processor_engagement,
    transfer,
    retention_rule,
    security_measure,
);

/// Inserts `new` (when `existing` is `None`) or updates `existing` to `new`
/// when any stored field differs. Returns the stored row.
pub async fn save<A, C>(
    db: &C,
    existing: Option<&<A::Entity as EntityTrait>::Model>,
    mut new: <A::Entity as EntityTrait>::Model,
) -> Result<(<A::Entity as EntityTrait>::Model, Outcome), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A> + Stamped + PartialEq + Clone,
{
    let now = Utc::now();
    match existing {
        Some(old) => {
            new.copy_stamps(old);
            if new == *old {
                return Ok((new, Outcome::Unchanged));
            }
            new.set_stamps(now, old.version() + 1);
            let active: A = new.clone().into_active_model().reset_all();
            // Conditional on the version read: RecordNotUpdated when another
            // writer got there first.
            <A::Entity as EntityTrait>::update(active)
                .validate()?
                .filter(<<A::Entity as EntityTrait>::Model as Stamped>::at_version(
                    old.id(),
                    old.version(),
                ))
                .exec_without_returning(db)
                .await?;
            Ok((new, Outcome::Updated))
        }
        None => {
            new.set_stamps(now, 1);
            let mut active: A = new.into_active_model().reset_all();
            for key in <A::Entity as EntityTrait>::PrimaryKey::iter() {
                active.not_set(key.into_column());
            }
            Ok((active.insert(db).await?, Outcome::Created))
        }
    }
}

/// Claims the row `id` of `M` at `version` for this transaction: a
/// conditional no-op update that takes the row lock (PostgreSQL) and fails
/// with `RecordNotUpdated` when the row is gone or at another version. A
/// write that may change only what a node owns (a register's purposes, an
/// organization's contacts) claims the node first, so two such writes from
/// the same version cannot both win.
pub async fn claim<M: Stamped, C: ConnectionTrait>(
    db: &C,
    id: i64,
    version: i32,
) -> Result<(), DbErr> {
    conditional(db, M::version_update(id, version, false)).await
}

/// Counts a change to what node `id` owns as a change of the node: its
/// version and `updatedAt` move on from `version`, so a writer holding the
/// old version is refused. Returns the new version.
pub async fn touch<M: Stamped, C: ConnectionTrait>(
    db: &C,
    id: i64,
    version: i32,
) -> Result<i32, DbErr> {
    conditional(db, M::version_update(id, version, true)).await?;
    Ok(version + 1)
}

async fn conditional<C: ConnectionTrait>(db: &C, statement: UpdateStatement) -> Result<(), DbErr> {
    match db.execute(&statement).await?.rows_affected() {
        0 => Err(DbErr::RecordNotUpdated),
        _ => Ok(()),
    }
}

/// Inserts a row without stamps (link tables), letting the database pick the id.
pub async fn insert_link<A, C>(db: &C, row: <A::Entity as EntityTrait>::Model) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let mut active: A = row.into_active_model().reset_all();
    for key in <A::Entity as EntityTrait>::PrimaryKey::iter() {
        active.not_set(key.into_column());
    }
    active.insert(db).await?;
    Ok(())
}

/// A fresh row's placeholder stamps; `save` replaces them.
pub fn placeholder_time() -> chrono::DateTime<Utc> {
    chrono::DateTime::<Utc>::UNIX_EPOCH
}

/// A generated key for an entity created without one (`rg:<uuid>`).
pub fn generated_external_id() -> String {
    format!("rg:{}", uuid::Uuid::new_v4())
}
