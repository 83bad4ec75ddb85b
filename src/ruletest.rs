//! `crosscheck test`: rules tested with small inline articles and the exact findings they
//! must produce, as in ast-grep's rule tests. A rule without a positive and a negative case
//! fails the run, so no rule ships untested.

use crate::check;
use crate::corpus::{FileOutcome, Outlets, load_source};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::findings::primary;
use crate::rules::RuleSet;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folder of test files, beside the rules.
pub const DEFAULT_DIR: &str = "rules/tests";

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    pub tests: Vec<Case>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    /// The rule under test: only it runs.
    pub rule: String,
    /// Known not to pass yet: reported, never failing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub todo: bool,
    pub articles: Vec<Article>,
    /// The findings, as concise lines (`file:line:col: severity[rule] message`).
    pub expect: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// File name in findings [default: a.md, b.md, ...].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub outlet: String,
    pub published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Todo,
}

/// One case's result, with what differed.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub file: PathBuf,
    pub name: String,
    pub rule: String,
    pub outcome: Outcome,
    /// Expected findings that did not appear.
    pub missing: Vec<String>,
    /// Findings that appeared unexpected.
    pub noisy: Vec<String>,
    /// (expected, actual) pairs of the same rule that differ in message or location.
    pub wrong: Vec<(String, String)>,
    pub actual: Vec<String>,
}

#[derive(Debug, Default)]
pub struct TestReport {
    pub cases: Vec<CaseResult>,
    /// Rules lacking a positive or a negative case, and tests naming unknown rules.
    pub problems: Vec<String>,
}

impl TestReport {
    pub fn passed(&self) -> usize {
        self.cases
            .iter()
            .filter(|c| c.outcome == Outcome::Passed)
            .count()
    }

    pub fn failed(&self) -> usize {
        self.cases
            .iter()
            .filter(|c| c.outcome == Outcome::Failed)
            .count()
            + self.problems.len()
    }

    pub fn todo(&self) -> usize {
        self.cases
            .iter()
            .filter(|c| c.outcome == Outcome::Todo)
            .count()
    }
}

/// Test files (`*.yaml`) in `dir`, sorted.
fn test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::single(Diagnostic::error(
            dir,
            format!(
                "cannot read the rule tests folder: {}",
                crate::corpus::walk::io_reason(&e)
            ),
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Run every test in `dir` against `rules`. With `update`, rewrite each file's expectations
/// to what the rules produce now.
pub fn run(dir: &Path, rules: &RuleSet, update: bool) -> Result<TestReport> {
    run_dirs(&[dir.to_path_buf()], rules, update, true)
}

/// Run every test in each of `dirs` (the packs' `tests/` folders) against `rules`.
///
/// Each rule of a pack needs a positive and a negative case; the built-in pack's rules too
/// when `all_rules` (the repository's own suite), not for a story's pack, which need not
/// test the generic rules.
pub fn run_dirs(
    dirs: &[PathBuf],
    rules: &RuleSet,
    update: bool,
    all_rules: bool,
) -> Result<TestReport> {
    let mut report = TestReport::default();
    let mut errors = Vec::new();
    let mut covered: BTreeSet<(String, bool)> = BTreeSet::new();
    let mut files = Vec::new();
    for dir in dirs {
        let found = test_files(dir)?;
        if found.is_empty() {
            return Err(Error::single(Diagnostic::error(
                dir,
                "no rule tests (*.yaml) found",
            )));
        }
        files.extend(found);
    }
    if files.is_empty() {
        return Err(Error::Usage(
            "no rule tests: no pack has a tests/ folder (pass the folder of test files)".into(),
        ));
    }
    let builtin = |r: &crate::rules::Rule| {
        r.file
            .starts_with(format!("<{}>", crate::rules::BUILTIN_PACK))
    };
    for path in files {
        let src = crate::input::read_text(&path, crate::input::MAX_YAML_BYTES).map_err(|e| {
            Error::single(Diagnostic::error(
                &path,
                format!("cannot read this file: {e}"),
            ))
        })?;
        let mut file: TestFile = match yaml::from_str(&src) {
            Ok(f) => f,
            Err(e) => {
                errors.push(Diagnostic::from_yaml(&path, &e));
                continue;
            }
        };
        for case in &mut file.tests {
            if !rules.rules.iter().any(|r| r.id == case.rule) {
                let hint = crate::diagnostic::suggest(
                    &case.rule,
                    rules.rules.iter().map(|r| r.id.as_str()),
                )
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
                report.problems.push(format!(
                    "{}: test `{}` names unknown rule `{}`{hint}",
                    crate::diagnostic::display_path(&path),
                    case.name,
                    case.rule
                ));
                continue;
            }
            let actual = match findings(case, rules) {
                Ok(a) => a,
                Err(mut e) => {
                    for d in &mut e {
                        d.message = format!("test `{}`: {}", case.name, d.message);
                        d.path = path.clone();
                    }
                    errors.extend(e);
                    continue;
                }
            };
            if !case.todo {
                covered.insert((case.rule.clone(), !case.expect.is_empty()));
            }
            let result = compare(&path, case, actual);
            if update {
                case.expect = result.actual.clone();
            }
            report.cases.push(result);
        }
        if update {
            crate::output::write_atomic(&path, yaml::to_string(&file).as_bytes())?;
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    for rule in rules
        .rules
        .iter()
        .filter(|r| r.severity != crate::rules::Severity::Off)
        .filter(|r| all_rules || !builtin(r))
    {
        for (positive, what) in [
            (true, "positive case (a finding expected)"),
            (false, "negative case (`expect: []`)"),
        ] {
            if !covered.contains(&(rule.id.clone(), positive)) && !update {
                report
                    .problems
                    .push(format!("rule `{}` has no {what}", rule.id));
            }
        }
    }
    Ok(report)
}

/// The case's articles through the whole pipeline, with only its rule running.
fn findings(case: &Case, rules: &RuleSet) -> std::result::Result<Vec<String>, Vec<Diagnostic>> {
    let mut ids: Vec<&str> = case
        .articles
        .iter()
        .flat_map(|a| std::iter::once(a.outlet.as_str()).chain(a.via.as_deref()))
        .collect();
    ids.sort();
    ids.dedup();
    let outlets_yaml = format!(
        "outlets:\n{}",
        ids.iter()
            .map(|id| format!("  - {{id: {id}, name: {id}}}\n"))
            .collect::<String>()
    );
    let outlets = Outlets::parse(Path::new("outlets.yaml"), &outlets_yaml)?;
    let mut analyzed = Vec::new();
    for (i, a) in case.articles.iter().enumerate() {
        let file = a
            .file
            .clone()
            .unwrap_or_else(|| format!("{}.md", (b'a' + (i % 26) as u8) as char));
        let mut fm = format!("---\noutlet: {}\npublished: {}\n", a.outlet, a.published);
        for (k, v) in [("via", &a.via), ("url", &a.url)] {
            if let Some(v) = v {
                fm.push_str(&format!("{k}: {v}\n"));
            }
        }
        let source = format!("{fm}---\n{}\n", a.text.trim_end());
        match load_source(PathBuf::from(&file), source, &outlets) {
            FileOutcome::Loaded(doc) => {
                analyzed.push(check::analyse(*doc, rules));
            }
            FileOutcome::Skipped(d) => return Err(vec![d]),
            FileOutcome::Failed(e) => return Err(e),
        }
    }
    let found = check::run(rules, &analyzed, &outlets, &|r| r.id == case.rule);
    Ok(found
        .iter()
        .map(|f| {
            let place = primary(f).0.map_or(String::new(), |e| {
                format!("{}:{}:{}: ", e.doc, e.line, e.column)
            });
            format!(
                "{place}{}[{}] {}{}",
                f.severity.name(),
                f.rule,
                f.class_prefix(),
                f.message.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
        .collect())
}

fn compare(path: &Path, case: &Case, actual: Vec<String>) -> CaseResult {
    let mut unmatched: Vec<String> = actual
        .iter()
        .filter(|a| !case.expect.contains(a))
        .cloned()
        .collect();
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for e in case.expect.iter().filter(|e| !actual.contains(e)) {
        let rule_tag = e
            .split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .map(|(r, _)| r.to_string());
        match unmatched.iter().position(|a| {
            rule_tag
                .as_deref()
                .is_some_and(|r| a.contains(&format!("[{r}]")))
        }) {
            Some(i) => wrong.push((e.clone(), unmatched.remove(i))),
            None => missing.push(e.clone()),
        }
    }
    let clean = missing.is_empty() && wrong.is_empty() && unmatched.is_empty();
    CaseResult {
        file: path.to_path_buf(),
        name: case.name.clone(),
        rule: case.rule.clone(),
        outcome: if case.todo {
            Outcome::Todo
        } else if clean {
            Outcome::Passed
        } else {
            Outcome::Failed
        },
        missing,
        noisy: unmatched,
        wrong,
        actual,
    }
}
