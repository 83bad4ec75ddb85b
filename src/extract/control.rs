//! Control claims: who holds, took or gave up a place, from the slot patterns in the frames.

use super::{Context, cover};
use crate::annotate::{Mention, MentionClass};
use crate::claims::{Claim, ClaimKind};
use crate::gated::GatedRegex;
use crate::rules::frames::{Change, Slot, SlotPattern};
use std::ops::Range;
use std::sync::LazyLock;

/// Most words between a slot's mention and the pattern's words.
const SLOT_REACH: usize = 6;

/// Pronouns that stand for the previous sentence's subject.
static PRONOUN: LazyLock<GatedRegex> =
    LazyLock::new(|| GatedRegex::built_in(r"(?i)\b(?:it|its|they|their|he|his|she|her)\s*$"));

/// "the villages of Marat Makhus and Burayj": a named place the gazetteer does not know.
static NAMED_PLACE: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"^\s*(?:the\s+)?(?:villages?|towns?|city|cities|district|area|region|hill|airport|base)\s+of\s+(?P<name>(?:[A-Z][\w'-]*)(?:\s+(?:al-|el-)?[A-Z][\w'-]*)*)",
    )
});

/// "the highway", "the province": the last place of that kind.
static PLACE_NOUN: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::built_in(
        r"(?i)\bthe\s+(?:\w+\s+)?(?:part\s+of\s+the\s+)?(?P<noun>highway|road|province|governorate|town|city|village|region|base|country)\b",
    )
});

struct Filled {
    id: Option<String>,
    text: String,
    span: Range<usize>,
}

pub(super) fn extract(ctx: &Context, out: &mut Vec<Claim>) {
    let text = ctx.text();
    let mut found: Vec<Claim> = Vec::new();
    let sentences = &ctx.doc.sentences;
    // A pattern only runs on one sentence at a time, and its match there holds a match of
    // its gate (its rarest words) in that same sentence: the sentences all patterns' gates
    // match in are the few worth trying each pattern on.
    let hit = match &ctx.rules.frames.control_gate {
        Some(gate) => gate.sentences(text, sentences),
        None => vec![true; sentences.len()],
    };
    for frame in &ctx.rules.frames.control {
        for pattern in &frame.patterns {
            for (sentence, _) in sentences.iter().zip(&hit).filter(|(_, h)| **h) {
                let s = &text[sentence.clone()];
                for caps in pattern.regex.captures_iter(s) {
                    let whole = caps.get(0).expect("whole match");
                    let m = sentence.start + whole.start()..sentence.start + whole.end();
                    let group = |name: &str| {
                        caps.name(name)
                            .map(|g| sentence.start + g.start()..sentence.start + g.end())
                    };
                    let controller = fill(
                        ctx,
                        sentence,
                        &m,
                        pattern,
                        Slot::Controller,
                        group("controller"),
                    );
                    let place = fill(ctx, sentence, &m, pattern, Slot::Place, group("place"));
                    let (Some(controller), Some(place)) = (controller, place) else {
                        continue;
                    };
                    let Some(controller_id) = controller.id.clone() else {
                        continue;
                    };
                    let span = cover(&cover(&m, &controller.span), &place.span);
                    let modality = ctx.modality(sentence, &m, &span);
                    let change = if modality.planned && frame.change != Change::Lost {
                        Change::Planned
                    } else {
                        frame.change
                    };
                    let (when, basis) = ctx.when(sentence, &m, frame.window_days, None);
                    found.push(Claim {
                        kind: ClaimKind::Control {
                            place: place.id.clone(),
                            place_text: place.text.clone(),
                            controller: controller_id,
                            controller_text: controller.text,
                            change,
                        },
                        frame: format!(
                            "control-{}",
                            serde_json::to_value(frame.change)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default()
                        ),
                        span,
                        sentence: sentence.clone(),
                        when,
                        time_basis: basis,
                        place: place.id,
                        modality,
                    });
                }
            }
        }
    }
    // Two patterns can read the same words: keep one claim per (controller, place) there.
    found.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    for c in found {
        let dup = out.iter().any(|o| same_reading(o, &c));
        if !dup {
            out.push(c);
        }
    }
}

fn same_reading(a: &Claim, b: &Claim) -> bool {
    match (&a.kind, &b.kind) {
        (
            ClaimKind::Control {
                place: pa,
                controller: ca,
                ..
            },
            ClaimKind::Control {
                place: pb,
                controller: cb,
                ..
            },
        ) => pa == pb && ca == cb && a.span.start < b.span.end && b.span.start < a.span.end,
        _ => false,
    }
}

fn class_of(slot: Slot) -> MentionClass {
    match slot {
        Slot::Controller => MentionClass::Actor,
        Slot::Place => MentionClass::Place,
    }
}

fn filled(m: &Mention, text: &str) -> Filled {
    Filled {
        id: Some(m.entity.clone()),
        text: text[m.span.clone()].to_string(),
        span: m.span.clone(),
    }
}

/// Fill one slot from inside its group, or from just before or after the match.
fn fill(
    ctx: &Context,
    sentence: &Range<usize>,
    m: &Range<usize>,
    pattern: &SlotPattern,
    slot: Slot,
    group: Option<Range<usize>>,
) -> Option<Filled> {
    let text = ctx.text();
    let class = class_of(slot);
    if let Some(g) = group {
        let inside = ctx
            .mentions_in(g.clone(), class)
            .max_by_key(|x| x.span.len());
        return Some(match inside {
            Some(x) => filled(x, text),
            None => Filled {
                id: None,
                text: text[g.clone()].trim().to_string(),
                span: g,
            },
        });
    }
    if pattern.before == Some(slot) {
        let before = sentence.start..m.start;
        // A pronoun right before the words stands for the previous sentence's subject.
        if slot == Slot::Controller && PRONOUN.is_match(&text[before.clone()]) {
            let nearest = ctx
                .mentions_in(before.clone(), class)
                .filter(|x| ctx.words_between(&x.span, m) <= 1)
                .last();
            if nearest.is_none() {
                let p = PRONOUN.find(&text[before.clone()]).expect("matched above");
                let pron = before.start + p.start..before.start + p.end;
                return ctx.previous_subject(m.start).map(|x| Filled {
                    id: Some(x.entity.clone()),
                    text: format!("{} ({})", text[pron.clone()].trim(), &text[x.span.clone()]),
                    span: pron,
                });
            }
        }
        let near = ctx
            .mentions_in(before.clone(), class)
            .filter(|x| ctx.words_between(&x.span, m) <= SLOT_REACH)
            .last();
        if let Some(x) = near {
            return Some(filled(x, text));
        }
        if slot == Slot::Place {
            // "towns and villages recently recaptured by ...": keep the words, no place id.
            let from = super::modality::words_back(text, before.start, before.end, 4);
            let words = text[from..before.end].trim().to_string();
            return anaphoric_place(ctx, before.clone()).or(Some(Filled {
                id: None,
                text: words,
                span: from..before.end,
            }));
        }
        return None;
    }
    if pattern.after == Some(slot) {
        let after = m.end..sentence.end;
        let near = ctx
            .mentions_in(after.clone(), class)
            .find(|x| ctx.words_between(m, &x.span) <= SLOT_REACH);
        if let Some(x) = near {
            return Some(filled(x, text));
        }
        if slot == Slot::Place {
            if let Some(c) = NAMED_PLACE.captures(&text[after.clone()]) {
                let name = c.name("name").expect("group");
                let span = after.start + name.start()..after.start + name.end();
                let first = name
                    .as_str()
                    .split(" and ")
                    .next()
                    .unwrap_or(name.as_str())
                    .trim()
                    .to_string();
                return Some(Filled {
                    id: Some(slug(&first)),
                    text: name.as_str().to_string(),
                    span,
                });
            }
            let words: String = text[after.clone()]
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            // The end of those words in the text itself (spacing there may differ).
            let reach = text[after.clone()]
                .split_whitespace()
                .take(4)
                .last()
                .map_or(0, |w| {
                    w.as_ptr() as usize - text[after.clone()].as_ptr() as usize + w.len()
                });
            return anaphoric_place(ctx, after.start..after.start + reach).or(Some(Filled {
                id: None,
                text: words,
                span: after.start..after.start,
            }));
        }
    }
    None
}

/// "the highway", "the northern province": the last place of that kind mentioned before.
fn anaphoric_place(ctx: &Context, region: Range<usize>) -> Option<Filled> {
    let text = ctx.text();
    let c = PLACE_NOUN.captures_iter(&text[region.clone()]).last()?;
    let noun = c.name("noun")?.as_str().to_lowercase();
    let whole = c.get(0)?;
    let span = region.start + whole.start()..region.start + whole.end();
    let g = &ctx.rules.gazetteer;
    let kind_matches = |kind: Option<&str>| match noun.as_str() {
        "highway" | "road" => kind == Some("road"),
        "province" | "governorate" => kind == Some("province"),
        "region" => matches!(kind, Some("region" | "province")),
        "town" | "village" => matches!(kind, Some("town" | "village")),
        other => kind == Some(other),
    };
    let prior = ctx
        .ann
        .mentions
        .iter()
        .rev()
        .filter(|m| m.class == MentionClass::Place && m.span.end <= span.start)
        .find(|m| kind_matches(g.place(&m.entity).and_then(|p| p.kind.as_deref())))?;
    Some(Filled {
        id: Some(prior.entity.clone()),
        text: format!("{} ({})", &text[span.clone()], &text[prior.span.clone()]),
        span,
    })
}

/// An id for a place the gazetteer does not know: "Marat Makhus" → "marat-makhus".
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Compile this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    for re in [&PRONOUN, &NAMED_PLACE, &PLACE_NOUN] {
        LazyLock::force(re);
    }
}
