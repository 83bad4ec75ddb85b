//! A new user's first ten minutes: `init`, rule packs layered on the built-in one, a corpus
//! folder holding other files, and `import` of saved pages, crawler output and CSV. Every
//! run happens in a temporary folder outside the repository.

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

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).to_string_lossy().into_owned()
}

/// A folder made by `crosscheck init`, with the import fixtures' outlets added.
fn initialised() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut outlets = std::fs::read_to_string(dir.path().join("outlets.yaml")).unwrap();
    let extra = std::fs::read_to_string(fixtures().join("outlets.yaml")).unwrap();
    outlets.push_str(extra.trim_start_matches("outlets:\n"));
    std::fs::write(dir.path().join("outlets.yaml"), outlets).unwrap();
    dir
}

#[test]
fn init_gives_a_corpus_that_checks_and_tests_clean() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    for f in [
        "crosscheck.yaml",
        "outlets.yaml",
        "rules/tests/example.yaml",
        ".github/workflows/crosscheck.yml",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} missing");
    }
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("1 document"), "{}", text(&o));
    let o = run_in(dir.path(), &["test"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // A second init keeps what is there.
    std::fs::write(dir.path().join("outlets.yaml"), "outlets: []\n").unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert!(text(&o).contains("kept    outlets.yaml"), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("outlets.yaml")).unwrap(),
        "outlets: []\n"
    );
}

#[test]
fn a_domain_only_pack_layers_on_the_built_in_frames_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("story");
    std::fs::create_dir_all(pack.join("gazetteer")).unwrap();
    std::fs::write(
        pack.join("gazetteer/things.yaml"),
        "things:\n  - {id: may-truce, name: May truce, class: ceasefire, active: 2024-05-01..2024-06-01}\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["--rules", "story", "rules", "--packs"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("<built-in>/frames/counts.yaml"), "{t}");
    assert!(t.contains("story/gazetteer/things.yaml"), "{t}");
    let o = run_in(dir.path(), &["--rules", "story", "rules"]);
    assert!(text(&o).contains("ceasefire-status"), "{}", text(&o));
    // Without any pack the built-in one is there, from any folder.
    let o = run_in(dir.path(), &["explain", "casualty-counts"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn a_later_pack_overrides_by_id_and_user_packs_overriding_each_other_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    for (pack, severity) in [("a", "warning"), ("b", "off")] {
        std::fs::create_dir_all(dir.path().join(pack)).unwrap();
        std::fs::write(
            dir.path().join(pack).join("rules.yaml"),
            format!(
                "rules:\n  - id: casualty-counts\n    severity: {severity}\n    summary: s\n    description: d\n    message: m\n    check: {{kind: numeric, params: {{measures: [killed]}}}}\n"
            ),
        )
        .unwrap();
    }
    let o = run_in(dir.path(), &["--rules", "a", "rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("\"severity\": \"warning\""), "{stdout}");
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("overrides"),
        "overriding the built-in pack is the point of a pack: no warning"
    );
    let o = run_in(
        dir.path(),
        &["--rules", "a", "--rules", "b", "rules", "--packs"],
    );
    let t = text(&o);
    assert!(
        t.contains(
            "b/rules.yaml:2:5: warning: rule `casualty-counts` overrides the one in a/rules.yaml"
        ),
        "{t}"
    );
    assert!(t.contains("rule casualty-counts (a/rules.yaml)"), "{t}");
    let o = run_in(
        dir.path(),
        &["--strict", "--rules", "a", "--rules", "b", "rules"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run_in(dir.path(), &["--rules", "nosuch", "rules"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("nosuch: error: no such rule pack folder"),
        "{}",
        text(&o)
    );
}

#[test]
fn lexicon_categories_are_open() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("p/lexicons")).unwrap();
    std::fs::write(
        dir.path().join("p/lexicons/house.yaml"),
        "terms:\n  - {id: neutralised, patterns: ['neutrali[sz]ed'], category: euphemism, neutral: killed}\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["--rules", "p", "rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn the_corpus_may_hold_other_files() {
    let dir = initialised();
    let d = dir.path();
    std::fs::write(d.join("NOTES.md"), "# Notes\n\nNot an article.\n").unwrap();
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    std::fs::write(d.join("drafts/half.md"), "---\noutlet: nobody\n---\n").unwrap();
    std::fs::write(d.join(".gitignore"), "drafts/\n").unwrap();
    std::fs::create_dir_all(d.join("scratch")).unwrap();
    std::fs::write(d.join("scratch/x.md"), "---\nbroken\n").unwrap();
    std::fs::write(d.join(".crosscheckignore"), "scratch/\n").unwrap();
    std::fs::write(d.join("old.md"), "---\noutlet: nobody\n---\n").unwrap();
    let config = std::fs::read_to_string(d.join("crosscheck.yaml")).unwrap();
    std::fs::write(
        d.join("crosscheck.yaml"),
        config.replace("exclude: [README.md, imports/**]", "exclude: [old.md]"),
    )
    .unwrap();
    let o = run_in(d, &["check"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("NOTES.md: warning: no front matter"), "{t}");
    for ignored in ["half.md", "x.md", "old.md"] {
        assert!(!t.contains(ignored), "{ignored} should not be read: {t}");
    }
    let o = run_in(d, &["--strict", "check"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("NOTES.md: error: no front matter"),
        "{}",
        text(&o)
    );
}

#[test]
fn a_missing_path_is_said_first() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["check", "nosuch"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).lines().next(),
        Some("error: no such file or folder: nosuch")
    );
}

#[test]
fn config_defaults_apply_and_the_command_line_wins() {
    let dir = initialised();
    let d = dir.path();
    let config = std::fs::read_to_string(d.join("crosscheck.yaml")).unwrap();
    std::fs::write(
        d.join("crosscheck.yaml"),
        config.replace("format: text", "format: json"),
    )
    .unwrap();
    let o = run_in(d, &["check"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with('{'),
        "json from the config: {}",
        text(&o)
    );
    let o = run_in(d, &["check", "--format", "text"]);
    assert!(
        !String::from_utf8_lossy(&o.stdout).starts_with('{'),
        "the command line wins: {}",
        text(&o)
    );
    std::fs::write(
        d.join("crosscheck.yaml"),
        config.replace("format: text", "format: tabel"),
    )
    .unwrap();
    let o = run_in(d, &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("crosscheck.yaml:13:1: error: `format: tabel` is not one of"),
        "{}",
        text(&o)
    );
}

#[test]
fn pages_json_and_csv_are_imported_with_provenance_and_never_overwritten() {
    let dir = initialised();
    let d = dir.path();
    let mut args = vec!["import".to_string()];
    for f in [
        "wire-jsonld.html",
        "daily-opengraph.html",
        "herald-byline-time.html",
        "daily-no-date.html",
        "newsplease.json",
        "trafilatura.jsonl",
    ] {
        args.push(fixture(f));
    }
    args.extend(["--into".into(), "articles".into()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run_in(d, &argv);
    let t = text(&o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "some records are not imported: {t}"
    );
    assert!(
        t.contains("5 written, 0 already there, 2 not imported"),
        "{t}"
    );
    assert!(
        t.contains("daily-no-date.html: no publication date in its metadata; not guessed"),
        "{t}"
    );
    assert!(
        t.contains(
            "  - id: unknown-news\n    name: Unknown News\n    domains: [unknown-news.example]\n"
        ),
        "a ready-to-paste entry: {t}"
    );

    let article = |name: &str| std::fs::read_to_string(d.join("articles").join(name)).unwrap();
    let wire = article("2020-03-10-wire-ceasefire-largely-holds-in-the-north-monitors-say.md");
    assert!(
        wire.contains("published_basis: json-ld datePublished\n"),
        "{wire}"
    );
    assert!(wire.contains("author: Jane Reporter\n"), "{wire}");
    assert!(
        wire.contains("source: wire-jsonld.html\nsource_sha256: "),
        "{wire}"
    );
    assert!(
        wire.contains("dateline: BEIRUT, March 10 (Wire)\n"),
        "{wire}"
    );
    assert!(
        wire.contains("---\nBEIRUT, March 10 (Wire) - A ceasefire"),
        "text keeps it: {wire}"
    );
    for furniture in [
        "Related",
        "Markets fall",
        "First!",
        "All rights reserved",
        "Sport",
    ] {
        assert!(!wire.contains(furniture), "{furniture} in {wire}");
    }
    let daily =
        article("2020-03-11-daily-truce-under-strain-as-shelling-resumes-near-the-front.md");
    assert!(
        daily.contains("published_basis: opengraph article:published_time\n"),
        "{daily}"
    );
    assert!(!daily.contains("Ten recipes"), "{daily}");
    let herald = article("2020-03-12-herald-families-return-to-villages-as-calm-holds.md");
    assert!(
        herald.contains("published_basis: time datetime\n"),
        "{herald}"
    );
    assert!(herald.contains("author: Alex Correspondent\n"), "{herald}");
    assert!(!herald.contains("Comments are closed"), "{herald}");
    let np = article("2020-03-13-wire-talks-end-without-deal-on-patrol-routes.md");
    assert!(
        np.contains("published_basis: news-please date_publish\n"),
        "{np}"
    );

    // The imported corpus checks.
    let o = run_in(d, &["check"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", text(&o));
    assert!(text(&o).contains("6 documents"), "{}", text(&o));

    // Again: nothing is overwritten.
    std::fs::write(
        d.join("articles/2020-03-10-wire-ceasefire-largely-holds-in-the-north-monitors-say.md"),
        wire.replace("Jane Reporter", "Edited By Hand"),
    )
    .unwrap();
    let o = run_in(
        d,
        &["import", &fixture("wire-jsonld.html"), "--into", "articles"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("0 written, 1 already there"),
        "{}",
        text(&o)
    );
    assert!(
        article("2020-03-10-wire-ceasefire-largely-holds-in-the-north-monitors-say.md")
            .contains("Edited By Hand")
    );
    let o = run_in(
        d,
        &[
            "import",
            &fixture("wire-jsonld.html"),
            "--into",
            "articles",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        article("2020-03-10-wire-ceasefire-largely-holds-in-the-north-monitors-say.md")
            .contains("Jane Reporter")
    );
}

#[test]
fn csv_columns_are_read_by_their_usual_names_or_mapped() {
    let dir = initialised();
    let d = dir.path();
    let o = run_in(d, &["import", &fixture("export.csv"), "--into", "articles"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains("1 written, 0 already there, 1 not imported"),
        "{t}"
    );
    assert!(
        t.contains("export.csv (line 5): no publication date"),
        "{t}"
    );
    let a =
        std::fs::read_to_string(d.join("articles/2020-03-16-daily-markets-calm-as-truce-holds.md"))
            .unwrap();
    assert!(a.contains("published_basis: csv column Date\n"), "{a}");
    assert!(a.contains("source: export.csv (line 2)\n"), "{a}");
    assert!(
        a.contains("Traders said markets were calm on Monday.\n\nPrices"),
        "{a}"
    );

    let odd = fixture("export-columns.csv");
    let o = run_in(d, &["import", &odd, "--into", "articles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("export-columns.csv:1:1: error: no text column"),
        "{}",
        text(&o)
    );
    let o = run_in(
        d,
        &[
            "import",
            &odd,
            "--into",
            "articles",
            "--columns",
            "text=story_body,published=issued,url=story_link,title=story_head",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        d.join("articles/2020-03-17-herald-schools-reopen-in-the-valley.md")
            .is_file()
    );
    let o = run_in(
        d,
        &[
            "import",
            &odd,
            "--into",
            "articles",
            "--columns",
            "text=Nope",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("--columns text=Nope: no column `Nope`"),
        "{}",
        text(&o)
    );
}

#[test]
fn suggested_gazetteer_entries_load_as_a_pack_and_make_claims() {
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
        "---\noutlet: wire\npublished: 2021-05-04\n---\nThe Vell Brigade said on Monday it had taken Marrow. Fighting went on near Marrow.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.md"),
        "---\noutlet: daily\npublished: 2021-05-04\n---\nThe town of Marrow is still held by the army, Vell Brigade fighters admitted. Fighting spread east, and the fighting reached the hills.\n",
    )
    .unwrap();
    // With no pack the names make no control claim.
    let before = run_in(dir.path(), &["claims", "--format", "jsonl", "corpus"]);
    assert!(!text(&before).contains("\"control\""), "{}", text(&before));

    let o = run_in(dir.path(), &["suggest", "corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let yaml = String::from_utf8(o.stdout).unwrap();
    assert!(
        yaml.contains("{id: marrow, name: Marrow, kind: town}"),
        "{yaml}"
    );
    assert!(
        yaml.contains("{id: vell-brigade, name: Vell Brigade}"),
        "{yaml}"
    );
    // "Fighting" starts a sentence and is written in lower case elsewhere: not a name.
    assert!(!yaml.to_lowercase().contains("fighting"), "{yaml}");

    let pack = dir.path().join("pack/gazetteer");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(pack.join("names.yaml"), &yaml).unwrap();
    let after = run_in(
        dir.path(),
        &["--rules", "pack", "claims", "--format", "jsonl", "corpus"],
    );
    assert_eq!(after.status.code(), Some(0), "{}", text(&after));
    assert!(
        text(&after).contains("\"place\":\"marrow\""),
        "{}",
        text(&after)
    );
    // Known now, the names are suggested no more.
    let again = run_in(dir.path(), &["--rules", "pack", "suggest", "corpus"]);
    assert!(!text(&again).contains("marrow"), "{}", text(&again));
}
