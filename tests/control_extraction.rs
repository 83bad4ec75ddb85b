//! Control claims on sentences written for these tests, with an invented gazetteer
//! (`tests/fixtures/control/rules`): who took, holds or lost which place, and the wording
//! that must make no claim.

use crosscheck::annotate;
use crosscheck::claims::ClaimKind;
use crosscheck::corpus::{self, FileOutcome, outlets::Outlets};
use crosscheck::extract;
use crosscheck::rules::RuleSet;
use crosscheck::rules::frames::Change;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    RuleSet::load_packs(&[root.join("tests/fixtures/control/rules")]).expect("test pack")
});

/// The control claims of one article: (controller, place, change) each.
fn control(body: &str) -> Vec<(String, Option<String>, Change)> {
    let outlets = Outlets::parse(
        Path::new("outlets.yaml"),
        "outlets:\n  - {id: harbour-times, name: Harbour Times}\n",
    )
    .expect("outlets");
    let src = format!("---\noutlet: harbour-times\npublished: 2031-05-02\n---\n{body}\n");
    let FileOutcome::Loaded(doc) = corpus::load_source(PathBuf::from("a.md"), src, &outlets) else {
        panic!("the article loads")
    };
    let ann = annotate::annotate(&doc, &RULES.gazetteer);
    extract::extract(&doc, &ann, &RULES)
        .into_iter()
        .filter_map(|c| match c.kind {
            ClaimKind::Control {
                place,
                controller,
                change,
                ..
            } => Some((controller, place, change)),
            _ => None,
        })
        .collect()
}

fn has(
    claims: &[(String, Option<String>, Change)],
    who: &str,
    place: &str,
    change: Change,
) -> bool {
    claims
        .iter()
        .any(|c| c.0 == who && c.1.as_deref() == Some(place) && c.2 == change)
}

#[test]
fn a_wish_for_a_withdrawal_is_no_loss() {
    let c =
        control("The army sent the rebels an ultimatum, demanding withdrawal from Karsk by noon.");
    assert!(c.is_empty(), "{c:?}");
    let c = control("The rebels lost ground. Their withdrawal from Karsk ended on Sunday.");
    assert!(has(&c, "river-front", "karsk", Change::Lost), "{c:?}");
}

#[test]
fn a_facility_named_with_its_owner_is_still_a_place() {
    // "the military base" names the base of the city named before, not the army.
    let c = control(
        "The Northern Army took the air base in the city of Ostra on Monday. Officers said the army gained full control over the army base by noon.",
    );
    assert_eq!(
        c.iter()
            .filter(|x| x.1.as_deref() == Some("ostra-base") && x.2 == Change::Captured)
            .count(),
        2,
        "{c:?}"
    );
    // A party is not a place: "the army side" names no ground.
    let c = control("Ostra was quiet. The rebels said they had taken the army side of the line.");
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn previously_held_means_held_no_longer() {
    let c = control(
        "The Northern Army took the Dell complex, which was previously occupied by the rebels.",
    );
    assert!(
        has(&c, "north-army", "dell-complex", Change::Captured),
        "{c:?}"
    );
    assert!(
        has(&c, "river-front", "dell-complex", Change::Lost),
        "{c:?}"
    );
    assert!(
        !has(&c, "river-front", "dell-complex", Change::Captured),
        "{c:?}"
    );
    // Without the adverb the same words say who took it.
    let c = control("The Dell complex was occupied by the rebels on Friday.");
    assert!(
        has(&c, "river-front", "dell-complex", Change::Captured),
        "{c:?}"
    );
}

#[test]
fn the_side_driven_out_lost_the_place() {
    let c = control("The rebels said they had chased army soldiers out of the Dell complex.");
    assert!(has(&c, "north-army", "dell-complex", Change::Lost), "{c:?}");
    let c = control("Northern troops were forced out of Karsk on Monday.");
    assert!(has(&c, "north-army", "karsk", Change::Lost), "{c:?}");
    let c = control("The army expelled the rebels from Tolby after a week of fighting.");
    assert!(has(&c, "river-front", "tolby", Change::Lost), "{c:?}");
    assert!(!has(&c, "north-army", "tolby", Change::Lost), "{c:?}");
    // Driving somewhere, or people who are no party, is no loss of ground.
    for s in [
        "The army drove from Ostra to Karsk overnight.",
        "The shelling forced thousands of families out of Karsk.",
    ] {
        let c = control(s);
        assert!(c.is_empty(), "{s}: {c:?}");
    }
}

#[test]
fn the_one_made_to_withdraw_is_the_one_who_withdrew() {
    let c = control("The army forced the rebels to withdraw from Tolby.");
    assert!(has(&c, "river-front", "tolby", Change::Lost), "{c:?}");
    assert!(!has(&c, "north-army", "tolby", Change::Lost), "{c:?}");
    // Ordered to leave is not yet gone; claiming to have taken is the claimant's.
    let c = control("The army ordered its troops to leave Tolby.");
    assert!(c.is_empty(), "{c:?}");
    let c = control("The rebels claimed to have captured Tolby.");
    assert!(has(&c, "river-front", "tolby", Change::Captured), "{c:?}");
}

#[test]
fn a_bare_noun_before_held_names_its_side() {
    // The gazetteer lists "rebels" and "the army"; compounds use the bare singular.
    let c = control("A delegation flew to rebel-held Karsk on Tuesday.");
    assert!(has(&c, "river-front", "karsk", Change::Holds), "{c:?}");
    let c = control("The rebels pushed deeper into the army-controlled Lorn region.");
    assert!(has(&c, "north-army", "lorn", Change::Holds), "{c:?}");
    // A word that names no actor makes no claim.
    let c = control("A delegation flew to state-held Karsk on Tuesday.");
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn a_relative_clause_between_commas_is_skipped_to_its_noun() {
    let c = control("Tolby, which lies near Karsk, was seized by the rebels on Friday.");
    assert!(has(&c, "river-front", "tolby", Change::Captured), "{c:?}");
    assert!(!c.iter().any(|x| x.1.as_deref() == Some("karsk")), "{c:?}");
    // A named thing an agreement sets up is not unnamed ground.
    let c = control(
        "The Vale Corridor, which will not include the town of Karsk, shall be controlled by the army.",
    );
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn an_appositive_describes_the_name_before_it() {
    let c = control("Karsk, a town in Lorn, was captured by the rebels.");
    assert!(has(&c, "river-front", "karsk", Change::Captured), "{c:?}");
    assert!(!c.iter().any(|x| x.1.as_deref() == Some("lorn")), "{c:?}");
    let c = control("Tolby, a part of Lorn held by the rebels, was quiet.");
    assert!(has(&c, "river-front", "tolby", Change::Holds), "{c:?}");
    assert!(!c.iter().any(|x| x.1.as_deref() == Some("lorn")), "{c:?}");
}

#[test]
fn an_agentless_capture_names_the_capture_told_before() {
    let c = control(
        "The rebels seized the Dell complex on Friday. The capture of the Dell complex is a blow, an officer said.",
    );
    assert_eq!(
        c.iter()
            .filter(|x| x.0 == "river-front" && x.1.as_deref() == Some("dell-complex"))
            .count(),
        2,
        "{c:?}"
    );
    // With no capture told before, nobody is named: no claim.
    let c = control("The capture of the Dell complex would be a blow, an officer said.");
    assert!(c.is_empty(), "{c:?}");
    // A capture of another place does not lend its side.
    let c = control(
        "The rebels seized Tolby on Friday. The capture of Karsk is a blow, an officer said.",
    );
    assert!(!c.iter().any(|x| x.1.as_deref() == Some("karsk")), "{c:?}");
}

#[test]
fn an_object_relative_names_the_place_before_its_pronoun() {
    for s in [
        "Shelling went on in Karsk, which the rebels control.",
        "Shelling went on in Karsk, which the rebels claim to control.",
        "The army retook Karsk, which the rebels had held since spring.",
    ] {
        let c = control(s);
        assert!(has(&c, "river-front", "karsk", Change::Holds), "{s}: {c:?}");
    }
    let c = control("The rebels claim to hold Tolby.");
    assert!(has(&c, "river-front", "tolby", Change::Holds), "{c:?}");
    // The pronoun as subject, or a verb with an object of its own, names no place of it.
    for s in [
        "Karsk, which lies near the hills the rebels patrol, was calm.",
        "Karsk, which the rebels visited, was calm.",
        "The rebels plan to capture Karsk.",
        "Talks on arms control in Karsk failed.",
    ] {
        let c = control(s);
        assert!(
            !c.iter()
                .any(|x| x.1.as_deref() == Some("karsk") && x.2 == Change::Holds),
            "{s}: {c:?}"
        );
    }
}

#[test]
fn each_side_a_list_names_makes_its_own_claim() {
    let c = control("Karsk, which both Doran and the rebels claim to control, was shelled.");
    assert!(has(&c, "river-front", "karsk", Change::Holds), "{c:?}");
    assert!(has(&c, "gen-doran", "karsk", Change::Holds), "{c:?}");
    // Words before one shared head ("Eastern and northern troops") name one force, not two.
    let c = control("Eastern and northern troops took Karsk on Monday.");
    assert!(has(&c, "north-army", "karsk", Change::Captured), "{c:?}");
    assert!(!has(&c, "east-legion", "karsk", Change::Captured), "{c:?}");
}

#[test]
fn a_list_of_two_controllers_with_an_apposition_names_both() {
    let c = control(
        "Fighting went on in Karsk, which both Doran and his rival, the commander of the River Front (RF), claim to control.",
    );
    assert!(has(&c, "gen-doran", "karsk", Change::Holds), "{c:?}");
    assert!(has(&c, "river-front", "karsk", Change::Holds), "{c:?}");
    // One controller with an apposition is still one.
    let c = control(
        "Fighting went on in Karsk, which the rebels, a force of some 5,000 fighters, claim to control.",
    );
    assert!(has(&c, "river-front", "karsk", Change::Holds), "{c:?}");
    assert!(!has(&c, "gen-doran", "karsk", Change::Holds), "{c:?}");
}

#[test]
fn we_in_a_quotation_standing_alone_is_the_party_just_named() {
    let c = control(
        "The River Front posted a video on its account on Tuesday.\n\n\"Today, we are in full control of Karsk and the Dell complex,\"...",
    );
    assert!(has(&c, "river-front", "karsk", Change::Holds), "{c:?}");
    assert!(
        has(&c, "river-front", "dell-complex", Change::Holds),
        "{c:?}"
    );
    // Said by someone the text does not place on a side, or after a sentence naming no
    // party: nobody is named.
    for s in [
        "The rebels shelled Tolby. \"We are in full control of Karsk,\" a commander said.",
        "A video was posted on Tuesday.\n\n\"We are in full control of Karsk.\"",
    ] {
        let c = control(s);
        assert!(c.is_empty(), "{s}: {c:?}");
    }
}

#[test]
fn an_attempt_to_retake_is_no_capture() {
    for s in [
        "The army launched an offensive to retake Karsk on Monday.",
        "Northern troops are trying to recapture the Dell complex.",
    ] {
        let c = control(s);
        assert!(c.is_empty(), "{s}: {c:?}");
    }
    let c = control("Northern troops retook the Dell complex on Monday.");
    assert!(
        has(&c, "north-army", "dell-complex", Change::Captured),
        "{c:?}"
    );
}

#[test]
fn a_possessive_place_name_is_its_own_place() {
    // "the army" opens the phrase; the longer name from the next word is the place.
    let c = control(
        "The rebels said they had seized the Dell complex, the army commander's residence and the Ostra air base.",
    );
    for place in ["dell-complex", "commander-residence", "ostra-base"] {
        assert!(
            has(&c, "river-front", place, Change::Captured),
            "{place}: {c:?}"
        );
    }
    // A residence the gazetteer does not know is some owner's, not the facility named
    // before it.
    let c = control("The rebels seized the Dell complex and the mayor's residence.");
    assert_eq!(
        c.iter()
            .filter(|x| x.1.as_deref() == Some("dell-complex"))
            .count(),
        1,
        "{c:?}"
    );
}

#[test]
fn the_facility_is_the_one_named_before() {
    let c = control(
        "The rebels took the Dell complex in the East Quarter, chasing army soldiers from the training and storage facility.",
    );
    assert!(
        has(&c, "river-front", "dell-complex", Change::Captured),
        "{c:?}"
    );
    assert!(has(&c, "north-army", "dell-complex", Change::Lost), "{c:?}");
    // The one building of a district named since is not it.
    assert!(
        !c.iter().any(|x| x.1.as_deref() == Some("quarter-clinic")),
        "{c:?}"
    );
    let c = control("Army soldiers pulled out of the Dell complex once their shells were spent.");
    assert!(has(&c, "north-army", "dell-complex", Change::Lost), "{c:?}");
}

#[test]
fn a_party_named_before_a_common_noun_owns_it() {
    // "army soldiers" names the Northern Army alone; after "RF" they are the Front's men.
    let c = control("RF army soldiers said they had taken the Dell complex.");
    assert!(
        has(&c, "river-front", "dell-complex", Change::Captured),
        "{c:?}"
    );
    assert!(!c.iter().any(|x| x.0 == "north-army"), "{c:?}");
    let c = control("Army soldiers said they had taken the Dell complex.");
    assert!(
        has(&c, "north-army", "dell-complex", Change::Captured),
        "{c:?}"
    );
}
