//! The privacy notice (GDPR Art. 13 and 14, "tietosuojaseloste") compiled
//! from a register's graph: never typed by hand. Templates in
//! `templates/notice/` hold the wording, one file per language; this module
//! resolves the register into the template's context, renders it section by
//! section with the ids of the nodes each section came from, and turns the
//! Markdown into HTML and plain text.

pub mod context;
pub mod publish;
pub mod render;

pub use render::{Format, Notice, NoticeError, Section, compile, page};
