//! Count claims: a quantity, the group it counts, and the measure a nearby trigger names.

use super::{Context, cover, modality};
use crate::annotate::Qualifier;
use crate::annotate::{Mention, MentionClass};
use crate::claims::{Claim, ClaimKind};
use crate::gated::GatedRegex;
use crate::rules::frames::{CountFrame, Frames};
use crate::rules::memo::Memo;
use std::ops::Range;
use std::sync::LazyLock;

/// A verb of saying after a group, perhaps with another source joined by "and": "two
/// officials said", "two aid workers and the police told reporters".
static REPORTER: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^\s*(?:and [^,.;:\-\x{2013}\x{2014}]{1,40}?\s)?(?:said|say|says|told|tell|stated|confirmed|reported)\b",
    )
});

/// The words between a part and its whole: "three of the eight".
static DENOMINATOR: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)^\s+of(?: the| those| these)?\s+$"));

/// A sentence that opens on a group it takes parts of, up to a number: "Among the
/// detainees were 24 women", "Of those freed, 12".
static ANCHOR: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^\s*(?:among|of|out of) (?:the|those|these) [^,.;:0-9]{1,40}?(?:,\s*|\s+(?:were|are)\s+)$",
    )
});

/// A contrast between two clauses: "..., while 30,000 others were injured".
static CONTRAST: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:while|whereas|but)\b"));

/// Words that end the noun phrase after a number.
static NP_STOP: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^(?:and|or|but|were|was|are|is|have|has|had|be|been|in|on|at|from|to|who|that|which|since|by|with|including|after|before|during|for|as|into|near|across|while|when|of|mostly|many|since|this|these|those|there|their|its|had|will|would|could|per|found|feared|believed|reported|confirmed|said|says|say|told|remain|remained|still|now|also|the|a|an|amid|among|amongst|against|despite|over|under|through|following|according|without|within|until|than|because|each|every|daily|apiece)$",
    )
});

/// Most words in the noun phrase after a number.
const NP_MAX_WORDS: usize = 6;

/// Most words between a bare number ("the toll rose to 25", "25 were killed") and its
/// trigger: with no noun to say what is counted, only a trigger close by does.
const BARE_DISTANCE: usize = 5;

/// Most words between a toll's noun and the figure it rose to ("the death toll from the
/// floods in the eastern city of Derna has risen to 11,300"): the subject of the rising verb
/// can be long, and it names the measure however long it is. Frames whose `max_distance` is
/// under `BARE_DISTANCE` want their trigger beside the figure and are not stretched.
const COMPLETES_DISTANCE: usize = 20;

/// What a clause boundary between a number and a trigger weighs, in words: "killed 12
/// civilians and wounded two children" puts the two children with "wounded".
const BOUNDARY_WEIGHT: usize = 4;

/// Words of a noun phrase that do not name what is counted ("40 more", "three others").
static FILLER: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^(?:more|additional|further|other|new|extra|fresh|so|far|in|all|total)$",
    )
});

/// Clause boundaries between a number and a trigger.
static BOUNDARY: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(r"(?i)[,;:()]|\b(?:and|but|while|whereas|as well as|after|before)\b")
});

/// Words that open a list of parts of the count before them, right before the part:
/// "killed 40 people, including 12 children": the children were killed too; "9 children were
/// among the dead and 50 were hurt" opens none.
static SUBSET: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:including|among them|among whom|of whom|of them|of which|among the dead|among those)[\s,:]*(?:(?:were|are|was)\s*)?$",
    )
});

/// "of them", "of those", "among them": the group of the count before, when it ends the
/// words before a bare number.
static THEM_BEFORE: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:of|among|out of) (?:them|those|these)$"));

/// "the bodies of", "the remains of" right before a figure: a noun of the group counted
/// before it, joined by "of" ("the bodies of 310 people").
static NOUN_OF: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:the\s+)?([a-z]+)\s+of\s+$"));

/// The words that may join two counts of one list: "and", a comma, "as well as", "in
/// addition to", "plus".
static COORDINATOR: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^\s*(?:,\s*)?(?:(?:and|or|as well as|in addition to|plus|along with)\s*)?$",
    )
});

/// A verb of being or having: "25 others were killed" says what befell them.
static AUXILIARY: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:were|was|are|is|have|has|had|been|be|being|will|would|could|may|might)\b",
    )
});

/// A relative pronoun: "workers who were kidnapped" describes the workers.
static RELATIVE: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:who|whom|that|which)\b"));

/// "N of them ...", "N of whom ...": a part of the count just before.
static OF_THEM: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)^ of (?:them|whom|those)\b"));

/// A bare number named by what follows "were": "16 were women", "three of the eight
/// fatalities were children" (the group is the word after the match).
static WERE_GROUP: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^ (?:of (?:the|those) [^ ,.;:]+(?: [^ ,.;:]+)? )?(?:were|are) (?:all |also )?",
    )
});

/// The "of" after a vague magnitude ("hundreds of").
static VAGUE_OF: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)^ of(?: the)?\b"));

/// Words before a number searched for an expectation ("expects the toll to rise to").
const PROJECTION_REACH: usize = 8;

/// Expectation, fear and possibility: what a figure is said it may reach.
static PROJECTION: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:could|may|might|would|expects?|expected|expecting|fears?|feared|likely|set to|poised to|warned)\b",
    )
});

/// Words before a bare number searched for the group it counts ("of the Karskian troops,").
const GROUP_REACH: usize = 4;

/// Words before the number searched for a verb of rising or standing.
const RISE_REACH: usize = 3;

/// A verb of rising or standing ending just before a number.
static RISE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:(?:rise|rose|risen|rises|rising|climb|climbed|climbs|jump|jumped|jumps|increase|increased|grow|grew|grown|soar|soared|surge|surged|reach|reached|reaches|hit|hits|top|topped|pass|passed|exceed|exceeded|exceeds|surpass|surpassed|surpasses|tops|topping|touch|touches|touched|stands?|stood|estimated|put|now|is|was|are|were|be|to|at)(?: to| at| past)?(?: (?:at least|more than|over|nearly|almost|about|around|some|roughly|approximately))?)\s*$",
    )
});

/// A zero count: "no one was killed", "nobody was hurt", "no casualties were reported".
static ZERO: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(r"(?i)\b(?:no one|no-one|nobody|none|no|not a single|zero)\b")
});

/// Most words between a zero word and its measure's trigger.
const ZERO_DISTANCE: usize = 3;

/// The measure a count takes: the frame, its trigger and how far it is (in weighted words).
struct Measure<'f> {
    cost: usize,
    trigger: Range<usize>,
    frame: &'f CountFrame,
    /// The trigger only describes the counted group (see `describes`).
    describing: bool,
}

/// The last count of a sentence, for the parts listed after it ("including ...") and the
/// bare figures coordinated with it ("174 civilians killed and 1,041 injured").
struct Last<'f> {
    sentence: Range<usize>,
    /// Where its number starts.
    start: usize,
    /// Where its words end: the phrase after the number, or the group after its "were".
    end: usize,
    subject: String,
    trigger: Range<usize>,
    frame: &'f CountFrame,
    /// It is a part of the count before it ("including 9 children"): a count joined to it
    /// by "and" is another part ("including 9 children and 4 women").
    part: bool,
}

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let frames = &ctx.rules.frames;
    // Each frame's triggers in each sentence a count may be read in, found before any is
    // read (see `triggers_in`).
    let mut sentences: Vec<Range<usize>> = ctx
        .ann
        .quantities
        .iter()
        .filter(|q| q.value >= 1.0)
        .filter_map(|q| ctx.sentence_of(q.span.start))
        .collect();
    sentences.dedup();
    let found = triggers_in(frames, text, &sentences);
    let mut last: Option<Last> = None;
    for q in &ctx.ann.quantities {
        // Proportions ("half of them") are not counts of people or things; zero counts
        // are read from their words (see `zeros`).
        if q.value < 1.0 {
            continue;
        }
        // "three of the eight dead were women": the eight is the whole the three are part of,
        // a count already told, not a new one.
        let quantities = &ctx.ann.quantities;
        let before = quantities.partition_point(|o| o.span.end <= q.span.start);
        if before
            .checked_sub(1)
            .is_some_and(|i| DENOMINATOR.is_match(&text[quantities[i].span.end..q.span.start]))
        {
            continue;
        }
        let Some(sentence) = ctx.sentence_of(q.span.start) else {
            continue;
        };
        // "N of them women": a part of the count before, whatever trigger is near; the
        // group is named after "of them".
        // The group follows the whole quantity: "between 12 and 15 fighters".
        let after = q.number_span.end.max(q.span.end);
        let part_of = OF_THEM
            .find(&text[after..sentence.end])
            .map(|m| after + m.end);
        // "thousands of civilians", "dozens of tanks": a vague magnitude names its group
        // after "of".
        let vague_of = (q.qualifier == Qualifier::Vague)
            .then(|| VAGUE_OF.find(&text[after..sentence.end]))
            .flatten()
            .map(|m| after + m.end);
        let mut np = noun_phrase(text, part_of.or(vague_of).unwrap_or(after), sentence.end);
        let mut np_words: Vec<(usize, &str)> = words(&text[np.clone()])
            .filter(|(_, w)| !w.is_empty())
            .map(|(i, w)| (np.start + i, w))
            .collect();

        let triggers = &found[sentences.partition_point(|s| s.start < sentence.start)];

        // The subject: the last head noun of a known group in the phrase; with no noun after
        // the number, the group named just before it ("of the soldiers, 12 died") or people.
        // A word of a trigger ("held hostage") is the group's head only when no other is.
        let in_trigger = |at: usize| {
            triggers
                .iter()
                .flatten()
                .any(|t| t.start <= at && at < t.end)
        };
        let heads = || {
            np_words.iter().rev().filter_map(|(at, w)| {
                subject_of(frames, w).map(|i| (frames.subjects[i].0.clone(), *at))
            })
        };
        let head = heads()
            .find(|(_, at)| !in_trigger(*at))
            .or_else(|| heads().next());
        let (named, head_at) = match head {
            Some((s, at)) => (Some(s), Some(at)),
            None => (None, None),
        };
        // "95 crossed the border", "2,410 deaths up to Friday", "70 sustained injuries": with
        // no known noun, a measure's word or a past verb right after the number begins what
        // is said of it, not a phrase naming its group. The phrase ends there.
        let verb_first = named
            .is_none()
            .then(|| np_words.iter().position(|(_, w)| !is_filler(w)))
            .flatten()
            .filter(|&i| {
                let (at, w) = np_words[i];
                in_trigger(at) || past_verb(w)
            });
        if let Some(i) = verb_first {
            np_words.truncate(i + 1);
            let (at, w) = np_words[i];
            np = np.start..at + w.len();
        }
        let bare = named.is_none()
            && (verb_first.is_some()
                || np_words
                    .iter()
                    .all(|(at, w)| is_filler(w) || in_trigger(*at)));
        let np_text = &text[np.clone()];
        let number_and_np = cover(&q.span, &np);
        let mut group_words = np.clone();
        let mut end = number_and_np.end;
        let last_here = last
            .as_ref()
            .filter(|l| l.sentence == sentence && l.end <= q.span.start);
        let has_name = named.is_some();
        let subject = match named {
            Some(s) => s,
            None if bare => match group_before(frames, text, &sentence, q.span.start) {
                Some((s, words)) => {
                    group_words = words;
                    s
                }
                None => match group_after(frames, text, &sentence, after) {
                    Some((s, group_end)) => {
                        end = group_end;
                        s
                    }
                    None => them_before(text, last_here, &sentence, q.span.start)
                        .or_else(|| coordinated_group(text, last_here, q.span.start))
                        .unwrap_or_else(|| "people".into()),
                },
            },
            None => continue,
        };
        // "the bodies of 310 people" counts bodies, a part of the dead (those found so
        // far), not the dead: the subject is the noun before "of" when it names bodies.
        let subject = match bodies_before(frames, text, &sentence, q.span.start) {
            Some(bodies) => bodies,
            None => subject,
        };

        // The measure: a list of parts takes the count's before it; otherwise the nearest
        // trigger, inside the phrase or within the frame's distance.
        let own = || {
            nearest(
                ctx,
                frames,
                triggers,
                &Number {
                    q,
                    number_and_np: &number_and_np,
                    subject: &subject,
                    bare,
                    head_at,
                },
            )
        };
        let link = last_here.and_then(|l| {
            linked(
                ctx,
                triggers,
                l,
                &Linked {
                    q,
                    number_and_np: &number_and_np,
                    part_of: part_of.is_some(),
                    bare,
                },
            )
        });
        let (best, part) = match link {
            Some(Link::Part) | Some(Link::NextPart) => (
                last_here.map(|l| Measure {
                    cost: 0,
                    trigger: l.trigger.clone(),
                    frame: l.frame,
                    describing: false,
                }),
                true,
            ),
            Some(Link::Coordinated) => {
                let mine = own();
                let l = last_here.expect("a link has a count before");
                // "the release of 61 captives and 25 others held since May": the verb or
                // noun before the list governs both, unless the second has a measure of its
                // own that is not only a phrase describing its group.
                let keep_own = mine.as_ref().is_some_and(|m| {
                    bare || !describes(text, &number_and_np, head_at.is_some(), &m.trigger)
                }) || !l.frame.counts(&subject);
                if keep_own {
                    (mine, false)
                } else {
                    (
                        Some(Measure {
                            cost: 0,
                            trigger: l.trigger.clone(),
                            frame: l.frame,
                            describing: false,
                        }),
                        false,
                    )
                }
            }
            None => match own() {
                Some(m) => (Some(m), false),
                // "Among the detainees were 24 women": a sentence that opens on the group of
                // the count just told, with no measure of its own, lists its parts.
                None => match last.as_ref().filter(|l| {
                    l.sentence.end <= sentence.start
                        && text[l.sentence.end..sentence.start].trim().is_empty()
                        && !text[l.sentence.end..sentence.start].contains("\n\n")
                        && l.frame.counts(&subject)
                        && ANCHOR.is_match(&text[sentence.start..q.span.start])
                }) {
                    // The trigger is in the sentence before: the number stands for it here.
                    Some(l) => (
                        Some(Measure {
                            cost: 0,
                            trigger: number_and_np.clone(),
                            frame: l.frame,
                            describing: false,
                        }),
                        true,
                    ),
                    None => (None, false),
                },
            },
        };
        let Some(Measure { trigger, frame, .. }) = best else {
            continue;
        };
        // "..., two aid workers said": the people who tell are a source, not a count, unless
        // their own words say what befell them ("two wounded guards said").
        if has_name
            && REPORTER.is_match(&text[number_and_np.end..sentence.end])
            && !(number_and_np.start <= trigger.start && trigger.end <= number_and_np.end)
        {
            continue;
        }
        // A part of a whole told before it ("12 Karskians - seven women and five children",
        // "Among the Vell prisoners were 30 women") is of the whole's side.
        let whole = part.then(|| last_here.map_or(sentence.start, |l| l.start)..q.span.start);
        last = Some(Last {
            sentence: sentence.clone(),
            start: q.span.start,
            end,
            subject: subject.clone(),
            trigger: trigger.clone(),
            frame,
            part,
        });

        // Whose losses: an actor named with the group ("Karskian soldiers").
        let actor_in = |words: Range<usize>| {
            ctx.mentions_in(words, MentionClass::Actor)
                .max_by_key(|m| m.span.len())
                .map(|m| m.entity.clone())
        };
        // A group named by a proper noun of its own ("10 Vellans" after "12 Karskians") is
        // its own people, not the side of the count told before it.
        let own_name = text[group_words.clone()]
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        // A people the gazetteer does not list is theirs by name ("12 Thai workers",
        // "9 Nepalese"): two nations' dead are not one count.
        let whose_in = |words: Range<usize>| {
            actor_in(words.clone()).or_else(|| nationals(frames, &text[words]))
        };
        let subject_actor =
            whose_in(group_words).or_else(|| whole.filter(|_| !own_name).and_then(whose_in));
        let value = projected(text, &sentence, q);
        push(
            ctx,
            out,
            Found {
                frame,
                trigger,
                sentence,
                span: number_and_np,
                subject,
                subject_actor,
                subject_text: np_text.trim().to_string(),
                value,
            },
        );
    }
    zeros(ctx, out);
}

/// The people a group is named for when the gazetteer does not know them: a capitalised
/// word of a nationality's shape ("Thai", "Nepalese", "Filipinos", "Karskians") that is not
/// a group noun in lower case ("Civilians" in a title), lower-cased and singular ("thai").
fn nationals(frames: &Frames, words: &str) -> Option<String> {
    static DEMONYM: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^[A-Z][a-z]+(?:an|ans|ese|i|is|ish|ch|ino|inos|ina|inas)$")
            .expect("valid")
    });
    words
        .split(|c: char| !c.is_alphabetic())
        .find(|w| DEMONYM.is_match(w) && subject_of(frames, &w.to_lowercase()).is_none())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(one) if !w.ends_with("ese") => one.to_string(),
                _ => w,
            }
        })
}

/// For each of `ranges` (sentences, or the words after a zero word), each count frame's
/// trigger matches in it.
///
/// Each range is searched once for the places the triggers may start (see
/// [`Frames::count_starts`]), and each frame's trigger is asked only there; in a range
/// where none can be told, the set says which frames to search for. The searches go
/// regex by regex, each over every range, not range by range: a lazy DFA stays in the
/// processor's caches from one range to the next.
fn triggers_in(
    frames: &Frames,
    text: &str,
    ranges: &[Range<usize>],
) -> Vec<Vec<Vec<Range<usize>>>> {
    let starts: Vec<Vec<Option<Vec<usize>>>> = ranges
        .iter()
        .map(|r| frames.count_starts.starts(&text[r.clone()]))
        .collect();
    // The set only for a range that could not be searched so (see `PrefixGate::starts`):
    // a frame with no places of its own in a range that could is searched as it is.
    let present: Vec<Option<Vec<usize>>> = ranges
        .iter()
        .zip(&starts)
        .map(|(r, s)| {
            (!frames.counts.is_empty() && s.iter().all(Option::is_none))
                .then(|| {
                    frames
                        .count_set
                        .as_ref()
                        .map(|set| set.matches(&text[r.clone()]))
                })
                .flatten()
        })
        .collect();
    let mut found = vec![vec![Vec::new(); frames.counts.len()]; ranges.len()];
    for (i, frame) in frames.counts.iter().enumerate() {
        for (k, range) in ranges.iter().enumerate() {
            let at = starts[k].get(i).and_then(Option::as_deref);
            if at.is_none() && present[k].as_ref().is_some_and(|p| !p.contains(&i)) {
                continue;
            }
            let hay = &text[range.clone()];
            found[k][i] = frame
                .trigger
                .find_iter_from(hay, 0..hay.len(), at)
                .map(|m| range.start + m.start..range.start + m.end)
                .collect();
        }
    }
    found
}

/// A number and what counts it, as far as the words after it say.
struct Number<'a> {
    q: &'a crate::annotate::Quantity,
    /// The number with the noun phrase after it.
    number_and_np: &'a Range<usize>,
    subject: &'a str,
    /// No noun after it names what is counted.
    bare: bool,
    /// Where the counted group's head noun is.
    head_at: Option<usize>,
}

/// The nearest trigger of a frame that can count `subject`: words apart, plus a weight for
/// each clause boundary between them.
fn nearest<'f>(
    ctx: &Context,
    frames: &'f Frames,
    triggers: &[Vec<Range<usize>>],
    n: &Number,
) -> Option<Measure<'f>> {
    let text = ctx.text();
    let Number {
        q,
        number_and_np,
        subject,
        bare,
        head_at,
    } = *n;
    // Whether a verb of rising or standing comes right before the number: the same for
    // every trigger, read once when a bare number first asks.
    let rises = std::cell::OnceCell::new();
    let rises = || {
        *rises.get_or_init(|| rises_to(text, q.span.start) || rises_to(text, q.number_span.start))
    };
    let mut best: Option<Measure> = None;
    for (frame, matches) in frames.counts.iter().zip(triggers) {
        if !frame.counts(subject) {
            continue;
        }
        for trig in matches {
            // A trigger that is itself the counted group's head ("civilians") is not one.
            if trig.start < q.span.start && q.span.start < trig.end {
                continue;
            }
            // Nor is a modifier of the group's head ("two aid workers"), unless it is a
            // participle that says what befell them ("eight freed hostages", "12 wounded
            // soldiers", "five missing children").
            if head_at.is_some_and(|h| q.span.end <= trig.start && trig.start < h)
                && !participle(&text[trig.clone()])
            {
                continue;
            }
            let d = ctx.words_between(trig, number_and_np);
            // "the toll from the week's fighting rose to 25": the number completes a
            // clause whose subject names the measure, however long that subject is.
            // The verb may be the quantity's own qualifier ("has surged past 12,000").
            let completes = bare && trig.end <= q.span.start && rises();
            // Frames that want their trigger next to the figure keep it there.
            let limit = if completes && frame.max_distance >= BARE_DISTANCE {
                frame.max_distance.max(COMPLETES_DISTANCE)
            } else if bare {
                BARE_DISTANCE.min(frame.max_distance)
            } else {
                frame.max_distance
            };
            if d > limit {
                continue;
            }
            let between = if trig.end <= number_and_np.start {
                trig.end..number_and_np.start
            } else if number_and_np.end <= trig.start {
                number_and_np.end..trig.start
            } else {
                0..0
            };
            // "5,000 children, while 30,000 others were injured": past a contrast and
            // another number, the measure is that number's.
            if number_and_np.end <= trig.start
                && CONTRAST.is_match(&text[between.clone()])
                && ctx
                    .ann
                    .quantities
                    .iter()
                    .any(|o| between.start <= o.span.start && o.span.start < between.end)
            {
                continue;
            }
            let boundaries = boundaries(&text[between]);
            if bare && boundaries > 0 && d > 1 && !completes {
                continue;
            }
            // "the release of 50 settlers held captive": a participle after the group's noun
            // only describes the group; it weighs a word more, so a measure governing the
            // phrase goes first.
            let describing = head_at.is_some_and(|h| h < trig.start)
                && describes(text, number_and_np, true, trig);
            let cost = d + BOUNDARY_WEIGHT * boundaries + usize::from(describing);
            // Equally near, a measure that is more than a description goes first, then the
            // longer trigger, which says more ("lost their homes", not "lost").
            if best.as_ref().is_none_or(|b| {
                cost < b.cost
                    || (cost == b.cost
                        && (b.describing, trig.len()) > (describing, b.trigger.len()))
            }) {
                best = Some(Measure {
                    cost,
                    trigger: trig.clone(),
                    frame,
                    describing,
                });
            }
        }
    }
    best
}

/// Whether a word looks like a past tense or participle ("entered", "sustained"): after a
/// number with no known noun, it is the verb of the clause the number is the subject of.
fn past_verb(word: &str) -> bool {
    word.len() > 4 && word.chars().all(|c| c.is_ascii_lowercase()) && word.ends_with("ed")
}

/// Whether a trigger is one participle ("freed", "wounded", "missing") or "dead": before a group's
/// head it says what befell the group, where a noun ("aid workers") only names it.
fn participle(trigger: &str) -> bool {
    !trigger.contains(' ')
        && (trigger.ends_with("ed")
            || trigger.ends_with("en")
            || trigger.ends_with("ing")
            || trigger.eq_ignore_ascii_case("dead"))
}

/// A figure a toll is expected or feared to reach ("could rise to 250") is an upper bound;
/// other figures keep their own qualifier.
fn projected(
    text: &str,
    sentence: &Range<usize>,
    q: &crate::annotate::Quantity,
) -> (f64, Option<f64>, Option<f64>, Qualifier, f64) {
    let exact = (q.value, q.low, q.high, q.qualifier, q.tolerance);
    if q.qualifier != Qualifier::Exact || !rises_to(text, q.span.start) {
        return exact;
    }
    let from = modality::words_back(text, sentence.start, q.span.start, PROJECTION_REACH);
    if PROJECTION.is_match(&text[from..q.span.start]) {
        (q.value, None, Some(q.value), Qualifier::UpTo, 0.0)
    } else {
        exact
    }
}

/// Whether the words just before `pos` make the number the complement of a verb of rising
/// or standing ("rose to", "reached", "stood at", "is now").
fn rises_to(text: &str, pos: usize) -> bool {
    let from = text[..pos]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(RISE_REACH)
        .map_or(0, |(i, _)| i);
    RISE.is_match(&text[from..pos])
}

/// Clause boundaries in the words between a number and a trigger. An aside between two
/// commas or in brackets ("34 civilians, 16 of them women, were wounded") is not one, nor
/// is the comma of a figure ("3,215").
fn boundaries(between: &str) -> usize {
    let bytes = between.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let commas: Vec<usize> = between
        .match_indices(',')
        .map(|(i, _)| i)
        .filter(|&i| !(i > 0 && digit(i - 1) && digit(i + 1)))
        .collect();
    // Blank out what is not a boundary: figures' commas, brackets' contents, an aside.
    let mut plain: Vec<u8> = bytes.to_vec();
    let mut depth = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                plain[i] = b' ';
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            plain[i] = b' ';
        }
    }
    if let (Some(&a), Some(&b)) = (commas.first(), commas.last()) {
        if a < b {
            plain[a..=b].fill(b' ');
        }
    }
    for (i, b) in bytes.iter().enumerate() {
        if *b == b',' && !commas.contains(&i) {
            plain[i] = b' ';
        }
    }
    // Only ASCII bytes were blanked, so the text is still UTF-8.
    let plain = String::from_utf8(plain).unwrap_or_default();
    BOUNDARY.find_iter(&plain).count()
}

/// The group named in the few words before a bare number ("of the soldiers, 12 died",
/// "civilians killed: 25").
fn group_before(
    frames: &Frames,
    text: &str,
    sentence: &Range<usize>,
    pos: usize,
) -> Option<(String, Range<usize>)> {
    let before = &text[sentence.start..pos];
    // "The number of civilians killed ... has risen to 436": the group "the number of" names.
    if let Some(found) = number_of(frames, text, sentence.start, pos) {
        return Some(found);
    }
    // "Of the soldiers, 12": only a group the number's own clause or an "of" names.
    if !before.trim_end().ends_with([',', ':']) {
        return None;
    }
    let from = modality::words_back_any(text, sentence.start, pos, GROUP_REACH);
    let words: Vec<(usize, &str)> = words(&text[from..pos])
        .map(|(i, w)| (from + i, w))
        .collect();
    words
        .iter()
        .rev()
        .find_map(|(_, w)| subject_of(frames, w).map(|i| (frames.subjects[i].0.clone(), from..pos)))
}

/// "the number of X" (or "the toll of X") in the clause before a bare number, with no other
/// number between: X, when it names a group within the next three words.
fn number_of(
    frames: &Frames,
    text: &str,
    floor: usize,
    pos: usize,
) -> Option<(String, Range<usize>)> {
    let from = modality::words_back_any(text, floor, pos, 16);
    let before = &text[from..pos];
    let at = before.to_ascii_lowercase().rfind("number of ")?;
    let rest = &before[at + "number of ".len()..];
    if rest.contains(|c: char| c.is_ascii_digit() || matches!(c, ';' | ':' | '.')) {
        return None;
    }
    words(rest)
        .take(3)
        .find_map(|(_, w)| subject_of(frames, w))
        .map(|i| (frames.subjects[i].0.clone(), from + at..pos))
}

/// The group of "them" before a bare number: "150 trucks set off and, of them, 95 crossed"
/// counts trucks, the group of the count before it in the sentence.
fn them_before(
    text: &str,
    last: Option<&Last>,
    sentence: &Range<usize>,
    pos: usize,
) -> Option<String> {
    let last = last?;
    let before = text[sentence.start.max(last.end)..pos].trim_end();
    let before = before
        .strip_suffix([',', ':'])?
        .trim_end()
        .to_ascii_lowercase();
    THEM_BEFORE.is_match(&before).then(|| last.subject.clone())
}

/// The group of the count a bare number is coordinated with: "174 civilians killed and
/// 1,041 injured", "killed 12 soldiers and wounded 30" count the same group twice. Only
/// when "and" or a comma joins them within three words.
fn coordinated_group(text: &str, last: Option<&Last>, pos: usize) -> Option<String> {
    let last = last?;
    let between = &text[last.end..pos];
    let joined = between.trim_start().starts_with(',')
        || between
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("and"));
    (joined && between.split_whitespace().count() <= 3 && !between.contains(char::is_numeric))
        .then(|| last.subject.clone())
}

/// The group named after a bare number's "were" ("16 were women", "three of the eight
/// fatalities were women"): the word right after, when it names a known group.
fn group_after(
    frames: &Frames,
    text: &str,
    sentence: &Range<usize>,
    after: usize,
) -> Option<(String, usize)> {
    let rest = &text[after..sentence.end];
    let m = WERE_GROUP.find(rest)?;
    let (at, word) = words(&rest[m.end..]).next()?;
    let end = after + m.end + at + word.len();
    subject_of(frames, word).map(|i| (frames.subjects[i].0.clone(), end))
}

/// How a number is joined to the count before it in its sentence.
enum Link {
    /// A part of it: "killed 30, including 9 children", "4 of them women", "24 were freed -
    /// 13 Thais, ...".
    Part,
    /// The next part of a list of parts: "including 9 children and 4 women".
    NextPart,
    /// Joined by "and" or a comma to a count whose measure's word comes before it: "freed
    /// 61 captives and 25 others".
    Coordinated,
}

/// A number and the words it was read with, for [`linked`].
struct Linked<'a> {
    q: &'a crate::annotate::Quantity,
    number_and_np: &'a Range<usize>,
    /// "N of them": a part of the count before.
    part_of: bool,
    bare: bool,
}

/// How a number is joined to `last`, the count before it in its sentence: only when no
/// other measure's word lies between them.
fn linked(ctx: &Context, triggers: &[Vec<Range<usize>>], last: &Last, n: &Linked) -> Option<Link> {
    let text = ctx.text();
    let Linked {
        q,
        number_and_np,
        part_of,
        bare,
    } = *n;
    let between = &text[last.end..q.span.start];
    let other_between = triggers
        .iter()
        .flatten()
        .any(|t| last.end <= t.start && t.end <= q.span.start && *t != last.trigger);
    if other_between || between.contains(char::is_numeric) {
        return None;
    }
    if part_of || SUBSET.is_match(between) {
        return Some(Link::Part);
    }
    // A list after a dash or a colon: "24 were freed - 13 Thais, 10 Filipinos and one
    // Briton -". Only when nothing in the number's own stretch, up to the next dash, says
    // what befell it.
    if between
        .trim_end()
        .ends_with(['-', '\u{2013}', '\u{2014}', ':'])
    {
        let stretch_end = text[number_and_np.end..last.sentence.end]
            .find(['-', '\u{2013}', '\u{2014}', ';'])
            .map_or(last.sentence.end, |i| number_and_np.end + i);
        let own = triggers
            .iter()
            .flatten()
            .any(|t| q.span.start <= t.start && t.start < stretch_end);
        return (!own).then_some(Link::Part);
    }
    // A bare number takes the measure of the count it is joined to only when it has none of
    // its own ("release 10 on Monday and 10 more on Tuesday"; "174 killed and 1,041 injured"
    // keeps its own).
    if bare {
        return coordinated_group(text, Some(last), q.span.start).map(|_| Link::Coordinated);
    }
    if !COORDINATOR.is_match(between) {
        return None;
    }
    if last.part {
        return Some(Link::NextPart);
    }
    // A verb or noun before the first count governs the list.
    (last.trigger.end <= last.start).then_some(Link::Coordinated)
}

/// Whether `trigger`, found for a number with a named group, only describes that group: it
/// follows the group's noun with no verb of its own between ("25 others held hostage",
/// "18 workers who were kidnapped" is a relative clause too), where "25 others were killed"
/// says what befell them.
fn describes(
    text: &str,
    number_and_np: &Range<usize>,
    named: bool,
    trigger: &Range<usize>,
) -> bool {
    if !named || trigger.start < number_and_np.start {
        return false;
    }
    let from = number_and_np.start.min(trigger.start);
    let between = &text[from..trigger.start];
    !AUXILIARY.is_match(between) || RELATIVE.is_match(between)
}

/// What a count claim is made of.
struct Found<'f> {
    frame: &'f CountFrame,
    trigger: Range<usize>,
    sentence: Range<usize>,
    span: Range<usize>,
    subject: String,
    subject_actor: Option<String>,
    subject_text: String,
    value: (f64, Option<f64>, Option<f64>, Qualifier, f64),
}

fn push(ctx: &Context, out: &mut Vec<Claim>, f: Found) {
    let text = ctx.text();
    let Found {
        frame,
        trigger,
        sentence,
        span,
        subject,
        subject_actor,
        subject_text,
        value: (value, low, high, qualifier, tolerance),
    } = f;
    let since = ctx
        .times_in(&sentence)
        .find(|t| t.modifier == Some(crate::annotate::TimeMod::Since));
    // A running total: "since April", "so far", "since the offensive began". A count over a
    // period ("in February") is told by its time window (`Claim::counts_period`).
    let clause = own_clause(ctx, &sentence, &span);
    let cumulative = since.is_some()
        || ctx.cumulative(&sentence)
        || modality::toll(text, clause.start..span.start)
        || modality::toll_now(text, clause.start..span.start, span.end..clause.end);
    let (when, basis) = match since {
        Some(t) => (t.range, crate::claims::TimeBasis::Text),
        None => match ctx.when(&sentence, &span, frame.window_days, None) {
            // "The flood struck on 10 September. Since the start of the crisis 3,600 bodies
            // have been recovered": a running total with no date of its own counts up to its
            // report, not to the day the sentence before names.
            (_, crate::claims::TimeBasis::Context) if cumulative => (
                ctx.publication_window(frame.window_days, None),
                crate::claims::TimeBasis::Publication,
            ),
            found => found,
        },
    };
    let place = place_of(ctx, &sentence, &span);
    let mut modality = ctx.modality(&sentence, &trigger, &span);
    if value == 0.0 {
        // The zero word is the count, not a negation of it.
        modality.negated = false;
    }
    out.push(Claim {
        kind: ClaimKind::Count {
            measure: frame.measure.clone(),
            subject,
            subject_actor,
            subject_text,
            value,
            low,
            high,
            qualifier,
            tolerance,
            cumulative,
            remainder: modality::remainder(text, &clause),
            rate: modality::rate(text, sentence.start, span.start),
            perfect: modality::perfect(text, clause.clone()),
        },
        frame: frame.id.clone(),
        modality,
        span,
        sentence,
        when,
        time_basis: basis,
        place,
    });
}

/// Where a count was counted: the nearest place its sentence names, unless a place inside
/// that one (the gazetteer's `within`) follows the count with no other number between
/// ("floods in the east of the country killed 2,300 people in the city of X alone": X's
/// dead, not the region's).
///
/// A place a thing moved from is not where it is counted ("200 carts entered from X",
/// "fled from X to Y"): such an origin is passed over, so a count with only an origin has
/// no place of its own.
fn place_of(ctx: &Context, sentence: &Range<usize>, span: &Range<usize>) -> Option<String> {
    const REACH: usize = 30;
    let text = ctx.text();
    let whereabouts = |m: &Mention| !origin(text, sentence.start, m.span.start);
    let nearest = ctx.nearest_mention(sentence, span, MentionClass::Place, REACH, &whereabouts)?;
    let g = &ctx.rules.gazetteer;
    let narrower = ctx
        .mentions_in(span.end..sentence.end, MentionClass::Place)
        .filter(|m| ctx.words_between(&m.span, span) <= REACH)
        .filter(|m| {
            crate::text::spans::starting_in(
                &ctx.ann.quantities,
                |q| &q.span,
                &(span.end..m.span.start),
            )
            .is_empty()
        })
        .filter(|m| whereabouts(m))
        .find(|m| m.entity != nearest.entity && g.place_within(&m.entity, &nearest.entity));
    Some(narrower.unwrap_or(nearest).entity.clone())
}

/// Verbs of movement: after one, "from X" names where something came from.
const MOVEMENT: &[&str] = &[
    "enter",
    "enters",
    "entered",
    "entering",
    "cross",
    "crosses",
    "crossed",
    "crossing",
    "arrive",
    "arrives",
    "arrived",
    "arriving",
    "come",
    "comes",
    "came",
    "coming",
    "flee",
    "flees",
    "fled",
    "fleeing",
    "return",
    "returns",
    "returned",
    "returning",
    "send",
    "sends",
    "sent",
    "sending",
    "dispatched",
    "brought",
    "moved",
    "travelled",
    "traveled",
    "evacuated",
    "escaped",
    "departed",
    "driven",
    "flown",
    "shipped",
    "transported",
    "delivered",
    "headed",
];

/// Whether the place starting at `at` follows "from" (or "from the") in a clause with a verb
/// of movement before it, among its last eight words: an origin, not a whereabouts.
fn origin(text: &str, sentence_start: usize, at: usize) -> bool {
    let before = text[sentence_start..at].trim_end().to_lowercase();
    let before = before.strip_suffix(" the").unwrap_or(&before);
    let Some(head) = before.strip_suffix("from") else {
        return false;
    };
    if !(head.is_empty() || head.ends_with(char::is_whitespace)) {
        return false;
    }
    let clause = &head[head.rfind([',', ';', ':', '(']).map_or(0, |i| i + 1)..];
    clause
        .split_whitespace()
        .rev()
        .take(8)
        .any(|w| MOVEMENT.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// The words of the sentence that belong to this count and no other number: from the end
/// of the number before it to the start of the number after it.
fn own_clause(ctx: &Context, sentence: &Range<usize>, span: &Range<usize>) -> Range<usize> {
    let quantities = &ctx.ann.quantities;
    let before =
        crate::text::spans::starting_in(quantities, |q| &q.span, &(sentence.start..span.start));
    let after = crate::text::spans::starting_in(quantities, |q| &q.span, &(span.end..sentence.end));
    let from = before.last().map_or(sentence.start, |q| {
        q.span.end.clamp(sentence.start, span.start)
    });
    let to = after.first().map_or(sentence.end, |q| q.span.start);
    from..to
}

/// End of the `n` words after `pos`, not crossing `limit`.
fn words_forward(text: &str, pos: usize, limit: usize, n: usize) -> usize {
    text[pos..limit]
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(n)
        .map_or(limit, |(i, _)| pos + i)
}

/// Zero counts: a zero word ("no one", "nobody", "no") followed closely by a measure's
/// trigger, with at most a known group between ("no civilians were hurt").
fn zeros(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let frames = &ctx.rules.frames;
    // The zero words, each with its sentence and the few words after it that can hold its
    // trigger; the triggers in those are searched for together (see `triggers_in`).
    let mut zeros: Vec<(&Range<usize>, Range<usize>)> = Vec::new();
    let mut windows: Vec<Range<usize>> = Vec::new();
    // Every sentence is asked on its own: a search of the whole text for where a zero word
    // may start found "no" inside every "not", "now" and "know", and cost more than the
    // sentences' searches it was to spare (callgrind, 600 articles: 1,845M -> 1,799M).
    for sentence in &ctx.doc.sentences {
        for m in ZERO.find_iter_from(text, sentence.clone(), None) {
            let zero = sentence.start + m.start..sentence.start + m.end;
            windows.push(zero.end..words_forward(text, zero.end, sentence.end, ZERO_DISTANCE + 4));
            zeros.push((sentence, zero));
        }
    }
    let found = triggers_in(frames, text, &windows);
    for ((sentence, zero), triggers) in zeros.into_iter().zip(&found) {
        // The group counted: a known noun right after the zero word, else people.
        let next: Vec<(usize, &str)> = words(&text[zero.end..sentence.end])
            .take(2)
            .map(|(i, w)| (zero.end + i, w))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let named = next.iter().find_map(|(at, w)| {
            subject_of(frames, w).map(|i| (frames.subjects[i].0.clone(), *at + w.len()))
        });
        let best = frames
            .counts
            .iter()
            .zip(triggers)
            .filter(|(f, _)| f.counts(named.as_ref().map_or("people", |n| n.0.as_str())))
            .flat_map(|(f, ms)| ms.iter().map(move |t| (f, t)))
            .filter(|(_, t)| t.start >= zero.end)
            .map(|(f, t)| (ctx.words_between(&zero, t), f, t))
            .filter(|(d, _, t)| *d <= ZERO_DISTANCE && !BOUNDARY.is_match(&text[zero.end..t.start]))
            // A bare "no" counts a group it names or a plural it is the determiner of
            // ("no casualties"), not any noun ("no food aid").
            .filter(|(d, _, t)| {
                !text[zero.clone()].eq_ignore_ascii_case("no")
                    || named.is_some()
                    || (*d == 0 && text[(*t).clone()].ends_with('s'))
            })
            .min_by_key(|(d, _, t)| (*d, t.start));
        let Some((_, frame, trigger)) = best else {
            continue;
        };
        // "no one" names people; "no violations" names its own group.
        let (subject, end) = named.unwrap_or_else(|| ("people".to_string(), zero.end));
        let span = zero.start..end.max(zero.end);
        push(
            ctx,
            out,
            Found {
                frame,
                trigger: trigger.clone(),
                sentence: sentence.clone(),
                span: span.clone(),
                subject,
                subject_actor: None,
                subject_text: text[span].to_string(),
                value: (0.0, Some(0.0), Some(0.0), Qualifier::Exact, 0.0),
            },
        );
    }
}

/// Words whose subject a thread remembers before it starts afresh.
const SUBJECT_CACHE_LIMIT: usize = 4096;

thread_local! {
    /// The subjects of words, for the frames they were asked of: the words after a
    /// corpus's numbers repeat ("people", "civilians", "were"), and each was matched
    /// against every subject's nouns, a regex search each (a sixth of extraction).
    static SUBJECTS: std::cell::RefCell<Memo<Option<usize>>> =
        std::cell::RefCell::new(Memo::new(SUBJECT_CACHE_LIMIT));
}

thread_local! {
    /// Whether a word ends the noun phrase after a number ([`NP_STOP`]), and whether it
    /// names no group ([`FILLER`]): asked of every word after every number, a regex search
    /// each, and the same few hundred words recur.
    static STOPS: std::cell::RefCell<Memo<bool>> =
        std::cell::RefCell::new(Memo::new(SUBJECT_CACHE_LIMIT));
    static FILLERS: std::cell::RefCell<Memo<bool>> =
        std::cell::RefCell::new(Memo::new(SUBJECT_CACHE_LIMIT));
}

/// Whether `word` ends the noun phrase after a number (see [`NP_STOP`]).
fn ends_phrase(word: &str) -> bool {
    STOPS.with_borrow_mut(|m| m.get(0, word, || NP_STOP.is_match(word)))
}

/// Whether `word` names no group (see [`FILLER`]).
fn is_filler(word: &str) -> bool {
    FILLERS.with_borrow_mut(|m| m.get(0, word, || FILLER.is_match(word)))
}

/// The bodies subject, when the words right before a figure are "the bodies of".
fn bodies_before(
    frames: &Frames,
    text: &str,
    sentence: &Range<usize>,
    at: usize,
) -> Option<String> {
    let mut from = sentence.start.max(at.saturating_sub(24));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..at];
    let caps = NOUN_OF.captures(head)?;
    let i = subject_of(frames, caps.get(1)?.as_str())?;
    let name = &frames.subjects[i].0;
    (name == BODIES).then(|| name.clone())
}

/// The subject whose count is of bodies found, a part of the dead.
const BODIES: &str = "bodies";

/// The first subject one of whose nouns is all of `word`.
fn subject_of(frames: &Frames, word: &str) -> Option<usize> {
    SUBJECTS.with_borrow_mut(|subjects| {
        subjects.get(frames.instance, word, || {
            frames
                .subjects
                .iter()
                .position(|(_, re)| full_match(re, word))
        })
    })
}

fn full_match(re: &GatedRegex, word: &str) -> bool {
    re.find(word).is_some_and(|m| m == (0..word.len()))
}

/// Words of `s` with their byte offsets; punctuation is trimmed from each.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ').scan(0usize, |pos, w| {
        let at = *pos;
        *pos += w.len() + 1;
        let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        let lead = w.find(trimmed).unwrap_or(0);
        Some((at + lead, trimmed))
    })
}

/// The words after a number that name what it counts: up to a stop word, punctuation or
/// [`NP_MAX_WORDS`] words.
fn noun_phrase(text: &str, from: usize, limit: usize) -> Range<usize> {
    let rest = &text[from..limit];
    let mut end = from;
    let mut count = 0;
    let mut offset = 0;
    for raw in rest.split(' ') {
        let at = from + offset;
        offset += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let word = raw.trim_end_matches([',', '.', ';', ':', ')', '"', '\'', '!', '?']);
        // A dash or other punctuation alone ends the phrase ("more than 3,300 - but"), and so
        // do a bracket, a quotation mark or a full stop with no space after it ("12.The"); a
        // hyphen joined to a word is a compound ("a four-day truce"), not a bare number.
        let compound = word.starts_with('-') && word[1..].starts_with(char::is_alphanumeric);
        if ends_phrase(word) || !(word.starts_with(char::is_alphanumeric) || compound) {
            break;
        }
        end = at + word.len();
        count += 1;
        if word.len() < raw.len() || count >= NP_MAX_WORDS {
            break;
        }
    }
    from..end
}

/// The noun a count counts, for keys finer than its subject class: the first word of its
/// phrase that names a known group, lower case and singular ("two dams" -> "dam", "five
/// planes carrying three rescue teams" -> "plane"). `None` when that is the subject's own
/// name ("12 soldiers"), a generic word for people ("people", "persons", "others") or no
/// known noun at all (a bare number).
pub(crate) fn counted_noun(frames: &Frames, subject: &str, subject_text: &str) -> Option<String> {
    let word = words(subject_text)
        .map(|(_, w)| w)
        .find(|w| !w.is_empty() && subject_of(frames, w).is_some())?;
    let w = word.to_lowercase();
    if GENERIC_PEOPLE.contains(&w.as_str()) {
        return None;
    }
    let singular = |w: &str| {
        if let Some(stem) = w.strip_suffix("ies") {
            format!("{stem}y")
        } else if w.ends_with('s') && !w.ends_with("ss") {
            w[..w.len() - 1].to_string()
        } else {
            w.to_string()
        }
    };
    let noun = singular(&w);
    (noun != singular(subject)).then_some(noun)
}

/// Words that count people without naming who they are.
const GENERIC_PEOPLE: &[&str] = &["people", "person", "persons", "individuals", "others"];

/// Compile this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&NP_STOP);
    LazyLock::force(&FILLER);
    LazyLock::force(&BOUNDARY);
    LazyLock::force(&SUBSET);
    LazyLock::force(&ZERO);
    LazyLock::force(&OF_THEM);
    LazyLock::force(&THEM_BEFORE);
    LazyLock::force(&COORDINATOR);
    LazyLock::force(&AUXILIARY);
    LazyLock::force(&RELATIVE);
    LazyLock::force(&CONTRAST);
    LazyLock::force(&REPORTER);
    LazyLock::force(&DENOMINATOR);
    LazyLock::force(&ANCHOR);
    LazyLock::force(&VAGUE_OF);
    LazyLock::force(&RISE);
    LazyLock::force(&PROJECTION);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn frames(subjects: &str) -> Frames {
        let src = format!("subjects:\n{subjects}");
        Frames::compile(&[(PathBuf::from("f.yaml"), src)], None).unwrap()
    }

    #[test]
    fn a_words_subject_is_remembered_for_its_own_frames_only() {
        let a = frames("  gunners: ['gunners?']\n  people: ['people', 'persons?']\n");
        let b = frames("  crews: ['gunners?', 'crews?']\n");
        for _ in 0..2 {
            assert_eq!(subject_of(&a, "Gunners"), Some(0));
            assert_eq!(subject_of(&a, "persons"), Some(1));
            assert_eq!(subject_of(&a, "crews"), None);
            assert_eq!(subject_of(&b, "crews"), Some(0));
            assert_eq!(
                subject_of(&b, "persons"),
                None,
                "not the other frames' answer"
            );
            assert_eq!(subject_of(&a, "gunner"), Some(0));
            assert_eq!(
                subject_of(&a, "gunnery"),
                None,
                "a whole word, not a prefix"
            );
        }
    }
}
