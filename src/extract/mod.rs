//! Claim extraction: frames from `rules/frames/` fill claims from a document's annotations.
//!
//! Each claim kind has its own module; they share the [`Context`] helpers here (which
//! sentence, how many words apart, the nearest mention or date, the claim's time window).

mod control;
mod count;
mod event;
pub mod modality;
mod status;
mod term;

use crate::annotate::{Annotations, Mention, MentionClass, TimeExpr};
use crate::calendar::DayRange;
use crate::claims::{Attribution, Claim, Modality, TimeBasis};
use crate::corpus::Document;
use crate::rules::RuleSet;
use crate::text::spans;
use jiff::ToSpan;
use std::cell::RefCell;
use std::ops::Range;

pub(crate) use count::counted_noun;

/// Compile the extractors' built-in patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    control::warm_up();
    count::warm_up();
    modality::warm_up();
    term::warm_up();
}

/// Extract every claim from one annotated document, in text order.
pub fn extract(doc: &Document, ann: &Annotations, rules: &RuleSet) -> Vec<Claim> {
    let ctx = Context {
        doc,
        ann,
        rules,
        things: things_by_sentence(doc, ann),
        cues: RefCell::new(Vec::new()),
        cumulative: RefCell::new(Vec::new()),
    };
    let mut claims = Vec::new();
    count::extract(&ctx, &mut claims);
    control::extract(&ctx, &mut claims);
    status::extract(&ctx, &mut claims);
    event::extract(&ctx, &mut claims);
    term::extract(&ctx, &mut claims);
    claims.sort_by(|a, b| {
        (a.span.start, a.span.end, a.kind.name(), &a.frame).cmp(&(
            b.span.start,
            b.span.end,
            b.kind.name(),
            &b.frame,
        ))
    });
    claims
}

pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub ann: &'a Annotations,
    pub rules: &'a RuleSet,
    /// The sentences holding a mention of a named thing, with those mentions, in text
    /// order: what the status and event frames look at, found once for all their frames.
    pub things: Vec<(Range<usize>, Vec<&'a Mention>)>,
    /// What [`Context::modality`] read of whole sentences (hedged, attributed to whom), by
    /// sentence: a sentence often makes several claims, and each asked again.
    cues: RefCell<Vec<(Range<usize>, SentenceCues)>>,
    /// Whether a sentence speaks of a running total (see [`Context::cumulative`]).
    cumulative: RefCell<Vec<(Range<usize>, bool)>>,
}

/// The modality of a sentence as a whole, the same for each claim in it.
#[derive(Clone)]
struct SentenceCues {
    hedged: bool,
    attribution: Option<Attribution>,
}

/// See [`Context::things`]: a mention belongs to the sentence it starts in when it ends
/// there too, as [`Context::mentions_in`] has it.
fn things_by_sentence<'a>(
    doc: &Document,
    ann: &'a Annotations,
) -> Vec<(Range<usize>, Vec<&'a Mention>)> {
    let mut out: Vec<(Range<usize>, Vec<&'a Mention>)> = Vec::new();
    for m in ann
        .mentions
        .iter()
        .filter(|m| m.class == MentionClass::Thing)
    {
        let Some(i) = spans::index_holding(&doc.sentences, m.span.start) else {
            continue;
        };
        let sentence = &doc.sentences[i];
        if m.span.start >= sentence.end || m.span.end > sentence.end {
            continue;
        }
        match out.last_mut() {
            Some((s, list)) if s == sentence => list.push(m),
            _ => out.push((sentence.clone(), vec![m])),
        }
    }
    out
}

impl<'a> Context<'a> {
    pub fn text(&self) -> &'a str {
        self.doc.text()
    }

    pub fn sentence_of(&self, pos: usize) -> Option<Range<usize>> {
        self.sentence_index(pos)
            .map(|i| self.doc.sentences[i].clone())
    }

    pub fn sentence_index(&self, pos: usize) -> Option<usize> {
        spans::index_holding(&self.doc.sentences, pos)
    }

    /// Words strictly between two spans (0 when they touch or overlap).
    pub fn words_between(&self, a: &Range<usize>, b: &Range<usize>) -> usize {
        let (lo, hi) = if a.end <= b.start {
            (a.end, b.start)
        } else if b.end <= a.start {
            (b.end, a.start)
        } else {
            return 0;
        };
        self.doc.tokens().count(self.text(), lo, hi)
    }

    pub fn mentions_in(
        &self,
        range: Range<usize>,
        class: MentionClass,
    ) -> impl Iterator<Item = &'a Mention> + 'a {
        spans::starting_in(&self.ann.mentions, |m| &m.span, &range)
            .iter()
            .filter(move |m| m.class == class && m.span.end <= range.end)
    }

    /// The nearest mention of `class` within `sentence` to `span`, at most `max_words` away,
    /// among those `usable` accepts.
    pub fn nearest_mention(
        &self,
        sentence: &Range<usize>,
        span: &Range<usize>,
        class: MentionClass,
        max_words: usize,
        usable: &dyn Fn(&Mention) -> bool,
    ) -> Option<&'a Mention> {
        self.mentions_in(sentence.clone(), class)
            .filter(|m| self.words_between(&m.span, span) <= max_words && usable(m))
            .min_by_key(|m| (self.words_between(&m.span, span), m.span.start))
    }

    /// The time expressions inside `range`, in text order.
    pub fn times_in(
        &self,
        range: &Range<usize>,
    ) -> impl DoubleEndedIterator<Item = &'a TimeExpr> + 'a {
        let end = range.end;
        spans::starting_in(&self.ann.times, |t| &t.span, range)
            .iter()
            .filter(move |t| t.span.end <= end)
    }

    /// The time expression in `sentence` nearest `span`.
    /// The time expression in `sentence` nearest `span` that `usable` accepts.
    pub(crate) fn nearest_time(
        &self,
        sentence: &Range<usize>,
        span: &Range<usize>,
        usable: &dyn Fn(&TimeExpr) -> bool,
    ) -> Option<&'a TimeExpr> {
        // A dateline says when the text was filed, not when its events happened.
        self.times_in(sentence)
            .filter(|t| !t.dateline && usable(t))
            .min_by_key(|t| (self.words_between(&t.span, span), t.span.start))
    }

    /// The claim's time: the nearest date in its sentence, or a window of `window_days` before
    /// publication (starting no earlier than `not_before`).
    pub fn when(
        &self,
        sentence: &Range<usize>,
        span: &Range<usize>,
        window_days: u32,
        not_before: Option<jiff::civil::Date>,
    ) -> (DayRange, TimeBasis) {
        self.when_with(sentence, span, window_days, not_before, &|_| true)
    }

    /// The words of the date [`Context::when`] reads for `span`, when its sentence has one.
    pub fn date_words(&self, sentence: &Range<usize>, span: &Range<usize>) -> Option<Range<usize>> {
        self.nearest_time(sentence, span, &|_| true)
            .map(|t| t.span.clone())
    }

    /// As [`Context::when`], with only the sentence's times `usable` accepts.
    pub fn when_with(
        &self,
        sentence: &Range<usize>,
        span: &Range<usize>,
        window_days: u32,
        not_before: Option<jiff::civil::Date>,
        usable: &dyn Fn(&TimeExpr) -> bool,
    ) -> (DayRange, TimeBasis) {
        if let Some(t) = self.nearest_time(sentence, span, usable) {
            let basis = if modality::report_time(self.text(), sentence, &t.span, span) {
                TimeBasis::Report
            } else {
                TimeBasis::Text
            };
            return (t.range, basis);
        }
        // The paragraph's reference date: "On March 10th, the center registered two
        // violations. Military police escorted 4 convoys." The second sentence is of March 10.
        if let Some(t) = self.context_time(sentence) {
            return (t.range, TimeBasis::Context);
        }
        (
            self.publication_window(window_days, not_before),
            TimeBasis::Publication,
        )
    }

    /// The `window_days` before publication, through publication, not before `not_before`:
    /// the days a claim with no date of its own may speak of.
    pub fn publication_window(
        &self,
        window_days: u32,
        not_before: Option<jiff::civil::Date>,
    ) -> DayRange {
        let published = self.doc.meta.published;
        let mut from = published
            .from
            .checked_sub(i32::try_from(window_days).unwrap_or(0).days())
            .unwrap_or(published.from);
        if let Some(floor) = not_before {
            from = from.max(floor).min(published.to);
        }
        DayRange {
            from,
            to: published.to,
        }
    }

    /// The last precise date of the previous sentence, when it is in the same paragraph.
    fn context_time(&self, sentence: &Range<usize>) -> Option<&'a TimeExpr> {
        let i = self.sentence_index(sentence.start)?;
        let prev = self.doc.sentences.get(i.checked_sub(1)?)?;
        if self.text()[prev.end..sentence.start].contains("\n\n") {
            return None;
        }
        // Only a day carries over ("On March 10th, ..."); "last week" frames a background,
        // not the next sentence's present tense.
        self.times_in(prev)
            .rev()
            .find(|t| t.range.is_single_day() && t.modifier.is_none() && !t.dateline)
    }

    pub fn modality(
        &self,
        sentence: &Range<usize>,
        trigger: &Range<usize>,
        claim: &Range<usize>,
    ) -> Modality {
        let text = self.text();
        let SentenceCues {
            hedged,
            attribution,
        } = self.sentence_cues(sentence);
        Modality {
            hedged,
            negated: modality::negated(text, sentence, &cover(trigger, claim)),
            planned: modality::planned(text, sentence, trigger),
            conditional: modality::conditional(text, sentence, trigger),
            quoted: self.doc.quote_at(claim.clone()).is_some()
                || self.doc.quote_at(trigger.clone()).is_some(),
            attribution,
        }
    }

    /// Whether `sentence` speaks of a running total ("so far", "since the war began"),
    /// read once for all its counts.
    pub fn cumulative(&self, sentence: &Range<usize>) -> bool {
        if let Some((_, c)) = self.cumulative.borrow().iter().find(|(s, _)| s == sentence) {
            return *c;
        }
        let c = modality::cumulative(self.text(), sentence);
        self.cumulative.borrow_mut().push((sentence.clone(), c));
        c
    }

    /// See [`Context::cues`].
    fn sentence_cues(&self, sentence: &Range<usize>) -> SentenceCues {
        if let Some((_, cues)) = self.cues.borrow().iter().find(|(s, _)| s == sentence) {
            return cues.clone();
        }
        let text = self.text();
        let cues = SentenceCues {
            hedged: modality::hedged(text, sentence),
            attribution: modality::attribution(
                text,
                sentence,
                spans::starting_in(&self.ann.mentions, |m| &m.span, sentence),
            ),
        };
        self.cues
            .borrow_mut()
            .push((sentence.clone(), cues.clone()));
        cues
    }

    /// The first actor mentioned in the sentence before the one at `pos`: what "it" or "its"
    /// stands for at the start of a sentence.
    pub fn previous_subject(&self, pos: usize) -> Option<&'a Mention> {
        let i = self.sentence_index(pos)?;
        let prev = self.doc.sentences.get(i.checked_sub(1)?)?;
        self.mentions_in(prev.clone(), MentionClass::Actor).next()
    }
}

/// The smallest range covering both.
pub(crate) fn cover(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}
