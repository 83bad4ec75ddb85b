//! Language-level text machinery: normalisation, positions, sentences and quotations, and
//! near-duplicate signatures.

pub mod duplicates;
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

/// Numbers without a trailing ".0".
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Text from the input (outlet names, titles, file names, quoted words) made safe for a
/// terminal: control characters (ESC and the sequences it starts, carriage returns, line
/// breaks, C1 controls) are shown escaped (`\u{1b}`), so they cannot recolour the screen
/// or forge a `path:line:col: error:` line. `keep_newlines` keeps `\n` (a table cell's own
/// line breaks).
pub fn printable(s: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(keep_newlines && c == '\n');
    if !s.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
