//! Markdown and plain-text pipe tables.
//!
//! A table is a line with `|` followed by a separator line (`|---|:--|`). Rows follow until a
//! blank line or a line without `|`. Publishing systems break rows over several lines, as the
//! seed agreement's Appendix 2 does:
//!
//! ```text
//! |
//! Get phone state READ_PHONE_STATE |
//! Get phone state | Caller ID |
//! ```
//!
//! so a row that has fewer cells than the header is continued by the following lines until it
//! has them all: a line that starts with `|` always starts a new row, any other line continues
//! the open row (at most [`MAX_CONTINUATION`] lines, so one missing `|` cannot swallow the
//! rest of the document).

use std::ops::Range;

use super::text::{Cell, RawRow, RawTable, Shape};

/// Longest line read as the header of a table without a separator line: a header is a few
/// column names, and splitting every long line of a document into cells would cost memory.
const MAX_HEADER_BYTES: usize = 1024;

/// How many lines one broken row may span after its first.
const MAX_CONTINUATION: usize = 16;

/// Every pipe table in the document, in document order.
pub(crate) fn extract(doc: &str, lines: &[(usize, &str)]) -> Vec<RawTable> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let (head_at, head) = lines[i];
        let (sep_at, sep) = lines[i + 1];
        if !(has_pipe(head) && is_separator(sep)) || is_separator(head) {
            // No separator line: a header of known column names still starts a table, whose
            // rows may lack the outer pipes.
            if head.len() <= MAX_HEADER_BYTES && has_pipe(head) && !is_separator(head) {
                let header_cells = cells_of_line(doc, head_at, head);
                if named_columns(&header_cells) >= 2
                    || (reads_as_header(&header_cells) && has_pipe(sep))
                {
                    let (rows, next, end) = rows_from(doc, lines, i + 1, header_cells.len(), true);
                    tables.push(pipe_table(head_at..end, header_cells, rows));
                    i = next.max(i + 1);
                    continue;
                }
            }
            i += 1;
            continue;
        }
        let mut header_cells = cells_of_line(doc, head_at, head);
        let separator_cells = cells_of_line(doc, sep_at, sep);
        let separator_columns = separator_cells
            .iter()
            .filter(|c| !c.text.is_empty())
            .count();
        let mut start = head_at;
        if let Some((first_at, cells)) = flattened_header(doc, lines, i, separator_columns) {
            header_cells = cells;
            start = first_at;
        }
        let columns = header_cells.len().max(separator_cells.len());
        let (rows, next, end) = rows_from(doc, lines, i + 2, columns, false);
        tables.push(pipe_table(start..end, header_cells, rows));
        i = next.max(i + 2);
    }
    tables
}

/// A row being assembled from one or more lines.
#[derive(Debug, Default)]
struct Pending {
    start: usize,
    closed: Vec<Vec<Range<usize>>>,
    open: Vec<Range<usize>>,
    continuations: usize,
}

impl Pending {
    fn count(&self) -> usize {
        self.closed.len() + usize::from(!self.open.is_empty())
    }

    /// Adds a line's segments. On a row's first line a leading `|` opens the row rather than
    /// closing a cell.
    fn feed(&mut self, line_at: usize, line: &str, first: bool) {
        let mut segs = segments(line);
        if first && line.trim_start().starts_with('|') && !segs.is_empty() {
            segs.remove(0);
        }
        let last = segs.len().saturating_sub(1);
        for (j, seg) in segs.into_iter().enumerate() {
            if !line[seg.clone()].trim().is_empty() {
                self.open.push(line_at + seg.start..line_at + seg.end);
            }
            if j < last {
                self.closed.push(std::mem::take(&mut self.open));
            }
        }
    }

    fn finish(self, doc: &str) -> Option<RawRow> {
        let mut parts = self.closed;
        if !self.open.is_empty() {
            parts.push(self.open);
        }
        let cells: Vec<Cell> = parts.into_iter().map(|p| join_cell(doc, &p)).collect();
        if cells.iter().all(|c| c.text.is_empty()) {
            return None;
        }
        Some(RawRow {
            cells,
            start: self.start,
        })
    }
}

/// A cell written over several lines: its pieces' text joined with spaces, its range from the
/// first piece to the last.
/// A pipe table over `span` of the document, with its header and rows.
fn pipe_table(span: Range<usize>, header: Vec<Cell>, rows: Vec<RawRow>) -> RawTable {
    RawTable {
        shape: Shape::Pipe,
        intro: None,
        span,
        header: Some(header),
        rows,
    }
}

fn join_cell(doc: &str, pieces: &[Range<usize>]) -> Cell {
    match pieces {
        [] => Cell {
            text: String::new(),
            raw: 0..0,
        },
        [one] => Cell::new(doc, one.clone()),
        [first, .., last] => {
            let text = pieces
                .iter()
                .map(|p| Cell::new(doc, p.clone()).text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            Cell {
                text,
                raw: first.start..last.end,
            }
        }
    }
}

/// Reads rows from line `from`; returns them, the index of the first line after the table and
/// the byte offset where the table ends.
fn rows_from(
    doc: &str,
    lines: &[(usize, &str)],
    from: usize,
    columns: usize,
    loose: bool,
) -> (Vec<RawRow>, usize, usize) {
    let mut rows = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut end = lines.get(from).map_or(doc.len(), |&(at, _)| at);
    let mut i = from;
    while let Some(&(at, line)) = lines.get(i) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            break;
        }
        // The header of the next table (a line, then a separator line), or the heading above
        // it (`2. iOS`): this table ends here, even inside a row short of cells.
        let separator_at = |n: usize| lines.get(n).is_some_and(|&(_, l)| is_separator(l));
        let next_header = has_pipe(line) && separator_at(i + 1);
        let next_heading = !has_pipe(line)
            && lines.get(i + 1).is_some_and(|&(_, l)| has_pipe(l))
            && separator_at(i + 2);
        if i > from && (next_header || next_heading) {
            break;
        }
        // Without outer pipes a row never starts with `|`, so such a line continues the row
        // (a wrapped empty cell); with them it starts the next.
        let continues = pending.as_ref().is_some_and(|p| {
            p.count() < columns
                && (loose || !trimmed.starts_with('|'))
                && p.continuations < MAX_CONTINUATION
        });
        if continues {
            if let Some(p) = pending.as_mut() {
                p.continuations += 1;
                p.feed(at, line, false);
            }
        } else {
            if let Some(p) = pending.take() {
                rows.extend(p.finish(doc));
            }
            if !has_pipe(line) {
                break;
            }
            let mut p = Pending {
                start: at + (line.len() - line.trim_start().len()),
                ..Pending::default()
            };
            p.feed(at, line, true);
            pending = Some(p);
        }
        end = at + line.len();
        i += 1;
    }
    if let Some(p) = pending.take() {
        rows.extend(p.finish(doc));
    }
    (rows, i, end)
}

/// The cells of a one-line row (a header).
fn cells_of_line(doc: &str, at: usize, line: &str) -> Vec<Cell> {
    let mut p = Pending::default();
    p.feed(at, line, true);
    let mut parts = p.closed;
    if !p.open.is_empty() {
        parts.push(p.open);
    }
    parts.iter().map(|pieces| join_cell(doc, pieces)).collect()
}

/// Byte ranges of the text between unescaped `|`s (`\|` is a literal pipe). A line with k
/// pipes has k + 1 segments.
fn segments(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'\\' if !escaped => {
                escaped = true;
                continue;
            }
            b'|' if !escaped => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        escaped = false;
    }
    out.push(start..line.len());
    out
}

/// How many header cells are, as a whole, column names policies use.
fn named_columns(cells: &[Cell]) -> usize {
    cells
        .iter()
        .filter(|c| super::find::column_name_role(&c.text).is_some())
        .count()
}

/// A header a browser copy flattened one cell per line above the separator (`权限名称 |`,
/// `权限说明 |`, …, `---|---|`): when the separator has `columns` columns and each of the
/// `columns` lines ending at `last` holds one cell with its `|`, those cells, and where the
/// first starts.
fn flattened_header(
    doc: &str,
    lines: &[(usize, &str)],
    last: usize,
    columns: usize,
) -> Option<(usize, Vec<Cell>)> {
    if columns < 2 || last + 1 < columns {
        return None;
    }
    let run = &lines[last + 1 - columns..=last];
    let mut cells = Vec::with_capacity(columns);
    // Nearest line first: a line that is no header cell ends the search at once, so a run of
    // separators with many columns costs one look each.
    for &(at, line) in run.iter().rev() {
        if line.len() > MAX_HEADER_BYTES || !has_pipe(line) {
            return None;
        }
        let mut named: Vec<Cell> = cells_of_line(doc, at, line)
            .into_iter()
            .filter(|c| !c.text.is_empty())
            .collect();
        if named.len() != 1 {
            return None;
        }
        cells.append(&mut named);
    }
    cells.reverse();
    Some((run[0].0, cells))
}

/// A header whose cells are not all column names policies use as a whole, but whose words
/// say it: a permission column first (`调取设备权限`, `Permission`), then at least one
/// description or purpose column (`对应业务功能/场景`, `调用权限目的`), in at least three cells.
fn reads_as_header(cells: &[Cell]) -> bool {
    use super::find::{Role, role_of};
    let named: Vec<Role> = cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| role_of(&c.text))
        .collect();
    named.len() >= 3
        && named.first() == Some(&Role::Name)
        && named[1..]
            .iter()
            .any(|r| matches!(r, Role::Description | Role::Purpose))
        && cells.iter().all(|c| {
            c.text.chars().count() <= 24 && super::resolve::identifiers(&c.text).is_empty()
        })
}

/// Tables whose cells are separated by tabs (pasted from a word processor): a header line of
/// at least two known column names, then the lines with tabs after it.
pub(crate) fn extract_tabbed(lines: &[(usize, &str)]) -> Vec<RawTable> {
    let cells = |at: usize, line: &str| -> Vec<Cell> {
        let mut out = Vec::new();
        let mut start = 0;
        for piece in line.split('\t') {
            let raw = at + start..at + start + piece.len();
            out.push(Cell {
                text: super::text::clean(piece),
                raw,
            });
            start += piece.len() + 1;
        }
        out
    };
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (at, line) = lines[i];
        if line.len() > MAX_HEADER_BYTES || !line.contains('\t') || has_pipe(line) {
            i += 1;
            continue;
        }
        let header = cells(at, line);
        if named_columns(&header) < 2 {
            i += 1;
            continue;
        }
        let mut rows = Vec::new();
        let mut end = at + line.len();
        let mut j = i + 1;
        while let Some(&(row_at, row)) = lines.get(j) {
            if !row.contains('\t') {
                break;
            }
            let cells = cells(row_at, row);
            if cells.iter().any(|c| !c.text.is_empty()) {
                rows.push(RawRow {
                    cells,
                    start: row_at,
                });
            }
            end = row_at + row.len();
            j += 1;
        }
        tables.push(RawTable {
            shape: Shape::Pipe,
            intro: None,
            span: at..end,
            header: Some(header),
            rows,
        });
        i = j;
    }
    tables
}

fn has_pipe(line: &str) -> bool {
    segments(line).len() > 1
}

/// `|---|:--:|`, `| - | - |`, `---|---`: dashes, colons, pipes and spaces only, with at least
/// one pipe and one dash.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    fn table(doc: &str) -> Vec<Vec<Vec<String>>> {
        extract(doc, &lines(doc))
            .into_iter()
            .map(|t| {
                t.rows
                    .into_iter()
                    .map(|r| r.cells.into_iter().map(|c| c.text).collect())
                    .collect()
            })
            .collect()
    }

    /// A second table right after the first (its heading, header and separator) is a table
    /// of its own, even after a row short of cells.
    #[test]
    fn a_heading_and_header_start_the_next_table() {
        let doc = "| a | b | c |\n|---|---|---|\n| CAMERA | x | y |\n| RECORD_AUDIO | z |\n\
                   2. iOS\n| a | b | c |\n|---|---|---|\n| NSCameraUsageDescription | x | y |\n";
        assert_eq!(
            table(doc),
            vec![
                vec![vec!["CAMERA", "x", "y"], vec!["RECORD_AUDIO", "z"]],
                vec![vec!["NSCameraUsageDescription", "x", "y"]]
            ]
        );
    }

    #[test]
    fn plain_table() {
        let doc = "x\n| a | b |\n|---|---|\n| 1 | 2 |\n|3|4\n\nafter | not a row\n";
        assert_eq!(table(doc), vec![vec![vec!["1", "2"], vec!["3", "4"]]]);
    }

    #[test]
    fn seed_broken_rows() {
        let doc = "| n | d | p |\n|---|---|---|\n|\nGet phone state READ_PHONE_STATE |\nGet phone state | Caller ID |\n|\nLocation A B |\nGet GPS | Punch in |\nnext paragraph\n";
        assert_eq!(
            table(doc),
            vec![vec![
                vec![
                    "Get phone state READ_PHONE_STATE",
                    "Get phone state",
                    "Caller ID"
                ],
                vec!["Location A B", "Get GPS", "Punch in"],
            ]]
        );
    }

    #[test]
    fn row_cells_know_their_lines() {
        let doc = "| n | d |\n|---|---|\n|\nCAMERA |\nx |\n";
        let t = &extract(doc, &lines(doc))[0];
        let cell = &t.rows[0].cells[0];
        assert_eq!(&doc[cell.raw.clone()], "CAMERA ");
        assert_eq!(t.rows[0].start, doc.find("|\nCAMERA").unwrap_or(0));
    }

    #[test]
    fn escaped_pipe_and_runaway_rows_are_bounded() {
        let doc = "| a | b | c |\n|---|---|---|\n| x \\| y | z |\n";
        assert_eq!(table(doc), vec![vec![vec!["x | y", "z"]]]);
        let mut doc = String::from("| a | b |\n|---|---|\n|\n");
        for _ in 0..100 {
            doc.push_str("word\n");
        }
        let t = extract(&doc, &lines(&doc));
        assert_eq!(t.len(), 1);
        assert!(t[0].rows.iter().all(|r| r.cells[0].text.len() < 200));
    }
}
