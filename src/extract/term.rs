//! Agreement terms: the figures a named agreement sets, such as a corridor's width ("a 5 km
//! wide corridor", "5 km on each side") or a duration or deadline ("a four-day truce",
//! "within 30 days"). Units are converted to one base unit per term (km, hours).

use super::Context;
use crate::claims::{Claim, ClaimKind, TimeBasis};
use crate::gated::GatedRegex;
use std::sync::LazyLock;

/// A number in digits or in words.
const NUM: &str = r"(?P<n>\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|forty-eight|seventy-two|sixty|ninety)";

/// "5 km wide", "3-mile-wide", "5 km on each side", "five kilometres on either side".
static WIDTH: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(&format!(
        r"(?i)\b{NUM}[- ]?(?P<u>km|kilometres?|kilometers?|miles?|mi|metres?|meters?|m)\b(?:[- ](?P<wide>wide)|,? (?P<side>on (?:each|either|both) sides?|per side)|[- ]wide)"
    ))
});

/// "four-day", "72-hour", "one-week" before the agreement's name; "for three days";
/// "within 30 days" (a deadline).
static SPAN: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(&format!(
        r"(?i)\b(?:(?P<within>within|in the next|no later than) |(?P<for>for) )?{NUM}(?P<sep>[- ])(?P<u>hours?|days?|weeks?|months?)\b"
    ))
});

/// Compile the patterns now (see [`crate::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&WIDTH);
    LazyLock::force(&SPAN);
}

/// Most words between a figure and the agreement it belongs to.
const MAX_DISTANCE: usize = 6;

/// Most words between "four-day" and the agreement it describes ("four-day humanitarian
/// truce").
const ADJECTIVE_GAP: usize = 2;

fn number(s: &str) -> Option<f64> {
    let words = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("forty-eight", 48.0),
        ("sixty", 60.0),
        ("seventy-two", 72.0),
        ("ninety", 90.0),
    ];
    let l = s.to_ascii_lowercase();
    words
        .iter()
        .find(|(w, _)| *w == l)
        .map(|(_, v)| *v)
        .or_else(|| l.replace(',', "").parse().ok())
}

/// A length in km, a time span in hours.
fn base(value: f64, unit: &str) -> (f64, &'static str) {
    let u = unit.to_ascii_lowercase();
    match u.trim_end_matches('s') {
        "km" | "kilometre" | "kilometer" => (value, "km"),
        "mile" | "mi" => (value * 1.609_344, "km"),
        "metre" | "meter" | "m" => (value / 1000.0, "km"),
        "hour" => (value, "hours"),
        "day" => (value * 24.0, "hours"),
        "week" => (value * 168.0, "hours"),
        _ => (value * 720.0, "hours"), // a month, as 30 days
    }
}

/// What a time span sets: a deadline ("within 30 days"), a duration ("a four-day truce",
/// "for three days"), or nothing ("four days of talks" is not a term).
fn span_term(c: &crate::gated::Captures, s: &str) -> Option<&'static str> {
    if c.name("within").is_some() {
        Some("deadline")
    } else if c.name("for").is_some() || c.name("sep").is_some_and(|g| &s[g.range()] == "-") {
        Some("duration")
    } else {
        None
    }
}

/// A span that measures an extension ("a two-day extension", "extended for two days") is
/// not the agreement's own length.
fn extends(s: &str, at: std::ops::Range<usize>) -> bool {
    let after = s[at.end..].trim_start().to_ascii_lowercase();
    let before: String = s[..at.start]
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    after.starts_with("extension")
        || after.starts_with("renewal")
        || before.contains("extend")
        || before.contains("prolong")
}

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let g = &ctx.rules.gazetteer;
    for (sentence, mentions) in &ctx.things {
        let things: Vec<_> = mentions
            .iter()
            .filter(|m| g.thing_of(m.entity_ref).is_some())
            .collect();
        if things.is_empty() {
            continue;
        }
        let s = &text[sentence.clone()];
        let mut found: Vec<(
            std::ops::Range<usize>,
            &'static str,
            f64,
            &'static str,
            bool,
        )> = Vec::new();
        for c in WIDTH.captures_iter(s) {
            let (Some(n), Some(u), Some(all)) = (c.name("n"), c.name("u"), c.get(0)) else {
                continue;
            };
            let Some(v) = number(&s[n.range()]) else {
                continue;
            };
            let (value, unit) = base(v, &s[u.range()]);
            let at = sentence.start + all.start()..sentence.start + all.end();
            found.push((at, "width", value, unit, c.name("side").is_some()));
        }
        for c in SPAN.captures_iter(s) {
            let (Some(n), Some(u), Some(all)) = (c.name("n"), c.name("u"), c.get(0)) else {
                continue;
            };
            let Some(v) = number(&s[n.range()]) else {
                continue;
            };
            let (value, unit) = base(v, &s[u.range()]);
            let Some(term) = span_term(&c, s) else {
                continue;
            };
            if extends(s, all.range()) {
                continue;
            }
            let at = sentence.start + all.start()..sentence.start + all.end();
            // "a four-day truce": the figure belongs to the noun right after it ("the
            // 48-day war" is the war's, not the truce's).
            let adjective = c.name("within").is_none() && c.name("for").is_none();
            if adjective
                && !things.iter().any(|t| {
                    t.span.end > at.end && ctx.words_between(&at, &t.span) <= ADJECTIVE_GAP
                })
            {
                continue;
            }
            found.push((at, term, value, unit, false));
        }
        for (at, term, value, unit, per_side) in found {
            let Some(thing) = things
                .iter()
                .filter(|t| ctx.words_between(&t.span, &at) <= MAX_DISTANCE)
                .min_by_key(|t| ctx.words_between(&t.span, &at))
            else {
                continue;
            };
            let span = super::cover(&thing.span, &at);
            out.push(Claim {
                kind: ClaimKind::Term {
                    thing: thing.entity.clone(),
                    term: term.to_string(),
                    value,
                    unit: unit.to_string(),
                    per_side,
                },
                frame: format!("agreement-{term}"),
                modality: ctx.modality(sentence, &at, &span),
                span,
                sentence: sentence.clone(),
                when: ctx.doc.meta.published,
                time_basis: TimeBasis::Publication,
                place: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_meet_in_one_base() {
        assert_eq!(base(3.0, "miles").1, "km");
        assert!((base(3.0, "miles").0 - 4.828).abs() < 0.001);
        assert_eq!(base(4.0, "days"), (96.0, "hours"));
        assert_eq!(base(500.0, "metres"), (0.5, "km"));
    }

    #[test]
    fn widths_know_a_side_from_a_total() {
        let c = WIDTH
            .captures("a corridor 5 km on each side of the road")
            .unwrap();
        assert!(c.name("side").is_some());
        let c = WIDTH.captures("a 5-km-wide corridor").unwrap();
        assert!(c.name("side").is_none());
        assert!(
            WIDTH.captures("5 km from the border").is_none(),
            "a distance, not a width"
        );
    }

    #[test]
    fn spans_tell_a_deadline_from_a_duration() {
        let term = |s: &str| SPAN.captures(s).and_then(|c| span_term(&c, s));
        assert_eq!(term("to withdraw within 30 days"), Some("deadline"));
        assert_eq!(term("a four-day pause"), Some("duration"));
        assert_eq!(term("a pause for three days"), Some("duration"));
        assert_eq!(
            term("four days of talks"),
            None,
            "a span of talks sets no term"
        );
        assert_eq!(number("four"), Some(4.0));
        let s = "a two-day extension of the truce";
        assert!(extends(
            s,
            SPAN.captures(s).unwrap().get(0).unwrap().range()
        ));
        let s = "the truce was extended for two days";
        assert!(extends(
            s,
            SPAN.captures(s).unwrap().get(0).unwrap().range()
        ));
        let s = "the two-day truce";
        assert!(!extends(
            s,
            SPAN.captures(s).unwrap().get(0).unwrap().range()
        ));
    }
}
