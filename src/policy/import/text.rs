//! What every document shape shares: the raw table a shape extractor produces, and turning a
//! cell's marked-up text (Markdown emphasis and links, HTML tags and entities) into plain text.
//!
//! Extractors only find structure; they never judge whether a table is about permissions. That
//! happens once, in the parent module, for every shape alike.

use std::ops::Range;

/// One cell: its plain text and where its raw text sits in the document (byte range), so an
/// identifier found in the cell can be located exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Plain text: markup removed, entities decoded, whitespace collapsed.
    pub(crate) text: String,
    /// Byte range of the raw cell in the document.
    pub(crate) raw: Range<usize>,
}

impl Cell {
    /// A cell over `raw`, cleaned.
    pub(crate) fn new(doc: &str, raw: Range<usize>) -> Cell {
        let text = doc.get(raw.clone()).map(clean).unwrap_or_default();
        Cell { text, raw }
    }
}

/// One row of a table or one item of a list, as cells in column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawRow {
    /// The cells; a list item has two: the head (label and identifiers) and the purpose.
    pub(crate) cells: Vec<Cell>,
    /// Byte offset where the row starts (the `|`, the `<tr>`, the list marker).
    pub(crate) start: usize,
}

/// The document shapes permaudit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A Markdown or plain-text pipe table, including rows broken over several lines.
    Pipe,
    /// An HTML `<table>`.
    Html,
    /// A bulleted or numbered list of `label (IDENTIFIER): purpose` items.
    List,
    /// Markdown headings that name permissions, each followed by a paragraph saying why.
    Headings,
    /// Rows found by what the lines say: names, labels and `key：value` lines around them.
    Content,
    /// Permissions named in sentences (`我们会申请您的相机、麦克风权限`), when nothing else is.
    Prose,
}

impl Shape {
    /// How the shape is named in messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Shape::Pipe => "pipe table",
            Shape::Html => "HTML table",
            Shape::List => "list",
            Shape::Headings => "permission headings",
            Shape::Content => "permission list",
            Shape::Prose => "list of permissions named in sentences",
        }
    }
}

/// A table (or list) as found, before anyone decides whether it is about permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawTable {
    /// How it was written.
    pub(crate) shape: Shape,
    /// Byte range of the whole table in the document.
    pub(crate) span: Range<usize>,
    /// The header row, when the table has one.
    pub(crate) header: Option<Vec<Cell>>,
    /// The data rows.
    pub(crate) rows: Vec<RawRow>,
    /// The section heading the extractor saw above the rows, when it found one itself.
    pub(crate) intro: Option<String>,
}

/// Plain text of a marked-up fragment: HTML tags dropped (a `<br>` is a space), entities
/// decoded, Markdown links reduced to their text, `**` and backticks dropped, `\|` unescaped,
/// whitespace collapsed to single spaces.
pub(crate) fn clean(raw: &str) -> String {
    // Each intermediate copy is dropped as soon as the next is made, and a step with nothing
    // to do copies nothing: a document may be one 16 MiB line.
    let mut text = strip_tags(raw);
    for step in [decode_entities, strip_links] {
        text = step(&text);
    }
    for (from, to) in [("**", ""), ("`", ""), ("\\|", "|")] {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    collapse_whitespace(&text)
}

/// Single spaces between words, none at the ends.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Longest tag or link target looked for; a longer one is text. Keeps every scan linear.
const MAX_MARKUP: usize = 4096;

/// Removes anything that looks like an HTML tag or comment: `<` followed by a letter, `/` or
/// `!`, up to the next `>`. A lone `<` (as in "a < b") is kept. A tag is a space, as a
/// browser's block and line breaks are, but for inline markup between two Han characters
/// (`麥<ruby>克</ruby>風`, `相<span>机</span>`): Chinese has no spaces between words, and a
/// browser shows that text unbroken.
pub(crate) fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Whether the tags since the last text are inline markup right after a Han character:
    // the space they stand for is written only if the next text is not Han.
    let mut joinable = false;
    let mut pending = false;
    while let Some(i) = rest.find('<') {
        push_text(&mut out, &rest[..i], &mut pending, joinable);
        let after = &rest[i + 1..];
        let looks_like_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = after
            .bytes()
            .take(MAX_MARKUP)
            .position(|b| b == b'>' || b == b'<');
        match end {
            Some(end) if looks_like_tag && after.as_bytes()[end] == b'>' => {
                let tag = &after[..end];
                // A manifest's own line quoted in the policy (a code block of
                // `<uses-permission android:name="…"/>`): the permission it names is the text.
                if let Some(name) = requested_name(tag) {
                    out.push(' ');
                    out.push_str(name);
                    out.push(' ');
                    pending = false;
                } else {
                    if !pending {
                        joinable = out.chars().next_back().is_some_and(is_han);
                    }
                    joinable &= is_inline(tag);
                    pending = true;
                }
                rest = &after[end + 1..];
            }
            _ => {
                push_text(&mut out, "<", &mut pending, joinable);
                rest = after;
            }
        }
    }
    push_text(&mut out, rest, &mut pending, joinable);
    if pending {
        out.push(' ');
    }
    out
}

/// Writes `text` after tags that stand for a space (`pending`), leaving the space out when
/// they were `joinable` inline markup and `text` goes on in Han.
fn push_text(out: &mut String, text: &str, pending: &mut bool, joinable: bool) {
    if text.is_empty() {
        return;
    }
    if std::mem::take(pending) && !(joinable && text.chars().next().is_some_and(is_han)) {
        out.push(' ');
    }
    out.push_str(text);
}

/// Whether `tag` (the text between `<` and `>`) opens or closes an element a browser lays out
/// inline, within a line of text.
fn is_inline(tag: &str) -> bool {
    let name = tag.strip_prefix('/').unwrap_or(tag);
    let name = name
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "mark", "q", "rb",
        "ruby", "s", "small", "span", "strong", "sub", "sup", "u",
    ]
    .iter()
    .any(|inline| name.eq_ignore_ascii_case(inline))
}

/// A Han ideograph: the unified blocks and their compatibility forms.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// The `android:name` of a `<uses-permission…>` tag's text (what follows its `<`).
fn requested_name(tag: &str) -> Option<&str> {
    let rest = tag.strip_prefix("uses-permission")?;
    // `uses-permission-sdk-23`, or attributes after whitespace; not `uses-permissions`.
    if !rest.starts_with(|c: char| c == '-' || c.is_whitespace()) {
        return None;
    }
    let value = rest.split_once("name=")?.1;
    let quote = value.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let value = &value[1..];
    Some(&value[..value.find(quote)?])
}

/// Decodes the named entities policies use and numeric ones; anything else is kept verbatim.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // Entities are short; a `;` far away belongs to something else.
        let end = after.char_indices().take(12).find(|&(_, c)| c == ';');
        let decoded = end.and_then(|(e, _)| entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        numeric(hex, 16)?
    } else if let Some(dec) = name.strip_prefix('#') {
        numeric(dec, 10)?
    } else {
        return match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "middot" => Some('·'),
            _ => None,
        };
    };
    // A control character or a NUL from the document would only corrupt the output.
    char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())
}

/// `[text][ref]`, `[text](url)` and `[text]` → `text`. The link text is what the document
/// shows; a reference (`[ACCESS_WIFI_STATE][ACCESS_FINE_LOCATION]`) may point elsewhere and
/// must not be read as a second permission. Works from each `]` back to the nearest `[`, so
/// nested or unbalanced brackets cost one pass.
pub(crate) fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(close) = rest.find(']') {
        match rest[..close].rfind('[') {
            Some(open) => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..close]);
                rest = skip_link_target(&rest[close + 1..]);
            }
            None => {
                out.push_str(&rest[..=close]);
                rest = &rest[close + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// After a link's `]`: skips a `(url)` or `[ref]` target if one follows directly.
fn skip_link_target(tail: &str) -> &str {
    let (open, close) = match tail.bytes().next() {
        Some(b'(') => (b'(', b')'),
        Some(b'[') => (b'[', b']'),
        _ => return tail,
    };
    let end = tail
        .bytes()
        .skip(1)
        .take(MAX_MARKUP)
        .position(|b| b == close || b == open || b == b'\n');
    match end {
        Some(end) if tail.as_bytes()[end + 1] == close => &tail[end + 2..],
        _ => tail,
    }
}

/// The document's lines with their byte offsets, `\r` dropped from the end of each.
pub(crate) fn lines(doc: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in doc.split('\n') {
        out.push((offset, line.strip_suffix('\r').unwrap_or(line)));
        offset += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_markup() {
        assert_eq!(
            clean("<span style=\"x\">CAMERA</span><br/><span>相机</span>"),
            "CAMERA 相机"
        );
        assert_eq!(clean("**Camera** (`CAMERA`)"), "Camera (CAMERA)");
        assert_eq!(
            clean("[ACCESS_WIFI_STATE][ACCESS_FINE_LOCATION]"),
            "ACCESS_WIFI_STATE"
        );
        assert_eq!(
            clean("[CAMERA](https://x.y/a#CAMERA) and b"),
            "CAMERA and b"
        );
        assert_eq!(
            clean("a &amp; b &lt; c &#x41;&#66; &bogus; &"),
            "a & b < c AB &bogus; &"
        );
        assert_eq!(clean("a < b"), "a < b");
        assert_eq!(clean("麥<ruby>克</ruby>風 相</span></b>机"), "麥克風 相机");
        assert_eq!(
            clean("相机<br>麦克风 相机<span>CAMERA</span>"),
            "相机 麦克风 相机 CAMERA"
        );
        assert_eq!(clean("相<div>机</div>"), "相 机");
        assert_eq!(clean("x \\| y"), "x | y");
        assert_eq!(clean("[unclosed"), "[unclosed");
        assert_eq!(clean("&#0;&#x110000;"), "&#0;&#x110000;");
    }

    #[test]
    fn a_quoted_manifest_line_is_its_permission() {
        assert_eq!(
            clean("<uses-permission android:name=\"android.permission.CAMERA\" />"),
            "android.permission.CAMERA"
        );
        assert_eq!(
            clean("<uses-permission-sdk-23 android:name='android.permission.READ_CONTACTS'/>"),
            "android.permission.READ_CONTACTS"
        );
        assert_eq!(
            clean("<uses-feature android:name=\"android.hardware.camera\"/>"),
            ""
        );
        assert_eq!(clean("<uses-permissions name=\"x\">"), "");
    }

    #[test]
    fn lines_keep_offsets_and_drop_cr() {
        let doc = "a\r\nbc\nd";
        assert_eq!(lines(doc), vec![(0, "a"), (3, "bc"), (6, "d")]);
    }
}
