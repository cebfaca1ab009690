//! Byte offset → 1-based line and column. Parsers report byte offsets; people read lines.

use std::cell::Cell;

use crate::model::saturating_u32;

/// Start offsets of every line of a text, built once per file so each lookup is a binary
/// search rather than a rescan.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a [u8],
    starts: std::borrow::Cow<'a, [usize]>,
    /// Last (line, offset, column) computed. Positions are mostly asked for in increasing
    /// order, and counting from the line start each time would be quadratic on a document
    /// written as one long line (a minified HTML page).
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`. Only `\n` ends a line, so CRLF files count lines exactly like LF files
    /// (the `\r` sits at the end of the previous line and never shifts a column).
    pub(crate) fn new(text: &'a [u8]) -> Self {
        LineIndex {
            text,
            starts: starts(text).into(),
            last: Cell::new((0, 0, 1)),
        }
    }

    /// Indexes `text` by its line starts `starts`, worked out before ([`starts`] of `text`).
    pub(crate) fn with_starts(text: &'a [u8], starts: &'a [usize]) -> Self {
        LineIndex {
            text,
            starts: starts.into(),
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

/// The start offset of every line of `text`: 0, then each byte after a `\n`.
pub(crate) fn starts(text: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    starts
}

/// Byte range of line `line` (1-based) of `text`, whose line starts are `starts`, without the
/// `\n` and `\r` bytes that end it (ASCII, so the range falls on character boundaries). A
/// final empty line after the last `\n` is not a line.
pub(crate) fn line_range(text: &[u8], starts: &[usize], line: u32) -> Option<(usize, usize)> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let start = *starts.get(index)?;
    if start >= text.len() {
        return None;
    }
    let mut end = starts.get(index + 1).copied().unwrap_or(text.len());
    while end > start && matches!(text[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    Some((start, end))
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

    /// The same ranges as splitting after each `\n` and trimming the line ends.
    #[test]
    fn line_ranges_match_split_inclusive() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\n",
            "x\r\r\n\ry",
            "\r",
            "é\n相机\r\nz",
        ] {
            let mut wanted = Vec::new();
            let mut start = 0;
            for piece in text.split_inclusive('\n') {
                let body = piece.trim_end_matches(['\n', '\r']);
                wanted.push((start, start + body.len()));
                start += piece.len();
            }
            let bytes = text.as_bytes();
            let starts = starts(bytes);
            let got: Vec<_> = (1..).map_while(|n| line_range(bytes, &starts, n)).collect();
            assert_eq!(got, wanted, "{text:?}");
            assert_eq!(line_range(bytes, &starts, 0), None);
        }
    }
}
