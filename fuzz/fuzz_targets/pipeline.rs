//! One arbitrary article body through the whole pipeline with the shipped rules: load,
//! annotate, extract, check, the audit and every renderer. The first bytes choose the two
//! articles' publication dates (saturating at the ends of the calendar, so 9999-12-31 and
//! -9999-01-01 come up often), the rest is the body.
#![no_main]
use crosscheck::calendar::DayRange;
use crosscheck::check;
use crosscheck::corpus::{FileOutcome, Outlets, load_source};
use crosscheck::render::findings::{CheckFormat, Report, render_check};
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::rules::RuleSet;
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules")).unwrap());
static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    Outlets::parse(Path::new("outlets.yaml"), "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n").unwrap()
});
const REFERENCE: &str = "The ceasefire has collapsed. At least 28 soldiers were killed on Sunday. Next year it will hold.\n";

/// A day `offset` days from 2020-01-01, saturating at the calendar's ends.
fn day(offset: i16, scale: u8) -> Date {
    let base = jiff::civil::date(2020, 1, 1);
    let days = i64::from(offset) * i64::from(scale).pow(2);
    base.checked_add(jiff::Span::new().days(days.clamp(-7_000_000, 7_000_000)))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// `published:` for a day and a range length in days (0: one day).
fn published(from: Date, len: u8) -> String {
    let to = from.checked_add(jiff::Span::new().days(i64::from(len))).unwrap_or(Date::MAX);
    let show = |d: Date| if (0..=9999).contains(&d.year()) { d.to_string() } else { format!("{:+07}-{:02}-{:02}", d.year(), d.month(), d.day()) };
    if len == 0 { show(from) } else { format!("{}..{}", show(from), show(to)) }
}

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(7));
    let mut h = [0u8; 7];
    h[..head.len()].copy_from_slice(head);
    let a = published(day(i16::from_le_bytes([h[0], h[1]]), h[2]), h[3] % 8);
    let b = published(day(i16::from_le_bytes([h[4], h[5]]), h[2]), h[6] % 40);
    let body = String::from_utf8_lossy(body);
    let mut analyzed = Vec::new();
    for (name, outlet, date, text) in [("a.md", "wire", &a, &*body), ("b.md", "daily", &b, REFERENCE)] {
        let source = format!("---\noutlet: {outlet}\npublished: {date}\n---\n{text}");
        if let FileOutcome::Loaded(doc) = load_source(PathBuf::from(name), source, &OUTLETS) {
            analyzed.push(check::analyse(*doc, &RULES));
        }
    }
    let findings = check::run(&RULES, &analyzed, &OUTLETS, &|_| true);
    let claims = analyzed.iter().map(|x| x.claims.len()).sum();
    let report = Report { findings: &findings, suppressed: &[], rules: &RULES.rules, documents: analyzed.len(), claims };
    let opts = RenderOptions { width: 100, ..RenderOptions::default() };
    for format in [
        CheckFormat::Text, CheckFormat::Table, CheckFormat::Concise, CheckFormat::Json, CheckFormat::Jsonl,
        CheckFormat::Markdown, CheckFormat::Sarif, CheckFormat::Github, CheckFormat::Junit,
    ] {
        render_check(&mut Vec::new(), &report, format, opts).unwrap();
    }
    let audit = crosscheck::audit::build(&RULES, &analyzed, &OUTLETS, &findings);
    let voices = crosscheck::audit::voice_groups(&analyzed, &OUTLETS);
    for format in [Format::Table, Format::Json, Format::Jsonl, Format::Markdown] {
        render::audit::render(&mut Vec::new(), &audit, format, opts).unwrap();
        render::audit::render_voices(&mut Vec::new(), &voices, format, opts).unwrap();
    }
    let span = analyzed.iter().map(|x| x.doc.meta.published).reduce(|x, y| DayRange { from: x.from.min(y.from), to: x.to.max(y.to) });
    let page = render::html::Page {
        command: "crosscheck report".into(),
        rule_files: Vec::new(),
        documents: analyzed.len(),
        claims,
        published: span,
        findings: &findings,
        suppressed: 0,
        marks: render::html::marks(&analyzed, &OUTLETS, &RULES),
        statuses: render::html::status_order(&RULES),
        audit: Some(&audit),
    };
    render::html::render(&mut Vec::new(), &page).unwrap();
});
