//! The clause layer: a sentence as tokens with a lemma and a coarse part of speech, its verb
//! groups (voice, negation, mood) and noun groups (with coordinated lists), and the roles
//! around a verb (subject, object, a preposition's object, the `by` agent).
//!
//! It is English grammar only, without a model: closed word classes and an inflection table
//! ([`lexicon`]), suffix rules, and a few word-order rules. Frames (`rules/frames/`) name
//! verb lemmas and the roles they fill; extractors ask this layer where those roles are, so
//! "seized X", "X was seized by Y" and "Y's seizure of X" are one frame entry. Parsing is
//! linear in the sentence's words and runs only on sentences a frame's words occur in.
//!
//! ```
//! use crosscheck::clause::{Sentence, Mood};
//! let text = "The town was seized by rebels, who tried to take the airport.";
//! let s = Sentence::parse(text, 0..text.len(), &[]);
//! let groups = s.verb_groups();
//! assert!(groups[0].passive);
//! assert_eq!(s.tokens[groups[0].head].lemma, "seize");
//! assert_eq!(groups.last().unwrap().mood, Mood::Attempt);
//! ```

pub mod lexicon;

/// Whether the first verb group of `words` is in a past tense that looks back on a stretch
/// of time ("the truce held", "it stopped the shelling", "was holding", "had held"), not a
/// present ("holds", "is holding") or present perfect ("has held", "has been violated"),
/// which speak of the time of writing.
pub fn told_in_past(words: &str) -> bool {
    let s = Sentence::parse(words, 0..words.len(), &[]);
    let Some(group) = s.verb_groups().into_iter().next() else {
        return false;
    };
    for t in &s.tokens[group.tokens.clone()] {
        match t.lower.as_str() {
            "was" | "were" | "had" => return true,
            "is" | "are" | "am" | "has" | "have" | "'s" => return false,
            _ => {}
        }
    }
    matches!(
        s.tokens[group.head].inflection,
        Inflection::Past | Inflection::Participle
    )
}

use lexicon::{ENGLISH, Inflection};
use std::cell::RefCell;
use std::ops::Range;

/// Lemmas a thread remembers at most before it starts afresh.
const LEMMA_MEMO: usize = 1 << 16;

/// Word forms and their lemmas (see [`LEMMAS`]).
type LemmaMemo = foldhash::HashMap<Box<str>, (Box<str>, Inflection)>;

thread_local! {
    /// [`ENGLISH`]'s lemma of each word form met, remembered across sentences and texts:
    /// the same words recur through a corpus, and the lemma depends on nothing else.
    static LEMMAS: RefCell<LemmaMemo> = RefCell::new(LemmaMemo::default());
}

/// `ENGLISH.lemma(word)`, remembered (see [`LEMMAS`]).
fn english_lemma(word: &str) -> (String, Inflection) {
    LEMMAS.with_borrow_mut(|memo| {
        if let Some((lemma, inflection)) = memo.get(word) {
            return (lemma.to_string(), *inflection);
        }
        let (lemma, inflection) = ENGLISH.lemma(word);
        if memo.len() >= LEMMA_MEMO {
            memo.clear();
        }
        memo.insert(word.into(), (lemma.as_str().into(), inflection));
        (lemma, inflection)
    })
}

/// A coarse part of speech: enough to find groups and roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Det,
    Adj,
    Noun,
    /// A capitalised word or a gazetteer name.
    Name,
    Num,
    Verb,
    /// Forms of be, have, do.
    Aux,
    Modal,
    Neg,
    Prep,
    /// "to" before a verb or a noun.
    To,
    Conj,
    Pron,
    /// "which", "who", "that": opens a relative clause.
    Rel,
    /// "while", "as", "if": opens a subordinate clause.
    Sub,
    Adv,
    /// The possessive `'s`.
    Poss,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Bytes in the analysed text.
    pub span: Range<usize>,
    pub lower: String,
    pub lemma: String,
    pub pos: Pos,
    pub inflection: Inflection,
}

/// What a verb group asserts about its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    /// Said to have happened or to hold.
    Fact,
    /// "trying to retake", "an offensive to capture": attempted, not achieved.
    Attempt,
    /// "vowed to take", "plans to seize": intended.
    Intent,
    /// "will be controlled by": expected.
    Future,
    /// "could fall", "would take": possible.
    Conditional,
}

/// A run of auxiliaries and verbs ending in its head verb.
#[derive(Debug, Clone)]
pub struct VerbGroup {
    /// Token indices.
    pub tokens: Range<usize>,
    /// The head verb (for a copula alone, the form of "be").
    pub head: usize,
    /// "was seized", "towns seized by": the subject is what the verb was done to.
    pub passive: bool,
    pub negated: bool,
    pub mood: Mood,
}

/// A noun group, with the items of a coordinated list ("A, B and C") and its `of` phrase.
#[derive(Debug, Clone)]
pub struct NounGroup {
    /// Token indices, the whole list.
    pub tokens: Range<usize>,
    /// Each coordinated item's tokens; one item when there is no list.
    pub items: Vec<Range<usize>>,
    /// The head noun of the first item (before an `of` phrase).
    pub head: usize,
}

/// One sentence, tokenised and tagged.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub tokens: Vec<Token>,
}

/// Words that can follow a verb as its particle ("take over", "pull out").
const PARTICLES: &[&str] = &["over", "out", "back", "off", "up", "down", "away"];

/// Words before "to VERB" that make the verb an attempt, or an intent.
const ATTEMPT: &[&str] = &[
    "try",
    "attempt",
    "seek",
    "strive",
    "struggle",
    "fight",
    "push",
    "bid",
    "battle",
    "effort",
    "offensive",
    "counteroffensive",
    "counter-offensive",
    "operation",
    "campaign",
    "drive",
    "move",
    "race",
    "scramble",
    "bid",
    "assault",
    "attack",
    "advance",
    "mobilize",
    "mobilise",
];
const INTENT: &[&str] = &[
    "plan",
    "intend",
    "vow",
    "want",
    "aim",
    "hope",
    "prepare",
    "threaten",
    "pledge",
    "promise",
    "expect",
    "order",
    "plot",
    "decide",
    "mean",
    "wish",
    "call",
    "urge",
    "go",
    "set",
    "need",
    "ready",
    "poise",
    "determine",
    "able",
    "would",
    "ultimatum",
    "demand",
    "goal",
    "intention",
];

/// Verbs whose object is the subject of the infinitive after it: "forced the guards to
/// withdraw", "ordered troops to leave".
const OBJECT_CONTROL: &[&str] = &[
    "force", "order", "compel", "ask", "urge", "tell", "allow", "permit", "pressure", "push",
    "oblige", "persuade", "instruct", "command", "cause", "enable",
];

/// Numbers written as words.
const NUMBER_WORDS: &[&str] = &[
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
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "twenty",
    "thirty",
    "forty",
    "fifty",
];

/// Adverbs the group rules must skip; any `-ly` word is one too.
const ADVERBS: &[&str] = &[
    "still",
    "now",
    "also",
    "even",
    "already",
    "recently",
    "yet",
    "later",
    "then",
    "just",
    "again",
    "reportedly",
    "allegedly",
    "apparently",
    "once",
    "previously",
    "finally",
    "soon",
    "almost",
    "nearly",
    "largely",
    "mostly",
    "fully",
    "partly",
    "totally",
    "completely",
    "successfully",
    "effectively",
    "currently",
    "since",
    "ever",
    "back",
];

fn is_adverb(w: &str) -> bool {
    ADVERBS.contains(&w) || (w.len() > 4 && w.ends_with("ly") && !w.ends_with("ply"))
}

fn aux_lemma(w: &str) -> Option<&'static str> {
    Some(match w {
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "'s" | "'re" => "be",
        "has" | "have" | "had" | "having" | "'ve" => "have",
        "does" | "do" | "did" => "do",
        "get" | "got" | "gets" | "getting" => "get",
        _ => return None,
    })
}

/// Split a sentence into words and punctuation: `'s` is its own token, hyphenated and
/// dotted words ("rebel-held", "U.N.") are one, numbers keep their commas and points.
fn split(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let joins = matches!(d, '-' | '\'' | '.' | ',' | '%');
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if joins {
                    // A joiner stays inside a word only between two word characters, a comma
                    // or point only between digits ("1,960", "2.5").
                    let next = s[j + 1..].chars().next();
                    let prev_digit = s[..j]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_ascii_digit());
                    let ok = match d {
                        ',' | '.' if d == ',' => {
                            prev_digit && next.is_some_and(|n| n.is_ascii_digit())
                        }
                        // "U.S.": a point after an initial stays in the word.
                        '.' => {
                            next.is_some_and(|n| n.is_alphanumeric())
                                || (s[..j].chars().next_back().is_some_and(char::is_uppercase)
                                    && s[..j]
                                        .chars()
                                        .rev()
                                        .nth(1)
                                        .is_none_or(|c| !c.is_alphanumeric() || c == '.')
                                    && next.is_some_and(|n| n == '-'))
                        }
                        '%' => {
                            end = j + 1;
                            chars.next();
                            break;
                        }
                        '\'' => {
                            next.is_some_and(|n| n.is_alphanumeric()) && !s[j..].starts_with("'s ")
                        }
                        _ => next.is_some_and(|n| n.is_alphanumeric()),
                    };
                    if !ok {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(range.start + i..range.start + end);
        } else if c == '\''
            && s[i + 1..].starts_with('s')
            && !s[i + 2..].starts_with(char::is_alphanumeric)
        {
            chars.next();
            out.push(range.start + i..range.start + i + 2);
        } else {
            out.push(range.start + i..range.start + i + c.len_utf8());
        }
    }
    out
}

impl Sentence {
    /// Tokenise and tag the sentence at `range` of `text`. `names` are the spans of known
    /// names (gazetteer mentions): their words are names whatever their case.
    pub fn parse(text: &str, range: Range<usize>, names: &[Range<usize>]) -> Sentence {
        let spans = split(text, range);
        let mut tokens: Vec<Token> = spans
            .into_iter()
            .map(|span| {
                let word = &text[span.clone()];
                let lower = word.to_lowercase();
                let (lemma, inflection) = if word.chars().next().is_some_and(char::is_alphabetic) {
                    // A hyphenated word takes the lemma of its last part: "rebel-held".
                    let last = lower.rsplit('-').next().unwrap_or(&lower);
                    english_lemma(last)
                } else {
                    (lower.clone(), Inflection::Plain)
                };
                Token {
                    span,
                    lower,
                    lemma,
                    pos: Pos::Noun,
                    inflection,
                }
            })
            .collect();
        let title = title_case(&tokens, text);
        for i in 0..tokens.len() {
            let pos = tag(&tokens, i, text, names, title);
            tokens[i].pos = pos;
            if pos == Pos::Aux
                && let Some(l) = aux_lemma(&tokens[i].lower)
            {
                tokens[i].lemma = l.to_string();
            }
        }
        Sentence { tokens }
    }

    /// The verb groups, in order.
    pub fn verb_groups(&self) -> Vec<VerbGroup> {
        let t = &self.tokens;
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if !matches!(t[i].pos, Pos::Modal | Pos::Aux | Pos::Verb) {
                i += 1;
                continue;
            }
            let start = i;
            let mut head = i;
            let mut j = i;
            let mut negated = false;
            while j < t.len() {
                match t[j].pos {
                    Pos::Modal | Pos::Aux => head = j,
                    Pos::Verb => {
                        head = j;
                        // A verb after a head verb starts its own group, except the head
                        // of "have been", "was being".
                        if j + 1 < t.len() && t[j + 1].pos == Pos::Verb {
                            break;
                        }
                    }
                    Pos::Neg => negated = true,
                    Pos::Adv => {}
                    _ => break,
                }
                if t[j].pos == Pos::Verb {
                    j += 1;
                    break;
                }
                j += 1;
            }
            // Trailing adverbs belong to what follows.
            let end = head + 1;
            let auxes = &t[start..head];
            let be = auxes
                .iter()
                .any(|a| a.pos == Pos::Aux && matches!(aux_lemma(&a.lower), Some("be" | "get")));
            let participle = t[head].inflection == Inflection::Participle;
            let by_follows = t.get(head + 1).is_some_and(|n| n.lower == "by")
                || (t
                    .get(head + 1)
                    .is_some_and(|n| PARTICLES.contains(&n.lower.as_str()))
                    && t.get(head + 2).is_some_and(|n| n.lower == "by"));
            let bare = auxes.iter().all(|a| a.pos == Pos::Adv);
            let passive = t[head].pos == Pos::Verb && participle && (be || (bare && by_follows));
            let modal = auxes
                .iter()
                .find(|a| a.pos == Pos::Modal)
                .map(|a| a.lower.as_str());
            let mood = match modal {
                Some("will" | "shall") => Mood::Future,
                Some("would" | "could" | "might" | "may" | "should" | "can" | "must") => {
                    Mood::Conditional
                }
                _ => self.mood_before(start),
            };
            out.push(VerbGroup {
                tokens: start..end,
                head,
                passive,
                negated: negated || self.negated_before(start),
                mood,
            });
            i = end.max(j);
        }
        // "did not admit losing X", "tried taking X": a gerund right after its verb shares the
        // verb's negation and mood.
        for g in 1..out.len() {
            let (before, after) = out.split_at_mut(g);
            let (prev, cur) = (&before[g - 1], &mut after[0]);
            if prev.tokens.end == cur.tokens.start && t[cur.head].inflection == Inflection::Gerund {
                cur.negated |= prev.negated;
                if cur.mood == Mood::Fact {
                    cur.mood = prev.mood;
                }
            }
        }
        out
    }

    /// "to" before a group, and the word that governs it: "tried to take" is an attempt.
    fn mood_before(&self, start: usize) -> Mood {
        let t = &self.tokens;
        let mut k = start;
        while k > 0 && (t[k - 1].pos == Pos::Adv || t[k - 1].lower == "\"") {
            k -= 1;
        }
        if k == 0 || t[k - 1].pos != Pos::To {
            // "going to", "set to" are handled through `to`; "will" was read above.
            return Mood::Fact;
        }
        let mut g = k - 1;
        // "in an effort to", "in a bid to": the noun is the word just before "to".
        while g > 0 && (t[g - 1].pos == Pos::Adv || t[g - 1].lower == "\"") {
            g -= 1;
        }
        let Some(gov) = g.checked_sub(1).map(|g| &t[g]) else {
            return Mood::Fact;
        };
        let w = gov.lemma.as_str();
        if gov.lower == "order" && g >= 2 && t[g - 2].lower == "in" {
            return Mood::Intent;
        }
        if ATTEMPT.contains(&w) || ATTEMPT.contains(&gov.lower.as_str()) {
            Mood::Attempt
        } else if INTENT.contains(&w) || INTENT.contains(&gov.lower.as_str()) {
            Mood::Intent
        } else if gov.pos == Pos::Aux && matches!(aux_lemma(&gov.lower), Some("be" | "have")) {
            // "is to hand over", "has to withdraw": an obligation, not yet done.
            Mood::Future
        } else {
            Mood::Fact
        }
    }

    /// "failed to", "refused to", "denied", "no longer": the group's event did not happen.
    pub fn negated_before(&self, start: usize) -> bool {
        let t = &self.tokens;
        let lo = start.saturating_sub(4);
        t[lo..start].iter().enumerate().any(|(k, w)| {
            let next_is_to = t.get(lo + k + 1).is_some_and(|n| n.pos == Pos::To);
            (matches!(w.lemma.as_str(), "fail" | "refuse") && next_is_to)
                || (w.lemma == "deny" && lo + k + 1 >= start.saturating_sub(1))
                || w.lower == "yet" && next_is_to
        })
    }

    /// The noun group starting at token `i` (after skipping adverbs and "about"-like
    /// words), with its `of` phrase and a coordinated list.
    pub fn noun_group_at(&self, i: usize) -> Option<NounGroup> {
        let first = self.item_at(i)?;
        let head = self.head_of(first.clone());
        let mut items = vec![first.clone()];
        let mut end = first.end;
        // A list: ", B", ", C and D"; a comma-joined chain counts only when it ends with
        // "and" or "or" (else the comma opens an apposition or a clause).
        let mut pending: Vec<Range<usize>> = Vec::new();
        let mut k = end;
        loop {
            let t = &self.tokens;
            let comma = t.get(k).is_some_and(|w| w.lower == ",");
            let k1 = if comma { k + 1 } else { k };
            let conj = t
                .get(k1)
                .is_some_and(|w| matches!(w.lower.as_str(), "and" | "or"));
            let k2 = if conj { k1 + 1 } else { k1 };
            if !comma && !conj {
                break;
            }
            let Some(next) = self.item_at(k2) else { break };
            // A new clause: "X, Y said"; "X and Y fought".
            if self
                .tokens
                .get(next.end)
                .is_some_and(|w| matches!(w.pos, Pos::Verb | Pos::Aux | Pos::Modal))
                && !conj
            {
                break;
            }
            pending.push(next.clone());
            k = next.end;
            if conj {
                items.append(&mut pending);
                end = k;
                break;
            }
        }
        Some(NounGroup {
            tokens: first.start..end,
            items,
            head,
        })
    }

    /// One item of a noun group at `i`: determiners, adjectives, nouns, names, numbers and
    /// possessives, then an `of` phrase.
    fn item_at(&self, i: usize) -> Option<Range<usize>> {
        let t = &self.tokens;
        let mut j = i;
        while j < t.len() && t[j].pos == Pos::Adv {
            j += 1;
        }
        // "about 70%", "over 30 villages": a qualifier before a number.
        if t.get(j).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "about" | "around" | "over" | "nearly" | "almost"
            )
        }) && t.get(j + 1).is_some_and(|w| w.pos == Pos::Num)
        {
            j += 1;
        }
        let start = j;
        let mut nominal = false;
        // "most of", "all of", "much of": a determiner heads a partitive.
        if t.get(j).is_some_and(|w| w.pos == Pos::Det)
            && t.get(j + 1).is_some_and(|w| w.lower == "of")
        {
            nominal = true;
            j += 1;
        }
        while j < t.len() && !(nominal && t[j].lower == "of") {
            match t[j].pos {
                // An adjective after the head is not the group's: "hold X responsible".
                Pos::Adj if nominal => break,
                Pos::Det | Pos::Adj | Pos::Num | Pos::Poss => {}
                Pos::Noun | Pos::Name => nominal = true,
                // "the strategically important city"
                Pos::Adv
                    if j > start
                        && t.get(j + 1)
                            .is_some_and(|n| matches!(n.pos, Pos::Adj | Pos::Noun | Pos::Name)) => {
                }
                // "the following settlements", "captured Egyptian officers"
                Pos::Verb
                    if j > start
                        && matches!(
                            t[j].inflection,
                            Inflection::Gerund | Inflection::Participle
                        )
                        && matches!(t[j - 1].pos, Pos::Det | Pos::Adj | Pos::Num)
                        && t.get(j + 1)
                            .is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Name)) => {}
                Pos::Pron if j == start => {
                    return Some(start..j + 1);
                }
                // "the training and storage depot": adjectives joined before one head.
                Pos::Conj
                    if !nominal
                        && j > start
                        && t[j - 1].pos == Pos::Adj
                        && matches!(t[j].lower.as_str(), "and" | "or")
                        && t.get(j + 1)
                            .is_some_and(|n| matches!(n.pos, Pos::Adj | Pos::Noun)) => {}
                _ => break,
            }
            j += 1;
        }
        if !nominal {
            return None;
        }
        // "the villages of A, B and C": the `of` phrase and its list belong to the group;
        // after a singular head ("the residence of the chief and the airport") the list is
        // the outer one.
        if t.get(j).is_some_and(|w| w.lower == "of") {
            let plural = t[start..j]
                .iter()
                .rev()
                .find(|w| matches!(w.pos, Pos::Noun | Pos::Name | Pos::Det | Pos::Num))
                .is_some_and(|w| w.lower != w.lemma || matches!(w.pos, Pos::Det | Pos::Num));
            if plural && let Some(inner) = self.noun_group_at(j + 1) {
                return Some(start..inner.tokens.end);
            }
            if let Some(inner) = self.item_at(j + 1) {
                return Some(start..inner.end);
            }
        }
        Some(start..j)
    }

    /// The head noun of an item: its last noun or name before an `of` phrase.
    fn head_of(&self, item: Range<usize>) -> usize {
        let t = &self.tokens;
        let stop = (item.start..item.end)
            .find(|&k| t[k].lower == "of")
            .unwrap_or(item.end);
        (item.start..stop)
            .rev()
            .find(|&k| matches!(t[k].pos, Pos::Noun | Pos::Name | Pos::Pron | Pos::Num))
            .unwrap_or(item.start)
    }

    /// The noun group ending just before token `i` (adverbs between skipped), for a
    /// subject: scans back over noun-group words and `of` phrases.
    pub fn noun_group_before(&self, i: usize) -> Option<Range<usize>> {
        self.group_before(i, true)
    }

    /// [`Sentence::noun_group_before`], through `of` phrases or not.
    pub fn group_before(&self, i: usize, through_of: bool) -> Option<Range<usize>> {
        let t = &self.tokens;
        let mut end = i;
        while end > 0 && (t[end - 1].pos == Pos::Adv || t[end - 1].lower == "\"") {
            end -= 1;
        }
        if end > 1 && t[end - 1].lower == "," && t[end - 2].lower == ")" {
            end -= 1;
        }
        // "(RSF)" after a name.
        if end > 0 && t[end - 1].lower == ")" {
            let open = (0..end - 1).rev().find(|&k| t[k].lower == "(")?;
            end = open;
            if end > 0 && t[end - 1].lower == "," {
                end -= 1;
            }
        }
        let mut start = end;
        while start > 0 {
            let w = &t[start - 1];
            let inside = matches!(
                w.pos,
                Pos::Det | Pos::Adj | Pos::Noun | Pos::Name | Pos::Num | Pos::Poss
            ) || (through_of && w.lower == "of" && start < end)
                || (w.pos == Pos::Pron && start == end);
            if !inside {
                break;
            }
            start -= 1;
            if w.pos == Pos::Pron {
                break;
            }
            // A determiner opens its group, unless an `of` phrase joins it to one before.
            if w.pos == Pos::Det && !(through_of && start > 0 && t[start - 1].lower == "of") {
                break;
            }
        }
        (start < end).then_some(start..end)
    }

    /// The subject of a verb group: the noun group just before it, through a relative
    /// pronoun to its antecedent ("the force, which seized"), through "and" to the
    /// previous group's subject ("captured X and seized Y").
    pub fn subject(&self, groups: &[VerbGroup], g: usize) -> Option<Range<usize>> {
        let t = &self.tokens;
        let start = groups[g].tokens.start;
        let mut k = start;
        while k > 0 && t[k - 1].pos == Pos::Adv {
            k -= 1;
        }
        // "and - remarkably - seized": the aside is skipped.
        if k > 0
            && t[k - 1].lower == "-"
            && let Some(open) = (0..k - 1).rev().find(|&j| t[j].lower == "-")
        {
            k = open;
            while k > 0 && t[k - 1].pos == Pos::Adv {
                k -= 1;
            }
        }
        let prev = k.checked_sub(1).map(|p| &t[p]);
        match prev.map(|p| p.pos) {
            Some(Pos::Rel) => {
                let mut a = k - 1;
                if a > 0 && t[a - 1].lower == "," {
                    a -= 1;
                }
                return self.noun_group_before(a);
            }
            Some(Pos::Conj) if g > 0 => return self.subject(groups, g - 1),
            // "the attack by the guards (EG), seized": the group before the aside.
            Some(Pos::Punct) if t[k - 1].lower == "," && k >= 2 => {
                // "the corridor, which will not include X, shall be": the relative clause
                // between commas is skipped to the noun it describes.
                if let Some(open) = (0..k - 1).rev().find(|&j| t[j].lower == ",")
                    && t.get(open + 1).is_some_and(|w| w.pos == Pos::Rel)
                    && open > 0
                {
                    return self.noun_group_before(open);
                }
                return self.noun_group_before(k - 1).map(|r| self.appositive_of(r));
            }
            // "acknowledged losing": the gerund's subject is its verb's.
            Some(Pos::Verb) if g > 0 && groups[g - 1].tokens.end == k => {
                return self.subject(groups, g - 1);
            }
            // "forced the rebels to withdraw": after a verb of making or telling, the one
            // told is the subject.
            Some(Pos::To)
                if g > 0 && OBJECT_CONTROL.contains(&t[groups[g - 1].head].lemma.as_str()) =>
            {
                if let Some(obj) = self.object(&groups[g - 1], None)
                    && obj.tokens.end == k - 1
                {
                    return Some(obj.tokens);
                }
                return self.subject(groups, g - 1);
            }
            Some(Pos::To) | Some(Pos::Prep) | None if g > 0 => {
                // "claimed to have captured", "after taking": the governing group's subject.
                return self.subject(groups, g - 1);
            }
            _ => {}
        }
        self.noun_group_before(k).map(|r| self.appositive_of(r))
    }

    /// "X, a town in Y, was taken", "X, a part of Y held by Z": an indefinite group after a
    /// comma describes the name before it, which is what the verb is said of.
    fn appositive_of(&self, r: Range<usize>) -> Range<usize> {
        let t = &self.tokens;
        let mut start = r.start;
        // The group found backwards ends at a preposition: "a town in Y" reads back to "Y";
        // the appositive starts at the indefinite article within a few words before.
        if !matches!(t[start].lower.as_str(), "a" | "an") {
            let Some(a) = (start.saturating_sub(6)..start)
                .rev()
                .find(|&j| matches!(t[j].lower.as_str(), "a" | "an" | "," | ";"))
            else {
                return r;
            };
            if !matches!(t[a].lower.as_str(), "a" | "an")
                || (a + 1..start).any(|j| matches!(t[j].pos, Pos::Verb | Pos::Aux | Pos::Rel))
            {
                return r;
            }
            start = a;
        }
        if start >= 2
            && t[start - 1].lower == ","
            && let Some(name) = self.noun_group_before(start - 1)
            && t[name.start..name.end].iter().any(|w| w.pos == Pos::Name)
        {
            return name;
        }
        r
    }

    /// The object of a verb group: the noun group after its head (and a `particle` the
    /// frame names, "take over X").
    pub fn object(&self, group: &VerbGroup, particle: Option<&str>) -> Option<NounGroup> {
        let mut k = group.head + 1;
        if let Some(p) = particle {
            if self.tokens.get(k).is_some_and(|w| w.lower == p) {
                k += 1;
            } else {
                return None;
            }
        }
        let g = self.noun_group_at(k)?;
        (g.tokens.start <= k + 1).then_some(g)
    }

    /// The object a relative pronoun stands for when the verb has none after it: "X, which
    /// the rebels hold", "X, which both sides claim to control" name X. Only an object
    /// relative: a pronoun with a verb right after it ("X, which lies near Y") is the
    /// subject, and any other verb between the pronoun and this group must govern it through
    /// "to" ("claim to control").
    pub fn relative_object(&self, group: &VerbGroup) -> Option<Range<usize>> {
        let t = &self.tokens;
        if t.get(group.head + 1).is_some_and(|w| {
            !matches!(w.pos, Pos::Punct | Pos::Prep | Pos::Sub | Pos::Conj) || w.lower == "\""
        }) {
            return None;
        }
        let mut k = group.tokens.start;
        let rel = loop {
            let j = k.checked_sub(1)?;
            if group.tokens.start - j > 30 {
                return None;
            }
            let w = &t[j];
            match w.pos {
                Pos::Rel if matches!(w.lower.as_str(), "which" | "that") => break j,
                Pos::Rel | Pos::Sub | Pos::Modal => return None,
                Pos::Verb | Pos::Aux
                    if !t.get(j + 1).is_some_and(|n| n.pos == Pos::To)
                        && !group.tokens.contains(&j) =>
                {
                    return None;
                }
                _ if matches!(w.lower.as_str(), ";" | ":" | "\"" | ".") => {
                    return None;
                }
                _ => {}
            }
            k = j;
        };
        // "which" + verb: the pronoun is the subject; "which" + the group itself: likewise.
        let next = t.get(rel + 1)?;
        if rel + 1 >= group.tokens.start
            || matches!(next.pos, Pos::Verb | Pos::Aux | Pos::Modal | Pos::Adv)
        {
            return None;
        }
        let end = if rel > 0 && t[rel - 1].lower == "," {
            rel - 1
        } else {
            rel
        };
        self.noun_group_before(end)
    }

    /// The object of the first phrase with preposition `prep` after token `from`, within
    /// the clause (before the next verb group, relative pronoun or semicolon).
    pub fn prep_object(&self, from: usize, prep: &str) -> Option<NounGroup> {
        let t = &self.tokens;
        let words: Vec<&str> = prep.split(' ').collect();
        let mut k = from;
        while k < t.len() {
            let w = &t[k];
            if matches!(
                w.pos,
                Pos::Verb | Pos::Aux | Pos::Modal | Pos::Rel | Pos::Sub
            ) || matches!(w.lower.as_str(), ";" | ":" | "\"")
            {
                return None;
            }
            let here = words
                .iter()
                .enumerate()
                .all(|(n, p)| t.get(k + n).is_some_and(|x| x.lower == *p));
            if here {
                return self.noun_group_at(k + words.len());
            }
            // Another phrase ("on Sunday", "to the town of X") is skipped whole, so an `of`
            // inside it is not taken for the verb's.
            let skip = if matches!(w.pos, Pos::Prep | Pos::To) {
                self.noun_group_at(k + 1).map(|n| n.tokens.end)
            } else {
                self.noun_group_at(k).map(|n| n.tokens.end)
            };
            k = skip.filter(|&e| e > k).unwrap_or(k + 1);
        }
        None
    }

    /// Bytes of a token range.
    pub fn bytes(&self, r: &Range<usize>) -> Range<usize> {
        match (
            self.tokens.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => a.span.start..b.span.end,
            (Some(a), _) => a.span.start..a.span.start,
            _ => 0..0,
        }
    }
}

/// The part of speech of token `i`, from its word, its neighbours and known names.
fn tag(t: &[Token], i: usize, text: &str, names: &[Range<usize>], title: bool) -> Pos {
    let w = &t[i];
    let word = &text[w.span.clone()];
    let lower = w.lower.as_str();
    let first = word.chars().next().unwrap_or(' ');
    if !first.is_alphanumeric() {
        return if lower == "'s" { Pos::Poss } else { Pos::Punct };
    }
    if first.is_ascii_digit() || NUMBER_WORDS.contains(&lower) {
        return Pos::Num;
    }
    if names
        .iter()
        .any(|n| n.start <= w.span.start && w.span.end <= n.end)
    {
        return Pos::Name;
    }
    let prev = i.checked_sub(1).map(|p| &t[p]);
    let next = t.get(i + 1);
    if lower == "to" {
        return Pos::To;
    }
    // One look-up answers each closed-class question below.
    let class = lexicon::classes(lower);
    if class.negation() || (lower == "longer" && prev.is_some_and(|p| p.lower == "no")) {
        return Pos::Neg;
    }
    if lower == "no" && next.is_some_and(|n| n.lower == "longer") {
        return Pos::Neg;
    }
    if class.modal() {
        return Pos::Modal;
    }
    if aux_lemma(lower).is_some() && !matches!(lower, "get" | "gets" | "got" | "getting") {
        return Pos::Aux;
    }
    if lower == "that" {
        // "that" before a noun is a determiner; otherwise it opens a clause.
        return if next.is_some_and(|n| {
            matches!(&text[n.span.clone()].chars().next(), Some(c) if c.is_lowercase())
                && !ENGLISH.is_verb(&n.lemma)
                && !lexicon::classes(&n.lower).determiner()
                && !lexicon::classes(&n.lower).pronoun()
                && aux_lemma(&n.lower).is_none()
        }) {
            Pos::Det
        } else {
            Pos::Rel
        };
    }
    if class.relative() {
        return Pos::Rel;
    }
    if class.determiner() {
        return Pos::Det;
    }
    if class.pronoun() {
        return Pos::Pron;
    }
    if class.conjunction() {
        return Pos::Conj;
    }
    if class.preposition() {
        return Pos::Prep;
    }
    if class.subordinator() {
        return Pos::Sub;
    }
    if is_adverb(lower) {
        return Pos::Adv;
    }
    let capital = first.is_uppercase();
    let sentence_start = prev.is_none_or(|p| matches!(p.lower.as_str(), "\"" | "(" | ":" | "-"));
    // Title case: every word capitalised; then capitals say nothing.
    if capital && !sentence_start && !title {
        return Pos::Name;
    }
    if lower.contains('-') && w.inflection != Inflection::Plain {
        // "rebel-held", "U.S.-backed": a compound participle modifies a noun.
        return Pos::Adj;
    }
    let verb = ENGLISH.is_verb(&w.lemma);
    let after_det = prev.is_some_and(|p| matches!(p.pos, Pos::Det | Pos::Adj | Pos::Poss));
    match w.inflection {
        Inflection::Past | Inflection::Participle | Inflection::Gerund if verb || !after_det => {
            if after_det
                && next.is_some_and(|n| !matches!(n.pos, Pos::Det))
                && w.inflection != Inflection::Past
            {
                // "the captured town", "the following day"
                return Pos::Adj;
            }
            if w.inflection == Inflection::Gerund && !verb && !after_det {
                return Pos::Noun;
            }
            return Pos::Verb;
        }
        Inflection::Past | Inflection::Participle | Inflection::Gerund => return Pos::Adj,
        Inflection::Plain => {}
    }
    if verb {
        let plural_s = lower.ends_with('s') && lower != w.lemma;
        let prev_pos = prev.map(|p| p.pos);
        // The next word is not tagged yet: judge it by its word class.
        let next_starts_group = next.is_some_and(|n| {
            let l = n.lower.as_str();
            let word = text[n.span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            let class = lexicon::classes(l);
            word && !class.preposition()
                && !class.conjunction()
                && !class.relative()
                && !class.subordinator()
                && !class.modal()
                && !class.negation()
                && aux_lemma(l).is_none()
                && l != "to"
        });
        // "the rebels claim to hold X": a verb before "to" and another verb.
        let to_verb = next.is_some_and(|n| n.lower == "to")
            && t.get(i + 2)
                .is_some_and(|v| v.inflection == Inflection::Plain && ENGLISH.is_verb(&v.lemma));
        let verb_here = match prev_pos {
            // "the guards, a militia, say they": a verb after an aside's comma; "the army
            // denies the reports and says it": a second verb of one subject.
            Some(Pos::Punct | Pos::Conj) => {
                prev.is_some_and(|p| p.lower == "," || p.lower == "and")
                    && (next_starts_group || to_verb)
                    && matches!(
                        w.lemma.as_str(),
                        "say"
                            | "claim"
                            | "report"
                            | "announce"
                            | "state"
                            | "insist"
                            | "confirm"
                            | "deny"
                    )
            }
            Some(Pos::Pron | Pos::Modal | Pos::To | Pos::Neg | Pos::Rel | Pos::Adv) => true,
            Some(Pos::Aux) => {
                prev.is_some_and(|p| matches!(p.lower.as_str(), "do" | "does" | "did"))
            }
            // "the guards seize X", "forces and allies capture X"
            Some(Pos::Noun | Pos::Name) => {
                let plural =
                    plural_s || prev.is_some_and(|p| p.lower.ends_with('s') && p.lower != p.lemma);
                // "X, which the rebels hold.": the clause of an object relative ends on it.
                let relative_end = next.is_none_or(|n| matches!(n.lower.as_str(), "," | "." | ";"))
                    && (i.saturating_sub(4)..i.saturating_sub(1)).rev().any(|j| {
                        matches!(t[j].lower.as_str(), "which" | "that")
                            && (j + 1..i).all(|k| {
                                matches!(t[k].pos, Pos::Det | Pos::Adj | Pos::Noun | Pos::Name)
                            })
                    });
                ((next_starts_group || relative_end) && plural)
                    || (to_verb && (plural || prev.is_some_and(|p| p.pos == Pos::Name)))
            }
            None => !capital,
            _ => false,
        };
        if verb_here {
            return Pos::Verb;
        }
    }
    if capital && !sentence_start {
        return Pos::Name;
    }
    if is_adjective(lower) {
        return Pos::Adj;
    }
    Pos::Noun
}

/// Adjectives known by their ending ("responsible", "dangerous", "captive").
fn is_adjective(w: &str) -> bool {
    ["ible", "able", "ous", "ful", "less", "ive"]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
        || matches!(
            w,
            "guilty" | "hostage" | "accountable" | "liable" | "safe" | "intact"
        )
}

/// A headline: most words of the sentence capitalised.
fn title_case(t: &[Token], text: &str) -> bool {
    let words: Vec<&Token> = t
        .iter()
        .filter(|w| w.lower.len() > 3 && w.lower.chars().all(|c| c.is_alphabetic()))
        .collect();
    words.len() >= 3
        && words
            .iter()
            .filter(|w| text[w.span.clone()].starts_with(char::is_uppercase))
            .count()
            * 5
            >= words.len() * 4
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_past_tense_looks_back_and_a_present_or_perfect_does_not() {
        for past in [
            "the truce held",
            "the pause stopped the shelling",
            "the ceasefire was holding",
            "the accord had been respected",
            "the truce largely held for a week",
            "the ceasefire deal held",
        ] {
            assert!(told_in_past(past), "{past}");
        }
        for present in [
            "the truce is holding",
            "the truce holds",
            "the ceasefire has held",
            "the accord has been violated",
            "calm prevails",
            "the truce, which is holding",
            "the ceasefire deal is holding",
        ] {
            assert!(!told_in_past(present), "{present}");
        }
    }

    use super::*;

    fn parse(s: &str) -> Sentence {
        Sentence::parse(s, 0..s.len(), &[])
    }

    fn words(s: &Sentence, r: &Range<usize>) -> String {
        s.tokens[r.clone()]
            .iter()
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn voice_of_verb_groups() {
        let s = parse("The hill was overrun by the militia after the army had seized the bridge.");
        let g = s.verb_groups();
        assert_eq!(g.len(), 2);
        assert!(g[0].passive);
        assert_eq!(s.tokens[g[0].head].lemma, "overrun");
        assert!(!g[1].passive);
        assert_eq!(s.tokens[g[1].head].lemma, "seize");
        // A participle with "by" and no auxiliary: a reduced passive.
        let s = parse("Hamlets recently retaken by the guards lay empty.");
        assert!(s.verb_groups()[0].passive);
    }

    #[test]
    fn attempts_intents_and_negation() {
        for (text, mood) in [
            ("The militia is trying to retake the ridge.", Mood::Attempt),
            (
                "The guards launched an offensive to capture the port.",
                Mood::Attempt,
            ),
            ("The militia vowed to seize the port.", Mood::Intent),
            ("The port will be held by the guards.", Mood::Future),
            ("The militia managed to seize the port.", Mood::Fact),
            ("The militia claimed to have seized the port.", Mood::Fact),
        ] {
            let s = parse(text);
            let g = s.verb_groups();
            assert_eq!(g.last().unwrap().mood, mood, "{text}");
        }
        let s = parse("The militia has not captured the port.");
        assert!(s.verb_groups()[0].negated);
        let s = parse("The militia failed to capture the port.");
        assert!(s.verb_groups().last().unwrap().negated);
    }

    #[test]
    fn roles_around_a_verb() {
        let s = parse("The guards took the villages of Amber, Bolt and Cedar on Monday.");
        let g = s.verb_groups();
        assert_eq!(words(&s, &s.subject(&g, 0).unwrap()), "the guards");
        let o = s.object(&g[0], None).unwrap();
        assert_eq!(
            words(&s, &o.tokens),
            "the villages of amber , bolt and cedar"
        );
        let s = parse("The militia withdrew from Dunmore and Elk.");
        let g = s.verb_groups();
        let from = s.prep_object(g[0].head + 1, "from").unwrap();
        assert_eq!(from.items.len(), 2);
        // A relative pronoun stands for the group before it.
        let s = parse("They met the militia, which seized Dunmore.");
        let g = s.verb_groups();
        assert_eq!(words(&s, &s.subject(&g, 1).unwrap()), "the militia");
    }

    #[test]
    fn complements_and_shared_negation() {
        // An adjective after the object is its complement, not part of the noun group.
        let s = parse("The guards hold the mayor responsible.");
        let g = s.verb_groups();
        let o = s.object(&g[0], None).unwrap();
        assert_eq!(words(&s, &o.tokens), "the mayor");
        assert_eq!(s.tokens[o.tokens.end].pos, Pos::Adj);
        // A gerund after a negated verb is negated too.
        let s = parse("The militia did not admit losing the port.");
        assert!(s.verb_groups().last().unwrap().negated);
        let s = parse("The militia admitted losing the port.");
        assert!(!s.verb_groups().last().unwrap().negated);
    }

    #[test]
    fn adjectives_joined_before_one_head() {
        // One depot, not "the training" and "storage depot".
        let s = parse("They drove the guards out of the training and storage depot.");
        let g = s.verb_groups();
        let n = s.prep_object(g[0].head + 1, "out of").unwrap();
        assert_eq!(n.items.len(), 1);
        assert_eq!(words(&s, &n.tokens), "the training and storage depot");
        // Two heads are still two items.
        let s = parse("The militia withdrew from the towns and villages.");
        let g = s.verb_groups();
        let n = s.prep_object(g[0].head + 1, "from").unwrap();
        assert_eq!(n.items.len(), 2);
    }

    #[test]
    fn nouns_and_verbs_of_one_spelling() {
        let s = parse("The guards still control the port.");
        assert_eq!(s.tokens[3].pos, Pos::Verb);
        let s = parse("They lost control of the port.");
        assert_eq!(s.tokens[2].pos, Pos::Noun);
    }
}
