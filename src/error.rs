//! The library's error type. Only `main` turns it into text and an exit code.

use crate::diagnostic::Diagnostic;
use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// Problems in the user's input or configuration: every one found, not just the first.
    Invalid(Vec<Diagnostic>),
    /// A request that cannot be carried out as asked (a bad option value, a missing path).
    Usage(String),
}

impl Error {
    pub fn single(d: Diagnostic) -> Self {
        Error::Invalid(vec![d])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
