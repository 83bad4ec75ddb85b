//! Lexicons of loaded terms (`rules/lexicons/*.yaml`): each term's patterns, its category, a
//! neutral alternative and the style-guide basis.

use crate::diagnostic::Diagnostic;
use crate::pattern::{PatternSource, SIZE_LIMIT};
use crate::text::prefix_gate::PrefixGate;
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The id scare quotes and "so-called" are counted under, beside the lexicons' terms.
pub const SCARE_QUOTES: &str = "scare-quotes";

/// What kind of loaded wording a term is. Open: a pack may declare its own categories
/// (kebab-case names); the usual ones are `delegitimising-label`, `legitimising-verb`,
/// `sanctifying`, `emotive` and `sarcasm`, the category of scare quotes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Category(String);

impl Category {
    /// The category of scare quotes, found without a lexicon.
    pub fn sarcasm() -> Category {
        Category("sarcasm".into())
    }

    pub fn name(&self) -> &str {
        &self.0
    }

    fn valid(&self) -> bool {
        let s = self.0.as_str();
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    terms: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: String,
    patterns: Vec<PatternSource>,
    category: Category,
    neutral: String,
    #[serde(default)]
    basis: Option<String>,
    #[serde(default = "one")]
    weight: f64,
}

fn one() -> f64 {
    1.0
}

/// A compiled term: one case-insensitive, word-bounded regex for all its patterns.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: String,
    pub category: Category,
    pub neutral: String,
    pub basis: Option<String>,
    /// How much one use counts in an outlet's loaded-term rate: below 1 for labels that style
    /// guides accept as description in some uses.
    pub weight: f64,
    pub regex: Regex,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub terms: Vec<Term>,
    /// Which terms may match a text, asked before any term's regex runs.
    pub gate: PrefixGate,
}

impl Lexicon {
    /// Compile lexicon files, reporting every problem with its place. An empty file is an
    /// error: a lexicon that matches nothing would silently report no loaded wording.
    pub fn compile(files: &[(PathBuf, String)]) -> Result<Lexicon, Vec<Diagnostic>> {
        Lexicon::compile_layered(files, &super::Shadow::default())
    }

    /// As [`Lexicon::compile`], leaving out the terms later packs replace.
    pub(crate) fn compile_layered(
        files: &[(PathBuf, String)],
        shadow: &super::Shadow,
    ) -> Result<Lexicon, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut terms = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (path, src) in files {
            let raw: RawFile = match super::parse_file(path, src) {
                Ok(r) => r,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            if raw.terms.is_empty() {
                errors.push(
                    Diagnostic::error(path, "this lexicon has no terms")
                        .with_help("add `terms:` entries, or remove the file"),
                );
            }
            for (i, t) in raw.terms.into_iter().enumerate() {
                if shadow.hides(path, "term", &t.id) {
                    continue;
                }
                // A problem with term `i`, pointed at its `id` line.
                let at = |message: String, field: &str, nth: usize| {
                    super::locate(
                        Diagnostic::error(path, message)
                            .with_yaml_path(format!("terms[{i}].{field}")),
                        src,
                        "id",
                        &t.id,
                        nth,
                    )
                };
                let n = seen.entry(t.id.clone()).or_insert(0);
                *n += 1;
                let problem = if *n > 1 {
                    Some(at(
                        format!("term id `{}` is defined twice", t.id),
                        "id",
                        *n - 1,
                    ))
                } else if t.patterns.is_empty() {
                    Some(at(
                        format!("term `{}` has no patterns", t.id),
                        "patterns",
                        0,
                    ))
                } else if !t.category.valid() {
                    let msg = format!(
                        "term `{}`: category `{}` is not kebab-case (lowercase words joined by `-`)",
                        t.id,
                        t.category.name()
                    );
                    Some(at(msg, "category", 0))
                } else if !(0.0..=10.0).contains(&t.weight) {
                    let msg = format!(
                        "term `{}`: weight {} is not between 0 and 10",
                        t.id, t.weight
                    );
                    Some(at(msg, "weight", 0))
                } else if let Some(p) = t.patterns.iter().find(|p| matches_empty(p.as_str())) {
                    // It would "find" the term at every word boundary of every article.
                    let msg = format!(
                        "term `{}`: the pattern `{}` matches the empty string",
                        t.id,
                        p.as_str()
                    );
                    Some(at(msg, "patterns", 0))
                } else {
                    None
                };
                if let Some(d) = problem {
                    errors.push(d);
                    continue;
                }
                let body: Vec<&str> = t.patterns.iter().map(PatternSource::as_str).collect();
                let source = format!(r"\b(?:{})\b", body.join("|"));
                match RegexBuilder::new(&source)
                    .case_insensitive(true)
                    .size_limit(SIZE_LIMIT)
                    .dfa_size_limit(SIZE_LIMIT)
                    .build()
                {
                    Ok(regex) => terms.push(Term {
                        id: t.id,
                        category: t.category,
                        neutral: t.neutral,
                        basis: t.basis,
                        weight: t.weight,
                        regex,
                    }),
                    Err(e) => errors.push(at(crate::pattern::describe(&source, &e), "patterns", 0)),
                }
            }
        }
        if errors.is_empty() {
            let gate = PrefixGate::new(terms.iter().map(|t| t.regex.as_str()), true);
            Ok(Lexicon { terms, gate })
        } else {
            Err(errors)
        }
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }
}

/// Whether `pattern` can match without consuming a character (`a*`, `(?:)`, `x?`). A
/// pattern that does not parse is left to the compiler's error.
fn matches_empty(pattern: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(pattern)
        .is_ok_and(|hir| hir.properties().minimum_len() == Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(src: &str) -> Result<Lexicon, Vec<Diagnostic>> {
        Lexicon::compile(&[(PathBuf::from("l.yaml"), src.to_string())])
    }

    #[test]
    fn terms_match_case_insensitively_at_word_boundaries() {
        let l = compile("terms:\n  - {id: regime, patterns: [regime], category: delegitimising-label, neutral: government}\n").unwrap();
        let re = &l.terms[0].regex;
        assert!(re.is_match("the Regime forces"));
        assert!(
            !re.is_match("regimental colours"),
            "not inside a longer word"
        );
    }

    #[test]
    fn problems_are_located() {
        let e = compile(
            "terms:\n  - {id: x, patterns: ['(unclosed'], category: emotive, neutral: n}\n",
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(2), "{e:?}");
        assert!(
            e[0].message.contains("invalid regular expression"),
            "{}",
            e[0].message
        );
        let e = compile("terms:\n  - {id: x, patterns: [a], category: Rude Words, neutral: n}\n")
            .unwrap_err();
        assert!(e[0].message.contains("not kebab-case"), "{}", e[0].message);
        let own = compile("terms:\n  - {id: x, patterns: [a], category: euphemism, neutral: n}\n")
            .expect("a pack may declare its own category");
        assert_eq!(own.terms[0].category.name(), "euphemism");
        for empty in ["'a*'", "'(?:)'", "'x?'", "''", "'|b'"] {
            let e = compile(&format!(
                "terms:\n  - {{id: x, patterns: [b, {empty}], category: emotive, neutral: n}}\n"
            ))
            .unwrap_err();
            assert!(
                e[0].message.contains("matches the empty string") && e[0].line == Some(2),
                "{empty}: {e:?}"
            );
        }
        let e = compile("terms: []\n").unwrap_err();
        assert!(e[0].message.contains("no terms"));
        let two = "terms:\n  - {id: x, patterns: [a], category: emotive, neutral: n}\n  - {id: x, patterns: [b], category: emotive, neutral: n}\n";
        let e = compile(two).unwrap_err();
        assert!(
            e[0].message.contains("defined twice") && e[0].line == Some(3),
            "{e:?}"
        );
    }
}
