//! The per-article pipeline: normalised text, then annotations (times, quantities, mentions),
//! then claims, kept with what the audit counts and a near-duplicate signature. The corpus is
//! analysed one article at a time; comparison across articles is [`crate::check`]'s.

use crate::audit::DocFacts;
use crate::check::duplicates;
use crate::claims::{Claim, Located};
use crate::corpus::{DocInfo, Document};
use crate::rules::RuleSet;

/// What is kept of a document after analysis: its metadata, its claims with their places in
/// the file, what the audit counts, and a signature to find copies by. The text is gone.
pub struct Analyzed {
    pub doc: DocInfo,
    pub claims: Vec<Claim>,
    /// Where each claim stands in the original file, in the order of `claims`.
    pub at: Vec<Located>,
    pub facts: DocFacts,
    /// MinHash of the text's word shingles (see [`crate::check::duplicates`]).
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
    let facts = crate::audit::facts(doc, &ann, rules);
    (
        claims,
        facts,
        duplicates::signature(doc.text(), doc.tokens()),
    )
}
