//! Format → text: a document's bytes become the text the extractors read. The format is
//! chosen by content, never by the file's extension: a zip is a Word document, `%PDF-` a PDF,
//! anything else must be UTF-8 text (Markdown, HTML or plain).

use std::borrow::Cow;

use super::pdf::PdfError;
use super::{ImportError, MAX_DOCUMENT_BYTES, docx, pdf};
use crate::model::Location;

/// The document's text (a leading BOM is ignored).
pub(super) fn text_of<'b>(bytes: &'b [u8], display: &str) -> Result<Cow<'b, str>, ImportError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: display.to_owned(),
            size: bytes.len(),
        });
    }
    let unreadable = |format: &'static str, message: String| ImportError::Unreadable {
        path: display.to_owned(),
        format,
        message,
    };
    if docx::is_zip(bytes) {
        return docx::text(bytes)
            .map(Cow::Owned)
            .map_err(|e| unreadable("Word (.docx)", e.0));
    }
    if pdf::is_pdf(bytes) {
        return pdf::text(bytes).map(Cow::Owned).map_err(|e| match e {
            PdfError::Encrypted => unreadable(
                "PDF",
                "it is encrypted; export an unencrypted PDF or the page's HTML or text".into(),
            ),
            PdfError::NoText { pages } => unreadable(
                "PDF",
                format!(
                    "none of its {pages} page(s) has a text layer (a scanned or image-only \
                     document); permaudit does not read text from images"
                ),
            ),
            PdfError::Unreadable(m) => unreadable("PDF", m),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::source::lines::LineIndex::new(bytes).position(e.valid_up_to());
        ImportError::NotText {
            location: Location::at(display, line, column),
        }
    })?;
    Ok(Cow::Borrowed(doc))
}
