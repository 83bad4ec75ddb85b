//! Regexes that only run where a cheaper test has already said they may match.
//!
//! The regex crate extracts literal prefixes and suffixes from every pattern to build
//! prefilters. For a case-insensitive alternation of trigger words, or one of the 44 date
//! recognisers, that extraction costs more than the rest of the compilation, and it buys
//! nothing when the regex only ever sees a sentence another test picked out (a gazetteer
//! mention, a quantity, a `RegexSet` hit). Measured with callgrind on the bundled corpus,
//! skipping it for these regexes takes a quarter of start-up's instructions away and leaves
//! the time per article unchanged. Other regexes, which scan whole texts, keep the regex
//! crate and its prefilters.

use crate::text::prefix_gate::Starts;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::{captures, syntax};
use regex_automata::{Anchored, Input, hybrid, meta};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::borrow::Cow;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

/// A compiled pattern without literal prefilters; the subset of `regex::Regex`'s API the
/// extractors use.
#[derive(Debug, Clone)]
pub struct GatedRegex {
    re: meta::Regex,
    pattern: String,
    options: Options,
    /// Whether every match is non-empty: only then can a search go from given places.
    nonempty: bool,
    /// For a pattern with a Unicode `\b` that cannot match the empty string: where its
    /// matches can start (see [`Loose`]).
    loose: Option<Arc<Loose>>,
}

/// A pattern with its Unicode word boundaries loosened (see [`loosened`]), searched for
/// where the pattern's matches may start.
///
/// A lazy DFA cannot read a Unicode `\b` beyond ASCII: it gives up at the first such byte
/// (a curly quotation mark, a dash, an accented name), and the regex then searches the
/// whole text again with a backtracker or a PikeVM, many times slower. On real news, where
/// most texts hold such bytes, that was a fifth of a run's instructions. Loosened, the
/// pattern matches wherever it did, and perhaps more, and the lazy DFA reads any text; so
/// the leftmost start of its matches at or after a place is never after that of the
/// pattern's own, and the pattern, anchored there, says whether one of its matches starts
/// there, and which. Where none does, the next start is looked for one byte on. The
/// matches found are the pattern's own search's, in the same order: only patterns that
/// cannot match the empty string are searched this way, so each search of an iteration
/// starts where the last match ended.
#[derive(Debug)]
struct Loose {
    /// The pattern, parsed.
    hir: Hir,
    size_limit: usize,
    /// Whether to search with the regex crate's literal prefilters: set for patterns read
    /// over whole texts (see [`GatedRegex::over_whole_texts`]).
    prefilter: bool,
    /// Whether every haystack, however short, is searched from its prefix literals' places
    /// when they make a good search (see [`GatedRegex::from_prefixes`]).
    from_prefixes: bool,
    /// Compiled on the first search; `None` when it would not compile (never expected: it
    /// is smaller than the pattern), and the pattern then searches alone.
    re: OnceLock<Option<meta::Regex>>,
    /// For a regex read over whole texts (`prefilter`): the places its matches may start,
    /// from its prefix literals, when they make a good search; built on the first search.
    starts: OnceLock<Option<Starts>>,
}

impl Loose {
    /// For a pattern parsed as `hir`, when it has a Unicode word boundary and no empty match.
    fn of(hir: Hir, size_limit: usize) -> Option<Arc<Loose>> {
        let p = hir.properties();
        (p.look_set().contains_word_unicode() && p.minimum_len().is_some_and(|n| n > 0)).then(
            || {
                Arc::new(Loose {
                    hir,
                    size_limit,
                    prefilter: false,
                    from_prefixes: false,
                    re: OnceLock::new(),
                    starts: OnceLock::new(),
                })
            },
        )
    }

    fn starts(&self) -> Option<&Starts> {
        if !self.prefilter {
            return None;
        }
        self.starts.get_or_init(|| Starts::new(&self.hir)).as_ref()
    }

    fn regex(&self) -> Option<&meta::Regex> {
        self.re
            .get_or_init(|| {
                let config = meta::Config::new()
                    .match_kind(regex_automata::MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .nfa_size_limit(Some(self.size_limit))
                    .auto_prefilter(self.prefilter)
                    .which_captures(thompson::WhichCaptures::Implicit);
                meta::Builder::new()
                    .configure(config)
                    .build_from_hir(&loosened(&self.hir))
                    .ok()
            })
            .as_ref()
    }
}

/// `hir` with each Unicode word-boundary assertion replaced by a weaker ASCII one (and its
/// groups left out, which only a search for the whole match does without): it matches
/// wherever `hir` does, and a lazy DFA reads it on any text.
///
/// Where a Unicode `\b` holds, a word character (by Unicode) is on one side and none on the
/// other; that side holds no ASCII word character either. So `\b` becomes "no ASCII word
/// character before, or none after", the start or end of a word when the pattern's own
/// letters stand beside it; `\b{start}` and `\b{start-half}` become "none before",
/// `\b{end}` and `\b{end-half}` "none after", and `\B`, which says nothing in ASCII
/// terms, is left out.
fn loosened(hir: &Hir) -> Hir {
    let none_before = || Hir::look(Look::WordStartHalfAscii);
    let none_after = || Hir::look(Look::WordEndHalfAscii);
    match hir.kind() {
        HirKind::Look(look) => match look {
            Look::WordUnicode => Hir::alternation(vec![none_before(), none_after()]),
            Look::WordStartUnicode | Look::WordStartHalfUnicode => none_before(),
            Look::WordEndUnicode | Look::WordEndHalfUnicode => none_after(),
            Look::WordUnicodeNegate => Hir::empty(),
            _ => hir.clone(),
        },
        _ => crate::text::prefix_gate::rebuilt(hir, loosened),
    }
}

/// How to compile a [`GatedRegex`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub case_insensitive: bool,
    pub unicode: bool,
    pub size_limit: usize,
}

impl Default for Options {
    fn default() -> Options {
        // The regex crate's defaults.
        Options {
            case_insensitive: false,
            unicode: true,
            size_limit: 10 << 20,
        }
    }
}

impl Options {
    /// What the regex crate's builders set for `&str` regexes, less the prefilters; a set
    /// (`All`) only says which patterns match, so it records no groups.
    fn builder(&self, kind: regex_automata::MatchKind) -> meta::Builder {
        let mut config = meta::Config::new()
            .match_kind(kind)
            .utf8_empty(true)
            .nfa_size_limit(Some(self.size_limit))
            .auto_prefilter(false);
        if kind == regex_automata::MatchKind::All {
            config = config.which_captures(regex_automata::nfa::thompson::WhichCaptures::None);
        }
        let mut builder = meta::Builder::new();
        builder.configure(config).syntax(self.syntax());
        builder
    }

    /// How patterns are parsed: as the regex crate parses `&str` patterns.
    pub(crate) fn syntax(&self) -> syntax::Config {
        syntax::Config::new()
            .utf8(true)
            .unicode(self.unicode)
            .case_insensitive(self.case_insensitive)
    }
}

impl GatedRegex {
    pub fn new(pattern: &str, options: Options) -> Result<GatedRegex, Box<meta::BuildError>> {
        let builder = options.builder(regex_automata::MatchKind::LeftmostFirst);
        // Parsed here, as the builder parses, to see whether the pattern needs `loose`; the
        // builder says what is wrong with a pattern that does not parse.
        let Ok(hir) = syntax::parse_with(pattern, &options.syntax()) else {
            return builder
                .build(pattern)
                .map_err(Box::new)
                .map(|re| GatedRegex {
                    re,
                    pattern: pattern.to_string(),
                    options,
                    nonempty: false,
                    loose: None,
                });
        };
        let re = builder.build_from_hir(&hir).map_err(Box::new)?;
        Ok(GatedRegex {
            re,
            pattern: pattern.to_string(),
            options,
            nonempty: hir.properties().minimum_len().is_some_and(|n| n > 0),
            loose: Loose::of(hir, options.size_limit),
        })
    }

    /// A pattern built into crosscheck, which always compiles.
    pub fn built_in(pattern: &str) -> GatedRegex {
        GatedRegex::new(pattern, Options::default()).expect("built-in pattern")
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The pattern, parsed as it was compiled: for the places its matches may start (see
    /// [`PrefixGate::of_hirs`]).
    pub fn hir(&self) -> Option<Hir> {
        syntax::parse_with(&self.pattern, &self.options.syntax()).ok()
    }

    /// The same regex, to be searched over whole texts: where its matches may start (see
    /// [`Loose`]) is found from its prefix literals by one SIMD search of the text (see
    /// [`Starts`]), or, when they make no good search, with the regex crate's literal
    /// prefilters. Either costs more to set up than it saves on a sentence, and saves more
    /// than that over a whole text, which holds few such places: a loose search reads every
    /// byte. Only a pattern with a Unicode `\b` has such a search, and only a fresh regex,
    /// not yet cloned, is changed.
    pub fn over_whole_texts(mut self) -> GatedRegex {
        if let Some(loose) = self.loose.as_mut().and_then(Arc::get_mut) {
            loose.prefilter = true;
        }
        self
    }

    /// The same regex, searched from the places its prefix literals are in every haystack
    /// (see [`Starts`]), sentences too, when they make a good search: for a pattern whose
    /// lazy DFA is slow to read a sentence with (a long repetition of a Unicode class, as
    /// in `[^,;:]{2,80}?`, makes the DFA's states many and costly to build), anchored
    /// searches at its few prefixes are cheaper. Only a pattern with a Unicode `\b` has
    /// such a search (see [`GatedRegex::over_whole_texts`]).
    pub fn from_prefixes(mut self) -> GatedRegex {
        if let Some(loose) = self.loose.as_mut().and_then(Arc::get_mut) {
            loose.prefilter = true;
            loose.from_prefixes = true;
        }
        self
    }

    /// How `hay` is searched: by the regex alone, from where its loosened form matches, or
    /// from where its prefix literals are (see [`Loose`]).
    fn plan(&self, hay: &str) -> Plan<'_> {
        let Some(loose) = &self.loose else {
            return Plan::Alone;
        };
        if loose.from_prefixes
            && let Some(starts) = loose.starts()
        {
            let mut at = Vec::new();
            if starts.positions(hay, &mut at).is_some() {
                return Plan::Starts(Cow::Owned(at));
            }
        }
        // On ASCII the lazy DFA reads a Unicode `\b` as it is: one search, not two.
        if hay.len() < ASCII_CHECK_MAX && hay.is_ascii() {
            return Plan::Alone;
        }
        if let Some(starts) = loose.starts() {
            let mut at = Vec::new();
            if starts.positions(hay, &mut at).is_some() {
                return Plan::Starts(Cow::Owned(at));
            }
        }
        match loose.regex() {
            Some(re) => Plan::Loose(re),
            None => Plan::Alone,
        }
    }

    /// What `found` makes of the pattern's first match starting at or after `at`: asked of
    /// the regex from `at`, or anchored at each place a match may start (see [`Loose`])
    /// until it finds one.
    fn first<T>(
        &self,
        plan: &Plan,
        hay: &str,
        mut at: usize,
        mut found: impl FnMut(&Input) -> Option<T>,
    ) -> Option<T> {
        let anchored = |start: usize| {
            Input::new(hay)
                .span(start..hay.len())
                .anchored(Anchored::Yes)
        };
        match plan {
            Plan::Alone => found(&Input::new(hay).span(at..hay.len())),
            Plan::Loose(loose) => {
                while at < hay.len() {
                    let start = loose.search(&Input::new(hay).span(at..hay.len()))?.start();
                    if let Some(t) = found(&anchored(start)) {
                        return Some(t);
                    }
                    at = start + 1;
                }
                None
            }
            Plan::Starts(starts) => {
                let from = starts.partition_point(|&p| p < at);
                starts[from..].iter().find_map(|&p| found(&anchored(p)))
            }
        }
    }

    /// The first match starting at or after `at`.
    fn find_at(&self, plan: &Plan, hay: &str, at: usize) -> Option<Range<usize>> {
        self.first(plan, hay, at, |i| self.re.search(i).map(|m| m.range()))
    }

    /// The groups of the first match starting at or after `at`.
    fn captures_at(&self, plan: &Plan, hay: &str, at: usize) -> Option<captures::Captures> {
        let mut caps = self.re.create_captures();
        self.first(plan, hay, at, |input| {
            self.re.search_captures(input, &mut caps);
            caps.is_match().then(|| caps.clone())
        })
    }

    pub fn is_match(&self, hay: &str) -> bool {
        match self.plan(hay) {
            Plan::Alone => self.re.is_match(hay),
            plan => self
                .first(&plan, hay, 0, |i| self.re.is_match(i.clone()).then_some(()))
                .is_some(),
        }
    }

    pub fn find(&self, hay: &str) -> Option<Range<usize>> {
        self.find_at(&self.plan(hay), hay, 0)
    }

    /// Successive non-overlapping matches, as byte ranges of `hay`.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Range<usize>> + 'r
    where
        'h: 'r,
    {
        let plan = self.plan(hay);
        let mut alone = matches!(plan, Plan::Alone).then(|| self.re.find_iter(hay));
        let mut at = 0;
        std::iter::from_fn(move || match &mut alone {
            Some(alone) => alone.next().map(|m| m.range()),
            // Each match is non-empty (see `Loose`): the next starts at its end or after.
            None => {
                let m = self.find_at(&plan, hay, at)?;
                at = m.end;
                Some(m)
            }
        })
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_at(&self.plan(hay), hay, 0)
            .map(|caps| Captures { caps, hay })
    }

    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let plan = self.plan(hay);
        let mut alone = matches!(plan, Plan::Alone).then(|| self.re.captures_iter(hay));
        let mut at = 0;
        std::iter::from_fn(move || match &mut alone {
            Some(alone) => alone.next().map(|caps| Captures { caps, hay }),
            None => {
                let caps = self.captures_at(&plan, hay, at)?;
                at = caps.get_match().map_or(hay.len(), |m| m.end());
                Some(Captures { caps, hay })
            }
        })
    }
}

/// Searches of a part of a text from the places in the text where matches may start
/// ([`PrefixGate::starts`] of the whole text): each result is the search's of
/// `&text[range]` alone, found by asking the pattern anchored at those places inside the
/// range, where the search alone reads every byte of the part. A pattern that can match
/// the empty string, or one given no places (`None`), is searched as it is.
impl GatedRegex {
    /// The plan for `&text[range]` from `starts`, in the part's own offsets.
    fn plan_from<'r>(&'r self, range: &Range<usize>, starts: Option<&'r [usize]>) -> Plan<'r> {
        let Some(starts) = starts.filter(|_| self.nonempty) else {
            return Plan::Alone;
        };
        let from = starts.partition_point(|&p| p < range.start);
        let to = starts.partition_point(|&p| p < range.end);
        let inside = &starts[from..to];
        if range.start == 0 {
            Plan::Starts(Cow::Borrowed(inside))
        } else {
            Plan::Starts(Cow::Owned(inside.iter().map(|p| p - range.start).collect()))
        }
    }

    /// As [`GatedRegex::is_match`] of `&text[range]`.
    pub fn is_match_from(&self, text: &str, range: Range<usize>, starts: Option<&[usize]>) -> bool {
        let hay = &text[range.clone()];
        match self.plan_from(&range, starts) {
            Plan::Alone => self.is_match(hay),
            plan => self
                .first(&plan, hay, 0, |i| self.re.is_match(i.clone()).then_some(()))
                .is_some(),
        }
    }

    /// As [`GatedRegex::find_iter`] of `&text[range]`, in its offsets.
    pub fn find_iter_from<'r, 'h>(
        &'r self,
        text: &'h str,
        range: Range<usize>,
        starts: Option<&'r [usize]>,
    ) -> Box<dyn Iterator<Item = Range<usize>> + 'r>
    where
        'h: 'r,
    {
        let hay = &text[range.clone()];
        let plan = self.plan_from(&range, starts);
        if matches!(plan, Plan::Alone) {
            return Box::new(self.find_iter(hay));
        }
        let mut at = 0;
        Box::new(std::iter::from_fn(move || {
            let m = self.find_at(&plan, hay, at)?;
            at = m.end;
            Some(m)
        }))
    }

    /// As [`GatedRegex::captures`] of `&text[range]`, in its offsets.
    pub fn captures_from<'h>(
        &self,
        text: &'h str,
        range: Range<usize>,
        starts: Option<&[usize]>,
    ) -> Option<Captures<'h>> {
        let hay = &text[range.clone()];
        match self.plan_from(&range, starts) {
            Plan::Alone => self.captures(hay),
            plan => self
                .captures_at(&plan, hay, 0)
                .map(|caps| Captures { caps, hay }),
        }
    }
}

/// Haystacks at most this long are checked for being ASCII, and then searched by the regex
/// alone: a whole text, which nearly always holds a byte beyond ASCII, is not read for it.
const ASCII_CHECK_MAX: usize = 1024;

/// How a regex searches one haystack (see [`GatedRegex::plan`]).
enum Plan<'r> {
    /// The regex alone, unanchored.
    Alone,
    /// From each place its loosened form's next match starts.
    Loose(&'r meta::Regex),
    /// From each of these places, where one of its prefix literals starts.
    Starts(Cow<'r, [usize]>),
}

/// Several patterns, searched at once to say which of them match.
///
/// Asked of every sentence of every text, so it calls a lazy DFA of the patterns directly
/// (no engine need say where a match starts), without the meta regex's dispatch.
#[derive(Clone)]
pub struct GatedSet {
    dfa: hybrid::dfa::DFA,
    caches: Arc<Pool<hybrid::dfa::Cache, CacheFn>>,
    /// What answers where the lazy DFA stops (a Unicode `\b` beyond ASCII): compiled then.
    exact: Arc<OnceLock<meta::Regex>>,
    patterns: Arc<[String]>,
    options: Options,
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl std::fmt::Debug for GatedSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GatedSet")
            .field("patterns", &self.patterns)
            .finish()
    }
}

impl GatedSet {
    pub fn new<S: AsRef<str>>(
        patterns: &[S],
        options: Options,
    ) -> Result<GatedSet, Box<hybrid::BuildError>> {
        let dfa = Self::builder(options)
            .build_many(patterns)
            .map_err(Box::new)?;
        Ok(GatedSet::with(dfa, patterns, options))
    }

    /// A set that says which patterns may match: each pattern's Unicode word boundaries are
    /// loosened (see [`loosened`]), so the lazy DFA reads any text and never hands a search
    /// to the slower engines, and every pattern that matches is among those said to, with
    /// perhaps some others. For a gate in front of the patterns' own searches. `None` when
    /// the patterns do not compile.
    pub fn superset<S: AsRef<str>>(patterns: &[S], options: Options) -> Option<GatedSet> {
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::parse_with(p.as_ref(), &options.syntax()).ok())
            .map(|h| h.map(|h| loosened(&h)))
            .collect::<Option<_>>()?;
        let nfa = thompson::Compiler::new()
            .configure(Self::thompson(options))
            .build_many_from_hir(&hirs)
            .ok()?;
        let dfa = Self::builder(options).build_from_nfa(nfa).ok()?;
        Some(GatedSet::with(dfa, patterns, options))
    }

    fn thompson(options: Options) -> thompson::Config {
        thompson::Config::new()
            .nfa_size_limit(Some(options.size_limit))
            .which_captures(thompson::WhichCaptures::None)
    }

    fn builder(options: Options) -> hybrid::dfa::Builder {
        let mut builder = hybrid::dfa::DFA::builder();
        builder
            .syntax(options.syntax())
            .thompson(Self::thompson(options))
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(regex_automata::MatchKind::All)
                    // Beyond ASCII, a Unicode `\b` stops the search; `exact` answers then.
                    .unicode_word_boundary(true),
            );
        builder
    }

    fn with<S: AsRef<str>>(dfa: hybrid::dfa::DFA, patterns: &[S], options: Options) -> GatedSet {
        let for_caches = dfa.clone();
        let create: CacheFn = Box::new(move || for_caches.create_cache());
        GatedSet {
            dfa,
            caches: Arc::new(Pool::new(create)),
            exact: Arc::new(OnceLock::new()),
            patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(),
            options,
        }
    }

    fn exact(&self) -> &meta::Regex {
        self.exact.get_or_init(|| {
            self.options
                .builder(regex_automata::MatchKind::All)
                .build_many(&self.patterns)
                .expect("patterns the lazy DFA compiled")
        })
    }

    /// Whether any pattern matches in `hay`: an earliest-match search, far cheaper than
    /// finding which patterns do.
    pub fn is_match(&self, hay: &str) -> bool {
        let input = regex_automata::Input::new(hay).earliest(true);
        match self.dfa.try_search_fwd(&mut self.caches.get(), &input) {
            Ok(m) => m.is_some(),
            Err(_) => self.exact().is_match(hay),
        }
    }

    /// The indexes of the patterns that match somewhere in `hay`, in order.
    pub fn matches(&self, hay: &str) -> Vec<usize> {
        let mut set = regex_automata::PatternSet::new(self.dfa.pattern_len());
        let input = regex_automata::Input::new(hay);
        if self
            .dfa
            .try_which_overlapping_matches(&mut self.caches.get(), &input, &mut set)
            .is_err()
        {
            set.clear();
            self.exact().which_overlapping_matches(&input, &mut set);
        }
        set.iter().map(|p| p.as_usize()).collect()
    }
}

/// A regex asked of each sentence of a text whether it matches there, answered with one
/// search of the whole text: a search a sentence costs a regex call and its prefilter's
/// start-up, about a thousand instructions even where nothing matches.
///
/// Only whether a sentence matches is asked, so the pattern is compiled without the parts it
/// may do without (see [`required_part`]): "(?:has\s+)?captured" is searched for as
/// "captured", not at every "has". Then only the sentences that a match in the whole text
/// reaches are asked on their own, and those with a word character just outside them (where
/// `\b` reads differently in the whole text than in the sentence alone). A match inside a
/// sentence is always reached: without anchors, the whole text matches at the same place,
/// and leftmost-first search returns that match or one overlapping it. A pattern with
/// anchors (`^`, `$`), or one that can match the empty string, is asked of every sentence.
#[derive(Debug, Clone)]
pub struct SentenceGate {
    regex: regex::Regex,
    /// Whether the whole-text search finds every sentence the regex matches in.
    whole_text: bool,
}

impl SentenceGate {
    pub fn new(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
    ) -> Result<SentenceGate, regex::Error> {
        // Parsed as written: what can be left out, and whether anchors or an empty match
        // rule out the whole-text search, do not depend on case.
        let core = regex_syntax::Parser::new()
            .parse(pattern)
            .map(|h| required_part(&h));
        let whole_text = core.as_ref().is_ok_and(|hir| {
            let p = hir.properties();
            !p.look_set().contains_anchor() && p.minimum_len().is_some_and(|n| n > 0)
        });
        let core = core.map_or_else(|_| pattern.to_string(), |h| h.to_string());
        let regex = regex::RegexBuilder::new(&core)
            .case_insensitive(case_insensitive)
            .size_limit(size_limit)
            .build()?;
        Ok(SentenceGate { regex, whole_text })
    }

    pub fn regex(&self) -> &regex::Regex {
        &self.regex
    }

    /// For each of `sentences` (sorted, not overlapping), whether the regex matches in it,
    /// as `is_match` on the sentence alone says.
    pub fn sentences(&self, text: &str, sentences: &[Range<usize>]) -> Vec<bool> {
        let mut ask = vec![!self.whole_text; sentences.len()];
        if self.whole_text {
            let mut first = 0;
            for m in self.regex.find_iter(text) {
                // The sentences this match overlaps: from the first ending after its start.
                first += sentences[first..].partition_point(|s| s.end <= m.start());
                for (k, s) in sentences.iter().enumerate().skip(first) {
                    if s.start >= m.end() {
                        break;
                    }
                    ask[k] = true;
                }
            }
            let word_at = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
            for (k, s) in sentences.iter().enumerate() {
                ask[k] |= word_at(text[..s.start].chars().next_back())
                    || word_at(text[s.end..].chars().next());
            }
        }
        sentences
            .iter()
            .zip(ask)
            .map(|(s, ask)| ask && self.regex.is_match(&text[s.clone()]))
            .collect()
    }
}

/// `hir` without the parts at either end of each alternative that can match nothing,
/// anywhere (empty-able, with no assertion such as `\b` in them): whether a text holds a
/// match does not change.
fn required_part(hir: &regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Hir, HirKind};
    let optional =
        |h: &Hir| h.properties().minimum_len() == Some(0) && h.properties().look_set().is_empty();
    match hir.kind() {
        HirKind::Concat(parts) => {
            let first = parts.iter().position(|p| !optional(p)).unwrap_or(0);
            let last = parts.iter().rposition(|p| !optional(p)).unwrap_or(0);
            Hir::concat(parts[first..=last.max(first)].to_vec())
        }
        HirKind::Alternation(arms) => Hir::alternation(arms.iter().map(required_part).collect()),
        HirKind::Capture(c) => required_part(&c.sub),
        _ => hir.clone(),
    }
}

/// The groups of one match.
#[derive(Debug)]
pub struct Captures<'h> {
    caps: captures::Captures,
    hay: &'h str,
}

impl<'h> Captures<'h> {
    /// Group `i`; 0 is the whole match.
    pub fn get(&self, i: usize) -> Option<Group<'h>> {
        self.caps.get_group(i).map(|s| self.group(s.range()))
    }

    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| self.group(s.range()))
    }

    fn group(&self, range: Range<usize>) -> Group<'h> {
        Group {
            hay: self.hay,
            range,
        }
    }
}

/// The text a group matched, and where.
#[derive(Debug, Clone)]
pub struct Group<'h> {
    hay: &'h str,
    range: Range<usize>,
}

impl<'h> Group<'h> {
    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    pub fn as_str(&self) -> &'h str {
        &self.hay[self.range.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ci() -> Options {
        Options {
            case_insensitive: true,
            ..Options::default()
        }
    }

    #[test]
    fn matches_as_the_regex_crate_does() {
        let pattern = r"\b(?:co-?accord|pact)\b";
        let gated = GatedRegex::new(pattern, ci()).unwrap();
        let plain = regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .unwrap();
        for hay in [
            "The Coaccord and the PACT",
            "coaccords",
            "a co-accord, pact.",
            "",
        ] {
            let a: Vec<_> = gated.find_iter(hay).collect();
            let b: Vec<_> = plain.find_iter(hay).map(|m| m.range()).collect();
            assert_eq!(a, b, "{hay:?}");
        }
    }

    /// A seeded linear congruential generator: each call gives a number below `n`.
    fn seeded(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        }
    }

    /// Pseudo-random texts of `pieces`, `n` of them, from a seeded generator.
    fn texts(pieces: &[&str], n: usize) -> Vec<String> {
        let mut next = seeded(7);
        (0..n)
            .map(|_| {
                (0..next(30))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn unicode_word_boundaries_beyond_ascii_find_what_the_regex_crate_finds() {
        // Patterns with Unicode `\b` (searched from where their loosened form matches), on
        // texts where letters beyond ASCII, curly quotation marks and dashes stand next to
        // the words.
        let patterns = [
            r"\bheld\b",
            r"\b(?:co-?accord|pact)s?\b",
            r"\bcafé\b",
            r"\b(?P<w>[a-z]+) (?:held|pact)\b",
            r"\Bld\b|of\s+the\b",
            r"\b{start}held",
            r"held\b{end}",
            r"\b{start-half}pact|accord\b{end-half}",
            r"(?:^|\b)é+",
            r"\b(?:[a-z0-9]+ ){0,3}?held\b",
            r"(?-u:\b)held\b|\bpact(?-u:\b)",
            r"\b(?:the (?:new )?(?:pact|co-?accord)s?)\b",
            r"\b(?:kasks?|ölçek|café)\b",
            r"\b(?:held|pacts) (?:[a-z]+ ){0,2}?(?:the|of)\b",
        ];
        let pieces = [
            "held",
            "Held",
            "HELD",
            "pact",
            "Pacts",
            "coaccord",
            "co-accord",
            "café",
            "Café",
            "é",
            "ée",
            "É",
            "’",
            "—",
            "“",
            " ",
            " ",
            "  ",
            ". ",
            ", ",
            "\n",
            "x",
            "heldé",
            "éheld",
            "of",
            "the",
            "ſ",
            "K",
            "_",
            "1",
            "a",
            "kask",
            "KASKS",
            "ÖLÇEK",
            "ölçek",
            "the new",
            "THE ",
        ];
        let texts = texts(&pieces, 3000);
        let mut starts = 0;
        // Each searched as over sentences and as over whole texts (with prefilters).
        for (pattern, whole) in patterns.iter().flat_map(|p| [(*p, false), (*p, true)]) {
            let mut gated = GatedRegex::new(pattern, ci()).unwrap();
            if whole {
                gated = gated.over_whole_texts();
            }
            assert!(
                gated.loose.as_ref().is_some_and(|l| l.prefilter == whole),
                "{pattern}"
            );
            starts += usize::from(gated.loose.as_ref().is_some_and(|l| l.starts().is_some()));
            let plain = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap();
            for hay in &texts {
                let hay = hay.as_str();
                let want: Vec<_> = plain.find_iter(hay).map(|m| m.range()).collect();
                assert_eq!(
                    gated.find_iter(hay).collect::<Vec<_>>(),
                    want,
                    "{pattern} {hay:?}"
                );
                assert_eq!(gated.find(hay), want.first().cloned(), "{pattern} {hay:?}");
                assert_eq!(gated.is_match(hay), !want.is_empty(), "{pattern} {hay:?}");
                let groups = |c: &Captures| {
                    (0..3)
                        .map(|i| c.get(i).map(|g| g.range()))
                        .collect::<Vec<_>>()
                };
                let got: Vec<_> = gated.captures_iter(hay).map(|c| groups(&c)).collect();
                let want: Vec<_> = plain
                    .captures_iter(hay)
                    .map(|c| {
                        (0..3)
                            .map(|i| c.get(i).map(|g| g.range()))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                assert_eq!(got, want, "{pattern} {hay:?}");
                assert_eq!(
                    gated.captures(hay).map(|c| groups(&c)),
                    want.first().cloned(),
                    "{pattern} {hay:?}"
                );
            }
        }
        // Some whole-text searches go from the places their prefix literals are.
        assert!(starts >= 4, "{starts}");
        // A pattern that can match the empty string, or has no Unicode `\b`, searches alone.
        assert!(GatedRegex::new(r"\b(?:x)?", ci()).unwrap().loose.is_none());
        assert!(GatedRegex::new(r"held", ci()).unwrap().loose.is_none());
    }

    #[test]
    fn a_superset_set_names_every_pattern_that_matches() {
        let patterns = [r"\bheld\b", r"\bcafé\b", r"(?i)\bpact\b", r"\Bld", r"^x\b"];
        let exact = GatedSet::new(&patterns, Options::default()).unwrap();
        let superset = GatedSet::superset(&patterns, Options::default()).unwrap();
        let pieces = [
            "held", "pact", "PACT", "café", "é", "’", " ", "x", "heldé", "a",
        ];
        let mut more = 0;
        for hay in texts(&pieces, 2000) {
            let want = exact.matches(&hay);
            let got = superset.matches(&hay);
            assert!(
                want.iter().all(|p| got.contains(p)),
                "{hay:?}: {got:?} {want:?}"
            );
            more += got.len() - want.len();
        }
        // Some texts are said to hold a pattern they do not ("heldé", a `\B` read nowhere).
        assert!(more > 0);
    }

    #[test]
    fn a_sentence_gate_answers_as_each_sentence_would() {
        // Pseudo-random texts of words, spaces and punctuation, cut into sentences at random
        // (some cuts inside words, some sentences empty or not covering the text); gates with
        // word boundaries, phrases that can cross a cut, anchors and an empty match.
        let pieces = [
            "held", "Held", "took", "control", "of", " ", " ", "  ", ". ", ", ", "\n", "x",
            "heldover", "é", "’", "the", "town",
        ];
        let gates = [
            r"\bheld\b",
            r"took\s+control\s+of",
            r"(?-u:\b)held|town\b",
            r"\Bld\b|of\s+the",
            r"^\s*held",
            r"town$",
            r"x*",
            r"\b(?:é|held)",
        ];
        let mut next = seeded(3);
        for gate in gates {
            let regex = regex::RegexBuilder::new(gate)
                .case_insensitive(true)
                .build()
                .unwrap();
            let gate = SentenceGate::new(gate, true, 1 << 20).unwrap();
            for _ in 0..400 {
                let text: String = (0..next(40))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let mut cuts: Vec<usize> = (0..next(6))
                    .map(|_| bounds[next(bounds.len() as u64) as usize])
                    .collect();
                cuts.sort_unstable();
                let sentences: Vec<Range<usize>> = cuts
                    .windows(2)
                    .filter(|w| next(4) != 0 || w[0] == w[1])
                    .map(|w| w[0]..w[1])
                    .collect();
                let want: Vec<bool> = sentences
                    .iter()
                    .map(|s| regex.is_match(&text[s.clone()]))
                    .collect();
                assert_eq!(
                    gate.sentences(&text, &sentences),
                    want,
                    "{gate:?} {text:?} {sentences:?}"
                );
            }
        }
        let plain = |p| SentenceGate::new(p, false, 1 << 20).unwrap().whole_text;
        assert!(plain(r"\bheld\b") && plain("took control"));
        assert!(!plain("^held") && !plain("held$") && !plain("x*") && !plain("(?m)^x"));
    }

    #[test]
    fn a_gate_keeps_only_the_words_it_requires() {
        let gates = [
            r"(?:has\s+|had\s+)?captured(?:\s+by)?",
            r"(?:is\s+)?(?:largely\s+)?held\s+by|fell\s+to",
            r"(?:\bx\s+)?y",
            r"(?:a)?(?:b)?",
            r"\bcaptured\b",
        ];
        let texts = [
            "it has captured",
            "Captured by",
            "had\ncaptured",
            "capture",
            "largely held  by",
            "held",
            "it fell to them",
            "x y",
            "xy",
            "recaptured",
            "",
        ];
        let required_part = |gate: &str| {
            let hir = regex_syntax::Parser::new().parse(gate).unwrap();
            super::required_part(&hir).to_string()
        };
        for gate in gates {
            let core = required_part(gate);
            let (full, core_re) = (
                regex::RegexBuilder::new(gate)
                    .case_insensitive(true)
                    .build()
                    .unwrap(),
                regex::RegexBuilder::new(&core)
                    .case_insensitive(true)
                    .build()
                    .unwrap(),
            );
            for text in texts {
                assert_eq!(
                    full.is_match(text),
                    core_re.is_match(text),
                    "{gate} / {core} on {text:?}"
                );
            }
        }
        let core = required_part(gates[0]);
        assert!(!core.contains("has") && !core.contains("by"), "{core}");
        assert!(!required_part(gates[1]).contains("largely"));
        assert!(
            required_part(gates[4]).contains(r"\b"),
            "an assertion is required"
        );
    }

    #[test]
    fn named_groups_and_their_text() {
        let re = GatedRegex::new(
            r"(?P<d>\d{1,2}) (?P<mon>[A-Z][a-z]+)(?: (?P<y>\d{4}))?",
            Options::default(),
        )
        .unwrap();
        let caps = re.captures("on 5 March, then 6 April 2020").unwrap();
        assert_eq!(caps.get(0).unwrap().as_str(), "5 March");
        assert_eq!(caps.name("mon").unwrap().range(), 5..10);
        assert!(caps.name("y").is_none());
        let all: Vec<_> = re
            .captures_iter("on 5 March, then 6 April 2020")
            .map(|c| c.name("y").map(|g| g.as_str()))
            .collect();
        assert_eq!(all, [None, Some("2020")]);
        assert!(re.captures("no date").is_none());
    }

    #[test]
    fn a_set_says_which_patterns_match() {
        let set = GatedSet::new(
            &[r"\d{4}", r"(?i)\bmarch\b", r"\bnever\b"],
            Options::default(),
        )
        .unwrap();
        assert_eq!(set.matches("On MARCH 5, 2020"), [0, 1]);
        assert!(set.is_match("On MARCH 5, 2020"));
        assert!(set.matches("nothing here").is_empty());
        assert!(!set.is_match("nothing here"));
        // Beyond ASCII the lazy DFA cannot read a Unicode `\b`, and the exact engine
        // answers: "never" inside "éneverà" is no word of its own.
        assert_eq!(set.matches("Café, MARCH — 2020"), [0, 1]);
        assert!(set.is_match("Café, MARCH"));
        assert!(set.matches("éneverà").is_empty());
        assert!(!set.is_match("éneverà naïve"));
        assert_eq!(set.matches("à never"), [2]);
    }

    #[test]
    fn ascii_mode_and_errors() {
        let ascii = GatedRegex::new(
            r"(?i)\bmay\b",
            Options {
                unicode: false,
                ..Options::default()
            },
        )
        .unwrap();
        assert!(ascii.is_match("MAY 5"));
        assert_eq!(ascii.find("in May."), Some(3..6));
        assert!(GatedRegex::new("(unclosed", Options::default()).is_err());
    }
}
