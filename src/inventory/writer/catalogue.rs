//! The shared catalogue: data subject categories, data categories and
//! systems. Any register may link them; a token limited to some controllers
//! may change one only while no other controller's registers depend on it.

use entity::{data_category, data_subject_category, system};
use sea_orm::{ConnectionTrait, DbErr};

use super::{
    Writer,
    check::Validated,
    persist::{Row, Storable},
    validate,
};
use crate::{
    domain::{Path, id::NodeType},
    inventory::{document::*, keys::Kind},
};

/// What a kind of catalogue node is called where it is written, keyed and counted.
#[derive(Clone, Copy)]
struct Node {
    node_type: NodeType,
    kind: Kind,
    counted: &'static str,
}

const DATA_SUBJECT_CATEGORY: Node = Node {
    node_type: NodeType::DataSubjectCategory,
    kind: Kind::DataSubjectCategory,
    counted: "dataSubjectCategories",
};
const DATA_CATEGORY: Node = Node {
    node_type: NodeType::DataCategory,
    kind: Kind::DataCategory,
    counted: "dataCategories",
};
const SYSTEM: Node = Node {
    node_type: NodeType::System,
    kind: Kind::System,
    counted: "systems",
};

impl<C: ConnectionTrait> Writer<'_, C> {
    /// Whether a catalogue node may be written under `key`: the caller may
    /// change the stored node, and no other node of the kind has the key.
    async fn admit<E>(
        &mut self,
        path: &Path,
        node: Node,
        key: &str,
        existing_id: Option<i64>,
    ) -> Result<bool, DbErr>
    where
        E: crate::domain::reach::Shared,
        E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    {
        if let Some(id) = existing_id
            && !self.may_change::<E>(path, id, node.kind.noun()).await?
        {
            return Ok(false);
        }
        self.unique_key(&path.key("externalId"), node.kind, key, existing_id)
            .await
    }

    /// Writes a catalogue node when nothing was refused since `before`.
    async fn keep<A>(
        &mut self,
        node: Node,
        key: &str,
        before: usize,
        existing: Option<&Row<A>>,
        row: Validated<Row<A>>,
    ) -> Result<Option<Row<A>>, DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        Row<A>: Storable<A>,
    {
        let Some(model) = self.accept(before, row) else {
            return Ok(None);
        };
        let (saved, outcome) = self
            .store_keyed::<A>(node.node_type, (node.kind, key), existing, model)
            .await?;
        self.summary.record(node.counted, outcome);
        Ok(Some(saved))
    }

    pub async fn data_subject_category(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<data_subject_category::Model>,
        input: &DataSubjectCategoryInput,
    ) -> Result<Option<data_subject_category::Model>, DbErr> {
        let (node, before) = (DATA_SUBJECT_CATEGORY, self.errors.len());
        let id = existing.as_ref().map(|m| m.id);
        if !self
            .admit::<data_subject_category::Entity>(path, node, key, id)
            .await?
        {
            return Ok(None);
        }
        let row = validate::data_subject_category(path, key, input);
        self.keep::<data_subject_category::ActiveModel>(node, key, before, existing.as_ref(), row)
            .await
    }

    pub async fn data_category(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<data_category::Model>,
        input: &DataCategoryInput,
    ) -> Result<Option<data_category::Model>, DbErr> {
        let (node, before) = (DATA_CATEGORY, self.errors.len());
        let id = existing.as_ref().map(|m| m.id);
        if !self
            .admit::<data_category::Entity>(path, node, key, id)
            .await?
        {
            return Ok(None);
        }
        let row = validate::data_category(path, key, input);
        self.keep::<data_category::ActiveModel>(node, key, before, existing.as_ref(), row)
            .await
    }

    pub async fn system(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<system::Model>,
        input: &SystemInput,
    ) -> Result<Option<system::Model>, DbErr> {
        let (node, before) = (SYSTEM, self.errors.len());
        let id = existing.as_ref().map(|m| m.id);
        if !self.admit::<system::Entity>(path, node, key, id).await? {
            return Ok(None);
        }
        let row = validate::system(path, key, input);
        let vendor_id = self
            .resolve_opt(&path.key("vendor"), Kind::Organization, &input.vendor)
            .await?;
        let row = row.map(|model| system::Model { vendor_id, ..model });
        let kept = self
            .keep::<system::ActiveModel>(node, key, before, existing.as_ref(), row)
            .await?;
        // Refusals read in the order of the fields: the name before the vendor.
        let name = path.key("name").segments();
        self.errors[before..].sort_by_key(|error| error.field != name);
        Ok(kept)
    }
}
