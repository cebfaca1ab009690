//! HTML `<table>`s, in HTML pages and in Markdown that embeds HTML.
//!
//! A small tolerant scanner rather than an HTML parser crate: policies only need `table`,
//! `tr`, `th` and `td`, and real pages leave `<colgroup>`, `<tr>` and `<td>` unclosed, so the
//! scanner closes them the way a browser would (a new `<tr>` closes the open row, a new `<td>`
//! the open cell, end of input everything). Comments, `<script>` and `<style>` are skipped.
//! Nesting is capped at [`MAX_DEPTH`] tables; deeper tables are read as text of their cell.

use super::text::{Cell, RawRow, RawTable, Shape};

/// How deeply tables may nest before inner ones are treated as cell text.
const MAX_DEPTH: usize = 8;
/// Largest `colspan`/`rowspan` honoured; policies span a few cells, and a huge value must not
/// make a small document expand into a large table.
const MAX_SPAN: usize = 32;
/// Widest row kept after spans are expanded.
const MAX_COLUMNS: usize = 64;

/// A cell being read: where its text starts, whether it is a `<th>`, its spans.
#[derive(Debug, Clone, Copy)]
struct OpenCell {
    start: usize,
    th: bool,
    colspan: usize,
    rowspan: usize,
}

#[derive(Debug)]
struct OpenTable {
    start: usize,
    rows: Vec<(RawRow, bool)>,
    row: Option<(RawRow, bool)>,
    /// The spans of the open row's cells, one per cell.
    spans: Vec<(usize, usize)>,
    cell: Option<OpenCell>,
    /// Cells of earlier rows still spanning down: column → (cell, rows left).
    carried: Vec<Option<(Cell, usize)>>,
}

impl OpenTable {
    fn close_cell(&mut self, doc: &str, end: usize) {
        if let Some(open) = self.cell.take() {
            let row = self.row.get_or_insert_with(|| {
                (
                    RawRow {
                        cells: Vec::new(),
                        start: open.start,
                    },
                    true,
                )
            });
            row.0
                .cells
                .push(Cell::new(doc, open.start..end.max(open.start)));
            row.1 &= open.th;
            self.spans.push((open.colspan, open.rowspan));
        }
    }

    fn close_row(&mut self, doc: &str, end: usize) {
        self.close_cell(doc, end);
        let spans = std::mem::take(&mut self.spans);
        if let Some((row, th)) = self.row.take() {
            if !row.cells.is_empty() {
                let row = self.expand(row, &spans);
                self.rows.push((row, th));
            }
        }
    }

    /// The row as a browser lays it out: a cell spanning columns fills each of them, a cell
    /// spanning rows is shared by the rows below it, in the columns it covers.
    fn expand(&mut self, row: RawRow, spans: &[(usize, usize)]) -> RawRow {
        let mut cells = Vec::with_capacity(row.cells.len());
        let mut own = row.cells.into_iter().zip(spans.iter().copied());
        let mut column = 0;
        loop {
            if column >= MAX_COLUMNS {
                break;
            }
            if let Some(Some((cell, left))) = self.carried.get_mut(column) {
                cells.push(cell.clone());
                *left -= 1;
                if *left == 0 {
                    self.carried[column] = None;
                }
                column += 1;
                continue;
            }
            let Some((cell, (colspan, rowspan))) = own.next() else {
                // Carried cells to the right of the row's own still fill their columns.
                if self.carried.iter().skip(column).any(Option::is_some) {
                    cells.push(Cell {
                        text: String::new(),
                        raw: row.start..row.start,
                    });
                    column += 1;
                    continue;
                }
                break;
            };
            for _ in 0..colspan.clamp(1, MAX_SPAN) {
                if column >= MAX_COLUMNS {
                    break;
                }
                if rowspan > 1 {
                    if self.carried.len() <= column {
                        self.carried.resize(column + 1, None);
                    }
                    self.carried[column] = Some((cell.clone(), rowspan.min(MAX_SPAN) - 1));
                }
                cells.push(cell.clone());
                column += 1;
            }
        }
        RawRow {
            cells,
            start: row.start,
        }
    }

    fn finish(mut self, doc: &str, end: usize) -> Option<RawTable> {
        self.close_row(doc, end);
        let mut rows = self.rows.into_iter().peekable();
        let header = match rows.peek() {
            Some((_, true)) => rows.next().map(|(r, _)| r.cells),
            _ => None,
        };
        let rows: Vec<RawRow> = rows.map(|(r, _)| r).collect();
        (!rows.is_empty() || header.is_some()).then_some(RawTable {
            shape: Shape::Html,
            intro: None,
            span: self.start..end,
            header,
            rows,
        })
    }
}

/// Every `<table>` in the document, in document order.
pub(crate) fn extract(doc: &str) -> Vec<RawTable> {
    let mut out = Vec::new();
    let mut stack: Vec<OpenTable> = Vec::new();
    let mut pos = 0;
    while let Some(found) = doc.get(pos..).and_then(|rest| rest.find('<')) {
        let at = pos + found;
        let rest = &doc[at..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(doc.len(), |e| at + e + 3);
            continue;
        }
        let Some(tag) = parse_tag(rest) else {
            pos = at + 1;
            continue;
        };
        let after = at + tag.len;
        pos = after;
        if !tag.closing && (tag.name == "script" || tag.name == "style") {
            let close = format!("</{}", tag.name);
            pos = find_ascii_ci(&doc[after..], &close).map_or(doc.len(), |e| after + e);
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("table", false) if stack.len() < MAX_DEPTH => stack.push(OpenTable {
                start: at,
                rows: Vec::new(),
                row: None,
                spans: Vec::new(),
                cell: None,
                carried: Vec::new(),
            }),
            ("table", true) => {
                if let Some(t) = stack.pop() {
                    out.extend(t.finish(doc, at));
                }
            }
            ("tr", false) => {
                if let Some(t) = stack.last_mut() {
                    t.close_row(doc, at);
                    t.row = Some((
                        RawRow {
                            cells: Vec::new(),
                            start: at,
                        },
                        true,
                    ));
                }
            }
            ("tr", true) => {
                if let Some(t) = stack.last_mut() {
                    t.close_row(doc, at);
                }
            }
            ("td" | "th", false) => {
                if let Some(t) = stack.last_mut() {
                    t.close_cell(doc, at);
                    if t.row.is_none() {
                        t.row = Some((
                            RawRow {
                                cells: Vec::new(),
                                start: at,
                            },
                            true,
                        ));
                    }
                    t.cell = Some(OpenCell {
                        start: after,
                        th: tag.name == "th",
                        colspan: span_attr(&rest[..tag.len], "colspan"),
                        rowspan: span_attr(&rest[..tag.len], "rowspan"),
                    });
                }
            }
            ("td" | "th", true) => {
                if let Some(t) = stack.last_mut() {
                    t.close_cell(doc, at);
                }
            }
            _ => {}
        }
    }
    while let Some(t) = stack.pop() {
        out.extend(t.finish(doc, doc.len()));
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// The value of a `colspan`/`rowspan` attribute in a tag's text, 1 when absent or not a
/// number.
fn span_attr(tag: &str, name: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(i) = lower.find(name) else { return 1 };
    let rest = lower[i + name.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return 1;
    };
    let digits: String = rest
        .trim_start()
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .collect();
    digits.parse::<usize>().map_or(1, |n| n.clamp(1, MAX_SPAN))
}

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    /// Bytes from `<` to just past `>`.
    len: usize,
}

/// Reads `<name …>` or `</name>` at the start of `s`; `None` when `s` does not start a tag.
/// Quoted attribute values may contain `>` (but not `<`).
fn parse_tag(s: &str) -> Option<Tag> {
    let body = s.strip_prefix('<')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    let mut quote = None;
    // A tag longer than this is not one: an unclosed `<a "…` must not scan the whole page.
    for (i, b) in body.bytes().enumerate().skip(name_len).take(4096) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => {
                return Some(Tag {
                    name,
                    closing,
                    len: 1 + usize::from(closing) + i + 1,
                });
            }
            // A `<` before the `>` means this was not a tag (or had a `<` in a quoted value,
            // which policies do not write): read it as text, so `<a<a<a` stays linear.
            (_, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The cell texts of a table, for tests.
#[cfg(test)]
fn texts(t: &RawTable) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_of_th_and_sloppy_closing() {
        let doc = "<p>x</p><table><tr><th>权限名称</th><th>目的</th></tr>\n<tr><td>android.permission.CAMERA<td>扫码\n<tr><td style=\"a>b\">CAMERA</td><td>x</td></table>";
        let tables = extract(doc);
        assert_eq!(tables.len(), 1);
        let header: Vec<_> = tables[0]
            .header
            .as_ref()
            .map(|h| h.iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default();
        assert_eq!(header, vec!["权限名称", "目的"]);
        assert_eq!(
            texts(&tables[0]),
            vec![
                vec!["android.permission.CAMERA", "扫码"],
                vec!["CAMERA", "x"]
            ]
        );
    }

    #[test]
    fn unclosed_table_comments_and_scripts() {
        let doc = "<!-- <table><tr><td>NO</td></tr></table> --><script>'<table>'</script>\
                   <table><colgroup><tr><td><span>CAMERA</span><br/><span>相机</span></td></tr>";
        let tables = extract(doc);
        assert_eq!(tables.len(), 1);
        assert_eq!(texts(&tables[0]), vec![vec!["CAMERA 相机"]]);
        assert!(tables[0].header.is_none());
    }

    #[test]
    fn spans_are_expanded() {
        let doc = "<table><tr><th>权限名称</th><th>功能</th><th>目的</th></tr>\
                   <tr><td rowspan=\"2\">存储</td><td>READ_EXTERNAL_STORAGE</td><td rowspan=2>保存</td></tr>\
                   <tr><td>WRITE_EXTERNAL_STORAGE</td></tr>\
                   <tr><td colspan='2'>CAMERA</td><td>扫码</td></tr>\
                   <tr><td>SHORT</td></tr></table>";
        let t = &extract(doc)[0];
        assert_eq!(
            texts(t),
            vec![
                vec!["存储", "READ_EXTERNAL_STORAGE", "保存"],
                vec!["存储", "WRITE_EXTERNAL_STORAGE", "保存"],
                vec!["CAMERA", "CAMERA", "扫码"],
                vec!["SHORT"],
            ]
        );
        let wide = format!(
            "<table><tr><td colspan=999 rowspan=999>x</td></tr>{}</table>",
            "<tr></tr>".repeat(10)
        );
        assert!(
            extract(&wide)
                .iter()
                .all(|t| t.rows.iter().all(|r| r.cells.len() <= MAX_SPAN))
        );
    }

    #[test]
    fn garbage_does_not_panic() {
        for doc in [
            "<",
            "<table",
            "<table><td",
            "</td></tr></table>",
            "<t\u{e9}>",
            "<a '>",
        ] {
            let _ = extract(doc);
        }
        let deep = "<table><tr><td>".repeat(100);
        assert!(extract(&deep).len() <= MAX_DEPTH);
    }
}
