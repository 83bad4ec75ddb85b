//! Lookups in lists of spans sorted by start, so per-claim queries cost a binary search and
//! not a scan of the whole document (which made long articles quadratic).

use std::ops::{ControlFlow, Range};

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

/// The high bit of each byte of a machine word: set in none for eight ASCII bytes, and
/// where the byte-wise tests below put their answers.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `x` (all ASCII) that is at least `n` (at most 0x80): adding
/// 0x80 - n carries into it, and an ASCII byte plus at most 0x80 never carries out.
fn at_least(x: u64, n: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - n)) & HIGH
}

/// The high bit of each byte of `x` (all ASCII) within `lo..=hi`.
fn within(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi + 1)
}

/// ASCII whitespace as `char::is_whitespace` has it: tab to carriage return, and space.
fn spaces(x: u64) -> u64 {
    within(x, 0x09, 0x0d) | within(x, b' ', b' ')
}

/// ASCII letters (either case, found lower-cased) and digits.
pub(crate) fn alphanumerics(x: u64) -> u64 {
    within(x, b'0', b'9') | within(x | (ONES * 0x20), b'a', b'z')
}

/// ASCII letters, in either case.
pub(crate) fn letters(x: u64) -> u64 {
    within(x | (ONES * 0x20), b'a', b'z')
}

/// Eight ASCII bytes lower-cased: 0x20 added to each capital letter (its high bit moved
/// down to 0x20), which never carries into the next byte.
pub(crate) fn ascii_lowercase(x: u64) -> u64 {
    x + (within(x, b'A', b'Z') >> 2)
}

/// The high bit of each of eight bytes that is ASCII and a regex word character
/// (`[0-9A-Za-z_]`); bytes beyond ASCII are left clear.
pub(crate) fn ascii_word_bytes(x: u64) -> u64 {
    let ascii = !x & HIGH;
    let low = x & !HIGH;
    (alphanumerics(low) | within(low, b'_', b'_')) & ascii
}

/// The high bit of each of eight bytes that is an ASCII letter; bytes beyond ASCII are
/// left clear.
pub(crate) fn ascii_letter_bytes(x: u64) -> u64 {
    letters(x & !HIGH) & !x & HIGH
}

/// The end of the run of ASCII bytes starting at `from` that `class` marks (as
/// [`ascii_word_bytes`] does: the high bit of each such byte of eight, none beyond ASCII),
/// eight bytes at a time: a byte loop's exit, at a different length for every word, was
/// mispredicted once a word.
pub(crate) fn ascii_run_end(bytes: &[u8], mut from: usize, class: impl Fn(u64) -> u64) -> usize {
    while let Some(chunk) = bytes.get(from..from + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let stop = !class(x) & HIGH;
        if stop != 0 {
            return from + (stop.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    from + bytes[from..]
        .iter()
        .take_while(|&&b| class(u64::from(b)) & 0x80 != 0)
        .count()
}

/// `bytes[span]` as one machine word, the bytes past its end zero, when it is at most eight
/// bytes long and eight can be read from its start (most words of a text).
pub(crate) fn short_word(bytes: &[u8], span: &Range<usize>) -> Option<u64> {
    let chunk = bytes
        .get(span.start..span.start + 8)
        .filter(|_| span.len() <= 8)?;
    let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
    Some(
        x & u64::MAX
            .checked_shr(64 - 8 * span.len() as u32)
            .unwrap_or(0),
    )
}

/// Whether `bytes[span]` (a word, mostly) is all ASCII: a test of the eight bytes at its
/// start, where the standard library's loop leaves by a branch mispredicted once a word.
#[inline]
pub(crate) fn is_ascii_span(bytes: &[u8], span: Range<usize>) -> bool {
    match short_word(bytes, &span) {
        Some(x) => x & HIGH == 0,
        None => bytes[span].is_ascii(),
    }
}

/// Whether `text` holds an ASCII digit, eight bytes at a time.
pub(crate) fn has_ascii_digit(text: &str) -> bool {
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in chunks.by_ref() {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if within(x & !HIGH, b'0', b'9') & !x & HIGH != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// The high bit of each of eight bytes gathered into the low eight bits, byte `k` to bit
/// `k`: a multiply moves every flag to its place in the top byte without a carry.
fn gather(high_bits: u64) -> u64 {
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The run of ASCII bytes at the start of `bytes`, up to 64 of them: its length, and its
/// separators and letters or digits as bit masks, bit `k` for byte `k`.
fn ascii_block(bytes: &[u8], ascii_separators: &impl Fn(u64) -> u64) -> (usize, u64, u64) {
    let (mut len, mut separators, mut alnum) = (0, 0, 0);
    if let Some(block) = bytes.get(..64) {
        let words = block
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")));
        if words.clone().fold(0, |h, x| h | x) & HIGH == 0 {
            // All ASCII, the common case: no byte to look for.
            for (k, x) in words.enumerate() {
                separators |= gather(ascii_separators(x)) << (8 * k);
                alnum |= gather(alphanumerics(x)) << (8 * k);
            }
            return (64, separators, alnum);
        }
    }
    for k in 0..8 {
        let (x, available) = match bytes.get(8 * k..8 * k + 8) {
            Some(chunk) => (
                u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
                8,
            ),
            None => {
                let rest = bytes.get(8 * k..).unwrap_or_default();
                let mut word = [0u8; 8];
                word[..rest.len()].copy_from_slice(rest);
                (u64::from_le_bytes(word), rest.len() as u32)
            }
        };
        // Bytes up to the first beyond ASCII or the end; a byte beyond ASCII carries only
        // into those after it, which are cleared.
        let ascii = ((x & HIGH).trailing_zeros() / 8).min(available);
        let keep = u64::MAX.checked_shr(64 - 8 * ascii).unwrap_or(0);
        separators |= gather(ascii_separators(x) & keep) << (8 * k);
        alnum |= gather(alphanumerics(x) & keep) << (8 * k);
        len += ascii as usize;
        if ascii < 8 {
            break;
        }
    }
    (len, separators, alnum)
}

/// Calls `emit(start, end, has a letter or digit)` for each maximal run of characters that
/// are not separators, in order, until it breaks. `ascii_separators` marks the ASCII
/// separators among eight ASCII bytes (as [`spaces`] does); `other_separates` says whether
/// a character beyond ASCII is one. ASCII is classified up to 64 bytes at a time into bit
/// masks whose run edges are visited in order, so the loop's exit is mispredicted about
/// once a block, not once a word (a loop over bytes cost a branch a byte, and the word
/// scans were several percent of a run); a character beyond ASCII is taken alone.
pub(crate) fn runs(
    text: &str,
    ascii_separators: impl Fn(u64) -> u64,
    other_separates: impl Fn(char) -> bool,
    mut emit: impl FnMut(usize, usize, bool) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let bytes = text.as_bytes();
    let (mut start, mut alnum) = (None, false);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            let (len, separators, letters) = ascii_block(&bytes[i..], &ascii_separators);
            let inside = u64::MAX.checked_shr(64 - len as u32).unwrap_or(0);
            // Bit k: the byte before byte k is a separator (or no run is open).
            let after_separator = separators << 1 | u64::from(start.is_none());
            let begins = !separators & after_separator & inside;
            let ends = separators & !after_separator;
            let mut from = 0; // where the open run's letters are counted from
            let mut edges = begins | ends;
            while edges != 0 {
                let k = edges.trailing_zeros();
                let bit = 1u64 << k;
                if begins & bit != 0 {
                    start = Some(i + k as usize);
                    alnum = false;
                    from = k;
                } else {
                    // An end follows a begin, in this block or an earlier one.
                    let within = (bit - 1) & !((1u64 << from) - 1);
                    alnum |= letters & within != 0;
                    emit(start.expect("a run is open"), i + k as usize, alnum)?;
                    start = None;
                }
                edges &= edges - 1;
            }
            if start.is_some() {
                alnum |= letters & !((1u64 << from) - 1) != 0;
            }
            i += len;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        match (other_separates(c), start) {
            (true, Some(s)) => {
                emit(s, i, alnum)?;
                start = None;
            }
            (false, None) => {
                start = Some(i);
                alnum = c.is_alphanumeric();
            }
            (false, Some(_)) => alnum |= c.is_alphanumeric(),
            (true, None) => {}
        }
        i += c.len_utf8();
    }
    match start {
        Some(s) => emit(s, text.len(), alnum),
        None => ControlFlow::Continue(()),
    }
}

/// [`runs`] that `may_begin` lets start, as (start, end): the first byte of each run is
/// asked (a byte beyond ASCII standing for its character), and a run it turns down is
/// passed over without finding its end. Most words of a text are not capitalised, and a
/// scan for names visits only the rest.
pub(crate) fn runs_beginning(
    text: &str,
    ascii_separators: impl Fn(u64) -> u64,
    other_separates: impl Fn(char) -> bool,
    may_begin: impl Fn(u8) -> bool,
    mut emit: impl FnMut(usize, usize),
) {
    let bytes = text.as_bytes();
    // Whether a run is open, and where it starts when it is one to emit.
    let (mut open, mut start) = (false, None);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            let (len, separators, _) = ascii_block(&bytes[i..], &ascii_separators);
            if open {
                // The open run ends at the block's first separator.
                if separators == 0 {
                    i += len;
                    continue;
                }
                if let Some(s) = start.take() {
                    emit(s, i + separators.trailing_zeros() as usize);
                }
            }
            let inside = u64::MAX.checked_shr(64 - len as u32).unwrap_or(0);
            let mut begins = !separators & (separators << 1 | u64::from(!open)) & inside;
            while begins != 0 {
                let k = begins.trailing_zeros();
                if may_begin(bytes[i + k as usize]) {
                    // Its end is the first separator after it; with none, it runs on.
                    let after = separators & u64::MAX.checked_shl(k + 1).unwrap_or(0);
                    if after == 0 {
                        start = Some(i + k as usize);
                    } else {
                        emit(i + k as usize, i + after.trailing_zeros() as usize);
                    }
                }
                begins &= begins - 1;
            }
            open = separators >> (len - 1) & 1 == 0;
            i += len;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        if other_separates(c) {
            if let Some(s) = start.take() {
                emit(s, i);
            }
            open = false;
        } else if !open {
            open = true;
            if may_begin(bytes[i]) {
                start = Some(i);
            }
        }
        i += c.len_utf8();
    }
    if let Some(s) = start {
        emit(s, text.len());
    }
}

/// Whitespace-separated tokens of a text, found once per document and shared: the words
/// between two positions are counted with two binary searches instead of a scan, and the
/// word count and near-duplicate signature read the same list.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// (start, end, has a letter or digit)
    tokens: Vec<(usize, usize, bool)>,
}

impl Words {
    /// Tokens as `split_whitespace` finds them.
    pub fn new(text: &str) -> Words {
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let _ = runs(text, spaces, char::is_whitespace, |s, e, alnum| {
            tokens.push((s, e, alnum));
            ControlFlow::Continue(())
        });
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
    fn tokens_are_those_split_whitespace_gives() {
        // Every ASCII byte class the word-at-a-time scan tells apart, the bytes around each
        // range's edges, and characters that are not ASCII, in pseudo-random strings.
        let alphabet = [
            " ", "\n", "\t", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "a", "z", "A", "Z", "0", "9", "/",
            ":", "@", "[", "`", "{", "_", "-", ".", "\u{7F}", "é", "\u{A0}", "\u{3000}", "ø",
        ];
        for text in crate::text::testing::random_texts(&alphabet, 7, 4_000) {
            let want: Vec<(usize, usize, bool)> = text
                .split_whitespace()
                .map(|w| {
                    let at = w.as_ptr() as usize - text.as_ptr() as usize;
                    (at, at + w.len(), w.chars().any(char::is_alphanumeric))
                })
                .collect();
            assert_eq!(Words::new(&text).tokens, want, "{text:?}");
        }
    }

    #[test]
    fn runs_over_long_texts_are_those_a_character_walk_finds() {
        // Texts long enough for whole 64-byte blocks, mostly ASCII with the odd character
        // beyond it, cut at every block offset; separators as each caller has them.
        let name_separator =
            |b: u8| b.is_ascii_whitespace() || b == 0x0b || b",;:()\".!?".contains(&b);
        // ASCII separators a machine word at a time, beyond ASCII, and any one character.
        type Kind<'a> = (
            &'a dyn Fn(u64) -> u64,
            &'a dyn Fn(char) -> bool,
            &'a dyn Fn(char) -> bool,
        );
        let kinds: [Kind; 3] = [
            (&spaces, &char::is_whitespace, &char::is_whitespace),
            (
                &|x: u64| {
                    x.to_le_bytes().iter().enumerate().fold(0, |m, (k, &b)| {
                        m | u64::from(name_separator(b)) << (8 * k + 7)
                    })
                },
                &char::is_whitespace,
                &|c| {
                    if c.is_ascii() {
                        name_separator(c as u8)
                    } else {
                        c.is_whitespace()
                    }
                },
            ),
            (&|x| !letters(x) & HIGH, &|_| true, &|c| {
                !c.is_ascii_alphabetic()
            }),
        ];
        let alphabet = [
            "a", "b", "Z", "0", " ", " ", "word ", "Karsk, ", "(x) ", "\n", "\t", ".", "_", "-",
            "é", "\u{A0}", "\u{3000}", "’",
        ];
        let mut seed: u64 = 11;
        for round in 0..300 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = 20 + (seed >> 56) as usize;
            let rare = 1 + round % 3 * 20; // one piece in `rare` may be beyond ASCII
            let text: String = (0..len)
                .map(|k| {
                    let r = seed.rotate_left(5 * k as u32) ^ (k as u64).wrapping_mul(0x9e37_79b9);
                    if r % rare == 0 {
                        alphabet[14 + (r >> 8) as usize % 4]
                    } else {
                        alphabet[(r >> 8) as usize % 14]
                    }
                })
                .collect();
            for (ascii, other, separates) in &kinds {
                for cut in (0..64.min(text.len())).filter(|&c| text.is_char_boundary(c)) {
                    let piece = &text[cut..];
                    let mut got = Vec::new();
                    let _ = runs(piece, ascii, other, |s, e, a| {
                        got.push((s, e, a));
                        ControlFlow::Continue(())
                    });
                    let mut want = Vec::new();
                    let mut open: Option<(usize, bool)> = None;
                    for (i, c) in piece.char_indices().chain([(piece.len(), ' ')]) {
                        let sep = i == piece.len() || separates(c);
                        match (sep, open) {
                            (true, Some((s, a))) => {
                                want.push((s, i, a));
                                open = None;
                            }
                            (false, None) => open = Some((i, c.is_alphanumeric())),
                            (false, Some((s, a))) => open = Some((s, a || c.is_alphanumeric())),
                            (true, None) => {}
                        }
                    }
                    assert_eq!(got, want, "{piece:?}");
                    // Only the runs starting with a capital, a `w` or a character beyond
                    // ASCII: each found, and its end, with the others passed over.
                    let may_begin = |b: u8| b >= 0x80 || b.is_ascii_uppercase() || b == b'w';
                    let mut some = Vec::new();
                    runs_beginning(piece, ascii, other, may_begin, |s, e| some.push((s, e)));
                    let want: Vec<(usize, usize)> = want
                        .iter()
                        .filter(|&&(s, _, _)| may_begin(piece.as_bytes()[s]))
                        .map(|&(s, e, _)| (s, e))
                        .collect();
                    assert_eq!(some, want, "{piece:?}");
                }
            }
        }
    }

    #[test]
    fn gather_moves_each_bytes_flag_to_its_bit() {
        for mask in 0..256u64 {
            let high_bits = (0..8)
                .filter(|k| mask >> k & 1 == 1)
                .fold(0, |h, k| h | 0x80 << (8 * k));
            assert_eq!(gather(high_bits), mask, "{high_bits:#x}");
        }
    }

    #[test]
    fn a_span_is_ascii_as_the_standard_library_says() {
        // Every span of up to twelve bytes, near the end of the text and away from it, with
        // bytes beyond ASCII just inside and just outside.
        let text = "ab é cdefgh ijklmnop ÖqrÖ stuvw xyz";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start + 1..=(start + 12).min(bytes.len()) {
                assert_eq!(
                    is_ascii_span(bytes, start..end),
                    bytes[start..end].is_ascii(),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn finds_ascii_digits_anywhere() {
        for (text, want) in [
            ("", false),
            ("no digits here, only words and é", false),
            ("seven", false),
            ("°½²٣", false),
            ("a long line without any number in it at all 7", true),
            ("9 at the start", true),
            ("before é0", true),
        ] {
            assert_eq!(has_ascii_digit(text), want, "{text:?}");
            for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
                let piece = &text[cut..];
                assert_eq!(
                    has_ascii_digit(piece),
                    piece.bytes().any(|b| b.is_ascii_digit())
                );
            }
        }
    }

    #[test]
    fn a_run_of_ascii_letters_ends_where_the_byte_loop_ends_it() {
        let text = "Karsk's_varrow[dunmereZ]Marrowvale`{@ Ölstad éa1bcdefghijklmnopq";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let want = from
                + bytes[from..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
            assert_eq!(
                ascii_run_end(bytes, from, ascii_letter_bytes),
                want,
                "from {from}"
            );
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
