//! `crosscheck eval` output: the scores, the conflicts, then every miss and spurious claim.

use crate::eval::gold::{Flag, Verdict};
use crate::eval::{KindScore, Report};
use std::io::{self, Write};

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.2}", v)).unwrap_or_else(|| "-".into())
}

fn flag_name(f: Flag) -> &'static str {
    match f {
        Flag::High => "high",
        Flag::Medium => "medium",
        Flag::Low => "low",
        Flag::None => "none",
    }
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Contradiction => "contradiction",
        Verdict::Apparent => "apparent",
        Verdict::Ambiguous => "ambiguous",
    }
}

fn score_row(out: &mut dyn Write, name: &str, s: &KindScore) -> io::Result<()> {
    writeln!(
        out,
        "  {name:<14} {:>5} {:>6} {:>8} {:>8} {:>7} {:>10}",
        s.gold,
        s.found,
        s.matched,
        s.partial,
        pct(s.recall()),
        pct(s.precision())
    )
}

/// The report for a terminal.
pub fn text(out: &mut dyn Write, r: &Report, summary: bool) -> io::Result<()> {
    let story = r.story.as_deref().unwrap_or("gold");
    writeln!(out, "{story}: {} articles scored", r.articles)?;
    writeln!(
        out,
        "  {:<14} {:>5} {:>6} {:>8} {:>8} {:>7} {:>10}",
        "kind", "gold", "found", "matched", "partial", "recall", "precision"
    )?;
    for (k, s) in &r.kinds {
        score_row(out, k, s)?;
    }
    score_row(out, "counts (value)", &r.counts_value)?;
    if !r.conflicts.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "  conflicts      {:>5} {:>6} {:>8} {:>5} {:>5}  (flagged at)",
            "n", "high", "medium", "low", "none"
        )?;
        for v in [
            Verdict::Contradiction,
            Verdict::Apparent,
            Verdict::Ambiguous,
        ] {
            let of: Vec<_> = r.conflicts.iter().filter(|c| c.verdict == v).collect();
            if of.is_empty() {
                continue;
            }
            let n = |f: Flag| of.iter().filter(|c| c.flagged == f).count();
            writeln!(
                out,
                "  {:<14} {:>5} {:>6} {:>8} {:>5} {:>5}",
                verdict_name(v),
                of.len(),
                n(Flag::High),
                n(Flag::Medium),
                n(Flag::Low),
                n(Flag::None)
            )?;
        }
        writeln!(
            out,
            "  warnings or errors that match no labelled conflict: {}",
            r.unlabelled.len()
        )?;
    }
    if summary {
        return problems(out, r);
    }
    if !r.conflicts.is_empty() {
        writeln!(out)?;
        writeln!(out, "conflicts:")?;
        for c in &r.conflicts {
            let mark = if c.flagged == c.expected { " " } else { "!" };
            writeln!(
                out,
                "{mark} {} {} {}: expected {}, flagged {}{}",
                c.id,
                c.kind,
                verdict_name(c.verdict),
                flag_name(c.expected),
                flag_name(c.flagged),
                c.rule
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            )?;
        }
    }
    if !r.unlabelled.is_empty() {
        writeln!(out)?;
        writeln!(out, "unlabelled warnings and errors:")?;
        for u in &r.unlabelled {
            // A rule's message usually opens with its key; a pack's may not.
            let key = if u.message.starts_with(&u.key) {
                String::new()
            } else {
                format!("{}: ", u.key)
            };
            writeln!(
                out,
                "  {}[{}] {key}{}",
                u.severity.name(),
                u.rule,
                u.message
            )?;
            for at in &u.at {
                writeln!(out, "    {at}")?;
            }
        }
    }
    if !r.misses.is_empty() {
        writeln!(out)?;
        writeln!(out, "misses (gold entries no claim matched in full):")?;
        for m in &r.misses {
            writeln!(
                out,
                "  {}:{}:{}: {} {:?}: expected {}{}",
                m.path,
                m.line,
                m.column,
                m.kind,
                m.words,
                m.expected,
                m.got
                    .as_deref()
                    .map(|g| format!(", got {g}"))
                    .unwrap_or_default()
            )?;
        }
    }
    if !r.spurious.is_empty() {
        writeln!(out)?;
        writeln!(out, "spurious (claims that match no gold entry in full):")?;
        for m in &r.spurious {
            writeln!(
                out,
                "  {}:{}:{}: {} {:?}: {}",
                m.path, m.line, m.column, m.kind, m.words, m.expected
            )?;
        }
    }
    problems(out, r)
}

fn problems(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    if !r.problems.is_empty() {
        writeln!(out)?;
        writeln!(out, "problems in the gold file:")?;
        for p in &r.problems {
            writeln!(out, "  {p}")?;
        }
    }
    Ok(())
}

/// The report as one JSON document.
pub fn json(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let mut v = serde_json::to_value(r).map_err(io::Error::other)?;
    // Recall and precision are derived; machines want them spelled out.
    if let Some(kinds) = v.get_mut("kinds").and_then(|k| k.as_object_mut()) {
        for (name, s) in kinds.iter_mut() {
            if let Some(score) = r.kinds.get(name.as_str())
                && let Some(o) = s.as_object_mut()
            {
                o.insert("recall".into(), serde_json::json!(score.recall()));
                o.insert("precision".into(), serde_json::json!(score.precision()));
            }
        }
    }
    serde_json::to_writer_pretty(&mut *out, &v).map_err(io::Error::other)?;
    writeln!(out)
}
