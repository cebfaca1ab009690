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
    let lines = line_ranges(&text);
    Some(Text { text, lines })
}

/// Byte range of each line of `text`, without its terminator. Each line ends after a `\n`
/// (the last one may not); its body is the line without the `\n` and `\r` bytes that end it
/// (ASCII, so the ranges fall on character boundaries).
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let mut body_end = end;
        while body_end > start && matches!(bytes[body_end - 1], b'\n' | b'\r') {
            body_end -= 1;
        }
        lines.push((start, body_end));
        start = end;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same ranges as splitting after each `\n` and trimming the line ends.
    #[test]
    fn line_ranges_match_split_inclusive() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\n",
            "x\r\r\n\ry",
            "\r",
            "é\n相机\r\nz",
        ] {
            let mut wanted = Vec::new();
            let mut start = 0;
            for piece in text.split_inclusive('\n') {
                let body = piece.trim_end_matches(['\n', '\r']);
                wanted.push((start, start + body.len()));
                start += piece.len();
            }
            assert_eq!(line_ranges(text), wanted, "{text:?}");
        }
    }
}
