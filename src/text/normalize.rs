//! Canonical text for analysis: NFC, one kind of quote and dash, collapsed whitespace, page
//! furniture removed, with an [`OffsetMap`] back to the original bytes.
//!
//! Whitespace policy: a run of spaces and tabs becomes one space; a run holding one line break
//! becomes `\n`; a run holding two or more (a blank line: a paragraph break) becomes `\n\n`.
//! Leading and trailing whitespace is dropped. A removed span counts as a paragraph break, so
//! the text on either side never fuses into one sentence.

use super::offsets::OffsetMap;
use std::ops::Range;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Text ready for analysis plus the way back to the original file.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// Pending whitespace between two visible characters.
#[derive(Clone, Copy)]
struct Gap {
    /// Original offset of the first whitespace byte.
    origin: usize,
    newlines: u8,
}

/// Normalise `source[body]`, skipping the `removed` spans (sorted, non-overlapping, absolute
/// offsets into `source`).
pub fn normalize(source: &str, body: Range<usize>, removed: &[Range<usize>]) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(body.len()),
        map: OffsetMap::default(),
    };
    let mut gap: Option<Gap> = None;
    let mut removed = removed.iter().peekable();
    let mut pos = body.start;

    while pos < body.end {
        while removed.peek().is_some_and(|r| r.end <= pos) {
            removed.next();
        }
        if let Some(r) = removed.peek().filter(|r| r.start <= pos) {
            let origin = gap.map_or(pos, |g| g.origin);
            gap = Some(Gap {
                origin,
                newlines: 2,
            });
            pos = r.end.min(body.end);
            continue;
        }

        // A run of visible ASCII and single spaces (most text) needs no normalising: it is
        // copied whole, up to other whitespace, a removed span or a non-ASCII byte, leaving a
        // last character that a combining mark may follow to the path below.
        let b = source.as_bytes()[pos];
        if b.is_ascii_graphic() {
            let limit = removed.peek().map_or(body.end, |r| r.start.min(body.end));
            let run = ascii_run(source.as_bytes(), pos, limit, body.end);
            if run > pos {
                flush_gap(&mut out, &mut gap, None);
                out.map.anchor(out.text.len(), pos);
                out.text.push_str(&source[pos..run]);
                pos = run;
                continue;
            }
        }

        let c = if b.is_ascii() {
            char::from(b)
        } else {
            source[pos..]
                .chars()
                .next()
                .expect("pos is on a char boundary")
        };
        let len = c.len_utf8();

        if c.is_whitespace() {
            let g = gap.get_or_insert(Gap {
                origin: pos,
                newlines: 0,
            });
            // "\r\n" is one break: count the '\n' and let the '\r' pass.
            let is_break = matches!(c, '\n' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}')
                || (c == '\r' && source.as_bytes().get(pos + 1) != Some(&b'\n'));
            if is_break {
                g.newlines = g.newlines.saturating_add(1);
            }
            pos += len;
            continue;
        }
        if is_ignorable(c) {
            pos += len;
            continue;
        }

        // A base character and the combining marks that follow it compose as one unit.
        let mut end = pos + len;
        // Combining marks are never ASCII: most characters need no look at the next one.
        if end < body.end && !source.as_bytes()[end].is_ascii() {
            for m in source[end..body.end].chars() {
                if !is_combining_mark(m) {
                    break;
                }
                end += m.len_utf8();
            }
        }
        let cluster = &source[pos..end];

        if c == '\u{2014}' || c == '\u{2015}' {
            // An em dash separates like a spaced hyphen: "killed—at least" is two words.
            flush_gap(&mut out, &mut gap, Some(pos));
            push_mapped(&mut out, pos, end, "-");
            gap = Some(Gap {
                origin: end,
                newlines: 0,
            });
            pos = end;
            continue;
        }

        flush_gap(&mut out, &mut gap, None);
        let mut replacement = String::new();
        for ch in cluster.nfc() {
            canonical_char(ch, &mut replacement);
        }
        push_mapped(&mut out, pos, end, &replacement);
        pos = end;
    }
    out
}

/// The end of the run of visible ASCII from `from` (before `limit`), single spaces between
/// visible characters included (they normalise to themselves), less its last character when
/// a non-ASCII one follows (a combining mark may belong to it).
fn ascii_run(bytes: &[u8], from: usize, limit: usize, end: usize) -> usize {
    // Printable ASCII up to `stop`; within it the run ends at a doubled space, and it never
    // ends in a space.
    let stop = printable_end(bytes, from, limit);
    let mut run = memchr::memmem::find(&bytes[from..stop], b"  ").map_or(stop, |i| from + i);
    if run == stop && run > from && bytes[run - 1] == b' ' {
        run -= 1;
    }
    if run < end && !bytes[run].is_ascii() {
        run - 1
    } else {
        run
    }
}

/// The first byte from `from` (before `limit`) that is not printable ASCII (space to `~`),
/// tested eight at a time.
fn printable_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= limit {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        // A byte of 0x80 or more, one below 0x20, or 0x7F (DEL): exact as yes or no.
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let del = x ^ (ONES * 0x7F);
        let del = del.wrapping_sub(ONES) & !del & HIGH;
        if (x & HIGH) | below_space | del != 0 {
            break;
        }
        i += 8;
    }
    i + bytes[i..limit]
        .iter()
        .position(|b| !(0x20..=0x7E).contains(b))
        .unwrap_or(limit - i)
}

/// Emit the pending whitespace (if any text precedes it). `force_space_at` asks for at least a
/// space even when no whitespace was pending (before an em dash).
fn flush_gap(out: &mut Normalized, gap: &mut Option<Gap>, force_space_at: Option<usize>) {
    let g = match (gap.take(), force_space_at) {
        (Some(g), _) => g,
        (None, Some(origin)) => Gap {
            origin,
            newlines: 0,
        },
        (None, None) => return,
    };
    if out.text.is_empty() {
        return;
    }
    let ws = match g.newlines {
        0 => " ",
        1 => "\n",
        _ => "\n\n",
    };
    out.map.anchor(out.text.len(), g.origin);
    out.text.push_str(ws);
}

fn push_mapped(out: &mut Normalized, start: usize, end: usize, replacement: &str) {
    out.map.anchor(out.text.len(), start);
    out.text.push_str(replacement);
    out.map.anchor(out.text.len(), end);
}

/// Format characters with no visible effect: zero-width spaces and joiners, the BOM, soft
/// hyphens, and C0/C1 controls other than whitespace.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// One canonical form for each family of look-alike punctuation.
fn canonical_char(c: char, out: &mut String) {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' | '\u{FF02}' => out.push('"'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' | '\u{2039}' | '\u{203A}' => out.push('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        '\u{2022}' | '\u{2023}' | '\u{25E6}' | '\u{2043}' | '\u{2219}' => out.push('*'),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> Normalized {
        normalize(s, 0..s.len(), &[])
    }

    /// `src` normalised with its first `cut` removed (as page furniture is), and the span cut.
    fn norm_without(src: &str, cut: &str) -> (Normalized, Range<usize>) {
        let start = src.find(cut).unwrap();
        let removed = start..start + cut.len();
        let n = normalize(src, 0..src.len(), std::slice::from_ref(&removed));
        (n, removed)
    }

    #[test]
    fn quotes_dashes_and_spaces_become_canonical() {
        let n = norm("  \u{201C}Hay\u{2019}at\u{201D}\u{00A0}said \u{2013} 20\u{2013}30\u{2026}  ");
        assert_eq!(n.text, "\"Hay'at\" said - 20-30...");
    }

    #[test]
    fn line_breaks_keep_paragraph_structure() {
        let n = norm("Title\r\n\r\n\r\nFirst line.\r\nSecond\tline.\rThird");
        assert_eq!(n.text, "Title\n\nFirst line.\nSecond line.\nThird");
    }

    #[test]
    fn em_dash_separates_words() {
        assert_eq!(norm("killed\u{2014}at least").text, "killed - at least");
        assert_eq!(norm("killed \u{2014} at least").text, "killed - at least");
    }

    #[test]
    fn nfc_composes_combining_marks() {
        let n = norm("Cafe\u{0301} x");
        assert_eq!(n.text, "Caf\u{00E9} x");
        // the composed character maps back to the start of its decomposed original
        let e = n.text.find('\u{00E9}').unwrap();
        assert_eq!(n.map.to_original(e), 3);
        assert_eq!(n.map.to_original(e + 2), 6); // the space after it
    }

    #[test]
    fn spans_map_back_to_original_text() {
        let src = "---\nk: v\n---\n\u{FEFF}Karsk\u{2019}s  \u{201C}calm\u{201D}\r\n\r\nends here.";
        let body = src.find("\u{FEFF}").unwrap()..src.len();
        let n = normalize(src, body, &[]);
        assert_eq!(n.text, "Karsk's \"calm\"\n\nends here.");
        for word in ["Karsk", "calm", "ends here."] {
            let a = n.text.find(word).unwrap();
            let o = n.map.span_to_original(a..a + word.len());
            assert_eq!(&src[o], word);
        }
        let a = n.text.find("\"calm\"").unwrap();
        let o = n.map.span_to_original(a..a + 6);
        assert_eq!(&src[o], "\u{201C}calm\u{201D}");
    }

    #[test]
    fn removed_spans_become_paragraph_breaks() {
        let src = "Keep this Donate now! and this.";
        let (n, _) = norm_without(src, "Donate now! ");
        assert_eq!(n.text, "Keep this\n\nand this.");
        let a = n.text.find("and").unwrap();
        assert_eq!(n.map.to_original(a), src.find("and").unwrap());
    }

    #[test]
    fn single_spaces_inside_ascii_runs_keep_every_offset() {
        // Single spaces are copied with the words around them; a combining mark after a
        // one-letter word, a space before a removed span and doubled spaces still take the
        // slow path, and every analysed byte maps to the source byte it came from.
        let src = "a b  c e\u{0301} x Skip me. d e\t f";
        let (n, removed) = norm_without(src, "Skip me.");
        assert_eq!(n.text, "a b c \u{00E9} x\n\nd e f");
        for (i, c) in n.text.char_indices() {
            let o = n.map.to_original(i);
            match c {
                '\u{00E9}' => assert_eq!(&src[o..o + 1], "e"),
                '\n' => assert!((src.find(" Skip").unwrap()..removed.end).contains(&o)),
                ' ' => assert!(src[o..].starts_with(char::is_whitespace)),
                c => assert_eq!(src[o..].chars().next(), Some(c), "byte {i} of {:?}", n.text),
            }
        }
    }

    #[test]
    fn ascii_runs_end_where_a_byte_at_a_time_says() {
        // The plain definition of a run, byte by byte.
        fn reference(bytes: &[u8], from: usize, limit: usize, end: usize) -> usize {
            let mut run = from;
            while run < limit {
                match bytes[run] {
                    b if b.is_ascii_graphic() => run += 1,
                    b' ' if run + 1 < limit && bytes[run + 1].is_ascii_graphic() => run += 2,
                    _ => break,
                }
            }
            if run < end && !bytes[run].is_ascii() {
                run - 1
            } else {
                run
            }
        }
        let pieces: [&[u8]; 9] = [
            b"a",
            b"Zz~",
            b" ",
            b"  ",
            b"\t",
            b"\n",
            b"\x7f",
            b"\x1f",
            "\u{00E9}".as_bytes(),
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            let mut text = b"x".to_vec();
            let len = (seed >> 59) as usize;
            for _ in 0..len {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.extend_from_slice(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let limit = 1 + (seed >> 40) as usize % text.len();
            assert_eq!(
                ascii_run(&text, 0, limit, text.len()),
                reference(&text, 0, limit, text.len()),
                "{:?} limit {limit}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        let once =
            norm("A \u{201C}b\u{201D}\u{2014}c\u{00A0}\u{00A0}d\r\n\r\ne\u{0301}\u{2026}").text;
        assert_eq!(norm(&once).text, once);
    }
}
