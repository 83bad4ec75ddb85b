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

/// Whitespace-separated tokens of a text, so the words between two positions are counted with
/// two binary searches instead of a scan.
pub struct Words {
    /// (start, end, has a letter or digit)
    tokens: Vec<(usize, usize, bool)>,
}

impl Words {
    pub fn new(text: &str) -> Words {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    let alnum = text[s..i].chars().any(char::is_alphanumeric);
                    tokens.push((s, i, alnum));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        Words { tokens }
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
        let text = "At least 28 -- soldiers, ( were ) killed\n\nnear the town é.";
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
