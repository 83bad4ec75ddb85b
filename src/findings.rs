//! Findings: conflicts between claims, each explaining itself.

use crate::calendar::DayRange;
use crate::rules::Severity;
use serde::Serialize;

/// One conflict: a rule, a normalised key and a time window, with every outlet on each side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub check: &'static str,
    /// What the claims are about, normalised ("marrowvale-accord-2020", "killed/soldiers").
    pub key: String,
    pub window: DayRange,
    pub message: String,
    /// Why the sides cannot both be right, in words.
    pub why: String,
    /// A known way both sides are right, when there is one.
    pub reconciliation: Option<String>,
    pub sides: Vec<Side>,
    /// Whether outlets disagree in their own voice, or parties they quote do (conflict
    /// checks only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<FindingClass>,
    /// Stable across runs and unrelated edits: rule, key, window bucket, outlets, articles and
    /// the values on each side; never line numbers.
    pub fingerprint: String,
}

/// Who disagrees in a conflict finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingClass {
    /// Outlets disagree, at least one side in an outlet's own voice.
    Contradicted,
    /// Every claim on each side is attributed, and no party is on both sides: the outlets
    /// report a dispute between parties faithfully.
    Disputed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// What this side says ("holding", "at least 28", "karsk-government").
    pub label: String,
    pub evidence: Vec<Evidence>,
}

/// One claim as a reader sees it: who said it, when, the words, where in which file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub doc: String,
    /// The article's location-independent id (its path inside the corpus).
    pub article: String,
    pub outlet: String,
    pub outlet_name: String,
    pub via: Option<String>,
    pub published: String,
    pub from: String,
    pub to: String,
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// Exclusive end column.
    pub end_column: usize,
    pub value: String,
    /// hedged, quoted, attributed to ...
    pub how: Vec<String>,
}

impl Finding {
    /// "disputed: " before a dispute's one-line message; nothing for a contradiction, the
    /// usual case.
    pub fn class_prefix(&self) -> &'static str {
        match self.class {
            Some(FindingClass::Disputed) => "disputed: ",
            _ => "",
        }
    }

    pub fn outlets(&self, side: usize) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .sides
            .get(side)
            .map(|s| s.evidence.iter().map(|e| e.outlet_name.as_str()).collect())
            .unwrap_or_default();
        v.sort();
        v.dedup();
        v
    }
}

/// 64-bit FNV-1a: a small, stable hash (std's hasher may change between Rust releases).
pub fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Findings by severity, for summaries and exit codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
                Severity::Off => {}
            }
        }
        c
    }

    /// Whether any finding is at or above `level`.
    pub fn at_or_above(&self, level: Severity) -> bool {
        match level {
            Severity::Off => false,
            Severity::Info => self.error + self.warning + self.info > 0,
            Severity::Warning => self.error + self.warning > 0,
            Severity::Error => self.error > 0,
        }
    }
}

/// The earliest article's evidence, then the rest.
pub fn primary(f: &Finding) -> (Option<&Evidence>, Vec<&Evidence>) {
    let mut all: Vec<&Evidence> = f.sides.iter().flat_map(|s| &s.evidence).collect();
    all.sort_by(|a, b| {
        (&a.published, &a.doc, a.line, a.column).cmp(&(&b.published, &b.doc, b.line, b.column))
    });
    let first = all.first().copied();
    (first, all.into_iter().skip(1).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_separate_their_parts() {
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
    }
}
