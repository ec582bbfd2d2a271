//! Shared server state: a pool of read-only store connections and the single writer.

use crate::error::Failure;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use storyline_engine::Engine;
use storyline_store::{Store, StoreError};
use tokio::sync::Semaphore;

/// Most reads running at once (and so most open read connections); further requests wait.
pub(crate) const MAX_READERS: usize = 8;

/// What every handler shares.
pub(crate) struct AppState {
    /// The database file, for opening more read connections.
    db: PathBuf,
    /// Idle read-only connections, reused across requests.
    readers: Mutex<Vec<Store>>,
    /// Permits for running reads, [`MAX_READERS`] of them.
    read_permits: Semaphore,
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
            read_permits: Semaphore::new(MAX_READERS),
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
        let _permit = self
            .read_permits
            .acquire()
            .await
            .map_err(Failure::internal)?;
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
