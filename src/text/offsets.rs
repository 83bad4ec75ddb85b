//! Mapping positions in analysed text back to the original file.
//!
//! Analysis runs on normalised text (quotes, dashes and whitespace made canonical, boilerplate
//! removed), but every position a user sees must point into the file they wrote. The map is
//! piecewise: between two anchors analysed and original bytes advance together.

/// Analysed byte offset → original byte offset.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// `(analysed, original)` pairs, sorted by both coordinates.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Record that analysed offset `analysed` corresponds to original offset `original`, and
    /// that the bytes after it advance together until the next anchor.
    pub(crate) fn anchor(&mut self, analysed: usize, original: usize) {
        match self.anchors.last_mut() {
            Some(last) if last.0 == analysed => *last = (analysed, original),
            Some(&mut (a, o)) if original - o == analysed - a => {} // already implied
            _ => self.anchors.push((analysed, original)),
        }
    }

    /// The original byte offset of analysed byte `pos`. For an exclusive end offset pass the
    /// end itself: it maps to the first original byte after the span's last character.
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.anchors.partition_point(|&(a, _)| a <= pos);
        match i.checked_sub(1).map(|i| self.anchors[i]) {
            Some((a, o)) => o + (pos - a),
            None => pos,
        }
    }

    pub fn span_to_original(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.to_original(span.start);
        let end = self.to_original(span.end).max(start);
        start..end
    }
}

/// Byte offset → 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters from its line's start) every [`COLUMN_STRIDE`] bytes or so
    /// of a line, so a column costs a short count even on a 10 MB line.
    checkpoints: Vec<(usize, usize)>,
    /// Every byte is a character (most files): a column is a subtraction.
    ascii: bool,
}

const COLUMN_STRIDE: usize = 4096;

/// Checkpoints of the line starting at `start` and ending with byte `last` (its line
/// break, when it has one): at the first character boundary at least [`COLUMN_STRIDE`]
/// bytes past the line's start or the previous checkpoint, with the characters before it.
fn checkpoint(text: &str, start: usize, last: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let (mut mark, mut chars) = (start, 0);
    loop {
        let mut at = mark + COLUMN_STRIDE;
        while at <= last && !text.is_char_boundary(at) {
            at += 1;
        }
        if at > last || at >= bytes.len() {
            return;
        }
        chars += text[mark..at].chars().count();
        out.push((at, chars));
        mark = at;
    }
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, the three endings found in the wild.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let ascii = text.is_ascii();
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        // Line ends found with memchr; only a line longer than the stride is walked, to
        // note where its characters are (most lines are shorter: none is).
        let mut line = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                if !ascii {
                    checkpoint(text, line, i, &mut checkpoints);
                }
                starts.push(i + 1);
                line = i + 1;
            }
        }
        if !ascii && line < bytes.len() {
            checkpoint(text, line, bytes.len() - 1, &mut checkpoints);
        }
        LineIndex {
            starts,
            checkpoints,
            ascii,
        }
    }

    /// 1-based line and column of byte `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        if self.ascii {
            return (line, offset - start + 1);
        }
        let (from, before) = match self.checkpoints.partition_point(|c| c.0 <= offset) {
            0 => (start, 0),
            n if self.checkpoints[n - 1].0 < start => (start, 0),
            n => self.checkpoints[n - 1],
        };
        let column = before
            + text
                .get(from..offset)
                .map_or(offset - from, |s| s.chars().count())
            + 1;
        (line, column)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "ab\r\ncé\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        // 'x' follows "cé\r": byte 4 + 'c' + 'é' (2 bytes) + '\r'
        assert_eq!(idx.line_col(text, 8), (3, 1));
        assert_eq!(idx.line_col(text, 7), (2, 3)); // the '\r' after 'é'
        assert_eq!(idx.line_col(text, 10), (4, 1));
    }

    /// Line and column by walking the text from the start, for every offset.
    fn naive(text: &str, offset: usize) -> (usize, usize) {
        let (mut line, mut col) = (1, 1);
        for (i, c) in text[..offset].char_indices() {
            let crlf = c == '\r' && text[i + 1..].starts_with('\n');
            if c == '\n' || (c == '\r' && !crlf) {
                (line, col) = (line + 1, 1);
            } else {
                col += 1;
            }
        }
        (line, col)
    }

    #[test]
    fn ascii_and_other_texts_agree_with_a_walk_from_the_start() {
        for text in ["ab\r\ncd\rx\n\ny\r\r\n", "ab\r\ncé\rx\n\ny\r\r\n"] {
            let idx = LineIndex::new(text);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                assert_eq!(
                    idx.line_col(text, offset),
                    naive(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn columns_on_a_very_long_line_count_characters() {
        let text = format!("x\n{}{}", "é".repeat(10_000), "abc".repeat(5_000));
        let idx = LineIndex::new(&text);
        let at = |o: usize| idx.line_col(&text, o);
        assert_eq!(
            at(2 + 20_000),
            (2, 10_001),
            "after ten thousand two-byte characters"
        );
        assert_eq!(at(2 + 20_000 + 14_999), (2, 25_000));
        assert_eq!(at(1), (1, 2));
    }

    #[test]
    fn long_lines_of_wide_characters_agree_with_a_walk_from_the_start() {
        // Lines longer than the checkpoint stride, of characters one to four bytes wide,
        // so checkpoints fall inside characters and are moved to the next boundary.
        let line = |n: usize| "aé€𝄞".repeat(n);
        let text = format!(
            "{}\r\n{}\r{}\n\n{}",
            line(900),
            line(2500),
            line(10),
            line(1300)
        );
        let idx = LineIndex::new(&text);
        let offsets = (0..=text.len()).filter(|&o| text.is_char_boundary(o));
        for offset in offsets.step_by(97).chain([text.len()]) {
            assert_eq!(
                idx.line_col(&text, offset),
                naive(&text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn anchors_shift_positions() {
        let mut m = OffsetMap::default();
        m.anchor(0, 10);
        m.anchor(5, 20);
        assert_eq!(m.to_original(0), 10);
        assert_eq!(m.to_original(4), 14);
        assert_eq!(m.to_original(5), 20);
        assert_eq!(m.to_original(7), 22);
        assert_eq!(m.span_to_original(3..6), 13..21);
    }
}
