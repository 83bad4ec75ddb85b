//! Claims: what an article asserts, normalised so claims from different outlets compare.

use crate::annotate::Qualifier;
use crate::calendar::DayRange;
use crate::rules::frames::Change;
use std::ops::Range;

/// How a claim is put: hedged, negated, planned, conditional, quoted, attributed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Modality {
    /// "reportedly", "appears to", "allegedly".
    pub hedged: bool,
    /// "were not killed", "no longer holds".
    pub negated: bool,
    /// Future or intended: "will be controlled by", "are set to begin".
    pub planned: bool,
    /// Inside an "if" or "unless" clause: a hypothesis, not an assertion.
    pub conditional: bool,
    /// Inside a quotation: the speaker's words, not the outlet's own voice.
    pub quoted: bool,
    /// Who the claim is attributed to ("the Karsk Monitor said", "according to the U.N.").
    pub attribution: Option<Attribution>,
}

/// Who a claim comes from: the party it is attributed to (a gazetteer actor when the
/// source resolves to one, else the source's words), or the outlet's own voice. One origin
/// repeated by many outlets is one voice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A gazetteer actor ("karsk-defence-ministry").
    Party(String),
    /// A source the gazetteer does not know, by its words in lower case ("residents").
    Source(String),
    /// The outlet's own voice.
    Outlet,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Party(id) => f.write_str(id),
            Origin::Source(words) => write!(f, "\"{words}\""),
            Origin::Outlet => f.write_str("the outlet's own voice"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub text: String,
    /// The gazetteer actor, when the source is one.
    pub entity: Option<String>,
}

/// Where a claim's time window comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// A time expression in the same sentence, or the start of the agreement it names when
    /// the claim covers every day since ("the truce put an end to the fighting").
    Text,
    /// A time expression in the same sentence that dates the report of the claim, not the
    /// event it tells of: "said on Tuesday it had captured the town". Compared as `Text`
    /// everywhere except where the day of the event matters (the dates of a capture).
    Report,
    /// The date of the previous sentence in the same paragraph.
    Context,
    /// No date of its own: a window before publication, set by the frame.
    Publication,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimKind {
    Count {
        measure: String,
        subject: String,
        /// The actor the counted group belongs to ("Karskian soldiers" → karsk).
        subject_actor: Option<String>,
        subject_text: String,
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        qualifier: Qualifier,
        /// Relative looseness of the bounds ("about": 0.1).
        tolerance: f64,
        /// A running total ("since December", "so far").
        cumulative: bool,
        /// A count of the rest ("25 were killed elsewhere", "in other provinces"): a part
        /// whose whole its words do not name.
        remainder: bool,
        /// A rate ("every 10 hostages", "for every additional ten"): not a count of any one
        /// batch.
        rate: bool,
        /// Its verb is in the perfect ("have been freed", "said it had released"): news as
        /// of the day it was reported, even with no date of its own.
        perfect: bool,
    },
    Control {
        place: Option<String>,
        place_text: String,
        controller: String,
        controller_text: String,
        change: Change,
    },
    Status {
        /// A thing id (or a class id when the thing could not be told by date).
        subject: String,
        status: String,
    },
    EventDate {
        thing: String,
        event: String,
        /// The moment in UTC, when the text gives a time of day and its zone ("at 21:45
        /// local time (18:45 GMT) on May 22"): two reports of one moment in different zones
        /// may name different days.
        instant: Option<jiff::Timestamp>,
    },
    /// A figure a named agreement sets ("a 5 km wide corridor", "within 30 days"), in a base
    /// unit (km, hours) so that miles and kilometres, days and hours compare.
    Term {
        thing: String,
        /// What the figure measures: `width`, `duration`, `deadline`.
        term: String,
        value: f64,
        unit: String,
        /// "on each side": the total is twice the value.
        per_side: bool,
    },
}

impl ClaimKind {
    pub fn name(&self) -> &'static str {
        match self {
            ClaimKind::Count { .. } => "count",
            ClaimKind::Control { .. } => "control",
            ClaimKind::Status { .. } => "status",
            ClaimKind::EventDate { .. } => "event-date",
            ClaimKind::Term { .. } => "agreement-term",
        }
    }
}

pub use crate::corpus::Located;

/// One claim, pointing into its document's analysed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The frame that produced it.
    pub frame: String,
    /// The words of the claim, in the document's analysed text.
    pub span: Range<usize>,
    /// The sentence holding it.
    pub sentence: Range<usize>,
    pub when: DayRange,
    pub time_basis: TimeBasis,
    /// The place the claim is about (count claims; control claims carry their own).
    pub place: Option<String>,
    pub modality: Modality,
}

/// How long a dated window may be and still be one incident's: "overnight" spans two days,
/// "last week" seven.
const INCIDENT_DAYS: i64 = 2;

impl Claim {
    /// Who the claim comes from (see [`Origin`]).
    pub fn origin(&self) -> Origin {
        match &self.modality.attribution {
            None => Origin::Outlet,
            Some(a) => match &a.entity {
                Some(id) => Origin::Party(id.clone()),
                None => Origin::Source(
                    a.text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase(),
                ),
            },
        }
    }

    /// Whether a count is an increment ("20 more hostages", "12 additional trucks"): a part
    /// added to a total the sentence does not give, never compared with a total.
    pub fn counts_increment(&self) -> bool {
        match &self.kind {
            ClaimKind::Count { subject_text, .. } => {
                subject_text.split_whitespace().next().is_some_and(|w| {
                    ["more", "additional", "extra"].contains(&w.to_lowercase().as_str())
                })
            }
            _ => false,
        }
    }

    /// Whether a count covers a period (a running total, "in February", "last week") rather
    /// than one incident. A period's count is compared only with counts over the same period
    /// (or, as a running total, checked for going down), never with one clash's toll. A count
    /// with no date of its own is taken as an incident's, as before.
    pub fn counts_period(&self) -> bool {
        match &self.kind {
            ClaimKind::Count { cumulative, .. } => {
                *cumulative
                    || (self.time_basis != TimeBasis::Publication
                        && self.when.days() > INCIDENT_DAYS)
            }
            _ => false,
        }
    }
}
