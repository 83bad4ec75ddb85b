//! Language-level text machinery: normalisation, positions, sentences and quotations.

pub mod normalize;
pub mod offsets;
pub mod phrases;
pub mod prefix_gate;
pub mod quotes;
pub mod sentences;
pub mod shapes;
pub mod spans;
#[cfg(test)]
pub(crate) mod testing;
pub mod wordset;

pub use normalize::{Normalized, normalize};
pub use offsets::{LineIndex, OffsetMap};
pub use quotes::{Quote, QuoteMark};
