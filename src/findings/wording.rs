//! The two rules that must read what a register says in its own words:
//! an open-ended retention criterion, and a citation of repealed law. The
//! words are the rule book's (`rules/findings.toml`); how they match is
//! `text`'s.

use chrono::NaiveDate;

use super::{
    rules::{Repealed, Rule},
    text::{find, sentences},
};

/// Whether a retention criterion leaves the period open: in one of its
/// sentences an `open_ended` phrase with no `law` word, or a `duration`
/// phrase and a `need` phrase with no `law` word from the duration on.
pub fn open_ended(rule: &Rule, criterion: &str) -> bool {
    let except = rule.words("except");
    let at = |list: &str, sentence: &[String]| -> Vec<usize> {
        find(rule.words(list), except, sentence)
            .map(|(at, _)| at)
            .collect()
    };
    sentences(criterion).iter().any(|sentence| {
        let law = at("law", sentence);
        let open = !at("open_ended", sentence).is_empty() && law.is_empty();
        let needed = match at("duration", sentence).first() {
            Some(&from) => !at("need", sentence).is_empty() && law.iter().all(|&word| word < from),
            None => false,
        };
        open || needed
    })
}

/// The repealed acts `texts` cite, each with the first words that cite it,
/// among the acts already repealed on `as_of`.
pub fn repealed_cited<'r>(
    rule: &'r Rule,
    texts: &[&str],
    as_of: NaiveDate,
) -> Vec<(&'r Repealed, String)> {
    let read: Vec<Vec<String>> = texts.iter().flat_map(|t| sentences(t)).collect();
    rule.repealed
        .iter()
        .filter(|act| act.repealed_on <= as_of)
        .filter_map(|act| {
            read.iter()
                .find_map(|sentence| {
                    find(&act.words, &act.except, sentence)
                        .next()
                        .map(|(_, words)| words.join(" "))
                })
                .map(|words| (act, words))
        })
        .collect()
}

/// Whether a statement on automated decision-making says decisions are
/// made: it has words, and no sentence of it in any language denies them
/// (a `none` word: "ei", "inte", "no", "not"…). "-" or a denial says none.
pub fn automated_decisions<'t>(rule: &Rule, texts: impl Iterator<Item = &'t str>) -> bool {
    let mut said = false;
    for text in texts {
        for sentence in sentences(text) {
            if find(rule.words("none"), &[], &sentence).next().is_some() {
                return false;
            }
            said |= !sentence.is_empty();
        }
    }
    said
}
