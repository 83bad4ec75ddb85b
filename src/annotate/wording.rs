//! Loaded wording in an article, with whose voice it is in.
//!
//! A term inside a quotation is the speaker's, not the outlet's; an editor's insertion in
//! square brackets inside a quotation ("[Vell regime forces]") is the outlet's own voice; a
//! short quoted label that is not speech ('moderate opposition') is a scare quote, and so is
//! "so-called X": both are the outlet's own voice.

use crate::corpus::Document;
use crate::rules::lexicon::{Category, Lexicon};
use crate::text::Quote;
use serde::Serialize;
use std::ops::Range;

/// Whose words a term is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The outlet's own words.
    Own,
    /// Inside a quotation: the speaker's words.
    Quoted,
    /// An editor's [insertion] inside a quotation: the outlet's own words again.
    Inserted,
}

impl Voice {
    pub fn is_outlet(self) -> bool {
        matches!(self, Voice::Own | Voice::Inserted)
    }
}

/// One use of loaded wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermUse {
    /// The lexicon term id, or `scare-quotes`.
    pub term: String,
    pub category: Category,
    /// In the document's analysed text.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Where it stands in the original file.
    #[serde(skip)]
    pub at: crate::corpus::Located,
    pub text: String,
    pub voice: Voice,
}

pub use crate::rules::lexicon::SCARE_QUOTES;

/// Longest quoted phrase, in words, read as a label rather than speech.
const SCARE_MAX_WORDS: usize = 4;

/// Every use of loaded wording in `doc`, in text order.
pub fn find(doc: &Document, lexicon: &Lexicon) -> Vec<TermUse> {
    let text = doc.text();
    let scare: Vec<&Quote> = doc
        .quotes
        .iter()
        .filter(|q| is_scare_quote(text, q))
        .collect();
    let mut out = Vec::new();
    // Only the terms one of whose prefixes the text holds can match in it.
    let may = lexicon.gate.may_match(text);
    for (term, _) in lexicon.terms.iter().zip(may).filter(|(_, may)| *may) {
        for m in term.regex.find_iter(text) {
            out.push(TermUse {
                term: term.id.clone(),
                category: term.category.clone(),
                span: m.range(),
                text: m.as_str().to_string(),
                voice: voice(doc, &scare, m.range()),
                at: doc.locate(m.range()),
            });
        }
    }
    for q in &scare {
        out.push(TermUse {
            term: SCARE_QUOTES.into(),
            category: Category::sarcasm(),
            span: q.range.clone(),
            text: text[q.range.clone()].to_string(),
            voice: voice(doc, &scare, q.range.clone()),
            at: doc.locate(q.range.clone()),
        });
    }
    for m in SO_CALLED.find_iter(text) {
        let span = m.start()..noun_group_end(text, m.end());
        out.push(TermUse {
            term: SCARE_QUOTES.into(),
            category: Category::sarcasm(),
            span: span.clone(),
            text: text[span.clone()].to_string(),
            voice: voice(doc, &scare, span.clone()),
            at: doc.locate(span),
        });
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.term).cmp(&(b.span.start, b.span.end, &b.term))
    });
    out
}

static SO_CALLED: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)\bso-called\s+[\w'’-]+").expect("valid"));

/// Most words a "so-called" noun group may have: "so-called flood defence walls".
const NOUN_GROUP_MAX_WORDS: usize = 4;

/// English words that cannot continue a noun group after its first word: articles,
/// prepositions, conjunctions, pronouns, and the verbs (common irregular past forms among
/// them) that most often follow one ("the so-called coalition includes...").
const NOT_IN_NOUN_GROUP: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "against",
    "along",
    "also",
    "an",
    "and",
    "appear",
    "appears",
    "are",
    "around",
    "as",
    "at",
    "be",
    "became",
    "become",
    "becomes",
    "been",
    "before",
    "began",
    "begin",
    "begins",
    "being",
    "between",
    "but",
    "by",
    "came",
    "can",
    "come",
    "comes",
    "could",
    "continue",
    "continues",
    "did",
    "do",
    "does",
    "during",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "hold",
    "holds",
    "in",
    "include",
    "includes",
    "including",
    "into",
    "is",
    "it",
    "its",
    "made",
    "make",
    "makes",
    "may",
    "might",
    "must",
    "near",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "onto",
    "or",
    "over",
    "remain",
    "remains",
    "said",
    "say",
    "says",
    "seem",
    "seems",
    "shall",
    "she",
    "should",
    "than",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "took",
    "under",
    "was",
    "we",
    "were",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "will",
    "with",
    "would",
    "met",
    "fell",
    "held",
    "led",
    "left",
    "lost",
    "won",
    "fought",
    "kept",
    "sent",
    "struck",
    "told",
    "gave",
    "got",
    "went",
    "saw",
    "rose",
];

/// The end of the noun group that starts at the first word after "so-called" (`first_end`
/// is that word's end): further words on the same line join it until punctuation, a word
/// that cannot be part of it, or a past form ("the so-called peace council met").
fn noun_group_end(text: &str, first_end: usize) -> usize {
    let mut end = first_end;
    for _ in 1..NOUN_GROUP_MAX_WORDS {
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if gap == 0 {
            break;
        }
        let word_len = rest[gap..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
            .unwrap_or(rest.len() - gap);
        let word = &rest[gap..gap + word_len];
        let lower = word.to_lowercase();
        if word.is_empty()
            || NOT_IN_NOUN_GROUP.contains(&lower.as_str())
            || (lower.ends_with("ed") && lower.len() > 4)
            || lower.ends_with("ly")
        {
            break;
        }
        end += gap + word_len;
    }
    end
}

/// Speech verbs and cues that make a short quotation speech, not a label.
static SPEECH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:said|says|say|told|tells|added|adding|stated|wrote|writes|tweeted|declared|announced|called|calling|according to|asked|replied)\b",
    )
    .expect("valid")
});

/// A short closed quotation that is a label: at most a few words, no sentence inside, not
/// introduced by a colon and not next to a speech verb.
fn is_scare_quote(text: &str, q: &Quote) -> bool {
    if !q.closed {
        return false;
    }
    let inner = text[q.inner()].trim();
    let words = inner.split_whitespace().count();
    if words == 0 || words > SCARE_MAX_WORDS {
        return false;
    }
    if inner.ends_with(['.', ',', '!', '?', ':', ';']) || inner.starts_with('[') {
        return false;
    }
    let before = tail(text, q.range.start, 40);
    let after = head(text, q.range.end, 30);
    if before.trim_end().ends_with([':', ',']) || after.trim_start().starts_with(',') {
        return false;
    }
    !SPEECH.is_match(before) && !SPEECH.is_match(after)
}

fn tail(text: &str, end: usize, n: usize) -> &str {
    let mut start = end.saturating_sub(n);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    // Only the clause just before: a sentence end cuts it.
    let s = &text[start..end];
    s.rfind(['.', '!', '?', '\n']).map_or(s, |i| &s[i + 1..])
}

fn head(text: &str, start: usize, n: usize) -> &str {
    let mut end = (start + n).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let s = &text[start..end];
    s.find(['.', '!', '?', '\n']).map_or(s, |i| &s[..i])
}

fn voice(doc: &Document, scare: &[&Quote], span: Range<usize>) -> Voice {
    let Some(q) = doc.quote_at(span.clone()) else {
        return Voice::Own;
    };
    // `scare` is in start order, as the document's quotations are: a binary search, not a
    // pass over every scare quote for every use of a term.
    let first = scare.partition_point(|s| s.range.start < q.range.start);
    let is_scare = scare[first..]
        .iter()
        .take_while(|s| s.range.start == q.range.start)
        .any(|s| s.range == q.range);
    if is_scare {
        // Inside a scare quote: the label is the outlet's; ask about the quotation around it.
        let outer = doc.quote_around(q);
        return match outer {
            Some(o) => bracketed(doc.text(), o, &span),
            None => Voice::Own,
        };
    }
    bracketed(doc.text(), q, &span)
}

/// Inside quotation `q`: an [insertion] holding the span is the outlet's, the rest is quoted.
fn bracketed(text: &str, q: &Quote, span: &Range<usize>) -> Voice {
    let inner = q.inner();
    let before = &text[inner.start..span.start.max(inner.start)];
    let after = &text[span.end.min(inner.end)..inner.end];
    let open = before
        .rfind('[')
        .is_some_and(|i| !before[i..].contains(']'));
    let close = after.find(']').is_some_and(|i| !after[..i].contains('['));
    if open && close {
        Voice::Inserted
    } else {
        Voice::Quoted
    }
}

/// Compile this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    std::sync::LazyLock::force(&SO_CALLED);
    std::sync::LazyLock::force(&SPEECH);
}
