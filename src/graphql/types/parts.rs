//! The parts a register owns: purposes, sources, recipients, retention rules,
//! security measures and joint controllers.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{
    data_source, purpose, recipient, register_joint_controller, retention_rule, security_measure,
};

use super::{DataCategory, Organization, Register, text, text_opt};
use crate::domain::{
    enums::{
        Hedge, Language, LegalBasis, Material, RetentionDisposal, RetentionUnit, SecurityKind,
        SourceKind, SpecialCategoryCondition,
    },
    law::LawReference,
};
use crate::graphql::id::{NodeType, encode};

/// A purpose of processing and its legal basis.
#[derive(Clone)]
pub struct Purpose(pub Arc<purpose::Model>);

#[Object]
impl Purpose {
    pub async fn id(&self) -> ID {
        encode(NodeType::Purpose, self.0.id)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> String {
        text(&self.0.description, language)
    }
    /// GDPR Art. 6(1) basis; null when the register does not state one.
    async fn legal_basis(&self) -> Option<LegalBasis> {
        self.0.legal_basis.as_deref().and_then(LegalBasis::parse)
    }
    /// The national law the basis rests on (Art. 6(3)).
    async fn law(&self) -> Option<LawReference> {
        super::json(&self.0.law)
    }
    /// The legitimate interest pursued (Art. 13(1)(d)).
    async fn legitimate_interest(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.legitimate_interest, language)
    }
    /// GDPR Art. 9(2) condition for special categories.
    async fn special_category_condition(&self) -> Option<SpecialCategoryCondition> {
        self.0
            .special_category_condition
            .as_deref()
            .and_then(SpecialCategoryCondition::parse)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// Where a register's data comes from (Art. 14(2)(f)).
#[derive(Clone)]
pub struct DataSource(pub Arc<data_source::Model>);

#[Object]
impl DataSource {
    pub async fn id(&self) -> ID {
        encode(NodeType::DataSource, self.0.id)
    }
    async fn kind(&self) -> SourceKind {
        SourceKind::parse(&self.0.kind).unwrap_or(SourceKind::Other)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> String {
        text(&self.0.description, language)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A disclosure: to a named organization, or to a category of recipients.
/// Disclosure is not processing on the controller's behalf (see ProcessorEngagement).
#[derive(Clone)]
pub struct Recipient(pub Arc<recipient::Model>);

#[Object]
impl Recipient {
    pub async fn id(&self) -> ID {
        encode(NodeType::Recipient, self.0.id)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.description, language)
    }
    async fn organization(&self, ctx: &Context<'_>) -> Option<Organization> {
        self.0
            .organization_id
            .and_then(|id| super::organization(ctx, id))
    }
    /// How firmly the notice states the disclosure ("may be disclosed"); null for a certainty.
    async fn hedge(&self) -> Option<Hedge> {
        self.0.hedge.as_deref().and_then(Hedge::parse)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// How long data is kept: a period from a trigger event, or the criteria (Art. 13(2)(a)).
#[derive(Clone)]
pub struct RetentionRule(pub Arc<retention_rule::Model>);

#[Object]
impl RetentionRule {
    pub async fn id(&self) -> ID {
        encode(NodeType::RetentionRule, self.0.id)
    }
    async fn amount(&self) -> Option<i32> {
        self.0.amount
    }
    async fn unit(&self) -> Option<RetentionUnit> {
        self.0.unit.as_deref().and_then(RetentionUnit::parse)
    }
    /// The period is an upper bound ("at the latest").
    async fn at_the_latest(&self) -> bool {
        self.0.at_the_latest
    }
    /// The event the period runs from, or, without a period, until which data are kept.
    async fn trigger(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.trigger, language)
    }
    /// How the period is determined when no fixed period is stated.
    async fn criteria(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.criteria, language)
    }
    async fn exceptions(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.exceptions, language)
    }
    /// How data are disposed of when the period ends.
    async fn disposal(&self) -> Option<RetentionDisposal> {
        self.0
            .disposal
            .as_deref()
            .and_then(RetentionDisposal::parse)
    }
    /// The act that sets the period.
    async fn law(&self) -> Option<LawReference> {
        super::json(&self.0.law)
    }
    /// The data category the rule is for; null for the whole register.
    async fn data_category(&self, ctx: &Context<'_>) -> Option<DataCategory> {
        let s = crate::graphql::read(ctx);
        let id = self.0.data_category_id?;
        s.graph
            .data_category(id)
            .filter(|_| s.reached.data_category(id))
            .map(|c| DataCategory(c.clone()))
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A technical or organisational security measure (Art. 32).
#[derive(Clone)]
pub struct SecurityMeasure(pub Arc<security_measure::Model>);

#[Object]
impl SecurityMeasure {
    pub async fn id(&self) -> ID {
        encode(NodeType::SecurityMeasure, self.0.id)
    }
    async fn kind(&self) -> SecurityKind {
        SecurityKind::parse(&self.0.kind).unwrap_or(SecurityKind::Organisational)
    }
    /// Manual or electronic material; null for both or unstated.
    async fn material(&self) -> Option<Material> {
        self.0.material.as_deref().and_then(Material::parse)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> String {
        text(&self.0.description, language)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A joint controller of a register with its role (GDPR Art. 26).
pub struct JointController(
    pub Arc<register_joint_controller::Model>,
    pub Arc<crate::graph::OrganizationNode>,
);

#[Object]
impl JointController {
    async fn organization(&self) -> Organization {
        Organization(self.1.clone())
    }
    async fn role(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.role, language)
    }
    /// The essence of the arrangement between the joint controllers (Art. 26(2)).
    async fn arrangement(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.arrangement, language)
    }
}
