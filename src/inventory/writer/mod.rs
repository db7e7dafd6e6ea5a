//! The one write path of the graph. Bulk import, upserts and the create and
//! update mutations all build rows here, so a value is checked the same way
//! whichever door it came in by. Problems are collected with the path of the
//! offending value; the caller runs the writer inside a transaction and rolls
//! back when any were found, so nothing is ever half-written.
//!
//! Each job has its file: `check` and `validate` turn inputs into rows
//! without a database, `resolve` turns externalIds into ids within the
//! caller's reach, `persist` writes rows with their version and audit
//! trail, and the files named after entities put the three together.

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;

use crate::domain::{Path, UserError, UserErrorCode, audit::Change, reach::Reach, store::Outcome};

use super::{batch::Batch, keys::Keys};

mod catalogue;
mod check;
mod engagement;
mod links;
mod organization;
mod parts;
mod persist;
mod register;
mod resolve;
mod transfer;
mod validate;

/// Counts of what a write did, per kind of entity, and the keys of what it
/// deleted: the document is declarative, so a part it no longer lists goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub kinds: BTreeMap<&'static str, Counts>,
    /// Per kind, the keys of the rows deleted (see `plan::row_key`).
    pub deleted: BTreeMap<&'static str, Vec<String>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
}

impl Summary {
    pub fn record(&mut self, kind: &'static str, outcome: Outcome) {
        let counts = self.kinds.entry(kind).or_default();
        match outcome {
            Outcome::Created => counts.created += 1,
            Outcome::Updated => counts.updated += 1,
            Outcome::Unchanged => counts.unchanged += 1,
        }
    }

    pub fn record_deleted(&mut self, kind: &'static str, key: String) {
        self.kinds.entry(kind).or_default().deleted += 1;
        self.deleted.entry(kind).or_default().push(key);
    }

    pub fn changed(&self) -> bool {
        self.kinds
            .values()
            .any(|c| c.created + c.updated + c.deleted > 0)
    }

    /// The counts alone, one line per kind.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<24} {:>8} {:>8} {:>8} {:>10}\n",
            "", "created", "updated", "deleted", "unchanged"
        );
        for (kind, c) in &self.kinds {
            out.push_str(&format!(
                "{kind:<24} {:>8} {:>8} {:>8} {:>10}\n",
                c.created, c.updated, c.deleted, c.unchanged
            ));
        }
        out
    }
}

/// The counts, then every deleted key.
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.table())?;
        for (kind, keys) in &self.deleted {
            writeln!(f, "deleted {kind}:")?;
            for key in keys {
                writeln!(f, "  - {key}")?;
            }
        }
        Ok(())
    }
}

fn combine(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::Created, _) | (_, Outcome::Created) => Outcome::Created,
        (Outcome::Updated, _) | (_, Outcome::Updated) => Outcome::Updated,
        _ => Outcome::Unchanged,
    }
}

/// The id a key holds while its row waits in a batch.
const PENDING: i64 = -1;

pub struct Writer<'a, C> {
    db: &'a C,
    pub keys: Keys,
    pub errors: Vec<UserError>,
    pub summary: Summary,
    /// What was written, for the audit trail.
    pub changes: Vec<Change>,
    /// How far the caller reaches: references to registers and what they
    /// own resolve only within it, and registers are written only for the
    /// caller's controllers.
    reach: Reach,
    /// Set for bulk writes: new parts wait here and go in many rows at a time.
    batch: Option<Batch>,
}

impl<'a, C: ConnectionTrait> Writer<'a, C> {
    pub fn new(db: &'a C) -> Self {
        Self {
            db,
            keys: Keys::default(),
            errors: Vec::new(),
            summary: Summary::default(),
            changes: Vec::new(),
            reach: Reach::All,
            batch: None,
        }
    }

    /// Limits the writer to what `reach` reaches.
    pub fn reaching(mut self, reach: &Reach) -> Self {
        self.reach = reach.clone();
        self
    }

    pub fn fail(&mut self, path: &Path, code: UserErrorCode, message: impl Into<String>) {
        self.errors.push(UserError::new(path, code, message));
    }

    /// Validates an externalId that the caller supplied or a document requires.
    pub fn key(&mut self, path: &Path, value: &Option<String>) -> Option<String> {
        self.take(check::key(path, value))
    }

    /// The value of a checked field, or `None` with the refusal noted.
    fn take<T>(&mut self, checked: check::Checked<T>) -> Option<T> {
        checked.map_err(|error| self.errors.push(error)).ok()
    }

    /// The validated row, kept when neither it nor the references resolved
    /// for it since `before` were refused.
    fn accept<T>(&mut self, before: usize, row: check::Validated<T>) -> Option<T> {
        match row {
            Ok(row) => (self.errors.len() == before).then_some(row),
            Err(errors) => {
                self.errors.extend(errors);
                None
            }
        }
    }
}
