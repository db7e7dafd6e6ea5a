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

#[derive(Hash, PartialEq, Eq)]
struct Kept(i64);

/// A register's findings with what they were evaluated from.
struct Evaluated {
    view: RegisterView,
    as_of: NaiveDate,
    findings: Arc<Vec<Finding>>,
}

/// The findings on one register under `scenario`. For the graph as it is
/// they are memoized per snapshot and date; today's are also kept across
/// snapshots while the register's view is made of the very same nodes, so
/// after a write only the registers it touched are evaluated again (another
/// day's never displace them).
pub fn of_register(graph: &Graph, register_id: i64, scenario: &Scenario) -> Arc<Vec<Finding>> {
    let Some(view) = graph.view(register_id) else {
        return Arc::default();
    };
    let evaluate_now =
        |view: &RegisterView| Arc::new(evaluate(view, stale(graph, register_id, None), scenario));
    if !scenario.is_plain() {
        return evaluate_now(&view);
    }
    let as_of = scenario.as_of;
    let memoized = graph.memo(FindingsOf(register_id, as_of), || {
        if as_of != Scenario::today().as_of {
            return evaluate_now(&view);
        }
        graph
            .lasting(
                Kept(register_id),
                |kept: &Evaluated| kept.as_of == as_of && kept.view.same_nodes(&view),
                || Evaluated {
                    findings: evaluate_now(&view),
                    view: view.clone(),
                    as_of,
                },
            )
            .findings
            .clone()
    });
    memoized.as_ref().clone()
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
