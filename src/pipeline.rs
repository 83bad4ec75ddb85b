//! The per-article pipeline: normalised text, then annotations (times, quantities, mentions),
//! then claims, kept with what the audit counts and a near-duplicate signature. The corpus is
//! analysed one article at a time; comparison across articles is [`crate::check`]'s.

use crate::annotate::wording::{self as terms, TermUse};
use crate::annotate::{Annotations, Grain};
use crate::claims::{Claim, Located};
use crate::corpus::{DocInfo, Document};
use crate::rules::RuleSet;
use crate::text::duplicates;

/// What is kept of a document after analysis: its metadata, its claims with their places in
/// the file, what the audit counts, and a signature to find copies by. The text is gone.
pub struct Analyzed {
    pub doc: DocInfo,
    pub claims: Vec<Claim>,
    /// Where each claim stands in the original file, in the order of `claims`.
    pub at: Vec<Located>,
    pub facts: DocFacts,
    /// MinHash of the text's word shingles (see [`crate::text::duplicates`]).
    pub signature: duplicates::Signature,
}

/// Annotate a document, extract its claims and keep what later stages need; the document
/// is dropped, so a corpus is analysed one document at a time in bounded memory.
pub fn analyse(doc: Document, rules: &RuleSet) -> Analyzed {
    let (claims, facts, signature) = findings_of(&doc, rules);
    let at = claims.iter().map(|c| doc.locate(c.span.clone())).collect();
    Analyzed {
        signature,
        doc: DocInfo::from(&doc),
        claims,
        at,
        facts,
    }
}

/// What analysis finds in a document: its claims, the audit's facts and its near-duplicate
/// signature (also what `claims --format jsonl` writes).
pub fn findings_of(
    doc: &Document,
    rules: &RuleSet,
) -> (Vec<Claim>, DocFacts, duplicates::Signature) {
    let ann = crate::annotate::annotate(doc, &rules.gazetteer);
    let claims = crate::extract::extract(doc, &ann, rules);
    let facts = facts(doc, &ann, rules);
    (
        claims,
        facts,
        duplicates::signature(doc.text(), doc.tokens()),
    )
}

/// What the audit needs of one document beyond its claims.
#[derive(Debug, Clone, Default)]
pub struct DocFacts {
    pub dates: usize,
    pub day_dates: usize,
    /// The latest day the text dates, not after publication: the day its news is about
    /// (what a present-tense status covers, see `PresentWindow::Article`).
    pub latest_day: Option<jiff::civil::Date>,
    /// Words outside quotations: the outlet's own voice.
    pub own_words: usize,
    pub terms: Vec<TermUse>,
}

/// Gather the facts of one annotated document.
pub fn facts(doc: &Document, ann: &Annotations, rules: &RuleSet) -> DocFacts {
    DocFacts {
        dates: ann.times.len(),
        day_dates: ann.times.iter().filter(|t| t.grain == Grain::Day).count(),
        latest_day: ann
            .times
            .iter()
            .filter(|t| t.grain == Grain::Day && t.range.to <= doc.meta.published.to)
            .map(|t| t.range.to)
            .max(),
        own_words: own_words(doc),
        terms: terms::find(doc, &rules.lexicon),
    }
}

/// Words outside quotations: the outlet's own voice.
pub fn own_words(doc: &Document) -> usize {
    let text = doc.text();
    let quoted: usize = outermost(&doc.quotes)
        .map(|q| doc.tokens().count(text, q.start, q.end))
        .sum();
    doc.words.saturating_sub(quoted)
}

/// Quotations not inside another one.
fn outermost(quotes: &[crate::text::Quote]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut end = 0;
    quotes.iter().filter_map(move |q| {
        if q.range.start < end {
            return None;
        }
        end = q.range.end;
        Some(q.range.clone())
    })
}
