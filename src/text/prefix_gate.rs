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
//! their first [`KEY_LEN`] bytes, which keeps the set small, and searched for by one
//! Aho-Corasick automaton that reports every place each is. A regex with no finite set of
//! literals, or with an empty one, is always run, and so is every regex when no such
//! search can be built.
//!
//! The same scan says where in a text each regex's matches may start ([`PrefixGate::starts`]),
//! so that a regex is asked only there; [`Starts`] does so for one regex over whole texts,
//! and [`Needs`] rules out the texts that hold no word some match would hold.

use aho_corasick::packed::{Config, MatchKind, Searcher};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Span};
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Bytes of a literal searched for: enough to tell most words apart.
const KEY_LEN: usize = 4;
/// Keys one Teddy search of [`Starts`] holds at most.
const GROUP: usize = 64;
/// Teddy searches [`Starts`] makes of a text at most.
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
    /// An Aho-Corasick automaton for all the keys, which reports every place each is in
    /// one pass. (Teddy searches, a few SIMD passes of up to 64 keys each, cost three times
    /// as much a byte on sentences: each had to start again one byte after each key found.)
    Automaton(AhoCorasick),
}

/// Keys an automaton is built as a DFA for at most.
const DFA_KEYS: usize = 2_000;

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
            .map(|h| keys_of_hir(h?).filter(|k| k.iter().all(|k| k.len() >= min_key_len)))
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
        } else {
            // A DFA reads a byte a step; beyond a few thousand keys it grows large, and the
            // crate picks.
            let kind = (distinct.len() <= DFA_KEYS).then_some(AhoCorasickKind::DFA);
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .kind(kind)
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

    /// Calls `found` with each key found in `text` and where it starts, in no set order:
    /// every place each key is (one pass, overlapping matches reported too).
    fn scan(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        let Search::Automaton(automaton) = &self.search else {
            return;
        };
        LOWER.with_borrow_mut(|lower| {
            lower.clear();
            lower.extend_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            for m in automaton.find_overlapping_iter(&lower[..]) {
                found(m.pattern().as_usize(), m.start());
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
    use memchr::memmem::Finder;
    static KELVIN: std::sync::LazyLock<Finder<'static>> =
        std::sync::LazyLock::new(|| Finder::new("\u{212A}"));
    static LONG_S: std::sync::LazyLock<Finder<'static>> =
        std::sync::LazyLock::new(|| Finder::new("\u{17F}"));
    let bytes = text.as_bytes();
    KELVIN.find(bytes).is_some() || LONG_S.find(bytes).is_some()
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

/// `hir` with `f` applied to its sub-expressions: concatenations, alternations and
/// repetitions rebuilt around them, a capture group replaced by what it holds; any other
/// node as it is. The structural half of a rewrite that changes only some leaves.
pub(crate) fn rebuilt(hir: &Hir, f: fn(&Hir) -> Hir) -> Hir {
    use regex_syntax::hir::{HirKind, Repetition};
    match hir.kind() {
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(f).collect()),
        HirKind::Alternation(arms) => Hir::alternation(arms.iter().map(f).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(f(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => f(&c.sub),
        _ => hir.clone(),
    }
}

/// `hir` with each class of one ASCII letter in both cases (and the Kelvin sign or long s
/// that fold to `k` and `s`), which case-insensitive parsing makes of a letter, written as
/// the lower-case letter: prefix literals are then drawn from the words as written, not
/// from every mix of cases, which is too many for the extractor to keep. A text the regex
/// matches in, lower-cased in ASCII, holds such a literal where the match starts, unless
/// the letter matched is the Kelvin sign or long s (see [`Starts::positions`]).
fn folded(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Class, HirKind};
    // The class of a letter in both cases; in Unicode mode, `k` and `s` also hold the
    // Kelvin sign and the long s.
    let letter = |chars: &[u32], unicode: bool| -> Option<u8> {
        let lower = chars
            .iter()
            .filter_map(|&c| u8::try_from(c).ok())
            .find(u8::is_ascii_lowercase)?;
        let mut want = vec![u32::from(lower.to_ascii_uppercase()), u32::from(lower)];
        match lower {
            b'k' if unicode => want.push(0x212A),
            b's' if unicode => want.push(0x17F),
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
            letter(&chars, true).map_or_else(|| hir.clone(), |l| Hir::literal([l]))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u32> = c
                .ranges()
                .iter()
                .flat_map(|r| u32::from(r.start())..=u32::from(r.end()))
                .take(4)
                .collect();
            letter(&bytes, false).map_or_else(|| hir.clone(), |l| Hir::literal([l]))
        }
        _ => rebuilt(hir, folded),
    }
}

/// Whether a text may hold a match of any of several regexes, from the words every match
/// of each must hold somewhere (not only at its start, see [`needs_of`]): one search for
/// them, where the regexes' own search reads every byte with a lazy DFA of them all. A
/// gate in front of that search for texts most of which hold no match.
#[derive(Debug, Clone)]
pub struct Needs {
    /// The words, any one of which in a text lets it through; `None`: every text is.
    words: Option<AhoCorasick>,
}

impl Needs {
    /// For regexes parsed as `hirs`: every text passes when one of them has no such words
    /// (or did not parse, `None`).
    pub fn of_hirs<'h>(hirs: impl IntoIterator<Item = Option<&'h Hir>>) -> Needs {
        let mut words: Vec<Vec<u8>> = Vec::new();
        for hir in hirs {
            match hir.and_then(needs_of) {
                Some(w) => words.extend(w),
                None => return Needs { words: None },
            }
        }
        words.sort();
        words.dedup();
        // A DFA reads a byte a step: on sentences a sixth fewer instructions than the
        // contiguous NFA the crate picks for these words.
        let kind = (words.len() <= DFA_KEYS).then_some(AhoCorasickKind::DFA);
        let words = (!words.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(kind)
                    .build(&words)
                    .ok()
            })
            .flatten();
        Needs { words }
    }

    /// Whether a regex may match somewhere in `text`: false only when none can.
    pub fn may_match(&self, text: &str) -> bool {
        match &self.words {
            None => true,
            // The words are drawn from the letters as written (see `folded`).
            Some(words) => folds_to_ascii(text) || words.is_match(text),
        }
    }
}

/// Words at least one of which every match of a regex parsed as `hir` holds, in the letters
/// as written (see [`folded`], which lower-cases letters of either case): of a sequence,
/// the best of its parts' words (none in most sentences, like a space, a letter or "the";
/// the longest shortest word; the fewest); of
/// alternatives, all of theirs. `None` when some match need hold none (a part that can be
/// empty, a large class).
fn needs_of(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    /// Words in most sentences, which let most texts through.
    const COMMON: &[&[u8]] = &[
        b"the", b"that", b"this", b"from", b"after", b"before", b"and", b"end", b"for", b"with",
        b"was", b"were", b"are", b"has", b"have", b"had", b"last", b"next", b"said",
    ];
    fn needs(hir: &Hir) -> Option<Vec<Vec<u8>>> {
        use regex_syntax::hir::{Class, HirKind};
        /// Classes of at most this many characters stand for their characters.
        const SMALL_CLASS: usize = 10;
        match hir.kind() {
            HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
            HirKind::Class(Class::Unicode(c)) => {
                let chars: Vec<char> = c
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .take(SMALL_CLASS + 1)
                    .collect();
                (chars.len() <= SMALL_CLASS)
                    .then(|| chars.iter().map(|c| c.to_string().into_bytes()).collect())
            }
            HirKind::Class(Class::Bytes(c)) => {
                let bytes: Vec<u8> = c
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .take(SMALL_CLASS + 1)
                    .collect();
                (bytes.len() <= SMALL_CLASS).then(|| bytes.iter().map(|b| vec![*b]).collect())
            }
            HirKind::Repetition(r) if r.min > 0 => needs(&r.sub),
            HirKind::Capture(c) => needs(&c.sub),
            // A space, a full stop or a letter alone is in every sentence, and "the", "of"
            // or "th" in most: any other words are better.
            HirKind::Concat(parts) => parts.iter().filter_map(needs).max_by_key(|w| {
                let common = w.iter().any(|w| {
                    (w.len() == 1 && !w[0].is_ascii_digit())
                        || (w.len() == 2 && w.iter().all(u8::is_ascii_alphabetic))
                        || COMMON.contains(&w.as_slice())
                });
                let shortest = w.iter().map(Vec::len).min().unwrap_or(0);
                (!common, shortest, std::cmp::Reverse(w.len()))
            }),
            HirKind::Alternation(arms) => {
                let mut all = Vec::new();
                for arm in arms {
                    all.extend(needs(arm)?);
                }
                Some(all)
            }
            _ => None,
        }
    }
    let words = needs(&folded(hir))?;
    (!words.is_empty() && words.iter().all(|w| !w.is_empty())).then_some(words)
}

/// The prefix literals of a regex parsed as `hir` (see [`folded`]), ASCII-lower-cased and
/// cut to [`KEY_LEN`] bytes, when every match of it starts with one of them and none is
/// empty.
fn keys_of_hir(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    prefix_keys(&folded(hir))
}

/// The prefix literals of `pattern`, ASCII-lower-cased and cut to [`KEY_LEN`] bytes, when
/// every match of it starts with one of them and none is empty.
fn keys_of(pattern: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()?;
    prefix_keys(&hir)
}

/// The prefix literals of `hir`, ASCII-lower-cased, cut to [`KEY_LEN`] bytes, sorted and
/// deduplicated; none when a match may start otherwise or a literal is empty.
fn prefix_keys(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
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

    /// Patterns as the extractors and the date recognisers write them, parsed as `gated`
    /// compiles them (case-insensitive; one in ASCII mode), with the pieces of text to
    /// build test texts from: their words in either case, letters that fold to ASCII ones
    /// (the Kelvin sign, long s), letters beyond ASCII, digits and punctuation.
    fn cases() -> (Vec<(&'static str, bool)>, Vec<&'static str>) {
        let patterns = vec![
            (
                r"\b(?:(?:killed)|(?:kills?)|(?:the )?(?:bodies|remains) of|KIA)\b",
                true,
            ),
            (
                r"\b(?:no one|no-one|nobody|none|no|not a single|zero)\b",
                true,
            ),
            (
                r"\b(?:(?:is|was) holding|has (?:largely )?held|calm (?:returned|held))\b",
                true,
            ),
            (
                r"(?:previous|earlier) (?:[a-z0-9.-]+ ){0,3}?(?:truces|deals)",
                true,
            ),
            (r"\b(?:ölçek|café)s?\b", true),
            (r"[,;:()]|\b(?:and|but)\b", true),
            (r"(?:\w+ )?held", true),
            (
                r"\b(?P<d>[0-3]?\d)\s+(?P<mon>(?i:march|may)|Jan\.?)(?:,?\s+(?P<y>20\d\d))?\b",
                false,
            ),
            (
                r"(?i)\b(?:the\s+)?(?:last|next)\s+(?P<unit>week|month|year)s?\b",
                false,
            ),
        ];
        let pieces = vec![
            "killed",
            "KILLED",
            "Kills",
            "\u{212A}ills",
            "bodies",
            "the ",
            "Remains",
            " of",
            "kia",
            "no",
            "NO",
            " one",
            "-one",
            "nobody",
            "none",
            "not a ",
            "single",
            "\u{17F}ingle",
            "zero",
            "is",
            "was",
            " holding",
            "has",
            " largely",
            " held",
            "calm",
            " returned",
            "previous",
            "earlier",
            " 3.",
            " new",
            " truces",
            " deals",
            "ölçek",
            "ÖLÇEK",
            "café",
            "s",
            ",",
            ";",
            "(",
            "and",
            " but",
            "5",
            "31",
            " ",
            " ",
            "March",
            "MAY",
            "may",
            "Jan.",
            " 2020",
            "last",
            "next",
            " week",
            " month",
            "s",
            "é",
            "x",
            ".",
        ];
        (patterns, pieces)
    }

    fn parse(pattern: &str, unicode: bool) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .unicode(unicode)
            .utf8(true)
            .build()
            .parse(pattern)
            .unwrap()
    }

    #[test]
    fn every_match_starts_at_a_place_found_and_holds_a_word_needed() {
        let (patterns, pieces) = cases();
        let hirs: Vec<Hir> = patterns.iter().map(|(p, u)| parse(p, *u)).collect();
        let regexes: Vec<regex::bytes::Regex> = patterns
            .iter()
            .map(|(p, u)| {
                regex::bytes::RegexBuilder::new(p)
                    .case_insensitive(true)
                    .unicode(*u)
                    .build()
                    .unwrap()
            })
            .collect();
        let gate = PrefixGate::of_hirs(hirs.iter().map(Some), 2);
        let needs: Vec<Needs> = hirs.iter().map(|h| Needs::of_hirs([Some(h)])).collect();
        let (mut placed, mut ruled_out) = (0, 0);
        for text in crate::text::testing::random_texts(&pieces, 5, 3_000) {
            let starts = gate.starts(&text);
            for (i, re) in regexes.iter().enumerate() {
                // Every match of the whole text, and of a part of it searched on its own.
                let cut = text.len() / 3;
                let cut = (cut..=text.len())
                    .find(|&c| text.is_char_boundary(c))
                    .unwrap();
                let matched = re.find_iter(text.as_bytes()).map(|m| m.start());
                let in_part = re
                    .find_iter(&text.as_bytes()[cut..])
                    .map(|m| cut + m.start());
                for at in matched.chain(in_part) {
                    if let Some(s) = &starts[i] {
                        assert!(s.contains(&at), "{} at {at} in {text:?}", patterns[i].0);
                        placed += 1;
                    }
                }
                if re.is_match(text.as_bytes()) {
                    assert!(needs[i].may_match(&text), "{} in {text:?}", patterns[i].0);
                } else {
                    ruled_out += usize::from(!needs[i].may_match(&text));
                }
            }
        }
        assert!(
            placed > 500 && ruled_out > 1_000,
            "{placed} placed, {ruled_out} ruled out"
        );
        // Regexes with no finite prefixes, or a short one, are always run.
        assert!(gate.starts("held")[6].is_none() && gate.starts("held")[5].is_none());
        // A text with a letter folding to an ASCII one is searched as it is.
        assert!(gate.starts("\u{212A}illed").iter().all(Option::is_none));
    }

    #[test]
    fn the_words_needed_are_drawn_from_the_words_as_written() {
        let words = |p| needs_of(&parse(p, true));
        assert_eq!(words(r"\bmonday\b"), Some(vec![b"monday".to_vec()]));
        assert_eq!(
            words(r"(?:the\s+)?(?:last|next)\s+(?:week|month)"),
            Some(vec![b"week".to_vec(), b"month".to_vec()])
        );
        assert_eq!(words(r"\w+ing"), Some(vec![b"ing".to_vec()]));
        assert_eq!(words(r"(?:x)?y?"), None);
        // A digit rather than the separator every sentence holds.
        assert_eq!(words(r"[0-9]\.[0-9]{2}").map(|w| w.len()), Some(10));
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
    fn many_keys_are_searched_by_one_automaton() {
        for n in [200, 5_000] {
            // Distinct in their first four bytes, as the keys are.
            let words: Vec<String> = (0..n).map(|i| format!("{i:04}x")).collect();
            let gate = PrefixGate::new(words.iter().map(String::as_str), false);
            assert!(matches!(gate.search, Search::Automaton(_)), "{n} keys");
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
