//! Every call into the YAML parser lives here.
//!
//! serde_yaml is deprecated upstream; keeping it behind this one module means a maintained fork
//! can replace it by editing a single file. Errors come back with a 1-based line and column, the
//! YAML path of the failing value (via serde_path_to_error) and, for unknown keys, the key and
//! the list of keys that were expected so callers can suggest the nearest one.

use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// A YAML problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line within the parsed text (0 when the parser could not tell).
    pub line: usize,
    /// 1-based column within the parsed text (0 when unknown).
    pub column: usize,
    /// The YAML path of the failing value, e.g. `outlets[2].boilerplate[0]`.
    pub path: String,
    pub message: String,
    /// For an unknown key: the key, and the keys allowed in its place.
    pub unknown_key: Option<(String, Vec<String>)>,
}

/// Serialize `value` as YAML (for showing rules back to their authors).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

/// The deepest nesting of collections a YAML input may have. Real files nest four or five
/// deep; the parser's time grows with the square of the depth (a front matter value of
/// 100,000 nested `[` took 37 s).
pub const MAX_DEPTH: usize = 64;
/// The largest YAML input parsed. Files are also capped when read
/// (with [`MAX_FILE_BYTES`]); this bounds YAML from anywhere else (front matter).
pub const MAX_BYTES: usize = MAX_FILE_BYTES as usize;

/// The most bytes read of a YAML file (outlets, rules, lexicons, config): the largest real
/// one is a few hundred kilobytes, and the parser's memory is a multiple of its input.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deserialize a whole YAML document into `T`. Inputs larger than [`MAX_BYTES`] or nested
/// deeper than [`MAX_DEPTH`] are refused before the parser sees them, with the place where
/// the limit was passed.
pub fn from_str<T: DeserializeOwned>(src: &str) -> Result<T, YamlError> {
    check_shape(src)?;
    let de = serde_yaml::Deserializer::from_str(src);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let (line, column) = inner
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let message = strip_path_prefix(&strip_location(&inner.to_string())).to_string();
        let unknown_key = parse_unknown_key(&message);
        YamlError {
            line,
            column,
            path,
            message,
            unknown_key,
        }
    })
}

/// Refuse `src` when it is larger than [`MAX_BYTES`] or nests collections deeper than
/// [`MAX_DEPTH`], in one pass. Flow collections (`[`, `{`) are counted outside quoted
/// scalars and comments where a value can begin (a plain scalar such as `^a[0-9]` holds
/// brackets that open nothing); block collections by the indentation levels open at a line
/// and the `- ` items that begin it.
fn check_shape(src: &str) -> Result<(), YamlError> {
    let refuse = |line: usize, column: usize, message: String| YamlError {
        line,
        column,
        path: String::new(),
        message,
        unknown_key: None,
    };
    if src.len() > MAX_BYTES {
        return Err(refuse(
            1,
            1,
            format!(
                "this YAML is {} bytes, more than the limit of {MAX_BYTES}",
                src.len()
            ),
        ));
    }
    let too_deep = |line: usize, column: usize| {
        refuse(
            line,
            column,
            format!("collections nested more than {MAX_DEPTH} deep"),
        )
    };
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut quote: Option<u8> = None;
    for (n, line) in src.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = bytes[indent..].iter().all(|b| b.is_ascii_whitespace())
            || bytes.get(indent) == Some(&b'#');
        if flow == 0 && quote.is_none() && !blank {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
            // `- - - x` opens one sequence per dash on this line.
            let mut at = indent;
            while bytes.get(at) == Some(&b'-') && bytes.get(at + 1).is_none_or(|b| *b == b' ') {
                indents.push(at + 2);
                at += 2;
                while bytes.get(at) == Some(&b' ') {
                    at += 1;
                }
            }
            if indents.len() > MAX_DEPTH {
                return Err(too_deep(n + 1, indent + 1));
            }
        }
        let mut prev = b' ';
        // The last character before this one that is not a space: a value begins after
        // `:`, `-`, `?`, `,`, `[`, `{` or at the start of a line.
        let mut last = b'\n';
        for (i, &b) in bytes.iter().enumerate() {
            if let Some(q) = quote {
                if b == q && (q == b'\'' || prev != b'\\') {
                    quote = None;
                    last = b;
                }
                // A backslash escapes only the next character.
                prev = if prev == b'\\' && b == b'\\' { b' ' } else { b };
                continue;
            }
            let after_space = matches!(prev, b' ' | b'\t');
            let starts_value = (after_space || matches!(prev, b'[' | b'{' | b','))
                && matches!(last, b'\n' | b':' | b'-' | b'?' | b',' | b'[' | b'{')
                || i == 0;
            match b {
                b'#' if after_space || i == 0 => break,
                b'"' | b'\'' if starts_value || flow > 0 && matches!(last, b'[' | b'{' | b',') => {
                    quote = Some(b)
                }
                b'[' | b'{' if starts_value || flow > 0 => {
                    flow += 1;
                    if flow + indents.len() > MAX_DEPTH {
                        return Err(too_deep(n + 1, line[..i].chars().count() + 1));
                    }
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                _ => {}
            }
            prev = b;
            if !matches!(b, b' ' | b'\t') {
                last = b;
            }
        }
    }
    Ok(())
}

/// Best-effort locations (line, column) of every `key: value` in YAML source, block style
/// (`id: x`) or flow style (`{id: x, ...}`), for checks made after parsing (duplicate ids,
/// unknown references) when the parser's own locations are gone.
pub fn locate_key_value(src: &str, key: &str, value: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    each_key_value(src, key, |v, line, col| {
        if v == value {
            found.push((line, col));
        }
    });
    found
}

/// Every value of `key` in `src` with its locations, in one pass: for locating many values
/// (every duplicate id of a large gazetteer) without a pass over the text for each.
pub fn key_value_index(
    src: &str,
    key: &str,
) -> std::collections::HashMap<String, Vec<(usize, usize)>> {
    let mut index: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
    each_key_value(src, key, |v, line, col| {
        index.entry(v.to_string()).or_default().push((line, col))
    });
    index
}

fn each_key_value(src: &str, key: &str, mut found: impl FnMut(&str, usize, usize)) {
    for (n, line) in src.lines().enumerate() {
        let mut from = 0;
        while let Some(i) = line[from..].find(key) {
            let at = from + i;
            from = at + key.len();
            let before_ok = line[..at]
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-'));
            let Some(rest) = line[at + key.len()..].trim_start().strip_prefix(':') else {
                continue;
            };
            let v = rest
                .split([',', '}', '#'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            if before_ok {
                found(v, n + 1, line[..at].chars().count() + 1);
            }
        }
    }
}

/// The keys of a YAML mapping document, in order; `None` when `src` is not one. For
/// reporting every unknown key of a mapping, where serde stops at the first.
pub fn mapping_keys(src: &str) -> Option<Vec<String>> {
    let value: serde_yaml::Value = serde_yaml::from_str(src).ok()?;
    let map = value.as_mapping()?;
    Some(
        map.keys()
            .map(|k| match k {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            })
            .collect(),
    )
}

/// The ids of a rule file's entries, `(top-level key, id)`, read line by line: each item of
/// a top-level list with `id: X` on its `- ` line (block or flow style) or as a key of the
/// item, and each key of the top-level mappings named in `maps`. `None` when the text holds
/// what this reading is not sure of (tabs, merge keys, a top-level list, a quoted key, an id
/// in a one-line flow collection): the caller then asks the parser. Knowing which entries a
/// later rule pack replaces costs a parse of every rule file otherwise, a tenth of start-up.
pub fn entry_ids(src: &str, maps: &[&str]) -> Option<Vec<(String, String)>> {
    if src.contains('\t') || src.contains("<<:") {
        return None;
    }
    let scalar = |v: &str| -> Option<String> {
        let v = v.split(" #").next().unwrap_or("").trim();
        let v = v.trim_matches(|c| c == '"' || c == '\'');
        (!v.is_empty() && !v.contains(['"', '\'', '{', '[', '&', '*'])).then(|| v.to_string())
    };
    let mut out = Vec::new();
    let mut section: Option<&str> = None;
    let mut map_indent: Option<usize> = None;
    // The current item's indentation, and whether its id was found.
    let mut item: Option<(usize, bool)> = None;
    for line in src.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        if indent == 0 {
            if body.starts_with('-') || body.starts_with(['"', '\'']) {
                return None;
            }
            let (key, rest) = body.split_once(':')?;
            let rest = rest.split(" #").next().unwrap_or("").trim();
            if rest.contains("id:") {
                return None;
            }
            section = Some(key);
            map_indent = None;
            item = None;
            continue;
        }
        let Some(key) = section else { continue };
        if maps.contains(&key) {
            let first = *map_indent.get_or_insert(indent);
            if indent == first {
                if body.starts_with(['"', '\'', '-']) {
                    return None;
                }
                let (name, _) = body.split_once(':')?;
                out.push((key.to_string(), name.trim().to_string()));
            }
            continue;
        }
        if let Some(rest) = body.strip_prefix("- ") {
            if item.is_some_and(|(i, _)| indent > i) {
                continue;
            }
            let rest = rest.trim_start();
            if rest.starts_with(['&', '*', '!', '|', '>', '?']) {
                return None;
            }
            let written = if let Some(flow) = rest.strip_prefix('{') {
                flow.split([',', '}'])
                    .map(str::trim)
                    .find_map(|kv| kv.strip_prefix("id:"))
            } else {
                rest.strip_prefix("id:")
            };
            // An id this reading cannot take as written goes to the parser.
            let id = match written {
                Some(v) => Some(scalar(v)?),
                None => None,
            };
            if let Some(id) = &id {
                out.push((key.to_string(), id.clone()));
            }
            item = Some((indent, id.is_some()));
            continue;
        }
        if let Some((at, false)) = item
            && indent == at + 2
            && let Some(v) = body.strip_prefix("id:")
        {
            out.push((key.to_string(), scalar(v)?));
            item = Some((at, true));
        }
    }
    Some(out)
}

/// A scalar of a flat mapping: `None` where YAML reads null.
pub type FlatScalar<'a> = Option<Cow<'a, str>>;

/// A flat mapping of scalars read without the YAML parser, or `None` when `src` holds
/// anything whose reading is not plain: the caller then parses it with [`from_str`], which
/// also reports every error. Front matter is one such mapping per article, and the parser
/// (events, allocation, serde's visitor) cost several times this walk.
///
/// Each line is blank, a comment, or `key: value` at column 0 with a key of lower-case
/// letters, `_` and `-`. A value is empty (no value), plain (starting with a letter or
/// digit, holding no `: `, ` #` or tab, trailing spaces dropped), single-quoted (`''` for a
/// quote) or double-quoted without escapes; it is `None` where YAML reads null (empty, or
/// `null`, `Null`, `NULL` unquoted). Characters YAML does not allow, or treats as
/// line breaks, send the whole text to the parser.
pub fn flat_scalars(src: &str) -> Option<Vec<(&str, FlatScalar<'_>)>> {
    let bytes = src.as_bytes();
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if src
        .char_indices()
        .any(|(i, c)| c != '\n' && c != '\r' && not_plain_text(c) || c == '\r' && lone_cr(i))
    {
        return None;
    }
    let mut pairs = Vec::new();
    for line in src.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ') || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
            || !(rest.is_empty() || rest.starts_with(' '))
        {
            return None;
        }
        let value = rest.trim_matches(' ');
        let value = match value.as_bytes().first() {
            None => None,
            Some(b'"') => {
                let inner = value[1..].strip_suffix('"')?;
                if inner.contains(['"', '\\']) {
                    return None;
                }
                Some(Cow::Borrowed(inner))
            }
            Some(b'\'') => {
                let inner = value[1..].strip_suffix('\'')?;
                if inner.replace("''", "").contains('\'') {
                    return None;
                }
                Some(if inner.contains('\'') {
                    Cow::Owned(inner.replace("''", "'"))
                } else {
                    Cow::Borrowed(inner)
                })
            }
            Some(b) if b.is_ascii_alphanumeric() => {
                if value.contains(": ") || value.ends_with(':') || value.contains(" #") {
                    return None;
                }
                (!matches!(value, "null" | "Null" | "NULL")).then_some(Cow::Borrowed(value))
            }
            Some(_) => return None,
        };
        pairs.push((key, value));
    }
    (!pairs.is_empty()).then_some(pairs)
}

/// Characters a flat scalar may not hold: tabs and other controls, and those YAML reads as
/// line breaks or does not allow in a document.
fn not_plain_text(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// The 1-based line of the first `key:` at the top level of a flat mapping.
pub fn locate_key(src: &str, key: &str) -> Option<usize> {
    src.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|n| n + 1)
}

/// serde_yaml writes " at line L column C" into its messages, counted within the parsed text;
/// we report the location ourselves (shifted when the YAML is embedded in a larger file).
fn strip_location(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(tail);
        match tail[n..].strip_prefix(" column ") {
            Some(after) if n > 0 && digits(after) > 0 => rest = &after[digits(after)..],
            _ => {
                out.push_str(" at line ");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// serde_yaml prefixes nested errors with their path ("outlets[0]: ..."), reported separately.
fn strip_path_prefix(message: &str) -> &str {
    match message.split_once(": ") {
        Some((head, rest))
            if !head.is_empty()
                && head
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '[' | ']' | '.')) =>
        {
            rest
        }
        _ => message,
    }
}

/// serde's message for `deny_unknown_fields` is "unknown field `x`, expected one of `a`, `b`"
/// (or "expected `a`", or "there are no fields").
fn parse_unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    let key = rest[..end].to_string();
    let expected = rest[end + 1..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key, expected))
}

/// A YAML scalar for `v`: plain when it reads back as itself, JSON-quoted otherwise (what
/// `import` writes into front matter and `suggest` into gazetteer entries).
pub fn scalar(v: &str) -> String {
    let plain = v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':')
        && !v.chars().any(|c| c.is_control())
        && !matches!(
            v.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "~"
        );
    if plain {
        v.to_string()
    } else {
        serde_json::to_string(v).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn deep_nesting_is_refused_before_parsing_with_its_place() {
        let deep = format!("title: {}x{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = from_str::<serde_json::Value>(&format!("a: 1\n{deep}")).unwrap_err();
        assert_eq!(
            (e.line, e.message.contains("nested more than 64")),
            (2, true),
            "{e:?}"
        );
        assert_eq!(e.column, 8 + MAX_DEPTH - 1);
        let braces = format!("a: {}1{}", "{b: ".repeat(70), "}".repeat(70));
        assert!(from_str::<serde_json::Value>(&braces).is_err());
        let mut block = String::new();
        for d in 0..70 {
            block.push_str(&format!("{}k{d}:\n", " ".repeat(d)));
        }
        assert!(
            from_str::<serde_json::Value>(&block)
                .unwrap_err()
                .message
                .contains("nested")
        );
        let dashes = format!("{}x\n", "- ".repeat(70));
        assert!(from_str::<serde_json::Value>(&dashes).is_err());
    }

    #[test]
    fn brackets_in_scalars_and_ordinary_nesting_are_not_counted() {
        let src = format!(
            "patterns:\n  - ^a[0-9]{}\n  - '{}'\n  - \"{}\"\nlist: {}  # {}\n",
            "[x".repeat(80),
            "[".repeat(80),
            "{".repeat(80),
            "[a, [b, {c: [d]}]]",
            "[".repeat(80)
        );
        let v: serde_json::Value = from_str(&src).unwrap();
        assert_eq!(v["patterns"].as_array().unwrap().len(), 3);
        let nested = format!("a: {}1{}", "[".repeat(40), "]".repeat(40));
        assert!(from_str::<serde_json::Value>(&nested).is_ok());
    }
    use super::*;

    #[test]
    fn scalars_are_quoted_when_yaml_would_misread_them() {
        assert_eq!(scalar("Plain title"), "Plain title");
        assert_eq!(scalar("Syria: talks"), "\"Syria: talks\"");
        assert_eq!(scalar("\"Quoted\""), "\"\\\"Quoted\\\"\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("Varno"), "Varno");
        assert_eq!(scalar("al-Marun"), "al-Marun");
        assert_eq!(scalar("No"), "\"No\"");
        // Whatever the form, the scalar reads back as the text, in a flow mapping too.
        for v in [
            "Karsk's Front",
            "No",
            "Syria: talks",
            "al-Marun",
            "\"Quoted\"",
        ] {
            let m: std::collections::BTreeMap<String, String> =
                from_str(&format!("{{name: {}}}", scalar(v))).unwrap();
            assert_eq!(m["name"], v);
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        size: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct List {
        items: Vec<Item>,
    }

    #[test]
    fn type_errors_carry_line_column_and_path() {
        let err =
            from_str::<List>("items:\n  - name: a\n    size: 1\n  - name: b\n    size: big\n")
                .unwrap_err();
        assert_eq!((err.line, err.column), (5, 11));
        assert_eq!(err.path, "items[1].size");
        assert!(err.message.contains("invalid type"), "{}", err.message);
        assert!(!err.message.contains("at line"));
    }

    #[test]
    fn unknown_keys_name_the_key_and_the_alternatives() {
        let err = from_str::<List>("items:\n  - name: a\n    sise: 1\n").unwrap_err();
        assert_eq!(err.line, 3);
        let (key, expected) = err.unknown_key.expect("unknown key");
        assert_eq!(key, "sise");
        assert_eq!(expected, vec!["name".to_string(), "size".to_string()]);
    }

    #[test]
    fn embedded_locations_are_removed_from_messages() {
        assert_eq!(
            strip_location("found unexpected end of stream at line 4 column 1, while scanning"),
            "found unexpected end of stream, while scanning"
        );
        assert_eq!(strip_location("bad value at line 3 column 7"), "bad value");
        assert_eq!(strip_location("look at line items"), "look at line items");
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = from_str::<List>("items:\n  - name: [unclosed\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}
