//! The source lines a human report shows under a finding: read once per file, on demand, from
//! the path the report names (the path as given, so relative to the working directory).
//!
//! Only files of a size an input may have are read, and only text: an archive member
//! (`app.apk!/…`), a binary plist or an unreadable file simply has no snippet.

use std::collections::HashMap;

use crate::input::Limits;
use crate::policy::{BUILTIN_M5, BUILTIN_PATH};

/// Lazily read source texts, by display path.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    files: HashMap<String, Option<Text>>,
}

#[derive(Debug)]
struct Text {
    text: String,
    /// Byte range of each line, without its terminator.
    lines: Vec<(usize, usize)>,
}

impl Sources {
    /// Line `line` (1-based) of `path`, if the file can be shown.
    pub(crate) fn line(&mut self, path: &str, line: u32) -> Option<&str> {
        let text = self
            .files
            .entry(path.to_owned())
            .or_insert_with(|| read(path))
            .as_ref()?;
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let &(start, end) = text.lines.get(index)?;
        Some(&text.text[start..end])
    }
}

fn read(path: &str) -> Option<Text> {
    let text = if path == BUILTIN_PATH {
        BUILTIN_M5.to_owned()
    } else {
        if path.contains("!/") {
            return None;
        }
        let small = std::fs::metadata(path)
            .is_ok_and(|m| m.is_file() && m.len() <= Limits::DEFAULT_MAX_INPUT_BYTES);
        if !small {
            return None;
        }
        String::from_utf8(std::fs::read(path).ok()?).ok()?
    };
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        lines.push((start, start + body.len()));
        start += piece.len();
    }
    Some(Text { text, lines })
}
