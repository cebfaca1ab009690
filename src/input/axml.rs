//! Binary AXML (the compiled `AndroidManifest.xml` of an APK) → requested permissions.
//!
//! Written here rather than taken from a crate because the input is hostile: malware and
//! packers tamper with manifests precisely to break analyzers while Android still installs the
//! app. The decoder therefore follows what Android's own `ResXMLTree`/`ResXMLParser`
//! (`libandroidfw/ResourceTypes.cpp`) accept, and nothing more generous where that would make
//! permaudit see a different tree than the device:
//!
//! - the document header's total size may not exceed the data (Android refuses such a file, so
//!   no device installs it: exit 2); trailing bytes beyond it are ignored;
//! - the header's chunk type is not checked (Android does not), only its header size of 8;
//! - chunks before the first node are the string pool, the resource map, or skipped unknowns;
//! - every node is checked like `validate_chunk`: header ≥ 16 bytes, header ≤ size, both 4-byte
//!   aligned, inside the data, attributes inside their node;
//! - reading stops when the root element closes, as Android's package parser stops there: the
//!   zero-sized namespace-end nodes some packers append after `</manifest>` are never reached;
//! - attributes are identified by **resource id** through the resource map
//!   (`android:name` = 0x01010003), as Android's `obtainAttributes` does, so a renamed or
//!   re-namespaced attribute string cannot hide or fake a name. An `android:name` without a
//!   resource id is not a name to Android (nor to aapt2): the element requests nothing;
//! - strings are read lazily and bounds-checked one by one: a bogus string count never
//!   allocates, an out-of-range index is an error naming it. A string whose terminator is
//!   missing is still read up to its declared length (its bytes are inside the pool).
//!
//! Nothing here allocates from a count read from the file: every allocation is bounded by bytes
//! actually present. Nesting deeper than [`MAX_DEPTH`] is refused.

use super::InputError;
use super::budget::Budget;
use super::manifest::{
    Dialect, Element, ManifestRules, PermissionAttrs, TOOLS_NS, is_permission_element,
};
use crate::model::{InputKind, Location, ParsedInput};

/// Deeper element nesting than this is not a real manifest.
pub const MAX_DEPTH: usize = 256;

pub(crate) const RES_STRING_POOL_TYPE: u16 = 0x0001;
pub(crate) const RES_XML_RESOURCE_MAP_TYPE: u16 = 0x0180;
const RES_XML_FIRST_CHUNK_TYPE: u16 = 0x0100;
const RES_XML_LAST_CHUNK_TYPE: u16 = 0x017f;
pub(crate) const RES_XML_START_ELEMENT_TYPE: u16 = 0x0102;
pub(crate) const RES_XML_END_ELEMENT_TYPE: u16 = 0x0103;

pub(crate) const UTF8_FLAG: u32 = 1 << 8;
pub(crate) const NO_INDEX: u32 = 0xFFFF_FFFF;

/// Resource ids of the framework attributes read here (`android.R.attr`).
pub(crate) const ATTR_NAME: u32 = 0x0101_0003;
pub(crate) const ATTR_MAX_SDK_VERSION: u32 = 0x0101_0271;

/// `Res_value` data types.
const TYPE_REFERENCE: u8 = 0x01;
pub(crate) const TYPE_STRING: u8 = 0x03;
pub(crate) const TYPE_INT_DEC: u8 = 0x10;
const TYPE_INT_HEX: u8 = 0x11;

/// Size of `ResXMLTree_node` (chunk header, line number, comment).
const NODE_HEADER: usize = 16;
/// Size of `ResXMLTree_attrExt`.
const ATTR_EXT: usize = 20;
/// Size of `ResXMLTree_attribute`.
const ATTRIBUTE: usize = 20;

/// Does `bytes` look like binary AXML? A chunk header of size 8 followed by either the XML
/// chunk type or, as in files whose type was zeroed to fool analyzers, a string pool chunk.
pub fn looks_like_axml(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && bytes[2..4] == [0x08, 0x00]
        && (bytes[0..2] == [0x03, 0x00] || bytes[8..10] == [0x01, 0x00])
}

/// Why a binary manifest was refused: where (byte offset, or the element's line) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxmlError {
    /// Source line of the element being read, when known.
    pub line: Option<u32>,
    /// What was wrong.
    pub message: String,
}

impl AxmlError {
    fn at(offset: usize, message: impl std::fmt::Display) -> Self {
        AxmlError {
            line: None,
            message: format!("binary AXML, byte offset {offset}: {message}"),
        }
    }

    fn into_input(self, path: &str) -> InputError {
        let location = match self.line {
            Some(line) => Location {
                path: path.to_owned(),
                line: Some(line),
                column: None,
                span: None,
            },
            None => Location::file(path),
        };
        InputError::invalid(location, self.message)
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn usize_from(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A chunk header that passed Android's `validate_chunk`.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    kind: u16,
    header: usize,
    size: usize,
}

/// `validate_chunk`: header at least `min`, header ≤ size, both 4-aligned, inside `end`.
fn chunk_at(data: &[u8], at: usize, min: usize, end: usize) -> Result<Chunk, AxmlError> {
    let (Some(kind), Some(header), Some(size)) =
        (u16_at(data, at), u16_at(data, at + 2), u32_at(data, at + 4))
    else {
        return Err(AxmlError::at(
            at,
            "chunk header cut off by the end of the data",
        ));
    };
    let (header, size) = (usize::from(header), usize_from(size));
    if header < min {
        return Err(AxmlError::at(
            at,
            format!(
                "chunk type 0x{kind:04x} has a header of {header} bytes; at least {min} expected"
            ),
        ));
    }
    if header > size {
        return Err(AxmlError::at(
            at,
            format!(
                "chunk type 0x{kind:04x}: size {size} is smaller than its header size {header}"
            ),
        ));
    }
    if (header | size) & 3 != 0 {
        return Err(AxmlError::at(
            at,
            format!(
                "chunk type 0x{kind:04x}: size {size} or header size {header} is not a multiple of 4"
            ),
        ));
    }
    if size > end.saturating_sub(at) {
        return Err(AxmlError::at(
            at,
            format!("chunk type 0x{kind:04x} of {size} bytes extends past the end of the document"),
        ));
    }
    Ok(Chunk { kind, header, size })
}

/// The string pool, read lazily: nothing is decoded or allocated until a string is asked for.
#[derive(Debug, Clone, Copy, Default)]
struct StringPool<'a> {
    /// The whole pool chunk.
    chunk: &'a [u8],
    header: usize,
    count: u32,
    utf8: bool,
    strings_start: usize,
}

impl<'a> StringPool<'a> {
    fn new(chunk: &'a [u8], header: usize) -> Self {
        StringPool {
            chunk,
            header,
            count: u32_at(chunk, 8).unwrap_or(0),
            utf8: u32_at(chunk, 16).unwrap_or(0) & UTF8_FLAG != 0,
            strings_start: usize_from(u32_at(chunk, 20).unwrap_or(0)),
        }
    }

    /// String `index`, or why it cannot be read.
    fn get(&self, index: u32) -> Result<String, String> {
        if index >= self.count {
            return Err(format!(
                "string #{index} is out of range (the pool declares {} strings)",
                self.count
            ));
        }
        let entry = self
            .header
            .checked_add(usize_from(index).saturating_mul(4))
            .ok_or_else(|| format!("string #{index}: offset table out of range"))?;
        let offset = u32_at(self.chunk, entry)
            .ok_or_else(|| format!("string #{index}: its offset lies outside the string pool"))?;
        let start = self.strings_start.saturating_add(usize_from(offset));
        let decoded = if self.utf8 {
            self.utf8_at(start)
        } else {
            self.utf16_at(start)
        };
        decoded.ok_or_else(|| format!("string #{index} extends past the end of the string pool"))
    }

    fn utf8_at(&self, at: usize) -> Option<String> {
        // Two lengths, each one or two bytes: UTF-16 units (ignored), then UTF-8 bytes.
        let (_, at) = utf8_len(self.chunk, at)?;
        let (len, at) = utf8_len(self.chunk, at)?;
        let bytes = self.chunk.get(at..at.checked_add(len)?)?;
        Some(String::from_utf8_lossy(bytes).into_owned())
    }

    fn utf16_at(&self, at: usize) -> Option<String> {
        let first = u16_at(self.chunk, at)?;
        let (len, at) = if first & 0x8000 != 0 {
            let second = u16_at(self.chunk, at + 2)?;
            (
                (usize::from(first & 0x7fff) << 16) | usize::from(second),
                at + 4,
            )
        } else {
            (usize::from(first), at + 2)
        };
        let bytes = self.chunk.get(at..at.checked_add(len.checked_mul(2)?)?)?;
        let units = bytes
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
        Some(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        )
    }
}

fn utf8_len(data: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *data.get(at)?;
    if first & 0x80 != 0 {
        let second = *data.get(at + 1)?;
        Some((
            (usize::from(first & 0x7f) << 8) | usize::from(second),
            at + 2,
        ))
    } else {
        Some((usize::from(first), at + 1))
    }
}

/// A decoded document: string pool, resource map, and where the nodes start.
#[derive(Debug)]
struct Document<'a> {
    data: &'a [u8],
    strings: StringPool<'a>,
    res_ids: &'a [u8],
    first_node: usize,
}

impl<'a> Document<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Self, AxmlError> {
        let (Some(header), Some(total)) = (u16_at(bytes, 2), u32_at(bytes, 4)) else {
            return Err(AxmlError::at(0, "file too short for an AXML header"));
        };
        let (header, total) = (usize::from(header), usize_from(total));
        if header < 8 || header > total || total > bytes.len() {
            return Err(AxmlError::at(
                0,
                format!(
                    "the document header declares {total} bytes (header {header}) but the data \
                     has {}; Android refuses such a manifest (\"Bad XML block\"), so no device \
                     installs it",
                    bytes.len()
                ),
            ));
        }
        let data = &bytes[..total];
        let mut strings = None;
        let mut res_ids: &[u8] = &[];
        let mut at = header;
        while at.saturating_add(8) <= total {
            let chunk = chunk_at(data, at, 8, total)?;
            match chunk.kind {
                RES_STRING_POOL_TYPE => {
                    strings = Some(StringPool::new(&data[at..at + chunk.size], chunk.header));
                }
                RES_XML_RESOURCE_MAP_TYPE => res_ids = &data[at + chunk.header..at + chunk.size],
                RES_XML_FIRST_CHUNK_TYPE..=RES_XML_LAST_CHUNK_TYPE => {
                    let Some(strings) = strings else {
                        return Err(AxmlError::at(at, "no string pool before the first element"));
                    };
                    return Ok(Document {
                        data,
                        strings,
                        res_ids,
                        first_node: at,
                    });
                }
                // Android skips chunks it does not know.
                _ => {}
            }
            // `chunk_at` guarantees size ≥ header ≥ 8, so the walk always advances.
            at += chunk.size;
        }
        Err(AxmlError::at(at, "no XML element found"))
    }

    fn string(&self, index: u32, line: u32, what: &str) -> Result<String, AxmlError> {
        self.strings.get(index).map_err(|e| AxmlError {
            line: Some(line),
            message: format!("binary AXML: cannot read the {what}: {e}"),
        })
    }

    fn res_id(&self, name_index: u32) -> Option<u32> {
        u32_at(self.res_ids, usize_from(name_index).checked_mul(4)?).filter(|&id| id != 0)
    }
}

/// One attribute as stored: indexes into the string pool and a typed value.
#[derive(Debug, Clone, Copy)]
struct RawAttr {
    ns: u32,
    name: u32,
    raw: u32,
    data_type: u8,
    data: u32,
}

/// A start-element node, validated.
#[derive(Debug)]
struct StartElement<'d> {
    line: u32,
    name: u32,
    /// The node's bytes from the attribute extension on.
    ext: &'d [u8],
    attr_start: usize,
    attr_size: usize,
    attr_count: usize,
}

impl StartElement<'_> {
    fn attrs(&self) -> impl Iterator<Item = RawAttr> + '_ {
        (0..self.attr_count).filter_map(move |i| {
            let at = self.attr_start + i * self.attr_size;
            Some(RawAttr {
                ns: u32_at(self.ext, at)?,
                name: u32_at(self.ext, at + 4)?,
                raw: u32_at(self.ext, at + 8)?,
                data_type: *self.ext.get(at + 15)?,
                data: u32_at(self.ext, at + 16)?,
            })
        })
    }
}

fn start_element<'d>(
    data: &'d [u8],
    at: usize,
    chunk: Chunk,
    line: u32,
) -> Result<StartElement<'d>, AxmlError> {
    let node = &data[at..at + chunk.size];
    let ext = &node[chunk.header..];
    if ext.len() < ATTR_EXT {
        return Err(AxmlError::at(
            at,
            "start element node too small for its attributes header",
        ));
    }
    let field = |o| usize::from(u16_at(ext, o).unwrap_or(0));
    let (attr_start, attr_size, attr_count) = (field(8), field(10), field(12));
    let name = u32_at(ext, 4).unwrap_or(NO_INDEX);
    if attr_count > 0 && attr_size < ATTRIBUTE {
        return Err(AxmlError::at(
            at,
            format!("attribute size {attr_size} is smaller than an attribute ({ATTRIBUTE} bytes)"),
        ));
    }
    if attr_start + attr_size * attr_count > ext.len() {
        return Err(AxmlError::at(
            at,
            "the attributes extend past the end of their element node",
        ));
    }
    Ok(StartElement {
        line,
        name,
        ext,
        attr_start,
        attr_size,
        attr_count,
    })
}

/// Decodes a binary manifest and applies the manifest rules. `path` names the file in
/// locations (e.g. `app.apk!/AndroidManifest.xml`); each request is located at the line AXML
/// keeps for its element (there is no column).
pub fn parse_binary_manifest(
    path: &str,
    bytes: &[u8],
    kind: InputKind,
) -> Result<ParsedInput, InputError> {
    parse_binary_manifest_within(path, bytes, kind, &Budget::default())
}

/// [`parse_binary_manifest`], drawing on a run's `budget`.
pub fn parse_binary_manifest_within(
    path: &str,
    bytes: &[u8],
    kind: InputKind,
    budget: &Budget,
) -> Result<ParsedInput, InputError> {
    decode(path, bytes, kind, budget).map_err(|e| e.into_input(path))
}

fn decode(
    path: &str,
    bytes: &[u8],
    kind: InputKind,
    budget: &Budget,
) -> Result<ParsedInput, AxmlError> {
    let doc = Document::parse(bytes)?;
    let end = doc.data.len();
    let mut rules = ManifestRules::new(Dialect::Compiled, budget);
    let mut depth = 0usize;
    let mut seen_root = false;
    let mut at = doc.first_node;
    while at < end {
        let chunk = chunk_at(doc.data, at, NODE_HEADER, end)?;
        let line = u32_at(doc.data, at + 8).unwrap_or(0);
        match chunk.kind {
            RES_XML_START_ELEMENT_TYPE => {
                let element = start_element(doc.data, at, chunk, line)?;
                if depth == 0 && seen_root {
                    return Err(AxmlError {
                        line: Some(line),
                        message: "binary AXML: a second root element; a manifest has one \
                                  <manifest>"
                            .to_owned(),
                    });
                }
                depth += 1;
                seen_root = true;
                if depth > MAX_DEPTH {
                    return Err(AxmlError {
                        line: Some(line),
                        message: format!(
                            "binary AXML: elements nested deeper than {MAX_DEPTH} levels (the \
                             nesting limit); not a real manifest"
                        ),
                    });
                }
                let local = doc.string(element.name, line, "element name")?;
                let location = Location {
                    path: path.to_owned(),
                    line: Some(line),
                    column: None,
                    span: None,
                };
                budget.nodes(1, &location).map_err(|e| AxmlError {
                    line: Some(line),
                    message: match e {
                        InputError::Invalid { message, .. } => message,
                        other => other.to_string(),
                    },
                })?;
                let wanted = depth == 2 && is_permission_element(&local);
                let mut attrs = None;
                if wanted {
                    attrs = Some(permission_attrs(&doc, &element)?);
                }
                rules
                    .element(
                        Element {
                            depth,
                            unqualified: true,
                            local: &local,
                            location: &|| location.clone(),
                        },
                        || Ok(attrs.take().unwrap_or_default()),
                    )
                    .map_err(|e| AxmlError {
                        line: Some(line),
                        message: match e {
                            InputError::Invalid { message, .. } => message,
                            other => other.to_string(),
                        },
                    })?;
            }
            RES_XML_END_ELEMENT_TYPE if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    // Android's package parser stops at the root's end tag; so do we.
                    return Ok(rules.finish(path, kind));
                }
            }
            // Namespace, CDATA and unknown nodes carry nothing a request is made of, and
            // Android skips them too.
            _ => {}
        }
        at += chunk.size;
    }
    Err(AxmlError {
        line: None,
        message: if seen_root {
            "binary AXML: the document ends before </manifest> (is it truncated?)".to_owned()
        } else {
            "binary AXML: no <manifest> element found".to_owned()
        },
    })
}

/// What a typed attribute value says, as text.
fn value_text(
    doc: &Document<'_>,
    attr: RawAttr,
    line: u32,
    what: &str,
) -> Result<String, AxmlError> {
    match attr.data_type {
        TYPE_STRING => doc.string(attr.data, line, what),
        // aapt prints integers in decimal whatever their compiled radix; so do reports.
        TYPE_INT_DEC | TYPE_INT_HEX => Ok((attr.data as i32).to_string()),
        _ if attr.raw != NO_INDEX => doc.string(attr.raw, line, what),
        TYPE_REFERENCE => Ok(format!("@0x{:08x}", attr.data)),
        other => Err(AxmlError {
            line: Some(line),
            message: format!("binary AXML: the {what} has value type 0x{other:02x}, not a string"),
        }),
    }
}

fn permission_attrs(
    doc: &Document<'_>,
    element: &StartElement<'_>,
) -> Result<PermissionAttrs, AxmlError> {
    let line = element.line;
    let mut name = None;
    let mut max_sdk = None;
    let mut tools_node = None;
    for attr in element.attrs() {
        match doc.res_id(attr.name) {
            Some(ATTR_NAME) if name.is_none() => name = Some(attr),
            Some(ATTR_MAX_SDK_VERSION) if max_sdk.is_none() => max_sdk = Some(attr),
            Some(_) => {}
            None => {
                // An `android:name` without a resource id is no name to Android, whose
                // `obtainAttributes` matches compiled attributes by id only (aapt2 and the
                // device then skip the element). Only `tools:node`, which has no id, is
                // recognised by its namespace and name.
                let Ok(local) = doc.strings.get(attr.name) else {
                    continue;
                };
                if local == "node" && doc.strings.get(attr.ns).ok().as_deref() == Some(TOOLS_NS) {
                    tools_node = Some(attr);
                }
            }
        }
    }
    let text =
        |attr: Option<RawAttr>, what| attr.map(|a| value_text(doc, a, line, what)).transpose();
    Ok(PermissionAttrs {
        name: text(name, "android:name value")?,
        max_sdk: text(max_sdk, "android:maxSdkVersion value")?,
        tools_node: text(tools_node, "tools:node value")?,
        ..PermissionAttrs::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::testing::{AxmlBuilder, sample_axml as sample};

    type Got = (String, Option<u32>, Option<String>, bool);

    fn requests(bytes: &[u8]) -> Result<Vec<Got>, String> {
        parse_binary_manifest("m!/AndroidManifest.xml", bytes, InputKind::BinaryManifest)
            .map(|p| {
                p.requests
                    .into_iter()
                    .map(|r| (r.permission, r.location.line, r.max_sdk, r.sdk23_only))
                    .collect()
            })
            .map_err(|e| e.to_string())
    }

    #[test]
    fn decodes_utf16_and_utf8_pools() {
        for utf8 in [false, true] {
            let bytes = sample(utf8);
            assert!(looks_like_axml(&bytes));
            assert_eq!(
                requests(&bytes).unwrap(),
                vec![
                    ("android.permission.CAMERA".into(), Some(3), None, false),
                    (
                        "android.permission.SEND_SMS".into(),
                        Some(4),
                        Some("30".into()),
                        true
                    ),
                ],
                "utf8={utf8}"
            );
        }
    }

    #[test]
    fn attributes_are_identified_by_resource_id() {
        // The attribute string says "label" in no namespace, but its resource id is
        // android:name: Android reads it as the name, and so must we.
        let mut b = AxmlBuilder::default();
        b.string("label");
        b.res_ids = vec![ATTR_NAME];
        b.start(1, "manifest", &[]);
        b.start(2, "uses-permission", &[("", "label", ATTR_NAME, "P.REAL")]);
        b.end(2, "uses-permission");
        b.end(3, "manifest");
        assert_eq!(requests(&b.build()).unwrap()[0].0, "P.REAL");
    }

    #[test]
    fn android_name_without_a_resource_id_is_no_name() {
        // `android:name` by namespace and string, but no resource id: Android's
        // obtainAttributes (and aapt2) see no name, so this is no request of READ_SMS; an
        // element without a name is refused, as aapt refuses it.
        let mut b = AxmlBuilder::default();
        b.start(1, "manifest", &[]);
        b.start(
            2,
            "uses-permission",
            &[(crate::input::manifest::ANDROID_NS, "name", 0, "READ_SMS")],
        );
        b.end(2, "uses-permission");
        b.end(3, "manifest");
        let err = requests(&b.build()).unwrap_err();
        assert!(err.contains("no android:name"), "{err}");
    }

    #[test]
    fn trailing_garbage_after_the_root_is_never_read() {
        let mut bytes = sample(false);
        // A zero-sized node after </manifest>, as packers append to break analyzers.
        bytes.extend_from_slice(&[0x01, 0x01, 0x10, 0x00, 0, 0, 0, 0]);
        let total = bytes.len() as u32;
        bytes[4..8].copy_from_slice(&total.to_le_bytes());
        assert_eq!(requests(&bytes).unwrap().len(), 2);
    }

    #[test]
    fn hostile_sizes_and_counts_are_errors_not_panics() {
        let good = sample(false);
        // Declared total size larger than the data.
        let mut b = good.clone();
        b[4..8].copy_from_slice(&0x4242_4242u32.to_le_bytes());
        assert!(requests(&b).unwrap_err().contains("Android refuses"));
        // A bogus string count: indexes beyond the offsets table must fail, not allocate.
        let mut b = good.clone();
        b[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        let _ = requests(&b);
        // Every truncation and every single-byte corruption: no panic.
        for cut in 0..good.len() {
            let _ = requests(&good[..cut]);
        }
        for i in 0..good.len() {
            for v in [0x00, 0x7f, 0x80, 0xff] {
                let mut b = good.clone();
                b[i] = v;
                let _ = requests(&b);
            }
        }
    }

    #[test]
    fn nesting_is_capped() {
        let mut b = AxmlBuilder::default();
        for i in 0..=MAX_DEPTH as u32 {
            b.start(i + 1, if i == 0 { "manifest" } else { "x" }, &[]);
        }
        let err = requests(&b.build()).unwrap_err();
        assert!(err.contains("nesting limit"), "{err}");
    }

    #[test]
    fn truncated_document_is_an_error() {
        let mut b = AxmlBuilder::default();
        b.start(1, "manifest", &[]);
        let err = requests(&b.build()).unwrap_err();
        assert!(err.contains("ends before </manifest>"), "{err}");
    }
}
