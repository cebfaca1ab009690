//! Inputs: one module per file format, each turning bytes into a [`ParsedInput`].
//!
//! The format is decided by content, never by file name alone, so a binary plist named
//! `Info.plist.txt` or a manifest passed under another name is still read correctly, and a file
//! that is neither is rejected instead of being skipped.

mod aapt_string;
pub mod android;
pub mod archive;
pub mod axml;
mod bplist_guard;
pub mod budget;
pub mod cordova;
pub mod discover;
pub mod expo;
pub mod gradle;
pub(crate) mod json;
pub(crate) mod manifest;
pub mod maui;
pub mod plist;
pub mod projects;
pub mod proto;
#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing;
pub mod uniapp;
pub mod unread;
pub mod xcode;
pub(crate) mod xml;
pub(crate) mod xmltree;

use std::io::{self, Read};

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
    /// A compiled (binary AXML) `AndroidManifest.xml`.
    BinaryManifest,
    /// A zip archive: an APK, an App Bundle or an IPA.
    Archive,
}

pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

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
    if axml::looks_like_axml(bytes) {
        return Ok(Format::BinaryManifest);
    }
    if archive::looks_like_zip(bytes) {
        return Ok(Format::Archive);
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
/// and messages. An archive holds several inputs: [`read_all`] reads those.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    parse_within(path, bytes, &budget::Budget::default())
}

/// [`parse`], drawing on a run's `budget`.
pub fn parse_within(
    path: &str,
    bytes: &[u8],
    budget: &budget::Budget,
) -> Result<ParsedInput, InputError> {
    match detect(path, bytes)? {
        Format::AndroidManifest => android::parse_manifest_within(path, bytes, budget),
        Format::XmlPlist | Format::BinaryPlist => plist::parse_plist_within(path, bytes, budget),
        Format::BinaryManifest => axml::parse_binary_manifest_within(
            path,
            bytes,
            crate::model::InputKind::BinaryManifest,
            budget,
        ),
        Format::Archive => Err(InputError::invalid(
            Location::file(path),
            "this is a zip archive (APK, AAB or IPA), which holds several inputs; it is read \
             with read_all",
        )),
    }
}

/// An archive is told by its zip signature, or by an artifact extension when something was
/// prepended before the zip (a Janus-style APK starts with a DEX file).
fn is_archive(path: &str, head: &[u8]) -> bool {
    archive::looks_like_zip(head)
        || (archive::ArtifactKind::from_name(path).is_some()
            && !axml::looks_like_axml(head)
            && !head.starts_with(b"<")
            && !head.starts_with(b"bplist"))
}

/// Resource limits for reading inputs. Exceeding one is an input error that names the limit
/// and the flag that raises it.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file read, in bytes (`--max-input-size`).
    pub max_input_bytes: u64,
    /// What all inputs of the run may cost together; clones share it.
    pub budget: std::sync::Arc<budget::Budget>,
    /// The texts the run read, for the report; clones share it.
    pub sources: crate::source::SourceMap,
    /// The real paths the run resolved; clones share them.
    pub real: crate::real_path::RealPaths,
    /// The merger reports beside the run's artifacts, by folder; clones share them.
    pub report_listings: gradle::artifact::ReportListings,
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
            budget: std::sync::Arc::default(),
            sources: crate::source::SourceMap::default(),
            real: crate::real_path::RealPaths::default(),
            report_listings: gradle::artifact::ReportListings::default(),
        }
    }
}

/// Refuses `path` when it resolves outside `boundary`, the repository of the project reading it
/// (a project comes from a pull request: a link in it to `~/.ssh/id_rsa` is refused, never
/// read).
pub(crate) fn confined(
    boundary: &std::path::Path,
    path: &std::path::Path,
    display: &str,
    real: &crate::real_path::RealPaths,
) -> Result<(), InputError> {
    match crate::confine::outside(boundary, path, real) {
        None => Ok(()),
        Some(real) => Err(InputError::invalid(
            Location::file(display),
            format!(
                "resolves to {}, outside the repository ({}); a project's files must be inside \
                 it, so it was not read",
                real.display(),
                boundary.display()
            ),
        )),
    }
}

/// Reads a project file whole through the run's [`SourceMap`](crate::source::SourceMap) (so the
/// report quotes what was parsed), refusing one over `max` bytes; `what` names the kind of file
/// a real one of that size would not be.
pub(crate) fn read_kept(
    sources: &crate::source::SourceMap,
    path: &std::path::Path,
    display: &str,
    max: u64,
    what: &str,
) -> Result<std::sync::Arc<crate::source::Source>, InputError> {
    sources.read(path, display, max).map_err(|e| match e {
        crate::source::ReadError::Io(source) => InputError::Read {
            path: display.to_owned(),
            source,
        },
        crate::source::ReadError::TooBig { max } => InputError::invalid(
            Location::file(display),
            format!("the file is over {max} bytes; not a real {what}"),
        ),
    })
}

/// Reads one file from disk and returns the inputs it holds: one for a manifest or plist, one
/// per audited entry for an APK, App Bundle or IPA. Archives are read in place (seeking, never
/// loaded whole) under their own limits; other files are refused over the input size limit
/// before they are read whole.
pub fn read_all(
    path: &std::path::Path,
    display: &str,
    limits: &Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    let io_error = |source| InputError::Read {
        path: display.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(InputError::invalid(
            Location::file(display),
            "is a directory; expected an AndroidManifest.xml or Info.plist file",
        ));
    }
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    if is_archive(display, &head) {
        return archive::read_archive_file(
            display,
            file,
            meta.len(),
            &archive::LIMITS,
            &limits.budget,
        );
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
    let mut bytes = head;
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    // A compiled manifest or a binary plist has no lines a report could quote; kept, it would
    // only use up what a run may keep.
    if axml::looks_like_axml(&bytes) || bytes.starts_with(b"bplist") {
        return parse_within(display, &bytes, &limits.budget).map(|p| vec![p]);
    }
    let bytes = limits.sources.keep(display, bytes);
    parse_within(display, &bytes, &limits.budget).map(|p| vec![p])
}
