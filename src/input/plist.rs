//! `Info.plist` (XML or binary) → requested privacy purpose strings.
//!
//! A request is a top-level key ending in `UsageDescription` (Apple's `NS…UsageDescription`
//! keys and the few without the `NS` prefix, such as `NFCReaderUsageDescription`). Keys in
//! nested dictionaries are not read by iOS as purpose strings and are ignored.
//!
//! XML plists are walked with a streaming reader so each request keeps the position of its
//! `<key>`; binary plists have no lines, so their requests point at the file.

use std::io::Cursor;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::InputError;
use super::budget::Budget;
use super::xml::{self, XmlText};
use crate::model::{InputKind, Location, ParsedInput, Request};

/// Suffix shared by every privacy purpose-string key.
pub const USAGE_SUFFIX: &str = "UsageDescription";

/// Deeper nesting than this is not a real Info.plist.
pub const MAX_DEPTH: usize = 256;

/// Is `key` a privacy purpose-string key?
pub fn is_usage_key(key: &str) -> bool {
    key.len() > USAGE_SUFFIX.len() && key.ends_with(USAGE_SUFFIX)
}

/// Platform names CFBundle accepts after `-` in a key (`NSCameraUsageDescription-iphoneos`).
const KEY_PLATFORMS: &[&str] = &[
    "iphoneos",
    "iphonesimulator",
    "macos",
    "macosx",
    "watchos",
    "watchsimulator",
    "appletvos",
    "appletvsimulator",
    "tvos",
    "xros",
    "xrsimulator",
    "visionos",
];

/// The key CFBundle files a device- or platform-specific key under: `KEY~ipad`,
/// `KEY-iphoneos` and `KEY-iphoneos~iphone` are all `KEY` on the matching devices.
pub fn base_key(key: &str) -> &str {
    let without_device = match key.split_once('~') {
        Some((base, device))
            if !base.is_empty()
                && !device.is_empty()
                && device.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            base
        }
        _ => key,
    };
    match without_device.rsplit_once('-') {
        Some((base, platform))
            if !base.is_empty()
                && KEY_PLATFORMS.contains(&platform.to_ascii_lowercase().as_str()) =>
        {
            base
        }
        _ => without_device,
    }
}

/// Folds device- and platform-specific purpose keys into their base key, as CFBundle does when
/// it loads an Info.plist: each stays a request (at its own position) of the base key.
pub fn fold_device_keys(requests: &mut [Request]) {
    for r in requests {
        let base = base_key(&r.permission);
        if base.len() != r.permission.len() {
            r.permission = base.to_owned();
        }
    }
}

/// Is `key`, once folded, a purpose-string key?
fn is_request_key(key: &str) -> bool {
    is_usage_key(base_key(key))
}

/// Parses an Info.plist in either form, detected by content.
pub fn parse_plist(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    parse_plist_within(path, bytes, &Budget::default())
}

/// [`parse_plist`], drawing every request kept from a run's `budget`, as manifests do.
pub fn parse_plist_within(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<ParsedInput, InputError> {
    let parsed = parse_plist_unbudgeted(path, bytes)?;
    for request in &parsed.requests {
        budget.request(&request.location)?;
    }
    Ok(parsed)
}

fn parse_plist_unbudgeted(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    let mut parsed = parse_plist_requests(path, bytes)?;
    parsed.apple_platform = super::xcode::platform::classify(path, bytes);
    Ok(parsed)
}

/// [`parse_plist`] without deciding the Apple platform (`apple_platform` stays `None`): for
/// the Info.plist of an Xcode target, whose platform its build settings decide.
pub(crate) fn parse_plist_requests(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    let mut parsed = if bytes.starts_with(b"bplist") {
        parse_binary(path, bytes)
    } else {
        parse_xml(path, bytes)
    }?;
    fold_device_keys(&mut parsed.requests);
    Ok(parsed)
}

fn parse_binary(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    use plist::stream::Event;

    super::bplist_guard::check(bytes)
        .map_err(|e| InputError::invalid(Location::file(path), e.to_string()))?;
    let malformed = |e: plist::Error| {
        InputError::invalid(Location::file(path), format!("malformed binary plist: {e}"))
    };
    let mut events = plist::stream::BinaryReader::new(Cursor::new(bytes));
    match events.next().transpose().map_err(malformed)? {
        Some(Event::StartDictionary(_)) => {}
        other => {
            return Err(InputError::invalid(
                Location::file(path),
                format!(
                    "the plist's root is {}; expected a dictionary (an Info.plist)",
                    binary_kind(other.as_ref())
                ),
            ));
        }
    }
    // The top-level dictionary's keys and values come as alternating events. CFPropertyList
    // builds a binary plist's dictionary with CFBasicHashAddValue, which keeps the first value
    // of a repeated key (unlike its XML parser: see `parse_xml`), so the first one counts here.
    let mut requests = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut depth = 1usize;
    let mut key: Option<String> = None;
    for event in events {
        let event = event.map_err(malformed)?;
        if depth == 1 {
            match key.take() {
                None => match event {
                    Event::String(k) => key = Some(k.into_owned()),
                    Event::EndCollection => depth = 0,
                    _ => {
                        return Err(InputError::invalid(
                            Location::file(path),
                            "malformed binary plist: a dictionary key is not a string",
                        ));
                    }
                },
                Some(k) => {
                    let purpose = match &event {
                        Event::String(v) => Some(v.to_string()),
                        _ => None,
                    };
                    if is_request_key(&k) && seen.insert(k.clone()) {
                        requests.push(Request {
                            purpose,
                            ..Request::at(k, Location::file(path))
                        });
                    }
                    if matches!(event, Event::StartArray(_) | Event::StartDictionary(_)) {
                        depth += 1;
                    }
                }
            }
        } else {
            match event {
                Event::StartArray(_) | Event::StartDictionary(_) => depth += 1,
                Event::EndCollection => depth -= 1,
                _ => {}
            }
        }
    }
    Ok(ParsedInput::new(path, InputKind::BinaryPlist, requests))
}

fn binary_kind(event: Option<&plist::stream::Event<'_>>) -> &'static str {
    use plist::stream::Event;
    match event {
        Some(Event::StartArray(_)) => "an array",
        Some(Event::StartDictionary(_)) => "a dictionary",
        Some(Event::Boolean(_)) => "a boolean",
        Some(Event::Data(_)) => "data",
        Some(Event::Date(_)) => "a date",
        Some(Event::Real(_)) => "a real number",
        Some(Event::Integer(_)) => "an integer",
        Some(Event::String(_)) => "a string",
        Some(Event::Uid(_)) => "a UID",
        _ => "not a dictionary",
    }
}

/// Where the walker is inside the top-level dictionary.
#[derive(Debug)]
enum State {
    /// Expecting `<key>` or the dictionary's end.
    Key,
    /// Reading the text of a `<key>` opened at `offset`.
    InKey { offset: u64, text: String },
    /// Expecting the value element for a key.
    Value { key: String, offset: u64 },
    /// Reading the text of a `<string>` value.
    InString {
        key: String,
        offset: u64,
        text: String,
    },
}

fn parse_xml(path: &str, bytes: &[u8]) -> Result<ParsedInput, InputError> {
    let doc = XmlText::new(path, bytes)?;
    let mut reader = Reader::from_str(doc.text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;

    // Element names from the root down; depth 1 is <plist>, depth 2 its root value.
    let mut open: Vec<std::borrow::Cow<'static, str>> = Vec::new();
    let mut seen_root = false;
    let mut state = State::Key;
    let mut requests = Vec::new();

    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| doc.syntax_error(reader.error_position(), &e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = tag_name(e.local_name().as_ref());
                match open.len() {
                    0 => {
                        if seen_root {
                            return Err(
                                doc.error(offset, format!("a second root element <{name}>"))
                            );
                        }
                        if name != "plist" {
                            return Err(doc.error(
                                offset,
                                format!("expected the root element <plist>, found <{name}>"),
                            ));
                        }
                        seen_root = true;
                    }
                    1 if name != "dict" => {
                        return Err(doc.error(
                            offset,
                            format!(
                                "the plist's root value is <{name}>; expected <dict> (an \
                                 Info.plist is a dictionary)"
                            ),
                        ));
                    }
                    2 => {
                        state = match (state, &*name) {
                            (State::Key, "key") if is_empty => State::Value {
                                key: String::new(),
                                offset,
                            },
                            (State::Key, "key") => State::InKey {
                                offset,
                                text: String::new(),
                            },
                            (State::Key, other) => {
                                return Err(doc.error(
                                    offset,
                                    format!(
                                        "expected <key> in the top-level <dict>, found <{other}>"
                                    ),
                                ));
                            }
                            (
                                State::Value {
                                    key,
                                    offset: key_offset,
                                },
                                "string",
                            ) => {
                                if is_empty {
                                    push_request(
                                        &doc,
                                        &mut requests,
                                        key,
                                        key_offset,
                                        Some(String::new()),
                                    );
                                    State::Key
                                } else {
                                    State::InString {
                                        key,
                                        offset: key_offset,
                                        text: String::new(),
                                    }
                                }
                            }
                            (
                                State::Value {
                                    key,
                                    offset: key_offset,
                                },
                                _,
                            ) => {
                                // A purpose key whose value is not a string is still a request;
                                // it simply has no purpose text to show.
                                push_request(&doc, &mut requests, key, key_offset, None);
                                State::Key
                            }
                            (State::InKey { .. } | State::InString { .. }, other) => {
                                return Err(doc.error(
                                    offset,
                                    format!(
                                        "unexpected element <{other}> inside a <key> or <string>"
                                    ),
                                ));
                            }
                        };
                    }
                    _ => {}
                }
                if !is_empty {
                    if open.len() >= MAX_DEPTH {
                        return Err(doc.error(
                            offset,
                            format!("elements nested deeper than {MAX_DEPTH} levels; not a real Info.plist"),
                        ));
                    }
                    open.push(name);
                }
            }
            Event::End(_) => {
                if open.len() == 3 {
                    state = match state {
                        State::InKey { offset, text } => State::Value { key: text, offset },
                        State::InString { key, offset, text } => {
                            push_request(&doc, &mut requests, key, offset, Some(text));
                            State::Key
                        }
                        other => other,
                    };
                } else if open.len() == 2 {
                    if let State::Value { key, offset } = state {
                        return Err(doc.error(offset, format!("<key>{key}</key> has no value")));
                    }
                    state = State::Key;
                }
                open.pop();
            }
            Event::Text(t) => {
                let text: &str = &t;
                if open.is_empty() && !text.trim().is_empty() {
                    return Err(doc.error(offset, "text outside the <plist> element"));
                }
                append_text(&mut state, text);
            }
            Event::CData(c) => {
                append_text(&mut state, &c);
            }
            Event::GeneralRef(r) => {
                let name: &str = &r;
                let Some(c) = xml::resolve_reference(name) else {
                    return Err(doc.error(offset, xml::unexpanded_entity_message(name)));
                };
                append_text(&mut state, c.encode_utf8(&mut [0; 4]));
            }
            Event::Decl(d) => xml::check_declaration(&doc, offset, &d)?,
            Event::Eof => break,
            _ => {}
        }
    }

    if let Some(name) = open.last() {
        return Err(InputError::invalid(
            Location::file(path),
            format!("unexpected end of file: <{name}> is not closed (is the file truncated?)"),
        ));
    }
    if !seen_root {
        return Err(InputError::invalid(
            Location::file(path),
            "no <plist> element found",
        ));
    }

    // CFPropertyList's XML parser sets each key in turn (CFDictionarySetValue), so of a
    // repeated key the last value is the one the app reads; it is located at that last key.
    let mut seen = std::collections::HashSet::new();
    requests.reverse();
    requests.retain(|r: &Request| seen.insert(r.permission.clone()));
    requests.reverse();
    Ok(ParsedInput::new(path, InputKind::Plist, requests))
}

/// Where `key` is written in the `<key>` element that opens at `offset`: the text between the
/// start tag and the next markup, when that is the key as read. A key written with entities,
/// as CDATA or broken by a comment has none, and its caret is found on the line instead.
fn key_span(doc: &XmlText<'_>, offset: u64, key: &str) -> Option<crate::model::Span> {
    let rest = doc.text.get(usize::try_from(offset).ok()?..)?;
    let start = rest.find('>')? + 1;
    let written = &rest[start..start + rest[start..].find('<')?];
    (written == key)
        .then(|| doc.span_of(written.as_bytes()))
        .flatten()
}

/// An element's name: the plist vocabulary without allocating (every element of the file
/// passes here), anything else as written.
fn tag_name(name: &str) -> std::borrow::Cow<'static, str> {
    const TAGS: &[&str] = &[
        "plist", "dict", "key", "string", "array", "integer", "real", "true", "false", "date",
        "data",
    ];
    TAGS.iter()
        .find(|&&t| t == name)
        .map_or_else(|| name.to_owned().into(), |&t| t.into())
}

fn append_text(state: &mut State, text: &str) {
    match state {
        State::InKey { text: buf, .. } | State::InString { text: buf, .. } => buf.push_str(text),
        _ => {}
    }
}

fn push_request(
    doc: &XmlText<'_>,
    requests: &mut Vec<Request>,
    key: String,
    offset: u64,
    purpose: Option<String>,
) {
    if is_request_key(&key) {
        let location = doc.location(offset).with_span(key_span(doc, offset, &key));
        requests.push(Request {
            purpose,
            ..Request::at(key, location)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>CFBundleName</key>
	<string>M5</string>
	<key>NSCameraUsageDescription</key>
	<string>Scan &amp; upload</string>
	<key>NFCReaderUsageDescription</key>
	<string/>
	<key>Nested</key>
	<dict><key>NSMicrophoneUsageDescription</key><string>x</string></dict>
	<key>NSFaceIDUsageDescription</key>
	<true/>
</dict>
</plist>
"#;

    #[test]
    fn xml_top_level_keys_with_positions_and_purposes() {
        let parsed = parse_plist("Info.plist", XML.as_bytes()).unwrap();
        let got: Vec<_> = parsed
            .requests
            .iter()
            .map(|r| {
                (
                    r.permission.as_str(),
                    r.location.line.unwrap(),
                    r.location.column.unwrap(),
                    r.purpose.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("NSCameraUsageDescription", 7, 2, Some("Scan & upload")),
                ("NFCReaderUsageDescription", 9, 2, Some("")),
                ("NSFaceIDUsageDescription", 13, 2, None),
            ]
        );
    }

    /// A binary plist whose root dictionary holds `pairs` of ASCII strings as written, so a key
    /// may repeat (the plist crate's writer cannot make that).
    fn binary_dict(pairs: &[(&str, &str)]) -> Vec<u8> {
        let strings: Vec<&str> = pairs.iter().flat_map(|(k, v)| [*k, *v]).collect();
        let mut out = b"bplist00".to_vec();
        let mut offsets = vec![out.len()];
        out.push(0xd0 | pairs.len() as u8);
        let refs = |i: usize| (1 + i) as u8;
        out.extend((0..pairs.len()).map(|i| refs(2 * i)));
        out.extend((0..pairs.len()).map(|i| refs(2 * i + 1)));
        for s in &strings {
            offsets.push(out.len());
            if s.len() < 15 {
                out.push(0x50 | s.len() as u8);
            } else {
                // A longer length follows the marker as a one-byte integer object.
                out.extend_from_slice(&[0x5f, 0x10, s.len() as u8]);
            }
            out.extend_from_slice(s.as_bytes());
        }
        let table = out.len();
        out.extend(offsets.iter().map(|&o| o as u8));
        out.extend_from_slice(&[0; 6]);
        out.extend_from_slice(&[1, 1]);
        out.extend_from_slice(&(offsets.len() as u64).to_be_bytes());
        out.extend_from_slice(&0u64.to_be_bytes());
        out.extend_from_slice(&(table as u64).to_be_bytes());
        out
    }

    /// A key's span is the key as written; one written with a character reference has none
    /// (the caret is then found on the line).
    #[test]
    fn key_spans_only_where_the_key_is_written_as_read() {
        let text = "<plist><dict>\n<key>NSCameraUsageDescription</key><string>a</string>\n\
                    <key>NS&#77;icrophoneUsageDescription</key><string>b</string>\n</dict></plist>";
        let parsed = parse_plist("Info.plist", text.as_bytes()).unwrap();
        let spans: Vec<_> = parsed
            .requests
            .iter()
            .map(|r| {
                r.location
                    .span
                    .map(|s| &text[s.start as usize..s.end as usize])
            })
            .collect();
        assert_eq!(spans, [Some("NSCameraUsageDescription"), None]);
    }

    #[test]
    fn a_repeated_key_counts_once_with_the_value_corefoundation_keeps() {
        // XML: CFPropertyList sets each key in turn, so the last value (and its key) counts.
        let xml = "<plist><dict>\n<key>NSCameraUsageDescription</key><string></string>\n\
                   <key>NSCameraUsageDescription</key><string>Scan</string>\n</dict></plist>";
        let parsed = parse_plist("Info.plist", xml.as_bytes()).unwrap();
        assert_eq!(parsed.requests.len(), 1);
        assert_eq!(parsed.requests[0].purpose.as_deref(), Some("Scan"));
        assert_eq!(parsed.requests[0].location.line, Some(3));
        // Binary: CFBasicHashAddValue keeps the first value of a repeated key.
        let key = "NSCameraUsageDescription";
        let bytes = binary_dict(&[(key, "Scan"), ("CFBundleName", "M5"), (key, "")]);
        let parsed = parse_plist("Info.plist", &bytes).unwrap();
        assert_eq!(parsed.requests.len(), 1);
        assert_eq!(parsed.requests[0].purpose.as_deref(), Some("Scan"));
        // The walk still reads every value: a corrupt one after the dictionary's keys fails.
        let mut bad = binary_dict(&[(key, "Scan"), ("CFBundleName", "M5")]);
        let at = bad.len() - 32 - 5 - 3;
        bad[at] = 0x7f;
        assert!(parse_plist("Info.plist", &bad).is_err());
    }

    #[test]
    fn plist_requests_draw_on_the_run_budget() {
        use crate::input::budget::{BUDGET, BudgetLimits};
        let budget = Budget::new(BudgetLimits {
            max_requests: 3,
            ..BUDGET
        });
        // The sample's three requests fit; the next plist's first one is over the run's limit.
        parse_plist_within("a.plist", XML.as_bytes(), &budget).unwrap();
        let err = parse_plist_within("b.plist", XML.as_bytes(), &budget).unwrap_err();
        assert!(err.to_string().contains("max-requests"), "{err}");
        assert!(err.to_string().contains("b.plist"), "{err}");
    }

    #[test]
    fn binary_plist_round_trip() {
        let mut dict = plist::Dictionary::new();
        dict.insert("NSCameraUsageDescription".into(), "Take photos".into());
        dict.insert("CFBundleIdentifier".into(), "x".into());
        let mut bytes = Vec::new();
        plist::Value::Dictionary(dict)
            .to_writer_binary(&mut bytes)
            .unwrap();
        let parsed = parse_plist("Info.plist", &bytes).unwrap();
        assert_eq!(parsed.kind, InputKind::BinaryPlist);
        assert_eq!(parsed.requests.len(), 1);
        assert_eq!(parsed.requests[0].purpose.as_deref(), Some("Take photos"));
        assert_eq!(parsed.requests[0].location, Location::file("Info.plist"));
    }

    #[test]
    fn non_dictionary_roots_and_garbage_fail() {
        let err = parse_plist("p", b"<plist><array/></plist>").unwrap_err();
        assert!(err.to_string().contains("expected <dict>"), "{err}");
        let mut bytes = Vec::new();
        plist::Value::Array(vec![])
            .to_writer_binary(&mut bytes)
            .unwrap();
        let err = parse_plist("p", &bytes).unwrap_err();
        assert!(err.to_string().contains("root is an array"), "{err}");
        let err = parse_plist("p", b"bplist00garbage").unwrap_err();
        assert!(err.to_string().contains("malformed binary plist"), "{err}");
        let err = parse_plist("p", b"<plist><dict><key>a</key></dict></plist>").unwrap_err();
        assert!(err.to_string().contains("has no value"), "{err}");
    }
}
