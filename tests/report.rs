//! The HTML report: self-contained, escaped, and working in a real browser (headless
//! Chromium). Browser tests are skipped on a machine without Chromium, except in CI
//! (`CI` set), where `.ci/run` installs it and a missing browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `crosscheck report ARGS -o DIR/report.html`, run from the project root; the page's text.
fn report(dir: &Path, args: &[&str]) -> (PathBuf, String) {
    let page = dir.join("report.html");
    let out = Command::new(BIN)
        .arg("report")
        .args(args)
        .arg("--output")
        .arg(&page)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&page).unwrap();
    (page, text)
}

/// The findings `check --format json` gives for the same input.
fn findings(args: &[&str]) -> Vec<serde_json::Value> {
    let out = Command::new(BIN)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CROSSCHECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| dirs.iter().map(move |d| d.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium for the browser tests (.ci/run installs it)"
        );
        eprintln!("skipped: no Chromium on this machine");
    }
    found
}

/// The page's DOM after its scripts ran, as headless Chromium serialises it.
fn dom(browser: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `<body ...>` start tag, where the page's script records that it ran (and any error).
fn body_tag(dom: &str) -> &str {
    let start = dom.find("<body").expect("a body");
    &dom[start..start + dom[start..].find('>').expect("a closed tag")]
}

#[test]
fn the_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), &[]);
    assert!(html.starts_with("<!doctype html>"));
    for external in ["src=\"http", "href=\"http", "@import", "url(", "<link"] {
        assert!(!html.contains(external), "the page loads {external}");
    }
    assert_eq!(html.matches("<script").count(), 1, "one inline script");
    assert!(
        html.contains("default-src 'none'"),
        "a CSP forbids the network"
    );
}

#[test]
fn the_bundled_page_shows_the_moscow_conflict_on_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), &[]);
    let fs = findings(&[]);
    assert_eq!(html.matches("<tr id=\"f").count(), fs.len());
    // The one error of the bundled corpus is a link between two outlets' claims.
    assert_eq!(html.matches(r#"<g class="link error""#).count(), 1);
    assert!(html.contains("moscow-protocol-2020"));
    // Status marks for each status claim, shaped and labelled, and the audit's outlets.
    assert!(html.matches(r#"class="mark st st"#).count() >= 8);
    for outlet in ["South Front", "Voice of America", "Al-Shahid Witness"] {
        assert!(
            html.contains(&format!(">{outlet}</text>")),
            "no timeline row for {outlet}"
        );
    }
    assert!(html.contains(r#"id="audit-table""#));
    assert!(html.contains(r#"id="counts""#));
}

#[test]
fn charts_name_their_series_and_put_the_rule_packs_first_measures_first() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), &[]);
    let captions: Vec<&str> = html
        .split("<figcaption>")
        .skip(1)
        .map(|c| &c[..c.find('<').unwrap()])
        .collect();
    // Series follow the order of the count frames (killed before displaced before
    // violations), and the subjects the numeric rule treats as one are one series.
    let at = |prefix: &str| {
        captions
            .iter()
            .position(|c| c.starts_with(prefix))
            .unwrap_or_else(|| panic!("no chart {prefix}: {captions:?}"))
    };
    assert!(
        at("killed:") < at("displaced: civilians, families, people")
            && at("displaced: civilians, families, people") < at("violations:"),
        "{captions:?}"
    );
    // Names, not ids, in legends: no underscores or hyphenated ids.
    for c in &captions {
        assert!(!c.contains('_'), "{c}");
    }
    // Every dated axis over more than one day has more than one label; one over a single
    // day names it.
    for chart in html.split(r#"<svg class="chart""#).skip(1) {
        let chart = &chart[..chart.find("</svg>").unwrap()];
        let dates = chart
            .matches(r#"<text class="tick" x="#)
            .count()
            .saturating_sub(chart.matches(r#"text-anchor="end""#).count());
        let mut xs: Vec<&str> = chart
            .split(r#"<line x1=""#)
            .skip(1)
            .map(|m| &m[..m.find('"').unwrap()])
            .collect();
        xs.sort();
        xs.dedup();
        if xs.len() > 1 {
            assert!(dates >= 2, "one date label in {chart}");
        } else {
            assert!(dates >= 1, "no date label in {chart}");
        }
    }
}

#[test]
fn printing_keeps_rows_and_headings_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), &[]);
    let print = &html[html.find("@media print").unwrap()..];
    assert!(print.contains("tr,figure,li,dl,svg{break-inside:avoid"));
    assert!(print.contains("h2,h3,figcaption,thead{break-after:avoid"));
    // Rows a filter leaves out stay out of print; rows on other pages print.
    assert!(print.contains("tr[hidden]:not([data-out]){display:table-row}"));
}

#[test]
fn report_is_check_format_html() {
    let dir = tempfile::tempdir().unwrap();
    let (_, page) = report(dir.path(), &[]);
    let out = Command::new(BIN)
        .args(["check", "--format", "html"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "check keeps its exit code");
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("class=\"cmd\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&String::from_utf8(out.stdout).unwrap()), strip(&page));
}

#[test]
fn a_report_from_claims_files_is_the_report_from_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.jsonl");
    let out = Command::new(BIN)
        .args(["claims", "--format", "jsonl"])
        .current_dir(root())
        .output()
        .unwrap();
    std::fs::write(&claims, out.stdout).unwrap();
    let (_, from_articles) = report(dir.path(), &["-q"]);
    let (_, from_claims) = report(
        dir.path(),
        &[
            "-q",
            "--outlets",
            "corpus/outlets.yaml",
            "--claims",
            claims.to_str().unwrap(),
        ],
    );
    // The command line differs; the rest of the page does not.
    let body = |s: &str| s[s.find("<section").unwrap()..].to_string();
    assert_eq!(body(&from_claims), body(&from_articles));
}

#[test]
fn the_page_is_byte_identical_over_two_runs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let pa = report(a.path(), &["-q"]).1;
    let pb = report(b.path(), &["-q"]).1;
    // The command line names the output file; everything else must match.
    let strip = |s: &str| {
        s.replace(&a.path().display().to_string(), "")
            .replace(&b.path().display().to_string(), "")
    };
    assert_eq!(strip(&pa), strip(&pb));
}

#[test]
fn article_text_and_outlet_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), &["tests/fixtures/hostile-html"]);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    for raw in [
        "<img",
        "<svg onload",
        "<b onmouseover",
        "</style></script>",
        "<a href",
    ] {
        assert!(!html.contains(raw), "{raw} reached the page unescaped");
    }
    assert!(html.contains("Evil &lt;script&gt;document.body.setAttribute"));
    assert!(
        html.contains("&lt;img src=x onerror="),
        "the claim's words are shown as text"
    );
}

#[test]
fn in_a_browser_hostile_text_stays_text() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, _) = report(dir.path(), &["tests/fixtures/hostile-html"]);
    let dom = dom(&browser, &page);
    let body = body_tag(&dom);
    assert!(body.contains(r#"data-ready="1""#), "the page's script ran");
    assert!(!body.contains("data-pwned"), "injected script ran: {body}");
    assert!(!body.contains("data-script-error"), "{body}");
    assert!(
        dom.contains("Evil &lt;script&gt;"),
        "the name is shown as text"
    );
}

#[test]
fn in_a_browser_the_bundled_page_has_its_timeline_tables_and_rows() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, _) = report(dir.path(), &[]);
    let dom = dom(&browser, &page);
    let body = body_tag(&dom);
    assert!(body.contains(r#"data-ready="1""#), "the page's script ran");
    assert!(
        !body.contains("data-script-error"),
        "a script error: {body}"
    );
    let n = findings(&[]).len();
    assert!(dom.contains(r#"<svg class="tl""#));
    assert_eq!(dom.matches("<tr id=\"f").count(), n);
    // Written by the script: the filter's count, so the tables were wired up. Info findings
    // are behind the toggle at first.
    let info = findings(&[])
        .iter()
        .filter(|f| f["severity"] == "info")
        .count();
    assert!(info > 0);
    assert!(
        dom.contains(&format!("{} of {n} findings", n - info)),
        "the filter count is missing"
    );
    assert!(dom.contains(&format!("Show info findings ({info})")));
    assert!(dom.contains(r#"id="audit-table""#));
}

/// The outlet filter keeps every finding an outlet is on: a row of several outlets (the
/// bundled error, two outlets against one) once vanished under each of them, as their
/// separator did not survive escaping.
#[test]
fn in_a_browser_the_outlet_filter_keeps_rows_of_several_outlets() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, html) = report(dir.path(), &[]);
    // A second script (the page's policy allows inline ones) picks each outlet in turn and
    // records how many error rows stay visible.
    let probe = r##"<script>(function(){var sel=document.getElementById("f-outlet"),out=[];
Array.prototype.forEach.call(sel.options,function(o){if(!o.value){return;}sel.value=o.value;
sel.dispatchEvent(new Event("input"));var n=0;Array.prototype.forEach.call(document.querySelectorAll("#findings-table tbody tr"),
function(r){if(!r.hidden&&r.getAttribute("data-sev")==="error"){n++;}});out.push(o.value+"="+n);});
document.body.setAttribute("data-filtered",out.join(";"));})();</script></body>"##;
    std::fs::write(&page, html.replace("</body>", probe)).unwrap();
    let dom = dom(&browser, &page);
    let body = body_tag(&dom);
    assert!(!body.contains("data-script-error"), "{body}");
    let errors = findings(&[]);
    let error = errors
        .iter()
        .find(|f| f["severity"] == "error")
        .expect("the bundled error");
    let mut names: Vec<String> = Vec::new();
    for side in error["sides"].as_array().unwrap() {
        for e in side["evidence"].as_array().unwrap() {
            names.push(e["outlet_name"].as_str().unwrap_or_default().to_string());
        }
    }
    names.sort();
    names.dedup();
    assert!(names.len() >= 2, "{names:?}");
    for name in names {
        assert!(
            body.contains(&format!("{name}=1")),
            "the error row is hidden when filtering by {name}: {body}"
        );
    }
}
