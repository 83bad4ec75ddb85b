//! Time expressions, resolved against the publication date.
//!
//! Resolution follows HeidelTime's rule for news: an expression without a year (a month and
//! day, a month, a weekday) means the most recent matching day on or before publication, and
//! a later one only when its sentence speaks of the future ("patrols are set to begin on
//! March 15th"). Publication may be a window; past readings are bounded by its last day and
//! future readings by its first.
//!
//! Part-of-period policy: "early" is days 1-10 of a month (January-April of a year), "mid"
//! days 11-20 (May-August), "late" day 21 to the end (September-December); "the beginning
//! of" and "the end of" a month are its first and last seven days.

use crate::calendar::DayRange;
use crate::gated::{self, Captures, GatedRegex, GatedSet};
use crate::text::prefix_gate::Needs;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// How precise an expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Day,
    Week,
    Month,
    Year,
    Range,
}

/// A qualifier on the period (TIMEX3 `mod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeMod {
    Start,
    Mid,
    End,
    Since,
    After,
    Approx,
}

/// A resolved time expression in normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Range<usize>,
    /// TIMEX3-like value: `2020-01-19`, `2020-W03`, `2019-12`, `2018`.
    pub value: String,
    pub grain: Grain,
    pub range: DayRange,
    pub modifier: Option<TimeMod>,
    /// A wire dateline ("CITY, April 5 (Wire) -") or a page's date stamp: when the text was
    /// filed, not when anything in it happened. Claims are not dated by it.
    pub dateline: bool,
    /// The time of day said with the date ("at 06:00 local time (03:00 GMT) on Monday"):
    /// hour, minute, and the zone's offset from UTC in minutes when the text gives it. The
    /// comparison of instants reads only this field.
    pub time: Option<TimeOfDay>,
}

/// A time of day: `(hour, minute, offset from UTC in minutes if known)`.
pub type TimeOfDay = (u8, u8, Option<i16>);

const MONTH: &str = r"(?:(?i:january|february|april|june|july|august|september|october|november|december)|March|MARCH|May|MAY|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)";
const DAY: &str = r"(?:[0-3]?\d)(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:1[89]\d\d|20\d\d)";
/// Month names in any case, for forms where digits and separators make the reading safe.
const MONTH_LOOSE: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
/// After a day number a lowercase abbreviation is safe ("14 nov"), but not "may" or "mar".
const MONTH_LOWER: &str = r"(?:jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
const ORDINAL_WORDS: &str = r"(?i:thirty[\s-]first|thirtieth|twenty[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|second|first)";
const SMALL_COUNT: &str = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several|a\s+couple\s+of)";
const WEEKDAY: &str = r"(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?)";

/// One recogniser: a pattern and the kind of expression it finds. Earlier ones win overlaps.
struct Rule {
    kind: Kind,
    pattern: String,
    /// Compiled when [`ANY`] first says the pattern may match: a small corpus needs a third
    /// of the 44, and compiling the rest was a tenth of start-up.
    re: OnceLock<GatedRegex>,
}

impl Rule {
    fn re(&self) -> &GatedRegex {
        self.re
            .get_or_init(|| GatedRegex::new(&self.pattern, ascii()).expect("built-in time pattern"))
    }
}

/// ASCII classes: dates are written in ASCII letters and digits, the text's whitespace is
/// normalised to spaces and line breaks, and Unicode classes would make these 44 patterns
/// cost most of start-up to compile. They only run on sentences `ANY` picked.
fn ascii() -> gated::Options {
    gated::Options {
        unicode: false,
        ..gated::Options::default()
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Iso,
    PartOfRelative,
    SameUnit,
    Century,
    After,
    Within,
    AfterNext,
    DayMonthYearSep,
    MonthDayYearSep,
    YearMonthDaySep,
    IsoMonth,
    YearMonthNumeric,
    MonthYearNumeric,
    Offset,
    InOffset,
    TheDayBeforeAfter,
    PartOfDay,
    PastHours,
    Weekend,
    Quarter,
    Half,
    Decade,
    EarlierLater,
    WeekdayOfWeek,
    OrdinalDay,
    TheNth,
    YearMonthName,
    MonthSepYear,
    MonthDaySep,
    Numeric,
    LastNext,
    MonthDayYear,
    DayMonthYear,
    MonthDayRange,
    PartOfMonth,
    PartOfYear,
    MonthOfSameYear,
    MonthYear,
    MonthDay,
    DayMonth,
    Relative,
    Ago,
    Weekday,
    Deictic,
    MonthAlone,
    Year,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let r = |kind, pattern: String| Rule {
        kind,
        pattern,
        re: OnceLock::new(),
    };
    vec![
        r(Kind::Iso, r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b".into()),
        r(Kind::DayMonthYearSep, format!(r"\b(?P<d>[0-3]?\d)[-/ ](?P<mon>{MONTH_LOOSE})[-/ ](?P<y>{YEAR})\b")),
        r(Kind::MonthDayYearSep, format!(r"\b(?P<mon>{MONTH_LOOSE})[-/](?P<d>[0-3]?\d)[-/](?P<y>{YEAR})\b")),
        r(Kind::YearMonthDaySep, format!(r"\b(?P<y>{YEAR})[-/](?P<mon>{MONTH_LOOSE})[-/](?P<d>[0-3]?\d)\b")),
        r(Kind::Offset, format!(r"(?i)\b(?P<n>{SMALL_COUNT})\s+(?P<unit>hour|day|week|month|year)s?\s+(?P<dir>later|earlier|after|before|from|prior\s+to)\b(?:\s+(?P<anchor>today|tomorrow|yesterday|now)\b)?")),
        r(Kind::AfterNext, r"(?i)\bthe\s+(?P<unit>day|week|month|year)\s+after\s+(?:the\s+)?next\b".into()),
        r(Kind::TheDayBeforeAfter, r"(?i)\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)\b(?:\s+(?P<anchor>today|tomorrow|yesterday)\b)?".into()),
        r(Kind::PartOfDay, r"(?i)\b(?:(?P<ov>overnight)|(?P<rel>the\s+previous|the\s+following|the\s+next|earlier\s+that|later\s+that|that|the\s+same)\s+(?P<part>night|evening|morning|afternoon|day))\b".into()),
        r(Kind::PastHours, r"(?i)\bthe\s+(?:(?:past|last|previous)\s+(?P<n>\d+)\s+hours|(?:past|previous)\s+day)\b".into()),
        r(Kind::WeekdayOfWeek, format!(r"(?i)\b(?:(?P<wd>{WEEKDAY})\s+(?:of\s+)?(?:the\s+)?(?P<rel>last|this|next|following|previous|coming)\s+week|(?P<rel2>last|this|next|following|previous|coming)\s+week(?:'s)?\s+(?:on\s+)?(?P<wd2>{WEEKDAY}))\b")),
        r(Kind::Quarter, format!(r"(?i)\b(?:(?P<qn>q[1-4])\s*(?P<y>{YEAR})|(?P<y2>{YEAR})\s*-?\s*(?P<qn2>q[1-4])|(?:the\s+)?(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?P<y3>{YEAR})|(?P<rely>this|last|next|the)\s+year))?|(?:the\s+)?(?P<rel>this|last|next|current|previous|following|coming)\s+quarter)\b")),
        r(Kind::Half, format!(r"(?i)\b(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<y>{YEAR})|(?P<rely>this|last|next|the)\s+year)\b")),
        r(Kind::Century, r"(?i)\b(?:the\s+)?(?P<c>[12]?\d)(?:st|nd|rd|th)\s+century\b".into()),
        r(Kind::After, format!(r"(?i:\b(?:after|later\s+than|greater\s+than|beyond)\s+(?:the\s+year\s+)?)(?P<y>{YEAR})\b")),
        r(Kind::Within, format!(r"(?i)\bwithin\s+(?:the\s+)?(?:next\s+)?(?P<n>{SMALL_COUNT}|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>day|week|month|year)s?\b")),
        r(Kind::Decade, r"(?i)(?:\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)'?s|'(?P<d2>\d0)s)\b".into()),
        r(Kind::EarlierLater, r"(?i)\b(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)\b".into()),
        r(Kind::Weekend, r"(?i)\b(?:(?P<rel>last|this|next|over\s+the|the|on\s+the|during\s+the)\s+)?weekend\b".into()),
        r(Kind::InOffset, format!(r"(?i)\bin\s+(?P<n>{SMALL_COUNT})\s+(?P<unit>day|week|month|year)s?\b")),
        r(Kind::OrdinalDay, format!(r"(?:(?i:\b(?:the\s+)?(?P<ordw>{ORDINAL_WORDS})\s+(?:day\s+)?of\s+)(?P<mon>{MONTH})|\b(?P<mon2>{MONTH})\s+(?i:(?:the\s+)?(?P<ordw2>{ORDINAL_WORDS})))(?:,?\s+(?P<y>{YEAR}))?\b")),
        r(Kind::IsoMonth, r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])\b".into()),
        r(Kind::Numeric, r"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?:(?P<sep2>[/.])(?P<y>\d{4}|\d{2}))?\b".into()),
        r(Kind::YearMonthNumeric, format!(r"\b(?P<y>{YEAR})\s*[-/]\s*(?P<m>1[0-2]|0?[1-9])\b")),
        r(Kind::MonthYearNumeric, format!(r"\b(?P<m>1[0-2]|0?[1-9])\s*[-/]\s*(?P<y>{YEAR})\b")),
        r(Kind::LastNext, r"(?i)\b(?:the\s+)?(?P<rel>last|past|previous|next|coming|upcoming)\s+(?P<n>\d+|few|couple(?:\s+of)?|[a-z]+(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)\s+(?P<unit>day|week|month|year)s\b".into()),
        r(Kind::MonthDayYear, format!(r"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\s*,?\s*(?:(?i:in|of)\s+)?(?P<y>{YEAR})\b")),
        r(Kind::DayMonthYear, format!(r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_LOOSE}),?\s+(?:(?i:in|of)\s+)?(?P<y>{YEAR})\b")),
        r(Kind::MonthDayRange, format!(r"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\s*(?P<sep>-|to|through|until|and)\s*(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?")),
        r(Kind::PartOfMonth, format!(r"(?i:\b(?P<part>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of))[\s-]+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?\b")),
        r(Kind::PartOfYear, format!(r"(?i:\b(?P<part>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of))[\s-]+(?P<y>{YEAR})\b")),
        r(Kind::MonthOfSameYear, format!(r"\b(?P<mon>{MONTH})\s+of\s+(?i:the\s+)?(?i:same|that)\s+year\b")),
        r(Kind::MonthYear, format!(r"\b(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<y>{YEAR})\b")),
        r(Kind::MonthSepYear, format!(r"\b(?P<mon>{MONTH_LOOSE})\s*[-/]\s*(?P<y>{YEAR})\b")),
        r(Kind::YearMonthName, format!(r"\b(?P<y>{YEAR})\s*,?\s+(?P<mon>{MONTH})\b")),
        r(Kind::MonthDaySep, format!(r"\b(?P<mon>{MONTH_LOOSE})[-/](?P<d>[0-3]?\d)\b")),
        // A day glued to the next word by a page's lost markup ("since May 20mediated by") is
        // still a day; the word is not part of the date.
        r(Kind::MonthDay, format!(r"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:\b|(?P<glued>[a-z]{{4,}})\b)")),
        r(Kind::DayMonth, format!(r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}|{MONTH_LOWER})\b")),
        r(
            Kind::TheNth,
            r"(?i)\b(?:on\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|the|next|last)\s+month\b)?|the\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)\s+of\s+(?P<rel2>this|the|next|last)\s+month\b)".into(),
        ),
        r(Kind::PartOfRelative, r"(?i)\b(?P<part>early|mid|late)[\s-]+(?P<rel>last|this|next|previous)\s+(?P<unit>week|month|year)\b".into()),
        r(Kind::SameUnit, r"(?i)\b(?:the\s+)?(?:same|that)\s+(?P<unit>day|week|weekend|month|year)\b".into()),
        r(Kind::Relative, r"(?i)\b(?:the\s+)?(?P<rel>last|this|next|past|previous|coming|following|current)\s+(?P<unit>week|month|year)\b".into()),
        r(Kind::Ago, r"(?i)\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?P<unit>day|week|month|year)s?\s+ago\b".into()),
        // "It has been nine days since the offensive began": the day it began.
        r(Kind::Ago, r"(?i)\bit(?:\s+(?:has|had)\s+been|'s\s+been|\s+is|\s+was)\s+(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?P<unit>day|week|month|year)s?\s+since\b".into()),
        r(Kind::Weekday, format!(r"(?i:\b(?:(?P<rel>last|this|next|on|previous|following|coming)\s+)?)\b(?P<wd>{WEEKDAY})(?:'s\b)?")),
        r(Kind::Deictic, r"(?i)\b(?P<deic>today|yesterday|tomorrow|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening)\b".into()),
        r(Kind::MonthAlone, format!(r"(?i:\b(?P<prep>in|since|until|till|by|from|through|during|before|after|last|this|next)\s+)(?P<mon>{MONTH})\b")),
        r(Kind::Year, format!(r"\b(?P<y>{YEAR})\b")),
    ]
});

/// Every recogniser at once: one scan of a sentence says which recognisers can match in
/// it, so the others are not run (most sentences hold no time expression at all).
static ANY: LazyLock<GatedSet> = LazyLock::new(|| {
    let patterns: Vec<&str> = RULES.iter().map(|r| r.pattern.as_str()).collect();
    GatedSet::new(&patterns, ascii()).expect("built-in time patterns")
});

/// The words one of which a sentence holds when a recogniser may match in it (a digit, a
/// month's or a weekday's name, a unit of time...): most sentences hold none, and this one
/// search rules them out before [`ANY`]'s.
static ANY_NEEDS: LazyLock<Needs> = LazyLock::new(|| {
    let hirs: Vec<Option<regex_syntax::hir::Hir>> = RULES
        .iter()
        .map(|r| regex_automata::util::syntax::parse_with(&r.pattern, &ascii().syntax()).ok())
        .collect();
    Needs::of_hirs(hirs.iter().map(Option::as_ref))
});

/// Words that make a clause speak of the future.
static FUTURE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:will|shall|won't|is\s+set\s+to|are\s+set\s+to|set\s+to\s+(?:begin|start|take)|scheduled|due\s+to|expected\s+to|plans?\s+to|planned|upcoming|is\s+to|are\s+to)\b",
    )
});

/// A future seen from the past ("was due to end on Monday", "would expire"): the reference
/// point is before publication, so the past reading stands.
static PAST_FUTURE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:(?:was|were|had\s+been)\s+(?:due|set|scheduled|expected|supposed|planned|meant|going)\b|would|was\s+to|were\s+to)\b",
    )
});

/// Where the clause holding byte `at` of `sentence` starts: after the last comma, semicolon,
/// colon or dash, or a word that opens a new clause. Brackets are not boundaries: "due to
/// expire at 6 am (0400 GMT) on Sunday" is one clause.
fn clause_start(sentence: &str, at: usize) -> usize {
    const OPENERS: [&str; 12] = [
        "which", "who", "but", "while", "after", "when", "as", "since", "because", "and", "said",
        "says",
    ];
    let bytes = &sentence.as_bytes()[..at];
    // One pass backwards, word by word, to the nearest boundary: linear in the clause.
    let mut i = bytes.len();
    while i > 0 {
        let b = bytes[i - 1];
        if b.is_ascii_alphabetic() {
            let end = i;
            while i > 0 && bytes[i - 1].is_ascii_alphabetic() {
                i -= 1;
            }
            let word = &sentence[i..end];
            let spaced = i > 0 && bytes[i - 1] == b' ' && bytes.get(end) == Some(&b' ');
            if spaced && OPENERS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
                return i;
            }
            continue;
        }
        let digits_around =
            i >= 2 && bytes[i - 2].is_ascii_digit() && bytes.get(i).is_some_and(u8::is_ascii_digit);
        // Not the colon of "6:00" nor the comma of "1,200".
        if matches!(b, b',' | b';' | b':') && !digits_around {
            return i;
        }
        // A dash between spaces, or a double dash.
        if b == b'-' && i >= 2 {
            if bytes[i - 2] == b'-' {
                return i;
            }
            if bytes[i - 2] == b' ' && bytes.get(i) == Some(&b' ') {
                return i + 1;
            }
        }
        i -= 1;
    }
    0
}

/// Whether `head` ends with one of `words` (a whole word, any case), spaces aside.
fn ends_with_word(head: &str, words: &[&str]) -> bool {
    let head = head.trim_end();
    let last = head
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// How the expression at byte `at` of `sentence` is read: `Some(true)` forward, when a future
/// word stands before it in its own clause ("talks will resume on Monday"), not in another
/// ("a report released Saturday, as more are expected to die"); `Some(false)` for a future
/// seen from the past ("was due to end on"); `None` for neither.
fn direction_at(sentence: &str, at: usize) -> Option<bool> {
    let clause = &sentence[clause_start(sentence, at)..at];
    let last = |re: &GatedRegex| re.find_iter(clause).last();
    match (
        last(&FUTURE).map(|m| m.start),
        last(&PAST_FUTURE).map(|m| m.end),
    ) {
        (Some(f), Some(p)) => Some(f >= p),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// Words right before a four-digit number that make it a count, not a year.
static COUNT_BEFORE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|fewer\s+than|less\s+than|least|than|\$|€|£)\s*$",
    )
});

/// Find and resolve every time expression in `text`, sentence by sentence.
pub fn find(text: &str, sentences: &[Range<usize>], published: DayRange) -> Vec<TimeExpr> {
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut last_year: Option<i16> = None;
    let mut last_day: Option<Date> = None;
    for s in sentences {
        let sentence = &text[s.clone()];
        if !ANY_NEEDS.may_match(sentence) {
            continue;
        }
        let candidates = ANY.matches(sentence);
        if candidates.is_empty() {
            continue;
        }
        let mut found: Vec<TimeExpr> = Vec::new();
        // Weekdays read forward from publication, to re-read from an earlier date.
        let mut forward: Vec<usize> = Vec::new();
        for rule in candidates.iter().map(|&i| &RULES[i]) {
            for caps in rule.re().captures_iter(sentence) {
                let m = caps.get(0).expect("whole match");
                let end = caps.name("glued").map_or(m.end(), |g| g.start());
                let span = s.start + m.start()..s.start + end;
                if found
                    .iter()
                    .any(|t| t.span.start < span.end && span.start < t.span.end)
                    || inside_longer_number(text, &span)
                {
                    continue;
                }
                let direction = direction_at(sentence, m.start());
                let ctx = Ctx {
                    published,
                    future: direction == Some(true),
                    either_way: direction == Some(false)
                        || ends_with_word(&sentence[..m.start()], &["until", "till", "through"]),
                    last_year,
                    last_day,
                    text,
                    span: span.clone(),
                };
                let Some(t) = resolve(rule.kind, &caps, &ctx) else {
                    continue;
                };
                if let Some(pair) = two_days(rule.kind, &caps, &t, s.start, sentence) {
                    found.extend(pair);
                    continue;
                }
                if matches!(rule.kind, Kind::Weekday)
                    && ctx.future
                    && caps
                        .name("rel")
                        .is_none_or(|r| r.as_str().eq_ignore_ascii_case("on"))
                {
                    forward.push(t.span.start);
                }
                found.push(t);
            }
        }
        found.sort_by_key(|t| t.span.start);
        anchor_offsets(text, &mut found);
        drop_event_offsets(text, &mut found);
        merge_ranges(text, &mut found);
        reanchor_forward(&mut found, &forward);
        merge_weekday_dates(text, &mut found);
        attach_times(text, s, &mut found);
        for t in &mut found {
            if t.grain == Grain::Day {
                last_day = Some(t.range.from);
            }
            extend_since(text, t, published);
            if matches!(t.grain, Grain::Day | Grain::Month | Grain::Year)
                && is_explicit_year(&t.value)
            {
                last_year = Some(t.range.from.year());
            }
        }
        out.extend(found);
    }
    mark_datelines(text, &mut out);
    out
}

fn is_explicit_year(value: &str) -> bool {
    value.len() >= 4 && value[..4].bytes().all(|b| b.is_ascii_digit())
}

struct Ctx<'a> {
    published: DayRange,
    future: bool,
    /// A weekday here is the nearest one either side of publication: a deadline seen from the
    /// past ("was due to expire on Wednesday") or an end point ("a truce through Sunday").
    either_way: bool,
    last_year: Option<i16>,
    /// The last day-precise date mentioned, the anchor of "two days later", "the day before".
    last_day: Option<Date>,
    text: &'a str,
    span: Range<usize>,
}

fn resolve(kind: Kind, caps: &Captures, ctx: &Ctx) -> Option<TimeExpr> {
    let num = |name: &str| {
        caps.name(name).and_then(|m| {
            m.as_str()
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse::<i16>()
                .ok()
        })
    };
    let month = || caps.name("mon").and_then(|m| month_number(m.as_str()));
    let span = ctx.span.clone();
    let reference = ctx.published;
    match kind {
        Kind::Iso | Kind::MonthDayYear | Kind::DayMonthYear => {
            let (y, m, d) = match kind {
                Kind::Iso => (num("y")?, num("m")? as i8, num("d")? as i8),
                _ => (num("y")?, month()?, num("d")? as i8),
            };
            day_expr(span, Date::new(y, m, d).ok()?)
        }
        Kind::PartOfRelative => {
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let shift_by = match caps.name("rel")?.as_str().to_lowercase().as_str() {
                "last" | "previous" => -1,
                "next" => 1,
                _ => 0,
            };
            let base = shift(reference.to, shift_by, &unit)?;
            let period = match unit.as_str() {
                "week" => week_expr(span.clone(), base)?,
                "month" => month_expr(span.clone(), base.year(), base.month(), None)?,
                _ => year_expr(span.clone(), base.year())?,
            };
            let part = part(caps.name("part")?.as_str());
            // Weeks: early Monday-Wednesday, mid Tuesday-Thursday, late Thursday-Sunday.
            let (a, b) = match (unit.as_str(), part) {
                ("week", TimeMod::Start) => (0, 2),
                ("week", TimeMod::Mid) => (1, 3),
                ("week", _) => (3, 6),
                ("month", TimeMod::Start) => (0, 9),
                ("month", TimeMod::Mid) => (10, 19),
                ("month", _) => (20, i32::from(period.range.to.day()) - 1),
                (_, TimeMod::Start) => return year_part(span, base.year(), 1, 4, part),
                (_, TimeMod::Mid) => return year_part(span, base.year(), 5, 8, part),
                _ => return year_part(span, base.year(), 9, 12, part),
            };
            let from = period.range.from.checked_add(a.days()).ok()?;
            let to = period.range.from.checked_add(b.days()).ok()?;
            Some(TimeExpr {
                span,
                value: period.value,
                grain: period.grain,
                range: DayRange::new(from, to)?,
                modifier: Some(part),
                dateline: false,
                time: None,
            })
        }
        Kind::SameUnit => {
            let base = ctx.last_day.unwrap_or(reference.to);
            match caps.name("unit")?.as_str().to_lowercase().as_str() {
                "day" => day_expr(span, base),
                "week" => week_expr(span, base),
                "weekend" => {
                    let saturday = in_week(base, Weekday::Saturday);
                    let iso = saturday.iso_week_date();
                    Some(TimeExpr {
                        span,
                        value: format!("{:04}-W{:02}-WE", iso.year(), iso.week()),
                        grain: Grain::Range,
                        range: DayRange::new(saturday, saturday.tomorrow().ok()?)?,
                        modifier: None,
                        dateline: false,
                        time: None,
                    })
                }
                "month" => month_expr(span, base.year(), base.month(), None),
                _ => year_expr(span, base.year()),
            }
        }
        Kind::Century => {
            let c: i16 = caps.name("c")?.as_str().parse().ok()?;
            if !(1..=21).contains(&c) {
                return None;
            }
            let start = (c - 1) * 100;
            let from = Date::new(start.max(1), 1, 1).ok()?;
            let to = Date::new(start + 99, 12, 31).ok()?;
            Some(TimeExpr {
                span,
                value: format!("{:02}", c - 1),
                grain: Grain::Range,
                range: DayRange::new(from, to)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::After => {
            // "after 2016": open from the next year on; the range ends at publication.
            let from = Date::new(num("y")? + 1, 1, 1).ok()?;
            let to = reference.to.max(from);
            Some(TimeExpr {
                span,
                value: format!("{}", num("y")?),
                grain: Grain::Range,
                range: DayRange::new(from, to)?,
                modifier: Some(TimeMod::After),
                dateline: false,
                time: None,
            })
        }
        Kind::Within => {
            let n = count(caps.name("n")?.as_str())?;
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let today = reference.to;
            let to = shift(today, n, &unit)?.yesterday().ok()?;
            Some(TimeExpr {
                span,
                value: format!("{today}..{to}"),
                grain: Grain::Range,
                range: DayRange::new(today, to)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::AfterNext => {
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let d = shift(reference.to, 2, &unit)?;
            match unit.as_str() {
                "day" => day_expr(span, d),
                "week" => week_expr(span, d),
                "month" => month_expr(span, d.year(), d.month(), None),
                _ => year_expr(span, d.year()),
            }
        }
        Kind::IsoMonth | Kind::YearMonthNumeric | Kind::MonthYearNumeric => {
            // "2022 - 08:00" is a year and a time of day.
            if ctx.text[span.end..].starts_with(':') {
                return None;
            }
            month_expr(span, num("y")?, num("m")? as i8, None)
        }
        Kind::MonthSepYear | Kind::YearMonthName => month_expr(span, num("y")?, month()?, None),
        Kind::DayMonthYearSep | Kind::MonthDayYearSep | Kind::YearMonthDaySep => {
            day_expr(span, Date::new(num("y")?, month()?, num("d")? as i8).ok()?)
        }
        Kind::MonthDaySep => {
            let (m, d) = (month()?, num("d")? as i8);
            day_expr(span, nearest_day(m, d.max(0), reference, ctx.future)?)
        }
        Kind::Offset => {
            let n = count(caps.name("n")?.as_str())?;
            let unit = caps.name("unit")?.as_str().to_lowercase();
            // "two hours later" is within the day in view: no new date.
            if unit == "hour" && n < 24 {
                return None;
            }
            let dir = caps.name("dir")?.as_str().to_lowercase();
            let base = match caps.name("anchor").map(|a| a.as_str().to_lowercase()) {
                Some(a) if a == "tomorrow" => reference.to.tomorrow().ok()?,
                Some(a) if a == "yesterday" => reference.to.yesterday().ok()?,
                Some(_) => reference.to,
                None => ctx.last_day.unwrap_or(reference.to),
            };
            let sign = if matches!(dir.as_str(), "later" | "after" | "from") {
                1
            } else {
                -1
            };
            day_expr(span, shift(base, sign * n, &unit)?)
        }
        Kind::InOffset => {
            if ctx.text[span.end..].trim_start().starts_with("of ") {
                return None; // "in two years of war" is a duration
            }
            if looks_back(&ctx.text[..span.start]) {
                return None; // "the first aid in seven weeks" counts back, it is no day
            }
            let n = count(caps.name("n")?.as_str())?;
            let unit = caps.name("unit")?.as_str().to_lowercase();
            day_expr(span, shift(reference.to, n, &unit)?)
        }
        Kind::PartOfDay => {
            let base = ctx.last_day.unwrap_or(reference.to);
            if caps.name("ov").is_some() {
                // "overnight" alone: the night before publication.
                let to = reference.to;
                return range_expr(span, to.yesterday().ok()?, to);
            }
            let rel = caps.name("rel")?.as_str().to_lowercase();
            let rel = rel.split_whitespace().next().unwrap_or("");
            let part = caps.name("part")?.as_str().to_lowercase();
            let day = match rel {
                "the"
                    if caps
                        .name("rel")?
                        .as_str()
                        .to_lowercase()
                        .ends_with("previous") =>
                {
                    base.yesterday().ok()?
                }
                "the" if !caps.name("rel")?.as_str().to_lowercase().ends_with("same") => {
                    base.tomorrow().ok()?
                }
                _ => base,
            };
            let same = caps.name("rel")?.as_str().to_lowercase().ends_with("same");
            // "the same day" and "that day" are the SameUnit rule's; a night spans two days.
            match part.as_str() {
                "day" if rel != "the" || same => None,
                "night" => range_expr(span, day, day.tomorrow().ok()?),
                _ => day_expr(span, day),
            }
        }
        Kind::PastHours => {
            let hours = caps
                .name("n")
                .map_or(Some(24), |n| n.as_str().parse::<i32>().ok())?;
            let days = ((hours + 23) / 24).max(1);
            let to = reference.to;
            range_expr(span, to.checked_sub(days.days()).ok()?, to)
        }
        Kind::TheDayBeforeAfter => {
            let base = match caps.name("anchor").map(|a| a.as_str().to_lowercase()) {
                Some(a) if a == "tomorrow" => reference.to.tomorrow().ok()?,
                Some(a) if a == "yesterday" => reference.to.yesterday().ok()?,
                Some(_) => reference.to,
                None => ctx.last_day.unwrap_or(reference.to),
            };
            let sign = if caps.name("dir")?.as_str().eq_ignore_ascii_case("after") {
                1
            } else {
                -1
            };
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let d = shift(base, sign, &unit)?;
            match unit.as_str() {
                "day" => day_expr(span, d),
                "week" => week_expr(span, d),
                "month" => month_expr(span, d.year(), d.month(), None),
                _ => year_expr(span, d.year()),
            }
        }
        Kind::WeekdayOfWeek => {
            let wd = weekday(caps.name("wd").or(caps.name("wd2"))?.as_str())?;
            let rel = caps
                .name("rel")
                .or(caps.name("rel2"))?
                .as_str()
                .to_lowercase();
            let weeks = match rel.as_str() {
                "last" | "previous" => -7,
                "this" => 0,
                _ => 7,
            };
            day_expr(
                span,
                in_week(reference.to.checked_add(weeks.days()).ok()?, wd),
            )
        }
        Kind::Quarter => {
            let today = reference.to;
            let current = (today.month() - 1) / 3 + 1;
            let (year, q) = if let Some(qn) = caps.name("qn").or(caps.name("qn2")) {
                (
                    num("y").or(num("y2"))?,
                    qn.as_str()[1..].parse::<i8>().ok()?,
                )
            } else if let Some(ord) = caps.name("ord") {
                let q = match ord.as_str().to_lowercase().as_str() {
                    "first" | "1st" => 1,
                    "second" | "2nd" => 2,
                    "third" | "3rd" => 3,
                    _ => 4,
                };
                let year = match (
                    num("y3"),
                    caps.name("rely").map(|r| r.as_str().to_lowercase()),
                ) {
                    (Some(y), _) => y,
                    (None, Some(r)) if r == "last" => today.year() - 1,
                    (None, Some(r)) if r == "next" => today.year() + 1,
                    _ => today.year(),
                };
                (year, q)
            } else {
                let delta = match caps.name("rel")?.as_str().to_lowercase().as_str() {
                    "last" | "previous" => -1,
                    "this" | "current" => 0,
                    _ => 1,
                };
                let index = i32::from(today.year()) * 4 + i32::from(current - 1) + delta;
                (
                    i16::try_from(index.div_euclid(4)).ok()?,
                    (index.rem_euclid(4) + 1) as i8,
                )
            };
            let from = Date::new(year, 3 * (q - 1) + 1, 1).ok()?;
            let to = Date::new(year, 3 * q, 1).ok()?.last_of_month();
            Some(TimeExpr {
                span,
                value: format!("{year:04}-Q{q}"),
                grain: Grain::Range,
                range: DayRange::new(from, to)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::Half => {
            let year = match (
                num("y"),
                caps.name("rely").map(|r| r.as_str().to_lowercase()),
            ) {
                (Some(y), _) => y,
                (None, Some(r)) if r == "last" => reference.to.year() - 1,
                (None, Some(r)) if r == "next" => reference.to.year() + 1,
                _ => reference.to.year(),
            };
            let h: i8 = if caps
                .name("ord")?
                .as_str()
                .to_lowercase()
                .starts_with(['f', '1'])
            {
                1
            } else {
                2
            };
            let from = Date::new(year, 6 * (h - 1) + 1, 1).ok()?;
            let to = Date::new(year, 6 * h, 1).ok()?.last_of_month();
            Some(TimeExpr {
                span,
                value: format!("{year:04}-H{h}"),
                grain: Grain::Range,
                range: DayRange::new(from, to)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::Decade => {
            let start: i16 = match (caps.name("dec"), caps.name("d2")) {
                // "2020's war" is the year's; "the 1990's" is a decade.
                (Some(_), _)
                    if caps.get(0)?.as_str().ends_with("'s")
                        && !caps.get(0)?.as_str().to_lowercase().starts_with("the") =>
                {
                    return None;
                }
                (Some(d), _) => d.as_str().parse().ok()?,
                (None, Some(d)) => {
                    let two: i16 = d.as_str().parse().ok()?;
                    // '90s is the 1990s; '20s after 2020 is the 2020s.
                    if two <= reference.to.year() % 100 {
                        2000 + two
                    } else {
                        1900 + two
                    }
                }
                _ => return None,
            };
            let from = Date::new(start, 1, 1).ok()?;
            let to = Date::new(start + 9, 12, 31).ok()?;
            Some(TimeExpr {
                span,
                value: format!("{start}s"),
                grain: Grain::Range,
                range: DayRange::new(from, to)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::EarlierLater => {
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let today = reference.to;
            let period = match unit.as_str() {
                "week" => week_expr(span.clone(), today)?,
                "month" => month_expr(span.clone(), today.year(), today.month(), None)?,
                _ => year_expr(span.clone(), today.year())?,
            };
            let earlier = caps.name("el")?.as_str().eq_ignore_ascii_case("earlier");
            let (range, modifier) = if earlier {
                (DayRange::new(period.range.from, today)?, TimeMod::Start)
            } else {
                (DayRange::new(today, period.range.to)?, TimeMod::End)
            };
            Some(TimeExpr {
                span,
                value: period.value,
                grain: Grain::Range,
                range,
                modifier: Some(modifier),
                dateline: false,
                time: None,
            })
        }
        Kind::Weekend => {
            let today = reference.to;
            let rel = caps.name("rel").map(|r| r.as_str().to_lowercase());
            let recent = on_or_before(today, Weekday::Saturday);
            let coming = in_week(today, Weekday::Saturday);
            let saturday = match rel.as_deref() {
                Some("last") if matches!(today.weekday(), Weekday::Saturday | Weekday::Sunday) => {
                    recent.checked_sub(7.days()).ok()?
                }
                Some("last") => recent,
                Some("this") => coming,
                Some("next") => coming.checked_add(7.days()).ok()?,
                _ if ctx.future => {
                    if coming >= today.yesterday().ok()? {
                        coming
                    } else {
                        coming.checked_add(7.days()).ok()?
                    }
                }
                _ => recent,
            };
            let sunday = saturday.tomorrow().ok()?;
            let iso = saturday.iso_week_date();
            Some(TimeExpr {
                span,
                value: format!("{:04}-W{:02}-WE", iso.year(), iso.week()),
                grain: Grain::Range,
                range: DayRange::new(saturday, sunday)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::OrdinalDay => {
            let m = caps
                .name("mon")
                .or(caps.name("mon2"))
                .and_then(|m| month_number(m.as_str()))?;
            let d = ordinal_value(caps.name("ordw").or(caps.name("ordw2"))?.as_str())?;
            let date = match num("y") {
                Some(y) => Date::new(y, m, d).ok()?,
                None => nearest_day(m, d, reference, ctx.future)?,
            };
            day_expr(span, date)
        }
        Kind::TheNth => {
            let d = num("d").or(num("d2"))? as i8;
            let today = reference.to;
            let months: i32 = match caps
                .name("rel")
                .or(caps.name("rel2"))
                .map(|r| r.as_str().to_lowercase())
            {
                Some(r) if r == "next" => 1,
                Some(r) if r == "last" => -1,
                Some(_) => 0,
                None => {
                    // Alone, "the 25th" is often a unit ("the 25th Division"): only a day when
                    // nothing but punctuation follows.
                    let after = ctx.text[span.end..].trim_start();
                    if after.starts_with(|c: char| c.is_alphanumeric()) {
                        return None;
                    }
                    match (ctx.future, d.cmp(&today.day())) {
                        (false, std::cmp::Ordering::Greater) => -1,
                        (true, std::cmp::Ordering::Less) => 1,
                        _ => 0,
                    }
                }
            };
            let first = today.first_of_month().checked_add(months.months()).ok()?;
            let date = Date::new(first.year(), first.month(), d).ok()?;
            // "on" is not part of the expression.
            let lead = ctx.text[span.clone()].to_lowercase();
            let start = if lead.starts_with("on ") {
                span.start + 3
            } else {
                span.start
            };
            day_expr(start..span.end, date)
        }
        Kind::Numeric => {
            let (a, b) = (num("a")?, num("b")?);
            let sep = caps.name("sep")?.as_str();
            if caps.name("sep2").is_some_and(|s2| s2.as_str() != sep) {
                return None;
            }
            // Dotted dates are day-first (13.5.2015); slashed ones month-first unless the
            // first number cannot be a month (22/04).
            let (m, d) = if sep == "." || a > 12 { (b, a) } else { (a, b) };
            let (m, d) = (i8::try_from(m).ok()?, i8::try_from(d).ok()?);
            if !(1..=12).contains(&m) || d < 1 {
                return None;
            }
            let date = match caps.name("y") {
                Some(y) => {
                    let y: i16 = y.as_str().parse().ok()?;
                    let y = if y < 100 { 2000 + y } else { y };
                    Date::new(y, m, d).ok()?
                }
                // Without a year, a dotted pair is more often a decimal than a date.
                None if sep == "." => return None,
                None => nearest_day(m, d, reference, ctx.future)?,
            };
            day_expr(span, date)
        }
        Kind::LastNext => {
            let n = count(caps.name("n")?.as_str())?;
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let today = reference.to;
            let forward = matches!(
                caps.name("rel")?.as_str().to_lowercase().as_str(),
                "next" | "coming" | "upcoming"
            );
            let length = match unit.as_str() {
                "day" => n.days(),
                "week" => (7 * n).days(),
                "month" => n.months(),
                _ => n.years(),
            };
            // The N units just before publication (ending with it), or just after it.
            let (from, to) = if forward {
                (today.tomorrow().ok()?, today.checked_add(length).ok()?)
            } else {
                (today.checked_sub(length).ok()?.tomorrow().ok()?, today)
            };
            Some(TimeExpr {
                span,
                value: format!("{from}..{to}"),
                grain: Grain::Range,
                range: DayRange::new(from, to)?,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::MonthDay | Kind::DayMonth => {
            let (m, d) = (month()?, num("d")? as i8);
            if d < 1 {
                return None;
            }
            let date = nearest_day(m, d, reference, ctx.future)?;
            day_expr(span, date)
        }
        Kind::MonthDayRange => {
            let (m, d1, d2) = (month()?, num("d")? as i8, num("d2")? as i8);
            let first = match num("y") {
                Some(y) => Date::new(y, m, d1).ok()?,
                None => nearest_day(m, d1, reference, ctx.future)?,
            };
            let last = Date::new(first.year(), m, d2).ok()?;
            let range = DayRange::new(first, last)?;
            Some(TimeExpr {
                span,
                value: format!("{first}..{last}"),
                grain: Grain::Range,
                range,
                modifier: None,
                dateline: false,
                time: None,
            })
        }
        Kind::MonthYear => month_expr(span, num("y")?, month()?, None),
        Kind::MonthOfSameYear => month_expr(span, ctx.last_year?, month()?, None),
        Kind::MonthAlone => {
            // "in May-Ridge": a hyphenated name, not the month.
            let after = &ctx.text[span.end..];
            if after.starts_with('-') && after[1..].starts_with(|c: char| c.is_alphabetic()) {
                return None;
            }
            let m = month()?;
            let prep = caps.name("prep").map(|p| p.as_str().to_lowercase());
            // "May" alone is too often the modal verb; only a preposition makes it a month.
            let (year, start) = match prep.as_deref() {
                Some("last") => (
                    nearest_month_year(m, reference.from.first_of_month().yesterday().ok()?, false),
                    caps.name("prep")?.start(),
                ),
                Some("next") => (
                    nearest_month_year(m, reference.to.last_of_month().tomorrow().ok()?, true),
                    caps.name("prep")?.start(),
                ),
                Some("this") => (reference.to.year(), caps.name("prep")?.start()),
                _ => (
                    if ctx.future {
                        nearest_month_year(m, reference.from, true)
                    } else {
                        nearest_month_year(m, reference.to, false)
                    },
                    caps.name("mon")?.start(),
                ),
            };
            let offset = span.start - caps.get(0)?.start();
            month_expr(offset + start..span.end, year, m, None)
        }
        Kind::PartOfMonth => {
            let m = month()?;
            let year = match num("y") {
                Some(y) => y,
                None if ctx.future => nearest_month_year(m, reference.from, true),
                None => nearest_month_year(m, reference.to, false),
            };
            let first = Date::new(year, m, 1).ok()?;
            let last = first.last_of_month();
            let words = caps.name("part")?.as_str().to_lowercase();
            let (modifier, from, to) = match part(&words) {
                // "the beginning of May" and "the end of May" are its first and last weeks,
                // narrower than "early May" and "late May".
                TimeMod::Start if words.starts_with("the") => {
                    (TimeMod::Start, first, Date::new(year, m, 7).ok()?)
                }
                TimeMod::End if words.starts_with("the") => {
                    (TimeMod::End, last.checked_sub(6.days()).ok()?, last)
                }
                TimeMod::Start => (TimeMod::Start, first, Date::new(year, m, 10).ok()?),
                TimeMod::Mid => (
                    TimeMod::Mid,
                    Date::new(year, m, 11).ok()?,
                    Date::new(year, m, 20).ok()?,
                ),
                _ => (TimeMod::End, Date::new(year, m, 21).ok()?, last),
            };
            Some(TimeExpr {
                span,
                value: format!("{year:04}-{m:02}"),
                grain: Grain::Month,
                range: DayRange::new(from, to)?,
                modifier: Some(modifier),
                dateline: false,
                time: None,
            })
        }
        Kind::PartOfYear => {
            let y = num("y")?;
            let (modifier, m1, m2) = match part(caps.name("part")?.as_str()) {
                TimeMod::Start => (TimeMod::Start, 1, 4),
                TimeMod::Mid => (TimeMod::Mid, 5, 8),
                _ => (TimeMod::End, 9, 12),
            };
            let from = Date::new(y, m1, 1).ok()?;
            let to = Date::new(y, m2, 1).ok()?.last_of_month();
            Some(TimeExpr {
                span,
                value: format!("{y:04}"),
                grain: Grain::Year,
                range: DayRange::new(from, to)?,
                modifier: Some(modifier),
                dateline: false,
                time: None,
            })
        }
        Kind::Relative => {
            let rel = caps.name("rel")?.as_str().to_lowercase();
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let today = reference.to;
            let shift: i32 = match rel.as_str() {
                "last" | "past" | "previous" => -1,
                "following" => 1,
                "next" | "coming" => 1,
                _ => 0,
            };
            match unit.as_str() {
                "week" if rel == "past" => {
                    // "the past week": the seven days up to publication.
                    let from = today.checked_sub(6.days()).ok()?;
                    Some(TimeExpr {
                        span,
                        value: format!("{from}..{today}"),
                        grain: Grain::Range,
                        range: DayRange::new(from, today)?,
                        modifier: None,
                        dateline: false,
                        time: None,
                    })
                }
                "week" => week_expr(span, today.checked_add((7 * shift).days()).ok()?),
                "month" => {
                    let d = today.first_of_month().checked_add(shift.months()).ok()?;
                    month_expr(span, d.year(), d.month(), None)
                }
                _ => year_expr(span, today.year() + shift as i16),
            }
        }
        Kind::Ago => {
            let n_text = caps.name("n")?.as_str().to_lowercase();
            let n = count(&n_text)?;
            let unit = caps.name("unit")?.as_str().to_lowercase();
            let today = reference.to;
            let day = match unit.as_str() {
                "day" => today.checked_sub(n.days()).ok()?,
                "week" => today.checked_sub((7 * n).days()).ok()?,
                "month" => today.checked_sub(n.months()).ok()?,
                _ => today.checked_sub(n.years()).ok()?,
            };
            day_expr(span, day)
        }
        Kind::Weekday => {
            let wd = weekday(caps.name("wd")?.as_str())?;
            let rel = caps.name("rel").map(|r| r.as_str().to_lowercase());
            let date = match rel.as_deref() {
                Some("last" | "previous") => in_week(reference.to.checked_sub(7.days()).ok()?, wd),
                Some("this") => in_week(reference.to, wd),
                Some("next" | "following" | "coming") => {
                    in_week(reference.to.checked_add(7.days()).ok()?, wd)
                }
                _ if ctx.future => reference.from.nth_weekday(1, wd).ok()?,
                _ if ctx.either_way => {
                    let back = on_or_before(reference.to, wd);
                    let ahead = reference.from.nth_weekday(1, wd).ok()?;
                    if (ahead - reference.from).get_days() < (reference.to - back).get_days() {
                        ahead
                    } else {
                        back
                    }
                }
                _ => on_or_before(reference.to, wd),
            };
            // "on" is not part of the expression; "last", "this", "next" are.
            let start = match rel.as_deref() {
                Some("on") | None => {
                    ctx.span.start + (caps.name("wd")?.start() - caps.get(0)?.start())
                }
                _ => span.start,
            };
            day_expr(start..span.end, date)
        }
        Kind::Deictic => {
            // "Russia Today", "USA Today": a capitalised word after a capitalised name is part
            // of the name.
            let written = caps.name("deic")?.as_str();
            let before = ctx.text[..span.start].trim_end_matches(' ');
            let prev = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if written.starts_with(|c: char| c.is_uppercase())
                && before.len() + 1 == span.start
                && prev.starts_with(|c: char| c.is_uppercase())
                && !before.ends_with(['.', '"', '\n'])
            {
                return None;
            }
            let word = written.to_lowercase();
            let today = reference.to;
            let day = match word.as_str() {
                "yesterday" | "last night" => today.yesterday().ok()?,
                "tomorrow" => today.tomorrow().ok()?,
                _ => today,
            };
            day_expr(span, day)
        }
        Kind::Year => {
            let before = &ctx.text[..span.start];
            let after = &ctx.text[span.end..];
            if COUNT_BEFORE.is_match(before) || looks_like_count_after(after) {
                return None;
            }
            // "1945 GMT", "0600 hrs": a time of day.
            if TIME_OF_DAY
                .find(&ctx.text[span.start..])
                .is_some_and(|m| m.start == 0 && m.end > span.len())
            {
                return None;
            }
            year_expr(span, num("y")?)
        }
    }
}

/// "on May 3 and 9" names two days, not the week between them ("between May 3 and 9" does,
/// and so do two days in a row, "on May 3 and 4").
fn two_days(
    kind: Kind,
    caps: &Captures,
    t: &TimeExpr,
    offset: usize,
    sentence: &str,
) -> Option<[TimeExpr; 2]> {
    if !matches!(kind, Kind::MonthDayRange)
        || !caps.name("sep")?.as_str().eq_ignore_ascii_case("and")
    {
        return None;
    }
    let whole = caps.get(0)?;
    if sentence[..whole.start()]
        .trim_end()
        .to_ascii_lowercase()
        .ends_with("between")
    {
        return None;
    }
    // "on September 10 and 11": one event over two days.
    if t.range.from.tomorrow().ok()? == t.range.to {
        return None;
    }
    let first = day_expr(
        offset + whole.start()..offset + caps.name("d")?.end(),
        t.range.from,
    )?;
    let second = day_expr(
        offset + caps.name("d2")?.start()..offset + whole.end(),
        t.range.to,
    )?;
    Some([first, second])
}

/// A weekday read forward from publication is re-read forward from an earlier date in its
/// sentence when that is nearer: "on Wednesday the army agreed to a truce due to expire on
/// Thursday" is the Thursday after that Wednesday.
fn reanchor_forward(found: &mut [TimeExpr], forward: &[usize]) {
    for i in 0..found.len() {
        if !forward.contains(&found[i].span.start) || found[i].grain != Grain::Day {
            continue;
        }
        let current = found[i].range.from;
        let earlier = found[..i]
            .iter()
            .rev()
            .find(|t| t.grain == Grain::Day && t.range.from < current)
            .map(|t| t.range.from);
        if let Some(anchor) = earlier
            && let Ok(day) = anchor.nth_weekday(1, current.weekday())
            && day < current
        {
            found[i].range = DayRange::day(day);
            found[i].value = day.to_string();
        }
    }
}

/// "Friday, November 24", "Sunday (October 18)" and "yesterday, May 2" are one day named
/// twice: one expression with the date's value.
fn merge_weekday_dates(text: &str, found: &mut Vec<TimeExpr>) {
    let mut k = 0;
    while k + 1 < found.len() {
        let (a, b) = (&found[k], &found[k + 1]);
        let name = text[a.span.clone()].trim_end_matches("'s");
        let deictic = ["today", "yesterday", "tomorrow", "tonight"]
            .iter()
            .any(|w| name.eq_ignore_ascii_case(w));
        let gap = text.get(a.span.end..b.span.start).unwrap_or("x").trim();
        let dated = text[b.span.clone()].bytes().any(|c| c.is_ascii_digit());
        if a.grain == Grain::Day
            && (weekday(name).is_some() || deictic)
            && matches!(
                gap.strip_prefix("morning")
                    .or(gap.strip_prefix("afternoon"))
                    .or(gap.strip_prefix("evening"))
                    .or(gap.strip_prefix("night"))
                    .unwrap_or(gap)
                    .trim(),
                "" | "," | "("
            )
            && b.range.is_single_day()
            && dated
        {
            let mut end = b.span.end;
            if gap == "(" && text[end..].starts_with(')') {
                end += 1;
            }
            let mut merged = b.clone();
            merged.span = a.span.start..end;
            merged.time = b.time.or(a.time);
            found[k] = merged;
            found.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// A time of day: "06:00", "9.10 a.m.", "7 pm", "1945 GMT", "midnight", with the zone that
/// follows ("GMT", "UTC+3", "local time", "Khartoum time").
static TIME_OF_DAY: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"\b(?:(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<mi>[0-5]\d)(?:\s*(?P<ap>(?i:[ap]\.?\s?m)\b\.?))?|(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>(?i:[ap]\.?\s?m)\b\.?)|(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)(?:\s*(?P<hrs>hrs|hours|h)\b)?|(?P<word>(?i:midnight|noon|midday))\b)(?:\s*(?P<zone>(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|BST|CEST|CET|EEST|EET|MSK|EDT|EST|PDT|PST|WAT|CAT|EAT|JST)\b|\s+(?P<local>(?i:local\s+time))\b|\s+(?P<named>[A-Z][a-z]+\s+time)\b)?",
    )
});

/// The offset from UTC in minutes of a zone abbreviation or "GMT+3".
fn zone_offset(zone: &str) -> Option<i16> {
    let z: String = zone.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(rest) = z.strip_prefix("GMT").or(z.strip_prefix("UTC")) {
        if rest.is_empty() {
            return Some(0);
        }
        // Only a sign and ASCII digits make an offset: what the regex's `\b` lets follow a
        // zone ("GMTý") is not one, and must not be sliced as if it were.
        let (sign, digits): (i16, &str) = match rest.split_at_checked(1) {
            Some(("+", d)) => (1, d),
            Some(("-", d)) => (-1, d),
            _ => return None,
        };
        let digits = digits.replace(':', "");
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i16>().ok()?, 0),
            3 | 4 => (
                digits[..digits.len() - 2].parse::<i16>().ok()?,
                digits[digits.len() - 2..].parse::<i16>().ok()?,
            ),
            _ => return None,
        };
        return Some(sign * (h * 60 + m));
    }
    let hours = match z.as_str() {
        "BST" | "CET" | "WAT" => 60,
        "CEST" | "EET" | "CAT" => 120,
        "EEST" | "MSK" | "EAT" => 180,
        "JST" => 540,
        "EDT" => -240,
        "EST" => -300,
        "PDT" => -420,
        "PST" => -480,
        _ => return None,
    };
    Some(hours)
}

/// A time of day found in a sentence: its span, and (hour, minute, offset).
struct Clock {
    span: Range<usize>,
    time: TimeOfDay,
    /// Whether the text said the zone ("local time", "Khartoum time", "GMT").
    zoned: bool,
}

fn clocks(sentence: &str, offset: usize) -> Vec<Clock> {
    let mut out = Vec::new();
    for caps in TIME_OF_DAY.captures_iter(sentence) {
        let Some(whole) = caps.get(0) else { continue };
        let zone = caps.name("zone").map(|z| z.as_str());
        let zoned = zone.is_some() || caps.name("local").is_some() || caps.name("named").is_some();
        let ap = caps
            .name("ap")
            .or(caps.name("ap2"))
            .map(|a| a.as_str().to_ascii_lowercase());
        let (h, m): (u8, u8) = if let (Some(h), Some(mi)) = (caps.name("h"), caps.name("mi")) {
            // "3.45 million" is a number: a dotted time needs "a.m." or a zone.
            if caps.name("sep").is_some_and(|s| s.as_str() == ".") && ap.is_none() && !zoned {
                continue;
            }
            let (Ok(h), Ok(m)) = (h.as_str().parse(), mi.as_str().parse()) else {
                continue;
            };
            (h, m)
        } else if let Some(h) = caps.name("h2") {
            let Ok(h) = h.as_str().parse() else { continue };
            (h, 0)
        } else if let Some(hm) = caps.name("hm") {
            // "1945" alone is a year; with "GMT" or "hrs" it is a time.
            if !zoned && caps.name("hrs").is_none() {
                continue;
            }
            let (Ok(h), Ok(m)) = (hm.as_str()[..2].parse(), hm.as_str()[2..].parse()) else {
                continue;
            };
            (h, m)
        } else if let Some(w) = caps.name("word") {
            if w.as_str().eq_ignore_ascii_case("midnight") {
                (0, 0)
            } else {
                (12, 0)
            }
        } else {
            continue;
        };
        let h = match ap.as_deref().map(|a| a.starts_with('p')) {
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
        if h > 23 || m > 59 {
            continue;
        }
        out.push(Clock {
            span: offset + whole.start()..offset + whole.end(),
            time: (h, m, zone.and_then(zone_offset)),
            zoned,
        });
    }
    out
}

/// Whether `s` may hold a time of day, before the pattern runs: a digit before a colon, a
/// dot, "am"/"pm" or a zone, or a word for noon or midnight.
fn may_hold_clock(s: &str) -> bool {
    let b = s.as_bytes();
    let after_digit = b.iter().enumerate().any(|(i, c)| {
        if !c.is_ascii_digit() {
            return false;
        }
        let rest = &b[i + 1..];
        let rest = rest.strip_prefix(b" ").unwrap_or(rest);
        match rest.first().map(u8::to_ascii_lowercase) {
            Some(b':' | b'.') => true,
            Some(b'a' | b'p') => rest
                .get(1)
                .is_some_and(|d| matches!(d.to_ascii_lowercase(), b'm' | b'.')),
            Some(b'g' | b'u' | b'h') => true,
            _ => false,
        }
    });
    after_digit || s.contains("idnight") || s.contains("noon") || s.contains("idday")
}

/// Give each day in the sentence the time of day said next to it ("at 9:45 pm on May 22",
/// "Monday at 06:00 local time (03:00 GMT)"). A local time followed by its UTC equivalent in
/// brackets takes the offset between them.
fn attach_times(text: &str, sentence: &Range<usize>, found: &mut [TimeExpr]) {
    if !may_hold_clock(&text[sentence.clone()]) {
        return;
    }
    let mut clocks = clocks(&text[sentence.clone()], sentence.start);
    clocks.retain(|c| {
        !found
            .iter()
            .any(|t| t.span.start < c.span.end && c.span.start < t.span.end)
    });
    if clocks.is_empty() {
        return;
    }
    let mut used = vec![false; clocks.len()];
    for i in 0..clocks.len().saturating_sub(1) {
        let gap = text[clocks[i].span.end..clocks[i + 1].span.start].trim();
        if let ((h, m, None), (uh, um, Some(o))) = (clocks[i].time, clocks[i + 1].time)
            && gap == "("
        {
            let local = i16::from(h) * 60 + i16::from(m);
            let utc = i16::from(uh) * 60 + i16::from(um) - o;
            let offset = (local - utc + 1440 + 720).rem_euclid(1440) - 720;
            clocks[i].time.2 = Some(offset);
            clocks[i].zoned = true;
            used[i + 1] = true;
        }
    }
    for (c, _) in clocks.iter().zip(&used).filter(|(_, u)| !**u) {
        let near = found
            .iter_mut()
            .filter(|t| t.range.is_single_day() && t.time.is_none())
            .filter_map(|t| {
                let gap = if t.span.start >= c.span.end {
                    c.span.end..t.span.start
                } else if c.span.start >= t.span.end {
                    t.span.end..c.span.start
                } else {
                    return None;
                };
                let between = &text[gap.clone()];
                (between.len() <= 40 && !between.contains([';', '.', '\n']))
                    .then_some((gap.len(), t))
            })
            .min_by_key(|(d, _)| *d);
        if let Some((_, t)) = near {
            t.time = Some(c.time);
        }
        let _ = c.zoned;
    }
}

/// Mark the datelines: a wire dateline at a paragraph's start ("CITY, April 5 (Wire) -"), a
/// "date 2020-11-15" stamp, and a line that holds nothing but a date, a time and page words
/// ("Published: Sun 17 Sep 2023, 4:00 PM", "Thursday, September 14, 2023 at 2:04 PM").
fn mark_datelines(text: &str, found: &mut [TimeExpr]) {
    for t in found.iter_mut().filter(|t| t.range.is_single_day()) {
        let line_start = text[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[t.span.end..]
            .find('\n')
            .map_or(text.len(), |i| t.span.end + i);
        let before = &text[line_start..t.span.start];
        let after = &text[t.span.end..line_end];
        t.dateline = before.trim().eq_ignore_ascii_case("date")
            || (WIRE_PLACE.is_match(before) && WIRE_AFTER.is_match(after))
            || stamp_line(before, after);
    }
}

/// The place of a wire dateline: a capitalised name, then perhaps a region.
static WIRE_PLACE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(r"^\s*[A-Z][A-Z'.\- ]*[A-Z](?:\s*[,/]\s*[A-Z][A-Za-z'.\- ]*)*\s*,?\s*$")
});

/// What follows a dateline's date: perhaps the agency in brackets, then a dash or colon.
static WIRE_AFTER: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"^\s*(?:\([^()]{1,40}\))?\s*(?:-|:)"));

/// Whether the line around a date holds only page words, times and a name or two.
fn stamp_line(before: &str, after: &str) -> bool {
    const PAGE_WORDS: &[&str] = &[
        "published",
        "updated",
        "update",
        "last",
        "posted",
        "date",
        "dated",
        "on",
        "at",
        "am",
        "pm",
        "a.m",
        "p.m",
        "gmt",
        "utc",
        "ago",
        "minutes",
        "minute",
        "hours",
        "hour",
        "source",
        "by",
        "modified",
        "created",
        "time",
        "local",
    ];
    if before.len() + after.len() > 100 {
        return false;
    }
    let mut names = 0;
    for part in [before, after] {
        let words = part
            .split(|c: char| !(c.is_alphanumeric() || c == '.'))
            .map(|w| w.trim_matches('.'))
            .filter(|w| !w.is_empty());
        for w in words {
            let lower = w.to_lowercase();
            if w.bytes().all(|b| b.is_ascii_digit())
                || PAGE_WORDS.contains(&lower.as_str())
                || weekday(w).is_some()
                || zone_offset(w).is_some()
            {
                continue;
            }
            if !w.starts_with(|c: char| c.is_uppercase()) {
                return false;
            }
            names += 1;
        }
    }
    names <= 3
}

/// "2018 civilians", "1,999", "2018.5", "2000%": a number, not a year.
fn looks_like_count_after(after: &str) -> bool {
    if after.starts_with([',', '.', '%']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let year_range = after.len() >= 5
        && after.starts_with('-')
        // Bytes, not a slice of the text: the fifth byte can be inside a character.
        && after.as_bytes()[1..5].iter().all(u8::is_ascii_digit);
    if after.starts_with('%')
        || (after.starts_with('-')
            && after[1..].starts_with(|c: char| c.is_ascii_digit())
            && !year_range)
    {
        return true;
    }
    let next = after
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    next.len() > 2
        && next.ends_with('s')
        && next.chars().all(|c| c.is_lowercase())
        && !after.trim_start().starts_with(&format!("{next}'"))
}

/// Part of a code, phone number or malformed date ("138-2010-2015", "2015-1-32"): the digits
/// and separators around the match run on. A range of two years ("2014-2018") is fine.
fn inside_longer_number(text: &str, span: &Range<usize>) -> bool {
    let is_chain = |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.');
    let bytes = text.as_bytes();
    let mut start = span.start;
    while start > 0 && is_chain(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = span.end;
    while end < bytes.len() && is_chain(bytes[end]) {
        end += 1;
    }
    // Sentence punctuation around the run is not part of it.
    let chain = text[start..end].trim_matches(['.', '-', '/']);
    let matched = text[span.clone()].trim_matches(['.', '-', '/']);
    if chain.len() <= matched.len() {
        return false;
    }
    let two_years = chain.len() == 9
        && chain.as_bytes()[4] == b'-'
        && chain
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || b.is_ascii_digit());
    !two_years
}

/// "since" and the start of what began at a date: "since fighting broke out on 15 April",
/// "since the war began in October".
static SINCE_BEGAN: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\bsince (?:(?:the|a|its|their) )?(?:[a-z-]+ ){1,3}(?:began|started|erupted|broke out|was launched|were launched) (?:on|in)$",
    )
});

/// "since X" is an open range from X to publication.
fn extend_since(text: &str, t: &mut TimeExpr, published: DayRange) {
    let before = text[..t.span.start].trim_end_matches(' ');
    let tail = before.len().saturating_sub(5);
    let start = if before
        .get(tail..)
        .is_some_and(|w| w.eq_ignore_ascii_case("since"))
        && before.len() >= 5
        && !before[..before.len() - 5].ends_with(|c: char| c.is_alphanumeric())
    {
        Some(before.len() - 5)
    } else {
        // The clause is short: look at most 60 bytes back, on a char boundary.
        let mut from = before.len().saturating_sub(60);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        // The clause stays out of the date's own words.
        SINCE_BEGAN.find(&before[from..]).map(|_| t.span.start)
    };
    if let Some(start) = start {
        let to = published.to.max(t.range.from);
        if let Some(range) = DayRange::new(t.range.from, to) {
            t.span.start = start;
            t.range = range;
            t.grain = Grain::Range;
            t.modifier = Some(TimeMod::Since);
        }
    }
}

fn part(word: &str) -> TimeMod {
    let w = word.to_lowercase();
    if w.starts_with("early") || w.contains("beginning") || w.contains("start") {
        TimeMod::Start
    } else if w.starts_with("mid") || w.contains("middle") {
        TimeMod::Mid
    } else {
        TimeMod::End
    }
}

fn day_expr(span: Range<usize>, d: Date) -> Option<TimeExpr> {
    Some(day(span, d))
}

/// A plain day, said at `span`.
pub(super) fn day(span: Range<usize>, d: Date) -> TimeExpr {
    TimeExpr {
        span,
        value: d.to_string(),
        grain: Grain::Day,
        range: DayRange::day(d),
        modifier: None,
        dateline: false,
        time: None,
    }
}

/// The days `from` to `to` as a range.
fn range_expr(span: Range<usize>, from: Date, to: Date) -> Option<TimeExpr> {
    Some(TimeExpr {
        span,
        value: format!("{from}..{to}"),
        grain: Grain::Range,
        range: DayRange::new(from, to)?,
        modifier: None,
        dateline: false,
        time: None,
    })
}

fn week_expr(span: Range<usize>, any_day: Date) -> Option<TimeExpr> {
    let iso = any_day.iso_week_date();
    let monday = any_day
        .checked_sub(i32::from(iso.weekday().to_monday_zero_offset()).days())
        .ok()?;
    let sunday = monday.checked_add(6.days()).ok()?;
    Some(TimeExpr {
        span,
        value: format!("{:04}-W{:02}", iso.year(), iso.week()),
        grain: Grain::Week,
        range: DayRange::new(monday, sunday)?,
        modifier: None,
        dateline: false,
        time: None,
    })
}

fn month_expr(span: Range<usize>, y: i16, m: i8, modifier: Option<TimeMod>) -> Option<TimeExpr> {
    let first = Date::new(y, m, 1).ok()?;
    Some(TimeExpr {
        span,
        value: format!("{y:04}-{m:02}"),
        grain: Grain::Month,
        range: DayRange::new(first, first.last_of_month())?,
        modifier,
        dateline: false,
        time: None,
    })
}

fn year_expr(span: Range<usize>, y: i16) -> Option<TimeExpr> {
    let from = Date::new(y, 1, 1).ok()?;
    let to = Date::new(y, 12, 31).ok()?;
    Some(TimeExpr {
        span,
        value: format!("{y:04}"),
        grain: Grain::Year,
        range: DayRange::new(from, to)?,
        modifier: None,
        dateline: false,
        time: None,
    })
}

/// The month-and-day nearest publication: news dates a month and day without a year when the
/// year is plain, so the nearest reading wins ("Oct. 7" seven weeks back, "November 25" ten
/// days ahead); the sentence's direction only breaks near-ties (within a fortnight).
fn nearest_day(m: i8, d: i8, reference: DayRange, future: bool) -> Option<Date> {
    let past = (-1..=0)
        .rev()
        .filter_map(|k| Date::new(reference.to.year() + k, m, d).ok())
        .find(|x| *x <= reference.to);
    let ahead = (0..=1)
        .filter_map(|k| Date::new(reference.from.year() + k, m, d).ok())
        .find(|x| *x >= reference.from);
    match (past, ahead) {
        (Some(p), Some(a)) => {
            let back = (reference.to - p).get_days();
            let fwd = (a - reference.from).get_days();
            let bias = 14;
            if future {
                Some(if fwd <= back + bias { a } else { p })
            } else {
                Some(if back <= fwd + bias { p } else { a })
            }
        }
        (p, a) => p.or(a),
    }
}

/// The year of month `m` nearest `day`: on or before it, or on or after it for the future.
fn nearest_month_year(m: i8, day: Date, future: bool) -> i16 {
    match (future, m.cmp(&day.month())) {
        (false, std::cmp::Ordering::Greater) => day.year() - 1,
        (true, std::cmp::Ordering::Less) => day.year() + 1,
        _ => day.year(),
    }
}

fn on_or_before(day: Date, wd: Weekday) -> Date {
    let back = (day.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
    day.checked_sub(i32::from(back).days()).unwrap_or(day)
}

/// Weekday `wd` in the ISO week holding `day`.
fn in_week(day: Date, wd: Weekday) -> Date {
    let delta = wd.to_monday_zero_offset() - day.weekday().to_monday_zero_offset();
    day.checked_add(i32::from(delta).days()).unwrap_or(day)
}

fn month_number(name: &str) -> Option<i8> {
    let n = name.trim_end_matches('.').to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as i8 + 1)
}

fn weekday(name: &str) -> Option<Weekday> {
    use Weekday::*;
    let n = name.trim_end_matches('.').to_lowercase();
    let days = [
        ("mon", Monday),
        ("tue", Tuesday),
        ("wed", Wednesday),
        ("thu", Thursday),
        ("fri", Friday),
        ("sat", Saturday),
        ("sun", Sunday),
    ];
    days.into_iter()
        .find(|(prefix, _)| n.starts_with(prefix))
        .map(|(_, w)| w)
}

/// A count word in an offset: digits or words ("two", "forty-five"), "a", "a few",
/// "several", "a couple of".
fn count(text: &str) -> Option<i32> {
    let t = text.to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    match t.as_str() {
        "a" | "an" => Some(1),
        "a few" | "few" | "several" => Some(3),
        "a couple of" | "couple of" | "couple" => Some(2),
        other => super::quantity::number_value(other)
            .filter(|v| v.fract() == 0.0 && (0.0..=10_000.0).contains(v))
            .map(|v| v as i32),
    }
}

/// Months `m1..=m2` of year `y` as a part of the year.
fn year_part(span: Range<usize>, y: i16, m1: i8, m2: i8, modifier: TimeMod) -> Option<TimeExpr> {
    let from = Date::new(y, m1, 1).ok()?;
    let to = Date::new(y, m2, 1).ok()?.last_of_month();
    Some(TimeExpr {
        span,
        value: format!("{y:04}"),
        grain: Grain::Year,
        range: DayRange::new(from, to)?,
        modifier: Some(modifier),
        dateline: false,
        time: None,
    })
}

/// `day` moved by `n` units.
fn shift(day: Date, n: i32, unit: &str) -> Option<Date> {
    match unit {
        "day" => day.checked_add(n.days()).ok(),
        // "24 hours later" is the next day, "two hours later" the same one.
        "hour" => day.checked_add((n / 24).days()).ok(),
        "week" => day.checked_add((7 * n).days()).ok(),
        "month" => day.checked_add(n.months()).ok(),
        _ => day.checked_add(n.years()).ok(),
    }
}

/// "first" → 1 ... "thirty-first" → 31.
fn ordinal_value(word: &str) -> Option<i8> {
    const ONES: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    let w = word.to_lowercase().replace('-', " ");
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    let one = |s: &str| ONES.iter().position(|o| *o == s).map(|i| i as i8 + 1);
    match w.as_str() {
        "twentieth" => Some(20),
        "thirtieth" => Some(30),
        _ => match w.split_once(' ') {
            Some(("twenty", rest)) => one(rest).filter(|v| *v < 10).map(|v| 20 + v),
            Some(("thirty", rest)) => one(rest).filter(|v| *v == 1).map(|v| 30 + v),
            _ => one(&w),
        },
    }
}

/// "between March 5 and March 8", "from 2014 to 2018", "2014-2018": one inclusive range.
/// (Recognizers-Text reads the end as exclusive; a reader of news does not.)
fn merge_ranges(text: &str, found: &mut Vec<TimeExpr>) {
    let mut k = 0;
    while k + 1 < found.len() {
        let (a, b) = (&found[k], &found[k + 1]);
        let between = text
            .get(a.span.end..b.span.start)
            .unwrap_or("")
            .trim()
            .to_lowercase();
        let before = text[..a.span.start].trim_end();
        let opener = ["between", "from"].into_iter().find(|w| {
            before.len() >= w.len()
                && before
                    .get(before.len() - w.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
                && !before[..before.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
        });
        let linked = match between.as_str() {
            "and" => opener == Some("between"),
            "to" | "till" | "until" | "through" | "thru" => true,
            "-" | "~" => a.grain == b.grain,
            _ => false,
        };
        if linked && a.range.from <= b.range.to && a.modifier.is_none() && b.modifier.is_none() {
            let start = match opener {
                Some(w) => before.len() - w.len(),
                None => a.span.start,
            };
            let merged = TimeExpr {
                span: start..b.span.end,
                value: format!("{}..{}", a.value, b.value),
                grain: Grain::Range,
                range: DayRange {
                    from: a.range.from,
                    to: b.range.to,
                },
                modifier: None,
                dateline: false,
                time: None,
            };
            found[k] = merged;
            found.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Whether the words before "in N weeks" make it a stretch counted back from now: after a
/// first, a last, a superlative or a negation ("the first convoy in seven weeks", "the worst
/// shelling in two years", "had not been paid in three months"), not a day ahead.
fn looks_back(before: &str) -> bool {
    static BACK: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:first|last|only|most|least|best|worst|largest|biggest|highest|lowest|deadliest|heaviest|longest|fiercest|greatest|strongest|not|never|no)\b|n't\b",
        )
        .expect("valid")
    });
    let mut from = before.len().saturating_sub(80);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    let clause = tail
        .rfind(['.', ';', '!', '?'])
        .map_or(tail, |i| &tail[i + 1..]);
    BACK.is_match(clause)
}

/// "two weeks before May 13, 1999", "16 days from 01/02/2018": an offset counted from the date
/// right after it.
/// "two weeks after the storm", "a day after the talks": counted from an event the text does
/// not date here, so no day can be given (the last date mentioned is not that event's).
/// Without an event after it ("a day before, in the capital") the last date anchors it.
fn drop_event_offsets(text: &str, found: &mut Vec<TimeExpr>) {
    let Some(re) = RULES
        .iter()
        .find(|r| matches!(r.kind, Kind::Offset))
        .map(Rule::re)
    else {
        return;
    };
    found.retain(|t| {
        let Some(c) = re.captures(&text[t.span.clone()]) else {
            return true;
        };
        let whole = c.get(0).is_some_and(|m| m.len() == t.span.len());
        let from_event = c.name("anchor").is_none()
            && c.name("dir").is_some_and(|d| {
                let d = d.as_str().to_lowercase();
                d == "after" || d == "before" || d == "from" || d.starts_with("prior")
            });
        // "a day before in the capital", "two days after, talks resumed": the day before or
        // after the one in view, not an event's.
        let next = text[t.span.end..].trim_start();
        let word = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let adverb = word.is_empty()
            || !next.starts_with(|c: char| c.is_alphanumeric())
            || [
                "in", "on", "at", "and", "or", "but", "as", "when", "while", "with", "for", "to",
                "by",
            ]
            .contains(&word.as_str());
        !(whole && from_event && !adverb)
    });
}

fn anchor_offsets(text: &str, found: &mut Vec<TimeExpr>) {
    let offset_rule = RULES
        .iter()
        .find(|r| matches!(r.kind, Kind::Offset))
        .map(Rule::re);
    let Some(re) = offset_rule else { return };
    let mut k = 0;
    while k + 1 < found.len() {
        let (a, b) = (&found[k], &found[k + 1]);
        let adjacent = text
            .get(a.span.end..b.span.start)
            .is_some_and(|g| g.trim().is_empty());
        let spec = re.captures(&text[a.span.clone()]).filter(|c| {
            c.get(0).is_some_and(|m| m.len() == a.span.len())
                && c.name("anchor").is_none()
                && c.name("dir").is_some_and(|d| {
                    matches!(
                        d.as_str().to_lowercase().as_str(),
                        "after" | "before" | "from" | "prior to"
                    )
                })
        });
        match (adjacent && b.grain == Grain::Day, spec) {
            (true, Some(c)) => {
                let n = c.name("n").and_then(|n| count(n.as_str())).unwrap_or(1);
                let unit = c
                    .name("unit")
                    .map_or("day".to_string(), |u| u.as_str().to_lowercase());
                let sign = if c.name("dir").is_some_and(|d| {
                    d.as_str().eq_ignore_ascii_case("before")
                        || d.as_str().to_lowercase().starts_with("prior")
                }) {
                    -1
                } else {
                    1
                };
                if let Some(day) = shift(b.range.from, sign * n, &unit) {
                    let span = a.span.start..b.span.end;
                    found[k] = TimeExpr {
                        span,
                        value: day.to_string(),
                        grain: Grain::Day,
                        range: DayRange::day(day),
                        modifier: None,
                        dateline: false,
                        time: None,
                    };
                    found.remove(k + 1);
                }
                k += 1;
            }
            _ => k += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_published;

    /// (text of the expression, value, from, to) for every expression in `text`.
    fn times(text: &str, published: &str) -> Vec<(String, String, String, String)> {
        let p = parse_published(published).unwrap();
        let sentences = crate::text::sentences::sentences(text);
        find(text, &sentences, p)
            .into_iter()
            .map(|t| {
                (
                    text[t.span].to_string(),
                    t.value,
                    t.range.from.to_string(),
                    t.range.to.to_string(),
                )
            })
            .collect()
    }

    fn one(text: &str, published: &str) -> (String, String, String) {
        let v = times(text, published);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        (v[0].0.clone(), v[0].1.clone(), v[0].2.clone())
    }

    #[test]
    fn zone_offsets_are_a_sign_and_digits_or_nothing() {
        assert_eq!(zone_offset("GMT"), Some(0));
        assert_eq!(zone_offset("GMT+3"), Some(180));
        assert_eq!(zone_offset("UTC - 05:30"), Some(-330));
        assert_eq!(zone_offset("EAT"), Some(180));
        // What follows a zone is not always an offset, and may be any character.
        assert_eq!(zone_offset("GMT\u{fd}"), None);
        assert_eq!(zone_offset("UTC+\u{fd}1"), None);
        assert_eq!(zone_offset("GMT+"), None);
    }

    #[test]
    fn every_recogniser_compiles_and_the_set_names_each_one() {
        // Recognisers compile on first use; a pattern that does not would fail only when a
        // text first needed it.
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.re().as_str(), rule.pattern, "recogniser {i}");
        }
        assert_eq!(
            ANY.matches("2020-03-05").first(),
            Some(&0),
            "the ISO date first"
        );
        assert!(ANY.matches("nothing of the kind here").is_empty());
    }

    #[test]
    fn a_day_glued_to_the_next_word_is_still_a_day() {
        let (text, _, from) = one(
            "The truce held from June 14brokered by the envoys.",
            "2021-06-20",
        );
        assert_eq!((text.as_str(), from.as_str()), ("June 14", "2021-06-14"));
        // A short run of letters is an ordinal or a unit, not a glued word; a year stays a year.
        assert!(times("The order was June 14xy.", "2021-06-20").is_empty());
        assert_eq!(
            one("It was signed in June 2020.", "2021-06-20").0,
            "June 2020"
        );
    }

    #[test]
    fn full_dates_in_every_order() {
        assert_eq!(
            one("It ended on January 19, 2020.", "2021-01-01").1,
            "2020-01-19"
        );
        assert_eq!(
            one("It ended on 19 January 2020.", "2021-01-01").1,
            "2020-01-19"
        );
        assert_eq!(one("It ended on 2020-01-19.", "2021-01-01").1, "2020-01-19");
        assert_eq!(
            one(
                "Signed on the 5th of March, 2020 in Marrowvale.",
                "2021-01-01"
            )
            .1,
            "2020-03-05"
        );
    }

    #[test]
    fn partial_dates_take_the_most_recent_year() {
        assert_eq!(
            one("On Jan. 12, talks began.", "2020-01-19").1,
            "2020-01-12"
        );
        assert_eq!(
            one("On March 9th, two were seen.", "2020-03-13").1,
            "2020-03-09"
        );
        assert_eq!(
            one("Fighting began on 6 March.", "2020-03-10").1,
            "2020-03-06"
        );
        // December mentioned in January is last December.
        assert_eq!(
            one("Fighting began on December 20.", "2020-01-19").1,
            "2019-12-20"
        );
    }

    fn exprs(text: &str, published: &str) -> Vec<(String, TimeExpr)> {
        let p = parse_published(published).unwrap();
        let sentences = crate::text::sentences::sentences(text);
        find(text, &sentences, p)
            .into_iter()
            .map(|t| (text[t.span.clone()].to_string(), t))
            .collect()
    }

    #[test]
    fn a_future_word_reaches_only_its_own_clause() {
        // 2023-09-16 is a Saturday.
        let v = times(
            "The agency's report came out Saturday, as more rain is expected to fall.",
            "2023-09-16",
        );
        assert_eq!(v[0].1, "2023-09-16", "{v:?}");
        // A future seen from the past reads back.
        assert_eq!(
            one("The pause was due to end on Monday.", "2023-05-30").1,
            "2023-05-29"
        );
        // A deadline seen from the past is the nearest such day, either side.
        assert_eq!(
            one(
                "The lull was scheduled to expire on Wednesday.",
                "2023-06-20"
            )
            .1,
            "2023-06-21"
        );
        assert_eq!(
            one("The council agreed a pause through Sunday.", "2023-04-28").1,
            "2023-04-30"
        );
        // A bracket does not end the clause.
        let v = exprs(
            "The pause is due to expire at 6:00 am (0400 GMT) on Sunday.",
            "2023-06-10",
        );
        assert_eq!(
            (v[0].1.value.as_str(), v[0].1.time),
            ("2023-06-11", Some((6, 0, Some(120))))
        );
        // Read forward from the earlier day in the sentence, not from publication.
        let v = times(
            "On Wednesday the council approved a pause due to lapse on Thursday.",
            "2023-04-28",
        );
        assert_eq!(
            (v[0].1.as_str(), v[1].1.as_str()),
            ("2023-04-26", "2023-04-27")
        );
        // Still forward when nothing earlier anchors it.
        assert_eq!(
            one("Talks will resume on Thursday.", "2023-04-28").1,
            "2023-05-04"
        );
        // A month-day seven weeks back is not next year's, whatever the clause says.
        assert_eq!(
            one(
                "The siege, which will end soon, began on Oct. 3.",
                "2023-11-24"
            )
            .1,
            "2023-10-03"
        );
    }

    #[test]
    fn a_weekday_and_its_date_are_one_expression() {
        let v = times("The pause began on Friday, March 6, at dawn.", "2020-03-10");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(
            (v[0].0.as_str(), v[0].1.as_str()),
            ("Friday, March 6", "2020-03-06")
        );
        let v = times("Voting closed on Sunday (March 8).", "2020-03-10");
        assert_eq!(
            (v[0].0.as_str(), v[0].1.as_str()),
            ("Sunday (March 8)", "2020-03-08")
        );
        let v = times(
            "The pause begins Monday evening, March 9, at dusk.",
            "2020-03-01",
        );
        assert_eq!((v.len(), v[0].1.as_str()), (1, "2020-03-09"), "{v:?}");
        let v = times(
            "The mayor spoke yesterday, March 9, at the bridge.",
            "2020-03-10",
        );
        assert_eq!((v.len(), v[0].1.as_str()), (1, "2020-03-09"), "{v:?}");
        // Two days apart in the text stay two expressions.
        assert_eq!(
            times(
                "On Friday the port reopened; March 6 was calm.",
                "2020-03-10"
            )
            .len(),
            2
        );
    }

    #[test]
    fn a_month_with_two_days_joined_by_and_is_two_dates() {
        let v = times("Shells hit the port on May 3 and 9.", "2021-06-01");
        let got: Vec<_> = v.iter().map(|t| (t.0.as_str(), t.1.as_str())).collect();
        assert_eq!(got, [("May 3", "2021-05-03"), ("9", "2021-05-09")]);
        // Two days in a row are one event over both.
        let v = times("Floods hit the coast on September 10 and 11.", "2023-09-18");
        assert_eq!(
            (v.len(), v[0].2.as_str(), v[0].3.as_str()),
            (1, "2023-09-10", "2023-09-11")
        );
        // "between ... and" is one stretch.
        let v = times("Shells hit the port between May 3 and 9.", "2021-06-01");
        assert_eq!(
            (v.len(), v[0].2.as_str(), v[0].3.as_str()),
            (1, "2021-05-03", "2021-05-09")
        );
    }

    #[test]
    fn hours_nights_and_the_days_around_a_date() {
        let range = |text: &str, p: &str| {
            let v = times(text, p);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            (v[0].2.clone(), v[0].3.clone())
        };
        assert_eq!(
            range(
                "Over the past 48 hours, trucks reached the valley.",
                "2023-09-14"
            ),
            ("2023-09-12".into(), "2023-09-14".into())
        );
        assert_eq!(
            range("Six bodies were found during the past day.", "2023-09-14"),
            ("2023-09-13".into(), "2023-09-14".into())
        );
        assert_eq!(
            range("Rockets fell overnight on the harbour.", "2020-10-11"),
            ("2020-10-10".into(), "2020-10-11".into())
        );
        let v = times(
            "The dam failed on March 3. 24 hours later, the road was cut.",
            "2020-03-10",
        );
        assert_eq!(v[1].1, "2020-03-04", "{v:?}");
        let v = times(
            "The dam failed on March 3. The following day, the road was cut.",
            "2020-03-10",
        );
        assert_eq!(v[1].1, "2020-03-04", "{v:?}");
        let v = times(
            "The dam failed on March 3. The previous night was stormy.",
            "2020-03-10",
        );
        assert_eq!(
            (v[1].2.as_str(), v[1].3.as_str()),
            ("2020-03-02", "2020-03-03")
        );
        assert_eq!(
            one("Aid arrived the previous evening.", "2020-03-10").1,
            "2020-03-09"
        );
        // Hours within the day in view add no date.
        assert_eq!(
            times(
                "The dam failed on March 3. Two hours later, it rained.",
                "2020-03-10"
            )
            .len(),
            1
        );
        // "the end of May" is its last week; "late May" its last third.
        assert_eq!(
            range("The talks failed at the end of May.", "2023-06-10"),
            ("2023-05-25".into(), "2023-05-31".into())
        );
        assert_eq!(
            range("The talks failed in late May.", "2023-06-10"),
            ("2023-05-21".into(), "2023-05-31".into())
        );
        // "the last day of the talks" is not the past day.
        assert!(times("It was the last day of the talks.", "2020-03-10").is_empty());
    }

    #[test]
    fn today_inside_a_name_is_not_a_date() {
        assert!(times("He told Brannock Today about the talks.", "2020-03-10").is_empty());
        assert_eq!(times("Today the talks resumed.", "2020-03-10").len(), 1);
        assert_eq!(
            times("The talks resumed. Today they ended.", "2020-03-10").len(),
            1
        );
        assert_eq!(
            times("Talks in Brannock today ended.", "2020-03-10").len(),
            1
        );
    }

    #[test]
    fn an_offset_from_an_undated_event_names_no_day() {
        let v = times(
            "On March 3 rain fell. Two weeks after the storm, roads reopened.",
            "2020-03-30",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        let v = times(
            "On March 3 rain fell. A day before, in the hills, snow fell.",
            "2020-03-30",
        );
        assert_eq!(v[1].1, "2020-03-02", "{v:?}");
        // From a date it does.
        assert_eq!(
            one("Roads reopened two weeks after March 3.", "2020-03-30").1,
            "2020-03-17"
        );
        assert_eq!(
            times(
                "On March 3 rain fell. Two weeks later, roads reopened.",
                "2020-03-30"
            )[1]
            .1,
            "2020-03-17"
        );
    }

    #[test]
    fn hyphenated_names_and_clock_times_are_not_months() {
        assert!(
            times(
                "Shelling hit villages in May-Ridge and beyond.",
                "2020-03-30"
            )
            .is_empty()
        );
        let v = times("Posted 30 March 2020 - 08:00", "2020-03-30");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].1, "2020-03-30");
    }

    #[test]
    fn times_of_day_keep_their_zone() {
        let v = exprs(
            "The pause starts at 06:00 local time (03:00 GMT) on Monday.",
            "2020-03-13",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].1.time, Some((6, 0, Some(180))));
        let v = exprs("The vote opened at 9.10 a.m. on March 5.", "2020-03-13");
        assert_eq!(v[0].1.time, Some((9, 10, None)));
        let v = exprs("The lull ended at 21:00 GMT on March 5.", "2020-03-13");
        assert_eq!(v[0].1.time, Some((21, 0, Some(0))));
        let v = exprs("It held until 7 pm Brannock time on March 5.", "2020-03-13");
        assert_eq!(v[0].1.time, Some((19, 0, None)));
        // "1945 GMT" is a time, not a year.
        let v = exprs("The pause began at 1945 GMT on Monday.", "2020-03-13");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].1.time, Some((19, 45, Some(0))));
        // A decimal is not a time; a year is still a year.
        let v = exprs(
            "Some 3.45 million people fled on March 5, 1945.",
            "2020-03-13",
        );
        assert_eq!(v[0].1.time, None);
        assert_eq!(v[0].1.value, "1945-03-05");
    }

    #[test]
    fn datelines_and_stamps_are_filing_dates() {
        let v = exprs(
            "BRANNOCK, April 5 (Wire) - Troops left the town on April 3.",
            "2021-04-05",
        );
        assert_eq!(v.len(), 2, "{v:?}");
        assert!(v[0].1.dateline && !v[1].1.dateline, "{v:?}");
        let v = exprs("date 2020-11-15 The handover was delayed.", "2020-11-15");
        assert!(v[0].1.dateline);
        let v = exprs(
            "Posted: Sun 17 Sep 2023, 4:00 PM\n\nRescuers worked on September 16.",
            "2023-09-17",
        );
        assert!(v[0].1.dateline && !v[1].1.dateline, "{v:?}");
        // A sentence that starts with a date is not a dateline.
        let v = exprs("On April 5 - a Monday - troops left.", "2021-04-05");
        assert!(!v[0].1.dateline, "{v:?}");
        let v = exprs(
            "Rain Ends Drought\nRains came on September 14, 2023 and stayed.",
            "2023-09-17",
        );
        assert!(!v[0].1.dateline, "{v:?}");
    }

    #[test]
    fn a_year_with_an_apostrophe_s_is_the_year_unless_it_is_a_decade() {
        assert_eq!(one("the 1990's", "2020-03-13").1, "1990s");
        assert_eq!(one("2020's hardest winter", "2021-03-13").1, "2020");
    }

    #[test]
    fn the_future_reads_forward() {
        assert_eq!(
            one("Patrols are set to begin on March 15th.", "2020-03-13").1,
            "2020-03-15"
        );
        // Without a year the nearest reading wins: a past verb two days before a month-day
        // says the publication date is rough, not that the event is a year old.
        assert_eq!(
            one("Patrols began on March 15th.", "2020-09-13").1,
            "2020-03-15"
        );
        assert_eq!(
            one(
                "The handover was postponed until November 25.",
                "2020-11-15"
            )
            .1,
            "2020-11-25"
        );
        assert_eq!(
            one("Talks will resume on Monday.", "2020-02-11").1,
            "2020-02-17"
        );
    }

    #[test]
    fn weekdays_resolve_on_or_before_publication() {
        // 2020-01-19 is a Sunday.
        assert_eq!(
            one("Clashes continued Sunday.", "2020-01-19"),
            ("Sunday".into(), "2020-01-19".into(), "2020-01-19".into())
        );
        assert_eq!(
            one("In Sunday's clashes many died.", "2020-01-19").1,
            "2020-01-19"
        );
        assert_eq!(
            one("A statement was released Friday.", "2020-01-19").1,
            "2020-01-17"
        );
        assert_eq!(
            one("They met in Karsk on Monday.", "2020-02-11").0,
            "Monday"
        );
    }

    #[test]
    fn relative_periods() {
        assert_eq!(
            one("A pact was brokered last week.", "2020-01-19").1,
            "2020-W02"
        );
        assert_eq!(
            one("A pact was brokered last week.", "2020-01-19").2,
            "2020-01-06"
        );
        assert_eq!(one("He tweeted last month.", "2020-01-19").1, "2019-12");
        assert_eq!(
            one("Soldiers were killed this month.", "2020-02-11").1,
            "2020-02"
        );
        assert_eq!(
            one("It happened three days ago.", "2020-02-11").1,
            "2020-02-08"
        );
        // "It has been N days since X": X's day.
        assert_eq!(
            one(
                "It has been fourteen days since the siege of Varn began.",
                "2020-02-11"
            )
            .1,
            "2020-01-28"
        );
        assert_eq!(
            one("It's been 3 weeks since the truce.", "2020-02-11").1,
            "2020-01-21"
        );
        // A count of days since, with no "it has been", is a span, not a day.
        assert!(
            times(
                "Ten days since the truce, no convoy has come.",
                "2020-02-11"
            )
            .iter()
            .all(|t| !t.0.contains("since")),
        );
        assert_eq!(one("It happened yesterday.", "2020-02-11").1, "2020-02-10");
        assert_eq!(one("The vote is next year.", "2020-02-11").1, "2021");
    }

    #[test]
    fn months_years_and_parts() {
        assert_eq!(
            one("In April 2019, the army attacked.", "2020-01-19").1,
            "2019-04"
        );
        let (text, value, from) = one("The offensive began in early December.", "2020-01-19");
        assert_eq!(
            (text.as_str(), value.as_str(), from.as_str()),
            ("early December", "2019-12", "2019-12-01")
        );
        assert_eq!(
            times("It began in late 2019.", "2020-01-19")[0].2,
            "2019-09-01"
        );
        assert_eq!(one("The war began in 2011.", "2020-01-19").1, "2011");
        assert_eq!(
            one("They threaten the 2018 agreement.", "2020-01-19").1,
            "2018"
        );
    }

    #[test]
    fn since_is_an_open_range_to_publication() {
        let v = times(
            "Nearly 600,000 people have fled since December.",
            "2020-02-11",
        );
        assert_eq!(
            v,
            vec![(
                "since December".into(),
                "2019-12".into(),
                "2019-12-01".into(),
                "2020-02-11".into()
            )]
        );
    }

    #[test]
    fn anaphoric_year_comes_from_the_last_date() {
        let v = times(
            "In October 2019, the raid took place. He had hidden there since March of the same year.",
            "2020-01-19",
        );
        assert_eq!(v[1].1, "2019-03");
    }

    #[test]
    fn numeric_and_abbreviated_forms() {
        assert_eq!(
            one("Filed 2015-12 and not later.", "2020-01-01").1,
            "2015-12"
        );
        assert_eq!(
            one("Seen on 02/22/2016 at the port.", "2020-01-01").1,
            "2016-02-22"
        );
        assert_eq!(
            one("Seen on 22/04 at the port.", "2020-06-01").1,
            "2020-04-22"
        );
        assert_eq!(
            one("Seen on 13.5.2015 at the port.", "2020-01-01").1,
            "2015-05-13"
        );
        assert_eq!(
            times("It rose 3.5 percent, or 1.2 points.", "2020-01-01"),
            vec![]
        );
        assert_eq!(
            one("They met on Fri. to talk.", "2020-01-19").1,
            "2020-01-17"
        );
        let past = times("Over the past three days, shelling resumed.", "2020-03-10");
        assert_eq!(
            (past[0].2.as_str(), past[0].3.as_str()),
            ("2020-03-08", "2020-03-10")
        );
        let next = times("Talks are planned for the next two weeks.", "2020-03-10");
        assert_eq!(
            (next[0].2.as_str(), next[0].3.as_str()),
            ("2020-03-11", "2020-03-24")
        );
    }

    #[test]
    fn offsets_count_from_the_last_date_or_their_anchor() {
        let v = times(
            "On March 5, talks began. Two days later, shelling resumed. The day before, it was calm.",
            "2020-03-10",
        );
        let values: Vec<&str> = v.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(values, vec!["2020-03-05", "2020-03-07", "2020-03-06"]);
        assert_eq!(
            one("They left two weeks before May 13, 1999.", "2020-03-10").1,
            "1999-04-29"
        );
        assert_eq!(
            one("It reopens in two weeks.", "2020-03-10").1,
            "2020-03-24"
        );
        // Counted back from now, not a day ahead.
        for back in [
            "The mill ran for the first time in six weeks.",
            "It was the heaviest shelling in two years.",
            "Nurses have not been paid in three months.",
        ] {
            assert_eq!(times(back, "2020-03-10"), vec![], "{back}");
        }
        assert_eq!(
            one("It ends three days after tomorrow.", "2020-03-10").1,
            "2020-03-14"
        );
        assert_eq!(
            times("He survived in two years of war.", "2020-03-10"),
            vec![]
        );
    }

    #[test]
    fn weekends_quarters_halves_decades() {
        // 2020-03-10 is a Tuesday.
        let w = times("Shelling eased over the weekend.", "2020-03-10");
        assert_eq!(
            (w[0].2.as_str(), w[0].3.as_str()),
            ("2020-03-07", "2020-03-08")
        );
        let q = times(
            "Exports fell in the first quarter of 2019 and in Q3 2018.",
            "2020-03-10",
        );
        assert_eq!(
            (q[0].1.as_str(), q[0].3.as_str()),
            ("2019-Q1", "2019-03-31")
        );
        assert_eq!(q[1].1, "2018-Q3");
        assert_eq!(
            one("Growth slowed in the second half of 2019.", "2020-03-10").2,
            "2019-07-01"
        );
        let d = times("Since the 1990s the town has changed.", "2020-03-10");
        assert_eq!((d[0].1.as_str(), d[0].2.as_str()), ("1990s", "1990-01-01"));
    }

    #[test]
    fn weekday_in_a_named_week_and_parts_of_this_period() {
        assert_eq!(
            one("They met on Tuesday of last week.", "2020-03-12").1,
            "2020-03-03"
        );
        assert_eq!(
            one("The vote is next week on Monday.", "2020-03-12").1,
            "2020-03-16"
        );
        let e = times("Earlier this month, the pact held.", "2020-03-12");
        assert_eq!(
            (e[0].2.as_str(), e[0].3.as_str()),
            ("2020-03-01", "2020-03-12")
        );
    }

    #[test]
    fn spelled_and_separated_day_forms() {
        assert_eq!(
            one("It was signed on the fifth of March, 2020.", "2021-01-01").1,
            "2020-03-05"
        );
        assert_eq!(
            one("Celebrated on July fourth.", "2020-08-01").1,
            "2020-07-04"
        );
        assert_eq!(
            one("Logged 05-aug-2016 by the desk.", "2020-08-01").1,
            "2016-08-05"
        );
        assert_eq!(
            one("Filed in 2016 November by the desk.", "2020-08-01").1,
            "2016-11"
        );
        assert_eq!(one("Filed 11/2016 by the desk.", "2020-08-01").1, "2016-11");
        assert_eq!(
            one("The convoy arrived on the 18th.", "2020-08-07").1,
            "2020-07-18"
        );
    }

    #[test]
    fn ranges_between_two_dates_are_inclusive() {
        let v = times(
            "Talks ran from March 5 to March 8 and between 2014 and 2018 nothing moved.",
            "2020-03-10",
        );
        assert_eq!(
            (v[0].2.as_str(), v[0].3.as_str()),
            ("2020-03-05", "2020-03-08")
        );
        assert_eq!(
            (v[1].0.as_str(), v[1].2.as_str(), v[1].3.as_str()),
            ("between 2014 and 2018", "2014-01-01", "2018-12-31")
        );
        assert_eq!(
            times("In 2014-2018 it grew.", "2020-03-10")[0].3,
            "2018-12-31"
        );
    }

    #[test]
    fn relative_words_parts_and_anaphora() {
        // 2018-11-15 is a Thursday.
        assert_eq!(
            one("He left on previous Monday.", "2018-11-15").1,
            "2018-11-05"
        );
        assert_eq!(
            one("They meet the following Friday.", "2018-11-15").1,
            "2018-11-23"
        );
        let v = times("Shelling eased late last week.", "2017-11-08");
        assert_eq!(
            (v[0].2.as_str(), v[0].3.as_str()),
            ("2017-11-02", "2017-11-05")
        );
        // The anchor is the last date of an earlier sentence.
        let v = times(
            "On March 3 the army moved. The same week, talks stalled.",
            "2020-03-10",
        );
        assert_eq!(
            (v[1].1.as_str(), v[1].2.as_str()),
            ("2020-W10", "2020-03-02")
        );
        let v = times("Aid must arrive within two weeks.", "2020-03-10");
        assert_eq!(
            (v[0].2.as_str(), v[0].3.as_str()),
            ("2020-03-10", "2020-03-23")
        );
        let v = times("Over the next forty days the count grew.", "2018-03-23");
        assert_eq!(v[0].3, "2018-05-02");
        assert_eq!(
            one("The vote is the week after next.", "2018-07-02").1,
            "2018-W29"
        );
        let v = times("Few rebuilt after 2016, in the 21st century.", "2020-03-10");
        assert_eq!(
            (v[0].2.as_str(), v[1].2.as_str(), v[1].3.as_str()),
            ("2017-01-01", "2000-01-01", "2099-12-31")
        );
        assert_eq!(
            one("It opened on 28 june in 2020.", "2021-01-01").1,
            "2020-06-28"
        );
        assert_eq!(one("It opened on 14 nov.", "2016-11-20").1, "2016-11-14");
    }

    #[test]
    fn unit_names_are_not_days() {
        for text in [
            "The 25th Division advanced.",
            "He led the 4th Armoured Brigade.",
        ] {
            assert_eq!(times(text, "2020-03-10"), vec![], "{text}");
        }
        // A century is a period, not a day.
        let v = times("The 18th century saw it built.", "2020-03-10");
        assert_eq!(
            (v[0].2.as_str(), v[0].3.as_str()),
            ("1700-01-01", "1799-12-31")
        );
    }

    #[test]
    fn day_ranges() {
        assert_eq!(
            one("Talks ran March 5-6.", "2020-03-10").1,
            "2020-03-05..2020-03-06"
        );
    }

    #[test]
    fn non_dates_are_left_alone() {
        for text in [
            "The groups may decide to unite.",
            "Operation Spring Shield began.",
            "Brig. Gen. Esmail Ghaani visited.",
            "At least 2000 people fled.",
            "About 2015 residents stayed.",
            "Some 1999 soldiers and 2010 civilians were counted.",
            "The M4 highway and the M5 road.",
            "They march on the capital.",
        ] {
            assert_eq!(times(text, "2020-03-10"), vec![], "{text}");
        }
    }
}
