//! Regular expressions written by users in YAML (boilerplate, later rule triggers).
//!
//! Patterns compile while the YAML is deserialized, so a pattern that does not compile is
//! reported by the YAML layer with the line, column and path of the offending string.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Deserializer, de::Error as _};

/// Upper bound on a compiled pattern, so a hostile rule file cannot exhaust memory.
pub const SIZE_LIMIT: usize = 1 << 20;

/// A compiled user pattern. `^` and `$` match at line boundaries; use `(?s)` to let `.` cross
/// lines and `(?i)` to ignore case.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Regex,
}

impl Pattern {
    pub fn new(source: &str) -> Result<Self, String> {
        RegexBuilder::new(source)
            .multi_line(true)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .build()
            .map(|regex| Pattern { regex })
            .map_err(|e| describe(source, &e))
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }
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

    #[test]
    fn enormous_automata_are_refused() {
        let e = Pattern::new(r"\w{1000}\w{1000}").unwrap_err();
        assert!(e.contains("too large"), "{e}");
    }
}
