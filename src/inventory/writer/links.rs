//! A register's links to shared nodes (joint controllers, systems, data
//! subject and data categories): each externalId resolved, each node listed
//! once, built into the rows that `persist` replaces or defers.

use std::collections::HashSet;

use entity::{
    register_data_category, register_data_subject_category, register_joint_controller,
    register_system,
};
use sea_orm::{ConnectionTrait, DbErr};

use super::{Writer, check};
use crate::{
    domain::{Localized, Path, UserErrorCode},
    inventory::{document::*, keys::Kind},
};

impl<C: ConnectionTrait> Writer<'_, C> {
    pub(super) async fn joint_controllers(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[JointControllerInput],
    ) -> Result<Vec<register_joint_controller::Model>, DbErr> {
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in list.iter().enumerate() {
            let path = path.index(i);
            let Some(organization_id) = self
                .resolve(
                    &path.key("organization"),
                    Kind::Organization,
                    &item.organization,
                )
                .await?
            else {
                continue;
            };
            if !seen.insert(organization_id) {
                self.fail(
                    &path.key("organization"),
                    UserErrorCode::Duplicate,
                    format!("\"{}\" is listed twice", item.organization),
                );
                continue;
            }
            rows.push(register_joint_controller::Model {
                id: 0,
                register_id,
                organization_id,
                position: i as i32,
                role: self.localized(&path.key("role"), &item.role),
                arrangement: self.localized(&path.key("arrangement"), &item.arrangement),
            });
        }
        Ok(rows)
    }

    fn localized(&mut self, path: &Path, value: &Option<Localized>) -> Option<String> {
        self.take(check::localized(path, value)).flatten()
    }

    async fn keyed_links(
        &mut self,
        path: &Path,
        kind: Kind,
        list: &[String],
    ) -> Result<Vec<i64>, DbErr> {
        let mut ids = Vec::new();
        for (i, key) in list.iter().enumerate() {
            let Some(id) = self.resolve(&path.index(i), kind, key).await? else {
                continue;
            };
            if ids.contains(&id) {
                self.fail(
                    &path.index(i),
                    UserErrorCode::Duplicate,
                    format!("\"{key}\" is listed twice"),
                );
            } else {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    pub(super) async fn system_links(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[String],
    ) -> Result<Vec<register_system::Model>, DbErr> {
        let ids = self.keyed_links(path, Kind::System, list).await?;
        Ok(ids
            .into_iter()
            .enumerate()
            .map(|(i, system_id)| register_system::Model {
                id: 0,
                register_id,
                system_id,
                position: i as i32,
            })
            .collect())
    }

    pub(super) async fn subject_links(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[String],
    ) -> Result<Vec<register_data_subject_category::Model>, DbErr> {
        let ids = self
            .keyed_links(path, Kind::DataSubjectCategory, list)
            .await?;
        Ok(ids
            .into_iter()
            .enumerate()
            .map(|(i, category_id)| register_data_subject_category::Model {
                id: 0,
                register_id,
                category_id,
                position: i as i32,
            })
            .collect())
    }

    pub(super) async fn category_links(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[RegisterDataCategoryInput],
    ) -> Result<Vec<register_data_category::Model>, DbErr> {
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in list.iter().enumerate() {
            let path = path.index(i);
            let Some(category_id) = self
                .resolve(&path.key("category"), Kind::DataCategory, &item.category)
                .await?
            else {
                continue;
            };
            if !seen.insert(category_id) {
                self.fail(
                    &path.key("category"),
                    UserErrorCode::Duplicate,
                    format!("\"{}\" is listed twice", item.category),
                );
                continue;
            }
            rows.push(register_data_category::Model {
                id: 0,
                register_id,
                category_id,
                position: i as i32,
                note: self.localized(&path.key("note"), &item.note),
                justification: self.localized(&path.key("justification"), &item.justification),
                stored: item.stored,
            });
        }
        Ok(rows)
    }
}
