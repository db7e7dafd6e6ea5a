//! Which standard contractual clauses a transfer was signed on, as far as
//! its record shows.
//!
//! Implementing Decision (EU) 2021/914 entered into force on 27.6.2021 and
//! repealed the old decisions (2001/497/EC, amended by 2004/915/EC, and
//! 2010/87/EU, which had replaced 2002/16/EC) from 27.9.2021; contracts on
//! the old clauses concluded before that day held until 27.12.2022 (Art. 4).
//! So a reference that names a decision tells; failing that, a signing date
//! before 27.6.2021 can only be the old clauses and one from 27.9.2021 only
//! the new; between the two both could be signed, and nothing tells.
//! A typed version, when the record has one, is to be read before all this.

use chrono::NaiveDate;
use entity::transfer;

use super::text::sentences;
use crate::domain::enums::SccVersion;

/// The clauses a transfer rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clauses {
    /// Decision 2001/497/EC, 2004/915/EC, 2002/16/EC or 2010/87/EU.
    Old,
    /// Implementing Decision (EU) 2021/914.
    Of2021,
}

/// Numbers of the decisions as a reference writes them ("2010/87/EU",
/// "(EU) 2021/914"), read as words.
const NEW: &[&str] = &["2021/914"];
const OLD: &[&str] = &["2001/497", "2004/915", "2002/16", "2010/87"];

fn names(word: &str, decision: &str) -> bool {
    word == decision
        || word
            .strip_prefix(decision)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Which clauses, if the record tells: its typed version, else the decision its reference names
/// (the 2021 clauses where it names both, as a reference to a replacement
/// does), else what its signing date allows.
pub fn clauses(t: &transfer::Model) -> Option<Clauses> {
    if let Some(version) = t.scc_version.as_deref().and_then(SccVersion::parse) {
        return Some(match version {
            SccVersion::Scc2021 => Clauses::Of2021,
            _ => Clauses::Old,
        });
    }
    let words: Vec<String> = t
        .safeguard_reference
        .as_deref()
        .map(|r| sentences(r).concat())
        .unwrap_or_default();
    let cites = |decisions: &[&str]| words.iter().any(|w| decisions.iter().any(|d| names(w, d)));
    if cites(NEW) {
        return Some(Clauses::Of2021);
    }
    if cites(OLD) {
        return Some(Clauses::Old);
    }
    let signed = t.signed_on?;
    if day(2021, 6, 27).is_some_and(|new_in_force| signed < new_in_force) {
        Some(Clauses::Old)
    } else if day(2021, 9, 27).is_some_and(|old_repealed| signed >= old_repealed) {
        Some(Clauses::Of2021)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transfer(reference: Option<&str>, signed: Option<(i32, u32, u32)>) -> transfer::Model {
        let t0 = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        transfer::Model {
            id: 1,
            external_id: "t".into(),
            register_id: 1,
            position: 0,
            recipient_id: None,
            engagement_id: None,
            destination_country: Some("US".into()),
            destination_region: None,
            mechanism: "STANDARD_CONTRACTUAL_CLAUSES".into(),
            scc_version: None,
            hedge: None,
            safeguard_reference: reference.map(Into::into),
            signed_on: signed.and_then(|(y, m, d)| day(y, m, d)),
            certification_checked_on: None,
            valid_from: None,
            valid_to: None,
            description: None,
            created_at: t0,
            updated_at: t0,
            version: 1,
        }
    }

    #[test]
    fn the_reference_tells_first() {
        for (reference, expected) in [
            ("SCC (EU) 2021/914, module 2", Some(Clauses::Of2021)),
            ("Komission päätös 2010/87/EU", Some(Clauses::Old)),
            ("Decision 2004/915/EC (set II)", Some(Clauses::Old)),
            ("kommissionens beslut 2001/497/EG", Some(Clauses::Old)),
            (
                "2010/87/EU, replaced by 2021/914 on 1.3.2022",
                Some(Clauses::Of2021),
            ),
            ("vakiosopimuslausekkeet", None),
            ("2010/871", None),
        ] {
            assert_eq!(
                clauses(&transfer(Some(reference), None)),
                expected,
                "{reference}"
            );
        }
        assert_eq!(
            clauses(&transfer(Some("2021/914"), Some((2020, 1, 1)))),
            Some(Clauses::Of2021)
        );
    }

    #[test]
    fn else_the_signing_date_tells_where_only_one_set_could_be_signed() {
        for (signed, expected) in [
            ((2019, 3, 1), Some(Clauses::Old)),
            ((2021, 6, 26), Some(Clauses::Old)),
            ((2021, 6, 27), None),
            ((2021, 9, 26), None),
            ((2021, 9, 27), Some(Clauses::Of2021)),
            ((2023, 1, 10), Some(Clauses::Of2021)),
        ] {
            assert_eq!(
                clauses(&transfer(None, Some(signed))),
                expected,
                "{signed:?}"
            );
        }
        assert_eq!(clauses(&transfer(None, None)), None);
    }
}
