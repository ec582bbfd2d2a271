//! Analysed forms shared across documents. A form's analysis and the weight sums of its
//! features depend on the form alone, so a frequent word is analysed once per process rather
//! than once per document.

use crate::fasthash::FastMap;
use crate::forms::{Analysed, Form};
use crate::tag::NUM_TAGS;
use std::fmt;
use std::sync::{Arc, OnceLock, RwLock};

/// Most forms kept (about a kilobyte each); later new forms are analysed per document.
const CAPACITY: usize = 32_768;

/// A form with the summed weights of each of its parts, per tagging pass.
pub(crate) struct Known {
    /// The analysis.
    pub form: Form,
    /// Per part (see [`crate::forms::Part::index`]), per pass, the summed weights: the
    /// passes of a part side by side, read together.
    pub sums: Vec<[i32; NUM_TAGS]>,
}

impl Analysed for Arc<Known> {
    fn analysis(&self) -> &Form {
        &self.form
    }
}

/// Known forms by token text, filled as documents are tagged.
#[derive(Default)]
pub(crate) struct FormCache {
    forms: RwLock<FastMap<String, Arc<Known>>>,
    boundary: OnceLock<Arc<Known>>,
}

impl FormCache {
    /// The known form of a token, built with `build` when not cached yet.
    pub fn get(&self, token: &str, build: impl FnOnce() -> Known) -> Arc<Known> {
        if let Some(known) = self.forms.read().ok().and_then(|m| m.get(token).cloned()) {
            return known;
        }
        let known = Arc::new(build());
        if let Ok(mut forms) = self.forms.write() {
            if forms.len() < CAPACITY {
                forms.insert(token.to_string(), Arc::clone(&known));
            }
        }
        known
    }

    /// The known stand-in for neighbours beyond sentence ends.
    pub fn boundary(&self, build: impl FnOnce() -> Known) -> Arc<Known> {
        Arc::clone(self.boundary.get_or_init(|| Arc::new(build())))
    }
}

/// A copy starts empty (the cache is derived data).
impl Clone for FormCache {
    fn clone(&self) -> Self {
        FormCache::default()
    }
}

/// Caches never make models differ.
impl PartialEq for FormCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for FormCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.forms.read().map_or(0, |m| m.len());
        write!(f, "FormCache({n} forms)")
    }
}
