//! Behaviour of the binary as a process: pipes, repeatability.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn write_corpus(dir: &Path, articles: usize) {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("outlets.yaml"),
        "outlets:\n  - {id: wire, name: Wire}\n",
    )
    .unwrap();
    for i in 0..articles {
        let mut f = std::fs::File::create(corpus.join(format!("a{i:05}.md"))).unwrap();
        write!(
            f,
            "---\noutlet: wire\npublished: 2021-01-{:02}\ntitle: Story {i}\n---\nText {i}.\n",
            i % 28 + 1
        )
        .unwrap();
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), 3000);
    let mut child = Command::new(BIN)
        .args(["corpus", "--format", "jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then dropped: pipe closed
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |format: &str| {
        Command::new(BIN)
            .args(["corpus", "--format", format])
            .current_dir(root)
            .output()
            .unwrap()
    };
    for format in ["table", "json", "jsonl", "markdown"] {
        let (a, b) = (run(format), run(format));
        assert_eq!(
            a.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&a.stderr)
        );
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "format {format}");
    }
}

#[test]
fn no_subcommand_checks_the_bundled_corpus() {
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    // The Moscow ceasefire status conflict is an error: exit 1 under the default --fail-on.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("ceasefire-status") && stdout.contains("1 error"),
        "{stdout}"
    );
}

#[test]
fn check_output_is_byte_identical_across_runs() {
    let run = |format: &str| {
        Command::new(BIN)
            .args(["check", "--format", format])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    for format in [
        "table", "json", "jsonl", "markdown", "concise", "sarif", "github", "junit",
    ] {
        let (a, b) = (run(format), run(format));
        assert_eq!(a.status.code(), Some(1));
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "format {format}");
    }
}

#[test]
fn output_is_the_same_with_one_thread_and_with_many() {
    let run = |threads: &str, args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    for args in [
        &["check", "--format", "json"][..],
        &["audit", "--format", "json"][..],
    ] {
        let one = run("1", args);
        let many = run("8", args);
        assert!(!one.stdout.is_empty(), "{args:?}");
        assert_eq!(one.stdout, many.stdout, "{args:?}");
    }
}
