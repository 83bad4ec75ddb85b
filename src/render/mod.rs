//! Renderers: each takes a report value and writes one format to an injected writer.
//!
//! Nothing here decides exit codes or touches stdout directly, so every format can be tested
//! by rendering into a `Vec<u8>`.

pub mod annotations;
pub mod audit;
pub mod ci;
pub mod claims;
pub mod corpus;
pub mod findings;
pub mod html;
pub mod markdown;
pub mod rules;
pub mod table;

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
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: table::FIXED_WIDTH,
        }
    }
}
