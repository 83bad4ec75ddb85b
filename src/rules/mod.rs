//! Loading the domain: the built-in pack and the rule packs layered on it (gazetteer,
//! claim frames, lexicons, conflict rules).
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
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The folder used when neither `--rules` nor the config names a pack and it exists.
pub const DEFAULT_RULES: &str = "rules";

/// The name the built-in pack goes by in reports and in its files' paths.
pub const BUILTIN_PACK: &str = "built-in";

/// The built-in pack: the generic English frames (measures and their triggers, status
/// words, event triggers, control wording), the generic thing classes and the conflict
/// rules. Compiled into the binary so that crosscheck works from any folder, and a story's
/// pack holds only what is its own.
const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "gazetteer/classes.yaml",
        include_str!("../../builtin/gazetteer/classes.yaml"),
    ),
    (
        "frames/control.yaml",
        include_str!("../../builtin/frames/control.yaml"),
    ),
    (
        "frames/counts.yaml",
        include_str!("../../builtin/frames/counts.yaml"),
    ),
    (
        "frames/events.yaml",
        include_str!("../../builtin/frames/events.yaml"),
    ),
    (
        "frames/status.yaml",
        include_str!("../../builtin/frames/status.yaml"),
    ),
    (
        "conflicts.yaml",
        include_str!("../../builtin/conflicts.yaml"),
    ),
];

/// One pack as loaded: where it came from and the files it gave.
#[derive(Debug, Clone)]
pub struct PackInfo {
    /// `built-in`, or the folder as named.
    pub name: String,
    /// The folder; `None` for the built-in pack.
    pub root: Option<PathBuf>,
    pub files: Vec<PathBuf>,
}

/// An entry of an earlier pack replaced by a later pack's entry with the same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// What the id names: actor, place, thing, class, frame, subject, rule, term.
    pub kind: &'static str,
    pub id: String,
    pub earlier: PathBuf,
    pub later: PathBuf,
}

/// The compiled domain.
#[derive(Debug)]
pub struct RuleSet {
    pub gazetteer: Gazetteer,
    pub frames: Frames,
    /// Conflict rules (`*.yaml` at a pack's top level), in pack and file order.
    pub rules: Vec<Rule>,
    /// Loaded terms (`lexicons/*.yaml` of the packs); empty when no pack has any.
    pub lexicon: Lexicon,
    /// Every file that was read, for reports ("which rules produced this").
    pub files: Vec<PathBuf>,
    /// The packs, built-in first, in the order they were layered.
    pub packs: Vec<PackInfo>,
    /// Entries a later pack replaced.
    pub overrides: Vec<Override>,
    /// Problems that did not stop the load: a pack overriding another user pack's entry.
    pub warnings: Vec<Diagnostic>,
}

/// A pack's files by part, each `(path, source)`.
#[derive(Debug, Default)]
struct PackFiles {
    info: Option<PackInfo>,
    gazetteer: Vec<(PathBuf, String)>,
    frames: Vec<(PathBuf, String)>,
    rules: Vec<(PathBuf, String)>,
    lexicons: Vec<(PathBuf, String)>,
}

impl PackFiles {
    fn builtin() -> PackFiles {
        let mut pack = PackFiles::default();
        for (name, src) in BUILTIN_FILES {
            let path = PathBuf::from(format!("<{BUILTIN_PACK}>/{name}"));
            let entry = (path, (*src).to_string());
            match name.split_once('/') {
                Some(("gazetteer", _)) => pack.gazetteer.push(entry),
                Some(("frames", _)) => pack.frames.push(entry),
                Some(("lexicons", _)) => pack.lexicons.push(entry),
                _ => pack.rules.push(entry),
            }
        }
        pack.info = Some(PackInfo {
            name: BUILTIN_PACK.into(),
            root: None,
            files: pack.all().map(|(p, _)| p.clone()).collect(),
        });
        pack
    }

    /// Read a pack folder: `gazetteer/`, `frames/`, `lexicons/` and top-level `*.yaml`.
    fn read(dir: &Path, errors: &mut Vec<Diagnostic>) -> PackFiles {
        let mut pack = PackFiles::default();
        let mut read_all = |sub: &str| -> Vec<(PathBuf, String)> {
            let mut out = Vec::new();
            for path in yaml_files(&dir.join(sub), errors) {
                match crate::input::read_text(&path, crate::input::MAX_YAML_BYTES) {
                    Ok(src) => out.push((path, src)),
                    Err(e) => errors.push(Diagnostic::error(
                        &path,
                        format!("cannot read this rule file: {e}"),
                    )),
                }
            }
            out
        };
        pack.gazetteer = read_all("gazetteer");
        pack.frames = read_all("frames");
        pack.rules = read_all("");
        pack.lexicons = read_all("lexicons");
        pack.info = Some(PackInfo {
            name: display_path(dir),
            root: Some(dir.to_path_buf()),
            files: pack.all().map(|(p, _)| p.clone()).collect(),
        });
        pack
    }

    fn all(&self) -> impl Iterator<Item = &(PathBuf, String)> {
        self.gazetteer
            .iter()
            .chain(&self.frames)
            .chain(&self.rules)
            .chain(&self.lexicons)
    }
}

impl RuleSet {
    /// The built-in pack with the pack in `dir` layered on top.
    pub fn load(dir: &Path) -> Result<RuleSet> {
        RuleSet::load_packs(&[dir.to_path_buf()])
    }

    /// The built-in pack alone.
    pub fn builtin() -> Result<RuleSet> {
        RuleSet::load_packs(&[])
    }

    /// The built-in pack, then each folder of `dirs` in order: a later pack adds entries and
    /// replaces an earlier pack's entries of the same id. Every problem in every file is
    /// returned together.
    pub fn load_packs(dirs: &[PathBuf]) -> Result<RuleSet> {
        let mut errors = Vec::new();
        let mut packs = vec![PackFiles::builtin()];
        for dir in dirs {
            if !dir.is_dir() {
                let message = if dir.exists() {
                    "a rule pack is a folder, not a file"
                } else {
                    "no such rule pack folder"
                };
                errors.push(Diagnostic::error(dir, message).with_help(
                    "a pack is a folder with gazetteer/, frames/, lexicons/ and conflict rules (*.yaml)",
                ));
                continue;
            }
            let pack = PackFiles::read(dir, &mut errors);
            if pack.all().next().is_none() {
                errors.push(Diagnostic::error(dir, "this rule pack holds no rule files").with_help(
                    "a pack is a folder with gazetteer/, frames/, lexicons/ and conflict rules (*.yaml)",
                ));
            }
            packs.push(pack);
        }
        let (shadow, overrides) = layer(&packs);
        let mut warnings = Vec::new();
        for o in &overrides {
            if !o.earlier.starts_with(format!("<{BUILTIN_PACK}>")) {
                let src = packs
                    .iter()
                    .flat_map(PackFiles::all)
                    .find(|(p, _)| p == &o.later)
                    .map_or("", |(_, s)| s.as_str());
                let d = Diagnostic::warning(
                    &o.later,
                    format!(
                        "{} `{}` overrides the one in {}",
                        o.kind,
                        o.id,
                        display_path(&o.earlier)
                    ),
                );
                let key = if o.kind == "subject" { &o.id } else { "id" };
                warnings.push(if o.kind == "subject" {
                    d
                } else {
                    locate(d, src, key, &o.id, 0)
                });
            }
        }
        let collect = |part: fn(&PackFiles) -> &Vec<(PathBuf, String)>| -> Vec<(PathBuf, String)> {
            packs.iter().flat_map(|p| part(p).iter().cloned()).collect()
        };
        let gazetteer_files = collect(|p| &p.gazetteer);
        let frame_files = collect(|p| &p.frames);
        let rule_files = collect(|p| &p.rules);
        let lexicon_files = collect(|p| &p.lexicons);
        let files: Vec<PathBuf> = packs
            .iter()
            .flat_map(|p| p.all().map(|(path, _)| path.clone()))
            .collect();
        let infos: Vec<PackInfo> = packs.into_iter().filter_map(|p| p.info).collect();

        let gazetteer = Gazetteer::compile_layered(&gazetteer_files, &shadow)
            .map_err(|mut e| errors.append(&mut e))
            .ok();
        // Most of the cost is compiling patterns: frames and lexicons compile on separate
        // cores. Frames are checked even when the gazetteer is broken, so every error shows
        // at once; only their references to it wait for one that compiles.
        let (frames, lexicon) = rayon::join(
            || Frames::compile_layered(&frame_files, gazetteer.as_ref(), &shadow),
            || Lexicon::compile_layered(&lexicon_files, &shadow),
        );
        let frames = frames.map_err(|mut e| errors.append(&mut e)).ok();
        let lexicon = lexicon.map_err(|mut e| errors.append(&mut e)).ok();
        let rules = conflict::compile_layered(
            &rule_files,
            gazetteer.as_ref(),
            frames.as_ref(),
            lexicon.as_ref(),
            &shadow,
        )
        .map_err(|mut e| errors.append(&mut e))
        .ok();
        match (gazetteer, frames, rules, lexicon) {
            (Some(gazetteer), Some(frames), Some(rules), Some(lexicon)) if errors.is_empty() => {
                Ok(RuleSet {
                    gazetteer,
                    frames,
                    rules,
                    lexicon,
                    files,
                    packs: infos,
                    overrides,
                    warnings,
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }

    pub fn describe_files(&self) -> Vec<String> {
        self.files.iter().map(|f| display_path(f)).collect()
    }

    /// The `tests/` folders of the packs that have one, in pack order.
    pub fn test_dirs(&self) -> Vec<PathBuf> {
        self.packs
            .iter()
            .filter_map(|p| p.root.as_ref())
            .map(|r| r.join("tests"))
            .filter(|t| t.is_dir())
            .collect()
    }
}

/// Entries of a file that a later pack replaces: `(file, kind, id)`.
#[derive(Debug, Default)]
pub(crate) struct Shadow(HashSet<(PathBuf, &'static str, String)>);

impl Shadow {
    /// Whether the entry `kind`/`id` of `path` is replaced by a later pack's.
    pub(crate) fn hides(&self, path: &Path, kind: &'static str, id: &str) -> bool {
        !self.0.is_empty() && self.0.contains(&(path.to_path_buf(), kind, id.to_string()))
    }
}

/// The ids a rule file defines, read leniently: the file's own errors are reported when it
/// is compiled.
#[derive(Debug, Default, Deserialize)]
struct Ids {
    #[serde(default)]
    actors: Vec<IdOnly>,
    #[serde(default)]
    places: Vec<IdOnly>,
    #[serde(default)]
    things: Vec<IdOnly>,
    #[serde(default)]
    classes: Vec<IdOnly>,
    #[serde(default)]
    counts: Vec<IdOnly>,
    #[serde(default)]
    status: Vec<IdOnly>,
    #[serde(default)]
    events: Vec<IdOnly>,
    #[serde(default)]
    rules: Vec<IdOnly>,
    #[serde(default)]
    terms: Vec<IdOnly>,
    #[serde(default)]
    subjects: BTreeMap<String, serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<String>,
}

/// What an id names, by the top-level key its entry is under.
fn kind_of(section: &str) -> Option<&'static str> {
    Some(match section {
        "actors" => "actor",
        "places" => "place",
        "things" => "thing",
        "classes" => "class",
        "counts" | "status" | "events" => "frame",
        "rules" => "rule",
        "terms" => "term",
        "subjects" => "subject",
        _ => return None,
    })
}

impl Ids {
    /// The ids `src` defines, by their kind: read line by line when the file is plain, by
    /// the parser otherwise.
    fn of(src: &str) -> Vec<(&'static str, String)> {
        match crate::yaml::entry_ids(src, &["subjects"]) {
            Some(found) => found
                .into_iter()
                .filter_map(|(section, id)| kind_of(&section).map(|k| (k, id)))
                .collect(),
            None => Ids::parsed(src),
        }
    }

    fn parsed(src: &str) -> Vec<(&'static str, String)> {
        let Ok(Some(ids)) = crate::yaml::from_str::<Option<Ids>>(src) else {
            return Vec::new();
        };
        let listed = [
            ("actor", ids.actors),
            ("place", ids.places),
            ("thing", ids.things),
            ("class", ids.classes),
            ("frame", ids.counts),
            ("frame", ids.status),
            ("frame", ids.events),
            ("rule", ids.rules),
            ("term", ids.terms),
        ];
        let mut out: Vec<(&'static str, String)> = listed
            .into_iter()
            .flat_map(|(kind, list)| {
                list.into_iter()
                    .filter_map(move |e| e.id.map(|id| (kind, id)))
            })
            .collect();
        out.extend(ids.subjects.into_keys().map(|s| ("subject", s)));
        out
    }
}

/// Which entries later packs replace. Two entries with one id in the same pack are left to
/// the compilers, which report them as defined twice.
fn layer(packs: &[PackFiles]) -> (Shadow, Vec<Override>) {
    let mut last: HashMap<(&'static str, String), (usize, PathBuf)> = HashMap::new();
    let mut shadow = Shadow::default();
    let mut overrides = Vec::new();
    for (n, pack) in packs.iter().enumerate() {
        for (path, src) in pack.all() {
            for (kind, id) in Ids::of(src) {
                let key = (kind, id.clone());
                if let Some((m, earlier)) = last.get(&key)
                    && *m < n
                {
                    shadow.0.insert((earlier.clone(), kind, id.clone()));
                    overrides.push(Override {
                        kind,
                        id: id.clone(),
                        earlier: earlier.clone(),
                        later: path.clone(),
                    });
                }
                last.insert(key, (n, path.clone()));
            }
        }
    }
    (shadow, overrides)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule file in the repository: the line-by-line reading of ids agrees with the
    /// parser's wherever it answers.
    #[test]
    fn ids_read_line_by_line_are_the_parsers() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut stack = vec![
            root.join("builtin"),
            root.join("rules"),
            root.join("eval"),
            root.join("templates"),
            root.join("tests/fixtures"),
        ];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "yaml") {
                    files.push(p);
                }
            }
        }
        let mut read = 0;
        for f in &files {
            let src = std::fs::read_to_string(f).unwrap();
            if let Some(found) = crate::yaml::entry_ids(&src, &["subjects"]) {
                let mut fast: Vec<(&str, String)> = found
                    .into_iter()
                    .filter_map(|(s, id)| kind_of(&s).map(|k| (k, id)))
                    .collect();
                let mut slow = Ids::parsed(&src);
                fast.sort();
                slow.sort();
                assert_eq!(fast, slow, "{}", f.display());
                read += 1;
            }
        }
        assert!(
            read > 20,
            "most rule files are read line by line: {read} of {}",
            files.len()
        );
    }

    #[test]
    fn ids_in_any_style() {
        let src = "actors:\n  - id: a\n    name: A\n  - {id: 'b', name: B}\n  - name: C\n    id: c\n    part_of: [a]\nfuzzy:\n  threshold: 0.9\nsubjects:\n  sailors: ['sailors?']\n";
        let ids = crate::yaml::entry_ids(src, &["subjects"]).unwrap();
        assert_eq!(
            ids,
            vec![
                ("actors".to_string(), "a".to_string()),
                ("actors".into(), "b".into()),
                ("actors".into(), "c".into()),
                ("subjects".into(), "sailors".into()),
            ]
        );
        assert_eq!(crate::yaml::entry_ids("places: [{id: x}]\n", &[]), None);
    }
}
