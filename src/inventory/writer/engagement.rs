//! Processor engagements of a register (GDPR Art. 28): processors and,
//! under them, sub-processors. A parent may be listed after its children, so
//! a register's engagements are written in two passes, or, for a register
//! just created, level by level in batches.

use std::collections::HashSet;

use entity::{processor_engagement, register};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{PENDING, Writer, combine, validate, validate::Place};
use crate::{
    domain::{Path, audit::Change, id::NodeType, store::Outcome},
    inventory::{batch::insert_stamped, document::*, keys::Kind},
};

impl<C: ConnectionTrait> Writer<'_, C> {
    pub(super) async fn engagements(
        &mut self,
        path: &Path,
        reg: &register::Model,
        list: &[ProcessorEngagementInput],
    ) -> Result<Outcome, DbErr> {
        let existing = processor_engagement::Entity::find()
            .filter(processor_engagement::Column::RegisterId.eq(reg.id))
            .all(self.db)
            .await?;
        let mut outcome = Outcome::Unchanged;
        let kept = self.child_keys(
            path,
            &reg.external_id,
            "processor",
            list.iter().map(|item| &item.external_id),
        );
        for (i, key) in &kept {
            let (i, item, path) = (*i, &list[*i], path.index(*i));
            let current = existing.iter().find(|e| &e.external_id == key).cloned();
            if current.is_none()
                && !self
                    .unique_key(&path.key("externalId"), Kind::Engagement, key, None)
                    .await?
            {
                continue;
            }
            // Parents may come later in the same list: insert first, link in a second pass.
            if let Some((_, done)) = self
                .engagement(&path, key, reg.id, i as i32, current, item, true)
                .await?
            {
                outcome = combine(outcome, done);
            }
        }
        for (i, key) in &kept {
            let (i, item) = (*i, &list[*i]);
            if item.parent.is_some() && self.errors.is_empty() {
                let current = processor_engagement::Entity::find()
                    .filter(processor_engagement::Column::ExternalId.eq(key.as_str()))
                    .one(self.db)
                    .await?;
                if let Some((_, done)) = self
                    .engagement(&path.index(i), key, reg.id, i as i32, current, item, false)
                    .await?
                {
                    outcome = combine(outcome, done);
                }
            }
        }
        for gone in existing
            .into_iter()
            .filter(|e| !kept.iter().any(|(_, key)| *key == e.external_id))
        {
            self.keys.remove(Kind::Engagement, &gone.external_id);
            self.remove::<processor_engagement::ActiveModel>(NodeType::ProcessorEngagement, gone)
                .await?;
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }

    /// A fresh register's engagements, inserted many at a time: first those
    /// without a parent, then each level of sub-processors once its parents
    /// have ids.
    pub(super) async fn fresh_engagements(
        &mut self,
        path: &Path,
        reg: &register::Model,
        list: &[ProcessorEngagementInput],
    ) -> Result<Outcome, DbErr> {
        let mut waiting = Vec::new();
        let keys = self.child_keys(
            path,
            &reg.external_id,
            "processor",
            list.iter().map(|item| &item.external_id),
        );
        for (i, key) in keys {
            let path = path.index(i).key("externalId");
            if self.unique_key(&path, Kind::Engagement, &key, None).await? {
                waiting.push((i, key));
            }
        }
        let mut outcome = Outcome::Unchanged;
        while !waiting.is_empty() {
            let pending: HashSet<String> = waiting.iter().map(|(_, key)| key.clone()).collect();
            let (mut ready, rest): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|(i, _)| {
                list[*i]
                    .parent
                    .as_ref()
                    .is_none_or(|parent| !pending.contains(parent))
            });
            waiting = rest;
            if ready.is_empty() {
                // A cycle of parents: let the checks report it.
                ready = std::mem::take(&mut waiting);
            }
            let mut models = Vec::new();
            for (i, key) in &ready {
                let model = self
                    .engagement_model(
                        &path.index(*i),
                        key,
                        reg.id,
                        *i as i32,
                        None,
                        &list[*i],
                        false,
                    )
                    .await?;
                models.extend(model);
            }
            if !self.errors.is_empty() {
                // Nothing will be written; keep checking the rest as if it were.
                for model in &models {
                    self.keys
                        .insert(Kind::Engagement, &model.external_id, PENDING);
                }
                continue;
            }
            let saved =
                insert_stamped::<processor_engagement::ActiveModel, _>(self.db, models).await?;
            for row in saved {
                self.keys.insert(Kind::Engagement, &row.external_id, row.id);
                self.changes.push(Change::new(
                    NodeType::ProcessorEngagement,
                    row.id,
                    None,
                    Some(&row),
                ));
                self.summary
                    .record("processorEngagements", Outcome::Created);
                outcome = Outcome::Updated;
            }
        }
        Ok(outcome)
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn engagement(
        &mut self,
        path: &Path,
        key: &str,
        register_id: i64,
        position: i32,
        existing: Option<processor_engagement::Model>,
        input: &ProcessorEngagementInput,
        defer_parent: bool,
    ) -> Result<Option<(processor_engagement::Model, Outcome)>, DbErr> {
        let Some(model) = self
            .engagement_model(
                path,
                key,
                register_id,
                position,
                existing.as_ref(),
                input,
                defer_parent,
            )
            .await?
        else {
            return Ok(None);
        };
        let (saved, outcome) = self
            .store_keyed::<processor_engagement::ActiveModel>(
                NodeType::ProcessorEngagement,
                (Kind::Engagement, key),
                existing.as_ref(),
                model,
            )
            .await?;
        if !defer_parent || input.parent.is_none() {
            self.summary.record("processorEngagements", outcome);
        }
        Ok(Some((saved, outcome)))
    }

    /// Checks an engagement and builds its row.
    #[allow(clippy::too_many_arguments)]
    async fn engagement_model(
        &mut self,
        path: &Path,
        key: &str,
        register_id: i64,
        position: i32,
        existing: Option<&processor_engagement::Model>,
        input: &ProcessorEngagementInput,
        defer_parent: bool,
    ) -> Result<Option<processor_engagement::Model>, DbErr> {
        let before = self.errors.len();
        let owner = existing.map(|e| e.register_id);
        if !self.owned_by(path, Kind::Engagement, key, owner, register_id) {
            return Ok(None);
        }
        let processor_id = self
            .resolve(&path.key("processor"), Kind::Organization, &input.processor)
            .await?;
        let parent_id = match (&input.parent, defer_parent) {
            (Some(parent), false) => {
                self.resolve(&path.key("parent"), Kind::Engagement, parent)
                    .await?
            }
            // Keep a stored parent while the second pass is pending.
            (Some(_), true) => existing.and_then(|e| e.parent_id),
            (None, _) => None,
        };
        let at = Place::new(register_id, position);
        let row = validate::engagement(path, key, at, input, !defer_parent);
        Ok(self
            .accept(before, row)
            .map(|row| processor_engagement::Model {
                processor_id: processor_id.unwrap_or_default(),
                parent_id,
                ..row
            }))
    }
}
