//! Renderers: each takes a report value and writes one format to an injected writer.
//!
//! Nothing here decides exit codes or touches stdout directly, so every format can be tested
//! by rendering into a `Vec<u8>`.

pub mod annotations;
pub mod audit;
pub mod ci;
pub mod claims;
pub mod corpus;
pub mod eval;
pub mod findings;
pub mod html;
pub mod import;
pub mod init;
pub mod markdown;
mod pretty;
pub mod rules;
pub mod table;
pub mod text;

/// "1 document", "6 documents"; `many` for plurals English does not make with an s.
pub(crate) fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Escape text for XML and HTML (element content and quoted attributes); characters XML
/// 1.0 cannot hold become U+FFFD.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
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

/// Output formats shared by the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Markdown,
}

/// Settings every renderer may need.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Total table width in columns.
    pub width: u16,
    /// ANSI colours in the terminal formats.
    pub color: bool,
    /// The terminal formats list findings at or above this severity in full and count the
    /// rest per rule. Machine formats list every finding.
    pub show: crate::rules::Severity,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: table::FIXED_WIDTH,
            color: false,
            show: crate::rules::Severity::Info,
        }
    }
}
