//! The rule book, read once from `rules/findings.toml` (built into the binary).

use std::{collections::BTreeMap, sync::LazyLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::Phrase;
use crate::domain::{Localized, enums::Language};

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    async_graphql::Enum,
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
    /// Where the check reads free text: named lists of word patterns
    /// (`src/findings/text.rs` says how a pattern matches).
    #[serde(default)]
    pub words: BTreeMap<String, Vec<Phrase>>,
    /// Repealed acts and how a text names them (REPEALED_LAW_CITED).
    #[serde(default)]
    pub repealed: Vec<Repealed>,
}

/// An act no longer in force, and the words that cite it.
#[derive(Clone, Debug, Deserialize)]
pub struct Repealed {
    /// The act's name and number, as a finding names it.
    pub law: Localized,
    /// The first day the act was no longer in force.
    pub repealed_on: NaiveDate,
    pub words: Vec<Phrase>,
    /// Longer words or phrases that name something current.
    #[serde(default)]
    pub except: Vec<Phrase>,
}

impl Rule {
    pub fn title(&self, language: Language) -> &str {
        self.title.get(language).unwrap_or(&self.code)
    }

    pub fn explanation(&self, language: Language) -> &str {
        self.explanation.get(language).unwrap_or_default()
    }

    /// A named list of word patterns; empty when the rule book has none
    /// (the rule book test holds each text rule to its lists).
    pub fn words(&self, list: &str) -> &[Phrase] {
        self.words.get(list).map(Vec::as_slice).unwrap_or_default()
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
            for text in [&rule.title, &rule.explanation] {
                assert!(
                    text.fi.is_some() && text.sv.is_some() && text.en.is_some(),
                    "{} in FI, SV and EN",
                    rule.code
                );
            }
            let lists: Vec<&str> = rule.words.keys().map(String::as_str).collect();
            let read = super::super::checks::WORD_LISTS
                .iter()
                .find(|(code, _)| *code == rule.code)
                .map(|(_, lists)| lists.to_vec())
                .unwrap_or_default();
            assert_eq!(lists, read, "{}: the word lists its check reads", rule.code);
            assert!(
                rule.words.values().all(|l| !l.is_empty()),
                "{}: an empty word list",
                rule.code
            );
            for act in &rule.repealed {
                assert!(!act.words.is_empty(), "{}", rule.code);
                assert!(
                    rule.effective_from <= act.repealed_on,
                    "{}: applies from the first repeal",
                    rule.code
                );
            }
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
