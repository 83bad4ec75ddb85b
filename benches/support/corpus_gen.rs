//! A seeded generator of benchmark corpora: N articles from M outlets, built from templates
//! with varied wording, with a known set of planted conflicts.
//!
//! Names of places, actors and the ceasefire-like things whose status is reported come from
//! the gazetteer the corpus will be checked with, so a corpus for another domain's rules is
//! a different `--rules` away. The English around them is templates with many slots: 5-word
//! shingles rarely repeat between two articles, so the generated articles are independent
//! voices, not near-duplicates of one another.
//!
//! Conflicts are planted so that nothing else conflicts: each count key (measure, subject)
//! has at most one incident a day, every honest report of an incident holds its true value,
//! each place has one controller, and a status thing is called holding except in its one
//! planted report. The manifest (`planted.yaml`) lists every plant.
//!
//! As on real sites, the text is not all ASCII: half the outlets print typographic
//! quotation marks, and the filler has accented words and curly apostrophes, so what the
//! benchmarks measure includes the paths for text beyond ASCII.
//!
//! Included with `#[path]` by the example binary, the benches and the tests.

#![allow(dead_code)]

use crosscheck::rules::RuleSet;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// A small, fast, seeded generator (splitmix64). Written out rather than taken from a crate
/// so the same seed gives the same corpus whatever crate versions are locked.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1A4_F87D)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What to generate.
pub struct Options {
    pub articles: usize,
    pub outlets: usize,
    pub seed: u64,
    /// The first day incidents happen on.
    pub start: Date,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            articles: 1000,
            outlets: 40,
            seed: 1,
            start: jiff::civil::date(2019, 9, 1),
        }
    }
}

/// One planted conflict, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Plant {
    pub rule: String,
    /// What the conflicting claims are about: a count key, a place id, a thing id.
    pub about: String,
    pub day: Date,
    /// The article that carries the planted claim.
    pub article: String,
}

/// What was written.
pub struct Summary {
    pub articles: usize,
    pub bytes: u64,
    pub plants: Vec<Plant>,
}

const MEASURES: [(&str, &str); 3] = [
    ("killed", "were killed"),
    ("wounded", "were wounded"),
    ("displaced", "fled their homes"),
];
/// Count subjects: casualty measures take all but the last; displacement takes the last.
const SUBJECTS: [&str; 6] = [
    "civilians",
    "soldiers",
    "fighters",
    "children",
    "women",
    "people",
];
const SOURCES: [&str; 10] = [
    "local officials said",
    "a monitoring group said",
    "medics at a field hospital said",
    "according to rescue workers",
    "a hospital director told reporters",
    "the local council said in a statement",
    "residents told our correspondent",
    "according to a regional health official",
    "a spokesperson for the civil defence said",
    "an aid coordinator said",
];
const HOLDING: [&str; 5] = [
    "was largely holding",
    "appeared to hold",
    "has largely held",
    "was holding",
    "seemed to be holding",
];
const COLLAPSED: [&str; 3] = ["collapsed", "broke down", "fell apart"];
/// Words a partisan outlet uses in its own voice (a lexicon's business to find).
const LOADED: [&str; 6] = [
    "the regime",
    "terrorist groups",
    "the martyrs",
    "the thugs",
    "the so-called \"moderate\" factions",
    "the terrorists",
];

// Filler: many small slots, so that no 5-word run recurs often.
const WHO: [&str; 16] = [
    "Residents",
    "Shopkeepers",
    "Teachers",
    "Farmers",
    "Aid workers",
    "Local officials",
    "Truck drivers",
    "Volunteers",
    "Engineers",
    "Nurses",
    "Community leaders",
    "Students",
    "Bakers",
    "Elders",
    "Journalists",
    "Pharmacists",
];
const VERB: [&str; 14] = [
    "described",
    "complained about",
    "pointed to",
    "worried about",
    "spoke of",
    "warned of",
    "wrote about",
    "recalled",
    "counted on",
    "asked about",
    "documented",
    "photographed",
    "queued for",
    "argued over",
];
const THING: [&str; 22] = [
    "long queues for bread",
    "shortages of diesel",
    "cold nights in tents",
    "crowded classrooms",
    "broken water pipes",
    "rising rent",
    "a closed border crossing",
    "an empty pharmacy",
    "damaged power lines",
    "slow mobile networks",
    "muddy camp roads",
    "a shuttered café",
    "rationed flour",
    "unpaid salaries",
    "a flooded underpass",
    "missing school books",
    "an overloaded clinic",
    "expensive cooking gas",
    "a dry well",
    "stray dogs",
    "late aid deliveries",
    "a leaking roof",
];
const WHEN: [&str; 12] = [
    "in recent months",
    "this winter",
    "before dawn",
    "after the harvest",
    "every evening",
    "most mornings",
    "during the holidays",
    "for weeks",
    "at the weekend market",
    "along the main road",
    "near the mosque",
    "behind the school",
];
const TAIL: [&str; 12] = [
    "and few expected change soon",
    "while prices kept climbing",
    "as donors hesitated",
    "though the imam’s family had stayed put",
    "even as repairs began",
    "and asked for patience",
    "while the roads stayed open",
    "as families shared rooms",
    "though the rain had stopped",
    "and the queues grew longer",
    "while officials promised help",
    "and nobody would say why",
];
const NUMERIC_FILLER: [&str; 6] = [
    "Prices for {n} litres of fuel rose by {p} percent {when}.",
    "A bag of flour now costs ${n}, up from ${m} {when}.",
    "The council opened {m} new classrooms in {place} {when}, each for {n} pupils.",
    "Buses leave {place} at {h} a.m. and return by {h2} p.m.",
    "The clinic in {place} sees patients for {n} hours a day {when}.",
    "Rent in {place} has doubled since {year}, {who} said.",
];
const QUOTES: [&str; 8] = [
    "We do not know what tomorrow brings",
    "Nobody has come to help us, not once",
    "The children ask every night when we can go home",
    "We rebuilt the wall twice and we will do it again",
    "There is no work, so we wait",
    "Our neighbours left, but we decided to stay",
    "Every road out is dangerous now",
    "We need doctors more than promises",
];

struct Incident {
    day: Date,
    measure: usize,
    subject: usize,
    value: u64,
    place: usize,
    /// Outlets reporting it, one article each.
    outlets: Vec<usize>,
    /// Which report carries a plant, and what kind.
    plant: Option<(usize, PlantKind)>,
}

#[derive(Clone, Copy, PartialEq)]
enum PlantKind {
    Count,
    Control,
    Status,
}

struct Domain {
    places: Vec<(String, String)>,
    /// (name, camp) of actors that can hold a place.
    controllers: Vec<(String, String)>,
    /// Status things: (id, active from, active to), and the word the text calls them by.
    things: Vec<(String, Date, Date)>,
    thing_word: String,
}

fn domain(rules: &RuleSet) -> Domain {
    let g = &rules.gazetteer;
    let places = g
        .places
        .iter()
        .filter(|p| matches!(p.kind.as_deref(), Some("town" | "village")))
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let controllers = g
        .actors
        .iter()
        .filter(|a| a.part_of.is_empty() && a.side.is_some())
        .filter(|a| {
            matches!(
                a.kind.as_deref(),
                Some("state" | "armed group" | "armed force")
            )
        })
        .map(|a| (a.name.clone(), g.camp(&a.id)))
        .collect();
    // The first class that status frames report on, and its things with an active range.
    let class = rules
        .frames
        .status
        .first()
        .map(|s| s.subject.clone())
        .unwrap_or_default();
    let things = g
        .things
        .iter()
        .filter(|t| t.class == class)
        .filter_map(|t| t.active.map(|a| (t.id.clone(), a.from, a.to)))
        .collect();
    Domain {
        places,
        controllers,
        things,
        thing_word: class,
    }
}

/// Write a corpus into `out` (which must not exist or be empty).
pub fn generate(out: &Path, rules: &RuleSet, opts: &Options) -> io::Result<Summary> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::other(format!(
            "{} is not empty; give a new folder",
            out.display()
        )));
    }
    let d = domain(rules);
    if d.places.is_empty() || d.controllers.len() < 2 {
        return Err(io::Error::other(
            "the gazetteer needs towns or cities and two actors of different camps",
        ));
    }
    let mut rng = Rng::new(opts.seed);
    let outlets = opts.outlets.max(6);
    std::fs::create_dir_all(out)?;
    write_outlets(out, outlets)?;

    // Incidents: each key (measure, subject) has at most one a day, so honest reports of
    // different incidents never face each other.
    let keys: Vec<(usize, usize)> = (0..2)
        .flat_map(|m| (0..5).map(move |s| (m, s)))
        .chain([(2, 5)])
        .collect();
    let controller: Vec<usize> = (0..d.places.len())
        .map(|_| rng.below(d.controllers.len()))
        .collect();
    let mut incidents = Vec::new();
    let mut planned = 0;
    let mut slot = 0usize;
    while planned < opts.articles {
        let day = opts.start + ((slot / keys.len()) as i64).days();
        let (measure, subject) = keys[slot % keys.len()];
        slot += 1;
        if rng.chance(0.35) {
            continue; // a quiet day for this key
        }
        let reports = (rng.range(2, 6) as usize).min(opts.articles - planned);
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < reports {
            let o = rng.below(outlets);
            if !chosen.contains(&o) {
                chosen.push(o);
            }
        }
        let value = if measure == 2 {
            rng.range(20, 900) * 50
        } else {
            rng.range(3, 160)
        };
        planned += reports;
        incidents.push(Incident {
            day,
            measure,
            subject,
            value,
            place: rng.below(d.places.len()),
            outlets: chosen,
            plant: None,
        });
    }
    plan_plants(&mut incidents, &d, &mut rng);

    let mut summary = Summary {
        articles: 0,
        bytes: 0,
        plants: Vec::new(),
    };
    for inc in &incidents {
        for (r, &outlet) in inc.outlets.iter().enumerate() {
            let lag = rng.range(0, 3) as i64;
            let published = inc.day + lag.days();
            let id = summary.articles;
            let rel = format!("{:03}/{published}-{id:06}.md", id / 1000);
            let plant = inc.plant.filter(|(at, _)| *at == r).map(|(_, k)| k);
            let text = article(&mut rng, &d, inc, &controller, outlet, published, plant, id);
            let path = out.join(&rel);
            std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
            std::fs::write(&path, &text)?;
            summary.bytes += text.len() as u64;
            summary.articles += 1;
            if let Some(kind) = plant {
                summary.plants.push(Plant {
                    rule: rule_for(rules, kind, MEASURES[inc.measure].0),
                    about: match kind {
                        PlantKind::Count => {
                            format!("{}: {}", MEASURES[inc.measure].0, SUBJECTS[inc.subject])
                        }
                        PlantKind::Control => d.places[inc.place].0.clone(),
                        PlantKind::Status => thing_on(&d, inc.day).unwrap_or_default(),
                    },
                    day: inc.day,
                    article: rel,
                });
            }
        }
    }
    summary.plants.sort();
    write_manifest(out, &summary)?;
    Ok(summary)
}

/// Choose the plants: about one incident in fifty carries a count conflict, one place in
/// five a control conflict (at most once per place), each status thing one status conflict.
fn plan_plants(incidents: &mut [Incident], d: &Domain, rng: &mut Rng) {
    let mut places_used = vec![false; d.places.len()];
    let mut things_used: Vec<String> = Vec::new();
    let mut control_budget = d.places.len() / 5;
    for inc in incidents.iter_mut() {
        if inc.outlets.len() < 3 {
            continue;
        }
        let at = rng.below(inc.outlets.len());
        if inc.value >= 40 && rng.chance(0.05) {
            inc.plant = Some((at, PlantKind::Count));
        } else if control_budget > 0 && !places_used[inc.place] && rng.chance(0.01) {
            places_used[inc.place] = true;
            control_budget -= 1;
            inc.plant = Some((at, PlantKind::Control));
        } else if let Some(t) = thing_on(d, inc.day) {
            // Not on the thing's first days: "the ceasefire" there may still mean the last one.
            let (_, from, _) = d.things.iter().find(|x| x.0 == t).expect("found above");
            if !things_used.contains(&t) && inc.day >= *from + 10.days() && rng.chance(0.05) {
                things_used.push(t);
                inc.plant = Some((at, PlantKind::Status));
            }
        }
    }
}

/// The id of the rule that should report a plant: the first rule of the matching check kind.
fn rule_for(rules: &RuleSet, kind: PlantKind, measure: &str) -> String {
    use crosscheck::rules::conflict::Check;
    rules
        .rules
        .iter()
        .find(|r| match (&r.check, kind) {
            (Check::Numeric(p), PlantKind::Count) => p.measures.iter().any(|m| m == measure),
            (Check::Control(_), PlantKind::Control) => true,
            (Check::ExclusiveStatus(_), PlantKind::Status) => true,
            _ => false,
        })
        .map_or_else(|| "(no rule)".to_string(), |r| r.id.clone())
}

fn thing_on(d: &Domain, day: Date) -> Option<String> {
    d.things
        .iter()
        .find(|(_, from, to)| *from <= day && day <= *to)
        .map(|t| t.0.clone())
}

/// How an article dates its incident, in one of the forms a reader meets.
fn date_phrase(rng: &mut Rng, day: Date, published: Date) -> String {
    let lag = (published - day).get_days();
    let month = MONTHS[day.month() as usize - 1];
    let mut forms: Vec<String> = vec![
        format!("on {month} {}", day.day()),
        format!("on {} {month} {}", day.day(), day.year()),
        format!("on {month} {}, {}", day.day(), day.year()),
        format!("on {}", day),
        format!("on {month} {}{}", day.day(), ordinal_suffix(day.day())),
        format!(
            "on the {}{} of {month}",
            day.day(),
            ordinal_suffix(day.day())
        ),
    ];
    if lag <= 5 {
        forms.push(format!("on {}", weekday_name(day.weekday())));
        forms.push(format!("on {}", weekday_name(day.weekday())));
    }
    match lag {
        0 => forms.push("today".into()),
        1 => forms.push("yesterday".into()),
        _ => {}
    }
    rng.pick(&forms).clone()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn ordinal_suffix(d: i8) -> &'static str {
    match (d % 10, d) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An honest figure for a true value `t`: its interval always holds `t`. With `strict`,
/// only forms whose lower bound stays near `t` (a planted low figure must clash with all).
fn honest_figure(rng: &mut Rng, t: u64, strict: bool) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let mut forms = vec![
        grouped(t),
        format!("at least {}", grouped(t)),
        format!("more than {}", grouped(t - 1)),
        format!("between {} and {}", grouped(t - 1), grouped(t + 2)),
    ];
    if t >= 20 {
        forms.push(format!("about {}", grouped(t)));
        forms.push(format!("nearly {}", grouped(t + 1)));
    }
    if t <= 12 {
        forms.push(WORDS[t as usize].to_string());
    }
    if !strict {
        forms.push(format!("up to {}", grouped(t + 3)));
    }
    rng.pick(&forms).clone()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn article(
    rng: &mut Rng,
    d: &Domain,
    inc: &Incident,
    controller: &[usize],
    outlet: usize,
    published: Date,
    plant: Option<PlantKind>,
    id: usize,
) -> String {
    let partisan = outlet % 4 == 3;
    let place = &d.places[inc.place].1;
    let (measure, verb) = MEASURES[inc.measure];
    let subject = SUBJECTS[inc.subject];
    let strict = inc.plant.is_some();
    let figure = if plant == Some(PlantKind::Count) {
        // Low enough to clash with every honest form, near enough to count the same thing.
        grouped((inc.value / 2).max(1))
    } else {
        honest_figure(rng, inc.value, strict)
    };
    let when = date_phrase(rng, inc.day, published);
    let mut s = String::with_capacity(8192);
    let _ = writeln!(s, "---");
    let _ = writeln!(s, "outlet: outlet-{outlet:03}");
    let _ = writeln!(s, "published: {published}");
    let _ = writeln!(
        s,
        "title: \"{} {subject} {measure} in {place}\"",
        capitalise(&figure)
    );
    let _ = writeln!(
        s,
        "url: https://outlet-{outlet:03}.example/{published}/{id}"
    );
    let _ = writeln!(s, "---");
    // The lead: the incident's figure, dated, attributed.
    let lead = format!(
        "{} {subject} {verb} in {place} {when}, {}.",
        capitalise(&figure),
        rng.pick(&SOURCES)
    );
    let _ = writeln!(s, "{lead}\n");
    if partisan {
        let _ = writeln!(
            s,
            "The attack bore the hallmarks of {}, the outlet's sources said.\n",
            rng.pick(&LOADED)
        );
    }
    // Control of the incident's place: one controller per place, but for a planted claim.
    let (mut holder, camp) = d.controllers[controller[inc.place]].clone();
    if plant == Some(PlantKind::Control) {
        holder = d
            .controllers
            .iter()
            .find(|(_, c)| *c != camp)
            .map(|(name, _)| name.clone())
            .expect("two camps checked at start");
    }
    if plant == Some(PlantKind::Control)
        || inc.plant.is_some_and(|p| p.1 == PlantKind::Control)
        || rng.chance(0.6)
    {
        let form = rng.below(3);
        let _ = match form {
            0 => writeln!(
                s,
                "{place} remains under the control of {holder} {when}, officials said.\n"
            ),
            1 => writeln!(
                s,
                "{when_c}, {place} was held by {holder}.\n",
                when_c = capitalise(&when)
            ),
            _ => writeln!(
                s,
                "{place} is controlled by {holder} {when}, residents said.\n"
            ),
        };
    }
    // The status of the thing active on the day.
    if thing_on(d, inc.day).is_some()
        && (plant == Some(PlantKind::Status)
            || inc.plant.is_some_and(|p| p.1 == PlantKind::Status)
            || rng.chance(0.5))
    {
        let state = if plant == Some(PlantKind::Status) {
            rng.pick(&COLLAPSED)
        } else {
            rng.pick(&HOLDING)
        };
        let _ = writeln!(s, "The {} {state} in {place} {when}.\n", d.thing_word);
    }
    // A quotation, sometimes with a loaded word in it (the speaker's, not the outlet's),
    // in the house's quotation marks: straight, or typographic as most sites print them.
    let (open, close) = if outlet % 2 == 1 {
        ('“', '”')
    } else {
        ('"', '"')
    };
    let _ = writeln!(
        s,
        "{open}{}{}{close}, {} from {place} said.\n",
        rng.pick(&QUOTES),
        if rng.chance(0.2) {
            ", and the regime knows it"
        } else {
            ""
        },
        rng.pick(&[
            "a teacher",
            "a farmer",
            "a mother of four",
            "a shopkeeper",
            "a nurse"
        ]),
    );
    // Filler to a realistic size: 2 to 8 KB.
    let target = rng.range(2048, 8192) as usize;
    let mut paragraph = 0;
    while s.len() < target {
        let sentences = rng.range(2, 5);
        for _ in 0..sentences {
            filler(rng, d, &mut s, partisan);
            s.push(' ');
        }
        s.pop();
        s.push_str("\n\n");
        paragraph += 1;
        if paragraph == 2 {
            s.push_str("Advertisement\n\n");
        }
    }
    let _ = writeln!(s, "Follow Outlet {outlet:03} on social media");
    s
}

fn filler(rng: &mut Rng, d: &Domain, s: &mut String, partisan: bool) {
    let place = &d.places[rng.below(d.places.len())].1;
    if rng.chance(0.2) {
        let t = rng.pick(&NUMERIC_FILLER);
        let when = *rng.pick(&WHEN);
        let text = t
            .replace("{n}", &rng.range(2, 90).to_string())
            .replace("{m}", &rng.range(2, 9).to_string())
            .replace("{p}", &rng.range(5, 60).to_string())
            .replace("{h}", &rng.range(5, 9).to_string())
            .replace("{h2}", &rng.range(3, 7).to_string())
            .replace("{year}", &rng.range(2012, 2018).to_string())
            .replace("{who}", &rng.pick(&WHO).to_lowercase())
            .replace("{when}", when)
            .replace("{place}", place);
        s.push_str(&text);
        return;
    }
    let _ = write!(
        s,
        "{} in {place} {} {} {}, {}",
        rng.pick(&WHO),
        rng.pick(&VERB),
        rng.pick(&THING),
        rng.pick(&WHEN),
        rng.pick(&TAIL),
    );
    if partisan && rng.chance(0.15) {
        let _ = write!(s, ", blaming {}", rng.pick(&LOADED));
    }
    s.push('.');
}

fn write_outlets(out: &Path, n: usize) -> io::Result<()> {
    let mut s = String::from(
        "# Generated outlets: furniture common to all, and each outlet's own.\nboilerplate:\n  - '^Advertisement$'\noutlets:\n",
    );
    for i in 0..n {
        let _ = writeln!(
            s,
            "  - id: outlet-{i:03}\n    name: Outlet {i:03}\n    domains: [outlet-{i:03}.example]\n    kind: {}\n    boilerplate:\n      - '^Follow Outlet {i:03} on social media$'",
            ["wire", "broadcaster", "newspaper", "blog"][i % 4]
        );
    }
    std::fs::write(out.join("outlets.yaml"), s)
}

fn write_manifest(out: &Path, summary: &Summary) -> io::Result<()> {
    let mut s = format!(
        "# Conflicts planted by the generator: each must be found, and nothing else at warning or above.\narticles: {}\nbytes: {}\nplanted:\n",
        summary.articles, summary.bytes
    );
    for p in &summary.plants {
        let _ = writeln!(
            s,
            "  - {{rule: {}, about: \"{}\", day: {}, article: {}}}",
            p.rule, p.about, p.day, p.article
        );
    }
    std::fs::write(out.join("planted.yaml"), s)
}

/// A corpus in `dir/one-key-N` whose `n` count claims all share one key and one day, from
/// forty outlets, analysed: the comparison's worst case (one huge group) for the benches.
/// The figures agree ("at least" a value no report exceeds), with one low outlier near
/// enough to count the same thing.
pub fn one_key(dir: &Path, rules: &RuleSet, n: usize) -> Vec<crosscheck::check::Analyzed> {
    let root = dir.join(format!("one-key-{n}"));
    std::fs::create_dir_all(&root).expect("a writable folder");
    write_outlets(&root, 40).expect("a writable folder");
    const PER_ARTICLE: usize = 100;
    for a in 0..n.div_ceil(PER_ARTICLE) {
        let mut s = format!(
            "---\noutlet: outlet-{:03}\npublished: 2020-03-05\n---\n",
            a % 40
        );
        for i in 0..PER_ARTICLE.min(n - a * PER_ARTICLE) {
            let figure = if a == 0 && i == 0 {
                "Twenty".to_string()
            } else {
                format!("At least {}", 30 + (a * 7 + i) % 50)
            };
            let _ = writeln!(s, "{figure} civilians were killed on 3 March 2020.\n");
        }
        std::fs::write(root.join(format!("{a:05}.md")), s).expect("a writable folder");
    }
    let corpus = crosscheck::corpus::load(&[root], &Default::default()).expect("a valid corpus");
    corpus
        .documents
        .into_iter()
        .map(|d| crosscheck::check::analyse(d, rules))
        .collect()
}

/// The outlets file [`one_key`] wrote.
pub fn outlets_of(dir: &Path) -> crosscheck::corpus::Outlets {
    let file = std::fs::read_dir(dir)
        .expect("a corpus folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("outlets.yaml"))
        .find(|p| p.is_file())
        .expect("an outlets file");
    crosscheck::corpus::Outlets::load(&file).expect("a valid outlets file")
}

/// One article of about `bytes` bytes of control, count and status sentences, every one a
/// claim (an article made to stress the per-article passes), written under `dir`; returns
/// its path. The outlets file [`outlets_of`] finds is beside it.
pub fn large_article(dir: &Path, rules: &RuleSet, bytes: usize) -> std::path::PathBuf {
    let d = domain(rules);
    let root = dir.join(format!("large-{bytes}"));
    std::fs::create_dir_all(&root).expect("a writable folder");
    write_outlets(&root, 1).expect("a writable folder");
    let mut s = String::from("---\noutlet: outlet-000\npublished: 2020-03-05\n---\n");
    let mut rng = Rng::new(7);
    while s.len() < bytes {
        let (_, place) = rng.pick(&d.places).clone();
        let (holder, _) = rng.pick(&d.controllers).clone();
        let _ = match rng.below(3) {
            0 => writeln!(s, "{place} is controlled by {holder} on 3 March 2020."),
            1 => writeln!(
                s,
                "At least {} civilians were killed in {place}, residents said.",
                rng.range(2, 900)
            ),
            _ => writeln!(s, "The {} is holding in {place}.", d.thing_word),
        };
    }
    let path = root.join("large.md");
    std::fs::write(&path, s).expect("a writable folder");
    path
}
