//! Relay cursor connections over keyset pagination: the cursor is the row id,
//! pages are `id > after` / `id < before` ordered by id, so a page costs one
//! indexed query however deep it is. `first` and `last` are clamped to 1–100
//! (GitHub's rule). `totalCount` is counted only when a client asks for it.

use std::sync::Arc;

use async_graphql::{
    Error, ErrorExtensions, Object, OutputType, Result,
    connection::{Connection, CursorType, Edge, EmptyFields},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use futures_util::future::BoxFuture;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

pub const MAX_PAGE: usize = 100;

/// A row id inside an opaque cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdCursor(pub i64);

impl CursorType for IdCursor {
    type Error = String;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let invalid = || format!("\"{s}\" is not a cursor this API issued");
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let id = text
            .strip_prefix("cursor:")
            .and_then(|n| n.parse().ok())
            .ok_or_else(invalid)?;
        Ok(IdCursor(id))
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("cursor:{}", self.0))
    }
}

type Counter = Arc<dyn Fn() -> BoxFuture<'static, Result<u64, DbErr>> + Send + Sync>;

/// The `totalCount` of a connection: known already, or counted on demand.
#[derive(Clone)]
pub enum TotalCount {
    Known(usize),
    Query(Counter),
}

#[Object]
impl TotalCount {
    /// How many nodes match, over all pages.
    async fn total_count(&self) -> Result<i64> {
        match self {
            TotalCount::Known(n) => Ok(*n as i64),
            TotalCount::Query(count) => Ok(count().await.map_err(crate::graphql::internal)? as i64),
        }
    }
}

pub type Conn<N> = Connection<IdCursor, N, TotalCount, EmptyFields>;

/// Pagination arguments as a client gave them.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    pub after: Option<String>,
    pub before: Option<String>,
    pub first: Option<i32>,
    pub last: Option<i32>,
}

impl PageArgs {
    pub fn new(
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Self {
        Self {
            after,
            before,
            first,
            last,
        }
    }
}

struct Window {
    after: Option<i64>,
    before: Option<i64>,
    first: Option<usize>,
    last: Option<usize>,
}

fn clamp(n: i32) -> usize {
    n.clamp(1, MAX_PAGE as i32) as usize
}

fn bad_cursor(message: String) -> Error {
    Error::new(message).extend_with(|_, e| e.set("code", "BAD_USER_INPUT"))
}

fn window(args: &PageArgs) -> Result<Window> {
    let after = args
        .after
        .as_deref()
        .map(IdCursor::decode_cursor)
        .transpose()
        .map_err(bad_cursor)?;
    let before = args
        .before
        .as_deref()
        .map(IdCursor::decode_cursor)
        .transpose()
        .map_err(bad_cursor)?;
    let first = args.first.map(clamp);
    let last = args.last.map(clamp);
    // Neither given: the first page of the largest size.
    let first = if first.is_none() && last.is_none() {
        Some(MAX_PAGE)
    } else {
        first
    };
    Ok(Window {
        after: after.map(|c| c.0),
        before: before.map(|c| c.0),
        first,
        last,
    })
}

/// One page of `select`, whose rows are identified by `id_column`.
pub async fn paginate<E, N>(
    db: &DatabaseConnection,
    select: Select<E>,
    id_column: E::Column,
    id_of: fn(&E::Model) -> i64,
    to_node: fn(E::Model) -> N,
    args: &PageArgs,
) -> Result<Conn<N>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    N: OutputType,
{
    let w = window(args)?;
    let count_query = select.clone();
    let count_db = db.clone();
    let counter: Counter = Arc::new(move || {
        let query = count_query.clone();
        let db = count_db.clone();
        Box::pin(async move { query.count(&db).await })
    });
    let mut query = select;
    if let Some(after) = w.after {
        query = query.filter(id_column.gt(after));
    }
    if let Some(before) = w.before {
        query = query.filter(id_column.lt(before));
    }
    let (rows, has_previous, has_next) = match (w.first, w.last) {
        (Some(first), last) => {
            let mut rows = query
                .order_by_asc(id_column)
                .limit((first + 1) as u64)
                .all(db)
                .await
                .map_err(crate::graphql::internal)?;
            let has_next = rows.len() > first;
            rows.truncate(first);
            let mut has_previous = w.after.is_some();
            if let Some(last) = last.filter(|l| *l < rows.len()) {
                rows.drain(..rows.len() - last);
                has_previous = true;
            }
            (rows, has_previous, has_next)
        }
        (None, Some(last)) => {
            let mut rows = query
                .order_by_desc(id_column)
                .limit((last + 1) as u64)
                .all(db)
                .await
                .map_err(crate::graphql::internal)?;
            let has_previous = rows.len() > last;
            rows.truncate(last);
            rows.reverse();
            (rows, has_previous, w.before.is_some())
        }
        (None, None) => (Vec::new(), false, false),
    };
    let mut connection =
        Connection::with_additional_fields(has_previous, has_next, TotalCount::Query(counter));
    connection.edges.extend(
        rows.into_iter()
            .map(|row| Edge::new(IdCursor(id_of(&row)), to_node(row))),
    );
    Ok(connection)
}

/// The page size when a client asks for the first page only (no cursor, no
/// `last`): such a page can be loaded with a per-parent limit.
pub fn first_only(args: &PageArgs) -> Result<Option<usize>> {
    let w = window(args)?;
    Ok(match (w.after, w.before, w.last) {
        (None, None, None) => w.first,
        _ => None,
    })
}

/// A first page from at most `first + 1` rows in id order; `total` is the
/// relation's size (read only when the client asks for `totalCount`).
pub fn first_page<M, N>(
    mut rows: Vec<M>,
    first: usize,
    total: usize,
    id_of: fn(&M) -> i64,
    to_node: fn(M) -> N,
) -> Conn<N>
where
    N: OutputType,
{
    rows.sort_by_key(id_of);
    let has_next = rows.len() > first;
    rows.truncate(first);
    let mut connection =
        Connection::with_additional_fields(false, has_next, TotalCount::Known(total));
    connection.edges.extend(
        rows.into_iter()
            .map(|row| Edge::new(IdCursor(id_of(&row)), to_node(row))),
    );
    connection
}

/// A page over rows already in memory (a batched relation), in id order.
pub fn paginate_loaded<M, N>(
    rows: Vec<M>,
    id_of: fn(&M) -> i64,
    to_node: fn(M) -> N,
    args: &PageArgs,
) -> Result<Conn<N>>
where
    N: OutputType,
{
    let w = window(args)?;
    let total = rows.len();
    let mut rows: Vec<M> = rows
        .into_iter()
        .filter(|r| w.after.is_none_or(|a| id_of(r) > a) && w.before.is_none_or(|b| id_of(r) < b))
        .collect();
    rows.sort_by_key(id_of);
    let (mut has_previous, mut has_next) = (w.after.is_some(), w.before.is_some());
    if let Some(first) = w.first {
        has_next = rows.len() > first;
        rows.truncate(first);
    }
    if let Some(last) = w.last
        && rows.len() > last
    {
        rows.drain(..rows.len() - last);
        has_previous = true;
    }
    let mut connection =
        Connection::with_additional_fields(has_previous, has_next, TotalCount::Known(total));
    connection.edges.extend(
        rows.into_iter()
            .map(|row| Edge::new(IdCursor(id_of(&row)), to_node(row))),
    );
    Ok(connection)
}

impl std::fmt::Debug for TotalCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TotalCount::Known(n) => write!(f, "Known({n})"),
            TotalCount::Query(_) => f.write_str("Query"),
        }
    }
}

// `ColumnTrait` is needed for `gt`/`lt` on the generic column.
#[allow(unused_imports)]
use ColumnTrait as _;
