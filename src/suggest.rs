//! Gazetteer entries a corpus needs: the names its articles use that no loaded pack knows,
//! each guessed a place or an actor from the words around it.
//!
//! Starting a pack for a new story is mostly writing down its towns, forces and officials;
//! a name the gazetteer lacks makes no claim at all ("the army took Varno" says nothing when
//! Varno is unknown). This lists them, most used first, so a user can check each guess and
//! paste it. The cue words are English grammar, not a story's: prepositions of place, nouns
//! of settlements and forces, verbs of speech.

use crate::annotate::Annotations;
use crate::corpus::Document;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;

/// What the words around a name say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Guess {
    Place,
    Actor,
    /// No telling words, or as many of each kind.
    Unsorted,
}

/// A name no pack knows, with what was seen of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// As written, possessive dropped ("Varno", "Karsk Liberation Front").
    pub name: String,
    /// A gazetteer id made from the name ("karsk-liberation-front").
    pub id: String,
    /// Other spellings of the same id ("El-Obeid" beside "El Obeid").
    pub aliases: Vec<String>,
    pub guess: Guess,
    /// A place's kind from the noun after it ("the Varno airport"), the commonest.
    pub kind: Option<String>,
    pub uses: usize,
    pub articles: usize,
    /// The first use: file, line, column.
    pub first: (PathBuf, usize, usize),
}

/// Words before a name that make it a place: "in Varno", "the town of Varno", "took Varno".
const PLACE_BEFORE: &[&str] = &[
    "in",
    "near",
    "at",
    "outside",
    "into",
    "inside",
    "around",
    "across",
    "towards",
    "toward",
    "through",
    "captured",
    "seized",
    "retook",
    "recaptured",
    "took",
    "entered",
    "shelled",
    "besieged",
    "stormed",
    "liberated",
    "reached",
    "hit",
];

/// Nouns after a name ("Drel district"), or before "of" and it ("the town of Drel"), that
/// make it a place of that kind.
const SETTLEMENTS: &[&str] = &[
    "area",
    "city",
    "county",
    "district",
    "neighborhood",
    "neighbourhood",
    "province",
    "region",
    "state",
    "town",
    "valley",
    "village",
];

/// Sites named for the place they are at: "the Varno airport" makes Varno a place, of no
/// kind the words tell (the airport is another entry, "Varno airport").
const SITES: &[&str] = &[
    "airport", "base", "border", "bridge", "camp", "crossing", "dam", "highway", "hospital",
    "port", "river", "road",
];

/// Words after a name that make it an actor: a speaker, a force, an office.
const ACTOR_AFTER: &[&str] = &[
    "accused",
    "added",
    "announced",
    "army",
    "authorities",
    "claimed",
    "commander",
    "denied",
    "fighters",
    "forces",
    "government",
    "leader",
    "leaders",
    "militia",
    "militias",
    "ministry",
    "official",
    "officials",
    "rebels",
    "said",
    "say",
    "says",
    "soldiers",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "stated",
    "told",
    "troops",
];

/// Titles before a person's name: the title marks an actor and is not part of the name.
const TITLES: &[&str] = &[
    "ambassador",
    "brigadier",
    "chief",
    "col",
    "colonel",
    "commander",
    "defence",
    "defense",
    "dr",
    "foreign",
    "gen",
    "general",
    "governor",
    "king",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "president",
    "prime",
    "prince",
    "queen",
    "secretary",
    "sheikh",
    "spokesman",
    "spokeswoman",
];

/// Lower-case words that may stand inside a name: "Republic of Karsk", "Bay of the Dead".
const INNER: &[&str] = &["of", "the", "de", "du", "bin", "ibn"];

/// Share of capitalised words above which a sentence is a title in title case, whose
/// capitals say nothing.
const TITLE_CASE_SHARE: f64 = 0.6;

#[derive(Default)]
struct Seen {
    uses: usize,
    place: usize,
    actor: usize,
    kinds: BTreeMap<String, usize>,
    articles: BTreeSet<PathBuf>,
    first: Option<(PathBuf, usize, usize)>,
}

/// The names the documents use that no mention or date covers, seen at least `min_uses`
/// times: places first, then actors, then the unsorted, each most used first.
pub fn unknown_names(docs: &[(&Document, &Annotations)], min_uses: usize) -> Vec<Suggestion> {
    // A capitalised word the corpus also writes in lower case is a common word at the start
    // of a sentence or in a title ("Fighting", "Aid"), not a name.
    let lower: BTreeSet<&str> = docs
        .iter()
        .flat_map(|(d, _)| words(d.text(), 0..d.text().len()))
        .map(|(_, w)| w)
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .collect();
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for (doc, ann) in docs {
        let text = doc.text();
        let known: Vec<Range<usize>> = ann
            .mentions
            .iter()
            .map(|m| m.span.clone())
            .chain(ann.times.iter().map(|t| t.span.clone()))
            .collect();
        for sentence in &doc.sentences {
            let ws = words(text, sentence.clone());
            let caps = ws.iter().filter(|(_, w)| capitalised(w)).count();
            if ws.len() >= 3 && caps as f64 > TITLE_CASE_SHARE * ws.len() as f64 {
                continue;
            }
            for run in runs(text, &ws, &lower) {
                let span = ws[run.start].0.start..ws[run.end - 1].0.end;
                if known
                    .iter()
                    .any(|k| k.start < span.end && span.start < k.end)
                {
                    continue;
                }
                let name = text[span.clone()]
                    .trim_end_matches("'s")
                    .trim_end_matches('\'')
                    .to_string();
                let before = |n: usize| {
                    run.start
                        .checked_sub(n)
                        .map(|i| ws[i].1.to_lowercase())
                        .unwrap_or_default()
                };
                let after = |n: usize| {
                    ws.get(run.end + n - 1)
                        .map(|(_, w)| w.to_lowercase())
                        .unwrap_or_default()
                };
                let s = seen.entry(name).or_default();
                s.uses += 1;
                s.articles.insert(doc.path().to_path_buf());
                if s.first.is_none() {
                    let at = doc.locate(span.clone());
                    s.first = Some((doc.path().to_path_buf(), at.line, at.column));
                }
                let noun_after = after(1);
                let noun_of = (before(1) == "of").then(|| before(2));
                let settlement = [Some(noun_after.as_str()), noun_of.as_deref()]
                    .into_iter()
                    .flatten()
                    .find(|w| SETTLEMENTS.contains(w));
                if let Some(kind) = settlement {
                    s.place += 1;
                    *s.kinds.entry(kind.to_string()).or_default() += 1;
                } else if SITES.contains(&noun_after.as_str())
                    || PLACE_BEFORE.contains(&before(1).as_str())
                {
                    s.place += 1;
                }
                let titled = run.start > 0 && TITLES.contains(&before(1).as_str());
                if ACTOR_AFTER.contains(&noun_after.as_str())
                    || titled
                    || (before(2) == "according" && before(1) == "to")
                {
                    s.actor += 1;
                }
            }
        }
    }
    // Spellings of one id ("El Obeid", "El-Obeid") are one entry: the commonest is its
    // name, the rest its aliases.
    let mut by_id: BTreeMap<String, Vec<(String, Seen)>> = BTreeMap::new();
    for (name, s) in seen {
        by_id.entry(slug(&name)).or_default().push((name, s));
    }
    let mut out: Vec<Suggestion> = by_id
        .into_iter()
        .filter_map(|(id, mut spellings)| {
            spellings.sort_by(|a, b| b.1.uses.cmp(&a.1.uses).then(a.0.cmp(&b.0)));
            let mut all = spellings.into_iter();
            let (name, mut s) = all.next()?;
            let mut aliases = Vec::new();
            for (alias, o) in all {
                aliases.push(alias);
                s.uses += o.uses;
                s.place += o.place;
                s.actor += o.actor;
                for (k, n) in o.kinds {
                    *s.kinds.entry(k).or_default() += n;
                }
                s.articles.extend(o.articles);
                s.first = s.first.into_iter().chain(o.first).min();
            }
            if s.uses < min_uses || id.chars().count() < 2 {
                return None;
            }
            let guess = match s.place.cmp(&s.actor) {
                std::cmp::Ordering::Greater => Guess::Place,
                std::cmp::Ordering::Less => Guess::Actor,
                std::cmp::Ordering::Equal => Guess::Unsorted,
            };
            let kind = (guess == Guess::Place)
                .then(|| {
                    s.kinds
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(k, _)| k.clone())
                })
                .flatten();
            Some(Suggestion {
                id,
                name,
                aliases,
                guess,
                kind,
                uses: s.uses,
                articles: s.articles.len(),
                first: s.first?,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.guess, std::cmp::Reverse(a.uses), &a.name).cmp(&(
            b.guess,
            std::cmp::Reverse(b.uses),
            &b.name,
        ))
    });
    out
}

/// The words of a span with their byte ranges: letters, digits, and the hyphens and
/// apostrophes inside a word ("al-Fashir", "Karsk's").
fn words(text: &str, span: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let s = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(b), false) => {
                let w = s[b..i].trim_matches(['-', '\'']);
                if !w.is_empty() {
                    let b = b + s[b..i].find(w).unwrap_or(0);
                    out.push((span.start + b..span.start + b + w.len(), w));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A word written as a name: a capital first ("Varno", "RSF"), or a lower-case particle
/// joined to one ("al-Fashir").
fn capitalised(w: &str) -> bool {
    let mut parts = w.splitn(2, '-');
    let first = parts.next().unwrap_or("");
    if first.starts_with(|c: char| c.is_uppercase()) {
        return true;
    }
    first.len() <= 3
        && first.chars().all(|c| c.is_lowercase())
        && parts
            .next()
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
}

/// The runs of name words in a sentence's words, as index ranges: titles and a sentence's
/// first word when it is a common word are left out; lower-case words may stand inside a
/// run after its first word ("Republic of Karsk") but not at its ends; a run of words all of which the corpus
/// also writes in lower case is no name.
fn runs(text: &str, ws: &[(Range<usize>, &str)], lower: &BTreeSet<&str>) -> Vec<Range<usize>> {
    let common = |w: &str| lower.contains(w.to_lowercase().as_str());
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !capitalised(ws[i].1) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            // "Republic of Vell", "Ministry of Health" are one name; "Ali Varn of Karsk" is a
            // man and his town, "Residents of Drel" a group and its town.
            let mut j = end;
            if end == i + 1 && !ws[i].1.ends_with('s') {
                while j < ws.len() && INNER.contains(&ws[j].1) {
                    j += 1;
                }
            }
            if j < ws.len() && capitalised(ws[j].1) && joined(text, ws, end - 1, j) {
                end = j + 1;
            } else {
                break;
            }
        }
        let mut start = i;
        // An article is not part of a name: "the Associated Press" is "Associated Press".
        if end > i + 1 && matches!(ws[i].1, "The" | "A" | "An") {
            start += 1;
        }
        // A title ("President", "Foreign Minister") marks the name after it, is not of it.
        while start < end && TITLES.contains(&ws[start].1.to_lowercase().as_str()) {
            start += 1;
        }
        // The first word of a sentence is capitalised whatever it is.
        if start == 0 && common(ws[0].1) {
            start = 1;
        }
        while start < end && INNER.contains(&ws[start].1) {
            start += 1;
        }
        if start < end && !ws[start..end].iter().all(|(_, w)| common(w)) {
            out.push(start..end);
        }
        i = end;
    }
    out
}

/// Whether words `a` and `b` (b after a) may be one name: nothing but spaces and the inner
/// words between them, and no possessive ending `a` ("Karsk's Vell district" is two).
fn joined(text: &str, ws: &[(Range<usize>, &str)], a: usize, b: usize) -> bool {
    !ws[a].1.ends_with("'s")
        && text[ws[a].0.end..ws[b].0.start]
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ')
}

/// A gazetteer id from a name: lower case, words joined by hyphens.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_skip_titles_common_first_words_and_lower_case_ends() {
        let text = "Fighting spread as President Ali Varn of Karsk met the Republic of Vell in al-Marun, Osk's Dal district and The Karsk Post.";
        let ws = words(text, 0..text.len());
        let lower: BTreeSet<&str> = [
            "fighting", "spread", "as", "met", "the", "in", "of", "district", "and",
        ]
        .into_iter()
        .collect();
        let names: Vec<&str> = runs(text, &ws, &lower)
            .into_iter()
            .map(|r| &text[ws[r.start].0.start..ws[r.end - 1].0.end])
            .collect();
        assert_eq!(
            names,
            vec![
                "Ali Varn",
                "Karsk",
                "Republic of Vell",
                "al-Marun",
                "Osk's",
                "Dal",
                "Karsk Post"
            ]
        );
    }

    #[test]
    fn ids_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(slug("Karsk Liberation Front"), "karsk-liberation-front");
        assert_eq!(slug("al-Marun"), "al-marun");
        assert_eq!(slug("Vell  (north)"), "vell-north");
    }
}
