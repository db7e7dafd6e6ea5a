//! The rule book, read once from `rules/findings.toml` (built into the binary).

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::{Localized, enums::Language};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, async_graphql::Enum,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Rule {
    pub code: String,
    pub severity: Severity,
    /// The kind of node a finding of this rule is about.
    pub subject: String,
    /// The date from which the rule applies (a law's entry into force, a judgment).
    pub effective_from: NaiveDate,
    pub citation: String,
    pub title: Localized,
    pub explanation: Localized,
    /// Lower-case text fragments the check looks for, where it reads text.
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl Rule {
    pub fn title(&self, language: Language) -> &str {
        self.title.get(language).unwrap_or(&self.code)
    }

    pub fn explanation(&self, language: Language) -> &str {
        self.explanation.get(language).unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct Book {
    rule: Vec<Rule>,
}

static RULES: LazyLock<Result<Vec<Rule>, String>> = LazyLock::new(|| {
    toml::from_str::<Book>(include_str!("../../rules/findings.toml"))
        .map(|b| b.rule)
        .map_err(|e| e.to_string())
});

/// Every rule, in the order of the rule book. Empty (and logged) only if the
/// built-in rule book does not parse, which the test suite prevents.
pub fn rules() -> &'static [Rule] {
    match &*RULES {
        Ok(rules) => rules,
        Err(error) => {
            tracing::error!(%error, "rules/findings.toml does not parse");
            &[]
        }
    }
}

pub fn rule(code: &str) -> Option<&'static Rule> {
    rules().iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_book_parses_and_is_complete() {
        let book = RULES.as_ref().map_err(Clone::clone);
        assert!(book.is_ok(), "{book:?}");
        let rules = rules();
        let mut codes: Vec<&str> = rules.iter().map(|r| r.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), rules.len(), "codes are unique");
        for rule in rules {
            assert!(
                rule.title.fi.is_some() && rule.title.en.is_some(),
                "{}",
                rule.code
            );
            assert!(
                rule.explanation.fi.is_some() && rule.explanation.en.is_some(),
                "{}",
                rule.code
            );
            assert!(!rule.citation.is_empty(), "{}", rule.code);
            assert!(
                super::super::checks::CHECKED.contains(&rule.code.as_str()),
                "{} has no check",
                rule.code
            );
        }
        for code in super::super::checks::CHECKED {
            assert!(
                rule(code).is_some(),
                "the check {code} has no rule in the rule book"
            );
        }
    }
}
