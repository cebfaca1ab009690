//! Built artifacts — APK, Android App Bundle, IPA — → the inputs they ship.
//!
//! The archive is read in place (nothing is extracted to disk) through the `rawzip` crate, and
//! only the entries that carry permissions are inflated, each into memory under a cap:
//!
//! | artifact | entries audited | path shown in reports |
//! |---|---|---|
//! | APK | `AndroidManifest.xml` (binary AXML) | `app.apk!/AndroidManifest.xml` |
//! | AAB | every `<module>/manifest/AndroidManifest.xml` (protobuf) | `app.aab!/base/manifest/AndroidManifest.xml` |
//! | IPA | `Payload/<App>.app/Info.plist`, its `PlugIns/*.appex/Info.plist` and `Extensions/*.appex/Info.plist`, and the same under `Watch/*.app/` | `app.ipa!/Payload/App.app/Info.plist` |
//!
//! Which kind an archive is comes from its entries, with the file extension only breaking a
//! tie, so a renamed artifact is still read as what it is.
//!
//! Tolerance follows Android's own zip reader where analyzers are attacked: data prepended
//! before the archive (Janus-style APKs) is skipped by locating the archive from its end, and
//! an entry whose compression method is unknown but whose compressed and inflated sizes are
//! equal is read as stored, as Android does. Everything else the zip reader refuses is exit 2
//! with its reason.
//!
//! Limits ([`Limits`]), each exceeded one an error that names it: the number of entries, an
//! audited entry's compressed size and its inflated size (checked against the bytes actually
//! produced, never only the declared size, so a lying header cannot slip a zip bomb through).
//! Element nesting is capped by the decoders.

use std::io::Read;

use rawzip::ReaderAt;

use super::InputError;
use super::budget::Budget;
use super::{axml, plist, proto};
use crate::model::{InputKind, Location, ParsedInput};

/// Caps on what an archive may make permaudit read. Real manifests are tens of kilobytes and
/// real Info.plists a few; the caps are orders of magnitude above that and orders below what
/// would hurt a CI machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries an archive may list (`max-entries`).
    pub max_entries: usize,
    /// Largest compressed size of an audited entry, in bytes (`max-compressed-size`).
    pub max_compressed: u64,
    /// Largest inflated size of an audited entry, in bytes (`max-inflated-size`).
    pub max_inflated: u64,
}

/// The limits permaudit applies.
pub const LIMITS: Limits = Limits {
    // Real APKs list a few thousand entries and the largest IPAs tens of thousands. Past the
    // audited entries only each name is kept (for the duplicate check), so 100,000 entries
    // cost a few megabytes.
    max_entries: 100_000,
    max_compressed: 16 * 1024 * 1024,
    max_inflated: 32 * 1024 * 1024,
};

/// The kinds of artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKind {
    /// Android package.
    Apk,
    /// Android App Bundle.
    Aab,
    /// iOS app archive.
    Ipa,
}

impl ArtifactKind {
    /// The kind a file name suggests, by extension (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "apk" => Some(ArtifactKind::Apk),
            "aab" => Some(ArtifactKind::Aab),
            "ipa" => Some(ArtifactKind::Ipa),
            _ => None,
        }
    }
}

/// Does `bytes` start like a zip archive (a local file header, or the end record of an empty
/// archive)?
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Reads every audited entry of the archive `bytes` (in memory), shown as `display`.
pub fn read_archive(
    display: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    read_located(
        display,
        bytes,
        bytes.len() as u64,
        limits,
        &Budget::default(),
    )
}

/// [`read_archive`] of the archive file `file` of `len` bytes, drawing on a run's `budget`:
/// inflated bytes, requests and nodes of all archives of a run together. The file is read by
/// position (`pread`): the end record and the central directory a buffer at a time, then only
/// the audited entries' data.
pub fn read_archive_file(
    display: &str,
    file: std::fs::File,
    len: u64,
    limits: &Limits,
    budget: &Budget,
) -> Result<Vec<ParsedInput>, InputError> {
    read_located(display, rawzip::FileReader::from(file), len, limits, budget)
}

/// An audited entry, as its central-directory record describes it.
struct Audited {
    name: String,
    at: rawzip::ZipArchiveEntryWayfinder,
    method: rawzip::CompressionMethod,
    compressed: u64,
    declared: u64,
}

fn read_located<R: ReaderAt>(
    display: &str,
    reader: R,
    len: u64,
    limits: &Limits,
    budget: &Budget,
) -> Result<Vec<ParsedInput>, InputError> {
    let file = || Location::file(display);
    let unreadable = |(listing, e): (bool, rawzip::Error)| {
        let what = if listing {
            "its central directory is cut short or corrupt"
        } else {
            "no end-of-central-directory record could be read"
        };
        InputError::invalid(
            file(),
            format!("not a readable zip archive (APK, AAB or IPA): {what} ({e})"),
        )
    };
    // The reader's buffer: the end record is looked for in the last 64 KiB and directory
    // records are read a buffer at a time, so 64 KiB, or the archive's size when smaller (most
    // test and tool archives). A directory record longer than the buffer (a name, extra field
    // and comment of up to 64 KiB each: valid, if odd) is read again with room for any. The
    // buffer and the inflater are kept per thread for the next archive of a batch: zeroing
    // 64 KiB and allocating an inflater's window per archive were a tenth of a batch.
    SCRATCH.with_borrow_mut(|scratch| {
        let wanted = usize::try_from(len)
            .unwrap_or(usize::MAX)
            .clamp(64, 1 << 16);
        if scratch.buffer.len() < wanted {
            scratch.buffer = vec![0u8; wanted];
        }
        match read_entries(&reader, len, &mut scratch.buffer, limits) {
            Err((_, e)) if matches!(e.kind(), rawzip::ErrorKind::BufferTooSmall { .. }) => {
                scratch.buffer = vec![0u8; rawzip::MAX_CENTRAL_DIRECTORY_RECORD_SIZE];
                read_entries(&reader, len, &mut scratch.buffer, limits)
            }
            other => other,
        }
        .map_err(unreadable)
        .and_then(|listing| audit_entries(display, listing, limits, budget, &mut scratch.inflate))
    })
}

/// What reading an archive needs besides the archive itself, kept per thread.
#[derive(Default)]
struct Scratch {
    /// The end-record and central-directory buffer.
    buffer: Vec<u8>,
    inflate: Inflate,
}

/// An inflater and the buffer its compressed input is read into.
#[derive(Default)]
struct Inflate {
    decoder: Option<flate2::bufread::DeflateDecoder<std::io::Cursor<Vec<u8>>>>,
    compressed: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// What the central directory lists: the audited entries by kind, every name (for the
/// duplicate check) and the number of entries; or, past the entry limit, that number alone.
struct Listing<R> {
    archive: rawzip::ZipArchive<R>,
    apk: Vec<Audited>,
    aab: Vec<Audited>,
    ipa: Vec<Audited>,
    names: Names,
    listed: u64,
}

fn read_entries<R: ReaderAt>(
    reader: R,
    len: u64,
    buffer: &mut [u8],
    limits: &Limits,
) -> Result<Listing<R>, (bool, rawzip::Error)> {
    // The end record is found from the archive's end, so data prepended to it (Janus-style
    // APKs) is skipped, as Android's reader does; it says how many entries the directory
    // lists, so an archive listing millions is refused before any is read.
    let archive = rawzip::ZipLocator::new()
        .locate_in_reader(reader, buffer, len)
        .map_err(|(_, e)| (false, e))?;
    let mut listing = Listing {
        listed: archive.entries_hint(),
        apk: Vec::new(),
        aab: Vec::new(),
        ipa: Vec::new(),
        names: Names::default(),
        archive,
    };
    if listing.listed > limits.max_entries as u64 {
        return Ok(listing);
    }
    // Only the names of the entries audited are kept: an app has thousands of others. Every
    // name is still looked at once, for duplicates: Android's libziparchive refuses an archive
    // listing a name twice ("Duplicate entry"), and which copy another tool reads is arbitrary.
    listing.listed = 0;
    let mut entries = listing.archive.entries(buffer);
    while let Some(record) = entries.next_entry().map_err(|e| (true, e))? {
        listing.listed += 1;
        if listing.listed > limits.max_entries as u64 {
            break;
        }
        let raw = record.file_path();
        let raw: &[u8] = raw.as_ref();
        listing.names.add(raw);
        let Ok(n) = std::str::from_utf8(raw) else {
            continue;
        };
        let kind = if n == "AndroidManifest.xml" {
            &mut listing.apk
        } else if is_module_manifest(n) {
            &mut listing.aab
        } else if is_ipa_plist(n) {
            &mut listing.ipa
        } else {
            continue;
        };
        kind.push(Audited {
            name: n.to_owned(),
            at: record.wayfinder(),
            method: record.compression_method(),
            compressed: record.compressed_size_hint(),
            declared: record.uncompressed_size_hint(),
        });
    }
    Ok(listing)
}

/// The listing's limits and duplicates checked, its kind decided, its audited entries read.
fn audit_entries<R: ReaderAt>(
    display: &str,
    listing: Listing<R>,
    limits: &Limits,
    budget: &Budget,
    inflate: &mut Inflate,
) -> Result<Vec<ParsedInput>, InputError> {
    let file = || Location::file(display);
    let Listing {
        archive,
        apk,
        aab,
        ipa,
        names,
        listed,
    } = listing;
    if listed > limits.max_entries as u64 {
        return Err(InputError::invalid(
            file(),
            format!(
                "the archive lists {listed} entries, over the entry-count limit \
                 (max-entries = {})",
                limits.max_entries
            ),
        ));
    }
    if let Some(name) = names.first_duplicate() {
        return Err(InputError::invalid(
            file(),
            format!(
                "the archive lists the entry {name} more than once; Android refuses an \
                 archive with duplicate entries, and which copy a tool reads is arbitrary"
            ),
        ));
    }
    let hint = ArtifactKind::from_name(display);
    let kind = match (hint, apk.is_empty(), aab.is_empty(), ipa.is_empty()) {
        (Some(ArtifactKind::Aab), _, false, _) => ArtifactKind::Aab,
        (Some(ArtifactKind::Ipa), _, _, false) => ArtifactKind::Ipa,
        (_, false, _, _) => ArtifactKind::Apk,
        (_, true, false, _) => ArtifactKind::Aab,
        (_, true, true, false) => ArtifactKind::Ipa,
        (_, true, true, true) => {
            let expected = match hint {
                Some(ArtifactKind::Aab) => {
                    "no <module>/manifest/AndroidManifest.xml entry: not an Android App Bundle"
                }
                Some(ArtifactKind::Ipa) => {
                    "no Payload/<App>.app/Info.plist entry: not an iOS app archive"
                }
                _ => {
                    "no AndroidManifest.xml entry at the archive root (nor an App Bundle module \
                     manifest or an IPA's Payload/*.app/Info.plist): nothing to audit, and \
                     Android would not install it"
                }
            };
            return Err(InputError::invalid(
                file(),
                format!("{expected} ({listed} entries)"),
            ));
        }
    };

    let mut inputs = Vec::new();
    match kind {
        ArtifactKind::Apk => {
            let entry = &apk[0];
            let inner = format!("{display}!/{}", entry.name);
            let bytes = read_entry(&archive, entry, &inner, limits, budget, inflate)?;
            inputs.push(axml::parse_binary_manifest_within(
                &inner,
                &bytes,
                InputKind::Apk,
                budget,
            )?);
        }
        ArtifactKind::Aab => {
            for entry in &aab {
                let inner = format!("{display}!/{}", entry.name);
                let bytes = read_entry(&archive, entry, &inner, limits, budget, inflate)?;
                inputs.push(proto::parse_proto_manifest_within(&inner, &bytes, budget)?);
            }
        }
        ArtifactKind::Ipa => {
            for entry in &ipa {
                let inner = format!("{display}!/{}", entry.name);
                let bytes = read_entry(&archive, entry, &inner, limits, budget, inflate)?;
                let mut parsed = plist::parse_plist_within(&inner, &bytes, budget)?;
                parsed.kind = InputKind::Ipa;
                inputs.push(parsed);
            }
        }
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(inputs)
}

/// Every entry name of an archive, kept in one buffer (not an allocation per entry), for the
/// duplicate check.
#[derive(Default)]
struct Names {
    bytes: Vec<u8>,
    /// Where each name ends in `bytes`, in directory order.
    ends: Vec<usize>,
}

impl Names {
    fn add(&mut self, name: &[u8]) {
        self.bytes.extend_from_slice(name);
        self.ends.push(self.bytes.len());
    }

    /// The name whose second listing comes first in the directory, if any is listed twice.
    fn first_duplicate(&self) -> Option<String> {
        // Seeded per process, so a hostile archive cannot pick colliding names ahead of time.
        let mut seen = std::collections::HashSet::with_capacity_and_hasher(
            self.ends.len(),
            foldhash::fast::RandomState::default(),
        );
        let mut start = 0;
        self.ends.iter().find_map(|&end| {
            let name = &self.bytes[start..end];
            start = end;
            (!seen.insert(name)).then(|| String::from_utf8_lossy(name).into_owned())
        })
    }
}

/// `<module>/manifest/AndroidManifest.xml`, with `<module>` one path component.
fn is_module_manifest(name: &str) -> bool {
    name.strip_suffix("/manifest/AndroidManifest.xml")
        .is_some_and(|module| !module.is_empty() && !module.contains('/'))
}

/// The Info.plist of an app bundle in `Payload/`, of its app extensions, or of its watch app
/// and the watch app's extensions.
fn is_ipa_plist(name: &str) -> bool {
    // Asked of every entry of an archive: most are ruled out by their ends alone.
    if !name.starts_with("Payload/") || !name.ends_with("/Info.plist") {
        return false;
    }
    let parts: Vec<&str> = name.split('/').collect();
    let bundle = |s: &str, ext: &str| s.len() > ext.len() && s.ends_with(ext);
    let plugin =
        |dir: &str, b: &str| (dir == "PlugIns" || dir == "Extensions") && bundle(b, ".appex");
    match parts.as_slice() {
        ["Payload", app, "Info.plist"] => bundle(app, ".app"),
        ["Payload", app, dir, ext, "Info.plist"] => {
            bundle(app, ".app") && (plugin(dir, ext) || (*dir == "Watch" && bundle(ext, ".app")))
        }
        ["Payload", app, "Watch", watch, dir, ext, "Info.plist"] => {
            bundle(app, ".app") && bundle(watch, ".app") && plugin(dir, ext)
        }
        _ => false,
    }
}

/// Inflates one entry into memory under the limits.
fn read_entry<R: ReaderAt>(
    archive: &rawzip::ZipArchive<R>,
    audited: &Audited,
    inner: &str,
    limits: &Limits,
    budget: &Budget,
    inflate: &mut Inflate,
) -> Result<Vec<u8>, InputError> {
    let invalid = |message: String| InputError::invalid(Location::file(inner), message);
    let zip_error = |e: rawzip::Error| invalid(format!("cannot read the entry: {e}"));
    let (method, compressed, declared) = (audited.method, audited.compressed, audited.declared);
    if compressed > limits.max_compressed {
        return Err(invalid(format!(
            "the entry is {compressed} bytes compressed, over the compressed-size limit \
             (max-compressed-size = {} bytes)",
            limits.max_compressed
        )));
    }
    if declared > limits.max_inflated {
        return Err(inflated_error(inner, limits));
    }
    let entry = archive.get_entry(audited.at).map_err(zip_error)?;
    let cap = limits.max_inflated;
    // Sized once from the declared size (already under the cap): growing by doubling would
    // hold up to three times the entry while copying. A lying size only costs a regrowth.
    let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    // Stored and deflated data are checked against the directory's CRC and size as they are
    // read to the end.
    let read = match method {
        rawzip::CompressionMethod::STORE => entry
            .verifying_reader(entry.reader())
            .take(cap + 1)
            .read_to_end(&mut out),
        rawzip::CompressionMethod::DEFLATE => {
            // The compressed bytes in one read (their size is under its cap), inflated from
            // memory: no second buffer between the file and the inflater.
            let mut input = std::mem::take(&mut inflate.compressed);
            input.clear();
            input.reserve(usize::try_from(compressed).unwrap_or(0));
            entry
                .reader()
                .read_to_end(&mut input)
                .map_err(|e| invalid(format!("cannot read the entry: {e}")))?;
            let input = std::io::Cursor::new(input);
            let mut decoder = match inflate.decoder.take() {
                Some(mut decoder) => {
                    decoder.reset(input);
                    decoder
                }
                None => flate2::bufread::DeflateDecoder::new(input),
            };
            let read = entry
                .verifying_reader(&mut decoder)
                .take(cap + 1)
                .read_to_end(&mut out);
            inflate.compressed = decoder.reset(std::io::Cursor::new(Vec::new())).into_inner();
            if inflate.compressed.capacity() > 1 << 20 {
                // A rare large entry's buffer is not held for the rest of the run.
                inflate.compressed = Vec::new();
            }
            inflate.decoder = Some(decoder);
            read
        }
        // An unknown method on an entry whose sizes match is stored data with a scrambled
        // method field (an anti-analysis trick); Android reads it as stored, so do we.
        _ if compressed == declared => entry.reader().take(cap + 1).read_to_end(&mut out),
        other => {
            return Err(invalid(format!(
                "compression method {} is not supported (an APK, AAB or IPA uses stored or \
                 deflate)",
                other.as_u16()
            )));
        }
    };
    read.map_err(|e| invalid(format!("cannot inflate the entry: {e}")))?;
    if out.len() as u64 > cap {
        return Err(inflated_error(inner, limits));
    }
    budget.inflated(out.len() as u64, &Location::file(inner))?;
    Ok(out)
}

fn inflated_error(inner: &str, limits: &Limits) -> InputError {
    InputError::invalid(
        Location::file(inner),
        format!(
            "the entry inflates to more than {} bytes, over the inflated-size limit \
             (max-inflated-size); refusing a possible zip bomb",
            limits.max_inflated
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::testing::{sample_axml, zip};

    fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<ParsedInput>, String> {
        read_archive("a.apk", bytes, limits).map_err(|e| e.to_string())
    }

    #[test]
    fn each_limit_is_named() {
        let manifest = sample_axml(false);
        let bytes = zip(&[("AndroidManifest.xml", &manifest, true), ("x", b"", false)]);
        assert_eq!(read(&bytes, &LIMITS).unwrap()[0].requests.len(), 2);
        let small = |max_entries, max_compressed, max_inflated| Limits {
            max_entries,
            max_compressed,
            max_inflated,
        };
        let err = read(&bytes, &small(1, 1 << 20, 1 << 20)).unwrap_err();
        assert!(err.contains("max-entries = 1"), "{err}");
        let err = read(&bytes, &small(10, 16, 1 << 20)).unwrap_err();
        assert!(err.contains("max-compressed-size = 16"), "{err}");
        let err = read(&bytes, &small(10, 1 << 20, 64)).unwrap_err();
        assert!(
            err.contains("a.apk!/AndroidManifest.xml") && err.contains("max-inflated-size"),
            "{err}"
        );
    }

    #[test]
    fn truncated_and_corrupted_archives_never_panic() {
        let manifest = sample_axml(false);
        let bytes = zip(&[("AndroidManifest.xml", &manifest, true)]);
        for cut in 0..bytes.len() {
            let _ = read(&bytes[..cut], &LIMITS);
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xff;
            let _ = read(&b, &LIMITS);
        }
    }

    #[test]
    fn the_duplicate_reported_is_the_one_listed_again_first() {
        let mut names = Names::default();
        for n in ["a", "b", "c", "b", "a", "d"] {
            names.add(n.as_bytes());
        }
        assert_eq!(names.first_duplicate().as_deref(), Some("b"));
        let mut names = Names::default();
        for n in ["res/a.png", "res/b.png", "AndroidManifest.xml"] {
            names.add(n.as_bytes());
        }
        assert_eq!(names.first_duplicate(), None);
    }

    #[test]
    fn entry_name_rules() {
        assert!(is_module_manifest("base/manifest/AndroidManifest.xml"));
        assert!(!is_module_manifest("a/b/manifest/AndroidManifest.xml"));
        assert!(!is_module_manifest("/manifest/AndroidManifest.xml"));
        for ok in [
            "Payload/A.app/Info.plist",
            "Payload/A.app/PlugIns/S.appex/Info.plist",
            "Payload/A.app/Extensions/S.appex/Info.plist",
            "Payload/A.app/Watch/W.app/Info.plist",
            "Payload/A.app/Watch/W.app/PlugIns/X.appex/Info.plist",
        ] {
            assert!(is_ipa_plist(ok), "{ok}");
        }
        for no in [
            "Payload/A.app/Frameworks/F.framework/Info.plist",
            "Payload/.app/Info.plist",
            "Payload/A/Info.plist",
            "A.app/Info.plist",
        ] {
            assert!(!is_ipa_plist(no), "{no}");
        }
    }
}
