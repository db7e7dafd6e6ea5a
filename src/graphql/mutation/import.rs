//! Importing an inventory document over GraphQL, for administrators: the
//! same import as `ropagraph import`, with its plan as typed objects, so a
//! script can see what a document creates, updates and deletes
//! (`dryRun: true`) before it applies it.

use async_graphql::{Context, InputObject, Json, Object, Result, SimpleObject};

use super::{Failed, Refused, actor, begin, settle};
use crate::{
    auth::Scope,
    domain::{DomainError, UserError},
    graphql::{require, require_all_controllers},
    inventory::{self, Options, Report, plan},
};

#[derive(InputObject)]
pub struct ImportInventoryInput {
    /// An inventory document (docs/inventory-format.md). It is declarative:
    /// a register's parts it does not list are deleted.
    pub document: Json<serde_json::Value>,
    /// Run the whole import, answer its plan and roll it back: nothing is
    /// written. False when left out.
    pub dry_run: Option<bool>,
    /// Apply deletions past the threshold (more than 10 parts of a kind and
    /// more than half of what a register holds of it) instead of refusing
    /// them. False when left out.
    pub allow_deletes: Option<bool>,
}

#[derive(SimpleObject)]
pub struct ImportInventoryPayload {
    /// True when the import was written; false for a dry run and whenever
    /// there are user errors.
    pub committed: bool,
    /// What the import does (or, in a dry run or when refused for its
    /// deletions, would do); null when the document has errors.
    pub plan: Option<ImportPlan>,
    /// Document errors, each with its path from `input.document`; deletions
    /// past the threshold (which a dry run reports too).
    pub user_errors: Vec<UserError>,
}

impl Refused for ImportInventoryPayload {
    fn refused(user_errors: Vec<UserError>) -> Self {
        Self {
            committed: false,
            plan: None,
            user_errors,
        }
    }
}

/// An import's plan, per kind of node.
#[derive(SimpleObject)]
pub struct ImportPlan {
    pub kinds: Vec<ImportPlanKind>,
    pub created: i32,
    pub updated: i32,
    pub deleted: i32,
}

/// What an import does to one kind of node, by key: `externalId`, or for a
/// register's unkeyed parts `register-key list[position] "text"`.
#[derive(SimpleObject)]
pub struct ImportPlanKind {
    /// The document's name for the list: `processorEngagements`, `purposes`…
    pub kind: String,
    pub created: Vec<String>,
    pub updated: Vec<ImportPlanUpdate>,
    pub deleted: Vec<String>,
}

/// A node that stays, with the fields that change, as the document names them.
#[derive(SimpleObject)]
pub struct ImportPlanUpdate {
    pub key: String,
    pub fields: Vec<String>,
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<&plan::Plan> for ImportPlan {
    fn from(plan: &plan::Plan) -> Self {
        let (created, updated, deleted) = plan.totals();
        Self {
            kinds: plan
                .kinds
                .iter()
                .map(|(kind, steps)| ImportPlanKind {
                    kind: (*kind).to_owned(),
                    created: steps.created.clone(),
                    updated: steps
                        .updated
                        .iter()
                        .map(|u| ImportPlanUpdate {
                            key: u.key.clone(),
                            fields: u.fields.clone(),
                        })
                        .collect(),
                    deleted: steps.deleted.clone(),
                })
                .collect(),
            created: count(created),
            updated: count(updated),
            deleted: count(deleted),
        }
    }
}

/// A document path, as seen from the mutation's argument.
fn from_input(errors: Vec<UserError>) -> Vec<UserError> {
    errors
        .into_iter()
        .map(|mut error| {
            let mut field = vec!["input".to_owned(), "document".to_owned()];
            field.append(&mut error.field);
            error.field = field;
            error
        })
        .collect()
}

fn answer(report: Report) -> ImportInventoryPayload {
    ImportInventoryPayload {
        committed: report.committed,
        plan: Some(ImportPlan::from(&report.plan)),
        user_errors: from_input(report.refusals),
    }
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Applies an inventory document in one transaction, as `ropagraph
    /// import` does, and answers its plan. Needs ropa:admin and a token not
    /// limited to some controllers: a document spans the whole inventory.
    async fn import_inventory(
        &self,
        ctx: &Context<'_>,
        input: ImportInventoryInput,
    ) -> Result<ImportInventoryPayload> {
        require(ctx, Scope::Admin)?;
        require_all_controllers(ctx)?;
        let document = match inventory::parse(&input.document.0.to_string()) {
            Ok(document) => document,
            Err(error) => return Ok(ImportInventoryPayload::refused(from_input(vec![error]))),
        };
        let options = Options {
            dry_run: input.dry_run.unwrap_or(false),
            allow_deletes: input.allow_deletes.unwrap_or(false),
        };
        settle("inventory", async move {
            let (_turn, txn) = begin(ctx).await?;
            match inventory::apply(txn, &document, &|_, _| {}, &actor(ctx), options).await {
                Ok(report) => {
                    crate::graphql::caught_up(ctx).await?;
                    Ok(answer(report))
                }
                Err(DomainError::User(errors)) => {
                    Ok(ImportInventoryPayload::refused(from_input(errors)))
                }
                Err(DomainError::Db(error)) => Err(Failed::Db(error)),
            }
        })
        .await
    }
}
