//! Create, update and delete for the parts a register owns (purposes,
//! sources, recipients, retention rules, security measures), and create,
//! update, upsert and delete for the keyed children: processor engagements
//! and transfers of a register, contacts of an organization.

use async_graphql::{Context, ID, InputObject, MergedObject, Object, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    DeleteInput, DeletePayload,
    node::{self, next_position, payload, writable},
    patch::{
        ContactPatch, DataSourcePatch, ProcessorEngagementPatch, PurposePatch, RecipientPatch,
        RetentionRulePatch, SecurityMeasurePatch, TransferPatch,
    },
};
use crate::{
    graphql::types::{
        Contact, DataSource, ProcessorEngagement, Purpose, Recipient, RetentionRule,
        SecurityMeasure, Transfer,
    },
    inventory::{
        document::{
            ContactInput, DataSourceInput, ProcessorEngagementInput, PurposeInput, RecipientInput,
            RetentionRuleInput, SecurityMeasureInput, TransferInput,
        },
        keys::Kind,
    },
};

/// A part of a register: no key, a position in the register's list.
macro_rules! part {
    (
        $kind:ident: $module:ident, $node:ident, $what:literal, $gql:ident, $input:ident, $patch:ident, $method:ident,
        $mutation:ident, $payload:ident { $field:ident },
        $create_input:ident, $update_input:ident,
        $create:ident, $update:ident, $delete:ident
    ) => {
        writable!($kind: $module, $node, $what,
            input $input, patch $patch, payload $payload,
            key None, under Register,
            input_key |input| None,
            slot |model| (None, model.register_id, model.position),
            with_key |key| entity::$module::Entity::find(),
            next |txn, parent| next_position::<entity::$module::Entity>(
                txn, entity::$module::Column::RegisterId, entity::$module::Column::Position, parent),
            save |writer, path, slot, existing, input| async move {
                let Some(row) = writer.$method(path, slot.parent, slot.position, input).await? else {
                    return Ok(None);
                };
                let saved = writer
                    .store::<entity::$module::ActiveModel>(
                        crate::graphql::id::NodeType::$node,
                        existing.as_ref(),
                        row,
                    )
                    .await?;
                Ok(Some(saved.0))
            },
        );

        payload!($payload { $field: $gql($module) });

        #[derive(InputObject)]
        pub struct $create_input {
            /// The register this belongs to; it goes at the end of the register's list.
            pub register_id: ID,
            #[graphql(flatten)]
            pub fields: $input,
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

        #[derive(Default)]
        pub struct $mutation;

        #[Object]
        impl $mutation {
            async fn $create(&self, ctx: &Context<'_>, input: $create_input) -> Result<$payload> {
                node::create::<$kind>(ctx, Some(&input.register_id), input.fields).await
            }

            async fn $update(&self, ctx: &Context<'_>, input: $update_input) -> Result<$payload> {
                node::update::<$kind>(ctx, &input.id, input.version, input.fields).await
            }

            async fn $delete(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
                node::delete::<$kind>(ctx, input).await
            }
        }
    };
}

part!(PurposeNode: purpose, Purpose, "purpose", Purpose, PurposeInput, PurposePatch, purpose,
    PurposeMutation, PurposePayload { purpose }, CreatePurposeInput, UpdatePurposeInput,
    create_purpose, update_purpose, delete_purpose);
part!(DataSourceNode: data_source, DataSource, "data source", DataSource, DataSourceInput, DataSourcePatch, data_source,
    DataSourceMutation, DataSourcePayload { data_source }, CreateDataSourceInput, UpdateDataSourceInput,
    create_data_source, update_data_source, delete_data_source);
part!(RecipientNode: recipient, Recipient, "recipient", Recipient, RecipientInput, RecipientPatch, recipient,
    RecipientMutation, RecipientPayload { recipient }, CreateRecipientInput, UpdateRecipientInput,
    create_recipient, update_recipient, delete_recipient);
part!(RetentionRuleNode: retention_rule, RetentionRule, "retention rule", RetentionRule, RetentionRuleInput, RetentionRulePatch, retention_rule,
    RetentionRuleMutation, RetentionRulePayload { retention_rule }, CreateRetentionRuleInput, UpdateRetentionRuleInput,
    create_retention_rule, update_retention_rule, delete_retention_rule);
part!(SecurityMeasureNode: security_measure, SecurityMeasure, "security measure", SecurityMeasure, SecurityMeasureInput, SecurityMeasurePatch, security_measure,
    SecurityMeasureMutation, SecurityMeasurePayload { security_measure }, CreateSecurityMeasureInput, UpdateSecurityMeasureInput,
    create_security_measure, update_security_measure, delete_security_measure);

/// A keyed child: created by the parent's id, updated by id and version,
/// upserted by the parent's and the child's externalIds.
macro_rules! child {
    (
        $kind:ident: $module:ident, $node:ident, $what:literal, $gql:ident, $input:ident, $patch:ident,
        key $key:ident, under $under:ident ($parent_column:ident, $parent_attr:ident, $parent_field:ident, $parent_key:ident),
        save |$w:ident, $path:ident, $s:ident, $e:ident, $in:ident| $save:expr,
        $mutation:ident, $payload:ident { $field:ident },
        $create_input:ident, $update_input:ident, $upsert_input:ident,
        $create:ident, $update:ident, $upsert:ident, $delete:ident
    ) => {
        writable!($kind: $module, $node, $what,
            input $input, patch $patch, payload $payload,
            key Some(Kind::$key), under $under,
            input_key |input| input.external_id.as_deref(),
            slot |model| (Some(model.external_id.as_str()), model.$parent_attr, model.position),
            with_key |key| entity::$module::Entity::find()
                .filter(entity::$module::Column::ExternalId.eq(key)),
            next |txn, parent| next_position::<entity::$module::Entity>(
                txn, entity::$module::Column::$parent_column, entity::$module::Column::Position, parent),
            save |$w, $path, $s, $e, $in| async move {
                Ok($save.await?.map(|(model, _)| model))
            },
        );

        payload!($payload { $field: $gql($module) }, created);

        #[derive(InputObject)]
        pub struct $create_input {
            pub $parent_field: ID,
            #[graphql(flatten)]
            pub fields: $input,
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

        /// Creates or changes the child with this externalId (required)
        /// under the parent named by its externalId. On a stored node, fields
        /// left out keep their stored value; an explicit null clears one (a
        /// required field cannot be cleared). To create, give every required
        /// field.
        #[derive(InputObject)]
        pub struct $upsert_input {
            /// externalId of the parent.
            pub $parent_key: String,
            #[graphql(flatten)]
            pub fields: $patch,
        }

        #[derive(Default)]
        pub struct $mutation;

        #[Object]
        impl $mutation {
            async fn $create(&self, ctx: &Context<'_>, input: $create_input) -> Result<$payload> {
                node::create::<$kind>(ctx, Some(&input.$parent_field), input.fields).await
            }

            async fn $update(&self, ctx: &Context<'_>, input: $update_input) -> Result<$payload> {
                node::update::<$kind>(ctx, &input.id, input.version, input.fields).await
            }

            /// Creates or updates the child with this externalId (required) under the parent named by its externalId.
            async fn $upsert(&self, ctx: &Context<'_>, input: $upsert_input) -> Result<$payload> {
                node::upsert::<$kind>(ctx, Some(&input.$parent_key), input.fields).await
            }

            async fn $delete(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
                node::delete::<$kind>(ctx, input).await
            }
        }
    };
}

child!(ProcessorEngagementNode: processor_engagement, ProcessorEngagement, "processor engagement", ProcessorEngagement,
    ProcessorEngagementInput, ProcessorEngagementPatch,
    key Engagement, under Register (RegisterId, register_id, register_id, register),
    save |writer, path, slot, existing, input|
        writer.engagement(path, slot.key, slot.parent, slot.position, existing, input, false),
    ProcessorEngagementMutation, ProcessorEngagementPayload { processor_engagement },
    CreateProcessorEngagementInput, UpdateProcessorEngagementInput, UpsertProcessorEngagementInput,
    create_processor_engagement, update_processor_engagement, upsert_processor_engagement, delete_processor_engagement);

child!(TransferNode: transfer, Transfer, "transfer", Transfer, TransferInput, TransferPatch,
    key Transfer, under Register (RegisterId, register_id, register_id, register),
    save |writer, path, slot, existing, input|
        writer.transfer(path, slot.key, slot.parent, slot.position, existing, input),
    TransferMutation, TransferPayload { transfer },
    CreateTransferInput, UpdateTransferInput, UpsertTransferInput,
    create_transfer, update_transfer, upsert_transfer, delete_transfer);

child!(ContactNode: contact, Contact, "contact", Contact, ContactInput, ContactPatch,
    key Contact, under Organization (OrganizationId, organization_id, organization_id, organization),
    save |writer, path, slot, existing, input|
        writer.contact(path, slot.key, slot.parent, slot.position, existing, input),
    ContactMutation, ContactPayload { contact },
    CreateContactInput, UpdateContactInput, UpsertContactInput,
    create_contact, update_contact, upsert_contact, delete_contact);

#[derive(MergedObject, Default)]
pub struct PartsMutation(
    PurposeMutation,
    DataSourceMutation,
    RecipientMutation,
    RetentionRuleMutation,
    SecurityMeasureMutation,
    ProcessorEngagementMutation,
    TransferMutation,
    ContactMutation,
);
