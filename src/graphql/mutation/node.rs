//! The one path every create, update, upsert and delete takes. What differs
//! between kinds of node — which writer call saves it, what it hangs under,
//! whether it has an externalId — is said once per kind by `Writable`; the
//! order of the steps (reach, version, patch, key, save, audit, commit) is
//! said once, here.

use std::future::Future;

use async_graphql::{Context, ID, Result};
use entity::{organization, register};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, PaginatorTrait, PrimaryKeyTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::{
    DeleteInput, DeletePayload, Failed, Refused, begin, conflict, finish, lock_key, not_found,
    patch::Patch, settle,
};
use crate::{
    domain::{
        Path, UserError, UserErrorCode,
        audit::Change,
        reach::Scoped,
        store::{Stamped, claim, generated_external_id},
    },
    graphql::id::{NodeType, decode_as, encode},
    inventory::{
        Writer,
        keys::Kind,
        stored::{AsInput, input_of},
    },
};

/// What a node hangs under: nothing (a top-level node), a register (its
/// parts, engagements and transfers) or an organization (its contacts).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Under {
    Nothing,
    Register,
    Organization,
}

impl Under {
    /// The input field that names the parent by id, and by externalId.
    fn fields(self) -> (&'static str, &'static str, NodeType, &'static str) {
        match self {
            Under::Nothing => ("", "", NodeType::Register, ""),
            Under::Register => ("registerId", "register", NodeType::Register, "register"),
            Under::Organization => (
                "organizationId",
                "organization",
                NodeType::Organization,
                "organization",
            ),
        }
    }

    async fn reaches(
        self,
        ctx: &Context<'_>,
        txn: &DatabaseTransaction,
        id: i64,
    ) -> Result<bool, DbErr> {
        let reach = crate::graphql::reach(ctx);
        Ok(match self {
            Under::Nothing => true,
            Under::Register => {
                reach
                    .filter(register::Entity::find_by_id(id))
                    .count(txn)
                    .await?
                    > 0
            }
            Under::Organization => {
                reach
                    .filter(organization::Entity::find_by_id(id))
                    .count(txn)
                    .await?
                    > 0
            }
        })
    }

    /// Records a change of the parent: its version goes up by one. The row
    /// lock this takes also serialises writers of the parent's lists, so
    /// two new parts never take the same place.
    async fn touch(self, txn: &DatabaseTransaction, id: i64) -> Result<(), DbErr> {
        use sea_orm::sea_query::{Expr, ExprTrait};
        let now = chrono::Utc::now();
        match self {
            Under::Nothing => {}
            Under::Register => {
                register::Entity::update_many()
                    .col_expr(
                        register::Column::Version,
                        Expr::col(register::Column::Version).add(1),
                    )
                    .col_expr(register::Column::UpdatedAt, Expr::value(now))
                    .filter(register::Column::Id.eq(id))
                    .exec(txn)
                    .await?;
            }
            Under::Organization => {
                organization::Entity::update_many()
                    .col_expr(
                        organization::Column::Version,
                        Expr::col(organization::Column::Version).add(1),
                    )
                    .col_expr(organization::Column::UpdatedAt, Expr::value(now))
                    .filter(organization::Column::Id.eq(id))
                    .exec(txn)
                    .await?;
            }
        }
        Ok(())
    }

    /// Locks the parent's row before a part or child of it (PostgreSQL;
    /// SQLite has one writer at a time): every writer then locks parent
    /// before child, as a write of the parent's lists does, and two never
    /// wait on each other in a cycle.
    async fn lock(self, txn: &DatabaseTransaction, id: i64) -> Result<(), DbErr> {
        use sea_orm::ConnectionTrait;
        if txn.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        match self {
            Under::Nothing => {}
            Under::Register => {
                register::Entity::find_by_id(id)
                    .lock_exclusive()
                    .one(txn)
                    .await?;
            }
            Under::Organization => {
                organization::Entity::find_by_id(id)
                    .lock_exclusive()
                    .one(txn)
                    .await?;
            }
        }
        Ok(())
    }

    async fn by_key(
        self,
        ctx: &Context<'_>,
        txn: &DatabaseTransaction,
        key: &str,
    ) -> Result<Option<i64>, DbErr> {
        let reach = crate::graphql::reach(ctx);
        Ok(match self {
            Under::Nothing => Some(0),
            Under::Register => reach
                .filter(register::Entity::find())
                .filter(register::Column::ExternalId.eq(key))
                .one(txn)
                .await?
                .map(|r| r.id),
            Under::Organization => reach
                .filter(organization::Entity::find())
                .filter(organization::Column::ExternalId.eq(key))
                .one(txn)
                .await?
                .map(|o| o.id),
        })
    }
}

/// Where the node goes: its key (keyed kinds), its parent's id and its
/// position in the parent's list (parts and children; 0 otherwise).
pub(crate) struct Slot<'a> {
    pub key: &'a str,
    pub parent: i64,
    pub position: i32,
}

/// A mutation payload: the node, whether this call created it, and errors.
pub(crate) trait Answer<M>: Refused {
    /// The payload of a write that committed `node`, read from `graph`
    /// (the snapshot the request caught up to after the commit).
    fn answer(
        graph: &crate::graph::Graph,
        created: bool,
        node: Option<M>,
        errors: Vec<UserError>,
    ) -> Self;
}

/// A GraphQL node type as a write's payload shows it.
pub(crate) trait Written<M>: Sized {
    fn written(graph: &crate::graph::Graph, model: M) -> Option<Self>;
}

/// Rows that are nodes by themselves are shown as written.
macro_rules! written_as_row {
    ($($gql:ident($module:ident)),* $(,)?) => {
        $(
            impl Written<entity::$module::Model> for crate::graphql::types::$gql {
                fn written(_: &crate::graph::Graph, model: entity::$module::Model) -> Option<Self> {
                    Some(Self(std::sync::Arc::new(model)))
                }
            }
        )*
    };
}

written_as_row!(
    Contact(contact),
    DataCategory(data_category),
    DataSubjectCategory(data_subject_category),
    System(system),
    Purpose(purpose),
    DataSource(data_source),
    Recipient(recipient),
    RetentionRule(retention_rule),
    SecurityMeasure(security_measure),
    Transfer(transfer),
    ProcessorEngagement(processor_engagement),
);

/// A register or an organization is shown with what it holds, as the
/// snapshot has it.
impl Written<entity::register::Model> for crate::graphql::types::Register {
    fn written(graph: &crate::graph::Graph, model: entity::register::Model) -> Option<Self> {
        graph.register(model.id).cloned().map(Self)
    }
}

impl Written<entity::organization::Model> for crate::graphql::types::Organization {
    fn written(graph: &crate::graph::Graph, model: entity::organization::Model) -> Option<Self> {
        graph.organization(model.id).cloned().map(Self)
    }
}

/// One kind of node as the write path sees it.
pub(crate) trait Writable: 'static {
    type Entity: EntityTrait<Model = Self::Model, PrimaryKey: PrimaryKeyTrait<ValueType = i64>>
        + Scoped;
    type Model: Stamped
        + AsInput<Input = Self::Input>
        + serde::Serialize
        + Clone
        + Send
        + Sync
        + 'static;
    type Input: Send + Sync;
    type Patch: Patch<Input = Self::Input> + Send;
    type Payload: Answer<Self::Model> + Send;
    const NODE: NodeType;
    const WHAT: &'static str;
    /// The kind of its externalId; `None` for parts, which have none.
    const KEY: Option<Kind>;
    const UNDER: Under;

    /// The externalId an input gives.
    fn input_key(input: &Self::Input) -> Option<&str>;
    /// The stored externalId, parent and position of a node.
    fn slot_of(model: &Self::Model) -> (Option<&str>, i64, i32);
    /// The row with this externalId (keyed kinds).
    fn with_key(key: &str) -> sea_orm::Select<Self::Entity>;
    /// The position after the last of the parent's list.
    fn next_position(
        txn: &DatabaseTransaction,
        parent: i64,
    ) -> impl Future<Output = Result<i32, DbErr>> + Send;
    /// Validates and saves the node through the writer.
    fn save(
        writer: &mut Writer<'_, DatabaseTransaction>,
        path: &Path,
        slot: Slot<'_>,
        existing: Option<Self::Model>,
        input: &Self::Input,
    ) -> impl Future<Output = Result<Option<Self::Model>, DbErr>> + Send;
}

fn refused<W: Writable>(errors: Vec<UserError>) -> W::Payload {
    W::Payload::refused(errors)
}

/// For a child's key, what the writer of a top-level node checks itself:
/// no other node of the kind has it.
async fn child_key_free<W: Writable>(
    writer: &mut Writer<'_, DatabaseTransaction>,
    path: &Path,
    key: &str,
    existing: Option<&W::Model>,
) -> Result<bool, DbErr> {
    let (Some(kind), true) = (W::KEY, W::UNDER != Under::Nothing) else {
        return Ok(true);
    };
    if existing.and_then(|e| W::slot_of(e).0) == Some(key) {
        return Ok(true);
    }
    writer
        .unique_key(
            &path.key("externalId"),
            kind,
            key,
            existing.map(Stamped::id),
        )
        .await
}

/// Saves, then commits with the audit trail or rolls back on user errors.
async fn save_and_finish<W: Writable>(
    ctx: &Context<'_>,
    txn: DatabaseTransaction,
    slot: (Option<String>, i64, i32),
    existing: Option<W::Model>,
    input: &W::Input,
    created: bool,
    parent_touched: bool,
) -> std::result::Result<W::Payload, Failed> {
    let path = Path::root("input");
    let mut writer = Writer::new(&txn).reaching(crate::graphql::reach(ctx));
    let key = match (W::KEY, slot.0) {
        (None, _) => Some(String::new()),
        (Some(_), None) => Some(generated_external_id()),
        (Some(_), given) => writer.key(&path.key("externalId"), &given),
    };
    let saved = match key {
        Some(key) if child_key_free::<W>(&mut writer, &path, &key, existing.as_ref()).await? => {
            let slot = Slot {
                key: &key,
                parent: slot.1,
                position: slot.2,
            };
            W::save(&mut writer, &path, slot, existing, input).await?
        }
        _ => None,
    };
    let (errors, changes) = (writer.errors, writer.changes);
    // A part or child that changed is a change of its register or
    // organization (what the parent's version counts).
    if !parent_touched && errors.is_empty() && !changes.is_empty() {
        W::UNDER.touch(&txn, slot.1).await?;
    }
    let (saved, user_errors) = finish(txn, ctx, errors, changes, saved).await?;
    let graph = crate::graphql::read(ctx).graph.clone();
    Ok(W::Payload::answer(
        &graph,
        created && saved.is_some(),
        saved,
        user_errors,
    ))
}

/// `create*`: a new node, under the parent `parent` names (parts and children).
pub(crate) async fn create<W: Writable>(
    ctx: &Context<'_>,
    parent: Option<&ID>,
    input: W::Input,
) -> Result<W::Payload> {
    settle(W::WHAT, async move {
        let (field, _, parent_type, noun) = W::UNDER.fields();
        let parent = match parent {
            Some(id) => match decode_as(id, parent_type) {
                Some(id) => id,
                None => return Ok(refused::<W>(vec![not_found(field, noun)])),
            },
            None => 0,
        };
        let (_turn, txn) = begin(ctx).await?;
        if !W::UNDER.reaches(ctx, &txn, parent).await? {
            return Ok(refused::<W>(vec![not_found(field, noun)]));
        }
        let position = match W::UNDER {
            Under::Nothing => 0,
            under => {
                under.touch(&txn, parent).await?;
                W::next_position(&txn, parent).await?
            }
        };
        let key = W::input_key(&input).map(str::to_owned);
        save_and_finish::<W>(ctx, txn, (key, parent, position), None, &input, true, true).await
    })
    .await
}

/// `update*`: the node `id` at the version read, with the patch laid over it.
pub(crate) async fn update<W: Writable>(
    ctx: &Context<'_>,
    id: &ID,
    version: i32,
    patch: W::Patch,
) -> Result<W::Payload> {
    settle(W::WHAT, async move {
        let Some(id) = decode_as(id, W::NODE) else {
            return Ok(refused::<W>(vec![not_found("id", W::WHAT)]));
        };
        let (_turn, txn) = begin(ctx).await?;
        let existing = crate::graphql::reach(ctx)
            .filter(W::Entity::find_by_id(id))
            .one(&txn)
            .await?;
        let Some(existing) = existing else {
            return Ok(refused::<W>(vec![not_found("id", W::WHAT)]));
        };
        if existing.version() != version {
            return Ok(refused::<W>(vec![conflict(
                W::WHAT,
                version,
                existing.version(),
            )]));
        }
        // Hold the node at the version read until commit: a change to what
        // it owns (contacts, parts) must not race another writer either.
        W::UNDER.lock(&txn, W::slot_of(&existing).1).await?;
        claim::<W::Model, _>(&txn, id, version).await?;
        let mut fields = input_of(&txn, existing.clone()).await?;
        let errors = patch.apply(&mut fields, &Path::root("input"), false);
        if !errors.is_empty() {
            return Ok(refused::<W>(errors));
        }
        let (_, parent, position) = W::slot_of(&existing);
        let key = W::input_key(&fields).map(str::to_owned);
        save_and_finish::<W>(
            ctx,
            txn,
            (key, parent, position),
            Some(existing),
            &fields,
            false,
            false,
        )
        .await
    })
    .await
}

/// `upsert*`: the node with the patch's externalId, under the parent
/// `parent_key` names (children), created when there is none.
pub(crate) async fn upsert<W: Writable>(
    ctx: &Context<'_>,
    parent_key: Option<&str>,
    patch: W::Patch,
) -> Result<W::Payload>
where
    W::Input: Default,
{
    settle(W::WHAT, async move {
        let path = Path::root("input");
        let (_turn, txn) = begin(ctx).await?;
        let (_, field, _, noun) = W::UNDER.fields();
        let parent = match parent_key {
            Some(key) => match W::UNDER.by_key(ctx, &txn, key).await? {
                Some(id) => id,
                None => {
                    let error = UserError::new(
                        &path.key(field),
                        UserErrorCode::NotFound,
                        format!("no {noun} has the externalId \"{key}\""),
                    );
                    return Ok(refused::<W>(vec![error]));
                }
            },
            None => 0,
        };
        let Some(key) = patch.external_id().map(str::to_owned) else {
            let error = UserError::new(
                &path.key("externalId"),
                UserErrorCode::Required,
                "an externalId is required to upsert",
            );
            return Ok(refused::<W>(vec![error]));
        };
        if let Err(message) = crate::domain::value::parse_external_id(&key) {
            let error = UserError::new(&path.key("externalId"), UserErrorCode::Invalid, message);
            return Ok(refused::<W>(vec![error]));
        }
        lock_key(&txn, W::WHAT, &key).await?;
        let existing = crate::graphql::reach(ctx)
            .filter(W::with_key(&key))
            .one(&txn)
            .await?;
        let created = existing.is_none();
        let mut fields = match &existing {
            Some(stored) => input_of(&txn, stored.clone()).await?,
            None => W::Input::default(),
        };
        let errors = patch.apply(&mut fields, &path, created);
        if !errors.is_empty() {
            return Ok(refused::<W>(errors));
        }
        let position = match (&existing, W::UNDER) {
            (Some(stored), under) => {
                under.lock(&txn, parent).await?;
                W::slot_of(stored).2
            }
            (None, Under::Nothing) => 0,
            (None, under) => {
                under.touch(&txn, parent).await?;
                W::next_position(&txn, parent).await?
            }
        };
        let touched = created && W::UNDER != Under::Nothing;
        save_and_finish::<W>(
            ctx,
            txn,
            (Some(key), parent, position),
            existing,
            &fields,
            created,
            touched,
        )
        .await
    })
    .await
}

/// `delete*`: removes the node, conditional on the version read in the
/// transaction (and on the caller's, when given), so it never removes a row
/// another writer changed meanwhile. A blocking reference is REFERENCED.
pub(crate) async fn delete<W: Writable>(
    ctx: &Context<'_>,
    input: DeleteInput,
) -> Result<DeletePayload> {
    settle(W::WHAT, async move {
        let Some(id) = decode_as(&input.id, W::NODE) else {
            return Ok(DeletePayload::refused(vec![not_found("id", W::WHAT)]));
        };
        let (_turn, txn) = begin(ctx).await?;
        let existing = crate::graphql::reach(ctx)
            .filter(W::Entity::find_by_id(id))
            .one(&txn)
            .await?;
        let Some(existing) = existing else {
            return Ok(DeletePayload::refused(vec![not_found("id", W::WHAT)]));
        };
        if let Some(version) = input.version.filter(|v| *v != existing.version()) {
            return Ok(DeletePayload::refused(vec![conflict(
                W::WHAT,
                version,
                existing.version(),
            )]));
        }
        W::UNDER.lock(&txn, W::slot_of(&existing).1).await?;
        let change = Change::new(W::NODE, id, Some(&existing), None);
        let deleted = W::Entity::delete_many()
            .filter(W::Model::at_version(id, existing.version()))
            .exec(&txn)
            .await;
        match deleted {
            Ok(result) if result.rows_affected == 0 => Err(Failed::Db(DbErr::RecordNotUpdated)),
            Ok(_) => {
                W::UNDER.touch(&txn, W::slot_of(&existing).1).await?;
                crate::domain::audit::record(&txn, &super::actor(ctx), &[change]).await?;
                txn.commit().await?;
                crate::graphql::caught_up(ctx).await?;
                Ok(DeletePayload {
                    deleted_id: Some(encode(W::NODE, id)),
                    user_errors: Vec::new(),
                })
            }
            Err(error) => {
                let user_error = super::delete_error(error, W::WHAT)?;
                txn.rollback().await?;
                Ok(DeletePayload::refused(vec![user_error]))
            }
        }
    })
    .await
}

/// The position after the last row of `parent`'s list in `column`.
pub(crate) async fn next_position<E>(
    txn: &DatabaseTransaction,
    parent_column: E::Column,
    position_column: E::Column,
    parent: i64,
) -> Result<i32, DbErr>
where
    E: EntityTrait,
{
    let last: Option<i32> = E::find()
        .filter(parent_column.eq(parent))
        .select_only()
        .column(position_column)
        .order_by_desc(position_column)
        .into_tuple()
        .one(txn)
        .await?;
    Ok(last.map_or(0, |p| p + 1))
}

/// Declares a kind of node for the write path: its entity and shapes, and
/// the writer call that saves it.
macro_rules! writable {
    (
        $kind:ident: $module:ident, $node:ident, $what:literal,
        input $input:ty, patch $patch:ty, payload $payload:ty,
        key $key:expr, under $under:ident,
        input_key |$i:ident| $input_key:expr,
        slot |$m:ident| $slot:expr,
        with_key |$k:ident| $with_key:expr,
        next |$t:ident, $p:ident| $next:expr,
        save |$w:ident, $path:ident, $s:ident, $e:ident, $in:ident| $save:expr $(,)?
    ) => {
        pub(crate) struct $kind;

        impl $crate::graphql::mutation::node::Writable for $kind {
            type Entity = entity::$module::Entity;
            type Model = entity::$module::Model;
            type Input = $input;
            type Patch = $patch;
            type Payload = $payload;
            const NODE: $crate::graphql::id::NodeType = $crate::graphql::id::NodeType::$node;
            const WHAT: &'static str = $what;
            const KEY: Option<$crate::inventory::keys::Kind> = $key;
            const UNDER: $crate::graphql::mutation::node::Under =
                $crate::graphql::mutation::node::Under::$under;

            #[allow(unused_variables)]
            fn input_key($i: &$input) -> Option<&str> {
                $input_key
            }

            fn slot_of($m: &entity::$module::Model) -> (Option<&str>, i64, i32) {
                $slot
            }

            #[allow(unused_variables)]
            fn with_key($k: &str) -> sea_orm::Select<entity::$module::Entity> {
                $with_key
            }

            #[allow(unused_variables)]
            fn next_position(
                $t: &sea_orm::DatabaseTransaction,
                $p: i64,
            ) -> impl std::future::Future<Output = Result<i32, sea_orm::DbErr>> + Send {
                $next
            }

            fn save(
                $w: &mut $crate::inventory::Writer<'_, sea_orm::DatabaseTransaction>,
                $path: &$crate::domain::Path,
                $s: $crate::graphql::mutation::node::Slot<'_>,
                $e: Option<entity::$module::Model>,
                $in: &$input,
            ) -> impl std::future::Future<
                Output = Result<Option<entity::$module::Model>, sea_orm::DbErr>,
            > + Send {
                $save
            }
        }
    };
}

/// Declares a payload: the node under its field name, `created` where the
/// kind has an upsert, and the user errors.
macro_rules! payload {
    ($payload:ident { $field:ident: $gql:ident($module:ident) } $(, $created:ident)?) => {
        #[derive(async_graphql::SimpleObject)]
        pub struct $payload {
            $(
                /// True when this call created the node, false when it already existed.
                pub $created: bool,
            )?
            pub $field: Option<$gql>,
            pub user_errors: Vec<$crate::domain::UserError>,
        }

        impl $crate::graphql::mutation::Refused for $payload {
            fn refused(user_errors: Vec<$crate::domain::UserError>) -> Self {
                Self {
                    $($created: false,)?
                    $field: None,
                    user_errors,
                }
            }
        }

        impl $crate::graphql::mutation::node::Answer<entity::$module::Model> for $payload {
            #[allow(unused_variables)]
            fn answer(
                graph: &$crate::graph::Graph,
                created: bool,
                node: Option<entity::$module::Model>,
                user_errors: Vec<$crate::domain::UserError>,
            ) -> Self {
                use $crate::graphql::mutation::node::Written;
                Self {
                    $($created: created,)?
                    $field: node.and_then(|m| $gql::written(graph, m)),
                    user_errors,
                }
            }
        }
    };
}

pub(crate) use {payload, writable};
