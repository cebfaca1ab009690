//! A spanned reader for old-style (OpenStep / NeXTSTEP) property lists, the format of
//! `project.pbxproj`.
//!
//! The `plist` crate reads this format but keeps no positions, and every request permaudit
//! reports must point at the line that sets it, so this reader keeps the offset of every key
//! and value; [`Positions`] turns the few a report shows into lines and columns. It is
//! iterative over a depth-limited stack of frames: hostile input (deep nesting, unterminated
//! strings, huge files) ends in an error, never a panic or a stack overflow.
//!
//! Grammar (as CFPropertyList's OpenStep parser reads it): `{ key = value; … }`, `( v, … )`,
//! `<hex bytes>`, quoted strings with C escapes (`\n`, `\"`, `\Uhhhh`, octal), unquoted strings
//! of `[A-Za-z0-9_$+/:.-]`, and `/* … */` or `// …` comments anywhere whitespace may be.

use std::cell::OnceCell;

pub use bumpalo::Bump;

use crate::source::lines::LineIndex;

/// Deeper nesting than this is not a real project file (Xcode writes at most 6 levels).
pub const MAX_DEPTH: usize = 128;

/// One value with the position of its first character. Strings borrow from the parsed text;
/// containers, data and strings that had escapes to undo live in the arena the caller gives
/// (a project file has thousands of containers: one allocation and one free each, and a walk
/// over the tree to drop it, cost more than the parse itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    /// Byte offset of its first character in the parsed text (after a BOM).
    pub at: u32,
    /// The value.
    pub value: Value<'a>,
}

/// A dictionary entry: its key, where the key is written, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The key text, unescaped.
    pub key: &'a str,
    /// Byte offset of the key's first character in the parsed text (after a BOM).
    pub at: u32,
    /// Offset just past the key as written (quotes included).
    pub key_end: u32,
    /// The value.
    pub value: Node<'a>,
}

/// An OpenStep value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// A quoted or unquoted string.
    String(&'a str),
    /// `<…>` hex data.
    Data(&'a [u8]),
    /// `( … )`.
    Array(&'a [Node<'a>]),
    /// `{ … }`, entries in file order (a later duplicate key wins, as in CFPropertyList).
    Dict(&'a [Entry<'a>]),
}

impl<'a> Value<'a> {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, when this is a dictionary.
    pub fn as_dict(&self) -> Option<&[Entry<'a>]> {
        match self {
            Value::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&[Node<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The last entry named `key`, when this is a dictionary.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.as_dict()?.iter().rev().find(|e| e.key == key)
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Data(_) => "data",
            Value::Array(_) => "an array",
            Value::Dict(_) => "a dictionary",
        }
    }
}

/// A syntax error: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What was expected and what was found.
    pub message: String,
}

/// An open container while parsing. Its elements sit on the parser's shared stacks from
/// `base` on until it closes (one allocation per container, of its exact size).
enum Frame<'a> {
    Array {
        at: usize,
        base: usize,
    },
    Dict {
        at: usize,
        base: usize,
        /// The key read and its position, waiting for `=` and its value.
        key: Option<PendingKey<'a>>,
        /// A `.strings` file: a dictionary without braces that ends with the file.
        implicit: bool,
    },
}

struct Parser<'a> {
    text: &'a [u8],
    /// Where containers, data and unescaped strings are put.
    arena: &'a Bump,
    /// The whole text, when it is valid UTF-8: strings are sliced from it without checking
    /// each one again.
    utf8: Option<&'a str>,
    pos: usize,
}

/// Offsets fit in `u32`: [`parse_with`] refuses a longer text first.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The bytes of an unquoted string, as a table (this test runs for every byte of every name).
static UNQUOTED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'_' | b'$' | b'+' | b'/' | b':' | b'.' | b'-');
        b += 1;
    }
    table
};

/// Whitespace, as [`u8::is_ascii_whitespace`] has it.
static SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_whitespace();
        b += 1;
    }
    table
};

fn is_unquoted(b: u8) -> bool {
    UNQUOTED[usize::from(b)]
}

/// A dictionary key read, waiting for its value: its text, and where its bytes start and end.
type PendingKey<'a> = (&'a str, u32, u32);

/// Lines and columns of the offsets a tree holds. A report shows a handful of a project file's
/// thousands of keys, so the file's lines are indexed the first time one is asked for, not
/// while parsing.
#[derive(Debug)]
pub struct Positions<'a> {
    /// The file's bytes, a BOM included.
    bytes: &'a [u8],
    /// Bytes of the file before the parsed text (a BOM).
    base: usize,
    /// The kept file, whose line starts the report uses too.
    source: Option<&'a crate::source::Source>,
    index: OnceCell<LineIndex<'a>>,
}

impl<'a> Positions<'a> {
    /// The positions in `bytes`, the bytes given to [`parse`] or [`parse_strings`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Positions {
            bytes,
            base: if bytes.starts_with(BOM) { BOM.len() } else { 0 },
            source: None,
            index: OnceCell::new(),
        }
    }

    /// The positions in a file the run kept, indexed with the lines the report quotes.
    pub fn of_source(source: &'a crate::source::Source) -> Self {
        Positions {
            source: Some(source),
            ..Positions::new(source)
        }
    }

    /// 1-based line and column of the byte at offset `at` of the parsed text, as
    /// [`LineIndex`] counts them in that text.
    pub fn of(&self, at: u32) -> (u32, u32) {
        let index = self.index.get_or_init(|| match self.source {
            Some(source) => LineIndex::with_starts(self.bytes, source.starts()),
            None => LineIndex::new(self.bytes),
        });
        let (line, column) = index.position(self.base + at as usize);
        // The file's lines are the text's, but a BOM is one more character on the first.
        if line == 1 && self.base > 0 {
            (line, column.saturating_sub(1).max(1))
        } else {
            (line, column)
        }
    }

    /// The bytes of `entry`'s key as written, quotes included, as offsets in the file.
    pub fn key_span(&self, entry: &Entry<'_>) -> Option<crate::model::Span> {
        crate::model::Span::new(
            self.base + entry.at as usize,
            self.base + entry.key_end as usize,
        )
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl<'a> Parser<'a> {
    /// The text from `start` to `end` as a string, when it is UTF-8.
    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        match self.utf8 {
            Some(whole) => whole.get(start..end),
            None => std::str::from_utf8(self.text.get(start..end)?).ok(),
        }
    }

    fn error(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        let (line, column) = LineIndex::new(self.text).position(at);
        SyntaxError {
            line,
            column,
            message: message.into(),
        }
    }

    fn node(&self, at: usize, value: Value<'a>) -> Node<'a> {
        Node {
            at: to_u32(at),
            value,
        }
    }

    /// Skips whitespace and comments; an unterminated `/*` is an error. It runs two or three
    /// times per entry of a project file, so it works on a local cursor and a table.
    fn skip(&mut self) -> Result<(), SyntaxError> {
        let text = self.text;
        let mut pos = self.pos;
        loop {
            while text.get(pos).is_some_and(|&b| SPACE[usize::from(b)]) {
                pos += 1;
            }
            if text.get(pos) == Some(&b'/') {
                match text.get(pos + 1) {
                    Some(b'*') => match comment_end(text.get(pos + 2..).unwrap_or_default()) {
                        Some(end) => {
                            pos += 2 + end + 2;
                            continue;
                        }
                        None => {
                            self.pos = pos;
                            return Err(self.error(pos, "unterminated /* comment"));
                        }
                    },
                    Some(b'/') => {
                        pos =
                            memchr::memchr(b'\n', &text[pos..]).map_or(text.len(), |e| pos + e + 1);
                        continue;
                    }
                    _ => {}
                }
            }
            self.pos = pos;
            return Ok(());
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    /// A quoted or unquoted string at the cursor: a slice of the text unless it has escapes.
    fn string(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        let text = self.text;
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => {
                self.pos += 1;
                let body = &text[self.pos..];
                let mut out: Vec<u8> = match memchr::memchr2(q, b'\\', body) {
                    // No escape before the closing quote: the text itself.
                    Some(end) if body.get(end) == Some(&q) => {
                        let from = self.pos;
                        self.pos += end + 1;
                        return self.slice(from, from + end).ok_or_else(|| {
                            self.error(start, "invalid UTF-8 in a quoted string; expected UTF-8")
                        });
                    }
                    // An escape: unescape from there on.
                    Some(escape) => {
                        self.pos += escape;
                        body[..escape].to_vec()
                    }
                    None => {
                        self.pos = text.len();
                        Vec::new()
                    }
                };
                loop {
                    let Some(&b) = self.text.get(self.pos) else {
                        return Err(self.error(
                            start,
                            "unterminated quoted string (no closing quote before the end of \
                             the file)",
                        ));
                    };
                    self.pos += 1;
                    if b == q {
                        break;
                    }
                    if b != b'\\' {
                        out.push(b);
                        continue;
                    }
                    let escape_at = self.pos - 1;
                    let Some(&e) = self.text.get(self.pos) else {
                        return Err(self.error(escape_at, "unterminated escape at end of file"));
                    };
                    self.pos += 1;
                    let c: char = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'a' => '\u{7}',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'v' => '\u{b}',
                        b'U' | b'u' => {
                            let digits = self
                                .text
                                .get(self.pos..)
                                .unwrap_or_default()
                                .iter()
                                .take(4)
                                .take_while(|d| d.is_ascii_hexdigit())
                                .count();
                            let hex = std::str::from_utf8(&self.text[self.pos..self.pos + digits])
                                .unwrap_or_default();
                            self.pos += digits;
                            let code = u32::from_str_radix(hex, 16).map_err(|_| {
                                self.error(escape_at, "\\U escape without hex digits")
                            })?;
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        b'0'..=b'7' => {
                            let mut code = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        code = code * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        other => {
                            out.push(other);
                            continue;
                        }
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                let arena = self.arena;
                std::str::from_utf8(&out)
                    .map(|s| &*arena.alloc_str(s))
                    .map_err(|_| {
                        self.error(start, "invalid UTF-8 in a quoted string; expected UTF-8")
                    })
            }
            Some(b) if is_unquoted(b) => {
                let len = text[start..]
                    .iter()
                    .position(|&b| !is_unquoted(b))
                    .unwrap_or(text.len() - start);
                self.pos = start + len;
                // Only ASCII bytes were taken, so this is always valid UTF-8.
                Ok(self.slice(start, self.pos).unwrap_or_default())
            }
            Some(b) => Err(self.error(start, format!("expected a string, found {}", shown(b)))),
            None => Err(self.error(start, "expected a string, found the end of the file")),
        }
    }

    fn data(&mut self) -> Result<&'a [u8], SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error(start, "unterminated <data> (no closing >)"));
            };
            self.pos += 1;
            match b {
                b'>' if high.is_none() => return Ok(self.arena.alloc_slice_copy(&out)),
                b'>' => return Err(self.error(start, "odd number of hex digits in <data>")),
                b if b.is_ascii_whitespace() => {}
                b if b.is_ascii_hexdigit() => {
                    let v = (b as char).to_digit(16).unwrap_or(0) as u8;
                    match high.take() {
                        Some(h) => out.push(h << 4 | v),
                        None => high = Some(v),
                    }
                }
                other => {
                    return Err(self.error(
                        self.pos - 1,
                        format!("expected a hex digit in <data>, found {}", shown(other)),
                    ));
                }
            }
        }
    }
}

fn shown(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}

/// Where the first `*/` in `text` starts. Comments are short and many (one after every object
/// id in a project file), so this looks for `*` rather than building a substring searcher.
fn comment_end(text: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(star) = memchr::memchr(b'*', text.get(from..)?) {
        let at = from + star;
        if text.get(at + 1) == Some(&b'/') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Parses a whole OpenStep plist. A UTF-8 BOM and the `// !$*UTF8*$!` header line Xcode writes
/// are accepted (the header is a comment).
pub fn parse<'a>(bytes: &'a [u8], arena: &'a Bump) -> Result<Node<'a>, SyntaxError> {
    parse_with(bytes, std::str::from_utf8(bytes).ok(), arena, false)
}

/// [`parse`] of a file the run kept, whose text was checked for UTF-8 when it was read.
pub fn parse_source<'a>(
    source: &'a crate::source::Source,
    arena: &'a Bump,
) -> Result<Node<'a>, SyntaxError> {
    parse_with(source, source.as_str(), arena, false)
}

/// Parses the body of a `.strings` file: `"key" = "value";` entries with no surrounding braces
/// (CFPropertyList reads a strings file as exactly that). The text must be UTF-8 here; callers
/// decode UTF-16 first.
pub fn parse_strings<'a>(text: &'a str, arena: &'a Bump) -> Result<Node<'a>, SyntaxError> {
    parse_with(text.as_bytes(), Some(text), arena, true)
}

/// Parses `bytes`; `utf8` is the same bytes as text when they are UTF-8.
fn parse_with<'a>(
    bytes: &'a [u8],
    utf8: Option<&'a str>,
    arena: &'a Bump,
    strings: bool,
) -> Result<Node<'a>, SyntaxError> {
    let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if u32::try_from(text.len()).is_err() {
        return Err(SyntaxError {
            line: 1,
            column: 1,
            message: "the file is larger than 4 GiB; not a real project file".into(),
        });
    }
    let mut p = Parser {
        text,
        arena,
        utf8: utf8.and_then(|whole| whole.get(bytes.len() - text.len()..)),
        pos: 0,
    };
    let mut stack: Vec<Frame<'_>> = Vec::new();
    // The elements of every open container, innermost last.
    let mut items: Vec<Node<'_>> = Vec::new();
    let mut entries: Vec<Entry<'_>> = Vec::new();
    if strings {
        stack.push(Frame::Dict {
            at: 0,
            base: 0,
            key: None,
            implicit: true,
        });
    }
    loop {
        p.skip()?;
        // Closing brackets and separators of the innermost container.
        let mut finished: Option<Node> = None;
        match stack.last_mut() {
            Some(Frame::Array { at, base }) => match p.peek() {
                Some(b')') => {
                    p.pos += 1;
                    let own = &*arena.alloc_slice_fill_iter(items.drain(*base..));
                    finished = Some(p.node(*at, Value::Array(own)));
                    stack.pop();
                }
                Some(b',') if items.len() > *base => {
                    return Err(p.error(p.pos, "unexpected `,` (two in a row?)"));
                }
                None => return Err(p.error(*at, "unterminated array: `(` is never closed")),
                _ => {}
            },
            Some(Frame::Dict {
                at,
                base,
                key,
                implicit,
            }) => match (p.peek(), key.is_some()) {
                (None, false) if *implicit => {
                    let own = &*arena.alloc_slice_fill_iter(entries.drain(*base..));
                    return Ok(p.node(*at, Value::Dict(own)));
                }
                (Some(b'}'), false) if !*implicit => {
                    p.pos += 1;
                    let own = &*arena.alloc_slice_fill_iter(entries.drain(*base..));
                    finished = Some(p.node(*at, Value::Dict(own)));
                    stack.pop();
                }
                (None, _) => {
                    return Err(p.error(*at, "unterminated dictionary: `{` is never closed"));
                }
                (Some(_), false) => {
                    let key_from = p.pos;
                    let k = p.string()?;
                    let key_end = p.pos;
                    p.skip()?;
                    if p.peek() != Some(b'=') {
                        let found = p.peek().map_or("the end of the file".into(), shown);
                        return Err(p.error(
                            p.pos,
                            format!("expected `=` after the key \"{k}\", found {found}"),
                        ));
                    }
                    p.pos += 1;
                    *key = Some((k, to_u32(key_from), to_u32(key_end)));
                    continue;
                }
                (Some(_), true) => {}
            },
            None => {}
        }
        let node = match finished {
            Some(node) => node,
            None => {
                let at = p.pos;
                match p.peek() {
                    Some(open @ (b'{' | b'(')) => {
                        if stack.len() >= MAX_DEPTH {
                            return Err(p.error(
                                at,
                                format!(
                                    "values nested deeper than {MAX_DEPTH} levels; not a real \
                                     project file"
                                ),
                            ));
                        }
                        p.pos += 1;
                        stack.push(if open == b'{' {
                            Frame::Dict {
                                at,
                                base: entries.len(),
                                key: None,
                                implicit: false,
                            }
                        } else {
                            Frame::Array {
                                at,
                                base: items.len(),
                            }
                        });
                        continue;
                    }
                    Some(b'<') => {
                        let data = p.data()?;
                        p.node(at, Value::Data(data))
                    }
                    None if stack.is_empty() => {
                        return Err(p.error(at, "the file is empty; expected a `{` dictionary"));
                    }
                    _ => {
                        let s = p.string()?;
                        p.node(at, Value::String(s))
                    }
                }
            }
        };
        // Hand the finished value to its container, or return it at the top.
        p.skip()?;
        match stack.last_mut() {
            None => {
                if p.pos < p.text.len() {
                    return Err(p.error(
                        p.pos,
                        format!(
                            "unexpected {} after the top-level value",
                            shown(p.text[p.pos])
                        ),
                    ));
                }
                return Ok(node);
            }
            Some(Frame::Array { .. }) => {
                items.push(node);
                match p.peek() {
                    Some(b',') => p.pos += 1,
                    Some(b')') => {}
                    Some(b) => {
                        return Err(p.error(
                            p.pos,
                            format!("expected `,` or `)` in an array, found {}", shown(b)),
                        ));
                    }
                    None => {}
                }
            }
            Some(Frame::Dict { key, .. }) => {
                let Some((k, key_at, key_end)) = key.take() else {
                    return Err(p.error(p.pos, "a dictionary value without a key"));
                };
                if p.peek() != Some(b';') {
                    let found = p.peek().map_or("the end of the file".into(), shown);
                    return Err(p.error(
                        p.pos,
                        format!("expected `;` after the value of \"{k}\", found {found}"),
                    ));
                }
                p.pos += 1;
                entries.push(Entry {
                    key: k,
                    at: key_at,
                    key_end,
                    value: node,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The trees of a test live as long as the test process.
    fn parse(bytes: &[u8]) -> Result<Node<'_>, SyntaxError> {
        super::parse(bytes, Box::leak(Box::default()))
    }

    fn parse_strings(text: &str) -> Result<Node<'_>, SyntaxError> {
        super::parse_strings(text, Box::leak(Box::default()))
    }

    /// A key's span is its bytes in the file as given, a BOM and quotes included.
    #[test]
    fn key_spans_are_file_offsets() {
        let text = "\u{feff}{ a = b; \"c d\" = e; }";
        let root = parse(text.as_bytes()).unwrap();
        let positions = Positions::new(text.as_bytes());
        let spans: Vec<_> = root
            .value
            .as_dict()
            .unwrap()
            .iter()
            .map(|e| {
                positions
                    .key_span(e)
                    .map(|s| &text[s.start as usize..s.end as usize])
            })
            .collect();
        assert_eq!(spans, [Some("a"), Some("\"c d\"")]);
        // The BOM is not a character of the first line.
        let first = &root.value.as_dict().unwrap()[0];
        assert_eq!(positions.of(first.at), (1, 3));
        assert_eq!(positions.of(root.at), (1, 1));
    }

    #[test]
    fn reads_a_project_shape_with_positions() {
        let text = "// !$*UTF8*$!\n{\n\tobjects = {\n\t\tAB /* x */ = {isa = X; \"a b\" = \"q\\\"\\n\\U00e9\"; list = (1, 2,); d = <0aFf>;};\n\t};\n}\n";
        let root = parse(text.as_bytes()).unwrap();
        let positions = Positions::new(text.as_bytes());
        let objects = root.value.get("objects").unwrap();
        assert_eq!(positions.of(objects.at), (3, 2));
        let ab = objects.value.value.get("AB").unwrap();
        assert_eq!(positions.of(ab.at).0, 4);
        assert_eq!(positions.of(ab.value.at), (4, 16));
        let q = ab.value.value.get("a b").unwrap();
        assert_eq!(q.value.value.as_str(), Some("q\"\n\u{e9}"));
        assert_eq!(positions.of(q.at).1, 26);
        let list = ab.value.value.get("list").unwrap();
        assert_eq!(list.value.value.as_array().map(<[Node]>::len), Some(2));
        let d = ab.value.value.get("d").unwrap();
        assert_eq!(d.value.value, Value::Data(&[0x0a, 0xff]));
    }

    #[test]
    fn columns_count_characters_on_every_line() {
        // Lines with names in other scripts, behind a BOM: each key is placed where the
        // shared line index of the text places its first byte, and its span (file offsets,
        // the BOM included) holds the key as written.
        let text = "// !$*UTF8*$!\n{\n\ta = b;\n\t\"é\" = \"名前\"; c = d;\n\te = f; \"中文\" = x; g = h;\n\
                    /* ünï */ i = j;\n\tk = l;\n}\n";
        let file = format!("\u{feff}{text}");
        let root = parse(file.as_bytes()).unwrap();
        let index = LineIndex::new(text.as_bytes());
        let positions = Positions::new(file.as_bytes());
        // The same places through the line starts of the kept file, which the report uses.
        let kept = crate::source::Source::new(file.clone().into_bytes());
        let shared = Positions::of_source(&kept);
        let entries = root.value.as_dict().unwrap();
        assert_eq!(entries.len(), 8);
        let mut lines = Vec::new();
        for e in entries {
            let span = positions.key_span(e).unwrap();
            let written = &file[span.start as usize..span.end as usize];
            assert_eq!(written.trim_matches('"'), e.key);
            let at = positions.of(e.at);
            assert_eq!(at, index.position(span.start as usize - 3), "{}", e.key);
            assert_eq!(shared.of(e.at), at, "{}", e.key);
            lines.push(at);
        }
        assert_eq!(
            lines[2],
            (4, 14),
            "c comes after three non-ASCII characters"
        );
        assert_eq!(
            lines[6],
            (6, 11),
            "i comes after a comment of accented letters"
        );
    }

    #[test]
    fn strings_files() {
        let text = "/* c */\n\"NSCameraUsageDescription\" = \"扫描\\\"码\\\"\";\n// x\nKey2 = v;\n";
        let root = parse_strings(text).unwrap();
        let positions = Positions::new(text.as_bytes());
        let cam = root.value.get("NSCameraUsageDescription").unwrap();
        assert_eq!(positions.of(cam.at), (2, 1));
        assert_eq!(cam.value.value.as_str(), Some("扫描\"码\""));
        assert_eq!(positions.of(root.value.get("Key2").unwrap().at).0, 4);
        assert_eq!(parse_strings("").unwrap().value, Value::Dict(&[]));
        assert!(parse_strings("\"a\" = \"b\"").is_err());
        assert!(parse_strings("\"a\" = \"b\"; }").is_err());
    }

    #[test]
    fn hostile_inputs_are_errors() {
        for (text, wanted) in [
            ("{ a = \"x; }", "unterminated quoted string"),
            ("{ a = b }", "expected `;`"),
            ("{ a b; }", "expected `=`"),
            ("{ a = (1 2); }", "expected `,` or `)`"),
            ("{ /* x ", "unterminated /* comment"),
            ("{ a = b; ", "unterminated dictionary"),
            ("", "the file is empty"),
            ("{} x", "after the top-level value"),
            ("{ a = <0g>; }", "hex digit"),
            ("{ a = \"\\", "unterminated"),
        ] {
            let err = parse(text.as_bytes()).unwrap_err();
            assert!(err.message.contains(wanted), "{text:?}: {}", err.message);
        }
        let deep = "(".repeat(100_000);
        let err = parse(deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("nested deeper"), "{}", err.message);
    }
}
