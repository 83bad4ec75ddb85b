//! crosscheck: a source-reliability and contradiction checker for curated news corpora.
//!
//! Data flows one way: [`corpus`] loads articles into [`corpus::Document`]s (normalised text
//! with a map back to the original bytes); later stages annotate, extract claims, check them
//! against rules and report. [`clause`] is English grammar for the extractors (lemmas, verb
//! and noun groups, roles): it reads text only, never claims or rules. The library never
//! prints and never exits: it returns values and [`Error`]s, and the binary decides what to
//! show and which exit code to use.
//!
//! The layers, lowest first; a module uses only its own layer's and lower ones:
//! 1. text: [`text`] (normalisation, sentences, quotations, near-duplicate signatures),
//!    [`calendar`], [`gated`], [`pattern`], [`diagnostic`], [`yaml`], [`error`].
//! 2. input: [`corpus`] (articles, outlets), [`rules`] (frames, gazetteer, lexicons,
//!    conflict rules), [`clause`] (English grammar), [`input`] and [`output`] (files).
//! 3. annotation: [`annotate`] (times, quantities, gazetteer mentions, loaded wording).
//! 4. claims: [`claims`] (what a claim is) and [`extract`] (frames over annotations).
//! 5. [`pipeline`]: one article through annotation and extraction, bounded in memory, with
//!    what the audit counts of it.
//! 6. comparison: [`check`], [`findings`], [`suppress`], [`baseline`].
//! 7. audit and output: [`audit`], [`render`], [`interchange`], [`eval`], [`ruletest`],
//!    [`import`], [`init`], [`suggest`].
//!
//! Older paths stay as re-exports where callers used them (`check::duplicates`,
//! `audit::terms`, `audit::facts`, `render::printable`), each pointing down the layers.

// Diagnostics are the error values of a cold path; boxing them would buy nothing.
#![allow(clippy::result_large_err)]
// Only the binary prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod annotate;
pub mod audit;
pub mod baseline;
pub mod calendar;
pub mod check;
pub mod claims;
pub mod clause;
pub mod corpus;
pub mod diagnostic;
pub mod error;
pub mod eval;
pub mod extract;
pub mod findings;
pub mod gated;
pub mod import;
pub mod init;
pub mod input;
pub mod interchange;
pub mod output;
pub mod pattern;
pub mod pipeline;
pub mod render;
pub mod rules;
pub mod ruletest;
pub mod suggest;
pub mod suppress;
pub mod text;
pub mod yaml;

pub use diagnostic::{Diagnostic, Level};
pub use error::{Error, Result};

/// Compile every built-in pattern now. Compiling them costs more than reading a small
/// corpus; called on another thread while the rules load, it takes that cost off the
/// critical path. Calling it is never needed for correctness.
pub fn warm_up() {
    annotate::warm_up();
    extract::warm_up();
}
