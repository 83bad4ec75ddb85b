//! Gazetteer mentions: actors, places and named things in the text.
//!
//! Aliases match first; the longest match wins where two overlap. Then runs of capitalised
//! name tokens that matched nothing are compared with the aliases by Jaro-Winkler similarity
//! (same first letter, similar length), so transliterations nobody listed ("Harakkat Nasr
//! al-Wadi" for "Harakat Nasr al-Wadi", "Qariat" for "Qaryat") still match. A generic class word ("the accord") is resolved to the
//! named thing active on the date its sentence speaks of, or on publication.

use super::time::TimeExpr;
use crate::calendar::DayRange;
use crate::rules::gazetteer::{EntityRef, Gazetteer, canonical};
use crate::rules::memo::Memo;
use crate::text::spans;
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionClass {
    Actor,
    Place,
    Thing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Range<usize>,
    pub class: MentionClass,
    /// Canonical id: an actor, place or thing id; a class id when a generic word could not
    /// be resolved to a named thing.
    pub entity: String,
    pub entity_ref: EntityRef,
    /// 1 for an alias match, the similarity for a fuzzy one.
    pub score: f64,
    /// A class word ("the accord") rather than a name.
    pub generic: bool,
}

/// A candidate name's best alias, if any is similar enough: comparing one with the aliases
/// costs thousands of instructions, and the same capitalised words recur through a corpus.
type Similar = Memo<Option<(f64, EntityRef)>>;

/// Candidates kept per thread before a memo starts afresh.
const FUZZY_CACHE_LIMIT: usize = 1 << 16;

thread_local! {
    /// Runs of name words compared with the aliases.
    static SIMILAR: std::cell::RefCell<Similar> =
        std::cell::RefCell::new(Memo::new(FUZZY_CACHE_LIMIT));
    /// An alias match with the name word before it (see `extend_left`).
    static EXTENDED: std::cell::RefCell<Similar> =
        std::cell::RefCell::new(Memo::new(FUZZY_CACHE_LIMIT));
}

/// Longest name run compared fuzzily, in tokens.
const MAX_FUZZY_TOKENS: usize = 5;

pub fn find(
    text: &str,
    sentences: &[Range<usize>],
    times: &[TimeExpr],
    published: DayRange,
    g: &Gazetteer,
) -> Vec<Mention> {
    let found = g.matchers.find_iter(text);
    // Sized once: growing from empty cost a dozen reallocations and copies an article.
    let mut hits: Vec<(Range<usize>, String, bool)> = Vec::with_capacity(found.len());
    for (m, case_sensitive) in found {
        let mut key = String::with_capacity(m.len());
        for word in text[m.clone()].split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
        if !case_sensitive && key.is_ascii() {
            key.make_ascii_lowercase();
        } else if !case_sensitive {
            key = key.to_lowercase();
        }
        hits.push((m, key, case_sensitive));
    }
    hits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())));
    let mut kept: Vec<(Range<usize>, String)> = Vec::with_capacity(hits.len());
    for (r, key, _) in hits {
        if kept.last().is_some_and(|(k, _)| r.start < k.end) {
            continue;
        }
        kept.push((r, key));
    }
    article_gives_way(text, sentences, g, &mut kept);

    // "Harakkat Nasr al-Wadi": an alias ("Nasr al-Wadi") preceded by a name word that makes
    // the whole a closer variant of a longer alias of the same entity takes that word in.
    for i in 0..kept.len() {
        let floor = if i == 0 { 0 } else { kept[i - 1].0.end };
        if let Some(start) = extend_left(text, &kept[i].0, &kept[i].1, floor, g) {
            kept[i].0.start = start;
        }
    }
    let mut out = Vec::with_capacity(kept.len() + kept.len() / 2);
    for (span, key) in &kept {
        let Some(refs) = g.lookup.get(key) else {
            continue;
        };
        for &r in refs {
            out.push(mention(
                g,
                span.clone(),
                r,
                1.0,
                text,
                sentences,
                times,
                published,
            ));
        }
    }
    fuzzy(text, &kept, g, &mut out, sentences, times, published);
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.span.end.cmp(&b.span.end))
            .then((a.class as u8).cmp(&(b.class as u8)))
    });
    out
}

/// "the army commander's residence": an alias that starts at the article ("the army") gives
/// way to a longer one of another entity starting at the next word ("army commander's
/// residence"), whose noun phrase the article opens. The search keeps the leftmost match,
/// so the longer one is looked for after the article, up to the end of the sentence.
fn article_gives_way(
    text: &str,
    sentences: &[Range<usize>],
    g: &Gazetteer,
    kept: &mut Vec<(Range<usize>, String)>,
) {
    let mut i = 0;
    while i < kept.len() {
        let (span, key) = &kept[i];
        if !key.starts_with("the ") {
            i += 1;
            continue;
        }
        let next = span.start + text[span.start..].find(char::is_whitespace).unwrap_or(0);
        let next = next + (text[next..].len() - text[next..].trim_start().len());
        // Up to the sentence's end, or the first space some way on in a long one.
        let end = spans::index_holding(sentences, span.start)
            .map_or(text.len(), |k| sentences[k].end.max(span.end));
        let mut reach = (span.end + 120).min(end);
        while !text.is_char_boundary(reach) {
            reach += 1;
        }
        let end = if reach < end {
            text[reach..end]
                .find(char::is_whitespace)
                .map_or(end, |k| reach + k)
        } else {
            end
        };
        let longer = g
            .matchers
            .find_iter(&text[next..end])
            .into_iter()
            .filter(|(m, _)| m.start == 0)
            .max_by_key(|(m, _)| m.end)
            .map(|(m, sensitive)| (next..next + m.end, sensitive))
            .filter(|(m, _)| m.end > span.end);
        let Some((m, sensitive)) = longer else {
            i += 1;
            continue;
        };
        let mut key = text[m.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !sensitive {
            key = key.to_lowercase();
        }
        // "the capital Khartoum" where both name the capital: the words stay as they are.
        let Some(refs) = g.lookup.get(&key) else {
            i += 1;
            continue;
        };
        if g.lookup.get(&kept[i].1) == Some(refs) {
            i += 1;
            continue;
        }
        kept[i] = (m.clone(), key);
        // Matches the longer one now covers are dropped.
        let from = i + 1;
        let upto = (from..kept.len())
            .find(|&k| kept[k].0.start >= m.end)
            .unwrap_or(kept.len());
        kept.drain(from..upto);
        i += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn mention(
    g: &Gazetteer,
    span: Range<usize>,
    r: EntityRef,
    score: f64,
    _text: &str,
    sentences: &[Range<usize>],
    times: &[TimeExpr],
    published: DayRange,
) -> Mention {
    let (class, entity, entity_ref, generic) = match r {
        EntityRef::Actor(_) => (MentionClass::Actor, g.id(r).to_string(), r, false),
        EntityRef::Place(_) => (MentionClass::Place, g.id(r).to_string(), r, false),
        EntityRef::Thing(_) => (MentionClass::Thing, g.id(r).to_string(), r, false),
        EntityRef::Class(c) => {
            let date =
                sentence_date(&span, sentences, times).unwrap_or(DayRange::day(published.to));
            match g.resolve_class(&g.classes[c].id, date) {
                Some(t) => (
                    MentionClass::Thing,
                    g.things[t].id.clone(),
                    EntityRef::Thing(t),
                    true,
                ),
                None => (MentionClass::Thing, g.classes[c].id.clone(), r, true),
            }
        }
    };
    Mention {
        span,
        class,
        entity,
        entity_ref,
        score,
        generic,
    }
}

/// The date a sentence speaks of: its first time expression precise to a month or better.
fn sentence_date(
    span: &Range<usize>,
    sentences: &[Range<usize>],
    times: &[TimeExpr],
) -> Option<DayRange> {
    let s = &sentences[spans::index_holding(sentences, span.start)?];
    spans::starting_in(times, |t| &t.span, s)
        .iter()
        .filter(|t| t.span.end <= s.end)
        .find(|t| t.range.days() <= 31)
        .map(|t| t.range)
}

#[allow(clippy::too_many_arguments)]
fn fuzzy(
    text: &str,
    exact: &[(Range<usize>, String)],
    g: &Gazetteer,
    out: &mut Vec<Mention>,
    sentences: &[Range<usize>],
    times: &[TimeExpr],
    published: DayRange,
) {
    if g.fuzzy_aliases.is_empty() {
        return;
    }
    // Name words with spans; runs of them not touching an exact match.
    let prefixes = &g.name_prefixes;
    let words = name_words(text, |b| prefixes.may_begin(b), |w| prefixes.name_word(w));
    SIMILAR.with_borrow_mut(|similar| {
        fuzzy_runs(
            text, exact, &words, g, similar, out, sentences, times, published,
        );
    });
}

/// Spans of the words between whitespace and the punctuation that ends a name, those
/// whose first byte `may_begin` accepts and that `keep` accepts. Words left out still lie
/// between the kept ones, so two kept words are neighbours only where nothing but
/// separators parts them.
fn name_words(
    text: &str,
    may_begin: impl Fn(u8) -> bool,
    keep: impl Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    spans::runs_beginning(
        text,
        name_separators,
        char::is_whitespace,
        may_begin,
        |s, e| {
            if keep(&text[s..e]) {
                words.push((s, e));
            }
        },
    );
    words
}

/// The ASCII bytes that end a name word: whitespace and clause punctuation.
static NAME_SEPARATOR: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(
            b as u8,
            b'\t'..=b'\r' | b' ' | b',' | b';' | b':' | b'(' | b')' | b'"' | b'.' | b'!' | b'?'
        );
        b += 1;
    }
    t
};

/// The high bit of each of eight ASCII bytes that is a [`NAME_SEPARATOR`]: a table look-up
/// a byte, cheaper than a word-wide test for each of eleven bytes.
fn name_separators(x: u64) -> u64 {
    x.to_le_bytes().iter().enumerate().fold(0, |m, (k, &b)| {
        m | u64::from(NAME_SEPARATOR[usize::from(b & 0x7f)]) << (8 * k + 7)
    })
}

/// Compare each run of name tokens not covered by an exact match with the aliases.
#[allow(clippy::too_many_arguments)]
fn fuzzy_runs(
    text: &str,
    exact: &[(Range<usize>, String)],
    words: &[(usize, usize)],
    g: &Gazetteer,
    seen: &mut Similar,
    out: &mut Vec<Mention>,
    sentences: &[Range<usize>],
    times: &[TimeExpr],
    published: DayRange,
) {
    // `exact` is sorted and non-overlapping: the first match ending after `s` decides.
    let covered = |s: usize, e: usize| {
        let k = exact.partition_point(|(r, _)| r.end <= s);
        exact.get(k).is_some_and(|(r, _)| r.start < e)
    };
    let mut i = 0;
    while i < words.len() {
        let (s, e) = words[i];
        if covered(s, e) {
            i += 1;
            continue;
        }
        // A word between two name words (one left out) leaves more than spaces between.
        let mut j = i;
        while j + 1 < words.len() {
            let (ns, ne) = words[j + 1];
            let gap = &text[words[j].1..ns];
            if !gap.bytes().all(|b| b == b' ') || covered(ns, ne) {
                break;
            }
            j += 1;
        }
        // Longest sub-run first; each token used once.
        let mut k = i;
        while k <= j {
            let mut matched = None;
            for len in (1..=(j - k + 1).min(MAX_FUZZY_TOKENS)).rev() {
                let (cs, ce) = (words[k].0, words[k + len - 1].1);
                let raw = &text[cs..ce];
                let best = seen.get(g.instance, raw, || {
                    let candidate = canonical(raw).to_lowercase();
                    if candidate.chars().count() < g.fuzzy.min_length {
                        None
                    } else {
                        best_alias(&candidate, g)
                    }
                });
                if let Some((score, r)) = best {
                    matched = Some((cs..ce, score, r, len));
                    break;
                }
            }
            match matched {
                Some((span, score, r, len)) => {
                    out.push(mention(
                        g, span, r, score, text, sentences, times, published,
                    ));
                    k += len;
                }
                None => k += 1,
            }
        }
        i = j + 1;
    }
}

fn extend_left(
    text: &str,
    span: &Range<usize>,
    key: &str,
    floor: usize,
    g: &Gazetteer,
) -> Option<usize> {
    let refs = g.lookup.get(key)?;
    let before = text.get(floor..span.start)?;
    let word_end = before.strip_suffix(' ')?.len();
    let word_start = before[..word_end].rfind([' ', '\n']).map_or(0, |i| i + 1);
    let word = &before[word_start..word_end];
    if !g.name_prefixes.name_word(word) {
        return None;
    }
    // Capitalised words before an alias recur through a corpus ("Northern Varna"): the
    // comparison with the aliases is remembered, as the similarity pass's is.
    let raw = &text[floor + word_start..span.end];
    let best = EXTENDED.with_borrow_mut(|extended| {
        extended.get(g.instance, raw, || {
            best_alias(&canonical(raw).to_lowercase(), g)
        })
    });
    let (_, r) = best?;
    refs.contains(&r).then_some(floor + word_start)
}

fn best_alias(candidate: &str, g: &Gazetteer) -> Option<(f64, EntityRef)> {
    let first = candidate.chars().next()?;
    let n = candidate.chars().count();
    // The aliases are sorted: those starting with `first` are one run, found by two binary
    // searches instead of a scan of every alias for every capitalised word.
    let all = &g.fuzzy_aliases;
    let lo = all.partition_point(|a| a.name.chars().next().is_some_and(|c| c < first));
    let hi = all.partition_point(|a| a.name.chars().next().is_some_and(|c| c <= first));
    all[lo..hi.max(lo)]
        .iter()
        .filter(|a| a.chars.abs_diff(n) <= 3 && a.name != candidate)
        .map(|a| (strsim::jaro_winkler(candidate, &a.name), a.entity))
        .filter(|(score, _)| *score >= g.fuzzy.threshold)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn name_words_end_at_whitespace_and_clause_punctuation() {
        let text = "Karsk, (Varrow)\u{A0}al-Dunmere.Marrow\u{0B}vale!?\"é\"  x;y:z\u{3000}Ölstad";
        let separator = |c: char| c.is_whitespace() || ",;:()\".!?".contains(c);
        let mut want = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (separator(c), start) {
                (true, Some(s)) => {
                    want.push((s, i));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        assert_eq!(name_words(text, |_| true, |_| true), want);
        let words: Vec<&str> = want.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            words,
            [
                "Karsk",
                "Varrow",
                "al-Dunmere",
                "Marrow",
                "vale",
                "é",
                "x",
                "y",
                "z",
                "Ölstad"
            ]
        );
    }

    fn gazetteer() -> Gazetteer {
        let src = "
fuzzy: {threshold: 0.93, name_prefixes: [al-, el-, ash-, as-]}
actors:
  - {id: hnw, name: Hayat Nasr al-Wadi, aliases: [\"Hay'at Nasr al-Wadi\", HNW]}
  - {id: vip, name: Valdane Islamic Party, aliases: [VIP]}
  - {id: karsk, name: Karsk, aliases: [Karskian, Karsk City]}
places:
  - {id: karsk, name: Karsk}
  - {id: dunmere, name: Dunmere, kind: town}
  - {id: varrow, name: Varrow, kind: province, aliases: [Greater Varrow]}
classes:
  - {id: accord, aliases: [accord, co-accord, pact]}
things:
  - {id: jan-pact, name: January pact, class: accord, active: 2020-01-12..2020-01-31}
  - {id: march-pact, name: Marrowvale protocol, class: accord, active: 2020-03-05..2020-06-30}
";
        Gazetteer::compile(&[(PathBuf::from("g.yaml"), src.into())]).unwrap()
    }

    fn mentions(text: &str, published: &str) -> Vec<(String, String, MentionClass, bool)> {
        let g = gazetteer();
        let p = crate::calendar::parse_published(published).unwrap();
        let s = crate::text::sentences::sentences(text);
        let t = super::super::time::find(text, &s, p);
        find(text, &s, &t, p, &g)
            .into_iter()
            .map(|m| (text[m.span].to_string(), m.entity, m.class, m.score < 1.0))
            .collect()
    }

    #[test]
    fn aliases_match_longest_first_and_names_in_both_classes() {
        let v = mentions(
            "Hay'at Nasr al-Wadi fighters left Greater Varrow for Karsk.",
            "2020-03-12",
        );
        assert_eq!(v[0].1, "hnw");
        assert_eq!(
            v[1],
            (
                "Greater Varrow".into(),
                "varrow".into(),
                MentionClass::Place,
                false
            )
        );
        let karsk: Vec<_> = v.iter().filter(|m| m.0 == "Karsk").map(|m| m.2).collect();
        assert_eq!(karsk, vec![MentionClass::Actor, MentionClass::Place]);
    }

    /// Whether `word` is a name word, checking that the scan would not pass it over by its
    /// first byte.
    fn name_word_seen_by_the_scan(p: &crate::rules::gazetteer::NamePrefixes, word: &str) -> bool {
        let name = p.name_word(word);
        assert!(!name || p.may_begin(word.as_bytes()[0]), "{word}");
        name
    }

    #[test]
    fn name_words_are_capitalised_or_carry_a_prefix_the_gazetteer_lists() {
        let g = gazetteer();
        let name = |w: &str| name_word_seen_by_the_scan(&g.name_prefixes, w);
        for word in [
            "Karsk",
            "al-Karsk",
            "ash-Shamal",
            "as-Sahil",
            "el-Dunmere",
            "\u{00C9}mile",
        ] {
            assert!(name(word), "{word}");
        }
        for word in [
            "karsk",
            "al-karsk",
            "alKarsk",
            "e-mail",
            "ad-Dunmere",
            "12",
            "",
            "\u{00E9}mile",
            "-Karsk",
        ] {
            assert!(!name(word), "{word}");
        }
    }

    #[test]
    fn another_language_lists_its_own_particles() {
        let src = "fuzzy: {threshold: 0.9, name_prefixes: [\"d'\", \"\u{00FC}ber-\"]}\nplaces:\n  - {id: varrow, name: Varrow}\n";
        let g = Gazetteer::compile(&[(PathBuf::from("g.yaml"), src.into())]).unwrap();
        let name = |w: &str| name_word_seen_by_the_scan(&g.name_prefixes, w);
        assert!(name("d'Varrow") && name("\u{00FC}ber-Varrow"));
        assert!(!name("al-Varrow") && !name("d'varrow"));
        let none = Gazetteer::compile(&[(PathBuf::from("g.yaml"), "places: []\n".into())]).unwrap();
        assert!(!none.name_prefixes.name_word("al-Varrow"));
        assert!(none.name_prefixes.name_word("Varrow"));
    }

    #[test]
    fn name_words_split_at_whitespace_of_any_width_and_closing_punctuation() {
        let text = "Karsk,\u{00A0}Dun\u{2003}Varrow (Marrowvale) said: \u{00C9}mile.";
        let words: Vec<&str> = name_words(text, |_| true, |_| true)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            words,
            [
                "Karsk",
                "Dun",
                "Varrow",
                "Marrowvale",
                "said",
                "\u{00C9}mile"
            ]
        );
        assert!(name_words(" ,;. ", |_| true, |_| true).is_empty());
    }

    #[test]
    fn transliterations_match_by_similarity() {
        let v = mentions("Hayy'at Nasr al-Wadi shelled Dunmeer.", "2020-03-12");
        assert_eq!(
            (v[0].0.as_str(), v[0].1.as_str()),
            ("Hayy'at Nasr al-Wadi", "hnw")
        );
        assert_eq!(
            (v[1].0.as_str(), v[1].1.as_str(), v[1].3),
            ("Dunmeer", "dunmere", true)
        );
    }

    #[test]
    fn acronyms_match_only_as_written() {
        let v = mentions("A vip from HNW; the VIP said so.", "2020-03-12");
        let ids: Vec<&str> = v.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(ids, vec!["hnw", "vip"]);
    }

    #[test]
    fn generic_words_resolve_by_date() {
        assert_eq!(
            mentions("The pact is holding.", "2020-01-19")[0].1,
            "jan-pact"
        );
        assert_eq!(
            mentions("The accord is holding.", "2020-03-12")[0].1,
            "march-pact"
        );
        assert_eq!(
            mentions("On January 14, the co-accord held.", "2020-03-12")[0].1,
            "jan-pact"
        );
    }

    #[test]
    fn ordinary_capitalised_words_do_not_match() {
        let v = mentions(
            "Several Karsans said Saturday that Dunstable was calm.",
            "2020-03-12",
        );
        assert!(
            v.iter().all(|m| m.1 != "dunmere" && m.1 != "karsk"),
            "{v:?}"
        );
    }

    /// Similarity results are cached per thread across documents: a gazetteer compiled
    /// later, where the same spelling is closest to another place, must not see them.
    #[test]
    fn cached_similarity_belongs_to_one_gazetteer() {
        let compile = |places: &[(&str, &str)]| {
            let mut src = "places:\n".to_string();
            for (id, name) in places {
                src += &format!("  - {{id: {id}, name: {name}, kind: town}}\n");
            }
            Gazetteer::compile(&[(PathBuf::from("g.yaml"), src)]).unwrap()
        };
        let first = compile(&[("marrow", "Marrowvale")]);
        let second = compile(&[("elsewhere", "Elsewhere"), ("morrow", "Marrowvaill")]);
        let text = "Shelling hit Marrowvail.";
        let p = crate::calendar::parse_published("2031-01-01").unwrap();
        let s = crate::text::sentences::sentences(text);
        let places = |g: &Gazetteer| -> Vec<String> {
            find(text, &s, &[], p, g)
                .into_iter()
                .map(|m| m.entity)
                .collect()
        };
        for _ in 0..2 {
            assert_eq!(places(&first), ["marrow"]);
            assert_eq!(places(&second), ["morrow"]);
        }
    }

    /// The name word taken in before an alias is cached too, and belongs to one gazetteer
    /// as well: one whose longer alias makes "Harakkat Nasr al-Wadi" a variant, then one
    /// with no such alias.
    #[test]
    fn cached_extensions_belong_to_one_gazetteer() {
        let compile = |name: &str, alias: &str| {
            let src = format!("actors:\n  - {{id: hnw, name: {name}, aliases: [{alias}]}}\n");
            Gazetteer::compile(&[(PathBuf::from("g.yaml"), src)]).unwrap()
        };
        let longer = compile("Harakat Nasr al-Wadi", "Nasr al-Wadi");
        let shorter = compile("Nasr al-Wadi", "NAW");
        let text = "Harakkat Nasr al-Wadi attacked.";
        let p = crate::calendar::parse_published("2031-01-01").unwrap();
        let s = crate::text::sentences::sentences(text);
        let found = |g: &Gazetteer| -> Vec<String> {
            find(text, &s, &[], p, g)
                .into_iter()
                .map(|m| text[m.span].to_string())
                .collect()
        };
        for _ in 0..2 {
            assert_eq!(found(&longer), ["Harakkat Nasr al-Wadi"]);
            assert_eq!(found(&shorter), ["Nasr al-Wadi"]);
        }
    }
}
