//! JSON configs with positions: Expo's `app.json` (read by Expo as JSON5) and uni-app's
//! `manifest.json` (JSON with comments), parsed by `jsonc-parser` into a tree whose every node
//! carries its byte range, so a request is located at its line and column in the config.

use jsonc_parser::ast::{Array, Object, ObjectPropName, Value};

use super::InputError;
use crate::model::Location;
use crate::source::lines::LineIndex;

pub(crate) use jsonc_parser::ast::Value as Node;

/// Largest config read: real ones are a few KB; more is not a hand-written config.
pub(crate) const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// Deepest nesting accepted. The parser recurses per level; a hostile file of nested brackets
/// must fail with a message, not exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A parsed config and what locates its nodes.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    /// The file as displayed.
    pub(crate) path: &'a str,
    /// The root value.
    pub(crate) root: Value<'a>,
    lines: LineIndex<'a>,
}

impl<'a> Doc<'a> {
    /// Parses `text` (comments, trailing commas and single-quoted strings allowed, as in
    /// JSON5 and JSONC), or says where it is malformed.
    pub(crate) fn parse(path: &'a str, text: &'a str) -> Result<Self, InputError> {
        let lines = LineIndex::new(text.as_bytes());
        if let Some(offset) = too_deep(text) {
            let (line, column) = lines.position(offset);
            return Err(InputError::invalid(
                Location::at(path, line, column),
                format!("nested more than {MAX_DEPTH} levels deep; not a real config"),
            ));
        }
        let options = jsonc_parser::ParseOptions {
            allow_missing_commas: false,
            allow_loose_object_property_names: true,
            ..Default::default()
        };
        let parsed =
            jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
                let (line, column) = lines.position(e.range().start);
                InputError::invalid(
                    Location::at(path, line, column),
                    format!("not valid JSON: {}", e.kind()),
                )
            })?;
        let Some(root) = parsed.value else {
            return Err(InputError::invalid(
                Location::file(path),
                "the file holds no JSON value",
            ));
        };
        Ok(Doc { path, root, lines })
    }

    /// Where the node starting at byte `start` is.
    pub(crate) fn at(&self, start: usize) -> Location {
        let (line, column) = self.lines.position(start);
        Location::at(self.path, line, column)
    }

    /// Where `value` is.
    pub(crate) fn loc(&self, value: &Value<'_>) -> Location {
        self.at(range_start(value))
    }

    /// An error at `value`.
    pub(crate) fn error(&self, value: &Value<'_>, message: impl Into<String>) -> InputError {
        InputError::invalid(self.loc(value), message)
    }
}

/// Byte offset where `value` starts.
pub(crate) fn range_start(value: &Value<'_>) -> usize {
    match value {
        Value::StringLit(v) => v.range.start,
        Value::NumberLit(v) => v.range.start,
        Value::BooleanLit(v) => v.range.start,
        Value::Object(v) => v.range.start,
        Value::Array(v) => v.range.start,
        Value::NullKeyword(v) => v.range.start,
    }
}

/// The value of the property `name` of `object`.
pub(crate) fn get<'v, 'a>(object: &'v Object<'a>, name: &str) -> Option<&'v Value<'a>> {
    object
        .properties
        .iter()
        .rev()
        .find(|p| prop_name(&p.name) == name)
        .map(|p| &p.value)
}

/// The name of a property, quoted or bare.
pub(crate) fn prop_name<'v>(name: &'v ObjectPropName<'_>) -> &'v str {
    match name {
        ObjectPropName::String(s) => &s.value,
        ObjectPropName::Word(w) => w.value,
    }
}

/// Follows `path` through nested objects.
pub(crate) fn path<'v, 'a>(root: &'v Value<'a>, path: &[&str]) -> Option<&'v Value<'a>> {
    let mut node = root;
    for key in path {
        node = get(node.as_object()?, key)?;
    }
    Some(node)
}

/// `value` as an object, or an error naming what `what` should be.
pub(crate) fn object<'v, 'a>(
    doc: &Doc<'_>,
    value: &'v Value<'a>,
    what: &str,
) -> Result<&'v Object<'a>, InputError> {
    value
        .as_object()
        .ok_or_else(|| doc.error(value, format!("{what} must be an object")))
}

/// `value` as an array, or an error naming what `what` should be.
pub(crate) fn array<'v, 'a>(
    doc: &Doc<'_>,
    value: &'v Value<'a>,
    what: &str,
) -> Result<&'v Array<'a>, InputError> {
    value
        .as_array()
        .ok_or_else(|| doc.error(value, format!("{what} must be an array")))
}

/// `value` as a string, if it is one.
pub(crate) fn string<'v>(value: &'v Value<'_>) -> Option<&'v str> {
    value.as_string_lit().map(|s| &*s.value)
}

/// The offset of the first bracket nested deeper than [`MAX_DEPTH`], skipping strings and
/// comments.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_comments_and_errors() {
        let text = "// c\n{\n  /* x */ \"a\": [\"b\", 'c',],\n}\n/* after */";
        let doc = Doc::parse("m.json", text).unwrap();
        let a = path(&doc.root, &["a"]).unwrap();
        let items = &a.as_array().unwrap().elements;
        assert_eq!(doc.loc(&items[0]).to_string(), "m.json:3:17");
        assert_eq!(string(&items[1]), Some("c"));
        let err = Doc::parse("m.json", "{\n  \"a\": [1,\n}").unwrap_err();
        assert!(err.to_string().starts_with("m.json:3:"), "{err}");
        let deep = "[".repeat(100_000);
        let err = Doc::parse("m.json", &deep).unwrap_err();
        assert!(err.to_string().contains("nested"), "{err}");
        assert!(Doc::parse("m.json", "").is_err());
        assert!(Doc::parse("m.json", "// only\n").is_err());
    }
}
