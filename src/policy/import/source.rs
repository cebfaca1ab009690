//! Format → text: a document's bytes become the text the extractors read.

use super::{ImportError, MAX_DOCUMENT_BYTES, to_u32};
use crate::model::Location;

/// The document's text: it must be UTF-8 (a leading BOM is ignored).
pub(super) fn text_of<'b>(bytes: &'b [u8], display: &str) -> Result<&'b str, ImportError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: display.to_owned(),
            size: bytes.len(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid
            .rsplit(|&b| b == b'\n')
            .next()
            .map_or(0, |l| l.iter().filter(|&&b| (b & 0xC0) != 0x80).count())
            + 1;
        ImportError::NotText {
            location: Location::at(display, to_u32(line), to_u32(column)),
        }
    })?;
    Ok(doc)
}
