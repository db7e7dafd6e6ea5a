//! Findings: the graph checked against the law. The rules (code, severity,
//! citation, dates, wording) are data in `rules/findings.toml`; the checks
//! here evaluate them over the register read model, for the graph as it is
//! or under a "what if" scenario, and know nothing of GraphQL or HTTP.

mod checks;
mod load;
pub mod report;
mod rules;
mod scc;
#[cfg(test)]
mod tests;
mod text;
mod wording;

#[cfg(test)]
use checks::CHECKED;
pub use checks::{Finding, Scenario, Subject, evaluate};
pub use load::{findings, of_register, stale, views};
pub use rules::{Repealed, Rule, Severity, rule, rules};
