//! Publishing: a notice version is stored once and never changed; a new one
//! is made only when the compiled text differs from the latest.
//!
//! What is published is compiled from the snapshot (`graph`) at exactly the
//! generation the publishing transaction holds: the transaction takes the
//! generation counter's lock first, so no other write can commit between
//! the compilation and the insert.

use std::sync::Arc;

use chrono::Utc;
use entity::notice_version;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseBackend, DbErr, IntoActiveModel};

use super::{Format, Notice};

use crate::{
    domain::{DomainError, DomainResult, Path, UserError, UserErrorCode, enums::Language},
    graph::{Graph, Live},
};

/// A notice compiled from a snapshot, shared with the snapshot's memo.
#[derive(Clone, Debug)]
pub struct Compiled(Arc<Result<Notice, super::NoticeError>>);

impl std::ops::Deref for Compiled {
    type Target = Notice;
    fn deref(&self) -> &Notice {
        match self.0.as_ref() {
            Ok(notice) => notice,
            // `compile_live` makes a `Compiled` only of a compiled notice.
            Err(_) => unreachable!("a Compiled holds a compiled notice"),
        }
    }
}

/// The notice compiled from the register's graph in the snapshot; `None`
/// for no register, a user error when it cannot be compiled.
pub fn compile_live(
    graph: &Graph,
    register_id: i64,
    language: Language,
) -> DomainResult<Option<Compiled>> {
    let Some(compiled) = super::live(graph, register_id, language) else {
        return Ok(None);
    };
    match compiled.as_ref() {
        Ok(_) => Ok(Some(Compiled(compiled))),
        Err(error) => Err(DomainError::User(vec![UserError::new(
            &Path::root("language"),
            UserErrorCode::Invalid,
            error.to_string(),
        )])),
    }
}

/// The latest published version in `language`.
pub fn latest(
    graph: &Graph,
    register_id: i64,
    language: Language,
) -> Option<Arc<notice_version::Model>> {
    graph
        .register(register_id)?
        .latest_notice(language.as_str())
        .cloned()
}

/// Every published version, newest first; all languages when `language` is `None`.
pub fn history(
    graph: &Graph,
    register_id: i64,
    language: Option<Language>,
) -> Vec<Arc<notice_version::Model>> {
    let Some(register) = graph.register(register_id) else {
        return Vec::new();
    };
    let mut versions: Vec<_> = register
        .notices
        .iter()
        .filter(|n| language.is_none_or(|l| n.language == l.as_str()))
        .cloned()
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse((v.published_at, v.id)));
    versions
}

/// Whether the live compilation differs from the latest published version
/// (in `language`, or in any language that has been published).
pub fn is_stale(graph: &Graph, register_id: i64, language: Option<Language>) -> bool {
    crate::findings::stale(graph, register_id, language)
}

/// The CRITICAL findings standing on a register today.
fn critical_findings(graph: &Graph, register_id: i64) -> Vec<crate::findings::Finding> {
    crate::findings::of_register(graph, register_id, &crate::findings::Scenario::today())
        .iter()
        .filter(|f| f.rule.severity == crate::findings::Severity::Critical)
        .cloned()
        .collect()
}

/// Takes the generation counter's row lock in the writer's transaction and
/// returns the generation: until this transaction ends, no other write can
/// commit, so the snapshot at this generation is what the database holds.
async fn hold_generation<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        // BEGIN IMMEDIATE already holds SQLite's one write lock.
        DatabaseBackend::Sqlite => "SELECT value FROM graph_generation WHERE id = 1",
        _ => "SELECT value FROM graph_generation WHERE id = 1 FOR UPDATE",
    };
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(backend, sql))
        .await?;
    match row {
        Some(row) => row.try_get_by_index::<i64>(0),
        None => Err(DbErr::RecordNotFound("graph_generation".into())),
    }
}

/// Publishes the register's notice in `language`. Returns the version and
/// whether it is new (an unchanged notice is not published twice).
///
/// The law gates it: while a CRITICAL finding stands on the register (a
/// transfer on an invalidated mechanism, special categories without an
/// Art. 9(2) condition…) the notice is published only when the publisher
/// acknowledges those findings with a reason, which is kept with the
/// version and in the audit trail.
pub async fn publish(
    live: &Live,
    register_id: i64,
    language: Language,
    by: Option<String>,
    acknowledgement: Option<String>,
) -> DomainResult<Option<(Arc<notice_version::Model>, bool)>> {
    let txn = crate::db::begin_write(live.db()).await?;
    let generation = hold_generation(&txn).await?;
    let graph = live.at_least(generation).await?;
    let Some(notice) = compile_live(&graph, register_id, language)? else {
        return Ok(None);
    };
    let previous = latest(&graph, register_id, language);
    if let Some(previous) = previous
        .as_ref()
        .filter(|p| p.content_hash == notice.content_hash())
    {
        txn.commit().await?;
        return Ok(Some((previous.clone(), false)));
    }
    let critical = critical_findings(&graph, register_id);
    let mut codes: Vec<&str> = critical.iter().map(|f| f.rule.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let reason = acknowledgement
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if let Some(reason) = reason {
        crate::domain::value::check_text(reason, crate::domain::value::TextLimit::Text).map_err(
            |message| {
                DomainError::User(vec![UserError::new(
                    &Path::root("input").key("acknowledgement"),
                    UserErrorCode::Invalid,
                    format!("the acknowledgement {message}"),
                )])
            },
        )?;
    }
    if !codes.is_empty() && reason.is_none() {
        let listed = critical
            .iter()
            .map(|f| f.message(language))
            .collect::<Vec<_>>()
            .join("; ");
        return Err(DomainError::User(vec![UserError::new(
            &Path::root("input").key("acknowledgement"),
            UserErrorCode::CriticalFindings,
            format!(
                "CRITICAL findings stand on this register ({}): {listed}. Fix them, or publish with an acknowledgement saying why",
                codes.join(", ")
            ),
        )]));
    }
    let (acknowledgement, acknowledged_findings) = match (codes.is_empty(), reason) {
        (false, Some(reason)) => (
            Some(reason.to_owned()),
            Some(serde_json::to_string(&codes).unwrap_or_default()),
        ),
        _ => (None, None),
    };
    let row = notice_version::Model {
        id: 0,
        register_id,
        language: language.as_str().to_owned(),
        number: previous.map_or(1, |p| p.number + 1),
        title: notice.title(),
        content_hash: notice.content_hash(),
        markdown: notice.render(Format::Markdown),
        html: notice.render(Format::Html),
        text: notice.render(Format::Text),
        sections: serde_json::to_string(&notice.sections).unwrap_or_default(),
        snapshot: notice.snapshot.clone(),
        published_at: Utc::now(),
        published_by: by,
        acknowledgement,
        acknowledged_findings,
    };
    let mut active = row.into_active_model().reset_all();
    active.not_set(notice_version::Column::Id);
    let saved = match active.insert(&txn).await {
        Ok(saved) => saved,
        Err(error)
            if matches!(
                error.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Err(DomainError::User(vec![UserError::new(
                &Path::root("input").key("registerId"),
                UserErrorCode::Conflict,
                "the notice was published by someone else at the same moment: look at the latest version and publish again if needed",
            )]));
        }
        Err(error) => return Err(error.into()),
    };
    let change = crate::domain::audit::Change::new(
        crate::domain::id::NodeType::NoticeVersion,
        saved.id,
        None,
        Some(&saved),
    );
    let actor = crate::domain::audit::Actor {
        subject: saved
            .published_by
            .clone()
            .unwrap_or_else(|| "unknown".into()),
        client_id: None,
    };
    crate::domain::audit::record(&txn, &actor, &[change]).await?;
    txn.commit().await?;
    Ok(Some((Arc::new(saved), true)))
}

/// A unified diff between two notice texts, line by line.
pub fn diff(from: &str, to: &str, from_label: &str, to_label: &str) -> String {
    similar::TextDiff::from_lines(from, to)
        .unified_diff()
        .context_radius(2)
        .header(from_label, to_label)
        .to_string()
}
