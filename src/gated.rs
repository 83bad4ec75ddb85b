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

use regex_automata::meta;
use regex_automata::util::{captures, syntax};
use std::ops::Range;

/// A compiled pattern without literal prefilters; the subset of `regex::Regex`'s API the
/// extractors use.
#[derive(Debug, Clone)]
pub struct GatedRegex {
    re: meta::Regex,
    pattern: String,
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
        let syntax = syntax::Config::new()
            .utf8(true)
            .unicode(self.unicode)
            .case_insensitive(self.case_insensitive);
        let mut builder = meta::Builder::new();
        builder.configure(config).syntax(syntax);
        builder
    }
}

impl GatedRegex {
    pub fn new(pattern: &str, options: Options) -> Result<GatedRegex, Box<meta::BuildError>> {
        let re = options
            .builder(regex_automata::MatchKind::LeftmostFirst)
            .build(pattern)
            .map_err(Box::new)?;
        Ok(GatedRegex {
            re,
            pattern: pattern.to_string(),
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

    pub fn is_match(&self, hay: &str) -> bool {
        self.re.is_match(hay)
    }

    pub fn find(&self, hay: &str) -> Option<Range<usize>> {
        self.re.find(hay).map(|m| m.range())
    }

    /// Successive non-overlapping matches, as byte ranges of `hay`.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Range<usize>> + 'r
    where
        'h: 'r,
    {
        self.re.find_iter(hay).map(|m| m.range())
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        let mut caps = self.re.create_captures();
        self.re.captures(hay, &mut caps);
        caps.is_match().then_some(Captures { caps, hay })
    }

    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.re
            .captures_iter(hay)
            .map(move |caps| Captures { caps, hay })
    }
}

/// Several patterns, searched at once to say which of them match.
#[derive(Debug, Clone)]
pub struct GatedSet {
    re: meta::Regex,
}

impl GatedSet {
    pub fn new<S: AsRef<str>>(
        patterns: &[S],
        options: Options,
    ) -> Result<GatedSet, Box<meta::BuildError>> {
        let re = options
            .builder(regex_automata::MatchKind::All)
            .build_many(patterns)
            .map_err(Box::new)?;
        Ok(GatedSet { re })
    }

    /// Whether any pattern matches in `hay`: an earliest-match search, far cheaper than
    /// finding which patterns do.
    pub fn is_match(&self, hay: &str) -> bool {
        self.re.is_match(hay)
    }

    /// The indexes of the patterns that match somewhere in `hay`, in order.
    pub fn matches(&self, hay: &str) -> Vec<usize> {
        let mut set = regex_automata::PatternSet::new(self.re.pattern_len());
        self.re
            .which_overlapping_matches(&regex_automata::Input::new(hay), &mut set);
        set.iter().map(|p| p.as_usize()).collect()
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
        assert!(set.matches("nothing here").is_empty());
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
