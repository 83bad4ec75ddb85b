//! Formats for CI: concise lines, GitHub workflow commands, JUnit XML and SARIF 2.1.0.
//!
//! Each finding is placed on its primary article, the earliest one; the others are related
//! locations (SARIF) or named in the message.

use super::report::{Report, summary_line};
use super::xml;
use crate::findings::{Evidence, Finding};
use crate::rules::{Rule, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// GitHub shows at most this many annotations of each level per step.
pub const GITHUB_LIMIT: usize = 10;

pub use crate::findings::primary;

/// `path:line:col: severity[rule] message`, one line per finding.
pub fn concise(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    for f in r.findings {
        let (p, _) = primary(f);
        let place = p.map_or(String::new(), |e| {
            format!(
                "{}:{}:{}: ",
                super::printable(&e.doc, false),
                e.line,
                e.column
            )
        });
        writeln!(
            out,
            "{place}{}[{}] {}{}",
            f.severity.name(),
            f.rule,
            f.class_prefix(),
            super::printable(&one_line(&f.message), false)
        )?;
    }
    writeln!(out, "{}", summary_line(r))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escape workflow-command data: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    // Other control characters (ESC) would reach the log raw.
    super::printable(&s, false).into_owned()
}

/// Escape a workflow-command property: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=...,line=...::message`, at most [GITHUB_LIMIT] per level, then a notice that
/// says how many more there are, then the summary line.
pub fn github(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let mut shown = [0usize; 3];
    let mut hidden = 0usize;
    for f in r.findings {
        let (level, slot) = match f.severity {
            Severity::Error => ("error", 0),
            Severity::Warning => ("warning", 1),
            _ => ("notice", 2),
        };
        if shown[slot] >= GITHUB_LIMIT {
            hidden += 1;
            continue;
        }
        shown[slot] += 1;
        let (p, rest) = primary(f);
        let mut props = Vec::new();
        let mut prefix = String::new();
        if let Some(e) = p {
            props.push(format!("file={}", escape_property(&e.doc)));
            props.push(format!("line={}", e.line));
            props.push(format!("endLine={}", e.end_line));
            // A column means nothing to GitHub on a span over several lines.
            if e.end_line == e.line {
                props.push(format!("col={}", e.column));
                props.push(format!("endColumn={}", e.end_column));
            }
            prefix = format!("{}:{}:{}: ", e.doc, e.line, e.column);
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("crosscheck {}", f.rule))
        ));
        let also: Vec<String> = rest
            .iter()
            .map(|e| format!("{}:{}", e.doc, e.line))
            .collect();
        let also = if also.is_empty() {
            String::new()
        } else {
            format!("\nalso: {}", also.join(", "))
        };
        let message = format!("{prefix}{}\n{}{also}", f.message, f.why);
        writeln!(
            out,
            "::{level} {}::{}",
            props.join(","),
            escape_data(&message)
        )?;
    }
    if hidden > 0 {
        writeln!(
            out,
            "::notice title={}::{}",
            escape_property("crosscheck"),
            escape_data(&format!(
                "{hidden} more findings are not shown as annotations (GitHub shows {GITHUB_LIMIT} errors and {GITHUB_LIMIT} warnings per step); see the job log or the step summary."
            ))
        )?;
    }
    writeln!(out, "{}", summary_line(r))
}

/// A suite per rule, a case per finding; errors and warnings fail, info passes with its text.
/// A rule with nothing to report has one passing case.
pub fn junit(out: &mut dyn Write, r: &Report, rules: &[&Rule]) -> io::Result<()> {
    let failing = |f: &Finding| f.severity >= Severity::Warning;
    let total_failures = r.findings.iter().filter(|f| failing(f)).count();
    let total_cases: usize = rules
        .iter()
        .map(|rule| {
            r.findings
                .iter()
                .filter(|f| f.rule == rule.id)
                .count()
                .max(1)
        })
        .sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="crosscheck" tests="{total_cases}" failures="{total_failures}">"#
    )?;
    for rule in rules {
        let mine: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == rule.id).collect();
        let failures = mine.iter().filter(|f| failing(f)).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failures}">"#,
            xml(&rule.id),
            mine.len().max(1)
        )?;
        if mine.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="no findings" classname="crosscheck.{}"/>"#,
                xml(&rule.id)
            )?;
        }
        for f in mine {
            let name = format!(
                "{} {} {}",
                f.key,
                super::super::check::window_text(f.window),
                f.fingerprint
            );
            writeln!(
                out,
                r#"    <testcase name="{}" classname="crosscheck.{}">"#,
                xml(&name),
                xml(&rule.id)
            )?;
            let details: Vec<String> = f
                .sides
                .iter()
                .flat_map(|s| {
                    s.evidence.iter().map(move |e| {
                        format!(
                            "{}: {} ({}, {}:{}:{}): \"{}\"",
                            s.label, e.outlet_name, e.published, e.doc, e.line, e.column, e.text
                        )
                    })
                })
                .collect();
            let body = format!("{}\n{}", f.why, details.join("\n"));
            if failing(f) {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    f.severity.name(),
                    xml(&one_line(&f.message)),
                    xml(&body)
                )?;
            } else {
                writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    xml(&format!("{}\n{body}", f.message))
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "note",
    }
}

/// A relative forward-slash URI under `%SRCROOT%`, or a `file://` URI for an absolute path
/// outside the working folder.
fn artifact(path: &str) -> Value {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        if let Some(rel) = std::env::current_dir().ok().and_then(|cwd| {
            p.strip_prefix(cwd)
                .ok()
                .map(crate::diagnostic::display_path)
        }) {
            return json!({"uri": rel, "uriBaseId": "%SRCROOT%"});
        }
        return json!({"uri": format!("file://{}", path.replace('\\', "/"))});
    }
    json!({"uri": path, "uriBaseId": "%SRCROOT%"})
}

fn physical(e: &Evidence) -> Value {
    json!({
        "artifactLocation": artifact(&e.doc),
        "region": {
            "startLine": e.line,
            "startColumn": e.column,
            "endLine": e.end_line,
            "endColumn": e.end_column.max(1),
        }
    })
}

/// A rule's SARIF `name`, which code scanning shows as its title: "ceasefire-status" is
/// "CeasefireStatus", the spec's style for a name distinct from the id.
fn readable_name(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// An absolute `file://` URI for a rule's file, where its documentation is written.
fn file_uri(path: &std::path::Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let text = text.replace(' ', "%20").replace('#', "%23");
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        format!("file:///{text}")
    }
}

/// The finding's message, then why, as two sentences.
fn message_and_why(f: &Finding) -> String {
    let message = one_line(&f.message);
    let message = message.trim_end_matches('.');
    format!("{message}. Why: {}.", f.why.trim_end_matches('.'))
}

/// SARIF 2.1.0 for GitHub code scanning. Findings a baseline or suppression accepted stay in
/// the log, marked as suppressed.
pub fn sarif(out: &mut dyn Write, r: &Report, rules: &[&Rule]) -> io::Result<()> {
    let rule_meta: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": readable_name(&rule.id),
                "helpUri": file_uri(&rule.file),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.description.trim()},
                "help": {"text": format!("{}\n\nRun `crosscheck explain {}` for the check's parameters.", rule.description.trim(), rule.id)},
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"tags": rule.tags},
            })
        })
        .collect();
    let accepted = r.suppressed.iter().map(|f| (f, true));
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| (f, false))
        .chain(accepted)
        .map(|(f, suppressed)| {
            let (p, rest) = primary(f);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|rule| rule.id == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": message_and_why(f)},
                "fingerprints": {"crosscheck/v1": f.fingerprint},
                "partialFingerprints": {"crosscheckFinding/v1": f.fingerprint},
            });
            if let Some(class) = f.class {
                result["properties"] = json!({ "class": class });
            }
            if let Some(e) = p {
                result["locations"] = json!([{"physicalLocation": physical(e), "message": {"text": format!("{}: \"{}\" ({})", e.outlet_name, e.text, e.value)}}]);
            }
            let related: Vec<Value> = rest
                .iter()
                .enumerate()
                .map(|(i, e)| json!({"id": i + 1, "physicalLocation": physical(e), "message": {"text": format!("{}: \"{}\" ({})", e.outlet_name, e.text, e.value)}}))
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if suppressed {
                result["suppressions"] = json!([{"kind": "external"}]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crosscheck",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rule_meta,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_data("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn sarif_rule_names_are_readable_and_distinct_from_ids() {
        assert_eq!(readable_name("ceasefire-status"), "CeasefireStatus");
        assert_eq!(readable_name("loaded_wording-rate"), "LoadedWordingRate");
        assert!(file_uri(std::path::Path::new("rules/a b.yaml")).starts_with("file:///"));
        assert!(file_uri(std::path::Path::new("rules/a b.yaml")).ends_with("rules/a%20b.yaml"));
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}"
        );
    }
}
