//! Inputs that once crashed a fuzz target (or a property test), replayed through the same
//! code on every `cargo test`: an article body through the whole pipeline and every
//! renderer, a YAML file as every kind of rule file.

use crosscheck::check;
use crosscheck::corpus::{FileOutcome, Outlets, load_source};
use crosscheck::render::RenderOptions;
use crosscheck::render::findings::{CheckFormat, Report, render_check};
use crosscheck::rules::{RuleSet, conflict, frames::Frames, gazetteer::Gazetteer};

use std::path::{Path, PathBuf};

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
        let mut analyzed = Vec::new();
        for (name, text) in [
            (
                "a.md",
                format!("---\noutlet: wire\npublished: 2020-03-12\n---\n{body}"),
            ),
            (
                "b.md",
                "---\noutlet: daily\npublished: 2020-03-11\n---\nThe ceasefire has collapsed.\n"
                    .to_string(),
            ),
        ] {
            if let FileOutcome::Loaded(doc) = load_source(PathBuf::from(name), text, &outlets) {
                analyzed.push(check::analyse(*doc, &rules));
            }
        }
        assert_eq!(analyzed.len(), 2, "{}", path.display());
        let findings = check::run(&rules, &analyzed, &outlets, &|_| true);
        let report = Report {
            findings: &findings,
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
            assert!(
                String::from_utf8(out).is_ok(),
                "{format:?} on {}",
                path.display()
            );
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
