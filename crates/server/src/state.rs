//! Shared server state: a pool of read-only store connections and the single writer.

use crate::error::Failure;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use storyline_engine::Engine;
use storyline_store::{Kind, Store, StoreError};

/// What every handler shares.
pub(crate) struct AppState {
    /// The database file, for opening more read connections.
    db: PathBuf,
    /// Idle read-only connections, reused across requests.
    readers: Mutex<Vec<Store>>,
    /// The single writer.
    writer: Mutex<Engine>,
    /// The bearer token write requests must carry.
    pub(crate) token: String,
}

/// The state as handlers receive it.
pub(crate) type Shared = Arc<AppState>;

impl AppState {
    /// State over an open engine whose database is `db`.
    pub(crate) fn new(db: PathBuf, engine: Engine, token: String) -> AppState {
        AppState {
            db,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(engine),
            token,
        }
    }

    /// Checks that a read-only connection can be opened (at start-up, for a clear error).
    pub(crate) fn check_readable(&self) -> Result<(), StoreError> {
        let store = Store::open_read_only(&self.db)?;
        self.give_back(store);
        Ok(())
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.readers.lock() {
            idle.push(store);
        }
    }

    /// Runs `f` on a read-only connection on the blocking thread pool.
    pub(crate) async fn read<T, F>(self: &Shared, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, Failure> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let idle = state.readers.lock().ok().and_then(|mut v| v.pop());
            let store = match idle {
                Some(store) => store,
                None => Store::open_read_only(&state.db)?,
            };
            let out = f(&store);
            state.give_back(store);
            out
        })
        .await
        .map_err(Failure::internal)?
    }

    /// Runs `f` with the single writer on the blocking thread pool.
    pub(crate) async fn write<T, F>(self: &Shared, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&mut Engine) -> Result<T, Failure> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut engine = state
                .writer
                .lock()
                .map_err(|_| Failure::internal("the writer panicked earlier"))?;
            f(&mut engine)
        })
        .await
        .map_err(Failure::internal)?
    }
}

/// The full id of the `kind` object named by `id` or by a unique prefix of its id;
/// `None` when nothing of that kind matches.
pub(crate) fn full_id(store: &Store, kind: Kind, id: &str) -> Result<Option<String>, StoreError> {
    Ok(store
        .resolve_prefix(id)?
        .filter(|(k, _)| *k == kind)
        .map(|(_, full)| full))
}
