//! Claim frames: how trigger words in the text become claims of the four generic kinds the
//! engine understands (count, control, status, event-date). Read from `rules/frames/*.yaml`.
//!
//! Triggers are regular expressions matched case-insensitively as whole words. Control
//! patterns have slots: `{place} recaptured by {controller}`. A slot at the start of a pattern
//! is filled by the nearest mention of its kind just before the match, one at the end by the
//! nearest just after it, and one in the middle ("under {controller} control") by a mention
//! inside the words it spans.

use super::gazetteer::Gazetteer;
use crate::diagnostic::Diagnostic;
use crate::gated::{self, GatedRegex, GatedSet, SentenceGate};
use crate::pattern::PatternSource;
use crate::text::prefix_gate::PrefixGate;
use regex::RegexBuilder;
use serde::{Deserialize, Deserializer, de::Error as _};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// Canonical subject → head nouns that name it ("soldiers: [soldier, troops]").
    #[serde(default)]
    subjects: BTreeMap<String, Vec<PatternSource>>,
    #[serde(default)]
    counts: Vec<RawCount>,
    #[serde(default)]
    control: Vec<RawControl>,
    #[serde(default)]
    status: Vec<RawStatus>,
    #[serde(default)]
    events: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCount {
    id: String,
    measure: String,
    triggers: Vec<PatternSource>,
    /// Days before publication a claim with no date of its own covers.
    #[serde(default = "default_window")]
    window_days: u32,
    /// Most words between the number and its trigger.
    #[serde(default = "default_count_distance")]
    max_distance: usize,
    /// The subjects this measure can count (all when empty): tanks are destroyed, not
    /// killed, and only violations are "recorded" as violations.
    #[serde(default)]
    subjects: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawControl {
    change: Change,
    #[serde(default)]
    patterns: Vec<SlotPattern>,
    /// Verb lemmas, one per sense: "seize", "take over" (a particle), "take control" (an
    /// object noun, the place then in its `of`/`over` phrase).
    #[serde(default)]
    verbs: Vec<String>,
    /// Nouns of the same senses: "seizure" ("the seizure of X by Y").
    #[serde(default)]
    nouns: Vec<String>,
    /// Where the place is, first found first: subject, object, or a preposition.
    #[serde(default = "default_place_roles")]
    place: Vec<String>,
    /// Where the controller is: subject, object, or a preposition ("fell to").
    #[serde(default = "default_controller_roles")]
    controller: Vec<String>,
    /// An agentless claim ("X has been liberated", "X is ours") names the side of whoever
    /// says it: for verbs only the taker uses.
    #[serde(default)]
    speaker: bool,
    #[serde(default = "default_window")]
    window_days: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    id: String,
    /// A thing class (or thing id) whose status this frame reads.
    subject: String,
    statuses: BTreeMap<String, Vec<PatternSource>>,
    /// Words that take a status word for themselves ("talks on an accord failed"): when
    /// one stands between the subject and the status word, or just before the subject, the
    /// status is not the subject's.
    #[serde(default)]
    blockers: Vec<PatternSource>,
    #[serde(default = "default_window")]
    window_days: u32,
    /// Most words between the subject's mention and a status word.
    #[serde(default = "default_status_distance")]
    max_distance: usize,
    /// The status a negated status word says ("no violations were recorded": holding).
    /// A negated status word with no entry here makes no claim.
    #[serde(default)]
    negated: BTreeMap<String, String>,
    /// Words just before the subject that make it another, earlier or generic agreement
    /// ("previous accords", "an earlier accord"): no status is read for it.
    #[serde(default)]
    not_current: Vec<PatternSource>,
    /// Nouns just after the subject that it only qualifies ("accord talks collapsed"):
    /// the status is the noun's, not the subject's.
    #[serde(default)]
    heads: Vec<PatternSource>,
    /// Status name -> words that say it with no agreement named ("calm returned to the
    /// city"): read, in a sentence naming none, of the agreement the article last named.
    #[serde(default)]
    implicit: BTreeMap<String, Vec<PatternSource>>,
    /// Definite words that stand for an agreement already named ("the agreement"): in a
    /// sentence naming none, read as the one the article named last.
    #[serde(default)]
    anaphors: Vec<PatternSource>,
    /// Words for several agreements at once, by how many they name ("both deals": 2,
    /// "previous truces": 0 for every earlier one): a status word near them is read of each.
    #[serde(default)]
    plurals: BTreeMap<u32, Vec<PatternSource>>,
    /// Status words the agreement says of itself as a whole ("the truce put an end to the
    /// fighting"): told of it, after it, they cover the days since it began.
    #[serde(default)]
    since_start: Vec<PatternSource>,
    /// Words for fighting ("shelling", "strikes"): a status word that ties its sentence to
    /// the one before ("this happened after the signing of the truce") is read only when
    /// that one reports fighting.
    #[serde(default)]
    attacks: Vec<PatternSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    /// The event's name, as used in the gazetteer's `events:` (signed, in_force...).
    event: String,
    /// A thing class (or thing id); any named thing when absent.
    subject: Option<String>,
    triggers: Vec<PatternSource>,
    #[serde(default = "default_status_distance")]
    max_distance: usize,
}

fn default_place_roles() -> Vec<String> {
    vec!["object".into()]
}
fn default_controller_roles() -> Vec<String> {
    vec!["subject".into()]
}
fn default_window() -> u32 {
    7
}
fn default_count_distance() -> usize {
    20
}
fn default_status_distance() -> usize {
    10
}

/// How control changes hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Took the place ("captured", "recaptured", "liberated").
    Captured,
    /// Holds it ("controlled by", "stronghold of").
    Holds,
    /// Gave it up ("withdrew from", "ceded").
    Lost,
    /// Will hold it ("will be controlled by"); set by the extractor from future modality.
    Planned,
}

impl Change {
    /// The change as rule files and claims spell it.
    pub fn name(self) -> &'static str {
        match self {
            Change::Captured => "captured",
            Change::Holds => "holds",
            Change::Lost => "lost",
            Change::Planned => "planned",
        }
    }
}

/// A slot in a control pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Controller,
    Place,
}

/// A control pattern compiled: the regex for its literal part (inner slots are named groups
/// `controller` / `place`), and the slots to fill from before and after the match.
#[derive(Debug, Clone)]
pub struct SlotPattern {
    pub source: String,
    pub regex: GatedRegex,
    /// The pattern's rarest run of words between slots (see [`gate_of`]): text without a
    /// match for it cannot match the pattern, and it is far cheaper to search for than the
    /// whole with its slots. Searched for as part of [`Frames::control_gate`].
    pub gate: Option<PatternSource>,
    pub before: Option<Slot>,
    pub after: Option<Slot>,
}

impl SlotPattern {
    pub fn parse(source: &str) -> Result<SlotPattern, String> {
        // Literals and slots alternate: lit, slot, lit, slot, ..., lit.
        let mut literals: Vec<&str> = Vec::new();
        let mut slots: Vec<Slot> = Vec::new();
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("unclosed slot in `{source}`"))?
                + open;
            slots.push(match &rest[open + 1..close] {
                "controller" => Slot::Controller,
                "place" => Slot::Place,
                other => {
                    return Err(format!(
                        "unknown slot `{{{other}}}` in `{source}`; slots are {{controller}} and {{place}}"
                    ));
                }
            });
            literals.push(&rest[..open]);
            rest = &rest[close + 1..];
        }
        literals.push(rest);
        if !slots.contains(&Slot::Controller) || !slots.contains(&Slot::Place) {
            return Err(format!(
                "`{source}` needs both a {{controller}} and a {{place}} slot"
            ));
        }
        let before = (literals[0].trim().is_empty()).then(|| slots[0]);
        let after = (literals[literals.len() - 1].trim().is_empty()
            && (slots.len() > 1 || before.is_none()))
        .then(|| slots[slots.len() - 1]);
        let mut regex = String::new();
        for (i, lit) in literals.iter().enumerate() {
            regex.push_str(lit);
            let Some(&slot) = slots.get(i) else { break };
            let edge = (i == 0 && before.is_some()) || (i == slots.len() - 1 && after.is_some());
            if !edge {
                regex.push_str(match slot {
                    // A few words: anything but clause punctuation, kept small so the
                    // automaton stays within the size limit.
                    Slot::Controller => r"(?P<controller>[^\n,;:()]{1,40}?)",
                    Slot::Place => r"(?P<place>[^\n,;:()]{1,40}?)",
                });
            }
        }
        let regex = regex.trim().replace(' ', r"\s+");
        if regex.is_empty() {
            return Err(format!("`{source}` has no words besides its slots"));
        }
        // Word boundaries only where the words begin or end with a word character:
        // "{controller} stronghold, {place}" ends in a comma.
        let edge = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == ')');
        let lead = if edge(regex.chars().next()) || regex.starts_with('(') {
            r"\b"
        } else {
            ""
        };
        let tail = if edge(regex.chars().next_back()) {
            r"\b"
        } else {
            ""
        };
        let gate = gate_of(&literals);
        // The whole pattern only runs on sentences the gate picked.
        let whole = format!(r"{lead}(?:{regex}){tail}");
        let options = gated::Options {
            case_insensitive: true,
            size_limit: crate::pattern::SIZE_LIMIT,
            ..gated::Options::default()
        };
        match GatedRegex::new(&whole, options) {
            Ok(regex) => Ok(SlotPattern {
                source: source.to_string(),
                regex,
                gate,
                before,
                after,
            }),
            // The regex crate parses the same way and says why in fewer lines.
            Err(e) => Err(RegexBuilder::new(&whole)
                .case_insensitive(true)
                .size_limit(crate::pattern::SIZE_LIMIT)
                .build()
                .map_or_else(
                    |e| crate::pattern::describe(source, &e),
                    |_| format!("invalid regular expression `{source}`: {e}"),
                )),
        }
    }
}

impl<'de> Deserialize<'de> for SlotPattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        SlotPattern::parse(&s).map_err(D::Error::custom)
    }
}

#[derive(Debug, Clone)]
pub struct CountFrame {
    pub id: String,
    pub measure: String,
    pub trigger: GatedRegex,
    pub window_days: u32,
    pub max_distance: usize,
    /// The canonical subjects it counts; any when empty.
    pub subjects: Vec<String>,
}

impl CountFrame {
    /// Whether this measure can count `subject` ("tanks destroyed", never "tanks killed").
    pub fn counts(&self, subject: &str) -> bool {
        self.subjects.is_empty() || self.subjects.iter().any(|s| s == subject)
    }
}

#[derive(Debug, Clone)]
pub struct ControlFrame {
    pub change: Change,
    pub patterns: Vec<SlotPattern>,
    pub verbs: Vec<VerbSense>,
    pub nouns: Vec<String>,
    /// Roles the place and the controller fill, in the active voice, first found first.
    pub place_roles: Vec<String>,
    pub controller_roles: Vec<String>,
    /// See `RawControl::speaker`.
    pub speaker: bool,
    pub window_days: u32,
}

/// One verb sense of a frame: "take" alone, "take over" (a particle) or "take control" (an
/// object noun that carries the sense; the place is then in its `of` or `over` phrase).
#[derive(Debug, Clone, PartialEq)]
pub struct VerbSense {
    pub lemma: String,
    pub particle: Option<String>,
    pub object: Option<String>,
}

impl VerbSense {
    pub fn parse(s: &str) -> VerbSense {
        let mut words = s.split_whitespace();
        let lemma = words.next().unwrap_or_default().to_lowercase();
        let second = words.next().map(str::to_lowercase);
        let particle = second
            .clone()
            .filter(|w| ["over", "out", "back", "off", "up", "down", "away"].contains(&w.as_str()));
        let object = second.filter(|_| particle.is_none());
        VerbSense {
            lemma,
            particle,
            object,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StatusFrame {
    pub id: String,
    pub subject: String,
    /// Status name and the words that express it, by name.
    pub statuses: Vec<(String, GatedRegex)>,
    pub blockers: Option<GatedRegex>,
    pub window_days: u32,
    pub max_distance: usize,
    /// Status name → the status its negation says.
    pub negated: BTreeMap<String, String>,
    /// Words before the subject that make it another agreement than the current one.
    pub not_current: Option<GatedRegex>,
    /// Nouns just after the subject that take the status for themselves ("truce talks").
    pub heads: Option<GatedRegex>,
    /// Status name and the words that say it with no agreement named.
    pub implicit: Vec<(String, GatedRegex)>,
    /// Definite words standing for the agreement named last ("the agreement").
    pub anaphors: Option<GatedRegex>,
    /// Words for several agreements, by how many (0: every earlier one).
    pub plurals: Vec<(u32, GatedRegex)>,
    /// Status words said of the agreement as a whole, covering the days since it began.
    pub since_start: Option<GatedRegex>,
    /// Words for fighting, asked of the sentence a demonstrative status word points back to.
    pub attacks: Option<GatedRegex>,
    /// Where each of `statuses` may start in a sentence (see [`starts_of`]).
    pub status_starts: PrefixGate,
}

#[derive(Debug, Clone)]
pub struct EventFrame {
    pub id: String,
    pub event: String,
    pub subject: Option<String>,
    pub trigger: GatedRegex,
    pub max_distance: usize,
}

/// The gate of a slot pattern (see [`SlotPattern::gate`]): of the runs of words between
/// its slots, the one that matches the most characters at least, so the rarest in text
/// (", the" would let most sentences through where "stronghold" lets few). None when a run
/// is not a regex by itself (a group spans a slot): which runs every match holds is then
/// not known.
fn gate_of(literals: &[&str]) -> Option<PatternSource> {
    let mut best: Option<(usize, usize, String)> = None;
    for l in literals.iter().map(|l| l.trim()) {
        let gate = format!("(?:{})", l.replace(' ', r"\s+"));
        let hir = regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(&gate)
            .ok()?;
        let shortest = hir.properties().minimum_len().unwrap_or(0);
        if best
            .as_ref()
            .is_none_or(|b| (shortest, l.len()) > (b.0, b.1))
        {
            best = Some((shortest, l.len(), gate));
        }
    }
    PatternSource::new(&best?.2).ok()
}

/// All frames, compiled.
#[derive(Debug, Clone, Default)]
pub struct Frames {
    /// Canonical subject and the head nouns that name it.
    pub subjects: Vec<(String, GatedRegex)>,
    /// Which compiled frames these are, so that what a thread remembers of one set of
    /// frames (the subject of a word) is not taken for another's.
    pub instance: u64,
    pub counts: Vec<CountFrame>,
    pub control: Vec<ControlFrame>,
    pub status: Vec<StatusFrame>,
    pub events: Vec<EventFrame>,
    /// Every control pattern's gate in one regex: one search of the whole text picks the
    /// sentences any control pattern may match in (see [`SentenceGate`]), instead of one
    /// search a pattern and a sentence. `None` when a pattern has no gate or the union would
    /// not compile: then every sentence is tried.
    pub control_gate: Option<SentenceGate>,
    /// Every count frame's triggers in one set: one search of a sentence says which frames'
    /// triggers may be there, the others' are not looked for (a sentence with a number holds
    /// few of the many measures). A superset (see [`GatedSet::superset`]): on text beyond
    /// ASCII an exact set handed each search to a PikeVM. `None` when the set would not
    /// compile: then every frame is searched.
    pub count_set: Option<GatedSet>,
    /// Where each count frame's triggers may start in a sentence, from their prefix
    /// literals (see [`PrefixGate::starts`]): one SIMD search of the sentence, then the
    /// triggers are asked only there. Frames with no such places (and every frame, in a
    /// sentence that cannot be searched so) fall back on `count_set`.
    pub count_starts: PrefixGate,
}

/// Join trigger patterns into one case-insensitive whole-word regex.
/// Triggers only run in sentences that already hold what the frame is about, so they are
/// compiled without prefilters (see [`GatedRegex`]).
fn any_of(patterns: &[PatternSource]) -> Result<GatedRegex, String> {
    let body = patterns
        .iter()
        .map(|p| format!("(?:{})", p.as_str()))
        .collect::<Vec<_>>()
        .join("|");
    let options = gated::Options {
        case_insensitive: true,
        size_limit: crate::pattern::SIZE_LIMIT * 4,
        ..gated::Options::default()
    };
    let whole = format!(r"\b(?:{body})\b");
    GatedRegex::new(&whole, options).map_err(|e| match e.size_limit() {
        Some(limit) => crate::pattern::too_large(&whole, limit),
        None => format!("invalid regular expression `{whole}`: {e}"),
    })
}

impl Frames {
    /// Compile frame files. With no gazetteer (it failed to compile) references to it are
    /// not checked.
    pub fn compile(
        files: &[(PathBuf, String)],
        g: Option<&Gazetteer>,
    ) -> Result<Frames, Vec<Diagnostic>> {
        Frames::compile_layered(files, g, &super::Shadow::default())
    }

    /// As [`Frames::compile`], leaving out the frames and subjects later packs replace.
    pub(crate) fn compile_layered(
        files: &[(PathBuf, String)],
        g: Option<&Gazetteer>,
        shadow: &super::Shadow,
    ) -> Result<Frames, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut frames = Frames::default();
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        for (path, src) in files {
            let raw: RawFile = match super::parse_file(path, src) {
                Ok(r) => r,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            let mut check_id = |id: &str, errors: &mut Vec<Diagnostic>| {
                let n = ids.entry(id.to_string()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    errors.push(super::locate(
                        Diagnostic::error(path, format!("frame id `{id}` is defined twice")),
                        src,
                        "id",
                        id,
                        0,
                    ));
                }
            };
            let known_subject = |s: &str| {
                g.is_none_or(|g| {
                    g.classes.iter().any(|c| c.id == s) || g.things.iter().any(|t| t.id == s)
                })
            };
            // Each pattern was checked alone; together they can still be too large.
            let compile =
                |patterns: &[PatternSource], what: &str, id: &str, errors: &mut Vec<Diagnostic>| {
                    any_of(patterns).unwrap_or_else(|msg| {
                        let d = Diagnostic::error(path, format!("{what}: {msg}"));
                        errors.push(super::locate(d, src, "id", id, 0));
                        GatedRegex::built_in(r"[^\s\S]")
                    })
                };
            for (name, words) in raw.subjects {
                if shadow.hides(path, "subject", &name) {
                    continue;
                }
                let re = compile(&words, &format!("subject `{name}`"), "", &mut errors);
                frames.subjects.push((name, re));
            }
            for c in raw.counts {
                if shadow.hides(path, "frame", &c.id) {
                    continue;
                }
                check_id(&c.id, &mut errors);
                frames.counts.push(CountFrame {
                    trigger: compile(&c.triggers, "triggers", &c.id, &mut errors),
                    id: c.id,
                    measure: c.measure,
                    window_days: c.window_days,
                    max_distance: c.max_distance,
                    subjects: c.subjects,
                });
            }
            for c in raw.control {
                frames.control.push(ControlFrame {
                    change: c.change,
                    patterns: c.patterns,
                    verbs: c.verbs.iter().map(|v| VerbSense::parse(v)).collect(),
                    nouns: c.nouns.iter().map(|n| n.to_lowercase()).collect(),
                    place_roles: c.place,
                    controller_roles: c.controller,
                    speaker: c.speaker,
                    window_days: c.window_days,
                });
            }
            for (i, s) in raw.status.into_iter().enumerate() {
                if shadow.hides(path, "frame", &s.id) {
                    continue;
                }
                check_id(&s.id, &mut errors);
                if !known_subject(&s.subject) {
                    errors.push(super::locate(
                        Diagnostic::error(
                            path,
                            format!(
                                "status frame `{}` reads unknown subject `{}`",
                                s.id, s.subject
                            ),
                        )
                        .with_yaml_path(format!("status[{i}].subject"))
                        .with_help("the subject is a class or thing id from the gazetteer"),
                        src,
                        "subject",
                        &s.subject,
                        0,
                    ));
                }
                let statuses: Vec<(String, GatedRegex)> = s
                    .statuses
                    .iter()
                    .map(|(name, words)| {
                        let re = compile(words, &format!("status `{name}`"), &s.id, &mut errors);
                        (name.clone(), re)
                    })
                    .collect();
                let status_starts = starts_of(statuses.iter().map(|(_, re)| re));
                let blockers = (!s.blockers.is_empty())
                    .then(|| compile(&s.blockers, "blockers", &s.id, &mut errors));
                let not_current = (!s.not_current.is_empty())
                    .then(|| compile(&s.not_current, "not_current", &s.id, &mut errors));
                // Implicit status words, words for several agreements and anaphors are
                // searched for over whole texts.
                let anaphors = (!s.anaphors.is_empty()).then(|| {
                    compile(&s.anaphors, "anaphors", &s.id, &mut errors).over_whole_texts()
                });
                let plurals = s
                    .plurals
                    .iter()
                    .map(|(n, words)| {
                        (
                            *n,
                            compile(words, &format!("plurals `{n}`"), &s.id, &mut errors)
                                .over_whole_texts(),
                        )
                    })
                    .collect();
                let heads =
                    (!s.heads.is_empty()).then(|| compile(&s.heads, "heads", &s.id, &mut errors));
                let since_start = (!s.since_start.is_empty())
                    .then(|| compile(&s.since_start, "since_start", &s.id, &mut errors));
                let attacks = (!s.attacks.is_empty())
                    .then(|| compile(&s.attacks, "attacks", &s.id, &mut errors));
                let implicit = s
                    .implicit
                    .iter()
                    .map(|(name, words)| {
                        let what = format!("implicit status `{name}`");
                        let re = compile(words, &what, &s.id, &mut errors).over_whole_texts();
                        (name.clone(), re)
                    })
                    .collect();
                for (from, to) in &s.negated {
                    for name in [from, to] {
                        if !s.statuses.contains_key(name) {
                            errors.push(super::locate(
                                Diagnostic::error(
                                    path,
                                    format!(
                                        "status frame `{}` negates unknown status `{name}`",
                                        s.id
                                    ),
                                )
                                .with_yaml_path(format!("status[{i}].negated")),
                                src,
                                "negated",
                                "",
                                0,
                            ));
                        }
                    }
                }
                for name in s.implicit.keys().filter(|n| !s.statuses.contains_key(*n)) {
                    errors.push(super::locate(
                        Diagnostic::error(
                            path,
                            format!(
                                "status frame `{}` has implicit words for unknown status `{name}`",
                                s.id
                            ),
                        )
                        .with_yaml_path(format!("status[{i}].implicit")),
                        src,
                        "implicit",
                        "",
                        0,
                    ));
                }
                frames.status.push(StatusFrame {
                    blockers,
                    id: s.id,
                    subject: s.subject,
                    statuses,
                    window_days: s.window_days,
                    max_distance: s.max_distance,
                    negated: s.negated,
                    not_current,
                    heads,
                    status_starts,
                    implicit,
                    anaphors,
                    plurals,
                    since_start,
                    attacks,
                });
            }
            for (i, e) in raw.events.into_iter().enumerate() {
                if shadow.hides(path, "frame", &e.id) {
                    continue;
                }
                check_id(&e.id, &mut errors);
                if let Some(subject) = e.subject.as_deref().filter(|s| !known_subject(s)) {
                    errors.push(super::locate(
                        Diagnostic::error(
                            path,
                            format!("event frame `{}` reads unknown subject `{subject}`", e.id),
                        )
                        .with_yaml_path(format!("events[{i}].subject")),
                        src,
                        "subject",
                        subject,
                        0,
                    ));
                }
                frames.events.push(EventFrame {
                    trigger: compile(&e.triggers, "triggers", &e.id, &mut errors),
                    id: e.id,
                    event: e.event,
                    subject: e.subject,
                    max_distance: e.max_distance,
                });
            }
        }
        if errors.is_empty() {
            frames.control_gate = union_of_gates(&frames.control);
            frames.count_set = count_set(&frames.counts);
            frames.count_starts = starts_of(frames.counts.iter().map(|f| &f.trigger));
            frames.instance = super::memo::next_instance();
            Ok(frames)
        } else {
            Err(errors)
        }
    }
}

/// A gate that says where each of `regexes` may start (see [`PrefixGate::of_hirs`]); keys
/// of one byte (a comma, a digit) start too often to be worth it, and such a regex is
/// searched for as it is.
pub(crate) fn starts_of<'r>(regexes: impl Iterator<Item = &'r GatedRegex>) -> PrefixGate {
    let hirs: Vec<Option<regex_syntax::hir::Hir>> = regexes.map(GatedRegex::hir).collect();
    PrefixGate::of_hirs(hirs.iter().map(Option::as_ref), 2)
}

/// See [`Frames::count_set`].
fn count_set(counts: &[CountFrame]) -> Option<GatedSet> {
    if counts.is_empty() {
        return None;
    }
    let patterns: Vec<&str> = counts.iter().map(|f| f.trigger.as_str()).collect();
    let options = gated::Options {
        case_insensitive: true,
        size_limit: crate::pattern::SIZE_LIMIT * 4 * counts.len(),
        ..gated::Options::default()
    };
    GatedSet::superset(&patterns, options)
}

/// The alternation of the control patterns' gates and every form of the frames' verbs and
/// nouns (see [`Frames::control_gate`]).
fn union_of_gates(control: &[ControlFrame]) -> Option<SentenceGate> {
    let gates: Option<Vec<String>> = control
        .iter()
        .flat_map(|f| &f.patterns)
        .map(|p| p.gate.as_ref().map(|g| g.as_str().to_string()))
        .collect();
    let mut gates = gates?;
    let mut words: Vec<String> = Vec::new();
    for f in control {
        for v in &f.verbs {
            words.extend(crate::clause::lexicon::forms(&v.lemma));
        }
        for n in &f.nouns {
            words.push(n.clone());
            words.push(format!("{n}s"));
        }
        if f.speaker && f.change == Change::Holds {
            words.push("ours".into());
        }
    }
    words.sort();
    words.dedup();
    if !words.is_empty() {
        let words: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        // ASCII word boundaries: the lazy DFA handles them on any text, where Unicode ones
        // make it give up on the first non-ASCII byte.
        gates.push(format!(r"(?-u:\b)(?:{})(?-u:\b)", words.join("|")));
    }
    if gates.is_empty() {
        return None;
    }
    SentenceGate::new(&gates.join("|"), true, crate::pattern::SIZE_LIMIT * 4).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn control_gate(patterns: &[&str]) -> Option<regex::Regex> {
        let list = patterns
            .iter()
            .map(|p| format!("'{p}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let src = format!("control:\n  - change: captured\n    patterns: [{list}]\n");
        Frames::compile(&[(PathBuf::from("f.yaml"), src)], None)
            .unwrap()
            .control_gate
            .map(|g| g.regex().clone())
    }

    #[test]
    fn one_gate_finds_the_words_of_every_control_pattern() {
        let gate = control_gate(&[
            "{controller} (?:seized|overran) {place}",
            "{place} under the control of {controller}",
        ])
        .expect("a union of gates");
        for text in [
            "Rebels OVERRAN the town",
            "the town, under the\ncontrol of rebels",
        ] {
            assert!(gate.is_match(text), "{text}");
        }
        assert!(!gate.is_match("the town under control"));
        // The rarest words are the gate, not the longest pattern text: ", the (?:last )?"
        // is longer to write than "stronghold" but matches in most sentences.
        let p = SlotPattern::parse("{place}, the (?:last )?{controller} stronghold").unwrap();
        assert_eq!(
            p.gate.as_ref().map(PatternSource::as_str),
            Some("(?:stronghold)")
        );
        // The longest words of the second pattern are not a regex alone ("fell to)"): with
        // no gate for it, every sentence is tried.
        assert!(
            control_gate(&[
                "{controller} seized {place}",
                "{controller} (?:took|{place} fell to) {place}",
            ])
            .is_none()
        );
    }

    #[test]
    fn the_gate_finds_every_form_of_a_frames_verbs_and_nouns() {
        let src = "control:\n  - change: captured\n    verbs: [seize, 'take over']\n    nouns: [seizure]\n";
        let f = Frames::compile(&[(PathBuf::from("f.yaml"), src.into())], None).unwrap();
        let gate = f.control_gate.expect("a gate").regex().clone();
        for text in [
            "The port was Seized.",
            "after taking over",
            "the seizure of",
            "took the café",
        ] {
            assert!(gate.is_match(text), "{text}");
        }
        assert!(!gate.is_match("The port was shelled."));
        assert_eq!(
            f.control[0].verbs[1],
            VerbSense {
                lemma: "take".into(),
                particle: Some("over".into()),
                object: None
            }
        );
    }

    #[test]
    fn slots_at_the_edges_are_filled_from_around_the_match() {
        let p = SlotPattern::parse("{place} recaptured by {controller}").unwrap();
        assert_eq!(
            (p.before, p.after),
            (Some(Slot::Place), Some(Slot::Controller))
        );
        assert!(p.regex.is_match("towns recaptured by the army"));
        let m = p.regex.find("towns recaptured by the army").unwrap();
        assert_eq!(&"towns recaptured by the army"[m], "recaptured by");
    }

    #[test]
    fn inner_slots_are_captured() {
        let p = SlotPattern::parse("{place} under {controller} control").unwrap();
        assert_eq!((p.before, p.after), (Some(Slot::Place), None));
        let c = p.regex.captures("areas under rebel control along").unwrap();
        assert_eq!(c.name("controller").unwrap().as_str(), "rebel");
    }

    #[test]
    fn unknown_subjects_are_located() {
        let g = Gazetteer::compile(&[(
            PathBuf::from("g.yaml"),
            "classes:\n  - {id: pact, aliases: [pact]}\n".into(),
        )])
        .unwrap();
        let src =
            "status:\n  - id: s\n    subject: pakt\n    statuses:\n      holding: [holding]\n";
        let e = Frames::compile(&[(PathBuf::from("f.yaml"), src.into())], Some(&g)).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].line, e[0].yaml_path.as_deref()),
            (Some(3), Some("status[0].subject"))
        );
        assert!(e[0].message.contains("unknown subject `pakt`"));
        // Without a gazetteer the reference cannot be checked, and is not reported.
        assert!(Frames::compile(&[(PathBuf::from("f.yaml"), src.into())], None).is_ok());
    }

    #[test]
    fn triggers_too_large_together_are_located() {
        // Each trigger is only parsed alone; the frame's alternation is what compiles.
        let src = "counts:\n  - id: deaths\n    measure: killed\n    triggers: ['(\\w{500}){500}', killed]\n";
        let e = Frames::compile(&[(PathBuf::from("f.yaml"), src.into())], None).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(2));
        assert!(
            e[0].message.starts_with("triggers: regular expression"),
            "{}",
            e[0].message
        );
        assert!(e[0].message.contains("is too large"));
    }

    #[test]
    fn bad_patterns_are_explained() {
        assert!(
            SlotPattern::parse("{place} fell")
                .unwrap_err()
                .contains("needs both")
        );
        assert!(
            SlotPattern::parse("{town} fell to {controller}")
                .unwrap_err()
                .contains("unknown slot `{town}`")
        );
        assert!(
            SlotPattern::parse("{place} (fell to {controller}")
                .unwrap_err()
                .contains("invalid regular expression")
        );
    }
}
