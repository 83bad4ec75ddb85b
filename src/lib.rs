//! crosscheck: a source-reliability and contradiction checker for curated news corpora.
//!
//! Data flows one way: [`corpus`] loads articles into [`corpus::Document`]s (normalised text
//! with a map back to the original bytes); later stages annotate, extract claims, check them
//! against rules and report. The library never prints and never exits: it returns values and
//! [`Error`]s, and the binary decides what to show and which exit code to use.

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
pub mod corpus;
pub mod diagnostic;
pub mod error;
pub mod eval;
pub mod extract;
pub mod findings;
pub mod gated;
pub mod interchange;
pub mod output;
pub mod pattern;
pub mod render;
pub mod rules;
pub mod ruletest;
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
    audit::warm_up();
}
