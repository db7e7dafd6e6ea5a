//! Third-country transfers of a register (GDPR Art. 44–49). In a batch a
//! new transfer waits to be inserted with the rest; its key is taken now.

use entity::{register, transfer};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{PENDING, Writer, combine, validate, validate::Place};
use crate::{
    domain::{Path, id::NodeType, store::Outcome},
    inventory::{document::*, keys::Kind},
};

impl<C: ConnectionTrait> Writer<'_, C> {
    pub(super) async fn transfers(
        &mut self,
        path: &Path,
        reg: &register::Model,
        list: &[TransferInput],
        fresh: bool,
    ) -> Result<Outcome, DbErr> {
        let existing = match fresh {
            true => Vec::new(),
            false => {
                transfer::Entity::find()
                    .filter(transfer::Column::RegisterId.eq(reg.id))
                    .all(self.db)
                    .await?
            }
        };
        let mut outcome = Outcome::Unchanged;
        let kept = self.child_keys(
            path,
            &reg.external_id,
            "transfer",
            list.iter().map(|item| &item.external_id),
        );
        for (i, key) in &kept {
            let (i, item, path) = (*i, &list[*i], path.index(*i));
            let current = existing.iter().find(|t| &t.external_id == key).cloned();
            if current.is_none()
                && !self
                    .unique_key(&path.key("externalId"), Kind::Transfer, key, None)
                    .await?
            {
                continue;
            }
            if let Some((_, done)) = self
                .transfer(&path, key, reg.id, i as i32, current, item)
                .await?
            {
                outcome = combine(outcome, done);
            }
        }
        for gone in existing
            .into_iter()
            .filter(|t| !kept.iter().any(|(_, key)| *key == t.external_id))
        {
            self.keys.remove(Kind::Transfer, &gone.external_id);
            self.remove::<transfer::ActiveModel>(NodeType::Transfer, gone)
                .await?;
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }

    pub async fn transfer(
        &mut self,
        path: &Path,
        key: &str,
        register_id: i64,
        position: i32,
        existing: Option<transfer::Model>,
        input: &TransferInput,
    ) -> Result<Option<(transfer::Model, Outcome)>, DbErr> {
        let before = self.errors.len();
        let owner = existing.as_ref().map(|t| t.register_id);
        if !self.owned_by(path, Kind::Transfer, key, owner, register_id) {
            return Ok(None);
        }
        let recipient_id = self
            .resolve_opt(&path.key("recipient"), Kind::Organization, &input.recipient)
            .await?;
        let engagement_id = self
            .resolve_opt(&path.key("engagement"), Kind::Engagement, &input.engagement)
            .await?;
        let at = Place::new(register_id, position);
        let row = validate::transfer(path, key, at, input);
        let Some(model) = self.accept(before, row) else {
            return Ok(None);
        };
        let model = transfer::Model {
            recipient_id,
            engagement_id,
            ..model
        };
        if existing.is_none()
            && let Some(batch) = self.batch.as_mut()
        {
            // Inserted with the batch; until then the key is only taken.
            batch.rows.transfers.push(model.clone());
            self.keys.insert(Kind::Transfer, key, PENDING);
            self.summary.record("transfers", Outcome::Created);
            return Ok(Some((model, Outcome::Created)));
        }
        let (saved, outcome) = self
            .store_keyed::<transfer::ActiveModel>(
                NodeType::Transfer,
                (Kind::Transfer, key),
                existing.as_ref(),
                model,
            )
            .await?;
        self.summary.record("transfers", outcome);
        Ok(Some((saved, outcome)))
    }
}
