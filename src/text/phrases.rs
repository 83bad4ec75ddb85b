//! Whole-word search for many literal phrases at once (a gazetteer's aliases).
//!
//! A regex alternation of a few hundred case-insensitive aliases is the costliest pattern to
//! compile, and its lazy DFA is slow until it has seen a good deal of text: on a small corpus
//! the two were a third of the run. This finds what that alternation (`\bAlias\b|...`, spaces
//! as `\s+`, longest alias first) finds by walking the text a word at a time and looking up
//! only the words that can begin a phrase: nothing to compile, nothing to warm up.

use super::shapes::Shapes;
use super::spans;
use foldhash::HashMap;
use std::ops::Range;

/// Phrases to find in any case, and phrases to find as written (acronyms), searched in one
/// walk over the text. Built once, searched in every document.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    dictionaries: [Dictionary; 2],
    /// Whether either dictionary's [`Dictionary::first`] holds a byte: words starting with
    /// any other are passed over without finding their end.
    first: Box<[bool; 256]>,
    /// Either dictionary's [`Dictionary::pairs`]: most words that start like a head ("the",
    /// "and" beside "Tal Abyad") are ruled out here, before either dictionary is asked. A
    /// pair with a byte beyond ASCII is never ruled out.
    pairs: Box<[u64; 1 << 10]>,
}

impl PhraseSet {
    /// `any_case` and `as_written` are canonical phrases (single spaces, trimmed).
    pub fn new<S: AsRef<str>>(any_case: &[S], as_written: &[S]) -> PhraseSet {
        let dictionaries = [
            Dictionary::new(any_case, true),
            Dictionary::new(as_written, false),
        ];
        let mut first = Box::new([false; 256]);
        for (b, may) in first.iter_mut().enumerate() {
            *may = dictionaries.iter().any(|d| d.first[b]);
        }
        let mut pairs = Box::new([0u64; 1 << 10]);
        for (k, bits) in pairs.iter_mut().enumerate() {
            *bits = dictionaries.iter().fold(0, |all, d| all | d.pairs[k]);
        }
        PhraseSet {
            dictionaries,
            first,
            pairs,
        }
    }

    /// Whether the word at `span` of `bytes` may be some dictionary's head, by its first
    /// two bytes.
    fn may_be_head(&self, bytes: &[u8], span: &Range<usize>) -> bool {
        let a = bytes[span.start];
        let b = if span.len() > 1 {
            bytes[span.start + 1]
        } else {
            0
        };
        let k = pair(a, b);
        (a | b) >= 0x80 || self.pairs[k / 64] & (1 << (k % 64)) != 0
    }

    /// For each dictionary (any case, then as written), its non-overlapping matches left to
    /// right, each the longest phrase matching at the leftmost position not yet covered, with
    /// whether it is case-sensitive.
    pub fn find_iter(&self, text: &str) -> Vec<(Range<usize>, bool)> {
        if self.dictionaries.iter().all(|d| d.phrases.is_empty()) {
            return Vec::new();
        }
        let punctuation = self
            .dictionaries
            .iter()
            .any(|d| d.punctuation_heads && !d.phrases.is_empty());
        self.walk(text, punctuation)
    }

    /// The search, visiting every character that is not a word character as well as every
    /// word when `every_character` (a phrase may start with punctuation), and otherwise
    /// only the words whose first two bytes may start a head, found 64 bytes at a time from
    /// bit masks.
    fn walk(&self, text: &str, every_character: bool) -> Vec<(Range<usize>, bool)> {
        let mut search = Search::default();
        if every_character {
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let (end, word) = if bytes[i] < 0x80 {
                    if WORD[bytes[i] as usize] {
                        (word_end(text, i), true)
                    } else {
                        (i + 1, false)
                    }
                } else {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if is_word_character(c) {
                        (word_end(text, i), true)
                    } else {
                        (i + c.len_utf8(), false)
                    }
                };
                self.visit(text, i..end, word, false, &mut search);
                i = end;
            }
        } else {
            spans::runs_beginning(
                text,
                |x| !spans::ascii_word_bytes(x) & spans::HIGH,
                |c| !is_word_character(c),
                |b| self.first[usize::from(b)],
                |s, e| {
                    if self.may_be_head(text.as_bytes(), &(s..e)) {
                        self.visit(text, s..e, true, true, &mut search);
                    }
                },
            );
        }
        let [any_case, as_written] = search.found;
        any_case
            .into_iter()
            .map(|r| (r, false))
            .chain(as_written.into_iter().map(|r| (r, true)))
            .collect()
    }

    /// Ask each dictionary for the longest phrase at `head`: a word, or (`word` false) a
    /// character that only a phrase starting with one can start at. With `by_first`, a
    /// dictionary none of whose heads can start with the head's first byte is not asked.
    fn visit(
        &self,
        text: &str,
        head: Range<usize>,
        word: bool,
        by_first: bool,
        search: &mut Search,
    ) {
        let bytes = text.as_bytes();
        let (i, end) = (head.start, head.end);
        let ascii = word && spans::is_ascii_span(bytes, i..end);
        let second = if end - i > 1 { bytes[i + 1] } else { 0 };
        for (k, d) in self.dictionaries.iter().enumerate() {
            if by_first && !d.first[usize::from(bytes[i])] || i < search.resume[k] {
                continue;
            }
            let may_start = if !word {
                d.punctuation_heads && !text[i..end].starts_with(char::is_whitespace)
            } else if ascii {
                // Folding keeps the length of an ASCII word.
                let (a, z) = (d.fold_byte(bytes[i]), d.fold_byte(bytes[end - 1]));
                d.shapes.may_contain(a, d.fold_byte(second), z, end - i)
            } else {
                // Folding may shrink a character to a third of its bytes, or grow it.
                end - i <= d.longest_head * 3
            };
            if !may_start {
                continue;
            }
            if let Some(m) = d.match_at(text, i..end, &mut search.key) {
                search.found[k].push(i..m);
                // Each dictionary resumes after its own last match.
                search.resume[k] = m;
            }
        }
    }
}

/// A word's first two bytes as a bit of [`PhraseSet::pairs`].
fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// What a search has found so far.
#[derive(Default)]
struct Search {
    found: [Vec<Range<usize>>; 2],
    resume: [usize; 2],
    key: Vec<u8>,
}

/// Phrases compared one way (in any case, or as written).
#[derive(Debug, Clone)]
struct Dictionary {
    /// A phrase's head (its first word, or its first character when that is not a word
    /// character), folded, to the phrases that start with it, longest first.
    by_head: HashMap<Box<[u8]>, Vec<usize>>,
    /// The heads of at most eight bytes as machine words, bytes past the head zero: most
    /// words asked about are short, and a word is cheaper to hash and compare than a slice.
    short_heads: HashMap<u64, Vec<usize>>,
    /// Phrases, folded (lower case when `fold_case`; single spaces).
    phrases: Vec<Box<str>>,
    /// Whether a phrase ends in a word character, so a word boundary is required after it.
    closed: Vec<bool>,
    /// What follows a phrase's head: whether a space, and the first byte after it (0 when
    /// the phrase is its head alone). Most phrases sharing a head ("National Army", "National
    /// Guard") are told apart by it without comparing them.
    after_head: Vec<(bool, u8)>,
    /// The shapes of the all-ASCII heads: an ASCII word whose shape is not among them is no
    /// head, without building and hashing its key. Most
    /// words that share a first letter and a length with a head ("and", "about") differ
    /// from it in their second or last letter.
    shapes: Shapes,
    /// The longest head, in bytes.
    longest_head: usize,
    /// Whether some phrase starts with a character that is not a word character.
    punctuation_heads: bool,
    /// The first bytes a head can have in the text: either case of a folded ASCII head's
    /// first byte, and every byte beyond ASCII (a character beyond ASCII may fold to an
    /// ASCII one).
    first: Box<[bool; 256]>,
    /// The first two bytes (the second 0 for a head of one byte) a head can start with in
    /// the text, one bit a pair, spelt as [`Dictionary::first`] is: a word whose first two
    /// bytes are ASCII folds to them lower-cased, so only a head starting with those can be
    /// it.
    pairs: Box<[u64; 1 << 10]>,
    fold_case: bool,
}

impl Dictionary {
    /// With `fold_case` phrases match in any case (both sides lower-cased).
    fn new<S: AsRef<str>>(phrases: &[S], fold_case: bool) -> Dictionary {
        let mut set = Dictionary {
            by_head: HashMap::default(),
            short_heads: HashMap::default(),
            phrases: Vec::new(),
            closed: Vec::new(),
            after_head: Vec::new(),
            shapes: Shapes::default(),
            longest_head: 0,
            punctuation_heads: false,
            first: Box::new([false; 256]),
            pairs: Box::new([0; 1 << 10]),
            fold_case,
        };
        for p in phrases {
            let folded = fold(p.as_ref(), fold_case);
            let Some(head) = head(&folded, 0) else {
                continue;
            };
            let first = folded[head.clone()].chars().next().unwrap_or(' ');
            set.punctuation_heads |= !is_word_character(first);
            let bytes = &folded.as_bytes()[head.clone()];
            if bytes.is_ascii() {
                set.shapes.insert(bytes);
            }
            set.longest_head = set.longest_head.max(head.len());
            set.by_head
                .entry(bytes.into())
                .or_default()
                .push(set.phrases.len());
            let rest = &folded.as_bytes()[head.end..];
            set.after_head.push(match rest {
                [] => (false, 0),
                [b' ', next, ..] => (true, *next),
                [next, ..] => (false, *next),
            });
            set.closed
                .push(folded.chars().next_back().is_some_and(is_word_character));
            set.phrases.push(folded.into());
        }
        set.first[0x80..].fill(true);
        // The spellings of a folded byte in the text: either case when folding.
        let cases = |x: u8| [x, if fold_case { x.to_ascii_uppercase() } else { x }];
        for head in set.by_head.keys() {
            let Some(&a) = head.first() else {
                continue;
            };
            let b = head.get(1).copied().unwrap_or(0);
            for a in cases(a) {
                set.first[usize::from(a)] = true;
                for b in cases(b) {
                    let k = pair(a, b);
                    set.pairs[k / 64] |= 1 << (k % 64);
                }
            }
        }
        for ids in set.by_head.values_mut() {
            ids.sort_by(|&a, &b| {
                let (a, b) = (&set.phrases[a], &set.phrases[b]);
                b.len().cmp(&a.len()).then_with(|| a.cmp(b))
            });
        }
        for (head, ids) in &set.by_head {
            if head.len() <= 8 {
                let mut word = [0u8; 8];
                word[..head.len()].copy_from_slice(head);
                set.short_heads
                    .insert(u64::from_le_bytes(word), ids.clone());
            }
        }
        set
    }

    /// The text's head at `head` as a key of [`Dictionary::short_heads`], when it is one
    /// the map would hold: at most eight bytes, folded as the heads are (ASCII only, when
    /// folding), no NUL.
    fn short_key(&self, bytes: &[u8], head: &Range<usize>) -> Option<u64> {
        let x = spans::short_word(bytes, head)?;
        if x & 0xff == 0 {
            return None;
        }
        if !self.fold_case {
            return Some(x);
        }
        (x & spans::HIGH == 0).then(|| spans::ascii_lowercase(x))
    }

    fn fold_byte(&self, b: u8) -> u8 {
        if self.fold_case {
            b.to_ascii_lowercase()
        } else {
            b
        }
    }

    /// The end of the longest phrase matching at `head.start` as whole words, given the
    /// text's head there.
    // Called for one word in six; kept out of the walk's loop, which it would bloat.
    #[inline(never)]
    fn match_at(&self, text: &str, head: Range<usize>, key: &mut Vec<u8>) -> Option<usize> {
        let at = head.start;
        let bytes = text.as_bytes();
        let ids = match self.short_key(bytes, &head) {
            Some(short) => self.short_heads.get(&short)?,
            None => {
                let word = &text[head.clone()];
                key.clear();
                if !self.fold_case {
                    key.extend_from_slice(word.as_bytes());
                } else if word.is_ascii() {
                    key.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
                } else {
                    key.extend_from_slice(fold(word, true).as_bytes());
                }
                self.by_head.get(key.as_slice())?
            }
        };
        let mut e = head.end;
        let spaced = bytes
            .get(e)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == 0x0b);
        while bytes
            .get(e)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == 0x0b)
        {
            e += 1;
        }
        let next = bytes.get(e).map_or(0, |&b| self.fold_byte(b));
        ids.iter().find_map(|&id| {
            // Only an ASCII byte after the head rules a phrase out; anything else is compared.
            let (space, want) = self.after_head[id];
            if want != 0 && want < 0x80 && next < 0x80 && (space, want) != (spaced, next) {
                return None;
            }
            let end = self.matches(text, at, &self.phrases[id])?;
            let open = self.closed[id] && text[end..].chars().next().is_some_and(is_word_character);
            (!open).then_some(end)
        })
    }

    /// Where `phrase` ends if the text at `at` reads as it does: a space stands for any run
    /// of whitespace, and with `fold_case` every character is compared lower-cased.
    fn matches(&self, text: &str, at: usize, phrase: &str) -> Option<usize> {
        // Most phrases and texts are ASCII: compare bytes until the first byte that is not.
        let (t, p) = (&text.as_bytes()[at..], phrase.as_bytes());
        let (mut i, mut j) = (0, 0);
        while j < p.len() {
            let (pb, tb) = (p[j], *t.get(i)?);
            if pb >= 0x80 || tb >= 0x80 {
                break;
            }
            if pb == b' ' {
                if !tb.is_ascii_whitespace() && tb != 0x0b {
                    return None;
                }
                while t
                    .get(i)
                    .is_some_and(|&b| b.is_ascii_whitespace() || b == 0x0b)
                {
                    i += 1;
                }
                // A non-ASCII space may continue the run: compare the rest by characters.
                if t.get(i).is_some_and(|&b| b >= 0x80) {
                    return self.matches_chars(text, at, phrase);
                }
                j += 1;
                continue;
            }
            if self.fold_byte(tb) != pb {
                return None;
            }
            i += 1;
            j += 1;
        }
        if j == p.len() {
            return Some(at + i);
        }
        self.matches_chars(text, at, phrase)
    }

    /// [`Dictionary::matches`], character by character.
    fn matches_chars(&self, text: &str, at: usize, phrase: &str) -> Option<usize> {
        let mut t = text[at..].char_indices().peekable();
        let mut p = phrase.chars();
        while let Some(pc) = p.next() {
            if pc == ' ' {
                if !t.next().is_some_and(|(_, c)| c.is_whitespace()) {
                    return None;
                }
                while t.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
                continue;
            }
            let (_, tc) = t.next()?;
            if !self.fold_case || tc.is_ascii() {
                let tc = if self.fold_case {
                    tc.to_ascii_lowercase()
                } else {
                    tc
                };
                if tc != pc {
                    return None;
                }
                continue;
            }
            // One text character may lower-case to several phrase characters.
            let mut lower = tc.to_lowercase();
            if lower.next() != Some(pc) {
                return None;
            }
            for l in lower {
                if p.next() != Some(l) {
                    return None;
                }
            }
        }
        Some(t.peek().map_or(text.len(), |&(k, _)| at + k))
    }
}

/// A phrase as the set keeps it: lower-cased when folding case.
fn fold(s: &str, fold_case: bool) -> String {
    if fold_case {
        s.chars().flat_map(char::to_lowercase).collect()
    } else {
        s.to_string()
    }
}

/// ASCII word characters (`[0-9A-Za-z_]`), by byte.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// A regex `\w` character, with a fast path for ASCII.
fn is_word_character(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// The end of the run of word characters starting at `at`.
fn word_end(s: &str, at: usize) -> usize {
    let bytes = s.as_bytes();
    let mut end = at;
    loop {
        end = spans::ascii_run_end(bytes, end, spans::ascii_word_bytes);
        // Past the ASCII word characters, a word character beyond ASCII goes on with them.
        if bytes.get(end).is_none_or(|&b| b < 0x80) {
            break;
        }
        match s[end..].chars().next() {
            Some(c) if is_word_character(c) => end += c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// The head of the phrase at `at`: its run of word characters, or its first character
/// when that is not a word character.
fn head(s: &str, at: usize) -> Option<Range<usize>> {
    let c = s[at..].chars().next()?;
    if is_word_character(c) {
        Some(at..word_end(s, at))
    } else {
        Some(at..at + c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(set: &PhraseSet, text: &'a str) -> Vec<&'a str> {
        set.find_iter(text)
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect()
    }

    fn any_case(phrases: &[&str]) -> PhraseSet {
        PhraseSet::new(phrases, &[])
    }

    #[test]
    fn a_word_ends_at_the_first_character_that_is_not_a_word_character() {
        let text = "al_Bab2020 Varrow-Dunmere naïve Ölstad_x straße.1234567890abcdefghij";
        for (at, _) in text.char_indices() {
            let naive = text[at..]
                .char_indices()
                .find(|&(_, c)| !is_word_character(c))
                .map_or(text.len(), |(k, _)| at + k);
            assert_eq!(word_end(text, at), naive, "from {at}");
        }
    }

    #[test]
    fn longest_phrase_wins_and_matches_do_not_overlap() {
        let set = any_case(&["north gate", "north gate camp", "gate camp"]);
        assert_eq!(
            words(&set, "Near the North  Gate\nCamp and the north gate."),
            ["North  Gate\nCamp", "north gate"]
        );
    }

    #[test]
    fn a_longer_phrase_that_fails_its_boundary_leaves_the_shorter() {
        let set = any_case(&["varna", "varna news"]);
        assert_eq!(
            words(&set, "Varna newsroom, Varnan news, Varna news."),
            ["Varna", "Varna news"]
        );
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let set = any_case(&["port", "o'hara", "(abc)", "al-bab"]);
        assert_eq!(
            words(&set, "Portland, a port; O'Hara's (ABC)x x(abc) Al-Bab"),
            ["port", "O'Hara", "(ABC)", "(abc)", "Al-Bab"]
        );
        assert!(words(&set, "airport sport_port port9 al-babs").is_empty());
    }

    #[test]
    fn case_is_kept_when_asked() {
        let set = PhraseSet::new(&[], &["UN", "WHO"]);
        assert_eq!(words(&set, "the UN and who, WHO, Un"), ["UN", "WHO"]);
    }

    #[test]
    fn one_letter_words_are_heads_too() {
        let set = PhraseSet::new(&["k", "b team"], &["Q"]);
        assert_eq!(
            words(&set, "Q met K, the B Team and q at b."),
            ["K", "B Team", "Q"]
        );
        assert!(words(&set, "Qa kb Ka bteam").is_empty());
    }

    #[test]
    fn unicode_case_and_whitespace() {
        let set = any_case(&["Şam", "ölçek köyü", "north gate"]);
        let text = "In ŞAM \u{a0}\n and Ölçek \t Köyü, Şamlı; İİ north\u{2003}gate.";
        assert_eq!(
            words(&set, text),
            ["ŞAM", "Ölçek \t Köyü", "north\u{2003}gate"]
        );
        // İ lower-cases to two characters: "i" alone is not half of it.
        let set = any_case(&["i"]);
        assert!(words(&set, "İ").is_empty());
    }

    #[test]
    fn the_word_walk_finds_what_visiting_every_character_finds() {
        // Phrases with no punctuation heads are searched word by word from bit masks; the
        // walk over every character is the reference. Texts are random pieces: the phrases
        // in other cases, their prefixes and extensions, characters beyond ASCII that fold
        // to ASCII ones (the Kelvin sign, dotted capital I), and assorted separators.
        let any = [
            "varna",
            "varna news",
            "ostra province",
            "kel",
            "i\u{307}stad",
            "şam",
        ];
        let written = ["UN", "VCF", "R7", "Kx"];
        let set = PhraseSet::new(&any, &written);
        assert!(!set.dictionaries.iter().any(|d| d.punctuation_heads));
        let pieces = [
            "Varna",
            "VARNA",
            "varna",
            "Varnan",
            "News",
            "news",
            "Ostra",
            "PROVINCE",
            "province",
            "UN",
            "un",
            "UNs",
            "VCF",
            "vcf",
            "R7",
            "r7",
            "Kx",
            "KEL",
            "\u{212A}el",
            "\u{212A}x",
            "İstad",
            "istad",
            "ŞAM",
            "Şamlı",
            "x",
            "_",
            "9",
            "é",
            " ",
            " ",
            "  ",
            "\n",
            "\u{a0}",
            ", ",
            ".",
            "-",
            "'",
            "(",
            "\u{2003}",
        ];
        let mut found = 0;
        for text in crate::text::testing::random_texts(&pieces, 7, 3_000) {
            let words = set.walk(&text, false);
            assert_eq!(words, set.walk(&text, true), "{text:?}");
            found += words.len();
        }
        assert!(found > 1_000, "the texts hold phrases: {found}");
    }

    #[test]
    fn short_heads_are_found_as_the_byte_keys_find_them() {
        // Heads of one to twelve bytes, in any case and as written, one beyond ASCII and
        // one a NUL character; texts cut short so that some words end near the end.
        let phrases = [
            "a",
            "ab x",
            "varna",
            "ostravar",
            "ostravarn",
            "dunmereland",
            "öl",
            "\0 z",
        ];
        let pieces = [
            "A",
            "ab",
            "AB",
            "Varna",
            "VARNA",
            "ostravar",
            "OstraVar",
            "ostravarn",
            "DunmereLand",
            "ÖL",
            "öl",
            "\0",
            "\u{212A}",
            " ",
            "  ",
            ".",
            "x",
        ];
        for fold_case in [true, false] {
            let d = Dictionary::new(&phrases, fold_case);
            let (mut short, mut hits) = (0, 0);
            for text in crate::text::testing::random_texts(&pieces, 3, 2_000) {
                let bytes = text.as_bytes();
                for (at, _) in text.char_indices() {
                    let h = head(&text, at).expect("a character");
                    let Some(k) = d.short_key(bytes, &h) else {
                        continue;
                    };
                    short += 1;
                    let key = fold(&text[h.clone()], fold_case);
                    let expected = d.by_head.get(key.as_bytes());
                    assert_eq!(
                        d.short_heads.get(&k),
                        expected,
                        "{:?} in {text:?}",
                        &text[h]
                    );
                    hits += usize::from(expected.is_some());
                }
            }
            assert!(
                short > 10_000 && hits > 1_000,
                "{short} short words, {hits} heads"
            );
        }
    }

    #[test]
    fn agrees_with_the_regex_alternation_it_replaces() {
        // Invented names with the shapes real aliases have: a name that prefixes a longer
        // one, acronyms, apostrophes and hyphens inside words, a letter-digit road number.
        let aliases = [
            "Varna",
            "Varnan Coastal Forces",
            "VCF",
            "Ostra",
            "Ostra province",
            "el-Nour",
            "Dun'at Meran el-Kas",
            "Meran el-Kas",
            "UN",
            "R7 highway",
            "Ba'arat el-Tin",
        ];
        let text = "The Varnan Coastal Forces (VCF) and el-Nour's Dun'at Meran el-Kas \
                    fought near Ostra Province, Ostras, the R7  highway and Ba'arat el-Tin; \
                    the UN said. VCFs, un, Varna-backed, MERAN EL-KAS.";
        let (acronyms, names): (Vec<&str>, Vec<&str>) = aliases
            .iter()
            .partition(|a| a.chars().all(|c| !c.is_lowercase()));
        let set = PhraseSet::new(&names, &acronyms);
        let found = set.find_iter(text);
        for (list, fold_case) in [(names, true), (acronyms, false)] {
            let mut sorted = list.clone();
            sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let pattern = sorted
                .iter()
                .map(|a| format!(r"\b{}\b", regex::escape(a).replace(' ', r"\s+")))
                .collect::<Vec<_>>()
                .join("|");
            let re = regex::RegexBuilder::new(&pattern)
                .case_insensitive(fold_case)
                .build()
                .unwrap();
            let expected: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
            assert!(
                expected.len() >= 2,
                "the text holds several of these: {expected:?}"
            );
            let ours: Vec<_> = found
                .iter()
                .filter(|(_, sensitive)| *sensitive != fold_case)
                .map(|(r, _)| r.clone())
                .collect();
            assert_eq!(ours, expected);
        }
    }
}
