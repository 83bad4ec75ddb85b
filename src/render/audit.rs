//! `crosscheck audit`: the per-outlet table and the distinctive-terms table.

use super::{Format, RenderOptions, markdown, table};
use crate::audit::{Audit, OutletRow};
use std::io::{self, Write};

pub(crate) const OUTLET_HEADER: &[&str] = &[
    "Outlet",
    "Art.",
    "Words (own)",
    "Claims c/ct/s/e",
    "Corrob.",
    "Contra.",
    "Attrib.",
    "Hedged",
    "Day dates",
    "Exact counts",
    "Loaded /1k",
    "Top own-voice terms",
];

pub(crate) const TERM_HEADER: &[&str] = &[
    "Term",
    "Category",
    "Outlet",
    "Uses (rest)",
    "Log-odds",
    "z",
    "Neutral alternative",
];

/// Distinctive-term rows shown: the strongest first.
const MAX_TERM_ROWS: usize = 20;

pub(crate) fn outlet_cells(r: &OutletRow) -> Vec<String> {
    let c = |k: &str| r.claims.get(k).copied().unwrap_or(0);
    let top: Vec<String> = r
        .top_terms
        .iter()
        .take(4)
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    vec![
        r.name.clone(),
        r.articles.to_string(),
        format!("{} ({})", r.words, r.own_words),
        format!(
            "{}/{}/{}/{}",
            c("count"),
            c("control"),
            c("status"),
            c("event-date")
        ),
        r.corroborated.show(),
        r.contradicted.show(),
        r.attributed.show(),
        r.hedged.show(),
        r.day_dates.show(),
        r.precise_counts.show(),
        format!("{:.1}", r.loaded_per_1000),
        format!(
            "{}{}",
            if top.is_empty() {
                "-".to_string()
            } else {
                top.join(", ")
            },
            if r.loaded_quoted > 0 {
                format!("; {} quoted", r.loaded_quoted)
            } else {
                String::new()
            }
        ),
    ]
}

pub(crate) fn term_rows(a: &Audit) -> Vec<Vec<String>> {
    a.distinctive
        .iter()
        .take(MAX_TERM_ROWS)
        .map(|d| {
            vec![
                d.term.clone(),
                d.category.clone(),
                d.outlet.clone(),
                format!("{} ({})", d.uses, d.rest),
                format!("{:+.2}", d.log_odds),
                format!("{:+.2}", d.z),
                d.neutral.clone(),
            ]
        })
        .collect()
}

pub(crate) fn notes(a: &Audit) -> Vec<String> {
    let mut out = vec![
        "Ownership and corrections policy: not assessed (the text cannot show them).".to_string(),
        format!(
            "Rates below n={} are shown as counts. Loaded terms inside quotations are the speaker's and are not charged to the outlet.",
            crate::audit::MIN_N_FOR_RATE
        ),
    ];
    for (origin, voices) in &a.shared_origins {
        out.push(format!("Claims attributed to {origin} are repeated by {voices} independent voices; they come from one origin."));
    }
    out
}

pub fn render(
    out: &mut dyn Write,
    a: &Audit,
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Table => {
            let mut t = table::new_table(OUTLET_HEADER, opts.width);
            for r in &a.outlets {
                table::add_row(&mut t, outlet_cells(r));
            }
            writeln!(out, "Sources\n{t}")?;
            let rows = term_rows(a);
            if rows.is_empty() {
                writeln!(out, "\nNo loaded terms in any outlet's own voice.")?;
            } else {
                let mut t = table::new_table(TERM_HEADER, opts.width);
                for r in rows {
                    table::add_row(&mut t, r);
                }
                let title = table::wrap(
                    "Distinctive terms (log-odds with an informative Dirichlet prior, outlet vs the rest)",
                    usize::from(opts.width),
                );
                writeln!(out, "\n{title}\n{t}")?;
            }
            for n in notes(a) {
                writeln!(out, "{}", table::wrap(&n, usize::from(opts.width)))?;
            }
        }
        Format::Markdown => {
            writeln!(out, "### Sources\n")?;
            let rows: Vec<Vec<String>> = a.outlets.iter().map(outlet_cells).collect();
            markdown::write_table(out, OUTLET_HEADER, &rows)?;
            writeln!(out, "\n### Distinctive terms\n")?;
            markdown::write_table(out, TERM_HEADER, &term_rows(a))?;
            writeln!(out)?;
            for n in notes(a) {
                writeln!(out, "{}", markdown::cell(&n))?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, a)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for u in &a.uses {
                serde_json::to_writer(&mut *out, u)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// `audit --duplicates`: the groups of articles counted as one voice.
pub fn render_voices(
    out: &mut dyn Write,
    groups: &[crate::audit::VoiceGroup],
    format: Format,
    opts: RenderOptions,
) -> io::Result<()> {
    let rows: Vec<Vec<String>> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let arts: Vec<String> = g
                .articles
                .iter()
                .map(|(p, o)| format!("{o}: {p}"))
                .collect();
            vec![(i + 1).to_string(), arts.join("\n"), g.reasons.join(", ")]
        })
        .collect();
    let header = ["Voice", "Articles", "Why one voice"];
    match format {
        Format::Table => {
            let mut t = table::new_table(&header, opts.width);
            for r in &rows {
                table::add_row(&mut t, r.clone());
            }
            writeln!(
                out,
                "{t}\n{} group(s) of articles counted as one voice",
                groups.len()
            )?;
        }
        Format::Markdown => markdown::write_table(out, &header, &rows)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, groups)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for g in groups {
                serde_json::to_writer(&mut *out, g)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}
