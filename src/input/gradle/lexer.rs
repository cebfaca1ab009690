//! A tokenizer for Gradle build scripts, Groovy and Kotlin DSL alike, that keeps only what a
//! static reading needs: names, literal strings (with whether they interpolate), numbers and
//! punctuation, each with its 1-based line and column. Comments are dropped; newlines are kept
//! because both languages end statements at them. Names, numbers and strings without escapes
//! are slices of the script's text, not copies.
//!
//! It never panics and never recurses: an unterminated string or block comment, or brackets
//! nested deeper than [`MAX_DEPTH`], is an error at the construct's start.

use std::borrow::Cow;

use crate::input::InputError;
use crate::model::Location;

/// Brackets nested deeper than this are not a real build script.
pub const MAX_DEPTH: usize = 200;
/// Largest build script read, in bytes; real ones are a few KB, the largest known under 200 KB.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A name (`android`, `applicationId`, a Kotlin `` `backticked-name` ``).
    Ident(&'a str),
    /// A string literal. `interpolated` is true when its value depends on `$x` / `${…}`, so it
    /// is not a literal value at all.
    Str {
        /// The text between the quotes, escapes decoded.
        value: Cow<'a, str>,
        /// The string interpolates (`"$versionName"`, `"${x}"` in a Groovy/Kotlin GString).
        interpolated: bool,
    },
    /// A number, as written.
    Num(&'a str),
    /// One punctuation character (`{`, `(`, `=`, `.`, `,`, `:`, `+`, …).
    Punct(char),
    /// The end of a line (statements end there unless an operator or bracket continues them).
    Newline,
}

/// A token and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token.
    pub tok: Tok<'a>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

struct Cursor<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    pos: usize,
    line: u32,
    column: u32,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&mut self) -> Option<char> {
        match self.text.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.rest().chars().next(),
        }
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else {
            self.column = self.column.saturating_add(1);
        }
        Some(c)
    }

    fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// The text from byte `start` to the cursor.
    fn since(&self, start: usize) -> &'a str {
        self.text.get(start..self.pos).unwrap_or_default()
    }

    fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.next();
        }
    }
}

/// Tokenizes `text` (the file shown as `path`).
pub fn tokenize<'a>(path: &str, text: &'a str) -> Result<Vec<Token<'a>>, InputError> {
    let mut cur = Cursor {
        text,
        pos: 0,
        line: 1,
        column: 1,
    };
    let mut out = Vec::new();
    let mut open: Vec<(char, u32, u32)> = Vec::new();
    let at = |line, column| Location::at(path, line, column);
    // A shebang line (`#!/usr/bin/env kotlin`) is a comment.
    if cur.starts_with("#!") {
        while cur.peek().is_some_and(|c| c != '\n') {
            cur.next();
        }
    }
    while let Some(c) = cur.peek() {
        let (line, column) = (cur.line, cur.column);
        let push = |out: &mut Vec<Token<'a>>, tok| out.push(Token { tok, line, column });
        match c {
            '\n' => {
                cur.next();
                push(&mut out, Tok::Newline);
            }
            c if c.is_whitespace() || c == '\u{feff}' => {
                cur.next();
            }
            '/' if cur.starts_with("//") => {
                while cur.peek().is_some_and(|c| c != '\n') {
                    cur.next();
                }
            }
            '/' if cur.starts_with("/*") => {
                cur.skip(2);
                loop {
                    if cur.starts_with("*/") {
                        cur.skip(2);
                        break;
                    }
                    if cur.next().is_none() {
                        return Err(InputError::invalid(
                            at(line, column),
                            "unterminated /* comment: the file ends before */",
                        ));
                    }
                }
            }
            '"' | '\'' => {
                let tok = string(&mut cur, c).ok_or_else(|| {
                    InputError::invalid(
                        at(line, column),
                        "unterminated string: the line or file ends before its closing quote",
                    )
                })?;
                push(&mut out, tok);
            }
            '`' => {
                cur.next();
                let start = cur.pos;
                let name = loop {
                    let end = cur.pos;
                    match cur.next() {
                        Some('`') => break cur.text.get(start..end).unwrap_or_default(),
                        Some('\n') | None => {
                            return Err(InputError::invalid(
                                at(line, column),
                                "unterminated `name`: the line ends before its closing backtick",
                            ));
                        }
                        Some(_) => {}
                    }
                };
                push(&mut out, Tok::Ident(name));
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                let start = cur.pos;
                while cur
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
                {
                    cur.next();
                }
                push(&mut out, Tok::Ident(cur.since(start)));
            }
            c if c.is_ascii_digit() => {
                let start = cur.pos;
                let mut dot = false;
                while let Some(c) = cur
                    .peek()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                {
                    // `1..3` is a range, not a number with two dots.
                    if c == '.' && (dot || cur.starts_with("..")) {
                        break;
                    }
                    dot |= c == '.';
                    cur.next();
                }
                push(&mut out, Tok::Num(cur.since(start)));
            }
            '{' | '(' | '[' => {
                if open.len() >= MAX_DEPTH {
                    return Err(InputError::invalid(
                        at(line, column),
                        format!(
                            "brackets nested deeper than {MAX_DEPTH} levels; not a real build script"
                        ),
                    ));
                }
                open.push((c, line, column));
                cur.next();
                push(&mut out, Tok::Punct(c));
            }
            '}' | ')' | ']' => {
                let want = match c {
                    '}' => '{',
                    ')' => '(',
                    _ => '[',
                };
                match open.pop() {
                    Some((o, _, _)) if o == want => {}
                    Some((o, l, col)) => {
                        return Err(InputError::invalid(
                            at(line, column),
                            format!("`{c}` closes the `{o}` opened at {l}:{col}"),
                        ));
                    }
                    None => {
                        return Err(InputError::invalid(
                            at(line, column),
                            format!("`{c}` closes nothing"),
                        ));
                    }
                }
                cur.next();
                push(&mut out, Tok::Punct(c));
            }
            c => {
                cur.next();
                push(&mut out, Tok::Punct(c));
            }
        }
    }
    if let Some((o, line, column)) = open.last() {
        return Err(InputError::invalid(
            at(*line, *column),
            format!("`{o}` is never closed (is the file truncated?)"),
        ));
    }
    Ok(out)
}

/// One string literal, the cursor on its opening quote; `None` when it is not terminated. Its
/// value is a slice of the text until an escape is met, and a copy from there on.
fn string<'a>(cur: &mut Cursor<'a>, quote: char) -> Option<Tok<'a>> {
    let triple: &str = match quote {
        '"' => "\"\"\"",
        _ => "'''",
    };
    let long = cur.starts_with(triple);
    cur.skip(if long { 3 } else { 1 });
    let start = cur.pos;
    // The decoded text once an escape made it differ from the source.
    let mut copied: Option<String> = None;
    let mut interpolated = false;
    let end = loop {
        let here = cur.pos;
        if long && cur.starts_with(triple) {
            cur.skip(3);
            break here;
        }
        let c = cur.next()?;
        match c {
            c if c == quote && !long => break here,
            '\n' if !long => return None,
            '\\' => {
                let value = copied.get_or_insert_with(|| {
                    cur.text.get(start..here).unwrap_or_default().to_owned()
                });
                let e = cur.next()?;
                match e {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    'u' => {
                        let hex: String = (0..4).filter_map(|_| cur.next()).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(ch) => value.push(ch),
                            None => interpolated = true,
                        }
                    }
                    '\n' => {}
                    other => value.push(other),
                }
            }
            c => {
                // Single-quoted Groovy strings never interpolate; Kotlin has no single-quoted
                // strings (a char literal is one character).
                if c == '$'
                    && quote == '"'
                    && cur
                        .peek()
                        .is_some_and(|n| n == '{' || n.is_alphabetic() || n == '_')
                {
                    interpolated = true;
                }
                if let Some(value) = &mut copied {
                    value.push(c);
                }
            }
        }
    };
    let value = match copied {
        Some(value) => Cow::Owned(value),
        None => Cow::Borrowed(cur.text.get(start..end).unwrap_or_default()),
    };
    Some(Tok::Str {
        value,
        interpolated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok<'_>> {
        tokenize("b", s)
            .unwrap()
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn strings_names_and_positions() {
        let t = tokenize("b", "android {\n  namespace = \"a.b\" // c\n}").unwrap();
        assert_eq!(t[0].tok, Tok::Ident("android"));
        assert_eq!((t[3].line, t[3].column), (2, 3));
        assert_eq!(
            t[5].tok,
            Tok::Str {
                value: "a.b".into(),
                interpolated: false
            }
        );
        assert_eq!(
            toks("'$x' \"$x\" \"\\$x\" '''a\nb'''"),
            vec![
                Tok::Str {
                    value: "$x".into(),
                    interpolated: false
                },
                Tok::Str {
                    value: "$x".into(),
                    interpolated: true
                },
                Tok::Str {
                    value: "$x".into(),
                    interpolated: false
                },
                Tok::Str {
                    value: "a\nb".into(),
                    interpolated: false
                },
            ]
        );
        assert_eq!(
            toks("`android-library`"),
            vec![Tok::Ident("android-library")]
        );
    }

    /// A string is a slice of the script until an escape, and decoded from the escape on:
    /// the text before the escape is kept, and what follows is not dropped or doubled.
    #[test]
    fn strings_are_sliced_until_an_escape() {
        let got = toks("\"plain é\" \"ab\\ncd\\\"e\" 'x\\'y' \"\"\"t\\tq\"\"\" \"\\u00e9!\"");
        let values: Vec<(&str, bool)> = got
            .iter()
            .map(|t| match t {
                Tok::Str { value, .. } => (&**value, matches!(value, Cow::Borrowed(_))),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            values,
            [
                ("plain é", true),
                ("ab\ncd\"e", false),
                ("x'y", false),
                ("t\tq", false),
                ("é!", false),
            ]
        );
    }

    #[test]
    fn hostile_input_is_an_error_with_a_position() {
        for (text, want) in [
            ("a = \"open\n", "b:1:5: unterminated string"),
            ("/* never", "b:1:1: unterminated /* comment"),
            ("a {\n b (", "b:2:4: `(` is never closed"),
            ("a }", "b:1:3: `}` closes nothing"),
            ("a ( ]", "b:1:5: `]` closes the `(`"),
        ] {
            let err = tokenize("b", text).unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
        let deep = "{".repeat(MAX_DEPTH + 1);
        let err = tokenize("b", &deep).unwrap_err().to_string();
        assert!(err.contains("nested deeper"), "{err}");
    }
}
