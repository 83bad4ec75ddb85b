//! Running totals that go down: a cumulative count ("since December", "so far") reported
//! later that is lower than an earlier report's lower bound, for the same series.

use super::numeric::{bounds, describe, subject_class};
use super::{Ctx, Item, Scope};
use crate::calendar::DayRange;
use crate::claims::ClaimKind;
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::CumulativeParams;
use crate::text::fmt_num;
use std::collections::BTreeMap;

pub(super) fn check(
    ctx: &Ctx,
    rule: &Rule,
    p: &CumulativeParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(&c.kind, ClaimKind::Count { measure, cumulative: true, .. } if p.measures.is_empty() || p.measures.contains(measure))
    });
    // A series: what is counted, where, and from when (the month the total starts).
    let mut series: BTreeMap<String, Vec<(Item, f64, f64, String)>> = BTreeMap::new();
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
        let start = item.claim.when.from;
        // Whose losses are part of the series: one army's dead are not the other's.
        let whose = subject_actor
            .as_deref()
            .map(|a| format!("/{a}"))
            .unwrap_or_default();
        let key = format!(
            "{measure}/{}{whose}/{}/since {:04}-{:02}",
            subject_class(subject, &p.equivalent_subjects),
            item.claim.place.as_deref().unwrap_or("-"),
            start.year(),
            start.month()
        );
        series.entry(key).or_default().push((
            item,
            b.lo.unwrap_or(f64::NEG_INFINITY),
            b.hi.unwrap_or(f64::INFINITY),
            describe(*low, *high),
        ));
    }
    for (key, mut group) in series {
        // In order of report; the highest lower bound so far, per the two best voices.
        group.sort_by_key(|g| (ctx.docs[g.0.doc].doc.meta.published.to, g.0.doc));
        let mut best: Option<usize> = None;
        let mut second: Option<usize> = None;
        let mut earlier: Vec<usize> = Vec::new();
        let mut later: Vec<usize> = Vec::new();
        for i in 0..group.len() {
            let reported = ctx.docs[group[i].0.doc].doc.meta.published.to;
            let against = [best, second].into_iter().flatten().find(|&j| {
                ctx.docs[group[j].0.doc].doc.meta.published.to < reported
                    && ctx.independent(scope, &group[j].0, &group[i].0)
            });
            if let Some(j) = against.filter(|&j| group[i].2 < group[j].1) {
                earlier.push(j);
                later.push(i);
            }
            // Keep the highest lower bound, and the highest among all other voices.
            let (lo, v) = (group[i].1, group[i].0.voice);
            match best {
                None => best = Some(i),
                Some(b) if group[b].0.voice == v => {
                    if lo > group[b].1 {
                        best = Some(i);
                    }
                }
                Some(b) if lo > group[b].1 => {
                    second = Some(b);
                    best = Some(i);
                }
                Some(_) => match second {
                    Some(s) if group[s].0.voice == v => {
                        if lo > group[s].1 {
                            second = Some(i);
                        }
                    }
                    Some(s) if lo <= group[s].1 => {}
                    _ => second = Some(i),
                },
            }
        }
        if later.is_empty() {
            continue;
        }
        earlier.sort_unstable();
        earlier.dedup();
        let pick = |ix: &[usize]| -> Vec<(Item, String)> {
            ix.iter()
                .map(|&i| (group[i].0, group[i].3.clone()))
                .collect()
        };
        let names = |ix: &[usize]| {
            let mut v: Vec<String> = ix
                .iter()
                .map(|&i| {
                    format!(
                        "{} ({})",
                        group[i].3, ctx.docs[group[i].0.doc].doc.meta.published
                    )
                })
                .collect();
            v.sort();
            v.dedup();
            v.join(" / ")
        };
        let (la, lb) = (names(&earlier), names(&later));
        let window = earlier
            .iter()
            .chain(&later)
            .map(|&i| group[i].0.claim.when)
            .reduce(DayRange::hull)
            .expect("non-empty");
        let floor = earlier
            .iter()
            .map(|&i| group[i].1)
            .fold(f64::NEG_INFINITY, f64::max);
        let why = format!(
            "{key}: a running total reported later ({lb}) is below an earlier lower bound of {}",
            fmt_num(floor)
        );
        let sides = vec![(la, pick(&earlier)), (lb, pick(&later))];
        out.push(ctx.finding(rule, &p.modality, &key, window, sides, why, None));
    }
}
