use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::organization;

use super::{Contact, ProcessorEngagement, Register, load_list, load_one};
use crate::{
    domain::value::CountryCode,
    graphql::{
        connection::{Conn, PageArgs, paginate_loaded},
        id::{NodeType, encode},
        loader::{
            ContactsOf, EngagementCountOfProcessor, EngagementsOfProcessor,
            FirstEngagementsOfProcessor, RegistersOfController, SharedWithOthers,
        },
    },
};

/// A legal party. Its roles (controller, processor, recipient, supervisory
/// authority) come from the edges it has, per register.
#[derive(Clone)]
pub struct Organization(pub organization::Model);

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
    /// Provenance and internal notes. Null for a token limited to some
    /// controllers when registers of other controllers depend on this
    /// organization: such a token sees of it what the public sees.
    async fn note(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        if load_one!(ctx, SharedWithOthers(self.0.id))?.unwrap_or(true) {
            return Ok(None);
        }
        Ok(self.0.note.as_deref())
    }
    /// Its contacts; of an organization other controllers depend on, a token
    /// limited to some controllers sees only those a notice names.
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<Contact>> {
        Ok(load_list!(ctx, ContactsOf(self.0.id))?
            .into_iter()
            .map(Contact)
            .collect())
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
        let args = PageArgs::new(after, before, first, last);
        // The first page, the usual question, is loaded with a per-processor
        // limit: a vendor with thousands of engagements costs one page.
        if let Some(first) = crate::graphql::connection::first_only(&args)? {
            let id = self.0.id;
            let rows = load_list!(ctx, FirstEngagementsOfProcessor(id, first + 1))?;
            let total = match ctx.look_ahead().field("totalCount").exists() {
                true => load_one!(ctx, EngagementCountOfProcessor(id))?.unwrap_or_default(),
                false => 0,
            };
            return Ok(crate::graphql::connection::first_page(
                rows,
                first,
                total,
                |r| r.id,
                ProcessorEngagement,
            ));
        }
        let rows = load_list!(ctx, EngagementsOfProcessor(self.0.id))?;
        paginate_loaded(rows, |r| r.id, ProcessorEngagement, &args)
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
        let rows = load_list!(ctx, RegistersOfController(self.0.id))?;
        paginate_loaded(
            rows,
            |r| r.id,
            Register,
            &PageArgs::new(after, before, first, last),
        )
    }
    /// Findings on the registers this organization controls, and on its
    /// engagements as a processor and transfers it receives.
    async fn findings(&self, ctx: &Context<'_>) -> Result<Vec<super::Finding>> {
        use crate::findings::Subject;
        let found = crate::findings::findings(
            crate::graphql::db(ctx),
            crate::domain::view::Registers::All.reached(crate::graphql::reach(ctx)),
            &crate::findings::Scenario::today(),
        )
        .await
        .map_err(crate::graphql::internal)?;
        let id = self.0.id;
        Ok(found
            .into_iter()
            .filter(|f| {
                f.controller_id == id
                    || matches!(&f.subject, Subject::Engagement(e) if e.processor_id == id)
                    || matches!(&f.subject, Subject::Transfer(t) if t.recipient_id == Some(id))
            })
            .map(super::Finding)
            .collect())
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
