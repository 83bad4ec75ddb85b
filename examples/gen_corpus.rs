//! Write a seeded benchmark corpus: `cargo run --release --example gen_corpus -- OUT`.
//!
//! The same `--articles`, `--outlets` and `--seed` give byte-identical files. Names come from
//! the gazetteer under `--rules`; `OUT/planted.yaml` lists the conflicts planted in it.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Write a seeded benchmark corpus for crosscheck")]
struct Args {
    /// A new (or empty) folder to write the corpus into.
    out: PathBuf,
    /// How many articles.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// How many outlets (at least 6).
    #[arg(long, default_value_t = 40)]
    outlets: usize,
    /// The seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The rules whose gazetteer supplies the names.
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let rules = match crosscheck::rules::RuleSet::load(&args.rules) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let opts = corpus_gen::Options {
        articles: args.articles,
        outlets: args.outlets,
        seed: args.seed,
        ..Default::default()
    };
    match corpus_gen::generate(&args.out, &rules, &opts) {
        Ok(s) => {
            eprintln!(
                "wrote {} articles ({:.1} MB) and {} planted conflicts to {}",
                s.articles,
                s.bytes as f64 / 1e6,
                s.plants.len(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
