//! One loaded article: its metadata, its original bytes and the normalised text analysed.

use super::front_matter::Meta;
use crate::text::spans::Words;
use crate::text::{LineIndex, Normalized, Quote, quotes, sentences};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An article, immutable after loading. Positions in [`Document::text`] map back to the
/// original file through [`Document::original_span`] and [`Document::line_col`].
#[derive(Debug, Clone)]
pub struct Document {
    path: PathBuf,
    /// The path relative to the folder it was found under: the same wherever the corpus is
    /// checked out, so fingerprints and baselines can rely on it.
    id: String,
    pub meta: Meta,
    source: String,
    normalized: Normalized,
    lines: LineIndex,
    /// Spans of the original file stripped as page furniture.
    pub removed: Vec<Range<usize>>,
    /// Sentences, as ranges of [`Document::text`].
    pub sentences: Vec<Range<usize>>,
    /// Quotations, as ranges of [`Document::text`], sorted by start.
    pub quotes: Vec<Quote>,
    pub words: usize,
    /// The text's whitespace-separated tokens, shared by the stages that count or hash words.
    tokens: Words,
    /// Problems met while loading that did not stop it (moved to the corpus's warnings).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

impl Document {
    pub(crate) fn new(
        path: PathBuf,
        meta: Meta,
        source: String,
        normalized: Normalized,
        removed: Vec<Range<usize>>,
    ) -> Self {
        let lines = LineIndex::new(&source);
        let text = normalized.text.as_str();
        let blocks = sentences::blocks(text);
        let quotes = quotes::quotes(text, &blocks);
        let sentences = sentences::sentences_in(text, &blocks);
        let tokens = Words::new(text);
        let words = tokens.total();
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Document {
            path,
            id,
            meta,
            source,
            normalized,
            lines,
            removed,
            sentences,
            quotes,
            words,
            tokens,
            warnings: Vec::new(),
        }
    }

    /// The path the article was found at, as the user named it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A location-independent id: the path relative to the corpus folder it was found in.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub(crate) fn set_id(&mut self, id: String) {
        self.id = id;
    }

    /// The text analysed: normalised, without front matter or page furniture.
    pub fn text(&self) -> &str {
        &self.normalized.text
    }

    /// The analysed text's whitespace-separated tokens.
    pub fn tokens(&self) -> &Words {
        &self.tokens
    }

    /// The file exactly as read.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Byte span in the original file of a span of [`Document::text`].
    pub fn original_span(&self, span: Range<usize>) -> Range<usize> {
        self.normalized.map.span_to_original(span)
    }

    /// 1-based line and column in the original file of a byte offset in the original file.
    pub fn line_col(&self, original_offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.source, original_offset)
    }

    /// The words of a span of the analysed text as they stand in the original file, and
    /// where: what a report needs once the document is gone.
    pub fn locate(&self, span: Range<usize>) -> Located {
        let original = self.original_span(span);
        let (line, column) = self.line_col(original.start);
        let (end_line, end_column) = self.line_col(original.end);
        Located {
            text: self.source()[original]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The innermost quotation containing `span` of the analysed text, if any.
    ///
    /// Only the last [`QUOTE_LOOKBACK`] quotations opened before `span` are looked at, so a
    /// claim costs a binary search, not a scan of every quotation in a long article.
    pub fn quote_at(&self, span: Range<usize>) -> Option<&Quote> {
        let n = self.quotes.partition_point(|q| q.range.start <= span.start);
        self.quotes[n.saturating_sub(QUOTE_LOOKBACK)..n]
            .iter()
            .filter(|q| span.end <= q.range.end)
            .min_by_key(|q| q.range.len())
    }

    /// The innermost quotation around `inner` (one of this document's), within the same
    /// look-back as [`Document::quote_at`].
    pub fn quote_around(&self, inner: &Quote) -> Option<&Quote> {
        let span = &inner.range;
        let n = self.quotes.partition_point(|q| q.range.start <= span.start);
        self.quotes[n.saturating_sub(QUOTE_LOOKBACK)..n]
            .iter()
            .filter(|q| q.range != *span && span.end <= q.range.end)
            .min_by_key(|q| q.range.len())
    }
}

/// Where words stand in the original file, kept after the document itself is dropped: the
/// words (whitespace collapsed) and their 1-based start and exclusive end line and column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Located {
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// What later stages keep of a document once its claims are extracted: who published it,
/// where it is, how long it is. The text itself is dropped, so memory holds claims, not
/// the corpus.
#[derive(Debug, Clone)]
pub struct DocInfo {
    path: PathBuf,
    id: String,
    pub meta: Meta,
    pub words: usize,
}

impl DocInfo {
    pub fn new(path: PathBuf, id: String, meta: Meta, words: usize) -> DocInfo {
        DocInfo {
            path,
            id,
            meta,
            words,
        }
    }

    /// The path the article was found at, as the user named it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A location-independent id: the path relative to the corpus folder it was found in.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl From<&Document> for DocInfo {
    fn from(d: &Document) -> DocInfo {
        DocInfo::new(d.path.clone(), d.id.clone(), d.meta.clone(), d.words)
    }
}

/// How many quotations opened before a span may hold it: quotations nest only a level or two,
/// but a paragraph may hold several closed ones between an open quotation and the span.
pub const QUOTE_LOOKBACK: usize = 64;
