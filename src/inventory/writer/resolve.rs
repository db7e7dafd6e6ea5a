//! Key resolution: externalIds of other nodes become ids, within the
//! caller's reach; keys and slugs are refused when another node has them;
//! and a token limited to some controllers is kept from changing what other
//! controllers depend on (see "Writes" in DESIGN.md).

use entity::{organization, processor_engagement, register, transfer};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::Writer;
use crate::{
    domain::{Path, UserErrorCode},
    inventory::keys::Kind,
};

impl<C: ConnectionTrait> Writer<'_, C> {
    /// Resolves a reference by externalId, recording NOT_FOUND when it names nothing.
    pub async fn resolve(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &str,
    ) -> Result<Option<i64>, DbErr> {
        let mut id = self.keys.get(self.db, kind, key).await?;
        if let Some(found) = id
            && !self.reach.is_all()
            && !self.reaches(kind, found).await?
        {
            id = None;
        }
        if id.is_none() {
            self.fail(
                path,
                UserErrorCode::NotFound,
                format!("no {} has the externalId \"{key}\"", kind.noun()),
            );
        }
        Ok(id)
    }

    /// Whether the caller reaches the entity `id` of `kind`. Organizations,
    /// contacts, categories and systems are a shared catalogue: any writer may
    /// link them by externalId. Registers and what they own are reached only
    /// through the caller's controllers.
    async fn reaches(&self, kind: Kind, id: i64) -> Result<bool, DbErr> {
        match kind {
            Kind::Register => self.reach.reaches::<register::Entity, _>(self.db, id).await,
            Kind::Engagement => {
                self.reach
                    .reaches::<processor_engagement::Entity, _>(self.db, id)
                    .await
            }
            Kind::Transfer => self.reach.reaches::<transfer::Entity, _>(self.db, id).await,
            Kind::Organization
            | Kind::Contact
            | Kind::DataSubjectCategory
            | Kind::DataCategory
            | Kind::System => Ok(true),
        }
    }

    /// Resolves an optional reference; left out, it names nothing.
    pub(super) async fn resolve_opt(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &Option<String>,
    ) -> Result<Option<i64>, DbErr> {
        match key {
            Some(key) => self.resolve(path, kind, key).await,
            None => Ok(None),
        }
    }

    /// Refuses a key that another entity of the kind already has.
    pub async fn unique_key(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &str,
        own_id: Option<i64>,
    ) -> Result<bool, DbErr> {
        match self.keys.get(self.db, kind, key).await? {
            Some(id) if Some(id) != own_id => {
                self.fail(
                    path,
                    UserErrorCode::Duplicate,
                    format!(
                        "another {} already has the externalId \"{key}\"",
                        kind.noun()
                    ),
                );
                Ok(false)
            }
            _ => Ok(true),
        }
    }

    /// Refuses a slug that another register already has: it is the address
    /// of the register's public notice.
    pub(super) async fn unique_slug(
        &mut self,
        path: &Path,
        key: &str,
        slug: &str,
    ) -> Result<(), DbErr> {
        let taken = match &self.batch {
            Some(batch) => batch.slugs.get(slug).is_some_and(|k| k != key),
            None => register::Entity::find()
                .filter(register::Column::Slug.eq(slug))
                .filter(register::Column::ExternalId.ne(key))
                .one(self.db)
                .await?
                .is_some(),
        };
        if taken {
            self.fail(
                path,
                UserErrorCode::Duplicate,
                format!("another register already has the slug \"{slug}\""),
            );
        }
        Ok(())
    }

    /// Refuses a controller that the caller's token does not act for.
    pub(super) fn may_act_for(&mut self, path: &Path, controller_id: Option<i64>, key: &str) {
        if let (Some(id), Some(allowed)) = (controller_id, self.reach.controllers())
            && !allowed.contains(&id)
        {
            self.fail(
                path,
                UserErrorCode::Forbidden,
                format!("this token may not act for the controller \"{key}\""),
            );
        }
    }

    /// Refuses to move a stored part of another register (`owner`) under
    /// `register_id`: its key is taken there.
    pub(super) fn owned_by(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &str,
        owner: Option<i64>,
        register_id: i64,
    ) -> bool {
        if owner.is_some_and(|owner| owner != register_id) {
            self.fail(
                &path.key("externalId"),
                UserErrorCode::Duplicate,
                // Taken, and no more: the other register may be one the
                // caller cannot see.
                format!(
                    "the externalId \"{key}\" is taken by another {}: choose another",
                    kind.noun()
                ),
            );
            return false;
        }
        true
    }

    /// What a token limited to some controllers may do to a stored
    /// organization. Claims name controllers by externalId, so no limited
    /// token may move the externalId of an organization that controls a
    /// register: otherwise it could free its own key and give it to another
    /// controller's organization, and its claim would then reach that
    /// controller. And it may not change an organization that registers of
    /// other controllers depend on: their records and notices are compiled
    /// from it. It may still link such an organization, and create new ones.
    pub(super) async fn may_change_organization(
        &mut self,
        path: &Path,
        key: &str,
        old: &organization::Model,
    ) -> Result<bool, DbErr> {
        if self.reach.is_all() {
            return Ok(true);
        }
        use sea_orm::PaginatorTrait;
        if old.external_id != key
            && register::Entity::find()
                .filter(register::Column::ControllerId.eq(old.id))
                .count(self.db)
                .await?
                > 0
        {
            self.fail(
                &path.key("externalId"),
                UserErrorCode::Forbidden,
                "the externalId of a controller is what tokens' controllers claims name: a token limited to some controllers cannot change it",
            );
            return Ok(false);
        }
        self.may_change::<organization::Entity>(path, old.id, "organization")
            .await
    }

    /// Whether a limited token may change the shared node `id`: not when
    /// registers of controllers it does not act for depend on it.
    pub(super) async fn may_change<E>(
        &mut self,
        path: &Path,
        id: i64,
        noun: &str,
    ) -> Result<bool, DbErr>
    where
        E: crate::domain::reach::Shared,
        E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    {
        if self.reach.shared_with_others::<E, _>(self.db, id).await? {
            self.fail(
                path,
                UserErrorCode::Forbidden,
                format!("registers of controllers this token does not act for depend on this {noun}: only a token that is not limited to some controllers can change it"),
            );
            return Ok(false);
        }
        Ok(true)
    }

    /// The keys of a register's keyed parts, with their positions: given, or
    /// derived from the position. A key listed twice is refused and left out.
    pub(super) fn child_keys<'k>(
        &mut self,
        path: &Path,
        register_key: &str,
        noun: &str,
        given: impl Iterator<Item = &'k Option<String>>,
    ) -> Vec<(usize, String)> {
        let mut keys: Vec<(usize, String)> = Vec::new();
        for (i, given) in given.enumerate() {
            let path = path.index(i).key("externalId");
            let key = match given {
                Some(_) => match self.key(&path, given) {
                    Some(key) => key,
                    None => continue,
                },
                None => format!("{register_key}/{noun}-{}", i + 1),
            };
            if keys.iter().any(|(_, k)| *k == key) {
                self.fail(
                    &path,
                    UserErrorCode::Duplicate,
                    format!("\"{key}\" is listed twice"),
                );
                continue;
            }
            keys.push((i, key));
        }
        keys
    }
}
