//! `crosscheck init`: a starting corpus that a first `crosscheck check` runs clean on.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The files of a new corpus, relative to its folder: the config, the outlets, one example
/// article, an empty rule pack with one rule test, and a CI workflow.
const FILES: &[(&str, &str)] = &[
    (
        "crosscheck.yaml",
        include_str!("../templates/init/crosscheck.yaml"),
    ),
    (
        "outlets.yaml",
        include_str!("../templates/init/outlets.yaml"),
    ),
    (
        "articles/2024-05-06-example-wire-flood.md",
        include_str!("../templates/init/articles/2024-05-06-example-wire-flood.md"),
    ),
    (
        "rules/gazetteer/places.yaml",
        include_str!("../templates/init/rules/gazetteer/places.yaml"),
    ),
    (
        "rules/tests/example.yaml",
        include_str!("../templates/init/rules/tests/example.yaml"),
    ),
    (
        ".github/workflows/crosscheck.yml",
        include_str!("../templates/init/.github/workflows/crosscheck.yml"),
    ),
];

/// What [`write`] did with each file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Created(PathBuf),
    /// Already there: left as it is.
    Kept(PathBuf),
}

/// Write the starting corpus into `dir` (created when missing). A file that already exists
/// is kept, never overwritten, so `init` is safe in a folder that holds a corpus.
pub fn write(dir: &Path) -> Result<Vec<Written>> {
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for (name, content) in FILES {
        let path = dir.join(name);
        if path.exists() {
            done.push(Written::Kept(path));
            continue;
        }
        let created = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut f| std::io::Write::write_all(&mut f, content.as_bytes()));
        match created {
            Ok(()) => done.push(Written::Created(path)),
            Err(e) => errors.push(Diagnostic::error(
                &path,
                format!("cannot write: {}", crate::corpus::walk::io_reason(&e)),
            )),
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(Error::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_once_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let first = write(dir.path()).unwrap();
        assert!(first.iter().all(|w| matches!(w, Written::Created(_))));
        assert!(
            dir.path()
                .join(".github/workflows/crosscheck.yml")
                .is_file()
        );
        std::fs::write(dir.path().join("outlets.yaml"), "mine").unwrap();
        let second = write(dir.path()).unwrap();
        assert!(second.iter().all(|w| matches!(w, Written::Kept(_))));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("outlets.yaml")).unwrap(),
            "mine"
        );
    }
}
