//! Any file content through front-matter parsing and loading: an error or a document,
//! never a panic.
#![no_main]
use crosscheck::corpus::{Outlets, load_source};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    Outlets::parse(Path::new("outlets.yaml"), "outlets:\n  - {id: wire, name: Wire, boilerplate: ['^Share this$']}\n  - {id: daily, name: Daily}\n").unwrap()
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = load_source(PathBuf::from("f.md"), text, &OUTLETS);
});
