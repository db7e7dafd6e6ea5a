use std::sync::Arc;

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};

use super::{Contact, ProcessorEngagement, Register};
use crate::{
    domain::value::CountryCode,
    graph::{Edge, OrganizationNode},
    graphql::{
        connection::{Conn, PageArgs, paginate},
        id::{NodeType, encode},
    },
};
/// A legal party. Its roles (controller, processor, recipient, supervisory
/// authority) come from the edges it has, per register.
#[derive(Clone)]
pub struct Organization(pub Arc<OrganizationNode>);

#[Object]
impl Organization {
    pub async fn id(&self) -> ID {
        encode(NodeType::Organization, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Finnish Y-tunnus or another registry's id.
    async fn business_id(&self) -> Option<&str> {
        self.0.business_id.as_deref()
    }
    /// ISO 3166-1 alpha-2; null when unknown.
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    /// Whether the country is in the EU/EEA; null when the country is unknown.
    async fn in_eea(&self) -> Option<bool> {
        self.0
            .country
            .as_deref()
            .and_then(|c| CountryCode::parse(c).ok())
            .map(|c| c.in_eea())
    }
    async fn postal_address(&self) -> Option<&str> {
        self.0.postal_address.as_deref()
    }
    async fn visiting_address(&self) -> Option<&str> {
        self.0.visiting_address.as_deref()
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Further ways to reach it beside `email` and `phone`.
    async fn channels(&self) -> Vec<crate::inventory::document::ContactChannel> {
        super::json(&self.0.channels)
    }
    /// Provenance and internal notes. Null for a token limited to some
    /// controllers when registers of other controllers depend on this
    /// organization: such a token sees of it what the public sees.
    async fn note(&self, ctx: &Context<'_>) -> Option<&str> {
        if crate::graphql::read(ctx).reached.shared(self.0.id) {
            return None;
        }
        self.0.note.as_deref()
    }
    /// Its contacts; of an organization other controllers depend on, a token
    /// limited to some controllers sees only those a notice names.
    async fn contacts(&self, ctx: &Context<'_>) -> Vec<Contact> {
        let s = crate::graphql::read(ctx);
        self.0
            .contacts
            .iter()
            .filter(|c| s.reached.contact(c.id))
            .map(|c| Contact(c.clone()))
            .collect()
    }
    /// The engagements in which this organization processes data on a register's behalf.
    async fn processor_engagements(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<ProcessorEngagement>> {
        let s = crate::graphql::read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        let engagements = graph.sources(Edge::Engagements, self.0.id);
        paginate(
            ctx,
            || {
                engagements
                    .into_iter()
                    .flatten()
                    .filter_map(|id| graph.engagements().get(id))
                    .filter(|e| reached.register(e.register_id))
            },
            |e| e.id,
            |e| ProcessorEngagement(e.clone()),
            &PageArgs::new(after, before, first, last),
        )
    }
    /// Registers this organization is the controller of.
    async fn controlled_registers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Register>> {
        let s = crate::graphql::read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        let registers = graph.sources(Edge::Controls, self.0.id);
        paginate(
            ctx,
            || {
                registers
                    .into_iter()
                    .flatten()
                    .filter(|id| reached.register(**id))
                    .filter_map(|id| graph.register(*id))
            },
            |r| r.row.id,
            |r| Register(r.clone()),
            &PageArgs::new(after, before, first, last),
        )
    }
    /// Findings on the registers this organization controls, and on its
    /// engagements as a processor and transfers it receives.
    async fn findings(&self, ctx: &Context<'_>) -> Vec<super::Finding> {
        use crate::findings::Subject;
        let s = crate::graphql::read(ctx);
        let id = self.0.id;
        let registers: std::collections::BTreeSet<i64> =
            [Edge::Controls, Edge::Processes, Edge::ReceivesTransfers]
                .into_iter()
                .filter_map(|edge| s.graph.sources(edge, id))
                .flat_map(|ids| ids.iter().copied())
                .filter(|r| s.reached.register(*r))
                .collect();
        crate::findings::findings(&s.graph, registers, &crate::findings::Scenario::today())
            .into_iter()
            .filter(|f| {
                f.controller_id == id
                    || matches!(&f.subject, Subject::Engagement(e) if e.processor_id == id)
                    || matches!(&f.subject, Subject::Transfer(t) if t.recipient_id == Some(id))
            })
            .map(super::Finding)
            .collect()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Name this version when updating (optimistic concurrency).
    async fn version(&self) -> i32 {
        self.0.version
    }
}
