//! GitHub-flavoured Markdown tables.

use std::io::{self, Write};

/// Escape a cell: pipes would split it, newlines would end the row, and raw HTML, links and
/// images from an article or an outlet name would render (a job summary on GitHub shows
/// them). The renderers' own `<br>` line breaks are kept.
pub fn cell(s: &str) -> String {
    s.split("<br>").map(text).collect::<Vec<_>>().join("<br>")
}

/// Escape inline text: `|` and `\\` are backslash-escaped, `<` and `>` become entities (no
/// raw HTML, no autolinks), `](` is broken (no inline link or image), line breaks become
/// spaces and control characters are shown escaped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let shown = super::printable(s, true);
    let mut chars = shown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' => {
                out.push('\\');
                out.push(c);
            }
            ']' if chars.peek() == Some(&'(') => out.push_str("]\\"),
            c => out.push(c),
        }
    }
    out
}

/// Write a table with a header row; cells are escaped here.
pub fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    writeln!(
        out,
        "| {} |",
        header
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    writeln!(
        out,
        "|{}",
        header.iter().map(|_| " --- |").collect::<String>()
    )?;
    for row in rows {
        writeln!(
            out,
            "| {} |",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        let mut out = Vec::new();
        write_table(
            &mut out,
            &["a", "b"],
            &[vec!["x|y".into(), "line\nbreak".into()]],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| a | b |\n| --- | --- |\n| x\\|y | line break |\n"
        );
    }

    #[test]
    fn html_links_and_images_from_the_input_do_not_render() {
        let c = cell("<img src=x onerror=alert(1)>![t](http://x/y.png)[a](http://x)<br>\u{1b}[31m");
        assert_eq!(
            c,
            "&lt;img src=x onerror=alert(1)&gt;![t]\\(http://x/y.png)[a]\\(http://x)<br>\\\\u{1b}[31m"
        );
    }
}
