//! `crosscheck check`: findings grouped by rule, each side with its outlets, words and places.

use super::report::summary;
pub use super::report::{Report, summary_line};
use super::{Format, RenderOptions, markdown, table};
use crate::check::window_text;
use crate::findings::{Evidence, Finding, Side};
use crate::rules::Rule;
use std::io::{self, Write};

/// Formats of `crosscheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// Compact diagnostics for the terminal ([`super::text`]).
    Text,
    Table,
    Concise,
    Json,
    Jsonl,
    Markdown,
    Sarif,
    Github,
    Junit,
    /// Needs more than findings (claims, the audit): rendered by [`super::html`] from a
    /// [`super::html::Page`]; here it falls back to a page with the findings alone.
    Html,
}

/// Render a check report in any of its formats. `suppressed` marks findings a baseline or
/// suppression accepted (kept, marked, in SARIF; absent elsewhere).
pub fn render_check(
    out: &mut dyn Write,
    r: &Report,
    format: CheckFormat,
    opts: RenderOptions,
) -> io::Result<()> {
    let rules: Vec<&Rule> = r.rules.iter().collect();
    match format {
        CheckFormat::Text => super::text::render(out, r, opts),
        CheckFormat::Table => render(out, r, Format::Table, opts),
        CheckFormat::Markdown => render(out, r, Format::Markdown, opts),
        CheckFormat::Json => render(out, r, Format::Json, opts),
        CheckFormat::Jsonl => render(out, r, Format::Jsonl, opts),
        CheckFormat::Concise => super::ci::concise(out, r),
        CheckFormat::Github => super::ci::github(out, r),
        CheckFormat::Junit => super::ci::junit(out, r, &rules),
        CheckFormat::Sarif => super::ci::sarif(out, r, &rules),
        CheckFormat::Html => super::html::render(
            out,
            &super::html::Page {
                command: String::new(),
                rule_files: Vec::new(),
                documents: r.documents,
                claims: r.claims,
                published: None,
                findings: r.findings,
                suppressed: r.suppressed.len(),
                marks: Vec::new(),
                statuses: Vec::new(),
                audit: None,
            },
        ),
    }
}

fn evidence_text(e: &Evidence, md: bool) -> String {
    let how = if e.how.is_empty() {
        String::new()
    } else {
        format!(" ({})", e.how.join(", "))
    };
    let via = e
        .via
        .as_ref()
        .map(|v| format!(" via {v}"))
        .unwrap_or_default();
    // In a terminal table the place goes on a line of its own: it is never wrapped.
    let place = if md {
        format!(" `{}:{}:{}`", e.doc, e.line, e.column)
    } else {
        format!("\n  {}:{}:{}", e.doc, e.line, e.column)
    };
    format!(
        "{}{via}, {}: \"{}\"{how}{place}",
        e.outlet_name, e.published, e.text
    )
}

fn side_text(s: &Side, md: bool) -> String {
    let sep = if md { "<br>" } else { "\n" };
    let mut lines = vec![if md {
        format!("**{}**", s.label)
    } else {
        s.label.clone()
    }];
    lines.extend(
        s.evidence
            .iter()
            .map(|e| format!("- {}", evidence_text(e, md))),
    );
    lines.join(sep)
}

fn why_text(f: &Finding) -> String {
    match &f.reconciliation {
        Some(r) => format!("{}. Not a contradiction: {r}.", f.why),
        None => f.why.clone(),
    }
}

pub fn render(
    out: &mut dyn Write,
    r: &Report,
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Json => {
            // `{"findings": [...], "suppressed": [...], "summary": {...}}`, the arrays
            // serialised on all cores.
            let weight = |f: &Finding| f.sides.iter().map(|s| s.evidence.len()).sum::<usize>();
            out.write_all(b"{\n  \"findings\": ")?;
            super::pretty::array(out, r.findings, 1, weight)?;
            out.write_all(b",\n  \"suppressed\": ")?;
            super::pretty::array(out, r.suppressed, 1, weight)?;
            out.write_all(b",\n  \"summary\": ")?;
            super::pretty::value(out, &summary(r), 1)?;
            out.write_all(b"\n}\n")
        }
        Format::Jsonl => {
            for f in r.findings {
                serde_json::to_writer(&mut *out, f)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Markdown => {
            for rule in r.rules {
                let mine: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == rule.id).collect();
                if mine.is_empty() {
                    continue;
                }
                let header = ["Severity", "Key and window", "Side A", "Side B", "Why"];
                let rows: Vec<Vec<String>> = mine
                    .iter()
                    .map(|f| {
                        vec![
                            f.severity.name().to_string(),
                            format!("{}<br>{}", f.key, window_text(f.window)),
                            f.sides
                                .first()
                                .map(|s| side_text(s, true))
                                .unwrap_or_default(),
                            f.sides
                                .get(1)
                                .map(|s| side_text(s, true))
                                .unwrap_or_default(),
                            format!("{}<br>fingerprint {}", why_text(f), f.fingerprint),
                        ]
                    })
                    .collect();
                writeln!(
                    out,
                    "### `{}`: {}\n",
                    rule.id,
                    markdown::text(&rule.summary)
                )?;
                markdown::write_table(out, &header, &rows)?;
                writeln!(out)?;
            }
            if r.findings.is_empty() {
                writeln!(out, "No conflicts found.")?;
            }
            writeln!(out, "{}", summary_line(r))
        }
        Format::Table => {
            // One row per side: the finding (severity, key, window, why) on its first row,
            // the evidence with each place on a line of its own, so no path is ever cut.
            for rule in r.rules {
                let mine: Vec<&Finding> = r
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule.id && f.severity >= opts.show)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                writeln!(out, "{} ({}): {}", rule.id, rule.check.kind(), rule.summary)?;
                let mut t = table::new_table(
                    &["Finding", "Side", "Outlets, words and places"],
                    opts.width,
                );
                for f in mine {
                    for (i, side) in f.sides.iter().enumerate() {
                        let finding = if i == 0 {
                            format!(
                                "{} {}\n{}\n{}\nfingerprint {}",
                                f.severity.name(),
                                f.key,
                                window_text(f.window),
                                why_text(f),
                                f.fingerprint
                            )
                        } else {
                            String::new()
                        };
                        let evidence: Vec<String> = side
                            .evidence
                            .iter()
                            .map(|e| format!("- {}", evidence_text(e, false)))
                            .collect();
                        table::add_row(
                            &mut t,
                            vec![finding, side.label.clone(), evidence.join("\n")],
                        );
                    }
                }
                writeln!(out, "{t}")?;
            }
            super::text::hidden_summary(out, r, opts)?;
            if r.findings.is_empty() {
                writeln!(out, "No conflicts found.")?;
            }
            writeln!(out, "{}", summary_line(r))
        }
    }
}
