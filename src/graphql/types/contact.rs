use std::sync::Arc;

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::contact;

use super::{Organization, text_opt};
use crate::{
    domain::enums::{ContactRole, Language},
    graphql::id::{NodeType, encode},
};

/// A person or function of an organization: a DPO, a contact person, customer service.
#[derive(Clone)]
pub struct Contact(pub Arc<contact::Model>);

#[Object]
impl Contact {
    pub async fn id(&self) -> ID {
        encode(NodeType::Contact, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn role(&self) -> ContactRole {
        ContactRole::parse(&self.0.role).unwrap_or(ContactRole::Other)
    }
    async fn title(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.title, language)
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    async fn organization(&self, ctx: &Context<'_>) -> Option<Organization> {
        super::organization(ctx, self.0.organization_id)
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
