//! Lookups in lists of spans sorted by start, so per-claim queries cost a binary search and
//! not a scan of the whole document (which made long articles quadratic).

use std::ops::Range;

/// The items whose span starts inside `range`, as a sub-slice of `items` (sorted by start).
/// Callers that need the span to end inside `range` as well filter the (short) result.
pub fn starting_in<'a, T>(
    items: &'a [T],
    span: impl Fn(&T) -> &Range<usize>,
    range: &Range<usize>,
) -> &'a [T] {
    let lo = items.partition_point(|x| span(x).start < range.start);
    let hi = lo + items[lo..].partition_point(|x| span(x).start < range.end);
    &items[lo..hi]
}

/// The index of the span (sorted, not overlapping) holding `pos`, where an empty span holds
/// its own start.
pub fn index_holding(spans: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = spans.partition_point(|s| s.start <= pos).checked_sub(1)?;
    let s = &spans[i];
    (pos < s.end.max(s.start + 1)).then_some(i)
}

const SPACE: u8 = 1;
const ALNUM: u8 = 2;
/// Not ASCII: decoded and classified by Unicode.
const OTHER: u8 = 4;

/// What each byte is, for the word scan.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            OTHER
        } else if c.is_ascii_whitespace() || c == 0x0B {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Whitespace-separated tokens of a text, found once per document and shared: the words
/// between two positions are counted with two binary searches instead of a scan, and the
/// word count and near-duplicate signature read the same list.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// (start, end, has a letter or digit)
    tokens: Vec<(usize, usize, bool)>,
}

impl Words {
    /// Tokens as `split_whitespace` finds them. Runs of ASCII are scanned a byte at a time
    /// without decoding; other characters are decoded and classified by Unicode.
    pub fn new(text: &str) -> Words {
        let bytes = text.as_bytes();
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let (mut start, mut alnum) = (None, false);
        let mut i = 0;
        while i < bytes.len() {
            let class = ASCII_CLASS[usize::from(bytes[i])];
            let (space, letter, len) = if class & OTHER == 0 {
                (class & SPACE != 0, class & ALNUM != 0, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
            };
            match (space, start) {
                (true, Some(s)) => {
                    tokens.push((s, i, alnum));
                    start = None;
                }
                (false, None) => {
                    start = Some(i);
                    alnum = letter;
                }
                (false, Some(_)) => alnum |= letter,
                (true, None) => {}
            }
            i += len;
            if start.is_some() {
                // The rest of an ASCII word, in one tight loop.
                while let Some(class) = bytes.get(i).map(|&b| ASCII_CLASS[usize::from(b)]) {
                    if class & (SPACE | OTHER) != 0 {
                        break;
                    }
                    alnum |= class & ALNUM != 0;
                    i += 1;
                }
            }
        }
        if let Some(s) = start {
            tokens.push((s, text.len(), alnum));
        }
        Words { tokens }
    }

    /// How many tokens hold a letter or digit: the text's word count.
    pub fn total(&self) -> usize {
        self.tokens.iter().filter(|t| t.2).count()
    }

    /// The spans of the tokens holding a letter or digit, in order.
    pub fn spans(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.tokens.iter().filter(|t| t.2).map(|t| t.0..t.1)
    }

    /// Words in `text[lo..hi]`, as `split_whitespace` would count those holding a letter or
    /// digit (a token cut by either end counts by its piece).
    pub fn count(&self, text: &str, lo: usize, hi: usize) -> usize {
        if lo >= hi {
            return 0;
        }
        let a = self.tokens.partition_point(|t| t.1 <= lo);
        let b = self.tokens.partition_point(|t| t.0 < hi);
        if a >= b {
            return 0;
        }
        let piece = |t: &(usize, usize, bool)| {
            if t.0 >= lo && t.1 <= hi {
                t.2
            } else {
                text[t.0.max(lo)..t.1.min(hi)]
                    .chars()
                    .any(char::is_alphanumeric)
            }
        };
        let inner = if b - a > 2 {
            self.tokens[a + 1..b - 1].iter().filter(|t| t.2).count()
        } else {
            0
        };
        let ends = if b - a == 1 {
            usize::from(piece(&self.tokens[a]))
        } else {
            usize::from(piece(&self.tokens[a])) + usize::from(piece(&self.tokens[b - 1]))
        };
        inner + ends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_items_starting_in_a_range() {
        let spans = vec![0..3, 4..8, 5..6, 9..12, 12..20];
        let got = starting_in(&spans, |s| s, &(4..12));
        assert_eq!(got, &[4..8, 5..6, 9..12]);
        assert!(starting_in(&spans, |s| s, &(20..30)).is_empty());
        assert!(starting_in(&spans, |s| s, &(3..4)).is_empty());
    }

    #[test]
    fn counts_words_as_split_whitespace_does() {
        let text =
            "At least 28 -- soldiers,\u{0B}( were )\u{A0}killed\n\nnear\tthe town é.\u{3000}x_";
        let words = Words::new(text);
        let naive = |lo: usize, hi: usize| {
            text[lo..hi]
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &lo in &bounds {
            for &hi in bounds.iter().filter(|&&h| h >= lo) {
                assert_eq!(words.count(text, lo, hi), naive(lo, hi), "{lo}..{hi}");
            }
        }
    }

    #[test]
    fn finds_the_span_holding_a_position() {
        let spans = vec![0..3, 4..8, 10..10];
        assert_eq!(index_holding(&spans, 0), Some(0));
        assert_eq!(index_holding(&spans, 3), None, "between spans");
        assert_eq!(index_holding(&spans, 7), Some(1));
        assert_eq!(
            index_holding(&spans, 10),
            Some(2),
            "an empty span holds its start"
        );
        assert_eq!(index_holding(&spans, 11), None);
    }
}
