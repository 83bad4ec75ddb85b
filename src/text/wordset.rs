//! A small set of ASCII words looked up in any case, for gates that ask of every word of a
//! sentence whether it is one of them: most words are ruled out by their [`Shapes`] before
//! any hashing.

use super::shapes::Shapes;
use super::spans;
use foldhash::HashSet;

/// Longest word a set holds, in bytes.
const MAX_LEN: usize = 16;

#[derive(Debug, Clone)]
pub struct WordSet {
    words: HashSet<Box<[u8]>>,
    shapes: Shapes,
    /// The bytes a word of the set starts with, in either case.
    first: [bool; 256],
}

impl WordSet {
    /// `words` are ASCII letters only, at most 16 of them; others are left out.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut set = WordSet {
            words: HashSet::default(),
            shapes: Shapes::default(),
            first: [false; 256],
        };
        for w in words {
            let w = w.to_ascii_lowercase().into_bytes();
            if w.is_empty() || w.len() > MAX_LEN || !w.iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            set.first[usize::from(w[0])] = true;
            set.first[usize::from(w[0].to_ascii_uppercase())] = true;
            set.shapes.insert(&w);
            set.words.insert(w.into_boxed_slice());
        }
        set
    }

    /// Whether `word` (ASCII letters) is in the set, in any case.
    pub fn contains(&self, word: &[u8]) -> bool {
        let (Some(first), Some(last)) = (word.first(), word.last()) else {
            return false;
        };
        if word.len() > MAX_LEN || !first.is_ascii_alphabetic() || !last.is_ascii_alphabetic() {
            return false;
        }
        let second = word.get(1).map_or(0, u8::to_ascii_lowercase);
        let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
        if !self.shapes.may_contain(first, second, last, word.len()) {
            return false;
        }
        let mut buf = [0u8; MAX_LEN];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        self.words.contains(&*lower)
    }

    /// Whether some run of ASCII letters in `text` is in the set. Asked of most sentences,
    /// which hold no such word: the runs are found eight bytes at a time.
    pub fn any_word_in(&self, text: &str) -> bool {
        // Only the letter runs starting like a word of the set are looked at.
        let bytes = text.as_bytes();
        let mut found = false;
        spans::runs_beginning(
            text,
            |x| !spans::letters(x) & spans::HIGH,
            |_| true,
            |b| self.first[usize::from(b)],
            |s, e| found = found || self.contains(&bytes[s..e]),
        );
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_letter_runs_in_any_case_and_nothing_else() {
        let set = WordSet::new(["ten", "dozen", "Half", "x1", ""]);
        assert!(set.contains(b"TEN") && set.contains(b"Dozen") && set.contains(b"half"));
        // Same shape as a member, other letters; a member inside a longer word.
        assert!(!set.contains(b"tan") && !set.contains(b"often") && !set.contains(b"x1"));
        assert!(set.any_word_in("about TEN people"));
        assert!(set.any_word_in("a-dozen."));
        assert!(!set.any_word_in("often, tense and threatened: tenth? no"));
        assert!(set.any_word_in("ten's"));
        assert!(set.any_word_in("\u{e9}ten"));
        assert!(!set.any_word_in(""));
    }

    #[test]
    fn any_word_in_agrees_with_a_walk_over_the_letter_runs() {
        let set = WordSet::new(["ten", "dozen", "half", "a"]);
        let walk = |text: &str| {
            text.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| set.contains(w.as_bytes()))
        };
        let texts = [
            "often, tense and threatened: tenth? no",
            "a long sentence whose only number word comes at the very end: ten",
            "TEN at the start of a long sentence with nothing else in it",
            "an eight-letter word: tentacle, then dozens of them, caf\u{e9}ten",
            "x\u{e9}half\u{e9}y, HalF; dozen1 2dozen _a_",
            "abcdefghijklmnopqrstuvwxyz tenten tententen halfhalf",
        ];
        for text in texts {
            for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
                for piece in [&text[cut..], &text[..cut]] {
                    assert_eq!(set.any_word_in(piece), walk(piece), "{piece:?}");
                }
            }
        }
    }
}
