//! Loaded wording as rule findings, so CI can enforce a house style: each use in an outlet's
//! own voice (`loaded-term`), and outlets whose rate is too high (`term-rate`).

use super::Ctx;
use crate::annotate::wording::TermUse;
use crate::calendar::DayRange;
use crate::findings::{Finding, Side};
use crate::rules::Rule;
use crate::rules::conflict::{LoadedTermParams, TermRateParams};
use crate::rules::lexicon::Category;
use std::collections::BTreeMap;

/// Own-voice uses in each document that the rule's term and category lists keep.
fn uses<'a>(ctx: &Ctx<'a>, term_ids: &[String], categories: &[Category]) -> Vec<Vec<&'a TermUse>> {
    ctx.docs
        .iter()
        .map(|a| {
            a.facts
                .terms
                .iter()
                .filter(|u| u.voice.is_outlet())
                .filter(|u| term_ids.is_empty() || term_ids.contains(&u.term))
                .filter(|u| categories.is_empty() || categories.contains(&u.category))
                .collect()
        })
        .collect()
}

fn neutral(ctx: &Ctx, term: &str) -> String {
    ctx.rules.lexicon.term(term).map_or_else(
        || "drop the quotation marks, or attribute the label to whoever uses it".to_string(),
        |t| t.neutral.clone(),
    )
}

fn side(ctx: &Ctx, d: usize, label: String, us: &[&TermUse]) -> Side {
    let when = ctx.docs[d].doc.meta.published;
    Side {
        label,
        evidence: us
            .iter()
            .map(|u| {
                let how = vec![format!("{} ({})", u.category.name(), u.term)];
                ctx.evidence_at(d, &u.at, when, u.text.clone(), how)
            })
            .collect(),
    }
}

pub(super) fn loaded_terms(ctx: &Ctx, rule: &Rule, p: &LoadedTermParams, out: &mut Vec<Finding>) {
    // A finding per document and term: each document's on its own core (a large corpus has
    // thousands), joined in document order.
    use rayon::prelude::*;
    let uses = uses(ctx, &p.terms, &p.categories);
    let per_doc: Vec<Vec<Finding>> = uses
        .par_iter()
        .enumerate()
        .map(|(d, doc_uses)| {
            let mut by_term: BTreeMap<&str, Vec<&TermUse>> = BTreeMap::new();
            for &u in doc_uses {
                by_term.entry(&u.term).or_default().push(u);
            }
            by_term
                .into_iter()
                .map(|(term, us)| finding(ctx, rule, d, term, &us))
                .collect()
        })
        .collect();
    out.extend(per_doc.into_iter().flatten());
}

/// The finding for one term's uses in document `d`.
fn finding(ctx: &Ctx, rule: &Rule, d: usize, term: &str, us: &[&TermUse]) -> Finding {
    let mut words: Vec<&str> = us.iter().map(|u| u.text.as_str()).collect();
    words.sort_unstable();
    words.dedup();
    let alt = neutral(ctx, term);
    let why = format!(
        "{} in the outlet's own voice; a neutral alternative: {alt}",
        words.join(", ")
    );
    let window = ctx.docs[d].doc.meta.published;
    let sides = vec![
        side(ctx, d, words.join(", "), us),
        Side {
            label: alt,
            evidence: Vec::new(),
        },
    ];
    ctx.assemble(rule, rule.severity, term, window, sides, why, None)
}

pub(super) fn term_rate(ctx: &Ctx, rule: &Rule, p: &TermRateParams, out: &mut Vec<Finding>) {
    use rayon::prelude::*;
    let uses = uses(ctx, &p.terms, &p.categories);
    // Each outlet's own-voice words, uses and documents, in one pass over the documents.
    let mut outlets: BTreeMap<&str, (usize, usize, Vec<usize>)> = BTreeMap::new();
    for (d, a) in ctx.docs.iter().enumerate() {
        let o = outlets.entry(a.doc.meta.outlet.as_str()).or_default();
        o.0 += a.facts.own_words;
        o.1 += uses[d].len();
        o.2.push(d);
    }
    let all_words: usize = outlets.values().map(|o| o.0).sum();
    let all_uses: usize = outlets.values().map(|o| o.1).sum();
    let flagged: Vec<Over> = outlets
        .iter()
        .filter_map(|(&outlet, (n, y, docs))| {
            let (n, y) = (*n, *y);
            if n < p.min_words || y == 0 {
                return None;
            }
            let rate = 1000.0 * y as f64 / n as f64;
            let rest_words = all_words - n;
            let rest_rate =
                (rest_words > 0).then(|| 1000.0 * (all_uses - y) as f64 / rest_words as f64);
            let mut over = Vec::new();
            if let Some(max) = p.max_per_1000.filter(|m| rate > *m) {
                over.push(format!("above the limit of {max:.1} per 1,000 words"));
            }
            if let (Some(k), Some(rest)) = (p.max_ratio, rest_rate) {
                if rate > k * rest.max(f64::MIN_POSITIVE) {
                    over.push(format!(
                        "more than {k:.1} times the rest of the corpus ({rest:.1} per 1,000)"
                    ));
                }
            }
            (!over.is_empty()).then_some(Over {
                outlet,
                words: n,
                uses: y,
                rate,
                docs,
                reasons: over,
            })
        })
        .collect();
    // The evidence is every use of the outlet's: thousands in a large corpus, each outlet's
    // built on its own core, joined in outlet order.
    let findings: Vec<Finding> = flagged
        .into_par_iter()
        .map(|o| {
            let (rate, y, n, over) = (o.rate, o.uses, o.words, &o.reasons);
            let mut window: Option<DayRange> = None;
            let mut evidence = Vec::new();
            for &d in o.docs {
                let pubd = ctx.docs[d].doc.meta.published;
                window = Some(window.map_or(pubd, |w| DayRange {
                    from: w.from.min(pubd.from),
                    to: w.to.max(pubd.to),
                }));
                evidence.extend(side(ctx, d, String::new(), &uses[d]).evidence);
            }
            let label = format!("{rate:.1} loaded terms per 1,000 own-voice words ({y} in {n})");
            let why = format!("{label}: {}", over.join("; "));
            let sides = vec![
                Side { label, evidence },
                Side {
                    label: over.join("; "),
                    evidence: Vec::new(),
                },
            ];
            let window = window.expect("an outlet has documents");
            ctx.assemble(rule, rule.severity, o.outlet, window, sides, why, None)
        })
        .collect();
    out.extend(findings);
}

/// An outlet whose rate of loaded terms is over a rule's limits, and why.
struct Over<'a> {
    outlet: &'a str,
    words: usize,
    uses: usize,
    /// Uses per 1,000 words.
    rate: f64,
    docs: &'a [usize],
    reasons: Vec<String>,
}
