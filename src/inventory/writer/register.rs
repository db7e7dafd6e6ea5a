//! Registers and everything they own. A register's version counts changes
//! to its parts, so an update of any list moves it on.

use entity::{data_source, purpose, recipient, register, retention_rule, security_measure};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::{Writer, check, combine, validate};
use crate::{
    domain::{
        Path,
        id::NodeType,
        store::{Outcome, touch},
    },
    inventory::{document::*, keys::Kind},
};

/// Brings one kind of a register's ordered parts to the list given.
macro_rules! sync_parts {
    ($self:ident, $path:ident, $reg:ident, $outcome:ident, $fresh:ident, $buffer:ident, $list:expr, $key:literal, $module:ident, $build:ident, $node_type:ident) => {
        if let Some(list) = $list {
            let mut rows = Vec::new();
            for (i, item) in list.iter().enumerate() {
                rows.push(
                    $self
                        .$build(&$path.key($key).index(i), $reg.id, i as i32, item)
                        .await?,
                );
            }
            if $fresh {
                $outcome = combine($outcome, $self.defer_parts(rows, |b| &mut b.$buffer));
            } else {
                let existing = $module::Entity::find()
                    .filter($module::Column::RegisterId.eq($reg.id))
                    .order_by_asc($module::Column::Position)
                    .all($self.db)
                    .await?;
                $outcome = combine(
                    $outcome,
                    $self
                        .sync::<$module::ActiveModel>(NodeType::$node_type, existing, rows)
                        .await?,
                );
            }
        }
    };
}

impl<C: ConnectionTrait> Writer<'_, C> {
    pub async fn register(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<register::Model>,
        input: &RegisterInput,
    ) -> Result<Option<register::Model>, DbErr> {
        let before = self.errors.len();
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::Register,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let slug = self.take(check::slug(&path.key("slug"), &input.slug));
        if let Some(slug) = &slug {
            self.unique_slug(&path.key("slug"), key, slug).await?;
        }
        let controller_id = self
            .resolve(
                &path.key("controller"),
                Kind::Organization,
                &input.controller,
            )
            .await?;
        self.may_act_for(&path.key("controller"), controller_id, &input.controller);
        let dpo_id = self
            .resolve_opt(&path.key("dpo"), Kind::Contact, &input.dpo)
            .await?;
        let contact_person_id = self
            .resolve_opt(
                &path.key("contactPerson"),
                Kind::Contact,
                &input.contact_person,
            )
            .await?;
        let supervisory_authority_id = self
            .resolve_opt(
                &path.key("supervisoryAuthority"),
                Kind::Organization,
                &input.supervisory_authority,
            )
            .await?;
        let row = validate::register(path, key, &slug.unwrap_or_default(), input);
        let Some(model) = self.accept(before, row) else {
            return Ok(None);
        };
        let model = register::Model {
            controller_id: controller_id.unwrap_or_default(),
            dpo_id,
            contact_person_id,
            supervisory_authority_id,
            ..model
        };
        let (mut saved, mut outcome) = self
            .store_keyed::<register::ActiveModel>(
                NodeType::Register,
                (Kind::Register, key),
                existing.as_ref(),
                model,
            )
            .await?;
        // A register just created has no parts stored: a batch skips looking.
        let fresh = existing.is_none() && self.batch.is_some();
        if let Some(batch) = self.batch.as_mut() {
            if let Some(old) = &existing {
                batch.slugs.remove(&old.slug);
            }
            batch.slugs.insert(saved.slug.clone(), key.to_owned());
        }
        let parts = self.register_parts(path, &saved, input, fresh).await?;
        if outcome == Outcome::Unchanged && parts != Outcome::Unchanged {
            // A register's version counts changes to everything it owns.
            saved.version = touch::<register::Model, _>(self.db, saved.id, saved.version).await?;
            outcome = Outcome::Updated;
        }
        self.summary.record("registers", outcome);
        Ok(Some(saved))
    }

    /// Everything a register owns, each list replaced exactly when given.
    async fn register_parts(
        &mut self,
        path: &Path,
        reg: &register::Model,
        input: &RegisterInput,
        fresh: bool,
    ) -> Result<Outcome, DbErr> {
        let mut outcome = Outcome::Unchanged;
        if let Some(list) = &input.joint_controllers {
            let rows = self
                .joint_controllers(&path.key("jointControllers"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.joint),
                false => self.replace_joint_controllers(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        if let Some(list) = &input.systems {
            let rows = self
                .system_links(&path.key("systems"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.systems),
                false => self.replace_system_links(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        if let Some(list) = &input.data_subject_categories {
            let rows = self
                .subject_links(&path.key("dataSubjectCategories"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.subjects),
                false => self.replace_subject_links(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        if let Some(list) = &input.data_categories {
            let rows = self
                .category_links(&path.key("dataCategories"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.categories),
                false => self.replace_category_links(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            purposes,
            &input.purposes,
            "purposes",
            purpose,
            purpose,
            Purpose
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            sources,
            &input.sources,
            "sources",
            data_source,
            data_source,
            DataSource
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            recipients,
            &input.recipients,
            "recipients",
            recipient,
            recipient,
            Recipient
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            retention,
            &input.retention_rules,
            "retentionRules",
            retention_rule,
            retention_rule,
            RetentionRule
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            security,
            &input.security_measures,
            "securityMeasures",
            security_measure,
            security_measure,
            SecurityMeasure
        );
        if let Some(list) = &input.processors {
            outcome = combine(
                outcome,
                match fresh {
                    true => {
                        self.fresh_engagements(&path.key("processors"), reg, list)
                            .await?
                    }
                    false => self.engagements(&path.key("processors"), reg, list).await?,
                },
            );
        }
        if let Some(list) = &input.transfers {
            outcome = combine(
                outcome,
                self.transfers(&path.key("transfers"), reg, list, fresh)
                    .await?,
            );
        }
        Ok(outcome)
    }
}
