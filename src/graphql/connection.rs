//! Relay cursor connections over the snapshot: the cursor is the node id,
//! pages are `id > after` / `id < before` in id order. `first` and `last` are clamped to 1–100
//! (GitHub's rule). `totalCount` is counted only when a client asks for it.

use async_graphql::{
    Context, Error, ErrorExtensions, Object, OutputType, Result,
    connection::{Connection, CursorType, Edge, EmptyFields},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

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

/// The `totalCount` of a connection, counted when the client asks for it.
#[derive(Clone, Copy, Debug)]
pub struct TotalCount(Option<usize>);

#[Object]
impl TotalCount {
    /// How many nodes match, over all pages.
    async fn total_count(&self) -> i64 {
        self.0.unwrap_or_default() as i64
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

/// A page asked for: cursors decoded, sizes clamped.
pub struct Window {
    pub after: Option<i64>,
    pub before: Option<i64>,
    pub first: Option<usize>,
    pub last: Option<usize>,
}

fn clamp(n: i32) -> usize {
    n.clamp(1, MAX_PAGE as i32) as usize
}

fn bad_cursor(message: String) -> Error {
    Error::new(message).extend_with(|_, e| e.set("code", "BAD_USER_INPUT"))
}

pub fn window(args: &PageArgs) -> Result<Window> {
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

/// Whether the connection being resolved is asked for its `totalCount`.
pub fn wants_total(ctx: &Context<'_>) -> bool {
    ctx.look_ahead().field("totalCount").exists()
}

/// One page of `rows`: the nodes that match, in ascending id order (the
/// snapshot's maps iterate in that order). Only the rows of the page are
/// turned into nodes; `totalCount` walks them all only when asked for.
pub fn paginate<T, I, N>(
    ctx: &Context<'_>,
    rows: impl Fn() -> I,
    id_of: impl Fn(&T) -> i64,
    to_node: impl Fn(T) -> N,
    args: &PageArgs,
) -> Result<Conn<N>>
where
    I: DoubleEndedIterator<Item = T>,
    N: OutputType,
{
    let w = window(args)?;
    let total = wants_total(ctx).then(|| rows().count());
    let after = |t: &T| w.after.is_none_or(|a| id_of(t) > a);
    let before = |t: &T| w.before.is_none_or(|b| id_of(t) < b);
    let (page, has_previous, has_next) = match (w.first, w.last) {
        (Some(first), last) => {
            let mut page: Vec<T> = rows()
                .skip_while(|t| !after(t))
                .take_while(|t| before(t))
                .take(first + 1)
                .collect();
            let has_next = page.len() > first;
            page.truncate(first);
            let mut has_previous = w.after.is_some();
            if let Some(last) = last.filter(|l| *l < page.len()) {
                page.drain(..page.len() - last);
                has_previous = true;
            }
            (page, has_previous, has_next)
        }
        (None, Some(last)) => {
            let mut page: Vec<T> = rows()
                .rev()
                .skip_while(|t| !before(t))
                .take_while(|t| after(t))
                .take(last + 1)
                .collect();
            let has_previous = page.len() > last;
            page.truncate(last);
            page.reverse();
            (page, has_previous, w.before.is_some())
        }
        (None, None) => (Vec::new(), false, false),
    };
    let mut connection =
        Connection::with_additional_fields(has_previous, has_next, TotalCount(total));
    connection.edges.extend(
        page.into_iter()
            .map(|row| Edge::new(IdCursor(id_of(&row)), to_node(row))),
    );
    Ok(connection)
}

/// A connection of a page read elsewhere (the audit trail, read from the
/// database).
pub fn connection<T, N: OutputType>(
    page: Vec<T>,
    has_previous: bool,
    has_next: bool,
    total: Option<usize>,
    id_of: impl Fn(&T) -> i64,
    to_node: impl Fn(T) -> N,
) -> Conn<N> {
    let mut connection =
        Connection::with_additional_fields(has_previous, has_next, TotalCount(total));
    connection.edges.extend(
        page.into_iter()
            .map(|row| Edge::new(IdCursor(id_of(&row)), to_node(row))),
    );
    connection
}
