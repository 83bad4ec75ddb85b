//! Checks whose claims take one of several values that cannot hold together: an accord's
//! status, a place's controller.

use super::{Ctx, Item, Overlaps, Scope, widen, window_text};
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
    /// The days its article speaks of (see `article_window`), told when a finding says the
    /// sides are a change over time.
    said: DayRange,
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
            Some(Placed { item, when: item.claim.when, said: item.claim.when, key: subject.clone(), side: format!("{group:03}"), value: status.clone() })
        })
        .collect();
    // Within one article, a sentence that gives a thing both statuses draws the distinction
    // itself, as a concession ("despite violations, the truce largely held") or a sequence
    // ("after the end of a truce that had brought a lull"): its claims are not set against
    // the rest of the article.
    let placed = if matches!(scope, Scope::Within(_)) {
        let mut groups: BTreeMap<(usize, &str), std::collections::BTreeSet<&str>> = BTreeMap::new();
        for x in &placed {
            groups
                .entry((x.item.claim.sentence.start, x.key.as_str()))
                .or_default()
                .insert(x.side.as_str());
        }
        let mixed: std::collections::BTreeSet<(usize, String)> = groups
            .into_iter()
            .filter(|(_, sides)| sides.len() > 1)
            .map(|((s, k), _)| (s, k.to_string()))
            .collect();
        placed
            .into_iter()
            .filter(|x| !mixed.contains(&(x.item.claim.sentence.start, x.key.clone())))
            .collect()
    } else {
        placed
    };
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
    let placed: Vec<Placed> = placed
        .into_iter()
        .map(|mut x| {
            let words = &x.item.at.text;
            // A stretch of time told in the past tense looks back on the days its frame
            // covers ("the truce stopped the shelling", in a piece written as it ended).
            x.said = if p.looks_back.contains(&x.value) && crate::clause::told_in_past(words) {
                x.item.claim.when
            } else {
                article_window(x.item.claim, spoken_of(ctx, x.item.doc), p.undated_days)
            };
            x
        })
        .collect();
    let narrowed: Vec<Placed> = placed
        .iter()
        .map(|x| Placed {
            item: x.item,
            when: x.said,
            said: x.said,
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

/// A document's publication day and the latest day its text dates. Asked of each placed
/// claim's document alone: a table of every document, built for each of an internal rule's
/// 10,000 documents, was a tenth of a run on real news.
fn spoken_of(ctx: &Ctx, doc: usize) -> (jiff::civil::Date, Option<jiff::civil::Date>) {
    let a = &ctx.docs[doc];
    (a.doc.meta.published.to, a.facts.latest_day)
}

/// A present-tense status with no date of its own covers its article's days: from the
/// latest day the article dates to publication, never wider than the frame's window. An
/// article that dates nothing speaks of publication day and the `undated_days` before (the
/// rule's parameter).
fn article_window(
    claim: &crate::claims::Claim,
    (published, latest): (jiff::civil::Date, Option<jiff::civil::Date>),
    undated_days: u32,
) -> DayRange {
    if claim.time_basis != crate::claims::TimeBasis::Publication {
        return claim.when;
    }
    // An article that dates nothing speaks of the days just before it was published: a
    // headline's "truce collapses" is news of those days, not of the week before.
    let from = latest.unwrap_or_else(|| {
        published
            .checked_sub(jiff::ToSpan::days(i64::from(undated_days)))
            .unwrap_or(published)
    });
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
    // A faction and its coalition, or allied armies of one `side`, are one camp.
    let camp = |actor: &str| g.side_of(actor);
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
                HOLDS.trim()
            };
            Some(Placed {
                item,
                when: item.claim.when,
                said: item.claim.when,
                key: place.clone(),
                side: camp(controller),
                value: format!("{controller} {verb} {place}"),
            })
        })
        .collect();
    let mut found = Vec::new();
    compare(
        ctx,
        rule,
        &p.modality,
        scope,
        p.window_days,
        placed,
        false,
        &mut found,
        |key, a, b, w| {
            format!(
                "{key} cannot be held by {a} and by {b} at once, and both are said of {}",
                window_text(w)
            )
        },
    );
    // Two camps each said to have taken a place, and neither said to hold it, is a place
    // that changed hands ("the rebels seized the airport", "the army regained the
    // airport"): an info note with that reason, not a contradiction.
    for mut f in found {
        let holds = f
            .sides
            .iter()
            .any(|s| s.evidence.iter().any(|e| e.value.contains(HOLDS)));
        if !holds && f.reconciliation.is_none() {
            f.severity = crate::rules::Severity::Info;
            f.reconciliation = Some(format!(
                "{} and {} are each said to have taken {}, neither to hold it: the place changed hands",
                f.sides[0].label, f.sides[1].label, f.key
            ));
        }
        out.push(f);
    }
}

/// The verb of a control claim's value for a place held ("saf holds merowe-airport").
const HOLDS: &str = " holds ";

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
    // Within one article each sentence is a voice: two claims of one sentence ("despite
    // violations in places, the truce largely held") are a distinction the sentence draws,
    // not a contradiction. Across articles, voices are outlets.
    let voice_of = |i: &Item| match scope {
        Scope::Within(_) => i.claim.sentence.start,
        Scope::Across(_) => i.voice,
    };
    for (key, group) in by_key {
        let windows: Vec<DayRange> = group.iter().map(|p| widen(p.when, window_days)).collect();
        let sides_of: Vec<&str> = group.iter().map(|p| p.side.as_str()).collect();
        for members in merged_cliques(&windows, &sides_of) {
            let mut sides: BTreeMap<String, Vec<&Placed>> = BTreeMap::new();
            for &m in &members {
                sides
                    .entry(group[m].side.clone())
                    .or_default()
                    .push(&group[m]);
            }
            let names: Vec<&String> = sides.keys().collect();
            for (i, a) in names.iter().enumerate() {
                for b in &names[i + 1..] {
                    let (sa, sb) = (&sides[*a], &sides[*b]);
                    let spans = |s: &[&Placed]| {
                        Overlaps::new(
                            s.iter()
                                .map(|p| (widen(p.when, window_days), voice_of(&p.item)))
                                .collect(),
                        )
                    };
                    let (oa, ob) = (spans(sa), spans(sb));
                    // A conflict needs a pair from different voices; once there is one, every claim of
                    // either side that overlaps the other side is listed.
                    let crossed = sa
                        .iter()
                        .any(|p| ob.hit(widen(p.when, window_days), Some(voice_of(&p.item))));
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
                        .reduce(DayRange::hull)
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
                            let from = e.iter().map(|p| p.said.from).min().expect("non-empty");
                            let to = e.iter().map(|p| p.said.to).max().expect("non-empty");
                            window_text(DayRange { from, to })
                        };
                        format!(
                            "{la} is said of {}, {lb} of {}: the articles speak of different days, a change over time",
                            days(&ea),
                            days(&eb)
                        )
                    });
                    let mut f =
                        ctx.finding(rule, policy, &key, window, sides, reason, reconciliation);
                    if matches!(scope, Scope::Within(_)) {
                        reported(rule, &ea, &eb, &mut f);
                    }
                    out.push(f);
                }
            }
        }
    }
}

/// The groups of windows that share a day, each as large as it can be (the maximal cliques
/// of the windows' overlap): claims are set against each other only over days they all
/// speak of, so a claim with a wide window does not chain a claim of one week to a claim
/// of the next into one finding. A window may be in several groups; a group that is part
/// of a larger one is not given.
fn cliques(windows: &[DayRange]) -> Vec<Vec<usize>> {
    // Starts on their day, ends the day after the window's last; on one day, ends first.
    let mut events: Vec<(jiff::civil::Date, bool, usize)> = Vec::with_capacity(windows.len() * 2);
    for (i, w) in windows.iter().enumerate() {
        events.push((w.from, true, i));
        events.push((w.to.tomorrow().unwrap_or(w.to), false, i));
    }
    events.sort_by_key(|&(day, start, i)| (day, start, i));
    let mut open: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut grown = false;
    let mut out = Vec::new();
    for (_, start, i) in events {
        if start {
            open.insert(i);
            grown = true;
        } else {
            if grown {
                out.push(open.iter().copied().collect());
                grown = false;
            }
            open.remove(&i);
        }
    }
    out
}

/// The cliques of `cliques`, merged while every claim still shares a day with every claim
/// of another side: "calm" said of the 5th to the 10th and of the 8th to the 12th, both
/// against "crumbling" on the 8th to the 10th, are one finding, while a truce holding on the
/// 24th and collapsing on the 1st (with a wide claim overlapping both) stay apart.
fn merged_cliques<'a>(windows: &[DayRange], sides: &[&'a str]) -> Vec<Vec<usize>> {
    // Per side, the latest start and the earliest end: every pair across two sides shares a
    // day exactly when each side's latest start is not after the other's earliest end.
    let bounds = |members: &[usize]| {
        let mut by: BTreeMap<&'a str, (jiff::civil::Date, jiff::civil::Date)> = BTreeMap::new();
        for &m in members {
            let w = windows[m];
            by.entry(sides[m])
                .and_modify(|b| {
                    b.0 = b.0.max(w.from);
                    b.1 = b.1.min(w.to);
                })
                .or_insert((w.from, w.to));
        }
        by
    };
    let crossed = |by: &BTreeMap<&str, (jiff::civil::Date, jiff::civil::Date)>| {
        by.values()
            .enumerate()
            .all(|(i, a)| by.values().skip(i + 1).all(|b| a.0 <= b.1 && b.0 <= a.1))
    };
    // The bounds of a union are its parts' bounds joined (the latest of the latest starts,
    // the earliest of the earliest ends, side by side): each group's are kept, not found
    // again from all its members for every clique asked to join it.
    let joined = |a: &BTreeMap<&'a str, (jiff::civil::Date, jiff::civil::Date)>,
                  b: &BTreeMap<&'a str, (jiff::civil::Date, jiff::civil::Date)>| {
        let mut by = a.clone();
        for (&side, &(from, to)) in b {
            by.entry(side)
                .and_modify(|x| {
                    x.0 = x.0.max(from);
                    x.1 = x.1.min(to);
                })
                .or_insert((from, to));
        }
        by
    };
    let mut merged: Vec<Vec<usize>> = Vec::new();
    let mut merged_bounds: Vec<BTreeMap<&str, (jiff::civil::Date, jiff::civil::Date)>> = Vec::new();
    for c in cliques(windows) {
        let own = bounds(&c);
        let fits = merged_bounds.iter().enumerate().find_map(|(i, g)| {
            let union = joined(g, &own);
            crossed(&union).then_some((i, union))
        });
        match fits {
            Some((i, union)) => {
                merged[i].extend(c);
                merged[i].sort_unstable();
                merged[i].dedup();
                merged_bounds[i] = union;
            }
            None => {
                merged.push(c);
                merged_bounds.push(own);
            }
        }
    }
    merged
}

/// Within one article, a side made only of what parties the article quotes say ("Trump
/// said the ceasefire is holding"), set against the article's own report or another
/// party's word, is the article reporting a claim it answers, not contradicting itself:
/// a dispute, at the rule's `disputed` severity.
fn reported(rule: &Rule, ea: &[&&Placed], eb: &[&&Placed], f: &mut Finding) {
    use crate::claims::Origin;
    use crate::findings::FindingClass;
    if f.class == Some(FindingClass::Disputed) {
        return;
    }
    let origins = |e: &[&&Placed]| -> std::collections::BTreeSet<Origin> {
        e.iter().map(|p| p.item.claim.origin()).collect()
    };
    let (oa, ob) = (origins(ea), origins(eb));
    let party_only = |o: &std::collections::BTreeSet<Origin>| !o.contains(&Origin::Outlet);
    if (party_only(&oa) || party_only(&ob)) && oa.is_disjoint(&ob) {
        f.class = Some(FindingClass::Disputed);
        if let Some(d) = rule.disputed {
            f.severity = f.severity.min(d);
        }
        f.why = format!(
            "reported: one side is only what a party the article quotes says, and the article answers it; {}",
            f.why
        );
    }
}

/// A side's name: the status itself for status claims, the camp for control claims.
fn status_or_side(p: &Placed) -> String {
    match &p.item.claim.kind {
        ClaimKind::Status { status, .. } => status.clone(),
        _ => p.side.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(from: i8, to: i8) -> DayRange {
        DayRange {
            from: jiff::civil::date(2020, 3, from),
            to: jiff::civil::date(2020, 3, to),
        }
    }

    #[test]
    fn claims_meet_only_over_days_they_share() {
        // Held on the 1st-2nd, violated on the 2nd; a wide "held" over the 1st-9th; a
        // violation on the 8th-10th. The wide claim meets both violations, but the early
        // "held" never meets the late violation: two groups, not one chain.
        let w = [days(1, 2), days(2, 2), days(1, 9), days(8, 10)];
        let sides = ["held", "broke", "held", "broke"];
        assert_eq!(cliques(&w), vec![vec![0, 1, 2], vec![2, 3]]);
        assert_eq!(merged_cliques(&w, &sides), vec![vec![0, 1, 2], vec![2, 3]]);
    }

    #[test]
    fn groups_merge_when_every_claim_meets_every_claim_of_the_other_side() {
        // Two "held" windows that overlap each other only in part, both over the days of one
        // "broke": one finding.
        let w = [days(5, 10), days(8, 12), days(8, 10)];
        let sides = ["held", "held", "broke"];
        assert_eq!(cliques(&w).len(), 1);
        let w = [days(5, 8), days(9, 12), days(7, 10)];
        assert_eq!(cliques(&w), vec![vec![0, 2], vec![1, 2]]);
        assert_eq!(merged_cliques(&w, &sides), vec![vec![0, 1, 2]]);
        // Windows that never meet are never grouped.
        let w = [days(1, 2), days(5, 6)];
        assert_eq!(cliques(&w), vec![vec![0], vec![1]]);
    }
}
