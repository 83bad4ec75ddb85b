//! The gold file: what a careful reader found in each article, in crosscheck's vocabulary.
//! Its format is documented in `docs/eval.md`.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GoldFile {
    #[serde(default)]
    pub story: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// By the article's file name without `.md`.
    #[serde(default)]
    pub articles: BTreeMap<String, GoldArticle>,
    #[serde(default)]
    pub conflicts: Vec<GoldConflict>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GoldArticle {
    #[serde(default)]
    pub note: Option<String>,
    /// Words, by kind, whose extractions are scored neither way (vague or anaphoric
    /// expressions, donation widgets).
    #[serde(default)]
    pub ignore: IgnoreSpec,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub counts: Vec<GoldCount>,
    #[serde(default)]
    pub control: Vec<GoldControl>,
    #[serde(default)]
    pub status: Vec<GoldStatus>,
    #[serde(default)]
    pub terms: Vec<GoldTerm>,
    #[serde(default)]
    pub loaded: Vec<GoldLoaded>,
}

/// `ignore:` is a list of words for every kind, or lists by kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum IgnoreSpec {
    All(Vec<String>),
    ByKind(Ignore),
}

impl Default for IgnoreSpec {
    fn default() -> Self {
        IgnoreSpec::All(Vec::new())
    }
}

impl IgnoreSpec {
    pub fn of(&self, kind: &str) -> &[String] {
        match self {
            IgnoreSpec::All(words) => words,
            IgnoreSpec::ByKind(by) => by.of(kind),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    #[serde(default)]
    pub dates: Vec<String>,
    #[serde(default)]
    pub counts: Vec<String>,
    #[serde(default)]
    pub control: Vec<String>,
    #[serde(default)]
    pub status: Vec<String>,
}

impl Ignore {
    pub fn of(&self, kind: &str) -> &[String] {
        match kind {
            "dates" => &self.dates,
            "counts" => &self.counts,
            "control" => &self.control,
            "status" => &self.status,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDate {
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub dateline: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldCount {
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub value: f64,
    pub qualifier: String,
    pub measure: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub side: Option<String>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldControl {
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// The place's gazetteer id; when absent, any place matches.
    #[serde(default)]
    pub place: Option<String>,
    pub controller: String,
    pub change: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldStatus {
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub agreement: String,
    pub status: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldTerm {
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub agreement: String,
    pub term: String,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub per_side: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldLoaded {
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub voice: String,
    #[serde(default)]
    pub term: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldConflict {
    pub id: String,
    pub kind: String,
    pub a: ConflictSide,
    pub b: ConflictSide,
    pub verdict: Verdict,
    pub flag: Flag,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictSide {
    pub article: String,
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    /// Which occurrence of `context` (or `text`), from 1, when it is not unique.
    #[serde(default)]
    pub occurrence: Option<usize>,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Contradiction,
    Apparent,
    Ambiguous,
}

/// The flag a good checker raises: `high`, `medium`, `low` stand for error, warning, info.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    None,
    Low,
    Medium,
    High,
}

impl GoldFile {
    /// Read and parse a gold file; errors are located (line, column, YAML path).
    pub fn load(path: &Path) -> crate::Result<GoldFile> {
        let src = crate::input::read_text(path, crate::input::MAX_YAML_BYTES).map_err(|e| {
            crate::Error::single(Diagnostic::error(path, format!("cannot read: {e}")))
        })?;
        crate::yaml::from_str(&src)
            .map_err(|e| crate::Error::single(Diagnostic::from_yaml(path, &e)))
    }
}
