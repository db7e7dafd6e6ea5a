//! The privacy notice (GDPR Art. 13 and 14, "tietosuojaseloste") compiled
//! from a register's graph: never typed by hand. Templates in
//! `templates/notice/` hold the wording, one file per language; this module
//! resolves the register into the template's context, renders it section by
//! section with the ids of the nodes each section came from, and turns the
//! Markdown into HTML and plain text.

pub mod context;
pub mod publish;
mod reading;
pub mod render;
pub mod rights;
pub mod sources;

pub use render::{Format, Notice, NoticeError, Section, compile, page};

use std::sync::Arc;

use crate::{domain::enums::Language, graph::Graph};

#[derive(Hash, PartialEq, Eq)]
struct Live(i64, Language);

/// The notice compiled from the register's graph in this snapshot, once per
/// snapshot and language; `None` when there is no such register.
pub fn live(
    graph: &Graph,
    register_id: i64,
    language: Language,
) -> Option<Arc<Result<Notice, NoticeError>>> {
    graph.register(register_id)?;
    Some(graph.memo(Live(register_id, language), || {
        graph
            .view(register_id)
            .map(|view| compile(&view, language))
            .unwrap_or_else(|| Err(NoticeError::missing(register_id)))
    }))
}

#[cfg(test)]
mod tests;
