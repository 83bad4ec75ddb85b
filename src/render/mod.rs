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
pub mod report;
pub mod rules;
pub mod suggest;
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

pub use crate::text::printable;

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
