//! The whole inventory as one document: import applies it atomically, export
//! writes it back so that export → import → export is byte-identical.

mod batch;
pub mod document;
mod export;
pub mod keys;
pub mod plan;
pub mod writer;

use sea_orm::{DatabaseConnection, EntityTrait};

pub use document::Document;
pub use export::{export, to_text};
pub use writer::{Summary, Writer};

use crate::domain::{DomainError, DomainResult, Path, UserError, UserErrorCode};

/// Reads a document, naming the JSON path of the first value that does not fit.
pub fn parse(text: &str) -> Result<Document, UserError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: Document =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let segments = if path == "." { Vec::new() } else { vec![path] };
            UserError {
                field: segments,
                message: error.into_inner().to_string(),
                code: UserErrorCode::Invalid,
            }
        })?;
    if document.format != document::FORMAT {
        return Err(UserError::new(
            &Path::root("format"),
            UserErrorCode::Invalid,
            format!(
                "\"{}\" is not a format this version reads: expected \"{}\"",
                document.format,
                document::FORMAT
            ),
        ));
    }
    Ok(document)
}

/// Merges documents into one (the fixtures are split by seed). An entity
/// defined in two documents must be defined identically.
pub fn merge(documents: Vec<Document>) -> Result<Document, UserError> {
    let mut merged = Document {
        format: document::FORMAT.into(),
        ..Document::default()
    };
    fn add<T: PartialEq + Clone>(
        into: &mut Vec<T>,
        items: Vec<T>,
        key: impl Fn(&T) -> Option<String>,
        what: &str,
    ) -> Result<(), UserError> {
        // Keys already merged, to their position: a linear search per item
        // made merging a 10 000-register document take seconds.
        let mut index: std::collections::HashMap<String, usize> = into
            .iter()
            .enumerate()
            .filter_map(|(i, known)| key(known).map(|k| (k, i)))
            .rev()
            .collect();
        for item in items {
            let item_key = key(&item);
            match item_key
                .as_ref()
                .and_then(|k| index.get(k))
                .map(|&i| &into[i])
            {
                Some(known) if *known == item => {}
                Some(_) => {
                    return Err(UserError::new(
                        &Path::root(what),
                        UserErrorCode::Duplicate,
                        format!(
                            "\"{}\" is defined differently in two documents",
                            key(&item).unwrap_or_default()
                        ),
                    ));
                }
                None => {
                    if let Some(k) = item_key {
                        index.insert(k, into.len());
                    }
                    into.push(item);
                }
            }
        }
        Ok(())
    }
    for doc in documents {
        add(
            &mut merged.organizations,
            doc.organizations,
            |o| o.external_id.clone(),
            "organizations",
        )?;
        add(
            &mut merged.data_subject_categories,
            doc.data_subject_categories,
            |o| o.external_id.clone(),
            "dataSubjectCategories",
        )?;
        add(
            &mut merged.data_categories,
            doc.data_categories,
            |o| o.external_id.clone(),
            "dataCategories",
        )?;
        add(
            &mut merged.systems,
            doc.systems,
            |o| o.external_id.clone(),
            "systems",
        )?;
        add(
            &mut merged.registers,
            doc.registers,
            |o| o.external_id.clone(),
            "registers",
        )?;
    }
    Ok(merged)
}

/// How far an import has come, for a progress bar.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Send + Sync);

/// Applies a document in one transaction: all of it, or nothing and every
/// problem found, each with the path of the offending value.
pub async fn import(
    db: &DatabaseConnection,
    document: &Document,
    progress: Progress<'_>,
) -> DomainResult<Summary> {
    import_as(db, document, progress, &crate::domain::audit::Actor::cli()).await
}

/// Like `import`, recording `actor` in the audit trail.
pub async fn import_as(
    db: &DatabaseConnection,
    document: &Document,
    progress: Progress<'_>,
    actor: &crate::domain::audit::Actor,
) -> DomainResult<Summary> {
    let txn = crate::db::begin_write(db).await?;
    let mut writer = Writer::new(&txn);
    writer.start_batch().await?;
    let total = document.organizations.len()
        + document.data_subject_categories.len()
        + document.data_categories.len()
        + document.systems.len()
        + document.registers.len();
    let mut done = 0;
    let mut step = |writer: &Writer<'_, _>| {
        done += 1;
        if writer.errors.len() < 1000 {
            progress(done, total);
        }
    };
    macro_rules! each {
        ($list:ident, $name:literal, $module:ident, $method:ident, $kind:ident) => {
            for (i, item) in document.$list.iter().enumerate() {
                let path = Path::root($name).index(i);
                if let Some(key) = writer.key(&path.key("externalId"), &item.external_id) {
                    // Every key is loaded: one not known names nothing stored.
                    let existing = match writer.keys.cached(keys::Kind::$kind, &key) {
                        Some(id) => entity::$module::Entity::find_by_id(id).one(&txn).await?,
                        None => None,
                    };
                    writer.$method(&path, &key, existing, item).await?;
                    writer.flush_when_full().await?;
                }
                step(&writer);
            }
        };
    }
    each!(
        organizations,
        "organizations",
        organization,
        organization,
        Organization
    );
    each!(
        data_subject_categories,
        "dataSubjectCategories",
        data_subject_category,
        data_subject_category,
        DataSubjectCategory
    );
    each!(
        data_categories,
        "dataCategories",
        data_category,
        data_category,
        DataCategory
    );
    each!(systems, "systems", system, system, System);
    each!(registers, "registers", register, register, Register);
    writer.flush().await?;
    let (errors, summary, changes) = (writer.errors, writer.summary, writer.changes);
    if !errors.is_empty() {
        txn.rollback().await?;
        return Err(DomainError::User(errors));
    }
    crate::domain::audit::record(&txn, actor, &changes).await?;
    txn.commit().await?;
    Ok(summary)
}
