//! The source audit: how each outlet in the mix behaves, and which words belong to whom.
//!
//! Every rate is given with its n. Claims are compared across independent voices (copies of
//! one story are one voice, as in the conflict checks); a claim is *comparable* when an
//! independent voice makes a claim with the same key about overlapping days, *corroborated*
//! when one of those agrees, *contradicted* when it is evidence in a conflict finding at
//! warning or above. Facts that text cannot measure (ownership, corrections policy) are
//! reported as not assessed, never guessed.

pub mod logodds;
/// Loaded wording is found while an article is annotated ([`crate::annotate::wording`]).
pub use crate::annotate::wording as terms;

use crate::annotate::Qualifier;
use crate::check::{self, Analyzed};
use crate::claims::{Claim, ClaimKind};
use crate::corpus::Outlets;
use crate::diagnostic::display_path;
use crate::findings::Finding;
pub use crate::pipeline::{DocFacts, facts, own_words};
use crate::rules::conflict::Check;
use crate::rules::{RuleSet, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
pub use terms::{TermUse, Voice};

/// A share with its n: shown as a count below [`MIN_N_FOR_RATE`].
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Rate {
    pub count: usize,
    pub n: usize,
}

/// Below this n a share is shown as "count/n", not a percentage.
pub const MIN_N_FOR_RATE: usize = 5;

impl Rate {
    pub fn show(self) -> String {
        if self.n == 0 {
            "n/a (n=0)".into()
        } else if self.n < MIN_N_FOR_RATE {
            format!("{}/{}", self.count, self.n)
        } else {
            format!(
                "{:.0}% (n={})",
                100.0 * self.count as f64 / self.n as f64,
                self.n
            )
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OutletRow {
    pub outlet: String,
    pub name: String,
    pub articles: usize,
    pub words: usize,
    pub own_words: usize,
    /// Claims by kind: count, control, status, event-date.
    pub claims: BTreeMap<String, usize>,
    pub corroborated: Rate,
    pub contradicted: Rate,
    pub attributed: Rate,
    pub hedged: Rate,
    pub day_dates: Rate,
    pub precise_counts: Rate,
    /// Loaded terms in the outlet's own voice (each counted by its lexicon weight), per 1,000
    /// own-voice words.
    pub loaded_per_1000: f64,
    pub loaded_own: usize,
    pub loaded_quoted: usize,
    /// Own-voice terms, most used first: (term, uses).
    pub top_terms: Vec<(String, usize)>,
    pub ownership: &'static str,
    pub corrections_policy: &'static str,
}

/// One term's use by one outlet against the rest of the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Distinctive {
    pub term: String,
    pub category: String,
    pub outlet: String,
    pub uses: usize,
    pub rest: usize,
    /// Log-odds ratio with an informative Dirichlet prior, and its z-score.
    pub log_odds: f64,
    pub z: f64,
    pub neutral: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    pub outlets: Vec<OutletRow>,
    pub distinctive: Vec<Distinctive>,
    /// Each use of loaded wording, with its place.
    pub uses: Vec<UseRow>,
    /// Claims repeated by several voices from one named origin, counted once.
    pub shared_origins: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UseRow {
    pub doc: String,
    pub outlet: String,
    pub line: usize,
    pub column: usize,
    #[serde(flatten)]
    pub term: TermUse,
}

const NOT_ASSESSED: &str = "not assessed";

/// Build the audit from the analysed corpus, its facts and the conflict findings.
pub fn build(rules: &RuleSet, docs: &[Analyzed], outlets: &Outlets, findings: &[Finding]) -> Audit {
    let voices = check::voices(docs, outlets);
    let verdicts = corroboration(rules, docs, &voices);
    // Claims in a finding at warning or above, by (article, line, column).
    let contradicted: BTreeSet<(String, usize, usize)> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .flat_map(|f| f.sides.iter().flat_map(|s| s.evidence.iter()))
        .map(|e| (e.article.clone(), e.line, e.column))
        .collect();

    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in docs.iter().enumerate() {
        by_outlet
            .entry(a.doc.meta.outlet.as_str())
            .or_default()
            .push(i);
    }
    let mut rows = Vec::new();
    for (outlet, ds) in &by_outlet {
        let mut claims: BTreeMap<String, usize> = BTreeMap::new();
        for kind in ["count", "control", "status", "event-date"] {
            claims.insert(kind.into(), 0);
        }
        let (mut corr, mut contra, mut attributed, mut hedged, mut total) = (0, 0, 0, 0, 0);
        let mut comparable = 0;
        let (mut counts, mut precise) = (0, 0);
        let (mut dates, mut day_dates, mut words, mut own_words) = (0, 0, 0, 0);
        let (mut own, mut quoted, mut weighted) = (0, 0, 0.0);
        let mut top: BTreeMap<String, usize> = BTreeMap::new();
        for &d in ds {
            let a = &docs[d];
            words += a.doc.words;
            own_words += a.facts.own_words;
            dates += a.facts.dates;
            day_dates += a.facts.day_dates;
            for (c, claim) in a.claims.iter().enumerate() {
                total += 1;
                *claims.entry(claim.kind.name().into()).or_default() += 1;
                attributed += usize::from(claim.modality.attribution.is_some());
                hedged += usize::from(claim.modality.hedged);
                if let ClaimKind::Count { qualifier, .. } = &claim.kind {
                    counts += 1;
                    precise += usize::from(*qualifier != Qualifier::Vague);
                }
                if let Some(&agreed) = verdicts.get(&(d, c)) {
                    comparable += 1;
                    corr += usize::from(agreed);
                    let (line, col) = (a.at[c].line, a.at[c].column);
                    contra +=
                        usize::from(contradicted.contains(&(a.doc.id().to_string(), line, col)));
                }
            }
            for t in &a.facts.terms {
                if t.voice.is_outlet() {
                    own += 1;
                    weighted += rules.lexicon.term(&t.term).map_or(1.0, |x| x.weight);
                    *top.entry(t.term.clone()).or_default() += 1;
                } else {
                    quoted += 1;
                }
            }
        }
        let mut top: Vec<(String, usize)> = top.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let name = outlets
            .get(outlet)
            .map_or(outlet.to_string(), |o| o.name.clone());
        rows.push(OutletRow {
            outlet: outlet.to_string(),
            name,
            articles: ds.len(),
            words,
            own_words,
            claims,
            corroborated: Rate {
                count: corr,
                n: comparable,
            },
            contradicted: Rate {
                count: contra,
                n: comparable,
            },
            attributed: Rate {
                count: attributed,
                n: total,
            },
            hedged: Rate {
                count: hedged,
                n: total,
            },
            day_dates: Rate {
                count: day_dates,
                n: dates,
            },
            precise_counts: Rate {
                count: precise,
                n: counts,
            },
            loaded_per_1000: if own_words == 0 {
                0.0
            } else {
                1000.0 * weighted / own_words as f64
            },
            loaded_own: own,
            loaded_quoted: quoted,
            top_terms: top,
            ownership: NOT_ASSESSED,
            corrections_policy: NOT_ASSESSED,
        });
    }

    // Fightin' Words over the own-voice uses: each outlet against the rest of the corpus.
    let mut counts: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut own_words: BTreeMap<&str, usize> = BTreeMap::new();
    for a in docs {
        *own_words.entry(a.doc.meta.outlet.as_str()).or_default() += a.facts.own_words;
        for t in a.facts.terms.iter().filter(|t| t.voice.is_outlet()) {
            *counts
                .entry(t.term.as_str())
                .or_default()
                .entry(a.doc.meta.outlet.as_str())
                .or_default() += 1;
        }
    }
    let total_words: usize = own_words.values().sum();
    let mut distinctive = Vec::new();
    for (term, per) in &counts {
        let term_total: usize = per.values().sum();
        for (outlet, &n_words) in &own_words {
            let uses = per.get(outlet).copied().unwrap_or(0);
            if uses == 0 {
                continue;
            }
            let s = logodds::score(
                uses,
                n_words,
                term_total - uses,
                total_words - n_words,
                term_total,
                total_words,
            );
            let meta = rules.lexicon.term(term);
            distinctive.push(Distinctive {
                term: term.to_string(),
                category: meta.map_or("sarcasm", |m| m.category.name()).to_string(),
                outlet: outlet.to_string(),
                uses,
                rest: term_total - uses,
                log_odds: s.delta,
                z: s.z,
                neutral: meta.map_or_else(
                    || "drop the quotation marks or attribute the label".to_string(),
                    |m| m.neutral.clone(),
                ),
            });
        }
    }
    distinctive.sort_by(|a, b| {
        b.z.total_cmp(&a.z)
            .then(a.term.cmp(&b.term))
            .then(a.outlet.cmp(&b.outlet))
    });

    let uses = docs
        .iter()
        .flat_map(|a| {
            a.facts.terms.iter().map(move |t| UseRow {
                doc: display_path(a.doc.path()),
                outlet: a.doc.meta.outlet.clone(),
                line: t.at.line,
                column: t.at.column,
                term: t.clone(),
            })
        })
        .collect();
    let shared = shared_origins(docs, &voices)
        .into_iter()
        .map(|(id, n)| {
            (
                rules
                    .gazetteer
                    .actor(&id)
                    .map_or(id.clone(), |a| a.name.clone()),
                n,
            )
        })
        .collect();
    Audit {
        outlets: rows,
        distinctive,
        uses,
        shared_origins: shared,
    }
}

/// The comparison key of a claim, and a value to test agreement on.
fn key(claim: &Claim) -> Option<String> {
    Some(match &claim.kind {
        ClaimKind::Count {
            measure,
            subject,
            subject_actor,
            cumulative: false,
            remainder: false,
            rate: false,
            perfect: false,
            ..
        } => {
            format!(
                "count/{measure}/{subject}/{}",
                subject_actor.as_deref().unwrap_or("-")
            )
        }
        ClaimKind::Control { place: Some(p), .. } => format!("control/{p}"),
        ClaimKind::Status { subject, .. } => format!("status/{subject}"),
        ClaimKind::EventDate { thing, event, .. } => format!("event/{thing}/{event}"),
        ClaimKind::Term { thing, term, .. } => format!("term/{thing}/{term}"),
        _ => return None,
    })
}

/// For each comparable claim (doc, index): whether an independent voice agrees with it.
fn corroboration(
    rules: &RuleSet,
    docs: &[Analyzed],
    voices: &[usize],
) -> BTreeMap<(usize, usize), bool> {
    let g = &rules.gazetteer;
    let camp = |actor: &str| g.side_of(actor);
    // Statuses that the exclusive-status rules put in one group agree with each other.
    let groups: Vec<&Vec<String>> = rules
        .rules
        .iter()
        .filter_map(|r| match &r.check {
            Check::ExclusiveStatus(p) => Some(p.groups.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    let agree = |a: &Claim, b: &Claim| match (&a.kind, &b.kind) {
        (
            ClaimKind::Count {
                low: al,
                high: ah,
                tolerance: at,
                ..
            },
            ClaimKind::Count {
                low: bl,
                high: bh,
                tolerance: bt,
                ..
            },
        ) => {
            let t = at.max(*bt);
            let lo_ok = |lo: &Option<f64>, hi: &Option<f64>| match (lo, hi) {
                (Some(l), Some(h)) => l * (1.0 - t) <= h * (1.0 + t),
                _ => true,
            };
            lo_ok(al, bh) && lo_ok(bl, ah)
        }
        (ClaimKind::Control { controller: x, .. }, ClaimKind::Control { controller: y, .. }) => {
            camp(x) == camp(y)
        }
        (ClaimKind::Status { status: x, .. }, ClaimKind::Status { status: y, .. }) => {
            x == y || groups.iter().any(|gr| gr.contains(x) && gr.contains(y))
        }
        (ClaimKind::EventDate { .. }, ClaimKind::EventDate { .. }) => a.when.overlaps(&b.when),
        (ClaimKind::Term { .. }, ClaimKind::Term { .. }) => {
            super::check::term_total(&a.kind) == super::check::term_total(&b.kind)
        }
        _ => false,
    };
    let mut by_key: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (d, a) in docs.iter().enumerate() {
        for (c, claim) in a.claims.iter().enumerate() {
            let m = &claim.modality;
            if m.negated || m.planned || m.conditional {
                continue;
            }
            if let Some(k) = key(claim) {
                by_key.entry(k).or_default().push((d, c));
            }
        }
    }
    let mut out = BTreeMap::new();
    for members in by_key.values() {
        // Within one key every pair may be looked at (stopping at the first agreement): keys
        // are narrow (one measure and subject, one place, one thing).
        for &(d, c) in members {
            let claim = &docs[d].claims[c];
            let mut comparable = false;
            let mut agreed = false;
            for &(e, k) in members {
                let other = &docs[e].claims[k];
                if voices[e] == voices[d] || !claim.when.overlaps(&other.when) {
                    continue;
                }
                comparable = true;
                if agree(claim, other) {
                    agreed = true;
                    break;
                }
            }
            if comparable {
                out.insert((d, c), agreed);
            }
        }
    }
    out
}

/// Named origins ("the Karsk Monitor said") repeated by more than one voice: each counts
/// once however many outlets repeat it.
fn shared_origins(docs: &[Analyzed], voices: &[usize]) -> Vec<(String, usize)> {
    let mut by_origin: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (d, a) in docs.iter().enumerate() {
        for c in &a.claims {
            if let Some(entity) = c
                .modality
                .attribution
                .as_ref()
                .and_then(|x| x.entity.clone())
            {
                by_origin.entry(entity).or_default().insert(voices[d]);
            }
        }
    }
    by_origin
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(k, v)| (k, v.len()))
        .collect()
}

/// Articles that speak with one voice, and why.
#[derive(Debug, Clone, Serialize)]
pub struct VoiceGroup {
    /// (path, outlet) of each article.
    pub articles: Vec<(String, String)>,
    pub reasons: Vec<&'static str>,
}

/// The groups of two or more articles counted as one voice, for `audit --duplicates`.
pub fn voice_groups(docs: &[Analyzed], outlets: &Outlets) -> Vec<VoiceGroup> {
    let voices = check::voices(docs, outlets);
    let near: Vec<Vec<usize>> = crate::text::duplicates::groups(
        docs.iter().map(|a| a.signature.as_slice()),
        outlets.near_duplicates,
    );
    let mut by_voice: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (d, &v) in voices.iter().enumerate() {
        by_voice.entry(v).or_default().push(d);
    }
    by_voice
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|m| {
            let meta = |d: usize| &docs[d].doc.meta;
            let mut reasons = BTreeSet::new();
            let outlet_ids: BTreeSet<&str> = m.iter().map(|&d| meta(d).outlet.as_str()).collect();
            if outlet_ids.len() < m.len() {
                reasons.insert("one outlet");
            }
            if outlet_ids.len() > 1 {
                let families: BTreeSet<Option<&str>> = outlet_ids
                    .iter()
                    .map(|o| outlets.get(o).and_then(|x| x.family.as_deref()))
                    .collect();
                if families.len() == 1 && !families.contains(&None) {
                    reasons.insert("one family");
                }
            }
            if m.iter().any(|&d| meta(d).via.is_some()) {
                reasons.insert("republished (via)");
            }
            let urls: Vec<&str> = m.iter().filter_map(|&d| meta(d).url.as_deref()).collect();
            if urls.iter().collect::<BTreeSet<_>>().len() < urls.len() {
                reasons.insert("one URL");
            }
            if near
                .iter()
                .any(|g| g.iter().filter(|d| m.contains(d)).count() > 1)
            {
                reasons.insert("near-duplicate text");
            }
            VoiceGroup {
                articles: m
                    .iter()
                    .map(|&d| (display_path(docs[d].doc.path()), meta(d).outlet.clone()))
                    .collect(),
                reasons: reasons.into_iter().collect(),
            }
        })
        .collect()
}
