//! The library's layers (described at the top of `src/lib.rs`) run one way: a module names
//! only modules of its own layer or a lower one. A `crate::` path that climbs is a circle in
//! the making, so this test reads the sources and names every such path.

use std::collections::BTreeMap;
use std::path::Path;

/// Top-level modules by layer, lowest first, as `src/lib.rs` lists them.
const LAYERS: &[&[&str]] = &[
    &[
        "text",
        "calendar",
        "gated",
        "pattern",
        "diagnostic",
        "yaml",
        "error",
    ],
    &["corpus", "rules", "clause", "input", "output"],
    &["annotate"],
    &["claims", "extract"],
    &["pipeline"],
    &["check", "findings", "suppress", "baseline"],
    &[
        "audit",
        "render",
        "interchange",
        "eval",
        "ruletest",
        "import",
        "init",
        "suggest",
    ],
];

fn layer_of() -> BTreeMap<&'static str, usize> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (*n, i)))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module names a source names after `crate::`, outside comments and its unit tests.
fn named_modules(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    let mut names = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a::X, b}`: every first segment in the braces.
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let first = item.trim().split("::").next().unwrap_or("").trim();
                    names.push(first.to_string());
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn no_module_names_a_higher_layer() {
    let layer = layer_of();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut climbing = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if ["lib", "main", "cli"].contains(&top.as_str()) {
            continue;
        }
        let own = *layer
            .get(top.as_str())
            .unwrap_or_else(|| panic!("{top} is in no layer: add it to LAYERS and src/lib.rs"));
        let source = std::fs::read_to_string(file).unwrap();
        for name in named_modules(&source) {
            if let Some(&l) = layer.get(name.as_str())
                && l > own
            {
                climbing.push(format!("{} names crate::{name}", rel.display()));
            }
        }
    }
    climbing.sort();
    climbing.dedup();
    assert!(
        climbing.is_empty(),
        "paths that climb the layers:\n{}",
        climbing.join("\n")
    );
}

#[test]
fn the_scan_sees_paths_and_groups() {
    let names = named_modules(
        "use crate::check::Item;\nuse crate::{render::x, audit};\n// crate::eval in a comment\n",
    );
    assert_eq!(names, ["check", "render", "audit"]);
}
