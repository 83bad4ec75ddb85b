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
/// the named agreement's days ("the 1994 ceasefire").
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

/// Most words an aside and the names in it may add between a subject and its status.
const ASIDE_WORDS: usize = 20;

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
    if let Some(a) = aside(text, gap.clone()) {
        parts = vec![gap.start..a.start, a.end..gap.end];
    }
    let words = |r: &Range<usize>| ctx.words_between(&(r.start..r.start), &(r.end..r.end));
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
fn pronoun_subject<'s, 'm>(
    ctx: &Context,
    sentence: &Range<usize>,
    subjects: &'s [&'m &'m Mention],
    trig: &Range<usize>,
) -> Option<&'s &'m &'m Mention> {
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
    subjects.iter().rev().find(|s| s.span.end <= back)
}

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    for frame in &ctx.rules.frames.status {
        let about = |m: &Mention| {
            m.entity == frame.subject
                || g.thing_of(m.entity_ref)
                    .is_some_and(|t| t.class == frame.subject)
        };
        for (sentence, mentions) in &ctx.things {
            let subjects: Vec<_> = mentions.iter().filter(|m| about(m)).collect();
            if subjects.is_empty() {
                continue;
            }
            // Every status word of the sentence; of two that overlap, the longer says more
            // ("appears to hold shakily" is fragile, not holding).
            let found: Vec<(&String, Range<usize>)> = frame
                .statuses
                .iter()
                .flat_map(|(status, re)| {
                    re.find_iter(&text[sentence.clone()])
                        .map(move |m| (status, sentence.start + m.start..sentence.start + m.end))
                })
                .collect();
            let kept = found.iter().filter(|(status, t)| {
                !found.iter().any(|(other, u)| {
                    other != status && u.start < t.end && t.start < u.end && u.len() > t.len()
                })
            });
            for (status, trig) in kept {
                let (status, trig) = (*status, trig.clone());
                let Some(subject) = subjects
                    .iter()
                    .filter(|s| {
                        distance(ctx, &s.span, &trig, frame.max_distance) <= frame.max_distance
                            && !(s.span.start <= trig.start && trig.end <= s.span.end)
                    })
                    .min_by_key(|s| distance(ctx, &s.span, &trig, frame.max_distance))
                    .or_else(|| pronoun_subject(ctx, sentence, &subjects, &trig))
                else {
                    continue;
                };
                // An aside between the subject and its status ("the truce, which took effect
                // on Friday, has held") dates something else.
                let aside = (subject.span.end <= trig.start)
                    .then(|| aside(text, subject.span.end..trig.start))
                    .flatten();
                let span = super::cover(&subject.span, &trig);
                let reach =
                    super::modality::words_back(text, sentence.start, span.start, BLOCKER_REACH)
                        ..span.end;
                if frame
                    .blockers
                    .as_ref()
                    .is_some_and(|b| b.is_match(&text[reach.start..trig.start]))
                {
                    continue;
                }
                // "earlier truces", "the 1994 ceasefire": another agreement than the one
                // the subject resolved to.
                if not_current(ctx, frame, sentence, subject) {
                    continue;
                }
                // "no violations were recorded" says the truce holds; a negated status
                // with no counterpart says nothing.
                let negated = super::modality::negated_before(text, sentence, &trig);
                let status = if negated {
                    match frame.negated.get(status) {
                        Some(s) => s,
                        None => continue,
                    }
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
                let (mut when, basis) =
                    ctx.when_with(sentence, &trig, frame.window_days, active_from, &usable);
                // "the truce took effect late Monday, but it was quickly violated": the date
                // is the earlier clause's; the status came on or after it, up to publication.
                if let Some(t) = ctx.nearest_time(sentence, &trig, &usable)
                    && t.span.end <= trig.start
                    && LATER_CLAUSE.is_match(&text[t.span.end..trig.start])
                {
                    let published = ctx.doc.meta.published.to;
                    let days = jiff::ToSpan::days(i32::try_from(frame.window_days).unwrap_or(0));
                    if published > when.to
                        && published.checked_sub(days).is_ok_and(|d| d <= when.from)
                    {
                        when.to = published;
                    }
                }
                let mut modality = ctx.modality(sentence, &trig, &span);
                // "will be observed", "is due to end": a plan says nothing of the state.
                if modality.planned {
                    continue;
                }
                if negated {
                    // The negation is read into the status.
                    modality.negated = false;
                }
                out.push(Claim {
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
                });
            }
        }
    }
}
