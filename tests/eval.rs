//! `crosscheck eval`: scoring against small gold files written for these tests.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

/// Two short articles: one with a count, a date, a truce said to hold, a second count and a
/// toll in words; the other says the truce collapsed.
fn corpus(dir: &Path) {
    let c = dir.join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(
        c.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n",
    )
    .unwrap();
    std::fs::write(
        c.join("a.md"),
        "---\noutlet: wire\npublished: 2020-03-11\n---\n\
         At least 12 soldiers were killed in Saraqib on Monday. The ceasefire is holding \
         across the province. Five civilians were wounded in the shelling. Others gave a figure \
         of thirty.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("b.md"),
        "---\noutlet: daily\npublished: 2020-03-11\n---\nThe ceasefire has collapsed after heavy shelling.\n",
    )
    .unwrap();
}

fn eval(dir: &Path, gold: &str, extra: &[&str]) -> (i32, String, String) {
    std::fs::write(dir.join("gold.yaml"), gold).unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out = Command::new(BIN)
        .arg("--rules")
        .arg(&rules)
        .args(["eval", "gold.yaml", "corpus"])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(dir: &Path, gold: &str) -> serde_json::Value {
    let (code, out, err) = eval(dir, gold, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

const PERFECT: &str = r#"
story: test
articles:
  a:
    dates:
      - {text: "Monday", from: 2020-03-09, to: 2020-03-09}
    counts:
      - {text: "At least 12", value: 12, qualifier: at_least, measure: killed, subject: soldiers}
      - {text: "Five civilians", value: 5, qualifier: exact, measure: wounded, subject: civilians}
    status:
      - {text: "ceasefire is holding", agreement: moscow-protocol-2020, status: holding}
  b:
    status:
      - {text: "ceasefire has collapsed", agreement: moscow-protocol-2020, status: collapsed}
conflicts:
  - id: c1
    kind: status
    a: {article: a, text: "ceasefire is holding"}
    b: {article: b, text: "ceasefire has collapsed"}
    verdict: contradiction
    flag: high
    reason: the same truce on the same days
"#;

#[test]
fn a_perfect_gold_file_scores_one() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let r = json(dir.path(), PERFECT);
    for kind in ["dates", "counts", "status"] {
        assert_eq!(r["kinds"][kind]["recall"], 1.0, "{kind}: {r}");
        assert_eq!(r["kinds"][kind]["precision"], 1.0, "{kind}: {r}");
    }
    assert_eq!(r["misses"].as_array().unwrap().len(), 0);
    assert_eq!(r["spurious"].as_array().unwrap().len(), 0);
    assert_eq!(r["conflicts"][0]["flagged"], "high");
    assert_eq!(r["unlabelled"].as_array().unwrap().len(), 0);
}

#[test]
fn a_gold_entry_no_claim_matches_is_a_miss_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.replace(
        "    status:\n      - {text: \"ceasefire is holding\"",
        "      - {text: \"thirty\", value: 30, qualifier: exact, measure: killed}\n    status:\n      - {text: \"ceasefire is holding\"",
    );
    let r = json(dir.path(), &gold);
    assert_eq!(r["kinds"]["counts"]["gold"], 3);
    assert_eq!(r["kinds"]["counts"]["matched"], 2);
    let misses = r["misses"].as_array().unwrap();
    assert_eq!(misses.len(), 1, "{r}");
    assert_eq!(misses[0]["words"], "thirty");
    assert_eq!(misses[0]["line"], 5);
    let (_, text, _) = eval(dir.path(), &gold, &[]);
    assert!(
        text.contains("corpus/a.md:5:") && text.contains("counts \"thirty\": expected killed"),
        "{text}"
    );
}

#[test]
fn a_claim_no_gold_entry_matches_counts_against_precision() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.replace(
        "      - {text: \"Five civilians\", value: 5, qualifier: exact, measure: wounded, subject: civilians}\n",
        "",
    );
    let r = json(dir.path(), &gold);
    assert_eq!(r["kinds"]["counts"]["recall"], 1.0);
    assert_eq!(r["kinds"]["counts"]["precision"], 0.5);
    let spurious = r["spurious"].as_array().unwrap();
    assert_eq!(spurious.len(), 1, "{r}");
    assert_eq!(spurious[0]["words"], "Five civilians");
}

#[test]
fn a_wrong_attribute_is_a_partial_match_not_a_match() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.replace(
        "value: 12, qualifier: at_least",
        "value: 12, qualifier: exact",
    );
    let r = json(dir.path(), &gold);
    assert_eq!(r["kinds"]["counts"]["matched"], 1);
    assert_eq!(r["kinds"]["counts"]["partial"], 1);
    assert_eq!(r["counts_value"]["matched"], 2);
    assert_eq!(r["misses"][0]["got"], "killed soldiers at_least 12");
}

#[test]
fn a_conflict_flagged_at_another_severity_is_shown_as_such() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.replace(
        "verdict: contradiction\n    flag: high",
        "verdict: apparent\n    flag: none",
    );
    let r = json(dir.path(), &gold);
    assert_eq!(r["conflicts"][0]["expected"], "none");
    assert_eq!(r["conflicts"][0]["flagged"], "high");
    let (_, text, _) = eval(dir.path(), &gold, &[]);
    assert!(
        text.contains("! c1 status apparent: expected none, flagged high (ceasefire-status)"),
        "{text}"
    );
}

#[test]
fn a_warning_on_no_labelled_conflict_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.split("conflicts:").next().unwrap().to_string();
    let r = json(dir.path(), &gold);
    let unlabelled = r["unlabelled"].as_array().unwrap();
    assert_eq!(unlabelled.len(), 1, "{r}");
    assert_eq!(unlabelled[0]["rule"], "ceasefire-status");
}

#[test]
fn an_outlets_wording_rate_is_not_an_unlabelled_conflict() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    // Over 300 own-voice words, one in ten a loaded term: the wording-rate rule warns.
    let filler =
        "The regime shelled the town and the terrorists answered while officials met. ".repeat(30);
    std::fs::write(
        dir.path().join("corpus/c.md"),
        format!("---\noutlet: wire\npublished: 2020-03-11\n---\n{filler}\n"),
    )
    .unwrap();
    let out = Command::new(BIN)
        .arg("--rules")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
        .args(["check", "--format", "json", "--fail-on", "never", "corpus"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "loaded-wording-rate" && f["severity"] == "warning"),
        "the corpus must give a wording-rate warning for this test to mean anything: {check}"
    );
    // c is scored (in the gold file), so its findings are eligible to be listed.
    let gold = PERFECT.split("conflicts:").next().unwrap().to_string() + "  c:\n    dates: []\n";
    let r = json(dir.path(), &gold);
    let rules: Vec<&str> = r["unlabelled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["ceasefire-status"], "{r}");
}

#[test]
fn words_not_found_are_reported_and_fail_under_strict() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.replace("{text: \"Monday\"", "{text: \"Tuesday\"");
    let (code, text, _) = eval(dir.path(), &gold, &[]);
    assert_eq!(code, 0);
    assert!(
        text.contains("dates[0]: the words \"Tuesday\" are not found"),
        "{text}"
    );
    let (code, _, err) = eval(dir.path(), &gold, &["--strict"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("gold.yaml") && err.contains("Tuesday"),
        "{err}"
    );
}

#[test]
fn a_bad_gold_file_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let gold = PERFECT.replace(
        "qualifier: at_least, measure",
        "qualifer: at_least, measure",
    );
    let (code, _, err) = eval(dir.path(), &gold, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("gold.yaml:8:42:"), "{err}");
    assert!(err.contains("articles.a.counts[0]"), "{err}");
}
