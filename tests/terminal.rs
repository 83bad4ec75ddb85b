//! What a person at a terminal reads: `check`'s default output on the bundled corpus, colour,
//! findings below warning counted rather than listed, and tables that never cut a word.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Run the binary in the repository (the bundled corpus and rules) with `COLUMNS` set.
fn run(args: &[&str], columns: u16, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(ROOT)
        .env("COLUMNS", columns.to_string())
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().unwrap();
    (
        status.code().unwrap(),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

/// Terminal rows a text takes at `columns`, long lines wrapped by the terminal.
fn rows(text: &str, columns: usize) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(columns).max(1))
        .sum()
}

#[test]
fn the_bundled_check_fits_on_one_screen_with_the_conflict_first() {
    let (code, out, _) = run(&["check"], 100, &[]);
    assert_eq!(code, 1, "the ceasefire conflict is an error");
    assert!(
        out.starts_with("error[ceasefire-status] moscow-protocol-2020"),
        "{out}"
    );
    assert!(rows(&out, 100) < 40, "{} rows:\n{out}", rows(&out, 100));
    // Loaded wording is info: counted on one line, not listed.
    assert!(!out.contains("info[loaded-wording]"), "{out}");
    assert!(out.contains("loaded-wording            14"), "{out}");
    assert!(!out.contains('\x1b'), "no colour in a pipe");
    insta::assert_snapshot!("bundled_check_text", out);
}

#[test]
fn show_info_lists_what_the_default_counts_and_keeps_the_exit_code() {
    let (code, out, _) = run(&["check", "--show", "info"], 100, &[]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("info[loaded-wording]").count(), 14, "{out}");
    assert!(!out.contains("not shown"), "{out}");
    // Only errors in full: the summary names what is left out.
    let (_, out, _) = run(&["check", "--show", "error"], 100, &[]);
    assert!(out.starts_with("error[ceasefire-status]"), "{out}");
    // Hidden findings never change whether the run fails.
    let (code, _, _) = run(&["check", "--fail-on", "info", "--show", "error"], 100, &[]);
    assert_eq!(code, 1);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let (_, out, _) = run(&["check", "--color", "always"], 100, &[]);
    assert!(out.contains("\x1b[1;31merror\x1b[0m"), "{out}");
    let (_, out, _) = run(&["check", "--color", "never"], 100, &[]);
    assert!(!out.contains('\x1b'));
    // NO_COLOR turns off the automatic choice; an explicit --color always still wins.
    let (_, out, _) = run(&["check"], 100, &[("NO_COLOR", "1")]);
    assert!(!out.contains('\x1b'));
    let (_, out, _) = run(&["check", "--color", "always"], 100, &[("NO_COLOR", "1")]);
    assert!(out.contains('\x1b'));
}

/// Every place a finding cites, as `path:line:column`, from the JSON output.
fn places() -> Vec<String> {
    let (_, json, _) = run(&["check", "--format", "json"], 100, &[]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut out = Vec::new();
    for f in v["findings"].as_array().unwrap() {
        for s in f["sides"].as_array().unwrap() {
            for e in s["evidence"].as_array().unwrap() {
                out.push(format!(
                    "{}:{}:{}",
                    e["doc"].as_str().unwrap(),
                    e["line"],
                    e["column"]
                ));
            }
        }
    }
    assert!(out.len() > 20);
    out
}

#[test]
fn tables_never_cut_a_path_or_a_word() {
    let places = places();
    for columns in [80, 120] {
        let (_, out, _) = run(
            &["check", "--format", "table", "--show", "info"],
            columns,
            &[],
        );
        for p in &places {
            assert!(
                out.contains(p.as_str()),
                "{p} cut at {columns} columns:\n{out}"
            );
        }
        let (code, out, _) = run(&["audit"], columns, &[]);
        assert_eq!(code, 0);
        let words: Vec<&str> = out
            .split(|c: char| c.is_whitespace() || "│┆".contains(c))
            .collect();
        for name in ["Al-Shahid", "Witness", "Voice", "America", "South", "Front"] {
            assert!(
                words.contains(&name),
                "{name} cut at {columns} columns:\n{out}"
            );
        }
        assert!(!words.contains(&"Al-Shahi"), "{out}");
        // The audit has no paths: it fits the width, as records when columns cannot share it.
        assert!(
            out.lines()
                .all(|l| l.chars().count() <= usize::from(columns)),
            "wider than {columns}:\n{out}"
        );
    }
}

#[test]
fn report_to_a_dash_writes_the_page_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let out = Command::new(BIN)
        .args(["report", "-o", "-", "--rules"])
        .arg(root.join("rules"))
        .arg(root.join("corpus"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"<!doctype html>"));
    assert!(!dir.path().join("-").exists(), "no file named `-`");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrote"));
}

#[test]
fn counts_agree_with_their_nouns() {
    let out = Command::new(BIN)
        .args(["claims", "--published", "2020-02-04", "-"])
        .current_dir(ROOT)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"At least 12 civilians were killed in Ariha on Tuesday.\n")?;
            child.wait_with_output()
        })
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 claim in 1 document:"), "{text}");
    assert!(!text.contains("1 documents"), "{text}");
}

#[test]
fn the_report_written_by_default_is_ignored_by_git() {
    let ignore = std::fs::read_to_string(Path::new(ROOT).join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/crosscheck-report.html"));
}

#[test]
fn help_lists_the_global_options_that_apply() {
    let (_, explain, _) = run(&["explain", "--help"], 100, &[]);
    // The rule packs come from --rules or the config's `packs`; --strict makes a pack
    // overriding another's entry an error.
    for used in ["--rules", "--config", "--strict"] {
        assert!(explain.contains(used), "{used} missing from\n{explain}");
    }
    for unused in ["--lossy", "--max-file-size", "--outlets"] {
        assert!(!explain.contains(unused), "{unused} in\n{explain}");
    }
    let (_, check, _) = run(&["check", "--help"], 100, &[]);
    for used in [
        "--strict",
        "--outlets",
        "--config",
        "--rules",
        "--show",
        "--color",
    ] {
        assert!(check.contains(used), "{used} missing from\n{check}");
    }
    let (_, corpus, _) = run(&["corpus", "--help"], 100, &[]);
    // The config's `exclude` and `outlets` decide what the corpus is.
    assert!(
        corpus.contains("--strict") && corpus.contains("--config") && !corpus.contains("--rules"),
        "{corpus}"
    );
    // Still accepted where they do nothing, before or after the command.
    let (code, out, _) = run(&["explain", "--strict", "ceasefire-status"], 100, &[]);
    assert_eq!(code, 0);
    assert!(out.starts_with("ceasefire-status"));
    let (code, _, _) = run(&["--strict", "explain", "ceasefire-status"], 100, &[]);
    assert_eq!(code, 0);
}

#[test]
fn the_readme_shows_what_check_prints() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let start = readme
        .find("```text\nerror[ceasefire-status]")
        .expect("the sample")
        + 8;
    let sample = &readme[start..start + readme[start..].find("```").unwrap()];
    let (_, out, _) = run(&["check"], 100, &[]);
    assert_eq!(
        sample, out,
        "README.md's sample of `crosscheck check` is out of date"
    );
}
