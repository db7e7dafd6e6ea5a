use std::sync::Arc;

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{data_category, data_subject_category, register_data_category, system};

use super::{Organization, countries, text, text_opt};
use crate::{
    domain::enums::Language,
    graphql::id::{NodeType, encode},
};

/// A personal data category of the shared taxonomy.
#[derive(Clone)]
pub struct DataCategory(pub Arc<data_category::Model>);

#[Object]
impl DataCategory {
    pub async fn id(&self) -> ID {
        encode(NodeType::DataCategory, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    async fn name(&self, #[graphql(default_with = "Language::Fi")] language: Language) -> String {
        text(&self.0.name, language)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.description, language)
    }
    /// GDPR Art. 9(1) special category (health, beliefs, biometrics…).
    async fn special_category(&self) -> bool {
        self.0.special_category
    }
    /// GDPR Art. 10 data on criminal convictions and offences.
    async fn criminal(&self) -> bool {
        self.0.criminal
    }
    /// A national identification number (henkilötunnus; Tietosuojalaki 1050/2018 § 29).
    async fn national_identifier(&self) -> bool {
        self.0.national_identifier
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

/// A data category as one register holds it, with the register's note.
pub struct RegisterDataCategory(
    pub Arc<register_data_category::Model>,
    pub Arc<data_category::Model>,
);

#[Object]
impl RegisterDataCategory {
    async fn category(&self) -> DataCategory {
        DataCategory(self.1.clone())
    }
    async fn note(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.note, language)
    }
    /// False when the register processes the category without keeping it
    /// (an identity code checked and not stored).
    async fn stored(&self) -> bool {
        self.0.stored
    }
    /// The stated ground for processing this category, where one is needed.
    async fn justification(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.justification, language)
    }
}

/// A data subject category of the shared vocabulary.
#[derive(Clone)]
pub struct DataSubjectCategory(pub Arc<data_subject_category::Model>);

#[Object]
impl DataSubjectCategory {
    pub async fn id(&self) -> ID {
        encode(NodeType::DataSubjectCategory, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    async fn name(&self, #[graphql(default_with = "Language::Fi")] language: Language) -> String {
        text(&self.0.name, language)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.description, language)
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

/// An IT system registers use.
#[derive(Clone)]
pub struct System(pub Arc<system::Model>);

#[Object]
impl System {
    pub async fn id(&self) -> ID {
        encode(NodeType::System, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    /// The system's name; in `language` where it has a name per language.
    async fn name(&self, language: Option<Language>) -> String {
        language
            .and_then(|l| text_opt(&self.0.localized_name, l))
            .unwrap_or_else(|| self.0.name.clone())
    }
    async fn vendor(&self, ctx: &Context<'_>) -> Option<Organization> {
        self.0.vendor_id.and_then(|id| super::organization(ctx, id))
    }
    /// ISO 3166-1 alpha-2 codes of where the system is hosted.
    async fn hosting_countries(&self) -> Vec<String> {
        countries(&self.0.hosting_countries)
    }
    async fn description(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.description, language)
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
