//! Text `AndroidManifest.xml` → requested permissions.
//!
//! This module only reads the text: it hands each element to the rules shared with compiled
//! manifests ([`super::manifest`]), which decide what is a request. Attributes are matched by
//! namespace URI, never by prefix, because a manifest may bind the Android namespace to any
//! prefix and may bind `android:` to something else.
//!
//! Positions are those of each element's `<`. Comments, CDATA and processing instructions are
//! skipped by the XML reader; DTD entities are never expanded.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;

use super::InputError;
use super::budget::Budget;
pub use super::manifest::{ANDROID_NS, TOOLS_NS};
use super::manifest::{Dialect, Element, ManifestRules, PermissionAttrs};
use super::xml::{self, XmlText};
use crate::model::{InputKind, Location, ParsedInput};

/// Deeper nesting than this is not a real manifest; refusing it bounds memory on hostile input.
pub const MAX_DEPTH: usize = 256;

/// Parses a text manifest.
pub fn parse_manifest(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    parse_manifest_within(path, bytes, &Budget::default())
}

/// [`parse_manifest`], drawing on a run's `budget`.
pub fn parse_manifest_within(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<ParsedInput, InputError> {
    parse_source(path, bytes, budget).map(|(parsed, _)| parsed)
}

/// A source manifest as the manifest merger sees it: its literal `package` and its permission
/// elements with their `tools:` markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceManifest {
    /// `<manifest package="…">`, when literal.
    pub(crate) package: Option<String>,
    /// Permission elements that are direct children of `<manifest>`, in document order.
    pub(crate) elements: Vec<super::manifest::PermElement>,
}

/// [`parse_manifest_within`], also returning what the merger needs.
pub(crate) fn parse_source(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<(ParsedInput, SourceManifest), InputError> {
    let doc = XmlText::new(path, bytes)?;
    let mut reader = NsReader::from_str(doc.text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;

    let mut open: Vec<(std::borrow::Cow<'static, str>, u64)> = Vec::new();
    let mut seen_root = false;
    let mut rules = ManifestRules::new(Dialect::Source, budget);

    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| doc.syntax_error(reader.error_position(), &e))?;
        let (start, is_empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                open.pop();
                continue;
            }
            Event::Text(t) => {
                if open.is_empty() && !t.trim().is_empty() {
                    return Err(doc.error(offset, "text outside the <manifest> element"));
                }
                continue;
            }
            Event::Decl(d) => {
                xml::check_declaration(&doc, offset, &d)?;
                continue;
            }
            Event::Eof => break,
            // Comments, CDATA, processing instructions, DOCTYPE and entity references in text
            // carry nothing a manifest request can be made of.
            _ => continue,
        };

        let (ns, local) = reader.resolver().resolve_element(start.name());
        let local = element_name(local.as_ref());
        let unqualified = matches!(ns, ResolveResult::Unbound);

        if open.is_empty() {
            if seen_root {
                return Err(doc.error(
                    offset,
                    format!("a second root element <{local}>; a manifest has one <manifest>"),
                ));
            }
            seen_root = true;
            rules.set_package(root_package(&doc, offset, &start)?);
        }
        rules.element(
            Element {
                depth: open.len() + 1,
                unqualified,
                local: &local,
                location: &|| doc.location(offset),
            },
            || permission_attrs(&doc, &reader, offset, &start),
        )?;

        if !is_empty {
            if open.len() >= MAX_DEPTH {
                return Err(doc.error(
                    offset,
                    format!("elements nested deeper than {MAX_DEPTH} levels; not a real manifest"),
                ));
            }
            open.push((local, offset));
        }
    }

    if let Some((name, offset)) = open.last() {
        let opened = doc.location(*offset);
        return Err(InputError::invalid(
            Location::file(path),
            format!(
                "unexpected end of file: <{name}> opened at line {} is not closed (is the file \
                 truncated?)",
                opened.line.unwrap_or(0)
            ),
        ));
    }
    if !seen_root {
        return Err(InputError::invalid(
            Location::file(path),
            "no <manifest> element found",
        ));
    }

    let (package, elements) = rules.take_source();
    Ok((
        rules.finish(path, InputKind::Manifest),
        SourceManifest { package, elements },
    ))
}

/// An element's local name: the common manifest vocabulary without allocating (every element
/// of the file passes here), anything else as written.
fn element_name(name: &str) -> std::borrow::Cow<'static, str> {
    const ELEMENTS: &[&str] = &[
        "manifest",
        "application",
        "uses-permission",
        "uses-permission-sdk-23",
        "permission",
        "uses-feature",
        "uses-sdk",
        "activity",
        "activity-alias",
        "service",
        "receiver",
        "provider",
        "intent-filter",
        "action",
        "category",
        "data",
        "meta-data",
        "queries",
        "package",
        "intent",
        "property",
        "uses-library",
    ];
    ELEMENTS
        .iter()
        .find(|&&e| e == name)
        .map_or_else(|| name.to_owned().into(), |&e| e.into())
}

/// The `<manifest package="…">` attribute, if written.
fn root_package(
    doc: &XmlText<'_>,
    offset: u64,
    start: &BytesStart<'_>,
) -> Result<Option<String>, InputError> {
    for attr in start.attributes().with_checks(true) {
        let attr = attr.map_err(|e| doc.error(offset, format!("malformed attribute: {e}")))?;
        if attr.key.as_ref() == "package" {
            let text = xml::attribute_value(doc, offset, &attr.value, "package")?;
            return device_text(doc, offset, "package", &text).map(Some);
        }
    }
    Ok(None)
}

fn permission_attrs(
    doc: &XmlText<'_>,
    reader: &NsReader<&[u8]>,
    offset: u64,
    start: &BytesStart<'_>,
) -> Result<PermissionAttrs, InputError> {
    let mut attrs = PermissionAttrs::default();
    // Namespace well-formedness: no two attributes may have the same namespace and local name,
    // whatever their prefixes (`android:name` and `a:name` with both bound to the Android
    // namespace). expat, aapt2's parser, refuses such an element; keeping either value would
    // be a guess.
    let mut expanded: Vec<(String, String, String)> = Vec::new();
    for attr in start.attributes().with_checks(true) {
        let attr = attr.map_err(|e| doc.error(offset, format!("malformed attribute: {e}")))?;
        let (ns, local) = reader.resolver().resolve_attribute(attr.key);
        let qname = attr.key.as_ref().to_owned();
        if let ResolveResult::Bound(Namespace(uri)) = ns {
            if let Some((_, _, first)) = expanded
                .iter()
                .find(|(u, l, _)| u == uri && l == local.as_ref())
            {
                return Err(doc.error(
                    offset,
                    format!(
                        "attributes {first} and {qname} are the same attribute ({{{}}}{}) \
                         twice; XML namespaces forbid that and aapt2 refuses the manifest",
                        uri,
                        local.as_ref(),
                    ),
                ));
            }
            expanded.push((uri.to_owned(), local.as_ref().to_owned(), qname.clone()));
        }
        let (slot, processed) = match (ns, local.as_ref()) {
            (ResolveResult::Bound(Namespace(uri)), "name") if uri == ANDROID_NS => {
                (&mut attrs.name, true)
            }
            (ResolveResult::Bound(Namespace(uri)), "maxSdkVersion") if uri == ANDROID_NS => {
                (&mut attrs.max_sdk, false)
            }
            (ResolveResult::Bound(Namespace(uri)), "node") if uri == TOOLS_NS => {
                (&mut attrs.tools_node, false)
            }
            (ResolveResult::Bound(Namespace(uri)), "selector") if uri == TOOLS_NS => {
                (&mut attrs.tools_selector, false)
            }
            (ResolveResult::Bound(Namespace(uri)), "remove") if uri == TOOLS_NS => {
                (&mut attrs.tools_remove, false)
            }
            _ => continue,
        };
        let text = xml::attribute_value(doc, offset, &attr.value, &qname)?;
        if processed {
            attrs.name_span = doc.span_of(attr.value.as_bytes());
        }
        *slot = Some(if processed {
            device_text(doc, offset, &qname, &text)?
        } else {
            text
        });
    }
    Ok(attrs)
}

/// The text the device reads for an attribute aapt2 flattens as a plain string (see
/// [`super::aapt_string`]).
fn device_text(
    doc: &XmlText<'_>,
    offset: u64,
    attribute: &str,
    text: &str,
) -> Result<String, InputError> {
    super::aapt_string::process(text)
        .map_err(|why| doc.error(offset, format!("attribute {attribute}: {why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(input: &ParsedInput) -> Vec<(&str, u32, u32)> {
        input
            .requests
            .iter()
            .map(|r| {
                (
                    r.permission.as_str(),
                    r.location.line.unwrap_or(0),
                    r.location.column.unwrap_or(0),
                )
            })
            .collect()
    }

    #[test]
    fn direct_children_only_with_exact_positions() {
        let text = "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n  \
                    <uses-permission android:name=\"android.permission.CAMERA\"/>\n  \
                    <application>\n    <uses-permission android:name=\"X\"/>\n  </application>\n\
                    \t<uses-permission-sdk-23 android:name=\"android.permission.VIBRATE\" \
                    android:maxSdkVersion=\"30\"/>\n</manifest>\n";
        let parsed = parse_manifest("m.xml", text.as_bytes()).unwrap();
        assert_eq!(
            names(&parsed),
            vec![
                ("android.permission.CAMERA", 2, 3),
                ("android.permission.VIBRATE", 6, 2)
            ]
        );
        assert!(parsed.requests[1].sdk23_only);
        assert_eq!(parsed.requests[1].max_sdk.as_deref(), Some("30"));
    }

    #[test]
    fn namespace_by_uri_not_prefix() {
        let text = "<manifest xmlns:a=\"http://schemas.android.com/apk/res/android\">\
                    <uses-permission a:name=\"P1\"/></manifest>";
        let parsed = parse_manifest("m.xml", text.as_bytes()).unwrap();
        assert_eq!(names(&parsed), vec![("P1", 1, 64)]);

        let wrong = "<manifest xmlns:android=\"urn:other\">\
                     <uses-permission android:name=\"P1\"/></manifest>";
        let err = parse_manifest("m.xml", wrong.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("has no android:name"), "{err}");
    }

    #[test]
    fn bom_and_crlf_do_not_shift_positions() {
        let text = "\u{feff}<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\r\n\
                    <uses-permission android:name=\"A\"/>\r\n</manifest>\r\n";
        let parsed = parse_manifest("m.xml", text.as_bytes()).unwrap();
        assert_eq!(names(&parsed), vec![("A", 2, 1)]);
    }

    #[test]
    fn removals_and_own_permissions() {
        let text = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android"
  xmlns:t="http://schemas.android.com/tools" package="org.example.app">
  <permission android:name="${applicationId}.permission.C2D"/>
  <permission android:name="${packageName}.SECRETS"/>
  <permission-tree android:name="com.example.tree"/>
  <uses-permission android:name="${applicationId}.permission.C2D"/>
  <uses-permission android:name="com.example.tree.DYN"/>
  <uses-permission android:name="com.example.treeX"/>
  <uses-permission android:name="org.example.app.SECRETS"/>
  <uses-permission android:name="org.example.other.SECRETS"/>
  <uses-permission android:name="android.permission.SEND_SMS" t:node="remove"/>
  <!-- <uses-permission android:name="android.permission.READ_SMS"/> -->
</manifest>"#;
        let parsed = parse_manifest("m.xml", text.as_bytes()).unwrap();
        let own: Vec<_> = parsed.requests.iter().map(|r| r.own).collect();
        assert_eq!(own, vec![true, true, false, true, false]);
        assert_eq!(parsed.removals.len(), 1);
        assert_eq!(
            parsed.removals[0].permission.as_deref(),
            Some("android.permission.SEND_SMS")
        );
    }

    #[test]
    fn truncated_and_wrong_root_fail() {
        let err = parse_manifest("m.xml", b"<manifest><application>").unwrap_err();
        assert!(err.to_string().contains("not closed"), "{err}");
        let err = parse_manifest("m.xml", b"<plist/>").unwrap_err();
        assert!(
            err.to_string()
                .contains("expected the root element <manifest>")
        );
        let err = parse_manifest("m.xml", b"<manifest><a></b></manifest>").unwrap_err();
        assert!(err.to_string().starts_with("m.xml:1:"), "{err}");
    }

    #[test]
    fn entities_are_never_expanded() {
        let text = r#"<!DOCTYPE manifest [<!ENTITY e "android.permission.CAMERA">]>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
<uses-permission android:name="&e;"/></manifest>"#;
        let err = parse_manifest("m.xml", text.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("never expands"), "{err}");
        let ok = "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\
                  <uses-permission android:name=\"a&amp;b&#x41;\"/></manifest>";
        let parsed = parse_manifest("m.xml", ok.as_bytes()).unwrap();
        assert_eq!(parsed.requests[0].permission, "a&bA");
    }
}
