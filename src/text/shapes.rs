//! A filter on the shape of ASCII words, for sets asked of every word of a text whether it
//! is one of theirs: a word whose first, second and last bytes and length match no member's
//! is ruled out with one bit test, before any key is built or hashed. Callers fold case.

/// Bits in the filter: a few hundred members leave most of them clear.
const BITS: usize = 4096;

#[derive(Debug, Clone)]
pub struct Shapes {
    bits: Box<[u64; BITS / 64]>,
}

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes {
            bits: Box::new([0; BITS / 64]),
        }
    }
}

impl Shapes {
    /// Note a member: ASCII, folded as the words asked about will be. Empty words are left
    /// out.
    pub fn insert(&mut self, word: &[u8]) {
        if let (Some(&first), Some(&last)) = (word.first(), word.last()) {
            let second = word.get(1).copied().unwrap_or(0);
            let k = bit(first, second, last, word.len());
            self.bits[k / 64] |= 1 << (k % 64);
        }
    }

    /// Whether a word of `len` bytes with these first, second (0 for one byte) and last
    /// bytes, folded, may be a member: false only when no member has its shape.
    pub fn may_contain(&self, first: u8, second: u8, last: u8, len: usize) -> bool {
        let k = bit(first, second, last, len);
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A shape hashed to one of [`BITS`].
fn bit(first: u8, second: u8, last: u8, len: usize) -> usize {
    let k = u32::from(first)
        | u32::from(second) << 8
        | u32::from(last) << 16
        | (len.min(63) as u32) << 24;
    (k.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_pass_and_most_other_words_do_not() {
        let mut s = Shapes::default();
        for w in ["ten", "dozen", "a", "m4"] {
            s.insert(w.as_bytes());
        }
        assert!(s.may_contain(b't', b'e', b'n', 3) && s.may_contain(b'a', 0, b'a', 1));
        assert!(s.may_contain(b'd', b'o', b'n', 5) && s.may_contain(b'm', b'4', b'4', 2));
        let others = ["tan", "tens", "and", "about", "while", "dozens", "b", "m5"];
        let passed = others
            .iter()
            .filter(|w| {
                let b = w.as_bytes();
                s.may_contain(
                    b[0],
                    b.get(1).copied().unwrap_or(0),
                    b[b.len() - 1],
                    b.len(),
                )
            })
            .count();
        assert_eq!(
            passed, 0,
            "a hash collision among eight words would be unlucky"
        );
    }
}
