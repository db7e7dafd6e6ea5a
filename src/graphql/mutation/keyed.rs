//! Create, update, upsert and delete for the entities scripts own by
//! `externalId`: organizations, data subject and data categories, systems
//! and registers. Upserts are idempotent: a second run with the same input
//! reports `created: false` and changes nothing (not even `version`).

use async_graphql::{Context, ID, InputObject, MergedObject, Object, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    DeleteInput, DeletePayload,
    node::{self, payload, writable},
    patch::{
        DataCategoryPatch, DataSubjectCategoryPatch, OrganizationPatch, RegisterPatch, SystemPatch,
    },
};
use crate::{
    graphql::types::{DataCategory, DataSubjectCategory, Organization, Register, System},
    inventory::{
        document::{
            DataCategoryInput, DataSubjectCategoryInput, OrganizationInput, RegisterInput,
            SystemInput,
        },
        keys::Kind,
    },
};

/// One top-level keyed kind: its write-path declaration, payload, inputs
/// and the four mutations.
macro_rules! keyed {
    (
        $kind:ident: $module:ident, $node:ident, $what:literal, $gql:ident, $input:ident, $patch:ident, $method:ident,
        $mutation:ident, $payload:ident { $field:ident },
        $update_input:ident, $upsert_input:ident,
        $create:ident, $update:ident, $upsert:ident, $delete:ident
    ) => {
        writable!($kind: $module, $node, $what,
            input $input, patch $patch, payload $payload,
            key Some(Kind::$node), under Nothing,
            input_key |input| input.external_id.as_deref(),
            slot |model| (Some(model.external_id.as_str()), 0, 0),
            with_key |key| entity::$module::Entity::find()
                .filter(entity::$module::Column::ExternalId.eq(key)),
            next |_txn, _parent| async { Ok(0) },
            save |writer, path, slot, existing, input| writer.$method(path, slot.key, existing, input),
        );

        payload!($payload { $field: $gql($module) }, created);

        /// Changes a node by id. Fields left out keep their stored value; an
        /// explicit null clears one (a required field cannot be cleared); a
        /// list that is given replaces that list.
        #[derive(InputObject)]
        pub struct $update_input {
            pub id: ID,
            /// The version you read: a stale one is refused with CONFLICT.
            pub version: i32,
            #[graphql(flatten)]
            pub fields: $patch,
        }

        /// Creates or changes the node with this externalId (required). On a
        /// stored node, fields left out keep their stored value; an explicit
        /// null clears one (a required field cannot be cleared); a list that
        /// is given replaces that list. To create, give every required field.
        #[derive(InputObject)]
        pub struct $upsert_input {
            #[graphql(flatten)]
            pub fields: $patch,
        }

        #[derive(Default)]
        pub struct $mutation;

        #[Object]
        impl $mutation {
            /// Creates a node; its externalId is generated when left out.
            async fn $create(&self, ctx: &Context<'_>, input: $input) -> Result<$payload> {
                node::create::<$kind>(ctx, None, input).await
            }

            /// Updates the node `id` from the version you read: fields left out
            /// are kept, an explicit null clears one.
            async fn $update(&self, ctx: &Context<'_>, input: $update_input) -> Result<$payload> {
                node::update::<$kind>(ctx, &input.id, input.version, input.fields).await
            }

            /// Creates or updates the node with this externalId (required).
            async fn $upsert(&self, ctx: &Context<'_>, input: $upsert_input) -> Result<$payload> {
                node::upsert::<$kind>(ctx, None, input.fields).await
            }

            /// Deletes the node. Refused with REFERENCED while other records point at it.
            async fn $delete(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
                node::delete::<$kind>(ctx, input).await
            }
        }
    };
}

keyed!(OrganizationNode: organization, Organization, "organization", Organization, OrganizationInput, OrganizationPatch, organization,
    OrganizationMutation, OrganizationPayload { organization },
    UpdateOrganizationInput, UpsertOrganizationInput,
    create_organization, update_organization, upsert_organization, delete_organization);

keyed!(DataSubjectCategoryNode: data_subject_category, DataSubjectCategory, "data subject category", DataSubjectCategory,
    DataSubjectCategoryInput, DataSubjectCategoryPatch, data_subject_category,
    DataSubjectCategoryMutation, DataSubjectCategoryPayload { data_subject_category },
    UpdateDataSubjectCategoryInput, UpsertDataSubjectCategoryInput,
    create_data_subject_category, update_data_subject_category, upsert_data_subject_category, delete_data_subject_category);

keyed!(DataCategoryNode: data_category, DataCategory, "data category", DataCategory, DataCategoryInput, DataCategoryPatch, data_category,
    DataCategoryMutation, DataCategoryPayload { data_category },
    UpdateDataCategoryInput, UpsertDataCategoryInput,
    create_data_category, update_data_category, upsert_data_category, delete_data_category);

keyed!(SystemNode: system, System, "system", System, SystemInput, SystemPatch, system,
    SystemMutation, SystemPayload { system },
    UpdateSystemInput, UpsertSystemInput,
    create_system, update_system, upsert_system, delete_system);

keyed!(RegisterNode: register, Register, "register", Register, RegisterInput, RegisterPatch, register,
    RegisterMutation, RegisterPayload { register },
    UpdateRegisterInput, UpsertRegisterInput,
    create_register, update_register, upsert_register, delete_register);

#[derive(MergedObject, Default)]
pub struct KeyedMutation(
    OrganizationMutation,
    DataSubjectCategoryMutation,
    DataCategoryMutation,
    SystemMutation,
    RegisterMutation,
);
