//! Create, update and delete for the parts a register owns (purposes,
//! sources, recipients, retention rules, security measures), and for the
//! keyed children: processor engagements and transfers of a register,
//! contacts of an organization.

use async_graphql::{Context, ID, InputObject, MergedObject, Object, Result, SimpleObject};
use entity::{
    contact, data_source, organization, processor_engagement, purpose, recipient, register,
    retention_rule, security_measure, transfer,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{
    DeletePayload, begin, conflict, finish,
    keyed::DeleteInput,
    lock_key, not_found,
    patch::{
        ContactPatch, DataSourcePatch, Patch, ProcessorEngagementPatch, PurposePatch,
        RecipientPatch, RetentionRulePatch, SecurityMeasurePatch, TransferPatch,
    },
    settle,
};
use crate::{
    domain::{Path, UserError},
    graphql::{
        id::{NodeType, decode_as},
        types::{
            Contact, DataSource, ProcessorEngagement, Purpose, Recipient, RetentionRule,
            SecurityMeasure, Transfer,
        },
    },
    inventory::{
        Writer,
        document::{
            ContactInput, DataSourceInput, ProcessorEngagementInput, PurposeInput, RecipientInput,
            RetentionRuleInput, SecurityMeasureInput, TransferInput,
        },
        keys::Kind,
        stored::input_of,
    },
};

/// The next position at the end of a register's list of parts.
macro_rules! next_position {
    ($txn:expr, $module:ident, $register_id:expr) => {{
        let last: Option<i32> = $module::Entity::find()
            .filter($module::Column::RegisterId.eq($register_id))
            .select_only()
            .column($module::Column::Position)
            .order_by_desc($module::Column::Position)
            .into_tuple()
            .one($txn)
            .await?;
        last.map_or(0, |p| p + 1)
    }};
}

macro_rules! part {
    (
        $mutation:ident, $module:ident, $node_type:ident, $what:literal, $gql:ident, $input:ident, $patch:ident, $build:ident,
        payload: $payload:ident { $field:ident }, create_input: $create_input:ident, update_input: $update_input:ident,
        $create:ident, $update:ident, $delete:ident
    ) => {
        #[derive(SimpleObject)]
        pub struct $payload {
            pub $field: Option<$gql>,
            pub user_errors: Vec<UserError>,
        }

        impl super::Refused for $payload {
            fn refused(user_errors: Vec<UserError>) -> Self {
                Self {
                    $field: None,
                    user_errors,
                }
            }
        }

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
                settle($what, async move {
                    let Some(register_id) = decode_as(&input.register_id, NodeType::Register)
                    else {
                        return Ok($payload {
                            $field: None,
                            user_errors: vec![not_found("registerId", "register")],
                        });
                    };
                    let (_turn, txn) = begin(ctx).await?;
                    if crate::graphql::reach(ctx)
                        .filter(register::Entity::find_by_id(register_id))
                        .count(&txn)
                        .await?
                        == 0
                    {
                        return Ok($payload {
                            $field: None,
                            user_errors: vec![not_found("registerId", "register")],
                        });
                    }
                    let position = next_position!(&txn, $module, register_id);
                    let mut writer = Writer::new(&txn).reaching(crate::graphql::reach(ctx));
                    let row = writer
                        .$build(&Path::root("input"), register_id, position, &input.fields)
                        .await?;
                    let saved = match row {
                        Some(row) => Some(
                            writer
                                .store::<$module::ActiveModel>(NodeType::$node_type, None, row)
                                .await?
                                .0,
                        ),
                        None => None,
                    };
                    let (errors, changes) = (writer.errors, writer.changes);
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

            async fn $update(&self, ctx: &Context<'_>, input: $update_input) -> Result<$payload> {
                settle($what, async move {
                    let Some(id) = decode_as(&input.id, NodeType::$node_type) else {
                        return Ok($payload {
                            $field: None,
                            user_errors: vec![not_found("id", $what)],
                        });
                    };
                    let (_turn, txn) = begin(ctx).await?;
                    let Some(existing) = crate::graphql::reach(ctx)
                        .filter($module::Entity::find_by_id(id))
                        .one(&txn)
                        .await?
                    else {
                        return Ok($payload {
                            $field: None,
                            user_errors: vec![not_found("id", $what)],
                        });
                    };
                    if existing.version != input.version {
                        return Ok($payload {
                            $field: None,
                            user_errors: vec![conflict($what, input.version, existing.version)],
                        });
                    }
                    let path = Path::root("input");
                    let mut fields = input_of(&txn, existing.clone()).await?;
                    let refused = input.fields.apply(&mut fields, &path, false);
                    if !refused.is_empty() {
                        return Ok(<$payload as super::Refused>::refused(refused));
                    }
                    let mut writer = Writer::new(&txn).reaching(crate::graphql::reach(ctx));
                    let row = writer
                        .$build(&path, existing.register_id, existing.position, &fields)
                        .await?;
                    let saved = match row {
                        Some(row) => Some(
                            writer
                                .store::<$module::ActiveModel>(
                                    NodeType::$node_type,
                                    Some(&existing),
                                    row,
                                )
                                .await?
                                .0,
                        ),
                        None => None,
                    };
                    let (errors, changes) = (writer.errors, writer.changes);
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

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

part!(PurposeMutation, purpose, Purpose, "purpose", Purpose, PurposeInput, PurposePatch, purpose,
    payload: PurposePayload { purpose }, create_input: CreatePurposeInput, update_input: UpdatePurposeInput,
    create_purpose, update_purpose, delete_purpose);
part!(DataSourceMutation, data_source, DataSource, "data source", DataSource, DataSourceInput, DataSourcePatch, data_source,
    payload: DataSourcePayload { data_source }, create_input: CreateDataSourceInput, update_input: UpdateDataSourceInput,
    create_data_source, update_data_source, delete_data_source);
part!(RecipientMutation, recipient, Recipient, "recipient", Recipient, RecipientInput, RecipientPatch, recipient,
    payload: RecipientPayload { recipient }, create_input: CreateRecipientInput, update_input: UpdateRecipientInput,
    create_recipient, update_recipient, delete_recipient);
part!(RetentionRuleMutation, retention_rule, RetentionRule, "retention rule", RetentionRule, RetentionRuleInput, RetentionRulePatch, retention_rule,
    payload: RetentionRulePayload { retention_rule }, create_input: CreateRetentionRuleInput, update_input: UpdateRetentionRuleInput,
    create_retention_rule, update_retention_rule, delete_retention_rule);
part!(SecurityMeasureMutation, security_measure, SecurityMeasure, "security measure", SecurityMeasure, SecurityMeasureInput, SecurityMeasurePatch, security_measure,
    payload: SecurityMeasurePayload { security_measure }, create_input: CreateSecurityMeasureInput, update_input: UpdateSecurityMeasureInput,
    create_security_measure, update_security_measure, delete_security_measure);

/// Keyed children: engagements and transfers of a register, contacts of an
/// organization. Create by the parent's id, update by id and version, upsert
/// by the parent's and the child's externalId.
macro_rules! keyed_child {
    (
        $mutation:ident, $module:ident, $node_type:ident, $what:literal, $gql:ident, $input:ident, $patch:ident,
        kind: $kind:ident, parent: $parent_module:ident, $parent_type:ident, $parent_field:ident, $parent_key:ident, $parent_noun:literal, $parent_column:ident,
        write: |$w:ident, $path:ident, $key:ident, $pid:ident, $pos:ident, $existing:ident, $fields:ident| $write:expr,
        payload: $payload:ident { $field:ident }, create_input: $create_input:ident, update_input: $update_input:ident, upsert_input: $upsert_input:ident,
        $create:ident, $update:ident, $upsert:ident, $delete:ident
    ) => {
        #[derive(SimpleObject)]
        pub struct $payload {
            /// True when this call created the node.
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

        impl $mutation {
            /// Writes one child under `parent_id` with the given key.
            async fn write(
                txn: &sea_orm::DatabaseTransaction,
                reach: &crate::domain::reach::Reach,
                parent_id: i64,
                key: Option<String>,
                existing: Option<$module::Model>,
                fields: &$input,
            ) -> Result<(
                Option<$module::Model>,
                Vec<UserError>,
                Vec<crate::domain::audit::Change>,
            )> {
                let mut writer = Writer::new(txn).reaching(reach);
                let path = Path::root("input");
                let key = match key {
                    Some(key) => writer.key(&path.key("externalId"), &Some(key)),
                    None => Some(crate::domain::store::generated_external_id()),
                };
                let position = match &existing {
                    Some(e) => e.position,
                    None => {
                        let last: Option<i32> = $module::Entity::find()
                            .filter($module::Column::$parent_column.eq(parent_id))
                            .select_only()
                            .column($module::Column::Position)
                            .order_by_desc($module::Column::Position)
                            .into_tuple()
                            .one(txn)
                            .await?;
                        last.map_or(0, |p| p + 1)
                    }
                };
                if let Some(key) = &key
                    && existing.as_ref().is_none_or(|e| &e.external_id != key)
                    && !writer
                        .unique_key(
                            &path.key("externalId"),
                            Kind::$kind,
                            key,
                            existing.as_ref().map(|e| e.id),
                        )
                        .await?
                {
                    return Ok((None, writer.errors, writer.changes));
                }
                let saved = match key {
                    Some(key) => {
                        let ($w, $path, $key, $pid, $pos, $existing, $fields) = (
                            &mut writer,
                            &path,
                            key.as_str(),
                            parent_id,
                            position,
                            existing,
                            fields,
                        );
                        $write.await?
                    }
                    None => None,
                };
                Ok((saved, writer.errors, writer.changes))
            }
        }

        #[Object]
        impl $mutation {
            async fn $create(&self, ctx: &Context<'_>, input: $create_input) -> Result<$payload> {
                settle($what, async move {
                    let Some(parent_id) = decode_as(&input.$parent_field, NodeType::$parent_type)
                    else {
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![not_found(stringify!($parent_field), $parent_noun)],
                        });
                    };
                    let (_turn, txn) = begin(ctx).await?;
                    if crate::graphql::reach(ctx)
                        .filter($parent_module::Entity::find_by_id(parent_id))
                        .count(&txn)
                        .await?
                        == 0
                    {
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![not_found(stringify!($parent_field), $parent_noun)],
                        });
                    }
                    let (saved, errors, changes) = Self::write(
                        &txn,
                        crate::graphql::reach(ctx),
                        parent_id,
                        input.fields.external_id.clone(),
                        None,
                        &input.fields,
                    )
                    .await?;
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        created: saved.is_some(),
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

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
                    let Some(existing) = crate::graphql::reach(ctx)
                        .filter($module::Entity::find_by_id(id))
                        .one(&txn)
                        .await?
                    else {
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
                    let parent_id = existing.$parent_field;
                    let mut fields = input_of(&txn, existing.clone()).await?;
                    let refused = input.fields.apply(&mut fields, &Path::root("input"), false);
                    if !refused.is_empty() {
                        return Ok(<$payload as super::Refused>::refused(refused));
                    }
                    let (saved, errors, changes) = Self::write(
                        &txn,
                        crate::graphql::reach(ctx),
                        parent_id,
                        fields.external_id.clone(),
                        Some(existing),
                        &fields,
                    )
                    .await?;
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        created: false,
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

            /// Creates or updates the child with this externalId (required) under the parent named by its externalId.
            async fn $upsert(&self, ctx: &Context<'_>, input: $upsert_input) -> Result<$payload> {
                settle($what, async move {
                    let (_turn, txn) = begin(ctx).await?;
                    let parent = crate::graphql::reach(ctx)
                        .filter($parent_module::Entity::find())
                        .filter($parent_module::Column::ExternalId.eq(input.$parent_key.as_str()))
                        .one(&txn)
                        .await?;
                    let Some(parent) = parent else {
                        let error = UserError::new(
                            &Path::root("input").key(stringify!($parent_key)),
                            crate::domain::UserErrorCode::NotFound,
                            format!(
                                "no {} has the externalId \"{}\"",
                                $parent_noun, input.$parent_key
                            ),
                        );
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![error],
                        });
                    };
                    let Some(key) = input.fields.external_id().map(str::to_owned) else {
                        let error = UserError::new(
                            &Path::root("input").key("externalId"),
                            crate::domain::UserErrorCode::Required,
                            "an externalId is required to upsert",
                        );
                        return Ok($payload {
                            created: false,
                            $field: None,
                            user_errors: vec![error],
                        });
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
                    let refused = input
                        .fields
                        .apply(&mut fields, &Path::root("input"), created);
                    if !refused.is_empty() {
                        return Ok(<$payload as super::Refused>::refused(refused));
                    }
                    let (saved, errors, changes) = Self::write(
                        &txn,
                        crate::graphql::reach(ctx),
                        parent.id,
                        Some(key),
                        existing,
                        &fields,
                    )
                    .await?;
                    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
                    Ok($payload {
                        created: created && saved.is_some(),
                        $field: saved.map($gql),
                        user_errors,
                    })
                })
                .await
            }

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

keyed_child!(ProcessorEngagementMutation, processor_engagement, ProcessorEngagement, "processor engagement", ProcessorEngagement, ProcessorEngagementInput, ProcessorEngagementPatch,
    kind: Engagement, parent: register, Register, register_id, register, "register", RegisterId,
    write: |w, path, key, parent_id, position, existing, fields| async {
        Ok::<_, sea_orm::DbErr>(w.engagement(path, key, parent_id, position, existing, fields, false).await?.map(|(m, _)| m))
    },
    payload: ProcessorEngagementPayload { processor_engagement }, create_input: CreateProcessorEngagementInput,
    update_input: UpdateProcessorEngagementInput, upsert_input: UpsertProcessorEngagementInput,
    create_processor_engagement, update_processor_engagement, upsert_processor_engagement, delete_processor_engagement);

keyed_child!(TransferMutation, transfer, Transfer, "transfer", Transfer, TransferInput, TransferPatch,
    kind: Transfer, parent: register, Register, register_id, register, "register", RegisterId,
    write: |w, path, key, parent_id, position, existing, fields| async {
        Ok::<_, sea_orm::DbErr>(w.transfer(path, key, parent_id, position, existing, fields).await?.map(|(m, _)| m))
    },
    payload: TransferPayload { transfer }, create_input: CreateTransferInput,
    update_input: UpdateTransferInput, upsert_input: UpsertTransferInput,
    create_transfer, update_transfer, upsert_transfer, delete_transfer);

keyed_child!(ContactMutation, contact, Contact, "contact", Contact, ContactInput, ContactPatch,
    kind: Contact, parent: organization, Organization, organization_id, organization, "organization", OrganizationId,
    write: |w, path, key, parent_id, position, existing, fields| async {
        Ok::<_, sea_orm::DbErr>(w.contact(path, key, parent_id, position, existing, fields).await?.map(|(m, _)| m))
    },
    payload: ContactPayload { contact }, create_input: CreateContactInput,
    update_input: UpdateContactInput, upsert_input: UpsertContactInput,
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
