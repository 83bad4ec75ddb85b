//! Inputs that once crashed a fuzz target (or a property test), replayed through the same
//! code on every `cargo test`: an article body through the whole pipeline and every
//! renderer, a YAML file as every kind of rule file.

use crosscheck::check;
use crosscheck::corpus::{FileOutcome, Outlets, load_source};
use crosscheck::render::RenderOptions;
use crosscheck::render::findings::{CheckFormat, Report, render_check};
use crosscheck::rules::{RuleSet, conflict, frames::Frames, gazetteer::Gazetteer};

use std::path::{Path, PathBuf};

/// Every renderer and the audit over `analyzed`: what `check --format X`, `report` and
/// `audit` would print. Each must return, never panic.
fn render_everything(
    rules: &RuleSet,
    analyzed: &[check::Analyzed],
    outlets: &Outlets,
    findings: &[crosscheck::findings::Finding],
) {
    use crosscheck::render::{self, Format};
    let report = Report {
        findings,
        suppressed: &[],
        rules: &rules.rules,
        documents: analyzed.len(),
        claims: analyzed.iter().map(|a| a.claims.len()).sum(),
    };
    for format in [
        CheckFormat::Text,
        CheckFormat::Table,
        CheckFormat::Concise,
        CheckFormat::Json,
        CheckFormat::Jsonl,
        CheckFormat::Markdown,
        CheckFormat::Sarif,
        CheckFormat::Github,
        CheckFormat::Junit,
    ] {
        let mut out = Vec::new();
        render_check(
            &mut out,
            &report,
            format,
            RenderOptions {
                width: 100,
                ..RenderOptions::default()
            },
        )
        .unwrap();
        assert!(String::from_utf8(out).is_ok(), "{format:?}");
    }
    let audit = crosscheck::audit::build(rules, analyzed, outlets, findings);
    let voices = crosscheck::audit::voice_groups(analyzed, outlets);
    for format in [Format::Table, Format::Json, Format::Jsonl, Format::Markdown] {
        let opts = RenderOptions {
            width: 100,
            ..RenderOptions::default()
        };
        render::audit::render(&mut Vec::new(), &audit, format, opts).unwrap();
        render::audit::render_voices(&mut Vec::new(), &voices, format, opts).unwrap();
    }
    let published = analyzed
        .iter()
        .map(|a| a.doc.meta.published)
        .reduce(|a, b| crosscheck::calendar::DayRange {
            from: a.from.min(b.from),
            to: a.to.max(b.to),
        });
    let page = render::html::Page {
        command: "crosscheck report".into(),
        rule_files: Vec::new(),
        documents: analyzed.len(),
        claims: report.claims,
        published,
        findings,
        suppressed: 0,
        marks: render::html::marks(analyzed, outlets, rules),
        statuses: render::html::status_order(rules),
        audit: Some(&audit),
    };
    render::html::render(&mut Vec::new(), &page).unwrap();
}

/// The publication dates articles are given when replayed: an ordinary day, and the edges
/// of the calendar (a report's axis once overflowed past 9999-12-31).
const DATES: [(&str, &str); 3] = [
    ("2020-03-12", "2020-03-11"),
    ("9999-12-31", "9999-12-01..9999-12-31"),
    ("-009999-01-01", "-009999-01-01..-009999-01-09"),
];

fn inputs(kind: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(kind);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

#[test]
fn article_inputs_go_through_the_whole_pipeline() {
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let outlets = Outlets::parse(
        Path::new("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n",
    )
    .unwrap();
    for (path, bytes) in inputs("articles") {
        let body = String::from_utf8_lossy(&bytes);
        for (a, b) in DATES {
            let mut analyzed = Vec::new();
            for (name, text) in [
                (
                    "a.md",
                    format!("---\noutlet: wire\npublished: {a}\n---\n{body}"),
                ),
                (
                    "b.md",
                    format!(
                        "---\noutlet: daily\npublished: {b}\n---\nThe ceasefire has collapsed. \
                         At least 28 soldiers were killed on Sunday. Next year it will hold.\n"
                    ),
                ),
            ] {
                if let FileOutcome::Loaded(doc) = load_source(PathBuf::from(name), text, &outlets) {
                    analyzed.push(check::analyse(*doc, &rules));
                }
            }
            assert_eq!(analyzed.len(), 2, "{} on {a}", path.display());
            let findings = check::run(&rules, &analyzed, &outlets, &|_| true);
            render_everything(&rules, &analyzed, &outlets, &findings);
        }
    }
}

#[test]
fn rule_inputs_are_errors_or_rules_never_panics() {
    for (path, bytes) in inputs("rules") {
        let files = [(
            PathBuf::from("f.yaml"),
            String::from_utf8_lossy(&bytes).into_owned(),
        )];
        let g = Gazetteer::compile(&files).ok();
        let f = Frames::compile(&files, g.as_ref()).ok();
        let rules = conflict::compile(&files, g.as_ref(), f.as_ref(), None);
        assert!(rules.is_err(), "{} should not compile", path.display());
    }
}
