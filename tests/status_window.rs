//! The days an undated present-tense status covers are the rule's to set (`undated_days`).

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

/// The severity `ceasefire-status` gives two undated articles published a day apart, one
/// saying the truce holds and one that it collapsed, with `extra` in the rule's params.
fn severity(extra: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("a.md"),
        "---\noutlet: wire\npublished: 2020-03-11\n---\nThe ceasefire is holding across the province.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.md"),
        "---\noutlet: daily\npublished: 2020-03-12\n---\nThe ceasefire has collapsed after heavy shelling.\n",
    )
    .unwrap();
    // A pack that replaces the built-in rule by its id, with the window set.
    let pack = dir.path().join("pack");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("conflicts.yaml"),
        format!(
            "rules:\n  - id: ceasefire-status\n    severity: error\n    summary: s\n    description: d\n    \
             message: \"{{key}}: {{a}} / {{b}}\"\n    check:\n      kind: exclusive-status\n      params:\n        \
             subject: ceasefire\n        groups: [[holding], [violated, collapsed]]\n        present: article\n{extra}"
        ),
    )
    .unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out = Command::new(BIN)
        .arg("--rules")
        .arg(&rules)
        .arg("--rules")
        .arg(&pack)
        .args(["check", "--format", "json", "--fail-on", "never", "corpus"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ceasefire-status")
        .map(|f| f["severity"].as_str().unwrap().to_string())
        .unwrap_or_else(|| "none".into())
}

#[test]
fn undated_articles_a_day_apart_overlap_by_default() {
    assert_eq!(severity(""), "error");
}

#[test]
fn with_no_undated_days_each_article_speaks_of_its_own_day() {
    // Holding on the 11th, collapsed on the 12th: a change over time, noted at info.
    assert_eq!(severity("        undated_days: 0\n"), "info");
}
