//! The demo data: the five seed notices as inventory documents, built into the
//! binary so `serve --demo` works from any directory.

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::{
    domain::{DomainError, UserError},
    inventory::{self, Summary},
};

pub const FIXTURES: [(&str, &str); 6] = [
    ("00-common.json", include_str!("../fixtures/00-common.json")),
    (
        "000-medieco.json",
        include_str!("../fixtures/000-medieco.json"),
    ),
    ("001-2m-it.json", include_str!("../fixtures/001-2m-it.json")),
    (
        "002-mediateko.json",
        include_str!("../fixtures/002-mediateko.json"),
    ),
    (
        "003-mainioco.json",
        include_str!("../fixtures/003-mainioco.json"),
    ),
    (
        "004-opintori.json",
        include_str!("../fixtures/004-opintori.json"),
    ),
];

/// The fixtures merged into one document.
pub fn document() -> Result<inventory::Document, UserError> {
    let mut documents = Vec::new();
    for (name, text) in FIXTURES {
        documents.push(inventory::parse(text).map_err(|mut e| {
            e.message = format!("{name}: {}", e.message);
            e
        })?);
    }
    inventory::merge(documents)
}

/// Loads the demo data when the database holds no register yet.
pub async fn load_if_empty(db: &DatabaseConnection) -> Result<Option<Summary>, DomainError> {
    if entity::register::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let document = document().map_err(|e| DomainError::User(vec![e]))?;
    let actor = crate::domain::audit::Actor {
        subject: "demo-data".into(),
        client_id: None,
    };
    inventory::import_as(db, &document, &|_, _| {}, &actor)
        .await
        .map(Some)
}
