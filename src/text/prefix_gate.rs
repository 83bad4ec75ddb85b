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
//! up to [`GROUP`] of them, and a larger set takes a search per group. A regex with no
//! finite set of literals, or with an empty one, is always run, and so is every regex when
//! no such search can be built on the machine.

use aho_corasick::Span;
use aho_corasick::packed::{Config, MatchKind, Searcher};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::cell::RefCell;

/// Bytes of a literal searched for: enough to tell most words apart.
const KEY_LEN: usize = 4;
/// Keys one Teddy search holds at most.
const GROUP: usize = 64;

#[derive(Debug, Clone)]
pub struct PrefixGate {
    /// Searches for up to [`GROUP`] keys each, with the index of their first key.
    searchers: Vec<(Searcher, usize)>,
    /// For each key searched for, the regexes one of whose keys it starts with: a search
    /// for the longest key at each place finds the others there too.
    owners: Vec<Vec<usize>>,
    /// Regexes run whatever the text holds.
    always: Vec<bool>,
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
        let mut keys: Vec<(Vec<u8>, usize)> = Vec::new();
        let mut always = Vec::new();
        for (i, pattern) in patterns.into_iter().enumerate() {
            let mine = keys_of(pattern, case_insensitive);
            always.push(mine.is_none());
            keys.extend(mine.into_iter().flatten().map(|k| (k, i)));
        }
        keys.sort();
        keys.dedup();
        let mut distinct: Vec<&[u8]> = keys.iter().map(|(k, _)| k.as_slice()).collect();
        distinct.dedup();
        let owners = distinct
            .iter()
            .map(|key| {
                let mut o: Vec<usize> = keys
                    .iter()
                    .filter(|(k, _)| key.starts_with(k))
                    .map(|(_, o)| *o)
                    .collect();
                o.sort_unstable();
                o.dedup();
                o
            })
            .collect();
        let searchers: Option<Vec<(Searcher, usize)>> = distinct
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
        // Without a vector search on this machine, every regex runs.
        if searchers.is_none() {
            always.fill(true);
        }
        PrefixGate {
            searchers: searchers.unwrap_or_default(),
            owners,
            always,
        }
    }

    /// For each regex, in the order given, whether it may match somewhere in `text`: false
    /// only when it cannot.
    pub fn may_match(&self, text: &str) -> Vec<bool> {
        let mut may = self.always.clone();
        if self.searchers.is_empty() {
            return may;
        }
        LOWER.with_borrow_mut(|lower| {
            lower.clear();
            lower.extend_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            for (searcher, first) in &self.searchers {
                let mut at = 0;
                while let Some(m) = searcher.find_in(&lower[..], Span::from(at..lower.len())) {
                    for &o in &self.owners[first + m.pattern().as_usize()] {
                        may[o] = true;
                    }
                    // Every place a key starts is visited: the longest key there stands for
                    // the keys it starts with.
                    at = m.start() + 1;
                }
            }
        });
        may
    }
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
        let gate = PrefixGate::new(["ab", "abcd", "bcx", "cx"], false);
        // The longest key at a place stands for the shorter ones there.
        assert_eq!(gate.may_match("xabcd"), [true, true, false, false]);
        // A key starting inside another key's match is found too.
        assert_eq!(gate.may_match("abcx"), [true, false, true, true]);
    }

    #[test]
    fn many_keys_are_searched_in_groups() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i:03}x")).collect();
        let gate = PrefixGate::new(words.iter().map(String::as_str), false);
        assert!(gate.searchers.len() > 1);
        let may = gate.may_match("a W007X and w150x; w19");
        let found: Vec<usize> = (0..200).filter(|&i| may[i]).collect();
        assert_eq!(found, [7, 150]);
    }

    #[test]
    fn regexes_with_no_finite_or_an_empty_prefix_are_always_asked() {
        let gate = PrefixGate::new([r"\w+ing", "x?y?", "regime"], true);
        assert_eq!(gate.may_match("nothing here"), [true, true, false]);
        assert_eq!(gate.may_match(""), [true, true, false]);
        assert_eq!(gate.may_match("the REGIME"), [true, true, true]);
    }
}
