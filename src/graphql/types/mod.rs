//! GraphQL object types, one per file.

mod contact;
mod data_category;
mod finding;
mod node;
mod notice;
mod organization;
mod parts;
mod processor_engagement;
mod register;
mod transfer;

pub use contact::Contact;
pub use data_category::{DataCategory, DataSubjectCategory, RegisterDataCategory, System};
pub use finding::{Finding, Rule};
pub use node::{Node, node};
pub use notice::{CompiledNotice, NoticeDiff, NoticeSection, NoticeVersion};
pub use organization::Organization;
pub use parts::{DataSource, JointController, Purpose, Recipient, RetentionRule, SecurityMeasure};
pub use processor_engagement::ProcessorEngagement;
pub use register::Register;
pub use transfer::Transfer;

pub(crate) use crate::domain::value::read_json as json;
use crate::domain::{Localized, enums::Language};

/// Reads a stored localized column in a language, with fallback.
pub(crate) fn text(stored: &str, language: Language) -> String {
    Localized::read_json(stored, language).unwrap_or_default()
}

pub(crate) fn text_opt(stored: &Option<String>, language: Language) -> Option<String> {
    stored
        .as_deref()
        .and_then(|s| Localized::read_json(s, language))
}

pub(crate) fn countries(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// The organization `id` if the caller reaches it.
pub(crate) fn organization(ctx: &async_graphql::Context<'_>, id: i64) -> Option<Organization> {
    let s = crate::graphql::read(ctx);
    s.graph
        .organization(id)
        .filter(|_| s.reached.organization(id))
        .map(|o| Organization(o.clone()))
}

/// The contact `id` if the caller reaches it.
pub(crate) fn contact(ctx: &async_graphql::Context<'_>, id: i64) -> Option<Contact> {
    let s = crate::graphql::read(ctx);
    s.graph
        .contact(id)
        .filter(|_| s.reached.contact(id))
        .map(|c| Contact(c.clone()))
}

/// The register `id` if the caller reaches it.
pub(crate) fn register(ctx: &async_graphql::Context<'_>, id: i64) -> Option<Register> {
    let s = crate::graphql::read(ctx);
    s.graph
        .register(id)
        .filter(|_| s.reached.register(id))
        .map(|r| Register(r.clone()))
}
