//! Writes an imported policy as YAML in the schema of design §3.
//!
//! The schema refuses unknown fields, so everything beyond it goes into comments: the document
//! line of each row, "review" for rows matched by label, and the rows (or names) that could
//! not be resolved. Strings are written plain when that is unambiguous and double-quoted
//! otherwise; the test suite reads every output back with the policy loader.

use std::fmt::Write as _;

use super::build::OutRow;
use crate::model::Platform;

/// The policy YAML for `rows`.
pub(super) fn render(name: &str, document: &str, rows: &[OutRow]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Imported by `permaudit policy import` from {}.\n\
         # Each row names the document line it was read from. Rows marked \"review\" were matched\n\
         # by their label, not by an identifier: confirm them. Rows marked \"unresolved\" are not\n\
         # disclosed here: fix the document or add them by hand.\n",
        comment(document)
    ));
    let _ = writeln!(out, "name: {}", scalar(name));
    let _ = writeln!(out, "source: {}", scalar(document));
    for platform in [Platform::Android, Platform::Ios, Platform::Macos] {
        let platform_rows: Vec<&OutRow> = rows.iter().filter(|r| r.platform == platform).collect();
        if platform_rows.is_empty() {
            continue;
        }
        out.push('\n');
        let disclosed = platform_rows.iter().any(|r| !r.perms.is_empty());
        if disclosed {
            let _ = writeln!(out, "{}:", platform.as_str());
        } else {
            let _ = writeln!(out, "# {}: no row resolved", platform.as_str());
        }
        for row in platform_rows {
            if let Some(heading) = &row.table_heading {
                let _ = writeln!(out, "  # {}", comment(heading));
            }
            let mut note = format!("line {}", row.line);
            if let Some(label) = &row.by_label {
                let _ = write!(
                    note,
                    " (review: matched by the label \"{}\", not by an identifier)",
                    comment(label)
                );
            }
            for doubt in &row.doubts {
                let _ = write!(note, " (unresolved: {})", comment(doubt));
            }
            if row.perms.is_empty() {
                let _ = writeln!(
                    out,
                    "  # {note}: left out{}",
                    row.name
                        .as_deref()
                        .map_or(String::new(), |n| format!(", \"{}\"", comment(n)))
                );
                continue;
            }
            let _ = writeln!(out, "  # {note}");
            let mut first = true;
            let mut field = |out: &mut String, key: &str, value: &str| {
                let lead = if first { "  - " } else { "    " };
                first = false;
                let _ = writeln!(out, "{lead}{key}: {value}");
            };
            if let Some(name) = &row.name {
                field(&mut out, "name", &scalar(name));
            }
            let ids: Vec<&str> = row.perms.iter().map(|(p, _)| p.written.as_str()).collect();
            field(&mut out, "permissions", &format!("[{}]", ids.join(", ")));
            if let Some(d) = &row.description {
                field(&mut out, "description", &scalar(d));
            }
            if let Some(p) = &row.purpose {
                field(&mut out, "purpose", &scalar(p));
            }
        }
    }
    out
}

/// Comment text on one line: line breaks and control characters become spaces.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A YAML scalar for `s`: plain when it cannot be read as anything but this string, else
/// double-quoted with escapes.
pub(super) fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", u32::from(c) & 0xFFFF);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    let reserved = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    !first.is_whitespace()
        && !last.is_whitespace()
        && last != ':'
        && (first.is_alphabetic() || !first.is_ascii())
        && !s.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '"' | '\''
                        | '\\'
                        | '#'
                        | '{'
                        | '}'
                        | '['
                        | ']'
                        | '\u{2028}'
                        | '\u{2029}'
                        | '\u{feff}'
                        | '\u{85}'
                )
        })
        && !s.contains(": ")
        && !s.contains(":\t")
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip_through_the_loader() {
        for s in [
            "Caller ID",
            "Save data to the mobile phone system, such as pictures, videos, files, etc; Browse",
            "Take / upload photos and videos",
            "相机",
            "yes",
            "- starts with a dash",
            "a: b",
            "ends with colon:",
            "#hash",
            "quote \" and \\ back",
            "line\nbreak\ttab\u{1}",
            "[bracket]",
            "123",
            " padded ",
            "@at",
            "%percent",
            "*star",
            "&amp",
            "!bang",
            "|pipe",
            ">gt",
            "？问号",
            "\u{85}next line",
        ] {
            let yaml = format!(
                "name: {}\nandroid:\n  - permissions: [CAMERA]\n    purpose: {}\n",
                scalar(s),
                scalar(s)
            );
            let policy = crate::policy::parse(&yaml, Some("t.yaml"))
                .unwrap_or_else(|e| panic!("{s:?} → {yaml}: {e}"));
            assert_eq!(policy.name, s, "{yaml}");
            assert_eq!(policy.rows[0].purpose.as_deref(), Some(s), "{yaml}");
        }
    }
}
