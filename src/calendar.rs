//! Inclusive day ranges: the one representation of "when" shared by publication dates, time
//! expressions and claims.

use jiff::civil::Date;
use std::fmt;

/// An inclusive range of civil days, `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayRange {
    pub from: Date,
    pub to: Date,
}

impl DayRange {
    pub fn day(d: Date) -> Self {
        DayRange { from: d, to: d }
    }

    /// The smallest range holding both: the days a finding's sides speak of together.
    pub fn hull(self, other: DayRange) -> DayRange {
        DayRange {
            from: self.from.min(other.from),
            to: self.to.max(other.to),
        }
    }

    /// A range, or `None` when `to` comes before `from`.
    pub fn new(from: Date, to: Date) -> Option<Self> {
        (from <= to).then_some(DayRange { from, to })
    }

    pub fn is_single_day(&self) -> bool {
        self.from == self.to
    }

    pub fn overlaps(&self, other: &DayRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// Number of days covered (at least 1).
    pub fn days(&self) -> i64 {
        i64::from((self.to - self.from).get_days()) + 1
    }
}

/// `{"from": "2020-03-06", "to": "2020-03-10"}` in machine output.
impl serde::Serialize for DayRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DayRange", 2)?;
        st.serialize_field("from", &self.from.to_string())?;
        st.serialize_field("to", &self.to.to_string())?;
        st.end()
    }
}

/// `2020-01-19`, or `2020-03-09..2020-03-10` for a range: the corpus front-matter syntax.
impl fmt::Display for DayRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single_day() {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}..{}", self.from, self.to)
        }
    }
}

/// Why a date string did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parse a publication date: an ISO date (`2020-01-19`), a datetime (`2020-01-19T08:30:00Z`,
/// `2020-01-19 08:30`; the date part is kept, in the writer's own zone), or an inclusive range
/// `2020-03-09..2020-03-10` when only a window is known.
pub fn parse_published(s: &str) -> Result<DayRange, DateParseError> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once("..") {
        let from = parse_day(a.trim())?;
        let to = parse_day(b.trim())?;
        return DayRange::new(from, to).ok_or_else(|| {
            DateParseError(format!(
                "the range `{s}` ends before it starts ({to} is before {from})"
            ))
        });
    }
    parse_day(s).map(DayRange::day)
}

fn parse_day(s: &str) -> Result<Date, DateParseError> {
    // A datetime keeps its calendar date: the day the outlet published it in its own zone.
    let not_a_date = || {
        DateParseError(format!(
            "`{s}` is not a date; expected YYYY-MM-DD, a datetime such as 2020-01-19T08:30:00Z, \
             or a range such as 2020-03-09..2020-03-10"
        ))
    };
    let (date_part, time_part) = match s.find(['T', ' ']) {
        Some(10) => (&s[..10], Some(&s[11..])),
        _ => (s, None),
    };
    // The time is dropped, but it must be one: `T25:00:00` is a typo, not a date.
    if let Some(time) = time_part {
        let clock = time
            .split(['Z', 'z', '+', '-', '['])
            .next()
            .unwrap_or_default();
        let zone_ok = time[clock.len()..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "Zz+-:[]/_".contains(c));
        if clock.parse::<jiff::civil::Time>().is_err() || !zone_ok {
            return Err(not_a_date());
        }
    }
    date_part.parse::<Date>().map_err(|_| not_a_date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_days_datetimes_and_ranges() {
        assert_eq!(
            parse_published("2020-01-19").unwrap(),
            DayRange::day(date(2020, 1, 19))
        );
        assert_eq!(
            parse_published("2020-01-19T23:30:00+03:00").unwrap(),
            DayRange::day(date(2020, 1, 19))
        );
        assert_eq!(
            parse_published("2020-01-19 08:00").unwrap(),
            DayRange::day(date(2020, 1, 19))
        );
        let r = parse_published("2020-03-09..2020-03-10").unwrap();
        assert_eq!((r.from, r.to), (date(2020, 3, 9), date(2020, 3, 10)));
        assert_eq!(r.to_string(), "2020-03-09..2020-03-10");
        assert_eq!(r.days(), 2);
    }

    #[test]
    fn rejects_non_dates_and_backwards_ranges() {
        assert!(parse_published("March 5").is_err());
        assert!(parse_published("2020-02-30").is_err());
        // The time of a datetime must be a time too.
        assert!(parse_published("2020-03-12T25:00:00").is_err());
        assert!(parse_published("2020-03-12T08:61").is_err());
        assert!(parse_published("2020-03-12 12:00:00Z").is_ok());
        assert!(parse_published("2020-03-10..2020-03-09").is_err());
        assert!(parse_published("").is_err());
    }
}
