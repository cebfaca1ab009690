//! App Bundle module manifests (aapt2's protobuf `XmlNode`) → requested permissions.
//!
//! An `.aab` keeps each module's manifest at `<module>/manifest/AndroidManifest.xml` as an
//! `aapt.pb.XmlNode`, not as binary AXML. The messages below are a hand-declared subset of
//! aapt2's `Resources.proto` (field numbers as in that file); prost skips every field not
//! declared, so newer aapt2 output still decodes.
//!
//! aapt2 keeps each attribute's source text in `value` and, when it compiled the value, the
//! typed form in `compiled_item`; the text is preferred (it is what the developer wrote and what
//! `aapt2 dump` prints), the typed integer is the fallback. Like binary AXML, attributes are
//! identified by resource id first (`android:name` = 0x01010003), then by namespace and name.
//!
//! Nesting: prost's recursion limit (100 messages) bounds decoding, so a nesting bomb is a
//! decode error, never a stack overflow; the walk itself only visits the root and its children.

use prost::Message;

use super::InputError;
use super::manifest::{ANDROID_NS, Dialect, Element, ManifestRules, PermissionAttrs, TOOLS_NS};
use crate::model::{InputKind, Location, ParsedInput};

const ATTR_NAME: u32 = 0x0101_0003;
const ATTR_MAX_SDK_VERSION: u32 = 0x0101_0271;

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

/// `aapt.pb.Item`, only the primitive arm (`Primitive prim = 7`).
#[derive(Clone, PartialEq, Message)]
pub struct Item {
    /// `Primitive prim = 7`
    #[prost(message, optional, tag = "7")]
    pub prim: Option<Primitive>,
}

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
    let root = XmlNode::decode(bytes).map_err(|e| {
        let message = if e.to_string().contains("recursion limit") {
            "the protobuf manifest nests more than 100 messages deep (the nesting limit); not a \
             real manifest"
                .to_owned()
        } else {
            format!("not an aapt2 protobuf manifest (XmlNode): {e}")
        };
        InputError::invalid(Location::file(path), message)
    })?;
    let Some(xml_node::Node::Element(_)) = &root.node else {
        return Err(InputError::invalid(
            Location::file(path),
            "the protobuf manifest has no root element",
        ));
    };
    let mut rules = ManifestRules::new(Dialect::Compiled);
    // Depth-first, document order, with an explicit stack (no recursion on hostile depth).
    let mut stack: Vec<(&XmlNode, usize)> = vec![(&root, 1)];
    while let Some((node, depth)) = stack.pop() {
        let Some(xml_node::Node::Element(element)) = &node.node else {
            continue;
        };
        let location = location(path, node.source.as_ref());
        rules.element(
            Element {
                depth,
                unqualified: element.namespace_uri.is_empty(),
                local: &element.name,
                location,
            },
            || Ok(permission_attrs(element)),
        )?;
        // Only the root's children can be requests: deeper subtrees need no visit.
        if depth == 1 {
            stack.extend(element.child.iter().rev().map(|c| (c, depth + 1)));
        }
    }
    Ok(rules.finish(path, InputKind::Aab))
}

fn location(path: &str, source: Option<&SourcePosition>) -> Location {
    Location {
        path: path.to_owned(),
        line: source.map(|s| s.line_number).filter(|&l| l > 0),
        column: None,
    }
}

fn permission_attrs(element: &XmlElement) -> PermissionAttrs {
    let find = |id: u32, local: &str| {
        element
            .attribute
            .iter()
            .find(|a| a.resource_id == id)
            .or_else(|| {
                element.attribute.iter().find(|a| {
                    a.resource_id == 0 && a.namespace_uri == ANDROID_NS && a.name == local
                })
            })
            .map(attribute_text)
    };
    PermissionAttrs {
        name: find(ATTR_NAME, "name"),
        max_sdk: find(ATTR_MAX_SDK_VERSION, "maxSdkVersion"),
        tools_node: element
            .attribute
            .iter()
            .find(|a| a.namespace_uri == TOOLS_NS && a.name == "node")
            .map(attribute_text),
    }
}

fn attribute_text(attr: &XmlAttribute) -> String {
    if !attr.value.is_empty() {
        return attr.value.clone();
    }
    match attr.compiled_item.as_ref().and_then(|i| i.prim.as_ref()) {
        Some(Primitive {
            int_decimal_value: Some(n),
            ..
        }) => n.to_string(),
        Some(Primitive {
            int_hexadecimal_value: Some(n),
            ..
        }) => (*n as i32).to_string(),
        _ => String::new(),
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
