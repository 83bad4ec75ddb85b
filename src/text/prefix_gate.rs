//! Which of several regexes may match a text, from one scan for all their prefixes.
//!
//! The lexicon's terms are regexes of their own, and each scanned every article with its
//! own prefilter: eleven scans of each text, about 7% of a run's instructions. Every match
//! of a regex starts with one of the prefix literals regex-syntax extracts from it (when
//! that set is finite: the guarantee the regex crate's prefilters rest on), so one scan for
//! all the regexes' literals says which regexes cannot match, and those are not run.
//!
//! The scan is case-blind: it reads an ASCII-lower-cased copy of the text for the
//! lower-cased literals, which can only find more than the regexes do. Literals are cut to
//! their first [`KEY_LEN`] bytes, which keeps the set small: one SIMD (Teddy) search holds
//! up to [`GROUP`] of them, a larger set takes a search per group, and one larger than
//! [`GROUPS`] groups (a lexicon of hundreds of terms) takes one Aho-Corasick automaton. A
//! regex with no finite set of literals, or with an empty one, is always run, and so is
//! every regex when no such search can be built on the machine.

use aho_corasick::packed::{Config, MatchKind, Searcher};
use aho_corasick::{AhoCorasick, Input, Span};
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Bytes of a literal searched for: enough to tell most words apart.
const KEY_LEN: usize = 4;
/// Keys one Teddy search holds at most.
const GROUP: usize = 64;
/// Teddy searches a text gets at most: more keys than these hold go to one automaton.
const GROUPS: usize = 4;

#[derive(Debug, Clone)]
pub struct PrefixGate {
    search: Search,
    /// For each key searched for, the regexes one of whose keys it starts with: a search
    /// for the longest key at each place finds the others there too.
    owners: Vec<Vec<usize>>,
    /// Regexes run whatever the text holds.
    always: Vec<bool>,
    /// Whether the keys were drawn from the letters as written (see [`folded`]): a text
    /// holding the Kelvin sign or the long s is then not searched.
    folded: bool,
}

/// How the keys are searched for.
#[derive(Debug, Clone)]
enum Search {
    /// Nothing to search for, or no search could be built.
    None,
    /// Teddy searches for up to [`GROUP`] keys each, with the index of their first key.
    Teddy(Vec<(Searcher, usize)>),
    /// An Aho-Corasick automaton for all the keys: a large lexicon's thousands of keys in
    /// one pass, not one Teddy search for each 64.
    Automaton(AhoCorasick),
}

impl Default for PrefixGate {
    /// A gate for no regexes.
    fn default() -> PrefixGate {
        PrefixGate::new([], false)
    }
}

thread_local! {
    /// The lower-cased copy of the text, kept from one text to the next.
    static LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl PrefixGate {
    /// A gate for regexes written as `patterns`, parsed as the regex crate parses them with
    /// `case_insensitive`.
    pub fn new<'a>(
        patterns: impl IntoIterator<Item = &'a str>,
        case_insensitive: bool,
    ) -> PrefixGate {
        let keys = patterns
            .into_iter()
            .map(|p| keys_of(p, case_insensitive))
            .collect();
        PrefixGate::with_keys(keys, false)
    }

    /// A gate for regexes parsed as `hirs`, their keys drawn from the letters as written
    /// (see [`folded`]); a regex with a key shorter than `min_key_len`, or not parsed
    /// (`None`), is always run.
    pub fn of_hirs<'h>(
        hirs: impl IntoIterator<Item = Option<&'h Hir>>,
        min_key_len: usize,
    ) -> PrefixGate {
        let keys = hirs
            .into_iter()
            .map(|h| {
                keys_of_hir(h?).filter(|k| k.iter().all(|k| k.len() >= min_key_len))
            })
            .collect();
        PrefixGate::with_keys(keys, true)
    }

    /// A gate for regexes with these keys (`None`: always run).
    fn with_keys(keys: Vec<Option<Vec<Vec<u8>>>>, folded: bool) -> PrefixGate {
        let always: Vec<bool> = keys.iter().map(Option::is_none).collect();
        // Each distinct key, in order, with the regexes it is a key of.
        let mut by_key: BTreeMap<&[u8], Vec<usize>> = BTreeMap::new();
        for (o, mine) in keys.iter().enumerate() {
            for k in mine.iter().flatten() {
                by_key.entry(k.as_slice()).or_default().push(o);
            }
        }
        let distinct: Vec<&[u8]> = by_key.keys().copied().collect();
        // A key's owners: those of each of its prefixes that is a key (at most KEY_LEN).
        let owners = distinct
            .iter()
            .map(|key| {
                let mut o: Vec<usize> = (1..=key.len())
                    .filter_map(|n| by_key.get(&key[..n]))
                    .flatten()
                    .copied()
                    .collect();
                o.sort_unstable();
                o.dedup();
                o
            })
            .collect();
        let search = if distinct.is_empty() {
            Search::None
        } else if distinct.len() <= GROUP * GROUPS {
            let teddy: Option<Vec<(Searcher, usize)>> = distinct
                .chunks(GROUP)
                .enumerate()
                .map(|(k, keys)| {
                    let mut builder = Config::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .builder();
                    builder.extend(keys);
                    Some((builder.build()?, k * GROUP))
                })
                .collect();
            teddy.map_or(Search::None, Search::Teddy)
        } else {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&distinct)
                .map_or(Search::None, Search::Automaton)
        };
        let mut always = always;
        // Without a search (no vector instructions on this machine), every regex runs.
        if matches!(search, Search::None) && !distinct.is_empty() {
            always.fill(true);
        }
        PrefixGate {
            search,
            owners,
            always,
            folded,
        }
    }

    /// Calls `found` with each key found in `text` and where it starts, in no set order.
    /// Every place a key starts is visited (each search goes on one byte after the last
    /// match's start): the longest key there stands for the keys it starts with.
    fn scan(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        LOWER.with_borrow_mut(|lower| {
            lower.clear();
            lower.extend_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            let lower = &lower[..];
            match &self.search {
                Search::None => {}
                Search::Teddy(searchers) => {
                    for (searcher, first) in searchers {
                        let mut at = 0;
                        while let Some(m) = searcher.find_in(lower, Span::from(at..lower.len())) {
                            found(first + m.pattern().as_usize(), m.start());
                            at = m.start() + 1;
                        }
                    }
                }
                Search::Automaton(automaton) => {
                    let mut at = 0;
                    while let Some(m) = automaton.find(Input::new(lower).span(at..lower.len())) {
                        found(m.pattern().as_usize(), m.start());
                        at = m.start() + 1;
                    }
                }
            }
        });
    }

    /// For each regex, in the order given, whether it may match somewhere in `text`: false
    /// only when it cannot.
    pub fn may_match(&self, text: &str) -> Vec<bool> {
        let mut may = self.always.clone();
        if matches!(self.search, Search::None) || (self.folded && folds_to_ascii(text)) {
            may.fill(true);
            return may;
        }
        self.scan(text, |key, _| {
            for &o in &self.owners[key] {
                may[o] = true;
            }
        });
        may
    }

    /// For each regex, in the order given, the places in `text` where its matches may
    /// start, in order: every match of it in `text`, or in any part of `text` searched on
    /// its own, starts at one of them (a key is a prefix of the match, so it lies inside
    /// any part the match does). `None` for a regex always run, and for every regex when
    /// the text cannot be searched (see [`folds_to_ascii`]).
    pub fn starts(&self, text: &str) -> Vec<Option<Vec<usize>>> {
        let mut starts: Vec<Option<Vec<usize>>> = self
            .always
            .iter()
            .map(|&always| (!always).then(Vec::new))
            .collect();
        if self.folded && folds_to_ascii(text) {
            starts.fill(None);
            return starts;
        }
        self.scan(text, |key, at| {
            for &o in &self.owners[key] {
                if let Some(s) = &mut starts[o] {
                    s.push(at);
                }
            }
        });
        for s in starts.iter_mut().flatten() {
            s.sort_unstable();
            s.dedup();
        }
        starts
    }
}

/// Whether `text` holds a character whose case folds to an ASCII letter (the Kelvin sign
/// and the long s: `(?i)k` and `(?i)s` match them), which its ASCII-lower-cased copy does
/// not show as that letter: keys drawn from the letters as written (see [`folded`]) are
/// not searched for in it.
fn folds_to_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{17F}".as_bytes()).is_some()
}

/// Where the matches of one regex may start in a text: the places one of its prefix
/// literals does (see [`keys_of_hir`]), found by a SIMD search of the text's ASCII-lower-
/// cased copy, where a regex's lazy DFA reads every byte, several times slower. For regexes
/// read over whole texts, which hold few of those places.
#[derive(Debug, Clone)]
pub struct Starts {
    /// Teddy searches for up to [`GROUP`] keys each.
    groups: Vec<Searcher>,
}

/// Keys at least this long: a shorter one ("no", "in") starts in most sentences.
const MIN_KEY_LEN: usize = 3;

thread_local! {
    /// The lower-cased copy of the text [`Starts`] reads, kept from one text to the next.
    static STARTS_LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl Starts {
    /// For a regex parsed as `hir`: `None` when its keys would not make a good search (no
    /// finite set, one shorter than [`MIN_KEY_LEN`], more than [`GROUPS`] groups) or no
    /// search can be built on the machine.
    pub fn new(hir: &Hir) -> Option<Starts> {
        let keys = keys_of_hir(hir)?;
        if keys.iter().any(|k| k.len() < MIN_KEY_LEN) || keys.len() > GROUP * GROUPS {
            return None;
        }
        let groups = keys
            .chunks(GROUP)
            .map(|keys| {
                let mut builder = Config::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .builder();
                builder.extend(keys);
                builder.build()
            })
            .collect::<Option<Vec<Searcher>>>()?;
        Some(Starts { groups })
    }

    /// Every place in `text` where one of the keys starts, in order, into `out`; `None`
    /// when the text holds a character whose case folds to an ASCII letter (the Kelvin sign
    /// and the long s: `(?i)k` and `(?i)s` match them), which the lower-cased copy does not
    /// show as that letter, and the regex must then be searched as it is.
    pub fn positions(&self, text: &str, out: &mut Vec<usize>) -> Option<()> {
        let bytes = text.as_bytes();
        if folds_to_ascii(text) {
            return None;
        }
        out.clear();
        STARTS_LOWER.with_borrow_mut(|lower| {
            lower.clear();
            lower.extend_from_slice(bytes);
            lower.make_ascii_lowercase();
            // Every place a key starts is visited: each search goes on one byte after the
            // last match's start.
            for searcher in &self.groups {
                let mut at = 0;
                while let Some(m) = searcher.find_in(&lower[..], Span::from(at..lower.len())) {
                    out.push(m.start());
                    at = m.start() + 1;
                }
            }
        });
        if self.groups.len() > 1 {
            out.sort_unstable();
            out.dedup();
        }
        Some(())
    }
}

/// `hir` with each class of one ASCII letter in both cases (and the Kelvin sign or long s
/// that fold to `k` and `s`), which case-insensitive parsing makes of a letter, written as
/// the lower-case letter: prefix literals are then drawn from the words as written, not
/// from every mix of cases, which is too many for the extractor to keep. A text the regex
/// matches in, lower-cased in ASCII, holds such a literal where the match starts, unless
/// the letter matched is the Kelvin sign or long s (see [`Starts::positions`]).
fn folded(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Class, HirKind, Repetition};
    let letter = |chars: &[u32]| -> Option<u8> {
        let lower = chars
            .iter()
            .filter_map(|&c| u8::try_from(c).ok())
            .find(u8::is_ascii_lowercase)?;
        let mut want = vec![u32::from(lower.to_ascii_uppercase()), u32::from(lower)];
        match lower {
            b'k' => want.push(0x212A),
            b's' => want.push(0x17F),
            _ => {}
        }
        want.sort_unstable();
        (chars == want).then_some(lower)
    };
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let chars: Vec<u32> = c
                .ranges()
                .iter()
                .flat_map(|r| u32::from(r.start())..=u32::from(r.end()))
                .take(4)
                .collect();
            letter(&chars).map_or_else(|| hir.clone(), |l| Hir::literal([l]))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u32> = c
                .ranges()
                .iter()
                .flat_map(|r| u32::from(r.start())..=u32::from(r.end()))
                .take(4)
                .collect();
            letter(&bytes).map_or_else(|| hir.clone(), |l| Hir::literal([l]))
        }
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(folded).collect()),
        HirKind::Alternation(arms) => Hir::alternation(arms.iter().map(folded).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(folded(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => folded(&c.sub),
        _ => hir.clone(),
    }
}

/// The prefix literals of a regex parsed as `hir` (see [`folded`]), ASCII-lower-cased and
/// cut to [`KEY_LEN`] bytes, when every match of it starts with one of them and none is
/// empty.
fn keys_of_hir(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&folded(hir));
    let mut keys: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| {
            let bytes = l.as_bytes();
            bytes[..bytes.len().min(KEY_LEN)].to_ascii_lowercase()
        })
        .collect();
    if keys.iter().any(Vec::is_empty) {
        return None;
    }
    keys.sort();
    keys.dedup();
    Some(keys)
}

/// The prefix literals of `pattern`, ASCII-lower-cased and cut to [`KEY_LEN`] bytes, when
/// every match of it starts with one of them and none is empty.
fn keys_of(pattern: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let mut keys: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| {
            let bytes = l.as_bytes();
            bytes[..bytes.len().min(KEY_LEN)].to_ascii_lowercase()
        })
        .collect();
    if keys.iter().any(Vec::is_empty) {
        return None;
    }
    keys.sort();
    keys.dedup();
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_that_matches_is_never_ruled_out() {
        // Word-bounded terms as a lexicon writes them, and patterns whose prefixes are
        // prefixes of each other's or overlap ("ab", "abcd", "bcx"), one beyond ASCII, one
        // with letters that fold to characters beyond ASCII (the Kelvin sign, long s), one
        // starting with punctuation and one with no finite set of prefixes.
        let patterns = [
            r"\b(?:terror(?:ist)? (?:groups?|cells?)|terrorists?)\b",
            r"\b(?:varna(?:n)? regime)\b",
            r"\b(?:thanks to (?:\w+ )?sacrifices|heroic(?:ally)?)\b",
            r"\b(?:ölçek)\b",
            r"\b(?:kes|kasks?)\b",
            "ab",
            "abcd",
            "bcx",
            r"'s \w+",
            r"\w+ing\b",
        ];
        let regexes: Vec<regex::Regex> = patterns
            .iter()
            .map(|p| {
                regex::RegexBuilder::new(p)
                    .case_insensitive(true)
                    .build()
                    .unwrap()
            })
            .collect();
        let gate = PrefixGate::new(patterns, true);
        let pieces = [
            "Terror",
            "TERRORIST",
            "terrorists",
            " groups",
            " cells",
            "Varna",
            "varnan",
            " Regime",
            "regime",
            "thanks",
            " to",
            " our",
            " sacrifices",
            "Heroic",
            "heroically",
            "ÖLÇEK",
            "ölçek",
            "\u{212A}es",
            "kaſk",
            "KASKS",
            "ab",
            "AB",
            "c",
            "d",
            "x",
            "bcx",
            "'s",
            " ",
            "  ",
            ".",
            ",",
            "-",
            "going",
            "é",
            "\n",
        ];
        let (mut matched, mut ruled_out) = (0, 0);
        for text in crate::text::testing::random_texts(&pieces, 11, 3_000) {
            let may = gate.may_match(&text);
            for (i, re) in regexes.iter().enumerate() {
                if re.is_match(&text) {
                    assert!(may[i], "{} matches in {text:?}", patterns[i]);
                    matched += 1;
                } else {
                    ruled_out += usize::from(!may[i]);
                }
            }
        }
        assert!(
            matched > 5_000 && ruled_out > 5_000,
            "{matched} matched, {ruled_out} ruled out"
        );
    }

    #[test]
    fn keys_inside_longer_or_overlapping_keys_are_found() {
        // Alone, and among enough other keys to be searched by the automaton.
        let others: Vec<String> = (0..300).map(|i| format!("{i:04}z")).collect();
        for others in [&[][..], &others[..]] {
            let patterns = ["ab", "abcd", "bcx", "cx"]
                .into_iter()
                .chain(others.iter().map(String::as_str));
            let gate = PrefixGate::new(patterns, false);
            let first4 = |text| gate.may_match(text)[..4].to_vec();
            // The longest key at a place stands for the shorter ones there.
            assert_eq!(first4("xabcd"), [true, true, false, false]);
            // A key starting inside another key's match is found too.
            assert_eq!(first4("abcx"), [true, false, true, true]);
        }
    }

    #[test]
    fn many_keys_are_searched_in_groups_and_more_by_one_automaton() {
        for (n, teddy) in [(200, true), (5_000, false)] {
            // Distinct in their first four bytes, as the keys are.
            let words: Vec<String> = (0..n).map(|i| format!("{i:04}x")).collect();
            let gate = PrefixGate::new(words.iter().map(String::as_str), false);
            match &gate.search {
                Search::Teddy(groups) => assert!(teddy && groups.len() > 1),
                Search::Automaton(_) => assert!(!teddy),
                Search::None => panic!("no search built for {n} keys"),
            }
            let may = gate.may_match("a 0007X and 0150x; 019");
            let found: Vec<usize> = (0..n).filter(|&i| may[i]).collect();
            assert_eq!(found, [7, 150], "{n} keys");
        }
    }

    #[test]
    fn regexes_with_no_finite_or_an_empty_prefix_are_always_asked() {
        let gate = PrefixGate::new([r"\w+ing", "x?y?", "regime"], true);
        assert_eq!(gate.may_match("nothing here"), [true, true, false]);
        assert_eq!(gate.may_match(""), [true, true, false]);
        assert_eq!(gate.may_match("the REGIME"), [true, true, true]);
    }
}
