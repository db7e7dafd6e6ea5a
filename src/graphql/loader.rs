//! Batched loading of every relation (one `IN (…)` query per hop, however
//! many parents a page has). One `Loader` serves all relations; each relation
//! has its own key type, so different relations batch independently and a
//! DataLoader is created per request (nothing is cached across requests).

use std::{collections::HashMap, sync::Arc};

use crate::domain::reach::Reach;
use async_graphql::dataloader::Loader as LoaderTrait;
use entity::{
    contact, data_category, data_source, data_subject_category, organization, processor_engagement,
    purpose, recipient, register, register_data_category, register_data_subject_category,
    register_joint_controller, register_system, retention_rule, security_measure, system, transfer,
};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

pub struct Loader {
    pub db: DatabaseConnection,
    /// Every load is narrowed to what the caller reaches, so a shared node's
    /// edges show only the caller's side.
    pub reach: Reach,
}

pub type LoadError = Arc<DbErr>;

/// `Key(id)` loads the row with that id.
macro_rules! by_id {
    ($key:ident, $module:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl LoaderTrait<$key> for Loader {
            type Value = $module::Model;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let rows = self
                    .reach
                    .filter($module::Entity::find())
                    .filter($module::Column::Id.is_in(ids))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

/// `Key(parent id)` loads the rows whose `column` is that id, in `order`.
macro_rules! children {
    ($key:ident, $module:ident, $column:ident, $field:ident, $order:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl LoaderTrait<$key> for Loader {
            type Value = Vec<$module::Model>;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let rows = self
                    .reach
                    .filter($module::Entity::find())
                    .filter($module::Column::$column.is_in(ids))
                    .order_by_asc($module::Column::$order)
                    .order_by_asc($module::Column::Id)
                    .all(&self.db)
                    .await?;
                let mut out: HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for row in rows {
                    if let Some(parent) = Into::<Option<i64>>::into(row.$field) {
                        out.entry($key(parent)).or_default().push(row);
                    }
                }
                Ok(out)
            }
        }
    };
}

/// `Key(register id)` loads a link table joined with its target, in order.
macro_rules! links {
    ($key:ident, $link:ident, $target:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl LoaderTrait<$key> for Loader {
            type Value = Vec<($link::Model, $target::Model)>;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let rows = self
                    .reach
                    .filter($link::Entity::find())
                    .filter($link::Column::RegisterId.is_in(ids))
                    .order_by_asc($link::Column::Position)
                    .find_also_related($target::Entity)
                    .all(&self.db)
                    .await?;
                let mut out: HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for (link, target) in rows {
                    if let Some(target) = target {
                        out.entry($key(link.register_id))
                            .or_default()
                            .push((link, target));
                    }
                }
                Ok(out)
            }
        }
    };
}

by_id!(OrganizationById, organization);
// Organizations reached over different hops get their own keys, so each hop
// is exactly one statement whatever the timing of the others.
by_id!(ProcessorById, organization);
by_id!(RecipientOrganizationById, organization);
by_id!(TransferRecipientById, organization);
by_id!(ContactById, contact);
by_id!(RegisterById, register);
by_id!(DataCategoryById, data_category);
by_id!(EngagementById, processor_engagement);

children!(
    ContactsOf,
    contact,
    OrganizationId,
    organization_id,
    Position
);
children!(PurposesOf, purpose, RegisterId, register_id, Position);
children!(SourcesOf, data_source, RegisterId, register_id, Position);
children!(RecipientsOf, recipient, RegisterId, register_id, Position);
children!(
    EngagementsOfRegister,
    processor_engagement,
    RegisterId,
    register_id,
    Position
);
children!(
    EngagementsOfProcessor,
    processor_engagement,
    ProcessorId,
    processor_id,
    Id
);
children!(
    SubProcessorsOf,
    processor_engagement,
    ParentId,
    parent_id,
    Position
);
children!(TransfersOf, transfer, RegisterId, register_id, Position);
children!(
    RetentionRulesOf,
    retention_rule,
    RegisterId,
    register_id,
    Position
);
children!(
    SecurityMeasuresOf,
    security_measure,
    RegisterId,
    register_id,
    Position
);
children!(
    RegistersOfController,
    register,
    ControllerId,
    controller_id,
    Id
);

links!(JointControllersOf, register_joint_controller, organization);
links!(
    SubjectCategoriesOf,
    register_data_subject_category,
    data_subject_category
);
links!(DataCategoriesOf, register_data_category, data_category);
links!(SystemsOf, register_system, system);

/// `FirstEngagementsOfProcessor(processor, n)`: the processor's first `n`
/// engagements in id order, with one statement for every processor of a
/// page (a window per processor), however many engagements each has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FirstEngagementsOfProcessor(pub i64, pub usize);

impl LoaderTrait<FirstEngagementsOfProcessor> for Loader {
    type Value = Vec<processor_engagement::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[FirstEngagementsOfProcessor],
    ) -> Result<HashMap<FirstEngagementsOfProcessor, Self::Value>, Self::Error> {
        use sea_orm::{
            FromQueryResult, QuerySelect, QueryTrait,
            sea_query::{Alias, Asterisk, Expr, ExprTrait, Order, Query},
        };
        let mut out: HashMap<_, Self::Value> = keys.iter().map(|k| (*k, Vec::new())).collect();
        let mut limits: HashMap<usize, Vec<i64>> = HashMap::new();
        for key in keys {
            limits.entry(key.1).or_default().push(key.0);
        }
        for (limit, ids) in limits {
            let ranked = self
                .reach
                .filter(processor_engagement::Entity::find())
                .filter(processor_engagement::Column::ProcessorId.is_in(ids))
                .expr_as(
                    Expr::cust("ROW_NUMBER() OVER (PARTITION BY processor_id ORDER BY id)"),
                    "rank_in_processor",
                )
                .into_query();
            let page = Query::select()
                .column(Asterisk)
                .from_subquery(ranked, Alias::new("ranked"))
                .and_where(Expr::col(Alias::new("rank_in_processor")).lte(limit as i64))
                .order_by(Alias::new("id"), Order::Asc)
                .to_owned();
            let statement = self.db.get_database_backend().build(&page);
            let rows = processor_engagement::Model::find_by_statement(statement)
                .all(&self.db)
                .await?;
            for row in rows {
                out.entry(FirstEngagementsOfProcessor(row.processor_id, limit))
                    .or_default()
                    .push(row);
            }
        }
        Ok(out)
    }
}

/// `EngagementCountOfProcessor(processor)`: how many engagements it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EngagementCountOfProcessor(pub i64);

impl LoaderTrait<EngagementCountOfProcessor> for Loader {
    type Value = usize;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[EngagementCountOfProcessor],
    ) -> Result<HashMap<EngagementCountOfProcessor, Self::Value>, Self::Error> {
        use processor_engagement::Column::{Id, ProcessorId};
        use sea_orm::{QuerySelect, sea_query::ExprTrait};
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let counts: Vec<(i64, i64)> = self
            .reach
            .filter(processor_engagement::Entity::find())
            .select_only()
            .column(ProcessorId)
            .column_as(sea_orm::sea_query::Expr::col(Id).count(), "count")
            .filter(ProcessorId.is_in(ids))
            .group_by(ProcessorId)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut out: HashMap<_, usize> = keys.iter().map(|k| (*k, 0)).collect();
        for (processor, count) in counts {
            out.insert(
                EngagementCountOfProcessor(processor),
                usize::try_from(count).unwrap_or_default(),
            );
        }
        Ok(out)
    }
}

/// `SharedWithOthers(organization)`: whether registers outside the caller's
/// reach depend on it. Of such an organization a limited caller sees what
/// the public sees: not its internal note, only the contacts notices name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SharedWithOthers(pub i64);

impl LoaderTrait<SharedWithOthers> for Loader {
    type Value = bool;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[SharedWithOthers],
    ) -> Result<HashMap<SharedWithOthers, Self::Value>, Self::Error> {
        use crate::domain::reach::Shared;
        use sea_orm::QuerySelect;
        let mut out: HashMap<_, bool> = keys.iter().map(|k| (*k, false)).collect();
        let Some(controllers) = self.reach.controllers() else {
            return Ok(out);
        };
        let shared: Vec<i64> = organization::Entity::find()
            .select_only()
            .column(organization::Column::Id)
            .filter(organization::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .filter(organization::Entity::used_by_others(controllers))
            .into_tuple()
            .all(&self.db)
            .await?;
        for id in shared {
            out.insert(SharedWithOthers(id), true);
        }
        Ok(out)
    }
}
