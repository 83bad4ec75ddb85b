//! Baselines as a team uses them in CI: accept today's findings, fail only on new ones.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn setup(dir: &Path, figure: &str, extra: &str) {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n",
    )
    .unwrap();
    std::fs::write(corpus.join("a.md"), "---\noutlet: wire\npublished: 2020-01-19\n---\nAt least 28 soldiers were killed on Sunday.\n").unwrap();
    std::fs::write(corpus.join("b.md"), format!("---\noutlet: daily\npublished: 2020-01-19\n---\n{extra}Only {figure} soldiers were killed on Sunday, officials said.\n")).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out = Command::new(BIN)
        .args(args)
        .arg("--rules")
        .arg(&rules)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_baseline_accepts_todays_findings_and_catches_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    setup(d, "12", "");
    let check = [
        "check",
        "--fail-on",
        "warning",
        "--baseline",
        "base.json",
        "--format",
        "concise",
    ];

    assert_eq!(
        run(d, &["check", "--fail-on", "warning"]).0,
        Some(1),
        "a casualty conflict to begin with"
    );
    let (code, out, _) = run(d, &["baseline", "create", "base.json"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("1 accepted"), "{out}");
    let (code, out, _) = run(d, &check);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 accepted by baseline"), "{out}");

    // Unrelated text changes nothing.
    setup(d, "12", "Reporters were kept away from the front line.\n\n");
    assert_eq!(run(d, &check).0, Some(0));

    // A changed figure is a new finding; the old entry is now stale.
    setup(d, "10", "");
    let (code, out, err) = run(d, &check);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("warning[casualty-counts]"), "{out}");
    assert!(err.contains("1 baseline entry is no longer found"), "{err}");
    assert_eq!(
        run(d, &["--strict", "check", "--baseline", "base.json"]).0,
        Some(2),
        "stale entries are an error under --strict"
    );

    // update adds the new finding; prune drops the stale one.
    assert!(
        run(d, &["baseline", "update", "base.json"])
            .1
            .contains("1 added, 2 entries")
    );
    assert!(
        run(d, &["baseline", "prune", "base.json"])
            .1
            .contains("1 removed, 1 entries")
    );
    assert_eq!(run(d, &check).0, Some(0));
    // Suppressed findings stay in SARIF, marked.
    let (_, sarif, _) = run(
        d,
        &["check", "--baseline", "base.json", "--format", "sarif"],
    );
    assert!(sarif.contains(r#""kind": "external""#), "{sarif}");
}

#[test]
fn a_broken_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), "12", "");
    std::fs::write(
        dir.path().join("base.json"),
        "{\"version\": 1, \"findings\": [}",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--baseline", "base.json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("base.json:1:"), "{err}");
}
