use std::sync::Arc;

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::{
    domain::enums::{AbsenceStatement, Language, ProvisionRequirement, RegisterStatus},
    graph::RegisterNode,
    graphql::{
        id::{NodeType, encode},
        read,
    },
    inventory::document::{LegalBasisStatement, RightStatement},
    notice::{Format, publish},
};
/// A processing activity ("rekisteri"): the unit of the record (GDPR Art. 30(1))
/// and of the privacy notice.
#[derive(Clone)]
pub struct Register(pub Arc<RegisterNode>);

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
    async fn controller(&self, ctx: &Context<'_>) -> Option<Organization> {
        organization(ctx, self.0.controller_id)
    }
    /// Joint controllers (GDPR Art. 26); their roles are in `jointControllerRoles`.
    async fn joint_controllers(&self, ctx: &Context<'_>) -> Vec<Organization> {
        self.0
            .joint_controllers
            .iter()
            .filter_map(|l| organization(ctx, l.organization_id))
            .collect()
    }
    async fn joint_controller_roles(&self, ctx: &Context<'_>) -> Vec<JointController> {
        self.0
            .joint_controllers
            .iter()
            .filter_map(|l| {
                Some(JointController(
                    l.clone(),
                    organization(ctx, l.organization_id)?.0,
                ))
            })
            .collect()
    }
    async fn dpo(&self, ctx: &Context<'_>) -> Option<Contact> {
        self.0.dpo_id.and_then(|id| contact(ctx, id))
    }
    async fn contact_person(&self, ctx: &Context<'_>) -> Option<Contact> {
        self.0.contact_person_id.and_then(|id| contact(ctx, id))
    }
    /// The supervisory authority data subjects may complain to (Art. 77).
    async fn supervisory_authority(&self, ctx: &Context<'_>) -> Option<Organization> {
        self.0
            .supervisory_authority_id
            .and_then(|id| organization(ctx, id))
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
    /// The Art. 22(3) safeguards of automated decisions.
    async fn automated_decision_safeguards(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.automated_decision_safeguards, language)
    }
    /// Legal bases stated once for the whole register (each purpose may state its own).
    async fn legal_bases(&self) -> Vec<LegalBasisStatement> {
        json(&self.0.legal_bases)
    }
    /// Whether the data subject must provide the data (Art. 13(2)(e)).
    async fn provision_requirement(&self) -> Option<ProvisionRequirement> {
        self.0
            .provision_requirement
            .as_deref()
            .and_then(ProvisionRequirement::parse)
    }
    /// What follows if the data are not provided (Art. 13(2)(e)).
    async fn provision_consequences(
        &self,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Option<String> {
        text_opt(&self.0.provision_consequences, language)
    }
    /// Rights as the register states them where it departs from those the
    /// law derives from its legal bases.
    async fn rights(&self) -> Vec<RightStatement> {
        json(&self.0.rights)
    }
    /// What the controller states when it lists no recipients: NONE or NONE_REGULARLY.
    async fn disclosure_statement(&self) -> Option<AbsenceStatement> {
        self.0
            .disclosure_statement
            .as_deref()
            .and_then(AbsenceStatement::parse)
    }
    /// What the controller states when it lists no transfers outside the EU/EEA.
    async fn transfer_statement(&self) -> Option<AbsenceStatement> {
        self.0
            .transfer_statement
            .as_deref()
            .and_then(AbsenceStatement::parse)
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
    async fn purposes(&self) -> Vec<Purpose> {
        self.0.purposes.iter().cloned().map(Purpose).collect()
    }
    async fn data_subject_categories(&self, ctx: &Context<'_>) -> Vec<DataSubjectCategory> {
        let s = read(ctx);
        self.0
            .subjects
            .iter()
            .filter_map(|l| s.graph.subject_category(l.category_id).cloned())
            .map(DataSubjectCategory)
            .collect()
    }
    async fn data_categories(&self, ctx: &Context<'_>) -> Vec<RegisterDataCategory> {
        let s = read(ctx);
        self.0
            .data_categories
            .iter()
            .filter_map(|l| {
                let category = s.graph.data_category(l.category_id)?;
                Some(RegisterDataCategory(l.clone(), category.clone()))
            })
            .collect()
    }
    async fn sources(&self) -> Vec<DataSource> {
        self.0.sources.iter().cloned().map(DataSource).collect()
    }
    async fn recipients(&self) -> Vec<Recipient> {
        self.0.recipients.iter().cloned().map(Recipient).collect()
    }
    async fn processors(&self) -> Vec<ProcessorEngagement> {
        self.0
            .engagements
            .iter()
            .cloned()
            .map(ProcessorEngagement)
            .collect()
    }
    async fn transfers(&self) -> Vec<Transfer> {
        self.0.transfers.iter().cloned().map(Transfer).collect()
    }
    async fn retention_rules(&self) -> Vec<RetentionRule> {
        self.0
            .retention
            .iter()
            .cloned()
            .map(RetentionRule)
            .collect()
    }
    async fn security_measures(&self) -> Vec<SecurityMeasure> {
        self.0
            .security
            .iter()
            .cloned()
            .map(SecurityMeasure)
            .collect()
    }
    async fn systems(&self, ctx: &Context<'_>) -> Vec<System> {
        let s = read(ctx);
        self.0
            .systems
            .iter()
            .filter_map(|l| s.graph.system(l.system_id).cloned())
            .map(System)
            .collect()
    }
    /// The privacy notice compiled from this register's current graph.
    async fn notice(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Language::Fi")] language: Language,
        #[graphql(default_with = "Format::Markdown")] format: Format,
    ) -> Result<CompiledNotice> {
        let notice = publish::compile_live(&read(ctx).graph, self.0.id, language)
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
    ) -> Vec<NoticeVersion> {
        publish::history(&read(ctx).graph, self.0.id, language)
            .into_iter()
            .map(NoticeVersion)
            .collect()
    }
    /// True when the notice compiled now differs from the latest published
    /// version (in `language`, or in any published language).
    async fn notice_stale(&self, ctx: &Context<'_>, language: Option<Language>) -> bool {
        publish::is_stale(&read(ctx).graph, self.0.id, language)
    }
    /// What publishing now would change: the latest published version against
    /// the live compilation (against nothing when never published).
    async fn pending_notice_changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Language::Fi")] language: Language,
    ) -> Result<NoticeDiff> {
        let s = read(ctx);
        let live = publish::compile_live(&s.graph, self.0.id, language)
            .map_err(crate::graphql::domain_error)?
            .map(|n| n.render(Format::Markdown))
            .unwrap_or_default();
        let published = publish::latest(&s.graph, self.0.id, language);
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
    /// What the rule book finds wrong with this register; `asOf` applies the
    /// rules in force on that day (today when left out).
    async fn findings(&self, ctx: &Context<'_>, as_of: Option<NaiveDate>) -> Vec<Finding> {
        crate::findings::of_register(
            &read(ctx).graph,
            self.0.id,
            &crate::findings::Scenario::on(as_of),
        )
        .iter()
        .cloned()
        .map(Finding)
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
