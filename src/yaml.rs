//! The YAML files permaudit reads (the config, policies, XcodeGen specs) all go through
//! serde-saphyr; this is the one place the config and policy files are read as text, its
//! positions become [`Location`]s and its errors become messages, with the "did you mean" a
//! misspelt key gets.

use crate::catalog;
use crate::model::Location;

/// Why a YAML file could not be read as text.
pub(crate) enum Unreadable {
    /// The file could not be read.
    Io(std::io::Error),
    /// The bytes are not UTF-8: the message says where.
    NotUtf8(String),
}

/// Reads the YAML file at `path` (shown as `display`) through the run's `sources`, so its
/// findings and errors quote what was parsed; the text must be UTF-8.
pub(crate) fn read(
    sources: &crate::source::SourceMap,
    path: &std::path::Path,
    display: &str,
) -> Result<String, Unreadable> {
    let bytes = sources
        .read(path, display, u64::MAX)
        .map_err(|e| Unreadable::Io(e.into()))?;
    // The map keeps its copy for the report; the parser gets its own text.
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Ok(text),
        Err(e) => Err(Unreadable::NotUtf8(format!(
            "the file is not UTF-8 (invalid byte at offset {}); expected a UTF-8 YAML file",
            e.utf8_error().valid_up_to()
        ))),
    }
}

/// Where `loc` is in `path`, with the bytes of the value it locates (serde-saphyr knows them
/// for text it was given whole, which is every file here); its line 0 ("no position") names
/// the file only.
pub(crate) fn location(path: &str, loc: &serde_saphyr::Location) -> Location {
    let span = loc.span();
    let span = span
        .byte_offset()
        .zip(span.byte_len())
        .and_then(|(at, len)| {
            let at = usize::try_from(at).ok()?;
            crate::model::Span::new(at, at.checked_add(usize::try_from(len).ok()?)?)
        });
    Location::at_position(path, loc.line(), loc.column()).with_span(span)
}

/// Where a parse error is in `path`, or the file when the parser gives no position.
pub(crate) fn error_location(err: &serde_saphyr::Error, path: &str) -> Location {
    err.location()
        .map_or_else(|| Location::file(path), |l| location(path, &l))
}

/// The error's message without the position (the location carries it), and for an unknown
/// key the known one nearest to it: serde's messages name fields in backticks.
pub(crate) fn error_message<'a>(
    err: &serde_saphyr::Error,
    known: impl Iterator<Item = &'a str>,
) -> String {
    let message = err.without_snippet().to_string();
    let message = message
        .split_once(" at line ")
        .map_or(message.as_str(), |(head, _)| head)
        .to_owned();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        if let Some(near) = catalog::nearest(field, known) {
            return format!("{message} (did you mean `{near}`?)");
        }
    }
    message
}
