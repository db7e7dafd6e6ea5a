//! Findings as people and scripts outside GraphQL read them: each with its
//! register's slug and name, the controller and a label for the node it is
//! about, never an internal row id (`ropagraph findings`).

use serde::Serialize;

use super::{Finding, Severity, Subject};
use crate::{
    domain::{
        Localized,
        enums::{Language, RetentionUnit},
    },
    graph::Graph,
};

/// One finding, in the words of one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub severity: Severity,
    pub code: String,
    pub register_slug: String,
    pub register_name: String,
    pub controller: String,
    /// The kind of node: Register, Transfer, Purpose, ProcessorEngagement, RetentionRule.
    pub subject_type: &'static str,
    /// The node, as a person recognises it: a name, a destination, a description.
    pub subject: String,
    pub message: String,
    pub citation: String,
}

fn local(stored: &str, language: Language) -> String {
    Localized::from_json(stored)
        .get(language)
        .unwrap_or_default()
        .to_owned()
}

/// At most `n` characters of `text`, marked where cut.
fn short(text: &str, n: usize) -> String {
    let cut: String = text.chars().take(n).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn unit(unit: Option<&str>, language: Language) -> &'static str {
    let unit = unit.and_then(RetentionUnit::parse);
    let [fi, sv, en] = match unit {
        Some(RetentionUnit::Day) => ["päivää", "dagar", "days"],
        Some(RetentionUnit::Week) => ["viikkoa", "veckor", "weeks"],
        Some(RetentionUnit::Month) => ["kuukautta", "månader", "months"],
        Some(RetentionUnit::Year) => ["vuotta", "år", "years"],
        None => ["", "", ""],
    };
    match language {
        Language::Fi => fi,
        Language::Sv => sv,
        Language::En => en,
    }
}

/// The kind of node a finding is about, and a label for it.
fn subject(graph: &Graph, subject: &Subject, language: Language) -> (&'static str, String) {
    let organization = |id: Option<i64>| {
        id.and_then(|id| graph.organization(id))
            .map(|o| o.name.clone())
    };
    match subject {
        Subject::Register(r) => ("Register", local(&r.name, language)),
        Subject::Transfer(t) => {
            let to = organization(t.recipient_id).or_else(|| {
                t.engagement_id
                    .and_then(|e| graph.engagement(e))
                    .and_then(|e| organization(Some(e.processor_id)))
            });
            let label = [to, t.destination_country.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            ("Transfer", label)
        }
        Subject::Purpose(p) => ("Purpose", short(&local(&p.description, language), 80)),
        Subject::Engagement(e) => (
            "ProcessorEngagement",
            organization(Some(e.processor_id)).unwrap_or_default(),
        ),
        Subject::RetentionRule(r) => {
            let label = match (r.amount, &r.criteria) {
                (Some(amount), _) => format!("{amount} {}", unit(r.unit.as_deref(), language)),
                (None, Some(criteria)) => short(&local(criteria, language), 80),
                (None, None) => String::new(),
            };
            ("RetentionRule", label)
        }
    }
}

/// The findings as rows in `language`, register by register (by slug), each
/// register's in rule book order.
pub fn rows(graph: &Graph, findings: &[Finding], language: Language) -> Vec<Row> {
    let mut rows: Vec<Row> = findings
        .iter()
        .map(|f| {
            let register = graph.register(f.register_id);
            let (subject_type, subject) = subject(graph, &f.subject, language);
            Row {
                severity: f.rule.severity,
                code: f.rule.code.clone(),
                register_slug: register.map(|r| r.slug.clone()).unwrap_or_default(),
                register_name: register
                    .map(|r| local(&r.name, language))
                    .unwrap_or_default(),
                controller: graph
                    .organization(f.controller_id)
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                subject_type,
                subject,
                message: f.message(language),
                citation: f.rule.citation.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.register_slug.cmp(&b.register_slug));
    rows
}

/// Rows for a person: each register once, by slug, name and controller, then
/// its findings one a line.
pub fn text(rows: &[Row]) -> String {
    let mut out = String::new();
    let mut register = None;
    for row in rows {
        if register != Some(&row.register_slug) {
            if register.is_some() {
                out.push('\n');
            }
            out.push_str(&format!(
                "{}  {} ({})\n",
                row.register_slug, row.register_name, row.controller
            ));
            register = Some(&row.register_slug);
        }
        out.push_str(&format!(
            "  {:<8} {:<38} {}\n",
            format!("{:?}", row.severity).to_uppercase(),
            row.code,
            row.message
        ));
    }
    out
}

/// The columns of a row, as JSON and CSV name them.
pub const COLUMNS: [&str; 9] = [
    "severity",
    "code",
    "registerSlug",
    "registerName",
    "controller",
    "subjectType",
    "subject",
    "message",
    "citation",
];

/// Rows as CSV under a header line (also when there are none), the columns
/// named as in JSON.
pub fn csv(rows: &[Row]) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.serialize(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
