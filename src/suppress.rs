//! Suppressions: findings accepted by name, with a reason, without touching article text.
//!
//! Two sources: an article's front matter (`crosscheck-ignore: [{rule, reason}]`) and the
//! `suppressions:` list of the project's `crosscheck.yaml`. A suppression that matches
//! nothing, or has expired, is reported as a warning: silence is the failure users hate.
//!
//! The same file names the project's rule packs, its outlets file and the defaults of its
//! runs (`fail-on`, `format`, `exclude`), as `.vale.ini` or ruff's `pyproject.toml` do;
//! its paths are relative to the file's own folder, the corpus root.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::findings::Finding;
use crate::yaml;
use jiff::civil::Date;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The config file looked for in the first named folder and its parents, then in the
/// working folder.
pub const CONFIG_FILE: &str = "crosscheck.yaml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    packs: Vec<PathBuf>,
    #[serde(default)]
    outlets: Option<PathBuf>,
    #[serde(default)]
    fail_on: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    suppressions: Vec<RawSuppression>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    rule: Option<String>,
    fingerprint: Option<String>,
    #[serde(default)]
    outlets: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    reason: Option<String>,
    expires: Option<String>,
}

/// One suppression from the config file: every condition given must hold.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub rule: Option<String>,
    pub fingerprint: Option<String>,
    /// The finding involves all of these outlets.
    pub outlets: Vec<String>,
    /// The finding has evidence in a file whose path starts with one of these.
    pub paths: Vec<String>,
    pub reason: String,
    pub expires: Option<Date>,
    /// Line in the config file, for warnings.
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// Rule packs layered on the built-in one, in order, relative to the working folder.
    pub packs: Vec<PathBuf>,
    /// The outlets file, relative to the working folder.
    pub outlets: Option<PathBuf>,
    /// The default of `--fail-on`, as written (checked by the binary, which owns the values).
    pub fail_on: Option<String>,
    /// The default of `check --format`, as written.
    pub format: Option<String>,
    /// Globs of files and folders under the corpus root that are not articles.
    pub exclude: Vec<String>,
    pub suppressions: Vec<Suppression>,
}

impl Config {
    /// The folder the config's paths are relative to: the corpus root.
    pub fn root(&self) -> Option<PathBuf> {
        let parent = self.path.as_deref()?.parent()?;
        Some(if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent.to_path_buf()
        })
    }

    /// `crosscheck.yaml` in `start` (a folder, or a file's folder) or its nearest parent,
    /// else in the working folder; `None` when there is none.
    pub fn find(start: Option<&Path>) -> Option<PathBuf> {
        if let Some(start) = start {
            let absolute = std::path::absolute(start).ok()?;
            let mut dir = if absolute.is_dir() {
                Some(absolute.as_path())
            } else {
                absolute.parent()
            };
            while let Some(d) = dir {
                let candidate = d.join(CONFIG_FILE);
                if candidate.is_file() {
                    let cwd = std::env::current_dir().ok();
                    return Some(
                        cwd.and_then(|c| candidate.strip_prefix(&c).ok().map(Path::to_path_buf))
                            .unwrap_or(candidate),
                    );
                }
                dir = d.parent();
            }
        }
        Path::new(CONFIG_FILE)
            .is_file()
            .then(|| PathBuf::from(CONFIG_FILE))
    }

    /// Load `path`, or the config [`Config::find`] finds from `start`; the default config
    /// when there is none.
    pub fn load_from(path: Option<&Path>, start: Option<&Path>) -> Result<Config, Error> {
        match path.map(Path::to_path_buf).or_else(|| Config::find(start)) {
            Some(p) => Config::load(Some(&p)),
            None => Ok(Config::default()),
        }
    }

    /// Load `path`, or `crosscheck.yaml` in the working folder when it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, Error> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None if Path::new(CONFIG_FILE).is_file() => PathBuf::from(CONFIG_FILE),
            None => return Ok(Config::default()),
        };
        let src = crate::input::read_text(&path, crate::input::MAX_YAML_BYTES).map_err(|e| {
            Error::single(Diagnostic::error(
                &path,
                format!("cannot read the config file: {e}"),
            ))
        })?;
        let raw: RawConfig = yaml::from_str::<Option<RawConfig>>(&src)
            .map_err(|e| Error::single(Diagnostic::from_yaml(&path, &e)))?
            .unwrap_or_default();
        let mut errors = Vec::new();
        let mut suppressions = Vec::new();
        // Each entry starts at a `- ` line at the list's indentation (the first item's), after
        // `suppressions:`: a nested list's items (`outlets:` in block style) are not entries.
        let from = yaml::locate_key(&src, "suppressions").unwrap_or(1);
        let mut indent = None;
        let starts: Vec<usize> = src
            .lines()
            .enumerate()
            .skip(from)
            .filter(|(_, l)| l.trim_start().starts_with("- "))
            .filter(|(_, l)| {
                let i = l.len() - l.trim_start().len();
                *indent.get_or_insert(i) == i
            })
            .map(|(n, _)| n + 1)
            .collect();
        for (i, s) in raw.suppressions.into_iter().enumerate() {
            let line = starts.get(i).copied().unwrap_or(1);
            let at = |d: Diagnostic| d.at(line, 1).with_yaml_path(format!("suppressions[{i}]"));
            let Some(reason) = s.reason.filter(|r| !r.trim().is_empty()) else {
                errors.push(at(Diagnostic::error(
                    &path,
                    "a suppression needs a `reason`",
                )));
                continue;
            };
            if s.rule.is_none()
                && s.fingerprint.is_none()
                && s.outlets.is_empty()
                && s.paths.is_empty()
            {
                errors.push(at(Diagnostic::error(
                    &path,
                    "a suppression needs at least one of `rule`, `fingerprint`, `outlets`, `paths`",
                )));
                continue;
            }
            let expires = match s.expires.as_deref().map(str::parse::<Date>) {
                Some(Ok(d)) => Some(d),
                Some(Err(_)) => {
                    errors.push(at(Diagnostic::error(
                        &path,
                        format!(
                            "`expires: {}` is not a date (YYYY-MM-DD)",
                            s.expires.unwrap_or_default()
                        ),
                    )));
                    continue;
                }
                None => None,
            };
            suppressions.push(Suppression {
                rule: s.rule,
                fingerprint: s.fingerprint,
                outlets: s.outlets,
                paths: s.paths,
                reason,
                expires,
                line,
            });
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        let relative = |p: &Path| {
            if dir.as_os_str().is_empty() || p.is_absolute() {
                p.to_path_buf()
            } else {
                dir.join(p)
            }
        };
        let mut exclude = Vec::new();
        for (i, glob) in raw.exclude.into_iter().enumerate() {
            match ignore::overrides::OverrideBuilder::new(".").add(&glob) {
                Ok(_) => exclude.push(glob),
                Err(e) => errors.push(
                    Diagnostic::error(&path, format!("`exclude: {glob}` is not a glob: {e}"))
                        .with_yaml_path(format!("exclude[{i}]")),
                ),
            }
        }
        if errors.is_empty() {
            Ok(Config {
                packs: raw.packs.iter().map(|p| relative(p)).collect(),
                outlets: raw.outlets.as_deref().map(relative),
                fail_on: raw.fail_on,
                format: raw.format,
                exclude,
                path: Some(path),
                suppressions,
            })
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

impl Suppression {
    pub fn matches(&self, f: &Finding) -> bool {
        let evidence = || f.sides.iter().flat_map(|s| &s.evidence);
        self.rule.as_ref().is_none_or(|r| r == &f.rule)
            && self
                .fingerprint
                .as_ref()
                .is_none_or(|fp| fp == &f.fingerprint)
            && self
                .outlets
                .iter()
                .all(|o| evidence().any(|e| &e.outlet == o))
            && (self.paths.is_empty()
                || self.paths.iter().any(|p| {
                    evidence()
                        .any(|e| e.doc.starts_with(p.as_str()) || e.article.starts_with(p.as_str()))
                }))
    }
}

/// Which findings the config and the articles' front matter accept, and the warnings about
/// suppressions that matched nothing or have expired.
/// An article's `crosscheck-ignore` entry: (the article's path, rule, reason).
/// An article's `crosscheck-ignore` entry: the article, the rule, the reason, and the line
/// (0 when unknown).
pub type ArticleIgnore = (PathBuf, String, String, usize);

/// Every suppression naming a rule that does not exist, each located: the config file's
/// entry, or the article's `crosscheck-ignore`.
pub fn unknown_rules(
    config: &Config,
    ignores: &[ArticleIgnore],
    known: &[&str],
) -> Vec<Diagnostic> {
    let config_path = config
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
    let unknown = |path: &Path, rule: &str, line: usize| {
        let help = crate::diagnostic::suggest(rule, known.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "`crosscheck rules` lists them".into());
        let d = Diagnostic::error(path, format!("a suppression names unknown rule `{rule}`"))
            .with_help(help);
        if line > 0 { d.at(line, 1) } else { d }
    };
    let from_config = config.suppressions.iter().filter_map(|s| {
        let rule = s.rule.as_deref()?;
        (!known.contains(&rule)).then(|| unknown(&config_path, rule, s.line))
    });
    let from_articles = ignores
        .iter()
        .filter(|(_, rule, _, _)| !known.contains(&rule.as_str()))
        .map(|(doc, rule, _, line)| unknown(doc, rule, *line));
    from_config.chain(from_articles).collect()
}

pub fn apply(
    findings: Vec<Finding>,
    config: &Config,
    article_ignores: &[ArticleIgnore],
    today: Date,
) -> (Vec<Finding>, Vec<Finding>, Vec<Diagnostic>) {
    let mut used = vec![false; config.suppressions.len()];
    let mut used_articles = vec![false; article_ignores.len()];
    let mut warnings = Vec::new();
    let config_path = config
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
    for (i, s) in config.suppressions.iter().enumerate() {
        if let Some(d) = s.expires.filter(|d| *d < today) {
            warnings.push(
                Diagnostic::warning(
                    &config_path,
                    format!(
                        "suppression expired on {d} and no longer applies ({})",
                        s.reason
                    ),
                )
                .at(s.line, 1),
            );
            used[i] = true; // reported once, as expired
        }
    }
    let (mut kept, mut accepted) = (Vec::new(), Vec::new());
    for f in findings {
        let by_config = config
            .suppressions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.expires.is_none_or(|d| d >= today))
            .find(|(_, s)| s.matches(&f));
        let by_article: Vec<usize> = article_ignores
            .iter()
            .enumerate()
            .filter(|(_, (doc, rule, _, _))| {
                rule == &f.rule
                    && f.sides
                        .iter()
                        .flat_map(|s| &s.evidence)
                        .any(|e| e.doc == crate::diagnostic::display_path(doc))
            })
            .map(|(i, _)| i)
            .collect();
        match by_config {
            Some((i, _)) => {
                used[i] = true;
                accepted.push(f);
            }
            None if !by_article.is_empty() => {
                for i in by_article {
                    used_articles[i] = true;
                }
                accepted.push(f);
            }
            None => kept.push(f),
        }
    }
    for (i, s) in config.suppressions.iter().enumerate() {
        if !used[i] {
            warnings.push(
                Diagnostic::warning(
                    &config_path,
                    format!("suppression matches no finding ({})", s.reason),
                )
                .at(s.line, 1),
            );
        }
    }
    for (i, (doc, rule, reason, line)) in article_ignores.iter().enumerate() {
        if !used_articles[i] {
            let d = Diagnostic::warning(
                doc,
                format!("`crosscheck-ignore` of rule `{rule}` matches no finding ({reason})"),
            );
            warnings.push(if *line > 0 { d.at(*line, 1) } else { d });
        }
    }
    (kept, accepted, warnings)
}
