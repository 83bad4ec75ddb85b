//! The rule engine: compare claims across sources and report what cannot all be true.
//!
//! Each check kind groups its claims by a normalised key, then sweeps the claims of each key
//! in time order: never all pairs. One finding is made per (rule, key, window), listing every
//! outlet on each side. Claims only face claims from an independent voice (unless a rule says
//! `across: documents`); `internal` rules compare claims inside one document.

mod categorical;
mod cumulative;
mod event;
mod numeric;
mod term;
/// Near-duplicate grouping lives with the text machinery; voices are built from it here.
pub use crate::text::duplicates;

pub(crate) use term::term_total;

pub(crate) use numeric::describe;
mod wording;

// The per-article pipeline moved to its own module; these names stay for callers.
pub use crate::pipeline::{Analyzed, analyse, findings_of};

use crate::calendar::DayRange;
use crate::claims::{Claim, ClaimKind, Located};
use crate::corpus::Outlets;
use crate::diagnostic::display_path;
use crate::findings::{Evidence, Finding, FindingClass, Side, fnv1a};
use crate::rules::conflict::{Across, Check, ModalityFlag, ModalityPolicy, Rule, render_message};
use crate::rules::{RuleSet, Severity};
use std::collections::BTreeMap;

/// A claim and where it came from.
#[derive(Clone, Copy)]
pub(crate) struct Item<'a> {
    pub doc: usize,
    pub claim: &'a Claim,
    pub at: &'a Located,
    /// Which voice said it: documents that are copies of one another share a voice.
    pub voice: usize,
}

/// Run every rule that is not off (and is selected) over the corpus.
pub fn run(
    rules: &RuleSet,
    docs: &[Analyzed],
    outlets: &Outlets,
    selected: &dyn Fn(&Rule) -> bool,
) -> Vec<Finding> {
    let voices = voices(docs, outlets);
    let ctx = Ctx {
        rules,
        docs,
        outlets,
        voices: &voices,
    };
    // Rules, and an internal rule's documents, are evaluated on all cores; their findings
    // are joined in the order a single thread would give.
    use rayon::prelude::*;
    let active: Vec<&Rule> = rules
        .rules
        .iter()
        .filter(|r| r.severity != Severity::Off && selected(r))
        .collect();
    let per_rule: Vec<Vec<Finding>> = active
        .par_iter()
        .map(|rule| match &rule.check {
            Check::Internal(p) => (0..docs.len())
                .into_par_iter()
                .map(|d| {
                    let mut out = Vec::new();
                    evaluate(&ctx, rule, &p.check, Scope::Within(d), &mut out);
                    out
                })
                .flatten()
                .collect(),
            check => {
                let mut out = Vec::new();
                evaluate(&ctx, rule, check, Scope::Across(across(check)), &mut out);
                out
            }
        })
        .collect();
    // A rule may switch off its disputes (`disputed: off`).
    let mut findings: Vec<Finding> = per_rule
        .into_iter()
        .flatten()
        .filter(|f| f.severity != Severity::Off)
        .collect();
    findings.sort_by(|a, b| {
        (b.severity, &a.rule, &a.key, a.window, &a.fingerprint).cmp(&(
            a.severity,
            &b.rule,
            &b.key,
            b.window,
            &b.fingerprint,
        ))
    });
    findings
}

fn across(check: &Check) -> Across {
    match check {
        Check::Numeric(p) => p.across,
        Check::ExclusiveStatus(p) => p.across,
        Check::Control(p) => p.across,
        Check::EventDate(p) => p.across,
        Check::Cumulative(p) => p.across,
        Check::Term(p) => p.across,
        Check::Internal(_) => Across::Documents,
        Check::LoadedTerm(_) | Check::TermRate(_) => Across::Outlets,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Across(Across),
    /// Inside one document.
    Within(usize),
}

pub(crate) struct Ctx<'a> {
    pub rules: &'a RuleSet,
    pub docs: &'a [Analyzed],
    pub outlets: &'a Outlets,
    voices: &'a [usize],
}

fn evaluate(ctx: &Ctx, rule: &Rule, check: &Check, scope: Scope, out: &mut Vec<Finding>) {
    match check {
        Check::ExclusiveStatus(p) => categorical::status(ctx, rule, p, scope, out),
        Check::Control(p) => categorical::control(ctx, rule, p, scope, out),
        Check::Numeric(p) => numeric::check(ctx, rule, p, scope, out),
        Check::EventDate(p) => event::check(ctx, rule, p, scope, out),
        Check::Cumulative(p) => cumulative::check(ctx, rule, p, scope, out),
        Check::Term(p) => term::check(ctx, rule, p, scope, out),
        Check::LoadedTerm(p) => wording::loaded_terms(ctx, rule, p, out),
        Check::TermRate(p) => wording::term_rate(ctx, rule, p, out),
        Check::Internal(_) => {} // nesting is refused when rules load
    }
}

impl<'a> Ctx<'a> {
    /// The claims a check looks at: in scope, and not excluded by the rule's modality policy.
    pub fn items(
        &self,
        scope: Scope,
        policy: &ModalityPolicy,
        keep: impl Fn(&Claim) -> bool,
    ) -> Vec<Item<'a>> {
        let docs: Box<dyn Iterator<Item = usize>> = match scope {
            Scope::Within(d) => Box::new(std::iter::once(d)),
            Scope::Across(_) => Box::new(0..self.docs.len()),
        };
        let mut out = Vec::new();
        for d in docs {
            let a = &self.docs[d];
            for (claim, at) in a.claims.iter().zip(&a.at) {
                if keep(claim) && !policy.exclude.iter().any(|f| has_flag(claim, *f)) {
                    let voice = match scope {
                        Scope::Across(Across::Outlets) => self.voices[d],
                        _ => d,
                    };
                    out.push(Item {
                        doc: d,
                        claim,
                        at,
                        voice,
                    });
                }
            }
        }
        out
    }

    /// Whether two claims may face each other in this scope.
    pub fn independent(&self, scope: Scope, a: &Item, b: &Item) -> bool {
        match scope {
            Scope::Within(_) => !std::ptr::eq(a.claim, b.claim),
            Scope::Across(_) => a.voice != b.voice,
        }
    }

    pub fn evidence(&self, item: &Item, value: String) -> Evidence {
        let c = item.claim;
        let mut how = Vec::new();
        let m = &c.modality;
        for (on, name) in [
            (m.hedged, "hedged"),
            (m.quoted, "quoted"),
            (m.negated, "negated"),
            (m.planned, "planned"),
            (m.conditional, "conditional"),
        ] {
            if on {
                how.push(name.to_string());
            }
        }
        if let Some(a) = &m.attribution {
            how.push(format!("attributed to {}", a.text));
        }
        self.evidence_at(item.doc, item.at, c.when, value, how)
    }

    /// Evidence for located words of a document.
    pub fn evidence_at(
        &self,
        doc: usize,
        at: &Located,
        when: DayRange,
        value: String,
        how: Vec<String>,
    ) -> Evidence {
        let doc = &self.docs[doc].doc;
        let outlet_name = self
            .outlets
            .get(&doc.meta.outlet)
            .map_or(doc.meta.outlet.clone(), |o| o.name.clone());
        Evidence {
            doc: display_path(doc.path()),
            article: doc.id().to_string(),
            outlet: doc.meta.outlet.clone(),
            outlet_name,
            via: doc.meta.via.clone(),
            published: doc.meta.published.to_string(),
            from: when.from.to_string(),
            to: when.to.to_string(),
            text: at.text.clone(),
            line: at.line,
            column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
            value,
            how,
        }
    }

    /// Build a finding from its sides: severity lowered when a whole side is only hedged or
    /// quoted (as the rule's policy says), message filled, fingerprint computed.
    #[allow(clippy::too_many_arguments)]
    pub fn finding(
        &self,
        rule: &Rule,
        policy: &ModalityPolicy,
        key: &str,
        window: DayRange,
        sides: Vec<(String, Vec<(Item, String)>)>,
        why: String,
        reconciliation: Option<String>,
    ) -> Finding {
        let weak_side = sides.iter().any(|(_, items)| {
            !items.is_empty()
                && items
                    .iter()
                    .all(|(i, _)| policy.downgrade.iter().any(|f| has_flag(i.claim, *f)))
        });
        let class = disputed(&sides);
        let mut severity = match class {
            FindingClass::Disputed => rule.disputed.unwrap_or(rule.severity),
            FindingClass::Contradicted => rule.severity,
        };
        let why = match class {
            FindingClass::Disputed => {
                // One origin is one voice however many outlets carry it.
                let parties = |i: usize| {
                    let mut by: BTreeMap<String, Vec<&str>> = BTreeMap::new();
                    for (x, _) in &sides[i].1 {
                        by.entry(x.claim.origin().to_string())
                            .or_default()
                            .push(self.docs[x.doc].doc.meta.outlet.as_str());
                    }
                    by.into_iter()
                        .map(|(origin, mut outlets)| {
                            outlets.sort();
                            outlets.dedup();
                            match outlets.len() {
                                1 => origin,
                                n => format!("{origin} (one voice, carried by {n} outlets)"),
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!(
                    "disputed: {} on one side, {} on the other, each as the outlets quote them; {why}",
                    parties(0),
                    parties(1)
                )
            }
            FindingClass::Contradicted => why,
        };
        if weak_side {
            severity = severity.lowered();
        }
        if reconciliation.is_some() {
            severity = Severity::Info;
        }
        let sides: Vec<Side> = sides
            .into_iter()
            .map(|(label, items)| {
                let mut evidence: Vec<Evidence> = items
                    .iter()
                    .map(|(i, v)| self.evidence(i, v.clone()))
                    .collect();
                evidence.sort_by(|a, b| {
                    (&a.published, &a.doc, a.line, a.column).cmp(&(
                        &b.published,
                        &b.doc,
                        b.line,
                        b.column,
                    ))
                });
                evidence
                    .dedup_by(|a, b| a.doc == b.doc && a.line == b.line && a.column == b.column);
                Side { label, evidence }
            })
            .collect();
        let mut f = self.assemble(rule, severity, key, window, sides, why, reconciliation);
        f.class = Some(class);
        f
    }

    /// A finding from sides already turned into evidence: message filled, fingerprint made.
    #[allow(clippy::too_many_arguments)]
    pub fn assemble(
        &self,
        rule: &Rule,
        severity: Severity,
        key: &str,
        window: DayRange,
        sides: Vec<Side>,
        why: String,
        reconciliation: Option<String>,
    ) -> Finding {
        let mut outlets: Vec<&str> = sides
            .iter()
            .flat_map(|s| s.evidence.iter().map(|e| e.outlet.as_str()))
            .collect();
        outlets.sort();
        outlets.dedup();
        let mut docs: Vec<&str> = sides
            .iter()
            .flat_map(|s| s.evidence.iter().map(|e| e.article.as_str()))
            .collect();
        docs.sort();
        docs.dedup();
        let mut labels: Vec<&str> = sides.iter().map(|s| s.label.as_str()).collect();
        labels.sort();
        let bucket = week_bucket(window);
        let fingerprint = fnv1a(&[
            &rule.id,
            key,
            &bucket,
            &outlets.join(","),
            &docs.join(","),
            &labels.join(","),
        ]);
        let names = |i: usize| {
            let mut v: Vec<&str> = sides
                .get(i)
                .map(|s| s.evidence.iter().map(|e| e.outlet_name.as_str()).collect())
                .unwrap_or_default();
            v.sort();
            v.dedup();
            v.join(", ")
        };
        let mut fields = BTreeMap::new();
        fields.insert("key", key.to_string());
        fields.insert("window", window_text(window));
        fields.insert(
            "a",
            sides.first().map(|s| s.label.clone()).unwrap_or_default(),
        );
        fields.insert(
            "b",
            sides.get(1).map(|s| s.label.clone()).unwrap_or_default(),
        );
        fields.insert("outlets_a", names(0));
        fields.insert("outlets_b", names(1));
        fields.insert("why", why.clone());
        Finding {
            rule: rule.id.clone(),
            severity,
            check: rule.check.kind(),
            key: key.to_string(),
            window,
            message: render_message(&rule.message, &fields),
            why,
            reconciliation,
            sides,
            class: None,
            fingerprint,
        }
    }
}

/// A dispute: two sides, every claim on them attributed to a party (or a source), and no
/// party on both. Otherwise at least one outlet speaks in its own voice, or outlets
/// disagree on what one party said: a contradiction between outlets.
fn disputed(sides: &[(String, Vec<(Item, String)>)]) -> FindingClass {
    use crate::claims::Origin;
    let origins = |i: usize| -> Option<std::collections::BTreeSet<Origin>> {
        let items = &sides.get(i)?.1;
        let set: std::collections::BTreeSet<Origin> =
            items.iter().map(|(x, _)| x.claim.origin()).collect();
        (!items.is_empty() && !set.contains(&Origin::Outlet)).then_some(set)
    };
    match (origins(0), origins(1)) {
        (Some(a), Some(b)) if sides.len() == 2 && a.is_disjoint(&b) => FindingClass::Disputed,
        _ => FindingClass::Contradicted,
    }
}

/// The ISO week a window starts in: findings keep their fingerprint while their dates wobble
/// within it.
fn week_bucket(window: DayRange) -> String {
    let iso = window.from.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

pub(crate) fn window_text(w: DayRange) -> String {
    if w.is_single_day() {
        w.from.to_string()
    } else {
        format!("{} to {}", w.from, w.to)
    }
}

pub(crate) fn has_flag(c: &Claim, f: ModalityFlag) -> bool {
    let m = &c.modality;
    match f {
        ModalityFlag::Hedged => m.hedged,
        ModalityFlag::Negated => m.negated,
        ModalityFlag::Planned => {
            m.planned
                || matches!(
                    c.kind,
                    ClaimKind::Control {
                        change: crate::rules::frames::Change::Planned,
                        ..
                    }
                )
        }
        ModalityFlag::Conditional => m.conditional,
        ModalityFlag::Quoted => m.quoted,
        ModalityFlag::Attributed => m.attribution.is_some(),
    }
}

/// Voices: documents that are one outlet's, copies through `via`, one family's, share a URL
/// or are near-duplicate texts speak with one voice. Union-find over documents.
pub fn voices(docs: &[Analyzed], outlets: &Outlets) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // The first document with each outlet, family or URL; later ones join its voice.
    let mut by_key: foldhash::HashMap<(bool, &str), usize> = foldhash::HashMap::default();
    for (i, a) in docs.iter().enumerate() {
        let m = &a.doc.meta;
        let family = outlets
            .get(&m.outlet)
            .and_then(|o| o.family.as_deref())
            .unwrap_or(&m.outlet);
        let url = m.url.as_deref().map(|u| (true, u.trim_end_matches('/')));
        for key in [(false, family), (false, m.outlet.as_str())]
            .into_iter()
            .chain(url)
        {
            match by_key.get(&key) {
                Some(&j) => {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[ri] = rj;
                }
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }
    // Near-duplicate texts are copies of one story whatever their front matter says.
    for group in duplicates::groups(
        docs.iter().map(|a| a.signature.as_slice()),
        outlets.near_duplicates,
    ) {
        for w in group.windows(2) {
            let (ra, rb) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            parent[ra] = rb;
        }
    }
    // A republished copy speaks with its original's voice, not its republisher's: `via`
    // links a copy to the outlet whose story it is, which `outlet` already names.
    (0..docs.len()).map(|i| find(&mut parent, i)).collect()
}

/// Does some item of `others` overlap `[from, to]` in time and come from another voice?
/// A sweep structure: items sorted by start, with prefix maxima of the end for the two best
/// distinct voices, so each query is a binary search.
pub(crate) struct Overlaps {
    starts: Vec<jiff::civil::Date>,
    /// (best end, its voice, best end of any other voice)
    prefix: Vec<(jiff::civil::Date, usize, Option<jiff::civil::Date>)>,
}

impl Overlaps {
    pub fn new(mut spans: Vec<(DayRange, usize)>) -> Overlaps {
        spans.sort_by_key(|(r, _)| r.from);
        let mut prefix = Vec::with_capacity(spans.len());
        // The latest end, and the latest end among all other voices.
        let mut best: Option<(jiff::civil::Date, usize)> = None;
        let mut second: Option<(jiff::civil::Date, usize)> = None;
        for &(r, v) in &spans {
            match best {
                None => best = Some((r.to, v)),
                Some((e1, v1)) if v == v1 => best = Some((e1.max(r.to), v1)),
                Some((e1, v1)) if r.to > e1 => {
                    second = Some((e1, v1));
                    best = Some((r.to, v));
                }
                Some(_) => match second {
                    Some((e2, v2)) if v == v2 => second = Some((e2.max(r.to), v2)),
                    Some((e2, _)) if r.to <= e2 => {}
                    _ => second = Some((r.to, v)),
                },
            }
            let (b, bv) = best.expect("set above");
            prefix.push((b, bv, second.map(|s| s.0)));
        }
        Overlaps {
            starts: spans.iter().map(|(r, _)| r.from).collect(),
            prefix,
        }
    }

    /// Whether an item from a voice other than `voice` (any voice when `voice` is None)
    /// overlaps `range`.
    pub fn hit(&self, range: DayRange, voice: Option<usize>) -> bool {
        let n = self.starts.partition_point(|s| *s <= range.to);
        let Some(&(best, bv, second)) = n.checked_sub(1).map(|i| &self.prefix[i]) else {
            return false;
        };
        match voice {
            Some(v) if v == bv => second.is_some_and(|s| s >= range.from),
            _ => best >= range.from,
        }
    }
}

/// Widen a window by `days` on both sides.
pub(crate) fn widen(r: DayRange, days: u32) -> DayRange {
    use jiff::ToSpan;
    let d = i32::try_from(days).unwrap_or(i32::MAX / 2);
    DayRange {
        from: r.from.checked_sub(d.days()).unwrap_or(r.from),
        to: r.to.checked_add(d.days()).unwrap_or(r.to),
    }
}

/// Clusters of items whose (widened) windows overlap, in time order: a sweep.
pub(crate) fn clusters<T>(mut items: Vec<(DayRange, T)>) -> Vec<(DayRange, Vec<T>)> {
    items.sort_by_key(|(r, _)| (r.from, r.to));
    let mut out: Vec<(DayRange, Vec<T>)> = Vec::new();
    for (r, t) in items {
        match out.last_mut() {
            Some((span, members)) if r.from <= span.to => {
                span.to = span.to.max(r.to);
                members.push(t);
            }
            _ => out.push((r, vec![t])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: &str, b: &str) -> DayRange {
        DayRange::new(a.parse().unwrap(), b.parse().unwrap()).unwrap()
    }

    #[test]
    fn overlaps_find_another_voice() {
        let o = Overlaps::new(vec![
            (r("2020-03-01", "2020-03-05"), 1),
            (r("2020-03-03", "2020-03-10"), 2),
        ]);
        assert!(o.hit(r("2020-03-09", "2020-03-12"), Some(1)));
        assert!(
            !o.hit(r("2020-03-09", "2020-03-12"), Some(2)),
            "only voice 2 reaches that far"
        );
        assert!(o.hit(r("2020-03-04", "2020-03-04"), Some(2)));
        assert!(!o.hit(r("2020-03-11", "2020-03-12"), None));
        assert!(!o.hit(r("2020-02-01", "2020-02-28"), None));
        // The best voice changes: the second best must not be the new best's own voice.
        let o = Overlaps::new(vec![
            (r("2020-03-01", "2020-03-05"), 1),
            (r("2020-03-02", "2020-03-04"), 2),
            (r("2020-03-03", "2020-03-09"), 2),
        ]);
        assert!(
            o.hit(r("2020-03-05", "2020-03-06"), Some(2)),
            "voice 1 reaches 03-05"
        );
        assert!(!o.hit(r("2020-03-06", "2020-03-06"), Some(2)));
    }

    #[test]
    fn clusters_join_overlapping_windows() {
        let c = clusters(vec![
            (r("2020-03-01", "2020-03-05"), 'a'),
            (r("2020-03-05", "2020-03-06"), 'b'),
            (r("2020-03-08", "2020-03-09"), 'c'),
        ]);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].1, vec!['a', 'b']);
    }
}
