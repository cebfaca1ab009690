//! Shared XML plumbing for the text formats: decoding, positions and error wording, so the
//! manifest and plist parsers report problems the same way.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::InputError;
use crate::model::Location;
use crate::source::lines::LineIndex;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text input prepared for XML parsing: BOM removed, UTF-8 checked, lines indexed.
#[derive(Debug)]
pub(crate) struct XmlText<'a> {
    pub(crate) path: &'a str,
    pub(crate) text: &'a str,
    lines: LineIndex<'a>,
    /// Bytes of the byte-order mark before `text` in the file (0 or 3).
    bom: usize,
}

/// The offset of the first C0 control character other than tab, LF and CR. Every text input
/// goes through here, so whole chunks are tested branch-free (the compiler vectorises it) and
/// only a chunk that has one is searched byte by byte.
fn first_control_character(body: &[u8]) -> Option<usize> {
    let forbidden = |b: u8| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r';
    const CHUNK: usize = 64;
    body.chunks(CHUNK).enumerate().find_map(|(i, chunk)| {
        chunk
            .iter()
            .fold(false, |found, &b| found | forbidden(b))
            .then(|| {
                chunk
                    .iter()
                    .position(|&b| forbidden(b))
                    .map(|at| i * CHUNK + at)
            })
            .flatten()
    })
}

impl<'a> XmlText<'a> {
    /// Strips a UTF-8 byte-order mark (so it never shifts a column) and checks the rest is
    /// UTF-8, which is all Android and Xcode write.
    pub(crate) fn new(path: &'a str, bytes: &'a [u8]) -> Result<Self, InputError> {
        let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        let text = std::str::from_utf8(body).map_err(|e| {
            let lines = LineIndex::new(body);
            let (line, column) = lines.position(e.valid_up_to());
            InputError::invalid(
                Location::at(path, line, column),
                "invalid UTF-8 byte sequence; expected a UTF-8 encoded XML file",
            )
        })?;
        let lines = LineIndex::new(body);
        // XML 1.0 forbids C0 control characters other than tab, CR and LF; a NUL in particular
        // is a sign of a binary or corrupted file, and some tools stop reading at it.
        if let Some(at) = first_control_character(body) {
            let (line, column) = lines.position(at);
            return Err(InputError::invalid(
                Location::at(path, line, column),
                format!(
                    "control character U+{:04X} is not allowed in XML; the file is corrupted or \
                     not a text XML file",
                    body[at]
                ),
            ));
        }
        Ok(XmlText {
            path,
            text,
            lines,
            bom: bytes.len() - body.len(),
        })
    }

    /// Where `raw`, a slice of this text (an attribute value or element text the reader
    /// borrowed from it), sits in the file; `None` for bytes that are not a slice of it (a
    /// value the reader had to copy).
    pub(crate) fn span_of(&self, raw: &[u8]) -> Option<crate::model::Span> {
        let from = (raw.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let to = from.checked_add(raw.len())?;
        (to <= self.text.len())
            .then(|| crate::model::Span::new(from + self.bom, to + self.bom))
            .flatten()
    }

    /// The location of a byte offset in the text.
    pub(crate) fn location(&self, offset: u64) -> Location {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        let (line, column) = self.lines.position(offset);
        Location::at(self.path, line, column)
    }

    /// An error at a byte offset.
    pub(crate) fn error(&self, offset: u64, message: impl Into<String>) -> InputError {
        InputError::invalid(self.location(offset), message)
    }

    /// Turns a quick-xml syntax error into an input error at the position the reader stopped.
    pub(crate) fn syntax_error(&self, offset: u64, err: &quick_xml::Error) -> InputError {
        self.error(offset, format!("malformed XML: {err}"))
    }
}

/// Checks a declared encoding is UTF-8; anything else would be decoded wrongly.
pub(crate) fn check_declaration(
    doc: &XmlText<'_>,
    offset: u64,
    decl: &quick_xml::events::BytesDecl<'_>,
) -> Result<(), InputError> {
    if let Some(Ok(encoding)) = decl.encoding() {
        let encoding = encoding.to_ascii_lowercase();
        if encoding != "utf-8" && encoding != "utf8" {
            return Err(doc.error(
                offset,
                format!("the XML declaration says encoding=\"{encoding}\"; expected UTF-8"),
            ));
        }
    }
    Ok(())
}

/// Resolves the predefined XML entities and character references; DTD-declared entities are
/// never expanded (that is how entity-expansion bombs and external-entity fetches are refused).
pub(crate) fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            // A character reference must name a character XML allows (XML 1.0 §4.1, the
            // `Char` production): `&#0;` is not well-formed, and expat (aapt2's parser)
            // refuses it.
            char::from_u32(code).filter(|&c| is_xml_char(c))
        }
    }
}

/// The XML 1.0 `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// The message for a reference to an entity permaudit does not expand.
pub(crate) fn unexpanded_entity_message(name: &str) -> String {
    if name.starts_with('#') {
        return format!(
            "character reference &{name}; does not name a character XML allows (NUL and other \
             control characters cannot appear in a document, even as references)"
        );
    }
    format!(
        "reference to entity &{name}; which is not a predefined XML entity; permaudit never \
         expands DTD entities (they can hide values or fetch files), write the value out instead"
    )
}

/// Unescapes an attribute value, refusing DTD-declared entities.
pub(crate) fn attribute_value(
    doc: &XmlText<'_>,
    offset: u64,
    raw: &str,
    attribute: &str,
) -> Result<String, InputError> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            return Err(doc.error(
                offset,
                format!("attribute {attribute} has an '&' that starts no entity reference"),
            ));
        };
        let name = &after[..semi];
        match resolve_reference(name) {
            Some(c) => out.push(c),
            None => {
                return Err(doc.error(
                    offset,
                    format!("attribute {attribute}: {}", unexpanded_entity_message(name)),
                ));
            }
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The root element's local name from the first events, or `None` when they do not say.
fn quick_root_name(bytes: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => return Some(e.local_name().as_ref().to_owned()),
            Event::Text(t) if !t.trim().is_empty() => return None,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// The local name of the document's root element, for format detection. Reads only the prolog.
pub(crate) fn root_element_name(path: &str, bytes: &[u8]) -> Result<String, InputError> {
    // Detection only needs the prolog; the parser that follows validates the whole file. So try
    // a reader over the raw bytes first, and only when it cannot tell (malformed prolog, text
    // before the root) pay for the full check that locates the problem.
    if let Some(name) = quick_root_name(bytes) {
        return Ok(name);
    }
    let doc = XmlText::new(path, bytes)?;
    let mut reader = Reader::from_str(doc.text);
    loop {
        let offset = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return Ok(e.local_name().as_ref().to_owned());
            }
            Ok(Event::Eof) => {
                return Err(InputError::invalid(
                    Location::file(path),
                    "no XML element found; expected an AndroidManifest.xml or an Info.plist",
                ));
            }
            Ok(Event::Text(t)) if !t.trim().is_empty() => {
                return Err(doc.error(
                    offset,
                    "text before the root element; expected an XML document (an \
                     AndroidManifest.xml or an Info.plist)",
                ));
            }
            Ok(_) => {}
            Err(e) => return Err(doc.syntax_error(reader.error_position(), &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_control_character;

    #[test]
    fn control_characters_are_found_at_their_offset() {
        let slow = |body: &[u8]| {
            body.iter()
                .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        };
        let mut body = b"<a>\r\n\t".repeat(40);
        assert_eq!(first_control_character(&body), None);
        for at in [0, 5, 63, 64, 65, 200, body.len() - 1] {
            let saved = body[at];
            body[at] = 0;
            assert_eq!(first_control_character(&body), slow(&body), "{at}");
            assert_eq!(first_control_character(&body), Some(at));
            body[at] = saved;
        }
        body[70] = 0x1f;
        body[130] = 0;
        assert_eq!(first_control_character(&body), Some(70));
        assert_eq!(first_control_character(b""), None);
    }
}
