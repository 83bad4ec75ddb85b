//! English word knowledge for the clause layer: lemmas of inflected verbs and nouns (an
//! irregular-verb table plus suffix rules) and the closed word classes. No model, no data
//! files: what English needs fits in this file, and domain words stay in `rules/`.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::LazyLock;

/// Irregular verbs: lemma, past, past participle(s).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was were", "been"),
    ("have", "had", "had"),
    ("do", "did", "done"),
    ("take", "took", "taken"),
    ("retake", "retook", "retaken"),
    ("overtake", "overtook", "overtaken"),
    ("fall", "fell", "fallen"),
    ("hold", "held", "held"),
    ("withhold", "withheld", "withheld"),
    ("run", "ran", "run"),
    ("overrun", "overran", "overrun"),
    ("leave", "left", "left"),
    ("lose", "lost", "lost"),
    ("flee", "fled", "fled"),
    ("withdraw", "withdrew", "withdrawn"),
    ("draw", "drew", "drawn"),
    ("win", "won", "won"),
    ("give", "gave", "given"),
    ("get", "got", "got gotten"),
    ("go", "went", "gone"),
    ("come", "came", "come"),
    ("keep", "kept", "kept"),
    ("drive", "drove", "driven"),
    ("beat", "beat", "beaten"),
    ("say", "said", "said"),
    ("tell", "told", "told"),
    ("make", "made", "made"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("fight", "fought", "fought"),
    ("shoot", "shot", "shot"),
    ("hit", "hit", "hit"),
    ("put", "put", "put"),
    ("set", "set", "set"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("buy", "bought", "bought"),
    ("find", "found", "found"),
    ("know", "knew", "known"),
    ("lead", "led", "led"),
    ("meet", "met", "met"),
    ("send", "sent", "sent"),
    ("speak", "spoke", "spoken"),
    ("think", "thought", "thought"),
    ("write", "wrote", "written"),
    ("rise", "rose", "risen"),
    ("strike", "struck", "struck stricken"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("become", "became", "become"),
    ("eat", "ate", "eaten"),
    ("forsake", "forsook", "forsaken"),
    ("hand", "handed", "handed"),
];

/// Regular verbs the suffix rules must recognise as lemmas: which of "seiz"/"seize" is the
/// verb is only known from a list. Frame verbs are added by [`Lexicon::with`].
const VERBS: &[&str] = &[
    "abandon",
    "accuse",
    "acknowledge",
    "add",
    "admit",
    "advance",
    "agree",
    "aim",
    "allow",
    "announce",
    "appear",
    "arrive",
    "ask",
    "assume",
    "attack",
    "attempt",
    "battle",
    "besiege",
    "bomb",
    "call",
    "capture",
    "cease",
    "cede",
    "chase",
    "claim",
    "clash",
    "close",
    "confirm",
    "conquer",
    "continue",
    "control",
    "counter",
    "deny",
    "declare",
    "defeat",
    "demand",
    "defend",
    "deploy",
    "destroy",
    "encircle",
    "end",
    "enter",
    "evacuate",
    "expect",
    "fail",
    "force",
    "free",
    "gain",
    "govern",
    "hope",
    "intend",
    "kill",
    "launch",
    "liberate",
    "manage",
    "move",
    "need",
    "note",
    "occupy",
    "order",
    "plan",
    "post",
    "prepare",
    "press",
    "push",
    "pull",
    "reach",
    "reclaim",
    "recapture",
    "regain",
    "reject",
    "release",
    "remain",
    "report",
    "repel",
    "retain",
    "retreat",
    "return",
    "rule",
    "secure",
    "seem",
    "seize",
    "state",
    "storm",
    "surrender",
    "surround",
    "threaten",
    "try",
    "tweet",
    "use",
    "vacate",
    "vow",
    "want",
    "wrest",
    "maintain",
    "relinquish",
    "recover",
    "establish",
    "cross",
    "start",
    "stop",
    "suffer",
    "kidnap",
    "overrun",
    "wound",
    "displace",
    "expel",
    "oust",
    "evict",
    "dislodge",
    "kick",
    "rout",
    "flush",
];

/// Words of closed classes, by class.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "some", "several", "many", "all", "both", "each", "every", "most", "any", "few",
    "other", "another", "much", "more", "no",
];
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "by",
    "from",
    "to",
    "into",
    "onto",
    "over",
    "under",
    "with",
    "without",
    "for",
    "after",
    "before",
    "during",
    "since",
    "near",
    "around",
    "across",
    "along",
    "against",
    "toward",
    "towards",
    "through",
    "within",
    "between",
    "behind",
    "amid",
    "among",
    "outside",
    "inside",
    "until",
    "despite",
    "following",
    "via",
    "per",
    "beyond",
    "about",
    "off",
    "out",
    "up",
    "down",
    "alongside",
    "ahead",
    "including",
];
const PRONOUNS: &[&str] = &[
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "them",
    "him",
    "us",
    "me",
    "ours",
    "theirs",
    "itself",
    "themselves",
];
const RELATIVES: &[&str] = &["which", "who", "that", "whom", "whose", "where", "when"];
const CONJUNCTIONS: &[&str] = &["and", "or", "but", "nor"];
/// Words that open a subordinate clause: a verb after one does not take the words before
/// it as its subject.
const SUBORDINATORS: &[&str] = &[
    "as", "while", "because", "although", "though", "if", "unless", "whether", "once", "after",
    "before", "since", "until", "when", "whereas",
];
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must",
];
const NEGATIONS: &[&str] = &["not", "n't", "never", "no longer"];

/// What the lexicon knows, built once.
pub(crate) struct Lexicon {
    /// Inflected form → lemma, for irregular verbs.
    irregular: HashMap<&'static str, &'static str>,
    /// Past participles of irregular verbs.
    participles: HashMap<&'static str, &'static str>,
    verbs: HashSet<String>,
}

pub(crate) static ENGLISH: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::with(&[]));

impl Lexicon {
    /// The built-in lexicon with `extra` verb lemmas (a frame's verbs) known too.
    pub(crate) fn with(extra: &[&str]) -> Lexicon {
        let mut irregular = HashMap::new();
        let mut participles = HashMap::new();
        for &(lemma, past, pp) in IRREGULAR {
            for f in past.split(' ') {
                irregular.insert(f, lemma);
            }
            for f in pp.split(' ') {
                irregular.insert(f, lemma);
                participles.insert(f, lemma);
            }
        }
        let verbs = VERBS
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .chain(IRREGULAR.iter().map(|i| i.0.to_string()))
            .collect();
        Lexicon {
            irregular,
            participles,
            verbs,
        }
    }

    pub(crate) fn is_verb(&self, lemma: &str) -> bool {
        self.verbs.contains(lemma)
    }

    /// The lemma of a lower-case word and whether it is a past participle or past form
    /// (`-ed`, or an irregular one): "seized" → ("seize", true), "towns" → ("town", false).
    pub(crate) fn lemma(&self, word: &str) -> (String, Inflection) {
        if let Some(l) = self.irregular.get(word) {
            let infl = if self.participles.contains_key(word) {
                Inflection::Participle
            } else {
                Inflection::Past
            };
            return (l.to_string(), infl);
        }
        if let Some(l) = word.strip_suffix("ies").filter(|s| s.len() > 1) {
            return (format!("{l}y"), Inflection::Plain);
        }
        if let Some(stem) = word.strip_suffix("ied").filter(|s| s.len() > 1) {
            return (format!("{stem}y"), Inflection::Participle);
        }
        for (suffix, infl) in [("ed", Inflection::Participle), ("ing", Inflection::Gerund)] {
            if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() > 1) {
                return (self.stem_lemma(stem), infl);
            }
        }
        if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
            let stem = &word[..word.len() - 1];
            if self.is_verb(stem) || !stem.ends_with('e') {
                return (stem.to_string(), Inflection::Plain);
            }
            let shorter = &word[..word.len() - 2];
            if self.is_verb(shorter) || stem.ends_with("ches") || stem.ends_with("shes") {
                return (shorter.to_string(), Inflection::Plain);
            }
            return (stem.to_string(), Inflection::Plain);
        }
        (word.to_string(), Inflection::Plain)
    }

    /// "seiz" → "seize", "controll" → "control", "kill" → "kill": the known verb among the
    /// stem, the stem with `e`, and the stem undoubled; else the most likely spelling.
    fn stem_lemma(&self, stem: &str) -> String {
        let with_e = format!("{stem}e");
        let b = stem.as_bytes();
        let undoubled = (b.len() > 2 && b[b.len() - 1] == b[b.len() - 2])
            .then(|| stem[..stem.len() - 1].to_string());
        for c in [
            Some(stem.to_string()),
            Some(with_e.clone()),
            undoubled.clone(),
        ]
        .into_iter()
        .flatten()
        {
            if self.is_verb(&c) {
                return c;
            }
        }
        match undoubled {
            Some(u) if !stem.ends_with("ll") && !stem.ends_with("ss") => u,
            _ => stem.to_string(),
        }
    }
}

/// How a word form is inflected, as far as the clause layer needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    Plain,
    /// "took": a finite past form that is not also a participle.
    Past,
    /// "seized", "taken": a past form that can follow "be" (passive) or "have".
    Participle,
    /// "seizing".
    Gerund,
}

/// Every form of a verb lemma a text may hold, for finding the sentences worth parsing:
/// "seize" → seize, seizes, seized, seizing (more than exist is harmless).
pub fn forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    for &(l, past, pp) in IRREGULAR {
        if l == lemma {
            out.extend(past.split(' ').map(str::to_string));
            out.extend(pp.split(' ').map(str::to_string));
        }
    }
    let stem = lemma.strip_suffix('e').unwrap_or(lemma);
    if let Some(y) = lemma.strip_suffix('y') {
        out.push(format!("{y}ies"));
        out.push(format!("{y}ied"));
    }
    out.push(format!("{lemma}s"));
    out.push(format!("{lemma}es"));
    out.push(format!("{stem}ed"));
    out.push(format!("{stem}ing"));
    if let Some(last) = lemma.chars().last().filter(|c| c.is_ascii_alphabetic()) {
        out.push(format!("{lemma}{last}ed"));
        out.push(format!("{lemma}{last}ing"));
    }
    out.sort();
    out.dedup();
    out
}

/// The closed classes a word belongs to, as bits of [`CLASS`]: one hash look-up a word
/// instead of a scan of each list.
static CLASSES: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8> = HashMap::new();
    for (bit, list) in [
        DETERMINERS,
        PREPOSITIONS,
        PRONOUNS,
        RELATIVES,
        CONJUNCTIONS,
        SUBORDINATORS,
        MODALS,
        NEGATIONS,
    ]
    .iter()
    .enumerate()
    {
        for w in *list {
            *m.entry(w).or_insert(0) |= 1 << bit;
        }
    }
    m
});

fn class(w: &str, bit: u8) -> bool {
    classes(w).has(bit)
}

/// The closed classes `w` belongs to, from one look-up: for a caller that asks of one word
/// several `is_*` questions in turn.
pub(crate) fn classes(w: &str) -> Classes {
    Classes(CLASSES.get(w).copied().unwrap_or(0))
}

/// The closed classes of one word (see [`classes`]); each method answers as the `is_*`
/// function of the same name does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Classes(u8);

impl Classes {
    fn has(self, bit: u8) -> bool {
        self.0 & (1 << bit) != 0
    }
    pub(crate) fn determiner(self) -> bool {
        self.has(0)
    }
    pub(crate) fn preposition(self) -> bool {
        self.has(1)
    }
    pub(crate) fn pronoun(self) -> bool {
        self.has(2)
    }
    pub(crate) fn relative(self) -> bool {
        self.has(3)
    }
    pub(crate) fn conjunction(self) -> bool {
        self.has(4)
    }
    pub(crate) fn subordinator(self) -> bool {
        self.has(5)
    }
    pub(crate) fn modal(self) -> bool {
        self.has(6)
    }
    pub(crate) fn negation(self) -> bool {
        self.has(7)
    }
}

pub(crate) fn is_determiner(w: &str) -> bool {
    class(w, 0)
}
pub(crate) fn is_pronoun(w: &str) -> bool {
    class(w, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_of_regular_and_irregular_forms() {
        let lx = Lexicon::with(&[]);
        for (form, lemma) in [
            ("seized", "seize"),
            ("seizing", "seize"),
            ("seizes", "seize"),
            ("captured", "capture"),
            ("controlled", "control"),
            ("controlling", "control"),
            ("took", "take"),
            ("taken", "take"),
            ("fell", "fall"),
            ("withdrew", "withdraw"),
            ("fled", "flee"),
            ("occupied", "occupy"),
            ("villages", "village"),
            ("towns", "town"),
            ("stopped", "stop"),
            ("killed", "kill"),
        ] {
            assert_eq!(lx.lemma(form).0, lemma, "{form}");
        }
        assert_eq!(lx.lemma("taken").1, Inflection::Participle);
        assert_eq!(lx.lemma("took").1, Inflection::Past);
    }

    #[test]
    fn forms_cover_the_inflections() {
        let f = forms("seize");
        for w in ["seize", "seizes", "seized", "seizing"] {
            assert!(f.contains(&w.to_string()), "{w}");
        }
        assert!(forms("control").contains(&"controlled".to_string()));
        assert!(forms("take").contains(&"took".to_string()));
    }
}
