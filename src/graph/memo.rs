//! Values computed once per snapshot (a register's notice, its findings,
//! a caller's reach): a snapshot never changes, so neither do they, and the
//! next snapshot starts with none.

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex, OnceLock, PoisonError},
};

type Slot<V> = Arc<OnceLock<Arc<V>>>;
type Table<K, V> = Mutex<HashMap<K, Slot<V>>>;

/// Tables of any type, one per type, made on first use.
#[derive(Default)]
struct Tables(Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl Tables {
    fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut tables = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = tables
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()));
        match entry.clone().downcast::<T>() {
            Ok(table) => table,
            // The entry for T is only ever a T.
            Err(_) => Arc::new(T::default()),
        }
    }
}

#[derive(Default)]
pub struct Memo {
    tables: Tables,
}

impl Memo {
    /// The value for `key`, computed by the first caller; a caller that
    /// comes while it is being computed waits for it rather than computing
    /// it again.
    pub fn get<K, V>(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V>
    where
        K: Hash + Eq + Send + Sync + 'static,
        V: Send + Sync + 'static,
    {
        let table = self.tables.get::<Table<K, V>>();
        let slot = table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_default()
            .clone();
        slot.get_or_init(|| Arc::new(compute())).clone()
    }
}

/// Values kept from one snapshot to the next, each with what it was
/// computed from: the caller says whether a kept value still holds for the
/// current snapshot, and only a value that does not is computed again. So
/// after a write, what depends only on unchanged nodes is not recomputed.
#[derive(Default)]
pub struct Lasting {
    tables: Tables,
}

type Kept<K, V> = Mutex<HashMap<K, Arc<V>>>;

impl Lasting {
    pub fn get<K, V>(
        &self,
        key: K,
        holds: impl FnOnce(&V) -> bool,
        compute: impl FnOnce() -> V,
    ) -> Arc<V>
    where
        K: Hash + Eq + Send + Sync + 'static,
        V: Send + Sync + 'static,
    {
        let table = self.tables.get::<Kept<K, V>>();
        let kept = table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned();
        if let Some(kept) = kept.filter(|k| holds(k)) {
            return kept;
        }
        // Computed outside the lock: two callers may both compute it; the
        // values are the same.
        let value = Arc::new(compute());
        table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, value.clone());
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_key_and_type() {
        let memo = Memo::default();
        let mut calls = 0;
        let a = memo.get(1_i64, || {
            calls += 1;
            "one".to_owned()
        });
        let b = memo.get(1_i64, || {
            calls += 1;
            "again".to_owned()
        });
        assert_eq!((a.as_str(), b.as_str(), calls), ("one", "one", 1));
        // Another value type under the same key is another table.
        let n = memo.get(1_i64, || 7_u32);
        assert_eq!(*n, 7);
    }

    #[test]
    fn lasting_values_are_recomputed_only_when_they_no_longer_hold() {
        let lasting = Lasting::default();
        let first = lasting.get(1_i64, |_: &(u32, u32)| true, || (1, 10));
        let kept = lasting.get(1_i64, |v: &(u32, u32)| v.0 == 1, || (1, 99));
        assert_eq!(*kept, (1, 10), "still holds: kept");
        let replaced = lasting.get(1_i64, |v: &(u32, u32)| v.0 == 2, || (2, 20));
        assert_eq!(*replaced, (2, 20), "no longer holds: computed again");
        assert_eq!(*first, (1, 10));
    }
}
