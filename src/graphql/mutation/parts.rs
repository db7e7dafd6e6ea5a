//! Create, update and delete for the parts a register owns.

use async_graphql::{MergedObject, Object};

#[derive(Default)]
pub struct PartsPlaceholder;

#[Object]
impl PartsPlaceholder {
    async fn noop(&self) -> bool {
        true
    }
}

#[derive(MergedObject, Default)]
pub struct PartsMutation(PartsPlaceholder);
