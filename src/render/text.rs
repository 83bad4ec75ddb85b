//! `crosscheck check`'s default output: a compact diagnostic per finding, as ruff and rustc
//! print them, so the one finding that matters is read on the first screen.
//!
//! ```text
//! error[ceasefire-status] moscow-protocol-2020: holding vs collapsed (2020-03-05 to 2020-03-13)
//!   holding
//!     Al-Shahid Witness, 2020-03-12: "relative calm in the Idlib region" (+1)
//!       corpus/2020-03-12-al-shahid-witness.md:11:13, 13:182
//!   why: ...
//! ```
//!
//! Findings below [`RenderOptions::show`] are summarised, one line per rule with its count.

use super::RenderOptions;
use super::report::{Report, summary_line};
use super::table::wrap;
use crate::check::window_text;
use crate::findings::{Evidence, Finding, Side};
use crate::rules::Severity;
use std::io::{self, Write};

/// ANSI styles, written only when colour is on.
#[derive(Clone, Copy)]
enum Style {
    Severity(Severity),
    Bold,
    Place,
    Dim,
}

fn paint(text: &str, style: Style, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let code = match style {
        Style::Severity(Severity::Error) => "1;31",
        Style::Severity(Severity::Warning) => "1;33",
        Style::Severity(_) => "1;36",
        Style::Bold => "1",
        Style::Place => "36",
        Style::Dim => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Text from the input (names, quoted words, paths) with control characters shown escaped:
/// an ESC sequence or a line break in an article must not recolour the terminal or forge a
/// line of this output.
fn clean(s: &str) -> String {
    super::printable(s, false).into_owned()
}

/// Indent every line of `text` (already wrapped) by `n` spaces.
fn indented(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wrap at spaces to the width left after an indent of `n`, then indent.
fn block(text: &str, n: usize, width: usize) -> String {
    indented(&wrap(text, width.saturating_sub(n).max(20)), n)
}

/// `label` then `text`, wrapped at spaces, continuation lines aligned under the text.
fn hanging(label: &str, text: &str, n: usize, width: usize) -> String {
    let hang = n + label.chars().count();
    let lines = wrap(text, width.saturating_sub(hang).max(20));
    let pad = " ".repeat(hang);
    let mut out = String::new();
    for (i, l) in lines.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{}{label}{l}", " ".repeat(n)));
        } else {
            out.push_str(&format!("\n{pad}{l}"));
        }
    }
    out
}

/// The evidence of one side grouped by outlet and article, in the order first seen.
fn parties(side: &Side) -> Vec<Vec<&Evidence>> {
    let mut groups: Vec<Vec<&Evidence>> = Vec::new();
    for e in &side.evidence {
        match groups
            .iter_mut()
            .find(|g| g[0].outlet == e.outlet && g[0].doc == e.doc)
        {
            Some(g) => g.push(e),
            None => groups.push(vec![e]),
        }
    }
    groups
}

fn write_finding(out: &mut dyn Write, f: &Finding, opts: RenderOptions) -> io::Result<()> {
    let width = usize::from(opts.width);
    let color = opts.color;
    let what = match f.sides.as_slice() {
        [a, b] if !b.evidence.is_empty() => format!("{}: {} vs {}", f.key, a.label, b.label),
        _ => f.key.clone(),
    };
    let what = clean(&what);
    // Wrapped as plain text, then the severity and rule that begin it painted.
    let tag = format!("{}[{}]", f.severity.name(), f.rule);
    let head = hanging(
        "",
        &format!("{tag} {what} ({})", window_text(f.window)),
        0,
        width,
    );
    let head = head.replacen('\n', "\n  ", usize::MAX);
    let rest = &head[tag.len()..];
    writeln!(
        out,
        "{}{}{rest}",
        paint(f.severity.name(), Style::Severity(f.severity), color),
        paint(&format!("[{}]", f.rule), Style::Bold, color),
    )?;
    for side in &f.sides {
        writeln!(
            out,
            "{}",
            paint(&block(&clean(&side.label), 2, width), Style::Bold, color)
        )?;
        for group in parties(side) {
            let e = group[0];
            let via = e
                .via
                .as_ref()
                .map(|v| format!(" via {v}"))
                .unwrap_or_default();
            let how = if e.how.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.how.join(", "))
            };
            let more = match group.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            let said = clean(&format!(
                "{}{via}, {}: \"{}\"{how}{more}",
                e.outlet_name, e.published, e.text
            ));
            writeln!(out, "{}", block(&said, 4, width))?;
            let places: Vec<String> =
                std::iter::once(format!("{}:{}:{}", clean(&e.doc), e.line, e.column))
                    .chain(
                        group[1..]
                            .iter()
                            .map(|e| format!("{}:{}", e.line, e.column)),
                    )
                    .collect();
            // A path is never wrapped: it runs over rather than break.
            writeln!(
                out,
                "      {}",
                paint(&places.join(", "), Style::Place, color)
            )?;
        }
    }
    writeln!(out, "{}", hanging("why: ", &clean(&f.why), 2, width))?;
    if let Some(r) = &f.reconciliation {
        writeln!(
            out,
            "{}",
            hanging("not a contradiction: ", &clean(r), 2, width)
        )?;
    }
    Ok(())
}

/// Findings at or above `opts.show` in full, most severe first; the rest as a count per rule.
pub fn render(out: &mut dyn Write, r: &Report, opts: RenderOptions) -> io::Result<()> {
    let mut shown: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.severity >= opts.show)
        .collect();
    // Stable: within a severity, the rules' order and then the engine's.
    shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in &shown {
        write_finding(out, f, opts)?;
        writeln!(out)?;
    }
    hidden_summary(out, r, opts)?;
    if r.findings.is_empty() {
        writeln!(out, "No conflicts found.")?;
    }
    writeln!(out, "{}", summary_line(r))
}

/// The findings below `opts.show`, one line per rule with its count.
pub fn hidden_summary(out: &mut dyn Write, r: &Report, opts: RenderOptions) -> io::Result<()> {
    let hidden: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.severity < opts.show)
        .collect();
    if !hidden.is_empty() {
        let below = match opts.show {
            Severity::Error => "below error",
            _ => "below warning",
        };
        let level = match opts.show {
            Severity::Error => "warning",
            _ => "info",
        };
        writeln!(
            out,
            "{} {} not shown (`--show {level}` lists them):",
            hidden.len(),
            if hidden.len() == 1 {
                format!("finding {below} is")
            } else {
                format!("findings {below} are")
            }
        )?;
        for rule in r.rules {
            let n = hidden.iter().filter(|f| f.rule == rule.id).count();
            if n > 0 {
                writeln!(
                    out,
                    "  {} {n:>3}  {}",
                    paint(&format!("{:<24}", rule.id), Style::Bold, opts.color),
                    paint(&rule.summary, Style::Dim, opts.color)
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_the_input_are_shown_escaped() {
        assert_eq!(clean("Wire\u{1b}[31m"), "Wire\\u{1b}[31m");
        assert_eq!(clean("a\nforged:1:1"), "a\\nforged:1:1");
        assert_eq!(clean("Al-Shahid Witness"), "Al-Shahid Witness");
    }
}
