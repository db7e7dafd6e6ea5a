//! Registers and everything they own. A register's version counts changes
//! to its parts, so an update of any list moves it on.

use entity::{data_source, purpose, recipient, register, retention_rule, security_measure};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::{Writer, check, combine, validate};
use crate::{
    domain::{
        Path,
        enums::AbsenceStatement,
        id::NodeType,
        store::{Outcome, touch},
    },
    inventory::{document::*, keys::Kind},
};

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
        let kept = self.kept(existing.as_ref(), input).await?;
        let row = validate::register(path, key, &slug.unwrap_or_default(), input, kept);
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

    /// The counts of the stored lists the input keeps, where a statement
    /// of NONE must be checked against them (one query each, only then).
    async fn kept(
        &self,
        existing: Option<&register::Model>,
        input: &RegisterInput,
    ) -> Result<validate::Kept, DbErr> {
        use sea_orm::PaginatorTrait;
        let mut kept = validate::Kept::default();
        let Some(old) = existing else {
            return Ok(kept);
        };
        let none = Some(AbsenceStatement::None);
        if input.disclosure_statement == none && input.recipients.is_none() {
            kept.recipients = recipient::Entity::find()
                .filter(recipient::Column::RegisterId.eq(old.id))
                .count(self.db)
                .await? as usize;
        }
        if input.transfer_statement == none && input.transfers.is_none() {
            kept.transfers = entity::transfer::Entity::find()
                .filter(entity::transfer::Column::RegisterId.eq(old.id))
                .count(self.db)
                .await? as usize;
        }
        Ok(kept)
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
        // A fresh register's links and parts wait in the batch; a stored
        // register's are replaced (links) or synced (ordered parts).
        macro_rules! links {
            ($list:expr, $key:literal, $build:ident, $buffer:ident, $replace:ident) => {
                if let Some(list) = $list {
                    let rows = self.$build(&path.key($key), reg.id, list).await?;
                    let done = match fresh {
                        true => self.defer_links(reg.id, rows, |b| &mut b.$buffer),
                        false => self.$replace(reg.id, rows).await?,
                    };
                    outcome = combine(outcome, done);
                }
            };
        }
        macro_rules! parts {
            ($list:expr, $key:literal, $module:ident, $buffer:ident, $node_type:ident) => {
                if let Some(list) = $list {
                    let mut rows = Vec::new();
                    for (i, item) in list.iter().enumerate() {
                        let path = path.key($key).index(i);
                        rows.push(self.$module(&path, reg.id, i as i32, item).await?);
                    }
                    let done = match fresh {
                        true => self.defer_parts(rows, |b| &mut b.$buffer),
                        false => {
                            let existing = $module::Entity::find()
                                .filter($module::Column::RegisterId.eq(reg.id))
                                .order_by_asc($module::Column::Position)
                                .all(self.db)
                                .await?;
                            self.sync::<$module::ActiveModel>(NodeType::$node_type, existing, rows)
                                .await?
                        }
                    };
                    outcome = combine(outcome, done);
                }
            };
        }
        links!(
            &input.joint_controllers,
            "jointControllers",
            joint_controllers,
            joint,
            replace_joint_controllers
        );
        links!(
            &input.systems,
            "systems",
            system_links,
            systems,
            replace_system_links
        );
        links!(
            &input.data_subject_categories,
            "dataSubjectCategories",
            subject_links,
            subjects,
            replace_subject_links
        );
        links!(
            &input.data_categories,
            "dataCategories",
            category_links,
            categories,
            replace_category_links
        );
        parts!(&input.purposes, "purposes", purpose, purposes, Purpose);
        parts!(&input.sources, "sources", data_source, sources, DataSource);
        parts!(
            &input.recipients,
            "recipients",
            recipient,
            recipients,
            Recipient
        );
        parts!(
            &input.retention_rules,
            "retentionRules",
            retention_rule,
            retention,
            RetentionRule
        );
        parts!(
            &input.security_measures,
            "securityMeasures",
            security_measure,
            security,
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
