//! Ordinal days of a named thing ("on Day 3 of the truce", "the second day of the
//! offensive"): a date when the gazetteer knows the day the thing began, its start plus
//! N-1 days. Which words name a thing is the packs' business (the mentions); this module
//! knows only the English shape around them.

use super::mentions::{Mention, MentionClass};
use super::time::TimeExpr;
use crate::rules::Gazetteer;
use crate::rules::gazetteer::EntityRef;
use jiff::ToSpan;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// "day 3 of the", "the third day of its", "the 40th day of": the ordinal, then what may
/// stand between "of" and the thing's name (a determiner, a possessive, a few modifiers:
/// "the army's second offensive", "the new five-day pause").
static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:on\s+)?(?:day\s+(?P<n>\d{1,3})|the\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\s+day)\s+of\s+(?P<lead>(?:[\w'’-]+\s+){0,3}?)$",
    )
    .expect("built-in ordinal-day pattern")
});

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// The events that say when a thing began, most telling first: a truce's day 1 is the day
/// it took effect, not the day it was announced.
const STARTS: &[&str] = &["in_force", "begin", "began", "start", "started", "launched"];

/// The ordinal days in `text` that name a thing mentioned right after them, as dated time
/// expressions, not overlapping `times`.
pub fn find(
    text: &str,
    mentions: &[Mention],
    times: &[TimeExpr],
    gazetteer: &Gazetteer,
) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for m in mentions.iter().filter(|m| m.class == MentionClass::Thing) {
        let EntityRef::Thing(i) = m.entity_ref else {
            continue; // a class word no named thing answers: no start to count from
        };
        let Some(start) = start_of(gazetteer, i) else {
            continue;
        };
        // The ordinal sits within a few words before the name, in the same sentence.
        let from = floor_char(text, m.span.start.saturating_sub(80));
        let before = &text[from..m.span.start];
        let Some(caps) = ORDINAL_DAY.captures(before) else {
            continue;
        };
        let Some(n) = ordinal(&caps) else {
            continue;
        };
        let Some(lead) = caps.name("lead") else {
            continue;
        };
        // Words between "of" and the name must not themselves end a clause.
        if lead.as_str().contains(['.', ',', ';', ':']) {
            continue;
        }
        let whole = caps.get(0).expect("group 0");
        let mut s = from + whole.start();
        if text[s..].to_lowercase().starts_with("on ") {
            s += 3;
        }
        let span = s..m.span.end;
        if times
            .iter()
            .chain(&out)
            .any(|t| t.span.start < span.end && span.start < t.span.end)
        {
            continue;
        }
        let Some(day) = start.checked_add((n - 1).days()).ok() else {
            continue;
        };
        out.push(super::time::day(span, day));
    }
    out
}

fn ordinal(caps: &regex::Captures) -> Option<i64> {
    let n = if let Some(n) = caps.name("n") {
        n.as_str().parse().ok()?
    } else {
        let w = caps.name("ord")?.as_str().to_lowercase();
        match ORDINALS.iter().position(|o| *o == w) {
            Some(p) => i64::try_from(p).ok()? + 1,
            None => w.trim_end_matches(char::is_alphabetic).parse().ok()?,
        }
    };
    (1..=999).contains(&n).then_some(n)
}

/// The day thing `i` began: its starting event when the gazetteer dates one, else the first
/// day it was active.
fn start_of(g: &Gazetteer, i: usize) -> Option<Date> {
    let t = g.things.get(i)?;
    STARTS
        .iter()
        .find_map(|e| t.events.get(*e).copied())
        .or(t.active.map(|a| a.from))
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn gazetteer() -> Gazetteer {
        let src = "
places:
  - {id: dunmere, name: Dunmere, kind: town}
classes:
  - {id: truce, aliases: [truce, ceasefire]}
  - {id: war, aliases: [war]}
  - {id: offensive, aliases: [offensive]}
things:
  - {id: dunmere-truce, name: Dunmere truce, class: truce, active: 2031-05-02..2031-05-20,
     events: {announced: 2031-05-02, in_force: 2031-05-04}}
  - {id: hollin-offensive, name: Hollin offensive, class: offensive, active: 2031-04-01..2031-04-30}
";
        Gazetteer::compile(&[(PathBuf::from("g.yaml"), src.into())]).unwrap()
    }

    /// (words, date) of each ordinal day found.
    fn days(text: &str) -> Vec<(String, String)> {
        let g = gazetteer();
        let p = crate::calendar::parse_published("2031-05-10").unwrap();
        let s = crate::text::sentences::sentences(text);
        let t = super::super::time::find(text, &s, p);
        let m = super::super::mentions::find(text, &s, &t, p, &g);
        find(text, &m, &t, &g)
            .into_iter()
            .map(|t| (text[t.span].to_string(), t.value))
            .collect()
    }

    #[test]
    fn an_ordinal_day_counts_from_the_day_the_thing_took_effect() {
        assert_eq!(
            days("Forty carts crossed on Day 1 of the truce."),
            [("Day 1 of the truce".into(), "2031-05-04".into())]
        );
        assert_eq!(
            days("By the third day of the Varnok ceasefire the market had opened."),
            [(
                "the third day of the Varnok ceasefire".into(),
                "2031-05-06".into()
            )]
        );
        // With no starting event, the first day it was active.
        assert_eq!(
            days("Shelling eased on the 12th day of the Hollin offensive."),
            [(
                "the 12th day of the Hollin offensive".into(),
                "2031-04-12".into()
            )]
        );
    }

    #[test]
    fn no_date_without_a_named_thing_or_an_ordinal_right_before_it() {
        // A class word no named thing answers ("the war") has no start to count from.
        assert!(days("Day 40 of the war brought rain to Dunmere.").is_empty());
        // A day that is not the thing's ("a day of talks", "days after the truce").
        assert!(days("A day of talks preceded the truce.").is_empty());
        assert!(days("Three days after the truce, the road reopened.").is_empty());
        // A clause boundary between the ordinal and the name.
        assert!(days("It was the first day of spring, and the truce held.").is_empty());
    }
}
