//! Claim extraction on articles written for the tests (not the seeds): varied phrasing, and
//! the cases that must not become claims. Plus an invented conflict with its own rules, which
//! the engine must read with no change to the code.

use crosscheck::annotate::{self, Qualifier};
use crosscheck::claims::{Claim, ClaimKind};
use crosscheck::corpus::{self, Document, LoadOptions};
use crosscheck::extract;
use crosscheck::rules::RuleSet;
use crosscheck::rules::frames::Change;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every claim of every article under `fixture/corpus`, with its document.
fn claims(fixture: &str, rules: &Path) -> Vec<(Document, Vec<Claim>)> {
    let c = corpus::load(
        &[root().join("tests/fixtures").join(fixture).join("corpus")],
        &LoadOptions::default(),
    )
    .unwrap();
    let rules = RuleSet::load(rules).unwrap();
    c.documents
        .into_iter()
        .map(|d| {
            let ann = annotate::annotate(&d, &rules.gazetteer);
            let cs = extract::extract(&d, &ann, &rules);
            (d, cs)
        })
        .collect()
}

fn shipped(file: &str) -> (Document, Vec<Claim>) {
    claims("extraction", &root().join("rules"))
        .into_iter()
        .find(|(d, _)| d.path().ends_with(file))
        .expect("fixture article")
}

fn words<'a>(d: &'a Document, c: &Claim) -> &'a str {
    &d.text()[c.span.clone()]
}

#[test]
fn counts_with_qualifier_subject_place_time_and_source() {
    let (d, cs) = shipped("counts.md");
    let count = |value: f64| {
        cs.iter()
            .find(|c| matches!(&c.kind, ClaimKind::Count { value: v, .. } if *v == value))
            .unwrap_or_else(|| panic!("no count {value}"))
    };

    let c = count(12.0);
    let ClaimKind::Count {
        measure,
        subject,
        qualifier,
        low,
        high,
        ..
    } = &c.kind
    else {
        unreachable!()
    };
    assert_eq!(
        (measure.as_str(), subject.as_str(), *qualifier),
        ("killed", "civilians", Qualifier::AtLeast)
    );
    assert_eq!((*low, *high), (Some(12.0), None));
    assert_eq!(c.place.as_deref(), Some("ariha"));
    assert_eq!(c.when.to_string(), "2020-02-04");
    assert_eq!(
        c.modality
            .attribution
            .as_ref()
            .and_then(|a| a.entity.as_deref()),
        Some("white-helmets")
    );

    assert!(
        count(50.0).modality.negated,
        "'denied that 50 soldiers were killed'"
    );
    let hedged = count(30.0);
    assert!(hedged.modality.hedged && !hedged.modality.negated);
    assert_eq!(hedged.place.as_deref(), Some("sarmin"));

    let displaced = count(900_000.0);
    let ClaimKind::Count {
        measure,
        qualifier,
        cumulative,
        tolerance,
        ..
    } = &displaced.kind
    else {
        unreachable!()
    };
    assert_eq!(
        (measure.as_str(), *qualifier, *cumulative),
        ("displaced", Qualifier::About, true)
    );
    assert_eq!(*tolerance, 0.1);
    assert_eq!(displaced.when.from.to_string(), "2019-12-01");
    assert_eq!(
        displaced
            .modality
            .attribution
            .as_ref()
            .and_then(|a| a.entity.as_deref()),
        Some("united-nations")
    );

    let wounded = count(23.0);
    assert!(
        matches!(&wounded.kind, ClaimKind::Count { measure, subject, .. } if measure == "wounded" && subject == "soldiers")
    );
    assert_eq!(wounded.place.as_deref(), Some("binnish"));

    assert!(words(&d, count(12.0)).starts_with("At least 12"));
    // Not counts of casualties or displacement: troops sent, a year.
    assert!(!cs.iter().any(|c| matches!(&c.kind, ClaimKind::Count { value, .. } if *value == 5000.0 || *value == 2019.0)), "{cs:#?}");
    assert_eq!(cs.iter().filter(|c| c.kind.name() == "count").count(), 5);
}

#[test]
fn control_taken_held_and_planned() {
    let (d, cs) = shipped("control.md");
    let control: Vec<(String, Option<String>, Change, String)> = cs
        .iter()
        .filter_map(|c| match &c.kind {
            ClaimKind::Control {
                controller,
                place,
                change,
                ..
            } => Some((
                controller.clone(),
                place.clone(),
                *change,
                c.when.to_string(),
            )),
            _ => None,
        })
        .collect();
    let has = |who: &str, place: &str, change: Change| {
        control
            .iter()
            .any(|c| c.0 == who && c.1.as_deref() == Some(place) && c.2 == change)
    };
    assert!(
        has("syrian-government", "saraqib", Change::Captured),
        "{control:?}"
    );
    assert!(
        has("syrian-opposition", "atarib", Change::Holds),
        "{control:?}"
    );
    assert!(
        has("turkey", "m4-highway", Change::Planned),
        "future wording is not current control: {control:?}"
    );
    assert!(
        has("syrian-government", "maarat-al-numan", Change::Captured),
        "{control:?}"
    );
    let saraqib = control
        .iter()
        .find(|c| c.1.as_deref() == Some("saraqib"))
        .unwrap();
    assert_eq!(saraqib.3, "2020-02-10");
    // Shelling a town is not taking it.
    assert!(
        !control.iter().any(|c| c.1.as_deref() == Some("sarmin")),
        "{control:?}"
    );
    let _ = d;
}

#[test]
fn status_modality_and_event_dates() {
    let (d, cs) = shipped("status.md");
    let statuses: Vec<(&str, &str, bool, bool, &str)> = cs
        .iter()
        .filter_map(|c| match &c.kind {
            ClaimKind::Status { subject, status } => Some((
                subject.as_str(),
                status.as_str(),
                c.modality.conditional,
                c.modality.quoted,
                words(&d, c),
            )),
            _ => None,
        })
        .collect();
    assert!(
        statuses.contains(&(
            "moscow-protocol-2020",
            "holding",
            false,
            false,
            "truce has largely held"
        )),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().any(|s| s.1 == "collapsed" && s.2),
        "'If the ceasefire collapses' is a hypothesis: {statuses:?}"
    );
    assert!(
        statuses.iter().any(|s| s.1 == "collapsed" && s.3),
        "a quoted speaker's words: {statuses:?}"
    );
    // "Talks on a new ceasefire failed": the talks failed, not the ceasefire.
    assert!(
        !statuses.iter().any(|s| s.4.contains("failed")),
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| s.1 == "collapsed" && !s.2 && !s.3)
            .count(),
        0
    );

    let events: Vec<(String, String)> = cs
        .iter()
        .filter_map(|c| match &c.kind {
            ClaimKind::EventDate { thing, event, .. } => {
                Some((format!("{thing}/{event}"), c.when.to_string()))
            }
            _ => None,
        })
        .collect();
    assert!(
        events.contains(&("moscow-protocol-2020/signed".into(), "2020-03-05".into())),
        "{events:?}"
    );
    assert!(
        events.contains(&("moscow-protocol-2020/in_force".into(), "2020-03-06".into())),
        "{events:?}"
    );
}

#[test]
fn another_war_needs_only_new_rules() {
    let rules = root().join("tests/fixtures/other-domain/rules");
    let all = claims("other-domain", &rules);
    let (d, cs) = &all[0];
    let kinds: Vec<String> = cs
        .iter()
        .map(|c| match &c.kind {
            ClaimKind::Control {
                controller,
                place,
                change,
                ..
            } => format!(
                "control {controller} {change:?} {} {}",
                place.as_deref().unwrap_or("?"),
                c.when
            ),
            ClaimKind::Status { subject, status } => format!("status {subject} {status}"),
            ClaimKind::Count {
                measure,
                subject,
                value,
                ..
            } => format!("count {measure} {subject} {value}"),
            ClaimKind::EventDate { thing, event, .. } => format!("event {thing} {event}"),
            ClaimKind::Term {
                thing, term, value, ..
            } => format!("term {thing} {term} {value}"),
        })
        .collect();
    // 2031-05-02 is a Friday: "on Sunday" is 27 April.
    assert!(
        kinds.contains(&"control vale-guard Captured karsk 2031-04-27".to_string()),
        "{kinds:?} in {}",
        d.text()
    );
    assert!(
        kinds.contains(&"status spring-armistice holding".to_string()),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&"count drowned sailors 14".to_string()),
        "{kinds:?}"
    );
}

#[test]
fn control_from_clauses_lists_passives_nouns_and_what_is_not_control() {
    let (_, cs) = shipped("control-clauses.md");
    let control: Vec<(String, Option<String>, Change)> = cs
        .iter()
        .filter_map(|c| match &c.kind {
            ClaimKind::Control {
                controller,
                place,
                change,
                ..
            } => Some((controller.clone(), place.clone(), *change)),
            _ => None,
        })
        .collect();
    let has = |who: &str, place: &str, change: Change| {
        control
            .iter()
            .any(|c| c.0 == who && c.1.as_deref() == Some(place) && c.2 == change)
    };
    // A list after the verb: one claim a place.
    for place in ["ariha", "taftanaz", "khan-shaykhun"] {
        assert!(
            has("syrian-opposition", place, Change::Captured),
            "{place}: {control:?}"
        );
    }
    // The passive, and the noun of the same verb with its `by` agent.
    assert!(
        has("syrian-government", "saraqib", Change::Captured),
        "{control:?}"
    );
    assert!(
        has("syrian-government", "jisr-al-shughur", Change::Captured),
        "{control:?}"
    );
    assert!(has("turkey", "hama", Change::Lost), "{control:?}");
    assert!(has("hts", "idlib-city", Change::Holds), "{control:?}");
    // Attempts and intents are not captures; talks and blame are not holding; "anti-
    // government" fighters are not the government; a negated capture is none.
    assert!(
        !has("syrian-government", "ariha", Change::Captured),
        "{control:?}"
    );
    assert!(
        !has("syrian-government", "taftanaz", Change::Captured),
        "{control:?}"
    );
    for place in ["sochi", "russia", "turkey", "latakia", "homs", "damascus"] {
        assert!(
            !control.iter().any(|c| c.1.as_deref() == Some(place)),
            "{place}: {control:?}"
        );
    }
}

#[test]
fn control_by_falling_to_hyphenated_holders_under_control_leaving_and_the_speaker() {
    let (_, cs) = shipped("control-more.md");
    let control: Vec<(String, Option<String>, Change)> = cs
        .iter()
        .filter_map(|c| match &c.kind {
            ClaimKind::Control {
                controller,
                place,
                change,
                ..
            } => Some((controller.clone(), place.clone(), *change)),
            _ => None,
        })
        .collect();
    let has = |who: &str, place: &str, change: Change| {
        control
            .iter()
            .any(|c| c.0 == who && c.1.as_deref() == Some(place) && c.2 == change)
    };
    assert!(
        has("syrian-government", "kafr-nabl", Change::Captured),
        "{control:?}"
    );
    assert!(
        has("syrian-opposition", "atarib", Change::Holds),
        "{control:?}"
    );
    assert!(has("hts", "sarmin", Change::Holds), "{control:?}");
    assert!(
        has("turkey", "maarat-al-numan", Change::Lost),
        "{control:?}"
    );
    for place in ["ariha", "taftanaz"] {
        assert!(
            has("syrian-government", place, Change::Captured),
            "{place}: {control:?}"
        );
    }
    // "X is ours", said by one side: that side holds X.
    assert!(
        has("syrian-government", "saraqib", Change::Holds),
        "{control:?}"
    );
    // Advancing, a joint patrol and a wish to retake are not control.
    for place in ["khan-shaykhun", "jisr-al-shughur", "hama"] {
        assert!(
            !control.iter().any(|c| c.1.as_deref() == Some(place)),
            "{place}: {control:?}"
        );
    }
}
