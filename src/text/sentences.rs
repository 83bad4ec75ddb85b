//! Sentence boundaries in normalised text.
//!
//! Blank lines always end a sentence. A single line break ends one when the line before it
//! closes with punctuation, is a heading, or is a short title line followed by a capital; any
//! other single break is a soft wrap inside a paragraph (hard-wrapped Markdown). Inside a line,
//! `.`, `!` and `?` end a sentence when whitespace and a capital, digit or opening quote follow,
//! unless the period closes an abbreviation ("Jan.", "Brig. Gen.", "Lt.") or an initial ("U.N.").

use std::ops::Range;

/// Titles, ranks, months and Latin shorthands that take a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "al", "approx", "apr", "aug", "ave", "brig", "capt", "cdr", "cmdr", "co", "col", "corp",
    "cpl", "cpt", "dec", "dept", "dr", "est", "feb", "fig", "fri", "ft", "gen", "gov", "hon",
    "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "mon", "mr", "mrs", "ms", "mt",
    "nov", "oct", "pres", "prof", "pvt", "rep", "rev", "sat", "sen", "sep", "sept", "sgt", "sr",
    "st", "sun", "thu", "thur", "thurs", "tue", "tues", "univ", "vs", "wed",
];

/// A title line this short with no closing punctuation, followed by a capital, stands alone.
const TITLE_LINE_MAX: usize = 60;

/// Paragraph-like blocks: the text between hard line boundaries.
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'\n', &bytes[i..]) {
        i += at;
        let hard = bytes.get(i + 1) == Some(&b'\n') || is_hard_break(text, start, i);
        if hard {
            push_trimmed(text, start..i, &mut out);
            while i < bytes.len() && bytes[i] == b'\n' {
                i += 1;
            }
            start = i;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Whether the single line break at `nl` (ending the line that starts at or after
/// `block_start`) is a real boundary rather than a soft wrap.
fn is_hard_break(text: &str, block_start: usize, nl: usize) -> bool {
    let line_start = text[block_start..nl]
        .rfind('\n')
        .map_or(block_start, |j| block_start + j + 1);
    let line = text[line_start..nl].trim_end();
    let next = text[nl + 1..].lines().next().unwrap_or("").trim_start();
    if line.is_empty() || next.is_empty() {
        return true;
    }
    let stripped = line.trim_end_matches(['"', '\'', ')', ']', '*', '_']);
    let ends_clause = stripped.ends_with(['.', '!', '?', ':', ';']);
    let heading = line.starts_with('#');
    let list_next = starts_list_item(next) || next.starts_with(['#', '>', '|']);
    let title_line = line.chars().count() <= TITLE_LINE_MAX
        && line
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == ')')
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"');
    ends_clause || heading || list_next || title_line
}

fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('*' | '-' | '+') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

fn push_trimmed(text: &str, mut r: Range<usize>, out: &mut Vec<Range<usize>>) {
    // A run of text longer than any sentence (a page without full stops, a 10 MB line) is
    // cut into pieces, at the last `;`, `,` or space before the limit: claims are read within
    // a sentence, and an unbounded sentence would make that quadratic.
    while r.len() > MAX_SENTENCE_BYTES {
        let mut limit = r.start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = cut_point(&text[r.start..limit]);
        push_piece(text, r.start..r.start + cut, out);
        r.start += cut;
    }
    push_piece(text, r, out);
}

/// The longest sentence kept whole, in bytes; the longest sentences in news copy are a few
/// hundred characters.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Where to cut an over-long run: after the last `; `, else the last `, `, else the last
/// space, else at the last character boundary.
fn cut_point(s: &str) -> usize {
    for sep in ["; ", ", ", " "] {
        if let Some(i) = s.rfind(sep) {
            if i > 0 {
                return i + sep.len();
            }
        }
    }
    (1..=s.len())
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len())
        .max(1)
}

fn push_piece(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Sentences of the whole text, in order, never crossing a block boundary.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_in(text, &blocks(text))
}

/// [`sentences`], given the text's [`blocks`].
pub fn sentences_in(text: &str, blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    // About one sentence in 100 bytes of news text (93 in the generated corpus).
    let mut out = Vec::with_capacity(text.len() / 100);
    for block in blocks {
        split_block(text, block.clone(), &mut out);
    }
    out
}

fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[block.clone()];
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += at;
        let b = bytes[i];
        // The sentence runs through the whole punctuation cluster and any closers after it.
        let mut end = i + 1;
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
            end += 1;
        }
        while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']' | b'*') {
            end += 1;
        }
        let next = s[end..].trim_start_matches([' ', '\n']);
        let has_space = next.len() < s.len() - end;
        let next_char = next.chars().next();
        let starts_new = next_char.is_none_or(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\'' | '(' | '[' | '*' | '-')
        });
        let boundary = ((next_char.is_none() || has_space) && starts_new || glued(&s[..i], next))
            && !(b == b'.' && end == i + 1 && is_abbreviation(&s[..i], next_char));
        if boundary {
            push_trimmed(text, block.start + start..block.start + end, out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, block.start + start..block.end, out);
}

/// Whether a sentence ends with no space before the next one, as pages flattened by a
/// scraper join their paragraphs ("held in the city.The army said"): a lower-case word
/// before the stop and a capitalised word after it. Shorthands ("e.g.", "U.S.Army"), web
/// addresses ("news.com") and decimals do not have that shape.
fn glued(before: &str, next: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let mut after = next.chars();
    word.chars().count() >= 2
        && word.chars().skip(1).all(char::is_lowercase)
        && !before[..before.len() - word.len()].ends_with('.')
        && after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase)
}

/// Whether the word just before a period (`before` ends right before it) is an abbreviation or
/// an initial, so the period does not end the sentence.
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '\''))
        .map_or(0, |j| j + 1);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted shorthands: "J. Smith", "U.N.", "e.g.".
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    // Lower-cased on the stack: a word before a period is asked about at every one.
    let mut buf = [0u8; LONGEST_ABBREVIATION];
    let lower = if !word.is_ascii() {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else if let Some(buf) = buf.get_mut(..word.len()) {
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        std::borrow::Cow::Borrowed(std::str::from_utf8(buf).expect("ASCII"))
    } else {
        return false; // longer than any abbreviation, and not "no" or "nos"
    };
    if lower == "no" || lower == "nos" {
        return next.is_some_and(|c| c.is_ascii_digit());
    }
    ABBREVIATIONS.binary_search(&&*lower).is_ok()
}

/// The longest of [`ABBREVIATIONS`], in bytes.
const LONGEST_ABBREVIATION: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn runs_without_full_stops_are_cut_into_bounded_pieces() {
        let clause = "at least 28 soldiers were killed near the town; ";
        let text = clause.repeat(500);
        let pieces = split(&text);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert!(
            pieces.iter().all(|p| p.starts_with("at least")),
            "cut after a `;`"
        );
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
        // No separator at all: cut at a character boundary, nothing lost, whatever the
        // alignment of the limit.
        for lead in ["", "x", "xy"] {
            let word = format!("{lead}{}", "é".repeat(3_000));
            assert_eq!(split(&word).concat(), word);
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split(
                "On Jan. 12, Karsk spoke. The U.N. says more. Brig. Gen. Ali Khan and Lt. Col. Said came. J. R. Smith left."
            ),
            vec![
                "On Jan. 12, Karsk spoke.",
                "The U.N. says more.",
                "Brig. Gen. Ali Khan and Lt. Col. Said came.",
                "J. R. Smith left."
            ]
        );
    }

    #[test]
    fn paragraphs_glued_by_a_scraper_are_split_at_the_stop() {
        assert_eq!(
            split(
                "The militia held Varno.On Monday the army said it had won. \"We left.\"Officials agreed."
            ),
            vec![
                "The militia held Varno.",
                "On Monday the army said it had won.",
                "\"We left.\"",
                "Officials agreed."
            ]
        );
        // Shorthands, addresses, decimals and a lower-case continuation stay whole.
        for whole in [
            "The U.S.Army unit and the U.N.Office met.",
            "See karsk-news.com for the 3.5 figure.",
            "Mr.Ali Khan and St.Petersburg envoys met.",
            "The rate.per day fell.",
            "A plan B.Then it ended.",
        ] {
            assert_eq!(split(whole), vec![whole], "{whole}");
        }
    }

    #[test]
    fn sentences_end_at_punctuation_before_a_capital_digit_or_quote() {
        assert_eq!(
            split("It rose 3.5 percent. 28 died! Why? \"We left,\" she said. then lower case."),
            vec![
                "It rose 3.5 percent.",
                "28 died!",
                "Why?",
                "\"We left,\" she said. then lower case."
            ]
        );
        assert_eq!(
            split("\"It is over.\" He left."),
            vec!["\"It is over.\"", "He left."]
        );
    }

    #[test]
    fn no_before_a_number_is_an_abbreviation() {
        assert_eq!(
            split("Resolution No. 2254 passed."),
            vec!["Resolution No. 2254 passed."]
        );
        assert_eq!(
            split("They said no. Then it began."),
            vec!["They said no.", "Then it began."]
        );
    }

    #[test]
    fn headings_and_title_lines_stand_alone() {
        assert_eq!(
            split("Failed pact\n\nOn Monday it broke.\nThe army moved.\n# Heading\nBody text"),
            vec![
                "Failed pact",
                "On Monday it broke.",
                "The army moved.",
                "# Heading",
                "Body text"
            ]
        );
        assert_eq!(
            split("Northern coalition\nKVL said so."),
            vec!["Northern coalition", "KVL said so."]
        );
    }

    #[test]
    fn soft_wrapped_lines_join_one_sentence() {
        let text = "The war monitoring group said severe clashes took place on Sunday in the\nsoutheastern part of the province.";
        assert_eq!(split(text), vec![text]);
    }

    #[test]
    fn list_items_are_separate() {
        assert_eq!(
            split("Reports:\n* On March 10th, two violations\n* On March 11th, eight"),
            vec![
                "Reports:",
                "* On March 10th, two violations",
                "* On March 11th, eight"
            ]
        );
    }

    #[test]
    fn abbreviations_match_in_any_case_and_longer_words_end_sentences() {
        assert_eq!(
            split("APPROX. Ten left. Brig. Karsk stayed. Marrowvale. Dunmere No. 5 held."),
            vec![
                "APPROX. Ten left.",
                "Brig. Karsk stayed.",
                "Marrowvale.",
                "Dunmere No. 5 held."
            ]
        );
    }

    #[test]
    fn abbreviation_list_is_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            ABBREVIATIONS.iter().map(|a| a.len()).max(),
            Some(LONGEST_ABBREVIATION)
        );
    }
}
