//! Loading a page's relations up front. When a connection of registers is
//! resolved, every relation the query selects is loaded for the whole page
//! at once (one statement per relation hop) into the request's cache, so the
//! per-node resolvers find their rows there. Unlike a DataLoader batch
//! window, this does not depend on how quickly the nodes are resolved: the
//! statement count of a query is the same for 10 registers or 100.

use std::{collections::BTreeSet, sync::Arc};

use async_graphql::{Context, Result};
use entity::register;
use futures_util::future::{BoxFuture, try_join_all};
use sea_orm::DbErr;

use async_graphql::dataloader::Loader as LoaderTrait;

use super::{internal, loader::*};

type Load<'a> = BoxFuture<'a, Result<(), Arc<DbErr>>>;

/// Whether the query selects `path` under the connection's nodes.
fn wants(ctx: &Context<'_>, path: &[&str]) -> bool {
    let look = ctx.look_ahead();
    [look.field("edges").field("node"), look.field("nodes")]
        .into_iter()
        .any(|mut f| {
            for name in path {
                f = f.field(name);
            }
            f.exists()
        })
}

macro_rules! load {
    ($loads:ident, $loader:ident, $key:ident, $ids:expr) => {{
        let keys: Vec<$key> = $ids.into_iter().map($key).collect();
        // Loaded at once and fed to the request's cache: no batch window to
        // wait out, since the whole page's keys are known here.
        $loads.push(Box::pin(async move {
            let values = LoaderTrait::load($loader.loader(), &keys).await?;
            $loader.feed_many(values).await;
            Ok(())
        }));
    }};
}

/// Prefetches the relations of a page of registers that the query selects.
pub async fn registers(ctx: &Context<'_>, page: &[&register::Model]) -> Result<()> {
    if page.is_empty() {
        return Ok(());
    }
    let loader = super::loader(ctx);
    let ids: Vec<i64> = page.iter().map(|r| r.id).collect();
    let mut first: Vec<Load<'_>> = Vec::new();
    if wants(ctx, &["controller"]) {
        let controllers: BTreeSet<i64> = page.iter().map(|r| r.controller_id).collect();
        load!(first, loader, OrganizationById, controllers);
    }
    if wants(ctx, &["jointControllers"]) || wants(ctx, &["jointControllerRoles"]) {
        load!(first, loader, JointControllersOf, ids.clone());
    }
    if wants(ctx, &["purposes"]) {
        load!(first, loader, PurposesOf, ids.clone());
    }
    if wants(ctx, &["dataSubjectCategories"]) {
        load!(first, loader, SubjectCategoriesOf, ids.clone());
    }
    if wants(ctx, &["dataCategories"]) {
        load!(first, loader, DataCategoriesOf, ids.clone());
    }
    if wants(ctx, &["sources"]) {
        load!(first, loader, SourcesOf, ids.clone());
    }
    if wants(ctx, &["recipients"]) {
        load!(first, loader, RecipientsOf, ids.clone());
    }
    if wants(ctx, &["processors"]) {
        load!(first, loader, EngagementsOfRegister, ids.clone());
    }
    if wants(ctx, &["transfers"]) {
        load!(first, loader, TransfersOf, ids.clone());
    }
    if wants(ctx, &["retentionRules"]) {
        load!(first, loader, RetentionRulesOf, ids.clone());
    }
    if wants(ctx, &["securityMeasures"]) {
        load!(first, loader, SecurityMeasuresOf, ids.clone());
    }
    if wants(ctx, &["systems"]) {
        load!(first, loader, SystemsOf, ids.clone());
    }
    try_join_all(first).await.map_err(internal)?;

    // Second hop: the organizations the first hop names. The first hop's rows
    // are in the request cache now, so reading them again costs nothing.
    let mut second: Vec<Load<'_>> = Vec::new();
    if wants(ctx, &["processors", "processor"]) {
        let rows = loader
            .load_many(ids.iter().copied().map(EngagementsOfRegister))
            .await
            .map_err(internal)?;
        let orgs: BTreeSet<i64> = rows.values().flatten().map(|e| e.processor_id).collect();
        load!(second, loader, ProcessorById, orgs);
    }
    if wants(ctx, &["recipients", "organization"]) {
        let rows = loader
            .load_many(ids.iter().copied().map(RecipientsOf))
            .await
            .map_err(internal)?;
        let orgs: BTreeSet<i64> = rows
            .values()
            .flatten()
            .filter_map(|r| r.organization_id)
            .collect();
        load!(second, loader, RecipientOrganizationById, orgs);
    }
    if wants(ctx, &["transfers", "recipient"]) {
        let rows = loader
            .load_many(ids.iter().copied().map(TransfersOf))
            .await
            .map_err(internal)?;
        let orgs: BTreeSet<i64> = rows
            .values()
            .flatten()
            .filter_map(|t| t.recipient_id)
            .collect();
        load!(second, loader, TransferRecipientById, orgs);
    }
    try_join_all(second).await.map_err(internal)?;
    Ok(())
}
