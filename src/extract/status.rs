//! Status claims: the state of a named thing ("the accord seems to be holding").

use super::Context;
use crate::annotate::Mention;
use crate::claims::{Claim, ClaimKind};

/// Words before the subject searched for a blocker ("talks on a new accord").
const BLOCKER_REACH: usize = 4;

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
            for (status, re) in &frame.statuses {
                for m in re.find_iter(&text[sentence.clone()]) {
                    let trig = sentence.start + m.start..sentence.start + m.end;
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
                    let reach = super::modality::words_back(
                        text,
                        sentence.start,
                        span.start,
                        BLOCKER_REACH,
                    )..span.end;
                    if frame
                        .blockers
                        .as_ref()
                        .is_some_and(|b| b.is_match(&text[reach.start..trig.start]))
                    {
                        continue;
                    }
                    let active_from = g
                        .thing_of(subject.entity_ref)
                        .and_then(|t| t.active.map(|a| a.from));
                    let (when, basis) = ctx.when(sentence, &trig, frame.window_days, active_from);
                    out.push(Claim {
                        kind: ClaimKind::Status {
                            subject: subject.entity.clone(),
                            status: status.clone(),
                        },
                        frame: frame.id.clone(),
                        modality: ctx.modality(sentence, &trig, &span),
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
}
