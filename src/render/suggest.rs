//! `crosscheck suggest`: the names no pack knows, as gazetteer entries to check and paste.

use crate::diagnostic::display_path;
use crate::suggest::{Guess, Suggestion};
use std::io::{self, Write};

/// YAML a pack's `gazetteer/` takes as it is: `places:` and `actors:` lists, one flow
/// mapping a line, each with a comment saying how often and where the name was first seen.
/// Names with no telling words around them come last, commented out.
pub fn render(out: &mut dyn Write, found: &[Suggestion], articles: usize) -> io::Result<()> {
    writeln!(
        out,
        "# Names used in {articles} article{} that no loaded pack knows, most used first.",
        if articles == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "# Each is a guess from the words around it: check it, add `side:` (actors) or\n\
         # `within:` (places) and aliases, and paste it into gazetteer/*.yaml of a pack."
    )?;
    if found.is_empty() {
        writeln!(out, "# (none)")?;
        return Ok(());
    }
    for (guess, heading) in [
        (Guess::Place, "places:"),
        (Guess::Actor, "actors:"),
        (
            Guess::Unsorted,
            "# unsorted: no words around them tell a place from an actor",
        ),
    ] {
        let group: Vec<&Suggestion> = found.iter().filter(|s| s.guess == guess).collect();
        if group.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading}")?;
        let lead = if guess == Guess::Unsorted { "# " } else { "" };
        for s in group {
            let kind = s
                .kind
                .as_ref()
                .map(|k| format!(", kind: {k}"))
                .unwrap_or_default();
            let aliases = if s.aliases.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = s.aliases.iter().map(|a| crate::yaml::scalar(a)).collect();
                format!(", aliases: [{}]", names.join(", "))
            };
            let (path, line, column) = &s.first;
            writeln!(
                out,
                "{lead}  - {{id: {}, name: {}{kind}{aliases}}}  # {} use{} in {} article{}, first {}:{line}:{column}",
                s.id,
                crate::yaml::scalar(&s.name),
                s.uses,
                if s.uses == 1 { "" } else { "s" },
                s.articles,
                if s.articles == 1 { "" } else { "s" },
                display_path(path),
            )?;
        }
    }
    Ok(())
}
