//! The Android Gradle plugin's manifest merger report
//! (`build/outputs/logs/manifest-merger-<variant>-report.txt`): for each element of the merged
//! manifest, the file or library that added it (`ADDED from`), the others that declared it too
//! (`MERGED from`), and permissions the merger added itself (`IMPLIED from … reason: …`).
//!
//! Both the 2014 format (`ADDED from AndroidManifest.xml:27:5`,
//! `MERGED from com.android.support:appcompat-v7:21.0.3:15:5`) and the current one
//! (`ADDED from [group:name:version] /path/AndroidManifest.xml:25:5-79`, Windows paths
//! included) are read. Attribute lines (indented) are skipped: only elements matter here.

use crate::input::InputError;
use crate::model::Location;

/// What the merger did with one declaration of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The declaration that put the element into the merged manifest.
    Added,
    /// Another declaration merged into it.
    Merged,
    /// Added by the merger itself for a library with an old targetSdkVersion.
    Implied,
    /// Removed (`tools:node="remove"`) or rejected.
    Removed,
}

/// One `ADDED/MERGED/IMPLIED/REJECTED from` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// What was done.
    pub action: Action,
    /// The library (`com.google.firebase:firebase-database:19.2.1`), when the declaration is
    /// a library's.
    pub library: Option<String>,
    /// The file, as the report writes it (absolute, possibly a Windows path).
    pub file: Option<String>,
    /// The line in that file.
    pub line: Option<u32>,
    /// For `IMPLIED`: the merger's reason.
    pub reason: Option<String>,
    /// Line of this record in the report.
    pub report_line: u32,
}

/// One element of the merged manifest (`uses-permission#android.permission.INTERNET`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Element name (`uses-permission`, `uses-permission-sdk-23`, `permission`).
    pub element: String,
    /// Its key (the permission name).
    pub key: String,
    /// Line of the element's header in the report.
    pub report_line: u32,
    /// Its records, in report order.
    pub records: Vec<Record>,
}

impl Entry {
    /// The record that put the element into the merged manifest, if it is still there.
    pub fn added(&self) -> Option<&Record> {
        if self.records.iter().any(|r| r.action == Action::Removed) {
            return None;
        }
        self.records
            .iter()
            .find(|r| matches!(r.action, Action::Added | Action::Implied))
    }
}

/// Largest report read; real ones are under a few MB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Parses a report; only permission elements are kept.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Vec<Entry>, InputError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::invalid(
            Location::file(path),
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut current: Option<usize> = None;
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let n = crate::model::saturating_u32(i + 1);
        let line = raw.trim_end_matches('\r');
        if line.starts_with("-- Merging decision tree log") {
            seen_header = true;
            continue;
        }
        if line.is_empty() || line.starts_with(char::is_whitespace) {
            // An attribute, or a record of an attribute.
            continue;
        }
        if let Some(record) = record(line, n) {
            let record = record.map_err(|m| InputError::invalid(Location::at(path, n, 1), m))?;
            if let Some(e) = current.and_then(|c| entries.get_mut(c)) {
                e.records.push(record);
            }
            continue;
        }
        // An element header: `name` or `name#key`, optionally with the `android:` prefix old
        // reports put on elements.
        current = None;
        let header = line.trim();
        let (element, key) = header.split_once('#').unwrap_or((header, ""));
        let element = element.strip_prefix("android:").unwrap_or(element);
        if element.contains(char::is_whitespace) {
            if !seen_header && entries.is_empty() {
                return Err(InputError::invalid(
                    Location::at(path, n, 1),
                    "not a manifest merger report: expected `-- Merging decision tree log ---` \
                     or an element line such as `uses-permission#android.permission.INTERNET`",
                ));
            }
            continue;
        }
        if matches!(
            element,
            "uses-permission" | "uses-permission-sdk-23" | "uses-permission-sdk-m" | "permission"
        ) && !key.is_empty()
        {
            entries.push(Entry {
                element: element.to_owned(),
                key: key.to_owned(),
                report_line: n,
                records: Vec::new(),
            });
            current = Some(entries.len() - 1);
        }
    }
    if !seen_header && entries.is_empty() {
        return Err(InputError::invalid(
            Location::file(path),
            "not a manifest merger report: no `-- Merging decision tree log ---` line and no \
             element",
        ));
    }
    Ok(entries)
}

/// A record line, if `line` is one; `Err` when it is one but cannot be read.
fn record(line: &str, n: u32) -> Option<Result<Record, String>> {
    let (action, rest) = [
        ("ADDED from ", Action::Added),
        ("MERGED from ", Action::Merged),
        ("IMPLIED from ", Action::Implied),
        ("REJECTED from ", Action::Removed),
        ("REMOVED from ", Action::Removed),
    ]
    .into_iter()
    .find_map(|(p, a)| line.strip_prefix(p).map(|r| (a, r)))?;
    let (rest, reason) = match rest.split_once(" reason: ") {
        Some((r, why)) => (r, Some(why.trim().to_owned())),
        None => (rest, None),
    };
    let rest = rest.trim();
    let (library, place) = match rest.strip_prefix('[') {
        Some(r) => match r.split_once(']') {
            Some((lib, place)) => (Some(lib.trim().to_owned()), place.trim()),
            None => return Some(Err(format!("`[` without `]` in `{line}`"))),
        },
        None => (None, rest),
    };
    let (file, line_no) = split_position(place);
    // The 2014 format names a library by its coordinates instead of a file.
    let (library, file) = match (library, file) {
        (None, Some(f)) if !f.contains(['/', '\\']) && !f.ends_with(".xml") && f.contains(':') => {
            (Some(f), None)
        }
        (l, f) => (l, f),
    };
    if library.is_none() && file.is_none() {
        return Some(Err(format!(
            "a record that names no file or library: `{line}`"
        )));
    }
    Some(Ok(Record {
        action,
        library,
        file,
        line: line_no,
        reason,
        report_line: n,
    }))
}

/// `path:line:col`, `path:line:col-line:col`, `path:line:col-col` → (path, line).
fn split_position(place: &str) -> (Option<String>, Option<u32>) {
    let mut parts: Vec<&str> = place.rsplitn(4, ':').collect();
    parts.reverse();
    // Try the longest numeric tail: [..., line, col(-range)] or [..., line, col-line, col].
    let numeric = |s: &str| {
        !s.is_empty()
            && s.split('-')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    for tail in [3usize, 2] {
        if parts.len() > tail && parts[parts.len() - tail..].iter().all(|p| numeric(p)) {
            let head = parts[..parts.len() - tail].join(":");
            let line = parts[parts.len() - tail]
                .split('-')
                .next()
                .and_then(|l| l.parse().ok());
            return (Some(head).filter(|h| !h.is_empty()), line);
        }
    }
    (Some(place.to_owned()).filter(|p| !p.is_empty()), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats() {
        let text = "-- Merging decision tree log ---\nmanifest\nADDED from AndroidManifest.xml:22:1\n\
uses-permission#android.permission.WRITE_SETTINGS\nADDED from AndroidManifest.xml:27:5\n\tandroid:name\n\t\tADDED from AndroidManifest.xml:27:22\n\
uses-permission#A\nADDED from com.android.support:appcompat-v7:21.0.3:15:5\n\
uses-permission#android.permission.ACCESS_NETWORK_STATE\nADDED from [com.google.firebase:firebase-database:19.2.1] C:\\Users\\x y\\AndroidManifest.xml:25:5-79\n\
MERGED from E:\\P\\app\\src\\main\\AndroidManifest.xml:7:5-79\n\
uses-permission#android.permission.READ_PHONE_STATE\nIMPLIED from /p/AndroidManifest.xml:2:1-20:12 reason: lib has a targetSdkVersion < 4\n\
uses-permission#B\nADDED from /a/AndroidManifest.xml:3:5\nREJECTED from /b/AndroidManifest.xml:4:5\n";
        let e = parse("r", text.as_bytes()).unwrap();
        assert_eq!(e.len(), 5);
        let a = e[0].added().unwrap();
        assert_eq!(
            (a.file.as_deref(), a.line),
            (Some("AndroidManifest.xml"), Some(27))
        );
        assert_eq!(
            e[1].added().unwrap().library.as_deref(),
            Some("com.android.support:appcompat-v7:21.0.3")
        );
        let f = e[2].added().unwrap();
        assert_eq!(
            f.library.as_deref(),
            Some("com.google.firebase:firebase-database:19.2.1")
        );
        assert_eq!(
            f.file.as_deref(),
            Some("C:\\Users\\x y\\AndroidManifest.xml")
        );
        assert_eq!((f.line, f.report_line), (Some(25), 11));
        assert_eq!(
            e[2].records[1].file.as_deref(),
            Some("E:\\P\\app\\src\\main\\AndroidManifest.xml")
        );
        let i = e[3].added().unwrap();
        assert_eq!((i.action, i.line), (Action::Implied, Some(2)));
        assert!(i.reason.as_deref().unwrap().contains("targetSdkVersion"));
        assert!(e[4].added().is_none());
    }

    #[test]
    fn not_a_report() {
        let err = parse("r", b"hello world\n").unwrap_err().to_string();
        assert!(
            err.starts_with("r:1:1: not a manifest merger report"),
            "{err}"
        );
        let err = parse(
            "r",
            b"-- Merging decision tree log ---\nx#y\nADDED from [lib\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("r:3:1"), "{err}");
    }
}
