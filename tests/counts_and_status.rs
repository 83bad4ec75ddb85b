//! Count and status claims from sentences written for these tests, with the shipped rules:
//! the measures beyond killed and wounded, bare numbers, parts of a count, zero counts,
//! periods, and the ways a truce holds or fails (negated too), with what must NOT be claimed.

use crosscheck::annotate::{self, Qualifier};
use crosscheck::calendar::DayRange;
use crosscheck::claims::{Claim, ClaimKind};
use crosscheck::corpus::{self, Meta};
use crosscheck::extract;
use crosscheck::rules::RuleSet;
use std::path::PathBuf;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap()
});

/// The claims of one article published on `published`.
fn claims(text: &str, published: &str) -> Vec<Claim> {
    let day: jiff::civil::Date = published.parse().unwrap();
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

/// Counts as (measure, subject, value, qualifier, running total).
fn counts(text: &str) -> Vec<(String, String, f64, Qualifier, bool)> {
    claims(text, "2020-03-12")
        .into_iter()
        .filter_map(|c| match c.kind {
            ClaimKind::Count {
                measure,
                subject,
                value,
                qualifier,
                cumulative,
                ..
            } => Some((measure, subject, value, qualifier, cumulative)),
            _ => None,
        })
        .collect()
}

fn count(measure: &str, subject: &str, value: f64) -> (String, String, f64, Qualifier, bool) {
    (
        measure.into(),
        subject.into(),
        value,
        Qualifier::Exact,
        false,
    )
}

/// Statuses as (subject, status).
fn statuses(text: &str) -> Vec<(String, String)> {
    claims(text, "2020-03-12")
        .into_iter()
        .filter_map(|c| match c.kind {
            ClaimKind::Status { subject, status } => Some((subject, status)),
            _ => None,
        })
        .collect()
}

fn status(s: &str) -> Vec<(String, String)> {
    vec![("moscow-protocol-2020".to_string(), s.to_string())]
}

#[test]
fn a_number_with_no_noun_after_it_counts_people() {
    assert_eq!(
        counts("The toll in the valley climbed to 25 on Tuesday."),
        vec![count("killed", "people", 25.0)]
    );
    assert_eq!(
        counts("Officials said 40 had died and 70 were hurt."),
        vec![
            count("killed", "people", 40.0),
            count("wounded", "people", 70.0)
        ]
    );
    // The toll's words may be far from the figure when a verb of rising joins them.
    assert_eq!(
        counts("The toll from a week of shelling in the hills has now risen to 310."),
        vec![count("killed", "people", 310.0)]
    );
    // A dash after the figure ends its phrase.
    assert_eq!(
        counts("The toll stands at 70 - and may rise."),
        vec![count("killed", "people", 70.0)]
    );
    // The group follows the whole quantity, a range too.
    assert_eq!(
        counts("Between 8 and 11 gunmen were killed.")
            .into_iter()
            .map(|c| (c.0, c.1, c.3))
            .collect::<Vec<_>>(),
        vec![(
            "killed".to_string(),
            "fighters".to_string(),
            Qualifier::Range
        )]
    );
    // The group named just before the number.
    assert_eq!(
        counts("Of the conscripts, 12 died."),
        vec![count("killed", "soldiers", 12.0)]
    );
    // With no trigger close by, a bare number says nothing.
    assert!(counts("The convoy of 30 left at noon and the road was later shelled.").is_empty());
    assert!(counts("The talks lasted 3 days.").is_empty());
}

#[test]
fn materiel_is_destroyed_not_killed() {
    assert_eq!(
        counts("Drones destroyed four tanks and two armored vehicles near the river."),
        vec![
            count("destroyed", "materiel", 4.0),
            count("destroyed", "materiel", 2.0)
        ]
    );
    assert_eq!(
        counts("Three helicopters were shot down."),
        vec![count("destroyed", "materiel", 3.0)]
    );
    // Tanks next to "killed" are still not people killed.
    assert!(
        counts("Nine tanks rolled into the square where protesters were killed.")
            .iter()
            .all(|c| c.0 != "killed")
    );
}

#[test]
fn measures_beyond_killed_and_wounded() {
    assert_eq!(
        counts("The militia freed 14 hostages in exchange for 40 detainees."),
        vec![
            count("released", "captives", 14.0),
            count("released", "captives", 40.0)
        ]
    );
    assert_eq!(
        counts("The army said it had neutralized 17 insurgents."),
        vec![count("neutralized", "fighters", 17.0)]
    );
    assert_eq!(
        counts("Some 2,000 villagers remain missing."),
        vec![(
            "missing".into(),
            "people".into(),
            2000.0,
            Qualifier::About,
            false
        )]
    );
    assert_eq!(
        counts("Sixty trucks of flour entered the enclave."),
        vec![count("aid", "trucks", 60.0)]
    );
    assert_eq!(
        counts("Up to 300 villagers are feared dead."),
        vec![(
            "killed".into(),
            "people".into(),
            300.0,
            Qualifier::UpTo,
            false
        )]
    );
    assert_eq!(
        counts("The port is a city of 400,000."),
        vec![count("population", "people", 400_000.0)]
    );
    // Nationals by their capitalised plural are people; a lower-case word is not one.
    assert_eq!(
        counts("The raid killed 31 Americans."),
        vec![count("killed", "people", 31.0)]
    );
    assert_eq!(
        counts("The militia freed 21 hostages (12 Karskians and 9 Nepalese)."),
        vec![
            count("released", "captives", 21.0),
            count("released", "people", 12.0),
            count("released", "people", 9.0)
        ]
    );
    assert!(
        counts("The shelling killed 12 in the hills; 40 rockets fell on the plains.")
            .iter()
            .all(|c| c.1 != "people" || c.2 == 12.0)
    );
    // Captives returned are released; people returned home are returnees.
    assert_eq!(
        counts("A total of 24 hostages were returned on Friday."),
        vec![count("released", "captives", 24.0)]
    );
    assert_eq!(
        counts("Some 300 families returned to the village."),
        vec![(
            "returned".into(),
            "families".into(),
            300.0,
            Qualifier::About,
            false
        )]
    );
    // What a toll could reach is an upper bound, in any tense of the verb.
    assert_eq!(
        counts("Officials said deaths in the valley could reach 2,000."),
        vec![(
            "killed".into(),
            "people".into(),
            2000.0,
            Qualifier::UpTo,
            false
        )]
    );
    // A vague magnitude can stand for its group: "thousands more injured", "hundreds have
    // died"; a crowd that no trigger measures is no count.
    let vague = |text: &str| -> Vec<(String, f64)> {
        counts(text)
            .into_iter()
            .filter(|c| c.3 == Qualifier::Vague)
            .map(|c| (c.0, c.2))
            .collect()
    };
    assert_eq!(
        vague("Ninety were killed and hundreds more injured in the raids."),
        vec![("wounded".to_string(), 200.0)]
    );
    assert_eq!(
        vague("Hundreds have died since the fighting began."),
        vec![("killed".to_string(), 200.0)]
    );
    assert_eq!(
        vague("The shelling killed 40 and wounded thousands more."),
        vec![("wounded".to_string(), 2000.0)]
    );
    assert!(counts("Thousands took to the streets of the capital.").is_empty());
    // A bare figure joined to a count shares its group; one in another clause does not.
    assert_eq!(
        counts("Medics report 174 civilians killed and 1,041 injured."),
        vec![
            count("killed", "civilians", 174.0),
            count("wounded", "civilians", 1041.0)
        ]
    );
    assert_eq!(
        counts("The raid killed 12 soldiers. Officials said 30 were wounded."),
        vec![
            count("killed", "soldiers", 12.0),
            count("wounded", "people", 30.0)
        ]
    );
    // "the bodies of N people" counts bodies found (a part of the dead), whatever else the
    // sentence counts.
    assert_eq!(
        counts(
            "Some 900 people are still missing, while the bodies of 1,200 people have been recovered."
        ),
        vec![
            (
                "missing".into(),
                "people".into(),
                900.0,
                Qualifier::About,
                false
            ),
            count("killed", "bodies", 1200.0)
        ]
    );
    // A participle before the group says what befell it; a noun only names the group.
    assert_eq!(
        counts("A helicopter carrying eight freed hostages landed."),
        vec![count("released", "captives", 8.0)]
    );
    assert!(counts("Two aid workers reached the town.").is_empty());
    assert_eq!(
        counts("The army's list names 1,200 dead troops."),
        vec![count("killed", "soldiers", 1200.0)]
    );
    // One of a group is named in the singular.
    assert_eq!(
        counts("One health worker was killed in the strike."),
        vec![count("killed", "people", 1.0)]
    );

    // "handed over" is a verb with its particle, not "more than".
    assert_eq!(
        counts("The armed wing handed over 13 hostages to the Red Cross."),
        vec![count("released", "captives", 13.0)]
    );
    assert_eq!(
        counts("Over 13 hostages were freed."),
        vec![(
            "released".into(),
            "captives".into(),
            13.0,
            Qualifier::MoreThan,
            false
        )]
    );
    // A toll's subject can be long, and a place inside it is not a population; a toll that
    // has risen to a figure is a running total.
    assert_eq!(
        counts(
            "The death toll from the floods in the coastal city of Portmere has risen to 9,100."
        ),
        vec![(
            "killed".into(),
            "people".into(),
            9_100.0,
            Qualifier::Exact,
            true
        )]
    );
    assert_eq!(
        counts(
            "The number of deaths from the shelling of the northern town of Velka on Sunday has grown to 21."
        ),
        vec![count("killed", "people", 21.0)]
    );
    // A figure that does not complete the toll's clause is not its count.
    assert!(
        counts("The death toll from the floods in the city of Portmere is unknown; 9,100 tents arrived.")
            .iter()
            .all(|c| c.0 != "killed")
    );
    // Equally near, the longer trigger wins: these families lost homes, not lives.
    assert_eq!(
        counts("About 90 families lost their homes."),
        vec![(
            "homeless".into(),
            "families".into(),
            90.0,
            Qualifier::About,
            false
        )]
    );
    // A price is not aid.
    assert!(counts("Prices for 20 litres of fuel rose by 9 percent.").is_empty());
    // A trigger that only modifies the group ("relief workers") is not the measure.
    assert!(counts("Two relief workers visited the clinic.").is_empty());
}

#[test]
fn parts_of_a_count_take_its_measure() {
    assert_eq!(
        counts("The raids killed 30 people, including 9 children, and wounded 50 others."),
        vec![
            count("killed", "people", 30.0),
            count("killed", "children", 9.0),
            count("wounded", "people", 50.0)
        ]
    );
    assert_eq!(
        counts("Eleven civilians were killed, 4 of them women."),
        vec![
            count("killed", "civilians", 11.0),
            count("killed", "women", 4.0)
        ]
    );
    // "killed 12 civilians and wounded two children": the second count has its own verb.
    assert_eq!(
        counts("The blast killed 12 civilians and wounded two children."),
        vec![
            count("killed", "civilians", 12.0),
            count("wounded", "children", 2.0)
        ]
    );
}

#[test]
fn zero_counts() {
    assert_eq!(
        counts("Nobody was killed in the shelling."),
        vec![count("killed", "people", 0.0)]
    );
    assert_eq!(
        counts("No casualties were documented."),
        vec![count("casualties", "people", 0.0)]
    );
    assert_eq!(
        counts("No hostages were released on Sunday."),
        vec![count("released", "captives", 0.0)]
    );
    // "no" before any noun is not a count.
    assert!(counts("No food aid reached the town.").is_empty());
    assert!(counts("There was no sign of the missing boat.").is_empty());
}

#[test]
fn projections_are_upper_bounds_and_periods_and_running_totals_are_told() {
    assert_eq!(
        counts("Officials fear the toll could rise to 400."),
        vec![(
            "killed".into(),
            "people".into(),
            400.0,
            Qualifier::UpTo,
            false
        )]
    );
    // A month's count is a period's, told by its window, not a running total.
    let feb = claims("In February, 45 soldiers were killed.", "2020-03-12");
    assert_eq!(feb.len(), 1);
    assert!(feb[0].counts_period());
    assert_eq!(
        counts("So far 80 civilians have been wounded."),
        vec![(
            "wounded".into(),
            "civilians".into(),
            80.0,
            Qualifier::Exact,
            true
        )]
    );
    assert_eq!(
        counts("At least 60 fighters have died since the offensive began."),
        vec![(
            "killed".into(),
            "fighters".into(),
            60.0,
            Qualifier::AtLeast,
            true
        )]
    );
    // One day's clash is an incident.
    assert_eq!(
        counts("On Monday, 6 soldiers were killed."),
        vec![count("killed", "soldiers", 6.0)]
    );
}

/// What makes a running total in real reporting: a toll said to stand at or to have risen to
/// a figure, "since fighting broke out", "after N weeks of war"; and what does not: a toll
/// expected to rise, a clause beside the toll's, a clash's own count.
#[test]
fn running_totals_from_a_toll_or_the_start_of_the_fighting() {
    let running =
        |text: &str| -> Vec<(f64, bool)> { counts(text).into_iter().map(|c| (c.2, c.4)).collect() };
    assert_eq!(
        running("The death toll, by the health office's count, is at least 212."),
        vec![(212.0, true)]
    );
    assert_eq!(
        running("The death toll in the province has risen to 75."),
        vec![(75.0, true)]
    );
    assert_eq!(
        running("At least 90 people have been killed since clashes erupted in the capital."),
        vec![(90.0, true)]
    );
    assert_eq!(
        running("After six weeks of war, more than 3,000 people have been killed."),
        vec![(3000.0, true)]
    );
    // "Since" fighting that broke out on a date: the total runs from that date.
    let since = claims(
        "More than 300 people have been killed since fighting broke out on February 2.",
        "2020-03-12",
    );
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].when.from.to_string(), "2020-02-02");
    assert!(matches!(
        since[0].kind,
        ClaimKind::Count {
            cumulative: true,
            ..
        }
    ));
    // A forecast is not a count so far; the figure before it is the clash's.
    assert_eq!(
        running("The storm killed 40 people on Monday; its death toll is likely to grow."),
        vec![(40.0, false)]
    );
    // The missing beside a toll are not a running total because the toll is.
    let beside = running("About 900 people are missing, and the death toll is still unclear.");
    assert_eq!(beside, vec![(900.0, false)]);
    // "The number of civilians killed" names the group of the bare figure after it.
    assert_eq!(
        counts("The number of dead civilians since the war began has reached 512.")
            .into_iter()
            .map(|c| (c.1, c.2, c.4))
            .collect::<Vec<_>>(),
        vec![("civilians".to_string(), 512.0, true)]
    );
}

#[test]
fn a_truce_holds_in_many_words() {
    for text in [
        "A relative calm prevailed after the ceasefire took hold.",
        "The ceasefire has largely held since Monday.",
        "Guns fell silent as the truce began.",
        "No violations of the ceasefire were recorded on Wednesday.",
        "The ceasefire has not collapsed.",
    ] {
        // Each status word is a claim of its own, with its own words.
        let found = statuses(text);
        assert!(
            !found.is_empty() && found.iter().all(|s| status("holding").contains(s)),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn a_truce_fails_in_many_words() {
    assert_eq!(statuses("The truce looks shaky."), status("fragile"));
    assert_eq!(
        statuses("The ceasefire was shattered by heavy shelling."),
        status("collapsed")
    );
    assert_eq!(
        statuses("The ceasefire lies in tatters."),
        status("collapsed")
    );
    assert_eq!(
        statuses("Both armies breached the ceasefire overnight."),
        status("violated")
    );
    assert_eq!(
        statuses("The truce was never respected."),
        status("violated")
    );
    // Failing to abide by a truce breaks it; it is not the truce failing.
    assert_eq!(
        statuses("One side failed to abide by the ceasefire."),
        status("violated")
    );
}

#[test]
fn of_two_overlapping_status_words_the_longer_says_more() {
    assert_eq!(
        statuses("The ceasefire seems to hold shakily."),
        status("fragile")
    );
    assert_eq!(
        statuses("Families returned home after the end of the truce."),
        status("collapsed")
    );
    // "the end of" a month is no end of the truce.
    assert!(
        statuses("The truce was agreed at the end of February.")
            .iter()
            .all(|(_, s)| s != "collapsed")
    );
}

#[test]
fn other_truces_and_plans_say_nothing_of_the_current_one() {
    for text in [
        "Earlier truces, which all failed, had been agreed in the capital.",
        "Previous ceasefires collapsed within days.",
        "The ceasefire will be observed from midnight.",
        "Talks on a new ceasefire collapsed.",
    ] {
        assert!(
            statuses(text)
                .iter()
                .all(|(s, _)| s != "moscow-protocol-2020"),
            "{text}: {:?}",
            statuses(text)
        );
    }
    // A year outside the agreement's days names another one.
    assert!(
        statuses("The 2016 ceasefire collapsed within weeks.")
            .iter()
            .all(|(s, _)| s != "moscow-protocol-2020")
    );
}

/// Counts with whose they are, as (value, subject actor).
fn whose(text: &str) -> Vec<(f64, Option<String>)> {
    sides(text).into_iter().map(|(v, _, a)| (v, a)).collect()
}

#[test]
fn whose_losses_come_from_the_groups_words() {
    assert_eq!(
        whose("Nine Turkish soldiers were killed. Of the Russian troops, 3 died."),
        vec![
            (9.0, Some("turkey".to_string())),
            (3.0, Some("russia".to_string()))
        ]
    );
    // No actor named with the group: no side.
    assert_eq!(
        claims("Nine soldiers were killed near the border.", "2020-03-12")
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Count { subject_actor, .. } => Some(subject_actor),
                _ => None,
            })
            .collect::<Vec<_>>(),
        vec![None]
    );
}

#[test]
fn a_people_the_gazetteer_does_not_list_is_theirs_by_name() {
    assert_eq!(
        whose("Twelve Varnian farmhands and two Moldenese drivers were killed on Monday."),
        vec![
            (12.0, Some("varnian".to_string())),
            (2.0, Some("moldenese".to_string()))
        ]
    );
    // A group noun capitalised in a title, or a plain one, names no people.
    assert_eq!(
        whose("Nine Civilians Killed In Shelling"),
        vec![(9.0, None)]
    );
    assert_eq!(whose("Nine residents were killed."), vec![(9.0, None)]);
}

/// Counts with their place, as (value, place).
fn placed(text: &str) -> Vec<(f64, Option<String>)> {
    claims(text, "2020-03-12")
        .into_iter()
        .filter_map(|c| match c.kind {
            ClaimKind::Count { value, .. } => Some((value, c.place)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_bare_number_is_named_by_what_follows_were() {
    let got = counts("Out of the 41 injured, 17 were women.");
    assert!(got.contains(&count("wounded", "women", 17.0)), "{got:?}");
    assert!(got.contains(&count("wounded", "people", 41.0)), "{got:?}");
    let got = counts("Three of the eight dead were children, the hospital said.");
    assert!(got.contains(&count("killed", "children", 3.0)), "{got:?}");
    // Not a group: "were killed" names the measure, and the bare number counts people.
    let got = counts("Nine were killed in the shelling.");
    assert_eq!(got, vec![count("killed", "people", 9.0)]);
}

#[test]
fn the_city_of_a_place_is_not_its_population() {
    let got = counts("The death toll in the city of Idlib has risen to 1,300.");
    assert!(
        got.iter().all(|c| c.0 == "killed"),
        "a place's name is not a population: {got:?}"
    );
    assert_eq!(
        counts("The port is a city of about 400,000."),
        vec![(
            "population".into(),
            "people".into(),
            400_000.0,
            Qualifier::About,
            false
        )]
    );
}

#[test]
fn a_count_takes_the_narrower_place_that_follows_it() {
    assert_eq!(
        placed("Shelling in Idlib province killed 12 people in Saraqib alone."),
        vec![(12.0, Some("saraqib".into()))]
    );
    // Another number in between: the town's figure is that number's, not this one's.
    let got = placed("Shelling in Idlib province killed 30 people, including 12 in Saraqib.");
    assert_eq!(got.first(), Some(&(30.0, Some("idlib".into()))), "{got:?}");
    // Not inside the first place: the nearest one stays.
    let got = placed("Shelling in Idlib province killed 12 people, officials in Damascus said.");
    assert_eq!(got, vec![(12.0, Some("idlib".into()))]);
}

#[test]
fn a_place_moved_from_is_not_where_a_count_is() {
    // The destination is the place: "fled from X to Y" counts them in Y.
    let got = placed("About 900 villagers fled from Ariha to Taftanaz overnight.");
    assert_eq!(got, vec![(900.0, Some("taftanaz".into()))], "{got:?}");
    // An origin alone leaves the count with no place of its own.
    let got = placed("Sixty aid trucks entered from Turkey on Monday.");
    assert_eq!(got, vec![(60.0, None)], "{got:?}");
    let got = placed("Forty aid trucks were dispatched from Ariha to Saraqib.");
    assert_eq!(got, vec![(40.0, Some("saraqib".into()))], "{got:?}");
    // Not an origin: no verb of movement before "from", or no "from" at all.
    let got = placed("Shelling killed 300 people in Saraqib.");
    assert_eq!(got, vec![(300.0, Some("saraqib".into()))], "{got:?}");
    let got = placed("Twelve soldiers from Ariha were killed.");
    assert_eq!(got, vec![(12.0, Some("ariha".into()))], "{got:?}");
    let got = placed("Forty aid trucks entered Saraqib from Turkey.");
    assert_eq!(got, vec![(40.0, Some("saraqib".into()))], "{got:?}");
}

/// The first count of `text` as (measure, subject, value), or `None`.
fn first(text: &str) -> Option<(String, String, f64)> {
    counts(text).into_iter().next().map(|c| (c.0, c.1, c.2))
}

fn msv(measure: &str, subject: &str, value: f64) -> Option<(String, String, f64)> {
    Some((measure.into(), subject.into(), value))
}

#[test]
fn more_words_for_measures_and_groups() {
    assert_eq!(
        first("The militia releases 24 captives at the bridge."),
        msv("released", "captives", 24.0)
    );
    assert_eq!(
        first("Four hostages walked free after the talks."),
        msv("released", "captives", 4.0)
    );
    assert_eq!(
        first("Border guards apprehended 30 gunmen overnight."),
        msv("captured", "fighters", 30.0)
    );
    assert_eq!(
        first("Rebels are seizing 6 tanks a week."),
        msv("captured", "materiel", 6.0)
    );
    assert_eq!(
        first("The village remembers the abduction of 90 farmers."),
        msv("captured", "people", 90.0)
    );
    assert_eq!(
        first("The faction's radio counted 31 martyrs by evening."),
        msv("killed", "people", 31.0)
    );
    assert_eq!(
        first("The harbour town mourns the loss of 40 fishermen."),
        msv("killed", "people", 40.0)
    );
    assert_eq!(
        first("Divers counted 17 bodies along the shore."),
        msv("killed", "bodies", 17.0)
    );
    assert_eq!(
        first("His wife and three grandchildren died in the storm."),
        msv("killed", "children", 3.0)
    );
    assert_eq!(
        first("The prosecutor said 220 conscripts are being treated in hospitals."),
        msv("wounded", "soldiers", 220.0)
    );
    assert_eq!(
        first("The raid led to the injury of 15 farmers and herders."),
        msv("wounded", "people", 15.0)
    );
    assert_eq!(
        first("Some 5,000 villagers have fled across the country's borders."),
        msv("refugees", "people", 5000.0)
    );
    assert_eq!(
        first("More than 9,000 children were exposed to the floodwater."),
        msv("affected", "children", 9000.0)
    );
    assert_eq!(
        first("Shells fell on the Kora region of 2 million people."),
        msv("population", "people", 2_000_000.0)
    );
    assert_eq!(
        first("Shells fell on the island of 80,000."),
        msv("population", "people", 80_000.0)
    );
    // Materiel is lost, not killed; a team's losses are not a count of anything.
    assert_eq!(
        first("The brigade lost 3 tanks in the ambush."),
        msv("destroyed", "materiel", 3.0)
    );
    assert_eq!(first("The home side lost 3 matches in a row."), None);
    // "In the region of" approximates a figure; it names no region's people.
    assert!(
        counts("The mayor put the final figure in the region of 9,000.")
            .iter()
            .all(|c| c.0 != "population")
    );
    // A known group with no measure near is not a count.
    assert_eq!(first("Twelve relatives gathered at the gate."), None);
}

#[test]
fn a_verb_or_a_measure_right_after_a_number_leaves_it_bare() {
    assert_eq!(
        first("The registry had recorded 3,166 deaths up until Friday."),
        msv("killed", "people", 3166.0)
    );
    let got = counts("Nine were killed and 70 sustained injuries in the blast.");
    assert_eq!(
        got,
        vec![
            count("killed", "people", 9.0),
            count("wounded", "people", 70.0)
        ]
    );
    // A determiner, "amid" or a full stop with no space after it ends the phrase.
    assert_eq!(
        first("The toll passed 900 amid fresh shelling."),
        msv("killed", "people", 900.0)
    );
    let got = counts("The number of freed captives could be 14 or 15.Under the deal, talks go on.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].3),
        ("released", Qualifier::Range)
    );
    // A number joined to a unit by a hyphen is a length of time, not a count.
    assert!(counts("A three-day humanitarian pause began.").is_empty());
    assert!(counts("A 72-hour ceasefire took effect at dawn.").is_empty());
    // A past verb with no measure near says nothing.
    assert!(counts("Some 40 refused to leave the square.").is_empty());
}

#[test]
fn a_toll_that_passes_a_figure_is_more_than_it() {
    let got = counts(
        "The toll from a month of raids on the valley has surged past 1,900, the office said.",
    );
    assert_eq!(
        got,
        vec![(
            "killed".into(),
            "people".into(),
            1900.0,
            Qualifier::MoreThan,
            false
        )]
    );
    // Not a verb of rising: "past" is a time.
    assert!(
        counts("Twelve hostages were freed in the past week.")
            .iter()
            .all(|c| c.3 == Qualifier::Exact)
    );
}

/// Counts as (measure, subject, value), in text order.
fn msvs(text: &str) -> Vec<(String, String, f64)> {
    counts(text).into_iter().map(|c| (c.0, c.1, c.2)).collect()
}

fn v(measure: &str, subject: &str, value: f64) -> (String, String, f64) {
    (measure.into(), subject.into(), value)
}

#[test]
fn the_parts_of_a_list_take_its_measure() {
    // A list after a dash: its parts were handed back too, whatever their noun.
    assert_eq!(
        msvs(
            "In all 20 captives were handed back on Friday - 11 Peruvians, 8 Bolivians and one monk - the mediators said."
        ),
        vec![
            v("released", "captives", 20.0),
            v("released", "people", 11.0),
            v("released", "people", 8.0),
        ]
    );
    // A part after "including" and the parts joined to it.
    assert_eq!(
        msvs(
            "The raids killed 40 people, including 12 children and 9 women, and injured 80 others."
        ),
        vec![
            v("killed", "people", 40.0),
            v("killed", "children", 12.0),
            v("killed", "women", 9.0),
            v("wounded", "people", 80.0),
        ]
    );
    // A part after a dash with a measure of its own keeps it.
    assert_eq!(
        msvs("Shelling killed 14 people on Monday - 30 more were wounded."),
        vec![v("killed", "people", 14.0), v("wounded", "people", 30.0)]
    );
    // "Among the dead" that closes a clause opens no list.
    assert_eq!(
        msvs("At least seven children were among the dead and 50 had been wounded."),
        vec![v("killed", "children", 7.0), v("wounded", "people", 50.0)]
    );
}

#[test]
fn a_measure_before_a_list_governs_it() {
    assert_eq!(
        msvs("The deal secured the release of 30 farmers and 12 students held since March."),
        vec![v("released", "people", 30.0), v("released", "people", 12.0)]
    );
    assert_eq!(
        msvs("The group will free 10 hostages on Monday and 10 more on Tuesday."),
        vec![
            v("released", "captives", 10.0),
            v("released", "captives", 10.0)
        ]
    );
    assert_eq!(
        msvs("Some 150 trucks set off at dawn and, of them, 95 crossed into the city."),
        vec![v("aid", "trucks", 150.0), v("aid", "trucks", 95.0)]
    );
    assert_eq!(
        msvs("Out of the 41 injured, 17 were women, and five were children."),
        vec![
            v("wounded", "people", 41.0),
            v("wounded", "women", 17.0),
            v("wounded", "children", 5.0),
        ]
    );
    // A second count with a verb of its own keeps it.
    assert_eq!(
        msvs("The blast killed 12 civilians and 30 soldiers were wounded."),
        vec![
            v("killed", "civilians", 12.0),
            v("wounded", "soldiers", 30.0)
        ]
    );
    assert_eq!(
        msvs("Medics said 174 civilians were killed and 1,041 injured."),
        vec![
            v("killed", "civilians", 174.0),
            v("wounded", "civilians", 1041.0)
        ]
    );
}

#[test]
fn a_group_described_by_a_participle_takes_the_measure_that_governs_it() {
    assert_eq!(
        msvs("Talks led to the release of about 50 farmers held captive since May."),
        vec![v("released", "people", 50.0)]
    );
    // With nothing else near, the participle is the measure.
    assert_eq!(
        msvs("The envoy met 25 workers held hostage in the north."),
        vec![v("captured", "people", 25.0)]
    );
    // Only a word heavier: a measure two words before does not outweigh it.
    assert_eq!(
        msvs("It is a humanitarian crisis with 6,000 villagers fleeing the valley."),
        vec![v("displaced", "people", 6000.0)]
    );
}

#[test]
fn a_measure_past_a_contrast_and_another_number_is_that_numbers() {
    assert_eq!(
        msvs(
            "The victims include 900 children and 300 women, while 4,000 others have been injured."
        ),
        vec![
            v("killed", "children", 900.0),
            v("killed", "women", 300.0),
            v("wounded", "people", 4000.0),
        ]
    );
    assert_eq!(
        msvs("The number of victims has risen to 210."),
        vec![v("killed", "people", 210.0)]
    );
}

#[test]
fn the_people_who_tell_are_not_counted() {
    assert_eq!(
        msvs(
            "Fifty people were killed in a strike on a school sheltering the displaced, two aid workers and the police said."
        ),
        vec![v("killed", "people", 50.0)]
    );
    assert_eq!(
        msvs("No aid has arrived for eight days, two Kora Nations officials said."),
        vec![]
    );
    // Unless their own words say what befell them.
    assert_eq!(
        msvs("Two wounded guards said the gate had fallen."),
        vec![v("wounded", "soldiers", 2.0)]
    );
}

#[test]
fn the_whole_a_part_is_taken_from_is_not_counted_again() {
    assert_eq!(
        msvs("Three of the eight fatalities were women."),
        vec![v("killed", "women", 3.0)]
    );
    // "Out of the 41 injured" is told once, and counted.
    assert_eq!(
        msvs("Out of the 41 injured, 17 were women."),
        vec![v("wounded", "people", 41.0), v("wounded", "women", 17.0)]
    );
}

#[test]
fn people_are_given_aid_they_do_not_arrive_as_aid() {
    assert_eq!(
        msvs("Field medics helped 300 people, including 40 children."),
        vec![v("aid", "people", 300.0), v("aid", "children", 40.0)]
    );
    assert_eq!(
        msvs("Some 2 million people need humanitarian aid."),
        vec![v("aid", "people", 2_000_000.0)]
    );
    assert_eq!(
        msvs("Forty trucks arrived at the crossing."),
        vec![v("aid", "trucks", 40.0)]
    );
    assert_eq!(msvs("Four passengers arrived at the border post."), vec![]);
    assert_eq!(
        msvs("A witness saw rescuers carrying one dead man from the ruins."),
        vec![v("killed", "men", 1.0)]
    );
}

#[test]
fn a_sentence_that_opens_on_the_group_just_counted_lists_its_parts() {
    assert_eq!(
        msvs(
            "The militia freed 30 detainees on Sunday. Among the detainees were 12 women and 5 boys."
        ),
        vec![
            v("released", "captives", 30.0),
            v("released", "women", 12.0),
            v("released", "children", 5.0),
        ]
    );
    // Not after a paragraph break, nor a sentence that opens otherwise.
    assert_eq!(
        msvs("The militia freed 30 detainees on Sunday.\n\nAmong the guests were 12 women."),
        vec![v("released", "captives", 30.0)]
    );
    assert_eq!(
        msvs("The militia freed 30 detainees on Sunday. The hall held 12 women."),
        vec![v("released", "captives", 30.0)]
    );
}

/// Counts as (value, subject, side).
fn sides(text: &str) -> Vec<(f64, String, Option<String>)> {
    claims(text, "2020-03-12")
        .into_iter()
        .filter_map(|c| match c.kind {
            ClaimKind::Count {
                value,
                subject,
                subject_actor,
                ..
            } => Some((value, subject, subject_actor)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_part_of_a_whole_is_of_the_wholes_side() {
    // Parts listed after a whole, and a sentence that opens on a group, take its side.
    let v = sides(
        "The captives freed included 12 Turkish soldiers - four officers and eight conscripts. \
         Among the Russian prisoners were 20 officers.",
    );
    assert!(
        v.contains(&(4.0, "soldiers".into(), Some("turkey".into()))),
        "{v:?}"
    );
    assert!(
        v.contains(&(20.0, "soldiers".into(), Some("russia".into()))),
        "{v:?}"
    );
    // A group with no side named stays without one, and a side named after the figure is
    // not taken back.
    let v = sides(
        "The captives freed included 12 soldiers. \
         Among the prisoners were 20 officers, a Turkish official said.",
    );
    assert!(v.contains(&(20.0, "soldiers".into(), None)), "{v:?}");
}

#[test]
fn bodies_found_are_counted_as_bodies_and_men_apart_from_people() {
    let v = sides("The bodies of 310 people were recovered from the river on Tuesday.");
    assert_eq!(v.first().map(|x| x.1.as_str()), Some("bodies"), "{v:?}");
    // The people themselves, killed, are people.
    let v = sides("At least 310 people were killed in the flood on Tuesday.");
    assert_eq!(v.first().map(|x| x.1.as_str()), Some("people"), "{v:?}");
    // Men, like women and children, are a group of their own.
    let v = sides("Nearly 100 men from one village were killed in the flood.");
    assert_eq!(v.first().map(|x| x.1.as_str()), Some("men"), "{v:?}");
    // "fishermen" are people, not men.
    let v = sides("Twelve fishermen drowned when the boat sank.");
    assert_eq!(v.first().map(|x| x.1.as_str()), Some("people"), "{v:?}");
}

#[test]
fn a_part_named_by_its_own_people_is_not_the_side_told_before_it() {
    let got = whose(
        "The militia freed 20 captives on Monday: 12 Turkish soldiers, 5 Nepalese and 3 Filipinos.",
    );
    assert!(got.contains(&(12.0, Some("turkey".to_string()))), "{got:?}");
    assert!(
        got.contains(&(5.0, Some("nepalese".to_string()))),
        "{got:?}"
    );
    assert!(
        got.contains(&(3.0, Some("filipino".to_string()))),
        "{got:?}"
    );
    // A part named by a common noun is of the whole's side.
    let got =
        whose("Twelve Turkish soldiers were killed on Monday - seven officers and five privates.");
    assert!(got.contains(&(7.0, Some("turkey".to_string()))), "{got:?}");
}

#[test]
fn one_national_is_a_person_counted() {
    let got = counts(
        "The militia freed 14 captives on Friday: 12 Nepalese, one Filipino and one Peruvian.",
    );
    assert!(got.contains(&count("released", "people", 1.0)), "{got:?}");
    assert!(got.contains(&count("released", "people", 12.0)), "{got:?}");
    // A national adjective before the counted noun leaves the noun the head.
    let got = counts("Twelve Jordanian soldiers were killed on Friday.");
    assert!(got.contains(&count("killed", "soldiers", 12.0)), "{got:?}");
}

#[test]
fn a_running_total_with_no_date_of_its_own_counts_up_to_its_report() {
    let when = |text: &str| -> Vec<(bool, String, String)> {
        claims(text, "2020-03-12")
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Count { cumulative, .. } => {
                    Some((cumulative, c.when.from.to_string(), c.when.to.to_string()))
                }
                _ => None,
            })
            .collect()
    };
    // The sentence before names the day the storm came, not the day of the running total.
    let got = when(
        "The storm reached Varnok on March 2. So far 300 bodies have been recovered in the town.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0, "{got:?}");
    assert_eq!(got[0].2, "2020-03-12", "{got:?}");
    // A count of one day's events still takes its paragraph's day.
    let got = when("The storm reached Varnok on March 2. Twelve people drowned in the town.");
    assert_eq!(
        got,
        vec![(false, "2020-03-02".to_string(), "2020-03-02".to_string())]
    );
}
