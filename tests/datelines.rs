//! A wire dateline is when the text was filed: claims in the story are not dated by it.

use crosscheck::check::{self, Analyzed};
use crosscheck::claims::TimeBasis;
use crosscheck::corpus::{self, LoadOptions};
use crosscheck::rules::RuleSet;
use std::path::PathBuf;

fn analyse(text: &str) -> Analyzed {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir(&corpus_dir).unwrap();
    std::fs::write(
        corpus_dir.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n",
    )
    .unwrap();
    let article = format!("---\noutlet: wire\npublished: 2020-03-12\n---\n{text}\n");
    std::fs::write(corpus_dir.join("a.md"), article).unwrap();
    let mut c = corpus::load(&[corpus_dir], &LoadOptions::default()).unwrap();
    let rules = RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    check::analyse(c.documents.remove(0), &rules)
}

#[test]
fn a_claim_is_not_dated_by_its_dateline() {
    let a = analyse("HAMA, March 12 (Wire) - At least 9 soldiers were killed in the hills.");
    assert_eq!(a.claims.len(), 1);
    assert_ne!(a.claims[0].time_basis, TimeBasis::Text, "{:?}", a.claims[0]);
    // A date in the story itself still dates it.
    let a = analyse("HAMA, March 12 (Wire) - At least 9 soldiers were killed on March 10.");
    assert_eq!(a.claims[0].time_basis, TimeBasis::Text);
    assert_eq!(a.claims[0].when.from.to_string(), "2020-03-10");
}
