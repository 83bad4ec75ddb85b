//! What a `crosscheck check` run produced, shared by every check renderer (the human
//! formats in [`super::findings`] and [`super::text`], the CI formats in [`super::ci`]).

use crate::findings::{Counts, Finding};
use crate::rules::Rule;
use serde::Serialize;

/// What a check run produced, for every renderer.
pub struct Report<'a> {
    /// Findings to report.
    pub findings: &'a [Finding],
    /// Findings a baseline or suppression accepted: kept in JSON and SARIF, marked.
    pub suppressed: &'a [Finding],
    pub rules: &'a [Rule],
    pub documents: usize,
    pub claims: usize,
}

#[derive(Serialize)]
pub(super) struct Summary {
    documents: usize,
    claims: usize,
    findings: usize,
    by_severity: Counts,
    suppressed: usize,
}

pub(super) fn summary(r: &Report) -> Summary {
    Summary {
        documents: r.documents,
        claims: r.claims,
        findings: r.findings.len(),
        by_severity: Counts::of(r.findings),
        suppressed: r.suppressed.len(),
    }
}

/// "5 documents, 63 claims: 1 error, 3 warnings, 1 info".
pub fn summary_line(r: &Report) -> String {
    let c = Counts::of(r.findings);
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let accepted = if r.suppressed.is_empty() {
        String::new()
    } else {
        format!(
            " ({} accepted by baseline or suppression)",
            r.suppressed.len()
        )
    };
    format!(
        "{}, {}: {}, {}, {} info{accepted}",
        plural(r.documents, "document"),
        plural(r.claims, "claim"),
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        c.info
    )
}
