//! Event dates that disagree: one event of one thing given dates further apart than the
//! tolerance. Different events of one thing (signed, in force) are not compared, but with
//! `explain_related` a difference the gazetteer explains is reported at info severity, with
//! the reason.
//!
//! Dates are compared as days, except where two or more reports of one event give a time of
//! day with its zone: theirs are compared as UTC days, so that "02:00 local time (UTC+3)" and
//! "23:00 GMT the day before" are one moment, not two days.

use super::{Ctx, Item, Overlaps, Scope, widen, window_text};
use crate::calendar::DayRange;
use crate::claims::{ClaimKind, TimeBasis};
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::EventDateParams;
use std::collections::BTreeMap;

pub(super) fn check(
    ctx: &Ctx,
    rule: &Rule,
    p: &EventDateParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    if !p.changes.is_empty() {
        changes(ctx, rule, p, scope, out);
        return;
    }
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(c.kind, ClaimKind::EventDate { .. })
    });
    let mut by_thing: BTreeMap<&str, BTreeMap<&str, Vec<Item>>> = BTreeMap::new();
    for item in &items {
        let ClaimKind::EventDate { thing, event, .. } = &item.claim.kind else {
            continue;
        };
        by_thing
            .entry(thing)
            .or_default()
            .entry(event)
            .or_default()
            .push(*item);
    }
    for (thing, events) in &by_thing {
        for (event, group) in events {
            if p.recurring.iter().any(|r| r == event) {
                continue;
            }
            compare(ctx, rule, p, scope, thing, event, group, out);
        }
        if p.explain_related {
            related(ctx, rule, p, thing, events, scope, out);
        }
    }
}

/// Changes of control as events of their place: "captured by" a side, dated by the claim's
/// own words on one day. Dates more than `same_event_days` apart are separate events.
fn changes(ctx: &Ctx, rule: &Rule, p: &EventDateParams, scope: Scope, out: &mut Vec<Finding>) {
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(&c.kind, ClaimKind::Control { change, .. } if p.changes.contains(change))
            && c.time_basis == TimeBasis::Text
            && c.when.is_single_day()
    });
    let g = &ctx.rules.gazetteer;
    let mut by_event: BTreeMap<(&str, String), Vec<Item>> = BTreeMap::new();
    for item in &items {
        let ClaimKind::Control {
            place,
            controller,
            change,
            ..
        } = &item.claim.kind
        else {
            continue;
        };
        let Some(place) = place.as_deref() else {
            continue;
        };
        let event = format!("{} by {}", change.name(), g.side_of(controller));
        by_event.entry((place, event)).or_default().push(*item);
    }
    for ((place, event), mut group) in by_event {
        group.sort_by_key(|i| (i.claim.when.from, i.doc));
        let mut start = 0;
        for k in 1..=group.len() {
            let apart = k < group.len()
                && p.same_event_days.is_some_and(|d| {
                    widen(group[k - 1].claim.when, d).to < group[k].claim.when.from
                });
            if k == group.len() || apart {
                compare(ctx, rule, p, scope, place, &event, &group[start..k], out);
                start = k;
            }
        }
    }
}

/// One event's dates: any two voices more than `tolerance_days` apart disagree.
#[allow(clippy::too_many_arguments)]
fn compare(
    ctx: &Ctx,
    rule: &Rule,
    p: &EventDateParams,
    scope: Scope,
    thing: &str,
    event: &str,
    group: &[Item],
    out: &mut Vec<Finding>,
) {
    let voice = |i: &Item| match scope {
        Scope::Within(_) => None,
        Scope::Across(_) => Some(i.voice),
    };
    // Where two or more reports give the moment with its zone, they are compared
    // on the UTC day of that moment; the rest on the day they name.
    let instant = |i: &Item| match i.claim.kind {
        ClaimKind::EventDate { instant, .. } => instant,
        _ => None,
    };
    let zoned = group.iter().filter(|i| instant(i).is_some()).count() >= 2;
    let when = |i: &Item| match instant(i) {
        Some(t) if zoned => DayRange::day(t.to_zoned(jiff::tz::TimeZone::UTC).date()),
        _ => i.claim.when,
    };
    let said = |i: &Item| match instant(i) {
        Some(_) if zoned => format!("{} UTC", window_text(when(i))),
        _ => window_text(i.claim.when),
    };
    // The earliest end, plus the tolerance, splits the dates: those within it, and
    // those starting more than `tolerance_days` after it. Only one side is widened,
    // so "more than a day apart" means two days, not three.
    // The tolerance is for texts that count days differently (a zone, a "yesterday" read
    // from another day). An article that names two days for the event itself ("signed
    // yesterday ... on May 21") gives the reader both: its days are compared as written.
    let split = group.iter().any(|a| {
        group
            .iter()
            .any(|b| a.doc == b.doc && !when(a).overlaps(&when(b)))
    });
    let tolerance = if split { 0 } else { p.tolerance_days };
    let Some(h) = group.iter().map(|i| widen(when(i), tolerance).to).min() else {
        return;
    };
    let (early, late): (Vec<&Item>, Vec<&Item>) = group.iter().partition(|i| when(i).from <= h);
    if late.is_empty() {
        return;
    }
    // Any early date and any late date disagree; voices must differ.
    let all_time = |s: &[&Item]| {
        Overlaps::new(
            s.iter()
                .map(|i| {
                    (
                        DayRange {
                            from: jiff::civil::date(1, 1, 1),
                            to: jiff::civil::date(9999, 12, 31),
                        },
                        i.voice,
                    )
                })
                .collect(),
        )
    };
    let (oe, ol) = (all_time(&early), all_time(&late));
    let ea: Vec<&Item> = early
        .iter()
        .copied()
        .filter(|i| ol.hit(when(i), voice(i)))
        .collect();
    let eb: Vec<&Item> = late
        .iter()
        .copied()
        .filter(|i| oe.hit(when(i), voice(i)))
        .collect();
    if ea.is_empty() || eb.is_empty() {
        return;
    }
    let dates = |s: &[&Item]| {
        let mut v: Vec<String> = s.iter().map(|i| said(i)).collect();
        v.sort();
        v.dedup();
        v.join(" / ")
    };
    let (la, lb) = (dates(&ea), dates(&eb));
    let window = ea
        .iter()
        .chain(&eb)
        .map(|i| when(i))
        .reduce(DayRange::hull)
        .expect("non-empty");
    let key = format!("{thing}/{event}");
    let apart = match tolerance {
        0 => "on different days".to_string(),
        1 => "more than 1 day apart".to_string(),
        n => format!("more than {n} days apart"),
    };
    let why = format!("{thing} was {event} on one date: {la} and {lb} are {apart}");
    let sides = vec![
        (la, ea.iter().map(|i| (**i, said(i))).collect()),
        (lb, eb.iter().map(|i| (**i, said(i))).collect()),
    ];
    out.push(ctx.finding(rule, &p.modality, &key, window, sides, why, None));
}

/// Different events of one thing at different dates, each as the gazetteer dates it.
fn related(
    ctx: &Ctx,
    rule: &Rule,
    p: &EventDateParams,
    thing: &str,
    events: &BTreeMap<&str, Vec<Item>>,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let Some(known) = ctx.rules.gazetteer.thing(thing) else {
        return;
    };
    fn agreeing<'a>(
        known: &crate::rules::gazetteer::Thing,
        event: &str,
        items: &[Item<'a>],
    ) -> Vec<Item<'a>> {
        match known.events.get(event) {
            Some(d) => items
                .iter()
                .copied()
                .filter(|i| i.claim.when.from <= *d && *d <= i.claim.when.to)
                .collect(),
            None => Vec::new(),
        }
    }
    let names: Vec<&&str> = events.keys().collect();
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            // Only events the gazetteer dates can be reconciled.
            let (Some(&da), Some(&db)) = (known.events.get(**a), known.events.get(**b)) else {
                continue;
            };
            if da == db {
                continue;
            }
            let (ia, ib) = (
                agreeing(known, a, &events[**a]),
                agreeing(known, b, &events[**b]),
            );
            // Only when two voices seem to date "it" differently.
            let pairs = ia.iter().any(|x| {
                ib.iter()
                    .any(|y| ctx.independent(scope, x, y) && !x.claim.when.overlaps(&y.claim.when))
            });
            if !pairs {
                continue;
            }
            let key = format!("{thing}/{a}+{b}");
            let window = DayRange {
                from: da.min(db),
                to: da.max(db),
            };
            let (first, second) = if da <= db {
                ((a, da), (b, db))
            } else {
                ((b, db), (a, da))
            };
            // Event ids as a reader says them: "in force", not "in_force".
            let said = |e: &str| e.replace(['_', '-'], " ");
            let reconciliation = format!(
                "{} on {}, {} on {}: different events of {}, both dates right",
                said(first.0),
                first.1,
                said(second.0),
                second.1,
                known.name
            );
            let why = format!(
                "the dates differ because they are of different events ({}, {})",
                said(a),
                said(b)
            );
            let sides = vec![
                (
                    format!("{a} {da}"),
                    ia.iter()
                        .map(|x| (*x, format!("{a} {}", window_text(x.claim.when))))
                        .collect(),
                ),
                (
                    format!("{b} {db}"),
                    ib.iter()
                        .map(|x| (*x, format!("{b} {}", window_text(x.claim.when))))
                        .collect(),
                ),
            ];
            out.push(ctx.finding(
                rule,
                &p.modality,
                &key,
                window,
                sides,
                why,
                Some(reconciliation),
            ));
        }
    }
}
