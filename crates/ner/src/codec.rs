//! A small binary encoding for the model file: varints, zig-zag integers, floats and strings.

use crate::NerError;

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    pub fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }

    pub fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Reads values back, failing cleanly on truncated or malformed input.
pub(crate) struct Reader<'a>(pub &'a [u8]);

fn corrupt(what: &str) -> NerError {
    NerError::Model(format!("model data is corrupt ({what})"))
}

impl Reader<'_> {
    pub fn varint(&mut self) -> Result<u64, NerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first().ok_or_else(|| corrupt("truncated"))?;
            self.0 = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(corrupt("varint too long"))
    }

    /// A count that must fit in the remaining bytes (guards allocations).
    pub fn count(&mut self) -> Result<usize, NerError> {
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.0.len())
            .ok_or_else(|| corrupt("bad count"))
    }

    pub fn zigzag(&mut self) -> Result<i64, NerError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    pub fn f32(&mut self) -> Result<f32, NerError> {
        let (head, rest) = self
            .0
            .split_first_chunk::<4>()
            .ok_or_else(|| corrupt("truncated"))?;
        self.0 = rest;
        Ok(f32::from_le_bytes(*head))
    }

    pub fn str(&mut self) -> Result<String, NerError> {
        let n = self.count()?;
        let (head, rest) = self
            .0
            .split_at_checked(n)
            .ok_or_else(|| corrupt("truncated"))?;
        self.0 = rest;
        String::from_utf8(head.to_vec()).map_err(|_| corrupt("invalid UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_truncation() {
        let mut w = Writer::default();
        w.varint(300);
        w.zigzag(-5);
        w.f32(1.5);
        w.str("Oslo");
        let mut r = Reader(&w.0);
        assert_eq!(r.varint().unwrap(), 300);
        assert_eq!(r.zigzag().unwrap(), -5);
        assert_eq!(r.f32().unwrap(), 1.5);
        assert_eq!(r.str().unwrap(), "Oslo");
        assert!(r.varint().is_err());
        let mut short = Reader(&w.0[..w.0.len() - 1]);
        short.varint().unwrap();
        short.zigzag().unwrap();
        short.f32().unwrap();
        assert!(short.str().is_err());
    }
}
