//! Agreement terms that disagree: one term of one named agreement given figures that differ
//! beyond the tolerance, once both are totals ("5 km on each side" is 10 km in all). A
//! figure per side that adds up to another's total is an info note saying so.

use super::{Ctx, Item, Scope};
use crate::calendar::DayRange;
use crate::claims::ClaimKind;
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::TermParams;
use crate::text::fmt_num;
use std::collections::BTreeMap;

/// A term claim and its total.
type Totalled<'a, 'b> = &'b (Item<'a>, f64);

/// A term's figure in all: twice the value for a figure on each side.
pub(crate) fn term_total(kind: &ClaimKind) -> Option<f64> {
    match kind {
        ClaimKind::Term {
            value, per_side, ..
        } => Some(if *per_side { value * 2.0 } else { *value }),
        _ => None,
    }
}

/// How a term's figure was put: "5 km", "5 km on each side".
fn said(kind: &ClaimKind) -> String {
    match kind {
        ClaimKind::Term {
            value,
            unit,
            per_side,
            ..
        } => format!(
            "{} {unit}{}",
            fmt_num((value * 100.0).round() / 100.0),
            if *per_side { " on each side" } else { "" }
        ),
        _ => String::new(),
    }
}

pub(super) fn check(ctx: &Ctx, rule: &Rule, p: &TermParams, scope: Scope, out: &mut Vec<Finding>) {
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(c.kind, ClaimKind::Term { .. })
    });
    let mut by_key: BTreeMap<String, Vec<(Item, f64)>> = BTreeMap::new();
    for item in items {
        let ClaimKind::Term { thing, term, .. } = &item.claim.kind else {
            continue;
        };
        let total = term_total(&item.claim.kind).expect("a term");
        by_key
            .entry(format!("{thing}/{term}"))
            .or_default()
            .push((item, total));
    }
    let same = |a: f64, b: f64| (a - b).abs() <= p.tolerance * a.abs().max(b.abs());
    for (key, mut group) in by_key {
        group.sort_by(|a, b| a.1.total_cmp(&b.1));
        let independent = |x: &[&(Item, f64)], y: &[&(Item, f64)]| {
            x.iter()
                .any(|a| y.iter().any(|b| ctx.independent(scope, &a.0, &b.0)))
        };
        // The smallest total against every larger one.
        let low_total = group[0].1;
        let (low, high): (Vec<Totalled>, Vec<Totalled>) =
            group.iter().partition(|x| same(low_total, x.1));
        let window = group
            .iter()
            .map(|x| x.0.claim.when)
            .reduce(DayRange::hull)
            .expect("non-empty");
        let label = |s: &[&(Item, f64)]| {
            let mut v: Vec<String> = s.iter().map(|x| said(&x.0.claim.kind)).collect();
            v.sort();
            v.dedup();
            v.join(" / ")
        };
        fn side<'a>(s: &[&(Item<'a>, f64)]) -> Vec<(Item<'a>, String)> {
            s.iter().map(|x| (x.0, said(&x.0.claim.kind))).collect()
        }
        if !high.is_empty() && independent(&low, &high) {
            let (la, lb) = (label(&low), label(&high));
            let why = format!(
                "{key}: {la} and {lb} are different figures for one term (in all: {} and {})",
                fmt_num((low_total * 100.0).round() / 100.0),
                fmt_num((high[0].1 * 100.0).round() / 100.0)
            );
            let sides = vec![(la, side(&low)), (lb, side(&high))];
            out.push(ctx.finding(rule, &p.modality, &key, window, sides, why, None));
            continue;
        }
        // One total, put per side by some and in all by others: both right.
        let (sides_each, totals): (Vec<Totalled>, Vec<Totalled>) = low
            .iter()
            .partition(|x| matches!(x.0.claim.kind, ClaimKind::Term { per_side: true, .. }));
        if !sides_each.is_empty() && !totals.is_empty() && independent(&sides_each, &totals) {
            let (la, lb) = (label(&sides_each), label(&totals));
            let why = format!("{key}: {la} and {lb} are put differently");
            let reconciliation =
                format!("{la} is {lb} in all: the same figure, per side and in total");
            let sides = vec![(la, side(&sides_each)), (lb, side(&totals))];
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
