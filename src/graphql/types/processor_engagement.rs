use std::sync::Arc;

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entity::processor_engagement;

use super::{Organization, Register, countries, text_opt};
use crate::{
    domain::enums::{EngagementRole, Language},
    graphql::id::{NodeType, encode},
};

/// A processor engaged for a register (GDPR Art. 28), or a sub-processor
/// engaged by another processor (Art. 28(4)).
#[derive(Clone)]
pub struct ProcessorEngagement(pub Arc<processor_engagement::Model>);

#[Object]
impl ProcessorEngagement {
    pub async fn id(&self) -> ID {
        encode(NodeType::ProcessorEngagement, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    async fn role(&self) -> EngagementRole {
        EngagementRole::parse(&self.0.role).unwrap_or(EngagementRole::Processor)
    }
    async fn processor(&self, ctx: &Context<'_>) -> Option<Organization> {
        super::organization(ctx, self.0.processor_id)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    /// The engagement this one is a sub-processor of.
    async fn parent(&self, ctx: &Context<'_>) -> Option<ProcessorEngagement> {
        let id = self.0.parent_id?;
        crate::graphql::read(ctx)
            .graph
            .engagement(id)
            .map(ProcessorEngagement)
    }
    /// The sub-processors engaged under this engagement, in recorded order.
    async fn sub_processors(&self, ctx: &Context<'_>) -> Vec<ProcessorEngagement> {
        let s = crate::graphql::read(ctx);
        s.graph
            .register(self.0.register_id)
            .map(|r| {
                r.engagements
                    .iter()
                    .filter(|e| e.parent_id == Some(self.0.id))
                    .map(|e| ProcessorEngagement(e.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
    /// What the processor does for the register.
    async fn service(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.service, language)
    }
    /// ISO 3166-1 alpha-2 codes of where the processor processes the data.
    async fn processing_countries(&self) -> Vec<String> {
        countries(&self.0.processing_countries)
    }
    /// Date of the Art. 28(3) contract.
    async fn contract_date(&self) -> Option<NaiveDate> {
        self.0.contract_date
    }
    async fn contract_reference(&self) -> Option<&str> {
        self.0.contract_reference.as_deref()
    }
    /// How firmly the notice states the engagement ("for example"); null for a certainty.
    async fn hedge(&self) -> Option<crate::domain::enums::Hedge> {
        self.0
            .hedge
            .as_deref()
            .and_then(crate::domain::enums::Hedge::parse)
    }
    /// Conditions of the processing ("only on the controller's specific request").
    async fn conditions(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.conditions, language)
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
