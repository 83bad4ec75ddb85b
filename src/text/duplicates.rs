//! Near-duplicate articles: two copies of one story are one voice, even when nothing in the
//! front matter says so (a wire story run by two outlets, lightly edited).
//!
//! Each document is reduced, while it is analysed, to a MinHash signature of its word
//! 5-shingles; the text itself is then dropped. The signature is one-permutation hashing
//! (Li, Owen and Zhang, 2012): each shingle is hashed once and kept as the minimum of one of
//! 128 bins, so it costs one hash per shingle, not 128. Similarity is estimated over the bins
//! either text fills, which is exact for short texts and has a standard error of about 0.04
//! at 0.8 for long ones. Candidate pairs come from banded locality-sensitive hashing over the
//! signatures with empty bins filled by rotation (Shrivastava and Li, 2014), so the cost
//! stays near-linear.

use crate::text::spans::{self, Words};
use std::collections::BTreeMap;
use std::ops::Range;

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash values in a signature.
pub const SIGNATURE: usize = 128;
/// Candidate pairs share all `ROWS` values of one of `BANDS` bands (the first 64 values).
const BANDS: usize = 16;
const ROWS: usize = 4;

/// Jaccard similarity of word shingles above which two articles are copies, unless the
/// outlets file sets `near_duplicates`.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// A document's MinHash signature: empty when it has fewer than five words; a bin no
/// shingle fell in holds [`EMPTY`].
pub type Signature = Vec<u32>;

/// The value of a bin no shingle fell in.
pub const EMPTY: u32 = u32::MAX;

/// The signature of an analysed text, from its tokens (words without their leading and
/// trailing punctuation, lowercased).
pub fn signature(text: &str, tokens: &Words) -> Signature {
    let words: Vec<u64> = SHORT.with_borrow_mut(|short| {
        tokens
            .spans()
            .map(|span| match short_token(text, &span) {
                Some(x) => short.get(x),
                None => word_hash(&text[span]),
            })
            .collect()
    });
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut bins = vec![EMPTY; SIGNATURE];
    for w in words.windows(SHINGLE) {
        let h = mix(w.iter().fold(0, |acc, &h| mix(acc ^ h, 0)), 1);
        let bin = (h % SIGNATURE as u64) as usize;
        let value = ((h >> 32) as u32).min(EMPTY - 1);
        bins[bin] = bins[bin].min(value);
    }
    bins
}

/// Empty bins take the next full bin's value, mixed with the distance (rotation
/// densification), so band keys of short texts are not all alike.
fn densified(sig: &[u32]) -> Vec<u32> {
    let n = sig.len();
    (0..n)
        .map(|i| {
            if sig[i] != EMPTY {
                return sig[i];
            }
            (1..n)
                .map(|d| (d, sig[if i + d < n { i + d } else { i + d - n }]))
                .find(|(_, v)| *v != EMPTY)
                .map_or(EMPTY, |(d, v)| {
                    (mix(u64::from(v), d as u64 + 2) >> 32) as u32
                })
        })
        .collect()
}

/// [`word_hash`] of `text[span]`.
#[cfg(test)]
fn token_hash(text: &str, span: Range<usize>) -> u64 {
    short_token(text, &span).map_or_else(|| word_hash(&text[span]), short_hash)
}

/// A token of at most eight ASCII bytes (most of them) as one machine word, the bytes past
/// its end zero; `None` for any other.
fn short_token(text: &str, span: &Range<usize>) -> Option<u64> {
    spans::short_word(text.as_bytes(), span).filter(|x| x & spans::HIGH == 0)
}

/// [`word_hash`] of a [`short_token`], in eight steps that each keep or drop their byte
/// without a branch: the byte loop's exit, at a different length for every word, was
/// mispredicted once a word and cost more than the hashing. Zero bytes are not letters or
/// digits, so the hash depends on the machine word alone (and is the basis for zero).
fn short_hash(x: u64) -> u64 {
    // Hash from the first letter or digit through the last, lower-cased.
    let alnum = spans::alphanumerics(x);
    if alnum == 0 {
        return FNV_BASIS;
    }
    let (first, last) = (alnum.trailing_zeros() / 8, (63 - alnum.leading_zeros()) / 8);
    let lower = spans::ascii_lowercase(x);
    let mut h = FNV_BASIS;
    for k in 0..8 {
        let stepped = fnv_step(h, (lower >> (8 * k)) as u8);
        let keep = 0u64.wrapping_sub(u64::from(first <= k && k <= last));
        h = (stepped & keep) | (h & !keep);
    }
    h
}

/// Short tokens' hashes, remembered in a direct-mapped table that each thread keeps from one
/// text to the next: a corpus repeats its common words ("the", "of", "said") so often that a
/// look-up answers most tokens for a fraction of the hashing. A slot holds a machine word and
/// its hash; every slot starts as the word zero, whose hash is the basis, so an empty slot is
/// never a wrong answer. 1,024 slots (16 KB): a table made afresh for each text had 256, as
/// more cost more to clear than they saved.
struct ShortHashes {
    slots: Box<[(u64, u64); SLOTS]>,
}

const BITS: u32 = 10;
const SLOTS: usize = 1 << BITS;

thread_local! {
    static SHORT: std::cell::RefCell<ShortHashes> = std::cell::RefCell::new(ShortHashes::new());
}

impl ShortHashes {
    fn new() -> ShortHashes {
        ShortHashes {
            slots: Box::new([(0, FNV_BASIS); SLOTS]),
        }
    }

    fn get(&mut self, x: u64) -> u64 {
        let slot = &mut self.slots[(x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize];
        if slot.0 != x {
            *slot = (x, short_hash(x));
        }
        slot.1
    }
}

/// The hash of a token without its leading and trailing punctuation, lowercased. ASCII
/// tokens (nearly all) are trimmed and folded byte by byte, without allocating.
fn word_hash(token: &str) -> u64 {
    // One pass: hash from the first letter or digit on, keeping the hash as it stood after
    // the last one, so trailing punctuation is left out without finding it first.
    let bytes = token.as_bytes();
    let start = bytes
        .iter()
        .position(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
        .unwrap_or(bytes.len());
    let (mut h, mut at_last) = (FNV_BASIS, FNV_BASIS);
    for &b in &bytes[start..] {
        if !b.is_ascii() {
            let w = token.trim_matches(|c: char| !c.is_alphanumeric());
            return fnv(w.to_lowercase().bytes());
        }
        h = fnv_step(h, b.to_ascii_lowercase());
        if b.is_ascii_alphanumeric() {
            at_last = h;
        }
    }
    at_last
}

const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

fn fnv(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(FNV_BASIS, fnv_step)
}

fn mix(x: u64, seed: u64) -> u64 {
    // splitmix64: a cheap, well-spread hash family.
    let mut z = x ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Of the bins either text fills, the share where both hold the same minimum: an estimate
/// of the Jaccard similarity of their shingles.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    // Without branches: a large corpus compares hundreds of thousands of candidate pairs,
    // and a branch a bin was mispredicted at every change. Equal bins count only when full.
    let (mut same, mut used) = (0u32, 0u32);
    for (&x, &y) in a.iter().zip(b) {
        used += u32::from((x != EMPTY) | (y != EMPTY));
        same += u32::from((x == y) & (x != EMPTY));
    }
    if used == 0 {
        0.0
    } else {
        same as f64 / used as f64
    }
}

/// Buckets up to this size are compared pair by pair.
const SMALL_BUCKET: usize = 64;
/// In a larger bucket, a member is compared with this many groups last seen in it...
const RECENT_GROUPS: usize = 16;
/// ...and with this many of each group's last members.
const PER_GROUP: usize = 4;

#[cfg(test)]
thread_local! {
    /// Comparisons and look-ups made by [`groups`], for the tests of its cost.
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn work(_n: u64) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + _n));
}

/// Groups of at least two documents (indices into `signatures`) whose texts are
/// near-duplicates, each sorted, in order of their first member.
pub fn groups<'a>(signatures: impl Iterator<Item = &'a [u32]>, threshold: f64) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let sigs: Vec<&[u32]> = signatures.collect();
    let dense: Vec<Vec<u32>> = sigs.par_iter().map(|s| densified(s)).collect();
    // The groups are the connected components of similar candidate pairs, whatever order
    // the buckets are visited in; each band's are found on its own core.
    let buckets: Vec<Vec<Vec<usize>>> = (0..BANDS)
        .into_par_iter()
        .map(|b| {
            // Sorted, a bucket is a run of equal keys: one allocation per band instead of
            // one per distinct key.
            let mut band: Vec<([u32; ROWS], usize)> = dense
                .iter()
                .enumerate()
                .filter(|(_, sig)| sig.len() >= BANDS * ROWS)
                .map(|(i, sig)| {
                    let mut key = [0u32; ROWS];
                    key.copy_from_slice(&sig[b * ROWS..(b + 1) * ROWS]);
                    (key, i)
                })
                .collect();
            band.sort_unstable();
            band.chunk_by(|x, y| x.0 == y.0)
                .filter(|run| run.len() > 1)
                .map(|run| run.iter().map(|&(_, i)| i).collect())
                .collect()
        })
        .collect();
    let mut parent: Vec<usize> = (0..sigs.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    fn union(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[ra.max(rb)] = ra.min(rb);
        }
    }
    for members in buckets.iter().flatten() {
        if members.len() <= SMALL_BUCKET {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    work(1);
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    // Already one voice: a bucket of many copies costs a find, not a comparison.
                    if ra != rb && similarity(sigs[a], sigs[b]) >= threshold {
                        union(&mut parent, a, b);
                    }
                }
            }
            continue;
        }
        // A large bucket (thousands of templated or copied articles share a band key): each
        // member is compared with the last few members of the groups last seen in the bucket,
        // not with every member before it, so the work stays linear in the bucket's size.
        let mut recent: Vec<Vec<usize>> = Vec::new();
        for &b in members {
            let mut joined: Vec<usize> = Vec::new();
            for (k, group) in recent.iter().enumerate() {
                work(1);
                let same = find(&mut parent, group[0]) == find(&mut parent, b);
                if same
                    || group.iter().any(|&a| {
                        work(1);
                        similarity(sigs[a], sigs[b]) >= threshold
                    })
                {
                    union(&mut parent, group[0], b);
                    joined.push(k);
                }
            }
            let mut merged: Vec<usize> = Vec::new();
            for k in joined.into_iter().rev() {
                merged.extend(recent.remove(k));
            }
            merged.sort_unstable();
            merged.push(b);
            let keep = merged.len().saturating_sub(PER_GROUP);
            merged.drain(..keep);
            if recent.len() == RECENT_GROUPS {
                recent.remove(0);
            }
            recent.push(merged);
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sigs.len() {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().filter(|g| g.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, FileOutcome, Outlets, load_source};
    use std::path::{Path, PathBuf};

    /// 20,000 near-identical tiny articles share every band key: compared pair by pair in a
    /// bucket they took 18 s (200 million look-ups a band); the work must stay linear.
    #[test]
    fn a_bucket_of_many_copies_costs_linear_work() {
        let base = signature_of("The bridge in the north is open again, officials said today.");
        let mut sigs: Vec<Vec<u32>> = Vec::new();
        for i in 0..20_000u32 {
            let mut s = base.clone();
            // A few copies differ in one bin: still near-duplicates.
            if i % 7 == 0 {
                s[SIGNATURE - 1] = i;
            }
            sigs.push(s);
        }
        WORK.with(|w| w.set(0));
        let g = groups(sigs.iter().map(Vec::as_slice), DEFAULT_THRESHOLD);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].len(), 20_000);
        let work = WORK.with(|w| w.get());
        assert!(
            work < 20_000 * BANDS as u64 * 4,
            "{work} comparisons and look-ups"
        );
    }

    /// In a large bucket, members unlike the groups before them still form their own groups.
    #[test]
    fn a_large_bucket_keeps_distinct_stories_apart() {
        let a = signature_of("The bridge in the north is open again, officials said today.");
        let mut b = a.clone();
        // The first 64 bins (the bands) shared, the rest different: not near-duplicates.
        for (k, v) in b.iter_mut().enumerate().skip(BANDS * ROWS) {
            *v = k as u32;
        }
        let sigs: Vec<Vec<u32>> = (0..200)
            .map(|i| if i % 2 == 0 { a.clone() } else { b.clone() })
            .collect();
        let g = groups(sigs.iter().map(Vec::as_slice), DEFAULT_THRESHOLD);
        assert_eq!(
            g.len(),
            2,
            "{:?}",
            g.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!((g[0].len(), g[1].len()), (100, 100));
    }

    fn signature_of(body: &str) -> Vec<u32> {
        let d = doc(body);
        signature(d.text(), d.tokens())
    }

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
        let sigs: Vec<Signature> = [doc(story), doc(other), doc(&edited)]
            .iter()
            .map(|d| signature(d.text(), d.tokens()))
            .collect();
        let refs = || sigs.iter().map(Vec::as_slice);
        assert_eq!(groups(refs(), DEFAULT_THRESHOLD), vec![vec![0, 2]]);
        assert!(
            groups(refs(), 0.99).is_empty(),
            "the edit lowers the similarity"
        );
        // 40 shingles shared of 46: the estimate is near the true 0.87.
        let s = similarity(&sigs[0], &sigs[2]);
        assert!((0.75..=0.97).contains(&s), "{s}");
        assert!(similarity(&sigs[0], &sigs[1]) < 0.1);
    }

    #[test]
    fn a_word_hashes_without_its_surrounding_punctuation_and_case() {
        // The definition, written plainly: the signature field of saved claims depends on it.
        let reference = |token: &str| {
            let w = token.trim_matches(|c: char| !c.is_alphanumeric());
            fnv(w.to_lowercase().bytes())
        };
        for token in [
            "Word",
            "word,",
            "(Word).",
            "\"Karsk's\"",
            "\u{00C9}mile,",
            "--",
            "",
            "a-b",
            "5,000.",
            "x\u{2019}s",
            "(\u{00E9}t\u{00E9})",
            "\u{00AB}Ab\u{00BB}",
            "_x_",
        ] {
            assert_eq!(word_hash(token), reference(token), "{token}");
        }
        assert_eq!(word_hash("(Word)."), word_hash("word"));
        // The word-at-a-time path gives the same hash for every token it takes, wherever
        // the token sits in its text (eight bytes or fewer before its end).
        let tokens = [
            "Word",
            "word,",
            "(Word).",
            "\"Karsk's\"",
            "--",
            "a-b",
            "5,000.",
            "_x_",
            "U.S.",
            "ZZ9",
            "(a)",
            "...",
            "Varrow'",
            "[12]",
            "x",
            "@home",
            "AbCdEfGh",
            "abcdefghi",
            "\u{00C9}mile",
            "x\u{2019}s",
        ];
        for token in tokens {
            for pad in ["", " ", "       ", "        tail"] {
                let text = format!("{pad}{token}");
                let span = pad.len()..text.len();
                assert_eq!(
                    token_hash(&text, span.clone()),
                    reference(token),
                    "{text:?}"
                );
                let text = format!("{pad}{token} and more words after it");
                assert_eq!(token_hash(&text, span), reference(token), "{text:?}");
            }
        }
        assert_ne!(word_hash("word"), word_hash("words"));
    }

    #[test]
    fn a_remembered_hash_is_the_hash_of_its_word() {
        // Thousands of words through the table's slots: repeats hit, and words that share a
        // slot evict each other. Every answer must be the word's own hash.
        let mut short = ShortHashes::new();
        let words: Vec<String> = (0..10_000u32)
            .map(|i| {
                let n = i.wrapping_mul(2_654_435_761) % 4999;
                let letters: String = (0..1 + n % 8)
                    .map(|k| (b'a' + ((n >> k) % 26) as u8) as char)
                    .collect();
                if n % 5 == 0 {
                    format!("{letters},")
                } else {
                    letters
                }
            })
            .filter(|w| w.len() <= 8)
            .collect();
        for w in words.iter().chain(&words) {
            let text = format!("{w}        ");
            let x = short_token(&text, &(0..w.len())).expect("short ASCII token");
            assert_eq!(short.get(x), word_hash(w), "{w:?}");
        }
        assert_eq!(short.get(0), short_hash(0));
    }

    #[test]
    fn short_texts_that_differ_in_one_word_are_not_copies() {
        // Four shingles each, two shared: a Jaccard similarity of 2/6.
        let a = {
            let d = doc("The accord was signed on March 5 by both.");
            signature(d.text(), d.tokens())
        };
        let b = {
            let d = doc("The accord was signed on March 9 by both.");
            signature(d.text(), d.tokens())
        };
        let s = similarity(&a, &b);
        assert!(s < 0.5, "{s}");
        assert_eq!(similarity(&a, &a), 1.0);
        assert!(groups([a.as_slice(), b.as_slice()].into_iter(), DEFAULT_THRESHOLD).is_empty());
    }
}
