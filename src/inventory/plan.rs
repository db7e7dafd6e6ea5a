//! What an import does, key by key. The document is declarative — it states
//! the whole of what it names, so a part a register no longer lists is
//! deleted — and people who apply it must be able to see that before and
//! after: the summary lists what was deleted, a dry run lists everything.
//! Rows are named the way the document names them: by `externalId`, or for a
//! register's unkeyed parts by the register's key, the list and position and
//! the start of the part's text.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::domain::{
    audit::{Change, Operation},
    id::NodeType,
};

/// The document's name for a list of nodes of this type: the summary's and
/// the plan's name for the kind.
pub fn kind_name(node_type: NodeType) -> &'static str {
    match node_type {
        NodeType::Organization => "organizations",
        NodeType::Contact => "contacts",
        NodeType::DataSubjectCategory => "dataSubjectCategories",
        NodeType::DataCategory => "dataCategories",
        NodeType::System => "systems",
        NodeType::Register => "registers",
        NodeType::Purpose => "purposes",
        NodeType::DataSource => "sources",
        NodeType::Recipient => "recipients",
        NodeType::ProcessorEngagement => "processorEngagements",
        NodeType::Transfer => "transfers",
        NodeType::RetentionRule => "retentionRules",
        NodeType::SecurityMeasure => "securityMeasures",
        NodeType::NoticeVersion => "noticeVersions",
    }
}

/// How a stored row (as the audit trail serialises it) is named to people:
/// its `externalId`, or `register-key purposes[2] "start of the text"`.
pub fn row_key(kind: &str, row: &Value, register_key: impl Fn(i64) -> Option<String>) -> String {
    if let Some(key) = row.get("external_id").and_then(Value::as_str) {
        return key.to_owned();
    }
    let register = match row.get("register_id").and_then(Value::as_i64) {
        Some(id) => register_key(id).unwrap_or_else(|| format!("register {id}")),
        None => "?".to_owned(),
    };
    let position = row.get("position").and_then(Value::as_i64).unwrap_or(0);
    let mut key = format!("{register} {kind}[{position}]");
    if let Some(text) = ["description", "trigger", "criteria"]
        .iter()
        .find_map(|field| row.get(*field).and_then(Value::as_str).and_then(first_text))
    {
        key.push_str(&format!(" \"{text}\""));
    }
    key
}

/// The first language's text of a localized column (`{"fi": "…"}`), cut short.
fn first_text(column: &str) -> Option<String> {
    let value: Value = serde_json::from_str(column).ok()?;
    let text = value.as_object()?.values().find_map(Value::as_str)?;
    let mut short: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        short.push('…');
    }
    Some(short)
}

/// Everything an import creates, updates and deletes, per kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub kinds: BTreeMap<&'static str, KindPlan>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindPlan {
    pub created: Vec<String>,
    pub updated: Vec<Updated>,
    pub deleted: Vec<String>,
}

/// A row that stays, with the names of the fields that change (as the
/// document names them: `processingCountries`, `controller`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Updated {
    pub key: String,
    pub fields: Vec<String>,
}

enum Step {
    Created(String),
    Updated(String, Vec<String>),
    Deleted(String),
}

impl Plan {
    /// Reads the plan off the changes a write collected for the audit trail:
    /// each holds the row before and after. A row written twice (an
    /// engagement linked to its parent in a second pass) is one step.
    pub fn from_changes(changes: &[Change], register_key: impl Fn(i64) -> Option<String>) -> Self {
        let mut steps: Vec<((&'static str, i64), Step)> = Vec::new();
        let mut index: HashMap<(&'static str, i64), usize> = HashMap::new();
        for change in changes {
            let kind = kind_name(change.node_type);
            let before = parsed(&change.before);
            let after = parsed(&change.after);
            let (id, step) = match change.operation {
                Operation::Create => (
                    change.id,
                    Step::Created(row_key(kind, &after, &register_key)),
                ),
                Operation::Update => (
                    change.id,
                    Step::Updated(
                        row_key(kind, &after, &register_key),
                        changed_fields(&before, &after),
                    ),
                ),
                Operation::Delete => (
                    change.id,
                    Step::Deleted(row_key(kind, &before, &register_key)),
                ),
                Operation::Links => {
                    let key = register_key(change.id)
                        .unwrap_or_else(|| format!("register {}", change.id));
                    (
                        change.id,
                        Step::Updated(key, vec![links_field(&before, &after).to_owned()]),
                    )
                }
            };
            match index.get(&(kind, id)) {
                None => {
                    index.insert((kind, id), steps.len());
                    steps.push(((kind, id), step));
                }
                Some(&i) => match (&mut steps[i].1, step) {
                    (Step::Updated(_, fields), Step::Updated(_, more)) => {
                        for field in more {
                            if !fields.contains(&field) {
                                fields.push(field);
                            }
                        }
                    }
                    (Step::Created(_), Step::Updated(..)) => {}
                    (slot, step) => *slot = step,
                },
            }
        }
        let mut plan = Plan::default();
        for ((kind, _), step) in steps {
            let entry = plan.kinds.entry(kind).or_default();
            match step {
                Step::Created(key) => entry.created.push(key),
                Step::Updated(key, fields) => entry.updated.push(Updated { key, fields }),
                Step::Deleted(key) => entry.deleted.push(key),
            }
        }
        plan
    }

    /// How many rows are created, updated and deleted in all.
    pub fn totals(&self) -> (usize, usize, usize) {
        self.kinds.values().fold((0, 0, 0), |(c, u, d), k| {
            (
                c + k.created.len(),
                u + k.updated.len(),
                d + k.deleted.len(),
            )
        })
    }
}

/// One line per row: `+` created, `~` updated (with the fields), `-` deleted.
impl std::fmt::Display for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (created, updated, deleted) = self.totals();
        if created + updated + deleted == 0 {
            return writeln!(f, "nothing to change");
        }
        for (kind, steps) in &self.kinds {
            writeln!(
                f,
                "{kind}: {} created, {} updated, {} deleted",
                steps.created.len(),
                steps.updated.len(),
                steps.deleted.len()
            )?;
            for key in &steps.created {
                writeln!(f, "  + {key}")?;
            }
            for step in &steps.updated {
                writeln!(f, "  ~ {} ({})", step.key, step.fields.join(", "))?;
            }
            for key in &steps.deleted {
                writeln!(f, "  - {key}")?;
            }
        }
        Ok(())
    }
}

fn parsed(json: &Option<String>) -> Value {
    json.as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

/// Columns every row has that no document states.
const STAMPS: [&str; 4] = ["id", "created_at", "updated_at", "version"];

/// The fields whose stored value differs, named as the document names them.
fn changed_fields(before: &Value, after: &Value) -> Vec<String> {
    let Some(after) = after.as_object() else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(column, value)| {
            !STAMPS.contains(&column.as_str()) && before.get(column.as_str()) != Some(*value)
        })
        .map(|(column, _)| document_name(column))
        .collect()
}

/// `processing_countries` → `processingCountries`, `controller_id` → `controller`.
fn document_name(column: &str) -> String {
    let column = column.strip_suffix("_id").unwrap_or(column);
    let mut name = String::new();
    let mut upper = false;
    for c in column.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                name.extend(c.to_uppercase());
                upper = false;
            }
            c => name.push(c),
        }
    }
    name
}

/// Which of a register's link lists a replacement of links changed, told by
/// the shape of its rows.
fn links_field(before: &Value, after: &Value) -> &'static str {
    let row = [before, after]
        .into_iter()
        .find_map(|rows| rows.as_array().and_then(|rows| rows.first()));
    match row {
        Some(row) if row.get("system_id").is_some() => "systems",
        Some(row) if row.get("organization_id").is_some() => "jointControllers",
        Some(row) if row.get("note").is_some() => "dataCategories",
        Some(_) => "dataSubjectCategories",
        None => "links",
    }
}
