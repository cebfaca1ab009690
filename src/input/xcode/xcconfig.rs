//! `.xcconfig` build-configuration files: `KEY = value` lines, `KEY[sdk=…] = value`
//! conditional assignments, `//` comments and `#include "file"` / `#include? "file"` (the
//! second is optional: a missing file is skipped, as Xcode does).
//!
//! Includes are read in place, depth first, so a later assignment (in the including file after
//! the `#include`, or further down an included file) overrides an earlier one, exactly the
//! order Xcode evaluates them in. A file that includes itself, directly or through others, is
//! an error naming the chain.

use std::path::{Path, PathBuf};

use super::super::InputError;
use super::settings::Assignment;
use crate::model::Location;

/// Deeper include chains than this are not real configurations.
pub const MAX_INCLUDE_DEPTH: usize = 32;

/// Largest xcconfig read, in bytes: real ones are a few KB.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// Reads `path` (shown as `display`) and everything it includes, returning the assignments in
/// evaluation order.
pub(crate) fn read(
    jail: &super::Jail,
    path: &Path,
    display: &str,
) -> Result<Vec<Assignment<'static>>, InputError> {
    let mut out = Vec::new();
    let mut chain = Vec::new();
    read_into(jail, path, display, &mut chain, &mut out)?;
    Ok(out)
}

fn read_into(
    jail: &super::Jail,
    path: &Path,
    display: &str,
    chain: &mut Vec<(PathBuf, String)>,
    out: &mut Vec<Assignment<'static>>,
) -> Result<(), InputError> {
    let canonical = jail.real().of(path);
    if let Some(first) = chain.iter().position(|(p, _)| *p == canonical) {
        let cycle: Vec<&str> = chain[first..].iter().map(|(_, d)| d.as_str()).collect();
        return Err(InputError::invalid(
            Location::file(display),
            format!(
                "#include cycle: {} -> {display}; Xcode refuses such a configuration",
                cycle.join(" -> ")
            ),
        ));
    }
    if chain.len() >= MAX_INCLUDE_DEPTH {
        return Err(InputError::invalid(
            Location::file(display),
            format!("#include chain deeper than {MAX_INCLUDE_DEPTH} files"),
        ));
    }
    let bytes = jail.read(path, display, MAX_BYTES)?;
    let text = bytes.as_str().ok_or_else(|| {
        InputError::invalid(
            Location::file(display),
            "invalid UTF-8; expected a UTF-8 encoded .xcconfig",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    chain.push((canonical, display.to_owned()));
    let dir = path.parent().unwrap_or(Path::new("."));
    let display_dir = display.rsplit_once('/').map_or("", |(d, _)| d);
    // Offsets in the file, past a BOM, for the spans of the settings.
    let mut at = bytes.len() - text.len();
    for (index, piece) in text.split_inclusive('\n').enumerate() {
        let start = at;
        at += piece.len();
        let raw = piece.strip_suffix('\n').unwrap_or(piece);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = crate::model::saturating_u32(index + 1);
        match parse_line(raw) {
            Line::Blank => {}
            Line::Include { file, optional } => {
                let target = dir.join(&file);
                let shown = crate::display::join(display_dir, &file);
                if !target.is_file() {
                    if optional {
                        continue;
                    }
                    return Err(InputError::invalid(
                        Location::at(display, line, 1),
                        format!(
                            "#include \"{file}\": no such file ({shown}); Xcode fails the build \
                             (write #include? for an optional file)"
                        ),
                    ));
                }
                read_into(jail, &target, &shown, chain, out)?;
            }
            Line::Assign {
                key,
                condition,
                value,
                column,
            } => {
                // The key is ASCII, at byte `column - 1` of the line.
                let key_at = start + column as usize - 1;
                let span = crate::model::Span::new(key_at, key_at + key.len());
                out.push(Assignment {
                    key: key.into(),
                    condition: condition.map(Into::into),
                    value: value.into(),
                    location: Location::at(display, line, column).with_span(span),
                });
            }
            Line::Invalid(message) => {
                return Err(InputError::invalid(Location::at(display, line, 1), message));
            }
        }
    }
    chain.pop();
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum Line {
    Blank,
    Include {
        file: String,
        optional: bool,
    },
    Assign {
        key: String,
        condition: Option<String>,
        value: String,
        column: u32,
    },
    Invalid(String),
}

/// Cuts a `//` comment. Xcode treats every `//` as a comment start (a URL must be written as
/// `https:/$()/…`), so this does too.
fn strip_comment(raw: &str) -> &str {
    raw.find("//").map_or(raw, |i| &raw[..i])
}

fn parse_line(raw: &str) -> Line {
    let trimmed = raw.trim_start();
    if let Some(rest) = trimmed.strip_prefix("#include") {
        let (optional, rest) = match rest.strip_prefix('?') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let rest = rest.trim();
        let file = rest
            .strip_prefix('"')
            .and_then(|r| r.split_once('"'))
            .map(|(f, _)| f);
        return match file {
            Some(f) if !f.is_empty() => Line::Include {
                file: f.to_owned(),
                optional,
            },
            _ => Line::Invalid(format!(
                "expected #include \"file.xcconfig\", found `{}`",
                raw.trim()
            )),
        };
    }
    let body = strip_comment(raw);
    if body.trim().is_empty() {
        return Line::Blank;
    }
    // A condition may itself hold `=` (`KEY[sdk=iphoneos*] = v`): split after its `]`.
    let split = match (body.find('['), body.find('=')) {
        (Some(open), Some(eq)) if open < eq => body[open..]
            .find(']')
            .and_then(|close| body[open + close..].find('=').map(|e| open + close + e)),
        (_, eq) => eq,
    };
    let Some((lhs, value)) = split.map(|at| (&body[..at], &body[at + 1..])) else {
        return Line::Invalid(format!(
            "expected `SETTING = value`, an #include or a // comment, found `{}`",
            raw.trim()
        ));
    };
    let column = u32::try_from(raw.len() - trimmed.len() + 1).unwrap_or(1);
    let lhs = lhs.trim();
    let (key, condition) = match lhs.split_once('[') {
        Some((k, c)) => match c.strip_suffix(']') {
            Some(c) => (k.trim(), Some(c.replace("][", ","))),
            None => {
                return Line::Invalid(format!(
                    "unclosed `[` condition in `{lhs}`; expected `SETTING[sdk=…] = value`"
                ));
            }
        },
        None => (lhs, None),
    };
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Line::Invalid(format!(
            "`{lhs}` is not a build setting name; expected letters, digits and `_`"
        ));
    }
    let value = value.trim();
    let value = value.strip_suffix(';').unwrap_or(value).trim_end();
    Line::Assign {
        key: key.to_owned(),
        condition,
        value: value.to_owned(),
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(parse_line("  // hi"), Line::Blank);
        assert_eq!(
            parse_line("#include? \"a.xcconfig\" // x"),
            Line::Include {
                file: "a.xcconfig".into(),
                optional: true
            }
        );
        assert_eq!(
            parse_line("INFOPLIST_KEY_NSCameraUsageDescription[sdk=iphoneos*] = Scan; // c"),
            Line::Assign {
                key: "INFOPLIST_KEY_NSCameraUsageDescription".into(),
                condition: Some("sdk=iphoneos*".into()),
                value: "Scan".into(),
                column: 1
            }
        );
        assert!(matches!(parse_line("nonsense"), Line::Invalid(_)));
        assert!(matches!(parse_line("A[sdk = 1"), Line::Invalid(_)));
        assert!(matches!(parse_line("#include nothing"), Line::Invalid(_)));
    }

    #[test]
    fn includes_cycles_and_optional_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xcconfig");
        std::fs::write(
            &a,
            "X = 1\n#include \"b.xcconfig\"\n#include? \"gone.xcconfig\"\nY = 2\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("b.xcconfig"), "X = $(inherited) 3\n").unwrap();
        // A fresh jail (and source map) per read: the files change between the reads.
        let jail = || super::super::Jail::around(dir.path(), &Default::default());
        let got = read(&jail(), &a, "a.xcconfig").unwrap();
        let keys: Vec<_> = got
            .iter()
            .map(|a| (&*a.key, a.location.to_string()))
            .collect();
        assert_eq!(
            keys,
            [
                ("X", "a.xcconfig:1:1".to_owned()),
                ("X", "b.xcconfig:1:1".to_owned()),
                ("Y", "a.xcconfig:4:1".to_owned())
            ]
        );
        std::fs::write(dir.path().join("b.xcconfig"), "#include \"a.xcconfig\"\n").unwrap();
        let err = read(&jail(), &a, "a.xcconfig").unwrap_err().to_string();
        assert!(
            err.contains("#include cycle: a.xcconfig -> b.xcconfig -> a.xcconfig"),
            "{err}"
        );
        std::fs::write(&a, "#include \"missing.xcconfig\"\n").unwrap();
        let err = read(&jail(), &a, "a.xcconfig").unwrap_err().to_string();
        assert!(
            err.contains("a.xcconfig:1:1") && err.contains("no such file"),
            "{err}"
        );
    }

    /// A BOM is not part of the first key (its span and column count from after it); a file
    /// that is not UTF-8 is refused by name.
    #[test]
    fn a_bom_is_dropped_and_other_encodings_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xcconfig");
        let jail = || super::super::Jail::around(dir.path(), &Default::default());
        std::fs::write(&a, "\u{feff}X = 1\nY = 2\n").unwrap();
        let got = read(&jail(), &a, "a.xcconfig").unwrap();
        let keys: Vec<_> = got
            .iter()
            .map(|a| (&*a.key, &*a.value, a.location.to_string()))
            .collect();
        assert_eq!(
            keys,
            [
                ("X", "1", "a.xcconfig:1:1".to_owned()),
                ("Y", "2", "a.xcconfig:2:1".to_owned())
            ]
        );
        std::fs::write(&a, b"X = caf\xe9\n").unwrap();
        let err = read(&jail(), &a, "a.xcconfig").unwrap_err().to_string();
        assert!(
            err.contains("a.xcconfig") && err.contains("invalid UTF-8"),
            "{err}"
        );
    }
}
