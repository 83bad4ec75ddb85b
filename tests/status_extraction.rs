//! Ceasefire statuses from sentences written for these tests, with the shipped rules (the
//! Moscow protocol of March 2020 is the agreement in force; articles are of 12 March 2020):
//! statuses said with no agreement named, "the agreement" standing for the one named just
//! before, nouns the agreement only qualifies, lists that are no asides, and one report read
//! twice. What must NOT be claimed is tested as closely as what must.

use crosscheck::calendar::DayRange;
use crosscheck::claims::{Claim, ClaimKind};
use crosscheck::corpus::{self, Meta};
use crosscheck::rules::RuleSet;
use crosscheck::{annotate, extract};
use std::path::PathBuf;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap()
});

const CURRENT: &str = "moscow-protocol-2020";

fn claims(text: &str) -> Vec<Claim> {
    claims_on("2020-03-12", text)
}

/// The claims of one article published on `day`.
fn claims_on(day: &str, text: &str) -> Vec<Claim> {
    let day: jiff::civil::Date = day.parse().unwrap();
    let meta = Meta {
        outlet: "wire".into(),
        published: DayRange { from: day, to: day },
        title: None,
        url: None,
        author: None,
        via: None,
        published_basis: None,
        language: "en".into(),
        ignore: Vec::new(),
    };
    let doc = corpus::load_stdin(text.to_string(), Some(meta), None).unwrap();
    let ann = annotate::annotate(&doc, &RULES.gazetteer);
    extract::extract(&doc, &ann, &RULES)
}

/// Asserted statuses as (subject, status, the claim's words).
fn statuses(text: &str) -> Vec<(String, String, String)> {
    claims(text)
        .into_iter()
        .filter(|c| !c.modality.conditional)
        .filter_map(|c| match c.kind {
            ClaimKind::Status { subject, status } => {
                Some((subject, status, text[c.span.clone()].to_string()))
            }
            _ => None,
        })
        .collect()
}

/// The statuses of the current agreement, by name.
fn of_current(text: &str) -> Vec<String> {
    statuses(text)
        .into_iter()
        .filter(|(s, _, _)| s == CURRENT)
        .map(|(_, st, _)| st)
        .collect()
}

#[test]
fn calm_with_no_agreement_named_is_the_last_named_agreements() {
    assert_eq!(
        of_current(
            "The ceasefire took effect on March 6. By Sunday a relative calm had returned to the city."
        ),
        vec!["holding"]
    );
    assert_eq!(
        of_current("A truce began on March 6.\n\nOn Monday the guns fell silent along the front."),
        vec!["holding"]
    );
    assert_eq!(
        of_current(
            "The truce started last Friday. Shelling of the suburbs largely subsided on Monday."
        ),
        vec!["holding"]
    );
    assert_eq!(
        of_current(
            "The ceasefire began on March 6. An uneasy silence hung over the town on Tuesday."
        ),
        vec!["fragile"]
    );
    assert_eq!(
        of_current("The ceasefire began on March 6. Fighting resumed on Wednesday in the south."),
        vec!["collapsed"]
    );
    // The words claim alone: the agreement is not in the sentence.
    let found = statuses("The ceasefire began on March 6. Calm prevailed on Monday.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "Calm prevailed");
}

#[test]
fn calm_is_no_status_without_an_agreement_or_outside_its_days() {
    // No agreement named anywhere: calm is only calm.
    for text in [
        "A relative calm returned to the city on Sunday.",
        "The guns fell silent on Monday as the storm passed.",
    ] {
        assert!(statuses(text).is_empty(), "{text}: {:?}", statuses(text));
    }
    // Before the agreement began, calm or fighting is not its doing.
    for text in [
        "The ceasefire took effect on March 6.\n\nOn March 2, fighting resumed in the south.",
        "The ceasefire took effect on March 6.\n\nIn February, calm prevailed for a week.",
    ] {
        assert!(of_current(text).is_empty(), "{text}: {:?}", statuses(text));
    }
    // A hope or a condition is no report of calm.
    assert!(
        of_current(
            "The ceasefire began on March 6. If the guns fell silent, aid could reach the town."
        )
        .is_empty()
    );
    assert!(
        of_current("The ceasefire began on March 6. Residents hoped for a lull in the fighting.")
            .is_empty()
    );
}

#[test]
fn the_agreement_stands_for_the_one_just_named() {
    assert_eq!(
        of_current(
            "Russia and Turkey agreed a ceasefire in Moscow on March 5. Rebels violated the agreement on Tuesday."
        ),
        vec!["violated"]
    );
    // Nothing named before it: "the agreement" is nobody's.
    assert!(statuses("Rebels violated the agreement on Tuesday.").is_empty());
    // Named long before, "the deal" may be another agreement the text spoke of since.
    let far = "The ceasefire was signed on March 5. Aid convoys moved north. Schools reopened. \
               A grain accord was also discussed. One side failed to honour the deal.";
    assert!(of_current(far).is_empty(), "{:?}", statuses(far));
}

#[test]
fn a_noun_the_agreement_only_qualifies_takes_the_status() {
    for text in [
        "Ceasefire talks collapsed on Tuesday.",
        "The truce proposal failed to win support.",
        "Ceasefire negotiations broke down in Geneva.",
    ] {
        assert!(of_current(text).is_empty(), "{text}: {:?}", statuses(text));
    }
    assert_eq!(
        of_current("The ceasefire collapsed on Tuesday."),
        vec!["collapsed"]
    );
    assert_eq!(
        of_current("The truce broke down in the north."),
        vec!["collapsed"]
    );
}

#[test]
fn the_last_item_of_a_list_is_not_an_aside() {
    let list = "The accord provides for a ceasefire, the reopening of roads and markets, the protection of civilians from shelling and violations by armed groups.";
    assert!(of_current(list).is_empty(), "{:?}", statuses(list));
    // A true aside still joins the agreement to its status.
    assert_eq!(
        of_current("The ceasefire, which was signed in Moscow, has been violated."),
        vec!["violated"]
    );
}

#[test]
fn one_report_reached_from_two_status_words_is_one_claim() {
    let found =
        statuses("Both sides reported a violation of the curfew and a breach of the ceasefire.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "violated");
    assert_eq!(found[0].2, "breach of the ceasefire");
    // Two reports on either side of the agreement stay two.
    let two =
        "Tanks opened fire, breaching the ceasefire in the north; this violation came hours later.";
    assert_eq!(
        of_current(two),
        vec!["violated", "violated"],
        "{:?}",
        statuses(two)
    );
}

#[test]
fn a_truce_in_place_and_quiet_nights_hold() {
    assert_eq!(of_current("Truce in place"), vec!["holding"]);
    assert_eq!(
        of_current("The ceasefire remains in place."),
        vec!["holding"]
    );
    assert_eq!(
        of_current(
            "No sounds of shelling were heard in the town since the start of the ceasefire."
        ),
        vec!["holding"]
    );
    assert_eq!(
        of_current(
            "The ceasefire entered into force on March 6, with no major incidents reported."
        ),
        vec!["holding"]
    );
    // Putting a truce in place says nothing of how it holds.
    assert_eq!(
        of_current("A truce put in place on March 6 collapsed within days."),
        vec!["collapsed"]
    );
}

/// Statuses as (subject, status), sorted.
fn pairs(text: &str) -> Vec<(String, String)> {
    let mut v: Vec<_> = statuses(text)
        .into_iter()
        .map(|(s, st, _)| (s, st))
        .collect();
    v.sort();
    v
}

fn pair(s: &str, st: &str) -> (String, String) {
    (s.to_string(), st.to_string())
}

#[test]
fn several_agreements_at_once_each_take_the_status() {
    // Every one begun before the agreement in force, within the story's recent months
    // (the August 2019 truce is too old to be among them).
    assert_eq!(
        pairs("Previous ceasefires collapsed within days."),
        vec![pair("idlib-ceasefire-2020-01", "collapsed")]
    );
    // "Both": the two latest begun by publication.
    assert_eq!(
        pairs("The sides agreed two truces this winter, but both accords were short-lived."),
        vec![
            pair("idlib-ceasefire-2020-01", "collapsed"),
            pair(CURRENT, "collapsed")
        ]
    );
    // One named apart is not among them.
    assert_eq!(
        pairs("The Moscow ceasefire is holding; two earlier truces failed to hold."),
        vec![
            pair("idlib-ceasefire-2020-01", "collapsed"),
            pair(CURRENT, "holding")
        ]
    );
}

#[test]
fn a_comparison_with_earlier_agreements_says_nothing_of_them() {
    assert_eq!(
        pairs("The truce was violated on Monday, like previous truces."),
        vec![pair(CURRENT, "violated")]
    );
    // No words for several agreements: "both sides" are not two truces.
    assert_eq!(
        pairs("Both sides breached the ceasefire overnight."),
        vec![pair(CURRENT, "violated")]
    );
}

#[test]
fn fighting_despite_the_truce_violates_it() {
    assert_eq!(
        of_current("Despite the ceasefire, heavy fighting was reported in the suburbs."),
        vec!["violated"]
    );
    assert_eq!(
        of_current(
            "Militias kept up their raids on villages despite the signing of the ceasefire."
        ),
        vec!["violated"]
    );
    // "Despite" with no fighting says nothing of the truce.
    for text in [
        "Despite the truce, families could not return to their homes.",
        "Prices kept rising despite the ceasefire.",
    ] {
        assert!(of_current(text).is_empty(), "{text}: {:?}", statuses(text));
    }
}

#[test]
fn a_status_word_of_another_noun_says_nothing_of_the_truce() {
    // "fragile" is the step's, not the truce's.
    let text = "It is a fragile move towards putting the ceasefire into practice.";
    assert!(of_current(text).is_empty(), "{:?}", statuses(text));
    // A lull in fighting after the truce, or a breach of the terms of the truce, still join.
    assert_eq!(
        of_current("Residents saw a lull in fighting on Saturday after the ceasefire began."),
        vec!["holding"]
    );
    assert_eq!(
        of_current("Rebels were accused of violating the terms of the truce."),
        vec!["violated"]
    );
}

#[test]
fn war_again_after_months_of_truce_ends_it() {
    assert_eq!(
        of_current("Fighting broke out again in the hills after three weeks of a ceasefire."),
        vec!["collapsed"]
    );
    // Weeks of a truce with no fighting after them end nothing.
    let calm = "Shops reopened after two weeks of the ceasefire.";
    assert!(
        of_current(calm).iter().all(|s| s != "collapsed"),
        "{:?}",
        statuses(calm)
    );
}

#[test]
fn a_fragile_peace_is_the_named_agreements() {
    assert_eq!(
        of_current(
            "The ceasefire was signed on March 5.\n\nIn the north, an uneasy peace settled over the villages."
        ),
        vec!["fragile"]
    );
    // No agreement named: a fragile peace is only that.
    assert!(statuses("An uneasy peace settled over the villages.").is_empty());
}

#[test]
fn what_is_yet_to_happen_is_no_status() {
    for text in [
        "Mediators have yet to confirm any violation of the ceasefire.",
        "The monitors are yet to report a breach of the truce.",
    ] {
        assert!(of_current(text).is_empty(), "{text}: {:?}", statuses(text));
    }
    assert_eq!(
        of_current("Mediators confirmed a violation of the ceasefire."),
        vec!["violated"]
    );
}

/// The current agreement's statuses in an article of `day`, with the days each covers.
fn dated_on(day: &str, text: &str) -> Vec<(String, String, String)> {
    claims_on(day, text)
        .into_iter()
        .filter_map(|c| match c.kind {
            ClaimKind::Status { subject, status } if subject == CURRENT => {
                Some((status, c.when.from.to_string(), c.when.to.to_string()))
            }
            _ => None,
        })
        .collect()
}

fn dated(status: &str, from: &str, to: &str) -> (String, String, String) {
    (status.into(), from.into(), to.into())
}

#[test]
fn a_truce_that_put_an_end_to_the_fighting_held_since_it_began() {
    for text in [
        "The ceasefire, agreed by the two armies, put an end to the fighting around Varnok.",
        "The truce stopped the shelling of Telsen, residents say.",
    ] {
        assert_eq!(
            dated_on("2020-03-30", text),
            vec![dated("holding", "2020-03-05", "2020-03-30")],
            "{text}"
        );
    }
    // An aim, or a failure, says nothing of the days since it began.
    for text in [
        "The envoys want the ceasefire to put an end to the fighting around Varnok.",
        "The ceasefire did not put an end to the fighting around Varnok.",
        "The truce stopped the shelling of Telsen, but clashes resumed on Friday.",
    ] {
        let found = dated_on("2020-03-30", text);
        assert!(
            found
                .iter()
                .all(|(_, from, _)| from.as_str() > "2020-03-05"),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn fighting_after_the_signing_violates_the_truce_from_its_start() {
    // Published two days after the truce began: the week before it is left out.
    assert_eq!(
        dated_on(
            "2020-03-07",
            "Rebels said mortars hit Telsen after the signing of the ceasefire."
        ),
        vec![dated("violated", "2020-03-05", "2020-03-07")]
    );
    assert_eq!(
        dated_on(
            "2020-03-07",
            "A militia leader said drones attacked a convoy near Telsen. This happened after the signing of the ceasefire, he added."
        ),
        vec![dated("violated", "2020-03-05", "2020-03-07")]
    );
    assert_eq!(
        dated_on(
            "2020-03-07",
            "Envoys hailed the ceasefire agreed by the two armies.\n\nHours after the signing in Orvel, howitzers and artillery opened up on Telsen."
        ),
        vec![dated("violated", "2020-03-05", "2020-03-07")]
    );
    // What follows the signing is no violation unless it is fighting.
    for text in [
        "Aid reached Telsen after the signing of the ceasefire.",
        "Aid convoys reached Telsen. This happened after the signing of the ceasefire.",
        "Envoys hailed the ceasefire agreed by the two armies.\n\nHours after the signing in Orvel, the markets of Telsen reopened.",
        // Fighting that stopped after the signing is a calm.
        "Rebels said attacks on Telsen stopped after the signing of the ceasefire.",
        "Envoys hailed the ceasefire agreed by the two armies.\n\nHours after the signing in Orvel, the shelling of Telsen stopped.",
        // No fighting in the sentence before: "this" is the handshake.
        "Drones attacked a convoy near Telsen.\n\nThe two leaders shook hands. This happened after the signing of the ceasefire.",
    ] {
        let found = dated_on("2020-03-07", text);
        assert!(
            found.iter().all(|(st, _, _)| st != "violated"),
            "{text}: {found:?}"
        );
    }
}
