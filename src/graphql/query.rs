//! Root queries: Relay node look-ups and one connection per kind of node,
//! with the filters dashboards and DPOs ask for, all answered from the
//! request's snapshot.

use async_graphql::{Context, ID, InputObject, Object, Result};

use super::{
    connection::{Conn, PageArgs, paginate},
    id::{NodeType, decode, decode_as},
    read,
    types::*,
};
use crate::{
    domain::{
        Localized,
        enums::{LegalBasis, RegisterStatus, TransferMechanism},
        value::{CountryCode, TextLimit, check_text, parse_country},
    },
    graph::{Edge, Graph, Reached, RegisterNode},
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

/// A search text, lowercased once.
struct Search(String);

impl Search {
    fn new(text: Option<String>) -> Result<Option<Self>> {
        Ok(search_filter(text)?.map(|t| Search(t.to_lowercase())))
    }
    fn plain(&self, text: &str) -> bool {
        text.to_lowercase().contains(&self.0)
    }
    fn plain_opt(&self, text: Option<&str>) -> bool {
        text.is_some_and(|t| self.plain(t))
    }
    /// Localized text matches when any of its languages does.
    fn localized(&self, stored: Option<&str>) -> bool {
        stored.is_some_and(|stored| {
            let text = Localized::from_json(stored);
            [&text.fi, &text.sv, &text.en]
                .into_iter()
                .any(|t| self.plain_opt(t.as_deref()))
        })
    }
}

fn in_eea(country: Option<&str>) -> Option<bool> {
    country.map(|c| CountryCode::eea_codes().contains(&c))
}

/// Whether any register the caller reaches points at `target` over `edges`.
fn reached_over(graph: &Graph, reached: &Reached, edges: &[Edge], target: i64) -> bool {
    edges.iter().any(|edge| {
        graph
            .sources(*edge, target)
            .is_some_and(|sources| sources.iter().any(|r| reached.register(*r)))
    })
}

fn has_role(graph: &Graph, reached: &Reached, role: OrganizationRole, id: i64) -> bool {
    match role {
        OrganizationRole::Controller => {
            reached_over(graph, reached, &[Edge::Controls, Edge::JointlyControls], id)
        }
        OrganizationRole::Processor => reached_over(graph, reached, &[Edge::Processes], id),
        OrganizationRole::Recipient => reached_over(
            graph,
            reached,
            &[Edge::Receives, Edge::ReceivesTransfers],
            id,
        ),
        OrganizationRole::SupervisoryAuthority => {
            reached_over(graph, reached, &[Edge::Supervises], id)
        }
        OrganizationRole::Vendor => graph
            .sources(Edge::Sells, id)
            .is_some_and(|systems| systems.iter().any(|s| reached.system(*s))),
    }
}

/// A register filter with its values checked and decoded once.
struct Registers {
    controller: Option<i64>,
    processor: Option<i64>,
    data_category: Option<i64>,
    legal_basis: Option<LegalBasis>,
    special_categories: Option<bool>,
    transfers_outside_eea: Option<bool>,
    status: Option<RegisterStatus>,
    external_id: Option<String>,
    search: Option<Search>,
}

impl Registers {
    fn new(f: RegisterFilter) -> Result<Self> {
        Ok(Self {
            controller: f
                .controller_id
                .map(|id| id_filter(&id, NodeType::Organization)),
            processor: f
                .processor_id
                .map(|id| id_filter(&id, NodeType::Organization)),
            data_category: f
                .data_category_id
                .map(|id| id_filter(&id, NodeType::DataCategory)),
            legal_basis: f.legal_basis,
            special_categories: f.special_categories,
            transfers_outside_eea: f.transfers_outside_eea,
            status: f.status,
            external_id: key_filter(f.external_id)?,
            search: Search::new(f.search)?,
        })
    }

    fn matches(&self, graph: &Graph, r: &RegisterNode) -> bool {
        let row = &r.row;
        self.controller.is_none_or(|c| row.controller_id == c)
            && self
                .processor
                .is_none_or(|p| r.engagements.iter().any(|e| e.processor_id == p))
            && self
                .data_category
                .is_none_or(|c| r.data_categories.iter().any(|l| l.category_id == c))
            && self.legal_basis.is_none_or(|basis| {
                r.purposes
                    .iter()
                    .any(|p| p.legal_basis.as_deref() == Some(basis.as_str()))
            })
            && self.special_categories.is_none_or(|wanted| {
                let holds = r.data_categories.iter().any(|l| {
                    graph
                        .data_category(l.category_id)
                        .is_some_and(|c| c.special_category)
                });
                holds == wanted
            })
            && self.transfers_outside_eea.is_none_or(|wanted| {
                let sends = r
                    .transfers
                    .iter()
                    .any(|t| in_eea(t.destination_country.as_deref()) != Some(true));
                sends == wanted
            })
            && self.status.is_none_or(|s| row.status == s.as_str())
            && self
                .external_id
                .as_deref()
                .is_none_or(|k| row.external_id == k)
            && self.search.as_ref().is_none_or(|s| {
                s.localized(Some(&row.name))
                    || s.localized(row.description.as_deref())
                    || s.plain(&row.slug)
            })
    }
}

#[Object]
impl GraphQuery {
    /// Any node by its global id; null when it names nothing.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Option<Node> {
        let (node_type, number) = decode(&id)?;
        node(ctx, node_type, number)
    }

    /// Nodes by global ids, in the order asked; null where an id names nothing.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(validator(max_items = 100))] ids: Vec<ID>,
    ) -> Vec<Option<Node>> {
        ids.iter()
            .map(|id| decode(id).and_then(|(node_type, number)| node(ctx, node_type, number)))
            .collect()
    }

    /// The difference between two published notice versions.
    async fn notice_diff(&self, ctx: &Context<'_>, from_id: ID, to_id: ID) -> Option<NoticeDiff> {
        let s = read(ctx);
        let find = |id: &ID| {
            let id = decode_as(id, NodeType::NoticeVersion)?;
            s.graph
                .notice_version(id)
                .filter(|v| s.reached.register(v.register_id))
        };
        let (from, to) = (find(&from_id)?, find(&to_id)?);
        let label =
            |v: &entity::notice_version::Model| format!("{} version {}", v.language, v.number);
        let changed = from.markdown != to.markdown;
        let unified = if changed {
            crate::notice::publish::diff(&from.markdown, &to.markdown, &label(&from), &label(&to))
        } else {
            String::new()
        };
        Some(NoticeDiff { unified, changed })
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
        let country = f
            .country
            .as_deref()
            .map(|c| country_filter("country", c))
            .transpose()?;
        let key = key_filter(f.external_id)?;
        let search = Search::new(f.search)?;
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .organizations()
                    .values()
                    .filter(|o| reached.organization(o.id))
                    .filter(|o| {
                        f.role
                            .is_none_or(|role| has_role(graph, reached, role, o.id))
                    })
                    .filter(|o| {
                        country
                            .as_deref()
                            .is_none_or(|c| o.country.as_deref() == Some(c))
                    })
                    .filter(|o| {
                        f.in_eea
                            .is_none_or(|wanted| in_eea(o.country.as_deref()) == Some(wanted))
                    })
                    .filter(|o| key.as_deref().is_none_or(|k| o.external_id == k))
                    .filter(|o| {
                        search.as_ref().is_none_or(|s| {
                            s.plain(&o.name) || s.plain_opt(o.business_id.as_deref())
                        })
                    })
            },
            |o| o.id,
            |o| Organization(o.clone()),
            &PageArgs::new(after, before, first, last),
        )
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
        let filter = Registers::new(filter.unwrap_or_default())?;
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .registers()
                    .values()
                    .filter(|r| reached.register(r.row.id))
                    .filter(|r| filter.matches(graph, r))
            },
            |r| r.row.id,
            |r| Register(r.clone()),
            &PageArgs::new(after, before, first, last),
        )
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
        let f = filter.unwrap_or_default();
        let country = f
            .destination_country
            .as_deref()
            .map(|c| country_filter("destinationCountry", c))
            .transpose()?;
        let register = f.register_id.map(|id| id_filter(&id, NodeType::Register));
        let recipient = f
            .recipient_id
            .map(|id| id_filter(&id, NodeType::Organization));
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .transfers()
                    .values()
                    .filter(|t| reached.register(t.register_id))
                    .filter(|t| {
                        f.outside_eea.is_none_or(|outside| {
                            (in_eea(t.destination_country.as_deref()) != Some(true)) == outside
                        })
                    })
                    .filter(|t| f.mechanism.is_none_or(|m| t.mechanism == m.as_str()))
                    .filter(|t| {
                        f.mechanisms
                            .as_ref()
                            .is_none_or(|ms| ms.iter().any(|m| t.mechanism == m.as_str()))
                    })
                    .filter(|t| {
                        country
                            .as_deref()
                            .is_none_or(|c| t.destination_country.as_deref() == Some(c))
                    })
                    .filter(|t| register.is_none_or(|r| t.register_id == r))
                    .filter(|t| recipient.is_none_or(|r| t.recipient_id == Some(r)))
            },
            |t| t.id,
            |t| Transfer(t.clone()),
            &PageArgs::new(after, before, first, last),
        )
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
        let processor = f
            .processor_id
            .map(|id| id_filter(&id, NodeType::Organization));
        let register = f.register_id.map(|id| id_filter(&id, NodeType::Register));
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .engagements()
                    .values()
                    .filter(|e| reached.register(e.register_id))
                    .filter(|e| processor.is_none_or(|p| e.processor_id == p))
                    .filter(|e| register.is_none_or(|r| e.register_id == r))
            },
            |e| e.id,
            |e| ProcessorEngagement(e.clone()),
            &PageArgs::new(after, before, first, last),
        )
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
        let search = Search::new(f.search)?;
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .data_categories()
                    .values()
                    .filter(|c| reached.data_category(c.id))
                    .filter(|c| f.special_category.is_none_or(|v| c.special_category == v))
                    .filter(|c| {
                        f.national_identifier
                            .is_none_or(|v| c.national_identifier == v)
                    })
                    .filter(|c| f.criminal.is_none_or(|v| c.criminal == v))
                    .filter(|c| search.as_ref().is_none_or(|s| s.localized(Some(&c.name))))
            },
            |c| c.id,
            |c| DataCategory(c.clone()),
            &PageArgs::new(after, before, first, last),
        )
    }

    async fn data_subject_categories(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<DataSubjectCategory>> {
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .subject_categories()
                    .values()
                    .filter(|c| reached.subject_category(c.id))
            },
            |c| c.id,
            |c| DataSubjectCategory(c.clone()),
            &PageArgs::new(after, before, first, last),
        )
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
        let vendor = vendor_id.map(|id| id_filter(&id, NodeType::Organization));
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        paginate(
            ctx,
            || {
                graph
                    .systems()
                    .values()
                    .filter(|x| reached.system(x.id))
                    .filter(|x| vendor.is_none_or(|v| x.vendor_id == Some(v)))
            },
            |x| x.id,
            |x| System(x.clone()),
            &PageArgs::new(after, before, first, last),
        )
    }
}
