use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::register;

use super::*;
use crate::{
    domain::enums::{Language, RegisterStatus},
    graphql::{
        id::{NodeType, encode},
        loader::*,
    },
    notice::{Format, publish},
};

/// A processing activity ("rekisteri"): the unit of the record (GDPR Art. 30(1))
/// and of the privacy notice.
#[derive(Clone)]
pub struct Register(pub register::Model);

#[Object]
impl Register {
    pub async fn id(&self) -> ID {
        encode(NodeType::Register, self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    /// The public notice's address: `/notices/{slug}`.
    async fn slug(&self) -> &str {
        &self.0.slug
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
    async fn status(&self) -> RegisterStatus {
        RegisterStatus::parse(&self.0.status).unwrap_or(RegisterStatus::Draft)
    }
    async fn controller(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(load_one!(ctx, OrganizationById(self.0.controller_id))?.map(Organization))
    }
    /// Joint controllers (GDPR Art. 26); their roles are in `jointControllerRoles`.
    async fn joint_controllers(&self, ctx: &Context<'_>) -> Result<Vec<Organization>> {
        Ok(load_list!(ctx, JointControllersOf(self.0.id))?
            .into_iter()
            .map(|(_, org)| Organization(org))
            .collect())
    }
    async fn joint_controller_roles(&self, ctx: &Context<'_>) -> Result<Vec<JointController>> {
        Ok(load_list!(ctx, JointControllersOf(self.0.id))?
            .into_iter()
            .map(|(link, org)| JointController(link, org))
            .collect())
    }
    async fn dpo(&self, ctx: &Context<'_>) -> Result<Option<Contact>> {
        match self.0.dpo_id {
            Some(id) => Ok(load_one!(ctx, ContactById(id))?.map(Contact)),
            None => Ok(None),
        }
    }
    async fn contact_person(&self, ctx: &Context<'_>) -> Result<Option<Contact>> {
        match self.0.contact_person_id {
            Some(id) => Ok(load_one!(ctx, ContactById(id))?.map(Contact)),
            None => Ok(None),
        }
    }
    /// The supervisory authority data subjects may complain to (Art. 77).
    async fn supervisory_authority(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        match self.0.supervisory_authority_id {
            Some(id) => Ok(load_one!(ctx, OrganizationById(id))?.map(Organization)),
            None => Ok(None),
        }
    }
    async fn notice_prepared_on(&self) -> Option<NaiveDate> {
        self.0.notice_prepared_on
    }
    async fn notice_updated_on(&self) -> Option<NaiveDate> {
        self.0.notice_updated_on
    }
    /// What the controller states about automated decision-making and profiling.
    async fn automated_decision_making(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.automated_decision_making, language)
    }
    async fn other_information(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.other_information, language)
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn purposes(&self, ctx: &Context<'_>) -> Result<Vec<Purpose>> {
        Ok(load_list!(ctx, PurposesOf(self.0.id))?
            .into_iter()
            .map(Purpose)
            .collect())
    }
    async fn data_subject_categories(&self, ctx: &Context<'_>) -> Result<Vec<DataSubjectCategory>> {
        Ok(load_list!(ctx, SubjectCategoriesOf(self.0.id))?
            .into_iter()
            .map(|(_, c)| DataSubjectCategory(c))
            .collect())
    }
    async fn data_categories(&self, ctx: &Context<'_>) -> Result<Vec<RegisterDataCategory>> {
        Ok(load_list!(ctx, DataCategoriesOf(self.0.id))?
            .into_iter()
            .map(|(link, c)| RegisterDataCategory(link, c))
            .collect())
    }
    async fn sources(&self, ctx: &Context<'_>) -> Result<Vec<DataSource>> {
        Ok(load_list!(ctx, SourcesOf(self.0.id))?
            .into_iter()
            .map(DataSource)
            .collect())
    }
    async fn recipients(&self, ctx: &Context<'_>) -> Result<Vec<Recipient>> {
        Ok(load_list!(ctx, RecipientsOf(self.0.id))?
            .into_iter()
            .map(Recipient)
            .collect())
    }
    async fn processors(&self, ctx: &Context<'_>) -> Result<Vec<ProcessorEngagement>> {
        Ok(load_list!(ctx, EngagementsOfRegister(self.0.id))?
            .into_iter()
            .map(ProcessorEngagement)
            .collect())
    }
    async fn transfers(&self, ctx: &Context<'_>) -> Result<Vec<Transfer>> {
        Ok(load_list!(ctx, TransfersOf(self.0.id))?
            .into_iter()
            .map(Transfer)
            .collect())
    }
    async fn retention_rules(&self, ctx: &Context<'_>) -> Result<Vec<RetentionRule>> {
        Ok(load_list!(ctx, RetentionRulesOf(self.0.id))?
            .into_iter()
            .map(RetentionRule)
            .collect())
    }
    async fn security_measures(&self, ctx: &Context<'_>) -> Result<Vec<SecurityMeasure>> {
        Ok(load_list!(ctx, SecurityMeasuresOf(self.0.id))?
            .into_iter()
            .map(SecurityMeasure)
            .collect())
    }
    async fn systems(&self, ctx: &Context<'_>) -> Result<Vec<System>> {
        Ok(load_list!(ctx, SystemsOf(self.0.id))?
            .into_iter()
            .map(|(_, s)| System(s))
            .collect())
    }
    /// The privacy notice compiled from this register's current graph.
    async fn notice(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Language::Fi")] language: Language,
        #[graphql(default_with = "Format::Markdown")] format: Format,
    ) -> Result<CompiledNotice> {
        let notice = publish::compile_live(crate::graphql::db(ctx), self.0.id, language)
            .await
            .map_err(crate::graphql::domain_error)?
            .ok_or_else(|| {
                crate::graphql::internal("register vanished while compiling its notice")
            })?;
        Ok(CompiledNotice(notice, format))
    }
    /// Published versions of the notice, newest first.
    async fn published_notices(
        &self,
        ctx: &Context<'_>,
        language: Option<Language>,
    ) -> Result<Vec<NoticeVersion>> {
        let rows = publish::history(crate::graphql::db(ctx), self.0.id, language)
            .await
            .map_err(crate::graphql::internal)?;
        Ok(rows.into_iter().map(NoticeVersion).collect())
    }
    /// True when the notice compiled now differs from the latest published
    /// version (in `language`, or in any published language).
    async fn notice_stale(&self, ctx: &Context<'_>, language: Option<Language>) -> Result<bool> {
        publish::is_stale(crate::graphql::db(ctx), self.0.id, language)
            .await
            .map_err(crate::graphql::domain_error)
    }
    /// What publishing now would change: the latest published version against
    /// the live compilation (against nothing when never published).
    async fn pending_notice_changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Result<NoticeDiff> {
        let db = crate::graphql::db(ctx);
        let live = publish::compile_live(db, self.0.id, language)
            .await
            .map_err(crate::graphql::domain_error)?
            .map(|n| n.render(Format::Markdown))
            .unwrap_or_default();
        let published = publish::latest(db, self.0.id, language)
            .await
            .map_err(crate::graphql::internal)?;
        let (from, label) = match &published {
            Some(p) => (
                p.markdown.clone(),
                format!("published version {}", p.number),
            ),
            None => (String::new(), "nothing published".to_owned()),
        };
        let unified = publish::diff(&from, &live, &label, "live");
        Ok(NoticeDiff {
            changed: from != live,
            unified: if from == live { String::new() } else { unified },
        })
    }
    /// What the rule book finds wrong with this register.
    async fn findings(&self, ctx: &Context<'_>) -> Result<Vec<Finding>> {
        let found = crate::findings::findings(
            crate::graphql::db(ctx),
            crate::domain::view::Registers::Ids(vec![self.0.id]),
            &crate::findings::Scenario::today(),
        )
        .await
        .map_err(crate::graphql::internal)?;
        Ok(found.into_iter().map(Finding).collect())
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
