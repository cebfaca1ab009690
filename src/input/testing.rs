//! Builders for small artifacts, shared by unit tests, integration tests, benchmarks and fuzz
//! seeds: binary AXML, aapt2 protobuf manifests and zip archives written byte by byte from the
//! formats' facts. Not part of permaudit's interface.

#![allow(clippy::cast_possible_truncation)]

use std::io::Write;

use prost::Message;

use super::axml::{
    ATTR_MAX_SDK_VERSION, ATTR_NAME, NO_INDEX, RES_STRING_POOL_TYPE, RES_XML_END_ELEMENT_TYPE,
    RES_XML_RESOURCE_MAP_TYPE, RES_XML_START_ELEMENT_TYPE, TYPE_INT_DEC, TYPE_STRING, UTF8_FLAG,
};
use super::manifest::ANDROID_NS;
use super::proto::{SourcePosition, XmlAttribute, XmlElement, XmlNode, xml_node};

/// `RES_XML_START_NAMESPACE_TYPE`: the decoder skips namespace nodes, only the builder writes them.
const RES_XML_START_NAMESPACE_TYPE: u16 = 0x0100;

/// Builds small AXML documents for tests: a UTF-16 or UTF-8 string pool, a resource map
/// and element nodes. Only what the tests need; the real format's facts, nothing more.
#[derive(Debug, Default)]
pub struct AxmlBuilder {
    pub strings: Vec<String>,
    pub res_ids: Vec<u32>,
    pub nodes: Vec<u8>,
    pub utf8: bool,
    /// Style spans `(name string, first char, last char)` of the first strings of the pool.
    pub styles: Vec<Vec<(u32, u32, u32)>>,
}

/// A typed attribute value of a binary element.
#[derive(Debug, Clone, Copy)]
pub enum AxmlValue<'a> {
    /// `TYPE_STRING` pointing at this string.
    Str(&'a str),
    /// `TYPE_INT_DEC`.
    Int(i32),
    /// Any `(data type, data)`.
    Typed(u8, u32),
}

/// One attribute of [`AxmlBuilder::start_element`]: namespace URI (empty: none), name, resource
/// id (0: none), raw string (`None`: no index) and typed value, each set on its own so tests can
/// make them disagree.
#[derive(Debug, Clone, Copy)]
pub struct AxmlAttr<'a> {
    pub ns: &'a str,
    pub name: &'a str,
    pub res_id: u32,
    pub raw: Option<&'a str>,
    pub value: AxmlValue<'a>,
}

impl AxmlBuilder {
    pub fn string(&mut self, s: &str) -> u32 {
        if let Some(i) = self.strings.iter().position(|x| x == s) {
            return i as u32;
        }
        self.strings.push(s.to_owned());
        (self.strings.len() - 1) as u32
    }

    /// Start element with `(ns, name, res_id, value)` string attributes.
    pub fn start(&mut self, line: u32, name: &str, attrs: &[(&str, &str, u32, &str)]) {
        let attrs: Vec<AxmlAttr<'_>> = attrs
            .iter()
            .map(|&(ns, name, res_id, value)| AxmlAttr {
                ns,
                name,
                res_id,
                raw: Some(value),
                value: AxmlValue::Str(value),
            })
            .collect();
        self.start_element(line, "", name, &attrs);
    }

    /// Start element in namespace `ns` (empty: none) with any typed attributes.
    pub fn start_element(&mut self, line: u32, ns: &str, name: &str, attrs: &[AxmlAttr<'_>]) {
        let element_ns = if ns.is_empty() {
            NO_INDEX
        } else {
            self.string(ns)
        };
        let name = self.string(name);
        let mut body = Vec::new();
        for attr in attrs {
            // Attribute names with resource ids must come first in the pool so the
            // resource map (indexed by string index) can cover them.
            let mut a = self.string(attr.name);
            if attr.res_id == 0 && self.res_ids.get(a as usize).is_some_and(|&id| id != 0) {
                // The name is mapped to a resource id; an attribute without one needs its own
                // copy of the string past the map, as aapt2 writes it.
                self.strings.push(attr.name.to_owned());
                a = (self.strings.len() - 1) as u32;
            }
            if attr.res_id != 0 {
                while self.res_ids.len() <= a as usize {
                    self.res_ids.push(0);
                }
                self.res_ids[a as usize] = attr.res_id;
            }
            let ns = if attr.ns.is_empty() {
                NO_INDEX
            } else {
                self.string(attr.ns)
            };
            let raw = attr.raw.map_or(NO_INDEX, |r| self.string(r));
            let (kind, data) = match attr.value {
                AxmlValue::Str(v) => (TYPE_STRING, self.string(v)),
                AxmlValue::Int(n) => (TYPE_INT_DEC, n as u32),
                AxmlValue::Typed(kind, data) => (kind, data),
            };
            for x in [ns, a, raw] {
                body.extend_from_slice(&x.to_le_bytes());
            }
            body.extend_from_slice(&8u16.to_le_bytes());
            body.push(0);
            body.push(kind);
            body.extend_from_slice(&data.to_le_bytes());
        }
        let mut ext = Vec::new();
        ext.extend_from_slice(&element_ns.to_le_bytes());
        ext.extend_from_slice(&name.to_le_bytes());
        ext.extend_from_slice(&20u16.to_le_bytes());
        ext.extend_from_slice(&20u16.to_le_bytes());
        ext.extend_from_slice(&(attrs.len() as u16).to_le_bytes());
        ext.extend_from_slice(&[0; 6]);
        ext.extend_from_slice(&body);
        self.node(RES_XML_START_ELEMENT_TYPE, line, &ext);
    }

    /// A start-namespace node binding `prefix` to `uri`.
    pub fn namespace(&mut self, line: u32, prefix: &str, uri: &str) {
        let prefix = self.string(prefix);
        let uri = self.string(uri);
        let mut ext = prefix.to_le_bytes().to_vec();
        ext.extend_from_slice(&uri.to_le_bytes());
        self.node(RES_XML_START_NAMESPACE_TYPE, line, &ext);
    }

    pub fn end(&mut self, line: u32, name: &str) {
        let name = self.string(name);
        let mut ext = NO_INDEX.to_le_bytes().to_vec();
        ext.extend_from_slice(&name.to_le_bytes());
        self.node(RES_XML_END_ELEMENT_TYPE, line, &ext);
    }

    pub fn node(&mut self, kind: u16, line: u32, ext: &[u8]) {
        self.nodes.extend_from_slice(&kind.to_le_bytes());
        self.nodes.extend_from_slice(&16u16.to_le_bytes());
        self.nodes
            .extend_from_slice(&((16 + ext.len()) as u32).to_le_bytes());
        self.nodes.extend_from_slice(&line.to_le_bytes());
        self.nodes.extend_from_slice(&NO_INDEX.to_le_bytes());
        self.nodes.extend_from_slice(ext);
    }

    pub fn build(&self) -> Vec<u8> {
        let mut data = Vec::new();
        let mut offsets = Vec::new();
        for s in &self.strings {
            offsets.push(data.len() as u32);
            if self.utf8 {
                // Lengths past 0x7f take two bytes, the first with its high bit set.
                for n in [s.encode_utf16().count(), s.len()] {
                    if n > 0x7f {
                        data.push(0x80 | (n >> 8) as u8);
                    }
                    data.push(n as u8);
                }
                data.extend_from_slice(s.as_bytes());
                data.push(0);
            } else {
                // Lengths past 0x7fff take two units, the first with its high bit set.
                let units: Vec<u16> = s.encode_utf16().collect();
                if units.len() > 0x7fff {
                    data.extend_from_slice(&(0x8000 | (units.len() >> 16) as u16).to_le_bytes());
                }
                data.extend_from_slice(&(units.len() as u16).to_le_bytes());
                for u in units {
                    data.extend_from_slice(&u.to_le_bytes());
                }
                data.extend_from_slice(&[0, 0]);
            }
        }
        while data.len() % 4 != 0 {
            data.push(0);
        }
        // Style spans (name, first, last) per styled string, each list ended by 0xffffffff,
        // the whole block by two more.
        let mut style_data = Vec::new();
        let mut style_offsets = Vec::new();
        for spans in &self.styles {
            style_offsets.push(style_data.len() as u32);
            for (name, first, last) in spans {
                for x in [*name, *first, *last] {
                    style_data.extend_from_slice(&x.to_le_bytes());
                }
            }
            style_data.extend_from_slice(&NO_INDEX.to_le_bytes());
        }
        if !self.styles.is_empty() {
            style_data.extend_from_slice(&NO_INDEX.to_le_bytes());
            style_data.extend_from_slice(&NO_INDEX.to_le_bytes());
        }
        let header = 28u32;
        let strings_start = header + 4 * self.strings.len() as u32 + 4 * self.styles.len() as u32;
        let styles_start = if self.styles.is_empty() {
            0
        } else {
            strings_start + data.len() as u32
        };
        let mut pool = Vec::new();
        pool.extend_from_slice(&RES_STRING_POOL_TYPE.to_le_bytes());
        pool.extend_from_slice(&28u16.to_le_bytes());
        pool.extend_from_slice(
            &(strings_start + data.len() as u32 + style_data.len() as u32).to_le_bytes(),
        );
        pool.extend_from_slice(&(self.strings.len() as u32).to_le_bytes());
        pool.extend_from_slice(&(self.styles.len() as u32).to_le_bytes());
        pool.extend_from_slice(&(if self.utf8 { UTF8_FLAG } else { 0 }).to_le_bytes());
        pool.extend_from_slice(&strings_start.to_le_bytes());
        pool.extend_from_slice(&styles_start.to_le_bytes());
        for o in offsets.into_iter().chain(style_offsets) {
            pool.extend_from_slice(&o.to_le_bytes());
        }
        pool.extend_from_slice(&data);
        pool.extend_from_slice(&style_data);

        let mut map = Vec::new();
        map.extend_from_slice(&RES_XML_RESOURCE_MAP_TYPE.to_le_bytes());
        map.extend_from_slice(&8u16.to_le_bytes());
        map.extend_from_slice(&(8 + 4 * self.res_ids.len() as u32).to_le_bytes());
        for id in &self.res_ids {
            map.extend_from_slice(&id.to_le_bytes());
        }

        let total = 8 + pool.len() + map.len() + self.nodes.len();
        let mut out = vec![0x03, 0x00, 0x08, 0x00];
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out.extend_from_slice(&pool);
        out.extend_from_slice(&map);
        out.extend_from_slice(&self.nodes);
        out
    }
}

/// A binary manifest requesting `android.permission.CAMERA` (line 3) and, through
/// `uses-permission-sdk-23` with `maxSdkVersion="30"`, `android.permission.SEND_SMS` (line 4);
/// a `uses-permission` nested in `<application>` (line 6) is not a request.
pub fn sample_axml(utf8: bool) -> Vec<u8> {
    axml_manifest(
        utf8,
        &[("android.permission.CAMERA", None)],
        &[("android.permission.SEND_SMS", Some("30"))],
    )
}

/// A binary manifest with `uses` as `<uses-permission>` and `sdk23` as
/// `<uses-permission-sdk-23>` (name, maxSdkVersion), one per line from 3.
pub fn axml_manifest(
    utf8: bool,
    uses: &[(&str, Option<&str>)],
    sdk23: &[(&str, Option<&str>)],
) -> Vec<u8> {
    let mut b = AxmlBuilder {
        utf8,
        ..Default::default()
    };
    // Attribute names first so their resource ids sit at low string indexes.
    b.string("name");
    b.string("maxSdkVersion");
    b.res_ids = vec![ATTR_NAME, ATTR_MAX_SDK_VERSION];
    b.start(2, "manifest", &[("", "package", 0, "com.example")]);
    let mut line = 3;
    for (tag, list) in [("uses-permission", uses), ("uses-permission-sdk-23", sdk23)] {
        for (name, max) in list {
            let mut attrs = vec![(ANDROID_NS, "name", ATTR_NAME, *name)];
            if let Some(max) = max {
                attrs.push((ANDROID_NS, "maxSdkVersion", ATTR_MAX_SDK_VERSION, *max));
            }
            b.start(line, tag, &attrs);
            b.end(line, tag);
            line += 1;
        }
    }
    b.start(line, "application", &[]);
    b.start(
        line + 1,
        "uses-permission",
        &[(ANDROID_NS, "name", ATTR_NAME, "NESTED")],
    );
    b.end(line + 1, "uses-permission");
    b.end(line + 2, "application");
    b.end(line + 3, "manifest");
    b.build()
}

/// One aapt2 protobuf element node at `line`.
pub(crate) fn proto_element(
    name: &str,
    attrs: Vec<XmlAttribute>,
    children: Vec<XmlNode>,
    line: u32,
) -> XmlNode {
    XmlNode {
        node: Some(xml_node::Node::Element(XmlElement {
            namespace_uri: String::new(),
            name: name.to_owned(),
            attribute: attrs,
            child: children,
        })),
        source: Some(SourcePosition {
            line_number: line,
            column_number: 0,
        }),
    }
}

/// An App Bundle module manifest (aapt2 protobuf) requesting `permissions`, one per line from 2.
pub fn proto_manifest(permissions: &[&str]) -> Vec<u8> {
    let children = permissions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let attr = XmlAttribute {
                namespace_uri: ANDROID_NS.to_owned(),
                name: "name".to_owned(),
                value: (*p).to_owned(),
                resource_id: ATTR_NAME,
                compiled_item: None,
            };
            proto_element("uses-permission", vec![attr], vec![], i as u32 + 2)
        })
        .collect();
    proto_element("manifest", vec![], children, 1).encode_to_vec()
}

/// A zip archive of `(name, bytes, deflate)` entries.
pub fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, deflate) in entries {
        let method = if *deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

/// A zip archive of stored `(name, bytes)` entries written byte by byte, so it may hold what
/// a zip writer refuses to make: the same name twice.
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, bytes) in entries {
        let offset = out.len() as u32;
        let crc = crc32(bytes);
        let size = bytes.len() as u32;
        let fixed = |sig: &[u8], out: &mut Vec<u8>| {
            out.extend_from_slice(sig);
            out.extend_from_slice(&20u16.to_le_bytes()); // version needed
            out.extend_from_slice(&0u16.to_le_bytes()); // flags
            out.extend_from_slice(&0u16.to_le_bytes()); // stored
            out.extend_from_slice(&0u32.to_le_bytes()); // time, date
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        fixed(b"PK\x03\x04", &mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        directory.extend_from_slice(b"PK\x01\x02");
        directory.extend_from_slice(&20u16.to_le_bytes()); // version made by
        let mut rest = Vec::new();
        fixed(b"", &mut rest);
        directory.extend_from_slice(&rest);
        directory.extend_from_slice(&0u16.to_le_bytes()); // comment
        directory.extend_from_slice(&0u16.to_le_bytes()); // disk
        directory.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        directory.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
