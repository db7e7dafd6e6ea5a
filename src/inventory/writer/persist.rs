//! Persistence: rows go to the database with the conditional version write
//! (`store::save`: `UPDATE … WHERE id AND version`, zero rows is a
//! conflict) and every change is recorded as an audit `Change`. Bulk writes
//! gather new rows in a batch and insert many at a time.

use entity::{
    data_source, purpose, recipient, register, register_data_category,
    register_data_subject_category, register_joint_controller, register_system, retention_rule,
    security_measure, transfer,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ModelTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::{Writer, combine};
use crate::{
    domain::{
        audit::Change,
        id::NodeType,
        store::{Outcome, Stamped, insert_link, save},
    },
    inventory::{
        batch::{Batch, Rows, insert_links, insert_stamped},
        keys::Kind,
        plan,
    },
};

/// The row type of the active model `A`.
pub(super) type Row<A> = <<A as sea_orm::ActiveModelTrait>::Entity as EntityTrait>::Model;

/// A row `store` writes: stamped with id and version, compared with the
/// stored one to see whether it changed, and serialised for the audit trail.
pub(super) trait Storable<A: sea_orm::ActiveModelTrait>:
    sea_orm::IntoActiveModel<A> + Stamped + PartialEq + Clone + serde::Serialize
{
}

impl<A: sea_orm::ActiveModelTrait, M> Storable<A> for M where
    M: sea_orm::IntoActiveModel<A> + Stamped + PartialEq + Clone + serde::Serialize
{
}

impl<C: ConnectionTrait> Writer<'_, C> {
    /// Prepares a bulk write (an import): loads every key and slug once, and
    /// lets new parts wait to be inserted many rows at a time. `flush` must
    /// be called before the transaction commits.
    pub async fn start_batch(&mut self) -> Result<(), DbErr> {
        self.keys.preload(self.db).await?;
        let slugs = register::Entity::find()
            .select_only()
            .column(register::Column::Slug)
            .column(register::Column::ExternalId)
            .into_tuple::<(String, String)>()
            .all(self.db)
            .await?;
        self.batch = Some(Batch {
            rows: Rows::default(),
            slugs: slugs.into_iter().collect(),
        });
        Ok(())
    }

    /// Inserts the waiting rows once there are enough of them.
    pub async fn flush_when_full(&mut self) -> Result<(), DbErr> {
        if self.batch.as_ref().is_some_and(|b| b.rows.len() >= 5000) {
            self.flush().await?;
        }
        Ok(())
    }

    /// Inserts every waiting row, recording each for the audit trail. With
    /// errors nothing will be committed, so nothing is inserted.
    pub async fn flush(&mut self) -> Result<(), DbErr> {
        let Some(batch) = self.batch.as_mut() else {
            return Ok(());
        };
        let rows = std::mem::take(&mut batch.rows);
        if !self.errors.is_empty() {
            return Ok(());
        }
        macro_rules! stamped {
            ($list:expr, $module:ident, $node_type:ident) => {
                for saved in insert_stamped::<$module::ActiveModel, _>(self.db, $list).await? {
                    self.changes.push(Change::new(
                        NodeType::$node_type,
                        saved.id,
                        None,
                        Some(&saved),
                    ));
                }
            };
        }
        stamped!(rows.purposes, purpose, Purpose);
        stamped!(rows.sources, data_source, DataSource);
        stamped!(rows.recipients, recipient, Recipient);
        stamped!(rows.retention, retention_rule, RetentionRule);
        stamped!(rows.security, security_measure, SecurityMeasure);
        for saved in insert_stamped::<transfer::ActiveModel, _>(self.db, rows.transfers).await? {
            self.keys
                .insert(Kind::Transfer, &saved.external_id, saved.id);
            self.changes.push(Change::new(
                NodeType::Transfer,
                saved.id,
                None,
                Some(&saved),
            ));
        }
        insert_links::<register_joint_controller::ActiveModel, _>(self.db, rows.joint).await?;
        insert_links::<register_system::ActiveModel, _>(self.db, rows.systems).await?;
        insert_links::<register_data_subject_category::ActiveModel, _>(self.db, rows.subjects)
            .await?;
        insert_links::<register_data_category::ActiveModel, _>(self.db, rows.categories).await?;
        Ok(())
    }

    /// A fresh register's links wait in the batch; they are audited with it now.
    pub(super) fn defer_links<T: serde::Serialize>(
        &mut self,
        register_id: i64,
        rows: Vec<T>,
        buffer: fn(&mut Rows) -> &mut Vec<T>,
    ) -> Outcome {
        if !self.errors.is_empty() || rows.is_empty() {
            return Outcome::Unchanged;
        }
        self.changes
            .push(Change::links(register_id, &Vec::<T>::new(), &rows));
        if let Some(batch) = self.batch.as_mut() {
            buffer(&mut batch.rows).extend(rows);
        }
        Outcome::Updated
    }

    /// A fresh register's ordered parts wait in the batch.
    pub(super) fn defer_parts<T>(
        &mut self,
        rows: Vec<Option<T>>,
        buffer: fn(&mut Rows) -> &mut Vec<T>,
    ) -> Outcome {
        if rows.is_empty() || rows.iter().any(Option::is_none) {
            return Outcome::Unchanged;
        }
        if let Some(batch) = self.batch.as_mut() {
            buffer(&mut batch.rows).extend(rows.into_iter().flatten());
        }
        Outcome::Updated
    }

    /// Saves a row through `save`, recording the change for the audit trail.
    pub async fn store<A>(
        &mut self,
        node_type: NodeType,
        existing: Option<&<A::Entity as EntityTrait>::Model>,
        model: <A::Entity as EntityTrait>::Model,
    ) -> Result<(<A::Entity as EntityTrait>::Model, Outcome), DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model:
            sea_orm::IntoActiveModel<A> + Stamped + PartialEq + Clone + serde::Serialize,
    {
        let (saved, outcome) = save::<A, _>(self.db, existing, model).await?;
        if outcome != Outcome::Unchanged {
            self.changes
                .push(Change::new(node_type, saved.id(), existing, Some(&saved)));
        }
        Ok((saved, outcome))
    }

    /// Saves a keyed row and notes its key, so later references in the same
    /// write resolve to it.
    pub(super) async fn store_keyed<A>(
        &mut self,
        node_type: NodeType,
        (kind, key): (Kind, &str),
        existing: Option<&Row<A>>,
        model: Row<A>,
    ) -> Result<(Row<A>, Outcome), DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        Row<A>: Storable<A>,
    {
        let (saved, outcome) = self.store::<A>(node_type, existing, model).await?;
        self.keys.insert(kind, key, saved.id());
        Ok((saved, outcome))
    }

    /// Deletes a row, recording it for the audit trail and, by its key, in
    /// the summary.
    pub(super) async fn remove<A>(
        &mut self,
        node_type: NodeType,
        model: Row<A>,
    ) -> Result<(), DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        Row<A>: sea_orm::IntoActiveModel<A>
            + ModelTrait<Entity = A::Entity>
            + Stamped
            + serde::Serialize,
    {
        let change = Change::new(node_type, model.id(), Some(&model), None);
        let kind = plan::kind_name(node_type);
        let row = change
            .before
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default();
        let key = plan::row_key(kind, &row, |id| {
            self.keys.key_of(Kind::Register, id).map(str::to_owned)
        });
        self.summary.record_deleted(kind, key);
        self.changes.push(change);
        model.delete(self.db).await?;
        Ok(())
    }

    /// Brings a register's ordered parts to `rows`: position by position,
    /// updating what differs, inserting what is new, deleting what is left.
    pub(super) async fn sync<A>(
        &mut self,
        node_type: NodeType,
        existing: Vec<Row<A>>,
        rows: Vec<Option<Row<A>>>,
    ) -> Result<Outcome, DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        Row<A>: Storable<A> + ModelTrait<Entity = A::Entity>,
    {
        if rows.iter().any(Option::is_none) {
            return Ok(Outcome::Unchanged);
        }
        let mut outcome = Outcome::Unchanged;
        let count = rows.len();
        for (i, row) in rows.into_iter().flatten().enumerate() {
            let (_, done) = self.store::<A>(node_type, existing.get(i), row).await?;
            outcome = combine(
                outcome,
                if done == Outcome::Unchanged {
                    done
                } else {
                    Outcome::Updated
                },
            );
        }
        for extra in existing.into_iter().skip(count) {
            self.remove::<A>(node_type, extra).await?;
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }
}

/// Replacing a register's links: unchanged when the same rows in the same
/// order are already stored, otherwise deleted and written anew.
macro_rules! replace_links {
    ($name:ident, $module:ident, |$row:ident| $key:expr) => {
        impl<C: ConnectionTrait> Writer<'_, C> {
            pub(super) async fn $name(
                &mut self,
                register_id: i64,
                rows: Vec<$module::Model>,
            ) -> Result<Outcome, DbErr> {
                if !self.errors.is_empty() {
                    return Ok(Outcome::Unchanged);
                }
                let existing = $module::Entity::find()
                    .filter($module::Column::RegisterId.eq(register_id))
                    .order_by_asc($module::Column::Position)
                    .all(self.db)
                    .await?;
                let same = existing.len() == rows.len()
                    && existing.iter().zip(&rows).all(|(a, b)| {
                        let $row = a;
                        let left = $key;
                        let $row = b;
                        left == $key
                    });
                if same {
                    return Ok(Outcome::Unchanged);
                }
                self.changes
                    .push(Change::links(register_id, &existing, &rows));
                $module::Entity::delete_many()
                    .filter($module::Column::RegisterId.eq(register_id))
                    .exec(self.db)
                    .await?;
                for row in rows {
                    insert_link::<$module::ActiveModel, _>(self.db, row).await?;
                }
                Ok(Outcome::Updated)
            }
        }
    };
}

replace_links!(replace_joint_controllers, register_joint_controller, |r| (
    r.organization_id,
    r.position,
    r.role.clone(),
    r.arrangement.clone()
));
replace_links!(replace_system_links, register_system, |r| (
    r.system_id,
    r.position
));
replace_links!(replace_subject_links, register_data_subject_category, |r| (
    r.category_id,
    r.position
));
replace_links!(replace_category_links, register_data_category, |r| (
    r.category_id,
    r.position,
    r.note.clone(),
    r.justification.clone(),
    r.stored
));
