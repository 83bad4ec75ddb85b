//! Conflict rules: `rules/*.yaml`. Each rule has an id, a severity, its documentation, a
//! message template and a check from a closed set of kinds.
//!
//! The check is an adjacently tagged enum (`check: {kind: numeric, params: {...}}`): that is
//! the shape serde_yaml keeps error locations for.

use super::frames::Frames;
use super::gazetteer::Gazetteer;
use crate::diagnostic::{Diagnostic, suggest};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One step less severe, never below info.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
            Severity::Off => Severity::Off,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    severity: Severity,
    /// The severity of a dispute between quoted parties (the rule's severity when absent).
    #[serde(default)]
    disputed: Option<Severity>,
    summary: String,
    description: String,
    message: String,
    #[serde(default)]
    tags: Vec<String>,
    check: Check,
}

/// Which claims may face each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Across {
    /// Independent outlets only: two articles of one outlet, or an article and its
    /// republished copy (`via`), or outlets of one family, are one voice.
    #[default]
    Outlets,
    /// Any two documents.
    Documents,
}

/// How claims put in a certain way take part.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityPolicy {
    /// Claims with any of these are left out.
    #[serde(default = "default_exclude")]
    pub exclude: Vec<ModalityFlag>,
    /// When every claim on one side has one of these, the finding's severity drops a level.
    #[serde(default = "default_downgrade")]
    pub downgrade: Vec<ModalityFlag>,
}

impl Default for ModalityPolicy {
    fn default() -> Self {
        ModalityPolicy {
            exclude: default_exclude(),
            downgrade: default_downgrade(),
        }
    }
}

fn default_exclude() -> Vec<ModalityFlag> {
    vec![
        ModalityFlag::Conditional,
        ModalityFlag::Planned,
        ModalityFlag::Negated,
    ]
}

/// Only hedged claims weaken a finding: a figure in quotation marks is its speaker's firm
/// claim ("'more than 5,200 have died,' the minister said"), and who said it is the
/// finding's origin, not a doubt about it.
fn default_downgrade() -> Vec<ModalityFlag> {
    vec![ModalityFlag::Hedged]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModalityFlag {
    Hedged,
    Negated,
    Planned,
    Conditional,
    Quoted,
    Attributed,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    #[serde(default)]
    pub absolute: f64,
    #[serde(default)]
    pub relative: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            absolute: 0.0,
            relative: 0.0,
        }
    }
}

/// Fields a numeric key can be made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyField {
    Measure,
    Subject,
    SubjectActor,
    Place,
    /// The counted noun itself ("dams", "bridges"; "people" for a bare number or a generic
    /// word for people): finer than the subject class, for figures inside one article.
    Noun,
    /// The frame that made the claim: one measure's stages ("200 trucks dispatched" and
    /// "137 trucks entered" of one convoy) are different counts, kept apart by frame.
    Frame,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NumericParams {
    /// Only these measures (all when empty).
    #[serde(default)]
    pub measures: Vec<String>,
    #[serde(default = "default_same")]
    pub same: Vec<KeyField>,
    /// Only counts of these subjects (all when empty): a batch of whole groups is not
    /// set against its breakdowns ("nine women", "13 women and children").
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Only counts of one day: dated to a single day by their own words or their paragraph,
    /// or undated and told in the perfect ("have been freed"), as of the day reported.
    /// People released in batches are counted per day; a count over more days may be a
    /// running one.
    #[serde(default)]
    pub one_day: bool,
    /// Subjects that count the same group ("people" and "civilians" fleeing).
    #[serde(default)]
    pub equivalent_subjects: Vec<Vec<String>>,
    #[serde(default)]
    pub tolerance: Tolerance,
    /// Compare a town's figure with its province's (through the gazetteer's `within`).
    #[serde(default)]
    pub place_hierarchy: bool,
    /// Figures more than this many times apart count different things (one clash's toll
    /// and a war's running total, a town and its country) and are not compared: outlets
    /// that misreport one figure are rarely off by that much. None compares every figure.
    #[serde(default)]
    pub scale_ratio: Option<f64>,
    /// Extra days either side when deciding that two windows overlap.
    #[serde(default)]
    pub window_days: u32,
    /// A toll that rises: a lower figure given as of an earlier day than a higher one is
    /// the count before it grew, not a contradiction (the dead and the displaced are
    /// counted as they are found; a later figure that is lower still conflicts).
    #[serde(default)]
    pub rising: bool,
    /// A floor is a tally: "at least 2,300" and "more than 5,200" given for the same day are
    /// two counts of the dead so far, 2,300 and 5,200, not two open bounds that agree; and no
    /// fewer than counted, so its lower bound is not lowered by the tolerance.
    #[serde(default)]
    pub tally: bool,
    /// Running totals take part, each as a count as of its own day: for a stock that is
    /// counted as it stands ("10,000 missing as of Thursday"), not one that only grows.
    #[serde(default)]
    pub stock: bool,
    /// A count with no named place ("200 trucks entered from X") is the story's: it faces
    /// the counts of the widest place the other reports name for the same key (the one no
    /// other of their places lies within), when there is one such place, never a part of it.
    #[serde(default)]
    pub placeless_widest: bool,
    #[serde(default)]
    pub across: Across,
    #[serde(default)]
    pub modality: ModalityPolicy,
}

fn default_same() -> Vec<KeyField> {
    vec![KeyField::Measure, KeyField::Subject, KeyField::SubjectActor]
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusParams {
    /// A thing class or thing id (all subjects when absent).
    pub subject: Option<String>,
    /// Groups of statuses that cannot hold together: a claim in one group conflicts with a
    /// claim in another.
    pub groups: Vec<Vec<String>>,
    /// The days a status with no date of its own ("the truce is holding") covers.
    #[serde(default)]
    pub present: PresentWindow,
    /// With `present: article`, the days before publication an article that dates nothing
    /// speaks of (its day, "yesterday" and the day before by default).
    #[serde(default = "default_undated_days")]
    pub undated_days: u32,
    /// With `present: article`, statuses that tell of a stretch of time ("holding"): told in
    /// the past tense ("the truce held", "it stopped the shelling") they look back on the
    /// days the status frame covers, not only the article's own. A past event ("the truce
    /// ran out") still speaks of the article's days.
    #[serde(default)]
    pub looks_back: Vec<String>,
    #[serde(default)]
    pub window_days: u32,
    #[serde(default)]
    pub across: Across,
    #[serde(default)]
    pub modality: ModalityPolicy,
}

fn yes() -> bool {
    true
}

fn default_undated_days() -> u32 {
    2
}

/// What a status said in the present tense, with no date in its sentence, is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PresentWindow {
    /// The window the status frame sets before publication (`window_days`, a week).
    #[default]
    Frame,
    /// The days its article speaks of: from the latest day the article dates (not after
    /// publication) to publication; publication day and the `undated_days` before when it
    /// dates none. Statuses whose frame windows overlap but whose articles' days do not are a
    /// change over time, reported at info with that reason.
    Article,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ControlParams {
    #[serde(default)]
    pub window_days: u32,
    #[serde(default)]
    pub across: Across,
    #[serde(default)]
    pub modality: ModalityPolicy,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventDateParams {
    /// Dates further apart than this many days disagree.
    #[serde(default)]
    pub tolerance_days: u32,
    /// Also report, at info severity, different events of one thing given different dates
    /// that the gazetteer reconciles ("signed 5 March, in force 6 March").
    #[serde(default)]
    pub explain_related: bool,
    /// Events a thing may have several times (a truce extended twice): their dates are
    /// never set against each other.
    #[serde(default)]
    pub recurring: Vec<String>,
    /// Compare these changes of control (`captured`, `lost`) as events of their place instead
    /// of the gazetteer things' events: one side's capture of a town given two days. Only
    /// claims dated by their own words count; a date that says when a claim was reported
    /// ("said on Tuesday it had captured") is not the day of the event.
    #[serde(default)]
    pub changes: Vec<crate::rules::frames::Change>,
    /// Dates of one event further apart than this many days are different events (a town
    /// taken, lost and taken again); unset, every date of an event is compared.
    #[serde(default)]
    pub same_event_days: Option<u32>,
    #[serde(default)]
    pub across: Across,
    #[serde(default)]
    pub modality: ModalityPolicy,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CumulativeParams {
    #[serde(default)]
    pub measures: Vec<String>,
    /// Whether the place is part of a series (true by default). A release of prisoners
    /// counted "in Gaza" or "by Israel" is one series: the place there says where the
    /// people went, not what was counted.
    #[serde(default = "yes")]
    pub same_place: bool,
    /// Whether two totals as of the same day that do not meet conflict (true by default).
    /// Not for what grows in batches through a day, such as a day's release of prisoners:
    /// a count before the day's swap and one after it are both right.
    #[serde(default = "yes")]
    pub same_day: bool,
    /// A floor is a tally of what was counted so far: a later "at least 528" counts 528 and
    /// falls below an earlier "around 600". Without it a later floor only falls below an
    /// earlier total of its own day: an estimate "over 1.3 million" may be an old round
    /// figure, not a count.
    #[serde(default)]
    pub tally: bool,
    /// Whether a count of a part (a place the gazetteer puts within the total's place) faces
    /// the whole's running total from above, even when the part's count is not a running
    /// total itself: no more people are displaced in a region than ever were in its country.
    #[serde(default)]
    pub parts: bool,
    #[serde(default)]
    pub equivalent_subjects: Vec<Vec<String>>,
    #[serde(default)]
    pub tolerance: Tolerance,
    #[serde(default)]
    pub across: Across,
    #[serde(default)]
    pub modality: ModalityPolicy,
}

/// Figures one named agreement sets (a width, a duration, a deadline) that disagree.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermParams {
    /// Relative difference two totals may have and still be one figure.
    #[serde(default = "default_term_tolerance")]
    pub tolerance: f64,
    #[serde(default)]
    pub across: Across,
    #[serde(default)]
    pub modality: ModalityPolicy,
}

fn default_term_tolerance() -> f64 {
    0.05
}

/// Each use of loaded wording in an outlet's own voice, with the neutral alternative.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LoadedTermParams {
    /// Lexicon term ids (all when empty); `scare-quotes` names the scare-quote detector.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Only these categories (all when empty).
    #[serde(default)]
    pub categories: Vec<crate::rules::lexicon::Category>,
}

/// An outlet whose own-voice rate of loaded terms is above a limit or a multiple of the
/// corpus rate.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermRateParams {
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub categories: Vec<crate::rules::lexicon::Category>,
    /// Uses per 1,000 own-voice words above which an outlet is reported.
    pub max_per_1000: Option<f64>,
    /// Times the rate of the rest of the corpus above which an outlet is reported.
    pub max_ratio: Option<f64>,
    /// Outlets with fewer own-voice words are not rated: a rate needs text behind it.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    300
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InternalParams {
    /// The check to run inside each document.
    pub check: Box<Check>,
}

/// The closed set of checks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", content = "params", rename_all = "kebab-case")]
pub enum Check {
    Numeric(NumericParams),
    ExclusiveStatus(StatusParams),
    Control(ControlParams),
    EventDate(EventDateParams),
    Cumulative(CumulativeParams),
    #[serde(rename = "agreement-term")]
    Term(TermParams),
    Internal(InternalParams),
    LoadedTerm(LoadedTermParams),
    TermRate(TermRateParams),
}

impl Check {
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Numeric(_) => "numeric",
            Check::ExclusiveStatus(_) => "exclusive-status",
            Check::Control(_) => "control",
            Check::EventDate(_) => "event-date",
            Check::Cumulative(_) => "cumulative",
            Check::Term(_) => "agreement-term",
            Check::Internal(_) => "internal",
            Check::LoadedTerm(_) => "loaded-term",
            Check::TermRate(_) => "term-rate",
        }
    }

    /// Whether a check kind sets claims against each other (a conflict), rather than rating
    /// an outlet's wording. Named by kind, as findings carry it (`Finding::check`).
    pub fn compares_claims(kind: &str) -> bool {
        !matches!(kind, "loaded-term" | "term-rate")
    }
}

/// A validated rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    /// The severity of a finding whose sides are parties the outlets quote, not the outlets
    /// themselves (see `FindingClass::Disputed`); the rule's severity when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Severity>,
    pub summary: String,
    pub description: String,
    pub message: String,
    pub tags: Vec<String>,
    pub check: Check,
    #[serde(skip)]
    pub file: PathBuf,
}

/// Placeholders a message template may use.
pub const MESSAGE_FIELDS: &[&str] = &["key", "window", "a", "b", "outlets_a", "outlets_b", "why"];

/// Fill a message template.
pub fn render_message(template: &str, fields: &BTreeMap<&str, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => {
                let name = &rest[open + 1..open + close];
                out.push_str(fields.get(name).map_or("", String::as_str));
                rest = &rest[open + close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|x| x.0))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Compile rule files, reporting every problem.
pub fn compile(
    files: &[(PathBuf, String)],
    g: Option<&Gazetteer>,
    frames: Option<&Frames>,
    lexicon: Option<&crate::rules::Lexicon>,
) -> Result<Vec<Rule>, Vec<Diagnostic>> {
    compile_layered(files, g, frames, lexicon, &super::Shadow::default())
}

/// As [`compile`], leaving out the rules later packs replace.
pub(crate) fn compile_layered(
    files: &[(PathBuf, String)],
    g: Option<&Gazetteer>,
    frames: Option<&Frames>,
    lexicon: Option<&crate::rules::Lexicon>,
    shadow: &super::Shadow,
) -> Result<Vec<Rule>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (path, src) in files {
        let raw: RawFile = match super::parse_file(path, src) {
            Ok(r) => r,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        for (i, r) in raw.rules.into_iter().enumerate() {
            if shadow.hides(path, "rule", &r.id) {
                continue;
            }
            let at = |d: Diagnostic, key: &str, value: &str, nth: usize| {
                super::locate(d, src, key, value, nth)
            };
            let n = seen.entry(r.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                errors.push(at(
                    Diagnostic::error(path, format!("rule id `{}` is defined twice", r.id))
                        .with_yaml_path(format!("rules[{i}].id")),
                    "id",
                    &r.id,
                    *n - 1,
                ));
                continue;
            }
            if !valid_id(&r.id) {
                errors.push(at(
                    Diagnostic::error(path, format!("rule id `{}` is not kebab-case", r.id))
                        .with_yaml_path(format!("rules[{i}].id"))
                        .with_help(
                            "ids are lowercase words joined by `-`, such as `status-conflicts`",
                        ),
                    "id",
                    &r.id,
                    0,
                ));
            }
            for p in placeholders(&r.message) {
                if !MESSAGE_FIELDS.contains(&p) {
                    let mut d = Diagnostic::error(
                        path,
                        format!(
                            "rule `{}`: unknown placeholder `{{{p}}}` in its message",
                            r.id
                        ),
                    )
                    .with_yaml_path(format!("rules[{i}].message"));
                    d = match suggest(p, MESSAGE_FIELDS.iter().copied()) {
                        Some(s) => d.with_help(format!("did you mean `{{{s}}}`?")),
                        None => d.with_help(format!(
                            "placeholders: {}",
                            MESSAGE_FIELDS
                                .iter()
                                .map(|f| format!("{{{f}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    };
                    errors.push(at(d, "id", &r.id, 0));
                }
            }
            for problem in check_references(&r.check, g, frames)
                .into_iter()
                .chain(lexicon_references(&r.check, lexicon))
            {
                errors.push(at(
                    Diagnostic::error(path, format!("rule `{}`: {problem}", r.id))
                        .with_yaml_path(format!("rules[{i}].check")),
                    "id",
                    &r.id,
                    0,
                ));
            }
            rules.push(Rule {
                id: r.id,
                severity: r.severity,
                disputed: r.disputed,
                summary: r.summary,
                description: r.description,
                message: r.message,
                tags: r.tags,
                check: r.check,
                file: path.clone(),
            });
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// What a check names must exist: statuses in a status frame, measures in a count frame,
/// subjects in the gazetteer. Returns the problems, in words.
fn check_references(check: &Check, g: Option<&Gazetteer>, frames: Option<&Frames>) -> Vec<String> {
    let mut problems = Vec::new();
    let measures: Vec<&str> = frames
        .map(|f| f.counts.iter().map(|c| c.measure.as_str()).collect())
        .unwrap_or_default();
    let statuses: Vec<&str> = frames
        .map(|f| {
            f.status
                .iter()
                .flat_map(|s| s.statuses.iter().map(|x| x.0.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let unknown_measure = |m: &str, problems: &mut Vec<String>| {
        if frames.is_some() && !measures.contains(&m) {
            let hint = suggest(m, measures.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            problems.push(format!("no count frame has the measure `{m}`{hint}"));
        }
    };
    match check {
        Check::Numeric(p) => {
            p.measures
                .iter()
                .for_each(|m| unknown_measure(m, &mut problems));
            if p.scale_ratio.is_some_and(|r| r.is_nan() || r <= 1.0) {
                problems.push("`scale_ratio` must be more than 1".into());
            }
        }
        Check::Cumulative(p) => p
            .measures
            .iter()
            .for_each(|m| unknown_measure(m, &mut problems)),
        Check::ExclusiveStatus(p) => {
            if p.groups.len() < 2 || p.groups.iter().any(Vec::is_empty) {
                problems.push("`groups` needs at least two non-empty groups of statuses".into());
            }
            for s in p.groups.iter().flatten() {
                if frames.is_some() && !statuses.contains(&s.as_str()) {
                    let hint = suggest(s, statuses.iter().copied())
                        .map(|x| format!(" (did you mean `{x}`?)"))
                        .unwrap_or_default();
                    problems.push(format!("no status frame has the status `{s}`{hint}"));
                }
            }
            if let (Some(subject), Some(g)) = (&p.subject, g) {
                if !g.classes.iter().any(|c| &c.id == subject) && g.thing(subject).is_none() {
                    problems.push(format!(
                        "unknown subject `{subject}`: not a class or thing in the gazetteer"
                    ));
                }
            }
        }
        Check::Internal(p) => {
            if matches!(*p.check, Check::Internal(_)) {
                // Said once, however deep the nesting goes.
                problems.push("an internal check cannot hold another internal check".into());
            } else {
                problems.extend(check_references(&p.check, g, frames));
            }
        }
        Check::Control(_)
        | Check::EventDate(_)
        | Check::Term(_)
        | Check::LoadedTerm(_)
        | Check::TermRate(_) => {}
    }
    problems
}

/// Loaded-term rules name terms of the lexicon; a rate rule needs a limit.
fn lexicon_references(check: &Check, lexicon: Option<&crate::rules::Lexicon>) -> Vec<String> {
    let (terms, rate) = match check {
        Check::LoadedTerm(p) => (&p.terms, None),
        Check::TermRate(p) => (&p.terms, Some(p)),
        _ => return Vec::new(),
    };
    let mut problems = Vec::new();
    if let Some(p) = rate {
        if p.max_per_1000.is_none() && p.max_ratio.is_none() {
            problems.push("a term-rate check needs `max_per_1000` or `max_ratio`".to_string());
        }
    }
    let Some(lexicon) = lexicon else {
        return problems;
    };
    // With no lexicon loaded (a pack without `lexicons/`) a loaded-wording rule still
    // reports scare quotes; terms it names must exist.
    let known: Vec<&str> = lexicon
        .terms
        .iter()
        .map(|t| t.id.as_str())
        .chain(std::iter::once(super::lexicon::SCARE_QUOTES))
        .collect();
    for t in terms {
        if !known.contains(&t.as_str()) {
            let hint = suggest(t, known.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            problems.push(format!("no lexicon term `{t}`{hint}"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_one(src: &str) -> Result<Vec<Rule>, Vec<Diagnostic>> {
        compile(
            &[(PathBuf::from("r.yaml"), src.to_string())],
            None,
            None,
            None,
        )
    }

    const RULE: &str = "rules:\n  - id: pact-status\n    severity: error\n    summary: s\n    description: d\n    message: '{key}: {a} vs {b}'\n    check:\n      kind: exclusive-status\n      params:\n        groups: [[holding], [collapsed]]\n";

    /// An `internal` check nested in itself is one error, not one per level.
    #[test]
    fn nested_internal_checks_are_one_error() {
        let mut check =
            "{kind: exclusive-status, params: {groups: [[holding], [collapsed]]}}".to_string();
        for _ in 0..20 {
            check = format!("{{kind: internal, params: {{check: {check}}}}}");
        }
        let src = format!(
            "rules:\n  - id: pact-status\n    severity: error\n    summary: s\n    description: d\n    message: m\n    check: {check}\n"
        );
        let e = compile_one(&src).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].message.contains("cannot hold another internal"),
            "{e:?}"
        );
    }

    #[test]
    fn loads_a_rule() {
        let r = compile_one(RULE).unwrap();
        assert_eq!(r[0].check.kind(), "exclusive-status");
        assert_eq!(r[0].severity, Severity::Error);
    }

    #[test]
    fn unknown_kinds_keys_and_placeholders_are_located() {
        let e = compile_one(&RULE.replace("exclusive-status", "exclusive-statuz")).unwrap_err();
        assert_eq!(e[0].line, Some(8), "{e:?}");
        assert!(
            e[0].message.contains("unknown variant `exclusive-statuz`"),
            "{}",
            e[0].message
        );
        let e = compile_one(&RULE.replace("groups:", "grups:")).unwrap_err();
        assert_eq!(e[0].message, "unknown key `grups`");
        assert_eq!(e[0].yaml_path.as_deref(), Some("rules[0].check.params"));
        let e = compile_one(&RULE.replace("{b}", "{bee}")).unwrap_err();
        assert!(e[0].message.contains("unknown placeholder `{bee}`"));
        assert_eq!(e[0].help.as_deref(), Some("did you mean `{b}`?"));
        let e = compile_one(&RULE.replace("severity: error", "severity: fatal")).unwrap_err();
        assert_eq!(e[0].line, Some(3));
    }

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let two = format!("{RULE}{}", RULE.replace("rules:\n", ""));
        let e = compile_one(&two).unwrap_err();
        assert!(
            e[0].message.contains("defined twice") && e[0].line == Some(11),
            "{e:?}"
        );
        let e = compile_one(&RULE.replace("pact-status", "Pact_Status")).unwrap_err();
        assert!(e[0].message.contains("kebab-case"));
    }

    #[test]
    fn messages_fill_their_placeholders() {
        let mut f = BTreeMap::new();
        f.insert("a", "holding".to_string());
        f.insert("b", "collapsed".to_string());
        assert_eq!(render_message("{a} vs {b}", &f), "holding vs collapsed");
    }
}
