//! `crosscheck annotate`: every annotation with its place in the original file.

use super::{Format, RenderOptions, table};
use crate::annotate::{Annotations, Grain, MentionClass, Qualifier, TimeMod};
use crate::corpus::Document;
use crate::diagnostic::display_path;
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

/// Fields every record carries: where it is, in bytes of the original file and as line:column.
#[derive(Serialize)]
pub(crate) struct Place {
    pub(crate) doc: String,
    pub(crate) kind: &'static str,
    pub(crate) text: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// Where the words end: the line, and the column just after them.
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Record {
    Time {
        #[serde(flatten)]
        place: Place,
        value: String,
        grain: Grain,
        from: String,
        to: String,
        #[serde(rename = "mod")]
        modifier: Option<TimeMod>,
        /// "06:00+03:00", "21:00+00:00", or "19:00" when the zone is not known.
        #[serde(skip_serializing_if = "Option::is_none")]
        time: Option<String>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        dateline: bool,
    },
    Mention {
        #[serde(flatten)]
        place: Place,
        entity: String,
        class: MentionClass,
        score: f64,
        generic: bool,
    },
    Quantity {
        #[serde(flatten)]
        place: Place,
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        qualifier: Qualifier,
        tolerance: f64,
    },
}

impl Record {
    fn place(&self) -> &Place {
        match self {
            Record::Time { place, .. }
            | Record::Quantity { place, .. }
            | Record::Mention { place, .. } => place,
        }
    }

    fn summary(&self) -> String {
        match self {
            Record::Time {
                value,
                from,
                to,
                modifier,
                time,
                dateline,
                ..
            } => {
                let m = modifier
                    .map(|m| {
                        format!(
                            " ({})",
                            serde_json::to_value(m)
                                .unwrap_or_default()
                                .as_str()
                                .unwrap_or("")
                        )
                    })
                    .unwrap_or_default();
                let at = time
                    .as_ref()
                    .map(|t| format!(" at {t}"))
                    .unwrap_or_default();
                let d = if *dateline { " (dateline)" } else { "" };
                format!("{value}{m}{at}{d}  [{from} .. {to}]")
            }
            Record::Mention {
                entity,
                class,
                score,
                generic,
                ..
            } => {
                let c = serde_json::to_value(class).unwrap_or_default();
                let how = if *generic {
                    " (by date)".to_string()
                } else if *score < 1.0 {
                    format!(" (similarity {score:.2})")
                } else {
                    String::new()
                };
                format!("{} {entity}{how}", c.as_str().unwrap_or(""))
            }
            Record::Quantity {
                value,
                low,
                high,
                qualifier,
                ..
            } => {
                let b = |x: &Option<f64>| x.map_or("open".to_string(), fmt_num);
                let q = serde_json::to_value(qualifier).unwrap_or_default();
                format!(
                    "{} {}  [{} .. {}]",
                    q.as_str().unwrap_or(""),
                    fmt_num(*value),
                    b(low),
                    b(high)
                )
            }
        }
    }
}

pub use crate::text::fmt_num;

pub(crate) fn place(doc: &Document, kind: &'static str, span: Range<usize>) -> Place {
    let original = doc.original_span(span);
    let (line, column) = doc.line_col(original.start);
    let (end_line, end_column) = doc.line_col(original.end);
    Place {
        doc: display_path(doc.path()),
        kind,
        text: doc.source()[original.clone()].to_string(),
        start: original.start,
        end: original.end,
        line,
        column,
        end_line,
        end_column,
    }
}

fn records(doc: &Document, ann: &Annotations) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for t in &ann.times {
        out.push(Record::Time {
            place: place(doc, "time", t.span.clone()),
            value: t.value.clone(),
            grain: t.grain,
            from: t.range.from.to_string(),
            to: t.range.to.to_string(),
            modifier: t.modifier,
            time: t.time.map(|(h, m, offset)| match offset {
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let o = o.unsigned_abs();
                    format!("{h:02}:{m:02}{sign}{:02}:{:02}", o / 60, o % 60)
                }
                None => format!("{h:02}:{m:02}"),
            }),
            dateline: t.dateline,
        });
    }
    for q in &ann.quantities {
        out.push(Record::Quantity {
            place: place(doc, "quantity", q.span.clone()),
            value: q.value,
            low: q.low,
            high: q.high,
            qualifier: q.qualifier,
            tolerance: q.tolerance,
        });
    }
    for m in &ann.mentions {
        out.push(Record::Mention {
            place: place(doc, "mention", m.span.clone()),
            entity: m.entity.clone(),
            class: m.class,
            score: (m.score * 1000.0).round() / 1000.0,
            generic: m.generic,
        });
    }
    out.sort_by_key(|r| (r.place().start, r.place().end));
    out
}

pub fn render(
    out: &mut dyn Write,
    docs: &[(&Document, Annotations)],
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    let all: Vec<Record> = docs.iter().flat_map(|(d, a)| records(d, a)).collect();
    match format {
        Format::Jsonl => {
            for r in &all {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)
        }
        Format::Table | Format::Markdown => {
            let header = ["Where", "Kind", "Text", "Resolved"];
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|r| {
                    let p = r.place();
                    vec![
                        format!("{}:{}:{}", p.doc, p.line, p.column),
                        p.kind.to_string(),
                        p.text.clone(),
                        r.summary(),
                    ]
                })
                .collect();
            if format == Format::Markdown {
                super::markdown::write_table(out, &header, &rows)?;
            } else {
                let mut t = table::new_table(&header, opts.width);
                for row in rows {
                    table::add_row(&mut t, row);
                }
                writeln!(out, "{t}")?;
            }
            let count = |f: fn(&Record) -> bool| all.iter().filter(|r| f(r)).count();
            writeln!(
                out,
                "{} in {}: {}, {}, {}",
                super::count_of(all.len(), "annotation", "annotations"),
                super::count_of(docs.len(), "document", "documents"),
                super::count_of(count(|r| matches!(r, Record::Time { .. })), "time", "times"),
                super::count_of(
                    count(|r| matches!(r, Record::Quantity { .. })),
                    "quantity",
                    "quantities"
                ),
                super::count_of(
                    count(|r| matches!(r, Record::Mention { .. })),
                    "mention",
                    "mentions"
                ),
            )
        }
    }
}
