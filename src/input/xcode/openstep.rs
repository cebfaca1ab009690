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

use super::super::lines::LineIndex;

/// Deeper nesting than this is not a real project file (Xcode writes at most 6 levels).
pub const MAX_DEPTH: usize = 128;

/// One value with the position of its first character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The value.
    pub value: Value,
}

/// A dictionary entry: its key, where the key is written, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key text, unescaped.
    pub key: String,
    /// 1-based line of the key.
    pub line: u32,
    /// 1-based column of the key.
    pub column: u32,
    /// The value.
    pub value: Node,
}

/// An OpenStep value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A quoted or unquoted string.
    String(String),
    /// `<…>` hex data.
    Data(Vec<u8>),
    /// `( … )`.
    Array(Vec<Node>),
    /// `{ … }`, entries in file order (a later duplicate key wins, as in CFPropertyList).
    Dict(Vec<Entry>),
}

impl Value {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, when this is a dictionary.
    pub fn as_dict(&self) -> Option<&[Entry]> {
        match self {
            Value::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The last entry named `key`, when this is a dictionary.
    pub fn get(&self, key: &str) -> Option<&Entry> {
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

/// An open container while parsing.
enum Frame {
    Array {
        at: usize,
        items: Vec<Node>,
    },
    Dict {
        at: usize,
        entries: Vec<Entry>,
        /// The key read, waiting for `=` and its value.
        key: Option<(String, usize)>,
        /// A `.strings` file: a dictionary without braces that ends with the file.
        implicit: bool,
    },
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
    lines: LineIndex<'a>,
}

fn is_unquoted(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'+' | b'/' | b':' | b'.' | b'-')
}

impl<'a> Parser<'a> {
    fn error(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        let (line, column) = self.lines.position(at);
        SyntaxError {
            line,
            column,
            message: message.into(),
        }
    }

    fn node(&self, at: usize, value: Value) -> Node {
        let (line, column) = self.lines.position(at);
        Node {
            line,
            column,
            value,
        }
    }

    /// Skips whitespace and comments; an unterminated `/*` is an error.
    fn skip(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.text.get(self.pos..self.pos + 2) {
                Some(b"/*") => {
                    let start = self.pos;
                    match memchr::memmem::find(&self.text[self.pos + 2..], b"*/") {
                        Some(end) => self.pos += 2 + end + 2,
                        None => return Err(self.error(start, "unterminated /* comment")),
                    }
                    continue;
                }
                Some(b"//") => {
                    match memchr::memchr(b'\n', &self.text[self.pos..]) {
                        Some(end) => self.pos += end + 1,
                        None => self.pos = self.text.len(),
                    }
                    continue;
                }
                _ => {}
            }
            match self.text.get(self.pos) {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                _ => return Ok(()),
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    /// A quoted or unquoted string at the cursor.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => {
                self.pos += 1;
                let mut out: Vec<u8> = Vec::new();
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
                String::from_utf8(out).map_err(|_| {
                    self.error(start, "invalid UTF-8 in a quoted string; expected UTF-8")
                })
            }
            Some(b) if is_unquoted(b) => {
                while self.peek().is_some_and(is_unquoted) {
                    self.pos += 1;
                }
                // Only ASCII bytes were taken, so this is always valid UTF-8.
                Ok(String::from_utf8_lossy(&self.text[start..self.pos]).into_owned())
            }
            Some(b) => Err(self.error(start, format!("expected a string, found {}", shown(b)))),
            None => Err(self.error(start, "expected a string, found the end of the file")),
        }
    }

    fn data(&mut self) -> Result<Vec<u8>, SyntaxError> {
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
                b'>' if high.is_none() => return Ok(out),
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

/// Parses a whole OpenStep plist. A UTF-8 BOM and the `// !$*UTF8*$!` header line Xcode writes
/// are accepted (the header is a comment).
pub fn parse(bytes: &[u8]) -> Result<Node, SyntaxError> {
    parse_with(bytes, false)
}

/// Parses the body of a `.strings` file: `"key" = "value";` entries with no surrounding braces
/// (CFPropertyList reads a strings file as exactly that). The text must be UTF-8 here; callers
/// decode UTF-16 first.
pub fn parse_strings(text: &str) -> Result<Node, SyntaxError> {
    parse_with(text.as_bytes(), true)
}

fn parse_with(bytes: &[u8], strings: bool) -> Result<Node, SyntaxError> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut p = Parser {
        text,
        pos: 0,
        lines: LineIndex::new(text),
    };
    let mut stack: Vec<Frame> = Vec::new();
    if strings {
        stack.push(Frame::Dict {
            at: 0,
            entries: Vec::new(),
            key: None,
            implicit: true,
        });
    }
    loop {
        p.skip()?;
        // Closing brackets and separators of the innermost container.
        let mut finished: Option<Node> = None;
        match stack.last_mut() {
            Some(Frame::Array { at, items }) => match p.peek() {
                Some(b')') => {
                    p.pos += 1;
                    let at = *at;
                    let items = std::mem::take(items);
                    stack.pop();
                    finished = Some(p.node(at, Value::Array(items)));
                }
                Some(b',') if !items.is_empty() => {
                    return Err(p.error(p.pos, "unexpected `,` (two in a row?)"));
                }
                None => return Err(p.error(*at, "unterminated array: `(` is never closed")),
                _ => {}
            },
            Some(Frame::Dict {
                at,
                entries,
                key,
                implicit,
            }) => match (p.peek(), key.is_some()) {
                (None, false) if *implicit => {
                    let at = *at;
                    return Ok(p.node(at, Value::Dict(std::mem::take(entries))));
                }
                (Some(b'}'), false) if !*implicit => {
                    p.pos += 1;
                    let at = *at;
                    let entries = std::mem::take(entries);
                    stack.pop();
                    finished = Some(p.node(at, Value::Dict(entries)));
                }
                (None, _) => {
                    return Err(p.error(*at, "unterminated dictionary: `{` is never closed"));
                }
                (Some(_), false) => {
                    let key_at = p.pos;
                    let k = p.string()?;
                    p.skip()?;
                    if p.peek() != Some(b'=') {
                        let found = p.peek().map_or("the end of the file".into(), shown);
                        return Err(p.error(
                            p.pos,
                            format!("expected `=` after the key \"{k}\", found {found}"),
                        ));
                    }
                    p.pos += 1;
                    *key = Some((k, key_at));
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
                                entries: Vec::new(),
                                key: None,
                                implicit: false,
                            }
                        } else {
                            Frame::Array {
                                at,
                                items: Vec::new(),
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
            Some(Frame::Array { items, .. }) => {
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
            Some(Frame::Dict { entries, key, .. }) => {
                let Some((k, key_at)) = key.take() else {
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
                let (line, column) = p.lines.position(key_at);
                entries.push(Entry {
                    key: k,
                    line,
                    column,
                    value: node,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(d.value.value, Value::Data(vec![0x0a, 0xff]));
    }

    #[test]
    fn strings_files() {
        let text = "/* c */\n\"NSCameraUsageDescription\" = \"扫描\\\"码\\\"\";\n// x\nKey2 = v;\n";
        let root = parse_strings(text).unwrap();
        let cam = root.value.get("NSCameraUsageDescription").unwrap();
        assert_eq!((cam.line, cam.column), (2, 1));
        assert_eq!(cam.value.value.as_str(), Some("扫描\"码\""));
        assert_eq!(root.value.get("Key2").unwrap().line, 4);
        assert_eq!(parse_strings("").unwrap().value, Value::Dict(vec![]));
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
