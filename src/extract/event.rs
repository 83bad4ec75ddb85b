//! Event-date claims: when a named thing was signed, came into force, began.

use super::Context;
use crate::annotate::Mention;
use crate::claims::{Claim, ClaimKind, TimeBasis};

/// Most words between the trigger and its date: further away, the date is another event's.
const MAX_DATE_DISTANCE: usize = 6;
/// Further words allowed when the date carries a time of day: "at 02:00 local time (23:00 GMT)".
const CLOCK_WORDS: usize = 6;

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    for frame in &ctx.rules.frames.events {
        let about = |m: &Mention| match &frame.subject {
            Some(s) => &m.entity == s || g.thing_of(m.entity_ref).is_some_and(|t| &t.class == s),
            None => g.thing_of(m.entity_ref).is_some(),
        };
        for (sentence, mentions) in &ctx.things {
            let things: Vec<_> = mentions.iter().filter(|m| about(m)).collect();
            if things.is_empty() {
                continue;
            }
            for m in frame.trigger.find_iter(&text[sentence.clone()]) {
                let trig = sentence.start + m.start..sentence.start + m.end;
                let Some(thing) = things
                    .iter()
                    .filter(|t| ctx.words_between(&t.span, &trig) <= frame.max_distance)
                    .min_by_key(|t| ctx.words_between(&t.span, &trig))
                else {
                    continue;
                };
                // "a pause in fighting, the first since the fighting that began on October 7":
                // the trigger is another noun's, in a relative clause that does not hang on
                // the thing.
                if thing.span.end <= trig.start
                    && other_antecedent(&text[thing.span.end..trig.start])
                {
                    continue;
                }
                // The date must be the event's: a precise one, not a running "since".
                // The event's own date: near the trigger, and in its clause when there is a choice
                // ("signed on March 5, took effect on March 6").
                let clause_break = |t: &crate::annotate::TimeExpr| {
                    let (lo, hi) = if t.span.end <= trig.start {
                        (t.span.end, trig.start)
                    } else {
                        (trig.end, t.span.start.max(trig.end))
                    };
                    usize::from(text[lo..hi].contains([',', ';', '(', ')']))
                };
                // "in effect since May 20": a trigger that ends in "since" takes the running
                // "since" as its own day, the day the running began.
                let since = text[trig.clone()].ends_with("since");
                let own = |t: &crate::annotate::TimeExpr| match t.modifier {
                    None => true,
                    Some(crate::annotate::TimeMod::Since) => {
                        since && trig.start < t.span.start && t.span.start < trig.end
                    }
                    Some(_) => false,
                };
                let Some(time) = ctx
                    .ann
                    .times
                    .iter()
                    .filter(|t| sentence.start <= t.span.start && t.span.end <= sentence.end)
                    .filter(|t| own(t) && t.range.days() <= 31)
                    // A dateline is when the text was filed, not when the event happened.
                    .filter(|t| !t.dateline)
                    // A time of day and its zone may stand between ("came into force at 02:00
                    // local time (23:00 GMT) on March 6").
                    .filter(|t| {
                        let clock = if t.time.is_some() { CLOCK_WORDS } else { 0 };
                        ctx.words_between(&t.span, &trig) <= MAX_DATE_DISTANCE + clock
                    })
                    .min_by_key(|t| (clause_break(t), ctx.words_between(&t.span, &trig)))
                else {
                    continue;
                };
                // "agreed to extend the truce", "announced the truce extension": the date is
                // the extension's, not the thing's signing or announcement.
                let event = if extension(text, sentence.start, &thing.span) {
                    EXTENDED.to_string()
                } else {
                    frame.event.clone()
                };
                // "signed yesterday a truce with the rebels on May 21, 2023": a calendar date
                // later in the clause dates the same signing again; when it names another day,
                // the text gives the reader two dates, and each is a claim.
                let again = restated(ctx, sentence, &thing.span, &trig, time);
                for time in std::iter::once(time).chain(again) {
                    let span = super::cover(&super::cover(&thing.span, &trig), &time.span);
                    out.push(Claim {
                        kind: ClaimKind::EventDate {
                            thing: thing.entity.clone(),
                            event: event.clone(),
                            instant: instant_of(time),
                        },
                        frame: frame.id.clone(),
                        modality: ctx.modality(sentence, &trig, &span),
                        span,
                        sentence: sentence.clone(),
                        when: match time.modifier {
                            Some(_) => crate::calendar::DayRange {
                                from: time.range.from,
                                to: time.range.from,
                            },
                            None => time.range,
                        },
                        time_basis: TimeBasis::Text,
                        place: None,
                    });
                }
                break;
            }
        }
    }
}

/// Most words between the thing and a calendar date that restates its event's day.
const MAX_RESTATED_DISTANCE: usize = 12;

/// A calendar date that dates the event a second time, later in its clause: "signed yesterday
/// a truce with the rebels on May 21, 2023". Only after a date that depends on the day of
/// writing ("yesterday", "Friday"), only a written calendar day ("on May 21") on another day
/// than the first, and only when the words between continue the thing's own phrase: a
/// clause of its own ("which takes effect on May 22"), a verb ("ending the fighting that
/// began on"), or a bound ("until", "from") dates something else.
fn restated<'t>(
    ctx: &'t Context,
    sentence: &std::ops::Range<usize>,
    thing: &std::ops::Range<usize>,
    trig: &std::ops::Range<usize>,
    first: &crate::annotate::TimeExpr,
) -> Option<&'t crate::annotate::TimeExpr> {
    static BREAK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)[;()]|\b(?:which|that|who|whom|whose|when|where|while|whereas|and|but|or|to|will|would|shall|should|could|can|may|might|must|is|are|was|were|be|been|being|has|have|had|do|does|did|after|before|until|till|since|from|through|due|effective|valid|began|begun|begins|took|takes|came|comes|met|meets|said|says|held|holds|broke|fell|won|ended|\w+ed|\w+ing)\b",
        )
        .expect("valid")
    });
    static ON: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)\bon\s*$").expect("valid"));
    let text = ctx.text();
    let written =
        |t: &crate::annotate::TimeExpr| text[t.span.clone()].contains(|c: char| c.is_ascii_digit());
    if written(first) {
        return None;
    }
    let after = thing.end.max(trig.end).max(first.span.end);
    ctx.ann
        .times
        .iter()
        .filter(|t| after <= t.span.start && t.span.end <= sentence.end)
        .filter(|t| !t.dateline && t.modifier.is_none() && t.range.is_single_day())
        .filter(|t| written(t) && !t.range.overlaps(&first.range))
        .find(|t| {
            let gap = &text[after..t.span.start];
            ctx.words_between(thing, &t.span) <= MAX_RESTATED_DISTANCE
                && ON.is_match(gap)
                && !BREAK.is_match(gap)
        })
}

/// The UTC moment of a day said with a time of day and its zone; `None` without a zone.
fn instant_of(t: &crate::annotate::TimeExpr) -> Option<jiff::Timestamp> {
    let (hour, minute, Some(offset)) = t.time? else {
        return None;
    };
    if !t.range.is_single_day() || t.modifier.is_some() {
        return None;
    }
    let local = t
        .range
        .from
        .to_datetime(jiff::civil::time(hour as i8, minute as i8, 0, 0));
    let zone = jiff::tz::Offset::from_seconds(i32::from(offset) * 60).ok()?;
    zone.to_timestamp(local).ok()
}

/// The event of a claim about a thing's extension.
const EXTENDED: &str = "extended";

/// Whether the words between a thing and a later trigger end in a relative pronoun ("that",
/// "which", "who", with auxiliaries) that follows another noun than the thing.
fn other_antecedent(between: &str) -> bool {
    static REL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:that|which|who)\s+(?:(?:was|were|is|are|has|have|had|been|be)\s+)*$",
        )
        .expect("valid")
    });
    REL.find(between)
        .is_some_and(|m| between[..m.start()].chars().any(char::is_alphanumeric))
}

/// Whether a thing's mention is the object of an extension: "extend the truce", "extension
/// of the truce", "the extended truce", "the truce extension".
fn extension(text: &str, floor: usize, thing: &std::ops::Range<usize>) -> bool {
    static BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:extend(?:s|ed|ing)?|prolong(?:s|ed|ing)?|extension\s+of|prolongation\s+of)\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:[\w-]+\s+)?$",
        )
        .expect("valid")
    });
    static AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*(?:extension|prolongation)\b").expect("valid")
    });
    let back = super::modality::words_back(text, floor, thing.start, 4);
    let ahead = text[thing.end..]
        .char_indices()
        .nth(16)
        .map_or(text.len(), |(i, _)| thing.end + i);
    BEFORE.is_match(&text[back..thing.start]) || AFTER.is_match(&text[thing.end..ahead])
}
