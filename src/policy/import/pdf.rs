//! PDF documents: the text layer of each page, through `lopdf` (a maintained PDF reader),
//! with every stream's decompression bounded. The layout is flattened into lines (a table's
//! cells become lines of their own), which the content reader is made for.
//!
//! An encrypted PDF, or one without a text layer (a scan: images only), cannot be read and
//! says so; the caller turns that into exit 2.

use lopdf::{Document, LoadOptions};
use unicode_normalization::UnicodeNormalization;

use super::MAX_DOCUMENT_BYTES;
use super::radicals::RADICALS;

/// Pages read from one document; a privacy policy has tens.
const MAX_PAGES: usize = 2000;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PdfError {
    /// The file is encrypted (password-protected or with permissions set).
    Encrypted,
    /// No page has text: a scanned document.
    NoText { pages: usize },
    /// The file is not a PDF that can be read.
    Unreadable(String),
}

/// Whether the bytes are a PDF.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..1024)
        .unwrap_or(bytes)
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The text of every page, in page order, pages separated by blank lines.
/// The unified ideograph a CJK supplement radical stands for; any other character as it is.
fn unified(c: char) -> char {
    if !('\u{2e80}'..='\u{2eff}').contains(&c) {
        return c;
    }
    RADICALS
        .binary_search_by_key(&c, |&(radical, _)| radical)
        .map_or(c, |i| RADICALS[i].1)
}

pub(crate) fn text(bytes: &[u8]) -> Result<String, PdfError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DOCUMENT_BYTES),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) => return Err(PdfError::Encrypted),
        Err(e) => return Err(PdfError::Unreadable(e.to_string())),
    };
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.len() > MAX_PAGES {
        return Err(PdfError::Unreadable(format!(
            "{} pages; at most {MAX_PAGES} are read",
            pages.len()
        )));
    }
    let mut out = String::new();
    let mut failed = 0;
    for page in &pages {
        // A page whose text cannot be decoded is skipped; if none decodes, the document has
        // no text layer.
        let Ok(text) = doc.extract_text_with_limit(&[*page], MAX_DOCUMENT_BYTES) else {
            failed += 1;
            continue;
        };
        // PDF fonts often map CJK text to compatibility code points (the Kangxi radical ⽤
        // for 用, full-width forms); NFKC gives the characters a reader sees. The radicals of
        // the supplement block (⻨ for 麦) have no decomposition: the UCD's equivalents do.
        out.extend(text.nfkc().map(unified));
        out.push_str("\n\n");
        if out.len() > MAX_DOCUMENT_BYTES {
            return Err(PdfError::Unreadable(format!(
                "its text is over {MAX_DOCUMENT_BYTES} bytes"
            )));
        }
    }
    if out.trim().is_empty() {
        if failed > 0 {
            return Err(PdfError::Unreadable(format!(
                "the text of {failed} of its {} page(s) cannot be decoded",
                pages.len()
            )));
        }
        return Err(PdfError::NoText { pages: pages.len() });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplement_radicals_read_as_the_ideographs_they_draw() {
        let read: String = "⻨克⻛".chars().map(unified).collect();
        assert_eq!(read, "麦克风");
        assert!(RADICALS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(is_pdf(b"%PDF-1.4\n"));
        assert!(matches!(
            text(b"%PDF-1.4\nnot really"),
            Err(PdfError::Unreadable(_))
        ));
        assert!(
            text(
                b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
            )
            .is_err()
        );
    }
}
