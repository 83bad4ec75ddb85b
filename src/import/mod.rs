//! `crosscheck import`: saved web pages, crawler output and spreadsheet rows turned into
//! articles with front matter.
//!
//! Each input gives [`Record`]s: text and what is known of it (URL, title, author, date and
//! where the date came from). A record becomes an article when its outlet is known (by its
//! domain through `outlets.yaml`) and it has a publication date; otherwise it is reported,
//! with an `outlets.yaml` entry to paste for an unknown domain. Dates are never guessed and
//! files are never overwritten unless asked.

mod html;
mod records;

use crate::corpus::Outlets;
use crate::diagnostic::{Diagnostic, display_path};
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// What one input says of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// The publication date as YYYY-MM-DD, and where it was read (`published_basis`).
    pub published: Option<(String, String)>,
    /// An outlet id given by the input itself (a CSV column).
    pub outlet: Option<String>,
    /// The site's own name, for an outlets.yaml entry to paste.
    pub site_name: Option<String>,
    pub text: String,
    /// Where in the input the record is: a JSON Lines line, a CSV row.
    pub locator: Option<String>,
}

/// The records of one input file, with the file's name and digest for provenance.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub sha256: String,
    pub records: Vec<Record>,
}

/// How a CSV's columns map to record fields: field name -> column header.
pub type ColumnMap = BTreeMap<String, String>;

/// The fields a CSV column can fill.
pub const CSV_FIELDS: &[&str] = &["url", "title", "text", "published", "author", "outlet"];

/// Read one input, by its extension: `.html`/`.htm`, `.json`, `.jsonl`/`.ndjson`, `.csv`.
pub fn read(path: &Path, columns: &ColumnMap) -> std::result::Result<Source, Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Diagnostic::error(
            path,
            format!("cannot read: {}", crate::corpus::walk::io_reason(&e)),
        )]
    })?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8_lossy(&bytes);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let records = match ext.as_str() {
        "html" | "htm" | "xhtml" => vec![html::read(&text)],
        "json" => records::json(path, &text)?,
        "jsonl" | "ndjson" => records::json_lines(path, &text)?,
        "csv" => records::csv(path, &text, columns)?,
        _ => {
            return Err(vec![
                Diagnostic::error(path, "not a file crosscheck imports").with_help(
                    "import reads .html/.htm pages, .json, .jsonl/.ndjson and .csv files",
                ),
            ]);
        }
    };
    Ok(Source {
        path: path.to_path_buf(),
        sha256,
        records,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What became of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to this file.
    Written(PathBuf),
    /// The file exists already; left as it is (`--force` replaces it).
    Exists(PathBuf),
    /// No outlet in outlets.yaml has the page's domain: the entry to paste.
    UnknownDomain { domain: String, entry: String },
    /// Not imported, and why.
    Refused(String),
}

/// One record's outcome, named by its input.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PathBuf,
    pub locator: Option<String>,
    pub outcome: Outcome,
}

/// Turn `sources` into articles in `into`. Only new files are written, unless `force`.
pub fn import(
    sources: &[Source],
    outlets: &Outlets,
    into: &Path,
    force: bool,
) -> Result<Vec<Imported>> {
    let mut done = Vec::new();
    let mut names: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for source in sources {
        for record in &source.records {
            let outcome = match plan(record, source, outlets, into) {
                Ok((path, article)) => {
                    let n = names.entry(path.clone()).or_insert(0);
                    *n += 1;
                    // Two records that would share a name are told apart by a number.
                    let path = if *n > 1 {
                        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                        path.with_file_name(format!("{stem}-{n}.md"))
                    } else {
                        path
                    };
                    write(&path, &article, force)?
                }
                Err(outcome) => outcome,
            };
            done.push(Imported {
                source: source.path.clone(),
                locator: record.locator.clone(),
                outcome,
            });
        }
    }
    Ok(done)
}

fn write(path: &Path, article: &str, force: bool) -> Result<Outcome> {
    if path.exists() && !force {
        return Ok(Outcome::Exists(path.to_path_buf()));
    }
    let io = |e: std::io::Error| {
        Error::single(Diagnostic::error(
            path,
            format!("cannot write: {}", crate::corpus::walk::io_reason(&e)),
        ))
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    crate::output::write_atomic(path, article.as_bytes())?;
    Ok(Outcome::Written(path.to_path_buf()))
}

/// The file name and article for `record`, or why it cannot be imported.
fn plan(
    record: &Record,
    source: &Source,
    outlets: &Outlets,
    into: &Path,
) -> std::result::Result<(PathBuf, String), Outcome> {
    if record.text.trim().is_empty() {
        return Err(Outcome::Refused("no article text found".into()));
    }
    let domain = record.url.as_deref().and_then(domain_of);
    let outlet = match (&record.outlet, &domain) {
        (Some(id), _) if outlets.get(id).is_some() => id.clone(),
        (Some(id), _) => {
            return Err(Outcome::Refused(format!(
                "outlet `{id}` is not in {}",
                display_path(&outlets.path)
            )));
        }
        (None, Some(domain)) => match outlet_of(outlets, domain) {
            Some(id) => id,
            None => {
                return Err(Outcome::UnknownDomain {
                    domain: domain.clone(),
                    entry: outlet_entry(domain, record.site_name.as_deref()),
                });
            }
        },
        (None, None) => {
            return Err(Outcome::Refused(
                "no URL, so no domain to find the outlet by (a CSV may name it in an `outlet` column)".into(),
            ));
        }
    };
    let Some((published, basis)) = &record.published else {
        return Err(Outcome::Refused(
            "no publication date in its metadata; not guessed (add `published:` by hand)".into(),
        ));
    };
    let slug = slug(
        record
            .title
            .as_deref()
            .or(record.url.as_deref())
            .unwrap_or("article"),
    );
    let name = format!("{published}-{outlet}-{slug}.md");
    let mut fm = String::from("---\n");
    let mut field = |key: &str, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            fm.push_str(&format!("{key}: {}\n", crate::yaml::scalar(v)));
        }
    };
    field("outlet", Some(&outlet));
    field("published", Some(published));
    field("published_basis", Some(basis));
    field("title", record.title.as_deref());
    field("author", record.author.as_deref());
    field("url", record.url.as_deref());
    let file_name = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let source_name = match (&file_name, &record.locator) {
        (Some(f), Some(l)) => Some(format!("{f} ({l})")),
        (f, _) => f.clone(),
    };
    field("source", source_name.as_deref());
    field("source_sha256", Some(&source.sha256));
    let mut text = tidy(&record.text);
    // Readability keeps the headline as the first paragraph; it is the title, not text.
    if let Some(title) = record.title.as_deref() {
        let first = text.split("\n\n").next().unwrap_or("");
        if first.trim() == title.trim() && text.len() > first.len() {
            text = text[first.len()..].trim_start().to_string();
        }
    }
    field("dateline", dateline(&text));
    fm.push_str("---\n");
    Ok((into.join(name), fm + &text + "\n"))
}

/// Text with its lines trimmed, runs of blank lines cut to one, paragraphs kept.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// A wire-style dateline at the start of the text ("CITY, April 5 (Wire) -"): kept in the
/// text, and recorded so a reader knows where the story was filed from.
pub fn dateline(text: &str) -> Option<&str> {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^((?:[A-Z][A-Z'’.\-]+)(?:[ ,]+[A-Z][A-Za-z'’.\-]*){0,4}(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2})?(?: \([^)\n]{1,40}\))?) ?[-–—]{1,2} ",
        )
        .expect("a valid dateline pattern")
    });
    RE.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim_end_matches([' ', ',']))
}

/// The host of a URL, without `www.`, lower case.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// The outlet whose `domains` hold `domain` or a parent of it (news.example.com is
/// example.com's).
fn outlet_of(outlets: &Outlets, domain: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for id in outlets.ids() {
        let Some(o) = outlets.get(id) else { continue };
        for d in &o.domains {
            let d = d.trim().to_ascii_lowercase();
            let d = d.strip_prefix("www.").unwrap_or(&d);
            let matches = domain == d || domain.ends_with(&format!(".{d}"));
            if matches && best.is_none_or(|(len, _)| d.len() > len) {
                best = Some((d.len(), id));
            }
        }
    }
    best.map(|(_, id)| id.to_string())
}

/// An outlets.yaml entry for a domain no outlet has, ready to paste.
fn outlet_entry(domain: &str, site_name: Option<&str>) -> String {
    let base = domain.split('.').next().unwrap_or(domain);
    let id = slug(site_name.unwrap_or(base));
    let name = site_name.map_or_else(|| domain.to_string(), str::to_string);
    format!(
        "  - id: {id}\n    name: {}\n    domains: [{domain}]\n",
        crate::yaml::scalar(&name)
    )
}

/// Lower-case ASCII words joined by `-`, at most 60 characters.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "article".into()
    } else {
        out
    }
}

/// A date as YYYY-MM-DD from how metadata writes it: ISO 8601 (a date or a datetime, the
/// day as written) or RFC 2822. Anything else is not read: a date is never guessed.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() >= 10 {
        let head = &s[..10];
        if head.parse::<jiff::civil::Date>().is_ok()
            && (s.len() == 10 || s[10..].starts_with(['T', 't', ' ']))
        {
            return Some(head.to_string());
        }
    }
    jiff::fmt::rfc2822::parse(s)
        .ok()
        .map(|z| z.date().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_found_at_the_start_only() {
        assert_eq!(
            dateline("BEIRUT, April 5 (Reuters) - Fighting resumed."),
            Some("BEIRUT, April 5 (Reuters)")
        );
        assert_eq!(
            dateline("IDLIB, Syria (AP) — Shelling hit the town."),
            Some("IDLIB, Syria (AP)")
        );
        assert_eq!(dateline("Fighting resumed - officials said."), None);
        assert_eq!(dateline("The UN - which monitors - said."), None);
    }

    #[test]
    fn dates_are_read_as_written_or_not_at_all() {
        assert_eq!(
            normalize_date("2020-03-10T23:30:00+03:00").as_deref(),
            Some("2020-03-10")
        );
        assert_eq!(
            normalize_date("2020-03-10 12:00:00").as_deref(),
            Some("2020-03-10")
        );
        assert_eq!(
            normalize_date("Tue, 10 Mar 2020 08:00:00 +0000").as_deref(),
            Some("2020-03-10")
        );
        assert_eq!(normalize_date("03/10/2020"), None, "ambiguous: not guessed");
        assert_eq!(normalize_date("yesterday"), None);
    }

    #[test]
    fn domains_ignore_www_ports_and_paths() {
        assert_eq!(
            domain_of("https://www.Example.com:443/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            domain_of("news.example.org/x").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(domain_of("not a url"), None);
    }
}
