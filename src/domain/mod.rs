//! The domain: values, vocabularies and the rules of writing the graph. It
//! knows nothing of GraphQL resolvers or HTTP.

pub mod audit;
pub mod authority;
pub mod enums;
pub mod error;
pub mod id;
pub mod law;
pub mod localized;
pub mod reach;
pub mod store;
pub mod value;

pub use error::{DomainError, DomainResult, Path, UserError, UserErrorCode};
pub use localized::Localized;
