//! Where rule patterns match: one lazy DFA over every pattern, walked (anchored) from each
//! position where a match may start, instead of one scan of the whole text per pattern.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};
use std::sync::Arc;

/// Makes a search cache for the DFA (one per thread at a time).
type CacheFn = Box<dyn Fn() -> Cache + Send + Sync>;

/// Memory the DFA may use per thread for the states it has built.
const CACHE_BYTES: usize = 8 << 20;

/// True for a letter, digit or underscore: a match next to one is inside a word.
pub(crate) fn glued(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// What a byte of UTF-8 text is.
#[derive(Debug, Clone, Copy)]
enum Byte {
    /// An ASCII character that is not a letter, digit or underscore.
    Other,
    /// An ASCII letter, digit or underscore.
    Word,
    /// A continuation byte inside a multi-byte character.
    Inner,
    /// The first byte of a multi-byte character.
    Lead,
}

/// The kind of every byte value.
const BYTES: [Byte; 256] = {
    let mut table = [Byte::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_alphanumeric() || b == b'_' {
            Byte::Word
        } else if b.is_ascii() {
            Byte::Other
        } else if b < 0xC0 {
            Byte::Inner
        } else {
            Byte::Lead
        };
        byte += 1;
    }
    table
};

/// Every pattern of a rule set joined into one automaton that tells, for a start position,
/// which patterns have a match starting there.
#[derive(Debug)]
pub(crate) struct Starts {
    dfa: Arc<DFA>,
    /// Bit `256 * first + second` is set when a match may begin with those two bytes; `None`
    /// when the patterns look around (then the start state depends on the byte before).
    pairs: Option<Arc<[u64]>>,
    caches: Pool<Cache, CacheFn>,
}

impl Clone for Starts {
    fn clone(&self) -> Starts {
        Starts::assemble(Arc::clone(&self.dfa), self.pairs.clone())
    }
}

impl Starts {
    /// Joins case-insensitive patterns (pattern indices follow the order given).
    pub(crate) fn new(patterns: &[&str]) -> Result<Starts, String> {
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(CACHE_BYTES)
                    // `\b` then gives up on non-ASCII text, where every pattern is tried.
                    .unicode_word_boundary(true),
            )
            .syntax(syntax::Config::new().case_insensitive(true))
            .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
            .build_many(patterns)
            .map_err(|e| format!("joining patterns: {e}"))?;
        let pairs = if dfa.get_nfa().look_set_any().is_empty() {
            first_pairs(&dfa)
        } else {
            None
        };
        Ok(Starts::assemble(Arc::new(dfa), pairs.map(Arc::from)))
    }

    fn assemble(dfa: Arc<DFA>, pairs: Option<Arc<[u64]>>) -> Starts {
        let shared = Arc::clone(&dfa);
        let create: CacheFn = Box::new(move || Cache::new(&shared));
        Starts {
            dfa,
            pairs,
            caches: Pool::new(create),
        }
    }

    /// For each pattern, the ascending positions in `text` where it may have a match that is
    /// glued to no letter or digit on either side: every position where it has one, plus
    /// (only should the automaton give up) others.
    pub(crate) fn find(&self, text: &str) -> Vec<Vec<usize>> {
        let patterns = self.dfa.pattern_len();
        let mut found = vec![Vec::new(); patterns];
        let mut cache = self.caches.get();
        let mut matched = Vec::new();
        let bytes = text.as_bytes();
        // Whether the character before the current position is a letter or digit.
        let mut after_word = false;
        for (at, &byte) in bytes.iter().enumerate() {
            let word = match BYTES[usize::from(byte)] {
                Byte::Other => false,
                Byte::Word => true,
                Byte::Inner => continue,
                Byte::Lead => glued(text.get(at..).and_then(|s| s.chars().next())),
            };
            if std::mem::replace(&mut after_word, word) || !self.may_begin(bytes, at) {
                continue;
            }
            matched.clear();
            if self.walk(&mut cache, text, at, &mut matched).is_err() {
                matched.clear();
                matched.extend(0..patterns);
            }
            if matched.is_empty() {
                continue;
            }
            matched.sort_unstable();
            matched.dedup();
            for &pattern in &matched {
                if let Some(starts) = found.get_mut(pattern) {
                    starts.push(at);
                }
            }
        }
        found
    }

    /// False when no match can begin with the two bytes at `at`.
    fn may_begin(&self, bytes: &[u8], at: usize) -> bool {
        let (Some(pairs), Some(&first), Some(&second)) =
            (&self.pairs, bytes.get(at), bytes.get(at + 1))
        else {
            return true;
        };
        let bit = usize::from(first) << 8 | usize::from(second);
        match pairs.get(bit / 64) {
            Some(word) => word >> (bit % 64) & 1 == 1,
            None => true,
        }
    }

    /// Runs the DFA anchored at `at` until no pattern can match any more, collecting the
    /// patterns with a match not followed by a letter or digit.
    fn walk(
        &self,
        cache: &mut Cache,
        text: &str,
        at: usize,
        matched: &mut Vec<usize>,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let bytes = text.as_bytes();
        let config = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(at.checked_sub(1).and_then(|i| bytes.get(i)).copied());
        let mut state = self.dfa.start_state(cache, &config)?;
        for (offset, &byte) in bytes.get(at..).unwrap_or_default().iter().enumerate() {
            state = self.dfa.next_state(cache, state, byte)?;
            if state.is_tagged() {
                if state.is_match() && !glued_at(text, at + offset) {
                    self.collect(cache, state, matched);
                }
                if state.is_dead() {
                    return Ok(());
                }
                if state.is_quit() {
                    return Err("the automaton gave up".into());
                }
            }
        }
        state = self.dfa.next_eoi_state(cache, state)?;
        if state.is_match() {
            self.collect(cache, state, matched);
        }
        Ok(())
    }

    /// Adds the patterns of a match state.
    fn collect(&self, cache: &Cache, state: LazyStateID, matched: &mut Vec<usize>) {
        for index in 0..self.dfa.match_len(cache, state) {
            matched.push(self.dfa.match_pattern(cache, state, index).as_usize());
        }
    }
}

/// True when the character starting at `at` is a letter, digit or underscore.
fn glued_at(text: &str, at: usize) -> bool {
    glued(text.get(at..).and_then(|s| s.chars().next()))
}

/// The two-byte beginnings a match may have, as a bit set (`None` should the cache fill up,
/// which would invalidate the states held here).
fn first_pairs(dfa: &DFA) -> Option<Vec<u64>> {
    let mut cache = Cache::new(dfa);
    let mut pairs = vec![0u64; 1024];
    let begin = dfa
        .start_state(&mut cache, &start::Config::new().anchored(Anchored::Yes))
        .ok()?;
    let step = |cache: &mut Cache, from: LazyStateID, byte: u8| {
        let to = dfa.next_state(cache, from, byte).ok()?;
        (cache.clear_count() == 0).then_some(to)
    };
    for first in 0..=255u8 {
        let after_first = step(&mut cache, begin, first)?;
        for second in 0..=255u8 {
            let possible = after_first.is_match() || {
                let after_second = step(&mut cache, after_first, second)?;
                after_second.is_match() || !(after_second.is_dead() || after_second.is_quit())
            };
            if possible {
                let bit = usize::from(first) << 8 | usize::from(second);
                *pairs.get_mut(bit / 64)? |= 1 << (bit % 64);
            }
        }
    }
    Some(pairs)
}
