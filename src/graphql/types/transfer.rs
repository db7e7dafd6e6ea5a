use std::sync::Arc;

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entity::transfer;

use super::{Organization, ProcessorEngagement, Register, text_opt};
use crate::{
    domain::{
        enums::{Hedge, Language, Region, SccVersion, TransferMechanism},
        value::CountryCode,
    },
    graphql::id::{NodeType, encode},
};

/// A transfer of a register's data to a third country (GDPR Chapter V).
#[derive(Clone)]
pub struct Transfer(pub Arc<transfer::Model>);

#[Object]
impl Transfer {
    pub async fn id(&self) -> ID {
        encode(NodeType::Transfer, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    /// ISO 3166-1 alpha-2; null when the register does not state it.
    async fn destination_country(&self) -> Option<&str> {
        self.0.destination_country.as_deref()
    }
    /// The region, where the register names one instead of a country.
    async fn destination_region(&self) -> Option<Region> {
        self.0.destination_region.as_deref().and_then(Region::parse)
    }
    /// True unless the destination is known to be inside the EU/EEA.
    async fn outside_eea(&self) -> bool {
        let country = self
            .0
            .destination_country
            .as_deref()
            .and_then(|c| CountryCode::parse(c).ok())
            .is_some_and(|c| c.in_eea());
        let region = self
            .0
            .destination_region
            .as_deref()
            .and_then(Region::parse)
            .is_some_and(Region::within_eea);
        !(country || region)
    }
    async fn mechanism(&self) -> TransferMechanism {
        TransferMechanism::parse(&self.0.mechanism).unwrap_or(TransferMechanism::Unknown)
    }
    /// For standard contractual clauses: which clauses were signed; null when not recorded.
    async fn scc_version(&self) -> Option<SccVersion> {
        self.0.scc_version.as_deref().and_then(SccVersion::parse)
    }
    /// How firmly the notice states the transfer ("may be transferred"); null for a certainty.
    async fn hedge(&self) -> Option<Hedge> {
        self.0.hedge.as_deref().and_then(Hedge::parse)
    }
    /// The safeguard document ("SCC 2021/914 module 2").
    async fn safeguard_reference(&self) -> Option<&str> {
        self.0.safeguard_reference.as_deref()
    }
    async fn signed_on(&self) -> Option<NaiveDate> {
        self.0.signed_on
    }
    /// When the recipient's certification (e.g. DPF) was last checked.
    async fn certification_checked_on(&self) -> Option<NaiveDate> {
        self.0.certification_checked_on
    }
    async fn valid_from(&self) -> Option<NaiveDate> {
        self.0.valid_from
    }
    async fn valid_to(&self) -> Option<NaiveDate> {
        self.0.valid_to
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.description, language)
    }
    async fn recipient(&self, ctx: &Context<'_>) -> Option<Organization> {
        self.0
            .recipient_id
            .and_then(|id| super::organization(ctx, id))
    }
    async fn engagement(&self, ctx: &Context<'_>) -> Option<ProcessorEngagement> {
        let id = self.0.engagement_id?;
        crate::graphql::read(ctx)
            .graph
            .engagement(id)
            .map(ProcessorEngagement)
    }
    async fn register(&self, ctx: &Context<'_>) -> Option<Register> {
        super::register(ctx, self.0.register_id)
    }
    /// Findings about this transfer.
    async fn findings(&self, ctx: &Context<'_>) -> Vec<super::Finding> {
        let s = crate::graphql::read(ctx);
        let found = crate::findings::of_register(
            &s.graph,
            self.0.register_id,
            &crate::findings::Scenario::today(),
        );
        let me = (NodeType::Transfer, self.0.id);
        found
            .iter()
            .filter(|f| f.subject.node() == me)
            .map(|f| super::Finding(f.clone()))
            .collect()
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
