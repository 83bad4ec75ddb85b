//! Language-level annotations over a document's normalised text: time expressions and
//! quantities, gazetteer mentions, and the loaded wording of the packs' lexicons.

pub mod mentions;
mod ordinal_day;
pub mod quantity;
pub mod time;
pub mod wording;

use crate::corpus::Document;
use crate::rules::Gazetteer;
pub use mentions::{Mention, MentionClass};
pub use quantity::{Qualifier, Quantity};
pub use time::{Grain, TimeExpr, TimeMod};

/// Everything found in one document, in text order within each kind.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub times: Vec<TimeExpr>,
    pub quantities: Vec<Quantity>,
    pub mentions: Vec<Mention>,
}

/// Compile the built-in recognisers now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    wording::warm_up();
    let text = "On Monday, 5 March 2020, at least 3 people and about 1,200 others left.";
    let whole = 0..text.len();
    let sentences = std::slice::from_ref(&whole);
    let published = crate::calendar::DayRange::day(jiff::civil::date(2020, 3, 10));
    let times = time::find(text, sentences, published);
    quantity::find(text, sentences, &spans(&times));
}

/// Annotate one document. Times come first: a number inside a date is not a count.
pub fn annotate(doc: &Document, gazetteer: &Gazetteer) -> Annotations {
    let mut times = time::find(doc.text(), &doc.sentences, doc.meta.published);
    let mentions = mentions::find(
        doc.text(),
        &doc.sentences,
        &times,
        doc.meta.published,
        gazetteer,
    );
    // "Day 1 of the truce" is a date once the truce is named: found after the mentions,
    // and before the quantities, whose "1" it is not.
    let ordinal = ordinal_day::find(doc.text(), &mentions, &times, gazetteer);
    if !ordinal.is_empty() {
        times.extend(ordinal);
        times.sort_by_key(|t| (t.span.start, t.span.end));
    }
    let quantities = quantity::find(doc.text(), &doc.sentences, &spans(&times));
    Annotations {
        times,
        quantities,
        mentions,
    }
}

/// The spans of the time expressions: what the quantity annotator must not count.
fn spans(times: &[TimeExpr]) -> Vec<std::ops::Range<usize>> {
    times.iter().map(|t| t.span.clone()).collect()
}
