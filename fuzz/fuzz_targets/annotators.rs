//! Arbitrary text through normalisation, sentence splitting and the time and quantity
//! annotators; every span must lie on character boundaries of the text.
#![no_main]
use crosscheck::annotate::{quantity, time};
use crosscheck::calendar::parse_published;
use crosscheck::text::{normalize, sentences};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let n = normalize(&raw, 0..raw.len(), &[]);
    let text = n.text.as_str();
    let s = sentences::sentences(text);
    let published = parse_published("2020-03-10").unwrap();
    let times = time::find(text, &s, published);
    // Quantities skip the time expressions' spans, as the pipeline does.
    let spans: Vec<_> = times.iter().map(|t| t.span.clone()).collect();
    let quantities = quantity::find(text, &s, &spans);
    for t in &times {
        assert!(text.get(t.span.clone()).is_some());
        assert!(t.range.from <= t.range.to);
    }
    for q in &quantities {
        assert!(text.get(q.span.clone()).is_some());
        if let (Some(l), Some(h)) = (q.low, q.high) {
            assert!(l <= h || q.value < 0.0, "{q:?}");
        }
    }
});
