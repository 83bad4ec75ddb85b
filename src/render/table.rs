//! Terminal tables (comfy-table) with a width decided by the caller.

use comfy_table::{ContentArrangement, Table, presets};

/// Width used when stdout is not a terminal, so logs and tests are stable.
pub const FIXED_WIDTH: u16 = 120;

/// A table with crosscheck's look, wrapped to `width` columns.
pub fn new_table(header: &[&str], width: u16) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.to_vec());
    // comfy-table would otherwise query the terminal itself; the width is ours to decide.
    t.force_no_tty();
    t
}
