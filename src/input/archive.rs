//! Built artifacts — APK, Android App Bundle, IPA — → the inputs they ship.
//!
//! The archive is read in place (nothing is extracted to disk) through the `zip` crate, and
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

use std::io::{Read, Seek};

use zip::CompressionMethod;
use zip::ZipArchive;

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
    // Real APKs list a few thousand entries and the largest IPAs tens of thousands; the zip
    // reader keeps a few hundred bytes per listed entry, so 100,000 bounds it near 60 MB.
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

/// What the end-of-central-directory record (the zip64 record's when the classic one is
/// saturated) says about the central directory.
#[derive(Debug, Clone, Copy)]
struct Directory {
    /// Entries listed.
    entries: u64,
    /// Where the directory starts: just before the record, by its declared size (so data
    /// prepended to the archive does not shift it), when that is consistent.
    start: Option<u64>,
    /// Declared size of the directory, in bytes.
    size: u64,
}

/// Reads the end record, or `None` when none is found: the zip reader then reports the archive
/// as unreadable. Reads at most the last 64 KiB and a zip64 record.
fn directory<R: Read + Seek>(reader: &mut R) -> std::io::Result<Option<Directory>> {
    use std::io::SeekFrom;
    const EOCD: &[u8] = b"PK\x05\x06";
    const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
    const ZIP64_EOCD: &[u8] = b"PK\x06\x06";
    let u16_at = |b: &[u8], at: usize| u64::from(u16::from_le_bytes([b[at], b[at + 1]]));
    let u32_at = |b: &[u8], at: usize| {
        u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]))
    };
    let u64_at = |b: &[u8], at: usize| {
        let mut v = [0u8; 8];
        v.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(v)
    };
    let len = reader.seek(SeekFrom::End(0))?;
    let read_tail = |reader: &mut R, size: u64| -> std::io::Result<(Vec<u8>, u64)> {
        let tail_len = len.min(size);
        let tail_start = len - tail_len;
        reader.seek(SeekFrom::Start(tail_start))?;
        let mut tail = vec![0; usize::try_from(tail_len).unwrap_or(0)];
        reader.read_exact(&mut tail)?;
        reader.seek(SeekFrom::Start(0))?;
        Ok((tail, tail_start))
    };
    let classic_at = |tail: &[u8], tail_start: u64| {
        let at = tail
            .windows(4)
            .rposition(|w| w == EOCD)
            .filter(|&at| at + 22 <= tail.len())?;
        let classic = Directory {
            entries: u16_at(tail, at + 10),
            size: u32_at(tail, at + 12),
            start: (tail_start + at as u64).checked_sub(u32_at(tail, at + 12)),
        };
        Some((at, classic))
    };
    let saturated =
        |d: &Directory| d.entries == u64::from(u16::MAX) || d.size == u64::from(u32::MAX);
    // Nearly every archive ends with its end record and no comment: its last 22 bytes say all
    // there is to say. The answer is the one the 64 KiB search gives, since that search takes
    // the last record and none starts after it.
    let (last, last_start) = read_tail(reader, 22)?;
    if let Some((0, classic)) = classic_at(&last, last_start) {
        if !saturated(&classic) {
            return Ok(Some(classic));
        }
    }
    let (tail, tail_start) = read_tail(reader, 22 + 65_535)?;
    let Some((at, classic)) = classic_at(&tail, tail_start) else {
        return Ok(None);
    };
    if !saturated(&classic) {
        return Ok(Some(classic));
    }
    // Zip64: the locator sits just before the classic record and points at the zip64 one.
    let Some(locator) = at
        .checked_sub(20)
        .filter(|&l| &tail[l..l + 4] == ZIP64_LOCATOR)
    else {
        return Ok(Some(classic));
    };
    let offset = u64_at(&tail, locator + 8);
    if offset.checked_add(56).is_none_or(|end| end > len) {
        return Ok(Some(classic));
    }
    let mut record = [0u8; 56];
    reader.seek(SeekFrom::Start(offset))?;
    reader.read_exact(&mut record)?;
    reader.seek(SeekFrom::Start(0))?;
    if &record[..4] != ZIP64_EOCD {
        return Ok(Some(classic));
    }
    let size = u64_at(&record, 40);
    let locator_pos = tail_start + locator as u64;
    Ok(Some(Directory {
        entries: u64_at(&record, 32),
        size,
        // The zip64 record sits between the directory and the locator.
        start: locator_pos
            .checked_sub(56)
            .and_then(|record_pos| record_pos.checked_sub(size)),
    }))
}

/// The first entry name the central directory lists twice, if any. The zip reader keeps one
/// slot per name (the last record's), so a duplicate would silently hide an entry; Android's
/// own zip reader (libziparchive) refuses such an archive ("Duplicate entry"). Reads the
/// directory records one by one and keeps only their names (the zip reader keeps as much);
/// a directory it cannot walk is left to the zip reader to refuse.
fn duplicate_name<R: Read + Seek>(
    reader: &mut R,
    dir: &Directory,
) -> std::io::Result<Option<String>> {
    use std::io::SeekFrom;
    let Some(start) = dir.start else {
        return Ok(None);
    };
    reader.seek(SeekFrom::Start(start))?;
    // The archive's reader is buffered (`window::WindowedFile`, or memory): a record is read
    // where it lies and what follows its name is seeked over, never copied.
    let mut names = std::collections::HashSet::with_hasher(foldhash::fast::RandomState::default());
    let mut found = None;
    let mut left = dir.size;
    let mut header = [0u8; 46];
    for _ in 0..dir.entries {
        if reader.read_exact(&mut header).is_err() || &header[..4] != b"PK\x01\x02" {
            break;
        }
        let name_len = u16::from_le_bytes([header[28], header[29]]);
        let skip = u32::from(u16::from_le_bytes([header[30], header[31]]))
            + u32::from(u16::from_le_bytes([header[32], header[33]]));
        let record = 46 + u64::from(name_len) + u64::from(skip);
        if left < record {
            break;
        }
        left -= record;
        let mut name = vec![0u8; usize::from(name_len)];
        if reader.read_exact(&mut name).is_err() {
            break;
        }
        reader.seek(SeekFrom::Current(i64::from(skip)))?;
        if names.contains(&name) {
            found = Some(String::from_utf8_lossy(&name).into_owned());
            break;
        }
        names.insert(name);
    }
    reader.seek(SeekFrom::Start(0))?;
    Ok(found)
}

/// Reads every audited entry of the archive `reader`, shown as `display`.
pub fn read_archive<R: Read + Seek>(
    display: &str,
    reader: R,
    limits: &Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    read_archive_within(display, reader, limits, &Budget::default())
}

/// [`read_archive`], drawing on a run's `budget`: inflated bytes, requests and nodes of all
/// archives of a run together.
pub fn read_archive_within<R: Read + Seek>(
    display: &str,
    reader: R,
    limits: &Limits,
    budget: &Budget,
) -> Result<Vec<ParsedInput>, InputError> {
    let file = || Location::file(display);
    let mut reader = reader;
    // The zip reader parses the whole central directory before saying how many entries it
    // holds; the end-of-central-directory record says so in a few bytes, so an archive listing
    // millions of entries is refused before anything is allocated for them.
    let io_error =
        |e: std::io::Error| InputError::invalid(file(), format!("cannot read the archive: {e}"));
    let dir = directory(&mut reader).map_err(io_error)?;
    if let Some(dir) = &dir {
        let listed = dir.entries;
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
    }
    if let Some(dir) = &dir {
        if let Some(name) = duplicate_name(&mut reader, dir).map_err(io_error)? {
            return Err(InputError::invalid(
                file(),
                format!(
                    "the archive lists the entry {name} more than once; Android refuses an \
                     archive with duplicate entries, and which copy a tool reads is arbitrary"
                ),
            ));
        }
    }
    let mut archive = ZipArchive::new(reader).map_err(|e| {
        InputError::invalid(
            file(),
            format!("not a readable zip archive (APK, AAB or IPA): {e}"),
        )
    })?;
    if archive.len() > limits.max_entries {
        return Err(InputError::invalid(
            file(),
            format!(
                "the archive lists {} entries, over the entry-count limit (max-entries = {})",
                archive.len(),
                limits.max_entries
            ),
        ));
    }
    // Only the names of the entries audited are kept: an app has thousands of others.
    let (mut apk, mut aab, mut ipa) = (Vec::new(), Vec::new(), Vec::new());
    let mut named = 0;
    for i in 0..archive.len() {
        let Some(n) = archive.name_for_index(i) else {
            continue;
        };
        named += 1;
        let kind = if n == "AndroidManifest.xml" {
            &mut apk
        } else if is_module_manifest(n) {
            &mut aab
        } else if is_ipa_plist(n) {
            &mut ipa
        } else {
            continue;
        };
        kind.push((i, n.to_owned()));
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
                format!("{expected} ({named} entries)"),
            ));
        }
    };

    let mut inputs = Vec::new();
    match kind {
        ArtifactKind::Apk => {
            if apk.len() > 1 {
                return Err(InputError::invalid(
                    file(),
                    "the archive has more than one AndroidManifest.xml entry; Android refuses \
                     duplicate entries, and permaudit cannot tell which one ships",
                ));
            }
            let (index, name) = &apk[0];
            let inner = format!("{display}!/{name}");
            let bytes = read_entry(&mut archive, *index, &inner, limits, budget)?;
            inputs.push(axml::parse_binary_manifest_within(
                &inner,
                &bytes,
                InputKind::Apk,
                budget,
            )?);
        }
        ArtifactKind::Aab => {
            for (index, name) in &aab {
                let inner = format!("{display}!/{name}");
                let bytes = read_entry(&mut archive, *index, &inner, limits, budget)?;
                inputs.push(proto::parse_proto_manifest_within(&inner, &bytes, budget)?);
            }
        }
        ArtifactKind::Ipa => {
            for (index, name) in &ipa {
                let inner = format!("{display}!/{name}");
                let bytes = read_entry(&mut archive, *index, &inner, limits, budget)?;
                let mut parsed = plist::parse_plist_within(&inner, &bytes, budget)?;
                parsed.kind = InputKind::Ipa;
                inputs.push(parsed);
            }
        }
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(inputs)
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
fn read_entry<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    inner: &str,
    limits: &Limits,
    budget: &Budget,
) -> Result<Vec<u8>, InputError> {
    let invalid = |message: String| InputError::invalid(Location::file(inner), message);
    let zip_error = |e: zip::result::ZipError| invalid(format!("cannot read the entry: {e}"));

    let (method, compressed, declared) = {
        let raw = archive.by_index_raw(index).map_err(zip_error)?;
        (raw.compression(), raw.compressed_size(), raw.size())
    };
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
    let cap = limits.max_inflated;
    // Sized once from the declared size (already under the cap): growing by doubling would
    // hold up to three times the entry while copying. A lying size only costs a regrowth.
    let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    let read = match method {
        CompressionMethod::Stored | CompressionMethod::Deflated => {
            let entry = archive.by_index(index).map_err(zip_error)?;
            entry.take(cap + 1).read_to_end(&mut out)
        }
        // An unknown method on an entry whose sizes match is stored data with a scrambled
        // method field (an anti-analysis trick); Android reads it as stored, so do we.
        other if compressed == declared => {
            let _ = other;
            let entry = archive.by_index_raw(index).map_err(zip_error)?;
            entry.take(cap + 1).read_to_end(&mut out)
        }
        other => {
            return Err(invalid(format!(
                "compression method {other} is not supported (an APK, AAB or IPA uses stored \
                 or deflate)"
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
        read_archive("a.apk", std::io::Cursor::new(bytes), limits).map_err(|e| e.to_string())
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
