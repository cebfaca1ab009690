//! Conformance of the input parsers over the real-world corpus at `$PERMAUDIT_CORPUS`
//! (see its `README.md`).
//!
//! Every source manifest is read a second time, independently, with the roxmltree DOM and the
//! rules of design §2; every Info.plist is read a second time with `plist::Value`. The two
//! readings must agree exactly.
//!
//! With `PERMAUDIT_CORPUS` unset the tests print that they were skipped and pass; with it set to
//! a directory that does not exist they fail, so CI never skips silently.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use permaudit::model::{InputKind, ParsedInput};

const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";
const TOOLS_NS: &str = "http://schemas.android.com/tools";
const USAGE_SUFFIX: &str = "UsageDescription";

/// permaudit's reading of one corpus file, or `None` with the failure recorded.
fn parse_or_record(shown: &str, bytes: &[u8], failures: &mut Vec<String>) -> Option<ParsedInput> {
    permaudit::input::parse(shown, bytes)
        .map_err(|e| failures.push(format!("{shown}: permaudit failed: {e}")))
        .ok()
}

fn corpus() -> Option<PathBuf> {
    common::shared_dir("PERMAUDIT_CORPUS")
}

/// Files under `dir` (recursively) whose file name satisfies `keep`, sorted.
fn files(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    assert!(dir.is_dir(), "{} is not a directory", dir.display());
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().and_then(|n| n.to_str()).is_some_and(keep) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Path relative to the corpus root, `/`-separated, as shown in reports.
fn display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

// ---------------------------------------------------------------------------------------------
// Android manifests
// ---------------------------------------------------------------------------------------------

/// (name, maxSdkVersion verbatim, uses-permission-sdk-23, line, column, own)
type ReqTuple = (String, Option<String>, bool, u32, u32, bool);
/// (name, tools:node, line, column)
type RemTuple = (Option<String>, String, u32, u32);

/// The independent DOM reading of one manifest.
fn reference_manifest(text: &str) -> (Vec<ReqTuple>, Vec<RemTuple>) {
    // permaudit does not count a BOM; roxmltree skips it when parsing but would count it as a
    // character of line 1 in text_pos_at, so strip it before either sees it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "manifest");
    assert_eq!(root.tag_name().namespace(), None);

    let children = || {
        root.children()
            .filter(|n| n.is_element() && n.tag_name().namespace().is_none())
    };
    let removed = |n: &roxmltree::Node<'_, '_>| {
        matches!(
            n.attribute((TOOLS_NS, "node")),
            Some("remove" | "removeAll")
        )
    };

    let mut own = Vec::new();
    let mut trees = Vec::new();
    // `${applicationId}`/`${packageName}` in a declaration also declares the name built from
    // a literal `package` attribute.
    let package = doc
        .root_element()
        .attribute("package")
        .filter(|p| !p.is_empty() && !p.contains("${"));
    let expand = |name: &str| -> Option<String> {
        let package = package?;
        ["${applicationId}", "${packageName}"]
            .iter()
            .find(|p| name.contains(*p))
            .map(|p| name.replace(p, package))
    };
    for n in children() {
        let kind = n.tag_name().name();
        if (kind == "permission" || kind == "permission-tree") && !removed(&n) {
            let name = n.attribute((ANDROID_NS, "name")).unwrap().to_owned();
            let list = if kind == "permission" {
                &mut own
            } else {
                &mut trees
            };
            list.extend(expand(&name));
            list.push(name);
        }
    }

    let mut requests = Vec::new();
    let mut removals = Vec::new();
    for n in children() {
        let kind = n.tag_name().name();
        if kind != "uses-permission" && kind != "uses-permission-sdk-23" {
            continue;
        }
        let pos = doc.text_pos_at(n.range().start);
        let name = n.attribute((ANDROID_NS, "name")).map(str::to_owned);
        if removed(&n) {
            let node = n.attribute((TOOLS_NS, "node")).unwrap().to_owned();
            removals.push((name, node, pos.row, pos.col));
            continue;
        }
        let name = name.unwrap();
        let is_own = own.contains(&name)
            || trees.iter().any(|t| {
                name.strip_prefix(t.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
            });
        requests.push((
            name,
            n.attribute((ANDROID_NS, "maxSdkVersion"))
                .map(str::to_owned),
            kind == "uses-permission-sdk-23",
            pos.row,
            pos.col,
            is_own,
        ));
    }
    requests.sort();
    removals.sort();
    (requests, removals)
}

fn permaudit_manifest(parsed: &ParsedInput) -> (Vec<ReqTuple>, Vec<RemTuple>) {
    let mut requests: Vec<ReqTuple> = parsed
        .requests
        .iter()
        .map(|r| {
            (
                r.permission.clone(),
                r.max_sdk.clone(),
                r.sdk23_only,
                r.location.line.unwrap(),
                r.location.column.unwrap(),
                r.own,
            )
        })
        .collect();
    let mut removals: Vec<RemTuple> = parsed
        .removals
        .iter()
        .map(|r| {
            (
                r.permission.clone(),
                r.node.clone(),
                r.location.line.unwrap(),
                r.location.column.unwrap(),
            )
        })
        .collect();
    requests.sort();
    removals.sort();
    (requests, removals)
}

#[test]
fn manifests_match_an_independent_dom_reading() {
    let Some(root) = corpus() else { return };
    let manifests = files(&root.join("android"), &|name| {
        name.starts_with("AndroidManifest") && name.ends_with(".xml")
    });

    let mut failures = Vec::new();
    let (mut total_requests, mut total_removals, mut total_own) = (0, 0, 0);
    for path in &manifests {
        let shown = display(&root, path);
        let bytes = std::fs::read(path).unwrap();
        let Some(parsed) = parse_or_record(&shown, &bytes, &mut failures) else {
            continue;
        };
        if parsed.kind != InputKind::Manifest {
            failures.push(format!("{shown}: read as {:?}", parsed.kind));
            continue;
        }
        for r in &parsed.requests {
            if r.location.path != shown {
                failures.push(format!("{shown}: request located in {}", r.location));
            }
        }
        let text = std::str::from_utf8(&bytes).unwrap();
        let expected = reference_manifest(text);
        let got = permaudit_manifest(&parsed);
        let own = got.0.iter().filter(|r| r.5).count();
        eprintln!(
            "{shown}: {} requests, {} removals, {own} own",
            got.0.len(),
            got.1.len()
        );
        total_requests += got.0.len();
        total_removals += got.1.len();
        total_own += own;
        if got.0 != expected.0 {
            failures.push(format!(
                "{shown}: requests differ\n  permaudit: {:?}\n  roxmltree: {:?}",
                got.0, expected.0
            ));
        }
        if got.1 != expected.1 {
            failures.push(format!(
                "{shown}: removals differ\n  permaudit: {:?}\n  roxmltree: {:?}",
                got.1, expected.1
            ));
        }
    }
    eprintln!(
        "{} manifests: {total_requests} requests, {total_removals} removals, {total_own} own",
        manifests.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        manifests.len() >= 45,
        "only {} manifests found under {}/android",
        manifests.len(),
        root.display()
    );
    // The corpus README lists removals in six manifests and own permissions in several.
    assert!(total_removals >= 6, "only {total_removals} removals seen");
    assert!(total_own >= 1, "no own permission seen");
    assert!(total_requests >= 300, "only {total_requests} requests seen");
}

// ---------------------------------------------------------------------------------------------
// Info.plist
// ---------------------------------------------------------------------------------------------

/// (key, purpose)
type PlistTuple = (String, Option<String>);

fn reference_plist(bytes: &[u8]) -> Vec<PlistTuple> {
    let value = plist::Value::from_reader(std::io::Cursor::new(bytes)).unwrap();
    let dict = value.as_dictionary().unwrap();
    let mut out: Vec<PlistTuple> = dict
        .iter()
        .filter(|(k, _)| k.len() > USAGE_SUFFIX.len() && k.ends_with(USAGE_SUFFIX))
        .map(|(k, v)| (k.clone(), v.as_string().map(str::to_owned)))
        .collect();
    out.sort();
    out
}

/// Xcode can run Info.plist through the C preprocessor (`INFOPLIST_PREPROCESS`), so a source
/// Info.plist may hold `#ifndef …`/`#endif` lines as stray text between elements (the corpus's
/// `owncloud` does). The plist crate refuses stray text; permaudit, like plistlib, ignores it and
/// keeps every key (both sides of a conditional). For the plist crate's reading, blank such lines
/// out; `None` when there are none.
fn without_preprocessor_lines(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut changed = false;
    let out: Vec<u8> = bytes
        .split_inclusive(|&b| b == b'\n')
        .flat_map(|line| {
            if line.trim_ascii_start().starts_with(b"#") {
                changed = true;
                line.iter()
                    .map(|&b| if b == b'\n' { b } else { b' ' })
                    .collect::<Vec<u8>>()
            } else {
                line.to_vec()
            }
        })
        .collect();
    changed.then_some(out)
}

/// Positions (line, column) of the `<key>` elements of the top-level dictionary whose text is a
/// purpose-string key, read with roxmltree.
fn reference_xml_key_positions(text: &str) -> Vec<(String, u32, u32)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).unwrap();
    let dict = doc
        .root_element()
        .children()
        .find(|n| n.is_element())
        .unwrap();
    assert_eq!(dict.tag_name().name(), "dict");
    let mut out: Vec<_> = dict
        .children()
        .filter(|n| n.has_tag_name("key"))
        .filter_map(|n| {
            let key = n.text().unwrap_or_default();
            (key.len() > USAGE_SUFFIX.len() && key.ends_with(USAGE_SUFFIX)).then(|| {
                let pos = doc.text_pos_at(n.range().start);
                (key.to_owned(), pos.row, pos.col)
            })
        })
        .collect();
    out.sort();
    out
}

#[test]
fn plists_match_the_plist_crate() {
    let Some(root) = corpus() else { return };
    let plists = files(&root.join("ios"), &|name| name == "Info.plist");

    let mut failures = Vec::new();
    let (mut binary, mut total_requests) = (Vec::new(), 0);
    for path in &plists {
        let shown = display(&root, path);
        let bytes = std::fs::read(path).unwrap();
        let Some(parsed) = parse_or_record(&shown, &bytes, &mut failures) else {
            continue;
        };
        let is_binary = bytes.starts_with(b"bplist");
        let expected_kind = if is_binary {
            InputKind::BinaryPlist
        } else {
            InputKind::Plist
        };
        if parsed.kind != expected_kind {
            failures.push(format!("{shown}: read as {:?}", parsed.kind));
        }
        if is_binary {
            binary.push(shown.clone());
        }

        let mut got: Vec<PlistTuple> = parsed
            .requests
            .iter()
            .map(|r| (r.permission.clone(), r.purpose.clone()))
            .collect();
        got.sort();
        eprintln!("{shown}: {} requests ({})", got.len(), parsed.kind.as_str());
        total_requests += got.len();
        let expected = if is_binary {
            reference_plist(&bytes)
        } else if let Some(cleaned) = without_preprocessor_lines(&bytes) {
            eprintln!("  (C preprocessor lines blanked for the plist crate's reading)");
            reference_plist(&cleaned)
        } else {
            reference_plist(&bytes)
        };
        if got != expected {
            failures.push(format!(
                "{shown}: requests differ\n  permaudit: {got:?}\n  plist:     {expected:?}"
            ));
        }

        // Locations: the file only for a binary plist, the `<key>` for an XML one.
        let mut positions: Vec<(String, u32, u32)> = Vec::new();
        for r in &parsed.requests {
            match (r.location.line, r.location.column) {
                (Some(line), Some(column)) if !is_binary => {
                    positions.push((r.permission.clone(), line, column));
                }
                (None, None) if is_binary => {}
                _ => failures.push(format!("{shown}: unexpected location {}", r.location)),
            }
        }
        if !is_binary {
            positions.sort();
            let text = std::str::from_utf8(&bytes).unwrap();
            let expected = reference_xml_key_positions(text);
            if positions != expected {
                failures.push(format!(
                    "{shown}: key positions differ\n  permaudit: {positions:?}\n  \
                     roxmltree: {expected:?}"
                ));
            }
        }
    }
    eprintln!(
        "{} plists ({} binary): {total_requests} requests",
        plists.len(),
        binary.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        plists.len() >= 30,
        "only {} Info.plist files found under {}/ios",
        plists.len(),
        root.display()
    );
    assert!(
        binary
            .iter()
            .any(|p| p == "ios/onionshare-from-ipa/Info.plist"),
        "the ipa-extracted binary plist was not audited (binary plists: {binary:?})"
    );
    assert!(binary.len() >= 3, "only {} binary plists", binary.len());
}
