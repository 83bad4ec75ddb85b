//! `crosscheck rules` and `crosscheck explain`.

use super::{Format, RenderOptions, markdown, table};
use crate::diagnostic::display_path;
use crate::rules::{Rule, RuleSet};
use std::io::{self, Write};

/// `crosscheck rules --packs`: each pack in load order, its files, and what later packs
/// override.
pub fn packs(
    out: &mut dyn Write,
    rules: &RuleSet,
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    let header = ["Pack", "File", "Overridden by a later pack"];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for pack in &rules.packs {
        for file in &pack.files {
            let overridden: Vec<String> = rules
                .overrides
                .iter()
                .filter(|o| &o.earlier == file)
                .map(|o| format!("{} {} ({})", o.kind, o.id, display_path(&o.later)))
                .collect();
            rows.push(vec![
                pack.name.clone(),
                display_path(file),
                overridden.join("; "),
            ]);
        }
    }
    match format {
        Format::Json | Format::Jsonl => {
            let value: Vec<serde_json::Value> = rules
                .packs
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "pack": p.name,
                        "folder": p.root.as_deref().map(display_path),
                        "files": p.files.iter().map(|f| display_path(f)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let overrides: Vec<serde_json::Value> = rules
                .overrides
                .iter()
                .map(|o| {
                    serde_json::json!({
                        "kind": o.kind, "id": o.id,
                        "earlier": display_path(&o.earlier), "later": display_path(&o.later),
                    })
                })
                .collect();
            if format == Format::Json {
                let doc = serde_json::json!({"packs": value, "overrides": overrides});
                serde_json::to_writer_pretty(&mut *out, &doc)?;
                writeln!(out)
            } else {
                for v in value {
                    serde_json::to_writer(&mut *out, &v)?;
                    writeln!(out)?;
                }
                Ok(())
            }
        }
        Format::Markdown => markdown::write_table(out, &header, &rows),
        Format::Table => {
            let mut t = table::new_table(&header, opts.width);
            for row in rows {
                t.add_row(row);
            }
            writeln!(out, "{t}")?;
            writeln!(
                out,
                "{} packs, {} files, {} entries overridden; later packs override earlier ones by id",
                rules.packs.len(),
                rules.files.len(),
                rules.overrides.len()
            )
        }
    }
}

pub fn list(
    out: &mut dyn Write,
    rules: &[Rule],
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    let header = ["Rule", "Severity", "Check", "Summary"];
    let rows: Vec<Vec<String>> = rules
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.severity.name().to_string(),
                r.check.kind().to_string(),
                r.summary.clone(),
            ]
        })
        .collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rules)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for r in rules {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Markdown => markdown::write_table(out, &header, &rows),
        Format::Table => {
            let mut t = table::new_table(&header, opts.width);
            for row in rows {
                table::add_row(&mut t, row);
            }
            writeln!(out, "{t}")?;
            writeln!(
                out,
                "{} rules; `crosscheck explain ID` shows one in full",
                rules.len()
            )
        }
    }
}

pub fn explain(out: &mut dyn Write, r: &Rule) -> io::Result<()> {
    writeln!(out, "{} ({}, {})", r.id, r.severity.name(), r.check.kind())?;
    writeln!(out, "{}", r.summary)?;
    writeln!(out)?;
    writeln!(out, "{}", r.description.trim_end())?;
    writeln!(out)?;
    if !r.tags.is_empty() {
        writeln!(out, "tags: {}", r.tags.join(", "))?;
    }
    writeln!(out, "message: {}", r.message)?;
    writeln!(out, "defined in: {}", display_path(&r.file))?;
    writeln!(out, "check:")?;
    let params = crate::yaml::to_string(&r.check);
    for line in params.lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// `crosscheck test` results, ending with the `N passed, M failed` line.
pub fn test_report(out: &mut dyn Write, r: &crate::ruletest::TestReport) -> io::Result<()> {
    use crate::ruletest::Outcome;
    for c in &r.cases {
        let tag = match c.outcome {
            Outcome::Passed => "PASS",
            Outcome::Failed => "FAIL",
            Outcome::Todo => "TODO",
        };
        writeln!(
            out,
            "{tag} {} [{}] {}",
            display_path(&c.file),
            c.rule,
            c.name
        )?;
        if c.outcome != Outcome::Passed {
            for m in &c.missing {
                writeln!(out, "  missing: {m}")?;
            }
            for n in &c.noisy {
                writeln!(out, "  noisy:   {n}")?;
            }
            for (e, a) in &c.wrong {
                writeln!(out, "  wrong:   expected {e}")?;
                writeln!(out, "           got      {a}")?;
            }
        }
    }
    for p in &r.problems {
        writeln!(out, "FAIL {p}")?;
    }
    writeln!(
        out,
        "{} passed, {} failed, {} skipped",
        r.passed(),
        r.failed(),
        r.todo()
    )
}
