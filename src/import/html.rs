//! A saved web page: the main text by readability (dom_smoothie), the metadata from
//! JSON-LD `NewsArticle`, OpenGraph, `<meta>` tags and `<time datetime>`, in that order of
//! trust, each date with the name of where it was read.

use super::{Record, normalize_date};
use dom_query::Document;

pub fn read(html: &str) -> Record {
    let doc = Document::from(html);
    let mut record = Record::default();
    json_ld(&doc, &mut record);
    let meta = |selector: &str| -> Option<String> {
        doc.select(selector)
            .iter()
            .find_map(|m| m.attr("content").map(|c| c.trim().to_string()))
            .filter(|c| !c.is_empty())
    };
    record.url = record
        .url
        .take()
        .or_else(|| meta(r#"meta[property="og:url"]"#))
        .or_else(|| {
            doc.select(r#"link[rel="canonical"]"#)
                .iter()
                .find_map(|l| l.attr("href").map(|h| h.to_string()))
        });
    let (text, readable_title) = main_text(html);
    record.text = text;
    record.title = record
        .title
        .take()
        .or_else(|| meta(r#"meta[property="og:title"]"#))
        .or(readable_title)
        .or_else(|| {
            let t = doc.select("title").text().trim().to_string();
            (!t.is_empty()).then_some(t)
        });
    record.site_name = record
        .site_name
        .take()
        .or_else(|| meta(r#"meta[property="og:site_name"]"#));
    record.author = record
        .author
        .take()
        .or_else(|| meta(r#"meta[name="author"]"#))
        .or_else(|| meta(r#"meta[property="article:author"]"#))
        .or_else(|| {
            let byline = doc.select(r#"[rel="author"], .byline, [itemprop="author"]"#);
            let t = byline.first().text().trim().to_string();
            let t = t.strip_prefix("By ").unwrap_or(&t).trim().to_string();
            (!t.is_empty() && t.len() < 100).then_some(t)
        });
    if record.published.is_none() {
        let dated = [
            (
                r#"meta[property="article:published_time"]"#,
                "opengraph article:published_time",
            ),
            (
                r#"meta[name="article:published_time"]"#,
                "meta article:published_time",
            ),
            (
                r#"meta[itemprop="datePublished"]"#,
                "meta itemprop datePublished",
            ),
            (r#"meta[name="date"]"#, "meta date"),
            (r#"meta[name="pubdate"]"#, "meta pubdate"),
            (r#"meta[name="dc.date"]"#, "meta dc.date"),
            (r#"meta[name="DC.date.issued"]"#, "meta DC.date.issued"),
        ];
        record.published = dated.iter().find_map(|(selector, basis)| {
            meta(selector)
                .and_then(|d| normalize_date(&d))
                .map(|d| (d, (*basis).to_string()))
        });
    }
    if record.published.is_none() {
        record.published = doc.select("time[datetime]").iter().find_map(|t| {
            t.attr("datetime")
                .and_then(|d| normalize_date(&d))
                .map(|d| (d, "time datetime".to_string()))
        });
    }
    record
}

/// The article's text without the page's furniture (navigation, related links, comments),
/// and its title without the site's name.
fn main_text(html: &str) -> (String, Option<String>) {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    match dom_smoothie::Readability::new(html, None, Some(config)).and_then(|mut r| r.parse()) {
        Ok(article) => {
            let title = article.title.trim().to_string();
            (
                article.text_content.to_string(),
                (!title.is_empty()).then_some(title),
            )
        }
        Err(_) => (String::new(), None),
    }
}

/// The first JSON-LD object of a news type (`NewsArticle`, `ReportageNewsArticle`,
/// `Article`, ...), also inside a list or `@graph`.
fn json_ld(doc: &Document, record: &mut Record) {
    for script in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(script.text().trim()) else {
            continue;
        };
        if let Some(article) = find_article(&value) {
            let text = |v: &serde_json::Value| -> Option<String> {
                match v {
                    serde_json::Value::String(s) => Some(s.trim().to_string()),
                    serde_json::Value::Object(o) => o
                        .get("name")
                        .or_else(|| o.get("@id"))
                        .and_then(|n| n.as_str())
                        .map(|s| s.trim().to_string()),
                    serde_json::Value::Array(a) => {
                        let names: Vec<String> = a
                            .iter()
                            .filter_map(|x| match x {
                                serde_json::Value::String(s) => Some(s.clone()),
                                serde_json::Value::Object(o) => {
                                    o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                                }
                                _ => None,
                            })
                            .collect();
                        (!names.is_empty()).then(|| names.join(", "))
                    }
                    _ => None,
                }
                .filter(|s| !s.is_empty())
            };
            record.title = article.get("headline").and_then(text);
            record.author = article.get("author").and_then(text);
            record.url = article
                .get("url")
                .and_then(text)
                .or_else(|| article.get("mainEntityOfPage").and_then(text));
            record.site_name = article.get("publisher").and_then(text);
            record.published = article
                .get("datePublished")
                .and_then(|d| d.as_str())
                .and_then(normalize_date)
                .map(|d| (d, "json-ld datePublished".to_string()));
            return;
        }
    }
}

fn find_article(v: &serde_json::Value) -> Option<&serde_json::Map<String, serde_json::Value>> {
    match v {
        serde_json::Value::Array(items) => items.iter().find_map(find_article),
        serde_json::Value::Object(o) => {
            let is_article = |t: &serde_json::Value| {
                t.as_str().is_some_and(|t| {
                    t.ends_with("NewsArticle") || t == "Article" || t == "BlogPosting"
                })
            };
            let typed = match o.get("@type") {
                Some(serde_json::Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                Some(o)
            } else {
                o.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}
