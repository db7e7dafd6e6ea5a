//! Publishing notices.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::not_found;
use crate::{
    domain::{
        DomainError, UserError,
        enums::Language,
        id::{NodeType, decode_as},
    },
    graphql::{db, internal, types::NoticeVersion},
    notice::publish,
};

#[derive(InputObject)]
pub struct PublishNoticeInput {
    pub register_id: ID,
    #[graphql(default_with = "Language::Fi")]
    pub language: Language,
    /// Why the notice is published while CRITICAL findings stand on the
    /// register. Without it such a notice is refused (CRITICAL_FINDINGS);
    /// with it, the reason and the findings are kept with the version.
    pub acknowledgement: Option<String>,
}

#[derive(SimpleObject)]
pub struct PublishNoticePayload {
    /// The latest published version after this call.
    pub notice_version: Option<NoticeVersion>,
    /// False when the notice had not changed since the latest version, which stays current.
    pub created: bool,
    pub user_errors: Vec<UserError>,
}

#[derive(Default)]
pub struct NoticeMutation;

#[Object]
impl NoticeMutation {
    /// Publishes the register's notice as compiled now: an immutable, numbered
    /// version served at `/notices/{slug}`. Refused while a CRITICAL finding
    /// stands on the register, unless `acknowledgement` says why.
    async fn publish_notice(
        &self,
        ctx: &Context<'_>,
        input: PublishNoticeInput,
    ) -> Result<PublishNoticePayload> {
        crate::graphql::require(ctx, crate::auth::Scope::Admin)?;
        let by = ctx
            .data_opt::<crate::auth::Principal>()
            .map(|p| p.subject.clone());
        let missing = || PublishNoticePayload {
            notice_version: None,
            created: false,
            user_errors: vec![not_found("registerId", "register")],
        };
        let Some(register_id) = decode_as(&input.register_id, NodeType::Register) else {
            return Ok(missing());
        };
        let reached = crate::graphql::reach(ctx)
            .reaches::<entity::register::Entity, _>(db(ctx), register_id)
            .await
            .map_err(internal)?;
        if !reached {
            return Ok(missing());
        }
        match publish::publish(
            crate::graphql::live(ctx),
            register_id,
            input.language,
            by,
            input.acknowledgement,
        )
        .await
        {
            Ok(Some((version, created))) => {
                crate::graphql::caught_up(ctx).await.map_err(internal)?;
                Ok(PublishNoticePayload {
                    notice_version: Some(NoticeVersion(version)),
                    created,
                    user_errors: Vec::new(),
                })
            }
            Ok(None) => Ok(missing()),
            Err(DomainError::User(user_errors)) => Ok(PublishNoticePayload {
                notice_version: None,
                created: false,
                user_errors,
            }),
            Err(DomainError::Db(error)) => Err(internal(error)),
        }
    }
}
