//! The benchmark corpus generator, and crosscheck on what it writes: every planted conflict is
//! found, nothing else is raised at warning or above, and the output does not depend on the
//! number of threads.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use crosscheck::rules::RuleSet;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn rules() -> RuleSet {
    RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap()
}

fn generate(dir: &Path, articles: usize, seed: u64) -> corpus_gen::Summary {
    let opts = corpus_gen::Options {
        articles,
        seed,
        ..Default::default()
    };
    corpus_gen::generate(dir, &rules(), &opts).unwrap()
}

/// Every file under `dir`, with its bytes, in path order.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_seed_writes_the_same_corpus_and_another_seed_does_not() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(a.path(), 120, 7);
    generate(b.path(), 120, 7);
    generate(c.path(), 120, 8);
    let fa = files(a.path());
    assert_eq!(fa.len(), 120 + 2, "articles, outlets.yaml and planted.yaml");
    assert_eq!(fa, files(b.path()));
    assert_ne!(fa, files(c.path()));
}

#[test]
fn articles_are_realistic_in_size_and_not_copies_of_one_text() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 200, 3);
    let articles: Vec<_> = files(dir.path())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .collect();
    assert_eq!(articles.len(), 200);
    for (path, bytes) in &articles {
        assert!(
            (2048..=9216).contains(&bytes.len()),
            "{path}: {} bytes",
            bytes.len()
        );
    }
    assert!(summary.bytes > 200 * 2048);
    // As on real sites, much of the text is not ASCII (typographic quotation marks,
    // accented words), so the benchmarks measure those paths too.
    let beyond_ascii = articles.iter().filter(|(_, b)| !b.is_ascii()).count();
    assert!(
        beyond_ascii >= 100,
        "{beyond_ascii} of 200 articles hold text beyond ASCII"
    );
    // No near-duplicates: the audit's voice groups list only same-outlet articles.
    let out = Command::new(BIN)
        .args(["audit", "--duplicates", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("near-duplicate"),
        "generated articles must be independent texts: {}",
        &text[..text.len().min(2000)]
    );
}

#[test]
fn every_planted_conflict_is_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 600, 11);
    let kinds: std::collections::BTreeSet<&str> =
        summary.plants.iter().map(|p| p.rule.as_str()).collect();
    assert!(
        kinds.len() >= 3 && summary.plants.len() >= 5,
        "the corpus should plant several kinds of conflict: {:?}",
        summary.plants
    );
    let run = |threads: &str| {
        let out = Command::new(BIN)
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--ignore",
                "loaded-wording,loaded-wording-rate",
            ])
            .arg(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let json = run("2");
    assert_eq!(json, run("1"), "output must not depend on the thread count");
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let raised: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| matches!(f["severity"].as_str(), Some("warning" | "error")))
        .collect();
    let docs = |f: &serde_json::Value| -> Vec<String> {
        f["sides"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["evidence"].as_array().unwrap())
            .map(|e| e["doc"].as_str().unwrap().replace('\\', "/"))
            .collect()
    };
    for p in &summary.plants {
        assert!(
            raised
                .iter()
                .any(|f| f["rule"] == p.rule.as_str()
                    && docs(f).iter().any(|d| d.ends_with(&p.article))),
            "planted conflict not found: {p:?}"
        );
    }
    assert_eq!(
        raised.len(),
        summary.plants.len(),
        "findings beyond the planted ones: {:#?}",
        raised
            .iter()
            .map(|f| f["message"].as_str().unwrap())
            .collect::<Vec<_>>()
    );
}

#[test]
fn sharded_extraction_then_check_claims_gives_the_same_findings_as_one_run() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 240, 5);
    let articles: Vec<String> = files(dir.path())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .map(|(p, _)| dir.path().join(p).display().to_string())
        .collect();
    let outlets = dir.path().join("outlets.yaml").display().to_string();
    let check = [
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--outlets",
        &outlets,
    ];
    let one = succeed(
        check
            .iter()
            .copied()
            .chain(articles.iter().map(String::as_str)),
    );
    // Three shards, extracted separately, as a map step on three machines would.
    let mut shards = Vec::new();
    for (i, chunk) in articles.chunks(articles.len().div_ceil(3)).enumerate() {
        let claims = ["claims", "--format", "jsonl", "--outlets", &outlets];
        let out = succeed(
            claims
                .iter()
                .copied()
                .chain(chunk.iter().map(String::as_str)),
        );
        let file = dir.path().join(format!("shard-{i}.jsonl"));
        std::fs::write(&file, out).unwrap();
        shards.push(file.display().to_string());
    }
    let merged = succeed(
        check
            .iter()
            .copied()
            .chain(["--claims"])
            .chain(shards.iter().map(String::as_str)),
    );
    let report: serde_json::Value = serde_json::from_slice(&one).unwrap();
    assert!(
        report["findings"].as_array().unwrap().len() > 5,
        "the comparison should have findings to agree on"
    );
    assert_eq!(
        String::from_utf8(merged).unwrap(),
        String::from_utf8(one).unwrap()
    );
}

#[test]
fn claims_lines_do_not_depend_on_threads_and_an_input_error_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 120, 9);
    let run = |threads: &str| {
        let out = Command::new(BIN)
            .args(["claims", "--format", "jsonl"])
            .arg(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        (out.status.code(), out.stdout, out.stderr)
    };
    let (code, lines, _) = run("2");
    assert_eq!(code, Some(0));
    assert_eq!(
        lines,
        run("1").1,
        "output must not depend on the thread count"
    );
    // One document record per article, in path order.
    let docs: Vec<String> = String::from_utf8(lines)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["kind"] == "document")
        .map(|r| r["article"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs.len(), 120);
    assert!(docs.windows(2).all(|w| w[0] < w[1]), "{docs:?}");

    // An article whose front matter names no outlet fails the run: no partial output.
    let last = files(dir.path())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".md"))
        .max()
        .unwrap();
    std::fs::write(
        dir.path().join(&last),
        "---\npublished: 2020-03-01\n---\nText.\n",
    )
    .unwrap();
    let (code, lines, stderr) = run("2");
    assert_eq!(code, Some(2));
    assert!(lines.is_empty(), "{}", String::from_utf8_lossy(&lines));
    assert!(
        String::from_utf8_lossy(&stderr).contains(last.rsplit('/').next().unwrap()),
        "the error names the file: {}",
        String::from_utf8_lossy(&stderr)
    );
}

/// Run crosscheck, require success, return its standard output.
fn succeed<'a>(args: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn a_claims_file_with_a_bad_record_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 3, 2);
    let out = Command::new(BIN)
        .args(["claims", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str("{\"kind\": \"count\", \"doc\": \"elsewhere.md\"}\nnot json\n");
    let lines = text.lines().count();
    let file = dir.path().join("claims.jsonl");
    std::fs::write(&file, text).unwrap();
    let out = Command::new(BIN)
        .args(["check", "--claims"])
        .arg(&file)
        .arg("--outlets")
        .arg(dir.path().join("outlets.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "claims.jsonl:{}:1: error: a `count` record that does not follow its document's record",
            lines - 1
        )),
        "{err}"
    );
    assert!(err.contains(&format!("claims.jsonl:{lines}:")), "{err}");
}

#[test]
fn a_claims_file_keeps_what_the_checks_read_of_a_count() {
    // "had released" with no date is news of its day only because its verb is in the
    // perfect: a claims file must say so, or `check --claims` would not compare it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n  - {id: daily, name: Daily}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\noutlet: wire\npublished: 2020-03-15\n---\nOn Saturday the rebels freed 17 hostages at the crossing.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "---\noutlet: daily\npublished: 2020-03-14\n---\nThe rebels announced that they had released 20 hostages.\n",
    )
    .unwrap();
    let corpus = dir.path().display().to_string();
    let check = [
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--select",
        "release-batches",
    ];
    let direct = succeed(check.iter().copied().chain([corpus.as_str()]));
    let claims = succeed(["claims", "--format", "jsonl", corpus.as_str()]);
    let file = dir.path().join("claims.jsonl");
    std::fs::write(&file, claims).unwrap();
    let file = file.display().to_string();
    let outlets = dir.path().join("outlets.yaml").display().to_string();
    let replayed = succeed(check.iter().copied().chain([
        "--outlets",
        outlets.as_str(),
        "--claims",
        file.as_str(),
    ]));
    let report: serde_json::Value = serde_json::from_slice(&direct).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(
        String::from_utf8(replayed).unwrap(),
        String::from_utf8(direct).unwrap()
    );
}
