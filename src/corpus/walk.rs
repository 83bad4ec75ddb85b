//! Finding the articles under the paths a user names, in a stable order.

use crate::diagnostic::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// File extensions read as articles when walking a folder. A file named explicitly is read
/// whatever its extension.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// The article files under `paths`, each once, in the order named and then by file name, plus
/// the problems met on the way (missing paths, unreadable folders, link loops).
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut walker = Walker::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walker.dir(path),
            Ok(meta) if !meta.is_file() => walker.not_regular(path, &meta),
            Ok(_) => walker.file(path.clone()),
            Err(e) => walker.diags.push(Diagnostic::error(
                path,
                format!("cannot read this path: {}", io_reason(&e)),
            )),
        }
    }
    (walker.files, walker.diags)
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
    fn not_regular(&mut self, path: &Path, meta: &fs::Metadata) {
        self.diags.push(Diagnostic::warning(
            path,
            format!(
                "{}, not a regular file; skipped",
                crate::input::kind_of(&meta.file_type())
            ),
        ));
    }

    fn dir(&mut self, dir: &Path) {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(key.clone()) {
            self.diags.push(Diagnostic::warning(
                dir,
                "folder already visited (a symbolic link loop or a repeated path); skipped",
            ));
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.diags.push(Diagnostic::error(
                    dir,
                    format!("cannot read this folder: {}", io_reason(&e)),
                ));
                return;
            }
        };
        let mut names: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), e.file_type().ok()))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in names {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            // A plain file's real path is its folder's plus its name: no system calls for the
            // thousands of articles in a folder. Links (and unknown kinds) are followed.
            if kind.is_some_and(|k| k.is_file()) {
                if is_article(&path) {
                    self.add(key.join(&name), path);
                }
                continue;
            }
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path),
                Ok(m) if !m.is_file() && is_article(&path) => self.not_regular(&path, &m),
                Ok(_) if is_article(&path) => self.file(path),
                Ok(_) => {}
                Err(e) => self.diags.push(Diagnostic::warning(
                    &path,
                    format!("skipped: {}", io_reason(&e)),
                )),
            }
        }
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// The operating system's reason without its error code ("No such file or directory").
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
