//! Loading a corpus: outlets, article files, front matter, page furniture, normalised text.

pub mod document;
pub mod front_matter;
pub mod outlets;
pub mod walk;

pub use document::{DocInfo, Document, Located};
pub use front_matter::Meta;
pub use outlets::{Outlet, Outlets};

use crate::calendar::DayRange;
use crate::diagnostic::{Diagnostic, Level};
use crate::error::{Error, Result};
use crate::text::normalize;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The folder used when no path is named.
pub const DEFAULT_CORPUS: &str = "corpus";
/// The outlets file's name, looked up in the corpus folder and its parents.
pub const OUTLETS_FILE: &str = "outlets.yaml";

/// Bytes inspected for NUL to tell a binary file from text.
const BINARY_SNIFF: usize = 8192;

/// Files larger than this are not articles (a dump, a log, a mistake) and are skipped: the
/// limit keeps memory bounded whatever lands in the corpus folder.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Treat warnings as errors.
    pub strict: bool,
    /// The outlets file, instead of looking for `outlets.yaml` near the corpus.
    pub outlets: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of refusing the file.
    pub lossy: bool,
    /// Skip (with a warning) files larger than this many bytes.
    pub max_file_bytes: u64,
    /// What walking a folder leaves out besides ignored and hidden files.
    pub exclude: walk::Exclude,
    /// The folder read when no path is named and there is no `./corpus`: the corpus root
    /// of the config file found.
    pub root: Option<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            strict: false,
            outlets: None,
            lossy: false,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            exclude: walk::Exclude::default(),
            root: None,
        }
    }
}

/// A loaded corpus and the warnings met while loading it.
#[derive(Debug)]
pub struct Corpus {
    pub outlets: Outlets,
    pub documents: Vec<Document>,
    pub warnings: Vec<Diagnostic>,
}

impl Corpus {
    /// The earliest and latest publication days.
    pub fn date_span(&self) -> Option<DayRange> {
        let from = self.documents.iter().map(|d| d.meta.published.from).min()?;
        let to = self.documents.iter().map(|d| d.meta.published.to).max()?;
        DayRange::new(from, to)
    }

    /// Distinct outlets with at least one article.
    pub fn outlet_count(&self) -> usize {
        let ids: std::collections::BTreeSet<&str> = self
            .documents
            .iter()
            .map(|d| d.meta.outlet.as_str())
            .collect();
        ids.len()
    }
}

/// What happened to one file.
pub enum FileOutcome {
    Loaded(Box<Document>),
    /// Not an article (empty, binary): skipped with a warning.
    Skipped(Diagnostic),
    Failed(Vec<Diagnostic>),
}

/// Load every article under `paths` (default `corpus/`). All problems in all files are
/// gathered; any error (or any warning under `strict`) fails the load, as does finding no
/// article at all.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus> {
    let loaded = load_with(paths, opts, |_| {}, |doc| doc)?;
    Ok(Corpus {
        outlets: loaded.outlets,
        documents: loaded.items,
        warnings: loaded.warnings,
    })
}

/// What [`load_with`] made of a corpus.
#[derive(Debug)]
pub struct Loaded<T> {
    pub outlets: Outlets,
    /// What `each` returned for each article, in path order.
    pub items: Vec<T>,
    pub warnings: Vec<Diagnostic>,
}

/// The most articles a core analyses before the rest of the work is shared out again.
const ARTICLES_PER_TASK: usize = 8;

/// Load every article under `paths` on all cores and hand each to `each` as soon as it is
/// read, keeping only what `each` returns: a corpus larger than memory is analysed one
/// article at a time per core. `total` is told how many files were found before any is
/// read (for a progress bar). Results are in path order whatever the number of threads.
/// Errors are as for [`load`].
pub fn load_with<T: Send>(
    paths: &[PathBuf],
    opts: &LoadOptions,
    total: impl FnOnce(usize),
    each: impl Fn(Document) -> T + Sync,
) -> Result<Loaded<T>> {
    use rayon::prelude::*;
    let default = match &opts.root {
        Some(root) if !Path::new(DEFAULT_CORPUS).exists() => [root.clone()],
        _ => [PathBuf::from(DEFAULT_CORPUS)],
    };
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    // A mistyped path is the first thing to say, before what follows from it.
    if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        return Err(Error::Usage(format!(
            "no such file or folder: {}",
            crate::diagnostic::display_path(missing)
        )));
    }

    let outlets_path = match &opts.outlets {
        Some(p) => p.clone(),
        None => find_outlets_file(&paths[0]).ok_or_else(|| {
            Error::single(
                Diagnostic::error(
                    &paths[0],
                    format!("no {OUTLETS_FILE} found here or in any parent folder"),
                )
                .with_help(
                    "create one listing the outlets (see the README), or pass --outlets FILE",
                ),
            )
        })?,
    };
    let outlets = Outlets::load(&outlets_path).map_err(Error::Invalid)?;

    let (files, mut diags) = walk::discover(paths, &opts.exclude);
    total(files.len());
    let outcomes: Vec<(Option<T>, Vec<Diagnostic>)> = files
        .par_iter()
        // Articles in small batches: rayon otherwise hands a core a long run of articles it
        // cannot split once begun, and the other core waits for its end (a tenth of the
        // wall time on 10,000 articles).
        .with_max_len(ARTICLES_PER_TASK)
        .map(|file| match load_file(file, &outlets, opts) {
            FileOutcome::Loaded(mut doc) => {
                let warnings = std::mem::take(&mut doc.warnings);
                if let Some(rel) = paths.iter().find_map(|p| {
                    file.strip_prefix(p)
                        .ok()
                        .filter(|r| !r.as_os_str().is_empty())
                }) {
                    doc.set_id(crate::diagnostic::display_path(rel));
                }
                (Some(each(*doc)), warnings)
            }
            FileOutcome::Skipped(w) => (None, vec![w]),
            FileOutcome::Failed(errors) => (None, errors),
        })
        .collect();
    let mut documents = Vec::with_capacity(outcomes.len());
    for (item, mut found) in outcomes {
        diags.append(&mut found);
        documents.extend(item);
    }
    if opts.strict {
        diags = diags.into_iter().map(Diagnostic::escalated).collect();
    }
    if documents.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        let names: Vec<String> = paths
            .iter()
            .map(|p| crate::diagnostic::display_path(p))
            .collect();
        diags.push(
            Diagnostic::error(
                &paths[0],
                format!("no articles found in {}", names.join(", ")),
            )
            .with_help("articles are .md, .markdown or .txt files with YAML front matter"),
        );
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(diags));
    }
    Ok(Loaded {
        outlets,
        items: documents,
        warnings: diags
            .into_iter()
            .filter(|d| d.level == Level::Warning)
            .collect(),
    })
}

/// `outlets.yaml` in `start` (when it is a folder) or the nearest parent folder holding one.
pub fn find_outlets_file(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let first = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    let mut dir = first;
    while let Some(d) = dir {
        let candidate = d.join(OUTLETS_FILE);
        if candidate.is_file() {
            // Show it relative to where the user stands when that is shorter.
            let cwd = std::env::current_dir().ok();
            return Some(
                cwd.and_then(|c| candidate.strip_prefix(&c).ok().map(Path::to_path_buf))
                    .unwrap_or(candidate),
            );
        }
        dir = d.parent();
    }
    None
}

/// Read and load one article file.
pub fn load_file(path: &Path, outlets: &Outlets, opts: &LoadOptions) -> FileOutcome {
    use std::io::Read;
    let lossy = opts.lossy;
    let cannot_read = |e: &std::io::Error| {
        FileOutcome::Failed(vec![Diagnostic::error(
            path,
            format!("cannot read this file: {}", walk::io_reason(e)),
        )])
    };
    let too_large = |size: Option<u64>| {
        let limit = opts.max_file_bytes;
        let message = match size {
            Some(size) => {
                format!("{size} bytes is larger than an article (limit {limit}); skipped")
            }
            None => format!("more than {limit} bytes, larger than an article; skipped"),
        };
        FileOutcome::Skipped(
            Diagnostic::warning(path, message)
                .with_help("pass --max-file-size BYTES to read larger files"),
        )
    };
    // One open for the size check and the read, and never more than the limit read. A FIFO,
    // socket or device is refused on the open handle before any byte is read: reading a
    // FIFO would wait for a writer forever.
    let (mut file, size) = match crate::input::open_regular(path) {
        Ok(f) => f,
        Err(crate::input::ReadError::NotRegular(kind)) => {
            return FileOutcome::Skipped(Diagnostic::warning(
                path,
                format!("{kind}, not a regular file; skipped"),
            ));
        }
        Err(crate::input::ReadError::Io(e)) => return cannot_read(&e),
        Err(crate::input::ReadError::TooLarge { size, .. }) => return too_large(size),
    };
    if size > opts.max_file_bytes {
        return too_large(Some(size));
    }
    // The first bytes decide whether the file is text before the rest is read.
    let sniff = (BINARY_SNIFF as u64).min(opts.max_file_bytes);
    let mut bytes = Vec::with_capacity(sniff as usize);
    if let Err(e) = (&mut file).take(sniff).read_to_end(&mut bytes) {
        return cannot_read(&e);
    }
    if bytes.contains(&0) {
        return FileOutcome::Skipped(Diagnostic::warning(
            path,
            "binary file (it contains NUL bytes); skipped",
        ));
    }
    bytes.reserve((size as usize).saturating_sub(bytes.len()) + 1);
    let rest = opts.max_file_bytes - bytes.len() as u64;
    match crate::input::read_capped(&mut file, rest, &mut bytes) {
        Ok(()) => {}
        Err(crate::input::ReadError::Io(e)) => return cannot_read(&e),
        Err(_) => return too_large(None),
    }
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) if lossy => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return match load_source(path.to_path_buf(), text, outlets) {
                FileOutcome::Loaded(mut doc) => {
                    doc.warnings.push(Diagnostic::warning(
                        path,
                        format!(
                            "invalid UTF-8 (first at byte offset {offset}) replaced with U+FFFD"
                        ),
                    ));
                    FileOutcome::Loaded(doc)
                }
                other => other,
            };
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
            let (line, col) = crate::text::LineIndex::new(valid).line_col(valid, offset);
            return FileOutcome::Failed(vec![
                Diagnostic::error(
                    path,
                    format!("the file is not valid UTF-8 (invalid byte at offset {offset})"),
                )
                .at(line, col)
                .with_help("re-save the file as UTF-8, or pass --lossy to replace invalid bytes"),
            ]);
        }
    };
    load_source(path.to_path_buf(), source, outlets)
}

/// Load an article from text already in memory.
pub fn load_source(path: PathBuf, source: String, outlets: &Outlets) -> FileOutcome {
    let start = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
    if source[start..].trim().is_empty() {
        return FileOutcome::Skipped(Diagnostic::warning(&path, "empty file; skipped"));
    }
    // A README or notes beside the articles: not an article, and no reason to stop.
    if source[start..]
        .split(['\r', '\n'])
        .next()
        .is_none_or(|l| l.trim_end() != "---")
    {
        return FileOutcome::Skipped(
            Diagnostic::warning(&path, "no front matter: not an article; skipped")
                .with_help("an article starts with a `---` line, then `outlet:` and `published:`, then `---`; list other files in .crosscheckignore"),
        );
    }
    let layout = match front_matter::layout(&path, &source, start) {
        Ok(l) => l,
        Err(d) => return FileOutcome::Failed(vec![d]),
    };
    let meta = match front_matter::parse(&path, &source, &layout, outlets) {
        Ok(m) => m,
        Err(errors) => return FileOutcome::Failed(errors),
    };
    let removed = furniture(&source, layout.body_start, &meta, outlets);
    let normalized = normalize(&source, layout.body_start..source.len(), &removed);
    if normalized.text.is_empty() {
        return FileOutcome::Skipped(Diagnostic::warning(
            &path,
            "the article has no text after its front matter; skipped",
        ));
    }
    FileOutcome::Loaded(Box::new(Document::new(
        path, meta, source, normalized, removed,
    )))
}

/// A document from text with no front matter (standard input), with metadata given on the
/// command line. Text that does start with front matter is loaded as a file would be.
pub fn load_stdin(
    source: String,
    meta: Option<Meta>,
    outlets: Option<&Outlets>,
) -> Result<Document> {
    let label = PathBuf::from("-");
    let has_front_matter = source.trim_start_matches('\u{FEFF}').starts_with("---");
    match (meta, outlets) {
        (Some(meta), _) if !has_front_matter => {
            let start = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
            let normalized = normalize(&source, start..source.len(), &[]);
            Ok(Document::new(label, meta, source, normalized, Vec::new()))
        }
        (_, Some(outlets)) if has_front_matter => match load_source(label.clone(), source, outlets) {
            FileOutcome::Loaded(doc) => Ok(*doc),
            FileOutcome::Skipped(d) => Err(Error::single(d.escalated())),
            FileOutcome::Failed(errors) => Err(Error::Invalid(errors)),
        },
        _ => Err(Error::Usage(
            "reading an article from standard input (`-`) needs --published DATE, or front matter and an outlets file".into(),
        )),
    }
}

/// Spans of page furniture in the body: the patterns common to all outlets, the outlet's own,
/// and the republisher's. Sorted and merged.
fn furniture(source: &str, body_start: usize, meta: &Meta, outlets: &Outlets) -> Vec<Range<usize>> {
    let body = &source[body_start..];
    let own = outlets
        .get(&meta.outlet)
        .map(|o| &o.boilerplate[..])
        .unwrap_or_default();
    let via = meta
        .via
        .as_deref()
        .and_then(|v| outlets.get(v))
        .map(|o| &o.boilerplate[..])
        .unwrap_or_default();
    let mut spans: Vec<Range<usize>> = outlets
        .common_boilerplate
        .iter()
        .chain(own)
        .chain(via)
        .flat_map(|p| p.find_iter(body))
        .filter(|m| !m.is_empty())
        .map(|m| body_start + m.start..body_start + m.end)
        .collect();
    spans.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}
