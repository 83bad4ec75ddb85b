//! `crosscheck claims`: every claim with its place in the original file and its modality.

use super::annotations::{Place, fmt_num, place};
use super::{Format, RenderOptions, markdown, table};
use crate::annotate::Qualifier;
use crate::claims::{Claim, ClaimKind, TimeBasis};
use crate::corpus::Document;
use crate::rules::frames::Change;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Common {
    #[serde(flatten)]
    place: Place,
    outlet: String,
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
}

#[derive(Serialize)]
#[serde(untagged)]
enum Fields<'a> {
    Count {
        measure: &'a str,
        subject: &'a str,
        subject_actor: Option<&'a str>,
        subject_text: &'a str,
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        qualifier: Qualifier,
        tolerance: f64,
        cumulative: bool,
        remainder: bool,
        rate: bool,
        perfect: bool,
        place: Option<&'a str>,
    },
    Control {
        place: Option<&'a str>,
        place_text: &'a str,
        controller: &'a str,
        controller_text: &'a str,
        change: Change,
    },
    Status {
        subject: &'a str,
        status: &'a str,
    },
    EventDate {
        event: String,
        thing: &'a str,
        event_kind: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        instant: Option<String>,
    },
    Term {
        thing: &'a str,
        term: &'a str,
        value: f64,
        unit: &'a str,
        per_side: bool,
    },
}

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    fields: Fields<'a>,
}

fn record<'a>(doc: &Document, c: &'a Claim) -> Record<'a> {
    let common = Common {
        place: place(doc, c.kind.name(), c.span.clone()),
        outlet: doc.meta.outlet.clone(),
        frame: c.frame.clone(),
        from: c.when.from.to_string(),
        to: c.when.to.to_string(),
        time_basis: c.time_basis,
        hedged: c.modality.hedged,
        negated: c.modality.negated,
        planned: c.modality.planned,
        conditional: c.modality.conditional,
        quoted: c.modality.quoted,
        attribution: c.modality.attribution.as_ref().map(|a| a.text.clone()),
        attribution_entity: c
            .modality
            .attribution
            .as_ref()
            .and_then(|a| a.entity.clone()),
    };
    let fields = match &c.kind {
        ClaimKind::Count {
            measure,
            subject,
            subject_actor,
            subject_text,
            value,
            low,
            high,
            qualifier,
            tolerance,
            cumulative,
            remainder,
            rate,
            perfect,
        } => Fields::Count {
            measure,
            subject,
            subject_actor: subject_actor.as_deref(),
            subject_text,
            value: *value,
            low: *low,
            high: *high,
            qualifier: *qualifier,
            tolerance: *tolerance,
            cumulative: *cumulative,
            remainder: *remainder,
            rate: *rate,
            perfect: *perfect,
            place: c.place.as_deref(),
        },
        ClaimKind::Control {
            place,
            place_text,
            controller,
            controller_text,
            change,
        } => Fields::Control {
            place: place.as_deref(),
            place_text,
            controller,
            controller_text,
            change: *change,
        },
        ClaimKind::Status { subject, status } => Fields::Status { subject, status },
        ClaimKind::EventDate {
            thing,
            event,
            instant,
        } => Fields::EventDate {
            event: format!("{thing}/{event}"),
            thing,
            event_kind: event,
            instant: instant.map(|t| t.to_string()),
        },
        ClaimKind::Term {
            thing,
            term,
            value,
            unit,
            per_side,
        } => Fields::Term {
            thing,
            term,
            value: *value,
            unit,
            per_side: *per_side,
        },
    };
    Record { common, fields }
}

/// One line that says what a claim asserts.
fn summary(c: &Claim) -> String {
    let s = match &c.kind {
        ClaimKind::Count {
            measure,
            subject,
            subject_actor,
            value,
            low,
            high,
            qualifier,
            cumulative,
            ..
        } => {
            let q = serde_json::to_value(qualifier)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let b = |x: &Option<f64>| x.map_or("open".to_string(), fmt_num);
            let who = subject_actor
                .as_ref()
                .map(|a| format!("{a} "))
                .unwrap_or_default();
            format!(
                "{measure}: {who}{subject} {q} {} [{} .. {}]{}",
                fmt_num(*value),
                b(low),
                b(high),
                if *cumulative { ", cumulative" } else { "" }
            )
        }
        ClaimKind::Control {
            place,
            place_text,
            controller,
            change,
            ..
        } => {
            let ch = serde_json::to_value(change)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!(
                "{controller} {ch} {}",
                place.clone().unwrap_or_else(|| format!("\"{place_text}\""))
            )
        }
        ClaimKind::Status { subject, status } => format!("{subject}: {status}"),
        ClaimKind::EventDate { thing, event, .. } => format!("{thing}: {event}"),
        ClaimKind::Term {
            thing,
            term,
            value,
            unit,
            per_side,
        } => format!(
            "{thing}: {term} {} {unit}{}",
            fmt_num(*value),
            if *per_side { " on each side" } else { "" }
        ),
    };
    let m = &c.modality;
    let mut flags = Vec::new();
    for (on, name) in [
        (m.hedged, "hedged"),
        (m.negated, "negated"),
        (m.planned, "planned"),
        (m.conditional, "conditional"),
        (m.quoted, "quoted"),
    ] {
        if on {
            flags.push(name.to_string());
        }
    }
    if let Some(a) = &m.attribution {
        flags.push(format!("per {}", a.text));
    }
    if flags.is_empty() {
        s
    } else {
        format!("{s} ({})", flags.join(", "))
    }
}

pub fn render(
    out: &mut dyn Write,
    docs: &[(&Document, Vec<Claim>)],
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Jsonl | Format::Json => {
            let records: Vec<Record> = docs
                .iter()
                .flat_map(|(d, cs)| cs.iter().map(|c| record(d, c)))
                .collect();
            if format == Format::Json {
                serde_json::to_writer_pretty(&mut *out, &records)?;
                writeln!(out)
            } else {
                for r in &records {
                    serde_json::to_writer(&mut *out, r)?;
                    writeln!(out)?;
                }
                Ok(())
            }
        }
        Format::Table | Format::Markdown => {
            let header = ["Where", "Outlet", "Kind", "Claim", "When", "Words"];
            let mut rows = Vec::new();
            for (d, cs) in docs {
                for c in cs {
                    let r = record(d, c);
                    let when = if c.when.is_single_day() {
                        c.when.from.to_string()
                    } else {
                        format!("{}..{}", c.when.from, c.when.to)
                    };
                    rows.push(vec![
                        format!(
                            "{}:{}:{}",
                            r.common.place.doc, r.common.place.line, r.common.place.column
                        ),
                        r.common.outlet.clone(),
                        r.common.place.kind.to_string(),
                        summary(c),
                        when,
                        r.common.place.text.clone(),
                    ]);
                }
            }
            if format == Format::Markdown {
                markdown::write_table(out, &header, &rows)?;
            } else {
                let mut t = table::new_table(&header, opts.width);
                for row in rows {
                    table::add_row(&mut t, row);
                }
                writeln!(out, "{t}")?;
            }
            let count = |k: &str| {
                docs.iter()
                    .flat_map(|(_, cs)| cs)
                    .filter(|c| c.kind.name() == k)
                    .count()
            };
            writeln!(
                out,
                "{} in {}: {} count, {} control, {} status, {} event-date",
                super::count_of(
                    docs.iter().map(|(_, cs)| cs.len()).sum::<usize>(),
                    "claim",
                    "claims"
                ),
                super::count_of(docs.len(), "document", "documents"),
                count("count"),
                count("control"),
                count("status"),
                count("event-date")
            )
        }
    }
}
