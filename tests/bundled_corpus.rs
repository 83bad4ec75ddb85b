//! The bundled corpus loads as a new user would see it: five seed articles, three outlets,
//! page furniture gone from the analysed text but every position still in the original file.

use crosscheck::corpus::{self, LoadOptions};
use std::path::PathBuf;

fn bundled() -> corpus::Corpus {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    corpus::load(&[root], &LoadOptions::default()).expect("the bundled corpus loads")
}

#[test]
fn five_articles_from_three_outlets() {
    let c = bundled();
    assert_eq!(c.documents.len(), 5);
    assert_eq!(c.outlet_count(), 3);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let span = c.date_span().unwrap();
    assert_eq!(span.to_string(), "2020-01-19..2020-03-13");
}

#[test]
fn page_furniture_is_not_analysed() {
    let furniture = [
        "Security-Cleared Career Network",
        "Weapons of Mass Destruction",
        "Join the mailing list",
        "2,500 $",
        "Click to see full-size image",
        "Do you like this content",
        "Note to readers",
        "PayPal",
        "Articles by",
        "Disclaimer",
        "fair use",
        "media inquiries",
    ];
    for doc in &bundled().documents {
        for f in furniture {
            assert!(
                !doc.text().contains(f),
                "{} still contains {f:?}",
                doc.path().display()
            );
        }
    }
}

#[test]
fn article_text_is_kept() {
    let c = bundled();
    let all: String = c.documents.iter().map(|d| d.text()).collect();
    // The last sentence before the furniture in the South Front / Global Research piece.
    assert!(all.contains("in the event of a new round of escalation in the region."));
    // The byline is text, not furniture: it carries the publication date.
    assert!(all.contains("By Sirwan Kajjo January 19, 2020"));
}

#[test]
fn every_sentence_maps_back_to_its_own_words() {
    for doc in &bundled().documents {
        for s in &doc.sentences {
            let analysed = &doc.text()[s.clone()];
            let original = &doc.source()[doc.original_span(s.clone())];
            // Same words once quotes, dashes and spaces are made canonical.
            let canon = |t: &str| {
                crosscheck::text::normalize(t, 0..t.len(), &[])
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(
                canon(original),
                canon(analysed),
                "in {}",
                doc.path().display()
            );
        }
    }
}

#[test]
fn headlines_and_abbreviations_split_as_a_reader_would() {
    let c = bundled();
    let voa = c.documents.iter().find(|d| d.meta.outlet == "voa").unwrap();
    let sentences: Vec<&str> = voa
        .sentences
        .iter()
        .map(|r| &voa.text()[r.clone()])
        .collect();
    assert!(sentences.contains(&"Failed truce"));
    assert!(sentences.contains(
        &"On Jan. 12, Turkey announced a new cease-fire in Idlib after an agreement with Russia."
    ));
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("According to the U.N, about 350,000 civilians"))
    );
}

#[test]
fn quoted_speech_is_marked() {
    let c = bundled();
    let voa = c.documents.iter().find(|d| d.meta.outlet == "voa").unwrap();
    let text = voa.text();
    let at = text.find("regime forces").unwrap();
    assert!(
        voa.quote_at(at..at + 13).is_some(),
        "inside Abdulrahman's quotation"
    );
    let own = text.find("Turkey allegedly has failed").unwrap();
    assert!(
        voa.quote_at(own..own + 10).is_none(),
        "the outlet's own voice"
    );
}
