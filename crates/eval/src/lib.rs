//! Loaders and scorers for evaluation corpora. Each scorer counts exactly as the reference
//! Python scorer of the same name in `shared/eval/` does, so figures agree.

pub mod cluster;
pub mod conll;
pub mod dedupe;
pub mod quotes;
pub mod timeml;
