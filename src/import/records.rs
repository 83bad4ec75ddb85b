//! Crawler output and spreadsheet rows: news-please and trafilatura JSON (one object or a
//! list), JSON Lines, and CSV with a column map.

use super::{ColumnMap, Record, normalize_date};
use crate::diagnostic::Diagnostic;
use serde_json::Value;
use std::path::Path;

/// The fields news-please and trafilatura write, and where each record field is read from:
/// (record field, keys in order of preference).
const JSON_KEYS: &[(&str, &[&str])] = &[
    ("url", &["url", "source", "canonical_url"]),
    ("title", &["title", "headline"]),
    ("text", &["maintext", "text", "raw_text", "content", "body"]),
    ("author", &["authors", "author"]),
    (
        "site_name",
        &["sitename", "source_domain", "hostname", "source-hostname"],
    ),
];

/// Date keys and the `published_basis` each gives.
const JSON_DATES: &[(&str, &str)] = &[
    ("date_publish", "news-please date_publish"),
    ("date", "trafilatura date"),
    ("datePublished", "json datePublished"),
    ("published", "json published"),
];

pub fn json(path: &Path, text: &str) -> Result<Vec<Record>, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![Diagnostic::error(path, format!("not valid JSON: {e}")).at(e.line(), e.column())]
    })?;
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| object(path, v, format!("record {}", i + 1)))
            .collect(),
        v => Ok(vec![object(path, &v, String::new())?]),
    }
    .map(|records: Vec<Record>| {
        let n = records.len();
        records
            .into_iter()
            .map(|mut r| {
                if n == 1 {
                    r.locator = None;
                }
                r
            })
            .collect()
    })
}

pub fn json_lines(path: &Path, text: &str) -> Result<Vec<Record>, Vec<Diagnostic>> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match object(path, &v, format!("line {}", n + 1)) {
                Ok(r) => records.push(r),
                Err(mut e) => errors.append(&mut e),
            },
            Err(e) => errors.push(
                Diagnostic::error(path, format!("not valid JSON: {e}")).at(n + 1, e.column()),
            ),
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

fn object(path: &Path, v: &Value, locator: String) -> Result<Record, Vec<Diagnostic>> {
    let Value::Object(o) = v else {
        return Err(vec![Diagnostic::error(
            path,
            format!("{locator}: a record is a JSON object"),
        )]);
    };
    let get = |field: &str| -> Option<String> {
        let keys = JSON_KEYS.iter().find(|(f, _)| *f == field)?.1;
        keys.iter().find_map(|k| match o.get(*k)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Array(a) => {
                let names: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        })
    };
    let published = JSON_DATES.iter().find_map(|(k, basis)| {
        o.get(*k)
            .and_then(Value::as_str)
            .and_then(normalize_date)
            .map(|d| (d, (*basis).to_string()))
    });
    Ok(Record {
        url: get("url"),
        title: get("title"),
        author: get("author"),
        published,
        outlet: None,
        site_name: get("site_name"),
        text: get("text").unwrap_or_default(),
        locator: (!locator.is_empty()).then_some(locator),
    })
}

/// Header names read without a column map, per field.
const CSV_HEADERS: &[(&str, &[&str])] = &[
    ("url", &["url", "link", "address"]),
    ("title", &["title", "headline"]),
    ("text", &["text", "body", "content", "maintext", "article"]),
    (
        "published",
        &[
            "published",
            "date",
            "date_publish",
            "published_at",
            "pubdate",
        ],
    ),
    ("author", &["author", "authors", "byline"]),
    ("outlet", &["outlet"]),
];

pub fn csv(path: &Path, text: &str, columns: &ColumnMap) -> Result<Vec<Record>, Vec<Diagnostic>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(vec![Diagnostic::error(path, format!("not valid CSV: {e}"))]),
    };
    let mut errors = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    for (field, names) in CSV_HEADERS {
        let column = match columns.get(*field) {
            Some(c) => {
                let found = headers.iter().position(|h| h == c);
                if found.is_none() {
                    errors.push(
                        Diagnostic::error(path, format!("--columns {field}={c}: no column `{c}`"))
                            .at(1, 1)
                            .with_help(format!("the columns are: {}", headers.join(", "))),
                    );
                }
                found
            }
            None => headers
                .iter()
                .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n))),
        };
        if let Some(i) = column {
            index.insert(*field, i);
        }
    }
    if !index.contains_key("text") && errors.is_empty() {
        errors.push(
            Diagnostic::error(path, "no text column")
                .at(1, 1)
                .with_help(format!(
                    "name it with --columns text=COLUMN; the columns are: {}",
                    headers.join(", ")
                )),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut records = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(Diagnostic::error(path, format!("not valid CSV: {e}")).at(line, 1));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        let cell = |field: &str| {
            index
                .get(field)
                .and_then(|&i| row.get(i))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let column = index.get("published").map(|&i| headers[i].clone());
        records.push(Record {
            url: cell("url"),
            title: cell("title"),
            author: cell("author"),
            published: cell("published")
                .and_then(|d| normalize_date(&d))
                .map(|d| (d, format!("csv column {}", column.unwrap_or_default()))),
            outlet: cell("outlet"),
            site_name: None,
            text: cell("text").unwrap_or_default(),
            locator: Some(format!("line {line}")),
        });
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}
