//! Count claims: a quantity, the group it counts, and the measure a nearby trigger names.

use super::{Context, cover, modality};
use crate::annotate::MentionClass;
use crate::claims::{Claim, ClaimKind};
use crate::gated::GatedRegex;
use crate::rules::frames::Frames;
use crate::rules::memo::Memo;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that end the noun phrase after a number.
static NP_STOP: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)^(?:and|or|but|were|was|are|is|have|has|had|be|been|in|on|at|from|to|who|that|which|since|by|with|including|after|before|during|for|as|into|near|across|while|when|of|mostly|many|since|this|these|those|there|their|its|had|will|would|could|per)$",
    )
});

/// Most words in the noun phrase after a number.
const NP_MAX_WORDS: usize = 6;

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let frames = &ctx.rules.frames;
    // Each frame's triggers in the sentence of the last quantity: a sentence often holds
    // several quantities, and each would search it again.
    let mut searched: Option<Range<usize>> = None;
    let mut triggers: Vec<Vec<Range<usize>>> = Vec::new();
    for q in &ctx.ann.quantities {
        // Proportions ("half of them") and zero are not counts of people or things.
        if q.value < 1.0 {
            continue;
        }
        let Some(sentence) = ctx.sentence_of(q.span.start) else {
            continue;
        };
        let np = noun_phrase(text, q.number_span.end, sentence.end);
        let np_text = &text[np.clone()];
        let np_words: Vec<(usize, &str)> = words(np_text).map(|(i, w)| (np.start + i, w)).collect();

        // The subject: the last head noun of a known group in the phrase.
        let subject = np_words
            .iter()
            .rev()
            .find_map(|(at, w)| subject_of(frames, w).map(|i| (frames.subjects[i].0.clone(), *at)));
        let Some((subject, _)) = subject else {
            continue;
        };

        // The measure: the nearest trigger, inside the phrase or within the frame's distance.
        let number_and_np = cover(&q.span, &np);
        let mut best: Option<(usize, Range<usize>, &crate::rules::frames::CountFrame)> = None;
        if searched.as_ref() != Some(&sentence) {
            triggers = frames
                .counts
                .iter()
                .map(|frame| {
                    frame
                        .trigger
                        .find_iter(&text[sentence.clone()])
                        .map(|m| sentence.start + m.start..sentence.start + m.end)
                        .collect()
                })
                .collect();
            searched = Some(sentence.clone());
        }
        for (frame, matches) in frames.counts.iter().zip(&triggers) {
            for trig in matches {
                let trig = trig.clone();
                // A trigger that is itself the counted group's head ("civilians") is not one.
                if trig.start < q.span.start && q.span.start < trig.end {
                    continue;
                }
                let d = ctx.words_between(&trig, &number_and_np);
                if d <= frame.max_distance && best.as_ref().is_none_or(|b| d < b.0) {
                    best = Some((d, trig, frame));
                }
            }
        }
        let Some((_, trigger, frame)) = best else {
            continue;
        };

        let subject_actor = ctx
            .mentions_in(np.clone(), MentionClass::Actor)
            .max_by_key(|m| m.span.len())
            .map(|m| m.entity.clone());
        let since = ctx
            .times_in(&sentence)
            .find(|t| t.modifier == Some(crate::annotate::TimeMod::Since));
        let cumulative = since.is_some() || modality::cumulative(text, &sentence);
        let (when, basis) = match since {
            Some(t) => (t.range, crate::claims::TimeBasis::Text),
            None => ctx.when(&sentence, &number_and_np, frame.window_days, None),
        };
        let place = ctx
            .nearest_mention(&sentence, &number_and_np, MentionClass::Place, 30)
            .map(|m| m.entity.clone());
        let span = number_and_np.clone();
        out.push(Claim {
            kind: ClaimKind::Count {
                measure: frame.measure.clone(),
                subject,
                subject_actor,
                subject_text: np_text.trim().to_string(),
                value: q.value,
                low: q.low,
                high: q.high,
                qualifier: q.qualifier,
                tolerance: q.tolerance,
                cumulative,
            },
            frame: frame.id.clone(),
            modality: ctx.modality(&sentence, &trigger, &span),
            span,
            sentence,
            when,
            time_basis: basis,
            place,
        });
    }
}

/// Words whose subject a thread remembers before it starts afresh.
const SUBJECT_CACHE_LIMIT: usize = 4096;

thread_local! {
    /// The subjects of words, for the frames they were asked of: the words after a
    /// corpus's numbers repeat ("people", "civilians", "were"), and each was matched
    /// against every subject's nouns, a regex search each (a sixth of extraction).
    static SUBJECTS: std::cell::RefCell<Memo<Option<usize>>> =
        std::cell::RefCell::new(Memo::new(SUBJECT_CACHE_LIMIT));
}

/// The first subject one of whose nouns is all of `word`.
fn subject_of(frames: &Frames, word: &str) -> Option<usize> {
    SUBJECTS.with_borrow_mut(|subjects| {
        subjects.get(frames.instance, word, || {
            frames
                .subjects
                .iter()
                .position(|(_, re)| full_match(re, word))
        })
    })
}

fn full_match(re: &GatedRegex, word: &str) -> bool {
    re.find(word).is_some_and(|m| m == (0..word.len()))
}

/// Words of `s` with their byte offsets; punctuation is trimmed from each.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ').scan(0usize, |pos, w| {
        let at = *pos;
        *pos += w.len() + 1;
        let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        let lead = w.find(trimmed).unwrap_or(0);
        Some((at + lead, trimmed))
    })
}

/// The words after a number that name what it counts: up to a stop word, punctuation or
/// [`NP_MAX_WORDS`] words.
fn noun_phrase(text: &str, from: usize, limit: usize) -> Range<usize> {
    let rest = &text[from..limit];
    let mut end = from;
    let mut count = 0;
    let mut offset = 0;
    for raw in rest.split(' ') {
        let at = from + offset;
        offset += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let word = raw.trim_end_matches([',', '.', ';', ':', ')', '"', '\'', '!', '?']);
        if NP_STOP.is_match(word) || word.is_empty() || word.starts_with(['(', '"']) {
            break;
        }
        end = at + word.len();
        count += 1;
        if word.len() < raw.len() || count >= NP_MAX_WORDS {
            break;
        }
    }
    from..end
}

/// Compile this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&NP_STOP);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn frames(subjects: &str) -> Frames {
        let src = format!("subjects:\n{subjects}");
        Frames::compile(&[(PathBuf::from("f.yaml"), src)], None).unwrap()
    }

    #[test]
    fn a_words_subject_is_remembered_for_its_own_frames_only() {
        let a = frames("  gunners: ['gunners?']\n  people: ['people', 'persons?']\n");
        let b = frames("  crews: ['gunners?', 'crews?']\n");
        for _ in 0..2 {
            assert_eq!(subject_of(&a, "Gunners"), Some(0));
            assert_eq!(subject_of(&a, "persons"), Some(1));
            assert_eq!(subject_of(&a, "crews"), None);
            assert_eq!(subject_of(&b, "crews"), Some(0));
            assert_eq!(
                subject_of(&b, "persons"),
                None,
                "not the other frames' answer"
            );
            assert_eq!(subject_of(&a, "gunner"), Some(0));
            assert_eq!(
                subject_of(&a, "gunnery"),
                None,
                "a whole word, not a prefix"
            );
        }
    }
}
