//! Byte offset → 1-based line and column. Parsers report byte offsets; people read lines.

use std::cell::Cell;

use crate::model::saturating_u32;

/// Start offsets of every line of a text, built once per file so each lookup is a binary
/// search rather than a rescan.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
    /// Last (line, offset, column) computed. Positions are mostly asked for in increasing
    /// order, and counting from the line start each time would be quadratic on a document
    /// written as one long line (a minified HTML page).
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`. Only `\n` ends a line, so CRLF files count lines exactly like LF files
    /// (the `\r` sits at the end of the previous line and never shifts a column).
    pub(crate) fn new(text: &'a [u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// Line and column of the byte at `offset`. Columns count characters (UTF-8 lead bytes), so
    /// a multi-byte character before the position counts once. Offsets past the end clamp to
    /// the end.
    pub(crate) fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (last_line, last_offset, last_column) = self.last.get();
        let (from, base) = if last_line == line && (start..=offset).contains(&last_offset) {
            (last_offset, last_column)
        } else {
            (start, 1)
        };
        let column = self.text[from..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
            + base;
        self.last.set((line, offset, column));
        (saturating_u32(line + 1), saturating_u32(column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_crlf_and_multibyte() {
        let text = "ab\r\ncd\n\u{00e9}x".as_bytes();
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(4), (2, 1));
        assert_eq!(index.position(5), (2, 2));
        // 'x' comes after a two-byte character: column 2, not 3.
        assert_eq!(index.position(9), (3, 2));
        assert_eq!(index.position(999), (3, 3));
        // Asked out of order, the cached column is not reused.
        assert_eq!(index.position(5), (2, 2));
        assert_eq!(index.position(4), (2, 1));
    }
}
