//! A register's ordered parts: purposes, sources, recipients, retention
//! rules and security measures. Each is built into its row here and written
//! by the caller: one at a time by a mutation, or the whole list by `sync`.

use entity::{data_source, purpose, recipient, retention_rule, security_measure};
use sea_orm::{ConnectionTrait, DbErr};

use super::{Writer, validate, validate::Place};
use crate::{
    domain::Path,
    inventory::{document::*, keys::Kind},
};

impl<C: ConnectionTrait> Writer<'_, C> {
    pub async fn purpose(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &PurposeInput,
    ) -> Result<Option<purpose::Model>, DbErr> {
        let at = Place::new(register_id, position);
        Ok(self.accept(self.errors.len(), validate::purpose(path, at, input)))
    }

    pub async fn data_source(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &DataSourceInput,
    ) -> Result<Option<data_source::Model>, DbErr> {
        let at = Place::new(register_id, position);
        Ok(self.accept(self.errors.len(), validate::data_source(path, at, input)))
    }

    pub async fn recipient(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &RecipientInput,
    ) -> Result<Option<recipient::Model>, DbErr> {
        let before = self.errors.len();
        let organization_id = self
            .resolve_opt(
                &path.key("organization"),
                Kind::Organization,
                &input.organization,
            )
            .await?;
        let at = Place::new(register_id, position);
        let row = validate::recipient(path, at, input);
        Ok(self.accept(before, row).map(|row| recipient::Model {
            organization_id,
            ..row
        }))
    }

    pub async fn retention_rule(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &RetentionRuleInput,
    ) -> Result<Option<retention_rule::Model>, DbErr> {
        let before = self.errors.len();
        let data_category_id = self
            .resolve_opt(
                &path.key("dataCategory"),
                Kind::DataCategory,
                &input.data_category,
            )
            .await?;
        let at = Place::new(register_id, position);
        let row = validate::retention_rule(path, at, input);
        Ok(self.accept(before, row).map(|row| retention_rule::Model {
            data_category_id,
            ..row
        }))
    }

    pub async fn security_measure(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &SecurityMeasureInput,
    ) -> Result<Option<security_measure::Model>, DbErr> {
        let at = Place::new(register_id, position);
        Ok(self.accept(
            self.errors.len(),
            validate::security_measure(path, at, input),
        ))
    }
}
