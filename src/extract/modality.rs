//! English cues for how a claim is put. Language-level, so they live in code, not in rules.
//! They only read the sentence or words around a claim already found, so they are gated
//! regexes (no prefilters, see [`crate::gated`]).

use crate::annotate::{Mention, MentionClass};
use crate::claims::Attribution;
use crate::gated::GatedRegex;
use std::ops::Range;
use std::sync::LazyLock;

/// "may" only in lower case: "May" is far more often the month ("killed on 18 May").
static HEDGE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i:\b(?:reportedly|allegedly|apparently|purportedly|possibly|perhaps|presumably|seems?|seemed|appears?|appeared|claims?|claimed|might|could|likely|unconfirmed|rumou?red|said to be|believed to|thought to)\b)|\bmay\b",
    )
});

static NEGATION: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:not|no|never|none|neither|nor|without|denied|denies|deny|n't|no longer|failed to)\b|n't\b",
    )
});

static FUTURE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:will|shall|'ll|going to|set to|scheduled to|due to|expected to|plans? to|planned|intends? to|is to|are to)\b",
    )
});

static CONDITIONAL: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:if|unless|in case|provided that|whether)\b"));

/// Running totals: "so far", "to date", "since the start", "since the offensive began",
/// "since fighting broke out", "after 40 days of war", "as of Wednesday night".
static CUMULATIVE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:so far|to date|in total|in all|overall|altogether|as of|since the (?:start|beginning|outbreak)|since (?:(?:the|its|their|a) )?(?:\w+ ){1,3}(?:began|started|erupted|broke out)|after (?:\d+|\w+) (?:days|weeks|months) of)\b",
    )
    .from_prefixes()
});

/// A toll said to stand at, or to have risen to, its figure: "the overall toll", "the death
/// toll has risen to", "the death toll, by X's count, is" right before the figure. A toll
/// forecast to climb further is not a count so far.
static TOLL: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:(?:total|cumulative|national|official) (?:death |casualty )?toll|(?:death|casualty) toll\b(?:[^.;:]{0,100}\s)?(?:(?:is|stands|stood|was)(?: now)?(?: at)?\s*$|(?:has|had) (?:risen|climbed|jumped|reached|surpassed|exceeded)|(?:rose|climbed|jumped|reached|surpassed|exceeded)))",
    )
    .from_prefixes()
});

/// "Now" as a word: a count said to stand now.
static NOW: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\bnow\b").from_prefixes());

/// The count's own verb in the present perfect right after it: "people have died", "have now
/// been killed".
static PERFECT_AFTER: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(r"(?i)^\s*(?:[\w'-]+\s+){0,2}?(?:have|has)\s+(?:now\s+)?(?:been\s+)?\w+")
});

/// An incident named after the verb: "in the strike", "during an attack", "in Tuesday's blast".
static INCIDENT: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:in|during|by|from) (?:the|a|an|this|that|[\w-]+'s) (?:[\w-]+ ){0,2}?(?:strike|airstrike|attack|raid|blast|explosion|bombing|shelling|crash|ambush|collapse|stampede|fire|shooting|massacre|incident)s?\b",
    )
    .from_prefixes()
});

const SAY: &str = r"said|says|say|told|tells|reported|announced|announces|stated|states|claimed|claims|added|adds|noted|notes|estimated|estimates|warned|warns|confirmed|confirms|alleged|insisted|tweeted|wrote|documented|documents";

static ACCORDING_TO: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\baccording to (?:the |a |an )?(?P<src>[^,;:]{2,80}?)(?:,|;|:|\.\s|\.$|$| that )",
    )
    .from_prefixes()
});

static SAID: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(&format!(r"(?i)\b(?:{SAY})\b")));

/// Verbs and nouns of a report: a date beside one says when the report was made.
static REPORTED: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(&format!(
        r"(?i)\b(?:{SAY}|admitted|admits|acknowledged|acknowledges|declared|declares|statement|announcement)\b"
    ))
});

/// Most words between a reporting verb and the date that follows it ("said Tuesday", "reported
/// late on Wednesday").
const REPORT_DATE_WORDS: usize = 2;

/// Whether the date at `time` says when the claim at `trigger` was reported rather than when
/// it happened: the date sits before a reporting verb that comes before the claim ("On
/// Saturday, the office admitted that its forces had left"), or right after a reporting verb
/// whose complement follows ("said Tuesday it had captured", "took the base, the agency
/// reported Wednesday"). A date in the claim's own clause is the event's: "captured the town
/// on Monday, the army said", "said that on Monday its forces captured the town".
pub fn report_time(
    text: &str,
    sentence: &Range<usize>,
    time: &Range<usize>,
    trigger: &Range<usize>,
) -> bool {
    let words = |a: usize, b: usize| {
        text.get(a..b)
            .map_or(usize::MAX, |t| t.split_whitespace().count())
    };
    let that = |a: usize, b: usize| {
        text.get(a..b)
            .is_some_and(|t| t.split_whitespace().any(|w| w.eq_ignore_ascii_case("that")))
    };
    let Some(s) = text.get(sentence.clone()) else {
        return false;
    };
    REPORTED.find_iter(s).any(|m| {
        let v = sentence.start + m.start..sentence.start + m.end;
        if v.start < trigger.end && trigger.start < v.end {
            return false;
        }
        let before = time.end <= v.start && v.end <= trigger.start;
        let after_verb = v.end <= time.start
            && words(v.end, time.start) <= REPORT_DATE_WORDS
            && !that(v.end, time.start)
            && (time.end <= trigger.start || trigger.end <= v.start);
        before || after_verb
    })
}

/// Whether `re` matches in `text[range]`.
fn has(re: &GatedRegex, text: &str, range: Range<usize>) -> bool {
    text.get(range).is_some_and(|t| re.is_match(t))
}

pub fn hedged(text: &str, sentence: &Range<usize>) -> bool {
    has(&HEDGE, text, sentence.clone())
}

/// A negation in the few words before the trigger, or inside it.
pub fn negated(text: &str, sentence: &Range<usize>, trigger: &Range<usize>) -> bool {
    let start = words_back(text, sentence.start, trigger.start, 3);
    has(&NEGATION, text, start..trigger.end)
}

/// A negation in the few words before the trigger (same clause), not inside it: "failed to
/// hold" is a status word of its own, "has not collapsed" a negated one. Kept small and
/// local until the clause layer gives the scope of negation.
pub fn negated_before(text: &str, sentence: &Range<usize>, trigger: &Range<usize>) -> bool {
    let start = words_back(text, sentence.start, trigger.start, 3);
    has(&NEGATION, text, start..trigger.start)
}

/// Future wording in the words before the trigger (same clause), or inside it.
pub fn planned(text: &str, sentence: &Range<usize>, trigger: &Range<usize>) -> bool {
    let start = words_back(text, sentence.start, trigger.start, 4);
    let Some(t) = text.get(start..trigger.end) else {
        return false;
    };
    // "due to begin" is a plan; "due to the other side's violations", "due to the shelling" a
    // cause. "Is to release" is a plan; "is to the north", "is to blame" are not.
    FUTURE.find_iter(t).any(|m| {
        let word = t[m.clone()].to_ascii_lowercase();
        if !matches!(word.as_str(), "due to" | "is to" | "are to") {
            return true;
        }
        // A plan goes on with a verb ("due to begin", "due to release"); a cause with a
        // noun phrase.
        let next = text[start + m.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric());
        let lex = &crate::clause::lexicon::ENGLISH;
        !next.starts_with(char::is_uppercase)
            && next != "blame"
            && lex.is_verb(next)
            && lex.lemma(next).0 == next
    })
}

/// An "if" or "unless" before the trigger in its sentence.
pub fn conditional(text: &str, sentence: &Range<usize>, trigger: &Range<usize>) -> bool {
    has(&CONDITIONAL, text, sentence.start..trigger.start)
}

/// A count of the rest ("25 were killed elsewhere", "in other provinces"): a part whose
/// whole the sentence does not name, never compared with a total. Searched in the count's
/// own words (between the numbers before and after it).
static REMAINDER: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:elsewhere|in other (?:\w+ )?(?:provinces|regions|areas|parts|cities|towns|states|districts|villages|governorates|countries|neighbou?rhoods))\b",
    )
    .from_prefixes()
});

pub fn remainder(text: &str, sentence: &Range<usize>) -> bool {
    has(&REMAINDER, text, sentence.clone())
}

pub fn cumulative(text: &str, sentence: &Range<usize>) -> bool {
    has(&CUMULATIVE, text, sentence.clone())
}

/// A toll phrase in the words before a count, within its own clause (`TOLL`).
pub fn toll(text: &str, before: Range<usize>) -> bool {
    has(&TOLL, text, before)
}

/// A count said to stand now, in the present perfect: "officials now say 412 people have
/// died", "412 people have now died". What has happened up to now is a running total, unless
/// the words name one incident ("have now been killed in the strike"): that is the
/// incident's toll, not the story's. `before` and `after` are the count's own words on
/// either side of it.
pub fn toll_now(text: &str, before: Range<usize>, after: Range<usize>) -> bool {
    let Some(rest) = text.get(after.clone()) else {
        return false;
    };
    let Some(verb) = PERFECT_AFTER.find(rest) else {
        return false;
    };
    (has(&NOW, text, before) || NOW.is_match(&rest[verb])) && !has(&INCIDENT, text, after)
}

/// A verb in the perfect: "have been freed", "had released", "has already handed over".
/// "has agreed to release" is a plan, not a release: a perfect followed by "to" is left out.
static PERFECT: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\b(?:has|have|had)\s+(?:(?:now|already|just)\s+)?(?:been\s+)?[a-z]+(?:ed|en)\b",
    )
    .from_prefixes()
});

/// Whether the count's own clause tells it in the perfect (`PERFECT`): what has happened by
/// the time of the report, so the report's day is its day when the words give none.
pub fn perfect(text: &str, clause: Range<usize>) -> bool {
    let Some(words) = text.get(clause) else {
        return false;
    };
    PERFECT.find_iter(words).any(|m| {
        !words[m.end..]
            .trim_start()
            .to_lowercase()
            .starts_with("to ")
    })
}

/// Whether the two words before `pos` (within `floor..pos`) make the count a rate: "every
/// 10 hostages", "for every additional ten", "each 5 trucks".
pub fn rate(text: &str, floor: usize, pos: usize) -> bool {
    text.get(floor..pos).is_some_and(|t| {
        t.split_whitespace()
            .rev()
            .take(2)
            .any(|w| ["every", "each"].contains(&w.to_lowercase().as_str()))
    })
}

/// Start of the `n` words before `pos`, not crossing `floor`, across clause breaks.
pub fn words_back_any(text: &str, floor: usize, pos: usize, n: usize) -> usize {
    text[floor..pos]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(n)
        .map_or(floor, |(i, _)| floor + i + 1)
}

/// Start of the `n` words before `pos`, not crossing `floor` or a clause break.
pub fn words_back(text: &str, floor: usize, pos: usize, n: usize) -> usize {
    let before = &text[floor..pos];
    let mut start = pos;
    let mut seen = 0;
    for (i, c) in before.char_indices().rev() {
        if matches!(c, ',' | ';' | ':' | '(' | ')') {
            break;
        }
        if c.is_whitespace() {
            seen += 1;
            if seen > n {
                break;
            }
        }
        start = floor + i;
    }
    start
}

/// Who the sentence attributes its content to: "according to X", "X said", "said X".
pub fn attribution(
    text: &str,
    sentence: &Range<usize>,
    mentions: &[Mention],
) -> Option<Attribution> {
    let s = &text[sentence.clone()];
    let actor_in = |r: Range<usize>| {
        mentions
            .iter()
            .filter(|m| {
                m.class == MentionClass::Actor && r.start <= m.span.start && m.span.start < r.end
            })
            .max_by_key(|m| m.span.len())
            .map(|m| m.entity.clone())
    };
    if let Some(c) = ACCORDING_TO.captures(s) {
        let src = c.name("src")?;
        let range = sentence.start + src.start()..sentence.start + src.end();
        return Some(Attribution {
            text: src.as_str().trim().to_string(),
            entity: actor_in(range),
        });
    }
    for m in SAID.find_iter(s) {
        let abs = sentence.start + m.start..sentence.start + m.end;
        // "X said": the nearest actor mention ending just before the verb, else the words.
        if let Some(actor) = mentions
            .iter()
            .filter(|x| {
                x.class == MentionClass::Actor
                    && x.span.end <= abs.start
                    && x.span.start >= sentence.start
            })
            .filter(|x| abs.start - x.span.end <= 40)
            .max_by_key(|x| x.span.end)
        {
            let from = phrase_start(text, sentence.start, actor.span.start);
            return Some(Attribution {
                text: text[from..abs.start].trim().to_string(),
                entity: Some(actor.entity.clone()),
            });
        }
        // "..., said Dara Vell" / "X told the Courier": a capitalised name after or before.
        let after = &text[abs.end..sentence.end];
        let name: String = after
            .split_whitespace()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let before_start = words_back(text, sentence.start, abs.start, 4);
        let before = text[before_start..abs.start].trim();
        // "was announced", "had said": a passive or perfect names no speaker here.
        let auxiliary = before.rsplit(' ').next().is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "was" | "were" | "is" | "are" | "be" | "been" | "being" | "has" | "have" | "had"
            )
        });
        if auxiliary {
            continue;
        }
        if !before.is_empty()
            && !before.ends_with(['"', '\''])
            && before.split_whitespace().any(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || w.eq_ignore_ascii_case("reports")
            })
        {
            return Some(Attribution {
                text: before.trim_start_matches(['"', '\'']).to_string(),
                entity: actor_in(before_start..abs.start),
            });
        }
        if !name.is_empty() {
            let name = name.trim_end_matches([',', '.']).to_string();
            return Some(Attribution {
                text: name,
                entity: actor_in(abs.end..sentence.end),
            });
        }
    }
    None
}

/// Extend a source back over its title words: "Karskian Foreign Minister Anton Vell".
fn phrase_start(text: &str, floor: usize, start: usize) -> usize {
    let mut s = start;
    for w in text[floor..start].split_inclusive(' ').rev() {
        let t = w.trim();
        if t.chars().next().is_some_and(char::is_uppercase) && !t.ends_with([',', '.', '"']) {
            s -= w.len();
        } else {
            break;
        }
    }
    s
}

/// Compile this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    for re in [
        &HEDGE,
        &NEGATION,
        &FUTURE,
        &CONDITIONAL,
        &CUMULATIVE,
        &REMAINDER,
        &ACCORDING_TO,
        &SAID,
    ] {
        LazyLock::force(re);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> Range<usize> {
        0..s.len()
    }

    #[test]
    fn a_count_told_in_the_perfect_is_news_of_its_report() {
        for yes in [
            "The rebels said they had released 20 hostages.",
            "Twelve captives have been freed at the crossing.",
            "The militia has already handed over nine detainees.",
        ] {
            assert!(perfect(yes, whole(yes)), "{yes}");
        }
        for no in [
            "The rebels freed 20 hostages.",
            "The rebels have agreed to release 50 hostages.",
            "The rebels have two hundred captives.",
            "Twelve captives will be freed.",
        ] {
            assert!(!perfect(no, whole(no)), "{no}");
        }
    }

    #[test]
    fn every_or_each_before_a_number_makes_a_rate() {
        for (text, number) in [
            ("a day for every 10 hostages freed", "10"),
            ("for every additional ten hostages", "ten"),
            ("30 prisoners for each 10 hostages", "10 hostages"),
        ] {
            let at = text.find(number).unwrap();
            assert!(rate(text, 0, at), "{text}");
        }
        for (text, number) in [
            ("every day the rebels freed 10 hostages", "10"),
            ("another 11 hostages were freed", "11"),
            ("an additional 10 detainees walked free", "10"),
        ] {
            let at = text.find(number).unwrap();
            assert!(!rate(text, 0, at), "{text}");
        }
    }

    /// `toll_now` for the count `count` of `s`, its own words being the whole sentence.
    fn now(s: &str, count: &str) -> bool {
        let i = s.find(count).expect("in sentence");
        toll_now(s, 0..i, i + count.len()..s.len())
    }

    #[test]
    fn a_count_said_to_stand_now_is_a_running_total() {
        assert!(now(
            "Officials now say at least 412 people have died, the agency said.",
            "at least 412 people"
        ));
        assert!(now(
            "At least 412 people have now died across the valley.",
            "At least 412 people"
        ));
        // No "now": a present perfect alone may be one incident's toll.
        assert!(!now(
            "At least 412 people have died across the valley.",
            "At least 412 people"
        ));
        // "Now" with a past tense is not a count that stands.
        assert!(!now(
            "Officials now say 412 people died on Friday.",
            "412 people"
        ));
        // An incident named after the verb: that incident's toll, not the story's.
        assert!(!now(
            "Twelve people have now been killed in the strike on the Varn depot.",
            "Twelve people"
        ));
        assert!(!now(
            "Nine guards have now died in Sunday's blast.",
            "Nine guards"
        ));
    }

    #[test]
    fn a_toll_risen_to_its_figure_may_name_a_long_cause_first() {
        let s = "The death toll from the cyclone that battered the coast overnight and flooded its towns has risen to 300.";
        let i = s.find("300").expect("in sentence");
        assert!(toll(s, 0..i));
        // Past the next sentence mark the toll is another clause's.
        let s = "The death toll was high. Later 300 soldiers had risen to the ranks.";
        let i = s.find("300").expect("in sentence");
        assert!(!toll(s, 0..i));
    }

    /// `report_time` for the first occurrence of `date` and `trigger` in `s`.
    fn reported(s: &str, date: &str, trigger: &str) -> bool {
        let at = |w: &str| {
            let i = s.find(w).expect("in sentence");
            i..i + w.len()
        };
        report_time(s, &whole(s), &at(date), &at(trigger))
    }

    #[test]
    fn a_date_beside_a_reporting_verb_dates_the_report() {
        assert!(reported(
            "The ministry said Tuesday it had taken Varn.",
            "Tuesday",
            "taken"
        ));
        assert!(reported(
            "On Sunday, the office admitted that its units had left Varn.",
            "Sunday",
            "left"
        ));
        assert!(reported(
            "Troops took the depot at Varn, the agency reported Wednesday.",
            "Wednesday",
            "took"
        ));
        assert!(reported(
            "A spokesman on Friday told reporters the rebels had seized Varn.",
            "Friday",
            "seized"
        ));
    }

    #[test]
    fn a_date_in_the_claims_own_clause_dates_the_event() {
        assert!(!reported(
            "Troops took Varn on Monday, the ministry said.",
            "Monday",
            "took"
        ));
        assert!(!reported(
            "The ministry said that on Monday its troops took Varn.",
            "Monday",
            "took"
        ));
        assert!(!reported(
            "Rebels on Monday captured Varn.",
            "Monday",
            "captured"
        ));
        assert!(!reported(
            "The ministry said its troops took Varn on Monday.",
            "Monday",
            "took"
        ));
    }

    #[test]
    fn hedges_negation_future_conditional() {
        let s = "The accord seems to be holding.";
        assert!(hedged(s, &whole(s)));
        let s = "The accord is holding.";
        assert!(!hedged(s, &whole(s)));
        let month = "Five soldiers were killed on 18 May 2020.";
        assert!(!hedged(month, &whole(month)), "the month is not a hedge");
        let hedge = "Five soldiers may have been killed.";
        assert!(hedged(hedge, &whole(hedge)));
        let s = "No soldiers were killed.";
        assert!(negated(
            s,
            &whole(s),
            &(s.find("killed").unwrap()..s.len() - 1)
        ));
        let s = "The accord appears to be holding.";
        let t = s.find("holding").unwrap();
        assert!(
            !planned(s, &whole(s), &(t..t + 7)),
            "'to be' is not the future"
        );
        let s = "The highway will be controlled by Marrowvale.";
        let t = s.find("controlled").unwrap();
        assert!(planned(s, &whole(s), &(t..t + 10)));
        // "Is to" with a verb is a plan; with "blame" or a place it is not.
        let at = |s: &str, w: &str| {
            let t = s.find(w).unwrap();
            planned(s, &whole(s), &(t..t + w.len()))
        };
        assert!(at(
            "Under the deal the militia is to release 40 captives.",
            "release"
        ));
        assert!(at("Forty captives are to be freed on Friday.", "freed"));
        assert!(!at("The militia is to blame.", "blame"));
        assert!(!at("The depot is to the north.", "north"));
        let s = "Karsk said that if the accord is violated, it would respond.";
        let t = s.find("violated").unwrap();
        assert!(conditional(s, &whole(s), &(t..t + 8)));
        let s = "The accord was violated.";
        let t = s.find("violated").unwrap();
        assert!(!conditional(s, &whole(s), &(t..t + 8)));
    }

    #[test]
    fn attributions() {
        let s = "According to the U.N, about 350,000 civilians have fled.";
        assert_eq!(attribution(s, &whole(s), &[]).unwrap().text, "U.N");
        let s = "\"We will stay,\" said Sadradeen Kinno, a researcher.";
        assert_eq!(
            attribution(s, &whole(s), &[]).unwrap().text,
            "Sadradeen Kinno"
        );
        let s = "Local news reports said at least 28 troops were killed.";
        assert_eq!(
            attribution(s, &whole(s), &[]).unwrap().text,
            "Local news reports"
        );
        assert_eq!(attribution("The army took the town.", &(0..23), &[]), None);
    }
}
