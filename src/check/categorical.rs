//! Checks whose claims take one of several values that cannot hold together: an accord's
//! status, a place's controller.

use super::{Ctx, Item, Overlaps, Scope, clusters, widen, window_text};
use crate::calendar::DayRange;
use crate::claims::ClaimKind;
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::{ControlParams, ModalityPolicy, PresentWindow, StatusParams};
use crate::rules::frames::Change;
use std::collections::BTreeMap;

/// A claim placed for comparison: its key, its side, what it says.
struct Placed<'a> {
    item: Item<'a>,
    /// The days the claim is compared over.
    when: DayRange,
    key: String,
    side: String,
    value: String,
}

pub(super) fn status(
    ctx: &Ctx,
    rule: &Rule,
    p: &StatusParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let g = &ctx.rules.gazetteer;
    let about = |subject: &str| match &p.subject {
        None => true,
        Some(s) => subject == s || g.thing(subject).is_some_and(|t| &t.class == s),
    };
    let placed: Vec<Placed> = ctx
        .items(scope, &p.modality, |c| matches!(&c.kind, ClaimKind::Status { subject, status } if about(subject) && p.groups.iter().any(|gr| gr.contains(status))))
        .into_iter()
        .filter_map(|item| {
            let ClaimKind::Status { subject, status } = &item.claim.kind else { return None };
            let group = p.groups.iter().position(|gr| gr.contains(status))?;
            Some(Placed { item, when: item.claim.when, key: subject.clone(), side: format!("{group:03}"), value: status.clone() })
        })
        .collect();
    let why = |key: &str, a: &str, b: &str, w: DayRange| {
        format!(
            "{key} cannot be {a} and {b} at once, and both are said of {}",
            window_text(w)
        )
    };
    if p.present == PresentWindow::Frame {
        compare(
            ctx,
            rule,
            &p.modality,
            scope,
            p.window_days,
            placed,
            false,
            out,
            why,
        );
        return;
    }
    // The article's days: conflicts over them are findings; what only the frame's wider
    // windows set against each other is a change over time, an info note.
    let spoken = spoken_of(ctx);
    let narrowed: Vec<Placed> = placed
        .iter()
        .map(|x| Placed {
            item: x.item,
            when: article_window(x.item.claim, spoken[x.item.doc]),
            key: x.key.clone(),
            side: x.side.clone(),
            value: x.value.clone(),
        })
        .collect();
    let mut found = Vec::new();
    compare(
        ctx,
        rule,
        &p.modality,
        scope,
        p.window_days,
        narrowed,
        false,
        &mut found,
        why,
    );
    let mut wide = Vec::new();
    compare(
        ctx,
        rule,
        &p.modality,
        scope,
        p.window_days,
        placed,
        true,
        &mut wide,
        why,
    );
    for f in wide {
        if !found
            .iter()
            .any(|g| g.key == f.key && g.window.overlaps(&f.window))
        {
            out.push(f);
        }
    }
    out.extend(found);
}

/// Per document, its publication day and the latest day its text dates.
fn spoken_of(ctx: &Ctx) -> Vec<(jiff::civil::Date, Option<jiff::civil::Date>)> {
    ctx.docs
        .iter()
        .map(|a| (a.doc.meta.published.to, a.facts.latest_day))
        .collect()
}

/// A present-tense status with no date of its own covers its article's days: from the
/// latest day the article dates to publication, never wider than the frame's window. An
/// article that dates nothing gives no better bound than the frame's.
fn article_window(
    claim: &crate::claims::Claim,
    (published, latest): (jiff::civil::Date, Option<jiff::civil::Date>),
) -> DayRange {
    let Some(latest) = latest else {
        return claim.when;
    };
    if claim.time_basis != crate::claims::TimeBasis::Publication {
        return claim.when;
    }
    let from = latest;
    DayRange {
        from: from.max(claim.when.from).min(claim.when.to),
        to: published.min(claim.when.to).max(claim.when.from),
    }
}

pub(super) fn control(
    ctx: &Ctx,
    rule: &Rule,
    p: &ControlParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let g = &ctx.rules.gazetteer;
    // A faction and the camp it belongs to are one side.
    let camp = |actor: &str| g.camp(actor);
    let placed: Vec<Placed> = ctx
        .items(scope, &p.modality, |c| {
            matches!(
                &c.kind,
                ClaimKind::Control {
                    place: Some(_),
                    change: Change::Captured | Change::Holds,
                    ..
                }
            )
        })
        .into_iter()
        .filter_map(|item| {
            let ClaimKind::Control {
                place: Some(place),
                controller,
                change,
                ..
            } = &item.claim.kind
            else {
                return None;
            };
            let verb = if *change == Change::Captured {
                "took"
            } else {
                "holds"
            };
            Some(Placed {
                item,
                when: item.claim.when,
                key: place.clone(),
                side: camp(controller),
                value: format!("{controller} {verb} {place}"),
            })
        })
        .collect();
    compare(
        ctx,
        rule,
        &p.modality,
        scope,
        p.window_days,
        placed,
        false,
        out,
        |key, a, b, w| {
            format!(
                "{key} cannot be held by {a} and by {b} at once, and both are said of {}",
                window_text(w)
            )
        },
    );
}

/// Group by key, cluster windows, and for every two sides present in a cluster, report the
/// claims that face a claim of the other side from another voice in an overlapping window.
/// With `over_time`, each finding is an info note: the sides are said of different days.
#[allow(clippy::too_many_arguments)]
fn compare(
    ctx: &Ctx,
    rule: &Rule,
    policy: &ModalityPolicy,
    scope: Scope,
    window_days: u32,
    placed: Vec<Placed>,
    over_time: bool,
    out: &mut Vec<Finding>,
    why: impl Fn(&str, &str, &str, DayRange) -> String,
) {
    let mut by_key: BTreeMap<String, Vec<Placed>> = BTreeMap::new();
    for p in placed {
        by_key.entry(p.key.clone()).or_default().push(p);
    }
    let voice = |i: &Item| match scope {
        Scope::Within(_) => None,
        Scope::Across(_) => Some(i.voice),
    };
    for (key, group) in by_key {
        let windows: Vec<(DayRange, Placed)> = group
            .into_iter()
            .map(|p| (widen(p.when, window_days), p))
            .collect();
        for (_, members) in clusters(windows) {
            let mut sides: BTreeMap<String, Vec<&Placed>> = BTreeMap::new();
            for m in &members {
                sides.entry(m.side.clone()).or_default().push(m);
            }
            let names: Vec<&String> = sides.keys().collect();
            for (i, a) in names.iter().enumerate() {
                for b in &names[i + 1..] {
                    let (sa, sb) = (&sides[*a], &sides[*b]);
                    let spans = |s: &[&Placed]| {
                        Overlaps::new(
                            s.iter()
                                .map(|p| (widen(p.when, window_days), p.item.voice))
                                .collect(),
                        )
                    };
                    let (oa, ob) = (spans(sa), spans(sb));
                    // A conflict needs a pair from different voices; once there is one, every claim of
                    // either side that overlaps the other side is listed.
                    let crossed = sa
                        .iter()
                        .any(|p| ob.hit(widen(p.when, window_days), voice(&p.item)));
                    if !crossed {
                        continue;
                    }
                    let ea: Vec<&&Placed> = sa
                        .iter()
                        .filter(|p| ob.hit(widen(p.when, window_days), None))
                        .collect();
                    let eb: Vec<&&Placed> = sb
                        .iter()
                        .filter(|p| oa.hit(widen(p.when, window_days), None))
                        .collect();
                    if ea.is_empty() || eb.is_empty() {
                        continue;
                    }
                    let window = ea
                        .iter()
                        .chain(&eb)
                        .map(|p| p.when)
                        .reduce(|x, y| DayRange {
                            from: x.from.min(y.from),
                            to: x.to.max(y.to),
                        })
                        .expect("non-empty");
                    let side_label = |e: &[&&Placed]| {
                        let mut v: Vec<String> = e.iter().map(|p| status_or_side(p)).collect();
                        v.sort();
                        v.dedup();
                        v.join(", ")
                    };
                    let (la, lb) = (side_label(&ea), side_label(&eb));
                    let reason = why(&key, &la, &lb, window);
                    let sides = vec![
                        (
                            la.clone(),
                            ea.iter().map(|p| (p.item, p.value.clone())).collect(),
                        ),
                        (
                            lb.clone(),
                            eb.iter().map(|p| (p.item, p.value.clone())).collect(),
                        ),
                    ];
                    let reconciliation = over_time.then(|| {
                        let days = |e: &[&&Placed]| {
                            let from = e.iter().map(|p| p.when.from).min().expect("non-empty");
                            let to = e.iter().map(|p| p.when.to).max().expect("non-empty");
                            window_text(DayRange { from, to })
                        };
                        format!(
                            "{la} is said of {}, {lb} of {}: the articles speak of different days, a change over time",
                            days(&ea),
                            days(&eb)
                        )
                    });
                    out.push(ctx.finding(
                        rule,
                        policy,
                        &key,
                        window,
                        sides,
                        reason,
                        reconciliation,
                    ));
                }
            }
        }
    }
}

/// A side's name: the status itself for status claims, the camp for control claims.
fn status_or_side(p: &Placed) -> String {
    match &p.item.claim.kind {
        ClaimKind::Status { status, .. } => status.clone(),
        _ => p.side.clone(),
    }
}
