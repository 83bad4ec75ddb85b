//! Loading the domain: everything under `rules/` (gazetteer, claim frames).
//!
//! Loading is two-phase, as in ast-grep: each file is deserialized into plain structs that
//! reject unknown keys, then validated and compiled. Every problem in every file is gathered
//! and returned together, each with its file, line, column and YAML path.

pub mod conflict;
pub mod frames;
pub mod gazetteer;
pub mod lexicon;
pub(crate) mod memo;

pub use conflict::{Rule, Severity};
pub use frames::Frames;
pub use gazetteer::Gazetteer;
pub use lexicon::Lexicon;

use crate::diagnostic::{Diagnostic, display_path};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The folder used when `--rules` is not given.
pub const DEFAULT_RULES: &str = "rules";

/// The compiled domain.
#[derive(Debug)]
pub struct RuleSet {
    pub gazetteer: Gazetteer,
    pub frames: Frames,
    /// Conflict rules (`rules/*.yaml`), in file order.
    pub rules: Vec<Rule>,
    /// Loaded terms (`rules/lexicons/*.yaml`); empty when there is no such folder.
    pub lexicon: Lexicon,
    /// Every file that was read, for reports ("which rules produced this").
    pub files: Vec<PathBuf>,
}

impl RuleSet {
    /// Load `dir` (`rules/`): `gazetteer/*.yaml`, `frames/*.yaml`, `lexicons/*.yaml` and the
    /// conflict rules in `*.yaml` at its top level.
    pub fn load(dir: &Path) -> Result<RuleSet> {
        if !dir.is_dir() {
            return Err(Error::single(
                Diagnostic::error(dir, "the rules folder does not exist")
                    .with_help("pass --rules DIR, or run from the folder that holds rules/"),
            ));
        }
        let mut errors = Vec::new();
        let mut files = Vec::new();
        let mut read_all = |sub: &str| -> Vec<(PathBuf, String)> {
            let mut out = Vec::new();
            for path in yaml_files(&dir.join(sub), &mut errors) {
                match crate::input::read_text(&path, crate::input::MAX_YAML_BYTES) {
                    Ok(src) => {
                        files.push(path.clone());
                        out.push((path, src));
                    }
                    Err(e) => errors.push(Diagnostic::error(
                        &path,
                        format!("cannot read this rule file: {e}"),
                    )),
                }
            }
            out
        };
        let gazetteer_files = read_all("gazetteer");
        let frame_files = read_all("frames");
        let rule_files = read_all("");
        let lexicon_files = read_all("lexicons");

        let gazetteer = Gazetteer::compile(&gazetteer_files)
            .map_err(|mut e| errors.append(&mut e))
            .ok();
        // Most of the cost is compiling patterns: frames and lexicons compile on separate
        // cores. Frames are checked even when the gazetteer is broken, so every error shows
        // at once; only their references to it wait for one that compiles.
        let (frames, lexicon) = rayon::join(
            || Frames::compile(&frame_files, gazetteer.as_ref()),
            || Lexicon::compile(&lexicon_files),
        );
        let frames = frames.map_err(|mut e| errors.append(&mut e)).ok();
        let lexicon = lexicon.map_err(|mut e| errors.append(&mut e)).ok();
        let rules = conflict::compile(
            &rule_files,
            gazetteer.as_ref(),
            frames.as_ref(),
            lexicon.as_ref(),
        )
        .map_err(|mut e| errors.append(&mut e))
        .ok();
        if gazetteer_files.is_empty() {
            errors.push(Diagnostic::error(
                dir.join("gazetteer"),
                "no gazetteer files (*.yaml) found",
            ));
        }
        if frame_files.is_empty() {
            errors.push(Diagnostic::error(
                dir.join("frames"),
                "no frame files (*.yaml) found",
            ));
        }
        match (gazetteer, frames, rules, lexicon) {
            (Some(gazetteer), Some(frames), Some(rules), Some(lexicon)) if errors.is_empty() => {
                Ok(RuleSet {
                    gazetteer,
                    frames,
                    rules,
                    lexicon,
                    files,
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }

    pub fn describe_files(&self) -> Vec<String> {
        self.files.iter().map(|f| display_path(f)).collect()
    }
}

/// `*.yaml` and `*.yml` files in `dir`, sorted; a missing folder yields nothing.
fn yaml_files(dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            errors.push(Diagnostic::error(
                dir,
                format!("cannot read this folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    files
}

/// Parse one rule file into its raw (phase-one) shape; an empty file is the empty shape.
pub(crate) fn parse_file<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
    src: &str,
) -> std::result::Result<T, Diagnostic> {
    crate::yaml::from_str::<Option<T>>(src)
        .map(Option::unwrap_or_default)
        .map_err(|e| Diagnostic::from_yaml(path, &e))
}

/// Locate `key: value` in a rule file for a check made after parsing.
pub(crate) fn locate(d: Diagnostic, src: &str, key: &str, value: &str, nth: usize) -> Diagnostic {
    match crate::yaml::locate_key_value(src, key, value).get(nth) {
        Some(&(line, col)) => d.at(line, col),
        None => d,
    }
}
