//! What an import does, key by key. The document is declarative — it states
//! the whole of what it names, so a part a register no longer lists is
//! deleted — and people who apply it must be able to see that before and
//! after: the summary lists what was deleted, a dry run lists everything.
//! Rows are named the way the document names them: by `externalId`, or for a
//! register's unkeyed parts by the register's key, the list and position and
//! the start of the part's text.

use serde_json::Value;

use crate::domain::id::NodeType;

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
