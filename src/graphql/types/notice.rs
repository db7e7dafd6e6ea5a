//! Notices as the API shows them: compiled live, or published versions.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::notice_version;

use std::sync::Arc;

use super::Register;
use crate::{
    domain::{
        enums::Language,
        id::{NodeType, encode},
    },
    notice::{Format, Section, publish::Compiled, render::html_fragment, render::plain_text},
};

/// A section of a notice with the ids of the nodes it was compiled from.
#[derive(SimpleObject)]
pub struct NoticeSection {
    /// Stable key: controller, contact, purposes, data_categories, transfers, rights…
    pub key: String,
    pub title: String,
    /// The section in the requested format.
    pub text: String,
    /// Global ids of the nodes this section says something about.
    pub source_ids: Vec<ID>,
}

fn section(s: &Section, format: Format) -> NoticeSection {
    NoticeSection {
        key: s.key.clone(),
        title: s.title.clone(),
        text: match format {
            Format::Markdown => s.markdown.clone(),
            Format::Html => html_fragment(&s.markdown),
            Format::Text => plain_text(&s.markdown),
        },
        source_ids: s.source_ids.iter().cloned().map(ID).collect(),
    }
}

/// The privacy notice compiled from the register's current graph (GDPR Art. 13/14).
pub struct CompiledNotice(pub Compiled, pub Format);

#[Object(name = "Notice")]
impl CompiledNotice {
    async fn language(&self) -> Language {
        self.0.language
    }
    async fn format(&self) -> Format {
        self.1
    }
    async fn title(&self) -> String {
        self.0.title()
    }
    /// The whole notice in the requested format.
    async fn text(&self) -> String {
        self.0.render(self.1)
    }
    /// SHA-256 of the Markdown text: equal hashes, equal notices.
    async fn content_hash(&self) -> String {
        self.0.content_hash()
    }
    async fn sections(&self) -> Vec<NoticeSection> {
        self.0.sections.iter().map(|s| section(s, self.1)).collect()
    }
}

/// Why a notice was published while CRITICAL findings stood on its register.
#[derive(SimpleObject)]
pub struct NoticeAcknowledgement {
    /// The reason the publisher gave.
    pub reason: String,
    /// The codes of the CRITICAL findings acknowledged.
    pub findings: Vec<String>,
}

/// A published notice: immutable, numbered per register and language.
#[derive(Clone)]
pub struct NoticeVersion(pub Arc<notice_version::Model>);

#[Object]
impl NoticeVersion {
    pub async fn id(&self) -> ID {
        encode(NodeType::NoticeVersion, self.0.id)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn language(&self) -> Language {
        Language::parse(&self.0.language).unwrap_or(Language::Fi)
    }
    /// 1, 2, 3… per register and language.
    async fn number(&self) -> i32 {
        self.0.number
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn published_at(&self) -> DateTime<Utc> {
        self.0.published_at
    }
    async fn published_by(&self) -> Option<&str> {
        self.0.published_by.as_deref()
    }
    /// Set when the version was published while CRITICAL findings stood on
    /// the register: the reason given and the findings acknowledged.
    async fn acknowledgement(&self) -> Option<NoticeAcknowledgement> {
        let reason = self.0.acknowledgement.clone()?;
        let findings = self
            .0
            .acknowledged_findings
            .as_deref()
            .and_then(|codes| serde_json::from_str(codes).ok())
            .unwrap_or_default();
        Some(NoticeAcknowledgement { reason, findings })
    }
    async fn content_hash(&self) -> &str {
        &self.0.content_hash
    }
    /// The notice as published, in the requested format.
    async fn text(&self, #[graphql(default_with = "Format::Markdown")] format: Format) -> &str {
        match format {
            Format::Markdown => &self.0.markdown,
            Format::Html => &self.0.html,
            Format::Text => &self.0.text,
        }
    }
    async fn sections(
        &self,
        #[graphql(default_with = "Format::Markdown")] format: Format,
    ) -> Vec<NoticeSection> {
        let sections: Vec<Section> = serde_json::from_str(&self.0.sections).unwrap_or_default();
        sections.iter().map(|s| section(s, format)).collect()
    }
    /// The register data the notice was compiled from, as JSON.
    async fn snapshot(&self) -> &str {
        &self.0.snapshot
    }
}

/// What changed between two notice texts.
#[derive(SimpleObject)]
pub struct NoticeDiff {
    /// A unified diff of the Markdown texts; empty when they are equal.
    pub unified: String,
    pub changed: bool,
}
