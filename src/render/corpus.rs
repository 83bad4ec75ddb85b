//! `crosscheck corpus`: the documents loaded, one row each, and a summary.

use super::{Format, RenderOptions, markdown, table};
use crate::corpus::{Corpus, Document};
use crate::diagnostic::display_path;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct DocumentRow<'a> {
    path: String,
    outlet: &'a str,
    outlet_name: &'a str,
    via: Option<&'a str>,
    via_name: Option<&'a str>,
    published: String,
    published_from: String,
    published_to: String,
    title: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    language: &'a str,
    words: usize,
    sentences: usize,
    quotations: usize,
    furniture_spans: usize,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    outlets: usize,
    from: Option<String>,
    to: Option<String>,
    warnings: usize,
}

#[derive(Serialize)]
struct Listing<'a> {
    documents: Vec<DocumentRow<'a>>,
    summary: Summary,
}

fn row<'a>(corpus: &'a Corpus, d: &'a Document) -> DocumentRow<'a> {
    let outlet_name = corpus
        .outlets
        .get(&d.meta.outlet)
        .map_or(d.meta.outlet.as_str(), |o| o.name.as_str());
    DocumentRow {
        path: display_path(d.path()),
        outlet: &d.meta.outlet,
        outlet_name,
        via: d.meta.via.as_deref(),
        via_name: d
            .meta
            .via
            .as_deref()
            .map(|v| corpus.outlets.get(v).map_or(v, |o| o.name.as_str())),
        published: d.meta.published.to_string(),
        published_from: d.meta.published.from.to_string(),
        published_to: d.meta.published.to.to_string(),
        title: d.meta.title.as_deref(),
        url: d.meta.url.as_deref(),
        author: d.meta.author.as_deref(),
        language: &d.meta.language,
        words: d.words,
        sentences: d.sentences.len(),
        quotations: d.quotes.len(),
        furniture_spans: d.removed.len(),
    }
}

fn summary(corpus: &Corpus) -> Summary {
    let span = corpus.date_span();
    Summary {
        documents: corpus.documents.len(),
        outlets: corpus.outlet_count(),
        from: span.map(|s| s.from.to_string()),
        to: span.map(|s| s.to.to_string()),
        warnings: corpus.warnings.len(),
    }
}

/// The one-line summary under the table.
pub fn summary_line(corpus: &Corpus) -> String {
    let s = summary(corpus);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}",
        plural(s.documents, "document"),
        plural(s.outlets, "outlet")
    );
    if let (Some(from), Some(to)) = (s.from, s.to) {
        line.push_str(&format!(", published {from} to {to}"));
    }
    if s.warnings > 0 {
        line.push_str(&format!(", {}", plural(s.warnings, "warning")));
    }
    line
}

pub fn render(
    out: &mut dyn Write,
    corpus: &Corpus,
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    let rows: Vec<DocumentRow> = corpus.documents.iter().map(|d| row(corpus, d)).collect();
    match format {
        Format::Table => {
            let mut t = table::new_table(
                &["Outlet", "Published", "Words", "Title", "Path"],
                opts.width,
            );
            for r in &rows {
                let outlet = match r.via_name {
                    Some(via) => format!("{}\n(via {via})", r.outlet_name),
                    None => r.outlet_name.to_string(),
                };
                table::add_row(
                    &mut t,
                    vec![
                        outlet,
                        r.published.clone(),
                        r.words.to_string(),
                        r.title.unwrap_or("").to_string(),
                        r.path.clone(),
                    ],
                );
            }
            t.align_right(2);
            writeln!(out, "{t}")?;
            writeln!(out, "{}", summary_line(corpus))
        }
        Format::Markdown => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.outlet_name.to_string(),
                        r.published.clone(),
                        r.words.to_string(),
                        r.title.unwrap_or("").to_string(),
                        format!("`{}`", r.path),
                    ]
                })
                .collect();
            markdown::write_table(
                out,
                &["Outlet", "Published", "Words", "Title", "Path"],
                &cells,
            )?;
            writeln!(out)?;
            writeln!(out, "{}", summary_line(corpus))
        }
        Format::Json => {
            let listing = Listing {
                documents: rows,
                summary: summary(corpus),
            };
            serde_json::to_writer_pretty(&mut *out, &listing)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}
