//! Lists and headings that disclose permissions.
//!
//! - Lists: bulleted (`-`, `*`, `+`, `•`) or numbered (`1.`, `1)`, `1、`, `(1)`) items of the
//!   form `label (IDENTIFIER): purpose`; the separator may be `:`, `：` or a spaced dash. Each
//!   run of items (blank lines allowed between them) is one table of two columns, head and
//!   purpose.
//! - Headings: Markdown `#` headings that name permissions (`### [CAMERA][CAMERA]`), each
//!   followed by a paragraph saying why. All headings of a document form one table; the parent
//!   module keeps only those whose text is identifiers.
//!
//! Whether a list is about permissions is decided by the parent module, from the identifiers in
//! the heads: most lists in a privacy policy are not.

use super::text::{Cell, RawRow, RawTable, Shape};

/// Every run of list items, in document order.
pub(crate) fn extract_lists(doc: &str, lines: &[(usize, &str)]) -> Vec<RawTable> {
    let mut tables = Vec::new();
    let mut current: Option<RawTable> = None;
    let mut rows = 0;
    for &(at, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        match item_body(line) {
            // Past the most rows a policy can hold the importer refuses the document: the
            // items after are not kept (450,000 of them would take 90 MB).
            Some(_) if rows > super::MAX_CONTENT_ROWS => break,
            Some(body_start) => {
                rows += 1;
                let row = item_row(doc, at, line, body_start);
                let table = current.get_or_insert_with(|| RawTable {
                    shape: Shape::List,
                    intro: None,
                    span: at..at,
                    header: None,
                    rows: Vec::new(),
                });
                table.span.end = at + line.len();
                table.rows.push(row);
            }
            // Items with `key：value` lines under them (`1. 相机权限 android.permission.CAMERA`
            // / `权限功能说明: …`) are rows with fields, which the content reader reads whole:
            // as a list, each item would lose its fields.
            None if current.is_some() && opens_with_key(line) => current = None,
            None => tables.extend(current.take()),
        }
    }
    tables.extend(current);
    tables
}

/// Whether a line opens with a short key and a colon (`权限功能说明: …`, `Purpose: …`).
fn opens_with_key(line: &str) -> bool {
    let t = line.trim_start();
    t.char_indices()
        .take(16)
        .find(|&(_, c)| c == ':' || c == '：')
        .is_some_and(|(i, _)| i > 0 && t[..i].split_whitespace().count() <= 3)
}

/// Byte offset in `line` where a list item's text starts, `None` when `line` is not an item.
fn item_body(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let s = &line[indent..];
    for bullet in ["- ", "* ", "+ ", "• ", "· "] {
        if s.starts_with(bullet) {
            return Some(indent + bullet.len());
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        for marker in [". ", ") ", "、", "）"] {
            if rest.starts_with(marker) {
                return Some(indent + digits + marker.len());
            }
        }
    }
    for (open, close) in [("(", ")"), ("（", "）")] {
        if let Some(rest) = s.strip_prefix(open) {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&digits) && rest[digits..].starts_with(close) {
                return Some(indent + open.len() + digits + close.len());
            }
        }
    }
    None
}

/// An item as a two-cell row: head (label and identifiers) and purpose, split at the first
/// `：`, `: `, spaced hyphen, en or em dash with a space on either side (`（相机）— 用于扫码`), or
/// `——`.
fn item_row(doc: &str, at: usize, line: &str, body: usize) -> RawRow {
    let text = &line[body..];
    let separators = ["：", ": ", " - ", "– ", " –", "— ", " —", "——"];
    let split = separators
        .iter()
        .filter_map(|sep| text.find(sep).map(|i| (i, sep.len())))
        .chain(text.ends_with(':').then(|| (text.len() - 1, 1)))
        .min();
    let start = at + body;
    let cells = match split {
        Some((i, len)) => vec![
            Cell::new(doc, start..start + i),
            Cell::new(doc, start + i + len..at + line.len()),
        ],
        None => vec![Cell::new(doc, start..at + line.len())],
    };
    RawRow {
        cells,
        start: at + line.len() - line.trim_start().len(),
    }
}

/// All Markdown ATX headings of the document as one table: heading text and the paragraph
/// that follows it. Lines inside fenced code blocks are not headings.
pub(crate) fn extract_headings(doc: &str, lines: &[(usize, &str)]) -> Option<RawTable> {
    let mut rows = Vec::new();
    let mut fenced = false;
    let mut i = 0;
    while i < lines.len() {
        let (at, line) = lines[i];
        i += 1;
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let Some(text_start) = heading_text(line).filter(|_| !fenced) else {
            continue;
        };
        let head = Cell::new(doc, at + text_start..at + line.len());
        // The paragraph: skip blank lines, then take lines up to a blank line or heading.
        let mut j = i;
        while lines.get(j).is_some_and(|(_, l)| l.trim().is_empty()) {
            j += 1;
        }
        let para_start = j;
        while lines
            .get(j)
            .is_some_and(|(_, l)| !l.trim().is_empty() && heading_text(l).is_none())
        {
            j += 1;
        }
        let mut cells = vec![head];
        if j > para_start {
            let (from, _) = lines[para_start];
            let (last_at, last) = lines[j - 1];
            cells.push(Cell::new(doc, from..last_at + last.len()));
        }
        rows.push(RawRow { cells, start: at });
    }
    let first = rows.first()?.start;
    Some(RawTable {
        shape: Shape::Headings,
        intro: None,
        span: first..doc.len(),
        header: None,
        rows,
    })
}

/// Byte offset of an ATX heading's text (`## Text` → 3), `None` when `line` is not one.
pub(crate) fn heading_text(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(hashes + (rest.len() - rest.trim_start().len()))
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    fn rows(t: &RawTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    /// Items past the most rows a policy holds are not kept: the importer refuses the document
    /// by the count, and keeping them all would cost memory for nothing.
    #[test]
    fn items_past_the_row_limit_are_not_kept() {
        let doc = "- android.permission.CAMERA x\n".repeat(super::super::MAX_CONTENT_ROWS + 500);
        let kept: usize = extract_lists(&doc, &lines(&doc))
            .iter()
            .map(|t| t.rows.len())
            .sum();
        assert_eq!(kept, super::super::MAX_CONTENT_ROWS + 1);
    }

    #[test]
    fn list_items_split_head_and_purpose() {
        let doc = "intro\n- Camera (CAMERA): scan codes\n\n2. 相机（CAMERA）：扫码\n(3) Mic (RECORD_AUDIO) - calls\n* no separator\ntext\n1) x: https://a.b\n";
        let t = extract_lists(doc, &lines(doc));
        assert_eq!(t.len(), 2);
        assert_eq!(
            rows(&t[0]),
            vec![
                vec!["Camera (CAMERA)", "scan codes"],
                vec!["相机（CAMERA）", "扫码"],
                vec!["Mic (RECORD_AUDIO)", "calls"],
                vec!["no separator"],
            ]
        );
        assert_eq!(rows(&t[1]), vec![vec!["x", "https://a.b"]]);
    }

    #[test]
    fn an_item_split_at_a_dash_after_a_bracket() {
        let doc = "- android.permission.CAMERA（相机）— 用于扫码\n- 存储——保存图片\n";
        let lists = extract_lists(doc, &crate::policy::import::text::lines(doc));
        assert_eq!(
            rows(&lists[0]),
            [
                vec!["android.permission.CAMERA（相机）", "用于扫码"],
                vec!["存储", "保存图片"]
            ]
        );
    }

    #[test]
    fn headings_with_paragraphs() {
        let doc = "# Title\n\n## Permissions\n\n### [CAMERA][CAMERA]\n\nRead codes\nfrom images.\n\nMore.\n```\n# not a heading\n```\n#nospace\n";
        let t = extract_headings(doc, &lines(doc)).unwrap_or_else(|| panic!("no headings"));
        assert_eq!(
            rows(&t),
            vec![
                vec!["Title"],
                vec!["Permissions"],
                vec!["CAMERA", "Read codes from images."],
            ]
        );
    }
}
