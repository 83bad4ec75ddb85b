//! The rule engine on small corpora written inline, with the shipped rules: for each check
//! kind a conflict, a look-alike that is not one, and the edges (same outlet, republished
//! copy, window edge, hedged).

use crosscheck::check::{self, Analyzed};
use crosscheck::corpus::{self, LoadOptions};
use crosscheck::findings::Finding;
use crosscheck::render::findings::{Report, render};
use crosscheck::render::{Format, RenderOptions};
use crosscheck::rules::RuleSet;
use std::path::PathBuf;

const OUTLETS: &str = "outlets:
  - {id: wire, name: Wire}
  - {id: daily, name: Daily}
  - {id: monitor, name: Monitor}
  - {id: aggregator, name: Aggregator}
";

/// (file name, outlet, published, extra front matter, text)
type Article<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

fn run(articles: &[Article]) -> (Vec<Finding>, RuleSet, Vec<Analyzed>) {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir(&corpus_dir).unwrap();
    std::fs::write(corpus_dir.join("outlets.yaml"), OUTLETS).unwrap();
    for (name, outlet, published, extra, text) in articles {
        let fm = format!("---\noutlet: {outlet}\npublished: {published}\n{extra}---\n{text}\n");
        std::fs::write(corpus_dir.join(name), fm).unwrap();
    }
    let c = corpus::load(&[corpus_dir], &LoadOptions::default()).unwrap();
    let rules = RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let analyzed: Vec<Analyzed> = c
        .documents
        .into_iter()
        .map(|doc| check::analyse(doc, &rules))
        .collect();
    let findings = check::run(&rules, &analyzed, &c.outlets, &|_| true);
    (findings, rules, analyzed)
}

/// (rule, severity, outlets on side A, outlets on side B)
fn summary(findings: &[Finding]) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let outlets = |f: &Finding, i: usize| {
        let mut v: Vec<String> = f.sides[i]
            .evidence
            .iter()
            .map(|e| e.outlet.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.severity.name().to_string(),
                outlets(f, 0),
                outlets(f, 1),
            )
        })
        .collect()
}

fn rules_of(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

const HOLDING: &str = "The ceasefire is holding across the province.";
const COLLAPSED: &str = "The ceasefire has collapsed after heavy shelling.";

#[test]
fn status_conflict_between_outlets() {
    let (f, ..) = run(&[
        ("a.md", "wire", "2020-03-12", "", HOLDING),
        ("b.md", "daily", "2020-03-11", "", COLLAPSED),
    ]);
    assert_eq!(
        summary(&f),
        vec![(
            "ceasefire-status".into(),
            "error".into(),
            vec!["wire".into()],
            vec!["daily".into()]
        )]
    );
}

#[test]
fn different_ceasefires_do_not_conflict() {
    // January's truce had failed; March's ceasefire is holding: two different things.
    let (f, ..) = run(&[
        ("a.md", "wire", "2020-03-12", "", HOLDING),
        (
            "b.md",
            "daily",
            "2020-01-19",
            "",
            "The truce has collapsed.",
        ),
    ]);
    assert_eq!(rules_of(&f), Vec::<&str>::new());
}

#[test]
fn one_outlet_or_a_republished_copy_is_one_voice() {
    let same = run(&[
        ("a.md", "wire", "2020-03-12", "", HOLDING),
        ("b.md", "wire", "2020-03-11", "", COLLAPSED),
    ])
    .0;
    assert!(
        !rules_of(&same).contains(&"ceasefire-status"),
        "two articles of one outlet"
    );
    let copy = run(&[
        ("a.md", "wire", "2020-03-12", "", HOLDING),
        ("b.md", "wire", "2020-03-11", "via: aggregator\n", COLLAPSED),
    ])
    .0;
    assert!(
        !rules_of(&copy).contains(&"ceasefire-status"),
        "an article and its republished copy"
    );
    let url = "url: https://example.org/story\n";
    let same_url = run(&[
        ("a.md", "wire", "2020-03-12", url, HOLDING),
        ("b.md", "daily", "2020-03-11", url, COLLAPSED),
    ])
    .0;
    assert!(
        !rules_of(&same_url).contains(&"ceasefire-status"),
        "one page under two outlets"
    );
    // The same outlet inside one article is the internal rule's business.
    let internal = run(&[(
        "a.md",
        "wire",
        "2020-03-12",
        "",
        &format!("{HOLDING}\n\n{COLLAPSED}"),
    )])
    .0;
    assert_eq!(rules_of(&internal), vec!["internal-status"]);
}

#[test]
fn windows_must_overlap() {
    // A claim with no date covers the 7 days to publication.
    let apart = run(&[
        ("a.md", "wire", "2020-03-20", "", HOLDING),
        ("b.md", "daily", "2020-03-12", "", COLLAPSED),
    ])
    .0;
    assert_eq!(rules_of(&apart), Vec::<&str>::new());
    let touching = run(&[
        ("a.md", "wire", "2020-03-20", "", HOLDING),
        ("b.md", "daily", "2020-03-13", "", COLLAPSED),
    ])
    .0;
    assert_eq!(rules_of(&touching), vec!["ceasefire-status"]);
}

#[test]
fn a_hedged_side_lowers_the_severity() {
    let (f, ..) = run(&[
        (
            "a.md",
            "wire",
            "2020-03-12",
            "",
            "The ceasefire reportedly is holding.",
        ),
        ("b.md", "daily", "2020-03-11", "", COLLAPSED),
    ]);
    assert_eq!(summary(&f)[0].1, "warning");
    // A conditional is not a claim at all.
    let (f, ..) = run(&[
        ("a.md", "wire", "2020-03-12", "", HOLDING),
        (
            "b.md",
            "daily",
            "2020-03-11",
            "",
            "If the ceasefire collapses, many will flee.",
        ),
    ]);
    assert_eq!(rules_of(&f), Vec::<&str>::new());
}

#[test]
fn casualty_counts() {
    let conflict = run(&[
        (
            "a.md",
            "wire",
            "2020-01-19",
            "",
            "At least 28 soldiers were killed on Sunday.",
        ),
        (
            "b.md",
            "daily",
            "2020-01-19",
            "",
            "Only 12 soldiers were killed on Sunday, officials said.",
        ),
    ])
    .0;
    assert_eq!(
        summary(&conflict),
        vec![(
            "casualty-counts".into(),
            "warning".into(),
            vec!["daily".into()],
            vec!["wire".into()]
        )]
    );
    let compatible = run(&[
        (
            "a.md",
            "wire",
            "2020-01-19",
            "",
            "At least 28 soldiers were killed on Sunday.",
        ),
        (
            "b.md",
            "daily",
            "2020-01-19",
            "",
            "Thirty soldiers were killed on Sunday.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&compatible), Vec::<&str>::new());
    let other_days = run(&[
        (
            "a.md",
            "wire",
            "2020-01-19",
            "",
            "At least 28 soldiers were killed on Sunday.",
        ),
        (
            "b.md",
            "daily",
            "2020-01-19",
            "",
            "Twelve soldiers were killed on Wednesday.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&other_days), Vec::<&str>::new());
}

#[test]
fn territorial_control() {
    let conflict = run(&[
        (
            "a.md",
            "wire",
            "2020-02-11",
            "",
            "Government forces recaptured Saraqib on Monday.",
        ),
        (
            "b.md",
            "monitor",
            "2020-02-11",
            "",
            "Saraqib remains under rebel control.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&conflict), vec!["territorial-control"]);
    // A faction and its camp: HTS is part of the opposition.
    let camp = run(&[
        (
            "a.md",
            "wire",
            "2020-02-11",
            "",
            "Saraqib remains under rebel control.",
        ),
        (
            "b.md",
            "monitor",
            "2020-02-11",
            "",
            "Saraqib is controlled by Hayat Tahrir al-Sham.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&camp), Vec::<&str>::new());
    // Planned control is not control.
    let planned = run(&[
        (
            "a.md",
            "wire",
            "2020-03-12",
            "",
            "The M4 highway will be controlled by Russia.",
        ),
        (
            "b.md",
            "monitor",
            "2020-03-12",
            "",
            "Rebels recaptured the M4 highway this week.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&planned), Vec::<&str>::new());
}

#[test]
fn event_dates_and_related_events() {
    let conflict = run(&[
        (
            "a.md",
            "wire",
            "2020-03-12",
            "",
            "The ceasefire was signed on March 5.",
        ),
        (
            "b.md",
            "daily",
            "2020-03-12",
            "",
            "The ceasefire was signed on March 9.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&conflict), vec!["agreement-dates"]);
    let related = run(&[
        (
            "a.md",
            "wire",
            "2020-03-12",
            "",
            "The ceasefire was signed on March 5.",
        ),
        (
            "b.md",
            "daily",
            "2020-03-12",
            "",
            "The ceasefire took effect on March 6.",
        ),
    ])
    .0;
    assert_eq!(summary(&related)[0].1, "info");
    assert!(
        related[0]
            .reconciliation
            .as_deref()
            .unwrap()
            .contains("signed on 2020-03-05, in force on 2020-03-06")
    );
}

#[test]
fn running_totals_may_rise_but_not_fall() {
    let rising = run(&[
        (
            "a.md",
            "wire",
            "2020-01-19",
            "",
            "About 350,000 civilians have fled since December.",
        ),
        (
            "b.md",
            "daily",
            "2020-02-11",
            "",
            "Nearly 600,000 people have fled since December.",
        ),
    ])
    .0;
    assert_eq!(rules_of(&rising), Vec::<&str>::new());
    let falling = run(&[
        (
            "a.md",
            "wire",
            "2020-01-19",
            "",
            "At least 500,000 people have fled since December.",
        ),
        (
            "b.md",
            "daily",
            "2020-02-11",
            "",
            "Some 300,000 people have fled since December.",
        ),
    ])
    .0;
    assert_eq!(
        summary(&falling),
        vec![(
            "cumulative-counts".into(),
            "warning".into(),
            vec!["wire".into()],
            vec!["daily".into()]
        )]
    );
}

#[test]
fn the_bundled_corpus() {
    // Relative paths, as a user names them (tests run from the package root).
    let c = corpus::load(&[PathBuf::from("corpus")], &LoadOptions::default()).unwrap();
    let rules = RuleSet::load(&PathBuf::from("rules")).unwrap();
    let analyzed: Vec<Analyzed> = c
        .documents
        .into_iter()
        .map(|doc| check::analyse(doc, &rules))
        .collect();
    // The conflict rules; loaded wording has tests of its own (tests/audit.rs).
    let f = check::run(&rules, &analyzed, &c.outlets, &|r| {
        !r.tags.iter().any(|t| t == "wording")
    });
    // S1: the Moscow ceasefire, holding (Al-Shahid Witness, whose piece dates no day of its
    // own, so its "holding" covers the week before it) versus crumbling (South Front via
    // Global Research). South Front's later piece speaks of the 12th and 13th, after the
    // crumbling: a change over time, not a side. S2-S4 are not contradictions.
    assert_eq!(
        summary(&f),
        vec![(
            "ceasefire-status".into(),
            "error".into(),
            vec!["al-shahid-witness".into()],
            vec!["south-front".into()]
        )]
    );
    assert_eq!(f[0].key, "moscow-protocol-2020");

    let report = Report {
        suppressed: &[],
        findings: &f,
        rules: &rules.rules,
        documents: analyzed.len(),
        claims: analyzed.iter().map(|a| a.claims.len()).sum(),
    };
    let mut table = Vec::new();
    render(&mut table, &report, Format::Table, RenderOptions::default()).unwrap();
    insta::assert_snapshot!("bundled_table", String::from_utf8(table).unwrap());
    let mut json = Vec::new();
    render(&mut json, &report, Format::Json, RenderOptions::default()).unwrap();
    insta::assert_snapshot!("bundled_json", String::from_utf8(json).unwrap());
}

#[test]
fn fingerprints_do_not_depend_on_where_the_corpus_is() {
    let fingerprints = |corpus_dir: PathBuf| {
        let c = corpus::load(&[corpus_dir], &LoadOptions::default()).unwrap();
        let rules = RuleSet::load(&PathBuf::from("rules")).unwrap();
        let analyzed: Vec<Analyzed> = c
            .documents
            .into_iter()
            .map(|doc| check::analyse(doc, &rules))
            .collect();
        check::run(&rules, &analyzed, &c.outlets, &|_| true)
            .into_iter()
            .map(|f| f.fingerprint)
            .collect::<Vec<_>>()
    };
    let copy = tempfile::tempdir().unwrap();
    let moved = copy.path().join("elsewhere");
    std::fs::create_dir(&moved).unwrap();
    for entry in std::fs::read_dir("corpus").unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), moved.join(entry.file_name())).unwrap();
    }
    let here = fingerprints(PathBuf::from("corpus"));
    assert!(!here.is_empty());
    assert_eq!(here, fingerprints(moved));
}
