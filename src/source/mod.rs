//! The source-text layer: the texts a run read, kept so that a report can quote them.
//!
//! Every reader reads its files through [`SourceMap::read`] (or hands what it read to
//! [`SourceMap::keep`]), so the report shows the line a finding points at from the bytes the
//! parser saw — never from a second read of a file that may have changed, been replaced by a
//! link, or grown past the size limit since. A file the run did not keep has no snippet.
//!
//! - [`lines`]: byte offset ↔ 1-based line and column, the one line index of the crate.

pub mod lines;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// What a run may keep of the texts it read, in all. Real inputs are kilobytes each (the
/// largest corpus manifest is 73 KB, a large app's project.pbxproj a few MB), so a whole app's
/// files fit many times over. A run that reads more (a hostile tree of many large files) keeps
/// none of them: its report has no snippets rather than snippets for whichever files a thread
/// happened to read first, so the same input still gives the same bytes out.
pub const MAX_RETAINED_BYTES: usize = 32 * 1024 * 1024;

/// The texts one run read, by display path. Cheap to clone: clones share one map, so the
/// readers (on any thread) and the report see the same texts.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    inner: Arc<Mutex<Store>>,
}

/// The bytes of one file a run read, with what the reader and the report both need of them
/// worked out once: whether they are UTF-8, and where their lines start (a project file's
/// parser and the report quoting it would otherwise each index its thousands of lines).
#[derive(Debug)]
pub struct Source {
    /// The text when the bytes are UTF-8 (checked once, when kept), else the bytes.
    bytes: Result<String, Vec<u8>>,
    starts: OnceLock<Vec<usize>>,
}

impl Source {
    /// `bytes`, checked for UTF-8; their lines are indexed when first asked for.
    pub fn new(bytes: Vec<u8>) -> Self {
        Source {
            bytes: String::from_utf8(bytes).map_err(std::string::FromUtf8Error::into_bytes),
            starts: OnceLock::new(),
        }
    }

    /// The whole file as text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        self.bytes.as_deref().ok()
    }

    /// Whether the whole file is UTF-8.
    pub fn is_utf8(&self) -> bool {
        self.bytes.is_ok()
    }

    /// The start offset of every line of the file (see [`lines::starts`]).
    pub fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| lines::starts(self))
    }
}

impl std::ops::Deref for Source {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.bytes {
            Ok(text) => text.as_bytes(),
            Err(bytes) => bytes,
        }
    }
}

#[derive(Debug, Default)]
struct Store {
    files: HashMap<String, Arc<Source>>,
    /// Bytes of every text offered so far, kept or not.
    offered: usize,
}

/// Why [`SourceMap::read`] could not read a file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file holds more than the cap; nothing past the cap was read.
    #[error("the file is over {max} bytes")]
    TooBig {
        /// The cap, in bytes.
        max: u64,
    },
}

impl From<ReadError> for std::io::Error {
    /// A file over the cap as the I/O error of a reader that refuses it (for the callers whose
    /// error types carry an `io::Error`).
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => e,
            too_big @ ReadError::TooBig { .. } => {
                std::io::Error::new(std::io::ErrorKind::FileTooLarge, too_big.to_string())
            }
        }
    }
}

impl SourceMap {
    /// Reads `path` whole, refusing a file of more than `max` bytes (the read itself is capped,
    /// so a file that grows or a special file never costs more), and keeps it as `display`. A
    /// file the run already read is not read again: a project that reads one file twice (an
    /// XcodeGen spec, a manifest several variants merge) parses the same bytes both times.
    pub fn read(&self, path: &Path, display: &str, max: u64) -> Result<Arc<Source>, ReadError> {
        if let Some(kept) = self.get(display) {
            if kept.len() as u64 > max {
                return Err(ReadError::TooBig { max });
            }
            return Ok(kept);
        }
        let file = std::fs::File::open(path)?;
        // Sized from the file's length (capped), so a project file is read in one call into
        // one buffer rather than into one that doubles and is copied a dozen times; a length
        // that is wrong (a special file, a file still growing) only costs more reads.
        let hint = file.metadata().map_or(0, |m| m.len()).min(max);
        let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
        file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > max {
            return Err(ReadError::TooBig { max });
        }
        Ok(self.keep(display, bytes))
    }

    /// Keeps `bytes` as the text of `display` (the first text kept for a path stays: a file
    /// is read once per run, and a second read of it must not change what the report quotes).
    pub fn keep(&self, display: &str, bytes: Vec<u8>) -> Arc<Source> {
        let bytes = Arc::new(Source::new(bytes));
        let mut kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(first) = kept.files.get(display) {
            return Arc::clone(first);
        }
        kept.offered = kept.offered.saturating_add(bytes.len());
        if kept.offered <= MAX_RETAINED_BYTES {
            kept.files.insert(display.to_owned(), Arc::clone(&bytes));
        } else {
            kept.files.clear();
        }
        bytes
    }

    /// The bytes kept for `display`, if the run read and kept that file.
    pub fn get(&self, display: &str) -> Option<Arc<Source>> {
        let kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        kept.files.get(display).cloned()
    }
}

/// The source line a report shows for a location (see [`Texts::located_line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located<'t> {
    /// Its 1-based number.
    pub number: u32,
    /// The line, without its line end.
    pub line: &'t str,
    /// The byte range of the located name in it, when the reader gave its span.
    pub caret: Option<(usize, usize)>,
}

/// What a report quotes: the texts of one run, by display path, each checked and indexed once
/// when it is first asked for. The built-in policy is always there.
#[derive(Debug)]
pub struct Texts<'a> {
    sources: &'a SourceMap,
    files: HashMap<String, Option<Text>>,
}

#[derive(Debug)]
struct Text {
    bytes: Held,
    /// The start of every line of the built-in policy (a kept file keeps its own).
    own_starts: Vec<usize>,
}

impl Text {
    fn starts(&self) -> &[usize] {
        match &self.bytes {
            Held::Static(_) => &self.own_starts,
            Held::Kept(kept) => kept.starts(),
        }
    }
}

/// The bytes of a quoted text: the built-in policy's, compiled in, or a kept file's.
#[derive(Debug)]
enum Held {
    Static(&'static [u8]),
    Kept(Arc<Source>),
}

impl std::ops::Deref for Held {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Held::Static(bytes) => bytes,
            Held::Kept(bytes) => bytes,
        }
    }
}

impl<'a> Texts<'a> {
    /// The texts of `sources`.
    pub fn new(sources: &'a SourceMap) -> Self {
        Texts {
            sources,
            files: HashMap::new(),
        }
    }

    fn text(&mut self, path: &str) -> Option<&Text> {
        self.files
            .entry(path.to_owned())
            .or_insert_with(|| {
                if path == crate::policy::BUILTIN_PATH {
                    let bytes = crate::policy::BUILTIN_M5.as_bytes();
                    return Some(Text {
                        own_starts: lines::starts(bytes),
                        bytes: Held::Static(bytes),
                    });
                }
                let kept = self.sources.get(path)?;
                // A binary plist or a compiled manifest has no lines to show.
                kept.is_utf8().then(|| Text {
                    own_starts: Vec::new(),
                    bytes: Held::Kept(kept),
                })
            })
            .as_ref()
    }

    /// Line `line` (1-based) of `path`, without its line end, if the run kept that text.
    pub fn line(&mut self, path: &str, line: u32) -> Option<&str> {
        let text = self.text(path)?;
        let (start, end) = lines::line_range(&text.bytes, text.starts(), line)?;
        // The whole text is UTF-8 and the range ends next to ASCII bytes.
        std::str::from_utf8(&text.bytes[start..end]).ok()
    }

    /// The line to show for `location`, its number, and where in it the located name's bytes
    /// are (its span, cut at the line's end). That is the location's line, or, when the name
    /// is written a few lines further down in the same construct (`<uses-permission` on one
    /// line, `android:name="…"` on the next), the line the name is on.
    pub fn located_line(&mut self, location: &crate::model::Location) -> Option<Located<'_>> {
        /// How far below its construct's first line a name is still shown on its own line.
        const FOLLOWING_LINES: u32 = 8;
        let text = self.text(&location.path)?;
        let mut number = location.line?;
        if let Some(span) = location.span
            && let Ok(at) = usize::try_from(span.start)
        {
            let on = u32::try_from(text.starts().partition_point(|&s| s <= at)).ok()?;
            if on > number && on - number <= FOLLOWING_LINES {
                number = on;
            }
        }
        let (start, end) = lines::line_range(&text.bytes, text.starts(), number)?;
        let line = std::str::from_utf8(&text.bytes[start..end]).ok()?;
        let caret = location.span.and_then(|span| {
            let from = usize::try_from(span.start).ok()?.checked_sub(start)?;
            let to = usize::try_from(span.end)
                .ok()?
                .saturating_sub(start)
                .min(line.len());
            (from < to && line.is_char_boundary(from) && line.is_char_boundary(to))
                .then_some((from, to))
        });
        Some(Located {
            number,
            line,
            caret,
        })
    }

    /// The whole text of `path`, for an error's snippet: only plain text (no control
    /// characters but tab and line ends). Anything else is not the text of a manifest, plist,
    /// policy or config (it may be `/proc/self/environ` or a key file), so the message is shown
    /// without its source line.
    pub fn whole(&mut self, path: &str) -> Option<&str> {
        let text = std::str::from_utf8(&self.text(path)?.bytes).ok()?;
        is_plain_text(text).then_some(text)
    }
}

fn is_plain_text(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_read_and_shares_it_between_clones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("AndroidManifest.xml");
        std::fs::write(&path, "first").unwrap();
        let map = SourceMap::default();
        let clone = map.clone();
        assert_eq!(&**clone.read(&path, "m.xml", 100).unwrap(), b"first");
        std::fs::write(&path, "second").unwrap();
        // Read again (a project reading one file twice): the report still quotes the first.
        assert_eq!(&**map.read(&path, "m.xml", 100).unwrap(), b"first");
        std::fs::remove_file(&path).unwrap();
        // Served from what was read, not from the disk, and still under the reader's cap.
        assert_eq!(&**map.read(&path, "m.xml", 100).unwrap(), b"first");
        assert!(matches!(
            map.read(&path, "m.xml", 3),
            Err(ReadError::TooBig { max: 3 })
        ));
        assert_eq!(
            map.get("m.xml").as_deref().map(|kept| &**kept),
            Some(&b"first"[..])
        );
        assert!(map.get("other.xml").is_none());
    }

    /// A kept file is checked for UTF-8 once and its lines indexed once, for the reader and
    /// the report alike; its bytes are the bytes read either way.
    #[test]
    fn a_kept_file_knows_its_text_and_lines() {
        let text = Source::new(b"a\r\n\xc3\xa9\nb".to_vec());
        assert_eq!(text.as_str(), Some("a\r\né\nb"));
        assert_eq!(text.starts(), [0, 3, 6]);
        let binary = Source::new(b"\xffa\nb".to_vec());
        assert!(!binary.is_utf8() && binary.as_str().is_none());
        assert_eq!(&*binary, b"\xffa\nb");
        assert_eq!(binary.starts(), [0, 3]);
    }

    #[test]
    fn refuses_past_the_cap_without_reading_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 11]).unwrap();
        let map = SourceMap::default();
        assert!(matches!(
            map.read(&path, "big", 10),
            Err(ReadError::TooBig { max: 10 })
        ));
        assert!(map.get("big").is_none());
        assert_eq!(map.read(&path, "big", 11).unwrap().len(), 11);
    }

    #[test]
    fn keeps_nothing_once_a_run_reads_past_the_retention_cap() {
        let map = SourceMap::default();
        let half = MAX_RETAINED_BYTES / 2 + 1;
        assert_eq!(map.keep("a", vec![0; half]).len(), half);
        assert!(map.get("a").is_some());
        // Returned to the reader, but the run keeps no text from here on, whatever the order
        // the files came in.
        assert_eq!(map.keep("b", vec![0; half]).len(), half);
        assert!(map.get("a").is_none() && map.get("b").is_none());
        assert_eq!(map.keep("c", vec![0; 3]).len(), 3);
        assert!(map.get("c").is_none());
    }
}
