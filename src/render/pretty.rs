//! Pretty-printed JSON whose long arrays are serialised on all cores, byte for byte as
//! `serde_json::to_writer_pretty` writes them.
//!
//! The findings of a large corpus print as tens of megabytes of JSON after every article is
//! analysed, when nothing else is left to run: on one core that was a twentieth of a
//! 10,000-article run. Items are serialised in waves whose text is held until written, so a
//! wave is bounded by the items' weight (a finding's evidence), and an item too heavy for a
//! wave (an outlet's loaded-term rate, with every use as evidence) is printed on its own.

use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The weight of items serialised in one wave: about a megabyte of text per thousand.
const WAVE: usize = 8192;
/// Items one task serialises.
const TASK: usize = 64;

/// `items` as a pretty JSON array nested `depth` levels deep (the depth of its closing
/// bracket's line), the opening bracket written where the output stands. `weight` says
/// roughly how much text an item makes.
pub fn array<T: Serialize + Sync>(
    out: &mut dyn Write,
    items: &[T],
    depth: usize,
    weight: impl Fn(&T) -> usize,
) -> io::Result<()> {
    array_in_waves(out, items, depth, weight, WAVE)
}

fn array_in_waves<T: Serialize + Sync>(
    out: &mut dyn Write,
    items: &[T],
    depth: usize,
    weight: impl Fn(&T) -> usize,
    wave: usize,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[\n")?;
    let mut first = true;
    let mut start = 0;
    // The same buffers serve every wave: text made on one thread and freed on another is
    // memory an allocator may keep for the thread that made it.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    while start < items.len() {
        // The next wave: items while their weight fits, or one heavy item alone.
        let mut end = start;
        let mut load = 0;
        while end < items.len() {
            let w = weight(&items[end]).max(1);
            if end > start && load + w > wave {
                break;
            }
            load += w;
            end += 1;
            if load > wave {
                break;
            }
        }
        let part = &items[start..end];
        if part.len() == 1 {
            separate(out, &mut first)?;
            indent(out, depth + 1)?;
            value(out, &part[0], depth + 1)?;
        } else {
            let tasks = part.len().div_ceil(TASK);
            if buffers.len() < tasks {
                buffers.resize_with(tasks, Vec::new);
            }
            let made: Vec<io::Result<()>> = part
                .par_chunks(TASK)
                .zip(buffers.par_iter_mut())
                .map(|(task, buf)| {
                    buf.clear();
                    for (i, item) in task.iter().enumerate() {
                        if i > 0 {
                            buf.extend_from_slice(b",\n");
                        }
                        indent(buf, depth + 1)?;
                        value(buf, item, depth + 1)?;
                    }
                    Ok(())
                })
                .collect();
            for (done, text) in made.into_iter().zip(&buffers) {
                done?;
                separate(out, &mut first)?;
                out.write_all(text)?;
            }
        }
        start = end;
    }
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(b"]")
}

/// The comma and line break before every element but the first.
fn separate(out: &mut dyn Write, first: &mut bool) -> io::Result<()> {
    if !std::mem::take(first) {
        out.write_all(b",\n")?;
    }
    Ok(())
}

/// `v` pretty-printed as a value nested `depth` levels deep: its first line where the
/// output stands, the others indented. Pretty JSON has line breaks only between tokens (a
/// string's are escaped), so nesting is indenting every line after the first.
pub fn value<T: Serialize + ?Sized>(out: &mut dyn Write, v: &T, depth: usize) -> io::Result<()> {
    // Serialised whole, then copied a line at a time: serde_json writes a token at a time,
    // and indenting as it writes cost more than the copy.
    let text = serde_json::to_vec_pretty(v)?;
    let mut rest = &text[..];
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.write_all(&rest[..=at])?;
        indent(out, depth)?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest)
}

fn indent(out: &mut dyn Write, depth: usize) -> io::Result<()> {
    const SPACES: &[u8] = b"                                ";
    let mut n = 2 * depth;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Fields in this order, as a report's are.
    #[derive(Serialize)]
    struct Outer<'a> {
        items: &'a [serde_json::Value],
        after: serde_json::Value,
    }

    fn after(n: usize) -> serde_json::Value {
        json!({"n": n, "empty": [], "nested": {"a": [1, {"b": "c\nd"}]}})
    }

    /// What serde_json writes for the whole.
    fn reference(items: &[serde_json::Value]) -> Vec<u8> {
        serde_json::to_vec_pretty(&Outer {
            items,
            after: after(items.len()),
        })
        .unwrap()
    }

    fn weight(v: &serde_json::Value) -> usize {
        v["sides"].as_array().map_or(0, Vec::len)
    }

    fn ours(items: &[serde_json::Value], wave: usize) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"{\n  \"items\": ");
        array_in_waves(&mut out, items, 1, weight, wave).unwrap();
        out.extend_from_slice(b",\n  \"after\": ");
        value(&mut out, &after(items.len()), 1).unwrap();
        out.extend_from_slice(b"\n}");
        out
    }

    #[test]
    fn arrays_print_as_serde_json_prints_them_in_waves_of_any_weight() {
        let items: Vec<serde_json::Value> = (0..1000)
            .map(|i| {
                // Mostly light items, every 97th heavy.
                let sides = if i % 97 == 0 { 40 } else { 1 + i % 3 };
                json!({
                    "id": i,
                    "text": format!("line one\nline \"two\" {i}"),
                    "sides": (0..sides).map(|s| json!({"evidence": [{"doc": "a.md", "at": [s, 2]}], "label": "x"})).collect::<Vec<_>>(),
                    "none": null,
                    "empty": {},
                })
            })
            .collect();
        for n in [0, 1, 2, 300, 1000] {
            let want = reference(&items[..n]);
            for wave in [1, 7, 39, 256, 8192] {
                assert_eq!(
                    String::from_utf8(ours(&items[..n], wave)).unwrap(),
                    String::from_utf8(want.clone()).unwrap(),
                    "{n} items in waves of weight {wave}"
                );
            }
        }
    }
}
