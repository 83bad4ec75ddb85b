//! Running totals that cannot both be right: a cumulative count ("since December", "so far",
//! "the overall death toll") reported later that is lower than an earlier report's lower
//! bound for the same series, or two totals of one series as of the same day whose figures
//! do not meet. A part's count (a region within the total's place) above its whole's running
//! total cannot be right either.

use super::numeric::{describe, subject_class};
use super::{Ctx, Item, Scope};
use crate::calendar::DayRange;
use crate::claims::{ClaimKind, TimeBasis};
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::{CumulativeParams, Tolerance};
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
    /// The lowest figure the total allows: its own vagueness ("about") or the rule's
    /// tolerance, whichever is wider.
    lo: f64,
    /// The highest figure the total allows as of its own day, by its own vagueness only: a
    /// floor counts its figure so far ("more than 15,000" is 15,000 counted).
    top: f64,
    /// Whether the total is a floor ("at least", "more than").
    floor: bool,
    /// Whether this is a part's count that is no running total (`parts`): it only faces a
    /// whole's running total from above.
    part: bool,
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

/// A total's lowest and highest figures for comparison. The rule's tolerance is the slack
/// between two reports (rounding, two counters), given once, on the side of the earlier or
/// higher total: widening both sides would double it. A figure's own vagueness ("around 600")
/// already is such slack, so the wider of the two applies there, not their sum. A floor
/// ("at least 528") is a tally: its figure is the count so far, its top as of its own day.
fn span(low: Option<f64>, high: Option<f64>, own: f64, t: &Tolerance) -> (f64, f64) {
    let lo = low.map_or(f64::NEG_INFINITY, |l| {
        l * (1.0 - own.max(t.relative)) - t.absolute
    });
    let top = high.or(low).map_or(f64::INFINITY, |h| h * (1.0 + own));
    (lo, top)
}

pub(super) fn check(
    ctx: &Ctx,
    rule: &Rule,
    p: &CumulativeParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let g = &ctx.rules.gazetteer;
    // A part's count that is no running total takes part when `parts` is set: a count of a
    // named place as it stands (no period of its own, no increment, no count of the rest).
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(&c.kind, ClaimKind::Count { measure, cumulative, qualifier, remainder, .. }
            if (p.measures.is_empty() || p.measures.contains(measure))
                && *qualifier != crate::annotate::Qualifier::Vague
                && (*cumulative
                    || (p.parts
                        && c.place.is_some()
                        && !*remainder
                        && !c.counts_increment()
                        && !c.counts_period())))
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
            cumulative,
            ..
        } = &item.claim.kind
        else {
            continue;
        };
        let part = !*cumulative;
        let (lo, top) = span(*low, *high, *tolerance, &p.tolerance);
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
        let start = (!part && c.time_basis != TimeBasis::Publication && c.when.days() > 2)
            .then_some(c.when.from);
        let published = ctx.docs[item.doc].doc.meta.published.to;
        totals.entry(series.clone()).or_default().push(Total {
            item,
            series,
            place: c.place.as_deref(),
            start,
            // A total dated by its words ("on Friday put the toll at 600") is as of that day;
            // one with no date of its own, as of the day it was reported.
            // A part's count as it stands is as of the day it was reported, like any count
            // that is no running total.
            as_of: if part || c.time_basis == TimeBasis::Publication {
                c.when.to.max(published)
            } else {
                c.when.to
            },
            lo,
            top,
            floor: high.is_none(),
            part,
            text: describe(*low, *high),
        });
    }
    // A total for no named place is the story's: it faces the totals of the widest places
    // (those the gazetteer puts within no other). A town's total is a part of it, so it
    // faces the story's only from above: `a`, the earlier or higher total, may be a town's
    // when `b`, the later or lower, is the story's (a whole below its part), never the
    // other way round (a part below its whole is no clash).
    let widest = |place: &str| g.place(place).is_none_or(|pl| pl.within.is_none());
    let same_place = |a: Option<&str>, b: Option<&str>| {
        !p.same_place
            || match (a, b) {
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => true,
                (None, Some(x)) => widest(x),
                (None, None) => true,
            }
    };
    // A part's count faces only a running total of a place it lies within, from above: a
    // part above its whole cannot be right, a part below it is only a part. A total counted
    // from a day its words name ("since April") leaves out those displaced before, whom a
    // part's count as it stands may hold: the two are not compared.
    let part_of = |a: &Total, b: &Total| {
        a.part
            && !b.part
            && b.start.is_none()
            && match (a.place, b.place) {
                (Some(x), Some(w)) => x != w && g.place_within(x, w),
                _ => false,
            }
    };
    let same_start = |a: Option<Date>, b: Option<Date>| match (a, b) {
        (Some(a), Some(b)) => (a.year(), a.month()) == (b.year(), b.month()),
        _ => true,
    };
    // place → (the earlier or higher side, the later or lower side, how they clash); sets,
    // so a large corpus's many clashing pairs cost memory by claim, not by pair. One finding
    // per series and place: totals that fall and totals of one day that do not meet are one
    // dispute over the same running count.
    type Sides = (BTreeSet<usize>, BTreeSet<usize>, BTreeSet<Clash>);
    for (_, group) in totals {
        let mut found: BTreeMap<&str, Sides> = BTreeMap::new();
        for (i, a) in group.iter().enumerate() {
            for (j, b) in group.iter().enumerate() {
                let parts = a.part || b.part;
                if i == j
                    || (parts && !part_of(a, b))
                    || (!parts && !same_place(a.place, b.place))
                    || !same_start(a.start, b.start)
                    || !ctx.independent(scope, &a.item, &b.item)
                {
                    continue;
                }
                // `a` is the earlier or higher total, `b` the later or lower one.
                // A later floor is below an earlier total by its tally only (`tally`).
                let later_top = if b.floor && !p.tally {
                    f64::INFINITY
                } else {
                    b.top
                };
                let clash = if a.as_of < b.as_of && later_top < a.lo {
                    Clash::Falls
                } else if p.same_day && a.as_of == b.as_of && b.top < a.lo {
                    Clash::SameDay
                } else {
                    continue;
                };
                // A part's clash is its whole's: the finding is keyed by the whole's place.
                let place = if parts {
                    b.place.unwrap_or("-")
                } else if p.same_place {
                    a.place.or(b.place).unwrap_or("-")
                } else {
                    "-"
                };
                let e = found.entry(place).or_default();
                e.0.insert(i);
                e.1.insert(j);
                e.2.insert(clash);
            }
        }
        for (place, (earlier, later, clashes)) in found {
            // The month the totals start from, when their words give one.
            let starts: BTreeSet<String> = earlier
                .iter()
                .chain(&later)
                .filter_map(|&i| group[i].start)
                .map(|s| format!("{:04}-{:02}", s.year(), s.month()))
                .collect();
            let since = if starts.is_empty() {
                "so far".to_string()
            } else {
                format!("since {}", starts.into_iter().collect::<Vec<_>>().join("/"))
            };
            let key = format!("{}/{place}/{since}", group[0].series);
            // A total below one and above another ("3,958" after "11,000" and before
            // "3,166") stands with the totals that fell: a side is one account, and a total
            // on both would be set against itself.
            let (earlier, later): (Vec<usize>, Vec<usize>) = (
                earlier.difference(&later).copied().collect(),
                later.into_iter().collect(),
            );
            if earlier.is_empty() {
                continue;
            }
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
            let falls = format!(
                "a running total reported later ({lb}) is below an earlier lower bound of {}",
                fmt_num(floor)
            );
            let same_day = format!(
                "two running totals as of the same day, {lb} and {la}, do not meet within the rule's tolerance"
            );
            let why = match (
                clashes.contains(&Clash::Falls),
                clashes.contains(&Clash::SameDay),
            ) {
                (true, false) => format!("{key}: {falls}"),
                (false, _) => format!("{key}: {same_day}"),
                (true, true) => format!(
                    "{key}: totals reported later or as of the same day ({lb}) are below earlier or same-day totals ({la}) even with the rule's tolerance"
                ),
            };
            let sides = vec![(la, pick(&earlier)), (lb, pick(&later))];
            out.push(ctx.finding(rule, &p.modality, &key, window, sides, why, None));
        }
    }
}
