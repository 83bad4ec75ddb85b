//! Throughput of each stage on a generated corpus: `cargo bench`.
//!
//! annotate and extract report MB of article text per second (one core); check reports
//! the time to compare every claim of the corpus. End-to-end figures on 10,000 and 100,000
//! articles come from `benches/scale.sh` (see the README's Performance section).

/// The binary's allocator, so the figures are the ones the `crosscheck` command gives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::annotate;
use crosscheck::check::{self, Analyzed};
use crosscheck::corpus::{self, LoadOptions};
use crosscheck::extract;
use crosscheck::rules::RuleSet;
use std::hint::black_box;
use std::path::Path;

/// Articles in the benchmark corpus: enough for stable figures, small enough to generate
/// in a moment.
const ARTICLES: usize = 400;

fn stages(c: &mut Criterion) {
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let opts = corpus_gen::Options {
        articles: ARTICLES,
        ..Default::default()
    };
    corpus_gen::generate(dir.path(), &rules, &opts).unwrap();
    let corpus = corpus::load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let bytes: u64 = corpus.documents.iter().map(|d| d.text().len() as u64).sum();

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("annotate", |b| {
        b.iter(|| {
            for d in &corpus.documents {
                black_box(annotate::annotate(d, &rules.gazetteer));
            }
        })
    });
    let annotated: Vec<_> = corpus
        .documents
        .iter()
        .map(|d| annotate::annotate(d, &rules.gazetteer))
        .collect();
    g.bench_function("extract", |b| {
        b.iter(|| {
            for (d, a) in corpus.documents.iter().zip(&annotated) {
                black_box(extract::extract(d, a, &rules));
            }
        })
    });
    g.bench_function("analyse (annotate, extract, audit facts, signature)", |b| {
        b.iter(|| {
            for d in &corpus.documents {
                black_box(check::analyse(d.clone(), &rules));
            }
        })
    });
    let analyzed: Vec<Analyzed> = corpus
        .documents
        .iter()
        .map(|d| check::analyse(d.clone(), &rules))
        .collect();
    g.throughput(Throughput::Elements(
        analyzed.iter().map(|a| a.claims.len() as u64).sum(),
    ));
    g.bench_function("check (claims per second)", |b| {
        b.iter(|| black_box(check::run(&rules, &analyzed, &corpus.outlets, &|_| true)))
    });
    g.finish();
}

/// The comparison is a group-by and a sweep: one key with many claims must stay
/// near-linear, not quadratic.
fn one_big_key(c: &mut Criterion) {
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("one key");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let analyzed = corpus_gen::one_key(dir.path(), &rules, n);
        let outlets = corpus_gen::outlets_of(dir.path());
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("{n} claims"), |b| {
            b.iter(|| black_box(check::run(&rules, &analyzed, &outlets, &|_| true)))
        });
    }
    g.finish();
}

/// Every per-article pass must be near-linear in the article's length: one article just
/// under the 16 MiB file limit, every sentence a claim, loaded and analysed. (Comparing each
/// control claim with every earlier one took 750 s on such an article.)
fn one_large_article(c: &mut Criterion) {
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = corpus_gen::large_article(dir.path(), &rules, 16_000_000);
    let outlets = corpus_gen::outlets_of(dir.path());
    let mut g = c.benchmark_group("one article");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(std::fs::metadata(&path).unwrap().len()));
    g.bench_function("16 MB of claims (load and analyse)", |b| {
        b.iter(|| {
            let corpus::FileOutcome::Loaded(doc) =
                corpus::load_file(&path, &outlets, &LoadOptions::default())
            else {
                panic!("the article loads");
            };
            black_box(check::analyse(*doc, &rules))
        })
    });
    g.finish();
}

criterion_group!(benches, stages, one_big_key, one_large_article);
criterion_main!(benches);
