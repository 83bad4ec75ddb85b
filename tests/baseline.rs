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
    // The hint is a command that works as given: the run's rules and paths kept.
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let hint = format!(
        "`crosscheck --rules {} baseline prune base.json corpus` removes it",
        rules.display()
    );
    let mut with_path = check.to_vec();
    with_path.push("corpus");
    let (_, _, err) = run(d, &with_path);
    assert!(err.contains(&hint), "{err}");
    let (code, _, err) = run(d, &["--strict", "check", "--baseline", "base.json"]);
    assert_eq!(code, Some(2), "stale entries are an error under --strict");
    assert!(
        err.contains("the baseline is out of date, a configuration error"),
        "{err}"
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

#[test]
fn front_matter_ignores_accept_a_finding_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    setup(d, "12", "");
    let b = std::fs::read_to_string(d.join("corpus/b.md")).unwrap();
    let with_ignore = b.replace("published: 2020-01-19\n", "published: 2020-01-19\ncrosscheck-ignore:\n  - {rule: casualty-counts, reason: 'early figure, corrected later'}\n");
    std::fs::write(d.join("corpus/b.md"), &with_ignore).unwrap();
    let (code, out, err) = run(d, &["check", "--fail-on", "warning", "--format", "concise"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("1 accepted"), "{out}");

    let no_reason = b.replace(
        "published: 2020-01-19\n",
        "published: 2020-01-19\ncrosscheck-ignore:\n  - {rule: casualty-counts}\n",
    );
    std::fs::write(d.join("corpus/b.md"), no_reason).unwrap();
    let (code, _, err) = run(d, &["check"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("corpus/b.md:4:1: error: at `crosscheck-ignore[0]`: `crosscheck-ignore` of rule `casualty-counts` has no reason"), "{err}");

    // An unknown rule and an unused ignore are located at the article's `crosscheck-ignore`.
    let unknown = b.replace(
        "published: 2020-01-19\n",
        "published: 2020-01-19\ncrosscheck-ignore:\n  - {rule: casualty-count, reason: typo}\n",
    );
    std::fs::write(d.join("corpus/b.md"), unknown).unwrap();
    let (code, _, err) = run(d, &["check"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("corpus/b.md:4:1: error: a suppression names unknown rule `casualty-count`"),
        "{err}"
    );
    let unused = b.replace(
        "published: 2020-01-19\n",
        "published: 2020-01-19\ncrosscheck-ignore:\n  - {rule: ceasefire-status, reason: none}\n",
    );
    std::fs::write(d.join("corpus/b.md"), unused).unwrap();
    let (_, _, err) = run(d, &["check"]);
    assert!(
        err.contains("corpus/b.md:4:1: warning: `crosscheck-ignore` of rule `ceasefire-status` matches no finding"),
        "{err}"
    );
}

#[test]
fn config_suppressions_match_expire_and_warn_when_unused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    setup(d, "12", "");
    let config = |expires: &str| {
        format!(
            "suppressions:\n  - rule: casualty-counts\n    outlets: [daily]\n    reason: the ministry's figure, disputed\n{expires}  - rule: ceasefire-status\n    reason: nothing to match\n"
        )
    };
    std::fs::write(d.join("crosscheck.yaml"), config("")).unwrap();
    let (code, out, err) = run(d, &["check", "--fail-on", "warning", "--format", "concise"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        err.contains(
            "crosscheck.yaml:5:1: warning: suppression matches no finding (nothing to match)"
        ),
        "{err}"
    );
    assert_eq!(
        run(d, &["--strict", "check"]).0,
        Some(2),
        "an unused suppression is an error under --strict"
    );

    std::fs::write(
        d.join("crosscheck.yaml"),
        config("    expires: 2020-01-01\n"),
    )
    .unwrap();
    let (code, _, err) = run(d, &["check", "--fail-on", "warning"]);
    assert_eq!(code, Some(1), "an expired suppression no longer applies");
    assert!(err.contains("suppression expired on 2020-01-01"), "{err}");

    std::fs::write(
        d.join("crosscheck.yaml"),
        "suppressions:\n  - paths:\n      - corpus\n      - other\n    rule: casualty-counts\n    reason: ok\n  - rule: casualty-count\n    reason: typo\n",
    )
    .unwrap();
    let (code, _, err) = run(d, &["check"]);
    assert_eq!(code, Some(2));
    // Located at its entry (a nested list's items are not entries), with the suggestion.
    assert!(
        err.contains(
            "crosscheck.yaml:7:1: error: a suppression names unknown rule `casualty-count`\n  help: did you mean `casualty-counts`?"
        ),
        "{err}"
    );
}
