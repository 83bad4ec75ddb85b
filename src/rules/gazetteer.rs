//! The gazetteer: actors, places and named things (agreements, operations), with
//! their aliases, read from `rules/gazetteer/*.yaml`.
//!
//! Aliases match first (case-insensitively, except all-capital acronyms such as "HNW", which
//! must match as written); transliteration variants not listed match by string similarity
//! above the file's threshold (see `annotate::mentions`). A generic word for a class of things
//! ("the accord") is resolved to a named thing by date: the thing of that class active on
//! the date the text speaks of.

use crate::calendar::{DayRange, parse_published};
use crate::diagnostic::Diagnostic;
use crate::text::phrases::PhraseSet;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    fuzzy: Option<RawFuzzy>,
    #[serde(default)]
    actors: Vec<RawActor>,
    #[serde(default)]
    places: Vec<RawPlace>,
    #[serde(default)]
    things: Vec<RawThing>,
    #[serde(default)]
    classes: Vec<RawClass>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFuzzy {
    /// Jaro-Winkler similarity a candidate needs to match an alias (0 to 1).
    threshold: f64,
    /// Aliases shorter than this never match fuzzily.
    #[serde(default = "default_min_length")]
    min_length: usize,
    /// Lower-case particles joined to a name that keep it a name ("al-" in "al-Bab").
    #[serde(default)]
    name_prefixes: Vec<NamePrefix>,
}

/// One of `fuzzy.name_prefixes`, checked while the YAML is read so a bad one is reported
/// with its line and column.
#[derive(Debug)]
struct NamePrefix(String);

impl<'de> Deserialize<'de> for NamePrefix {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let p = String::deserialize(d)?;
        if p.is_empty() || p.chars().any(char::is_whitespace) {
            return Err(serde::de::Error::custom(format!(
                "name prefix `{p}` must be a non-empty particle without spaces (such as `al-`)"
            )));
        }
        Ok(NamePrefix(p))
    }
}

fn default_min_length() -> usize {
    6
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: String,
    name: String,
    kind: Option<String>,
    side: Option<String>,
    #[serde(default)]
    part_of: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    id: String,
    name: String,
    kind: Option<String>,
    within: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThing {
    id: String,
    name: String,
    class: String,
    #[serde(default)]
    aliases: Vec<String>,
    /// When a bare class word ("the accord") means this thing: `from..to`.
    active: Option<String>,
    /// Dated events of the thing: `signed: 2020-03-05`, `in_force: 2020-03-06`.
    #[serde(default)]
    events: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    id: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub side: Option<String>,
    /// Broader actors this one belongs to (a faction within an opposition).
    pub part_of: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub within: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Thing {
    pub id: String,
    pub name: String,
    pub class: String,
    pub active: Option<DayRange>,
    pub events: BTreeMap<String, Date>,
}

#[derive(Debug, Clone)]
pub struct ThingClass {
    pub id: String,
}

/// What an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Actor(usize),
    Place(usize),
    Thing(usize),
    /// A generic class word, resolved to a thing by date.
    Class(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Fuzzy {
    pub threshold: f64,
    pub min_length: usize,
}

/// Particles written in lower case and joined to a name ("al-Bab", "d'Estaing"): a word
/// that starts with one and goes on capitalised is a name word, like a capitalised one.
/// Language data, so it lives with the gazetteer (`fuzzy.name_prefixes`).
#[derive(Debug, Clone)]
pub struct NamePrefixes {
    prefixes: Vec<String>,
    /// ASCII bytes some prefix starts with: other lower-case ASCII words need no look.
    heads: [bool; 128],
    /// The longest prefix, in bytes.
    longest: usize,
}

impl Default for NamePrefixes {
    fn default() -> NamePrefixes {
        NamePrefixes::new(&[])
    }
}

impl NamePrefixes {
    pub fn new(prefixes: &[String]) -> NamePrefixes {
        let mut heads = [false; 128];
        for p in prefixes {
            if let Some(&b) = p.as_bytes().first().filter(|b| b.is_ascii()) {
                heads[b as usize] = true;
            }
        }
        NamePrefixes {
            prefixes: prefixes.to_vec(),
            heads,
            longest: prefixes.iter().map(String::len).max().unwrap_or(0),
        }
    }

    /// Whether a name word can start with this byte (one beyond ASCII stands for its
    /// character): a capital, a prefix's first byte, or any character beyond ASCII.
    #[inline]
    pub fn may_begin(&self, b: u8) -> bool {
        b >= 0x80 || b.is_ascii_uppercase() || self.heads[usize::from(b)]
    }

    /// A name-like word: capitalised, or a prefix followed by a capital.
    #[inline]
    pub fn name_word(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            None => false,
            Some(b) if b.is_ascii_uppercase() => true,
            Some(&b) if b.is_ascii() => self.heads[b as usize] && self.prefixed(word),
            Some(_) => word.chars().next().is_some_and(char::is_uppercase) || self.prefixed(word),
        }
    }

    /// Whether a prefix is followed by a capital in `word`.
    fn prefixed(&self, word: &str) -> bool {
        // Most words starting like a prefix ("and", "at") have no capital where a prefix
        // could end: one look at their first bytes rules them out.
        let head = &word.as_bytes()[..word.len().min(self.longest + 1)];
        if !head.iter().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            return false;
        }
        self.prefixes
            .iter()
            .find_map(|p| word.strip_prefix(p.as_str()))
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    }
}

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub things: Vec<Thing>,
    pub classes: Vec<ThingClass>,
    pub fuzzy: Fuzzy,
    /// Aliases to find: in any case, and acronyms as written.
    pub(crate) matchers: PhraseSet,
    /// Alias (lowercase, or as written for acronyms) to what it names.
    /// Looked up for every alias found in every article: a fast hash, not a DoS-proof one
    /// (aliases come from the rules, never from articles).
    pub(crate) lookup: foldhash::HashMap<String, Vec<EntityRef>>,
    /// Aliases eligible for similarity matching, lowercase, sorted.
    pub(crate) fuzzy_aliases: Vec<FuzzyAlias>,
    pub(crate) name_prefixes: NamePrefixes,
    /// Which compiled gazetteer this is, so results cached against it (see
    /// `annotate::mentions`) are never used with another.
    pub(crate) instance: u64,
}

/// An alias compared by similarity, with its length in characters counted once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct FuzzyAlias {
    pub name: String,
    pub entity: EntityRef,
    pub chars: usize,
}

impl Gazetteer {
    pub fn id(&self, e: EntityRef) -> &str {
        match e {
            EntityRef::Actor(i) => &self.actors[i].id,
            EntityRef::Place(i) => &self.places[i].id,
            EntityRef::Thing(i) => &self.things[i].id,
            EntityRef::Class(i) => &self.classes[i].id,
        }
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The camp an actor belongs to: `part_of` climbed to the top, so a faction and its
    /// coalition are one side. Bounded, in case a gazetteer has a cycle.
    pub fn camp(&self, actor: &str) -> String {
        let mut current = actor.to_string();
        for _ in 0..16 {
            match self.actor(&current).and_then(|a| a.part_of.first()) {
                Some(parent) => current = parent.clone(),
                None => break,
            }
        }
        current
    }

    /// The side an actor fights on, for comparing controllers: the `side` the gazetteer
    /// gives it (or the nearest `part_of` ancestor with one), else the top of its `part_of`
    /// chain. Two allied armies with one `side` are one camp: "Eritrean troops took Shire"
    /// and "the federal army took Shire" agree.
    pub fn side_of(&self, actor: &str) -> String {
        let mut current = actor.to_string();
        for _ in 0..16 {
            let Some(a) = self.actor(&current) else { break };
            if let Some(side) = &a.side {
                return side.clone();
            }
            match a.part_of.first() {
                Some(parent) => current = parent.clone(),
                None => break,
            }
        }
        current
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn thing(&self, id: &str) -> Option<&Thing> {
        self.things.iter().find(|t| t.id == id)
    }

    /// The named thing a mention refers to, without looking its id up.
    pub fn thing_of(&self, r: EntityRef) -> Option<&Thing> {
        match r {
            EntityRef::Thing(i) => self.things.get(i),
            _ => None,
        }
    }

    /// Whether place `inner` is `outer` or lies within it (through `within` links).
    pub fn place_within(&self, inner: &str, outer: &str) -> bool {
        let mut current = Some(inner);
        let mut steps = 0;
        while let Some(id) = current {
            if id == outer {
                return true;
            }
            current = self.place(id).and_then(|p| p.within.as_deref());
            steps += 1;
            if steps > 32 {
                break;
            }
        }
        false
    }

    /// The named thing a generic class word means during `when`: the one active then (the
    /// latest to begin, when a switch falls inside `when`), or else the most recent one that
    /// began before it.
    pub fn resolve_class(&self, class: &str, when: DayRange) -> Option<usize> {
        let of_class = || {
            self.things
                .iter()
                .enumerate()
                .filter(|(_, t)| t.class == class)
        };
        if let Some((i, _)) = of_class()
            .filter(|(_, t)| t.active.is_some_and(|a| a.overlaps(&when)))
            .max_by_key(|(_, t)| t.active.map(|a| a.from))
        {
            return Some(i);
        }
        of_class()
            .filter(|(_, t)| t.active.is_some_and(|a| a.from <= when.to))
            .max_by_key(|(_, t)| t.active.map(|a| a.from))
            .map(|(i, _)| i)
    }

    /// Compile the gazetteer from `(path, source)` pairs, reporting every problem.
    pub fn compile(files: &[(PathBuf, String)]) -> Result<Gazetteer, Vec<Diagnostic>> {
        Gazetteer::compile_layered(files, &super::Shadow::default())
    }

    /// As [`Gazetteer::compile`], leaving out the entries later packs replace.
    pub(crate) fn compile_layered(
        files: &[(PathBuf, String)],
        shadow: &super::Shadow,
    ) -> Result<Gazetteer, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        for (path, src) in files {
            match super::parse_file::<RawFile>(path, src) {
                Ok(raw) => parsed.push((path, src, raw)),
                Err(d) => errors.push(d),
            }
        }

        let mut fuzzy = Fuzzy {
            threshold: 0.93,
            min_length: 6,
        };
        let mut name_prefixes = NamePrefixes::default();
        let mut actors = Vec::new();
        let mut places = Vec::new();
        let mut things = Vec::new();
        let mut classes = Vec::new();
        let mut aliases: Vec<(String, EntityRef)> = Vec::new();
        let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
        // Checks that need every file first: (path, src, what, id, reference, yaml path).
        let mut references = Vec::new();

        for (path, src, raw) in &parsed {
            // The ids' places, found in one pass when the first duplicate needs one (a pass
            // for each duplicate was quadratic in the file's size).
            let ids = std::cell::OnceCell::new();
            let dup = |kind: &'static str,
                       id: &str,
                       seen: &mut HashMap<(&'static str, String), usize>,
                       errors: &mut Vec<Diagnostic>| {
                let n = seen.entry((kind, id.to_string())).or_insert(0);
                *n += 1;
                if *n > 1 {
                    let d = Diagnostic::error(*path, format!("{kind} id `{id}` is defined twice"));
                    let index = ids.get_or_init(|| crate::yaml::key_value_index(src, "id"));
                    errors.push(match index.get(id).and_then(|at| at.get(*n - 1)) {
                        Some(&(line, col)) => d.at(line, col),
                        None => d,
                    });
                    true
                } else {
                    false
                }
            };
            if let Some(f) = &raw.fuzzy {
                if !(0.5..=1.0).contains(&f.threshold) {
                    errors.push(
                        Diagnostic::error(
                            *path,
                            format!("fuzzy threshold {} is outside 0.5..=1.0", f.threshold),
                        )
                        .with_yaml_path("fuzzy.threshold"),
                    );
                }
                fuzzy = Fuzzy {
                    threshold: f.threshold,
                    min_length: f.min_length,
                };
                let list: Vec<String> = f.name_prefixes.iter().map(|p| p.0.clone()).collect();
                name_prefixes = NamePrefixes::new(&list);
            }
            for (i, a) in raw.actors.iter().enumerate() {
                if shadow.hides(path, "actor", &a.id) || dup("actor", &a.id, &mut seen, &mut errors)
                {
                    continue;
                }
                for p in &a.part_of {
                    references.push((
                        *path,
                        *src,
                        "actor",
                        a.id.clone(),
                        p.clone(),
                        format!("actors[{i}].part_of"),
                    ));
                }
                let r = EntityRef::Actor(actors.len());
                aliases.extend(
                    std::iter::once(&a.name)
                        .chain(&a.aliases)
                        .map(|s| (s.clone(), r)),
                );
                actors.push(Actor {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: a.kind.clone(),
                    side: a.side.clone(),
                    part_of: a.part_of.clone(),
                });
            }
            for (i, p) in raw.places.iter().enumerate() {
                if shadow.hides(path, "place", &p.id) || dup("place", &p.id, &mut seen, &mut errors)
                {
                    continue;
                }
                if let Some(w) = &p.within {
                    references.push((
                        *path,
                        *src,
                        "place",
                        p.id.clone(),
                        w.clone(),
                        format!("places[{i}].within"),
                    ));
                }
                let r = EntityRef::Place(places.len());
                aliases.extend(
                    std::iter::once(&p.name)
                        .chain(&p.aliases)
                        .map(|s| (s.clone(), r)),
                );
                places.push(Place {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    kind: p.kind.clone(),
                    within: p.within.clone(),
                });
            }
            for c in &raw.classes {
                if shadow.hides(path, "class", &c.id) || dup("class", &c.id, &mut seen, &mut errors)
                {
                    continue;
                }
                let r = EntityRef::Class(classes.len());
                aliases.extend(c.aliases.iter().map(|s| (s.clone(), r)));
                classes.push(ThingClass { id: c.id.clone() });
            }
            for (i, t) in raw.things.iter().enumerate() {
                if shadow.hides(path, "thing", &t.id) || dup("thing", &t.id, &mut seen, &mut errors)
                {
                    continue;
                }
                references.push((
                    *path,
                    *src,
                    "class",
                    t.id.clone(),
                    t.class.clone(),
                    format!("things[{i}].class"),
                ));
                let active = match t.active.as_deref().map(parse_published) {
                    Some(Ok(r)) => Some(r),
                    Some(Err(e)) => {
                        errors.push(super::locate(
                            Diagnostic::error(*path, e.0)
                                .with_yaml_path(format!("things[{i}].active")),
                            src,
                            "id",
                            &t.id,
                            0,
                        ));
                        None
                    }
                    None => None,
                };
                let mut events = BTreeMap::new();
                for (event, date) in &t.events {
                    match date.parse::<Date>() {
                        Ok(d) => {
                            events.insert(event.clone(), d);
                        }
                        Err(_) => errors.push(
                            super::locate(
                                Diagnostic::error(
                                    *path,
                                    format!("event `{event}`: `{date}` is not a date (YYYY-MM-DD)"),
                                ),
                                src,
                                event,
                                date,
                                0,
                            )
                            .with_yaml_path(format!("things[{i}].events.{event}")),
                        ),
                    }
                }
                let r = EntityRef::Thing(things.len());
                aliases.extend(
                    std::iter::once(&t.name)
                        .chain(&t.aliases)
                        .map(|s| (s.clone(), r)),
                );
                things.push(Thing {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    class: t.class.clone(),
                    active,
                    events,
                });
            }
        }

        for (path, src, what, id, target, yaml_path) in references {
            let known = match what {
                "actor" => actors.iter().any(|a| a.id == target),
                "place" => places.iter().any(|p| p.id == target),
                _ => classes.iter().any(|c| c.id == target),
            };
            if !known {
                let d =
                    Diagnostic::error(path, format!("`{id}` refers to unknown {what} `{target}`"))
                        .with_yaml_path(yaml_path);
                let d = match what {
                    "actor" => {
                        d.with_help(suggestion(&target, actors.iter().map(|a| a.id.as_str())))
                    }
                    "place" => {
                        d.with_help(suggestion(&target, places.iter().map(|p| p.id.as_str())))
                    }
                    _ => d.with_help(suggestion(&target, classes.iter().map(|c| c.id.as_str()))),
                };
                errors.push(super::locate(d, src, "id", &id, 0));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let (matchers, lookup, fuzzy_aliases) = build_matchers(&aliases, fuzzy);
        Ok(Gazetteer {
            actors,
            places,
            things,
            classes,
            fuzzy,
            matchers,
            lookup,
            fuzzy_aliases,
            name_prefixes,
            instance: super::memo::next_instance(),
        })
    }
}

fn suggestion<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match crate::diagnostic::suggest(unknown, known) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "define it in a gazetteer file".to_string(),
    }
}

/// Aliases with no lowercase letter and at least two capitals are acronyms: matched as written.
pub(crate) fn is_acronym(alias: &str) -> bool {
    !alias.chars().any(char::is_lowercase)
        && alias.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// The same canonical form the analysed text uses (quotes, dashes, spaces).
pub(crate) fn canonical(alias: &str) -> String {
    let n = crate::text::normalize(alias, 0..alias.len(), &[]);
    n.text.split_whitespace().collect::<Vec<_>>().join(" ")
}

type Matchers = (
    PhraseSet,
    foldhash::HashMap<String, Vec<EntityRef>>,
    Vec<FuzzyAlias>,
);

fn build_matchers(aliases: &[(String, EntityRef)], fuzzy: Fuzzy) -> Matchers {
    let mut lookup: foldhash::HashMap<String, Vec<EntityRef>> = foldhash::HashMap::default();
    let mut insensitive: Vec<String> = Vec::new();
    let mut sensitive: Vec<String> = Vec::new();
    let mut fuzzy_aliases = Vec::new();
    for (alias, r) in aliases {
        let alias = canonical(alias);
        if alias.is_empty() {
            continue;
        }
        let key = if is_acronym(&alias) {
            alias.clone()
        } else {
            alias.to_lowercase()
        };
        let refs = lookup.entry(key).or_default();
        if refs.contains(r) {
            continue;
        }
        refs.push(*r);
        if is_acronym(&alias) {
            sensitive.push(alias.clone());
        } else {
            if alias.chars().count() >= fuzzy.min_length && !matches!(r, EntityRef::Class(_)) {
                let name = alias.to_lowercase();
                let chars = name.chars().count();
                fuzzy_aliases.push(FuzzyAlias {
                    name,
                    entity: *r,
                    chars,
                });
            }
            insensitive.push(alias);
        }
    }
    let dedup = |list: Vec<String>| -> Vec<String> {
        list.into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let matchers = PhraseSet::new(&dedup(insensitive), &dedup(sensitive));
    fuzzy_aliases.sort();
    (matchers, lookup, fuzzy_aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(src: &str) -> Result<Gazetteer, Vec<Diagnostic>> {
        Gazetteer::compile(&[(PathBuf::from("g.yaml"), src.to_string())])
    }

    const SAMPLE: &str = "
fuzzy: {threshold: 0.9}
actors:
  - {id: opposition, name: opposition, aliases: [rebels, rebel]}
  - {id: hnw, name: Hayat Nasr al-Wadi, part_of: [opposition], aliases: [HNW]}
places:
  - {id: karsk, name: Karsk, kind: country}
  - {id: varrow, name: Varrow, kind: province, within: karsk}
  - {id: dunmere, name: Dunmere, kind: town, within: varrow}
classes:
  - {id: accord, aliases: [accord, co-accord, pact]}
things:
  - {id: jan-pact, name: January pact, class: accord, active: 2020-01-12..2020-01-31}
  - {id: march-pact, name: Marrowvale protocol, class: accord, active: 2020-03-05..2020-06-30, events: {signed: 2020-03-05, in_force: 2020-03-06}}
";

    #[test]
    fn compiles_and_links() {
        let g = compile(SAMPLE).unwrap();
        assert!(g.place_within("dunmere", "karsk"));
        assert!(!g.place_within("karsk", "varrow"));
        assert_eq!(
            g.thing("march-pact").unwrap().events["in_force"].to_string(),
            "2020-03-06"
        );
    }

    #[test]
    fn class_words_resolve_by_date() {
        let g = compile(SAMPLE).unwrap();
        let id = |d: &str| {
            g.resolve_class("accord", DayRange::day(d.parse().unwrap()))
                .map(|i| g.things[i].id.clone())
        };
        assert_eq!(id("2020-01-19").as_deref(), Some("jan-pact"));
        assert_eq!(id("2020-03-12").as_deref(), Some("march-pact"));
        // After January's pact ended and before March's began, the latest one is meant.
        assert_eq!(id("2020-02-11").as_deref(), Some("jan-pact"));
        assert_eq!(id("2019-01-01"), None);
    }

    #[test]
    fn unknown_references_and_duplicates_are_located() {
        let e = compile("places:\n  - {id: a, name: A, within: krask}\n  - {id: karsk, name: Karsk}\n  - {id: a, name: A2}\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(
            e.iter()
                .any(|d| d.message.contains("defined twice") && d.line == Some(4))
        );
        let unknown = e
            .iter()
            .find(|d| d.message.contains("unknown place"))
            .unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `karsk`?"));
        assert_eq!(unknown.yaml_path.as_deref(), Some("places[0].within"));
    }

    #[test]
    fn an_empty_or_spaced_name_prefix_is_reported_where_it_is() {
        let e = compile("places: []\nfuzzy:\n  threshold: 0.9\n  name_prefixes: [al-, 'van ']\n")
            .unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].yaml_path.as_deref(), Some("fuzzy.name_prefixes[1]"));
        // The YAML layer points at the list; the path names the item.
        assert_eq!((e[0].line, e[0].column), (Some(4), Some(18)));
        assert!(e[0].message.contains("`van `"), "{}", e[0].message);
    }

    #[test]
    fn bad_dates_and_keys_are_reported() {
        let e = compile(
            "things:\n  - {id: t, name: T, class: c, active: soon}\nclasses:\n  - {id: c}\n",
        )
        .unwrap_err();
        assert!(e[0].message.contains("`soon` is not a date"), "{e:?}");
        let e = compile("actors:\n  - id: a\n    name: A\n    alias: [x]\n").unwrap_err();
        assert_eq!(e[0].message, "unknown key `alias`");
        assert_eq!(e[0].help.as_deref(), Some("did you mean `aliases`?"));
        assert_eq!(e[0].line, Some(4));
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        assert!(
            is_acronym("HNW") && is_acronym("U.N.") && !is_acronym("Varrow") && !is_acronym("A")
        );
    }
}
