//! Finding the articles under the paths a user names, in a stable order.

use crate::diagnostic::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// File extensions read as articles when walking a folder. A file named explicitly is read
/// whatever its extension.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// The file of ignore globs read in every corpus folder, as `.gitignore` is.
pub const IGNORE_FILE: &str = ".crosscheckignore";

/// Globs (gitignore syntax) of what is not an article, relative to `root`: the config's
/// `exclude`.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    pub root: PathBuf,
    pub globs: Vec<String>,
}

/// The article files under `paths`, each once, in the order named and then by file name, plus
/// the problems met on the way (unreadable folders, link loops). Folders are walked with
/// ripgrep's walker: hidden files, and those `.gitignore`, `.ignore`, `.crosscheckignore`
/// or `exclude` leave out, are not read. A file named explicitly is read whatever its name.
pub fn discover(paths: &[PathBuf], exclude: &Exclude) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut walker = Walker::default();
    let overrides = overrides(exclude);
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walker.dir(path, overrides.as_ref()),
            Ok(meta) if !meta.is_file() => walker.not_regular(path, &meta.file_type()),
            Ok(_) => walker.file(path.clone()),
            Err(e) => walker.diags.push(Diagnostic::error(
                path,
                format!("cannot read this path: {}", io_reason(&e)),
            )),
        }
    }
    (walker.files, walker.diags)
}

/// The `exclude` globs as the walker's overrides (each one a `!glob`).
fn overrides(exclude: &Exclude) -> Option<ignore::overrides::Override> {
    if exclude.globs.is_empty() {
        return None;
    }
    let mut builder = ignore::overrides::OverrideBuilder::new(&exclude.root);
    for glob in &exclude.globs {
        // Checked when the config was loaded.
        let _ = builder.add(&format!("!{glob}"));
    }
    builder.build().ok()
}

#[derive(Default)]
struct Walker {
    files: Vec<PathBuf>,
    diags: Vec<Diagnostic>,
    seen_files: foldhash::HashSet<PathBuf>,
    seen_dirs: foldhash::HashSet<PathBuf>,
}

impl Walker {
    fn file(&mut self, path: PathBuf) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        self.add(key, path);
    }

    /// An article found at `path`, whose real path is `key`: kept unless already found.
    fn add(&mut self, key: PathBuf, path: PathBuf) {
        if self.seen_files.insert(key) {
            self.files.push(path);
        }
    }

    /// A FIFO, socket or device where an article was expected: never opened (reading a FIFO
    /// waits for a writer forever).
    fn not_regular(&mut self, path: &Path, kind: &fs::FileType) {
        self.diags.push(Diagnostic::warning(
            path,
            format!(
                "{}, not a regular file; skipped",
                crate::input::kind_of(kind)
            ),
        ));
    }

    fn dir(&mut self, dir: &Path, overrides: Option<&ignore::overrides::Override>) {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(key.clone()) {
            self.diags.push(Diagnostic::warning(dir, ALREADY_VISITED));
            return;
        }
        let mut builder = ignore::WalkBuilder::new(dir);
        builder
            .hidden(true)
            .parents(true)
            .ignore(true)
            .git_ignore(true)
            // A corpus need not be a git repository for its .gitignore to count; the
            // user's global excludes are not the corpus's and would make runs differ.
            .require_git(false)
            .git_global(false)
            .git_exclude(false)
            .follow_links(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .sort_by_file_name(|a, b| a.cmp(b));
        if let Some(o) = overrides {
            builder.overrides(o.clone());
        }
        for entry in builder.build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.diags.push(walk_problem(dir, &e));
                    continue;
                }
            };
            let Some(kind) = entry.file_type().filter(|_| entry.depth() > 0) else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() || !is_article(path) {
                continue;
            }
            if !kind.is_file() {
                self.not_regular(path, &kind);
                continue;
            }
            // A plain file's real path is its folder's plus its name: no system calls for the
            // thousands of articles in a folder. Links are resolved.
            let key = match path.strip_prefix(dir) {
                Ok(rel) if !entry.path_is_symlink() => key.join(rel),
                _ => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            };
            self.add(key, path.to_path_buf());
        }
    }
}

const ALREADY_VISITED: &str =
    "folder already visited (a symbolic link loop or a repeated path); skipped";

/// A warning for what the walker could not read, naming its path.
fn walk_problem(dir: &Path, e: &ignore::Error) -> Diagnostic {
    fn inner(e: &ignore::Error) -> (Option<&Path>, String) {
        match e {
            ignore::Error::Loop { child, .. } => (Some(child), ALREADY_VISITED.to_string()),
            ignore::Error::WithPath { path, err } => {
                let (p, m) = inner(err);
                (p.or(Some(path)), m)
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner(err)
            }
            ignore::Error::Io(io) => (None, format!("skipped: {}", io_reason(io))),
            other => (None, format!("skipped: {other}")),
        }
    }
    let (path, message) = inner(e);
    Diagnostic::warning(path.unwrap_or(dir), message)
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

pub use crate::input::io_reason;
