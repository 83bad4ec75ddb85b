//! What `crosscheck import` did with each record, and the outlets.yaml entries to paste.

use crate::diagnostic::display_path;
use crate::import::{Imported, Outcome};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn report(out: &mut dyn Write, done: &[Imported], outlets_file: &str) -> io::Result<()> {
    let name = |i: &Imported| match &i.locator {
        Some(l) => format!("{} ({l})", display_path(&i.source)),
        None => display_path(&i.source),
    };
    let mut unknown: BTreeMap<&str, (&str, Vec<String>)> = BTreeMap::new();
    let (mut written, mut existing, mut refused) = (0, 0, 0);
    for i in done {
        match &i.outcome {
            Outcome::Written(p) => {
                written += 1;
                writeln!(out, "wrote   {} <- {}", display_path(p), name(i))?;
            }
            Outcome::Exists(p) => {
                existing += 1;
                writeln!(
                    out,
                    "exists  {} <- {} (kept; --force replaces it)",
                    display_path(p),
                    name(i)
                )?;
            }
            Outcome::Refused(why) => {
                refused += 1;
                writeln!(out, "skipped {}: {why}", name(i))?;
            }
            Outcome::UnknownDomain { domain, entry } => {
                refused += 1;
                writeln!(
                    out,
                    "skipped {}: no outlet has the domain {domain}",
                    name(i)
                )?;
                unknown
                    .entry(domain)
                    .or_insert((entry, Vec::new()))
                    .1
                    .push(name(i));
            }
        }
    }
    if !unknown.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Unknown domains: add these to `outlets:` in {outlets_file} (check the ids and names), then import again:"
        )?;
        for (entry, _) in unknown.values() {
            write!(out, "{entry}")?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{written} written, {existing} already there, {refused} not imported"
    )
}
