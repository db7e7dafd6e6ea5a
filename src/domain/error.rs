//! What goes wrong in the domain, in two kinds: the caller's input (user
//! errors, each naming the field) and everything else (logged, never shown).

use async_graphql::{Enum, SimpleObject};

/// Stable machine-readable codes for user errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Enum)]
pub enum UserErrorCode {
    /// The value is malformed or out of range.
    Invalid,
    /// A required value is missing.
    Required,
    /// The id or key names nothing (or nothing the caller may see).
    NotFound,
    /// The node changed since the version the caller read.
    Conflict,
    /// Another node already has this unique value.
    Duplicate,
    /// The node is still referenced and cannot be deleted.
    Referenced,
    /// The caller's token may not act for the controller named.
    Forbidden,
    /// CRITICAL findings stand against the action (publishing a notice):
    /// fix them, or acknowledge them with a reason.
    CriticalFindings,
}

/// A problem with the caller's input. `field` is the path from the mutation
/// argument (`["input", "businessId"]`) or, for documents, from the root.
#[derive(Clone, Debug, PartialEq, Eq, SimpleObject)]
pub struct UserError {
    pub field: Vec<String>,
    pub message: String,
    pub code: UserErrorCode,
}

impl UserError {
    pub fn new(field: &Path, code: UserErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.segments(),
            message: message.into(),
            code,
        }
    }

    /// `registers[2].transfers[0].destinationCountry`: how a document path reads.
    pub fn document_path(&self) -> String {
        let mut out = String::new();
        for segment in &self.field {
            if segment.parse::<usize>().is_ok() {
                out.push_str(&format!("[{segment}]"));
            } else {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(segment);
            }
        }
        out
    }
}

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.document_path(), self.message)
    }
}

/// A path into an input value, built while walking it.
#[derive(Clone, Debug, Default)]
pub struct Path(Vec<String>);

impl Path {
    pub fn root(first: &str) -> Self {
        Self(vec![first.to_owned()])
    }

    pub fn empty() -> Self {
        Self(Vec::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut next = self.0.clone();
        next.push(key.to_owned());
        Self(next)
    }

    pub fn index(&self, index: usize) -> Self {
        self.key(&index.to_string())
    }

    pub fn segments(&self) -> Vec<String> {
        self.0.clone()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The input is wrong; nothing was written.
    #[error("{} invalid input value(s)", .0.len())]
    User(Vec<UserError>),
    /// Storage failed; logged, shown to clients only as an internal error.
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
}

impl From<UserError> for DomainError {
    fn from(error: UserError) -> Self {
        Self::User(vec![error])
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
