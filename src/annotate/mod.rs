//! Language-level annotations over a document's normalised text: time expressions and
//! quantities (gazetteer mentions and modality come next).

pub mod quantity;
pub mod time;

use crate::corpus::Document;
pub use quantity::{Qualifier, Quantity};
pub use time::{Grain, TimeExpr, TimeMod};

/// Everything found in one document, in text order within each kind.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub times: Vec<TimeExpr>,
    pub quantities: Vec<Quantity>,
}

/// Annotate one document. Times come first: a number inside a date is not a count.
pub fn annotate(doc: &Document) -> Annotations {
    let times = time::find(doc.text(), &doc.sentences, doc.meta.published);
    let quantities = quantity::find(doc.text(), &doc.sentences, &times);
    Annotations { times, quantities }
}
