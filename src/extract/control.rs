//! Control claims: who holds, took or gave up a place.
//!
//! Frames name verb lemmas and their nouns with the roles the place and the controller fill;
//! the clause layer ([`crate::clause`]) finds those roles in each sentence a frame's words
//! occur in, so one entry reads the active, the passive ("X was seized by Y"), the noun ("the
//! seizure of X"), lists of places and the "under Y control" family. A role only makes a
//! claim when it names a place: a gazetteer place, a place of the head noun's kind inside
//! one ("the airport in X"), the last place of that kind ("the town"), or unnamed ground
//! ("three towns"). Attempts, intents and negated verbs make no claim. Slot patterns from
//! older rule packs still run after.

use super::{Context, cover};
use crate::annotate::{Mention, MentionClass};
use crate::claims::{Claim, ClaimKind, TimeBasis};
use crate::clause::{Mood, Pos, Sentence, VerbGroup};
use crate::gated::GatedRegex;
use crate::rules::frames::{Change, Slot, SlotPattern};
use std::ops::Range;
use std::sync::LazyLock;

/// Most words between a slot's mention and the pattern's words.
const SLOT_REACH: usize = 6;
/// Most words between a change of control and the date that joins its words.
const OWN_DATE_WORDS: usize = 2;

/// Pronouns that stand for the previous sentence's subject.
static PRONOUN: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:it|its|they|their|he|his|she|her)\s*$"));

/// "the villages of Marat Makhus and Burayj": a named place the gazetteer does not know.
static NAMED_PLACE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"^\s*(?:the\s+)?(?:villages?|towns?|city|cities|district|area|region|hill|airport|base)\s+of\s+(?P<name>(?:[A-Z][\w'-]*)(?:\s+(?:al-|el-)?[A-Z][\w'-]*)*)",
    )
});

/// "the highway", "the province": the last place of that kind.
static PLACE_NOUN: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\bthe\s+(?:\w+\s+)?(?:part\s+of\s+the\s+)?(?P<noun>highway|road|province|governorate|town|city|village|region|base|country)\b",
    )
});

struct Filled {
    id: Option<String>,
    text: String,
    span: Range<usize>,
}

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let mut found: Vec<Claim> = Vec::new();
    let sentences = &ctx.doc.sentences;
    // A pattern only runs on one sentence at a time, and its match there holds a match of
    // its gate (its rarest words) in that same sentence: the sentences all patterns' gates
    // match in are the few worth trying each pattern on.
    let hit = match &ctx.rules.frames.control_gate {
        Some(gate) => gate.sentences(text, sentences),
        None => vec![true; sentences.len()],
    };
    extract_clauses(ctx, &hit, &mut found);
    for frame in &ctx.rules.frames.control {
        for pattern in &frame.patterns {
            for (sentence, _) in sentences.iter().zip(&hit).filter(|(_, h)| **h) {
                let s = &text[sentence.clone()];
                for caps in pattern.regex.captures_iter(s) {
                    let whole = caps.get(0).expect("whole match");
                    let m = sentence.start + whole.start()..sentence.start + whole.end();
                    let group = |name: &str| {
                        caps.name(name)
                            .map(|g| sentence.start + g.start()..sentence.start + g.end())
                    };
                    let controller = fill(
                        ctx,
                        sentence,
                        &m,
                        pattern,
                        Slot::Controller,
                        group("controller"),
                    );
                    let place = fill(ctx, sentence, &m, pattern, Slot::Place, group("place"));
                    let (Some(controller), Some(place)) = (controller, place) else {
                        continue;
                    };
                    let Some(controller_id) = controller.id.clone() else {
                        continue;
                    };
                    let span = cover(&cover(&m, &controller.span), &place.span);
                    let modality = ctx.modality(sentence, &m, &span);
                    let change = if modality.planned && frame.change != Change::Lost {
                        Change::Planned
                    } else {
                        frame.change
                    };
                    let (when, basis) = ctx.when(sentence, &m, frame.window_days, None);
                    found.push(Claim {
                        kind: ClaimKind::Control {
                            place: place.id.clone(),
                            place_text: place.text.clone(),
                            controller: controller_id,
                            controller_text: controller.text,
                            change,
                        },
                        frame: format!("control-{}", frame.change.name()),
                        span,
                        sentence: sentence.clone(),
                        when,
                        time_basis: basis,
                        place: place.id,
                        modality,
                    });
                }
            }
        }
    }
    // Two patterns can read the same words: keep one claim per (controller, place) there.
    // In start order, a claim overlaps an earlier kept one of its key exactly when it starts
    // before the furthest end kept for that key: one look-up a claim, not a pass over all
    // the claims before it (an article of 100,000 control sentences took minutes).
    found.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    let mut kept_end: foldhash::HashMap<(Option<String>, String), usize> = Default::default();
    for c in found {
        let ClaimKind::Control {
            place, controller, ..
        } = &c.kind
        else {
            continue;
        };
        let key = (place.clone(), controller.clone());
        let end = kept_end.entry(key).or_insert(0);
        if c.span.start < *end {
            continue;
        }
        *end = (*end).max(c.span.end);
        out.push(c);
    }
}

fn class_of(slot: Slot) -> MentionClass {
    match slot {
        Slot::Controller => MentionClass::Actor,
        Slot::Place => MentionClass::Place,
    }
}

fn filled(m: &Mention, text: &str) -> Filled {
    Filled {
        id: Some(m.entity.clone()),
        text: text[m.span.clone()].to_string(),
        span: m.span.clone(),
    }
}

/// Fill one slot from inside its group, or from just before or after the match.
fn fill(
    ctx: &Context,
    sentence: &Range<usize>,
    m: &Range<usize>,
    pattern: &SlotPattern,
    slot: Slot,
    group: Option<Range<usize>>,
) -> Option<Filled> {
    let text = ctx.text();
    let class = class_of(slot);
    if let Some(g) = group {
        let inside = ctx
            .mentions_in(g.clone(), class)
            .max_by_key(|x| x.span.len());
        return Some(match inside {
            Some(x) => filled(x, text),
            None => Filled {
                id: None,
                text: text[g.clone()].trim().to_string(),
                span: g,
            },
        });
    }
    if pattern.before == Some(slot) {
        let before = sentence.start..m.start;
        // A pronoun right before the words stands for the previous sentence's subject.
        if slot == Slot::Controller && PRONOUN.is_match(&text[before.clone()]) {
            let nearest = ctx
                .mentions_in(before.clone(), class)
                .filter(|x| ctx.words_between(&x.span, m) <= 1)
                .last();
            if nearest.is_none() {
                let p = PRONOUN.find(&text[before.clone()]).expect("matched above");
                let pron = before.start + p.start..before.start + p.end;
                return ctx.previous_subject(m.start).map(|x| Filled {
                    id: Some(x.entity.clone()),
                    text: format!("{} ({})", text[pron.clone()].trim(), &text[x.span.clone()]),
                    span: pron,
                });
            }
        }
        let near = ctx
            .mentions_in(before.clone(), class)
            .filter(|x| ctx.words_between(&x.span, m) <= SLOT_REACH)
            .last();
        if let Some(x) = near {
            return Some(filled(x, text));
        }
        if slot == Slot::Place {
            // "towns and villages recently recaptured by ...": keep the words, no place id.
            let from = super::modality::words_back(text, before.start, before.end, 4);
            let words = text[from..before.end].trim().to_string();
            return anaphoric_place(ctx, before.clone()).or(Some(Filled {
                id: None,
                text: words,
                span: from..before.end,
            }));
        }
        return None;
    }
    if pattern.after == Some(slot) {
        let after = m.end..sentence.end;
        let near = ctx
            .mentions_in(after.clone(), class)
            .find(|x| ctx.words_between(m, &x.span) <= SLOT_REACH);
        if let Some(x) = near {
            return Some(filled(x, text));
        }
        if slot == Slot::Place {
            if let Some(c) = NAMED_PLACE.captures(&text[after.clone()]) {
                let name = c.name("name").expect("group");
                let span = after.start + name.start()..after.start + name.end();
                let first = name
                    .as_str()
                    .split(" and ")
                    .next()
                    .unwrap_or(name.as_str())
                    .trim()
                    .to_string();
                return Some(Filled {
                    id: Some(slug(&first)),
                    text: name.as_str().to_string(),
                    span,
                });
            }
            let words: String = text[after.clone()]
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            // The end of those words in the text itself (spacing there may differ).
            let reach = text[after.clone()]
                .split_whitespace()
                .take(4)
                .last()
                .map_or(0, |w| {
                    w.as_ptr() as usize - text[after.clone()].as_ptr() as usize + w.len()
                });
            return anaphoric_place(ctx, after.start..after.start + reach).or(Some(Filled {
                id: None,
                text: words,
                span: after.start..after.start,
            }));
        }
    }
    None
}

/// "the highway", "the northern province": the last place of that kind mentioned before.
fn anaphoric_place(ctx: &Context, region: Range<usize>) -> Option<Filled> {
    let text = ctx.text();
    let c = PLACE_NOUN.captures_iter(&text[region.clone()]).last()?;
    let noun = c.name("noun")?.as_str().to_lowercase();
    let whole = c.get(0)?;
    let span = region.start + whole.start()..region.start + whole.end();
    let g = &ctx.rules.gazetteer;
    let kind_matches = |kind: Option<&str>| match noun.as_str() {
        "highway" | "road" => kind == Some("road"),
        "province" | "governorate" => kind == Some("province"),
        "region" => matches!(kind, Some("region" | "province")),
        "town" | "village" => matches!(kind, Some("town" | "village")),
        other => kind == Some(other),
    };
    let before = ctx
        .ann
        .mentions
        .partition_point(|m| m.span.start < span.start);
    let prior = ctx.ann.mentions[..before]
        .iter()
        .rev()
        .filter(|m| m.class == MentionClass::Place && m.span.end <= span.start)
        .find(|m| kind_matches(g.place(&m.entity).and_then(|p| p.kind.as_deref())))?;
    Some(Filled {
        id: Some(prior.entity.clone()),
        text: format!("{} ({})", &text[span.clone()], &text[prior.span.clone()]),
        span,
    })
}

/// An id for a place the gazetteer does not know: "Marat Makhus" → "marat-makhus".
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Compile this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    for re in [&PRONOUN, &NAMED_PLACE, &PLACE_NOUN] {
        LazyLock::force(re);
    }
    LazyLock::force(&PLACE_WORDS);
}

/// Verbs whose subject is the source of a report: a pronoun subject in what they report
/// ("the guards said they had taken the port") stands for their subject.
const SPEECH: &[&str] = &[
    "say",
    "announce",
    "claim",
    "state",
    "tell",
    "report",
    "confirm",
    "admit",
    "add",
    "declare",
    "tweet",
    "write",
    "acknowledge",
    "insist",
    "assert",
    "allege",
];

/// Head nouns that name a place without naming which: "three towns", "the region".
const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "settlement",
    "territory",
    "area",
    "region",
    "district",
    "province",
    "base",
    "airport",
    "position",
    "hill",
    "height",
    "locality",
    "neighbourhood",
    "neighborhood",
    "stronghold",
    "enclave",
    "zone",
    "capital",
    "part",
    "land",
    "airbase",
    "airfield",
    "camp",
    "palace",
    "complex",
    "facility",
    "headquarters",
    "garrison",
    "outpost",
    "highway",
    "road",
    "side",
    "corridor",
    "front",
    "countryside",
];

/// [`PLACE_NOUNS`] and their plurals, to pass over sentences that name no place.
static PLACE_WORDS: LazyLock<crate::text::wordset::WordSet> = LazyLock::new(|| {
    let plurals: Vec<String> = PLACE_NOUNS
        .iter()
        .flat_map(|w| {
            let stem = w.strip_suffix('y').map(|s| format!("{s}ies"));
            [Some(format!("{w}s")), stem]
        })
        .flatten()
        .collect();
    crate::text::wordset::WordSet::new(
        PLACE_NOUNS
            .iter()
            .copied()
            .chain(plurals.iter().map(String::as_str))
            .chain(["residence", "residences", "building", "buildings"]),
    )
});

/// Place kinds a head noun names, for the gazetteer place of that kind inside a named one
/// ("the airport in Dunmore").
fn kind_fits(head: &str, kind: Option<&str>) -> bool {
    let Some(kind) = kind else { return false };
    match head {
        "airport" | "airbase" | "airfield" | "base" => matches!(kind, "airport" | "base"),
        "palace" | "residence" | "building" | "headquarters" => {
            matches!(kind, "building" | "base")
        }
        "complex" => matches!(kind, "base" | "building"),
        "facility" => matches!(kind, "base" | "building" | "airport" | "facility"),
        other => kind == other,
    }
}

/// Whether a place item is every one of its kind: "all bases", "every airport", or the
/// second item of "all bases and airports". A name or a number in the item is not.
fn plural_class(t: &[crate::clause::Token], item: &Range<usize>, head: Option<usize>) -> bool {
    let Some(head) = head else { return false };
    let quantifier = |k: usize| matches!(t[k].lower.as_str(), "all" | "every");
    if (item.start..head).any(|k| matches!(t[k].pos, Pos::Name | Pos::Num | Pos::Poss)) {
        return false;
    }
    if quantifier(item.start) {
        return true;
    }
    // Back over the list the item ends: "all bases and airports".
    let mut k = item.start;
    for _ in 0..6 {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        k = prev;
        match t[k].pos {
            _ if quantifier(k) => return true,
            Pos::Noun | Pos::Adj | Pos::Det | Pos::Punct | Pos::Conj => {}
            _ => return false,
        }
    }
    false
}

/// A verb group or a noun that reads as one frame entry.
struct Reading<'f> {
    frame: &'f crate::rules::frames::ControlFrame,
    /// The token that carries the sense (verb head or noun).
    trigger: usize,
    place: Vec<Range<usize>>,
    controller: Option<Filled>,
    /// Further controllers a list names beside `controller` ("both A and B hold X").
    others: Vec<Filled>,
    /// Words of the frame (verb group or noun), in tokens.
    words: Range<usize>,
    planned: bool,
    conditional: bool,
}

/// Control claims from the clause layer: frames' verbs and nouns with their roles.
pub(super) fn extract_clauses(ctx: &Context, hit: &[bool], out: &mut Vec<Claim>) {
    let frames = &ctx.rules.frames.control;
    if frames
        .iter()
        .all(|f| f.verbs.is_empty() && f.nouns.is_empty())
    {
        return;
    }
    let text = ctx.text();
    let mut found: Vec<Claim> = Vec::new();
    for (sentence, _) in ctx.doc.sentences.iter().zip(hit).filter(|(_, h)| **h) {
        // A claim needs a place: a gazetteer place or a place noun in the sentence. Most
        // sentences with a frame word ("took", "held") have neither and are not parsed.
        if ctx
            .mentions_in(sentence.clone(), MentionClass::Place)
            .next()
            .is_none()
            && !PLACE_WORDS.any_word_in(&text[sentence.clone()])
        {
            continue;
        }
        let names: Vec<Range<usize>> = ctx
            .mentions_in(sentence.clone(), MentionClass::Actor)
            .chain(ctx.mentions_in(sentence.clone(), MentionClass::Place))
            .map(|m| m.span.clone())
            .collect();
        let s = Sentence::parse(text, sentence.clone(), &names);
        let groups = s.verb_groups();
        let mut readings: Vec<Reading> = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            if group.negated || matches!(group.mood, Mood::Attempt | Mood::Intent) {
                continue;
            }
            let head = &s.tokens[group.head];
            for frame in frames {
                for sense in frame.verbs.iter().filter(|v| v.lemma == head.lemma) {
                    if let Some(r) = read_verb(ctx, &s, &groups, g, frame, sense) {
                        readings.push(r);
                    }
                }
            }
        }
        for (i, tok) in s.tokens.iter().enumerate() {
            // "X is ours": the speaker's side holds X.
            if tok.lower == "ours"
                && i >= 2
                && s.tokens[i - 1].lemma == "be"
                && let Some(frame) = frames
                    .iter()
                    .find(|f| f.speaker && f.change == Change::Holds)
                && let Some(subject) = s.noun_group_before(i - 1)
            {
                readings.push(Reading {
                    frame,
                    trigger: i,
                    place: vec![subject],
                    controller: speaker(ctx, &s, i),
                    others: Vec::new(),
                    words: i - 1..i + 1,
                    planned: false,
                    conditional: false,
                });
            }
            // Only a hyphenated word is a compound ("rebel-held"): the others skip the
            // frames' look at it.
            let hyphenated = tok.lower.contains('-');
            for frame in frames {
                if tok.pos == Pos::Noun && frame.nouns.contains(&tok.lemma) {
                    readings.extend(read_noun(ctx, &s, &groups, i, frame));
                }
                if hyphenated && let Some(r) = read_compound(ctx, &s, i, frame) {
                    readings.push(r);
                }
            }
        }
        for r in readings {
            // A loss yet to come is no change of hands; a future capture or hold is planned.
            if r.planned && r.frame.change == Change::Lost {
                continue;
            }
            // "the capture of X signals...": a nominal with no agent names the event told
            // before in the article, and its side: the last claim of that change on X.
            let told = if r.controller.is_none()
                && s.tokens[r.trigger].pos == Pos::Noun
                && matches!(r.frame.change, Change::Captured | Change::Lost)
                && let [item] = r.place.as_slice()
                && let [place] = places_of(ctx, &s, item).as_slice()
                && place.id.is_some()
            {
                found.iter().rev().find_map(|c| match &c.kind {
                    ClaimKind::Control {
                        place: p,
                        controller,
                        controller_text,
                        change,
                        ..
                    } if *p == place.id && *change == r.frame.change => Some(Filled {
                        id: Some(controller.clone()),
                        text: controller_text.clone(),
                        span: c.span.clone(),
                    }),
                    _ => None,
                })
            } else {
                None
            };
            let Some(first) = r.controller.as_ref().or(told.as_ref()) else {
                continue;
            };
            for controller in std::iter::once(first).chain(&r.others) {
                let Some(controller_id) = controller.id.clone() else {
                    continue;
                };
                // A person who leaves a town gives up no ground.
                let person = ctx
                    .rules
                    .gazetteer
                    .actor(&controller_id)
                    .and_then(|a| a.kind.as_deref())
                    .is_some_and(|k| k == "person");
                if person && r.frame.change == Change::Lost {
                    continue;
                }
                let trigger = s.bytes(&r.words);
                for item in &r.place {
                    for place in places_of(ctx, &s, item) {
                        // The claim's words: the verb or noun, its place and, in the same
                        // sentence, its controller.
                        let mut span = cover(&trigger, &place.span);
                        if sentence.start <= controller.span.start
                            && controller.span.end <= sentence.end
                        {
                            span = cover(&span, &controller.span);
                        }
                        let mut modality = ctx.modality(sentence, &trigger, &span);
                        modality.conditional |= r.conditional;
                        let change =
                            if (r.planned || modality.planned) && r.frame.change != Change::Lost {
                                Change::Planned
                            } else {
                                r.frame.change
                            };
                        let (when, basis) = ctx.when(sentence, &trigger, r.frame.window_days, None);
                        // A change dated by its own words takes them in: "captured the town on
                        // Tuesday" is the claim a reader checks the day of.
                        if basis == TimeBasis::Text
                            && r.frame.change != Change::Holds
                            && let Some(date) = ctx.date_words(sentence, &trigger)
                            && ctx.words_between(&date, &span) <= OWN_DATE_WORDS
                        {
                            span = cover(&span, &date);
                        }
                        found.push(Claim {
                            kind: ClaimKind::Control {
                                place: place.id.clone(),
                                place_text: place.text.clone(),
                                controller: controller_id.clone(),
                                controller_text: controller.text.clone(),
                                change,
                            },
                            frame: format!(
                                "control-{}:{}",
                                r.frame.change.name(),
                                s.tokens[r.trigger].lemma
                            ),
                            span,
                            sentence: sentence.clone(),
                            when,
                            time_basis: basis,
                            place: place.id,
                            modality,
                        });
                    }
                }
            }
        }
    }
    // One claim per place, controller and change in overlapping words ("the capture of X"
    // inside "announced the capture of X"): the first words that say it.
    found.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    // Overlapping words are in one sentence: the claims said so far are looked up by their
    // sentence and reading, not scanned whole for each new claim (quadratic in an article
    // of thousands of control sentences).
    type Said = (usize, String, &'static str, Option<String>, Option<String>);
    let reading = |c: &Claim| -> Option<Said> {
        let ClaimKind::Control {
            place,
            place_text,
            controller,
            change,
            ..
        } = &c.kind
        else {
            return None;
        };
        // Unnamed places are told apart by their words.
        let words = place.is_none().then(|| place_text.clone());
        Some((
            c.sentence.start,
            controller.clone(),
            change.name(),
            place.clone(),
            words,
        ))
    };
    let mut said: foldhash::HashMap<Said, Vec<Range<usize>>> = Default::default();
    for o in out.iter() {
        if let Some(key) = reading(o) {
            said.entry(key).or_default().push(o.span.clone());
        }
    }
    for c in found {
        let Some(key) = reading(&c) else {
            continue;
        };
        let spans = said.entry(key).or_default();
        if spans
            .iter()
            .any(|o| o.start < c.span.end && c.span.start < o.end)
        {
            continue;
        }
        spans.push(c.span.clone());
        out.push(c);
    }
}

/// The roles of one verb group read as `sense` of `frame`.
fn read_verb<'f>(
    ctx: &Context<'f>,
    s: &Sentence,
    groups: &[VerbGroup],
    g: usize,
    frame: &'f crate::rules::frames::ControlFrame,
    sense: &crate::rules::frames::VerbSense,
) -> Option<Reading<'f>> {
    let group = &groups[g];
    let mut after = group.head + 1;
    if let Some(p) = &sense.particle {
        if s.tokens.get(after).is_some_and(|w| w.lower == *p) {
            after += 1;
        } else {
            return None;
        }
    }
    // "take control of X": the object is the sense's noun, the place in its phrase.
    let mut place_roles: Vec<String> = frame.place_roles.clone();
    if let Some(noun) = &sense.object {
        let obj = s.object(group, sense.particle.as_deref())?;
        if s.tokens[obj.head].lemma != *noun {
            return None;
        }
        after = obj.head + 1;
        place_roles = vec!["of".into(), "over".into()];
    }
    let role = |name: &str| -> Option<Vec<Range<usize>>> {
        // In the passive, the object is the subject and the subject the `by` agent.
        let name = match (group.passive, name) {
            (true, "object") => "subject",
            (true, "subject") => "by",
            (_, n) => n,
        };
        match name {
            "subject" => s.subject(groups, g).map(|r| subject_items(s, r)),
            "object" if sense.object.is_none() => s
                .object(group, sense.particle.as_deref())
                .map(|n| n.items)
                .or_else(|| s.relative_object(group).map(|r| vec![r])),
            "object" => None,
            prep => s.prep_object(after, prep).map(|n| n.items),
        }
    };
    // "hold X responsible", "left X devastated": an object with a complement is no place.
    if let Some(o) = s.object(group, sense.particle.as_deref())
        && s.tokens
            .get(o.tokens.end)
            .is_some_and(|w| w.pos == Pos::Adj)
    {
        return None;
    }
    let mut place = frame
        .place_roles
        .iter()
        .chain(&place_roles)
        .filter(|r| sense.object.is_none() || place_roles.contains(r))
        .find_map(|r| role(r))?;
    // "have been liberated - A, B and C": a list after a dash names the subject's places.
    if group.passive {
        let t = &s.tokens;
        let mut k = group.head + 1;
        while k < t.len() && !matches!(t[k].pos, Pos::Verb | Pos::Aux | Pos::Modal | Pos::Rel) {
            if t[k].lower == "-" {
                if let Some(n) = s.noun_group_at(k + 1).filter(|n| n.items.len() > 1) {
                    place = n.items;
                }
                break;
            }
            if matches!(t[k].lower.as_str(), "," | ";" | ":") {
                break;
            }
            k += 1;
        }
    }
    // "seized eight towns, including A and B": the places named.
    if let Some(last) = place.last() {
        let mut k = last.end;
        if s.tokens.get(k).is_some_and(|w| w.lower == ",") {
            k += 1;
        }
        if s.tokens.get(k).is_some_and(|w| w.lower == "including")
            && let Some(n) = s.noun_group_at(k + 1)
        {
            place = n.items;
        }
    }
    // "both A and B claim to hold X": each item of a list names a controller of its own.
    let mut others: Vec<Filled> = Vec::new();
    let mut controller = frame.controller_roles.iter().find_map(|r| {
        let items = role(r)?;
        let whole = items.first()?.start..items.last()?.end;
        let c = controller_in(ctx, s, groups, g, whole)?;
        // "Northern and Southern forces", "the joint Northern and Southern troops": the
        // words before a head the last item shares with the others (no determiner of its
        // own) name one force, which the frame's reading already names.
        let last = items.last()?;
        let shared_head = last.len() >= 2
            && !matches!(s.tokens[last.start].pos, Pos::Det | Pos::Poss | Pos::Pron)
            && !crate::clause::lexicon::is_determiner(&s.tokens[last.start].lower)
            && !crate::clause::lexicon::is_pronoun(&s.tokens[last.start].lower)
            && ctx.text()[s.tokens[last.end - 1].span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        for i in items.iter().filter(|_| items.len() > 1 && !shared_head) {
            if let Some(m) = actors_in(ctx, s.bytes(i)).last()
                && Some(&m.entity) != c.id.as_ref()
                && !others.iter().any(|o| o.id.as_ref() == Some(&m.entity))
            {
                others.push(filled(m, ctx.text()));
            }
        }
        Some(c)
    });
    // "X has been liberated", said by one side: that side took it.
    if controller.is_none() && group.passive && frame.speaker {
        controller = speaker(ctx, s, group.head);
    }
    // "after taking X": a gerund with no subject of its own is the sentence's first actor's.
    if controller.is_none()
        && !group.passive
        && s.tokens[group.head].inflection == crate::clause::lexicon::Inflection::Gerund
        && group.tokens.start > 0
        && matches!(s.tokens[group.tokens.start - 1].pos, Pos::Prep | Pos::Sub)
    {
        // "Y's claims of taking X": the noun's possessor; else the first actor.
        let prep = group.tokens.start - 1;
        let owner = s
            .noun_group_before(prep)
            .and_then(|n| actors_in(ctx, s.bytes(&n)).last());
        let upto = s.tokens[group.tokens.start].span.start;
        controller = owner
            .or_else(|| actors_in(ctx, s.tokens[0].span.start..upto).next())
            .map(|m| filled(m, ctx.text()));
    }
    // "the base, previously occupied by Y", "X formerly held": Y no longer holds it.
    let t = &s.tokens;
    let formerly = (group.tokens.start.saturating_sub(1)..group.head)
        .any(|k| matches!(t[k].lower.as_str(), "previously" | "formerly"));
    let frame = if formerly && frame.change != Change::Lost {
        lost_frame(ctx.rules)?
    } else {
        frame
    };
    Some(Reading {
        frame,
        trigger: group.head,
        place,
        controller,
        others,
        words: group.tokens.start..after,
        planned: group.mood == Mood::Future,
        conditional: group.mood == Mood::Conditional,
    })
}

/// A subject's items: a list ("A, B and C have been taken") or the group itself.
fn subject_items(s: &Sentence, r: Range<usize>) -> Vec<Range<usize>> {
    // The subject found backwards may be the tail of a list: read it forwards from the
    // list's start when a list leads up to it.
    let mut start = r.start;
    let t = &s.tokens;
    while start >= 2 && matches!(t[start - 1].lower.as_str(), "," | "and" | "or") {
        let Some(prev) = s.group_before(start - 1, false) else {
            break;
        };
        if matches!(t[prev.start].pos, Pos::Pron) {
            break;
        }
        start = prev.start;
        if start > 0 && t[start - 1].lower == "," && start >= 2 && t[start - 2].lower == "and" {
            break;
        }
    }
    match s.noun_group_at(start) {
        Some(n) if n.tokens.end >= r.end && n.tokens.start == start => n.items,
        // "both A and his rival, B, leader of C, claim": the list ends at its last item,
        // and what follows up to the verb (walked back over commas) is that item's
        // apposition.
        Some(mut n)
            if n.tokens.start == start
                && start < r.start
                && n.items.len() > 1
                && t.get(n.tokens.end).is_some_and(|w| w.lower == ",") =>
        {
            if let Some(last) = n.items.last_mut() {
                last.end = r.end;
            }
            n.items
        }
        _ => vec![r],
    }
}

/// Nominal forms: "the capture of X by Y", "Y's seizure of X", "areas under the control of
/// Y", "under Y control", "Y is in control of X", "X is out of Y control", "X, the last Y
/// stronghold".
fn read_noun<'f>(
    ctx: &Context<'f>,
    s: &Sentence,
    groups: &[VerbGroup],
    i: usize,
    frame: &'f crate::rules::frames::ControlFrame,
) -> Option<Reading<'f>> {
    let t = &s.tokens;
    // The noun group's own words before the noun: "the full", "rebel", "Y's".
    let mut lead = i;
    while lead > 0
        && matches!(
            t[lead - 1].pos,
            Pos::Det | Pos::Adj | Pos::Name | Pos::Poss | Pos::Noun | Pos::Num
        )
    {
        lead -= 1;
    }
    let before = lead.checked_sub(1).map(|p| t[p].lower.as_str());
    let before2 = lead.checked_sub(2).map(|p| t[p].lower.as_str());
    let modifier = (lead < i).then_some(lead..i);
    let of_phrase = || {
        s.prep_object(i + 1, "of")
            .or_else(|| s.prep_object(i + 1, "over"))
    };
    let by_phrase = || s.prep_object(i + 1, "by");
    let own =
        |r: Option<Range<usize>>| r.and_then(|r| controller_in(ctx, s, groups, usize::MAX, r));
    let of_controller = || {
        let n = s.prep_object(i + 1, "of")?;
        controller_in(ctx, s, groups, usize::MAX, n.tokens)
    };
    let clause_subject = |at: usize| {
        let g = groups.iter().rposition(|g| g.tokens.end <= at)?;
        let subj = s.subject(groups, g)?;
        Some((g, subj))
    };
    if s.negated_before(lead) || (lead >= 1 && s.negated_before(lead - 1)) {
        return None;
    }
    // "demanding a withdrawal from X", "calls for the capture of X": wanted, not done. The
    // noun group's own words count too: a gerund the tagger read as a noun ("demanding
    // withdrawal") leads the group.
    let wanted = (lead.saturating_sub(3)..i).any(|k| {
        matches!(
            t[k].lemma.as_str(),
            "demand"
                | "call"
                | "urge"
                | "seek"
                | "want"
                | "plan"
                | "vow"
                | "push"
                | "order"
                | "threaten"
                | "attempt"
                | "try"
                | "aim"
                | "prevent"
                | "stop"
        )
    });
    if wanted {
        return None;
    }
    let (place, controller, change_lost) = match (before2, before) {
        // "X is out of Y control", "out of our control"
        (Some("out"), Some("of")) => {
            let (_, subj) = clause_subject(lead)?;
            (
                subject_items(s, subj),
                own(modifier.clone()).or_else(of_controller),
                true,
            )
        }
        // "areas under the control of Y", "X remains under Y control"
        (_, Some("under")) => {
            let place = place_before(s, lead - 1)?;
            (place, own(modifier.clone()).or_else(of_controller), false)
        }
        // "Y is in full control of X"
        (_, Some("in")) => {
            let (g, subj) = clause_subject(lead)?;
            let controller = controller_in(ctx, s, groups, g, subj);
            (of_phrase()?.items, controller, false)
        }
        _ => {
            if t[i].lemma == "stronghold" {
                let place = apposition(s, lead, i)?;
                let controller = own(modifier.clone()).or_else(of_controller);
                (place, controller, false)
            } else {
                let place = of_phrase().or_else(|| s.prep_object(i + 1, "from"))?;
                let controller = by_phrase()
                    .and_then(|b| controller_in(ctx, s, groups, usize::MAX, b.tokens))
                    .or_else(|| {
                        frame.controller_roles.iter().find_map(|r| {
                            let n = s.prep_object(i + 1, r)?;
                            controller_in(ctx, s, groups, usize::MAX, n.tokens)
                        })
                    })
                    .or_else(|| own(modifier.clone()));
                (place.items, controller, false)
            }
        }
    };
    if change_lost && frame.change != Change::Holds {
        return None;
    }
    // "out of Y control" reads a holds frame's noun as its loss.
    let frame_used = if change_lost {
        lost_frame(ctx.rules)?
    } else {
        frame
    };
    Some(Reading {
        frame: frame_used,
        trigger: i,
        place,
        controller,
        others: Vec::new(),
        words: lead.saturating_sub(if before.is_some() { 1 } else { 0 })..i + 1,
        planned: false,
        conditional: false,
    })
}

/// What a "stronghold" is said of: "X, the last Y stronghold", "Y's stronghold, X", "X is a
/// stronghold of Y".
fn apposition(s: &Sentence, lead: usize, i: usize) -> Option<Vec<Range<usize>>> {
    let t = &s.tokens;
    if lead >= 2 && t[lead - 1].lower == "," {
        return s.noun_group_before(lead - 1).map(|r| vec![r]);
    }
    if t.get(i + 1).is_some_and(|w| w.lower == ",") {
        return s.noun_group_at(i + 2).map(|n| vec![n.tokens]);
    }
    // "X is a stronghold", "X has been a stronghold"
    let mut k = lead;
    while k > 0 && matches!(t[k - 1].pos, Pos::Aux | Pos::Adv) {
        k -= 1;
    }
    (k < lead)
        .then(|| s.noun_group_before(k).map(|r| vec![r]))
        .flatten()
}

/// The place a "under Y control" phrase is said of: the noun group before it (through a
/// copula, "X is now under", and a relative pronoun, "areas that are under").
fn place_before(s: &Sentence, under: usize) -> Option<Vec<Range<usize>>> {
    let t = &s.tokens;
    let mut k = under;
    if (k.saturating_sub(4)..k).any(|j| t[j].pos == Pos::Neg) {
        return None;
    }
    while k > 0
        && (matches!(t[k - 1].pos, Pos::Adv | Pos::Aux)
            || matches!(
                t[k - 1].lemma.as_str(),
                "remain" | "stay" | "come" | "fall" | "be" | "lie"
            ))
    {
        k -= 1;
    }
    if k > 0 && t[k - 1].pos == Pos::Rel {
        k -= 1;
        if k > 0 && t[k - 1].lower == "," {
            k -= 1;
        }
    }
    let r = s.noun_group_before(k)?;
    Some(subject_items(s, r))
}

/// "rebel-held X", "the Y-controlled city of X": a compound participle of a frame verb.
fn read_compound<'f>(
    ctx: &Context,
    s: &Sentence,
    i: usize,
    frame: &'f crate::rules::frames::ControlFrame,
) -> Option<Reading<'f>> {
    let tok = &s.tokens[i];
    let (first, _) = tok.lower.rsplit_once('-')?;
    if first.is_empty()
        || !matches!(
            tok.inflection,
            crate::clause::lexicon::Inflection::Participle
                | crate::clause::lexicon::Inflection::Past
        )
    {
        return None;
    }
    if frame.change != Change::Holds
        || !frame
            .verbs
            .iter()
            .any(|v| v.lemma == tok.lemma && v.particle.is_none() && v.object.is_none())
    {
        return None;
    }
    let prefix = tok.span.start..tok.span.start + first.len();
    let controller = match actors_in(ctx, prefix.clone()).last() {
        Some(actor) => filled(actor, ctx.text()),
        None => {
            let actor = actor_named(&ctx.rules.gazetteer, first)?;
            Filled {
                id: Some(actor.id.clone()),
                text: ctx.text()[prefix.clone()].to_string(),
                span: prefix,
            }
        }
    };
    let place = s.noun_group_at(i + 1)?;
    Some(Reading {
        frame,
        trigger: i,
        place: place.items,
        controller: Some(controller),
        others: Vec::new(),
        words: i..i + 1,
        planned: false,
        conditional: false,
    })
}

/// The actor a compound's first word names: a noun before a participle is singular and
/// bare ("rebel-held", "government-controlled"), where the gazetteer lists "rebels" or "the
/// government".
fn actor_named<'g>(
    g: &'g crate::rules::gazetteer::Gazetteer,
    word: &str,
) -> Option<&'g crate::rules::gazetteer::Actor> {
    let word = word.to_lowercase();
    [
        word.clone(),
        format!("{word}s"),
        format!("the {word}"),
        format!("the {word}s"),
    ]
    .iter()
    .filter_map(|k| g.lookup.get(k))
    .flatten()
    .find_map(|r| match r {
        crate::rules::gazetteer::EntityRef::Actor(a) => g.actors.get(*a),
        _ => None,
    })
}

/// Actors in `bytes` that can hold ground: not "anti-X", not a news outlet or an agency
/// reporting it.
fn actors_in<'a>(ctx: &Context<'a>, bytes: Range<usize>) -> impl Iterator<Item = &'a Mention> + 'a {
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    ctx.mentions_in(bytes, MentionClass::Actor)
        .filter(move |m| {
            let kind = g
                .actor(&m.entity)
                .and_then(|a| a.kind.as_deref())
                .unwrap_or("");
            let reporter = [
                "media",
                "news",
                "agency",
                "journalist",
                "monitor",
                "ngo",
                "humanitarian",
            ]
            .iter()
            .any(|k| kind.to_lowercase().contains(k));
            !negated_actor(text, m) && !reporter
        })
}

/// The party a noun group names: its last actor, but a common noun an actor's name stands
/// right before ("the guards army", where "army" alone names another side) is that actor's.
fn head_actor<'a>(ctx: &Context<'a>, bytes: Range<usize>) -> Option<&'a Mention> {
    let text = ctx.text();
    let mut last: Option<&'a Mention> = None;
    let mut before: Option<&'a Mention> = None;
    for m in actors_in(ctx, bytes) {
        if last.is_some_and(|l| l.span == m.span) {
            continue;
        }
        before = last;
        last = Some(m);
    }
    let last = last?;
    if let Some(b) = before
        && b.entity != last.entity
        && b.span.end <= last.span.start
        && text[b.span.end..last.span.start].trim().is_empty()
        && !text[last.span.clone()].chars().any(char::is_uppercase)
    {
        return Some(b);
    }
    Some(last)
}

/// "anti-government forces" are not the government.
fn negated_actor(text: &str, m: &Mention) -> bool {
    let before = &text[..m.span.start];
    let lower = before[before.len().saturating_sub(8)..].to_lowercase();
    lower.ends_with("anti-") || lower.ends_with("counter-") || lower.ends_with("non-")
}

/// The controller named by a noun group: its last actor mention (the head of "Sudan's
/// paramilitary Rapid Support Forces"), the actor of an `of`/`from` phrase after it ("an
/// official from the army"), or what a pronoun stands for.
fn controller_in(
    ctx: &Context,
    s: &Sentence,
    groups: &[VerbGroup],
    g: usize,
    r: Range<usize>,
) -> Option<Filled> {
    let text = ctx.text();
    let bytes = s.bytes(&r);
    let mention = head_actor(ctx, bytes.clone());
    if let Some(m) = mention {
        return Some(filled(m, text));
    }
    let t = &s.tokens;
    // "Hamas, a group that rules X": the name the group stands beside.
    if r.start >= 2
        && t[r.start - 1].lower == ","
        && t[r.start..r.end].iter().all(|w| w.pos != Pos::Pron)
        && let Some(before) = s.noun_group_before(r.start - 1)
        && let Some(m) = actors_in(ctx, s.bytes(&before)).last()
    {
        return Some(filled(m, text));
    }
    let pronoun = (r.start..r.end).find(|&k| {
        t[k].pos == Pos::Pron
            || (t[k].pos == Pos::Det && matches!(t[k].lower.as_str(), "its" | "their" | "our"))
    });
    if let Some(k) = pronoun {
        // In what a speaker reports, "they" is the speaker: "the guards said they took".
        if g != usize::MAX {
            for h in (0..g.min(groups.len())).rev() {
                if !SPEECH.contains(&t[groups[h].head].lemma.as_str()) {
                    continue;
                }
                // The speaker: the verb's subject, else the first actor before the verb
                // ("the guards, on their part, said").
                let from_subject = s
                    .subject(groups, h)
                    .filter(|subj| subj.end <= groups[h].tokens.start)
                    .and_then(|subj| head_actor(ctx, s.bytes(&subj)));
                let first = || {
                    let upto = t[groups[h].tokens.start].span.start;
                    actors_in(ctx, t[0].span.start..upto).next()
                };
                if let Some(m) = from_subject.or_else(first) {
                    let pron = t[k].span.clone();
                    return Some(Filled {
                        id: Some(m.entity.clone()),
                        text: format!("{} ({})", &text[pron.clone()], &text[m.span.clone()]),
                        span: pron,
                    });
                }
            }
        }
        if matches!(t[k].lower.as_str(), "we" | "our" | "ours" | "i") {
            // "we hold the port", "out of our control": the speaker's side.
            return speaker(ctx, s, k);
        }
        let pron = t[k].span.clone();
        return ctx.previous_subject(pron.start).map(|x| Filled {
            id: Some(x.entity.clone()),
            text: format!("{} ({})", &text[pron.clone()], &text[x.span.clone()]),
            span: pron,
        });
    }
    // "Government forces and allies on Monday captured": back over a time phrase.
    if r.start >= 1 && matches!(t[r.start - 1].pos, Pos::Prep) {
        let floor = r.start.saturating_sub(8);
        let upto = t[r.start - 1].span.start;
        let stop = (floor..r.start - 1)
            .rev()
            .find(|&k| {
                matches!(
                    t[k].pos,
                    Pos::Verb | Pos::Aux | Pos::Rel | Pos::Sub | Pos::Punct
                )
            })
            .map_or(floor, |k| k + 1);
        if stop < r.start - 1
            && let Some(m) = actors_in(ctx, t[stop].span.start..upto).last()
        {
            return Some(filled(m, text));
        }
    }
    // "The forces have also captured": a definite group of fighters is the last named.
    let troops = [
        "force", "troop", "fighter", "rebel", "militia", "army", "military", "unit", "soldier",
    ];
    if t[r.start].lower == "the"
        && r.end - r.start <= 3
        && troops.contains(&t[r.end - 1].lemma.as_str())
        && let Some(x) = ctx.previous_subject(t[r.start].span.start)
    {
        return Some(Filled {
            id: Some(x.entity.clone()),
            text: format!("{} ({})", &text[bytes.clone()], &text[x.span.clone()]),
            span: bytes,
        });
    }
    // "an official from the army", "a spokesman of the guards"
    for prep in ["from", "of"] {
        if t.get(r.end).is_some_and(|w| w.lower == prep)
            && let Some(n) = s.noun_group_at(r.end + 1)
            && let Some(m) = actors_in(ctx, s.bytes(&n.tokens)).last()
        {
            return Some(filled(m, text));
        }
    }
    None
}

/// Heads that name part of what their `of` phrase names: "most of X", "the rest of X".
const PARTITIVE: &[&str] = &[
    "most",
    "all",
    "much",
    "part",
    "majority",
    "rest",
    "half",
    "parts",
    "some",
    "many",
    "bulk",
    "remainder",
    "whole",
    "control",
    "outskirts",
    "centre",
    "center",
];

/// The places one noun-group item names: its gazetteer place; a place of the item's kind
/// inside a place named after it ("the airport in X", "airports of X"); each place of a
/// list in its `of` phrase ("the villages of A, B and C"); the last place of its kind for
/// "the town"; or, for a place noun ("three towns"), the words without a place id.
fn places_of(ctx: &Context, s: &Sentence, item: &Range<usize>) -> Vec<Filled> {
    places_with(ctx, s, item, None)
}

fn places_with(
    ctx: &Context,
    s: &Sentence,
    item: &Range<usize>,
    outer_head: Option<&str>,
) -> Vec<Filled> {
    let text = ctx.text();
    let t = &s.tokens;
    if item.start >= item.end {
        return Vec::new();
    }
    let g = &ctx.rules.gazetteer;
    let of = (item.start..item.end).find(|&k| t[k].lower == "of");
    let own = item.start..of.unwrap_or(item.end);
    let bytes = s.bytes(&own);
    // A place before a possessive contains the place meant: "Y's second town".
    let possessed: Vec<usize> = (own.start..own.end)
        .filter(|&k| t[k].pos == Pos::Poss)
        .map(|k| t[k].span.start)
        .collect();
    // A name may run through the `of` ("city of X" as one alias): it starts in the head.
    let whole = s.bytes(item);
    let all: Vec<&Mention> = ctx
        .mentions_in(bytes.start..whole.end, MentionClass::Place)
        .filter(|m| m.span.start < bytes.end.max(bytes.start + 1))
        .collect();
    let mentions: Vec<&&Mention> = all
        .iter()
        .filter(|m| !possessed.contains(&m.span.end))
        .collect();
    let head = (own.start..own.end)
        .rfind(|&k| matches!(t[k].pos, Pos::Noun | Pos::Name | Pos::Num | Pos::Det));
    let head_lemma = head.map(|h| t[h].lemma.as_str());
    let kind_head =
        head_lemma.filter(|l| PLACE_NOUNS.contains(l) || ["residence", "building"].contains(l));
    let kind_head = outer_head.or(kind_head);
    // "the airport" of a town named: the gazetteer's place of that kind in it.
    let refine = |m: &Mention| -> Filled {
        if let Some(h) = kind_head
            && !g
                .place(&m.entity)
                .is_some_and(|p| kind_fits(h, p.kind.as_deref()))
            && matches!(
                h,
                "airport"
                    | "airbase"
                    | "airfield"
                    | "base"
                    | "palace"
                    | "residence"
                    | "complex"
                    | "facility"
                    | "headquarters"
            )
            && let Some(p) = g.places.iter().find(|p| {
                p.within.as_deref() == Some(m.entity.as_str()) && kind_fits(h, p.kind.as_deref())
            })
        {
            return Filled {
                id: Some(p.id.clone()),
                text: text[m.span.clone()].to_string(),
                span: m.span.clone(),
            };
        }
        filled(m, text)
    };
    if let Some(m) = mentions.last() {
        // "a Tigray town" is a town in Tigray, not Tigray: a wide place before a
        // settlement noun.
        let wide = g
            .place(&m.entity)
            .and_then(|p| p.kind.as_deref())
            .is_some_and(|k| matches!(k, "region" | "country" | "state" | "province"));
        let after = head.is_some_and(|h| t[h].span.start >= m.span.end);
        if wide && after && head_lemma.is_some_and(|l| matches!(l, "town" | "city" | "village")) {
            return Vec::new();
        }
        return vec![refine(m)];
    }
    // "the villages of A, B and C", "most of X", "airports of X and Y".
    if let Some(of) = of
        && (kind_head.is_some()
            || head_lemma.is_some_and(|l| PARTITIVE.contains(&l))
            || head.is_some_and(|h| t[h].pos == Pos::Num))
        && let Some(inner) = s.noun_group_at(of + 1)
    {
        let found: Vec<Filled> = inner
            .items
            .iter()
            .flat_map(|i| places_with(ctx, s, i, kind_head))
            .filter(|f| f.id.is_some())
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    // "Sudan's regions", "most of Y's territory": the possessor.
    if let Some(m) = all.last()
        && head_lemma
            .is_some_and(|l| matches!(l, "region" | "area" | "territory" | "part" | "land"))
    {
        return vec![filled(m, text)];
    }
    // "the villages of A and B" with names the gazetteer lacks: each name, as a slug.
    if let Some(outer) = outer_head
        && TERRITORY.contains(&outer)
        && of.is_none()
        && (own.start..own.end).all(|k| matches!(t[k].pos, Pos::Name | Pos::Det))
        && (own.start..own.end).any(|k| t[k].pos == Pos::Name)
    {
        let bytes = s.bytes(&own);
        let name = &text[bytes.clone()];
        return vec![Filled {
            id: Some(slug(name)),
            text: name.to_string(),
            span: bytes,
        }];
    }
    let Some(h) = kind_head.filter(|_| outer_head.is_none()) else {
        return Vec::new();
    };
    let bytes = s.bytes(item);
    // "the airports in the northern city of X and in Y", "two airports, in X and Y": the
    // places of that kind the gazetteer has in each.
    let mut found = Vec::new();
    let mut k = item.end;
    loop {
        if t.get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "," | "and"))
        {
            k += 1;
        }
        if !t
            .get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "in" | "at" | "near"))
        {
            break;
        }
        let Some(n) = s.noun_group_at(k + 1) else {
            break;
        };
        for i in &n.items {
            let Some(outer) = ctx.mentions_in(s.bytes(i), MentionClass::Place).last() else {
                continue;
            };
            let inner = g.places.iter().find(|p| {
                p.within.as_deref() == Some(outer.entity.as_str())
                    && kind_fits(h, p.kind.as_deref())
            });
            if let Some(p) = inner {
                found.push(Filled {
                    id: Some(p.id.clone()),
                    text: text[outer.span.clone()].to_string(),
                    span: outer.span.clone(),
                });
            } else if g
                .place(&outer.entity)
                .is_some_and(|p| kind_fits(h, p.kind.as_deref()))
            {
                found.push(filled(outer, text));
            }
        }
        k = n.tokens.end;
    }
    if !found.is_empty() {
        return found;
    }
    // "all bases and airports", "every airport": each site of that kind the article has
    // named before, the ones its reader knows are at stake. Only sites (airports, bases):
    // "all towns" names no set a reader could check.
    if plural_class(t, item, head) && matches!(h, "airport" | "airbase" | "airfield" | "base") {
        let kind = if h == "base" { "base" } else { "airport" };
        let before = ctx
            .ann
            .mentions
            .partition_point(|m| m.span.start < bytes.start);
        let mut named: Vec<&str> = ctx.ann.mentions[..before]
            .iter()
            .filter(|m| m.class == MentionClass::Place)
            .filter(|m| g.place(&m.entity).and_then(|p| p.kind.as_deref()) == Some(kind))
            .map(|m| m.entity.as_str())
            .collect();
        named.sort_unstable();
        named.dedup();
        return named
            .into_iter()
            .map(|id| Filled {
                id: Some(id.to_string()),
                text: text[bytes.clone()].to_string(),
                span: bytes.clone(),
            })
            .collect();
    }
    // "the Armenian side" is a party, not a place; but "the army base", "the military
    // airport" are a facility the actor keeps, still a place.
    if !FACILITY.contains(&h)
        && ctx
            .mentions_in(bytes.clone(), MentionClass::Actor)
            .next()
            .is_some()
    {
        return Vec::new();
    }
    let head = head.expect("a kind head has a head");
    let plural = t[head].lower != t[head].lemma;
    // "the chief's residence" is the chief's, not the residence named before: the article
    // is the possessor's.
    let own_words = (item.start..head)
        .rfind(|&k| t[k].pos == Pos::Poss)
        .map_or(item.start, |k| k + 1);
    let definite =
        (own_words..head).any(|k| matches!(t[k].lower.as_str(), "the" | "this" | "that"));
    if definite && !plural {
        // "the town": the last place of that kind named before, never a country.
        // Mentions are in text order: only those before the words are looked at.
        let before = ctx
            .ann
            .mentions
            .partition_point(|m| m.span.start < bytes.start);
        let prior = ctx.ann.mentions[..before]
            .iter()
            .rev()
            .filter(|m| m.class == MentionClass::Place && m.span.end <= bytes.start)
            // A capital named as its government ("Baku said") is not the town meant.
            .filter(|m| {
                !ctx.mentions_in(m.span.clone(), MentionClass::Actor)
                    .any(|a| a.span == m.span)
            })
            .take(30)
            .find_map(|m| {
                let kind = g.place(&m.entity).and_then(|p| p.kind.as_deref());
                if kind != Some("country")
                    && (kind_fits(h, kind)
                        || (matches!(h, "town" | "city" | "village")
                            && matches!(kind, Some("town" | "city" | "village"))))
                {
                    return Some((m, m.entity.clone()));
                }
                // "the base" after "the base in the town of X": the facility of that kind
                // the gazetteer has in the town named. Only a town's: the one building of a
                // district named since is not "the facility" of a text that named one before.
                if !FACILITY.contains(&h) || !matches!(kind, Some("town" | "city" | "village")) {
                    return None;
                }
                let mut inside = g.places.iter().filter(|p| {
                    p.within.as_deref() == Some(m.entity.as_str())
                        && kind_fits(h, p.kind.as_deref())
                });
                match (inside.next(), inside.next()) {
                    (Some(p), None) => Some((m, p.id.clone())),
                    _ => None,
                }
            });
        if let Some((p, id)) = prior {
            return vec![Filled {
                id: Some(id),
                text: format!("{} ({})", &text[bytes.clone()], &text[p.span.clone()]),
                span: bytes,
            }];
        }
        if let Some(a) = anaphoric_place(ctx, bytes.clone()) {
            return vec![a];
        }
    }
    // A claim with no place id only for ground ("three towns", "areas"): positions, bases
    // and airports without a name are not places a reader can compare; nor is a named thing
    // (a corridor an agreement sets up), which is no unnamed ground.
    if !TERRITORY.contains(&h)
        || ctx
            .mentions_in(bytes.clone(), MentionClass::Thing)
            .next()
            .is_some()
    {
        return Vec::new();
    }
    // "any areas", "the territories", "several towns": which places is not said.
    let vague = (item.start..head).any(|k| {
        matches!(
            t[k].lower.as_str(),
            "any" | "no" | "several" | "some" | "many"
        )
    });
    if vague || (plural && definite) {
        return Vec::new();
    }
    vec![Filled {
        id: None,
        text: text[bytes.clone()].to_string(),
        span: bytes,
    }]
}

/// Place nouns that name a built facility: an actor before one ("the army base") owns it,
/// it does not stand for the actor.
const FACILITY: &[&str] = &[
    "base",
    "airport",
    "airbase",
    "airfield",
    "palace",
    "residence",
    "complex",
    "facility",
    "headquarters",
    "garrison",
    "outpost",
    "camp",
    "building",
];

/// Place nouns that name ground, for claims about places left unnamed.
const TERRITORY: &[&str] = &[
    "town",
    "city",
    "village",
    "settlement",
    "territory",
    "area",
    "region",
    "district",
    "province",
    "locality",
    "land",
    "part",
    "side",
    "corridor",
    "highway",
    "road",
    "countryside",
    "neighbourhood",
    "neighborhood",
    "enclave",
    "zone",
];

/// Who says the words at token `at`: the sentence's source ("X said"), or, inside a
/// quotation, the source named around it.
fn speaker(ctx: &Context, s: &Sentence, at: usize) -> Option<Filled> {
    let span = s.tokens.get(at)?.span.clone();
    let sentence = ctx.sentence_of(span.start)?;
    let source = |sentence: &Range<usize>| {
        let here = if sentence.contains(&span.start) {
            span.clone()
        } else {
            sentence.start..sentence.start
        };
        let m = ctx.modality(sentence, &here, &here);
        let a = m.attribution?;
        Some(Filled {
            id: Some(a.entity?),
            text: a.text,
            span: span.clone(),
        })
    };
    if let Some(f) = source(&sentence) {
        return Some(f);
    }
    let q = ctx.doc.quote_at(span.clone())?;
    // "X said: \"...\"", "\"...,\" X said": the sentences where the quotation opens and
    // closes.
    for pos in [q.range.start, q.range.end.saturating_sub(1), q.range.end] {
        if let Some(other) = ctx.sentence_of(pos).filter(|o| *o != sentence)
            && let Some(f) = source(&other)
        {
            return Some(f);
        }
    }
    // A quotation standing alone, no words around it naming who says it: the words of the
    // party the sentence before spoke of ("The group's account posted a video. \"We hold
    // X.\"").
    let text = ctx.text();
    let opens = ctx.sentence_of(q.range.start)?;
    let closes = ctx.sentence_of(q.range.end.saturating_sub(1))?;
    let bare = |r: Range<usize>| !text[r].chars().any(char::is_alphanumeric);
    if !q.closed
        || !bare(opens.start..q.range.start)
        || !bare(q.range.end..closes.end.max(q.range.end))
    {
        return None;
    }
    let i = ctx.sentence_index(opens.start)?;
    let before = ctx.doc.sentences.get(i.checked_sub(1)?)?;
    let m = actors_in(ctx, before.clone()).next()?;
    Some(Filled {
        id: Some(m.entity.clone()),
        text: format!("{} ({})", &text[span.clone()], &text[m.span.clone()]),
        span,
    })
}
/// The frame of a place lost, for readings that turn a holding or a taking into its loss
/// ("previously held by Y", "out of Y's control").
fn lost_frame(rules: &crate::rules::RuleSet) -> Option<&crate::rules::frames::ControlFrame> {
    rules
        .frames
        .control
        .iter()
        .find(|f| f.change == Change::Lost)
}
