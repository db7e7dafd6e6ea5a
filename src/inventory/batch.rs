//! Many rows in one statement. An import creates most of what it writes:
//! the parts of a register that did not exist before are gathered here and
//! inserted a thousand rows at a time, instead of one statement per row.

use std::collections::HashMap;

use chrono::Utc;
use entity::{
    data_source, purpose, recipient, register_data_category, register_data_subject_category,
    register_joint_controller, register_system, retention_rule, security_measure, transfer,
};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    Iterable, PrimaryKeyToColumn,
};

use crate::domain::store::Stamped;

/// Rows per INSERT: the widest table has under 20 columns, which keeps a
/// statement under SQLite's 32 766 bind parameters.
const ROWS_PER_INSERT: usize = 1000;

/// Rows waiting to be inserted.
#[derive(Default)]
pub(super) struct Rows {
    pub purposes: Vec<purpose::Model>,
    pub sources: Vec<data_source::Model>,
    pub recipients: Vec<recipient::Model>,
    pub retention: Vec<retention_rule::Model>,
    pub security: Vec<security_measure::Model>,
    pub transfers: Vec<transfer::Model>,
    pub joint: Vec<register_joint_controller::Model>,
    pub systems: Vec<register_system::Model>,
    pub subjects: Vec<register_data_subject_category::Model>,
    pub categories: Vec<register_data_category::Model>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.purposes.len()
            + self.sources.len()
            + self.recipients.len()
            + self.retention.len()
            + self.security.len()
            + self.transfers.len()
            + self.joint.len()
            + self.systems.len()
            + self.subjects.len()
            + self.categories.len()
    }
}

/// What a batching writer keeps between registers.
#[derive(Default)]
pub(super) struct Batch {
    pub rows: Rows,
    /// Every register slug, to the key of the register holding it.
    pub slugs: HashMap<String, String>,
}

/// Inserts new stamped rows (version 1), returning them as stored.
pub(super) async fn insert_stamped<A, C>(
    db: &C,
    rows: Vec<<A::Entity as EntityTrait>::Model>,
) -> Result<Vec<<A::Entity as EntityTrait>::Model>, DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A> + Stamped,
{
    let now = Utc::now();
    let mut saved = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows
            .by_ref()
            .take(ROWS_PER_INSERT)
            .map(|mut row| {
                row.set_stamps(now, 1);
                fresh(row)
            })
            .collect();
        saved.extend(
            A::Entity::insert_many(chunk)
                .exec_with_returning(db)
                .await?,
        );
    }
    Ok(saved)
}

/// Inserts link rows, which carry no stamps and are audited with their register.
pub(super) async fn insert_links<A, C>(
    db: &C,
    rows: Vec<<A::Entity as EntityTrait>::Model>,
) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).map(fresh).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A row to insert, its id left to the database.
fn fresh<A>(row: <A::Entity as EntityTrait>::Model) -> A
where
    A: ActiveModelTrait + ActiveModelBehavior,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let mut active: A = row.into_active_model().reset_all();
    for key in <A::Entity as EntityTrait>::PrimaryKey::iter() {
        active.not_set(key.into_column());
    }
    active
}
