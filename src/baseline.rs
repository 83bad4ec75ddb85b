//! Baselines: findings a team has accepted, keyed by fingerprint, so CI fails only on new
//! ones. Stored as sorted, pretty JSON so diffs in review stay small.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::findings::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The file's format version.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    /// How many findings had this fingerprint when it was accepted.
    pub count: usize,
    pub outlets: Vec<String>,
    pub articles: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Accepted findings by fingerprint (a BTreeMap, so the file is sorted).
    pub findings: BTreeMap<String, Entry>,
}

impl Baseline {
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut b = Baseline {
            version: VERSION,
            findings: BTreeMap::new(),
        };
        b.add(findings);
        b
    }

    /// Add findings not yet accepted (and recount those that are).
    pub fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            let mut outlets: Vec<String> = f
                .sides
                .iter()
                .flat_map(|s| s.evidence.iter().map(|e| e.outlet.clone()))
                .collect();
            outlets.sort();
            outlets.dedup();
            let mut articles: Vec<String> = f
                .sides
                .iter()
                .flat_map(|s| s.evidence.iter().map(|e| e.article.clone()))
                .collect();
            articles.sort();
            articles.dedup();
            self.findings
                .entry(f.fingerprint.clone())
                .and_modify(|e| e.count += 1)
                .or_insert(Entry {
                    rule: f.rule.clone(),
                    count: 1,
                    outlets,
                    articles,
                    message: f.message.clone(),
                });
        }
    }

    /// Drop entries no finding has any more; returns how many were dropped.
    pub fn prune(&mut self, findings: &[Finding]) -> usize {
        let before = self.findings.len();
        self.findings
            .retain(|fp, _| findings.iter().any(|f| &f.fingerprint == fp));
        before - self.findings.len()
    }

    pub fn contains(&self, f: &Finding) -> bool {
        self.findings.contains_key(&f.fingerprint)
    }

    /// Entries no current finding matches: conflicts that were fixed.
    pub fn stale<'a>(&'a self, findings: &[Finding]) -> Vec<(&'a String, &'a Entry)> {
        self.findings
            .iter()
            .filter(|(fp, _)| !findings.iter().any(|f| &&f.fingerprint == fp))
            .collect()
    }

    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text =
            crate::input::read_text(path, crate::input::MAX_BASELINE_BYTES).map_err(|e| {
                Error::single(Diagnostic::error(
                    path,
                    format!("cannot read the baseline: {e}"),
                ))
            })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            Error::single(
                Diagnostic::error(path, format!("not a crosscheck baseline: {e}"))
                    .at(e.line().max(1), e.column().max(1)),
            )
        })?;
        if b.version != VERSION {
            return Err(Error::single(Diagnostic::error(
                path,
                format!(
                    "baseline version {} is not supported (expected {VERSION})",
                    b.version
                ),
            )));
        }
        Ok(b)
    }

    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline always serializes");
        text.push('\n');
        crate::output::write_atomic(path, text.as_bytes())
    }
}
