//! Organizations (controllers, processors, recipients, authorities) and
//! their contacts, which an organization lists exactly when it lists them.

use std::collections::HashSet;

use entity::{contact, organization};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{Writer, combine, validate};
use crate::{
    domain::{
        Path, UserErrorCode,
        id::NodeType,
        store::{Outcome, touch},
    },
    inventory::{document::*, keys::Kind},
};

impl<C: ConnectionTrait> Writer<'_, C> {
    pub async fn organization(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<organization::Model>,
        input: &OrganizationInput,
    ) -> Result<Option<organization::Model>, DbErr> {
        let before = self.errors.len();
        if let Some(old) = &existing
            && !self.may_change_organization(path, key, old).await?
        {
            return Ok(None);
        }
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::Organization,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let Some(model) = self.accept(before, validate::organization(path, key, input)) else {
            return Ok(None);
        };
        let (mut saved, mut outcome) = self
            .store_keyed::<organization::ActiveModel>(
                NodeType::Organization,
                (Kind::Organization, key),
                existing.as_ref(),
                model,
            )
            .await?;
        if let Some(contacts) = &input.contacts {
            let contacts_outcome = self
                .contacts(&path.key("contacts"), &saved, contacts)
                .await?;
            if outcome == Outcome::Unchanged && contacts_outcome != Outcome::Unchanged {
                saved.version =
                    touch::<organization::Model, _>(self.db, saved.id, saved.version).await?;
                outcome = Outcome::Updated;
            }
        }
        self.summary.record("organizations", outcome);
        Ok(Some(saved))
    }

    async fn contacts(
        &mut self,
        path: &Path,
        org: &organization::Model,
        inputs: &[ContactInput],
    ) -> Result<Outcome, DbErr> {
        let existing = contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(org.id))
            .all(self.db)
            .await?;
        let mut outcome = Outcome::Unchanged;
        let mut kept = HashSet::new();
        for (i, input) in inputs.iter().enumerate() {
            let path = path.index(i);
            let key = match &input.external_id {
                Some(_) => self.key(&path.key("externalId"), &input.external_id),
                None => Some(format!("{}/contact-{}", org.external_id, i + 1)),
            };
            let Some(key) = key else { continue };
            if !kept.insert(key.clone()) {
                self.fail(
                    &path.key("externalId"),
                    UserErrorCode::Duplicate,
                    format!("\"{key}\" is listed twice"),
                );
                continue;
            }
            let current = existing.iter().find(|c| c.external_id == key).cloned();
            if current.is_none()
                && !self
                    .unique_key(&path.key("externalId"), Kind::Contact, &key, None)
                    .await?
            {
                continue;
            }
            if let Some(saved) = self
                .contact(&path, &key, org.id, i as i32, current, input)
                .await?
            {
                outcome = combine(outcome, saved.1);
            }
        }
        for gone in existing
            .into_iter()
            .filter(|c| !kept.contains(&c.external_id))
        {
            self.keys.remove(Kind::Contact, &gone.external_id);
            self.remove::<contact::ActiveModel>(NodeType::Contact, gone)
                .await?;
            outcome = combine(outcome, Outcome::Updated);
        }
        Ok(outcome)
    }

    pub async fn contact(
        &mut self,
        path: &Path,
        key: &str,
        organization_id: i64,
        position: i32,
        existing: Option<contact::Model>,
        input: &ContactInput,
    ) -> Result<Option<(contact::Model, Outcome)>, DbErr> {
        if !self
            .may_change::<organization::Entity>(path, organization_id, "organization")
            .await?
        {
            return Ok(None);
        }
        let row = validate::contact(path, key, organization_id, position, input);
        let Some(model) = self.accept(self.errors.len(), row) else {
            return Ok(None);
        };
        let (saved, outcome) = self
            .store_keyed::<contact::ActiveModel>(
                NodeType::Contact,
                (Kind::Contact, key),
                existing.as_ref(),
                model,
            )
            .await?;
        self.summary.record("contacts", outcome);
        Ok(Some((saved, outcome)))
    }
}
