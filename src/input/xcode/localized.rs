//! Localized purpose strings: `<lang>.lproj/InfoPlist.strings` and `InfoPlist.xcstrings`.
//!
//! iOS shows a purpose string from the `InfoPlist.strings` of the user's language when it has
//! the key, else the Info.plist text. A strings file is a brace-less OpenStep dictionary, in
//! UTF-8 or (as Xcode long wrote them) UTF-16 with a byte-order mark. A string catalog
//! (`InfoPlist.xcstrings`, Xcode 15) is JSON: `strings.<key>.localizations.<lang>.stringUnit`.

use std::collections::BTreeMap;
use std::path::Path;

use super::openstep::{self, Value};
use crate::input::InputError;
use crate::input::plist::base_key;
use crate::model::Location;

/// Largest localization file read: real ones are a few KB.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// One language's translations: key → (text, where).
pub type Translations = BTreeMap<String, (String, Location)>;

/// Decodes a strings file: UTF-16 (LE or BE, told by its BOM, or by NUL bytes when it has
/// none) or UTF-8 (BOM optional).
pub fn decode(display: &str, bytes: &[u8]) -> Result<String, InputError> {
    let utf16 = |units: Vec<u16>| {
        String::from_utf16(&units).map_err(|_| {
            InputError::invalid(
                Location::file(display),
                "invalid UTF-16 (an unpaired surrogate)",
            )
        })
    };
    let pairs = |b: &[u8], le: bool| -> Result<Vec<u16>, InputError> {
        if b.len() % 2 != 0 {
            return Err(InputError::invalid(
                Location::file(display),
                "UTF-16 text with an odd number of bytes (is the file truncated?)",
            ));
        }
        Ok(b.chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect())
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(pairs(rest, true)?);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(pairs(rest, false)?);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.len() >= 2 && body.len() % 2 == 0 && body[1] == 0 && body[0] != 0 {
        return utf16(pairs(body, true)?);
    }
    if body.len() >= 2 && body.len() % 2 == 0 && body[0] == 0 && body[1] != 0 {
        return utf16(pairs(body, false)?);
    }
    std::str::from_utf8(body).map(str::to_owned).map_err(|e| {
        InputError::invalid(
            Location::file(display),
            format!(
                "invalid UTF-8 at byte {}; expected a UTF-8 or UTF-16 strings file",
                e.valid_up_to()
            ),
        )
    })
}

/// Reads one `InfoPlist.strings`.
pub(crate) fn read_strings(
    jail: &super::Jail,
    path: &Path,
    display: &str,
) -> Result<Translations, InputError> {
    let bytes = jail.read(path, display, MAX_BYTES)?;
    parse_strings(display, &bytes)
}

/// Parses the bytes of one `InfoPlist.strings`.
pub fn parse_strings(display: &str, bytes: &[u8]) -> Result<Translations, InputError> {
    let text = decode(display, bytes)?;
    let arena = bumpalo::Bump::new();
    let root = openstep::parse_strings(&text, &arena).map_err(|e| {
        InputError::invalid(
            Location::at(display, e.line, e.column),
            format!("malformed strings file: {}", e.message),
        )
    })?;
    // Where the decoded text sits in the file, for spans: past a UTF-8 BOM; a UTF-16 file's
    // text is not its bytes (and is never quoted).
    let base = if text.as_bytes() == bytes {
        Some(0)
    } else {
        (bytes.strip_prefix(b"\xEF\xBB\xBF") == Some(text.as_bytes())).then_some(3)
    };
    let positions = openstep::Positions::new(text.as_bytes());
    let at = |entry: &openstep::Entry<'_>| {
        let (line, column) = positions.of(entry.at);
        Location::at(display, line, column)
    };
    let span_of = |entry: &openstep::Entry<'_>| {
        let (base, span) = (base?, positions.key_span(entry)?);
        let shift = |at: u32| at.checked_add(base);
        Some(crate::model::Span {
            start: shift(span.start)?,
            end: shift(span.end)?,
        })
    };
    let mut out = Translations::new();
    for entry in root.value.as_dict().unwrap_or_default() {
        let Value::String(text) = &entry.value.value else {
            return Err(InputError::invalid(
                at(entry),
                format!(
                    "the value of \"{}\" is {}; expected a string",
                    entry.key,
                    entry.value.value.kind()
                ),
            ));
        };
        out.insert(
            base_key(entry.key).to_owned(),
            (text.to_string(), at(entry).with_span(span_of(entry))),
        );
    }
    Ok(out)
}

/// Reads one `InfoPlist.xcstrings`: language → translations.
pub(crate) fn read_catalog(
    jail: &super::Jail,
    path: &Path,
    display: &str,
) -> Result<BTreeMap<String, Translations>, InputError> {
    let bytes = jail.read(path, display, MAX_BYTES)?;
    parse_catalog(display, &bytes)
}

/// Parses a string catalog. JSON keeps no positions, so each translation is located at the
/// line of its language inside its key's entry, found in the text (the JSON is valid, so the
/// quoted names occur in order).
pub fn parse_catalog(
    display: &str,
    bytes: &[u8],
) -> Result<BTreeMap<String, Translations>, InputError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| InputError::invalid(Location::file(display), "invalid UTF-8 in a string catalog"),
    )?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        InputError::invalid(
            Location::at_position(display, e.line(), e.column()),
            format!("malformed string catalog (JSON): {e}"),
        )
    })?;
    let lines = crate::source::lines::LineIndex::new(text.as_bytes());
    let at = |offset: usize| {
        let (line, column) = lines.position(offset);
        Location::at(display, line, column)
    };
    let mut out: BTreeMap<String, Translations> = BTreeMap::new();
    let Some(strings) = value.get("strings").and_then(|s| s.as_object()) else {
        return Err(InputError::invalid(
            Location::file(display),
            "no `strings` object; expected an Xcode string catalog",
        ));
    };
    for (key, entry) in strings {
        let key_at = find_quoted(text, key, 0).unwrap_or(0);
        let Some(localizations) = entry.get("localizations").and_then(|l| l.as_object()) else {
            continue;
        };
        for (language, unit) in localizations {
            let Some(value) = unit_value(unit) else {
                continue;
            };
            let lang_at = find_quoted(text, language, key_at).unwrap_or(key_at);
            out.entry(language.clone())
                .or_default()
                .insert(base_key(key).to_owned(), (value, at(lang_at)));
        }
    }
    Ok(out)
}

/// The text of a `stringUnit`, or of the first variation's (plural/device variants).
fn unit_value(unit: &serde_json::Value) -> Option<String> {
    if let Some(v) = unit.pointer("/stringUnit/value").and_then(|v| v.as_str()) {
        return Some(v.to_owned());
    }
    let variations = unit.get("variations")?.as_object()?;
    variations
        .values()
        .filter_map(|v| v.as_object())
        .flat_map(|m| m.values())
        .find_map(unit_value)
}

fn find_quoted(text: &str, name: &str, from: usize) -> Option<usize> {
    let needle = serde_json::to_string(name).ok()?;
    text.get(from..)?.find(&needle).map(|i| from + i)
}

/// The language of an `.lproj` folder name (`zh-Hans.lproj` → `zh-Hans`).
pub fn lproj_language(dir: &Path) -> Option<String> {
    let name = dir.file_name()?.to_str()?;
    name.strip_suffix(".lproj")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_and_escapes() {
        let text = "/* Privacy */\n\"NSCameraUsageDescription\" = \"扫描\\n二维码\";\n\"NSMicrophoneUsageDescription~ipad\" = \"录音\";\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let t = parse_strings("zh-Hans.lproj/InfoPlist.strings", &bytes).unwrap();
        let (v, at) = &t["NSCameraUsageDescription"];
        assert_eq!(v, "扫描\n二维码");
        assert_eq!(at.to_string(), "zh-Hans.lproj/InfoPlist.strings:2:1");
        assert!(t.contains_key("NSMicrophoneUsageDescription"));
        assert!(parse_strings("x", b"").unwrap().is_empty());
        let err = parse_strings("x", b"\"a\" = \"b").unwrap_err().to_string();
        assert!(
            err.contains("x:1:7") && err.contains("unterminated"),
            "{err}"
        );
        assert!(parse_strings("x", b"\xFF\xFE\x00").is_err());
    }

    #[test]
    fn catalogs() {
        let json = r#"{
  "sourceLanguage" : "en",
  "strings" : {
    "NSCameraUsageDescription" : {
      "localizations" : {
        "en" : { "stringUnit" : { "state" : "translated", "value" : "Scan" } },
        "zh-Hans" : { "stringUnit" : { "state" : "translated", "value" : "扫描" } }
      }
    }
  },
  "version" : "1.0"
}"#;
        let c = parse_catalog("InfoPlist.xcstrings", json.as_bytes()).unwrap();
        let (v, at) = &c["zh-Hans"]["NSCameraUsageDescription"];
        assert_eq!(v, "扫描");
        assert_eq!(at.line, Some(7));
        assert!(parse_catalog("x", b"{").is_err());
        assert!(parse_catalog("x", b"{}").is_err());
    }
}
