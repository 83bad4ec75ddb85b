//! Properties that must hold for any article: positions map back into the file, intervals
//! are ordered, normalisation is idempotent, resolved dates stay near publication.

use crosscheck::annotate;
use crosscheck::corpus::{FileOutcome, Outlets, load_source};
use crosscheck::rules::RuleSet;
use crosscheck::text::normalize;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap());
static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    Outlets::parse(
        Path::new("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n",
    )
    .unwrap()
});

/// Article text from news-like fragments and awkward characters, so the annotators see both
/// what they are built for and what they are not.
fn article() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("On March 9th, ".to_string()),
        Just("at least 28 soldiers were killed".to_string()),
        Just("nearly 600,000 people have fled since December".to_string()),
        Just("“The truce is holding,” he said. ".to_string()),
        Just("‘moderate’ rebels — ".to_string()),
        Just("between 5 and 7 March ".to_string()),
        Just("two days later, ".to_string()),
        Just("last week ".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("  \t".to_string()),
        Just("\u{FEFF}é\u{301}".to_string()),
        "[a-zA-Z0-9 ,.;:'\"()-]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..24).prop_map(|v| v.concat())
}

fn load(body: &str) -> Option<crosscheck::corpus::Document> {
    let src = format!("---\noutlet: wire\npublished: 2020-03-12\n---\n{body}");
    match load_source(PathBuf::from("a.md"), src, &OUTLETS) {
        FileOutcome::Loaded(d) => Some(*d),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn annotation_spans_map_back_to_their_own_words(body in article()) {
        let Some(doc) = load(&body) else { return Ok(()) };
        let ann = annotate::annotate(&doc, &RULES.gazetteer);
        let spans = ann.times.iter().map(|t| t.span.clone())
            .chain(ann.quantities.iter().map(|q| q.span.clone()))
            .chain(ann.mentions.iter().map(|m| m.span.clone()));
        for span in spans {
            let analysed = &doc.text()[span.clone()];
            let original = doc.original_span(span.clone());
            let back = &doc.source()[original.clone()];
            let renormalised = normalize(back, 0..back.len(), &[]).text;
            prop_assert_eq!(renormalised.trim(), analysed.trim(), "span {:?} -> {:?}", span, original);
        }
    }

    #[test]
    fn intervals_are_ordered_and_dates_stay_near_publication(body in article()) {
        let Some(doc) = load(&body) else { return Ok(()) };
        let ann = annotate::annotate(&doc, &RULES.gazetteer);
        for q in &ann.quantities {
            if let (Some(l), Some(h)) = (q.low, q.high) {
                prop_assert!(l <= h, "{:?}", q);
            }
        }
        let published: jiff::civil::Date = "2020-03-12".parse().unwrap();
        for t in &ann.times {
            prop_assert!(t.range.from <= t.range.to, "{:?}", t);
            // Offsets and anaphora stay within a few years of publication unless the text
            // names a year itself.
            let years = (t.range.from.year() - published.year()).abs();
            prop_assert!(years <= 200 || t.value.starts_with(|c: char| c.is_ascii_digit()), "{:?}", t);
        }
    }

    #[test]
    fn normalising_twice_equals_normalising_once(body in article()) {
        let once = normalize(&body, 0..body.len(), &[]).text;
        let twice = normalize(&once, 0..once.len(), &[]).text;
        prop_assert_eq!(once, twice);
    }
}

/// The phrases and text of the alias-search property: names that share heads and prefixes,
/// an acronym, and the spacing, case and punctuation around them.
fn phrase_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Syrian"),
        Just("syrian"),
        Just("SYRIAN"),
        Just("Syria"),
        Just("army"),
        Just("Army"),
        Just("Arab"),
        Just("al-Bab"),
        Just("Al-Bab"),
        Just("al"),
        Just("Bab"),
        Just("SDF"),
        Just("Sdf"),
        Just("Şam"),
        Just("ŞAM"),
        Just("İ"),
        Just(" "),
        Just("  "),
        Just("\n"),
        Just("\u{a0}"),
        Just(","),
        Just("-"),
        Just("_"),
        Just("'s"),
        Just("("),
        Just(")"),
        Just("x"),
        Just("9"),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Gazetteer aliases are found by a word-at-a-time dictionary walk instead of a regex
    /// alternation; both must find the same things.
    #[test]
    fn alias_search_agrees_with_the_regex_alternation(text in phrase_text()) {
        use crosscheck::text::phrases::PhraseSet;
        let names = ["syrian", "syrian army", "syrian arab army", "syria", "al-bab", "al", "şam", "i"];
        let acronyms = ["SDF"];
        let found = PhraseSet::new(&names, &acronyms).find_iter(&text);
        for (list, any_case) in [(&names[..], true), (&acronyms[..], false)] {
            let mut sorted = list.to_vec();
            sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let pattern = sorted
                .iter()
                .map(|a| format!(r"\b{}\b", regex::escape(a).replace(' ', r"\s+")))
                .collect::<Vec<_>>()
                .join("|");
            let re = regex::RegexBuilder::new(&pattern).case_insensitive(any_case).build().unwrap();
            let expected: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
            let ours: Vec<_> = found
                .iter()
                .filter(|(_, sensitive)| *sensitive != any_case)
                .map(|(r, _)| r.clone())
                .collect();
            prop_assert_eq!(ours, expected, "{:?}", text);
        }
    }
}
