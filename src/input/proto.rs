//! App Bundle module manifests (aapt2's protobuf `XmlNode`) → requested permissions.
//!
//! An `.aab` keeps each module's manifest at `<module>/manifest/AndroidManifest.xml` as an
//! `aapt.pb.XmlNode`, not as binary AXML. The messages below are a hand-declared subset of
//! aapt2's `Resources.proto` (field numbers as in that file); fields not declared are skipped,
//! so newer aapt2 output still decodes.
//!
//! What the device reads: bundletool turns a module into an APK with `aapt2 convert`, whose
//! `XmlFlattener` writes an attribute's `compiled_item` when there is one — a compiled `String`
//! becomes the string the device reads, whatever the `value` text says — and otherwise the
//! `value` text after aapt2's escape processing ([`super::aapt_string`]). So the compiled item
//! comes first here too. A permission name compiled as anything but a string (a reference, a
//! number) is no name Android reads: it is refused (exit 2) rather than guessed. Like binary
//! AXML, attributes are identified by resource id first (`android:name` = 0x01010003), then by
//! namespace and name.
//!
//! The tree is walked over the wire bytes, never decoded into a DOM: memory is proportional to
//! what is kept (the requests) and to the nesting depth, not to the number of nodes. Each node
//! is still checked the way a full decode would check it (wire structure, UTF-8 strings,
//! attributes), singular fields written twice are refused (aapt2 never writes them; protobuf
//! would merge them), and every node is drawn from the run's node budget. Elements nest at
//! most 50 deep (100 messages, the nesting limit prost applied before).

use prost::Message;

use super::InputError;
use super::budget::Budget;
use super::manifest::{
    ANDROID_NS, Dialect, Element, ManifestRules, PermissionAttrs, TOOLS_NS, is_permission_element,
};
use crate::model::{InputKind, Location, ParsedInput};

const ATTR_NAME: u32 = 0x0101_0003;
const ATTR_MAX_SDK_VERSION: u32 = 0x0101_0271;

/// Deepest element nesting walked: 50 elements are 100 `XmlNode`/`XmlElement` messages.
pub const MAX_DEPTH: usize = 50;

/// `aapt.pb.XmlNode`: an element or a text node.
#[derive(Clone, PartialEq, Message)]
pub struct XmlNode {
    /// `oneof node { XmlElement element = 1; string text = 2; }`
    #[prost(oneof = "xml_node::Node", tags = "1, 2")]
    pub node: Option<xml_node::Node>,
    /// `SourcePosition source = 3`
    #[prost(message, optional, tag = "3")]
    pub source: Option<SourcePosition>,
}

/// The `node` oneof of [`XmlNode`].
pub mod xml_node {
    /// An element or text.
    #[derive(Clone, PartialEq, prost::Oneof)]
    pub enum Node {
        /// `XmlElement element = 1`
        #[prost(message, tag = "1")]
        Element(super::XmlElement),
        /// `string text = 2`
        #[prost(string, tag = "2")]
        Text(String),
    }
}

/// `aapt.pb.XmlElement`.
#[derive(Clone, PartialEq, Message)]
pub struct XmlElement {
    /// `string namespace_uri = 2`
    #[prost(string, tag = "2")]
    pub namespace_uri: String,
    /// `string name = 3`
    #[prost(string, tag = "3")]
    pub name: String,
    /// `repeated XmlAttribute attribute = 4`
    #[prost(message, repeated, tag = "4")]
    pub attribute: Vec<XmlAttribute>,
    /// `repeated XmlNode child = 5`
    #[prost(message, repeated, tag = "5")]
    pub child: Vec<XmlNode>,
}

/// `aapt.pb.XmlNamespace` (`XmlElement.namespace_declaration = 1`), decoded only to check it.
#[derive(Clone, PartialEq, Message)]
pub struct XmlNamespace {
    /// `string prefix = 1`
    #[prost(string, tag = "1")]
    pub prefix: String,
    /// `string uri = 2`
    #[prost(string, tag = "2")]
    pub uri: String,
}

/// `aapt.pb.XmlAttribute`.
#[derive(Clone, PartialEq, Message)]
pub struct XmlAttribute {
    /// `string namespace_uri = 1`
    #[prost(string, tag = "1")]
    pub namespace_uri: String,
    /// `string name = 2`
    #[prost(string, tag = "2")]
    pub name: String,
    /// `string value = 3`: the source text.
    #[prost(string, tag = "3")]
    pub value: String,
    /// `uint32 resource_id = 5`
    #[prost(uint32, tag = "5")]
    pub resource_id: u32,
    /// `Item compiled_item = 6`
    #[prost(message, optional, tag = "6")]
    pub compiled_item: Option<Item>,
}

/// `aapt.pb.SourcePosition`.
#[derive(Clone, PartialEq, Message)]
pub struct SourcePosition {
    /// `uint32 line_number = 1`
    #[prost(uint32, tag = "1")]
    pub line_number: u32,
    /// `uint32 column_number = 2`
    #[prost(uint32, tag = "2")]
    pub column_number: u32,
}

/// `aapt.pb.Item`: which arm of its `value` oneof is set. Only a string's text and a
/// primitive's integers are read; the other arms only need to be told apart.
#[derive(Clone, PartialEq, Message)]
pub struct Item {
    /// `Reference ref = 1`
    #[prost(message, optional, tag = "1")]
    pub reference: Option<Opaque>,
    /// `String str = 2`
    #[prost(message, optional, tag = "2")]
    pub str: Option<ProtoString>,
    /// `RawString raw_str = 3`
    #[prost(message, optional, tag = "3")]
    pub raw_str: Option<Opaque>,
    /// `StyledString styled_str = 4`
    #[prost(message, optional, tag = "4")]
    pub styled_str: Option<Opaque>,
    /// `FileReference file = 5`
    #[prost(message, optional, tag = "5")]
    pub file: Option<Opaque>,
    /// `Id id = 6`
    #[prost(message, optional, tag = "6")]
    pub id: Option<Opaque>,
    /// `Primitive prim = 7`
    #[prost(message, optional, tag = "7")]
    pub prim: Option<Primitive>,
}

/// `aapt.pb.String`.
#[derive(Clone, PartialEq, Message)]
pub struct ProtoString {
    /// `string value = 1`
    #[prost(string, tag = "1")]
    pub value: String,
}

/// A message whose content is not read (its fields are skipped).
#[derive(Clone, PartialEq, Message)]
pub struct Opaque {}

/// `aapt.pb.Primitive`, only the integer arms.
#[derive(Clone, PartialEq, Message)]
pub struct Primitive {
    /// `int32 int_decimal_value = 6`
    #[prost(int32, optional, tag = "6")]
    pub int_decimal_value: Option<i32>,
    /// `uint32 int_hexadecimal_value = 7`
    #[prost(uint32, optional, tag = "7")]
    pub int_hexadecimal_value: Option<u32>,
}

/// Decodes a module manifest and applies the manifest rules. `path` names it in locations
/// (e.g. `app.aab!/base/manifest/AndroidManifest.xml`); lines are aapt2's source positions.
pub fn parse_proto_manifest(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    parse_proto_manifest_within(path, bytes, &Budget::default())
}

/// [`parse_proto_manifest`], drawing on a run's `budget`.
pub fn parse_proto_manifest_within(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<ParsedInput, InputError> {
    let file = || Location::file(path);
    let invalid = |message: String| {
        InputError::invalid(
            file(),
            format!("not an aapt2 protobuf manifest (XmlNode): {message}"),
        )
    };
    let root = node(bytes).map_err(invalid)?;
    let Some(root_element) = root.element else {
        return Err(InputError::invalid(
            file(),
            "the protobuf manifest has no root element",
        ));
    };
    let mut rules = ManifestRules::new(Dialect::Compiled, budget);
    let at = location(path, root.line);
    budget.nodes(1, &at)?;
    let head = element(root_element).map_err(invalid)?;
    rules.element(
        Element {
            depth: 1,
            unqualified: head.namespace_uri.is_empty(),
            local: head.name,
            location: &|| at.clone(),
        },
        || Ok(PermissionAttrs::default()),
    )?;
    // The root's children in document order; only they can be requests, and each one's subtree
    // is walked (checked and counted) before the next child, with an explicit stack.
    let mut fields = root_element;
    while let Some((tag, value)) = next_field(&mut fields).map_err(invalid)? {
        let (5, Wire::Len(child)) = (tag, value) else {
            continue;
        };
        let child = node(child).map_err(invalid)?;
        let at = location(path, child.line);
        budget.nodes(1, &at)?;
        let Some(child_element) = child.element else {
            continue;
        };
        let head = element(child_element).map_err(invalid)?;
        rules.element(
            Element {
                depth: 2,
                unqualified: head.namespace_uri.is_empty(),
                local: head.name,
                location: &|| at.clone(),
            },
            || {
                if is_permission_element(head.name) {
                    permission_attrs(child_element)
                        .map_err(|why| InputError::invalid(at.clone(), why))
                } else {
                    Ok(PermissionAttrs::default())
                }
            },
        )?;
        check_subtree(path, child_element, budget).map_err(|e| match e {
            Walk::Budget(e) => e,
            Walk::Invalid(m) => invalid(m),
        })?;
    }
    Ok(rules.finish(path, InputKind::Aab))
}

enum Walk {
    Budget(InputError),
    Invalid(String),
}

impl From<String> for Walk {
    fn from(message: String) -> Self {
        Walk::Invalid(message)
    }
}

/// Walks the descendants of the depth-2 element `fields`, checking and counting every node.
fn check_subtree(path: &str, fields: &[u8], budget: &Budget) -> Result<(), Walk> {
    let mut stack: Vec<(&[u8], usize)> = vec![(fields, 2)];
    while let Some((rest, depth)) = stack.last_mut() {
        let depth = *depth;
        let Some((tag, value)) = next_field(rest)? else {
            stack.pop();
            continue;
        };
        let (5, Wire::Len(child)) = (tag, value) else {
            continue;
        };
        let child = node(child)?;
        budget
            .nodes(1, &location(path, child.line))
            .map_err(Walk::Budget)?;
        if let Some(child_element) = child.element {
            if depth + 1 > MAX_DEPTH {
                return Err(Walk::Invalid(format!(
                    "the protobuf manifest nests more than 100 messages ({MAX_DEPTH} elements) \
                     deep (the nesting limit); not a real manifest"
                )));
            }
            element(child_element)?;
            stack.push((child_element, depth + 1));
        }
    }
    Ok(())
}

/// One field's value on the wire.
#[derive(Debug, Clone, Copy)]
enum Wire<'a> {
    Varint,
    Len(&'a [u8]),
    Fixed,
}

fn varint(buf: &mut &[u8]) -> Result<u64, String> {
    let mut value = 0u64;
    for i in 0..10 {
        let Some((&byte, rest)) = buf.split_first() else {
            return Err("truncated varint".to_owned());
        };
        *buf = rest;
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("varint longer than 10 bytes".to_owned())
}

/// The next `(field number, value)` of a message, or `None` at its end.
fn next_field<'a>(buf: &mut &'a [u8]) -> Result<Option<(u32, Wire<'a>)>, String> {
    if buf.is_empty() {
        return Ok(None);
    }
    let key = varint(buf)?;
    let tag =
        u32::try_from(key >> 3).map_err(|_| format!("field number {} too large", key >> 3))?;
    if tag == 0 {
        return Err("field number 0".to_owned());
    }
    let take = |buf: &mut &'a [u8], n: usize| -> Result<&'a [u8], String> {
        if buf.len() < n {
            return Err(format!("field {tag} is truncated"));
        }
        let (value, rest) = buf.split_at(n);
        *buf = rest;
        Ok(value)
    };
    let value = match key & 7 {
        0 => {
            varint(buf)?;
            Wire::Varint
        }
        1 => {
            take(buf, 8)?;
            Wire::Fixed
        }
        2 => {
            let len = usize::try_from(varint(buf)?).unwrap_or(usize::MAX);
            Wire::Len(take(buf, len)?)
        }
        5 => {
            take(buf, 4)?;
            Wire::Fixed
        }
        other => {
            return Err(format!(
                "field {tag} has wire type {other}, which aapt2 never writes"
            ));
        }
    };
    Ok(Some((tag, value)))
}

/// An `XmlNode`'s element bytes and line.
struct NodeView<'a> {
    element: Option<&'a [u8]>,
    line: Option<u32>,
}

fn node(bytes: &[u8]) -> Result<NodeView<'_>, String> {
    let mut view = NodeView {
        element: None,
        line: None,
    };
    let mut seen_node = false;
    let mut seen_source = false;
    let mut buf = bytes;
    while let Some((tag, value)) = next_field(&mut buf)? {
        match (tag, value) {
            (1 | 2, Wire::Len(body)) => {
                if std::mem::replace(&mut seen_node, true) {
                    return Err("an XmlNode sets its element or text twice".to_owned());
                }
                if tag == 1 {
                    view.element = Some(body);
                } else {
                    utf8(body, "text")?;
                }
            }
            (3, Wire::Len(body)) => {
                if std::mem::replace(&mut seen_source, true) {
                    return Err("an XmlNode has two source positions".to_owned());
                }
                let source = SourcePosition::decode(body).map_err(|e| e.to_string())?;
                view.line = Some(source.line_number).filter(|&l| l > 0);
            }
            (1..=3, _) => return Err(format!("XmlNode field {tag} has the wrong wire type")),
            _ => {}
        }
    }
    Ok(view)
}

/// An `XmlElement`'s namespace and name, with every field but its children checked.
struct ElementHead<'a> {
    namespace_uri: &'a str,
    name: &'a str,
}

fn element(bytes: &[u8]) -> Result<ElementHead<'_>, String> {
    let mut head = ElementHead {
        namespace_uri: "",
        name: "",
    };
    let (mut seen_ns, mut seen_name) = (false, false);
    let mut buf = bytes;
    while let Some((tag, value)) = next_field(&mut buf)? {
        match (tag, value) {
            (1, Wire::Len(body)) => {
                XmlNamespace::decode(body).map_err(|e| e.to_string())?;
            }
            (2, Wire::Len(body)) => {
                if std::mem::replace(&mut seen_ns, true) {
                    return Err("an XmlElement has two namespace URIs".to_owned());
                }
                head.namespace_uri = utf8(body, "namespace_uri")?;
            }
            (3, Wire::Len(body)) => {
                if std::mem::replace(&mut seen_name, true) {
                    return Err("an XmlElement has two names".to_owned());
                }
                head.name = utf8(body, "name")?;
            }
            (4, Wire::Len(body)) => {
                XmlAttribute::decode(body).map_err(|e| e.to_string())?;
            }
            (5, Wire::Len(_)) => {}
            (1..=5, _) => return Err(format!("XmlElement field {tag} has the wrong wire type")),
            _ => {}
        }
    }
    Ok(head)
}

fn utf8<'a>(bytes: &'a [u8], field: &str) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|_| format!("{field} is not valid UTF-8"))
}

fn location(path: &str, line: Option<u32>) -> Location {
    Location {
        path: path.to_owned(),
        line,
        column: None,
        span: None,
    }
}

fn permission_attrs(fields: &[u8]) -> Result<PermissionAttrs, String> {
    let mut attributes = Vec::new();
    let mut buf = fields;
    while let Some((tag, value)) = next_field(&mut buf)? {
        if let (4, Wire::Len(body)) = (tag, value) {
            attributes.push(XmlAttribute::decode(body).map_err(|e| e.to_string())?);
        }
    }
    let find = |id: u32, local: &str| {
        attributes.iter().find(|a| a.resource_id == id).or_else(|| {
            attributes
                .iter()
                .find(|a| a.resource_id == 0 && a.namespace_uri == ANDROID_NS && a.name == local)
        })
    };
    Ok(PermissionAttrs {
        name: find(ATTR_NAME, "name").map(name_text).transpose()?,
        max_sdk: find(ATTR_MAX_SDK_VERSION, "maxSdkVersion").map(number_text),
        tools_node: attributes
            .iter()
            .find(|a| a.namespace_uri == TOOLS_NS && a.name == "node")
            .map(|a| a.value.clone()),
        ..PermissionAttrs::default()
    })
}

/// The name the device reads from a `name` attribute (see the module docs).
fn name_text(attr: &XmlAttribute) -> Result<String, String> {
    let Some(item) = &attr.compiled_item else {
        return super::aapt_string::process(&attr.value)
            .map_err(|why| format!("attribute android:name: {why}"));
    };
    if let Some(s) = &item.str {
        return Ok(s.value.clone());
    }
    let kind = if item.reference.is_some() {
        "a resource reference"
    } else if item.raw_str.is_some() || item.styled_str.is_some() {
        "a raw or styled string (which aapt2 cannot flatten into a manifest)"
    } else if item.prim.is_some() {
        "a number or other primitive"
    } else if item.file.is_some() || item.id.is_some() {
        "a file or id reference"
    } else {
        "an empty item"
    };
    Err(format!(
        "attribute android:name is compiled as {kind}, not a string; Android reads no \
         permission name from it (source text: `{}`)",
        attr.value
    ))
}

/// `maxSdkVersion`: the compiled integer the device reads, else the text.
fn number_text(attr: &XmlAttribute) -> String {
    let compiled = attr.compiled_item.as_ref();
    match compiled.and_then(|i| i.prim.as_ref()) {
        Some(Primitive {
            int_decimal_value: Some(n),
            ..
        }) => n.to_string(),
        Some(Primitive {
            int_hexadecimal_value: Some(n),
            ..
        }) => (*n as i32).to_string(),
        _ => match compiled.and_then(|i| i.str.as_ref()) {
            Some(s) => s.value.clone(),
            None => attr.value.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::input::testing::proto_element as element;

    fn attr(name: &str, id: u32, value: &str) -> XmlAttribute {
        XmlAttribute {
            namespace_uri: ANDROID_NS.to_owned(),
            name: name.to_owned(),
            value: value.to_owned(),
            resource_id: id,
            compiled_item: None,
        }
    }

    #[test]
    fn requests_with_lines_and_compiled_max_sdk() {
        let mut max = attr("maxSdkVersion", ATTR_MAX_SDK_VERSION, "");
        max.compiled_item = Some(Item {
            prim: Some(Primitive {
                int_decimal_value: Some(28),
                int_hexadecimal_value: None,
            }),
            ..Default::default()
        });
        let root = element(
            "manifest",
            vec![],
            vec![
                element(
                    "uses-permission",
                    vec![attr("name", ATTR_NAME, "A"), max],
                    vec![],
                    3,
                ),
                element(
                    "uses-permission-sdk-23",
                    vec![attr("name", ATTR_NAME, "B")],
                    vec![],
                    4,
                ),
                element(
                    "application",
                    vec![],
                    vec![element(
                        "uses-permission",
                        vec![attr("name", ATTR_NAME, "C")],
                        vec![],
                        6,
                    )],
                    5,
                ),
            ],
            1,
        );
        let parsed = parse_proto_manifest("x", &root.encode_to_vec()).unwrap();
        let got: Vec<_> = parsed
            .requests
            .iter()
            .map(|r| {
                (
                    r.permission.as_str(),
                    r.location.line,
                    r.max_sdk.as_deref(),
                    r.sdk23_only,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("A", Some(3), Some("28"), false),
                ("B", Some(4), None, true)
            ]
        );
    }

    #[test]
    fn the_compiled_string_is_what_the_device_reads() {
        let compiled = |value: &str, item: Item| {
            let mut a = attr("name", ATTR_NAME, value);
            a.compiled_item = Some(item);
            let root = element(
                "manifest",
                vec![],
                vec![element("uses-permission", vec![a], vec![], 2)],
                1,
            );
            parse_proto_manifest("x", &root.encode_to_vec())
        };
        let string = |s: &str| Item {
            str: Some(ProtoString {
                value: s.to_owned(),
            }),
            ..Default::default()
        };
        for text in ["android.permission.INTERNET", ""] {
            let parsed = compiled(text, string("android.permission.READ_SMS")).unwrap();
            assert_eq!(parsed.requests[0].permission, "android.permission.READ_SMS");
        }
        let reference = Item {
            reference: Some(Opaque {}),
            ..Default::default()
        };
        let err = compiled("@string/p", reference).unwrap_err().to_string();
        assert!(err.contains("a resource reference"), "{err}");
        // Without a compiled item, the text after aapt2's escape processing.
        let root = element(
            "manifest",
            vec![],
            vec![element(
                "uses-permission",
                vec![attr("name", ATTR_NAME, "android.permission.READ\\u005fSMS")],
                vec![],
                2,
            )],
            1,
        );
        let parsed = parse_proto_manifest("x", &root.encode_to_vec()).unwrap();
        assert_eq!(parsed.requests[0].permission, "android.permission.READ_SMS");
    }

    #[test]
    fn the_node_budget_bounds_a_dense_module() {
        let children = (0..50)
            .map(|i| element("meta-data", vec![], vec![], i + 2))
            .collect();
        let root = element("manifest", vec![], children, 1).encode_to_vec();
        let small = Budget::new(crate::input::budget::BudgetLimits {
            max_nodes: 10,
            ..crate::input::budget::BUDGET
        });
        let err = parse_proto_manifest_within("x", &root, &small)
            .unwrap_err()
            .to_string();
        assert!(err.contains("max-nodes = 10"), "{err}");
    }

    #[test]
    fn garbage_and_deep_nesting_are_errors() {
        assert!(parse_proto_manifest("x", b"\xff\xff\xff").is_err());
        assert!(parse_proto_manifest("x", b"").is_err());
        let mut node = element("x", vec![], vec![], 1);
        for _ in 0..150 {
            node = element("x", vec![], vec![node], 1);
        }
        // prost refuses this before we walk it; either way an error, never a crash.
        let err = parse_proto_manifest("x", &node.encode_to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("x"), "{err}");
    }
}
