//! Reading the graph from the database: the whole of it at start-up, or the
//! nodes a write touched when catching up. One statement per table either
//! way, inside one read transaction, so what is read is one consistent state
//! of the database at one generation.

use std::collections::HashMap;

use entity::{
    contact, data_category, data_source, data_subject_category, notice_version, organization,
    processor_engagement, purpose, recipient, register, register_data_category,
    register_data_subject_category, register_joint_controller, register_system, retention_rule,
    security_measure, system, transfer,
};
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, IsolationLevel, QueryFilter, QueryOrder,
    TransactionTrait,
};

use super::{OrganizationNode, RegisterNode};

pub type LoadError = DbErr;

/// Which nodes of a kind to read: all, or those with these ids.
#[derive(Clone, Copy, Debug)]
pub enum Which<'a> {
    All,
    Ids(&'a [i64]),
}

/// A read-only transaction that sees one state of the database throughout:
/// REPEATABLE READ on PostgreSQL; on SQLite (WAL) every transaction does.
pub async fn begin_read(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await
        }
        _ => db.begin().await,
    }
}

/// Rows of `$module` narrowed to `which` by `$column`.
macro_rules! rows {
    ($db:expr, $module:ident, $column:ident, $which:expr) => {{
        let query = $module::Entity::find();
        let query = match $which {
            Which::All => query,
            Which::Ids(ids) => query.filter($module::Column::$column.is_in(ids.iter().copied())),
        };
        query
    }};
}

/// A register-owned table's rows for `which` registers, in recorded order,
/// grouped by register.
macro_rules! parts {
    ($db:expr, $module:ident, $which:expr) => {{
        let rows = rows!($db, $module, RegisterId, $which)
            .order_by_asc($module::Column::Position)
            .order_by_asc($module::Column::Id)
            .all($db)
            .await?;
        grouped(rows, |r| r.register_id)
    }};
}

fn grouped<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<std::sync::Arc<T>>> {
    let mut map: HashMap<i64, Vec<std::sync::Arc<T>>> = HashMap::new();
    for row in rows {
        map.entry(key(&row))
            .or_default()
            .push(std::sync::Arc::new(row));
    }
    map
}

fn take<T>(map: &mut HashMap<i64, Vec<T>>, id: i64) -> Vec<T> {
    map.remove(&id).unwrap_or_default()
}

/// Registers with everything they own.
pub async fn registers<C: ConnectionTrait>(
    db: &C,
    which: Which<'_>,
) -> Result<Vec<RegisterNode>, DbErr> {
    let rows = rows!(db, register, Id, which)
        .order_by_asc(register::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut joint = parts!(db, register_joint_controller, which);
    let mut subjects = parts!(db, register_data_subject_category, which);
    let mut categories = parts!(db, register_data_category, which);
    let mut systems = parts!(db, register_system, which);
    let mut purposes = parts!(db, purpose, which);
    let mut sources = parts!(db, data_source, which);
    let mut recipients = parts!(db, recipient, which);
    let mut engagements = parts!(db, processor_engagement, which);
    let mut transfers = parts!(db, transfer, which);
    let mut retention = parts!(db, retention_rule, which);
    let mut security = parts!(db, security_measure, which);
    let mut notices = grouped(
        rows!(db, notice_version, RegisterId, which)
            .order_by_asc(notice_version::Column::Id)
            .all(db)
            .await?,
        |n| n.register_id,
    );
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            RegisterNode {
                row,
                joint_controllers: take(&mut joint, id),
                subjects: take(&mut subjects, id),
                data_categories: take(&mut categories, id),
                systems: take(&mut systems, id),
                purposes: take(&mut purposes, id),
                sources: take(&mut sources, id),
                recipients: take(&mut recipients, id),
                engagements: take(&mut engagements, id),
                transfers: take(&mut transfers, id),
                retention: take(&mut retention, id),
                security: take(&mut security, id),
                notices: take(&mut notices, id),
            }
        })
        .collect())
}

/// Organizations with their contacts.
pub async fn organizations<C: ConnectionTrait>(
    db: &C,
    which: Which<'_>,
) -> Result<Vec<OrganizationNode>, DbErr> {
    let rows = rows!(db, organization, Id, which).all(db).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut contacts = grouped(
        rows!(db, contact, OrganizationId, which)
            .order_by_asc(contact::Column::Position)
            .order_by_asc(contact::Column::Id)
            .all(db)
            .await?,
        |c| c.organization_id,
    );
    Ok(rows
        .into_iter()
        .map(|organization| OrganizationNode {
            contacts: take(&mut contacts, organization.id),
            organization,
        })
        .collect())
}

pub async fn data_categories<C: ConnectionTrait>(
    db: &C,
    which: Which<'_>,
) -> Result<Vec<data_category::Model>, DbErr> {
    rows!(db, data_category, Id, which).all(db).await
}

pub async fn subject_categories<C: ConnectionTrait>(
    db: &C,
    which: Which<'_>,
) -> Result<Vec<data_subject_category::Model>, DbErr> {
    rows!(db, data_subject_category, Id, which).all(db).await
}

pub async fn systems<C: ConnectionTrait>(
    db: &C,
    which: Which<'_>,
) -> Result<Vec<system::Model>, DbErr> {
    rows!(db, system, Id, which).all(db).await
}

/// The registers owning parts that a snapshot does not know yet (created
/// since): `(part type, ids)` → register ids.
pub async fn owners_of<C: ConnectionTrait>(
    db: &C,
    node_type: crate::domain::id::NodeType,
    ids: &[i64],
) -> Result<Vec<i64>, DbErr> {
    use crate::domain::id::NodeType;
    use sea_orm::QuerySelect;
    macro_rules! owners {
        ($module:ident) => {
            $module::Entity::find()
                .select_only()
                .column($module::Column::RegisterId)
                .filter($module::Column::Id.is_in(ids.iter().copied()))
                .into_tuple::<i64>()
                .all(db)
                .await
        };
    }
    match node_type {
        NodeType::Purpose => owners!(purpose),
        NodeType::DataSource => owners!(data_source),
        NodeType::Recipient => owners!(recipient),
        NodeType::ProcessorEngagement => owners!(processor_engagement),
        NodeType::Transfer => owners!(transfer),
        NodeType::RetentionRule => owners!(retention_rule),
        NodeType::SecurityMeasure => owners!(security_measure),
        NodeType::NoticeVersion => owners!(notice_version),
        NodeType::Contact => {
            contact::Entity::find()
                .select_only()
                .column(contact::Column::OrganizationId)
                .filter(contact::Column::Id.is_in(ids.iter().copied()))
                .into_tuple::<i64>()
                .all(db)
                .await
        }
        _ => Ok(Vec::new()),
    }
}
