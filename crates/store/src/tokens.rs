//! Compact storage of an article's tokens.
//!
//! Each token is three zigzag LEB128 varints: the gap from the previous token's
//! end to its start, its length, and the change of sentence index. Typical tokens
//! take three bytes. Arithmetic wraps, so any token list round-trips exactly.

use storyline_model::{Span, Token};

/// Encodes `tokens` as a blob.
pub(crate) fn encode(tokens: &[Token]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tokens.len() * 3);
    let (mut prev_end, mut prev_sentence) = (0u64, 0u64);
    for t in tokens {
        let (start, end) = (t.span.start as u64, t.span.end as u64);
        let sentence = u64::from(t.sentence);
        for delta in [
            start.wrapping_sub(prev_end),
            end.wrapping_sub(start),
            sentence.wrapping_sub(prev_sentence),
        ] {
            put_varint(&mut out, zigzag(delta));
        }
        (prev_end, prev_sentence) = (end, sentence);
    }
    out
}

/// Decodes a blob made by [`encode`]; `Err` says what is wrong with it.
pub(crate) fn decode(blob: &[u8]) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::with_capacity(blob.len() / 3);
    let mut bytes = blob.iter().copied();
    let (mut prev_end, mut prev_sentence) = (0u64, 0u64);
    while bytes.len() > 0 {
        let mut next = || read_varint(&mut bytes).map(unzigzag);
        let start = prev_end.wrapping_add(next()?);
        let end = start.wrapping_add(next()?);
        let sentence = prev_sentence.wrapping_add(next()?);
        let offset = |n: u64| usize::try_from(n).map_err(|_| format!("offset {n} out of range"));
        tokens.push(Token {
            span: Span {
                start: offset(start)?,
                end: offset(end)?,
            },
            sentence: u32::try_from(sentence)
                .map_err(|_| format!("sentence index {sentence} out of range"))?,
        });
        (prev_end, prev_sentence) = (end, sentence);
    }
    Ok(tokens)
}

/// Maps a wrapped difference to an unsigned value with small magnitudes kept small.
fn zigzag(delta: u64) -> u64 {
    (delta << 1) ^ ((delta as i64) >> 63) as u64
}

fn unzigzag(v: u64) -> u64 {
    (v >> 1) ^ (v & 1).wrapping_neg()
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = bytes.next().ok_or("truncated token data")?;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("overlong varint in token data".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(start: usize, end: usize, sentence: u32) -> Token {
        Token {
            span: Span { start, end },
            sentence,
        }
    }

    #[test]
    fn round_trips_typical_and_odd_tokens() {
        let tokens = vec![
            token(0, 5, 0),
            token(6, 70_000, 0),
            token(70_001, 70_002, 3),
            // Overlapping, reversed and huge values still round-trip.
            token(10, 4, 1),
            token(usize::MAX, usize::MAX, u32::MAX),
            token(0, 0, 0),
        ];
        assert_eq!(decode(&encode(&tokens)).unwrap(), tokens);
    }

    #[test]
    fn typical_tokens_take_three_bytes() {
        let tokens: Vec<Token> = (0..100).map(|i| token(i * 6, i * 6 + 5, 0)).collect();
        assert_eq!(encode(&tokens).len(), 300);
    }

    #[test]
    fn damaged_blobs_are_errors() {
        let blob = encode(&[token(0, 300, 0)]);
        assert!(decode(&blob[..blob.len() - 1]).is_err());
        assert!(decode(&[0xff; 11]).is_err());
        assert_eq!(decode(&[]).unwrap(), Vec::new());
    }
}
