//! A small element tree with positions, for the XML project files whose meaning depends on
//! nesting (Cordova's `config.xml` and `plugin.xml`, uni-app's `<uses-permission>` strings):
//! every element keeps its qualified name, its attributes (unescaped) and where it starts.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::InputError;
use super::xml::{self, XmlText};
use crate::model::Location;

/// Deepest nesting accepted.
const MAX_DEPTH: usize = 64;
/// Most elements in one file: real configs have hundreds.
const MAX_ELEMENTS: usize = 200_000;

/// One element.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// Qualified name as written (`config-file`, `android:foo`).
    pub(crate) name: String,
    /// Attributes, qualified names as written, values unescaped.
    pub(crate) attrs: Vec<(String, String)>,
    /// Where its `<` is.
    pub(crate) location: Location,
    /// Indexes of its child elements in [`Tree::elements`].
    pub(crate) children: Vec<usize>,
    /// Its text content (text and CDATA directly inside it), unescaped.
    pub(crate) text: String,
}

impl Element {
    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The local part of the name.
    pub(crate) fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }
}

/// A parsed document: element 0 is the root.
#[derive(Debug)]
pub(crate) struct Tree {
    pub(crate) elements: Vec<Element>,
}

impl Tree {
    /// Parses `bytes` (UTF-8, BOM allowed) shown as `path`.
    pub(crate) fn parse(path: &str, bytes: &[u8]) -> Result<Self, InputError> {
        Self::parse_at(path, bytes, None)
    }

    /// [`Tree::parse`], placing every location at `at` (for a fragment embedded in another
    /// file, such as a string of a JSON config).
    pub(crate) fn parse_at(
        path: &str,
        bytes: &[u8],
        at: Option<&Location>,
    ) -> Result<Self, InputError> {
        let doc = XmlText::new(path, bytes)?;
        let mut reader = Reader::from_str(doc.text);
        let config = reader.config_mut();
        config.check_end_names = true;
        let locate = |offset: u64| at.cloned().unwrap_or_else(|| doc.location(offset));
        let fail = |offset: u64, message: String| match at {
            Some(at) => InputError::invalid(at.clone(), message),
            None => doc.error(offset, message),
        };
        let mut elements: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        loop {
            let offset = reader.buffer_position();
            let event = reader.read_event().map_err(|e| match at {
                Some(at) => InputError::invalid(at.clone(), format!("not well-formed XML: {e}")),
                None => doc.syntax_error(reader.error_position(), &e),
            })?;
            let (start, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    open.pop();
                    continue;
                }
                Event::Text(t) => {
                    if let Some(&i) = open.last() {
                        elements[i].text.push_str(&t);
                    }
                    continue;
                }
                Event::CData(c) => {
                    if let Some(&i) = open.last() {
                        elements[i].text.push_str(&c);
                    }
                    continue;
                }
                Event::GeneralRef(r) => {
                    let name: &str = &r;
                    let Some(c) = xml::resolve_reference(name) else {
                        return Err(fail(offset, xml::unexpanded_entity_message(name)));
                    };
                    if let Some(&i) = open.last() {
                        elements[i].text.push(c);
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if open.is_empty() && !elements.is_empty() {
                return Err(fail(offset, "a second root element".to_owned()));
            }
            if elements.len() >= MAX_ELEMENTS || open.len() >= MAX_DEPTH {
                return Err(fail(
                    offset,
                    format!(
                        "more than {MAX_ELEMENTS} elements or {MAX_DEPTH} levels of nesting; not \
                         a real project file"
                    ),
                ));
            }
            let qname = start.name();
            let name: &str = qname.as_ref();
            let mut attrs = Vec::new();
            for attr in start.attributes() {
                let attr = attr.map_err(|e| fail(offset, format!("malformed attribute: {e}")))?;
                let key = attr.key.as_ref().to_owned();
                let raw: String = attr.value.to_string();
                let value = match at {
                    Some(_) => xml::attribute_value(&doc, offset, &raw, &key)
                        .map_err(|e| fail(offset, e.to_string()))?,
                    None => xml::attribute_value(&doc, offset, &raw, &key)?,
                };
                attrs.push((key, value));
            }
            let index = elements.len();
            elements.push(Element {
                name: name.to_owned(),
                attrs,
                location: locate(offset),
                children: Vec::new(),
                text: String::new(),
            });
            if let Some(&parent) = open.last() {
                elements[parent].children.push(index);
            }
            if !empty {
                open.push(index);
            }
        }
        if let Some(&i) = open.last() {
            return Err(match at {
                Some(at) => InputError::invalid(
                    at.clone(),
                    format!("<{}> is never closed", elements[i].name),
                ),
                None => InputError::invalid(
                    elements[i].location.clone(),
                    format!("<{}> is never closed", elements[i].name),
                ),
            });
        }
        if elements.is_empty() {
            return Err(match at {
                Some(at) => InputError::invalid(at.clone(), "no XML element"),
                None => InputError::invalid(Location::file(path), "no XML element"),
            });
        }
        Ok(Tree { elements })
    }

    /// The root element.
    pub(crate) fn root(&self) -> &Element {
        &self.elements[0]
    }

    /// The children of `element`.
    pub(crate) fn children<'t>(
        &'t self,
        element: &'t Element,
    ) -> impl Iterator<Item = &'t Element> + 't {
        element
            .children
            .iter()
            .filter_map(|&i| self.elements.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_with_positions() {
        let tree = Tree::parse("c.xml", b"<a x=\"1&amp;2\">\n  <b>t&lt;</b><c/>\n</a>").unwrap();
        let root = tree.root();
        assert_eq!(root.attr("x"), Some("1&2"));
        let kids: Vec<_> = tree.children(root).collect();
        assert_eq!(kids[0].text, "t<");
        assert_eq!(kids[1].location.to_string(), "c.xml:2:15");
        assert!(Tree::parse("c.xml", b"<a><b></a>").is_err());
        assert!(Tree::parse("c.xml", b"<a>").is_err());
        assert!(Tree::parse("c.xml", b"").is_err());
        let deep = "<a>".repeat(1000);
        assert!(Tree::parse("c.xml", deep.as_bytes()).is_err());
    }
}
