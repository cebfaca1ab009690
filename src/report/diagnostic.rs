//! Errors that point: a message with the offending source line and a caret under the value,
//! rendered with annotate-snippets, for input, policy, config and baseline errors.
//!
//! The caller supplies the source text (the library does not print or decide colour); when the
//! text is not available or the location has no line, only the message is rendered.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::model::Location;

/// Renders `message` (already naming `file:line:column`) with the line `location` points at.
pub fn render(
    message: &str,
    location: Option<&Location>,
    source: Option<&str>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let found = location
        .zip(source)
        .and_then(|(l, s)| Some((l, s, span(s, l.line?, l.column.unwrap_or(1))?)));
    let Some((location, source, range)) = found else {
        return renderer.render(&[Group::with_title(Level::ERROR.primary_title(message))]);
    };
    renderer.render(&[Level::ERROR.primary_title(message).element(
        Snippet::source(source)
            .path(location.path.as_str())
            .annotation(AnnotationKind::Primary.span(range)),
    )])
}

/// Byte range of the token at 1-based `line` and `column` (columns count characters): up to
/// the next whitespace or delimiter, at least one character, never past the line's end.
fn span(source: &str, line: u32, column: u32) -> Option<std::ops::Range<usize>> {
    let line_index = usize::try_from(line).ok()?.checked_sub(1)?;
    let mut start_of_line = 0;
    for (i, text) in source.split_inclusive('\n').enumerate() {
        if i == line_index {
            let body = text.trim_end_matches(['\n', '\r']);
            let skip = usize::try_from(column).ok()?.saturating_sub(1);
            let offset = body.char_indices().nth(skip).map_or(body.len(), |(o, _)| o);
            let rest = &body[offset..];
            let first = rest.chars().next().map_or(0, char::len_utf8);
            let token = rest
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c.is_whitespace() || ",:]}>\"'".contains(c))
                .map_or(rest.len(), |(o, _)| o)
                .max(first);
            let start = start_of_line + offset;
            return Some(start..start + token);
        }
        start_of_line += text.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_token() {
        let source = "name: x\nandroid:\n  - permissions: [CAMRA, X]\n";
        let range = span(source, 3, 19).unwrap();
        assert_eq!(&source[range], "CAMRA");
        let text = render(
            "p.yaml:3:19: unknown",
            Some(&Location::at("p.yaml", 3, 19)),
            Some(source),
            false,
        );
        assert!(text.contains("3 |   - permissions: [CAMRA, X]"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn without_source_only_the_message() {
        let text = render("f: cannot read", None, None, false);
        assert_eq!(text.trim(), "error: f: cannot read");
    }
}
