//! `permaudit policy import`: reads the permission tables out of a privacy-policy document.
//!
//! Companies publish their permission tables inside the policy, in Markdown, HTML or plain
//! text. This module finds them and turns them into a [`Policy`], so an audit can run against
//! the published document instead of a YAML copy that drifts from it.
//!
//! The work is split by job, one file each, data flowing one way:
//! - [`source`] reads a document's bytes into text (format chosen by content), [`ruby`] takes
//!   out the pinyin readings some publishers print after characters, and [`hant`] folds a
//!   traditional-Chinese text to simplified in place;
//! - one extractor per document shape finds tables without judging them
//!   ([`pipe`], [`html`], [`list`]), and [`find`] gathers them, decides which are about
//!   permissions and for which platform, and what each column holds;
//! - [`rows`] splits each row into label, identifiers, description and purpose, and
//!   [`resolve`] turns identifiers and labels into permission ids;
//! - [`build`] makes the [`Policy`] and [`yaml`] writes it, each row's document line a comment;
//! - [`diagnostics`] holds what a person is told: doubts, notes and figures;
//! - [`importer`] runs the steps over one document.
//!
//! Everything here is a pure function of the document text, bounded in time and memory, so it
//! can be fuzzed; only [`import_file`] touches the file system.

mod build;
mod content;
mod diagnostics;
mod docx;
mod fetch;
mod find;
mod hant;
mod hant_generated;
mod html;
mod importer;
mod lexicon;
mod list;
mod pdf;
mod pipe;
mod prose;
mod radicals;
mod resolve;
mod rows;
mod ruby;
mod source;
mod text;
mod yaml;

use std::path::Path;

use thiserror::Error;

use crate::model::Location;
use crate::policy::Policy;

pub use diagnostics::{Diagnostic, DiagnosticKind, ImportStats};
pub use fetch::{MAX_REDIRECTS, TIMEOUT, is_url};

/// Largest document read: policies are tens of kilobytes; anything far larger is not one.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// Most candidate tables (of each kind: tables, lists) one document may hold. A privacy policy
/// has a handful; thousands mean the input is not one, and judging them would be slow.
pub const MAX_TABLES: usize = 4096;

/// Most rows one document may hold (tables, lists and rows found by content together): a
/// privacy policy discloses tens of permissions, a few hundred rows at most; a document that
/// makes more is refused before they are resolved (exit 2), which keeps a hostile document's
/// cost bounded.
pub const MAX_CONTENT_ROWS: usize = 20_000;

/// Most lines with text a document may have: a privacy policy has a few thousand (2,200 the
/// most of 175 real ones). Every line is looked at a bounded number of times, so this bounds
/// the reading: under 0.5 s and 20 MB at the limit for the costliest lines (short numbered
/// items, each a row).
pub const MAX_DOCUMENT_LINES: usize = 50_000;
/// Why a document could not be imported. Every variant means exit code 2.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read the policy document: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_DOCUMENT_BYTES`].
    #[error("{path}: the policy document is {size} bytes; at most {MAX_DOCUMENT_BYTES} are read")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: usize,
    },
    /// The document has more than [`MAX_DOCUMENT_LINES`] lines with text.
    #[error(
        "{path}: the policy document has {lines} lines of text; at most {MAX_DOCUMENT_LINES} are \
         read (a privacy policy has a few thousand)"
    )]
    TooManyLines {
        /// The file.
        path: String,
        /// How many lines with text it has.
        lines: usize,
    },
    /// A policy URL that could not be fetched.
    #[error("{url}: cannot fetch the policy document: {message}")]
    Fetch {
        /// The address, as given.
        url: String,
        /// Why (never the response body).
        message: String,
    },
    /// A Word or PDF document that cannot be read (encrypted, scanned, damaged).
    #[error("{path}: cannot read the policy document as {format}: {message}")]
    Unreadable {
        /// The file.
        path: String,
        /// The format its content says it is.
        format: &'static str,
        /// Why.
        message: String,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{location}: the policy document is not UTF-8 text; expected Markdown, HTML, plain text, \
         a Word (.docx) or a PDF document"
    )]
    NotText {
        /// Where the first invalid byte is.
        location: Location,
    },
    /// No table, list or heading of the document discloses Android or iOS permissions.
    #[error(
        "{path}: no permission table found; expected a table (pipe, tab-separated, HTML or \
         Word), a list, headings, lines of cells or `权限名称：…` blocks whose rows name Android \
         permissions, Info.plist keys or permission labels (or whose header names a permission \
         column){detail}"
    )]
    NoTable {
        /// The file.
        path: String,
        /// What was seen instead, with a leading separator.
        detail: String,
    },
    /// A permission table is broken in a way that cannot be read without guessing.
    #[error("{location}: malformed permission table: {message}")]
    Malformed {
        /// Where.
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// Some rows could not be resolved, and the caller did not allow that.
    #[error(
        "{path}: {count} permission row(s) could not be resolved to permission ids; fix the \
         document, or pass --allow-unresolved to use the rows that did resolve:\n{details}"
    )]
    Unresolved {
        /// The file.
        path: String,
        /// How many rows.
        count: usize,
        /// One diagnostic per line.
        details: String,
    },
}

/// The result of reading a document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The policy, with every disclosure located at its document line.
    pub policy: Policy,
    /// The policy as YAML that `check --policy` accepts, with source lines as comments.
    pub yaml: String,
    /// Doubts and notes, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Figures for the reader.
    pub stats: ImportStats,
}

impl Imported {
    /// Rows that could not be (fully) resolved.
    pub fn unresolved(&self) -> usize {
        self.stats.unresolved_rows
    }

    /// Fails with [`ImportError::Unresolved`] when rows are unresolved and that is not allowed.
    pub fn require_resolved(self, allow_unresolved: bool) -> Result<Imported, ImportError> {
        if self.unresolved() == 0 || allow_unresolved {
            return Ok(self);
        }
        let details = self
            .diagnostics
            .iter()
            .filter(|d| d.kind.is_doubt())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        Err(ImportError::Unresolved {
            path: self.policy.display_path().to_owned(),
            count: self.unresolved(),
            details,
        })
    }
}

/// Reads and imports a document. A text document (HTML, Markdown, plain text: what a report
/// can quote) is kept in `sources`; a DOCX or PDF is not, as its lines are not the file's.
pub fn import_file(
    path: &Path,
    display: &str,
    sources: &crate::source::SourceMap,
) -> Result<Imported, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: display.to_owned(),
        source,
    })?;
    if docx::is_zip(&bytes) || pdf::is_pdf(&bytes) {
        return import_bytes(&bytes, display);
    }
    let bytes = sources.keep(display, bytes);
    import_bytes(&bytes, display)
}

/// Fetches and imports the document at `url` (`https://` only unless `allow_http`).
pub fn import_url(url: &str, allow_http: bool) -> Result<Imported, ImportError> {
    let bytes = fetch::fetch(url, allow_http)?;
    import_bytes(&bytes, url)
}

/// Imports a document given as bytes: it must be UTF-8 (a leading BOM is ignored).
pub fn import_bytes(bytes: &[u8], display: &str) -> Result<Imported, ImportError> {
    let doc = source::text_of(bytes, display)?;
    // A text document is the file less its BOM, so spans are offsets in the file from there;
    // a Word or PDF document's text is not the file's, and is never quoted.
    let base = match &doc {
        std::borrow::Cow::Borrowed(text) => bytes.len() - text.len(),
        std::borrow::Cow::Owned(_) => 0,
    };
    import_text(&doc, display, base)
}

/// Imports a document's text. `display` names it in locations and in the policy.
pub fn import_str(doc: &str, display: &str) -> Result<Imported, ImportError> {
    import_text(doc, display, 0)
}

/// [`import_str`] of a text that starts `base` bytes into its file.
fn import_text(doc: &str, display: &str, base: usize) -> Result<Imported, ImportError> {
    if doc.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: display.to_owned(),
            size: doc.len(),
        });
    }
    let text = doc.strip_prefix('\u{feff}').unwrap_or(doc);
    let base = base + (doc.len() - text.len());
    let (plain, readings) = ruby::strip(text);
    let folded = hant::fold_document(&plain);
    let mut importer = match &folded {
        Some(folded) => importer::Importer::new(folded, display).written_as(&plain),
        None => importer::Importer::new(&plain, display),
    };
    if matches!(plain, std::borrow::Cow::Owned(_)) {
        importer = importer.with_readings(text, readings);
    }
    importer.at_offset(base).run()
}

#[cfg(test)]
mod tests;
