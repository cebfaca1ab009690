//! A spanned reader for old-style (OpenStep / NeXTSTEP) property lists, the format of
//! `project.pbxproj`.
//!
//! The `plist` crate reads this format but keeps no positions, and every request permaudit
//! reports must point at the line that sets it, so this reader keeps the line and column of
//! every key and value. It is iterative over a depth-limited stack of frames: hostile input
//! (deep nesting, unterminated strings, huge files) ends in an error, never a panic or a stack
//! overflow.
//!
//! Grammar (as CFPropertyList's OpenStep parser reads it): `{ key = value; … }`, `( v, … )`,
//! `<hex bytes>`, quoted strings with C escapes (`\n`, `\"`, `\Uhhhh`, octal), unquoted strings
//! of `[A-Za-z0-9_$+/:.-]`, and `/* … */` or `// …` comments anywhere whitespace may be.

use std::cell::Cell;

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
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The value.
    pub value: Value<'a>,
}

/// A dictionary entry: its key, where the key is written, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The key text, unescaped.
    pub key: &'a str,
    /// 1-based line of the key.
    pub line: u32,
    /// 1-based column of the key.
    pub column: u32,
    /// The key's bytes as written (quotes included).
    pub key_span: Option<crate::model::Span>,
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
        position: (u32, u32),
        base: usize,
    },
    Dict {
        at: usize,
        position: (u32, u32),
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
    /// Start offsets of the lines.
    starts: Vec<usize>,
    /// Positions are asked for in increasing order while parsing: (offset, 0-based line,
    /// column, whether that line is ASCII) of the last one, so finding the next one reads only
    /// what lies in between.
    cursor: Cell<(usize, usize, usize, bool)>,
    /// Bytes of the file before `text` (a BOM), so spans are offsets in the file.
    base: usize,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Characters (UTF-8 lead bytes) in `bytes`.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
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

/// A dictionary key read, waiting for its value: its text, line and column, and bytes.
type PendingKey<'a> = (&'a str, (u32, u32), Option<crate::model::Span>);

impl<'a> Parser<'a> {
    /// 1-based line and column of the byte at `at`, exactly as [`LineIndex`] counts them
    /// (only `\n` ends a line; columns count characters; offsets past the end clamp).
    fn position(&self, at: usize) -> (u32, u32) {
        let at = at.min(self.text.len());
        let (offset, line, column, ascii) = self.cursor.get();
        if at < offset {
            // Out of order (only error positions are): count from the start.
            return LineIndex::new(self.text).position(at);
        }
        // `line` is 0-based here: the index of its start in `starts`.
        let mut next = line;
        while self.starts.get(next + 1).is_some_and(|&s| s <= at) {
            next += 1;
        }
        let (from, base, ascii) = if next == line {
            (offset, column, ascii)
        } else {
            let start = self.starts.get(next).copied().unwrap_or(0);
            (start, 1, self.line_is_ascii(next))
        };
        // A project file is ASCII but for the odd name: on an ASCII line a byte is a character.
        let gap = self.text.get(from..at).unwrap_or_default();
        let column = base + if ascii { gap.len() } else { chars(gap) };
        self.cursor.set((at, next, column, ascii));
        (to_u32(next + 1), to_u32(column))
    }

    /// Whether the 0-based line `line` is all ASCII.
    fn line_is_ascii(&self, line: usize) -> bool {
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or_default().is_ascii()
    }

    /// The text from `start` to `end` as a string, when it is UTF-8.
    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        match self.utf8 {
            Some(whole) => whole.get(start..end),
            None => std::str::from_utf8(self.text.get(start..end)?).ok(),
        }
    }

    fn error(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        let (line, column) = self.position(at);
        SyntaxError {
            line,
            column,
            message: message.into(),
        }
    }

    fn node(&self, at: usize, value: Value<'a>) -> Node<'a> {
        let (line, column) = self.position(at);
        Node {
            line,
            column,
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
    parse_with(bytes, arena, false)
}

/// Parses the body of a `.strings` file: `"key" = "value";` entries with no surrounding braces
/// (CFPropertyList reads a strings file as exactly that). The text must be UTF-8 here; callers
/// decode UTF-16 first.
pub fn parse_strings<'a>(text: &'a str, arena: &'a Bump) -> Result<Node<'a>, SyntaxError> {
    parse_with(text.as_bytes(), arena, true)
}

fn parse_with<'a>(
    bytes: &'a [u8],
    arena: &'a Bump,
    strings: bool,
) -> Result<Node<'a>, SyntaxError> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut p = Parser {
        text,
        arena,
        utf8: std::str::from_utf8(text).ok(),
        pos: 0,
        starts: crate::source::lines::starts(text),
        cursor: Cell::new((0, 0, 1, false)),
        base: bytes.len() - text.len(),
    };
    p.cursor.set((0, 0, 1, p.line_is_ascii(0)));
    let mut stack: Vec<Frame<'_>> = Vec::new();
    // The elements of every open container, innermost last.
    let mut items: Vec<Node<'_>> = Vec::new();
    let mut entries: Vec<Entry<'_>> = Vec::new();
    if strings {
        stack.push(Frame::Dict {
            at: 0,
            position: p.position(0),
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
            Some(Frame::Array { at, position, base }) => match p.peek() {
                Some(b')') => {
                    p.pos += 1;
                    let (line, column) = *position;
                    let own = &*arena.alloc_slice_fill_iter(items.drain(*base..));
                    stack.pop();
                    finished = Some(Node {
                        line,
                        column,
                        value: Value::Array(own),
                    });
                }
                Some(b',') if items.len() > *base => {
                    return Err(p.error(p.pos, "unexpected `,` (two in a row?)"));
                }
                None => return Err(p.error(*at, "unterminated array: `(` is never closed")),
                _ => {}
            },
            Some(Frame::Dict {
                at,
                position,
                base,
                key,
                implicit,
            }) => match (p.peek(), key.is_some()) {
                (None, false) if *implicit => {
                    let (line, column) = *position;
                    return Ok(Node {
                        line,
                        column,
                        value: Value::Dict(arena.alloc_slice_fill_iter(entries.drain(*base..))),
                    });
                }
                (Some(b'}'), false) if !*implicit => {
                    p.pos += 1;
                    let (line, column) = *position;
                    let own = &*arena.alloc_slice_fill_iter(entries.drain(*base..));
                    stack.pop();
                    finished = Some(Node {
                        line,
                        column,
                        value: Value::Dict(own),
                    });
                }
                (None, _) => {
                    return Err(p.error(*at, "unterminated dictionary: `{` is never closed"));
                }
                (Some(_), false) => {
                    let key_at = p.position(p.pos);
                    let key_from = p.pos;
                    let k = p.string()?;
                    let key_span = crate::model::Span::new(p.base + key_from, p.base + p.pos);
                    p.skip()?;
                    if p.peek() != Some(b'=') {
                        let found = p.peek().map_or("the end of the file".into(), shown);
                        return Err(p.error(
                            p.pos,
                            format!("expected `=` after the key \"{k}\", found {found}"),
                        ));
                    }
                    p.pos += 1;
                    *key = Some((k, key_at, key_span));
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
                        let position = p.position(at);
                        stack.push(if open == b'{' {
                            Frame::Dict {
                                at,
                                position,
                                base: entries.len(),
                                key: None,
                                implicit: false,
                            }
                        } else {
                            Frame::Array {
                                at,
                                position,
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
                let Some((k, key_at, key_span)) = key.take() else {
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
                let (line, column) = key_at;
                entries.push(Entry {
                    key: k,
                    line,
                    column,
                    key_span,
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
        let spans: Vec<_> = root
            .value
            .as_dict()
            .unwrap()
            .iter()
            .map(|e| e.key_span.map(|s| &text[s.start as usize..s.end as usize]))
            .collect();
        assert_eq!(spans, [Some("a"), Some("\"c d\"")]);
    }

    #[test]
    fn reads_a_project_shape_with_positions() {
        let text = "// !$*UTF8*$!\n{\n\tobjects = {\n\t\tAB /* x */ = {isa = X; \"a b\" = \"q\\\"\\n\\U00e9\"; list = (1, 2,); d = <0aFf>;};\n\t};\n}\n";
        let root = parse(text.as_bytes()).unwrap();
        let objects = root.value.get("objects").unwrap();
        assert_eq!((objects.line, objects.column), (3, 2));
        let ab = objects.value.value.get("AB").unwrap();
        assert_eq!(ab.line, 4);
        let q = ab.value.value.get("a b").unwrap();
        assert_eq!(q.value.value.as_str(), Some("q\"\n\u{e9}"));
        assert_eq!(q.column, 26);
        let list = ab.value.value.get("list").unwrap();
        assert_eq!(list.value.value.as_array().map(<[Node]>::len), Some(2));
        let d = ab.value.value.get("d").unwrap();
        assert_eq!(d.value.value, Value::Data(&[0x0a, 0xff]));
    }

    #[test]
    fn columns_count_characters_on_every_line() {
        // ASCII lines between lines with names in other scripts: each key's column is the
        // one the shared line index gives for its first byte.
        let text = "// !$*UTF8*$!\n{\n\ta = b;\n\t\"é\" = \"名前\"; c = d;\n\te = f; \"中文\" = x; g = h;\n\
                    /* ünï */ i = j;\n\tk = l;\n}\n";
        let root = parse(text.as_bytes()).unwrap();
        let index = LineIndex::new(text.as_bytes());
        let entries = root.value.as_dict().unwrap();
        assert_eq!(entries.len(), 8);
        for e in entries {
            let span = e.key_span.unwrap();
            assert_eq!(
                (e.line, e.column),
                index.position(span.start as usize),
                "{}",
                e.key
            );
        }
    }

    #[test]
    fn strings_files() {
        let text = "/* c */\n\"NSCameraUsageDescription\" = \"扫描\\\"码\\\"\";\n// x\nKey2 = v;\n";
        let root = parse_strings(text).unwrap();
        let cam = root.value.get("NSCameraUsageDescription").unwrap();
        assert_eq!((cam.line, cam.column), (2, 1));
        assert_eq!(cam.value.value.as_str(), Some("扫描\"码\""));
        assert_eq!(root.value.get("Key2").unwrap().line, 4);
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
