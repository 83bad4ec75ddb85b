//! The source audit: whose voice loaded words are in, scare quotes, small-n rates, the
//! log-odds ranking, and the figures on the bundled corpus.

use crosscheck::audit::{self, Audit, Voice};
use crosscheck::check::{self, Analyzed};
use crosscheck::corpus::{self, FileOutcome, LoadOptions, Outlets, load_source};
use crosscheck::rules::RuleSet;

use std::path::{Path, PathBuf};

fn rules() -> RuleSet {
    RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap()
}

fn run(rules: &RuleSet, docs: Vec<crosscheck::corpus::Document>, outlets: &Outlets) -> Audit {
    let analyzed: Vec<Analyzed> = docs.into_iter().map(|d| check::analyse(d, rules)).collect();
    let findings = check::run(rules, &analyzed, outlets, &|_| true);
    audit::build(rules, &analyzed, outlets, &findings)
}

fn outlets() -> Outlets {
    Outlets::parse(
        Path::new("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n  - {id: herald, name: Herald}\n",
    )
    .unwrap()
}

fn doc(outlet: &str, name: &str, body: &str) -> crosscheck::corpus::Document {
    let src = format!("---\noutlet: {outlet}\npublished: 2021-06-01\n---\n{body}\n");
    match load_source(PathBuf::from(name), src, &outlets()) {
        FileOutcome::Loaded(d) => *d,
        _ => panic!("{name} did not load"),
    }
}

/// (term, text, voice) of every use in one article.
fn uses(body: &str) -> Vec<(String, String, Voice)> {
    let r = rules();
    let d = doc("wire", "a.md", body);
    audit::terms::find(&d, &r.lexicon)
        .into_iter()
        .map(|u| (u.term, u.text, u.voice))
        .collect()
}

#[test]
fn quoted_words_are_the_speakers_and_bracketed_insertions_the_outlets() {
    let got = uses(
        "The minister said the \"regime has no friends here.\" \
         A spokesman told reporters: \"We will hold the [regime] to account.\" \
         The regime denied it.",
    );
    assert_eq!(
        got,
        vec![
            ("regime".into(), "regime".into(), Voice::Quoted),
            ("regime".into(), "regime".into(), Voice::Inserted),
            ("regime".into(), "regime".into(), Voice::Own),
        ]
    );
    // An insertion next to the word is not around it: "[Bashar al-Assad] regime" in a quote.
    let got = uses("\"We watch the [Bashar al-Assad] regime closely,\" he said.");
    assert_eq!(got, vec![("regime".into(), "regime".into(), Voice::Quoted)]);
}

#[test]
fn short_quoted_labels_are_scare_quotes_and_speech_is_not() {
    let got = uses(
        "The 'moderate rebels' moved north. The so-called peace council met. \
         \"We are leaving,\" she said. He called it \"a disgrace\". \
         The report used the words \"temporary measure\".",
    );
    let scare: Vec<&str> = got
        .iter()
        .filter(|u| u.0 == audit::terms::SCARE_QUOTES)
        .map(|u| u.1.as_str())
        .collect();
    assert_eq!(
        scare,
        vec![
            "'moderate rebels'",
            "so-called peace council",
            "\"temporary measure\""
        ]
    );
}

#[test]
fn so_called_takes_the_whole_noun_group() {
    let scare = |text: &str| -> Vec<String> {
        uses(text)
            .into_iter()
            .filter(|u| u.0 == audit::terms::SCARE_QUOTES)
            .map(|u| u.1)
            .collect()
    };
    assert_eq!(
        scare("The so-called flood defences failed in March."),
        vec!["so-called flood defences"]
    );
    assert_eq!(
        scare("It lies in the so-called de-escalation zone in Idlib."),
        vec!["so-called de-escalation zone"]
    );
    // A verb or a preposition after the head ends the group; so does punctuation.
    assert_eq!(
        scare("The so-called coalition includes several groups."),
        vec!["so-called coalition"]
    );
    assert_eq!(
        scare("They are so-called experts, she said."),
        vec!["so-called experts"]
    );
}

#[test]
fn nothing_loaded_in_neutral_copy() {
    let got = uses(
        "Government forces captured the town on Tuesday, the ministry said. \
         Militants fired on a checkpoint; two soldiers were killed. The regimental band played.",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn rates_below_five_show_counts_and_one_outlet_overusing_a_term_ranks_first() {
    let r = rules();
    let filler =
        "Officials met in the capital and talked about the roads and the schools. ".repeat(20);
    let docs = vec![
        doc(
            "wire",
            "w.md",
            &format!(
                "{filler} The terrorists attacked. The terrorists fled. Terrorists again. The regime spoke."
            ),
        ),
        doc(
            "daily",
            "d.md",
            &format!("{filler} The regime spoke. The talks went on."),
        ),
        doc(
            "herald",
            "h.md",
            &format!("{filler} The regime spoke. The talks went on."),
        ),
    ];
    let a = run(&r, docs, &outlets());
    let top = &a.distinctive[0];
    assert_eq!(
        (top.term.as_str(), top.outlet.as_str(), top.uses),
        ("terrorists", "wire", 3)
    );
    assert!(top.z > 0.0);
    let regime_daily = a
        .distinctive
        .iter()
        .find(|d| d.term == "regime" && d.outlet == "daily")
        .unwrap();
    assert!(
        regime_daily.z < top.z,
        "an evenly used term is not distinctive"
    );
    let wire = a.outlets.iter().find(|o| o.outlet == "wire").unwrap();
    assert!(
        wire.loaded_per_1000
            > a.outlets
                .iter()
                .find(|o| o.outlet == "daily")
                .unwrap()
                .loaded_per_1000
    );
    let small = audit::Rate { count: 2, n: 3 };
    assert_eq!(small.show(), "2/3");
    assert_eq!(audit::Rate { count: 3, n: 6 }.show(), "50% (n=6)");
    assert_eq!(wire.ownership, "not assessed");
}

#[test]
fn an_independent_outlet_agreeing_corroborates_a_claim() {
    let r = rules();
    let body = "On May 30, at least 12 soldiers were killed near the border, officials said.";
    // In its own words: the same text would be a near-duplicate copy, one voice.
    let daily = "Twelve soldiers died on May 30 in a clash at the frontier: at least 12 soldiers were killed, the army said.";
    let docs = vec![
        doc("wire", "w.md", body),
        doc("daily", "d.md", daily),
        doc("wire", "w2.md", body),
    ];
    let a = run(&r, docs, &outlets());
    let wire = a.outlets.iter().find(|o| o.outlet == "wire").unwrap();
    assert_eq!(
        (wire.corroborated.count, wire.corroborated.n),
        (2, 2),
        "{wire:?}"
    );
    // Only one outlet's copies: nothing independent to compare with.
    let docs = vec![doc("wire", "w.md", body), doc("wire", "w2.md", body)];
    let a = run(&r, docs, &outlets());
    assert_eq!(a.outlets[0].corroborated.n, 0);
}

#[test]
fn bundled_corpus_figures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = corpus::load(&[root.join("corpus")], &LoadOptions::default()).unwrap();
    let a = run(&rules(), c.documents, &c.outlets);
    let rate = |id: &str| {
        a.outlets
            .iter()
            .find(|o| o.outlet == id)
            .unwrap()
            .loaded_per_1000
    };
    let sf = rate("south-front");
    for other in a.outlets.iter().filter(|o| o.outlet != "south-front") {
        assert!(
            sf > other.loaded_per_1000,
            "South Front {sf} vs {} {}",
            other.outlet,
            other.loaded_per_1000
        );
    }
    let sf_terms: Vec<&str> = a
        .distinctive
        .iter()
        .filter(|d| d.outlet == "south-front")
        .map(|d| d.term.as_str())
        .collect();
    assert!(
        sf_terms.contains(&"terrorists") && sf_terms.contains(&"liberated"),
        "{sf_terms:?}"
    );
    let voa_regime: Vec<Voice> = a
        .uses
        .iter()
        .filter(|u| u.outlet == "voa" && u.term.term == "regime")
        .map(|u| u.term.voice)
        .collect();
    assert!(
        !voa_regime.is_empty() && voa_regime.iter().all(|v| *v == Voice::Quoted),
        "{voa_regime:?}"
    );
}

#[test]
fn a_near_duplicate_copy_is_one_voice_and_does_not_corroborate() {
    let r = rules();
    let story = "On May 30, at least 12 soldiers were killed near the border, officials said. \
        Fighting resumed after a week of calm and hundreds of families left their homes for \
        camps along the frontier while aid groups warned that the shelters were already full.";
    let copy = format!("{story} Reporting by the agency.");
    let own_words = "Twelve soldiers or more died at the frontier on May 30, and at least 12 soldiers were killed near the border, according to a local council.";
    // daily runs the wire story almost verbatim: one voice, nothing corroborated.
    let docs = vec![doc("wire", "w.md", story), doc("daily", "d.md", &copy)];
    let a = run(&r, docs, &outlets());
    assert!(
        a.outlets.iter().all(|o| o.corroborated.n == 0),
        "{:?}",
        a.outlets
    );
    let analyzed: Vec<Analyzed> = vec![doc("wire", "w.md", story), doc("daily", "d.md", &copy)]
        .into_iter()
        .map(|d| check::analyse(d, &rules()))
        .collect();
    let groups = audit::voice_groups(&analyzed, &outlets());
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].reasons, vec!["near-duplicate text"]);
    // herald reports the same figure in its own words: an independent voice agrees.
    let docs = vec![doc("wire", "w.md", story), doc("herald", "h.md", own_words)];
    let a = run(&r, docs, &outlets());
    let wire = a.outlets.iter().find(|o| o.outlet == "wire").unwrap();
    assert!(wire.corroborated.count >= 1, "{wire:?}");
}
