//! The current snapshot of a server, and keeping it current.
//!
//! Every write bumps the database's generation counter and records audit
//! events stamped with the generation it commits as (`domain::audit`). A
//! request reads the counter (one indexed read) and, when its server's
//! snapshot is older, catches up first: it reads the events after the
//! snapshot's generation, reloads just the nodes they name, and swaps the
//! new snapshot in. So a caller always reads its own writes, and a write
//! through one server is seen by the next request on every other. Readers
//! never wait for a swap and never see half of one: each request holds the
//! snapshot it started with.

use std::{
    collections::BTreeSet,
    sync::Arc,
    time::{Duration, Instant},
};

use arc_swap::ArcSwap;
use entity::audit_event;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use super::{
    Edge, Graph,
    load::{self, Which},
};
use crate::domain::id::{NodeType, decode};

/// Past this many changed nodes, reloading everything is cheaper than
/// reloading each (and keeps `IN (…)` lists within every database's limit).
const RELOAD_ALL_ABOVE: usize = 2_000;

/// A server's view of the graph: the current snapshot, swapped atomically.
pub struct Live {
    db: DatabaseConnection,
    current: ArcSwap<Graph>,
    /// One catch-up at a time; requests that arrive meanwhile wait for it
    /// and then find the snapshot current.
    catching_up: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("current", &self.current.load())
            .finish_non_exhaustive()
    }
}

/// The whole graph, as the database holds it now.
async fn load_all(db: &DatabaseConnection) -> Result<Graph, DbErr> {
    let txn = load::begin_read(db).await?;
    let generation = crate::domain::audit::generation(&txn).await?;
    let mut graph = Graph {
        generation,
        ..Graph::default()
    };
    for node in load::organizations(&txn, Which::All).await? {
        graph.put_organization(node);
    }
    for row in load::data_categories(&txn, Which::All).await? {
        graph.put_data_category(row);
    }
    for row in load::subject_categories(&txn, Which::All).await? {
        graph.put_subject_category(row);
    }
    for row in load::systems(&txn, Which::All).await? {
        graph.put_system(row);
    }
    for node in load::registers(&txn, Which::All).await? {
        graph.put_register(node);
    }
    txn.commit().await?;
    Ok(graph)
}

/// The nodes changed since a snapshot, by kind.
#[derive(Default, Debug)]
struct Changed {
    registers: BTreeSet<i64>,
    organizations: BTreeSet<i64>,
    data_categories: BTreeSet<i64>,
    subject_categories: BTreeSet<i64>,
    systems: BTreeSet<i64>,
}

impl Changed {
    fn len(&self) -> usize {
        self.registers.len()
            + self.organizations.len()
            + self.data_categories.len()
            + self.subject_categories.len()
            + self.systems.len()
    }
}

/// Sorts the changed nodes into the nodes of the snapshot that hold them: a
/// part belongs to its register, a contact to its organization. Parts the
/// snapshot does not know yet are looked up.
async fn changed<C: ConnectionTrait>(
    db: &C,
    graph: &Graph,
    events: Vec<(String, String)>,
) -> Result<Changed, DbErr> {
    let mut changed = Changed::default();
    let mut unknown: std::collections::BTreeMap<NodeType, Vec<i64>> = Default::default();
    for (_, node_id) in events {
        let Some((node_type, id)) = decode(&node_id) else {
            continue;
        };
        match node_type {
            NodeType::Register => {
                changed.registers.insert(id);
            }
            NodeType::Organization => {
                changed.organizations.insert(id);
            }
            NodeType::DataCategory => {
                changed.data_categories.insert(id);
            }
            NodeType::DataSubjectCategory => {
                changed.subject_categories.insert(id);
            }
            NodeType::System => {
                changed.systems.insert(id);
            }
            NodeType::Contact => match graph.contacts.get(&id) {
                Some(organization) => {
                    changed.organizations.insert(*organization);
                }
                None => unknown.entry(node_type).or_default().push(id),
            },
            part => match graph.owners.get(&(part, id)) {
                Some(register) => {
                    changed.registers.insert(*register);
                }
                None => unknown.entry(part).or_default().push(id),
            },
        }
    }
    for (node_type, ids) in unknown {
        let owners = load::owners_of(db, node_type, &ids).await?;
        match node_type {
            NodeType::Contact => changed.organizations.extend(owners),
            _ => changed.registers.extend(owners),
        }
    }
    // A contact that goes (alone or with its organization) is taken off the
    // registers naming it by the database itself (ON DELETE SET NULL): those
    // registers change without an event of their own.
    for organization in &changed.organizations {
        if let Some(node) = graph.organization(*organization) {
            for contact in &node.contacts {
                if let Some(registers) = graph.sources(Edge::Named, contact.id) {
                    changed.registers.extend(registers.iter().copied());
                }
            }
        }
    }
    // Likewise an engagement that goes (alone or with its register) is
    // taken off the sub-processors and transfers of other registers that
    // name it (ON DELETE SET NULL).
    let mut dependents = Vec::new();
    for register in &changed.registers {
        if let Some(node) = graph.register(*register) {
            for engagement in &node.engagements {
                if let Some(registers) = graph.sources(Edge::UnderEngagement, engagement.id) {
                    dependents.extend(registers.iter().copied());
                }
            }
        }
    }
    changed.registers.extend(dependents);
    Ok(changed)
}

/// The snapshot `graph` brought up to the database's current generation.
async fn catch_up(db: &DatabaseConnection, graph: &Graph) -> Result<Graph, DbErr> {
    let txn = load::begin_read(db).await?;
    let generation = crate::domain::audit::generation(&txn).await?;
    if generation <= graph.generation {
        txn.commit().await?;
        return Ok(graph.clone());
    }
    let events: Vec<(String, String)> = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::NodeType)
        .column(audit_event::Column::NodeId)
        .filter(audit_event::Column::Generation.gt(graph.generation))
        .into_tuple()
        .all(&txn)
        .await?;
    if events.len() > RELOAD_ALL_ABOVE {
        txn.commit().await?;
        return load_all(db).await;
    }
    let changed = changed(&txn, graph, events).await?;
    if changed.len() > RELOAD_ALL_ABOVE {
        txn.commit().await?;
        return load_all(db).await;
    }
    let mut next = graph.successor(generation);
    macro_rules! reload {
        ($ids:expr, $load:path, $id:expr, $put:ident, $remove:ident) => {{
            let ids: Vec<i64> = $ids.iter().copied().collect();
            if !ids.is_empty() {
                let mut found = BTreeSet::new();
                for node in $load(&txn, Which::Ids(&ids)).await? {
                    found.insert($id(&node));
                    next.$put(node);
                }
                for id in ids.into_iter().filter(|id| !found.contains(id)) {
                    next.$remove(id);
                }
            }
        }};
    }
    reload!(
        changed.organizations,
        load::organizations,
        |n: &super::OrganizationNode| n.organization.id,
        put_organization,
        remove_organization
    );
    reload!(
        changed.data_categories,
        load::data_categories,
        |n: &entity::data_category::Model| n.id,
        put_data_category,
        remove_data_category
    );
    reload!(
        changed.subject_categories,
        load::subject_categories,
        |n: &entity::data_subject_category::Model| n.id,
        put_subject_category,
        remove_subject_category
    );
    reload!(
        changed.systems,
        load::systems,
        |n: &entity::system::Model| n.id,
        put_system,
        remove_system
    );
    reload!(
        changed.registers,
        load::registers,
        |n: &super::RegisterNode| n.row.id,
        put_register,
        remove_register
    );
    txn.commit().await?;
    Ok(next)
}

impl Live {
    /// Loads the whole graph: what a server does before it is ready.
    pub async fn load(db: DatabaseConnection) -> Result<Self, DbErr> {
        let started = Instant::now();
        let graph = load_all(&db).await?;
        tracing::info!(
            generation = graph.generation,
            registers = graph.registers.len(),
            organizations = graph.organizations.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "graph loaded"
        );
        Ok(Self {
            db,
            current: ArcSwap::from_pointee(graph),
            catching_up: tokio::sync::Mutex::new(()),
        })
    }

    /// The database this server's snapshots come from and writes go to.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The snapshot this server holds, without asking the database.
    pub fn snapshot(&self) -> Arc<Graph> {
        self.current.load_full()
    }

    /// The current snapshot: the database's generation is read, and a
    /// snapshot older than it catches up first.
    pub async fn current(&self) -> Result<Arc<Graph>, DbErr> {
        let generation = crate::domain::audit::generation(&self.db).await?;
        self.at_least(generation).await
    }

    /// A snapshot at `generation` or later.
    pub async fn at_least(&self, generation: i64) -> Result<Arc<Graph>, DbErr> {
        let snapshot = self.current.load_full();
        if snapshot.generation >= generation {
            return Ok(snapshot);
        }
        let _turn = self.catching_up.lock().await;
        let snapshot = self.current.load_full();
        if snapshot.generation >= generation {
            return Ok(snapshot);
        }
        let started = Instant::now();
        let next = Arc::new(catch_up(&self.db, &snapshot).await?);
        let elapsed = started.elapsed();
        if elapsed > Duration::from_millis(50) {
            tracing::info!(
                from = snapshot.generation,
                to = next.generation,
                elapsed_ms = elapsed.as_millis() as u64,
                "graph caught up slowly"
            );
        }
        self.current.store(next.clone());
        Ok(next)
    }
}
