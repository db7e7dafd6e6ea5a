//! Publishing: a notice version is stored once and never changed; a new one
//! is made only when the compiled text differs from the latest.

use chrono::Utc;
use entity::notice_version;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};

use super::{Format, Notice, compile};
use crate::domain::{
    DomainError, DomainResult, Path, UserError, UserErrorCode, enums::Language, view,
};

/// The notice compiled from the register's current graph; `None` for no register.
pub async fn compile_live<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
    language: Language,
) -> DomainResult<Option<Notice>> {
    let Some(view) = view::load(db, register_id).await? else {
        return Ok(None);
    };
    compile(&view, language).map(Some).map_err(|error| {
        DomainError::User(vec![UserError::new(
            &Path::root("language"),
            UserErrorCode::Invalid,
            error.to_string(),
        )])
    })
}

/// The latest published version in `language`.
pub async fn latest<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
    language: Language,
) -> Result<Option<notice_version::Model>, DbErr> {
    notice_version::Entity::find()
        .filter(notice_version::Column::RegisterId.eq(register_id))
        .filter(notice_version::Column::Language.eq(language.as_str()))
        .order_by_desc(notice_version::Column::Number)
        .one(db)
        .await
}

/// Every published version, newest first; all languages when `language` is `None`.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
    language: Option<Language>,
) -> Result<Vec<notice_version::Model>, DbErr> {
    let mut query =
        notice_version::Entity::find().filter(notice_version::Column::RegisterId.eq(register_id));
    if let Some(language) = language {
        query = query.filter(notice_version::Column::Language.eq(language.as_str()));
    }
    query
        .order_by_desc(notice_version::Column::PublishedAt)
        .order_by_desc(notice_version::Column::Id)
        .all(db)
        .await
}

/// Whether the live compilation differs from the latest published version
/// (in `language`, or in any language that has been published).
pub async fn is_stale<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
    language: Option<Language>,
) -> DomainResult<bool> {
    let languages: Vec<Language> = match language {
        Some(language) => vec![language],
        None => Language::ALL.to_vec(),
    };
    for language in languages {
        let Some(published) = latest(db, register_id, language).await? else {
            continue;
        };
        match compile_live(db, register_id, language).await? {
            Some(live) if live.content_hash() != published.content_hash => return Ok(true),
            _ => {}
        }
    }
    Ok(false)
}

/// The CRITICAL findings standing on a register today, by rule code.
async fn critical_findings<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
) -> Result<Vec<crate::findings::Finding>, DbErr> {
    let found = crate::findings::findings(
        db,
        view::Registers::Ids(vec![register_id]),
        &crate::findings::Scenario::today(),
    )
    .await?;
    Ok(found
        .into_iter()
        .filter(|f| f.rule.severity == crate::findings::Severity::Critical)
        .collect())
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
    db: &DatabaseConnection,
    register_id: i64,
    language: Language,
    by: Option<String>,
    acknowledgement: Option<String>,
) -> DomainResult<Option<(notice_version::Model, bool)>> {
    let txn = crate::db::begin_write(db).await?;
    let Some(notice) = compile_live(&txn, register_id, language).await? else {
        return Ok(None);
    };
    let previous = latest(&txn, register_id, language).await?;
    if let Some(previous) = previous
        .as_ref()
        .filter(|p| p.content_hash == notice.content_hash())
    {
        txn.commit().await?;
        return Ok(Some((previous.clone(), false)));
    }
    let critical = critical_findings(&txn, register_id).await?;
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
    Ok(Some((saved, true)))
}

/// A unified diff between two notice texts, line by line.
pub fn diff(from: &str, to: &str, from_label: &str, to_label: &str) -> String {
    similar::TextDiff::from_lines(from, to)
        .unified_diff()
        .context_radius(2)
        .header(from_label, to_label)
        .to_string()
}
