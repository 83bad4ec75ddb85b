//! Counts as intervals with their qualifiers.
//!
//! Interval policy: "at least n" is [n, open); "more than n" is (n, open); "nearly n" is
//! [0.9n, n]; "about n" is [n, n] with a relative `tolerance` of 0.1, so it compares as the
//! band [0.9n, 1.1n] while its bounds still say what the text states; "up to n" and "fewer
//! than n" are (open, n];
//! "between a and b" is [a, b]; vague magnitudes are wide bands ("dozens" [24, 143],
//! "hundreds" [200, 999], "thousands" [2000, 999999], "tens of thousands" [20000, 99999]).
//! Years, dates, times of day, ordinals, money, percentages and identifiers such as road
//! names ("M4") are not counts.

use crate::text::wordset::WordSet;
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    Nearly,
    About,
    UpTo,
    FewerThan,
    Range,
    Vague,
}

/// A number in the text, as the interval of values it allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The number and its qualifier ("at least 28").
    pub span: Range<usize>,
    /// Where the number itself is ("28").
    pub number_span: Range<usize>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// Relative looseness of the bounds: [`APPROX_BAND`] for "about", else 0. Comparisons
    /// widen the interval by it.
    pub tolerance: f64,
}

/// Relative half-width of the band for "about n", and the floor of "nearly n".
pub const APPROX_BAND: f64 = 0.1;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d+(?:\.\d+){2,}|\d{1,2}(?:,\d{2})+,\d{3}\b(?:\.\d+)?|\d{1,3}(?: \d{3})+\b(?:\.\d+)?|\d{1,3}(?:,\d{3})+\b(?:\.\d+)?(?:bn|mil|MM|[kKMBbG]\b)?|\d+(?:\.\d+)?(?:bn|mil|MM|[kKMBbG]\b)?|\.\d+|[A-Za-z]+(?:'[A-Za-z]+)?|[<>]=?|\S",
    )
        .expect("built-in pattern")
});

/// Qualifiers, longest first, matched against the lowercase words before a number.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("greater than or equal to", Qualifier::AtLeast),
    ("more than or equal to", Qualifier::AtLeast),
    ("equal to or greater than", Qualifier::AtLeast),
    ("equal to or more than", Qualifier::AtLeast),
    ("at least or equal to", Qualifier::AtLeast),
    ("bigger or equal than", Qualifier::AtLeast),
    ("higher or equal than", Qualifier::AtLeast),
    ("greater or equal than", Qualifier::AtLeast),
    ("larger or equal than", Qualifier::AtLeast),
    ("less than or equal to", Qualifier::UpTo),
    ("equal to or less than", Qualifier::UpTo),
    ("smaller or equal than", Qualifier::UpTo),
    ("lower or equal than", Qualifier::UpTo),
    ("less or equal than", Qualifier::UpTo),
    (">=", Qualifier::AtLeast),
    ("> =", Qualifier::AtLeast),
    ("\u{2265}", Qualifier::AtLeast),
    ("<=", Qualifier::UpTo),
    ("< =", Qualifier::UpTo),
    ("\u{2264}", Qualifier::UpTo),
    (">", Qualifier::MoreThan),
    ("<", Qualifier::FewerThan),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("at least", Qualifier::AtLeast),
    // "killing least 12 civilians": "at least" with its first word dropped.
    ("least", Qualifier::AtLeast),
    ("in excess of", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("exceeded", Qualifier::MoreThan),
    ("exceeds", Qualifier::MoreThan),
    ("exceed", Qualifier::MoreThan),
    ("surpassing", Qualifier::MoreThan),
    ("surpassed", Qualifier::MoreThan),
    ("surpass", Qualifier::MoreThan),
    ("surpasses", Qualifier::MoreThan),
    ("topped", Qualifier::MoreThan),
    ("tops", Qualifier::MoreThan),
    ("topping", Qualifier::MoreThan),
    // A figure a count rises past: "the toll surged past 12,000".
    ("rose past", Qualifier::MoreThan),
    ("risen past", Qualifier::MoreThan),
    ("surged past", Qualifier::MoreThan),
    ("climbed past", Qualifier::MoreThan),
    ("jumped past", Qualifier::MoreThan),
    ("soared past", Qualifier::MoreThan),
    ("went past", Qualifier::MoreThan),
    ("gone past", Qualifier::MoreThan),
    ("edged past", Qualifier::MoreThan),
    ("crept past", Qualifier::MoreThan),
    ("equal to", Qualifier::Exact),
    ("upwards of", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("larger than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("bigger than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("just shy of", Qualifier::Nearly),
    ("approaching", Qualifier::Nearly),
    ("nearing", Qualifier::Nearly),
    ("nears", Qualifier::Nearly),
    ("just under", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("an estimated", Qualifier::About),
    ("estimated at", Qualifier::About),
    ("estimate", Qualifier::About),
    ("approximately", Qualifier::About),
    ("estimated", Qualifier::About),
    ("roughly", Qualifier::About),
    ("around", Qualifier::About),
    ("about", Qualifier::About),
    ("some", Qualifier::About),
    ("circa", Qualifier::About),
    ("as many as", Qualifier::UpTo),
    ("no more than", Qualifier::UpTo),
    ("not more than", Qualifier::UpTo),
    ("a maximum of", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("up to", Qualifier::UpTo),
    ("fewer than", Qualifier::FewerThan),
    ("less than", Qualifier::FewerThan),
    ("lower than", Qualifier::FewerThan),
    ("smaller than", Qualifier::FewerThan),
    ("under", Qualifier::FewerThan),
    ("below", Qualifier::FewerThan),
];

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Scale words: "three hundred", "2 million", "5 lakh".
const MULTIPLIERS: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("mil", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("trillion", 1e12),
    ("tln", 1e12),
    // South Asian numbering: a lakh is 100,000, a crore 10,000,000.
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("crore", 1e7),
    ("crores", 1e7),
];

fn multiplier(word: &str) -> Option<f64> {
    MULTIPLIERS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, m)| m)
}

fn word_value(word: &str) -> Option<f64> {
    if word == "nought" || word == "naught" {
        return Some(0.0);
    }
    if let Some(i) = UNITS.iter().position(|u| *u == word) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|t| !t.is_empty() && *t == word)
        .map(|i| i as f64 * 10.0)
}

/// A vague magnitude's value, lower bound and upper bound (none: open).
type Band = (f64, f64, Option<f64>);

/// Whether the word after a vague magnitude ("thousands ...") shows it stands for the
/// group itself: an auxiliary, a participle, "more", or punctuation.
fn vague_stands_alone(next: &str) -> bool {
    matches!(
        next,
        "more"
            | "have"
            | "has"
            | "had"
            | "were"
            | "are"
            | "was"
            | "been"
            | "will"
            | "would"
            | "could"
            | "may"
            | "remain"
            | "remained"
            | "still"
            | ","
            | "."
            | ";"
            | ")"
    ) || (next.len() > 4 && next.ends_with("ed"))
}

/// Vague magnitude words ("dozens", "hundreds") and their bands.
const VAGUE: &[(&str, Band)] = &[
    ("dozens", (24.0, 24.0, Some(143.0))),
    ("scores", (24.0, 24.0, Some(143.0))),
    ("hundreds", (200.0, 200.0, Some(999.0))),
    ("thousands", (2000.0, 2000.0, Some(999_999.0))),
    ("millions", (2e6, 2e6, None)),
];

/// A vague magnitude word, and its band.
fn vague(word: &str) -> Option<Band> {
    VAGUE
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, band)| band)
}

/// Words [`number_at`] may start a number at besides those in [`UNITS`], [`TENS`],
/// [`MULTIPLIERS`] and [`VAGUE`]: keep in step with it, since a sentence holding none of
/// these words and no digit is skipped.
const OTHER_STARTS: &[&str] = &["nought", "naught", "dozen", "half", "tens"];

/// Every word that can begin a number, or follow "a" in one ("a dozen", "a hundred").
fn start_words() -> impl Iterator<Item = &'static str> {
    UNITS
        .iter()
        .chain(TENS)
        .chain(OTHER_STARTS)
        .copied()
        .chain(MULTIPLIERS.iter().map(|(w, _)| *w))
        .chain(VAGUE.iter().map(|(w, _)| *w))
        .filter(|w| !w.is_empty())
}

static NUMBER_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(start_words()));

/// Whether `sentence` may hold a number: it has an ASCII digit, or a word (a run of ASCII
/// letters, in any case) that can begin one. Most sentences have neither, and skipping
/// them spares tokenising them.
fn may_hold_number(sentence: &str) -> bool {
    crate::text::spans::has_ascii_digit(sentence) || NUMBER_WORDS.any_word_in(sentence)
}

/// A number parsed from tokens: its value, the token after it, and for a vague magnitude
/// ("dozens of") the band it stands for.
struct Parsed {
    value: f64,
    end: usize,
    band: Option<(f64, Option<f64>)>,
}

impl Parsed {
    fn exact(value: f64, end: usize) -> Option<Self> {
        Some(Parsed {
            value,
            end,
            band: None,
        })
    }
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    /// Borrowed when the token is already lower case (most are): no allocation per word.
    lower: std::borrow::Cow<'a, str>,
    span: Range<usize>,
}

/// [`TOKEN`] anchored, for tokens that do not start with an ASCII letter.
static TOKEN_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{})", TOKEN.as_str())).expect("built-in pattern"));

/// The tokens of `s`, exactly as [`TOKEN`] finds them: words are scanned by hand (they are
/// most tokens, and the only alternative that can start with an ASCII letter is
/// `[A-Za-z]+('[A-Za-z]+)?`); everything else goes through the anchored regex.
fn tokens(s: &str, offset: usize) -> Vec<Tok<'_>> {
    let bytes = s.as_bytes();
    // About one token in five bytes: sized once instead of doubling up from four.
    let mut out = Vec::with_capacity(s.len() / 4);
    let mut pos = 0;
    while pos < s.len() {
        let c = s[pos..].chars().next().expect("on a char boundary");
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let end = if c.is_ascii_alphabetic() {
            let letters = |from: usize| {
                crate::text::spans::ascii_run_end(
                    bytes,
                    from,
                    crate::text::spans::ascii_letter_bytes,
                )
            };
            let end = letters(pos);
            match bytes.get(end..end + 2) {
                Some([b'\'', b]) if b.is_ascii_alphabetic() => letters(end + 1),
                _ => end,
            }
        } else if c.is_ascii() && !c.is_ascii_digit() && !matches!(c, '.' | '<' | '>') {
            // Only `\S` starts with any other ASCII character: a token of one character.
            pos + 1
        } else if let Some(end) = plain_digits(bytes, pos) {
            end
        } else if c == '.'
            && bytes
                .get(pos + 1)
                .is_none_or(|b| b.is_ascii() && !b.is_ascii_digit())
        {
            // Not `\.\d+`: a full stop.
            pos + 1
        } else if c == '<' || c == '>' {
            pos + 1 + usize::from(bytes.get(pos + 1) == Some(&b'='))
        } else {
            TOKEN_AT
                .find(&s[pos..])
                .map_or(pos + c.len_utf8(), |m| pos + m.end())
        };
        let text = &s[pos..end];
        out.push(Tok {
            text,
            lower: if text
                .bytes()
                .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
            {
                std::borrow::Cow::Owned(text.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(text)
            },
            span: offset + pos..offset + end,
        });
        pos = end;
    }
    out
}

/// The end of a run of ASCII digits at `pos` that [`TOKEN`] takes as a token by itself:
/// followed by the end, by a space not followed by a digit, or by ASCII punctuation other
/// than `.`, `,`, `'` and `_` (the characters the grouped, decimal, dotted and suffixed
/// forms go on with). `None`: ask the pattern.
fn plain_digits(bytes: &[u8], pos: usize) -> Option<usize> {
    let end = pos
        + bytes[pos..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    if end == pos {
        return None;
    }
    let plain = match bytes.get(end) {
        None => true,
        Some(b' ') => !bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(&b) => {
            b.is_ascii() && !b.is_ascii_alphanumeric() && !matches!(b, b'.' | b',' | b'\'' | b'_')
        }
    };
    plain.then_some(end)
}

/// The value of `text` when all of it is one number, in digits or words ("forty-five",
/// "a dozen", "12"): for other annotators that count ("two weeks ago").
pub(crate) fn number_value(text: &str) -> Option<f64> {
    let toks = tokens(text, 0);
    let parsed = number_at(&toks, 0)?;
    (parsed.end == toks.len() && parsed.band.is_none()).then_some(parsed.value)
}

/// Find every quantity in `text`. Numbers inside `times` (the spans of the time expressions,
/// in text order) are not counts.
/// Bytes before a number searched for a qualifier ("no more than", "upwards of"): more than
/// the longest qualifier phrase.
const QUALIFIER_REACH: usize = 64;

pub fn find(text: &str, sentences: &[Range<usize>], times: &[Range<usize>]) -> Vec<Quantity> {
    find_in(text, sentences, times, may_hold_number)
}

/// [`find`], in the sentences `gate` lets through.
fn find_in(
    text: &str,
    sentences: &[Range<usize>],
    times: &[Range<usize>],
    gate: fn(&str) -> bool,
) -> Vec<Quantity> {
    let mut out = Vec::new();
    for s in sentences {
        if !gate(&text[s.clone()]) {
            continue;
        }
        let first = out.len();
        let toks = tokens(&text[s.clone()], s.start);
        let times = crate::text::spans::starting_in(times, |t| t, s);
        let mut i = 0;
        while i < toks.len() {
            if times
                .iter()
                .any(|t| t.start <= toks[i].span.start && toks[i].span.start < t.end)
            {
                i += 1;
                continue;
            }
            match number_at(&toks, i) {
                Some(Parsed { value, end, band }) if !excluded(text, &toks, i, end) => {
                    let floor = out[first..]
                        .last()
                        .map_or(s.start, |q: &Quantity| q.span.end);
                    if let Some(q) = qualify(text, &toks, i, end, value, band, floor) {
                        i = q.1;
                        out.push(q.0);
                    } else {
                        i = end;
                    }
                }
                Some(Parsed { end, .. }) => i = end,
                None => i += 1,
            }
        }
        merge_bounds(text, &mut out, first);
    }
    out
}

/// Parse a number starting at token `i`: digits (with a multiplier word), number words, "a
/// dozen", "half", or a vague magnitude. Returns the value, the token after it, and a vague
/// band when the number is a magnitude word.
fn number_at(toks: &[Tok], i: usize) -> Option<Parsed> {
    may_begin_number(&toks[i])
        .then(|| number_at_any(toks, i))
        .flatten()
}

/// Whether a number can start at `t`: digits, or a word `start_words` lists (or "a", as in
/// "a dozen"). Most tokens are words that cannot, ruled out here by their shape instead of
/// being compared with every number word.
fn may_begin_number(t: &Tok) -> bool {
    t.text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || t.lower == "a"
        || t.lower == "an"
        || NUMBER_WORDS.contains(t.lower.as_bytes())
}

/// [`number_at`] without its gate.
fn number_at_any(toks: &[Tok], i: usize) -> Option<Parsed> {
    let t = &toks[i];
    if t.text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && t.text.len() > usize::from(t.text.starts_with('.'))
    {
        if t.text.matches('.').count() >= 2 {
            return None; // a version or address: 192.168.1.2
        }
        let plain_digits = t.text.bytes().all(|b| b.is_ascii_digit());
        if plain_digits
            && toks
                .get(i + 1)
                .is_some_and(|n| multiplier(&n.lower).is_some())
        {
            if let Some(p) = words_at(toks, i).filter(|p| p.end > i + 2) {
                return Some(p);
            }
        }
        let (digits, suffix) = split_suffix(t.text.trim_end_matches(','));
        if digits.contains(',') && !valid_grouping(digits) {
            return None;
        }
        // Most numbers have no group separator to drop: parsed in place, not copied.
        let mut value: f64 = if digits.contains([',', ' ']) {
            digits.replace([',', ' '], "").parse().ok()?
        } else {
            digits.parse().ok()?
        };
        value *= suffix;
        let mut end = i + 1;
        // "3 dozen", "three dozens"
        if toks
            .get(end)
            .is_some_and(|n| n.lower == "dozen" || n.lower == "dozens")
        {
            value *= 12.0;
            end += 1;
        }
        if let Some(m) = toks.get(end).and_then(|n| multiplier(&n.lower)) {
            value *= m;
            end += 1;
        } else if let Some(m) = hyphened_multiplier(toks, end) {
            // "2.3-million"
            value *= m;
            end += 2;
        }
        return Parsed::exact(value, end);
    }
    // "tens of thousands", "hundreds of thousands"
    if (t.lower == "tens" || t.lower == "hundreds")
        && toks.get(i + 1).is_some_and(|n| n.lower == "of")
    {
        if let Some(m) = toks
            .get(i + 2)
            .and_then(|n| multiplier(n.lower.trim_end_matches('s')))
        {
            if toks[i + 2].lower.ends_with('s') {
                let base = if t.lower == "tens" { 10.0 } else { 100.0 };
                let low = 2.0 * base * m;
                return Some(Parsed {
                    value: low,
                    end: i + 3,
                    band: Some((low, Some(10.0 * base * m - 1.0))),
                });
            }
        }
    }
    if let Some((value, low, high)) = vague(&t.lower) {
        // "hundreds of people", and a vague magnitude that is itself the group: "thousands
        // more injured", "hundreds have died", "wounded thousands", at the clause's end.
        if toks
            .get(i + 1)
            .is_none_or(|n| n.lower == "of" || vague_stands_alone(&n.lower))
        {
            return Some(Parsed {
                value,
                end: i + 1,
                band: Some((low, high)),
            });
        }
        return None;
    }
    if t.lower == "half" {
        let prev = i.checked_sub(1).map(|p| toks[p].lower.as_ref());
        if toks.get(i + 1).is_some_and(|n| n.lower == "a")
            && toks.get(i + 2).is_some_and(|n| n.lower == "dozen")
        {
            return Parsed::exact(6.0, i + 3);
        }
        let after_qualifier = i >= 2
            && matches!(
                (toks[i - 2].lower.as_ref(), toks[i - 1].lower.as_ref()),
                ("more" | "less" | "fewer", "than")
            )
            || prev == Some("nearly")
            || prev == Some("almost");
        let of_or_a = toks.get(i + 1).is_some_and(|n| n.lower == "of")
            || prev == Some("a")
            || after_qualifier;
        return if of_or_a {
            Parsed::exact(0.5, i + 1)
        } else {
            None
        };
    }
    words_at(toks, i)
}

/// Number words: "twenty-eight", "one hundred and six", "a dozen", "two thousand five hundred".
fn words_at(toks: &[Tok], i: usize) -> Option<Parsed> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    let mut j = i;
    if toks[i].lower == "a" || toks[i].lower == "an" {
        let next = toks.get(i + 1)?;
        if next.lower == "dozen" {
            return Parsed::exact(12.0, i + 2);
        }
        multiplier(&next.lower)?;
        current = 1.0;
        j = i + 1;
    }
    while let Some(t) = toks.get(j) {
        let w = t.lower.as_ref();
        if let Some(v) = word_value(w) {
            if any
                && current % 100.0 != 0.0
                && v < 100.0
                && !(current % 100.0 >= 20.0 && current % 10.0 == 0.0 && v < 10.0)
            {
                break;
            }
            current += v;
            any = true;
        } else if (w == "dozen" || w == "dozens") && any {
            current *= 12.0;
        } else if w.bytes().all(|b| b.is_ascii_digit())
            && ((j == i
                && toks
                    .get(j + 1)
                    .is_some_and(|n| multiplier(&n.lower).is_some()))
                || (any
                    && (toks[j - 1].lower == "and" || multiplier(&toks[j - 1].lower).is_some())
                    // "3 hundred and 2 hundred" is two numbers
                    && !toks.get(j + 1).is_some_and(|n| {
                        let last = toks[i..j].iter().rev().find_map(|t| multiplier(&t.lower));
                        multiplier(&n.lower).zip(last).is_some_and(|(next, last)| next >= last)
                    })))
        {
            // Digits inside a spelled compound: "4 thousand 3 hundred and 21".
            current += w.parse::<f64>().unwrap_or(0.0);
            any = true;
        } else if w == "point" && any {
            let mut frac = String::new();
            let mut k = j + 1;
            while let Some(v) = toks.get(k).and_then(|t| word_value(&t.lower)) {
                if v >= 10.0 && frac.is_empty() && toks.get(k + 1).is_some_and(|n| n.lower == "-") {
                    let unit = toks
                        .get(k + 2)
                        .and_then(|t| word_value(&t.lower))
                        .unwrap_or(0.0);
                    frac.push_str(&format!("{}", (v + unit) as i64));
                    k += 3;
                    break;
                }
                frac.push_str(&format!("{}", v as i64));
                k += 1;
            }
            if frac.is_empty() {
                break;
            }
            current += format!("0.{frac}").parse::<f64>().unwrap_or(0.0);
            j = k;
            break;
        } else if let Some(m) = multiplier(w) {
            if !any && current == 0.0 {
                break;
            }
            if m == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                total += current.max(1.0) * m;
                current = 0.0;
            }
            any = true;
        } else if (w == "-" || w == "and")
            && any
            && toks.get(j + 1).is_some_and(|n| {
                word_value(&n.lower).is_some()
                    || (w == "and" && n.lower.bytes().all(|b| b.is_ascii_digit()))
            })
        {
            // "twenty-eight", "one hundred and six"
        } else {
            break;
        }
        j += 1;
    }
    if any {
        Parsed::exact(total + current, j)
    } else {
        None
    }
}

/// "10k" → ("10", 1e3); "1.2b" and "1.2bn" → billions; "10M" → millions; "10G" → 1e9.
/// A multiplier joined to the number before it by a hyphen ("2.3-million"): the hyphen at
/// `i` touches both.
fn hyphened_multiplier(toks: &[Tok], i: usize) -> Option<f64> {
    let (dash, word) = (toks.get(i)?, toks.get(i + 1)?);
    let touching =
        i > 0 && toks[i - 1].span.end == dash.span.start && dash.span.end == word.span.start;
    (dash.text == "-" && touching)
        .then(|| multiplier(&word.lower))
        .flatten()
}

fn split_suffix(token: &str) -> (&str, f64) {
    for (suffix, m) in [("bn", 1e9), ("mil", 1e6), ("MM", 1e6)] {
        if let Some(digits) = token.strip_suffix(suffix) {
            return (digits, m);
        }
    }
    let multiplier = match token.chars().next_back() {
        Some('k' | 'K') => 1e3,
        Some('M') => 1e6,
        Some('B' | 'b' | 'G') => 1e9,
        _ => return (token, 1.0),
    };
    (&token[..token.len() - 1], multiplier)
}

/// "1,500", and South Asian "12,34,567".
fn valid_grouping(digits: &str) -> bool {
    let int = digits.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.split(',').collect();
    let indian = groups.len() > 2
        && (1..=2).contains(&groups[0].len())
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 2)
        && groups[groups.len() - 1].len() == 3;
    indian || western_grouping(digits)
}

fn western_grouping(digits: &str) -> bool {
    let int = digits.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Numbers that are not counts: ordinals, identifiers, money, percentages, times of day, and
/// "one" used as a pronoun.
/// "M-4", "F-16", "SCP-173": letters joined to the number by a hyphen. Not "5k-20k", where
/// the letters are a multiplier after digits.
fn identifier_prefix(before: &str) -> bool {
    let Some(head) = before.strip_suffix('-') else {
        return false;
    };
    let letters = head.len() - head.trim_end_matches(|c: char| c.is_alphabetic()).len();
    letters > 0 && !head[..head.len() - letters].ends_with(|c: char| c.is_ascii_digit())
}

fn excluded(text: &str, toks: &[Tok], i: usize, end: usize) -> bool {
    let first = &toks[i];
    let last = &toks[end - 1];
    let before = &text[..first.span.start];
    let after = &text[last.span.end..];
    let prev_char = before.chars().next_back();
    // Glued to letters: "M4", "F-16", "13th", "3km".
    if prev_char.is_some_and(|c| c.is_alphanumeric())
        || identifier_prefix(before)
        || after.starts_with(|c: char| c.is_alphabetic())
    {
        return true;
    }
    // Money and percentages.
    if before.trim_end().ends_with(['$', '€', '£', '¥'])
        || after.trim_start().starts_with(['$', '€', '£', '%'])
    {
        return true;
    }
    let next_word = toks.get(end).map(|t| t.lower.as_ref()).unwrap_or("");
    if matches!(
        next_word,
        "percent" | "dollars" | "euros" | "pounds" | "usd" | "eur" | "p" | "a" | "am" | "pm"
    ) && (next_word != "a" || after.starts_with(" a.m"))
    {
        return true;
    }
    if next_word == "per" && toks.get(end + 1).is_some_and(|t| t.lower == "cent") {
        return true;
    }
    // Times of day, dates and scores written with separators: "10:30", "22/04".
    let glued =
        |s: &str| s.starts_with([':', '/']) && s[1..].starts_with(|c: char| c.is_ascii_digit());
    let before_rev: String = before.chars().rev().take(2).collect();
    if glued(after) || glued(&before_rev) {
        return true;
    }
    // "one of the", "the one", "no one".
    if first.lower == "one" && end == i + 1 {
        let prev = i
            .checked_sub(1)
            .map(|p| toks[p].lower.as_ref())
            .unwrap_or("");
        if matches!(next_word, "of" | "another" | "side" | "or" | "day")
            || matches!(
                prev,
                "the" | "no" | "any" | "each" | "every" | "this" | "that" | "which" | "only"
            )
        {
            return true;
        }
    }
    false
}

fn post_qualifier(toks: &[Tok], end: usize) -> Option<(Qualifier, usize)> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_ref());
    if w(end) == "+" || w(end) == "plus" {
        return Some((Qualifier::AtLeast, end + 1));
    }
    if !matches!(w(end), "or" | "and") {
        return None;
    }
    // "5000 or less than 6000": the comparison belongs to the next number.
    if w(end + 2) == "than" {
        return None;
    }
    match w(end + 1) {
        "more" | "greater" | "above" | "higher" | "over" => Some((Qualifier::AtLeast, end + 2)),
        "less" | "fewer" | "below" | "lower" | "under" => Some((Qualifier::UpTo, end + 2)),
        _ => None,
    }
}

/// "above 1000 and below 1500", "at most 100 and at least 20": two bounds make one range.
fn merge_bounds(text: &str, quantities: &mut Vec<Quantity>, from: usize) {
    let lower = |q: &Quantity| matches!(q.qualifier, Qualifier::AtLeast | Qualifier::MoreThan);
    let upper = |q: &Quantity| matches!(q.qualifier, Qualifier::UpTo | Qualifier::FewerThan);
    let mut k = from;
    while k + 1 < quantities.len() {
        let (a, b) = (&quantities[k], &quantities[k + 1]);
        let Some(between) = text.get(a.span.end..b.span.start) else {
            k += 1;
            continue;
        };
        let between = between.trim().trim_start_matches(',').trim();
        let joined = matches!(between, "and" | "but" | "" | "," | "to");
        let pair = if lower(a) && upper(b) {
            Some((a.value, b.value))
        } else if upper(a) && lower(b) {
            Some((b.value, a.value))
        } else {
            None
        };
        match pair {
            Some((lo, hi)) if joined && lo < hi => {
                let merged = Quantity {
                    span: a.span.start..b.span.end,
                    number_span: a.number_span.clone(),
                    value: lo,
                    low: Some(lo),
                    high: Some(hi),
                    qualifier: Qualifier::Range,
                    tolerance: 0.0,
                };
                quantities[k] = merged;
                quantities.remove(k + 1);
            }
            _ => k += 1,
        }
    }
}

/// Verbs whose particle "over" is before a number ("handed over 13 hostages"). "took over 40
/// villages" stays "more than 40": there the reading is open, and news means the figure.
const OVER_VERBS: &[&str] = &[
    "hand", "hands", "handed", "handing", "turn", "turns", "turned", "turning", "sign", "signs",
    "signed", "signing", "give", "gives", "gave", "given", "giving",
];

/// Whether `before` (lower-cased, trimmed) ends in a verb whose particle "over" is.
fn ends_with_particle_verb(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    OVER_VERBS.contains(&last)
}

/// Attach the qualifier before the number (or the range it opens) and build the interval.
fn qualify(
    text: &str,
    toks: &[Tok],
    i: usize,
    end: usize,
    value: f64,
    vague_band: Option<(f64, Option<f64>)>,
    floor: usize,
) -> Option<(Quantity, usize)> {
    let number_span = toks[i].span.start..toks[end - 1].span.end;
    if let Some((low, high)) = vague_band {
        return Some((
            Quantity {
                span: number_span.clone(),
                number_span,
                value,
                low: Some(low),
                high,
                qualifier: Qualifier::Vague,
                tolerance: 0.0,
            },
            end,
        ));
    }
    // A range: "between 20 and 30", "from 20 to 30", "20 to 30", "20-30", "two or three".
    let prev = i.checked_sub(1).map(|p| toks[p].lower.as_ref());
    if let Some(link) = toks.get(end).map(|t| t.lower.as_ref()) {
        let opener_ok = match link {
            "and" => prev == Some("between"),
            "to" | "through" | "-" | "~" | "or" => true,
            _ => false,
        };
        if opener_ok {
            let next = toks.get(end + 1).and_then(|_| number_at(toks, end + 1));
            if let Some(Parsed {
                value: v2,
                end: end2,
                band: None,
            }) = next
            {
                if v2 > value && !excluded(text, toks, end + 1, end2) {
                    let start = if matches!(prev, Some("between" | "from")) {
                        toks[i - 1].span.start
                    } else {
                        number_span.start
                    };
                    let span = start..toks[end2 - 1].span.end;
                    return Some((
                        Quantity {
                            span,
                            number_span,
                            value,
                            low: Some(value),
                            high: Some(v2),
                            qualifier: Qualifier::Range,
                            tolerance: 0.0,
                        },
                        end2,
                    ));
                }
            }
        }
    }
    // A sign: "-30" (the hyphen not joining two words or numbers), "minus five".
    let (value, sign_start) = match i.checked_sub(1).map(|p| &toks[p]) {
        Some(p)
            if p.text == "-"
                && p.span.end == toks[i].span.start
                && text[..p.span.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '<' | '>' | '=' | '(')) =>
        {
            (-value, p.span.start)
        }
        Some(p) if p.lower == "minus" || p.lower == "negative" => (-value, p.span.start),
        _ => (value, toks[i].span.start),
    };
    // The qualifier phrases are short: look at the words just before, not the whole text.
    let mut from = sign_start.saturating_sub(QUALIFIER_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // ASCII lowering keeps byte offsets: the phrases are ASCII words and symbols.
    let before = text[from..sign_start].to_ascii_lowercase();
    let before = before.trim_end();
    // The longest phrase wins: "no more than" is not "more than". A phrase that does not end
    // in the text's last byte is passed over before comparing it (most of the 71 are).
    let last = before.as_bytes().last();
    let (qualifier, q_start) = QUALIFIERS
        .iter()
        .filter_map(|(phrase, q)| {
            if phrase.as_bytes().last() != last {
                return None;
            }
            let cut = before.strip_suffix(phrase)?;
            // A symbol may touch a letter ("x>10"), a word may not; "<>" and "=>" are not
            // comparisons we read.
            let symbol = !phrase.starts_with(char::is_alphabetic);
            let prev = cut.chars().next_back();
            let ok = if symbol {
                !prev.is_some_and(|c| matches!(c, '<' | '>' | '='))
            } else {
                prev.is_none_or(|c| !c.is_alphanumeric())
            };
            // "handed over 13 hostages": the particle of a phrasal verb, not "more than".
            let particle = *phrase == "over" && ends_with_particle_verb(cut);
            (ok && !particle).then_some((phrase.len(), *q, from + cut.len()))
        })
        .max_by_key(|&(len, _, _)| len)
        .map(|(_, q, start)| (q, start))
        // A qualifier never reaches back into the quantity before it.
        .filter(|&(_, start)| start >= floor)
        .unwrap_or((Qualifier::Exact, sign_start));
    // "200 or more", "500 and above", "30 or fewer"
    let (qualifier, end) = match post_qualifier(toks, end) {
        Some((q, after)) if qualifier == Qualifier::Exact || qualifier == Qualifier::About => {
            (q, after)
        }
        _ => (qualifier, end),
    };
    let (low, high) = match qualifier {
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(value), None),
        // Scaled by integers so round numbers stay round (0.9 has no exact binary form).
        Qualifier::Nearly => (
            Some(value * (10.0 - 10.0 * APPROX_BAND) / 10.0),
            Some(value),
        ),
        Qualifier::UpTo | Qualifier::FewerThan => (None, Some(value)),
        _ => (Some(value), Some(value)),
    };
    let span = q_start..toks[end - 1].span.end.max(number_span.end);
    let tolerance = if qualifier == Qualifier::About {
        APPROX_BAND
    } else {
        0.0
    };
    Some((
        Quantity {
            span,
            number_span,
            value,
            low,
            high,
            qualifier,
            tolerance,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_qualifier_phrase_has_a_last_byte() {
        // qualify() passes over a phrase whose last byte the text does not end in.
        assert!(QUALIFIERS.iter().all(|(phrase, _)| !phrase.is_empty()));
    }

    /// Seeded sentences of number words (in three cases), the words numbers are built
    /// with, and look-alikes: digits in many forms, apostrophes, letters beyond ASCII.
    fn random_sentences(n: usize) -> Vec<String> {
        let mut vocabulary: Vec<String> = Vec::new();
        // Written out as well, so a word dropped from the lists is still drawn.
        let words =
            start_words().chain(["dozen", "half", "tens", "naught", "hundreds", "thousand"]);
        for w in words {
            let mut title = w.to_string();
            title[..1].make_ascii_uppercase();
            vocabulary.extend([w.to_string(), title, w.to_ascii_uppercase()]);
        }
        let glue = ["a", "an", "of", "and", "-", "point", "A", "An", "Of"];
        let other: Vec<&str> = "at least|more than|about|up to|nearly|between|people|were|\
            killed|often|someone|ten's|l'one|\u{e9}ten|\u{663}\u{660}|12|1,200|3.5|.5|10k|2bn|\
            1 000|4,50,000|192.168.1.2|M4|1990s|5th|$40|30%|,|.|(|)|\"|'|the|town|said|billions|\
            crores|dozens|hundredths|ones|twos"
            .split('|')
            .collect();
        let mut seed: u64 = 0x5EED;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        (0..n)
            .map(|_| {
                let len = 1 + next(8);
                let words: Vec<&str> = (0..len)
                    .map(|_| match next(10) {
                        0..=2 => vocabulary[next(vocabulary.len())].as_str(),
                        3..=6 => glue[next(glue.len())],
                        _ => other[next(other.len())],
                    })
                    .collect();
                words.join(" ")
            })
            .collect()
    }

    /// The token gate of [`number_at`] must lose nothing either: every token of the same
    /// sentences parses the same with and without it, and it rules out a good share.
    #[test]
    fn a_number_is_only_looked_for_where_one_can_begin() {
        let (mut ruled_out, mut seen) = (0, 0);
        for text in random_sentences(5000) {
            let toks = tokens(&text, 0);
            for i in 0..toks.len() {
                let key = |p: Option<Parsed>| p.map(|p| (p.value, p.end, p.band));
                assert_eq!(
                    key(number_at(&toks, i)),
                    key(number_at_any(&toks, i)),
                    "token {i} of {text:?}"
                );
                ruled_out += usize::from(!may_begin_number(&toks[i]));
            }
            seen += toks.len();
        }
        assert!(
            ruled_out * 4 > seen,
            "only {ruled_out} of {seen} tokens were ruled out"
        );
    }

    /// Skipping the sentences [`may_hold_number`] rejects must lose nothing: on sentences
    /// drawn from number words in every case, digits in every format, qualifiers, words
    /// that hold a number word ("often", "someone"), apostrophes, non-ASCII letters and
    /// punctuation, the gated and ungated searches agree, and the gate rejects some.
    #[test]
    fn skipping_sentences_without_a_number_word_or_digit_loses_nothing() {
        let mut rejected = 0;
        for text in random_sentences(5000) {
            let range = 0..text.len();
            let whole = std::slice::from_ref(&range);
            rejected += usize::from(!may_hold_number(&text));
            assert_eq!(
                find(&text, whole, &[]),
                find_in(&text, whole, &[], |_| true),
                "{text}"
            );
        }
        assert!(
            rejected > 500,
            "the gate rejected only {rejected} sentences"
        );
        // Numbers too rare to be drawn at random, each the only number in its sentence.
        for text in [
            "Tens of billions were spent.",
            "They lost a dozen of them.",
            "Half of them left.",
            "The count was nought.",
            "Scores of people fled.",
            "A lakh of them came.",
        ] {
            let range = 0..text.len();
            let whole = std::slice::from_ref(&range);
            assert!(!find(text, whole, &[]).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_hand_tokenizer_agrees_with_the_token_pattern() {
        for s in [
            "At least 1,500 people (about 1.2k) fled; 3.5.1 isn't a count.",
            "Don't: 12,00,000 vs 1 234 567.8 and 40bn, 5M, 3k\u{a0}troops <= 7 >9",
            "O'Neil's  café – ٣ rebels\u{2009}and .5 of Harakat al-Wadi's men'",
            "",
            "'quoted' x'y 'a",
            "a_b #x [1] {2} ~`|\\ 3% $4 & @5 ... !? -6 +7 =8 ^9 *10 /11 \"12\"",
            "12) 3; 4: 5- 6' 7_8 9\u{663} 10 000 11 a 12.x 13.5 .x <a >= 14,x 15,000 16k 17kg 18",
        ] {
            let by_regex: Vec<(usize, usize)> =
                TOKEN.find_iter(s).map(|m| (m.start(), m.end())).collect();
            let by_hand: Vec<(usize, usize)> = tokens(s, 0)
                .iter()
                .map(|t| (t.span.start, t.span.end))
                .collect();
            assert_eq!(by_hand, by_regex, "{s}");
        }
    }

    type Row = (String, f64, Option<f64>, Option<f64>, Qualifier);

    fn qs(text: &str) -> Vec<Row> {
        let sentences = crate::text::sentences::sentences(text);
        let published = crate::calendar::parse_published("2020-03-10").unwrap();
        let times = super::super::time::find(text, &sentences, published);
        let spans: Vec<Range<usize>> = times.into_iter().map(|t| t.span).collect();
        find(text, &sentences, &spans)
            .into_iter()
            .map(|q| {
                (
                    text[q.span].to_string(),
                    q.value,
                    q.low,
                    q.high,
                    q.qualifier,
                )
            })
            .collect()
    }

    #[test]
    fn digits_words_and_multipliers() {
        let v = qs(
            "It killed 28 troops, twenty-eight fighters, a dozen guards, 1,500 civilians and 3 million people; 1.5 million fled; one hundred and six died.",
        );
        let values: Vec<f64> = v.iter().map(|q| q.1).collect();
        assert_eq!(values, vec![28.0, 28.0, 12.0, 1500.0, 3e6, 1.5e6, 106.0]);
        assert!(v.iter().all(|q| q.4 == Qualifier::Exact));
    }

    #[test]
    fn qualifiers_make_intervals() {
        let v = qs(
            "At least 28 died. More than 1,500 were killed. Nearly 600,000 fled. About 350,000 left. Up to 700 remain. Fewer than 20 stayed.",
        );
        assert_eq!(
            v[0],
            (
                "At least 28".into(),
                28.0,
                Some(28.0),
                None,
                Qualifier::AtLeast
            )
        );
        assert_eq!(v[1].4, Qualifier::MoreThan);
        assert_eq!(
            (v[2].2, v[2].3, v[2].4),
            (Some(540_000.0), Some(600_000.0), Qualifier::Nearly)
        );
        assert_eq!(
            (v[3].2, v[3].3, v[3].4),
            (Some(350_000.0), Some(350_000.0), Qualifier::About)
        );
        assert_eq!(
            (v[4].2, v[4].3, v[4].4),
            (None, Some(700.0), Qualifier::UpTo)
        );
        assert_eq!(v[5].4, Qualifier::FewerThan);
    }

    #[test]
    fn ranges_and_vague_magnitudes() {
        let v = qs(
            "Between 20 and 30 died; 40 to 50 were hurt; two or three fled; dozens of homes and thousands of people.",
        );
        assert_eq!(
            v[0],
            (
                "Between 20 and 30".into(),
                20.0,
                Some(20.0),
                Some(30.0),
                Qualifier::Range
            )
        );
        assert_eq!((v[1].2, v[1].3), (Some(40.0), Some(50.0)));
        assert_eq!((v[2].2, v[2].3), (Some(2.0), Some(3.0)));
        assert_eq!(v[3].4, Qualifier::Vague);
        assert_eq!(v[4].2, Some(2000.0));
    }

    #[test]
    fn more_number_forms() {
        let v = qs(
            "Some 10k fled, 1.2bn was pledged, 40 000 moved, three dozen died, half a dozen hid, 4 thousand 3 hundred and 21 remain.",
        );
        let values: Vec<f64> = v.iter().map(|q| q.1).collect();
        assert_eq!(values, vec![10_000.0, 1.2e9, 40_000.0, 36.0, 6.0, 4321.0]);
    }

    #[test]
    fn bounds_on_both_sides_and_after_the_number() {
        let v = qs(
            "Above 1000 and below 1500 fled. 200 or more died. 30 or fewer stayed. Less than or equal to 100 left.",
        );
        assert_eq!(
            (v[0].2, v[0].3, v[0].4),
            (Some(1000.0), Some(1500.0), Qualifier::Range)
        );
        assert_eq!(
            (v[1].0.as_str(), v[1].4),
            ("200 or more", Qualifier::AtLeast)
        );
        assert_eq!(v[2].4, Qualifier::UpTo);
        assert_eq!((v[3].3, v[3].4), (Some(100.0), Qualifier::UpTo));
    }

    #[test]
    fn signs_suffixes_and_other_groupings() {
        let v = qs(
            "Temperatures fell to -30 and minus five; 1.2b was pledged, 2mil spent, 13 lakh and 1 crore counted, 12,34,567 listed, 5k-20k sought.",
        );
        let values: Vec<f64> = v.iter().map(|q| q.1).collect();
        assert_eq!(
            values,
            vec![-30.0, -5.0, 1.2e9, 2e6, 1.3e6, 1e7, 1_234_567.0, 5000.0]
        );
        assert_eq!((v[7].2, v[7].3), (Some(5000.0), Some(20000.0)));
        let v = qs("Items 22,24,26 and version 192.168.1.2 remain.");
        assert_eq!(
            v.iter().map(|q| q.1).collect::<Vec<_>>(),
            vec![22.0, 24.0, 26.0]
        );
    }

    #[test]
    fn verbs_that_pass_a_figure_and_a_dropped_at() {
        let v = qs(
            "The toll surpasses 900. It has surged past 1,200. It tops 40. Shelling killed least 12. In the past 48 hours 30 fled.",
        );
        let got: Vec<(f64, Qualifier)> = v.iter().map(|q| (q.1, q.4)).collect();
        assert_eq!(
            got,
            vec![
                (900.0, Qualifier::MoreThan),
                (1200.0, Qualifier::MoreThan),
                (40.0, Qualifier::MoreThan),
                (12.0, Qualifier::AtLeast),
                (30.0, Qualifier::Exact),
            ]
        );
    }

    #[test]
    fn a_multiplier_joined_by_a_hyphen() {
        let v = qs("A territory of 2.3-million. A 12-month plan.");
        assert_eq!((v[0].0.as_str(), v[0].1), ("2.3-million", 2.3e6));
        assert_eq!(v[1].1, 12.0);
    }

    #[test]
    fn comparison_words_and_symbols() {
        let v = qs(
            "The toll exceeded 100. No more than 12 came. x>10 and y<20. It was <>30 or =>40. More than half left.",
        );
        assert_eq!((v[0].1, v[0].4), (100.0, Qualifier::MoreThan));
        assert_eq!((v[1].1, v[1].4), (12.0, Qualifier::UpTo));
        assert_eq!(v[2].4, Qualifier::MoreThan);
        assert_eq!(v[3].4, Qualifier::FewerThan);
        assert_eq!((v[4].4, v[5].4), (Qualifier::Exact, Qualifier::Exact));
        assert_eq!((v[6].1, v[6].4), (0.5, Qualifier::MoreThan));
        let v = qs("It is equal to 5000 or less than 6000.");
        assert_eq!(
            (v[0].1, v[0].4, v[1].4),
            (5000.0, Qualifier::Exact, Qualifier::FewerThan)
        );
    }

    #[test]
    fn quantities_never_overlap() {
        for text in [
            "His score is 200 or greater than 190",
            "It is equal to 5000 or less than 6000",
            "at least 5 or more than 3",
        ] {
            let sentences = crate::text::sentences::sentences(text);
            let found = find(text, &sentences, &[]);
            assert!(found.len() >= 2, "{text}: {found:?}");
            for pair in found.windows(2) {
                assert!(pair[0].span.end <= pair[1].span.start, "{text}: {pair:?}");
            }
        }
    }

    #[test]
    fn nearly_half() {
        let v = qs("Nearly half of them are women.");
        assert_eq!((v[0].1, v[0].4), (0.5, Qualifier::Nearly));
    }

    #[test]
    fn not_counts() {
        for text in [
            "On March 6, 2020, talks began.",
            "The 2018 agreement holds.",
            "The M4 highway and the M-5 road.",
            "He came 13th and then first.",
            "They gave 2,500 $ and $5,000.",
            "Prices rose 5% or 7 percent.",
            "They met at 10:30.",
            "One of the groups left; no one stayed.",
        ] {
            assert_eq!(qs(text), vec![], "{text}");
        }
    }
}
