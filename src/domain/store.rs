//! Writing rows the same way everywhere: compare with what is stored, write
//! only a real change, bump `version` and `updatedAt` when something changed.
//! That is what makes a second import report "unchanged" and keeps versions
//! meaningful for optimistic concurrency.

use chrono::Utc;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    Iterable, PrimaryKeyToColumn,
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
            let active: A = new.into_active_model().reset_all();
            Ok((active.update(db).await?, Outcome::Updated))
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
