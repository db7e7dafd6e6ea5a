//! An import that would delete much of what a register holds stops unless
//! the caller says it is meant. The document is declarative, so a register
//! listing 1 of its 20 processors deletes the other 19 — right when the
//! source system dropped them, a disaster when an export was cut short.
//!
//! The threshold: more than `QUIET_DELETES` rows of one kind of one owner
//! (a register's purposes, processors, transfers…, an organization's
//! contacts) *and* more than half of what that owner had stored of that kind.
//! Both, so that pruning a long list a little, or emptying a short one,
//! passes without ceremony.

use std::collections::{BTreeMap, HashMap};

use entity::{
    contact, data_source, processor_engagement, purpose, recipient, retention_rule,
    security_measure, transfer,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use super::Document;
use crate::domain::{
    Path, UserError, UserErrorCode,
    audit::{Change, Operation},
    id::NodeType,
};

/// Up to this many deletions of one kind under one owner never stop an import.
pub const QUIET_DELETES: usize = 10;

#[derive(Default)]
struct Tally {
    created: u64,
    deleted: u64,
}

/// The owner a deleted or created row belongs to, and the document list it sits in.
fn owner(node_type: NodeType, row: &Value) -> Option<(i64, &'static str)> {
    let list = match node_type {
        NodeType::Contact => {
            return row
                .get("organization_id")
                .and_then(Value::as_i64)
                .map(|id| (id, "contacts"));
        }
        NodeType::Purpose => "purposes",
        NodeType::DataSource => "sources",
        NodeType::Recipient => "recipients",
        NodeType::RetentionRule => "retentionRules",
        NodeType::SecurityMeasure => "securityMeasures",
        NodeType::ProcessorEngagement => "processors",
        NodeType::Transfer => "transfers",
        _ => return None,
    };
    row.get("register_id")
        .and_then(Value::as_i64)
        .map(|id| (id, list))
}

fn noun(node_type: NodeType) -> &'static str {
    match node_type {
        NodeType::Contact => "contacts",
        NodeType::Purpose => "purposes",
        NodeType::DataSource => "sources",
        NodeType::Recipient => "recipients",
        NodeType::RetentionRule => "retention rules",
        NodeType::SecurityMeasure => "security measures",
        NodeType::ProcessorEngagement => "processor engagements",
        NodeType::Transfer => "transfers",
        _ => "parts",
    }
}

/// How many rows of a kind an owner holds now, in the import's transaction.
async fn stored<C: ConnectionTrait>(db: &C, node_type: NodeType, owner: i64) -> Result<u64, DbErr> {
    macro_rules! count {
        ($module:ident, $column:ident) => {
            $module::Entity::find()
                .filter($module::Column::$column.eq(owner))
                .count(db)
                .await
        };
    }
    match node_type {
        NodeType::Contact => count!(contact, OrganizationId),
        NodeType::Purpose => count!(purpose, RegisterId),
        NodeType::DataSource => count!(data_source, RegisterId),
        NodeType::Recipient => count!(recipient, RegisterId),
        NodeType::RetentionRule => count!(retention_rule, RegisterId),
        NodeType::SecurityMeasure => count!(security_measure, RegisterId),
        NodeType::ProcessorEngagement => count!(processor_engagement, RegisterId),
        NodeType::Transfer => count!(transfer, RegisterId),
        _ => Ok(0),
    }
}

/// The deletions past the threshold, one refusal per owner and kind, each
/// naming the document path of the list and how many of how many go.
/// `registers` and `organizations` map ids to keys.
pub async fn mass_deletions<C: ConnectionTrait>(
    db: &C,
    document: &Document,
    changes: &[Change],
    registers: &HashMap<i64, String>,
    organizations: &HashMap<i64, String>,
) -> Result<Vec<UserError>, DbErr> {
    let mut tallies: BTreeMap<(i64, &'static str), (NodeType, Tally)> = BTreeMap::new();
    for change in changes {
        let (json, deleted) = match change.operation {
            Operation::Create => (&change.after, false),
            Operation::Delete => (&change.before, true),
            _ => continue,
        };
        let Some(row) = json
            .as_deref()
            .and_then(|text| serde_json::from_str::<Value>(text).ok())
        else {
            continue;
        };
        let Some((owner_id, list)) = owner(change.node_type, &row) else {
            continue;
        };
        let (_, tally) = tallies
            .entry((owner_id, list))
            .or_insert_with(|| (change.node_type, Tally::default()));
        match deleted {
            true => tally.deleted += 1,
            false => tally.created += 1,
        }
    }
    let mut refusals = Vec::new();
    for ((owner_id, list), (node_type, tally)) in tallies {
        if tally.deleted <= QUIET_DELETES as u64 {
            continue;
        }
        let now = stored(db, node_type, owner_id).await?;
        let before = (now + tally.deleted).saturating_sub(tally.created);
        if tally.deleted * 2 <= before {
            continue;
        }
        let (root, keys, owner_noun) = match node_type {
            NodeType::Contact => ("organizations", organizations, "organization"),
            _ => ("registers", registers, "register"),
        };
        let key = keys.get(&owner_id).cloned().unwrap_or_default();
        let position = match root {
            "organizations" => document
                .organizations
                .iter()
                .position(|o| o.external_id.as_deref() == Some(key.as_str())),
            _ => document
                .registers
                .iter()
                .position(|r| r.external_id.as_deref() == Some(key.as_str())),
        };
        let path = match position {
            Some(i) => Path::root(root).index(i).key(list),
            None => Path::root(root),
        };
        refusals.push(UserError::new(
            &path,
            UserErrorCode::Invalid,
            format!(
                "this document would delete {} of the {before} {} stored for the {owner_noun} \"{key}\" \
                 (more than {QUIET_DELETES} and more than half): the document is declarative, so what it \
                 does not list is deleted. If that is meant, import it with --allow-deletes \
                 (allowDeletes: true in GraphQL); otherwise list them",
                tally.deleted,
                noun(node_type),
            ),
        ));
    }
    Ok(refusals)
}
