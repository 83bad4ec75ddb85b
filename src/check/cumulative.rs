//! Running totals that cannot both be right: a cumulative count ("since December", "so far",
//! "the overall death toll") reported later that is lower than an earlier report's lower
//! bound for the same series, or two totals of one series as of the same day whose figures
//! do not meet.

use super::numeric::{bounds, describe, subject_class};
use super::{Ctx, Item, Scope};
use crate::calendar::DayRange;
use crate::claims::{ClaimKind, TimeBasis};
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::CumulativeParams;
use crate::text::fmt_num;
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};

/// A running total placed for comparison.
struct Total<'a> {
    item: Item<'a>,
    /// What is counted and whose: "killed/civilians/karsk".
    series: String,
    place: Option<&'a str>,
    /// The day the total starts from, when its words give one ("since 7 October").
    start: Option<Date>,
    /// The day the total is given as of.
    as_of: Date,
    lo: f64,
    hi: f64,
    /// The upper bound of a floor as of its own day: "more than 15,000" counts 15,000 so far.
    cap: f64,
    text: String,
}

/// How a pair of totals clashes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Clash {
    /// A total reported later is below an earlier lower bound.
    Falls,
    /// Two totals as of one day that do not meet.
    SameDay,
}

pub(super) fn check(
    ctx: &Ctx,
    rule: &Rule,
    p: &CumulativeParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let g = &ctx.rules.gazetteer;
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(&c.kind, ClaimKind::Count { measure, cumulative: true, qualifier, .. }
            if (p.measures.is_empty() || p.measures.contains(measure))
                && *qualifier != crate::annotate::Qualifier::Vague)
    });
    let mut totals: BTreeMap<String, Vec<Total>> = BTreeMap::new();
    for item in items {
        let ClaimKind::Count {
            measure,
            subject,
            subject_actor,
            low,
            high,
            tolerance,
            ..
        } = &item.claim.kind
        else {
            continue;
        };
        let b = bounds(*low, *high, *tolerance, &p.tolerance);
        let capped = bounds(*low, high.or(*low), *tolerance, &p.tolerance);
        // Whose losses are part of the series: one army's dead are not the other's.
        let whose = subject_actor
            .as_deref()
            .map(|a| format!("/{a}"))
            .unwrap_or_default();
        let series = format!(
            "{measure}/{}{whose}",
            subject_class(subject, &p.equivalent_subjects)
        );
        let c = item.claim;
        // A total's start is told by a dated "since": its window then reaches back further
        // than one incident's. "So far" or "the overall toll" start with the story.
        let start =
            (c.time_basis != TimeBasis::Publication && c.when.days() > 2).then_some(c.when.from);
        let published = ctx.docs[item.doc].doc.meta.published.to;
        totals.entry(series.clone()).or_default().push(Total {
            item,
            series,
            place: c.place.as_deref(),
            start,
            // A total dated by its words ("on Friday put the toll at 600") is as of that day;
            // one with no date of its own, as of the day it was reported.
            as_of: match c.time_basis {
                TimeBasis::Publication => c.when.to.max(published),
                _ => c.when.to,
            },
            lo: b.lo.unwrap_or(f64::NEG_INFINITY),
            hi: b.hi.unwrap_or(f64::INFINITY),
            cap: capped.hi.unwrap_or(f64::INFINITY),
            text: describe(*low, *high),
        });
    }
    // A total for no named place is the story's: it faces the totals of the widest places
    // (those the gazetteer puts within no other), never a town's.
    let widest = |place: &str| g.place(place).is_none_or(|pl| pl.within.is_none());
    let same_place = |a: Option<&str>, b: Option<&str>| {
        !p.same_place
            || match (a, b) {
                (Some(a), Some(b)) => a == b,
                (None, Some(x)) | (Some(x), None) => widest(x),
                (None, None) => true,
            }
    };
    let same_start = |a: Option<Date>, b: Option<Date>| match (a, b) {
        (Some(a), Some(b)) => (a.year(), a.month()) == (b.year(), b.month()),
        _ => true,
    };
    // (place, start, clash) → (the earlier or higher side, the later or lower side); sets,
    // so a large corpus's many clashing pairs cost memory by claim, not by pair.
    type Sides = (BTreeSet<usize>, BTreeSet<usize>);
    for (_, group) in totals {
        let mut found: BTreeMap<(&str, Option<Date>, Clash), Sides> = BTreeMap::new();
        for (i, a) in group.iter().enumerate() {
            for (j, b) in group.iter().enumerate() {
                if i == j
                    || !same_place(a.place, b.place)
                    || !same_start(a.start, b.start)
                    || !ctx.independent(scope, &a.item, &b.item)
                {
                    continue;
                }
                // `a` is the earlier or higher total, `b` the later or lower one.
                let clash = if a.as_of < b.as_of && b.hi < a.lo {
                    Clash::Falls
                } else if p.same_day && a.as_of == b.as_of && b.cap < a.lo {
                    Clash::SameDay
                } else {
                    continue;
                };
                let place = if p.same_place {
                    a.place.or(b.place).unwrap_or("-")
                } else {
                    "-"
                };
                let e = found
                    .entry((place, a.start.or(b.start), clash))
                    .or_default();
                e.0.insert(i);
                e.1.insert(j);
            }
        }
        for ((place, start, clash), (earlier, later)) in found {
            let since = match start {
                Some(s) => format!("since {:04}-{:02}", s.year(), s.month()),
                None => "so far".to_string(),
            };
            let key = format!("{}/{place}/{since}", group[0].series);
            let (earlier, later): (Vec<usize>, Vec<usize>) =
                (earlier.into_iter().collect(), later.into_iter().collect());
            let names = |ix: &[usize]| {
                let mut v: Vec<String> = ix
                    .iter()
                    .map(|&i| format!("{} ({})", group[i].text, group[i].as_of))
                    .collect();
                v.sort();
                v.dedup();
                v.join(" / ")
            };
            let pick = |ix: &[usize]| -> Vec<(Item, String)> {
                ix.iter()
                    .map(|&i| (group[i].item, group[i].text.clone()))
                    .collect()
            };
            let (la, lb) = (names(&earlier), names(&later));
            let window = earlier
                .iter()
                .chain(&later)
                .map(|&i| group[i].item.claim.when)
                .reduce(DayRange::hull)
                .expect("non-empty");
            let floor = earlier
                .iter()
                .map(|&i| group[i].lo)
                .fold(f64::NEG_INFINITY, f64::max);
            let why = match clash {
                Clash::Falls => format!(
                    "{key}: a running total reported later ({lb}) is below an earlier lower bound of {}",
                    fmt_num(floor)
                ),
                Clash::SameDay => format!(
                    "{key}: two running totals as of the same day, {lb} and {la}, do not meet even with each figure widened by the rule's tolerance"
                ),
            };
            let sides = vec![(la, pick(&earlier)), (lb, pick(&later))];
            out.push(ctx.finding(rule, &p.modality, &key, window, sides, why, None));
        }
    }
}
