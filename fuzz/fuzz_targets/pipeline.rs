//! One arbitrary article body through the whole pipeline with the shipped rules: load,
//! annotate, extract, check, render.
#![no_main]
use crosscheck::check;
use crosscheck::corpus::{FileOutcome, Outlets, load_source};
use crosscheck::render::findings::{CheckFormat, Report, render_check};
use crosscheck::render::RenderOptions;
use crosscheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules")).unwrap());
static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    Outlets::parse(Path::new("outlets.yaml"), "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n").unwrap()
});
const REFERENCE: &str = "---\noutlet: daily\npublished: 2020-03-11\n---\nThe ceasefire has collapsed. At least 28 soldiers were killed on Sunday.\n";

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let mut analyzed = Vec::new();
    for (name, text) in [("a.md", format!("---\noutlet: wire\npublished: 2020-03-12\n---\n{body}")), ("b.md", REFERENCE.to_string())] {
        if let FileOutcome::Loaded(doc) = load_source(PathBuf::from(name), text, &OUTLETS) {
            analyzed.push(check::analyse(*doc, &RULES));
        }
    }
    let findings = check::run(&RULES, &analyzed, &OUTLETS, &|_| true);
    let report = Report { findings: &findings, suppressed: &[], rules: &RULES.rules, documents: analyzed.len(), claims: 0 };
    for format in [CheckFormat::Text, CheckFormat::Table, CheckFormat::Sarif, CheckFormat::Github, CheckFormat::Junit] {
        let mut out = Vec::new();
        render_check(&mut out, &report, format, RenderOptions::default()).unwrap();
    }
});
