//! Root queries: Relay node look-ups and one connection per kind of node,
//! with the filters dashboards and DPOs ask for.

use async_graphql::{Context, ID, InputObject, Object, Result};
use entity::{
    data_category, data_subject_category, organization, processor_engagement, purpose, recipient,
    register, register_data_category, register_joint_controller, system, transfer,
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait, Func},
};

use super::{
    connection::{Conn, PageArgs, paginate},
    db,
    id::{NodeType, decode, decode_as},
    types::*,
};
use crate::domain::{
    enums::{LegalBasis, RegisterStatus, TransferMechanism},
    value::{CountryCode, TextLimit, check_text, parse_country},
};

#[derive(Default)]
pub struct GraphQuery;

/// The roles an organization can have, from the edges it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, async_graphql::Enum)]
pub enum OrganizationRole {
    /// Controller or joint controller of at least one register.
    Controller,
    /// Engaged as a processor or sub-processor by at least one register.
    Processor,
    /// Named as a recipient of a disclosure or of a transfer.
    Recipient,
    /// Named as a register's supervisory authority.
    SupervisoryAuthority,
    /// Vendor of a system.
    Vendor,
}

#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    pub role: Option<OrganizationRole>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// true: country in the EU/EEA; false: country known and outside it.
    pub in_eea: Option<bool>,
    pub external_id: Option<String>,
    /// Case-insensitive text in the name or business id.
    pub search: Option<String>,
}

#[derive(InputObject, Default)]
pub struct RegisterFilter {
    pub controller_id: Option<ID>,
    /// Registers that engage this organization as a processor.
    pub processor_id: Option<ID>,
    pub data_category_id: Option<ID>,
    /// Registers with a purpose on this legal basis.
    pub legal_basis: Option<LegalBasis>,
    /// true: registers holding a special category of data (Art. 9); false: none.
    pub special_categories: Option<bool>,
    /// true: registers with a transfer outside the EU/EEA; false: none.
    pub transfers_outside_eea: Option<bool>,
    pub status: Option<RegisterStatus>,
    pub external_id: Option<String>,
    /// Case-insensitive text in the name, description or slug.
    pub search: Option<String>,
}

#[derive(InputObject, Default)]
pub struct TransferFilter {
    /// true: destination outside the EU/EEA or not stated; false: inside.
    pub outside_eea: Option<bool>,
    pub mechanism: Option<TransferMechanism>,
    pub mechanisms: Option<Vec<TransferMechanism>>,
    /// ISO 3166-1 alpha-2.
    pub destination_country: Option<String>,
    pub register_id: Option<ID>,
    pub recipient_id: Option<ID>,
}

#[derive(InputObject, Default)]
pub struct ProcessorEngagementFilter {
    pub processor_id: Option<ID>,
    pub register_id: Option<ID>,
}

#[derive(InputObject, Default)]
pub struct DataCategoryFilter {
    pub special_category: Option<bool>,
    pub national_identifier: Option<bool>,
    pub criminal: Option<bool>,
    pub search: Option<String>,
}

/// A filter value that could never match, refused as mutations refuse it
/// (BAD_USER_INPUT naming the filter field) rather than matching nothing.
fn bad_filter(field: &str, message: &str) -> async_graphql::Error {
    use async_graphql::ErrorExtensions;
    async_graphql::Error::new(format!("filter.{field}: {message}"))
        .extend_with(|_, e| e.set("code", "BAD_USER_INPUT"))
}

/// A country filter, normalised like a country written in a mutation.
fn country_filter(field: &str, value: &str) -> Result<String> {
    parse_country(value)
        .map(|c| c.to_string())
        .map_err(|e| bad_filter(field, &e))
}

/// A search text: at most 200 characters, no NUL. Blank searches match all.
fn search_filter(value: Option<String>) -> Result<Option<String>> {
    match value {
        Some(text) if !text.trim().is_empty() => {
            check_text(&text, TextLimit::Search)
                .map_err(|e| bad_filter("search", &format!("the text {e}")))?;
            Ok(Some(text))
        }
        _ => Ok(None),
    }
}

/// An externalId filter: no NUL, no longer than an externalId can be.
fn key_filter(value: Option<String>) -> Result<Option<String>> {
    if let Some(key) = &value {
        check_text(key, TextLimit::Search)
            .map_err(|e| bad_filter("externalId", &format!("the key {e}")))?;
    }
    Ok(value)
}

/// An id filter that names nothing matches nothing.
fn id_filter(id: &ID, node_type: NodeType) -> i64 {
    decode_as(id, node_type).unwrap_or(-1)
}

fn like(
    column: impl sea_orm::sea_query::IntoColumnRef,
    text: &str,
) -> sea_orm::sea_query::SimpleExpr {
    let pattern = format!(
        "%{}%",
        text.to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    Expr::expr(Func::lower(Expr::col(column)))
        .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\'))
}

fn eea() -> Vec<&'static str> {
    CountryCode::eea_codes().to_vec()
}

#[Object]
impl GraphQuery {
    /// Any node by its global id; null when it names nothing.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        match decode(&id) {
            Some((node_type, number)) => load_node(ctx, node_type, number).await,
            None => Ok(None),
        }
    }

    /// Nodes by global ids, in the order asked; null where an id names nothing.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(validator(max_items = 100))] ids: Vec<ID>,
    ) -> Result<Vec<Option<Node>>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(match decode(&id) {
                Some((node_type, number)) => load_node(ctx, node_type, number).await?,
                None => None,
            });
        }
        Ok(out)
    }

    /// The difference between two published notice versions.
    async fn notice_diff(
        &self,
        ctx: &Context<'_>,
        from_id: ID,
        to_id: ID,
    ) -> Result<Option<NoticeDiff>> {
        let db = db(ctx);
        let (Some(from), Some(to)) = (
            decode_as(&from_id, NodeType::NoticeVersion),
            decode_as(&to_id, NodeType::NoticeVersion),
        ) else {
            return Ok(None);
        };
        let reach = super::reach(ctx);
        let find = |id| {
            reach
                .filter(entity::notice_version::Entity::find_by_id(id))
                .one(db)
        };
        let (Some(from), Some(to)) = (
            find(from).await.map_err(super::internal)?,
            find(to).await.map_err(super::internal)?,
        ) else {
            return Ok(None);
        };
        let label =
            |v: &entity::notice_version::Model| format!("{} version {}", v.language, v.number);
        let changed = from.markdown != to.markdown;
        let unified = if changed {
            crate::notice::publish::diff(&from.markdown, &to.markdown, &label(&from), &label(&to))
        } else {
            String::new()
        };
        Ok(Some(NoticeDiff { unified, changed }))
    }

    async fn organizations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<OrganizationFilter>,
    ) -> Result<Conn<Organization>> {
        let f = filter.unwrap_or_default();
        let mut select = super::reach(ctx).filter(organization::Entity::find());
        if let Some(role) = f.role {
            use organization::Column::Id;
            let reach = super::reach(ctx);
            let condition = match role {
                OrganizationRole::Processor => Condition::all().add(
                    Id.in_subquery(
                        reach
                            .filter(processor_engagement::Entity::find())
                            .select_only()
                            .column(processor_engagement::Column::ProcessorId)
                            .into_query(),
                    ),
                ),
                OrganizationRole::Controller => Condition::any()
                    .add(
                        Id.in_subquery(
                            reach
                                .filter(register::Entity::find())
                                .select_only()
                                .column(register::Column::ControllerId)
                                .into_query(),
                        ),
                    )
                    .add(
                        Id.in_subquery(
                            reach
                                .filter(register_joint_controller::Entity::find())
                                .select_only()
                                .column(register_joint_controller::Column::OrganizationId)
                                .into_query(),
                        ),
                    ),
                OrganizationRole::Recipient => Condition::any()
                    .add(
                        Id.in_subquery(
                            reach
                                .filter(recipient::Entity::find())
                                .select_only()
                                .column(recipient::Column::OrganizationId)
                                .filter(recipient::Column::OrganizationId.is_not_null())
                                .into_query(),
                        ),
                    )
                    .add(
                        Id.in_subquery(
                            reach
                                .filter(transfer::Entity::find())
                                .select_only()
                                .column(transfer::Column::RecipientId)
                                .filter(transfer::Column::RecipientId.is_not_null())
                                .into_query(),
                        ),
                    ),
                OrganizationRole::SupervisoryAuthority => Condition::all().add(
                    Id.in_subquery(
                        reach
                            .filter(register::Entity::find())
                            .select_only()
                            .column(register::Column::SupervisoryAuthorityId)
                            .filter(register::Column::SupervisoryAuthorityId.is_not_null())
                            .into_query(),
                    ),
                ),
                OrganizationRole::Vendor => Condition::all().add(
                    Id.in_subquery(
                        reach
                            .filter(system::Entity::find())
                            .select_only()
                            .column(system::Column::VendorId)
                            .filter(system::Column::VendorId.is_not_null())
                            .into_query(),
                    ),
                ),
            };
            select = select.filter(condition);
        }
        if let Some(country) = &f.country {
            let country = country_filter("country", country)?;
            select = select.filter(organization::Column::Country.eq(country));
        }
        match f.in_eea {
            Some(true) => select = select.filter(organization::Column::Country.is_in(eea())),
            Some(false) => {
                select = select
                    .filter(organization::Column::Country.is_not_in(eea()))
                    .filter(organization::Column::Country.is_not_null())
            }
            None => {}
        }
        if let Some(key) = key_filter(f.external_id)? {
            select = select.filter(organization::Column::ExternalId.eq(key));
        }
        if let Some(text) = search_filter(f.search)? {
            select = select.filter(
                Condition::any()
                    .add(like(organization::Column::Name, &text))
                    .add(like(organization::Column::BusinessId, &text)),
            );
        }
        paginate(
            db(ctx),
            select,
            organization::Column::Id,
            |m| m.id,
            Organization,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }

    async fn registers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<RegisterFilter>,
    ) -> Result<Conn<Register>> {
        use register::Column::{Id, Slug};
        let f = filter.unwrap_or_default();
        let mut select = super::reach(ctx).filter(register::Entity::find());
        if let Some(id) = &f.controller_id {
            select = select
                .filter(register::Column::ControllerId.eq(id_filter(id, NodeType::Organization)));
        }
        if let Some(id) = &f.processor_id {
            select = select.filter(
                Id.in_subquery(
                    processor_engagement::Entity::find()
                        .select_only()
                        .column(processor_engagement::Column::RegisterId)
                        .filter(
                            processor_engagement::Column::ProcessorId
                                .eq(id_filter(id, NodeType::Organization)),
                        )
                        .into_query(),
                ),
            );
        }
        if let Some(id) = &f.data_category_id {
            select = select.filter(
                Id.in_subquery(
                    register_data_category::Entity::find()
                        .select_only()
                        .column(register_data_category::Column::RegisterId)
                        .filter(
                            register_data_category::Column::CategoryId
                                .eq(id_filter(id, NodeType::DataCategory)),
                        )
                        .into_query(),
                ),
            );
        }
        if let Some(basis) = f.legal_basis {
            select = select.filter(
                Id.in_subquery(
                    purpose::Entity::find()
                        .select_only()
                        .column(purpose::Column::RegisterId)
                        .filter(purpose::Column::LegalBasis.eq(basis.as_str()))
                        .into_query(),
                ),
            );
        }
        if let Some(special) = f.special_categories {
            let holders = register_data_category::Entity::find()
                .select_only()
                .column(register_data_category::Column::RegisterId)
                .filter(
                    register_data_category::Column::CategoryId.in_subquery(
                        data_category::Entity::find()
                            .select_only()
                            .column(data_category::Column::Id)
                            .filter(data_category::Column::SpecialCategory.eq(true))
                            .into_query(),
                    ),
                )
                .into_query();
            select = select.filter(if special {
                Id.in_subquery(holders)
            } else {
                Id.not_in_subquery(holders)
            });
        }
        if let Some(outside) = f.transfers_outside_eea {
            let senders = transfer::Entity::find()
                .select_only()
                .column(transfer::Column::RegisterId)
                .filter(
                    Condition::any()
                        .add(transfer::Column::DestinationCountry.is_null())
                        .add(transfer::Column::DestinationCountry.is_not_in(eea())),
                )
                .into_query();
            select = select.filter(if outside {
                Id.in_subquery(senders)
            } else {
                Id.not_in_subquery(senders)
            });
        }
        if let Some(status) = f.status {
            select = select.filter(register::Column::Status.eq(status.as_str()));
        }
        if let Some(key) = key_filter(f.external_id)? {
            select = select.filter(register::Column::ExternalId.eq(key));
        }
        if let Some(text) = search_filter(f.search)? {
            select = select.filter(
                Condition::any()
                    .add(like(register::Column::Name, &text))
                    .add(like(register::Column::Description, &text))
                    .add(like(Slug, &text)),
            );
        }
        let connection = paginate(
            db(ctx),
            select,
            Id,
            |m| m.id,
            Register,
            &PageArgs::new(after, before, first, last),
        )
        .await?;
        let page: Vec<&entity::register::Model> =
            connection.edges.iter().map(|e| &e.node.0).collect();
        super::prefetch::registers(ctx, &page).await?;
        Ok(connection)
    }

    async fn transfers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<TransferFilter>,
    ) -> Result<Conn<Transfer>> {
        use transfer::Column::{DestinationCountry, Mechanism};
        let f = filter.unwrap_or_default();
        let mut select = super::reach(ctx).filter(transfer::Entity::find());
        match f.outside_eea {
            Some(true) => {
                select = select.filter(
                    Condition::any()
                        .add(DestinationCountry.is_null())
                        .add(DestinationCountry.is_not_in(eea())),
                )
            }
            Some(false) => select = select.filter(DestinationCountry.is_in(eea())),
            None => {}
        }
        if let Some(mechanism) = f.mechanism {
            select = select.filter(Mechanism.eq(mechanism.as_str()));
        }
        if let Some(mechanisms) = f.mechanisms {
            select = select.filter(Mechanism.is_in(mechanisms.iter().map(|m| m.as_str())));
        }
        if let Some(country) = &f.destination_country {
            let country = country_filter("destinationCountry", country)?;
            select = select.filter(DestinationCountry.eq(country));
        }
        if let Some(id) = &f.register_id {
            select =
                select.filter(transfer::Column::RegisterId.eq(id_filter(id, NodeType::Register)));
        }
        if let Some(id) = &f.recipient_id {
            select = select
                .filter(transfer::Column::RecipientId.eq(id_filter(id, NodeType::Organization)));
        }
        paginate(
            db(ctx),
            select,
            transfer::Column::Id,
            |m| m.id,
            Transfer,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }

    async fn processor_engagements(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ProcessorEngagementFilter>,
    ) -> Result<Conn<ProcessorEngagement>> {
        let f = filter.unwrap_or_default();
        let mut select = super::reach(ctx).filter(processor_engagement::Entity::find());
        if let Some(id) = &f.processor_id {
            select = select.filter(
                processor_engagement::Column::ProcessorId.eq(id_filter(id, NodeType::Organization)),
            );
        }
        if let Some(id) = &f.register_id {
            select = select.filter(
                processor_engagement::Column::RegisterId.eq(id_filter(id, NodeType::Register)),
            );
        }
        paginate(
            db(ctx),
            select,
            processor_engagement::Column::Id,
            |m| m.id,
            ProcessorEngagement,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }

    async fn data_categories(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<DataCategoryFilter>,
    ) -> Result<Conn<DataCategory>> {
        let f = filter.unwrap_or_default();
        let mut select = super::reach(ctx).filter(data_category::Entity::find());
        if let Some(v) = f.special_category {
            select = select.filter(data_category::Column::SpecialCategory.eq(v));
        }
        if let Some(v) = f.national_identifier {
            select = select.filter(data_category::Column::NationalIdentifier.eq(v));
        }
        if let Some(v) = f.criminal {
            select = select.filter(data_category::Column::Criminal.eq(v));
        }
        if let Some(text) = search_filter(f.search)? {
            select = select.filter(like(data_category::Column::Name, &text));
        }
        paginate(
            db(ctx),
            select,
            data_category::Column::Id,
            |m| m.id,
            DataCategory,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }

    async fn data_subject_categories(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<DataSubjectCategory>> {
        let select = super::reach(ctx).filter(data_subject_category::Entity::find());
        paginate(
            db(ctx),
            select,
            data_subject_category::Column::Id,
            |m| m.id,
            DataSubjectCategory,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }

    async fn systems(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        vendor_id: Option<ID>,
    ) -> Result<Conn<System>> {
        let mut select = super::reach(ctx).filter(system::Entity::find());
        if let Some(id) = &vendor_id {
            select =
                select.filter(system::Column::VendorId.eq(id_filter(id, NodeType::Organization)));
        }
        paginate(
            db(ctx),
            select,
            system::Column::Id,
            |m| m.id,
            System,
            &PageArgs::new(after, before, first, last),
        )
        .await
    }
}
