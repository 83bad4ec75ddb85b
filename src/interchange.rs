//! Claims as an interchange format: `crosscheck claims --format jsonl` writes, per article,
//! a `document` record, its claim records and its `term` records (loaded wording);
//! `crosscheck check --claims FILE...` reads them back and compares them as if it had read
//! the articles. Extraction can then run as a map step on any number of machines, over
//! shards of a corpus, and the comparison on the merged files.
//!
//! A document record carries what the checks need of an article once its text is gone:
//! its metadata, word counts and near-duplicate signature.

use crate::audit::{DocFacts, TermUse};
use crate::calendar::parse_published;
use crate::check::Analyzed;
use crate::claims::{Attribution, Claim, ClaimKind, Located, Modality, TimeBasis};
use crate::corpus::front_matter::Ignore;
use crate::corpus::{DocInfo, Document, Meta};
use crate::diagnostic::{Diagnostic, display_path};
use crate::error::{Error, Result};
use crate::rules::frames::Change;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct DocRecord {
    kind: String,
    doc: String,
    article: String,
    outlet: String,
    published: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    via: Option<String>,
    #[serde(default)]
    published_basis: Option<String>,
    #[serde(default = "english")]
    language: String,
    #[serde(default)]
    ignore: Vec<IgnoreRecord>,
    words: usize,
    own_words: usize,
    dates: usize,
    day_dates: usize,
    /// The latest day the text dates, not after publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latest_day: Option<String>,
    /// The MinHash signature, eight hex digits a value.
    signature: String,
}

fn english() -> String {
    "en".into()
}

#[derive(Serialize, Deserialize)]
struct IgnoreRecord {
    rule: String,
    reason: String,
}

#[derive(Serialize, Deserialize)]
struct TermRecord {
    kind: String,
    doc: String,
    term: String,
    category: crate::rules::lexicon::Category,
    /// The words as the lexicon matched them in the analysed text.
    text: String,
    voice: crate::audit::Voice,
    /// The words as they stand in the file.
    quote: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// A claim record as `claims --format jsonl` writes it, every kind's fields optional.
#[derive(Deserialize)]
struct ClaimRecord {
    kind: String,
    doc: String,
    text: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    frame: String,
    from: String,
    to: String,
    time_basis: TimeBasis,
    hedged: bool,
    negated: bool,
    planned: bool,
    conditional: bool,
    quoted: bool,
    attribution: Option<String>,
    attribution_entity: Option<String>,
    measure: Option<String>,
    subject: Option<String>,
    subject_actor: Option<String>,
    subject_text: Option<String>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<crate::annotate::Qualifier>,
    tolerance: Option<f64>,
    cumulative: Option<bool>,
    #[serde(default)]
    remainder: Option<bool>,
    #[serde(default)]
    rate: Option<bool>,
    #[serde(default)]
    perfect: Option<bool>,
    place: Option<String>,
    place_text: Option<String>,
    controller: Option<String>,
    controller_text: Option<String>,
    change: Option<Change>,
    status: Option<String>,
    thing: Option<String>,
    event_kind: Option<String>,
    #[serde(default)]
    instant: Option<String>,
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    per_side: Option<bool>,
}

/// Write one analysed article as interchange records.
pub fn write(
    out: &mut dyn Write,
    doc: &Document,
    claims: &[Claim],
    facts: &DocFacts,
    signature: &[u32],
) -> io::Result<()> {
    let m = &doc.meta;
    let record = DocRecord {
        kind: "document".into(),
        doc: display_path(doc.path()),
        article: doc.id().to_string(),
        outlet: m.outlet.clone(),
        published: m.published.to_string(),
        title: m.title.clone(),
        url: m.url.clone(),
        author: m.author.clone(),
        via: m.via.clone(),
        published_basis: m.published_basis.clone(),
        language: m.language.clone(),
        ignore: m
            .ignore
            .iter()
            .map(|i| IgnoreRecord {
                rule: i.rule.clone(),
                reason: i.reason.clone(),
            })
            .collect(),
        words: doc.words,
        own_words: facts.own_words,
        dates: facts.dates,
        day_dates: facts.day_dates,
        latest_day: facts.latest_day.map(|d| d.to_string()),
        signature: signature.iter().map(|v| format!("{v:08x}")).collect(),
    };
    serde_json::to_writer(&mut *out, &record)?;
    writeln!(out)?;
    crate::render::claims::render(
        out,
        &[(doc, claims.to_vec())],
        crate::render::Format::Jsonl,
        Default::default(),
    )?;
    for t in &facts.terms {
        let record = TermRecord {
            kind: "term".into(),
            doc: display_path(doc.path()),
            term: t.term.clone(),
            category: t.category.clone(),
            text: t.text.clone(),
            voice: t.voice,
            quote: t.at.text.clone(),
            line: t.at.line,
            column: t.at.column,
            end_line: t.at.end_line,
            end_column: t.at.end_column,
        };
        serde_json::to_writer(&mut *out, &record)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Read interchange files back into analysed articles, in file and record order. Every
/// problem in every file is reported, each with its file, line and column.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Analyzed>> {
    use rayon::prelude::*;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let src = match crate::input::read_text(path, crate::input::MAX_CLAIMS_BYTES) {
            Ok(s) => s,
            Err(e) => {
                errors.push(Diagnostic::error(
                    path,
                    format!("cannot read this file: {e}"),
                ));
                continue;
            }
        };
        // Records parse on all cores, a slice of the file at a time so that only a slice
        // is held twice; they are put together in file order, which is where a record's
        // place after its document's is checked.
        let lines: Vec<(usize, &str)> = src
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .collect();
        let mut current: Option<Current> = None;
        for slice in lines.chunks(1 << 14) {
            let parsed: Vec<std::result::Result<Parsed, Problem>> = slice
                .par_iter()
                .map(|&(_, line)| parse(path, line))
                .collect();
            for ((i, _), parsed) in slice.iter().zip(parsed) {
                if let Err(e) = parsed.and_then(|p| assemble(path, p, &mut current, &mut out)) {
                    let column = e.column.unwrap_or(1);
                    errors.push(e.at(i + 1, column));
                }
            }
        }
        out.extend(current.map(|c| c.article));
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(
            Diagnostic::error(&paths[0], "no document records in the claims files")
                .with_help("write them with `crosscheck claims --format jsonl`"),
        );
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// A problem with one record: its message, and the column serde found it at.
struct Problem {
    diagnostic: Diagnostic,
    column: Option<usize>,
}

impl Problem {
    fn at(self, line: usize, column: usize) -> Diagnostic {
        self.diagnostic.at(line, column)
    }
}

fn problem(path: &Path, message: String, column: Option<usize>) -> Problem {
    Problem {
        diagnostic: Diagnostic::error(path, message),
        column,
    }
}

fn json<T: serde::de::DeserializeOwned>(
    path: &Path,
    line: &str,
) -> std::result::Result<T, Problem> {
    serde_json::from_str(line).map_err(|e| {
        problem(
            path,
            format!("not a claims record: {e}"),
            Some(e.column().max(1)),
        )
    })
}

/// One record, parsed on its own. Held a slice of the file at a time, and moved into its
/// article at once: an allocation a record to even out variant sizes would cost more.
#[allow(clippy::large_enum_variant)]
enum Parsed {
    Document(Analyzed),
    /// A term or claim record, with the `doc` it names and its kind; its own content may
    /// not have parsed, which is reported only if it is in its place.
    Part {
        kind: String,
        doc: Option<String>,
        part: std::result::Result<Part, Problem>,
    },
}

#[allow(clippy::large_enum_variant)]
enum Part {
    Term(TermUse),
    Claim(Claim, Located),
}

fn parse(path: &Path, line: &str) -> std::result::Result<Parsed, Problem> {
    #[derive(Deserialize)]
    struct Kind {
        kind: String,
        doc: Option<String>,
    }
    let k: Kind = json(path, line)?;
    let part = match k.kind.as_str() {
        "document" => return document(path, line).map(Parsed::Document),
        "term" => json::<TermRecord>(path, line).map(|r| {
            Part::Term(TermUse {
                term: r.term,
                category: r.category.clone(),
                span: 0..0,
                text: r.text,
                voice: r.voice,
                at: Located {
                    text: r.quote,
                    line: r.line,
                    column: r.column,
                    end_line: r.end_line,
                    end_column: r.end_column,
                },
            })
        }),
        "count" | "control" | "status" | "event-date" | "agreement-term" => {
            json::<ClaimRecord>(path, line)
                .and_then(|r| claim(r).map_err(|m| problem(path, m, None)))
                .map(|(claim, at)| Part::Claim(claim, at))
        }
        other => Err(problem(
            path,
            format!(
                "a `{other}` record is not a claim; claims files come from `crosscheck claims --format jsonl`"
            ),
            None,
        )),
    };
    Ok(Parsed::Part {
        kind: k.kind,
        doc: k.doc,
        part,
    })
}

fn document(path: &Path, line: &str) -> std::result::Result<Analyzed, Problem> {
    let r: DocRecord = json(path, line)?;
    let published = parse_published(&r.published)
        .map_err(|e| problem(path, format!("published: {e}"), None))?;
    let bad = || {
        problem(
            path,
            "signature: not groups of eight hex digits".into(),
            None,
        )
    };
    if !r.signature.is_ascii() || r.signature.len() % 8 != 0 {
        return Err(bad());
    }
    let signature = (0..r.signature.len() / 8)
        .map(|i| u32::from_str_radix(&r.signature[i * 8..i * 8 + 8], 16))
        .collect::<std::result::Result<Vec<u32>, _>>()
        .map_err(|_| bad())?;
    let meta = Meta {
        outlet: r.outlet,
        published,
        title: r.title,
        url: r.url,
        author: r.author,
        via: r.via,
        published_basis: r.published_basis,
        language: r.language,
        ignore: r
            .ignore
            .into_iter()
            .map(|i| Ignore {
                rule: i.rule,
                reason: i.reason,
                line: 0,
            })
            .collect(),
    };
    Ok(Analyzed {
        doc: DocInfo::new(PathBuf::from(&r.doc), r.article, meta, r.words),
        claims: Vec::new(),
        at: Vec::new(),
        facts: DocFacts {
            dates: r.dates,
            day_dates: r.day_dates,
            latest_day: r.latest_day.as_deref().and_then(|d| d.parse().ok()),
            own_words: r.own_words,
            terms: Vec::new(),
        },
        signature,
    })
}

/// The article being assembled, and the `doc` its records must name.
struct Current {
    article: Analyzed,
    name: String,
}

/// Put a parsed record in its place: a document starts an article, the others belong to
/// the article before them.
fn assemble(
    path: &Path,
    parsed: Parsed,
    current: &mut Option<Current>,
    out: &mut Vec<Analyzed>,
) -> std::result::Result<(), Problem> {
    let (kind, doc, part) = match parsed {
        Parsed::Document(article) => {
            out.extend(current.take().map(|c| c.article));
            let name = display_path(article.doc.path());
            *current = Some(Current { article, name });
            return Ok(());
        }
        Parsed::Part { kind, doc, part } => (kind, doc, part),
    };
    let Some(a) = current
        .as_mut()
        .filter(|c| doc.as_deref() == Some(c.name.as_str()))
        .map(|c| &mut c.article)
    else {
        return Err(problem(
            path,
            format!("a `{kind}` record that does not follow its document's record"),
            None,
        ));
    };
    match part? {
        Part::Term(t) => a.facts.terms.push(t),
        Part::Claim(claim, at) => {
            a.claims.push(claim);
            a.at.push(at);
        }
    }
    Ok(())
}

fn claim(r: ClaimRecord) -> std::result::Result<(Claim, Located), String> {
    let need = |v: Option<String>, name: &str| v.ok_or_else(|| format!("missing field `{name}`"));
    let kind = match r.kind.as_str() {
        "count" => ClaimKind::Count {
            measure: need(r.measure, "measure")?,
            subject: need(r.subject, "subject")?,
            subject_actor: r.subject_actor,
            subject_text: r.subject_text.unwrap_or_default(),
            value: r.value.ok_or("missing field `value`")?,
            low: r.low,
            high: r.high,
            qualifier: r.qualifier.ok_or("missing field `qualifier`")?,
            tolerance: r.tolerance.unwrap_or(0.0),
            cumulative: r.cumulative.unwrap_or(false),
            remainder: r.remainder.unwrap_or(false),
            rate: r.rate.unwrap_or(false),
            perfect: r.perfect.unwrap_or(false),
        },
        "control" => ClaimKind::Control {
            place: r.place.clone(),
            place_text: r.place_text.unwrap_or_default(),
            controller: need(r.controller, "controller")?,
            controller_text: r.controller_text.unwrap_or_default(),
            change: r.change.ok_or("missing field `change`")?,
        },
        "status" => ClaimKind::Status {
            subject: need(r.subject, "subject")?,
            status: need(r.status, "status")?,
        },
        "agreement-term" => ClaimKind::Term {
            thing: need(r.thing, "thing")?,
            term: need(r.term, "term")?,
            value: r.value.ok_or("missing field `value`")?,
            unit: need(r.unit, "unit")?,
            per_side: r.per_side.unwrap_or(false),
        },
        _ => ClaimKind::EventDate {
            thing: need(r.thing, "thing")?,
            event: need(r.event_kind, "event_kind")?,
            instant: match r.instant {
                Some(s) => Some(
                    s.parse::<jiff::Timestamp>()
                        .map_err(|e| format!("instant: not a UTC time: {e}"))?,
                ),
                None => None,
            },
        },
    };
    let day = |s: &str, name: &str| {
        s.parse::<jiff::civil::Date>()
            .map_err(|e| format!("{name}: not a date: {e}"))
    };
    let when = crate::calendar::DayRange::new(day(&r.from, "from")?, day(&r.to, "to")?)
        .ok_or("`from` is after `to`")?;
    let place = match &kind {
        ClaimKind::Count { .. } => r.place,
        ClaimKind::Control { place, .. } => place.clone(),
        _ => None,
    };
    let claim = Claim {
        kind,
        frame: r.frame,
        span: 0..0,
        sentence: 0..0,
        when,
        time_basis: r.time_basis,
        place,
        modality: Modality {
            hedged: r.hedged,
            negated: r.negated,
            planned: r.planned,
            conditional: r.conditional,
            quoted: r.quoted,
            attribution: r.attribution.map(|text| Attribution {
                text,
                entity: r.attribution_entity,
            }),
        },
    };
    let at = Located {
        text: r.text.split_whitespace().collect::<Vec<_>>().join(" "),
        line: r.line,
        column: r.column,
        end_line: r.end_line,
        end_column: r.end_column,
    };
    let _ = r.doc;
    Ok((claim, at))
}
