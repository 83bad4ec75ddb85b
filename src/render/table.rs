//! Terminal tables (comfy-table) with a width decided by the caller.
//!
//! Cells are wrapped here, at spaces, before comfy-table draws them: its own wrapping cuts a
//! word or a path wherever the column ends ("Al-Shahi / d Witness"), and a cut path cannot
//! be copied or clicked. A word longer than its column keeps its line and the table runs
//! over the width instead.

use comfy_table::{CellAlignment, ContentArrangement, presets};
use std::fmt;

/// Width used when stdout is not a terminal, so logs and tests are stable.
pub const FIXED_WIDTH: u16 = 120;

/// A table with crosscheck's look, fitted to a width when it is drawn.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    width: u16,
    right: Vec<usize>,
}

/// A table with crosscheck's look, wrapped to `width` columns.
pub fn new_table(header: &[&str], width: u16) -> Table {
    Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
        width,
        right: Vec::new(),
    }
}

impl Table {
    pub fn add_row(&mut self, row: Vec<String>) -> &mut Self {
        self.rows.push(row);
        self
    }

    /// Align a column's cells to the right (numbers).
    pub fn align_right(&mut self, column: usize) -> &mut Self {
        self.right.push(column);
        self
    }
}

/// Display width of a line, in characters.
fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// The widest word (run without a space) of a cell: its column cannot be narrower without
/// cutting it.
fn longest_word(cell: &str) -> usize {
    cell.split([' ', '\n']).map(width_of).max().unwrap_or(0)
}

fn longest_line(cell: &str) -> usize {
    cell.lines().map(width_of).max().unwrap_or(0)
}

/// Wrap `text` at spaces to lines of at most `width` characters; a word longer than
/// `width` stays whole on a line of its own. Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A line's own indent is kept, and a list item's continuation lines are indented
        // under its text.
        let lead = line.len() - line.trim_start_matches(' ').len();
        let indent = lead + if line[lead..].starts_with("- ") { 2 } else { 0 };
        out.extend(std::iter::repeat_n(' ', lead));
        let mut col = lead;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let w = width_of(word);
            if col > lead && col + 1 + w > width {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', indent));
                col = indent;
            } else if col > lead {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += w;
        }
    }
    out
}

/// Column widths for `cells` (header first) in `total` terminal columns: every column at
/// least its longest word, the rest shared by how much more each would use.
fn fit(cells: &[&[String]], total: usize) -> Vec<usize> {
    let n = cells.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut min = vec![0; n];
    let mut natural = vec![0; n];
    for row in cells {
        for (i, c) in row.iter().enumerate() {
            min[i] = min[i].max(longest_word(c));
            natural[i] = natural[i].max(longest_line(c));
        }
    }
    // Borders and padding: "│ " before each column, " │" after the last.
    let available = total.saturating_sub(3 * n + 1);
    if natural.iter().sum::<usize>() <= available {
        return natural;
    }
    let floor: usize = min.iter().sum();
    if floor >= available {
        return min;
    }
    let spare = available - floor;
    let want: Vec<usize> = natural.iter().zip(&min).map(|(n, m)| n - m).collect();
    let wanted: usize = want.iter().sum();
    let mut widths: Vec<usize> = min
        .iter()
        .zip(&want)
        .map(|(m, w)| m + w * spare / wanted)
        .collect();
    // What the rounding left goes to the columns that still want it, first come first.
    let mut left = available - widths.iter().sum::<usize>();
    for (i, w) in widths.iter_mut().enumerate() {
        if left == 0 {
            break;
        }
        if *w < natural[i] {
            *w += 1;
            left -= 1;
        }
    }
    widths
}

impl Table {
    /// The table as records, for a width its columns cannot share without cutting words:
    /// each row's first cell as a heading, then one `Header: value` line per other cell.
    fn records(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = usize::from(self.width);
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let mut cells = row.iter().zip(&self.header);
            if let Some((first, _)) = cells.next() {
                writeln!(f, "{}", wrap(first, width))?;
            }
            for (cell, head) in cells {
                if cell.is_empty() {
                    continue;
                }
                let label = format!("  {}: ", head.replace('\n', " "));
                let hang = label.chars().count();
                let text = wrap(cell, width.saturating_sub(hang).max(20));
                let pad = " ".repeat(hang);
                for (j, line) in text.lines().enumerate() {
                    if j == 0 {
                        writeln!(f, "{label}{line}")?;
                    } else {
                        writeln!(f, "{pad}{line}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut all: Vec<&[String]> = vec![&self.header];
        all.extend(self.rows.iter().map(Vec::as_slice));
        let total = usize::from(self.width);
        let widths = fit(&all, total);
        let drawn = widths.iter().sum::<usize>() + 3 * widths.len() + 1;
        // A single column too narrow for a path runs over; several columns that cannot
        // share the width become records, which need no columns.
        if drawn > total && widths.len() > 2 {
            let widest = widths.iter().max().copied().unwrap_or(0);
            if drawn - widest + 20 > total {
                return self.records(f);
            }
        }
        let wrapped = |row: &[String]| -> Vec<String> {
            row.iter()
                .enumerate()
                .map(|(i, c)| wrap(c, widths[i]))
                .collect()
        };
        let mut t = comfy_table::Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(wrapped(&self.header));
        // comfy-table would otherwise query the terminal itself; the width is ours to decide.
        t.force_no_tty();
        for row in &self.rows {
            t.add_row(wrapped(row));
        }
        for &c in &self.right {
            if let Some(col) = t.column_mut(c) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        write!(f, "{t}")
    }
}

/// Add a row of cells, each made [`super::printable`]: cells hold names and words from the
/// input.
pub fn add_row(t: &mut Table, row: Vec<String>) {
    t.add_row(
        row.into_iter()
            .map(|c| super::printable(&c, true).into_owned())
            .collect::<Vec<_>>(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_never_inside_a_word() {
        assert_eq!(
            wrap("Al-Shahid Witness said", 12),
            "Al-Shahid\nWitness said"
        );
        let path = "corpus/2020-03-12-al-shahid-witness-signs-of-escalation.md:11:13";
        assert_eq!(wrap(&format!("at {path}"), 20), format!("at\n{path}"));
        assert_eq!(wrap("- one two three", 9), "- one two\n  three");
        assert_eq!(wrap("  a/b.md:1:2", 5), "  a/b.md:1:2");
    }

    #[test]
    fn tables_fit_the_width_without_cutting_words() {
        let mut t = new_table(&["Outlet", "Title"], 40);
        t.add_row(vec![
            "Al-Shahid Witness".into(),
            "Signs of escalation despite the ceasefire in Idlib".into(),
        ]);
        let s = t.to_string();
        assert!(s.lines().all(|l| l.chars().count() <= 40), "{s}");
        assert!(
            s.contains("Al-Shahid Witness") || s.contains("Al-Shahid"),
            "{s}"
        );
        for word in ["Al-Shahid", "escalation", "ceasefire", "Idlib"] {
            assert!(s.contains(word), "{word} cut in\n{s}");
        }
    }

    #[test]
    fn a_path_longer_than_the_width_runs_over_whole() {
        let path = "corpus/a-very-long-folder-name/and-a-long-file-name.md:1:1";
        let mut t = new_table(&["Where"], 30);
        t.add_row(vec![path.into()]);
        assert!(t.to_string().contains(path));
    }
}
