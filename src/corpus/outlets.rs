//! `outlets.yaml`: who publishes the articles, and the page furniture to strip from each.

use crate::diagnostic::{Diagnostic, display_path, suggest};
use crate::pattern::Pattern;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file's shape, exactly as written (phase one of two-phase loading).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutletsFile {
    outlets: Vec<RawOutlet>,
    /// Furniture common to every outlet's pages.
    #[serde(default)]
    boilerplate: Vec<Pattern>,
    /// Jaccard similarity of word shingles above which two articles are copies of one story.
    #[serde(default)]
    near_duplicates: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutlet {
    id: String,
    name: String,
    #[serde(default)]
    domains: Vec<String>,
    country: Option<String>,
    kind: Option<String>,
    /// Outlets that are one voice (a network and its affiliates) share a family.
    family: Option<String>,
    #[serde(default)]
    boilerplate: Vec<Pattern>,
}

/// One outlet, validated.
#[derive(Debug, Clone)]
pub struct Outlet {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub country: Option<String>,
    pub kind: Option<String>,
    pub family: Option<String>,
    pub boilerplate: Vec<Pattern>,
}

/// All outlets known to a corpus, by id.
#[derive(Debug, Clone)]
pub struct Outlets {
    pub path: PathBuf,
    by_id: BTreeMap<String, Outlet>,
    pub common_boilerplate: Vec<Pattern>,
    /// Similarity above which two texts are one voice (see `text::duplicates`).
    pub near_duplicates: f64,
}

impl Outlets {
    pub fn get(&self, id: &str) -> Option<&Outlet> {
        self.by_id.get(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// A diagnostic for an id that is not in the file, with the nearest known id.
    pub fn unknown(&self, file: &Path, id: &str) -> Diagnostic {
        let d = Diagnostic::error(
            file,
            format!(
                "unknown outlet `{id}`: it is not listed in {}",
                display_path(&self.path)
            ),
        );
        match suggest(id, self.ids()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("add an entry with `id: {id}` to the outlets file")),
        }
    }

    /// Parse and validate an outlets file. Every problem found is returned.
    pub fn parse(path: &Path, src: &str) -> Result<Outlets, Vec<Diagnostic>> {
        let raw: RawOutletsFile =
            yaml::from_str(src).map_err(|e| vec![Diagnostic::from_yaml(path, &e)])?;
        let mut errors = Vec::new();
        let mut by_id = BTreeMap::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, o) in raw.outlets.into_iter().enumerate() {
            let nth = *seen
                .entry(o.id.clone())
                .and_modify(|n| *n += 1)
                .or_insert(0);
            let at = |d: Diagnostic| match yaml::locate_key_value(src, "id", &o.id).get(nth) {
                Some(&(line, col)) => d.at(line, col),
                None => d,
            };
            let yaml_path = format!("outlets[{i}].id");
            if !is_valid_id(&o.id) {
                errors.push(
                    at(Diagnostic::error(path, format!("outlet id `{}` is not valid", o.id)))
                        .with_yaml_path(yaml_path.clone())
                        .with_help("ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit"),
                );
            }
            if by_id.contains_key(&o.id) {
                errors.push(
                    at(Diagnostic::error(
                        path,
                        format!("outlet id `{}` is listed twice", o.id),
                    ))
                    .with_yaml_path(yaml_path),
                );
                continue;
            }
            by_id.insert(
                o.id.clone(),
                Outlet {
                    id: o.id,
                    name: o.name,
                    domains: o.domains,
                    country: o.country,
                    kind: o.kind,
                    family: o.family,
                    boilerplate: o.boilerplate,
                },
            );
        }
        if by_id.is_empty() && errors.is_empty() {
            errors.push(
                Diagnostic::error(path, "the outlets file lists no outlets")
                    .with_yaml_path("outlets"),
            );
        }
        let near_duplicates = raw
            .near_duplicates
            .unwrap_or(crate::text::duplicates::DEFAULT_THRESHOLD);
        if !(0.0..=1.0).contains(&near_duplicates) || near_duplicates == 0.0 {
            let d = Diagnostic::error(
                path,
                format!("near_duplicates: {near_duplicates} is not a similarity in (0, 1]"),
            )
            .with_yaml_path("near_duplicates");
            errors.push(match yaml::locate_key(src, "near_duplicates") {
                Some(line) => d.at_line(line),
                None => d,
            });
        }
        if errors.is_empty() {
            Ok(Outlets {
                path: path.to_path_buf(),
                by_id,
                common_boilerplate: raw.boilerplate,
                near_duplicates,
            })
        } else {
            Err(errors)
        }
    }

    /// Read and parse the outlets file at `path`.
    pub fn load(path: &Path) -> Result<Outlets, Vec<Diagnostic>> {
        let src = crate::input::read_text(path, crate::input::MAX_YAML_BYTES).map_err(|e| {
            vec![Diagnostic::error(
                path,
                format!("cannot read the outlets file: {e}"),
            )]
        })?;
        Outlets::parse(path, &src)
    }
}

fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Outlets, Vec<Diagnostic>> {
        Outlets::parse(Path::new("outlets.yaml"), src)
    }

    #[test]
    fn loads_outlets_and_patterns() {
        let o = parse("outlets:\n  - id: voa\n    name: Voice of America\n    boilerplate: ['^Join the mailing list$']\nboilerplate: ['^Share this$']\n").unwrap();
        assert_eq!(o.get("voa").unwrap().name, "Voice of America");
        assert_eq!(o.get("voa").unwrap().boilerplate.len(), 1);
        assert_eq!(o.common_boilerplate.len(), 1);
    }

    #[test]
    fn a_bad_pattern_is_located() {
        let e = parse("outlets:\n  - id: voa\n    name: V\n    boilerplate:\n      - '(oops'\n")
            .unwrap_err();
        assert_eq!(e[0].line, Some(5));
        assert_eq!(e[0].yaml_path.as_deref(), Some("outlets[0].boilerplate[0]"));
        assert!(e[0].message.contains("unclosed group"), "{}", e[0].message);
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let e = parse("outlets:\n  - id: voa\n    nmae: V\n").unwrap_err();
        assert_eq!(e[0].message, "unknown key `nmae`");
        assert_eq!(e[0].help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(e[0].line, Some(3));
    }

    #[test]
    fn duplicate_and_malformed_ids_are_all_reported() {
        let e = parse("outlets:\n  - id: voa\n    name: A\n  - id: voa\n    name: B\n  - id: Bad Id\n    name: C\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("listed twice"));
        assert_eq!(e[0].line, Some(4)); // the second `id: voa`
        assert!(e[1].message.contains("not valid"));
        assert_eq!(e[1].line, Some(6));
    }

    #[test]
    fn unknown_outlet_suggests_the_nearest() {
        let o = parse("outlets:\n  - id: south-front\n    name: South Front\n").unwrap();
        let d = o.unknown(Path::new("a.md"), "southfront");
        assert_eq!(d.help.as_deref(), Some("did you mean `south-front`?"));
    }
}
