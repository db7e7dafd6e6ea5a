//! externalId → id look-ups for the writer, cached for the length of one
//! write. A bulk import preloads them all in one query per kind.

use std::collections::HashMap;

use entity::{
    contact, data_category, data_subject_category, organization, processor_engagement, register,
    system, transfer,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

/// The kinds of keyed entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Organization,
    Contact,
    DataSubjectCategory,
    DataCategory,
    System,
    Register,
    Engagement,
    Transfer,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Contact => "contact",
            Kind::DataSubjectCategory => "data subject category",
            Kind::DataCategory => "data category",
            Kind::System => "system",
            Kind::Register => "register",
            Kind::Engagement => "processor engagement",
            Kind::Transfer => "transfer",
        }
    }
}

#[derive(Default)]
pub struct Keys {
    map: HashMap<Kind, HashMap<String, i64>>,
    complete: bool,
}

macro_rules! ids_of {
    ($db:expr, $module:ident, $keys:expr) => {{
        let mut query = $module::Entity::find()
            .select_only()
            .column($module::Column::ExternalId)
            .column($module::Column::Id);
        if let Some(keys) = $keys {
            query = query.filter($module::Column::ExternalId.is_in(keys));
        }
        query.into_tuple::<(String, i64)>().all($db).await?
    }};
}

async fn fetch<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    keys: Option<Vec<String>>,
) -> Result<Vec<(String, i64)>, DbErr> {
    Ok(match kind {
        Kind::Organization => ids_of!(db, organization, keys),
        Kind::Contact => ids_of!(db, contact, keys),
        Kind::DataSubjectCategory => ids_of!(db, data_subject_category, keys),
        Kind::DataCategory => ids_of!(db, data_category, keys),
        Kind::System => ids_of!(db, system, keys),
        Kind::Register => ids_of!(db, register, keys),
        Kind::Engagement => ids_of!(db, processor_engagement, keys),
        Kind::Transfer => ids_of!(db, transfer, keys),
    })
}

const ALL: [Kind; 8] = [
    Kind::Organization,
    Kind::Contact,
    Kind::DataSubjectCategory,
    Kind::DataCategory,
    Kind::System,
    Kind::Register,
    Kind::Engagement,
    Kind::Transfer,
];

impl Keys {
    /// Loads every key of every kind: for writes that touch many entities.
    pub async fn preload<C: ConnectionTrait>(&mut self, db: &C) -> Result<(), DbErr> {
        for kind in ALL {
            let entries = fetch(db, kind, None).await?;
            self.map.entry(kind).or_default().extend(entries);
        }
        self.complete = true;
        Ok(())
    }

    pub async fn get<C: ConnectionTrait>(
        &mut self,
        db: &C,
        kind: Kind,
        key: &str,
    ) -> Result<Option<i64>, DbErr> {
        if let Some(id) = self.map.get(&kind).and_then(|m| m.get(key)) {
            return Ok(Some(*id));
        }
        if self.complete {
            return Ok(None);
        }
        let found = fetch(db, kind, Some(vec![key.to_owned()])).await?;
        let id = found.first().map(|(_, id)| *id);
        if let Some(id) = id {
            self.insert(kind, key, id);
        }
        Ok(id)
    }

    /// The id of a key already known, without asking the database.
    pub fn cached(&self, kind: Kind, key: &str) -> Option<i64> {
        self.map.get(&kind).and_then(|m| m.get(key)).copied()
    }

    pub fn insert(&mut self, kind: Kind, key: &str, id: i64) {
        self.map.entry(kind).or_default().insert(key.to_owned(), id);
    }

    /// The key of an id already known (a scan: for the few rows a write
    /// deletes, not for every row it touches).
    pub fn key_of(&self, kind: Kind, id: i64) -> Option<&str> {
        self.map
            .get(&kind)?
            .iter()
            .find(|(_, known)| **known == id)
            .map(|(key, _)| key.as_str())
    }

    /// Every known id of a kind with its key.
    pub fn by_id(&self, kind: Kind) -> HashMap<i64, String> {
        self.map
            .get(&kind)
            .map(|m| m.iter().map(|(key, id)| (*id, key.clone())).collect())
            .unwrap_or_default()
    }

    pub fn remove(&mut self, kind: Kind, key: &str) {
        if let Some(m) = self.map.get_mut(&kind) {
            m.remove(key);
        }
    }
}
