//! Findings over a snapshot: each register's findings are computed once per
//! snapshot and date (aliases, repeated fields and other requests on the
//! same snapshot share them), and the notice staleness they check is the
//! memoized live compilation against the latest published version.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Finding, Scenario, evaluate};
use crate::{
    domain::enums::Language,
    graph::{Graph, RegisterView},
    notice,
};

/// Whether a register's latest published notice (in `language`, or in any
/// language published) differs from what it compiles to now.
pub fn stale(graph: &Graph, register_id: i64, language: Option<Language>) -> bool {
    let Some(register) = graph.register(register_id) else {
        return false;
    };
    let differs = |language: Language| {
        register
            .latest_notice(language.as_str())
            .is_some_and(|published| {
                notice::live(graph, register_id, language).is_some_and(|live| {
                    live.as_ref()
                        .as_ref()
                        .is_ok_and(|n| n.content_hash() != published.content_hash)
                })
            })
    };
    match language {
        Some(language) => differs(language),
        None => Language::ALL.iter().any(|l| differs(*l)),
    }
}

#[derive(Hash, PartialEq, Eq)]
struct FindingsOf(i64, NaiveDate);

/// The findings on one register under `scenario`: memoized per snapshot
/// when the scenario is the graph as it is (on any date).
pub fn of_register(graph: &Graph, register_id: i64, scenario: &Scenario) -> Arc<Vec<Finding>> {
    let compute = || {
        graph
            .view(register_id)
            .map(|view| evaluate(&view, stale(graph, register_id, None), scenario))
            .unwrap_or_default()
    };
    if scenario.is_plain() {
        graph.memo(FindingsOf(register_id, scenario.as_of), compute)
    } else {
        Arc::new(compute())
    }
}

/// Every finding on `registers` under `scenario`, register by register.
pub fn findings(
    graph: &Graph,
    registers: impl IntoIterator<Item = i64>,
    scenario: &Scenario,
) -> Vec<Finding> {
    registers
        .into_iter()
        .flat_map(|id| of_register(graph, id, scenario).as_ref().clone())
        .collect()
}

/// The views of `registers`, to evaluate under several scenarios.
pub fn views(graph: &Graph, registers: impl IntoIterator<Item = i64>) -> Vec<RegisterView> {
    registers
        .into_iter()
        .filter_map(|id| graph.view(id))
        .collect()
}
