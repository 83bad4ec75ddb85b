//! Counts that cannot both be true: their intervals, widened by the rule's tolerance and the
//! claims' own ("about"), do not overlap, for the same key and overlapping windows.

use super::{Ctx, Item, Scope, clusters, widen, window_text};
use crate::calendar::DayRange;
use crate::claims::{ClaimKind, TimeBasis};
use crate::findings::Finding;
use crate::rules::Rule;
use crate::rules::conflict::{KeyField, NumericParams, Tolerance};
use crate::text::fmt_num;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A count's interval after tolerance; `None` is open.
#[derive(Clone, Copy)]
pub(super) struct Bounds {
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

pub(super) fn bounds(low: Option<f64>, high: Option<f64>, own: f64, t: &Tolerance) -> Bounds {
    let rel = own + t.relative;
    Bounds {
        lo: low.map(|l| l * (1.0 - rel) - t.absolute),
        hi: high.map(|h| h * (1.0 + rel) + t.absolute),
    }
}

/// "at least 28", "12", "540,000 to 600,000".
pub(crate) fn describe(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) if l == h => fmt_num(l),
        (Some(l), Some(h)) => format!("{} to {}", fmt_num(l), fmt_num(h)),
        (Some(l), None) => format!("at least {}", fmt_num(l)),
        (None, Some(h)) => format!("at most {}", fmt_num(h)),
        (None, None) => "any number".into(),
    }
}

/// The subject as a rule groups it: equivalent subjects share their group's first name.
pub(super) fn subject_class(subject: &str, equivalent: &[Vec<String>]) -> String {
    equivalent
        .iter()
        .find(|g| g.iter().any(|s| s == subject))
        .and_then(|g| g.first())
        .cloned()
        .unwrap_or_else(|| subject.to_string())
}

pub(super) fn check(
    ctx: &Ctx,
    rule: &Rule,
    p: &NumericParams,
    scope: Scope,
    out: &mut Vec<Finding>,
) {
    let g = &ctx.rules.gazetteer;
    // An increment ("20 more hostages") is a part of a total, never compared with one.
    // A vague magnitude ("hundreds", "thousands") is an order of magnitude, not a figure.
    let items = ctx.items(scope, &p.modality, |c| {
        matches!(&c.kind, ClaimKind::Count { measure, cumulative, qualifier, .. }
            if (p.measures.is_empty() || p.measures.contains(measure))
                && (!*cumulative || p.stock)
                && *qualifier != crate::annotate::Qualifier::Vague)
            && !c.counts_increment()
            // Nor is a count of the rest ("25 were killed elsewhere"): a part of no named whole.
            && !matches!(c.kind, ClaimKind::Count { remainder: true, .. })
            && (p.subjects.is_empty()
                || matches!(&c.kind, ClaimKind::Count { subject, .. } if p.subjects.contains(subject)))
            // A rate ("every 10 hostages") counts no one day's batch.
            && (!p.one_day || (one_day(c) && !matches!(c.kind, ClaimKind::Count { rate: true, .. })))
    });
    // The days a count speaks of: a one-day rule takes an undated count told in the perfect
    // as of the day it was reported.
    let when = |i: &Item| -> DayRange {
        if p.one_day && i.claim.time_basis == TimeBasis::Publication {
            DayRange::day(ctx.docs[i.doc].doc.meta.published.to)
        } else {
            i.claim.when
        }
    };
    let mut by_key: BTreeMap<String, Vec<(Item, Bounds, String)>> = BTreeMap::new();
    for item in items {
        let ClaimKind::Count {
            measure,
            subject,
            subject_actor,
            subject_text,
            low,
            high,
            tolerance,
            ..
        } = &item.claim.kind
        else {
            continue;
        };
        let mut parts = Vec::new();
        let mut unnamed = 0;
        for field in &p.same {
            let part = match field {
                KeyField::Measure => measure.clone(),
                // A frame named after its measure adds nothing to it: the key reads as before.
                KeyField::Frame if item.claim.frame == *measure => {
                    unnamed += 1;
                    continue;
                }
                KeyField::Frame => item.claim.frame.clone(),
                KeyField::Subject => subject_class(subject, &p.equivalent_subjects),
                KeyField::SubjectActor => subject_actor.clone().unwrap_or_else(|| "-".into()),
                // The counted word when it is not the subject's own name: "dams" apart from
                // "bridges", while "soldiers" add nothing to "soldiers".
                KeyField::Noun => {
                    match crate::extract::counted_noun(&ctx.rules.frames, subject, subject_text) {
                        Some(noun) => noun,
                        None => {
                            unnamed += 1;
                            continue;
                        }
                    }
                }
                // A count for a place and one for no named place (the whole story's, or a
                // country's) are a part and a whole: different keys, never compared. No
                // place adds nothing to the key, so such keys read as before.
                KeyField::Place => match &item.claim.place {
                    None => continue,
                    Some(place) if p.place_hierarchy => format!("in {}", province_of(g, place)),
                    Some(place) => format!("in {place}"),
                },
            };
            parts.push(part);
        }
        let placeless =
            usize::from(item.claim.place.is_none() && p.same.contains(&KeyField::Place));
        if parts.len() + placeless + unnamed < p.same.len() {
            continue; // a key field the claim does not have: nothing to compare with
        }
        // A stock's running count stands as of its day; any other period's count faces
        // counts over the same period only.
        let stock_total = p.stock
            && matches!(
                item.claim.kind,
                ClaimKind::Count {
                    cumulative: true,
                    ..
                }
            );
        if item.claim.counts_period() && !stock_total {
            // A count over a period faces counts over the same period only.
            parts.push(format!("over {}", window_text(item.claim.when)));
        }
        // A tally's floor is its figure: "more than 2,300" counts 2,300 so far, and no fewer
        // bodies than counted, so its lower bound is not lowered by the rule's tolerance:
        // that slack comes from the other figure ("at least 28" and "30" agree, "at least
        // 75" and "68" do not), and from the floor's top against another floor.
        let b = match (p.tally, low, high) {
            (true, Some(l), None) => Bounds {
                lo: Some(l * (1.0 - tolerance)),
                ..bounds(Some(*l), Some(*l), *tolerance, &p.tolerance)
            },
            _ => bounds(*low, *high, *tolerance, &p.tolerance),
        };
        by_key
            .entry(parts.join("/"))
            .or_default()
            .push((item, b, describe(*low, *high)));
    }
    if p.placeless_widest {
        join_placeless(&mut by_key, g);
    }
    let voice = |i: &Item| match scope {
        Scope::Within(_) => None,
        Scope::Across(_) => Some(i.voice),
    };
    // The day a figure was known: a toll tied to its disaster ("struck on Sunday, killing at
    // least 4,800") is dated by the disaster but counted as of the day it was reported.
    let as_of = |i: &Item| {
        let published = ctx.docs[i.doc].doc.meta.published.to;
        i.claim.when.to.max(published)
    };
    for (key, group) in by_key {
        let windows: Vec<(DayRange, (Item, Bounds, String))> = group
            .into_iter()
            .map(|x| (widen(when(&x.0), p.window_days), x))
            .collect();
        let bands = clusters(windows)
            .into_iter()
            .flat_map(|(_, members)| scale_bands(members, p.scale_ratio));
        for band in bands {
            if p.rising {
                rising_band(ctx, rule, p, &key, &band, &voice, &as_of, &when, out);
                continue;
            }
            // The lowest upper bound splits the cluster: what reaches it, and what starts
            // above. For a count that does not only rise, what starts above is split again,
            // so figures that clash among themselves ("10,400" and "some 21,000" missing,
            // both above "up to 5,000") are not hidden on one side of a finding. A rising
            // toll's band is one finding that says it is disputed (`rising_band`).
            let mut rest: Vec<&(Item, Bounds, String)> = band.iter().collect();
            while let Some(h) = rest.iter().filter_map(|m| m.1.hi).reduce(f64::min) {
                let members = std::mem::take(&mut rest);
                let (low, high): (Vec<_>, Vec<_>) = members
                    .into_iter()
                    .partition(|m| m.1.lo.is_none_or(|l| l <= h));
                if high.is_empty() {
                    break;
                }
                rest = high.clone();
                let l = high
                    .iter()
                    .filter_map(|m| m.1.lo)
                    .reduce(f64::max)
                    .expect("high items have a lower bound");
                let low: Vec<_> = low
                    .into_iter()
                    .filter(|m| m.1.hi.is_some_and(|x| x < l))
                    .collect();
                // A pair faces off when their windows overlap and their voices differ. Every
                // low member is paired with every high one: each member's widened window is
                // found once, not for each pair.
                let dated = |side: &[&(Item, Bounds, String)]| -> Vec<DayRange> {
                    side.iter()
                        .map(|m| widen(when(&m.0), p.window_days))
                        .collect()
                };
                let (low_at, high_at) = (dated(&low), dated(&high));
                let faces = |lo: &(Item, Bounds, String),
                             a: &DayRange,
                             hi: &(Item, Bounds, String),
                             b: &DayRange| {
                    a.from <= b.to
                        && b.from <= a.to
                        && voice(&lo.0).is_none_or(|v| Some(v) != voice(&hi.0))
                };
                let ea: Vec<_> = low
                    .iter()
                    .zip(&low_at)
                    .filter(|(m, a)| high.iter().zip(&high_at).any(|(h, b)| faces(m, a, h, b)))
                    .map(|(m, _)| m)
                    .collect();
                let eb: Vec<_> = high
                    .iter()
                    .zip(&high_at)
                    .filter(|(h, b)| low.iter().zip(&low_at).any(|(m, a)| faces(m, a, h, b)))
                    .map(|(h, _)| h)
                    .collect();
                if ea.is_empty() || eb.is_empty() {
                    continue;
                }
                emit(ctx, rule, p, &key, &ea, &eb, &when, out);
            }
        }
    }
}

/// Whether a count is one day's (see `one_day`): dated to a single day by its own words or
/// its paragraph, or undated and told in the perfect, as news of the day it was reported.
fn one_day(c: &crate::claims::Claim) -> bool {
    match c.time_basis {
        TimeBasis::Publication => matches!(c.kind, ClaimKind::Count { perfect: true, .. }),
        _ => c.when.from == c.when.to,
    }
}

/// One finding of a rising toll's band: its higher figures are its later stages, so one
/// finding says the toll is disputed. The lowest upper bound splits the band: what reaches
/// it, and what starts above; a band whose lowest figures clash with none above is left
/// alone. When they do, figures above that clash among themselves join the finding, each on
/// its side, rather than hide together on one ("more than 2,300" and "more than 5,200" above
/// "about 2,000"). Each pair is judged on its own bounds: a figure is never set against one
/// it agrees with merely for sharing a side with a third, and a figure already on one side
/// does not join the other. A lower figure given as of an
/// earlier day than a higher one is the toll before it grew: no clash.
#[allow(clippy::too_many_arguments)]
fn rising_band<'a>(
    ctx: &Ctx,
    rule: &Rule,
    p: &NumericParams,
    key: &str,
    band: &'a [(Item<'a>, Bounds, String)],
    voice: &impl Fn(&Item) -> Option<usize>,
    as_of: &impl Fn(&Item) -> Date,
    when: &impl Fn(&Item) -> DayRange,
    out: &mut Vec<Finding>,
) {
    let Some(h) = band.iter().filter_map(|m| m.1.hi).reduce(f64::min) else {
        return;
    };
    let above: Vec<bool> = band.iter().map(|m| m.1.lo.is_some_and(|l| l > h)).collect();
    let at: Vec<(DayRange, Date)> = band
        .iter()
        .map(|m| (widen(when(&m.0), p.window_days), as_of(&m.0)))
        .collect();
    let clash = |i: usize, j: usize| {
        let (lo, hi) = (&band[i], &band[j]);
        let ((a, lo_as_of), (b, hi_as_of)) = (&at[i], &at[j]);
        i != j
            && lo
                .1
                .hi
                .zip(hi.1.lo)
                .is_some_and(|(top, bottom)| top < bottom)
            && a.from <= b.to
            && b.from <= a.to
            && voice(&lo.0).is_none_or(|v| Some(v) != voice(&hi.0))
            && lo_as_of >= hi_as_of
    };
    let n = band.len();
    let (mut low, mut high) = (vec![false; n], vec![false; n]);
    for from_above in [false, true] {
        if from_above && !low.contains(&true) {
            return;
        }
        for i in (0..n).filter(|&i| above[i] == from_above) {
            for j in (0..n).filter(|&j| above[j]) {
                // A figure stands on one side only: what a side says is one party's account.
                if clash(i, j) && !high[i] && !low[j] {
                    low[i] = true;
                    high[j] = true;
                }
            }
        }
    }
    let side = |on: &[bool]| -> Vec<&(Item, Bounds, String)> {
        band.iter()
            .zip(on)
            .filter(|(_, on)| **on)
            .map(|(m, _)| m)
            .collect()
    };
    let (ea, eb) = (side(&low), side(&high));
    let (ea, eb): (Vec<_>, Vec<_>) = (ea.iter().collect(), eb.iter().collect());
    emit(ctx, rule, p, key, &ea, &eb, when, out);
}

/// A finding that the figures on one side and those on the other cannot both be true.
#[allow(clippy::too_many_arguments)]
fn emit(
    ctx: &Ctx,
    rule: &Rule,
    p: &NumericParams,
    key: &str,
    ea: &[&&(Item, Bounds, String)],
    eb: &[&&(Item, Bounds, String)],
    when: &impl Fn(&Item) -> DayRange,
    out: &mut Vec<Finding>,
) {
    let window = ea
        .iter()
        .chain(eb)
        .map(|m| when(&m.0))
        .reduce(DayRange::hull)
        .expect("non-empty");
    let names = |e: &[&&(Item, Bounds, String)]| {
        let mut v: Vec<&str> = e.iter().map(|m| m.2.as_str()).collect();
        v.sort();
        v.dedup();
        v.join(" / ")
    };
    let (la, lb) = (names(ea), names(eb));
    let tol = tolerance_words(p.tolerance.relative, p.tolerance.absolute);
    let why = format!("{key}: {la} and {lb} cannot both be true for the same days{tol}");
    let sides = vec![
        (la, ea.iter().map(|m| (m.0, m.2.clone())).collect()),
        (lb, eb.iter().map(|m| (m.0, m.2.clone())).collect()),
    ];
    out.push(ctx.finding(rule, &p.modality, key, window, sides, why, None));
}

/// The rule's tolerance in words: " (even with each figure widened by 10% plus 5)".
fn tolerance_words(relative: f64, absolute: f64) -> String {
    let by = match (relative > 0.0, absolute > 0.0) {
        (false, false) => return String::new(),
        (true, false) => format!("{}%", fmt_num(relative * 100.0)),
        (false, true) => fmt_num(absolute),
        (true, true) => format!("{}% plus {}", fmt_num(relative * 100.0), fmt_num(absolute)),
    };
    format!(" (even with each figure widened by {by})")
}

/// Members split where one figure is more than `ratio` times the one below it: figures that
/// far apart count different things (a part and its whole, one incident and a running
/// total), so only figures of one band are compared.
fn scale_bands<'a>(
    mut members: Vec<(Item<'a>, Bounds, String)>,
    ratio: Option<f64>,
) -> Vec<Vec<(Item<'a>, Bounds, String)>> {
    let Some(ratio) = ratio else {
        return vec![members];
    };
    let value = |m: &(Item, Bounds, String)| match m.0.claim.kind {
        ClaimKind::Count { value, .. } => value,
        _ => 0.0,
    };
    members.sort_by(|a, b| value(a).total_cmp(&value(b)));
    let mut bands: Vec<Vec<(Item, Bounds, String)>> = Vec::new();
    let mut last = f64::NAN;
    for m in members {
        let v = value(&m);
        match bands.last_mut() {
            // A zero ("no one was killed") always faces the figure above it.
            Some(band) if last <= 0.0 || v <= last * ratio => band.push(m),
            _ => bands.push(vec![m]),
        }
        last = v;
    }
    bands
}

/// Moves each group of counts with no named place into the group of the widest place named
/// for the same key, when there is exactly one (see `placeless_widest`). A key's place is its
/// one `in PLACE` part.
fn join_placeless<T>(by_key: &mut BTreeMap<String, Vec<T>>, g: &crate::rules::Gazetteer) {
    let mut placed: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for key in by_key.keys() {
        let mut place = None;
        let mut rest = Vec::new();
        for part in key.split('/') {
            match part.strip_prefix("in ") {
                Some(pl) => place = Some(pl.to_string()),
                None => rest.push(part),
            }
        }
        if let Some(pl) = place {
            placed
                .entry(rest.join("/"))
                .or_default()
                .push((pl, key.clone()));
        }
    }
    for (base, places) in placed {
        if !by_key.contains_key(&base) {
            continue;
        }
        let widest: Vec<&(String, String)> = places
            .iter()
            .filter(|(pl, _)| !places.iter().any(|(o, _)| o != pl && g.place_within(pl, o)))
            .collect();
        let [(_, key)] = widest[..] else {
            continue; // no single whole: the count stays apart
        };
        let moved = by_key.remove(&base).unwrap_or_default();
        by_key.entry(key.clone()).or_default().extend(moved);
    }
}

/// The province a place lies in (or the place itself when it is one or has none).
fn province_of(g: &crate::rules::Gazetteer, place: &str) -> String {
    let mut current = place.to_string();
    for _ in 0..16 {
        match g.place(&current) {
            Some(p) if p.kind.as_deref() == Some("province") => return current,
            Some(p) => match &p.within {
                Some(w) => current = w.clone(),
                None => return place.to_string(),
            },
            None => return place.to_string(),
        }
    }
    place.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tolerance_is_said_in_words() {
        assert_eq!(
            tolerance_words(0.1, 0.0),
            " (even with each figure widened by 10%)"
        );
        assert_eq!(
            tolerance_words(0.1, 5.0),
            " (even with each figure widened by 10% plus 5)"
        );
        assert_eq!(tolerance_words(0.0, 0.0), "");
        assert!(!tolerance_words(0.1, 0.0).contains("and 0"));
    }
}
