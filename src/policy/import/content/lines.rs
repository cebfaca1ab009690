//! A document as the content reader sees it: one [`Line`] per line of text or HTML block, markup
//! cleaned, with list items run together on one line taken apart.

use std::ops::Range;

use super::super::lexicon;
use super::super::resolve::{self, Side};
use super::super::text;

/// One line of text, as the reader sees it.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Plain text, markup removed.
    pub(crate) text: String,
    /// The raw line in the document.
    pub(crate) raw: Range<usize>,
}

/// The lines of a text document: each document line, markup cleaned, blank ones dropped.
pub(crate) fn text_lines(lines: &[(usize, &str)]) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut budget = GLUED_LOOKUPS;
    for &(at, l) in lines {
        let items = collapsed_items_within(l, &mut budget);
        let bold = items.len() > 1 && items.iter().any(|r| l[r.clone()].starts_with("**"));
        for piece in items {
            let mut text = without_edge_pipes(text::clean(&l[piece.clone()]));
            if bold && l[piece.clone()].starts_with("**") {
                // An item a bold name opens is a list item, as an HTML `<li>` is.
                text.insert_str(0, "- ");
            }
            if !text.is_empty() {
                out.push(Line {
                    text,
                    raw: at + piece.start..at + piece.end,
                });
            }
        }
    }
    out
}

/// Longest line looked at for list items run together.
pub(super) const MAX_COLLAPSED_LINE: usize = 64 * 1024;
/// Most items one line's run-together list is split into.
pub(super) const MAX_COLLAPSED_ITEMS: usize = 128;

/// A list whose line breaks were lost (a Markdown file served as one line: `## Android
/// Permissions > android.permission.CAMERA **Used to …** > android.permission.READ_CONTACTS …`):
/// the ranges of its items, each starting at the list or quote marker before an identifier.
/// A line with fewer than two such items is one range, itself.
///
/// Or a list of `label：text` items run together with nothing between them (`防止手机休眠:允许
/// 程序…查看网络连接:获取网络信息…`, a page whose `<li>`s lost their breaks): the ranges from
/// each label the lexicon knows that ends right at a colon, when the line has three or more.
pub(crate) fn collapsed_items(line: &str) -> Vec<Range<usize>> {
    collapsed_items_within(line, &mut GLUED_LOOKUPS.clone())
}

/// Most label lookups one document's lines may make looking for run-together items: a page
/// that has them has a few hundred; a hostile one stays linear.
pub(super) const GLUED_LOOKUPS: usize = 20_000;
/// Longest label looked for before a colon, in characters.
pub(super) const MAX_GLUED_LABEL: usize = 16;

/// [`collapsed_items`], the lexicon lookups counted against `budget`.
pub(super) fn collapsed_items_within(line: &str, budget: &mut usize) -> Vec<Range<usize>> {
    let whole = || std::iter::once(0..line.len()).collect();
    if line.len() > MAX_COLLAPSED_LINE {
        return whole();
    }
    if let Some(items) = marked_items(line) {
        return items;
    }
    glued_items(line, budget).unwrap_or_else(whole)
}

/// The items of a line run together without separators, each opening with a known label and
/// its colon (see [`collapsed_items`]); `None` unless there are at least three.
pub(super) fn glued_items(line: &str, budget: &mut usize) -> Option<Vec<Range<usize>>> {
    let colons = line.bytes().filter(|&b| b == b':').count() + line.matches('：').count();
    if !(3..=MAX_COLLAPSED_ITEMS).contains(&colons) {
        return None;
    }
    let mut cuts = Vec::new();
    let mut floor = 0;
    for (colon, mark) in line.match_indices([':', '：']) {
        // The longest label the lexicon knows that ends at the colon, after the previous one:
        // `查看网络连接` in `…后台进程仍然运行查看网络连接:`, not `网络连接`.
        let mut best = None;
        let mut start = colon;
        for (count, c) in line[floor..colon].chars().rev().enumerate() {
            if count >= MAX_GLUED_LABEL || c.is_whitespace() || "，,。.；;、)）]】".contains(c)
            {
                break;
            }
            start -= c.len_utf8();
            if count == 0 {
                continue;
            }
            *budget = budget.checked_sub(1)?;
            if [Side::Android, Side::Ios]
                .into_iter()
                .any(|side| lexicon::lookup(side, &line[start..colon]).is_some())
            {
                best = Some(start);
            }
        }
        if let Some(start) = best {
            cuts.push(start);
        }
        floor = colon + mark.len();
    }
    if cuts.len() < 3 {
        return None;
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts {
        if cut > from {
            out.push(from..cut);
        }
        from = cut;
    }
    out.push(from..line.len());
    Some(out)
}

/// The items of a list run together after their markers (see [`collapsed_items`]).
pub(super) fn marked_items(line: &str) -> Option<Vec<Range<usize>>> {
    if !line.contains("> ") && !line.contains("- ") {
        return None;
    }
    let mut cuts = Vec::new();
    for token in resolve::identifiers(line) {
        // `… for no other reason. **CAMERA** Required to …`: a bold identifier opening an item.
        if line[..token.range.start].ends_with("**") && line[token.range.end..].starts_with("**") {
            cuts.push(('b', token.range.start - 2));
            continue;
        }
        let before = line[..token.range.start].trim_end_matches([' ', '*', '`']);
        let Some(marker) = before.chars().next_back() else {
            continue;
        };
        let head = &before[..before.len() - marker.len_utf8()];
        if matches!(marker, '>' | '-' | '*' | '•' | '·')
            && head.chars().next_back().is_none_or(char::is_whitespace)
            && line[before.len()..token.range.start].starts_with(' ')
        {
            cuts.push((marker, head.len()));
        }
    }
    // Items of one list share their marker; a dash between two names (`CAMERA - RECORD_AUDIO`)
    // once is no list.
    let &(marker, _) = cuts.first()?;
    let needed = if matches!(marker, '>' | 'b') { 2 } else { 3 };
    // A page's list has tens of items; a line of thousands is no list a policy wrote, and
    // splitting it would make a row of each (time and memory for nothing).
    if cuts.len() < needed
        || cuts.len() > MAX_COLLAPSED_ITEMS
        || cuts.iter().any(|&(m, _)| m != marker)
    {
        return None;
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for (_, cut) in cuts {
        if cut > start {
            out.push(start..cut);
        }
        start = cut;
    }
    out.push(start..line.len());
    Some(out)
}

/// A table a browser flattened one cell per line keeps each cell's `|` at the line's end (or
/// start), and a wrapped cell leaves a line that is only `|`: those pipes mark the cell, they
/// are not its text. A line with pipes inside keeps them (it is a row, or prose).
pub(super) fn without_edge_pipes(text: String) -> String {
    let inner = text.trim_matches(|c: char| c == '|' || c.is_whitespace());
    if inner.len() == text.len() || inner.contains('|') {
        return text;
    }
    inner.to_owned()
}

/// Most pairs of short lines one document tries as a name cut in two (each costs a prefix
/// search of the lexicon), and most of those, their first line beginning a known label, it
/// looks up whole (two label searches each): a real page has a few hundred short lines, a
/// hostile one can be made of nothing else.
const MAX_JOIN_TRIES: usize = 16 * 1024;
const MAX_JOIN_LOOKUPS: usize = 1024;

/// The lines with each name a line break cut in two (`directly call phone` / `numbers`, as a
/// page copied from a store listing or a PDF wraps it) put back on one line: two short lines,
/// neither with an identifier and the first no label of its own, whose join (with a space
/// between ASCII words, none between ideographs) is a label the lexicon knows.
pub(crate) fn join_wrapped_labels(lines: &[Line]) -> std::borrow::Cow<'_, [Line]> {
    use super::parse::{MAX_LABEL_LINE, known_label, label_text};
    let (mut tries, mut budget) = (MAX_JOIN_TRIES, MAX_JOIN_LOOKUPS);
    let mut joined = |first: &Line, second: &Line| -> Option<String> {
        let (a, b) = (first.text.trim(), second.text.trim());
        let short = |t: &str| !t.is_empty() && t.chars().count() <= MAX_LABEL_LINE;
        if budget == 0
            || tries == 0
            || !short(a)
            || !short(b)
            || a.ends_with(['.', '。', ':', '：', ';', '；'])
            || a.is_ascii() != b.is_ascii()
        {
            return None;
        }
        tries -= 1;
        if !lexicon::begins_a_label(label_text(a))
            || !resolve::identifiers(a).is_empty()
            || !resolve::identifiers(b).is_empty()
        {
            return None;
        }
        budget -= 1;
        if known_label(label_text(a)) {
            return None;
        }
        let text = if a.is_ascii() {
            format!("{a} {b}")
        } else {
            format!("{a}{b}")
        };
        known_label(label_text(&text)).then_some(text)
    };
    let mut out: Option<Vec<Line>> = None;
    let mut i = 0;
    while i < lines.len() {
        let join = lines.get(i + 1).and_then(|next| joined(&lines[i], next));
        match join {
            Some(text) => {
                let out = out.get_or_insert_with(|| lines[..i].to_vec());
                out.push(Line {
                    text,
                    raw: lines[i].raw.start..lines[i + 1].raw.end,
                });
                i += 2;
            }
            None => {
                if let Some(out) = out.as_mut() {
                    out.push(lines[i].clone());
                }
                i += 1;
            }
        }
    }
    match out {
        Some(out) => std::borrow::Cow::Owned(out),
        None => std::borrow::Cow::Borrowed(lines),
    }
}

/// Whether the document is an HTML page (not Markdown that embeds a table): its first tag is
/// a doctype, `<html>`, `<head>` or `<body>`.
pub(crate) fn looks_like_html_page(doc: &str) -> bool {
    let head = doc.get(..doc.len().min(4096)).unwrap_or(doc);
    let head = head.trim_start().to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<?xml",
    ]
    .iter()
    .any(|t| head.starts_with(t))
        || head.contains("<body")
}

/// The lines of an HTML page: the text between block-level tags (`p`, `div`, `li`, `h1`…,
/// `br`, `tr`, `td`), script and style skipped.
pub(crate) fn html_lines(doc: &str) -> Vec<Line> {
    const BLOCKS: [&str; 22] = [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "blockquote",
        "dt",
        "dd",
        "header",
        "article",
    ];
    let mut out = Vec::new();
    let bytes = doc.as_bytes();
    let mut start = 0;
    let mut pos = 0;
    // The block the text is in: headings and list items keep their structure as the marker a
    // text document would have.
    let mut marker = "";
    let push = |from: usize, to: usize, marker: &str, out: &mut Vec<Line>| {
        if let Some(raw) = doc.get(from..to) {
            let text = text::clean(raw);
            if !text.is_empty() {
                out.push(Line {
                    text: format!("{marker}{text}"),
                    raw: from..to,
                });
            }
        }
    };
    while let Some(found) = memchr::memchr(b'<', &bytes[pos..]) {
        let at = pos + found;
        let rest = &doc[at + 1..];
        let closing = rest.starts_with('/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = doc
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        let tag_end = memchr::memchr(b'>', &bytes[at..])
            .filter(|&e| e < 4096)
            .map_or(at + 1, |e| at + e + 1);
        if !closing && matches!(name.as_str(), "script" | "style" | "head") {
            push(start, at, marker, &mut out);
            let close = format!("</{name}");
            let end = find_ci(&doc[tag_end..], &close).map_or(doc.len(), |e| tag_end + e);
            start = end;
            pos = end.max(at + 1);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            push(start, at, marker, &mut out);
            start = tag_end;
            marker = match (closing, name.as_str()) {
                (false, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt") => "# ",
                (false, "li") => "- ",
                _ => "",
            };
        }
        pos = tag_end.max(at + 1);
    }
    push(start, doc.len(), marker, &mut out);
    out
}

pub(super) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
