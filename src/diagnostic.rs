//! Problems found in user input (articles, outlet lists, rule files), reported together.
//!
//! The library never prints: it collects [`Diagnostic`]s and returns them, and `main` decides how
//! to show them and which exit code they earn.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is. Warnings let the run continue (unless `--strict`); errors stop it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub level: Level,
    pub path: PathBuf,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Where in a YAML document the problem is (`outlets[2].boilerplate[0]`).
    pub yaml_path: Option<String>,
    pub message: String,
    /// A suggestion that helps fix the problem ("did you mean `outlet`?").
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Level::Error, path, message)
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Level::Warning, path, message)
    }

    fn new(level: Level, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            level,
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            yaml_path: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn with_yaml_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        if !path.is_empty() && path != "." {
            self.yaml_path = Some(path);
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `--strict`: a warning becomes an error, everything else is kept.
    pub fn escalated(mut self) -> Self {
        self.level = Level::Error;
        self
    }

    /// A YAML problem as a diagnostic, with a suggestion for a misspelt key.
    pub fn from_yaml(path: impl AsRef<Path>, e: &crate::yaml::YamlError) -> Self {
        let mut d = Diagnostic::error(path, e.message.clone()).with_yaml_path(e.path.clone());
        if e.line > 0 {
            d = d.at(e.line, e.column.max(1));
        }
        if let Some((key, expected)) = &e.unknown_key {
            d.message = format!("unknown key `{key}`");
            // The path names the unknown key itself; show where it was found instead.
            let parent = e
                .path
                .strip_suffix(key.as_str())
                .unwrap_or(&e.path)
                .trim_end_matches('.');
            d.yaml_path = None;
            d = d.with_yaml_path(parent);
            d = match suggest(key, expected.iter().map(String::as_str)) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None if !expected.is_empty() => d.with_help(format!(
                    "known keys: {}",
                    expected
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                None => d,
            };
        }
        d
    }

    /// Shift a location found inside an embedded YAML block (front matter) by the line the
    /// block starts on.
    pub fn offset_lines(mut self, lines_before: usize) -> Self {
        if let Some(l) = self.line.as_mut() {
            *l += lines_before;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// `path:line:col: level: message`, the shape compilers use, so editors can jump to it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths, messages and help quote the input: shown without raw control characters,
        // so a file name holding a line break cannot forge a line of its own.
        let shown = |s: &str| crate::text::printable(s, false).into_owned();
        write!(f, "{}", shown(&display_path(&self.path)))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let level = match self.level {
            Level::Warning => "warning",
            Level::Error => "error",
        };
        write!(f, ": {level}: ")?;
        if let Some(yaml_path) = &self.yaml_path {
            write!(f, "at `{}`: ", shown(yaml_path))?;
        }
        write!(f, "{}", shown(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", shown(help))?;
        }
        Ok(())
    }
}

/// Paths are shown with forward slashes on every platform so output is stable.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    // Only where `\\` separates folders: elsewhere it is a character of a file name, and
    // `a\\b.md` and `a/b.md` are different articles with different ids.
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

/// The closest known name to `unknown`, when one is close enough to be a likely typo.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| {
            let k_lower = k.to_lowercase();
            let score = strsim::jaro_winkler(&unknown, &k_lower)
                .max(strsim::normalized_damerau_levenshtein(&unknown, &k_lower));
            (score, k)
        })
        .filter(|(score, _)| *score >= 0.66)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_location_yaml_path_and_help() {
        let d = Diagnostic::error("rules/a.yaml", "unknown key `sevrity`")
            .at(3, 5)
            .with_yaml_path("rules[0]")
            .with_help("did you mean `severity`?");
        assert_eq!(
            d.to_string(),
            "rules/a.yaml:3:5: error: at `rules[0]`: unknown key `sevrity`\n  help: did you mean `severity`?"
        );
    }

    #[test]
    fn suggestion_only_for_near_misses() {
        let known = ["outlet", "published", "title"];
        assert_eq!(suggest("outlt", known), Some("outlet"));
        assert_eq!(suggest("Publishd", known), Some("published"));
        assert_eq!(suggest("zzz", known), None);
    }
}
