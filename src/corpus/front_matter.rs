//! The YAML block at the top of each article: who published it, when, where it came from.

use crate::calendar::{DayRange, parse_published};
use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;

use super::outlets::Outlets;

/// The front matter as written. Every field is optional here so that all missing required
/// fields are reported together, with their names, instead of serde's first complaint.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    outlet: Option<String>,
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    author: Option<String>,
    via: Option<String>,
    published_basis: Option<String>,
    language: Option<String>,
    /// Provenance written by `crosscheck import`: the file the article came from, its
    /// sha256, and the dateline found at the head of the text.
    source: Option<String>,
    source_sha256: Option<String>,
    dateline: Option<String>,
    #[serde(rename = "crosscheck-ignore", default)]
    crosscheck_ignore: Vec<RawIgnore>,
}

impl RawFrontMatter {
    /// The front matter of one scalar per line (nearly all), read without the YAML
    /// parser; `None` for anything else, an unknown or repeated key included, which the
    /// parser then reads or reports.
    fn flat(src: &str) -> Option<RawFrontMatter> {
        let mut raw = RawFrontMatter::default();
        let mut seen = 0u16;
        for (key, value) in yaml::flat_scalars(src)? {
            let (bit, field) = match key {
                "outlet" => (0, &mut raw.outlet),
                "published" => (1, &mut raw.published),
                "title" => (2, &mut raw.title),
                "url" => (3, &mut raw.url),
                "author" => (4, &mut raw.author),
                "via" => (5, &mut raw.via),
                "published_basis" => (6, &mut raw.published_basis),
                "language" => (7, &mut raw.language),
                "source" => (8, &mut raw.source),
                "source_sha256" => (9, &mut raw.source_sha256),
                "dateline" => (10, &mut raw.dateline),
                _ => return None,
            };
            if seen & (1 << bit) != 0 {
                return None;
            }
            seen |= 1 << bit;
            *field = value.map(std::borrow::Cow::into_owned);
        }
        Some(raw)
    }
}

/// The front matter read ignoring unknown keys, once they have all been reported.
#[derive(Debug, Default)]
struct Lenient(RawFrontMatter);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// RawFrontMatter's fields without `deny_unknown_fields`.
        #[derive(Deserialize)]
        struct Fields {
            outlet: Option<String>,
            published: Option<String>,
            title: Option<String>,
            url: Option<String>,
            author: Option<String>,
            via: Option<String>,
            published_basis: Option<String>,
            language: Option<String>,
            source: Option<String>,
            source_sha256: Option<String>,
            dateline: Option<String>,
            #[serde(rename = "crosscheck-ignore", default)]
            crosscheck_ignore: Vec<RawIgnore>,
        }
        let f = Fields::deserialize(d)?;
        Ok(Lenient(RawFrontMatter {
            outlet: f.outlet,
            published: f.published,
            title: f.title,
            url: f.url,
            author: f.author,
            via: f.via,
            published_basis: f.published_basis,
            language: f.language,
            source: f.source,
            source_sha256: f.source_sha256,
            dateline: f.dateline,
            crosscheck_ignore: f.crosscheck_ignore,
        }))
    }
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    rule: String,
    reason: Option<String>,
}

/// A rule this article asks not to be reported for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    pub rule: String,
    pub reason: String,
    /// The line of `crosscheck-ignore` in the article (0 when unknown: read from claims).
    pub line: usize,
}

/// Validated article metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// An outlet id from the outlets file.
    pub outlet: String,
    /// The day of publication, or the window it is known to lie in.
    pub published: DayRange,
    pub title: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The republisher's outlet id, when this page is a copy of another outlet's story.
    pub via: Option<String>,
    /// How the publication date is known (byline, URL, inferred from the text).
    pub published_basis: Option<String>,
    pub language: String,
    /// `crosscheck-ignore`: findings of these rules that involve this article are accepted.
    pub ignore: Vec<Ignore>,
}

/// Where the front matter and the body lie in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The YAML between the two fences.
    pub yaml: Range<usize>,
    /// 1-based line of the opening fence.
    pub fence_line: usize,
    /// Where the article text begins.
    pub body_start: usize,
}

/// Lines of `text` from `from`: (start, end without terminator, start of next line).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut end = pos;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        pos = next;
        Some((start, end, next))
    })
}

/// Find the front matter fences. `start` skips a byte-order mark.
pub fn layout(path: &Path, text: &str, start: usize) -> Result<Layout, Diagnostic> {
    let mut lines = lines_from(text, start);
    let fence = |s: &str| s.trim_end() == "---";
    match lines.next() {
        Some((s, e, next)) if fence(&text[s..e]) => {
            for (ls, le, lnext) in lines {
                let line = text[ls..le].trim_end();
                if line == "---" || line == "..." {
                    return Ok(Layout {
                        yaml: next..ls,
                        fence_line: 1,
                        body_start: lnext,
                    });
                }
            }
            Err(Diagnostic::error(path, "the front matter opened on line 1 is never closed")
                .at(1, 1)
                .with_help("end the front matter with a line containing only `---`"))
        }
        _ => Err(Diagnostic::error(path, "the article has no front matter")
            .at(1, 1)
            .with_help(
                "start the file with a `---` line, then `outlet:` and `published:`, then a closing `---` line",
            )),
    }
}

/// The largest front matter read: real ones are a few hundred bytes, and a front matter that
/// runs on for megabytes is a missing closing fence or an attack on the YAML parser.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Parse and validate the front matter. Returns every problem found.
pub fn parse(
    path: &Path,
    text: &str,
    layout: &Layout,
    outlets: &Outlets,
) -> Result<Meta, Vec<Diagnostic>> {
    let src = &text[layout.yaml.clone()];
    // Locations inside the YAML are relative to its first line, one after the fence.
    let shift = layout.fence_line;
    if src.len() > MAX_FRONT_MATTER_BYTES {
        return Err(vec![
            Diagnostic::error(
                path,
                format!(
                    "the front matter is {} bytes, more than the limit of {MAX_FRONT_MATTER_BYTES}",
                    src.len()
                ),
            )
            .at(layout.fence_line, 1)
            .with_help("is the closing `---` missing?"),
        ]);
    }
    let mut unknown_keys = Vec::new();
    let raw: RawFrontMatter = if src.trim().is_empty() {
        RawFrontMatter::default()
    } else if let Some(raw) = RawFrontMatter::flat(src) {
        raw
    } else {
        match yaml::from_str(src) {
            Ok(raw) => raw,
            // An unknown key: report every one, and check the rest as if they were absent.
            Err(e) if e.unknown_key.is_some() => {
                let expected = e.unknown_key.clone().map(|k| k.1).unwrap_or_default();
                let original = Diagnostic::from_yaml(path, &e).offset_lines(shift);
                for key in yaml::mapping_keys(src).unwrap_or_default() {
                    if expected.contains(&key) {
                        continue;
                    }
                    let unknown = yaml::YamlError {
                        line: yaml::locate_key(src, &key).unwrap_or(0),
                        column: 1,
                        path: key.clone(),
                        message: format!("unknown field `{key}`"),
                        unknown_key: Some((key, expected.clone())),
                    };
                    unknown_keys.push(Diagnostic::from_yaml(path, &unknown).offset_lines(shift));
                }
                // Keys the parser would not list (a document it refuses whole): the first
                // error alone, as before.
                if unknown_keys.is_empty() {
                    return Err(vec![original]);
                }
                match yaml::from_str::<Lenient>(src) {
                    Ok(l) => l.0,
                    Err(_) => return Err(vec![original]),
                }
            }
            Err(e) => return Err(vec![Diagnostic::from_yaml(path, &e).offset_lines(shift)]),
        }
    };
    let at_key = |key: &str, d: Diagnostic| match yaml::locate_key(src, key) {
        Some(line) => d.at(line + shift, 1),
        None => d.at(layout.fence_line, 1),
    };

    let mut errors = unknown_keys;
    for (field, value) in [("outlet", &raw.outlet), ("published", &raw.published)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            errors.push(
                Diagnostic::error(path, format!("the front matter has no `{field}`"))
                    .at(layout.fence_line, 1)
                    .with_help(match field {
                        "outlet" => "add `outlet: <id>` with an id from the outlets file",
                        _ => "add `published: YYYY-MM-DD` (or a range `YYYY-MM-DD..YYYY-MM-DD`)",
                    }),
            );
        }
    }
    let outlet = raw.outlet.clone().unwrap_or_default();
    if !outlet.is_empty() && outlets.get(&outlet).is_none() {
        errors.push(at_key("outlet", outlets.unknown(path, &outlet)));
    }
    if let Some(via) = raw.via.as_deref() {
        if outlets.get(via).is_none() {
            let mut d = outlets.unknown(path, via);
            d.message = format!(
                "unknown republisher `{via}` in `via`: {}",
                d.message.split_once(": ").map_or("", |x| x.1)
            );
            errors.push(at_key("via", d));
        }
    }
    let published = match raw.published.as_deref().map(parse_published) {
        Some(Ok(p)) => Some(p),
        Some(Err(e)) if !raw.published.as_deref().unwrap_or("").trim().is_empty() => {
            errors.push(at_key("published", Diagnostic::error(path, e.0)));
            None
        }
        _ => None,
    };
    let language = raw.language.clone().unwrap_or_else(|| "en".to_string());
    let mut ignore = Vec::new();
    for (i, ig) in raw.crosscheck_ignore.iter().enumerate() {
        match ig.reason.as_deref().map(str::trim) {
            Some(reason) if !reason.is_empty() => ignore.push(Ignore {
                rule: ig.rule.clone(),
                reason: reason.to_string(),
                line: yaml::locate_key(src, "crosscheck-ignore").map_or(0, |l| l + shift),
            }),
            _ => errors.push(
                at_key(
                    "crosscheck-ignore",
                    Diagnostic::error(
                        path,
                        format!("`crosscheck-ignore` of rule `{}` has no reason", ig.rule),
                    ),
                )
                .with_yaml_path(format!("crosscheck-ignore[{i}]"))
                .with_help("say why the finding is accepted: `{rule: ..., reason: ...}`"),
            ),
        }
    }

    match published {
        Some(published) if errors.is_empty() => Ok(Meta {
            outlet,
            published,
            title: raw.title,
            url: raw.url,
            author: raw.author,
            via: raw.via,
            published_basis: raw.published_basis,
            language,
            ignore,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets() -> Outlets {
        Outlets::parse(
            Path::new("outlets.yaml"),
            "outlets:\n  - {id: voa, name: Voice of America}\n  - {id: global-security, name: GlobalSecurity.org}\n",
        )
        .unwrap()
    }

    fn meta(text: &str) -> Result<Meta, Vec<Diagnostic>> {
        let p = Path::new("a.md");
        let l = layout(p, text, 0).map_err(|d| vec![d])?;
        parse(p, text, &l, &outlets())
    }

    #[test]
    fn every_problem_of_the_front_matter_is_reported_at_once() {
        let e = meta("---\noutlet: vao\nautor: A\npublished: 2020-13-45\ntitel: [T]\n---\nBody")
            .unwrap_err();
        let found: Vec<(Option<usize>, &str)> =
            e.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert!(
            found.contains(&(Some(3), "unknown key `autor`")),
            "{found:?}"
        );
        assert!(
            found.contains(&(Some(5), "unknown key `titel`")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(l, m)| *l == Some(2) && m.contains("unknown outlet `vao`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(l, _)| *l == Some(4)),
            "the bad date too: {found:?}"
        );
        assert_eq!(e[0].help.as_deref(), Some("did you mean `author`?"));
    }

    #[test]
    fn reads_every_field() {
        let m = meta("---\noutlet: voa\npublished: 2020-01-19\ntitle: T\nurl: https://x\nauthor: A\nvia: global-security\npublished_basis: byline\nlanguage: en\n---\nBody").unwrap();
        assert_eq!(m.outlet, "voa");
        assert_eq!(m.published.to_string(), "2020-01-19");
        assert_eq!(m.via.as_deref(), Some("global-security"));
    }

    #[test]
    fn body_starts_after_the_closing_fence_with_any_line_ending() {
        for text in [
            "---\r\noutlet: voa\r\n---\r\nBody",
            "---\routlet: voa\r---\rBody",
            "---\noutlet: voa\n...\nBody",
        ] {
            let l = layout(Path::new("a.md"), text, 0).unwrap();
            assert_eq!(&text[l.body_start..], "Body");
            assert_eq!(text[l.yaml.clone()].trim(), "outlet: voa");
        }
    }

    #[test]
    fn missing_and_unclosed_fences_are_errors() {
        assert!(
            layout(Path::new("a.md"), "Just text", 0)
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        assert!(
            layout(Path::new("a.md"), "---\noutlet: voa\nBody", 0)
                .unwrap_err()
                .message
                .contains("never closed")
        );
    }

    #[test]
    fn all_missing_fields_are_reported_together() {
        let e = meta("---\ntitle: T\n---\nBody").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("`outlet`") && e[1].message.contains("`published`"));
    }

    #[test]
    fn bad_values_point_at_their_line() {
        let e = meta("---\ntitle: T\noutlet: vao\npublished: March 5\n---\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].line, Some(3));
        assert_eq!(e[0].help.as_deref(), Some("did you mean `voa`?"));
        assert_eq!(e[1].line, Some(4));
        assert!(e[1].message.contains("`March 5` is not a date"));
    }

    #[test]
    fn unknown_keys_are_located_and_suggested() {
        let e = meta("---\noutlet: voa\npublished: 2020-01-19\npublsihed_basis: byline\n---\n")
            .unwrap_err();
        assert_eq!(e[0].message, "unknown key `publsihed_basis`");
        assert_eq!(e[0].line, Some(4));
        assert_eq!(
            e[0].help.as_deref(),
            Some("did you mean `published_basis`?")
        );
    }

    #[test]
    fn front_matter_of_one_scalar_a_line_is_read_without_the_parser() {
        let src = "outlet: voa\npublished: 2020-01-19\r\n\n# a comment\ntitle: \"Clashes: Day 2\"\nurl: https://x.example/a?b=1#c\nauthor: 'Ann O''Neil'\nvia:\npublished_basis: 'inferred: \"on Monday\"'\nlanguage: null\n";
        let raw = RawFrontMatter::flat(src).expect("flat");
        assert_eq!(raw.title.as_deref(), Some("Clashes: Day 2"));
        assert_eq!(raw.url.as_deref(), Some("https://x.example/a?b=1#c"));
        assert_eq!(raw.author.as_deref(), Some("Ann O'Neil"));
        assert_eq!((&raw.via, &raw.language), (&None, &None));
        assert_eq!(raw, yaml::from_str::<RawFrontMatter>(src).unwrap());
        for parser_only in [
            "outlet: voa\ncrosscheck-ignore:\n  - {rule: r, reason: x}\n",
            "outlet: voa\noutlet: bbc\n",
            "outlet: voa\ntitle: a\n  continued\n",
            "outlet: voa\nunknown: x\n",
            "outlet: ~\n",
            "title: \"a \\\" b\"\n",
            "title: a # comment\n",
        ] {
            assert_eq!(RawFrontMatter::flat(parser_only), None, "{parser_only:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20000, ..Default::default() })]

        /// Whatever the walk reads, the parser reads the same; where they could differ the
        /// walk declines.
        #[test]
        fn the_walk_reads_what_the_parser_reads(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(&["outlet", "title", "url", "via", "language", "author", "title", "url", "crosscheck-ignore", "other", " title", "Title", "#", ""][..]),
                    proptest::sample::select(&[": ", ": ", ": ", ": ", ":", ":  ", " :", ":\t", ""][..]),
                    proptest::sample::select(&["", "", "\"", "'"][..]),
                    proptest::collection::vec(
                        proptest::sample::select(&[
                            "a", "Z", "0", "9", " ", ":", "#", "'", "\"", "\\", "-", "[", "]", "{",
                            "}", ",", "~", "null", "NULL", "true", "0x1f", "é", "\u{85}", "\u{a0}",
                            "\u{2028}", "\u{feff}", "\t", "\r", "!", "&", "*", "|", ">", "%", "@",
                            "`", "?", ".", "''", "---", "...", "\u{1}", "a", "0", "Z", "a b",
                        ][..]),
                        0..6,
                    ),
                    proptest::sample::select(&["", "", "\"", "'", " ", " # c"][..]),
                ),
                1..5,
            ),
            crlf in proptest::bool::ANY,
        ) {
            let src: String = lines
                .iter()
                .map(|(key, sep, open, value, close)| {
                    let end = if crlf { "\r\n" } else { "\n" };
                    format!("{key}{sep}{open}{}{close}{end}", value.concat())
                })
                .collect();
            if let Some(raw) = RawFrontMatter::flat(&src) {
                let parsed = yaml::from_str::<RawFrontMatter>(&src);
                proptest::prop_assert_eq!(Ok(raw), parsed.map_err(|e| e.message), "{:?}", src);
            }
        }
    }
}
