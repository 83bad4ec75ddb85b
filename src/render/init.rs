//! What `crosscheck init` wrote, and what to do next.

use crate::diagnostic::display_path;
use crate::init::Written;
use std::io::{self, Write};
use std::path::Path;

pub fn report(out: &mut dyn Write, dir: &Path, written: &[Written]) -> io::Result<()> {
    for w in written {
        match w {
            Written::Created(p) => writeln!(out, "created {}", display_path(p))?,
            Written::Kept(p) => writeln!(out, "kept    {} (already there)", display_path(p))?,
        }
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", display_path(dir))
    };
    writeln!(out)?;
    writeln!(out, "next: {cd}crosscheck check")?;
    writeln!(
        out,
        "      crosscheck import SAVED-PAGES... --into articles   (add real articles)"
    )
}
