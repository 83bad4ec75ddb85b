//! Untrusted input: articles from the open web, rule files from colleagues. crosscheck must
//! report, not panic, hang or write where it was not asked to.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A corpus with one good article.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(
        c.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n",
    )
    .unwrap();
    std::fs::write(
        c.join("good.md"),
        "---\noutlet: wire\npublished: 2020-03-12\n---\nThe ceasefire is holding.\n",
    )
    .unwrap();
    c
}

#[test]
fn exponential_yaml_aliases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let mut laughs = String::from(
        "---\noutlet: wire\npublished: 2020-03-12\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        laughs.push_str(&format!(
            "lol{i}: &a{i} [{}]\n",
            [prev.as_str(); 9].join(", ")
        ));
    }
    laughs.push_str("---\nText.\n");
    std::fs::write(c.join("laughs.md"), &laughs).unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("corpus/laughs.md"), "{}", text(&o));

    // The same in a rule file.
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("gazetteer")).unwrap();
    std::fs::create_dir_all(rules.join("frames")).unwrap();
    std::fs::write(
        rules.join("gazetteer/g.yaml"),
        laughs
            .replace("---\n", "")
            .replace("Text.\n", "")
            .replace("outlet: wire\npublished: 2020-03-12\n", ""),
    )
    .unwrap();
    std::fs::write(rules.join("frames/f.yaml"), "counts: []\n").unwrap();
    let o = run_in(dir.path(), &["rules"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("rules/gazetteer/g.yaml"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    std::fs::create_dir(c.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", c.join("sub/loop")).unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("warning: folder already visited"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("1 document"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn an_article_reached_twice_is_read_once() {
    // Named on its own and inside its folder, and through a link in a second folder.
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::os::unix::fs::symlink("../corpus/good.md", dir.path().join("more/alias.md")).unwrap();
    std::fs::write(
        dir.path().join("more/other.md"),
        "---\noutlet: wire\npublished: 2020-03-13\n---\nThe ceasefire is holding.\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "corpus",
            "corpus/good.md",
            "corpus",
            "more",
            "--outlets",
            "corpus/outlets.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("2 documents"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_still_loads() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        c.join(name),
        "---\noutlet: wire\npublished: 2020-03-12\n---\nText.\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("2 documents"), "{}", text(&o));
}

#[test]
fn invalid_utf8_is_an_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    std::fs::write(
        c.join("bad.md"),
        b"---\noutlet: wire\npublished: 2020-03-12\n---\nCaf\xe9 society.\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains(
            "corpus/bad.md:5:4: error: the file is not valid UTF-8 (invalid byte at offset 46)"
        ),
        "{}",
        text(&o)
    );
    let o = run_in(dir.path(), &["--lossy", "corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("warning: invalid UTF-8 (first at byte offset 46) replaced"),
        "{}",
        text(&o)
    );
}

#[test]
fn a_long_single_line_article_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let sentence = "On March 9th, at least 28 soldiers were killed near Saraqib as the ceasefire collapsed, officials said; ";
    let body = sentence.repeat(2_000_000 / sentence.len());
    std::fs::write(
        c.join("long.md"),
        format!("---\noutlet: wire\npublished: 2020-03-12\n---\n{body}\n"),
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "--rules",
            concat!(env!("CARGO_MANIFEST_DIR"), "/rules"),
            "check",
            "--format",
            "concise",
        ],
    );
    // A conflict with itself and with the good article, but no crash.
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", text(&o));
}

#[test]
fn a_file_larger_than_an_article_is_skipped_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let f = std::fs::File::create(c.join("dump.md")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB that cost no disk
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("corpus/dump.md: warning: 104857600 bytes is larger than an article (limit 16777216); skipped"), "{}", text(&o));
    assert!(text(&o).contains("1 document"), "{}", text(&o));
    let o = run_in(dir.path(), &["--strict", "corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    // A higher limit reads it: all NUL bytes, so then it is a binary file.
    let o = run_in(dir.path(), &["--max-file-size", "200000000", "corpus"]);
    assert!(text(&o).contains("binary file"), "{}", text(&o));
}

#[cfg(unix)]
#[cfg(unix)]
#[test]
fn a_file_that_never_ends_is_read_only_up_to_the_limit() {
    // A device never ends: it is not a regular file, so it is not opened for reading at all.
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let o = run_in(
        dir.path(),
        &[
            "corpus",
            "corpus",
            "/dev/zero",
            "--max-file-size",
            "4096",
            "--outlets",
            "corpus/outlets.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("/dev/zero: warning: a device, not a regular file; skipped"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("1 document"), "{}", text(&o));
}

#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let secret = c.join("secret.md");
    std::fs::write(
        &secret,
        "---\noutlet: wire\npublished: 2020-03-12\n---\nText.\n",
    )
    .unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        return; // running as root: permissions do not stop reads, nothing to test
    }
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("corpus/secret.md: error: cannot read this file: permission denied"),
        "{}",
        text(&o)
    );
}

#[test]
fn command_line_mistakes_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let o = run_in(dir.path(), &["chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("similar subcommand exists: 'check'"),
        "{}",
        text(&o)
    );
    let o = run_in(dir.path(), &["corpus", "--formt", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("--format"), "{}", text(&o));
    let o = run_in(dir.path(), &["corpus", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run_in(
        dir.path(),
        &[
            "--rules",
            concat!(env!("CARGO_MANIFEST_DIR"), "/rules"),
            "check",
            "--output",
            "missing/folder/out.sarif",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains(
            "cannot write missing/folder/out.sarif: the folder missing/folder does not exist"
        ),
        "{}",
        text(&o)
    );
    let o = Command::new(BIN)
        .args(["annotate", "--published", "last Tuesday", "-"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("--published: `last Tuesday` is not a date"),
        "{}",
        text(&o)
    );
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn no_command_writes_into_the_corpus_or_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = dir.path().join("project");
    for sub in ["corpus", "rules"] {
        copy_tree(&root.join(sub), &work.join(sub));
    }
    let outside = dir.path().join("out");
    std::fs::create_dir(&outside).unwrap();
    read_only(&work);
    let before = snapshot(&work);
    let o = |f: &str| outside.join(f).to_string_lossy().into_owned();
    let commands: Vec<Vec<String>> = vec![
        vec!["corpus".into()],
        vec!["annotate".into()],
        vec!["claims".into(), "--format".into(), "jsonl".into()],
        vec![
            "check".into(),
            "--sarif-output".into(),
            o("a.sarif"),
            "--json-output".into(),
            o("a.json"),
            "--junit-output".into(),
            o("a.xml"),
            "--markdown-output".into(),
            o("a.md"),
        ],
        vec!["rules".into()],
        vec!["explain".into(), "ceasefire-status".into()],
        vec!["test".into()],
        vec!["baseline".into(), "create".into(), o("base.json")],
        vec!["check".into(), "--baseline".into(), o("base.json")],
    ];
    for args in commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_in(&work, &args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            text(&out)
        );
    }
    assert_eq!(
        snapshot(&work),
        before,
        "a command changed the corpus or the rules"
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 5);
}

/// Take the write bits off every file and folder (root may still write: the snapshot is what
/// proves nothing changed).
fn read_only(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            read_only(&p);
        }
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn an_enormous_regular_expression_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    std::fs::write(
        c.join("outlets.yaml"),
        "outlets:\n  - id: wire\n    name: Wire\n    boilerplate: [\"(\\\\w{500}){500}\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("corpus/outlets.yaml:4:18: error: at `outlets[0].boilerplate[0]`: regular expression `(\\w{500}){500}` is too large"),
        "{}",
        text(&o)
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// A FIFO waits for a writer forever once opened for reading: one planted in a corpus (or an
/// article link to one, or `--outlets` naming one) would hang a CI job.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_corpus_or_as_the_outlets_file_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    mkfifo(&c.join("pipe.md"));
    std::os::unix::fs::symlink("pipe.md", c.join("link.md")).unwrap();
    mkfifo(&dir.path().join("outlets.yaml"));
    let (tx, rx) = std::sync::mpsc::channel();
    let work = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let walked = run_in(&work, &["corpus"]);
        let named = run_in(&work, &["corpus", "corpus/pipe.md", "corpus/good.md"]);
        let outlets = run_in(&work, &["corpus", "--outlets", "outlets.yaml"]);
        let _ = tx.send((walked, named, outlets));
    });
    // A hang is the failure; a minute is far beyond what three runs on one article take.
    let (walked, named, outlets) = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("crosscheck hung on a FIFO");
    for o in [&walked, &named] {
        assert_eq!(o.status.code(), Some(0), "{}", text(o));
        assert!(
            text(o).contains("pipe.md: warning: a FIFO (named pipe), not a regular file; skipped"),
            "{}",
            text(o)
        );
        assert!(
            text(o).contains("1 documents") || text(o).contains("1 document"),
            "{}",
            text(o)
        );
    }
    assert!(
        text(&walked).contains("link.md: warning: a FIFO"),
        "{}",
        text(&walked)
    );
    assert_eq!(outlets.status.code(), Some(2), "{}", text(&outlets));
    assert!(
        text(&outlets).contains("outlets.yaml: error: cannot read the outlets file: it is a FIFO"),
        "{}",
        text(&outlets)
    );
}

/// `--output corpus/a.md` replaced an article, and a SARIF file written as
/// `corpus/outlets.yaml` broke the next run: no output flag may name a path in the input.
#[test]
fn outputs_inside_the_corpus_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &dir.path().join("rules"),
    );
    let before = snapshot(&c);
    let cases: [&[&str]; 8] = [
        &["check", "--output", "corpus/good.md"],
        &["check", "-o", "corpus/new.json", "--format", "json"],
        &["check", "--sarif-output", "corpus/outlets.yaml"],
        &["check", "--json-output", "corpus/../corpus/x.json"],
        &["check", "--junit-output", "corpus/x.xml"],
        &["check", "--markdown-output", "corpus/x.md"],
        &["report", "-o", "corpus/report.html"],
        &["baseline", "create", "corpus/baseline.json"],
    ];
    for args in cases {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(
            text(&o).contains("refusing to write inside corpus"),
            "{args:?}: {}",
            text(&o)
        );
    }
    // A corpus named as a file: that file is input too.
    let o = run_in(
        dir.path(),
        &["check", "corpus/good.md", "-o", "corpus/good.md"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(snapshot(&c), before);
    // Beside the corpus is fine.
    let o = run_in(
        dir.path(),
        &["check", "-o", "findings.json", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(dir.path().join("findings.json").is_file());
}

/// The YAML parser's time grows with the square of the nesting (100,000 `[` in a front
/// matter value took 37 s): nesting is capped before parsing, in every YAML input, with the
/// place of the limit.
#[test]
fn deeply_nested_yaml_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let deep = format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(
        c.join("deep.md"),
        format!("---\noutlet: wire\npublished: 2020-03-12\ntitle: {deep}\n---\nText.\n"),
    )
    .unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("corpus/deep.md:4:71: error: collections nested more than 64 deep"),
        "{}",
        text(&o)
    );
    std::fs::remove_file(c.join("deep.md")).unwrap();
    std::fs::write(
        c.join("outlets.yaml"),
        format!("outlets:\n  - {{id: wire, name: Wire, domains: {deep}}}\n"),
    )
    .unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("corpus/outlets.yaml:2:"), "{}", text(&o));
}

/// A front matter that runs on for megabytes is refused before the YAML parser sees it.
#[test]
fn an_enormous_front_matter_is_refused_at_its_fence() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let mut fm = String::from("---\noutlet: wire\npublished: 2020-03-12\n");
    for i in 0..20_000 {
        fm.push_str(&format!("# comment line {i}\n"));
    }
    fm.push_str("---\nText.\n");
    std::fs::write(c.join("big.md"), fm).unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("corpus/big.md:1:1: error: the front matter is"),
        "{}",
        text(&o)
    );
}

/// Control characters in file names, outlet names and titles are shown escaped in every
/// human-readable output: an ESC sequence must not reach the terminal, and a line break in a
/// file name must not forge a `path:line:col: error:` line.
#[cfg(unix)]
#[test]
fn control_characters_from_the_input_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    std::fs::write(
        c.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: \"Wire\\e[31m\\e]8;;http://x\\a\"}\n  - {id: daily, name: Daily}\n",
    )
    .unwrap();
    std::fs::write(
        c.join("b.md"),
        "---\noutlet: daily\npublished: 2020-03-12\ntitle: \"T\\e[2J\\rcorpus/x.md:1:1: error: forged\"\n---\nThe ceasefire has collapsed.\n",
    )
    .unwrap();
    std::fs::write(c.join("evil\nforged:9:9: error: x.md"), "").unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &dir.path().join("rules"),
    );
    let forged = |s: &str| {
        s.lines()
            .any(|l| l.starts_with("corpus/x.md") || l.starts_with("forged"))
    };
    let runs: [&[&str]; 5] = [
        &["corpus"],
        &["check", "--fail-on", "never"],
        &["check", "--format", "concise", "--fail-on", "never"],
        &["check", "--format", "github", "--fail-on", "never"],
        &["audit"],
    ];
    for args in runs {
        let o = run_in(dir.path(), args);
        let all = text(&o);
        assert!(!all.contains('\u{1b}'), "{args:?}: raw ESC in {all:?}");
        assert!(
            !all.contains('\u{7}') && !all.contains('\r'),
            "{args:?}: {all:?}"
        );
        assert!(!forged(&all), "{args:?}: a forged line in {all}");
    }
    let o = run_in(dir.path(), &["corpus"]);
    assert!(
        text(&o).contains(r"Wire\u{1b}[31m"),
        "the name is shown, escaped: {}",
        text(&o)
    );
    assert!(text(&o).contains(r"evil\nforged:9:9"), "{}", text(&o));
}

/// A backslash is a file name character on Unix: `a\b.md` and `a/b.md` are two articles
/// with two ids (and two fingerprints).
#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_not_a_folder_separator() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    std::fs::remove_file(c.join("good.md")).unwrap();
    std::fs::create_dir(c.join("a")).unwrap();
    let body = "---\noutlet: wire\npublished: 2020-03-12\n---\nThe ceasefire is holding.\n";
    std::fs::write(c.join("a").join("b.md"), body).unwrap();
    std::fs::write(c.join("a\\b.md"), body).unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &dir.path().join("rules"),
    );
    let o = run_in(dir.path(), &["claims", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let ids: std::collections::BTreeSet<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["kind"] == "document")
        .map(|v| v["article"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
}

/// Every input has a size limit, checked before it is read: a 2 GiB `outlets.yaml` took
/// 2.1 GB of memory, and standard input had no limit at all.
#[test]
fn oversized_yaml_files_and_standard_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let outlets = std::fs::File::options()
        .append(true)
        .open(c.join("outlets.yaml"))
        .unwrap();
    // Sparse: 17 MiB that take no disk, refused on their size alone.
    outlets.set_len(17 * 1024 * 1024).unwrap();
    let o = run_in(dir.path(), &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("outlets.yaml: error: cannot read the outlets file: 17825792 bytes is more than the limit of 16777216"),
        "{}",
        text(&o)
    );

    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &dir.path().join("rules"),
    );
    let mut child = Command::new(BIN)
        .args([
            "claims",
            "--published",
            "2020-03-12",
            "--max-file-size",
            "1000",
            "-",
        ])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        // The run may stop reading before all of it is written.
        let _ = stdin.write_all("The ceasefire is holding. ".repeat(100).as_bytes());
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("cannot read standard input: it is larger than the limit of 1000 bytes"),
        "{}",
        text(&o)
    );
}
