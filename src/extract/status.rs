//! Status claims: the state of a named thing ("the accord seems to be holding").

use super::Context;
use crate::annotate::Mention;
use crate::annotate::time::TimeMod;
use crate::claims::{Claim, ClaimKind};
use crate::rules::frames::StatusFrame;
use std::ops::Range;

/// Words before the subject searched for a blocker ("talks on a new accord").
const BLOCKER_REACH: usize = 4;

/// Words either side of the subject searched for a year that dates it.
const YEAR_REACH: usize = 3;

/// Whether the subject's mention names another agreement than the current one: words of the
/// frame's `not_current` just before it ("previous truces"), or a year next to it outside
/// the named agreement's days ("the 1994 accord").
fn not_current(
    ctx: &Context,
    frame: &StatusFrame,
    sentence: &Range<usize>,
    subject: &Mention,
) -> bool {
    let text = ctx.text();
    let before = super::modality::words_back(text, sentence.start, subject.span.start, 2);
    if frame
        .not_current
        .as_ref()
        .is_some_and(|re| re.is_match(&text[before..subject.span.start]))
    {
        return true;
    }
    let Some(active) = ctx
        .rules
        .gazetteer
        .thing_of(subject.entity_ref)
        .and_then(|t| t.active)
    else {
        return false;
    };
    let from = super::modality::words_back(text, sentence.start, subject.span.start, YEAR_REACH);
    let to = words_forward(text, subject.span.end, sentence.end, YEAR_REACH);
    years(&text[from..to]).any(|y| y < active.from.year() || y > active.to.year())
}

/// End of the `n` words after `pos`, not crossing `limit`.
fn words_forward(text: &str, pos: usize, limit: usize, n: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text[pos..limit].char_indices() {
        if c.is_whitespace() && i > 0 {
            seen += 1;
            if seen > n {
                return pos + i;
            }
        }
    }
    limit
}

/// Four-digit years (1900-2099) among the words of `s`.
fn years(s: &str) -> impl Iterator<Item = i16> + '_ {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .filter_map(|w| w.parse().ok())
}

/// A clause break that moves the story on: ", but", ", yet", ", and then".
static LATER_CLAUSE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i),\s*(?:but|yet|and then)\b").expect("valid")
});

/// Prepositions that open a phrase of their own between a status word and the agreement
/// after it ("a fragile step towards the deal"); "of" ties them ("violation of the truce").
static PREPOSITION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:towards?|to|for|from|with|into|against|about|on|in|at)\b")
        .expect("valid")
});

/// Whether the words between a status word and the agreement after it start with a noun of
/// their own and hold a preposition: "step towards the", not "in fighting after a", "the
/// terms of the".
fn owns_noun(gap: &str) -> bool {
    static FUNCTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\W*(?:the|a|an|this|that|these|those|its|their|his|her|our|of|by|and|but|or|as|\w+ly)\b")
            .expect("valid")
    });
    let gap = gap.trim_start();
    !gap.is_empty()
        && gap.starts_with(|c: char| c.is_alphanumeric())
        && !FUNCTION.is_match(gap)
        && !PREPOSITION.is_match(gap.split_whitespace().next().unwrap_or(""))
        && PREPOSITION.is_match(gap)
}

/// Most words an aside and the names in it may add between a subject and its status.
const ASIDE_WORDS: usize = 20;

/// Most words between an aside's closing comma and the status word.
const AFTER_ASIDE: usize = 3;

/// An aside set off by commas inside `gap` (the words between a subject and its status):
/// from the first comma to the last, when there are two.
fn aside(text: &str, gap: Range<usize>) -> Option<Range<usize>> {
    let g = &text[gap.clone()];
    let first = g.find(',')?;
    let last = g.rfind(',')?;
    (last > first).then(|| gap.start + first..gap.start + last + 1)
}

/// Words between a subject and its status word, read as a reader does: an aside between
/// commas ("the truce, which took effect on Friday, has held") is left out, and a name of
/// several words ("brokered by the US Secretary of State") counts as one.
fn distance(ctx: &Context, subject: &Range<usize>, trig: &Range<usize>, max: usize) -> usize {
    let plain = ctx.words_between(subject, trig);
    // Asides and names only shorten a gap so much: a far subject is not read further.
    if subject.end > trig.start || plain <= max || plain > max + ASIDE_WORDS {
        return plain;
    }
    let text = ctx.text();
    let gap = subject.end..trig.start;
    let mut parts = vec![gap.clone()];
    let words = |r: &Range<usize>| ctx.words_between(&(r.start..r.start), &(r.end..r.end));
    // After an aside the status word comes at once ("the truce, signed in May, has held");
    // a list's last item ("a truce, aid, and protection from violations") is no aside.
    if let Some(a) = aside(text, gap.clone())
        && words(&(a.end..gap.end)) <= AFTER_ASIDE
    {
        parts = vec![gap.start..a.start, a.end..gap.end];
    }
    let mut n: usize = parts.iter().map(words).sum();
    for p in &parts {
        for m in crate::text::spans::starting_in(&ctx.ann.mentions, |m| &m.span, p) {
            if m.span.end <= p.end {
                n = n.saturating_sub(words(&m.span).saturating_sub(1));
            }
        }
    }
    n
}

/// "agreed on a truce ..., but it was broken within minutes": "it" just before the status
/// word stands for the thing the sentence named before it, however far back.
fn pronoun_subject<'m>(
    ctx: &Context,
    sentence: &Range<usize>,
    subjects: &[&'m Mention],
    trig: &Range<usize>,
) -> Option<&'m Mention> {
    // "it" opening a clause (after a comma or a conjunction), not inside a noun phrase
    // ("the women it was holding").
    static IT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:^\s*|\b(?:but|and|yet|though|although|however|while|when|after|until)\s+)it\s+(?:[a-z]+\s+){0,2}$",
        )
        .expect("valid")
    });
    let text = ctx.text();
    let back = super::modality::words_back(text, sentence.start, trig.start, 4);
    if !IT.is_match(&text[back..trig.start]) {
        return None;
    }
    subjects.iter().rev().find(|s| s.span.end <= back).copied()
}

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    for frame in &ctx.rules.frames.status {
        let first = out.len();
        let about = |m: &Mention| {
            m.entity == frame.subject
                || g.thing_of(m.entity_ref)
                    .is_some_and(|t| t.class == frame.subject)
        };
        let mut sentences: Vec<(Range<usize>, Vec<Mention>)> = ctx
            .things
            .iter()
            .map(|(s, ms)| {
                let ms = ms.iter().filter(|m| about(m)).map(|m| (*m).clone());
                (s.clone(), ms.collect::<Vec<_>>())
            })
            .filter(|(_, ms)| !ms.is_empty())
            .collect();
        anaphors(ctx, frame, &about, &mut sentences);
        // Words for several agreements only matter near a status word read of a subject,
        // or when some agreement is recent enough for them to stand for (see `plural`):
        // they are searched for, over the whole text, only then.
        let plurals = std::cell::OnceCell::new();
        let plurals = || plurals.get_or_init(|| plural_phrases(ctx, frame));
        for (sentence, mentions) in &sentences {
            let subjects: Vec<&Mention> = mentions.iter().collect();
            let sentence = &sentence.clone();
            for (status, trig) in status_words(frame, text, sentence) {
                let Some(subject) = subjects
                    .iter()
                    .filter(|s| {
                        distance(ctx, &s.span, &trig, frame.max_distance) <= frame.max_distance
                            && !(s.span.start <= trig.start && trig.end <= s.span.end)
                    })
                    .min_by_key(|s| distance(ctx, &s.span, &trig, frame.max_distance))
                    .copied()
                    .or_else(|| pronoun_subject(ctx, sentence, &subjects, &trig))
                else {
                    continue;
                };
                // "the previous failed truces", "both accords were short-lived": the status
                // is theirs when they are nearer than the subject (see `plural`).
                let nearer = |p: &&(u32, Range<usize>)| {
                    sentence.start <= p.1.start
                        && p.1.end <= sentence.end
                        && p.1.start <= trig.start
                        && ctx.words_between(&p.1, &trig)
                            < distance(ctx, &subject.span, &trig, frame.max_distance)
                };
                if plurals().iter().any(|p| nearer(&p)) {
                    continue;
                }
                // "a fragile step towards the deal": a word of its own right after the status
                // word, then a preposition other than "of", puts another noun between the
                // status word and the agreement ("a lull in fighting after the truce" and
                // "violating the terms of the truce" still join).
                if trig.end <= subject.span.start && owns_noun(&text[trig.end..subject.span.start])
                {
                    continue;
                }
                // "accord talks collapsed": the talks did, not the accord.
                if qualifies_noun(ctx, frame, sentence, subject) {
                    continue;
                }
                // "earlier accords", "the 1994 accord": another agreement than the one
                // the subject resolved to.
                if not_current(ctx, frame, sentence, subject) {
                    continue;
                }
                // "This happened after the signing of the truce": the fighting is the
                // previous sentence's, or nothing the truce could be broken by.
                if points_back(text, &trig) && !fighting_before(ctx, frame, sentence) {
                    continue;
                }
                if let Some(claim) = status_claim(ctx, frame, sentence, subject, status, &trig) {
                    out.push(claim);
                }
            }
        }
        implicit(ctx, frame, &about, out);
        if !recent(ctx, frame).is_empty() {
            plural(ctx, frame, plurals(), &sentences, out);
        }
        let mut mine = out.split_off(first);
        dedup(&mut mine);
        out.extend(mine.into_iter().filter(|c| !c.sentence.is_empty()));
    }
}

/// "the militia violated the agreement": a definite word for an agreement (the frame's
/// `anaphors`) in a sentence that names none stands for the one the article named last
/// before it. Each becomes a mention of that agreement, in its sentence's entry.
fn anaphors(
    ctx: &Context,
    frame: &StatusFrame,
    about: &dyn Fn(&Mention) -> bool,
    sentences: &mut Vec<(Range<usize>, Vec<Mention>)>,
) {
    let Some(re) = &frame.anaphors else {
        return;
    };
    let named: Vec<Mention> = sentences
        .iter()
        .flat_map(|(_, ms)| ms.iter().cloned())
        .collect();
    if named.is_empty() {
        return;
    }
    let text = ctx.text();
    let mut added: Vec<(Range<usize>, Vec<Mention>)> = Vec::new();
    for m in re.find_iter(text) {
        let Some(sentence) = ctx.sentence_of(m.start) else {
            continue;
        };
        if m.end > sentence.end || sentences.iter().any(|(s, _)| *s == sentence) {
            continue;
        }
        let Some(last) = named.iter().rev().find(|n| n.span.end <= m.start) else {
            continue;
        };
        // Further back, "the agreement" may well be another one the text spoke of since.
        let gap = ctx
            .sentence_index(m.start)
            .zip(ctx.sentence_index(last.span.start));
        if !about(last) || gap.is_none_or(|(a, b)| a - b > ANAPHOR_SENTENCES) {
            continue;
        }
        let mention = Mention {
            span: m,
            generic: true,
            ..last.clone()
        };
        match added.last_mut() {
            Some((s, ms)) if *s == sentence => ms.push(mention),
            _ => added.push((sentence, vec![mention])),
        }
    }
    sentences.extend(added);
    sentences.sort_by_key(|(s, _)| s.start);
}

/// Most days before publication an agreement may have begun for "the previous truces" or
/// "both deals" to take it in: they are the story's recent ones, not every one on record.
const PLURAL_HORIZON_DAYS: i32 = 120;

/// The words naming several agreements at once in the text, with how many they name (0:
/// every earlier one), in text order.
fn plural_phrases(ctx: &Context, frame: &StatusFrame) -> Vec<(u32, Range<usize>)> {
    let text = ctx.text();
    let mut found: Vec<(u32, Range<usize>)> = Vec::new();
    for (n, re) in &frame.plurals {
        for m in re.find_iter(text) {
            if !found
                .iter()
                .any(|(_, r)| r.start < m.end && m.start < r.end)
            {
                found.push((*n, m));
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

/// The agreements of the frame's class begun within [`PLURAL_HORIZON_DAYS`] before
/// publication, latest first: what words for several agreements may stand for. With none,
/// [`plural_things`] finds none.
fn recent(ctx: &Context, frame: &StatusFrame) -> Vec<(usize, crate::calendar::DayRange)> {
    let g = &ctx.rules.gazetteer;
    let published = ctx.doc.meta.published;
    let Ok(horizon) = published
        .from
        .checked_sub(jiff::ToSpan::days(PLURAL_HORIZON_DAYS))
    else {
        return Vec::new();
    };
    let mut recent: Vec<(usize, crate::calendar::DayRange)> = g
        .things
        .iter()
        .enumerate()
        .filter(|(_, t)| t.class == frame.subject || t.id == frame.subject)
        .filter_map(|(i, t)| t.active.map(|a| (i, a)))
        .filter(|(_, a)| horizon <= a.from && a.from <= published.to)
        .collect();
    recent.sort_by_key(|(_, a)| std::cmp::Reverse(a.from));
    recent
}

/// The agreements of the frame's class that `n` agreements named together stand for: the
/// `n` latest begun by publication, leaving out those the article names one by one (they
/// are spoken of apart: "two earlier truces failed; the new one holds"), or with `n` 0
/// every one begun before the agreement in force at publication.
fn plural_things(ctx: &Context, frame: &StatusFrame, n: u32, named: &[String]) -> Vec<usize> {
    let g = &ctx.rules.gazetteer;
    let published = ctx.doc.meta.published;
    let recent = recent(ctx, frame);
    if n == 0 {
        let current = recent
            .iter()
            .find(|(_, a)| a.from <= published.to && published.to <= a.to)
            .map(|(_, a)| a.from);
        return recent
            .iter()
            .filter(|(_, a)| current.is_none_or(|c| a.from < c) && a.to < published.to)
            .map(|(i, _)| *i)
            .collect();
    }
    let apart: Vec<usize> = recent
        .iter()
        .filter(|(i, _)| !named.contains(&g.things[*i].id))
        .map(|(i, _)| *i)
        .collect();
    let pool = if apart.len() >= n as usize {
        apart
    } else {
        recent.iter().map(|(i, _)| *i).collect()
    };
    let n = n as usize;
    if pool.len() < n {
        return Vec::new();
    }
    pool.into_iter().take(n).collect()
}

/// "Both accords were short-lived", "two earlier truces have failed to hold": a status word
/// nearest words for several agreements is a claim of each of them.
fn plural(
    ctx: &Context,
    frame: &StatusFrame,
    plurals: &[(u32, Range<usize>)],
    sentences: &[(Range<usize>, Vec<Mention>)],
    out: &mut Vec<Claim>,
) {
    if plurals.is_empty() {
        return;
    }
    let text = ctx.text();
    let named: Vec<String> = sentences
        .iter()
        .flat_map(|(_, ms)| ms.iter())
        .filter(|m| {
            !plurals
                .iter()
                .any(|(_, p)| p.start < m.span.end && m.span.start < p.end)
        })
        .map(|m| m.entity.clone())
        .collect();
    for (n, phrase) in plurals {
        let Some(sentence) = ctx.sentence_of(phrase.start) else {
            continue;
        };
        if phrase.end > sentence.end {
            continue;
        }
        for (status, trig) in status_words(frame, text, &sentence) {
            let trig = &trig;
            let near = ctx.words_between(phrase, trig);
            // Each status word goes to the nearest words for several agreements, and only
            // when no single agreement named in the sentence is nearer.
            let nearest = plurals
                .iter()
                .filter(|(_, p)| sentence.start <= p.start && p.end <= sentence.end)
                .min_by_key(|(_, p)| ctx.words_between(p, trig))
                .is_some_and(|(_, p)| p == phrase);
            let single = sentences
                .iter()
                .filter(|(s, _)| *s == sentence)
                .flat_map(|(_, ms)| ms)
                .any(|m| {
                    !(phrase.start <= m.span.start && m.span.end <= phrase.end)
                        && ctx.words_between(&m.span, trig) < near
                });
            // They stand before their status word or hold it ("previous failed truces"):
            // after it they are more likely a comparison ("violated, like earlier deals").
            if near > frame.max_distance || !nearest || single || phrase.start > trig.start {
                continue;
            }
            for i in plural_things(ctx, frame, *n, &named) {
                let thing = &ctx.rules.gazetteer.things[i];
                let mention = Mention {
                    span: phrase.clone(),
                    class: crate::annotate::MentionClass::Thing,
                    entity: thing.id.clone(),
                    entity_ref: crate::rules::gazetteer::EntityRef::Thing(i),
                    score: 1.0,
                    generic: true,
                };
                if let Some(claim) = status_claim(ctx, frame, &sentence, &mention, status, trig) {
                    out.push(claim);
                }
            }
        }
    }
}

/// Most sentences between an anaphor and the agreement it stands for.
const ANAPHOR_SENTENCES: usize = 2;

/// Whether the subject only qualifies the noun after it ("the accord talks", "an accord
/// proposal"): a status word then speaks of that noun.
fn qualifies_noun(
    ctx: &Context,
    frame: &StatusFrame,
    sentence: &Range<usize>,
    subject: &Mention,
) -> bool {
    let Some(heads) = &frame.heads else {
        return false;
    };
    let text = ctx.text();
    let after = &text[subject.span.end..sentence.end];
    let to = words_forward(text, subject.span.end, sentence.end, 1);
    let next = &text[subject.span.end..to];
    !after.starts_with(|c: char| c.is_ascii_punctuation() && c != '-')
        && heads
            .find(next)
            .is_some_and(|m| next[..m.start].trim().is_empty())
}

/// Of two claims of one status of one subject, one inside the other's words ("a violation
/// of the law and a breach of the truce"), the shorter is kept: the longer reached past
/// another object to the same report. The dropped one's sentence is emptied, for the caller
/// to remove.
fn dedup(claims: &mut [Claim]) {
    let key = |c: &Claim| match &c.kind {
        ClaimKind::Status { subject, status } => Some((subject.clone(), status.clone())),
        _ => None,
    };
    for i in 0..claims.len() {
        for j in 0..claims.len() {
            if i == j || claims[j].sentence.is_empty() || claims[i].sentence.is_empty() {
                continue;
            }
            let (a, b) = (&claims[i], &claims[j]);
            let within = a.span.start <= b.span.start && b.span.end <= a.span.end;
            let longer = (a.span.len(), a.span.start) > (b.span.len(), b.span.start);
            if within && longer && key(a).is_some() && key(a) == key(b) {
                claims[i].sentence = 0..0;
            }
        }
    }
}

/// The status words of a sentence that names no agreement ("calm returned to the city",
/// "the guns fell silent"), read of the agreement the article named last before it, or of
/// the only one it names, when the sentence's days fit that agreement's.
fn implicit(
    ctx: &Context,
    frame: &StatusFrame,
    about: &dyn Fn(&Mention) -> bool,
    out: &mut Vec<Claim>,
) {
    if frame.implicit.is_empty() {
        return;
    }
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    let named: Vec<&Mention> = ctx
        .things
        .iter()
        .flat_map(|(_, ms)| ms.iter().copied())
        .filter(|m| about(m) && g.thing_of(m.entity_ref).is_some_and(|t| t.active.is_some()))
        .collect();
    let Some(only) = named.first() else {
        return;
    };
    let only = named
        .iter()
        .all(|m| m.entity == only.entity)
        .then_some(*only);
    let mut found: Vec<(&String, Range<usize>, Range<usize>)> = Vec::new();
    for (status, re) in &frame.implicit {
        for m in re.find_iter(text) {
            let Some(sentence) = ctx.sentence_of(m.start) else {
                continue;
            };
            if m.end > sentence.end
                || calm_after_signing(text, &m, sentence.end)
                || found
                    .iter()
                    .any(|(_, t, _)| t.start < m.end && m.start < t.end)
            {
                continue;
            }
            found.push((status, m, sentence));
        }
    }
    for (status, trig, sentence) in found {
        // An agreement named near the words is read by the frame's own words.
        let near = named.iter().any(|m| {
            sentence.start <= m.span.start
                && m.span.end <= sentence.end
                && ctx.words_between(&m.span, &trig) <= frame.max_distance
        });
        if near {
            continue;
        }
        let Some(subject) = named
            .iter()
            .rev()
            .find(|m| m.span.end <= trig.start)
            .copied()
            .or(only)
        else {
            continue;
        };
        // The claim's words are the status word's alone: the agreement is not among them.
        let subject = Mention {
            span: trig.clone(),
            ..subject.clone()
        };
        let Some(claim) = status_claim(ctx, frame, &sentence, &subject, status, &trig) else {
            continue;
        };
        let Some(active) = g.thing_of(subject.entity_ref).and_then(|t| t.active) else {
            continue;
        };
        // Calm before the agreement began, or long after it ended, is not its doing.
        let fits = match claim.kind {
            ClaimKind::Status { ref status, .. } if status == "collapsed" => {
                claim.when.to >= active.from
            }
            _ => claim.when.to >= active.from && claim.when.from <= active.to,
        };
        if fits {
            // The agreement's status begins with it ("since the truce last week, calm"): a
            // time before it dates something else.
            let mut claim = claim;
            if claim.when.from < active.from && active.from <= claim.when.to {
                claim.when.from = active.from;
            }
            out.push(claim);
        }
    }
}

/// A demonstrative opening the status words ("this happened after the signing of ..."):
/// what they speak of is told in the sentence before.
fn points_back(text: &str, trig: &Range<usize>) -> bool {
    static DEMONSTRATIVE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)^(?:this|that|it)\b").expect("valid"));
    DEMONSTRATIVE.is_match(&text[trig.clone()])
}

/// Whether the sentence before `sentence`, in the same paragraph, reports fighting (the
/// frame's `attacks`).
fn fighting_before(ctx: &Context, frame: &StatusFrame, sentence: &Range<usize>) -> bool {
    let Some(attacks) = &frame.attacks else {
        return false;
    };
    let text = ctx.text();
    let Some(prev) = ctx
        .sentence_index(sentence.start)
        .and_then(|i| i.checked_sub(1))
        .map(|i| ctx.doc.sentences[i].clone())
    else {
        return false;
    };
    !text[prev.end..sentence.start].contains("\n\n") && attacks.is_match(&text[prev])
}

/// Whether the status words tell of a time after the agreement began ("shelling after the
/// signing of the truce"): the claim then speaks of no day before it.
fn after_start(text: &str, trig: &Range<usize>) -> bool {
    static AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\bafter\b.*\bsigning\b").expect("valid")
    });
    AFTER.is_match(&text[trig.clone()])
}

/// Whether status words of fighting "after the signing" say it stopped, in them or in the
/// three words after ("attacks ceased after the signing of the truce", "after the signing
/// ceremony, shelling stopped"): a calm, not a violation.
fn calm_after_signing(text: &str, trig: &Range<usize>, sentence_end: usize) -> bool {
    after_start(text, trig)
        && stopped(&text[trig.start..words_forward(text, trig.end, sentence_end, 3)])
}

/// Whether words say fighting stopped.
fn stopped(words: &str) -> bool {
    static STOPPED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:stop(?:ped|s)?|ceas(?:ed|es)|halt(?:ed|s)|end(?:ed|s)|subsid(?:ed|es)|eas(?:ed|es)|calm(?:ed|s)?|paus(?:ed|es)|dropp?(?:ed|s)|declin(?:ed|es)|fell|no longer)\b",
        )
        .expect("valid")
    });
    STOPPED.is_match(words)
}

/// Whether a status word of the frame's `since_start` is told of the subject before it, as
/// done ("the truce which put an end to the fighting"), not as an aim ("agreed to put an
/// end to the fighting", "will stop the shelling") nor with a later turn in the sentence.
fn since_start(
    ctx: &Context,
    frame: &StatusFrame,
    sentence: &Range<usize>,
    subject: &Mention,
    trig: &Range<usize>,
) -> bool {
    static AIM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:to|will|would|could|can|may|might|should|must|shall|do|does|did|not|never)\s+$",
        )
        .expect("valid")
    });
    // "halted the fighting for weeks", "until the spring", "before it broke down": a calm
    // that lasted a while, not one that still holds.
    static BOUNDED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:for (?:a |several |some |many |a few |[a-z0-9]+ )?(?:days?|weeks?|months?|years?|time|while)|until|till|before)\b",
        )
        .expect("valid")
    });
    let text = ctx.text();
    let before = super::modality::words_back_any(text, sentence.start, trig.start, 1);
    // "put an end to the fighting, but clashes resumed": the sentence tells where it stopped.
    subject.span.end <= trig.start
        && !LATER_CLAUSE.is_match(&text[trig.end..sentence.end])
        && !BOUNDED.is_match(&text[trig.end..sentence.end])
        && frame
            .since_start
            .as_ref()
            .is_some_and(|re| re.is_match(&text[trig.clone()]))
        && !AIM.is_match(&text[before..trig.start])
}

/// The claim that `subject` has `status`, said by the words at `trig` in `sentence`; none
/// when a blocker takes the status word ("talks on a truce failed"), the status is negated
/// with no counterpart, or it is only planned.
fn status_claim(
    ctx: &Context,
    frame: &StatusFrame,
    sentence: &Range<usize>,
    subject: &Mention,
    status: &String,
    trig: &Range<usize>,
) -> Option<Claim> {
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    let trig = trig.clone();
    // An aside between the subject and its status ("the truce, which took effect
    // on Friday, has held") dates something else.
    let aside = (subject.span.end <= trig.start)
        .then(|| aside(text, subject.span.end..trig.start))
        .flatten();
    let span = super::cover(&subject.span, &trig);
    let reach =
        super::modality::words_back(text, sentence.start, span.start, BLOCKER_REACH)..span.end;
    if frame
        .blockers
        .as_ref()
        .is_some_and(|b| b.is_match(&text[reach.start..trig.start]))
    {
        return None;
    }
    // "no violations were recorded" says the truce holds; a negated status
    // with no counterpart says nothing.
    let negated = super::modality::negated_before(text, sentence, &trig);
    let status = if negated {
        frame.negated.get(status)?
    } else {
        status
    };
    let active_from = g
        .thing_of(subject.entity_ref)
        .and_then(|t| t.active.map(|a| a.from));
    // A time in the aside dates something else, and an open period ("in place
    // since last week") says when a state began, not the days the status is said
    // of: the status then speaks of its article's days.
    let usable = |t: &crate::annotate::TimeExpr| {
        !matches!(t.modifier, Some(TimeMod::Since | TimeMod::After))
            && aside
                .as_ref()
                .is_none_or(|k| t.span.end <= k.start || k.end <= t.span.start)
    };
    let (mut when, mut basis) =
        ctx.when_with(sentence, &trig, frame.window_days, active_from, &usable);
    // "the truce began on Friday night, and within hours it was broken": the date
    // is the earlier clause's; the status came on or after it, up to publication.
    if let Some(t) = ctx.nearest_time(sentence, &trig, &usable)
        && t.span.end <= trig.start
        && LATER_CLAUSE.is_match(&text[t.span.end..trig.start])
    {
        let published = ctx.doc.meta.published.to;
        let days = jiff::ToSpan::days(i32::try_from(frame.window_days).unwrap_or(0));
        if published > when.to && published.checked_sub(days).is_ok_and(|d| d <= when.from) {
            when.to = published;
        }
    }
    if let Some(from) = active_from
        && basis == crate::claims::TimeBasis::Publication
    {
        // "The truce put an end to the fighting": it has held every day since it began,
        // a date the gazetteer gives.
        if !negated && from <= when.to && since_start(ctx, frame, sentence, subject, &trig) {
            when.from = when.from.min(from);
            basis = crate::claims::TimeBasis::Text;
        }
        // "Shelling after the signing of the truce" tells of no day before it began.
        if after_start(text, &trig) {
            if when.to < from {
                return None;
            }
            when.from = when.from.max(from);
        }
    }
    let mut modality = ctx.modality(sentence, &trig, &span);
    // "will be observed", "is due to end": a plan says nothing of the state.
    if modality.planned {
        return None;
    }
    if negated {
        // The negation is read into the status.
        modality.negated = false;
    }
    Some(Claim {
        kind: ClaimKind::Status {
            subject: subject.entity.clone(),
            status: status.clone(),
        },
        frame: frame.id.clone(),
        modality,
        span,
        sentence: sentence.clone(),
        when,
        time_basis: basis,
        place: None,
    })
}

/// Every status word of a sentence; of two that overlap, the longer says more ("appears to
/// hold shakily" is fragile, not holding).
fn status_words<'f>(
    frame: &'f crate::rules::frames::StatusFrame,
    text: &str,
    sentence: &Range<usize>,
) -> Vec<(&'f String, Range<usize>)> {
    // Each status's words are asked only where they may start (see
    // `StatusFrame::status_starts`).
    let hay = &text[sentence.clone()];
    let starts = frame.status_starts.starts(hay);
    let found: Vec<(&String, Range<usize>)> = frame
        .statuses
        .iter()
        .zip(starts)
        .flat_map(|((status, re), at)| {
            re.find_iter_from(hay, 0..hay.len(), at.as_deref())
                .map(move |m| (status, sentence.start + m.start..sentence.start + m.end))
                .collect::<Vec<_>>()
        })
        .filter(|(_, t)| !calm_after_signing(text, t, sentence.end))
        .collect();
    found
        .iter()
        .filter(|(status, t)| {
            !found.iter().any(|(other, u)| {
                other != status && u.start < t.end && t.start < u.end && u.len() > t.len()
            })
        })
        .cloned()
        .collect()
}
