//! Create, update, upsert and delete for the entities scripts own by
//! `externalId`: organizations, data subject and data categories, systems
//! and registers. Upserts are idempotent: a second run with the same input
//! reports `created: false` and changes nothing (not even `version`).

use async_graphql::{Context, ID, InputObject, MergedObject, Object, Result, SimpleObject};
use entity::{data_category, data_subject_category, organization, register, system};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    DeletePayload, begin, conflict, finish, lock_key, not_found,
    patch::{
        DataCategoryPatch, DataSubjectCategoryPatch, OrganizationPatch, Patch, RegisterPatch,
        SystemPatch,
    },
    settle,
};
use crate::{
    domain::{Path, UserError, UserErrorCode, store::generated_external_id},
    graphql::{
        id::{NodeType, decode_as},
        types::{DataCategory, DataSubjectCategory, Organization, Register, System},
    },
    inventory::{
        Writer,
        document::{
            DataCategoryInput, DataSubjectCategoryInput, OrganizationInput, RegisterInput,
            SystemInput,
        },
        stored::input_of,
    },
};

macro_rules! keyed {
    (
        $mutation:ident, $module:ident, $node_type:ident, $what:literal, $gql:ident, $input:ident, $patch:ident, $method:ident,
        payload: $payload:ident { $field:ident },
        update_input: $update_input:ident, upsert_input: $upsert_input:ident,
        $create:ident, $update:ident, $upsert:ident, $delete:ident
    ) => {
        #[derive(SimpleObject)]
        pub struct $payload {
            /// True when this call created the node, false when it already existed.
            pub created: bool,
            pub $field: Option<$gql>,
            pub user_errors: Vec<UserError>,
        }

        impl super::Refused for $payload {
            fn refused(user_errors: Vec<UserError>) -> Self {
                Self {
                    created: false,
                    $field: None,
                    user_errors,
                }
            }
        }

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
                settle($what, async move {
                    let (_turn, txn) = begin(ctx).await?;
                    let mut writer = Writer::new(&txn).reaching(crate::graphql::reach(ctx));
                    let path = Path::root("input");
                    let key = match &input.external_id {
                        Some(_) => writer.key(&path.key("externalId"), &input.external_id),
                        None => Some(generated_external_id()),
                    };
                    let saved = match key {
                        Some(key) => writer.$method(&path, &key, None, &input).await?,
                        None => None,
                    };
                    let (errors, changes) = (writer.errors, writer.changes);
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        created: saved.is_some(),
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

            /// Updates the node `id` from the version you read. Nested lists left
            /// out stay as they are; lists given replace what is stored.
            async fn $update(&self, ctx: &Context<'_>, input: $update_input) -> Result<$payload> {
                settle($what, async move {
                    let Some(id) = decode_as(&input.id, NodeType::$node_type) else {
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![not_found("id", $what)],
                        });
                    };
                    let (_turn, txn) = begin(ctx).await?;
                    let existing = crate::graphql::reach(ctx)
                        .filter($module::Entity::find_by_id(id))
                        .one(&txn)
                        .await?;
                    let Some(existing) = existing else {
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![not_found("id", $what)],
                        });
                    };
                    if existing.version != input.version {
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![conflict($what, input.version, existing.version)],
                        });
                    }
                    // Hold the node at the version read until commit: a write that
                    // changes only what it owns must not race another either.
                    crate::domain::store::claim::<$module::Model, _>(&txn, id, input.version)
                        .await?;
                    let path = Path::root("input");
                    let mut fields = input_of(&txn, existing.clone()).await?;
                    let refused = input.fields.apply(&mut fields, &path, false);
                    if !refused.is_empty() {
                        return Ok(<$payload as super::Refused>::refused(refused));
                    }
                    let mut writer = Writer::new(&txn).reaching(crate::graphql::reach(ctx));
                    let saved = match writer.key(&path.key("externalId"), &fields.external_id) {
                        Some(key) => writer.$method(&path, &key, Some(existing), &fields).await?,
                        None => None,
                    };
                    let (errors, changes) = (writer.errors, writer.changes);
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        created: false,
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

            /// Creates or updates the node with this externalId (required).
            async fn $upsert(&self, ctx: &Context<'_>, input: $upsert_input) -> Result<$payload> {
                settle($what, async move {
                    let patch = input.fields;
                    let (_turn, txn) = begin(ctx).await?;
                    let mut writer = Writer::new(&txn).reaching(crate::graphql::reach(ctx));
                    let path = Path::root("input");
                    let key = patch.external_id().map(str::to_owned);
                    let Some(key) = writer.key(&path.key("externalId"), &key) else {
                        return Ok(<$payload as super::Refused>::refused(writer.errors));
                    };
                    lock_key(&txn, $what, &key).await?;
                    let existing = crate::graphql::reach(ctx)
                        .filter($module::Entity::find())
                        .filter($module::Column::ExternalId.eq(key.as_str()))
                        .one(&txn)
                        .await?;
                    let created = existing.is_none();
                    let mut fields = match &existing {
                        Some(stored) => input_of(&txn, stored.clone()).await?,
                        None => $input::default(),
                    };
                    let refused = patch.apply(&mut fields, &path, created);
                    if !refused.is_empty() {
                        return Ok(<$payload as super::Refused>::refused(refused));
                    }
                    let saved = writer.$method(&path, &key, existing, &fields).await?;
                    let (errors, changes) = (writer.errors, writer.changes);
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        created: created && saved.is_some(),
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

            /// Deletes the node. Refused with REFERENCED while other records point at it.
            async fn $delete(
                &self,
                ctx: &Context<'_>,
                input: DeleteInput,
            ) -> Result<DeletePayload> {
                delete_by_id!(ctx, input, $module, $node_type, $what)
            }
        }
    };
}

/// Names the node to delete.
#[derive(InputObject)]
pub struct DeleteInput {
    pub id: ID,
    /// When given, the delete is refused with CONFLICT if the node changed since.
    pub version: Option<i32>,
}

keyed!(OrganizationMutation, organization, Organization, "organization", Organization, OrganizationInput, OrganizationPatch, organization,
    payload: OrganizationPayload { organization },
    update_input: UpdateOrganizationInput, upsert_input: UpsertOrganizationInput,
    create_organization, update_organization, upsert_organization, delete_organization);

keyed!(DataSubjectCategoryMutation, data_subject_category, DataSubjectCategory, "data subject category", DataSubjectCategory,
    DataSubjectCategoryInput, DataSubjectCategoryPatch, data_subject_category,
    payload: DataSubjectCategoryPayload { data_subject_category },
    update_input: UpdateDataSubjectCategoryInput, upsert_input: UpsertDataSubjectCategoryInput,
    create_data_subject_category, update_data_subject_category, upsert_data_subject_category, delete_data_subject_category);

keyed!(DataCategoryMutation, data_category, DataCategory, "data category", DataCategory, DataCategoryInput, DataCategoryPatch, data_category,
    payload: DataCategoryPayload { data_category },
    update_input: UpdateDataCategoryInput, upsert_input: UpsertDataCategoryInput,
    create_data_category, update_data_category, upsert_data_category, delete_data_category);

keyed!(SystemMutation, system, System, "system", System, SystemInput, SystemPatch, system,
    payload: SystemPayload { system },
    update_input: UpdateSystemInput, upsert_input: UpsertSystemInput,
    create_system, update_system, upsert_system, delete_system);

keyed!(RegisterMutation, register, Register, "register", Register, RegisterInput, RegisterPatch, register,
    payload: RegisterPayload { register },
    update_input: UpdateRegisterInput, upsert_input: UpsertRegisterInput,
    create_register, update_register, upsert_register, delete_register);

#[derive(MergedObject, Default)]
pub struct KeyedMutation(
    OrganizationMutation,
    DataSubjectCategoryMutation,
    DataCategoryMutation,
    SystemMutation,
    RegisterMutation,
);

#[allow(dead_code)]
fn _unused(_: UserErrorCode) {}
