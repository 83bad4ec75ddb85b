//! Status claims: the state of a named thing ("the accord seems to be holding").

use super::Context;
use crate::annotate::Mention;
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
                        ctx.words_between(&s.span, &trig) <= frame.max_distance
                            && !(s.span.start <= trig.start && trig.end <= s.span.end)
                    })
                    .min_by_key(|s| ctx.words_between(&s.span, &trig))
                else {
                    continue;
                };
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
                let (when, basis) = ctx.when(sentence, &trig, frame.window_days, active_from);
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
