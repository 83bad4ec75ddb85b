//! Regular expressions written by users in YAML (boilerplate, later rule triggers).
//!
//! Patterns compile while the YAML is deserialized, so a pattern that does not compile is
//! reported by the YAML layer with the line, column and path of the offending string.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind, Look};
use serde::{Deserialize, Deserializer, de::Error as _};
use std::ops::Range;

/// Upper bound on a compiled pattern, so a hostile rule file cannot exhaust memory.
pub const SIZE_LIMIT: usize = 1 << 20;

/// A compiled user pattern. `^` and `$` match at line boundaries; use `(?s)` to let `.` cross
/// lines and `(?i)` to ignore case.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Regex,
    /// The text of a pattern that is one whole line written out (`^Join the mailing list$`),
    /// the commonest kind of page furniture: found with a substring search. The regex crate
    /// finds it with the same search, then confirms each hit with its automaton forward and
    /// back; with a pattern for each outlet, each run on few articles, that automaton's
    /// tables are out of the CPU cache and the confirmation cost ten times the search.
    line: Option<memchr::memmem::Finder<'static>>,
}

impl Pattern {
    pub fn new(source: &str) -> Result<Self, String> {
        let regex = RegexBuilder::new(source)
            .multi_line(true)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .build()
            .map_err(|e| describe(source, &e))?;
        Ok(Pattern {
            line: literal_line(source).map(|l| memchr::memmem::Finder::new(&l).into_owned()),
            regex,
        })
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Successive non-overlapping matches in `hay`, as the regex finds them.
    pub fn find_iter<'a>(&'a self, hay: &'a str) -> Box<dyn Iterator<Item = Range<usize>> + 'a> {
        let Some(finder) = &self.line else {
            return Box::new(self.regex.find_iter(hay).map(|m| m.range()));
        };
        let bytes = hay.as_bytes();
        let len = finder.needle().len();
        let mut at = 0;
        Box::new(std::iter::from_fn(move || {
            while at <= bytes.len() {
                let start = at + finder.find(&bytes[at..])?;
                let end = start + len;
                let whole_line = (start == 0 || bytes[start - 1] == b'\n')
                    && (end == bytes.len() || bytes[end] == b'\n');
                if whole_line {
                    at = end;
                    return Some(start..end);
                }
                at = start + 1;
            }
            None
        }))
    }

    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }
}

/// The text of `source` when it is `^`, literal text without a line break, `$` (multi-line).
fn literal_line(source: &str) -> Option<Vec<u8>> {
    let hir = regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .build()
        .parse(source)
        .ok()?;
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let [first, middle @ .., last] = parts.as_slice() else {
        return None;
    };
    let look = |h: &Hir, want: Look| matches!(h.kind(), HirKind::Look(l) if *l == want);
    if !look(first, Look::StartLF) || !look(last, Look::EndLF) {
        return None;
    }
    let mut text = Vec::new();
    for part in middle {
        let HirKind::Literal(lit) = part.kind() else {
            return None;
        };
        text.extend_from_slice(&lit.0);
    }
    (!text.is_empty() && !text.contains(&b'\n')).then_some(text)
}

/// One line instead of the regex crate's multi-line caret diagram.
pub(crate) fn describe(source: &str, err: &regex::Error) -> String {
    match err {
        regex::Error::CompiledTooBig(limit) => too_large(source, *limit),
        other => invalid(source, &other.to_string()),
    }
}

pub(crate) fn too_large(source: &str, limit: usize) -> String {
    format!(
        "regular expression `{source}` is too large: it compiles to more than {limit} bytes; \
         simplify it or split it into several patterns"
    )
}

fn invalid(source: &str, diagram: &str) -> String {
    let reason = diagram
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .unwrap_or(diagram.trim());
    format!("invalid regular expression `{source}`: {reason}")
}

/// A user pattern that is only checked here and compiled later as part of a larger one
/// (frame triggers, lexicon terms): parsing finds what is wrong with it, and compiling each
/// one alone as well made loading the rules twice as dear.
#[derive(Debug, Clone)]
pub struct PatternSource(String);

impl PatternSource {
    pub fn new(source: &str) -> Result<Self, String> {
        regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(source)
            .map(|_| PatternSource(source.to_string()))
            .map_err(|e| invalid(source, &e.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for PatternSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        PatternSource::new(&source).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Pattern::new(&source).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_multiline_by_default() {
        let p = Pattern::new("^Join the mailing list$").unwrap();
        assert!(p.regex().is_match("text\nJoin the mailing list\nmore"));
    }

    #[test]
    fn errors_are_one_line_and_name_the_pattern() {
        let e = Pattern::new("(unclosed").unwrap_err();
        assert_eq!(e, "invalid regular expression `(unclosed`: unclosed group");
        let e = PatternSource::new("(unclosed").unwrap_err();
        assert_eq!(e, "invalid regular expression `(unclosed`: unclosed group");
        assert_eq!(
            PatternSource::new(r"cease-?fire\b").unwrap().as_str(),
            r"cease-?fire\b"
        );
    }

    /// The matches the regex finds, and those `find_iter` gives.
    fn both(pattern: &str, hay: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let p = Pattern::new(pattern).unwrap();
        let by_regex = p.regex().find_iter(hay).map(|m| m.range()).collect();
        (by_regex, p.find_iter(hay).collect())
    }

    #[test]
    fn a_written_out_line_is_found_where_the_regex_finds_it() {
        let hays = [
            "Join us\nJoin us\nJoin us",
            "Join us now\nRejoin us\nJoin us\r\nJoin us",
            "Join usJoin us\n\nJoin us\n",
            "aa\naaa\naa\naa",
            "",
        ];
        for (pattern, literal) in [
            ("^Join us$", true),
            (r"^Weapons \(WMD\)$", true),
            ("^aa$", true),
            ("(?i)^join us$", false),
            ("^Join us.*$", false),
            ("Join us", false),
            ("^Join us", false),
            ("^a\nb$", false),
        ] {
            assert_eq!(literal_line(pattern).is_some(), literal, "{pattern}");
            for hay in hays {
                let (by_regex, found) = both(pattern, hay);
                assert_eq!(found, by_regex, "{pattern} in {hay:?}");
            }
        }
        assert_eq!(both("^aa$", "aa\naaa\naa").1, [0..2, 7..9]);
        // A line ended by "\r\n" holds the "\r": as in the regex, it is not that line.
        assert!(both("^Join us$", "Join us\r\n").1.is_empty());
    }

    #[test]
    fn enormous_automata_are_refused() {
        let e = Pattern::new(r"\w{1000}\w{1000}").unwrap_err();
        assert!(e.contains("too large"), "{e}");
    }
}
