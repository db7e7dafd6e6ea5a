//! The whole inventory as one document: import applies it atomically, export
//! writes it back so that export → import → export is byte-identical.

mod batch;
pub mod document;
mod export;
pub mod guard;
pub mod keys;
pub mod plan;
pub mod stored;
pub mod writer;

use sea_orm::{DatabaseConnection, DatabaseTransaction, EntityTrait};

pub use document::Document;
pub use export::{export, to_text};
pub use plan::Plan;
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

/// How an import runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Run the whole import, report its plan, and roll it back.
    pub dry_run: bool,
    /// Apply deletions past the `guard` threshold instead of stopping.
    pub allow_deletes: bool,
}

/// What an import did, or would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub summary: Summary,
    pub plan: Plan,
    /// Deletions past the threshold, not allowed: the import was stopped
    /// (or, in a dry run, would be).
    pub refusals: Vec<UserError>,
    /// Whether the import was written.
    pub committed: bool,
}

/// Applies a document in one transaction: all of it, or nothing and every
/// problem found, each with the path of the offending value. Deletions past
/// the threshold refuse it (see `guard`).
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
    let report = import_with(db, document, progress, actor, Options::default()).await?;
    match report.refusals.is_empty() {
        true => Ok(report.summary),
        false => Err(DomainError::User(report.refusals)),
    }
}

/// Like `import_as`, as `options` say; answers the whole report.
pub async fn import_with(
    db: &DatabaseConnection,
    document: &Document,
    progress: Progress<'_>,
    actor: &crate::domain::audit::Actor,
    options: Options,
) -> DomainResult<Report> {
    let txn = crate::db::begin_write(db).await?;
    apply(txn, document, progress, actor, options).await
}

/// Runs an import in `txn` and commits it, or rolls it back for a dry run,
/// for document errors (answered as `DomainError::User`) and for deletions
/// past the threshold (answered in the report's `refusals`).
pub async fn apply(
    txn: DatabaseTransaction,
    document: &Document,
    progress: Progress<'_>,
    actor: &crate::domain::audit::Actor,
    options: Options,
) -> DomainResult<Report> {
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
    let (errors, summary, changes, known) =
        (writer.errors, writer.summary, writer.changes, writer.keys);
    if !errors.is_empty() {
        txn.rollback().await?;
        return Err(DomainError::User(errors));
    }
    let registers = known.by_id(keys::Kind::Register);
    let plan = Plan::from_changes(&changes, |id| registers.get(&id).cloned());
    let refusals = match options.allow_deletes {
        true => Vec::new(),
        false => {
            let organizations = known.by_id(keys::Kind::Organization);
            guard::mass_deletions(&txn, document, &changes, &registers, &organizations).await?
        }
    };
    let mut report = Report {
        summary,
        plan,
        refusals,
        committed: false,
    };
    if options.dry_run || !report.refusals.is_empty() {
        txn.rollback().await?;
        return Ok(report);
    }
    crate::domain::audit::record(&txn, actor, &changes).await?;
    txn.commit().await?;
    report.committed = true;
    Ok(report)
}
