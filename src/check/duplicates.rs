//! Near-duplicate articles: two copies of one story are one voice, even when nothing in the
//! front matter says so (a wire story run by two outlets, lightly edited).
//!
//! Word 5-shingles, MinHash signatures and banded locality-sensitive hashing find candidate
//! pairs in near-linear time; each candidate's Jaccard similarity is then computed exactly.

use crate::corpus::Document;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash functions, in `BANDS` bands of `ROWS`.
const BANDS: usize = 16;
const ROWS: usize = 4;

/// Jaccard similarity of word shingles above which two articles are copies, unless the
/// outlets file sets `near_duplicates`.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

fn shingles(doc: &Document) -> HashSet<u64> {
    let words: Vec<u64> = doc
        .text()
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .map(|w| fnv(w.as_bytes()))
        .collect();
    if words.len() < SHINGLE {
        return HashSet::new();
    }
    words
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0, |acc, &h| mix(acc ^ h, 0)))
        .collect()
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn mix(x: u64, seed: u64) -> u64 {
    // splitmix64: a cheap, well-spread hash family.
    let mut z = x ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Groups of at least two documents (indices into `docs`) whose texts are near-duplicates,
/// each sorted, in order of their first member.
pub fn groups<'a>(docs: impl Iterator<Item = &'a Document>, threshold: f64) -> Vec<Vec<usize>> {
    let sets: Vec<HashSet<u64>> = docs.map(shingles).collect();
    let mut buckets: BTreeMap<(usize, Vec<u64>), Vec<usize>> = BTreeMap::new();
    for (i, s) in sets.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        let sig: Vec<u64> = (0..BANDS * ROWS)
            .map(|k| s.iter().map(|&h| mix(h, k as u64 + 1)).min().unwrap_or(0))
            .collect();
        for b in 0..BANDS {
            buckets
                .entry((b, sig[b * ROWS..(b + 1) * ROWS].to_vec()))
                .or_default()
                .push(i);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for members in buckets.values().filter(|m| m.len() > 1) {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                pairs.insert((a, b));
            }
        }
    }
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, b) in pairs {
        let inter = sets[a].intersection(&sets[b]).count();
        let union = sets[a].len() + sets[b].len() - inter;
        if union > 0 && inter as f64 / union as f64 >= threshold {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sets.len() {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().filter(|g| g.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{FileOutcome, Outlets, load_source};
    use std::path::{Path, PathBuf};

    fn doc(body: &str) -> Document {
        let o = Outlets::parse(Path::new("o.yaml"), "outlets:\n  - {id: a, name: A}\n").unwrap();
        match load_source(
            PathBuf::from("x.md"),
            format!("---\noutlet: a\npublished: 2020-01-01\n---\n{body}\n"),
            &o,
        ) {
            FileOutcome::Loaded(d) => *d,
            _ => panic!(),
        }
    }

    #[test]
    fn lightly_edited_copies_group_and_different_stories_do_not() {
        let story = "Fighting resumed on Monday near the northern town after a week of calm, \
            local officials said, and hundreds of families left their homes for camps along the \
            border while aid groups warned that shelters were already full and winter was near.";
        let edited = format!("{story} The agency contributed to this report.");
        let other = "The central bank raised interest rates by a quarter point on Tuesday, citing \
            inflation that has stayed above its target for a year, and said further increases \
            were possible if prices kept rising faster than wages in the coming months.";
        let docs = [doc(story), doc(other), doc(&edited)];
        assert_eq!(groups(docs.iter(), DEFAULT_THRESHOLD), vec![vec![0, 2]]);
        assert!(
            groups(docs.iter(), 0.99).is_empty(),
            "the edit lowers the similarity"
        );
    }
}
