//! Word documents (`.docx`): a zip whose `word/document.xml` holds the paragraphs and tables
//! (WordprocessingML). The text becomes one line per paragraph, and each table an HTML table
//! (one `<tr>` per line), so the table reader keeps its cells and the content reader reads
//! the paragraphs; line numbers in messages are those of this text (paragraphs, in order).
//!
//! Bounded like the artifact readers: the entry's compressed size and what it inflates to are
//! capped ([`MAX_DOCUMENT_BYTES`]), inflation stops at the cap however the entry's header
//! lies, and the text produced is capped too; the XML reader is streaming, never expands
//! entities, and nested tables past [`MAX_TABLE_DEPTH`] are read as cell text.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::MAX_DOCUMENT_BYTES;

/// The part of a `.docx` that holds the body.
const DOCUMENT_PART: &str = "word/document.xml";
/// Tables nested deeper than this are read as the text of their outer cell.
const MAX_TABLE_DEPTH: usize = 4;
/// Entries a `.docx` may have: Word writes a few dozen.
const MAX_ENTRIES: usize = 10_000;

/// Why a `.docx` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocxError(pub(crate) String);

/// Whether the bytes are a zip (a `.docx` is one).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a `.docx`: paragraphs as lines, tables as HTML table rows.
pub(crate) fn text(bytes: &[u8]) -> Result<String, DocxError> {
    let unreadable = |e: rawzip::Error| DocxError(format!("not a readable zip archive ({e})"));
    let too_many = |n: u64| {
        DocxError(format!(
            "the archive has {n} entries; a Word document has at most {MAX_ENTRIES}"
        ))
    };
    let archive = rawzip::ZipArchive::from_slice(bytes).map_err(unreadable)?;
    if archive.entries_hint() > MAX_ENTRIES as u64 {
        return Err(too_many(archive.entries_hint()));
    }
    let mut part = None;
    let mut listed = 0u64;
    let mut entries = archive.entries();
    while let Some(record) = entries.next_entry().map_err(unreadable)? {
        listed += 1;
        if listed > MAX_ENTRIES as u64 {
            return Err(too_many(listed));
        }
        let path = record.file_path();
        let path: &[u8] = path.as_ref();
        if path == DOCUMENT_PART.as_bytes() && part.is_none() {
            part = Some((
                record.wayfinder(),
                record.compression_method(),
                record.uncompressed_size_hint(),
                record.compressed_size_hint(),
            ));
        }
    }
    let (at, method, size, compressed) = part.ok_or_else(|| {
        DocxError(format!(
            "a zip archive without {DOCUMENT_PART}: not a Word (.docx) document"
        ))
    })?;
    let cap = MAX_DOCUMENT_BYTES as u64;
    if size > cap || compressed > cap {
        return Err(DocxError(format!(
            "{DOCUMENT_PART} inflates to {size} bytes; at most {cap} are read"
        )));
    }
    let cannot_read = |e: String| DocxError(format!("cannot read {DOCUMENT_PART}: {e}"));
    let entry = archive
        .get_entry(at)
        .map_err(|e| cannot_read(e.to_string()))?;
    let mut xml = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(1 << 20));
    let read = match method {
        rawzip::CompressionMethod::STORE => entry
            .verifying_reader(entry.data())
            .take(cap + 1)
            .read_to_end(&mut xml),
        rawzip::CompressionMethod::DEFLATE => entry
            .verifying_reader(flate2::read::DeflateDecoder::new(entry.data()))
            .take(cap + 1)
            .read_to_end(&mut xml),
        other => {
            return Err(cannot_read(format!(
                "compression method {} (Word writes stored or deflate)",
                other.as_u16()
            )));
        }
    };
    read.map_err(|e| DocxError(format!("cannot inflate {DOCUMENT_PART}: {e}")))?;
    if xml.len() as u64 > cap {
        return Err(DocxError(format!(
            "{DOCUMENT_PART} inflates to more than {cap} bytes (a zip bomb?)"
        )));
    }
    body_text(&xml)
}

/// The text of WordprocessingML: `w:p` paragraphs, `w:tbl`/`w:tr`/`w:tc` tables, `w:t` text,
/// `w:tab` and `w:br` as spaces.
fn body_text(xml: &[u8]) -> Result<String, DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut cell = String::new();
    let mut depth = 0usize;
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            DocxError(format!(
                "{DOCUMENT_PART} is not well-formed XML at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if depth <= MAX_TABLE_DEPTH => {
                match e.local_name().into_inner() {
                    "tbl" => {
                        depth += 1;
                        if depth == 1 {
                            flush_paragraph(&mut paragraph, &mut out);
                            out.push_str("<table>\n");
                        }
                    }
                    "tr" if depth == 1 => out.push_str("<tr>"),
                    "tc" if depth == 1 => cell.clear(),
                    "t" => in_text = true,
                    "tab" | "br" | "cr" => target(depth, &mut paragraph, &mut cell).push(' '),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "tbl" if depth > 0 => {
                    if depth == 1 {
                        out.push_str("</table>\n");
                    }
                    depth -= 1;
                }
                "tr" if depth == 1 => out.push_str("</tr>\n"),
                "tc" if depth == 1 => {
                    out.push_str("<td>");
                    escape_into(cell.trim(), &mut out);
                    out.push_str("</td>");
                    cell.clear();
                }
                "p" => {
                    if depth == 0 {
                        flush_paragraph(&mut paragraph, &mut out);
                    } else {
                        cell.push(' ');
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text: &str = &t;
                target(depth, &mut paragraph, &mut cell).push_str(text);
            }
            Event::GeneralRef(r) if in_text => {
                // The five predefined entities and character references; never others.
                let name: &str = &r;
                let c = crate::input::xml::resolve_reference(name).ok_or_else(|| {
                    DocxError(format!(
                        "{DOCUMENT_PART} uses the undefined entity &{name};"
                    ))
                })?;
                target(depth, &mut paragraph, &mut cell).push(c);
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() + paragraph.len() + cell.len() > MAX_DOCUMENT_BYTES {
            return Err(DocxError(format!(
                "the document's text is over {MAX_DOCUMENT_BYTES} bytes"
            )));
        }
        buf.clear();
    }
    flush_paragraph(&mut paragraph, &mut out);
    Ok(out)
}

fn target<'s>(depth: usize, paragraph: &'s mut String, cell: &'s mut String) -> &'s mut String {
    if depth == 0 { paragraph } else { cell }
}

fn flush_paragraph(paragraph: &mut String, out: &mut String) {
    let text = paragraph.trim();
    if !text.is_empty() {
        escape_into(text, out);
        out.push('\n');
    }
    paragraph.clear();
}

/// The text as the HTML-aware readers expect it: `&`, `<` and `>` escaped, lines joined.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_tables() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Intro &amp; more</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>权限名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>目的</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>CAMERA</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a&lt;b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>After</w:t><w:tab/><w:t>x</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            body_text(xml.as_bytes()).unwrap(),
            "Intro &amp; more\n<table>\n<tr><td>权限名称</td><td>目的</td></tr>\n\
             <tr><td>CAMERA</td><td>a&lt;b</td></tr>\n</table>\nAfter x\n"
        );
    }

    #[test]
    fn not_docx() {
        assert!(text(b"PK\x03\x04garbage").is_err());
        assert!(body_text(b"<w:p><w:t>x</w:p>").is_err());
    }
}
