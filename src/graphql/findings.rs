//! Root fields for findings, the rule book and "what if" simulations.

use std::collections::HashSet;

use async_graphql::{Context, ErrorExtensions, ID, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;

use super::{
    connection::{Conn, PageArgs, paginate},
    read,
    types::{Finding, NoticeVersion, Register, Rule, Transfer},
};
use crate::{
    domain::{
        enums::{Language, TransferMechanism},
        id::{NodeType, decode_as},
        value::CountryCode,
    },
    findings::{self, Scenario, Severity},
    graph::{Edge, Graph, Reached},
    notice::publish,
};

#[derive(Hash, PartialEq, Eq)]
struct Everything(Option<std::sync::Arc<[i64]>>, NaiveDate);

/// Every finding on the registers `reached`, on the scenario's date:
/// computed once per snapshot, caller's reach and date, however many
/// aliases or requests ask.
fn all_findings(
    graph: &Graph,
    reached: &Reached,
    reach: &crate::domain::reach::Reach,
    scenario: &Scenario,
) -> std::sync::Arc<Vec<findings::Finding>> {
    let key = Everything(
        reach.controllers().map(std::sync::Arc::from),
        scenario.as_of,
    );
    graph.memo(key, || {
        let registers = graph
            .registers()
            .keys()
            .copied()
            .filter(|id| reached.register(*id));
        findings::findings(graph, registers, scenario)
    })
}

#[derive(InputObject, Default)]
pub struct FindingFilter {
    pub severity: Option<Severity>,
    pub code: Option<String>,
    pub controller_id: Option<ID>,
    pub register_id: Option<ID>,
}

#[derive(InputObject)]
pub struct SimulateInput {
    /// A transfer mechanism that would no longer be valid (e.g. DATA_PRIVACY_FRAMEWORK if C-703/25 P succeeds).
    pub invalidate_mechanism: Option<TransferMechanism>,
    /// A country (ISO 3166-1 alpha-2) whose adequacy decision would be lost.
    pub country_loses_adequacy: Option<String>,
    /// An organization that would no longer be used as a processor or recipient.
    pub drop_vendor: Option<ID>,
    /// The date to evaluate at; today when left out.
    pub as_of: Option<NaiveDate>,
}

/// What a scenario would change. Nothing is written.
#[derive(SimpleObject)]
pub struct Simulation {
    pub as_of: NaiveDate,
    /// Transfers whose ground would go, or whose recipient or processor would be dropped.
    pub affected_transfers: Vec<Transfer>,
    pub affected_registers: Vec<Register>,
    /// The latest published notices of the affected registers: they would need publishing again.
    pub affected_notices: Vec<NoticeVersion>,
    /// Findings that would appear.
    pub new_findings: Vec<Finding>,
    /// Findings that would disappear.
    pub resolved_findings: Vec<Finding>,
}

fn bad_input(message: impl Into<String>) -> async_graphql::Error {
    async_graphql::Error::new(message.into()).extend_with(|_, e| e.set("code", "BAD_USER_INPUT"))
}

#[derive(Default)]
pub struct FindingsQuery;

#[Object]
impl FindingsQuery {
    /// What the rule book finds wrong with the graph, register by register.
    /// `asOf` evaluates the graph as it is now under the rules in force on
    /// that day (each rule's `effectiveFrom`); today when left out.
    #[allow(clippy::too_many_arguments)]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<FindingFilter>,
        as_of: Option<NaiveDate>,
    ) -> Result<Conn<Finding>> {
        let f = filter.unwrap_or_default();
        let scenario = Scenario::on(as_of);
        let register = f
            .register_id
            .as_ref()
            .map(|id| decode_as(id, NodeType::Register).unwrap_or(-1));
        let controller = f
            .controller_id
            .as_ref()
            .map(|id| decode_as(id, NodeType::Organization).unwrap_or(-1));
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        // One register, or one controller's: only theirs are evaluated.
        let found = match (register, controller) {
            (Some(id), _) => std::sync::Arc::new(if reached.register(id) {
                findings::of_register(graph, id, &scenario).as_ref().clone()
            } else {
                Vec::new()
            }),
            (None, Some(id)) => {
                let registers: Vec<i64> = graph
                    .sources(Edge::Controls, id)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|r| reached.register(*r))
                    .collect();
                std::sync::Arc::new(findings::findings(graph, registers, &scenario))
            }
            (None, None) => all_findings(graph, reached, super::reach(ctx), &scenario),
        };
        let rows: Vec<(i64, &findings::Finding)> = found
            .iter()
            .filter(|x| f.severity.is_none_or(|s| x.rule.severity == s))
            .filter(|x| f.code.as_deref().is_none_or(|c| x.rule.code == c))
            .filter(|x| controller.is_none_or(|c| x.controller_id == c))
            .enumerate()
            .map(|(i, x)| (i as i64 + 1, x))
            .collect();
        paginate(
            ctx,
            || rows.iter().copied(),
            |(i, _)| *i,
            |(_, x)| Finding(x.clone()),
            &PageArgs::new(after, before, first, last),
        )
    }

    /// The rule book.
    async fn rules(&self) -> Vec<Rule> {
        findings::rules().iter().map(Rule).collect()
    }

    /// "What if": the transfers, registers and published notices a change in
    /// the law or in the vendors would affect, and the findings that would
    /// appear. Reads only; nothing is changed.
    async fn simulate(&self, ctx: &Context<'_>, input: SimulateInput) -> Result<Simulation> {
        let mut scenario = Scenario::on(input.as_of);
        scenario
            .invalid_mechanisms
            .extend(input.invalidate_mechanism);
        if let Some(country) = &input.country_loses_adequacy {
            scenario
                .countries_without_adequacy
                .push(CountryCode::parse(country).map_err(bad_input)?);
        }
        if let Some(vendor) = &input.drop_vendor {
            let id = decode_as(vendor, NodeType::Organization)
                .ok_or_else(|| bad_input("dropVendor is not an organization's id"))?;
            scenario.dropped_vendors.push(id);
        }
        let baseline_scenario = Scenario {
            as_of: scenario.as_of,
            ..Scenario::today()
        };
        let s = read(ctx);
        let (graph, reached) = (&s.graph, &s.reached);
        let registers = || {
            graph
                .registers()
                .keys()
                .copied()
                .filter(|id| reached.register(*id))
        };
        let baseline = findings::findings(graph, registers(), &baseline_scenario);
        let hypothetical = findings::findings(graph, registers(), &scenario);
        let before: HashSet<_> = baseline
            .iter()
            .map(|f| (f.rule.code.clone(), f.subject.node()))
            .collect();
        let after: HashSet<_> = hypothetical
            .iter()
            .map(|f| (f.rule.code.clone(), f.subject.node()))
            .collect();

        let views = findings::views(graph, registers());
        let mut transfers = Vec::new();
        let mut registers = Vec::new();
        for v in &views {
            let touched: Vec<_> = v
                .transfers
                .iter()
                .filter(|(t, org)| scenario.affects(v, t, org.as_deref()))
                .map(|(t, _)| t.clone())
                .collect();
            let engages_dropped = v
                .processors
                .iter()
                .any(|(_, org)| scenario.dropped_vendors.contains(&org.id));
            if !touched.is_empty() || engages_dropped {
                registers.push(v.register.clone());
            }
            transfers.extend(touched);
        }
        let mut notices = Vec::new();
        for register in &registers {
            for language in Language::ALL {
                if let Some(version) = publish::latest(graph, register.id, *language) {
                    notices.push(NoticeVersion(version));
                }
            }
        }
        Ok(Simulation {
            as_of: scenario.as_of,
            affected_transfers: transfers.into_iter().map(Transfer).collect(),
            affected_registers: registers.into_iter().map(Register).collect(),
            affected_notices: notices,
            new_findings: hypothetical
                .into_iter()
                .filter(|f| !before.contains(&(f.rule.code.clone(), f.subject.node())))
                .map(Finding)
                .collect(),
            resolved_findings: baseline
                .into_iter()
                .filter(|f| !after.contains(&(f.rule.code.clone(), f.subject.node())))
                .map(Finding)
                .collect(),
        })
    }
}
