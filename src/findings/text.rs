//! Reading free text by words, not by fragments of English.
//!
//! Finnish inflects by endings ("tarpeen", "tarpeellista", "tarpeellisen")
//! and builds compounds ("henkilötietolaki" beside the current
//! "henkilötietolainsäädäntö"), so a substring test both misses and
//! overreaches. Here text is cut into sentences of lower-case words and a
//! pattern is a phrase of word patterns: `tarpee*` takes any word that starts
//! with "tarpee", `*lain` any word that ends with "lain", anything else one
//! word exactly. A phrase matches consecutive words; an exception is a phrase
//! whose match, covering the word where a pattern matched, voids that match
//! ("henkilötietolainsäädän*" voids "henkilötietola*" on the same word).

use std::fmt;

use serde::Deserialize;

/// One word of a phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Word {
    Exact(String),
    Prefix(String),
    Suffix(String),
}

impl Word {
    fn matches(&self, word: &str) -> bool {
        match self {
            Word::Exact(w) => word == w,
            Word::Prefix(p) => word.starts_with(p.as_str()),
            Word::Suffix(s) => word.len() > s.len() && word.ends_with(s.as_str()),
        }
    }
}

/// Words in a row, as written in the rule book: `niin kauan`, `tarpee*`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Phrase {
    source: String,
    words: Vec<Word>,
}

impl TryFrom<String> for Phrase {
    type Error = String;

    fn try_from(source: String) -> Result<Self, String> {
        Phrase::parse(&source)
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl Phrase {
    /// A phrase of lower-case words, each optionally with one `*` at its
    /// start or end. Anything else is refused, so that a pattern in the rule
    /// book never silently fails to match.
    pub fn parse(source: &str) -> Result<Self, String> {
        let mut words = Vec::new();
        for part in source.split_whitespace() {
            let bare = part.trim_matches('*');
            if bare.is_empty() || bare.contains('*') {
                return Err(format!(
                    "\"{source}\": a word of a pattern is letters with at most one * at its start or end"
                ));
            }
            let word_like = bare.chars().all(|c| c.is_alphanumeric() || joins(c))
                && bare.chars().any(char::is_alphanumeric);
            if !word_like || bare != bare.to_lowercase() {
                return Err(format!(
                    "\"{source}\": \"{bare}\" is not one lower-case word as the text is read"
                ));
            }
            words.push(match (part.starts_with('*'), part.ends_with('*')) {
                (false, false) => Word::Exact(bare.to_owned()),
                (false, true) => Word::Prefix(bare.to_owned()),
                (true, false) => Word::Suffix(bare.to_owned()),
                (true, true) => {
                    return Err(format!(
                        "\"{source}\": \"{part}\" has a * at both ends; a pattern reads the start or the end of a word"
                    ));
                }
            });
        }
        if words.is_empty() {
            return Err("an empty pattern".into());
        }
        Ok(Phrase {
            source: source.to_owned(),
            words,
        })
    }

    /// Where the phrase starts in `sentence`, each time, and how many words it spans.
    fn spans<'a>(&'a self, sentence: &'a [String]) -> impl Iterator<Item = (usize, usize)> + 'a {
        let n = self.words.len();
        (0..sentence.len().saturating_sub(n - 1)).filter_map(move |start| {
            self.words
                .iter()
                .zip(&sentence[start..start + n])
                .all(|(w, word)| w.matches(word))
                .then_some((start, n))
        })
    }
}

/// Where some phrase of `patterns` matches in `sentence` and no phrase of
/// `except` covers that word: the position and the words matched.
pub fn find<'a>(
    patterns: &'a [Phrase],
    except: &'a [Phrase],
    sentence: &'a [String],
) -> impl Iterator<Item = (usize, &'a [String])> + 'a {
    let voided = |at: usize| {
        except.iter().any(|e| {
            e.spans(sentence)
                .any(|(start, n)| start <= at && at < start + n)
        })
    };
    let mut found: Vec<(usize, usize)> = patterns
        .iter()
        .flat_map(|p| p.spans(sentence))
        .filter(move |(at, _)| !voided(*at))
        .collect();
    found.sort_unstable();
    found.dedup_by_key(|(at, _)| *at);
    found
        .into_iter()
        .map(move |(at, n)| (at, &sentence[at..at + n]))
}

/// Whether a word may join two others into one: "523/1999", "95/46/ey",
/// "tietosuoja-asetus", "eu:n", "1.1.2019".
fn joins(c: char) -> bool {
    matches!(c, '/' | '-' | ':' | '.' | '\'' | '’')
}

/// Where a sentence ends, when not inside a word.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n')
}

/// The text as sentences of lower-case words. Punctuation inside a word
/// ("523/1999", "eu:n") stays in it; elsewhere it separates words, and
/// `.`, `!`, `?`, `;` and a line break end a sentence.
pub fn sentences(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut sentence = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let inside = joins(c)
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|next| next.is_alphanumeric());
        if c.is_alphanumeric() || inside {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            sentence.push(std::mem::take(&mut word));
        }
        if ends_sentence(c) && !sentence.is_empty() {
            out.push(std::mem::take(&mut sentence));
        }
    }
    if !word.is_empty() {
        sentence.push(word);
    }
    if !sentence.is_empty() {
        out.push(sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(list: &[&str]) -> Vec<Phrase> {
        list.iter().filter_map(|p| Phrase::parse(p).ok()).collect()
    }

    fn hits(patterns: &[&str], except: &[&str], text: &str) -> Vec<String> {
        let (patterns, except) = (phrases(patterns), phrases(except));
        sentences(text)
            .iter()
            .flat_map(|s| {
                find(&patterns, &except, s)
                    .map(|(_, words)| words.join(" "))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn text_is_read_as_sentences_of_words() {
        assert_eq!(
            sentences(
                "Henkilötietolain 523/1999 (10 ja 24 §) mukaan. EU:n tietosuoja-asetus; 1.1.2019"
            ),
            vec![
                vec!["henkilötietolain", "523/1999", "10", "ja", "24", "mukaan"],
                vec!["eu:n", "tietosuoja-asetus"],
                vec!["1.1.2019"],
            ]
        );
        assert_eq!(
            sentences("niin kauan, kuin on tarpeen."),
            vec![vec!["niin", "kauan", "kuin", "on", "tarpeen"]]
        );
    }

    #[test]
    fn a_stem_takes_the_inflected_forms_and_an_exception_voids_a_longer_word() {
        let stem = ["henkilötietola*"];
        let except = ["henkilötietolainsäädän*"];
        for form in [
            "henkilötietolaki",
            "henkilötietolain",
            "henkilötietolakia",
            "henkilötietolaissa",
        ] {
            assert_eq!(
                hits(&stem, &except, &format!("Seloste {form} mukaan")),
                vec![form.to_owned()]
            );
        }
        assert!(
            hits(
                &stem,
                &except,
                "voimassa olevan henkilötietolainsäädännön mukaisesti"
            )
            .is_empty()
        );
    }

    #[test]
    fn phrases_match_words_in_a_row_and_suffixes_the_end_of_a_word() {
        assert_eq!(
            hits(&["personal data act"], &[], "under the Personal Data Act."),
            vec!["personal data act"]
        );
        assert!(hits(&["personal data act"], &[], "personal data. Act now").is_empty());
        assert_eq!(
            hits(&["*lain"], &[], "kirjanpitolain mukaan; lain mukaan"),
            vec!["kirjanpitolain"]
        );
        // An exception covering the word voids the match wherever the phrase starts.
        assert!(
            hits(
                &["pysyvästi"],
                &["poiste* pysyvästi"],
                "Tiedot poistetaan pysyvästi."
            )
            .is_empty()
        );
        assert_eq!(
            hits(
                &["pysyvästi"],
                &["poiste* pysyvästi"],
                "Tiedot säilytetään pysyvästi."
            ),
            vec!["pysyvästi"]
        );
    }

    #[test]
    fn a_malformed_pattern_is_refused() {
        for bad in [
            "",
            "  ",
            "*",
            "a*b",
            "*lain*",
            "Tarpeen",
            "523/1999 (x)",
            "//*",
        ] {
            assert!(Phrase::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Phrase::parse("95/46/ey").is_ok());
    }
}
