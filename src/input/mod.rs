//! Inputs: one module per file format, each turning bytes into a [`ParsedInput`].
//!
//! The format is decided by content, never by file name alone, so a binary plist named
//! `Info.plist.txt` or a manifest passed under another name is still read correctly, and a file
//! that is neither is rejected instead of being skipped.

pub mod android;
mod bplist_guard;
pub mod discover;
mod lines;
pub mod plist;
mod xml;

use std::io;

use thiserror::Error;

use crate::model::{Location, ParsedInput};

/// Why an input could not be audited. Every variant names the file; syntax errors carry the
/// line and column where the problem was found.
#[derive(Debug, Error)]
pub enum InputError {
    /// The file could not be read at all.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The file was read but is not a well-formed input of the expected kind.
    #[error("{location}: {message}")]
    Invalid {
        /// Where the problem is (file only when no position is known).
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
}

impl InputError {
    pub(crate) fn invalid(location: Location, message: impl Into<String>) -> Self {
        InputError::Invalid {
            location,
            message: message.into(),
        }
    }
}

/// The formats permaudit can read, as told by a file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A text `AndroidManifest.xml` (root element `<manifest>`).
    AndroidManifest,
    /// An XML property list (root element `<plist>`).
    XmlPlist,
    /// A binary property list (`bplist00`).
    BinaryPlist,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decides the format of `bytes`, or says why it is none permaudit reads.
pub fn detect(path: &str, bytes: &[u8]) -> Result<Format, InputError> {
    let file = || Location::file(path);
    if bytes.starts_with(b"bplist") {
        return Ok(Format::BinaryPlist);
    }
    if bytes.is_empty() {
        return Err(InputError::invalid(
            file(),
            "the file is empty; expected an AndroidManifest.xml or an Info.plist",
        ));
    }
    // AXML chunk header: RES_XML_TYPE (0x0003) with a header size of 8.
    if bytes.starts_with(&[0x03, 0x00, 0x08, 0x00]) {
        return Err(InputError::invalid(
            file(),
            "this is a compiled (binary AXML) AndroidManifest.xml, as found inside an APK; \
             this version reads source manifests only: audit the project's \
             src/main/AndroidManifest.xml",
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(InputError::invalid(
            file(),
            "the file is UTF-16 encoded; expected UTF-8 (re-save it as UTF-8, as Android Studio \
             and Xcode do)",
        ));
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match xml::root_element_name(path, body)?.as_str() {
        "manifest" => Ok(Format::AndroidManifest),
        "plist" => Ok(Format::XmlPlist),
        other => Err(InputError::invalid(
            file(),
            format!(
                "expected an AndroidManifest.xml (root element <manifest>) or an Info.plist \
                 (root element <plist>), found root element <{other}>"
            ),
        )),
    }
}

/// Parses one input file whose bytes are already in memory. `path` is only used for locations
/// and messages.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    match detect(path, bytes)? {
        Format::AndroidManifest => android::parse_manifest(path, bytes),
        Format::XmlPlist | Format::BinaryPlist => plist::parse_plist(path, bytes),
    }
}

/// Resource limits for reading inputs. Exceeding one is an input error that names the limit
/// and the flag that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file read, in bytes (`--max-input-size`).
    pub max_input_bytes: u64,
}

impl Limits {
    /// Default for `max_input_bytes`: real manifests and Info.plists are well under 1 MiB
    /// (the largest in the corpus is 73 KB), so 8 MiB leaves room for generated ones while
    /// keeping a hostile file from costing more than a fraction of a second and a few dozen MB.
    pub const DEFAULT_MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

/// Reads and parses one input file from disk, refusing files over the size limit before
/// reading them whole.
pub fn read(
    path: &std::path::Path,
    display: &str,
    limits: &Limits,
) -> Result<ParsedInput, InputError> {
    use std::io::Read as _;
    let read_error = |source| InputError::Read {
        path: display.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    if meta.is_dir() {
        return Err(InputError::invalid(
            Location::file(display),
            "is a directory; expected an AndroidManifest.xml or Info.plist file",
        ));
    }
    let too_big = |size: u64| {
        InputError::invalid(
            Location::file(display),
            format!(
                "the file is {size} bytes, over the input size limit of {} bytes; raise it with \
                 --max-input-size if this really is an app's manifest or Info.plist",
                limits.max_input_bytes
            ),
        )
    };
    if meta.len() > limits.max_input_bytes {
        return Err(too_big(meta.len()));
    }
    // The length can change between stat and read (or be unknown for special files), so the
    // read itself is capped too.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    parse(display, &bytes)
}
