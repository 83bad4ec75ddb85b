//! Language-level annotations over a document's normalised text: time expressions and
//! quantities, and gazetteer mentions.

pub mod mentions;
pub mod quantity;
pub mod time;

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

/// Annotate one document. Times come first: a number inside a date is not a count.
pub fn annotate(doc: &Document, gazetteer: &Gazetteer) -> Annotations {
    let times = time::find(doc.text(), &doc.sentences, doc.meta.published);
    let quantities = quantity::find(doc.text(), &doc.sentences, &times);
    let mentions = mentions::find(
        doc.text(),
        &doc.sentences,
        &times,
        doc.meta.published,
        gazetteer,
    );
    Annotations {
        times,
        quantities,
        mentions,
    }
}
