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
pub use node::{Node, load_node};
pub use notice::{CompiledNotice, NoticeDiff, NoticeSection, NoticeVersion};
pub use organization::Organization;
pub use parts::{DataSource, JointController, Purpose, Recipient, RetentionRule, SecurityMeasure};
pub use processor_engagement::ProcessorEngagement;
pub use register::Register;
pub use transfer::Transfer;

use crate::domain::{Localized, enums::Language};

/// Reads a stored localized column in a language, with fallback.
pub(crate) fn text(stored: &str, language: Language) -> String {
    Localized::from_json(stored)
        .get(language)
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn text_opt(stored: &Option<String>, language: Language) -> Option<String> {
    stored
        .as_deref()
        .and_then(|s| Localized::from_json(s).get(language).map(str::to_owned))
}

pub(crate) fn countries(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Loads one row by id through the DataLoader.
macro_rules! load_one {
    ($ctx:expr, $key:expr) => {
        crate::graphql::loader($ctx)
            .load_one($key)
            .await
            .map_err(crate::graphql::internal)
    };
}
/// Loads a batched relation (a list) through the DataLoader.
macro_rules! load_list {
    ($ctx:expr, $key:expr) => {
        crate::graphql::loader($ctx)
            .load_one($key)
            .await
            .map_err(crate::graphql::internal)
            .map(Option::unwrap_or_default)
    };
}
pub(crate) use {load_list, load_one};
