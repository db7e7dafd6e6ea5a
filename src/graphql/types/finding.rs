//! Findings and the rules behind them, as the API shows them.

use async_graphql::{Context, Object};
use chrono::NaiveDate;

use super::{Node, ProcessorEngagement, Purpose, Register, RetentionRule, Transfer};
use crate::{
    domain::enums::Language,
    findings::{self, Severity, Subject},
};

/// A rule of the rule book (rules/findings.toml).
pub struct Rule(pub &'static findings::Rule);

#[Object]
impl Rule {
    /// Stable code, e.g. TRANSFER_PRIVACY_SHIELD.
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn severity(&self) -> Severity {
        self.0.severity
    }
    async fn title(&self, #[graphql(default_with = "Language::Fi")] language: Language) -> &str {
        self.0.title(language)
    }
    async fn explanation(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> &str {
        self.0.explanation(language)
    }
    /// The article, judgment or act, with its date.
    async fn citation(&self) -> &str {
        &self.0.citation
    }
    /// The date from which the rule applies.
    async fn effective_from(&self) -> NaiveDate {
        self.0.effective_from
    }
    /// The kind of node findings of this rule are about.
    async fn subject_type(&self) -> &str {
        &self.0.subject
    }
}

/// Something the rule book finds wrong with the graph.
pub struct Finding(pub findings::Finding);

#[Object]
impl Finding {
    async fn code(&self) -> &str {
        &self.0.rule.code
    }
    async fn severity(&self) -> Severity {
        self.0.rule.severity
    }
    /// What is wrong, and where, in a sentence.
    async fn message(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> String {
        self.0.message(language)
    }
    async fn citation(&self) -> &str {
        &self.0.rule.citation
    }
    /// The node the finding is about.
    async fn subject(&self) -> Node {
        match &self.0.subject {
            Subject::Register(m) => Node::Register(Register(m.clone())),
            Subject::Transfer(m) => Node::Transfer(Transfer(m.clone())),
            Subject::Purpose(m) => Node::Purpose(Purpose(m.clone())),
            Subject::Engagement(m) => Node::ProcessorEngagement(ProcessorEngagement(m.clone())),
            Subject::RetentionRule(m) => Node::RetentionRule(RetentionRule(m.clone())),
        }
    }
    /// The register the finding belongs to.
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn rule(&self) -> Rule {
        Rule(self.0.rule)
    }
}
