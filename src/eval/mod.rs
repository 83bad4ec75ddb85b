//! Scoring extraction and conflicts against a hand-written gold file (`crosscheck eval`).
//!
//! Gold words are found in each article's original file and compared with where the claims,
//! time expressions and findings stand in that file (line and column), so the scorer needs
//! nothing from the pipeline but what `check` already reports.

pub mod gold;

use crate::annotate;
use crate::check::Analyzed;
use crate::claims::{ClaimKind, Located};
use crate::corpus::Document;
use crate::diagnostic::Diagnostic;
use crate::findings::Finding;
use crate::rules::{RuleSet, Severity};
use gold::{Flag, GoldArticle, GoldFile, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The claim kinds scored, in report order.
pub const KINDS: [&str; 5] = ["dates", "counts", "control", "status", "terms"];

/// A place in an original file: 1-based line and column, start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    fn of(l: &Located) -> Span {
        Span {
            start: Pos {
                line: l.line,
                column: l.column,
            },
            end: Pos {
                line: l.end_line,
                column: l.end_column,
            },
        }
    }

    fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What the pipeline found in one article, kept for scoring once the document is dropped.
pub struct ArticleRun {
    /// The file name without `.md`: the key of the gold file's `articles`.
    pub key: String,
    pub path: PathBuf,
    pub times: Vec<(Located, crate::calendar::DayRange)>,
    /// The gold entries' places, by kind and index; `None` where the words are not found.
    pub gold_spans: BTreeMap<&'static str, Vec<Option<Span>>>,
    /// Where the words of `ignore` stand, by kind.
    pub ignored: BTreeMap<&'static str, Vec<Span>>,
    /// Where each conflict side that names this article stands.
    pub conflict_spans: Vec<(usize, char, Option<Span>)>,
}

impl ArticleRun {
    /// Whether an extraction at `span` is scored neither way: it overlaps words the gold file
    /// says not to score, and no gold entry of its kind.
    fn is_ignored(&self, kind: &str, span: &Span) -> bool {
        let ignored = self.ignored.get(kind).into_iter().flatten();
        let mut gold = self.gold_spans.get(kind).into_iter().flatten().flatten();
        ignored.into_iter().any(|i| i.overlaps(span)) && !gold.any(|g| g.overlaps(span))
    }
}

/// The article key of a document: its file name without the extension.
pub fn article_key(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Analyse one document and locate its gold words before the document is dropped.
pub fn run_article(doc: Document, rules: &RuleSet, gold: &GoldFile) -> (ArticleRun, Analyzed) {
    let key = article_key(doc.path());
    let ann = annotate::annotate(&doc, &rules.gazetteer);
    // An ordinal day of a named thing ("Day 1 of the truce") is dated by the gazetteer, not
    // by its words: the gold conventions leave such anaphoric days unlabelled.
    let times = ann
        .times
        .iter()
        .filter(|t| !ann.thing_days.contains(&t.span))
        .map(|t| (doc.locate(t.span.clone()), t.range))
        .collect();
    let mut gold_spans = BTreeMap::new();
    let mut ignored = BTreeMap::new();
    if let Some(a) = gold.articles.get(&key) {
        for kind in KINDS {
            let spans = a.ignore.of(kind).iter().flat_map(|w| find_all(&doc, w));
            ignored.insert(kind, spans.collect());
        }
        for kind in KINDS {
            let spans = entry_words(a, kind)
                .into_iter()
                .map(|(t, c, n)| find_words(&doc, t, c, n))
                .collect();
            gold_spans.insert(kind, spans);
        }
    }
    let mut conflict_spans = Vec::new();
    for (i, c) in gold.conflicts.iter().enumerate() {
        for (side, s) in [('a', &c.a), ('b', &c.b)] {
            if s.article == key {
                conflict_spans.push((
                    i,
                    side,
                    find_words(&doc, &s.text, s.context.as_deref(), s.occurrence),
                ));
            }
        }
    }
    let path = doc.path().to_path_buf();
    let analyzed = crate::check::analyse(doc, rules);
    let run = ArticleRun {
        key,
        path,
        times,
        gold_spans,
        ignored,
        conflict_spans,
    };
    (run, analyzed)
}

/// A gold entry's words: text, context, occurrence.
type Words<'a> = (&'a str, Option<&'a str>, Option<usize>);

/// The words of each gold entry of one kind, in order.
fn entry_words<'a>(a: &'a GoldArticle, kind: &str) -> Vec<Words<'a>> {
    fn w<'a>(t: &'a str, c: &'a Option<String>, n: Option<usize>) -> Words<'a> {
        (t, c.as_deref(), n)
    }
    match kind {
        "dates" => a
            .dates
            .iter()
            .map(|d| w(&d.text, &d.context, d.occurrence))
            .collect(),
        "counts" => a
            .counts
            .iter()
            .map(|d| w(&d.text, &d.context, d.occurrence))
            .collect(),
        "control" => a
            .control
            .iter()
            .map(|d| w(&d.text, &d.context, d.occurrence))
            .collect(),
        "status" => a
            .status
            .iter()
            .map(|d| w(&d.text, &d.context, d.occurrence))
            .collect(),
        _ => a
            .terms
            .iter()
            .map(|d| w(&d.text, &d.context, d.occurrence))
            .collect(),
    }
}

/// Where the body of a Markdown article begins: after its front matter.
fn body_start(source: &str) -> usize {
    let Some(rest) = source.strip_prefix("---") else {
        return 0;
    };
    let mut offset = 3;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if offset > 3 + line.len() && line.trim_end() == "---" {
            return offset;
        }
    }
    0
}

/// Find `text` in the body, inside `context` when given: its `occurrence`-th place (from 1),
/// or its only place; `None` when it is not there or not unique.
fn find_words(
    doc: &Document,
    text: &str,
    context: Option<&str>,
    occurrence: Option<usize>,
) -> Option<Span> {
    let source = doc.source();
    let start = body_start(source);
    let body = &source[start..];
    let (outer, inner) = match context {
        Some(c) => (c, c.find(text)?),
        None => (text, 0),
    };
    let hits: Vec<usize> = body.match_indices(outer).map(|(i, _)| i).collect();
    let at = match occurrence {
        Some(n) => *hits.get(n.checked_sub(1)?)?,
        None if hits.len() == 1 => hits[0],
        None => return None,
    };
    let from = start + at + inner;
    Some(span_at(doc, from, from + text.len()))
}

/// Every place of `words` in the body (for `ignore`).
fn find_all(doc: &Document, words: &str) -> Vec<Span> {
    let source = doc.source();
    let start = body_start(source);
    source[start..]
        .match_indices(words)
        .map(|(i, _)| span_at(doc, start + i, start + i + words.len()))
        .collect()
}

fn span_at(doc: &Document, from: usize, to: usize) -> Span {
    let (line, column) = doc.line_col(from);
    let (end_line, end_column) = doc.line_col(to);
    Span {
        start: Pos { line, column },
        end: Pos {
            line: end_line,
            column: end_column,
        },
    }
}

/// Recall and precision of one claim kind.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct KindScore {
    /// Gold entries.
    pub gold: usize,
    /// Claims (or time expressions) crosscheck made.
    pub found: usize,
    /// Gold entries matched in full.
    pub matched: usize,
    /// Gold entries overlapped by a claim that got some attribute wrong.
    pub partial: usize,
}

impl KindScore {
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.matched as f64 / self.gold as f64)
    }
    pub fn precision(&self) -> Option<f64> {
        (self.found > 0).then(|| self.matched as f64 / self.found as f64)
    }
}

/// A gold entry no claim matched, or a claim no gold entry matched.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    pub kind: &'static str,
    pub article: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub words: String,
    /// What the gold says (for a miss) or what crosscheck said (for a spurious claim).
    pub expected: String,
    /// The overlapping claim that got it wrong, if any (for a miss).
    pub got: Option<String>,
}

/// How crosscheck flagged one labelled conflict.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConflictResult {
    pub id: String,
    pub kind: String,
    pub verdict: Verdict,
    pub expected: Flag,
    pub flagged: Flag,
    /// The rule of the strongest finding that covered both sides.
    pub rule: Option<String>,
    pub reason: Option<String>,
}

/// A finding at warning or above that covers no labelled conflict.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Unlabelled {
    pub rule: String,
    pub severity: Severity,
    pub key: String,
    pub message: String,
    pub at: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Report {
    pub story: Option<String>,
    pub articles: usize,
    pub kinds: BTreeMap<&'static str, KindScore>,
    /// Counts whose value alone matched (qualifier and measure aside).
    pub counts_value: KindScore,
    pub misses: Vec<Item>,
    pub spurious: Vec<Item>,
    pub conflicts: Vec<ConflictResult>,
    pub unlabelled: Vec<Unlabelled>,
    /// Problems with the gold file itself (words not found, articles missing).
    pub problems: Vec<String>,
}

/// What a claim says, for matching and for the report.
struct Said<'a> {
    span: Span,
    kind: &'static str,
    words: &'a str,
    claim: &'a ClaimKind,
}

fn describe(c: &ClaimKind) -> String {
    match c {
        ClaimKind::Count {
            measure,
            subject,
            value,
            qualifier,
            ..
        } => format!(
            "{measure} {subject} {} {}",
            serde_json::to_value(qualifier)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            value
        ),
        ClaimKind::Control {
            place,
            place_text,
            controller,
            change,
            ..
        } => format!(
            "{} {:?} {}",
            controller,
            change,
            place.clone().unwrap_or_else(|| format!("?{place_text}"))
        )
        .to_lowercase(),
        ClaimKind::Status { subject, status } => format!("{subject} {status}"),
        ClaimKind::EventDate { thing, event, .. } => format!("{thing} {event}"),
        ClaimKind::Term {
            thing,
            term,
            value,
            unit,
            per_side,
        } => format!(
            "{thing} {term} {value}{unit}{}",
            if *per_side { " per side" } else { "" }
        ),
    }
}

fn qualifier_name(q: &crate::annotate::Qualifier) -> String {
    serde_json::to_value(q)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn change_name(c: &crate::rules::frames::Change) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The camp of an actor for comparing controllers: its `side` if the gazetteer gives one,
/// else the top of its `part_of` chain.
fn side_of(rules: &RuleSet, actor: &str) -> String {
    rules.gazetteer.side_of(actor)
}

/// 2: every attribute agrees; 1: overlapping but something differs.
fn grade(rules: &RuleSet, g: &GoldArticle, kind: &str, i: usize, c: &ClaimKind) -> u8 {
    let full = match (kind, c) {
        (
            "counts",
            ClaimKind::Count {
                value,
                qualifier,
                measure,
                ..
            },
        ) => {
            let e = &g.counts[i];
            same_number(*value, e.value)
                && qualifier_name(qualifier) == e.qualifier
                && *measure == e.measure
        }
        (
            "control",
            ClaimKind::Control {
                place,
                controller,
                change,
                ..
            },
        ) => {
            let e = &g.control[i];
            e.place.as_ref().is_none_or(|p| place.as_ref() == Some(p))
                && side_of(rules, controller) == side_of(rules, &e.controller)
                && change_name(change) == e.change
        }
        ("status", ClaimKind::Status { subject, status }) => {
            let e = &g.status[i];
            *subject == e.agreement && *status == e.status
        }
        // A term matches when its agreement, its figure (in the gold's unit, converted) and
        // per side agree; the gold's term names are the story's own, so they are not compared.
        (
            "terms",
            ClaimKind::Term {
                thing,
                value,
                unit,
                per_side,
                ..
            },
        ) => {
            let e = &g.terms[i];
            let factor = match (unit.as_str(), e.unit.as_deref()) {
                ("hours", Some("days")) => Some(24.0),
                ("hours", Some("weeks")) => Some(168.0),
                ("hours", Some("hours")) | ("km", Some("km")) => Some(1.0),
                ("km", Some("miles")) => Some(1.609_344),
                _ => None,
            };
            *thing == e.agreement
                && *per_side == e.per_side
                && e.value
                    .zip(factor)
                    .is_some_and(|(v, f)| (value - v * f).abs() <= 0.01 * (v * f).abs().max(1.0))
        }
        _ => false,
    };
    if full { 2 } else { 1 }
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn kind_of(c: &ClaimKind) -> Option<&'static str> {
    match c {
        ClaimKind::Count { .. } => Some("counts"),
        ClaimKind::Control { .. } => Some("control"),
        ClaimKind::Status { .. } => Some("status"),
        ClaimKind::EventDate { .. } => None,
        ClaimKind::Term { .. } => Some("terms"),
    }
}

fn gold_description(g: &GoldArticle, kind: &str, i: usize) -> String {
    match kind {
        "dates" => format!("{} .. {}", g.dates[i].from, g.dates[i].to),
        "counts" => {
            let e = &g.counts[i];
            format!(
                "{} {} {} {}",
                e.measure,
                e.subject.as_deref().unwrap_or("?"),
                e.qualifier,
                e.value
            )
        }
        "control" => {
            let e = &g.control[i];
            format!(
                "{} {} {}",
                e.controller,
                e.change,
                e.place.as_deref().unwrap_or("(any place)")
            )
        }
        "status" => format!("{} {}", g.status[i].agreement, g.status[i].status),
        _ => {
            let e = &g.terms[i];
            format!(
                "{} {} {}{}",
                e.agreement,
                e.term,
                e.value.map(|v| v.to_string()).unwrap_or_default(),
                e.unit.as_deref().unwrap_or("")
            )
        }
    }
}

fn gold_text<'a>(g: &'a GoldArticle, kind: &str, i: usize) -> &'a str {
    entry_words(g, kind)[i].0
}

fn gold_len(g: &GoldArticle, kind: &str) -> usize {
    entry_words(g, kind).len()
}

/// Score every article and the labelled conflicts.
pub fn score(
    gold: &GoldFile,
    runs: &[ArticleRun],
    analyzed: &[Analyzed],
    findings: &[Finding],
    rules: &RuleSet,
) -> Report {
    let mut report = Report {
        story: gold.story.clone(),
        articles: 0,
        ..Report::default()
    };
    for k in KINDS {
        report.kinds.insert(k, KindScore::default());
    }
    let by_key: BTreeMap<&str, &ArticleRun> = runs.iter().map(|r| (r.key.as_str(), r)).collect();
    for key in gold.articles.keys() {
        if !by_key.contains_key(key.as_str()) {
            report.problems.push(format!(
                "gold article `{key}` is not among the articles read"
            ));
        }
    }
    for (run, analyzed) in runs.iter().zip(analyzed) {
        let Some(g) = gold.articles.get(&run.key) else {
            continue;
        };
        report.articles += 1;
        score_article(&mut report, g, run, analyzed, rules);
    }
    score_conflicts(&mut report, gold, runs, findings);
    report
}

fn score_article(
    report: &mut Report,
    g: &GoldArticle,
    run: &ArticleRun,
    analyzed: &Analyzed,
    rules: &RuleSet,
) {
    let path = crate::diagnostic::display_path(&run.path);
    let spans = |kind: &str| run.gold_spans.get(kind).cloned().unwrap_or_default();
    for kind in KINDS {
        let n = gold_len(g, kind);
        let gs = spans(kind);
        for (i, s) in gs.iter().enumerate() {
            if s.is_none() {
                report.problems.push(format!(
                    "{path}: {kind}[{i}]: the words {:?} are not found once in the article (add or fix `context`)",
                    gold_text(g, kind, i)
                ));
            }
        }
        let said: Vec<Said> = match kind {
            "dates" => Vec::new(),
            _ => analyzed
                .claims
                .iter()
                .zip(&analyzed.at)
                // A conditional ("if the truce is violated") is not an assertion.
                .filter(|(c, at)| {
                    kind_of(&c.kind) == Some(kind)
                        && !c.modality.conditional
                        && !run.is_ignored(kind, &Span::of(at))
                })
                .map(|(c, at)| Said {
                    span: Span::of(at),
                    kind,
                    words: &at.text,
                    claim: &c.kind,
                })
                .collect(),
        };
        let score = report.kinds.get_mut(kind).expect("every kind is present");
        score.gold += n;
        if kind == "dates" {
            score_dates(report, g, run, &gs, &path);
            continue;
        }
        score.found += said.len();
        // Candidate pairs, best first: full matches before partial ones, then by position.
        let mut pairs: Vec<(u8, usize, usize)> = Vec::new();
        for (i, s) in gs.iter().enumerate() {
            let Some(s) = s else { continue };
            for (j, c) in said.iter().enumerate() {
                if c.span.overlaps(s) {
                    pairs.push((grade(rules, g, kind, i, c.claim), i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut gold_taken: Vec<Option<(u8, usize)>> = vec![None; n];
        let mut claim_taken = vec![false; said.len()];
        for (grade, i, j) in pairs {
            if gold_taken[i].is_some() || claim_taken[j] {
                continue;
            }
            gold_taken[i] = Some((grade, j));
            claim_taken[j] = true;
        }
        let score = report.kinds.get_mut(kind).expect("every kind is present");
        for t in gold_taken.iter().flatten() {
            if t.0 == 2 {
                score.matched += 1;
            } else {
                score.partial += 1;
            }
        }
        if kind == "counts" {
            report.counts_value.gold += n;
            report.counts_value.found += said.len();
            for (i, t) in gold_taken.iter().enumerate() {
                if let Some((_, j)) = t
                    && let ClaimKind::Count { value, .. } = *said[*j].claim
                    && same_number(value, g.counts[i].value)
                {
                    report.counts_value.matched += 1;
                }
            }
        }
        for (i, t) in gold_taken.iter().enumerate() {
            if matches!(t, Some((2, _))) {
                continue;
            }
            let at = gs[i].map(|s| s.start).unwrap_or(Pos { line: 0, column: 0 });
            report.misses.push(Item {
                kind,
                article: run.key.clone(),
                path: path.clone(),
                line: at.line,
                column: at.column,
                words: gold_text(g, kind, i).to_string(),
                expected: gold_description(g, kind, i),
                got: t.map(|(_, j)| describe(said[j].claim)),
            });
        }
        for (j, c) in said.iter().enumerate() {
            let full = gold_taken.contains(&Some((2, j)));
            if full {
                continue;
            }
            report.spurious.push(Item {
                kind: c.kind,
                article: run.key.clone(),
                path: path.clone(),
                line: c.span.start.line,
                column: c.span.start.column,
                words: c.words.to_string(),
                expected: describe(c.claim),
                got: None,
            });
        }
    }
}

fn score_dates(
    report: &mut Report,
    g: &GoldArticle,
    run: &ArticleRun,
    gs: &[Option<Span>],
    path: &str,
) {
    let n = g.dates.len();
    let times: Vec<_> = run
        .times
        .iter()
        .filter(|(l, _)| !run.is_ignored("dates", &Span::of(l)))
        .collect();
    let found: Vec<Span> = times.iter().map(|(l, _)| Span::of(l)).collect();
    let score = report
        .kinds
        .get_mut("dates")
        .expect("every kind is present");
    score.found += found.len();
    let mut claim_taken = vec![false; found.len()];
    let mut gold_taken: Vec<Option<(bool, usize)>> = vec![None; n];
    for (i, s) in gs.iter().enumerate() {
        let Some(s) = s else { continue };
        let (Ok(from), Ok(to)) = (
            g.dates[i].from.parse::<jiff::civil::Date>(),
            g.dates[i].to.parse::<jiff::civil::Date>(),
        ) else {
            report
                .problems
                .push(format!("{path}: dates[{i}]: from/to are not YYYY-MM-DD"));
            continue;
        };
        let candidates: Vec<usize> = (0..found.len())
            .filter(|j| !claim_taken[*j] && found[*j].overlaps(s))
            .collect();
        let right = candidates.iter().copied().find(|j| {
            let r = times[*j].1;
            from <= r.from && r.from <= to
        });
        if let Some(j) = right.or(candidates.first().copied()) {
            claim_taken[j] = true;
            gold_taken[i] = Some((right.is_some(), j));
        }
    }
    let score = report
        .kinds
        .get_mut("dates")
        .expect("every kind is present");
    for t in gold_taken.iter().flatten() {
        if t.0 {
            score.matched += 1;
        } else {
            score.partial += 1;
        }
    }
    for (i, t) in gold_taken.iter().enumerate() {
        if matches!(t, Some((true, _))) {
            continue;
        }
        let at = gs[i].map(|s| s.start).unwrap_or(Pos { line: 0, column: 0 });
        report.misses.push(Item {
            kind: "dates",
            article: run.key.clone(),
            path: path.to_string(),
            line: at.line,
            column: at.column,
            words: g.dates[i].text.clone(),
            expected: gold_description(g, "dates", i),
            got: t.map(|(_, j)| format!("{} .. {}", times[j].1.from, times[j].1.to)),
        });
    }
    for (j, (l, r)) in times.iter().enumerate() {
        if gold_taken.contains(&Some((true, j))) {
            continue;
        }
        report.spurious.push(Item {
            kind: "dates",
            article: run.key.clone(),
            path: path.to_string(),
            line: l.line,
            column: l.column,
            words: l.text.clone(),
            expected: format!("{} .. {}", r.from, r.to),
            got: None,
        });
    }
}

fn flag_of(s: Severity) -> Flag {
    match s {
        Severity::Error => Flag::High,
        Severity::Warning => Flag::Medium,
        Severity::Info => Flag::Low,
        Severity::Off => Flag::None,
    }
}

fn score_conflicts(
    report: &mut Report,
    gold: &GoldFile,
    runs: &[ArticleRun],
    findings: &[Finding],
) {
    // Where each conflict's sides stand, by article key.
    let mut sides: Vec<[Option<(String, Span)>; 2]> = vec![[None, None]; gold.conflicts.len()];
    for run in runs {
        for (i, side, span) in &run.conflict_spans {
            let slot = if *side == 'a' { 0 } else { 1 };
            match span {
                Some(s) => sides[*i][slot] = Some((run.key.clone(), *s)),
                None => report.problems.push(format!(
                    "conflict {}: side {side}: the words are not found once in `{}`",
                    gold.conflicts[*i].id, run.key
                )),
            }
        }
    }
    let covers = |f: &Finding, key: &str, span: &Span| -> Vec<usize> {
        f.sides
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.evidence.iter().any(|e| {
                    article_key(Path::new(&e.article)) == key
                        && Span {
                            start: Pos {
                                line: e.line,
                                column: e.column,
                            },
                            end: Pos {
                                line: e.end_line,
                                column: e.end_column,
                            },
                        }
                        .overlaps(span)
                })
            })
            .map(|(i, _)| i)
            .collect()
    };
    let mut labelled = vec![false; findings.len()];
    for (i, c) in gold.conflicts.iter().enumerate() {
        let mut best: Option<(Severity, &str)> = None;
        if let [Some((ka, sa)), Some((kb, sb))] = &sides[i] {
            for (fi, f) in findings.iter().enumerate() {
                let a = covers(f, ka, sa);
                let b = covers(f, kb, sb);
                let apart = a.iter().any(|x| b.iter().any(|y| x != y));
                if !apart {
                    continue;
                }
                labelled[fi] = true;
                if best.is_none_or(|(s, _)| f.severity > s) {
                    best = Some((f.severity, f.rule.as_str()));
                }
            }
        } else {
            for (slot, s) in [(0, &c.a), (1, &c.b)] {
                if sides[i][slot].is_none() && !runs.iter().any(|r| r.key == s.article) {
                    report.problems.push(format!(
                        "conflict {}: article `{}` is not among the articles read",
                        c.id, s.article
                    ));
                }
            }
        }
        report.conflicts.push(ConflictResult {
            id: c.id.clone(),
            kind: c.kind.clone(),
            verdict: c.verdict,
            expected: c.flag,
            flagged: best.map(|(s, _)| flag_of(s)).unwrap_or(Flag::None),
            rule: best.map(|(_, r)| r.to_string()),
            reason: c.reason.clone(),
        });
    }
    let keys: std::collections::BTreeSet<&str> = runs
        .iter()
        .filter(|r| gold.articles.contains_key(&r.key))
        .map(|r| r.key.as_str())
        .collect();
    for (fi, f) in findings.iter().enumerate() {
        // Wording findings rate an outlet; they are the audit's, not conflicts a label covers.
        if labelled[fi]
            || f.severity < Severity::Warning
            || !crate::rules::conflict::Check::compares_claims(f.check)
        {
            continue;
        }
        let at: Vec<String> = f
            .sides
            .iter()
            .flat_map(|s| &s.evidence)
            .map(|e| format!("{}:{}:{}", e.doc, e.line, e.column))
            .collect();
        let scored = f
            .sides
            .iter()
            .flat_map(|s| &s.evidence)
            .any(|e| keys.contains(article_key(Path::new(&e.article)).as_str()));
        if scored {
            report.unlabelled.push(Unlabelled {
                rule: f.rule.clone(),
                severity: f.severity,
                key: f.key.clone(),
                message: f.message.clone(),
                at,
            });
        }
    }
}

/// A gold file's problems as diagnostics, for `--strict`.
pub fn problems_as_errors(path: &Path, report: &Report) -> Vec<Diagnostic> {
    report
        .problems
        .iter()
        .map(|p| Diagnostic::error(path, p.clone()))
        .collect()
}
