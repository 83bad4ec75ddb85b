//! Quoted speech and quoted labels, so later stages can tell an outlet's own voice from the
//! words it reports.
//!
//! Quote marks are paired inside a block (see [`super::sentences::blocks`]) by flanking: a mark
//! preceded by space or an opening bracket opens, one followed by space or punctuation closes.
//! A double quotation left open at the end of its block runs to the block's end (the news
//! convention for a quotation that continues in the next paragraph); an unmatched single quote
//! is an apostrophe and is ignored.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteMark {
    Double,
    Single,
}

/// A quoted span of normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quotation including its marks.
    pub range: Range<usize>,
    pub mark: QuoteMark,
    /// Whether the closing mark was found (false: ran to the end of its block).
    pub closed: bool,
}

impl Quote {
    /// The quoted words without the marks.
    pub fn inner(&self) -> Range<usize> {
        let end = if self.closed {
            self.range.end - 1
        } else {
            self.range.end
        };
        self.range.start + 1..end.max(self.range.start + 1)
    }
}

/// Find the quotations in `text`, block by block. Output is sorted by start.
pub fn quotes(text: &str, blocks: &[Range<usize>]) -> Vec<Quote> {
    let mut out = Vec::new();
    for block in blocks {
        scan_block(text, block.clone(), &mut out);
    }
    out.sort_by_key(|q| (q.range.start, std::cmp::Reverse(q.range.end)));
    out
}

fn scan_block(text: &str, block: Range<usize>, out: &mut Vec<Quote>) {
    let s = &text[block.clone()];
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    // Only quote marks matter: jump from one to the next, reading the characters around it.
    for i in memchr::memchr2_iter(b'"', b'\'', s.as_bytes()) {
        let prev = s[..i].chars().next_back();
        let next = s[i + 1..].chars().next();
        let at = block.start + i;
        match s.as_bytes()[i] {
            b'"' => {
                if let Some(open) = double {
                    if closes(prev, next) {
                        single = None; // a single quote still open inside was an apostrophe
                        out.push(Quote {
                            range: open..at + 1,
                            mark: QuoteMark::Double,
                            closed: true,
                        });
                        double = None;
                    }
                } else if opens(prev, next) {
                    double = Some(at);
                    single = None;
                }
            }
            _ => {
                if let Some(open) = single {
                    if closes(prev, next) && !next.is_some_and(char::is_alphanumeric) {
                        out.push(Quote {
                            range: open..at + 1,
                            mark: QuoteMark::Single,
                            closed: true,
                        });
                        single = None;
                    }
                } else if opens(prev, next) && next.is_some_and(char::is_alphanumeric) {
                    single = Some(at);
                }
            }
        }
    }
    if let Some(open) = double {
        out.push(Quote {
            range: open..block.end,
            mark: QuoteMark::Double,
            closed: false,
        });
    }
}

fn opens(prev: Option<char>, next: Option<char>) -> bool {
    let after_ok = next.is_some_and(|n| !n.is_whitespace());
    let before_ok = prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '{' | '-' | '/' | '"' | '\'' | ':')
    });
    after_ok && before_ok
}

fn closes(prev: Option<char>, next: Option<char>) -> bool {
    let before_ok = prev.is_some_and(|p| !p.is_whitespace());
    let after_ok =
        next.is_none_or(|n| n.is_whitespace() || (n.is_ascii_punctuation() && n != '\''));
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences::blocks;

    fn quoted(text: &str) -> Vec<(&str, QuoteMark)> {
        quotes(text, &blocks(text))
            .into_iter()
            .map(|q| (&text[q.inner()], q.mark))
            .collect()
    }

    #[test]
    fn speech_and_attribution_are_told_apart() {
        let text = "\"This alliance will continue,\" Abdulrahman told the Courier. He said Karskian \"opposition must protect itself from [Karskian] regime attacks,\" adding more.";
        assert_eq!(
            quoted(text),
            vec![
                ("This alliance will continue,", QuoteMark::Double),
                (
                    "opposition must protect itself from [Karskian] regime attacks,",
                    QuoteMark::Double
                )
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(
            quoted("The army's base and Dun'at Meran el-Kas's fighters; the rebels' posts.")
                .is_empty()
        );
    }

    #[test]
    fn single_quoted_labels_are_found() {
        assert_eq!(
            quoted("'Democratic al-Wadi rebels' attacked positions near Marrowvale's base."),
            vec![("Democratic al-Wadi rebels", QuoteMark::Single)]
        );
    }

    #[test]
    fn a_stray_closing_mark_opens_nothing() {
        // The source text has one closing quote too many at the end.
        let text = "\"Despite it all,\" said Kinno, a researcher in the country.\"";
        assert_eq!(quoted(text), vec![("Despite it all,", QuoteMark::Double)]);
    }

    #[test]
    fn an_open_quotation_runs_to_the_end_of_its_block_only() {
        let text = "He said: \"We will stay and fight.\n\nNot quoted here.";
        let q = quotes(text, &blocks(text));
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(&text[q[0].inner()], "We will stay and fight.");
    }
}
